/*
 * links: a trial with its grounding and reflection (links.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "util.h"

struct trialrec {
	char *source, *id;
	char *date, *step, *peak;	/* NULL until the trial is noted */
	struct strbuf ground, reflect;
	size_t order;			/* when the trial was noted */
};

struct links {
	struct trialrec **v;	/* in order of creation */
	size_t n;
	size_t *idx;		/* open addressing into v, + 1; 0 free */
	size_t cap;
	size_t noted;
};

static uint32_t
hash2(const char *a, const char *b)
{
	uint32_t h = 2166136261u;

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 16777619u;
	return h;
}

struct links *
links_new(void)
{
	return xcalloc(1, sizeof(struct links));
}

void
links_free(struct links *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i]->source);
		free(l->v[i]->id);
		free(l->v[i]->date);
		free(l->v[i]->step);
		free(l->v[i]->peak);
		sb_free(&l->v[i]->ground);
		sb_free(&l->v[i]->reflect);
		free(l->v[i]);
	}
	free(l->v);
	free(l->idx);
	free(l);
}

/* The slot of source and id in the index: taken by them, or free. */
static size_t *
slot(const struct links *l, const char *source, const char *id)
{
	size_t i = hash2(source, id) & (l->cap - 1);
	const struct trialrec *t;

	while (l->idx[i] != 0) {
		t = l->v[l->idx[i] - 1];
		if (strcmp(t->source, source) == 0 && strcmp(t->id, id) == 0)
			break;
		i = (i + 1) & (l->cap - 1);
	}
	return &l->idx[i];
}

static void
grow(struct links *l)
{
	size_t i;

	free(l->idx);
	l->cap = l->cap ? l->cap * 2 : 64;
	l->idx = xcalloc(l->cap, sizeof(*l->idx));
	for (i = 0; i < l->n; i++)
		*slot(l, l->v[i]->source, l->v[i]->id) = i + 1;
}

static struct trialrec *
get(struct links *l, const char *source, const char *id)
{
	struct trialrec *t;
	size_t *s;

	if ((l->n + 1) * 2 > l->cap)
		grow(l);
	if (*(s = slot(l, source, id)) != 0)
		return l->v[*s - 1];
	t = xcalloc(1, sizeof(*t));
	t->source = xstrdup(source);
	t->id = xstrdup(id);
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = t;
	*s = l->n;
	return t;
}

static void
set(char **field, const char *s)
{
	free(*field);
	*field = xstrdup(s);
}

void
links_trial(struct links *l, const char *source, const char *id,
    const char *ts, const char *step, const char *peak)
{
	struct trialrec *t;

	if (*id == '\0')
		return;
	t = get(l, source, id);
	if (t->date == NULL)
		t->order = ++l->noted;
	free(t->date);
	t->date = xasprintf("%.10s", ts);
	set(&t->step, step);
	set(&t->peak, peak);
}

void
links_ground(struct links *l, const char *source, const char *id,
    const char *exercise, const char *pre, const char *post)
{
	struct trialrec *t;

	if (*id == '\0')
		return;
	t = get(l, source, id);
	if (t->ground.len > 0)
		sb_puts(&t->ground, "; ");
	sb_puts(&t->ground, exercise);
	if (*pre && *post)
		sb_printf(&t->ground, ", distress %s to %s", pre, post);
}

void
links_reflect(struct links *l, const char *source, const char *id,
    const char *learned)
{
	struct trialrec *t;

	if (*id == '\0')
		return;
	t = get(l, source, id);
	if (t->reflect.len > 0)
		sb_puts(&t->reflect, "; ");
	sb_puts(&t->reflect, *learned ? learned : "written");
}

static int
shown_row(const struct trialrec *t, const char *source)
{
	return t->date != NULL && strcmp(t->source, source) == 0 &&
	    (t->ground.len > 0 || t->reflect.len > 0);
}

static int
by_order(const void *a, const void *b)
{
	const struct trialrec *x = *(struct trialrec *const *)a;
	const struct trialrec *y = *(struct trialrec *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

size_t
links_each(const struct links *l, const char *source,
    void (*fn)(const char *const *cells, void *arg), void *arg)
{
	struct trialrec **rows;
	const char *cells[6];
	size_t i, n = 0;

	if (l == NULL)
		return 0;
	rows = xcalloc(l->n + 1, sizeof(*rows));
	for (i = 0; i < l->n; i++)
		if (shown_row(l->v[i], source))
			rows[n++] = l->v[i];
	qsort(rows, n, sizeof(*rows), by_order);
	for (i = 0; i < n && fn != NULL; i++) {
		cells[0] = rows[i]->id;
		cells[1] = rows[i]->date;
		cells[2] = rows[i]->step;
		cells[3] = rows[i]->peak;
		cells[4] = rows[i]->ground.len ? rows[i]->ground.s : "";
		cells[5] = rows[i]->reflect.len ? rows[i]->reflect.s : "";
		fn(cells, arg);
	}
	free(rows);
	return n;
}

size_t
links_count(const struct links *l, const char *source)
{
	return links_each(l, source, NULL, NULL);
}
