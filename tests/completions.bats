#!/usr/bin/env bats
# completions: the bash, zsh and fish completions for checkin.

load helper

COMPLETIONS=$BATS_TEST_DIRNAME/../completions

# complete_bash WORD...: complete the last WORD on the command line
# "WORD...", as bash does on Tab, leaving the candidates in COMPREPLY.
# bash-completion is loaded first when it is installed.
complete_bash() {
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		# shellcheck disable=SC1091
		source /usr/share/bash-completion/bash_completion
	fi
	source "$COMPLETIONS/checkin.bash"
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	# Completion functions run without errexit, as they do in a shell.
	set +e
	_checkin
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
	cp "$COMPLETIONS/_checkin" "$BATS_TEST_TMPDIR/fpath/"
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

@test "completions: bash offers --remind for checkin --r" {
	complete_bash checkin --r
	assert_equal "$(replies)" '--remind'
}

@test "completions: bash offers every option for checkin -" {
	complete_bash checkin -
	assert_equal "$(replies)" '--at|--due|--edit|--help|--items|--log|--output|--plan|--quiet|--remind|--since|--until|--version|-a|-d|-e|-h|-i|-l|-o|-p|-q|-r|-s|-u|-V'
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

@test "completions: fish completes --d, --r, mo and --since" {
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --d"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'--due\tSay whether today\'s check-in is open'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --r"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'--remind\tLike --due, as a desktop notification'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin mo"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'mood=\tMood'
	run -0 fish --no-config -c 'source $argv[1]; complete -C"checkin --log --since 7"' \
	    "$COMPLETIONS/checkin.fish"
	assert_output $'7d\tWith --log, from WHEN'
}
