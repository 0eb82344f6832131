#!/usr/bin/env bats
# dates: hard dates from dates.csv, warned of by checkin and marked by
# report, with the private label kept out of what others may see.

load helper

OPEN="Today's check-in is open whenever you are ready: run checkin."
FOUND='A day you marked as hard is in 3 days. Go gently with yourself. If it helps: ground box'
BIRTHDAY='A day you marked as hard is today. Go gently with yourself.'

# dates: the fixture's dates.csv in the config directory.  On 2026-11-23
# the yearly 26 November is 3 days away (warned 5 days ahead), the
# hearing of 20 December is too far (3), a birthday is today (0) and a
# one-off date has gone by.
dates() {
	mkdir -p "$STEADY_CONFIG"
	cp "$FIXTURES/dates/dates.csv" "$STEADY_CONFIG/"
}

# fake_notify: a notify-send that keeps its arguments, one call a line.
fake_notify() {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	cat >"$BATS_TEST_TMPDIR/fake/notify-send" <<-'SH'
		#!/bin/sh
		printf '%s|' "$@" >>"$BATS_TEST_TMPDIR/notified"
		echo >>"$BATS_TEST_TMPDIR/notified"
	SH
	chmod +x "$BATS_TEST_TMPDIR/fake/notify-send"
}

# checkins: ten check-ins in November in the data directory.
checkins() {
	local d
	for d in 02 04 06 09 11 13 16 18 20 23; do
		checkin --at "2026-11-${d}T07:00" mood=5
	done
}

unit() {
	run "$STEADY_BIN/unit/$1"
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$output" | grep -A3 '^not ok' >&2
	fi
	assert_success
	refute_line --regexp '^not ok'
	assert_line --regexp '^1\.\.[1-9][0-9]*$'
}

@test "lib: dates" { unit dates; }

@test "checkin: --remind warns of hard dates near enough, without their labels" {
	dates
	run -0 --separate-stderr checkin --remind
	assert_output "$FOUND
$BIRTHDAY
$OPEN"
	assert_equal "$stderr" ''
}

@test "checkin: --remind warns the day before as tomorrow" {
	dates
	STEADY_NOW=2026-11-25T20:00 run -0 checkin --remind
	assert_line --index 0 'A day you marked as hard is tomorrow. Go gently with yourself. If it helps: ground box'
}

@test "checkin: a yearly date comes back the next year" {
	dates
	STEADY_NOW=2027-11-24T20:00 run -0 checkin --remind
	assert_line --index 0 'A day you marked as hard is in 2 days. Go gently with yourself. If it helps: ground box'
	STEADY_NOW=2027-11-27T20:00 run -0 checkin --remind
	assert_output "$OPEN"
}

@test "checkin: a plan in words stays out of a line without a terminal" {
	dates
	STEADY_NOW=2026-12-18T20:00 run -0 checkin --remind
	assert_output "A day you marked as hard is in 2 days. Go gently with yourself. You made a plan for it.
$OPEN"
}

@test "checkin: --remind warns of a hard date when today's check-in is done" {
	dates
	checkin mood=5
	run -1 checkin --remind
	assert_output "$FOUND
$BIRTHDAY"
}

@test "checkin: --due adds the hard dates only when the check-in is open" {
	dates
	run -0 checkin --due
	assert_output "$FOUND
$BIRTHDAY
$OPEN"
	run -0 checkin --due --quiet
	assert_output ''
	checkin mood=5
	run -1 checkin --due
	assert_output ''
}

@test "checkin: on a terminal the labels and plans are shown" {
	dates
	export STEADY_NOW=2026-12-18T20:00
	run_pty '' checkin --remind
	assert_success
	assert_line 'the hearing is in 2 days (2026-12-20). Go gently with yourself. Your plan: call Sam the night before'
}

@test "checkin: date_labels 1 shows the labels without a terminal" {
	dates
	printf 'name,value\ndate_labels,1\n' >"$STEADY_CONFIG/settings.csv"
	run -0 checkin --remind
	assert_output "the day I found out is in 3 days (2026-11-26). Go gently with yourself. If it helps: ground box
their birthday is today (2026-11-23). Go gently with yourself.
$OPEN"
}

@test "checkin: --remind sends the neutral lines as notifications" {
	dates
	fake_notify
	PATH=$BATS_TEST_TMPDIR/fake:$PATH DISPLAY=:0 \
	    DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent run -0 checkin --remind
	assert_output ''
	run -0 cat "$BATS_TEST_TMPDIR/notified"
	assert_output "--app-name=steady|steady|$FOUND|
--app-name=steady|steady|$BIRTHDAY|
--app-name=steady|steady|$OPEN|"
}

@test "checkin: a dates.csv that cannot be used is named, and the reminder still comes" {
	mkdir -p "$STEADY_CONFIG"
	printf 'date,warn\n2026-11-31,3\n' >"$STEADY_CONFIG/dates.csv"
	run -0 --separate-stderr checkin --remind
	assert_output "$OPEN"
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/dates.csv:2: \"2026-11-31\" is not a date (use 2026-11-27, or --11-27 for every year)"
}

@test "checkin: without a dates.csv --remind is as before" {
	run -0 --separate-stderr checkin --remind
	assert_output "$OPEN"
	assert_equal "$stderr" ''
}

@test "report: marks hard dates on the charts of the person's own logs" {
	dates
	checkins
	run -0 report --format html "$STEADY_DIR/checkin.csv"
	assert_output --partial '<title>a day you marked as hard</title></line>'
	refute_output --partial 'found out'
	run -0 sh -c 'report --format html "$1" | grep -c "class=\"date\""' sh \
	    "$STEADY_DIR/checkin.csv"
	assert_output 1
}

@test "report: names the hard dates of the period in a sentence" {
	dates
	checkins
	run -0 report --format table "$STEADY_DIR/checkin.csv"
	assert_line 'Days you marked as hard in this period: 2026-11-23.'
	run -0 report --format csv "$STEADY_DIR/checkin.csv"
	refute_output --partial 'marked as hard'
}

@test "report: date_labels 1 puts the labels in the sentence" {
	dates
	checkins
	printf 'name,value\ndate_labels,1\n' >"$STEADY_CONFIG/settings.csv"
	run -0 report --format md "$STEADY_DIR/checkin.csv"
	assert_line -- '- Days you marked as hard in this period: 2026-11-23 (their birthday).'
}

@test "report: leaves other people's folders unmarked" {
	dates
	checkins
	mkdir -p "$BATS_TEST_TMPDIR/clients/ana"
	cp "$STEADY_DIR/checkin.csv" "$BATS_TEST_TMPDIR/clients/ana/"
	run -0 report --format html "$BATS_TEST_TMPDIR/clients/ana/checkin.csv"
	refute_output --partial 'class="date"'
	refute_output --partial 'marked as hard'
}

@test "report: a copy in a folder of the same name elsewhere is left unmarked" {
	dates
	checkins
	printf 'name,value\ndate_labels,1\n' >"$STEADY_CONFIG/settings.csv"
	mkdir -p "$BATS_TEST_TMPDIR/other/data"
	cp "$STEADY_DIR/checkin.csv" "$BATS_TEST_TMPDIR/other/data/"
	run -0 report --format html "$BATS_TEST_TMPDIR/other/data/checkin.csv"
	assert_output --partial '<h2>data</h2>'
	refute_output --partial 'class="date"'
	refute_output --partial 'marked as hard'
	refute_output --partial 'birthday'
	run -0 report --format table "$BATS_TEST_TMPDIR/other/data/checkin.csv"
	refute_output --partial 'marked as hard'
	# Read together with the person's own, the same name is one source,
	# and nothing of it is marked.
	run -0 report --format table "$STEADY_DIR/checkin.csv" \
	    "$BATS_TEST_TMPDIR/other/data/checkin.csv"
	refute_output --partial 'marked as hard'
}

@test "report: the data folder is known however it is named" {
	dates
	checkins
	ln -s "$STEADY_DIR" "$BATS_TEST_TMPDIR/mine"
	cd "$STEADY_DIR"
	run -0 report --format table checkin.csv
	assert_line 'Days you marked as hard in this period: 2026-11-23.'
	run -0 report --format table "$BATS_TEST_TMPDIR/mine/checkin.csv"
	assert_line 'Days you marked as hard in this period: 2026-11-23.'
	STEADY_DIR=$BATS_TEST_TMPDIR/mine run -0 report --format table "$BATS_TEST_TMPDIR/data/checkin.csv"
	assert_line 'Days you marked as hard in this period: 2026-11-23.'
}

@test "report: standard input is never taken for the person's own log" {
	dates
	checkins
	run -0 sh -c 'checkin --log | report --format html'
	refute_output --partial 'class="date"'
	run -0 sh -c 'report --format table -S data <"$1"' sh "$STEADY_DIR/checkin.csv"
	refute_output --partial 'marked as hard'
}

@test "readme: the dates.csv of \"Hard dates\" warns as the README says" {
	mkdir -p "$STEADY_CONFIG"
	awk '/^## Hard dates$/ { on = 1; next }
	    /^## / { on = 0 } on && /^    / { print substr($0, 5) }' \
	    "$BATS_TEST_DIRNAME/../README.md" >"$STEADY_CONFIG/dates.csv"
	STEADY_NOW=2027-03-07T20:00 run -0 checkin --remind
	assert_line --index 0 'A day you marked as hard is in 7 days. Go gently with yourself. If it helps: ground box'
}
