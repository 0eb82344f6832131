#!/usr/bin/env bats
# workflow: the reminders and the therapist's week of steady(7), run as
# written: the crontab and systemd lines with no terminal and cron's bare
# environment, and the caseload commands over the sample caseload.

load helper

TOP=$BATS_TEST_DIRNAME/..

# page_block PAGE SECTION N: the Nth literal block of SECTION in the
# manual page PAGE (man/PAGE), as a reader sees it (the indentation of
# the page taken off).
page_block() {
	mandoc -Tascii -Owidth=200 "$TOP/man/$1" | sed 's/.\x08//g' |
	    awk -v sec="$2" -v want="$3" '
		/^[A-Z]/ { insec = ($0 == sec); next }
		!insec { next }
		/^           / { if (!inb) { n++; inb = 1; held = "" }
			if (n == want) { printf "%s", held; print substr($0, 12) }
			held = ""; next }
		/^$/ { if (inb) held = held "\n"; next }
		{ inb = 0 }'
}

# block SECTION N: the Nth literal block of SECTION in steady(7).
block() {
	page_block steady.7 "$1" "$2"
}

# block_with SECTION TEXT: the first literal block of SECTION in
# steady(7) that holds TEXT.
block_with() {
	local n=1 b
	while b=$(block "$1" $n) && [ -n "$b" ]; do
		if grep -qF -- "$2" <<<"$b"; then
			printf '%s\n' "$b"
			return 0
		fi
		n=$((n + 1))
	done
	return 1
}

# crontabs PAGE SECTION: each literal block of SECTION in PAGE that has a
# crontab job line, one after another, blocks apart by an empty line.
crontabs() {
	local n=1 b
	while b=$(page_block "$1" "$2" $n) && [ -n "$b" ]; do
		if grep -Eq '^[0-9*]+ [0-9*]+ [0-9*]+ [0-9*]+ [0-9*]+ ' <<<"$b"; then
			printf '%s\n\n' "$b"
		fi
		n=$((n + 1))
	done
}

# commands SECTION N: the commands of a block written with "$ " prompts.
commands() {
	block "$1" "$2" | sed -n 's/^\$ //p'
}

# The sample caseload, as steady(7) says to make it, in the current folder.
caseload() {
	sh "$TOP/examples/caseload.sh" clients
}

# install_prefix: steady installed under a prefix of its own; prints it.
install_prefix() {
	local prefix=$BATS_TEST_TMPDIR/usr/local
	make -s -C "$TOP" install PREFIX="$prefix" >/dev/null
	printf '%s\n' "$prefix"
}

# cron_run CRONTAB PATTERN: run the job line matching PATTERN of CRONTAB
# as cron does: /bin/sh -c, cron's own environment and the crontab's
# settings only, no terminal, in a session of its own.
cron_run() {
	local tab=$1 pat=$2 job
	local -a envs=(HOME="$HOME" LOGNAME="$(id -un)" SHELL=/bin/sh
	    PATH=/usr/bin:/bin)
	while IFS= read -r line; do
		envs+=("$line")
	done < <(grep -E '^[A-Za-z_][A-Za-z_0-9]*=' "$tab")
	# cron takes the five time fields off and turns "\%" into "%".
	job=$(grep -E "$pat" "$tab" | grep -v '^#' |
	    sed -E 's/^([^ ]+ +){5}//; s/\\%/%/g')
	[ -n "$job" ]
	run --separate-stderr env -i "${envs[@]}" setsid /bin/sh -c \
	    "$job" </dev/null
}

# The reports folder monday.sh made, named for the week it ran in: the
# week from $1, taken before it ran, or the week now, should it have run
# across midnight into a new week.
week_folder() {
	local made
	made=$(ls reports)
	if [[ $made != "$1" && $made != "$(date +%G-W%V)" ]]; then
		fail "the week's folder is '$made', not $1"
		return 1
	fi
	echo "reports/$made"
}

@test "steady.7: the crontab lines are those of examples/cron/steady.crontab" {
	run -0 block REMINDERS 1
	assert_output 'PATH=/usr/local/bin:/usr/bin:/bin
0 20 * * * checkin --remind'
	assert_equal "$(grep -v -e '^#' -e '^$' \
	    "$TOP/examples/cron/steady.crontab")" "$output"
	run -0 crontab -n "$TOP/examples/cron/steady.crontab"
}

@test "steady.7: the crontab reminder speaks under env -i with no terminal" {
	local prefix tab=$BATS_TEST_TMPDIR/crontab
	prefix=$(install_prefix)
	block REMINDERS 1 | sed "s|/usr/local|$prefix|" >"$tab"
	# Nothing of the test's own settings reaches the job.
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	run -1 setsid sh -c 'tty' </dev/null
	assert_output 'not a tty'
	cron_run "$tab" 'checkin --remind'
	assert_equal "$status" 0
	assert_output "Today's check-in is open whenever you are ready: run checkin."
	assert_equal "$stderr" ''
	run -0 env -i HOME="$HOME" PATH="$prefix/bin:/usr/bin:/bin" \
	    checkin mood=6
	cron_run "$tab" 'checkin --remind'
	assert_equal "$status" 1
	assert_output ''
	assert_equal "$stderr" ''
	run -0 test -f "$HOME/.local/share/steady/checkin.csv"
}

@test "checkin.1: the crontab lines run under env -i after make install" {
	local prefix tab=$BATS_TEST_TMPDIR/crontab
	prefix=$(install_prefix)
	crontabs checkin.1 EXAMPLES >"$BATS_TEST_TMPDIR/all"
	run -0 grep -c '^PATH=/usr/local/bin:/usr/bin:/bin$' "$BATS_TEST_TMPDIR/all"
	assert_output 2
	run -0 grep -c -E '^0 20 ' "$BATS_TEST_TMPDIR/all"
	assert_output 2
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	# The plain reminder: a line for cron to mail.
	awk 'BEGIN { RS = "" } NR == 1' "$BATS_TEST_TMPDIR/all" |
	    sed "s|/usr/local|$prefix|" >"$tab"
	run -0 crontab -n "$tab"
	cron_run "$tab" 'checkin --remind'
	assert_equal "$status" 0
	assert_output "Today's check-in is open whenever you are ready: run checkin."
	assert_equal "$stderr" ''
	# The desktop's: a notify-send where its PATH looks, and nothing
	# for cron to mail.
	awk 'BEGIN { RS = "" } NR == 2' "$BATS_TEST_TMPDIR/all" |
	    sed "s|/usr/local|$prefix|" >"$tab"
	run -0 crontab -n "$tab"
	printf '#!/bin/sh\nprintf "%%s|" "$@" >"%s/notified"\n' \
	    "$BATS_TEST_TMPDIR" >"$prefix/bin/notify-send"
	chmod 755 "$prefix/bin/notify-send"
	cron_run "$tab" 'DISPLAY'
	assert_equal "$status" 0
	assert_output ''
	assert_equal "$stderr" ''
	run -0 cat "$BATS_TEST_TMPDIR/notified"
	assert_output "--app-name=steady|steady|Today's check-in is open whenever you are ready: run checkin.|"
}

@test "steady.7: the crontab reminder of EXAMPLES runs under env -i" {
	local prefix tab=$BATS_TEST_TMPDIR/crontab
	prefix=$(install_prefix)
	crontabs steady.7 EXAMPLES | awk 'BEGIN { RS = "" } /checkin --remind/' |
	    sed "s|/usr/local|$prefix|" >"$tab"
	run -0 cat "$tab"
	assert_output "PATH=$prefix/bin:/usr/bin:/bin
0 20 * * * checkin --remind"
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	cron_run "$tab" 'checkin --remind'
	assert_equal "$status" 0
	assert_output "Today's check-in is open whenever you are ready: run checkin."
}

@test "steady.7: a git history of the data folder, and its nightly commit under env -i" {
	local cmds before after tab=$BATS_TEST_TMPDIR/crontab
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	# No name or address from the test, the user's settings or cron.
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	    GIT_COMMITTER_EMAIL EMAIL
	checkin mood=5
	cmds=$(block_with EXAMPLES 'git init')
	run -0 env -i HOME="$HOME" PATH=/usr/bin:/bin sh -c "$(sed 's/^\$ //' <<<"$cmds")"
	checkin mood=6
	crontabs steady.7 EXAMPLES | awk 'BEGIN { RS = "" } /git commit/' >"$tab"
	run -0 grep -c '^55 23 ' "$tab"
	assert_output 1
	run -0 crontab -n "$tab"
	# The commit is named for its day; a run across midnight may see two.
	before=$(date +%F)
	cron_run "$tab" '^55 23 '
	after=$(date +%F)
	assert_equal "$status" 0
	assert_equal "$stderr" ''
	run -0 git -C "$HOME/.local/share/steady" log --format=%s
	assert_line --index 1 'start of the record'
	[[ ${lines[0]} == "$before" || ${lines[0]} == "$after" ]] ||
	    fail "the nightly commit is named '${lines[0]}', not $before or $after"
	run -0 git -C "$HOME/.local/share/steady" show --stat --format= HEAD
	assert_line --partial 'checkin.csv | 1 +'
}

@test "steady.7: the systemd units are those of examples/systemd" {
	run -0 block REMINDERS 2
	assert_equal "$output" "$(grep -v '^#' \
	    "$TOP/examples/systemd/steady-remind.service")"
	run -0 block REMINDERS 3
	assert_equal "$output" "$(grep -v '^#' \
	    "$TOP/examples/systemd/steady-remind.timer")"
	run -0 commands REMINDERS 4
	assert_output 'systemctl --user daemon-reload
systemctl --user enable --now steady-remind.timer'
}

@test "steady.7: systemd accepts the units, and the service speaks with no terminal" {
	local prefix units=$BATS_TEST_TMPDIR/units cmd
	prefix=$(install_prefix)
	mkdir -p "$units" "$BATS_TEST_TMPDIR/run"
	chmod 700 "$BATS_TEST_TMPDIR/run"
	block REMINDERS 2 | sed "s|/usr/local|$prefix|" \
	    >"$units/steady-remind.service"
	block REMINDERS 3 >"$units/steady-remind.timer"
	XDG_RUNTIME_DIR=$BATS_TEST_TMPDIR/run run -0 --separate-stderr \
	    systemd-analyze verify --user "$units/steady-remind.service" \
	    "$units/steady-remind.timer"
	assert_equal "$stderr" ''
	run -0 systemd-analyze calendar "$(sed -n 's/^OnCalendar=//p' \
	    "$units/steady-remind.timer")"
	assert_line --regexp '^ *Normalized form: \*-\*-\* 20:00:00$'
	cmd=$(sed -n 's/^ExecStart=//p' "$units/steady-remind.service")
	run -0 --separate-stderr env -i HOME="$HOME" PATH=/usr/bin:/bin \
	    setsid $cmd </dev/null
	assert_output "Today's check-in is open whenever you are ready: run checkin."
	env -i HOME="$HOME" "$prefix/bin/checkin" mood=6
	# Done for today: 1, which SuccessExitStatus=1 takes as success.
	run -1 --separate-stderr env -i HOME="$HOME" PATH=/usr/bin:/bin \
	    setsid $cmd </dev/null
	assert_output ''
	assert_equal "$(sed -n 's/^SuccessExitStatus=//p' \
	    "$units/steady-remind.service")" 1
}

@test "steady.7: the sample caseload has four clients with five logs each, and a couple's record" {
	cd "$BATS_TEST_TMPDIR"
	run -0 caseload
	assert_output ''
	run -0 sh -c 'find clients -type f | sort'
	assert_output "$(for c in ana ben cara dev; do
		for l in checkin ground ladder promise reflect trials; do
			[ $l = promise ] && [ $c != ana ] && continue
			echo "clients/$c/$l.csv"
		done
	done)"
	run -0 stat -c '%a %n' clients clients/cara clients/cara/checkin.csv
	assert_output '700 clients
700 clients/cara
600 clients/cara/checkin.csv'
}

@test "steady.7: the sample caseload holds the newer records" {
	cd "$BATS_TEST_TMPDIR"
	sh "$TOP/examples/caseload.sh" -c config clients
	# Ana's trials with the grounding and reflection that went with them.
	run -0 report -f md clients/ana/*.csv
	assert_line '| t20261003T150400 | 2026-10-03 | say her name out loud | 60 | slow, distress 6 to 3 | it was hard and I got through it |'
	assert_line '- Promises made: 6; kept: 5; renegotiated ahead of time: 1; missed: 1.'
	# Ben's corrections: a mood put right, a check-in saved twice taken
	# back; what counts is what he meant.
	run -0 grep -c ',correct$' clients/ben/checkin.csv
	assert_output 2
	run -0 sh -c 'STEADY_DIR=clients/ben checkin --log | grep -c "^2026-11-08T21:05"'
	assert_output 1
	run -0 sh -c 'STEADY_DIR=clients/ben checkin --log | grep "^2026-10-24T20:35"'
	assert_output '2026-10-24T20:35:00+02:00,4,4,7,7,0,,correct'
	# Ana's hard dates, in her own settings folder.
	run -0 cat config/dates.csv
	assert_output 'date,yearly,label,warn,plan
2025-09-14,yes,the day I found out,7,box
--11-28,,our anniversary,7,slow'
	run -0 stat -c %a config config/dates.csv
	assert_output '700
600'
	STEADY_DIR=clients/ana STEADY_CONFIG=config run -0 report -f table \
	    clients/ana/checkin.csv
	assert_line 'Days you marked as hard in this period: 2026-09-14.'
	# Nothing in them that steady cannot read.
	run -0 --separate-stderr report --strict clients/*/*.csv
	assert_equal "$stderr" ''
	run -1 --separate-stderr sh "$TOP/examples/caseload.sh" -c config more
	assert_equal "$stderr" 'caseload.sh: config/dates.csv already exists; choose a new folder'
}

@test "steady.7: the sample caseload is the same for the same seed" {
	cd "$BATS_TEST_TMPDIR"
	sh "$TOP/examples/caseload.sh" a
	sh "$TOP/examples/caseload.sh" -s 1 b
	sh "$TOP/examples/caseload.sh" -s 2 c
	run -0 diff -r a b
	run -1 diff -rq a c
	run -0 sh -c 'sed -n "1p;\$p" a/ana/checkin.csv'
	assert_output 'ts,mood,trust,safety,distress,arousal,note
2026-11-22T22:20:00+01:00,8,6,7,2,0,kept our agreement about phones'
}

@test "steady.7: the sample caseload refuses a folder it would overwrite" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -1 --separate-stderr caseload
	assert_equal "$stderr" 'caseload.sh: clients/ana already exists; choose a new folder'
	run -2 --separate-stderr sh "$TOP/examples/caseload.sh" -n 7 x
	assert_equal "$stderr" 'caseload.sh: -n 7: a whole number from 14, please'
}

@test "steady.7: every log of the sample caseload reads without a fault" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -0 --separate-stderr report --strict clients/*/*.csv
	assert_equal "$stderr" ''
}

@test "steady.7: the caseload at a glance" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -0 block 'A CASELOAD, EVERY WEEK' 2
	assert_output '$ report --summary -f table clients/*/checkin.csv'
	run -0 sh -c "$(commands 'A CASELOAD, EVERY WEEK' 2)"
	assert_output 'Caseload summary
================

caseload
source  last check-in  days  of  mood             trust            safety           distress         arousal          concerns  wins
------  -------------  ----  --  ---------------  ---------------  ---------------  ---------------  ---------------  --------  ----
cara    2026-11-22       79  91  worsening        worsening        worsening        worsening        no clear change         5     1
dev     2026-11-10        8  80  no clear change                   no clear change  no clear change                          1     0
ana     2026-11-22       79  91  improving        improving        improving        improving        falling                 0     5
ben     2026-11-21       71  91  no clear change  no clear change  no clear change  no clear change  no clear change         0     0'
}

@test "steady.7: monday.sh writes a page per client and the CSV, and names the concerns" {
	local week
	cd "$BATS_TEST_TMPDIR"
	caseload
	block 'A CASELOAD, EVERY WEEK' 3 >monday.sh
	run -0 head -n 1 monday.sh
	assert_output '#!/bin/sh'
	week=$(date +%G-W%V)
	run -0 --separate-stderr sh monday.sh
	week=$(week_folder "$week")
	assert_equal "$stderr" ''
	assert_line --index 0 'Concerns to look at this week, most first:'
	assert_line --index 6 --regexp '^cara +2026-11-22 +79 +91 +worsening'
	run -0 sh -c "cd '$week' && ls && stat -c %a . caseload.csv ana.html"
	assert_output 'ana.html
ben.html
cara.html
caseload.csv
dev.html
700
600
600'
	run -0 cut -d, -f1,10,11 "$week/caseload.csv"
	assert_output 'source,concerns,wins
cara,5,1
dev,1,0
ana,0,5
ben,0,0'
	run -0 grep -c '<svg' "$week/ana.html"
	refute_output 0
}

@test "steady.7: monday.sh leaves a client's urge log out of their page" {
	local week
	cd "$BATS_TEST_TMPDIR"
	caseload
	STEADY_DIR=clients/ana promise urge 'check the phone' strength=7 \
	    helped='went for a walk'
	block 'A CASELOAD, EVERY WEEK' 3 >monday.sh
	week=$(date +%G-W%V)
	run -0 --separate-stderr sh monday.sh
	week=$(week_folder "$week")
	assert_equal "$stderr" 'report: clients/ana/urges.csv: an urge log, left out as private (--urges reads it)'
	run -1 grep -c -e '<td>strength</td>' -e 'urges' "$week/ana.html"
	assert_output 0
}

@test "steady.7: monday.sh says so when there is nothing to look at" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	rm -r clients/ben clients/cara clients/dev
	block 'A CASELOAD, EVERY WEEK' 3 >monday.sh
	run -0 --separate-stderr sh monday.sh
	assert_output 'No concerns to look at this week.'
	assert_equal "$stderr" ''
}

@test "steady.7: monday.sh stops with 1 when a log cannot be read" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	printf '2026-11-22T21:00:00+01:00,six,,,,,\n' >>clients/ben/checkin.csv
	block 'A CASELOAD, EVERY WEEK' 3 >monday.sh
	run -1 --separate-stderr sh monday.sh
	assert_output ''
	run -0 grep -c '^report: clients/ben/checkin.csv:[0-9]*: ' <<<"$stderr"
	assert_output 1
}

@test "steady.7: the Monday crontab line runs monday.sh under env -i" {
	local prefix week tab=$BATS_TEST_TMPDIR/crontab
	prefix=$(install_prefix)
	mkdir -p "$HOME/caseload"
	cd "$HOME/caseload"
	caseload
	block 'A CASELOAD, EVERY WEEK' 3 >monday.sh
	block 'A CASELOAD, EVERY WEEK' 4 | sed "s|/usr/local|$prefix|" >"$tab"
	run -0 grep -c -e '^0 7 \* \* 1 ' -e "^PATH=$prefix/bin:/usr/bin:/bin\$" "$tab"
	assert_output 2
	run -0 crontab -n "$tab"
	cd /
	unset STEADY_DIR STEADY_CONFIG STEADY_NOW
	week=$(date +%G-W%V)
	cron_run "$tab" '^0 7 '
	assert_equal "$status" 0
	assert_line --index 0 'Concerns to look at this week, most first:'
	assert_equal "$stderr" ''
	cd "$HOME/caseload"
	week=$(week_folder "$week")
	run -0 ls "$week"
	assert_line 'caseload.csv'
}

@test "steady.7: partial results made with parallel merge into the same summary" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -0 block 'A CASELOAD, EVERY WEEK' 5
	assert_line --index 3 'same'
	run -0 sh -c "$(commands 'A CASELOAD, EVERY WEEK' 5)"
	assert_output 'same'
	run -0 ls clients/ana
	assert_line 'checkin.part'
}

@test "report: --concerns-exit exits 3 when the report names a concern" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -3 --separate-stderr report --summary --concerns-exit \
	    clients/*/checkin.csv
	assert_line --index 1 --regexp '^cara,'
	assert_equal "$stderr" ''
	run -3 report -f html --concerns-exit clients/dev/*.csv
	run -0 report --concerns-exit clients/ana/checkin.csv
}

@test "report: --concerns-exit exits 0 with no concern and 1 on an error" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -0 report --summary --concerns-exit clients/ana/checkin.csv
	printf 'x\n' >>clients/cara/checkin.csv
	run -1 --separate-stderr report --summary --concerns-exit \
	    clients/*/checkin.csv
	assert_output --partial 'cara,'
}

@test "report: --concerns-exit does not go with --partial, and merges to 3" {
	cd "$BATS_TEST_TMPDIR"
	caseload
	run -2 --separate-stderr report --partial --concerns-exit \
	    clients/cara/checkin.csv
	assert_equal "$stderr" 'report: --partial names no concerns; use --concerns-exit with --merge'
	report --partial clients/cara/checkin.csv >cara.part
	run -3 report --merge --concerns-exit cara.part
}

@test "steady.7: the caseload shared out across computers, then merged" {
	local cmds
	cd "$BATS_TEST_TMPDIR"
	caseload
	fake_ssh
	cmds=$(block 'A CASELOAD, EVERY WEEK' 6 | sed 's/^\$ //')
	run -0 grep -c 'parallel -S alpha,beta --trc' <<<"$cmds"
	report --summary clients/*/checkin.csv >single.csv
	run -3 --separate-stderr sh -c "$cmds"
	run -0 cmp single.csv caseload.csv
	run -0 sh -c 'grep -x -e alpha -e beta remote/asked | sort -u'
	assert_output 'alpha
beta'
	# Nothing is left on the other computers.
	run -0 find remote/alpha remote/beta -type f
	assert_output ''
}
