# faults.sh: fault injection for tests/faults.bats; source it.
#
# A walk runs one command again and again under strace(1), each time from
# the same files, with one fault injected at the Nth call of one system
# call (N = 1, 2, ...), until a run reaches its end with nothing injected.
#
#   error_walk SYSCALL ERRNO COMMAND...
#	the Nth call fails with ERRNO (ENOSPC, EIO) without being made.
#   kill_walk COMMAND...
#	the process is killed by SIGKILL as the Nth call starts.  strace
#	counts calls one system call at a time, so the walk first lists
#	every system call a clean run makes (strace -f), then kills at each
#	call of each of them in turn: every system call of the operation,
#	from execve to exit_group, is the last one once.
#   undo_walk COMMAND...
#	the Nth write fails with ENOSPC and every ftruncate with EIO, so
#	that the undo of a failed append fails as well.
#
# The promises checked after every faulted run:
#
#   1. Each file under FW_DIRS is as it was before, or exactly as a clean
#      run leaves it (before plus one whole record), or as a snapshot
#      named in FW_ALSO has it (a log given a new column, no record yet).
#      A file that was not there may be missing or empty.  A temporary
#      file (*.tmp.*) may be left behind only by a killed run.
#   2. Files are mode 0600 and directories 0700.
#   3. A run that exits 0 saved everything: every file as "after".
#   4. A run that was not killed and exits non-zero says something.
#   5. An error the command's own files met must be seen: when the
#      failed call names a path under FW_DIRS, or a descriptor open on
#      one (strace -y), the command must exit 1, and its message
#      must name that file (a temporary file by the file it stands for;
#      a directory by itself or any file in it) and give the error in
#      strerror(3)'s words.  Two exceptions, both losing nothing:
#      a file opened only to be read (a setting, the safety plan) may
#      fail with a warning that names it and the error, the program
#      going on with its defaults, when the record was saved whole
#      (promise 3) -- the safety check must never stop a record; and
#      close(2) may fail unremarked: steady closes a file it wrote only
#      after fsync or fdatasync said its data is on disk, and a file it
#      only read loses nothing (promises 1 and 3 still hold).
#   6. An error on a write to standard output must end in exit 1 and the
#      program's "write error" message, as > /dev/full does.
#      Errors on other files (shared libraries, /proc, standard error)
#      may be passed over, but promises 1-4 still hold.
#   7. The next run works: when every file is as before, the same command
#      again (the retry after a failure); otherwise FW_NEXT, or the same
#      command when FW_NEXT is empty.
#
# FW_ROOT   a scratch directory for the snapshots and traces
# FW_DIRS   the directories the command writes (data and config), in
#           one parent directory
# FW_ALSO   more snapshot names a file may match (e.g. "migrated")
# FW_NEXT   the command that must work after a run that changed files
#           (evaluated by sh); empty: the command itself
# FW_KILL   the system calls the kill walk takes; empty: every one
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
		[ -n "$FW_INJ" ] && echo "--- injected: $FW_INJ"
		echo "--- stderr:"
		cat "$FW_ROOT/err"
		echo "--- trace (end):"
		tail -5 "$FW_ROOT/trace"
	} >&2
	return 1
}

# fw_words ERRNO: what strerror(3) says for it.
fw_words() {
	case $1 in
	ENOSPC) echo 'No space left on device' ;;
	EIO) echo 'Input/output error' ;;
	*) echo "$1" ;;
	esac
}

# fw_path LINE: the file a traced call names: the path its descriptor is
# open on (strace -y), else its last path argument (the new name, for
# rename); empty when it names none.
fw_path() {
	p=$(printf '%s\n' "$1" |
	    sed -n 's/^[0-9]* *[a-z0-9_]*([0-9][0-9]*<\([^>]*\)>.*/\1/p')
	if [ -z "$p" ]; then
		case $1 in
		*' rename('*)
			p=$(printf '%s\n' "$1" |
			    sed -n 's/^[^"]*"[^"]*", "\([^"]*\)".*/\1/p') ;;
		*)
			p=$(printf '%s\n' "$1" |
			    sed -n 's/^[^"]*"\([^"]*\)".*/\1/p') ;;
		esac
	fi
	printf '%s\n' "$p"
}

# fw_ours PATH: PATH is one of FW_DIRS or lies under one.
fw_ours() {
	for d in $FW_DIRS; do
		case $1 in
		"$d" | "$d"/*) return 0 ;;
		esac
	done
	return 1
}

# fw_read_only LINE: the traced call opens a file only to read it.
fw_read_only() {
	case $1 in
	*' openat('*O_WRONLY* | *' openat('*O_RDWR*) return 1 ;;
	*' openat('*) return 0 ;;
	esac
	return 1
}

# fw_seen RC ERRNO: promises 5 and 6 for the injected call in FW_INJ.
fw_seen() {
	words=$(fw_words "$2")
	case $FW_INJ in
	*' close('*) return 0 ;;
	*' write(1<'*)
		[ "$1" -eq 1 ] || fw_say "exit $1 after standard output failed" ||
		    return 1
		grep -q 'write error' "$FW_ROOT/err" ||
		    fw_say "no word of the write error" || return 1
		return 0 ;;
	esac
	p=$(fw_path "$FW_INJ")
	[ -n "$p" ] && fw_ours "$p" || return 0
	if [ "$1" -ne 1 ] && ! { [ "$1" -eq 0 ] && fw_read_only "$FW_INJ"; }
	then
		fw_say "exit $1 after an error on $p" || return 1
	fi
	case $p in
	*.tmp.*) p=${p%.tmp.*} ;;
	esac
	grep -qF -- "$p" "$FW_ROOT/err" ||
	    fw_say "the message does not name $p" || return 1
	grep -qF -- "$words" "$FW_ROOT/err" ||
	    fw_say "the message does not say \"$words\"" || return 1
}

# fw_check RC: promises 1-4 after a run that ended with status RC; sets
# FW_STATE to "before" when every file is as before.
fw_check() {
	rc=$1
	FW_STATE=before
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
		[ "$ok" = before ] || FW_STATE=changed
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

# fw_next COMMAND...: promise 7, after fw_check.
fw_next() {
	if [ "$FW_STATE" = before ] || [ -z "${FW_NEXT:-}" ]; then
		"$@" >/dev/null 2>"$FW_ROOT/err"
	else
		sh -c "$FW_NEXT" >/dev/null 2>"$FW_ROOT/err"
	fi || fw_say "the next run failed"
}

# fw_strace ARG...: strace(1) with ARG; under the sanitizer build the
# leak check is left to the runs that are not traced, since
# LeakSanitizer cannot work under ptrace.
fw_strace() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace "$@"
}

# fw_run TRACED INJECT COMMAND...: one run under strace, tracing the
# calls TRACED, with -e inject=INJECT (and FW_PLUS, when set); sets RC.
fw_run() {
	tr=$1
	inj=$2
	shift 2
	fw_restore before
	# The braces keep the shell's own "Killed" out of the test's output.
	{
		fw_strace -f -qq -y -o "$FW_ROOT/trace" -e trace="$tr" \
		    -e inject="$inj" ${FW_PLUS:+-e inject="$FW_PLUS"} "$@" \
		    >"$FW_ROOT/out" 2>"$FW_ROOT/err"
	} 2>/dev/null
	RC=$?
}

# error_walk SYSCALL ERRNO COMMAND...: see above; needs snapshots
# "before" and "after".
error_walk() {
	sc=$1
	en=$2
	shift 2
	tr=$sc
	[ -n "${FW_PLUS:-}" ] && tr=$sc,${FW_PLUS%%:*}
	n=1
	while [ "$n" -le 500 ]; do
		WHAT_RUN="$* with $sc failing ($en) at call $n${FW_PLUS:+, $FW_PLUS}"
		FW_INJ=
		fw_run "$tr" "$sc:error=$en:when=$n" "$@"
		FW_INJ=$(grep -E -m1 "^[0-9]+ +$sc\(.*\(INJECTED\)\$" \
		    "$FW_ROOT/trace")
		if [ -z "$FW_INJ" ]; then
			[ "$RC" -eq 0 ] || fw_say "exit $RC with nothing injected"
			return
		fi
		FW_RUNS=$((FW_RUNS + 1))
		fw_check "$RC" && fw_seen "$RC" "$en" && fw_next "$@" ||
		    return 1
		n=$((n + 1))
	done
	fw_say "more than 500 calls"
}

# fw_calls COMMAND...: the system calls a clean run of COMMAND makes,
# each name once.
fw_calls() {
	fw_restore before
	fw_strace -f -qq -o "$FW_ROOT/calls" "$@" >/dev/null 2>&1
	sed -n 's/^[0-9]* *\([a-z_0-9]*\)(.*/\1/p' "$FW_ROOT/calls" | sort -u
}

# kill_walk COMMAND...: see above; FW_KILL, when set, names the calls to
# walk instead of every one (the quick walk of make check).
kill_walk() {
	for sc in ${FW_KILL:-$(fw_calls "$@")}; do
		n=1
		while [ "$n" -le 2000 ]; do
			WHAT_RUN="$* killed at call $n of $sc"
			FW_INJ=
			fw_run "$sc" "$sc:signal=KILL:when=$n" "$@"
			[ "$RC" -eq 137 ] || break
			FW_RUNS=$((FW_RUNS + 1))
			fw_check "$RC" && fw_next "$@" || return 1
			n=$((n + 1))
		done
		[ "$RC" -eq 0 ] || fw_say "exit $RC when not killed" || return 1
	done
}

# undo_walk COMMAND...: see above.
undo_walk() {
	FW_PLUS=ftruncate:error=EIO
	error_walk write ENOSPC "$@"
	set -- $?
	FW_PLUS=
	return "$1"
}
