#!/usr/bin/env bats
# redact: --redact leaves out every word a person wrote and keeps the
# numbers, on every stream of records and in report; what is left is
# still a log that report reads.

load helper

# The words no redacted output may hold: a comma, quotes and a newline.
NOTE=$'a long talk, "hard"\nthen sleep'

@test "checkin: --log --redact drops the note and keeps every rating" {
	checkin --at 2026-11-22T21:00 mood=4 distress=6 note="$NOTE"
	run -0 --separate-stderr checkin --log --redact
	assert_output 'ts,mood,trust,safety,distress,arousal
2026-11-22T21:00:00+01:00,4,,,6,'
	assert_equal "$stderr" ''
}

@test "checkin: --redact=COLS keeps those columns and ts (the example)" {
	checkin --at 2026-11-22T21:00 mood=4 distress=6 note="$NOTE"
	run -0 checkin --log --redact=mood,distress
	assert_output 'ts,mood,distress
2026-11-22T21:00:00+01:00,4,6'
}

@test "checkin: a note stays out even when named, and --since still holds" {
	checkin --at 2026-11-10T21:00 mood=2 note=old
	checkin --at 2026-11-22T21:00 mood=4 note="$NOTE"
	run -0 checkin --log --since 2026-11-20 --redact=note,mood
	assert_output 'ts,mood
2026-11-22T21:00:00+01:00,4'
}

@test "checkin: -o - --redact writes the record without its note" {
	run -0 checkin -o - --redact mood=5 safety=7 note="$NOTE"
	assert_output 'ts,mood,trust,safety,distress,arousal
2026-11-23T07:30:00+01:00,5,,7,,'
	assert [ ! -e "$(log)" ]
}

@test "checkin: an item from items.csv is a rating, kept" {
	mkdir -p "$STEADY_CONFIG"
	printf 'name,min,max\nsleep,0,12\n' >"$STEADY_CONFIG/items.csv"
	checkin mood=5 sleep=7 note="$NOTE"
	run -0 checkin --log --redact
	assert_output 'ts,mood,trust,safety,distress,arousal,sleep
2026-11-23T07:30:00+01:00,5,,,,,7'
}

@test "checkin: --redact goes only with what goes to standard output (2)" {
	run -2 --separate-stderr checkin --redact mood=5
	assert_equal "$stderr" 'checkin: --redact is for what goes to standard output: --log, or -o -'
	run -2 --separate-stderr checkin --redact -o other.csv mood=5
	assert_equal "$stderr" 'checkin: --redact is for what goes to standard output: --log, or -o -'
	run -2 --separate-stderr checkin --log --redact=mood,,note
	assert_equal "$stderr" 'checkin: --redact=mood,,note: a column name is empty'
	assert [ ! -e "$(log)" ]
}

@test "checkin: a redacted log is a log report reads" {
	checkin --at 2026-11-21T21:00 mood=3 note="$NOTE"
	checkin --at 2026-11-22T21:00 mood=5 note="$NOTE"
	run -0 sh -c 'checkin --log --redact | report -f csv | cut -d, -f4,6-8'
	assert_output 'log,measure,n,mean
check-ins,mood,2,4'
}

@test "ground: -o - --redact drops the note (the example)" {
	export STEADY_CLOCK=virtual
	run -0 --separate-stderr ground -n -r 3 -o - --redact sigh
	assert_output 'ts,exercise,seconds,pre,post,completed
2026-11-23T07:30:00+01:00,sigh,27,,,yes'
	run -2 --separate-stderr ground --redact sigh
	assert_equal "$stderr" 'ground: --redact is for what goes to standard output: -o -'
}

@test "ladder: -o - --redact drops the step's words, the fear and the note" {
	ladder add 'call my sister' --suds 45 >/dev/null
	run -0 --separate-stderr ladder log -o - --redact --peak 60 \
	    --expect 'she hangs up, "again"' --safety 'my phone' \
	    --learned $'I can\nstay' --note "$NOTE" 1
	assert_output 'ts,id,kind,ladder,step_id,pre,peak,post,minutes,expect_pct,outcome_pct,expect_after,surprise,present,stopped
2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,,60,,,,,,,,no'
}

@test "ladder: --redact=COLS keeps those and ts and kind (the example)" {
	ladder add 'call my sister' --suds 45 >/dev/null
	run -0 --separate-stderr ladder log -o - --redact=peak --peak 60 \
	    --expect 'she hangs up' 1
	assert_output 'ts,kind,peak
2026-11-23T07:30:00+01:00,planned,60'
	run -2 --separate-stderr ladder log --redact --peak 60 1
	assert_equal "$stderr" 'ladder: --redact is for what goes to standard output: start, log or trigger with -o -'
	run -2 --separate-stderr ladder list --redact
	assert_equal "$stderr" 'ladder: --redact is for what goes to standard output: start, log or trigger with -o -'
}

@test "reflect: search --redact finds by the words and shows only numbers" {
	reflect thought situation="at work, \"late\"" emotion=fear \
	    intensity=70 thought="$NOTE" intensity_after=40 traps=labelling
	reflect journal text='work again'
	run -0 reflect search --redact work
	assert_output 'ts,kind,id,intensity,intensity_after,belief,belief_after,trial,week
2026-11-23T07:30:00+01:00,thought,r20261123T073000,70,40,,,,
2026-11-23T07:30:00+01:00,journal,r20261123T073000-2,,,,,,'
}

@test "reflect: search --redact=COLS (the example)" {
	reflect thought situation='at work' intensity=70 thought=x \
	    intensity_after=40
	run -0 reflect search -k thought --redact=intensity,intensity_after work
	assert_output 'ts,kind,intensity,intensity_after
2026-11-23T07:30:00+01:00,thought,70,40'
}

@test "reflect: -o - --redact writes an entry without its words" {
	run -0 reflect thought -o - --redact situation="$NOTE" intensity=60 \
	    thought='I ruin it' traps=labelling intensity_after=30
	assert_output 'ts,kind,id,intensity,intensity_after
2026-11-23T07:30:00+01:00,thought,r20261123T073000,60,30'
	run -2 --separate-stderr reflect journal --redact text=x
	assert_equal "$stderr" 'reflect: --redact is for what goes to standard output: search, or an entry with -o -'
}

@test "promise: open --redact lists numbers and times only (the example)" {
	promise make 'home by six, "really"' by=18:00 who=Sam note="$NOTE"
	run -0 promise open --redact
	assert_output $'id\tby\n1\t2026-11-23T18:00:00+01:00'
	run -0 promise open --redact=by
	assert_output $'by\n2026-11-23T18:00:00+01:00'
}

@test "promise: -o - --redact drops the words, who and the note" {
	run -0 promise make -o - --redact 'home by six, "really"' by=18:00 \
	    who=Sam note="$NOTE"
	assert_output 'ts,kind,id,by,ahead
2026-11-23T07:30:00+01:00,made,1,2026-11-23T18:00:00+01:00,'
	run -0 promise urge -o - --redact 'to look at the phone' strength=6 \
	    helped='a walk, "slow"'
	assert_output 'ts,strength
2026-11-23T07:30:00+01:00,6'
	run -2 --separate-stderr promise make --redact x
	assert_equal "$stderr" 'promise: --redact is for what goes to standard output: open, or a record with -o -'
}

# logs: a check-in, a trial with its reflection and a journal entry with
# a thinking trap, all with words that must not reach a redacted report.
logs() {
	checkin --at 2026-11-22T21:00 mood=4 note="$NOTE"
	ladder add 'drive past the hotel' --suds 80 >/dev/null
	ladder log --peak 70 --expect 'I fall apart' --learned 'I stayed' 1 \
	    >/dev/null 2>&1
	reflect exposure -t t20261123T073000 learned='it passed, "slowly"' \
	    >/dev/null
	reflect thought thought='I always ruin it' traps=overgeneralising \
	    intensity=60 >/dev/null
}

@test "report: --redact leaves out every word, in every format" {
	logs
	cd "$STEADY_DIR"
	for f in table csv tsv md json html; do
		run -0 report --redact -f "$f" checkin.csv trials.csv \
		    reflect.csv ladder.csv
		refute_output --partial 'long talk'
		refute_output --partial 'hotel'
		refute_output --partial 'fall apart'
		refute_output --partial 'stayed'
		refute_output --partial 'slowly'
		refute_output --partial 'ruin'
		refute_output --partial 'overgeneral'
	done
	run -0 report -f md checkin.csv trials.csv reflect.csv ladder.csv
	assert_output --partial 'drive past the hotel'
	assert_output --partial 'overgeneral'
}

@test "report: --redact keeps the numbers, and names a step by its number" {
	logs
	cd "$STEADY_DIR"
	run -0 sh -c 'report --redact -f csv trials.csv ladder.csv checkin.csv |
	    cut -d, -f4-8'
	assert_output 'log,item,measure,n,mean
check-ins,,mood,1,4
exposure trials,1,peak,1,70
exposure ladder,1,suds,1,80'
	run -0 sh -c 'report --redact -f md trials.csv reflect.csv |
	    grep -e "^- Step" -e "^| t2026"'
	assert_output '- Step "1": peak distress by trial 70.
| t20261123T073000 | 2026-11-23 | 1 | 70 |  | written |'
}

@test "report: --redact=COLS reads only those columns" {
	checkin --at 2026-11-22T21:00 mood=4 distress=6 note="$NOTE"
	run -0 sh -c 'report --redact=distress -f csv "$1" | cut -d, -f6-8' \
	    sh "$(log)"
	assert_output 'measure,n,mean
distress,1,6'
}

@test "report: grouping by a column left out is refused, as a missing one" {
	checkin mood=4 note="$NOTE"
	run -1 --separate-stderr report --redact -g note -f csv "$(log)"
	assert_equal "$stderr" "report: $(log):1: there is no column \"note\" to group by"
	run -2 --separate-stderr report --redact --merge x.csv
	assert_equal "$stderr" 'report: --redact reads logs, not partials: give it where the partials are made'
}

@test "report: the page for a therapist (the example)" {
	logs
	cd "$STEADY_DIR"
	run -0 sh -c 'report --redact -f html checkin.csv trials.csv reflect.csv >share.html'
	run -0 grep -c '<html' share.html
	run -1 grep -e 'long talk' -e hotel -e ruin share.html
}

@test "steady: four weeks of numbers for a therapist (the example)" {
	logs
	checkin --at 2026-10-01T21:00 mood=9 note=early
	run -0 sh -c 'checkin --log --since 4w --redact=mood,safety,distress >numbers.csv'
	run -0 cat numbers.csv
	assert_output 'ts,mood,safety,distress
2026-11-22T21:00:00+01:00,4,,'
	cd "$STEADY_DIR"
	run -0 sh -c 'report --redact --since 4w -f md *.csv >numbers.md'
	run -1 grep -e 'long talk' -e hotel -e ruin -e early numbers.md
	run -0 grep -c 'mood' numbers.md
}

@test "readme: the numbers for a therapist, without the notes" {
	checkin --at 2026-11-22T21:00 mood=4 distress=6 note="$NOTE"
	run -0 sh -c 'checkin --log --redact=mood,distress > for-my-therapist.csv'
	run -0 cat for-my-therapist.csv
	assert_output 'ts,mood,distress
2026-11-22T21:00:00+01:00,4,6'
}
