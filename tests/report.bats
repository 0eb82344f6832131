#!/usr/bin/env bats
# report: trends, formats, caseloads and partials, as a user sees them.

load helper

FULL='source,group,period,log,item,measure,n,mean,sd,min,max,first,last,trend_per_week,trend_low,trend_high,trend,baseline,recent'

@test "report: --help prints the usage and exits 0" {
	run -0 report --help
	assert_line --index 0 'usage: report [-f format] [-b by] [-g column] [-s when] [-u when] [-c columns]'
}

@test "report: --version prints the version" {
	run -0 report --version
	assert_output 'report (steady) 0.1.0'
}

@test "report: usage errors exit 2" {
	run -2 --separate-stderr report --bogus
	assert_equal "${stderr_lines[0]}" 'report: --bogus is not an option'
	run -2 --separate-stderr report --format pdf
	assert_equal "${stderr_lines[0]}" 'report: --format pdf: use table, csv, tsv, md, json or html'
	run -2 --separate-stderr report --by year
	assert_equal "${stderr_lines[0]}" 'report: --by year: use day, week, month or all'
	run -2 --separate-stderr report --summary --by week
	assert_equal "$stderr" 'report: --summary looks at the whole range; leave out --by'
}

@test "report: statistics of a week of check-ins match values worked by hand" {
	# mood 2,4,4,4,5,5,7 on seven days: mean 31/7, sd sqrt(16/7),
	# slope 18/28 a day = 4.5 a week, 95% interval 4.5 +/- 7*2.571*0.1237.
	run -0 report "$FIXTURES/week.csv"
	assert_line --index 0 "$FULL"
	assert_line --index 1 'fixtures,,,check-ins,,mood,7,4.429,1.512,2,7,2,7,4.5,2.273,6.727,improving,4.429,4.429'
	assert_line --index 3 'fixtures,,,check-ins,,safety,7,6.286,2.059,2,8,6,8,1.25,-6.284,8.784,no clear change,6.286,6.286'
	assert_line --index 4 'fixtures,,,check-ins,,distress,7,5.571,1.718,3,8,8,3,-5.5,-6.496,-4.504,improving,5.571,5.571'
	assert_line --index 5 'fixtures,,,check-ins,,arousal,7,0.143,0.69,-1,1,1,-1,-2,-3.15,-0.85,falling,0.143,0.143'
}

@test "report: a table on request, with concerns and wins in plain words" {
	run -0 report -f table "$FIXTURES/week.csv"
	assert_line 'Check-ins on 7 of 22 days, from 2026-11-02 to 2026-11-23.'
	assert_line 'Concern to look at: safety was rated 2 or lower on 1 check-in.'
	assert_line 'Concern to look at: the last check-in was 15 days before the end of this period.'
	assert_line 'Win: mood has been improving (about +4.5 a week).'
	assert_line 'Win: distress has been improving (about -5.5 a week).'
	assert_line --regexp '^mood +7 +4\.4 +1\.5 +2 +7 +7 +improving +4\.5 +4\.4 +4\.4 +▄$'
}

@test "report: TSV input gives the same report as CSV" {
	tr ',' '\t' <"$FIXTURES/week.csv" | sed 's/"a quiet day\tmostly"/quiet/' >"$BATS_TEST_TMPDIR/week.tsv"
	run -0 sh -c "report -S fixtures <'$BATS_TEST_TMPDIR/week.tsv'"
	local tsv=$output
	run -0 sh -c "report -S fixtures <'$FIXTURES/week.csv'"
	assert_equal "$tsv" "$output"
}

@test "report: reads standard input, named with --source" {
	run -0 sh -c "checkin --log | report -S me"
	assert_output "$FULL"
	checkin mood=5
	checkin --at 2026-11-22T08:00 mood=4
	run -0 sh -c "checkin --log | report -S me"
	assert_line --index 1 'me,,,check-ins,,mood,2,4.5,0.707,4,5,4,5,,,,too few to tell,4.5,4.5'
}

@test "report: --since and --until keep to the range" {
	run -0 report --since 2026-11-05 --until 2026-11-06 "$FIXTURES/week.csv"
	assert_line --index 1 'fixtures,,,check-ins,,mood,2,4.5,0.707,4,5,4,5,,,,too few to tell,4.5,4.5'
}

@test "report: --by week gives a row per ISO week" {
	# Week 45 holds 4,4,4,4,4,5,5: mean 30/7, slope 5/28 a day (1.25 a
	# week), interval 1.25 +/- 7*2.571*0.0630; checked by hand.  A week
	# is shorter than the 14-day averages: they stay empty.
	run -0 report --by week --cols mood "$FIXTURES/clients/ana/checkin.csv"
	assert_output "$FULL
ana,,2026-W44,check-ins,,mood,7,3.143,0.378,3,4,3,4,0.75,-0.363,1.863,no clear change,,
ana,,2026-W45,check-ins,,mood,7,4.286,0.488,4,5,4,5,1.25,0.137,2.363,improving,,
ana,,2026-W46,check-ins,,mood,7,5.429,0.535,5,6,5,6,1.5,0.504,2.496,improving,,
ana,,2026-W47,check-ins,,mood,7,6.571,0.535,6,7,6,7,1.5,0.504,2.496,improving,,"
}

@test "report: --by month and --by day label periods" {
	run -0 report --by month --cols mood "$FIXTURES/clients/ana/checkin.csv"
	assert_line --index 1 --partial 'ana,,2026-10,check-ins,,mood,6,'
	assert_line --index 2 --partial 'ana,,2026-11,check-ins,,mood,22,'
	run -0 report --by day --cols mood "$FIXTURES/week.csv"
	assert_line --index 7 'fixtures,,2026-11-08,check-ins,,mood,1,7,,7,7,7,7,,,,too few to tell,,'
}

@test "report: a caseload summary puts concerns first" {
	cd "$FIXTURES"
	run -0 report --summary clients/*/checkin.csv
	assert_output 'source,last_checkin,days_checked,days_in_range,mood,trust,safety,distress,arousal,concerns,wins
ben,2026-11-22,23,29,worsening,no clear change,no clear change,worsening,rising,3,0
cy,2026-11-03,4,29,no clear change,no clear change,no clear change,no clear change,no clear change,1,0
ana,2026-11-22,28,29,improving,improving,improving,improving,falling,0,5'
}

@test "report: each client's rows carry the client's folder name" {
	cd "$FIXTURES"
	run -0 report --cols safety clients/*/checkin.csv
	assert_line --index 1 --partial 'ana,,,check-ins,,safety,28,'
	assert_line --index 2 --partial 'ben,,,check-ins,,safety,23,'
	assert_line --index 3 --partial 'cy,,,check-ins,,safety,4,'
}

@test "report: four shards merged equal one pass, exactly, in every format" {
	local f p
	head -n 1 "$FIXTURES/clients/ben/checkin.csv" >"$BATS_TEST_TMPDIR/h"
	tail -q -n +2 "$FIXTURES"/clients/*/checkin.csv | awk 'NR % 7 != 3' |
	    sort -t, -k2 >"$BATS_TEST_TMPDIR/body"
	cat "$BATS_TEST_TMPDIR/h" "$BATS_TEST_TMPDIR/body" >"$BATS_TEST_TMPDIR/all.csv"
	split -n l/4 "$BATS_TEST_TMPDIR/body" "$BATS_TEST_TMPDIR/part."
	for p in "$BATS_TEST_TMPDIR"/part.??; do
		cat "$BATS_TEST_TMPDIR/h" "$p" | report --partial -S all >"$p.partial"
	done
	for f in csv json table md html; do
		report -f $f -S all <"$BATS_TEST_TMPDIR/all.csv" >"$BATS_TEST_TMPDIR/one.$f"
		run -0 report -f $f --merge "$BATS_TEST_TMPDIR"/part.a{d,b,c,a}.partial
		assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/one.$f")"
	done
}

@test "report: a caseload with items nobody rated merges to the same summary" {
	local c f
	cd "$BATS_TEST_TMPDIR"
	mkdir -p clients/ana clients/bo
	# No one rated trust or arousal: their columns stay, empty.
	printf '%s\n' 'ts,mood,trust,safety,distress,arousal,note' \
	    '2026-11-20T08:00:00+01:00,5,,7,3,,' \
	    '2026-11-21T08:00:00+01:00,6,,7,3,,' >clients/ana/checkin.csv
	printf '%s\n' 'ts,mood,trust,safety,distress,arousal,note' \
	    '2026-11-20T08:00:00+01:00,4,,6,5,,' >clients/bo/checkin.csv
	for c in ana bo; do
		report --partial clients/$c/checkin.csv >clients/$c/checkin.part
	done
	run -0 report --summary clients/*/checkin.csv
	assert_line --index 0 'source,last_checkin,days_checked,days_in_range,mood,trust,safety,distress,arousal,concerns,wins'
	for f in csv tsv table md json html; do
		report --summary -f $f clients/*/checkin.csv >one.$f
		report --merge --summary -f $f clients/*/checkin.part >merged.$f
		run -0 cmp one.$f merged.$f
	done
	# Merged again, and the other way round, it is still the same.
	report --merge --partial clients/*/checkin.part >both.part
	report --merge --summary clients/bo/checkin.part clients/ana/checkin.part >again.csv
	run -0 cmp one.csv again.csv
	run -0 sh -c 'report --merge --summary both.part | cmp - one.csv'
}

@test "report: --merge refuses a file that is not a partial" {
	run -1 --separate-stderr report --merge "$FIXTURES/week.csv"
	assert_equal "$stderr" "report: $FIXTURES/week.csv:1: this is not a partial from report --partial"
}

@test "report: grounding logs show each exercise and what it did for distress" {
	run -0 report -f table "$FIXTURES/ground.csv"
	assert_line 'Win: box went with distress falling by 2.3 on average (3 sessions).'
	refute_line --partial 'Win: sigh'
	run -0 report --cols pre,post "$FIXTURES/ground.csv"
	assert_output "$FULL
fixtures,,,grounding,box,pre,3,7,1,6,8,7,8,1.75,-36.763,40.263,no clear change,7,7
fixtures,,,grounding,box,post,3,4.667,0.577,4,5,5,5,0,-25.675,25.675,no clear change,4.667,4.667
fixtures,,,grounding,box,change,3,-2.333,0.577,-3,-2,-2,-3,-1.75,-14.588,11.088,no clear change,-2.333,-2.333
fixtures,,,grounding,sigh,pre,2,5.5,0.707,5,6,5,6,,,,too few to tell,5.5,5.5
fixtures,,,grounding,sigh,post,2,5,0,5,5,5,5,,,,too few to tell,5,5
fixtures,,,grounding,sigh,change,2,-0.5,0.707,-1,0,0,-1,,,,too few to tell,-0.5,-0.5"
}

@test "report: any CSV or TSV: numeric columns summarised, text left out" {
	# Without a ts column there is no time: no first, last or trend.
	run -0 report "$FIXTURES/sleep.tsv"
	assert_output "$FULL
fixtures,,,data,,hours,3,7.25,1.146,6,8.25,,,,,,,,
fixtures,,,data,,quality,3,3,1,2,4,,,,,,,,"
}

@test "report: --group makes a group of each value of a column" {
	run -0 report --group person --cols hours "$FIXTURES/sleep.tsv"
	assert_line --index 1 --partial 'fixtures,a,,data,,hours,2,6.75,'
	assert_line --index 2 --partial 'fixtures,b,,data,,hours,1,8.25,'
	run -1 --separate-stderr report --group nobody "$FIXTURES/sleep.tsv"
	assert_equal "${stderr_lines[0]}" "report: $FIXTURES/sleep.tsv:1: there is no column \"nobody\" to group by"
}

@test "report: --cols names columns; text in one is a row that cannot be used" {
	run -1 --separate-stderr report --cols comment "$FIXTURES/sleep.tsv"
	assert_equal "${stderr_lines[0]}" "report: $FIXTURES/sleep.tsv:2: comment \"fine\" is not a number"
	assert_equal "${stderr_lines[3]}" 'report: 3 rows could not be used (see above)'
}

@test "report: rows it cannot use are reported with file:line, never dropped silently" {
	printf '%s\n' 'ts,mood,note' '2026-11-01T08:00:00+01:00,5,' \
	    '2026-11-02T08:00:00+01:00,five,' 'yesterday,4,' \
	    '2026-11-03T08:00:00+01:00,6' '2026-11-04T08:00:00+01:00,7,' >"$BATS_TEST_TMPDIR/bad.csv"
	run -1 --separate-stderr report "$BATS_TEST_TMPDIR/bad.csv"
	assert_line --index 1 --partial ',check-ins,,mood,2,6,'
	assert_equal "${stderr_lines[0]}" "report: $BATS_TEST_TMPDIR/bad.csv:3: mood \"five\" is not a number"
	assert_regex "${stderr_lines[1]}" "^report: $BATS_TEST_TMPDIR/bad.csv:4: ts \"yesterday\" is not"
	assert_equal "${stderr_lines[2]}" "report: $BATS_TEST_TMPDIR/bad.csv:5: has 2 fields, the header has 3"
	assert_equal "${stderr_lines[3]}" 'report: 3 rows could not be used (see above)'
}

@test "report: --strict stops at the first row it cannot use" {
	printf '%s\n' 'ts,mood' '2026-11-01T08:00:00+01:00,x' '2026-11-02T08:00:00+01:00,y' >"$BATS_TEST_TMPDIR/bad.csv"
	run -1 --separate-stderr report --strict "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/bad.csv:2: mood \"x\" is not a number"
	assert_output ''
}

@test "report: a missing file is an error naming it" {
	run -1 --separate-stderr report "$BATS_TEST_TMPDIR/none.csv"
	assert_equal "${stderr_lines[0]}" "report: $BATS_TEST_TMPDIR/none.csv: No such file or directory"
}

@test "report: empty and header-only input give a header and nothing else" {
	run -0 sh -c 'report </dev/null'
	assert_output "$FULL"
	run -0 sh -c "head -n 1 '$FIXTURES/week.csv' | report"
	assert_output "$FULL"
}

@test "report: CSV guards text cells against spreadsheet formulas" {
	mkdir -p "$BATS_TEST_TMPDIR/=cmd"
	cp "$FIXTURES/week.csv" "$BATS_TEST_TMPDIR/=cmd/"
	run -0 report --cols arousal "$BATS_TEST_TMPDIR/=cmd/week.csv"
	assert_line --index 1 "'=cmd,,,check-ins,,arousal,7,0.143,0.69,-1,1,1,-1,-2,-3.15,-0.85,falling,0.143,0.143"
}

@test "report: CSV reads back unchanged through miller" {
	cd "$FIXTURES"
	report clients/*/checkin.csv >"$BATS_TEST_TMPDIR/r.csv"
	# miller reads TZ itself and knows only zone names.
	TZ=UTC run -0 mlr --csv cat "$BATS_TEST_TMPDIR/r.csv"
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/r.csv")"
}

@test "report: TSV output is tab-separated with the same columns" {
	run -0 report -f tsv --cols mood "$FIXTURES/week.csv"
	assert_line --index 0 "$(printf '%s' "$FULL" | tr ',' '\t')"
	assert_line --index 1 "$(printf 'fixtures\t\t\tcheck-ins\t\tmood\t7\t4.429\t1.512\t2\t7\t2\t7\t4.5\t2.273\t6.727\timproving\t4.429\t4.429')"
}

@test "report: JSON is versioned and parses" {
	run -0 report -f json "$FIXTURES/week.csv"
	run -0 python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["sections"][0]["tables"][0]; print(d["format"], d["version"], t["rows"][0][5], t["rows"][0][7], len(d["sections"][0]["charts"]))' <<<"$output"
	assert_output 'steady-report 1 mood 4.429 5'
}

@test "report: Markdown has headings, notes and a pipe table" {
	run -0 report -f md "$FIXTURES/week.csv"
	assert_line '# Trends'
	assert_line '## fixtures'
	assert_line '- Concern to look at: safety was rated 2 or lower on 1 check-in.'
	assert_line --regexp '^\| measure \| n \| mean \|'
}

@test "report: HTML is one self-contained page with a chart per measure" {
	run -0 report -f html "$FIXTURES/week.csv"
	assert_line --index 0 '<!DOCTYPE html>'
	refute_output --partial '<script'
	refute_output --partial 'http://'
	refute_output --partial 'https://'
	run -0 sh -c "report -f html '$FIXTURES/week.csv' | grep -o '<svg' | wc -l"
	assert_output '5'
}

@test "report: HTML keeps a sparkline with a gap on one line" {
	local d
	# Two weeks of check-ins, a thin week, then another: a gap between.
	export STEADY_NOW=2026-11-29T08:00:00+01:00
	for d in 02 03 04 05 09 23 24 25 26; do
		checkin --at "2026-11-${d}T08:00" mood=$((10#$d % 7))
	done
	run -0 report -f html "$(log)"
	assert_line '.spark{white-space:nowrap}'
	assert_output --regexp '<td class="spark">[^<]+ [^<]+</td>'
	refute_output --partial '<th scope="col" class="spark">'
	run -0 sh -c 'report -f html "$1" | grep -c "<td class=\"spark\">"' sh "$FIXTURES/week.csv"
	assert_output 5
}

@test "report: writing to a full stdout fails with exit 1" {
	run -1 --separate-stderr sh -c "report '$FIXTURES/week.csv' >/dev/full"
	assert_equal "$stderr" 'report: write error: No space left on device'
}

@test "report: check-ins on days with a practice and without, as association" {
	# Worked independently: ana grounded on 6 of 28 days; mood on those
	# days 25/6, on the other 22 days 111/22; distress 35/6 and 109/22.
	cd "$FIXTURES"
	run -0 report -f table clients/ana/checkin.csv clients/ana/ground.csv
	assert_line 'Check-ins on days with each practice and on days without it: these show what went together, not what caused what.'
	assert_line 'Some of these rest on fewer than 30 days on one side, so read them lightly.'
	assert_line --regexp '^grounding +mood +6 +4\.17 +22 +5\.05 +4\.5 +4\.95$'
	assert_line --regexp '^grounding +distress +6 +5\.83 +22 +4\.95 +5\.5 +5\.05$'
}

@test "report: practice links need at least 3 days on each side" {
	head -n 3 "$FIXTURES/clients/ana/ground.csv" >"$BATS_TEST_TMPDIR/ground.csv"
	mkdir -p "$BATS_TEST_TMPDIR/ana"
	mv "$BATS_TEST_TMPDIR/ground.csv" "$BATS_TEST_TMPDIR/ana/"
	cp "$FIXTURES/clients/ana/checkin.csv" "$BATS_TEST_TMPDIR/ana/"
	run -0 report -f table "$BATS_TEST_TMPDIR"/ana/*.csv
	refute_line --partial 'practice and check-ins'
}

@test "report: shards with practice logs still merge exactly" {
	local f
	cd "$FIXTURES/clients/ana"
	mkdir -p "$BATS_TEST_TMPDIR/s1/ana" "$BATS_TEST_TMPDIR/s2/ana"
	head -n 15 checkin.csv >"$BATS_TEST_TMPDIR/s1/ana/checkin.csv"
	{ head -n 1 checkin.csv; tail -n +16 checkin.csv; } \
	    >"$BATS_TEST_TMPDIR/s2/ana/checkin.csv"
	cp ground.csv "$BATS_TEST_TMPDIR/s1/ana/"
	report --partial "$BATS_TEST_TMPDIR"/s1/ana/*.csv >"$BATS_TEST_TMPDIR/p1"
	report --partial "$BATS_TEST_TMPDIR"/s2/ana/*.csv >"$BATS_TEST_TMPDIR/p2"
	for f in table json; do
		run -0 report -f $f checkin.csv ground.csv
		local one=$output
		assert_line --partial 'practice and check-ins'
		run -0 report -f $f --merge "$BATS_TEST_TMPDIR/p2" "$BATS_TEST_TMPDIR/p1"
		assert_equal "$output" "$one"
	done
}

@test "report: reflections: entries per kind and the thinking traps noted most" {
	run -0 report -f table "$FIXTURES/reflect.csv"
	assert_line 'Reflection on 5 days; practice strength 10 of 100 (it grows with practice and fades gently over gaps).'
	assert_line 'Possible thinking traps noted most often: labelling (2), fortune_telling (1), mind_reading (1), overgeneralising (1).'
	assert_line --regexp '^thought +entries +3$'
	run -0 report "$FIXTURES/reflect.csv"
	assert_output "$FULL
fixtures,,,reflections,journal,entries,1,,,,,,,,,,,,
fixtures,,,reflections,thought,entries,3,,,,,,,,,,,,
fixtures,,,reflections,weekly,entries,1,,,,,,,,,,,,"
}

@test "report: grounding exercises are ranked by how distress changed" {
	{
		echo 'ts,exercise,seconds,pre,post,completed'
		echo '2026-11-02T20:00:00+01:00,box,300,7,5,yes'
		echo '2026-11-03T20:00:00+01:00,box,300,6,4,yes'
		echo '2026-11-04T20:00:00+01:00,box,300,8,5,yes'
		echo '2026-11-02T21:00:00+01:00,sigh,60,5,4,yes'
		echo '2026-11-03T21:00:00+01:00,sigh,60,6,6,yes'
		echo '2026-11-04T21:00:00+01:00,sigh,60,6,5,yes'
		echo '2026-11-05T21:00:00+01:00,478,120,4,5,yes'
		echo '2026-11-06T21:00:00+01:00,478,120,5,5,yes'
		echo '2026-11-07T21:00:00+01:00,478,120,3,3,yes'
		echo '2026-11-08T21:00:00+01:00,slow,300,5,4,yes'
	} >"$BATS_TEST_TMPDIR/ground.csv"
	# box -2,-2,-3: 2.3; sigh -1,0,-1: 0.7; 478 +1,0,0: 0.3; slow has
	# one session, too few to rank.
	run -0 report -f table "$BATS_TEST_TMPDIR/ground.csv"
	assert_line 'Distress from before to after, by exercise, the largest fall first: box fell by 2.3 (3 sessions), sigh fell by 0.7 (3 sessions), 478 rose by 0.3 (3 sessions).'
	# With one exercise of enough sessions there is nothing to rank.
	run -0 report -f table "$FIXTURES/ground.csv"
	refute_line --partial 'the largest fall first'
}

@test "report: grounding practice shows its days and a strength that fades gently" {
	run -0 report -f table "$FIXTURES/ground.csv"
	assert_line 'Grounding on 5 days; practice strength 9 of 100 (it grows with practice and fades gently over gaps).'
}

@test "report: exposure trials: each step's peaks, and the pacing rules" {
	# read the old messages: last peak 38 is under half the first (80);
	# talk about the trip: the feared outcome fell short by 30 points or
	# more on each of the last 3 trials (77 expected, 33 happened, on
	# average); the hotel: two peaks at 85 or more; call my sister: none
	# of the rules, so nothing is said.  The reasons are lib/pacing's,
	# the same words ladder uses.
	# Violation 40, 50, 40 on days 0, 3, 6: slope 0, interval
	# 7 * 12.706 * sqrt(66.67 / 18) = 171.17 a week (t with 1 df).
	run -0 report -f table "$FIXTURES/trials.csv"
	assert_line 'Step "read the old messages": peak distress by trial 80, 70, 55, 38.'
	assert_line 'Concern to look at: step "drive past the hotel": staying with it, or a smaller in-between step, may help, because 2 of your latest tries on this step peaked at 85 or more.'
	assert_line 'Win: step "read the old messages" looks ready to move on, whenever you choose to, because your peak distress on this step fell from 80 to 38 over 4 tries.'
	assert_line 'Win: step "talk about the trip" looks ready to move on, whenever you choose to, because the feared outcome happened far less than you predicted on the last 3 tries (predicted 77 on average, happened 33).'
	refute_line --partial 'call my sister" looks ready'
	refute_line --partial 'call my sister": 2'
	run -0 report --cols violation "$FIXTURES/trials.csv"
	assert_line --index 4 'fixtures,,,exposure trials,talk about the trip,violation,3,43.333,5.774,40,50,40,40,0,-171.169,171.169,no clear change,43.333,43.333'
}

@test "report: stopping early twice suggests a smaller step, without blame" {
	printf '%s\n' 'ts,step,peak,stopped' '2026-11-02T18:00:00+01:00,x,60,yes' \
	    '2026-11-04T18:00:00+01:00,x,50,yes' >"$BATS_TEST_TMPDIR/trials.csv"
	run -0 report -f table "$BATS_TEST_TMPDIR/trials.csv"
	assert_line 'Concern to look at: step "x": staying with it, or a smaller in-between step, may help, because you chose to stop the last 2 tries early, which is always a fair choice.'
}

@test "report: pacing looks at the latest trials, so a hard start can pass" {
	# Two early peaks at 95, then three calmer trials: the latest three
	# hold one peak at 85 or more, so no smaller step is suggested, and
	# the last peak (30) is under half the first.
	printf '%s\n' 'ts,step,peak' '2026-11-01T18:00:00+01:00,x,95' \
	    '2026-11-02T18:00:00+01:00,x,95' '2026-11-04T18:00:00+01:00,x,92' \
	    '2026-11-06T18:00:00+01:00,x,50' '2026-11-08T18:00:00+01:00,x,30' \
	    >"$BATS_TEST_TMPDIR/trials.csv"
	run -0 report -f table "$BATS_TEST_TMPDIR/trials.csv"
	refute_line --partial 'smaller in-between step'
	assert_line 'Win: step "x" looks ready to move on, whenever you choose to, because your peak distress on this step fell from 95 to 30 over 5 tries.'
}

@test "report: pacing follows settings.csv" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n' 'name,value' 'ready_peak,50' >"$STEADY_CONFIG/settings.csv"
	run -0 report -f table "$FIXTURES/trials.csv"
	assert_line 'Win: step "call my sister" looks ready to move on, whenever you choose to, because your peak distress stayed at or below 50 for the last 3 tries.'
}

@test "report: a trial declined at consent is no trial" {
	printf '%s\n' 'ts,kind,step,peak,stopped' \
	    '2026-11-02T18:00:00+01:00,planned,x,60,no' \
	    '2026-11-03T18:00:00+01:00,declined,x,,no' \
	    '2026-11-04T18:00:00+01:00,planned,x,50,no' \
	    >"$BATS_TEST_TMPDIR/trials.csv"
	run -0 report --cols peak "$BATS_TEST_TMPDIR/trials.csv"
	assert_line --index 1 --partial ',exposure trials,x,peak,2,55,'
	run -0 report -f table "$BATS_TEST_TMPDIR/trials.csv"
	assert_line 'Step "x": peak distress by trial 60, 50.'
}

@test "report: a client quiet in the range stays in the summary, with a concern" {
	cd "$FIXTURES"
	run -0 report --summary --since 2026-11-10 clients/*/checkin.csv
	assert_line 'cy,,0,14,,,,,,1,0'
	run -0 report -f table --since 2026-11-10 clients/cy/checkin.csv
	assert_line 'Concern to look at: no check-ins in this period.'
}

@test "report: days in range agree between the summary and the detail" {
	cd "$FIXTURES"
	run -0 report --summary --since 2026-10-01 clients/ana/checkin.csv
	assert_line --index 1 --partial 'ana,2026-11-22,28,54,'
	run -0 report -f table --since 2026-10-01 clients/ana/checkin.csv
	assert_line 'Check-ins on 28 of 54 days, from 2026-10-01 to 2026-11-23.'
}

@test "report: an --until in the future does not count days still to come" {
	run -0 report -f table --until 2026-11-30 "$FIXTURES/clients/ana/checkin.csv"
	assert_line 'Check-ins on 28 of 29 days, from 2026-10-26 to 2026-11-23.'
	refute_line --partial 'the last check-in was'
}

@test "report: per-period notes name their period" {
	run -0 report -f table --by week "$FIXTURES/clients/ana/checkin.csv"
	assert_line --partial 'Win: in 2026-W45, mood has been improving'
}

@test "report: ./file takes the current folder's name" {
	cd "$FIXTURES/clients/ana"
	run -0 report --cols mood ./checkin.csv
	assert_line --index 1 --partial 'ana,,,check-ins,,mood,28,'
}

@test "report: a week with fewer than 4 check-in days is a gap in the charts" {
	# Week 45 has 7 check-ins, week 46 only 3 (Mon, Tue, Wed).
	{
		echo 'ts,mood'
		for d in 02 03 04 05 06 07 08 09 10 11; do
			echo "2026-11-${d}T08:00:00+01:00,5"
		done
	} >"$BATS_TEST_TMPDIR/thin.csv"
	run -0 report -f json "$BATS_TEST_TMPDIR/thin.csv"
	run -0 python3 -c 'import json,sys; c=json.load(sys.stdin)["sections"][0]["charts"][0]; print([p["y"] for p in c["points"]])' <<<"$output"
	assert_output '[5, None]'
}

@test "report: count, mean, sd, min and max agree with miller's stats1" {
	cd "$FIXTURES"
	local m
	for m in mood distress arousal; do
		run -0 sh -c "report --cols $m clients/ben/checkin.csv | cut -d, -f7-11 | tail -n 1"
		local ours=$output
		# miller reads TZ itself and knows only zone names.
		TZ=UTC run -0 mlr --icsv --ocsv --headerless-csv-output --ofmt '%.3lf' \
		    stats1 -a count,mean,stddev,min,max -f $m clients/ben/checkin.csv
		assert_equal "$ours" "$(sed -e 's/\.000\b//g' -e 's/\(\.[0-9]*[1-9]\)0*\b/\1/g' <<<"$output")"
	done
}

# A log of n days for clients a, b and c, with a note now and then.
pieces_log() {
	local d c
	echo 'ts,client,mood,distress,note'
	for d in $(seq 1 "$1"); do
		for c in a b c; do
			printf '2026-%02d-%02dT08:00:00+01:00,%s,%d,%d,%s\n' \
			    $(((d - 1) / 28 + 1)) $(((d - 1) % 28 + 1)) "$c" \
			    $(((d * 7 + ${#c}) % 11)) $(((d * 3) % 11)) \
			    "$( ((d % 5 == 0)) && echo 'a walk then tea')"
		done
	done
}

@test "report: a file read in pieces at once gives what one pass gives" {
	pieces_log 200 >"$BATS_TEST_TMPDIR/big.csv"
	# Rows no one can use, spread over the pieces, keep their order.
	sed -i -e '50s/,[0-9]*,/,x,/' -e '400s/,[0-9]*,/,y,/' \
	    -e '590s/,[0-9]*,/,z,/' "$BATS_TEST_TMPDIR/big.csv"
	local f
	for f in csv json; do
		STEADY_JOBS=1 run -1 --separate-stderr report -f $f --group client \
		    "$BATS_TEST_TMPDIR/big.csv"
		local out=$output err=$stderr
		STEADY_JOBS=4 STEADY_PIECE_MIN=1000 run -1 --separate-stderr \
		    report -f $f --group client "$BATS_TEST_TMPDIR/big.csv"
		assert_equal "$output" "$out"
		assert_equal "$stderr" "$err"
	done
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/big.csv:50: mood \"x\" is not a number
report: $BATS_TEST_TMPDIR/big.csv:400: mood \"y\" is not a number
report: $BATS_TEST_TMPDIR/big.csv:590: mood \"z\" is not a number
report: 3 rows could not be used (see above)"
}

@test "report: every kind of log read in pieces gives what one pass gives" {
	local f k one
	sh "$BATS_TEST_DIRNAME/../examples/caseload.sh" "$BATS_TEST_TMPDIR/c" \
	    >/dev/null
	# A column of words, thinking traps and a day series per practice:
	# what a piece makes of its own must come back whole.
	# A column that holds numbers in the first piece and words later.
	{
		echo 'date,hours,place'
		for k in $(seq 10 28); do
			echo "2026-10-$k,7,$k"
		done
		for k in $(seq 10 28); do
			echo "2026-11-$k,6,by the sea"
		done
	} >"$BATS_TEST_TMPDIR/words.csv"
	for k in checkin ground reflect trials '*'; do
		for f in csv json md; do
			STEADY_JOBS=1 run -0 --separate-stderr report -f $f \
			    "$BATS_TEST_TMPDIR"/c/ana/$k.csv \
			    "$BATS_TEST_TMPDIR"/c/*/$k.csv \
			    "$BATS_TEST_TMPDIR/words.csv"
			one=$output
			STEADY_JOBS=4 STEADY_PIECE_MIN=300 run -0 \
			    --separate-stderr report -f $f \
			    "$BATS_TEST_TMPDIR"/c/ana/$k.csv \
			    "$BATS_TEST_TMPDIR"/c/*/$k.csv \
			    "$BATS_TEST_TMPDIR/words.csv"
			assert_equal "$output" "$one"
			assert_equal "$stderr" ''
		done
	done
	STEADY_JOBS=1 run -0 report --summary "$BATS_TEST_TMPDIR"/c/*/*.csv
	one=$output
	STEADY_JOBS=3 STEADY_PIECE_MIN=300 run -0 report --summary \
	    "$BATS_TEST_TMPDIR"/c/*/*.csv
	assert_equal "$output" "$one"
	assert_line --index 0 --partial 'source,'
}

@test "report: a piece that starts inside a quoted note is read whole" {
	{
		pieces_log 100
		printf '2026-05-01T08:00:00+01:00,a,5,5,"%s\n%s"\n' \
		    "$(printf 'long %.0s' $(seq 1 300))" "and more"
		pieces_log 100 | sed 1d | sed 's/^2026/2027/'
	} >"$BATS_TEST_TMPDIR/q.csv"
	STEADY_JOBS=1 run -0 --separate-stderr report --group client \
	    "$BATS_TEST_TMPDIR/q.csv"
	local out=$output
	# Two pieces: the first newline past the middle is inside the note.
	local at half
	at=$(grep -b -o '^and more' "$BATS_TEST_TMPDIR/q.csv" | cut -d: -f1)
	half=$(($(stat -c %s "$BATS_TEST_TMPDIR/q.csv") / 2))
	(( at > half && at - half < 1500 ))
	STEADY_JOBS=2 STEADY_PIECE_MIN=1 run -0 --separate-stderr report \
	    --group client "$BATS_TEST_TMPDIR/q.csv"
	assert_equal "$output" "$out"
	assert_equal "$stderr" ""
	assert_line --index 1 --partial ',a,,check-ins,,mood,201,'
}

@test "report: --strict stops at a bad row in a later piece" {
	pieces_log 200 >"$BATS_TEST_TMPDIR/big.csv"
	sed -i '500s/,[0-9]*,/,x,/' "$BATS_TEST_TMPDIR/big.csv"
	STEADY_JOBS=3 STEADY_PIECE_MIN=1000 run -1 --separate-stderr report \
	    --strict --group client "$BATS_TEST_TMPDIR/big.csv"
	assert_output ''
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/big.csv:500: mood \"x\" is not a number"
}

@test "report: STEADY_JOBS must be a whole number from 1 to 16" {
	STEADY_JOBS=0 run -1 --separate-stderr report "$FIXTURES/week.csv"
	assert_output ''
	assert_equal "$stderr" 'report: STEADY_JOBS: "0" is not a whole number from 1 to 16'
}

@test "report: ladder's trial log: unplanned encounters apart, words not counted" {
	{
		echo 'ts,id,kind,ladder,step_id,step,pre,peak,post,minutes,expect,expect_pct,outcome_pct,expect_after,surprise,safety,learned,present,stopped,suggested,note'
		echo '2026-11-02T18:00:00+01:00,t1,planned,main,3,read the old messages,40,80,50,30,I will fall apart,80,30,40,60,held a mug,it passed,7,no,3,'
		echo '2026-11-04T18:00:00+01:00,t2,planned,main,3,read the old messages,35,60,40,30,I will fall apart,75,20,30,50,,,8,no,3,'
		echo '2026-11-05T12:00:00+01:00,t3,trigger,main,3,read the old messages,20,90,60,,,,,,,,,,no,,saw one by chance'
	} >"$BATS_TEST_TMPDIR/trials.csv"
	run -0 --separate-stderr report --cols peak,present "$BATS_TEST_TMPDIR/trials.csv"
	assert_equal "$stderr" ''
	assert_line --index 1 --partial ',exposure trials,read the old messages,peak,2,70,'
	assert_line --index 2 --partial ',exposure trials,read the old messages,violation,2,52.5,'
	assert_line --index 3 --partial ',exposure trials,read the old messages,present,2,7.5,'
	assert_line --index 4 --partial ',exposure trials,read the old messages (unplanned),peak,1,90,'
	run -0 report "$BATS_TEST_TMPDIR/trials.csv"
	refute_output --partial 'step_id'
	refute_output --partial ',safety,'
	run -0 report -f table "$BATS_TEST_TMPDIR/trials.csv"
	assert_line 'Step "read the old messages": peak distress by trial 80, 60.'
	refute_line --partial 'Step "read the old messages (unplanned)"'
}

@test "report: a ladder's steps show how their ratings changed" {
	{
		echo 'id,ladder,step,suds,first_suds,status,created,ratings'
		echo '1,main,call my sister,40,50,active,2026-11-01,2026-11-01:50;2026-11-10:45;2026-11-20:40'
		echo '2,,read the old messages,60,60,active,2026-11-01,'
		echo '3,work,see him at the office,70,80,mastered,2026-11-02,2026-11-02:80;2026-11-16:70'
	} >"$BATS_TEST_TMPDIR/ladder.csv"
	mkdir "$BATS_TEST_TMPDIR/ana"
	mv "$BATS_TEST_TMPDIR/ladder.csv" "$BATS_TEST_TMPDIR/ana/"
	cd "$BATS_TEST_TMPDIR/ana"
	run -0 report -f table ladder.csv
	assert_line 'Step "call my sister" was rated 50 on 2026-11-01 and is rated 40 now (3 ratings).'
	assert_line 'Step "read the old messages" is rated 60.'
	assert_line 'Step "work: see him at the office" was rated 80 on 2026-11-02 and is rated 70 now (2 ratings).'
	# Ratings 50, 45, 40 on days 0, 9, 19: Sxd -95, Sdd 180.67, slope
	# -0.5258 a day, -3.681 a week; sd 5; checked by hand.
	run -0 report ladder.csv
	assert_line --index 1 'ana,,,exposure ladder,call my sister,suds,3,45,5,40,50,50,40,-3.681,-5.102,-2.26,falling,47.5,42.5'
	assert_line --index 2 'ana,,,exposure ladder,read the old messages,suds,1,60,,60,60,,,,,,,,'
	# The same through a partial and a merge.
	run -0 sh -c 'report --partial ladder.csv | report --merge -'
	assert_line --index 1 'ana,,,exposure ladder,call my sister,suds,3,45,5,40,50,50,40,-3.681,-5.102,-2.26,falling,47.5,42.5'
}

@test "report: a ladder rating that cannot be read names its line" {
	printf 'id,step,suds,ratings\n1,call,40,2026-11-01:50;soon:40\n' \
	    >"$BATS_TEST_TMPDIR/ladder.csv"
	run -1 --separate-stderr report "$BATS_TEST_TMPDIR/ladder.csv"
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/ladder.csv:2: ratings \"soon\" is not a date and time (use 2026-11-23 or 2026-11-23T07:30)
report: 1 row could not be used (see above)"
}

@test "report: a log read through a pipe is read as the file is" {
	run -0 report -f csv <(cat "$FIXTURES/week.csv")
	assert_line --index 1 --regexp '^[^,]+,,,check-ins,,mood,7,4\.429,1\.512,2,7,2,7,4\.5,2\.273,6\.727,improving,4\.429,4\.429$'
	assert_equal "${#lines[@]}" 6
}

# Seventy weeks of daily check-ins from Monday 2025-01-06 (2025-W02),
# mood the week's number from 0, so each week's mean is known.
seventy_weeks() {
	mkdir -p "$BATS_TEST_TMPDIR/ana"
	{
		echo 'ts,mood,trust,safety,distress,arousal,note'
		seq 0 489 | sed 's/.*/2025-01-06 + & days/' | date -f - +%F |
		    awk '{ printf "%sT08:00:00+00:00,%d,5,6,4,3,\n", $1,
		    int((NR - 1) / 7) % 10 }'
	} >"$BATS_TEST_TMPDIR/ana/checkin.csv"
}

@test "report: over the whole range the charts show the last 64 weeks" {
	seventy_weeks
	cd "$BATS_TEST_TMPDIR"
	run -0 sh -c 'report -f json ana/checkin.csv |
	    grep -o "{\"title\":\"mood[^]]*]" | grep -o "{\"x\"" | wc -l'
	assert_output 64
	# Week 6 is 2025-W08 (mood 6); week 69 is 2026-W19 (mood 9).
	run -0 sh -c 'report -f json ana/checkin.csv |
	    grep -o "{\"title\":\"mood[^]]*]" | grep -o "{\"x\":[^}]*}" |
	    sed -n "1p;\$p"'
	assert_output '{"x":"2025-W08","y":6}
{"x":"2026-W19","y":9}'
	run -0 report -f csv ana/checkin.csv
	assert_line --index 1 --partial 'ana,,,check-ins,,mood,490,4.5,2.875,0,9,0,9,'
}

@test "report: keeping every week or the last 64 gives the same report" {
	seventy_weeks
	cd "$BATS_TEST_TMPDIR"
	local f
	for f in json html table csv; do
		run -0 report -f "$f" ana/checkin.csv
		local bounded=$output
		# Read from standard input, every week is kept.
		run -0 sh -c 'report -f "$1" -S ana - <ana/checkin.csv' sh "$f"
		assert_equal "$output" "$bounded"
	done
}

# Three years of logs for four clients, a folder each: a check-in every
# day and grounding every third day.  Only ben felt unsafe, now and then:
# ben's check-ins are in a run the second process writes (render.c).
turns_logs() {
	local c
	seq 0 1099 | sed 's/.*/2023-01-02 + & days/' | date -f - +%F \
	    >"$BATS_TEST_TMPDIR/days"
	for c in ana ben cara dev; do
		mkdir -p "$BATS_TEST_TMPDIR/t/$c"
		awk -v c=$c 'BEGIN {
			print "ts,mood,trust,safety,distress,arousal,note"
		} {
			d = NR + length(c)
			printf "%sT08:00:00+01:00,%d,%d,%d,%d,%d,%s\n", $1,
			    d * 7 % 11, d * 3 % 11,
			    c == "ben" && d % 97 == 0 ? 1 : 6, d * 5 % 11,
			    d % 4, d % 9 == 0 ? "\"a walk, then tea\"" : ""
		}' "$BATS_TEST_TMPDIR/days" >"$BATS_TEST_TMPDIR/t/$c/checkin.csv"
		awk -v c=$c 'BEGIN {
			print "ts,exercise,seconds,pre,post,completed,note,trial"
		} NR % 3 == 0 {
			d = NR + length(c)
			printf "%sT21:00:00+01:00,%s,120,%d,%d,yes,,\n", $1,
			    d % 2 ? "box" : "478", 4 + d % 6, 1 + d % 4
		}' "$BATS_TEST_TMPDIR/days" >"$BATS_TEST_TMPDIR/t/$c/ground.csv"
	done
}

# Which processes wrote to standard output, and how many started, in a
# run of report under strace: "writers forks" in $output.
writers_forks() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    run strace -f -qq -o "$BATS_TEST_TMPDIR/trace" \
	    -e trace=fork,vfork,clone,clone3,write report "$@"
	run -0 awk '/^[0-9]+ +write\(1,/ { w[$1] = 1 }
	    /fork|clone/ { f++ }
	    END { n = 0; for (p in w) n++; print n, f + 0 }' \
	    "$BATS_TEST_TMPDIR/trace"
}

@test "report: by week, the second piece's process writes its own groups' rows" {
	# 100 clients over 60 weeks: 6,000 week groups, in time order, so
	# each piece holds half the weeks, and both the week of the cut.
	# Only c77 felt unsafe, on the last day: in the second piece.
	weeks_log 100 420 77 >"$BATS_TEST_TMPDIR/w.csv"
	local f one err
	for f in csv tsv; do
		STEADY_JOBS=1 run -3 --separate-stderr report --concerns-exit \
		    -f $f --group client --by week "$BATS_TEST_TMPDIR/w.csv"
		one=$output err=$stderr
		assert_equal "${#lines[@]}" 30001
		STEADY_JOBS=2 STEADY_PIECE_MIN=1000 run -3 --separate-stderr \
		    report --concerns-exit -f $f --group client --by week \
		    "$BATS_TEST_TMPDIR/w.csv"
		assert_equal "$output" "$one"
		assert_equal "$stderr" "$err"
		# Both processes wrote, and no other was started to write.
		STEADY_JOBS=2 STEADY_PIECE_MIN=1000 writers_forks -f $f \
		    --group client --by week "$BATS_TEST_TMPDIR/w.csv"
		assert_output '2 1'
	done
	assert_equal "$err" ''
	run -0 grep -c '	c77	2025-W08	check-ins		safety	7	5.286	1.89	1	6	6	1	' <<<"$one"
	assert_output 1
	# Months: too few groups for turns, so all come back to be written.
	STEADY_JOBS=1 run -3 report --concerns-exit --group client --by month \
	    "$BATS_TEST_TMPDIR/w.csv"
	one=$output
	assert_line --index 1 --partial ',c1,2024-01,check-ins,,mood,31,3.484,0.508,3,4,3,3,0,-0.149,0.149,no clear change,3.5,3.5'
	STEADY_JOBS=2 STEADY_PIECE_MIN=1000 run -3 report --concerns-exit \
	    --group client --by month "$BATS_TEST_TMPDIR/w.csv"
	assert_equal "$output" "$one"
}

@test "report: by week, groups both pieces hold are merged before they are written" {
	weeks_log 100 420 77 >"$BATS_TEST_TMPDIR/w.csv"
	# Every other day first, the rest after: each piece has every week.
	{
		head -1 "$BATS_TEST_TMPDIR/w.csv"
		awk 'NR > 1 && int((NR - 2) / 100) % 2 == 0' "$BATS_TEST_TMPDIR/w.csv"
		awk 'NR > 1 && int((NR - 2) / 100) % 2 == 1' "$BATS_TEST_TMPDIR/w.csv"
	} >"$BATS_TEST_TMPDIR/mixed.csv"
	# Each client's rows together, and a late row of c1's first week:
	# the pieces share that week alone, and each holds one run.
	{
		head -1 "$BATS_TEST_TMPDIR/w.csv"
		sed 1d "$BATS_TEST_TMPDIR/w.csv" | sort -s -t, -k2,2
		echo '2024-01-03T20:00:00+01:00,c1,9,9,9,9,2,late'
	} >"$BATS_TEST_TMPDIR/byclient.csv"
	local one log
	for log in mixed byclient; do
		STEADY_JOBS=1 run -3 --separate-stderr report --concerns-exit \
		    --group client --by week "$BATS_TEST_TMPDIR/$log.csv"
		one=$output
		STEADY_JOBS=2 STEADY_PIECE_MIN=1000 run -3 --separate-stderr \
		    report --concerns-exit --group client --by week \
		    "$BATS_TEST_TMPDIR/$log.csv"
		assert_equal "$output" "$one"
		assert_equal "$stderr" ''
	done
	# c1's first week: seven check-ins and the late one, once.
	assert_line --index 1 --partial ',c1,2024-W01,check-ins,,mood,8,4.125,2.031,3,9,'
	# The mixed log has the same rows as the first, in another order.
	STEADY_JOBS=2 STEADY_PIECE_MIN=1000 run -3 report --concerns-exit \
	    --group client --by week "$BATS_TEST_TMPDIR/w.csv"
	one=$output
	STEADY_JOBS=2 STEADY_PIECE_MIN=1000 run -3 report --concerns-exit \
	    --group client --by week "$BATS_TEST_TMPDIR/mixed.csv"
	assert_equal "$output" "$one"
	# Too few week groups to pass the turn back and forth: one writes.
	head -2101 "$BATS_TEST_TMPDIR/w.csv" >"$BATS_TEST_TMPDIR/short.csv"
	STEADY_JOBS=1 run -0 report --group client --by week \
	    "$BATS_TEST_TMPDIR/short.csv"
	one=$output
	STEADY_JOBS=2 STEADY_PIECE_MIN=1000 run -0 report --group client \
	    --by week "$BATS_TEST_TMPDIR/short.csv"
	assert_equal "$output" "$one"
	assert_equal "${#lines[@]}" 1501
}

@test "report: groups come by source, value, log, sub-key and period, whatever order rows came in" {
	local d=$BATS_TEST_TMPDIR
	mkdir -p "$d/zed" "$d/amy"
	printf 'ts,mood\n2026-11-20T08:00:00Z,5\n2026-11-03T08:00:00Z,3\n2026-11-10T08:00:00Z,4\n' >"$d/zed/checkin.csv"
	cp "$d/zed/checkin.csv" "$d/amy/checkin.csv"
	printf 'ts,exercise,seconds,pre,post,completed\n2026-11-12T20:00:00Z,box,300,7,5,yes\n2026-11-04T20:00:00Z,walk,300,6,4,yes\n2026-11-05T20:00:00Z,box,300,6,4,yes\n' >"$d/amy/ground.csv"
	printf 'ts,hours\n2026-11-11T07:00:00Z,6\n2026-11-02T07:00:00Z,7\n' >"$d/amy/sleep.csv"
	run -0 sh -c "TZ=UTC report --by week --cols mood,pre,hours '$d/zed/checkin.csv' '$d/amy/sleep.csv' '$d/amy/ground.csv' '$d/amy/checkin.csv' | cut -d, -f1-6"
	assert_output 'source,group,period,log,item,measure
amy,,2026-W45,check-ins,,mood
amy,,2026-W46,check-ins,,mood
amy,,2026-W47,check-ins,,mood
amy,,2026-W45,grounding,box,pre
amy,,2026-W45,grounding,box,change
amy,,2026-W46,grounding,box,pre
amy,,2026-W46,grounding,box,change
amy,,2026-W45,grounding,walk,pre
amy,,2026-W45,grounding,walk,change
amy,,2026-W45,data,,hours
amy,,2026-W46,data,,hours
zed,,2026-W45,check-ins,,mood
zed,,2026-W46,check-ins,,mood
zed,,2026-W47,check-ins,,mood'
}

@test "report: a long csv or tsv report written in turns is the same bytes" {
	turns_logs
	local f n one err
	for f in csv tsv; do
		STEADY_JOBS=1 run -3 --separate-stderr \
		    report --concerns-exit -f $f --by day "$BATS_TEST_TMPDIR"/t/*/*.csv
		one=$output err=$stderr
		assert_equal "${#lines[@]}" 27857
		# 5,864 day groups: a second process writes part of them.
		STEADY_JOBS=2 run -3 --separate-stderr \
		    report --concerns-exit -f $f --by day "$BATS_TEST_TMPDIR"/t/*/*.csv
		assert_equal "$output" "$one"
		assert_equal "$stderr" "$err"
		# The processes, counted apart (a leak check does not work
		# under strace): one more with two jobs than with one, however
		# many a wrapper of the program starts.
		for n in 1 2; do
			ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
			    STEADY_JOBS=$n run -3 strace -f -qq -o \
			    "$BATS_TEST_TMPDIR/forks$n" \
			    -e trace=fork,vfork,clone,clone3 report \
			    --concerns-exit -f $f --by day \
			    "$BATS_TEST_TMPDIR"/t/*/*.csv
		done
		n=$(awk '/fork|clone/ { n++ } END { print n + 0 }' \
		    "$BATS_TEST_TMPDIR/forks1")
		run -0 grep -c -E 'fork|clone' "$BATS_TEST_TMPDIR/forks2"
		assert_output $((n + 1))
	done
	assert_equal "$err" ''
	run -0 grep -c '^ben	.*	safety	' <<<"$one"
	assert_output 1100
	run -0 grep -c -v '^[a-z]*		20[0-9-]*	' <<<"$one"
	assert_output 1
}
