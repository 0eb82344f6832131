/*
 * report: questionnaire scores from forms.csv (checkin --form): each
 * form's score history per source, with its cut-offs, the change since
 * the first administration, and the Reliable Change Index.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "forms.h"
#include "report.h"
#include "store.h"
#include "when.h"

/* One administration as report keeps it. */
struct fpoint {
	time_t t;
	size_t seq;		/* the order read, for equal times */
	char date[11];
	double score;		/* NAN: withheld */
	char *subs;		/* "name=value ..." as logged */
};

/* The administrations of one form by one source, in time order. */
struct fseries {
	char *source, *name;
	struct fpoint *p;
	size_t n, cap;
	struct form f;
	int loaded;		/* f holds the form's definition */
};

static struct fseries *series;
static size_t nseries;

int
forms_log(struct csvr *r)
{
	return csvr_col(r, "ts") >= 0 && csvr_col(r, "form") >= 0 &&
	    csvr_col(r, "score") >= 0;
}

int
forms_any(void)
{
	return nseries > 0;
}

static struct fseries *
series_get(const char *source, const char *name)
{
	struct fseries *s;
	size_t i;

	for (i = 0; i < nseries; i++)
		if (strcmp(series[i].source, source) == 0 &&
		    strcmp(series[i].name, name) == 0)
			return &series[i];
	series = xreallocarray(series, nseries + 1, sizeof(*series));
	s = &series[nseries++];
	memset(s, 0, sizeof(*s));
	s->source = xstrdup(source);
	s->name = xstrdup(name);
	return s;
}

static void
series_add(struct fseries *s, time_t t, const char *ts, double score,
    const char *subs)
{
	struct fpoint *p;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->p = xreallocarray(s->p, s->cap, sizeof(*s->p));
	}
	p = &s->p[s->n];
	p->seq = s->n++;
	p->t = t;
	if (when_written_date(ts, p->date) == -1)
		when_date(t, p->date);
	p->score = score;
	p->subs = xstrdup(subs);
}

static const char *
get(struct csvr *r, const char *col)
{
	int i = csvr_col(r, col);
	const char *s;

	return i < 0 || (s = csvr_field(r, (size_t)i)) == NULL ? "" : s;
}

/* One row; -1 (said) when it cannot be used. */
static int
forms_row(struct csvr *r, const char *source)
{
	const char *ts = get(r, "ts"), *name = get(r, "form");
	const char *sc = get(r, "score");
	double score = NAN;
	int64_t v;
	time_t t;

	if (when_parse(ts, &t, NULL) == -1) {
		st_warnx("%s:%lu: %s", csvr_name(r), csvr_line(r), st_error());
		return -1;
	}
	if (!form_name_ok(name)) {
		st_warnx("%s:%lu: \"%s\" is not a form name", csvr_name(r),
		    csvr_line(r), name);
		return -1;
	}
	if (*sc && stats_parse(sc, &v) == -1) {
		st_warnx("%s:%lu: the score \"%s\" is not a number",
		    csvr_name(r), csvr_line(r), sc);
		return -1;
	}
	if (*sc)
		score = (double)v / STATS_SCALE;
	if ((range.has_since && t < range.since) ||
	    (range.has_until && t >= range.until))
		return 0;
	series_add(series_get(source, name), t, ts, score,
	    get(r, "subscales"));
	return 0;
}

int
forms_read(struct csvr *r, const char *path, const struct opts *o)
{
	char *source;
	int c, rc = 0;

	if (o->partial) {
		st_warnx("%s: questionnaire scores are not part of partial "
		    "results; give forms.csv to report itself", csvr_name(r));
		return 0;
	}
	source = source_of(path, o);
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_ERR) {
			st_warnx("%s", st_error());
			rc = -1;
			break;
		}
		if (c == CSVR_BAD)
			st_warnx("%s", st_error());
		if (c == CSVR_BAD || forms_row(r, source) == -1) {
			badrows++;
			if (o->strict) {
				rc = -1;
				break;
			}
		}
	}
	free(source);
	return rc;
}

static int
point_cmp(const void *a, const void *b)
{
	const struct fpoint *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
series_cmp(const void *a, const void *b)
{
	const struct fseries *x = a, *y = b;
	int c = strcmp(x->source, y->source);

	return c ? c : strcmp(x->name, y->name);
}

/* The form's definition, when its file can be found and read. */
static void
series_load(struct fseries *s, const char *confdir)
{
	char *path;

	if (confdir == NULL || (path = form_find(confdir, s->name)) == NULL)
		return;
	if (form_load(&s->f, path, s->name) == 0)
		s->loaded = 1;
	else
		st_warnx("%s", st_error());
	free(path);
}

/* The first and the latest administration with a score, or -1. */
static void
ends(const struct fseries *s, long *first, long *last)
{
	size_t i;

	*first = *last = -1;
	for (i = 0; i < s->n; i++)
		if (!isnan(s->p[i].score)) {
			if (*first < 0)
				*first = (long)i;
			*last = (long)i;
		}
}

static void
note(struct out *o, enum out_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(struct out *o, enum out_kind k, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	if (k == OUT_CONCERN)
		concerns_found = 1;	/* for --concerns-exit */
	sb_puts(&sb, k == OUT_CONCERN ? "Concern to look at: " :
	    k == OUT_WIN ? "Win: " : "");
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	out_note(o, k, sb.s);
	sb_free(&sb);
}

/* "Latest score 21 on 2026-11-20, give or take 5.26 (95%): mostly ..." */
static void
latest_note(struct out *o, const struct fseries *s, long last)
{
	const struct fpoint *p = &s->p[last];
	char sc[32], pm[32];
	const char *band = s->loaded ? form_band(&s->f, p->score) : "";

	form_num(p->score, sc, sizeof(sc));
	*pm = '\0';
	if (s->loaded && !isnan(form_sem(&s->f)))
		form_num(FORM_RCI_95 * form_sem(&s->f), pm, sizeof(pm));
	note(o, OUT_INFO, "Latest score %s on %s%s%s%s%s%s.", sc, p->date,
	    *pm ? ", give or take " : "", pm, *pm ? " (95%)" : "",
	    *band ? ": " : "", band);
}

/* The change since the first score, in numbers and plain words. */
static void
change_note(struct out *o, const struct fseries *s, long first, long last)
{
	double x1 = s->p[first].score, x2 = s->p[last].score, rci;
	char a[32], d[32], r[32], m[32];
	const char *words;
	enum out_kind k = OUT_INFO;

	form_num(x1, a, sizeof(a));
	form_num(x2 - x1, d, sizeof(d));
	if (!s->loaded) {
		note(o, k, "Since the first score (%s on %s): %s%s points.", a,
		    s->p[first].date, x2 > x1 ? "+" : "", d);
		return;
	}
	rci = form_rci(&s->f, x1, x2);
	words = form_change_words(&s->f, x1, x2);
	if (strcmp(words, "a reliable improvement") == 0)
		k = OUT_WIN;
	else if (strncmp(words, "a reliable worsening", 20) == 0)
		k = OUT_CONCERN;
	form_num(rci, r, sizeof(r));
	note(o, k, "%s the first score (%s on %s): %s%s points%s%s, %s.",
	    k == OUT_INFO ? "Since" : "since", a, s->p[first].date,
	    x2 > x1 ? "+" : "", d, isnan(rci) ? "" : "; RCI ",
	    isnan(rci) ? "" : r, words);
	if (isnan(s->f.meaningful))
		return;
	form_num(s->f.meaningful, m, sizeof(m));
	if (form_meaningful(&s->f, x1, x2))
		note(o, k == OUT_CONCERN ? OUT_INFO : OUT_WIN, "%s change "
		    "reaches the %s points this form counts as clinically "
		    "meaningful.", k == OUT_CONCERN ? "The" : "the", m);
	else
		note(o, OUT_INFO, "The change is less than the %s points this "
		    "form counts as clinically meaningful.", m);
}

/* What the reliable change rests on, so a reader can weigh it. */
static void
basis_note(struct out *o, const struct fseries *s)
{
	char sd[32], r[32], need[32];
	double sem = form_sem(&s->f);

	if (!s->loaded) {
		note(o, OUT_INFO, "The form file %s.csv was not found, so its "
		    "cut-offs and reliable change cannot be shown.", s->name);
		return;
	}
	if (isnan(sem)) {
		note(o, OUT_INFO, "The form gives no reliability and SD, so "
		    "reliable change cannot be worked out.");
		return;
	}
	form_num(s->f.sd, sd, sizeof(sd));
	form_num(s->f.r, r, sizeof(r));
	form_num(FORM_RCI_95 * sqrt(2) * sem, need, sizeof(need));
	note(o, OUT_INFO, "Reliable change here rests on the form's SD %s and "
	    "reliability %s: a change of %s points or more either way is "
	    "beyond measurement error (95%%).", sd, r, need);
}

static const struct out_col full_cols[] = {
	{ "source", 0 }, { "form", 0 }, { "date", 0 }, { "score", 1 },
	{ "low", 1 }, { "high", 1 }, { "band", 0 }, { "change", 1 },
	{ "rci", 1 }, { "reliable_change", 0 }, { "meaningful", 0 },
	{ "subscales", 0 }
};
#define NFULL (sizeof(full_cols) / sizeof(full_cols[0]))

static const struct out_col short_cols[] = {
	{ "date", 0 }, { "score", 1 }, { "95% range", 0 }, { "band", 0 },
	{ "change", 1 }, { "RCI", 1 }, { "in words", 0 }, { "subscales", 0 }
};
#define NSHORT (sizeof(short_cols) / sizeof(short_cols[0]))

/* The cells of one administration against the first score x1. */
struct fcells {
	char sc[32], lo[32], hi[32], rg[72], ch[32], rci[32];
	const char *band, *words, *mean;
};

static void
cells(const struct fseries *s, const struct fpoint *p, double x1, int first,
    int full, struct fcells *c)
{
	double sem = s->loaded ? form_sem(&s->f) : NAN, x = p->score;

	memset(c, 0, sizeof(*c));
	c->band = c->words = c->mean = "";
	if (isnan(x)) {
		c->words = "no score: too many questions skipped";
		return;
	}
	form_num(x, c->sc, sizeof(c->sc));
	if (!isnan(sem)) {
		form_num(x - FORM_RCI_95 * sem, c->lo, sizeof(c->lo));
		form_num(x + FORM_RCI_95 * sem, c->hi, sizeof(c->hi));
		snprintf(c->rg, sizeof(c->rg), "%s to %s", c->lo, c->hi);
	}
	if (s->loaded)
		c->band = form_band(&s->f, x);
	if (first || isnan(x1)) {
		c->words = first ? "first score" : "";
		return;
	}
	/* A sign for people; machines read a plain number. */
	snprintf(c->ch, sizeof(c->ch), "%s", x > x1 && !full ? "+" : "");
	form_num(x - x1, c->ch + strlen(c->ch), sizeof(c->ch) - 1);
	if (!s->loaded)
		return;
	if (!isnan(form_rci(&s->f, x1, x)))
		form_num(form_rci(&s->f, x1, x), c->rci, sizeof(c->rci));
	c->words = form_change_words(&s->f, x1, x);
	if (!isnan(s->f.meaningful))
		c->mean = form_meaningful(&s->f, x1, x) ? "yes" : "no";
}

static void
table(struct out *o, const struct fseries *s, long first, int full)
{
	const char *row[NFULL];
	struct fcells c;
	double x1 = first >= 0 ? s->p[first].score : NAN;
	size_t i;

	out_table(o, "questionnaire scores", full ? full_cols : short_cols,
	    full ? NFULL : NSHORT, 1);
	for (i = 0; i < s->n; i++) {
		cells(s, &s->p[i], x1, (long)i == first, full, &c);
		if (full) {
			const char *f[NFULL] = { s->source, s->name,
			    s->p[i].date, c.sc, c.lo, c.hi, c.band, c.ch, c.rci,
			    c.words, c.mean, s->p[i].subs };

			memcpy(row, f, sizeof(f));
		} else {
			const char *f[NSHORT] = { s->p[i].date, c.sc, c.rg,
			    c.band, c.ch, c.rci, c.words, s->p[i].subs };

			memcpy(row, f, sizeof(f));
		}
		out_row(o, row);
	}
}

/* The scores over time, with the cut-offs as reference lines. */
static void
chart(struct out *o, const struct fseries *s)
{
	struct out_chart ch;
	double *y = xcalloc(s->n, sizeof(*y)), *marks, lo = NAN, hi = NAN;
	const char **x = xcalloc(s->n, sizeof(*x));
	char title[160];
	size_t i, nm = 0;

	for (i = 0; i < s->n; i++) {
		y[i] = s->p[i].score;
		x[i] = s->p[i].date;
		if (!isnan(y[i]) && (isnan(lo) || y[i] < lo))
			lo = y[i];
		if (!isnan(y[i]) && (isnan(hi) || y[i] > hi))
			hi = y[i];
	}
	marks = xcalloc(s->loaded ? s->f.ncut + 1 : 1, sizeof(*marks));
	if (s->loaded) {
		lo = s->f.lo;
		hi = s->f.hi;
		for (i = 0; i < s->f.ncut; i++)
			if (s->f.cut[i].score > lo && s->f.cut[i].score < hi)
				marks[nm++] = s->f.cut[i].score;
	}
	snprintf(title, sizeof(title), "%s (score; lines at the cut-offs)",
	    s->loaded ? s->f.title : s->name);
	memset(&ch, 0, sizeof(ch));
	ch.title = title;
	ch.n = s->n;
	ch.y = y;
	ch.x = x;
	ch.ymin = isnan(lo) ? 0 : lo;
	ch.ymax = isnan(hi) || hi <= ch.ymin ? ch.ymin + 1 : hi;
	ch.marks = marks;
	ch.nmarks = nm;
	out_chart(o, &ch);
	free(marks);
	free(x);
	free(y);
}

static void
series_render(struct out *o, const struct fseries *s, int full)
{
	char heading[256];
	long first, last;

	snprintf(heading, sizeof(heading), "%s: %s", s->source, s->loaded ?
	    s->f.title : s->name);
	out_section(o, heading);
	ends(s, &first, &last);
	note(o, OUT_INFO, "%zu time%s answered, from %s to %s.", s->n,
	    s->n == 1 ? "" : "s", s->p[0].date, s->p[s->n - 1].date);
	if (last >= 0)
		latest_note(o, s, last);
	if (first >= 0 && first != last)
		change_note(o, s, first, last);
	else if (first >= 0)
		note(o, OUT_INFO, "One score so far: change shows from the "
		    "second.");
	basis_note(o, s);
	table(o, s, first, full);
	chart(o, s);
}

void
forms_render(struct out *o, enum out_format f)
{
	char *confdir;
	int full = f == OUT_CSV || f == OUT_TSV || f == OUT_JSON;
	size_t i;

	if (nseries == 0)
		return;
	confdir = store_config_dir();
	qsort(series, nseries, sizeof(*series), series_cmp);
	for (i = 0; i < nseries; i++) {
		qsort(series[i].p, series[i].n, sizeof(*series[i].p),
		    point_cmp);
		series_load(&series[i], confdir);
		series_render(o, &series[i], full);
	}
	free(confdir);
}

void
forms_free_all(void)
{
	size_t i, j;

	for (i = 0; i < nseries; i++) {
		for (j = 0; j < series[i].n; j++)
			free(series[i].p[j].subs);
		free(series[i].p);
		free(series[i].source);
		free(series[i].name);
		if (series[i].loaded)
			form_free(&series[i].f);
	}
	free(series);
	series = NULL;
	nseries = 0;
}

/*
 * Practice assignments: assignments.csv files named to report, set
 * against the practice logs of the same source, read again at the end
 * (so that report's pieces need not carry them).
 */
struct plog {
	char *path, *source;
	enum kind kind;
};

struct asource {
	char *source;
	struct assignments as;
};

static struct plog *plogs;
static size_t nplogs;
static struct asource *asrc;
static size_t nasrc;

int
assign_log(struct csvr *r)
{
	return csvr_col(r, "ts") < 0 && csvr_col(r, "kind") >= 0 &&
	    csvr_col(r, "what") >= 0 && csvr_col(r, "from") >= 0;
}

int
assign_read(const char *path, const struct opts *o)
{
	struct asource *a;
	struct assignments as;

	if (o->partial) {
		st_warnx("%s: practice assignments are not part of partial "
		    "results; give assignments.csv to report itself", path);
		return 0;
	}
	if (strcmp(path, "-") == 0) {
		st_warnx("(stdin): give an assignments file by its name");
		return -1;
	}
	if (assign_load(&as, path) == -1) {
		st_warnx("%s", st_error());
		return -1;
	}
	asrc = xreallocarray(asrc, nasrc + 1, sizeof(*asrc));
	a = &asrc[nasrc++];
	a->source = source_of(path, o);
	a->as = as;
	return 0;
}

void
assign_seen(const char *path, enum kind k, const char *source)
{
	struct plog *p;

	if (strcmp(path, "-") == 0 || (k != K_GROUND && k != K_TRIALS &&
	    k != K_REFLECT))
		return;
	plogs = xreallocarray(plogs, nplogs + 1, sizeof(*plogs));
	p = &plogs[nplogs++];
	p->path = xstrdup(path);
	p->source = xstrdup(source);
	p->kind = k;
}

/* The tally of one assignment over the range. */
struct tally {
	long long planned, done;
	long days, lastday;
};

static long
civil_day(const char *date)
{
	int y, m, d;

	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	return when_days_from_civil(y, m, d);
}

/* The days report looks at: from --since (or any) to --until or today. */
static void
range_days(long *first, long *last)
{
	char date[11];

	*first = -ASSIGN_OPEN;
	if (range.has_since) {
		when_date(range.since, date);
		*first = civil_day(date);
	}
	when_date(range.has_until ? range.until - 1 : range.now, date);
	*last = civil_day(date);
}

static enum assign_kind
practice_kind(enum kind k)
{
	return k == K_GROUND ? AS_GROUND : k == K_TRIALS ? AS_LADDER :
	    AS_REFLECT;
}

/* Count the rows of one practice log that a[0..n) plan for. */
static void
count_log(const struct plog *p, const struct assignment *a, size_t n,
    struct tally *t, long first, long last)
{
	const char *subcol = p->kind == K_GROUND ? "exercise" :
	    p->kind == K_TRIALS ? "step" : "kind";
	char date[11];
	struct csvr *r;
	long day;
	size_t i;
	int c, ts, sc, idc;

	if ((r = csvr_openpath(p->path, CSVR_UNESCAPE)) == NULL)
		return;		/* read_file said why */
	ts = csvr_col(r, "ts");
	sc = csvr_col(r, subcol);
	idc = p->kind == K_TRIALS ? csvr_col(r, "step_id") : -1;
	while ((c = csvr_next(r)) != CSVR_EOF && c != CSVR_ERR) {
		if (c != CSVR_REC || ts < 0 || when_written_date(csvr_field(r,
		    (size_t)ts), date) == -1 || (day = civil_day(date)) <
		    first || day > last)
			continue;
		for (i = 0; i < n; i++) {
			if (!assign_active(&a[i], day) ||
			    !(assign_matches(&a[i], practice_kind(p->kind),
			    sc < 0 ? "" : csvr_field(r, (size_t)sc)) ||
			    (idc >= 0 && assign_matches(&a[i],
			    practice_kind(p->kind), csvr_field(r,
			    (size_t)idc)))))
				continue;
			t[i].done++;
			if (day != t[i].lastday)
				t[i].days++;
			t[i].lastday = day;
		}
	}
	csvr_close(r);
}

static const struct out_col plan_cols[] = {
	{ "source", 0 }, { "practice", 0 }, { "from", 0 }, { "until", 0 },
	{ "planned", 1 }, { "practised", 1 }, { "days", 1 }, { "summary", 0 }
};
#define NPLAN (sizeof(plan_cols) / sizeof(plan_cols[0]))

static void
day_label(long day, char *buf, size_t len)
{
	int y, m, d;

	if (day == ASSIGN_OPEN) {
		snprintf(buf, len, "%s", "");
		return;
	}
	when_civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
}

/* "4 of 5 planned practices", in the words of practice. */
static void
plan_words(struct strbuf *sb, const struct assignment *a,
    const struct tally *t, long last)
{
	char from[11];

	day_label(a->from, from, sizeof(from));
	if (a->kind == AS_OTHER)
		sb_puts(sb, "practice in the person's own words: not counted "
		    "from the logs, worth asking about");
	else if (a->from > last)
		sb_printf(sb, "starts on %s", from);
	else if (t->done <= t->planned)
		sb_printf(sb, "%lld of %lld planned practice%s", t->done,
		    t->planned, t->planned == 1 ? "" : "s");
	else
		sb_printf(sb, "%lld practices, with %lld planned", t->done,
		    t->planned);
}

static void
plan_row(struct out *o, const char *source, const struct assignment *a,
    const struct tally *t, long last)
{
	struct strbuf what = { 0 }, words = { 0 };
	char from[11], until[11], pl[24], dn[24], dy[24];
	const char *row[NPLAN];
	int counted = a->kind != AS_OTHER;

	assign_describe(&what, a);
	plan_words(&words, a, t, last);
	day_label(a->from, from, sizeof(from));
	day_label(a->until, until, sizeof(until));
	snprintf(pl, sizeof(pl), "%lld", t->planned);
	snprintf(dn, sizeof(dn), "%lld", t->done);
	snprintf(dy, sizeof(dy), "%ld", t->days);
	row[0] = source;
	row[1] = what.s;
	row[2] = from;
	row[3] = until;
	row[4] = pl;
	row[5] = counted ? dn : "";
	row[6] = counted ? dy : "";
	row[7] = words.s;
	out_row(o, row);
	sb_free(&what);
	sb_free(&words);
}

static void
plan_notes(struct out *o, const struct asource *s, const struct tally *t,
    long last)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < s->as.n; i++) {
		sb_reset(&sb);
		assign_describe(&sb, &s->as.v[i]);
		sb_puts(&sb, ": ");
		plan_words(&sb, &s->as.v[i], &t[i], last);
		sb_putc(&sb, '.');
		sb.s[0] = (char)(sb.s[0] >= 'a' && sb.s[0] <= 'z' ?
		    sb.s[0] - 'a' + 'A' : sb.s[0]);
		out_note(o, OUT_INFO, sb.s);
	}
	sb_free(&sb);
}

static void
plan_render(struct out *o, const struct asource *s)
{
	struct tally *t = xcalloc(s->as.n + 1, sizeof(*t));
	char heading[256];
	long first, last;
	size_t i;

	range_days(&first, &last);
	for (i = 0; i < s->as.n; i++) {
		t[i].planned = assign_planned(&s->as.v[i], first, last);
		t[i].lastday = -1;
	}
	for (i = 0; i < nplogs; i++)
		if (strcmp(plogs[i].source, s->source) == 0)
			count_log(&plogs[i], s->as.v, s->as.n, t, first, last);
	snprintf(heading, sizeof(heading), "%s: practice plan", s->source);
	out_section(o, heading);
	plan_notes(o, s, t, last);
	out_table(o, "planned practice", plan_cols, NPLAN, 1);
	for (i = 0; i < s->as.n; i++)
		plan_row(o, s->source, &s->as.v[i], &t[i], last);
	free(t);
}

int
assign_any(void)
{
	return nasrc > 0;
}

void
assign_render(struct out *o)
{
	size_t i;

	for (i = 0; i < nasrc; i++)
		plan_render(o, &asrc[i]);
}

void
assign_free_all(void)
{
	size_t i;

	for (i = 0; i < nplogs; i++) {
		free(plogs[i].path);
		free(plogs[i].source);
	}
	for (i = 0; i < nasrc; i++) {
		free(asrc[i].source);
		assign_free(&asrc[i].as);
	}
	free(plogs);
	free(asrc);
	plogs = NULL;
	asrc = NULL;
	nplogs = nasrc = 0;
}
