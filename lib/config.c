/* config: check-in items and settings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "csvio.h"
#include "store.h"
#include "util.h"

/*
 * The built-in items.  Anchors say what the ends of each scale mean so a
 * rating means the same thing from one day to the next (steady.5).
 */
static const struct {
	const char *name, *question;
	long long min, max;
	enum better better;
	const char *low, *mid, *high;
} builtin[] = {
	{ "mood", "Mood", 0, 10, BETTER_HIGH, "very low", "", "very good" },
	{ "trust", "Trust in my relationship today", 0, 10, BETTER_HIGH,
	    "none at all", "", "complete" },
	{ "safety", "How safe I feel", 0, 10, BETTER_HIGH,
	    "not safe at all", "", "completely safe" },
	{ "distress", "Distress", 0, 10, BETTER_LOW, "calm", "", "overwhelming" },
	{ "arousal", "Window of tolerance", -2, 2, BETTER_MID,
	    "shut down, numb", "within my window", "flooded, on edge" },
};

static void
item_set(struct item *i, const char *name, const char *q, long long min,
    long long max, enum better bh, const char *low, const char *mid,
    const char *high)
{
	i->name = xstrdup(name);
	i->question = xstrdup(q);
	i->min = min;
	i->max = max;
	i->better = bh;
	i->low = xstrdup(low);
	i->mid = xstrdup(mid);
	i->high = xstrdup(high);
}

static void
item_clear(struct item *i)
{
	free(i->name);
	free(i->question);
	free(i->low);
	free(i->mid);
	free(i->high);
}

void
items_free(struct items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++)
		item_clear(&it->v[i]);
	free(it->v);
	it->v = NULL;
	it->n = 0;
}

const struct item *
items_find(const struct items *it, const char *name)
{
	size_t i;

	for (i = 0; i < it->n; i++)
		if (strcmp(it->v[i].name, name) == 0)
			return &it->v[i];
	return NULL;
}

static int
valid_name(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

/* Open a config CSV; NULL with *missing = 1 when it does not exist. */
static struct csvr *
open_conf(const char *path, int *missing)
{
	struct csvr *r = csvr_openpath(path, CSVR_UNESCAPE);

	*missing = r == NULL && errno == ENOENT;
	return r;
}

/* Read a field by column name ("" when the column is absent). */
static const char *
get(struct csvr *r, const char *col)
{
	int i = csvr_col(r, col);
	const char *f;

	if (i < 0 || (f = csvr_field(r, (size_t)i)) == NULL)
		return "";
	return f;
}

/* Read one items.csv row into *i; -1 with st_error() set on bad data. */
static int
item_row(struct csvr *r, struct item *i)
{
	const char *name = get(r, "name"), *better = get(r, "better");
	const char *why, *q;
	long long min, max;

	if (!valid_name(name)) {
		st_seterr("%s:%lu: the item name \"%s\" should be lower-case "
		    "letters, digits and _ starting with a letter",
		    csvr_name(r), csvr_line(r), name);
		return -1;
	}
	if (strcmp(name, "ts") == 0 || strcmp(name, "note") == 0) {
		st_seterr("%s:%lu: \"%s\" is a column of every check-in; "
		    "give the item another name", csvr_name(r), csvr_line(r),
		    name);
		return -1;
	}
	if (parse_num(get(r, "min"), -1000000, 1000000, &min, &why) ||
	    parse_num(get(r, "max"), -1000000, 1000000, &max, &why) ||
	    min >= max) {
		st_seterr("%s:%lu: %s needs whole numbers min < max "
		    "(between -1000000 and 1000000)", csvr_name(r),
		    csvr_line(r), name);
		return -1;
	}
	if (*better && strcmp(better, "high") && strcmp(better, "low") &&
	    strcmp(better, "mid")) {
		st_seterr("%s:%lu: better is \"%s\"; use high, low or mid",
		    csvr_name(r), csvr_line(r), better);
		return -1;
	}
	q = *get(r, "question") ? get(r, "question") : name;
	item_set(i, name, q, min, max, *better == 'l' ? BETTER_LOW :
	    *better == 'm' ? BETTER_MID : BETTER_HIGH,
	    get(r, "low"), get(r, "mid"), get(r, "high"));
	return 0;
}

static void
items_builtin(struct items *it)
{
	size_t i, n = sizeof(builtin) / sizeof(builtin[0]);

	it->v = xcalloc(n, sizeof(*it->v));
	it->n = n;
	for (i = 0; i < n; i++)
		item_set(&it->v[i], builtin[i].name, builtin[i].question,
		    builtin[i].min, builtin[i].max, builtin[i].better,
		    builtin[i].low, builtin[i].mid, builtin[i].high);
}

/* Merge one parsed row: replace the item of that name, or append it. */
static void
items_merge(struct items *it, struct item *row)
{
	size_t i;

	for (i = 0; i < it->n; i++)
		if (strcmp(it->v[i].name, row->name) == 0) {
			item_clear(&it->v[i]);
			it->v[i] = *row;
			return;
		}
	it->v = xreallocarray(it->v, it->n + 1, sizeof(*it->v));
	it->v[it->n++] = *row;
}

int
items_load(struct items *it, const char *confdir)
{
	struct csvr *r;
	struct item row;
	char *path;
	int missing, rc = 0, c;

	items_builtin(it);
	path = store_path(confdir, "items.csv");
	if ((r = open_conf(path, &missing)) == NULL) {
		free(path);
		if (missing)
			return 0;
		items_free(it);
		return -1;
	}
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC || item_row(r, &row) == -1) {
			rc = -1;
			break;
		}
		items_merge(it, &row);
	}
	csvr_close(r);
	free(path);
	if (rc == -1)
		items_free(it);
	return rc;
}

char *
setting_str(const char *confdir, const char *name, int *failed)
{
	struct csvr *r;
	char *path, *val = NULL;
	int missing, c;

	*failed = 0;
	path = store_path(confdir, "settings.csv");
	if ((r = open_conf(path, &missing)) == NULL) {
		*failed = !missing;
		free(path);
		return NULL;
	}
	/* The last row of a name wins, so a line added at the end counts. */
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC) {
			*failed = 1;
			break;
		}
		if (strcmp(get(r, "name"), name) == 0) {
			free(val);
			val = xstrdup(get(r, "value"));
		}
	}
	csvr_close(r);
	free(path);
	if (*failed) {
		free(val);
		val = NULL;
	}
	return val;
}

int
setting_num(const char *confdir, const char *name, long long min,
    long long max, long long def, long long *out)
{
	const char *why;
	char *s;
	int failed;

	s = setting_str(confdir, name, &failed);
	if (failed)
		return -1;
	if (s == NULL || *trim(s) == '\0') {
		*out = def;
		free(s);
		return 0;
	}
	if (parse_num(s, min, max, out, &why) == -1) {
		st_seterr("settings.csv: %s \"%s\" %s (use %lld to %lld)",
		    name, s, why, min, max);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

int
setting_threshold(const char *confdir, const struct items *it,
    long long *out)
{
	const struct item *s = items_find(it, "safety");

	return setting_num(confdir, "safety_threshold", s ? s->min - 1 : -1,
	    s ? s->max : 10, 2, out);
}
