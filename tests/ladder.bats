#!/usr/bin/env bats
# ladder: the hierarchy, trials with consent, and pacing suggestions.

load helper

USAGE='usage: ladder add [-l name] [-s suds] text'
LHDR='id,ladder,step,suds,first_suds,status,created,ratings'
THDR='ts,id,kind,ladder,step_id,step,pre,peak,post,minutes,expect,expect_pct,outcome_pct,expect_after,surprise,safety,learned,present,stopped,suggested,note'
LFIX=$BATS_TEST_DIRNAME/fixtures/ladder

# trials: the trial log's path.
trials() {
	printf '%s/trials.csv\n' "$STEADY_DIR"
}

# three: a ladder of three steps (ids 1 to 3).
three() {
	ladder add 'call my sister' --suds 45 >/dev/null
	ladder add 'read the old messages' --suds 60 >/dev/null
	ladder add 'drive past the hotel' --suds 80 >/dev/null
}

# fakes: a ground and a reflect that say how they were run.
fakes() {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/bin/sh\necho "ground ran $*"\n' >"$BATS_TEST_TMPDIR/fake/ground"
	printf '#!/bin/sh\necho "reflect ran $*"\n' >"$BATS_TEST_TMPDIR/fake/reflect"
	chmod +x "$BATS_TEST_TMPDIR/fake/ground" "$BATS_TEST_TMPDIR/fake/reflect"
	PATH=$BATS_TEST_TMPDIR/fake:$PATH
}

@test "ladder: --help prints the usage and exits 0" {
	run -0 ladder --help
	assert_line --index 0 "$USAGE"
	assert_line 'Keep a ladder of steps from easier to harder and practise at your own pace:'
}

@test "ladder: --version prints the version" {
	run -0 ladder --version
	assert_output 'ladder (steady) 0.1.0'
}

@test "ladder: an unknown option or a missing value is a usage error (2)" {
	run -2 --separate-stderr ladder --bogus
	assert_equal "${stderr_lines[0]}" 'ladder: --bogus is not an option'
	assert_equal "${stderr_lines[1]}" "$USAGE"
	run -2 --separate-stderr ladder add x --suds
	assert_equal "${stderr_lines[0]}" 'ladder: --suds needs a value'
	run -2 --separate-stderr ladder -x list
	assert_equal "${stderr_lines[0]}" 'ladder: -x is not an option'
}

@test "ladder: no command, or an unknown one, is a usage error" {
	run -2 --separate-stderr ladder
	assert_equal "${stderr_lines[0]}" 'ladder: say what to do, e.g. ladder list'
	run -2 --separate-stderr ladder climb 3
	assert_equal "${stderr_lines[0]}" 'ladder: climb: there is no such command'
	run -2 --separate-stderr ladder rate
	assert_equal "${stderr_lines[0]}" "$USAGE"
}

@test "ladder: add and list show the steps by SUDS with their status" {
	run -0 ladder add 'read the old messages' --suds 60
	assert_output 'Added step 1, "read the old messages" (SUDS 60), to ladder "main".'
	ladder add 'call my sister' -s 45
	run -0 ladder list
	assert_output 'Ladder "main"
  id  suds  status            tries  peak  step
   2    45  not started           0     -  call my sister
   1    60  not started           0     -  read the old messages'
	run -0 cat "$STEADY_DIR/ladder.csv"
	assert_output "$LHDR
1,main,read the old messages,60,60,active,2026-11-23,2026-11-23:60
2,main,call my sister,45,45,active,2026-11-23,2026-11-23:45"
}

@test "ladder: list with no steps says how to add one" {
	run -0 ladder list
	assert_output 'No steps yet.  Add one with: ladder add "a step" --suds 40'
}

@test "ladder: the hierarchy is private (0600)" {
	ladder add x --suds 40
	run -0 stat -c %a "$STEADY_DIR/ladder.csv"
	assert_output '600'
}

@test "ladder: add without --suds and without a terminal is a usage error" {
	run -2 --separate-stderr ladder add 'a step' </dev/null
	assert_equal "$stderr" 'ladder: there is no terminal to ask on; give it with --suds N'
	assert [ ! -e "$STEADY_DIR/ladder.csv" ]
}

@test "ladder: a SUDS outside 0-100 is refused" {
	run -2 --separate-stderr ladder add x --suds 101
	assert_equal "$stderr" 'ladder: --suds 101: give a whole number from 0 to 100'
	run -2 --separate-stderr ladder add x --suds lots
	assert_equal "$stderr" 'ladder: --suds lots: give a whole number from 0 to 100'
}

@test "ladder: a step is one line of text" {
	run -2 --separate-stderr ladder add $'two\nlines' --suds 40
	assert_equal "$stderr" 'ladder: a step is one line of text'
}

@test "ladder: commas and quotes in a step round-trip" {
	ladder add 'say "no", calmly' --suds 50
	run -0 cat "$STEADY_DIR/ladder.csv"
	assert_line '1,main,"say ""no"", calmly",50,50,active,2026-11-23,2026-11-23:50'
	run -0 ladder list
	assert_line '   1    50  not started           0     -  say "no", calmly'
	ladder log 1 --peak 50
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,"say ""no"", calmly",,50,,,,,,,,,,,no,,'
}

@test "ladder: retire sets a step aside, kept, and ids are never reused" {
	three
	run -0 ladder retire 3
	assert_output 'Step 3, "drive past the hotel", is set aside; it is kept, and ladder restore 3 brings it back.'
	run -0 ladder add 'the anniversary' --suds 85
	assert_output 'Added step 4, "the anniversary" (SUDS 85), to ladder "main".'
	run -0 ladder list
	assert_line '   3    80  set aside             0     -  drive past the hotel'
	run -0 ladder restore 3
	assert_output 'Step 3, "drive past the hotel", is back in practice.'
	run -0 ladder list
	assert_line '   3    80  not started           0     -  drive past the hotel'
}

@test "ladder: rate shows the earlier rating, and list the history" {
	three
	run -0 ladder rate 2 50
	assert_output 'Step 2, "read the old messages": rated 50 (was 60; first rated 60).'
	STEADY_NOW=2026-11-30T08:00:00+01:00 ladder rate 2 40 >/dev/null
	run -0 ladder list
	assert_line '   2    40  not started           0     -  read the old messages (rated 60, then 50, then 40)'
	run -0 grep '^2,' "$STEADY_DIR/ladder.csv"
	assert_output '2,main,read the old messages,40,60,active,2026-11-23,2026-11-23:60;2026-11-23:50;2026-11-30:40'
}

@test "ladder: an unknown step is an error (1); a step that is no id is a usage error" {
	three
	run -1 --separate-stderr ladder rate 9 50
	assert_equal "$stderr" 'ladder: there is no step 9; ladder list shows the steps'
	run -2 --separate-stderr ladder rate two 50
	assert_equal "$stderr" 'ladder: two: a step id is a whole number, as ladder list shows'
}

@test "ladder: edit changes a step's words, and -l moves it to another ladder" {
	three
	run -0 ladder edit 1 'phone my sister'
	assert_output 'Step 1 is now "phone my sister" on ladder "main".'
	run -0 ladder edit -l family 1
	assert_output 'Step 1 is now "phone my sister" on ladder "family".'
}

@test "ladder: several ladders, each listed on its own" {
	three
	ladder add -l work 'see her at work' --suds 50 >/dev/null
	run -0 ladder list -l work
	assert_output 'Ladder "work"
  id  suds  status            tries  peak  step
   4    50  not started           0     -  see her at work'
	run -0 ladder list
	assert_line 'Ladder "main"'
	assert_line 'Ladder "work"'
}

@test "ladder: split adds an in-between step halfway below" {
	three
	run -0 ladder split 3 'drive past the hotel with a friend'
	assert_output 'Added step 4, "drive past the hotel with a friend" (SUDS 70), below step 3 (SUDS 80).'
	run -0 ladder split 1 'text her first' --suds 40
	assert_output 'Added step 5, "text her first" (SUDS 40), below step 1 (SUDS 45).'
}

@test "ladder: done marks a step mastered" {
	three
	run -0 ladder done 1
	assert_output 'Step 1, "call my sister", is marked mastered.  Well done.'
	run -0 ladder list
	assert_line '   1    45  mastered              0     -  call my sister'
}

@test "ladder: next starts at the lowest step at or above 40" {
	ladder add 'look at a photo' --suds 25 >/dev/null
	three
	run -0 ladder next
	assert_output 'Ladder "main": step 2, "call my sister" (SUDS 45), because it is the lowest step at or above 40, a moderate place to start.
You can always choose another step: ladder start ID.'
}

@test "ladder: next moves up once a step's peak has halved, and says why" {
	three
	ladder log 1 --peak 70 >/dev/null
	ladder log 1 --peak 50 >/dev/null
	run -0 ladder log 1 --peak 35
	assert_line 'Step 1 looks ready to move on, whenever you choose, because your peak distress on this step fell from 70 to 35 over 3 tries.'
	run -0 ladder next
	assert_line --index 0 'Ladder "main": step 2, "read the old messages" (SUDS 60), because it is the lowest step not yet mastered from 40 up, and within 20 of your highest step mastered or ready (45).'
}

@test "ladder: two low peaks in a row look ready" {
	three
	ladder log 1 --peak 30 >/dev/null
	run -0 ladder log 1 --peak 25
	assert_line 'Step 1 looks ready to move on, whenever you choose, because your peak distress stayed at or below 30 for the last 2 tries.'
}

@test "ladder: a feared outcome that keeps not happening looks ready" {
	three
	ladder log 1 --peak 60 --expect-pct 80 --outcome-pct 10 >/dev/null
	run -0 ladder log 1 --peak 60 --expect-pct 90 --outcome-pct 20
	assert_line 'Step 1 looks ready to move on, whenever you choose, because the feared outcome happened far less than you predicted on the last 2 tries (predicted 85 on average, happened 15).'
}

@test "ladder: next keeps the step being worked on, with its reason" {
	three
	ladder log 1 --peak 60 >/dev/null
	run -0 ladder next
	assert_output 'Ladder "main": step 1, "call my sister" (SUDS 45), because it is the step you are working on and it does not look ready yet.
Keep practising step 1 for now, because you have tried it once so far (peak 60).
You can always choose another step: ladder start ID.'
}

@test "ladder: a peak at the ceiling suggests staying or a smaller step, never a push" {
	three
	run -0 ladder log 1 --peak 85
	assert_line 'Stay with step 1 for now, or add a smaller in-between step (ladder split 1), because your last peak on this step was 85, at or above 85.'
}

@test "ladder: two stops in a row suggest a smaller step, without blame" {
	three
	ladder log 1 --stopped --peak 50 >/dev/null
	run -0 ladder log 1 --stopped
	assert_line 'Stay with step 1 for now, or add a smaller in-between step (ladder split 1), because you chose to stop the last 2 tries early, which is always a fair choice.'
}

@test "ladder: next never suggests more than 20 above the last mastered step" {
	three
	ladder retire 2 >/dev/null
	ladder done 1 >/dev/null
	run -0 ladder next
	assert_output 'Ladder "main": the next step up is step 3, "drive past the hotel" (SUDS 80), and it may be a big jump, because the next step, at 80, is more than 20 above your highest step mastered or ready (45).  An in-between step may help: ladder split 3
You can always choose another step: ladder start ID.'
}

@test "ladder: next with every step mastered or set aside says so" {
	ladder add x --suds 40 >/dev/null
	ladder done 1 >/dev/null
	run -0 ladder next
	assert_output 'Ladder "main": nothing to suggest, because every step is mastered, looks ready or is set aside.  Add a step whenever you like: ladder add -l main "a step" --suds N'
}

@test "ladder: the pacing numbers follow settings.csv" {
	three
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n' name,value exposure_ceiling,70 max_jump,10 >"$STEADY_CONFIG/settings.csv"
	run -0 ladder log 1 --peak 72
	assert_line 'Stay with step 1 for now, or add a smaller in-between step (ladder split 1), because your last peak on this step was 72, at or above 70.'
	printf '%s\n' name,value max_jump,0 >"$STEADY_CONFIG/settings.csv"
	run -1 --separate-stderr ladder next
	assert_equal "$stderr" 'ladder: settings.csv: max_jump "0" is too small (use 1 to 100)'
}

@test "ladder: log records one complete trial row with an id" {
	three
	run -0 ladder log 2 --pre 40 --peak 70 --post 30 --minutes 35 \
	    --expect 'I will fall apart' --expect-pct 80 --outcome-pct 10 \
	    --after-pct 30 --surprise 60 --safety 'kept my phone in hand' \
	    --learned 'I can feel it and stay' --present 7 --note 'hard, then easier'
	assert_line --index 0 'Saved trial t20261123T073000 for step 2, "read the old messages".'
	assert_line --index 1 'Ladder had suggested step 1; you chose step 2, and that choice is noted.'
	run -0 cat "$(trials)"
	assert_output "$THDR
2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,2,read the old messages,40,70,30,35,I will fall apart,80,10,30,60,kept my phone in hand,I can feel it and stay,7,no,1,\"hard, then easier\""
	run -0 stat -c %a "$(trials)"
	assert_output '600'
}

@test "ladder: trials at the same second get ids with a counter" {
	three
	ladder log 1 --peak 50 >/dev/null
	ladder log 1 --peak 50 >/dev/null
	run -0 ladder log 1 --peak 50
	assert_line --index 0 'Saved trial t20261123T073000-3 for step 1, "call my sister".'
}

@test "ladder: log needs a peak, or --stopped" {
	three
	run -2 --separate-stderr ladder log 1 --pre 40
	assert_equal "$stderr" 'ladder: log needs at least --peak N (or --stopped)'
	run -2 --separate-stderr ladder log 1 --peak 140
	assert_equal "$stderr" 'ladder: --peak 140: give a whole number from 0 to 100'
	run -2 --separate-stderr ladder list --peak 40
	assert_equal "${stderr_lines[0]}" 'ladder: the trial options go with log and trigger'
}

@test "ladder: log --at back-fills, never into the future" {
	three
	ladder log 1 --peak 50 --at 2026-11-22T19:00 >/dev/null
	run -0 cut -d, -f1,2 <(tail -n 1 "$(trials)")
	assert_output '2026-11-22T19:00:00+01:00,t20261122T190000'
	run -2 --separate-stderr ladder log 1 --peak 50 --at 2026-12-01
	assert_equal "$stderr" 'ladder: --at 2026-12-01: that is in the future'
}

@test "ladder: log -o - writes the record to standard output" {
	three
	run -0 --separate-stderr ladder log 1 --peak 50 -o -
	assert_output "$THDR
2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,,50,,,,,,,,,,,no,,"
	assert_equal "$stderr" 'Saved trial t20261123T073000 for step 1, "call my sister".'
	assert [ ! -e "$(trials)" ]
}

@test "ladder: trigger records a real-life encounter apart from practice" {
	three
	run -0 ladder trigger 3 --peak 90 --note 'saw the car'
	assert_output 'Saved t20261123T073000: a real-life encounter with step 3, "drive past the hotel", kept apart from planned practice.'
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,trigger,main,3,drive past the hotel,,90,,,,,,,,,,,no,,saw the car'
	run -0 ladder list
	assert_line '   3    80  not started           0     -  drive past the hotel'
}

@test "ladder: a file that is no trial log is refused, untouched" {
	three
	printf 'date,mood\n2026-11-20,4\n' >"$(trials)"
	run -1 --separate-stderr ladder log 1 --peak 50
	assert_equal "$stderr" "ladder: $(trials):1: this is not a trial log (it has no ts and step columns); nothing was saved"
	run -0 cat "$(trials)"
	assert_output 'date,mood
2026-11-20,4'
}

@test "ladder: an older trial log gets the newer columns, its cells kept, then the trial" {
	three
	printf '%s\n' 'ts,step,pre,peak,post,minutes,expect,expect_pct,outcome_pct,stopped,note' \
	    '2026-11-02T18:00:00+01:00,"call my sister, briefly",40,70,30,20,I will cry,80,20,no,"said ""hi"""' \
	    '2026-11-04T18:00:00+01:00,call my sister,35,50,,15,,,,yes,line\nbreak' >"$(trials)"
	chmod 640 "$(trials)"
	run -0 ladder log 1 --peak 45 --pre 30
	assert_output --partial 'Saved trial t20261123T073000 for step 1, "call my sister".'
	run -0 cat "$(trials)"
	assert_output 'ts,step,pre,peak,post,minutes,expect,expect_pct,outcome_pct,stopped,note,id,kind,ladder,step_id,expect_after,surprise,safety,learned,present,suggested
2026-11-02T18:00:00+01:00,"call my sister, briefly",40,70,30,20,I will cry,80,20,no,"said ""hi""",,,,,,,,,,
2026-11-04T18:00:00+01:00,call my sister,35,50,,15,,,,yes,line\nbreak,,,,,,,,,,
2026-11-23T07:30:00+01:00,call my sister,30,45,,,,,,no,,t20261123T073000,planned,main,1,,,,,,'
	run -0 stat -c %a "$(trials)"
	assert_output 640
}

@test "ladder: a malformed ladder.csv is reported with file:line" {
	mkdir -p "$STEADY_DIR"
	cp "$LFIX/bad-ladder.csv" "$STEADY_DIR/ladder.csv"
	run -1 --separate-stderr ladder list
	assert_equal "$stderr" "ladder: $STEADY_DIR/ladder.csv:3: a step needs an id from 1 and a suds from 0 to 100"
	run -1 --separate-stderr ladder add x --suds 40
	assert_equal "$stderr" "ladder: $STEADY_DIR/ladder.csv:3: a step needs an id from 1 and a suds from 0 to 100"
	run -0 cmp "$LFIX/bad-ladder.csv" "$STEADY_DIR/ladder.csv"
}

@test "ladder: a hierarchy written elsewhere, with quotes and fewer columns, is read" {
	mkdir -p "$STEADY_DIR"
	cp "$LFIX/ladder.csv" "$STEADY_DIR/ladder.csv"
	run -0 ladder list
	assert_output 'Ladder "main"
  id  suds  status            tries  peak  step
   2    40  not started           0     -  text her, "just checking"
   5    70  set aside             0     -  the hotel'
	run -0 ladder rate 2 35
	assert_output 'Step 2, "text her, "just checking"": rated 35 (was 40; first rated 40).'
	run -0 cat "$STEADY_DIR/ladder.csv"
	assert_output "$LHDR
2,main,\"text her, \"\"just checking\"\"\",35,40,active,,2026-11-23:35
5,main,the hotel,70,70,retired,,"
}

@test "ladder: writing to a full disk fails with 1" {
	three
	run -1 --separate-stderr sh -c 'ladder list >/dev/full'
	assert_equal "$stderr" 'ladder: write error: No space left on device'
}

@test "ladder: anchors are written and shown" {
	run -0 ladder anchors
	assert_line --index 0 'No SUDS anchors yet.  Write what 0, 25, 50, 75 and 100 mean for you, e.g.'
	run -0 ladder anchors 0='on the sofa with the dog' 100='the night I found out'
	assert_output 'Your SUDS anchors:
    0  on the sofa with the dog
  100  the night I found out'
	run -0 cat "$STEADY_CONFIG/suds-anchors.csv"
	assert_output 'suds,meaning
0,on the sofa with the dog
100,the night I found out'
	run -2 --separate-stderr ladder anchors 60=x
	assert_equal "$stderr" 'ladder: anchor 60: anchors are 0, 25, 50, 75 and 100'
}

@test "ladder: start without a terminal refuses gently (2) and points to log" {
	three
	run -2 --separate-stderr ladder start 1 </dev/null
	assert_equal "$stderr" 'ladder: start needs a terminal; to record a trial done elsewhere, use ladder log 1 --peak N'
}

@test "ladder: start: no at consent ends there, and nothing is written" {
	three
	run_pty '
		expect "Do you choose to do this now? You can stop at any time."
		send "n\r"
		expect "noted in your log"
		send "\r"
	' ladder start 1
	assert_success
	assert_line 'That is fine. Not now is always a fair answer.'
	assert [ ! -e "$(trials)" ]
}

@test "ladder: start: a no is recorded only when the person wants it" {
	three
	run_pty '
		expect "choose to do this now"
		send "n\r"
		expect "noted in your log"
		send "y\r"
	' ladder start 1
	assert_success
	assert_line 'Noted.'
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,declined,main,1,call my sister,,,,,,,,,,,,,no,,'
}

@test "ladder: start: Ctrl-C at consent writes nothing (130)" {
	three
	run_pty '
		expect "choose to do this now"
		send "\003"
		set timeout 120
		expect "Stopped"
	' ladder start 1
	assert_equal "$status" 130
	assert_line 'Stopped. Nothing was changed.'
	assert [ ! -e "$(trials)" ]
}

@test "ladder: start: a whole trial under the virtual clock" {
	three
	export STEADY_CLOCK=virtual
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "I will fall apart\r"
		expect "How likely"
		send "80\r"
		expect "Distress right now, 0-100: "
		send "40\r"
		expect "Minutes for the timer"
		send "6\r"
		expect "5 minutes in."
		expect "Distress right now"
		send "70\r"
		expect "How present"
		send "6\r"
		expect "That is the 6 minutes you planned."
		expect "highest, 0-100 (Enter for 70)"
		send "\r"
		expect "at the end"
		send "30\r"
		expect "How far did what you feared happen"
		send "10\r"
		expect "next time"
		send "30\r"
		expect "surprised"
		send "60\r"
		expect "feel safer"
		send "\r"
		expect "learn"
		send "I can stay with it\r"
		expect "How present did you feel"
		send "7\r"
		expect "A note"
		send "\r"
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	assert_line 'Saved as t20261123T073000. Thank you for doing this.'
	assert_line 'Keep practising step 1 for now, because you have tried it once so far (peak 70).'
	assert_line --partial '  05:00 of 06:00 '
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,40,70,30,6,I will fall apart,80,10,30,60,,I can stay with it,7,no,,'
}

@test "ladder: start: Ctrl-C mid-trial is a stop, saved whole (130)" {
	three
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=750
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "50\r"
		expect "Minutes for the timer"
		send "\r"
		expect "5 minutes in."
		send "65\r"
		expect "How present"
		send "\r"
		expect "10 minutes in."
		send "\r"
		expect "How present"
		send "\r"
		expect "12:30 of 30:00"
		send "\003"
		set timeout 120
		expect "Stopped"
	' ladder start 1
	assert_equal "$status" 130
	assert_line 'Stopped, by your choice. The trial is saved as t20261123T073000, with what you gave.'
	run -0 cat "$(trials)"
	assert_output "$THDR
2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,50,65,,13,,,,,,,,,yes,,"
}

@test "ladder: start: s stops the timer, a choice, and the questions follow" {
	three
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=60
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "0\r"
		expect "01:00 "
		send "s"
		expect "highest"
		send "55\r"
		foreach q {"at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "\r"
	' ladder start 1
	assert_success
	assert_line 'Saved as t20261123T073000. Stopping was your choice, and a fair one.'
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,,55,,1,,,,,,,,,yes,,'
}

@test "ladder: start: g opens ground on the terminal, and the trial goes on" {
	three
	fakes
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=30
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "0\r"
		expect "00:30 "
		send "g"
		expect "Back to the trial."
		send "\r"
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "\r"
	' ladder start 1
	assert_success
	assert_line 'ground ran --trial t20261123T073000'
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,,,,1,,,,,,,,,no,,'
}

@test "ladder: start: feeling far from the present offers grounding (steady's own rule)" {
	three
	fakes
	export STEADY_CLOCK=virtual
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "6\r"
		expect "5 minutes in."
		send "\r"
		expect "How present"
		send "3\r"
		expect "Would you like a grounding exercise now?"
		send "y\r"
		expect "Back to the trial."
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "\r"
	' ladder start 1
	assert_success
	assert_line 'You feel far from the here and now (3 of 10). Grounding can help you come back.'
	assert_line 'ground ran --trial t20261123T073000'
}

@test "ladder: start: without ground installed, it says so gently" {
	three
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=30
	mkdir -p "$BATS_TEST_TMPDIR/only"
	ln -s "$(command -v ladder)" "$BATS_TEST_TMPDIR/only/ladder"
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "0\r"
		expect "00:30 "
		send "g"
		expect "Back to the trial."
		send "\r"
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "y\r"
	' env PATH="$BATS_TEST_TMPDIR/only:/usr/bin:/bin" ladder start 1
	assert_success
	assert_line 'The grounding program, ground, is not installed here. Take a slow breath,'
	assert_line '  reflect exposure --trial t20261123T073000'
}

@test "ladder: start: the reflection runs linked by the trial's id" {
	three
	fakes
	export STEADY_CLOCK=virtual
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "1\r"
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "y\r"
	' ladder start 1
	assert_success
	assert_line 'reflect ran exposure --trial t20261123T073000'
}

@test "ladder: start: the person's anchors are shown when a rating is asked" {
	three
	ladder anchors 50='the first counselling appointment' >/dev/null
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\003"
		set timeout 120
		expect "Stopped"
	' ladder start 1
	assert_equal "$status" 130
	assert_line '   50  the first counselling appointment'
	assert [ ! -e "$(trials)" ]
}

@test "ladder: start: the anchors come with every distress rating, in and after the trial" {
	three
	ladder anchors 0='on the sofa with the dog' 75='the day it came out' >/dev/null
	mkdir -p "$STEADY_CONFIG"
	printf 'Breathe out slowly. Call Sam.\n' >"$STEADY_CONFIG/safety-plan.txt"
	export STEADY_CLOCK=virtual
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "40\r"
		expect "Minutes for the timer"
		send "6\r"
		expect "5 minutes in."
		expect "Your SUDS anchors:"
		expect "the day it came out"
		expect "Distress right now, 0-100 (Enter to skip): "
		send "?\r"
		expect "Breathe out slowly. Call Sam."
		expect "Distress right now, 0-100 (Enter to skip): "
		send "60\r"
		expect "How present"
		send "\r"
		expect "That is the 6 minutes you planned."
		expect "Your SUDS anchors:"
		expect "the day it came out"
		expect "highest, 0-100 (Enter for 60): "
		send "?\r"
		expect "Breathe out slowly. Call Sam."
		expect "highest, 0-100 (Enter for 60): "
		send "\r"
		expect "Your SUDS anchors:"
		expect "the day it came out"
		expect "at the end, 0-100: "
		send "20\r"
		foreach q {surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	run -0 grep -c '^   75  the day it came out$' <<<"$output"
	assert_output 4
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,40,60,20,6,,,,,,,,,no,,'
}

@test "ladder: start: the timer reads its keys on the terminal already open" {
	three
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=30
	run_pty '
		set pid [exp_pid]
		proc ttys {} {
			set n 0
			foreach f [glob /proc/$::pid/fd/*] {
				if {![catch {file readlink $f} l] && $l eq "/dev/tty"} {
					incr n
				}
			}
			return $n
		}
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		set before [ttys]
		send "0\r"
		expect "00:30 "
		puts "\nterminals open: $before at a question, [ttys] in the timer"
		send "s"
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	assert_line --regexp '^terminals open: ([1-9]) at a question, \1 in the timer$'
}

# stub_ground BODY: a ground first on PATH that runs the sh code BODY.
stub_ground() {
	mkdir -p "$BATS_TEST_TMPDIR/stub"
	printf '#!/bin/sh\n%s\n' "$1" >"$BATS_TEST_TMPDIR/stub/ground"
	chmod +x "$BATS_TEST_TMPDIR/stub/ground"
	PATH=$BATS_TEST_TMPDIR/stub:$PATH
}

@test "ladder: start: Ctrl-C during ground stops only ground, and the trial goes on" {
	three
	stub_ground 'trap "echo ground stopped; exit 130" INT
echo ground ready
read answer
exit 0'
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=90
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "0\r"
		expect "01:30 "
		send "g"
		expect "ground ready"
		send "\003"
		expect "ground stopped"
		expect "Back to the trial."
		expect "01:30 "
		send "\r"
		foreach q {highest "at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	assert_line 'Saved as t20261123T073000. Thank you for doing this.'
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,,,,2,,,,,,,,,no,,'
}

@test "ladder: start: a signal that comes just before the timer waits is not missed" {
	three
	stub_ground 'echo ground ran; kill -TERM $PPID; exit 0'
	export STEADY_CLOCK=virtual STEADY_CLOCK_PAUSE=30
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "40\r"
		expect "Minutes for the timer"
		send "0\r"
		expect "00:30 "
		send "g"
		expect "Stopped"
	' ladder start 1
	assert_equal "$status" 130
	assert_line 'ground ran'
	assert_line 'Stopped, by your choice. The trial is saved as t20261123T073000, with what you gave.'
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,40,,,1,,,,,,,,,yes,,'
}

@test "ladder: start: choosing another step than suggested is noted, without argument" {
	three
	run_pty '
		expect "choose to do this now"
		send "n\r"
		expect "noted in your log"
		send "n\r"
	' ladder start 3
	assert_success
	assert_line 'Ladder suggests step 1 next; choosing this one is yours to do, and it is noted.'
}

@test "ladder: start: a ready step is offered as mastered" {
	three
	ladder log 1 --peak 30 >/dev/null
	export STEADY_CLOCK=virtual
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "\r"
		expect "Minutes for the timer"
		send "1\r"
		expect "highest"
		send "20\r"
		foreach q {"at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "mark this step mastered"
		send "y\r"
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	assert_line 'Marked mastered. ladder next suggests what could come next.'
	run -0 ladder list
	assert_line '   1    45  mastered              2    20  call my sister'
}

@test "ladder: report reads the trial log, step by step" {
	three
	ladder log 1 --peak 70 --at 2026-11-02T18:00 >/dev/null
	ladder log 1 --peak 50 --at 2026-11-04T18:00 >/dev/null
	ladder log 1 --peak 35 --at 2026-11-06T18:00 >/dev/null
	run -0 report -f table "$(trials)"
	assert_line 'Step "call my sister": peak distress by trial 70, 50, 35.'
	assert_line 'Win: step "call my sister" looks ready to move on, whenever you choose to, because your peak distress on this step fell from 70 to 35 over 3 tries.'
}

@test "examples: ladder add, list and next" {
	ladder add 'call my sister' --suds 45
	ladder add 'read the old messages' --suds 60
	run -0 ladder next
	assert_line --index 0 'Ladder "main": step 1, "call my sister" (SUDS 45), because it is the lowest step at or above 40, a moderate place to start.'
}

@test "examples: ladder log a trial done away from the terminal" {
	ladder add 'call my sister' --suds 45
	run -0 ladder log 1 --pre 30 --peak 60 --post 25 --minutes 20 \
	    --expect 'she will judge me' --expect-pct 70 --outcome-pct 10
	assert_line --index 0 'Saved trial t20261123T073000 for step 1, "call my sister".'
}

@test "examples: ladder log piped into report" {
	ladder add 'call my sister' --suds 45
	run -0 sh -c 'ladder log 1 --peak 60 -o - 2>/dev/null | report -f csv --cols peak'
	assert_line --partial 'exposure trials,call my sister,peak,1,60'
}

# complete_ladder WORD...: bash's candidates for "ladder WORD...", one line.
complete_ladder() {
	source "$BATS_TEST_DIRNAME/../completions/ladder.bash"
	COMP_WORDS=(ladder "$@")
	COMP_CWORD=$#
	COMP_LINE="ladder $*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_ladder
	(IFS='|'; printf '%s\n' "${COMPREPLY[*]}")
}

@test "ladder: bash completion offers the commands, then step ids" {
	three
	run -0 complete_ladder st
	assert_output 'start'
	run -0 complete_ladder start ''
	assert_output '1|2|3'
	run -0 complete_ladder log 2 --pe
	assert_output '--peak'
	run -0 complete_ladder rate 2 ''
	assert_output ''
}

@test "ladder: zsh and fish completions load, and fish offers step ids" {
	three
	run -0 zsh -n "$BATS_TEST_DIRNAME/../completions/_ladder"
	run -0 fish --no-execute "$BATS_TEST_DIRNAME/../completions/ladder.fish"
	run -0 fish --no-config -c 'source $argv[1]; complete -C"ladder start "' \
	    "$BATS_TEST_DIRNAME/../completions/ladder.fish"
	assert_output "1	call my sister
2	read the old messages
3	drive past the hotel"
	run -0 fish --no-config -c 'source $argv[1]; complete -C"ladder ret"' \
	    "$BATS_TEST_DIRNAME/../completions/ladder.fish"
	assert_output 'retire'
}

@test "examples: the exposure practice workflow (steady.7)" {
	unset STEADY_DIR
	export STEADY_CLOCK=virtual
	ladder add 'call my sister' --suds 45
	ladder add 'read the old messages' --suds 60
	run -0 ladder next
	assert_line --index 0 'Ladder "main": step 1, "call my sister" (SUDS 45), because it is the lowest step at or above 40, a moderate place to start.'
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "30\r"
		expect "Minutes for the timer"
		send "1\r"
		expect "highest"
		send "60\r"
		foreach q {"at the end" surprised safer learn "present did" note} {
			expect $q
			send "\r"
		}
		expect "reflect on it now"
		send "n\r"
	' ladder start 1
	assert_success
	run -0 report -f table ~/.local/share/steady/trials.csv
	assert_line 'Step "call my sister": peak distress by trial 60.'
}

@test "ladder: add on a terminal asks for the rating, with the anchors" {
	ladder anchors 0='on the sofa with the dog' >/dev/null
	run_pty '
		expect "Expected distress for this step, 0-100: "
		send "55\r"
	' ladder add 'go to the restaurant'
	assert_success
	assert_line '    0  on the sofa with the dog'
	assert_line 'Added step 1, "go to the restaurant" (SUDS 55), to ladder "main".'
}

@test "ladder: rate on a terminal shows the rating before" {
	three
	run_pty '
		expect "How much distress do you expect now, 0-100? "
		send "50\r"
	' ladder rate 2
	assert_success
	assert_line 'Rated 60 now (first 60).'
	assert_line 'Step 2, "read the old messages": rated 50 (was 60; first rated 60).'
}

@test "ladder: split on a terminal asks for the in-between step" {
	three
	run_pty '
		expect "The in-between step: "
		send "drive past at night\r"
	' ladder split 3
	assert_success
	assert_line 'Added step 4, "drive past at night" (SUDS 70), below step 3 (SUDS 80).'
}

@test "ladder: Ctrl-C at a rating question changes nothing (130)" {
	three
	run_pty '
		expect "How much distress"
		send "\003"
		set timeout 120
		expect "Stopped"
	' ladder rate 2
	assert_equal "$status" 130
	run -0 grep '^2,' "$STEADY_DIR/ladder.csv"
	assert_output '2,main,read the old messages,60,60,active,2026-11-23,2026-11-23:60'
}

@test "ladder: start: end of input at consent writes nothing (1)" {
	three
	run_pty '
		expect "choose to do this now"
		send "\004"
	' ladder start 1
	assert_equal "$status" 1
	assert_line 'Nothing was changed.'
	assert [ ! -e "$(trials)" ]
}

@test "ladder: start: Ctrl-C in the questions afterwards keeps the answers given (130)" {
	three
	export STEADY_CLOCK=virtual
	run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "\r"
		expect "Distress right now, 0-100: "
		send "30\r"
		expect "Minutes for the timer"
		send "1\r"
		expect "highest"
		send "60\r"
		expect "at the end"
		send "\003"
		set timeout 120
		expect "Stopped"
	' ladder start 1
	assert_equal "$status" 130
	run -0 tail -n 1 "$(trials)"
	assert_output '2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,30,60,,1,,,,,,,,,no,,'
}

@test "ladder: trials of a step no longer in the hierarchy are left out" {
	three
	mkdir -p "$STEADY_DIR"
	printf '%s\n' "$THDR" \
	    '2026-11-20T18:00:00+01:00,t20261120T180000,planned,main,9,gone,,70,,,,,,,,,,,no,,' \
	    '2026-11-21T18:00:00+01:00,t20261121T180000,planned,main,1,call my sister,,60,,,,,,,,,,,1,,' >"$(trials)"
	run -0 ladder list
	assert_line '   1    45  in progress           1    60  call my sister'
}

@test "ladder: a trial log kept as TSV gets its trials as TSV" {
	three
	local cols
	cols=$(printf 'ts\tid\tkind\tladder\tstep_id\tstep\tpre\tpeak\tpost\tminutes\texpect\texpect_pct\toutcome_pct\texpect_after\tsurprise\tsafety\tlearned\tpresent\tstopped\tsuggested\tnote')
	mkdir -p "$STEADY_DIR"
	printf '%s\n' "$cols" >"$(trials)"
	run -0 ladder log 1 --peak 40 --at 2026-11-20T18:00
	run -0 tail -n 1 "$(trials)"
	assert_output "$(printf '2026-11-20T18:00:00+01:00\tt20261120T180000\tplanned\tmain\t1\tcall my sister\t\t40\t\t\t\t\t\t\t\t\t\t\tno\t\t')"
}
