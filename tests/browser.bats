#!/usr/bin/env bats
# browser: report's HTML as a browser shows it (headless Chromium).

load helper

# chromium ARGS...: a headless browser that reaches no network.
chromium_run() {
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --user-data-dir="$BATS_TEST_TMPDIR/profile" "$@"
}

@test "browser: the HTML report renders with every chart point" {
	local page=$BATS_TEST_TMPDIR/ana.html
	report -f html "$FIXTURES/clients/ana/checkin.csv" >"$page"
	run -0 --separate-stderr chromium_run --dump-dom "file://$page"
	# Five measures, four weeks each: 5 charts and 20 points, as drawn.
	assert_equal "$(grep -o '<svg' <<<"$output" | wc -l)" 5
	assert_equal "$(grep -o 'class="point"' <<<"$output" | wc -l)" 20
}

@test "browser: nothing on the page fails to load" {
	local page=$BATS_TEST_TMPDIR/ana.html
	report -f html "$FIXTURES/clients/ana/checkin.csv" >"$page"
	run -0 --separate-stderr chromium_run --enable-logging=stderr --v=0 \
	    --dump-dom "file://$page"
	refute [ -z "$output" ]
	run -1 grep -E 'Failed to load|net::ERR_|Refused to' <<<"$stderr"
}

@test "browser: it prints to PDF and to a picture" {
	local page=$BATS_TEST_TMPDIR/ana.html
	report -f html "$FIXTURES/clients/ana/checkin.csv" >"$page"
	run -0 chromium_run --print-to-pdf="$BATS_TEST_TMPDIR/ana.pdf" \
	    --no-pdf-header-footer "file://$page"
	run -0 head -c 5 "$BATS_TEST_TMPDIR/ana.pdf"
	assert_output '%PDF-'
	assert [ "$(stat -c %s "$BATS_TEST_TMPDIR/ana.pdf")" -gt 10000 ]
	run -0 chromium_run --screenshot="$BATS_TEST_TMPDIR/ana.png" \
	    --window-size=1000,1400 "file://$page"
	run -0 sh -c "head -c 8 '$BATS_TEST_TMPDIR/ana.png' | od -An -c | tr -d ' '"
	assert_output '211PNG\r\n032\n'
}
