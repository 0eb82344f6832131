#!/bin/sh
# make demo: steady's main job on the shipped sample, in a scratch folder
# that is removed afterwards.  Nothing in your own steady folders is read
# or written.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/steady-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

export STEADY_DIR="$tmp/data" STEADY_CONFIG="$tmp/config"
export TZ='CET-1CEST,M3.5.0,M10.5.0/3'
export STEADY_NOW=2026-11-24T08:15:00+01:00
PATH="$top/bin:$PATH"
mkdir -p "$STEADY_DIR"
cp "$top/examples/sample/checkin.csv" "$STEADY_DIR/checkin.csv"
chmod 600 "$STEADY_DIR/checkin.csv"

# show COMMAND [LABEL]: print the command (or a short label), then run it.
show() {
	printf '\n$ %s\n' "${2:-$1}"
	sh -c "$1" || true
}

# Month by month means from the log: the kind of trend steady is for.
monthly='checkin --log | awk -F, '\''
NR > 1 {
	m = substr($1, 1, 7); n[m]++
	if ($2 != "") { mo[m] += $2; nm[m]++ }
	if ($5 != "") { di[m] += $5; nd[m]++ }
}
END {
	printf "%-8s %9s %10s %14s\n", "month", "check-ins", "mood (avg)", "distress (avg)"
	for (m in n) order[++k] = m
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
		if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
	for (i = 1; i <= k; i++) { m = order[i]
		printf "%-8s %9d %10.1f %14.1f\n", m, n[m], mo[m] / nm[m], di[m] / nd[m] }
}'\'''

echo "steady demo: a sample person's last three months of check-ins,"
echo "kept in a scratch folder, with today taken to be 24 November 2026."
show 'checkin --due'
show 'checkin mood=6 trust=5 safety=8 distress=3 arousal=0 note="slept through the night"'
show 'checkin --due; echo "exit status $?: today is done"'
show 'checkin --log --since 7d | cut -d, -f1-6'
show "$monthly" "checkin --log | awk -F, '...'   # monthly averages"
echo
echo "The log is plain CSV, one line per check-in: $STEADY_DIR/checkin.csv"
echo "(removed when the demo ends). Try 'checkin --help' and 'man -l man/checkin.1'."
