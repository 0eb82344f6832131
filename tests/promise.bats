#!/usr/bin/env bats
# promise: the shared record a couple keeps, the private urge log, and
# how report reads the record beside the trust rating.

load helper

HDR='ts,kind,id,who,what,by,ahead,note'
USAGE='usage: promise make [-a time] [-f file] [-o file] [what] [by=when] [who=name]'

shared() {
	printf '%s/promise.csv\n' "$STEADY_DIR"
}

urges() {
	printf '%s/urges.csv\n' "$STEADY_DIR"
}

# Two weeks: check-ins with a trust rating, and a record of promises.
fortnight() {
	local d
	for d in 09 10 11 12 13 14 15 16 17 18 19 20 21 22; do
		checkin --at "2026-11-${d}T21:00" trust=$((10#$d / 3))
	done
	promise make -a 2026-11-09T08:00 'home by six' by=2026-11-09T18:00
	promise kept -a 2026-11-09T18:00 1
	promise make -a 2026-11-10T08:00 'call at lunch' by=2026-11-10T13:00
	promise renegotiated -a 2026-11-10T11:00 2 by=2026-11-10T15:00
	promise kept -a 2026-11-10T15:00 2
	promise make -a 2026-11-16T08:00 'pick up the kids' by=2026-11-16T16:00
	promise missed -a 2026-11-16T17:00 3
	promise make -a 2026-11-17T08:00 'text when leaving' by=2026-11-17T17:00
	promise renegotiated -a 2026-11-17T18:00 4 by=2026-11-17T19:00
	promise offered -a 2026-11-18T20:00 'showed the message'
	promise talked -a 2026-11-19T20:00
}

@test "promise: --help prints the usage and exits 0" {
	run -0 promise --help
	assert_line --index 0 "$USAGE"
	assert_line 'Keep a shared record, together, of the small acts that rebuild trust:'
}

@test "promise: --version prints the version" {
	run -0 promise --version
	assert_output 'promise (steady) 0.1.0'
}

@test "promise: an unknown option is a usage error (2)" {
	run -2 --separate-stderr promise --bogus
	assert_equal "${stderr_lines[0]}" 'promise: --bogus is not an option'
	assert_equal "${stderr_lines[1]}" "$USAGE"
	run -2 --separate-stderr promise make -a
	assert_equal "${stderr_lines[0]}" 'promise: -a needs a value'
}

@test "promise: no command, or an unknown one, is a usage error" {
	run -2 --separate-stderr promise
	assert_equal "${stderr_lines[0]}" 'promise: say what to record: make, kept, renegotiated, missed, offered, talked or urge (or open to list, correct or withdraw to put a line right)'
	run -2 --separate-stderr promise promised x
	assert_equal "${stderr_lines[0]}" 'promise: promised: choose make, kept, renegotiated, missed, offered, talked, urge, open, correct or withdraw'
}

@test "promise: make records a numbered promise without asking" {
	run -0 promise make 'home by six' by=18:00 who=Sam
	assert_output ''
	run -0 cat "$(shared)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,made,1,Sam,home by six,2026-11-23T18:00:00+01:00,,"
	run -0 stat -c %a "$(shared)"
	assert_output '600'
}

@test "promise: promises are numbered in turn and open lists those still open" {
	promise make 'home by six' by=18:00
	promise make 'call at lunch'
	promise make 'tell you about the dinner'
	promise kept 2
	run -0 promise open
	assert_output "id	by	what
1	2026-11-23T18:00:00+01:00	home by six
3	-	tell you about the dinner"
}

@test "promise: kept copies the promise's words into its line" {
	promise make 'home by six' by=18:00
	run -0 promise kept 1 note='on time'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,kept,1,,home by six,,,on time'
}

@test "promise: a promise already kept, or one that does not exist, is refused" {
	promise make 'home by six'
	promise kept 1
	run -1 --separate-stderr promise missed 1
	assert_equal "$stderr" "promise: $(shared): promise 1 is already recorded as kept; nothing was saved"
	run -1 --separate-stderr promise kept 7
	assert_equal "$stderr" "promise: $(shared): there is no promise 7; nothing was saved"
	run -0 wc -l <"$(shared)"
	assert_output '3'
}

@test "promise: an id that is not a number is a usage error" {
	run -2 --separate-stderr promise kept first
	assert_equal "$stderr" 'promise: first: a promise is named by its number, as promise open lists them'
}

@test "promise: renegotiated ahead of the time moves the time and keeps it open" {
	promise make 'call at lunch' by=13:00
	run -0 promise renegotiated 1 by=15:00 note='meeting ran long'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,renegotiated,1,,call at lunch,2026-11-23T15:00:00+01:00,yes,meeting ran long'
	run -0 promise open
	assert_line '1	2026-11-23T15:00:00+01:00	call at lunch'
}

@test "promise: renegotiated after the time had passed is saved with ahead=no" {
	promise make -a 2026-11-22T08:00 'home by six' by=2026-11-22T18:00
	run -0 promise renegotiated 1 by=20:00
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,renegotiated,1,,home by six,2026-11-23T20:00:00+01:00,no,'
}

@test "promise: missed closes a promise" {
	promise make 'pick up the kids' by=16:00
	run -0 promise missed 1 note='lost track of time; an alarm would help'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,missed,1,,pick up the kids,,,lost track of time; an alarm would help'
	run -0 promise open
	assert_output 'id	by	what'
}

@test "promise: offered needs its words; talked needs nothing" {
	run -2 --separate-stderr promise offered </dev/null
	assert_equal "$stderr" 'promise: promise offered needs a few words: what was shared'
	run -0 promise offered 'told you J called' who=Sam
	run -0 promise talked </dev/null
	run -0 cat "$(shared)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,offered,,Sam,told you J called,,,
2026-11-23T07:30:00+01:00,talked,,,,,,"
}

@test "promise: make without words, and without a terminal, is a usage error" {
	run -2 --separate-stderr promise make by=18:00 </dev/null
	assert_equal "$stderr" 'promise: promise make needs a few words: what is promised'
	assert [ ! -e "$(shared)" ]
}

@test "promise: a field a command does not take is refused" {
	run -2 --separate-stderr promise kept 1 strength=4
	assert_equal "$stderr" 'promise: strength=: promise kept takes no strength'
	run -2 --separate-stderr promise make a who=x who=y
	assert_equal "$stderr" 'promise: who is given twice'
}

@test "promise: a time that does not read is a usage error" {
	run -2 --separate-stderr promise make 'home by six' by=six
	assert_equal "$stderr" 'promise: by=six: "six" is not a date and time (use 2026-11-23 or 2026-11-23T07:30)'
	run -2 --separate-stderr promise make -a 2026-11-24T08:00 x
	assert_equal "$stderr" 'promise: --at 2026-11-24T08:00: that is in the future'
}

@test "promise: an urge goes to the person's own log, never the shared one" {
	run -0 promise urge 'check the phone' strength=6 helped='a walk'
	run -0 cat "$(urges)"
	assert_output 'ts,strength,urge,helped,note
2026-11-23T07:30:00+01:00,6,check the phone,a walk,'
	assert [ ! -e "$(shared)" ]
	run -0 stat -c %a "$(urges)"
	assert_output '600'
}

@test "promise: an urge with --file is refused, and the shared file is left alone" {
	run -2 --separate-stderr promise urge -f "$BATS_TEST_TMPDIR/ours.csv" x
	assert_equal "$stderr" 'promise: an urge is kept in your own log, never the shared record: leave out --file'
	assert [ ! -e "$BATS_TEST_TMPDIR/ours.csv" ]
}

@test "promise: an urge's strength runs from 0 to 10" {
	run -2 --separate-stderr promise urge strength=11
	assert_equal "$stderr" 'promise: strength=11: strength is a whole number from 0 to 10'
	run -2 --separate-stderr promise urge </dev/null
	assert_equal "$stderr" 'promise: nothing to record: give the urge, its strength or a note'
}

@test "promise: --file names the shared record" {
	run -0 promise make -f "$BATS_TEST_TMPDIR/ours.csv" 'home by six'
	run -0 promise kept -f "$BATS_TEST_TMPDIR/ours.csv" 1
	run -0 wc -l <"$BATS_TEST_TMPDIR/ours.csv"
	assert_output '3'
	assert [ ! -e "$(shared)" ]
}

@test "promise: promise_file in settings.csv names the shared record" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,value\npromise_file,%s\n' "$BATS_TEST_TMPDIR/ours.csv" \
	    >"$STEADY_CONFIG/settings.csv"
	promise make 'home by six'
	promise urge x
	run -0 promise open
	assert_output 'id	by	what
1	-	home by six'
	assert [ -e "$BATS_TEST_TMPDIR/ours.csv" ]
	assert [ ! -e "$(shared)" ]
	assert [ -e "$(urges)" ]
}

@test "promise: -o - writes the record to standard output and saves nothing" {
	promise make 'home by six'
	run -0 promise -o - make 'call at lunch'
	assert_output "$HDR
2026-11-23T07:30:00+01:00,made,2,,call at lunch,,,"
	run -0 wc -l <"$(shared)"
	assert_output '2'
}

@test "promise: -o FILE writes there, numbered from the shared record" {
	promise make 'home by six'
	run -0 promise kept -o "$BATS_TEST_TMPDIR/copy.csv" 1
	run -0 cat "$BATS_TEST_TMPDIR/copy.csv"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,kept,1,,home by six,,,"
	run -0 promise open
	assert_line '1	-	home by six'
	run -1 --separate-stderr promise kept -o "$BATS_TEST_TMPDIR/copy.csv" 4
	assert_equal "$stderr" "promise: $(shared): there is no promise 4; nothing was saved"
}

@test "promise: commas, quotes, newlines and backslashes round-trip" {
	promise make $'home by six, "really"\nand a \\ too'
	promise kept 1
	run -0 cat "$(shared)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,made,1,,\"home by six, \"\"really\"\"\\nand a \\\\ too\",,,
2026-11-23T07:30:00+01:00,kept,1,,\"home by six, \"\"really\"\"\\nand a \\\\ too\",,,"
}

@test "promise: open keeps each promise on one line" {
	promise make $'home by six\nand\ta \\ call'
	run -0 promise open
	assert_output 'id	by	what
1	-	home by six\nand\ta \\ call'
}

@test "promise: a file that is not a shared record is refused with file:1" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n2026-11-20T08:00:00+01:00,5\n' >"$(shared)"
	chmod 600 "$(shared)"
	run -1 --separate-stderr promise make x
	assert_equal "$stderr" "promise: $(shared):1: this is not a shared promise record (it has no ts, kind and id columns); nothing was saved"
	run -1 --separate-stderr promise open
	assert_equal "$stderr" "promise: $(shared):1: this is not a shared promise record (it has no ts, kind and id columns)"
}

@test "promise: a record without the newer columns is given them first" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,kind,id,what,by\n2026-11-20T08:00:00+01:00,made,1,home by six,\n' >"$(shared)"
	chmod 640 "$(shared)"
	run -0 promise kept 1
	run -0 cat "$(shared)"
	assert_output 'ts,kind,id,what,by,who,ahead,note
2026-11-20T08:00:00+01:00,made,1,home by six,,,,
2026-11-23T07:30:00+01:00,kept,1,home by six,,,,'
	run -0 stat -c %a "$(shared)"
	assert_output '640'
}

@test "promise: a row that cannot be read is named and the rest still count" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n2026-11-20T08:00:00+01:00,made,1,,a,,\n2026-11-20T09:00:00+01:00,made,2,,b,,,\n' "$HDR" >"$(shared)"
	run -0 --separate-stderr promise open
	assert_equal "$stderr" "promise: $(shared):2: has 7 fields, the header has 8"
	assert_output 'id	by	what
2	-	b'
}

@test "promise: a symbolic link for the record is refused" {
	mkdir -p "$STEADY_DIR"
	ln -s "$BATS_TEST_TMPDIR/elsewhere.csv" "$(shared)"
	run -1 --separate-stderr promise make x
	assert [ ! -e "$BATS_TEST_TMPDIR/elsewhere.csv" ]
	[[ $stderr == *"nothing was saved" ]]
}

@test "promise: an empty record lists nothing" {
	run -0 promise open
	assert_output 'id	by	what'
	mkdir -p "$STEADY_DIR"
	printf '%s\n' "$HDR" >"$(shared)"
	run -0 promise open
	assert_output 'id	by	what'
}

@test "promise: writing to a full disk fails with 1" {
	promise make x
	run -1 --separate-stderr sh -c 'promise open >/dev/full'
	assert_equal "$stderr" 'promise: write error: No space left on device'
	run -1 --separate-stderr sh -c 'promise -o - make y >/dev/full'
}

@test "promise: words that read as risk show the safety plan and still save" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run -1 --separate-stderr promise missed 1 note='I want to die'
	[[ $stderr == *"nothing was saved"*"Call Sam. Walk to the park."* ]]
	run -0 promise make 'home by six'
	run -0 --separate-stderr promise missed 1 note='I want to die'
	[[ $stderr == *"It is saved. Some of what you wrote sounds like things may feel unsafe"* ]]
	[[ $stderr == *"Call Sam. Walk to the park."* ]]
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,missed,1,,home by six,,,I want to die'
}

@test "promise: -p shows the safety plan" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run -0 promise -p
	assert_line 'Call Sam. Walk to the park.'
}

@test "promise: on a terminal make asks what, by when, who and a note" {
	run_pty '
		expect "What is the promise, in a few plain words? "
		send "home by six\r"
		expect "By when (18:00, 2026-11-24T18:00, or Enter for no set time)? "
		send "six\r"
		expect "Try 18:00"
		expect "By when"
		send "18:00\r"
		expect "Who (a first name, if you like)? "
		send "Sam\r"
		expect "A note, if you like: "
		send "\r"
	' promise make
	assert_success
	assert_line 'Saved promise 1: home by six, by 2026-11-23T18:00:00+01:00.'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,made,1,Sam,home by six,2026-11-23T18:00:00+01:00,,'
}

@test "promise: on a terminal kept shows the open promises and asks which" {
	promise make 'home by six' by=18:00
	promise make 'call at lunch'
	run_pty '
		expect "Which one (its number)? "
		send "2\r"
		expect "Who"
		send "\r"
		expect "A note"
		send "\r"
	' promise kept
	assert_success
	assert_line 'The open promises:'
	assert_line '1	2026-11-23T18:00:00+01:00	home by six'
	assert_line '2	-	call at lunch'
	assert_line 'Saved: promise 2 kept.'
}

@test "promise: on a terminal with nothing open, kept saves nothing, kindly" {
	run_pty '' promise kept
	assert_success
	assert_line 'There are no open promises in the shared record.'
	assert_line 'Nothing was entered, so nothing was saved.'
	assert [ ! -e "$(shared)" ]
}

@test "promise: on a terminal a late renegotiation says what the record shows" {
	promise make -a 2026-11-22T08:00 'home by six' by=2026-11-22T18:00
	run_pty '
		expect "Which one"
		send "1\r"
		expect "The new time"
		send "20:00\r"
		expect "Who"
		send "\r"
		expect "A note"
		send "\r"
	' promise renegotiated
	assert_success
	assert_line 'Saved: promise 1 renegotiated.'
	assert_line 'Its time had already passed, so the shared record counts that time as missed;'
}

@test "promise: ? at a question shows the safety plan and asks again" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run_pty '
		expect "What was the urge"
		send "?\r"
		expect "Call Sam. Walk to the park."
		expect "What was the urge"
		send "check the phone\r"
		expect "How strong"
		send "5\r"
		expect "What helped"
		send "breathing\r"
		expect "A note"
		send "\r"
	' promise urge
	assert_success
	assert_line 'This goes to your own log only, never the shared record.'
	assert_line 'Saved to your own urge log.'
	run -0 tail -n 1 "$(urges)"
	assert_output '2026-11-23T07:30:00+01:00,5,check the phone,breathing,'
}

@test "promise: on a terminal an urge with nothing entered saves nothing" {
	run_pty '
		foreach q {"What was the urge" "How strong" "What helped" "A note"} {
			expect $q
			send "\r"
		}
	' promise urge
	assert_success
	assert_line 'Nothing was entered, so nothing was saved.'
	assert [ ! -e "$(urges)" ]
}

@test "promise: Ctrl-C at a question saves nothing and exits 130" {
	run_pty '
		expect "What is the promise"
		send "home by six\r"
		expect "By when"
		send "\003"
	' promise make
	assert_failure 130
	assert_line 'Stopped. Nothing was saved.'
	assert [ ! -e "$(shared)" ]
}

@test "promise: end of input at a question saves nothing" {
	run_pty '
		expect "What did you share"
		send "\004"
	' promise offered
	assert_failure 1
	assert_line 'Nothing was saved.'
	assert [ ! -e "$(shared)" ]
}

@test "promise: withdraw takes back a kept, and the promise is open again" {
	promise make 'home by six' by=18:00
	promise make 'call at lunch'
	promise kept 1
	run -0 --separate-stderr promise withdraw kept 1
	assert_equal "$stderr" 'Withdrawn: the promise kept on line 4 no longer counts; it stays in the
log as written.'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,kept,1,,,,,,withdraw'
	run -0 promise open
	assert_output "$(printf 'id\tby\twhat\n1\t2026-11-23T18:00:00+01:00\thome by six\n2\t-\tcall at lunch')"
	run -0 promise missed 1
	run -0 sh -c 'promise open | cut -f1'
	assert_output 'id
2'
	run -1 --separate-stderr promise withdraw kept 1
	assert_equal "$stderr" "promise: $(shared):5: the record for 1 is withdrawn already; nothing was saved"
}

@test "promise: correct puts a promise's words right where it was made" {
	promise make 'home by six' by=18:00
	promise make 'call at lunch'
	promise kept 1
	run -0 --separate-stderr promise correct make 1 what='home by seven' who=Sam
	assert_equal "$stderr" 'Corrected: the promise on line 2 is replaced by a new line at the end of
the log; the old one stays as written.'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,made,1,Sam,home by seven,2026-11-23T18:00:00+01:00,,,correct'
	# Counted where the promise was made, so it stays kept.
	run -0 sh -c 'promise open | cut -f1'
	assert_output 'id
2'
	run -0 promise correct made 2 by=13:00
	run -0 promise renegotiated 2 by=14:00
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,renegotiated,2,,call at lunch,2026-11-23T14:00:00+01:00,yes,,'
}

@test "promise: a promise taken back keeps its number from the next" {
	promise make 'home by six'
	run -0 promise withdraw made 1
	run -0 promise open
	assert_output "$(printf 'id\tby\twhat')"
	run -0 promise make 'call at lunch'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,made,2,,call at lunch,,,,'
}

@test "promise: a line without a number is named by its time" {
	promise offered -a 07:00 'showed the message'
	promise offered 'told you J called'
	run -0 --separate-stderr promise withdraw offered 07:00
	assert_equal "$stderr" 'Withdrawn: the thing shared on line 2 no longer counts; it stays in the
log as written.'
	run -1 --separate-stderr promise withdraw talked 07:30
	assert_equal "$stderr" "promise: $(shared): there is no record for 2026-11-23T07:30; nothing was saved"
}

@test "promise: two renegotiations of one promise need the time of the one meant" {
	promise make -a 07:00 'call at lunch' by=13:00
	promise renegotiated -a 07:10 1 by=14:00
	promise renegotiated -a 07:20 1 by=15:00
	run -1 --separate-stderr promise withdraw renegotiated 1
	assert_equal "$stderr" "promise: $(shared):4: line 3 is for 1 too; give the time of the one you mean; nothing was saved"
	run -0 promise withdraw renegotiated 07:20
	run -0 sh -c 'promise open | cut -f2'
	assert_line --index 1 '2026-11-23T14:00:00+01:00'
}

@test "promise: an urge is put right in the person's own log" {
	promise urge 'check the phone' strength=7
	run -0 --separate-stderr promise correct urge 07:30 strength=5 helped='a walk'
	assert_equal "$stderr" 'Corrected: the urge on line 2 is replaced by a new line at the end of
the log; the old one stays as written.'
	run -0 tail -n 1 "$(urges)"
	assert_output '2026-11-23T07:30:00+01:00,5,check the phone,a walk,,correct'
	run -2 --separate-stderr promise correct urge 07:30 strength=11
	assert_equal "${stderr_lines[0]}" 'promise: strength=11: strength is a whole number from 0 to 10'
	run -2 --separate-stderr promise withdraw -f "$(shared)" urge 07:30
	assert_equal "$stderr" 'promise: an urge is kept in your own log, never the shared record: leave out --file'
	assert [ ! -e "$(shared)" ]
}

@test "promise: what says which line cannot be corrected, and the form is checked" {
	promise make 'home by six'
	run -2 --separate-stderr promise correct make 1 kind=kept
	assert_equal "${stderr_lines[0]}" 'promise: kind cannot be corrected: it says which record this is; withdraw the record and make it again'
	run -2 --separate-stderr promise correct make 1 ahead=yes
	assert_equal "${stderr_lines[0]}" 'promise: ahead cannot be corrected: it says whether a change came before its time'
	run -2 --separate-stderr promise correct make 1 by=soon
	assert_equal "${stderr_lines[0]}" 'promise: by=soon: "soon" is not a date and time (use 2026-11-23 or 2026-11-23T07:30)'
	run -2 --separate-stderr promise correct make 1
	assert_equal "${stderr_lines[0]}" "$USAGE"
	run -2 --separate-stderr promise withdraw make 1 what=x
	run -2 --separate-stderr promise withdraw -a 07:00 make 1
	run -2 --separate-stderr promise withdraw promised 1
	assert_equal "$stderr" 'promise: promised: say which kind of line: make, kept, renegotiated, missed, offered, talked or urge'
	run -0 cat "$(shared)"
	assert_output "$HDR
2026-11-23T07:30:00+01:00,made,1,,home by six,,,"
}

@test "promise: report leaves out a withdrawn kept and counts a corrected line once" {
	fortnight
	promise withdraw kept 1
	promise missed -a 2026-11-09T19:00 1
	promise correct offered 2026-11-18T20:00 what='showed the messages'
	run -0 report -f table "$(shared)" "$STEADY_DIR/checkin.csv"
	assert_line 'Promises made: 4; kept: 1; renegotiated ahead of time: 1; missed: 2. A time changed only after it had passed: 1 (shown with the missed; the promise went on).'
	assert_line 'Shared openly without being asked: 1 time. Check-ins held together: 1.'
	assert_line '2026-W46     2     1                   1       1              0                   0    3.7'
}

@test "promise: report shows the record week by week beside trust" {
	fortnight
	run -0 report -f table "$(shared)" "$STEADY_DIR/checkin.csv"
	assert_line 'A shared record, kept together: promises and how each went, things shared openly without being asked, and check-ins held. It tells of acts, not of who anyone is.'
	assert_line 'Promises made: 4; kept: 2; renegotiated ahead of time: 1; missed: 1. A time changed only after it had passed: 1 (shown with the missed; the promise went on).'
	assert_line 'Shared openly without being asked: 1 time. Check-ins held together: 1.'
	assert_line 'Trust is the mean trust rating of the check-ins for each week; a week with fewer than 4 days of check-ins is left blank. They show what went together, not what caused what.'
	assert_line 'week      made  kept  renegotiated ahead  missed  shared openly  check-ins together  trust'
	assert_line '2026-W46     2     2                   1       0              0                   0    3.7'
	assert_line '2026-W47     2     0                   0       2              1                   1    6.0'
}

@test "promise: report leaves trust blank in a thin week and says how to add it" {
	fortnight
	run -0 report -f table "$(shared)"
	assert_line 'To see the trust rating beside this record, name the check-in log that holds it as well.'
	assert_line '2026-W46     2     2                   1       0              0                   0'
	run -0 report -f table --since 2026-11-13 "$(shared)" "$STEADY_DIR/checkin.csv"
	assert_line '2026-W47     2     0                   0       2              1                   1    6.0'
	run -0 report -f table --since 2026-11-14 --until 2026-11-16 "$(shared)" "$STEADY_DIR/checkin.csv"
	assert_line '2026-W47     1     0                   0       1              0                   0'
}

@test "promise: report takes trust from the one other source with check-ins" {
	mkdir -p "$BATS_TEST_TMPDIR/us" "$BATS_TEST_TMPDIR/ana"
	fortnight
	mv "$(shared)" "$BATS_TEST_TMPDIR/us/promise.csv"
	mv "$STEADY_DIR/checkin.csv" "$BATS_TEST_TMPDIR/ana/checkin.csv"
	run -0 report -f table "$BATS_TEST_TMPDIR/us/promise.csv" "$BATS_TEST_TMPDIR/ana/checkin.csv"
	assert_line 'Trust is the mean trust rating of the check-ins in ana for each week; a week with fewer than 4 days of check-ins is left blank. They show what went together, not what caused what.'
	assert_line '2026-W46     2     2                   1       0              0                   0    3.7'
}

@test "promise: report sets both partners' trust beside the record" {
	local d
	mkdir -p "$BATS_TEST_TMPDIR/us" "$BATS_TEST_TMPDIR/ana" "$BATS_TEST_TMPDIR/sam"
	fortnight
	mv "$(shared)" "$BATS_TEST_TMPDIR/us/promise.csv"
	mv "$STEADY_DIR/checkin.csv" "$BATS_TEST_TMPDIR/ana/checkin.csv"
	for d in 16 17 18 19 20 21 22; do
		STEADY_DIR=$BATS_TEST_TMPDIR/sam checkin --at "2026-11-${d}T21:00" trust=8
	done
	cd "$BATS_TEST_TMPDIR"
	run -0 report -f table us/promise.csv ana/checkin.csv sam/checkin.csv
	assert_line 'Trust is the mean trust rating of the check-ins in ana and in sam, each in a column of its own for each week; a week with fewer than 4 days of check-ins is left blank. They show what went together, not what caused what.'
	refute_line --partial 'name the check-in log'
	assert_line 'week      made  kept  renegotiated ahead  missed  shared openly  check-ins together  trust ana  trust sam'
	assert_line '2026-W46     2     2                   1       0              0                   0        3.7'
	assert_line '2026-W47     2     0                   0       2              1                   1        6.0        8.0'
	run -0 sh -c 'report -f json us/promise.csv ana/checkin.csv sam/checkin.csv |
	    grep -o "{\"name\":\"trust[^}]*}" | tr "\n" " "'
	assert_output '{"name":"trust_mean_ana","numeric":true} {"name":"trust_days_ana","numeric":true} {"name":"trust_mean_sam","numeric":true} {"name":"trust_days_sam","numeric":true} '
	run -0 sh -c 'report -f json us/promise.csv ana/checkin.csv sam/checkin.csv |
	    grep -o "\[\"2026-W4[67]\"[^]]*\]"'
	assert_output '["2026-W46",2,2,1,0,0,0,3.7,7,null,0]
["2026-W47",2,0,0,2,1,1,6.0,7,8.0,7]'
}

@test "promise: report as CSV gives a count per act and week in the tidy table" {
	fortnight
	run -0 sh -c 'report -f csv "$1" | cut -d, -f3-7' sh "$(shared)"
	assert_output 'period,log,item,measure,n
,promises,2026-W46,made,2
,promises,2026-W46,kept,2
,promises,2026-W46,renegotiated_ahead,1
,promises,2026-W47,made,2
,promises,2026-W47,missed,1
,promises,2026-W47,offered,1
,promises,2026-W47,talked,1
,promises,2026-W47,renegotiated_late,1'
}

@test "promise: report --by week gives a row per week with that week's trust" {
	fortnight
	run -0 report -f table --by week "$(shared)" "$STEADY_DIR/checkin.csv"
	assert_line 'period    made  kept  renegotiated ahead  missed  shared openly  check-ins together  trust'
	assert_line '2026-W47     2     0                   0       2              1                   1    6.0'
}

@test "promise: report's partials merge to the same report" {
	fortnight
	report --partial "$(shared)" >"$BATS_TEST_TMPDIR/a.csv"
	report --partial "$STEADY_DIR/checkin.csv" >"$BATS_TEST_TMPDIR/b.csv"
	run -0 report -f table "$(shared)" "$STEADY_DIR/checkin.csv"
	local whole=$output
	run -0 report -f table --merge "$BATS_TEST_TMPDIR/a.csv" "$BATS_TEST_TMPDIR/b.csv"
	assert_equal "$output" "$whole"
}

@test "promise: report names a row of an unknown kind and exits 1" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n2026-11-20T08:00:00+01:00,made,1,,a,,,\n2026-11-20T09:00:00+01:00,promised,2,,b,,,\n' "$HDR" >"$(shared)"
	run -1 --separate-stderr report -f csv "$(shared)"
	assert_equal "${stderr_lines[0]}" "report: $(shared):3: kind is not one of made, kept, renegotiated, missed, offered, talked"
	assert_line 'data,,,promises,2026-W47,made,1,,,,,,,,,,,,'
}

@test "promise: report leaves the urge log out, even from a glob, unless --urges" {
	fortnight
	promise urge 'check the phone' strength=7
	run -0 --separate-stderr report -f csv "$STEADY_DIR"/*.csv
	assert_equal "$stderr" "report: $(urges): an urge log, left out as private (--urges reads it)"
	refute_output --partial 'strength'
	refute_output --partial 'urge'
	assert_output --partial ',promises,'
	run -0 --separate-stderr sh -c 'report -f csv <"$1"' sh "$(urges)"
	assert_equal "$stderr" 'report: (stdin): an urge log, left out as private (--urges reads it)'
	run -0 --separate-stderr report -f csv --urges "$(urges)"
	assert_equal "$stderr" ''
	assert_line --partial ',data,,strength,1,7,'
	mv "$(urges)" "$BATS_TEST_TMPDIR/notes.csv"
	run -0 --separate-stderr report -f csv "$BATS_TEST_TMPDIR/notes.csv"
	refute_output --partial 'strength'
}

@test "promise: report leaves out a withdrawn urge with --urges" {
	promise urge -a 07:00 'check the phone' strength=7
	promise urge 'look at the email' strength=4
	promise withdraw urge 07:00
	run -0 report -f csv --urges "$(urges)"
	assert_line --partial ',data,,strength,1,4,'
}

# Every EXAMPLES entry of promise(1).

@test "examples: a promise with a time, then its outcome (promise.1)" {
	run -0 promise make 'home by six' by=18:00 who=Sam
	run -0 promise kept 1
	run -0 cut -d, -f2,3,5 "$(shared)"
	assert_output 'kind,id,what
made,1,home by six
kept,1,home by six'
}

@test "examples: talking a promise over before its time (promise.1)" {
	promise make 'home by six'
	run -0 promise make 'call at lunch' by=13:00
	run -0 promise renegotiated 2 by=15:00 note='meeting ran long; said so at 11'
	run -0 tail -n 1 "$(shared)"
	assert_output '2026-11-23T07:30:00+01:00,renegotiated,2,,call at lunch,2026-11-23T15:00:00+01:00,yes,meeting ran long; said so at 11'
}

@test "examples: something shared, and a check-in held (promise.1)" {
	run -0 promise offered 'told you J called about work'
	run -0 promise talked note='twenty minutes after dinner'
	run -0 cut -d, -f2,5,8 "$(shared)"
	assert_output 'kind,what,note
offered,told you J called about work,
talked,,twenty minutes after dinner'
}

@test "examples: a kept taken back and marked missed (promise.1)" {
	promise make 'home by six' by=18:00
	promise kept 1
	run -0 --separate-stderr promise withdraw kept 1
	run -0 --separate-stderr promise missed 1 note='forgot; will set a reminder'
	run -0 cut -d, -f2,3,9 "$(shared)"
	assert_output 'kind,id,amend
made,1,
kept,1,
kept,1,withdraw
missed,1,'
	run -0 promise open
	assert_output "$(printf 'id\tby\twhat')"
}

@test "examples: the open promises, numbers only (promise.1)" {
	promise make 'home by six'
	promise make 'call at lunch'
	promise kept 1
	run -0 sh -c 'promise open | cut -f1 | tail -n +2'
	assert_output '2'
}

@test "examples: an urge in your own log only (promise.1)" {
	run -0 promise urge 'check the phone' strength=6 helped='went for a walk'
	run -0 cat "$(urges)"
	assert_line '2026-11-23T07:30:00+01:00,6,check the phone,went for a walk,'
	assert [ ! -e "$(shared)" ]
}

@test "examples: the record beside trust, as a table (promise.1)" {
	fortnight
	run -0 report -f table "$STEADY_DIR/promise.csv" "$STEADY_DIR/checkin.csv"
	assert_line '2026-W47     2     0                   0       2              1                   1    6.0'
}

@test "examples: a record in a folder you both sync (promise.1)" {
	mkdir -p "$STEADY_CONFIG" "$BATS_TEST_TMPDIR/Shared"
	printf 'name,value\npromise_file,%s\n' "$BATS_TEST_TMPDIR/Shared/promise.csv" >"$STEADY_CONFIG/settings.csv"
	run -0 promise make 'home by six'
	run -0 tail -n 1 "$BATS_TEST_TMPDIR/Shared/promise.csv"
	assert_output '2026-11-23T07:30:00+01:00,made,1,,home by six,,,'
}

# complete_promise WORD...: bash's candidates for "promise WORD...".
complete_promise() {
	source "$BATS_TEST_DIRNAME/../completions/promise.bash"
	COMP_WORDS=(promise "$@")
	COMP_CWORD=$#
	COMP_LINE="promise $*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_promise
	(IFS='|'; printf '%s\n' "${COMPREPLY[*]}")
}

@test "promise: bash completion offers the commands, open ids, then fields" {
	promise make 'home by six'
	promise make 'call at lunch'
	promise kept 1
	run -0 complete_promise re
	assert_output 'renegotiated'
	run -0 complete_promise kept ''
	assert_output '2'
	run -0 complete_promise renegotiated 2 ''
	assert_output 'by=|what=|who=|note='
	run -0 complete_promise urge s
	assert_output 'strength='
	run -0 complete_promise make --f
	assert_output '--file'
}

@test "promise: bash completion offers correct and withdraw, the kinds, then fields" {
	run -0 complete_promise w
	assert_output 'withdraw'
	run -0 complete_promise correct ''
	assert_output 'make|kept|renegotiated|missed|offered|talked|urge'
	run -0 complete_promise withdraw ke
	assert_output 'kept'
	run -0 complete_promise correct made 1 w
	assert_output 'what=|who='
	run -0 complete_promise correct urge 07:30 s
	assert_output 'strength='
	run -0 complete_promise withdraw kept 1 ''
	assert_output ''
}

@test "promise: zsh and fish completions load, and fish offers open ids" {
	promise make 'home by six'
	run -0 zsh -n "$BATS_TEST_DIRNAME/../completions/_promise"
	run -0 fish --no-execute "$BATS_TEST_DIRNAME/../completions/promise.fish"
	run -0 fish --no-config -c 'source $argv[1]; complete -C"promise kept "' \
	    "$BATS_TEST_DIRNAME/../completions/promise.fish"
	assert_output '1	home by six'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"promise ur"' \
	    "$BATS_TEST_DIRNAME/../completions/promise.fish"
	assert_output 'urge'
}

@test "promise: report sets trust beside a week long before the last 64" {
	local d
	for d in 06 07 08 09 10 11 12; do
		checkin --at "2025-01-${d}T21:00" trust=4
	done
	for d in 04 05 06 07 08 09 10; do
		checkin --at "2026-05-${d}T21:00" trust=9
	done
	promise make -a 2025-01-06T08:00 'home by six' by=2025-01-06T18:00
	promise kept -a 2025-01-06T18:00 1
	run -0 report -f table "$(shared)" "$STEADY_DIR/checkin.csv"
	assert_line '2025-W02     1     1                   0       0              0                   0    4.0'
	# The same when the record comes through a pipe.
	run -0 report -f table <(cat "$(shared)") "$STEADY_DIR/checkin.csv"
	assert_line '2025-W02     1     1                   0       0              0                   0    4.0'
}
