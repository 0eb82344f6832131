/* Unit tests for lib/config: items and settings. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "store.h"
#include "unit.h"
#include "util.h"

static const char *dir;

static void
rm(const char *name)
{
	char *path = store_path(dir, name);

	unlink(path);
	free(path);
}

static void
test_builtin(void)
{
	struct items it;
	const struct item *a;

	CHECK_INT(items_load(&it, dir), 0, "built-ins load without items.csv");
	CHECK_INT(it.n, 5, "five built-in items");
	CHECK_STR(it.v[0].name, "mood", "mood first");
	CHECK_STR(it.v[4].name, "arousal", "arousal last");
	a = items_find(&it, "arousal");
	CHECK(a != NULL && a->min == -2 && a->max == 2, "arousal -2..2");
	CHECK(a != NULL && a->better == BETTER_MID, "arousal best mid");
	CHECK(items_find(&it, "distress")->better == BETTER_LOW,
	    "distress lower is better");
	CHECK(items_find(&it, "sleep") == NULL, "no sleep item");
	items_free(&it);
}

static void
test_items_csv(void)
{
	struct items it;

	unit_put(dir, "items.csv", "name,question,min,max,better,low,high\n"
	    "sleep,Hours slept,0,14,high,none,lots\n"
	    "mood,How is my mood,1,5,high,low,high\n");
	CHECK_INT(items_load(&it, dir), 0, "items.csv loads");
	CHECK_INT(it.n, 6, "one item added");
	CHECK_STR(it.v[5].name, "sleep", "added after built-ins");
	CHECK_STR(it.v[0].question, "How is my mood", "built-in overridden");
	CHECK_INT(it.v[0].max, 5, "override range");
	items_free(&it);
	unit_put(dir, "items.csv", "name,min,max,better\nsleep,0,14,sideways\n");
	CHECK_INT(items_load(&it, dir), -1, "bad better refused");
	CHECK(strstr(st_error(), "items.csv:2: better is \"sideways\"; use "
	    "high, low or mid") != NULL, "bad better message");
	unit_put(dir, "items.csv", "name,min,max\nsleep,5,5\n");
	CHECK_INT(items_load(&it, dir), -1, "min == max refused");
	rm("items.csv");
}

static void
test_settings(void)
{
	long long v = 0;
	int failed;
	char *s;

	CHECK_INT(setting_num(dir, "safety_threshold", -1, 10, 2, &v), 0,
	    "absent file gives default");
	CHECK_INT(v, 2, "default 2");
	unit_put(dir, "settings.csv", "name,value\nsafety_threshold,4\ncountry,gb\n"
	    "safety_threshold,3\n");
	CHECK_INT(setting_num(dir, "safety_threshold", -1, 10, 2, &v), 0,
	    "setting read");
	CHECK_INT(v, 3, "the last row wins");
	s = setting_str(dir, "country", &failed);
	CHECK_STR(s, "gb", "text setting");
	free(s);
	CHECK(setting_str(dir, "nothing", &failed) == NULL && !failed,
	    "absent setting is NULL");
	unit_put(dir, "settings.csv", "name,value\nsafety_threshold,eleven\n");
	CHECK_INT(setting_num(dir, "safety_threshold", -1, 10, 2, &v), -1,
	    "bad number refused");
	CHECK_STR(st_error(), "settings.csv: safety_threshold \"eleven\" is "
	    "not a number (use -1 to 10)", "bad number message");
	rm("settings.csv");
}

int
main(void)
{
	dir = unit_scratch("config");
	test_builtin();
	test_items_csv();
	test_settings();
	rmdir(dir);
	return unit_done();
}
