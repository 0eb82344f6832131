/*
 * csvio: read and write steady's logs and any other CSV or TSV.
 *
 * The reader streams records over libcsv one physical line at a time, so
 * every record and every error carries its exact file:line.  The first
 * record is the header; columns are found by name.  A UTF-8 BOM and CRLF
 * line ends are accepted; the separator (comma or tab) is taken from the
 * header line.  The writer quotes only fields that need it and, for logs,
 * writes a newline inside a field as \n and a backslash as \\, so that one
 * record is always one physical line (steady.5).
 */
#ifndef STEADY_CSVIO_H
#define STEADY_CSVIO_H

#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* Largest field the reader accepts (bytes); a longer one is a bad record. */
#define CSVR_FIELD_MAX (1024 * 1024)

/* Reader flags. */
#define CSVR_UNESCAPE 0x1	/* decode \n \r \t \\ in fields (logs) */
#define CSVR_WHOLE 0x2		/* a stream read to its end: in blocks */

/* csvr_next() results. */
#define CSVR_REC 1		/* a record is ready */
#define CSVR_EOF 0		/* no more records */
#define CSVR_BAD (-1)		/* this record was unusable; reading goes on */
#define CSVR_ERR (-2)		/* reading cannot go on (I/O error) */

struct csvr;

/*
 * Start reading fp (not closed by the reader); name is used in messages
 * ("-" reads as "(stdin)" is the caller's choice).  Reads the header: on
 * success returns the reader; on an empty input returns a reader with no
 * columns whose csvr_next() says CSVR_EOF; on a malformed header or I/O
 * error returns NULL with st_error() set to "name:line: reason".
 */
struct csvr *csvr_open(FILE *fp, const char *name, int flags);

/*
 * The same for the file at path, which the reader opens and csvr_close()
 * closes.  On NULL, errno is ENOENT when the file does not exist (many
 * callers take that as "nothing yet"), and st_error() says what happened.
 */
struct csvr *csvr_openpath(const char *path, int flags);
void csvr_close(struct csvr *r);

/*
 * Read the next record.  CSVR_BAD and CSVR_ERR leave "name:line: reason"
 * in st_error(): a record with a different number of fields than the
 * header, a quote error, a field over CSVR_FIELD_MAX, or a last line with
 * no newline at its end ("the last line is incomplete").  A blank line is
 * skipped silently.
 */
int csvr_next(struct csvr *r);

/*
 * Reading a file in pieces, for readers from csvr_openpath, between
 * records.  csvr_seek goes to byte off (a line's start) of the file,
 * `lines` lines into it, and lifts any limit.  csvr_limit makes the input
 * end at byte end (-1: no limit).  When the limit falls inside a quoted
 * record, that record is not read: csvr_next returns CSVR_EOF, and
 * csvr_cut gives where the record starts (and the lines before it in
 * *lines), else -1.  csvr_extend lifts the limit and reads on from the
 * cut record, or from where reading stopped.  Both return 0, or -1 with
 * st_error() set.
 */
int csvr_seek(struct csvr *r, off_t off, unsigned long lines);
void csvr_limit(struct csvr *r, off_t end);
off_t csvr_cut(const struct csvr *r, unsigned long *lines);
int csvr_extend(struct csvr *r);

/* 1 once the reader has refused a last line with no newline at its end. */
int csvr_torn(const struct csvr *r);

size_t csvr_ncols(const struct csvr *r);		/* header columns */
const char *csvr_colname(const struct csvr *r, size_t i);
int csvr_col(const struct csvr *r, const char *name);	/* index or -1 */
/* Hide column i from csvr_col (redaction); csvr_hidden: is it hidden? */
void csvr_hide(struct csvr *r, size_t i);
int csvr_hidden(const struct csvr *r, size_t i);
/* The names of want[0..n) r's header lacks, in order, into miss; how many. */
size_t csvr_missing(const struct csvr *r, const char *const *want, size_t n,
    const char **miss);
char csvr_sep(const struct csvr *r);			/* ',' or '\t' */
const char *csvr_name(const struct csvr *r);

/* The current record: line where it starts, its fields (valid until the
 * next csvr_next), a field by header index or NULL when out of range. */
unsigned long csvr_line(const struct csvr *r);
size_t csvr_nfields(const struct csvr *r);
const char *csvr_field(const struct csvr *r, size_t i);
/* The current record's physical text as read, without the line end (all
 * its lines for a record with quoted newlines, joined by "\n"). */
const char *csvr_raw(const struct csvr *r);

/* Writer flags. */
#define CSVW_ESCAPE 0x1		/* write newline as \n, backslash as \\ */

/*
 * Append one field to sb, quoted only when it holds the separator, a
 * double quote, CR or LF (CR/LF only remain without CSVW_ESCAPE), or
 * begins or ends with a space.  Does not add the separator.
 */
void csvw_field(struct strbuf *sb, const char *s, char sep, int flags);

/* Append n fields (NULL is an empty cell), separated, and a final "\n". */
void csvw_record(struct strbuf *sb, const char *const *f, size_t n,
    char sep, int flags);

/*
 * Decode the log escapes in place: \n \r \t \\ become the character;
 * any other backslash sequence is left as it is.  Returns s.
 */
char *csv_unescape(char *s);

/*
 * The newlines in p[0..n), many bytes at a time: the lines before a byte
 * of a log, whose records are a line each, for csvr_seek.
 */
unsigned long csv_newlines(const char *p, size_t n);

/*
 * The columns, in order, of a record to append to the log whose header
 * r has read: the log's own, or def[0..ndef) when the log is empty, and
 * then the header line for them is put in hdr (left alone otherwise).
 * Sets *n and *sep (',' for a new log); the array is the caller's to
 * free, its names are r's or def's.
 */
const char **csvr_record_cols(const struct csvr *r, const char *const *def,
    size_t ndef, size_t *n, char *sep, struct strbuf *hdr);

/* Append r's header as a line, in r's separator, to sb. */
void csvw_header(struct strbuf *sb, const struct csvr *r);

#endif
