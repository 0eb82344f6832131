/* ladder: the trial log, and the pacing rules over it. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "csvio.h"
#include "ladder.h"
#include "redact.h"
#include "store.h"
#include "when.h"

const char *const tcols[T_NCOLS] = {
	"ts", "id", "kind", "ladder", "step_id", "step", "pre", "peak",
	"post", "minutes", "expect", "expect_pct", "outcome_pct",
	"expect_after", "surprise", "safety", "learned", "present",
	"stopped", "suggested", "note"
};

void
hists_free(struct hist *h, size_t n)
{
	size_t i;

	for (i = 0; i <= n; i++)
		free(h[i].t);
	free(h);
}

/* "yes", "1" or "true", as report reads the stopped column too. */
static int
is_yes(const char *s)
{
	return strcmp(s, "yes") == 0 || strcmp(s, "1") == 0 ||
	    strcmp(s, "true") == 0;
}

static double
cell_num(struct csvr *r, int col)
{
	long long v;
	const char *why;

	if (col < 0 || parse_num(csvr_field(r, (size_t)col), 0, 100, &v,
	    &why) == -1)
		return NAN;
	return (double)v;
}

/*
 * A correction is appended after later trials, but it stands for the
 * trial it corrects, whose ts it carries: move the step's newest entry
 * back among its trials by time (at, parallel to x->t).
 */
static void
settle(struct hist *x, time_t *at)
{
	struct pace_trial t;
	time_t a;
	size_t k;

	for (k = x->n - 1; k > 0 && at[k - 1] > at[k]; k--) {
		t = x->t[k];
		x->t[k] = x->t[k - 1];
		x->t[k - 1] = t;
		a = at[k];
		at[k] = at[k - 1];
		at[k - 1] = a;
	}
}

/*
 * Every step's planned trials, by index into l (file order is time
 * order: trials are appended).  Unreadable rows are reported and left
 * out; a missing log is no trials.  Also sets *ntrials.
 */
struct hist *
hists_read(const struct ladder *l, int64_t *ntrials)
{
	struct hist *h = xcalloc(l->n + 1, sizeof(*h)), *x;
	time_t **at = xcalloc(l->n + 1, sizeof(*at));
	struct amends *a;
	struct csvr *r;
	int col[T_NCOLS], c, acol;
	long long id;
	const char *why, *kind;
	size_t i;

	*ntrials = 0;
	if (amends_load(trialpath, &a) == -1)
		st_warnx("%s", st_error());
	if ((r = csvr_openpath(trialpath, CSVR_UNESCAPE)) == NULL) {
		if (errno != ENOENT)
			st_warnx("%s", st_error());
		amends_free(a);
		free(at);
		return h;
	}
	acol = csvr_col(r, AMEND_COL);
	for (i = 0; i < T_NCOLS; i++)
		col[i] = csvr_col(r, tcols[i]);
	while (col[T_STEP_ID] >= 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC) {
			st_warnx("%s", st_error());
			if (c == CSVR_ERR)
				break;
			continue;
		}
		if (amends_hidden(a, r))
			continue;
		kind = col[T_KIND] >= 0 ? csvr_field(r, (size_t)col[T_KIND]) :
		    "planned";
		if (strcmp(kind, "planned") != 0 || parse_num(csvr_field(r,
		    (size_t)col[T_STEP_ID]), 1, 999999, &id, &why) == -1)
			continue;
		for (i = 0; i < l->n && l->v[i].id != id; i++)
			;
		x = &h[i];
		x->t = xreallocarray(x->t, x->n + 1, sizeof(*x->t));
		x->t[x->n].peak = cell_num(r, col[T_PEAK]);
		x->t[x->n].stopped = col[T_STOPPED] >= 0 && is_yes(csvr_field(r,
		    (size_t)col[T_STOPPED]));
		x->t[x->n].expect_pct = cell_num(r, col[T_EXPECT_PCT]);
		x->t[x->n].outcome_pct = cell_num(r, col[T_OUTCOME_PCT]);
		at[i] = xreallocarray(at[i], x->n + 1, sizeof(**at));
		if (col[T_TS] < 0 || when_parse(csvr_field(r,
		    (size_t)col[T_TS]), &at[i][x->n], NULL) == -1)
			at[i][x->n] = 0;
		x->n++;
		if (acol >= 0 && *csvr_field(r, (size_t)acol))
			settle(x, at[i]);
		x->last = ++*ntrials;
	}
	csvr_close(r);
	amends_free(a);
	for (i = 0; i <= l->n; i++)
		free(at[i]);
	free(at);
	return h;
}

enum pace
step_pace(const struct hist *h, struct strbuf *why)
{
	struct step_trials s;

	pacing_summarise(&pace, h->t, h->n, &s);
	return why ? pacing_explain(&pace, &s, why) : pacing_step(&pace, &s);
}

enum step_state
state_of(const struct step *s)
{
	if (strcmp(s->cell[L_STATUS], "mastered") == 0)
		return STEP_MASTERED;
	if (strcmp(s->cell[L_STATUS], "retired") == 0)
		return STEP_RETIRED;
	return STEP_ACTIVE;
}

/* The suggestion for one named ladder: an index into l, or -1. */
long
suggest(const struct ladder *l, const struct hist *h, const char *name,
    enum next_kind *kind, struct strbuf *why)
{
	struct pace_step *v = xcalloc(l->n + 1, sizeof(*v));
	size_t *map = xcalloc(l->n + 1, sizeof(*map)), i, n = 0;
	long pick;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].cell[L_LADDER], name) != 0)
			continue;
		v[n].suds = l->v[i].suds;
		v[n].state = state_of(&l->v[i]);
		v[n].pace = step_pace(&h[i], NULL);
		v[n].trials = (int64_t)h[i].n;
		v[n].last = h[i].last;
		map[n++] = i;
	}
	pick = pacing_next(&pace, v, n, kind, why);
	pick = pick >= 0 ? (long)map[pick] : -1;
	free(v);
	free(map);
	return pick;
}

/* "Step 3 looks ready to move on, ..., because ...." */
void
print_pace(FILE *out, const struct step *s, const struct hist *h)
{
	struct strbuf why = { 0 };

	switch (step_pace(h, &why)) {
	case PACE_READY:
		fprintf(out, "Step %lld looks ready to move on, whenever you "
		    "choose, %s.\n", s->id, why.s);
		break;
	case PACE_SLOW:
	case PACE_SMALLER:
		fprintf(out, "Stay with step %lld for now, or add a smaller "
		    "in-between step (ladder split %lld), %s.\n", s->id, s->id,
		    why.s);
		break;
	default:
		fprintf(out, "Keep practising step %lld for now, %s.\n", s->id,
		    why.s);
		break;
	}
	sb_free(&why);
}

void
trial_free(struct trial *t)
{
	size_t i;

	for (i = 0; i < T_NCOLS; i++)
		free(t->v[i]);
}

void
tset(struct trial *t, enum tcol c, char *v)
{
	free(t->v[c]);
	t->v[c] = v;
}

void
tnum(struct trial *t, enum tcol c, long long v)
{
	tset(t, c, xasprintf("%lld", v));
}

/* The trial's step, kind and the step ladder suggested at the time. */
void
trial_init(struct trial *t, const struct ladder *l, const struct step *s,
    const char *kind, time_t ts)
{
	struct strbuf why = { 0 };
	enum next_kind nk;
	struct hist *h;
	int64_t nt;
	long k;

	memset(t, 0, sizeof(*t));
	t->ts = ts;
	tset(t, T_KIND, xstrdup(kind));
	tset(t, T_LADDER, xstrdup(s->cell[L_LADDER]));
	tnum(t, T_STEP_ID, s->id);
	tset(t, T_STEP, xstrdup(s->cell[L_STEP]));
	tset(t, T_STOPPED, xstrdup("no"));
	if (strcmp(kind, "trigger") == 0)
		return;
	h = hists_read(l, &nt);
	k = suggest(l, h, s->cell[L_LADDER], &nk, &why);
	if (k >= 0 && l->v[k].id != s->id && nk != NEXT_GAP)
		tnum(t, T_SUGGESTED, l->v[k].id);
	hists_free(h, l->n);
	sb_free(&why);
}

/* A trial id: t + the time in ISO basic form, -2, -3... if taken. */
static char *
new_id(struct csvr *r, time_t ts)
{
	char base[24];
	struct tm tm;
	int col = r != NULL ? csvr_col(r, "id") : -1, c;
	long long k = 1, n;
	const char *f, *why;
	size_t len;

	localtime_r(&ts, &tm);
	strftime(base, sizeof(base), "t%Y%m%dT%H%M%S", &tm);
	len = strlen(base);
	while (col >= 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC)
			continue;
		f = csvr_field(r, (size_t)col);
		if (strncmp(f, base, len) != 0)
			continue;
		if (f[len] == '\0' && k < 2)
			k = 2;
		else if (f[len] == '-' && parse_num(f + len + 1, 2, 999999, &n,
		    &why) == 0 && n >= k)
			k = n + 1;
	}
	return k > 1 ? xasprintf("%s-%lld", base, k) : xstrdup(base);
}

char *
trial_next_id(time_t ts)
{
	struct csvr *r = csvr_openpath(trialpath, 0);
	char *id = new_id(r, ts);

	csvr_close(r);
	return id;
}

/* The record in the order of cols, as one escaped line. */
static void
format_trial(struct strbuf *sb, const struct trial *t,
    const char *const *cols, size_t n, char sep)
{
	const char **f = xcalloc(n, sizeof(*f));
	char ts[WHEN_BUFSZ];
	size_t i, j;

	when_format(t->ts, ts);
	for (i = 0; i < n; i++)
		for (j = 0; j < T_NCOLS; j++)
			if (strcmp(cols[i], tcols[j]) == 0)
				f[i] = j == T_TS ? ts : t->v[j];
	csvw_record(sb, f, n, sep, CSVW_ESCAPE);
	free(f);
}

/*
 * One round under the lock: append, giving the trial its id (0), or
 * give an older log the columns it lacks (1: then append next round,
 * on the new file).  -1 with st_error().
 */
static int
append_round(const char *path, struct trial *t)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char **cols, *miss[T_NCOLS];
	struct csvr *r;
	size_t n, ncols, nmiss = 0;
	char sep;
	int fd, rc = -1;

	if ((fd = store_lock(path)) == -1)
		return -1;
	if ((r = csvr_openpath(path, 0)) == NULL) {
		store_unlock(fd);
		return -1;
	}
	n = csvr_ncols(r);
	cols = csvr_record_cols(r, tcols, T_NCOLS, &ncols, &sep, &hdr);
	if (n > 0 && (csvr_col(r, "ts") < 0 || csvr_col(r, "step") < 0))
		st_seterr("%s:1: this is not a trial log (it has no ts and "
		    "step columns)", path);
	else if (n > 0 &&
	    (nmiss = csvr_missing(r, tcols, T_NCOLS, miss)) > 0)
		rc = store_add_columns(r, path, miss, nmiss) == 0 ? 1 : -1;
	else {
		tset(t, T_ID, new_id(r, t->ts));
		format_trial(&sb, t, cols, ncols, sep);
		rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	}
	csvr_close(r);
	store_unlock(fd);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

/* Append under the lock, adding missing columns first.  -1, st_error. */
static int
append_trial(const char *path, struct trial *t)
{
	int rc = 1, tries;

	for (tries = 0; rc == 1 && tries < 3; tries++)
		rc = append_round(path, t);
	if (rc == 1) {
		st_seterr("%s: the trial log kept changing while ladder wrote "
		    "to it", path);
		rc = -1;
	}
	return rc;
}

/* The id a trial's time gives, where no log is there to add -2 or -3. */
static void
time_id(struct trial *t)
{
	struct tm tm;
	char id[24];

	localtime_r(&t->ts, &tm);
	strftime(id, sizeof(id), "t%Y%m%dT%H%M%S", &tm);
	tset(t, T_ID, xstrdup(id));
}

/* The trial with a header line of its own, as -o - writes it. */
static void
trial_csv(struct strbuf *sb, struct trial *t)
{
	csvw_record(sb, tcols, T_NCOLS, ',', 0);
	format_trial(sb, t, tcols, T_NCOLS, ',');
}

/* Save to the log, to -o FILE, or (-o -) to standard output. */
int
save_trial(struct trial *t, const char *output)
{
	struct strbuf sb = { 0 };

	if (output == NULL || strcmp(output, "-") != 0) {
		if (output == NULL && store_mkdirs(datadir) == -1)
			return -1;
		return append_trial(output ? output : trialpath, t);
	}
	int rc;

	time_id(t);
	trial_csv(&sb, t);
	rc = redact_put(redact, &sb, stdout);
	sb_free(&sb);
	return rc;
}

void
keep_trial(struct trial *t, const char *output)
{
	struct strbuf sb = { 0 };

	if (t->v[T_ID] == NULL)
		time_id(t);
	trial_csv(&sb, t);
	store_keep_told(output ? output : trialpath, sb.s, sb.len,
	    "what you entered");
	sb_free(&sb);
}

/* --at: a timestamp, or HH:MM meaning today; never in the future. */
time_t
trial_time(const char *at)
{
	char buf[64], date[11];
	time_t now, t;

	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (at == NULL)
		return now;
	if (strlen(at) == 5 && at[2] == ':') {
		when_date(now, date);
		snprintf(buf, sizeof(buf), "%sT%s", date, at);
		at = buf;
	}
	if (when_parse(at, &t, NULL) == -1)
		st_errx(EXIT_USAGE, "--at: %s", st_error());
	if (t > now + 60)
		st_errx(EXIT_USAGE, "--at %s: that is in the future", at);
	return t;
}

/* After saving: the choice noted, and what the pacing rules say now. */
void
after_save(FILE *out, const struct trial *t, const char *output)
{
	struct ladder l;
	struct hist *h;
	struct step *s;
	int64_t nt;
	size_t k;

	if (t->v[T_SUGGESTED] != NULL)
		fprintf(out, "Ladder had suggested step %s; you chose step %s, "
		    "and that choice is noted.\n", t->v[T_SUGGESTED],
		    t->v[T_STEP_ID]);
	if (output != NULL || strcmp(t->v[T_KIND], "planned") != 0)
		return;
	if (ladder_read(&l) == -1) {
		st_warnx("%s", st_error());
		return;
	}
	h = hists_read(&l, &nt);
	s = find_step(&l, t->v[T_STEP_ID]);
	k = (size_t)(s - l.v);
	print_pace(out, s, &h[k]);
	hists_free(h, l.n);
	ladder_free(&l);
}

/* ladder log and ladder trigger: a trial given as options. */
int
cmd_log(struct opts *o, int argc, char **argv, const char *kind)
{
	struct ladder l;
	struct trial t;
	struct step *s;
	FILE *out;
	size_t i;

	if (argc != 1)
		usage();
	if (strcmp(kind, "planned") == 0 && o->cell[T_PEAK] == NULL &&
	    o->cell[T_STOPPED] == NULL)
		st_errx(EXIT_USAGE, "log needs at least --peak N (or --stopped)");
	if (ladder_read(&l) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	s = find_step(&l, argv[0]);
	trial_init(&t, &l, s, kind, trial_time(o->at));
	for (i = 0; i < T_NCOLS; i++)
		if (o->cell[i] != NULL)
			tset(&t, (enum tcol)i, xstrdup(o->cell[i]));
	ladder_free(&l);
	if (save_trial(&t, o->output) == -1)
		st_errx(EXIT_ERR, "%s; nothing was saved", st_error());
	out = o->output && strcmp(o->output, "-") == 0 ? stderr : stdout;
	/* Saved means written: main reports a failed standard output. */
	if (out == stderr && fflush(stdout) == EOF) {
		trial_free(&t);
		return EXIT_ERR;
	}
	if (strcmp(kind, "trigger") == 0)
		fprintf(out, "Saved %s: a real-life encounter with step %s, "
		    "\"%s\", kept apart from planned practice.\n", t.v[T_ID],
		    t.v[T_STEP_ID], t.v[T_STEP]);
	else
		fprintf(out, "Saved trial %s for step %s, \"%s\".\n",
		    t.v[T_ID], t.v[T_STEP_ID], t.v[T_STEP]);
	after_save(out, &t, o->output);
	trial_free(&t);
	return EXIT_OK;
}
