#!/bin/sh
# valgrind-wrap.sh FROM TO PROG...: make TO/PROG and TO/unit/* scripts
# that run FROM's binaries under valgrind, as the tests run the programs.
# valgrind-wrap.sh -c TO: say whether any of those runs met an error or a
# leak; exits 1, showing what valgrind said, if one did.
#
# Each run is valgrind --leak-check=full --error-exitcode=1: a memory
# error or a leak (definite, indirect, or possible: a block reachable
# only through a pointer into its middle is counted too) makes it exit
# 1.  Status 1 is also steady's own "error", which many tests expect, so
# valgrind's words go to a file of their own for each run, TO/log/*;
# -c fails when any of them is not empty.  That keeps the leak found in
# a run expected to fail from passing, and keeps exec: the test talks
# to the program's own process, signals and all.
set -eu
if [ "$1" = -c ]; then
	log=$2/log
	[ -d "$log" ] || exit 0
	# valgrind's own note on an ioctl it cannot model (a terminal
	# call some tests make) is about valgrind, not the program.
	for f in "$log"/*; do
		[ -f "$f" ] || continue
		grep -v -e 'Warning: noted but unhandled ioctl' \
		    -e 'This could cause spurious value errors' \
		    -e 'README_MISSING_SYSCALL_OR_IOCTL' "$f" >"$f.left" || :
		mv "$f.left" "$f"
	done
	find "$log" -type f -empty -delete
	if [ -n "$(ls "$log")" ]; then
		echo "valgrind found errors or leaks:" >&2
		cat "$log"/* >&2
		exit 1
	fi
	exit 0
fi
from=$(cd "$1" && pwd)
to=$2
shift 2
mkdir -p "$to/unit" "$to/log"
log=$(cd "$to/log" && pwd)
rm -f "$log"/*
wrap() {
	cat >"$2" <<-EOF
		#!/bin/sh
		log=\$(mktemp "$log/run.XXXXXX") || exit 99
		exec valgrind -q --error-exitcode=1 --leak-check=full \\
		    --show-leak-kinds=definite,indirect,possible \\
		    --errors-for-leak-kinds=definite,indirect,possible \\
		    --log-file="\$log" "$1" "\$@"
	EOF
	chmod 755 "$2"
}
for p in "$@"; do
	wrap "$from/$p" "$to/$p"
done
for u in "$from"/unit/*; do
	wrap "$u" "$to/unit/$(basename "$u")"
done
