/* report: partial results, written whole and merged exactly. */
#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "when.h"

/* Partial results: the whole aggregate state, one CSV row per group and
 * measure (steady.5, "report partials"). */
static const char *const partial_cols[] = {
	"source", "group", "period", "log", "item", "measure", "better",
	"state"
};
#define NPARTIAL 8
static const char *const kind_codes[] = {
	"data", "checkin", "ground", "trials", "reflect", "ladder", "promise"
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
	const struct peaks *pk = group_peaks(g);
	struct strbuf st = { 0 };
	const char *f[NPARTIAL];
	size_t i;

	sb_printf(&st, "%lld %d %lld %d", (long long)g->rows, g->timed,
	    (long long)g->low_safety, pk->n);
	for (i = 0; i < (size_t)pk->n; i++)
		sb_printf(&st, " %lld %lld %lld %lld %d",
		    (long long)pk->tr[i].t, (long long)pk->tr[i].v,
		    (long long)pk->tr[i].ex, (long long)pk->tr[i].oc,
		    pk->tr[i].stop);
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

/*
 * The measures met in a header with nothing counted in any group, each a
 * row with an empty state, so that a merge knows the same columns as one
 * pass (a caseload summary has a column for every check-in item seen).
 */
static void
partial_known(struct strbuf *sb)
{
	const char *f[NPARTIAL] = { "", "", "", "data", "", "", "", "" };
	char *used = xcalloc(nmeasures + 1, 1);
	size_t i, j;

	for (i = 0; i < ngroups; i++)
		for (j = 0; j < groups[i]->nm; j++)
			used[j] |= groups[i]->m[j].n > 0;
	for (j = 0; j < nmeasures; j++)
		if (!used[j]) {
			f[5] = measures[j].name;
			f[6] = better_code(&measures[j]);
			csvw_record(sb, f, NPARTIAL, ',', CSVW_ESCAPE);
		}
	free(used);
}

void
write_partial(FILE *fp)
{
	struct strbuf sb = { 0 };
	size_t i;

	csvw_record(&sb, partial_cols, NPARTIAL, ',', 0);
	fwrite(sb.s, 1, sb.len, fp);
	sb_reset(&sb);
	for (i = 0; i < ngroups; i++) {
		partial_group(&sb, groups[i]);
		fwrite(sb.s, 1, sb.len, fp);
		sb_reset(&sb);
	}
	partial_known(&sb);
	fwrite(sb.s, 1, sb.len, fp);
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
	long long rows, low, t, v, ex, oc;
	int timed, npeaks, stop, n, i;
	const char *p = s;
	struct trial x;

	if (sscanf(p, "%lld %d %lld %d%n", &rows, &timed, &low, &npeaks,
	    &n) != 4 || npeaks < 0 || npeaks > 12)
		return -1;
	for (p += n, i = 0; i < npeaks; i++, p += n) {
		if (sscanf(p, " %lld %lld %lld %lld %d%n", &t, &v, &ex, &oc,
		    &stop, &n) != 5)
			return -1;
		x.t = t;
		x.v = v;
		x.ex = ex;
		x.oc = oc;
		x.stop = stop != 0;
		peaks_add(&g->peaks, &x);
	}
	if (*p++ != '|')
		return -1;
	g->rows += rows;
	g->timed |= timed;
	g->low_safety += low;
	*used = (int)(p - s);
	return 0;
}

/* A measure's better way, or that it holds text, from its code. */
static void
measure_better(size_t id, const char *code)
{
	int b;

	if (strcmp(code, "text") == 0)
		measures[id].textseen = 1;
	else if ((b = code_of(better_codes, 3, code)) >= 0) {
		measures[id].better = (enum better)(b - 1);
		measures[id].directed = 1;
	}
}

/* Fold one partial row into the groups. */
static int
merge_row(struct csvr *r)
{
	const char *f[NPARTIAL];
	struct group *g;
	struct daymap dm;
	size_t i, id;
	int kind, n;

	for (i = 0; i < NPARTIAL; i++)
		f[i] = csvr_field(r, (size_t)csvr_col(r, partial_cols[i]));
	if ((kind = code_of(kind_codes, 7, f[3])) < 0)
		return -1;
	/* A measure known with nothing counted: no group of its own. */
	if (*f[5] != '\0' && *f[7] == '\0') {
		id = measure_id(f[5], 1);
		measure_better(id, f[6]);
		return 0;
	}
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
	measure_better(id, f[6]);
	return merge_measure(g, id, f[7]);
}

/* Merge the partial read by r, which is closed. */
static int
merge_partial(struct csvr *r)
{
	size_t i;
	int c, rc = 0;

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

int
read_partial(const char *path)
{
	struct csvr *r;

	r = strcmp(path, "-") == 0 ? csvr_open(stdin, "(stdin)",
	    CSVR_UNESCAPE) : csvr_openpath(path, CSVR_UNESCAPE);
	if (r == NULL) {
		warnx("%s", st_error());
		return -1;
	}
	return merge_partial(r);
}

int
read_partial_stream(FILE *fp, const char *name)
{
	struct csvr *r;

	if ((r = csvr_open(fp, name, CSVR_UNESCAPE | CSVR_WHOLE)) == NULL) {
		warnx("%s", st_error());
		return -1;
	}
	return merge_partial(r);
}
