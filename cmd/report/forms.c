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
#include "correct.h"
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

/*
 * Whether the change reaches the form's clinically meaningful change,
 * read together with the RCI: only a change the RCI does not call
 * measurement error, the better way, is a win.
 */
static void
meaningful_note(struct out *o, const struct fseries *s, double x1,
    double x2)
{
	enum form_way m = form_meaningful(&s->f, x1, x2);
	enum form_way rel = form_reliable(&s->f, x1, x2);
	char pts[32];

	form_num(s->f.meaningful, pts, sizeof(pts));
	if (m == FORM_SMALL)
		note(o, OUT_INFO, "The change is less than the %s points this "
		    "form counts as clinically meaningful.", pts);
	else if (rel == FORM_SMALL && !isnan(form_rci(&s->f, x1, x2)))
		note(o, OUT_INFO, "The change is as large as the %s points "
		    "this form counts as clinically meaningful, but within "
		    "the range of measurement error, so it cannot yet be told "
		    "apart from chance.", pts);
	else if (m == FORM_BETTER)
		note(o, OUT_WIN, "the change reaches the %s points this form "
		    "counts as clinically meaningful.", pts);
	else if (m == FORM_WORSE && rel == FORM_WORSE)
		note(o, OUT_INFO, "The change also reaches the %s points this "
		    "form counts as clinically meaningful: a harder stretch, "
		    "worth talking over together.", pts);
	else if (m == FORM_WORSE)
		note(o, OUT_CONCERN, "the change reaches the %s points this "
		    "form counts as clinically meaningful, the harder way: a "
		    "harder stretch, worth talking over together.", pts);
	else
		note(o, OUT_INFO, "The change reaches the %s points this form "
		    "counts as clinically meaningful; the form does not say "
		    "which way is better.", pts);
}

/* The change since the first score, in numbers and plain words. */
static void
change_note(struct out *o, const struct fseries *s, long first, long last)
{
	double x1 = s->p[first].score, x2 = s->p[last].score, rci;
	char a[32], d[32], r[32];
	enum form_way rel;
	enum out_kind k = OUT_INFO;

	form_num(x1, a, sizeof(a));
	form_num(x2 - x1, d, sizeof(d));
	if (!s->loaded) {
		note(o, k, "Since the first score (%s on %s): %s%s points.", a,
		    s->p[first].date, x2 > x1 ? "+" : "", d);
		return;
	}
	rci = form_rci(&s->f, x1, x2);
	rel = form_reliable(&s->f, x1, x2);
	k = rel == FORM_BETTER ? OUT_WIN : rel == FORM_WORSE ? OUT_CONCERN :
	    OUT_INFO;
	form_num(rci, r, sizeof(r));
	note(o, k, "%s the first score (%s on %s): %s%s points%s%s, %s.",
	    k == OUT_INFO ? "Since" : "since", a, s->p[first].date,
	    x2 > x1 ? "+" : "", d, isnan(rci) ? "" : "; RCI ",
	    isnan(rci) ? "" : r, form_change_words(&s->f, x1, x2));
	if (!isnan(s->f.meaningful))
		meaningful_note(o, s, x1, x2);
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

/*
 * A meaningful change as a table cell: which way it went, "no", or, as
 * the notes say, "within measurement error" when the RCI finds it so.
 */
static const char *
way_word(const struct fseries *s, double x1, double x2)
{
	enum form_way m = form_meaningful(&s->f, x1, x2);

	if (m == FORM_SMALL)
		return "no";
	if (!isnan(form_rci(&s->f, x1, x2)) &&
	    form_reliable(&s->f, x1, x2) == FORM_SMALL)
		return "within measurement error";
	if (m == FORM_EITHER)
		return x2 > x1 ? "rise" : "fall";
	return m == FORM_BETTER ? "improvement" : "worsening";
}

static void
cells(const struct fseries *s, const struct fpoint *p, double x1, int first,
    int full, struct fcells *c)
{
	double sem = s->loaded ? form_sem(&s->f) : NAN, x = p->score;

	memset(c, 0, sizeof(*c));
	c->band = c->words = c->mean = "";
	if (isnan(x)) {
		c->words = "not enough answers for a score";
		return;
	}
	form_num(x, c->sc, sizeof(c->sc));
	if (!isnan(sem)) {
		/* No score lies outside the form's range. */
		form_num(fmax(x - FORM_RCI_95 * sem, s->f.lo), c->lo,
		    sizeof(c->lo));
		form_num(fmin(x + FORM_RCI_95 * sem, s->f.hi), c->hi,
		    sizeof(c->hi));
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
		c->mean = way_word(s, x1, x);
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

/*
 * "Title (score; cut-offs at 12 and 22)": the numbers say where the
 * cut-offs fall in every format, and HTML draws them as lines too.
 */
static void
chart_title(char *buf, size_t len, const struct fseries *s,
    const double *marks, size_t nm)
{
	struct strbuf sb = { 0 };
	char num[32];
	size_t i;

	sb_printf(&sb, "%s (score", s->loaded ? s->f.title : s->name);
	for (i = 0; i < nm; i++) {
		form_num(marks[i], num, sizeof(num));
		sb_printf(&sb, "%s%s", i == 0 ? nm == 1 ? "; cut-off at " :
		    "; cut-offs at " : i + 1 == nm ? " and " : ", ", num);
	}
	sb_putc(&sb, ')');
	snprintf(buf, len, "%s", sb.s);
	sb_free(&sb);
}

/* Where each cut-off inside the range falls among the scores. */
static void
cutoff_notes(struct out *o, const struct fseries *s, long last)
{
	const struct form_cut *c;
	size_t i, k, n, above;
	char at[32], sc[32];

	for (i = 0; s->loaded && last >= 0 && i < s->f.ncut; i++) {
		c = &s->f.cut[i];
		if (c->score <= s->f.lo || c->score >= s->f.hi)
			continue;
		for (k = n = above = 0; k < s->n; k++)
			if (!isnan(s->p[k].score)) {
				n++;
				above += s->p[k].score + 1e-9 >= c->score;
			}
		form_num(c->score, at, sizeof(at));
		form_num(s->p[last].score, sc, sizeof(sc));
		note(o, OUT_INFO, "The cut-off at %s%s%s%s: %zu of %zu score%s "
		    "at or above it, %s (%s)%s.", at, *c->meaning ? " (" : "",
		    c->meaning, *c->meaning ? ")" : "", above, n, n == 1 ? "" :
		    "s", s->p[last].score + 1e-9 >= c->score ? "among them the "
		    "latest" : "the latest", sc, s->p[last].score + 1e-9 >=
		    c->score ? "" : " below it");
	}
}

/* The scores over time, with the cut-offs as reference lines. */
static void
chart(struct out *o, const struct fseries *s)
{
	struct out_chart ch;
	double *y = xcalloc(s->n, sizeof(*y)), *marks, lo = NAN, hi = NAN;
	const char **x = xcalloc(s->n, sizeof(*x));
	char title[256];
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
	chart_title(title, sizeof(title), s, marks, nm);
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
	cutoff_notes(o, s, last);
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
	char *source, *path;
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
	a->path = xstrdup(path);
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

/*
 * The tally of one assignment over the range: what was planned and done
 * in its periods (days or weeks) that have ended, up to day ended; and in
 * the one still under way, counted from day open (-1: none is).
 */
struct tally {
	long long planned, done;
	long long now_planned, now_done;
	long ended, open;
	struct daymap days;	/* the days with a practice */
	int logs;		/* logs of its kind were read for it */
};

static long
civil_day(const char *date)
{
	int y, m, d;

	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	return when_days_from_civil(y, m, d);
}

/*
 * The days report looks at: from --since (or any) to --until or today,
 * whichever comes first, since no practice is due in days to come.
 */
static void
range_days(long *first, long *last, long *today)
{
	char date[11];

	*first = -ASSIGN_OPEN;
	if (range.has_since) {
		when_date(range.since, date);
		*first = civil_day(date);
	}
	when_date(range.now, date);
	*today = *last = civil_day(date);
	if (range.has_until) {
		when_date(range.until - 1, date);
		if (civil_day(date) < *last)
			*last = civil_day(date);
	}
}

/* What a plans on [first, last]: only periods ended by today are due. */
static void
tally_init(struct tally *t, const struct assignment *a, long first,
    long last, long today)
{
	long open = last == today ? assign_open_from(a, today) : -1;

	memset(t, 0, sizeof(*t));
	daymap_init(&t->days);
	t->ended = open >= 0 ? open - 1 : last;
	t->planned = assign_planned(a, first, t->ended);
	t->open = open < 0 ? -1 : open > first ? open : first;
	t->now_planned = open < 0 ? 0 : a->times;
}

/* One practice on day of a: in an ended period, or the one under way. */
static void
tally_add(struct tally *t, long day)
{
	if (day <= t->ended)
		t->done++;
	else if (t->open >= 0 && day >= t->open)
		t->now_done++;
	else
		return;
	daymap_set(&t->days, (int32_t)day);
}

static long
tally_days(const struct tally *t)
{
	int32_t a, b;

	return daymap_span(&t->days, &a, &b) == -1 ? 0 :
	    (long)daymap_count(&t->days, a, b);
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
	struct amends *am;
	char date[11];
	struct csvr *r;
	long day;
	size_t i;
	int c, ts, sc, idc;

	/* Withdrawn and superseded records are no practice (steady.5). */
	if (amends_load(p->path, &am) == -1)
		return;		/* read_file said why */
	if ((r = csvr_openpath(p->path, CSVR_UNESCAPE)) == NULL) {
		amends_free(am);
		return;
	}
	ts = csvr_col(r, "ts");
	sc = csvr_col(r, subcol);
	idc = p->kind == K_TRIALS ? csvr_col(r, "step_id") : -1;
	for (i = 0; i < n; i++)
		if (a[i].kind == practice_kind(p->kind))
			t[i].logs = 1;
	while ((c = csvr_next(r)) != CSVR_EOF && c != CSVR_ERR) {
		if (c != CSVR_REC || amends_hidden(am, r) || ts < 0 ||
		    when_written_date(csvr_field(r,
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
			tally_add(&t[i], day);
		}
	}
	csvr_close(r);
	amends_free(am);
}

static const struct out_col plan_cols[] = {
	{ "source", 0 }, { "practice", 0 }, { "from", 0 }, { "until", 0 },
	{ "planned", 1 }, { "practised", 1 }, { "current_planned", 1 },
	{ "current_practised", 1 }, { "days", 1 }, { "summary", 0 }
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

/* "4 of 5 planned practices" for the periods that have ended. */
static void
ended_words(struct strbuf *sb, const struct tally *t)
{
	if (t->done <= t->planned)
		sb_printf(sb, "%lld of %lld planned practice%s", t->done,
		    t->planned, t->planned == 1 ? "" : "s");
	else
		sb_printf(sb, "%lld practices, with %lld planned", t->done,
		    t->planned);
}

/* "this week so far: 1 of 3 planned", for the period under way. */
static void
open_words(struct strbuf *sb, const struct assignment *a,
    const struct tally *t)
{
	sb_printf(sb, "%s so far: ", a->per_week ? "this week" : "today");
	if (t->now_done <= t->now_planned)
		sb_printf(sb, "%lld of %lld planned", t->now_done,
		    t->now_planned);
	else
		sb_printf(sb, "%lld, with %lld planned", t->now_done,
		    t->now_planned);
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
	else if (!t->logs)
		sb_printf(sb, "not counted, as no %s was given with the plan",
		    a->kind == AS_GROUND ? "grounding log" : a->kind ==
		    AS_LADDER ? "log of exposure trials" : "reflection log");
	else if (a->from > last)
		sb_printf(sb, "starts on %s", from);
	else if (t->planned == 0 && t->open < 0)
		sb_puts(sb, "none planned on these days");
	else {
		if (t->planned > 0 || t->open < 0)
			ended_words(sb, t);
		if (t->planned > 0 && t->open >= 0)
			sb_puts(sb, "; ");
		if (t->open >= 0)
			open_words(sb, a, t);
	}
}

static void
plan_row(struct out *o, const char *source, const struct assignment *a,
    const struct tally *t, long last)
{
	struct strbuf what = { 0 }, words = { 0 };
	char from[11], until[11], pl[24], dn[24], npl[24], ndn[24], dy[24];
	const char *row[NPLAN];
	int counted = a->kind != AS_OTHER && t->logs;
	int open = t->open >= 0;

	assign_describe(&what, a);
	plan_words(&words, a, t, last);
	day_label(a->from, from, sizeof(from));
	day_label(a->until, until, sizeof(until));
	snprintf(pl, sizeof(pl), "%lld", t->planned);
	snprintf(dn, sizeof(dn), "%lld", t->done);
	snprintf(npl, sizeof(npl), "%lld", t->now_planned);
	snprintf(ndn, sizeof(ndn), "%lld", t->now_done);
	snprintf(dy, sizeof(dy), "%ld", tally_days(t));
	row[0] = source;
	row[1] = what.s;
	row[2] = from;
	row[3] = until;
	row[4] = pl;
	row[5] = counted ? dn : "";
	row[6] = open ? npl : "";
	row[7] = counted && open ? ndn : "";
	row[8] = counted ? dy : "";
	row[9] = words.s;
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

/*
 * The source whose practice logs a plan is set against: its own, when
 * any of its logs was read; else, for the one plan of a run, the one
 * source all the practice logs come from (an assignments file kept in
 * the config folder, its logs in the data folder); else NULL.
 */
static const char *
plan_source(const struct asource *s)
{
	const char *only = NULL;
	size_t i;

	for (i = 0; i < nplogs; i++)
		if (strcmp(plogs[i].source, s->source) == 0)
			return s->source;
	if (nasrc != 1)
		return NULL;
	for (i = 0; i < nplogs; i++)
		if (only == NULL)
			only = plogs[i].source;
		else if (strcmp(only, plogs[i].source) != 0)
			return NULL;
	return only;
}

/* Where the practice counted comes from, when it is not plain. */
static void
source_note(struct out *o, const struct asource *s, const char *src)
{
	struct strbuf sb = { 0 };

	if (src == NULL)
		sb_printf(&sb, "No grounding, exposure or reflection log of %s "
		    "was given with the plan in %s, so no practice is counted: "
		    "name those logs with it.", s->source, s->path);
	else if (strcmp(src, s->source) != 0)
		sb_printf(&sb, "The plan in %s is set against the practice "
		    "logs of %s, the only ones given with it.", s->path, src);
	if (sb.len > 0)
		out_note(o, OUT_INFO, sb.s);
	sb_free(&sb);
}

static void
plan_render(struct out *o, const struct asource *s)
{
	struct tally *t = xcalloc(s->as.n + 1, sizeof(*t));
	const char *logsrc = plan_source(s);
	const char *src = logsrc != NULL ? logsrc : s->source;
	char heading[256];
	long first, last, today;
	size_t i;

	range_days(&first, &last, &today);
	for (i = 0; i < s->as.n; i++)
		tally_init(&t[i], &s->as.v[i], first, last, today);
	for (i = 0; logsrc != NULL && i < nplogs; i++)
		if (strcmp(plogs[i].source, logsrc) == 0)
			count_log(&plogs[i], s->as.v, s->as.n, t, first, last);
	snprintf(heading, sizeof(heading), "%s: practice plan", src);
	out_section(o, heading);
	source_note(o, s, logsrc);
	plan_notes(o, s, t, last);
	out_table(o, "planned practice", plan_cols, NPLAN, 1);
	for (i = 0; i < s->as.n; i++) {
		plan_row(o, src, &s->as.v[i], &t[i], last);
		daymap_free(&t[i].days);
	}
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
		free(asrc[i].path);
		assign_free(&asrc[i].as);
	}
	free(plogs);
	free(asrc);
	plogs = NULL;
	asrc = NULL;
	nplogs = nasrc = 0;
}
