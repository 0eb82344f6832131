/* redact: which columns are a person's words, and records without them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

struct redact {
	char **want;		/* the columns chosen, or NULL for all */
	size_t nwant;
	unsigned char *keep;	/* per column of the planned header */
	size_t ncols;
};

/*
 * The columns of steady's logs that hold what a person wrote or said
 * (steady.5): check-ins, grounding, trials, the ladder, reflections,
 * the shared promise record and the urge log.  The thinking traps of an
 * entry count too: they tell what the thoughts were.
 */
static const char *const words[] = {
	"note", "text", "prompt", "situation", "emotion", "thought", "traps",
	"evidence_for", "evidence_against", "balanced", "prediction", "done",
	"happened", "step", "went_well", "hard", "adjust", "learned",
	"expect", "suggested", "safety_behaviours", "who", "what", "urge",
	"helped"
};

/* Columns that say what a log and a record are: never left out. */
static int
structural(const char *name)
{
	return strcmp(name, "ts") == 0 || strcmp(name, "kind") == 0;
}

static int
has(const char *const *cols, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(cols[i], name) == 0)
			return 1;
	return 0;
}

int
redact_is_text(const char *const *cols, size_t n, const char *name)
{
	size_t i;

	/* A check-in's safety is a rating; in the other logs, words. */
	if (strcmp(name, "safety") == 0)
		return has(cols, n, "peak") || has(cols, n, "exercise") ||
		    has(cols, n, "kind") || has(cols, n, "step");
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(name, words[i]) == 0)
			return 1;
	return 0;
}

struct redact *
redact_new(const char *cols)
{
	struct redact *rd = xcalloc(1, sizeof(*rd));
	const char *p, *e;

	if (cols == NULL)
		return rd;
	for (p = cols;; p = e + 1) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p) {
			st_seterr("--redact=%s: a column name is empty", cols);
			redact_free(rd);
			return NULL;
		}
		rd->want = xreallocarray(rd->want, rd->nwant + 1,
		    sizeof(*rd->want));
		rd->want[rd->nwant] = xmalloc((size_t)(e - p) + 1);
		memcpy(rd->want[rd->nwant], p, (size_t)(e - p));
		rd->want[rd->nwant++][e - p] = '\0';
		if (*e == '\0')
			break;
	}
	return rd;
}

void
redact_free(struct redact *rd)
{
	size_t i;

	if (rd == NULL)
		return;
	for (i = 0; i < rd->nwant; i++)
		free(rd->want[i]);
	free(rd->want);
	free(rd->keep);
	free(rd);
}

static int
wanted(const struct redact *rd, const char *name)
{
	size_t i;

	if (rd->want == NULL || structural(name))
		return 1;
	for (i = 0; i < rd->nwant; i++)
		if (strcmp(rd->want[i], name) == 0)
			return 1;
	return 0;
}

size_t
redact_plan(struct redact *rd, const char *const *cols, size_t n)
{
	size_t i, k = 0;

	free(rd->keep);
	rd->keep = xcalloc(n ? n : 1, 1);
	rd->ncols = n;
	for (i = 0; i < n; i++) {
		rd->keep[i] = wanted(rd, cols[i]) &&
		    (structural(cols[i]) || !redact_is_text(cols, n, cols[i]));
		k += rd->keep[i];
	}
	return k;
}

size_t
redact_plan_csvr(struct redact *rd, const struct csvr *r)
{
	size_t i, n = csvr_ncols(r), k;
	const char **cols = xcalloc(n ? n : 1, sizeof(*cols));

	for (i = 0; i < n; i++)
		cols[i] = csvr_colname(r, i);
	k = redact_plan(rd, cols, n);
	free(cols);
	return k;
}

int
redact_keeps(const struct redact *rd, size_t i)
{
	return i < rd->ncols && rd->keep[i];
}

void
redact_record(const struct redact *rd, struct strbuf *sb,
    const char *const *f, size_t n, char sep, int flags)
{
	const char **out = xcalloc(n ? n : 1, sizeof(*out));
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (redact_keeps(rd, i))
			out[k++] = f[i];
	csvw_record(sb, out, k, sep, flags);
	free(out);
}

void
redact_header(const struct redact *rd, struct strbuf *sb,
    const struct csvr *r)
{
	size_t i, n = csvr_ncols(r);
	const char **f = xcalloc(n ? n : 1, sizeof(*f));

	for (i = 0; i < n; i++)
		f[i] = csvr_colname(r, i);
	redact_record(rd, sb, f, n, csvr_sep(r), 0);
	free(f);
}

void
redact_row(const struct redact *rd, struct strbuf *sb, const struct csvr *r,
    int flags)
{
	size_t i, n = csvr_nfields(r);
	const char **f = xcalloc(n ? n : 1, sizeof(*f));

	for (i = 0; i < n; i++)
		f[i] = csvr_field(r, i);
	redact_record(rd, sb, f, n, csvr_sep(r), flags);
	free(f);
}

int
redact_buf(struct redact *rd, struct strbuf *sb)
{
	struct strbuf out = { 0 };
	struct csvr *r;
	FILE *fp;
	int c, rc = 0;

	if (sb->len == 0)
		return 0;
	if ((fp = fmemopen(sb->s, sb->len, "r")) == NULL) {
		st_seterr("cannot read the record back: out of memory");
		return -1;
	}
	if ((r = csvr_open(fp, "(record)", 0)) == NULL) {
		fclose(fp);
		return -1;
	}
	redact_plan_csvr(rd, r);
	redact_header(rd, &out, r);
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF)
		if (c == CSVR_REC)
			redact_row(rd, &out, r, 0);
		else
			rc = -1;
	csvr_close(r);
	fclose(fp);
	if (rc == 0) {
		sb_free(sb);
		*sb = out;
	} else
		sb_free(&out);
	return rc;
}

int
redact_put(struct redact *rd, struct strbuf *sb, FILE *fp)
{
	if (rd != NULL && redact_buf(rd, sb) == -1)
		return -1;
	if (sb->len > 0)
		fwrite(sb->s, 1, sb->len, fp);
	return 0;
}
