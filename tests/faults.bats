#!/usr/bin/env bats
# Nothing lost: every write path under injected faults (strace), failed
# allocations (the fault build), closed descriptors, full disks, closed
# pipes, held locks.

load helper

FAULTS_BIN=${STEADY_FAULTS_BIN:-$BATS_TEST_DIRNAME/../bin-faults}

# The walks (scripts/faults.sh): in full under make check-faults
# (STEADY_FAULT_WALKS=1): every call that touches a file failing with
# ENOSPC and with EIO in turn, and the process killed at every system call
# of the operation.  make check runs a quick part of each: writes, syncs
# and renames failing with ENOSPC, and the kills at those calls.
if [ "${STEADY_FAULT_WALKS:-0}" = 1 ]; then
	ERR_CALLS='openat mkdir write ftruncate fdatasync fsync rename close'
	ERRNOS='ENOSPC EIO'
	FW_KILL=
else
	ERR_CALLS='write fdatasync fsync rename'
	ERRNOS=ENOSPC
	FW_KILL='write fdatasync fsync rename'
fi

setup() {
	steady_setup
	export STEADY_LOCK_WAIT=2
	# ground's timers on the virtual clock: no waiting (steady.7).
	export STEADY_CLOCK=virtual
	. "$BATS_TEST_DIRNAME/../scripts/faults.sh"
	FW_ROOT=$BATS_TEST_TMPDIR/fw
	FW_DIRS="$STEADY_DIR $STEADY_CONFIG"
	FW_ALSO=
	FW_RUNS=0
	mkdir -p "$FW_ROOT"
}

# need_walks: the walks follow the programs themselves under strace;
# a wrapper (valgrind's) would be walked instead, and slowly.
need_walks() {
	command -v strace >/dev/null || skip "strace is not installed"
	[ "$(head -c 2 "$STEADY_BIN/checkin")" != '#!' ] ||
	    skip "the walks need the programs, not a wrapper"
	FW_NEXT=
}

# walk_all COMMAND...: snapshot "after" from one clean run, then every
# error walk, the undo walk and the kill walk from "before".
walk_all() {
	local sc e errs
	fw_snap before
	"$@" >/dev/null 2>&1 || {
		echo "the clean run of $* failed" >&2
		return 1
	}
	fw_snap after
	fw_restore before
	for sc in $ERR_CALLS; do
		for e in $ERRNOS; do
			error_walk "$sc" "$e" "$@" || return 1
		done
	done
	undo_walk "$@" || return 1
	errs=$FW_RUNS
	kill_walk "$@" || return 1
	echo "# $*: $errs runs with an error, $((FW_RUNS - errs)) killed" >&3
	fw_restore before
	[ "$errs" -gt 0 ] && [ "$FW_RUNS" -gt "$errs" ]
}

# migrated COMMAND...: snapshot "migrated", the files as COMMAND leaves
# them when it has given a log its new columns and then fails to append
# (every fdatasync fails; the rewrite's fsync does not), as a state a
# fault may leave; back to "before" after.
migrated() {
	fw_snap before
	fw_strace -qq -o /dev/null -e inject=fdatasync:error=EIO "$@" \
	    >/dev/null 2>&1 && return 1
	fw_snap migrated
	fw_restore before
	FW_ALSO=migrated
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
	migrated checkin mood=6 sleep=7
	walk_all checkin mood=6 sleep=7
}

@test "checkin: faults while correcting a check-in keep the log whole" {
	need_walks
	checkin --at 2026-11-22T08:00 mood=5 note='slept badly'
	# The first correction gives the log its amend column.
	migrated checkin --correct 2026-11-22T08:00 mood=7
	FW_NEXT='checkin mood=4'
	walk_all checkin --correct 2026-11-22T08:00 mood=7
}

@test "checkin: faults while correcting again only append" {
	need_walks
	checkin --at 2026-11-22T08:00 mood=5 note='slept badly'
	checkin --correct 2026-11-22T08:00 mood=7 2>/dev/null
	walk_all checkin --correct 2026-11-22T08:00 mood=6
}

@test "checkin: faults while withdrawing a check-in keep the log whole" {
	need_walks
	checkin --at 2026-11-22T08:00 mood=5 note='in error'
	checkin --correct 2026-11-22T08:00 mood=6 2>/dev/null
	FW_NEXT='checkin mood=4'
	walk_all checkin --withdraw 2026-11-22T08:00
}

@test "checkin: faults while saving a form keep forms.csv whole" {
	need_walks
	mkdir -p "$STEADY_CONFIG/forms"
	cp "$FIXTURES/forms/hand.csv" "$STEADY_CONFIG/forms/"
	export XDG_DATA_DIRS=$BATS_TEST_TMPDIR/nowhere
	checkin --form hand --at 2026-11-22T20:00 a=2 b=2 c=2 d=2
	walk_all checkin --form hand a=1 b=5 c=1 d=5
}

@test "checkin: faults while giving forms.csv a column keep every row" {
	need_walks
	mkdir -p "$STEADY_CONFIG/forms" "$STEADY_DIR"
	cp "$FIXTURES/forms/hand.csv" "$STEADY_CONFIG/forms/"
	export XDG_DATA_DIRS=$BATS_TEST_TMPDIR/nowhere
	printf 'ts,form,score\n2026-11-20T08:00:00+01:00,hand,12\n' \
	    >"$STEADY_DIR/forms.csv"
	migrated checkin --form hand a=1 b=5 c=1 d=5
	walk_all checkin --form hand a=1 b=5 c=1 d=5
}

@test "checkin: faults while planning a practice keep assignments.csv whole" {
	need_walks
	checkin --assign kind=ground what=box 2>/dev/null
	walk_all checkin --assign kind=reflect what=thought times=3 per=week
}

@test "ground: faults while saving an exercise leave the log whole" {
	need_walks
	STEADY_NOW=2026-11-22T08:00:00+01:00 ground sigh </dev/null >/dev/null
	walk_all ground box -r 1 </dev/null
}

@test "ground: faults while starting a new log leave nothing half made" {
	need_walks
	walk_all ground sigh </dev/null
}

@test "ground: faults while adding the trial column keep every row" {
	need_walks
	ground sigh </dev/null >/dev/null
	migrated ground sigh --trial t20261123T073000 </dev/null
	walk_all ground sigh --trial t20261123T073000 </dev/null
}

@test "ground: faults while correcting and withdrawing keep the log whole" {
	need_walks
	mkdir -p "$STEADY_DIR"
	printf '%s\n' 'ts,exercise,seconds,pre,post,completed,note,amend' \
	    '2026-11-22T08:00:00+01:00,box,60,7,4,yes,,' \
	    '2026-11-22T09:00:00+01:00,box,60,6,5,yes,,' >"$STEADY_DIR/ground.csv"
	walk_all ground --correct 2026-11-22T08:00 post=3
	FW_RUNS=0
	FW_NEXT='ground -n sigh </dev/null'
	walk_all ground --withdraw 2026-11-22T09:00
}

@test "promise: faults while making a promise leave the record whole" {
	need_walks
	promise make -a 2026-11-22T08:00 'home by six' by=18:00
	walk_all promise make 'call at lunch' by=13:00
}

@test "promise: faults while keeping a promise leave the record whole" {
	need_walks
	promise make -a 2026-11-22T08:00 'home by six' by=18:00
	FW_NEXT="promise make 'call at lunch'"
	walk_all promise kept 1 note='on time'
}

@test "promise: faults while starting the shared record leave nothing half made" {
	need_walks
	walk_all promise offered 'showed the message'
}

@test "promise: faults while adding the newer columns keep every row" {
	need_walks
	mkdir -p "$STEADY_DIR"
	printf 'ts,kind,id,what,by\n2026-11-20T08:00:00+01:00,made,1,home by six,\n' \
	    >"$STEADY_DIR/promise.csv"
	migrated promise kept 1
	FW_NEXT="promise make 'call at lunch'"
	walk_all promise kept 1
}

@test "promise: faults while logging an urge leave the urge log whole" {
	need_walks
	promise urge -a 2026-11-22T08:00 'check the phone' strength=6
	walk_all promise urge 'read the messages' strength=4 helped='a walk'
}

@test "reflect: faults while saving an entry leave the log whole" {
	need_walks
	reflect journal text='yesterday'
	walk_all reflect journal text='short and kind'
}

@test "reflect: faults while giving an older log its columns keep every cell" {
	need_walks
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/reflect.csv" "$STEADY_DIR/reflect.csv"
	migrated reflect journal text='a new day'
	walk_all reflect journal text='a new day'
}

@test "reflect: faults while correcting and withdrawing keep the log whole" {
	need_walks
	STEADY_NOW=2026-11-22T21:00:00+01:00 reflect journal \
	    text='It was all my fault' 2>/dev/null
	reflect journal text='A line written in error' 2>/dev/null
	migrated reflect correct r20261122T210000 text='It was not all mine'
	walk_all reflect correct r20261122T210000 text='It was not all mine'
	FW_RUNS=0
	reflect correct r20261122T210000 text='It was not all mine' 2>/dev/null
	FW_ALSO=
	FW_NEXT="reflect journal text=again"
	walk_all reflect withdraw r20261123T073000
}

@test "ladder: faults while rewriting the ladder leave it whole" {
	need_walks
	ladder add 'read the old messages' --suds 60
	walk_all ladder add 'drive past the hotel' --suds 80
}

@test "ladder: faults while re-rating, editing and splitting leave it whole" {
	need_walks
	ladder add 'read the old messages' --suds 60
	ladder add 'drive past the hotel' --suds 80
	walk_all ladder rate 2 70
	FW_RUNS=0
	walk_all ladder edit 1 'read the old messages aloud'
	FW_RUNS=0
	walk_all ladder split 2 'drive past with a friend'
}

@test "ladder: faults while marking a step done or retired leave it whole" {
	need_walks
	ladder add 'read the old messages' --suds 60
	ladder add 'drive past the hotel' --suds 80
	FW_NEXT='ladder restore 1'
	walk_all ladder done 1
	FW_RUNS=0
	FW_NEXT='ladder restore 2'
	walk_all ladder retire 2
}

@test "ladder: faults while logging a trial leave both files whole" {
	need_walks
	ladder add 'read the old messages' --suds 60
	walk_all ladder log 1 --pre 40 --peak 55 --post 20 --note 'hard, then ok'
}

@test "ladder: faults while giving an older trial log its columns keep every row" {
	need_walks
	ladder add 'read the old messages' --suds 60
	printf '%s\n' 'ts,step,pre,peak,post,minutes,stopped,note' \
	    '2026-11-20T18:00:00+01:00,read the old messages,30,60,20,30,no,' \
	    >"$STEADY_DIR/trials.csv"
	migrated ladder log 1 --pre 40 --peak 55 --post 20
	walk_all ladder log 1 --pre 40 --peak 55 --post 20
}

@test "ladder: faults while correcting and withdrawing a trial keep the log whole" {
	need_walks
	ladder add -s 40 'Drive past the office' >/dev/null
	ladder log --at 2026-11-22T18:00 --pre 30 --peak 90 --post 20 1 >/dev/null
	ladder log --pre 30 --peak 60 --post 20 1 >/dev/null
	migrated ladder correct t20261122T180000 peak=50
	walk_all ladder correct t20261122T180000 peak=50
	FW_RUNS=0
	ladder correct t20261122T180000 peak=50 2>/dev/null
	FW_ALSO=
	FW_NEXT='ladder log --peak 30 1'
	walk_all ladder withdraw t20261123T073000
}

@test "ladder: faults while writing the anchors leave the config whole" {
	need_walks
	walk_all ladder anchors 50='my heart races'
}

# alloc_walk COMMAND...: fail the 1st, 2nd, ... allocation of COMMAND
# (the fault build) until it runs to its end.  Each failed run must say
# "out of memory" and nothing else, exit 1 and leave every file as it was
# or as a clean run leaves it; and the next run must work.
alloc_walk() {
	local prog=$1 n=1 rc
	shift
	fw_snap before
	"$prog" "$@" >/dev/null 2>&1
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
		fw_check 1 && fw_next "$prog" "$@" || return 1
		n=$((n + 1))
	done
	WHAT_RUN="$prog $* with every allocation granted"
	fw_check 0 || return 1
	echo "# $prog $*: $((n - 1)) allocations failed in turn" >&3
	fw_restore before
	[ "$n" -gt 5 ]
}

# The allocation walks run under make check-faults, on the fault build.
need_faults_build() {
	[ "${STEADY_FAULT_WALKS:-0}" = 1 ] || skip "make check-faults runs this"
	need_walks
	local p
	for p in checkin ground ladder promise reflect report; do
		[ -x "$FAULTS_BIN/$p" ] || {
			echo "the fault build is missing $p: make faults" >&2
			return 1
		}
	done
}

@test "checkin: each failed allocation ends cleanly, the log whole" {
	need_faults_build
	checkin --at 2026-11-22T08:00 mood=5 note='the day before'
	alloc_walk checkin mood=6 safety=7 note='a quiet morning'
}

@test "checkin: each failed allocation in a correction ends cleanly" {
	need_faults_build
	checkin --at 2026-11-22T08:00 mood=5 note='slept badly'
	migrated checkin --correct 2026-11-22T08:00 mood=7
	FW_NEXT='checkin mood=4'
	alloc_walk checkin --correct 2026-11-22T08:00 mood=7
}

@test "ground: each failed allocation ends cleanly, the log whole" {
	need_faults_build
	ground sigh </dev/null >/dev/null
	alloc_walk ground box -r 1 </dev/null
}

@test "promise: each failed allocation ends cleanly, the record whole" {
	need_faults_build
	promise make -a 2026-11-22T08:00 'home by six' by=18:00
	alloc_walk promise make 'call at lunch' by=13:00
	FW_NEXT="promise make 'call at lunch'"
	alloc_walk promise kept 1 note='on time'
	FW_NEXT=
	alloc_walk promise urge 'read the messages' strength=4
}

@test "reflect: each failed allocation ends cleanly, the log whole" {
	need_faults_build
	alloc_walk reflect journal text='short and kind'
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/reflect.csv" "$STEADY_DIR/reflect.csv"
	migrated reflect journal text='a new day'
	alloc_walk reflect journal text='a new day'
}

@test "ladder: each failed allocation ends cleanly, the ladder whole" {
	need_faults_build
	ladder add 'read the old messages' --suds 60
	alloc_walk ladder add 'drive past the hotel' --suds 80
	alloc_walk ladder log 1 --pre 40 --peak 55 --post 20
}

@test "report: each failed allocation ends cleanly" {
	need_faults_build
	alloc_walk report -b week "$FIXTURES/week.csv"
}

# closed_stdio COMMAND...: run COMMAND as cron can start it, with
# descriptors 0, 1 and 2 closed, tracing what it opens; $status is its
# exit status.
closed_stdio() {
	run fw_strace -f -qq -o "$BATS_TEST_TMPDIR/opens" \
	    -e trace=open,openat,creat \
	    sh -c 'exec "$@" <&- >&- 2>&-' sh "$@"
}

# no_low_fds: none of the test's files (logs, settings, inputs) was
# opened as descriptor 0, 1 or 2.  Every program first puts /dev/null in
# those places (stdio_guard), so a log can never be read as input, or
# written to by what was meant for the screen.
no_low_fds() {
	grep -qF "\"$BATS_TEST_TMPDIR/" "$BATS_TEST_TMPDIR/opens"
	run -1 sh -c 'grep -F "\"$1/" "$2" | grep -E " = [012]\$"' sh \
	    "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/opens"
	assert_output ''
}

@test "checkin: started with descriptors 0-2 closed, the log is never one of them" {
	checkin --at 2026-11-22T08:00 mood=5
	closed_stdio checkin mood=6 note=ok
	assert_success
	no_low_fds
	run -0 cat "$STEADY_DIR/checkin.csv"
	assert_output 'ts,mood,trust,safety,distress,arousal,note
2026-11-22T08:00:00+01:00,5,,,,,
2026-11-23T07:30:00+01:00,6,,,,,ok'
}

@test "checkin: with descriptors 0-2 closed, an error does not reach the log" {
	mkdir -p "$STEADY_DIR"
	# A torn last line: the log is opened, read and refused.
	printf 'ts,mood\n2026-11-22T08:00:00+01:00,5' >"$STEADY_DIR/checkin.csv"
	closed_stdio checkin mood=6
	assert_failure 1
	no_low_fds
	run -0 cat "$STEADY_DIR/checkin.csv"
	assert_output 'ts,mood
2026-11-22T08:00:00+01:00,5'
}

@test "ladder: started with descriptors 0-2 closed, the files are never one of them" {
	closed_stdio ladder add 'read the old messages' --suds 60
	assert_success
	no_low_fds
	closed_stdio ladder log 1 --peak 30
	assert_success
	no_low_fds
	run -0 cut -d, -f3,4 "$STEADY_DIR/ladder.csv"
	assert_output 'step,suds
read the old messages,60'
	run -0 wc -l <"$STEADY_DIR/trials.csv"
	assert_output 2
}

@test "ground: started with descriptors 0-2 closed, the log is never one of them" {
	ground sigh </dev/null >/dev/null
	closed_stdio ground -r 1 box
	assert_success
	no_low_fds
	run -0 cut -d, -f2,3,6 "$STEADY_DIR/ground.csv"
	assert_output 'exercise,seconds,completed
sigh,27,yes
box,16,yes'
}

@test "promise: started with descriptors 0-2 closed, the logs are never one of them" {
	promise make -a 2026-11-22T08:00 'home by six'
	closed_stdio promise kept 1
	assert_success
	no_low_fds
	closed_stdio promise urge 'check the phone' strength=5
	assert_success
	no_low_fds
	run -0 cut -d, -f2,3,5 "$STEADY_DIR/promise.csv"
	assert_output 'kind,id,what
made,1,home by six
kept,1,home by six'
	run -0 cut -d, -f2,3 "$STEADY_DIR/urges.csv"
	assert_output 'strength,urge
5,check the phone'
}

@test "reflect: started with descriptors 0-2 closed, the log is never one of them" {
	reflect journal text='yesterday' 2>/dev/null
	closed_stdio reflect journal text='short and kind'
	assert_success
	no_low_fds
	run -0 cut -d, -f2,5 "$STEADY_DIR/reflect.csv"
	assert_output 'kind,text
journal,yesterday
journal,short and kind'
}

@test "report: started with descriptors 0-2 closed, its input is never one of them" {
	cp "$FIXTURES/week.csv" "$BATS_TEST_TMPDIR/week.csv"
	closed_stdio report -b week "$BATS_TEST_TMPDIR/week.csv"
	assert_success
	no_low_fds
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

# held_lock FILE COMMAND...: with FILE locked by flock(1) for 4 seconds,
# COMMAND waits its STEADY_LOCK_WAIT of 1 second, no less and not much
# more, and exits 1 naming the holder; $stderr is its message, $holder
# the flock process.
held_lock() {
	local f=$1 t0 t1
	shift
	flock "$f" sleep 4 &
	holder=$!
	sleep 0.5
	t0=$(date +%s%N)
	STEADY_LOCK_WAIT=1 run -1 --separate-stderr "$@"
	t1=$(date +%s%N)
	[ $(((t1 - t0) / 1000000)) -ge 950 ]
	[ $(((t1 - t0) / 1000000)) -lt 3000 ]
	wait
}

# busy FILE: the words that end a wait for FILE's lock.
busy() {
	printf '%s: flock (process %s) is still writing it after 1 second; try again when it has finished' "$1" "$holder"
}

@test "ladder: a lock held by another program is waited for, then named" {
	ladder add 'read the old messages' --suds 60
	ladder log 1 --peak 40
	cp "$STEADY_DIR/ladder.csv" "$STEADY_DIR/trials.csv" "$BATS_TEST_TMPDIR/"
	held_lock "$STEADY_DIR/ladder.csv" ladder add 'drive past the hotel' --suds 80
	assert_equal "$stderr" "ladder: $(busy "$STEADY_DIR/ladder.csv")"
	held_lock "$STEADY_DIR/trials.csv" ladder log 1 --peak 30
	assert_equal "$stderr" "ladder: $(busy "$STEADY_DIR/trials.csv"); nothing was saved"
	run -0 cmp "$STEADY_DIR/ladder.csv" "$BATS_TEST_TMPDIR/ladder.csv"
	run -0 cmp "$STEADY_DIR/trials.csv" "$BATS_TEST_TMPDIR/trials.csv"
}

@test "promise: a lock held by another program is waited for, then named" {
	promise make 'home by six'
	promise urge 'check the phone'
	held_lock "$STEADY_DIR/promise.csv" promise kept 1
	assert_equal "$stderr" "promise: $(busy "$STEADY_DIR/promise.csv"); nothing was saved"
	held_lock "$STEADY_DIR/urges.csv" promise urge 'read the messages'
	assert_equal "$stderr" "promise: $(busy "$STEADY_DIR/urges.csv"); nothing was saved"
	run -0 cat "$STEADY_DIR/promise.csv" "$STEADY_DIR/urges.csv"
	assert_equal "${#lines[@]}" 4
}

@test "reflect: a lock held by another program is waited for, then named" {
	reflect journal text='yesterday' 2>/dev/null
	held_lock "$STEADY_DIR/reflect.csv" reflect journal text='short and kind'
	assert_equal "$stderr" "reflect: $(busy "$STEADY_DIR/reflect.csv"); nothing was saved"
	run -0 wc -l <"$STEADY_DIR/reflect.csv"
	assert_output 2
}

@test "ground: a lock held by another program is waited for, then named" {
	ground sigh </dev/null >/dev/null
	held_lock "$STEADY_DIR/ground.csv" sh -c 'ground sigh </dev/null >/dev/null'
	assert_equal "$stderr" "ground: $(busy "$STEADY_DIR/ground.csv"); nothing was saved"
	run -0 wc -l <"$STEADY_DIR/ground.csv"
	assert_output 2
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

@test "ground: listings and records to a full disk say so and exit 1" {
	full_disk ground --list
	full_disk ground --plan
	full_disk ground --version
	full_disk ground --help
	# With -o - the steps go to standard error, the record to the disk.
	run -1 --separate-stderr sh -c 'ground -n -o - sigh </dev/null >/dev/full'
	assert_equal "${stderr_lines[-1]}" 'ground: write error: No space left on device'
	assert_equal "${stderr_lines[-2]}" 'Done: 27 s of sigh.'
	[ ! -e "$STEADY_DIR/ground.csv" ]
}

@test "promise: every listing and record to a full disk says so and exits 1" {
	promise make 'home by six' by=18:00
	full_disk promise open
	full_disk promise --plan
	full_disk promise --help
	full_disk promise --version
	full_disk promise -o - kept 1
	full_disk promise -o - urge 'check the phone'
	run -0 wc -l <"$STEADY_DIR/promise.csv"
	assert_output 2
	[ ! -e "$STEADY_DIR/urges.csv" ]
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

@test "report: | head stops quietly when two processes write the weeks" {
	weeks_log 100 420 >"$BATS_TEST_TMPDIR/w.csv"
	export STEADY_JOBS=2 STEADY_PIECE_MIN=1000
	local n
	# The reader leaves in this process's runs and in the other's.
	for n in 1 700 3100 9000 21000; do
		HEAD=-$n quiet_head report --group client --by week \
		    "$BATS_TEST_TMPDIR/w.csv"
	done
}

@test "reflect: search | head -1 stops quietly" {
	long_log
	awk -F, 'NR > 1 { printf "%s,journal,r%d,,%s\n", $1, NR, $7 }
	    NR == 1 { print "ts,kind,id,prompt,text" }' "$STEADY_DIR/checkin.csv" \
	    >"$STEADY_DIR/reflect.csv"
	quiet_head reflect search day
}

@test "ladder: list | head -1 stops quietly" {
	mkdir -p "$STEADY_DIR"
	awk 'BEGIN {
		print "id,ladder,step,suds,first_suds,status,created,ratings"
		for (i = 1; i <= 5000; i++)
			printf "%d,main,step number %d,%d,%d,active,2026-11-01,\n",
			    i, i, i % 101, i % 101
	}' >"$STEADY_DIR/ladder.csv"
	quiet_head ladder list
}

@test "promise: open | head -1 stops quietly" {
	mkdir -p "$STEADY_DIR"
	awk 'BEGIN {
		print "ts,kind,id,who,what,by,ahead,note"
		for (i = 1; i <= 5000; i++)
			printf "2026-11-20T08:00:00+01:00,made,%d,,promise %d,,,\n",
			    i, i
	}' >"$STEADY_DIR/promise.csv"
	quiet_head promise open
}

@test "ground: an exercise | head -1 stops quietly, and is not logged" {
	# The real clock: the second line comes two seconds after the
	# first, when head has gone.
	STEADY_CLOCK=real quiet_head ground sigh </dev/null
	[ ! -e "$STEADY_DIR/ground.csv" ]
}
