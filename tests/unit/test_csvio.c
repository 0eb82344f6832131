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
#include <fcntl.h>
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

/*
 * Newlines counted eight bytes at a time: in the words and the tail, at
 * a word's edges, and never a byte that only shares bits with one (0x8a,
 * 0x0b, 0x09).
 */
static void
test_newlines(void)
{
	char buf[37];
	size_t i;

	CHECK_INT(csv_newlines("", 0), 0, "newlines: none in nothing");
	CHECK_INT(csv_newlines("a\nb\n", 4), 2, "newlines: two");
	CHECK_INT(csv_newlines("a\nb\n", 3), 1, "newlines: only the first n");
	memset(buf, '\x8a', sizeof(buf));
	buf[3] = '\x0b';
	buf[4] = '\t';
	CHECK_INT(csv_newlines(buf, sizeof(buf)), 0,
	    "newlines: bytes that only look like one");
	for (i = 0; i < sizeof(buf); i++)
		if (i == 0 || i == 7 || i == 8 || i == 15 || i == 31 ||
		    i == 32 || i == 36)
			buf[i] = '\n';
	CHECK_INT(csv_newlines(buf, sizeof(buf)), 7,
	    "newlines: at each edge of a word and in the tail");
	memset(buf, '\n', sizeof(buf));
	CHECK_INT(csv_newlines(buf, sizeof(buf)), 37, "newlines: all of them");
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
	FIELD("\xef\xbb\xbf" "x", ',', 0, "\"\xef\xbb\xbf" "x\"",
	    "write: a leading BOM quoted");
	FIELD("x\xef\xbb\xbf", ',', 0, "x\xef\xbb\xbf",
	    "write: a later BOM as is");
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

/* Append s to sb with control bytes and backslashes as C escapes. */
static void
show(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			sb_puts(sb, "\\n");
		else if (*s == '\r')
			sb_puts(sb, "\\r");
		else if (*s == '\t')
			sb_puts(sb, "\\t");
		else if (*s == '\\')
			sb_puts(sb, "\\\\");
		else if ((unsigned char)*s < 0x20)
			sb_printf(sb, "\\x%02x", (unsigned char)*s);
		else
			sb_putc(sb, *s);
	}
}

/*
 * All that r gives, then closes it: the header's names, then a line per
 * csvr_next, "LINE: [field]... <raw>" for a record, "LINE! message <raw>"
 * for a bad one, and last "eof" or "err! message".
 */
static char *
transcript(struct csvr *r)
{
	struct strbuf sb = { 0 };
	size_t i;
	int c;

	if (r == NULL) {
		sb_puts(&sb, "open! ");
		show(&sb, st_error());
		sb_putc(&sb, '\n');
		return sb.s;
	}
	sb_puts(&sb, "cols");
	for (i = 0; i < csvr_ncols(r); i++) {
		sb_puts(&sb, " [");
		show(&sb, csvr_colname(r, i));
		sb_putc(&sb, ']');
	}
	while ((c = csvr_next(r)) == CSVR_REC || c == CSVR_BAD) {
		sb_printf(&sb, "\n%lu%c", csvr_line(r),
		    c == CSVR_REC ? ':' : '!');
		if (c == CSVR_BAD) {
			sb_putc(&sb, ' ');
			show(&sb, st_error());
		}
		for (i = 0; i < csvr_nfields(r); i++) {
			sb_puts(&sb, " [");
			show(&sb, csvr_field(r, i));
			sb_putc(&sb, ']');
		}
		sb_puts(&sb, " <");
		show(&sb, csvr_raw(r));
		sb_putc(&sb, '>');
	}
	if (c == CSVR_EOF)
		sb_puts(&sb, "\neof\n");
	else
		sb_printf(&sb, "\nerr! %s\n", st_error());
	csvr_close(r);
	return sb.s;
}

/* Write n bytes at s to the file at path, any byte included. */
static void
put_bytes(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "w");

	unit_must(fp != NULL, path);
	unit_must(fwrite(s, 1, n, fp) == n && fclose(fp) == 0, path);
}

/* A stream over bytes in memory, which has no file descriptor. */
struct memsrc {
	const char *s;
	size_t n;
};

static ssize_t
mem_read(void *cookie, char *buf, size_t n)
{
	struct memsrc *m = cookie;

	if (n > m->n)
		n = m->n;
	memcpy(buf, m->s, n);
	m->s += n;
	m->n -= n;
	return (ssize_t)n;
}

static int
mem_close(void *cookie)
{
	free(cookie);
	return 0;
}

/*
 * The reader reads a file given to csvr_open in blocks with fread, a file
 * it opens itself with read(2), and any other stream a byte at a time.
 */
enum { WAY_FILE, WAY_PATH, WAY_STREAM, NWAYS };
static const char *const way_name[NWAYS] = {
	"csvr_open on a file", "csvr_openpath", "csvr_open on a stream"
};

/*
 * A reader over the n bytes at s, read the given way; *fpp is the stream
 * to close after it, or NULL.  Files are "t.csv" in the scratch directory,
 * the current one, so that messages are the same every way.
 */
static struct csvr *
open_way(int way, const char *s, size_t n, int flags, FILE **fpp)
{
	cookie_io_functions_t io = { mem_read, NULL, NULL, mem_close };
	struct memsrc *m;

	*fpp = NULL;
	if (way == WAY_FILE)
		return open_mem(s, n, flags, fpp);
	if (way == WAY_PATH) {
		put_bytes("t.csv", s, n);
		return csvr_openpath("t.csv", flags);
	}
	m = xmalloc(sizeof(*m));
	m->s = s;
	m->n = n;
	*fpp = fopencookie(m, "r", io);
	unit_must(*fpp != NULL, "fopencookie");
	return csvr_open(*fpp, "t.csv", flags);
}

static void
close_way(struct csvr *r, FILE *fp)
{
	csvr_close(r);
	if (fp != NULL)
		fclose(fp);
}

/* Read the n bytes at s every way; each must give want. */
static void
read_all_ways(const char *s, size_t n, int flags, const char *want,
    const char *what)
{
	char *got, label[128];
	FILE *fp;
	int way;

	for (way = 0; way < NWAYS; way++) {
		got = transcript(open_way(way, s, n, flags, &fp));
		close_way(NULL, fp);
		snprintf(label, sizeof(label), "%s (%s)", what, way_name[way]);
		CHECK_STR(got, want, label);
		free(got);
	}
}

struct plain_case {
	const char *what;
	const char *in;
	size_t len;
	int flags;
	const char *want;
};

#define CASE(what, in, flags, want) \
	{ (what), (in), sizeof(in) - 1, (flags), (want) }

/*
 * Lines without a quote, which the reader splits itself, among lines that
 * libcsv reads.  The expected text is what the reader gave when libcsv
 * read every line.
 */
static const struct plain_case plain_cases[] = {
	CASE("plain: mixed with quoted lines",
	    "id,note,n\n"
	    "1,plain,2\n"
	    "2,\"quoted, with comma\",3\n"
	    "3,,4\n"
	    "4,\"say \"\"hi\"\"\",5\n"
	    "5,last,6\n", 0,
	    "cols [id] [note] [n]\n"
	    "2: [1] [plain] [2] <1,plain,2>\n"
	    "3: [2] [quoted, with comma] [3] <2,\"quoted, with comma\",3>\n"
	    "4: [3] [] [4] <3,,4>\n"
	    "5: [4] [say \"hi\"] [5] <4,\"say \"\"hi\"\"\",5>\n"
	    "6: [5] [last] [6] <5,last,6>\n"
	    "eof\n"),
	CASE("plain: after quoted lines and quote errors",
	    "a,b\n"
	    "\"two\nlines\",x\n"
	    "p,q\n"
	    "\"bad\"x,y\n"
	    "r,s\n"
	    "ab\"c,d\n"
	    ",\n"
	    "t,\"open\n"
	    "u,v\n", 0,
	    "cols [a] [b]\n"
	    "2: [two\\nlines] [x] <\"two\\nlines\",x>\n"
	    "4: [p] [q] <p,q>\n"
	    "5! t.csv:5: a closing quote is followed by other text "
	    "<\"bad\"x,y>\n"
	    "6: [r] [s] <r,s>\n"
	    "7! t.csv:7: a quote appears inside an unquoted field <ab\"c,d>\n"
	    "8: [] [] <,>\n"
	    "9! t.csv:9: a quote is not closed <t,\"open\\nu,v>\n"
	    "eof\n"),
	CASE("plain: CRLF",
	    "a,b\r\n"
	    "1,2\r\n"
	    "x\ry,3\r\n"
	    "4,5\r\r\n"
	    "\r\n"
	    "6,7\n"
	    "\"8\",9\r\n", 0,
	    "cols [a] [b]\n"
	    "2: [1] [2] <1,2>\n"
	    "3: [x\\ry] [3] <x\\ry,3>\n"
	    "4: [4] [5\\r] <4,5\\r>\n"
	    "6: [6] [7] <6,7>\n"
	    "7: [8] [9] <\"8\",9>\n"
	    "eof\n"),
	CASE("plain: BOM before the header",
	    "\xef\xbb\xbf" "a,b\n"
	    "1,2\n"
	    "\xef\xbb\xbf" "3,4\n", 0,
	    "cols [a] [b]\n"
	    "2: [1] [2] <1,2>\n"
	    "3: [\xef\xbb\xbf" "3] [4] <\xef\xbb\xbf" "3,4>\n"
	    "eof\n"),
	CASE("plain: BOM on a blank first line",
	    "\xef\xbb\xbf\r\n"
	    "a,b\r\n"
	    "1,2\r\n", 0,
	    "cols [a] [b]\n"
	    "3: [1] [2] <1,2>\n"
	    "eof\n"),
	CASE("plain: BOM before a header after blank lines",
	    "\n\r\n"
	    "\xef\xbb\xbf" "a,b\n"
	    "1,2\n", 0,
	    "cols [a] [b]\n"
	    "4: [1] [2] <1,2>\n"
	    "eof\n"),
	CASE("plain: a quoted BOM in the header is kept",
	    "\"\xef\xbb\xbf" "a\",b\n"
	    "1,2\n", 0,
	    "cols [\xef\xbb\xbf" "a] [b]\n"
	    "2: [1] [2] <1,2>\n"
	    "eof\n"),
	CASE("plain: escapes decoded",
	    "a\\n,b\n"
	    "x\\ny,z\n"
	    "c:\\\\d,\\q\\\n"
	    "e\\,f\n"
	    "\\t\\r,\\\\n\n"
	    "\"q\\nr\",s\n", CSVR_UNESCAPE,
	    "cols [a\\\\n] [b]\n"
	    "2: [x\\ny] [z] <x\\\\ny,z>\n"
	    "3: [c:\\\\d] [\\\\q\\\\] <c:\\\\\\\\d,\\\\q\\\\>\n"
	    "4: [e\\\\] [f] <e\\\\,f>\n"
	    "5: [\\t\\r] [\\\\n] <\\\\t\\\\r,\\\\\\\\n>\n"
	    "6: [q\\nr] [s] <\"q\\\\nr\",s>\n"
	    "eof\n"),
	CASE("plain: escapes kept without CSVR_UNESCAPE",
	    "a,b\n"
	    "x\\ny,c:\\\\d\n", 0,
	    "cols [a] [b]\n"
	    "2: [x\\\\ny] [c:\\\\\\\\d] <x\\\\ny,c:\\\\\\\\d>\n"
	    "eof\n"),
	CASE("plain: field counts",
	    "a,b,c\n"
	    "1,2\n"
	    "1,2,3,4\n"
	    ",,\n"
	    ",,,\n"
	    "x\n"
	    "\"q\",2\n"
	    "7,8,9\n", 0,
	    "cols [a] [b] [c]\n"
	    "2! t.csv:2: has 2 fields, the header has 3 <1,2>\n"
	    "3! t.csv:3: has 4 fields, the header has 3 <1,2,3,4>\n"
	    "4: [] [] [] <,,>\n"
	    "5! t.csv:5: has 4 fields, the header has 3 <,,,>\n"
	    "6! t.csv:6: has 1 fields, the header has 3 <x>\n"
	    "7! t.csv:7: has 2 fields, the header has 3 <\"q\",2>\n"
	    "8: [7] [8] [9] <7,8,9>\n"
	    "eof\n"),
	CASE("plain: last line without a newline",
	    "a,b\n"
	    "1,2\n"
	    "3,4", 0,
	    "cols [a] [b]\n"
	    "2: [1] [2] <1,2>\n"
	    "3! t.csv:3: the last line is incomplete (no newline at its end) "
	    "<3,4>\n"
	    "eof\n"),
	CASE("plain: last line a CR without a newline",
	    "a,b\n"
	    "1,2\r", 0,
	    "cols [a] [b]\n"
	    "2! t.csv:2: the last line is incomplete (no newline at its end) "
	    "<1,2\\r>\n"
	    "eof\n"),
	CASE("plain: blank lines",
	    "\n"
	    "\n"
	    "a,b\n"
	    "\n"
	    "1,2\n"
	    "\r\n"
	    "\n"
	    "3,4\n"
	    "\r\r\n"
	    "\"\n"
	    "\n"
	    "\",5\n"
	    "\n", 0,
	    "cols [a] [b]\n"
	    "5: [1] [2] <1,2>\n"
	    "8: [3] [4] <3,4>\n"
	    "9! t.csv:9: has 1 fields, the header has 2 <\\r>\n"
	    "10: [\\n\\n] [5] <\"\\n\\n\",5>\n"
	    "eof\n"),
	CASE("plain: a lone CR is a field",
	    "a\n"
	    "\r\r\n"
	    " \n", 0,
	    "cols [a]\n"
	    "2: [\\r] <\\r>\n"
	    "3: [ ] < >\n"
	    "eof\n"),
	CASE("plain: spaces kept as they are; a NUL is named",
	    "a,b\n"
	    " x , y \n"
	    "n\0m,z\n", 0,
	    "cols [a] [b]\n"
	    "2: [ x ] [ y ] < x , y >\n"
	    "3! t.csv:3: holds a NUL byte, which text never does <>\n"
	    "eof\n"),
	CASE("plain: TSV",
	    "a\tb c\n"
	    "1\t2,3\n"
	    " x \t\n"
	    "\"q\tr\"\ts\n"
	    "u\tv\tw\n"
	    "\\t\tz\n", CSVR_UNESCAPE,
	    "cols [a] [b c]\n"
	    "2: [1] [2,3] <1\\t2,3>\n"
	    "3: [ x ] [] < x \\t>\n"
	    "4: [q\\tr] [s] <\"q\\tr\"\\ts>\n"
	    "5! t.csv:5: has 3 fields, the header has 2 <u\\tv\\tw>\n"
	    "6: [\\t] [z] <\\\\t\\tz>\n"
	    "eof\n"),
};

static void
test_plain_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(plain_cases) / sizeof(plain_cases[0]); i++)
		read_all_ways(plain_cases[i].in, plain_cases[i].len,
		    plain_cases[i].flags, plain_cases[i].want,
		    plain_cases[i].what);
}

/*
 * Lines of each length around each power of two from 4 KiB to 256 KiB,
 * so around the reader's block whatever its size, with short ones between:
 * a line that fills a block goes to libcsv, a shorter one is split in the
 * block.  Each long plain line has a quoted twin, which libcsv reads.
 */
static void
long_lines(struct strbuf *in)
{
	char *xs = repeat("", 'x', (size_t)1 << 18, "");
	size_t k, len;

	sb_puts(in, "a,b\n");
	for (k = 12; k <= 18; k++) {
		for (len = ((size_t)1 << k) - 2; len <= ((size_t)1 << k) + 1;
		    len++) {
			sb_add(in, xs, len - 2);
			sb_puts(in, ",y\n,t\n\"");
			sb_add(in, xs, len - 4);
			sb_puts(in, "\",q\n");
		}
	}
	sb_puts(in, ",w\n");
	free(xs);
}

/*
 * Whether the next record is on line, its first field xlen x's, its second
 * f1, its raw text rawlen bytes.
 */
static int
next_is(struct csvr *r, unsigned long line, size_t xlen, const char *f1,
    size_t rawlen)
{
	const char *f;

	if (csvr_next(r) != CSVR_REC || csvr_line(r) != line)
		return 0;
	f = csvr_field(r, 0);
	return strlen(f) == xlen && strspn(f, "x") == xlen &&
	    strcmp(csvr_field(r, 1), f1) == 0 && strlen(csvr_raw(r)) == rawlen;
}

/* Whether r gives the records of long_lines(), then EOF. */
static int
long_lines_ok(struct csvr *r)
{
	unsigned long line = 2;
	size_t k, len;

	for (k = 12; k <= 18; k++) {
		for (len = ((size_t)1 << k) - 2; len <= ((size_t)1 << k) + 1;
		    len++) {
			if (!next_is(r, line, len - 2, "y", len) ||
			    !next_is(r, line + 1, 0, "t", 2) ||
			    !next_is(r, line + 2, len - 4, "q", len))
				return 0;
			line += 3;
		}
	}
	return next_is(r, line, 0, "w", 2) && csvr_next(r) == CSVR_EOF;
}

static void
test_plain_long(void)
{
	struct strbuf in = { 0 };
	struct csvr *r;
	char label[128];
	FILE *fp;
	int way;

	long_lines(&in);
	for (way = 0; way < NWAYS; way++) {
		r = open_way(way, in.s, in.len, 0, &fp);
		snprintf(label, sizeof(label), "plain: long lines (%s)",
		    way_name[way]);
		CHECK(r != NULL && long_lines_ok(r), label);
		close_way(r, fp);
	}
	sb_free(&in);
}

#define NBLOCKREC 5000

/* The fields of record i of many_records(); f2 is a buffer of 300. */
static void
record_fields(size_t i, const char *f[3], char *f2)
{
	static const char *const tricky[] = {
		"plain", "with,comma", "two\nlines", "back\\slash", "",
		" lead", "say \"hi\"", "cr\r", "tab\tin"
	};
	static char num[32];

	snprintf(num, sizeof(num), "%zu", i);
	f[0] = num;
	f[1] = tricky[i % (sizeof(tricky) / sizeof(tricky[0]))];
	memset(f2, 'z', (i * 37) % 299);
	f2[(i * 37) % 299] = '\0';
	f[2] = f2;
}

/*
 * Enough records of every kind to cross many blocks at every kind of
 * place; line[i] is where record i starts.
 */
static void
many_records(struct strbuf *sb, unsigned long *line, int wflags)
{
	static const char *const names[] = { "n", "text", "pad" };
	const char *f[3];
	char f2[300];
	size_t i, at;
	unsigned long ln = 2;

	csvw_record(sb, names, 3, ',', 0);
	for (i = 0; i < NBLOCKREC; i++) {
		line[i] = ln;
		record_fields(i, f, f2);
		at = sb->len;
		csvw_record(sb, f, 3, ',', wflags);
		for (; at < sb->len; at++)
			ln += sb->s[at] == '\n';
	}
}

/* How many records r gives otherwise than many_records() wrote them. */
static size_t
many_misses(struct csvr *r, const unsigned long *line)
{
	const char *f[3];
	char f2[300];
	size_t i, j, miss = 0;

	for (i = 0; i < NBLOCKREC; i++) {
		record_fields(i, f, f2);
		if (csvr_next(r) != CSVR_REC || csvr_line(r) != line[i]) {
			miss++;
			continue;
		}
		for (j = 0; j < 3; j++)
			if (strcmp(csvr_field(r, j), f[j]) != 0) {
				miss++;
				break;
			}
	}
	return miss + (csvr_next(r) != CSVR_EOF);
}

static void
test_plain_blocks(void)
{
	static unsigned long line[NBLOCKREC];
	struct strbuf in = { 0 };
	struct csvr *r;
	char label[128];
	FILE *fp;
	int esc, way;

	for (esc = 0; esc <= 1; esc++) {
		sb_reset(&in);
		many_records(&in, line, esc ? CSVW_ESCAPE : 0);
		for (way = 0; way < NWAYS; way++) {
			r = open_way(way, in.s, in.len,
			    esc ? CSVR_UNESCAPE : 0, &fp);
			snprintf(label, sizeof(label), "blocks: %s (%s)",
			    esc ? "a log" : "CSV", way_name[way]);
			CHECK_INT(many_misses(r, line), 0, label);
			close_way(r, fp);
		}
	}
	sb_free(&in);
}

/*
 * A read error after many lines is told after the last whole line before
 * it, and not sooner; one inside a quoted record is told for it.  A
 * directory opens but cannot be read, whichever way.
 */
static void
test_plain_read_error(void)
{
	cookie_io_functions_t io = { failing_read, NULL, NULL, NULL };
	struct strbuf in = { 0 };
	const char *text, *quoted = "a,b\n1,\"x\ny";
	FILE *fp;
	struct csvr *r;
	size_t i, n = 0;
	int c;

	sb_puts(&in, "a,b\n");
	for (i = 0; i < 40000; i++)
		sb_puts(&in, "1,2\n");
	sb_puts(&in, "3,");
	text = in.s;
	fp = fopencookie(&text, "r", io);
	r = csvr_open(fp, "t.csv", 0);
	while ((c = csvr_next(r)) == CSVR_REC)
		n++;
	CHECK_INT(n, 40000, "read error: every whole line first");
	CHECK_INT(c, CSVR_ERR, "read error: then ERR");
	CHECK_STR(st_error(), "t.csv: read error: Input/output error",
	    "read error: after blocks, message");
	done(r, fp);
	sb_free(&in);

	fp = fopencookie(&quoted, "r", io);
	r = csvr_open(fp, "t.csv", 0);
	CHECK_INT(csvr_next(r), CSVR_ERR, "read error: inside quotes");
	done(r, fp);

	CHECK(csvr_openpath(".", 0) == NULL, "read error: a directory");
	CHECK_STR(st_error(), ".: read error: Is a directory",
	    "read error: a directory, message");
	unit_must((fp = fopen(".", "r")) != NULL, "fopen .");
	CHECK(csvr_open(fp, "t.csv", 0) == NULL,
	    "read error: a directory, opened by the caller");
	CHECK_STR(st_error(), "t.csv: read error: Is a directory",
	    "read error: a directory, opened by the caller, message");
	fclose(fp);
}

/*
 * The caller's stream is left just after the last line the reader took,
 * whichever way it was read.
 */
static void
test_give_back(void)
{
	static const char text[] = "a,b\n1,2\n3,4\n5,6\n";
	struct csvr *r;
	char buf[16], label[128];
	FILE *fp;
	int way;

	for (way = 0; way < NWAYS; way++) {
		if (way == WAY_PATH)
			continue;
		r = open_way(way, text, sizeof(text) - 1, 0, &fp);
		CHECK_INT(csvr_next(r), CSVR_REC, "give back: a record");
		csvr_close(r);
		snprintf(label, sizeof(label), "give back: the stream goes "
		    "on at the next line (%s)", way_name[way]);
		CHECK_STR(fgets(buf, sizeof(buf), fp), "3,4\n", label);
		fclose(fp);
	}
}

/*
 * A record read from a pipe comes out as soon as its line is written, not
 * when a block is full or the writer is done, both through csvr_openpath
 * and through csvr_open.  The writer waits for the reader to have the
 * first record before it writes the second.
 */
static void
test_pipe(int bypath)
{
	struct csvr *r;
	FILE *fp = NULL;
	int go[2], st;
	pid_t pid;
	char c;

	unit_must(mkfifo("p.csv", 0600) == 0 && pipe(go) == 0, "fifo");
	/* Else the child's copy of unwritten output might come out too. */
	fflush(stdout);
	unit_must((pid = fork()) != -1, "fork");
	if (pid == 0) {
		int fd = open("p.csv", O_WRONLY);

		/* Should the reader die, the read below sees the end. */
		close(go[1]);
		if (fd == -1 || write(fd, "a,b\n1,2\n", 8) != 8 ||
		    read(go[0], &c, 1) != 1 || write(fd, "3,4\n", 4) != 4)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	/* Were the first record held back, this would wait forever. */
	alarm(30);
	if (bypath)
		r = csvr_openpath("p.csv", 0);
	else {
		unit_must((fp = fopen("p.csv", "r")) != NULL, "fopen fifo");
		r = csvr_open(fp, "p.csv", 0);
	}
	CHECK_INT(csvr_next(r), CSVR_REC, bypath ?
	    "pipe: the first record at once (csvr_openpath)" :
	    "pipe: the first record at once (csvr_open)");
	CHECK_STR(csvr_field(r, 0), "1", "pipe: its field");
	unit_must(write(go[1], "", 1) == 1, "pipe write");
	CHECK_INT(csvr_next(r), CSVR_REC, "pipe: the second record");
	CHECK_INT(csvr_line(r), 3, "pipe: on line 3");
	CHECK_INT(csvr_next(r), CSVR_EOF, "pipe: then EOF");
	close_way(r, fp);
	alarm(0);
	unit_must(waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pipe: the writer");
	close(go[1]);
	unlink("p.csv");
}

/* Write s to t.csv and open it by name. */
static struct csvr *
open_named(const char *s)
{
	FILE *fp = fopen("t.csv", "w");

	unit_must(fp != NULL && fputs(s, fp) >= 0 && fclose(fp) == 0,
	    "t.csv");
	return csvr_openpath("t.csv", 0);
}

/* A file read in pieces gives the records whole, on their lines. */
static void
test_pieces(void)
{
	struct csvr *r;
	unsigned long lines = 0;

	r = open_named("a,b\n1,2\n3,4\n5,6\n");
	csvr_limit(r, 8);
	CHECK_INT(csvr_next(r), CSVR_REC, "pieces: the first piece's record");
	CHECK_STR(csvr_field(r, 0), "1", "pieces: is 1,2");
	CHECK_INT(csvr_next(r), CSVR_EOF, "pieces: the limit ends the piece");
	CHECK_INT(csvr_cut(r, &lines), -1, "pieces: on a record's end");
	CHECK_INT(csvr_extend(r), 0, "pieces: extend");
	CHECK_INT(csvr_next(r), CSVR_REC, "pieces: then reading goes on");
	CHECK_STR(csvr_field(r, 0), "3", "pieces: with 3,4");
	CHECK_INT(csvr_line(r), 3, "pieces: on line 3");
	CHECK_INT(csvr_seek(r, 12, 3), 0, "pieces: seek to the last line");
	csvr_limit(r, 16);
	CHECK_INT(csvr_next(r), CSVR_REC, "pieces: the last piece");
	CHECK_STR(csvr_field(r, 1), "6", "pieces: is 5,6");
	CHECK_INT(csvr_line(r), 4, "pieces: on line 4");
	CHECK_INT(csvr_next(r), CSVR_EOF, "pieces: and ends");
	csvr_close(r);

	/* The limit falls inside a quoted field of two lines. */
	r = open_named("a,b\n1,\"x\ny\"\n3,4\n");
	csvr_limit(r, 9);
	CHECK_INT(csvr_next(r), CSVR_EOF, "cut: the cut record is not read");
	CHECK_INT(csvr_cut(r, &lines), 4, "cut: where it starts");
	CHECK_INT(lines, 1, "cut: after the header's line");
	CHECK_INT(csvr_extend(r), 0, "cut: extend");
	CHECK_INT(csvr_next(r), CSVR_REC, "cut: the record, whole");
	CHECK_STR(csvr_field(r, 1), "x\ny", "cut: its two lines");
	CHECK_INT(csvr_line(r), 2, "cut: starting on line 2");
	CHECK_INT(csvr_next(r), CSVR_REC, "cut: and the next");
	CHECK_INT(csvr_line(r), 4, "cut: on line 4");
	CHECK_INT(csvr_next(r), CSVR_EOF, "cut: then the end");
	csvr_close(r);

	/* A record's columns: the log's own, or the defaults and a header. */
	{
		static const char *const def[] = { "ts", "x" };
		struct strbuf hdr = { 0 };
		const char **cols;
		size_t n;
		char sep;

		r = open_named("b\ta\n");
		cols = csvr_record_cols(r, def, 2, &n, &sep, &hdr);
		CHECK_INT(n, 2, "record cols: the log's two");
		CHECK_STR(cols[0], "b", "record cols: in the log's order");
		CHECK_INT(sep, '\t', "record cols: the log's separator");
		CHECK(hdr.s == NULL, "record cols: no header for a log with one");
		free(cols);
		csvr_close(r);
		r = open_named("");
		cols = csvr_record_cols(r, def, 2, &n, &sep, &hdr);
		CHECK_STR(cols[1], "x", "record cols: the defaults for a new log");
		CHECK_STR(hdr.s, "ts,x\n", "record cols: and their header");
		CHECK_INT(sep, ',', "record cols: commas in a new log");
		free(cols);
		sb_free(&hdr);
		csvr_close(r);
	}

	/* The header written again, as read. */
	r = open_named("a,\"b c\",\"d,e\"\n1,2,3\n");
	{
		struct strbuf sb = { 0 };

		csvw_header(&sb, r);
		CHECK_STR(sb.s, "a,b c,\"d,e\"\n", "header: written again");
		sb_free(&sb);
	}
	csvr_close(r);

	/* Starting inside that field reads nonsense, as a cut tells. */
	r = open_named("a,b\n1,\"x\ny\"\n");
	CHECK_INT(csvr_seek(r, 9, 2), 0, "inside: seek");
	CHECK_INT(csvr_next(r), CSVR_BAD, "inside: a stray quote");
	CHECK_STR(st_error(), "t.csv:3: a quote appears inside an unquoted "
	    "field", "inside: named on its line");
	csvr_close(r);
}

int
main(void)
{
	char *scratch;

	test_header();
	test_tsv();
	test_bom_crlf();
	test_quotes();
	test_quote_errors();
	test_escapes();
	test_unescape();
	test_newlines();
	test_counts();
	test_lines();
	test_empty();
	test_bad_headers();
	test_limits();
	test_record_limits();
	test_read_error();
	test_writer_fields();
	test_round_trip();
	scratch = xstrdup(unit_scratch("csvio"));
	unit_must(chdir(scratch) == 0, scratch);
	test_plain_cases();
	test_plain_long();
	test_plain_blocks();
	test_plain_read_error();
	test_give_back();
	test_pipe(1);
	test_pipe(0);
	test_pieces();
	unit_must(unlink("t.csv") == 0 && chdir("/") == 0 &&
	    rmdir(scratch) == 0, scratch);
	free(scratch);
	return unit_done();
}
