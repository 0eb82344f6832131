/*
 * test_stats: lib/stats.c.  Every expected number was worked out by hand
 * (or with exact fractions in python3, as noted) from the definitions in
 * stats.h, never by running the code under test.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "unit.h"
#include "util.h"

#define S(v)	((int64_t)((v) * STATS_SCALE))	/* whole values only */
#define DAY	86400

/* got within tol of want, relative to want (absolute below 1). */
static void
near(double got, double want, double tol, const char *what)
{
	double scale = fabs(want) > 1 ? fabs(want) : 1;
	int ok = fabs(got - want) <= tol * scale;

	CHECK(ok, what);
	if (!ok)
		printf("#   got  %.17g\n#   want %.17g\n", got, want);
}

static void
same_double(double a, double b, const char *what)
{
	CHECK(memcmp(&a, &b, sizeof(a)) == 0, what);
}

static const char *
fmt(int64_t v, int dec)
{
	static char buf[64];

	stats_format(v, dec, buf, sizeof(buf));
	return buf;
}

static void
parse_is(const char *s, int64_t want)
{
	int64_t v = -7;
	char what[96];

	snprintf(what, sizeof(what), "parse [%s]", s);
	CHECK_INT(stats_parse(s, &v), 0, what);
	CHECK_INT(v, want, what);
}

static void
parse_rejects(const char *s)
{
	int64_t v = -7;
	char what[96];

	snprintf(what, sizeof(what), "reject [%s]", s);
	CHECK_INT(stats_parse(s, &v), -1, what);
	CHECK_INT(v, -7, "a rejected number leaves *scaled alone");
}

static void
test_parse(void)
{
	static const char *bad[] = {
		"", "  ", "1e3", "0x10", "nan", "inf", "1,5", "--1", ".",
		"+-1", "- 1", "1 2", "-", "+", "1.2.3", "1..2", "\xd9\xa1",
		"9000000000001", "9000000000000.0000005",
		"99999999999999999999999999", "-9000000000000.000001"
	};
	size_t i;

	parse_is("6", 6000000);
	parse_is("-2", -2000000);
	parse_is("+1", 1000000);
	parse_is("3.75", 3750000);
	parse_is(" \t4.5 ", 4500000);
	parse_is(".5", 500000);
	parse_is("5.", 5000000);
	parse_is("-0", 0);
	parse_is("007.25", 7250000);
	/* the seventh decimal rounds, half away from zero */
	parse_is("0.0000005", 1);
	parse_is("-0.0000005", -1);
	parse_is("0.00000049999", 0);
	parse_is("1.2345678", 1234568);
	parse_is("-1.2345674", -1234567);
	parse_is("0.9999995", 1000000);
	parse_is("2.50000000000000000000000001", 2500000);
	parse_is("9000000000000", 9000000000000000000LL);
	parse_is("-9000000000000", -9000000000000000000LL);
	parse_is("9000000000000.0000004", 9000000000000000000LL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		parse_rejects(bad[i]);
	stats_parse("1e3", &(int64_t){ 0 });
	CHECK_STR(st_error(), "\"1e3\" is not a plain decimal number",
	    "a bad number is named");
	stats_parse("\0339000000000001", &(int64_t){ 0 });
	CHECK_STR(st_error(), "\"?9000000000001\" is not a plain decimal "
	    "number", "control bytes are not echoed");
}

static void
test_format(void)
{
	char small[4];

	CHECK_STR(fmt(6500000, 1), "6.5", "6.5 at 1 decimal");
	CHECK_STR(fmt(6000000, 2), "6", "trailing zeros are cut");
	CHECK_STR(fmt(-2500000, 0), "-3", "-2.5 rounds away from zero");
	CHECK_STR(fmt(2500000, 0), "3", "2.5 rounds away from zero");
	CHECK_STR(fmt(-400000, 0), "0", "no minus zero");
	CHECK_STR(fmt(-4, 6), "-0.000004", "millionths");
	CHECK_STR(fmt(-4, 5), "0", "no minus zero after rounding");
	CHECK_STR(fmt(1234567, 6), "1.234567", "six decimals");
	CHECK_STR(fmt(1234567, 3), "1.235", "1.234567 to 3 is 1.235");
	CHECK_STR(fmt(-1234500, 3), "-1.235", "-1.2345 to 3 is -1.235");
	CHECK_STR(fmt(1050000, 1), "1.1", "1.05 to 1 is 1.1");
	CHECK_STR(fmt(1999999, 5), "2", "1.999999 to 5 carries into 2");
	CHECK_STR(fmt(1234567, 9), "1.234567", "more than 6 is 6");
	CHECK_STR(fmt(1500000, -1), "2", "fewer than 0 is 0");
	CHECK_STR(fmt(-9000000000000000000LL, 6), "-9000000000000",
	    "the limit");
	/* INT64_MIN is -9223372036854.775808: rounds to ...855 */
	CHECK_STR(fmt(INT64_MIN, 0), "-9223372036855", "INT64_MIN");
	stats_format(1234567, 6, small, sizeof(small));
	CHECK_STR(small, "1.2", "a short buffer truncates");
}

/* Days 0..6 with values 2, 4, 4, 4, 5, 5, 7, one a day at noon. */
static void
small_series(struct stats *s)
{
	static const int x[7] = { 2, 4, 4, 4, 5, 5, 7 };
	int d;

	stats_init(s);
	for (d = 0; d < 7; d++)
		stats_add(s, (int64_t)d * DAY + DAY / 2, d, S(x[d]));
}

static void
test_small(void)
{
	struct stats s;
	struct stats_trend tr;

	small_series(&s);
	/* sum 31, mean 31/7 = 4.4285714285714... */
	near(stats_mean(&s), 31.0 / 7, 1e-15, "mean of the small series");
	/*
	 * sum of squares 4 + 3*16 + 2*25 + 49 = 151; n sxx - sx^2 =
	 * 7*151 - 31^2 = 96; variance 96 / (7*6) = 16/7; sd = 4 / sqrt(7)
	 * = 1.5118578920369089.
	 */
	near(stats_sd(&s), 4 / sqrt(7), 1e-15, "sd of the small series");
	CHECK_INT(s.min, S(2), "min");
	CHECK_INT(s.max, S(7), "max");
	CHECK_INT(s.first, S(2), "first");
	CHECK_INT(s.last, S(7), "last");
	/*
	 * sd = 21, sdd = 91, sxd = 4 + 8 + 12 + 20 + 25 + 42 = 111.
	 * Sdd = 7*91 - 21^2 = 196; Sxd = 7*111 - 31*21 = 126; Sxx = 96.
	 * b = 126/196 = 9/14 a day, 9/2 = 4.5 a week.  Residual:
	 * 96 - 126^2/196 = 96 - 81 = 15; s2 = 15 / (7*5) = 3/7;
	 * se = sqrt(s2 / (Sdd/7)) = sqrt(3/196) = sqrt(3)/14 a day, so
	 * sqrt(3)/2 a week; t975(5) = 2.571: 4.5 -+ 2.571 * 0.8660254...
	 * = 2.2734486868702084 .. 6.726551313129791.
	 */
	CHECK_INT(stats_trend(&s, &tr), 0, "the small series has a trend");
	CHECK_INT(tr.n, 7, "trend n");
	near(tr.slope, 4.5, 1e-15, "slope 4.5 a week");
	near(tr.lo, 4.5 - 2.571 * sqrt(3) / 2, 1e-14, "ci low");
	near(tr.lo, 2.2734486868702084, 1e-14, "ci low by number");
	near(tr.hi, 6.726551313129791, 1e-14, "ci high");
	stats_free(&s);
}

static void
test_lines(void)
{
	struct stats s;
	struct stats_trend tr;
	int d;

	/* x = 3 + 0.25 d on days 10..19: 1.75 a week, no residual. */
	stats_init(&s);
	for (d = 19; d >= 10; d--)
		stats_add(&s, (int64_t)d * DAY, d, S(3) + 250000LL * d);
	CHECK_INT(stats_trend(&s, &tr), 0, "a line has a trend");
	CHECK(tr.slope == 1.75, "the line's slope is exactly 1.75");
	CHECK(tr.lo == tr.slope && tr.hi == tr.slope,
	    "a perfect line has a zero-width interval");
	/* mean at day 14.5: 3 + 0.25 * 14.5 = 6.625, exact in binary */
	CHECK(stats_mean(&s) == 6.625, "the line's mean is exact");
	stats_free(&s);

	/* Falling: x = 100 - 2 d on days -3..3 (before 1970 too). */
	stats_init(&s);
	for (d = -3; d <= 3; d++)
		stats_add(&s, (int64_t)d * DAY, d, S(100 - 2 * d));
	CHECK_INT(stats_trend(&s, &tr), 0, "a falling line");
	CHECK(tr.slope == -14 && tr.lo == -14 && tr.hi == -14,
	    "-2 a day is -14 a week, exactly");
	stats_free(&s);
}

/*
 * Days 0..39, x = 5 + d/10 + ((37 d mod 11) - 5)/10: 4.5, 5.0, 5.5, 4.9,
 * ...  In exact fractions (python3 fractions, statistics): n = 40,
 * mean 6.935, Sdd' = sum (d - 19.5)^2 = 40 (40^2 - 1) / 12 = 5330,
 * Sxd' = 537.6, Sxx' = 58.271; b = 537.6 / 5330 = 1344/13325 =
 * 0.10086303939962477 a day (statistics.linear_regression agrees),
 * 0.7060412757973734 a week; RSS = 58.271 - 537.6^2/5330 =
 * 2157067/533000; s2 = RSS/38; se = sqrt(s2/5330) = 0.004470054416385051;
 * t975(38) by the Cornish-Fisher series = 2.0243934089343165 (the exact
 * quantile is 2.0243941639); ci = 7 (b -+ t se) =
 * 0.64269723491062 .. 0.7693853166841268.  Sample sd 1.222345370641295.
 */
static void
test_noisy(void)
{
	struct stats s;
	struct stats_trend tr;
	int d;

	stats_init(&s);
	for (d = 0; d < 40; d++)
		stats_add(&s, (int64_t)d * DAY, d,
		    S(5) + 100000LL * d + 100000LL * ((37 * d) % 11 - 5));
	near(stats_mean(&s), 6.935, 1e-15, "noisy mean");
	near(stats_sd(&s), 1.222345370641295, 1e-14, "noisy sd");
	CHECK_INT(stats_trend(&s, &tr), 0, "noisy trend");
	near(tr.slope, 0.7060412757973734, 1e-14, "noisy slope");
	near(tr.lo, 0.64269723491062, 1e-13, "noisy ci low");
	near(tr.hi, 0.7693853166841268, 1e-13, "noisy ci high");
	stats_free(&s);
}

static void
test_no_trend(void)
{
	struct stats s;
	struct stats_trend tr = { 1, 1, 1, 0 };
	int i;

	stats_init(&s);
	CHECK(isnan(stats_mean(&s)), "no mean of nothing");
	CHECK(isnan(stats_sd(&s)), "no sd of nothing");
	CHECK_INT(stats_trend(&s, &tr), -1, "no trend of nothing");
	stats_add(&s, 0, 0, S(1));
	CHECK(isnan(stats_sd(&s)), "no sd of one value");
	stats_add(&s, DAY, 1, S(2));
	CHECK_INT(stats_trend(&s, &tr), -1, "two values give no trend");
	CHECK_INT(tr.n, 2, "but say how many there were");
	CHECK(isnan(tr.slope), "and no slope");
	stats_free(&s);

	stats_init(&s);
	for (i = 0; i < 5; i++)
		stats_add(&s, 100 * DAY + i, 100, S(i));
	CHECK_INT(stats_trend(&s, &tr), -1, "all on one day: no trend");
	/* 0..4: mean 2, squares sum 10, variance 10/4 */
	near(stats_sd(&s), sqrt(2.5), 1e-15, "but an sd");
	stats_free(&s);
}

static void
test_signs_and_decimals(void)
{
	static const char *v[] = { "-1.5", "-2.25", "0.75" };
	struct stats s;
	int64_t x;
	size_t i;

	stats_init(&s);
	for (i = 0; i < 3; i++) {
		unit_must(stats_parse(v[i], &x) == 0, v[i]);
		stats_add(&s, (int64_t)i, 0, x);
	}
	/* -3 / 3 = -1; deviations -0.5, -1.25, 1.75: squares 4.875, / 2 */
	CHECK(stats_mean(&s) == -1, "mean of negatives is exactly -1");
	near(stats_sd(&s), sqrt(2.4375), 1e-15, "sd of negatives");
	CHECK_STR(fmt(s.min, 2), "-2.25", "min");
	CHECK_STR(fmt(s.max, 2), "0.75", "max");
	stats_free(&s);

	/* 0.1 + 0.2 + 0.3 in doubles is 0.6000000000000001; here 0.6. */
	stats_init(&s);
	stats_add(&s, 0, 0, 100000);
	stats_add(&s, 1, 0, 200000);
	stats_add(&s, 2, 0, 300000);
	CHECK(stats_mean(&s) == 0.2, "0.1, 0.2, 0.3 average exactly 0.2");
	/* variance ((-0.1)^2 + 0 + 0.1^2) / 2 = 0.01 */
	near(stats_sd(&s), 0.1, 1e-15, "and have sd 0.1");
	stats_free(&s);
}

static void
test_ends(void)
{
	static const int64_t t[5] = { 100, 100, 200, 200, 150 };
	static const int x[5] = { 5, 3, 7, 9, 1 };
	struct stats a, b, one;
	int i;

	stats_init(&a);
	stats_init(&b);
	stats_init(&one);
	for (i = 0; i < 5; i++) {
		stats_add(&one, t[i], 0, S(x[i]));
		stats_add(i % 2 ? &a : &b, t[i], 0, S(x[i]));
	}
	CHECK_INT(one.first, S(3), "first: the smaller of a tie");
	CHECK_INT(one.last, S(9), "last: the larger of a tie");
	CHECK_INT(one.tfirst, 100, "first instant");
	CHECK_INT(one.tlast, 200, "last instant");
	stats_merge(&a, &b);
	CHECK_INT(a.first, S(3), "merged first tie");
	CHECK_INT(a.last, S(9), "merged last tie");
	stats_free(&a);
	stats_free(&b);
	stats_free(&one);
}

static void
window_is(const struct stats *s, int recent, double mean, int64_t n,
    int days, const char *what)
{
	double m = 0;
	int64_t k = 0;
	int d = 0;

	CHECK_INT(stats_window(s, recent, &m, &k, &d), 0, what);
	near(m, mean, 1e-15, what);
	CHECK_INT(k, n, what);
	CHECK_INT(d, days, what);
}

static void
test_windows(void)
{
	/* (day, value), out of order */
	static const int in[8][2] = {
		{ 10, 1 }, { 12, 3 }, { 30, 5 }, { 23, 7 }, { 8, 2 },
		{ 9, 4 }, { 22, 6 }, { 12, 5 }
	};
	struct stats s, sorted;
	struct strbuf a = { 0 }, b = { 0 };
	int i, d;

	stats_init(&s);
	stats_init(&sorted);
	CHECK_INT(stats_window(&s, 0, NULL, NULL, NULL), -1, "empty window");
	for (i = 0; i < 8; i++)
		stats_add(&s, i, in[i][0], S(in[i][1]));
	/*
	 * Base: first day 8, so days 8..21: 8 (2), 9 (4), 10 (1), 12 (3, 5):
	 * 15 / 5 = 3 over 4 days.  Day 23 came in while the first day was
	 * 10 and had to go when day 8 came.  Recent: last day 30, so days
	 * 17..30: 22 (6), 23 (7), 30 (5): 18 / 3 = 6.
	 */
	window_is(&s, 0, 3, 5, 4, "base window");
	window_is(&s, 1, 6, 3, 3, "recent window");
	for (d = 0; d <= 30; d++)
		for (i = 0; i < 8; i++)
			if (in[i][0] == d)
				stats_add(&sorted, i, d, S(in[i][1]));
	stats_encode(&a, &s);
	stats_encode(&b, &sorted);
	CHECK_STR(a.s, b.s, "the order of rows does not matter");
	stats_free(&s);

	/* days 100..113 fill the window; day 99 pushes 113 out */
	stats_init(&s);
	for (d = 100; d < 114; d++)
		stats_add(&s, d, d, S(d - 100));
	window_is(&s, 0, 6.5, 14, 14, "a full window: 0..13 average 6.5");
	stats_add(&s, 99, 99, S(-1));
	/* -1 + 0 + ... + 12 = 77, over 14 */
	window_is(&s, 0, 77.0 / 14, 14, 14, "an earlier day evicts");
	CHECK_INT(s.tm->base[0].day, 99, "the window starts on the new day");
	CHECK_INT(s.tm->base[13].day, 112, "and ends 13 days later");
	/* recent: 100..113 still; 99 is 14 days before 113 */
	window_is(&s, 1, 6.5, 14, 14, "the recent window keeps 100..113");
	stats_free(&s);
	stats_free(&sorted);
	sb_free(&a);
	sb_free(&b);
}

static void
test_weekly(void)
{
	struct stats s;
	double out[6];
	int i;

	/*
	 * 2020-12-28 is day 18624 (51 years, 13 of them leap: 18628 is
	 * 2021-01-01, a Friday: (18628 + 3) mod 7 = 4, Monday 18624).  Its
	 * ISO week (2020-W53) runs to Sunday 2021-01-03, day 18630.
	 */
	stats_init(&s);
	stats_add(&s, 0, 18624, S(1));		/* Mon 2020-12-28 */
	stats_add(&s, 0, 18630, S(3));		/* Sun 2021-01-03 */
	stats_add(&s, 0, 18631, S(10));		/* Mon 2021-01-04 */
	stats_add(&s, 0, 18645, S(4));		/* Mon 2021-01-18 */
	stats_settle(&s);
	CHECK_INT(s.tm->weeks.first, 18624, "the first week's Monday");
	CHECK_INT(s.tm->weeks.len, 4, "four weeks held");
	CHECK_INT(stats_weekly(&s, 18617, out, 6), 6, "six weeks filled");
	CHECK(isnan(out[0]), "the week before: nothing");
	CHECK(out[1] == 2, "2020-W53: (1 + 3) / 2");
	CHECK(out[2] == 10, "2021-W01: 10");
	CHECK(isnan(out[3]), "2021-W02: nothing");
	CHECK(out[4] == 4, "2021-W03: 4");
	CHECK(isnan(out[5]), "after the last: nothing");
	CHECK_INT(stats_weekly(&s, 18626, out, 1), 1, "a Wednesday");
	CHECK(out[0] == 2, "stands for its week");
	stats_free(&s);

	/*
	 * Around 1970-01-01 (Thursday, day 0): day -4 is Sunday 1969-12-28
	 * (week of Monday -10), -3 is Monday 1969-12-29, 3 is Sunday
	 * 1970-01-04 (still week -3), 4 is Monday 1970-01-05.
	 */
	stats_init(&s);
	stats_add(&s, 0, 4, S(8));
	stats_add(&s, 0, -4, S(1));
	stats_add(&s, 0, 3, S(4));
	stats_add(&s, 0, -3, S(2));
	stats_settle(&s);
	CHECK_INT(s.tm->weeks.first, -10, "Monday before 1970 with floor mod");
	CHECK_INT(stats_weekly(&s, -10, out, 3), 3, "three weeks");
	CHECK(out[0] == 1 && out[1] == 3 && out[2] == 8,
	    "weeks -10, -3, 4: 1, (2 + 4) / 2, 8");
	for (i = 0; i < 6; i++)
		out[i] = 0;
	/* INT32_MAX is a Friday; the next Monday is past int32 */
	CHECK_INT(stats_weekly(&s, INT32_MAX, out, 3), 1,
	    "weeks stop at the end of int32");
	CHECK(isnan(out[0]) && out[1] == 0, "and fill no further");
	stats_free(&s);
}

static uint64_t lcg_state;

/* Knuth's MMIX constants; the top bits are the good ones. */
static uint32_t
lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL +
	    1442695040888963407ULL;
	return (uint32_t)(lcg_state >> 33);
}

struct obs {
	int64_t t;
	int32_t day;
	int64_t x;
};

#define NOBS 1000

/* Values in [-50, 50] with six decimals over 400 days, some ties in t. */
static void
make_series(struct obs *o)
{
	int i;

	lcg_state = 20261123;
	for (i = 0; i < NOBS; i++) {
		o[i].day = 19000 + (int32_t)(lcg() % 400);
		o[i].t = (int64_t)o[i].day * DAY + lcg() % DAY;
		o[i].x = (int64_t)(lcg() % 100000001) - 50000000;
		if (i % 10 == 9) {
			o[i].t = o[i - 1].t;
			o[i].day = o[i - 1].day;
		}
	}
}

/* Every derived number, bit for bit. */
static void
same_numbers(const struct stats *a, const struct stats *b, const char *what)
{
	struct stats_trend ta, tb;
	double wa[70], wb[70], ma, mb;

	same_double(stats_mean(a), stats_mean(b), what);
	same_double(stats_sd(a), stats_sd(b), what);
	CHECK(stats_trend(a, &ta) == 0 && stats_trend(b, &tb) == 0, what);
	same_double(ta.slope, tb.slope, what);
	same_double(ta.lo, tb.lo, what);
	same_double(ta.hi, tb.hi, what);
	stats_window(a, 0, &ma, NULL, NULL);
	stats_window(b, 0, &mb, NULL, NULL);
	same_double(ma, mb, what);
	stats_window(a, 1, &ma, NULL, NULL);
	stats_window(b, 1, &mb, NULL, NULL);
	same_double(ma, mb, what);
	stats_weekly(a, a->tm->weeks.first - 7, wa, 70);
	stats_weekly(b, a->tm->weeks.first - 7, wb, 70);
	CHECK(memcmp(wa, wb, sizeof(wa)) == 0, what);
}

static void
same_text(const struct stats *a, const struct stats *b, const char *what)
{
	struct strbuf x = { 0 }, y = { 0 };

	stats_encode(&x, a);
	stats_encode(&y, b);
	CHECK(x.len == y.len && memcmp(x.s, y.s, x.len) == 0, what);
	sb_free(&x);
	sb_free(&y);
}

/* Through text and back: the same bytes and the same numbers. */
static void
test_roundtrip_big(const struct stats *one)
{
	struct stats back;
	struct strbuf a = { 0 }, b = { 0 };

	stats_encode(&a, one);
	CHECK(strpbrk(a.s, ",\"\n\r\t") == NULL, "no commas, quotes, newlines");
	CHECK_INT(stats_decode(a.s, &back), 0, "a summary decodes");
	stats_encode(&b, &back);
	CHECK_STR(b.s, a.s, "and encodes the same");
	same_numbers(one, &back, "and gives the same numbers");
	stats_free(&back);
	sb_free(&a);
	sb_free(&b);
}

/*
 * As bytes and back (stats_pack, for report's pieces): the same text as
 * the original, and every shorter cut of the bytes refused, leaving the
 * summary empty.
 */
static void
test_pack(const struct stats *one)
{
	struct strbuf bytes = { 0 }, a = { 0 }, b = { 0 };
	struct stats back;
	const char *p;
	size_t cut;
	int bad = 0;

	stats_pack(&bytes, one);
	p = bytes.s;
	CHECK_INT(stats_unpack(&p, bytes.s + bytes.len, &back), 0,
	    "packed bytes unpack");
	CHECK(p == bytes.s + bytes.len, "and every byte is taken");
	stats_encode(&a, one);
	stats_encode(&b, &back);
	CHECK_STR(b.s, a.s, "and encode as the original");
	stats_free(&back);
	for (cut = 0; cut < bytes.len; cut++) {
		p = bytes.s;
		if (stats_unpack(&p, bytes.s + cut, &back) != -1 ||
		    back.n != 0 || back.tm != NULL)
			bad++;
		stats_free(&back);
	}
	CHECK_INT(bad, 0, "every cut short of the end is refused");
	sb_free(&bytes);
	sb_free(&a);
	sb_free(&b);
}

static void
test_merge(void)
{
	static const size_t cut[5] = { 0, 100, 350, 720, NOBS };
	static const int order[4] = { 2, 0, 3, 1 };
	static struct obs o[NOBS], sh[NOBS];
	struct stats one, part[4], all;
	size_t i, j;
	struct obs tmp;

	make_series(o);
	stats_init(&one);
	for (i = 0; i < NOBS; i++)
		stats_add(&one, o[i].t, o[i].day, o[i].x);
	memcpy(sh, o, sizeof(o));
	for (i = NOBS - 1; i > 0; i--) {
		j = lcg() % (i + 1);
		tmp = sh[i];
		sh[i] = sh[j];
		sh[j] = tmp;
	}
	for (i = 0; i < 4; i++) {
		stats_init(&part[i]);
		for (j = cut[i]; j < cut[i + 1]; j++)
			stats_add(&part[i], sh[j].t, sh[j].day, sh[j].x);
	}
	stats_init(&all);
	for (i = 0; i < 4; i++)
		stats_merge(&all, &part[order[i]]);
	CHECK_INT(all.n, NOBS, "all values merged");
	same_text(&one, &all, "merged shards encode as one pass");
	same_numbers(&one, &all, "merged shards give the same numbers");
	/* Another order and grouping: ((3 + 1) + (0 + 2)). */
	stats_merge(&part[3], &part[1]);
	stats_merge(&part[0], &part[2]);
	stats_merge(&part[3], &part[0]);
	same_text(&one, &part[3], "any grouping encodes the same");
	same_numbers(&one, &part[3], "any grouping gives the same numbers");
	stats_merge(&all, &(struct stats){ 0 });
	same_text(&one, &all, "merging an empty summary changes nothing");
	for (i = 0; i < 4; i++)
		stats_free(&part[i]);
	test_roundtrip_big(&one);
	test_pack(&one);
	test_pack(&all);
	stats_free(&one);
	stats_free(&all);
}

static void
decode_rejects(const char *text, const char *why, const char *what)
{
	struct stats s;

	CHECK_INT(stats_decode(text, &s), -1, what);
	CHECK(strncmp(st_error(), "stats: ", 7) == 0 &&
	    strstr(st_error(), why) != NULL, what);
	if (strstr(st_error(), why) == NULL)
		printf("#   error [%s]\n#   want  [%s]\n", st_error(), why);
	stats_free(&s);
}

/* Replace the first `from` in text by `to`, for a broken copy. */
static const char *
edit(const char *text, const char *from, const char *to)
{
	static char buf[512];
	const char *at = strstr(text, from);

	unit_must(at != NULL, from);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - text), text, to,
	    at + strlen(from));
	return buf;
}

/*
 * One value 2.5 at day 3 (a Sunday, week of Monday -3), instant 300:
 * n 1, sx 2500000, sxx 2500000^2 = 6250000000000, sd 3, sdd 9,
 * sxd 7500000, then min, max, tfirst, tlast, first, last; each window
 * holds day 3; one week from -3.
 */
#define ONE	"1 1 2500000 6250000000000 3 9 7500000 2500000 2500000 " \
		"300 300 2500000 2500000;1 3 1 2500000;1 3 1 2500000;" \
		"-3 1 1 2500000"
/*
 * 1 at day 3 (t 0) and 2 at day 5 (t 172800): sxx 1e12 + 4e12, sd 8,
 * sdd 9 + 25, sxd 3e6 + 10e6; day 5 is in the week of Monday 4.
 */
#define TWO	"1 2 3000000 5000000000000 8 34 13000000 1000000 2000000 " \
		"0 172800 1000000 2000000;2 3 1 1000000 5 1 2000000;" \
		"2 3 1 1000000 5 1 2000000;-3 2 1 1000000 1 2000000"
#define EMPTY	"1 0 0 0 0 0 0 0 0 0 0 0 0;0;0;0 0"

static void
encode_is(const struct stats *s, const char *want, const char *what)
{
	struct strbuf sb = { 0 };
	struct stats back;

	stats_encode(&sb, s);
	CHECK_STR(sb.s, want, what);
	CHECK_INT(stats_decode(want, &back), 0, what);
	sb_reset(&sb);
	stats_encode(&sb, &back);
	CHECK_STR(sb.s, want, what);
	stats_free(&back);
	sb_free(&sb);
}

static void
test_encode(void)
{
	struct stats s;

	stats_init(&s);
	encode_is(&s, EMPTY, "an empty summary");
	stats_add(&s, 300, 3, 2500000);
	encode_is(&s, ONE, "one value");
	stats_free(&s);
	stats_add(&s, 0, 3, S(1));
	stats_add(&s, 2 * DAY, 5, S(2));
	encode_is(&s, TWO, "two values");
	stats_free(&s);
	/* the extremes of i128 print and read back */
	CHECK_INT(stats_decode(edit(ONE, " 7500000 ",
	    " -170141183460469231731687303715884105728 "), &s), 0,
	    "the least i128");
	/* -2^127 / 2 = -2^126; -2^127 + 1 would give -2^126 + 1 */
	CHECK(s.sxd / 2 == -((stats_i128)1 << 126), "is read exactly");
	encode_is(&s, edit(ONE, " 7500000 ",
	    " -170141183460469231731687303715884105728 "), "and written");
	stats_free(&s);
	CHECK_INT(stats_decode(edit(ONE, " 6250000000000 ",
	    " 170141183460469231731687303715884105727 "), &s), 0,
	    "the largest i128");
	encode_is(&s, edit(ONE, " 6250000000000 ",
	    " 170141183460469231731687303715884105727 "), "round trips");
	stats_free(&s);
}

/* Text that is not the text form at all. */
static void
test_decode_rejects(void)
{
	char cut[256];

	decode_rejects("", "cut short", "empty text");
	decode_rejects("garbage", "malformed", "garbage");
	decode_rejects(edit(ONE, "1 1 ", "3 1 "), "out of range",
	    "another version");
	snprintf(cut, sizeof(cut), "%.*s", (int)(strrchr(ONE, ';') - ONE),
	    ONE);
	decode_rejects(cut, "cut short", "no weeks");
	decode_rejects(edit(ONE, "-3 1 1 2500000", "-3 1 1"), "cut short",
	    "a week without its sum");
	decode_rejects(ONE " ", "past its end", "a space at the end");
	decode_rejects(ONE ";", "past its end", "a ; at the end");
	decode_rejects(edit(ONE, " 300 ", "  300 "), "malformed",
	    "two spaces");
	decode_rejects(edit(ONE, " 300 ", " 0300 "), "malformed",
	    "a leading zero");
	decode_rejects(edit(ONE, " 300 ", " +300 "), "malformed", "a plus");
	decode_rejects(edit(EMPTY, " 0;", " -0;"), "malformed", "minus zero");
	decode_rejects(edit(ONE, " 300 ", ";300 "), "separator",
	    "a ; for a space");
	decode_rejects(edit(ONE, " 6250000000000 ",
	    " 170141183460469231731687303715884105728 "), "out of range",
	    "past i128");
	decode_rejects(edit(ONE, " 300 300 ", " 300 9223372036854775808 "),
	    "out of range", "past int64");
}

/* Text that reads but could not have come from stats_encode(). */
static void
test_decode_inconsistent(void)
{
	decode_rejects(edit(TWO, ";2 3 1 1000000 5 1 2000000;",
	    ";2 5 1 2000000 3 1 1000000;"), "not in order",
	    "unsorted base window");
	decode_rejects(edit(TWO, ";2 3 1 1000000 5 1 2000000;-",
	    ";2 3 1 1000000 3 1 2000000;-"), "not in order",
	    "a day twice in the recent window");
	decode_rejects(edit(TWO, "2 3 1 1000000 5 1 2000000;",
	    "2 3 1 1000000 17 1 2000000;"), "too long",
	    "a window of 15 days");
	decode_rejects(edit(ONE, ";1 3 1 2500000;", ";15 3 1 2500000;"),
	    "out of range", "more than 14 window days");
	decode_rejects(edit(ONE, "-3 1 1 2500000", "-2 1 1 2500000"),
	    "Monday", "weeks from a Tuesday");
	decode_rejects(edit(ONE, "-3 1 1 2500000", "-3 1 2 2500000"),
	    "weekly counts", "weeks that do not add up");
	decode_rejects(edit(ONE, "-3 1 1 2500000", "-3 2 1 2500000 0 0"),
	    "weekly counts", "an empty last week");
	decode_rejects(edit(ONE, "-3 1 1", "4 1 1"), "do not agree",
	    "weeks away from the windows");
	decode_rejects(edit(ONE, "1 1 2500000 ", "1 -1 2500000 "),
	    "negative", "a negative count");
	decode_rejects(edit(EMPTY, "1 0 0 0 0 ", "1 0 0 0 1 "),
	    "empty summary", "an empty summary with a sum");
	decode_rejects(edit(EMPTY, ";0 0", ";7 0"), "Monday",
	    "an empty summary with a first week");
	decode_rejects(edit(ONE, " 2500000 2500000 300", " 2600000 2500000 "
	    "300"), "extremes", "min above max");
	decode_rejects(edit(ONE, "-3 1 ", "-3 99999999 "), "cut short",
	    "a week count the text cannot hold");
}

/* Values at the 9e12 limit: the sums of squares wrap, and say so. */
static void
test_extremes(void)
{
	struct stats s;
	struct stats_trend tr;
	int i;

	stats_init(&s);
	for (i = 0; i < 3; i++)
		stats_add(&s, i, i, 9000000000000000000LL);
	CHECK(stats_mean(&s) == 9e12, "the mean at the limit is exact");
	CHECK(isnan(stats_sd(&s)), "an sd the sums cannot hold is NAN");
	CHECK_INT(stats_trend(&s, &tr), -1, "and there is no trend");
	stats_free(&s);
	stats_init(&s);
	stats_add(&s, 0, INT32_MIN, S(1));
	stats_add(&s, 1, INT32_MIN + 7, S(3));
	stats_settle(&s);
	CHECK_INT(s.tm->weeks.first, INT32_MIN + 6, "the first int32 week");
	same_text(&s, &s, "encodes");
	stats_free(&s);
}

static void
test_t975(void)
{
	CHECK(stats_t975(1) == 12.706, "t975(1)");
	CHECK(stats_t975(5) == 2.571, "t975(5)");
	CHECK(stats_t975(30) == 2.042, "t975(30)");
	CHECK(isnan(stats_t975(0)) && isnan(stats_t975(-3)), "df <= 0");
	/* exact quantiles (mpmath, inverting the regularised beta) */
	near(stats_t975(31), 2.039513446, 2e-6, "t975(31)");
	near(stats_t975(40), 2.021075390, 1e-6, "t975(40)");
	near(stats_t975(100), 1.983971519, 1e-8, "t975(100)");
	near(stats_t975(1000000), 1.959966357, 1e-7, "t975(1e6)");
}

static struct daymap
days_of(const int32_t *d, size_t n)
{
	struct daymap m;
	size_t i;

	daymap_init(&m);
	for (i = 0; i < n; i++)
		daymap_set(&m, d[i]);
	return m;
}

static void
test_daymap(void)
{
	static const int32_t d[] = { 5, 3, 100, -2, 64, 63, 5 };
	struct daymap m = days_of(d, 7), e;
	int32_t first = 0, last = 0;

	CHECK(daymap_has(&m, 5) && daymap_has(&m, -2) && daymap_has(&m, 64),
	    "set days are set");
	CHECK(!daymap_has(&m, 4) && !daymap_has(&m, -1000) &&
	    !daymap_has(&m, 1000), "others are not");
	CHECK_INT(daymap_count(&m, 0, 63), 3, "3, 5, 63 in 0..63");
	CHECK_INT(daymap_count(&m, -10, 200), 6, "six days in all");
	CHECK_INT(daymap_count(&m, 64, 64), 1, "a one-day range");
	CHECK_INT(daymap_count(&m, 200, 100), 0, "a backwards range");
	CHECK_INT(daymap_count(&m, INT32_MIN, INT32_MAX), 6, "everything");
	CHECK_INT(daymap_span(&m, &first, &last), 0, "a span");
	CHECK_INT(first, -2, "first day");
	CHECK_INT(last, 100, "last day");
	/* -2 3 5 63 64 100: gaps 4, 1, 57, 0, 35 */
	CHECK_INT(daymap_longest_gap(&m), 57, "days 6..62 missing");
	daymap_init(&e);
	CHECK_INT(daymap_span(&e, &first, &last), -1, "an empty span");
	CHECK_INT(daymap_count(&e, INT32_MIN, INT32_MAX), 0, "empty count");
	CHECK_INT(daymap_longest_gap(&e), 0, "no gap when empty");
	daymap_set(&e, 7);
	CHECK_INT(daymap_longest_gap(&e), 0, "no gap with one day");
	daymap_set(&e, 8);
	CHECK_INT(daymap_longest_gap(&e), 0, "no gap with none missing");
	daymap_free(&e);
	daymap_free(&m);
}

static void
test_strength(void)
{
	struct daymap m;
	int32_t d;

	daymap_init(&m);
	CHECK(daymap_strength(&m, 100, 14) == 0, "empty: 0");
	/* halflife 1: k = 1/2.  Day 0 set: 1/2; 1 not: 1/4; 2 set:
	 * 1/8 + 1/2 = 5/8; 3 not: 5/16. */
	daymap_set(&m, 0);
	daymap_set(&m, 2);
	CHECK(daymap_strength(&m, -1, 1) == 0, "before the first day: 0");
	CHECK(daymap_strength(&m, 0, 1) == 0.5, "one day: 1/2");
	CHECK(daymap_strength(&m, 1, 1) == 0.25, "a day off: 1/4");
	CHECK(daymap_strength(&m, 2, 1) == 0.625, "back: 5/8");
	CHECK(daymap_strength(&m, 3, 1) == 0.3125, "off: 5/16");
	CHECK(isnan(daymap_strength(&m, 3, 0)), "halflife 0: NAN");
	daymap_free(&m);
	/* 14 days at halflife 14: 1 - k^14 = 1 - 1/2; 14 off: 1/4 */
	for (d = 1000; d < 1014; d++)
		daymap_set(&m, d);
	near(daymap_strength(&m, 1013, 14), 0.5, 1e-15, "14 of 14: 1/2");
	near(daymap_strength(&m, 1027, 14), 0.25, 1e-15, "then 14 off: 1/4");
	/* 28 days on at halflife 14: 1 - 1/4 */
	for (d = 1014; d < 1028; d++)
		daymap_set(&m, d);
	near(daymap_strength(&m, 1027, 14), 0.75, 1e-15, "28 days: 3/4");
	daymap_free(&m);
}

static void
map_text_is(const struct daymap *m, const char *want, const char *what)
{
	struct strbuf sb = { 0 };
	struct daymap back;

	daymap_encode(&sb, m);
	CHECK_STR(sb.s, want, what);
	CHECK_INT(daymap_decode(sb.s, &back), 0, what);
	sb_reset(&sb);
	daymap_encode(&sb, &back);
	CHECK_STR(sb.s, want, what);
	daymap_free(&back);
	sb_free(&sb);
}

static void
map_rejects(const char *text, const char *what)
{
	struct daymap m;

	CHECK_INT(daymap_decode(text, &m), -1, what);
	CHECK(strncmp(st_error(), "stats: ", 7) == 0, what);
	daymap_free(&m);
}

/*
 * Up to two words stay in the map itself; a third moves them all to
 * memory of their own, wherever it is added, and nothing is lost.
 */
static void
test_daymap_in_place(void)
{
	static const int32_t week[] = { 700, 701, 703 };
	struct daymap m = days_of(week, 3), h, back;
	struct strbuf sb = { 0 };
	const char *p;
	int32_t first, last;

	CHECK(m.bits == NULL, "a week's days: no memory of their own");
	CHECK_INT(m.first, 640, "from its word");
	CHECK_INT((long long)m.nbits, 64, "one word");
	daymap_set(&m, 639);	/* the word before: still two, in place */
	CHECK(m.bits == NULL && m.nbits == 128, "two words, in place");
	CHECK_INT(m.first, 576, "the first word moved down");
	CHECK_INT(daymap_count(&m, 0, 1000), 4, "four days");
	daymap_set(&m, 900);	/* a third word, past the second */
	CHECK(m.bits != NULL && m.nbits == 6 * 64, "six words, in memory");
	CHECK_INT(daymap_count(&m, 0, 1000), 5, "five days");
	CHECK_INT(daymap_span(&m, &first, &last), 0, "a span");
	CHECK_INT(first, 639, "first of five");
	CHECK_INT(last, 900, "last of five");
	CHECK(daymap_has(&m, 701) && daymap_has(&m, 639) &&
	    daymap_has(&m, 703) && !daymap_has(&m, 702),
	    "each day where it was");
	/* In front of two words in place: all three to memory. */
	h = days_of(week, 3);
	daymap_set(&h, 760);
	daymap_set(&h, 500);
	CHECK(h.bits != NULL && h.first == 448 && h.nbits == 5 * 64,
	    "grown at the front, in memory");
	CHECK_INT(daymap_count(&h, 0, 1000), 5, "nothing lost");
	/* Merged both ways, packed and unpacked, in place or not. */
	daymap_merge(&h, &m);
	CHECK_INT(daymap_count(&h, 0, 1000), 7, "the union, in memory");
	daymap_free(&m);
	m = days_of(week, 3);
	daymap_merge(&m, &(struct daymap){ 0, 0, NULL, { 0, 0 } });
	CHECK(m.bits == NULL, "merging nothing keeps it in place");
	daymap_pack(&sb, &m);
	p = sb.s;
	CHECK_INT(daymap_unpack(&p, sb.s + sb.len, &back), 0, "unpacked");
	CHECK(back.bits == NULL && daymap_count(&back, 0, 1000) == 3 &&
	    daymap_has(&back, 703), "in place again, the same days");
	daymap_free(&back);
	sb_reset(&sb);
	daymap_pack(&sb, &h);
	p = sb.s;
	CHECK_INT(daymap_unpack(&p, sb.s + sb.len, &back), 0, "unpacked");
	CHECK(back.bits != NULL && daymap_count(&back, 0, 1000) == 7,
	    "in memory again, the same days");
	daymap_free(&back);
	map_text_is(&m, "1 640 1 12682136550675316736", "a week's days as text");
	daymap_free(&m);
	daymap_free(&h);
	sb_free(&sb);
}

static void
test_daymap_merge(void)
{
	static const int32_t a[] = { 1, 2, 200 }, b[] = { -100, 2, 50 };
	static const int32_t ab[] = { 50, 200, -100, 1, 2 };
	struct daymap x = days_of(a, 3), y = days_of(b, 3);
	struct daymap one = days_of(ab, 5), e;
	struct strbuf s1 = { 0 }, s2 = { 0 };

	daymap_merge(&x, &y);
	daymap_encode(&s1, &x);
	daymap_encode(&s2, &one);
	CHECK_STR(s1.s, s2.s, "a merge is the union");
	CHECK_INT(daymap_count(&x, INT32_MIN, INT32_MAX), 5, "five days");
	daymap_init(&e);
	daymap_merge(&e, &one);
	sb_reset(&s1);
	daymap_encode(&s1, &e);
	CHECK_STR(s1.s, s2.s, "merged into an empty map");
	daymap_merge(&one, &(struct daymap){ 0, 0, NULL, { 0, 0 } });
	sb_reset(&s1);
	daymap_encode(&s1, &one);
	CHECK_STR(s1.s, s2.s, "an empty map merged changes nothing");
	daymap_free(&e);
	daymap_free(&x);
	daymap_free(&y);
	daymap_free(&one);
	sb_free(&s1);
	sb_free(&s2);
}

static void
test_daymap_text(void)
{
	static const int32_t a[] = { 0, 65 }, b[] = { -1 };
	struct daymap m;

	daymap_init(&m);
	map_text_is(&m, "1 0 0", "an empty map");
	m = days_of(a, 2);
	/* words from day 0: bit 0, then bit 65 - 64 = 1 */
	map_text_is(&m, "1 0 2 1 2", "days 0 and 65");
	daymap_free(&m);
	m = days_of(b, 1);
	/* day -1 is bit 63 of the word from -64: 2^63 */
	map_text_is(&m, "1 -64 1 9223372036854775808", "day -1");
	daymap_free(&m);
	map_rejects("", "empty text");
	map_rejects("2 0 0", "another version");
	map_rejects("1 1 1 1", "a first day off a word");
	map_rejects("1 0 2 1 0", "an empty last word");
	map_rejects("1 0 2 0 1", "an empty first word");
	map_rejects("1 0 2 1", "a missing word");
	map_rejects("1 0 1 18446744073709551616", "a word past 64 bits");
	map_rejects("1 0 0 5", "past its end");
	map_rejects("1 64 0", "an empty map from a day");
	map_rejects("1 0 1 -1", "a negative word");
	map_rejects("1 2147483584 2 1 1", "past the last int32 day");
	map_rejects("1 0 999999999 1", "more words than the text holds");
}

/* A day set and a day series as bytes and back, and cut short. */
static void
test_pack_days(void)
{
	static const int32_t d[] = { -70, 3, 200 };
	struct strbuf bytes = { 0 }, a = { 0 }, b = { 0 };
	struct dayseries s, back_s;
	struct daymap m, back_m;
	const char *p;
	int i;

	m = days_of(d, 3);
	daymap_pack(&bytes, &m);
	p = bytes.s;
	CHECK_INT(daymap_unpack(&p, bytes.s + bytes.len, &back_m), 0,
	    "a packed day set unpacks");
	daymap_encode(&a, &m);
	daymap_encode(&b, &back_m);
	CHECK_STR(b.s, a.s, "as the same days");
	daymap_free(&back_m);
	p = bytes.s;
	CHECK_INT(daymap_unpack(&p, bytes.s + bytes.len - 1, &back_m), -1,
	    "a day set cut short is refused");
	CHECK(back_m.nbits == 0 && back_m.bits == NULL, "and left empty");
	dayseries_init(&s);
	for (i = 0; i < 3; i++)
		dayseries_add(&s, d[i], (i + 1) * STATS_SCALE);
	sb_reset(&bytes);
	sb_reset(&a);
	sb_reset(&b);
	dayseries_pack(&bytes, &s);
	p = bytes.s;
	CHECK_INT(dayseries_unpack(&p, bytes.s + bytes.len, &back_s), 0,
	    "a packed day series unpacks");
	dayseries_encode(&a, &s);
	dayseries_encode(&b, &back_s);
	CHECK_STR(b.s, a.s, "as the same days and sums");
	dayseries_free(&back_s);
	p = bytes.s;
	CHECK_INT(dayseries_unpack(&p, bytes.s + bytes.len - 8, &back_s), -1,
	    "a day series cut short is refused");
	CHECK(back_s.len == 0 && back_s.n == NULL, "and left empty");
	daymap_free(&m);
	dayseries_free(&s);
	sb_free(&bytes);
	sb_free(&a);
	sb_free(&b);
}

/*
 * Day series: distress on days 10..15 is 6,3,5,2,6,4 and grounding was
 * done on days 11 and 13.  Same day: with = (3+2)/2 = 2.5 over 2 days,
 * without = (6+5+6+4)/4 = 5.25.  Next day (practice the day before):
 * days 12 and 14 give (5+6)/2 = 5.5; the other days (10, 11, 13, 15)
 * give (6+3+2+4)/4 = 3.75.
 */
static void
test_dayseries(void)
{
	static const int v[] = { 6, 3, 5, 2, 6, 4 };
	struct dayseries a, b, c;
	struct strbuf sb = { 0 }, sb2 = { 0 };
	struct daymap dm;
	int64_t nd;
	double m;
	int i;

	dayseries_init(&a);
	dayseries_init(&b);
	daymap_init(&dm);
	daymap_set(&dm, 11);
	daymap_set(&dm, 13);
	for (i = 0; i < 6; i++)
		dayseries_add(i % 2 ? &a : &b, 10 + i, v[i] * STATS_SCALE);
	m = dayseries_mean_if(&a, &dm, 1, 0, &nd);
	CHECK(m == 2.5 && nd == 2, "one shard alone: days 11 and 13");
	dayseries_merge(&a, &b);
	m = dayseries_mean_if(&a, &dm, 1, 0, &nd);
	CHECK(m == 2.5 && nd == 2, "same day with practice: 2.5 over 2");
	m = dayseries_mean_if(&a, &dm, 0, 0, &nd);
	CHECK(m == 5.25 && nd == 4, "same day without: 5.25 over 4");
	m = dayseries_mean_if(&a, &dm, 1, 1, &nd);
	CHECK(m == 5.5 && nd == 2, "the day after practice: 5.5 over 2");
	m = dayseries_mean_if(&a, &dm, 0, 1, &nd);
	CHECK(m == 3.75 && nd == 4, "the day after none: 3.75 over 4");
	dayseries_encode(&sb, &a);
	CHECK_STR(sb.s, "1 6 10 1 6000000 11 1 3000000 12 1 5000000 "
	    "13 1 2000000 14 1 6000000 15 1 4000000", "encoded sparsely");
	CHECK_INT(dayseries_decode(sb.s, &c), 0, "decodes");
	dayseries_encode(&sb2, &c);
	CHECK_STR(sb2.s, sb.s, "round trip");
	dayseries_free(&c);
	CHECK_INT(dayseries_decode("1 2 5 1 1 4 1 1", &c), -1,
	    "days out of order are refused");
	CHECK_INT(dayseries_decode("1 1 5 1 1 junk", &c), -1,
	    "trailing text is refused");
	dayseries_free(&a);
	dayseries_free(&b);
	daymap_free(&dm);
	sb_free(&sb);
	sb_free(&sb2);
}

/* A plain summary: the same figures, no windows or weeks, and merging
 * one into a full summary makes that plain too. */
static void
test_plain(void)
{
	struct stats full, plain, back, m;
	struct stats_trend a, b;
	struct strbuf sb = { 0 }, sb2 = { 0 };
	double mean, w[2];
	int i;

	stats_init(&full);
	stats_init_plain(&plain);
	for (i = 0; i < 30; i++) {
		stats_add(&full, 86400LL * (20000 + i), 20000 + i,
		    (i % 7) * STATS_SCALE);
		stats_add(&plain, 86400LL * (20000 + i), 20000 + i,
		    (i % 7) * STATS_SCALE);
	}
	CHECK(plain.tm == NULL, "a plain summary holds no windows");
	CHECK_INT(stats_window(&plain, 1, &mean, NULL, NULL), -1,
	    "a plain summary has no recent window");
	CHECK(isnan(mean), "and says so with NAN");
	CHECK_INT(stats_weekly(&plain, 20000, w, 2), 2, "weeks are filled");
	CHECK(isnan(w[0]) && isnan(w[1]), "with no value");
	CHECK_INT(stats_trend(&full, &a), 0, "the full trend");
	CHECK_INT(stats_trend(&plain, &b), 0, "the plain trend");
	CHECK(a.slope == b.slope && a.lo == b.lo && a.hi == b.hi,
	    "the trend is the same without windows");
	CHECK(stats_sd(&full) == stats_sd(&plain), "so is the sd");
	stats_encode(&sb, &plain);
	CHECK_INT(stats_decode(sb.s, &back), 0, "a plain summary reads back");
	CHECK_INT(back.plain, 1, "as a plain one");
	stats_encode(&sb2, &back);
	CHECK_STR(sb2.s, sb.s, "and writes the same");
	stats_init(&m);
	stats_merge(&m, &full);
	CHECK(m.tm != NULL, "a full merge keeps the windows");
	stats_merge(&m, &back);
	CHECK_INT(m.plain, 1, "merging a plain one makes it plain");
	CHECK(m.tm == NULL, "and drops the windows");
	CHECK_INT(m.n, 60, "with every value counted");
	stats_free(&m);
	CHECK_INT(m.plain, 1, "freeing keeps it plain");
	stats_free(&full);
	stats_free(&plain);
	stats_free(&back);
	sb_free(&sb);
	sb_free(&sb2);
}

/* Values over 1,500 days (214 weeks), in time order or shuffled. */
#define NLONG 3000

static void
make_long(struct obs *o, int shuffled)
{
	struct obs tmp;
	int i, j;

	lcg_state = 20261203;
	for (i = 0; i < NLONG; i++) {
		o[i].day = 20000 + i / 2;
		o[i].t = (int64_t)o[i].day * DAY + (i % 2) * 3600;
		o[i].x = (int64_t)(lcg() % 11) * STATS_SCALE;
	}
	for (i = NLONG - 1; shuffled && i > 0; i--) {
		j = (int)(lcg() % (uint32_t)(i + 1));
		tmp = o[i];
		o[i] = o[j];
		o[j] = tmp;
	}
}

/*
 * A bounded summary: its last STATS_WEEKS weeks and nothing before, the
 * same whatever the order of its values or the shards they are merged
 * from, and every other figure as a full summary gives it.
 */
static void
test_bounded(void)
{
	static struct obs o[NLONG];
	static const size_t cut[4] = { 0, 700, 2100, NLONG };
	struct stats a, b, full, part[3], back;
	struct strbuf sb = { 0 }, sb2 = { 0 };
	double w[STATS_WEEKS + 2], wf[STATS_WEEKS + 2];
	struct stats_trend ta, tf;
	int32_t mon;
	size_t i, j;

	/*
	 * Monday 18624 is week 0.  Values 2 in week 0, 8 in week 3, 6 in
	 * week 10 and 4 in week 70: the last 64 weeks are weeks 7 to 70
	 * (Mondays 18673 to 19114), so weeks 0 and 3 are left out.
	 */
	stats_init_bounded(&a);
	stats_add(&a, 0, 18624, S(2));
	stats_add(&a, 0, 18624 + 7 * 3, S(8));
	stats_add(&a, 0, 18624 + 7 * 70, S(4));
	stats_add(&a, 0, 18624 + 7 * 10, S(6));
	CHECK_INT(a.n, 4, "every value is counted");
	CHECK(stats_mean(&a) == 5, "the mean is of all four: 20 / 4");
	CHECK_INT(stats_weekly(&a, 18624, w, 11), 11, "eleven weeks filled");
	CHECK(isnan(w[0]) && isnan(w[3]), "weeks 0 and 3 are not kept");
	CHECK(w[10] == 6, "week 10: 6");
	CHECK_INT(stats_weekly(&a, 18624 + 7 * 70, w, 1), 1, "week 70");
	CHECK(w[0] == 4, "week 70: 4");
	stats_encode(&sb, &a);
	CHECK(strncmp(sb.s, "2 4 ", 4) == 0, "written as format 2");
	CHECK(strstr(sb.s, ";18673 64 ") != NULL,
	    "with weeks from Monday 18673, 64 of them");
	CHECK_INT(stats_decode(sb.s, &back), 0, "and read back");
	CHECK_INT(back.bounded, 1, "as a bounded summary");
	stats_encode(&sb2, &back);
	CHECK_STR(sb2.s, sb.s, "that writes the same");
	stats_free(&back);
	decode_rejects(edit(sb.s, ";18673 64 ", ";18666 65 0 0 "),
	    "do not agree", "bounded weeks from the wrong Monday");
	decode_rejects(edit(sb.s, "2 4 ", "2 1 "), "do not add up",
	    "bounded weeks holding more than the count");

	/* The same values in another order: week 0 comes after week 70. */
	stats_init_bounded(&b);
	stats_add(&b, 0, 18624 + 7 * 3, S(8));
	stats_add(&b, 0, 18624 + 7 * 70, S(4));
	stats_add(&b, 0, 18624, S(2));
	stats_add(&b, 0, 18624 + 7 * 10, S(6));
	sb_reset(&sb2);
	stats_encode(&sb2, &b);
	CHECK_STR(sb2.s, sb.s, "any order writes the same");
	stats_free(&a);
	stats_free(&b);

	/* Against a full summary, and from shuffled shards. */
	make_long(o, 0);
	stats_init(&full);
	stats_init_bounded(&a);
	for (i = 0; i < NLONG; i++) {
		stats_add(&full, o[i].t, o[i].day, o[i].x);
		stats_add(&a, o[i].t, o[i].day, o[i].x);
	}
	stats_settle(&a);
	stats_settle(&full);
	CHECK(a.tm->weeks.len <= 2 * STATS_WEEKS,
	    "no more than twice its weeks are held");
	CHECK_INT(full.tm->weeks.len, 215, "the full one holds all 215");
	mon = full.tm->weeks.first + 7 * (215 - STATS_WEEKS - 1);
	stats_weekly(&a, mon, w, STATS_WEEKS + 1);
	stats_weekly(&full, mon, wf, STATS_WEEKS + 1);
	CHECK(isnan(w[0]) && !isnan(wf[0]), "the week before is not kept");
	CHECK(memcmp(w + 1, wf + 1, STATS_WEEKS * sizeof(*w)) == 0,
	    "the last 64 weeks are the full summary's");
	same_double(stats_mean(&a), stats_mean(&full), "the same mean");
	same_double(stats_sd(&a), stats_sd(&full), "the same sd");
	CHECK(stats_trend(&a, &ta) == 0 && stats_trend(&full, &tf) == 0 &&
	    ta.slope == tf.slope && ta.lo == tf.lo && ta.hi == tf.hi,
	    "the same trend");
	make_long(o, 1);
	for (j = 0; j < 3; j++) {
		stats_init_bounded(&part[j]);
		for (i = cut[j]; i < cut[j + 1]; i++)
			stats_add(&part[j], o[i].t, o[i].day, o[i].x);
	}
	stats_init_bounded(&b);
	stats_merge(&b, &part[2]);
	stats_merge(&b, &part[0]);
	stats_merge(&b, &part[1]);
	same_text(&a, &b, "shuffled shards merged write as one pass");
	same_numbers(&a, &b, "and give the same numbers");
	stats_free(&b);
	/* A full summary merged into a bounded one, and the other way. */
	stats_init_bounded(&b);
	stats_merge(&b, &full);
	same_text(&a, &b, "a full one merged into a bounded one");
	stats_free(&b);
	stats_init(&b);
	stats_merge(&b, &part[1]);
	stats_merge(&b, &part[0]);
	stats_merge(&b, &part[2]);
	CHECK_INT(b.bounded, 1, "merging a bounded one bounds the result");
	same_text(&a, &b, "and it writes as one bounded pass");
	stats_free(&b);
	test_pack(&a);
	for (j = 0; j < 3; j++)
		stats_free(&part[j]);
	stats_free(&a);
	CHECK_INT(a.bounded, 1, "freeing keeps it bounded");
	stats_free(&full);
	sb_free(&sb);
	sb_free(&sb2);
}

/*
 * The values of a summary's latest day wait in it, outside the sums by
 * day, the windows and the weeks, until another day comes or it is read.
 */
static void
test_waiting(void)
{
	static const char zeros[64];
	static const int rows[8][2] = {	/* day, value */
		{ 10, 2 }, { 10, 4 }, { 10, 9 }, { 11, 1 }, { 11, 3 },
		{ 9, 5 }, { 9, 6 }, { 12, 7 }
	};
	struct stats s, each, back;
	struct strbuf a = { 0 }, b = { 0 };
	const struct stats *c = &s;
	const char *p;
	double mean;
	int64_t n;
	int days, i;

	stats_init(&s);
	stats_init(&each);
	stats_add(&s, 1, 10, S(2));
	stats_add(&s, 2, 10, S(4));
	stats_add(&s, 3, 10, S(9));
	CHECK_INT(s.n, 3, "the count does not wait");
	CHECK(s.sx == S(15) && s.sxx == S(1) * S(101) && s.min == S(2) &&
	    s.max == S(9) && s.first == S(2) && s.last == S(9),
	    "nor the sums of values, the extremes and the ends");
	CHECK_INT(s.pn, 3, "three values wait");
	CHECK(s.psx == S(15) && s.pday == 10, "with their sum and day");
	CHECK(s.tm == NULL && s.sd == 0 && s.sdd == 0 && s.sxd == 0,
	    "nothing by day yet");
	stats_settle(&s);
	CHECK_INT(s.pn, 0, "settled, none wait");
	CHECK(s.sd == 30 && s.sdd == 300 && s.sxd == S(150),
	    "sums by day: 3 x 10, 3 x 100, 15 x 10");
	CHECK(s.tm != NULL && s.tm->nbase == 1 && s.tm->base[0].day == 10 &&
	    s.tm->base[0].n == 3 && s.tm->base[0].sx == S(15),
	    "the base window holds the day whole");
	CHECK(s.tm->weeks.len == 1 && s.tm->weeks.n[0] == 3,
	    "and so does its week");
	stats_settle(&s);
	CHECK(s.sd == 30 && s.tm->base[0].n == 3, "settling twice adds once");

	stats_add(&s, 4, 11, S(1));
	CHECK(s.pn == 1 && s.sd == 30, "the next day waits in turn");
	CHECK_INT(stats_window(c, 1, &mean, &n, &days), 0,
	    "read through a const pointer");
	CHECK(mean == 4 && n == 4 && days == 2, "the window sees (15 + 1) / 4");
	CHECK(s.pn == 0 && s.sd == 41, "and the summary was settled");

	/* Settled after every value, or only when read: the same.  s has
	 * had the first four values of rows[] already. */
	for (i = 0; i < 8; i++) {
		if (i >= 4)
			stats_add(&s, i + 1, rows[i][0], S(rows[i][1]));
		stats_add(&each, i + 1, rows[i][0], S(rows[i][1]));
	}
	CHECK(s.pn == 1 && each.pn == 1, "both have day 12 waiting");
	stats_settle(&each);
	stats_encode(&a, &s);
	stats_encode(&b, &each);
	CHECK_STR(a.s, b.s, "settled late or at once, they encode the same");
	CHECK_INT(s.pn, 0, "encoding settles");
	/* Asking for memory ahead changes nothing, with windows or none. */
	stats_prefetch(&s, 12);
	stats_prefetch(&s, INT32_MIN);
	stats_init(&back);
	stats_prefetch(&back, 12);
	sb_reset(&b);
	stats_encode(&b, &s);
	CHECK_STR(a.s, b.s, "a prefetch leaves the summary as it was");
	CHECK(back.n == 0 && back.tm == NULL, "and an empty one empty");

	/* Packed while a day waits: it is settled first. */
	stats_add(&s, 9, 12, S(1));
	sb_reset(&a);
	stats_pack(&a, &s);
	p = a.s;
	CHECK_INT(stats_unpack(&p, a.s + a.len, &back), 0, "unpacks");
	CHECK(back.pn == 0 && back.n == 9, "nothing waits in the copy");
	sb_reset(&a);
	sb_reset(&b);
	stats_encode(&a, &s);
	stats_encode(&b, &back);
	CHECK_STR(a.s, b.s, "and it encodes as the original");

	/* A day's sum that would not fit in 64 bits waits no longer. */
	stats_free(&s);
	stats_free(&each);
	stats_add(&s, 1, 20, 9000000000000000000LL);
	stats_add(&s, 2, 20, 9000000000000000000LL);
	CHECK(s.pn == 1 && s.psx == 9000000000000000000LL && s.sd == 20,
	    "the first of two huge values was settled before the second");
	stats_add(&each, 1, 20, 9000000000000000000LL);
	stats_settle(&each);
	stats_add(&each, 2, 20, 9000000000000000000LL);
	stats_settle(&each);
	same_text(&s, &each, "and the day is whole in its window all the same");
	CHECK_INT(stats_window(&s, 1, &mean, &n, &days), 0, "a window");
	CHECK(n == 2 && days == 1, "of both values on one day");

	/* Nor does a count past 65535. */
	stats_free(&s);
	stats_free(&each);
	for (n = 0; n < 70000; n++) {
		stats_add(&s, n, 30, S(n % 7));
		stats_add(&each, n, 30, S(n % 7));
	}
	CHECK_INT(s.pn, 70000 - 65535, "the count started again at 65535");
	stats_settle(&each);
	same_text(&s, &each, "and nothing was lost");
	CHECK_INT(stats_window(&s, 0, &mean, &n, &days), 0, "the base window");
	CHECK(n == 70000 && days == 1, "holds all 70000 on one day");
	CHECK_INT(s.tm->weeks.n[0], 70000, "and so does its week");

	/* A packed summary that says values wait is refused. */
	back.pn = 1;
	sb_reset(&a);
	sb_add(&a, (const char *)&back, sizeof(back));
	/* Sizes of windows and weeks, all 0: a plain summary would pass. */
	sb_add(&a, zeros, sizeof(zeros));
	stats_free(&back);
	p = a.s;
	CHECK_INT(stats_unpack(&p, a.s + a.len, &back), -1,
	    "waiting values are never passed between processes");
	stats_free(&back);
	stats_free(&s);
	stats_free(&each);
	sb_free(&a);
	sb_free(&b);
}

int
main(void)
{
	test_dayseries();
	test_parse();
	test_format();
	test_small();
	test_lines();
	test_noisy();
	test_no_trend();
	test_signs_and_decimals();
	test_ends();
	test_windows();
	test_weekly();
	test_merge();
	test_encode();
	test_decode_rejects();
	test_decode_inconsistent();
	test_extremes();
	test_t975();
	test_daymap();
	test_strength();
	test_daymap_merge();
	test_daymap_in_place();
	test_daymap_text();
	test_pack_days();
	test_plain();
	test_bounded();
	test_waiting();
	return unit_done();
}
