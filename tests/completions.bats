#!/usr/bin/env bats
# completions: the bash, zsh and fish completions of every program.

load helper

COMPLETIONS=$BATS_TEST_DIRNAME/../completions

# complete_bash PROGRAM WORD...: complete the last WORD on the command
# line "PROGRAM WORD...", as bash does on Tab, leaving the candidates in
# COMPREPLY.  bash-completion is loaded first when it is installed.
complete_bash() {
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		# shellcheck disable=SC1091
		source /usr/share/bash-completion/bash_completion
	fi
	source "$COMPLETIONS/$1.bash"
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	# Completion functions run without errexit, as they do in a shell.
	set +e
	"_$1"
	set -e
}

# replies: COMPREPLY as one line, candidates separated by "|".
replies() {
	local IFS='|'
	printf '%s\n' "${COMPREPLY[*]}"
}

# complete_zsh TEXT: type TEXT and Tab into an interactive zsh with the
# completion loaded; prints the command line as completion left it.
complete_zsh() {
	local out=$BATS_TEST_TMPDIR/zsh.line i
	rm -f "$out"
	mkdir -p "$BATS_TEST_TMPDIR/fpath"
	cp "$COMPLETIONS"/_* "$BATS_TEST_TMPDIR/fpath/"
	cat >"$BATS_TEST_TMPDIR/drive.zsh" <<-'ZSH'
		zmodload zsh/zpty
		zpty z zsh -f -i
		zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
		zpty -w z "zle-line-finish() { [[ \$BUFFER == '#'* ]] && print -r -- \"\$BUFFER\" >$2 }; zle -N zle-line-finish"
		zpty -w z "PS1=''"
		# Tab, then comment the line out and accept it, so nothing runs.
		zpty -n -w z "$3"$'\t\C-a#\n'
		for i in {1..100}; do [[ -s $2 ]] && break; sleep 0.1; done
		zpty -d z
	ZSH
	zsh -f "$BATS_TEST_TMPDIR/drive.zsh" "$BATS_TEST_TMPDIR/fpath" "$out" "$1"
	[ -s "$out" ] || return 1
	sed 's/^#//' "$out"
}

@test "completions: bash offers --due for checkin --d" {
	complete_bash checkin --d
	assert_equal "$(replies)" '--due'
}

@test "completions: bash offers --redact and --remind for checkin --r" {
	complete_bash checkin --r
	assert_equal "$(replies)" '--redact|--remind'
	complete_bash checkin --rem
	assert_equal "$(replies)" '--remind'
}

@test "completions: bash offers every option for checkin -" {
	complete_bash checkin -
	assert_equal "$(replies)" '--at|--correct|--due|--edit|--help|--items|--log|--output|--plan|--quiet|--redact|--remind|--since|--until|--version|--withdraw|-a|-c|-d|-e|-h|-i|-l|-o|-p|-q|-r|-s|-u|-V|-w|--form|--forms|-f|-F|--assign|-A'
}

@test "completions: bash offers mood= for checkin mo" {
	complete_bash checkin mo
	assert_equal "$(replies)" 'mood='
}

@test "completions: bash offers every item and note= for an empty operand" {
	complete_bash checkin ''
	assert_equal "$(replies)" 'mood=|trust=|safety=|distress=|arousal=|note='
}

@test "completions: bash leaves out items already given" {
	complete_bash checkin mood=6 note=hi ''
	assert_equal "$(replies)" 'trust=|safety=|distress=|arousal='
	# bash splits "mood=6" at the "=" unless told otherwise
	complete_bash checkin mood = 6 s
	assert_equal "$(replies)" 'safety='
}

@test "completions: bash offers items from items.csv" {
	mkdir -p "$STEADY_CONFIG"
	printf '%s\n%s\n' 'name,min,max' 'sleep,0,14' >"$STEADY_CONFIG/items.csv"
	complete_bash checkin sl
	assert_equal "$(replies)" 'sleep='
}

@test "completions: bash offers nothing for a rating's value" {
	complete_bash checkin mood=
	assert_equal "$(replies)" ''
	complete_bash checkin mood = ''
	assert_equal "$(replies)" ''
}

@test "completions: bash offers 7d after --since" {
	complete_bash checkin --log --since 7
	assert_equal "$(replies)" '7d'
	complete_bash checkin --log --since ''
	assert_equal "$(replies)" 'today|yesterday|7d|4w|3m'
	complete_bash checkin --log --until y
	assert_equal "$(replies)" 'yesterday'
}

@test "completions: bash offers 7d after --since= in either spelling" {
	complete_bash checkin --log --since=7
	assert_equal "$(replies)" '7d'
	complete_bash checkin --log --since = 7
	assert_equal "$(replies)" '7d'
}

@test "completions: bash offers files and - after -o" {
	mkdir "$BATS_TEST_TMPDIR/out"
	touch "$BATS_TEST_TMPDIR/out/week.csv"
	complete_bash checkin -o "$BATS_TEST_TMPDIR/out/w"
	assert_equal "$(replies)" "$BATS_TEST_TMPDIR/out/week.csv"
	complete_bash checkin -o -
	assert_equal "$(replies)" '-'
}

@test "completions: bash offers no ratings with --log, --due or -dq" {
	complete_bash checkin --log ''
	assert_equal "$(replies)" ''
	complete_bash checkin --due m
	assert_equal "$(replies)" ''
	complete_bash checkin -dq ''
	assert_equal "$(replies)" ''
}

@test "completions: bash works without bash-completion loaded" {
	run -0 bash --norc --noprofile -c '
		source "$1"
		COMP_WORDS=(checkin mo) COMP_CWORD=1
		COMP_LINE="checkin mo" COMP_POINT=10
		_checkin
		printf "%s\n" "${COMPREPLY[@]}"
		COMP_WORDS=(checkin --since "") COMP_CWORD=2
		_checkin
		printf "%s\n" "${COMPREPLY[@]}"
	' sh "$COMPLETIONS/checkin.bash"
	assert_output "mood=
today
yesterday
7d
4w
3m"
}

@test "completions: bash registers _checkin for checkin" {
	run -0 bash --norc --noprofile -c 'source "$1" && complete -p checkin' \
	    sh "$COMPLETIONS/checkin.bash"
	assert_output 'complete -F _checkin checkin'
}

@test "completions: zsh -n accepts _checkin" {
	run -0 zsh -n "$COMPLETIONS/_checkin"
	assert_output ''
	run -0 head -n 1 "$COMPLETIONS/_checkin"
	assert_output '#compdef checkin'
}

@test "completions: zsh completes --d, mo and --since 7" {
	run -0 complete_zsh 'checkin --d'
	assert_output 'checkin --due'
	run -0 complete_zsh 'checkin mo'
	assert_output 'checkin mood='
	run -0 complete_zsh 'checkin --log --since 7'
	assert_output 'checkin --log --since 7d'
}

@test "completions: fish --no-execute accepts checkin.fish" {
	run -0 fish --no-execute "$COMPLETIONS/checkin.fish"
	assert_output ''
}

@test "completions: fish completes --d, --rem, mo and --since" {
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --d"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'--due\tSay whether today\'s check-in is open'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --rem"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'--remind\tLike --due, as a desktop notification'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin mo"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'mood=\tMood'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --log --since 7"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'7d\tWith --log, from WHEN'
}

@test "completions: bash offers every option for report -" {
	complete_bash report -
	assert_equal "$(replies)" '--by|--cols|--concerns-exit|--format|--group|--help|--merge|--partial|--redact|--since|--source|--strict|--summary|--until|--urges|--version|-b|-c|-f|-g|-h|-s|-S|-u|-V'
}

@test "completions: bash offers --summary and its neighbours for report --s" {
	complete_bash report --s
	assert_equal "$(replies)" '--since|--source|--strict|--summary'
	complete_bash report --m
	assert_equal "$(replies)" '--merge'
}

@test "completions: bash offers the formats after report -f and --format=" {
	complete_bash report -f ''
	assert_equal "$(replies)" 'table|csv|tsv|md|json|html'
	complete_bash report --format h
	assert_equal "$(replies)" 'html'
	complete_bash report --format=j
	assert_equal "$(replies)" 'json'
	complete_bash report --format = t
	assert_equal "$(replies)" 'table|tsv'
}

@test "completions: bash offers the periods after report --by" {
	complete_bash report --by ''
	assert_equal "$(replies)" 'day|week|month|all'
	complete_bash report -b w
	assert_equal "$(replies)" 'week'
	complete_bash report --by=m
	assert_equal "$(replies)" 'month'
}

@test "completions: bash offers 4w after report --since 4" {
	complete_bash report --since 4
	assert_equal "$(replies)" '4w'
	complete_bash report --until ''
	assert_equal "$(replies)" 'today|yesterday|7d|4w|3m'
}

@test "completions: bash offers nothing for report's columns and names" {
	complete_bash report --group ''
	assert_equal "$(replies)" ''
	complete_bash report -c mo
	assert_equal "$(replies)" ''
	complete_bash report --source ''
	assert_equal "$(replies)" ''
}

@test "completions: bash offers files as report's operands" {
	mkdir -p "$BATS_TEST_TMPDIR/logs/ana"
	touch "$BATS_TEST_TMPDIR/logs/week.csv" "$BATS_TEST_TMPDIR/logs/sleep.tsv"
	complete_bash report "$BATS_TEST_TMPDIR/logs/w"
	assert_equal "$(replies)" "$BATS_TEST_TMPDIR/logs/week.csv"
	complete_bash report --summary -f table "$BATS_TEST_TMPDIR/logs/s"
	assert_equal "$(replies)" "$BATS_TEST_TMPDIR/logs/sleep.tsv"
	complete_bash report --merge "$BATS_TEST_TMPDIR/logs/a"
	assert_equal "$(replies)" "$BATS_TEST_TMPDIR/logs/ana"
}

@test "completions: bash works for report without bash-completion loaded" {
	touch "$BATS_TEST_TMPDIR/week.csv"
	run -0 bash --norc --noprofile -c '
		source "$1"
		COMP_WORDS=(report --by "") COMP_CWORD=2
		_report
		printf "%s\n" "${COMPREPLY[@]}"
		COMP_WORDS=(report "$2/we") COMP_CWORD=1
		_report
		printf "%s\n" "${COMPREPLY[@]}"
	' sh "$COMPLETIONS/report.bash" "$BATS_TEST_TMPDIR"
	assert_output "day
week
month
all
$BATS_TEST_TMPDIR/week.csv"
}

@test "completions: bash registers _report for report" {
	run -0 bash --norc --noprofile -c 'source "$1" && complete -p report' \
	    sh "$COMPLETIONS/report.bash"
	assert_output 'complete -F _report report'
}

@test "completions: zsh -n accepts _report" {
	run -0 zsh -n "$COMPLETIONS/_report"
	assert_output ''
	run -0 head -n 1 "$COMPLETIONS/_report"
	assert_output '#compdef report'
}

@test "completions: zsh completes report --su, --format h and --by w" {
	run -0 complete_zsh 'report --su'
	assert_output 'report --summary'
	run -0 complete_zsh 'report --format h'
	assert_output 'report --format html'
	run -0 complete_zsh 'report --by w'
	assert_output 'report --by week'
	run -0 complete_zsh 'report --since 4'
	assert_output 'report --since 4w'
}

@test "completions: zsh completes a file for report" {
	mkdir -p "$BATS_TEST_TMPDIR/logs"
	touch "$BATS_TEST_TMPDIR/logs/week.csv"
	run -0 complete_zsh "report $BATS_TEST_TMPDIR/logs/we"
	assert_output "report $BATS_TEST_TMPDIR/logs/week.csv"
}

@test "completions: fish --no-execute accepts report.fish" {
	run -0 fish --no-execute "$COMPLETIONS/report.fish"
	assert_output ''
}

@test "completions: fish completes report --su, --format h, --by w and files" {
	run -0 fish --no-config -c 'source $argv[1]; complete -C"report --su"' \
	    "$COMPLETIONS/report.fish"
	assert_output $'--summary\tOne row per source: a caseload at a glance'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"report --format h"' \
	    "$COMPLETIONS/report.fish"
	assert_output $'html\tOne HTML page with charts'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"report --by w"' \
	    "$COMPLETIONS/report.fish"
	assert_output $'week\tSplit each group into periods'
	mkdir -p "$BATS_TEST_TMPDIR/logs"
	touch "$BATS_TEST_TMPDIR/logs/week.csv"
	run -0 fish --no-config -c 'source $argv[1]; complete -C"report $argv[2]/logs/we"' \
	    "$COMPLETIONS/report.fish" "$BATS_TEST_TMPDIR"
	assert_output "$BATS_TEST_TMPDIR/logs/week.csv"
}

@test "completions: every program offers --redact in bash, zsh and fish" {
	local p
	for p in checkin ground ladder reflect promise report; do
		complete_bash "$p" --red
		assert_equal "$(replies)" '--redact'
		run -0 grep -c -- '--redact=-\[' "$COMPLETIONS/_$p"
		run -0 fish --no-config -c 'source $argv[1]; complete -C"$argv[2] --red"' \
		    "$COMPLETIONS/$p.fish" "$p"
		assert_output "--redact	Leave out the words people wrote (=COLS: keep only those)"
	done
}

# complete_fish PROGRAM TEXT: fish's candidates for TEXT, with PROGRAM's
# completion loaded and nothing of the user's.
complete_fish() {
	fish --no-config -c 'source $argv[1]; complete -C"$argv[2]"' \
	    "$COMPLETIONS/$1.fish" "$2"
}

@test "completions: zsh -n accepts the completions of ground, ladder, reflect and promise" {
	local p
	for p in ground ladder reflect promise; do
		run -0 zsh -n "$COMPLETIONS/_$p"
		assert_output ''
		run -0 head -n 1 "$COMPLETIONS/_$p"
		assert_output "#compdef $p"
	done
}

@test "completions: zsh completes promise's commands, the kinds to put right and options" {
	run -0 complete_zsh 'promise ma'
	assert_output 'promise make'
	run -0 complete_zsh 'promise wi'
	assert_output 'promise withdraw'
	run -0 complete_zsh 'promise withdraw ke'
	assert_output 'promise withdraw kept'
	run -0 complete_zsh 'promise make --fi'
	assert_output 'promise make --file'
}

@test "completions: zsh completes ground, ladder and reflect" {
	run -0 complete_zsh 'ground --li'
	assert_output 'ground --list'
	run -0 complete_zsh 'ladder anc'
	assert_output 'ladder anchors'
	run -0 complete_zsh 'ladder withd'
	assert_output 'ladder withdraw'
	run -0 complete_zsh 'reflect thou'
	assert_output 'reflect thought'
}

@test "completions: fish --no-execute accepts the completions of ground, ladder, reflect and promise" {
	local p
	for p in ground ladder reflect promise; do
		run -0 fish --no-execute "$COMPLETIONS/$p.fish"
		assert_output ''
	done
}

@test "completions: fish completes promise's commands, the kinds to put right and options" {
	run -0 complete_fish promise 'promise ma'
	assert_output 'make'
	run -0 complete_fish promise 'promise wi'
	assert_output 'withdraw'
	run -0 complete_fish promise 'promise correct ur'
	assert_output 'urge'
	run -0 complete_fish promise 'promise urge s'
	assert_output 'strength='
	run -0 complete_fish promise 'promise --fi'
	assert_output $'--file\tThe shared record'
}

@test "completions: fish completes ground, ladder and reflect" {
	run -0 complete_fish ground 'ground --li'
	assert_output $'--list\tList the exercises'
	run -0 complete_fish ground 'ground bo'
	assert_output 'box'
	run -0 complete_fish ladder 'ladder withd'
	assert_output 'withdraw'
	run -0 complete_fish reflect 'reflect sc'
	assert_output $'scan\tList possible thinking traps in text'
}
