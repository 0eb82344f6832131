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
