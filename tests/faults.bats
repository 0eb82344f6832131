#!/usr/bin/env bats
# Nothing lost: every write path under injected faults (strace), failed
# allocations (the fault build), closed descriptors, full disks, closed
# pipes, held locks.

load helper

FAULTS_BIN=${STEADY_FAULTS_BIN:-$BATS_TEST_DIRNAME/../bin-faults}

# The errors every write path is walked with, and the calls a SIGKILL
# lands on: together they cover each step that changes a file.
ERR_CALLS='write fdatasync fsync rename'
KILL_CALLS='mkdir write fdatasync fsync ftruncate fchmod rename flock unlink'

setup() {
	export LC_ALL=C
	export TZ='CET-1CEST,M3.5.0,M10.5.0/3'
	export STEADY_NOW=2026-11-23T07:30:00+01:00
	export HOME=$BATS_TEST_TMPDIR/home
	export STEADY_DIR=$BATS_TEST_TMPDIR/data
	export STEADY_CONFIG=$BATS_TEST_TMPDIR/config
	export STEADY_LOCK_WAIT=2
	unset XDG_DATA_HOME XDG_CONFIG_HOME VISUAL EDITOR DISPLAY \
	    WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
	umask 077
	mkdir -p "$HOME"
	PATH=$STEADY_BIN:$PATH
	. "$BATS_TEST_DIRNAME/../scripts/faults.sh"
	FW_ROOT=$BATS_TEST_TMPDIR/fw
	FW_DIRS="$STEADY_DIR $STEADY_CONFIG"
	FW_ALSO=
	FW_RUNS=0
	mkdir -p "$FW_ROOT"
}

# The walks take a few minutes: make check-faults runs them (with
# STEADY_FAULT_WALKS=1), on the plain build, which strace can follow.
need_walks() {
	[ "${STEADY_FAULT_WALKS:-0}" = 1 ] || skip "make check-faults runs this"
}

# walk_all COMMAND...: snapshot "after" from one clean run, then every
# error walk and every kill walk from "before".
walk_all() {
	fw_snap before
	"$@" >/dev/null
	fw_snap after
	for sc in $ERR_CALLS; do
		fault_walk "$sc" error=ENOSPC "$@" || return 1
		fault_walk "$sc" error=EIO "$@" || return 1
	done
	for sc in $KILL_CALLS; do
		fault_walk "$sc" signal=KILL "$@" || return 1
	done
	echo "# $FW_RUNS faulted runs" >&3
	[ "$FW_RUNS" -gt 5 ]
}

@test "checkin: faults while appending leave the log whole" {
	need_walks
	checkin --at 2026-11-22T08:00 mood=5 note='the day before'
	walk_all checkin mood=6 safety=7 note='a quiet morning'
}

@test "checkin: faults while starting a new log leave nothing half made" {
	need_walks
	walk_all checkin mood=6 note='the first one'
}

@test "checkin: faults while adding a column keep every cell" {
	need_walks
	checkin --at 2026-11-22T08:00 mood=5 note='before, with a comma'
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'sleep,0,14' \
	    >"$STEADY_CONFIG/items.csv"
	# The log with its new column and no new record yet.
	fw_snap before
	strace -qq -o /dev/null -e inject=fdatasync:error=EIO \
	    checkin mood=6 sleep=7 2>/dev/null || true
	fw_snap migrated
	fw_restore before
	FW_ALSO=migrated
	walk_all checkin mood=6 sleep=7
}

@test "reflect: faults while saving an entry leave the log whole" {
	need_walks
	reflect journal text='yesterday'
	walk_all reflect journal text='short and kind'
}

@test "ladder: faults while rewriting the ladder leave it whole" {
	need_walks
	ladder add 'read the old messages' --suds 60
	walk_all ladder add 'drive past the hotel' --suds 80
}

@test "ladder: faults while logging a trial leave both files whole" {
	need_walks
	ladder add 'read the old messages' --suds 60
	walk_all ladder log 1 --pre 40 --peak 55 --post 20 --note 'hard, then ok'
}

@test "ladder: faults while writing the anchors leave the config whole" {
	need_walks
	walk_all ladder anchors 50='my heart races'
}

# alloc_walk COMMAND...: fail the 1st, 2nd, ... allocation of COMMAND
# (the fault build) until it runs to its end.  Each failed run must say
# "out of memory" and nothing else, exit 1 and leave every file as it was
# or as a clean run leaves it.
alloc_walk() {
	local prog=$1 n=1 rc
	shift
	fw_snap before
	"$prog" "$@" >/dev/null
	fw_snap after
	while [ "$n" -le 5000 ]; do
		WHAT_RUN="$prog $* failing allocation $n"
		fw_restore before
		rc=0
		STEADY_FAIL_ALLOC=$n "$FAULTS_BIN/$prog" "$@" \
		    >"$FW_ROOT/out" 2>"$FW_ROOT/err" || rc=$?
		[ "$rc" -eq 0 ] && break
		[ "$rc" -eq 1 ] || fw_say "exit $rc" || return 1
		[ "$(cat "$FW_ROOT/err")" = "$prog: out of memory" ] ||
		    fw_say "not the one message" || return 1
		fw_check 1 || return 1
		n=$((n + 1))
	done
	WHAT_RUN="$prog $* with every allocation granted"
	fw_check 0 || return 1
	echo "# $prog: $((n - 1)) allocations failed in turn" >&3
	[ "$n" -gt 5 ]
}

need_faults_build() {
	need_walks
	[ -x "$FAULTS_BIN/checkin" ] || {
		echo "the fault build is missing: make faults" >&2
		return 1
	}
}

@test "checkin: each failed allocation ends cleanly, the log whole" {
	need_faults_build
	checkin --at 2026-11-22T08:00 mood=5 note='the day before'
	alloc_walk checkin mood=6 safety=7 note='a quiet morning'
}

@test "reflect: each failed allocation ends cleanly, the log whole" {
	need_faults_build
	alloc_walk reflect journal text='short and kind'
}

@test "ladder: each failed allocation ends cleanly, the ladder whole" {
	need_faults_build
	ladder add 'read the old messages' --suds 60
	alloc_walk ladder add 'drive past the hotel' --suds 80
}

@test "report: each failed allocation ends cleanly" {
	need_faults_build
	alloc_walk report -b week "$FIXTURES/week.csv"
}

@test "checkin: started with descriptors 0-2 closed, the log is never one of them" {
	checkin --at 2026-11-22T08:00 mood=5
	# The record would land in the log through a stray descriptor if
	# it were opened as 1 or 2 and the program then wrote to them.
	run -0 sh -c 'checkin mood=6 note=ok <&- >&- 2>&-; echo $?'
	assert_output 0
	run -0 cat "$STEADY_DIR/checkin.csv"
	assert_output 'ts,mood,trust,safety,distress,arousal,note
2026-11-22T08:00:00+01:00,5,,,,,
2026-11-23T07:30:00+01:00,6,,,,,ok'
}

@test "checkin: with descriptors 0-2 closed, an error does not reach the log" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n2026-11-22T08:00:00+01:00,5\n' >"$STEADY_DIR/checkin.csv"
	run -0 sh -c 'checkin mood=11 <&- >&- 2>&-; echo $?'
	assert_output 2
	run -0 cat "$STEADY_DIR/checkin.csv"
	assert_output 'ts,mood
2026-11-22T08:00:00+01:00,5'
}

@test "ladder: started with descriptors 0-2 closed, the files are never one of them" {
	run -0 sh -c 'ladder add "read the old messages" --suds 60 <&- >&- 2>&-; echo $?'
	assert_output 0
	run -0 sh -c 'ladder log 1 --peak 30 <&- >&- 2>&-; echo $?'
	assert_output 0
	run -0 cut -d, -f3,4 "$STEADY_DIR/ladder.csv"
	assert_output 'step,suds
read the old messages,60'
	run -0 wc -l <"$STEADY_DIR/trials.csv"
	assert_output 2
}

@test "checkin: a lock held by another program is waited for, then named" {
	checkin --at 2026-11-22T08:00 mood=5
	flock "$STEADY_DIR/checkin.csv" sleep 4 &
	sleep 0.5
	SECONDS=0
	STEADY_LOCK_WAIT=1 run -1 --separate-stderr checkin mood=6
	[ "$SECONDS" -lt 4 ]
	assert_equal "$stderr" "checkin: $STEADY_DIR/checkin.csv: flock (process $!) is still writing it after 1 second; try again when it has finished; nothing was saved"
	wait
	run -0 wc -l <"$STEADY_DIR/checkin.csv"
	assert_output 2
}

@test "checkin: a lock let go within the wait is taken, and the record saved" {
	checkin --at 2026-11-22T08:00 mood=5
	flock "$STEADY_DIR/checkin.csv" sleep 1 &
	sleep 0.3
	STEADY_LOCK_WAIT=10 run -0 --separate-stderr checkin mood=6
	assert_equal "$stderr" ''
	wait
	run -0 wc -l <"$STEADY_DIR/checkin.csv"
	assert_output 3
}

@test "checkin: what was typed is kept in a private file when saving fails" {
	mkdir -p "$STEADY_DIR"
	# A torn last line: the log cannot take a record.
	printf 'ts,mood,trust,safety,distress,arousal,note\n2026-11-22T08:00:00+01:00,5' \
	    >"$STEADY_DIR/checkin.csv"
	umask 022
	run_pty '
		foreach q {Mood Trust "How safe" Distress Window} {
			expect $q
			send "\r"
		}
		expect "A note"
		send "words I do not want to lose\r"
	' checkin
	assert_failure 1
	assert_line "checkin: $STEADY_DIR/checkin.csv:2: the last line is incomplete (no newline at its end); nothing was saved"
	assert_line "checkin: what you entered is kept in $STEADY_DIR/checkin.csv.unsaved, readable by you alone"
	run -0 cat "$STEADY_DIR/checkin.csv.unsaved"
	assert_output 'ts,mood,trust,safety,distress,arousal,note
2026-11-23T07:30:00+01:00,,,,,,words I do not want to lose'
	run -0 stat -c %a "$STEADY_DIR/checkin.csv.unsaved"
	assert_output 600
}

@test "checkin: a second failed save keeps its words in a file of its own" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n2026-11-22T08:00:00+01:00,5' >"$STEADY_DIR/checkin.csv"
	echo 'the first' >"$STEADY_DIR/checkin.csv.unsaved"
	run_pty '
		foreach q {Mood Trust "How safe" Distress Window} {
			expect $q
			send "\r"
		}
		expect "A note"
		send "the second\r"
	' checkin
	assert_failure 1
	assert_line "checkin: what you entered is kept in $STEADY_DIR/checkin.csv.unsaved.2, readable by you alone"
	run -0 cat "$STEADY_DIR/checkin.csv.unsaved"
	assert_output 'the first'
	run -0 tail -1 "$STEADY_DIR/checkin.csv.unsaved.2"
	assert_output '2026-11-23T07:30:00+01:00,,,,,,the second'
}

@test "reflect: what was written is kept in a private file when saving fails" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,kind\n2026-11-22T08:00:00+01:00,journal' >"$STEADY_DIR/reflect.csv"
	run_pty '
		expect "Write"
		send "a page I do not want to lose\r"
		expect "see what you wrote"
		send "n\r"
	' reflect journal --line
	assert_failure 1
	assert_line "reflect: what you wrote is kept in $STEADY_DIR/reflect.csv.unsaved, readable by you alone"
	run -0 grep -c 'a page I do not want to lose' "$STEADY_DIR/reflect.csv.unsaved"
	run -0 stat -c %a "$STEADY_DIR/reflect.csv.unsaved"
	assert_output 600
}

# full_disk COMMAND...: COMMAND > /dev/full exits 1, saying so once.
full_disk() {
	local prog=$1
	run -1 --separate-stderr sh -c '"$@" >/dev/full' sh "$@"
	assert_equal "$stderr" "$prog: write error: No space left on device"
}

@test "checkin: every way of writing to a full disk says so and exits 1" {
	checkin --at 2026-11-22T08:00 mood=5 note='the day before'
	full_disk checkin --log
	full_disk checkin --items
	full_disk checkin --plan
	full_disk checkin --help
	full_disk checkin --version
	full_disk checkin -o - mood=6
	run -0 wc -l <"$STEADY_DIR/checkin.csv"
	assert_output 2
}

@test "report: every output format to a full disk says so and exits 1" {
	local f
	for f in table csv tsv md json html; do
		full_disk report -f "$f" "$FIXTURES/week.csv"
	done
	full_disk report --partial "$FIXTURES/week.csv"
	full_disk report --help
}

@test "ground: listings to a full disk say so and exit 1" {
	full_disk ground --list
	full_disk ground --plan
	full_disk ground --version
}

@test "reflect: every listing to a full disk says so and exits 1" {
	reflect journal text='short and kind'
	full_disk reflect traps
	full_disk reflect prompts
	full_disk reflect search kind
	full_disk reflect scan "$FIXTURES/reflect/traps-yes.txt"
	full_disk reflect -o - journal text='again'
}

@test "ladder: every listing to a full disk says so and exits 1" {
	ladder add 'read the old messages' --suds 60
	full_disk ladder list
	full_disk ladder next
	full_disk ladder anchors
	full_disk ladder log -o - 1 --peak 30
}

# A long check-in log: one record a day for twenty years.
long_log() {
	mkdir -p "$STEADY_DIR"
	awk 'BEGIN {
		print "ts,mood,trust,safety,distress,arousal,note"
		for (d = 0; d < 7300; d++) {
			y = 2006 + int(d / 365); doy = d % 365
			m = 1 + int(doy / 31); if (m > 12) m = 12
			printf "%04d-%02d-%02dT08:00:00+01:00,%d,%d,%d,%d,0,day %d\n",
			    y, m, 1 + doy % 28, d % 11, (d * 3) % 11, 5, d % 7, d
		}
	}' >"$STEADY_DIR/checkin.csv"
}

# quiet_head COMMAND...: COMMAND | head -1 (or head $HEAD) shows one
# line and no noise; COMMAND ends by SIGPIPE (status 141), as steady.7
# says.
quiet_head() {
	HEAD=${HEAD:--1}
	export HEAD
	run -0 bash -c '"$@" 2>"$BATS_TEST_TMPDIR/noise" | head $HEAD >/dev/null
	    echo "${PIPESTATUS[0]}"' bash "$@"
	assert_output 141
	run -0 cat "$BATS_TEST_TMPDIR/noise"
	assert_output ''
}

@test "checkin: --log | head -1 stops quietly" {
	long_log
	quiet_head checkin --log
}

@test "report: | head -1 stops quietly, in every format" {
	long_log
	local f
	for f in table csv tsv md html; do
		quiet_head report -f "$f" -b day "$STEADY_DIR/checkin.csv"
	done
	# JSON is one line: its reader leaves after the first bytes.
	HEAD='-c 1' quiet_head report -f json -b day "$STEADY_DIR/checkin.csv"
}

@test "reflect: search | head -1 stops quietly" {
	long_log
	awk -F, 'NR > 1 { printf "%s,journal,r%d,,%s\n", $1, NR, $7 }
	    NR == 1 { print "ts,kind,id,prompt,text" }' "$STEADY_DIR/checkin.csv" \
	    >"$STEADY_DIR/reflect.csv"
	quiet_head reflect search day
}
