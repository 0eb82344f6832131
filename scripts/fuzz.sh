#!/bin/sh
# fuzz.sh SECONDS TARGET...: run each libFuzzer harness fuzz/bin/TARGET
# for SECONDS, first over its regression inputs (fuzz/regress/TARGET:
# every crash found so far, which must stay fixed), then from a corpus
# made of the test fixtures (tests/fixtures: the logs, the settings
# files, the forms, the times and ranges).  Prints the executions of
# each target; a new crash is kept in fuzz/regress/TARGET (mend it, and
# it stays there as a fixture) and the script fails.
set -u
secs=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The harnesses' scratch folders go in here, and with it.
TMPDIR=$work/tmp
export TMPDIR
mkdir "$TMPDIR"
fix=$top/tests/fixtures
conf=$fix/config
status=0

# put DIR BYTE FILE...: each FILE into DIR as a seed, behind the option
# byte BYTE (an octal escape; empty for none).
put() {
	d=$1
	b=$2
	shift 2
	for f in "$@"; do
		[ -f "$f" ] || continue
		i=$((i + 1))
		{ [ -n "$b" ] && printf "\\$b"; cat "$f"; } >"$d/seed-$i"
	done
}

# The logs among the fixtures, CSV and TSV, at any depth.
logs() {
	find "$fix" \( -name '*.csv' -o -name '*.tsv' \) ! -path "$conf/*" \
	    ! -path "$fix/forms/*" -type f | sort
}

# Each distinct cell of the first column (ts) of the fixture logs, the
# dates of dates.csv and every line of when.txt, one seed each.
stamps() {
	{
		cat "$fix/when.txt"
		logs | while read -r f; do
			sed '1d; s/[,	].*//' "$f"
		done
		sed '1d; s/,.*//' "$fix/dates/dates.csv"
	} | sort -u | while read -r w; do
		i=$((i + 1))
		printf '%s' "$w" >"$1/seed-$i"
	done
	i=$(ls "$1" | wc -l)
}

# seed TARGET DIR: the starting corpus.
seed() {
	mkdir -p "$2"
	i=0
	case $1 in
	csv | report)
		put "$2" 005 $(logs) ;;
	when)
		stamps "$2" ;;
	config)
		put "$2" 000 "$conf/items.csv"
		put "$2" 001 "$conf/settings.csv"
		put "$2" 002 "$conf/distortions.csv" ;;
	traps)
		put "$2" '' "$fix"/reflect/*.txt ;;
	exercises)
		put "$2" '' "$fix/ground/exercises.csv" ;;
	prompts)
		put "$2" '' "$conf/prompts.csv" ;;
	forms)
		put "$2" '' "$fix"/forms/*.csv "$top"/examples/forms/*.csv ;;
	safety)
		put "$2" 000 "$conf/risk.csv"
		put "$2" 001 "$conf/settings.csv"
		put "$2" 002 "$conf/safety-plan.txt" ;;
	assign)
		put "$2" '' "$conf/assignments.csv" ;;
	dates)
		put "$2" '' "$fix/dates/dates.csv" ;;
	correct)
		for b in 000 001 002 003; do
			put "$2" "$b" "$fix"/corrections/*.csv "$fix/week.csv" \
			    "$fix/trials.csv" "$fix/ground.csv" "$fix/reflect.csv"
		done ;;
	esac
	[ "$i" -gt 0 ] || {
		echo "fuzz: $1: no seeds among the fixtures" >&2
		return 1
	}
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
	seed "$t" "$work/$t" || {
		status=1
		continue
	}
	nseeds=$(ls "$work/$t" | wc -l)
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
		echo "fuzz: $t: ${runs:-0} executions in $secs seconds from" \
		    "$nseeds seeds, nothing found"
	fi
done
exit $status
