/*
 * stats: streaming, mergeable summaries of one measure over time.  Pure:
 * no I/O.  Values are kept as exact integer sums of fixed-point numbers
 * (millionths), so a summary built from shards and merged is the same,
 * bit for bit, as one built in a single pass, in any row order.
 */
#ifndef STEADY_STATS_H
#define STEADY_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define STATS_SCALE 1000000LL	/* a value v is kept as v * STATS_SCALE */
#define STATS_WINDOW 14		/* days in the baseline and recent windows */
#define STATS_WEEKS 64		/* weeks a bounded summary's series keeps */

__extension__ typedef __int128 stats_i128;

/* One day's sum inside a window. */
struct stats_day {
	int32_t day;		/* days since 1970-01-01 (local date) */
	int64_t n;
	stats_i128 sx;
};

/* A growable per-week series (ISO weeks as day numbers of Mondays). */
struct stats_weeks {
	int32_t first;		/* Monday of the first week held */
	size_t len;		/* weeks held from first */
	int64_t *n;
	stats_i128 *sx;
};

#define STATS_RING 16		/* room of the recent window's ring */

/*
 * The windows and weekly series of a summary that keeps them, what a
 * new day touches first: the latest day, the first day of the base
 * window, and the week being added to, which goes into the series only
 * when a value of another week comes or the summary is read.  The
 * recent window is a ring that holds day d at ring[d mod 16]: a day it
 * writes over is 16 or more days before the latest, out of the window
 * already, so a day costs one slot however the days come.  The window
 * is the ring's days from rlast - 13 to rlast.  wsx is the waiting
 * week's sum.
 */
struct stats_time {
	int32_t rlast;		/* the latest day, when rhas */
	int32_t bfirst;		/* base[0].day, when nbase > 0 */
	size_t nbase;		/* days held in the base window */
	int64_t wn;		/* values of the waiting week (0: none) */
	int32_t wmon;		/* its Monday */
	int32_t rhas;		/* the recent window holds a day */
	stats_i128 wsx;
	struct stats_day ring[STATS_RING];	/* n == 0: empty */
	struct stats_day base[STATS_WINDOW];
	struct stats_weeks weeks;
};

/*
 * The values of the latest day a summary was given wait as one count and
 * sum (pday, pn, psx) until a value of another day comes, the count or
 * the sum would overflow, or the summary is read: most days bring several
 * values, and each then costs a few additions in the summary's first two
 * cache lines, not a visit to its windows and weeks.  The sums by day
 * (sd, sdd, sxd), the windows and the weeks leave those values out until
 * stats_settle(), and the weeks leave out the waiting week's too.  A
 * summary takes 160 bytes, as it did before its values waited.
 */
struct stats {
	int64_t n;
	int64_t min, max;		/* scaled */
	int64_t tfirst, tlast;		/* instants of the first and last */
	int64_t first, last;		/* their values (scaled); ties: the
					 * smaller first, the larger last */
	int32_t pday;
	uint16_t pn;			/* values waiting, all on pday */
	unsigned char plain;
	unsigned char bounded;		/* its weeks: the last STATS_WEEKS */
	int64_t psx;			/* the waiting values' sum */
	struct stats_time *tm;		/* NULL until a value comes, or
					 * for ever in a plain summary */
	stats_i128 sx, sxx;		/* sums of x and x*x (scaled x) */
	stats_i128 sd, sdd, sxd;	/* sums of day, day*day, x*day */
};

/*
 * A summary starts empty.  A plain one keeps no windows and no weekly
 * series (stats_window and stats_weekly find nothing): for summaries of
 * one period, which need neither, at a seventh of the memory.  Merging
 * a plain summary into a full one makes the result plain.
 */
void stats_init(struct stats *s);
void stats_init_plain(struct stats *s);
/*
 * A bounded summary is a full one whose weekly series answers only for
 * its last STATS_WEEKS weeks, counted back from its latest value's week
 * (stats_weekly finds nothing before them), so its memory stays the same
 * however long a calendar its values span.  It holds values in any order
 * as a full one does.  Merging a bounded summary with a full one makes
 * the result bounded, and the same as one bounded pass over both.
 */
void stats_init_bounded(struct stats *s);
void stats_free(struct stats *s);	/* its memory; it stays as it was */

/*
 * Parse a decimal number ("6", "-2", "+1", "3.75", "1e3" is not taken)
 * into scaled units, rounding past 6 decimals half away from zero.
 * Returns 0, or -1 when s is not a plain decimal or is beyond
 * +/-9e12.
 */
int stats_parse(const char *s, int64_t *scaled);

/* Format a scaled value with up to `dec` decimals, trailing zeros cut. */
void stats_format(int64_t scaled, int dec, char *buf, size_t len);

/* Add one value x (scaled) taken at instant t on local day `day`. */
void stats_add(struct stats *s, int64_t t, int32_t day, int64_t x);
/*
 * Ask for the memory that adding a value of day to s will touch, so
 * that it comes while other work goes on: for a caller about to add to
 * many summaries at once.  It changes nothing.
 */
void stats_prefetch(const struct stats *s, int32_t day);
/*
 * Fold the waiting values into the sums by day, the windows and the
 * weeks, and the waiting week into the weeks.  Every function here that
 * reads them, merges, writes or packs a summary does this first, even
 * through a const pointer (no summary is itself defined const); a caller
 * needs it only to look at those members directly.
 */
void stats_settle(struct stats *s);

/* Fold `from` into `into`; the result equals one pass over both. */
void stats_merge(struct stats *into, const struct stats *from);

double stats_mean(const struct stats *s);	/* NAN when n == 0 */
double stats_sd(const struct stats *s);		/* sample sd; NAN if n < 2 */

/*
 * The least-squares trend of x over days, per week (7 days), with its 95%
 * confidence interval from Student's t with n-2 degrees of freedom.
 * Returns 0, or -1 when there is no trend to give (fewer than 3 values,
 * or all on one day).
 */
struct stats_trend {
	double slope, lo, hi;	/* per week, in the measure's units */
	int64_t n;
};
int stats_trend(const struct stats *s, struct stats_trend *tr);

/* The 97.5th percentile of Student's t with df degrees of freedom. */
double stats_t975(int64_t df);

/*
 * The mean of the first (recent == 0) or last (recent == 1) STATS_WINDOW
 * days that hold values, counted from the first or last day with a value,
 * with how many values and days it rests on.  Returns -1 when empty.
 */
int stats_window(const struct stats *s, int recent, double *mean,
    int64_t *n, int *days);

/* Weekly means for a chart or sparkline: fills out[0..len) (NAN for a
 * week with no value, or one a bounded summary no longer keeps) from
 * week `from` (a Monday's day number); returns how many were filled (at
 * most len). */
size_t stats_weekly(const struct stats *s, int32_t from, double *out,
    size_t len);

/*
 * The whole state as one line of text without commas, quotes or
 * newlines, and back: for `report --partial` and `--merge`.  A bounded
 * summary is written as format 2, the others as format 1.
 * stats_decode returns 0, or -1 with st_error() set.
 */
void stats_encode(struct strbuf *sb, const struct stats *s);
int stats_decode(const char *text, struct stats *s);

/*
 * The same state as bytes in this machine's own layout, for another
 * process of the same program only (report's pieces), never for a file:
 * much cheaper than text.  The *_unpack functions fill a new or freed
 * object from *p, reading no further than end, and move *p past what
 * they took; they return 0, or -1 when the bytes run out or do not hold
 * together, with the object left empty.
 */
void stats_pack(struct strbuf *sb, const struct stats *s);
int stats_unpack(const char **p, const char *end, struct stats *s);

/*
 * A set of days (check-in days, practice days): a bitmap from its first
 * day, mergeable by union.  Up to DAYMAP_IN words are kept in the map
 * itself, so a week's or a month's days take no memory of their own;
 * more are in bits.
 */
#define DAYMAP_IN 2
struct daymap {
	int32_t first;		/* day of bit 0 */
	size_t nbits;
	uint64_t *bits;		/* the words, when more than DAYMAP_IN */
	uint64_t in[DAYMAP_IN];	/* the words, when no more */
};

void daymap_init(struct daymap *m);
void daymap_free(struct daymap *m);
void daymap_set(struct daymap *m, int32_t day);
int daymap_has(const struct daymap *m, int32_t day);
void daymap_merge(struct daymap *into, const struct daymap *from);
/* Days set in [from, to]; the first and last set day (-1 when empty). */
int64_t daymap_count(const struct daymap *m, int32_t from, int32_t to);
int daymap_span(const struct daymap *m, int32_t *first, int32_t *last);
/* The longest run of unset days strictly between two set days. */
int32_t daymap_longest_gap(const struct daymap *m);
/*
 * A practice strength from 0 to 1 on day `until`: each day it moves part
 * of the way towards 1 (a day set) or 0 (a day not set), with the given
 * half-life in days, from 0 on the first set day.  It rises with practice
 * and fades gently over gaps; it never "breaks".
 */
double daymap_strength(const struct daymap *m, int32_t until,
    double halflife);
void daymap_encode(struct strbuf *sb, const struct daymap *m);
int daymap_decode(const char *text, struct daymap *m);
void daymap_pack(struct strbuf *sb, const struct daymap *m);
int daymap_unpack(const char **p, const char *end, struct daymap *m);

/*
 * Per-day sums of one measure (how many values and their scaled sum),
 * dense from its first day: for setting days with a practice beside days
 * without.  Mergeable by addition.
 */
struct dayseries {
	int32_t first;
	size_t len;
	int64_t *n, *sx;
};

void dayseries_init(struct dayseries *d);
void dayseries_free(struct dayseries *d);
void dayseries_add(struct dayseries *d, int32_t day, int64_t x);
void dayseries_merge(struct dayseries *into, const struct dayseries *from);

/*
 * The mean of the values on days whose day - shift is (want == 1) or is
 * not (want == 0) in `days`, and how many days that is.  shift 0 asks
 * about the same day, 1 about the day after.  NAN when there are none.
 */
double dayseries_mean_if(const struct dayseries *d, const struct daymap *days,
    int want, int shift, int64_t *ndays);

/* As text ("1 COUNT DAY N SX ..." over days with values) and back. */
void dayseries_encode(struct strbuf *sb, const struct dayseries *d);
int dayseries_decode(const char *text, struct dayseries *d);
/* As bytes for report's pieces, like stats_pack and stats_unpack. */
void dayseries_pack(struct strbuf *sb, const struct dayseries *d);
int dayseries_unpack(const char **p, const char *end, struct dayseries *d);

#endif
