#!/usr/bin/env bats
# No one let in: private modes whatever the umask, a warning for a file
# others can read, no writing through links or into others' files, and
# nothing private in messages, cron mail or notifications.

load helper

# ladder's files and the anchors it keeps in the config folder.
ladder_files() {
	ladder add 'read the old messages' --suds 60
	ladder log 1 --peak 40 --note 'shaky but ok'
	ladder anchors 50='my heart races'
}

# modes: every file and folder under the data and config folders, with
# its mode, sorted.
modes() {
	(cd "$BATS_TEST_TMPDIR" && find data $([ -d config ] && echo config) \
	    -exec stat -c '%a %n' {} + | sort -k2)
}

@test "ladder: files are 0600 and folders 0700 even under umask 000" {
	umask 000
	ladder_files
	run -0 modes
	assert_output '700 config
600 config/suds-anchors.csv
700 data
600 data/ladder.csv
600 data/trials.csv'
}

@test "reflect: files are 0600 and folders 0700 even under umask 000" {
	umask 000
	reflect journal text='short and kind'
	reflect thought situation='a text at 2am' thought='they are lying'
	run -0 modes
	assert_output '700 data
600 data/reflect.csv'
}

@test "checkin: a recovery file is 0600 even under umask 000" {
	mkdir -p "$STEADY_DIR"
	printf 'ts,mood\n2026-11-22T08:00:00+01:00,5' >"$STEADY_DIR/checkin.csv"
	umask 000
	run_pty '
		foreach q {Mood Trust "How safe" Distress Window} {
			expect $q
			send "\r"
		}
		expect "A note"
		send "private\r"
	' checkin
	assert_failure 1
	run -0 stat -c %a "$STEADY_DIR/checkin.csv.unsaved"
	assert_output 600
}

@test "checkin: a log others can read is written, with a warning" {
	checkin --at 2026-11-22T08:00 mood=5
	chmod 644 "$(log)"
	run -0 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: warning: $(log) can be read or changed by others (mode 0644); chmod 600 makes it private"
	run -0 wc -l <"$(log)"
	assert_output 3
}

@test "checkin: a private log gets no warning" {
	checkin --at 2026-11-22T08:00 mood=5
	run -0 --separate-stderr checkin mood=6
	assert_equal "$stderr" ''
}

@test "reflect: a log others can read is written, with a warning" {
	reflect journal text='first'
	chmod 640 "$STEADY_DIR/reflect.csv"
	run -0 --separate-stderr reflect journal text='second'
	assert_equal "$stderr" "reflect: warning: $STEADY_DIR/reflect.csv can be read or changed by others (mode 0640); chmod 600 makes it private"
}

@test "ladder: a ladder others can read keeps its mode, with a warning" {
	ladder add 'read the old messages' --suds 60
	chmod 604 "$STEADY_DIR/ladder.csv"
	run -0 --separate-stderr ladder add 'drive past the hotel' --suds 80
	assert_equal "${stderr%%$'\n'*}" "ladder: warning: $STEADY_DIR/ladder.csv can be read or changed by others (mode 0604); chmod 600 makes it private"
	run -0 stat -c %a "$STEADY_DIR/ladder.csv"
	assert_output 604
}

@test "checkin: a log with a second name (hard link) is refused, untouched" {
	checkin --at 2026-11-22T08:00 mood=5
	ln "$(log)" "$BATS_TEST_TMPDIR/elsewhere.csv"
	run -1 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: $(log): has another name (a hard link); steady will not write to it; nothing was saved"
	run -0 wc -l <"$BATS_TEST_TMPDIR/elsewhere.csv"
	assert_output 2
}

@test "reflect: a log with a second name (hard link) is refused" {
	reflect journal text='first'
	ln "$STEADY_DIR/reflect.csv" "$BATS_TEST_TMPDIR/elsewhere.csv"
	run -1 --separate-stderr reflect journal text='second'
	assert_equal "$stderr" "reflect: $STEADY_DIR/reflect.csv: has another name (a hard link); steady will not write to it; nothing was saved"
}

@test "ladder: a ladder with a second name (hard link) is not replaced" {
	ladder add 'read the old messages' --suds 60
	ln "$STEADY_DIR/ladder.csv" "$BATS_TEST_TMPDIR/elsewhere.csv"
	run -1 --separate-stderr ladder add 'drive past the hotel' --suds 80
	assert_equal "$stderr" "ladder: $STEADY_DIR/ladder.csv: has another name (a hard link); steady will not write to it"
	run -0 cmp "$STEADY_DIR/ladder.csv" "$BATS_TEST_TMPDIR/elsewhere.csv"
}

@test "ladder: a trial log that is a symbolic link is refused" {
	ladder add 'read the old messages' --suds 60
	touch "$BATS_TEST_TMPDIR/target.csv"
	ln -s "$BATS_TEST_TMPDIR/target.csv" "$STEADY_DIR/trials.csv"
	run -1 --separate-stderr ladder log 1 --peak 30
	assert_equal "$stderr" "ladder: $STEADY_DIR/trials.csv: is a symbolic link; steady will not write through it; nothing was saved"
	run -0 cat "$BATS_TEST_TMPDIR/target.csv"
	assert_output ''
}

@test "reflect: a log that is a symbolic link is refused" {
	mkdir -p "$STEADY_DIR"
	touch "$BATS_TEST_TMPDIR/target.csv"
	ln -s "$BATS_TEST_TMPDIR/target.csv" "$STEADY_DIR/reflect.csv"
	run -1 --separate-stderr reflect journal text='short'
	assert_equal "$stderr" "reflect: $STEADY_DIR/reflect.csv: is a symbolic link; steady will not write through it; nothing was saved"
}

@test "checkin: a log that belongs to another user is refused" {
	[ "$(id -u)" -eq 0 ] || skip "only root can give a file to another user"
	checkin --at 2026-11-22T08:00 mood=5
	chown 65534 "$(log)"
	run -1 --separate-stderr checkin mood=6
	assert_equal "$stderr" "checkin: $(log): belongs to another user; steady will not write to it; nothing was saved"
}

@test "ladder: a ladder that belongs to another user is not replaced" {
	[ "$(id -u)" -eq 0 ] || skip "only root can give a file to another user"
	ladder add 'read the old messages' --suds 60
	chown 65534 "$STEADY_DIR/ladder.csv"
	run -1 --separate-stderr ladder add 'drive past the hotel' --suds 80
	assert_equal "$stderr" "ladder: $STEADY_DIR/ladder.csv: belongs to another user; steady will not write to it"
}

@test "checkin: a row that cannot be read is named by line, its words left out" {
	mkdir -p "$STEADY_DIR"
	printf '%s\n' 'ts,mood,note' '2026-11-22T08:00:00+01:00,5,an affair,with someone' \
	    >"$(log)"
	run -1 --separate-stderr checkin --log
	assert_equal "$stderr" "checkin: $(log):2: has 4 fields, the header has 3"
}

@test "checkin: --due (cron's mail) never shows a note" {
	checkin --at 2026-11-22T08:00 mood=5 note='the hotel receipt'
	run -0 --separate-stderr checkin --due
	assert_output "Today's check-in is open whenever you are ready: run checkin."
	assert_equal "$stderr" ''
}

@test "checkin: --remind's notification carries no words from the log" {
	checkin --at 2026-11-22T08:00 mood=5 note='the hotel receipt'
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/bin/sh\nprintf "%%s|" "$@" >"%s/notified"\n' "$BATS_TEST_TMPDIR" \
	    >"$BATS_TEST_TMPDIR/fake/notify-send"
	chmod +x "$BATS_TEST_TMPDIR/fake/notify-send"
	DISPLAY=:0 DBUS_SESSION_BUS_ADDRESS=unix:path=/dev/null \
	    PATH=$BATS_TEST_TMPDIR/fake:$PATH run -0 checkin --remind
	run -0 cat "$BATS_TEST_TMPDIR/notified"
	refute_output --partial 'hotel'
	assert_output "--app-name=steady|steady|Today's check-in is open whenever you are ready: run checkin.|"
}

@test "ladder: a rewrite leaves no temporary file behind" {
	ladder_files
	ladder add 'drive past the hotel' --suds 80
	run -0 find "$STEADY_DIR" "$STEADY_CONFIG" -name '*.tmp.*'
	assert_output ''
}

# torn LOG HEADER: a log whose last line has no newline, so that no
# record can be appended to it.
torn() {
	mkdir -p "$STEADY_DIR"
	printf '%s\n2026-11-22T08:00:00+01:00,x' "$2" >"$STEADY_DIR/$1"
}

# kept LOG: the recovery file beside LOG is private; its text follows.
kept() {
	run -0 stat -c %a "$STEADY_DIR/$1.unsaved"
	assert_output 600
	run -0 cat "$STEADY_DIR/$1.unsaved"
}

@test "promise: what was typed is kept in a private file when saving fails" {
	torn promise.csv 'ts,kind,id,who,what,by,ahead,note'
	umask 022
	run_pty '
		expect "What is the promise"
		send "home by six, \"really\"\r"
		expect "By when"
		send "18:00\r"
		expect "Who"
		send "Sam\r"
		expect "A note"
		send "a note I do not want to lose\r"
	' promise make
	assert_failure 1
	assert_equal "$(grep -c 'the last line is incomplete' <<<"$output")" 1
	assert_line "promise: $STEADY_DIR/promise.csv:2: the last line is incomplete (no newline at its end); nothing was saved"
	assert_line "promise: what you entered is kept in $STEADY_DIR/promise.csv.unsaved, readable by you alone"
	kept promise.csv
	assert_output 'ts,kind,id,who,what,by,ahead,note
2026-11-23T07:30:00+01:00,made,,Sam,"home by six, ""really""",2026-11-23T18:00:00+01:00,,a note I do not want to lose'
}

@test "promise: an urge typed at the prompts is kept when saving fails" {
	torn urges.csv 'ts,strength,urge,helped,note'
	run_pty '
		expect "What is the urge"
		send "to check the phone\r"
		expect "How strong"
		send "7\r"
		expect "What helped"
		send "a walk\r"
		expect "A note"
		send "\r"
	' promise urge
	assert_failure 1
	assert_line "promise: what you entered is kept in $STEADY_DIR/urges.csv.unsaved, readable by you alone"
	kept urges.csv
	assert_output 'ts,strength,urge,helped,note
2026-11-23T07:30:00+01:00,7,to check the phone,a walk,'
}

@test "ground: ratings given on a terminal are kept when saving fails" {
	torn ground.csv 'ts,exercise,seconds,pre,post,completed,note'
	STEADY_CLOCK=virtual TERM=dumb run_pty '
		expect "Enter to skip): "
		send "7\r"
		expect "And now?"
		send "4\r"
	' ground -r 1 sigh
	assert_failure 1
	assert_line "ground: $STEADY_DIR/ground.csv:2: the last line is incomplete (no newline at its end); nothing was saved"
	assert_line "ground: what you entered is kept in $STEADY_DIR/ground.csv.unsaved, readable by you alone"
	refute_line 'Saved.'
	kept ground.csv
	assert_output 'ts,exercise,seconds,pre,post,completed,note
2026-11-23T07:30:00+01:00,sigh,9,7,4,yes,'
}

@test "ladder: a trial typed on a terminal is kept when saving fails" {
	ladder add 'call my sister' --suds 45 >/dev/null
	torn trials.csv 'ts,step,peak'
	STEADY_CLOCK=virtual run_pty '
		expect "choose to do this now"
		send "y\r"
		expect "I fear that"
		send "she hangs up, \"again\"\r"
		expect "How likely"
		send "80\r"
		expect "Distress right now, 0-100: "
		send "40\r"
		expect "Minutes for the timer"
		send "1\r"
		expect "highest, 0-100"
		send "60\r"
		expect "at the end"
		send "30\r"
		expect "How far did what you feared happen"
		send "\r"
		expect "next time"
		send "\r"
		expect "surprised"
		send "\r"
		expect "feel safer"
		send "\r"
		expect "learn"
		send "\r"
		expect "How present did you feel"
		send "\r"
		expect "A note"
		send "\r"
	' ladder start 1
	assert_failure 1
	assert_line "ladder: what you entered is kept in $STEADY_DIR/trials.csv.unsaved, readable by you alone"
	kept trials.csv
	assert_output 'ts,id,kind,ladder,step_id,step,pre,peak,post,minutes,expect,expect_pct,outcome_pct,expect_after,surprise,safety,learned,present,stopped,suggested,note
2026-11-23T07:30:00+01:00,t20261123T073000,planned,main,1,call my sister,40,60,30,1,"she hangs up, ""again""",80,,,,,,,no,,'
}

# warned PROG FILE MODE: the warning PROG gives for FILE at MODE.
warned() {
	printf '%s: warning: %s can be read or changed by others (mode %s); chmod 600 makes it private' "$1" "$2" "$3"
}

@test "promise: a shared record others can read is written, with a warning" {
	promise make 'home by six'
	chmod 640 "$STEADY_DIR/promise.csv"
	run -0 --separate-stderr promise kept 1
	assert_equal "$stderr" "$(warned promise "$STEADY_DIR/promise.csv" 0640)"
	run -0 stat -c %a "$STEADY_DIR/promise.csv"
	assert_output 640
}

@test "promise: an urge log others can read is written, with a warning" {
	promise urge 'check the phone'
	chmod 604 "$STEADY_DIR/urges.csv"
	run -0 --separate-stderr promise urge 'read the messages'
	assert_equal "$stderr" "$(warned promise "$STEADY_DIR/urges.csv" 0604)"
}

@test "promise: a record with a second name (hard link) is refused, untouched" {
	promise make 'home by six'
	promise urge 'check the phone'
	ln "$STEADY_DIR/promise.csv" "$BATS_TEST_TMPDIR/elsewhere.csv"
	ln "$STEADY_DIR/urges.csv" "$BATS_TEST_TMPDIR/elsewhere-urges.csv"
	run -1 --separate-stderr promise kept 1
	assert_equal "$stderr" "promise: $STEADY_DIR/promise.csv: has another name (a hard link); steady will not write to it; nothing was saved"
	run -1 --separate-stderr promise urge 'read the messages'
	assert_equal "$stderr" "promise: $STEADY_DIR/urges.csv: has another name (a hard link); steady will not write to it; nothing was saved"
	run -0 cat "$BATS_TEST_TMPDIR/elsewhere.csv" "$BATS_TEST_TMPDIR/elsewhere-urges.csv"
	assert_equal "${#lines[@]}" 4
}

@test "promise: a record or urge log that is a symbolic link is refused" {
	mkdir -p "$STEADY_DIR"
	touch "$BATS_TEST_TMPDIR/target.csv"
	ln -s "$BATS_TEST_TMPDIR/target.csv" "$STEADY_DIR/promise.csv"
	ln -s "$BATS_TEST_TMPDIR/target.csv" "$STEADY_DIR/urges.csv"
	run -1 --separate-stderr promise make 'home by six'
	assert_equal "$stderr" "promise: $STEADY_DIR/promise.csv: is a symbolic link; steady will not write through it; nothing was saved"
	run -1 --separate-stderr promise urge 'check the phone'
	assert_equal "$stderr" "promise: $STEADY_DIR/urges.csv: is a symbolic link; steady will not write through it; nothing was saved"
	run -0 cat "$BATS_TEST_TMPDIR/target.csv"
	assert_output ''
}

@test "ground: a log others can read is written, with a warning" {
	ground sigh </dev/null >/dev/null
	chmod 604 "$STEADY_DIR/ground.csv"
	run -0 --separate-stderr sh -c 'ground sigh </dev/null >/dev/null'
	assert_equal "$stderr" "$(warned ground "$STEADY_DIR/ground.csv" 0604)"
	run -0 wc -l <"$STEADY_DIR/ground.csv"
	assert_output 3
}

@test "ground: a log with a second name (hard link) is refused, untouched" {
	ground sigh </dev/null >/dev/null
	ln "$STEADY_DIR/ground.csv" "$BATS_TEST_TMPDIR/elsewhere.csv"
	run -1 --separate-stderr sh -c 'ground sigh </dev/null >/dev/null'
	assert_equal "$stderr" "ground: $STEADY_DIR/ground.csv: has another name (a hard link); steady will not write to it; nothing was saved"
	run -0 wc -l <"$BATS_TEST_TMPDIR/elsewhere.csv"
	assert_output 2
}

@test "ground: a log that is a symbolic link is refused" {
	mkdir -p "$STEADY_DIR"
	touch "$BATS_TEST_TMPDIR/target.csv"
	ln -s "$BATS_TEST_TMPDIR/target.csv" "$STEADY_DIR/ground.csv"
	run -1 --separate-stderr sh -c 'ground sigh </dev/null >/dev/null'
	assert_equal "$stderr" "ground: $STEADY_DIR/ground.csv: is a symbolic link; steady will not write through it; nothing was saved"
	run -0 cat "$BATS_TEST_TMPDIR/target.csv"
	assert_output ''
}

@test "checkin: an assignments.csv others can read is written, with a warning" {
	checkin --assign kind=ground what=box 2>/dev/null
	chmod 644 "$STEADY_CONFIG/assignments.csv"
	run -0 --separate-stderr checkin --assign kind=ground what=sigh
	assert_equal "$stderr" "$(warned checkin "$STEADY_CONFIG/assignments.csv" 0644)
Planned: ground sigh, once a day, from 2026-11-23."
}

@test "checkin: an assignments.csv with a second name (hard link) is refused" {
	checkin --assign kind=ground what=box 2>/dev/null
	ln "$STEADY_CONFIG/assignments.csv" "$BATS_TEST_TMPDIR/elsewhere.csv"
	run -1 --separate-stderr checkin --assign kind=ground what=sigh
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/assignments.csv: has another name (a hard link); steady will not write to it; nothing was saved"
	run -0 wc -l <"$BATS_TEST_TMPDIR/elsewhere.csv"
	assert_output 2
}

@test "checkin: an assignments.csv that is a symbolic link is refused" {
	mkdir -p "$STEADY_CONFIG"
	touch "$BATS_TEST_TMPDIR/target.csv"
	ln -s "$BATS_TEST_TMPDIR/target.csv" "$STEADY_CONFIG/assignments.csv"
	run -1 --separate-stderr checkin --assign kind=ground what=sigh
	assert_equal "$stderr" "checkin: $STEADY_CONFIG/assignments.csv: is a symbolic link; steady will not write through it; nothing was saved"
	run -0 cat "$BATS_TEST_TMPDIR/target.csv"
	assert_output ''
}
