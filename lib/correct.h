/*
 * correct: corrections and withdrawals that leave a log append-only.
 *
 * A record is never changed in place.  To correct it, a new record with
 * the same key (its id when it has one, else its ts; in a promise record,
 * whose outcomes share their promise's id, its ts, kind and id together)
 * and "correct" in the column amend is appended: it takes the place of
 * every earlier record with that key.  To withdraw it, a record with the
 * key, "withdraw" in amend and every other cell empty is appended: then
 * no record with that key counts.  A log gets its amend column when it is
 * first corrected.  Format in steady.5.
 */
#ifndef STEADY_CORRECT_H
#define STEADY_CORRECT_H

#include <stddef.h>
#include <stdio.h>

#define AMEND_COL "amend"
#define AMEND_CORRECT "correct"
#define AMEND_WITHDRAW "withdraw"

/* amend_append() results besides 0: an error, or operands to refuse. */
#define AMEND_ERR (-1)
#define AMEND_USAGE (-2)

struct csvr;
struct strbuf;
struct amends;

/*
 * The corrections in the log at path: which keys a later correction or
 * withdrawal supersedes, and where.  *out is NULL when there are none to
 * honour (no such file, or no amend column): readers then take every
 * record, at no cost.  Unreadable rows are passed by (the caller's own
 * reading reports them).  Returns 0, or -1 with st_error() set.  Memory
 * grows with the number of corrections, not of records.
 */
int amends_load(const char *path, struct amends **out);

/* The same for the records left in r (header read, r kept open). */
int amends_scan(struct csvr *r, struct amends **out);

/*
 * Is the record r has just read superseded by a later correction or
 * withdrawal, or itself a withdrawal?  1 to leave it out, else 0.  r
 * reads the same file (the same header) that a was loaded from; a NULL
 * a hides nothing.
 */
int amends_hidden(const struct amends *a, const struct csvr *r);

/*
 * The same for a stream that cannot be read twice, such as standard
 * input, which *rp reads (opened with flags on in, its header read).
 * When the header has an amend column, *rp is closed, the header and the
 * rest of in are copied to a temporary file, its corrections scanned and
 * *rp opened on it again from the first record (its lines counted as in
 * the stream, the header being line 1); *tmp is that file, to fclose
 * after csvr_close(*rp).  Otherwise *rp, *tmp (NULL) and *out (NULL) say
 * nothing changed.  Returns 0, or -1 with st_error() set and *rp closed.
 */
int amends_spool(struct csvr **rp, FILE *in, int flags, FILE **tmp,
    struct amends **out);

/*
 * The key of the record r has just read, into sb, as a compares keys: a
 * reader that keeps records in order can put a correction where the
 * first record with its key was.  Empty for a NULL a.
 */
void amends_key(const struct amends *a, const struct csvr *r,
    struct strbuf *sb);

/* How many records a supersedes or withdraws (0 for NULL). */
size_t amends_count(const struct amends *a);

void amends_free(struct amends *a);

/*
 * What to append: the record named by key (its id, or its time in any
 * form when_parse() takes), withdrawn, or corrected by the name=value
 * operands ops[0..nops).  kind, when not NULL, takes only records whose
 * column kind holds it.  check, when not NULL, checks one value for a
 * column: it returns the value to write (malloc'd), or NULL with
 * st_error() set to say why it is refused.
 */
struct amend_req {
	const char *key;
	const char *kind;
	int withdraw;
	char *const *ops;
	size_t nops;
	char *(*check)(const char *col, const char *val, void *arg);
	void *arg;
};

/*
 * What amend_append did: the records in effect that carried the key (n,
 * on lines first to line), and whether they were copies, every cell the
 * same, of which a withdrawal left one counting.
 */
struct amend_done {
	unsigned long first, line;
	size_t n;
	int copies;
};

/*
 * Append the correction or withdrawal q asks for to the log at path,
 * under its lock, giving the log an amend column first when it has none
 * (store_add_columns).  A correction replaces every record in effect with
 * the key, taking the latest as the one to correct; a withdrawal takes
 * back one record, or, when several have the key and every cell the
 * same (a record saved twice), all of them but one, by appending a
 * correction that repeats it.  Fills *done.  Returns 0; AMEND_USAGE when
 * the operands cannot be taken (a column the log lacks, a key column, a
 * value check refused); AMEND_ERR when there is no such record, several
 * that differ where a withdrawal or an id must choose one, or the log
 * cannot be read or written.  st_error() says which.
 */
int amend_append(const char *path, const struct amend_req *q,
    struct amend_done *done);

/*
 * Tell the person on fp what amend_append did (d), in plain words, the
 * record called what ("check-in", "trial"): withdrawn, taken back to one
 * copy, or corrected.
 */
void amend_tell(FILE *fp, const struct amend_done *d, const char *what,
    int withdraw);

#endif
