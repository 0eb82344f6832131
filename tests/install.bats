#!/usr/bin/env bats
# install: make install and uninstall under DESTDIR, as a packager runs them.

load helper

@test "install: programs, man pages and completions land under DESTDIR and PREFIX" {
	local root=$BATS_TEST_TMPDIR/root top=$BATS_TEST_DIRNAME/..
	run -0 make -s -C "$top" install DESTDIR="$root" PREFIX=/usr
	run -0 sh -c "cd '$root' && find . -type f | sort"
	assert_output './usr/bin/checkin
./usr/bin/ground
./usr/bin/ladder
./usr/bin/reflect
./usr/bin/report
./usr/share/bash-completion/completions/checkin
./usr/share/bash-completion/completions/ground
./usr/share/bash-completion/completions/ladder
./usr/share/bash-completion/completions/reflect
./usr/share/bash-completion/completions/report
./usr/share/fish/vendor_completions.d/checkin.fish
./usr/share/fish/vendor_completions.d/ground.fish
./usr/share/fish/vendor_completions.d/ladder.fish
./usr/share/fish/vendor_completions.d/reflect.fish
./usr/share/fish/vendor_completions.d/report.fish
./usr/share/man/man1/checkin.1
./usr/share/man/man1/ground.1
./usr/share/man/man1/ladder.1
./usr/share/man/man1/reflect.1
./usr/share/man/man1/report.1
./usr/share/man/man5/steady.5
./usr/share/man/man7/steady.7
./usr/share/zsh/site-functions/_checkin
./usr/share/zsh/site-functions/_ground
./usr/share/zsh/site-functions/_ladder
./usr/share/zsh/site-functions/_reflect
./usr/share/zsh/site-functions/_report'
	run -0 stat -c %a "$root/usr/bin/checkin"
	assert_output '755'
	run -0 "$root/usr/bin/checkin" --version
	assert_output 'checkin (steady) 0.1.0'
	run -0 stat -c %a "$root/usr/bin/report"
	assert_output '755'
	run -0 "$root/usr/bin/report" --version
	assert_output 'report (steady) 0.1.0'
}

@test "install: uninstall removes every file install added" {
	local root=$BATS_TEST_TMPDIR/root top=$BATS_TEST_DIRNAME/..
	make -s -C "$top" install DESTDIR="$root" PREFIX=/usr >/dev/null
	run -0 make -s -C "$top" uninstall DESTDIR="$root" PREFIX=/usr
	run -0 sh -c "cd '$root' && find . -type f | wc -l"
	assert_output '0'
}

@test "install: each man page renders" {
	local page
	for page in "$BATS_TEST_DIRNAME"/../man/*.[157]; do
		run -0 --separate-stderr mandoc -Tutf8 "$page"
		assert_equal "$stderr" ''
		assert [ "${#lines[@]}" -gt 20 ]
	done
}
