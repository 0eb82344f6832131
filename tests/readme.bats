#!/usr/bin/env bats
# readme: the examples of README.md, run as written.  In the tour and the
# pipelines, a line "$ command" (continued while a line ends in "\") is
# run in a fresh shell, and the lines after it, up to the next command
# or the end of the block, are what it must print.

load helper

TOP=$BATS_TEST_DIRNAME/..
README=$TOP/README.md

setup() {
	export LC_ALL=C NO_COLOR=1
	export TZ=Europe/Berlin
	export STEADY_NOW=2026-11-23T08:15:00+01:00 STEADY_CLOCK=virtual
	export HOME=$BATS_TEST_TMPDIR/home
	export STEADY_DIR=$BATS_TEST_TMPDIR/work/me
	export STEADY_CONFIG=$BATS_TEST_TMPDIR/config
	unset XDG_DATA_HOME XDG_CONFIG_HOME VISUAL EDITOR DISPLAY \
	    WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
	PATH=$STEADY_BIN:$PATH
	mkdir -p "$HOME" "$STEADY_DIR"
	# The sample caseload, and ana's own logs as "yours".
	cd "$BATS_TEST_TMPDIR/work"
	sh "$TOP/examples/caseload.sh" clients
	cp clients/ana/*.csv "$STEADY_DIR"/
}

# install_prefix: steady installed under a prefix of its own; prints it.
install_prefix() {
	local prefix=$BATS_TEST_TMPDIR/usr/local
	make -s -C "$TOP" install PREFIX="$prefix" >/dev/null
	printf '%s\n' "$prefix"
}

# section HEADING: the lines of README.md under HEADING ("## Name" or
# "### Name"), up to the next heading of the same or a higher level.
section() {
	awk -v h="$1" '
		index($0, "#") == 1 {
			if ($0 == h) { on = 1; n = index(h, " "); next }
			if (on && index($0, " ") <= n) exit
		}
		on' "$README"
}

# examples HEADING DIR: each example of the section as DIR/N.cmd (the
# command) and DIR/N.out (what it prints).
examples() {
	mkdir -p "$2"
	section "$1" | awk -v dir="$2" '
		function flush() {
			if (n > 0) {
				sub(/\n+$/, "", out)
				printf "%s", out (out == "" ? "" : "\n") > (dir "/" n ".out")
				close(dir "/" n ".out")
			}
		}
		/^    \$ / {
			flush(); n++; out = ""; cmd = substr($0, 7)
			while (cmd ~ /\\$/ && (getline line) > 0)
				cmd = cmd "\n" substr(line, 5)
			print cmd > (dir "/" n ".cmd"); close(dir "/" n ".cmd")
			inb = 1; next
		}
		/^    / && inb { out = out substr($0, 5) "\n"; next }
		/^$/ && inb { out = out "\n"; next }
		{ inb = 0 }
		END { flush() }'
}

# doctest HEADING: run the section's examples in order; each must exit 0
# and print what the README shows (trailing blanks aside).
doctest() {
	local dir=$BATS_TEST_TMPDIR/ex n=1
	examples "$1" "$dir"
	assert [ -f "$dir/1.cmd" ]
	while [ -f "$dir/$n.cmd" ]; do
		run -0 sh -c "$(cat "$dir/$n.cmd")" 2>&1
		assert_equal "$(sed 's/[[:space:]]*$//' <<<"$output")" \
		    "$(sed 's/[[:space:]]*$//' "$dir/$n.out")"
		n=$((n + 1))
	done
}

@test "readme: the tour's check-ins without a terminal" {
	doctest '### Checking in'
}

@test "readme: the tour's check-in on a terminal" {
	local screen
	screen=$(section '### Checking in' | sed -n '/^    Check-in for/,/^    Saved:/{s/^    //;p;}')
	run_pty '
		foreach a {7 6 8 3 0} {
			expect ": "
			send "$a\r"
		}
		expect "A note"
		send "a calm walk after work\r"
	' checkin
	assert_success
	assert_equal "$(sed 's/ *$//' <<<"$output")" "$screen"
}

@test "readme: the tour's grounding" {
	doctest '### Grounding when feelings run high'
}

@test "readme: the tour's ladder" {
	doctest '### A ladder of steps, at your own pace'
}

@test "readme: the tour's writing" {
	doctest '### Writing it down'
	run -0 tail -n 1 "$STEADY_DIR/reflect.csv"
	assert_output --partial ',journal,r20261123T081500,,a calmer day; we talked it through,'
}

@test "readme: the tour's trends" {
	doctest '### Seeing the trends'
}

@test "readme: the tour's caseload" {
	doctest '### For therapists: the caseload'
	run -0 head -c 15 ana.html
	assert_output '<!DOCTYPE html>'
	run -0 head -n 2 caseload.csv
	assert_line --index 1 --regexp '^cara,2026-11-22,'
}

@test "readme: the tour's questionnaires and practice, in the default folders" {
	unset STEADY_DIR STEADY_CONFIG
	# Where make install PREFIX=~/.local puts the sample form, as the
	# README says it was (tests/forms.bats checks that it does).
	mkdir -p "$HOME/.local/share/steady/forms"
	cp "$TOP/examples/forms/trust-safety.csv" "$HOME/.local/share/steady/forms/"
	export XDG_DATA_DIRS=$BATS_TEST_TMPDIR/nowhere
	doctest '### For therapists: questionnaires'
	run -0 wc -l <"$HOME/.local/share/steady/forms.csv"
	assert_output 3
}

@test "readme: a client's page leaves their urge log out" {
	local cmd
	cmd=$(section '### For therapists: the caseload' |
	    sed -n 's/^    \$ \(report -f html clients\/ana\/\*\.csv .*\)/\1/p')
	assert_equal "$cmd" 'report -f html clients/ana/*.csv >ana.html'
	STEADY_DIR=clients/ana promise urge 'check the phone' strength=7
	run -0 --separate-stderr sh -c "$cmd"
	assert_equal "$stderr" 'report: clients/ana/urges.csv: an urge log, left out as private (--urges reads it)'
	run -1 grep -c -e '<td>strength</td>' -e 'urges' ana.html
	assert_output 0
}

@test "readme: the pipelines with miller, sqlite3 and gnuplot" {
	doctest '## Pipelines'
}

@test "readme: the crontab lines are those of steady.7, and run under env -i" {
	local prefix tab=$BATS_TEST_TMPDIR/crontab
	prefix=$(install_prefix)
	section '## A reminder each evening' |
	    awk '/^    / { print substr($0, 5); b = 1; next } b { exit }' >"$tab"
	run -0 cat "$tab"
	assert_output 'PATH=/usr/local/bin:/usr/bin:/bin
0 20 * * * checkin --remind'
	assert_equal "$output" "$(mandoc -Tascii -Owidth=200 \
	    "$TOP/man/steady.7" | sed 's/.\x08//g' |
	    sed -n '/^REMINDERS/,/^[A-Z]/s/^           //p' | sed -n 1,2p)"
	run -0 crontab -n "$tab"
	sed -i "s|/usr/local|$prefix|" "$tab"
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	run -0 --separate-stderr env -i HOME="$HOME" SHELL=/bin/sh \
	    "$(sed -n 1p "$tab")" setsid /bin/sh -c \
	    "$(sed -n '2s/^\([^ ]* \)\{5\}//p' "$tab")" </dev/null
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "readme: the systemd files copy into place and systemd accepts them" {
	local cmds
	cmds=$(section '## A reminder each evening' |
	    sed -n 's/^    \(mkdir\|cp\) /\1 /p')
	run -0 cat <<<"$cmds"
	assert_line --index 0 'mkdir -p ~/.config/systemd/user'
	cd "$TOP"
	run -0 sh -c "$cmds"
	run -0 ls "$HOME/.config/systemd/user"
	assert_output 'steady-remind.service
steady-remind.timer'
	sed -i "s|/usr/local|$(install_prefix)|" \
	    "$HOME/.config/systemd/user/steady-remind.service"
	mkdir -m 700 "$BATS_TEST_TMPDIR/run"
	XDG_RUNTIME_DIR=$BATS_TEST_TMPDIR/run run -0 systemd-analyze verify \
	    --user "$HOME"/.config/systemd/user/steady-remind.*
	# What the timer starts, with no terminal and systemd's bare
	# environment.
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	run -0 --separate-stderr env -i HOME="$HOME" PATH=/usr/bin:/bin \
	    setsid $(sed -n 's/^ExecStart=//p' \
	    "$HOME/.config/systemd/user/steady-remind.service") </dev/null
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "readme: the picture is a PNG in docs/, 1000 by 1300 as make picture makes it" {
	local png=$TOP/docs/report.png
	run -0 grep -o '](docs/report.png)' "$README"
	run -0 sh -c "head -c 8 '$png' | od -An -c | tr -d ' '"
	assert_output '211PNG\r\n032\n'
	# The IHDR chunk first, then its width and height, big-endian.
	run -0 sh -c "od -An -c -j12 -N4 '$png' | tr -d ' '"
	assert_output 'IHDR'
	run -0 sh -c "od -An -tu1 -j16 -N8 '$png' | tr -s ' '"
	assert_output ' 0 0 3 232 0 0 5 20'
	assert [ "$(stat -c %s "$png")" -gt 20000 ]
	run -0 grep -c -- '--window-size=1000,1300' "$TOP/scripts/demo.sh"
}

@test "readme: the reference sections name every manual, module and file" {
	local where layout m f
	where=$(section '## Where things are')
	layout=$(section '## Source layout')
	for m in "$TOP"/man/*.[157]; do
		m=${m##*/}
		grep -qF "$m" <<<"$layout" || fail "Source layout lacks $m"
		case $m in
		*.1) grep -qF "\`${m%.1}(1)\`" <<<"$where" ||
		    fail "Where things are lacks ${m%.1}(1)" ;;
		esac
	done
	for m in $(sed -n '/^MODULES = /,/[^\\]$/p' "$TOP/Makefile" |
	    sed 's/^MODULES = //; s/\\$//'); do
		grep -qw "$m" <<<"$layout" || fail "Source layout lacks lib/$m"
	done
	for f in $(mandoc -Tascii "$TOP/man/steady.5" | sed 's/.\x08//g' |
	    sed -n '/^FILES/,/^EXAMPLES/s/^ *\$STEADY_[A-Z]*\/\([^ ]*\).*/\1/p' |
	    sed 's/name\.csv$//'); do
		grep -qF "\`$f\`" <<<"$where" || fail "Where things are lacks $f"
	done
	for f in "$TOP"/examples/*; do
		grep -qF "${f##*/}" <<<"$layout" || fail "Source layout lacks examples/${f##*/}"
	done
}

@test "readme: every section with a \$ command is run by a doctest here" {
	local have want
	have=$(awk '/^#/ { h = $0 } /^    \$ / && h != last { print h; last = h }' \
	    "$README" | sort)
	want=$(sed -n "s/^[[:space:]]*doctest '\(.*\)'$/\1/p" \
	    "$BATS_TEST_FILENAME" | sort)
	refute [ -z "$have" ]
	assert_equal "$have" "$want"
}

@test "readme: the commands of \"Keeping trust together\" run as written" {
	local cmds line
	cmds=$(section '## Keeping trust together' | sed -n 's/^    //p')
	run -0 grep -c . <<<"$cmds"
	assert_output 7
	# A couple's own folder, new: the tour's holds ana's record.
	export STEADY_DIR=$BATS_TEST_TMPDIR/us
	checkin --at 2026-11-22T21:00 trust=6
	while IFS= read -r line; do
		run -0 --separate-stderr sh -c "$line"
		assert_equal "$stderr" ''
	done <<<"$cmds"
	run -0 cut -d, -f2,3,5 "$STEADY_DIR/promise.csv"
	assert_output 'kind,id,what
made,1,home by six
kept,1,home by six
offered,,told you J called about work
talked,,'
	run -0 cut -d, -f2,3 "$STEADY_DIR/urges.csv"
	assert_output 'strength,urge
6,check the phone'
}
