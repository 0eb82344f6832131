#!/usr/bin/env bats
# demo: make demo, as a newcomer runs it on a fresh clone.

load helper

TOP=$BATS_TEST_DIRNAME/..

# The demo's programs are the ones under test, whichever build that is.
demo() {
	TMPDIR=$BATS_TEST_TMPDIR/tmp PATH=$STEADY_BIN:$PATH \
	    sh "$TOP/scripts/demo.sh" "$@"
}

setup() {
	export LC_ALL=C HOME=$BATS_TEST_TMPDIR/home
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW TZ XDG_DATA_HOME \
	    XDG_CONFIG_HOME
	mkdir -p "$HOME" "$BATS_TEST_TMPDIR/tmp"
}

@test "demo: shows a client's 90 days with sparklines and the caseload" {
	run -0 --separate-stderr demo
	assert_equal "$stderr" ''
	assert_line --index 0 "steady demo: four invented clients' last 90 days, made up in a scratch"
	assert_line '$ report -f table clients/ana/checkin.csv'
	assert_line 'Check-ins on 80 of 91 days, from 2026-08-25 to 2026-11-23.'
	assert_line --regexp '^mood +80 +4\.9 .* improving .*[▁▂▃▄▅▆▇█]{6}'
	assert_line 'Win: distress has been improving (about -0.32 a week).'
	assert_line --regexp '^cara +2026-11-22 .* worsening .* 5 +1$'
	assert_line 'exit status 1: done for today'
}

@test "demo: writes the HTML report to a private file whose path it prints" {
	local page
	run -0 demo
	page=$(sed -n 's/^  \(\/.*\.html\)$/\1/p' <<<"$output")
	assert [ -n "$page" ]
	assert_equal "${page%/*}" "$(echo "$BATS_TEST_TMPDIR"/tmp/steady-report.*)"
	run -0 stat -c %a "${page%/*}" "$page"
	assert_output '700
600'
	run -0 head -c 15 "$page"
	assert_output '<!DOCTYPE html>'
	run -0 grep -c '<svg' "$page"
	refute_output 0
	run -1 grep -E '<script|https?://' "$page"
}

@test "demo: leaves nothing behind but the report, and no steady folders" {
	demo >/dev/null
	run -0 sh -c "cd '$BATS_TEST_TMPDIR/tmp' && find . | sort"
	assert_output --regexp '^\.
\./steady-report\.[A-Za-z0-9]{6}
\./steady-report\.[A-Za-z0-9]{6}/ana\.html$'
	run -0 find "$HOME" -mindepth 1
	assert_output ''
}

@test "demo: make demo runs in under a minute" {
	local t0 t1
	t0=$(date +%s)
	# As a newcomer runs it: the demo's own build, not the one under test.
	TMPDIR=$BATS_TEST_TMPDIR/tmp run -0 env -u STEADY_BIN \
	    make -s -C "$TOP" demo
	t1=$(date +%s)
	assert [ $((t1 - t0)) -lt 60 ]
	assert_line --partial '/ana.html'
}

@test "demo: --picture writes the README's picture as a 1000 by 1300 PNG" {
	local png=$BATS_TEST_TMPDIR/report.png
	run -0 demo --picture "$png"
	assert_output ''
	run -0 sh -c "head -c 8 '$png' | od -An -c | tr -d ' '"
	assert_output '211PNG\r\n032\n'
	run -0 sh -c "od -An -tu1 -j16 -N8 '$png' | tr -s ' '"
	assert_output ' 0 0 3 232 0 0 5 20'
	assert [ "$(stat -c %s "$png")" -gt 20000 ]
	run -0 find "$BATS_TEST_TMPDIR/tmp" -mindepth 1
	assert_output ''
}

@test "demo: anything else on its command line is a usage error" {
	run -2 --separate-stderr demo --bogus
	assert_equal "$stderr" 'usage: demo.sh [--picture file.png]'
	run -0 find "$BATS_TEST_TMPDIR/tmp" -mindepth 1
	assert_output ''
}
