/*
 * redact: a log without the words in it, for sharing numbers without
 * sharing a journal.  steady.5 says which columns of each log hold a
 * person's own words (notes, journal text, step names, promises...);
 * redaction leaves those out and, when columns are chosen, every column
 * not chosen except ts and kind, so that what is left is still a log of
 * its kind, with a header, that report reads.
 */
#ifndef STEADY_REDACT_H
#define STEADY_REDACT_H

#include <stddef.h>
#include <stdio.h>

#include "csvio.h"
#include "util.h"

struct redact;

/*
 * A redaction for --redact[=COLUMNS]: cols is NULL (leave out the free
 * text) or a comma-separated list of the columns to keep.  Returns NULL
 * with st_error() set when the list has an empty name.
 */
struct redact *redact_new(const char *cols);
void redact_free(struct redact *rd);

/*
 * Is column name, in a log whose header is cols[0..n), free text in a
 * person's words (steady.5)?  "safety" is words (what helped feel
 * safe) in every log but check-ins, where it is a rating.
 */
int redact_is_text(const char *const *cols, size_t n, const char *name);

/*
 * Fit rd to the header cols[0..n): which of its columns go out.  Call
 * it before the others, again for each new header.  Returns how many are
 * kept.
 */
size_t redact_plan(struct redact *rd, const char *const *cols, size_t n);
/* The same for the header r has read. */
size_t redact_plan_csvr(struct redact *rd, const struct csvr *r);
/* Does column i of the planned header go out? */
int redact_keeps(const struct redact *rd, size_t i);

/*
 * Append the kept ones of f[0..n) to sb as one record (a header is a
 * record too), as csvw_record would with sep and flags.
 */
void redact_record(const struct redact *rd, struct strbuf *sb,
    const char *const *f, size_t n, char sep, int flags);
/*
 * The same for r's header, or for r's current record: flags 0 for a
 * reader that keeps the log's escapes, CSVW_ESCAPE for one that decodes
 * them (CSVR_UNESCAPE), so that the cells go out as the log has them.
 */
void redact_header(const struct redact *rd, struct strbuf *sb,
    const struct csvr *r);
void redact_row(const struct redact *rd, struct strbuf *sb,
    const struct csvr *r, int flags);

/*
 * Redact the CSV or TSV text in sb (a header line and records, as -o -
 * writes them), in place; the cells are copied byte for byte.  Returns
 * 0, or -1 with st_error() set and sb left as it was.
 */
int redact_buf(struct redact *rd, struct strbuf *sb);

/*
 * Write the CSV text in sb to fp: as it is when rd is NULL, else
 * redacted (sb is changed).  Returns 0, or -1 with st_error() set and
 * nothing written.  fp's errors are left for its close to find.
 */
int redact_put(struct redact *rd, struct strbuf *sb, FILE *fp);

#endif
