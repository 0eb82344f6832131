#!/usr/bin/env bats
# install: make install and uninstall under PREFIX and DESTDIR, as a
# packager runs them, and each installed piece found where its user
# (man, bash, zsh, fish) looks for it.

load helper

TOP=$BATS_TEST_DIRNAME/..

# progs: the programs the Makefile builds, one a line.
progs() {
	sed -n 's/^PROGS = //p' "$TOP/Makefile" | tr ' ' '\n'
}

# installed ROOT: make install into ROOT with PREFIX=/usr; sets R to the
# prefix as seen from here.
installed() {
	make -s -C "$TOP" install DESTDIR="$1" PREFIX=/usr >/dev/null
	R=$1/usr
}

@test "install: programs, man pages and completions land under DESTDIR and PREFIX" {
	local root=$BATS_TEST_TMPDIR/root p want
	run -0 make -s -C "$TOP" install DESTDIR="$root" PREFIX=/usr
	want=$(for p in $(progs); do
		echo "./usr/bin/$p"
		echo "./usr/share/bash-completion/completions/$p"
		echo "./usr/share/fish/vendor_completions.d/$p.fish"
		echo "./usr/share/man/man1/$p.1"
		echo "./usr/share/zsh/site-functions/_$p"
	done
	echo ./usr/share/man/man5/steady.5
	echo ./usr/share/man/man7/steady.7
	echo ./usr/share/steady/forms/trust-safety.csv)
	run -0 sh -c "cd '$root' && find . -type f | LC_ALL=C sort"
	assert_output "$(LC_ALL=C sort <<<"$want")"
	for p in $(progs); do
		run -0 stat -c %a "$root/usr/bin/$p"
		assert_output '755'
		run -0 "$root/usr/bin/$p" --version
		assert_output "$p (steady) 0.1.0"
	done
}

@test "install: PREFIX alone installs programs that run from there" {
	local prefix=$BATS_TEST_TMPDIR/opt/steady
	run -0 make -s -C "$TOP" install PREFIX="$prefix"
	run -0 env -i HOME="$HOME" PATH="$prefix/bin:/usr/bin:/bin" \
	    checkin -o - mood=5
	assert_line --index 0 'ts,mood,trust,safety,distress,arousal,note'
	run -0 test -f "$prefix/share/man/man7/steady.7"
}

@test "install: uninstall removes every file install added" {
	local root=$BATS_TEST_TMPDIR/root
	installed "$root"
	run -0 make -s -C "$TOP" uninstall DESTDIR="$root" PREFIX=/usr
	run -0 sh -c "cd '$root' && find . -type f | wc -l"
	assert_output '0'
}

@test "install: uninstall leaves other files in the same folders alone" {
	local root=$BATS_TEST_TMPDIR/root
	installed "$root"
	echo keep >"$R/bin/mine"
	echo keep >"$R/share/man/man1/mine.1"
	run -0 make -s -C "$TOP" uninstall DESTDIR="$root" PREFIX=/usr
	run -0 sh -c "cd '$root' && find . -type f | sort"
	assert_output './usr/bin/mine
./usr/share/man/man1/mine.1'
}

@test "install: man -l renders each installed page" {
	local root=$BATS_TEST_TMPDIR/root page
	installed "$root"
	for page in "$R"/share/man/man[157]/*; do
		run -0 --separate-stderr env MANPAGER=cat MANWIDTH=80 \
		    man -l "$page"
		assert_equal "$stderr" ''
		assert_line 'NAME'
		assert_line 'DESCRIPTION'
		assert [ "${#lines[@]}" -gt 20 ]
	done
}

@test "install: man finds every page by name in the installed tree" {
	local root=$BATS_TEST_TMPDIR/root p
	installed "$root"
	for p in $(progs); do
		run -0 man -M "$R/share/man" -w "$p"
		assert_output "$R/share/man/man1/$p.1"
	done
	run -0 man -M "$R/share/man" -w 5 steady
	assert_output "$R/share/man/man5/steady.5"
	run -0 --separate-stderr env MANPAGER=cat man -M "$R/share/man" 7 steady
	assert_line --regexp '^STEADY\(7\) '
}

@test "install: bash-completion loads each installed completion by name" {
	local root=$BATS_TEST_TMPDIR/root p
	installed "$root"
	for p in $(progs); do
		run -0 env XDG_DATA_DIRS="$R/share" PATH="$R/bin:$PATH" \
		    bash -c 'source /usr/share/bash-completion/bash_completion
			__load_completion "$1" && complete -p "$1"' bash "$p"
		assert_output "complete -F _$p $p"
	done
}

@test "install: zsh's compinit finds each installed completion" {
	local root=$BATS_TEST_TMPDIR/root
	installed "$root"
	run -0 zsh -f -c 'fpath=($1 $fpath); autoload -Uz compinit
		compinit -u -D; shift
		for p; do print -r -- "$p ${_comps[$p]}"; done' zsh \
	    "$R/share/zsh/site-functions" $(progs)
	assert_output "$(for p in $(progs); do echo "$p _$p"; done)"
}

@test "install: zsh completes checkin --d and report --su on Tab" {
	local root=$BATS_TEST_TMPDIR/root out=$BATS_TEST_TMPDIR/line t
	installed "$root"
	cat >"$BATS_TEST_TMPDIR/tab.zsh" <<-'ZSH'
		zmodload zsh/zpty
		zpty z zsh -f -i
		zpty -w z "path=($1/bin \$path); fpath=($1/share/zsh/site-functions \$fpath)"
		zpty -w z "autoload -Uz compinit; compinit -u -D; PS1=''"
		zpty -w z "zle-line-finish() { [[ \$BUFFER == '#'* ]] && print -r -- \"\$BUFFER\" >$2 }; zle -N zle-line-finish"
		zpty -n -w z "$3"$'\t\C-a#\n'
		for i in {1..100}; do [[ -s $2 ]] && break; sleep 0.1; done
		zpty -d z
	ZSH
	for t in 'checkin --d:#checkin --due' 'report --su:#report --summary'; do
		rm -f "$out"
		run -0 zsh -f "$BATS_TEST_TMPDIR/tab.zsh" "$R" "$out" "${t%%:*}"
		run -0 cat "$out"
		assert_output "${t#*:}"
	done
}

@test "install: fish finds each installed completion through XDG_DATA_DIRS" {
	local root=$BATS_TEST_TMPDIR/root
	installed "$root"
	run -0 env HOME="$HOME" XDG_DATA_DIRS="$R/share" PATH="$R/bin:$PATH" \
	    fish -c 'complete -C"checkin --d"; complete -C"report --su"
		complete -C"ground --l"; complete -C"reflect th"
		complete -C"ladder sta"'
	assert_output $'--due\tSay whether today\'s check-in is open
--summary\tOne row per source: a caseload at a glance
--list\tList the exercises
thought\tA thought record
start'
}
