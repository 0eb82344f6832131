/*
 * out: render one report document as an aligned terminal table, CSV, TSV,
 * Markdown, JSON or a self-contained HTML page (see out.h).
 *
 * Output is built in a buffer and written at the end of every call, so
 * that write errors pile up in the stream and out_close() finds them.
 * The rows of the table being written are kept until the next block
 * starts: the terminal table needs its column widths.  JSON keeps the
 * open section too, because a section lists its notes, tables and charts
 * apart while the caller gives them in any order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "out.h"
#include "util.h"

/* What was written last in table and md output: it decides blank lines. */
enum block { B_NONE, B_TITLE, B_HEADING, B_NOTE, B_TABLE, B_CHART };

struct out {
	FILE *fp;
	enum out_format f;
	int colour;
	enum block last;
	struct strbuf sb;	/* output not yet written */

	int sect_open;		/* html, json: a section is open */
	int list_open;		/* html: a list of notes is open */
	size_t nsect;		/* json: sections written */
	struct strbuf jhead;	/* json: the open section, in parts */
	struct strbuf jnotes;
	struct strbuf jtables;
	struct strbuf jcharts;
	const double *days;	/* out_chart_days: for the next chart */
	size_t ndays;
	const char *days_title;

	int tab_open;		/* the current table */
	char *tname;
	const struct out_col *cols;
	size_t ncols;
	int primary;
	int streamed;		/* a CSV table's header is written */
	struct strbuf arena;	/* the cells' text, each ending in NUL */
	size_t *offs;		/* nrows * ncols: where each starts */
	char **cells;		/* and pointers to them, while rendering */
	size_t nrows;
	size_t cap;

	char **hdr;		/* csv, tsv: the header written last */
	size_t nhdr;
	int hdr_done;
};

static const char *const format_names[] = {
	"table", "csv", "tsv", "md", "json", "html"
};

#define NFORMATS (sizeof(format_names) / sizeof(format_names[0]))

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_WIN "\033[32m"
#define SGR_CONCERN "\033[33m"

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */
#define BAD_CHAR 0xffffffffUL

int
out_format_parse(const char *name, enum out_format *f)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < NFORMATS; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*f = (enum out_format)i;
			return 0;
		}
	}
	return -1;
}

const char *
out_format_name(enum out_format f)
{
	if ((size_t)f >= NFORMATS)
		return "?";
	return format_names[f];
}

/*
 * Decode the UTF-8 character at s into *cp and return its length.  A byte
 * that does not start a well-formed sequence (overlong forms, surrogates
 * and code points past U+10FFFF included) is one BAD_CHAR.
 */
static size_t
u8char(const char *s, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c, min;
	size_t n, i;

	*cp = BAD_CHAR;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		min = 0x10000;
	} else
		return 1;
	c = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		/* The NUL at the end is no continuation byte: no overrun. */
		if ((p[i] & 0xc0) != 0x80)
			return 1;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	*cp = c;
	return n;
}

/* C0, DEL and C1: what a terminal obeys instead of printing. */
static int
is_ctrl(unsigned long c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/* Characters in s (which is well-formed): the width of a cleaned cell. */
static size_t
u8width(const char *s)
{
	unsigned long c;
	size_t n = 0;

	while (*s != '\0') {
		s += u8char(s, &c);
		n++;
	}
	return n;
}

/*
 * Append the character at s (n bytes, code point c) as plain text for a
 * terminal: no control character or stray byte gets through, so that a
 * note cannot move the cursor or change the colours; white space becomes
 * a space and the rest a '?'.
 */
static void
put_plain_char(struct strbuf *sb, const char *s, size_t n, unsigned long c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		sb_putc(sb, ' ');
	else if (c == BAD_CHAR || is_ctrl(c))
		sb_putc(sb, '?');
	else
		sb_add(sb, s, n);
}

static void
put_plain(struct strbuf *sb, const char *s)
{
	unsigned long c;
	size_t n;

	if (s == NULL)
		return;
	for (; *s != '\0'; s += n) {
		n = u8char(s, &c);
		put_plain_char(sb, s, n, c);
	}
}

/*
 * Markdown text: plain text in which '<' is escaped, since a renderer
 * would take a note's "<img ...>" for HTML; in a table cell (cell != 0)
 * pipes and line breaks are escaped too.
 */
static void
put_md(struct strbuf *sb, const char *s, int cell)
{
	unsigned long c;
	size_t n;

	if (s == NULL)
		return;
	for (; *s != '\0'; s += n) {
		n = u8char(s, &c);
		if (c == '<')
			sb_puts(sb, "\\<");
		else if (cell && c == '|')
			sb_puts(sb, "\\|");
		else if (cell && (c == '\n' || (c == '\r' && s[1] != '\n')))
			sb_puts(sb, "<br>");
		else if (!cell || c != '\r')
			put_plain_char(sb, s, n, c);
	}
}

/* Text for the terminal or, in md, for Markdown outside tables. */
static void
put_text(const struct out *o, struct strbuf *sb, const char *s)
{
	if (o->f == OUT_MD)
		put_md(sb, s, 0);
	else
		put_plain(sb, s);
}

/* A JSON string, or null; a stray byte becomes U+FFFD so the text stays
 * valid UTF-8 and every reader takes it. */
static void
put_json_str(struct strbuf *sb, const char *s)
{
	unsigned long c;
	size_t n;

	if (s == NULL) {
		sb_puts(sb, "null");
		return;
	}
	sb_putc(sb, '"');
	for (; *s != '\0'; s += n) {
		n = u8char(s, &c);
		if (c == BAD_CHAR)
			sb_puts(sb, "\\ufffd");
		else if (is_ctrl(c))
			sb_printf(sb, "\\u%04lx", c);
		else if (c == '"' || c == '\\')
			sb_printf(sb, "\\%c", (int)c);
		else
			sb_add(sb, s, n);
	}
	sb_putc(sb, '"');
}

/* HTML text or attribute value; controls and stray bytes are not text. */
static void
put_html(struct strbuf *sb, const char *s)
{
	unsigned long c;
	size_t n;

	if (s == NULL)
		return;
	for (; *s != '\0'; s += n) {
		n = u8char(s, &c);
		if (c == '\t' || c == '\n' || c == '\r')
			sb_putc(sb, (int)c);
		else if (c == BAD_CHAR || is_ctrl(c))
			sb_puts(sb, REPLACEMENT);
		else if (c == '&')
			sb_puts(sb, "&amp;");
		else if (c == '<')
			sb_puts(sb, "&lt;");
		else if (c == '>')
			sb_puts(sb, "&gt;");
		else if (c == '"')
			sb_puts(sb, "&quot;");
		else if (c == '\'')
			sb_puts(sb, "&#39;");
		else
			sb_add(sb, s, n);
	}
}

/*
 * Append a number printed by printf in its C-locale form, whatever
 * LC_NUMERIC says: JSON and SVG need a dot for the decimal point.
 */
static void
put_numtext(struct strbuf *sb, const char *buf)
{
	int sep = 0;

	for (; *buf != '\0'; buf++) {
		if ((*buf >= '0' && *buf <= '9') || *buf == '-' ||
		    *buf == '+' || *buf == 'e') {
			sb_putc(sb, *buf);
			sep = 0;
		} else if (!sep) {
			sb_putc(sb, '.');
			sep = 1;
		}
	}
}

/* v with %.10g, or ifbad for NAN and infinity (never "nan" or "inf"). */
static void
put_g(struct strbuf *sb, double v, const char *ifbad)
{
	char buf[64];

	if (!isfinite(v)) {
		sb_puts(sb, ifbad);
		return;
	}
	snprintf(buf, sizeof(buf), "%.10g", v);
	put_numtext(sb, buf);
}

/* v for people: at most two decimals, trailing zeros cut. */
static void
put_short(struct strbuf *sb, double v, const char *ifbad)
{
	char buf[64], *e;

	if (!isfinite(v)) {
		sb_puts(sb, ifbad);
		return;
	}
	snprintf(buf, sizeof(buf), "%.2f", v);
	e = buf + strlen(buf);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		e[-1] = '\0';
	put_numtext(sb, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* An SVG coordinate, to a tenth of a unit. */
static void
put_coord(struct strbuf *sb, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.1f", isfinite(v) ? v : 0.0);
	put_numtext(sb, buf);
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Does s read as a plain decimal number: [+-]digits[.digits][e[+-]digits]
 * with a digit on at least one side of the point?  Not "inf", not hex,
 * and not an exponent past 300, which some readers take as infinity.
 * Its length if so, else 0.
 */
static size_t
number_len(const char *s)
{
	const char *p = s;
	size_t digits = 0;
	int e = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; is_digit(*p); p++)
		digits++;
	if (*p == '.')
		for (p++; is_digit(*p); p++)
			digits++;
	if (digits == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit(*p))
			return 0;
		for (; is_digit(*p); p++)
			if ((e = e * 10 + (*p - '0')) > 300)
				return 0;
	}
	return *p == '\0' ? (size_t)(p - s) : 0;
}

static int
is_number(const char *s)
{
	return number_len(s) > 0;
}

/*
 * A cell that is_number() accepts, as a JSON number: JSON has no '+',
 * no leading zeros and no bare point, so those are tidied away.
 */
static void
put_json_num(struct strbuf *sb, const char *s)
{
	if (*s == '-')
		sb_putc(sb, *s++);
	else if (*s == '+')
		s++;
	while (*s == '0' && is_digit(s[1]))
		s++;
	if (!is_digit(*s))
		sb_putc(sb, '0');
	for (; is_digit(*s); s++)
		sb_putc(sb, *s);
	if (*s == '.') {
		s++;
		if (is_digit(*s))
			sb_putc(sb, '.');
		for (; is_digit(*s); s++)
			sb_putc(sb, *s);
	}
	sb_puts(sb, s);		/* the exponent, which JSON takes as it is */
}

void
out_cell(struct strbuf *sb, const char *s, char sep, int numeric)
{
	struct strbuf t = { NULL, 0, 0 };
	size_t n;

	if (s == NULL)
		s = "";
	/* A number needs no quotes and no guard; in a numeric column a cell
	 * that is no number is text all the same. */
	if (numeric && (n = number_len(s)) > 0) {
		sb_add(sb, s, n);
		return;
	}
	if (*s == '\0' || strchr("=+-@\t\r", *s) == NULL) {
		csvw_field(sb, s, sep, 0);
		return;
	}
	sb_putc(&t, '\'');
	sb_puts(&t, s);
	csvw_field(sb, t.s, sep, 0);
	sb_free(&t);
}

char *
out_sparkline(const double *v, size_t n, double lo, double hi, char *buf,
    size_t len)
{
	static const char *const bars[] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	int flat = !isfinite(lo) || !isfinite(hi) || hi <= lo;
	size_t i, at = 0, w;
	double t;
	const char *c;

	if (len == 0)
		return buf;
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			c = " ";
		else if (flat)
			c = bars[3];
		else {
			t = (v[i] - lo) / (hi - lo) * 7.0 + 0.5;
			/* Clamp first: a cast out of range is undefined. */
			t = t < 0.0 ? 0.0 : t > 7.0 ? 7.0 : t;
			c = bars[(int)t];
		}
		w = strlen(c);
		if (at + w >= len)
			break;
		memcpy(buf + at, c, w);
		at += w;
	}
	buf[at] = '\0';
	return buf;
}

/* Write what is buffered; errors stay in the stream for out_close(). */
static void
emit(struct out *o)
{
	if (o->sb.len > 0)
		fwrite(o->sb.s, 1, o->sb.len, o->fp);
	sb_reset(&o->sb);
}

static void
sb_cat(struct strbuf *dst, const struct strbuf *src)
{
	if (src->len > 0)
		sb_add(dst, src->s, src->len);
}

/*
 * Table and md output: a blank line between blocks, except inside a run
 * of notes (one list) and, in the terminal, inside a run of sparklines
 * and right under a heading, which is underlined already.
 */
static void
block(struct out *o, enum block b)
{
	int blank = o->last != B_NONE;

	if (o->last == b && b == B_NOTE)
		blank = 0;
	if (o->f == OUT_TABLE && (o->last == B_HEADING ||
	    (o->last == b && b == B_CHART)))
		blank = 0;
	if (blank)
		sb_putc(&o->sb, '\n');
	o->last = b;
}

/* A title or heading line in the terminal: bold, or underlined. */
static void
put_heading(struct out *o, const char *text, int rule)
{
	size_t i, w;

	if (o->colour)
		sb_puts(&o->sb, SGR_BOLD);
	sb_add(&o->sb, "", 0);
	w = o->sb.len;
	put_plain(&o->sb, text);
	w = u8width(o->sb.s + w);
	if (o->colour) {
		sb_puts(&o->sb, SGR_RESET "\n");
		return;
	}
	sb_putc(&o->sb, '\n');
	for (i = 0; i < w; i++)
		sb_putc(&o->sb, rule);
	sb_putc(&o->sb, '\n');
}

static void
json_end_section(struct out *o)
{
	struct strbuf *sb = &o->sb;

	if (!o->sect_open)
		return;
	if (o->nsect++ > 0)
		sb_putc(sb, ',');
	sb_puts(sb, "{\"heading\":");
	sb_cat(sb, &o->jhead);
	sb_puts(sb, ",\"notes\":[");
	sb_cat(sb, &o->jnotes);
	sb_puts(sb, "],\"tables\":[");
	sb_cat(sb, &o->jtables);
	sb_puts(sb, "],\"charts\":[");
	sb_cat(sb, &o->jcharts);
	sb_puts(sb, "]}");
	o->sect_open = 0;
}

static void
html_end_list(struct out *o)
{
	if (o->list_open)
		sb_puts(&o->sb, "</ul>\n");
	o->list_open = 0;
}

/* Open a section for html and json; heading NULL has none (or null). */
static void
begin_section(struct out *o, const char *heading)
{
	if (o->f == OUT_JSON) {
		json_end_section(o);
		sb_reset(&o->jhead);
		sb_reset(&o->jnotes);
		sb_reset(&o->jtables);
		sb_reset(&o->jcharts);
		put_json_str(&o->jhead, heading);
	} else if (o->f == OUT_HTML) {
		html_end_list(o);
		if (o->sect_open)
			sb_puts(&o->sb, "</section>\n");
		sb_puts(&o->sb, "<section>\n");
		if (heading != NULL && *heading != '\0') {
			sb_puts(&o->sb, "<h2>");
			put_html(&o->sb, heading);
			sb_puts(&o->sb, "</h2>\n");
		}
	}
	o->sect_open = 1;
}

/* Content before any out_section() goes into a section of its own. */
static void
need_section(struct out *o)
{
	if ((o->f == OUT_JSON || o->f == OUT_HTML) && !o->sect_open)
		begin_section(o, NULL);
}

/* A column's cleaned name and its width, for the terminal. */
static char *
plain_dup(const char *s)
{
	struct strbuf t = { NULL, 0, 0 };

	sb_add(&t, "", 0);
	put_plain(&t, s);
	return t.s;
}

/* One line of a terminal table, padded to w[], trailing spaces cut. */
static void
tab_line(struct out *o, char *const *v, const size_t *w)
{
	struct strbuf *sb = &o->sb;
	size_t j, k, dw;

	for (j = 0; j < o->ncols; j++) {
		if (j > 0)
			sb_puts(sb, "  ");
		dw = u8width(v[j]);
		for (k = dw; o->cols[j].numeric && k < w[j]; k++)
			sb_putc(sb, ' ');
		sb_puts(sb, v[j]);
		for (k = dw; !o->cols[j].numeric && k < w[j]; k++)
			sb_putc(sb, ' ');
	}
	while (sb->len > 0 && sb->s[sb->len - 1] == ' ')
		sb->s[--sb->len] = '\0';
	sb_putc(sb, '\n');
}

static void
render_table(struct out *o)
{
	char **head = xcalloc(o->ncols, sizeof(*head));
	size_t *w = xcalloc(o->ncols, sizeof(*w));
	size_t i, j, k, dw;

	for (j = 0; j < o->ncols; j++) {
		head[j] = plain_dup(o->cols[j].name);
		w[j] = u8width(head[j]);
		for (i = 0; i < o->nrows; i++)
			if ((dw = u8width(o->cells[i * o->ncols + j])) > w[j])
				w[j] = dw;
	}
	block(o, B_TABLE);
	if (o->tname != NULL && *o->tname != '\0') {
		put_plain(&o->sb, o->tname);
		sb_putc(&o->sb, '\n');
	}
	tab_line(o, head, w);
	for (j = 0; j < o->ncols; j++) {
		if (j > 0)
			sb_puts(&o->sb, "  ");
		for (k = 0; k < w[j]; k++)
			sb_putc(&o->sb, '-');
	}
	sb_putc(&o->sb, '\n');
	for (i = 0; i < o->nrows; i++)
		tab_line(o, o->cells + i * o->ncols, w);
	for (j = 0; j < o->ncols; j++)
		free(head[j]);
	free(head);
	free(w);
}

static void
free_hdr(struct out *o)
{
	size_t j;

	for (j = 0; j < o->nhdr; j++)
		free(o->hdr[j]);
	free(o->hdr);
	o->hdr = NULL;
	o->nhdr = 0;
}

/* Is the current table's header the one written last? */
static int
same_header(const struct out *o)
{
	size_t j;

	if (!o->hdr_done || o->nhdr != o->ncols)
		return 0;
	for (j = 0; j < o->ncols; j++)
		if (strcmp(o->hdr[j], o->cols[j].name ? o->cols[j].name : ""))
			return 0;
	return 1;
}

/*
 * out_cell and then the byte `end` (a separator or the newline), with the
 * cells that need nothing done written at once: no byte to quote or
 * escape, no space at either end, and no guard needed.  A report's cells
 * are almost all so.  sep is a comma or a tab.
 */
#define CELL_SHORT 32

static inline void __attribute__((always_inline))
csv_cell(struct strbuf *sb, const char *s, char sep, int numeric, char end)
{
	/* 1: a byte that ends the plain run; 2: one that needs a guard at
	 * the start of a cell.  The tab is in both tables, the comma in the
	 * second: each separator ends a run in its own format. */
	static const unsigned char tab[256] = {
		['\0'] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1,
		['\t'] = 1, ['='] = 2, ['+'] = 2, ['-'] = 2, ['@'] = 2
	}, comma[256] = {
		['\0'] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1,
		['\t'] = 1, [','] = 1, ['='] = 2, ['+'] = 2, ['-'] = 2, ['@'] = 2
	};
	const unsigned char *look = sep == '\t' ? tab : comma;
	char *d;
	size_t n;

	if (s == NULL)
		s = "";
	/* A short cell is copied as it is looked at, and kept only if it
	 * turns out to need nothing done; a longer one is looked at, then
	 * copied. */
	if (sb->len + CELL_SHORT + 2 > sb->cap)
		sb_reserve(sb, CELL_SHORT + 1);
	d = sb->s + sb->len;
	for (n = 0; n < CELL_SHORT && look[(unsigned char)s[n]] != 1; n++)
		d[n] = s[n];
	if (n == CELL_SHORT)
		while (look[(unsigned char)s[n]] != 1)
			n++;
	if (s[n] != '\0' || (n > 0 && (s[0] == ' ' || s[n - 1] == ' ' ||
	    (look[(unsigned char)s[0]] == 2 && !(numeric &&
	    number_len(s) == n))))) {
		out_cell(sb, s, sep, numeric);
		sb_putc(sb, end);
		return;
	}
	if (n >= CELL_SHORT) {
		if (sb->len + n + 2 > sb->cap)
			sb_reserve(sb, n + 1);
		memcpy(sb->s + sb->len, s, n);
	}
	sb->len += n;
	sb->s[sb->len++] = end;
	sb->s[sb->len] = '\0';
}

static void
csv_record(struct out *o, const char *const *v, int header, char sep)
{
	size_t j;

	/* A lone empty field would be a blank line, which readers skip. */
	if (o->ncols == 1 && (v == NULL || v[0] == NULL || *v[0] == '\0')) {
		sb_puts(&o->sb, "\"\"\n");
		return;
	}
	for (j = 0; j < o->ncols; j++)
		csv_cell(&o->sb, v != NULL ? v[j] : NULL, sep,
		    !header && o->cols[j].numeric,
		    j + 1 < o->ncols ? sep : '\n');
}

/*
 * A new header follows a blank line: csvlite readers (miller's among
 * them) take that as a new table, and a spreadsheet shows two blocks.
 */
static void
csv_header(struct out *o, char sep)
{
	size_t j;

	if (same_header(o))
		return;
	if (o->hdr_done)
		sb_putc(&o->sb, '\n');
	free_hdr(o);
	o->hdr = xcalloc(o->ncols, sizeof(*o->hdr));
	o->nhdr = o->ncols;
	for (j = 0; j < o->ncols; j++)
		o->hdr[j] = xstrdup(o->cols[j].name ? o->cols[j].name : "");
	o->hdr_done = 1;
	csv_record(o, (const char *const *)o->hdr, 1, sep);
}

static void
render_csv(struct out *o)
{
	char sep = o->f == OUT_TSV ? '\t' : ',';
	size_t i;

	if (!o->primary)
		return;
	csv_header(o, sep);
	for (i = 0; i < o->nrows; i++)
		csv_record(o, (const char *const *)o->cells + i * o->ncols, 0,
		    sep);
}

static void
render_md(struct out *o)
{
	struct strbuf *sb = &o->sb;
	size_t i, j;

	block(o, B_TABLE);
	if (o->tname != NULL && *o->tname != '\0') {
		sb_puts(sb, "### ");
		put_md(sb, o->tname, 0);
		sb_puts(sb, "\n\n");
	}
	for (j = 0; j < o->ncols; j++) {
		sb_puts(sb, j > 0 ? " | " : "| ");
		put_md(sb, o->cols[j].name, 1);
	}
	sb_puts(sb, " |\n");
	for (j = 0; j < o->ncols; j++)
		sb_puts(sb, o->cols[j].numeric ? "| ---: " : "| --- ");
	sb_puts(sb, "|\n");
	for (i = 0; i < o->nrows; i++) {
		for (j = 0; j < o->ncols; j++) {
			sb_puts(sb, j > 0 ? " | " : "| ");
			put_md(sb, o->cells[i * o->ncols + j], 1);
		}
		sb_puts(sb, " |\n");
	}
}

/* A JSON cell: a number when a numeric column holds one, "" is null. */
static void
put_json_cell(struct strbuf *sb, const char *s, int numeric)
{
	if (*s == '\0')
		sb_puts(sb, "null");
	else if (numeric && is_number(s))
		put_json_num(sb, s);
	else
		put_json_str(sb, s);
}

static void
render_json(struct out *o)
{
	struct strbuf *sb = &o->jtables;
	size_t i, j;

	if (sb->len > 0)
		sb_putc(sb, ',');
	sb_puts(sb, "{\"name\":");
	put_json_str(sb, o->tname);
	sb_puts(sb, ",\"columns\":[");
	for (j = 0; j < o->ncols; j++) {
		sb_puts(sb, j > 0 ? ",{\"name\":" : "{\"name\":");
		put_json_str(sb, o->cols[j].name);
		sb_printf(sb, ",\"numeric\":%s}",
		    o->cols[j].numeric ? "true" : "false");
	}
	sb_puts(sb, "],\"rows\":[");
	for (i = 0; i < o->nrows; i++) {
		sb_puts(sb, i > 0 ? ",[" : "[");
		for (j = 0; j < o->ncols; j++) {
			if (j > 0)
				sb_putc(sb, ',');
			put_json_cell(sb, o->cells[i * o->ncols + j],
			    o->cols[j].numeric);
		}
		sb_putc(sb, ']');
	}
	sb_puts(sb, "]}");
}

/*
 * Is s a sparkline: eighth blocks (U+2581..U+2588) and the spaces of its
 * gaps?  Its cell must not wrap at a gap.
 */
static int
is_spark(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int blocks = 0;

	while (*p) {
		if (*p == ' ')
			p++;
		else if (p[0] == 0xe2 && p[1] == 0x96 && p[2] >= 0x81 &&
		    p[2] <= 0x88) {
			p += 3;
			blocks++;
		} else
			return 0;
	}
	return blocks > 0;
}

/* A td, or a th (head != 0) heading its column. */
static void
html_cell(struct strbuf *sb, int head, const char *s, int numeric)
{
	const char *tag = head ? "th" : "td";

	sb_printf(sb, "<%s%s%s>", tag, head ? " scope=\"col\"" : "",
	    numeric ? " class=\"num\"" : !head && s != NULL && is_spark(s) ?
	    " class=\"spark\"" : "");
	put_html(sb, s);
	sb_printf(sb, "</%s>", tag);
}

static void
render_html(struct out *o)
{
	struct strbuf *sb = &o->sb;
	size_t i, j;

	sb_puts(sb, "<table>\n");
	if (o->tname != NULL && *o->tname != '\0') {
		sb_puts(sb, "<caption>");
		put_html(sb, o->tname);
		sb_puts(sb, "</caption>\n");
	}
	sb_puts(sb, "<thead><tr>");
	for (j = 0; j < o->ncols; j++)
		html_cell(sb, 1, o->cols[j].name,
		    o->cols[j].numeric);
	sb_puts(sb, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < o->nrows; i++) {
		sb_puts(sb, "<tr>");
		for (j = 0; j < o->ncols; j++)
			html_cell(sb, 0, o->cells[i * o->ncols + j],
			    o->cols[j].numeric);
		sb_puts(sb, "</tr>\n");
	}
	sb_puts(sb, "</tbody>\n</table>\n");
}

/* Render the buffered table, if one is open, and forget its rows. */
static void
end_table(struct out *o)
{
	size_t i;

	if (!o->tab_open)
		return;
	/* The arena no longer moves: point at the cells. */
	o->cells = xreallocarray(NULL, o->nrows * o->ncols + 1,
	    sizeof(*o->cells));
	for (i = 0; i < o->nrows * o->ncols; i++)
		o->cells[i] = o->arena.s + o->offs[i];
	switch (o->f) {
	case OUT_TABLE:
		render_table(o);
		break;
	case OUT_CSV:
	case OUT_TSV:
		render_csv(o);
		break;
	case OUT_MD:
		render_md(o);
		break;
	case OUT_JSON:
		render_json(o);
		break;
	case OUT_HTML:
		render_html(o);
		break;
	}
	free(o->cells);
	free(o->offs);
	sb_reset(&o->arena);
	free(o->tname);
	o->cells = NULL;
	o->offs = NULL;
	o->tname = NULL;
	o->nrows = o->cap = 0;
	o->tab_open = 0;
}

/* Every call that adds a block first closes what the last one left open. */
static void
end_blocks(struct out *o, int note)
{
	end_table(o);
	if (o->f == OUT_HTML && !note)
		html_end_list(o);
}

static const char html_style[] =
    "<style>\n"
    ":root{color-scheme:light}\n"
    "body{margin:0;background:#fbfaf7;color:#2b2a27;"
    "font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",sans-serif}\n"
    "main{max-width:56rem;margin:0 auto;padding:2rem 1.25rem 3rem}\n"
    "h1{font-size:1.6rem;font-weight:600;margin:0 0 1.5rem}\n"
    "h2{font-size:1.2rem;font-weight:600;margin:2.25rem 0 .75rem;"
    "padding-bottom:.3rem;border-bottom:1px solid #ddd8cc}\n"
    "ul.notes{list-style:none;margin:0 0 1.25rem;padding:0}\n"
    "ul.notes li{margin:.4rem 0;padding:.45rem .8rem;border-radius:4px;"
    "border-left:4px solid #b7bfc6;background:#f0f2f3}\n"
    "ul.notes li.concern{border-left-color:#c98a14;background:#fbf3e1}\n"
    "ul.notes li.win{border-left-color:#4b8a5a;background:#e9f3eb}\n"
    "table{border-collapse:collapse;margin:0 0 1.5rem;"
    "font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;font-weight:600;padding:0 0 .4rem}\n"
    "th,td{padding:.3rem .8rem;text-align:left;vertical-align:top;"
    "border-bottom:1px solid #e6e1d6}\n"
    "th{font-weight:600;border-bottom-color:#c8c1b2}\n"
    ".num{text-align:right}\n"
    ".spark{white-space:nowrap}\n"
    "figure.chart{display:flex;flex-wrap:wrap;gap:1rem 2rem;"
    "align-items:flex-start;margin:0 0 2rem}\n"
    "svg.plot{flex:0 1 30rem;width:100%;max-width:30rem;height:auto}\n"
    "svg .axis{stroke:#9b9587;stroke-width:1}\n"
    "svg .mark{stroke:#a9a290;stroke-width:1;stroke-dasharray:5 4}\n"
    "svg .date{stroke:#b0708a;stroke-width:2;stroke-dasharray:2 3}\n"
    "svg .label{fill:#5e594f;font-size:12px}\n"
    "svg .line{fill:none;stroke:#3a6f8f;stroke-width:2;"
    "stroke-linejoin:round;stroke-linecap:round}\n"
    "svg .point{fill:#3a6f8f}\n"
    "figcaption{flex:1 1 14rem;max-height:22rem;overflow-y:auto}\n"
    ".chart-title{font-weight:600;margin:0 0 .4rem}\n"
    ".chart-marks{margin:0 0 .5rem;color:#5e594f}\n"
    "table.chart-data{font-size:.875rem;margin:0}\n"
    "table.chart-data td,table.chart-data th{padding:.15rem .6rem}\n"
    ".gap{color:#8a8577;font-style:italic}\n"
    "@media print{\n"
    "body{background:#fff;color:#000;font-size:11pt}\n"
    "main{max-width:none;padding:0}\n"
    "h2{break-after:avoid}\n"
    "table,figure.chart,ul.notes li{break-inside:avoid}\n"
    "figcaption{max-height:none;overflow:visible}\n"
    "ul.notes li{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "}\n"
    "</style>\n";

static void
html_open(struct out *o, const char *title)
{
	struct strbuf *sb = &o->sb;

	sb_puts(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    /* A page of private figures runs nothing and fetches nothing. */
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:; form-action 'none'; base-uri 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	put_html(sb, title != NULL && *title != '\0' ? title : "Report");
	sb_puts(sb, "</title>\n");
	sb_puts(sb, html_style);
	sb_puts(sb, "</head>\n<body>\n<main>\n");
	if (title != NULL && *title != '\0') {
		sb_puts(sb, "<h1>");
		put_html(sb, title);
		sb_puts(sb, "</h1>\n");
	}
}

struct out *
out_open(FILE *fp, enum out_format f, int colour, const char *title)
{
	struct out *o = xcalloc(1, sizeof(*o));

	o->fp = fp;
	o->f = f;
	o->colour = f == OUT_TABLE && colour;
	switch (f) {
	case OUT_TABLE:
		if (title != NULL && *title != '\0') {
			put_heading(o, title, '=');
			o->last = B_TITLE;
		}
		break;
	case OUT_MD:
		if (title != NULL && *title != '\0') {
			sb_puts(&o->sb, "# ");
			put_md(&o->sb, title, 0);
			sb_putc(&o->sb, '\n');
			o->last = B_TITLE;
		}
		break;
	case OUT_JSON:
		sb_puts(&o->sb, "{\"format\":\"steady-report\",\"version\":1,"
		    "\"title\":");
		put_json_str(&o->sb, title);
		sb_puts(&o->sb, ",\"sections\":[");
		break;
	case OUT_HTML:
		html_open(o, title);
		break;
	case OUT_CSV:
	case OUT_TSV:
		break;
	}
	emit(o);
	return o;
}

void
out_section(struct out *o, const char *heading)
{
	end_blocks(o, 0);
	if (o->f != OUT_TABLE && o->f != OUT_MD)
		begin_section(o, heading);
	else if (heading != NULL && *heading != '\0') {
		block(o, B_HEADING);
		if (o->f == OUT_MD) {
			sb_puts(&o->sb, "## ");
			put_md(&o->sb, heading, 0);
			sb_putc(&o->sb, '\n');
		} else
			put_heading(o, heading, '-');
	}
	emit(o);
}

static const char *
kind_name(enum out_kind kind)
{
	return kind == OUT_CONCERN ? "concern" : kind == OUT_WIN ? "win" :
	    "info";
}

static void
note_json(struct out *o, enum out_kind kind, const char *text)
{
	struct strbuf *sb = &o->jnotes;

	if (sb->len > 0)
		sb_putc(sb, ',');
	sb_printf(sb, "{\"kind\":\"%s\",\"text\":", kind_name(kind));
	put_json_str(sb, text);
	sb_putc(sb, '}');
}

static void
note_html(struct out *o, enum out_kind kind, const char *text)
{
	if (!o->list_open)
		sb_puts(&o->sb, "<ul class=\"notes\">\n");
	o->list_open = 1;
	sb_printf(&o->sb, "<li class=\"%s\">", kind_name(kind));
	put_html(&o->sb, text);
	sb_puts(&o->sb, "</li>\n");
}

void
out_note(struct out *o, enum out_kind kind, const char *text)
{
	const char *sgr = kind == OUT_CONCERN ? SGR_CONCERN :
	    kind == OUT_WIN ? SGR_WIN : NULL;

	end_blocks(o, 1);
	need_section(o);
	switch (o->f) {
	case OUT_TABLE:
	case OUT_MD:
		block(o, B_NOTE);
		if (o->f == OUT_MD)
			sb_puts(&o->sb, "- ");
		if (o->colour && sgr != NULL)
			sb_puts(&o->sb, sgr);
		put_text(o, &o->sb, text);
		if (o->colour && sgr != NULL)
			sb_puts(&o->sb, SGR_RESET);
		sb_putc(&o->sb, '\n');
		break;
	case OUT_JSON:
		note_json(o, kind, text);
		break;
	case OUT_HTML:
		note_html(o, kind, text);
		break;
	case OUT_CSV:
	case OUT_TSV:
		break;
	}
	emit(o);
}

int
out_has_notes(const struct out *o)
{
	return o->f != OUT_CSV && o->f != OUT_TSV;
}

void
out_table(struct out *o, const char *name, const struct out_col *cols,
    size_t ncols, int primary)
{
	end_blocks(o, 0);
	need_section(o);
	o->tab_open = 1;
	o->tname = name != NULL ? xstrdup(name) : NULL;
	o->cols = cols;
	o->ncols = ncols;
	o->primary = primary;
	o->streamed = 0;
	emit(o);
}

void
out_row(struct out *o, const char *const *cells)
{
	const char *s;
	size_t *at, j;

	if (!o->tab_open || o->ncols == 0)
		return;
	/* CSV and TSV need no look at the rows to come: written at once. */
	if (o->f == OUT_CSV || o->f == OUT_TSV) {
		if (o->primary) {
			if (!o->streamed)
				csv_header(o, o->f == OUT_TSV ? '\t' : ',');
			o->streamed = 1;
			csv_record(o, cells, 0, o->f == OUT_TSV ? '\t' : ',');
		}
		return;
	}
	if (o->nrows == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->offs = xreallocarray(o->offs, o->cap,
		    o->ncols * sizeof(*o->offs));
	}
	at = o->offs + o->nrows++ * o->ncols;
	for (j = 0; j < o->ncols; j++) {
		s = cells != NULL && cells[j] != NULL ? cells[j] : "";
		at[j] = o->arena.len;
		/* The terminal measures cleaned cells, so keep them so. */
		if (o->f == OUT_TABLE)
			put_plain(&o->arena, s);
		else
			sb_puts(&o->arena, s);
		sb_add(&o->arena, "", 1);
	}
}

/* A sparkline of the chart on its own scale, malloc'd. */
static char *
chart_spark(const struct out_chart *c)
{
	size_t len = 3 * c->n + 1;

	return out_sparkline(c->y, c->n, c->ymin, c->ymax, xmalloc(len), len);
}

static void
chart_text(struct out *o, const struct out_chart *c)
{
	char *spark = chart_spark(c);

	block(o, B_CHART);
	put_text(o, &o->sb, c->title);
	if (o->f == OUT_MD) {
		sb_printf(&o->sb, ": `%s`\n", spark);
	} else {
		sb_printf(&o->sb, "  %s  (", spark);
		put_g(&o->sb, c->ymin, "?");
		sb_puts(&o->sb, " .. ");
		put_g(&o->sb, c->ymax, "?");
		sb_puts(&o->sb, ")\n");
	}
	free(spark);
}

static const char *
chart_label(const struct out_chart *c, size_t i)
{
	return c->x != NULL ? c->x[i] : NULL;
}

static void
chart_json(struct out *o, const struct out_chart *c)
{
	struct strbuf *sb = &o->jcharts;
	size_t i;

	if (sb->len > 0)
		sb_putc(sb, ',');
	sb_puts(sb, "{\"title\":");
	put_json_str(sb, c->title);
	sb_puts(sb, ",\"points\":[");
	for (i = 0; i < c->n; i++) {
		sb_puts(sb, i > 0 ? ",{\"x\":" : "{\"x\":");
		put_json_str(sb, chart_label(c, i));
		sb_puts(sb, ",\"y\":");
		put_g(sb, c->y[i], "null");
		sb_putc(sb, '}');
	}
	sb_puts(sb, "],\"ymin\":");
	put_g(sb, c->ymin, "null");
	sb_puts(sb, ",\"ymax\":");
	put_g(sb, c->ymax, "null");
	sb_puts(sb, ",\"marks\":[");
	for (i = 0; i < c->nmarks; i++) {
		if (i > 0)
			sb_putc(sb, ',');
		put_g(sb, c->marks[i], "null");
	}
	sb_puts(sb, "]}");
}

/* The SVG drawing area, in units of the viewBox (480 by 220). */
#define SVG_LEFT 48.0
#define SVG_RIGHT 464.0
#define SVG_TOP 14.0
#define SVG_BOTTOM 190.0

static double
chart_x(const struct out_chart *c, size_t i)
{
	/* Inset from the axis so that the first dot does not sit on it. */
	double l = SVG_LEFT + 10, r = SVG_RIGHT - 4;

	if (c->n < 2)
		return (l + r) / 2;
	return l + (r - l) * (double)i / (double)(c->n - 1);
}

/* Values past the scale sit on its edge, as in the sparkline. */
static double
chart_y(const struct out_chart *c, double v)
{
	double t = 0.5;

	if (isfinite(c->ymin) && isfinite(c->ymax) && c->ymax > c->ymin) {
		t = (v - c->ymin) / (c->ymax - c->ymin);
		if (isnan(t))
			t = 0.5;
		t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
	}
	return SVG_BOTTOM - (SVG_BOTTOM - SVG_TOP) * t;
}

static void
svg_text(struct strbuf *sb, double x, double y, const char *anchor,
    const char *text)
{
	sb_puts(sb, "<text class=\"label\" x=\"");
	put_coord(sb, x);
	sb_puts(sb, "\" y=\"");
	put_coord(sb, y);
	sb_printf(sb, "\" text-anchor=\"%s\">", anchor);
	put_html(sb, text);
	sb_puts(sb, "</text>\n");
}

static void
svg_hline(struct strbuf *sb, const char *class, double y)
{
	sb_printf(sb, "<line class=\"%s\" x1=\"", class);
	put_coord(sb, SVG_LEFT);
	sb_puts(sb, "\" y1=\"");
	put_coord(sb, y);
	sb_puts(sb, "\" x2=\"");
	put_coord(sb, SVG_RIGHT);
	sb_puts(sb, "\" y2=\"");
	put_coord(sb, y);
	sb_puts(sb, "\"/>\n");
}

/* The axes, the scale's ends and the dashed reference lines. */
static void
svg_frame(struct strbuf *sb, const struct out_chart *c)
{
	struct strbuf t = { NULL, 0, 0 };
	size_t i;
	double y;

	sb_puts(sb, "<line class=\"axis\" x1=\"");
	put_coord(sb, SVG_LEFT);
	sb_puts(sb, "\" y1=\"");
	put_coord(sb, SVG_TOP);
	sb_puts(sb, "\" x2=\"");
	put_coord(sb, SVG_LEFT);
	sb_puts(sb, "\" y2=\"");
	put_coord(sb, SVG_BOTTOM);
	sb_puts(sb, "\"/>\n");
	svg_hline(sb, "axis", SVG_BOTTOM);
	put_g(&t, c->ymax, "");
	svg_text(sb, SVG_LEFT - 6, SVG_TOP + 4, "end", t.s);
	sb_reset(&t);
	put_g(&t, c->ymin, "");
	svg_text(sb, SVG_LEFT - 6, SVG_BOTTOM + 4, "end", t.s);
	for (i = 0; i < c->nmarks; i++) {
		if (!isfinite(c->marks[i]))
			continue;
		y = chart_y(c, c->marks[i]);
		svg_hline(sb, "mark", y);
		/* Label it on the axis unless it would cover an end's. */
		if (y - SVG_TOP < 14 || SVG_BOTTOM - y < 14)
			continue;
		sb_reset(&t);
		put_g(&t, c->marks[i], "");
		svg_text(sb, SVG_LEFT - 6, y + 4, "end", t.s);
	}
	sb_free(&t);
}

/* One polyline per run of points between gaps, then a dot per point. */
static void
svg_series(struct strbuf *sb, const struct out_chart *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (isnan(c->y[i]))
			continue;
		if (i == 0 || isnan(c->y[i - 1]))
			sb_puts(sb, "<polyline class=\"line\" points=\"");
		else
			sb_putc(sb, ' ');
		put_coord(sb, chart_x(c, i));
		sb_putc(sb, ',');
		put_coord(sb, chart_y(c, c->y[i]));
		if (i + 1 == c->n || isnan(c->y[i + 1]))
			sb_puts(sb, "\"/>\n");
	}
	for (i = 0; i < c->n; i++) {
		if (isnan(c->y[i]))
			continue;
		sb_puts(sb, "<circle class=\"point\" cx=\"");
		put_coord(sb, chart_x(c, i));
		sb_puts(sb, "\" cy=\"");
		put_coord(sb, chart_y(c, c->y[i]));
		sb_puts(sb, "\" r=\"3\"><title>");
		put_html(sb, chart_label(c, i));
		sb_puts(sb, ": ");
		put_g(sb, c->y[i], "");
		sb_puts(sb, "</title></circle>\n");
	}
}

/* A dashed upright line for each marked day, with its words on hover. */
static void
svg_xmarks(struct strbuf *sb, const struct out_chart *c, const struct out *o)
{
	double l = SVG_LEFT + 10, r = SVG_RIGHT - 4, x;
	size_t i;

	for (i = 0; i < o->ndays; i++) {
		x = c->n < 2 ? (l + r) / 2 :
		    l + (r - l) * o->days[i] / (double)(c->n - 1);
		sb_puts(sb, "<line class=\"date\" x1=\"");
		put_coord(sb, x);
		sb_puts(sb, "\" y1=\"");
		put_coord(sb, SVG_TOP);
		sb_puts(sb, "\" x2=\"");
		put_coord(sb, x);
		sb_puts(sb, "\" y2=\"");
		put_coord(sb, SVG_BOTTOM);
		sb_puts(sb, "\"><title>");
		put_html(sb, o->days_title ? o->days_title : "");
		sb_puts(sb, "</title></line>\n");
	}
}

/* What a screen reader says for the picture: the table follows it. */
static void
svg_aria(struct strbuf *sb, const struct out_chart *c)
{
	struct strbuf t = { NULL, 0, 0 };

	put_plain(&t, c->title);
	sb_printf(&t, ": line chart of %zu point%s", c->n,
	    c->n == 1 ? "" : "s");
	if (c->n > 0 && chart_label(c, 0) != NULL &&
	    chart_label(c, c->n - 1) != NULL) {
		sb_puts(&t, " from ");
		put_plain(&t, chart_label(c, 0));
		sb_puts(&t, " to ");
		put_plain(&t, chart_label(c, c->n - 1));
	}
	sb_puts(&t, ", on a scale of ");
	put_g(&t, c->ymin, "?");
	sb_puts(&t, " to ");
	put_g(&t, c->ymax, "?");
	put_html(sb, t.s);
	sb_free(&t);
}

static void
chart_svg(struct strbuf *sb, const struct out_chart *c, const struct out *o)
{
	const char *first = c->n > 0 ? chart_label(c, 0) : NULL;
	const char *last = c->n > 1 ? chart_label(c, c->n - 1) : NULL;

	sb_puts(sb, "<svg class=\"plot\" viewBox=\"0 0 480 220\" "
	    "role=\"img\" aria-label=\"");
	svg_aria(sb, c);
	sb_puts(sb, "\">\n<title>");
	put_html(sb, c->title);
	sb_puts(sb, "</title>\n");
	svg_frame(sb, c);
	svg_xmarks(sb, c, o);
	svg_series(sb, c);
	if (first != NULL)
		svg_text(sb, chart_x(c, 0), SVG_BOTTOM + 20,
		    c->n > 1 ? "start" : "middle", first);
	if (last != NULL)
		svg_text(sb, chart_x(c, c->n - 1), SVG_BOTTOM + 20, "end",
		    last);
	sb_puts(sb, "</svg>\n");
}

/* The chart's numbers beside it: the picture alone hides the values. */
static void
chart_data(struct strbuf *sb, const struct out_chart *c)
{
	size_t i;

	sb_puts(sb, "<figcaption>\n<p class=\"chart-title\">");
	put_html(sb, c->title);
	sb_puts(sb, "</p>\n");
	if (c->nmarks > 0) {
		sb_puts(sb, "<p class=\"chart-marks\">Reference lines at ");
		for (i = 0; i < c->nmarks; i++) {
			if (i > 0)
				sb_puts(sb, ", ");
			put_g(sb, c->marks[i], "?");
		}
		sb_puts(sb, ".</p>\n");
	}
	sb_puts(sb, "<table class=\"chart-data\">\n<thead><tr>"
	    "<th scope=\"col\">point</th><th scope=\"col\" class=\"num\">"
	    "value</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < c->n; i++) {
		sb_puts(sb, "<tr><td>");
		put_html(sb, chart_label(c, i));
		sb_puts(sb, isfinite(c->y[i]) ? "</td><td class=\"num\">" :
		    "</td><td class=\"num gap\">");
		put_short(sb, c->y[i], "no data");
		sb_puts(sb, "</td></tr>\n");
	}
	sb_puts(sb, "</tbody>\n</table>\n</figcaption>\n");
}

void
out_chart(struct out *o, const struct out_chart *c)
{
	end_blocks(o, 0);
	need_section(o);
	switch (o->f) {
	case OUT_TABLE:
	case OUT_MD:
		chart_text(o, c);
		break;
	case OUT_JSON:
		chart_json(o, c);
		break;
	case OUT_HTML:
		sb_puts(&o->sb, "<figure class=\"chart\">\n");
		chart_svg(&o->sb, c, o);
		chart_data(&o->sb, c);
		sb_puts(&o->sb, "</figure>\n");
		break;
	case OUT_CSV:
	case OUT_TSV:
		break;
	}
	o->ndays = 0;
	emit(o);
}

void
out_chart_days(struct out *o, const double *x, size_t n, const char *title)
{
	o->days = x;
	o->ndays = n;
	o->days_title = title;
}

void
out_flush(struct out *o)
{
	emit(o);
}

int
out_close(struct out *o)
{
	int bad;

	if (o == NULL)
		return 0;
	end_blocks(o, 0);
	if (o->f == OUT_JSON) {
		json_end_section(o);
		sb_puts(&o->sb, "]}\n");
	} else if (o->f == OUT_HTML) {
		if (o->sect_open)
			sb_puts(&o->sb, "</section>\n");
		sb_puts(&o->sb, "</main>\n</body>\n</html>\n");
	}
	emit(o);
	bad = fflush(o->fp) != 0 || ferror(o->fp);
	out_discard(o);
	return bad ? -1 : 0;
}

void
out_discard(struct out *o)
{
	if (o == NULL)
		return;
	free(o->tname);		/* a table left open */
	free(o->offs);
	free(o->cells);
	free_hdr(o);
	sb_free(&o->sb);
	sb_free(&o->arena);
	sb_free(&o->jhead);
	sb_free(&o->jnotes);
	sb_free(&o->jtables);
	sb_free(&o->jcharts);
	free(o);
}
