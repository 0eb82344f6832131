/*
 * csvio: the CSV/TSV reader and writer (see csvio.h).
 *
 * libcsv does not count lines, so the reader hands it one physical line at
 * a time, followed by the "\n" that ended it; only "\n" is a record end for
 * libcsv, so a bare CR is data and CRLF is undone before parsing.  Every
 * buffer belongs to the reader and is reused from record to record, and
 * each has a limit, so memory follows the largest record allowed, never
 * the size of the file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvio.h"
#include "util.h"

/*
 * A record's physical text may not pass this: it bounds the line buffer
 * before libcsv sees a byte.  Sixteen fields at the limit, or fewer with
 * doubled quotes, still fit.
 */
#define CSVR_RECORD_MAX (16 * CSVR_FIELD_MAX)

/* Most columns a header may have; a record keeps at most the header's. */
#define CSVR_COLS_MAX 4096

/* libcsv grows its field buffer by this much (its default is 128). */
#define CSVR_BLK 4096

enum { LN_NL, LN_PART, LN_EOF, LN_ERR };

struct csvr {
	FILE *fp;
	int ownfp;		/* opened by csvr_openpath: closed with us */
	char *name;
	int flags;
	char sep;
	int header;		/* the record being read is the header */
	int ateof;		/* nothing more to read */
	int ioerr;		/* errno of a read error, which is final */
	struct csv_parser cp;
	char **cols;
	size_t ncols;
	unsigned long lineno;	/* physical lines read */
	unsigned long recline;	/* where the current record starts, or 0 */
	struct strbuf raw;	/* the record's lines, joined by "\n" */
	struct strbuf fbuf;	/* its fields, each ending in NUL */
	size_t *foff;		/* where each kept field starts in fbuf */
	size_t foffcap;
	size_t nkept;		/* fields stored */
	size_t nseen;		/* fields counted, stored or not */
	size_t nfields;		/* fields of a good record, else 0 */
	int toolong;		/* a field passed CSVR_FIELD_MAX */
	int over;		/* the record passed CSVR_RECORD_MAX */
	int rowdone;		/* libcsv saw the record's end */
};

/* Fields are kept verbatim: libcsv would trim spaces and tabs. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Lines are split here, so only the "\n" fed after each ends a record. */
static int
is_term(unsigned char c)
{
	return c == '\n';
}

/*
 * libcsv grows its field buffer only through this.  Refusing past the
 * limit makes csv_parse stop with CSV_ENOMEM rather than buffer a hostile
 * field.  The spare bytes are for CSV_APPEND_NULL's NUL, for the room
 * libcsv wants before every byte, even one that ends the field, and for
 * the closing quote, which it stores until it knows it is not doubled.
 */
static void *
field_realloc(void *p, size_t n)
{
	if (n > (size_t)CSVR_FIELD_MAX + 3)
		return NULL;
	return xrealloc(p, n);
}

/* (Re)start libcsv in a clean state; after an error this is the only way. */
static void
parser_start(struct csvr *r, int again)
{
	if (again)
		csv_free(&r->cp);
	(void)csv_init(&r->cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&r->cp, (unsigned char)r->sep);
	csv_set_space_func(&r->cp, no_space);
	csv_set_term_func(&r->cp, is_term);
	csv_set_realloc_func(&r->cp, field_realloc);
	csv_set_blk_size(&r->cp, CSVR_BLK);
}

/*
 * Keep a field as a NUL-terminated copy: libcsv reuses its buffer.  Past
 * the header's width fields are only counted, so that a hostile record of
 * many empty fields costs no memory yet gets an exact count.
 */
static void
on_field(void *s, size_t len, void *arg)
{
	struct csvr *r = arg;
	size_t keep = r->header ? CSVR_COLS_MAX : r->ncols;
	char *f;

	r->nseen++;
	if (len > CSVR_FIELD_MAX)
		r->toolong = 1;
	if (r->toolong || r->nkept >= keep)
		return;
	if (r->nkept == r->foffcap) {
		r->foffcap = r->foffcap ? r->foffcap * 2 : 16;
		r->foff = xreallocarray(r->foff, r->foffcap, sizeof(*r->foff));
	}
	r->foff[r->nkept++] = r->fbuf.len;
	if (len > 0)
		sb_add(&r->fbuf, s, len);
	sb_putc(&r->fbuf, '\0');
	f = r->fbuf.s + r->foff[r->nkept - 1];
	if ((r->flags & CSVR_UNESCAPE) && !r->header)
		csv_unescape(f);
}

static void
on_row(int c, void *arg)
{
	struct csvr *r = arg;

	(void)c;
	r->rowdone = 1;
}

/*
 * Report a bad record as "name:line: reason".  libcsv may be in the middle
 * of it, so it starts afresh; the record's fields are not offered.
 */
static int
rec_bad(struct csvr *r, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
rec_bad(struct csvr *r, unsigned long line, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	st_seterr("%s:%lu: %s", r->name, line, why);
	if (r->recline == 0)
		r->recline = line;
	r->nfields = 0;
	parser_start(r, 1);
	return CSVR_BAD;
}

static int
io_error(struct csvr *r)
{
	st_seterr("%s: read error: %s", r->name, strerror(r->ioerr));
	r->nfields = 0;
	return CSVR_ERR;
}

/* Append to the record's text, dropping what would pass its limit. */
static void
keep_bytes(struct csvr *r, const char *p, size_t n)
{
	size_t room = CSVR_RECORD_MAX - r->raw.len;

	if (n > room) {
		r->over = 1;
		n = room;
	}
	if (n > 0)
		sb_add(&r->raw, p, n);
}

/*
 * Read one physical line onto r->raw, without its "\n".  A line over the
 * limit is still read to its end, so the next record starts on a line
 * boundary, but costs no memory.
 */
static int
get_line(struct csvr *r)
{
	char buf[4096];
	size_t n = 0, got = 0;
	int c;

	while ((c = getc(r->fp)) != EOF && c != '\n') {
		buf[n++] = (char)c;
		got++;
		if (n == sizeof(buf)) {
			keep_bytes(r, buf, n);
			n = 0;
		}
	}
	keep_bytes(r, buf, n);
	if (c == '\n')
		return LN_NL;
	if (ferror(r->fp)) {
		r->ioerr = errno ? errno : EIO;
		return LN_ERR;
	}
	return got ? LN_PART : LN_EOF;
}

/* Drop a BOM at the start of the file and the CR of a CRLF line end. */
static void
tidy_line(struct csvr *r, size_t start)
{
	struct strbuf *sb = &r->raw;

	if (r->lineno == 1 && sb->len - start >= 3 &&
	    memcmp(sb->s + start, "\xef\xbb\xbf", 3) == 0) {
		memmove(sb->s + start, sb->s + start + 3, sb->len - start - 2);
		sb->len -= 3;
	}
	if (sb->len > start && sb->s[sb->len - 1] == '\r' && !r->over)
		sb->s[--sb->len] = '\0';
}

/* The header's first line decides the separator: tabs and no comma. */
static void
rec_start(struct csvr *r)
{
	r->recline = r->lineno;
	if (!r->header)
		return;
	if (memchr(r->raw.s, '\t', r->raw.len) != NULL &&
	    memchr(r->raw.s, ',', r->raw.len) == NULL)
		r->sep = '\t';
	csv_set_delim(&r->cp, (unsigned char)r->sep);
}

/* Give libcsv the line that starts at start, then the "\n" that ended it. */
static int
feed_line(struct csvr *r, size_t start)
{
	size_t len = r->raw.len - start, n;
	const char *s = r->raw.s + start;

	n = csv_parse(&r->cp, s, len, on_field, on_row, r);
	if (n == len && csv_parse(&r->cp, "\n", 1, on_field, on_row, r) == 1)
		return 0;
	if (csv_error(&r->cp) != CSV_EPARSE)
		return rec_bad(r, r->recline, "a field is longer than %d bytes",
		    CSVR_FIELD_MAX);
	/* In strict mode libcsv stops on the byte at fault. */
	if (n < len && s[n] == '"')
		return rec_bad(r, r->recline,
		    "a quote appears inside an unquoted field");
	return rec_bad(r, r->recline,
	    "a closing quote is followed by other text");
}

static int
rec_end(struct csvr *r)
{
	if (r->toolong)
		return rec_bad(r, r->recline, "a field is longer than %d bytes",
		    CSVR_FIELD_MAX);
	if (r->header && r->nseen > CSVR_COLS_MAX)
		return rec_bad(r, r->recline,
		    "the header has more than %d columns", CSVR_COLS_MAX);
	if (!r->header && r->nseen != r->ncols)
		return rec_bad(r, r->recline,
		    "has %zu fields, the header has %zu", r->nseen, r->ncols);
	r->nfields = r->nkept;
	return CSVR_REC;
}

static void
rec_begin(struct csvr *r)
{
	sb_reset(&r->raw);
	sb_reset(&r->fbuf);
	r->nkept = r->nseen = r->nfields = 0;
	r->toolong = r->over = r->rowdone = 0;
	r->recline = 0;
}

/* Read physical lines until one record is complete or has failed. */
static int
read_record(struct csvr *r)
{
	size_t join, start;
	int st;

	rec_begin(r);
	for (;;) {
		join = r->raw.len;
		if (r->recline != 0)
			keep_bytes(r, "\n", 1);
		start = r->raw.len;
		if ((st = get_line(r)) == LN_ERR)
			return io_error(r);
		if (st == LN_EOF) {
			r->ateof = 1;
			/* Take back the "\n" joining a line never read. */
			r->raw.len = join;
			if (r->raw.s != NULL)
				r->raw.s[join] = '\0';
			if (r->recline == 0)
				return CSVR_EOF;
			return rec_bad(r, r->recline, "a quote is not closed");
		}
		r->lineno++;
		if (st == LN_PART) {
			r->ateof = 1;
			return rec_bad(r, r->lineno, "the last line is "
			    "incomplete (no newline at its end)");
		}
		tidy_line(r, start);
		if (r->recline == 0 && r->raw.len == 0)
			continue;
		if (r->recline == 0)
			rec_start(r);
		if (r->over)
			return rec_bad(r, r->recline, "the record is longer "
			    "than %d bytes", CSVR_RECORD_MAX);
		if (feed_line(r, start) != 0)
			return CSVR_BAD;
		if (r->rowdone)
			return rec_end(r);
	}
}

/* Copy the header's names, which must be present and distinct. */
static int
take_header(struct csvr *r)
{
	size_t i, j;
	const char *a;

	for (i = 0; i < r->nkept; i++) {
		a = r->fbuf.s + r->foff[i];
		if (*a == '\0')
			return rec_bad(r, r->recline, "column %zu has no name",
			    i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(a, r->fbuf.s + r->foff[j]) == 0)
				return rec_bad(r, r->recline,
				    "the column \"%s\" appears twice", a);
	}
	r->cols = xreallocarray(NULL, r->nkept, sizeof(*r->cols));
	for (i = 0; i < r->nkept; i++)
		r->cols[i] = xstrdup(r->fbuf.s + r->foff[i]);
	r->ncols = r->nkept;
	return 0;
}

struct csvr *
csvr_open(FILE *fp, const char *name, int flags)
{
	struct csvr *r;
	int st;

	r = xcalloc(1, sizeof(*r));
	r->fp = fp;
	r->name = xstrdup(name);
	r->flags = flags;
	r->sep = ',';
	r->header = 1;
	parser_start(r, 0);
	st = read_record(r);
	if (st == CSVR_REC && take_header(r) != 0)
		st = CSVR_BAD;
	if (st == CSVR_BAD || st == CSVR_ERR) {
		csvr_close(r);
		return NULL;
	}
	r->header = 0;
	return r;
}

struct csvr *
csvr_openpath(const char *path, int flags)
{
	struct csvr *r;
	FILE *fp;
	int e;

	if ((fp = fopen(path, "r")) == NULL) {
		e = errno;
		st_seterr("%s: %s", path, strerror(e));
		errno = e;
		return NULL;
	}
	if ((r = csvr_open(fp, path, flags)) == NULL) {
		fclose(fp);
		errno = 0;
		return NULL;
	}
	r->ownfp = 1;
	return r;
}

void
csvr_close(struct csvr *r)
{
	size_t i;

	if (r == NULL)
		return;
	csv_free(&r->cp);
	if (r->ownfp)
		fclose(r->fp);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	sb_free(&r->raw);
	sb_free(&r->fbuf);
	free(r->foff);
	free(r->name);
	free(r);
}

int
csvr_next(struct csvr *r)
{
	if (r->ioerr != 0)
		return io_error(r);
	if (r->ateof)
		return CSVR_EOF;
	return read_record(r);
}

size_t
csvr_ncols(const struct csvr *r)
{
	return r->ncols;
}

const char *
csvr_colname(const struct csvr *r, size_t i)
{
	return i < r->ncols ? r->cols[i] : NULL;
}

int
csvr_col(const struct csvr *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

char
csvr_sep(const struct csvr *r)
{
	return r->sep;
}

const char *
csvr_name(const struct csvr *r)
{
	return r->name;
}

unsigned long
csvr_line(const struct csvr *r)
{
	return r->recline;
}

size_t
csvr_nfields(const struct csvr *r)
{
	return r->nfields;
}

const char *
csvr_field(const struct csvr *r, size_t i)
{
	return i < r->nfields ? r->fbuf.s + r->foff[i] : NULL;
}

const char *
csvr_raw(const struct csvr *r)
{
	return r->raw.s != NULL ? r->raw.s : "";
}

/* The letter a log writes after a backslash for c, or 0 to write c. */
static char
esc_letter(int c, char sep, int flags)
{
	if (!(flags & CSVW_ESCAPE))
		return 0;
	switch (c) {
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	case '\\':
		return '\\';
	case '\t':
		/* In TSV the separator must never appear inside a field. */
		return sep == '\t' ? 't' : 0;
	}
	return 0;
}

static int
needs_quotes(const char *s, char sep, int flags)
{
	size_t n = strlen(s);
	const char *p;

	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return 1;
	for (p = s; *p != '\0'; p++) {
		if (esc_letter(*p, sep, flags) != 0)
			continue;
		if (*p == sep || *p == '"' || *p == '\n' || *p == '\r')
			return 1;
	}
	return 0;
}

void
csvw_field(struct strbuf *sb, const char *s, char sep, int flags)
{
	int quote = needs_quotes(s, sep, flags);
	char e;

	if (quote)
		sb_putc(sb, '"');
	for (; *s != '\0'; s++) {
		if ((e = esc_letter(*s, sep, flags)) != 0) {
			sb_putc(sb, '\\');
			sb_putc(sb, e);
		} else {
			if (*s == '"')
				sb_putc(sb, '"');
			sb_putc(sb, *s);
		}
	}
	if (quote)
		sb_putc(sb, '"');
}

void
csvw_record(struct strbuf *sb, const char *const *f, size_t n, char sep,
    int flags)
{
	size_t i;

	/* A lone empty field would be a blank line, which readers skip. */
	if (n == 1 && (f[0] == NULL || f[0][0] == '\0')) {
		sb_puts(sb, "\"\"\n");
		return;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_putc(sb, sep);
		csvw_field(sb, f[i] != NULL ? f[i] : "", sep, flags);
	}
	sb_putc(sb, '\n');
}

char *
csv_unescape(char *s)
{
	char *in, *out;

	for (in = out = s; *in != '\0'; in++) {
		if (*in == '\\') {
			switch (in[1]) {
			case 'n':
				*out++ = '\n';
				in++;
				continue;
			case 'r':
				*out++ = '\r';
				in++;
				continue;
			case 't':
				*out++ = '\t';
				in++;
				continue;
			case '\\':
				*out++ = '\\';
				in++;
				continue;
			}
		}
		*out++ = *in;
	}
	*out = '\0';
	return s;
}
