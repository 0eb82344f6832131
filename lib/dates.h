/*
 * dates: the person's hard dates, from dates.csv in the config directory
 * (steady.5): anniversaries, a court date, a holiday with the other
 * family.  When each falls, how many days ahead to warn, and the words
 * of a warning, which leave the private label out unless asked.
 */
#ifndef STEADY_DATES_H
#define STEADY_DATES_H

#include <stddef.h>
#include <time.h>

struct strbuf;

#define DATES_FILE "dates.csv"
#define DATES_WARN_DEFAULT 3	/* days of warning when none is given */
#define DATES_WARN_MAX 60

struct hard_date {
	int year, month, day;	/* year is the first year when yearly */
	int yearly;
	long warn;		/* days of warning, 0 to DATES_WARN_MAX */
	char *label;		/* private words, may be "" */
	char *plan;		/* an exercise's name or the person's words */
};

struct hard_dates {
	struct hard_date *v;
	size_t n;
};

/*
 * Read dates.csv from confdir into d (empty when there is no file).
 * Columns: date (YYYY-MM-DD, or --MM-DD for every year), yearly (yes or
 * empty), label, warn (days), plan; only date is needed.  Returns 0, or
 * -1 with st_error() set to "PATH:LINE: reason" and d empty.  Free with
 * dates_free().
 */
int dates_load(struct hard_dates *d, const char *confdir);
void dates_free(struct hard_dates *d);

/* The day number (days since 1970-01-01) of the local day holding t. */
long dates_day(time_t t);

/*
 * The first day, on or after day number today (days since 1970-01-01),
 * on which d falls: its day number, or -1 when a one-off date has
 * passed.  A yearly 29 February falls on 28 February in other years.
 */
long dates_next(const struct hard_date *d, long today);

/*
 * The days d falls on in [from, to), into out (at most max), in order.
 * Returns how many.
 */
size_t dates_within(const struct hard_date *d, long from, long to,
    long *out, size_t max);

/*
 * Where the days of d before day `to` fall on a chart of nweeks weekly
 * points from the Monday mon: a day of week k is k + (its weekday) / 7,
 * the last week's days at its point.  Into x (at most max), in no set
 * order; how many.
 */
size_t dates_chart_marks(const struct hard_dates *d, long mon,
    size_t nweeks, long to, double *x, size_t max);

/*
 * The sentence naming the days of d in [from, to), appended to sb, with
 * their labels when show: "Days you marked as hard in this period:
 * 2026-11-25, 2026-12-20."  Returns how many days; nothing is appended
 * for none.
 */
size_t dates_note(struct strbuf *sb, const struct hard_dates *d, long from,
    long to, int show);

/*
 * A plan that names a grounding exercise (a short lower-case word) is
 * suggested as "ground NAME"; other plans are the person's own words.
 */
int dates_plan_is_exercise(const char *plan);

/*
 * The warning for d, days (0 to d->warn) ahead of day number on, as one
 * line without "\n" appended to sb.  With show 0 it names neither the
 * label nor a plan in the person's words, so that it can go where others
 * may see it (mail from cron, a notification on the screen).
 */
void dates_warning(struct strbuf *sb, const struct hard_date *d, long days,
    long on, int show);

#endif
