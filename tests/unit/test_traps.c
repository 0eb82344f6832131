/* Unit tests of lib/traps.c: built-in traps, scanning, pattern files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "traps.h"
#include "unit.h"
#include "util.h"

static const char *scratch;

/* The names of the traps found in s, ";"-separated ("" for none). */
static char *
found(struct traps *t, const char *s)
{
	struct trap_hit *h;
	size_t n = traps_scan(t, s, strlen(s), &h);
	char *list = traps_names_of(t, h, n, NULL);

	free(h);
	return list;
}

static void
check_found(struct traps *t, const char *s, const char *want)
{
	char *got = found(t, s);

	CHECK_STR(got, want, s);
	free(got);
}

static void
test_builtin(void)
{
	struct traps *t = traps_new();
	long i;

	CHECK_INT(traps_count(t), 9, "nine built-in traps");
	i = traps_find(t, "mind_reading");
	CHECK(i >= 0, "mind_reading is built in");
	CHECK_STR(traps_title(t, (size_t)i), "mind reading", "its title");
	CHECK(*traps_explain(t, (size_t)i) != '\0', "it has an explanation");
	CHECK(traps_find(t, "labelling") >= 0, "labelling is built in");
	CHECK_INT(traps_find(t, "no_such_trap"), -1, "an unknown name");
	traps_free(t);
}

static void
test_hits(void)
{
	struct traps *t = traps_new();

	check_found(t, "They think I am a fool.", "mind_reading;labelling");
	check_found(t, "It will happen again.", "fortune_telling");
	check_found(t, "I always ruin things", "overgeneralising");
	check_found(t, "I can\xe2\x80\x99t trust anyone.", "overgeneralising");
	check_found(t, "IT'S ALL MY FAULT", "personalising");
	check_found(t, "I should have known.",
	    "personalising;should_statements");
	check_found(t, "It doesn't count.", "discounting_positive");
	check_found(t, "I feel it, so it must be true",
	    "emotional_reasoning");
	check_found(t, "Everything is ruined", "all_or_nothing");
	traps_free(t);
}

static void
test_misses(void)
{
	struct traps *t = traps_new();

	check_found(t, "I always walk the dog before breakfast.", "");
	check_found(t, "Nevertheless, I went for a run.", "");
	check_found(t, "It will be okay.", "");
	check_found(t, "I have to go to the shop.", "");
	check_found(t, "The soup was good, but it was cold.", "");
	check_found(t, "", "");
	/* A stray byte is no match and no error, and the rest still is. */
	check_found(t, "\xff\xfe never change", "overgeneralising");
	traps_free(t);
}

static void
test_positions(void)
{
	struct traps *t = traps_new();
	const char *s = "ok. He's a liar. It will happen again.";
	struct trap_hit *h;
	size_t n;

	n = traps_scan(t, s, strlen(s), &h);
	CHECK_INT(n, 2, "two hits");
	if (n == 2) {
		CHECK_STR(traps_name(t, h[0].trap), "labelling", "first");
		CHECK_INT(h[0].start, 4, "first starts at 4");
		CHECK_INT(h[0].end, 15, "first ends at 15");
		CHECK_STR(traps_name(t, h[1].trap), "fortune_telling",
		    "second");
		CHECK_INT(h[1].start, 17, "second starts at 17");
	}
	free(h);
	n = traps_scan(t, "calm", 4, &h);
	CHECK_INT(n, 0, "no hits");
	CHECK(h == NULL, "no hits: NULL");
	traps_free(t);
}

static void
test_load(void)
{
	struct traps *t = traps_new();
	char *path = xasprintf("%s/d.csv", scratch);
	long i;

	unit_put(NULL, path, "name,pattern,title,explanation\n"
	    "mind_reading,,,\n"
	    "catastrophising,worst thing ever,catastrophising,Big.\n"
	    "labelling,i am a mess,,\n");
	CHECK_INT(traps_load(t, path), 3, "three rows");
	CHECK_INT(traps_find(t, "mind_reading"), -1, "an empty pattern "
	    "turns a trap off");
	CHECK_INT(traps_count(t), 9, "one off, one added");
	i = traps_find(t, "catastrophising");
	CHECK(i >= 0, "a new trap");
	CHECK_STR(traps_explain(t, (size_t)i), "Big.", "its explanation");
	check_found(t, "the WORST thing ever", "catastrophising");
	check_found(t, "theworst thing ever", "");
	i = traps_find(t, "labelling");
	CHECK_STR(traps_title(t, (size_t)i), "labelling", "title kept");
	check_found(t, "I am a mess", "labelling");
	check_found(t, "I am a fool", "");
	check_found(t, "They think I am", "");

	unit_put(NULL, path, "name,pattern\nBad Name,x\n");
	CHECK_INT(traps_load(t, path), -1, "a bad name");
	CHECK(strstr(st_error(), "d.csv:2: \"Bad Name\" is not a trap name")
	    != NULL, "the bad name's message");
	unit_put(NULL, path, "name,pattern\nok,fine\nbroken,(x\n");
	CHECK_INT(traps_load(t, path), -1, "a bad pattern");
	CHECK(strstr(st_error(), "d.csv:3: broken: at offset 2:") != NULL,
	    "the bad pattern's message, offset in its own text");
	CHECK_INT(traps_find(t, "broken"), -1, "the bad pattern is not kept");
	unit_put(NULL, path, "title,explanation\nx,y\n");
	CHECK_INT(traps_load(t, path), -1, "no name and pattern columns");
	CHECK(strstr(st_error(), "d.csv:1: needs the columns name and pattern")
	    != NULL, "the missing columns' message");
	free(path);
	path = xasprintf("%s/none.csv", scratch);
	CHECK_INT(traps_load(t, path), 0, "a missing file is no error");
	free(path);
	traps_free(t);
}

static void
test_names_of(void)
{
	struct traps *t = traps_new();
	struct trap_hit h[3] = { { 5, 0, 1 }, { 2, 1, 2 }, { 5, 3, 4 } };
	char *list = xstrdup("labelling");

	list = traps_names_of(t, h, 3, list);
	CHECK_STR(list, "labelling;mind_reading", "names added once");
	free(list);
	CHECK_INT(traps_listed("a;bb;c", "bb"), 1, "listed: in the middle");
	CHECK_INT(traps_listed("a;bb;c", "b"), 0, "listed: not a prefix");
	CHECK_INT(traps_listed("a;bb;c", "c"), 1, "listed: last");
	CHECK_INT(traps_listed(NULL, "c"), 0, "listed: no list");
	list = traps_names_of(t, h, 0, NULL);
	CHECK_STR(list, "", "nothing: empty");
	free(list);
	traps_free(t);
}

int
main(void)
{
	scratch = unit_scratch("traps");
	test_builtin();
	test_hits();
	test_misses();
	test_positions();
	test_load();
	test_names_of();
	return unit_done();
}
