/* when: ISO 8601 timestamps, local days, ISO weeks and range bounds. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "when.h"

#define WHEN_EXAMPLE	"use 2026-11-23 or 2026-11-23T07:30"
#define BOUND_FORMS	"use today, yesterday, 7d, 4w, 3m, 2026-11-23 " \
			"or 2026-11-23T07:30"
#define SPAN_MAX	100000
#define OFF_MAX		(14 * 3600L)

/* The fields of a timestamp as written, before any zone arithmetic. */
struct stamp {
	int	y, mo, d, h, mi, sec;
	int	has_time;
	int	has_off;
	long	off;
};

static int
bad_stamp(const char *s)
{
	char q[SHOWN_MAX + 4];

	st_seterr("\"%s\" is not a date and time (" WHEN_EXAMPLE ")",
	    shown(s, q));
	return -1;
}

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Floor division, so that years before 1 count leap days correctly. */
static long
floordiv(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Leap years in [1, y] (or minus those in [y + 1, 0] when y < 0). */
static long
leaps_through(long y)
{
	return floordiv(y, 4) - floordiv(y, 100) + floordiv(y, 400);
}

long
when_days_from_civil(int y, int m, int d)
{
	static const int before[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};
	long days;

	days = 365L * (y - 1970) + leaps_through(y - 1L) - leaps_through(1969);
	days += before[m - 1] + (m > 2 && is_leap(y)) + d - 1;
	return days;
}

/* Exactly n decimal digits; no sign, no spaces. */
static int
digits(const char **pp, int n, int *out)
{
	const char *p = *pp;
	int v = 0;

	for (; n > 0; n--, p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	*pp = p;
	*out = v;
	return 0;
}

static int
scan_date(const char **pp, struct stamp *st)
{
	const char *p = *pp;

	if (digits(&p, 4, &st->y) == -1 || *p++ != '-' ||
	    digits(&p, 2, &st->mo) == -1 || *p++ != '-' ||
	    digits(&p, 2, &st->d) == -1)
		return -1;
	*pp = p;
	return 0;
}

/* [T ]HH:MM[:SS], if present at all. */
static int
scan_time(const char **pp, struct stamp *st)
{
	const char *p = *pp;

	st->has_time = 0;
	st->h = st->mi = st->sec = 0;
	if (*p != 'T' && *p != ' ')
		return 0;
	p++;
	if (digits(&p, 2, &st->h) == -1 || *p++ != ':' ||
	    digits(&p, 2, &st->mi) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &st->sec) == -1)
			return -1;
	}
	st->has_time = 1;
	*pp = p;
	return 0;
}

/* Z, +HH:MM, +HHMM or +HH (or -), if present at all. */
static int
scan_offset(const char **pp, struct stamp *st)
{
	const char *p = *pp;
	int sign, hh, mm = 0;

	st->has_off = 0;
	st->off = 0;
	if (*p == 'Z') {
		st->has_off = 1;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return 0;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &hh) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &mm) == -1)
			return -1;
	} else if (*p >= '0' && *p <= '9' && digits(&p, 2, &mm) == -1)
		return -1;
	if (mm > 59 || hh * 3600L + mm * 60L > OFF_MAX)
		return -1;
	st->has_off = 1;
	st->off = sign * (hh * 3600L + mm * 60L);
	*pp = p;
	return 0;
}

/*
 * A leap second, written as second 60, is accepted and read as :59 of
 * the same minute: that keeps the instant inside the minute and the day
 * it was written in, and nothing here needs sub-minute precision.
 */
static int
scan_stamp(const char *s, struct stamp *st)
{
	const char *p = s;

	if (scan_date(&p, st) == -1 || scan_time(&p, st) == -1 ||
	    scan_offset(&p, st) == -1 || *p != '\0')
		return -1;
	if (st->mo < 1 || st->mo > 12 || st->d < 1 ||
	    st->d > month_days(st->y, st->mo) || st->h > 23 ||
	    st->mi > 59 || st->sec > 60)
		return -1;
	if (st->sec == 60)
		st->sec = 59;
	return 0;
}

/* The instant of st written with an explicit offset, without timegm. */
static int
offset_instant(const struct stamp *st, time_t *t)
{
	long long v;

	v = when_days_from_civil(st->y, st->mo, st->d) * 86400LL +
	    st->h * 3600LL + st->mi * 60LL + st->sec - st->off;
	if ((time_t)v != v)
		return -1;
	*t = (time_t)v;
	return 0;
}

/*
 * The instant of st read as local wall-clock time.  In a DST gap the
 * time does not exist and mktime moves it on (glibc: 02:30 becomes
 * 03:30 summer time); in an overlap it picks one of the two.
 */
static int
local_instant(const struct stamp *st, time_t *t, long *off)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = st->y - 1900;
	tm.tm_mon = st->mo - 1;
	tm.tm_mday = st->d;
	tm.tm_hour = st->h;
	tm.tm_min = st->mi;
	tm.tm_sec = st->sec;
	tm.tm_isdst = -1;
	/* mktime may return -1 for a real instant; tm_wday tells failure */
	tm.tm_wday = -1;
	*t = mktime(&tm);
	if (tm.tm_wday == -1)
		return -1;
	*off = tm.tm_gmtoff;
	return 0;
}

static int
parse_stamp(const char *s, struct stamp *st, time_t *t, long *off)
{
	long o = 0;

	if (scan_stamp(s, st) == -1)
		return bad_stamp(s);
	if (st->has_off) {
		if (offset_instant(st, t) == -1)
			return bad_stamp(s);
		o = st->off;
	} else if (local_instant(st, t, &o) == -1)
		return bad_stamp(s);
	if (off != NULL)
		*off = o;
	return 0;
}

/* Two digits at p as a number, or -1. */
static int
two(const char *p)
{
	unsigned a = (unsigned)p[0] - '0', b = (unsigned)p[1] - '0';

	return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/*
 * The form steady writes, "2026-11-23T07:30:00+01:00", read at once, with
 * the day number of the last date kept: a log's rows share their dates.
 * Returns 1 when s is not exactly in that form, for the general path.
 */
static int
parse_written(const char *s, time_t *t, long *off)
{
	static int cy = -1, cmo, cd;
	static long long cdays;
	int c, y, mo, d, h, mi, sec, oh, om;
	long o;

	if (strlen(s) != 25 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || (s[19] != '+' && s[19] != '-') ||
	    s[22] != ':' || (c = two(s)) < 0 || (y = two(s + 2)) < 0 ||
	    (mo = two(s + 5)) < 1 || mo > 12 || (d = two(s + 8)) < 1 ||
	    (h = two(s + 11)) < 0 || h > 23 || (mi = two(s + 14)) < 0 ||
	    mi > 59 || (sec = two(s + 17)) < 0 || sec > 60 ||
	    (oh = two(s + 20)) < 0 || (om = two(s + 23)) < 0 || om > 59)
		return 1;
	y += c * 100;
	o = oh * 3600L + om * 60L;
	if (d > month_days(y, mo) || o > OFF_MAX)
		return 1;
	if (y != cy || mo != cmo || d != cd) {
		cdays = when_days_from_civil(y, mo, d);
		cy = y;
		cmo = mo;
		cd = d;
	}
	o = s[19] == '-' ? -o : o;
	*t = (time_t)(cdays * 86400LL + h * 3600LL + mi * 60LL +
	    (sec == 60 ? 59 : sec) - o);
	if (off != NULL)
		*off = o;
	return 0;
}

int
when_parse(const char *s, time_t *t, long *off)
{
	struct stamp st;

	if (parse_written(s, t, off) == 0)
		return 0;
	return parse_stamp(s, &st, t, off);
}

int
when_now(time_t *now)
{
	const char *v = getenv("STEADY_NOW");
	char why[1024];

	if (v != NULL && *v != '\0') {
		if (when_parse(v, now, NULL) == 0)
			return 0;
		/* st_error() is the buffer st_seterr() writes to */
		strncpy(why, st_error(), sizeof(why) - 1);
		why[sizeof(why) - 1] = '\0';
		st_seterr("STEADY_NOW: %s", why);
		return -1;
	}
	if (time(now) == (time_t)-1) {
		st_seterr("cannot read the system clock");
		return -1;
	}
	return 0;
}

/*
 * The offset is printed as +HH:MM even for UTC: a log line always says
 * which wall clock it was written by.  If t is beyond what the C library
 * can break down, buf is left empty.
 */
void
when_format(time_t t, char buf[WHEN_BUFSZ])
{
	struct tm tm;
	size_t n;
	long off;
	char sign = '+';

	buf[0] = '\0';
	if (localtime_r(&t, &tm) == NULL)
		return;
	/* Four digits for every year, as when_parse wants them (strftime's
	 * %Y writes the year 301 as "301"). */
	n = (size_t)snprintf(buf, WHEN_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	if (n >= WHEN_BUFSZ) {
		buf[0] = '\0';
		return;
	}
	off = tm.tm_gmtoff;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	/* Seconds of a historical local mean time offset are dropped. */
	snprintf(buf + n, WHEN_BUFSZ - n, "%c%02d:%02d", sign,
	    (int)(off / 3600), (int)(off / 60 % 60));
}

int
when_written_date(const char *ts, char buf[11])
{
	time_t t;

	if (when_parse(ts, &t, NULL) == -1)
		return -1;
	memcpy(buf, ts, 10);
	buf[10] = '\0';
	return 0;
}

void
when_date(time_t t, char buf[11])
{
	struct tm tm;

	/* Left empty for a date that does not fit YYYY-MM-DD. */
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
		buf[0] = '\0';
}

/*
 * Local midnight starting the day tm->tm_mday of tm's month, which may
 * be out of range: mktime normalises it.  Going through the broken-down
 * date, never adding 86400, keeps days right across DST changes; where
 * midnight itself falls in a DST gap glibc answers with the end of the
 * gap, the first instant of that day.
 */
static time_t
midnight(struct tm *tm)
{
	tm->tm_hour = tm->tm_min = tm->tm_sec = 0;
	tm->tm_isdst = -1;
	return mktime(tm);
}

time_t
when_day_start(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return t;
	return midnight(&tm);
}

time_t
when_add_days(time_t t, int n)
{
	struct tm tm;
	long long mday;

	if (localtime_r(&t, &tm) == NULL)
		return t;
	/* Saturate rather than overflow int; such dates are unreachable. */
	mday = (long long)tm.tm_mday + n;
	if (mday > INT_MAX)
		mday = INT_MAX;
	else if (mday < INT_MIN)
		mday = INT_MIN;
	tm.tm_mday = (int)mday;
	return midnight(&tm);
}

/* Monday 0 .. Sunday 6; 1970-01-01 was a Thursday. */
static int
iso_weekday(long days)
{
	return (int)(((days + 3) % 7 + 7) % 7);
}

/*
 * An ISO week belongs to the year holding its Thursday, and week 1 is
 * the week with that year's first Thursday.
 */
void
when_civil_from_days(long days, int *y, int *m, int *d)
{
	/* Shift to a year starting in March, so the leap day comes last. */
	long z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void
when_isoweek_of_day(long days, int *year, int *week)
{
	long thu = days - iso_weekday(days) + 3;
	int y, m, d;

	/* The ISO year is the year holding that week's Thursday. */
	when_civil_from_days(thu, &y, &m, &d);
	*year = y;
	*week = (int)((thu - when_days_from_civil(y, 1, 1)) / 7 + 1);
}

void
when_isoweek(time_t t, int *year, int *week)
{
	struct tm tm;

	*year = 0;
	*week = 0;
	if (localtime_r(&t, &tm) == NULL)
		return;
	when_isoweek_of_day(when_days_from_civil(tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday), year, week);
}

/* Midnight on the same day of the month n months before now, clamped. */
static time_t
months_back(time_t now, int n)
{
	struct tm tm;
	long total, y;
	int m;

	if (localtime_r(&now, &tm) == NULL)
		return now;
	total = (tm.tm_year + 1900L) * 12 + tm.tm_mon - n;
	y = floordiv(total, 12);
	m = (int)(total - y * 12) + 1;
	if (tm.tm_mday > month_days(y, m))
		tm.tm_mday = month_days(y, m);
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = m - 1;
	return midnight(&tm);
}

/*
 * Nd, Nw or Nm.  --since and --until read them alike, so that
 * "--until 7d" ends exactly where "--since 7d" begins.  Returns 1 when s
 * is not of this form at all, -1 when it is but N is out of range.
 */
static int
span_bound(const char *s, time_t now, time_t *out)
{
	char num[8], q[SHOWN_MAX + 4];
	const char *why;
	long long n = 0;
	size_t len = strlen(s), i;
	int ok;
	char unit;

	if (len < 2)
		return 1;
	unit = s[len - 1];
	if (unit != 'd' && unit != 'w' && unit != 'm')
		return 1;
	for (i = 0; i < len - 1; i++)
		if (s[i] < '0' || s[i] > '9')
			return 1;
	if ((ok = len - 1 < sizeof(num))) {
		memcpy(num, s, len - 1);
		num[len - 1] = '\0';
		ok = parse_num(num, 1, SPAN_MAX, &n, &why) == 0;
	}
	if (!ok) {
		st_seterr("\"%s\": the number of %s must be from 1 to %d",
		    shown(s, q), unit == 'd' ? "days" : unit == 'w' ?
		    "weeks" : "months", SPAN_MAX);
		return -1;
	}
	if (unit == 'm')
		*out = months_back(now, (int)n);
	else
		*out = when_add_days(now, 1 - (int)(unit == 'w' ? 7 * n : n));
	return 0;
}

int
when_bound(const char *s, time_t now, int is_until, time_t *out)
{
	struct stamp st;
	char q[SHOWN_MAX + 4];
	time_t t;
	int r;

	if (strcmp(s, "today") == 0) {
		*out = when_add_days(now, is_until ? 1 : 0);
		return 0;
	}
	if (strcmp(s, "yesterday") == 0) {
		*out = when_add_days(now, is_until ? 0 : -1);
		return 0;
	}
	if ((r = span_bound(s, now, out)) != 1)
		return r;
	if (parse_stamp(s, &st, &t, NULL) == -1) {
		st_seterr("\"%s\" is not a date or a span of time (%s)",
		    shown(s, q), BOUND_FORMS);
		return -1;
	}
	/*
	 * A date alone stands for its whole day, so --until includes it;
	 * with an offset that day is 24 hours of that fixed offset.
	 */
	if (is_until && !st.has_time)
		t = st.has_off ? t + 86400 : when_add_days(t, 1);
	*out = t;
	return 0;
}
