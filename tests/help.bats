#!/usr/bin/env bats
# help: every program's --help fits a 24-line, 80-column screen with the
# command and the next prompt, and its usage lines say what the SYNOPSIS
# of its manual page says.

load helper

MAN=$BATS_TEST_DIRNAME/../man

# fits PROGRAM: --help on stdout, exit 0, nothing on stderr, at most 22
# lines (a 24-line terminal keeps the command and the next prompt in
# view) of at most 80 columns, no tabs.  The lines are counted by wc,
# blank ones too.
fits() {
	local n
	n=$("$1" --help | wc -l)
	assert [ "$n" -ge 5 ]
	assert [ "$n" -le 22 ]
	run -0 --separate-stderr "$1" --help
	assert_equal "$stderr" ''
	refute_output ''
	run -0 awk 'length > 80 || /\t/ { print FNR ": " $0 }' <<<"$output"
	assert_output ''
}

# synopsis PROGRAM: the SYNOPSIS of PROGRAM(1) as words on one line.
synopsis() {
	mandoc -Tascii -Owidth=300 "$MAN/$1.1" | sed 's/.\x08//g' |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/{/^[A-Z]/d;p;}' |
	    tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

# usage PROGRAM: the usage lines of PROGRAM --help as words on one line.
usage() {
	"$1" --help | sed -n '1,/^$/p' | sed '1s/^usage://' |
	    tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

# same PROGRAM: the usage of --help and of a usage error is the SYNOPSIS.
same() {
	local want
	want=$(synopsis "$1")
	refute [ -z "$want" ]
	assert_equal "$(usage "$1")" "$want"
	run -2 --separate-stderr "$1" --no-such-option
	assert_equal "$(sed -n '/^usage:/,$p' <<<"$stderr" | sed '1s/^usage://' |
	    tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//')" "$want"
}

@test "checkin: --help fits 22 lines and 80 columns" {
	fits checkin
}

@test "checkin: --help and a usage error show the SYNOPSIS of checkin(1)" {
	same checkin
}

@test "report: --help fits 22 lines and 80 columns" {
	fits report
}

@test "report: --help and a usage error show the SYNOPSIS of report(1)" {
	same report
}

@test "ground: --help fits 22 lines and 80 columns" {
	fits ground
}

@test "ground: --help and a usage error show the SYNOPSIS of ground(1)" {
	same ground
}

@test "reflect: --help fits 22 lines and 80 columns" {
	fits reflect
}

@test "reflect: --help and a usage error show the SYNOPSIS of reflect(1)" {
	same reflect
}

@test "ladder: --help fits 22 lines and 80 columns" {
	fits ladder
}

@test "ladder: --help and a usage error show the SYNOPSIS of ladder(1)" {
	same ladder
}

@test "promise: --help fits 22 lines and 80 columns" {
	fits promise
}

@test "promise: --help and a usage error show the SYNOPSIS of promise(1)" {
	same promise
}

@test "help: every program the Makefile builds is checked here" {
	local progs
	progs=$(sed -n 's/^PROGS = //p' "$BATS_TEST_DIRNAME/../Makefile" |
	    tr ' ' '\n' | sort)
	refute [ -z "$progs" ]
	assert_equal "$(grep -o '^@test "[a-z]*: --help fits' \
	    "$BATS_TEST_FILENAME" | sed 's/^@test "//; s/:.*//' | sort)" \
	    "$progs"
}
