/*
 * stats: exact, mergeable summaries of one measure over time, and sets of
 * days.  Every sum is an integer, so shards merged in any order give the
 * same state, byte for byte, as one pass; every derived number is computed
 * from those sums alone, so it comes out the same too.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

__extension__ typedef unsigned __int128 stats_u128;

#define I128_MAX	((stats_i128)(((stats_u128)1 << 127) - 1))
#define I128_MIN	(-I128_MAX - 1)
#define VALUE_MAX	(9000000000000LL * STATS_SCALE)
#define ENC_VERSION	1
#define ENC_BOUNDED	2	/* the same layout, for a bounded summary */

/* Floor division: day numbers before 1970 are negative. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * The Monday starting the ISO week of `day` (day 0, 1970-01-01, was a
 * Thursday).  The very first days of the int32 range belong to a week
 * whose Monday int32 cannot hold; they are filed with the week after,
 * which no real date reaches.
 */
static int64_t
week_of(int64_t day)
{
	int64_t mon = day - (day + 3 - floordiv(day + 3, 7) * 7);

	return mon < INT32_MIN ? mon + 7 : mon;
}

static stats_u128
mag(stats_i128 a)
{
	return a < 0 ? 0 - (stats_u128)a : (stats_u128)a;
}

/*
 * Sums wrap instead of overflowing, which would be undefined; modular
 * sums still merge exactly, and sums_fit() tells when one may have
 * wrapped.  It takes huge values: three squares of 9e12 wrap, while
 * values of a million would need 1e14 rows.
 */
static stats_i128
wrap(stats_u128 u)
{
	return u > (stats_u128)I128_MAX ? -(stats_i128)(~u) - 1 : (stats_i128)u;
}

static stats_i128
wadd(stats_i128 a, stats_i128 b)
{
	return wrap((stats_u128)a + (stats_u128)b);
}

/* a * b into *r; 0 when the product does not fit. */
static int
mul_fits(stats_i128 a, stats_i128 b, stats_i128 *r)
{
	stats_u128 ua = mag(a), ub = mag(b), lim, p;
	int neg = (a < 0) != (b < 0);

	/* Both under 2^63: the product is under 2^126, no division needed. */
	if ((ua >> 63) == 0 && (ub >> 63) == 0) {
		p = ua * ub;
		*r = neg ? -(stats_i128)p : (stats_i128)p;
		return 1;
	}
	lim = (stats_u128)I128_MAX + (neg ? 1 : 0);
	if (ua != 0 && ub > lim / ua)
		return 0;
	p = ua * ub;
	*r = neg && p != 0 ? -(stats_i128)(p - 1) - 1 : (stats_i128)p;
	return 1;
}

/* a - b into *r; 0 when the difference does not fit. */
static int
sub_fits(stats_i128 a, stats_i128 b, stats_i128 *r)
{
	if ((b > 0 && a < I128_MIN + b) || (b < 0 && a > I128_MAX + b))
		return 0;
	*r = a - b;
	return 1;
}

/*
 * n * sab - sa * sb: n squared times a co-moment, exactly, if it fits.
 * For x it fits while n times the largest value stays under about
 * 1.3e13 (a million rows of values up to ten million), past which the
 * numbers resting on it are not given.
 */
static int
spread(int64_t n, stats_i128 sab, stats_i128 sa, stats_i128 sb,
    stats_i128 *r)
{
	stats_i128 p, q;

	return mul_fits(n, sab, &p) && mul_fits(sa, sb, &q) &&
	    sub_fits(p, q, r);
}

/*
 * v as a long double, by halves: valgrind mis-emulates the compiler's
 * own conversion of a negative __int128 (-1000000 comes out -999424).
 */
static long double
ld(stats_i128 v)
{
	stats_u128 u = mag(v);
	long double x;

	x = (long double)(uint64_t)(u >> 64) * 18446744073709551616.0L +
	    (long double)(uint64_t)u;
	return v < 0 ? -x : x;
}

/*
 * A whole number above the square root of v >= 0: exactly its integer
 * root plus one while v is exact as a double, which covers any real log.
 */
static stats_u128
root_above(stats_i128 v)
{
	uint64_t r;

	if (v >= ((stats_i128)1 << 52))
		return (stats_u128)sqrtl(ld(v)) + 1;
	r = (uint64_t)sqrt((double)(int64_t)v);
	while (r > 0 && (stats_i128)r * r > v)
		r--;
	while ((stats_i128)(r + 1) * (r + 1) <= v)
		r++;
	return (stats_u128)r + 1;
}

/*
 * Whether no sum can have wrapped: each of the n terms of every sum is
 * at most k * k in size, k the largest value or day in magnitude.
 */
static int
sums_fit(const struct stats *s)
{
	stats_u128 m = mag(s->min), d;
	stats_i128 k, t;

	if (s->n == 0)
		return 0;
	if (mag(s->max) > m)
		m = mag(s->max);
	if (s->tm != NULL && s->tm->rhas) {	/* the first day, the latest */
		d = mag(s->tm->base[0].day);
		if (mag(s->tm->rlast) > d)
			d = mag(s->tm->rlast);
	} else	/* no day is larger than the root of their squares' sum */
		d = root_above(s->sdd);
	k = (stats_i128)(m > d ? m : d);
	return mul_fits(k, k, &t) && mul_fits(t, s->n, &t);
}

/*
 * num / den and num % den (den > 0).  Most sums fit in 64 bits, whose
 * division is a single instruction where 128 bits take a call.
 */
static void
divmod(stats_i128 num, stats_i128 den, stats_i128 *q, stats_i128 *r)
{
	if (num == (int64_t)num && den == (int64_t)den) {
		*q = (int64_t)num / (int64_t)den;
		*r = (int64_t)num % (int64_t)den;
	} else {
		*q = num / den;
		*r = num % den;
	}
}

/* num / den (den > 0) with the integer part exact. */
static long double
ratio(stats_i128 num, stats_i128 den)
{
	stats_i128 q, r;

	divmod(num, den, &q, &r);
	return ld(q) + ld(r) / ld(den);
}

void
stats_init(struct stats *s)
{
	memset(s, 0, sizeof(*s));
	s->tm = NULL;
}

void
stats_init_plain(struct stats *s)
{
	stats_init(s);
	s->plain = 1;
}

static void
time_free(struct stats_time *tm)
{
	if (tm == NULL)
		return;
	free(tm->weeks.n);
	free(tm->weeks.sx);
	free(tm);
}

void
stats_init_bounded(struct stats *s)
{
	stats_init(s);
	s->bounded = 1;
}

void
stats_free(struct stats *s)
{
	int plain = s->plain, bounded = s->bounded;

	time_free(s->tm);
	stats_init(s);
	s->plain = plain;
	s->bounded = bounded;
}

/* The windows and weeks, made on the first value of a full summary. */
static struct stats_time *
time_of(struct stats *s)
{
	if (s->tm == NULL) {
		s->tm = xcalloc(1, sizeof(*s->tm));
		s->tm->weeks.n = NULL;
		s->tm->weeks.sx = NULL;
	}
	return s->tm;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * The decimals after the point: the first six make *frac (millionths),
 * the seventh decides the rounding, half away from zero.
 */
static const char *
parse_frac(const char *p, uint64_t *frac, int *digits)
{
	int i;

	*frac = 0;
	for (i = 0; isdig(*p); p++, i = i < 7 ? i + 1 : i) {
		if (i < 6)
			*frac = *frac * 10 + (uint64_t)(*p - '0');
		else if (i == 6 && *p >= '5')
			*frac += 1;
		*digits = 1;
	}
	for (; i < 6; i++)
		*frac *= 10;
	return p;
}

int
stats_parse(const char *s, int64_t *scaled)
{
	const char *p = s;
	char q[SHOWN_MAX + 4];
	uint64_t ip = 0, frac = 0;
	int neg = 0, digits = 0, big = 0;

	/* Ratings are mostly one or two plain digits: take those at once. */
	if (isdig(p[0]) && (p[1] == '\0' || (isdig(p[1]) && p[2] == '\0'))) {
		*scaled = (p[1] ? (p[0] - '0') * 10 + (p[1] - '0') :
		    p[0] - '0') * STATS_SCALE;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; isdig(*p); p++, digits = 1) {
		if (ip > VALUE_MAX / STATS_SCALE)
			big = 1;
		else
			ip = ip * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.')
		p = parse_frac(p + 1, &frac, &digits);
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || !digits) {
		st_seterr("\"%s\" is not a plain decimal number", shown(s, q));
		return -1;
	}
	if (big || ip * STATS_SCALE + frac > (uint64_t)VALUE_MAX) {
		st_seterr("\"%s\" is too large (at most 9000000000000 "
		    "either way)", shown(s, q));
		return -1;
	}
	ip = ip * STATS_SCALE + frac;
	*scaled = neg ? -(int64_t)ip : (int64_t)ip;
	return 0;
}

void
stats_format(int64_t scaled, int dec, char *buf, size_t len)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	uint64_t m, unit = 1;
	size_t n;
	int i;

	if (len == 0)
		return;
	dec = dec < 0 ? 0 : dec > 6 ? 6 : dec;
	for (i = dec; i < 6; i++)
		unit *= 10;
	m = scaled < 0 ? 0 - (uint64_t)scaled : (uint64_t)scaled;
	m = m / unit + (unit > 1 && m % unit >= unit / 2);
	for (; dec > 0 && m % 10 == 0; dec--)
		m /= 10;
	/* Digits from the right: snprintf costs too much per cell. */
	*--p = '\0';
	for (i = 0; i < dec; i++, m /= 10)
		*--p = (char)('0' + m % 10);
	if (dec > 0)
		*--p = '.';
	do
		*--p = (char)('0' + m % 10);
	while ((m /= 10) != 0);
	if (scaled < 0 && (dec > 0 || strcmp(p, "0") != 0))
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	if (n > len)
		n = len;
	memcpy(buf, p, n);
	buf[n - 1] = '\0';
}

/* The slot of the recent window's ring that holds day: day mod 16. */
static size_t
ring_at(int64_t day)
{
	return (uint32_t)(int32_t)day & (STATS_RING - 1);
}

/*
 * The recent window's days into w, in order, and how many: the ring's
 * days from 13 days before the latest to the latest.
 */
static size_t
recent_days(const struct stats_time *tm, struct stats_day *w)
{
	const struct stats_day *e;
	int64_t d = (int64_t)tm->rlast - (STATS_WINDOW - 1);
	size_t k = 0;

	if (!tm->rhas)
		return 0;
	for (d = d < INT32_MIN ? INT32_MIN : d; d <= tm->rlast; d++)
		if ((e = &tm->ring[ring_at(d)])->n != 0 && e->day == d)
			w[k++] = *e;
	return k;
}

/*
 * Add n values summing to sx on `day` to the base window, which keeps
 * the days within STATS_WINDOW days of the earliest day seen, so it
 * holds every value of its days whatever the order they come in.  Days
 * stay sorted, so equal contents are equal bytes.
 */
static void
window_add(struct stats_day *w, size_t *cnt, int32_t day, int64_t n,
    stats_i128 sx)
{
	int64_t lo, hi;
	size_t i, k;

	lo = *cnt > 0 && w[0].day < day ? w[0].day : day;
	hi = lo + (STATS_WINDOW - 1);
	if (day < lo || day > hi)
		return;
	for (k = 0; k < *cnt && w[k].day < lo; k++)
		;
	for (i = *cnt; i > k && w[i - 1].day > hi; i--)
		;
	memmove(w, w + k, (i - k) * sizeof(*w));
	*cnt = i - k;
	for (i = 0; i < *cnt && w[i].day < day; i++)
		;
	if (i < *cnt && w[i].day == day) {
		w[i].n += n;
		w[i].sx = wadd(w[i].sx, sx);
		return;
	}
	memmove(w + i + 1, w + i, (*cnt - i) * sizeof(*w));
	w[i].day = day;
	w[i].n = n;
	w[i].sx = sx;
	(*cnt)++;
}

/*
 * The base window, with the cases a log in time order meets on almost
 * every day done first: a day past the window (seen from the first
 * line of tm alone), the last day again, or a later day inside it.
 */
static void
base_add(struct stats_time *tm, int32_t day, int64_t n, stats_i128 sx)
{
	struct stats_day *w = tm->base;
	size_t cnt = tm->nbase;

	if (cnt > 0 && day > (int64_t)tm->bfirst + (STATS_WINDOW - 1))
		return;
	if (cnt > 0 && w[cnt - 1].day == day) {
		w[cnt - 1].n += n;
		w[cnt - 1].sx = wadd(w[cnt - 1].sx, sx);
	} else if (cnt > 0 && w[cnt - 1].day < day) {
		w[cnt].day = day;
		w[cnt].n = n;
		w[cnt].sx = sx;
		tm->nbase++;
	} else
		window_add(w, &tm->nbase, day, n, sx);
	tm->bfirst = w[0].day;
}

/*
 * The recent window: a day before the window is left out, a later day
 * moves the window on, and the day's slot either holds the day already
 * or a day out of the window, which the day replaces.
 */
static void
recent_add(struct stats_time *tm, int32_t day, int64_t n, stats_i128 sx)
{
	struct stats_day *e;

	if (tm->rhas && day < (int64_t)tm->rlast - (STATS_WINDOW - 1))
		return;
	if (!tm->rhas || day > tm->rlast)
		tm->rlast = day;
	tm->rhas = 1;
	e = &tm->ring[ring_at(day)];
	if (e->n != 0 && e->day == day) {
		e->n += n;
		e->sx = wadd(e->sx, sx);
	} else {
		e->day = day;
		e->n = n;
		e->sx = sx;
	}
}

/* Room for len weeks: a function of len alone, so no capacity is kept. */
static size_t
weeks_cap(size_t len)
{
	size_t c = 1;

	while (c < len)
		c *= 2;
	return c;
}

/* Make the weekly arrays cover the weeks starting on Mondays lo..hi. */
static void
weeks_cover(struct stats_weeks *w, int64_t lo, int64_t hi)
{
	int64_t first = lo, last = hi;
	size_t len, head = 0;

	if (w->len > 0) {
		first = w->first < lo ? w->first : lo;
		last = w->first + 7 * (int64_t)(w->len - 1);
		last = last > hi ? last : hi;
		if (first == w->first && last - first == 7 *
		    (int64_t)(w->len - 1))
			return;
		head = (size_t)((w->first - first) / 7);
	}
	len = (size_t)((last - first) / 7) + 1;
	if (w->n == NULL || weeks_cap(len) > weeks_cap(w->len)) {
		w->n = xreallocarray(w->n, weeks_cap(len), sizeof(*w->n));
		w->sx = xreallocarray(w->sx, weeks_cap(len), sizeof(*w->sx));
	}
	if (head > 0) {
		memmove(w->n + head, w->n, w->len * sizeof(*w->n));
		memmove(w->sx + head, w->sx, w->len * sizeof(*w->sx));
		memset(w->n, 0, head * sizeof(*w->n));
		memset(w->sx, 0, head * sizeof(*w->sx));
	}
	memset(w->n + head + w->len, 0, (len - head - w->len) *
	    sizeof(*w->n));
	memset(w->sx + head + w->len, 0, (len - head - w->len) *
	    sizeof(*w->sx));
	w->first = (int32_t)first;
	w->len = len;
}

/* The Monday of the last week held: the latest value's. */
static int64_t
weeks_last(const struct stats_weeks *w)
{
	return w->first + 7 * (int64_t)(w->len - 1);
}

/*
 * The first week whose sums s holds whole (with weeks held): a full
 * summary's first week; for a bounded one, the first value's week or,
 * when that is further back, the first of its last STATS_WEEKS weeks.
 * The base window holds the first value's day.
 */
static int64_t
weeks_from(const struct stats *s)
{
	int64_t first, lo;

	if (!s->bounded)
		return s->tm->weeks.first;
	first = week_of(s->tm->base[0].day);
	lo = weeks_last(&s->tm->weeks) - 7 * (STATS_WEEKS - 1);
	return first > lo ? first : lo;
}

/* Drop the weeks before Monday lo: all of them when lo is past the last. */
static void
weeks_cut(struct stats_weeks *w, int64_t lo)
{
	size_t drop;

	if (w->len == 0 || lo <= w->first)
		return;
	drop = (size_t)((lo - w->first) / 7);
	if (drop >= w->len) {
		w->first = 0;
		w->len = 0;
		return;
	}
	memmove(w->n, w->n + drop, (w->len - drop) * sizeof(*w->n));
	memmove(w->sx, w->sx + drop, (w->len - drop) * sizeof(*w->sx));
	w->first = (int32_t)lo;
	w->len -= drop;
}

/*
 * A bounded series about to reach past twice STATS_WEEKS weeks, up to
 * Monday hi, is cut to the last STATS_WEEKS from there: holding up to
 * twice as many as it needs, it moves its weeks once in 64 weeks rather
 * than every week.
 */
static void
weeks_bound(struct stats_weeks *w, int64_t hi)
{
	if (w->len > 0 && (hi - w->first) / 7 >= 2 * STATS_WEEKS)
		weeks_cut(w, hi - 7 * (STATS_WEEKS - 1));
}

static void
week_add(struct stats_weeks *w, int bounded, int64_t mon, int64_t n,
    stats_i128 sx)
{
	size_t i;

	if (bounded && w->len > 0) {
		/* Older than the weeks kept: nothing will ask for it. */
		if (mon <= weeks_last(w) - 7 * STATS_WEEKS)
			return;
		weeks_bound(w, mon);
	}
	/* Most rows fall in a week already held: no need to grow.  Most
	 * others fall in the week after, within the room there is. */
	if (w->len > 0 && mon == weeks_last(w) + 7 &&
	    (w->len & (w->len - 1)) != 0) {	/* weeks_cap(len + 1) */
		w->n[w->len] = 0;
		w->sx[w->len] = 0;
		w->len++;
	} else if (w->len == 0 || mon < w->first ||
	    (mon - w->first) / 7 >= (int64_t)w->len)
		weeks_cover(w, mon, mon);
	i = (size_t)((mon - w->first) / 7);
	w->n[i] += n;
	w->sx[i] = wadd(w->sx[i], sx);
}

/* The waiting week into the weekly series. */
static void
week_flush(struct stats_time *tm, int bounded)
{
	if (tm->wn == 0)
		return;
	week_add(&tm->weeks, bounded, tm->wmon, tm->wn, tm->wsx);
	tm->wn = 0;
	tm->wsx = 0;
	tm->wmon = 0;
}

/* A day's values into the waiting week, or the week after it. */
static void
week_wait(struct stats_time *tm, int bounded, int64_t mon, int64_t n,
    stats_i128 sx)
{
	if (tm->wn != 0 && tm->wmon == mon) {
		tm->wn += n;
		tm->wsx = wadd(tm->wsx, sx);
		return;
	}
	week_flush(tm, bounded);
	tm->wmon = (int32_t)mon;
	tm->wn = n;
	tm->wsx = sx;
}

/* Fold in the extremes and the ends of another set of values. */
static void
fold_ends(struct stats *s, int64_t min, int64_t max, int64_t tfirst,
    int64_t first, int64_t tlast, int64_t last)
{
	int empty = s->n == 0;

	if (empty || min < s->min)
		s->min = min;
	if (empty || max > s->max)
		s->max = max;
	if (empty || tfirst < s->tfirst ||
	    (tfirst == s->tfirst && first < s->first)) {
		s->tfirst = tfirst;
		s->first = first;
	}
	if (empty || tlast > s->tlast ||
	    (tlast == s->tlast && last > s->last)) {
		s->tlast = tlast;
		s->last = last;
	}
}

/*
 * The waiting day's values into everything kept by day.  Kept out of
 * stats_add, so that the values of a day waiting cost no more than the
 * few additions they make.
 */
static void __attribute__((noinline))
settle(struct stats *s)
{
	stats_u128 d = (stats_u128)(stats_i128)s->pday, n = (stats_u128)s->pn;
	struct stats_time *tm;

	if (s->pn == 0)
		return;
	/*
	 * In unsigned arithmetic, which wraps as the sums do: the products
	 * are the sums of the values' own products, modulo 2^128.
	 */
	s->sd = wadd(s->sd, wrap(n * d));
	s->sdd = wadd(s->sdd, wrap(n * d * d));
	s->sxd = wadd(s->sxd, wrap((stats_u128)(stats_i128)s->psx * d));
	if (!s->plain) {
		tm = time_of(s);
		base_add(tm, s->pday, s->pn, s->psx);
		recent_add(tm, s->pday, s->pn, s->psx);
		week_wait(tm, s->bounded, week_of(s->pday), s->pn, s->psx);
	}
	s->pn = 0;
	s->psx = 0;
	s->pday = 0;
}

void
stats_prefetch(const struct stats *s, int32_t day)
{
	if (s->tm == NULL)
		return;
	__builtin_prefetch(s->tm, 1);
	__builtin_prefetch(&s->tm->ring[ring_at(day)], 1);
}

void
stats_settle(struct stats *s)
{
	settle(s);
	if (s->tm != NULL)
		week_flush(s->tm, s->bounded);
}

/*
 * A summary read through a const pointer is settled all the same: what
 * it means does not change, only where its values are kept.
 */
static void
settled(const struct stats *s)
{
	if (s->pn != 0 || (s->tm != NULL && s->tm->wn != 0))
		stats_settle((struct stats *)(uintptr_t)s);
}

void
stats_add(struct stats *s, int64_t t, int32_t day, int64_t x)
{
	stats_i128 xi = x;
	int64_t sum;

	/* fold_ends for one value, written out: this runs for every cell. */
	if (s->n == 0) {
		s->min = s->max = s->first = s->last = x;
		s->tfirst = s->tlast = t;
	} else {
		if (x < s->min)
			s->min = x;
		if (x > s->max)
			s->max = x;
		if (t < s->tfirst || (t == s->tfirst && x < s->first)) {
			s->tfirst = t;
			s->first = x;
		}
		if (t > s->tlast || (t == s->tlast && x > s->last)) {
			s->tlast = t;
			s->last = x;
		}
	}
	s->n++;
	s->sx = wadd(s->sx, xi);
	s->sxx = wadd(s->sxx, xi * xi);
	if (s->pn != 0 && s->pday == day && s->pn < UINT16_MAX &&
	    !__builtin_add_overflow(s->psx, x, &sum)) {
		s->pn++;
		s->psx = sum;
		return;
	}
	settle(s);
	s->pday = day;
	s->pn = 1;
	s->psx = x;
}

void
stats_merge(struct stats *into, const struct stats *from)
{
	const struct stats_weeks *fw;
	struct stats_day fw_days[STATS_WINDOW];
	struct stats_time *in;
	int64_t lo, hi, last, keep;
	size_t i, off, skip, cnt;

	stats_settle(into);
	settled(from);
	if (from->n == 0)
		return;
	fold_ends(into, from->min, from->max, from->tfirst, from->first,
	    from->tlast, from->last);
	into->n += from->n;
	into->sx = wadd(into->sx, from->sx);
	into->sxx = wadd(into->sxx, from->sxx);
	into->sd = wadd(into->sd, from->sd);
	into->sdd = wadd(into->sdd, from->sdd);
	into->sxd = wadd(into->sxd, from->sxd);
	if (into->plain || from->tm == NULL) {
		time_free(into->tm);
		into->tm = NULL;
		into->plain = 1;
		return;
	}
	in = time_of(into);
	/* Only the weeks from holds whole, and of those only the ones the
	 * result keeps when it is bounded. */
	fw = &from->tm->weeks;
	lo = weeks_from(from);
	hi = weeks_last(fw);
	into->bounded |= from->bounded;
	if (into->bounded) {
		last = in->weeks.len > 0 && weeks_last(&in->weeks) > hi ?
		    weeks_last(&in->weeks) : hi;
		keep = last - 7 * (STATS_WEEKS - 1);
		lo = lo > keep ? lo : keep;
		weeks_bound(&in->weeks, last);
	}
	for (i = 0; i < from->tm->nbase; i++)
		base_add(in, from->tm->base[i].day, from->tm->base[i].n,
		    from->tm->base[i].sx);
	cnt = recent_days(from->tm, fw_days);
	for (i = 0; i < cnt; i++)
		recent_add(in, fw_days[i].day, fw_days[i].n, fw_days[i].sx);
	if (lo > hi)
		return;
	weeks_cover(&in->weeks, lo, hi);
	off = (size_t)((lo - in->weeks.first) / 7);
	skip = (size_t)((lo - fw->first) / 7);
	for (i = 0; i < (size_t)((hi - lo) / 7) + 1; i++) {
		in->weeks.n[off + i] += fw->n[skip + i];
		in->weeks.sx[off + i] = wadd(in->weeks.sx[off + i],
		    fw->sx[skip + i]);
	}
}

double
stats_mean(const struct stats *s)
{
	if (s->n <= 0)
		return NAN;
	return (double)(ratio(s->sx, s->n) / STATS_SCALE);
}

double
stats_sd(const struct stats *s)
{
	stats_i128 num;

	settled(s);
	if (s->n < 2 || !sums_fit(s) ||
	    !spread(s->n, s->sxx, s->sx, s->sx, &num) || num < 0)
		return NAN;
	return (double)(sqrtl(ratio(num, (stats_i128)s->n * (s->n - 1))) /
	    STATS_SCALE);
}

/*
 * n times the residual sum of squares, Sxx - Sxd^2 / Sdd.  With
 * Sxd = q Sdd + r it is (Sxx - q Sxd - q r) - r^2 / Sdd: the integer part
 * is exact and no larger than Sxx, so a perfect line gives exactly 0.
 */
static int
residual(stats_i128 sxx, stats_i128 sxd, stats_i128 sdd, long double *res)
{
	stats_i128 q, r, a, rest;

	divmod(sxd, sdd, &q, &r);
	if (!mul_fits(q, sxd, &a) || !sub_fits(sxx, a, &rest) ||
	    !mul_fits(q, r, &a) || !sub_fits(rest, a, &rest))
		return 0;
	*res = ld(rest) - ld(r) * (ld(r) / ld(sdd));
	if (*res < 0)
		*res = 0;
	return 1;
}

int
stats_trend(const struct stats *s, struct stats_trend *tr)
{
	stats_i128 sdd, sxd, sxx;
	long double b, res, half;

	settled(s);
	tr->n = s->n;
	tr->slope = tr->lo = tr->hi = NAN;
	if (s->n < 3 || !sums_fit(s) ||
	    !spread(s->n, s->sdd, s->sd, s->sd, &sdd) || sdd <= 0 ||
	    !spread(s->n, s->sxd, s->sx, s->sd, &sxd) ||
	    !spread(s->n, s->sxx, s->sx, s->sx, &sxx) ||
	    !residual(sxx, sxd, sdd, &res))
		return -1;
	b = ratio(sxd, sdd);
	half = stats_t975(s->n - 2) *
	    sqrtl(res / ((long double)(s->n - 2) * ld(sdd)));
	tr->slope = (double)(7 * b / STATS_SCALE);
	tr->lo = (double)(7 * (b - half) / STATS_SCALE);
	tr->hi = (double)(7 * (b + half) / STATS_SCALE);
	return 0;
}

double
stats_t975(int64_t df)
{
	static const double table[30] = {
		12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
		2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
		2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
		2.060, 2.056, 2.052, 2.048, 2.045, 2.042
	};
	const double z = 1.959964, z3 = z * z * z, z5 = z3 * z * z;
	const double z7 = z5 * z * z;
	double d = (double)df;

	if (df <= 0)
		return NAN;
	if (df <= 30)
		return table[df - 1];
	/* Cornish-Fisher: within 2e-6 of the exact quantile past 30. */
	return z + (z3 + z) / (4 * d) +
	    (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d) +
	    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * d * d * d);
}

int
stats_window(const struct stats *s, int recent, double *mean, int64_t *n,
    int *days)
{
	struct stats_day rw[STATS_WINDOW];
	const struct stats_day *w = NULL;
	size_t cnt = 0, i;
	stats_i128 sx = 0;
	int64_t k = 0;

	settled(s);
	if (s->tm != NULL && recent) {
		cnt = recent_days(s->tm, rw);
		w = rw;
	} else if (s->tm != NULL) {
		w = s->tm->base;
		cnt = s->tm->nbase;
	}

	for (i = 0; i < cnt; i++) {
		k += w[i].n;
		sx = wadd(sx, w[i].sx);
	}
	if (mean != NULL)
		*mean = k > 0 ? (double)(ratio(sx, k) / STATS_SCALE) : NAN;
	if (n != NULL)
		*n = k;
	if (days != NULL)
		*days = (int)cnt;
	return k > 0 ? 0 : -1;
}

/*
 * A `from` that is not a Monday stands for the week holding it.  All len
 * are filled unless the weeks would run past the last day int32 holds.
 */
size_t
stats_weekly(const struct stats *s, int32_t from, double *out, size_t len)
{
	const struct stats_weeks *w;
	int64_t mon = week_of(from), at, whole;
	size_t i;

	settled(s);
	w = s->tm != NULL ? &s->tm->weeks : NULL;
	if (w != NULL && w->len == 0)
		w = NULL;
	whole = w != NULL ? weeks_from(s) : 0;
	for (i = 0; i < len && mon <= INT32_MAX; i++, mon += 7) {
		at = w != NULL ? (mon - w->first) / 7 : 0;
		if (w != NULL && mon >= whole && at < (int64_t)w->len &&
		    w->n[at] > 0)
			out[i] = (double)(ratio(w->sx[at], w->n[at]) /
			    STATS_SCALE);
		else
			out[i] = NAN;
	}
	return i;
}

static void
put_i128(struct strbuf *sb, int sep, stats_i128 v)
{
	char buf[48], *p = buf + sizeof(buf);
	stats_u128 u = mag(v);
	uint64_t w;

	/* Digits past 64 bits cost a call each: most numbers have none. */
	while (u >> 64 != 0) {
		*--p = (char)('0' + (int)(u % 10));
		u /= 10;
	}
	w = (uint64_t)u;
	do
		*--p = (char)('0' + (int)(w % 10));
	while ((w /= 10) != 0);
	if (v < 0)
		*--p = '-';
	if (sep != 0)
		*--p = (char)sep;
	sb_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

static void
put_window(struct strbuf *sb, const struct stats_day *w, size_t cnt)
{
	size_t i;

	put_i128(sb, ';', (stats_i128)cnt);
	for (i = 0; i < cnt; i++) {
		put_i128(sb, ' ', w[i].day);
		put_i128(sb, ' ', w[i].n);
		put_i128(sb, ' ', w[i].sx);
	}
}

/*
 * "1 N SX SXX SD SDD SXD MIN MAX TFIRST TLAST FIRST LAST;NBASE DAY N SX
 * ...;NRECENT DAY N SX ...;WEEK1 WEEKS N SX ...", appended to sb: the
 * format version, the scalars, the two windows, the weekly series.
 */
static void
encode(struct strbuf *sb, const struct stats *s)
{
	const stats_i128 head[] = {
		s->n, s->sx, s->sxx, s->sd, s->sdd, s->sxd, s->min, s->max,
		s->tfirst, s->tlast, s->first, s->last
	};
	static const struct stats_time none;
	const struct stats_time *tm = s->tm != NULL ? s->tm : &none;
	struct stats_day rw[STATS_WINDOW];
	size_t i, rcnt, skip = 0, len = tm->weeks.len;
	int64_t first = tm->weeks.first;

	/* A bounded summary's weeks as one pass would leave them. */
	if (s->tm != NULL && len > 0 && s->bounded) {
		first = weeks_from(s);
		skip = (size_t)((first - tm->weeks.first) / 7);
		len -= skip;
	}
	put_i128(sb, 0, s->bounded && !s->plain ? ENC_BOUNDED : ENC_VERSION);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		put_i128(sb, ' ', head[i]);
	put_window(sb, tm->base, tm->nbase);
	rcnt = recent_days(tm, rw);
	put_window(sb, rw, rcnt);
	put_i128(sb, ';', first);
	put_i128(sb, ' ', (stats_i128)len);
	for (i = skip; i < skip + len; i++) {
		put_i128(sb, ' ', tm->weeks.n[i]);
		put_i128(sb, ' ', tm->weeks.sx[i]);
	}
}

void
stats_encode(struct strbuf *sb, const struct stats *s)
{
	settled(s);
	encode(sb, s);
}

/* Reading the text form: the first problem found, and where. */
struct cursor {
	const char *start, *p;
	const char *why;
	size_t at;
};

static int
fail(struct cursor *c, const char *why)
{
	if (c->why == NULL) {
		c->why = why;
		c->at = (size_t)(c->p - c->start);
	}
	return -1;
}

/*
 * After the separator sep (none when 0), one integer in [lo, hi] written
 * the way put_i128 writes it: no '+', no leading zeros, no "-0".
 */
static int
get_num(struct cursor *c, int sep, stats_i128 lo, stats_i128 hi,
    stats_i128 *v)
{
	const char *p = c->p, *start;
	stats_u128 u = 0, lim;
	uint64_t small = 0;
	int neg = 0;

	if (c->why != NULL)
		return -1;
	if (sep != 0 && *p != sep)
		return fail(c, *p == '\0' ? "it is cut short" :
		    "a separator is missing");
	p += sep != 0;
	neg = *p == '-';
	p += neg;
	lim = (stats_u128)I128_MAX + (stats_u128)neg;
	if (!isdig(*p) || (*p == '0' && (neg || isdig(p[1]))))
		return fail(c, *p == '\0' ? "it is cut short" :
		    "a number is malformed");
	start = p;
	/* Up to 18 digits fit in 64 bits: most numbers end there. */
	for (; isdig(*p) && p - start < 18; p++)
		small = small * 10 + (uint64_t)(*p - '0');
	u = small;
	for (; isdig(*p); p++) {
		if (u > (lim - (stats_u128)(*p - '0')) / 10)
			return fail(c, "a number is out of range");
		u = u * 10 + (stats_u128)(*p - '0');
	}
	*v = neg && u != 0 ? -(stats_i128)(u - 1) - 1 : (stats_i128)u;
	if (*v < lo || *v > hi)
		return fail(c, "a number is out of range");
	c->p = p;
	return 0;
}

static int
get_head(struct cursor *c, struct stats *s)
{
	stats_i128 v[13];
	size_t i;

	if (get_num(c, 0, ENC_VERSION, ENC_BOUNDED, &v[0]) == -1)
		return -1;
	s->bounded = v[0] == ENC_BOUNDED;
	for (i = 1; i < 13; i++)
		if (get_num(c, ' ', i >= 2 && i <= 6 ? I128_MIN : INT64_MIN,
		    i >= 2 && i <= 6 ? I128_MAX : INT64_MAX, &v[i]) == -1)
			return -1;
	if (v[1] < 0)
		return fail(c, "the count is negative");
	s->n = (int64_t)v[1];
	s->sx = v[2];
	s->sxx = v[3];
	s->sd = v[4];
	s->sdd = v[5];
	s->sxd = v[6];
	s->min = (int64_t)v[7];
	s->max = (int64_t)v[8];
	s->tfirst = (int64_t)v[9];
	s->tlast = (int64_t)v[10];
	s->first = (int64_t)v[11];
	s->last = (int64_t)v[12];
	return 0;
}

static int
get_window(struct cursor *c, struct stats_day *w, size_t *cnt)
{
	stats_i128 k, day, n, sx;
	size_t i;

	if (get_num(c, ';', 0, STATS_WINDOW, &k) == -1)
		return -1;
	for (i = 0; i < (size_t)k; i++) {
		if (get_num(c, ' ', INT32_MIN, INT32_MAX, &day) == -1 ||
		    get_num(c, ' ', 1, INT64_MAX, &n) == -1 ||
		    get_num(c, ' ', I128_MIN, I128_MAX, &sx) == -1)
			return -1;
		if (i > 0 && day <= w[i - 1].day)
			return fail(c, "window days are not in order");
		if (i > 0 && day - w[0].day >= STATS_WINDOW)
			return fail(c, "a window is too long");
		w[i].day = (int32_t)day;
		w[i].n = (int64_t)n;
		w[i].sx = sx;
		*cnt = i + 1;
	}
	return 0;
}

static int
get_weeks(struct cursor *c, struct stats_weeks *w)
{
	stats_i128 first, len, n, sx;
	size_t i;

	if (get_num(c, ';', INT32_MIN, INT32_MAX, &first) == -1 ||
	    get_num(c, ' ', 0, ((stats_i128)INT32_MAX - first) / 7 + 1,
	    &len) == -1)
		return -1;
	if (len == 0 ? first != 0 : week_of(first) != first)
		return fail(c, "the weeks do not start on a Monday");
	/* Each week takes at least 4 bytes: no allocating for a lie. */
	if ((size_t)len > strlen(c->p) / 4)
		return fail(c, "it is cut short");
	if (len > 0)
		weeks_cover(w, first, first + 7 * (len - 1));
	for (i = 0; i < (size_t)len; i++) {
		if (get_num(c, ' ', 0, INT64_MAX, &n) == -1 ||
		    get_num(c, ' ', I128_MIN, I128_MAX, &sx) == -1)
			return -1;
		w->n[i] = (int64_t)n;
		w->sx[i] = sx;
	}
	return 0;
}

/*
 * The first base day and the ring of a time just read, from its base
 * window and its recent days in order, which lie within 14 days.
 */
static void
time_fill(struct stats_time *tm, const struct stats_day *rw, size_t nrecent)
{
	size_t i;

	if (tm->nbase > 0)
		tm->bfirst = tm->base[0].day;
	for (i = 0; i < nrecent; i++)
		recent_add(tm, rw[i].day, rw[i].n, rw[i].sx);
}

/* The counts and days must agree with each other, as add() leaves them. */
static const char *
inconsistent(const struct stats *s, const struct stats_time *tm,
    const struct stats_day *rw, size_t nrecent)
{
	const struct stats_weeks *w = &tm->weeks;
	stats_i128 total = 0, more;
	int64_t first;
	size_t i;
	int none = tm->nbase == 0 && nrecent == 0 && w->len == 0;
	int whole = 1;

	if (s->n == 0)
		return s->sx || s->sxx || s->sd || s->sdd || s->sxd ||
		    s->min || s->max || s->tfirst || s->tlast || s->first ||
		    s->last || !none ? "an empty summary holds values" : NULL;
	if (s->min > s->max || s->first < s->min || s->first > s->max ||
	    s->last < s->min || s->last > s->max || s->tfirst > s->tlast)
		return "the extremes do not agree";
	if (none)	/* a plain summary */
		return NULL;
	if (tm->nbase == 0 || nrecent == 0 || w->len == 0)
		return "a window or the weeks are empty";
	for (i = 0; i < w->len; i++)
		total += w->n[i];
	/* A bounded one may have left its first values' weeks behind. */
	first = week_of(tm->base[0].day);
	if (s->bounded && first < weeks_last(w) - 7 * (STATS_WEEKS - 1)) {
		first = weeks_last(w) - 7 * (STATS_WEEKS - 1);
		whole = 0;
	}
	if (total > s->n || (whole && (total != s->n || w->n[0] == 0)) ||
	    w->n[w->len - 1] == 0)
		return "the weekly counts do not add up";
	if (first != w->first ||
	    week_of(rw[nrecent - 1].day) != weeks_last(w))
		return "the windows and the weeks do not agree";
	for (i = 0, total = 0; i < tm->nbase; i++)
		total += tm->base[i].n;
	for (i = 0, more = 0; i < nrecent; i++)
		more += rw[i].n;
	return total > s->n || more > s->n ?
	    "the window counts do not add up" : NULL;
}

/*
 * Fills s from scratch without freeing what it held: pass a new or freed
 * one.  After a failure s is empty again.
 */
int
stats_decode(const char *text, struct stats *s)
{
	struct cursor c = { text, text, NULL, 0 };
	struct stats_time *tm = xcalloc(1, sizeof(*tm));
	struct stats_day rw[STATS_WINDOW];
	size_t nrecent = 0;
	const char *why;

	stats_init(s);
	tm->weeks.n = NULL;
	tm->weeks.sx = NULL;
	if (get_head(&c, s) == 0 &&
	    get_window(&c, tm->base, &tm->nbase) == 0 &&
	    get_window(&c, rw, &nrecent) == 0 &&
	    get_weeks(&c, &tm->weeks) == 0 && *c.p != '\0')
		fail(&c, "it goes on past its end");
	if (c.why == NULL && (why = inconsistent(s, tm, rw, nrecent)) != NULL)
		fail(&c, why);
	if (c.why == NULL)
		time_fill(tm, rw, nrecent);
	if (c.why == NULL && s->n > 0 && tm->nbase == 0 && s->bounded)
		fail(&c, "a bounded summary has no weeks");
	if (c.why == NULL && s->n > 0 && tm->nbase == 0) {
		s->plain = 1;	/* written without windows and weeks */
		time_free(tm);
	} else if (c.why == NULL && s->n > 0)
		s->tm = tm;
	else
		time_free(tm);
	if (c.why == NULL)
		return 0;
	st_seterr("stats: bad summary at byte %zu: %s", c.at, c.why);
	stats_free(s);
	s->plain = s->bounded = 0;
	return -1;
}

/* n bytes from *p to dst, if there are as many before end. */
static int
take(const char **p, const char *end, void *dst, size_t n)
{
	if ((size_t)(end - *p) < n)
		return -1;
	memcpy(dst, *p, n);
	*p += n;
	return 0;
}

/* The sizes of a full summary's windows and weeks, packed before them. */
struct packed_time {
	size_t nbase, nrecent, nweeks;
	int32_t first;
};

static void
pack(struct strbuf *sb, const struct stats *s)
{
	struct stats head;
	struct packed_time pt;
	struct stats_day rw[STATS_WINDOW];

	/* Copied and cleared byte for byte: the padding goes out too, and
	 * an assignment need not copy it. */
	memcpy(&head, s, sizeof(head));
	memset(&pt, 0, sizeof(pt));
	head.tm = NULL;
	if (s->tm != NULL) {
		pt.nrecent = recent_days(s->tm, rw);
		pt.nbase = s->tm->nbase;
		pt.nweeks = s->tm->weeks.len;
		pt.first = s->tm->weeks.first;
	}
	sb_add(sb, (const char *)&head, sizeof(head));
	sb_add(sb, (const char *)&pt, sizeof(pt));
	if (s->tm == NULL)
		return;
	sb_add(sb, (const char *)s->tm->base, pt.nbase * sizeof(*rw));
	sb_add(sb, (const char *)rw, pt.nrecent * sizeof(*rw));
	sb_add(sb, (const char *)s->tm->weeks.n,
	    pt.nweeks * sizeof(*s->tm->weeks.n));
	sb_add(sb, (const char *)s->tm->weeks.sx,
	    pt.nweeks * sizeof(*s->tm->weeks.sx));
}

void
stats_pack(struct strbuf *sb, const struct stats *s)
{
	settled(s);
	pack(sb, s);
}

int
stats_unpack(const char **p, const char *end, struct stats *s)
{
	struct stats_day rw[STATS_WINDOW];
	struct packed_time pt;
	struct stats_time *tm;

	stats_init(s);
	if (take(p, end, s, sizeof(*s)) == -1)
		return -1;
	/* The sender's pointer means nothing here; it settled first. */
	s->tm = NULL;
	if (s->pn != 0 || s->psx != 0)
		goto bad;
	if (take(p, end, &pt, sizeof(pt)) == -1 ||
	    pt.nbase > STATS_WINDOW || pt.nrecent > STATS_WINDOW ||
	    pt.nweeks > (size_t)(end - *p) / sizeof(*tm->weeks.sx))
		goto bad;
	if (pt.nbase == 0 && pt.nrecent == 0 && pt.nweeks == 0)
		return 0;
	tm = s->tm = time_of(s);
	tm->nbase = pt.nbase;
	if (pt.nweeks > 0) {
		tm->weeks.n = xreallocarray(NULL, weeks_cap(pt.nweeks),
		    sizeof(*tm->weeks.n));
		tm->weeks.sx = xreallocarray(NULL, weeks_cap(pt.nweeks),
		    sizeof(*tm->weeks.sx));
	}
	tm->weeks.len = pt.nweeks;
	tm->weeks.first = pt.first;
	if (take(p, end, tm->base, pt.nbase * sizeof(*tm->base)) == 0 &&
	    take(p, end, rw, pt.nrecent * sizeof(*rw)) == 0 &&
	    take(p, end, tm->weeks.n, pt.nweeks * sizeof(*tm->weeks.n)) == 0 &&
	    take(p, end, tm->weeks.sx, pt.nweeks * sizeof(*tm->weeks.sx)) ==
	    0) {
		time_fill(tm, rw, pt.nrecent);
		return 0;
	}
bad:
	stats_free(s);
	s->plain = s->bounded = 0;
	return -1;
}

/*
 * The bitmap covers whole 64-day words aligned on multiples of 64, from
 * the word of the first set day to that of the last: a function of the
 * set alone, so merged maps encode the same as one built in one pass.
 */
void
daymap_init(struct daymap *m)
{
	m->first = 0;
	m->nbits = 0;
	m->bits = NULL;
	memset(m->in, 0, sizeof(m->in));
}

/* Where a map's words are: in the map, or in memory of their own. */
static uint64_t *
words(struct daymap *m)
{
	return m->nbits > 64 * DAYMAP_IN ? m->bits : m->in;
}

static const uint64_t *
cwords(const struct daymap *m)
{
	return m->nbits > 64 * DAYMAP_IN ? m->bits : m->in;
}

/* Room for nw words, where words() will find them, zeroed. */
static uint64_t *
words_new(struct daymap *m, size_t nw)
{
	m->nbits = nw * 64;
	if (nw <= DAYMAP_IN)
		return m->in;
	return m->bits = xcalloc(nw, sizeof(*m->bits));
}

void
daymap_free(struct daymap *m)
{
	free(m->bits);
	daymap_init(m);
}

/* Make the words cover the days lo..hi. */
static void
daymap_cover(struct daymap *m, int64_t lo, int64_t hi)
{
	int64_t wlo = floordiv(lo, 64), whi = floordiv(hi, 64), o;
	size_t old = m->nbits / 64, nw, head = 0;
	uint64_t keep[DAYMAP_IN], *w;

	if (old > 0) {
		o = floordiv(m->first, 64);
		wlo = o < wlo ? o : wlo;
		whi = o + (int64_t)old - 1 > whi ? o + (int64_t)old - 1 : whi;
		if (wlo == o && whi == o + (int64_t)old - 1)
			return;
		head = (size_t)(o - wlo);
	}
	nw = (size_t)(whi - wlo) + 1;
	m->first = (int32_t)(wlo * 64);
	if (old > DAYMAP_IN) {
		m->bits = xreallocarray(m->bits, nw, sizeof(*m->bits));
		memmove(m->bits + head, m->bits, old * sizeof(*m->bits));
		memset(m->bits, 0, head * sizeof(*m->bits));
		memset(m->bits + head + old, 0,
		    (nw - head - old) * sizeof(*m->bits));
		m->nbits = nw * 64;
		return;
	}
	/* The words were in the map: moved within it, or out of it. */
	memcpy(keep, m->in, old * sizeof(*keep));
	memset(m->in, 0, sizeof(m->in));
	w = words_new(m, nw);
	memcpy(w + head, keep, old * sizeof(*keep));
}

void
daymap_set(struct daymap *m, int32_t day)
{
	int64_t i = (int64_t)day - m->first;

	if (m->nbits == 0 || i < 0 || i >= (int64_t)m->nbits) {
		daymap_cover(m, day, day);
		i = (int64_t)day - m->first;
	}
	words(m)[i / 64] |= (uint64_t)1 << (i % 64);
}

int
daymap_has(const struct daymap *m, int32_t day)
{
	int64_t i = (int64_t)day - m->first;

	if (i < 0 || i >= (int64_t)m->nbits)
		return 0;
	return (cwords(m)[i / 64] >> (i % 64)) & 1;
}

void
daymap_merge(struct daymap *into, const struct daymap *from)
{
	size_t i, off;

	if (from->nbits == 0)
		return;
	daymap_cover(into, from->first,
	    (int64_t)from->first + (int64_t)from->nbits - 1);
	off = (size_t)(((int64_t)from->first - into->first) / 64);
	for (i = 0; i < from->nbits / 64; i++)
		words(into)[off + i] |= cwords(from)[i];
}

static int
popcount(uint64_t w)
{
	int n;

	for (n = 0; w != 0; n++)
		w &= w - 1;
	return n;
}

static int
lowbit(uint64_t w)
{
	int i;

	for (i = 0; !(w & 1); i++)
		w >>= 1;
	return i;
}

int64_t
daymap_count(const struct daymap *m, int32_t from, int32_t to)
{
	int64_t lo = (int64_t)from - m->first, hi = (int64_t)to - m->first;
	int64_t i, n = 0;
	uint64_t w;

	lo = lo < 0 ? 0 : lo;
	hi = hi >= (int64_t)m->nbits ? (int64_t)m->nbits - 1 : hi;
	for (i = lo / 64; lo <= hi && i <= hi / 64; i++) {
		w = cwords(m)[i];
		if (i == lo / 64)
			w &= ~(uint64_t)0 << (lo % 64);
		if (i == hi / 64)
			w &= ~(uint64_t)0 >> (63 - hi % 64);
		n += popcount(w);
	}
	return n;
}

/*
 * The first bit index at or after i whose bit is `want`.  Past the
 * words every day is unset; a set one there is INT64_MAX, none.
 */
static int64_t
next_bit(const struct daymap *m, int64_t i, int want)
{
	size_t wi = (size_t)(i / 64), nw = m->nbits / 64;
	const uint64_t *b = cwords(m);
	uint64_t w;

	if (i >= (int64_t)m->nbits)
		return want ? INT64_MAX : i;
	w = (want ? b[wi] : ~b[wi]) & ~(uint64_t)0 << (i % 64);
	while (w == 0) {
		if (++wi >= nw)
			return want ? INT64_MAX : (int64_t)m->nbits;
		w = want ? b[wi] : ~b[wi];
	}
	return (int64_t)wi * 64 + lowbit(w);
}

int
daymap_span(const struct daymap *m, int32_t *first, int32_t *last)
{
	size_t wi = m->nbits / 64;
	int64_t i = next_bit(m, 0, 1);
	const uint64_t *b = cwords(m);
	int hb;

	if (i == INT64_MAX) {
		*first = *last = -1;
		return -1;
	}
	*first = (int32_t)(m->first + i);
	while (b[wi - 1] == 0)
		wi--;
	for (hb = 63; !((b[wi - 1] >> hb) & 1); hb--)
		;
	*last = (int32_t)(m->first + (int64_t)(wi - 1) * 64 + hb);
	return 0;
}

int32_t
daymap_longest_gap(const struct daymap *m)
{
	int64_t set = next_bit(m, 0, 1), unset, best = 0;

	while (set != INT64_MAX) {
		unset = next_bit(m, set, 0);
		set = next_bit(m, unset, 1);
		if (set != INT64_MAX && set - unset > best)
			best = set - unset;
	}
	return (int32_t)best;
}

/*
 * Day by day s = s k + (set ? 1 - k : 0), k = 0.5^(1 / halflife), from
 * 0 on the eve of the first set day; taken a run of days at a time, a
 * run of L set days leaves 1 - (1 - s) k^L and of L unset days s k^L.
 */
double
daymap_strength(const struct daymap *m, int32_t until, double halflife)
{
	int64_t end = (int64_t)until - m->first + 1, d, e;
	long double s = 0, k;

	if (!(halflife > 0))
		return NAN;
	d = next_bit(m, 0, 1);
	if (d >= end)
		return 0;
	k = powl(0.5L, 1.0L / halflife);
	for (;;) {
		e = next_bit(m, d, 0);
		e = e < end ? e : end;
		s = 1 - (1 - s) * powl(k, (long double)(e - d));
		if (e >= end)
			break;
		d = next_bit(m, e, 1);
		d = d < end ? d : end;
		s *= powl(k, (long double)(d - e));
		if (d >= end)
			break;
	}
	return (double)s;
}

/* "1 FIRST WORDS W ...": the format version, then the words in decimal. */
void
daymap_encode(struct strbuf *sb, const struct daymap *m)
{
	size_t i;

	put_i128(sb, 0, ENC_VERSION);
	put_i128(sb, ' ', m->first);
	put_i128(sb, ' ', (stats_i128)(m->nbits / 64));
	for (i = 0; i < m->nbits / 64; i++)
		put_i128(sb, ' ', cwords(m)[i]);
}

static int
get_words(struct cursor *c, struct daymap *m)
{
	stats_i128 v, first, nw;
	uint64_t *w;
	size_t i;

	if (get_num(c, 0, ENC_VERSION, ENC_VERSION, &v) == -1 ||
	    get_num(c, ' ', INT32_MIN, INT32_MAX, &first) == -1 ||
	    get_num(c, ' ', 0, ((stats_i128)INT32_MAX - first) / 64 + 1,
	    &nw) == -1)
		return -1;
	if (floordiv((int64_t)first, 64) * 64 != first ||
	    (nw == 0 && first != 0))
		return fail(c, "the first day is not on a word");
	/* Each word takes at least 2 bytes: no allocating for a lie. */
	if ((size_t)nw > strlen(c->p) / 2)
		return fail(c, "it is cut short");
	w = words_new(m, (size_t)nw);
	m->first = (int32_t)first;
	for (i = 0; i < (size_t)nw; i++) {
		if (get_num(c, ' ', 0, UINT64_MAX, &v) == -1)
			return -1;
		w[i] = (uint64_t)v;
	}
	if (nw > 0 && (w[0] == 0 || w[nw - 1] == 0))
		return fail(c, "an end word is empty");
	return 0;
}

/*
 * Fills m from scratch without freeing what it held: pass a new or freed
 * one.  After a failure m is empty again.
 */
int
daymap_decode(const char *text, struct daymap *m)
{
	struct cursor c = { text, text, NULL, 0 };

	daymap_init(m);
	if (get_words(&c, m) == 0 && *c.p != '\0')
		fail(&c, "it goes on past its end");
	if (c.why == NULL)
		return 0;
	st_seterr("stats: bad day set at byte %zu: %s", c.at, c.why);
	daymap_free(m);
	return -1;
}

void
daymap_pack(struct strbuf *sb, const struct daymap *m)
{
	sb_add(sb, (const char *)&m->first, sizeof(m->first));
	sb_add(sb, (const char *)&m->nbits, sizeof(m->nbits));
	sb_add(sb, (const char *)cwords(m), m->nbits / 64 * sizeof(uint64_t));
}

int
daymap_unpack(const char **p, const char *end, struct daymap *m)
{
	size_t nw, nbits;
	uint64_t *w;

	daymap_init(m);
	if (take(p, end, &m->first, sizeof(m->first)) == -1 ||
	    take(p, end, &nbits, sizeof(nbits)) == -1 || nbits % 64 != 0 ||
	    (nw = nbits / 64) > (size_t)(end - *p) / sizeof(*w))
		goto bad;
	w = words_new(m, nw);
	if (take(p, end, w, nw * sizeof(*w)) == 0)
		return 0;
bad:
	daymap_free(m);
	return -1;
}

void
dayseries_init(struct dayseries *d)
{
	memset(d, 0, sizeof(*d));
}

void
dayseries_free(struct dayseries *d)
{
	free(d->n);
	free(d->sx);
	dayseries_init(d);
}

/* Make the series hold day, growing at either end. */
static void
dayseries_cover(struct dayseries *d, int32_t day)
{
	int64_t first = d->len ? d->first : day, last;
	size_t len, head;

	last = d->len ? (int64_t)d->first + (int64_t)d->len - 1 : day;
	if (day < first)
		first = day;
	if (day > last)
		last = day;
	len = (size_t)(last - first + 1);
	if (len == d->len)
		return;
	head = d->len ? (size_t)(d->first - first) : 0;
	d->n = xreallocarray(d->n, len, sizeof(*d->n));
	d->sx = xreallocarray(d->sx, len, sizeof(*d->sx));
	memmove(d->n + head, d->n, d->len * sizeof(*d->n));
	memmove(d->sx + head, d->sx, d->len * sizeof(*d->sx));
	memset(d->n, 0, head * sizeof(*d->n));
	memset(d->sx, 0, head * sizeof(*d->sx));
	memset(d->n + head + d->len, 0, (len - head - d->len) *
	    sizeof(*d->n));
	memset(d->sx + head + d->len, 0, (len - head - d->len) *
	    sizeof(*d->sx));
	d->first = (int32_t)first;
	d->len = len;
}

void
dayseries_add(struct dayseries *d, int32_t day, int64_t x)
{
	size_t i;

	if (d->len == 0 || day < d->first ||
	    (int64_t)day - d->first >= (int64_t)d->len)
		dayseries_cover(d, day);
	i = (size_t)(day - d->first);
	d->n[i]++;
	d->sx[i] += x;
}

void
dayseries_merge(struct dayseries *into, const struct dayseries *from)
{
	size_t i, off;

	if (from->len == 0)
		return;
	dayseries_cover(into, from->first);
	dayseries_cover(into, (int32_t)(from->first + (int64_t)from->len - 1));
	off = (size_t)(from->first - into->first);
	for (i = 0; i < from->len; i++) {
		into->n[off + i] += from->n[i];
		into->sx[off + i] += from->sx[i];
	}
}

double
dayseries_mean_if(const struct dayseries *d, const struct daymap *days,
    int want, int shift, int64_t *ndays)
{
	stats_i128 sx = 0;
	int64_t n = 0;
	size_t i;
	int32_t day;

	*ndays = 0;
	for (i = 0; i < d->len; i++) {
		if (d->n[i] == 0)
			continue;
		day = (int32_t)(d->first + (int64_t)i);
		if (daymap_has(days, day - shift) != want)
			continue;
		(*ndays)++;
		n += d->n[i];
		sx += d->sx[i];
	}
	return n ? (double)((long double)sx / n / STATS_SCALE) : NAN;
}

void
dayseries_encode(struct strbuf *sb, const struct dayseries *d)
{
	size_t i, count = 0;

	for (i = 0; i < d->len; i++)
		count += d->n[i] != 0;
	sb_printf(sb, "1 %zu", count);
	for (i = 0; i < d->len; i++)
		if (d->n[i] != 0)
			sb_printf(sb, " %lld %lld %lld",
			    (long long)d->first + (long long)i,
			    (long long)d->n[i], (long long)d->sx[i]);
}

int
dayseries_decode(const char *text, struct dayseries *d)
{
	long long day, n, sx, prev = INT64_MIN;
	unsigned long count, i;
	int used;

	dayseries_init(d);
	if (sscanf(text, "1 %lu%n", &count, &used) != 1 || count > 10000000)
		goto bad;
	text += used;
	for (i = 0; i < count; i++, text += used) {
		if (sscanf(text, " %lld %lld %lld%n", &day, &n, &sx, &used) != 3
		    || day <= prev || day < INT32_MIN || day > INT32_MAX ||
		    n <= 0)
			goto bad;
		prev = day;
		dayseries_cover(d, (int32_t)day);
		d->n[day - d->first] = n;
		d->sx[day - d->first] = sx;
	}
	if (*text == '\0')
		return 0;
bad:
	dayseries_free(d);
	st_seterr("stats: bad day series");
	return -1;
}

void
dayseries_pack(struct strbuf *sb, const struct dayseries *d)
{
	sb_add(sb, (const char *)&d->first, sizeof(d->first));
	sb_add(sb, (const char *)&d->len, sizeof(d->len));
	sb_add(sb, (const char *)d->n, d->len * sizeof(*d->n));
	sb_add(sb, (const char *)d->sx, d->len * sizeof(*d->sx));
}

int
dayseries_unpack(const char **p, const char *end, struct dayseries *d)
{
	dayseries_init(d);
	if (take(p, end, &d->first, sizeof(d->first)) == -1 ||
	    take(p, end, &d->len, sizeof(d->len)) == -1 ||
	    d->len > (size_t)(end - *p) / (2 * sizeof(*d->n)))
		goto bad;
	if (d->len == 0)
		return 0;
	d->n = xreallocarray(NULL, d->len, sizeof(*d->n));
	d->sx = xreallocarray(NULL, d->len, sizeof(*d->sx));
	if (take(p, end, d->n, d->len * sizeof(*d->n)) == 0 &&
	    take(p, end, d->sx, d->len * sizeof(*d->sx)) == 0)
		return 0;
bad:
	d->len = 0;
	dayseries_free(d);
	return -1;
}
