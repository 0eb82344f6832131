/*
 * test_links: a trial with its grounding and reflection (lib/links.c).
 */
#include <stdio.h>
#include <string.h>

#include "links.h"
#include "unit.h"
#include "util.h"

static struct strbuf rows;

static void
keep(const char *const *cells, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < 6; i++)
		sb_printf(&rows, "%s%s", cells[i], i < 5 ? "|" : "\n");
}

static const char *
each(const struct links *l, const char *source)
{
	sb_reset(&rows);
	sb_puts(&rows, "");
	links_each(l, source, keep, NULL);
	return rows.s;
}

int
main(void)
{
	struct links *l = links_new();
	char id[32];
	int i;

	CHECK_STR(each(l, "ana"), "", "nothing noted, nothing shown");
	links_ground(l, "ana", "t2", "box", "7", "4");
	links_trial(l, "ana", "t1", "2026-11-20T18:00:00+01:00", "call", "60");
	links_trial(l, "ana", "t2", "2026-11-21T18:00:00+01:00", "drive", "80");
	links_trial(l, "ana", "t3", "2026-11-22T18:00:00+01:00", "text", "50");
	links_reflect(l, "ana", "t1", "it passed");
	links_reflect(l, "ana", "t2", "");
	links_ground(l, "ana", "t2", "sigh", "", "3");
	links_reflect(l, "bo", "t3", "x");
	links_ground(l, "ana", "", "box", "1", "2");
	CHECK_STR(each(l, "ana"),
	    "t1|2026-11-20|call|60||it passed\n"
	    "t2|2026-11-21|drive|80|box, distress 7 to 4; sigh|written\n",
	    "trials with links, in order, with their links");
	CHECK_INT(links_count(l, "ana"), 2, "two are counted");
	CHECK_STR(each(l, "bo"), "", "a link without its trial is not shown");
	links_trial(l, "ana", "t1", "2026-11-20T18:00:00+01:00", "call", "55");
	CHECK_STR(each(l, "ana"),
	    "t1|2026-11-20|call|55||it passed\n"
	    "t2|2026-11-21|drive|80|box, distress 7 to 4; sigh|written\n",
	    "a trial noted again is replaced in its place");
	for (i = 0; i < 500; i++) {
		snprintf(id, sizeof(id), "x%d", i);
		links_trial(l, "cy", id, "2026-11-01", "s", "1");
		links_reflect(l, "cy", id, "ok");
	}
	CHECK_INT(links_count(l, "cy"), 500, "many trials are kept apart");
	links_free(l);
	links_free(NULL);
	CHECK_INT(links_count(NULL, "ana"), 0, "NULL holds none");
	sb_free(&rows);
	return unit_done();
}
