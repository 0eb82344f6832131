/*
 * report: a couple's shared record (promise.csv, promise(1)): the acts
 * it holds counted week by week, beside the trust rating of check-ins.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "when.h"

/*
 * The kinds of the shared record, and a time changed only after it had
 * passed (A_LATE): each counted as a measure "promise:KIND", a name no
 * column of another log can take.
 */
enum { A_MADE, A_KEPT, A_RENEG, A_MISSED, A_OFFERED, A_TALKED, A_LATE,
	NACTS };
static const char *const kinds[NACTS] = {
	"made", "kept", "renegotiated", "missed", "offered", "talked", ""
};
static const char *const acts[NACTS] = {
	"promise:made", "promise:kept", "promise:renegotiated",
	"promise:missed", "promise:offered", "promise:talked",
	"promise:renegotiated_late"
};

/* The weekly table's columns (a late change is shown with the missed),
 * for a person and for a file. */
#define NSHOWN (NACTS - 1)
static const char *const act_words[NSHOWN] = {
	"made", "kept", "renegotiated ahead", "missed", "shared openly",
	"check-ins together"
};
static const char *const act_keys[NACTS] = {
	"made", "kept", "renegotiated_ahead", "missed", "offered", "talked",
	"renegotiated_late"
};

/* "2026-W48" for a day number. */
static void
week_label(int32_t day, char *buf, size_t len)
{
	int y, w;

	when_isoweek_of_day(day, &y, &w);
	snprintf(buf, len, "%04d-W%02d", y, w);
}

const char *
promise_row(const char *src, const char *gval, const char *period,
    enum period by, struct csvr *r, time_t t, int32_t day)
{
	static size_t id[NACTS];
	static int named;
	int kc = csvr_col(r, "kind"), ac = csvr_col(r, "ahead");
	const char *kind = kc >= 0 ? csvr_field(r, (size_t)kc) : "";
	char week[16] = "";
	struct group *g;
	size_t i, a;

	for (i = 0; i < A_LATE && strcmp(kind, kinds[i]) != 0; i++)
		;
	if (i == A_LATE)
		return "kind is not one of made, kept, renegotiated, missed, "
		    "offered, talked";
	if (!named) {
		for (named = 1, a = 0; a < NACTS; a++)
			id[a] = measure_id(acts[a], 1);
	}
	/* A time changed after it had passed: that time was missed. */
	if (i == A_RENEG && ac >= 0 &&
	    strcmp(csvr_field(r, (size_t)ac), "no") == 0)
		i = A_LATE;
	/* Over the whole range, a group per week keeps the weekly counts. */
	if (by == BY_ALL)
		week_label(day, week, sizeof(week));
	g = group_get(src, gval, period, week, K_PROMISE);
	g->rows++;
	g->timed = 1;
	daymap_set(&g->days, day);
	stats_add(group_stats(g, id[i]), (int64_t)t, day, STATS_SCALE);
	return NULL;
}

/* How many acts of kind a the group holds. */
static int64_t
count(const struct group *g, int a)
{
	size_t id = measure_find(acts[a]);

	return id < g->nm ? g->m[id].n : 0;
}

/* The same for a column of the weekly table: missed with late changes. */
static int64_t
in_table(const struct group *g, int a)
{
	return count(g, a) + (a == A_MISSED ? count(g, A_LATE) : 0);
}

/* The Monday of an ISO week "2026-W48", as a day number; -1 if not one. */
static int32_t
week_monday(const char *label)
{
	int y, w;
	long jan4;

	if (sscanf(label, "%4d-W%2d", &y, &w) != 2)
		return -1;
	jan4 = when_days_from_civil(y, 1, 4);
	return (int32_t)(jan4 - ((jan4 % 7 + 7 + 3) % 7) + 7L * (w - 1));
}

/* At most this many sources' trust ratings beside the record. */
#define TRUST_MAX 4

/*
 * The sources whose check-ins rate trust, for the record's group value,
 * in the order of the sorted groups: each gets a column of its own
 * beside the record, so both partners' ratings can be shown.  *more:
 * whether there were others past max.
 */
static size_t
trust_sources(const struct group *pg, const char **src, size_t max,
    int *more)
{
	const struct group *g;
	size_t id = measure_find("trust"), i, n = 0;

	*more = 0;
	if (id == (size_t)-1)
		return 0;
	for (i = 0; i < ngroups; i++) {
		g = groups[i];
		if (g->kind != K_CHECKIN || strcmp(g->gval, pg->gval) != 0 ||
		    id >= g->nm || g->m[id].n == 0 ||
		    (n > 0 && strcmp(src[n - 1], g->source) == 0))
			continue;
		if (n == max) {
			*more = 1;
			break;
		}
		src[n++] = g->source;
	}
	return n;
}

/* The check-in group of source src beside a row of the record. */
static const struct group *
trust_group(const char *src, const struct group *pg, const char *period)
{
	const struct group *g;
	size_t i;

	for (i = 0; i < ngroups; i++) {
		g = groups[i];
		if (g->kind == K_CHECKIN && strcmp(g->source, src) == 0 &&
		    strcmp(g->period, period) == 0 &&
		    strcmp(g->gval, pg->gval) == 0)
			return g;
	}
	return NULL;
}

/* Days with a check-in in [from, to] of a check-in group. */
static int64_t
days_in(const struct group *c, int32_t from, int32_t to)
{
	return daymap_count(&c->days, from, to);
}

/*
 * The mean trust of a row (a week of the whole range, or a period),
 * and the days it rests on; NAN for a week of fewer than WEEK_MIN_DAYS.
 */
static double
row_trust(const struct group *c, const struct group *g, int64_t *days)
{
	size_t id = measure_find("trust");
	int32_t mon, first, last;
	double w = NAN;

	*days = 0;
	if (c == NULL || id >= c->nm)
		return NAN;
	if (*g->period == '\0') {
		if ((mon = week_monday(g->sub)) < 0)
			return NAN;
		*days = days_in(c, mon, mon + 6);
		(void)stats_weekly(&c->m[id], mon, &w, 1);
	} else {
		if (daymap_span(&c->days, &first, &last) == 0)
			*days = days_in(c, first, last);
		w = stats_mean(&c->m[id]);
		if (week_monday(g->period) < 0)
			return w;	/* a day or a month: as it is */
	}
	return *days < WEEK_MIN_DAYS ? NAN : w;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a;
	const struct group *y = *(struct group *const *)b;
	int c = strcmp(x->period, y->period);

	return c != 0 ? c : strcmp(x->sub, y->sub);
}

/* The words above the table: what the record is, and its totals. */
static void
totals(struct out *o, struct group **g, size_t n)
{
	struct strbuf sb = { 0 };
	int64_t t[NACTS] = { 0 };
	size_t i;
	int a;

	for (i = 0; i < n; i++)
		for (a = 0; a < NACTS; a++)
			t[a] += count(g[i], a);
	out_note(o, OUT_INFO, "A shared record, kept together: promises "
	    "and how each went, things shared openly without being asked, "
	    "and check-ins held. It tells of acts, not of who anyone is.");
	sb_printf(&sb, "Promises made: %lld; kept: %lld; renegotiated ahead "
	    "of time: %lld; missed: %lld.", (long long)t[A_MADE],
	    (long long)t[A_KEPT], (long long)t[A_RENEG],
	    (long long)t[A_MISSED]);
	if (t[A_LATE] > 0)
		sb_printf(&sb, " A time changed only after it had passed: "
		    "%lld (shown with the missed; the promise went on).",
		    (long long)t[A_LATE]);
	out_note(o, OUT_INFO, sb.s);
	sb_reset(&sb);
	sb_printf(&sb, "Shared openly without being asked: %lld time%s. "
	    "Check-ins held together: %lld.", (long long)t[A_OFFERED],
	    t[A_OFFERED] == 1 ? "" : "s", (long long)t[A_TALKED]);
	out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

/* Where the trust ratings beside the record come from, in words. */
static void
trust_note(struct out *o, const char **src, size_t n, int more,
    const struct group *g)
{
	struct strbuf sb = { 0 };
	size_t i;

	if (n == 0) {
		out_note(o, OUT_INFO, "To see the trust rating beside this "
		    "record, name the check-in log that holds it as well.");
		return;
	}
	sb_puts(&sb, "Trust is the mean trust rating of the check-ins");
	for (i = 0; i < n; i++) {
		if (n == 1 && strcmp(src[i], g->source) == 0)
			break;
		sb_printf(&sb, "%s in %s", i == 0 ? "" : i + 1 < n ? "," :
		    " and", src[i]);
	}
	if (n > 1)
		sb_printf(&sb, ", each in a column of its own");
	if (more)
		sb_printf(&sb, " (the first %d by name)", TRUST_MAX);
	sb_printf(&sb, " for each %s", *g->period ? "period" : "week");
	if (*g->period == '\0' || week_monday(g->period) >= 0)
		sb_printf(&sb, "; a week with fewer than %d days of check-ins "
		    "is left blank", WEEK_MIN_DAYS);
	sb_puts(&sb, ". They show what went together, not what caused what.");
	out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

/* The rows for the tidy table of csv, tsv and json: a count per act. */
static void
tidy_rows(struct out *o, struct group **g, size_t n,
    const struct out_col *full, size_t nfull)
{
	const char **row = xcalloc(nfull, sizeof(*row));
	char num[24];
	size_t i, k;
	int a;

	out_table(o, kind_names[K_PROMISE], full, nfull, 1);
	for (i = 0; i < n; i++)
		for (a = 0; a < NACTS; a++) {
			if (count(g[i], a) == 0)
				continue;
			for (k = 0; k < nfull; k++)
				row[k] = "";
			snprintf(num, sizeof(num), "%lld",
			    (long long)count(g[i], a));
			row[0] = g[i]->source;
			row[1] = g[i]->gval;
			row[2] = g[i]->period;
			row[3] = kind_names[K_PROMISE];
			row[4] = g[i]->sub;
			row[5] = act_keys[a];
			row[6] = num;
			out_row(o, row);
		}
	free(row);
}

/* The columns of the trust of source src: one, or two in full formats. */
static size_t
trust_cols(struct out_col *cols, char names[][2][80], size_t k,
    const char *src, int one, int full)
{
	if (one) {
		cols[0] = (struct out_col){ full ? "trust_mean" : "trust", 1 };
		if (full)
			cols[1] = (struct out_col){ "trust_days", 1 };
		return full ? 2 : 1;
	}
	snprintf(names[k][0], 80, full ? "trust_mean_%s" : "trust %s", src);
	snprintf(names[k][1], 80, "trust_days_%s", src);
	cols[0] = (struct out_col){ names[k][0], 1 };
	if (full)
		cols[1] = (struct out_col){ names[k][1], 1 };
	return full ? 2 : 1;
}

/* The weekly (or per-period) table: the acts beside trust. */
static void
week_table(struct out *o, struct group **g, size_t n, const char **src,
    size_t nsrc, int full)
{
	/* Both live until the next table (out.h). */
	static struct out_col cols[NSHOWN + 1 + 2 * TRUST_MAX];
	static char names[TRUST_MAX][2][80];
	char cells[NSHOWN + 2 * TRUST_MAX][32];
	const char *row[NSHOWN + 1 + 2 * TRUST_MAX];
	const char *period;
	int64_t days;
	double t;
	size_t i, j, k, c;
	int a;

	k = 0;
	cols[k++] = (struct out_col){ *g[0]->period ? "period" : "week", 0 };
	for (a = 0; a < NSHOWN; a++)
		cols[k++] = (struct out_col){ full ? act_keys[a] :
		    act_words[a], 1 };
	for (j = 0; j < nsrc || (j == 0 && nsrc == 0); j++)
		k += trust_cols(cols + k, names, j, nsrc ? src[j] : "",
		    nsrc <= 1, full);
	out_table(o, *g[0]->period ? "promises by period" :
	    "promises by week", cols, k, 0);
	for (i = 0; i < n; i++) {
		period = *g[i]->period ? g[i]->period : "";
		row[0] = *g[i]->period ? g[i]->period : g[i]->sub;
		for (a = 0; a < NSHOWN; a++) {
			snprintf(cells[a], 32, "%lld",
			    (long long)in_table(g[i], a));
			row[a + 1] = cells[a];
		}
		for (c = NSHOWN, j = 0; j < nsrc || (j == 0 && nsrc == 0);
		    j++) {
			t = row_trust(nsrc ? trust_group(src[j], g[i],
			    period) : NULL, g[i], &days);
			if (isnan(t))
				cells[c][0] = '\0';
			else
				snprintf(cells[c], 32, "%.1f", t);
			row[c + 1] = cells[c];
			c++;
			if (full) {
				snprintf(cells[c], 32, "%lld", (long long)days);
				row[c + 1] = cells[c];
				c++;
			}
		}
		out_row(o, row);
	}
}

void
promise_block(struct out *o, struct group **g, size_t n,
    const struct out_col *full, size_t nfull)
{
	struct group **sorted = xcalloc(n, sizeof(*sorted));
	const char *src[TRUST_MAX];
	size_t nsrc;
	int more;

	memcpy(sorted, g, n * sizeof(*g));
	qsort(sorted, n, sizeof(*sorted), row_cmp);
	totals(o, sorted, n);
	nsrc = trust_sources(sorted[0], src, TRUST_MAX, &more);
	trust_note(o, src, nsrc, more, sorted[0]);
	if (full != NULL)
		tidy_rows(o, sorted, n, full, nfull);
	week_table(o, sorted, n, src, nsrc, full != NULL);
	free(sorted);
}
