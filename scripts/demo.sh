#!/bin/sh
# make demo: steady's main job on an invented caseload, made afresh in a
# scratch folder that is removed afterwards.  Nothing in your own steady
# folders is read or written; the one file kept is the HTML report, in a
# new private folder whose path is printed at the end.
set -eu
umask 077

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/steady-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

export STEADY_DIR="$tmp/clients/ana" STEADY_CONFIG="$tmp/config"
export TZ='CET-1CEST,M3.5.0,M10.5.0/3'
export STEADY_NOW=2026-11-23T08:15:00+01:00
# The tests run the demo with the build under test in STEADY_BIN.
PATH="${STEADY_BIN:-$top/bin}:$PATH"
cd "$tmp"

# With --picture FILE: only the README's picture, ana's HTML report as
# headless Chromium shows it, written to FILE as a PNG.
if [ "${1:-}" = --picture ] && [ $# -eq 2 ]; then
	case $2 in /*) png=$2 ;; *) png=$OLDPWD/$2 ;; esac
	sh "$top/examples/caseload.sh" -c "$STEADY_CONFIG" clients
	report -f html clients/ana/*.csv >"$tmp/ana.html"
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --hide-scrollbars --user-data-dir="$tmp/profile" \
	    --window-size=1000,1300 --screenshot="$png" \
	    "file://$tmp/ana.html" 2>/dev/null
	chmod 644 "$png"
	exit 0
elif [ $# -ne 0 ]; then
	echo "usage: demo.sh [--picture file.png]" >&2
	exit 2
fi
kept=$(mktemp -d "${TMPDIR:-/tmp}/steady-report.XXXXXX")

# show COMMAND [LABEL]: print the command (or a short label), then run it.
show() {
	printf '\n$ %s\n' "${2:-$1}"
	sh -c "$1" || true
}

echo "steady demo: four invented clients' last 90 days, made up in a scratch"
echo "folder, with today taken to be Monday 23 November 2026."
show "sh '$top/examples/caseload.sh' -c '$STEADY_CONFIG' clients" \
    'sh examples/caseload.sh -c config clients   # ana, ben, cara and dev'

echo
echo "Ana checks in this morning (STEADY_DIR is her folder; her settings, with"
echo "the days she marked as hard, are in STEADY_CONFIG):"
show 'checkin --due'
show 'checkin mood=7 trust=6 safety=8 distress=3 arousal=0 note="slept well"'
show 'checkin --due; echo "exit status $?: done for today"'

echo
echo "Her last 90 days of check-ins, week by week in the sparklines:"
show 'report -f table clients/ana/checkin.csv'

echo
echo "The therapist's Monday: the whole caseload, most to look at first:"
show 'report --summary -f table clients/*/checkin.csv'

report -f html clients/ana/*.csv >"$kept/ana.html"
echo
echo "Ana's report as a web page, every log with a chart for each rating,"
echo "nothing fetched from anywhere, is in"
echo "  $kept/ana.html"
echo "(it stays there; the invented logs themselves are removed)."
echo "Next: 'man -l man/steady.7' shows the whole day and week of steady."
