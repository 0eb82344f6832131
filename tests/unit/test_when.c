/*
 * test_when: lib/when.c in UTC, Europe/Berlin (clocks change on
 * 2026-03-29 and 2026-10-25), America/New_York (2026-03-08 and
 * 2026-11-01), and America/Sao_Paulo for a day whose midnight was
 * skipped.  Expected values were worked out from those rules, not from
 * the code; they need the system's tzdata.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "util.h"
#include "when.h"

#define NOT_STAMP	" is not a date and time " \
			"(use 2026-11-23 or 2026-11-23T07:30)"
#define NOT_BOUND	" is not a date or a span of time (use today, " \
			"yesterday, 7d, 4w, 3m, 2026-11-23 or 2026-11-23T07:30)"

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* when_format into one of a few static buffers, for CHECK_STR. */
static const char *
fmt(time_t t)
{
	static char buf[4][WHEN_BUFSZ];
	static int i;

	i = (i + 1) % 4;
	when_format(t, buf[i]);
	return buf[i];
}

/* Parse text that must parse; a failure shows up as the epoch. */
static time_t
at(const char *s)
{
	time_t t;

	if (when_parse(s, &t, NULL) == -1) {
		printf("# unexpected: %s\n", st_error());
		return 0;
	}
	return t;
}

static void
parse_is(const char *s, long long want, long want_off)
{
	time_t t = 0;
	long off = -1;
	char what[128];

	snprintf(what, sizeof(what), "parse %s", s);
	CHECK_INT(when_parse(s, &t, &off), 0, what);
	CHECK_INT(t, want, what);
	CHECK_INT(off, want_off, what);
}

static void
reject(const char *s, const char *shown)
{
	char what[128], want[256];
	time_t t = 0;

	snprintf(what, sizeof(what), "reject [%s]", shown);
	snprintf(want, sizeof(want), "\"%s\"%s", shown, NOT_STAMP);
	CHECK_INT(when_parse(s, &t, NULL), -1, what);
	CHECK_STR(st_error(), want, what);
}

static void
test_civil(void)
{
	CHECK_INT(when_days_from_civil(1970, 1, 1), 0, "civil epoch");
	CHECK_INT(when_days_from_civil(1969, 12, 31), -1, "civil 1969-12-31");
	CHECK_INT(when_days_from_civil(2000, 3, 1), 11017, "civil 2000-03-01");
	CHECK_INT(when_days_from_civil(2024, 2, 29), 19782,
	    "civil 2024-02-29");
	CHECK_INT(when_days_from_civil(2026, 11, 23), 20780,
	    "civil 2026-11-23");
	CHECK_INT(when_days_from_civil(1600, 1, 1), -135140,
	    "civil 1600-01-01");
	CHECK_INT(when_days_from_civil(1, 1, 1), -719162, "civil 0001-01-01");
	CHECK_INT(when_days_from_civil(0, 3, 1), -719468, "civil 0000-03-01");
	CHECK_INT(when_days_from_civil(9999, 12, 31), 2932896,
	    "civil 9999-12-31");
}

/* 2026-11-23T00:00:00Z is day 20780, 1795392000. */
static void
test_parse_utc(void)
{
	const long long d = 1795392000LL;

	zone("UTC0");
	parse_is("2026-11-23", d, 0);
	parse_is("2026-11-23T07:30", d + 27000, 0);
	parse_is("2026-11-23T07:30:15", d + 27015, 0);
	parse_is("2026-11-23 07:30:15", d + 27015, 0);
	parse_is("2026-11-23 07:30", d + 27000, 0);
	parse_is("2026-11-23T07:30:15Z", d + 27015, 0);
	parse_is("2026-11-23T07:30:15+01:00", d + 23415, 3600);
	parse_is("2026-11-23T07:30:15+0100", d + 23415, 3600);
	parse_is("2026-11-23T07:30+01", d + 23400, 3600);
	parse_is("2026-11-23T07:30-05:30", d + 46800, -19800);
	parse_is("2026-11-23T07:30-0530", d + 46800, -19800);
	parse_is("2026-11-23 07:30:15-00:00", d + 27015, 0);
	parse_is("2026-11-23T00:00+14:00", d - 50400, 50400);
	parse_is("2026-11-23T00:00-14:00", d + 50400, -50400);
	parse_is("2026-11-23Z", d, 0);
	parse_is("2026-11-23+05:45", d - 20700, 20700);
	parse_is("2026-11-23T23:59:60Z", d + 86399, 0);
	parse_is("2024-02-29", 19782 * 86400LL, 0);
	parse_is("2000-02-29T12:00Z", 11016 * 86400LL + 43200, 0);
	parse_is("1969-12-31T23:59:59Z", -1, 0);
	parse_is("1969-12-31T23:59:59", -1, 0);
	parse_is("1970-01-01T01:00:00+01:00", 0, 3600);
}

static void
test_reject(void)
{
	char longer[80];

	zone("UTC0");
	reject("2026-13-01", "2026-13-01");
	reject("2026-00-10", "2026-00-10");
	reject("2026-11-00", "2026-11-00");
	reject("2026-02-29", "2026-02-29");
	reject("2100-02-29", "2100-02-29");
	reject("2026-04-31", "2026-04-31");
	reject("2026-11-23T24:00", "2026-11-23T24:00");
	reject("2026-11-23T12:60", "2026-11-23T12:60");
	reject("2026-11-23T12:00:61", "2026-11-23T12:00:61");
	reject("2026-11-23T07:30 tomorrow", "2026-11-23T07:30 tomorrow");
	reject("2026-11-23T07:30:00+01:00x", "2026-11-23T07:30:00+01:00x");
	reject("2026-11-23 ", "2026-11-23 ");
	reject(" 2026-11-23", " 2026-11-23");
	reject("", "");
	reject("today", "today");
	reject("2026-11-23T7:30", "2026-11-23T7:30");
	reject("2026-11-23T07", "2026-11-23T07");
	reject("2026-11-23T", "2026-11-23T");
	reject("2026-11-23t07:30", "2026-11-23t07:30");
	reject("2026-11-23T07:30:00.5", "2026-11-23T07:30:00.5");
	reject("26-11-23", "26-11-23");
	reject("2026/11/23", "2026/11/23");
	reject("2026-1-23", "2026-1-23");
	reject("2026-11-23T07:30+14:01", "2026-11-23T07:30+14:01");
	reject("2026-11-23T07:30+15", "2026-11-23T07:30+15");
	reject("2026-11-23T07:30+01:60", "2026-11-23T07:30+01:60");
	reject("2026-11-23T07:30+1", "2026-11-23T07:30+1");
	reject("2026-11-23T07:30+01:0", "2026-11-23T07:30+01:0");
	reject("2026-11-23T07:30+010", "2026-11-23T07:30+010");
	reject("2026-11-23T07:30z", "2026-11-23T07:30z");
	/* Log text is shown safely: no control bytes, and cut short. */
	reject("2026-11-23\033[2J", "2026-11-23?[2J");
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	reject(longer, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...");
}

static void
test_local(void)
{
	time_t t;
	long off;

	zone("UTC0");
	CHECK_STR(fmt(at("2026-11-23T07:30:00+01:00")),
	    "2026-11-23T06:30:00+00:00", "UTC prints +00:00");

	zone("Europe/Berlin");
	CHECK_INT(when_parse("2026-11-23T07:30", &t, &off), 0, "Berlin parse");
	CHECK_INT(t, 1795392000LL + 27000 - 3600, "Berlin winter instant");
	CHECK_INT(off, 3600, "Berlin winter offset");
	CHECK_STR(fmt(t), "2026-11-23T07:30:00+01:00", "Berlin winter format");
	CHECK_INT(when_parse("2026-07-01 12:00", &t, &off), 0,
	    "Berlin summer parse");
	CHECK_INT(off, 7200, "Berlin summer offset");
	CHECK_STR(fmt(t), "2026-07-01T12:00:00+02:00", "Berlin summer format");
	/* 02:30 does not exist on 2026-03-29; glibc moves it on an hour. */
	CHECK_STR(fmt(at("2026-03-29T02:30")), "2026-03-29T03:30:00+02:00",
	    "Berlin time in the DST gap");
	CHECK_STR(fmt(at("2026-11-23T07:30:00-05:00")),
	    "2026-11-23T13:30:00+01:00", "format converts to local");
	t = at("2026-11-23T07:30:45+05:30");
	CHECK_INT(at(fmt(t)), t, "format round trip");
	CHECK_STR(fmt(at(fmt(t))), "2026-11-23T03:00:45+01:00",
	    "format round trip text");

	zone("America/New_York");
	CHECK_STR(fmt(at("2026-11-23T07:30")), "2026-11-23T07:30:00-05:00",
	    "New York negative offset");
	CHECK_STR(fmt(at("2026-03-08T02:30")), "2026-03-08T03:30:00-04:00",
	    "New York time in the DST gap");
	CHECK_STR(fmt(at("2026-03-08T12:00Z")), "2026-03-08T08:00:00-04:00",
	    "New York after the change");
}

static void
test_dates(void)
{
	char buf[11];

	zone("Europe/Berlin");
	CHECK_INT(when_written_date("2026-11-23T00:30:00+13:00", buf), 0,
	    "written date parses");
	CHECK_STR(buf, "2026-11-23", "written date is the text's own");
	when_date(at("2026-11-23T00:30:00+13:00"), buf);
	CHECK_STR(buf, "2026-11-22", "local date of the same instant");
	CHECK_INT(when_written_date("2026-11-23 23:59", buf), 0,
	    "written date with a space");
	CHECK_STR(buf, "2026-11-23", "written date with a space value");
	CHECK_INT(when_written_date("2026-11-31T10:00:00+01:00", buf), -1,
	    "written date rejects 31 November");
	CHECK_STR(st_error(), "\"2026-11-31T10:00:00+01:00\"" NOT_STAMP,
	    "written date error");
	CHECK_INT(when_written_date("2026-11-2", buf), -1,
	    "written date rejects a short date");
	when_date(at("2026-03-29T23:59:59"), buf);
	CHECK_STR(buf, "2026-03-29", "local date late on a short day");
}

static void
test_days(void)
{
	time_t t;

	zone("Europe/Berlin");
	t = at("2026-03-29T12:00");
	CHECK_STR(fmt(when_day_start(t)), "2026-03-29T00:00:00+01:00",
	    "day start on the spring change");
	CHECK_INT(when_add_days(t, 1) - when_day_start(t), 23 * 3600,
	    "spring change day has 23 hours");
	t = at("2026-10-25T23:30");
	CHECK_STR(fmt(when_day_start(t)), "2026-10-25T00:00:00+02:00",
	    "day start on the autumn change");
	CHECK_INT(when_add_days(t, 1) - when_day_start(t), 25 * 3600,
	    "autumn change day has 25 hours");
	t = at("2026-03-28T22:00");
	CHECK_STR(fmt(when_add_days(t, 1)), "2026-03-29T00:00:00+01:00",
	    "add 1 day onto the spring change");
	CHECK_STR(fmt(when_add_days(t, 2)), "2026-03-30T00:00:00+02:00",
	    "add 2 days across the spring change");
	CHECK_STR(fmt(when_add_days(at("2026-11-23T07:30"), -30)),
	    "2026-10-24T00:00:00+02:00", "subtract 30 days across autumn");
	CHECK_STR(fmt(when_add_days(at("2026-11-23T07:30"), 0)),
	    "2026-11-23T00:00:00+01:00", "add 0 days is the day start");
	CHECK_STR(fmt(when_add_days(at("2024-02-28T23:00"), 1)),
	    "2024-02-29T00:00:00+01:00", "add a day into 29 February");
	CHECK_STR(fmt(when_add_days(at("2026-12-31T08:00"), 1)),
	    "2027-01-01T00:00:00+01:00", "add a day into a new year");

	zone("America/New_York");
	t = at("2026-11-01T12:00");
	CHECK_STR(fmt(when_day_start(t)), "2026-11-01T00:00:00-04:00",
	    "New York day start on the autumn change");
	CHECK_STR(fmt(when_add_days(t, 1)), "2026-11-02T00:00:00-05:00",
	    "New York next day after the autumn change");
	CHECK_STR(fmt(when_add_days(at("2026-03-07T23:59"), 1)),
	    "2026-03-08T00:00:00-05:00", "New York day of the spring change");

	/* Here clocks went from 00:00 to 01:00: the day began at 01:00. */
	zone("America/Sao_Paulo");
	CHECK_STR(fmt(when_day_start(at("2018-11-04T12:00"))),
	    "2018-11-04T01:00:00-02:00", "day start when midnight is skipped");
}

static void
week_is(const char *s, int want_year, int want_week)
{
	char what[128];
	int y = 0, w = 0;

	snprintf(what, sizeof(what), "ISO week of %s", s);
	when_isoweek(at(s), &y, &w);
	CHECK_INT(y, want_year, what);
	CHECK_INT(w, want_week, what);
}

static void
test_isoweek(void)
{
	zone("UTC0");
	week_is("2021-01-01", 2020, 53);
	week_is("2024-12-31", 2025, 1);
	week_is("2026-11-23", 2026, 48);
	week_is("2026-11-22T23:59:59", 2026, 47);
	week_is("2020-12-31", 2020, 53);
	week_is("2021-01-04", 2021, 1);
	week_is("2026-01-01", 2026, 1);
	week_is("2027-01-01", 2026, 53);
	week_is("2008-12-29", 2009, 1);
	week_is("2010-01-03", 2009, 53);
	week_is("2021-01-04T03:00:00Z", 2021, 1);

	/* The week of the local day: still Sunday 3 January in New York. */
	zone("America/New_York");
	week_is("2021-01-04T03:00:00Z", 2020, 53);
}

static void
bound_is(const char *s, time_t now, int is_until, const char *want)
{
	char what[128];
	time_t t = 0;

	snprintf(what, sizeof(what), "%s %s", is_until ? "until" : "since", s);
	CHECK_INT(when_bound(s, now, is_until, &t), 0, what);
	CHECK_STR(fmt(t), want, what);
}

static void
bound_bad(const char *s, const char *want)
{
	char what[128];
	time_t t = 0;

	snprintf(what, sizeof(what), "bound rejects [%s]", s);
	CHECK_INT(when_bound(s, 0, 0, &t), -1, what);
	CHECK_STR(st_error(), want, what);
	CHECK_INT(when_bound(s, 0, 1, &t), -1, what);
}

static void
test_bound_since(time_t now)
{
	bound_is("today", now, 0, "2026-11-23T00:00:00+01:00");
	bound_is("yesterday", now, 0, "2026-11-22T00:00:00+01:00");
	bound_is("1d", now, 0, "2026-11-23T00:00:00+01:00");
	bound_is("7d", now, 0, "2026-11-17T00:00:00+01:00");
	bound_is("007d", now, 0, "2026-11-17T00:00:00+01:00");
	bound_is("40d", now, 0, "2026-10-15T00:00:00+02:00");
	bound_is("1w", now, 0, "2026-11-17T00:00:00+01:00");
	bound_is("4w", now, 0, "2026-10-27T00:00:00+01:00");
	bound_is("5w", now, 0, "2026-10-20T00:00:00+02:00");
	bound_is("1m", now, 0, "2026-10-23T00:00:00+02:00");
	bound_is("3m", now, 0, "2026-08-23T00:00:00+02:00");
	bound_is("11m", now, 0, "2025-12-23T00:00:00+01:00");
	bound_is("12m", now, 0, "2025-11-23T00:00:00+01:00");
	bound_is("2026-11-01", now, 0, "2026-11-01T00:00:00+01:00");
	bound_is("2026-11-01T07:30", now, 0, "2026-11-01T07:30:00+01:00");
	bound_is("2026-11-01 07:30:00Z", now, 0, "2026-11-01T08:30:00+01:00");
	bound_is("2026-11-01+05:00", now, 0, "2026-10-31T20:00:00+01:00");
	bound_is("2026-12-01", now, 0, "2026-12-01T00:00:00+01:00");
	/* 1753-02-08: Berlin kept local mean time then, +00:53:28. */
	bound_is("100000d", now, 0, "1753-02-08T00:00:00+00:53");
}

static void
test_bound_until(time_t now)
{
	time_t t = 0;

	bound_is("today", now, 1, "2026-11-24T00:00:00+01:00");
	bound_is("yesterday", now, 1, "2026-11-23T00:00:00+01:00");
	bound_is("1d", now, 1, "2026-11-23T00:00:00+01:00");
	bound_is("7d", now, 1, "2026-11-17T00:00:00+01:00");
	bound_is("4w", now, 1, "2026-10-27T00:00:00+01:00");
	bound_is("3m", now, 1, "2026-08-23T00:00:00+02:00");
	bound_is("2026-11-01", now, 1, "2026-11-02T00:00:00+01:00");
	bound_is("2026-10-25", now, 1, "2026-10-26T00:00:00+01:00");
	CHECK_INT(when_bound("2026-10-25", now, 1, &t), 0, "until 25 hours");
	CHECK_INT(t - at("2026-10-25"), 25 * 3600, "until a 25-hour day");
	bound_is("2026-03-29", now, 1, "2026-03-30T00:00:00+02:00");
	bound_is("2026-11-01T07:30", now, 1, "2026-11-01T07:30:00+01:00");
	bound_is("2026-11-01T07:30:00+01:00", now, 1,
	    "2026-11-01T07:30:00+01:00");
	bound_is("2026-11-01+05:00", now, 1, "2026-11-01T20:00:00+01:00");
}

static void
test_bound(void)
{
	time_t now;

	zone("Europe/Berlin");
	now = at("2026-11-23T10:00:00+01:00");
	test_bound_since(now);
	test_bound_until(now);

	/* Nm keeps the day of the month, clamped to the month's end. */
	bound_is("3m", at("2026-05-31T12:00"), 0, "2026-02-28T00:00:00+01:00");
	bound_is("3m", at("2024-05-31T12:00"), 0, "2024-02-29T00:00:00+01:00");
	bound_is("1m", at("2026-03-31T12:00"), 1, "2026-02-28T00:00:00+01:00");
	bound_is("1m", at("2026-01-15T12:00"), 0, "2025-12-15T00:00:00+01:00");
	bound_is("1m", at("2026-03-29T12:00"), 0, "2026-02-28T00:00:00+01:00");
	bound_is("1m", at("2026-04-29T12:00"), 0, "2026-03-29T00:00:00+01:00");
	bound_is("25m", at("2026-01-31T00:00"), 0, "2023-12-31T00:00:00+01:00");

	zone("UTC0");
	bound_is("100000m", at("2026-11-23T10:00"), 0,
	    "-6307-07-23T00:00:00+00:00");

	bound_bad("0d", "\"0d\": the number of days must be from 1 to 100000");
	bound_bad("100001w",
	    "\"100001w\": the number of weeks must be from 1 to 100000");
	bound_bad("99999999999999999999m", "\"99999999999999999999m\": "
	    "the number of months must be from 1 to 100000");
	bound_bad("7x", "\"7x\"" NOT_BOUND);
	bound_bad("d", "\"d\"" NOT_BOUND);
	bound_bad("", "\"\"" NOT_BOUND);
	bound_bad("-3d", "\"-3d\"" NOT_BOUND);
	bound_bad("+3d", "\"+3d\"" NOT_BOUND);
	bound_bad(" 7d", "\" 7d\"" NOT_BOUND);
	bound_bad("7 d", "\"7 d\"" NOT_BOUND);
	bound_bad("7days", "\"7days\"" NOT_BOUND);
	bound_bad("Today", "\"Today\"" NOT_BOUND);
	bound_bad("today ", "\"today \"" NOT_BOUND);
	bound_bad("2026-13-01", "\"2026-13-01\"" NOT_BOUND);
	bound_bad("2026-11-23T24:00", "\"2026-11-23T24:00\"" NOT_BOUND);
}

static void
test_now(void)
{
	time_t t = 0, before, after;

	zone("Europe/Berlin");
	setenv("STEADY_NOW", "2026-11-23T07:30:00+01:00", 1);
	CHECK_INT(when_now(&t), 0, "STEADY_NOW set");
	CHECK_STR(fmt(t), "2026-11-23T07:30:00+01:00", "STEADY_NOW value");
	setenv("STEADY_NOW", "2026-11-23", 1);
	CHECK_INT(when_now(&t), 0, "STEADY_NOW date");
	CHECK_STR(fmt(t), "2026-11-23T00:00:00+01:00", "STEADY_NOW midnight");

	setenv("STEADY_NOW", "yesterday", 1);
	t = 42;
	CHECK_INT(when_now(&t), -1, "STEADY_NOW invalid");
	CHECK_STR(st_error(), "STEADY_NOW: \"yesterday\"" NOT_STAMP,
	    "STEADY_NOW error");

	setenv("STEADY_NOW", "", 1);
	before = time(NULL);
	CHECK_INT(when_now(&t), 0, "STEADY_NOW empty");
	after = time(NULL);
	CHECK(t >= before && t <= after, "STEADY_NOW empty reads the clock");

	unsetenv("STEADY_NOW");
	before = time(NULL);
	CHECK_INT(when_now(&t), 0, "STEADY_NOW unset");
	after = time(NULL);
	CHECK(t >= before && t <= after, "STEADY_NOW unset reads the clock");
}

/* Day numbers back to dates, and ISO weeks straight from day numbers. */
static void
test_from_days(void)
{
	int y, m, d, wy, wk, ok;
	long day;

	when_civil_from_days(0, &y, &m, &d);
	CHECK(y == 1970 && m == 1 && d == 1, "day 0 is 1970-01-01");
	when_civil_from_days(-1, &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31, "day -1 is 1969-12-31");
	day = when_days_from_civil(2028, 2, 29);
	when_civil_from_days(day, &y, &m, &d);
	CHECK(y == 2028 && m == 2 && d == 29, "a leap day round-trips");
	ok = 1;
	for (day = -800000; day < 800000; day += 997) {
		when_civil_from_days(day, &y, &m, &d);
		if (when_days_from_civil(y, m, d) != day)
			ok = 0;
	}
	CHECK(ok, "civil_from_days inverts days_from_civil");
	when_isoweek_of_day(when_days_from_civil(2021, 1, 1), &wy, &wk);
	CHECK(wy == 2020 && wk == 53, "2021-01-01 is 2020-W53");
	when_isoweek_of_day(when_days_from_civil(2024, 12, 31), &wy, &wk);
	CHECK(wy == 2025 && wk == 1, "2024-12-31 is 2025-W01");
	when_isoweek_of_day(when_days_from_civil(2026, 11, 23), &wy, &wk);
	CHECK(wy == 2026 && wk == 48, "2026-11-23 is 2026-W48");
}

/*
 * The written form has a quick path: it must agree with the general one
 * (reached by writing the offset without its colon) on every field, and
 * refuse what the general path refuses.
 */
static void
test_written(void)
{
	static const char *const ok[][2] = {
		{ "2026-11-23T07:30:00+01:00", "2026-11-23T07:30:00+0100" },
		{ "2026-03-29T02:30:00-05:30", "2026-03-29T02:30:00-0530" },
		{ "2024-02-29T23:59:60+14:00", "2024-02-29T23:59:60+1400" },
		{ "1969-12-31T00:00:00+00:00", "1969-12-31T00:00:00+0000" },
		{ "2026-11-24T00:00:00+01:00", "2026-11-24T00:00:00+0100" },
		{ "2026-11-23T07:30:00+01:00", "2026-11-23T07:30:00+0100" },
	};
	static const char *const bad[] = {
		"2025-02-29T08:00:00+01:00", "2026-13-01T08:00:00+01:00",
		"2026-11-31T08:00:00+01:00", "2026-11-23T24:00:00+01:00",
		"2026-11-23T07:60:00+01:00", "2026-11-23T07:30:61+01:00",
		"2026-11-23T07:30:00+14:01", "2026-11-23T07:30:00+01:60",
		"2026-11-00T07:30:00+01:00", "2026-11-2xT07:30:00+01:00",
	};
	time_t a, b;
	long oa, ob;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CHECK_INT(when_parse(ok[i][0], &a, &oa), 0, ok[i][0]);
		CHECK_INT(when_parse(ok[i][1], &b, &ob), 0, ok[i][1]);
		CHECK_INT(a, b, "the quick path gives the same instant");
		CHECK_INT(oa, ob, "and the same offset");
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_INT(when_parse(bad[i], &a, &oa), -1, bad[i]);
}

int
main(void)
{
	test_from_days();
	test_civil();
	test_parse_utc();
	test_reject();
	test_local();
	test_dates();
	test_days();
	test_isoweek();
	test_bound();
	test_now();
	test_written();
	return unit_done();
}
