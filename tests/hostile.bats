#!/usr/bin/env bats
# Hostile and odd input: every file is read or refused with file:line,
# in bounded memory, without a crash; nothing a log holds can drive the
# terminal, a browser or a spreadsheet.

load helper

H=$FIXTURES/hostile
CSV_HEAD=source,group,period,log,item,measure,n,mean,sd,min,max,first,last,trend_per_week,trend_low,trend_high,trend,baseline,recent

# mood_n FILE: report's count and mean of mood in FILE.
mood_n() {
	report -f csv -c mood "$1" | cut -d, -f6-8
}

# peak_kb COMMAND...: run COMMAND (output dropped) and print the most
# memory it held, in KiB.
peak_kb() {
	/usr/bin/time -f '%M' -o "$BATS_TEST_TMPDIR/rss" "$@" >/dev/null 2>&1
	cat "$BATS_TEST_TMPDIR/rss" | tail -1
}

# A sanitizer's shadow memory makes the figure meaningless.
bare_build() {
	! nm "$STEADY_BIN/report" 2>/dev/null | grep -q __asan_init &&
	    [ "$(head -c 4 "$STEADY_BIN/report")" = $'\x7fELF' ]
}

@test "report: bytes that are not UTF-8 are read, not refused" {
	run -0 --separate-stderr mood_n "$H/invalid-utf8.csv"
	assert_output 'measure,n,mean
mood,2,5.5'
	assert_equal "$stderr" ''
}

@test "report: a NUL byte is named by line; the other rows count" {
	run -1 --separate-stderr report -f csv -c mood "$H/nul.csv"
	assert_equal "$stderr" "report: $H/nul.csv:2: holds a NUL byte, which text never does
report: 1 row could not be used (see above)"
	run -0 --separate-stderr sh -c 'report -f csv -c mood "$1" | cut -d, -f6-8' sh "$H/nul.csv"
	assert_output 'measure,n,mean
mood,1,6'
}

@test "checkin: a NUL byte in the log is named by line and never appended after" {
	mkdir -p "$STEADY_DIR"
	cp "$H/nul.csv" "$(log)"
	run -1 --separate-stderr checkin --log
	assert_equal "$stderr" "checkin: $(log):2: holds a NUL byte, which text never does"
}

@test "report: a UTF-8 byte order mark is read past" {
	run -0 mood_n "$H/bom.csv"
	assert_output 'measure,n,mean
mood,1,5'
}

@test "report: a byte order mark after blank lines is read past" {
	# Found by the csv fuzzer (fuzz/regress/csv/bom-after-blank-lines):
	# the mark was kept in the first column's name, so ts went unseen.
	run -0 report -f csv -c mood "$H/bom-late.csv"
	assert_line --index 1 'hostile,,,check-ins,,mood,1,5,,5,5,5,5,,,,too few to tell,5,5'
}

@test "checkin: a log whose header follows blank lines and a BOM takes a record" {
	mkdir -p "$STEADY_DIR"
	cp "$H/bom-late.csv" "$(log)"
	chmod 600 "$(log)"
	run -0 checkin mood=6
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,6,,,,,'
}

@test "report: CRLF line ends are read" {
	run -0 mood_n "$H/crlf.csv"
	assert_output 'measure,n,mean
mood,2,5.5'
}

@test "report: rows with too few or too many fields are named by line" {
	run -1 --separate-stderr report -f csv "$H/fields.csv"
	assert_equal "$stderr" "report: $H/fields.csv:3: has 3 fields, the header has 7
report: $H/fields.csv:4: has 8 fields, the header has 7
report: 2 rows could not be used (see above)"
}

@test "report: an empty file is an empty report" {
	run -0 --separate-stderr report -f csv "$H/empty.csv"
	assert_output "$CSV_HEAD"
	assert_equal "$stderr" ''
}

@test "report: a header alone is an empty report" {
	run -0 --separate-stderr report -f csv "$H/header-only.csv"
	assert_output "$CSV_HEAD"
	assert_equal "$stderr" ''
}

@test "report: a torn last line is named by line" {
	run -1 --separate-stderr report -f csv -c mood "$H/torn.csv"
	assert_equal "$stderr" "report: $H/torn.csv:3: the last line is incomplete (no newline at its end)
report: 1 row could not be used (see above)"
}

@test "report: a column named twice is refused" {
	run -1 --separate-stderr report -f csv "$H/duplicate-header.csv"
	assert_equal "$stderr" "report: $H/duplicate-header.csv:1: the column \"mood\" appears twice"
}

@test "report: a 100 MiB field is refused by line, in bounded memory" {
	{
		echo 'ts,mood,note'
		printf '2026-11-20T08:00:00+01:00,5,'
		head -c 104857600 /dev/zero | tr '\0' x
		echo
		echo '2026-11-21T08:00:00+01:00,6,ok'
	} >"$BATS_TEST_TMPDIR/big.csv"
	run -1 --separate-stderr report -f csv -c mood "$BATS_TEST_TMPDIR/big.csv"
	assert_equal "$stderr" "report: $BATS_TEST_TMPDIR/big.csv:2: the record is longer than 16777216 bytes
report: 1 row could not be used (see above)"
	if bare_build; then
		run -0 peak_kb report -f csv "$BATS_TEST_TMPDIR/big.csv"
		[ "$output" -lt 65536 ]
	fi
}

@test "checkin: a 100 MiB field in the log is named, and the log kept" {
	mkdir -p "$STEADY_DIR"
	{
		echo 'ts,mood,trust,safety,distress,arousal,note'
		printf '2026-11-20T08:00:00+01:00,5,,,,,'
		head -c 104857600 /dev/zero | tr '\0' x
		echo
	} >"$(log)"
	run -1 --separate-stderr checkin --log
	assert_equal "$stderr" "checkin: $(log):2: the record is longer than 16777216 bytes"
	run -0 checkin mood=6
	run -0 tail -1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,6,,,,,'
}

# A check-in a day for twenty years.
twenty_years() {
	mkdir -p "$STEADY_DIR"
	awk 'BEGIN {
		print "ts,mood,trust,safety,distress,arousal,note"
		for (y = 2006; y < 2026; y++)
			for (m = 1; m <= 12; m++)
				for (d = 1; d <= 28; d++)
					printf "%04d-%02d-%02dT08:00:00+01:00,%d,%d,8,%d,0,day\n",
					    y, m, d, (y + d) % 11, m % 11, d % 11
	}' >"$(log)"
}

@test "report: a twenty-year log is summarised by month in bounded memory" {
	twenty_years
	run -0 --separate-stderr report -f csv -b month -c mood "$(log)"
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 241
	assert_line --index 1 --regexp '^data,,2006-01,check-ins,,mood,28,'
	assert_line --index 240 --regexp '^data,,2025-12,check-ins,,mood,28,'
	if bare_build; then
		run -0 peak_kb report -f csv -b day "$(log)"
		[ "$output" -lt 131072 ]
	fi
}

@test "checkin: --log over twenty years keeps every line" {
	twenty_years
	run -0 sh -c 'checkin --log | wc -l'
	assert_output 6721
}

@test "checkin: a year before 1000 is written with four digits, and read back" {
	run -0 checkin --at 0301-11-01T08:00 mood=5
	run -0 --separate-stderr checkin --log
	assert_equal "$stderr" ''
	assert_line --index 1 --regexp '^0301-11-01T08:00:00\+'
}

@test "ground: an exercise line starting with a space is read" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n' 'name,text,seconds' 'feet," Press your feet into the floor",6' \
	    >"$STEADY_CONFIG/exercises.csv"
	run -0 --separate-stderr ground --list
	assert_line 'feet'
	assert_equal "$stderr" ''
}

@test "checkin: --log on a terminal shows control bytes as ?" {
	mkdir -p "$STEADY_DIR"
	cp "$H/control.csv" "$(log)"
	run_pty 'expect eof' checkin --log
	assert_success
	assert_line '2026-11-20T08:00:00+01:00,5,4,8,3,0,"?]0;owned??[2J?[31mred?[0m"'
	refute_output --partial $'\e'
}

@test "checkin: --log into a pipe keeps the bytes as stored" {
	mkdir -p "$STEADY_DIR"
	cp "$H/control.csv" "$(log)"
	run -0 checkin --log
	assert_line $'2026-11-20T08:00:00+01:00,5,4,8,3,0,"\e]0;owned\a\e[2J\e[31mred\e[0m"'
}

@test "reflect: search on a terminal shows control bytes as ?" {
	reflect journal text=$'a \e[2J \xc2\x9b1m line'
	run_pty 'expect eof' reflect search line
	assert_success
	assert_line --regexp '^2026-11-23T07:30:00\+01:00,journal,[^,]*,,a \?\[2J \?1m line,'
	refute_output --partial $'\e'
}

@test "ladder: list on a terminal shows control bytes in a step as ?" {
	ladder add $'look at \e[8mthe photos' --suds 50
	run_pty 'expect eof' ladder list
	assert_success
	assert_line --regexp '^   1    50  not started +0     -  look at \?\[8mthe photos$'
}

@test "report: a table on a terminal shows control bytes as ?" {
	run_pty 'expect eof' env NO_COLOR=1 report -g note "$H/control.csv"
	assert_success
	assert_line 'hostile: ?]0;owned??[2J?[31mred?[0m'
	refute_output --partial $'\e'
}

@test "report: HTML escapes what a log holds" {
	run -0 report -f html -g note "$H/html.csv"
	assert_line '<h2>hostile: &lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;</h2>'
	refute_output --partial '<script'
}

@test "report: HTML forbids scripts, requests and forms" {
	run -0 report -f html "$FIXTURES/week.csv"
	assert_line "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">"
	assert_line '<meta name="referrer" content="no-referrer">'
	refute_output --regexp '<script|<link|src="http|href="http'
}

@test "report: CSV cells that a spreadsheet would run start with a quote" {
	run -0 sh -c 'report -f csv "$1" | cut -d, -f6' sh "$H/formula.csv"
	assert_output "measure
'	tab
\"'"$'\r'"cr\"
'+sum
'-neg
'=cmd|x
'@at"
}

@test "report: TSV cells that a spreadsheet would run start with a quote" {
	run -0 sh -c 'report -f tsv "$1" | cut -f6' sh "$H/formula.csv"
	refute_output --regexp '^[=+@-]'
}

@test "report: TSV guards a cell starting with a tab or a carriage return" {
	run -0 sh -c 'report -f tsv "$1" | sed -n 2,3p' sh "$H/formula.csv"
	assert_output "hostile			data		\"'	tab\"	1	5		5	5	5	5				too few to tell	5	5
hostile			data		\"'"$'\r'"cr\"	1	6		6	6	6	6				too few to tell	6	6"
}

@test "report: a column name's control bytes reach no message" {
	printf 'ts,a\033[2Jb,a\033[2Jb\n' >"$BATS_TEST_TMPDIR/dup.csv"
	cd "$BATS_TEST_TMPDIR"
	run -1 --separate-stderr report -f csv dup.csv
	assert_equal "$stderr" 'report: dup.csv:1: the column "a?[2Jb" appears twice'
}

@test "report: a cell's control bytes reach no message, in a pipe too" {
	printf 'ts,mood\n2026-11-22T08:00:00+01:00,\033]0;pwn\a\n' \
	    >"$BATS_TEST_TMPDIR/m.csv"
	cd "$BATS_TEST_TMPDIR"
	run -1 --separate-stderr report -f csv m.csv
	assert_equal "$stderr" 'report: m.csv:2: mood "?]0;pwn?" is not a number
report: 1 row could not be used (see above)'
}

@test "checkin: a rating's control bytes reach no message" {
	run -2 --separate-stderr checkin mood=$'\e]0;pwn\a'
	assert_equal "$stderr" 'checkin: mood=?]0;pwn?: mood is a whole number from 0 to 10'
}

@test "checkin: an item name's control bytes in items.csv reach no message" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,min,max\n\033]0;pwn\a,0,10\n' >"$STEADY_CONFIG/items.csv"
	want="$STEADY_CONFIG/items.csv:2: the item name \"?]0;pwn?\" should be lower-case letters, digits and _ starting with a letter"
	run -1 --separate-stderr checkin --items
	assert_equal "$stderr" "checkin: $want"
	run -1 --separate-stderr report -f csv "$FIXTURES/week.csv"
	assert_equal "$stderr" "report: $want"
}

@test "steady: every message goes through the one that neutralises" {
	cd "$BATS_TEST_DIRNAME/.."
	run -1 grep -nE '(^|[^_[:alnum:]])(v?errx?|v?warnx?)\(|<err\.h>' \
	    cmd/*.c cmd/*/*.c lib/*.c lib/*.h
	assert_output ''
}
