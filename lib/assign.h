/*
 * assign: practice assignments, the file assignments.csv in the config
 * directory (steady.5): what to practise (a grounding exercise, a ladder
 * step, a kind of reflection, or anything in words), how often (times
 * per day or per week), from and until which day.  Loading reads the
 * file; the rest is pure.  Days are day numbers (when_days_from_civil).
 */
#ifndef STEADY_ASSIGN_H
#define STEADY_ASSIGN_H

#include <stddef.h>

#include "util.h"

#define ASSIGN_FILE "assignments.csv"
#define ASSIGN_OPEN 0x7fffffffL	/* "until" when none is given */

enum assign_kind { AS_GROUND, AS_LADDER, AS_REFLECT, AS_OTHER };

struct assignment {
	enum assign_kind kind;
	char *what;		/* exercise, step, reflection kind or words;
				 * "" for any (never for AS_OTHER) */
	long long times;	/* 1..100 */
	int per_week;		/* 0: times a day; 1: times a week */
	long from, until;	/* days, both included; until may be OPEN */
	char *note;		/* "" when none */
	unsigned long line;	/* in the file, for messages */
};

struct assignments {
	struct assignment *v;
	size_t n;
};

/* The header a new assignments.csv gets, without its newline. */
extern const char assign_header[];

/* "ground", "ladder", "reflect", "other" and back (-1: none of them). */
const char *assign_kind_name(enum assign_kind k);
int assign_kind_parse(const char *s);

/*
 * Read the assignments file at path into as.  A file that does not exist
 * holds none.  Returns 0, or -1 with st_error() set to "PATH:LINE: reason"
 * (as is then empty).  Free with assign_free.
 */
int assign_load(struct assignments *as, const char *path);
void assign_free(struct assignments *as);

/*
 * Check one assignment given as text (the fields of a row), into *a with
 * its strings malloc'd; today is the day "from" defaults to.  Returns 0,
 * or -1 with st_error() set to a sentence without a place.
 */
int assign_parse(struct assignment *a, const char *kind, const char *what,
    const char *times, const char *per, const char *from, const char *until,
    const char *note, long today);
void assign_clear(struct assignment *a);

/* 1 when day lies within a's days. */
int assign_active(const struct assignment *a, long day);

/* 1 when a practice of kind k named sub ("" unknown) counts for a. */
int assign_matches(const struct assignment *a, enum assign_kind k,
    const char *sub);

/*
 * How many practices a plans on the days [first, last] that lie within
 * its own: times a day for each day; times a week for each of its weeks
 * (counted from its first day) that has a day there.  0 when none.
 */
long long assign_planned(const struct assignment *a, long first, long last);

/*
 * The first day of a's period still under way on day today: today for a
 * plan per day, the first day of the plan's week (counted from its first
 * day) that holds today for a plan per week; -1 when today is not one of
 * a's days.  The periods before it have ended; it is yet to.
 */
long assign_open_from(const struct assignment *a, long today);

/* "ground box, once a day", "a reflection, 3 times a week", into sb. */
void assign_describe(struct strbuf *sb, const struct assignment *a);

#endif
