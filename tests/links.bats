#!/usr/bin/env bats
# links: a trial, the grounding done during it and the reflection after
# it carry the trial's id, and report shows them together.

load helper

GHDR='ts,exercise,seconds,pre,post,completed,note'
LINKS='trials with their grounding and reflection'

# quick: a one-step exercise of a fifth of a second, to run without a
# terminal.
quick() {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,text,seconds\nquick,Breathe,0.2\n' >"$STEADY_CONFIG/exercises.csv"
}

# practice: two trials, a grounding during the first and a reflection
# on it, in the data directory.
practice() {
	mkdir -p "$STEADY_DIR"
	printf '%s\n' 'ts,id,kind,ladder,step_id,step,pre,peak,post' \
	    '2026-11-20T18:00:00+01:00,t20261120T180000,planned,main,1,Drive past,30,80,20' \
	    '2026-11-21T18:00:00+01:00,t20261121T180000,planned,main,1,Drive past,30,60,20' \
	    >"$STEADY_DIR/trials.csv"
	printf '%s\n' "$GHDR,trial" \
	    '2026-11-20T18:10:00+01:00,box,60,8,5,yes,,t20261120T180000' \
	    '2026-11-22T08:00:00+01:00,sigh,30,6,4,yes,,' >"$STEADY_DIR/ground.csv"
	printf '%s\n' 'ts,kind,id,trial,step,learned' \
	    '2026-11-20T19:00:00+01:00,exposure,r1,t20261120T180000,Drive past,it did not happen' \
	    >"$STEADY_DIR/reflect.csv"
	chmod 600 "$STEADY_DIR"/*.csv
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

@test "lib: links" { unit links; }

@test "ground: --trial records the trial's id in a new log" {
	quick
	run -0 ground --trial t20261123T073000 quick </dev/null
	run -0 cat "$STEADY_DIR/ground.csv"
	assert_output "$GHDR,trial
2026-11-23T07:30:00+01:00,quick,0,,,yes,,t20261123T073000"
}

@test "ground: --trial gives an older log a trial column, keeping every cell" {
	quick
	mkdir -p "$STEADY_DIR"
	printf '%s\n' "$GHDR" '2026-11-22T08:00:00+01:00,box,60,7,4,yes,"a, b"' \
	    >"$STEADY_DIR/ground.csv"
	chmod 600 "$STEADY_DIR/ground.csv"
	run -0 ground -t t20261123T073000 quick </dev/null
	run -0 cat "$STEADY_DIR/ground.csv"
	assert_output "$GHDR,trial
2026-11-22T08:00:00+01:00,box,60,7,4,yes,\"a, b\",
2026-11-23T07:30:00+01:00,quick,0,,,yes,,t20261123T073000"
	run -0 stat -c %a "$STEADY_DIR/ground.csv"
	assert_output 600
}

@test "ground: without --trial a log keeps its columns" {
	quick
	run -0 ground quick </dev/null
	run -0 head -n 1 "$STEADY_DIR/ground.csv"
	assert_output "$GHDR"
}

@test "ground: --trial with -o - writes the trial column" {
	quick
	run -0 --separate-stderr ground -t t1 -o - quick </dev/null
	assert_output "$GHDR,trial
2026-11-23T07:30:00+01:00,quick,0,,,yes,,t1"
}

@test "ground: --trial needs an id on one line without commas (2)" {
	run -2 --separate-stderr ground --trial 'a,b' quick
	assert_equal "$stderr" 'ground: --trial needs a trial'"'"'s id, such as t20261123T073000'
	run -2 --separate-stderr ground --list --trial t1
	assert_equal "$stderr" 'ground: --list and --plan take no exercise or other options'
}

@test "ladder: start: grounding during a trial gets the id the trial is saved with" {
	ladder add 'call my sister' --suds 45 >/dev/null
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/bin/sh\necho "ground ran $*"\n' >"$BATS_TEST_TMPDIR/fake/ground"
	chmod +x "$BATS_TEST_TMPDIR/fake/ground"
	PATH=$BATS_TEST_TMPDIR/fake:$PATH
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=30
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "0\r"
		expect "00:30 "
		send "g"
		expect "Back to the trial."
		send "\r"
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	assert_line 'ground ran --trial t20261123T073000'
	run -0 cut -d, -f2 "$STEADY_DIR/trials.csv"
	assert_line --index 1 t20261123T073000
}

@test "report: shows a trial with its grounding and reflection" {
	practice
	run -0 report --format table "$STEADY_DIR/trials.csv" \
	    "$STEADY_DIR/ground.csv" "$STEADY_DIR/reflect.csv"
	assert_line "$LINKS"
	assert_line 't20261120T180000  2026-11-20  Drive past    80  box, distress 8 to 5  it did not happen'
	refute_line --partial 't20261121T180000'
}

@test "report: the links table is Markdown and HTML too, and never CSV" {
	practice
	run -0 report --format md "$STEADY_DIR/trials.csv" "$STEADY_DIR/ground.csv" \
	    "$STEADY_DIR/reflect.csv"
	assert_line '| t20261120T180000 | 2026-11-20 | Drive past | 80 | box, distress 8 to 5 | it did not happen |'
	run -0 report --format html "$STEADY_DIR/trials.csv" "$STEADY_DIR/ground.csv"
	assert_output --partial "$LINKS"
	run -0 report --format csv "$STEADY_DIR/trials.csv" "$STEADY_DIR/ground.csv" \
	    "$STEADY_DIR/reflect.csv"
	refute_output --partial 'did not happen'
}

@test "report: a corrected trial is shown as corrected with its links" {
	practice
	ladder correct t20261120T180000 peak=70 2>/dev/null
	run -0 report --format table "$STEADY_DIR/trials.csv" "$STEADY_DIR/ground.csv"
	assert_line 't20261120T180000  2026-11-20  Drive past    70  box, distress 8 to 5'
}

@test "report: logs of different folders are not linked" {
	practice
	mkdir -p "$BATS_TEST_TMPDIR/other"
	mv "$STEADY_DIR/ground.csv" "$STEADY_DIR/reflect.csv" "$BATS_TEST_TMPDIR/other/"
	run -0 report --format table "$STEADY_DIR/trials.csv" \
	    "$BATS_TEST_TMPDIR/other/ground.csv" "$BATS_TEST_TMPDIR/other/reflect.csv"
	refute_line "$LINKS"
}

@test "completions: bash offers --trial for ground --tr" {
	source "$BATS_TEST_DIRNAME/../completions/ground.bash"
	COMP_WORDS=(ground --tr)
	COMP_CWORD=1
	_ground
	assert_equal "${COMPREPLY[*]}" '--trial'
}
