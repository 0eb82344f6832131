/* reflect: writing entries to the log or standard output; trials. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "csvio.h"
#include "match.h"
#include "redact.h"
#include "prompt.h"
#include "safety.h"
#include "store.h"
#include "traps.h"
#include "util.h"
#include "when.h"
#include "reflect.h"

/* ---- saving ---- */

/* Does an entry of kind k have column c? */
static int
kind_has(enum kind k, enum col c)
{
	return c == C_TS || c == C_KIND || c == C_ID || step_of(k, c) ||
	    extra_cols[k][0] == c || extra_cols[k][1] == c;
}

/* The record in the order of cols (names), as one escaped line. */
static void
format_record(struct strbuf *sb, const char *const *cols, size_t ncols,
    char sep, const struct rec *r)
{
	const char **f;
	size_t i, c;

	f = xcalloc(ncols, sizeof(*f));
	for (i = 0; i < ncols; i++)
		for (c = 0; c < NCOLS; c++)
			if (strcmp(cols[i], colname[c]) == 0)
				f[i] = r->f[c];
	csvw_record(sb, f, ncols, sep, CSVW_ESCAPE);
	free(f);
}

/* Fill in ts, kind and an id: "r" and the compact time, -2.. if taken. */
static void
stamp(struct rec *r, unsigned taken)
{
	char ts[WHEN_BUFSZ], id[32];
	size_t i, j = 0;

	when_format(r->ts, ts);
	rec_set(r, C_TS, ts);
	rec_set(r, C_KIND, kindname[r->kind]);
	id[j++] = 'r';
	for (i = 0; i < 19; i++)
		if (ts[i] != '-' && ts[i] != ':')
			id[j++] = ts[i];
	id[j] = '\0';
	if (taken > 0)
		snprintf(id + j, sizeof(id) - j, "-%u", taken + 1);
	rec_set(r, C_ID, id);
}

/* What reading the log under its lock found. */
struct scan {
	const char **miss;	/* columns the log lacks */
	size_t nmiss;
	unsigned taken;		/* ids already starting with ours */
	struct strbuf body;	/* the rewritten log, when columns lack */
};

/* Ids of the form BASE or BASE-N in the log: how many. */
static void
count_ids(struct csvr *cr, const char *base, struct scan *sc)
{
	int idc = csvr_col(cr, "id");
	size_t n = strlen(base);
	const char *id;

	if (idc < 0)
		return;
	id = cell(cr, idc);
	if (strncmp(id, base, n) == 0 && (id[n] == '\0' || id[n] == '-'))
		sc->taken++;
}

/*
 * Read the locked log: which columns it lacks, how many ids clash with
 * this second's, and, when columns lack, the whole log with empty cells
 * added (refused, naming the line, if a row cannot be read).
 */
static int
read_log(struct csvr *cr, const char *base, struct scan *sc)
{
	char sep = csvr_sep(cr);
	size_t i, n = csvr_ncols(cr);
	const char **hdr;
	int c;

	sc->nmiss = csvr_missing(cr, colname, NCOLS, sc->miss);
	if (sc->nmiss > 0) {
		hdr = xcalloc(n + sc->nmiss, sizeof(*hdr));
		for (i = 0; i < n; i++)
			hdr[i] = csvr_colname(cr, i);
		for (i = 0; i < sc->nmiss; i++)
			hdr[n + i] = sc->miss[i];
		csvw_record(&sc->body, hdr, n + sc->nmiss, sep, 0);
		free(hdr);
	}
	while ((c = csvr_next(cr)) != CSVR_EOF) {
		if (c == CSVR_REC) {
			count_ids(cr, base, sc);
		} else if (sc->nmiss > 0 || c == CSVR_ERR) {
			return -1;	/* st_error() names the line */
		}
		if (c == CSVR_REC && sc->nmiss > 0) {
			sb_puts(&sc->body, csvr_raw(cr));
			for (i = 0; i < sc->nmiss; i++)
				sb_putc(&sc->body, sep);
			sb_putc(&sc->body, '\n');
		}
	}
	return 0;
}

/* Append r to the locked log whose header cr has read. */
static int
append_rec(int fd, struct csvr *cr, const char *path, struct rec *r,
    unsigned taken)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char **cols;
	size_t n;
	char sep;
	int rc;

	stamp(r, taken);
	cols = csvr_record_cols(cr, colname, NCOLS, &n, &sep, &hdr);
	format_record(&sb, cols, n, sep, r);
	rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

/* One locked round: append, or give the log its missing columns (1). */
static int
save_round(const char *path, struct rec *r, const char **miss)
{
	struct scan sc = { miss, 0, 0, { 0 } };
	struct csvr *cr;
	char base[32], *why;
	int fd, rc = -1;

	stamp(r, 0);
	snprintf(base, sizeof(base), "%s", r->f[C_ID]);
	if ((fd = store_lock(path)) == -1)
		return -1;
	if ((cr = csvr_openpath(path, 0)) == NULL) {
		store_unlock(fd);
		return -1;
	}
	if (csvr_ncols(cr) > 0 && (csvr_col(cr, "ts") < 0 ||
	    csvr_col(cr, "kind") < 0)) {
		st_seterr("%s:1: this is not a reflection log (it has no ts "
		    "and kind columns)", path);
	} else if (csvr_ncols(cr) > 0 && read_log(cr, base, &sc) == -1) {
		if (sc.nmiss > 0) {
			why = xstrdup(st_error());
			st_seterr("%s; the log needs new columns, so this "
			    "line has to be put right first", why);
			free(why);
		}
	} else if (sc.nmiss > 0) {
		rc = store_rewrite(path, sc.body.s, sc.body.len) == 0 ? 1 : -1;
	} else {
		rc = append_rec(fd, cr, path, r, sc.taken);
	}
	sb_free(&sc.body);
	csvr_close(cr);
	store_unlock(fd);
	return rc;
}

/* Append r to the log at path, adding missing columns first. */
int
save_log(const char *path, struct rec *r)
{
	const char *miss[NCOLS];
	int rc = 1, tries;

	for (tries = 0; rc == 1 && tries < 3; tries++)
		rc = save_round(path, r, miss);
	if (rc == 1) {
		st_seterr("%s: the log kept changing while reflect wrote to "
		    "it", path);
		rc = -1;
	}
	return rc;
}

/* The entry with a header of its own kind's columns, into sb. */
static void
own_csv(struct strbuf *sb, struct rec *r)
{
	const char *cols[NCOLS];
	size_t c, n = 0;

	stamp(r, 0);
	for (c = 0; c < NCOLS; c++)
		if (kind_has(r->kind, (enum col)c))
			cols[n++] = colname[c];
	csvw_record(sb, cols, n, ',', 0);
	format_record(sb, cols, n, ',', r);
}

/* The entry with a header of its own kind's columns, on stdout. */
int
save_stdout(struct rec *r)
{
	struct strbuf sb = { 0 };
	int rc;

	own_csv(&sb, r);
	rc = redact_put(redact, &sb, stdout);
	sb_free(&sb);
	return rc;
}

void
keep_words(const char *path, struct rec *r)
{
	struct strbuf sb = { 0 };

	own_csv(&sb, r);
	store_keep_told(path, sb.s, sb.len, "what you wrote");
	sb_free(&sb);
}

/* Does anything the person wrote read as acute risk? */
int
needs_plan(const struct rec *r)
{
	struct matchset *m;
	const struct step *s;
	int hit = 0, conferr;

	m = safety_patterns(confdir, &conferr);
	if (conferr)
		st_warnx("%s; using the built-in patterns", st_error());
	for (s = steps[r->kind]; !hit && s->col != NCOLS; s++)
		if (s->ask == TEXT && filled(r, s->col))
			hit = match_any(m, r->f[s->col]);
	match_free(m);
	return hit;
}

/*
 * The save failed on a terminal: the person's words would be lost, so
 * offer (never force) to show them for copying elsewhere.
 */
void
offer_words(struct prompt *p, const struct rec *r)
{
	const struct step *s;
	int yes;

	if (prompt_yesno(p, "Would you like to see what you wrote, so you "
	    "can keep it somewhere else? [y/N] ", 0, &yes) != PROMPT_OK ||
	    !yes)
		return;
	for (s = steps[r->kind]; s->col != NCOLS; s++)
		if (filled(r, s->col))
			fprintf(prompt_out(p), "%s: %s\n", colname[s->col],
			    r->f[s->col]);
}

/* ---- the exposure trial an entry looks back on ---- */

/* Columns of trials.csv shown to the person, with their wording. */
static const char *const trial_show[][2] = {
	{ "pre", "distress before" }, { "peak", "at its peak" },
	{ "post", "after" }, { "minutes", "minutes" },
	{ "expect_pct", "how likely the feared outcome seemed (%)" },
	{ "outcome_pct", "how far it came true (%)" },
};

/*
 * Find the trial with id (or, when id is NULL, the last one) in
 * trials.csv; copy its id and step into r and, when out is not NULL,
 * describe it there.  Returns 1 found, 0 not, -1 when it cannot be read.
 */
static int
find_trial(const char *path, const char *id, struct rec *r, FILE *out)
{
	struct amends *a;
	struct csvr *cr;
	int c, idc, stepc, tsc, found = 0;
	size_t i;

	if (amends_load(path, &a) == -1)
		return -1;
	if ((cr = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		amends_free(a);
		return errno == ENOENT ? 0 : -1;
	}
	idc = csvr_col(cr, "id");
	stepc = csvr_col(cr, "step");
	tsc = csvr_col(cr, "ts");
	while (idc >= 0 && (found == 0 || id == NULL) &&
	    (c = csvr_next(cr)) != CSVR_EOF) {
		if (c != CSVR_REC || *cell(cr, idc) == '\0' ||
		    (id != NULL && strcmp(cell(cr, idc), id) != 0) ||
		    amends_hidden(a, cr))
			continue;
		found = 1;
		rec_set(r, C_TRIAL, cell(cr, idc));
		rec_set(r, C_STEP, cell(cr, stepc));
		if (out == NULL)
			continue;
		fprintf(out, "The trial on %.10s: %s\n", cell(cr, tsc),
		    cell(cr, stepc));
		for (i = 0; i < sizeof(trial_show) / sizeof(trial_show[0]); i++)
			if (*cell(cr, csvr_col(cr, trial_show[i][0])))
				fprintf(out, "  %s: %s\n", trial_show[i][1],
				    cell(cr, csvr_col(cr, trial_show[i][0])));
		if (*cell(cr, csvr_col(cr, "expect")))
			fprintf(out, "  what you feared: %s\n",
			    cell(cr, csvr_col(cr, "expect")));
		fputc('\n', out);
	}
	csvr_close(cr);
	amends_free(a);
	return found;
}

/* Link an exposure entry to its trial: --trial ID, else offer the last. */
void
link_trial(struct rec *r, const char *id, struct prompt *p)
{
	char *path = store_path(datadir, "trials.csv");
	struct rec last = { 0 };
	int rc, yes;

	if (id != NULL) {
		rc = find_trial(path, id, r, p ? prompt_out(p) : NULL);
		if (rc == -1)
			st_errx(EXIT_ERR, "%s", st_error());
		if (rc == 0)
			st_errx(EXIT_ERR, "no trial with id %s in %s", id, path);
	} else if (p != NULL && find_trial(path, NULL, &last, NULL) == 1) {
		find_trial(path, last.f[C_TRIAL], &last, prompt_out(p));
		rc = prompt_yesno(p, "Is this the trial you are looking back "
		    "on? [Y/n] ", 1, &yes);
		if (rc != PROMPT_OK) {
			fputs("\nStopped. Nothing was saved.\n", prompt_out(p));
			prompt_close(p);
			exit(rc == PROMPT_INTR ? EXIT_INTR : EXIT_ERR);
		}
		if (yes) {
			rec_set(r, C_TRIAL, last.f[C_TRIAL]);
			rec_set(r, C_STEP, last.f[C_STEP]);
		}
		fputc('\n', prompt_out(p));
	}
	rec_free(&last);
	free(path);
}
