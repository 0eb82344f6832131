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

echo "steady demo: a sample person's last three months of check-ins,"
echo "kept in a scratch folder, with today taken to be 24 November 2026."
show 'checkin --due'
show 'checkin mood=6 trust=5 safety=8 distress=3 arousal=0 note="slept through the night"'
show 'checkin --due; echo "exit status $?: today is done"'
show 'checkin --log --since 7d | cut -d, -f1-6'
show 'checkin --log | report -S sample -f table'
out="${TMPDIR:-/tmp}/steady-demo-report.html"
report -f html "$STEADY_DIR/checkin.csv" >"$out"
chmod 600 "$out"
echo
echo "An HTML report of the same, with a chart for each rating, is in"
echo "  $out"
echo "(it stays there after the demo; the check-in log itself is removed)."
echo "Try 'checkin --help', 'report --help' and 'man -l man/report.1'."
