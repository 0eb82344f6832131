/* Unit tests of lib/match.c: hits, order, names, pattern files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match.h"
#include "unit.h"
#include "util.h"

static char *scratch;

/* Write text to scratch/name; returns the path, malloc'd. */
static char *
put(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", scratch, name);

	unit_put(NULL, path, text);
	return path;
}

/* Check the next hit in s from *pos: pattern index, start and end. */
static void
check_hit(struct matchset *m, const char *s, size_t *pos, size_t index,
    size_t start, size_t end, const char *what)
{
	struct match_hit hit;
	char *w;

	memset(&hit, 0, sizeof(hit));
	w = xasprintf("%s: found", what);
	CHECK_INT(match_next(m, s, strlen(s), pos, &hit), 1, w);
	free(w);
	w = xasprintf("%s: pattern %zu at %zu-%zu", what, index, start, end);
	CHECK(hit.index == index && hit.start == start && hit.end == end, w);
	if (hit.index != index || hit.start != start || hit.end != end)
		printf("#   got pattern %zu at %zu-%zu\n", hit.index, hit.start,
		    hit.end);
	free(w);
}

static void
check_none(struct matchset *m, const char *s, size_t *pos, const char *what)
{
	struct match_hit hit;

	CHECK_INT(match_next(m, s, strlen(s), pos, &hit), 0, what);
}

static void
test_hits(void)
{
	struct matchset *m = match_new();
	const char *s = "I am Sad today, so SAD.";
	struct match_hit hit;
	size_t pos = 0;

	CHECK_INT(match_count(m), 0, "a new set is empty");
	CHECK_INT(match_any(m, "anything"), 0, "an empty set matches nothing");
	CHECK_INT(match_add(m, "sad", "\\bsad\\b", "mood"), 0, "add");
	CHECK_INT(match_count(m), 1, "one pattern");
	CHECK_INT(match_next(m, s, strlen(s), &pos, &hit), 1, "first hit");
	CHECK_INT(hit.start, 5, "first hit starts at 5");
	CHECK_INT(hit.end, 8, "first hit ends at 8");
	CHECK_INT(pos, 8, "pos moved past it");
	CHECK_INT(hit.index, 0, "first hit index");
	CHECK_STR(hit.name, "sad", "first hit name");
	CHECK_STR(hit.label, "mood", "first hit label");
	check_hit(m, s, &pos, 0, 19, 22, "upper case SAD");
	CHECK_INT(pos, 22, "pos after the second hit");
	check_none(m, s, &pos, "no third hit");
	CHECK_INT(pos, 22, "pos unchanged without a hit");
	pos = 100;
	check_none(m, s, &pos, "pos past the end: no hit");

	CHECK_INT(match_any(m, "sadly"), 0, "\\b: no match inside sadly");
	CHECK_INT(match_any(m, "unsad"), 0, "\\b: no match inside unsad");
	CHECK_INT(match_any(m, "(sad)"), 1, "\\b: match between brackets");
	CHECK_INT(match_any(m, "sad\xc3\xa9"), 0,
	    "\\b: a non-ASCII letter is a word character (UCP)");
	CHECK_INT(match_any(m, "glad"), 0, "no match returns 0");
	match_free(m);
}

static void
test_unicode(void)
{
	struct matchset *m = match_new();
	/* "Ärger über ÄRGER" */
	const char *s = "\xc3\x84rger \xc3\xbc" "ber \xc3\x84RGER";
	const char *bad = "x \xff\xfe sad \xc0 sad";
	size_t pos = 0;

	CHECK_INT(match_add(m, "anger", "\\b\xc3\xa4rger\\b", NULL), 0,
	    "add a non-ASCII pattern");
	check_hit(m, s, &pos, 0, 0, 6, "non-ASCII, other case");
	check_hit(m, s, &pos, 0, 13, 19, "non-ASCII, all capitals");
	CHECK_INT(match_add(m, "sad", "sad", NULL), 0, "add sad");
	pos = 0;
	check_hit(m, bad, &pos, 1, 5, 8, "stray bytes before a hit");
	check_hit(m, bad, &pos, 1, 11, 14, "stray byte between hits");
	check_none(m, bad, &pos, "stray bytes: then none");
	CHECK_INT(match_any(m, "\xff\xfe\xfd"), 0, "only stray bytes: none");
	match_free(m);
}

static void
test_order(void)
{
	struct matchset *m = match_new();
	const char *s = "hello world, go on";
	struct match_hit hit;
	size_t pos = 0;

	match_add(m, "world", "world", "w");
	match_add(m, "hello", "hello", "h");
	match_add(m, "go", "\\bgo\\b", "g1");
	match_add(m, "go_on", "go\\s+on", "g2");
	check_hit(m, s, &pos, 1, 0, 5, "earliest start wins over order");
	check_hit(m, s, &pos, 0, 6, 11, "then the next");
	CHECK_INT(match_next(m, s, strlen(s), &pos, &hit), 1, "a tie");
	CHECK_STR(hit.name, "go", "a tie goes to the pattern added first");
	CHECK_STR(hit.label, "g1", "with its label");
	CHECK_INT(hit.end, 15, "and its own end");
	check_none(m, s, &pos, "go on was passed over");
	match_free(m);
}

static void
test_empty_matches(void)
{
	struct matchset *m = match_new();
	const char *e = "\xc3\xa9";
	size_t pos = 0;

	match_add(m, "stars", "x*", NULL);
	check_hit(m, "ab", &pos, 0, 0, 0, "empty match at 0");
	CHECK_INT(pos, 1, "moved one byte");
	check_hit(m, "ab", &pos, 0, 1, 1, "empty match at 1");
	check_hit(m, "ab", &pos, 0, 2, 2, "empty match at the end");
	check_none(m, "ab", &pos, "then none");
	pos = 0;
	check_hit(m, e, &pos, 0, 0, 0, "empty match before a 2-byte letter");
	CHECK_INT(pos, 2, "moved one whole character");
	pos = 0;
	check_hit(m, "xxa", &pos, 0, 0, 2, "non-empty match");
	check_hit(m, "xxa", &pos, 0, 2, 2, "empty match after it");
	match_free(m);
}

static void
test_names(void)
{
	struct matchset *m = match_new();
	struct match_hit hit;
	size_t pos = 0;

	match_add(m, "a", "alpha", "1");
	match_add(m, "b", "beta", "2");
	match_add(m, "c", "gamma", "3");
	CHECK_INT(match_add(m, "b", "delta", "new"), 0, "replace by name");
	CHECK_INT(match_count(m), 3, "replacing keeps the count");
	CHECK_INT(match_any(m, "beta"), 0, "the old pattern is gone");
	CHECK_INT(match_next(m, "delta", 5, &pos, &hit), 1, "the new matches");
	CHECK_INT(hit.index, 1, "in the old one's place");
	CHECK_STR(hit.name, "b", "under the same name");
	CHECK_STR(hit.label, "new", "with the new label");

	CHECK_INT(match_add(m, "b", "", NULL), 0, "an empty pattern removes");
	CHECK_INT(match_count(m), 2, "one fewer");
	CHECK_INT(match_any(m, "delta"), 0, "removed pattern matches nothing");
	pos = 0;
	CHECK_INT(match_next(m, "gamma", 5, &pos, &hit), 1, "later ones stay");
	CHECK_INT(hit.index, 1, "and move up");
	CHECK_STR(hit.label, "3", "with their labels");
	CHECK_INT(match_add(m, "zzz", "", NULL), 0, "removing an unknown name");
	CHECK_INT(match_count(m), 2, "changes nothing");
	match_free(m);
	match_free(NULL);
}

static void
test_errors(void)
{
	struct matchset *m = match_new();

	CHECK_INT(match_add(m, "broken", "(abc", NULL), -1, "compile error");
	CHECK_STR(st_error(), "broken: at offset 4: missing closing "
	    "parenthesis", "compile error: message");
	CHECK_INT(match_count(m), 0, "nothing added");
	match_add(m, "keep", "sad", NULL);
	CHECK_INT(match_add(m, "keep", "sad[", NULL), -1, "bad replacement");
	CHECK_STR(st_error(), "keep: at offset 4: missing terminating ] for "
	    "character class", "bad replacement: message");
	CHECK_INT(match_any(m, "sad"), 1, "the old pattern stays");
	match_free(m);
}

static void
test_load(void)
{
	struct matchset *m = match_new();
	char *path, *want;
	struct match_hit hit;
	size_t pos = 0;

	match_add(m, "builtin", "suicid", "risk");
	match_add(m, "other", "overdos", "risk");
	path = put("risk.csv", "name,pattern,label\n"
	    "sad,\\bsad\\b,mood\n"
	    "builtin,,\n"
	    "range,\"x{2,3}\",\n"
	    "other,overdose?,mine\n");
	CHECK_INT(match_load(m, path), 4, "load counts its rows");
	CHECK_INT(match_count(m), 3, "one added, one removed, one replaced");
	CHECK_INT(match_any(m, "suicide"), 0, "an empty pattern removed one");
	CHECK_INT(match_next(m, "an overdose", 11, &pos, &hit), 1,
	    "replaced from the file");
	CHECK_INT(hit.index, 0, "in its old place");
	CHECK_STR(hit.label, "mine", "with the file's label");
	pos = 0;
	check_hit(m, "so SAD, xxxx", &pos, 1, 3, 6, "loaded, \\b kept");
	check_hit(m, "so SAD, xxxx", &pos, 2, 8, 11, "quoted field with ,");
	free(path);

	path = put("nolabel.csv", "pattern,name\ncalm,c\n");
	CHECK_INT(match_load(m, path), 1, "columns in any order, no label");
	pos = 0;
	CHECK_INT(match_next(m, "calm", 4, &pos, &hit), 1, "found");
	CHECK_STR(hit.label, "", "no label column: empty label");
	free(path);

	path = xasprintf("%s/missing.csv", scratch);
	CHECK_INT(match_load(m, path), 0, "a missing file loads nothing");
	free(path);
	path = put("empty.csv", "");
	CHECK_INT(match_load(m, path), 0, "an empty file loads nothing");
	free(path);

	path = put("cols.csv", "name,regex\na,b\n");
	CHECK_INT(match_load(m, path), -1, "a file without pattern column");
	want = xasprintf("%s:1: needs the columns name and pattern", path);
	CHECK_STR(st_error(), want, "missing column: message");
	free(want);
	free(path);
	match_free(m);
}

static void
test_load_errors(void)
{
	struct matchset *m = match_new();
	char *path, *want;

	path = put("bad.csv", "name,pattern\nok,fine\nbroken,(abc\n");
	CHECK_INT(match_load(m, path), -1, "a bad pattern in a file");
	want = xasprintf("%s:3: broken: at offset 4: missing closing "
	    "parenthesis", path);
	CHECK_STR(st_error(), want, "bad pattern: path:line: message");
	free(want);
	free(path);

	path = put("noname.csv", "name,pattern\n,sad\n");
	CHECK_INT(match_load(m, path), -1, "a row without a name");
	want = xasprintf("%s:2: the pattern has no name", path);
	CHECK_STR(st_error(), want, "no name: message");
	free(want);
	free(path);

	path = put("fields.csv", "name,pattern\na,b,c\n");
	CHECK_INT(match_load(m, path), -1, "a row with too many fields");
	want = xasprintf("%s:2: ", path);
	CHECK(strncmp(st_error(), want, strlen(want)) == 0,
	    "csvio's message with path:line");
	free(want);
	free(path);
	match_free(m);
}

int
main(void)
{
	const char *names[] = { "risk.csv", "nolabel.csv", "empty.csv",
	    "cols.csv", "bad.csv", "noname.csv", "fields.csv" };
	char *p;
	size_t i;

	scratch = xstrdup(unit_scratch("match"));
	test_hits();
	test_unicode();
	test_order();
	test_empty_matches();
	test_names();
	test_errors();
	test_load();
	test_load_errors();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		p = xasprintf("%s/%s", scratch, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(scratch);
	free(scratch);
	return unit_done();
}
