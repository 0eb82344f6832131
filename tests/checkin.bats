#!/usr/bin/env bats
# checkin: behaviour as a person, cron and a pipeline see it.

load helper

HDR='ts,mood,trust,safety,distress,arousal,note'

@test "checkin: --help prints the usage and exits 0" {
	run -0 checkin --help
	assert_line --index 0 'usage: checkin [-e] [-a time] [-o file] [item=value ...] [note=text]'
	assert_line 'Record how you are today: a few ratings and a note, if you like.'
}

@test "checkin: --version prints the version" {
	run -0 checkin --version
	assert_output 'checkin (steady) 0.1.0'
}

@test "checkin: an unknown option is a usage error (2)" {
	run -2 --separate-stderr checkin --bogus
	assert_equal "${stderr_lines[0]}" "checkin: --bogus is not an option"
	assert_equal "${stderr_lines[1]}" 'usage: checkin [-e] [-a time] [-o file] [item=value ...] [note=text]'
}

@test "checkin: a missing option value and an unknown short option are usage errors" {
	run -2 --separate-stderr checkin --since
	assert_equal "${stderr_lines[0]}" 'checkin: --since needs a value'
	run -2 --separate-stderr checkin -s
	assert_equal "${stderr_lines[0]}" 'checkin: -s needs a value'
	run -2 --separate-stderr checkin -x
	assert_equal "${stderr_lines[0]}" 'checkin: -x is not an option'
	assert_equal "${stderr_lines[1]}" 'usage: checkin [-e] [-a time] [-o file] [item=value ...] [note=text]'
}

@test "checkin: item=value operands record without prompting" {
	run -0 checkin mood=6 trust=4 safety=8 distress=3 arousal=0 note='a calm walk'
	assert_output ''
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,4,8,3,0,a calm walk"
}

@test "checkin: items not given stay empty" {
	run -0 checkin mood=5 </dev/null
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,5,,,,,'
}

@test "checkin: an out-of-range rating names the item and its range" {
	run -2 --separate-stderr checkin mood=11
	assert_equal "$stderr" 'checkin: mood=11: mood is a whole number from 0 to 10'
	assert [ ! -e "$(log)" ]
}

@test "checkin: a rating that is not a number is refused" {
	run -2 --separate-stderr checkin trust=high
	assert_equal "$stderr" 'checkin: trust=high: trust is a whole number from 0 to 10'
}

@test "checkin: arousal runs from -2 to +2" {
	run -0 checkin arousal=+2
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,,,,,2,'
	run -2 --separate-stderr checkin arousal=-3
	assert_equal "$stderr" 'checkin: arousal=-3: arousal is a whole number from -2 to 2'
}

@test "checkin: an unknown item lists the known ones" {
	run -2 --separate-stderr checkin sleep=7
	assert_equal "$stderr" 'checkin: sleep: there is no such item; the items are mood, trust, safety, distress, arousal, note'
}

@test "checkin: an operand without = is a usage error" {
	run -2 --separate-stderr checkin six
	assert_equal "${stderr_lines[0]}" 'checkin: six: give ratings as item=value, e.g. mood=6'
}

@test "checkin: an item given twice is refused" {
	run -2 --separate-stderr checkin mood=5 mood=6
	assert_equal "$stderr" 'checkin: mood is given twice'
}

@test "checkin: only empty items is nothing to record" {
	run -2 --separate-stderr checkin mood=
	assert_equal "$stderr" 'checkin: nothing to record: every item given is empty'
	assert [ ! -e "$(log)" ]
}

@test "checkin: without a terminal and without operands it never prompts" {
	run -2 --separate-stderr checkin </dev/null
	assert_equal "$stderr" 'checkin: there is no terminal to ask on; give the ratings as operands, e.g. checkin mood=6 safety=8'
	assert [ ! -e "$(log)" ]
}

@test "checkin: a note keeps newlines, backslashes and commas on one line" {
	run -0 checkin mood=5 note=$'line one\nline two, with a comma \\ end'
	run -0 wc -l <"$(log)"
	assert_output '2'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,5,,,,,"line one\nline two, with a comma \\ end"'
}

@test "checkin: several check-ins a day are kept" {
	run -0 checkin mood=4
	STEADY_NOW=2026-11-23T20:00:00+01:00 run -0 checkin mood=7
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,4,,,,,
2026-11-23T20:00:00+01:00,7,,,,,"
}

@test "checkin: --at records an earlier time" {
	run -0 checkin --at 2026-11-22T21:00 mood=4
	run -0 checkin --at 06:45 mood=5
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-22T21:00:00+01:00,4,,,,,
2026-11-23T06:45:00+01:00,5,,,,,"
}

@test "checkin: --at in the future is refused" {
	run -2 --separate-stderr checkin --at 2026-12-01 mood=4
	assert_equal "$stderr" 'checkin: --at 2026-12-01: that is in the future'
}

@test "checkin: -o - writes the record with its header to stdout, not the log" {
	run -0 checkin -o - mood=6 safety=8 note='to a pipe'
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,,8,,,to a pipe"
	assert [ ! -e "$(log)" ]
}

@test "checkin: -o FILE appends to another log" {
	run -0 checkin -o "$BATS_TEST_TMPDIR/other.csv" mood=3
	run -0 cat "$BATS_TEST_TMPDIR/other.csv"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,3,,,,,"
}

@test "checkin: --due says today's check-in is open when there is none" {
	run -0 checkin --due
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "checkin: --due exits 1 silently once today's check-in is done" {
	checkin mood=6
	run -1 checkin --due
	assert_output ''
}

@test "checkin: --due counts only today's date" {
	checkin --at 2026-11-22T23:59 mood=6
	run -0 checkin --due --quiet
	assert_output ''
}

@test "checkin: --due goes by the date a check-in was written on" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n%s\n' "$HDR" '2026-11-23T00:30:00+13:00,5,,,,,' >"$(log)"
	run -1 checkin --due
}

@test "checkin: --remind prints the neutral line without a desktop" {
	run -0 checkin --remind
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "checkin: --remind uses notify-send when a desktop session is there" {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	cat >"$BATS_TEST_TMPDIR/fake/notify-send" <<-'SH'
		#!/bin/sh
		printf '%s|' "$@" >"$BATS_TEST_TMPDIR/notified"
	SH
	chmod +x "$BATS_TEST_TMPDIR/fake/notify-send"
	PATH=$BATS_TEST_TMPDIR/fake:$PATH DISPLAY=:0 \
	    DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent run -0 checkin --remind
	assert_output ''
	run -0 cat "$BATS_TEST_TMPDIR/notified"
	assert_output "--app-name=steady|steady|Today's check-in is open whenever you are ready: run checkin.|"
}

@test "checkin: --remind is silent and exits 1 when today is done" {
	checkin mood=6
	run -1 checkin --remind
	assert_output ''
}

@test "checkin: --log streams the log, filtered by --since and --until" {
	checkin --at 2026-11-20T08:00 mood=3
	checkin --at 2026-11-21T08:00 mood=4
	checkin --at 2026-11-22T08:00 mood=5
	checkin mood=6
	run -0 checkin --log --since 2026-11-21 --until 2026-11-22
	assert_output "$HDR
2026-11-21T08:00:00+01:00,4,,,,,
2026-11-22T08:00:00+01:00,5,,,,,"
	run -0 checkin --log --since 2d
	assert_output "$HDR
2026-11-22T08:00:00+01:00,5,,,,,
2026-11-23T07:30:00+01:00,6,,,,,"
	run -0 checkin --log --since today
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,,,,,"
}

@test "checkin: --log with no log yet prints nothing" {
	run -0 checkin --log
	assert_output ''
}

@test "checkin: --log reports rows it cannot read with file:line, and exits 1" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n%s\n%s\n%s\n' "$HDR" '2026-11-20T08:00:00+01:00,3,,,,,' \
	    '2026-11-21T08:00:00+01:00,4' '2026-11-22T08:00:00+01:00,5,,,,,' >"$(log)"
	run -1 --separate-stderr checkin --log
	assert_output "$HDR
2026-11-20T08:00:00+01:00,3,,,,,
2026-11-22T08:00:00+01:00,5,,,,,"
	assert_equal "$stderr" "checkin: $(log):3: has 2 fields, the header has 7"
}

@test "checkin: a bad --since is a usage error" {
	run -2 --separate-stderr checkin --log --since someday
	assert_equal "$stderr" 'checkin: --since "someday" is not a date or a span of time (use today, yesterday, 7d, 4w, 3m, 2026-11-23 or 2026-11-23T07:30)'
}

@test "checkin: options for one mode are refused in another" {
	run -2 --separate-stderr checkin --since 7d mood=5
	assert_equal "$stderr" 'checkin: --since and --until go with --log'
	run -2 --separate-stderr checkin --quiet
	assert_equal "$stderr" 'checkin: --quiet goes with --due'
	run -2 --separate-stderr checkin --due mood=5
	assert_equal "$stderr" 'checkin: ratings, --at, --edit and --output are for recording a check-in'
	run -2 --separate-stderr checkin --due --log
	assert_equal "${stderr_lines[0]}" 'checkin: choose one of --due, --remind, --log, --items, --plan'
}

@test "checkin: --items lists the items" {
	run -0 checkin --items
	assert_output "$(printf '%s\n' \
	    'name	min	max	better	question' \
	    'mood	0	10	high	Mood' \
	    'trust	0	10	high	Trust in my relationship today' \
	    'safety	0	10	high	How safe I feel' \
	    'distress	0	10	low	Distress' \
	    'arousal	-2	2	mid	Window of tolerance')"
}

@test "checkin: items.csv adds an item; the log gains a column and keeps every cell" {
	checkin --at 2026-11-22T08:00 mood=5 note='before, with a comma'
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,question,min,max,better,low,high' \
	    'sleep,Hours of sleep,0,14,high,none,fourteen' >"$STEADY_CONFIG/items.csv"
	run -0 checkin mood=6 sleep=7
	run -0 cat "$(log)"
	assert_output "$HDR,sleep
2026-11-22T08:00:00+01:00,5,,,,,\"before, with a comma\",
2026-11-23T07:30:00+01:00,6,,,,,,7"
	run -0 stat -c %a "$(log)"
	assert_output '600'
}

@test "checkin: an item removed from items.csv keeps its column" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'sleep,0,14' >"$STEADY_CONFIG/items.csv"
	checkin --at 2026-11-22T08:00 sleep=7
	rm "$STEADY_CONFIG/items.csv"
	run -0 checkin mood=6
	run -0 cat "$(log)"
	assert_output "ts,mood,trust,safety,distress,arousal,sleep,note
2026-11-22T08:00:00+01:00,,,,,,7,
2026-11-23T07:30:00+01:00,6,,,,,,"
}

@test "checkin: a bad items.csv is reported with file:line" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'Sleep,0,14' >"$STEADY_CONFIG/items.csv"
	run -1 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/items.csv:2: the item name \"Sleep\" should be lower-case letters, digits and _ starting with a letter"
}

@test "checkin: adding a column refuses a log with a broken row, changing nothing" {
	mkdir -p "$STEADY_DIR" "$STEADY_CONFIG"
	printf '%s\n%s\n' "$HDR" '2026-11-21T08:00:00+01:00,4' >"$(log)"
	cp "$(log)" "$BATS_TEST_TMPDIR/before"
	printf '%s\n%s\n' 'name,min,max' 'sleep,0,14' >"$STEADY_CONFIG/items.csv"
	run -1 --separate-stderr checkin sleep=7
	assert_equal "$stderr" "checkin: $(log):2: has 2 fields, the header has 7; the log needs a new column for \"sleep\", so this line has to be put right first; nothing was saved"
	run -0 cmp "$(log)" "$BATS_TEST_TMPDIR/before"
}

@test "checkin: a low safety rating shows the safety plan and still saves" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run -0 --separate-stderr checkin safety=2
	assert_output ''
	[[ $stderr == *"Your check-in is saved. Things may feel unsafe right now"* ]]
	[[ $stderr == *"Call Sam. Walk to the park."* ]]
	[[ $stderr == *"If you need someone now, people are there to talk to:"* ]]
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,,,2,,,'
}

@test "checkin: a safety rating above the threshold shows nothing" {
	run -0 --separate-stderr checkin safety=3
	assert_equal "$stderr" ''
}

@test "checkin: the safety threshold is set in settings.csv" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,value' 'safety_threshold,4' >"$STEADY_CONFIG/settings.csv"
	run -0 --separate-stderr checkin safety=4
	[[ $stderr == *"Things may feel unsafe right now"* ]]
}

@test "checkin: a note that reads as acute risk shows the plan" {
	run -0 --separate-stderr checkin mood=2 note="I want to die"
	[[ $stderr == *"Things may feel unsafe right now"* ]]
	run -0 --separate-stderr checkin mood=2 note="Some days I can't go on like this"
	[[ $stderr == *"Things may feel unsafe right now"* ]]
}

@test "checkin: ordinary notes do not show the plan" {
	local note
	for note in "I want to dye my hair" "the deadline is killing me at work" \
	    "we talked about ending the argument early" "safe at home tonight"; do
		run -0 --separate-stderr checkin mood=6 note="$note"
		assert_equal "$stderr" ''
	done
}

@test "checkin: risk.csv adds a risk pattern" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,pattern' 'drive,\bdrive off\b' >"$STEADY_CONFIG/risk.csv"
	run -0 --separate-stderr checkin note="I thought about how to drive off"
	[[ $stderr == *"Things may feel unsafe right now"* ]]
}

@test "checkin: crisis lines follow the country setting" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,value' 'country,us' >"$STEADY_CONFIG/settings.csv"
	run -0 checkin --plan
	assert_line '  United States: call or text 988 (Suicide & Crisis Lifeline), or text HOME to 741741.'
	assert_line '  (These lines were last checked in 2025.)'
	refute_line --partial 'Samaritans'
}

@test "checkin: crisis lines follow the locale's country" {
	LC_ALL= LANG=en_GB.UTF-8 run -0 checkin --plan
	assert_line '  United Kingdom: call Samaritans on 116 123, or text 85258.'
	refute_line --partial '988'
}

@test "checkin: with no country known, every line and the emergency number show" {
	run -0 checkin --plan
	assert_line '  If you are in danger right now, call your local emergency number'
	assert_line --partial '988'
	assert_line --partial 'Samaritans'
	assert_line '  (These lines were last checked in 2025.)'
}

@test "checkin: crisis.txt replaces the built-in lines" {
	mkdir -p "$STEADY_CONFIG"
	printf 'My clinic: 555 0100\n' >"$STEADY_CONFIG/crisis.txt"
	run -0 checkin --plan
	assert_line 'My clinic: 555 0100'
	refute_line --partial 'Samaritans'
}

@test "checkin: a log that is a symbolic link is refused" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n' "$HDR" >"$BATS_TEST_TMPDIR/elsewhere.csv"
	ln -s "$BATS_TEST_TMPDIR/elsewhere.csv" "$(log)"
	run -1 --separate-stderr checkin mood=5
	assert_equal "$stderr" "checkin: $(log): is a symbolic link; steady will not write through it; nothing was saved"
	run -0 cat "$BATS_TEST_TMPDIR/elsewhere.csv"
	assert_output "$HDR"
}

@test "checkin: files are 0600 and directories 0700 even under umask 000" {
	STEADY_DIR=$BATS_TEST_TMPDIR/new/data
	umask 000
	run -0 checkin mood=5
	run -0 stat -c %a "$STEADY_DIR" "$BATS_TEST_TMPDIR/new" "$(log)"
	assert_output $'700\n700\n600'
}

@test "checkin: a torn last line is reported and never appended onto" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n%s' "$HDR" '2026-11-22T08:00:00+01:00,5,,,' >"$(log)"
	cp "$(log)" "$BATS_TEST_TMPDIR/before"
	run -1 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: $(log):2: the last line is incomplete (no newline at its end); nothing was saved"
	run -0 cmp "$(log)" "$BATS_TEST_TMPDIR/before"
}

@test "checkin: a header-only log gets the record appended" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n' "$HDR" >"$(log)"
	run -0 checkin mood=6
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,,,,,"
}

@test "checkin: an empty log gets the header and the record" {
	mkdir -p "$STEADY_DIR"
	: >"$(log)"
	run -0 checkin mood=6
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,,,,,"
}

@test "checkin: a TSV log is appended to as TSV" {
	mkdir -p "$STEADY_DIR"
	printf 'ts\tmood\ttrust\tsafety\tdistress\tarousal\tnote\n' >"$(log)"
	run -0 checkin mood=6 note='tab	inside'
	run -0 tail -n 1 "$(log)"
	assert_output $'2026-11-23T07:30:00+01:00\t6\t\t\t\t\ttab\\tinside'
}

@test "checkin: a file that is not a check-in log is refused" {
	mkdir -p "$STEADY_DIR"
	printf 'when,what\n' >"$(log)"
	run -1 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: $(log):1: this is not a check-in log (it has no ts column); nothing was saved"
}

@test "checkin: 50 concurrent writers leave 50 whole records and one header" {
	local i
	for i in $(seq 1 50); do
		checkin mood=$((i % 11)) note="writer $i" &
	done
	wait
	run -0 grep -c '^ts,' "$(log)"
	assert_output '1'
	run -0 wc -l <"$(log)"
	assert_output '51'
	run -0 sh -c "cut -d, -f7 '$(log)' | grep -c '^writer [0-9]*\$'"
	assert_output '50'
	run -0 sh -c "cut -d, -f7 '$(log)' | sort -u | wc -l"
	assert_output '51'
}

@test "checkin: a writer waits for another writer's lock" {
	checkin --at 2026-11-22T08:00 mood=5
	flock "$(log)" sleep 1 &
	sleep 0.2
	run -0 checkin mood=6
	wait
	run -0 wc -l <"$(log)"
	assert_output '3'
}

@test "checkin: a write that cannot complete leaves the log as it was" {
	checkin --at 2026-11-22T08:00 mood=5
	cp "$(log)" "$BATS_TEST_TMPDIR/before"
	local size
	size=$(stat -c %s "$(log)")
	# The limit would cut a file on stderr too, so stderr goes down a pipe.
	run -1 bash -c "set -o pipefail; prlimit --fsize=$((size + 10)) \
	    checkin mood=6 note='a note long enough not to fit' 2>&1 | cat"
	assert_output "checkin: $(log): could not write: File too large; nothing was saved"
	run -0 cmp "$(log)" "$BATS_TEST_TMPDIR/before"
}

@test "checkin: writing to a full stdout fails with exit 1" {
	run -1 --separate-stderr sh -c 'checkin -o - mood=5 >/dev/full'
	assert_equal "$stderr" 'checkin: write error: No space left on device'
	checkin mood=5
	run -1 --separate-stderr sh -c 'checkin --log >/dev/full'
	assert_equal "$stderr" 'checkin: write error: No space left on device'
}

@test "checkin: a bad STEADY_NOW is an error" {
	STEADY_NOW=yesterdayish run -1 --separate-stderr checkin mood=5
	assert_regex "$stderr" '^checkin: STEADY_NOW: '
}

@test "checkin: on a terminal it asks each item, then a note, and saves" {
	run_pty '
		expect "Mood (0 very low .. 10 very good): "
		send "6\r"
		expect "Trust in my relationship today (0 none at all .. 10 complete): "
		send "4\r"
		expect "How safe I feel (0 not safe at all .. 10 completely safe): "
		send "8\r"
		expect "Distress (0 calm .. 10 overwhelming): "
		send "3\r"
		expect "Window of tolerance (-2 shut down, numb .. 0 within my window .. +2 flooded, on edge): "
		send "0\r"
		expect "A note, if you like (Enter to skip): "
		send "slept well\r"
	' checkin
	assert_success
	assert_line 'Check-in for 2026-11-23 at 07:30.'
	assert_line 'Saved: mood 6, trust 4, safety 8, distress 3, arousal 0, and a note.'
	run -0 cat "$(log)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,4,8,3,0,slept well"
}

@test "checkin: on a terminal Enter skips an item and an out-of-range answer is asked again" {
	run_pty '
		expect "Mood ("
		send "11\r"
		expect "Please give a whole number from 0 to 10, or press Enter to skip."
		expect "Mood ("
		send "7\r"
		expect "Trust"
		send "\r"
		expect "How safe"
		send "\r"
		expect "Distress"
		send "\r"
		expect "Window"
		send "+1\r"
		expect "A note"
		send "\r"
	' checkin
	assert_success
	assert_line 'Saved: mood 7, arousal 1.'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,7,,,,1,'
}

@test "checkin: on a terminal skipping everything saves nothing, kindly" {
	run_pty '
		foreach q {Mood Trust "How safe" Distress Window "A note"} {
			expect $q
			send "\r"
		}
	' checkin
	assert_success
	assert_line 'Nothing was entered, so nothing was saved. You can check in whenever you like.'
	assert [ ! -e "$(log)" ]
}

@test "checkin: Ctrl-C at a prompt saves nothing and exits 130" {
	run_pty '
		expect "Mood ("
		send "6\r"
		expect "Trust"
		send "\003"
	' checkin
	assert_failure 130
	assert_line 'Stopped. Nothing was saved.'
	assert [ ! -e "$(log)" ]
}

@test "checkin: end of input at a prompt saves nothing" {
	run_pty '
		expect "Mood ("
		send "6\r"
		expect "Trust"
		send "4\r"
		expect "How safe"
		send "\004"
	' checkin
	assert_failure 1
	assert_line 'Nothing was saved.'
	assert [ ! -e "$(log)" ]
}

@test "checkin: a closed terminal saves nothing" {
	run_pty '
		expect "Mood ("
		send "6\r"
		expect "Trust"
		close
	' checkin
	assert_failure
	assert [ ! -e "$(log)" ]
}

@test "checkin: ? at a prompt shows the safety plan, then asks again" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Breathe out slowly. Call Sam.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run_pty '
		expect "Mood ("
		send "?\r"
		expect "Breathe out slowly. Call Sam."
		expect "Mood ("
		send "\003"
	' checkin
	assert_failure 130
	assert_line 'If you need someone now, people are there to talk to:'
}

@test "checkin: a low safety answer on a terminal shows the plan after saving" {
	run_pty '
		expect "Mood ("
		send "\r"
		expect "Trust"
		send "\r"
		expect "How safe"
		send "1\r"
		expect "Distress"
		send "\r"
		expect "Window"
		send "\r"
		expect "A note"
		send "\r"
		expect "people are there to talk to"
	' checkin
	assert_success
	assert_line 'Saved: safety 1.'
	assert_line 'Your check-in is saved. Things may feel unsafe right now, so here is your plan and people'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,,,1,,,'
}

@test "checkin: --edit writes the note in the editor" {
	cat >"$BATS_TEST_TMPDIR/editor" <<-'SH'
		#!/bin/sh
		printf 'first line\nsecond line\n# a comment\n' >"$1"
	SH
	chmod +x "$BATS_TEST_TMPDIR/editor"
	EDITOR=$BATS_TEST_TMPDIR/editor run_pty '
		foreach q {Mood Trust "How safe" Distress Window} {
			expect $q
			send "\r"
		}
	' checkin --edit
	assert_success
	assert_line 'Saved: a note.'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,,,,,,first line\nsecond line'
}

@test "checkin: a log path that cannot exist is an error naming it" {
	run -1 --separate-stderr checkin -o /dev/null/checkin.csv mood=5
	assert_equal "$stderr" 'checkin: /dev/null: not a directory; nothing was saved'
}

@test "checkin: quoted commas and quotes round-trip through the log" {
	checkin mood=1 note='a, "quoted" word'
	run -0 checkin --log
	assert_output "$HDR
2026-11-23T07:30:00+01:00,1,,,,,\"a, \"\"quoted\"\" word\""
	run -1 checkin --due
}

@test "checkin: a log with an unclosed quote is reported with file:line" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n%s\n' "$HDR" '"2026-11-21T08:00:00+01:00,4,,,,,' >"$(log)"
	run -1 --separate-stderr checkin --log
	assert_output "$HDR"
	assert_equal "$stderr" "checkin: $(log):2: a quote is not closed"
}

@test "checkin: a CRLF log with a BOM is read" {
	mkdir -p "$STEADY_DIR"
	printf '\357\273\277%s\r\n%s\r\n' "$HDR" '2026-11-23T06:00:00+01:00,4,,,,,' >"$(log)"
	run -1 checkin --due
	run -0 checkin --log
	assert_output "$HDR
2026-11-23T06:00:00+01:00,4,,,,,"
}

@test "checkin: items.csv may not reuse the names ts and note" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'note,0,3' >"$STEADY_CONFIG/items.csv"
	run -1 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/items.csv:2: \"note\" is a column of every check-in; give the item another name"
}

@test "checkin: --due answers 2, not 1, when it cannot tell" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'sleep,9,1' >"$STEADY_CONFIG/items.csv"
	run -2 --separate-stderr checkin --due
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/items.csv:2: sleep needs whole numbers min < max (between -1000000 and 1000000)"
	rm "$STEADY_CONFIG/items.csv"
	mkdir -p "$STEADY_DIR"
	printf 'when,what\n' >"$(log)"
	run -2 checkin --remind
}

@test "checkin: a broken risk.csv still leaves the built-in patterns on" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,pattern' 'mine,(' >"$STEADY_CONFIG/risk.csv"
	run -0 --separate-stderr checkin note="I want to die"
	assert_equal "${stderr_lines[0]}" "checkin: $STEADY_CONFIG/risk.csv:2: mine: at offset 1: missing closing parenthesis; using the built-in patterns"
	[[ $stderr == *"Things may feel unsafe right now"* ]]
}

@test "checkin: the safety threshold follows the safety item's own scale" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'safety,0,100' >"$STEADY_CONFIG/items.csv"
	printf '%s\n%s\n' 'name,value' 'safety_threshold,20' >"$STEADY_CONFIG/settings.csv"
	run -0 --separate-stderr checkin safety=15
	[[ $stderr == *"Things may feel unsafe right now"* ]]
	run -0 --separate-stderr checkin safety=21
	assert_equal "$stderr" ''
	printf '%s\n%s\n' 'name,value' 'safety_threshold,-1' >"$STEADY_CONFIG/settings.csv"
	run -0 --separate-stderr checkin safety=0
	assert_equal "$stderr" ''
}

@test "checkin: --edit with operands is a usage error" {
	run -2 --separate-stderr checkin --edit mood=5
	assert_equal "$stderr" 'checkin: --edit is for writing the note on a terminal; with operands, give note=TEXT'
}

@test "checkin: adding a column keeps the mode the log had" {
	checkin --at 2026-11-22T08:00 mood=5
	chmod 640 "$(log)"
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'sleep,0,14' >"$STEADY_CONFIG/items.csv"
	run -0 checkin sleep=7
	run -0 stat -c %a "$(log)"
	assert_output '640'
}
