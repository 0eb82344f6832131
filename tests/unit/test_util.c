/* Unit tests for lib/util. */
#include <stdlib.h>

#include "unit.h"
#include "util.h"

static void
test_parse_num(void)
{
	const char *why = NULL;
	long long v = 0;

	CHECK_INT(parse_num("7", 0, 10, &v, &why), 0, "7 parses");
	CHECK_INT(v, 7, "7 is 7");
	CHECK_INT(parse_num(" +2 ", -2, 2, &v, &why), 0, "+2 with spaces");
	CHECK_INT(v, 2, "+2 is 2");
	CHECK_INT(parse_num("-2", -2, 2, &v, &why), 0, "-2 parses");
	CHECK_INT(v, -2, "-2 is -2");
	CHECK_INT(parse_num("11", 0, 10, &v, &why), -1, "11 > 10");
	CHECK_STR(why, "is too large", "too large says so");
	CHECK_INT(parse_num("-1", 0, 10, &v, &why), -1, "-1 < 0");
	CHECK_STR(why, "is too small", "too small says so");
	CHECK_INT(parse_num("", 0, 10, &v, &why), -1, "empty is refused");
	CHECK_STR(why, "is not a number", "empty is not a number");
	CHECK_INT(parse_num("6.5", 0, 10, &v, &why), -1, "6.5 is refused");
	CHECK_INT(parse_num("5x", 0, 10, &v, &why), -1, "5x is refused");
	CHECK_INT(parse_num("-", 0, 10, &v, &why), -1, "- alone is refused");
	CHECK_INT(parse_num("99999999999999999999", 0, 10, &v, &why), -1,
	    "overflow is refused");
	CHECK_STR(why, "is too large", "overflow is too large");
}

static void
test_strbuf(void)
{
	struct strbuf sb = { 0 };
	int i;

	sb_puts(&sb, "ab");
	sb_putc(&sb, 'c');
	sb_printf(&sb, "%d-%s", 42, "x");
	CHECK_STR(sb.s, "abc42-x", "strbuf appends");
	CHECK_INT(sb.len, 7, "strbuf length");
	sb_reset(&sb);
	CHECK_STR(sb.s, "", "reset empties");
	for (i = 0; i < 1000; i++)
		sb_puts(&sb, "0123456789");
	CHECK_INT(sb.len, 10000, "strbuf grows");
	sb_free(&sb);
	CHECK(sb.s == NULL && sb.len == 0, "free clears");
}

static void
test_misc(void)
{
	char s[] = "  \t hello there \n";
	char *p;

	CHECK_STR(trim(s), "hello there", "trim both ends");
	st_seterr("%s:%d: %s", "f.csv", 3, "bad");
	CHECK_STR(st_error(), "f.csv:3: bad", "st_error keeps the message");
	p = xasprintf("%s=%d", "mood", 6);
	CHECK_STR(p, "mood=6", "xasprintf formats");
	free(p);
}

/* Messages: control bytes of every kind become "?", the rest stays. */
static void
test_messages(void)
{
	char s[] = "a\033]0;t\007b\tc\nd\177e\302\233f \303\251";
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	CHECK_STR(defang(s), "a?]0;t?b?c?d?e?f \303\251",
	    "C0, DEL and C1 become ?, other UTF-8 stays");
	if ((fp = open_memstream(&text, &len)) == NULL)
		return;
	st_fwarnx(fp, "%s:%d: the column \"%s\"", "f.csv", 1, "x\033[2Jy");
	fclose(fp);
	CHECK(text != NULL && strstr(text, ": f.csv:1: the column "
	    "\"x?[2Jy\"\n") != NULL && strchr(text, '\033') == NULL,
	    "a message is one neutral line");
	free(text);
}

int
main(void)
{
	test_parse_num();
	test_strbuf();
	test_misc();
	test_messages();
	return unit_done();
}
