/* reflect: the weekly summary, scanning for traps, searching entries. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "correct.h"
#include "csvio.h"
#include "match.h"
#include "redact.h"
#include "stats.h"
#include "store.h"
#include "traps.h"
#include "util.h"
#include "when.h"
#include "reflect.h"

/* ---- the weekly summary ---- */

/* Two weeks of one measure: [0] the week before, [1] this week. */
struct twoweeks {
	long monday;		/* this week's Monday, as a day number */
	struct stats s[2];
	struct daymap days[2];
};

/* Which week (0 before, 1 this) a record's timestamp falls in, or -1. */
static int
week_of(const struct twoweeks *w, const char *ts, long *day)
{
	char date[11];
	long long y, m, d;
	const char *why;

	if (when_written_date(ts, date) == -1)
		return -1;
	date[4] = date[7] = '\0';
	if (parse_num(date, 1, 9999, &y, &why) == -1 ||
	    parse_num(date + 5, 1, 12, &m, &why) == -1 ||
	    parse_num(date + 8, 1, 31, &d, &why) == -1)
		return -1;
	*day = when_days_from_civil((int)y, (int)m, (int)d);
	if (*day >= w->monday && *day < w->monday + 7)
		return 1;
	if (*day >= w->monday - 7 && *day < w->monday)
		return 0;
	return -1;
}

/*
 * Add column col (minus column minus, when not NULL) of the log at path
 * to w, per week; a value of 1 per row when col is NULL, to count
 * sessions.  Rows without the values are left out.  A missing log is
 * empty.
 */
static void
read_weeks(const char *path, const char *col, const char *minus,
    struct twoweeks *w)
{
	struct amends *a;
	struct csvr *cr;
	int c, tsc, vc, mc, k;
	int64_t x, y = 0;
	time_t t;
	long day;

	if (amends_load(path, &a) == -1 ||
	    (cr = csvr_openpath(path, 0)) == NULL) {
		amends_free(a);
		return;
	}
	tsc = csvr_col(cr, "ts");
	vc = col != NULL ? csvr_col(cr, col) : -1;
	mc = minus != NULL ? csvr_col(cr, minus) : -1;
	while (tsc >= 0 && (col == NULL || vc >= 0) && (minus == NULL ||
	    mc >= 0) && (c = csvr_next(cr)) != CSVR_EOF) {
		if (c != CSVR_REC || (k = week_of(w, cell(cr, tsc), &day)) < 0
		    || when_parse(cell(cr, tsc), &t, NULL) == -1 ||
		    amends_hidden(a, cr))
			continue;
		if (col == NULL)
			x = STATS_SCALE;
		else if (stats_parse(cell(cr, vc), &x) == -1 ||
		    (minus != NULL && stats_parse(cell(cr, mc), &y) == -1))
			continue;
		stats_add(&w->s[k], (int64_t)t, (int32_t)day, x - y);
		daymap_set(&w->days[k], (int32_t)day);
	}
	csvr_close(cr);
	amends_free(a);
}

static void
weeks_init(struct twoweeks *w, long monday)
{
	int k;

	w->monday = monday;
	for (k = 0; k < 2; k++) {
		stats_init(&w->s[k]);
		daymap_init(&w->days[k]);
	}
}

static void
weeks_free(struct twoweeks *w)
{
	int k;

	for (k = 0; k < 2; k++) {
		stats_free(&w->s[k]);
		daymap_free(&w->days[k]);
	}
}

static void
mean_cell(const struct stats *s, char *buf, size_t len)
{
	if (s->n == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", stats_mean(s));
}

/* Each check-in item: the week before next to this week. */
static int
checkin_table(FILE *out, long monday)
{
	char *path = store_path(datadir, "checkin.csv"), a[16], b[16];
	struct twoweeks days;
	struct twoweeks w;
	struct items it;
	size_t i;
	int few;

	if (items_load(&it, confdir) == -1) {
		st_warnx("%s", st_error());
		free(path);
		return -1;
	}
	weeks_init(&days, monday);
	read_weeks(path, NULL, NULL, &days);
	fprintf(out, "  %-24s %12s %10s\n", "check-ins", "week before",
	    "this week");
	for (i = 0; i < it.n; i++) {
		weeks_init(&w, monday);
		read_weeks(path, it.v[i].name, NULL, &w);
		mean_cell(&w.s[0], a, sizeof(a));
		mean_cell(&w.s[1], b, sizeof(b));
		if (w.s[0].n + w.s[1].n > 0)
			fprintf(out, "  %-24s %12s %10s\n", it.v[i].name, a, b);
		weeks_free(&w);
	}
	fprintf(out, "  %-24s %12lld %10lld\n", "days with a check-in",
	    (long long)daymap_count(&days.days[0], monday - 7, monday - 1),
	    (long long)daymap_count(&days.days[1], monday, monday + 6));
	few = daymap_count(&days.days[0], monday - 7, monday - 1) < 4 ||
	    daymap_count(&days.days[1], monday, monday + 6) < 4;
	if (few)
		fputs("  (A week with fewer than 4 days of check-ins gives "
		    "only a rough picture.)\n", out);
	weeks_free(&days);
	items_free(&it);
	free(path);
	return 0;
}

/* Sessions of a practice log per week, and the mean change in distress. */
static void
practice_line(FILE *out, const char *file, const char *what, long monday)
{
	char *path = store_path(datadir, file), a[16], b[16];
	struct twoweeks n, change;

	weeks_init(&n, monday);
	weeks_init(&change, monday);
	read_weeks(path, NULL, NULL, &n);
	read_weeks(path, "post", "pre", &change);
	fprintf(out, "  %-24s %12lld %10lld\n", what, (long long)n.s[0].n,
	    (long long)n.s[1].n);
	if (change.s[0].n + change.s[1].n > 0) {
		mean_cell(&change.s[0], a, sizeof(a));
		mean_cell(&change.s[1], b, sizeof(b));
		fprintf(out, "  %-24s %12s %10s\n", "  change in distress",
		    a, b);
	}
	weeks_free(&n);
	weeks_free(&change);
	free(path);
}

/* This week beside the week before: check-ins, grounding, exposure. */
void
weekly_summary(FILE *out, struct rec *r)
{
	long today = local_day(r->ts), monday;
	int y, wk;
	char week[16];

	/* 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays. */
	monday = today - ((today % 7 + 7 + 3) % 7);
	when_isoweek(r->ts, &y, &wk);
	snprintf(week, sizeof(week), "%04d-W%02d", y, wk);
	rec_set(r, C_WEEK, week);
	if (out == NULL)
		return;
	fprintf(out, "Your week, %s, beside the week before:\n\n", week);
	(void)checkin_table(out, monday);
	practice_line(out, "ground.csv", "grounding sessions", monday);
	practice_line(out, "trials.csv", "exposure trials", monday);
	fputc('\n', out);
}

/* ---- scan, search and the lists ---- */

/* One CSV row per possible trap in each line of fp. */
static int
scan_stream(FILE *fp, const char *source, struct strbuf *sb)
{
	struct trap_hit *h;
	const char *f[4];
	char *line = NULL, num[24], *text;
	unsigned long n = 0;
	size_t cap = 0, k, i;
	ssize_t len;

	while ((len = getline(&line, &cap, fp)) != -1) {
		n++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		k = traps_scan(traps, line, (size_t)len, &h);
		snprintf(num, sizeof(num), "%lu", n);
		for (i = 0; i < k; i++) {
			text = xasprintf("%.*s", (int)(h[i].end - h[i].start),
			    line + h[i].start);
			f[0] = source;
			f[1] = num;
			f[2] = traps_name(traps, h[i].trap);
			f[3] = text;
			sb_reset(sb);
			csvw_record(sb, f, 4, ',', CSVW_ESCAPE);
			fwrite(sb->s, 1, sb->len, stdout);
			free(text);
		}
		free(h);
	}
	free(line);
	return ferror(fp) ? -1 : 0;
}

int
cmd_scan(int argc, char **argv)
{
	struct strbuf sb = { 0 };
	int i, rc = EXIT_OK;
	FILE *fp;

	if (load_traps() == -1)
		return EXIT_ERR;
	puts("source,line,trap,text");
	if (argc == 0 && scan_stream(stdin, "stdin", &sb) == -1) {
		st_warn("standard input");
		rc = EXIT_ERR;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			fp = stdin;
		else if ((fp = fopen(argv[i], "r")) == NULL) {
			st_warn("%s", argv[i]);
			rc = EXIT_ERR;
			continue;
		}
		if (scan_stream(fp, fp == stdin ? "stdin" : argv[i], &sb)) {
			st_warn("%s", argv[i]);
			rc = EXIT_ERR;
		}
		if (fp != stdin)
			fclose(fp);
	}
	sb_free(&sb);
	return rc;
}

/* The log's header line, as the first line of search's output. */
static void
print_header(struct csvr *r)
{
	struct strbuf sb = { 0 };

	if (redact != NULL) {
		redact_plan_csvr(redact, r);
		redact_header(redact, &sb, r);
	} else
		csvw_header(&sb, r);
	fputs(sb.s, stdout);
	sb_free(&sb);
}

/* The matching entry as the log has it, or redacted; a line each. */
static void
print_entry(struct csvr *r)
{
	struct strbuf sb = { 0 };

	/* On a terminal, control bytes are shown as "?". */
	if (redact == NULL) {
		fputs_shown(csvr_raw(r), stdout);
		putchar('\n');
		return;
	}
	redact_row(redact, &sb, r, CSVW_ESCAPE);
	fputs_shown(sb.s, stdout);
	sb_free(&sb);
}

struct search {
	struct matchset *m;
	time_t since, until;
	int has_since, has_until;
	const char *kind;
	long hits, bad;
};

/* Does the current entry match: kind, time range, then any text field? */
static int
entry_matches(struct csvr *r, struct search *q)
{
	int tsc = csvr_col(r, "ts"), kc = csvr_col(r, "kind");
	const char *name;
	time_t t;
	size_t i;

	if (q->kind != NULL && strcmp(cell(r, kc), q->kind) != 0)
		return 0;
	if (when_parse(cell(r, tsc), &t, NULL) == -1) {
		st_warnx("%s:%lu: %s", csvr_name(r), csvr_line(r), st_error());
		q->bad++;
		return 0;
	}
	if ((q->has_since && t < q->since) || (q->has_until && t >= q->until))
		return 0;
	for (i = 0; i < csvr_ncols(r); i++) {
		name = csvr_colname(r, i);
		if (strcmp(name, "ts") && strcmp(name, "kind") &&
		    strcmp(name, "id") && match_any(q->m, cell(r, (int)i)))
			return 1;
	}
	return 0;
}

static int
search_log(const char *path, struct search *q)
{
	struct amends *a;
	struct csvr *r;
	int c;

	if (amends_load(path, &a) == -1) {
		st_warnx("%s", st_error());
		return -1;
	}
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		amends_free(a);
		if (errno == ENOENT)
			return 0;
		st_warnx("%s", st_error());
		return -1;
	}
	if (csvr_ncols(r) > 0 && (csvr_col(r, "ts") < 0 ||
	    csvr_col(r, "kind") < 0)) {
		st_warnx("%s:1: this is not a reflection log (it has no ts and "
		    "kind columns)", path);
		csvr_close(r);
		amends_free(a);
		return -1;
	}
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC) {
			st_warnx("%s", st_error());
			q->bad++;
			if (c == CSVR_ERR)
				break;
			continue;
		}
		if (amends_hidden(a, r) || !entry_matches(r, q))
			continue;
		if (q->hits++ == 0)
			print_header(r);
		print_entry(r);
	}
	csvr_close(r);
	amends_free(a);
	return 0;
}

/* Like grep: 0 when something matched, 1 when nothing did, 2 trouble. */
int
cmd_search(const struct opts *o, int argc, char **argv)
{
	struct search q = { 0 };
	char *path;
	time_t now;
	int rc;
	size_t k;

	for (k = 0; o->skind != NULL && k < NKINDS; k++)
		if (strcmp(o->skind, kindname[k]) == 0)
			break;
	if (k == NKINDS)
		st_errx(EXIT_USAGE, "--kind %s: the kinds are journal, thought, "
		    "exposure, weekly and experiment", o->skind);
	if (when_now(&now) == -1)
		st_errx(EXIT_USAGE, "%s", st_error());
	if (o->since && when_bound(o->since, now, 0, &q.since) == -1)
		st_errx(EXIT_USAGE, "--since %s", st_error());
	if (o->until && when_bound(o->until, now, 1, &q.until) == -1)
		st_errx(EXIT_USAGE, "--until %s", st_error());
	q.has_since = o->since != NULL;
	q.has_until = o->until != NULL;
	q.kind = o->skind;
	q.m = match_new();
	if (match_add(q.m, "pattern", argv[0], "") == -1) {
		match_free(q.m);
		st_errx(EXIT_USAGE, "%s", st_error());
	}
	path = store_path(datadir, LOGNAME);
	rc = search_log(path, &q);
	match_free(q.m);
	free(path);
	if (rc == -1 || q.bad > 0)
		return EXIT_USAGE;
	return q.hits > 0 ? EXIT_OK : EXIT_ERR;
}

int
cmd_prompts(void)
{
	size_t i;

	if (load_prompts() == -1) {
		st_warnx("%s", st_error());
		return EXIT_ERR;
	}
	printf("name\tstage\ttext\n");
	for (i = 0; i < njprompts; i++)
		printf("%s\t%s\t%s\n", jprompts[i].name, jprompts[i].stage,
		    jprompts[i].text);
	return EXIT_OK;
}

int
cmd_traps(void)
{
	size_t i;

	if (load_traps() == -1)
		return EXIT_ERR;
	printf("name\ttitle\texplanation\n");
	for (i = 0; i < traps_count(traps); i++)
		printf("%s\t%s\t%s\n", traps_name(traps, i),
		    traps_title(traps, i), traps_explain(traps, i));
	return EXIT_OK;
}
