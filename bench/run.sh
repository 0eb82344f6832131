#!/bin/sh
# bench/run.sh: time report's per-client summary of a large check-in log
# side by side with cat, a plain libcsv aggregation (bench/csvagg.c),
# miller, sqlite3, pandas and report by client and week.  Not part of
# make check; see bench/README.md.
#
#	sh bench/run.sh			the 1.1M-row log
#	BENCH_BIG=1 sh bench/run.sh	that and a 10M-row log (about 530 MB)
#
# It installs nothing: a tool that is missing is left out and said so.
# Every run is timed on a warm page cache, and the best of 3 is shown.
# It exits 1 when a tool fails or the per-client counts disagree, never
# because of speed.
set -u

bench=$(cd "$(dirname "$0")" && pwd) || exit 1
top=$(dirname "$bench")
report=$top/bin/report
CC=${CC:-cc}
PYTHON=${PYTHON:-python3}
runs=3
small=1100000	# 1,000 clients, about 1,100 check-ins each
big=10000000

tmp=$(mktemp -d "${TMPDIR:-/tmp}/steady-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
status=0

say() {
	printf '%s\n' "$*" >&2
}

die() {
	say "bench: $*"
	exit 1
}

# --- What there is to time with and against.

have_time=no
[ -x /usr/bin/time ] && have_time=yes
if [ "$have_time" = no ]; then
	case $(date +%s%N 2>/dev/null) in
	*[!0-9]* | "")
		die "/usr/bin/time is missing (Debian package time), and" \
		    "date(1) has no %N: nothing to time with" ;;
	esac
	say "bench: /usr/bin/time is missing (Debian package time):" \
	    "timing with date(1) alone, peak memory not measured"
fi

tools="cat csvagg report report1"
if command -v mlr >/dev/null 2>&1; then
	tools="$tools miller"
else
	say "bench: mlr is missing (Debian package miller): miller left out"
fi
if command -v sqlite3 >/dev/null 2>&1; then
	tools="$tools sqlite"
else
	say "bench: sqlite3 is missing (Debian package sqlite3): left out"
fi
if "$PYTHON" -c 'import pandas' >/dev/null 2>&1; then
	tools="$tools pandas"
else
	say "bench: $PYTHON cannot import pandas: pandas left out"
fi
tools="$tools week"

label() {
	case $1 in
	cat)	echo "cat" ;;
	csvagg)	echo "csvagg (libcsv)" ;;
	report)	echo "report --group client" ;;
	report1) echo "  the same, one process" ;;
	miller)	echo "miller stats1" ;;
	sqlite)	echo "sqlite3 import+query" ;;
	pandas)	echo "pandas" ;;
	week)	echo "report ... --by week" ;;
	esac
}

# --- Build.

cflags="-O3 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra"
$CC $cflags -o "$tmp/gen_checkins" "$bench/gen_checkins.c" ||
	die "cannot build gen_checkins"
$CC $cflags -o "$tmp/csvagg" "$bench/csvagg.c" -lcsv ||
	die "cannot build csvagg"
if [ ! -x "$report" ]; then
	say "bench: $report is missing: running make all"
	(cd "$top" && make all) >&2 || die "make all failed"
fi
mkdir "$tmp/config" || exit 1
STEADY_CONFIG=$tmp/config
TZ=UTC
export STEADY_CONFIG TZ

pandas_py='import sys
import pandas as pd
d = pd.read_csv(sys.argv[1])
s = d.groupby("client")[["mood", "distress"]].agg(["count", "mean", "min",
    "max"])
s.columns = ["_".join(c) for c in s.columns]
s.to_csv(sys.stdout)'

# --- Timing.

# run_once TAG OUT CMD...: run CMD with stdin from $stdin and stdout to
# OUT; set wall (seconds) and peak (KiB, or "-").  Returns CMD's status.
# GNU time's %e counts in steps of 10 ms; the fallback, date(1) on either
# side, has that much overhead and more, so its calibrated cost is taken
# off.
run_once() {
	tag=$1 out=$2
	shift 2
	if [ "$have_time" = yes ]; then
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" <"$stdin" \
		    >"$out" 2>"$tmp/err.$tag"
		rc=$?
		# The last line: a failure puts a line of its own before it.
		wall=$(awk 'END { print $1 }' "$tmp/time")
		peak=$(awk 'END { print $2 }' "$tmp/time")
	else
		t0=$(date +%s%N)
		"$@" <"$stdin" >"$out" 2>"$tmp/err.$tag"
		rc=$?
		t1=$(date +%s%N)
		wall=$(awk -v a="$t0" -v b="$t1" -v o="$overhead" 'BEGIN {
			w = (b - a) / 1e9 - o
			printf "%.3f", (w > 0 ? w : 0)
		}')
		peak=-
	fi
	return $rc
}

overhead=0
if [ "$have_time" = no ]; then
	stdin=/dev/null
	best=
	for r in 1 2 3 4 5; do
		run_once true /dev/null true
		if [ -z "$best" ] || awk -v w="$wall" -v b="$best" \
		    'BEGIN { exit !(w < b) }'; then
			best=$wall
		fi
	done
	overhead=$best
fi

# run_tool TAG: one timed run of a tool on $f.
run_tool() {
	stdin=/dev/null
	case $1 in
	cat)	run_once cat /dev/null cat "$f" ;;
	csvagg)	run_once csvagg "$tmp/out.csvagg" "$tmp/csvagg" "$f" ;;
	report)	run_once report "$tmp/out.report" "$report" --group client \
		    "$f" ;;
	report1) run_once report1 "$tmp/out.report1" env STEADY_JOBS=1 \
		    "$report" --group client "$f" ;;
	miller)	run_once miller "$tmp/out.miller" mlr --icsv --ocsv stats1 \
		    -a count,mean,min,max -f mood,distress -g client "$f" ;;
	sqlite)	stdin=$tmp/query.sql
		run_once sqlite "$tmp/out.sqlite" sqlite3 -batch ;;
	pandas)	run_once pandas "$tmp/out.pandas" "$PYTHON" -c "$pandas_py" \
		    "$f" ;;
	week)	run_once week "$tmp/out.week" "$report" --group client \
		    --by week "$f" ;;
	esac
}

# The per-client counts of each output, as "client count" lines sorted.
counts_sqlite() {
	awk -F, '{ print $1, $2 }' "$tmp/out.sqlite" | sort
}
counts_csvagg() {
	awk -F, 'NR > 1 { print $1, $2 }' "$tmp/out.csvagg" | sort
}
# miller and pandas: the column mood_count.
counts_named() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	    { print $col["client"], $col["mood_count"] }' "$1" | sort
}
# report: the n of the mood rows, added up over a client's periods.
counts_report() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	    $col["measure"] == "mood" { n[$col["group"]] += $col["n"] }
	    END { for (g in n) print g, n[g] }' "$1" | sort
}

# check_counts NAME FILE: compare one tool's counts with sqlite3's.
check_counts() {
	awk -v name="$1" '
	    NR == FNR { want[$1] = $2; nwant++; next }
	    { got[$1] = $2; ngot++ }
	    END {
		bad = 0
		for (c in want)
			if (!(c in got) || got[c] != want[c]) {
				g = (c in got) ? got[c] : "none"
				if (bad++ < 3)
					printf "  %s: %s has %s, sqlite3 %s\n",
					    name, c, g, want[c]
			}
		if (ngot != nwant)
			bad++
		if (bad) {
			printf "  %s: counts DISAGREE with sqlite3\n", name
			exit 1
		}
		printf "  %-22s agrees with sqlite3 for all %d clients\n",
		    name ":", nwant
	    }' "$tmp/counts.sqlite" "$2"
}

sanity() {
	echo "Per-client row counts:"
	case " $tools " in
	*" sqlite "*) ;;
	*)	echo "  not checked: sqlite3 is missing"
		return 0 ;;
	esac
	counts_sqlite >"$tmp/counts.sqlite"
	awk 'NR == 1 { a = $0 } { l[NR] = $0 }
	    END { printf "  sqlite3, for example: %s; %s; %s\n", a,
		l[int((NR + 1) / 2)], l[NR] }' "$tmp/counts.sqlite"
	for t in csvagg report report1 miller pandas week; do
		case " $tools " in
		*" $t "*) ;;
		*)	continue ;;
		esac
		case " $failed " in
		*" $t "*)
			continue ;;
		esac
		case $t in
		csvagg)	counts_csvagg ;;
		miller | pandas)
			counts_named "$tmp/out.$t" ;;
		*)	counts_report "$tmp/out.$t" ;;
		esac >"$tmp/counts.$t"
		check_counts "$(label "$t")" "$tmp/counts.$t" || status=1
	done
}

# bench_file ROWS: generate, time every tool, print the table and checks.
bench_file() {
	rows=$1
	f=$tmp/checkins-$rows.csv
	need=$((rows * 60 / 1000))	# KiB, with room to spare
	avail=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
	if [ "$avail" -lt "$need" ]; then
		say "bench: $rows rows need about $((need / 1024)) MiB in" \
		    "$tmp; there are $((avail / 1024)) MiB: skipped"
		status=1
		return
	fi
	say "bench: generating $rows rows"
	"$tmp/gen_checkins" "$rows" >"$f" || die "gen_checkins failed"
	bytes=$(wc -c <"$f" | tr -d ' ')
	cat >"$tmp/query.sql" <<-EOF
	CREATE TABLE t(ts TEXT, client TEXT, mood INTEGER, trust INTEGER,
	    safety INTEGER, distress INTEGER, arousal INTEGER, note TEXT);
	.mode csv
	.import --skip 1 "$f" t
	SELECT client, count(*), avg(mood), min(mood), max(mood),
	    avg(distress), min(distress), max(distress)
	    FROM t GROUP BY client;
	EOF
	cat "$f" >/dev/null	# warm the page cache

	live=$tools
	failed=
	for t in $tools; do
		eval "best_$t= peak_$t=-"
	done
	r=1
	while [ "$r" -le "$runs" ]; do
		say "bench: $rows rows, round $r of $runs: $live"
		for t in $live; do
			if ! run_tool "$t"; then
				say "bench: $(label "$t") failed:"
				tail -n 5 "$tmp/err.$t" >&2
				failed="$failed $t"
				live=$(echo " $live " | sed "s/ $t / /")
				status=1
				continue
			fi
			eval "b=\$best_$t"
			if [ -z "$b" ] || awk -v w="$wall" -v b="$b" \
			    'BEGIN { exit !(w < b) }'; then
				eval "best_$t=\$wall peak_$t=\$peak"
			fi
		done
		r=$((r + 1))
	done

	echo
	printf '%s rows, %s bytes (%.1f MB); warm cache, best of %s runs\n' \
	    "$rows" "$bytes" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
	    "$runs"
	printf '%-22s %9s %9s %9s  %s\n' tool seconds MB/s "peak MB" \
	    "time / report's"
	base=$best_report
	for t in $tools; do
		case " $failed " in
		*" $t "*)
			printf '%-22s %9s\n' "$(label "$t")" failed
			continue ;;
		esac
		eval "s=\$best_$t p=\$peak_$t"
		awk -v name="$(label "$t")" -v s="$s" -v p="$p" -v b="$bytes" \
		    -v base="$base" 'BEGIN {
			rate = s > 0 ? sprintf("%.1f", b / s / 1e6) : "-"
			mem = p == "-" ? "-" : sprintf("%.1f", p * 1024 / 1e6)
			if (base == "" || base <= 0)
				ratio = "-"
			else
				ratio = sprintf("%.2f\303\227 report", s / base)
			printf "%-22s %9.2f %9s %9s  %s\n", name, s, rate, mem,
			    ratio
		}'
	done
	if [ "$have_time" = no ]; then
		echo "(/usr/bin/time is missing: seconds from date(1), less" \
		    "its overhead of $overhead s; peak memory not measured)"
	fi
	echo
	sanity
	echo
	targets
}

# The targets of bench/README.md, met or not: a report, never a failure.
targets() {
	echo "Targets for report --group client:"
	case $best_report in
	"" | 0 | 0.0 | 0.00 | 0.000)
		echo "  not assessed: report failed or took no time"
		return ;;
	esac
	awk -v b="$bytes" -v r="$best_report" -v c="${best_csvagg:-}" \
	    -v m="${best_miller:-}" -v p="${best_pandas:-}" \
	    -v w="${best_week:-}" -v k="$peak_report" \
	    -v one="${best_report1:-}" 'BEGIN {
		rate = b / r / 1e6
		line("at least 300 MB/s", sprintf("%.1f MB/s", rate),
		    rate >= 300)
		if (c > 0)
			line("at least csvagg'\''s rate", sprintf("%.1f vs " \
			    "%.1f MB/s", rate, b / c / 1e6), r <= c)
		if (m != "")
			line("10x ahead of miller", sprintf("%.1fx", m / r),
			    m / r >= 10)
		if (p != "")
			line("2x ahead of pandas", sprintf("%.1fx", p / r),
			    p / r >= 2)
		else
			line("2x ahead of pandas", "not measured", -1)
		if (k != "-")
			line("peak memory under 64 MB", sprintf("%.1f MB",
			    k * 1024 / 1e6), k * 1024 < 64e6)
		else
			line("peak memory under 64 MB", "not measured", -1)
		if (w != "")
			line("by week at most 2x slower", sprintf("%.1fx",
			    w / r), w / r <= 2)
		if (one != "")
			line("pieces pay (one process)", sprintf("%.2fx " \
			    "slower", one / r), -1)
	    }
	    function line(what, fig, ok) {
		if (ok < 0)
			printf "  %-28s %s\n", what ":", fig
		else
			printf "  %-28s %-20s %s\n", what ":", fig,
			    ok ? "met" : "NOT MET"
	    }'
}

bench_file "$small"
if [ "${BENCH_BIG:-0}" = 1 ]; then
	rm -f "$tmp/checkins-$small.csv"
	bench_file "$big"
fi
if [ "$status" -ne 0 ]; then
	say "bench: a tool failed or the counts disagree (see above)"
fi
exit "$status"
