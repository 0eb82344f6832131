#!/usr/bin/env bats
# examples: every EXAMPLES entry of checkin(1) and steady(7), run as written;
# the crontab lines, which need steady installed and cron's bare
# environment, are run in workflow.bats.

load helper

HDR='ts,mood,trust,safety,distress,arousal,note'

# A week of check-ins to look back over.
week() {
	local d
	for d in 17 18 19 20 21 22; do
		checkin --at "2026-11-${d}T21:00" mood=$((d - 14)) safety=7
	done
}

@test "examples: checkin on a terminal" {
	run_pty '
		foreach q {Mood Trust "How safe" Distress} {
			expect $q
			send "5\r"
		}
		expect "Window"
		send "0\r"
		expect "A note"
		send "\r"
	' checkin
	assert_success
	assert_line 'Saved: mood 5, trust 5, safety 5, distress 5, arousal 0.'
}

@test "examples: checkin without questions" {
	run -0 checkin mood=6 trust=4 safety=8 distress=3 arousal=0 note='a calm walk'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,6,4,8,3,0,a calm walk'
}

@test "examples: last night's check-in with --at" {
	run -0 checkin --at 2026-11-22T21:00 mood=4 note='a long talk; early night'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-22T21:00:00+01:00,4,,,,,a long talk; early night'
}

@test "examples: -o - picked apart with cut" {
	run -0 sh -c 'checkin -o - mood=6 safety=8 | cut -d, -f1,2,4'
	assert_output 'ts,mood,safety
2026-11-23T07:30:00+01:00,6,8'
}

@test "examples: a mood put right and a check-in saved twice taken back (checkin.1)" {
	checkin --at 2026-11-22T21:00 mood=4
	checkin mood=5 note='a calm walk'
	checkin mood=5 note='a calm walk'
	run -0 --separate-stderr checkin --correct 2026-11-22T21:00 mood=6
	run -0 --separate-stderr checkin --withdraw 2026-11-23T07:30
	assert_equal "$stderr" 'Taken back: the check-in saved twice (on lines 3 and 4) now counts once;
the lines stay in the log as written.'
	run -0 checkin --log
	assert_output "$HDR,amend
2026-11-22T21:00:00+01:00,6,,,,,,correct
2026-11-23T07:30:00+01:00,5,,,,,a calm walk,correct"
	run -0 sh -c 'checkin --log | report -f csv --cols mood | cut -d, -f6,7'
	assert_line --index 1 'mood,2'
}

@test "examples: the moods of the last seven days" {
	week
	run -0 sh -c 'checkin --log --since 7d | cut -d, -f1,2'
	assert_output 'ts,mood
2026-11-17T21:00:00+01:00,3
2026-11-18T21:00:00+01:00,4
2026-11-19T21:00:00+01:00,5
2026-11-20T21:00:00+01:00,6
2026-11-21T21:00:00+01:00,7
2026-11-22T21:00:00+01:00,8'
}

@test "examples: the average mood over four weeks" {
	week
	checkin safety=3
	run -0 sh -c "checkin --log --since 4w | awk -F, 'NR > 1 && \$2 != \"\" {
        n++; sum += \$2 }
    END { if (n) printf \"%.1f from %d check-ins\\n\", sum / n, n }'"
	assert_output '5.5 from 6 check-ins'
}

@test "examples: the prompt marker" {
	run -0 bash -c 'PS1="\$ "; PS1='\''$(checkin --due --quiet && printf "(check-in) ")'\''"$PS1"; eval "echo \"$PS1\""'
	assert_output '(check-in) $ '
	checkin mood=6
	run -0 bash -c 'PS1="\$ "; PS1='\''$(checkin --due --quiet && printf "(check-in) ")'\''"$PS1"; eval "echo \"$PS1\""'
	assert_output '$ '
}

@test "examples: a line at login" {
	run -0 checkin --due
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "examples: a week in review (steady.7)" {
	week
	run -0 sh -c 'checkin --log --since 7d | cut -d, -f1,2,4'
	assert_line --index 0 'ts,mood,safety'
	assert_line --index 6 '2026-11-22T21:00:00+01:00,8,7'
}

@test "examples: a first try on stdout (steady.7)" {
	run -0 checkin -o - mood=6 safety=8 note='first try'
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,,8,,,first try"
}

@test "examples: a therapist counts check-ins per client folder (steady.7)" {
	cd "$BATS_TEST_TMPDIR"
	STEADY_DIR=clients/ana checkin --at 2026-11-20T08:00 mood=5
	STEADY_DIR=clients/ana checkin mood=6
	STEADY_DIR=clients/ben checkin --at 2026-10-01T08:00 mood=4
	run -0 sh -c 'for d in clients/*/; do
    n=$(STEADY_DIR=$d checkin --log --since 4w | sed 1d | wc -l)
    printf '\''%s\t%s\n'\'' "$(basename "$d")" "$n"
done'
	assert_output $'ana\t2\nben\t0'
	run -0 sh -c 'STEADY_DIR=clients/ana checkin --log --since 2026-11-01 \
    --until 2026-11-30 >ana-2026-11.csv'
	run -0 cat ana-2026-11.csv
	assert_output "$HDR
2026-11-20T08:00:00+01:00,5,,,,,
2026-11-23T07:30:00+01:00,6,,,,,"
}

@test "examples: a hard date in dates.csv, a week ahead (steady.7)" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n' 'date,yearly,label,warn,plan' \
	    '2025-03-14,yes,the day I found out,7,box' >"$STEADY_CONFIG/dates.csv"
	STEADY_NOW=2027-03-07T20:00 run -0 checkin --remind
	assert_output "A day you marked as hard is in 7 days. Go gently with yourself. If it helps: ground box
Today's check-in is open whenever you are ready: run checkin."
}

@test "examples: a check-in corrected and a trial withdrawn (steady.7)" {
	checkin --at 2026-11-22T21:00 mood=4
	ladder add -s 40 'Drive past the office' >/dev/null
	ladder log --at 2026-11-22T18:00 --peak 60 1 >/dev/null
	run -0 --separate-stderr checkin --correct 2026-11-22T21:00 mood=6
	run -0 --separate-stderr ladder withdraw t20261122T180000
	run -0 tail -n 1 "$STEADY_DIR/trials.csv"
	assert_output '2026-11-22T18:00:00+01:00,t20261122T180000,,,,,,,,,,,,,,,,,,,,withdraw'
	run -0 checkin --log
	assert_line '2026-11-22T21:00:00+01:00,6,,,,,,correct'
}

# Two weeks of check-ins, 9 to 22 November, mood rising by half a point a
# day; for report's examples.
fortnight() {
	local d
	for d in 09 10 11 12 13 14 15 16 17 18 19 20 21 22; do
		checkin --at "2026-11-${d}T21:00" mood=$(((10#$d - 5) / 2)) safety=7
	done
}

# clients: a copy of the fixtures' caseload folder to work in.
clients() {
	cp -R "$FIXTURES/clients" "$BATS_TEST_TMPDIR/"
	cd "$BATS_TEST_TMPDIR"
}

@test "examples: check-ins week by week as a table (report.1)" {
	fortnight
	run -0 sh -c 'checkin --log | report --by week -f table'
	assert_output 'Trends
======

stdin
-----
Win: in 2026-W46, mood has been improving (about +3.5 a week).
Win: in 2026-W47, mood has been improving (about +3.5 a week).

check-ins
period    measure  n  mean   sd  min  max  last  trend            per week
--------  -------  -  ----  ---  ---  ---  ----  ---------------  --------
2026-W46  mood     7   3.3  1.1    2    5     5  improving             3.5
2026-W46  safety   7     7    0    7    7     7  no clear change         0
2026-W47  mood     7   6.7  1.1    5    8     8  improving             3.5
2026-W47  safety   7     7    0    7    7     7  no clear change         0'
}

@test "examples: the last four weeks of your own log, through a pager (report.1)" {
	local d
	unset STEADY_DIR
	checkin --at 2026-10-01T08:00 mood=3
	for d in 10 12 14 16 18 20 22; do
		checkin --at "2026-11-${d}T08:00" mood=$((d / 3)) safety=8 distress=$((12 - d / 3))
	done
	run -0 sh -c 'report -f table --since 4w ~/.local/share/steady/checkin.csv | less'
	assert_line --index 2 'steady'
	assert_line 'Check-ins on 7 of 28 days, from 2026-10-27 to 2026-11-23.'
	assert_line 'Win: mood has been improving (about +2.25 a week).'
	assert_line 'Win: distress has been improving (about -2.25 a week).'
	assert_line --regexp '^mood +7 +5 +1\.4 +3 +7 +7 +improving +2\.25 '
}

@test "examples: a caseload at a glance as a table (report.1)" {
	cd "$FIXTURES"
	run -0 report --summary -f table clients/*/checkin.csv
	assert_output 'Caseload summary
================

caseload
source  last check-in  days  of  mood             trust            safety           distress         arousal          concerns  wins
------  -------------  ----  --  ---------------  ---------------  ---------------  ---------------  ---------------  --------  ----
ben     2026-11-22       23  29  worsening        no clear change  no clear change  worsening        rising                  3     0
cy      2026-11-03        4  29  no clear change  no clear change  no clear change  no clear change  no clear change         1     0
ana     2026-11-22       28  29  improving        improving        improving        improving        falling                 0     5'
}

@test "examples: one HTML page per client from all of their logs (report.1)" {
	clients
	run -0 sh -c 'for d in clients/*/; do
    report -f html "$d"*.csv >"$(basename "$d").html"
done'
	run -0 sh -c 'ls *.html'
	assert_output 'ana.html
ben.html
cy.html'
	run -0 head -n 1 ana.html
	assert_output '<!DOCTYPE html>'
	run -0 grep -c -e '^<h2>ana</h2>$' -e '^<caption>check-ins</caption>$' \
	    -e '^<caption>grounding</caption>$' \
	    -e '^<caption>practice and check-ins</caption>$' ana.html
	assert_output '4'
	run -0 grep -c 'what went together, not what caused what' ana.html
	assert_output '1'
	run -1 grep -c '^<caption>grounding</caption>$' ben.html
	assert_output '0'
	run -0 cat ana.html ben.html cy.html
	refute_output --partial '<script'
}

@test "examples: each client's months as CSV for a spreadsheet (report.1)" {
	clients
	run -0 sh -c 'report --by month clients/*/checkin.csv >caseload-by-month.csv'
	assert_output ''
	run -0 wc -l caseload-by-month.csv
	assert_output '31 caseload-by-month.csv'
	run -0 grep ',mood,' caseload-by-month.csv
	assert_output 'ana,,2026-10,check-ins,,mood,6,3,0,3,3,3,3,0,0,0,no clear change,3,3
ana,,2026-11,check-ins,,mood,22,5.364,1.093,4,7,4,7,1.138,0.996,1.28,improving,4.714,6
ben,,2026-10,check-ins,,mood,5,5,0,5,5,5,5,0,0,0,no clear change,5,5
ben,,2026-11,check-ins,,mood,18,3.667,0.84,2,5,5,2,-0.819,-0.989,-0.65,worsening,4.182,3.182
cy,,2026-10,check-ins,,mood,2,5,0,5,5,5,5,,,,too few to tell,5,5
cy,,2026-11,check-ins,,mood,2,5,0,5,5,5,5,,,,too few to tell,5,5'
}

@test "examples: partial results made side by side, then merged (report.1)" {
	clients
	run -0 --separate-stderr parallel 'report --partial {} >{.}.part' ::: clients/*/checkin.csv
	run -0 sh -c 'ls clients/*/checkin.part'
	assert_output 'clients/ana/checkin.part
clients/ben/checkin.part
clients/cy/checkin.part'
	run -0 report --merge --summary clients/*/checkin.part
	assert_output 'source,last_checkin,days_checked,days_in_range,mood,trust,safety,distress,arousal,concerns,wins
ben,2026-11-22,23,29,worsening,no clear change,no clear change,worsening,rising,3,0
cy,2026-11-03,4,29,no clear change,no clear change,no clear change,no clear change,no clear change,1,0
ana,2026-11-22,28,29,improving,improving,improving,improving,falling,0,5'
	assert_output "$(report --summary clients/*/checkin.csv)"
}

@test "examples: any TSV, grouped by a column (report.1)" {
	cd "$FIXTURES"
	run -0 report --cols hours,quality --group person sleep.tsv
	assert_output 'source,group,period,log,item,measure,n,mean,sd,min,max,first,last,trend_per_week,trend_low,trend_high,trend,baseline,recent
fixtures,a,,data,,hours,2,6.75,1.061,6,7.5,,,,,,,,
fixtures,a,,data,,quality,2,2.5,0.707,2,3,,,,,,,,
fixtures,b,,data,,hours,1,8.25,,8.25,8.25,,,,,,,,
fixtures,b,,data,,quality,1,4,,4,4,,,,,,,,'
}

@test "examples: only the concerns and wins (report.1)" {
	cd "$FIXTURES"
	run -0 sh -c "report -f md clients/ben/checkin.csv | grep -E '^- (Concern|Win)'"
	assert_output '- Concern to look at: safety was rated 2 or lower on 2 check-ins.
- Concern to look at: mood has been falling (about -0.73 a week).
- Concern to look at: distress has been rising (about +1.39 a week).'
}

@test "examples: four weeks, week by week (steady.7)" {
	fortnight
	checkin --at 2026-10-20T21:00 mood=9
	run -0 sh -c 'checkin --log --since 4w | report --by week -f table'
	assert_line --regexp '^2026-W46 +mood +7 +3\.3 '
	assert_line --regexp '^2026-W47 +mood +7 +6\.7 '
	refute_output --partial '2026-W43'
}

@test "examples: the caseload at a glance (steady.7)" {
	cd "$FIXTURES"
	run -0 report --summary clients/*/checkin.csv
	assert_output 'source,last_checkin,days_checked,days_in_range,mood,trust,safety,distress,arousal,concerns,wins
ben,2026-11-22,23,29,worsening,no clear change,no clear change,worsening,rising,3,0
cy,2026-11-03,4,29,no clear change,no clear change,no clear change,no clear change,no clear change,1,0
ana,2026-11-22,28,29,improving,improving,improving,improving,falling,0,5'
	# A client with nothing in the range is still listed, with a concern.
	run -0 report --summary --since 2026-11-10 clients/*/checkin.csv
	assert_line 'cy,,0,14,,,,,,1,0'
}

@test "examples: a page per client in reports/ (steady.7)" {
	clients
	run -0 sh -c 'mkdir -p reports
for d in clients/*/; do
    report -f html "$d"*.csv >"reports/$(basename "$d").html"
done'
	run -0 ls reports
	assert_output 'ana.html
ben.html
cy.html'
	run -0 grep -c '<svg' reports/ben.html
	assert_output '5'
}

@test "examples: the summary as dated CSV for the spreadsheet (steady.7)" {
	clients
	run -0 sh -c 'report --summary clients/*/checkin.csv >"caseload-$(date +%F).csv"'
	run -0 sh -c 'ls caseload-*.csv'
	assert_output --regexp '^caseload-[0-9]{4}-[0-9]{2}-[0-9]{2}\.csv$'
	run -0 sh -c 'cat caseload-*.csv'
	assert_line --index 0 'source,last_checkin,days_checked,days_in_range,mood,trust,safety,distress,arousal,concerns,wins'
	assert_equal "${#lines[@]}" 4
}

@test "examples: a caseload shared out across computers (steady.7)" {
	clients
	fake_ssh
	run -0 --separate-stderr sh -c 'parallel -S alpha,beta --trc {.}.part \
    '\''report --partial {} >{.}.part'\'' ::: clients/*/checkin.csv'
	run -0 report --merge --summary clients/*/checkin.part
	assert_output "$(report --summary clients/*/checkin.csv)"
	assert_line --index 1 'ben,2026-11-22,23,29,worsening,no clear change,no clear change,worsening,rising,3,0'
	run -0 sh -c 'grep -x -e alpha -e beta remote/asked | sort -u'
	assert_output 'alpha
beta'
}

@test "examples: a couple's week beside trust, as Markdown (steady.7)" {
	local d
	for d in 17 18 19 20 21 22; do
		checkin --at "2026-11-${d}T21:00" trust=$((d - 14))
	done
	export STEADY_NOW=2026-11-22T08:00:00+01:00
	run -0 promise make 'home by six' by=18:00 who=Sam
	run -0 promise kept 1
	run -0 promise offered 'told you J called about work'
	run -0 promise talked
	run -0 report -f md "$STEADY_DIR/promise.csv" "$STEADY_DIR/checkin.csv"
	assert_line '- Promises made: 1; kept: 1; renegotiated ahead of time: 0; missed: 0.'
	assert_line '- Shared openly without being asked: 1 time. Check-ins held together: 1.'
	assert_line '| 2026-W47 | 1 | 1 | 0 | 0 | 1 | 1 | 5.5 |'
}

@test "examples: a couple's record beside trust from another folder (report.1)" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p Shared ana
	local d
	for d in 17 18 19 20 21 22; do
		STEADY_DIR=ana checkin --at "2026-11-${d}T21:00" trust=$((d - 14))
	done
	promise make -f Shared/promise.csv -a 2026-11-18T08:00 'call at lunch' by=2026-11-18T13:00
	promise renegotiated -f Shared/promise.csv -a 2026-11-18T11:00 1 by=2026-11-18T15:00
	export HOME=$BATS_TEST_TMPDIR
	run -0 sh -c 'report -f table ~/Shared/promise.csv ana/checkin.csv'
	assert_line 'Trust is the mean trust rating of the check-ins in ana for each week; a week with fewer than 4 days of check-ins is left blank. They show what went together, not what caused what.'
	assert_line '2026-W47     1     0                   1       0              0                   0    5.5'
}

# The sample form where make install puts it, found through XDG_DATA_DIRS.
sample_form() {
	mkdir -p "$BATS_TEST_TMPDIR/share/steady/forms"
	cp "$BATS_TEST_DIRNAME/../examples/forms/trust-safety.csv" \
	    "$BATS_TEST_TMPDIR/share/steady/forms/"
	export XDG_DATA_DIRS=$BATS_TEST_TMPDIR/share
}

@test "examples: answer the sample questionnaire, then list the forms (checkin.1)" {
	sample_form
	run_pty '
		expect "Would you like to start now?"
		send "\r"
		foreach n {1 2 3 4 5 6 7 8} {
			expect "Your answer: "
			send "2\r"
		}
	' checkin --form trust-safety
	assert_success
	assert_line 'Saved. Your score: 16 (on a scale from 0 to 32), give or take 5.26: some steadiness, some strain.'
	run -0 sh -c 'checkin --forms | cut -f1,3'
	assert_output "$(printf 'name\ttitle\ntrust-safety\tTrust and safety (a sample form)')"
}

@test "examples: score a form's answers without saving them (checkin.1)" {
	sample_form
	run -0 sh -c 'checkin --form trust-safety -o - safe_home=3 settled=2 braced=1 \
	    support=4 words_match=2 urge_check=3 promises=2 heard=1 |
	    cut -d, -f3-5'
	assert_output 'score,skipped,subscales
18,0,safety=12 trust=6'
	assert [ ! -e "$STEADY_DIR/forms.csv" ]
}

@test "examples: a short form with a reverse item and a subscale (steady.5)" {
	mkdir -p "$STEADY_CONFIG/forms"
	awk '/^type,name,value,text$/ { keep = 1; buf = $0 "\n"; next }
	    keep && /^\.Ed$/ { if (buf ~ /Evening check/) printf "%s", buf
		keep = 0; next }
	    keep { buf = buf $0 "\n" }' "$BATS_TEST_DIRNAME/../man/steady.5" \
	    >"$STEADY_CONFIG/forms/evening.csv"
	run -0 checkin --form evening -o - rested=2 tense=3 close=1
	assert_output 'ts,form,score,skipped,subscales,answers
2026-11-23T07:30:00+01:00,evening,3,0,body=2,rested=2 tense=3 close=1'
	run -0 checkin --form evening -o - rested=3 close=3
	assert_line --index 1 '2026-11-23T07:30:00+01:00,evening,9,1,body=6,rested=3 tense= close=3'
}

@test "examples: an assignments.csv planned in a session (steady.5)" {
	mkdir -p "$STEADY_CONFIG"
	awk '/^kind,what,times,per,from,until,note$/ { keep = 1 }
	    keep && /^\.Ed$/ { exit }
	    keep' "$BATS_TEST_DIRNAME/../man/steady.5" \
	    >"$STEADY_CONFIG/assignments.csv"
	run -0 wc -l <"$STEADY_CONFIG/assignments.csv"
	assert_output 5
	run -0 checkin --due
	assert_output "Planned for today, if it suits you: ground box, once a day; reflect thought, twice a week; the ladder step \"read the old messages\", twice a week; a walk after dinner, 3 times a week.
Today's check-in is open whenever you are ready: run checkin."
}

# Two clients' forms.csv, with the hand-scored form in the config folder.
forms_caseload() {
	mkdir -p "$STEADY_CONFIG/forms" clients/ana clients/bo
	cp "$FIXTURES/forms/hand.csv" "$STEADY_CONFIG/forms/"
	cp "$FIXTURES/forms/ana/forms.csv" clients/ana/
	cp "$FIXTURES/forms/bo/forms.csv" clients/bo/
}

@test "examples: a client's questionnaire scores as a page (report.1)" {
	cd "$BATS_TEST_TMPDIR"
	forms_caseload
	run -0 sh -c 'report -f html --since 2026-07-01 clients/ana/forms.csv >ana-forms.html'
	run -0 grep -c 'class="mark"' ana-forms.html
	assert_output 1
	run -0 grep -o 'a reliable improvement' ana-forms.html
	assert_line --index 0 'a reliable improvement'
}

@test "examples: how each client's forms have changed, one line each (report.1)" {
	cd "$BATS_TEST_TMPDIR"
	forms_caseload
	run -0 sh -c "report -f tsv clients/*/forms.csv |
	    awk -F '\t' 'NR > 1 { last[\$1 \" \" \$2] = \$10 }
	        END { for (k in last) print k \": \" last[k] }' | sort"
	assert_output 'ana hand: a reliable improvement
bo hand: a reliable worsening, worth talking over
bo unknown-form: first score'
}

@test "examples: plan a grounding exercise, then see what --due says (checkin.1)" {
	run -0 --separate-stderr checkin --assign kind=ground what=box until=2026-12-20
	assert_equal "$stderr" 'Planned: ground box, once a day, from 2026-11-23 to 2026-12-20.'
	run -0 checkin --due
	assert_output "Planned for today, if it suits you: ground box, once a day.
Today's check-in is open whenever you are ready: run checkin."
}

@test "examples: a client's practice beside the plan (report.1)" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p clients/ana
	cp "$FIXTURES/ground.csv" "$FIXTURES/reflect.csv" "$FIXTURES/trials.csv" \
	    clients/ana/
	printf '%s\n' 'kind,what,times,per,from,until,note' \
	    'ground,box,1,day,2026-11-02,2026-11-08,' \
	    'reflect,,2,week,2026-11-02,,' >clients/ana/assignments.csv
	export STEADY_NOW=2026-11-10T07:30:00+01:00
	run -0 sh -c "report -f md --since 2026-11-02 clients/ana/*.csv | grep -A6 'practice plan'"
	assert_output '## ana: practice plan

- Ground box, once a day: 3 of 7 planned practices.
- A reflection, twice a week: 4 practices, with 2 planned; this week so far: 1 of 2 planned.

### planned practice'
}
