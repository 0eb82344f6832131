#!/usr/bin/env bats
# examples: every EXAMPLES entry of checkin(1) and steady(7), run as written.

load helper

HDR='ts,mood,trust,safety,distress,arousal,note'

# A week of check-ins to look back over.
week() {
	local d
	for d in 17 18 19 20 21 22; do
		checkin --at "2026-11-${d}T21:00" mood=$((d - 14)) safety=7
	done
}

@test "examples: checkin on a terminal" {
	run_pty '
		foreach q {Mood Trust "How safe" Distress} {
			expect $q
			send "5\r"
		}
		expect "Window"
		send "0\r"
		expect "A note"
		send "\r"
	' checkin
	assert_success
	assert_line 'Saved: mood 5, trust 5, safety 5, distress 5, arousal 0.'
}

@test "examples: checkin without questions" {
	run -0 checkin mood=6 trust=4 safety=8 distress=3 arousal=0 note='a calm walk'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-23T07:30:00+01:00,6,4,8,3,0,a calm walk'
}

@test "examples: last night's check-in with --at" {
	run -0 checkin --at 2026-11-22T21:00 mood=4 note='a long talk; early night'
	run -0 tail -n 1 "$(log)"
	assert_output '2026-11-22T21:00:00+01:00,4,,,,,a long talk; early night'
}

@test "examples: -o - picked apart with cut" {
	run -0 sh -c 'checkin -o - mood=6 safety=8 | cut -d, -f1,2,4'
	assert_output 'ts,mood,safety
2026-11-23T07:30:00+01:00,6,8'
}

@test "examples: the moods of the last seven days" {
	week
	run -0 sh -c 'checkin --log --since 7d | cut -d, -f1,2'
	assert_output 'ts,mood
2026-11-17T21:00:00+01:00,3
2026-11-18T21:00:00+01:00,4
2026-11-19T21:00:00+01:00,5
2026-11-20T21:00:00+01:00,6
2026-11-21T21:00:00+01:00,7
2026-11-22T21:00:00+01:00,8'
}

@test "examples: the average mood over four weeks" {
	week
	checkin safety=3
	run -0 sh -c "checkin --log --since 4w | awk -F, 'NR > 1 && \$2 != \"\" {
        n++; sum += \$2 }
    END { if (n) printf \"%.1f from %d check-ins\\n\", sum / n, n }'"
	assert_output '5.5 from 6 check-ins'
}

@test "examples: the crontab reminder, plain and with the desktop" {
	run -0 sh -c 'checkin --remind'
	assert_output "Today's check-in is open whenever you are ready: run checkin."
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/bin/sh\necho notified >"%s/notified"\n' "$BATS_TEST_TMPDIR" \
	    >"$BATS_TEST_TMPDIR/fake/notify-send"
	chmod +x "$BATS_TEST_TMPDIR/fake/notify-send"
	PATH=$BATS_TEST_TMPDIR/fake:$PATH run -0 sh -c \
	    'DISPLAY=:0 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus checkin --remind'
	assert_output ''
	run -0 cat "$BATS_TEST_TMPDIR/notified"
	assert_output 'notified'
}

@test "examples: the prompt marker" {
	run -0 bash -c 'PS1="\$ "; PS1='\''$(checkin --due --quiet && printf "(check-in) ")'\''"$PS1"; eval "echo \"$PS1\""'
	assert_output '(check-in) $ '
	checkin mood=6
	run -0 bash -c 'PS1="\$ "; PS1='\''$(checkin --due --quiet && printf "(check-in) ")'\''"$PS1"; eval "echo \"$PS1\""'
	assert_output '$ '
}

@test "examples: a line at login" {
	run -0 checkin --due
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "examples: a week in review (steady.7)" {
	week
	run -0 sh -c 'checkin --log --since 7d | cut -d, -f1,2,4'
	assert_line --index 0 'ts,mood,safety'
	assert_line --index 6 '2026-11-22T21:00:00+01:00,8,7'
}

@test "examples: a first try on stdout (steady.7)" {
	run -0 checkin -o - mood=6 safety=8 note='first try'
	assert_output "$HDR
2026-11-23T07:30:00+01:00,6,,8,,,first try"
}

@test "examples: a therapist counts check-ins per client folder (steady.7)" {
	cd "$BATS_TEST_TMPDIR"
	STEADY_DIR=clients/ana checkin --at 2026-11-20T08:00 mood=5
	STEADY_DIR=clients/ana checkin mood=6
	STEADY_DIR=clients/ben checkin --at 2026-10-01T08:00 mood=4
	run -0 sh -c 'for d in clients/*/; do
    n=$(STEADY_DIR=$d checkin --log --since 4w | sed 1d | wc -l)
    printf '\''%s\t%s\n'\'' "$(basename "$d")" "$n"
done'
	assert_output $'ana\t2\nben\t0'
	run -0 sh -c 'STEADY_DIR=clients/ana checkin --log --since 2026-11-01 \
    --until 2026-11-30 >ana-2026-11.csv'
	run -0 cat ana-2026-11.csv
	assert_output "$HDR
2026-11-20T08:00:00+01:00,5,,,,,
2026-11-23T07:30:00+01:00,6,,,,,"
}

@test "examples: a git history of the data folder (steady.7)" {
	unset STEADY_DIR
	export GIT_AUTHOR_NAME=me GIT_AUTHOR_EMAIL=me@example.org \
	    GIT_COMMITTER_NAME=me GIT_COMMITTER_EMAIL=me@example.org
	checkin mood=5
	run -0 sh -c "cd ~/.local/share/steady && git init -q && git add -A &&
    git commit -qm 'start of the record'"
	checkin mood=6
	run -0 sh -c 'cd ~/.local/share/steady && git add -A && git commit -qm "$(date +\%F)" >/dev/null'
	run -0 git -C "$HOME/.local/share/steady" log --format=%s
	assert_line --index 1 'start of the record'
	assert_line --index 0 --regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
}
