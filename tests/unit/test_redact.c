/* Unit tests for lib/redact: which columns are words, records without them. */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "unit.h"

static void
test_is_text(void)
{
	const char *checkin[] = { "ts", "mood", "safety", "note" };
	const char *trials[] = { "ts", "step", "peak", "safety", "expect" };

	CHECK(redact_is_text(checkin, 4, "note"), "a note is words");
	CHECK(!redact_is_text(checkin, 4, "mood"), "a rating is not");
	CHECK(!redact_is_text(checkin, 4, "safety"),
	    "a check-in's safety is a rating");
	CHECK(redact_is_text(trials, 5, "safety"),
	    "a trial's safety behaviours are words");
	CHECK(redact_is_text(trials, 5, "step"), "a step's name is words");
	CHECK(!redact_is_text(trials, 5, "peak"), "a peak is a number");
}

static void
test_buf(void)
{
	struct redact *rd = redact_new(NULL);
	struct strbuf sb = { 0 };

	sb_puts(&sb, "ts,mood,note,sleep\n"
	    "2026-11-23T07:30:00+01:00,5,\"a, \"\"b\"\"\\nc\",7\n");
	CHECK_INT(redact_buf(rd, &sb), 0, "a record is redacted");
	CHECK_STR(sb.s, "ts,mood,sleep\n2026-11-23T07:30:00+01:00,5,7\n",
	    "the note is gone, every number kept");
	redact_free(rd);
	sb_free(&sb);

	rd = redact_new("distress,kind");
	sb_puts(&sb, "ts\tkind\tintensity\ttext\n1\tthought\t60\tx\\ty\n");
	CHECK_INT(redact_buf(rd, &sb), 0, "a TSV is redacted");
	CHECK_STR(sb.s, "ts\tkind\n1\tthought\n",
	    "chosen columns: ts and kind stay, the rest go");
	redact_free(rd);
	sb_free(&sb);

	rd = redact_new("mood,note,x\\y");
	sb_puts(&sb, "ts,mood,note,x\\y\n1,2,words,a\\\\b\n");
	CHECK_INT(redact_buf(rd, &sb), 0, "a list naming words");
	CHECK_STR(sb.s, "ts,mood,x\\y\n1,2,a\\\\b\n",
	    "words stay out even when named; cells kept to the byte");
	redact_free(rd);
	sb_free(&sb);
}

static void
test_bad(void)
{
	CHECK(redact_new("mood,,note") == NULL, "an empty name is refused");
	CHECK_STR(st_error(), "--redact=mood,,note: a column name is empty",
	    "and said");
	CHECK(redact_new("") == NULL, "an empty list too");
}

int
main(void)
{
	test_is_text();
	test_buf();
	test_bad();
	return unit_done();
}
