/*
 * correct: corrections and withdrawals appended to a log (correct.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "correct.h"
#include "csvio.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* One superseded key: the last line holding a correction for it. */
struct akey {
	char *key;
	unsigned long line;
};

struct amends {
	struct akey *v;		/* open addressing; cap a power of two */
	size_t n, cap;
	int tscol, idcol, acol;
	int kindcol;		/* a promise record's kind, or -1 */
};

/*
 * A promise record (promise.csv: kind, id, what and by): its outcomes
 * carry their promise's id, so a record is known by its ts, kind and id
 * together.  The kind column, or -1 for any other log.
 */
static int
act_kind_col(const struct csvr *r)
{
	if (csvr_col(r, "id") < 0 || csvr_col(r, "what") < 0 ||
	    csvr_col(r, "by") < 0)
		return -1;
	return csvr_col(r, "kind");
}

static const char *
field_or_empty(const struct csvr *r, int col)
{
	return col >= 0 ? csvr_field(r, (size_t)col) : "";
}

static uint32_t
hash_key(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * A record's key into sb: "i" and its id, or "t" and its ts; in a promise
 * record "a" and its ts, kind and id, apart by a control byte steady
 * never writes in them.
 */
static void
record_key(const struct amends *a, const struct csvr *r, struct strbuf *sb)
{
	const char *id = field_or_empty(r, a->idcol);

	sb_reset(sb);
	if (a->kindcol >= 0)
		sb_printf(sb, "a%s\037%s\037%s", field_or_empty(r, a->tscol),
		    field_or_empty(r, a->kindcol), id);
	else if (*id)
		sb_printf(sb, "i%s", id);
	else
		sb_printf(sb, "t%s", field_or_empty(r, a->tscol));
}

static struct akey *
slot(const struct amends *a, const char *key)
{
	size_t i = hash_key(key) & (a->cap - 1);

	while (a->v[i].key != NULL && strcmp(a->v[i].key, key) != 0)
		i = (i + 1) & (a->cap - 1);
	return &a->v[i];
}

static void
grow(struct amends *a)
{
	struct akey *old = a->v;
	size_t i, oldcap = a->cap;

	a->cap = oldcap ? oldcap * 2 : 16;
	a->v = xcalloc(a->cap, sizeof(*a->v));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*slot(a, old[i].key) = old[i];
	free(old);
}

static void
note_key(struct amends *a, const char *key, unsigned long line)
{
	struct akey *k;

	if ((a->n + 1) * 2 > a->cap)
		grow(a);
	k = slot(a, key);
	if (k->key == NULL) {
		k->key = xstrdup(key);
		a->n++;
	}
	k->line = line;
}

int
amends_scan(struct csvr *r, struct amends **out)
{
	struct amends *a;
	struct strbuf key = { 0 };
	int c;

	*out = NULL;
	if (csvr_col(r, AMEND_COL) < 0)
		return 0;
	a = xcalloc(1, sizeof(*a));
	a->tscol = csvr_col(r, "ts");
	a->idcol = csvr_col(r, "id");
	a->acol = csvr_col(r, AMEND_COL);
	a->kindcol = act_kind_col(r);
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_ERR) {
			sb_free(&key);
			amends_free(a);
			return -1;
		}
		if (c != CSVR_REC || *csvr_field(r, (size_t)a->acol) == '\0')
			continue;
		record_key(a, r, &key);
		note_key(a, key.s, csvr_line(r));
	}
	sb_free(&key);
	if (a->n == 0) {
		amends_free(a);
		return 0;
	}
	*out = a;
	return 0;
}

int
amends_load(const char *path, struct amends **out)
{
	struct csvr *r;
	int rc;

	*out = NULL;
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	rc = amends_scan(r, out);
	csvr_close(r);
	return rc;
}

int
amends_hidden(const struct amends *a, const struct csvr *r)
{
	static struct strbuf key;
	const struct akey *k;

	if (a == NULL)
		return 0;
	if (strcmp(csvr_field(r, (size_t)a->acol), AMEND_WITHDRAW) == 0)
		return 1;
	record_key(a, r, &key);
	k = slot(a, key.s);
	return k->key != NULL && k->line > csvr_line(r);
}

/* A new tmpfile with the header hdr and what is left of in. */
static FILE *
spool_copy(const struct strbuf *hdr, FILE *in)
{
	char buf[65536];
	size_t n;
	FILE *fp;

	if ((fp = tmpfile()) == NULL) {
		st_seterr("a temporary file: %s", strerror(errno));
		return NULL;
	}
	fwrite(hdr->s, 1, hdr->len, fp);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, fp);
	if (ferror(in) || fflush(fp) == EOF || ferror(fp)) {
		st_seterr("%s: %s", ferror(in) ? "reading" :
		    "a temporary file", strerror(errno));
		fclose(fp);
		return NULL;
	}
	rewind(fp);
	return fp;
}

int
amends_spool(struct csvr **rp, FILE *in, int flags, FILE **tmp,
    struct amends **out)
{
	struct strbuf hdr = { 0 };
	char *name;
	struct csvr *r;
	int rc;

	*tmp = NULL;
	*out = NULL;
	if (csvr_col(*rp, AMEND_COL) < 0)
		return 0;
	name = xstrdup(csvr_name(*rp));
	csvw_header(&hdr, *rp);
	/* Closed first: a reader gives back what it read ahead. */
	csvr_close(*rp);
	*rp = NULL;
	*tmp = spool_copy(&hdr, in);
	sb_free(&hdr);
	rc = -1;
	if (*tmp != NULL && (r = csvr_open(*tmp, name, flags)) != NULL) {
		rc = amends_scan(r, out);
		csvr_close(r);
	}
	if (rc == 0 && (rewind(*tmp), (*rp = csvr_open(*tmp, name,
	    flags)) == NULL))
		rc = -1;
	if (rc == -1 && *tmp != NULL) {
		amends_free(*out);
		*out = NULL;
		fclose(*tmp);
		*tmp = NULL;
	}
	free(name);
	return rc;
}

void
amends_key(const struct amends *a, const struct csvr *r, struct strbuf *sb)
{
	if (a == NULL) {
		sb_reset(sb);
		sb_puts(sb, "");
		return;
	}
	record_key(a, r, sb);
}

size_t
amends_count(const struct amends *a)
{
	return a ? a->n : 0;
}

void
amends_free(struct amends *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->cap; i++)
		free(a->v[i].key);
	free(a->v);
	free(a);
}

/* The record to supersede, as found in the log. */
struct target {
	char **f;		/* its fields, decoded */
	size_t n;
	unsigned long first, line;	/* the first and last in effect */
	size_t found;		/* how many in effect have the key */
	int same;		/* and all of them are alike, cell for cell */
	int split;		/* keys differ: no one correction will do */
	int ided;		/* they have ids */
	struct strbuf key;	/* the latest one's key */
	char sep;
	int acol, tscol, idcol, kindcol;
	int act;		/* a promise record: keyed by ts, kind, id */
	char **names;		/* the log's header */
};

static void
target_free(struct target *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->f[i]);
		free(t->names[i]);
	}
	free(t->f);
	free(t->names);
	sb_free(&t->key);
	memset(t, 0, sizeof(*t));
}

/* Is r's record, amend aside, the one t holds? */
static int
alike(const struct target *t, struct csvr *r)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if ((int)i != t->acol && strcmp(t->f[i], csvr_field(r, i)))
			return 0;
	return 1;
}

/* One more record in effect with the key: the latest is the one kept. */
static void
target_take(struct target *t, struct csvr *r, const struct amends *keys)
{
	static struct strbuf key;
	size_t i;

	record_key(keys, r, &key);
	if (t->found++ == 0) {
		t->first = csvr_line(r);
		t->same = 1;
	} else {
		t->same &= alike(t, r);
		t->split |= strcmp(key.s, t->key.s) != 0;
	}
	sb_reset(&t->key);
	sb_puts(&t->key, key.s);
	for (i = 0; i < t->n; i++) {
		free(t->f[i]);
		t->f[i] = xstrdup(csvr_field(r, i));
	}
	t->line = csvr_line(r);
	t->ided |= t->idcol >= 0 && *t->f[t->idcol] && !t->act;
}

/* Does r's record carry the key asked for (and the kind, if asked)? */
static int
matches(const struct target *t, struct csvr *r, const struct amend_req *q,
    int timed, time_t kt)
{
	time_t rt;

	if (q->kind != NULL && (t->kindcol < 0 ||
	    strcmp(csvr_field(r, (size_t)t->kindcol), q->kind) != 0))
		return 0;
	if (t->idcol >= 0 && *csvr_field(r, (size_t)t->idcol) &&
	    strcmp(csvr_field(r, (size_t)t->idcol), q->key) == 0)
		return 1;
	return timed && when_parse(csvr_field(r, (size_t)t->tscol), &rt,
	    NULL) == 0 && rt == kt;
}

static void
target_open(struct target *t, struct csvr *r)
{
	size_t i;

	t->n = csvr_ncols(r);
	t->f = xcalloc(t->n, sizeof(*t->f));
	t->names = xcalloc(t->n, sizeof(*t->names));
	for (i = 0; i < t->n; i++)
		t->names[i] = xstrdup(csvr_colname(r, i));
	t->sep = csvr_sep(r);
	t->tscol = csvr_col(r, "ts");
	t->idcol = csvr_col(r, "id");
	t->acol = csvr_col(r, AMEND_COL);
	t->kindcol = csvr_col(r, "kind");
	t->act = act_kind_col(r) >= 0;
}

/*
 * Several records in effect have the key: a correction replaces them
 * all, and a withdrawal of copies leaves one; otherwise say how to
 * choose.  0 to go on, or -1 with st_error() set.
 */
static int
choose(const struct target *t, const struct amend_req *q, const char *path)
{
	if (t->split && t->act)
		st_seterr("%s:%lu: line %lu is for %s too; give the time of "
		    "the one you mean", path, t->line, t->first, q->key);
	else if (t->split && t->ided)
		st_seterr("%s:%lu: line %lu is for %s too; give the record's "
		    "id", path, t->line, t->first, q->key);
	else if (t->split)
		st_seterr("%s:%lu: line %lu is for %s too, its time written "
		    "another way; mend the log by hand", path, t->line,
		    t->first, q->key);
	else if (q->withdraw && !t->same)
		st_seterr("%s:%lu: line %lu is for %s too, and the two "
		    "differ: correct the record to what should count, which "
		    "then replaces both, and withdraw that if neither should",
		    path, t->line, t->first, q->key);
	else
		return 0;
	return -1;
}

/* Walk r for the records in effect with the key. */
static int
find_in(struct target *t, struct csvr *r, const struct amends *a,
    const char *path, const struct amend_req *q)
{
	struct amends keys = { 0 };
	unsigned long gone = 0;
	time_t kt;
	int c, timed;

	keys.tscol = t->tscol;
	keys.idcol = t->idcol;
	keys.kindcol = t->act ? t->kindcol : -1;
	timed = when_parse(q->key, &kt, NULL) == 0;
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_ERR)
			return -1;
		if (c != CSVR_REC || !matches(t, r, q, timed, kt))
			continue;
		if (amends_hidden(a, r))
			gone = csvr_line(r);
		else
			target_take(t, r, &keys);
	}
	if (t->found == 0 && gone)
		st_seterr("%s:%lu: the record for %s is withdrawn already",
		    path, gone, q->key);
	else if (t->found == 0)
		st_seterr("%s: there is no record for %s", path, q->key);
	else if (t->found == 1 || choose(t, q, path) == 0)
		return 0;
	return -1;
}

/* Read the log at path for the records the key names, into t. */
static int
find_target(const char *path, const struct amend_req *q, struct target *t)
{
	struct amends *a;
	struct csvr *r;
	int rc;

	if (amends_load(path, &a) == -1)
		return -1;
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		if (errno == ENOENT)
			st_seterr("%s: there is no log yet, so nothing to "
			    "correct", path);
		amends_free(a);
		return -1;
	}
	if (csvr_col(r, "ts") < 0) {
		st_seterr("%s:1: this is not one of steady's logs (it has no "
		    "ts column)", path);
		rc = -1;
	} else {
		target_open(t, r);
		rc = find_in(t, r, a, path, q);
	}
	csvr_close(r);
	amends_free(a);
	return rc;
}

/* Is column k one that says which record this is (never corrected)? */
static int
is_key_col(const struct target *t, size_t k)
{
	if ((int)k == t->idcol || (int)k == t->acol)
		return 1;
	if (t->act)
		return (int)k == t->tscol || (int)k == t->kindcol;
	/* ts is the key of a record without an id. */
	return (int)k == t->tscol && (t->idcol < 0 || *t->f[t->idcol] == '\0');
}

/* One operand into t's fields; AMEND_USAGE when it is refused. */
static int
apply_op(struct target *t, const struct amend_req *q, const char *op)
{
	const char *eq = strchr(op, '=');
	char *name, *val = NULL;
	size_t k;

	name = xasprintf("%.*s", (int)(eq - op), op);
	for (k = 0; k < t->n && strcmp(t->names[k], name) != 0; k++)
		;
	if (k == t->n)
		st_seterr("%s: the log has no such column", name);
	else if (is_key_col(t, k))
		st_seterr("%s cannot be corrected: it says which record this "
		    "is; withdraw the record and make it again", name);
	else if (q->check == NULL)
		val = xstrdup(eq + 1);
	else
		val = q->check(name, eq + 1, q->arg);
	free(name);
	if (val == NULL)
		return AMEND_USAGE;
	free(t->f[k]);
	t->f[k] = val;
	return 0;
}

static int
apply_ops(struct target *t, const struct amend_req *q)
{
	size_t i;

	for (i = 0; i < q->nops; i++)
		if (apply_op(t, q, q->ops[i]) != 0)
			return AMEND_USAGE;
	return 0;
}

/* The operands' own shape: name=value, each name once. */
static int
check_ops(const struct amend_req *q)
{
	const char *eq, *eq2;
	size_t i, j;

	if (q->withdraw && q->nops > 0) {
		st_seterr("a withdrawal takes no name=value operands");
		return AMEND_USAGE;
	}
	if (!q->withdraw && q->nops == 0) {
		st_seterr("nothing to correct: give the new values as "
		    "name=value");
		return AMEND_USAGE;
	}
	for (i = 0; i < q->nops; i++) {
		if ((eq = strchr(q->ops[i], '=')) == NULL || eq == q->ops[i]) {
			st_seterr("%s: give a correction as name=value",
			    q->ops[i]);
			return AMEND_USAGE;
		}
		for (j = 0; j < i; j++) {
			eq2 = strchr(q->ops[j], '=');
			if (eq2 - q->ops[j] == eq - q->ops[i] &&
			    memcmp(q->ops[j], q->ops[i], (size_t)(eq -
			    q->ops[i])) == 0) {
				st_seterr("%.*s is given twice",
				    (int)(eq - q->ops[i]), q->ops[i]);
				return AMEND_USAGE;
			}
		}
	}
	return 0;
}

/*
 * The new record: the target corrected, or its key alone, withdrawn.
 * Copies saved more than once are taken back to one by a correction
 * that repeats them.
 */
static void
format_amend(const struct target *t, int withdraw, struct strbuf *sb)
{
	const char **f = xcalloc(t->n, sizeof(*f));
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!withdraw || (int)i == t->tscol || (int)i == t->idcol ||
		    (t->act && (int)i == t->kindcol))
			f[i] = t->f[i];
	f[t->acol] = withdraw ? AMEND_WITHDRAW : AMEND_CORRECT;
	csvw_record(sb, f, t->n, t->sep, CSVW_ESCAPE);
	free(f);
}

/* Give the locked log at path its amend column. */
static int
add_amend_col(const char *path)
{
	static const char *const col[] = { AMEND_COL };
	struct csvr *r;
	int rc;

	if ((r = csvr_openpath(path, 0)) == NULL)
		return -1;
	rc = store_add_columns(r, path, col, 1);
	csvr_close(r);
	return rc;
}

/* One try under the lock: 1 when the column was added (try again). */
static int
amend_locked(int fd, const char *path, const struct amend_req *q,
    struct amend_done *done)
{
	struct target t = { 0 };
	struct strbuf sb = { 0 };
	int rc;

	if (find_target(path, q, &t) == -1) {
		target_free(&t);
		return AMEND_ERR;
	}
	done->first = t.first;
	done->line = t.line;
	done->n = t.found;
	done->copies = q->withdraw && t.found > 1;
	/* Operands are checked before the log gains its column. */
	if ((rc = q->withdraw ? 0 : apply_ops(&t, q)) != 0)
		;
	else if (t.acol < 0)
		rc = add_amend_col(path) == 0 ? 1 : AMEND_ERR;
	else {
		format_amend(&t, q->withdraw && !done->copies, &sb);
		rc = store_append(fd, path, NULL, sb.s, sb.len) == 0 ? 0 :
		    AMEND_ERR;
	}
	sb_free(&sb);
	target_free(&t);
	return rc;
}

int
amend_append(const char *path, const struct amend_req *q,
    struct amend_done *done)
{
	int fd, rc, tries;

	memset(done, 0, sizeof(*done));
	if ((rc = check_ops(q)) != 0)
		return rc;
	/* Locking would create the log; there is nothing to correct. */
	if (access(path, F_OK) == -1 && errno == ENOENT) {
		st_seterr("%s: there is no log yet, so nothing to correct",
		    path);
		return AMEND_ERR;
	}
	for (tries = 0; tries < 3; tries++) {
		if ((fd = store_lock(path)) == -1)
			return AMEND_ERR;
		rc = amend_locked(fd, path, q, done);
		store_unlock(fd);
		if (rc != 1)
			return rc;
	}
	st_seterr("%s: the log kept changing while it was being corrected",
	    path);
	return AMEND_ERR;
}

/* s on fp, a line broken at the last space that keeps it to 72 columns. */
static void
put_wrapped(FILE *fp, const char *s)
{
	const char *sp, *brk;
	size_t col;

	while (strlen(s) > 72) {
		for (brk = NULL, sp = s, col = 0; *sp && col <= 72; sp++, col++)
			if (*sp == ' ')
				brk = sp;
		if (brk == NULL)
			break;
		fprintf(fp, "%.*s\n", (int)(brk - s), s);
		s = brk + 1;
	}
	fprintf(fp, "%s\n", s);
}

void
amend_tell(FILE *fp, const struct amend_done *d, const char *what,
    int withdraw)
{
	char times[32], lines[80];
	char *s;

	if (d->n == 2)
		snprintf(times, sizeof(times), "twice");
	else
		snprintf(times, sizeof(times), "%zu times", d->n);
	if (d->n == 2)
		snprintf(lines, sizeof(lines), "on lines %lu and %lu", d->first,
		    d->line);
	else
		snprintf(lines, sizeof(lines), "from line %lu to line %lu",
		    d->first, d->line);
	if (withdraw && d->copies)
		s = xasprintf("Taken back: the %s saved %s (%s) now counts "
		    "once; the lines stay in the log as written.", what,
		    times, lines);
	else if (withdraw)
		s = xasprintf("Withdrawn: the %s on line %lu no longer counts; "
		    "it stays in the log as written.", what, d->line);
	else if (d->n > 1)
		s = xasprintf("Corrected: the %s saved %s (%s) is replaced by "
		    "one new line at the end of the log; the old lines stay "
		    "as written.", what, times, lines);
	else
		s = xasprintf("Corrected: the %s on line %lu is replaced by a "
		    "new line at the end of the log; the old one stays as "
		    "written.", what, d->line);
	put_wrapped(fp, s);
	free(s);
}
