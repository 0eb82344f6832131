#!/bin/sh
# fuzz.sh SECONDS TARGET...: run each libFuzzer harness fuzz/bin/TARGET
# for SECONDS, first over its regression inputs (fuzz/regress/TARGET:
# every crash found so far, which must stay fixed), then from seeds made
# of the test fixtures and fuzz/seeds/TARGET.  Prints the executions of
# each target; a new crash is kept in fuzz/regress/TARGET (mend it, and
# it stays there as a fixture) and the script fails.
set -u
secs=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fix=$top/tests/fixtures
status=0

# seed TARGET DIR: the starting corpus.  Harnesses that read a leading
# byte of options get the fixtures behind one.
seed() {
	mkdir -p "$2"
	[ -d "$top/fuzz/seeds/$1" ] && cp "$top/fuzz/seeds/$1"/* "$2"/
	case $1 in
	csv | report)
		i=0
		for f in "$fix"/*.csv "$fix"/*.tsv "$fix"/*/*.csv \
		    "$fix"/clients/*/*.csv; do
			[ -f "$f" ] || continue
			i=$((i + 1))
			{ printf '\005'; cat "$f"; } >"$2/fixture-$i"
		done ;;
	traps)
		cp "$fix"/reflect/*.txt "$2"/ ;;
	exercises)
		cp "$fix"/ground/exercises.csv "$2"/ ;;
	esac
}

for t in "$@"; do
	bin=$top/fuzz/bin/$t
	reg=$top/fuzz/regress/$t
	if [ -d "$reg" ] && ! "$bin" -close_fd_mask=2 "$reg"/* \
	    >"$work/$t.regress" 2>&1; then
		echo "fuzz: $t: a regression input crashes again:" >&2
		tail -30 "$work/$t.regress" >&2
		status=1
		continue
	fi
	seed "$t" "$work/$t"
	mkdir -p "$work/$t.out"
	"$bin" -max_total_time="$secs" -close_fd_mask=2 -rss_limit_mb=1024 \
	    -artifact_prefix="$work/$t.out/" "$work/$t" >"$work/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/$t.log")
	if [ "$rc" -ne 0 ]; then
		mkdir -p "$reg"
		cp "$work/$t.out"/* "$reg"/ 2>/dev/null
		echo "fuzz: $t: found a crash, kept in fuzz/regress/$t:" >&2
		grep -E 'ERROR|SUMMARY|#[0-9] ' "$work/$t.log" | head -20 >&2
		status=1
	else
		echo "fuzz: $t: ${runs:-0} executions in $secs seconds, nothing found"
	fi
done
exit $status
