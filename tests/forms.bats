#!/usr/bin/env bats
# forms: questionnaires answered with checkin --form, scored, and read
# back by report with their cut-offs and reliable change.

load helper

FHDR='ts,form,score,skipped,subscales,answers'
SAMPLE=$BATS_TEST_DIRNAME/../examples/forms/trust-safety.csv

# The hand-scored fixture forms (tests/fixtures/forms/SCORES) in the
# config folder's forms/.
forms_setup() {
	mkdir -p "$STEADY_CONFIG/forms"
	cp "$FIXTURES"/forms/hand*.csv "$STEADY_CONFIG/forms/"
	export XDG_DATA_DIRS=$BATS_TEST_TMPDIR/nowhere
}

flog() {
	printf '%s/forms.csv\n' "$STEADY_DIR"
}

@test "checkin: --form scores reverse items and subscales as worked by hand" {
	forms_setup
	run -0 checkin --form hand -o - a=5 b=2 c=3 d=1
	assert_output "$FHDR
2026-11-23T07:30:00+01:00,hand,17,0,one=9 two=8,a=5 b=2 c=3 d=1"
}

@test "checkin: --form fills one skipped item from the others' mean" {
	forms_setup
	run -0 checkin --form hand -o - a=5 b=2 c= d=1
	assert_line --index 1 '2026-11-23T07:30:00+01:00,hand,18.67,1,one=9 two=10,a=5 b=2 c= d=1'
}

@test "checkin: --form withholds a score when too many items are skipped" {
	forms_setup
	run -0 checkin --form hand -o - a=5 d=1
	assert_line --index 1 '2026-11-23T07:30:00+01:00,hand,,2,one=10 two=10,a=5 b= c= d=1'
}

@test "checkin: --form scores a mean form" {
	forms_setup
	run -0 checkin --form hand-mean -o - a=5 b=2 c=3 d=1
	assert_line --index 1 '2026-11-23T07:30:00+01:00,hand-mean,4.25,0,one=4.5 two=4,a=5 b=2 c=3 d=1'
}

@test "checkin: --form appends to forms.csv, made 0600, header once" {
	forms_setup
	run -0 checkin --form hand a=1 b=5 c=1 d=5
	run -0 checkin --form hand --at 2026-11-22T20:00 a=2 b=2 c=2 d=2
	run -0 cat "$(flog)"
	assert_output "$FHDR
2026-11-23T07:30:00+01:00,hand,4,0,one=2 two=2,a=1 b=5 c=1 d=5
2026-11-22T20:00:00+01:00,hand,12,0,one=6 two=6,a=2 b=2 c=2 d=2"
	run -0 stat -c %a "$(flog)"
	assert_output 600
}

@test "checkin: --form refuses answers that are not the form's" {
	forms_setup
	run -2 --separate-stderr checkin --form hand a=6
	assert_equal "$stderr" 'checkin: a=6: the answers are 1, 2, 3, 4 or 5'
	run -2 --separate-stderr checkin --form hand e=1
	assert_equal "$stderr" 'checkin: e: the form hand has no such item; see checkin --form hand --items'
	run -2 --separate-stderr checkin --form hand a=1 a=2
	assert_equal "$stderr" 'checkin: a is given twice'
	run -2 --separate-stderr checkin --form hand a= b=
	assert_equal "$stderr" 'checkin: nothing to record: every answer given is empty'
	assert [ ! -e "$(flog)" ]
}

@test "checkin: --form with a form that is not there exits 1 naming it" {
	forms_setup
	run -1 --separate-stderr checkin --form nope a=1
	assert_equal "$stderr" "checkin: there is no form called \"nope\" (looked for nope.csv in $STEADY_CONFIG/forms)"
}

@test "checkin: --form takes a name, never a path" {
	run -2 --separate-stderr checkin --form ../secret a=1
	assert_equal "$stderr" 'checkin: "../secret" is not a form name: use lower-case letters, digits, - and _'
}

@test "checkin: a form file with a mistake is named with its line" {
	mkdir -p "$STEADY_CONFIG/forms"
	printf 'type,name,value,text\noption,,0,no\noption,,1,yes\nitem,q1,sideways,Q\n' \
	    >"$STEADY_CONFIG/forms/bad.csv"
	run -1 --separate-stderr checkin --form bad q1=1
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/forms/bad.csv:4: an item's value is empty or \"reverse\", not \"sideways\""
}

@test "checkin: a form file's settings that do not fit are named with their line" {
	mkdir -p "$STEADY_CONFIG/forms"
	printf 'type,name,value,text\noption,,0,no\noption,,1,yes\nitem,q1,,Q\nscoring,missing,2,\n' \
	    >"$STEADY_CONFIG/forms/bad.csv"
	run -1 --separate-stderr checkin --form bad q1=1
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/forms/bad.csv:5: missing is 2, more than the 1 item of the form"
	printf 'type,name,value,text\noption,,0,no\noption,,1,yes\nitem,q1,,Q\nsubscale,s,q1 q1,S\n' \
	    >"$STEADY_CONFIG/forms/bad.csv"
	run -1 --separate-stderr checkin --form bad q1=1
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/forms/bad.csv:5: the subscale lists the item q1 twice"
	printf 'type,name,value,text\noption,,0,no\noption,,1,yes\nitem,q1,,Q\nscoring,reliability,0.8,\n' \
	    >"$STEADY_CONFIG/forms/bad.csv"
	run -1 --separate-stderr checkin --form bad q1=1
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/forms/bad.csv:5: reliability is given without sd: the Reliable Change Index needs both"
}

@test "checkin: an item with options of its own is asked and scored on them" {
	mkdir -p "$STEADY_CONFIG/forms"
	printf '%s\n' type,name,value,text option,,0,no option,,1,yes \
	    'item,calm,,I felt calm.' 'item,nights,reverse,Nights I slept badly' \
	    option,nights,0,none option,nights,3,some option,nights,7,every \
	    >"$STEADY_CONFIG/forms/own.csv"
	run -0 checkin --form own --items
	assert_output "$(printf 'name\tmin\tmax\treverse\tquestion
calm\t0\t1\tno\tI felt calm.
nights\t0\t7\tyes\tNights I slept badly')"
	run -2 --separate-stderr checkin --form own calm=1 nights=2
	assert_equal "$stderr" 'checkin: nights=2: the answers are 0, 3 or 7'
	run -0 checkin --form own -o - calm=1 nights=7
	assert_line --index 1 '2026-11-23T07:30:00+01:00,own,1,0,,calm=1 nights=7'
}

@test "checkin: --form goes with recording and --items only" {
	forms_setup
	run -2 --separate-stderr checkin --form hand --due
	assert_equal "$stderr" 'checkin: --form is for answering a form; leave out the other modes'
	run -2 --separate-stderr checkin --form hand --edit
	assert_equal "$stderr" "checkin: --edit is for a check-in's note, not a form"
	run -2 --separate-stderr checkin --form
	assert_equal "${stderr_lines[0]}" 'checkin: --form needs a value'
}

@test "checkin: --form NAME --items lists the form's items" {
	forms_setup
	run -0 checkin --form hand --items
	assert_output "$(printf 'name\tmin\tmax\treverse\tquestion
a\t1\t5\tno\tFirst item
b\t1\t5\tyes\tSecond item (reverse)
c\t1\t5\tno\tThird item
d\t1\t5\tyes\tFourth item (reverse)')"
}

@test "checkin: --forms lists the config folder's forms and the shared ones" {
	forms_setup
	mkdir -p "$BATS_TEST_TMPDIR/share/steady/forms"
	cp "$SAMPLE" "$BATS_TEST_TMPDIR/share/steady/forms/"
	cp "$FIXTURES/forms/hand.csv" "$BATS_TEST_TMPDIR/share/steady/forms/"
	XDG_DATA_DIRS=$BATS_TEST_TMPDIR/share run -0 checkin --forms
	assert_output "$(printf 'name\titems\ttitle
hand\t4\tHand-scored test form
hand-mean\t4\tHand-scored mean form
trust-safety\t8\tTrust and safety (a sample form)')"
}

@test "checkin: --forms with no forms prints only the header" {
	XDG_DATA_DIRS=$BATS_TEST_TMPDIR/nowhere run -0 checkin --forms
	assert_output "$(printf 'name\titems\ttitle')"
}

@test "checkin: the sample form is found in the shared folder and scores" {
	mkdir -p "$BATS_TEST_TMPDIR/share/steady/forms"
	cp "$SAMPLE" "$BATS_TEST_TMPDIR/share/steady/forms/"
	export XDG_DATA_DIRS=$BATS_TEST_TMPDIR/share
	# braced and urge_check are reversed: 4 - answer.
	run -0 checkin --form trust-safety -o - safe_home=3 settled=2 \
	    braced=1 support=4 words_match=2 urge_check=3 promises=2 heard=1
	assert_line --index 1 '2026-11-23T07:30:00+01:00,trust-safety,18,0,safety=12 trust=6,safe_home=3 settled=2 braced=1 support=4 words_match=2 urge_check=3 promises=2 heard=1'
}

@test "checkin: the sample form says it is a sample with placeholder figures" {
	run -0 grep -c 'not a validated instrument' "$SAMPLE"
	assert_output 1
	run -0 grep -c '^scoring,.*placeholder' "$SAMPLE"
	assert_output 3
}

@test "checkin: a log that is not a forms log is refused" {
	forms_setup
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n2026-11-20T08:00:00+01:00,5\n' >"$(flog)"
	chmod 600 "$(flog)"
	run -1 --separate-stderr checkin --form hand a=1
	assert_equal "$stderr" "checkin: $(flog):1: this is not a forms log (it has no ts or form column); nothing was saved"
}

@test "checkin: a forms log lacking a column gains it, every row kept" {
	forms_setup
	mkdir -p "$STEADY_DIR"
	printf 'ts,form,score\n2026-11-20T08:00:00+01:00,hand,12\n' >"$(flog)"
	chmod 600 "$(flog)"
	run -0 checkin --form hand a=1 b=5 c=1 d=5
	run -0 cat "$(flog)"
	assert_output 'ts,form,score,skipped,subscales,answers
2026-11-20T08:00:00+01:00,hand,12,,,
2026-11-23T07:30:00+01:00,hand,4,0,one=2 two=2,a=1 b=5 c=1 d=5'
}

@test "checkin: --form on a terminal asks consent, then each item, and scores" {
	forms_setup
	run_pty '
		expect "Would you like to start now? \[Y/n\] "
		send "\r"
		expect "1 of 4. First item"
		expect "Your answer: "
		send "5\r"
		expect "2 of 4. Second item (reverse)"
		expect "Your answer: "
		send "2\r"
		expect "3 of 4."
		expect "Your answer: "
		send "\r"
		expect "4 of 4."
		expect "Your answer: "
		send "1\r"
	' checkin --form hand
	assert_success
	assert_line 'Hand-scored test form'
	assert_line 'Four items from 1 to 5.'
	assert_line '   1 never, 2 rarely, 3 sometimes, 4 often, 5 always'
	assert_line 'Saved. Your score: 18.67 (on a scale from 4 to 20), give or take 3.1: high.'
	assert_line 'First pair 9, Second pair 10.'
	run -0 tail -n 1 "$(flog)"
	assert_output '2026-11-23T07:30:00+01:00,hand,18.67,1,one=9 two=10,a=5 b=2 c= d=1'
}

@test "checkin: --form on a terminal: too few answers for a score, said gently" {
	forms_setup
	run_pty '
		expect "start now?"
		send "\r"
		expect "Your answer: "
		send "5\r"
		foreach n {2 3 4} {
			expect "Your answer: "
			send "\r"
		}
	' checkin --form hand
	assert_success
	assert_line 'Saved. There are not enough answers for a score this time (3 skipped;'
	assert_line 'this form scores with up to 1 skipped). Your answers are kept.'
	run -0 tail -n 1 "$(flog)"
	assert_output '2026-11-23T07:30:00+01:00,hand,,3,one=10 two=,a=5 b= c= d='
}

@test "checkin: --form on a terminal: declining saves nothing, kindly" {
	forms_setup
	run_pty '
		expect "Would you like to start now?"
		send "n\r"
	' checkin --form hand
	assert_success
	assert_line 'That is fine. Nothing was saved; the form is here whenever you want it.'
	assert [ ! -e "$(flog)" ]
}

@test "checkin: --form on a terminal: ? shows the safety plan and asks again" {
	forms_setup
	printf 'Call Sam.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run_pty '
		expect "Would you like to start now?"
		send "?\r"
		expect "Call Sam."
		expect "Would you like to start now?"
		send "y\r"
		expect "Your answer: "
		send "?\r"
		expect "Call Sam."
		expect "1 of 4. First item"
		expect "Your answer: "
		send "\003"
	' checkin --form hand
	assert_failure 130
	assert_line 'Stopped. Nothing was saved.'
	assert [ ! -e "$(flog)" ]
}

@test "checkin: --form on a terminal: an answer off the scale is asked again" {
	forms_setup
	run_pty '
		expect "start now?"
		send "\r"
		expect "Your answer: "
		send "9\r"
		expect "Please give a whole number from 1 to 5, or press Enter to skip."
		expect "Your answer: "
		send "\004"
	' checkin --form hand
	assert_failure 1
	assert_line 'Nothing was saved.'
	assert [ ! -e "$(flog)" ]
}

@test "checkin: --form on a terminal: skipping every item saves nothing" {
	forms_setup
	run_pty '
		expect "start now?"
		send "\r"
		foreach n {1 2 3 4} {
			expect "Your answer: "
			send "\r"
		}
	' checkin --form hand
	assert_success
	assert_line 'Every question was skipped, so nothing was saved. That is fine.'
	assert [ ! -e "$(flog)" ]
}

@test "checkin: --form with no terminal and no answers is a usage error" {
	forms_setup
	run -2 --separate-stderr checkin --form hand </dev/null
	assert_equal "$stderr" 'checkin: there is no terminal to ask on; give the answers as operands, e.g. checkin --form hand a=1'
}

@test "report: a form's history with change since the first score and the RCI" {
	forms_setup
	run -0 report -f csv "$FIXTURES/forms/ana/forms.csv"
	assert_output 'source,form,date,score,low,high,band,change,rci,reliable_change,meaningful,subscales
ana,hand,2026-10-01,20,16.9,20,high,,,first score,,one=10 two=10
ana,hand,2026-10-15,17,13.9,20,high,-3,-1.34,within the range of measurement error,within measurement error,one=8 two=9
ana,hand,2026-10-29,,,,,,,not enough answers for a score,,one=8 two=
ana,hand,2026-11-12,10,6.9,13.1,low,-10,-4.47,a reliable improvement,improvement,one=6 two=4'
}

@test "report: a form's change is said in plain words, with what it rests on" {
	forms_setup
	run -0 report -f md "$FIXTURES/forms/ana/forms.csv"
	assert_line '## ana: Hand-scored test form'
	assert_line '- 4 times answered, from 2026-10-01 to 2026-11-12.'
	assert_line '- Latest score 10 on 2026-11-12, give or take 3.1 (95%): low.'
	assert_line '- Win: since the first score (20 on 2026-10-01): -10 points; RCI -4.47, a reliable improvement.'
	assert_line '- Win: the change reaches the 3 points this form counts as clinically meaningful.'
	assert_line "- Reliable change here rests on the form's SD 5 and reliability 0.9: a change of 4.38 points or more either way is beyond measurement error (95%)."
	assert_line '| 2026-10-15 | 17 | 13.9 to 20 | high | -3 | -1.34 | within the range of measurement error | one=8 two=9 |'
}

@test "report: a reliable worsening is a concern to look at" {
	forms_setup
	run -0 report -f table "$FIXTURES/forms/bo/forms.csv"
	assert_line 'Concern to look at: since the first score (8 on 2026-11-02): +7 points; RCI 3.13, a reliable worsening, worth talking over.'
	assert_line 'The change also reaches the 3 points this form counts as clinically meaningful: a harder stretch, worth talking over together.'
	refute_output --partial 'Win'
}

@test "report: a meaningful change within measurement error is no win" {
	forms_setup
	run -0 report -f table --until 2026-10-16 "$FIXTURES/forms/ana/forms.csv"
	assert_line 'Since the first score (20 on 2026-10-01): -3 points; RCI -1.34, within the range of measurement error.'
	assert_line 'The change is as large as the 3 points this form counts as clinically meaningful, but within the range of measurement error, so it cannot yet be told apart from chance.'
	refute_output --partial 'Win'
	refute_output --partial 'Concern'
}

@test "report: a meaningful worsening within measurement error is said the same way" {
	forms_setup
	printf '%s\n' "$FHDR" '2026-11-02T18:00:00+01:00,hand,8,0,,' \
	    '2026-11-16T18:00:00+01:00,hand,11,0,,' >"$BATS_TEST_TMPDIR/forms.csv"
	run -0 report -f csv "$BATS_TEST_TMPDIR/forms.csv"
	assert_line --index 2 --partial ',3,1.34,within the range of measurement error,within measurement error,'
	run -0 report -f table "$BATS_TEST_TMPDIR/forms.csv"
	assert_line 'The change is as large as the 3 points this form counts as clinically meaningful, but within the range of measurement error, so it cannot yet be told apart from chance.'
	refute_output --partial 'Win'
	refute_output --partial 'Concern'
}

@test "report: without an RCI, a meaningful change is a win only the better way" {
	forms_setup
	grep -v -e reliability -e '^scoring,sd' "$STEADY_CONFIG/forms/hand.csv" \
	    >"$STEADY_CONFIG/forms/plain.csv"
	printf '%s\n' "$FHDR" '2026-11-02T18:00:00+01:00,plain,8,0,,' \
	    '2026-11-16T18:00:00+01:00,plain,15,0,,' >"$BATS_TEST_TMPDIR/forms.csv"
	run -0 report -f table "$BATS_TEST_TMPDIR/forms.csv"
	assert_line 'Since the first score (8 on 2026-11-02): +7 points, reliable change cannot be worked out.'
	assert_line 'Concern to look at: the change reaches the 3 points this form counts as clinically meaningful, the harder way: a harder stretch, worth talking over together.'
	refute_output --partial 'Win'
	printf '%s\n' "$FHDR" '2026-11-02T18:00:00+01:00,plain,15,0,,' \
	    '2026-11-16T18:00:00+01:00,plain,8,0,,' >"$BATS_TEST_TMPDIR/forms.csv"
	run -0 report -f table "$BATS_TEST_TMPDIR/forms.csv"
	assert_line 'Win: the change reaches the 3 points this form counts as clinically meaningful.'
	refute_output --partial 'Concern'
	run -0 report -f csv "$BATS_TEST_TMPDIR/forms.csv"
	assert_line --index 2 --partial ',plain,2026-11-16,8,,,low,-7,,reliable change cannot be worked out,improvement,'
}

@test "report: a form whose file is missing still shows its scores" {
	forms_setup
	run -0 report -f table "$FIXTURES/forms/bo/forms.csv"
	assert_line 'bo: unknown-form'
	assert_line 'Latest score 7 on 2026-11-16.'
	assert_line 'One score so far: change shows from the second.'
	assert_line 'The form file unknown-form.csv was not found, so its cut-offs and reliable change cannot be shown.'
}

@test "report: a form's chart draws its cut-offs in html" {
	forms_setup
	run -0 sh -c "report -f html '$FIXTURES/forms/ana/forms.csv' | grep -c 'class=\"mark\"'"
	assert_output 1
	run -0 sh -c "report -f html '$FIXTURES/forms/ana/forms.csv' | grep -o 'aria-label=\"Hand-scored[^\"]*\"'"
	assert_output 'aria-label="Hand-scored test form (score; cut-off at 12): line chart of 4 points from 2026-10-01 to 2026-11-12, on a scale of 4 to 20"'
}

@test "report: a table and Markdown say where the cut-offs fall" {
	forms_setup
	run -0 report -f md "$FIXTURES/forms/ana/forms.csv"
	assert_line '- The cut-off at 12 (high): 2 of 3 scores at or above it, the latest (10) below it.'
	assert_line 'Hand-scored test form (score; cut-off at 12): `█▇ ▄`'
	run -0 report -f table "$FIXTURES/forms/ana/forms.csv"
	assert_line 'Hand-scored test form (score; cut-off at 12)  █▇ ▄  (4 .. 20)'
	refute_output --partial 'lines at'
	run -0 report -f table "$FIXTURES/forms/bo/forms.csv"
	assert_line 'unknown-form (score)  ▁  (7 .. 8)'
}

@test "report: a form's scores in json carry the reliable change" {
	forms_setup
	run -0 sh -c "report -f json '$FIXTURES/forms/ana/forms.csv' | grep -o '\[\"ana\",\"hand\",\"2026-11-12\",[^]]*\]'"
	assert_output '["ana","hand","2026-11-12",10,6.9,13.1,"low",-10,-4.47,"a reliable improvement","improvement","one=6 two=4"]'
}

@test "report: forms and check-ins together, each table with its header" {
	forms_setup
	run -0 report -f csv "$FIXTURES/week.csv" "$FIXTURES/forms/bo/forms.csv"
	assert_line --index 0 --regexp '^source,group,period,log,'
	assert_output --partial $'\n\nsource,form,date,'
	assert_line --index 6 'source,form,date,score,low,high,band,change,rci,reliable_change,meaningful,subscales'
	assert_line --index 8 'bo,hand,2026-11-16,15,11.9,18.1,high,7,3.13,"a reliable worsening, worth talking over",worsening,one=8 two=7'
}

@test "report: --since leaves out earlier administrations" {
	forms_setup
	run -0 report -f csv --since 2026-10-10 "$FIXTURES/forms/ana/forms.csv"
	assert_line --index 1 'ana,hand,2026-10-15,17,13.9,20,high,,,first score,,one=8 two=9'
	assert_line --index 3 'ana,hand,2026-11-12,10,6.9,13.1,low,-7,-3.13,a reliable improvement,improvement,one=6 two=4'
}

@test "report: a forms row that cannot be read is named, the rest kept" {
	forms_setup
	printf 'ts,form,score\nyesterday,hand,3\n2026-11-02T18:00:00+01:00,hand,many\n2026-11-03T18:00:00+01:00,hand,9\n' >"$BATS_TEST_TMPDIR/forms.csv"
	run -1 --separate-stderr report -f csv "$BATS_TEST_TMPDIR/forms.csv"
	assert_equal "${stderr_lines[0]}" "report: $BATS_TEST_TMPDIR/forms.csv:2: \"yesterday\" is not a date and time (use 2026-11-23 or 2026-11-23T07:30)"
	assert_equal "${stderr_lines[1]}" "report: $BATS_TEST_TMPDIR/forms.csv:3: the score \"many\" is not a number"
	assert_line --index 1 --regexp '^[^,]*,hand,2026-11-03,9,'
}

@test "report: --partial leaves forms out and says so" {
	forms_setup
	run -0 --separate-stderr report --partial "$FIXTURES/forms/ana/forms.csv"
	assert_equal "$stderr" "report: $FIXTURES/forms/ana/forms.csv: questionnaire scores are not part of partial results; give forms.csv to report itself"
}

# Completing the last word of "checkin WORD..." as bash does on Tab;
# the candidates, separated by "|".
bash_complete() {
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		source /usr/share/bash-completion/bash_completion
	fi
	source "$BATS_TEST_DIRNAME/../completions/checkin.bash"
	COMP_WORDS=(checkin "$@")
	COMP_CWORD=$#
	COMP_LINE="checkin $*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	set +e
	_checkin
	set -e
	local IFS='|'
	printf '%s\n' "${COMPREPLY[*]}"
}

@test "completions: bash offers form names after checkin --form" {
	forms_setup
	run -0 bash_complete --form h
	assert_output 'hand|hand-mean'
	run -0 bash_complete -f ''
	assert_output 'hand|hand-mean'
	run -0 bash_complete --for
	assert_output '--form|--forms'
}

@test "completions: bash offers the form's items, and no note, after --form NAME" {
	forms_setup
	run -0 bash_complete --form hand a=5 ''
	assert_output 'b=|c=|d='
	run -0 bash_complete --form = hand ''
	assert_output 'a=|b=|c=|d='
	run -0 bash_complete no
	assert_output 'note='
}

@test "completions: zsh offers form names and the form's items" {
	forms_setup
	mkdir -p "$BATS_TEST_TMPDIR/fpath"
	cp "$BATS_TEST_DIRNAME/../completions/_checkin" "$BATS_TEST_TMPDIR/fpath/"
	cat >"$BATS_TEST_TMPDIR/drive.zsh" <<-'ZSH'
		zmodload zsh/zpty
		zpty z zsh -f -i
		zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
		zpty -w z "zle-line-finish() { [[ \$BUFFER == '#'* ]] && print -r -- \"\$BUFFER\" >$2 }; zle -N zle-line-finish"
		zpty -w z "PS1=''"
		zpty -n -w z "$3"$'\t\C-a#\n'
		for i in {1..100}; do [[ -s $2 ]] && break; sleep 0.1; done
		zpty -d z
	ZSH
	rm -f "$BATS_TEST_TMPDIR/line"
	run -0 zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" \
	    "$BATS_TEST_TMPDIR/line" 'checkin --form hand-'
	run -0 cat "$BATS_TEST_TMPDIR/line"
	assert_output '#checkin --form hand-mean'
	rm -f "$BATS_TEST_TMPDIR/line"
	run -0 zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" \
	    "$BATS_TEST_TMPDIR/line" 'checkin --form hand a=1 d'
	run -0 cat "$BATS_TEST_TMPDIR/line"
	assert_output '#checkin --form hand a=1 d='
}

@test "completions: fish offers form names and the form's items" {
	forms_setup
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --form h"' \
	    "$BATS_TEST_DIRNAME/../completions/checkin.fish"
	assert_output $'hand\tHand-scored test form\nhand-mean\tHand-scored mean form'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --form hand a=1 b=1 c=1 "' \
	    "$BATS_TEST_DIRNAME/../completions/checkin.fish"
	assert_output $'d=\tFourth item (reverse)'
}

@test "checkin: make install puts the sample form where --forms finds it" {
	local prefix=$BATS_TEST_TMPDIR/usr
	run -0 make -s -C "$BATS_TEST_DIRNAME/.." install PREFIX="$prefix"
	XDG_DATA_DIRS=/nowhere:$prefix/share run -0 checkin --forms
	assert_output "$(printf 'name\titems\ttitle\ntrust-safety\t8\tTrust and safety (a sample form)')"
	run -0 stat -c %a "$prefix/share/steady/forms/trust-safety.csv"
	assert_output 644
	run -0 make -s -C "$BATS_TEST_DIRNAME/.." uninstall PREFIX="$prefix"
	assert [ ! -e "$prefix/share/steady/forms/trust-safety.csv" ]
}

@test "checkin: make install PREFIX=~/.local puts the sample form where --forms finds it" {
	run -0 make -s -C "$BATS_TEST_DIRNAME/.." install PREFIX="$HOME/.local"
	# Found through the default of XDG_DATA_HOME, ~/.local/share.
	XDG_DATA_DIRS=/nowhere run -0 checkin --forms
	assert_output "$(printf 'name\titems\ttitle\ntrust-safety\t8\tTrust and safety (a sample form)')"
	XDG_DATA_HOME=$BATS_TEST_TMPDIR/nowhere XDG_DATA_DIRS=/nowhere run -0 checkin --forms
	assert_output "$(printf 'name\titems\ttitle')"
	XDG_DATA_HOME=$HOME/.local/share XDG_DATA_DIRS=/nowhere run -0 checkin --form trust-safety --items
	assert_line --index 1 --partial 'safe_home'
}
