/*
 * test_csvio: the CSV/TSV reader and writer of lib/csvio.c.
 * Inputs go through tmpfile(3) so that they may hold any byte; the read
 * error cases use fopencookie(3) for a stream that fails on demand.  The
 * reader splits a line without quotes itself and gives every other line to
 * libcsv; the tests of both kinds of line, one after the other, are read
 * once through csvr_open (fread) and once through csvr_openpath (read(2)),
 * and both must give what libcsv alone gave before.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csvio.h"
#include "unit.h"
#include "util.h"

/* A reader over the n bytes at s, named "t.csv" in messages. */
static struct csvr *
open_mem(const char *s, size_t n, int flags, FILE **fpp)
{
	FILE *fp = tmpfile();

	if (fp == NULL || fwrite(s, 1, n, fp) != n || fseek(fp, 0, SEEK_SET)) {
		perror("tmpfile");
		exit(1);
	}
	*fpp = fp;
	return csvr_open(fp, "t.csv", flags);
}

#define OPEN(lit, flags, fpp) open_mem((lit), sizeof(lit) - 1, (flags), (fpp))

static void
done(struct csvr *r, FILE *fp)
{
	csvr_close(r);
	fclose(fp);
}

/* A string of n copies of c between pre and post, malloc'd. */
static char *
repeat(const char *pre, int c, size_t n, const char *post)
{
	size_t a = strlen(pre), b = strlen(post);
	char *s = xmalloc(a + n + b + 1);

	memcpy(s, pre, a);
	memset(s + a, c, n);
	memcpy(s + a + n, post, b + 1);
	return s;
}

static void
test_header(void)
{
	FILE *fp;
	struct csvr *r = OPEN("name,when,note\nx,1,hi\n", 0, &fp);

	CHECK(r != NULL, "header: opens");
	CHECK_INT(csvr_ncols(r), 3, "header: three columns");
	CHECK_STR(csvr_colname(r, 1), "when", "header: second name");
	CHECK_STR(csvr_colname(r, 3), NULL, "header: name out of range");
	CHECK_INT(csvr_col(r, "note"), 2, "header: csvr_col finds note");
	CHECK_INT(csvr_col(r, "name"), 0, "header: csvr_col finds name");
	CHECK_INT(csvr_col(r, "nope"), -1, "header: csvr_col misses");
	CHECK_INT(csvr_sep(r), ',', "header: comma separated");
	CHECK_STR(csvr_name(r), "t.csv", "header: name kept");
	CHECK_INT(csvr_next(r), CSVR_REC, "header: a record");
	CHECK_INT(csvr_line(r), 2, "header: record on line 2");
	CHECK_INT(csvr_nfields(r), 3, "header: record has 3 fields");
	CHECK_STR(csvr_field(r, 0), "x", "header: field 0");
	CHECK_STR(csvr_field(r, 2), "hi", "header: field 2");
	CHECK_STR(csvr_field(r, 3), NULL, "header: field out of range");
	CHECK_STR(csvr_raw(r), "x,1,hi", "header: raw text");
	CHECK_INT(csvr_next(r), CSVR_EOF, "header: then EOF");
	CHECK_INT(csvr_next(r), CSVR_EOF, "header: EOF again");
	done(r, fp);
}

static void
test_tsv(void)
{
	FILE *fp;
	struct csvr *r = OPEN("a b\tc\n1,2\t 3 \n", 0, &fp);

	CHECK_INT(csvr_sep(r), '\t', "tsv: tab separated");
	CHECK_STR(csvr_colname(r, 0), "a b", "tsv: first name");
	CHECK_INT(csvr_next(r), CSVR_REC, "tsv: a record");
	CHECK_STR(csvr_field(r, 0), "1,2", "tsv: comma is data");
	CHECK_STR(csvr_field(r, 1), " 3 ", "tsv: spaces kept");
	done(r, fp);

	r = OPEN("a\tb,c\nx\ty,z\n", 0, &fp);
	CHECK_INT(csvr_sep(r), ',', "tsv: a comma in the header means CSV");
	CHECK_STR(csvr_colname(r, 0), "a\tb", "tsv: tab is data in CSV");
	done(r, fp);
}

static void
test_bom_crlf(void)
{
	FILE *fp;
	struct csvr *r = OPEN("\xef\xbb\xbfid,v\r\n1,x\ry\r\n"
	    "\"a\r\nb\",\" \"\r\n", 0, &fp);

	CHECK_STR(csvr_colname(r, 0), "id", "bom: dropped from first name");
	CHECK_STR(csvr_colname(r, 1), "v", "crlf: CR dropped from header");
	CHECK_INT(csvr_next(r), CSVR_REC, "crlf: a record");
	CHECK_STR(csvr_field(r, 1), "x\ry", "crlf: a bare CR is data");
	CHECK_STR(csvr_raw(r), "1,x\ry", "crlf: raw without CRLF");
	CHECK_INT(csvr_next(r), CSVR_REC, "crlf: a quoted CRLF");
	CHECK_STR(csvr_field(r, 0), "a\nb", "crlf: quoted CRLF reads as LF");
	CHECK_STR(csvr_field(r, 1), " ", "crlf: quoted space");
	CHECK_INT(csvr_line(r), 3, "crlf: line 3");
	done(r, fp);

	r = OPEN("x,\xef\xbb\xbfy\n", 0, &fp);
	CHECK_STR(csvr_colname(r, 1), "\xef\xbb\xbfy", "bom: only at start");
	done(r, fp);
}

static void
test_quotes(void)
{
	FILE *fp;
	struct csvr *r = OPEN("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n"
	    "1,\"two\nlines\"\n\"\",\"3\n\n\"\n4,5\n", 0, &fp);

	CHECK_INT(csvr_next(r), CSVR_REC, "quotes: record 1");
	CHECK_STR(csvr_field(r, 0), "x,y", "quotes: quoted comma");
	CHECK_STR(csvr_field(r, 1), "say \"hi\"", "quotes: doubled quotes");
	CHECK_INT(csvr_next(r), CSVR_REC, "quotes: record 2");
	CHECK_INT(csvr_line(r), 3, "quotes: starts on line 3");
	CHECK_STR(csvr_field(r, 1), "two\nlines", "quotes: newline in field");
	CHECK_STR(csvr_raw(r), "1,\"two\nlines\"", "quotes: raw spans lines");
	CHECK_INT(csvr_next(r), CSVR_REC, "quotes: record 3");
	CHECK_INT(csvr_line(r), 5, "quotes: record 3 on line 5");
	CHECK_STR(csvr_field(r, 0), "", "quotes: empty quoted field");
	CHECK_STR(csvr_field(r, 1), "3\n\n", "quotes: blank line inside");
	CHECK_INT(csvr_next(r), CSVR_REC, "quotes: record 4");
	CHECK_INT(csvr_line(r), 8, "quotes: record 4 on line 8");
	CHECK_STR(csvr_field(r, 1), "5", "quotes: record 4 field");
	CHECK_INT(csvr_next(r), CSVR_EOF, "quotes: EOF");
	done(r, fp);
}

static void
test_quote_errors(void)
{
	FILE *fp;
	struct csvr *r = OPEN("a,b\n\"x\"y,1\nx\"y,1\n \"x\",1\n2,3\n"
	    "\"open,1\nmore,2\n", 0, &fp);

	CHECK_INT(csvr_next(r), CSVR_BAD, "quote: text after quote");
	CHECK_STR(st_error(),
	    "t.csv:2: a closing quote is followed by other text",
	    "quote: text after quote message");
	CHECK_INT(csvr_nfields(r), 0, "quote: no fields when bad");
	CHECK_INT(csvr_next(r), CSVR_BAD, "quote: quote in unquoted");
	CHECK_STR(st_error(), "t.csv:3: a quote appears inside an unquoted "
	    "field", "quote: quote in unquoted message");
	CHECK_INT(csvr_next(r), CSVR_BAD, "quote: space then quote");
	CHECK_STR(st_error(), "t.csv:4: a quote appears inside an unquoted "
	    "field", "quote: space then quote message");
	CHECK_INT(csvr_next(r), CSVR_REC, "quote: reading goes on");
	CHECK_INT(csvr_line(r), 5, "quote: on line 5");
	CHECK_STR(csvr_field(r, 1), "3", "quote: good field after");
	CHECK_INT(csvr_next(r), CSVR_BAD, "quote: not closed");
	CHECK_STR(st_error(), "t.csv:6: a quote is not closed",
	    "quote: not closed message");
	CHECK_STR(csvr_raw(r), "\"open,1\nmore,2", "quote: raw of the rest");
	CHECK_INT(csvr_next(r), CSVR_EOF, "quote: then EOF");
	done(r, fp);
}

static void
test_escapes(void)
{
	FILE *fp;
	struct csvr *r = OPEN("n\\tx,b\na\\nb,c\\\\d\\q\\\n", CSVR_UNESCAPE,
	    &fp);

	CHECK_STR(csvr_colname(r, 0), "n\\tx", "escape: header left alone");
	CHECK_INT(csvr_next(r), CSVR_REC, "escape: a record");
	CHECK_STR(csvr_field(r, 0), "a\nb", "escape: \\n decoded");
	CHECK_STR(csvr_field(r, 1), "c\\d\\q\\", "escape: \\\\ and unknown");
	CHECK_STR(csvr_raw(r), "a\\nb,c\\\\d\\q\\", "escape: raw as read");
	done(r, fp);

	r = OPEN("a\nx\\ty\n", 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_REC, "escape: without the flag");
	CHECK_STR(csvr_field(r, 0), "x\\ty", "escape: left as is");
	done(r, fp);
}

static void
test_unescape(void)
{
	char s[] = "\\n\\r\\t\\\\n\\x\\";

	CHECK_STR(csv_unescape(s), "\n\r\t\\n\\x\\", "csv_unescape");
}

static void
test_counts(void)
{
	FILE *fp;
	struct csvr *r = OPEN("a,b\n1\n1,2,3\n4,5\n", 0, &fp);

	CHECK_INT(csvr_next(r), CSVR_BAD, "count: too few");
	CHECK_STR(st_error(), "t.csv:2: has 1 fields, the header has 2",
	    "count: too few message");
	CHECK_INT(csvr_line(r), 2, "count: line of a bad record");
	CHECK_STR(csvr_raw(r), "1", "count: raw of a bad record");
	CHECK_STR(csvr_field(r, 0), NULL, "count: no field when bad");
	CHECK_INT(csvr_next(r), CSVR_BAD, "count: too many");
	CHECK_STR(st_error(), "t.csv:3: has 3 fields, the header has 2",
	    "count: too many message");
	CHECK_INT(csvr_next(r), CSVR_REC, "count: reading goes on");
	CHECK_INT(csvr_line(r), 4, "count: line 4");
	CHECK_STR(csvr_field(r, 0), "4", "count: field after");
	done(r, fp);
}

static void
test_lines(void)
{
	FILE *fp;
	struct csvr *r = OPEN("\na,b\n\n1,2\n\r\n\n3,4\n5,6", 0, &fp);

	CHECK(r != NULL, "blank: leading blank line skipped");
	CHECK_STR(csvr_colname(r, 0), "a", "blank: header found");
	CHECK_INT(csvr_next(r), CSVR_REC, "blank: record 1");
	CHECK_INT(csvr_line(r), 4, "blank: record 1 on line 4");
	CHECK_INT(csvr_next(r), CSVR_REC, "blank: record 2");
	CHECK_INT(csvr_line(r), 7, "blank: record 2 on line 7");
	CHECK_STR(csvr_field(r, 1), "4", "blank: record 2 field");
	CHECK_INT(csvr_next(r), CSVR_BAD, "incomplete: last line");
	CHECK_STR(st_error(), "t.csv:8: the last line is incomplete "
	    "(no newline at its end)", "incomplete: message");
	CHECK_INT(csvr_next(r), CSVR_EOF, "incomplete: then EOF");
	done(r, fp);

	r = OPEN("a,b\n\"1,\n2\"", 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_BAD, "incomplete: inside quotes");
	CHECK_STR(st_error(), "t.csv:3: the last line is incomplete "
	    "(no newline at its end)", "incomplete: physical line");
	CHECK_INT(csvr_line(r), 2, "incomplete: record line");
	done(r, fp);
}

static void
test_empty(void)
{
	FILE *fp;
	struct csvr *r = OPEN("", 0, &fp);

	CHECK(r != NULL, "empty: opens");
	CHECK_INT(csvr_ncols(r), 0, "empty: no columns");
	CHECK_STR(csvr_raw(r), "", "empty: raw is empty");
	CHECK_INT(csvr_next(r), CSVR_EOF, "empty: EOF");
	done(r, fp);

	r = OPEN("a,b\n", 0, &fp);
	CHECK_INT(csvr_ncols(r), 2, "header only: two columns");
	CHECK_INT(csvr_next(r), CSVR_EOF, "header only: EOF");
	done(r, fp);

	r = OPEN("\n\r\n", 0, &fp);
	CHECK_INT(csvr_ncols(r), 0, "blank only: no columns");
	CHECK_INT(csvr_next(r), CSVR_EOF, "blank only: EOF");
	done(r, fp);
}

static void
bad_header(const char *s, size_t n, const char *want, const char *what)
{
	FILE *fp;
	struct csvr *r = open_mem(s, n, 0, &fp);

	CHECK(r == NULL, what);
	CHECK_STR(st_error(), want, what);
	done(r, fp);
}

#define BAD_HEADER(lit, want, what) \
	bad_header((lit), sizeof(lit) - 1, (want), (what))

static void
test_bad_headers(void)
{
	char *s;

	BAD_HEADER("a,b,a\n", "t.csv:1: the column \"a\" appears twice",
	    "header: duplicate");
	BAD_HEADER("\"a\"\tb\ta\n1\t2\t3\n",
	    "t.csv:1: the column \"a\" appears twice", "header: tsv duplicate");
	BAD_HEADER("a,,b\n", "t.csv:1: column 2 has no name",
	    "header: empty name");
	BAD_HEADER("a\"b,c\n", "t.csv:1: a quote appears inside an unquoted "
	    "field", "header: bad quote");
	BAD_HEADER("a,b", "t.csv:1: the last line is incomplete (no newline "
	    "at its end)", "header: no newline");
	BAD_HEADER("\n\na,\"b\n", "t.csv:3: a quote is not closed",
	    "header: open quote");
	s = repeat("", ',', 4096, "\n");
	bad_header(s, strlen(s), "t.csv:1: the header has more than 4096 "
	    "columns", "header: too many columns");
	free(s);
}

static void
test_limits(void)
{
	FILE *fp;
	struct csvr *r;
	const char *f;
	char *big = repeat("a\n", 'x', CSVR_FIELD_MAX + 1, "\nok\n");

	r = open_mem(big, strlen(big), 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_BAD, "limit: field over the cap");
	CHECK_STR(st_error(), "t.csv:2: a field is longer than 1048576 bytes",
	    "limit: field message");
	CHECK_INT(csvr_next(r), CSVR_REC, "limit: reading goes on");
	CHECK_STR(csvr_field(r, 0), "ok", "limit: next record");
	CHECK_INT(csvr_line(r), 3, "limit: next record line");
	done(r, fp);
	free(big);

	big = repeat("a\n\"", 'x', CSVR_FIELD_MAX - 1, "\n\"\n\"\"\n");
	r = open_mem(big, strlen(big), 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_REC, "limit: quoted field at the cap");
	f = csvr_field(r, 0);
	CHECK_INT(f != NULL ? strlen(f) : 0, CSVR_FIELD_MAX,
	    "limit: its length");
	CHECK_INT(csvr_next(r), CSVR_REC, "limit: then the next record");
	CHECK_INT(csvr_line(r), 4, "limit: on line 4");
	done(r, fp);
	free(big);

	big = repeat("a\n\"", 'x', CSVR_FIELD_MAX, "\n\"\nok\n");
	r = open_mem(big, strlen(big), 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_BAD, "limit: quoted field over");
	CHECK_STR(st_error(), "t.csv:2: a field is longer than 1048576 bytes",
	    "limit: quoted field message");
	done(r, fp);
	free(big);
}

static void
test_record_limits(void)
{
	FILE *fp;
	struct csvr *r;
	char *big = repeat("a\n", 'x', 16 * CSVR_FIELD_MAX + 1, "\nok\n");

	r = open_mem(big, strlen(big), 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_BAD, "limit: record over the cap");
	CHECK_STR(st_error(), "t.csv:2: the record is longer than 16777216 "
	    "bytes", "limit: record message");
	CHECK_INT(csvr_next(r), CSVR_REC, "limit: next line read");
	CHECK_STR(csvr_field(r, 0), "ok", "limit: next line field");
	done(r, fp);
	free(big);

	big = repeat("a,b\n", ',', 9999, "\n1,2\n");
	r = open_mem(big, strlen(big), 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_BAD, "limit: many fields");
	CHECK_STR(st_error(), "t.csv:2: has 10000 fields, the header has 2",
	    "limit: many fields counted");
	CHECK_INT(csvr_next(r), CSVR_REC, "limit: then a good record");
	done(r, fp);
	free(big);
}

/* A stream that gives its text, then fails with EIO. */
static ssize_t
failing_read(void *cookie, char *buf, size_t n)
{
	const char **p = cookie;
	size_t len = strlen(*p);

	if (len == 0) {
		errno = EIO;
		return -1;
	}
	if (n > len)
		n = len;
	memcpy(buf, *p, n);
	*p += n;
	return (ssize_t)n;
}

static void
test_read_error(void)
{
	cookie_io_functions_t io = { failing_read, NULL, NULL, NULL };
	const char *text = "a,b\n1,2\n3,", *none = "";
	FILE *fp = fopencookie(&text, "r", io);
	struct csvr *r = csvr_open(fp, "t.csv", 0);

	CHECK(r != NULL, "read error: header read");
	CHECK_INT(csvr_next(r), CSVR_REC, "read error: a record first");
	CHECK_INT(csvr_next(r), CSVR_ERR, "read error: then ERR");
	CHECK_STR(st_error(), "t.csv: read error: Input/output error",
	    "read error: message");
	st_seterr("other");
	CHECK_INT(csvr_next(r), CSVR_ERR, "read error: ERR stays");
	CHECK_STR(st_error(), "t.csv: read error: Input/output error",
	    "read error: message again");
	done(r, fp);

	fp = fopencookie(&none, "r", io);
	CHECK(csvr_open(fp, "t.csv", 0) == NULL, "read error: in the header");
	CHECK_STR(st_error(), "t.csv: read error: Input/output error",
	    "read error: header message");
	fclose(fp);
}

static void
test_writer_fields(void)
{
	struct strbuf sb = { 0 };
	const char *rec[] = { "a", NULL, "b c" };
	const char *one[] = { "" };

#define FIELD(in, sep, fl, want, what) do {				\
	sb_reset(&sb);							\
	csvw_field(&sb, (in), (sep), (fl));				\
	CHECK_STR(sb.s != NULL ? sb.s : "", (want), (what));		\
} while (0)
	FIELD("plain", ',', 0, "plain", "write: plain");
	FIELD("", ',', 0, "", "write: empty");
	FIELD("in side", ',', 0, "in side", "write: inner space");
	FIELD("a,b", ',', 0, "\"a,b\"", "write: comma quoted");
	FIELD("a,b", '\t', 0, "a,b", "write: comma in TSV");
	FIELD("a\tb", '\t', 0, "\"a\tb\"", "write: tab in TSV quoted");
	FIELD("a\tb", '\t', CSVW_ESCAPE, "a\\tb", "write: tab in TSV escaped");
	FIELD("a\tb", ',', CSVW_ESCAPE, "a\tb", "write: tab in CSV kept");
	FIELD("say \"hi\"", ',', 0, "\"say \"\"hi\"\"\"", "write: quotes");
	FIELD(" lead", ',', 0, "\" lead\"", "write: leading space");
	FIELD("trail ", ',', 0, "\"trail \"", "write: trailing space");
	FIELD("a\nb", ',', 0, "\"a\nb\"", "write: newline quoted");
	FIELD("a\rb", ',', 0, "\"a\rb\"", "write: CR quoted");
	FIELD("a\nb\r", ',', CSVW_ESCAPE, "a\\nb\\r", "write: escaped");
	FIELD("c:\\x", ',', CSVW_ESCAPE, "c:\\\\x", "write: backslash");
	FIELD("c:\\x", ',', 0, "c:\\x", "write: backslash unescaped");
	FIELD("\"\n,", ',', CSVW_ESCAPE, "\"\"\"\\n,\"", "write: mixed");
#undef FIELD
	sb_reset(&sb);
	csvw_record(&sb, rec, 3, ',', 0);
	CHECK_STR(sb.s, "a,,b c\n", "write: record with NULL");
	sb_reset(&sb);
	csvw_record(&sb, one, 1, ',', 0);
	CHECK_STR(sb.s, "\"\"\n", "write: lone empty field");
	sb_free(&sb);
}

/* Write names and fields, read them back, and compare. */
static void
round_trip(char sep, int wflags, int rflags, const char *what)
{
	static const char *const names[] = {
		"comma", "quote", "newline", "backslash", "lead", "trail",
		"empty", "tab", "cr", "mixed"
	};
	static const char *const f[] = {
		"a,b", "q\"uote", "line\nbreak", "back\\slash\\n", " lead",
		"trail ", "", "tab\there", "c\rr", "\",\n\\ \t"
	};
	struct strbuf sb = { 0 };
	struct csvr *r;
	FILE *fp;
	size_t i, n = sizeof(f) / sizeof(f[0]);
	int same = 1;

	csvw_record(&sb, names, n, sep, 0);
	csvw_record(&sb, f, n, sep, wflags);
	r = open_mem(sb.s, sb.len, rflags, &fp);
	CHECK(r != NULL && csvr_sep(r) == sep, what);
	CHECK_INT(csvr_next(r), CSVR_REC, what);
	for (i = 0; i < n; i++) {
		if (csvr_field(r, i) == NULL || strcmp(csvr_field(r, i), f[i]))
			same = 0;
		if (strcmp(csvr_colname(r, i), names[i]) != 0)
			same = 0;
	}
	CHECK(same, what);
	CHECK_INT(csvr_next(r), CSVR_EOF, what);
	done(r, fp);
	sb_free(&sb);
}

static void
test_round_trip(void)
{
	const char *one[] = { "" };
	struct strbuf sb = { 0 };
	struct csvr *r;
	FILE *fp;

	round_trip(',', CSVW_ESCAPE, CSVR_UNESCAPE, "round trip: CSV log");
	round_trip('\t', CSVW_ESCAPE, CSVR_UNESCAPE, "round trip: TSV log");
	round_trip(',', 0, 0, "round trip: plain CSV");
	round_trip('\t', 0, 0, "round trip: plain TSV");

	csvw_record(&sb, one, 1, ',', 0);
	csvw_record(&sb, one, 1, ',', 0);
	r = open_mem(sb.s, sb.len, 0, &fp);
	CHECK(r == NULL, "round trip: a lone empty header name is refused");
	done(r, fp);
	sb_reset(&sb);
	sb_puts(&sb, "only\n");
	csvw_record(&sb, one, 1, ',', 0);
	r = open_mem(sb.s, sb.len, 0, &fp);
	CHECK_INT(csvr_next(r), CSVR_REC, "round trip: lone empty field");
	CHECK_STR(csvr_field(r, 0), "", "round trip: read back empty");
	done(r, fp);
	sb_free(&sb);
}

int
main(void)
{
	test_header();
	test_tsv();
	test_bom_crlf();
	test_quotes();
	test_quote_errors();
	test_escapes();
	test_unescape();
	test_counts();
	test_lines();
	test_empty();
	test_bad_headers();
	test_limits();
	test_record_limits();
	test_read_error();
	test_writer_fields();
	test_round_trip();
	return unit_done();
}
