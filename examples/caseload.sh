#!/bin/sh
# caseload: write a made-up caseload, one folder per client, for trying
# steady out and for its tests.  Nobody in it is real.  The same seed,
# length and end date always give the same files, byte for byte.
#
#   sh examples/caseload.sh [-s seed] [-n days] [-e date] [-c config] folder
#
# Four clients, each with checkin.csv, ground.csv, ladder.csv, trials.csv
# and reflect.csv, over the days up to and including the end date (by
# default 90 days to Sunday 22 November 2026):
#   ana   improving: ratings rise, distress falls, her ladder moves up;
#         a grounding exercise and a reflection go with the first trial
#         of each harder step, and she and Sam keep promise.csv together
#   ben   stuck: no clear change either way; he put a mood typed wrongly
#         right, and took back a check-in saved twice
#   cara  worsening, with safety rated 2 or lower in the last fortnight
#   dev   sparse: a few check-ins, none in the last twelve days
# With -c, ana's own settings folder too: her hard dates in dates.csv.
set -eu

seed=1 days=90 end=2026-11-22 conf=
usage() {
	echo "usage: caseload.sh [-s seed] [-n days] [-e date] [-c config]" \
	    "folder" >&2
	exit 2
}
while getopts s:n:e:c: c; do
	case $c in
	s) seed=$OPTARG ;;
	n) days=$OPTARG ;;
	e) end=$OPTARG ;;
	c) conf=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
# bad MESSAGE: a wrong option value, said plainly; exit 2.
bad() {
	echo "caseload.sh: $*, please" >&2
	exit 2
}
case $seed in '' | *[!0-9]*) bad "-s $seed: a whole number" ;; esac
case $days in
'' | *[!0-9]* | 0 | ? | 1[0-3]) bad "-n $days: a whole number from 14" ;;
esac
case $end in
[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]) ;;
*) bad "-e $end: a date such as 2026-11-23" ;;
esac

dir=$1
for c in ana ben cara dev; do
	if [ -e "$dir/$c" ]; then
		echo "caseload.sh: $dir/$c already exists;" \
		    "choose a new folder" >&2
		exit 1
	fi
done
if [ -n "$conf" ] && [ -e "$conf/dates.csv" ]; then
	echo "caseload.sh: $conf/dates.csv already exists;" \
	    "choose a new folder" >&2
	exit 1
fi
umask 077
mkdir -p "$dir"
for c in ana ben cara dev; do
	mkdir "$dir/$c"
done
# The hard dates of ana: the day she found out, and their anniversary.
if [ -n "$conf" ]; then
	mkdir -p "$conf"
	printf '%s\n' 'date,yearly,label,warn,plan' \
	    '2025-09-14,yes,the day I found out,7,box' \
	    '--11-28,,our anniversary,7,slow' >"$conf/dates.csv"
fi

exec awk -v seed="$seed" -v ndays="$days" -v end="$end" -v dir="$dir" '
# A small generator of our own (Park and Miller), so that every awk gives
# the same numbers for the same seed.
function rnd() {
	state = (state * 48271) % 2147483647
	return state / 2147483647
}
function between(lo, hi) {
	return lo + int(rnd() * (hi - lo + 1))
}
function clamp(v, lo, hi) {
	v = int(v + (v < 0 ? -0.5 : 0.5))
	return v < lo ? lo : v > hi ? hi : v
}
# Days since 1970-01-01 and back (proleptic Gregorian calendar).
function daynum(y, m, d,    era, yoe, doy, doe) {
	y -= m <= 2
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function civil(z,    era, doe, yoe, doy, mp, d, m, y) {
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9)
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
# The last Sunday of a month (1970-01-01 was a Thursday).
function lastsun(y, m,    z) {
	z = (m == 12 ? daynum(y + 1, 1, 1) : daynum(y, m + 1, 1)) - 1
	return z - (z + 4) % 7
}
# Central European time: +02:00 from the last Sunday of March to the
# last Sunday of October, else +01:00 (all our times are in daytime).
function offset(z,    y) {
	y = substr(civil(z), 1, 4) + 0
	return z >= lastsun(y, 3) && z < lastsun(y, 10) ? "+02:00" : "+01:00"
}
function stamp(z, h, mi) {
	return sprintf("%sT%02d:%02d:00%s", civil(z), h, mi, offset(z))
}
function weekday(z) {		# 1 Monday .. 7 Sunday
	return (z + 3) % 7 + 1
}
function isoweek(z,    thu, y, jan1) {
	thu = z - weekday(z) + 4
	y = substr(civil(thu), 1, 4) + 0
	jan1 = daynum(y, 1, 1)
	return sprintf("%d-W%02d", y, int((thu - jan1) / 7) + 1)
}
function csvq(s) {
	if (s ~ /[",]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}
function pick(list,    n, a) {
	n = split(list, a, "|")
	return a[between(1, n)]
}
function put(file, line) {
	print line > file
}
function header(c) {
	# Ben corrected a check-in: his log has the amend column since.
	put(dir "/" c "/checkin.csv",
	    "ts,mood,trust,safety,distress,arousal,note" \
	    (c == "ben" ? ",amend" : ""))
	# Grounding during trials: the log of ana has the trial column.
	put(dir "/" c "/ground.csv",
	    "ts,exercise,seconds,pre,post,completed,note" \
	    (c == "ana" ? ",trial" : ""))
	put(dir "/" c "/trials.csv", "ts,id,kind,ladder,step_id,step," \
	    "pre,peak,post,minutes,expect,expect_pct,outcome_pct," \
	    "expect_after,surprise,safety,learned,present,stopped," \
	    "suggested,note")
	put(dir "/" c "/reflect.csv", "ts,kind,id,prompt,text,week," \
	    "situation,emotion,intensity,thought,traps,evidence_for," \
	    "evidence_against,balanced,intensity_after,belief,prediction," \
	    "done,happened,belief_after,trial,step,went_well,hard,adjust," \
	    "learned")
}
# A rating that moves from a to b across the period, with some noise.
function drift(a, b, t, noise, lo, hi) {
	return clamp(a + (b - a) * t + (rnd() - 0.5) * 2 * noise, lo, hi)
}
function checkin(c, z, t, p,    h, mi, mood, trust, safety, dist, ar, note) {
	h = between(19, 22); mi = between(0, 11) * 5
	if (p == "improving") {
		mood = drift(3, 7, t, 1.2, 0, 10)
		trust = drift(2, 6, t, 1, 0, 10)
		safety = drift(5, 8, t, 1, 0, 10)
		dist = drift(7, 3, t, 1.2, 0, 10)
		ar = drift(1.4, 0, t, 0.8, -2, 2)
		note = rnd() < 0.4 ? pick(GOOD) : ""
	} else if (p == "stuck") {
		mood = drift(4, 4, t, 1.5, 0, 10)
		trust = drift(3, 3, t, 1.5, 0, 10)
		safety = drift(6, 6, t, 1.5, 0, 10)
		dist = drift(6, 6, t, 1.5, 0, 10)
		ar = drift(0.5, 0.5, t, 1.2, -2, 2)
		note = rnd() < 0.3 ? pick(SAME) : ""
	} else if (p == "worsening") {
		mood = drift(6, 2, t, 0.8, 0, 10)
		trust = drift(5, 1, t, 0.8, 0, 10)
		safety = drift(7, 1.5, t * t, 0.6, 0, 10)
		dist = drift(4, 8.5, t, 0.8, 0, 10)
		ar = t > 0.6 && rnd() < 0.3 ? -2 : drift(0.3, 2, t, 0.6, -2, 2)
		note = rnd() < 0.4 ? pick(t > 0.7 ? HARD : SAME) : ""
	} else {
		mood = drift(5, 5, t, 2, 0, 10); trust = ""
		safety = drift(6, 6, t, 1.5, 0, 10)
		dist = drift(5, 5, t, 2, 0, 10)
		ar = ""
		note = rnd() < 0.5 ? pick(SAME) : ""
	}
	line = stamp(z, h, mi) "," mood "," trust "," safety "," dist "," \
	    ar "," csvq(note)
	if (c == "ben")
		ben_checkin(c, line, stamp(z, h, mi) "," (mood + 5) % 10 "," \
		    trust "," safety "," dist "," ar "," csvq(note))
	else
		put(dir "/" c "/checkin.csv", line)
	return dist
}
# Ben, a month before the end, typed a mood wrongly and put it right the
# next time he checked in; a fortnight before the end he saved a
# check-in twice and took one back.  What counts is what was generated.
function ben_checkin(c, line, typo,    f) {
	f = dir "/" c "/checkin.csv"
	if (!TYPOED && DAYI >= ndays - 30) {
		TYPOED = 1
		put(f, typo ",")
		FIXNEXT = line ",correct"
		return
	}
	put(f, line ",")
	if (FIXNEXT != "") {
		put(f, FIXNEXT)
		FIXNEXT = ""
	}
	if (!TWICE && DAYI >= ndays - 15) {
		TWICE = 1
		put(f, line ",")
		put(f, line ",correct")
	}
}
function ground(c, z, t, p, dist,    ex, pre, post, done, secs) {
	ex = pick("box|478|slow|sigh|54321|pause")
	pre = clamp(dist + between(0, 2), 0, 10)
	post = clamp(pre - (p == "improving" ? between(2, 4) : between(0, 2)),
	    0, 10)
	done = rnd() < 0.85 ? "yes" : "no"
	secs = ex == "sigh" ? 27 : ex == "pause" ? 60 : between(3, 5) * 60
	if (done == "no")
		secs = int(secs / 2)
	put(dir "/" c "/ground.csv", stamp(z, between(12, 18), between(0, 59)) \
	    "," ex "," secs "," pre "," post "," done "," \
	    (c == "ana" ? "," : ""))
}
# The first try of a harder step, for ana: slow breathing part way, and
# looking back on it an hour after.  No random numbers are drawn, so the
# rest of the caseload is the same with or without these lines.
function linked(c, z, h, mi, id, k, peak,    pre, r) {
	pre = clamp(peak / 10, 0, 10)
	put(dir "/" c "/ground.csv", stamp(z, h, mi + (mi < 50 ? 5 : 0)) \
	    ",slow,300," pre "," clamp(pre - 3, 0, 10) ",yes,," id)
	r = "r" civil(z) "T" sprintf("%02d%02d00", h + 1, mi)
	gsub(/-/, "", r)
	put(dir "/" c "/reflect.csv", stamp(z, h + 1, mi) ",exposure," r \
	    ",,,,,,,,,,,,,,,,,," id "," csvq(STEP[c, k]) "," \
	    csvq("I stayed with it, and the breathing helped") "," \
	    csvq("the first minutes, before I slowed down") "," \
	    csvq("breathe first, then start") "," \
	    csvq(pick_first(LEARNED)))
}
function pick_first(list,    a) {
	split(list, a, "|")
	return a[1]
}
function trial(c, z, t, p, k,    id, peak, pre, post, ep, op, st, h, mi) {
	h = between(10, 17); mi = between(0, 59)
	id = "t" civil(z) "T" sprintf("%02d%02d00", h, mi)
	gsub(/-/, "", id)
	if (p == "improving") {
		peak = clamp(STEPSUDS[c, k] + 10 - 45 * TRIED[c, k] / 6 + \
		    between(-5, 5), 0, 100)
		ep = clamp(70 - 10 * TRIED[c, k], 10, 90); op = between(0, 15)
	} else {
		peak = clamp(STEPSUDS[c, k] + between(-5, 15), 0, 100)
		ep = between(60, 80); op = between(10, 40)
	}
	pre = clamp(peak / 2 + between(-5, 5), 0, 100)
	post = clamp(peak / 2 - between(0, 15), 0, 100)
	st = peak >= 80 && rnd() < 0.5 ? "yes" : "no"
	if (c == "ana" && k > 1 && TRIED[c, k] == 0)
		NEXTLINK = 1
	TRIED[c, k]++
	put(dir "/" c "/trials.csv", stamp(z, h, mi) "," id ",planned,main," \
	    k "," csvq(STEP[c, k]) "," pre "," peak "," post "," \
	    between(10, 40) "," csvq(EXPECT[k]) "," ep "," op "," \
	    clamp(ep - 20, 0, 100) "," between(10, 60) ",," \
	    csvq(op < 20 ? pick(LEARNED) : "") "," between(4, 9) "," st ",,")
	if (NEXTLINK) {
		NEXTLINK = 0
		linked(c, z, h, mi, id, k, peak)
	}
}
function reflect(c, z, t, p,    h, n) {
	h = between(20, 22)
	if (weekday(z) == 7) {
		put(dir "/" c "/reflect.csv", stamp(z, h, 30) ",weekly,r" \
		    substr(civil(z), 1, 4) substr(civil(z), 6, 2) \
		    substr(civil(z), 9, 2) "T" h "3000,," \
		    csvq(pick(p == "improving" ? GOOD : SAME)) "," \
		    isoweek(z) ",,,,,,,,," REST)
		return
	}
	n = rnd()
	if (n < 0.5)
		put(dir "/" c "/reflect.csv", stamp(z, h, 10) ",journal,r" \
		    substr(civil(z), 1, 4) substr(civil(z), 6, 2) \
		    substr(civil(z), 9, 2) "T" h "1000," \
		    csvq("What helped today, even a little?") "," \
		    csvq(pick(p == "worsening" && t > 0.6 ? HARD : GOOD)) \
		    ",,,,,,,,,," REST)
	else
		put(dir "/" c "/reflect.csv", stamp(z, h, 20) ",thought,r" \
		    substr(civil(z), 1, 4) substr(civil(z), 6, 2) \
		    substr(civil(z), 9, 2) "T" h "2000,,,," \
		    csvq("a late message on their phone") ",anxious," \
		    between(50, 90) "," csvq(pick(THOUGHTS)) "," \
		    pick("mind_reading|catastrophising|all_or_nothing") \
		    ",,," csvq("I can ask, and listen to the answer") "," \
		    between(20, 60) REST)
}
function ladder(c, p,    k) {
	put(dir "/" c "/ladder.csv",
	    "id,ladder,step,suds,first_suds,status,created,ratings")
	for (k = 1; k <= 4; k++) {
		STEP[c, k] = LSTEP[k]
		STEPSUDS[c, k] = 20 + 15 * k
		put(dir "/" c "/ladder.csv", k ",main," csvq(LSTEP[k]) "," \
		    STEPSUDS[c, k] "," STEPSUDS[c, k] ",active," civil(FIRST) \
		    "," civil(FIRST) ":" STEPSUDS[c, k])
	}
}
function client(c, p, every, gap,    i, z, t, dist, k) {
	header(c)
	ladder(c, p)
	k = 1
	for (i = 0; i < ndays; i++) {
		DAYI = i
		z = FIRST + i
		t = i / (ndays - 1)
		dist = ""
		if (i < ndays - gap && rnd() < every)
			dist = checkin(c, z, t, p)
		if (dist != "" && rnd() < (p == "improving" ? 0.45 : 0.2))
			ground(c, z, t, p, dist)
		# Exposure practice waits while safety is falling.
		if (p != "sparse" && !(p == "worsening" && t > 0.5) &&
		    weekday(z) % 3 == 0 && rnd() < 0.7) {
			trial(c, z, t, p, k)
			if (p == "improving" && TRIED[c, k] >= 5 && k < 4)
				k++
		}
		if (dist != "" && (weekday(z) == 7 || rnd() < 0.15))
			reflect(c, z, t, p)
	}
	close(dir "/" c "/checkin.csv"); close(dir "/" c "/ground.csv")
	close(dir "/" c "/trials.csv"); close(dir "/" c "/reflect.csv")
	close(dir "/" c "/ladder.csv")
	if (c == "ana")
		promises(c)
}
# The record ana and Sam keep together, over the last six weeks: on
# Mondays Sam makes a promise for that evening, kept nearly always; one
# talked over ahead of time, one missed and said so, after a kept saved
# for it by mistake was taken back; a thing shared unasked on
# Wednesdays, a check-in together on Sundays.
function promises(c,    f, i, z, n, by, what, wd) {
	f = dir "/" c "/promise.csv"
	put(f, "ts,kind,id,who,what,by,ahead,note,amend")
	n = 0
	for (i = ndays - 42; i < ndays; i++) {
		if (i < 0)
			continue
		z = FIRST + i
		wd = weekday(z)
		if (wd == 1) {
			what = PROMISED[n % 6 + 1]
			n++
			by = stamp(z, 18, 0)
			put(f, stamp(z, 8, 0) ",made," n ",Sam," \
			    csvq(what) "," by ",,,")
			if (n == 2) {
				put(f, stamp(z, 11, 30) ",renegotiated," n \
				    ",Sam," csvq(what) "," stamp(z, 19, 0) \
				    ",yes," csvq(RAN_LATE) ",")
				put(f, stamp(z, 19, 0) ",kept," n ",Sam," \
				    csvq(what) ",,,,")
			} else if (n == 4) {
				put(f, stamp(z, 18, 5) ",kept," n ",Sam," \
				    csvq(what) ",,,,")
				put(f, stamp(z, 18, 5) ",kept," n ",,,,,," \
				    "withdraw")
				put(f, stamp(z, 18, 40) ",missed," n ",Sam," \
				    csvq(what) ",,," \
				    csvq("forgot; we will set a reminder") ",")
			} else
				put(f, stamp(z, 18, 0) ",kept," n ",Sam," \
				    csvq(what) ",,,,")
		} else if (wd == 3)
			put(f, stamp(z, 20, 0) ",offered,,Sam," \
			    csvq(SHARED[i % 3 + 1]) ",,,,")
		else if (wd == 7)
			put(f, stamp(z, 20, 30) ",talked,,," \
			    csvq("how the week went") ",,,,")
	}
	close(f)
}
BEGIN {
	state = seed % 2147483646 + 1
	REST = ",,,,,,,,,,,"	# the columns of the other kinds of entry
	split(end, e, "-")
	FIRST = daynum(e[1] + 0, e[2] + 0, e[3] + 0) - ndays + 1
	GOOD = "a calm walk after work|kept our agreement about phones|" \
	    "slept through the night|" \
	    "we talked, and it did not turn into a fight|" \
	    "used the breathing before the call|set a boundary and kept it|" \
	    "a good session; felt heard"
	SAME = "tired; the same loop of thoughts|a hard evening, then better|" \
	    "work was busy, no space to think|did not want to talk about it|" \
	    "old messages came back to mind|an ordinary day"
	HARD = "could not sleep again|everything feels raw, nothing helps|" \
	    "felt unsafe after the argument|numb all day|" \
	    "another lie came out; on edge"
	THOUGHTS = "they are lying to me again|I will never trust anyone|" \
	    "everyone can see I was a fool"
	LEARNED = "it was hard and I got through it|" \
	    "the fear faded faster than I thought|nothing bad happened"
	RAN_LATE = "the meeting ran late; said so at lunch"
	PROMISED[1] = "home by six"
	PROMISED[2] = "call at lunch"
	PROMISED[3] = "text when leaving work"
	PROMISED[4] = "cook together on Monday"
	PROMISED[5] = "phone off at dinner"
	PROMISED[6] = "walk after work"
	SHARED[1] = "told you J called about work"
	SHARED[2] = "showed you the message from my brother"
	SHARED[3] = "said where I was going at lunch"
	LSTEP[1] = "drive past the restaurant"
	LSTEP[2] = "say her name out loud"
	LSTEP[3] = "look at photos from that summer"
	LSTEP[4] = "read the old messages"
	EXPECT[1] = "I will panic and have to pull over"
	EXPECT[2] = "I will cry and not be able to stop"
	EXPECT[3] = "the whole day will be ruined"
	EXPECT[4] = "I will not be able to stop thinking about it"
	client("ana", "improving", 0.85, 0)
	client("ben", "stuck", 0.8, 0)
	client("cara", "worsening", 0.85, 0)
	client("dev", "sparse", 0.2, 12)
}'
