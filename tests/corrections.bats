#!/usr/bin/env bats
# corrections: records corrected or withdrawn by appending, in every log,
# and every reader honouring them.

load helper

HDR='ts,mood,trust,safety,distress,arousal,note'
FIX=$FIXTURES/corrections
CORRECTED='Corrected: the check-in on line 2 is replaced by a new line at the end
of the log; the old one stays as written.'

# two_checkins: a check-in log of two records, made by checkin itself.
two_checkins() {
	checkin --at 2026-11-22T08:10 mood=5 note='slept badly'
	checkin mood=6 safety=8
}

# trials: two trials of one step, logged by ladder.
trials() {
	ladder add -s 40 'Drive past the office' >/dev/null
	ladder log --at 2026-11-22T18:00 --pre 30 --peak 90 --post 20 1 >/dev/null
	ladder log --pre 30 --peak 60 --post 20 1 >/dev/null
}

unit() {
	run "$STEADY_BIN/unit/$1"
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$output" | grep -A3 '^not ok' >&2
	fi
	assert_success
	refute_line --regexp '^not ok'
	assert_line --regexp '^1\.\.[1-9][0-9]*$'
}

@test "lib: correct" { unit correct; }

@test "checkin: --correct appends a corrected copy and adds the amend column" {
	two_checkins
	run -0 --separate-stderr checkin --correct 2026-11-22T08:10 mood=7 note='slept, then ran'
	assert_equal "$stderr" "$CORRECTED"
	run -0 cat "$(log)"
	assert_output "$HDR,amend
2026-11-22T08:10:00+01:00,5,,,,,slept badly,
2026-11-23T07:30:00+01:00,6,,8,,,,
2026-11-22T08:10:00+01:00,7,,,,,\"slept, then ran\",correct"
}

@test "checkin: a second correction only appends to the log" {
	two_checkins
	checkin -c 2026-11-22T08:10 mood=7 2>/dev/null
	cp "$(log)" "$BATS_TEST_TMPDIR/before"
	run -0 --separate-stderr checkin -c 2026-11-22T08:10:00+01:00 mood=
	run -0 cmp -n "$(wc -c <"$BATS_TEST_TMPDIR/before")" \
	    "$BATS_TEST_TMPDIR/before" "$(log)"
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-22T08:10:00+01:00,,,,,,slept badly,correct'
}

@test "checkin: --log shows a corrected check-in once, as corrected" {
	two_checkins
	checkin -c 2026-11-22T08:10 mood=7 2>/dev/null
	run -0 --separate-stderr checkin --log
	assert_output "$HDR,amend
2026-11-23T07:30:00+01:00,6,,8,,,,
2026-11-22T08:10:00+01:00,7,,,,,slept badly,correct"
}

@test "checkin: --withdraw leaves the check-in out of --log" {
	two_checkins
	run -0 --separate-stderr checkin --withdraw 2026-11-22T08:10
	assert_equal "$stderr" 'Withdrawn: the check-in on line 2 no longer counts; it stays in the log
as written.'
	run -0 checkin --log
	assert_output "$HDR,amend
2026-11-23T07:30:00+01:00,6,,8,,,,"
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-22T08:10:00+01:00,,,,,,,withdraw'
}

@test "checkin: --due does not count a withdrawn check-in" {
	two_checkins
	run -1 checkin --due
	checkin -w 07:30 2>/dev/null
	run -0 checkin --due
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "checkin: --correct checks values like a new check-in (2)" {
	two_checkins
	cp "$(log)" "$BATS_TEST_TMPDIR/before"
	run -2 --separate-stderr checkin -c 2026-11-22T08:10 mood=11
	assert_equal "${stderr_lines[0]}" 'checkin: mood=11: mood is a whole number from 0 to 10'
	assert_equal "${stderr_lines[1]}" 'usage: checkin [-e] [-a time] [-o file] [item=value ...] [note=text]'
	run -2 --separate-stderr checkin -c 2026-11-22T08:10 sleep=3
	assert_equal "${stderr_lines[0]}" 'checkin: sleep: the log has no such column'
	run -2 --separate-stderr checkin -c 2026-11-22T08:10 mood
	assert_equal "${stderr_lines[0]}" 'checkin: mood: give a correction as name=value'
	run -2 --separate-stderr checkin -c 2026-11-22T08:10
	assert_equal "${stderr_lines[0]}" 'checkin: nothing to correct: give the new values as name=value'
	run -0 cmp "$BATS_TEST_TMPDIR/before" "$(log)"
}

@test "checkin: the time of a check-in cannot be corrected (2)" {
	two_checkins
	run -2 --separate-stderr checkin -c 2026-11-22T08:10 ts=2026-11-22T09:00
	assert_equal "${stderr_lines[0]}" 'checkin: ts cannot be corrected: it says which record this is; withdraw the record and make it again'
}

@test "checkin: --correct of a time without a check-in exits 1" {
	two_checkins
	run -1 --separate-stderr checkin -c 2026-11-21 mood=3
	assert_equal "$stderr" "checkin: $STEADY_DIR/checkin.csv: there is no record for 2026-11-21; nothing was saved"
	run -0 head -n 1 "$(log)"
	assert_output "$HDR"
}

@test "checkin: --withdraw without a log exits 1 and makes none" {
	run -1 --separate-stderr checkin -w 2026-11-21
	assert_equal "$stderr" "checkin: $STEADY_DIR/checkin.csv: there is no log yet, so nothing to correct; nothing was saved"
	assert [ ! -e "$(log)" ]
}

@test "checkin: a withdrawn check-in cannot be withdrawn again" {
	two_checkins
	checkin -w 2026-11-22T08:10 2>/dev/null
	run -1 --separate-stderr checkin -w 2026-11-22T08:10
	assert_equal "$stderr" "checkin: $STEADY_DIR/checkin.csv:4: the record for 2026-11-22T08:10 is withdrawn already; nothing was saved"
}

@test "checkin: two different check-ins of one second are not withdrawn by guess" {
	checkin mood=5
	checkin mood=6
	run -1 --separate-stderr checkin -w 07:30
	assert_equal "$stderr" "checkin: $STEADY_DIR/checkin.csv:3: line 2 is for 2026-11-23T07:30 too, and the two differ: correct the record to what should count, which then replaces both, and withdraw that if neither should; nothing was saved"
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,5,,,,,
2026-11-23T07:30:00+01:00,6,,,,,"
}

@test "checkin: a check-in saved twice is taken back to one" {
	checkin mood=5 note=walk
	checkin mood=5 note=walk
	run -0 --separate-stderr checkin -w 07:30
	assert_equal "$stderr" 'Taken back: the check-in saved twice (on lines 2 and 3) now counts once;
the lines stay in the log as written.'
	run -0 checkin --log
	assert_output "$HDR,amend
2026-11-23T07:30:00+01:00,5,,,,,walk,correct"
	run -1 checkin --due
	run -0 --separate-stderr checkin -w 07:30
	assert_equal "$stderr" 'Withdrawn: the check-in on line 4 no longer counts; it stays in the log
as written.'
	run -0 checkin --log
	assert_output "$HDR,amend"
}

@test "checkin: a correction of two check-ins of one second replaces both" {
	checkin mood=5
	checkin mood=6 safety=8
	run -0 --separate-stderr checkin -c 07:30 mood=7
	assert_equal "$stderr" 'Corrected: the check-in saved twice (on lines 2 and 3) is replaced by
one new line at the end of the log; the old lines stay as written.'
	run -0 checkin --log
	assert_output "$HDR,amend
2026-11-23T07:30:00+01:00,7,,8,,,,correct"
}

@test "checkin: --correct keeps a TSV log TSV" {
	mkdir -p "$STEADY_DIR"
	printf 'ts\tmood\tnote\n2026-11-22T08:10:00+01:00\t5\tfirst\n' >"$(log)"
	chmod 600 "$(log)"
	checkin -c 2026-11-22T08:10 mood=6 2>/dev/null
	run -0 cat "$(log)"
	assert_output "$(printf 'ts\tmood\tnote\tamend\n2026-11-22T08:10:00+01:00\t5\tfirst\t\n2026-11-22T08:10:00+01:00\t6\tfirst\tcorrect')"
}

@test "checkin: --correct and --withdraw go alone" {
	run -2 --separate-stderr checkin -c 07:30 -w 07:30
	assert_equal "${stderr_lines[0]}" 'checkin: choose one of --due, --remind, --log, --items, --plan'
	run -2 --separate-stderr checkin -w 07:30 mood=3
	assert_equal "${stderr_lines[0]}" 'checkin: ratings, --at, --edit and --output are for recording a check-in'
}

@test "report: leaves out superseded and withdrawn check-ins" {
	run -0 report --format csv --cols mood "$FIX/checkin.csv"
	assert_output 'source,group,period,log,item,measure,n,mean,sd,min,max,first,last,trend_per_week,trend_low,trend_high,trend,baseline,recent
corrections,,,check-ins,,mood,2,7,1.414,6,8,8,6,,,,too few to tell,7,7'
}

@test "report: honours corrections on standard input" {
	run -0 sh -c 'cat "$1" | report --format csv --cols mood -' sh "$FIX/checkin.csv"
	assert_line --index 1 'stdin,,,check-ins,,mood,2,7,1.414,6,8,8,6,,,,too few to tell,7,7'
}

@test "report: honours corrections in a file read in pieces" {
	cp "$FIX/checkin.csv" "$BATS_TEST_TMPDIR/big.csv"
	for i in $(seq 1 200); do
		printf '2026-10-%02dT08:00:00+01:00,5,,,,,,\n' $((i % 28 + 1))
	done >>"$BATS_TEST_TMPDIR/big.csv"
	printf '2026-11-21T08:00:00+01:00,,,,,,,withdraw\n' >>"$BATS_TEST_TMPDIR/big.csv"
	STEADY_JOBS=3 STEADY_PIECE_MIN=1000 run -0 report --format csv \
	    --cols mood "$BATS_TEST_TMPDIR/big.csv"
	assert_line --index 1 --regexp '^[^,]*,,,check-ins,,mood,201,'
}

@test "report: a correction's amend column is no measure" {
	run -0 report --format csv "$FIX/checkin.csv"
	refute_output --partial amend
}

@test "ladder: correct replaces a trial in its listing and pacing" {
	trials
	run -0 --separate-stderr ladder correct t20261122T180000 peak=50 learned='it passed'
	assert_equal "$stderr" 'Corrected: the trial on line 2 is replaced by a new line at the end of
the log; the old one stays as written.'
	run -0 ladder list
	assert_line '   1    40  in progress           2    60  Drive past the office'
	run -0 tail -n 1 "$STEADY_DIR/trials.csv"
	assert_output '2026-11-22T18:00:00+01:00,t20261122T180000,planned,main,1,Drive past the office,30,50,20,,,,,,,,it passed,,no,,,correct'
}

@test "ladder: withdraw leaves a trial out" {
	trials
	run -0 --separate-stderr ladder withdraw t20261123T073000
	run -0 ladder list
	assert_line '   1    40  in progress           1    90  Drive past the office'
	run -0 report --format csv --cols peak "$STEADY_DIR/trials.csv"
	assert_line --index 1 --regexp ',peak,1,90,'
}

@test "ladder: correct checks ratings (2)" {
	trials
	run -2 --separate-stderr ladder correct t20261122T180000 peak=101
	assert_equal "${stderr_lines[0]}" 'ladder: peak=101: give a whole number from 0 to 100'
	run -2 --separate-stderr ladder correct t20261122T180000 stopped=maybe
	assert_equal "${stderr_lines[0]}" 'ladder: stopped=maybe: give yes or no'
	run -2 --separate-stderr ladder correct t20261122T180000 id=t1
	assert_equal "${stderr_lines[0]}" 'ladder: id cannot be corrected: it says which record this is; withdraw the record and make it again'
	run -2 --separate-stderr ladder withdraw
}

@test "ladder: an unknown trial is not corrected (1)" {
	trials
	run -1 --separate-stderr ladder withdraw t1
	assert_equal "$stderr" "ladder: $STEADY_DIR/trials.csv: there is no record for t1; nothing was saved"
}

@test "report: a corrected trial counts as corrected" {
	run -0 report --format csv --cols peak "$FIX/trials.csv"
	assert_line --index 1 'corrections,,,exposure trials,Drive past the office,peak,2,65,7.071,60,70,70,60,,,,too few to tell,65,65'
}

@test "reflect: correct replaces an entry in search" {
	reflect journal text='It was all my fault' >/dev/null 2>&1
	run -0 --separate-stderr reflect correct r20261123T073000 text='It was not all mine'
	assert_equal "$stderr" 'Corrected: the entry on line 2 is replaced by a new line at the end of
the log; the old one stays as written.'
	run -0 reflect search 'mine|fault'
	assert_equal "${#lines[@]}" 2
	assert_line --index 1 --partial 'It was not all mine'
}

@test "reflect: withdraw leaves an entry out of search" {
	reflect journal text='A line written in error' >/dev/null 2>&1
	run -0 --separate-stderr reflect withdraw r20261123T073000
	run -1 reflect search error
	assert_output ''
}

@test "reflect: correct checks ratings and takes no options (2)" {
	reflect thought situation=x intensity=50 >/dev/null 2>&1
	run -2 --separate-stderr reflect correct r20261123T073000 intensity=200
	assert_equal "${stderr_lines[0]}" 'reflect: intensity=200: give a whole number from 0 to 100'
	run -2 --separate-stderr reflect correct r20261123T073000 kind=diary
	assert_equal "${stderr_lines[0]}" 'reflect: kind=diary: choose journal, thought, exposure, weekly or experiment'
	run -2 --separate-stderr reflect -o - withdraw r20261123T073000
	assert_equal "$stderr" 'reflect: correct and withdraw take no options'
}

@test "reflect: exposure does not link to a withdrawn trial" {
	trials
	ladder withdraw t20261123T073000 2>/dev/null
	run -1 --separate-stderr reflect exposure --trial t20261123T073000 learned=x
	assert_equal "$stderr" "reflect: no trial with id t20261123T073000 in $STEADY_DIR/trials.csv"
}

@test "reflect: exposure links to a trial as corrected" {
	trials
	ladder correct t20261122T180000 step='Drive to the office' 2>/dev/null
	run -0 --separate-stderr reflect exposure --trial t20261122T180000 learned=x
	run -0 tail -n 1 "$STEADY_DIR/reflect.csv"
	assert_output --partial ',t20261122T180000,Drive to the office,'
}

@test "ground: --correct and --withdraw supersede an exercise" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n' 'ts,exercise,seconds,pre,post,completed,note' \
	    '2026-11-22T08:00:00+01:00,box,60,7,4,yes,' \
	    '2026-11-22T09:00:00+01:00,box,60,6,5,yes,' >"$STEADY_DIR/ground.csv"
	chmod 600 "$STEADY_DIR/ground.csv"
	run -0 --separate-stderr ground --correct 2026-11-22T08:00 post=3
	assert_equal "$stderr" 'Corrected: the exercise on line 2 is replaced by a new line at the end
of the log; the old one stays as written.'
	run -0 --separate-stderr ground -w 2026-11-22T09:00
	assert_equal "$stderr" 'Withdrawn: the exercise on line 3 no longer counts; it stays in the log
as written.'
	run -0 report --format csv --cols post "$STEADY_DIR/ground.csv"
	assert_line --index 1 --regexp ',box,post,1,3,'
}

@test "ground: --correct checks values and takes no other options (2)" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n' 'ts,exercise,seconds,pre,post,completed,note' \
	    '2026-11-22T08:00:00+01:00,box,60,7,4,yes,' >"$STEADY_DIR/ground.csv"
	chmod 600 "$STEADY_DIR/ground.csv"
	run -2 --separate-stderr ground -c 2026-11-22T08:00 pre=11
	assert_equal "${stderr_lines[0]}" 'ground: pre=11: give a whole number from 0 to 10'
	run -2 --separate-stderr ground -c 2026-11-22T08:00 completed=maybe
	assert_equal "${stderr_lines[0]}" 'ground: completed=maybe: give yes or no'
	run -2 --separate-stderr ground -n -w 2026-11-22T08:00
	assert_equal "$stderr" 'ground: --correct and --withdraw take no other options'
}

# recipe: the SQL of steady(5)'s sqlite3 recipe, as the page shows it.
recipe() {
	mandoc -Tascii -Owidth=200 "$BATS_TEST_DIRNAME/../man/steady.5" |
	    sed 's/.\x08//g' |
	    sed -n '/^ *CREATE TABLE checkin AS/,/d\.amend <> .*;$/p'
}

@test "steady: the sqlite3 recipe of steady(5) keeps the records in effect" {
	local sql
	sql=$(recipe)
	run -0 grep -c ';$' <<<"$sql"
	assert_output 2
	run -0 sqlite3 :memory: ".import --csv $FIX/checkin.csv raw" \
	    "$sql"
	assert_output '2026-11-21T08:00:00+01:00|6||||||
2026-11-20T08:00:00+01:00|8|||||typed 2 for 8|correct'
}

@test "steady: the sqlite3 recipe of steady(5) works on a log never corrected" {
	two_checkins
	run -0 sqlite3 :memory: ".import --csv $(log) raw" "$(recipe)"
	assert_output '2026-11-22T08:10:00+01:00|5|||||slept badly|
2026-11-23T07:30:00+01:00|6||8||||'
}

@test "completions: bash offers --correct for checkin --co" {
	source "$BATS_TEST_DIRNAME/../completions/checkin.bash"
	COMP_WORDS=(checkin --co)
	COMP_CWORD=1
	_checkin
	assert_equal "${COMPREPLY[*]}" '--correct'
}

@test "completions: bash offers item= operands after checkin --correct WHEN" {
	source "$BATS_TEST_DIRNAME/../completions/checkin.bash"
	COMP_WORDS=(checkin --correct 07:30 mo)
	COMP_CWORD=3
	_checkin
	assert_equal "${COMPREPLY[*]}" 'mood='
}

@test "completions: bash offers correct and withdraw to ladder and reflect" {
	source "$BATS_TEST_DIRNAME/../completions/ladder.bash"
	COMP_WORDS=(ladder w)
	COMP_CWORD=1
	_ladder
	assert_equal "${COMPREPLY[*]}" 'withdraw'
	source "$BATS_TEST_DIRNAME/../completions/reflect.bash"
	COMP_WORDS=(reflect co)
	COMP_CWORD=1
	_reflect
	assert_equal "${COMPREPLY[*]}" 'correct'
}

@test "completions: bash offers --withdraw for ground --w" {
	source "$BATS_TEST_DIRNAME/../completions/ground.bash"
	COMP_WORDS=(ground --w)
	COMP_CWORD=1
	_ground
	assert_equal "${COMPREPLY[*]}" '--withdraw'
}

@test "completions: zsh and fish accept the correction options" {
	run -0 zsh -n "$BATS_TEST_DIRNAME/../completions/_checkin"
	run -0 fish -c "source $BATS_TEST_DIRNAME/../completions/checkin.fish; complete -C 'checkin --wi'"
	assert_output --partial -- '--withdraw'
	run -0 fish -c "source $BATS_TEST_DIRNAME/../completions/ladder.fish; complete -C 'ladder wi'"
	assert_output --partial withdraw
}

@test "readme: the commands of \"Putting a record right\" run as written" {
	checkin --at 2026-11-22T21:00 mood=4
	checkin mood=5
	ladder add -s 40 'Drive past the office' >/dev/null
	ladder log --at 2026-11-22T18:00 --peak 60 1 >/dev/null
	reflect journal text='a line' >/dev/null 2>&1
	mkdir -p "$STEADY_DIR"
	printf '%s\n' 'ts,exercise,seconds,pre,post,completed,note' \
	    '2026-11-22T08:00:00+01:00,box,60,7,4,yes,' >"$STEADY_DIR/ground.csv"
	chmod 600 "$STEADY_DIR/ground.csv"
	promise make 'home by six'
	promise kept 1
	awk '/^## Putting a record right$/ { on = 1; next }
	    /^## / { on = 0 } on && /^    / { print substr($0, 5) }' \
	    "$BATS_TEST_DIRNAME/../README.md" >"$BATS_TEST_TMPDIR/cmds"
	run -0 wc -l <"$BATS_TEST_TMPDIR/cmds"
	assert_output 6
	while read -r line; do
		run -0 --separate-stderr sh -c "$line"
	done <"$BATS_TEST_TMPDIR/cmds"
	run -0 checkin --log
	assert_output "$HDR,amend
2026-11-22T21:00:00+01:00,6,,,,,,correct"
	run -0 sh -c 'promise open | cut -f1'
	assert_output 'id
1'
}
