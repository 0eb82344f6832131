/*
 * config: the check-in items (built in, extended or overridden by
 * items.csv) and the small settings file settings.csv, both in the config
 * directory.  Formats are in steady.5.
 */
#ifndef STEADY_CONFIG_H
#define STEADY_CONFIG_H

#include <stddef.h>

/* Which way a rating is better: arousal is best in the middle (0). */
enum better { BETTER_LOW = -1, BETTER_MID = 0, BETTER_HIGH = 1 };

struct item {
	char *name;		/* column name: [a-z][a-z0-9_]* */
	char *question;		/* asked on the terminal */
	long long min, max;	/* whole-number range */
	enum better better;
	char *low, *high;	/* anchor words for min and max */
	char *mid;		/* anchor for the middle value, may be "" */
};

struct items {
	struct item *v;
	size_t n;
};

/*
 * Load the built-in items (mood, trust, safety, distress, arousal), then
 * items.csv from confdir when it exists: a row with a built-in's name
 * replaces it, a new name is added after the built-ins.  Returns 0, or -1
 * with st_error() set to "PATH:LINE: reason".  Free with items_free().
 */
int items_load(struct items *it, const char *confdir);
void items_free(struct items *it);

/* The item called name, or NULL. */
const struct item *items_find(const struct items *it, const char *name);

/*
 * A whole-number setting from settings.csv in confdir (columns name and
 * value): *out gets its value, or def when the file or the row is absent.
 * Returns 0, or -1 with st_error() set when the value is out of range.
 */
int setting_num(const char *confdir, const char *name, long long min,
    long long max, long long def, long long *out);

/*
 * The safety threshold (setting "safety_threshold", default 2) on the
 * safety item's own scale: from one below its minimum (which turns the
 * check off) to its maximum.  Returns 0, or -1 with st_error() set.
 */
int setting_threshold(const char *confdir, const struct items *it,
    long long *out);

/* A text setting, malloc'd, or NULL when absent (or on error, st_error()
 * set and *failed = 1). */
char *setting_str(const char *confdir, const char *name, int *failed);

#endif
