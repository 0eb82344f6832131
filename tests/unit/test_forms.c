/*
 * Unit tests for lib/forms: loading form files, scoring against the
 * hand-scored fixtures in tests/fixtures/forms (see SCORES there), and
 * the Reliable Change Index.
 */
#include <sys/stat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forms.h"
#include "unit.h"
#include "util.h"

static char fixdir[1024];
static const char *dir;

/* The fixtures, found from the binary (bin/unit/forms) or the source. */
static void
find_fixtures(const char *argv0)
{
	const char *tries[2];
	char buf[1024], *p;
	int i, k;

	tries[0] = argv0;
	tries[1] = __FILE__;	/* tests/unit/test_forms.c */
	for (i = 0; i < 2; i++) {
		snprintf(buf, sizeof(buf), "%s", tries[i]);
		for (k = 0; k < 2; k++)
			if ((p = strrchr(buf, '/')) != NULL)
				*p = '\0';
			else
				strcpy(buf, ".");
		snprintf(fixdir, sizeof(fixdir), "%s/%sfixtures/forms", buf,
		    i == 0 ? "../tests/" : "");
		if (access(fixdir, R_OK) == 0)
			return;
	}
	unit_must(0, "the forms fixtures");
}

static void
load(struct form *f, const char *name)
{
	char path[1200];

	snprintf(path, sizeof(path), "%s/%s.csv", fixdir, name);
	unit_must(form_load(f, path, name) == 0, path);
}

static int
near(double a, double b)
{
	return fabs(a - b) < 0.005;
}

static void
test_load(void)
{
	struct form f;

	load(&f, "hand");
	CHECK_STR(f.title, "Hand-scored test form", "title");
	CHECK_INT(f.nopt, 5, "five options");
	CHECK_INT(f.nitem, 4, "four items");
	CHECK(f.item[1].reverse && !f.item[0].reverse, "b is reversed");
	CHECK_INT(f.nsub, 2, "two subscales");
	CHECK_INT(f.sub[1].idx[1], 3, "two's second item is d");
	CHECK(f.cut[0].score == 4 && f.cut[1].score == 12,
	    "cut-offs sorted by score");
	CHECK(f.lo == 4 && f.hi == 20, "a sum of four 1-5 items: 4 to 20");
	CHECK(f.better == BETTER_LOW && f.missing == 1, "better and missing");
	CHECK(near(f.r, 0.9) && f.sd == 5 && f.meaningful == 3, "r, sd");
	CHECK(form_value_ok(&f, 0, 5) && !form_value_ok(&f, 0, 0), "values");
	CHECK_INT(form_item_find(&f, "c"), 2, "item c found");
	CHECK_INT(form_item_find(&f, "e"), -1, "no item e");
	form_free(&f);
}

static void
test_score(void)
{
	double ans[4], total, sub[2];
	struct form f;

	load(&f, "hand");
	ans[0] = 5, ans[1] = 2, ans[2] = 3, ans[3] = 1;
	CHECK_INT(form_score(&f, ans, &total, sub), 0, "nothing skipped");
	CHECK(total == 17, "17: reverse items counted as 6 - answer");
	CHECK(sub[0] == 9 && sub[1] == 8, "subscales 9 and 8");
	ans[2] = NAN;
	CHECK_INT(form_score(&f, ans, &total, sub), 1, "one skipped");
	CHECK(near(total, 18.67), "prorated: 14 * 4 / 3");
	CHECK(sub[0] == 9 && sub[1] == 10, "subscale two prorated to 10");
	ans[1] = NAN;
	CHECK_INT(form_score(&f, ans, &total, sub), 2, "two skipped");
	CHECK(isnan(total), "two skipped of one allowed: total withheld");
	CHECK(sub[0] == 10 && sub[1] == 10, "each subscale lost one: kept");
	ans[0] = ans[3] = NAN;
	form_score(&f, ans, &total, sub);
	CHECK(isnan(total) && isnan(sub[0]) && isnan(sub[1]),
	    "all skipped: every score withheld");
	form_free(&f);
	load(&f, "hand-mean");
	ans[0] = 5, ans[1] = 2, ans[2] = 3, ans[3] = 1;
	form_score(&f, ans, &total, sub);
	CHECK(total == 4.25 && sub[0] == 4.5 && sub[1] == 4, "mean scoring");
	CHECK(f.lo == 1 && f.hi == 5, "a mean of 1-5 items: 1 to 5");
	form_free(&f);
}

static void
test_change(void)
{
	struct form f;

	load(&f, "hand");
	CHECK(near(form_sem(&f), 1.5811), "SEM = 5 * sqrt(1 - .9)");
	CHECK(near(form_rci(&f, 20, 15), -2.236), "RCI 20 -> 15");
	CHECK_STR(form_change_words(&f, 20, 15), "a reliable improvement",
	    "lower is better: a reliable fall is an improvement");
	CHECK_STR(form_change_words(&f, 20, 17),
	    "within the range of measurement error", "RCI -1.34");
	CHECK_STR(form_change_words(&f, 20, 25),
	    "a reliable worsening, worth talking over", "RCI +2.24");
	CHECK_INT(form_meaningful(&f, 20, 17), FORM_BETTER,
	    "3 points down, lower is better: a meaningful improvement");
	CHECK_INT(form_meaningful(&f, 20, 18), FORM_SMALL,
	    "2 points are not meaningful");
	CHECK_INT(form_meaningful(&f, 17, 20), FORM_WORSE,
	    "3 points up, lower is better: a meaningful worsening");
	CHECK_INT(form_reliable(&f, 20, 17), FORM_SMALL,
	    "meaningful in size, yet within measurement error");
	CHECK_INT(form_reliable(&f, 20, 25), FORM_WORSE, "a reliable rise, "
	    "lower is better: a reliable worsening");
	CHECK_INT(form_reliable(&f, 20, 15), FORM_BETTER,
	    "a reliable improvement");
	CHECK_STR(form_band(&f, 11.9), "low", "below 12: low");
	CHECK_STR(form_band(&f, 12), "high", "12: high");
	CHECK_STR(form_band(&f, 3), "", "below every cut-off: no band");
	f.better = BETTER_MID;
	CHECK_STR(form_change_words(&f, 20, 25), "a reliable rise",
	    "no better way: a rise");
	CHECK_INT(form_meaningful(&f, 20, 25), FORM_EITHER,
	    "no better way: meaningful, either way");
	f.better = BETTER_HIGH;
	CHECK_INT(form_meaningful(&f, 20, 25), FORM_BETTER,
	    "higher is better: 5 points up is an improvement");
	CHECK_STR(form_change_words(&f, 20, 25), "a reliable improvement",
	    "higher is better: a reliable rise is an improvement");
	f.meaningful = NAN;
	CHECK_INT(form_meaningful(&f, 0, 20), FORM_SMALL,
	    "no meaningful change given: never meaningful");
	f.better = BETTER_MID;
	f.r = NAN;
	CHECK(isnan(form_rci(&f, 1, 2)), "no reliability: no RCI");
	CHECK_STR(form_change_words(&f, 20, 25),
	    "reliable change cannot be worked out", "no RCI: said so");
	form_free(&f);
}

static int
load_text(const char *text)
{
	struct form f;
	char path[600];
	int rc;

	unit_put(dir, "t.csv", text);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	if ((rc = form_load(&f, path, "t")) == 0)
		form_free(&f);
	return rc;
}

#define OPTS "type,name,value,text\noption,,0,no\noption,,1,yes\n"

static void
test_bad(void)
{
	CHECK_INT(load_text(OPTS "item,q1,,Q\n"), 0, "a minimal form");
	CHECK_INT(load_text(OPTS "item,Q1,,Q\n"), -1, "upper-case item");
	CHECK(strstr(st_error(), "t.csv:4: the item name \"Q1\"") != NULL,
	    "the line is named");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nitem,q1,,Q\n"), -1, "twice");
	CHECK_INT(load_text(OPTS "item,q1,backwards,Q\n"), -1, "bad reverse");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nsubscale,s,q2,S\n"), -1,
	    "a subscale of an unknown item");
	CHECK(strstr(st_error(), "t.csv:5: the subscale lists \"q2\"") !=
	    NULL, "unknown subscale item named");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,reliability,1.2,\n"),
	    -1, "reliability above 1");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,sd,-3,\n"), -1,
	    "a negative SD");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,method,median,\n"), -1,
	    "an unknown method");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,speed,3,\n"), -1,
	    "an unknown setting");
	CHECK_INT(load_text(OPTS "item,q1,,Q\ncutoff,,high,\n"), -1,
	    "a cut-off that is not a number");
	CHECK_INT(load_text(OPTS "question,q1,,Q\n"), -1, "unknown type");
	CHECK_INT(load_text(OPTS "option,,1,again\nitem,q1,,Q\n"), -1,
	    "an option value twice");
	CHECK_INT(load_text("type,name,value,text\noption,,0,no\n"
	    "item,q1,,Q\n"), -1, "one option is not enough");
	CHECK_INT(load_text("name,value\nq1,2\n"), -1, "no type column");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nitem,q2,,Q\n"
	    "subscale,s,q1,S\nsubscale,s,q2,S\n"), -1, "a subscale twice");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:7: the subscale s is "
	    "given twice", "the second subscale is named");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nitem,q2,,Q\n"
	    "subscale,s,q1 q2 q1,S\n"), -1, "an item twice in a subscale");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:6: the subscale lists "
	    "the item q1 twice", "the item listed twice is named");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,missing,2,\n"
	    "item,q2,,Q\n"), 0, "missing as many as the items");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,missing,3,\n"
	    "item,q2,,Q\n"), -1, "missing more than the items");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:5: missing is 3, more "
	    "than the 2 items of the form", "missing named with its line");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,reliability,0.8,\n"),
	    -1, "reliability without sd");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:5: reliability is "
	    "given without sd: the Reliable Change Index needs both",
	    "reliability without sd, said why");
	CHECK_INT(load_text(OPTS "item,q1,,Q\nscoring,sd,4,\n"), -1,
	    "sd without reliability");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:5: sd is given without "
	    "reliability: the Reliable Change Index needs both",
	    "sd without reliability, said why");
	CHECK_INT(load_text(OPTS "option,q1,0,no\nitem,q1,,Q\n"), -1,
	    "an item's option before the item");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:4: the option is for "
	    "\"q1\", which is not an item above it", "that option named");
	CHECK_INT(load_text(OPTS "item,q1,,Q\noption,q1,0,no\n"), -1,
	    "an item with one option of its own");
	CHECK_STR(strstr(st_error(), "t.csv:"), "t.csv:4: the item q1 needs at "
	    "least two options of its own", "the item is named");
	CHECK_INT(load_text("type,name,value,text\nitem,q1,,Q\n"
	    "option,q1,0,no\noption,q1,1,yes\n"), 0,
	    "every item with its own options: no form options needed");
}

/* Items with options of their own: answers, reverse scoring, range. */
static void
test_item_options(void)
{
	double ans[2], total;
	struct form f;
	char path[600];

	unit_put(dir, "own.csv", OPTS "item,q1,,Q\nitem,q2,reverse,Q\n"
	    "option,q2,0,never\noption,q2,2,sometimes\noption,q2,4,often\n");
	snprintf(path, sizeof(path), "%s/own.csv", dir);
	unit_must(form_load(&f, path, "own") == 0, path);
	CHECK(form_value_ok(&f, 0, 1) && !form_value_ok(&f, 0, 2),
	    "q1 takes the form's 0 and 1");
	CHECK(form_value_ok(&f, 1, 4) && !form_value_ok(&f, 1, 1),
	    "q2 takes its own 0, 2 and 4");
	CHECK(f.lo == 0 && f.hi == 5, "the range: 0 + 0 to 1 + 4");
	ans[0] = 1, ans[1] = 4;
	form_score(&f, ans, &total, NULL);
	CHECK(total == 1, "q2 reversed in its own range: 0 + 4 - 4");
	form_free(&f);
}

static void
test_names(void)
{
	char **names, path[600], *p;
	size_t n;

	CHECK(form_name_ok("pcl-5") && form_name_ok("trust_2"), "names ok");
	CHECK(!form_name_ok("../x") && !form_name_ok("") &&
	    !form_name_ok("-x") && !form_name_ok("A"), "names refused");
	snprintf(path, sizeof(path), "%s/forms", dir);
	unit_must(mkdir(path, 0700) == 0 || errno == EEXIST, path);
	unit_put(path, "zeta.csv", OPTS "item,q,,Q\n");
	unit_put(path, "alpha.csv", OPTS "item,q,,Q\n");
	unit_put(path, "Bad name.csv", OPTS "item,q,,Q\n");
	unit_put(path, "notes.txt", "x\n");
	setenv("XDG_DATA_DIRS", "relative/dir:/nonexistent", 1);
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	n = form_names(dir, &names);
	CHECK_INT(n, 2, "two forms listed");
	CHECK(n == 2 && strcmp(names[0], "alpha") == 0 &&
	    strcmp(names[1], "zeta") == 0, "sorted");
	form_names_free(names, n);
	p = form_find(dir, "zeta");
	CHECK(p != NULL && strstr(p, "/forms/zeta.csv") != NULL, "found");
	free(p);
	CHECK(form_find(dir, "nope") == NULL, "a missing form");
	CHECK(strstr(st_error(), "there is no form called \"nope\"") != NULL,
	    "the missing form is named");
	CHECK(form_find(dir, "../etc") == NULL, "a path is not a name");
	snprintf(path, sizeof(path), "%s/home", dir);
	unit_must(mkdir(path, 0700) == 0 || errno == EEXIST, path);
	snprintf(path, sizeof(path), "%s/home/steady", dir);
	unit_must(mkdir(path, 0700) == 0 || errno == EEXIST, path);
	snprintf(path, sizeof(path), "%s/home/steady/forms", dir);
	unit_must(mkdir(path, 0700) == 0 || errno == EEXIST, path);
	unit_put(path, "mine.csv", OPTS "item,q,,Q\n");
	snprintf(path, sizeof(path), "%s/home", dir);
	setenv("XDG_DATA_HOME", path, 1);
	p = form_find(dir, "mine");
	CHECK(p != NULL && strstr(p, "/home/steady/forms/mine.csv") != NULL,
	    "found under XDG_DATA_HOME");
	free(p);
	n = form_names(dir, &names);
	CHECK_INT(n, 3, "XDG_DATA_HOME's forms listed too");
	form_names_free(names, n);
	unsetenv("XDG_DATA_HOME");
}

static void
test_num(void)
{
	char buf[32];

	form_num(18.6666, buf, sizeof(buf));
	CHECK_STR(buf, "18.67", "two decimals");
	form_num(17, buf, sizeof(buf));
	CHECK_STR(buf, "17", "a whole number");
	form_num(4.5, buf, sizeof(buf));
	CHECK_STR(buf, "4.5", "trailing zero cut");
	form_num(-0.001, buf, sizeof(buf));
	CHECK_STR(buf, "0", "no minus zero");
}

static void
test_pairs(void)
{
	struct strbuf sb = { 0 };
	double ans[4] = { 5, NAN, 3, 1 }, sub[2] = { 9, NAN }, v;
	struct form f;

	load(&f, "hand");
	form_answers(&sb, &f, ans);
	CHECK_STR(sb.s, "a=5 b= c=3 d=1", "answers as logged");
	sb_free(&sb);
	form_subscores(&sb, &f, sub);
	CHECK_STR(sb.s, "one=9 two=", "subscales as logged");
	sb_free(&sb);
	form_free(&f);
	CHECK_INT(form_pair_get("one=9 two=10.5", "two", &v), 1, "found");
	CHECK(v == 10.5, "its value");
	CHECK_INT(form_pair_get("one=9 two=", "two", &v), 1, "an empty one");
	CHECK(isnan(v), "empty is NAN");
	CHECK_INT(form_pair_get("one=9 twofold=3", "two", &v), 0, "prefix");
	CHECK_INT(form_pair_get("one=x", "one", &v), -1, "not a number");
	CHECK_INT(form_pair_get("", "one", &v), 0, "an empty list");
}

int
main(int argc, char **argv)
{
	(void)argc;
	find_fixtures(argv[0]);
	dir = unit_scratch("forms");
	test_load();
	test_score();
	test_change();
	test_bad();
	test_item_options();
	test_names();
	test_num();
	test_pairs();
	return unit_done();
}
