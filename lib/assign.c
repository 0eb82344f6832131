/* assign: practice assignments (see assign.h and steady.5). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "csvio.h"
#include "util.h"
#include "when.h"

const char assign_header[] = "kind,what,times,per,from,until,note";

static const char *const kind_names[] = {
	"ground", "ladder", "reflect", "other"
};

const char *
assign_kind_name(enum assign_kind k)
{
	return kind_names[k];
}

int
assign_kind_parse(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

/* "2026-11-23" as a day number; -1 when it is not such a date. */
static long
day_of(const char *s)
{
	int y, m, d;
	char end;
	long day;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &end) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	day = when_days_from_civil(y, m, d);
	when_civil_from_days(day, &y, &m, &d);
	{
		char back[11];

		snprintf(back, sizeof(back), "%04d-%02d-%02d", y, m, d);
		if (strcmp(back, s) != 0)
			return -1;	/* 2026-02-30 */
	}
	return day;
}

void
assign_clear(struct assignment *a)
{
	free(a->what);
	free(a->note);
	memset(a, 0, sizeof(*a));
}

static int
parse_times(struct assignment *a, const char *times, const char *per)
{
	const char *why;

	if (*times == '\0')
		a->times = 1;
	else if (parse_num(times, 1, 100, &a->times, &why) == -1) {
		st_seterr("times is a whole number from 1 to 100, not \"%s\"",
		    times);
		return -1;
	}
	if (*per == '\0' || strcmp(per, "day") == 0)
		a->per_week = 0;
	else if (strcmp(per, "week") == 0)
		a->per_week = 1;
	else {
		st_seterr("per is day or week, not \"%s\"", per);
		return -1;
	}
	return 0;
}

int
assign_parse(struct assignment *a, const char *kind, const char *what,
    const char *times, const char *per, const char *from, const char *until,
    const char *note, long today)
{
	int k = assign_kind_parse(kind);

	memset(a, 0, sizeof(*a));
	if (k < 0) {
		st_seterr("kind is ground, ladder, reflect or other, not "
		    "\"%s\"", kind);
		return -1;
	}
	a->kind = (enum assign_kind)k;
	if (a->kind == AS_OTHER && *what == '\0') {
		st_seterr("an assignment of kind other says what to practise "
		    "(what)");
		return -1;
	}
	if (parse_times(a, times, per) == -1)
		return -1;
	a->from = *from ? day_of(from) : today;
	a->until = *until ? day_of(until) : ASSIGN_OPEN;
	if (a->from < 0 || a->until < 0) {
		st_seterr("from and until are dates such as 2026-11-23, not "
		    "\"%s\"", a->from < 0 ? from : until);
		return -1;
	}
	if (a->until < a->from) {
		st_seterr("until (%s) is before from (%s)", until,
		    *from ? from : "today");
		return -1;
	}
	a->what = xstrdup(what);
	a->note = xstrdup(note);
	return 0;
}

static const char *
get(struct csvr *r, const char *col)
{
	int i = csvr_col(r, col);
	const char *s;

	return i < 0 || (s = csvr_field(r, (size_t)i)) == NULL ? "" : s;
}

static int
load_rows(struct assignments *as, struct csvr *r)
{
	struct assignment a;
	char why[256];
	int c;

	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC)
			return -1;
		if (*get(r, "from") == '\0') {
			st_seterr("%s:%lu: from is needed: the first day of "
			    "the practice", csvr_name(r), csvr_line(r));
			return -1;
		}
		if (assign_parse(&a, get(r, "kind"), get(r, "what"),
		    get(r, "times"), get(r, "per"), get(r, "from"),
		    get(r, "until"), get(r, "note"), 0) == -1) {
			snprintf(why, sizeof(why), "%s", st_error());
			st_seterr("%s:%lu: %s", csvr_name(r), csvr_line(r),
			    why);
			return -1;
		}
		a.line = csvr_line(r);
		as->v = xreallocarray(as->v, as->n + 1, sizeof(*as->v));
		as->v[as->n++] = a;
	}
	return 0;
}

int
assign_load(struct assignments *as, const char *path)
{
	struct csvr *r;
	int rc = 0;

	as->v = NULL;
	as->n = 0;
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	if (csvr_ncols(r) > 0 && csvr_col(r, "kind") < 0) {
		st_seterr("%s:1: an assignments file needs a kind column (%s)",
		    path, assign_header);
		rc = -1;
	}
	if (rc == 0)
		rc = load_rows(as, r);
	csvr_close(r);
	if (rc == -1)
		assign_free(as);
	return rc;
}

void
assign_free(struct assignments *as)
{
	size_t i;

	for (i = 0; i < as->n; i++)
		assign_clear(&as->v[i]);
	free(as->v);
	as->v = NULL;
	as->n = 0;
}

int
assign_active(const struct assignment *a, long day)
{
	return day >= a->from && day <= a->until;
}

int
assign_matches(const struct assignment *a, enum assign_kind k,
    const char *sub)
{
	return a->kind == k && k != AS_OTHER &&
	    (*a->what == '\0' || strcmp(a->what, sub) == 0);
}

long long
assign_planned(const struct assignment *a, long first, long last)
{
	if (first < a->from)
		first = a->from;
	if (last > a->until)
		last = a->until;
	if (last < first)
		return 0;
	if (!a->per_week)
		return a->times * (long long)(last - first + 1);
	return a->times * (long long)((last - a->from) / 7 -
	    (first - a->from) / 7 + 1);
}

long
assign_open_from(const struct assignment *a, long today)
{
	if (!assign_active(a, today))
		return -1;
	return a->per_week ? today - (today - a->from) % 7 : today;
}

void
assign_describe(struct strbuf *sb, const struct assignment *a)
{
	const char *w = a->what;

	switch (a->kind) {
	case AS_GROUND:
		sb_printf(sb, *w ? "ground %s" : "a grounding exercise", w);
		break;
	case AS_LADDER:
		sb_printf(sb, *w ? "the ladder step \"%s\"" :
		    "an exposure trial", w);
		break;
	case AS_REFLECT:
		sb_printf(sb, *w ? "reflect %s" : "a reflection", w);
		break;
	case AS_OTHER:
		sb_puts(sb, w);
		break;
	}
	if (a->times == 1)
		sb_puts(sb, ", once");
	else if (a->times == 2)
		sb_puts(sb, ", twice");
	else
		sb_printf(sb, ", %lld times", a->times);
	sb_puts(sb, a->per_week ? " a week" : " a day");
}
