/*
 * report: read steady's logs (or any CSV/TSV) and print trends per group
 * and period, with concerns to look at and wins.  See report(1).
 */
#include <err.h>
#include <stdarg.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "csvio.h"
#include "out.h"
#include "pacing.h"
#include "stats.h"
#include "store.h"
#include "util.h"
#include "when.h"

static const char usage_text[] =
    "usage: report [-f format] [-b by] [-g column] [-s when] [-u when]\n"
    "              [-c columns] [-S name] [--strict] [--summary | --partial]\n"
    "              [--merge] [file ...]\n"
    "       report -h | -V\n";

static const char help_text[] =
    "Turn steady's logs, or any CSV or TSV with numbers in it, into trends:\n"
    "averages, spread, the direction things are moving in, concerns to\n"
    "look at and wins.  Reads the files named, or standard input.\n"
    "\n"
    "  -f, --format FMT    table, csv, tsv, md, json or html (a table on a\n"
    "                      terminal, csv in a pipe)\n"
    "  -b, --by PERIOD     day, week, month or all (the default)\n"
    "  -g, --group COL     a group for each value of COL (source: per file's\n"
    "                      folder, as for clients/NAME/checkin.csv)\n"
    "  -s, --since WHEN    from WHEN (2026-11-01, today, 7d, 4w, 3m)\n"
    "  -u, --until WHEN    up to WHEN (a date: to its end)\n"
    "  -c, --cols LIST     the columns to summarise, separated by commas\n"
    "  -S, --source NAME   the name for standard input's rows\n"
    "      --strict        stop at the first row that cannot be used\n"
    "      --summary       one row per source: a caseload at a glance\n"
    "      --partial       write mergeable partial results instead\n"
    "      --merge         read partial results (from --partial) and combine\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n";

enum { OPT_STRICT = 256, OPT_SUMMARY, OPT_PARTIAL, OPT_MERGE };

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "cols", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, 'f' },
	{ "group", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "since", required_argument, NULL, 's' },
	{ "source", required_argument, NULL, 'S' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "until", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

enum period { BY_ALL, BY_DAY, BY_WEEK, BY_MONTH };

struct opts {
	enum out_format format;
	int format_set;
	enum period by;
	const char *group, *since, *until, *cols, *source;
	int strict, summary, partial, merge;
};

/*
 * What a log is, from its header: steady's own logs get their own views
 * (a practice per row, a step per trial...), anything else is summarised
 * column by column.
 */
enum kind { K_GENERIC, K_CHECKIN, K_GROUND, K_TRIALS, K_REFLECT };

static const char *const kind_names[] = {
	"data", "check-ins", "grounding", "exposure trials", "reflections"
};

/* A measure: a column (or a difference of two) summarised per group. */
struct measure {
	char *name;
	enum better better;	/* from items.csv or the log's kind */
	int directed;		/* 0: no better way; words stay neutral */
	int textseen;		/* a generic column with text: not a number */
	int named;		/* given with --cols, or a known column */
};

static struct measure *measures;
static size_t nmeasures;
static size_t *order;		/* measure ids in the order shown */

/* The groups: source, group value, period and a sub-key per kind. */
struct group {
	char *source, *gval, *period, *sub;
	enum kind kind;
	struct stats *m;	/* one per measure id, grown as needed */
	size_t nm;
	struct daymap days;	/* days with a record */
	int64_t rows;
	int timed;		/* its rows have times (a ts column) */
	int64_t low_safety;	/* check-ins at or below the threshold */
	int64_t high_peaks;	/* trials peaking at or above the ceiling */
	struct dayseries *ds;	/* per measure, for sources with practice */
	size_t nds;
	int64_t stops;		/* trials stopped early, by choice */
	struct peaks {		/* the latest trials' peaks, oldest first */
		int n;
		int64_t t[12], v[12];
	} peaks;
	uint32_t hash;
	struct group *next;
};

#define NBUCKETS 4096
static struct group *buckets[NBUCKETS];
static struct group **groups;	/* in order of creation */
static size_t ngroups;

/* Rules for concerns and wins (settings.csv; steady.5). */
static struct {
	long long safety_threshold, gap_days, min_days;
} rules = { 2, 7, 3 };
static struct pacing pace;

static struct items items;
static char *confdir;
static int64_t badrows;

/* Sources that have practice logs: their check-ins keep day series. */
static char **practiced;
static size_t npracticed;

static void __attribute__((noreturn))
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

static size_t
measure_id(const char *name, int named)
{
	const struct item *it;
	size_t i;

	for (i = 0; i < nmeasures; i++)
		if (strcmp(measures[i].name, name) == 0) {
			measures[i].named |= named;
			return i;
		}
	measures = xreallocarray(measures, nmeasures + 1, sizeof(*measures));
	memset(&measures[nmeasures], 0, sizeof(*measures));
	measures[nmeasures].name = xstrdup(name);
	measures[nmeasures].named = named;
	if ((it = items_find(&items, name)) != NULL) {
		measures[nmeasures].better = it->better;
		measures[nmeasures].directed = 1;
	}
	return nmeasures++;
}

static uint32_t
hash_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h ^ 0x1f) * 16777619u;
}

static struct group *
group_get(const char *src, const char *gval, const char *period,
    const char *sub, enum kind kind)
{
	uint32_t h = hash_str(hash_str(hash_str(hash_str(2166136261u, src),
	    gval), period), sub) ^ (uint32_t)kind;
	struct group *g;

	for (g = buckets[h % NBUCKETS]; g != NULL; g = g->next)
		if (g->hash == h && g->kind == kind &&
		    strcmp(g->source, src) == 0 && strcmp(g->gval, gval) == 0
		    && strcmp(g->period, period) == 0 &&
		    strcmp(g->sub, sub) == 0)
			return g;
	g = xcalloc(1, sizeof(*g));
	g->source = xstrdup(src);
	g->gval = xstrdup(gval);
	g->period = xstrdup(period);
	g->sub = xstrdup(sub);
	g->kind = kind;
	g->hash = h;
	daymap_init(&g->days);
	g->next = buckets[h % NBUCKETS];
	buckets[h % NBUCKETS] = g;
	groups = xreallocarray(groups, ngroups + 1, sizeof(*groups));
	groups[ngroups++] = g;
	return g;
}

/* The group's summary of measure id, created on first use. */
static struct stats *
group_stats(struct group *g, size_t id)
{
	size_t i;

	if (id >= g->nm) {
		g->m = xreallocarray(g->m, nmeasures, sizeof(*g->m));
		for (i = g->nm; i < nmeasures; i++)
			stats_init(&g->m[i]);
		g->nm = nmeasures;
	}
	return &g->m[id];
}

/* The group's day series of measure id, created on first use. */
static struct dayseries *
group_series(struct group *g, size_t id)
{
	size_t i;

	if (id >= g->nds) {
		g->ds = xreallocarray(g->ds, nmeasures, sizeof(*g->ds));
		for (i = g->nds; i < nmeasures; i++)
			dayseries_init(&g->ds[i]);
		g->nds = nmeasures;
	}
	return &g->ds[id];
}

static void
groups_free(void)
{
	struct group *g;
	size_t i, j;

	for (i = 0; i < ngroups; i++) {
		g = groups[i];
		for (j = 0; j < g->nm; j++)
			stats_free(&g->m[j]);
		for (j = 0; j < g->nds; j++)
			dayseries_free(&g->ds[j]);
		free(g->ds);
		free(g->m);
		daymap_free(&g->days);
		free(g->source);
		free(g->gval);
		free(g->period);
		free(g->sub);
		free(g);
	}
	free(groups);
	for (i = 0; i < nmeasures; i++)
		free(measures[i].name);
	free(measures);
	for (i = 0; i < npracticed; i++)
		free(practiced[i]);
	free(practiced);
}

/* How one input file maps onto measures and groups. */
struct view {
	enum kind kind;
	const char *name;	/* for messages */
	char *source;
	int tscol, gcol, subcol;
	size_t ncols;
	long *mid;		/* per column: measure id, or -1 */
	struct { long id; int a, b; } diff[2];	/* derived: col a - col b */
	size_t ndiff;
	int safety_col, peak_col;	/* for the concern counters, or -1 */
	int linked;		/* check-ins of a source with practice logs */
	int trapcol;		/* reflections: the traps column, or -1 */
	int stopcol;		/* trials: the stopped column, or -1 */
};

static int
has(struct csvr *r, const char *col)
{
	return csvr_col(r, col) >= 0;
}

static enum kind
kind_of(struct csvr *r)
{
	static const char *const items_cols[] = {
		"mood", "trust", "safety", "distress", "arousal"
	};
	size_t i;

	if (!has(r, "ts"))
		return K_GENERIC;
	if (has(r, "exercise") && has(r, "pre") && has(r, "post"))
		return K_GROUND;
	if (has(r, "step") && has(r, "peak"))
		return K_TRIALS;
	if (has(r, "kind"))
		return K_REFLECT;
	for (i = 0; i < sizeof(items_cols) / sizeof(items_cols[0]); i++)
		if (has(r, items_cols[i]))
			return K_CHECKIN;
	return K_GENERIC;
}

/* Columns that are never measures: times, keys and free text. */
static int
not_a_measure(const struct view *v, const char *col)
{
	static const char *const skip[] = {
		"ts", "note", "exercise", "step", "kind", "id", "completed",
		"stopped", "expect", "text", "prompt", "situation", "thought",
		"traps", "learned", "safety_behaviours", "created", "status",
	};
	size_t i;

	if (v->kind == K_GENERIC)
		return strcmp(col, "ts") == 0;
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(col, skip[i]) == 0)
			return 1;
	return 0;
}

/* Is col one the person asked for with --cols (or were none named)? */
static int
wanted(const char *cols, const char *col)
{
	const char *p = cols;
	size_t n = strlen(col);

	if (cols == NULL)
		return 1;
	while ((p = strstr(p, col)) != NULL) {
		if ((p == cols || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* A measure whose better direction comes from the kind of log. */
static long
directed(const char *name, enum better b)
{
	size_t id = measure_id(name, 1);

	measures[id].better = b;
	measures[id].directed = 1;
	return (long)id;
}

static void
add_diff(struct view *v, struct csvr *r, const char *name, enum better b,
    const char *a, const char *bcol)
{
	if (!has(r, a) || !has(r, bcol))
		return;
	v->diff[v->ndiff].id = directed(name, b);
	v->diff[v->ndiff].a = csvr_col(r, a);
	v->diff[v->ndiff].b = csvr_col(r, bcol);
	v->ndiff++;
}

/* Direction for the columns of steady's own practice logs. */
static void
kind_measures(struct view *v, struct csvr *r)
{
	if (v->kind == K_GROUND) {
		add_diff(v, r, "change", BETTER_LOW, "post", "pre");
		if (has(r, "pre"))
			directed("pre", BETTER_LOW);
		if (has(r, "post"))
			directed("post", BETTER_LOW);
	} else if (v->kind == K_TRIALS) {
		add_diff(v, r, "violation", BETTER_HIGH, "expect_pct",
		    "outcome_pct");
		if (has(r, "peak"))
			directed("peak", BETTER_LOW);
		v->peak_col = csvr_col(r, "peak");
	}
}

/*
 * The source of a file's rows: the name of the folder holding it
 * (clients/ana/checkin.csv is "ana"; a file named without a folder is in
 * the current one), or --source's name for standard input.
 */
static char *
source_of(const char *path, const struct opts *o)
{
	const char *end, *start;
	char cwd[4096];

	if (strcmp(path, "-") == 0)
		return xstrdup(o->source ? o->source : "stdin");
	if ((end = strrchr(path, '/')) == NULL) {
		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return xstrdup(".");
		return source_of(strcat(cwd, "/x"), o);
	}
	while (end > path && end[-1] == '/')
		end--;
	for (start = end; start > path && start[-1] != '/'; start--)
		;
	if (start == end)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(end - start), start);
}

static int
view_open(struct view *v, struct csvr *r, const char *path,
    const struct opts *o)
{
	const char *col;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->name = csvr_name(r);
	v->kind = kind_of(r);
	v->source = source_of(path, o);
	v->tscol = csvr_col(r, "ts");
	v->gcol = o->group && strcmp(o->group, "source") ? csvr_col(r,
	    o->group) : -1;
	v->subcol = v->kind == K_GROUND ? csvr_col(r, "exercise") :
	    v->kind == K_TRIALS ? csvr_col(r, "step") :
	    v->kind == K_REFLECT ? csvr_col(r, "kind") : -1;
	v->safety_col = v->peak_col = -1;
	v->trapcol = v->kind == K_REFLECT ? csvr_col(r, "traps") : -1;
	v->stopcol = v->kind == K_TRIALS ? csvr_col(r, "stopped") : -1;
	if (o->group && strcmp(o->group, "source") && v->gcol < 0) {
		warnx("%s:1: there is no column \"%s\" to group by", v->name,
		    o->group);
		return -1;
	}
	v->ncols = csvr_ncols(r);
	v->mid = xcalloc(v->ncols, sizeof(*v->mid));
	for (i = 0; i < v->ncols; i++) {
		col = csvr_colname(r, i);
		v->mid[i] = -1;
		if ((int)i == v->gcol || not_a_measure(v, col) ||
		    !wanted(o->cols, col))
			continue;
		v->mid[i] = (long)measure_id(col, o->cols != NULL ||
		    (v->kind != K_GENERIC && items_find(&items, col)));
	}
	if (v->kind == K_CHECKIN)
		v->safety_col = csvr_col(r, "safety");
	/* A shard cannot know what the others hold: partials keep them all. */
	v->linked = v->kind == K_CHECKIN && o->by == BY_ALL && v->gcol < 0 &&
	    o->partial;
	for (i = 0; v->kind == K_CHECKIN && o->by == BY_ALL && v->gcol < 0 &&
	    i < npracticed; i++)
		if (strcmp(practiced[i], v->source) == 0)
			v->linked = 1;
	kind_measures(v, r);
	return 0;
}

static void
view_close(struct view *v)
{
	free(v->mid);
	free(v->source);
}

/* "2026-11-23", "2026-W48", "2026-11" or "" for the whole range. */
static void
period_label(enum period by, int32_t day, char *buf, size_t len)
{
	int y, m, d, wy, wk;

	if (by == BY_ALL) {
		buf[0] = '\0';
		return;
	}
	when_civil_from_days(day, &y, &m, &d);
	switch (by) {
	case BY_DAY:
		snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
		break;
	case BY_WEEK:
		when_isoweek_of_day(day, &wy, &wk);
		snprintf(buf, len, "%04d-W%02d", wy, wk);
		break;
	case BY_MONTH:
		snprintf(buf, len, "%04d-%02d", y, m);
		break;
	default:
		buf[0] = '\0';
	}
}

/* The range asked for, as instants: [since, until). */
static struct {
	int has_since, has_until;
	time_t since, until, now;
} range;

static int
bad_row(const struct opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Report a row that cannot be used; with --strict, stop there. */
static int
bad_row(const struct opts *o, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "report: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	badrows++;
	if (o->strict)
		exit(EXIT_ERR);
	return -1;
}

/* The row's instant and its written day; 1 when outside the range. */
static int
row_time(const struct view *v, struct csvr *r, const struct opts *o,
    time_t *t, int32_t *day)
{
	const char *ts;
	long off;

	*t = 0;
	*day = 0;
	if (v->tscol < 0)
		return 0;
	ts = csvr_field(r, (size_t)v->tscol);
	if (when_parse(ts, t, &off) == -1)
		return bad_row(o, "%s:%lu: ts %s", v->name, csvr_line(r),
		    st_error());
	if ((range.has_since && *t < range.since) ||
	    (range.has_until && *t >= range.until))
		return 1;
	/* The day as written: the person's date where they were. */
	*day = (int32_t)((*t + off) / 86400 - ((*t + off) % 86400 < 0));
	return 0;
}

/* Check every measure cell before any is counted, so a row is either
 * taken whole or reported whole. */
static int
row_values(const struct view *v, struct csvr *r, const struct opts *o,
    int64_t *val, int *set)
{
	const char *f;
	size_t i;

	for (i = 0; i < v->ncols; i++) {
		set[i] = 0;
		if (v->mid[i] < 0 || measures[v->mid[i]].textseen)
			continue;
		f = csvr_field(r, i);
		if (*f == '\0')
			continue;
		if (stats_parse(f, &val[i]) == 0) {
			set[i] = 1;
			continue;
		}
		if (!measures[v->mid[i]].named) {
			/* A generic column of text: not a measure after all. */
			measures[v->mid[i]].textseen = 1;
			continue;
		}
		return bad_row(o, "%s:%lu: %s \"%.40s\" is not a number",
		    v->name, csvr_line(r), measures[v->mid[i]].name, f);
	}
	return 0;
}

/* A value for a derived measure: both cells must be numbers. */
static int
diff_value(struct csvr *r, int a, int b, int64_t *out)
{
	int64_t x, y;

	if (stats_parse(csvr_field(r, (size_t)a), &x) == -1 ||
	    stats_parse(csvr_field(r, (size_t)b), &y) == -1)
		return -1;
	*out = x - y;
	return 0;
}

/* Count what the concern rules look at. */
static void
count_flags(struct group *g, const struct view *v, const int64_t *val,
    const int *set)
{
	if (v->safety_col >= 0 && set[v->safety_col] &&
	    val[v->safety_col] <= rules.safety_threshold * STATS_SCALE)
		g->low_safety++;
	if (v->peak_col >= 0 && set[v->peak_col] &&
	    val[v->peak_col] >= pace.ceiling * STATS_SCALE)
		g->high_peaks++;
}

static int
is_yes(const char *s)
{
	return strcmp(s, "yes") == 0 || strcmp(s, "1") == 0 ||
	    strcmp(s, "true") == 0;
}

/*
 * Keep the latest trials' peaks in time order (ties: the smaller value
 * first), dropping the oldest: the same set whatever the order of rows
 * or partials, so merges stay exact.
 */
static void
peaks_add(struct peaks *p, int64_t t, int64_t v)
{
	int i, max = (int)(sizeof(p->t) / sizeof(p->t[0]));

	if (p->n == max && (t < p->t[0] || (t == p->t[0] && v <= p->v[0])))
		return;
	if (p->n == max) {
		memmove(p->t, p->t + 1, (size_t)(max - 1) * sizeof(p->t[0]));
		memmove(p->v, p->v + 1, (size_t)(max - 1) * sizeof(p->v[0]));
		p->n--;
	}
	for (i = p->n; i > 0 && (p->t[i - 1] > t ||
	    (p->t[i - 1] == t && p->v[i - 1] > v)); i--) {
		p->t[i] = p->t[i - 1];
		p->v[i] = p->v[i - 1];
	}
	p->t[i] = t;
	p->v[i] = v;
	p->n++;
}

/* Thinking traps named in a reflection ("labelling;mind_reading") are
 * counted as measures "trap:NAME", so partials and merges carry them. */
#define TRAP "trap:"

static void
count_traps(struct group *g, const char *field, time_t t, int32_t day)
{
	char *list = xstrdup(field), *p = list, *name, *key;

	while ((name = strsep(&p, ";")) != NULL) {
		name = trim(name);
		if (*name == '\0')
			continue;
		key = xasprintf(TRAP "%s", name);
		stats_add(group_stats(g, measure_id(key, 1)), t, day,
		    STATS_SCALE);
		free(key);
	}
	free(list);
}

static int
is_trap(size_t id)
{
	return strncmp(measures[id].name, TRAP, strlen(TRAP)) == 0;
}

static void
take_row(const struct view *v, struct csvr *r, const struct opts *o,
    int64_t *val, int *set)
{
	char period[16];
	struct group *g;
	int32_t day;
	int64_t dv;
	time_t t;
	size_t i;

	if (row_time(v, r, o, &t, &day) != 0 ||
	    row_values(v, r, o, val, set) != 0)
		return;
	period_label(o->by, day, period, sizeof(period));
	g = group_get(v->source, v->gcol >= 0 ? csvr_field(r,
	    (size_t)v->gcol) : "", period, v->subcol >= 0 ?
	    csvr_field(r, (size_t)v->subcol) : "", v->kind);
	g->rows++;
	if (v->tscol >= 0) {
		g->timed = 1;
		daymap_set(&g->days, day);
	}
	for (i = 0; i < v->ncols; i++)
		if (set[i]) {
			stats_add(group_stats(g, (size_t)v->mid[i]), t, day,
			    val[i]);
			if (v->linked)
				dayseries_add(group_series(g,
				    (size_t)v->mid[i]), day, val[i]);
		}
	for (i = 0; i < v->ndiff; i++)
		if (diff_value(r, v->diff[i].a, v->diff[i].b, &dv) == 0)
			stats_add(group_stats(g, (size_t)v->diff[i].id), t,
			    day, dv);
	count_flags(g, v, val, set);
	if (v->trapcol >= 0)
		count_traps(g, csvr_field(r, (size_t)v->trapcol), t, day);
	if (v->stopcol >= 0 && is_yes(csvr_field(r, (size_t)v->stopcol)))
		g->stops++;
	if (v->peak_col >= 0 && set[v->peak_col])
		peaks_add(&g->peaks, t, val[v->peak_col]);
}

/* Read one file (or standard input for "-") into the groups. */
static int
read_file(const char *path, const struct opts *o)
{
	struct csvr *r;
	struct view v;
	int64_t *val;
	int *set, c = CSVR_EOF, rc = 0;

	r = strcmp(path, "-") == 0 ? csvr_open(stdin, "(stdin)",
	    CSVR_UNESCAPE) : csvr_openpath(path, CSVR_UNESCAPE);
	if (r == NULL) {
		warnx("%s", st_error());
		return -1;
	}
	if (csvr_ncols(r) == 0 || view_open(&v, r, path, o) == -1) {
		rc = csvr_ncols(r) == 0 ? 0 : -1;
		csvr_close(r);
		return rc;
	}
	if (v.tscol < 0 && o->by != BY_ALL) {
		warnx("%s:1: there is no ts column, so --by cannot place rows "
		    "in time", v.name);
		rc = -1;
	}
	val = xcalloc(v.ncols, sizeof(*val));
	set = xcalloc(v.ncols, sizeof(*set));
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_REC)
			take_row(&v, r, o, val, set);
		else if (c == CSVR_BAD)
			bad_row(o, "%s", st_error());
		else
			rc = -1;
	}
	if (rc == -1 && c == CSVR_ERR)
		warnx("%s", st_error());
	free(val);
	free(set);
	view_close(&v);
	csvr_close(r);
	return rc;
}

/*
 * Check-in items in their own order, then the practice logs' columns in
 * the order a session goes, then the rest by name: the same order
 * however the rows (or partials) arrived.
 */
static int
measure_rank(const struct measure *m)
{
	static const char *const practice[] = {
		"pre", "peak", "post", "change", "expect_pct", "outcome_pct",
		"violation", "seconds", "minutes",
	};
	const struct item *it = items_find(&items, m->name);
	size_t i;

	if (it != NULL)
		return (int)(it - items.v);
	for (i = 0; i < sizeof(practice) / sizeof(practice[0]); i++)
		if (strcmp(m->name, practice[i]) == 0)
			return 1000 + (int)i;
	return 2000;
}

static int
order_cmp(const void *a, const void *b)
{
	const struct measure *x = &measures[*(const size_t *)a];
	const struct measure *y = &measures[*(const size_t *)b];
	int rx = measure_rank(x), ry = measure_rank(y);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
sort_measures(void)
{
	size_t i;

	order = xcalloc(nmeasures, sizeof(*order));
	for (i = 0; i < nmeasures; i++)
		order[i] = i;
	qsort(order, nmeasures, sizeof(*order), order_cmp);
}

/*
 * The Monday that starts a group's charts (its first week, or the one
 * that leaves the last `len` weeks when there are more) and how many
 * weeks they show; 0 when the group has no days.
 */
static size_t
chart_weeks(const struct group *g, size_t len, int32_t *mon)
{
	int32_t first, last, lastmon;

	if (daymap_span(&g->days, &first, &last) == -1)
		return 0;
	*mon = first - ((first + 3) % 7 + 7) % 7;
	lastmon = last - ((last + 3) % 7 + 7) % 7;
	if ((lastmon - *mon) / 7 + 1 > (int32_t)len)
		*mon = lastmon - 7 * (int32_t)(len - 1);
	return (size_t)((lastmon - *mon) / 7 + 1);
}

/* A number with up to dec decimals, trailing zeros cut; "" for NAN. */
static const char *
num(double x, int dec, char *buf, size_t len)
{
	char *e;

	if (isnan(x)) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, "%.*f", dec, x);
	if (strchr(buf, '.') != NULL) {
		e = buf + strlen(buf);
		while (e[-1] == '0')
			*--e = '\0';
		if (e[-1] == '.')
			e[-1] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

/*
 * The trend in words that respect the measure's direction.  An interval
 * that spans zero is "no clear change"; too few values say so.
 */
static const char *
trend_word(const struct measure *m, const struct stats *st,
    struct stats_trend *tr)
{
	int rising;

	if (stats_trend(st, tr) == -1)
		return "too few to tell";
	if (tr->lo <= 0 && tr->hi >= 0)
		return "no clear change";
	rising = tr->lo > 0;
	if (!m->directed || m->better == BETTER_MID)
		return rising ? "rising" : "falling";
	return rising == (m->better == BETTER_HIGH) ? "improving" :
	    "worsening";
}

/* The last day of the range: --until's day, else today. */
static int32_t
end_day(void)
{
	time_t t = range.has_until ? range.until - 1 : range.now;
	char date[11];
	int y, m, d;

	when_date(t, date);
	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	return (int32_t)when_days_from_civil(y, m, d);
}

static void
say(struct out *o, enum out_kind k, int *count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* One concern or win: counted, and written when there is a document. */
static void
say(struct out *o, enum out_kind k, int *count, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	(*count)++;
	if (o == NULL)
		return;
	sb_puts(&sb, k == OUT_CONCERN ? "Concern to look at: " :
	    k == OUT_WIN ? "Win: " : "");
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	out_note(o, k, sb.s);
	sb_free(&sb);
}

struct tally {
	int concerns, wins;
};

/* Trends that are clear enough to be named, worse first. */
static void
flag_trends(const struct group *g, struct out *o, struct tally *t)
{
	struct stats_trend tr;
	const char *w;
	char b[32];
	size_t i, j;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < nmeasures; j++) {
			if ((i = order[j]) >= g->nm || g->m[i].n == 0 ||
			    measures[i].textseen ||
			    !measures[i].directed ||
			    measures[i].better == BETTER_MID)
				continue;
			w = trend_word(&measures[i], &g->m[i], &tr);
			if (pass == 0 && strcmp(w, "worsening") == 0)
				say(o, OUT_CONCERN, &t->concerns, "%s has been "
				    "%s (about %s%s a week).", measures[i].name,
				    tr.slope > 0 ? "rising" : "falling",
				    tr.slope > 0 ? "+" : "",
				    num(tr.slope, 2, b, 32));
			else if (pass == 1 && strcmp(w, "improving") == 0)
				say(o, OUT_WIN, &t->wins, "%s has been "
				    "improving (about %s%s a week).",
				    measures[i].name, tr.slope > 0 ? "+" : "",
				    num(tr.slope, 2, b, 32));
		}
}

/* A step's trials through the pacing rules shared with ladder. */
static void
flag_step(const struct group *g, struct out *o, struct tally *t)
{
	size_t pk = measure_id("peak", 1), vi = measure_id("violation", 1);
	struct step_trials s;
	double mean;
	int days;

	memset(&s, 0, sizeof(s));
	s.trials = g->rows;
	s.first_peak = s.last_peak = s.recent_violation = NAN;
	if (pk < g->nm && g->m[pk].n > 0) {
		s.first_peak = (double)g->m[pk].first / STATS_SCALE;
		s.last_peak = (double)g->m[pk].last / STATS_SCALE;
	}
	if (vi < g->nm && stats_window(&g->m[vi], 1, &mean, &s.recent_n,
	    &days) == 0)
		s.recent_violation = mean;
	s.high_peaks = g->high_peaks;
	s.stops = g->stops;
	switch (pacing_step(&pace, &s)) {
	case PACE_SMALLER:
		if (g->high_peaks >= pace.repeats)
			say(o, OUT_CONCERN, &t->concerns, "step \"%s\": %lld "
			    "trials peaked at %lld or more; a smaller in-between "
			    "step may help.", g->sub, (long long)g->high_peaks,
			    pace.ceiling);
		else
			say(o, OUT_CONCERN, &t->concerns, "step \"%s\": %lld "
			    "trials were stopped early, which is always a fair "
			    "choice; a smaller in-between step may help.",
			    g->sub, (long long)g->stops);
		break;
	case PACE_READY:
		say(o, OUT_WIN, &t->wins, "step \"%s\" looks ready to move on, "
		    "whenever you choose to.", g->sub);
		break;
	default:
		break;
	}
}

/* "Step "X": peaks by trial 80, 70, 55, 40." */
static void
trajectory(struct out *o, const struct group *g)
{
	struct strbuf sb = { 0 };
	char b[32];
	int i;

	if (g->kind != K_TRIALS || g->peaks.n == 0)
		return;
	sb_printf(&sb, "Step \"%s\": peak distress by trial%s ", g->sub,
	    g->rows > g->peaks.n ? " (the latest)" : "");
	for (i = 0; i < g->peaks.n; i++) {
		stats_format(g->peaks.v[i], 1, b, sizeof(b));
		sb_printf(&sb, "%s%s", i ? ", " : "", b);
	}
	sb_puts(&sb, ".");
	out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

/* Concerns and wins of one group, by the rules in steady.5. */
static void
flag_group(const struct group *g, struct out *o, struct tally *t)
{
	struct stats *ch;
	int32_t first, last, end = end_day();
	double strength;
	char b[32];
	size_t id;

	if (g->low_safety > 0)
		say(o, OUT_CONCERN, &t->concerns, "safety was rated %lld or "
		    "lower on %lld check-in%s.", rules.safety_threshold,
		    (long long)g->low_safety, g->low_safety == 1 ? "" : "s");
	if (g->kind == K_TRIALS)
		flag_step(g, o, t);
	if (g->kind == K_CHECKIN && *g->period == '\0' &&
	    daymap_span(&g->days, &first, &last) == 0) {
		if (end - last >= rules.gap_days)
			say(o, OUT_CONCERN, &t->concerns, "the last check-in "
			    "was %ld days before the end of this period.",
			    (long)(end - last));
		strength = daymap_strength(&g->days, end, 14);
		if (strength >= 0.7)
			say(o, OUT_WIN, &t->wins, "check-ins have been "
			    "regular (habit strength %s of 100).",
			    num(strength * 100, 0, b, 32));
	}
	if (g->kind == K_CHECKIN || g->kind == K_GENERIC)
		flag_trends(g, o, t);
	if (g->kind == K_GROUND && (id = measure_id("change", 1)) < g->nm) {
		ch = &g->m[id];
		if (ch->n >= rules.min_days && stats_mean(ch) <= -1)
			say(o, OUT_WIN, &t->wins, "%s went with distress "
			    "falling by %s on average (%lld sessions).",
			    g->sub, num(-stats_mean(ch), 1, b, 32),
			    (long long)ch->n);
	}
}

/* The full columns, for csv, tsv and json: one tidy table. */
static const struct out_col full_cols[] = {
	{ "source", 0 }, { "group", 0 }, { "period", 0 }, { "log", 0 },
	{ "item", 0 }, { "measure", 0 }, { "n", 1 }, { "mean", 1 },
	{ "sd", 1 }, { "min", 1 }, { "max", 1 }, { "first", 1 },
	{ "last", 1 }, { "trend_per_week", 1 }, { "trend_low", 1 },
	{ "trend_high", 1 }, { "trend", 0 }, { "baseline", 1 },
	{ "recent", 1 },
};
#define NFULL (sizeof(full_cols) / sizeof(full_cols[0]))

/* The compact columns, for a person reading: table, md and html. */
static const struct out_col short_cols[] = {
	{ "period", 0 }, { "item", 0 }, { "measure", 0 }, { "n", 1 },
	{ "mean", 1 }, { "sd", 1 }, { "min", 1 }, { "max", 1 },
	{ "last", 1 }, { "trend", 0 }, { "per week", 1 },
	{ "first 2 wk", 1 }, { "last 2 wk", 1 }, { "weekly", 0 },
};
#define NSHORT (sizeof(short_cols) / sizeof(short_cols[0]))

static int
full_format(enum out_format f)
{
	return f == OUT_CSV || f == OUT_TSV || f == OUT_JSON;
}

/* Cells for one measure of one group, in either column set. */
struct cells {
	char v[NFULL][48];
	char spark[3 * 64 + 1];
};

static void
measure_cells(const struct group *g, size_t id, struct cells *c,
    const char **row, int full)
{
	const struct stats *st = &g->m[id];
	struct stats_trend tr;
	const char *word = trend_word(&measures[id], st, &tr);
	double w[64], mean;
	int64_t wn;
	int days, ok = stats_trend(st, &tr) == 0;
	int dec = full ? 3 : 1;	/* people read one decimal; files keep 3 */
	int32_t mon;
	size_t nw = 0;

	num(stats_mean(st), dec, c->v[0], 48);
	num(stats_sd(st), dec, c->v[1], 48);
	stats_format(st->min, 3, c->v[2], 48);
	stats_format(st->max, 3, c->v[3], 48);
	stats_format(st->first, 3, c->v[4], 48);
	stats_format(st->last, 3, c->v[5], 48);
	num(ok ? tr.slope : NAN, full ? 3 : 2, c->v[6], 48);
	num(ok ? tr.lo : NAN, 3, c->v[7], 48);
	num(ok ? tr.hi : NAN, 3, c->v[8], 48);
	num(stats_window(st, 0, &mean, &wn, &days) == 0 ? mean : NAN, dec,
	    c->v[9], 48);
	num(stats_window(st, 1, &mean, &wn, &days) == 0 ? mean : NAN, dec,
	    c->v[10], 48);
	snprintf(c->v[11], 48, "%lld", (long long)st->n);
	if (!g->timed) {
		/* Without times, first, last and trends mean nothing. */
		c->v[4][0] = c->v[5][0] = c->v[6][0] = c->v[7][0] = '\0';
		c->v[8][0] = c->v[9][0] = c->v[10][0] = '\0';
		word = "";
	}
	c->spark[0] = '\0';
	if ((nw = chart_weeks(g, 64, &mon)) > 0) {
		nw = stats_weekly(st, mon, w, nw);
		out_sparkline(w, nw, (double)st->min / STATS_SCALE,
		    (double)st->max / STATS_SCALE, c->spark, sizeof(c->spark));
	}
	if (full) {
		const char *f[NFULL] = { g->source, g->gval, g->period,
		    kind_names[g->kind], g->sub, measures[id].name, c->v[11],
		    c->v[0], c->v[1], c->v[2], c->v[3], c->v[4], c->v[5],
		    c->v[6], c->v[7], c->v[8], word, c->v[9], c->v[10] };
		memcpy(row, f, sizeof(f));
	} else {
		const char *f[NSHORT] = { g->period, g->sub,
		    measures[id].name, c->v[11], c->v[0], c->v[1], c->v[2],
		    c->v[3], c->v[5], word, c->v[6], c->v[9], c->v[10],
		    c->spark };
		memcpy(row, f, sizeof(f));
	}
}

/*
 * The short columns worth showing for a block: the period only with
 * --by, the item only for logs that have one (exercise, step, kind).
 */
static size_t
short_keep(struct group **g, size_t n, int *keep, struct out_col *cols)
{
	size_t i, j, k = 0;
	int counts_only = 1;	/* only entries counted: no statistics */

	for (i = 0; i < n; i++)
		for (j = 0; j < g[i]->nm; j++)
			if (g[i]->m[j].n > 0 && !measures[j].textseen &&
			    !is_trap(j))
				counts_only = 0;
	for (i = 0; i < NSHORT; i++) {
		keep[i] = !counts_only || (i >= 1 && i <= 3);
		if (i == 0)
			keep[i] = *g[0]->period != '\0';
		if (i == 1)
			keep[i] = g[0]->kind == K_GROUND ||
			    g[0]->kind == K_TRIALS || g[0]->kind == K_REFLECT;
		if (keep[i])
			cols[k++] = short_cols[i];
	}
	return k;
}

/* Drop the cells of columns not kept, in place. */
static void
compact(const char **row, const int *keep, int full)
{
	size_t i, k = 0;

	if (full)
		return;
	for (i = 0; i < NSHORT; i++)
		if (keep[i])
			row[k++] = row[i];
}

/* A group with no measures (reflections): how many entries it has. */
static void
count_row(struct out *o, const struct group *g, int full, const int *keep)
{
	const char *row[NFULL];
	char n[24];
	size_t i;

	snprintf(n, sizeof(n), "%lld", (long long)g->rows);
	for (i = 0; i < NFULL; i++)
		row[i] = "";
	if (full) {
		row[0] = g->source;
		row[1] = g->gval;
		row[2] = g->period;
		row[3] = kind_names[g->kind];
		row[4] = g->sub;
		row[5] = "entries";
		row[6] = n;
	} else {
		row[0] = g->period;
		row[1] = g->sub;
		row[2] = "entries";
		row[3] = n;
		compact(row, keep, full);
	}
	out_row(o, row);
}

/* The rows of one group: one per measure with values, or a count. */
static void
group_rows(struct out *o, const struct group *g, int full,
    const int *keep)
{
	const char *row[NFULL];
	struct cells c;
	size_t i, j, rows = 0;

	for (j = 0; j < nmeasures; j++) {
		i = order[j];
		if (i >= g->nm || g->m[i].n == 0 || measures[i].textseen ||
		    is_trap(i))
			continue;
		measure_cells(g, i, &c, row, full);
		compact(row, keep, full);
		out_row(o, row);
		rows++;
	}
	if (rows == 0)
		count_row(o, g, full, keep);
}

static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a;
	const struct group *y = *(struct group *const *)b;
	int c;

	if ((c = strcmp(x->source, y->source)) != 0 ||
	    (c = strcmp(x->gval, y->gval)) != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind == K_GENERIC ? 1 : y->kind == K_GENERIC ? -1 :
		    (int)x->kind - (int)y->kind;
	if ((c = strcmp(x->sub, y->sub)) != 0)
		return c;
	return strcmp(x->period, y->period);
}

static int
same_block(const struct group *a, const struct group *b)
{
	return strcmp(a->source, b->source) == 0 &&
	    strcmp(a->gval, b->gval) == 0 && a->kind == b->kind;
}

/* "Check-ins on 62 of 90 days, from 2026-08-26 to 2026-11-23." */
static void
coverage(struct out *o, const struct group *g)
{
	int32_t first, last, start, end = end_day();
	char a[11], b[11], sent[200];
	int y, m, d;
	int32_t gap;

	if (g->kind != K_CHECKIN || *g->period ||
	    daymap_span(&g->days, &first, &last) == -1)
		return;
	start = first;
	if (range.has_since) {
		when_date(range.since, a);
		if (sscanf(a, "%d-%d-%d", &y, &m, &d) == 3)
			start = (int32_t)when_days_from_civil(y, m, d);
	}
	if (end < last)
		end = last;
	when_civil_from_days(start, &y, &m, &d);
	snprintf(a, sizeof(a), "%04d-%02d-%02d", y, m, d);
	when_civil_from_days(end, &y, &m, &d);
	snprintf(b, sizeof(b), "%04d-%02d-%02d", y, m, d);
	snprintf(sent, sizeof(sent), "Check-ins on %lld of %ld days, from "
	    "%s to %s.", (long long)daymap_count(&g->days, start, end),
	    (long)(end - start + 1), a, b);
	out_note(o, OUT_INFO, sent);
	if ((gap = daymap_longest_gap(&g->days)) >= 2) {
		snprintf(sent, sizeof(sent), "The longest stretch without one "
		    "was %ld days.", (long)gap);
		out_note(o, OUT_INFO, sent);
	}
}

/* Weekly means of each measure as charts (html and json). */
static void
charts(struct out *o, const struct group *g)
{
	char labels[64][12], title[96];
	const char *x[64];
	struct out_chart ch;
	double w[64], lo, hi;
	int32_t mon;
	size_t i, j, k, n, nw;
	int wy, wk;

	if (*g->period || (nw = chart_weeks(g, 64, &mon)) == 0)
		return;
	for (j = 0; j < nmeasures; j++) {
		if ((i = order[j]) >= g->nm)
			continue;
		if (g->m[i].n == 0 || measures[i].textseen || is_trap(i))
			continue;
		n = stats_weekly(&g->m[i], mon, w, nw);
		for (k = 0; k < n; k++) {
			when_isoweek_of_day(mon + 7 * (long)k, &wy, &wk);
			snprintf(labels[k], sizeof(labels[k]), "%04d-W%02d", wy,
			    wk);
			x[k] = labels[k];
		}
		lo = (double)g->m[i].min / STATS_SCALE;
		hi = (double)g->m[i].max / STATS_SCALE;
		snprintf(title, sizeof(title), "%s (weekly mean)",
		    measures[i].name);
		memset(&ch, 0, sizeof(ch));
		ch.title = title;
		ch.n = n;
		ch.y = w;
		ch.x = x;
		ch.ymin = lo < 0 ? lo : 0;
		ch.ymax = hi > 10 || lo < 0 ? hi : 10;
		out_chart(o, &ch);
	}
}

/* The practices, by kind of log, in a table and starting a sentence. */
static const char *const practice_names[] = {
	"", "", "grounding", "exposure", "reflection"
};
static const char *const practice_titles[] = {
	"", "", "Grounding", "Exposure practice", "Reflection"
};

struct trapcount {
	size_t id;
	int64_t n;
};

static int
trap_cmp(const void *a, const void *b)
{
	const struct trapcount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(measures[x->id].name, measures[y->id].name);
}

/* "Possible thinking traps noted most often: labelling (4), ..." */
static void
trap_note(struct out *o, struct group **g, size_t n)
{
	struct trapcount *tc = xcalloc(nmeasures, sizeof(*tc));
	struct strbuf sb = { 0 };
	size_t i, j, k = 0;

	for (j = 0; j < nmeasures; j++) {
		if (!is_trap(j))
			continue;
		tc[k].id = j;
		for (i = 0; i < n; i++)
			if (j < g[i]->nm)
				tc[k].n += g[i]->m[j].n;
		k += tc[k].n > 0;
	}
	qsort(tc, k, sizeof(*tc), trap_cmp);
	for (i = 0; i < k && i < 5; i++)
		sb_printf(&sb, "%s%s (%lld)", i ? ", " : "Possible thinking "
		    "traps noted most often: ", measures[tc[i].id].name +
		    strlen(TRAP), (long long)tc[i].n);
	if (k > 0) {
		sb_puts(&sb, ".");
		out_note(o, OUT_INFO, sb.s);
	}
	sb_free(&sb);
	free(tc);
}

/* How steady a practice has been: days with it, and its strength. */
static void
practice_note(struct out *o, struct group **g, size_t n)
{
	struct daymap dm;
	int32_t first, last;
	char sent[200], b[16];
	size_t i;

	if (g[0]->kind < K_GROUND || *g[0]->period)
		return;
	daymap_init(&dm);
	for (i = 0; i < n; i++)
		daymap_merge(&dm, &g[i]->days);
	if (daymap_span(&dm, &first, &last) == 0) {
		snprintf(sent, sizeof(sent), "%s on %lld days; practice "
		    "strength %s of 100 (it grows with practice and fades "
		    "gently over gaps).", practice_titles[g[0]->kind],
		    (long long)daymap_count(&dm, first, last),
		    num(daymap_strength(&dm, end_day(), 14) * 100, 0, b,
		    sizeof(b)));
		out_note(o, OUT_INFO, sent);
	}
	daymap_free(&dm);
	if (g[0]->kind == K_REFLECT)
		trap_note(o, g, n);
}

/* One block: a source's groups of one kind of log. */
static void
block(struct out *o, struct group **g, size_t n, enum out_format f)
{
	static struct out_col cols[NSHORT];	/* lives until the next table */
	int full = full_format(f), keep[NSHORT];
	struct tally t = { 0, 0 };
	size_t i, nc;

	for (i = 0; i < n; i++)
		coverage(o, g[i]);
	practice_note(o, g, n);
	for (i = 0; i < n; i++)
		trajectory(o, g[i]);
	for (i = 0; i < n; i++)
		flag_group(g[i], o, &t);
	nc = short_keep(g, n, keep, cols);
	out_table(o, kind_names[g[0]->kind], full ? full_cols : cols,
	    full ? NFULL : nc, 1);
	for (i = 0; i < n; i++)
		group_rows(o, g[i], full, keep);
	if (f == OUT_HTML || f == OUT_JSON)
		for (i = 0; i < n; i++)
			charts(o, g[i]);
}

/* Practice and how the days went: a row per practice and measure. */
struct linkrow {
	enum kind kind;
	size_t id;
	int64_t n[4];		/* days: with, without, day after with, not */
	double mean[4];
};

static const struct out_col link_cols[] = {
	{ "practice", 0 }, { "measure", 0 }, { "days with", 1 },
	{ "mean with", 1 }, { "days without", 1 }, { "mean without", 1 },
	{ "next day with", 1 }, { "next day without", 1 },
};
#define NLINK (sizeof(link_cols) / sizeof(link_cols[0]))

/* The rows worth showing: at least min_days on each side (steady.5). */
static size_t
link_rows(struct group **g, size_t n, const struct group *c,
    struct linkrow *rows, size_t max)
{
	struct daymap dm;
	struct linkrow r;
	size_t i, j, k, nrows = 0;

	for (k = K_GROUND; k <= K_REFLECT; k++) {
		daymap_init(&dm);
		for (i = 0; i < n; i++)
			if (g[i]->kind == (enum kind)k && !*g[i]->gval)
				daymap_merge(&dm, &g[i]->days);
		for (j = 0; dm.nbits > 0 && j < nmeasures; j++) {
			if ((r.id = order[j]) >= c->nds ||
			    c->ds[r.id].len == 0 || nrows == max)
				continue;
			r.kind = (enum kind)k;
			for (i = 0; i < 4; i++)
				r.mean[i] = dayseries_mean_if(&c->ds[r.id], &dm,
				    !(i % 2), (int)(i / 2), &r.n[i]);
			if (r.n[0] >= rules.min_days && r.n[1] >= rules.min_days)
				rows[nrows++] = r;
		}
		daymap_free(&dm);
	}
	return nrows;
}

/* How check-ins went on days with each practice, and without. */
static void
links(struct out *o, struct group **g, size_t n)
{
	const struct group *c = NULL;
	struct linkrow rows[64];
	const char *cell[NLINK];
	char buf[8][32];
	size_t i, k, nrows;
	int64_t fewest = INT64_MAX;

	for (i = 0; i < n; i++)
		if (g[i]->kind == K_CHECKIN && !*g[i]->gval && g[i]->nds)
			c = g[i];
	if (c == NULL || (nrows = link_rows(g, n, c, rows, 64)) == 0)
		return;
	for (i = 0; i < nrows; i++)
		for (k = 0; k < 2; k++)
			fewest = rows[i].n[k] < fewest ? rows[i].n[k] : fewest;
	out_note(o, OUT_INFO, "Check-ins on days with each practice and on "
	    "days without it: these show what went together, not what "
	    "caused what.");
	if (fewest < 30)
		out_note(o, OUT_INFO, "Some of these rest on fewer than 30 "
		    "days on one side, so read them lightly.");
	out_table(o, "practice and check-ins", link_cols, NLINK, 0);
	for (i = 0; i < nrows; i++) {
		cell[0] = practice_names[rows[i].kind];
		cell[1] = measures[rows[i].id].name;
		for (k = 0; k < 4; k++) {
			snprintf(buf[2 * k], 32, "%lld", (long long)rows[i].n[k]);
			num(rows[i].mean[k], 2, buf[2 * k + 1], 32);
		}
		cell[2] = buf[0];
		cell[3] = buf[1];
		cell[4] = buf[2];
		cell[5] = buf[3];
		cell[6] = buf[5];
		cell[7] = buf[7];
		out_row(o, cell);
	}
}

static void
detail(struct out *o, enum out_format f)
{
	char heading[256];
	size_t i, j, src = 0;

	qsort(groups, ngroups, sizeof(*groups), group_cmp);
	if (ngroups == 0 && full_format(f))	/* still a well-formed table */
		out_table(o, "measures", full_cols, NFULL, 1);
	for (i = 0; i < ngroups; i = j) {
		if (i == 0 || strcmp(groups[i]->source, groups[i - 1]->source)
		    || strcmp(groups[i]->gval, groups[i - 1]->gval)) {
			snprintf(heading, sizeof(heading), "%s%s%s",
			    groups[i]->source, *groups[i]->gval ? ": " : "",
			    groups[i]->gval);
			out_section(o, heading);
		}
		for (j = i + 1; j < ngroups && same_block(groups[i],
		    groups[j]); j++)
			;
		block(o, groups + i, j - i, f);
		if (j == ngroups || strcmp(groups[j]->source, groups[i]->source))
			links(o, groups + src, j - src);
		if (j < ngroups && strcmp(groups[j]->source, groups[i]->source))
			src = j;
	}
}

/* One client in the caseload summary. */
struct srow {
	const char *source;
	char last[11], days[24], span[24], concerns[24], wins[24];
	const struct group *checkin;	/* its check-ins, or NULL */
	struct tally t;
};

static int
srow_cmp(const void *a, const void *b)
{
	const struct srow *x = a, *y = b;

	if (x->t.concerns != y->t.concerns)
		return y->t.concerns - x->t.concerns;
	return strcmp(x->source, y->source);
}

/* Gather each source's tallies and its check-in group. */
static size_t
summary_rows(struct srow **out)
{
	struct srow *rows = NULL;
	int32_t first, last, end = end_day();
	size_t i, n = 0;
	int y, m, d;

	qsort(groups, ngroups, sizeof(*groups), group_cmp);
	for (i = 0; i < ngroups; i++) {
		if (n == 0 || strcmp(rows[n - 1].source, groups[i]->source)) {
			rows = xreallocarray(rows, n + 1, sizeof(*rows));
			memset(&rows[n], 0, sizeof(*rows));
			rows[n++].source = groups[i]->source;
		}
		flag_group(groups[i], NULL, &rows[n - 1].t);
		if (groups[i]->kind == K_CHECKIN && !*groups[i]->gval &&
		    daymap_span(&groups[i]->days, &first, &last) == 0) {
			rows[n - 1].checkin = groups[i];
			when_civil_from_days(last, &y, &m, &d);
			snprintf(rows[n - 1].last, 11, "%04d-%02d-%02d", y, m,
			    d);
			snprintf(rows[n - 1].days, 24, "%lld", (long long)
			    daymap_count(&groups[i]->days, first, end));
			snprintf(rows[n - 1].span, 24, "%ld",
			    (long)(end - first + 1));
		}
	}
	for (i = 0; i < n; i++) {
		snprintf(rows[i].concerns, 24, "%d", rows[i].t.concerns);
		snprintf(rows[i].wins, 24, "%d", rows[i].t.wins);
	}
	qsort(rows, n, sizeof(*rows), srow_cmp);
	*out = rows;
	return n;
}

/*
 * The therapist's view: one row per source, concerns first.  Returns the
 * column array, which must outlive the document (out.h).
 */
static struct out_col *
summary(struct out *o, int full)
{
	struct out_col *cols;
	struct stats_trend tr;
	struct srow *rows;
	const char **row;
	size_t i, j, k, n, nc = 0, *ids;

	n = summary_rows(&rows);
	cols = xcalloc(nmeasures + 6, sizeof(*cols));
	ids = xcalloc(nmeasures, sizeof(*ids));
	row = xcalloc(nmeasures + 6, sizeof(*row));
	cols[nc++] = (struct out_col){ "source", 0 };
	cols[nc++] = (struct out_col){ full ? "last_checkin" :
	    "last check-in", 0 };
	cols[nc++] = (struct out_col){ full ? "days_checked" : "days", 1 };
	cols[nc++] = (struct out_col){ full ? "days_in_range" : "of", 1 };
	for (k = 0, j = 0; j < nmeasures; j++)
		if ((i = order[j]) < nmeasures && measures[i].directed && !measures[i].textseen &&
		    items_find(&items, measures[i].name)) {
			ids[k++] = i;
			cols[nc++] = (struct out_col){ measures[i].name, 0 };
		}
	cols[nc++] = (struct out_col){ "concerns", 1 };
	cols[nc++] = (struct out_col){ "wins", 1 };
	out_table(o, "caseload", cols, nc, 1);
	for (i = 0; i < n; i++) {
		row[0] = rows[i].source;
		row[1] = rows[i].last;
		row[2] = rows[i].days;
		row[3] = rows[i].span;
		for (nc = 0; nc < k; nc++)
			row[4 + nc] = rows[i].checkin && ids[nc] <
			    rows[i].checkin->nm && rows[i].checkin->m[ids[nc]].n ?
			    trend_word(&measures[ids[nc]],
			    &rows[i].checkin->m[ids[nc]], &tr) : "";
		row[4 + k] = rows[i].concerns;
		row[5 + k] = rows[i].wins;
		out_row(o, row);
	}
	free(row);
	free(ids);
	free(rows);
	return cols;
}

/* Partial results: the whole aggregate state, one CSV row per group and
 * measure (steady.5, "report partials"). */
static const char *const partial_cols[] = {
	"source", "group", "period", "log", "item", "measure", "better",
	"state"
};
#define NPARTIAL 8
static const char *const kind_codes[] = {
	"data", "checkin", "ground", "trials", "reflect"
};
static const char *const better_codes[] = { "low", "mid", "high" };

static const char *
better_code(const struct measure *m)
{
	if (m->textseen)
		return "text";
	return m->directed ? better_codes[m->better + 1] : "";
}

static void
partial_group(struct strbuf *sb, const struct group *g)
{
	struct strbuf st = { 0 };
	const char *f[NPARTIAL];
	size_t i;

	sb_printf(&st, "%lld %d %lld %lld %lld %d", (long long)g->rows,
	    g->timed, (long long)g->low_safety, (long long)g->high_peaks,
	    (long long)g->stops, g->peaks.n);
	for (i = 0; i < (size_t)g->peaks.n; i++)
		sb_printf(&st, " %lld %lld", (long long)g->peaks.t[i],
		    (long long)g->peaks.v[i]);
	sb_putc(&st, '|');
	daymap_encode(&st, &g->days);
	f[0] = g->source;
	f[1] = g->gval;
	f[2] = g->period;
	f[3] = kind_codes[g->kind];
	f[4] = g->sub;
	f[5] = "";
	f[6] = "";
	f[7] = st.s;
	csvw_record(sb, f, NPARTIAL, ',', CSVW_ESCAPE);
	for (i = 0; i < g->nm; i++) {
		if (g->m[i].n == 0)
			continue;
		sb_reset(&st);
		stats_encode(&st, &g->m[i]);
		if (i < g->nds && g->ds[i].len > 0) {
			sb_putc(&st, '#');
			dayseries_encode(&st, &g->ds[i]);
		}
		f[5] = measures[i].name;
		f[6] = better_code(&measures[i]);
		f[7] = st.s;
		csvw_record(sb, f, NPARTIAL, ',', CSVW_ESCAPE);
	}
	sb_free(&st);
}

static void
write_partial(void)
{
	struct strbuf sb = { 0 };
	size_t i;

	csvw_record(&sb, partial_cols, NPARTIAL, ',', 0);
	for (i = 0; i < ngroups; i++) {
		partial_group(&sb, groups[i]);
		fwrite(sb.s, 1, sb.len, stdout);
		sb_reset(&sb);
	}
	sb_free(&sb);
}

static int
code_of(const char *const *codes, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(codes[i], s) == 0)
			return (int)i;
	return -1;
}

/* A measure's state: its summary, then '#' and its day series if any. */
static int
merge_measure(struct group *g, size_t id, const char *state)
{
	struct dayseries ds;
	struct stats st;
	char *text = xstrdup(state), *hash = strchr(text, '#');
	int rc = -1;

	if (hash != NULL)
		*hash++ = '\0';
	if (stats_decode(text, &st) == 0) {
		stats_merge(group_stats(g, id), &st);
		stats_free(&st);
		rc = 0;
	}
	if (rc == 0 && hash != NULL) {
		if (dayseries_decode(hash, &ds) == 0) {
			dayseries_merge(group_series(g, id), &ds);
			dayseries_free(&ds);
		} else
			rc = -1;
	}
	free(text);
	return rc;
}

/* The group's counters and latest peaks from a partial; *used: how
 * much of the text they took, up to and with the '|'. */
static int
merge_counts(struct group *g, const char *s, int *used)
{
	long long rows, low, high, stops, t, v;
	int timed, npeaks, n, i;
	const char *p = s;

	if (sscanf(p, "%lld %d %lld %lld %lld %d%n", &rows, &timed, &low,
	    &high, &stops, &npeaks, &n) != 6 || npeaks < 0 || npeaks > 12)
		return -1;
	for (p += n, i = 0; i < npeaks; i++, p += n)
		if (sscanf(p, " %lld %lld%n", &t, &v, &n) != 2)
			return -1;
		else
			peaks_add(&g->peaks, t, v);
	if (*p++ != '|')
		return -1;
	g->rows += rows;
	g->timed |= timed;
	g->low_safety += low;
	g->high_peaks += high;
	g->stops += stops;
	*used = (int)(p - s);
	return 0;
}

/* Fold one partial row into the groups. */
static int
merge_row(struct csvr *r)
{
	const char *f[NPARTIAL];
	struct group *g;
	struct daymap dm;
	size_t i, id;
	int kind, b, n;

	for (i = 0; i < NPARTIAL; i++)
		f[i] = csvr_field(r, (size_t)csvr_col(r, partial_cols[i]));
	if ((kind = code_of(kind_codes, 5, f[3])) < 0)
		return -1;
	g = group_get(f[0], f[1], f[2], f[4], (enum kind)kind);
	if (*f[5] == '\0') {
		if (merge_counts(g, f[7], &n) == -1 ||
		    daymap_decode(f[7] + n, &dm) == -1)
			return -1;
		daymap_merge(&g->days, &dm);
		daymap_free(&dm);
		return 0;
	}
	id = measure_id(f[5], 1);
	if (strcmp(f[6], "text") == 0)
		measures[id].textseen = 1;
	else if ((b = code_of(better_codes, 3, f[6])) >= 0) {
		measures[id].better = (enum better)(b - 1);
		measures[id].directed = 1;
	}
	return merge_measure(g, id, f[7]);
}

static int
read_partial(const char *path)
{
	struct csvr *r;
	size_t i;
	int c, rc = 0;

	r = strcmp(path, "-") == 0 ? csvr_open(stdin, "(stdin)",
	    CSVR_UNESCAPE) : csvr_openpath(path, CSVR_UNESCAPE);
	if (r == NULL) {
		warnx("%s", st_error());
		return -1;
	}
	for (i = 0; i < NPARTIAL; i++)
		if (csvr_col(r, partial_cols[i]) < 0) {
			warnx("%s:1: this is not a partial from report "
			    "--partial", csvr_name(r));
			csvr_close(r);
			return -1;
		}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF)
		if (c != CSVR_REC) {
			warnx("%s", st_error());
			rc = -1;
		} else if (merge_row(r) == -1) {
			warnx("%s:%lu: this partial row cannot be read",
			    csvr_name(r), csvr_line(r));
			rc = -1;
		}
	csvr_close(r);
	return rc;
}

/*
 * Before reading: which sources have practice logs, from each file's
 * header alone, so that only their check-ins keep day-by-day values.
 */
static void
prescan(int argc, char **argv, const struct opts *o)
{
	struct csvr *r;
	enum kind k;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 ||
		    (r = csvr_openpath(argv[i], 0)) == NULL)
			continue;	/* read_file reports it */
		k = kind_of(r);
		csvr_close(r);
		if (k != K_GROUND && k != K_TRIALS && k != K_REFLECT)
			continue;
		practiced = xreallocarray(practiced, npracticed + 1,
		    sizeof(*practiced));
		practiced[npracticed++] = source_of(argv[i], o);
	}
}

/* An option getopt could not take: "optopt" is 0 for long ones. */
static void __attribute__((noreturn))
bad_option(const char *arg, const char *what)
{
	if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		warnx("-%c %s", optopt, what);
	else
		warnx("%s %s", arg, what);
	usage();
}

static enum period
parse_by(const char *s)
{
	static const char *const names[] = { "all", "day", "week", "month" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum period)i;
	warnx("--by %s: use day, week, month or all", s);
	usage();
}

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(*argcp, *argvp, ":b:c:f:g:hs:S:u:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			o->by = parse_by(optarg);
			break;
		case 'c':
			o->cols = optarg;
			break;
		case 'f':
			if (out_format_parse(optarg, &o->format) == -1) {
				warnx("--format %s: use table, csv, tsv, md, "
				    "json or html", optarg);
				usage();
			}
			o->format_set = 1;
			break;
		case 'g':
			o->group = optarg;
			break;
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 's':
			o->since = optarg;
			break;
		case 'S':
			o->source = optarg;
			break;
		case 'u':
			o->until = optarg;
			break;
		case 'V':
			puts("report (steady) " STEADY_VERSION);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case OPT_STRICT:
			o->strict = 1;
			break;
		case OPT_SUMMARY:
			o->summary = 1;
			break;
		case OPT_PARTIAL:
			o->partial = 1;
			break;
		case OPT_MERGE:
			o->merge = 1;
			break;
		case ':':
			bad_option((*argvp)[optind - 1], "needs a value");
		default:
			bad_option((*argvp)[optind - 1], "is not an option");
		}
	}
	*argcp -= optind;
	*argvp += optind;
}

static void
check_opts(struct opts *o)
{
	if (o->summary && o->partial)
		errx(EXIT_USAGE, "--summary and --partial do not go together");
	if (o->partial && o->format_set)
		errx(EXIT_USAGE, "--partial writes its own CSV; leave out "
		    "--format");
	if (o->summary && o->by != BY_ALL)
		errx(EXIT_USAGE, "--summary looks at the whole range; leave "
		    "out --by");
	if (o->group && strcmp(o->group, "source") == 0)
		o->group = NULL;	/* sources are always kept apart */
	if (!o->format_set)
		o->format = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_CSV;
}

/* The rules' settings and the range, before any row is read. */
static void
setup(const struct opts *o)
{
	if ((confdir = store_config_dir()) == NULL ||
	    items_load(&items, confdir) == -1 ||
	    setting_threshold(confdir, &items, &rules.safety_threshold) == -1 ||
	    setting_num(confdir, "gap_days", 1, 3650, 7, &rules.gap_days) ==
	    -1 || pacing_load(&pace, confdir) == -1)
		errx(EXIT_ERR, "%s", st_error());
	if (when_now(&range.now) == -1)
		errx(EXIT_ERR, "%s", st_error());
	if (o->since && when_bound(o->since, range.now, 0, &range.since))
		errx(EXIT_USAGE, "--since %s", st_error());
	if (o->until && when_bound(o->until, range.now, 1, &range.until))
		errx(EXIT_USAGE, "--until %s", st_error());
	range.has_since = o->since != NULL;
	range.has_until = o->until != NULL;
}

static int
render(const struct opts *o)
{
	struct out_col *cols = NULL;
	struct out *out;
	int colour;

	if (o->partial) {
		write_partial();
		return 0;
	}
	sort_measures();
	colour = o->format == OUT_TABLE && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL && (getenv("TERM") == NULL ||
	    strcmp(getenv("TERM"), "dumb") != 0);
	out = out_open(stdout, o->format, colour, o->summary ?
	    "Caseload summary" : "Trends");
	if (o->summary)
		cols = summary(out, full_format(o->format));
	else
		detail(out, o->format);
	out_close(out);
	free(cols);
	free(order);
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *stdin_only[] = { "-", NULL };
	int i, rc = EXIT_OK;

	parse_opts(&o, &argc, &argv);
	check_opts(&o);
	setup(&o);
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	if (!o.merge)
		prescan(argc, argv, &o);
	for (i = 0; i < argc; i++) {
		if ((o.merge ? read_partial(argv[i]) :
		    read_file(argv[i], &o)) == -1)
			rc = EXIT_ERR;
		if (isatty(STDERR_FILENO) && argc > 20)
			fprintf(stderr, "\rreport: read %d of %d files", i + 1,
			    argc);
	}
	if (isatty(STDERR_FILENO) && argc > 20)
		fputs("\r\033[K", stderr);
	if (badrows > 0) {
		warnx("%lld row%s could not be used (see above)",
		    (long long)badrows, badrows == 1 ? "" : "s");
		rc = EXIT_ERR;
	}
	render(&o);
	groups_free();
	items_free(&items);
	free(confdir);
	if (close_stdout() == -1)
		rc = EXIT_ERR;
	return rc;
}
