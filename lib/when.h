/*
 * when: timestamps and date ranges.  Pure functions over time_t and the
 * local time zone (TZ); no I/O.  Log timestamps are ISO 8601 local time
 * with offset, e.g. 2026-11-23T07:30:00+01:00.
 */
#ifndef STEADY_WHEN_H
#define STEADY_WHEN_H

#include <time.h>

#define WHEN_BUFSZ 32

/*
 * The current time: $STEADY_NOW (any form when_parse() takes) when set and
 * not empty, else the clock.  Returns 0, or -1 with st_error() set when
 * STEADY_NOW cannot be read.
 */
int when_now(time_t *now);

/*
 * Parse ISO 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM, YYYY-MM-DDTHH:MM:SS (a
 * space may stand for the T), each optionally followed by Z, +HH:MM,
 * +HHMM or +HH (or -).  Without an offset the time is local; a date alone
 * is local midnight.  Stores the instant in *t and, if off is not NULL,
 * the offset in seconds east of UTC that the text carried (the local
 * offset at that instant when it carried none).  Returns 0 or -1 with
 * st_error() set to a sentence naming the text.
 */
int when_parse(const char *s, time_t *t, long *off);

/* Format t as local time with offset, "2026-11-23T07:30:00+01:00". */
void when_format(time_t t, char buf[WHEN_BUFSZ]);

/*
 * The calendar date a timestamp was written on, from its own text
 * (its wall-clock date, whatever zone it was written in): "YYYY-MM-DD".
 * Returns 0 or -1 when ts does not parse.
 */
int when_written_date(const char *ts, char buf[11]);

/* The local date of t, "YYYY-MM-DD". */
void when_date(time_t t, char buf[11]);

/* Local midnight at the start of the day holding t (DST-safe). */
time_t when_day_start(time_t t);

/* Add n calendar days (n may be negative) to the local day holding t;
 * returns the midnight starting that day. */
time_t when_add_days(time_t t, int n);

/* The ISO 8601 week of the local day holding t: year and week 1..53. */
void when_isoweek(time_t t, int *year, int *week);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian), and back. */
long when_days_from_civil(int y, int m, int d);
void when_civil_from_days(long days, int *y, int *m, int *d);

/* The ISO 8601 week (year and week 1..53) holding a day number. */
void when_isoweek_of_day(long days, int *year, int *week);

/*
 * A range bound as given to --since or --until, relative to now:
 *   today, yesterday, Nd (the last N days, today included), Nw (N weeks,
 *   7N days), Nm (N calendar months back), or anything when_parse() takes.
 * For --since (is_until 0) the result is the first instant included.
 * For --until (is_until 1) it is the first instant excluded: a bare date,
 * today or yesterday include that whole day; Nd/Nw/Nm mean that long ago.
 * Returns 0 or -1 with st_error() set.
 */
int when_bound(const char *s, time_t now, int is_until, time_t *out);

#endif
