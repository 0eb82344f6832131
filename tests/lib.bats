#!/usr/bin/env bats
# lib: the C unit tests of libsteady, one binary per module (make units).

load helper

unit() {
	run "$STEADY_BIN/unit/$1"
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$output" | grep -A3 '^not ok' >&2
	fi
	assert_success
	refute_line --regexp '^not ok'
	assert_line --regexp '^1\.\.[1-9][0-9]*$'
}

@test "lib: util" { unit util; }
@test "lib: csvio" { unit csvio; }
@test "lib: store" { unit store; }
@test "lib: when" { unit when; }
@test "lib: prompt" { unit prompt; }
@test "lib: match" { unit match; }
@test "lib: config" { unit config; }
@test "lib: safety" { unit safety; }
@test "lib: stats" { unit stats; }
@test "lib: out" { unit out; }
@test "lib: pacing" { unit pacing; }
@test "lib: clock" { unit clock; }
@test "lib: traps" { unit traps; }
@test "lib: forms" { unit forms; }
@test "lib: assign" { unit assign; }
@test "lib: practice" { unit practice; }

@test "lib: the unit tests make their scratch folders under TMPDIR" {
	unit assign
	run -0 find "$TMPDIR" -mindepth 1 -maxdepth 1 -name 'steady-assign.*'
	assert_output --regexp "^$TMPDIR/steady-assign\.[A-Za-z0-9]{6}\$"
}
