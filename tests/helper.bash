# Shared set-up for steady's bats suites.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

STEADY_BIN=${STEADY_BIN:-$BATS_TEST_DIRNAME/../bin}
FIXTURES=$BATS_TEST_DIRNAME/fixtures

# steady_setup: the environment every test starts in; a suite with a
# setup of its own calls it first.
steady_setup() {
	export LC_ALL=C
	# Central European time, written as a POSIX rule so no zone file is
	# needed: timestamps in November carry +01:00.
	export TZ='CET-1CEST,M3.5.0,M10.5.0/3'
	export STEADY_NOW=2026-11-23T07:30:00+01:00
	export HOME=$BATS_TEST_TMPDIR/home
	export STEADY_DIR=$BATS_TEST_TMPDIR/data
	export STEADY_CONFIG=$BATS_TEST_TMPDIR/config
	unset XDG_DATA_HOME XDG_CONFIG_HOME VISUAL EDITOR DISPLAY \
	    WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
	# Files the tests make are private, as steady's own are: a log
	# others can read earns a warning (steady.7).
	umask 077
	mkdir -p "$HOME"
	PATH=$STEADY_BIN:$PATH
	# A test that writes a file where it stands writes it here, never
	# into the checkout the suite runs from.
	mkdir -p "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd" || return 1
	# Scratch files, the unit tests' included, go where bats removes
	# them after the test.
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir -p "$TMPDIR"
}

setup() {
	steady_setup
}

# log: the check-in log's path.
log() {
	printf '%s/checkin.csv\n' "$STEADY_DIR"
}

# run_pty EXPECT-SCRIPT COMMAND...: run COMMAND on a pseudo-terminal,
# driven by the expect commands in EXPECT-SCRIPT; $status is COMMAND's
# exit status and $output what the terminal showed (CRs removed).
run_pty() {
	local script=$1 cmd
	shift
	printf -v cmd '%q ' "$@"
	cat >"$BATS_TEST_TMPDIR/pty.exp" <<-EXP
		set timeout 10
		log_user 1
		spawn -noecho sh -c {exec $cmd}
		$script
		catch {expect eof}
		# Closing the terminal ends a program still waiting for input,
		# so a script that went wrong fails instead of hanging.
		catch {close}
		set result [wait]
		if {[lindex \$result 2] != 0} { exit 99 }
		# Killed by a signal rather than exiting: say so with 199.
		if {[llength \$result] > 4} { exit 199 }
		exit [lindex \$result 3]
	EXP
	run expect -f "$BATS_TEST_TMPDIR/pty.exp"
	output=${output//$'\r'/}
	mapfile -t lines <<<"$output"
}

# fake_ssh: an ssh on PATH that runs each command here, in a folder under
# $BATS_TEST_TMPDIR/remote standing for the computer named, as a login
# there would, and notes in remote/asked which computer it was asked for.
fake_ssh() {
	mkdir -p "$BATS_TEST_TMPDIR/fake" "$BATS_TEST_TMPDIR/remote"
	cat >"$BATS_TEST_TMPDIR/fake/ssh" <<-'SH'
		#!/bin/sh
		while [ $# -gt 0 ]; do
			case $1 in
			-[oplLRDFiJW]) shift 2 ;;
			-*) shift ;;
			*) break ;;
			esac
		done
		host=$1
		shift
		[ "${1:-}" = -- ] && shift
		echo "$host" >>"$REMOTES/asked"
		mkdir -p "$REMOTES/$host"
		# sshd gives the remote side a login shell; parallel needs it.
		export SHELL=/bin/sh
		cd "$REMOTES/$host" && exec /bin/sh -c "$*"
	SH
	chmod 755 "$BATS_TEST_TMPDIR/fake/ssh"
	export REMOTES=$BATS_TEST_TMPDIR/remote
	PATH=$BATS_TEST_TMPDIR/fake:$PATH
}

# weeks_log CLIENTS DAYS [LOW]: a check-in a day for each client, from
# Monday 2024-01-01, in time order, as a caseload's shared log grows;
# with LOW, client c$LOW rates safety 1 on the last day.  Ratings go
# round each week, so no week shows a trend.
weeks_log() {
	seq 0 $(($2 - 1)) | sed 's/.*/2024-01-01 + & days/' | date -f - +%F |
	    awk -v nc="$1" -v nd="$2" -v low="${3:-0}" 'BEGIN {
		print "ts,client,mood,trust,safety,distress,arousal,note"
	} {
		for (c = 1; c <= nc; c++)
			printf "%sT08:00:00+01:00,c%d,%d,%d,%d,%d,%d,%s\n", $1, c,
			    3 + (NR + c) % 2, 4 + c % 3, c == low && NR == nd ? 1 : 6,
			    5 - (NR + c) % 2, c % 3 - 1,
			    NR % 9 == 0 ? "\"a walk, then tea\"" : ""
	}'
}
