/* Unit tests for lib/assign: assignments.csv, planned practices, words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "unit.h"
#include "util.h"
#include "when.h"

static const char *dir;

static long
day(int y, int m, int d)
{
	return when_days_from_civil(y, m, d);
}

static int
load_text(struct assignments *as, const char *text)
{
	char path[600];

	unit_put(dir, "assignments.csv", text);
	snprintf(path, sizeof(path), "%s/assignments.csv", dir);
	return assign_load(as, path);
}

static void
test_load(void)
{
	struct assignments as;
	char path[600];

	CHECK_INT(load_text(&as, "kind,what,times,per,from,until,note\n"
	    "ground,box,1,day,2026-11-16,2026-11-29,before bed\n"
	    "reflect,,3,week,2026-11-16,,\n"
	    "other,a walk after dinner,,,2026-11-20,,\n"), 0, "loads");
	CHECK_INT(as.n, 3, "three assignments");
	CHECK(as.v[0].kind == AS_GROUND && strcmp(as.v[0].what, "box") == 0,
	    "ground box");
	CHECK(as.v[0].from == day(2026, 11, 16) &&
	    as.v[0].until == day(2026, 11, 29), "from and until");
	CHECK(as.v[1].per_week && as.v[1].times == 3, "3 a week");
	CHECK(as.v[1].until == ASSIGN_OPEN, "no until: open");
	CHECK(as.v[2].times == 1 && !as.v[2].per_week, "defaults: once a day");
	CHECK_INT(as.v[2].line, 4, "its line");
	assign_free(&as);
	snprintf(path, sizeof(path), "%s/none.csv", dir);
	CHECK_INT(assign_load(&as, path), 0, "no file: no assignments");
	CHECK_INT(as.n, 0, "none");
}

static void
test_bad(void)
{
	struct assignments as;

	CHECK_INT(load_text(&as, "kind,what,times,per,from\n"
	    "yoga,,1,day,2026-11-16\n"), -1, "unknown kind");
	CHECK(strstr(st_error(), "assignments.csv:2: kind is ground, ladder, "
	    "reflect or other, not \"yoga\"") != NULL, "named with its line");
	CHECK_INT(load_text(&as, "kind,what,times,per,from\n"
	    "ground,box,0,day,2026-11-16\n"), -1, "0 times");
	CHECK_INT(load_text(&as, "kind,what,times,per,from\n"
	    "ground,box,1,month,2026-11-16\n"), -1, "per month");
	CHECK_INT(load_text(&as, "kind,what,times,per,from\n"
	    "ground,box,1,day,2026-02-30\n"), -1, "no such date");
	CHECK_INT(load_text(&as, "kind,what,times,per,from,until\n"
	    "ground,box,1,day,2026-11-16,2026-11-01\n"), -1, "until first");
	CHECK_INT(load_text(&as, "kind,what,times,per,from\n"
	    "other,,1,day,2026-11-16\n"), -1, "other needs what");
	CHECK_INT(load_text(&as, "kind,what\nground,box\n"), -1, "no from");
	CHECK(strstr(st_error(), ":2: from is needed") != NULL, "from named");
	CHECK_INT(load_text(&as, "what,times\nbox,1\n"), -1, "no kind column");
}

static void
test_planned(void)
{
	struct assignment a;
	long d16 = day(2026, 11, 16);

	assign_parse(&a, "ground", "box", "1", "day", "2026-11-16",
	    "2026-11-29", "", 0);
	CHECK_INT(assign_planned(&a, d16, d16 + 4), 5, "5 days: 5 planned");
	CHECK_INT(assign_planned(&a, d16 - 10, d16 + 100), 14, "its 14 days");
	CHECK_INT(assign_planned(&a, d16 + 20, d16 + 30), 0, "after it ends");
	CHECK(assign_active(&a, d16) && assign_active(&a, d16 + 13) &&
	    !assign_active(&a, d16 + 14) && !assign_active(&a, d16 - 1),
	    "active on its days");
	CHECK_INT(assign_open_from(&a, d16 + 2), d16 + 2,
	    "per day: today is under way");
	CHECK_INT(assign_open_from(&a, d16 + 14), -1, "after it: none open");
	CHECK(assign_matches(&a, AS_GROUND, "box") &&
	    !assign_matches(&a, AS_GROUND, "sigh") &&
	    !assign_matches(&a, AS_REFLECT, "box"), "matches box only");
	assign_clear(&a);
	assign_parse(&a, "reflect", "", "3", "week", "2026-11-16", "", "", 0);
	CHECK_INT(assign_planned(&a, d16, d16 + 6), 3, "one week: 3");
	CHECK_INT(assign_planned(&a, d16, d16 + 7), 6, "a second week begun");
	CHECK_INT(assign_planned(&a, d16 + 3, d16 + 9), 6, "two part weeks");
	CHECK_INT(assign_open_from(&a, d16 + 9), d16 + 7,
	    "the second week is under way from its first day");
	CHECK_INT(assign_open_from(&a, d16), d16, "the first week, from day 1");
	CHECK_INT(assign_open_from(&a, d16 - 1), -1, "before it: none open");
	CHECK(assign_matches(&a, AS_REFLECT, "thought"), "any reflection");
	assign_clear(&a);
	assign_parse(&a, "other", "a walk", "", "", "", "", "", d16);
	CHECK(a.from == d16, "from defaults to today");
	CHECK(!assign_matches(&a, AS_OTHER, "a walk"), "other: not counted");
	assign_clear(&a);
}

static void
test_describe(void)
{
	struct strbuf sb = { 0 };
	struct assignment a;

	assign_parse(&a, "ground", "box", "1", "day", "2026-11-16", "", "",
	    0);
	assign_describe(&sb, &a);
	CHECK_STR(sb.s, "ground box, once a day", "ground");
	assign_clear(&a);
	sb_reset(&sb);
	assign_parse(&a, "ladder", "", "2", "week", "2026-11-16", "", "", 0);
	assign_describe(&sb, &a);
	CHECK_STR(sb.s, "an exposure trial, twice a week", "ladder, any");
	assign_clear(&a);
	sb_reset(&sb);
	assign_parse(&a, "reflect", "thought", "3", "week", "2026-11-16", "",
	    "", 0);
	assign_describe(&sb, &a);
	CHECK_STR(sb.s, "reflect thought, 3 times a week", "reflect");
	assign_clear(&a);
	sb_free(&sb);
	CHECK_STR(assign_kind_name(AS_LADDER), "ladder", "kind name");
	CHECK_INT(assign_kind_parse("other"), AS_OTHER, "kind parsed");
}

int
main(void)
{
	dir = unit_scratch("assign");
	test_load();
	test_bad();
	test_planned();
	test_describe();
	return unit_done();
}
