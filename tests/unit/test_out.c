/*
 * test_out: the report renderer of lib/out.c.  One small document is
 * rendered in every format to a memory stream and compared whole; the
 * HTML page is checked by its parts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "unit.h"
#include "util.h"

static const struct out_col means_cols[] = {
	{ "week", 0 }, { "mood", 1 }, { "note", 0 }
};
static const struct out_col count_cols[] = { { "what", 0 }, { "n", 1 } };

static const double mood_y[] = { 1, NAN, 3 };
static const char *const mood_x[] = { "W1", "W2", "W3" };
static const double mood_marks[] = { 2 };
static const struct out_chart mood = {
	"mood", 3, mood_y, mood_x, 0, 4, mood_marks, 1
};

/* The document every format renders: content before the first section,
 * notes of each kind, two primary tables around a secondary one. */
static void
describe(struct out *o)
{
	static const char *const r1[] = { "W1", "5.5", "a|b" };
	static const char *const r2[] = { "W2", "-2", "=SUM(A1)" };
	static const char *const r3[] = { "W3", "", "x, \"y\" <b>&" };
	static const char *const r4[] = { "days", "3" };
	static const char *const r5[] = { "W4", "7", "ok" };

	out_note(o, OUT_INFO, "before");
	out_section(o, "S1");
	out_note(o, OUT_CONCERN, "Concern to look at: c");
	out_note(o, OUT_WIN, "Win: w");
	out_table(o, "means", means_cols, 3, 1);
	out_row(o, r1);
	out_row(o, r2);
	out_row(o, r3);
	out_chart(o, &mood);
	out_section(o, "S2");
	out_note(o, OUT_INFO, "caf\xc3\xa9\t\x01");
	out_table(o, "counts", count_cols, 2, 0);
	out_row(o, r4);
	out_table(o, "means", means_cols, 3, 1);
	out_row(o, r5);
}

/* Render the document in format f; the text is malloc'd. */
static char *
render(enum out_format f, int colour, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out *o;

	unit_must(fp != NULL, "open_memstream");
	o = out_open(fp, f, colour, "T");
	describe(o);
	*rc = out_close(o);
	unit_must(fclose(fp) == 0, "fclose");
	return buf;
}

static void
check_format(enum out_format f, int colour, const char *want,
    const char *what)
{
	char closes[200];
	int rc;
	char *got = render(f, colour, &rc);

	snprintf(closes, sizeof(closes), "%s (closes)", what);
	CHECK_INT(rc, 0, closes);
	CHECK_STR(got, want, what);
	free(got);
}

static void
test_names(void)
{
	enum out_format f = OUT_TABLE;

	CHECK(out_format_parse("json", &f) == 0 && f == OUT_JSON,
	    "parse: json");
	CHECK(out_format_parse("html", &f) == 0 && f == OUT_HTML,
	    "parse: html");
	CHECK_INT(out_format_parse("JSON", &f), -1, "parse: case matters");
	CHECK_INT(out_format_parse("xml", &f), -1, "parse: unknown");
	CHECK_INT(out_format_parse(NULL, &f), -1, "parse: NULL");
	CHECK_STR(out_format_name(OUT_TSV), "tsv", "name: tsv");
	CHECK_STR(out_format_name(OUT_MD), "md", "name: md");
}

static void
test_table(void)
{
	check_format(OUT_TABLE, 0,
	    "T\n"
	    "=\n"
	    "\n"
	    "before\n"
	    "\n"
	    "S1\n"
	    "--\n"
	    "Concern to look at: c\n"
	    "Win: w\n"
	    "\n"
	    "means\n"
	    "week  mood  note\n"
	    "----  ----  -----------\n"
	    "W1     5.5  a|b\n"
	    "W2      -2  =SUM(A1)\n"
	    "W3          x, \"y\" <b>&\n"
	    "\n"
	    "mood  \xe2\x96\x83 \xe2\x96\x86  (0 .. 4)\n"
	    "\n"
	    "S2\n"
	    "--\n"
	    "caf\xc3\xa9 ?\n"
	    "\n"
	    "counts\n"
	    "what  n\n"
	    "----  -\n"
	    "days  3\n"
	    "\n"
	    "means\n"
	    "week  mood  note\n"
	    "----  ----  ----\n"
	    "W4       7  ok\n",
	    "table: aligned, no colour");
}

static void
test_table_colour(void)
{
	check_format(OUT_TABLE, 1,
	    "\033[1mT\033[0m\n"
	    "\n"
	    "before\n"
	    "\n"
	    "\033[1mS1\033[0m\n"
	    "\033[33mConcern to look at: c\033[0m\n"
	    "\033[32mWin: w\033[0m\n"
	    "\n"
	    "means\n"
	    "week  mood  note\n"
	    "----  ----  -----------\n"
	    "W1     5.5  a|b\n"
	    "W2      -2  =SUM(A1)\n"
	    "W3          x, \"y\" <b>&\n"
	    "\n"
	    "mood  \xe2\x96\x83 \xe2\x96\x86  (0 .. 4)\n"
	    "\n"
	    "\033[1mS2\033[0m\n"
	    "caf\xc3\xa9 ?\n"
	    "\n"
	    "counts\n"
	    "what  n\n"
	    "----  -\n"
	    "days  3\n"
	    "\n"
	    "means\n"
	    "week  mood  note\n"
	    "----  ----  ----\n"
	    "W4       7  ok\n",
	    "table: bold headings, yellow concern, green win");
}

static void
test_csv(void)
{
	check_format(OUT_CSV, 0,
	    "week,mood,note\n"
	    "W1,5.5,a|b\n"
	    "W2,-2,'=SUM(A1)\n"
	    "W3,,\"x, \"\"y\"\" <b>&\"\n"
	    "W4,7,ok\n",
	    "csv: one header, guarded formula, secondary table left out");
	check_format(OUT_TSV, 0,
	    "week\tmood\tnote\n"
	    "W1\t5.5\ta|b\n"
	    "W2\t-2\t'=SUM(A1)\n"
	    "W3\t\t\"x, \"\"y\"\" <b>&\"\n"
	    "W4\t7\tok\n",
	    "tsv: the same table with tabs");
}

/*
 * out_flush writes what is buffered and changes no byte of the document;
 * out_discard writes nothing more, and frees a table left open (the leak
 * checks of the suite would find it).
 */
static void
test_flush_discard(void)
{
	static const char *const r1[] = { "a", "1" };
	static const char *const r2[] = { "b", "2" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out *o;

	unit_must(fp != NULL, "open_memstream");
	o = out_open(fp, OUT_CSV, 0, "ignored");
	out_table(o, "counts", count_cols, 2, 1);
	out_row(o, r1);
	out_flush(o);
	unit_must(fflush(fp) == 0, "fflush");
	CHECK_STR(buf, "what,n\na,1\n", "flush: the header and the row");
	out_flush(o);
	out_row(o, r2);
	CHECK_INT(out_close(o), 0, "flush: closes");
	unit_must(fflush(fp) == 0, "fflush");
	CHECK_STR(buf, "what,n\na,1\nb,2\n", "flush: the same bytes after");

	o = out_open(fp, OUT_CSV, 0, "left");
	out_table(o, "counts", count_cols, 2, 1);
	out_row(o, r1);
	out_discard(o);
	unit_must(fflush(fp) == 0, "fflush");
	CHECK_STR(buf, "what,n\na,1\nb,2\n", "discard: nothing more written");

	/* A table that waits for its last row to align its columns. */
	o = out_open(fp, OUT_MD, 0, "left");
	out_table(o, "counts", count_cols, 2, 1);
	out_row(o, r1);
	out_row(o, r2);
	out_discard(o);
	unit_must(fclose(fp) == 0, "fclose");
	CHECK(strstr(buf, "| a") == NULL && strstr(buf, "| b") == NULL,
	    "discard: a waiting table's rows not written");
	free(buf);
}

/* Primary tables with other columns start a new block after a blank. */
static void
test_csv_new_header(void)
{
	static const char *const r1[] = { "a", "1" };
	static const char *const r2[] = { "" };
	static const struct out_col one[] = { { "only", 0 } };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out *o;

	unit_must(fp != NULL, "open_memstream");
	o = out_open(fp, OUT_CSV, 0, "ignored");
	out_table(o, "counts", count_cols, 2, 1);
	out_row(o, r1);
	out_table(o, "one", one, 1, 1);
	out_row(o, r2);
	CHECK_INT(out_close(o), 0, "csv new header: closes");
	unit_must(fclose(fp) == 0, "fclose");
	CHECK_STR(buf, "what,n\na,1\n\nonly\n\"\"\n",
	    "csv new header: blank line, new header, lone empty cell quoted");
	free(buf);
}

static void
test_md(void)
{
	check_format(OUT_MD, 1,
	    "# T\n"
	    "\n"
	    "- before\n"
	    "\n"
	    "## S1\n"
	    "\n"
	    "- Concern to look at: c\n"
	    "- Win: w\n"
	    "\n"
	    "### means\n"
	    "\n"
	    "| week | mood | note |\n"
	    "| --- | ---: | --- |\n"
	    "| W1 | 5.5 | a\\|b |\n"
	    "| W2 | -2 | =SUM(A1) |\n"
	    "| W3 |  | x, \"y\" \\<b>& |\n"
	    "\n"
	    "mood: `\xe2\x96\x83 \xe2\x96\x86`\n"
	    "\n"
	    "## S2\n"
	    "\n"
	    "- caf\xc3\xa9 ?\n"
	    "\n"
	    "### counts\n"
	    "\n"
	    "| what | n |\n"
	    "| --- | ---: |\n"
	    "| days | 3 |\n"
	    "\n"
	    "### means\n"
	    "\n"
	    "| week | mood | note |\n"
	    "| --- | ---: | --- |\n"
	    "| W4 | 7 | ok |\n",
	    "md: headings, bullets, escaped pipe, no colour");
}

#define MEANS_COLS "\"columns\":[{\"name\":\"week\",\"numeric\":false}," \
	"{\"name\":\"mood\",\"numeric\":true}," \
	"{\"name\":\"note\",\"numeric\":false}]"

static void
test_json(void)
{
	check_format(OUT_JSON, 1,
	    "{\"format\":\"steady-report\",\"version\":1,\"title\":\"T\","
	    "\"sections\":["
	    "{\"heading\":null,"
	    "\"notes\":[{\"kind\":\"info\",\"text\":\"before\"}],"
	    "\"tables\":[],\"charts\":[]},"
	    "{\"heading\":\"S1\","
	    "\"notes\":[{\"kind\":\"concern\","
	    "\"text\":\"Concern to look at: c\"},"
	    "{\"kind\":\"win\",\"text\":\"Win: w\"}],"
	    "\"tables\":[{\"name\":\"means\"," MEANS_COLS ","
	    "\"rows\":[[\"W1\",5.5,\"a|b\"],[\"W2\",-2,\"=SUM(A1)\"],"
	    "[\"W3\",null,\"x, \\\"y\\\" <b>&\"]]}],"
	    "\"charts\":[{\"title\":\"mood\",\"points\":["
	    "{\"x\":\"W1\",\"y\":1},{\"x\":\"W2\",\"y\":null},"
	    "{\"x\":\"W3\",\"y\":3}],\"ymin\":0,\"ymax\":4,\"marks\":[2]}]},"
	    "{\"heading\":\"S2\","
	    "\"notes\":[{\"kind\":\"info\","
	    "\"text\":\"caf\xc3\xa9\\u0009\\u0001\"}],"
	    "\"tables\":[{\"name\":\"counts\",\"columns\":["
	    "{\"name\":\"what\",\"numeric\":false},"
	    "{\"name\":\"n\",\"numeric\":true}],\"rows\":[[\"days\",3]]},"
	    "{\"name\":\"means\"," MEANS_COLS ","
	    "\"rows\":[[\"W4\",7,\"ok\"]]}],"
	    "\"charts\":[]}]}\n",
	    "json: versioned object, escapes, null for NAN and empty");
}

/* Numbers the way JSON spells them; anything else stays a string. */
static void
test_json_numbers(void)
{
	static const char *const r[] = {
		"+007", ".5", "5.", "-0", "1e3", "n/a", "0x10", "inf", "1e999",
		"bad\xff"
	};
	static const struct out_col cols[] = {
		{ "a", 1 }, { "b", 1 }, { "c", 1 }, { "d", 1 }, { "e", 1 },
		{ "f", 1 }, { "g", 1 }, { "h", 1 }, { "i", 1 }, { "j", 0 }
	};
	static const double y[] = { 0.1 + 0.2, 1e20, INFINITY };
	static const struct out_chart c = {
		NULL, 3, y, NULL, NAN, 1.0 / 3, NULL, 0
	};
	static const char head[] = "{\"format\":\"steady-report\","
	    "\"version\":1,\"title\":null,\"sections\":[{\"heading\":null,";
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out *o;

	unit_must(fp != NULL, "open_memstream");
	o = out_open(fp, OUT_JSON, 0, NULL);
	out_table(o, NULL, cols, 10, 1);
	out_row(o, r);
	out_chart(o, &c);
	CHECK_INT(out_close(o), 0, "json numbers: closes");
	unit_must(fclose(fp) == 0, "fclose");
	CHECK(strstr(buf, "\"rows\":[[7,0.5,5,-0,1e3,\"n/a\",\"0x10\","
	    "\"inf\",\"1e999\",\"bad\\ufffd\"]]") != NULL,
	    "json numbers: tidied numbers, other cells strings");
	CHECK(strstr(buf, "{\"title\":null,\"points\":["
	    "{\"x\":null,\"y\":0.3},{\"x\":null,\"y\":1e+20},"
	    "{\"x\":null,\"y\":null}],\"ymin\":null,"
	    "\"ymax\":0.3333333333,\"marks\":[]}") != NULL,
	    "json numbers: %.10g, null for NAN and infinity");
	CHECK(strncmp(buf, head, strlen(head)) == 0,
	    "json numbers: no title is null");
	free(buf);
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

static int
ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

static char *
render_html(void)
{
	static const double y[] = { 1, NAN, 3, 4 };
	static const char *const x[] = { "W1", "W2", "W3", "W4" };
	static const struct out_chart c = {
		"mood <b>&", 4, y, x, 0, 4, mood_marks, 1
	};
	static const char *const r[] = { "<b>&", "5.5", "'q'" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out *o;

	unit_must(fp != NULL, "open_memstream");
	o = out_open(fp, OUT_HTML, 1, "Report <b>&");
	out_section(o, "S");
	out_note(o, OUT_CONCERN, "Concern to look at: \"sleep\"");
	out_note(o, OUT_WIN, "Win: w");
	out_table(o, "means", means_cols, 3, 1);
	out_row(o, r);
	out_chart(o, &c);
	CHECK_INT(out_close(o), 0, "html: closes");
	unit_must(fclose(fp) == 0, "fclose");
	return buf;
}

static void
test_html(void)
{
	char *h = render_html();

	CHECK(strncmp(h, "<!DOCTYPE html>\n", 16) == 0, "html: doctype");
	CHECK(strstr(h, "<meta charset=\"utf-8\">") != NULL, "html: utf-8");
	CHECK(strstr(h, "<title>Report &lt;b&gt;&amp;</title>") != NULL,
	    "html: title escaped");
	CHECK(strstr(h, "http:") == NULL && strstr(h, "https:") == NULL &&
	    strstr(h, "//") == NULL, "html: no external reference");
	CHECK(strstr(h, "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none';") != NULL,
	    "html: scripts and requests forbidden");
	CHECK(strstr(h, "<script") == NULL, "html: no script");
	CHECK(strstr(h, "<b>") == NULL, "html: no markup from the data");
	CHECK(strstr(h, "<td>&lt;b&gt;&amp;</td>") != NULL,
	    "html: cell escaped");
	CHECK(strstr(h, "<td>&#39;q&#39;</td>") != NULL,
	    "html: apostrophes escaped");
	CHECK(strstr(h, "<td class=\"num\">5.5</td>") != NULL,
	    "html: numeric cell right-aligned");
	CHECK(strstr(h, "<li class=\"concern\">Concern to look at: "
	    "&quot;sleep&quot;</li>") != NULL, "html: concern note");
	CHECK(strstr(h, "<li class=\"win\">") != NULL, "html: win note");
	CHECK(strstr(h, "@media print") != NULL, "html: print styles");
	CHECK(strstr(h, "\033") == NULL, "html: no terminal colour");
	CHECK_INT(count(h, "<polyline"), 2, "html: a NAN breaks the line");
	CHECK_INT(count(h, "<circle class=\"point\""), 3,
	    "html: a dot per point with a value");
	CHECK_INT(count(h, "class=\"mark\""), 1, "html: a reference line");
	CHECK(strstr(h, "role=\"img\" aria-label=\"mood &lt;b&gt;&amp;: "
	    "line chart of 4 points from W1 to W4") != NULL,
	    "html: chart described");
	CHECK(strstr(h, "<table class=\"chart-data\">") != NULL,
	    "html: chart data table");
	CHECK_INT(count(h, "<tr><td>W"), 4, "html: every point listed");
	CHECK_INT(count(h, "<section>"), 1, "html: one section");
	CHECK(ends_with(h, "</section>\n</main>\n</body>\n</html>\n"),
	    "html: ends the page");
	free(h);
}

static void
check_cell(const char *s, char sep, int numeric, const char *want,
    const char *what)
{
	struct strbuf sb = { NULL, 0, 0 };

	sb_add(&sb, "", 0);
	out_cell(&sb, s, sep, numeric);
	CHECK_STR(sb.s, want, what);
	sb_free(&sb);
}

static void
test_cell(void)
{
	check_cell("=SUM(A1)", ',', 0, "'=SUM(A1)", "cell: = guarded");
	check_cell("+1", ',', 0, "'+1", "cell: + guarded in text");
	check_cell("-2", ',', 0, "'-2", "cell: - guarded in text");
	check_cell("@x", ',', 0, "'@x", "cell: @ guarded");
	check_cell("-2", ',', 1, "-2", "cell: number not guarded");
	check_cell("+1.5e3", ',', 1, "+1.5e3", "cell: + number not guarded");
	check_cell("-x", ',', 1, "'-x", "cell: non-number in numeric column");
	check_cell("\tx", ',', 0, "'\tx", "cell: tab guarded");
	check_cell("\tx", '\t', 0, "\"'\tx\"", "cell: tab guarded, quoted");
	check_cell("\rx", ',', 0, "\"'\rx\"", "cell: CR guarded, quoted");
	check_cell("a,\"b\"", ',', 0, "\"a,\"\"b\"\"\"", "cell: quoted");
	check_cell("a,b", '\t', 0, "a,b", "cell: comma plain in tsv");
	check_cell(" lead", ',', 0, "\" lead\"", "cell: leading space");
	check_cell("a=b", ',', 0, "a=b", "cell: = inside is fine");
	check_cell("", ',', 0, "", "cell: empty");
	check_cell(NULL, ',', 1, "", "cell: NULL");
}

static void
test_sparkline(void)
{
	static const double ramp[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	static const double gap[] = { 5, NAN, 5 };
	static const double wide[] = { -10, 100, 4.9 };
	char buf[32];

	CHECK_STR(out_sparkline(ramp, 8, 0, 7, buf, sizeof(buf)),
	    "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83\xe2\x96\x84"
	    "\xe2\x96\x85\xe2\x96\x86\xe2\x96\x87\xe2\x96\x88",
	    "sparkline: lo is the lowest block, hi the highest");
	CHECK_STR(out_sparkline(gap, 3, 5, 5, buf, sizeof(buf)),
	    "\xe2\x96\x84 \xe2\x96\x84", "sparkline: flat scale, NAN gap");
	CHECK_STR(out_sparkline(wide, 3, 0, 10, buf, sizeof(buf)),
	    "\xe2\x96\x81\xe2\x96\x88\xe2\x96\x84",
	    "sparkline: clamped, middle");
	CHECK_STR(out_sparkline(ramp, 0, 0, 7, buf, sizeof(buf)), "",
	    "sparkline: no points");
	memset(buf, 'x', sizeof(buf));
	out_sparkline(ramp, 8, 0, 7, buf, 7);
	CHECK(strcmp(buf, "\xe2\x96\x81\xe2\x96\x82") == 0 && buf[7] == 'x',
	    "sparkline: stops at len");
	buf[0] = 'x';
	CHECK(out_sparkline(ramp, 8, 0, 7, buf, 0) == buf && buf[0] == 'x',
	    "sparkline: len 0 writes nothing");
}

static void
test_write_error(void)
{
	static const char *const r[] = { "a", "1" };
	FILE *fp = fopen("/dev/full", "w");
	struct out *o;

	unit_must(fp != NULL, "/dev/full");
	o = out_open(fp, OUT_CSV, 0, NULL);
	out_table(o, "counts", count_cols, 2, 1);
	out_row(o, r);
	CHECK_INT(out_close(o), -1, "write error: out_close says -1");
	fclose(fp);
}

int
main(void)
{
	test_names();
	test_table();
	test_table_colour();
	test_csv();
	test_csv_new_header();
	test_flush_discard();
	test_md();
	test_json();
	test_json_numbers();
	test_html();
	test_cell();
	test_sparkline();
	test_write_error();
	return unit_done();
}
