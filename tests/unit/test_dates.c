/*
 * test_dates: hard dates from dates.csv (lib/dates.c): reading the file,
 * when each date falls, and the words of a warning with and without the
 * private label.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "unit.h"
#include "util.h"
#include "when.h"

static long
day(int y, int m, int d)
{
	return when_days_from_civil(y, m, d);
}

static const char *
warning(const struct hard_date *d, long days, long on, int show)
{
	static struct strbuf sb;

	sb_reset(&sb);
	sb_puts(&sb, "");
	dates_warning(&sb, d, days, on, show);
	return sb.s;
}

static void
test_load(const char *dir)
{
	struct hard_dates d;
	char want[1200];

	CHECK_INT(dates_load(&d, dir), 0, "no dates.csv is no dates");
	CHECK_INT(d.n, 0, "none");
	unit_put(dir, "dates.csv", "date,yearly,label,warn,plan\n"
	    "2025-03-14,yes,  the day I found out ,5,box\n"
	    "2026-12-03,,court,,call Sam first\n"
	    "--02-29,,,0,\n");
	CHECK_INT(dates_load(&d, dir), 0, "three dates load");
	CHECK_INT(d.n, 3, "three");
	CHECK_INT(d.v[0].yearly && d.v[0].year == 2025, 1, "yearly from 2025");
	CHECK_STR(d.v[0].label, "the day I found out", "labels are trimmed");
	CHECK_INT(d.v[0].warn, 5, "warn is read");
	CHECK_INT(d.v[1].warn, DATES_WARN_DEFAULT, "an empty warn is 3");
	CHECK_INT(d.v[1].yearly, 0, "once");
	CHECK_INT(d.v[2].yearly && d.v[2].month == 2 && d.v[2].day == 29, 1,
	    "--02-29 is every 29 February");
	dates_free(&d);

	unit_put(dir, "dates.csv", "date,warn\n2026-02-30,\n");
	snprintf(want, sizeof(want), "%s/dates.csv:2: \"2026-02-30\" is not "
	    "a date (use 2026-11-27, or --11-27 for every year)", dir);
	CHECK_INT(dates_load(&d, dir), -1, "a day that does not exist");
	CHECK_STR(st_error(), want, "is named with its line");
	CHECK_INT(d.n, 0, "and no dates are kept");
	unit_put(dir, "dates.csv", "date,warn\n2026-02-20,61\n");
	CHECK_INT(dates_load(&d, dir), -1, "warn over 60 days");
	unit_put(dir, "dates.csv", "date,yearly\n2026-02-20,often\n");
	CHECK_INT(dates_load(&d, dir), -1, "yearly is yes or no");
	unit_put(dir, "dates.csv", "when,label\n2026-02-20,x\n");
	CHECK_INT(dates_load(&d, dir), -1, "a file without a date column");
	unit_put(dir, "dates.csv", "date\n26-02-20\n");
	CHECK_INT(dates_load(&d, dir), -1, "a two-digit year");
}

static void
test_next(void)
{
	struct hard_date once = { 2026, 12, 3, 0, 3, "court", "" };
	struct hard_date yearly = { 2025, 3, 14, 1, 5, "found out", "box" };
	struct hard_date leapday = { 0, 2, 29, 1, 0, "", "" };
	long out[8];

	CHECK_INT(dates_next(&once, day(2026, 11, 23)), day(2026, 12, 3),
	    "a date to come");
	CHECK_INT(dates_next(&once, day(2026, 12, 3)), day(2026, 12, 3),
	    "a date that is today");
	CHECK_INT(dates_next(&once, day(2026, 12, 4)), -1, "a date gone by");
	CHECK_INT(dates_next(&yearly, day(2026, 11, 23)), day(2027, 3, 14),
	    "a yearly date next year");
	CHECK_INT(dates_next(&yearly, day(2026, 3, 1)), day(2026, 3, 14),
	    "a yearly date this year");
	CHECK_INT(dates_next(&yearly, day(2020, 1, 1)), day(2025, 3, 14),
	    "a yearly date from its first year");
	CHECK_INT(dates_next(&leapday, day(2026, 1, 1)), day(2026, 2, 28),
	    "29 February falls on the 28th in other years");
	CHECK_INT(dates_next(&leapday, day(2028, 1, 1)), day(2028, 2, 29),
	    "and on the 29th in leap years");
	CHECK_INT(dates_within(&yearly, day(2025, 1, 1), day(2027, 12, 31),
	    out, 8), 3, "three years hold three");
	CHECK_INT(out[2], day(2027, 3, 14), "in order");
	CHECK_INT(dates_within(&yearly, day(2025, 1, 1), day(2027, 12, 31),
	    out, 2), 2, "at most max");
	CHECK_INT(dates_within(&once, day(2026, 12, 4), day(2027, 1, 1), out,
	    8), 0, "none after a one-off date");
}

static void
test_words(void)
{
	struct hard_date a = { 2025, 3, 14, 1, 5, "found\nout", "box" };
	struct hard_date b = { 2026, 12, 3, 0, 3, "court", "call Sam" };
	struct hard_date c = { 2026, 12, 3, 0, 3, "", "" };
	long on = day(2026, 3, 11);

	CHECK_STR(warning(&a, 3, on, 0), "A day you marked as hard is in 3 "
	    "days. Go gently with yourself. If it helps: ground box",
	    "a neutral warning names no label");
	CHECK_STR(warning(&a, 3, on, 1), "found?out is in 3 days "
	    "(2026-03-14). Go gently with yourself. If it helps: ground box",
	    "shown, the label is made harmless");
	CHECK_STR(warning(&b, 1, on, 0), "A day you marked as hard is "
	    "tomorrow. Go gently with yourself. You made a plan for it.",
	    "a plan in words stays private");
	CHECK_STR(warning(&b, 0, on, 1), "court is today (2026-03-11). Go "
	    "gently with yourself. Your plan: call Sam", "or is shown");
	CHECK_STR(warning(&c, 0, on, 1), "A day you marked as hard is today. "
	    "Go gently with yourself.", "without a label or plan");
	CHECK_INT(dates_plan_is_exercise("54321"), 1, "54321 is an exercise");
	CHECK_INT(dates_plan_is_exercise("-x"), 0, "-x is not");
	CHECK_INT(dates_plan_is_exercise("Call Sam"), 0, "words are not");
}

int
main(void)
{
	const char *dir = unit_scratch("dates");

	test_load(dir);
	test_next();
	test_words();
	return unit_done();
}
