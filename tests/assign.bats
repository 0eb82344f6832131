#!/usr/bin/env bats
# assign: practice assignments, planned with checkin --assign, mentioned
# by --due and --remind, and set against the practice logs by report.

load helper

AHDR='kind,what,times,per,from,until,note'

alog() {
	printf '%s/assignments.csv\n' "$STEADY_CONFIG"
}

# A client folder with the fixture practice logs and an assignment list.
client() {
	mkdir -p "$BATS_TEST_TMPDIR/ana"
	cp "$FIXTURES/ground.csv" "$FIXTURES/reflect.csv" "$FIXTURES/trials.csv" \
	    "$BATS_TEST_TMPDIR/ana/"
	cat >"$BATS_TEST_TMPDIR/ana/assignments.csv" <<-EOF
		$AHDR
		ground,box,1,day,2026-11-02,2026-11-08,before bed
		reflect,,2,week,2026-11-02,,
		ladder,read the old messages,2,week,2026-11-02,2026-11-15,
		other,a walk after dinner,3,week,2026-11-02,,
		ground,sigh,1,day,2026-12-01,,
	EOF
	export STEADY_NOW=2026-11-10T07:30:00+01:00
}

@test "checkin: --assign adds a practice to assignments.csv, made 0600" {
	run -0 --separate-stderr checkin --assign kind=ground what=box until=2026-12-21
	assert_equal "$stderr" 'Planned: ground box, once a day, from 2026-11-23 to 2026-12-21.'
	run -0 --separate-stderr checkin -A kind=reflect what=thought times=3 per=week note='after a hard talk'
	assert_equal "$stderr" 'Planned: reflect thought, 3 times a week, from 2026-11-23.'
	run -0 cat "$(alog)"
	assert_output "$AHDR
ground,box,,,2026-11-23,2026-12-21,
reflect,thought,3,week,2026-11-23,,after a hard talk"
	run -0 stat -c %a "$(alog)"
	assert_output 600
}

@test "checkin: --assign refuses what it cannot plan" {
	run -2 --separate-stderr checkin --assign kind=yoga
	assert_equal "$stderr" 'checkin: kind is ground, ladder, reflect or other, not "yoga"'
	run -2 --separate-stderr checkin --assign kind=ground times=0
	assert_equal "$stderr" 'checkin: times is a whole number from 1 to 100, not "0"'
	run -2 --separate-stderr checkin --assign kind=ground per=month
	assert_equal "$stderr" 'checkin: per is day or week, not "month"'
	run -2 --separate-stderr checkin --assign kind=other
	assert_equal "$stderr" 'checkin: an assignment of kind other says what to practise (what)'
	run -2 --separate-stderr checkin --assign kind=ground until=2026-11-01
	assert_equal "$stderr" 'checkin: until (2026-11-01) is before from (today)'
	run -2 --separate-stderr checkin --assign kind=ground colour=blue
	assert_equal "$stderr" 'checkin: colour: an assignment has kind, what, times, per, from, until and note'
	run -2 --separate-stderr checkin --assign
	assert_equal "$stderr" 'checkin: --assign needs at least kind=...'
	assert [ ! -e "$(alog)" ]
}

@test "checkin: --assign names the exercises, kinds and steps there are" {
	run -2 --separate-stderr checkin --assign kind=ground what=yoga
	assert_equal "$stderr" 'checkin: there is no grounding exercise "yoga"; the exercises are box, 478, slow, sigh, 54321, pause and check'
	run -2 --separate-stderr checkin --assign kind=reflect what=diary
	assert_equal "$stderr" 'checkin: there is no kind of reflection "diary"; the kinds are journal, thought, exposure, weekly and experiment'
	run -2 --separate-stderr checkin --assign kind=ladder what=1
	assert_equal "$stderr" 'checkin: there is no ladder step "1", as the ladder has no steps yet (ladder add makes one); leave what empty to plan any exposure trial'
	ladder add -s 40 'call my sister' >/dev/null
	ladder add -s 70 'read the old messages' >/dev/null
	run -2 --separate-stderr checkin --assign kind=ladder what=3
	assert_equal "$stderr" 'checkin: there is no ladder step "3"; name one by its id or its words: 1 (call my sister), 2 (read the old messages)'
	assert [ ! -e "$(alog)" ]
	run -0 --separate-stderr checkin --assign kind=ladder what=2
	assert_equal "$stderr" 'Planned: the ladder step "2", once a day, from 2026-11-23.'
	mkdir -p "$STEADY_CONFIG"
	printf 'name,text,seconds\ncalm,Breathe in,4\n' >"$STEADY_CONFIG/exercises.csv"
	run -0 checkin --assign kind=ground what=calm
	run -0 checkin --assign kind=reflect what=weekly per=week
	run -0 checkin --assign kind=other what='a walk after dinner'
	run -0 cut -d, -f1,2 "$(alog)"
	assert_output 'kind,what
ladder,2
ground,calm
reflect,weekly
other,a walk after dinner'
}

@test "checkin: --assign gives a hand-written file the columns it lacks" {
	mkdir -p "$STEADY_CONFIG"
	printf 'kind,what,from\nground,box,2026-11-02\n' >"$(alog)"
	chmod 600 "$(alog)"
	run -0 checkin --assign kind=reflect times=3 per=week until=2026-12-20 note=evenings
	run -0 cat "$(alog)"
	assert_output 'kind,what,from,times,per,until,note
ground,box,2026-11-02,,,,
reflect,,2026-11-23,3,week,2026-12-20,evenings'
	run -0 stat -c %a "$(alog)"
	assert_output 600
}

@test "checkin: --assign refuses a file that is not an assignments file" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,value\ncountry,IE\n' >"$(alog)"
	run -1 --separate-stderr checkin --assign kind=ground
	assert_equal "$stderr" "checkin: $(alog):1: this is not an assignments file (it has no kind column); nothing was saved"
	printf 'ts,kind,what,from\n2026-11-02T08:00:00+01:00,ground,box,2026-11-02\n' >"$(alog)"
	run -1 --separate-stderr checkin --assign kind=ground
	assert_equal "$stderr" "checkin: $(alog):1: this is not an assignments file (it has a ts column, as a log does); nothing was saved"
	run -0 cat "$(alog)"
	assert_output 'ts,kind,what,from
2026-11-02T08:00:00+01:00,ground,box,2026-11-02'
}

@test "checkin: --due mentions what is planned today, neutrally" {
	checkin --assign kind=ground what=box until=2026-12-21
	checkin --assign kind=reflect times=3 per=week from=2026-11-01
	checkin --assign kind=other what='a walk' from=2026-12-01
	run -0 checkin --due
	assert_output "Planned for today, if it suits you: ground box, once a day; a reflection, 3 times a week.
Today's check-in is open whenever you are ready: run checkin."
	checkin mood=5
	run -1 checkin --due
	assert_output ''
}

@test "checkin: --remind mentions what is planned today, and is silent once checked in" {
	ladder add -s 40 'call my sister' >/dev/null
	checkin --assign kind=ladder what='call my sister' times=2 per=week
	run -0 checkin --remind
	assert_output 'Planned for today, if it suits you: the ladder step "call my sister", twice a week.
Today'"'"'s check-in is open whenever you are ready: run checkin.'
	checkin mood=5
	run -1 --separate-stderr checkin --remind
	assert_output ''
	assert_equal "$stderr" ''
}

@test "checkin: --due with no assignments says nothing more" {
	run -0 checkin --due
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "checkin: a broken assignments.csv is named with its line, and --due still answers" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\nground,box,1,fortnight,2026-11-01,,\n' "$AHDR" >"$(alog)"
	chmod 600 "$(alog)"
	run -0 --separate-stderr checkin --due
	assert_equal "$stderr" "checkin: $(alog):2: per is day or week, not \"fortnight\""
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "report: practice is set against the plan, as planned practices" {
	client
	run -0 report -f table "$BATS_TEST_TMPDIR"/ana/*.csv
	assert_line 'ana: practice plan'
	assert_line 'Ground box, once a day: 3 of 7 planned practices.'
	assert_line 'A reflection, twice a week: 4 practices, with 2 planned; this week so far: 1 of 2 planned.'
	assert_line 'The ladder step "read the old messages", twice a week: 3 practices, with 2 planned; this week so far: 1 of 2 planned.'
	assert_line "A walk after dinner, 3 times a week: practice in the person's own words: not counted from the logs, worth asking about."
	assert_line 'Ground sigh, once a day: starts on 2026-12-01.'
	refute_output --partial 'complian'
	refute_output --partial 'fail'
}

@test "report: a withdrawn or corrected practice counts as it now stands" {
	client
	{
		printf 'ts,exercise,seconds,pre,post,completed,amend\n'
		tail -n +2 "$FIXTURES/ground.csv" | sed 's/$/,/'
		printf '2026-11-04T20:00:00+01:00,,,,,,withdraw\n'
		printf '2026-11-06T20:00:00+01:00,sigh,240,8,5,stopped,correct\n'
	} >"$BATS_TEST_TMPDIR/ana/ground.csv"
	printf 'ground,,1,week,2026-11-02,2026-11-08,\n' \
	    >>"$BATS_TEST_TMPDIR/ana/assignments.csv"
	run -0 report -f table "$BATS_TEST_TMPDIR"/ana/*.csv
	assert_line 'Ground box, once a day: 1 of 7 planned practices.'
	assert_line 'A grounding exercise, once a week: 4 practices, with 1 planned.'
}

@test "report: a plan in the config folder is set against the logs of the data folder" {
	mkdir -p "$BATS_TEST_TMPDIR/data" "$BATS_TEST_TMPDIR/config"
	cp "$FIXTURES/ground.csv" "$FIXTURES/reflect.csv" "$BATS_TEST_TMPDIR/data/"
	printf '%s\n' "$AHDR" 'ground,box,1,day,2026-11-02,2026-11-08,' \
	    'ladder,,1,week,2026-11-02,2026-11-08,' >"$BATS_TEST_TMPDIR/config/assignments.csv"
	export STEADY_NOW=2026-11-10T07:30:00+01:00
	cd "$BATS_TEST_TMPDIR"
	run -0 sh -c 'report -f md data/*.csv config/assignments.csv | sed -n "/practice plan/,\$p"'
	assert_output "## data: practice plan

- The plan in config/assignments.csv is set against the practice logs of data, the only ones given with it.
- Ground box, once a day: 3 of 7 planned practices.
- An exposure trial, once a week: not counted, as no log of exposure trials was given with the plan.

### planned practice

| source | practice | from | until | planned | practised | current_planned | current_practised | days | summary |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |
| data | ground box, once a day | 2026-11-02 | 2026-11-08 | 7 | 3 |  |  | 3 | 3 of 7 planned practices |
| data | an exposure trial, once a week | 2026-11-02 | 2026-11-08 | 1 |  |  |  |  | not counted, as no log of exposure trials was given with the plan |"
}

@test "report: a plan given without its logs says plainly that nothing is counted" {
	client
	cd "$BATS_TEST_TMPDIR"
	run -0 report -f table ana/assignments.csv
	assert_line 'No grounding, exposure or reflection log of ana was given with the plan in ana/assignments.csv, so no practice is counted: name those logs with it.'
	assert_line 'Ground box, once a day: not counted, as no grounding log was given with the plan.'
	refute_output --partial '0 of'
}

@test "report: each client's plan is set against that client's logs alone" {
	client
	mkdir -p "$BATS_TEST_TMPDIR/bo"
	cp "$FIXTURES/ground.csv" "$BATS_TEST_TMPDIR/bo/"
	cp "$BATS_TEST_TMPDIR/ana/assignments.csv" "$BATS_TEST_TMPDIR/bo/"
	rm "$BATS_TEST_TMPDIR"/ana/*.csv
	cp "$BATS_TEST_TMPDIR/bo/assignments.csv" "$BATS_TEST_TMPDIR/ana/"
	run -0 report -f table "$BATS_TEST_TMPDIR"/ana/*.csv "$BATS_TEST_TMPDIR"/bo/*.csv
	assert_line 'No grounding, exposure or reflection log of ana was given with the plan in '"$BATS_TEST_TMPDIR"'/ana/assignments.csv, so no practice is counted: name those logs with it.'
	assert_line 'bo: practice plan'
	assert_line 'Ground box, once a day: 3 of 7 planned practices.'
}

@test "report: only the days and weeks that have ended are due; the current one is so far" {
	mkdir -p "$BATS_TEST_TMPDIR/ana"
	printf '%s\n' "$AHDR" 'reflect,,3,week,2026-11-09,,' \
	    'ground,box,1,day,2026-11-09,,' >"$BATS_TEST_TMPDIR/ana/assignments.csv"
	printf '%s\n' 'ts,kind,text' '2026-11-09T21:00:00+01:00,journal,a start' \
	    >"$BATS_TEST_TMPDIR/ana/reflect.csv"
	printf '%s\n' 'ts,exercise,seconds,pre,post,completed' \
	    '2026-11-09T20:00:00+01:00,box,300,6,4,yes' >"$BATS_TEST_TMPDIR/ana/ground.csv"
	export STEADY_NOW=2026-11-10T08:15:00+01:00
	run -0 report -f table "$BATS_TEST_TMPDIR"/ana/*.csv
	assert_line 'A reflection, 3 times a week: this week so far: 1 of 3 planned.'
	assert_line 'Ground box, once a day: 1 of 1 planned practice; today so far: 0 of 1 planned.'
	refute_output --partial '1 of 3 planned practices'
	run -0 sh -c "report -f csv '$BATS_TEST_TMPDIR'/ana/*.csv | tail -n 2"
	assert_output 'ana,"a reflection, 3 times a week",2026-11-09,,0,0,3,1,1,this week so far: 1 of 3 planned
ana,"ground box, once a day",2026-11-09,,1,1,1,0,1,1 of 1 planned practice; today so far: 0 of 1 planned'
	STEADY_NOW=2026-11-16T08:15:00+01:00 run -0 report -f table "$BATS_TEST_TMPDIR"/ana/*.csv
	assert_line 'A reflection, 3 times a week: 1 of 3 planned practices; this week so far: 0 of 3 planned.'
}

@test "report: the days column counts each day with practice once" {
	client
	printf '%s\n' 'ts,exercise,seconds,pre,post,completed' \
	    '2026-11-02T20:00:00+01:00,box,300,6,4,yes' \
	    '2026-11-03T20:00:00+01:00,box,300,6,4,yes' \
	    '2026-11-02T21:00:00+01:00,box,300,6,4,yes' >"$BATS_TEST_TMPDIR/ana/ground.csv"
	run -0 sh -c "report -f csv '$BATS_TEST_TMPDIR'/ana/*.csv | grep '^ana,\"ground box'"
	assert_output 'ana,"ground box, once a day",2026-11-02,2026-11-08,7,3,,,2,3 of 7 planned practices'
}

@test "report: the practice plan as one CSV table" {
	client
	run -0 sh -c "report -f csv '$BATS_TEST_TMPDIR'/ana/*.csv | tail -n 6"
	assert_output 'source,practice,from,until,planned,practised,current_planned,current_practised,days,summary
ana,"ground box, once a day",2026-11-02,2026-11-08,7,3,,,3,3 of 7 planned practices
ana,"a reflection, twice a week",2026-11-02,,2,4,2,1,5,"4 practices, with 2 planned; this week so far: 1 of 2 planned"
ana,"the ladder step ""read the old messages"", twice a week",2026-11-02,2026-11-15,2,3,2,1,4,"3 practices, with 2 planned; this week so far: 1 of 2 planned"
ana,"a walk after dinner, 3 times a week",2026-11-02,,3,,3,,,"practice in the person'"'"'s own words: not counted from the logs, worth asking about"
ana,"ground sigh, once a day",2026-12-01,,0,0,,,0,starts on 2026-12-01'
}

@test "report: --since and --until narrow the days planned and practised" {
	client
	run -0 sh -c "report -f csv --since 2026-11-04 --until 2026-11-05 '$BATS_TEST_TMPDIR'/ana/*.csv | grep '^ana,\"ground box'"
	assert_output 'ana,"ground box, once a day",2026-11-02,2026-11-08,2,1,,,1,1 of 2 planned practices'
}

@test "report: a broken assignments file is named with its line" {
	client
	printf '%s\nground,box,1,day,,,\n' "$AHDR" >"$BATS_TEST_TMPDIR/ana/assignments.csv"
	run -1 --separate-stderr report -f csv "$BATS_TEST_TMPDIR/ana/assignments.csv"
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/ana/assignments.csv:2: from is needed: the first day of the practice"
}

@test "report: --partial leaves assignments out and says so" {
	client
	run -0 --separate-stderr report --partial "$BATS_TEST_TMPDIR/ana/assignments.csv"
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/ana/assignments.csv: practice assignments are not part of partial results; give assignments.csv to report itself"
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

@test "completions: bash offers an assignment's fields after checkin --assign" {
	run -0 bash_complete --assign ''
	assert_output 'kind=|what=|times=|per=|from=|until=|note='
	run -0 bash_complete -A kind=ground p
	assert_output 'per='
}

@test "completions: fish offers an assignment's fields, and kind's values, after --assign" {
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --assign kind=ground times=2 "' \
	    "$BATS_TEST_DIRNAME/../completions/checkin.fish"
	assert_output $'from=\tThe first day (today)\nnote=\tAnything to remember about it\nper=\tday or week (day)\nuntil=\tThe last day (none)\nwhat=\tThe exercise, step, kind of reflection or words'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin -A kind="' \
	    "$BATS_TEST_DIRNAME/../completions/checkin.fish"
	assert_output $'kind=ground\nkind=ladder\nkind=other\nkind=reflect'
	refute_output --partial mood
}

@test "completions: zsh offers an assignment's fields after --assign" {
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
	run -0 zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" \
	    "$BATS_TEST_TMPDIR/line" 'checkin --assign kind=gr'
	run -0 cat "$BATS_TEST_TMPDIR/line"
	assert_output '#checkin --assign kind=ground'
	rm -f "$BATS_TEST_TMPDIR/line"
	run -0 zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" \
	    "$BATS_TEST_TMPDIR/line" 'checkin --assign kind=ground un'
	run -0 cat "$BATS_TEST_TMPDIR/line"
	assert_output '#checkin --assign kind=ground until='
}
