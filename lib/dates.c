/*
 * dates: hard dates from dates.csv (dates.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "dates.h"
#include "store.h"
#include "util.h"
#include "when.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Is y-m-d a day of the calendar? */
static int
real_day(int y, int m, int d)
{
	int y2, m2, d2;

	if (m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	when_civil_from_days(when_days_from_civil(y, m, d), &y2, &m2, &d2);
	return y2 == y && m2 == m && d2 == d;
}

static int
two_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

/* The value of n digits, already checked. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* YYYY-MM-DD (once) or --MM-DD (every year) into h. */
static int
parse_date(const char *s, struct hard_date *h)
{
	int m, d;

	if (strlen(s) == 7 && s[0] == '-' && s[1] == '-' && s[4] == '-' &&
	    two_digits(s + 2) && two_digits(s + 5)) {
		m = digits(s + 2, 2);
		d = digits(s + 5, 2);
		h->yearly = 1;
		h->year = 0;
		h->month = m;
		h->day = d;
		return real_day(2000, m, d) ? 0 : -1;
	}
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !two_digits(s) ||
	    !two_digits(s + 2) || !two_digits(s + 5) || !two_digits(s + 8))
		return -1;
	h->year = digits(s, 4);
	h->month = digits(s + 5, 2);
	h->day = digits(s + 8, 2);
	return real_day(h->year, h->month, h->day) ? 0 : -1;
}

static const char *
get(struct csvr *r, const char *col)
{
	int i = csvr_col(r, col);

	return i < 0 ? "" : csvr_field(r, (size_t)i);
}

/* A malloc'd copy of s without white space at its ends. */
static char *
trimmed(const char *s)
{
	char *t = xstrdup(s), *u = xstrdup(trim(t));

	free(t);
	return u;
}

/* One row into h; -1 with st_error() set. */
static int
date_row(struct csvr *r, struct hard_date *h)
{
	const char *date = get(r, "date"), *yearly = get(r, "yearly");
	const char *warn = get(r, "warn"), *why;
	char buf[SHOWN_MAX + 4];
	long long n = DATES_WARN_DEFAULT;

	memset(h, 0, sizeof(*h));
	if (parse_date(date, h) == -1) {
		st_seterr("%s:%lu: \"%s\" is not a date (use 2026-11-27, or "
		    "--11-27 for every year)", csvr_name(r), csvr_line(r),
		    shown(date, buf));
		return -1;
	}
	if (strcmp(yearly, "yes") == 0)
		h->yearly = 1;
	else if (*yearly && strcmp(yearly, "no") != 0) {
		st_seterr("%s:%lu: yearly is yes, no or empty, not \"%s\"",
		    csvr_name(r), csvr_line(r), shown(yearly, buf));
		return -1;
	}
	if (*warn && parse_num(warn, 0, DATES_WARN_MAX, &n, &why) == -1) {
		st_seterr("%s:%lu: warn is a whole number of days from 0 to "
		    "%d, not \"%s\"", csvr_name(r), csvr_line(r),
		    DATES_WARN_MAX, shown(warn, buf));
		return -1;
	}
	h->warn = (long)n;
	h->label = trimmed(get(r, "label"));
	h->plan = trimmed(get(r, "plan"));
	return 0;
}

int
dates_load(struct hard_dates *d, const char *confdir)
{
	char *path = store_path(confdir, DATES_FILE);
	struct csvr *r;
	int c, rc = 0;

	memset(d, 0, sizeof(*d));
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		free(path);
		return rc;
	}
	if (csvr_ncols(r) > 0 && csvr_col(r, "date") < 0) {
		st_seterr("%s:1: a dates file needs a date column", path);
		rc = -1;
	}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF) {
		d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
		if (c != CSVR_REC || date_row(r, &d->v[d->n]) == -1)
			rc = -1;
		else
			d->n++;
	}
	csvr_close(r);
	free(path);
	if (rc == -1)
		dates_free(d);
	return rc;
}

void
dates_free(struct hard_dates *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].plan);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* The day d falls on in year y. */
static long
in_year(const struct hard_date *d, int y)
{
	int day = d->day;

	if (d->month == 2 && day == 29 && !leap(y))
		day = 28;
	return when_days_from_civil(y, d->month, day);
}

long
dates_day(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return when_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

long
dates_next(const struct hard_date *d, long today)
{
	long n;
	int y, m, dd;

	if (!d->yearly) {
		n = when_days_from_civil(d->year, d->month, d->day);
		return n >= today ? n : -1;
	}
	when_civil_from_days(today, &y, &m, &dd);
	if (y < d->year)
		y = d->year;
	n = in_year(d, y);
	return n >= today ? n : in_year(d, y + 1);
}

size_t
dates_within(const struct hard_date *d, long from, long to, long *out,
    size_t max)
{
	size_t k = 0;
	long n;

	for (n = dates_next(d, from); n >= 0 && n < to && k < max;
	    n = dates_next(d, n + 1))
		out[k++] = n;
	return k;
}

/* The person's words, with control characters made harmless. */
static void
put_words(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_putc(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

size_t
dates_chart_marks(const struct hard_dates *d, long mon, size_t nweeks,
    long to, double *x, size_t max)
{
	long days[64], end = mon + 7 * (long)nweeks;
	double last = nweeks > 0 ? (double)nweeks - 1 : 0;
	size_t i, j, k = 0, n;

	if (to < end)
		end = to;

	for (i = 0; i < d->n && k < max; i++) {
		n = dates_within(&d->v[i], mon, end, days, 64);
		for (j = 0; j < n && k < max; j++) {
			x[k] = (double)(days[j] - mon) / 7.0;
			if (x[k] > last)
				x[k] = last;
			k++;
		}
	}
	return k;
}

size_t
dates_note(struct strbuf *sb, const struct hard_dates *d, long from,
    long to, int show)
{
	long days[64];
	size_t i, j, n, k = 0;
	int y, m, dd;

	for (i = 0; i < d->n; i++) {
		n = dates_within(&d->v[i], from, to, days, 64);
		for (j = 0; j < n; j++) {
			sb_puts(sb, k++ == 0 ? "Days you marked as hard in "
			    "this period: " : ", ");
			when_civil_from_days(days[j], &y, &m, &dd);
			sb_printf(sb, "%04d-%02d-%02d", y, m, dd);
			if (show && *d->v[i].label) {
				sb_puts(sb, " (");
				put_words(sb, d->v[i].label);
				sb_putc(sb, ')');
			}
		}
	}
	if (k > 0)
		sb_putc(sb, '.');
	return k;
}

int
dates_plan_is_exercise(const char *plan)
{
	size_t i, n = strlen(plan);

	if (n == 0 || n > 20 || plan[0] == '-' || plan[0] == '_')
		return 0;
	for (i = 0; i < n; i++)
		if (!((plan[i] >= 'a' && plan[i] <= 'z') ||
		    (plan[i] >= '0' && plan[i] <= '9') || plan[i] == '-' ||
		    plan[i] == '_'))
			return 0;
	return 1;
}

void
dates_warning(struct strbuf *sb, const struct hard_date *d, long days,
    long on, int show)
{
	char when[32];
	int y, m, dd;

	if (days == 0)
		snprintf(when, sizeof(when), "today");
	else if (days == 1)
		snprintf(when, sizeof(when), "tomorrow");
	else
		snprintf(when, sizeof(when), "in %ld days", days);
	if (show && *d->label) {
		when_civil_from_days(on + days, &y, &m, &dd);
		put_words(sb, d->label);
		sb_printf(sb, " is %s (%04d-%02d-%02d).", when, y, m, dd);
	} else
		sb_printf(sb, "A day you marked as hard is %s.", when);
	sb_puts(sb, " Go gently with yourself.");
	if (dates_plan_is_exercise(d->plan))
		sb_printf(sb, " If it helps: ground %s", d->plan);
	else if (*d->plan && show) {
		sb_puts(sb, " Your plan: ");
		put_words(sb, d->plan);
	} else if (*d->plan)
		sb_puts(sb, " You made a plan for it.");
}
