#!/bin/sh
# Install the Debian packages steady needs to build and test, but only the
# ones that are missing.  As root it runs apt-get; otherwise it prints the
# exact command to run and fails.
set -eu

pkgs="build-essential pkg-config libcsv-dev libpcre2-dev bats bats-assert
bats-support mandoc expect tzdata bash-completion zsh fish valgrind git
python3 miller chromium
man-db parallel rsync gnuplot-nox sqlite3 cron systemd
clang strace"

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: this is not a Debian system; please install the" \
	    "equivalents of:" $pkgs >&2
	exit 0
fi

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: these packages are missing:$missing" >&2
	echo "deps: install them with: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends $missing >/dev/null
