#!/usr/bin/env bats
# config: the settings files of steady(5) as tests/fixtures/config has
# them, read by the programs.  The fuzzers start from these same files
# (scripts/fuzz.sh), so each one here is known to be read as documented.

load helper

CONF=$FIXTURES/config

setup() {
	steady_setup
	cp -R "$CONF" "$STEADY_CONFIG"
	chmod 600 "$STEADY_CONFIG"/*
}

@test "checkin: the fixture items.csv adds its items after the built-in ones" {
	run -0 checkin --items
	assert_output "$(printf '%s\t%s\t%s\t%s\t%s\n' \
	    name min max better question \
	    mood 0 10 high Mood \
	    trust 0 10 high 'Trust in my relationship today' \
	    safety 0 10 high 'How safe I feel' \
	    distress 0 10 low Distress \
	    arousal -2 2 mid 'Window of tolerance' \
	    sleep 0 14 high 'Hours of sleep' \
	    closeness 0 10 high 'How close, today?')"
	run -0 checkin mood=5 safety=8 sleep=7 closeness=4
	run -0 cat "$(log)"
	assert_output 'ts,mood,trust,safety,distress,arousal,sleep,closeness,note
2026-11-23T07:30:00+01:00,5,,8,,,7,4,'
}

@test "checkin: the fixture settings.csv picks its country's crisis lines" {
	run -0 checkin --plan
	assert_line '1. Warning signs: I stop eating, I check his phone.'
	assert_line '  United Kingdom: call Samaritans on 116 123, or text 85258.'
	refute_line --partial 'United States'
}

@test "checkin: the fixture safety threshold and risk.csv bring the plan" {
	run -0 --separate-stderr checkin mood=5 safety=3
	[[ $stderr == *'Your check-in is saved. Things may feel unsafe right now'* ]]
	run -0 --separate-stderr checkin mood=5 safety=4
	assert_equal "$stderr" ''
	assert_output ''
	run -0 --separate-stderr checkin mood=5 safety=8 note='I want to drive off'
	[[ $stderr == *'Your check-in is saved. Things may feel unsafe right now'* ]]
}

@test "checkin: the fixture assignments.csv is mentioned by --due" {
	run -0 checkin --due
	assert_output 'Planned for today, if it suits you: a reflection, twice a week; a walk after dinner, 3 times a week; ground sigh, once a day.
Today'"'"'s check-in is open whenever you are ready: run checkin.'
}

@test "reflect: the fixture prompts.csv adds, changes and removes prompts" {
	run -0 sh -c 'reflect prompts | tail -n 3'
	assert_output "$(printf '%s\t%s\t%s\n' \
	    strengths growth 'What am I proud of?' \
	    letter-ahead growth 'Write a few lines to the person you will be a year from now.' \
	    mine repair 'What did we repair?')"
	run -1 sh -c 'reflect prompts | grep -c got-through'
	assert_output 0
}

@test "reflect: the fixture distortions.csv adds, changes and turns off traps" {
	run -0 sh -c 'printf "They think I am a fool.\nIt will happen again. I am a mess.\n" | reflect scan'
	assert_output 'source,line,trap,text
stdin,2,fortune_telling,It will happen again
stdin,2,betrayal_certainty,It will happen again
stdin,2,labelling,I am a mess'
	run -1 sh -c 'reflect traps | grep -c mind_reading'
	assert_output 0
}

@test "report: every time and range in the fixture when.txt is taken" {
	local w n=0
	while IFS= read -r w; do
		run -0 --separate-stderr report --since "$w" --until "$w" \
		    -f csv "$FIXTURES/week.csv"
		assert_equal "$stderr" ''
		n=$((n + 1))
	done <"$FIXTURES/when.txt"
	[ "$n" -ge 9 ]
	run -2 report --since 'next tuesday' "$FIXTURES/week.csv"
}
