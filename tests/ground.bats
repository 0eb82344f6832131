#!/usr/bin/env bats
# ground: exercises guided on a terminal, as timed lines without one, and
# the grounding log.  The virtual clock makes every wait instant.

load helper

export STEADY_CLOCK=virtual

HDR='ts,exercise,seconds,pre,post,completed,note'
USAGE='usage: ground [-n] [-r rounds | -m minutes] [-o file] [-t trial] [exercise]'
TS='2026-11-23T07:30:00+01:00'

glog() {
	printf '%s/ground.csv\n' "$STEADY_DIR"
}

# exercises CSV-TEXT: the config directory's exercises.csv.
exercises() {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n' "$1" >"$STEADY_CONFIG/exercises.csv"
}

@test "ground: --help prints the usage and exits 0" {
	run -0 ground --help
	assert_line --index 0 "$USAGE"
	assert_line --index 1 '       ground -c when name=value ... | -w when'
	assert_line --index 2 '       ground -o - --redact[=cols] [option ...] [exercise]'
	assert_line --index 3 '       ground -l | -p | -h | -V'
	assert_line 'A grounding or breathing exercise, guided on the terminal: a menu when'
}

@test "ground: --version prints the version" {
	run -0 ground --version
	assert_output 'ground (steady) 0.1.0'
}

@test "ground: an unknown option is a usage error (2)" {
	run -2 --separate-stderr ground --bogus
	assert_equal "${stderr_lines[0]}" 'ground: --bogus is not an option'
	assert_equal "${stderr_lines[1]}" "$USAGE"
}

@test "ground: a missing option value is a usage error" {
	run -2 --separate-stderr ground --rounds
	assert_equal "${stderr_lines[0]}" 'ground: --rounds needs a value'
	run -2 --separate-stderr ground -m
	assert_equal "${stderr_lines[0]}" 'ground: -m needs a value'
}

@test "ground: rounds and minutes are range-checked whole numbers" {
	run -2 --separate-stderr ground -r 0 box
	assert_equal "$stderr" 'ground: --rounds 0: give a whole number from 1 to 100'
	run -2 --separate-stderr ground --minutes 2.5 box
	assert_equal "$stderr" 'ground: --minutes 2.5: give a whole number from 1 to 60'
	run -2 --separate-stderr ground -r 2 -m 2 box
	assert_equal "$stderr" 'ground: choose --rounds or --minutes, not both'
}

@test "ground: two exercises at once is a usage error" {
	run -2 --separate-stderr ground box sigh
	assert_equal "$stderr" "$USAGE
       ground -c when name=value ... | -w when
       ground -o - --redact[=cols] [option ...] [exercise]
       ground -l | -p | -h | -V"
}

@test "ground: --list takes no exercise" {
	run -2 --separate-stderr ground --list box
	assert_equal "$stderr" 'ground: --list and --plan take no exercise or other options'
}

@test "ground: --list prints the built-in exercises one a line" {
	run -0 ground --list
	assert_output 'box
478
slow
sigh
54321
pause
check'
}

@test "ground: an unknown exercise is a usage error" {
	run -2 --separate-stderr ground calm
	assert_equal "$stderr" 'ground: calm: there is no such exercise; ground --list shows them'
	assert [ ! -e "$(glog)" ]
}

@test "ground: without a terminal an exercise must be named" {
	run -2 --separate-stderr ground </dev/null
	assert_equal "$stderr" 'ground: there is no terminal to choose on; name an exercise, e.g. ground box'
}

@test "ground: without a terminal the steps are plain timed lines" {
	run -0 --separate-stderr ground -r 2 box </dev/null
	assert_output 'Box breathing: in 4, hold 4, out 4, hold 4 seconds. 2 rounds, 32 s.
Round 1 of 2.
Breathe in (4 seconds)
Hold (4 seconds)
Breathe out (4 seconds)
Hold (4 seconds)
Round 2 of 2.
Breathe in (4 seconds)
Hold (4 seconds)
Breathe out (4 seconds)
Hold (4 seconds)
Done: 32 s of box.'
	assert_equal "$stderr" ''
}

@test "ground: a run without a terminal is logged, unrated" {
	run -0 ground sigh </dev/null
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,sigh,27,,,yes,"
	run -0 stat -c %a "$(glog)"
	assert_output 600
}

@test "ground: every built-in runs to its documented length" {
	local e
	for e in box 478 slow sigh 54321 pause check; do
		ground "$e" </dev/null >/dev/null
	done
	run -0 cut -d, -f2,3,6 "$(glog)"
	assert_output 'exercise,seconds,completed
box,304,yes
478,76,yes
slow,297,yes
sigh,27,yes
54321,75,yes
pause,45,yes
check,45,yes'
}

@test "ground: 4-7-8 and the sigh keep their documented phases" {
	run -0 ground -r 1 478 </dev/null
	assert_output '4-7-8 breathing: in 4, hold 7, out 8 seconds. 19 s.
Breathe in through your nose (4 seconds)
Hold (7 seconds)
Breathe out through your mouth (8 seconds)
Done: 19 s of 478.'
	run -0 ground -r 1 sigh </dev/null
	assert_output 'The physiological sigh: two breaths in, one long out. 9 s.
Breathe in through your nose (2 seconds)
A second short breath in (1 second)
Long slow breath out (6 seconds)
Done: 9 s of sigh.'
	run -0 ground -r 1 slow </dev/null
	assert_line 'Breathe in (5.5 seconds)'
	assert_line 'Breathe out (5.5 seconds)'
	assert_line 'Done: 11 s of slow.'
}

@test "ground: the grounding exercises as timed lines" {
	run -0 ground 54321 </dev/null
	assert_output '5-4-3-2-1: what you see, feel, hear, smell and taste. 1 min 15 s.
Look around you. Name five things you can see. (25 seconds)
Name four things you can feel or touch. (20 seconds)
Listen. Name three things you can hear. (15 seconds)
Name two things you can smell. (10 seconds)
Name one thing you can taste. (5 seconds)
Done: 1 min 15 s of 54321.'
	run -0 ground check </dev/null
	assert_output 'A brief check: where, what day, what is true, am I safe. 45 s.
Where am I? (10 seconds)
What day is it? (10 seconds)
Today is Monday, 23 November 2026.
What is true right now? (15 seconds)
Am I safe right now? (10 seconds)
Done: 45 s of check.'
	run -0 ground pause </dev/null
	assert_output 'Pause before reacting: stop, breathe, notice, choose. 45 s.
Stop. You do not have to do anything yet. (5 seconds)
Breathe in slowly (4 seconds)
And out, a little longer (6 seconds)
Notice what you feel, and where in your body you feel it. (15 seconds)
Choose what you want to do next, in the way you want to do it. (15 seconds)
Done: 45 s of pause.'
}

@test "ground: --minutes chooses the rounds nearest that time" {
	run -0 ground -m 1 box </dev/null
	assert_line --index 0 'Box breathing: in 4, hold 4, out 4, hold 4 seconds. 4 rounds, 1 min 4 s.'
	run -0 ground --minutes 2 slow </dev/null
	assert_line --index 0 'Slow breathing, about 6 a minute: in 5.5, out 5.5. 11 rounds, 2 min 1 s.'
}

@test "ground: 4-7-8 is done at most 8 rounds a sitting" {
	run -2 --separate-stderr ground -r 9 478 </dev/null
	assert_equal "$stderr" 'ground: 478 is done at most 8 rounds at a sitting'
	run -0 ground -m 5 478 </dev/null
	assert_line --index 0 '478 is done at most 8 rounds at a sitting, so that is what you will do.'
	assert_line --index 1 '4-7-8 breathing: in 4, hold 7, out 8 seconds. 8 rounds, 2 min 32 s.'
}

@test "ground: the timed lines follow the clock, and SIGTERM stops gently" {
	local out=$BATS_TEST_TMPDIR/out i
	STEADY_CLOCK_PAUSE=6 ground box </dev/null >"$out" 2>&1 &
	local pid=$!
	for i in $(seq 200); do
		[ "$(grep -c '^Hold' "$out")" -ge 1 ] && break
		sleep 0.05
	done
	kill -TERM "$pid"
	local rc=0
	wait "$pid" || rc=$?
	assert_equal "$rc" 130
	run -0 cat "$out"
	assert_output 'Box breathing: in 4, hold 4, out 4, hold 4 seconds. 19 rounds, 5 min 4 s.
Round 1 of 19.
Breathe in (4 seconds)
Hold (4 seconds)
Stopped after 6 s. Stopping is your choice to make.'
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,box,6,,,no,"
}

@test "ground: -o - writes the record to standard output, the steps to stderr" {
	run -0 --separate-stderr ground -o - -r 1 box </dev/null
	assert_output "$HDR
$TS,box,16,,,yes,"
	assert_equal "${stderr_lines[0]}" 'Box breathing: in 4, hold 4, out 4, hold 4 seconds. 16 s.'
	assert [ ! -e "$(glog)" ]
}

@test "ground: -o FILE appends to that file" {
	run -0 ground -o "$BATS_TEST_TMPDIR/g.csv" -r 1 box </dev/null
	run -0 cat "$BATS_TEST_TMPDIR/g.csv"
	assert_output "$HDR
$TS,box,16,,,yes,"
}

@test "ground: an existing log keeps its own column order" {
	mkdir -p "$STEADY_DIR"
	printf 'exercise,ts,completed,seconds,pre,post\n' >"$(glog)"
	run -0 ground -r 1 box </dev/null
	run -0 cat "$(glog)"
	assert_output "exercise,ts,completed,seconds,pre,post
box,$TS,yes,16,,"
}

@test "ground: a log report reads as grounding stays readable by report" {
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/ground.csv" "$(glog)"
	run -0 ground -r 1 sigh </dev/null
	run -0 tail -n 1 "$(glog)"
	assert_output "$TS,sigh,9,,,yes"
}

@test "ground: a file that is not a grounding log is refused" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n' >"$(glog)"
	run -1 --separate-stderr ground -r 1 box </dev/null
	assert_equal "$stderr" "ground: $STEADY_DIR/ground.csv:1: this is not a grounding log (it has no ts or exercise column); nothing was saved"
}

@test "ground: a log whose last line is incomplete is not appended to" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n%s' "$HDR" "$TS,box,16,,,yes," >"$(glog)"
	run -1 --separate-stderr ground -r 1 box </dev/null
	assert_equal "$stderr" "ground: $STEADY_DIR/ground.csv:2: the last line is incomplete (no newline at its end); nothing was saved"
}

@test "ground: writing to a full disk fails" {
	run -1 --separate-stderr sh -c 'ground --list >/dev/full'
	assert_equal "$stderr" 'ground: write error: No space left on device'
}

@test "ground: --plan shows the safety plan and crisis lines" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	printf 'My clinic: 555 0100\n' >"$STEADY_CONFIG/crisis.txt"
	run -0 ground --plan
	assert_line 'Call Sam. Walk to the park.'
	assert_line 'My clinic: 555 0100'
}

@test "ground: exercises.csv adds the person's own exercises" {
	exercises 'name,text,seconds,breath,about
walk,Feel your feet on the floor,10,,my feet and breath
walk,Breathe in,3,in,
walk,Breathe out,4.5,out,'
	run -0 ground --list
	assert_line --index 7 'walk'
	run -0 ground walk </dev/null
	assert_output 'My feet and breath. 18 s.
Feel your feet on the floor (10 seconds)
Breathe in (3 seconds)
Breathe out (4.5 seconds)
Done: 18 s of walk.'
	run -0 cut -d, -f2,3 "$(glog)"
	assert_line 'walk,18'
}

@test "ground: an exercise in exercises.csv with a built-in's name replaces it" {
	exercises 'name,text,seconds
box,Look at the corner of the room,5'
	run -0 ground --list
	assert_line --index 0 'box'
	run -0 ground box </dev/null
	assert_output 'Box. 5 s.
Look at the corner of the room (5 seconds)
Done: 5 s of box.'
}

@test "ground: exercises.csv errors name the file and line" {
	exercises 'name,text,seconds
walk,Feel your feet,10
walk,Breathe in,soon'
	run -1 --separate-stderr ground --list
	assert_equal "$stderr" "ground: $STEADY_CONFIG/exercises.csv:3: seconds \"soon\" is not a time from 0.001 to 3600 seconds (like 4 or 5.5); your own exercises are left out until it is put right"
	assert_output 'box
478
slow
sigh
54321
pause
check'
}

@test "ground: exercises.csv names, breaths and columns are checked" {
	exercises 'name,text,seconds
Walk Now,Feel your feet,10'
	run -1 --separate-stderr ground --list
	assert_equal "$stderr" "ground: $STEADY_CONFIG/exercises.csv:2: name \"Walk Now\" is not a short lowercase word (a-z, 0-9, - and _, at most 20); your own exercises are left out until it is put right"
	exercises 'name,text,seconds,breath
walk,Feel your feet,10,deep'
	run -1 --separate-stderr ground --list
	assert_equal "$stderr" "ground: $STEADY_CONFIG/exercises.csv:2: breath \"deep\" is not one of in, hold, out, rest, ask or empty; your own exercises are left out until it is put right"
	exercises 'name,words
walk,Feel your feet'
	run -1 --separate-stderr ground --list
	assert_equal "$stderr" "ground: $STEADY_CONFIG/exercises.csv:1: the header needs the columns name, text and seconds; your own exercises are left out until it is put right"
	exercises 'name,text,seconds
walk,"Feel your feet,10'
	run -1 --separate-stderr ground --list
	assert_line --index 0 'box'
}

@test "ground: a broken exercises.csv still lets a built-in run" {
	exercises 'name,text,seconds
walk,,10'
	run -0 --separate-stderr ground -r 1 box </dev/null
	assert_equal "$stderr" "ground: $STEADY_CONFIG/exercises.csv:2: the text is empty; your own exercises are left out until it is put right"
	assert_line 'Done: 16 s of box.'
}

@test "ground: STEADY_CLOCK with an unknown value is an error" {
	STEADY_CLOCK=fast run -1 --separate-stderr ground --list
	assert_equal "$stderr" 'ground: STEADY_CLOCK=fast: it is "real" or "virtual"'
}

# ---- on a terminal ----

@test "ground: on a terminal the menu comes first and the choice runs" {
	TERM=dumb run_pty '
		expect "A number or a name (Enter to leave): "
		send "4\r"
		expect "How distressed do you feel right now? (0 calm .. 10 overwhelming, Enter to skip): "
		send "7\r"
		expect "And now? (0 calm .. 10 overwhelming, Enter to skip): "
		send "5\r"
	' ground -r 1
	assert_success
	assert_output 'Which exercise would you like? Press ? for your safety plan.

   1  box    box breathing: in 4, hold 4, out 4, hold 4 seconds
   2  478    4-7-8 breathing: in 4, hold 7, out 8 seconds
   3  slow   slow breathing, about 6 a minute: in 5.5, out 5.5
   4  sigh   the physiological sigh: two breaths in, one long out
   5  54321  5-4-3-2-1: what you see, feel, hear, smell and taste
   6  pause  pause before reacting: stop, breathe, notice, choose
   7  check  a brief check: where, what day, what is true, am I safe

A number or a name (Enter to leave): 4
How distressed do you feel right now? (0 calm .. 10 overwhelming, Enter to skip): 7
The physiological sigh: two breaths in, one long out. 9 s.
Press q to stop whenever you like, ? for your safety plan.

Breathe in through your nose 1 2
A second short breath in 1
Long slow breath out 1 2 3 4 5 6
Done: 9 s of sigh.
And now? (0 calm .. 10 overwhelming, Enter to skip): 5
Saved.
Your distress came down from 7 to 5.'
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,sigh,9,7,5,yes,"
}

@test "ground: the menu takes a name and explains a wrong choice" {
	TERM=dumb run_pty '
		expect "Enter to leave): "
		send "9\r"
		expect "Please choose a number from 1 to 7, or a name from the list."
		expect "Enter to leave): "
		send "sigh\r"
		expect "Enter to skip): "
		send "\r"
		expect "And now?"
		send "\r"
	' ground -r 1
	assert_success
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,sigh,9,,,yes,"
}

@test "ground: Enter at the menu leaves without saving" {
	run_pty '
		expect "Enter to leave): "
		send "\r"
	' ground
	assert_success
	assert_line 'Come back whenever you like.'
	assert [ ! -e "$(glog)" ]
}

@test "ground: Ctrl-C mid-exercise restores the terminal and records a stop" {
	local d=$BATS_TEST_TMPDIR
	TERM=dumb STEADY_CLOCK_PAUSE=6 run_pty '
		expect "Enter to skip): "
		send "7\r"
		expect "Hold 1 2"
		send "\003"
	' sh -c 'trap "" INT; stty -a >"$1"; ground box; s=$?; stty -a >"$2"; exit $s' sh "$d/before" "$d/after"
	assert_failure 130
	assert_line 'Breathe in 1 2 3 4'
	assert_line 'Hold 1 2'
	assert_line 'Stopped after 6 s. Stopping is your choice to make.'
	refute_line --partial 'And now?'
	run -0 diff "$d/before" "$d/after"
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,box,6,7,,no,"
}

@test "ground: echo works again after Ctrl-C in the drawn guide" {
	STEADY_CLOCK_PAUSE=20 run_pty '
		expect "Enter to skip): "
		send "3\r"
		expect "2/19  Hold"
		send "\003"
		expect "Stopped after 20 s."
		expect "TYPE: "
		send "hello\r"
		expect "GOT hello"
	' sh -c 'trap "" INT; ground box; s=$?; printf "TYPE: "; read -r x; echo "GOT $x"; exit $s'
	assert_failure 130
	assert_line 'TYPE: hello'
	assert_output --partial $'\e[?25h'
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,box,20,3,,no,"
}

@test "ground: q stops gently, asks the after-rating and exits 0" {
	TERM=dumb STEADY_CLOCK_PAUSE=3 run_pty '
		expect "Enter to skip): "
		send "6\r"
		expect "Breathe in 1 2 3"
		send "q"
		expect "And now?"
		send "6\r"
	' ground slow
	assert_success
	assert_line 'Stopped after 3 s. Stopping is your choice to make.'
	assert_line 'Your distress held at 6.'
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,slow,3,6,6,no,"
}

@test "ground: Ctrl-C before the exercise saves nothing" {
	run_pty '
		expect "Enter to skip): "
		send "\003"
	' ground box
	assert_failure 130
	assert_line 'Stopped before the exercise. Nothing was saved.'
	assert [ ! -e "$(glog)" ]
}

@test "ground: --no-rate asks nothing and leaves the ratings empty" {
	TERM=dumb run_pty '
		expect "Done: 9 s of sigh."
	' ground --no-rate -r 1 sigh
	assert_success
	refute_line --partial 'distressed'
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,sigh,9,,,yes,"
}

@test "ground: a rise in distress is named gently" {
	TERM=dumb run_pty '
		expect "Enter to skip): "
		send "3\r"
		expect "And now?"
		send "6\r"
	' ground -r 1 box
	assert_success
	assert_line 'Your distress went up from 3 to 6. That can happen, and it is worth knowing.'
	assert_line 'If you need more support now, ground --plan shows your plan and people to reach.'
}

@test "ground: 5-4-3-2-1 answers are kept only when the person asks" {
	TERM=dumb run_pty '
		expect "Enter to skip): "
		send "\r"
		expect "five things you can see."
		expect "  1. "
		send "the lamp\r"
		expect "  2. "
		send "a door\r"
		foreach i {3 4 5} { expect "  $i. "; send "\r" }
		foreach n {4 3 2 1} {
			for {set i 1} {$i <= $n} {incr i} {
				expect "  $i. "
				send "\r"
			}
		}
		expect "And now?"
		send "\r"
		expect "Keep what you named in your log? (y/N) "
		send "\r"
	' ground 54321
	assert_success
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,54321,0,,,yes,"
}

@test "ground: kept answers go into the note column" {
	TERM=dumb run_pty '
		expect "Where am I?"
		expect "  > "
		send "at home\r"
		expect "What day is it?"
		expect "  > "
		send "monday\r"
		expect "Today is Monday, 23 November 2026."
		expect "  > "
		send "\r"
		expect "Am I safe right now?"
		expect "  > "
		send "yes\r"
		expect "Keep what you named in your log? (y/N) "
		send "y\r"
	' ground --no-rate check
	assert_success
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,check,0,,,yes,Where am I? at home\\nWhat day is it? monday\\nAm I safe right now? yes"
}

@test "ground: no to 'am I safe right now' shows the safety plan" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	TERM=dumb run_pty '
		foreach i {1 2 3} { expect "  > "; send "\r" }
		expect "  > "
		send "no\r"
		expect "Call Sam."
		expect "Keep what you named"
		send "n\r"
	' ground --no-rate check
	assert_success
	assert_line 'Then here is your plan and the people you can reach.'
	assert_line 'Call Sam. Walk to the park.'
}

@test "ground: ? during an exercise shows the safety plan" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam. Walk to the park.\n' >"$STEADY_CONFIG/safety-plan.txt"
	TERM=dumb STEADY_CLOCK_PAUSE=2 run_pty '
		expect "Breathe in 1 2"
		send "?"
		expect "Call Sam."
		send "q"
	' ground --no-rate box
	assert_success
	assert_line 'Call Sam. Walk to the park.'
	run -0 cut -d, -f2,3,6 "$(glog)"
	assert_line 'box,2,no'
}

@test "ground: the drawn guide grows and shrinks a bar, without colour for NO_COLOR" {
	NO_COLOR=1 run_pty '
		expect "Done: 16 s of box."
	' ground --no-rate -r 1 box
	assert_success
	assert_output --partial '  Breathe in   ######..................  1'
	assert_output --partial '  Breathe in   ########################  4'
	assert_output --partial '  Hold         ########################  4'
	assert_output --partial '  Breathe out  ........................  4'
	refute_output --partial $'\e[36m'
}

@test "ground: the drawn guide is coloured unless NO_COLOR is set" {
	run_pty '
		expect "Done: 16 s of box."
	' ground --no-rate -r 1 box
	assert_success
	assert_output --partial $'\e[36m########################\e[0m  4'
}

# ---- the EXAMPLES of ground(1) ----

@test "ground: example: a minute of box breathing" {
	TERM=dumb run_pty '
		expect "Enter to skip): "
		send "6\r"
		expect "And now?"
		send "4\r"
	' ground -m 1 box
	assert_success
	assert_line 'Done: 1 min 4 s of box.'
}

@test "ground: example: a quick reset without questions" {
	TERM=dumb run_pty 'expect "Done: 27 s of sigh."' ground -n sigh
	assert_success
}

@test "ground: example: choose from the menu" {
	TERM=dumb run_pty '
		expect "Enter to leave): "
		send "box\r"
		expect "Enter to skip): "
		send "\r"
		expect "And now?"
		send "\r"
	' ground -r 1
	assert_success
	assert_line 'Done: 16 s of box.'
}

@test "ground: example: two rounds read aloud by a speech program" {
	# A stand-in that writes what it would say.
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\nexec cat\n' >"$BATS_TEST_TMPDIR/bin/espeak-ng"
	chmod +x "$BATS_TEST_TMPDIR/bin/espeak-ng"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH run -0 sh -c 'ground -r 2 box | espeak-ng'
	assert_line --index 1 'Round 1 of 2.'
	assert_line --index 2 'Breathe in (4 seconds)'
	assert_line 'Done: 32 s of box.'
}

@test "ground: example: which exercise helps most, with report" {
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/ground.csv" "$(glog)"
	run -0 sh -c 'report -f csv "$STEADY_DIR/ground.csv" | grep ,change, | cut -d, -f5,8'
	assert_output 'box,-2.333
sigh,-0.5'
}

@test "ground: example: a therapist's script in exercises.csv" {
	mkdir -p "$STEADY_CONFIG"
	cp "$FIXTURES/ground/exercises.csv" "$STEADY_CONFIG/"
	run -0 ground --list
	assert_line --index 7 'feet'
	run -0 ground feet </dev/null
	assert_output 'Feet on the floor. 20 s.
Press your feet into the floor (10 seconds)
Breathe in (4 seconds)
Breathe out (6 seconds)
Done: 20 s of feet.'
}

# ---- completions ----

@test "ground: bash completion offers the exercise names and options" {
	source "$BATS_TEST_DIRNAME/../completions/ground.bash"
	COMP_WORDS=(ground s)
	COMP_CWORD=1
	COMPREPLY=()
	_ground
	assert_equal "$(IFS='|'; printf '%s' "${COMPREPLY[*]}")" 'slow|sigh'
	COMP_WORDS=(ground --r)
	COMPREPLY=()
	_ground
	assert_equal "${COMPREPLY[*]}" '--redact --rounds'
}

@test "ground: bash completion offers the person's own exercises" {
	exercises 'name,text,seconds
walk,Feel your feet,10'
	source "$BATS_TEST_DIRNAME/../completions/ground.bash"
	COMP_WORDS=(ground w)
	COMP_CWORD=1
	COMPREPLY=()
	_ground
	assert_equal "${COMPREPLY[*]}" 'walk'
}

@test "ground: fish completion offers the exercise names" {
	command -v fish >/dev/null || skip 'fish is not installed'
	run -0 fish --no-config -c "source $BATS_TEST_DIRNAME/../completions/ground.fish; complete -C 'ground 5'"
	assert_output '54321'
}

@test "ground: zsh completion offers the exercise names" {
	command -v zsh >/dev/null || skip 'zsh is not installed'
	local out=$BATS_TEST_TMPDIR/zsh.line
	mkdir -p "$BATS_TEST_TMPDIR/fpath"
	cp "$BATS_TEST_DIRNAME/../completions/_ground" "$BATS_TEST_TMPDIR/fpath/"
	cat >"$BATS_TEST_TMPDIR/drive.zsh" <<-'ZSH'
		zmodload zsh/zpty
		zpty z zsh -f -i
		zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
		zpty -w z "zle-line-finish() { [[ \$BUFFER == '#'* ]] && print -r -- \"\$BUFFER\" >$2 }; zle -N zle-line-finish"
		zpty -w z "PS1=''"
		zpty -n -w z "$3"$'\t\C-a#\n'
		for i in {1..100}; do [[ -s $2 ]] && break; sleep 0.1; done
		zpty -d z
	ZSH
	zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" "$out" 'ground 543'
	run -0 sed 's/^#//' "$out"
	assert_output 'ground 54321'
}

@test "ground: example: breathe first, then see what helps (steady.7)" {
	TERM=dumb run_pty '
		expect "Enter to skip): "
		send "7\r"
		expect "And now?"
		send "5\r"
	' ground sigh
	assert_success
	run -0 sh -c 'report -f csv "$STEADY_DIR/ground.csv" | grep ,change,'
	assert_output 'data,,,grounding,sigh,change,1,-2,,-2,-2,-2,-2,,,,too few to tell,-2,-2'
}

@test "ground: the bar narrows to fit a narrow terminal" {
	run_pty '
		expect "Done: 16 s of box."
	' sh -c 'stty cols 40; NO_COLOR=1 exec ground --no-rate -r 1 box'
	assert_success
	assert_output --partial '  Breathe in   #########  4'
	refute_output --partial '##########'
}

@test "ground: Ctrl-C at the after question saves the exercise unrated after" {
	TERM=dumb run_pty '
		expect "Enter to skip): "
		send "8\r"
		expect "And now?"
		send "\003"
	' ground -r 1 box
	assert_failure 130
	assert_line 'Saved.'
	run -0 cat "$(glog)"
	assert_output "$HDR
$TS,box,16,8,,yes,"
}

@test "ground: --list and --plan do not go together" {
	run -2 --separate-stderr ground --list --plan
	assert_equal "${stderr_lines[0]}" 'ground: choose one of --list and --plan'
	assert_equal "${stderr_lines[1]}" "$USAGE"
}
