#!/usr/bin/env bats
# reflect: journal entries, thought records, exposure, weekly and
# experiment reflections; scan and search.

load helper

R=$BATS_TEST_DIRNAME/fixtures/reflect
COMPLETIONS=$BATS_TEST_DIRNAME/../completions
HDR='ts,kind,id,prompt,text,situation,emotion,intensity,thought,traps,evidence_for,evidence_against,balanced,intensity_after,belief,prediction,done,happened,belief_after,trial,step,went_well,hard,adjust,learned,week'
TS='2026-11-23T07:30:00+01:00'
ID='r20261123T073000'

# Ctrl-C, as an expect script.  A second Ctrl-C follows if the first
# found the program between two reads of the terminal (a window that a
# slow run, such as under valgrind, can hit); either way nothing is saved.
STOP='
	send "\003"
	set timeout 3
	expect {
		"Nothing was saved" {}
		timeout { send "\003"; exp_continue }
	}
	expect eof
'

rlog() {
	printf '%s/reflect.csv\n' "$STEADY_DIR"
}

# Lines of the log after its header.
entries() {
	tail -n +2 "$(rlog)"
}

# The logs of the other programs for a week, from the fixtures.
week_logs() {
	mkdir -p "$STEADY_DIR"
	cp "$R/checkin.csv" "$R/ground.csv" "$R/trials.csv" "$STEADY_DIR/"
}

editor() {
	export EDITOR=$R/editor.sh EDITOR_LOG=$BATS_TEST_TMPDIR/editor.log
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir -p "$TMPDIR"
}

# ---- options and usage ----

@test "reflect: --help prints the usage and the kinds, exit 0" {
	run -0 --separate-stderr reflect --help
	assert_line --index 0 'usage: reflect [journal] [-l] [-p prompt] [-o file] [field=value ...]'
	assert_line '  thought      a thought record: the thought, traps, evidence, a balanced view'
	assert_equal "$stderr" ''
}

@test "reflect: --version" {
	run -0 reflect --version
	assert_output 'reflect (steady) 0.1.0'
}

@test "reflect: an unknown option is a usage error" {
	run -2 --separate-stderr reflect --bogus
	assert_output ''
	assert_equal "${stderr_lines[0]}" 'reflect: --bogus is not an option'
	assert_equal "${stderr_lines[1]}" 'usage: reflect [journal] [-l] [-p prompt] [-o file] [field=value ...]'
}

@test "reflect: an unknown kind is a usage error" {
	run -2 --separate-stderr reflect jornal
	assert_equal "${stderr_lines[0]}" 'reflect: jornal: choose journal, thought, exposure, weekly, experiment, scan, search, prompts or traps'
}

@test "reflect: --trial goes with exposure only" {
	run -2 --separate-stderr reflect thought --trial t1
	assert_equal "$stderr" 'reflect: --trial goes with exposure'
}

@test "reflect: --kind goes with search only" {
	run -2 --separate-stderr reflect scan -k journal
	assert_equal "$stderr" 'reflect: --kind, --since and --until go with search'
}

@test "reflect: search needs exactly one pattern" {
	run -2 --separate-stderr reflect search
	assert_equal "${stderr_lines[0]}" 'usage: reflect [journal] [-l] [-p prompt] [-o file] [field=value ...]'
}

@test "reflect: a write error on standard output exits 1" {
	run -1 --separate-stderr sh -c 'reflect traps >/dev/full'
	assert_equal "$stderr" 'reflect: write error: No space left on device'
}

# ---- journal ----

@test "reflect: journal from a pipe is saved as one line" {
	run -0 --separate-stderr sh -c 'printf "a hard day, then a walk\nslept well\n" | reflect'
	assert_output ''
	assert_equal "$stderr" ''
	run -0 cat "$(rlog)"
	assert_output "$HDR
$TS,journal,$ID,,\"a hard day, then a walk\\nslept well\",,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: the log is created 0600 in a 0700 directory" {
	echo words | reflect journal
	run -0 stat -c '%a' "$(rlog)" "$STEADY_DIR"
	assert_output '600
700'
}

@test "reflect: journal -o - writes the entry to standard output only" {
	run -0 sh -c 'echo "a calm evening" | reflect journal -o -'
	assert_output "ts,kind,id,prompt,text
$TS,journal,$ID,,a calm evening"
	[ ! -e "$(rlog)" ]
}

@test "reflect: journal --prompt records the prompt's words" {
	run -0 sh -c 'echo "my sister" | reflect journal -p safe-place -o -'
	assert_output "ts,kind,id,prompt,text
$TS,journal,$ID,\"Where, and with whom, do you feel safest right now? What makes it so?\",my sister"
}

@test "reflect: an unknown --prompt is a usage error" {
	run -2 --separate-stderr sh -c 'echo x | reflect -p nope'
	assert_equal "$stderr" 'reflect: --prompt nope: there is no such prompt; reflect prompts lists them'
	[ ! -e "$(rlog)" ]
}

@test "reflect: an empty pipe records nothing" {
	run -2 --separate-stderr sh -c 'reflect </dev/null'
	assert_equal "$stderr" 'reflect: nothing to record: every field given is empty'
	[ ! -e "$(rlog)" ]
}

@test "reflect: journal as text= operand" {
	run -0 reflect journal text='short and kind'
	run -0 entries
	assert_output "$TS,journal,$ID,,short and kind,,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: journal on a terminal opens the editor with the day's prompt" {
	editor
	export WORDS='I held my ground today.'
	run_pty 'expect eof' reflect
	assert_success
	assert_line 'Which boundary did you hold, or want to hold, and what happened?'
	assert_line 'Saved your journal entry.'
	run -0 entries
	assert_output "$TS,journal,$ID,\"Which boundary did you hold, or want to hold, and what happened?\",I held my ground today.,,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: the editor gets a private draft and no words on its command line" {
	editor
	export WORDS='private words'
	run_pty 'expect eof' reflect journal
	assert_success
	run -0 cat "$EDITOR_LOG"
	assert_line --index 0 --regexp "^args: $TMPDIR/steady-reflect\.[A-Za-z0-9]{6}/steady-draft\.[A-Za-z0-9]{6}\$"
	assert_line --index 1 'dir: 700'
	assert_line --index 2 'file: 600'
	assert_line --index 3 'in: |# Which boundary did you hold, or want to hold, and what happened?|# Write in your own words above. Lines that start with # are left|# out, and an empty entry saves nothing.|'
	# The draft, the editor's backup and the private folder are gone.
	run -0 find "$TMPDIR" -mindepth 1
	assert_output ''
}

@test "reflect: journal --line writes one line at the prompt" {
	run_pty '
		expect "Your words"
		send "a line of my own\r"
		expect eof
	' reflect journal --line --prompt strengths
	assert_success
	assert_line 'Which of your strengths carried you through this month?'
	run -0 entries
	assert_output "$TS,journal,$ID,Which of your strengths carried you through this month?,a line of my own,,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: an empty draft saves nothing and says so gently" {
	editor
	export EDITOR_DO=empty
	run_pty 'expect eof' reflect
	assert_success
	assert_line 'Nothing was written, so nothing was saved. You can come back to it whenever you like.'
	[ ! -e "$(rlog)" ]
}

@test "reflect: Ctrl-C in the editor saves nothing, exit 130" {
	editor
	export EDITOR_DO=interrupt
	run_pty 'expect eof' reflect
	assert_equal "$status" 130
	assert_line 'Stopped. Nothing was saved.'
	[ ! -e "$(rlog)" ]
	run -0 find "$TMPDIR" -mindepth 1
	assert_output ''
}

@test "reflect: an editor that fails saves nothing, exit 1" {
	editor
	export EDITOR_DO=fail
	run_pty 'expect eof' reflect
	assert_equal "$status" 1
	assert_line --partial 'did not finish cleanly'
	assert_line 'Nothing was saved.'
	[ ! -e "$(rlog)" ]
}

@test "reflect: without a terminal, ? in a field is only text" {
	run -0 sh -c 'echo "?" | reflect'
	run -0 entries
	assert_output "$TS,journal,$ID,,?,,,,,,,,,,,,,,,,,,,,,"
}

# ---- thought records ----

# Answers for every step of a thought record, in order.
thought_walk='
	expect "What happened"
	send "at dinner, they laughed\r"
	expect "What did you feel"
	send "ashamed\r"
	expect "How strong was"
	send "80\r"
	expect "What went through"
	send "They think I am a fool\r"
	expect "fit how"
	send "y\r"
	expect "fit how"
	send "n\r"
	expect "see the list"
	send "y\r"
	expect "Numbers"
	send "12\r"
	expect "Numbers"
	send "7\r"
	expect "seem true"
	send "they laughed\r"
	expect "not fit"
	send "\r"
	expect "balanced"
	send "I do not know why they laughed\r"
	expect "now?"
	send "40\r"
	expect eof
'

@test "reflect: a thought record on a terminal, traps confirmed and added" {
	run_pty "$thought_walk" reflect thought
	assert_success
	assert_line 'Some words might point to a thinking trap (in brackets):'
	assert_line '  [They think I am a fool]'
	assert_line 'A possible thinking trap, mind reading: Being sure you know what someone thinks or feels about you when they have not said it.'
	assert_line 'A possible thinking trap, labelling: Summing up yourself or someone else in one harsh word, as if a label were the whole person.'
	assert_line 'Please give numbers from 1 to 9, or press Enter.'
	assert_line 'Saved your thought record.'
	assert_line 'Thinking traps you noticed: mind reading, personalising and self-blame.'
	run -0 entries
	assert_output "$TS,thought,$ID,,,\"at dinner, they laughed\",ashamed,80,They think I am a fool,mind_reading;personalising,they laughed,,I do not know why they laughed,40,,,,,,,,,,,,"
}

@test "reflect: Ctrl-C at any step of a thought record saves nothing" {
	local step script
	for step in "What happened" "What did you feel" "How strong was" \
	    "What went through" "fit how" "see the list" "seem true" \
	    "not fit" "balanced" "now?"; do
		script='
			expect "What happened"
			send "x\r"
			expect "What did you feel"
			send "sad\r"
			expect "How strong was"
			send "50\r"
			expect "What went through"
			send "It will happen again\r"
			expect "fit how"
			send "y\r"
			expect "see the list"
			send "n\r"
			expect "seem true"
			send "a\r"
			expect "not fit"
			send "b\r"
			expect "balanced"
			send "c\r"
			expect "now?"
			send "d\r"
		'
		# Cut the walk at this step and press Ctrl-C there.
		script=${script%%"expect \"$step"*}
		run_pty "$script
			expect \"$step\"
			$STOP" reflect thought
		assert_equal "$status" 130
		assert_line 'Stopped. Nothing was saved.'
		[ ! -e "$(rlog)" ]
	done
}

@test "reflect: end of input mid thought record saves nothing, exit 1" {
	run_pty '
		expect "What happened"
		send "at work\r"
		expect "What did you feel"
		send "\004"
		expect eof
	' reflect thought
	assert_equal "$status" 1
	assert_line 'Nothing was saved.'
	[ ! -e "$(rlog)" ]
}

@test "reflect: a thought record with every step skipped saves nothing" {
	run_pty '
		foreach q {"What happened" "What did you feel" "What went through" "seem true" "not fit" "balanced"} {
			expect $q
			send "\r"
		}
		expect eof
	' reflect thought
	assert_success
	assert_line 'Nothing was written, so nothing was saved. You can come back to it whenever you like.'
	[ ! -e "$(rlog)" ]
}

@test "reflect: a thought with no trap found still offers the list" {
	run_pty '
		expect "What happened"
		send "\r"
		expect "What did you feel"
		send "\r"
		expect "What went through"
		send "I miss the old days\r"
		expect "see the list"
		send "\r"
		expect "seem true"
		send "\r"
		expect "not fit"
		send "\r"
		expect "balanced"
		send "\r"
		expect eof
	' reflect thought
	assert_success
	assert_line 'No common thinking trap stood out in those words.'
	run -0 entries
	assert_output "$TS,thought,$ID,,,,,,I miss the old days,,,,,,,,,,,,,,,,,"
}

@test "reflect: ? at a step shows the safety plan and asks again" {
	mkdir -p "$STEADY_CONFIG"
	printf 'Call Sam.\n' >"$STEADY_CONFIG/safety-plan.txt"
	run_pty '
		expect "What happened"
		send "?\r"
		expect "What happened"
	'"$STOP"'
	' reflect thought
	assert_equal "$status" 130
	assert_line 'Call Sam.'
}

@test "reflect: a thought record from operands" {
	run -0 --separate-stderr reflect thought situation='a text at 2am' \
	    emotion=fear intensity=90 thought='he will cheat again' \
	    traps='fortune_telling' balanced='one text is not proof' \
	    intensity_after=+60
	assert_equal "$stderr" ''
	run -0 entries
	assert_output "$TS,thought,$ID,,,a text at 2am,fear,90,he will cheat again,fortune_telling,,,one text is not proof,60,,,,,,,,,,,,"
}

@test "reflect: a thought record from name=value lines on a pipe" {
	run -0 sh -c 'printf "%s\n" "# a comment" "situation=alone at home" "" \
	    "thought=It is all my fault" "evidence_against=he chose to lie\\nnot me" \
	    | reflect thought'
	run -0 entries
	assert_output "$TS,thought,$ID,,,alone at home,,,It is all my fault,,,he chose to lie\\nnot me,,,,,,,,,,,,,,"
}

@test "reflect: from a pipe, traps are recorded only when named" {
	echo 'thought=They think I am a fool' | reflect thought
	run -0 sh -c "tail -n 1 '$(rlog)' | cut -d, -f9,10"
	assert_output 'They think I am a fool,'
}

@test "reflect: an unknown field names the fields, never the words" {
	run -2 --separate-stderr reflect thought mood='very private words'
	assert_equal "$stderr" 'reflect: mood: a thought entry has no such field; its fields are situation, emotion, intensity, thought, traps, evidence_for, evidence_against, balanced, intensity_after'
	[ ! -e "$(rlog)" ]
}

@test "reflect: a bad line on a pipe names the line" {
	run -2 --separate-stderr sh -c 'printf "situation=ok\nsecret words\n" | reflect thought'
	assert_equal "$stderr" 'reflect: standard input:2: give fields as name=value, e.g. situation=...'
	[ ! -e "$(rlog)" ]
}

@test "reflect: a rating out of range is a usage error" {
	run -2 --separate-stderr reflect thought intensity=101
	assert_equal "$stderr" 'reflect: intensity is a whole number from 0 to 100'
}

@test "reflect: an unknown trap name is a usage error" {
	run -2 --separate-stderr reflect thought thought=x traps='mind_reading;doom'
	assert_equal "$stderr" 'reflect: traps: name them as reflect traps lists them, separated by ;'
}

@test "reflect: a field given twice is a usage error" {
	run -2 --separate-stderr reflect thought thought=a thought=b
	assert_equal "$stderr" 'reflect: thought is given twice'
}

# ---- exposure ----

@test "reflect: exposure --trial links the entry to the trial" {
	week_logs
	run -0 reflect exposure --trial t20261120T180000 went_well='I stayed' \
	    learned='I did not fall apart'
	run -0 entries
	assert_output "$TS,exposure,$ID,,,,,,,,,,,,,,,,,t20261120T180000,Drive past the cafe,I stayed,,,I did not fall apart,"
}

@test "reflect: exposure --trial with an unknown id" {
	week_logs
	run -1 --separate-stderr reflect exposure --trial t9 learned=x
	assert_equal "$stderr" "reflect: no trial with id t9 in $STEADY_DIR/trials.csv"
	[ ! -e "$(rlog)" ]
}

@test "reflect: exposure --trial without a trials log" {
	run -1 --separate-stderr reflect exposure --trial t1 learned=x
	assert_equal "$stderr" "reflect: no trial with id t1 in $STEADY_DIR/trials.csv"
}

@test "reflect: exposure --trial on a terminal shows the trial first" {
	week_logs
	run_pty '
		expect "went well"
		send "I stayed\r"
		expect "hard"
		send "the first minute\r"
		expect "change next time"
		send "go at noon\r"
		expect "learn"
		send "the fear passed\r"
		expect eof
	' reflect exposure --trial t20261122T183000
	assert_success
	assert_line 'The trial on 2026-11-22: Read old messages, ten minutes'
	assert_line '  at its peak: 80'
	assert_line '  what you feared: I will not be able to stop crying'
	assert_line 'Saved your reflection on the trial.'
	run -0 entries
	assert_output "$TS,exposure,$ID,,,,,,,,,,,,,,,,,t20261122T183000,\"Read old messages, ten minutes\",I stayed,the first minute,go at noon,the fear passed,"
}

@test "reflect: exposure on a terminal offers the last trial" {
	week_logs
	run_pty '
		expect "Is this the trial"
		send "n\r"
		foreach q {"went well" "hard" "change next time"} {
			expect $q
			send "\r"
		}
		expect "learn"
		send "it passed\r"
		expect eof
	' reflect exposure
	assert_success
	run -0 entries
	assert_output "$TS,exposure,$ID,,,,,,,,,,,,,,,,,,,,,,it passed,"
}

# ---- weekly ----

@test "reflect: weekly shows this week beside the week before" {
	week_logs
	run_pty '
		expect "went with"
		send "walked every morning\r"
		expect eof
	' reflect weekly
	assert_success
	assert_output 'A weekly reflection, 2026-11-23 at 07:30.
Press Enter to skip a step, ? to see your safety plan, Ctrl-C to stop
without saving.

Your week, 2026-W48, beside the week before:

  check-ins                 week before  this week
  mood                              4.2        6.0
  trust                             3.0        4.0
  safety                            6.6        8.0
  distress                          5.8        4.0
  arousal                           0.4        0.0
  days with a check-in                5          1
  (A week with fewer than 4 days of check-ins gives only a rough picture.)
  grounding sessions                  1          2
    change in distress             -2.0       -2.0
  exposure trials                     2          0
    change in distress             -7.5          -

What did you do this week that went with these changes? walked every morning

Saved your weekly reflection.'
	run -0 entries
	assert_output "$TS,weekly,$ID,,walked every morning,,,,,,,,,,,,,,,,,,,,,2026-W48"
}

@test "reflect: weekly with no logs yet" {
	run_pty '
		expect "went with"
	'"$STOP"'
	' reflect weekly
	assert_equal "$status" 130
	assert_line '  days with a check-in                0          0'
	assert_line '  grounding sessions                  0          0'
}

@test "reflect: weekly from a pipe records the week" {
	echo 'text=rested more' | reflect weekly
	run -0 entries
	assert_output "$TS,weekly,$ID,,rested more,,,,,,,,,,,,,,,,,,,,,2026-W48"
}

# ---- experiments ----

@test "reflect: an experiment on a terminal" {
	run_pty '
		expect "Which belief"
		send "I cannot trust anyone\r"
		expect "fit how"
		send "y\r"
		expect "see the list"
		send "\r"
		expect "How strongly do you hold it"
		send "90\r"
		expect "what will happen"
		send "my friend will let me down\r"
		expect "What did you do"
		send "asked her to keep a plan\r"
		expect "actually happened"
		send "she came, on time\r"
		expect "hold the belief now"
		send "60\r"
		expect eof
	' reflect experiment
	assert_success
	assert_line '  I [cannot trust anyone]'
	assert_line 'Saved your experiment.'
	run -0 entries
	assert_output "$TS,experiment,$ID,,,,,,I cannot trust anyone,overgeneralising,,,,,90,my friend will let me down,asked her to keep a plan,\"she came, on time\",60,,,,,,,"
}

@test "reflect: an experiment from operands" {
	run -0 reflect experiment thought='no one keeps promises' belief=80 \
	    belief_after=55 -o -
	assert_output "ts,kind,id,thought,traps,belief,prediction,done,happened,belief_after
$TS,experiment,$ID,no one keeps promises,,80,,,,55"
}

# ---- the log ----

@test "reflect: entries in the same second get ids of their own" {
	echo one | reflect
	echo two | reflect
	echo three | reflect
	run -0 sh -c "cut -d, -f3 '$(rlog)'"
	assert_output "id
$ID
$ID-2
$ID-3"
}

@test "reflect: an older log gains the new columns, every cell kept" {
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/reflect.csv" "$(rlog)"
	echo 'a new day' | reflect
	run -0 cat "$(rlog)"
	assert_output 'ts,kind,text,traps,id,prompt,situation,emotion,intensity,thought,evidence_for,evidence_against,balanced,intensity_after,belief,prediction,done,happened,belief_after,trial,step,went_well,hard,adjust,learned,week
2026-11-02T21:00:00+01:00,journal,a hard day,,,,,,,,,,,,,,,,,,,,,,,
2026-11-03T21:00:00+01:00,thought,"they think I am a fool",mind_reading;labelling,,,,,,,,,,,,,,,,,,,,,,
2026-11-05T21:00:00+01:00,thought,it will happen again,fortune_telling,,,,,,,,,,,,,,,,,,,,,,
2026-11-06T21:00:00+01:00,thought,"I always ruin things",overgeneralising;labelling,,,,,,,,,,,,,,,,,,,,,,
2026-11-09T21:00:00+01:00,weekly,a calmer week,,,,,,,,,,,,,,,,,,,,,,,
2026-11-23T07:30:00+01:00,journal,a new day,,r20261123T073000,,,,,,,,,,,,,,,,,,,,,'
}

@test "reflect: a log that is not a reflection log is left alone" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n2026-11-01T08:00:00+01:00,5\n' >"$(rlog)"
	run -1 --separate-stderr sh -c 'echo secret words | reflect'
	assert_equal "$stderr" "reflect: $STEADY_DIR/reflect.csv:1: this is not a reflection log (it has no ts and kind columns); nothing was saved"
	run -0 cat "$(rlog)"
	assert_output 'ts,mood
2026-11-01T08:00:00+01:00,5'
}

@test "reflect: a log with a broken line is not rewritten" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,kind,text\n2026-11-01T08:00:00+01:00,journal,"open\n' >"$(rlog)"
	run -1 --separate-stderr sh -c 'echo secret words | reflect'
	assert_equal "$stderr" "reflect: $STEADY_DIR/reflect.csv:2: a quote is not closed; the log needs new columns, so this line has to be put right first; nothing was saved"
}

@test "reflect: a failed save on a terminal offers to show the words" {
	mkdir -p "$STEADY_DIR/reflect.csv"
	run_pty '
		expect "Your words"
		send "keep me\r"
		expect "see what you wrote"
		send "y\r"
		expect eof
	' reflect --line
	assert_equal "$status" 1
	assert_line 'text: keep me'
}

@test "reflect: -o FILE appends to a log of its own" {
	echo one | reflect -o "$BATS_TEST_TMPDIR/mine.csv"
	run -0 sed -n 2p "$BATS_TEST_TMPDIR/mine.csv"
	assert_output "$TS,journal,$ID,,one,,,,,,,,,,,,,,,,,,,,,"
	[ ! -e "$(rlog)" ]
}

@test "reflect: words that read as acute risk show the plan, and are saved" {
	run -0 --separate-stderr sh -c 'echo "some days I want to die" | reflect'
	assert_equal "${stderr_lines[0]}" 'Your entry is saved. Some of what you wrote sounds like things may feel unsafe right now,'
	assert_equal "${stderr_lines[1]}" 'so here is your plan and people you can reach.'
	run -0 entries
	assert_output "$TS,journal,$ID,,some days I want to die,,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: the safety response on a terminal comes after saving" {
	run_pty '
		expect "What happened"
		send "I want to end it all\r"
		expect "What did you feel"
	'"$STOP"'
	' reflect thought
	assert_equal "$status" 130
	refute_line --partial 'here is your plan'
	run_pty '
		expect "Your words"
		send "I want to end it all\r"
		expect eof
	' reflect --line
	assert_success
	assert_line 'Saved your journal entry.'
	assert_line 'so here is your plan and people you can reach.'
}

# ---- scan ----

@test "reflect: scan reads standard input and writes one row per match" {
	run -0 sh -c 'printf "They think I am a fool.\nA quiet day.\nIt will happen again.\n" | reflect scan'
	assert_output 'source,line,trap,text
stdin,1,mind_reading,They think I am
stdin,1,labelling,I am a fool
stdin,3,fortune_telling,It will happen again'
}

@test "reflect: scan names each file and goes on past a missing one" {
	printf 'ok\nI should have known.\n' >"$BATS_TEST_TMPDIR/a.txt"
	cd "$BATS_TEST_TMPDIR"
	run -1 --separate-stderr reflect scan a.txt none.txt a.txt
	assert_output 'source,line,trap,text
a.txt,2,personalising,I should have known
a.txt,2,should_statements,should have known
a.txt,2,personalising,I should have known
a.txt,2,should_statements,should have known'
	assert_equal "$stderr" 'reflect: none.txt: No such file or directory'
}

@test "reflect: scan finds a trap in every sentence of the corpus that has one" {
	run -0 sh -c "reflect scan '$R/traps-yes.txt' | tail -n +2 | cut -d, -f2 | sort -un | wc -l"
	assert_output "$(wc -l <"$R/traps-yes.txt")"
}

@test "reflect: scan finds nothing in ordinary sentences" {
	run -0 reflect scan "$R/traps-no.txt"
	assert_output 'source,line,trap,text'
}

@test "reflect: scan names the trap of each corpus sentence" {
	run -0 sh -c "reflect scan '$R/traps-yes.txt' | cut -d, -f2,3 | sed -n '2,9p'"
	assert_output '1,all_or_nothing
2,all_or_nothing
3,all_or_nothing
4,all_or_nothing
5,overgeneralising
6,overgeneralising
7,overgeneralising
8,overgeneralising'
}

@test "reflect: scan matches whole words, any case, curly apostrophes" {
	run -0 sh -c "printf 'NEVERTHELESS fine\nI CAN\342\200\231T TRUST ANYONE\n' | reflect scan"
	assert_output "source,line,trap,text
stdin,2,overgeneralising,CAN$(printf '\342\200\231')T TRUST ANYONE"
}

@test "reflect: scan takes text that is not valid UTF-8" {
	run -0 sh -c "printf 'caf\351 \377 he will never change\n' | reflect scan"
	assert_output 'source,line,trap,text
stdin,1,overgeneralising,never change'
}

@test "reflect: scan of empty input prints the header only" {
	run -0 sh -c 'reflect scan </dev/null'
	assert_output 'source,line,trap,text'
}

@test "reflect: distortions.csv adds, changes and turns off traps" {
	mkdir -p "$STEADY_CONFIG"
	cat >"$STEADY_CONFIG/distortions.csv" <<-'EOF'
		name,pattern,title,explanation
		mind_reading,,,
		betrayal_certainty,it (?:will|is going to) happen again,certainty of betrayal,Treating a fear as a certainty.
		labelling,i am a mess,,
	EOF
	run -0 sh -c 'printf "They think I am a fool.\nIt will happen again. I am a mess.\n" | reflect scan'
	assert_output 'source,line,trap,text
stdin,2,fortune_telling,It will happen again
stdin,2,betrayal_certainty,It will happen again
stdin,2,labelling,I am a mess'
	run -1 sh -c 'reflect traps | grep -c mind_reading'
	assert_output '0'
	run -0 sh -c 'reflect traps | tail -n 1'
	assert_output "$(printf 'betrayal_certainty\tcertainty of betrayal\tTreating a fear as a certainty.')"
}

@test "reflect: a broken distortions.csv is named with its line" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,pattern\nok,fine\nbad,(unclosed\n' >"$STEADY_CONFIG/distortions.csv"
	run -1 --separate-stderr sh -c 'echo x | reflect scan'
	assert_equal "$stderr" "reflect: $STEADY_CONFIG/distortions.csv:3: bad: at offset 9: missing closing parenthesis"
}

@test "reflect: a broken distortions.csv does not stop an entry being saved" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,pattern\nBad,x\n' >"$STEADY_CONFIG/distortions.csv"
	run -0 --separate-stderr reflect thought thought=hello
	assert_equal "$stderr" "reflect: $STEADY_CONFIG/distortions.csv:2: \"Bad\" is not a trap name (lower-case letters, digits and _)"
	run -0 entries
	assert_output "$TS,thought,$ID,,,,,,hello,,,,,,,,,,,,,,,,,"
}

# ---- search and the lists ----

search_log() {
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/reflect.csv" "$(rlog)"
}

@test "reflect: search prints the header and the matching entries" {
	search_log
	run -0 reflect search 'FOOL|calmer'
	assert_output 'ts,kind,text,traps
2026-11-03T21:00:00+01:00,thought,"they think I am a fool",mind_reading;labelling
2026-11-09T21:00:00+01:00,weekly,a calmer week,'
}

@test "reflect: search finds entries by the traps noted in them" {
	search_log
	run -0 sh -c 'reflect search labelling | cut -d, -f1'
	assert_output 'ts
2026-11-03T21:00:00+01:00
2026-11-06T21:00:00+01:00'
}

@test "reflect: search --kind and --since narrow it down" {
	search_log
	run -0 reflect search -k thought -s 2026-11-04 'again|always'
	assert_output 'ts,kind,text,traps
2026-11-05T21:00:00+01:00,thought,it will happen again,fortune_telling
2026-11-06T21:00:00+01:00,thought,"I always ruin things",overgeneralising;labelling'
}

@test "reflect: search exits 1 when nothing matches" {
	search_log
	run -1 reflect search 'no such words'
	assert_output ''
}

@test "reflect: search with a broken pattern exits 2" {
	run -2 --separate-stderr reflect search '(oops'
	assert_equal "$stderr" 'reflect: pattern: at offset 5: missing closing parenthesis'
}

@test "reflect: search with an unknown kind exits 2" {
	run -2 --separate-stderr reflect search -k diary x
	assert_equal "$stderr" 'reflect: --kind diary: the kinds are journal, thought, exposure, weekly and experiment'
}

@test "reflect: prompts lists the built-in prompts by stage" {
	run -0 sh -c 'reflect prompts | cut -f1,2'
	assert_output 'name	stage
got-through	stabilising
safe-place	stabilising
body-today	stabilising
hurts-most	understanding
old-beliefs	understanding
what-it-means	understanding
kept-promise	repair
what-i-need	repair
a-boundary	repair
learned-about-me	growth
strengths	growth
letter-ahead	growth'
}

@test "reflect: prompts.csv adds, changes and removes prompts" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,stage,text\nstrengths,growth,What am I proud of?\ngot-through,,\nmine,repair,What did we repair?\n' >"$STEADY_CONFIG/prompts.csv"
	run -0 sh -c 'reflect prompts | sed -n "2p;11,12p"'
	assert_output "$(printf 'safe-place\tstabilising\tWhere, and with whom, do you feel safest right now? What makes it so?\nstrengths\tgrowth\tWhat am I proud of?\nletter-ahead\tgrowth\tWrite a few lines to the person you will be a year from now.')"
	run -0 sh -c 'reflect prompts | tail -n 1'
	assert_output "$(printf 'mine\trepair\tWhat did we repair?')"
}

@test "reflect: traps lists the nine built-in traps" {
	run -0 sh -c 'reflect traps | cut -f1,2'
	assert_output 'name	title
all_or_nothing	all-or-nothing thinking
overgeneralising	overgeneralising
mind_reading	mind reading
fortune_telling	fortune telling
should_statements	should statements
labelling	labelling
personalising	personalising and self-blame
emotional_reasoning	emotional reasoning
discounting_positive	discounting the positive'
}

# ---- with report ----

@test "reflect: report reads the traps reflect noted" {
	reflect thought thought='They think I am a fool' traps='mind_reading;labelling'
	reflect thought thought='It will happen again' traps=fortune_telling
	run -0 sh -c "report -f table '$(rlog)' | grep 'thinking traps'"
	assert_output 'Possible thinking traps noted most often: fortune_telling (1), labelling (1), mind_reading (1).'
}

# ---- the EXAMPLES of reflect(1) ----

@test "reflect: example: write in your journal from today's prompt" {
	editor
	export WORDS='a kinder day'
	run_pty 'expect eof' reflect
	assert_success
	run -0 entries
	assert_output "$TS,journal,$ID,\"Which boundary did you hold, or want to hold, and what happened?\",a kinder day,,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: example: a thought record on the terminal" {
	run_pty "$thought_walk" reflect thought
	assert_success
	assert_line 'Saved your thought record.'
}

@test "reflect: example: lines written elsewhere as a journal entry" {
	run -0 sh -c "printf 'a hard day, then a walk\n' | reflect"
	run -0 entries
	assert_output "$TS,journal,$ID,,\"a hard day, then a walk\",,,,,,,,,,,,,,,,,,,,,"
}

@test "reflect: example: a thought record shown, not saved" {
	run -0 sh -c "reflect thought thought='it will happen again' \
	    traps=fortune_telling intensity=70 -o - | cut -d, -f6-8"
	assert_output 'intensity,thought,traps
70,it will happen again,fortune_telling'
	[ ! -e "$(rlog)" ]
}

@test "reflect: example: looking back on an exposure trial" {
	week_logs
	run_pty '
		foreach q {"went well" "hard" "change next time" "learn"} {
			expect $q
			send "fine\r"
		}
		expect eof
	' reflect exposure --trial t20261122T183000
	assert_success
	run -0 sh -c "tail -n 1 '$(rlog)' | cut -d, -f20"
	assert_output 't20261122T183000'
}

@test "reflect: example: the traps in a client's notes, most often first" {
	cd "$R"
	run -0 sh -c 'reflect scan notes.txt | tail -n +2 | cut -d, -f3 | sort | uniq -c |
	    sort -rn'
	assert_output '      2 overgeneralising
      1 mind_reading'
}

@test "reflect: example: thought records with mind reading, last four weeks" {
	mkdir -p "$STEADY_DIR"
	cp "$FIXTURES/reflect.csv" "$(rlog)"
	STEADY_NOW=2026-11-30T08:00:00+01:00 reflect thought \
	    thought='they all pity me' traps=mind_reading
	run -0 reflect search -k thought -s 4w mind_reading
	assert_output 'ts,kind,text,traps,id,prompt,situation,emotion,intensity,thought,evidence_for,evidence_against,balanced,intensity_after,belief,prediction,done,happened,belief_after,trial,step,went_well,hard,adjust,learned,week
2026-11-03T21:00:00+01:00,thought,"they think I am a fool",mind_reading;labelling,,,,,,,,,,,,,,,,,,,,,,
2026-11-30T08:00:00+01:00,thought,,mind_reading,r20261130T080000,,,,,they all pity me,,,,,,,,,,,,,,,,'
}

@test "reflect: example: report counts the traps noted" {
	reflect thought thought='I am a burden' traps=labelling
	run -0 sh -c "report -f table '$(rlog)' | grep 'thinking traps'"
	assert_output 'Possible thinking traps noted most often: labelling (1).'
}

# ---- completions ----

# rcomplete WORD...: what bash's Tab offers for "reflect WORD...", the
# candidates joined by "|".
rcomplete() {
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		# shellcheck disable=SC1091
		source /usr/share/bash-completion/bash_completion
	fi
	source "$COMPLETIONS/reflect.bash"
	COMP_WORDS=(reflect "$@")
	COMP_CWORD=$#
	COMP_LINE="reflect $*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	set +e
	_reflect
	set -e
	local IFS='|'
	printf '%s\n' "${COMPREPLY[*]}"
}

# rzsh TEXT: the command line after typing TEXT and Tab in zsh.
rzsh() {
	local out=$BATS_TEST_TMPDIR/zsh.line
	rm -f "$out"
	mkdir -p "$BATS_TEST_TMPDIR/fpath"
	cp "$COMPLETIONS/_reflect" "$BATS_TEST_TMPDIR/fpath/"
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
	zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" "$out" "$1"
	[ -s "$out" ] || return 1
	sed 's/^#//' "$out"
}

rfish() {
	fish --no-config -c 'source $argv[1]; complete -C"$argv[2]"' \
	    "$COMPLETIONS/reflect.fish" "$1"
}

@test "reflect: bash completion offers the kinds first" {
	run -0 rcomplete ''
	assert_output 'journal|thought|exposure|weekly|experiment|scan|search|prompts|traps|correct|withdraw'
	run -0 rcomplete ex
	assert_output 'exposure|experiment'
}

@test "reflect: bash completion offers every option for -" {
	run -0 rcomplete -
	assert_output '--help|--kind|--line|--output|--prompt|--redact|--since|--trial|--until|--version|-h|-k|-l|-o|-p|-s|-t|-u|-V'
}

@test "reflect: bash completion offers a kind's fields" {
	run -0 rcomplete thought ev
	assert_output 'evidence_for=|evidence_against='
	run -0 rcomplete -o - experiment belief
	assert_output 'belief=|belief_after='
	run -0 rcomplete thought situation=
	assert_output ''
}

@test "reflect: bash completion offers prompt names, kinds and ranges" {
	run -0 rcomplete journal --prompt s
	assert_output 'safe-place|strengths'
	run -0 rcomplete search -k th
	assert_output 'thought'
	run -0 rcomplete search --since 4
	assert_output '4w'
}

@test "reflect: bash registers _reflect for reflect" {
	run -0 bash --norc --noprofile -c 'source "$1" && complete -p reflect' \
	    sh "$COMPLETIONS/reflect.bash"
	assert_output 'complete -F _reflect reflect'
}

@test "reflect: zsh -n accepts _reflect" {
	run -0 zsh -n "$COMPLETIONS/_reflect"
	assert_output ''
	run -0 head -n 1 "$COMPLETIONS/_reflect"
	assert_output '#compdef reflect'
}

@test "reflect: zsh completes thou, a field, --kind and --prompt" {
	run -0 rzsh 'reflect thou'
	assert_output 'reflect thought'
	run -0 rzsh 'reflect thought evidence_a'
	assert_output 'reflect thought evidence_against='
	run -0 rzsh 'reflect search --kind jo'
	assert_output 'reflect search --kind journal'
	run -0 rzsh 'reflect --prompt strengt'
	assert_output 'reflect --prompt strengths'
}

@test "reflect: fish --no-execute accepts reflect.fish" {
	run -0 fish --no-execute "$COMPLETIONS/reflect.fish"
	assert_output ''
}

@test "reflect: fish completes a kind, a field, --kind and --prompt" {
	run -0 rfish 'reflect weekl'
	assert_output $'weekly\tA weekly reflection'
	run -0 rfish 'reflect exposure went'
	assert_output 'went_well='
	run -0 rfish 'reflect search --kind ex'
	assert_output $'experiment\tWith search, only this kind\nexposure\tWith search, only this kind'
	run -0 rfish 'reflect --prompt strength'
	assert_output $'strengths\tWhich of your strengths carried you through this month?'
}

# ---- the reflect parts of steady(5) and steady(7) ----

@test "reflect: steady.5 example: prompts.csv" {
	mkdir -p "$STEADY_CONFIG"
	cat >"$STEADY_CONFIG/prompts.csv" <<-'EOF'
		name,stage,text
		kind-word,repair,What kind word did I hear today?
		letter-ahead,,
	EOF
	run -0 sh -c 'reflect prompts | tail -n 2'
	assert_output "$(printf 'strengths\tgrowth\tWhich of your strengths carried you through this month?\nkind-word\trepair\tWhat kind word did I hear today?')"
}

@test "reflect: steady.5 example: distortions.csv" {
	mkdir -p "$STEADY_CONFIG"
	cat >"$STEADY_CONFIG/distortions.csv" <<-'EOF'
		name,pattern,title,explanation
		betrayal,it will happen again,sure of betrayal,A fear taken as a fact.
		mind_reading,,,
	EOF
	run -0 sh -c 'echo "They think I am weak. It will happen again." | reflect scan'
	assert_output 'source,line,trap,text
stdin,1,fortune_telling,It will happen again
stdin,1,betrayal,It will happen again'
}

@test "reflect: steady.7 example: a thought record, then the week" {
	week_logs
	run_pty "$thought_walk" reflect thought
	assert_success
	run_pty '
		expect "went with"
		send "two walks, one long talk\r"
		expect eof
	' reflect weekly
	assert_success
	run -0 sh -c "cut -d, -f2 '$(rlog)'"
	assert_output 'kind
thought
weekly'
}

@test "reflect: steady.7 example: the reflection on a trial by hand" {
	week_logs
	run_pty '
		foreach q {"went well" "hard" "change next time" "learn"} {
			expect $q
			send "\r"
		}
		expect eof
	' reflect exposure --trial t20261122T183000
	assert_success
	assert_line 'The trial on 2026-11-22: Read old messages, ten minutes'
	assert_line 'Nothing was written, so nothing was saved. You can come back to it whenever you like.'
}

@test "reflect: steady.7 example: traps in clients' notes, per client" {
	mkdir -p "$BATS_TEST_TMPDIR/c/clients/ana" "$BATS_TEST_TMPDIR/c/clients/ben"
	cp "$R/notes.txt" "$BATS_TEST_TMPDIR/c/clients/ana/"
	printf 'It is all my fault.\n' >"$BATS_TEST_TMPDIR/c/clients/ben/notes.txt"
	cd "$BATS_TEST_TMPDIR/c"
	run -0 sh -c 'reflect scan clients/*/notes.txt | tail -n +2 | cut -d, -f1,3 |
	    sort | uniq -c'
	assert_output '      1 clients/ana/notes.txt,mind_reading
      2 clients/ana/notes.txt,overgeneralising
      1 clients/ben/notes.txt,personalising'
}

# ---- every kind, both ways ----

@test "reflect: exposure from name=value lines on a pipe" {
	week_logs
	run -0 sh -c 'printf "went_well=I went\nadjust=earlier in the day\n" |
	    reflect exposure -t t20261120T180000'
	run -0 entries
	assert_output "$TS,exposure,$ID,,,,,,,,,,,,,,,,,t20261120T180000,Drive past the cafe,I went,,earlier in the day,,"
}

@test "reflect: an experiment from name=value lines on a pipe" {
	run -0 sh -c 'printf "thought=no one keeps promises\nbelief=85\nhappened=she did\nbelief_after=50\n" | reflect experiment'
	run -0 entries
	assert_output "$TS,experiment,$ID,,,,,,no one keeps promises,,,,,,85,,,she did,50,,,,,,,"
}

@test "reflect: Ctrl-C at every step of the other kinds saves nothing" {
	local kind step args
	week_logs
	for kind in exposure:"went well" exposure:"was hard" exposure:"change next" \
	    exposure:"learn" weekly:"went with" experiment:"Which belief" \
	    experiment:"hold it?" experiment:"what will" \
	    experiment:"did you do" experiment:"actually" \
	    experiment:"hold the belief now" journal:"Your words"; do
		step=${kind#*:}
		kind=${kind%%:*}
		case $kind in
		exposure) args=(-t t20261120T180000) ;;
		journal) args=(--line) ;;
		*) args=() ;;
		esac
		# Answer every question before the step, then Ctrl-C there.
		run_pty "
			while 1 {
				expect {
					\"$step\" { break }
					-re {\\] $} { send \"n\\r\" }
					-re {[?:] $} { send \"5\\r\" }
				}
			}
			$STOP" reflect "$kind" "${args[@]}"
		assert_equal "$status" 130
		assert_line 'Stopped. Nothing was saved.'
		[ ! -e "$(rlog)" ]
	done
}

@test "reflect: a log whose last line is incomplete is not appended to" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n2026-11-01T08:00:00+01:00,journal,r1,,half' "$HDR" >"$(rlog)"
	run -1 --separate-stderr sh -c 'echo secret words | reflect'
	assert_equal "$stderr" "reflect: $STEADY_DIR/reflect.csv:2: the last line is incomplete (no newline at its end); nothing was saved"
	run -0 tail -c 4 "$(rlog)"
	assert_output 'half'
}
