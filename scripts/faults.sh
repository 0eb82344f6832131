# faults.sh: fault injection for tests/faults.bats; source it.
#
# A walk runs one command again and again under strace(1), each time from
# the same files, injecting one fault at the Nth call of one system call
# (N = 1, 2, ...) until a run reaches its end with nothing injected.
# After every run each file must be as it was before, or exactly as a
# clean run leaves it (before plus one whole record), or in a state named
# in FW_ALSO; modes must stay 0600 and 0700; a failure must be reported
# and must not exit 0; and the same command run again must work.
#
# FW_ROOT   a scratch directory for the snapshots and traces
# FW_DIRS   the directories the command writes (data and config), in
#           one parent directory
# FW_ALSO   more snapshot names a file may match (e.g. "migrated")
# FW_RUNS   incremented once per faulted run

# fw_snap NAME: copy the directories of FW_DIRS to $FW_ROOT/NAME.
fw_snap() {
	FW_PARENT=${FW_DIRS%% *}
	FW_PARENT=${FW_PARENT%/*}
	rm -rf "${FW_ROOT:?}/$1"
	mkdir -p "$FW_ROOT/$1"
	for d in $FW_DIRS; do
		[ -e "$d" ] && cp -a "$d" "$FW_ROOT/$1/"
	done
	return 0
}

# fw_restore NAME: put the directories back as snapshot NAME has them
# (FW_DIRS share one parent).
fw_restore() {
	rm -rf $FW_DIRS
	cp -a "$FW_ROOT/$1/." "$FW_PARENT/"
}

# fw_files: every file under FW_DIRS and the snapshots, relative to the
# directories' parent, once each.
fw_files() {
	(
		for d in $FW_DIRS; do
			[ -d "$d" ] && cd "$d/.." && find "${d##*/}" -type f
		done
		cd "$FW_ROOT/before" && find . -type f
		cd "$FW_ROOT/after" && find . -type f
	) | sed 's,^\./,,' | sort -u
}

# fw_matches FILE SNAPSHOT: FILE (relative) is as SNAPSHOT has it; a file
# a snapshot lacks may be missing or empty (created, nothing written).
fw_matches() {
	cur=$FW_PARENT/$1
	old=$FW_ROOT/$2/$1
	if [ -e "$old" ]; then
		[ -e "$cur" ] && cmp -s "$cur" "$old"
	else
		[ ! -s "$cur" ]
	fi
}

# fw_say WHAT: report a broken promise with the run's details; fails.
fw_say() {
	{
		echo "fault walk: $WHAT_RUN: $1"
		echo "--- stderr:"
		cat "$FW_ROOT/err"
		echo "--- trace (end):"
		tail -5 "$FW_ROOT/trace"
	} >&2
	return 1
}

# fw_check RC: the promises after a run that ended with status RC.
fw_check() {
	rc=$1
	for f in $(fw_files); do
		case $f in
		*.tmp.*)
			# Only a killed rewrite can leave its temporary behind.
			[ "$rc" -eq 137 ] || fw_say "$f left behind" || return 1
			continue ;;
		esac
		ok=
		for s in before after $FW_ALSO; do
			if fw_matches "$f" "$s"; then
				ok=$s
				break
			fi
		done
		[ -n "$ok" ] || fw_say "$f is neither as before nor as after" ||
		    return 1
		if [ "$rc" -eq 0 ] && [ "$ok" != after ] &&
		    ! fw_matches "$f" after; then
			fw_say "exit 0 but $f is not saved" || return 1
		fi
	done
	bad=$(find $FW_DIRS \( -type f ! -perm 600 \) -o \
	    \( -type d ! -perm 700 \) 2>/dev/null)
	[ -z "$bad" ] || fw_say "not private: $bad" || return 1
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 137 ] && [ ! -s "$FW_ROOT/err" ]; then
		fw_say "exit $rc without a word" || return 1
	fi
	return 0
}

# fault_walk SYSCALL HOW COMMAND...: the walk (see above) with
# inject=SYSCALL:HOW:when=N; needs snapshots "before" and "after".
fault_walk() {
	sc=$1
	how=$2
	shift 2
	n=1
	while [ "$n" -le 300 ]; do
		WHAT_RUN="$* with $sc:$how at call $n"
		fw_restore before
		strace -f -qq -o "$FW_ROOT/trace" -e trace="$sc" \
		    -e inject="$sc:$how:when=$n" "$@" >"$FW_ROOT/out" \
		    2>"$FW_ROOT/err"
		rc=$?
		if [ "$rc" -ne 137 ] && ! grep -q INJECTED "$FW_ROOT/trace"
		then
			[ "$rc" -eq 0 ] || fw_say "exit $rc with nothing injected"
			return
		fi
		FW_RUNS=$((FW_RUNS + 1))
		fw_check "$rc" || return 1
		"$@" >/dev/null 2>"$FW_ROOT/err" ||
		    fw_say "the next run failed" || return 1
		n=$((n + 1))
	done
	fw_say "more than 300 calls"
}
