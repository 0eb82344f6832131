/* practice: the names of what can be practised (see practice.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "practice.h"
#include "store.h"
#include "util.h"

const char *const practice_exercises[PRACTICE_NEXERCISES] = {
	"box", "478", "slow", "sigh", "54321", "pause", "check"
};

const char *const practice_reflections[PRACTICE_NREFLECTIONS] = {
	"journal", "thought", "exposure", "weekly", "experiment"
};

/* A message names this many ladder steps at most, then how many more. */
#define STEPS_SHOWN 12

/* Names found in a file, each once (ids and steps: in step order). */
struct names {
	char **v;
	size_t n;
};

static int
in_list(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void
names_add(struct names *l, const char *s, int once)
{
	if (once && in_list((const char *const *)l->v, l->n, s))
		return;
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

static void
names_free(struct names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/*
 * The values of the column col of the CSV file at path into l, each
 * once, and those of col2 (when not NULL) into l2, row by row.  A file
 * that is not there has none.  Returns 1 when what is one of them, else
 * 0; -1 with st_error() set when the file cannot be read.
 */
static int
scan(const char *path, const char *col, const char *col2, const char *what,
    struct names *l, struct names *l2)
{
	struct csvr *r;
	int ci, c2, rc = 0, n;

	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	ci = csvr_col(r, col);
	c2 = col2 != NULL ? csvr_col(r, col2) : -1;
	while (ci >= 0 && (n = csvr_next(r)) != CSVR_EOF) {
		if (n != CSVR_REC) {
			rc = -1;
			break;
		}
		names_add(l, csvr_field(r, (size_t)ci), col2 == NULL);
		if (c2 >= 0)
			names_add(l2, csvr_field(r, (size_t)c2), 0);
		if (strcmp(csvr_field(r, (size_t)ci), what) == 0 ||
		    (c2 >= 0 && strcmp(csvr_field(r, (size_t)c2), what) == 0))
			rc = 1;
	}
	csvr_close(r);
	return rc;
}

/* "a, b and c" into sb. */
static void
join(struct strbuf *sb, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_printf(sb, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ",
		    v[i]);
}

static int
known_exercise(const char *what, const char *confdir)
{
	struct strbuf sb = { 0 };
	struct names l = { 0 };
	char *path;
	size_t i;
	int rc;

	for (i = 0; i < PRACTICE_NEXERCISES; i++)
		names_add(&l, practice_exercises[i], 1);
	path = store_path(confdir, "exercises.csv");
	rc = scan(path, "name", NULL, what, &l, NULL);
	free(path);
	if (rc == 0 && in_list((const char *const *)l.v, l.n, what))
		rc = 1;
	if (rc == 0) {
		join(&sb, (const char *const *)l.v, l.n);
		st_seterr("there is no grounding exercise \"%s\"; the "
		    "exercises are %s", what, sb.s);
	}
	sb_free(&sb);
	names_free(&l);
	return rc;
}

static int
known_reflection(const char *what)
{
	struct strbuf sb = { 0 };

	if (in_list(practice_reflections, PRACTICE_NREFLECTIONS, what))
		return 1;
	join(&sb, practice_reflections, PRACTICE_NREFLECTIONS);
	st_seterr("there is no kind of reflection \"%s\"; the kinds are %s",
	    what, sb.s);
	sb_free(&sb);
	return 0;
}

/* "1 (read the old messages), 2 (call my sister) and 3 more". */
static void
steps_said(struct strbuf *sb, const struct names *ids,
    const struct names *steps)
{
	size_t i;

	for (i = 0; i < ids->n && i < STEPS_SHOWN; i++)
		sb_printf(sb, "%s%s (%s)", i == 0 ? "" : ", ", ids->v[i],
		    steps->v[i]);
	if (ids->n > STEPS_SHOWN)
		sb_printf(sb, " and %zu more (ladder list)",
		    ids->n - STEPS_SHOWN);
}

static int
known_step(const char *what, const char *datadir)
{
	struct names ids = { 0 }, steps = { 0 };
	struct strbuf sb = { 0 };
	char *path = store_path(datadir, "ladder.csv");
	int rc = scan(path, "id", "step", what, &ids, &steps);

	if (rc == 0 && ids.n == 0)
		st_seterr("there is no ladder step \"%s\", as the ladder has "
		    "no steps yet (ladder add makes one); leave what empty to "
		    "plan any exposure trial", what);
	else if (rc == 0) {
		steps_said(&sb, &ids, &steps);
		st_seterr("there is no ladder step \"%s\"; name one by its id "
		    "or its words: %s", what, sb.s);
	}
	sb_free(&sb);
	names_free(&ids);
	names_free(&steps);
	free(path);
	return rc;
}

int
practice_known(enum assign_kind k, const char *what, const char *confdir,
    const char *datadir)
{
	if (*what == '\0')
		return 1;
	switch (k) {
	case AS_GROUND:
		return known_exercise(what, confdir);
	case AS_REFLECT:
		return known_reflection(what);
	case AS_LADDER:
		return known_step(what, datadir);
	case AS_OTHER:
		break;
	}
	return 1;
}
