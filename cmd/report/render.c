/* report: the document: trends, concerns, wins, summaries. */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dates.h"
#include "links.h"
#include "report.h"
#include "store.h"
#include "when.h"

static size_t *order;		/* measure ids in the order shown */

/*
 * Check-in items in their own order, then the practice logs' columns in
 * the order a session goes, then the rest by name: the same order
 * however the rows (or partials) arrived.
 */
static int
measure_rank(const struct measure *m)
{
	static const char *const practice[] = {
		"pre", "peak", "post", "change", "expect_pct", "outcome_pct",
		"violation", "seconds", "minutes",
	};
	const struct item *it = items_find(&items, m->name);
	size_t i;

	if (it != NULL)
		return (int)(it - items.v);
	for (i = 0; i < sizeof(practice) / sizeof(practice[0]); i++)
		if (strcmp(m->name, practice[i]) == 0)
			return 1000 + (int)i;
	return 2000;
}

static int
order_cmp(const void *a, const void *b)
{
	const struct measure *x = &measures[*(const size_t *)a];
	const struct measure *y = &measures[*(const size_t *)b];
	int rx = measure_rank(x), ry = measure_rank(y);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
sort_measures(void)
{
	size_t i;

	order = xcalloc(nmeasures, sizeof(*order));
	for (i = 0; i < nmeasures; i++)
		order[i] = i;
	if (nmeasures > 0)
		qsort(order, nmeasures, sizeof(*order), order_cmp);
}

/*
 * The Monday that starts a group's charts (its first week, or the one
 * that leaves the last `len` weeks when there are more) and how many
 * weeks they show; 0 when the group has no days.
 */
static size_t
chart_weeks(const struct group *g, size_t len, int32_t *mon)
{
	int32_t first, last, lastmon;

	if (daymap_span(&g->days, &first, &last) == -1)
		return 0;
	*mon = first - ((first + 3) % 7 + 7) % 7;
	lastmon = last - ((last + 3) % 7 + 7) % 7;
	if ((lastmon - *mon) / 7 + 1 > (int32_t)len)
		*mon = lastmon - 7 * (int32_t)(len - 1);
	return (size_t)((lastmon - *mon) / 7 + 1);
}


static void
thin_weeks(const struct group *g, int32_t mon, double *w, size_t n)
{
	size_t k;

	if (g->kind != K_CHECKIN)
		return;
	for (k = 0; k < n; k++)
		if (daymap_count(&g->days, mon + 7 * (int32_t)k,
		    mon + 7 * (int32_t)k + 6) < WEEK_MIN_DAYS)
			w[k] = NAN;
}

/*
 * x (>= 0) times 10^dec, rounded half to even, as printf's %.*f rounds:
 * x is m * 2^e exactly, with m below 2^53, so m * 10^dec fits in 64
 * bits and the rounding is done on integers, exactly, with no printf on
 * every cell of a large report.  -1 when x is too large for this.
 */
static int
scaled(double x, int dec, unsigned long long *out)
{
	static const unsigned long long p10[] = { 1, 10, 100, 1000 };
	unsigned long long m, mp, q, rem, half;
	int e;

	if (!(x < 9e15))
		return -1;
	m = (unsigned long long)ldexp(frexp(x, &e), 53);
	e -= 53;
	mp = m * p10[dec];
	if (e >= 0) {
		if (e > 10 || mp > ULLONG_MAX >> e)
			return -1;
		*out = mp << e;
		return 0;
	}
	if (-e >= 64) {
		*out = 0;
		return 0;
	}
	q = mp >> -e;
	rem = mp & ((1ULL << -e) - 1);
	half = 1ULL << (-e - 1);
	*out = q + (rem > half || (rem == half && (q & 1)));
	return 0;
}

/*
 * The same for the numbers a report is made of: x * 10^dec in a double
 * is off by less than 2^-20 while under 2^33, so away from a half it
 * rounds to the same whole number; 0 when it cannot tell.
 */
static int
scaled_fast(double x, int dec, unsigned long long *out)
{
	static const double p10[] = { 1, 10, 100, 1000 };
	double r, f;

	if (dec < 0 || dec > 3 || !(x >= 0) || (r = x * p10[dec]) >= 0x1p33)
		return 0;
	f = floor(r);
	if (fabs(r - f - 0.5) < 1e-5)
		return 0;
	*out = (unsigned long long)f + (r - f > 0.5);
	return 1;
}

/* A number with up to dec decimals, trailing zeros cut; "" for NAN. */
static const char *
num(double x, int dec, char *buf, size_t len)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	unsigned long long u;
	int d, neg = x < 0;
	char *e;

	if (isnan(x)) {
		buf[0] = '\0';
		return buf;
	}
	if (!scaled_fast(fabs(x), dec, &u) &&
	    (dec < 0 || dec > 3 || scaled(fabs(x), dec, &u) == -1)) {
		snprintf(buf, len, "%.*f", dec, x);
		if (strchr(buf, '.') != NULL) {
			e = buf + strlen(buf);
			while (e[-1] == '0')
				*--e = '\0';
			if (e[-1] == '.')
				e[-1] = '\0';
		}
		if (strcmp(buf, "-0") == 0)
			strcpy(buf, "0");
		return buf;
	}
	*--p = '\0';
	for (d = dec; d > 0 && u % 10 == 0; d--)
		u /= 10;	/* trailing zeros are cut */
	for (; d > 0; d--, u /= 10)
		*--p = (char)('0' + u % 10);
	if (p[0] != '\0')
		*--p = '.';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (neg && strcmp(p, "0") != 0)
		*--p = '-';
	d = (int)(tmp + sizeof(tmp) - p);	/* with its NUL */
	if ((size_t)d > len)
		d = (int)len;
	memcpy(buf, p, (size_t)d);
	if (d > 0)
		buf[d - 1] = '\0';
	return buf;
}

/*
 * The trend in words that respect the measure's direction, from a trend
 * already computed (ok: stats_trend() gave one).  An interval that spans
 * zero is "no clear change"; too few values say so.
 */
static const char *
trend_words(const struct measure *m, int ok, const struct stats_trend *tr)
{
	int rising;

	if (!ok)
		return "too few to tell";
	if (tr->lo <= 0 && tr->hi >= 0)
		return "no clear change";
	rising = tr->lo > 0;
	if (!m->directed || m->better == BETTER_MID)
		return rising ? "rising" : "falling";
	return rising == (m->better == BETTER_HIGH) ? "improving" :
	    "worsening";
}

/* Compute the trend into *tr and say it in words. */
/*
 * stats_trend, remembered: a group's trends are asked for by its flags
 * and again by its rows, and its summaries stay put while the report is
 * written.
 */
#define TREND_MEMO 4096	/* a block's groups are flagged, then written */

static int
trend_of(const struct stats *st, struct stats_trend *tr)
{
	static struct {
		const struct stats *st;
		struct stats_trend tr;
		int rc;
	} memo[TREND_MEMO];
	size_t k = (size_t)(((uint64_t)(uintptr_t)st >> 4) *
	    0x9e3779b97f4a7c15ULL >> 52);

	if (memo[k].st != st) {
		memo[k].st = st;
		memo[k].rc = stats_trend(st, &memo[k].tr);
	}
	*tr = memo[k].tr;
	return memo[k].rc;
}

static const char *
trend_word(const struct measure *m, const struct stats *st,
    struct stats_trend *tr)
{
	return trend_words(m, trend_of(st, tr) == 0, tr);
}

/* A local date's day number. */
static int32_t
day_of(time_t t)
{
	char date[11];
	int y, m, d;

	when_date(t, date);
	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	return (int32_t)when_days_from_civil(y, m, d);
}

/* The last day of the range: --until's day, else today, and never a day
 * that has not come yet (it could not hold a check-in). */
static int32_t
end_day(void)
{
	static int32_t end;
	static int known;

	if (!known) {
		end = day_of(range.now);
		if (range.has_until && day_of(range.until - 1) < end)
			end = day_of(range.until - 1);
		known = 1;
	}
	return end;
}

/* The first day of the range for a group whose first record is on
 * `first`: --since's day when given, else that first day. */
static int32_t
start_day(int32_t first)
{
	return range.has_since ? day_of(range.since) : first;
}

/* The period the sentences being said are about ("" for the range). */
static const char *say_period = "";

static void
say(struct out *o, enum out_kind k, int *count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* One concern or win: counted, and written when there is a document. */
static void
say(struct out *o, enum out_kind k, int *count, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	(*count)++;
	if (k == OUT_CONCERN)
		concerns_found = 1;
	if (o == NULL)
		return;
	if (!out_has_notes(o)) {
		out_note(o, k, "");	/* it ends a table all the same */
		return;
	}
	sb_puts(&sb, k == OUT_CONCERN ? "Concern to look at: " :
	    k == OUT_WIN ? "Win: " : "");
	if (*say_period)
		sb_printf(&sb, "in %s, ", say_period);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	out_note(o, k, sb.s);
	sb_free(&sb);
}

struct tally {
	int concerns, wins;
};

/* Trends that are clear enough to be named, worse first. */
static void
flag_trends(const struct group *g, struct out *o, struct tally *t)
{
	/* Most logs have a few measures: room for them without a call. */
	struct stats_trend tr_few[16], *tr = tr_few;
	const char *w_few[16], **w = w_few;
	char b[32];
	size_t i, j;
	int pass;

	if (nmeasures > 16) {
		tr = xcalloc(nmeasures, sizeof(*tr));
		w = xcalloc(nmeasures, sizeof(*w));
	} else
		for (i = 0; i < nmeasures; i++)
			w[i] = NULL;

	/* Each trend once: worse first, then better. */
	for (j = 0; j < nmeasures; j++)
		if ((i = order[j]) < g->nm && g->m[i].n > 0 &&
		    !measures[i].textseen && measures[i].directed &&
		    measures[i].better != BETTER_MID)
			w[i] = trend_word(&measures[i], &g->m[i], &tr[i]);
	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < nmeasures; j++) {
			if (w[i = order[j]] == NULL)
				continue;
			if (pass == 0 && strcmp(w[i], "worsening") == 0)
				say(o, OUT_CONCERN, &t->concerns, "%s has been "
				    "%s (about %s%s a week).", measures[i].name,
				    tr[i].slope > 0 ? "rising" : "falling",
				    tr[i].slope > 0 ? "+" : "",
				    num(tr[i].slope, 2, b, 32));
			else if (pass == 1 && strcmp(w[i], "improving") == 0)
				say(o, OUT_WIN, &t->wins, "%s has been "
				    "improving (about %s%s a week).",
				    measures[i].name, tr[i].slope > 0 ? "+" : "",
				    num(tr[i].slope, 2, b, 32));
		}
	if (tr != tr_few) {
		free(w);
		free(tr);
	}
}

/* A scaled rating as a number of the scale, or NAN when not rated. */
static double
unscaled(int64_t v)
{
	return v < 0 ? NAN : (double)v / STATS_SCALE;
}

/* A step's trials through the pacing rules shared with ladder. */
static void
flag_step(const struct group *g, struct out *o, struct tally *t)
{
	/* Look up, never create: the display order is already sized. */
	size_t pk = measure_find("peak");
	const struct peaks *p = group_peaks(g);
	struct pace_trial pt[sizeof(p->tr) / sizeof(p->tr[0])];
	struct strbuf why = { 0 };
	struct step_trials s;
	int i;

	for (i = 0; i < p->n; i++) {
		pt[i].peak = unscaled(p->tr[i].v);
		pt[i].stopped = p->tr[i].stop;
		pt[i].expect_pct = unscaled(p->tr[i].ex);
		pt[i].outcome_pct = unscaled(p->tr[i].oc);
	}
	/* The rules run over the latest trials kept, as ladder's do over
	 * all of them; the count and the first peak are the whole step's. */
	pacing_summarise(&pace, pt, (size_t)p->n, &s);
	s.trials = g->rows;
	if (pk < g->nm && g->m[pk].n > 0)
		s.first_peak = (double)g->m[pk].first / STATS_SCALE;
	switch (pacing_explain(&pace, &s, &why)) {
	case PACE_SMALLER:
	case PACE_SLOW:
		say(o, OUT_CONCERN, &t->concerns, "step \"%s\": staying "
		    "with it, or a smaller in-between step, may help, %s.",
		    g->sub, why.s);
		break;
	case PACE_READY:
		say(o, OUT_WIN, &t->wins, "step \"%s\" looks ready to move on, "
		    "whenever you choose to, %s.", g->sub, why.s);
		break;
	default:
		break;
	}
	sb_free(&why);
}

/* "Step "X" was rated 70 on 2026-11-01 and 50 now (3 ratings)." */
static void
rating_note(struct out *o, const struct group *g)
{
	struct strbuf sb = { 0 };
	const struct stats *st;
	size_t id = measure_find("suds");
	char a[32], b[32], d[11];

	if (id == (size_t)-1 || id >= g->nm || (st = &g->m[id])->n == 0)
		return;
	stats_format(st->last, 1, b, sizeof(b));
	stats_format(st->first, 1, a, sizeof(a));
	when_date((time_t)st->tfirst, d);
	if (!g->timed || st->n == 1)
		sb_printf(&sb, "Step \"%s\" is rated %s.", g->sub, b);
	else
		sb_printf(&sb, "Step \"%s\" was rated %s on %s and is rated "
		    "%s now (%lld ratings).", g->sub, a, d, b,
		    (long long)st->n);
	out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

/* "Step "X": peaks by trial 80, 70, 55, 40." */
static void
trajectory(struct out *o, const struct group *g)
{
	const struct peaks *p = group_peaks(g);
	struct strbuf sb = { 0 };
	char b[32];
	int i, k;

	if (g->kind == K_LADDER)
		rating_note(o, g);
	if (g->kind != K_TRIALS || p->n == 0)
		return;
	sb_printf(&sb, "Step \"%s\": peak distress by trial%s ", g->sub,
	    g->rows > p->n ? " (the latest)" : "");
	for (i = 0, k = 0; i < p->n; i++) {
		if (p->tr[i].v < 0)
			continue;	/* a trial without a peak rating */
		stats_format(p->tr[i].v, 1, b, sizeof(b));
		sb_printf(&sb, "%s%s", k++ ? ", " : "", b);
	}
	sb_puts(&sb, ".");
	out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

/* Concerns and wins of one group, by the rules in steady.5. */
static void
flag_group(const struct group *g, struct out *o, struct tally *t)
{
	struct stats *ch;
	int32_t first, last, end = end_day();
	double strength;
	char b[32];
	size_t id;

	say_period = g->period;
	if (g->kind == K_CHECKIN && g->rows == 0)
		say(o, OUT_CONCERN, &t->concerns, "no check-ins in this "
		    "period.");

	if (g->low_safety > 0)
		say(o, OUT_CONCERN, &t->concerns, "safety was rated %lld or "
		    "lower on %lld check-in%s.", rules.safety_threshold,
		    (long long)g->low_safety, g->low_safety == 1 ? "" : "s");
	if (g->kind == K_TRIALS)
		flag_step(g, o, t);
	if (g->kind == K_CHECKIN && *g->period == '\0' &&
	    daymap_span(&g->days, &first, &last) == 0) {
		if (end - last >= rules.gap_days)
			say(o, OUT_CONCERN, &t->concerns, "the last check-in "
			    "was %ld days before the end of this period.",
			    (long)(end - last));
		strength = daymap_strength(&g->days, end, 14);
		if (strength >= 0.7)
			say(o, OUT_WIN, &t->wins, "check-ins have been "
			    "regular (habit strength %s of 100).",
			    num(strength * 100, 0, b, 32));
	}
	if (g->kind == K_CHECKIN || g->kind == K_GENERIC)
		flag_trends(g, o, t);
	if (g->kind == K_GROUND && (id = measure_find("change")) < g->nm) {
		ch = &g->m[id];
		if (ch->n >= rules.min_days && stats_mean(ch) <= -1)
			say(o, OUT_WIN, &t->wins, "%s went with distress "
			    "falling by %s on average (%lld sessions).",
			    g->sub, num(-stats_mean(ch), 1, b, 32),
			    (long long)ch->n);
	}
	say_period = "";
}

/* The full columns, for csv, tsv and json: one tidy table. */
static const struct out_col full_cols[] = {
	{ "source", 0 }, { "group", 0 }, { "period", 0 }, { "log", 0 },
	{ "item", 0 }, { "measure", 0 }, { "n", 1 }, { "mean", 1 },
	{ "sd", 1 }, { "min", 1 }, { "max", 1 }, { "first", 1 },
	{ "last", 1 }, { "trend_per_week", 1 }, { "trend_low", 1 },
	{ "trend_high", 1 }, { "trend", 0 }, { "baseline", 1 },
	{ "recent", 1 },
};
#define NFULL (sizeof(full_cols) / sizeof(full_cols[0]))

/* The compact columns, for a person reading: table, md and html. */
static const struct out_col short_cols[] = {
	{ "period", 0 }, { "item", 0 }, { "measure", 0 }, { "n", 1 },
	{ "mean", 1 }, { "sd", 1 }, { "min", 1 }, { "max", 1 },
	{ "last", 1 }, { "trend", 0 }, { "per week", 1 },
	{ "first 2 wk", 1 }, { "last 2 wk", 1 }, { "weekly", 0 },
};
#define NSHORT (sizeof(short_cols) / sizeof(short_cols[0]))

static int
full_format(enum out_format f)
{
	return f == OUT_CSV || f == OUT_TSV || f == OUT_JSON;
}

/* Cells for one measure of one group: mean, sd, min, max, first, last,
 * slope, low, high, baseline, recent, n (v[0] to v[11]). */
#define NCELLS 12

struct cells {
	char v[NCELLS][48];
	char spark[3 * STATS_WEEKS + 1];
};

/* A count's digits, as "%lld" gives them, for less than it costs. */
static void
count(int64_t n, char buf[24])
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	memcpy(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
measure_cells(const struct group *g, size_t id, struct cells *c,
    const char **row, int full)
{
	const struct stats *st = &g->m[id];
	struct stats_trend tr;
	int ok = trend_of(st, &tr) == 0;
	const char *word = trend_words(&measures[id], ok, &tr);
	double w[STATS_WEEKS], mean;
	int64_t wn;
	int days;
	int dec = full ? 3 : 1;	/* people read one decimal; files keep 3 */
	int32_t mon;
	size_t nw = 0;

	num(stats_mean(st), dec, c->v[0], 48);
	num(stats_sd(st), dec, c->v[1], 48);
	stats_format(st->min, 3, c->v[2], 48);
	stats_format(st->max, 3, c->v[3], 48);
	stats_format(st->first, 3, c->v[4], 48);
	stats_format(st->last, 3, c->v[5], 48);
	num(ok ? tr.slope : NAN, full ? 3 : 2, c->v[6], 48);
	num(ok ? tr.lo : NAN, 3, c->v[7], 48);
	num(ok ? tr.hi : NAN, 3, c->v[8], 48);
	num(stats_window(st, 0, &mean, &wn, &days) == 0 ? mean : NAN, dec,
	    c->v[9], 48);
	num(stats_window(st, 1, &mean, &wn, &days) == 0 ? mean : NAN, dec,
	    c->v[10], 48);
	count(st->n, c->v[11]);
	if (!g->timed) {
		/* Without times, first, last and trends mean nothing. */
		c->v[4][0] = c->v[5][0] = c->v[6][0] = c->v[7][0] = '\0';
		c->v[8][0] = c->v[9][0] = c->v[10][0] = '\0';
		word = "";
	}
	c->spark[0] = '\0';
	/* The full columns have no sparkline. */
	if (!full && (nw = chart_weeks(g, STATS_WEEKS, &mon)) > 0) {
		nw = stats_weekly(st, mon, w, nw);
		thin_weeks(g, mon, w, nw);
		out_sparkline(w, nw, (double)st->min / STATS_SCALE,
		    (double)st->max / STATS_SCALE, c->spark, sizeof(c->spark));
	}
	if (full) {
		const char *f[NFULL] = { g->source, g->gval, g->period,
		    kind_names[g->kind], g->sub, measures[id].name, c->v[11],
		    c->v[0], c->v[1], c->v[2], c->v[3], c->v[4], c->v[5],
		    c->v[6], c->v[7], c->v[8], word, c->v[9], c->v[10] };
		memcpy(row, f, sizeof(f));
	} else {
		const char *f[NSHORT] = { g->period, g->sub,
		    measures[id].name, c->v[11], c->v[0], c->v[1], c->v[2],
		    c->v[3], c->v[5], word, c->v[6], c->v[9], c->v[10],
		    c->spark };
		memcpy(row, f, sizeof(f));
	}
}

/*
 * The short columns worth showing for a block: the period only with
 * --by, the item only for logs that have one (exercise, step, kind).
 */
static size_t
short_keep(struct group **g, size_t n, int *keep, struct out_col *cols)
{
	size_t i, j, k = 0;
	int counts_only = 1;	/* only entries counted: no statistics */

	for (i = 0; i < n; i++)
		for (j = 0; j < g[i]->nm; j++)
			if (g[i]->m[j].n > 0 && !measures[j].textseen &&
			    !is_trap(j))
				counts_only = 0;
	for (i = 0; i < NSHORT; i++) {
		keep[i] = !counts_only || (i >= 1 && i <= 3);
		if (i == 0)
			keep[i] = *g[0]->period != '\0';
		if (i == 1)
			keep[i] = g[0]->kind >= K_GROUND;
		/* Days and weeks: the averages and bars would be empty. */
		if (i >= 11 && period_short(g[0]->period))
			keep[i] = 0;
		if (keep[i])
			cols[k++] = short_cols[i];
	}
	return k;
}

/* Drop the cells of columns not kept, in place. */
static void
compact(const char **row, const int *keep, int full)
{
	size_t i, k = 0;

	if (full)
		return;
	for (i = 0; i < NSHORT; i++)
		if (keep[i])
			row[k++] = row[i];
}

/* A group with no measures (reflections): how many entries it has. */
static void
count_row(struct out *o, const struct group *g, int full, const int *keep)
{
	const char *row[NFULL];
	char n[24];
	size_t i;

	snprintf(n, sizeof(n), "%lld", (long long)g->rows);
	for (i = 0; i < NFULL; i++)
		row[i] = "";
	if (full) {
		row[0] = g->source;
		row[1] = g->gval;
		row[2] = g->period;
		row[3] = kind_names[g->kind];
		row[4] = g->sub;
		row[5] = "entries";
		row[6] = n;
	} else {
		row[0] = g->period;
		row[1] = g->sub;
		row[2] = "entries";
		row[3] = n;
		compact(row, keep, full);
	}
	out_row(o, row);
}

/* The rows of one group: one per measure with values, or a count. */
static void
group_rows(struct out *o, const struct group *g, int full,
    const int *keep)
{
	const char *row[NFULL];
	struct cells c;
	size_t i, j, rows = 0;

	for (j = 0; j < nmeasures; j++) {
		i = order[j];
		if (i >= g->nm || g->m[i].n == 0 || measures[i].textseen ||
		    is_trap(i))
			continue;
		measure_cells(g, i, &c, row, full);
		compact(row, keep, full);
		out_row(o, row);
		rows++;
	}
	if (rows == 0)
		count_row(o, g, full, keep);
}

static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a;
	const struct group *y = *(struct group *const *)b;
	int c;

	/* Equal keys are one pointer (report.h): no need to compare them. */
	if ((x->source != y->source && (c = strcmp(x->source,
	    y->source)) != 0) ||
	    (x->gval != y->gval && (c = strcmp(x->gval, y->gval)) != 0))
		return c;
	if (x->kind != y->kind)
		return x->kind == K_GENERIC ? 1 : y->kind == K_GENERIC ? -1 :
		    (int)x->kind - (int)y->kind;
	if (x->sub != y->sub && (c = strcmp(x->sub, y->sub)) != 0)
		return c;
	return x->period == y->period ? 0 : strcmp(x->period, y->period);
}

/*
 * A group's place in group_cmp's order as numbers, the most telling
 * first: its source, value, kind, sub-key and period.
 */
#define GKEY 5

struct gkey {
	uint32_t r[GKEY];
	struct group *g;
};

/*
 * The groups in group_cmp's order.  The keys' places in byte order are
 * gathered once, and the groups are sorted by each in turn from the
 * least telling, keeping the order of equals (a radix sort): much quicker
 * than comparing keys, where most of the time went in reaching groups
 * spread over all the memory they take.
 */
void
groups_sort(void)
{
	/* Groups are only ever added: as many as at the last sort, and they
	 * are in order still (a kept piece's are sorted while its keys are
	 * awaited, read.c). */
	static size_t done = SIZE_MAX;
	struct gkey *k, *tmp, *swap;
	struct group *g;
	size_t i, n, *at, d, nk;
	uint32_t lo, hi;

	if (ngroups < 2 || ngroups == done)
		return;
	done = ngroups;
	if (keys_rank(&nk) == -1) {
		qsort(groups, ngroups, sizeof(*groups), group_cmp);
		return;
	}
	n = ngroups;
	k = xreallocarray(NULL, n, sizeof(*k));
	tmp = xreallocarray(NULL, n, sizeof(*tmp));
	/* Kinds are numbered past the keys: another program's data comes
	 * after steady's own logs. */
	at = xcalloc(nk + K_PROMISE + 2, sizeof(*at));
	for (i = 0; i < n; i++) {
		g = groups[i];
		k[i].r[0] = key_rank(g->source);
		k[i].r[1] = key_rank(g->gval);
		k[i].r[2] = g->kind == K_GENERIC ? K_PROMISE + 1 : g->kind;
		k[i].r[3] = key_rank(g->sub);
		k[i].r[4] = key_rank(g->period);
		k[i].g = g;
	}
	for (d = GKEY; d-- > 0;) {
		lo = hi = k[0].r[d];
		for (i = 1; i < n; i++) {
			lo = k[i].r[d] < lo ? k[i].r[d] : lo;
			hi = k[i].r[d] > hi ? k[i].r[d] : hi;
		}
		if (lo == hi)
			continue;	/* all the same: nothing to move */
		memset(at, 0, ((size_t)hi - lo + 2) * sizeof(*at));
		for (i = 0; i < n; i++)
			at[k[i].r[d] - lo + 1]++;
		for (i = 1; i <= (size_t)hi - lo; i++)
			at[i] += at[i - 1];
		for (i = 0; i < n; i++)
			tmp[at[k[i].r[d] - lo]++] = k[i];
		swap = k;
		k = tmp;
		tmp = swap;
	}
	for (i = 0; i < n; i++)
		groups[i] = k[i].g;
	free(k);
	free(tmp);
	free(at);
}

static int
same_block(const struct group *a, const struct group *b)
{
	return a->source == b->source && a->gval == b->gval &&
	    a->kind == b->kind;
}

/* "Check-ins on 62 of 90 days, from 2026-08-26 to 2026-11-23." */
static void
coverage(struct out *o, const struct group *g)
{
	int32_t first, last, start, end = end_day();
	char a[11], b[11], sent[200];
	int y, m, d;
	int32_t gap;

	if (g->kind != K_CHECKIN || *g->period ||
	    daymap_span(&g->days, &first, &last) == -1)
		return;
	start = start_day(first);
	if (end < last)
		end = last;
	when_civil_from_days(start, &y, &m, &d);
	snprintf(a, sizeof(a), "%04d-%02d-%02d", y, m, d);
	when_civil_from_days(end, &y, &m, &d);
	snprintf(b, sizeof(b), "%04d-%02d-%02d", y, m, d);
	snprintf(sent, sizeof(sent), "Check-ins on %lld of %ld days, from "
	    "%s to %s.", (long long)daymap_count(&g->days, start, end),
	    (long)(end - start + 1), a, b);
	out_note(o, OUT_INFO, sent);
	if ((gap = daymap_longest_gap(&g->days)) >= 2) {
		snprintf(sent, sizeof(sent), "The longest stretch without one "
		    "was %ld days.", (long)gap);
		out_note(o, OUT_INFO, sent);
	}
}

/*
 * The person's hard dates (dates.csv in the config directory), for the
 * groups of their own data directory only (source_own): the folders of
 * a caseload are other people's, whatever they are called.  *show:
 * whether labels may be shown (date_labels).
 */
static const struct hard_dates *
own_dates(const char *source, int *show)
{
	static struct hard_dates hd;
	static long long labels;
	static int state;	/* 0: not read yet; 1: read; -1: none */
	char *conf;

	*show = 0;
	if (!source_own(source))
		return NULL;
	if (state == 0) {
		state = -1;
		if ((conf = store_config_dir()) == NULL)
			;
		else if (dates_load(&hd, conf) == 0 && setting_num(conf,
		    "date_labels", 0, 1, 0, &labels) == 0)
			state = hd.n > 0 ? 1 : -1;
		else
			st_warnx("%s", st_error());
		free(conf);
	}
	*show = (int)labels;
	return state == 1 ? &hd : NULL;
}

void
render_ahead(const char *src)
{
	int show;

	(void)end_day();
	if (src != NULL)
		(void)own_dates(src, &show);
}

/* The check-ins' hard dates, as a sentence: every format but csv, tsv. */
static void
dates_line(struct out *o, const struct group *g)
{
	const struct hard_dates *hd;
	struct strbuf sb = { 0 };
	int32_t first, last;
	int show;

	if (g->kind != K_CHECKIN || (hd = own_dates(g->source, &show)) == NULL ||
	    daymap_span(&g->days, &first, &last) == -1)
		return;
	if (dates_note(&sb, hd, first, (long)last + 1, show) > 0)
		out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

/* Weekly means of each measure as charts (html and json). */
static void
charts(struct out *o, const struct group *g)
{
	char labels[STATS_WEEKS][12], title[96];
	const char *x[STATS_WEEKS];
	struct out_chart ch;
	const struct hard_dates *hd;
	double w[STATS_WEEKS], lo, hi, xm[32];
	int32_t mon, first, last;
	size_t i, j, k, n, nw, nxm = 0;
	int wy, wk, show;

	if (*g->period || (nw = chart_weeks(g, STATS_WEEKS, &mon)) == 0)
		return;
	if ((hd = own_dates(g->source, &show)) != NULL &&
	    daymap_span(&g->days, &first, &last) == 0)
		nxm = dates_chart_marks(hd, mon, nw, (long)last + 1, xm, 32);
	for (j = 0; j < nmeasures; j++) {
		if ((i = order[j]) >= g->nm)
			continue;
		if (g->m[i].n == 0 || measures[i].textseen || is_trap(i))
			continue;
		n = stats_weekly(&g->m[i], mon, w, nw);
		thin_weeks(g, mon, w, n);
		for (k = 0; k < n; k++) {
			when_isoweek_of_day(mon + 7 * (long)k, &wy, &wk);
			snprintf(labels[k], sizeof(labels[k]), "%04d-W%02d", wy,
			    wk);
			x[k] = labels[k];
		}
		lo = (double)g->m[i].min / STATS_SCALE;
		hi = (double)g->m[i].max / STATS_SCALE;
		snprintf(title, sizeof(title), "%s (weekly mean)",
		    measures[i].name);
		memset(&ch, 0, sizeof(ch));
		ch.title = title;
		ch.n = n;
		ch.y = w;
		ch.x = x;
		ch.ymin = lo < 0 ? lo : 0;
		ch.ymax = hi > 10 || lo < 0 ? hi : 10;
		out_chart_days(o, xm, nxm, "a day you marked as hard");
		out_chart(o, &ch);
	}
}

/* The practices, by kind of log, in a table and starting a sentence. */
static const char *const practice_names[] = {
	"", "", "grounding", "exposure", "reflection", ""
};
static const char *const practice_titles[] = {
	"", "", "Grounding", "Exposure practice", "Reflection", ""
};

struct trapcount {
	size_t id;
	int64_t n;
};

static int
trap_cmp(const void *a, const void *b)
{
	const struct trapcount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(measures[x->id].name, measures[y->id].name);
}

/* "Possible thinking traps noted most often: labelling (4), ..." */
static void
trap_note(struct out *o, struct group **g, size_t n)
{
	struct trapcount *tc = xcalloc(nmeasures, sizeof(*tc));
	struct strbuf sb = { 0 };
	size_t i, j, k = 0;

	for (j = 0; j < nmeasures; j++) {
		if (!is_trap(j))
			continue;
		tc[k].id = j;
		for (i = 0; i < n; i++)
			if (j < g[i]->nm)
				tc[k].n += g[i]->m[j].n;
		k += tc[k].n > 0;
	}
	if (k > 0)
		qsort(tc, k, sizeof(*tc), trap_cmp);
	for (i = 0; i < k && i < 5; i++)
		sb_printf(&sb, "%s%s (%lld)", i ? ", " : "Possible thinking "
		    "traps noted most often: ", measures[tc[i].id].name +
		    strlen(TRAP), (long long)tc[i].n);
	if (k > 0) {
		sb_puts(&sb, ".");
		out_note(o, OUT_INFO, sb.s);
	}
	sb_free(&sb);
	free(tc);
}

struct exrank {
	const char *name;
	double mean;
	int64_t n;
};

static int
exrank_cmp(const void *a, const void *b)
{
	const struct exrank *x = a, *y = b;

	if (x->mean != y->mean)
		return x->mean < y->mean ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Which exercise went with the largest fall in distress, for a person
 * choosing what to reach for: the exercises with at least min_days (3)
 * sessions, largest fall first.  Said as what went together, no more.
 */
static void
exercise_note(struct out *o, struct group **g, size_t n)
{
	struct strbuf sb = { 0 };
	struct exrank *r = xcalloc(n, sizeof(*r));
	size_t i, k = 0, id = measure_find("change");
	char b[32];

	for (i = 0; id != (size_t)-1 && i < n; i++)
		if (id < g[i]->nm && g[i]->m[id].n >= rules.min_days) {
			r[k].name = g[i]->sub;
			r[k].mean = stats_mean(&g[i]->m[id]);
			r[k++].n = g[i]->m[id].n;
		}
	if (k >= 2) {
		qsort(r, k, sizeof(*r), exrank_cmp);
		sb_puts(&sb, "Distress from before to after, by exercise, "
		    "the largest fall first: ");
		for (i = 0; i < k; i++) {
			num(fabs(r[i].mean), 1, b, sizeof(b));
			sb_printf(&sb, "%s%s %s%s (%lld sessions)",
			    i > 0 ? ", " : "", r[i].name, strcmp(b, "0") == 0 ?
			    "held steady" : r[i].mean < 0 ? "fell by " :
			    "rose by ", strcmp(b, "0") == 0 ? "" : b,
			    (long long)r[i].n);
		}
		sb_puts(&sb, ".");
		out_note(o, OUT_INFO, sb.s);
	}
	sb_free(&sb);
	free(r);
}

/* How steady a practice has been: days with it, and its strength. */
static void
practice_note(struct out *o, struct group **g, size_t n)
{
	struct daymap dm;
	int32_t first, last;
	char sent[200], b[16];
	size_t i;

	if (g[0]->kind < K_GROUND || g[0]->kind > K_REFLECT || *g[0]->period)
		return;
	daymap_init(&dm);
	for (i = 0; i < n; i++)
		daymap_merge(&dm, &g[i]->days);
	if (daymap_span(&dm, &first, &last) == 0) {
		snprintf(sent, sizeof(sent), "%s on %lld days; practice "
		    "strength %s of 100 (it grows with practice and fades "
		    "gently over gaps).", practice_titles[g[0]->kind],
		    (long long)daymap_count(&dm, first, last),
		    num(daymap_strength(&dm, end_day(), 14) * 100, 0, b,
		    sizeof(b)));
		out_note(o, OUT_INFO, sent);
	}
	daymap_free(&dm);
	if (g[0]->kind == K_GROUND)
		exercise_note(o, g, n);
	if (g[0]->kind == K_REFLECT)
		trap_note(o, g, n);
}

static void
link_row(const char *const *cells, void *arg)
{
	out_row(arg, cells);
}

/* A source's trials beside the grounding and reflection linked to them. */
static void
linked_trials(struct out *o, const char *source)
{
	static const struct out_col cols[] = {
		{ "trial", 0 }, { "date", 0 }, { "step", 0 }, { "peak", 1 },
		{ "grounding", 0 }, { "reflection", 0 },
	};

	if (links_count(trial_links, source) == 0)
		return;
	out_table(o, "trials with their grounding and reflection", cols,
	    sizeof(cols) / sizeof(cols[0]), 0);
	links_each(trial_links, source, link_row, o);
}

/* One block: a source's groups of one kind of log. */
static void
block(struct out *o, struct group **g, size_t n, enum out_format f)
{
	static struct out_col cols[NSHORT];	/* lives until the next table */
	int full = full_format(f), keep[NSHORT];
	struct tally t = { 0, 0 };
	size_t i, nc;

	if (g[0]->kind == K_PROMISE) {
		promise_block(o, g, n, full ? full_cols : NULL, NFULL);
		return;
	}
	/* Where notes are not written (csv, tsv), concerns matter only as
	 * whether there is one (--concerns-exit): once one is found, there
	 * is no need to look for more. */
	if (out_has_notes(o) || !concerns_found) {
		for (i = 0; i < n; i++)
			coverage(o, g[i]);
		practice_note(o, g, n);
		for (i = 0; i < n; i++)
			trajectory(o, g[i]);
		dates_line(o, g[0]);
		for (i = 0; i < n; i++)
			flag_group(g[i], o, &t);
	}
	for (i = 0; i < n && g[i]->rows == 0; i++)
		;
	if (i == n)
		return;		/* the concern above says it all */
	nc = short_keep(g, n, keep, cols);
	out_table(o, kind_names[g[0]->kind], full ? full_cols : cols,
	    full ? NFULL : nc, 1);
	for (i = 0; i < n; i++)
		group_rows(o, g[i], full, keep);
	if (f == OUT_HTML || f == OUT_JSON)
		for (i = 0; i < n; i++)
			charts(o, g[i]);
}

/* Practice and how the days went: a row per practice and measure. */
struct linkrow {
	enum kind kind;
	size_t id;
	int64_t n[4];		/* days: with, without, day after with, not */
	double mean[4];
};

static const struct out_col link_cols[] = {
	{ "practice", 0 }, { "measure", 0 }, { "days with", 1 },
	{ "mean with", 1 }, { "days without", 1 }, { "mean without", 1 },
	{ "next day with", 1 }, { "next day without", 1 },
};
#define NLINK (sizeof(link_cols) / sizeof(link_cols[0]))

/* The rows worth showing: at least min_days on each side (steady.5). */
static size_t
link_rows(struct group **g, size_t n, const struct group *c,
    struct linkrow *rows, size_t max)
{
	struct daymap dm;
	struct linkrow r;
	size_t i, j, k, nrows = 0;

	for (k = K_GROUND; k <= K_REFLECT; k++) {
		daymap_init(&dm);
		for (i = 0; i < n; i++)
			if (g[i]->kind == (enum kind)k && !*g[i]->gval)
				daymap_merge(&dm, &g[i]->days);
		for (j = 0; dm.nbits > 0 && j < nmeasures; j++) {
			if ((r.id = order[j]) >= c->nds ||
			    c->ds[r.id].len == 0 || nrows == max)
				continue;
			r.kind = (enum kind)k;
			for (i = 0; i < 4; i++)
				r.mean[i] = dayseries_mean_if(&c->ds[r.id], &dm,
				    !(i % 2), (int)(i / 2), &r.n[i]);
			if (r.n[0] >= rules.min_days && r.n[1] >= rules.min_days)
				rows[nrows++] = r;
		}
		daymap_free(&dm);
	}
	return nrows;
}

/* How check-ins went on days with each practice, and without. */
static void
links(struct out *o, struct group **g, size_t n)
{
	const struct group *c = NULL;
	struct linkrow rows[64];
	const char *cell[NLINK];
	char buf[8][32];
	size_t i, k, nrows;
	int64_t fewest = INT64_MAX;

	for (i = 0; i < n; i++)
		if (g[i]->kind == K_CHECKIN && !*g[i]->gval && g[i]->nds)
			c = g[i];
	if (c == NULL || (nrows = link_rows(g, n, c, rows, 64)) == 0)
		return;
	for (i = 0; i < nrows; i++)
		for (k = 0; k < 2; k++)
			fewest = rows[i].n[k] < fewest ? rows[i].n[k] : fewest;
	out_note(o, OUT_INFO, "Check-ins on days with each practice and on "
	    "days without it: these show what went together, not what "
	    "caused what.");
	if (fewest < 30)
		out_note(o, OUT_INFO, "Some of these rest on fewer than 30 "
		    "days on one side, so read them lightly.");
	out_table(o, "practice and check-ins", link_cols, NLINK, 0);
	for (i = 0; i < nrows; i++) {
		cell[0] = practice_names[rows[i].kind];
		cell[1] = measures[rows[i].id].name;
		for (k = 0; k < 4; k++) {
			snprintf(buf[2 * k], 32, "%lld", (long long)rows[i].n[k]);
			num(rows[i].mean[k], 2, buf[2 * k + 1], 32);
		}
		cell[2] = buf[0];
		cell[3] = buf[1];
		cell[4] = buf[2];
		cell[5] = buf[3];
		cell[6] = buf[5];
		cell[7] = buf[7];
		out_row(o, cell);
	}
}

/*
 * The blocks of groups[from, to), from and to at block boundaries; src is
 * where the source of groups[from] begins.  Each source ends with how its
 * check-ins went with its practice, and its linked trials.
 */
static void
blocks(struct out *o, enum out_format f, size_t from, size_t to, size_t src)
{
	char heading[256];
	size_t i, j;

	for (i = from; i < to; i = j) {
		if (i == 0 || strcmp(groups[i]->source, groups[i - 1]->source)
		    || strcmp(groups[i]->gval, groups[i - 1]->gval)) {
			snprintf(heading, sizeof(heading), "%s%s%s",
			    groups[i]->source, *groups[i]->gval ? ": " : "",
			    groups[i]->gval);
			out_section(o, heading);
		}
		for (j = i + 1; j < to && same_block(groups[i], groups[j]); j++)
			;
		block(o, groups + i, j - i, f);
		if (j == ngroups || strcmp(groups[j]->source, groups[i]->source))
			links(o, groups + src, j - src);
		if (j == ngroups || strcmp(groups[j]->source, groups[i]->source))
			linked_trials(o, groups[i]->source);
		if (j < ngroups && strcmp(groups[j]->source, groups[i]->source))
			src = j;
	}
}

/*
 * A long csv or tsv report is written by two processes in turns: this
 * one and a partner.  The partner is either a child forked here, which
 * has every group, or the process that read the second piece of the only
 * file and kept its groups (read.c), whose keys this process has, in the
 * same order as its own.  The groups are cut into runs, each written by
 * a process that holds it.  Both make their runs in memory at once, and
 * each writes its own bytes to standard output when its turn comes; a
 * byte over a socket passes the turn.  Within detail(), csv and tsv write
 * one table, the measures, whose header comes once at the top (out.h),
 * and no note: a run is the same bytes whichever process writes it.
 */
#define TURN_MIN 4096		/* groups: fewer are written in one go */
#define TURN_RUN 512		/* groups a forked partner's run holds */
#define TURN_SHORT 16		/* a kept piece's runs, on average, at least */

struct run {
	size_t start, end;	/* groups[start, end), of the process writing */
	size_t src;		/* where the source of groups[start] begins */
	int theirs;		/* the partner writes it */
};

struct turns {
	struct run *run;
	size_t n;
	pid_t pid;
	int ctl;		/* the word to the partner, or -1 */
	FILE *in;		/* its word back */
	int kept;		/* the partner is the kept piece (read.c) */
};

/* Add a run: groups[start, end) by one process. */
static void
run_add(struct turns *t, size_t start, size_t end, size_t src, int theirs)
{
	if ((t->n & (t->n - 1)) == 0)	/* 0, 1, 2, 4...: room doubles */
		t->run = xreallocarray(t->run, t->n ? 2 * t->n : 1,
		    sizeof(*t->run));
	t->run[t->n].start = start;
	t->run[t->n].end = end;
	t->run[t->n].src = src;
	t->run[t->n++].theirs = theirs;
}

/*
 * Runs for a forked partner: every other run of at least TURN_RUN groups,
 * cut at block boundaries, the last always this process's, so that what
 * follows it (forms, assignments) follows it here.  Fewer than three runs
 * are not worth a partner.
 */
static int
turns_plan(struct turns *t)
{
	size_t i, j, start = 0, src = 0, srcrun = 0;

	t->n = 0;
	for (i = 0; i < ngroups; i = j) {
		if (i > 0 && strcmp(groups[i]->source, groups[i - 1]->source))
			src = i;
		if (i > 0 && i - start >= TURN_RUN) {
			run_add(t, start, i, srcrun, t->n % 2 == 1);
			start = i;
			srcrun = src;
		}
		for (j = i + 1; j < ngroups && same_block(groups[i],
		    groups[j]); j++)
			;
	}
	if (ngroups > 0)
		run_add(t, start, ngroups, srcrun, 0);
	return t->n >= 3 ? 0 : -1;
}

/* A group's place in group_cmp's order, as numbers (keys_rank). */
static void
rank_of(uint32_t r[5], const char *src, const char *gval, enum kind kind,
    const char *sub, const char *period)
{
	r[0] = key_rank(src);
	r[1] = key_rank(gval);
	r[2] = kind == K_GENERIC ? K_PROMISE + 1 : kind;
	r[3] = key_rank(sub);
	r[4] = key_rank(period);
}

static int
rank_cmp(const uint32_t a[5], const uint32_t b[5])
{
	int i;

	for (i = 0; i < 5; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/*
 * The kept piece's groups and this process's, both in order, walked
 * together: the runs each process writes, the kept piece's counted in
 * its own groups less those fetched here, which are the ones this
 * process holds too (the week that spans the cut), at places want[] of
 * its order.  -1 when the keys cannot be numbered, or the piece's are
 * not in order after all.
 */
static int
keep_walk(struct turns *t, uint32_t **want, size_t *nwant)
{
	const struct rkey *rk;
	const char *const *str;
	uint32_t a[5] = { 0 }, b[5] = { 0 }, prev[5] = { 0 };
	size_t i = 0, j = 0, nk, nr, taken = 0, src = 0, srcrun = 0, start = 0;
	size_t seen = SIZE_MAX;
	int c, theirs = -1;

	rk = keeper_keys(&nr, &str);
	*want = xreallocarray(NULL, nr + 1, sizeof(**want));
	*nwant = 0;
	t->n = 0;
	if (keys_rank(&nk) == -1)
		return -1;
	while (i < ngroups || j < nr) {
		if (i > 0 && i < ngroups && groups[i]->source !=
		    groups[i - 1]->source)
			src = i;
		if (i < ngroups)
			rank_of(a, groups[i]->source, groups[i]->gval,
			    groups[i]->kind, groups[i]->sub, groups[i]->period);
		if (j < nr && j != seen) {
			/* Each of the piece's groups once, and each after the
			 * one before it. */
			rank_of(b, str[rk[j].key[0]], str[rk[j].key[1]],
			    (enum kind)rk[j].kind, str[rk[j].key[3]],
			    str[rk[j].key[2]]);
			if (j > 0 && rank_cmp(prev, b) >= 0)
				return -1;
			memcpy(prev, b, sizeof(prev));
			seen = j;
		}
		c = i == ngroups ? 1 : j == nr ? -1 : rank_cmp(a, b);
		if (c > 0) {
			/* The piece's own: a run of its own, from its place
			 * among the groups it keeps. */
			if (theirs != 1) {
				if (theirs == 0)
					run_add(t, start, i, srcrun, 0);
				theirs = 1;
				start = j - taken;
			}
			j++;
			continue;
		}
		if (theirs != 0) {
			if (theirs == 1)
				run_add(t, start, j - taken, 0, 1);
			theirs = 0;
			start = i;
			srcrun = src;
		}
		if (c == 0) {
			(*want)[(*nwant)++] = (uint32_t)j++;
			taken++;
		}
		i++;
	}
	if (theirs == 0)
		run_add(t, start, ngroups, srcrun, 0);
	else if (theirs == 1)
		run_add(t, start, j - taken, 0, 1);
	return 0;
}

/*
 * A memory stream for runs, and the document in it: the table's header
 * written once, then left out (it is the parent's to write), so that each
 * run is its rows alone.
 */
struct memout {
	char *buf;
	size_t len;
	FILE *fp;
	struct out *o;
};

static int
memout_open(struct memout *m, enum out_format f)
{
	m->buf = NULL;
	m->len = 0;
	if ((m->fp = open_memstream(&m->buf, &m->len)) == NULL)
		return -1;
	m->o = out_open(m->fp, f, 0, "Trends");
	out_table(m->o, "measures", full_cols, NFULL, 1);
	out_note(m->o, OUT_INFO, "");
	return 0;
}

/* Run r's bytes into m->buf; their length, or -1. */
static off_t
memout_run(struct memout *m, enum out_format f, const struct run *r)
{
	out_flush(m->o);
	if (fflush(m->fp) != 0 || fseeko(m->fp, 0, SEEK_SET) != 0)
		return -1;
	blocks(m->o, f, r->start, r->end, r->src);
	out_flush(m->o);
	if (fflush(m->fp) != 0)
		return -1;
	return ftello(m->fp);
}

static void
memout_close(struct memout *m)
{
	out_close(m->o);
	fclose(m->fp);
	free(m->buf);
}

/*
 * In the partner: the runs it is given, made and written in turns.  The
 * word from this process's parent: the format, how many runs, and each
 * run's first group and length; then a turn byte before each run.  The
 * word back: 'S' as a run starts to be written, 'D' when it is, or 'F'
 * and errno; at the end 'E' and whether a concern was named.  The
 * partner's exit status.
 */
int
partner_runs(int ctl, FILE *reply, size_t nseq)
{
	uint64_t n, k, *at = NULL;
	struct memout m = { NULL, 0, NULL, NULL };
	struct run r;
	unsigned char f;
	char c, found;
	off_t bytes;
	int st = EXIT_ERR, e, mine = order == NULL;

	if (read_full(ctl, &f, 1) == -1 || (f != OUT_CSV && f != OUT_TSV) ||
	    read_full(ctl, &n, sizeof(n)) == -1 || n > nseq)
		return EXIT_ERR;
	at = xreallocarray(NULL, 2 * n + 1, sizeof(*at));
	if (read_full(ctl, at, 2 * n * sizeof(*at)) == -1)
		goto out;
	if (mine)
		sort_measures();
	if (memout_open(&m, (enum out_format)f) == -1)
		goto out;
	concerns_found = 0;
	for (k = 0; k < n; k++) {
		if (at[2 * k] > nseq || at[2 * k + 1] > nseq - at[2 * k])
			goto out;
		r.start = r.src = at[2 * k];
		r.end = at[2 * k] + at[2 * k + 1];
		r.theirs = 0;
		if ((bytes = memout_run(&m, (enum out_format)f, &r)) < 0 ||
		    read_full(ctl, &c, 1) == -1 || c != 'G')
			goto out;
		if (putc('S', reply) == EOF || fflush(reply) != 0)
			goto out;
		if (write_full(STDOUT_FILENO, m.buf, (size_t)bytes) == -1) {
			e = errno;
			putc('F', reply);
			fwrite(&e, sizeof(e), 1, reply);
			fflush(reply);
			goto out;
		}
		if (putc('D', reply) == EOF || fflush(reply) != 0)
			goto out;
	}
	found = (char)concerns_found;
	if (putc('E', reply) != EOF && putc(found, reply) != EOF &&
	    fflush(reply) == 0)
		st = 0;
out:
	if (m.fp != NULL)
		memout_close(&m);
	if (mine) {
		free(order);
		order = NULL;
	}
	free(at);
	return st;
}

/* The forked partner: everything it made is freed before it ends, so
 * that a leak check of it finds only what it kept of its parent. */
static void
turns_child(struct turns *t, struct out *doc, int ctl, int fd)
{
	FILE *reply = fdopen(fd, "w");
	char c;
	int st = EXIT_ERR;

	out_discard(doc);
	free(t->run);
	if (reply != NULL && read_full(ctl, &c, 1) == 0 && c == 'P')
		st = partner_runs(ctl, reply, ngroups);
	if (reply != NULL)
		fclose(reply);
	close(ctl);
	_exit(st);
}

/* Start the forked partner; -1 when there is no process to spare. */
static int
turns_start(struct turns *t, struct out *doc)
{
	int fd[2], sv[2];
	size_t i;

	for (i = 0; i < ngroups && (groups[i]->kind != K_CHECKIN ||
	    !source_own(groups[i]->source)); i++)
		;
	render_ahead(i < ngroups ? groups[i]->source : NULL);
	if (pipe(fd) == -1)
		return -1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	if ((t->pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (t->pid == 0) {
		close(fd[0]);
		close(sv[0]);
		turns_child(t, doc, sv[1], fd[1]);
	}
	close(fd[1]);
	close(sv[1]);
	if ((t->in = fdopen(fd[0], "r")) == NULL) {
		/* Let it go: it ends as its word from here does. */
		close(fd[0]);
		close(sv[0]);
		while (waitpid(t->pid, NULL, 0) == -1 && errno == EINTR)
			;
		return -1;
	}
	t->ctl = sv[0];
	return 0;
}

/* Tell the partner its runs: -1 when it cannot be told. */
static int
turns_tell(struct turns *t, enum out_format f)
{
	struct strbuf sb = { 0 };
	uint64_t n = 0, v[2];
	unsigned char fb = (unsigned char)f;
	size_t k;
	int rc;

	for (k = 0; k < t->n; k++)
		n += t->run[k].theirs;
	sb_putc(&sb, 'P');
	sb_add(&sb, (const char *)&fb, 1);
	sb_add(&sb, (const char *)&n, sizeof(n));
	for (k = 0; k < t->n; k++)
		if (t->run[k].theirs) {
			v[0] = t->run[k].start;
			v[1] = t->run[k].end - t->run[k].start;
			sb_add(&sb, (const char *)v, sizeof(v));
		}
	rc = send_full(t->ctl, sb.s, sb.len);
	sb_free(&sb);
	return rc;
}

/*
 * The partner's word on its run: 0 when written, 1 when it stopped
 * before writing any of it, -1 (told) when part way or on a write error.
 */
static int
turns_wait(struct turns *t)
{
	int c, e, st;

	if ((c = getc(t->in)) != 'S')
		return 1;
	if ((c = getc(t->in)) == 'D')
		return 0;
	if (c == 'F' && fread(&e, sizeof(e), 1, t->in) == 1) {
		st_warnx("write error: %s", strerror(e));
		return -1;
	}
	/* It stopped as it wrote: a pipe closed behind the output ends this
	 * process quietly as it would have ended the partner. */
	if (waitpid(t->pid, &st, 0) == t->pid) {
		t->pid = -1;
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE)
			raise(SIGPIPE);
	}
	st_warnx("the process writing part of the report stopped part way "
	    "through it, so the report is not whole");
	return -1;
}

/* Let the partner go, and take its word on concerns; whole is 0 when it
 * is let go before its end. */
static void
turns_finish(struct turns *t, int whole)
{
	int st;

	if (t->ctl == -1)
		return;
	if (whole && getc(t->in) == 'E' && getc(t->in) == 1)
		concerns_found = 1;
	if (t->kept) {
		/* Its end is waited for at the very end: it frees what it
		 * made meanwhile. */
		keeper_end(!whole, 0);
		t->ctl = -1;
		return;
	}
	close(t->ctl);
	t->ctl = -1;
	if (!whole && t->pid > 0)
		kill(t->pid, SIGTERM);
	fclose(t->in);
	while (t->pid > 0 && waitpid(t->pid, &st, 0) == -1 && errno == EINTR)
		;
}

/*
 * The partner gone before a run of its own: a forked partner's runs are
 * this process's to write from then on; a kept piece's groups are only
 * there, so the report cannot be whole: -1 (told).
 */
static int
turns_gone(const struct turns *t, int *gone)
{
	*gone = 1;
	if (!t->kept)
		return 0;
	st_warnx("the process writing part of the report stopped before "
	    "its part, so the report is not whole");
	return -1;
}

/* Write n bytes of this process's run: -1 (told) on an error. */
static int
turn_write(const char *buf, size_t n)
{
	if (write_full(STDOUT_FILENO, buf, n) == -1) {
		st_warnx("write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The runs, in turns.  This process makes its next run while the
 * partner writes its own.  A forked partner that stops before a run of
 * its own has begun to arrive leaves that run and the rest to this
 * process, and the report is whole; a kept piece's groups are only
 * there.  -1 (told) when the report could not be written whole.
 */
static int
turns_run(struct turns *t, struct out *o, enum out_format f)
{
	struct memout m;
	size_t k, pending = SIZE_MAX;
	off_t bytes;
	int rc = 0, gone = 0;

	if (memout_open(&m, f) == -1) {
		st_warn("a run of the report");
		turns_finish(t, 0);
		return -1;
	}
	/* The header, before any run: a failure to write it is told when
	 * standard output is closed. */
	out_note(o, OUT_INFO, "");
	out_flush(o);
	if (fflush(stdout) != 0) {
		memout_close(&m);
		turns_finish(t, 0);
		return 0;
	}
	if (turns_tell(t, f) == -1)
		rc = turns_gone(t, &gone);
	for (k = 0; rc == 0 && k < t->n; k++) {
		if (t->run[k].theirs && !gone) {
			if (send_full(t->ctl, "G", 1) == 0) {
				pending = k;
				continue;
			}
			if ((rc = turns_gone(t, &gone)) == -1)
				break;
		}
		if ((bytes = memout_run(&m, f, &t->run[k])) < 0) {
			st_warn("a run of the report");
			rc = -1;
			break;
		}
		if (pending != SIZE_MAX && (rc = turns_wait(t)) == 1) {
			/* The partner's run is this process's after all. */
			if ((rc = turns_gone(t, &gone)) == -1)
				break;
			k = pending - 1;	/* from its run on */
			pending = SIZE_MAX;
			continue;
		}
		pending = SIZE_MAX;
		if (rc == 0)
			rc = turn_write(m.buf, (size_t)bytes);
	}
	if (rc == 0 && pending != SIZE_MAX && (rc = turns_wait(t)) == 1 &&
	    (rc = turns_gone(t, &gone)) == 0) {
		if ((bytes = memout_run(&m, f, &t->run[pending])) < 0) {
			st_warn("a run of the report");
			rc = -1;
		} else
			rc = turn_write(m.buf, (size_t)bytes);
	}
	memout_close(&m);
	turns_finish(t, rc == 0 && !gone);
	return rc;
}

/*
 * With a kept piece: the groups this process holds too fetched whole and
 * merged here, and the runs planned.  With too few groups for turns, or
 * runs too short to pass back and forth, all its groups are fetched and
 * this process writes alone: t->kept is then 0.  -1 (told) when they
 * could not be.
 */
static int
keep_settle(struct turns *t)
{
	const char *const *str;
	uint32_t *want;
	size_t nw, nr, total;
	int rc, ordered;

	t->kept = 1;
	ordered = keep_walk(t, &want, &nw) == 0;
	(void)keeper_keys(&nr, &str);
	total = ngroups + nr - nw;
	if (!ordered || total < TURN_MIN || report_jobs() < 2 || t->n < 3 ||
	    t->n > total / TURN_SHORT) {
		t->kept = 0;
		rc = keeper_fetch(NULL, 0);
		groups_sort();
	} else if ((rc = keeper_fetch(want, nw)) == 0)
		rc = keeper_channel(&t->pid, &t->ctl, &t->in);
	free(want);
	return rc;
}

/*
 * The groups, block by block, in turns where that pays.  -1 (told) when
 * the report could not be written whole.
 */
static int
detail(struct out *o, enum out_format f)
{
	struct turns t = { NULL, 0, -1, -1, NULL, 0 };
	int rc;

	groups_sort();
	if (keeper_on() && keep_settle(&t) == -1) {
		free(t.run);
		return -1;
	}
	/* A file is a well-formed table even with no rows: its header comes
	 * first, and the blocks' tables of the same columns add rows. */
	if (f == OUT_CSV || f == OUT_TSV)
		out_table(o, "measures", full_cols, NFULL, 1);
	if (!t.kept && ((f != OUT_CSV && f != OUT_TSV) ||
	    ngroups < TURN_MIN || report_jobs() < 2 ||
	    turns_plan(&t) == -1 || turns_start(&t, o) == -1)) {
		free(t.run);
		blocks(o, f, 0, ngroups, 0);
		return 0;
	}
	rc = turns_run(&t, o, f);
	free(t.run);
	return rc;
}

/* One client in the caseload summary. */
struct srow {
	const char *source;
	char last[11], days[24], span[24], concerns[24], wins[24];
	const struct group *checkin;	/* its check-ins, or NULL */
	struct tally t;
};

static int
srow_cmp(const void *a, const void *b)
{
	const struct srow *x = a, *y = b;

	if (x->t.concerns != y->t.concerns)
		return y->t.concerns - x->t.concerns;
	return strcmp(x->source, y->source);
}

/* Gather each source's tallies and its check-in group. */
static size_t
summary_rows(struct srow **out)
{
	struct srow *rows = NULL;
	int32_t first, last, end = end_day();
	size_t i, n = 0;
	int y, m, d;

	groups_sort();
	for (i = 0; i < ngroups; i++) {
		if (n == 0 || strcmp(rows[n - 1].source, groups[i]->source)) {
			rows = xreallocarray(rows, n + 1, sizeof(*rows));
			memset(&rows[n], 0, sizeof(*rows));
			rows[n++].source = groups[i]->source;
		}
		flag_group(groups[i], NULL, &rows[n - 1].t);
		if (groups[i]->kind == K_CHECKIN && !*groups[i]->gval &&
		    daymap_span(&groups[i]->days, &first, &last) == 0) {
			rows[n - 1].checkin = groups[i];
			when_civil_from_days(last, &y, &m, &d);
			snprintf(rows[n - 1].last, 11, "%04d-%02d-%02d", y, m,
			    d);
			snprintf(rows[n - 1].days, 24, "%lld", (long long)
			    daymap_count(&groups[i]->days, start_day(first),
			    end));
			snprintf(rows[n - 1].span, 24, "%ld",
			    (long)(end - start_day(first) + 1));
		} else if (groups[i]->kind == K_CHECKIN && !*groups[i]->gval) {
			/* Quiet in the range: no days of how many. */
			snprintf(rows[n - 1].days, 24, "0");
			if (range.has_since)
				snprintf(rows[n - 1].span, 24, "%ld", (long)
				    (end - day_of(range.since) + 1));
		}
	}
	for (i = 0; i < n; i++) {
		snprintf(rows[i].concerns, 24, "%d", rows[i].t.concerns);
		snprintf(rows[i].wins, 24, "%d", rows[i].t.wins);
	}
	if (n > 0)
		qsort(rows, n, sizeof(*rows), srow_cmp);
	*out = rows;
	return n;
}

/*
 * The therapist's view: one row per source, concerns first.  Returns the
 * column array, which must outlive the document (out.h).
 */
static struct out_col *
summary(struct out *o, int full)
{
	struct out_col *cols;
	struct stats_trend tr;
	struct srow *rows;
	const char **row;
	size_t i, j, k, n, nc = 0, *ids;

	n = summary_rows(&rows);
	cols = xcalloc(nmeasures + 6, sizeof(*cols));
	ids = xcalloc(nmeasures, sizeof(*ids));
	row = xcalloc(nmeasures + 6, sizeof(*row));
	cols[nc++] = (struct out_col){ "source", 0 };
	cols[nc++] = (struct out_col){ full ? "last_checkin" :
	    "last check-in", 0 };
	cols[nc++] = (struct out_col){ full ? "days_checked" : "days", 1 };
	cols[nc++] = (struct out_col){ full ? "days_in_range" : "of", 1 };
	for (k = 0, j = 0; j < nmeasures; j++)
		if ((i = order[j]) < nmeasures && measures[i].directed && !measures[i].textseen &&
		    items_find(&items, measures[i].name)) {
			ids[k++] = i;
			cols[nc++] = (struct out_col){ measures[i].name, 0 };
		}
	cols[nc++] = (struct out_col){ "concerns", 1 };
	cols[nc++] = (struct out_col){ "wins", 1 };
	out_table(o, "caseload", cols, nc, 1);
	for (i = 0; i < n; i++) {
		row[0] = rows[i].source;
		row[1] = rows[i].last;
		row[2] = rows[i].days;
		row[3] = rows[i].span;
		for (nc = 0; nc < k; nc++)
			row[4 + nc] = rows[i].checkin && ids[nc] <
			    rows[i].checkin->nm && rows[i].checkin->m[ids[nc]].n ?
			    trend_word(&measures[ids[nc]],
			    &rows[i].checkin->m[ids[nc]], &tr) : "";
		row[4 + k] = rows[i].concerns;
		row[5 + k] = rows[i].wins;
		out_row(o, row);
	}
	free(row);
	free(ids);
	free(rows);
	return cols;
}


int
render(const struct opts *o)
{
	struct out_col *cols = NULL;
	struct out *out;
	int colour, rc = 0;

	if (o->partial) {
		write_partial(stdout);
		return 0;
	}
	sort_measures();
	colour = o->format == OUT_TABLE && isatty(STDOUT_FILENO) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0') &&
	    (getenv("TERM") == NULL ||
	    strcmp(getenv("TERM"), "dumb") != 0);
	out = out_open(stdout, o->format, colour, o->summary ?
	    "Caseload summary" : "Trends");
	if (o->summary)
		cols = summary(out, full_format(o->format));
	else if (ngroups > 0 || (!forms_any() && !assign_any()))
		rc = detail(out, o->format);
	if (!o->summary)
		forms_render(out, o->format);
	if (!o->summary)
		assign_render(out);
	out_close(out);
	free(cols);
	free(order);
	return rc;
}
