/*
 * csvio: the CSV/TSV reader and writer (see csvio.h).
 *
 * Input is read in blocks where it can be (see csvr_open) and cut into
 * physical lines with memchr.  A line that starts a record and holds no
 * double quote can only be one whole record whose fields are the bytes
 * between separators, which is nearly every line of a log, so the reader
 * splits it itself.  Every other line goes to libcsv.  libcsv does not
 * count lines, so the reader hands it one physical line at a time,
 * followed by the "\n" that ended it; only "\n" is a record end for
 * libcsv, so a bare CR is data and CRLF is undone before parsing.  Every
 * buffer belongs to the reader and is reused from record to record, and
 * each has a limit, so memory follows the largest record allowed, never
 * the size of the file.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * Input is read this much at a time: more is no faster, and less than
 * 128 KiB stays out of malloc's mmap.  A line the reader splits itself lies
 * whole in the block, so none of its fields can pass the field limit.
 */
#define CSVR_INBUF (64 * 1024)

/* The UTF-8 byte order mark, and whether s starts with it. */
#define BOM "\xef\xbb\xbf"
#define HAS_BOM(s) ((s)[0] == '\xef' && (s)[1] == '\xbb' && (s)[2] == '\xbf')
_Static_assert(CSVR_INBUF <= CSVR_FIELD_MAX, "a block could hold too long a "
    "field");

enum { LN_NL, LN_PART, LN_EOF, LN_ERR };

/* How input is read: see csvr_open and csvr_openpath. */
enum { IN_READ, IN_FREAD, IN_GETC };

struct csvr {
	FILE *fp;
	int ownfp;		/* opened by csvr_openpath: closed with us */
	int how;		/* IN_READ, IN_FREAD or IN_GETC */
	char *name;
	int flags;
	char sep;
	int header;		/* the record being read is the header */
	int ateof;		/* nothing more to read */
	int torn;		/* the last line had no newline */
	unsigned char *hidden;	/* per column, csvr_hide; NULL: none */
	int ioerr;		/* errno of a read error, which is final */
	char *in;		/* input block of CSVR_INBUF bytes */
	size_t inpos;		/* its unread bytes start here */
	size_t inend;		/* and end here */
	int ineof;		/* the input has ended */
	int inerr;		/* a failed read's errno, told after the rest */
	struct csv_parser cp;
	char **cols;
	size_t ncols;
	unsigned long lineno;	/* physical lines read */
	unsigned long recline;	/* where the current record starts, or 0 */
	struct strbuf raw;	/* the record's lines, joined by "\n" */
	const char *rawp;	/* or a plain record's line, in the block */
	struct strbuf fbuf;	/* its fields, each ending in NUL */
	size_t *foff;		/* where each kept field starts in fbuf */
	size_t foffcap;
	size_t nkept;		/* fields stored */
	size_t nseen;		/* fields counted, stored or not */
	size_t nfields;		/* fields of a good record, else 0 */
	int toolong;		/* a field passed CSVR_FIELD_MAX */
	int over;		/* the record passed CSVR_RECORD_MAX */
	int rowdone;		/* libcsv saw the record's end */
	off_t blockoff;		/* the input's offset of in[0] */
	off_t recoff;		/* where the current record starts */
	off_t limit;		/* read no further than this, or -1 */
	off_t cut;		/* a record the limit cut starts here, or -1 */
	unsigned long cutline;	/* lines before it */
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

/* read(2) gives what a pipe holds, without waiting for a whole block. */
static size_t
fill_read(struct csvr *r, char *dst, size_t want)
{
	ssize_t n;

	if ((n = read(fileno(r->fp), dst, want)) == -1)
		r->inerr = errno != 0 ? errno : EIO;
	r->ineof = n == 0;
	return n > 0 ? (size_t)n : 0;
}

static size_t
fill_fread(struct csvr *r, char *dst, size_t want)
{
	size_t n;

	if ((n = fread(dst, 1, want, r->fp)) < want) {
		if (ferror(r->fp))
			r->inerr = errno != 0 ? errno : EIO;
		else
			r->ineof = 1;
	}
	return n;
}

/* Stop after a line end, so as never to wait for more than one line. */
static size_t
fill_getc(struct csvr *r, char *dst, size_t want)
{
	size_t n = 0;
	int c = 0;

	flockfile(r->fp);
	while (n < want && (c = getc_unlocked(r->fp)) != EOF) {
		dst[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (c == EOF && ferror(r->fp))
		r->inerr = errno != 0 ? errno : EIO;
	else if (c == EOF)
		r->ineof = 1;
	funlockfile(r->fp);
	return n;
}

/*
 * Read more input after the unread bytes, which first move to the start of
 * the block.  Returns how many bytes came; 0 once the input has ended or a
 * read has failed, which stays so.  A failed read may still have brought
 * bytes: they are used before the error is told.
 */
static size_t
fill(struct csvr *r)
{
	size_t have = r->inend - r->inpos, want = CSVR_INBUF - have, n;

	memmove(r->in, r->in + r->inpos, have);
	r->blockoff += (off_t)r->inpos;
	r->inpos = 0;
	r->inend = have;
	if (r->ineof || r->inerr != 0)
		return 0;
	if (r->limit >= 0) {
		if (r->blockoff + (off_t)have >= r->limit) {
			r->ineof = 1;
			return 0;
		}
		if ((off_t)want > r->limit - r->blockoff - (off_t)have)
			want = (size_t)(r->limit - r->blockoff - (off_t)have);
	}
	errno = 0;
	if (r->how == IN_READ)
		n = fill_read(r, r->in + have, want);
	else if (r->how == IN_FREAD)
		n = fill_fread(r, r->in + have, want);
	else
		n = fill_getc(r, r->in + have, want);
	r->inend += n;
	return n;
}

/*
 * Find the next physical line.  One that fits in the block stays there:
 * *lp and *lenp give it, without its "\n".  A longer one goes onto r->raw,
 * as does a last line without "\n", and *lp is NULL; a line over the
 * record limit is still read to its end, so the next record starts on a
 * line boundary, but costs no memory.
 */
static int
get_line(struct csvr *r, char **lp, size_t *lenp)
{
	size_t have, seen = 0;
	char *s, *nl;
	int spilled = 0;

	*lp = NULL;
	for (;;) {
		s = r->in + r->inpos;
		have = r->inend - r->inpos;
		if ((nl = memchr(s + seen, '\n', have - seen)) != NULL) {
			r->inpos += (size_t)(nl - s) + 1;
			if (spilled)
				keep_bytes(r, s, (size_t)(nl - s));
			else {
				*lp = s;
				*lenp = (size_t)(nl - s);
			}
			return LN_NL;
		}
		if (have == CSVR_INBUF) {
			keep_bytes(r, s, have);
			r->inpos = r->inend;
			spilled = 1;
			have = 0;
		}
		seen = have;
		if (fill(r) == 0)
			break;
	}
	have = r->inend - r->inpos;
	keep_bytes(r, r->in + r->inpos, have);
	r->inpos = r->inend;
	if (r->inerr != 0) {
		r->ioerr = r->inerr;
		return LN_ERR;
	}
	return spilled || have > 0 ? LN_PART : LN_EOF;
}

/*
 * Drop a BOM at the start of the header and the CR of a CRLF line end.
 * The header is the first line that is not blank, so a BOM after blank
 * lines (files joined with cat) is dropped too: no column name starts
 * with one, and a header written back reads back the same.
 */
static void
tidy_line(struct csvr *r, size_t start)
{
	struct strbuf *sb = &r->raw;

	if (r->header && r->recline == 0 && start == 0 && sb->len >= 3 &&
	    memcmp(sb->s + start, BOM, 3) == 0) {
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

/* Decode the log escapes of the kept fields of a record split here. */
static void
unescape_kept(struct csvr *r)
{
	size_t i;

	for (i = 0; i < r->nkept; i++)
		csv_unescape(r->fbuf.s + r->foff[i]);
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
	r->rawp = NULL;
	r->nkept = r->nseen = r->nfields = 0;
	r->toolong = r->over = r->rowdone = 0;
	r->recline = 0;
}

/*
 * A line is searched eight bytes at a time, which costs far less than a
 * byte at a time or a memchr call per field: fields are short.
 */
#define ONES 0x0101010101010101ULL
#define LOW7 0x7f7f7f7f7f7f7f7fULL

/* Eight bytes as a word, the first lowest, whatever the byte order. */
static uint64_t
load8(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/*
 * The top bit of each byte of w that equals c is set, and no other bit.
 * Adding to the low seven bits alone keeps a carry from leaking into the
 * next byte, so every byte is judged exactly.
 */
static uint64_t
bytes_of(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);

	return ~(((x & LOW7) + LOW7) | x | LOW7);
}

/*
 * The index of the lowest byte flagged in a nonzero bytes_of() result.
 * The lowest flag alone, bit 8k + 7, shifted down to bit 8k, moves byte
 * 7 - k of the constant to the top of the product; that byte holds k.
 */
static size_t
first_of(uint64_t m)
{
	return (size_t)((((m & (~m + 1)) >> 7) * 0x0001020304050607ULL) >> 56);
}

/*
 * Cut a copy of a line at its separators; returns 1 if it holds a
 * backslash, else 0, or -1 and keeps nothing if it holds a quote.  The
 * copy is followed by seven NULs, so that its last word can be read
 * whole; a NUL is never a separator, quote or backslash.
 */
static int
split_plain(struct csvr *r, const char *line, size_t len)
{
	static const char pad[7];
	size_t *foff, i, k, nkept = 1, nseen = 1, ncols = r->ncols;
	unsigned char *s, sep = (unsigned char)r->sep;
	uint64_t w, m;
	int esc = 0;

	sb_add(&r->fbuf, line, len);
	sb_add(&r->fbuf, pad, sizeof(pad));
	s = (unsigned char *)r->fbuf.s;
	/*
	 * foff has room for ncols, as the header's fields were kept there.
	 * Locals, not r's members, since a store through s may alias them.
	 */
	foff = r->foff;
	foff[0] = 0;
	for (i = 0; i < len; i += 8) {
		w = load8(s + i);
		if (bytes_of(w, '"') != 0) {
			sb_reset(&r->fbuf);
			return -1;
		}
		esc |= bytes_of(w, '\\') != 0;
		for (m = bytes_of(w, sep); m != 0; m &= m - 1) {
			k = i + first_of(m);
			s[k] = '\0';
			if (nseen++ < ncols)
				foff[nkept++] = k + 1;
		}
	}
	r->nkept = nkept;
	r->nseen = nseen;
	return esc;
}

/*
 * The same for a line with quotes, when every quoted field closes on the
 * line and only a separator or the line's end follows it: "" is a quote.
 * Anything else returns -1 for the general path and its messages.
 */
static int
split_quoted(struct csvr *r, const char *line, size_t len)
{
	size_t i = 0, j = 0, nkept = 1, nseen = 1, ncols = r->ncols;
	unsigned char sep = (unsigned char)r->sep;
	size_t *foff = r->foff;
	char *out;
	int esc = 0;

	if (len > CSVR_FIELD_MAX)
		goto general;
	/* Room for the line and a NUL, which the fields never outgrow. */
	sb_reset(&r->fbuf);
	sb_add(&r->fbuf, line, len);
	out = r->fbuf.s;
	foff[0] = 0;
	for (;;) {
		if (i < len && line[i] == '"') {
			for (i++;; i++) {
				if (i >= len)
					goto general;
				if (line[i] == '"' && (i + 1 >= len ||
				    line[i + 1] != '"'))
					break;
				if (line[i] == '"')
					i++;
				esc |= line[i] == '\\';
				out[j++] = line[i];
			}
			if (++i < len && (unsigned char)line[i] != sep)
				goto general;
		} else
			for (; i < len && (unsigned char)line[i] != sep; i++) {
				if (line[i] == '"')
					goto general;
				esc |= line[i] == '\\';
				out[j++] = line[i];
			}
		out[j++] = '\0';
		if (i++ >= len)
			break;
		if (nseen++ < ncols)
			foff[nkept++] = j;
	}
	r->fbuf.len = j - 1;
	r->nkept = nkept;
	r->nseen = nseen;
	return esc;
general:
	sb_reset(&r->fbuf);
	return -1;
}

/*
 * Take a line that starts a record and was split by split_plain or
 * split_quoted: libcsv would give exactly the same fields.  The line ends in the block with
 * the CR or "\n" that followed it, which makes room for its NUL, and stays
 * there as the record's raw text.
 */
static int
plain_record(struct csvr *r, char *line, size_t len, int esc)
{
	line[len] = '\0';
	r->rawp = line;
	r->recline = r->lineno;
	if (esc && (r->flags & CSVR_UNESCAPE))
		unescape_kept(r);
	return rec_end(r);
}

/* No line is left: the input ended between records or inside one. */
static int
rec_eof(struct csvr *r, size_t join)
{
	r->ateof = 1;
	/* Take back the "\n" joining a line never read. */
	r->raw.len = join;
	if (r->raw.s != NULL)
		r->raw.s[join] = '\0';
	if (r->recline == 0)
		return CSVR_EOF;
	if (r->limit >= 0) {
		/* The limit fell inside a quoted field: not an error yet. */
		r->cut = r->recoff;
		r->cutline = r->recline - 1;
		r->lineno = r->cutline;
		return CSVR_EOF;
	}
	return rec_bad(r, r->recline, "a quote is not closed");
}

/* Read physical lines until one record is complete or has failed. */
static int
read_record(struct csvr *r)
{
	size_t join, start, len, n;
	char *line;
	int st;

	rec_begin(r);
	for (;;) {
		join = r->raw.len;
		if (r->recline != 0)
			keep_bytes(r, "\n", 1);
		else
			r->recoff = r->blockoff + (off_t)r->inpos;
		start = r->raw.len;
		if ((st = get_line(r, &line, &len)) == LN_ERR)
			return io_error(r);
		if (st == LN_EOF)
			return rec_eof(r, join);
		r->lineno++;
		if (st == LN_PART) {
			r->ateof = r->torn = 1;
			return rec_bad(r, r->lineno, "the last line is "
			    "incomplete (no newline at its end)");
		}
		/* A field would end silently at a NUL: say so instead. */
		if (line != NULL && memchr(line, '\0', len) != NULL)
			return rec_bad(r, r->lineno, "holds a NUL byte, which "
			    "text never does");
		if (line != NULL && r->recline == 0 && !r->header) {
			n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
			if (n == 0)
				continue;
			if ((st = split_plain(r, line, n)) != -1 ||
			    (st = split_quoted(r, line, n)) != -1)
				return plain_record(r, line, n, st);
		}
		if (line != NULL)
			keep_bytes(r, line, len);
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

/* Start a reader on fp, which it reads as how says. */
static struct csvr *
reader_new(FILE *fp, const char *name, int flags, int how)
{
	struct csvr *r;
	int st;

	r = xcalloc(1, sizeof(*r));
	r->fp = fp;
	r->how = how;
	r->name = xstrdup(name);
	r->flags = flags;
	r->sep = ',';
	r->header = 1;
	r->in = xmalloc(CSVR_INBUF);
	r->limit = r->cut = -1;
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

/*
 * fp may hold bytes its caller's stdio has read ahead, which read(2) would
 * miss, so fp is read through stdio.  A file is read in blocks with fread,
 * and csvr_close seeks back over what was not used.  Anything else, a pipe
 * or a terminal, a byte at a time, as fread would wait for a whole block
 * even when a line has come, and what was read could not be given back;
 * unless the caller reads to the end (CSVR_WHOLE) and need not wait.
 */
struct csvr *
csvr_open(FILE *fp, const char *name, int flags)
{
	struct stat st;
	int fd = fileno(fp);

	if ((flags & CSVR_WHOLE) ||
	    (fd != -1 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)))
		return reader_new(fp, name, flags, IN_FREAD);
	return reader_new(fp, name, flags, IN_GETC);
}

/* A stream just opened here holds nothing yet, so read(2) can read it. */
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
	if ((r = reader_new(fp, path, flags, IN_READ)) == NULL) {
		fclose(fp);
		errno = 0;
		return NULL;
	}
	r->ownfp = 1;
	return r;
}

/*
 * Leave the caller's file just after the last line taken, where reading a
 * byte at a time would have: seek back over the bytes read ahead.
 */
static void
give_back(struct csvr *r)
{
	int e = errno;

	if (r->inend > r->inpos && r->inerr == 0)
		(void)fseeko(r->fp, -(off_t)(r->inend - r->inpos), SEEK_CUR);
	errno = e;
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
	else if (r->how == IN_FREAD)
		give_back(r);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->hidden);
	free(r->in);
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

/* Read on from byte off of the file, which has lines before it. */
static int
reposition(struct csvr *r, off_t off, unsigned long lines)
{
	if (r->how != IN_READ) {
		st_seterr("%s: only a file opened by name can be read in "
		    "pieces", r->name);
		return -1;
	}
	if (lseek(fileno(r->fp), off, SEEK_SET) == -1) {
		st_seterr("%s: %s", r->name, strerror(errno));
		return -1;
	}
	r->blockoff = off;
	r->inpos = r->inend = 0;
	r->ineof = r->ateof = r->torn = 0;
	r->inerr = r->ioerr = 0;
	r->lineno = lines;
	r->cut = -1;
	rec_begin(r);
	parser_start(r, 1);
	return 0;
}

int
csvr_seek(struct csvr *r, off_t off, unsigned long lines)
{
	r->limit = -1;
	return reposition(r, off, lines);
}

void
csvr_limit(struct csvr *r, off_t end)
{
	r->limit = end;
	/* Bytes already read past the limit are as if never read. */
	if (end >= 0 && r->blockoff + (off_t)r->inend > end)
		r->inend = end - r->blockoff > (off_t)r->inpos ?
		    (size_t)(end - r->blockoff) : r->inpos;
}

off_t
csvr_cut(const struct csvr *r, unsigned long *lines)
{
	if (r->cut >= 0 && lines != NULL)
		*lines = r->cutline;
	return r->cut;
}

int
csvr_extend(struct csvr *r)
{
	off_t at = r->cut >= 0 ? r->cut : r->blockoff + (off_t)r->inpos;

	r->limit = -1;
	return reposition(r, at, r->cut >= 0 ? r->cutline : r->lineno);
}

int
csvr_torn(const struct csvr *r)
{
	return r->torn;
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
			return r->hidden != NULL && r->hidden[i] ? -1 : (int)i;
	return -1;
}

void
csvr_hide(struct csvr *r, size_t i)
{
	if (i >= r->ncols)
		return;
	if (r->hidden == NULL)
		r->hidden = xcalloc(r->ncols, 1);
	r->hidden[i] = 1;
}

int
csvr_hidden(const struct csvr *r, size_t i)
{
	return r->hidden != NULL && i < r->ncols && r->hidden[i];
}

size_t
csvr_missing(const struct csvr *r, const char *const *want, size_t n,
    const char **miss)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (csvr_col(r, want[i]) < 0)
			miss[k++] = want[i];
	return k;
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
	if (r->rawp != NULL)
		return r->rawp;
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
	/* A reader drops a BOM that starts a header line, but not in quotes. */
	if (HAS_BOM(s))
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
	const char *p;
	int quote;
	char e;

	/* Bytes that may need a quote or an escape: NUL ends the look. */
	static const unsigned char plain[256] = {
		['\0'] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1,
		['\t'] = 1
	};

	/* Most fields are written as they are: one look at each byte. */
	for (p = s; !plain[(unsigned char)*p] && *p != sep; p++)
		;
	if (*p == '\0' && (p == s || (s[0] != ' ' && p[-1] != ' ')) &&
	    !HAS_BOM(s)) {
		sb_add(sb, s, (size_t)(p - s));
		return;
	}
	quote = needs_quotes(s, sep, flags);
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

/*
 * Counted in runs of at most 255 bytes, each into a byte: a loop the
 * compiler makes into wide compares, several times quicker than a word
 * at a time, whose count of bits is a call where the machine is not
 * assumed to have an instruction for it.
 */
unsigned long
csv_newlines(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	unsigned long k = 0;
	unsigned char run;
	size_t i = 0, end;

	while (i < n) {
		end = n - i > 255 ? i + 255 : n;
		for (run = 0; i < end; i++)
			run += s[i] == '\n';
		k += run;
	}
	return k;
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

void
csvw_header(struct strbuf *sb, const struct csvr *r)
{
	csvw_record(sb, (const char *const *)r->cols, r->ncols, r->sep, 0);
}

const char **
csvr_record_cols(const struct csvr *r, const char *const *def, size_t ndef,
    size_t *n, char *sep, struct strbuf *hdr)
{
	const char **cols;
	size_t i;

	*n = r->ncols ? r->ncols : ndef;
	*sep = r->ncols ? r->sep : ',';
	cols = xcalloc(*n ? *n : 1, sizeof(*cols));
	for (i = 0; i < *n; i++)
		cols[i] = r->ncols ? r->cols[i] : def[i];
	if (r->ncols == 0)
		csvw_record(hdr, cols, *n, *sep, 0);
	return cols;
}
