/* ladder: the hierarchy of steps, and the SUDS anchors. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "ladder.h"
#include "store.h"
#include "when.h"

const char *const lcols[L_NCOLS] = {
	"id", "ladder", "step", "suds", "first_suds", "status", "created",
	"ratings"
};

static void
step_free(struct step *s)
{
	size_t i;

	for (i = 0; i < L_NCOLS; i++)
		free(s->cell[i]);
}

void
ladder_free(struct ladder *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		step_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* One row of ladder.csv into a step; -1 (st_error set) when unusable. */
static int
take_step(struct csvr *r, const int *col, struct step *s)
{
	const char *why, *f;
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < L_NCOLS; i++) {
		f = col[i] >= 0 ? csvr_field(r, (size_t)col[i]) : NULL;
		s->cell[i] = xstrdup(f ? f : "");
	}
	if (parse_num(s->cell[L_ID], 1, 999999, &s->id, &why) == -1 ||
	    parse_num(s->cell[L_SUDS], 0, 100, &s->suds, &why) == -1) {
		st_seterr("%s:%lu: a step needs an id from 1 and a suds from "
		    "0 to 100", csvr_name(r), csvr_line(r));
		step_free(s);
		return -1;
	}
	if (*s->cell[L_LADDER] == '\0') {
		free(s->cell[L_LADDER]);
		s->cell[L_LADDER] = xstrdup(DEFAULT_LADDER);
	}
	if (*s->cell[L_STATUS] == '\0') {
		free(s->cell[L_STATUS]);
		s->cell[L_STATUS] = xstrdup("active");
	}
	if (*s->cell[L_FIRST] == '\0') {
		free(s->cell[L_FIRST]);
		s->cell[L_FIRST] = xstrdup(s->cell[L_SUDS]);
	}
	return 0;
}

/*
 * Read ladder.csv (no file: no steps).  Any row that cannot be read
 * stops the reading: a rewrite after it could lose that row.
 */
int
ladder_read(struct ladder *l)
{
	struct csvr *r;
	struct step s;
	int col[L_NCOLS], c, rc = 0;
	size_t i;

	memset(l, 0, sizeof(*l));
	if ((r = csvr_openpath(ladderpath, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	for (i = 0; i < L_NCOLS; i++)
		col[i] = csvr_col(r, lcols[i]);
	if (csvr_ncols(r) > 0 && (col[L_ID] < 0 || col[L_STEP] < 0 ||
	    col[L_SUDS] < 0)) {
		st_seterr("%s:1: a ladder file needs the columns id, step and "
		    "suds", ladderpath);
		rc = -1;
	}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC || take_step(r, col, &s) == -1) {
			rc = -1;
			break;
		}
		l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
		l->v[l->n++] = s;
		if (s.id > l->maxid)
			l->maxid = s.id;
	}
	csvr_close(r);
	return rc;
}

static int
ladder_write(const struct ladder *l)
{
	struct strbuf sb = { 0 };
	size_t i;
	int rc;

	csvw_record(&sb, lcols, L_NCOLS, ',', 0);
	for (i = 0; i < l->n; i++)
		csvw_record(&sb, (const char *const *)l->v[i].cell, L_NCOLS,
		    ',', CSVW_ESCAPE);
	if ((rc = store_mkdirs(datadir)) == 0)
		rc = store_rewrite(ladderpath, sb.s, sb.len);
	sb_free(&sb);
	return rc;
}

/* Lock and read the hierarchy for a change; exits on failure. */
int
ladder_open(struct ladder *l)
{
	int fd;

	if (store_mkdirs(datadir) == -1 || (fd = store_lock(ladderpath)) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (ladder_read(l) == -1) {
		store_unlock(fd);
		st_errx(EXIT_ERR, "%s", st_error());
	}
	return fd;
}

/* Write the changed hierarchy and release the lock; exits on failure. */
void
ladder_close(struct ladder *l, int fd)
{
	int rc = ladder_write(l);

	store_unlock(fd);
	if (rc == -1)
		st_errx(EXIT_ERR, "%s; nothing was changed", st_error());
}

struct step *
find_step(struct ladder *l, const char *arg)
{
	long long id;
	const char *why;
	size_t i;

	if (parse_num(arg, 1, 999999, &id, &why) == -1)
		st_errx(EXIT_USAGE, "%s: a step id is a whole number, as ladder "
		    "list shows", arg);
	for (i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	st_errx(EXIT_ERR, "there is no step %lld; ladder list shows the steps",
	    id);
}

void
set_cell(struct step *s, enum lcol c, char *v)
{
	free(s->cell[c]);
	s->cell[c] = v;
}

static void
today(char date[11])
{
	time_t now;

	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	when_date(now, date);
}

/* A new rating: the latest, and one more entry in its history. */
static void
rate_step(struct step *s, long long suds)
{
	char date[11];

	today(date);
	s->suds = suds;
	set_cell(s, L_SUDS, xasprintf("%lld", suds));
	set_cell(s, L_RATINGS, *s->cell[L_RATINGS] ? xasprintf("%s;%s:%lld",
	    s->cell[L_RATINGS], date, suds) : xasprintf("%s:%lld", date,
	    suds));
}

static struct step *
add_step(struct ladder *l, const char *name, const char *text,
    long long suds)
{
	struct step *s;
	char date[11];

	if (*text == '\0' || strchr(text, '\n') != NULL)
		st_errx(EXIT_USAGE, "a step is one line of text");
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	s = &l->v[l->n++];
	memset(s, 0, sizeof(*s));
	today(date);
	s->id = ++l->maxid;
	s->cell[L_ID] = xasprintf("%lld", s->id);
	s->cell[L_LADDER] = xstrdup(name);
	s->cell[L_STEP] = xstrdup(text);
	s->cell[L_FIRST] = xasprintf("%lld", suds);
	s->cell[L_STATUS] = xstrdup("active");
	s->cell[L_CREATED] = xstrdup(date);
	s->cell[L_SUDS] = xstrdup("");
	s->cell[L_RATINGS] = xstrdup("");
	rate_step(s, suds);
	return s;
}

static const long long anchor_at[5] = { 0, 25, 50, 75, 100 };

/* The person's anchors, a[i] for anchor_at[i] ("" when not written). */
static int
anchors_read(char *a[5])
{
	struct csvr *r;
	char *path = store_path(confdir, ANCHORS);
	int c, sc, mc, i, rc = 0;
	long long v;
	const char *why;

	for (i = 0; i < 5; i++)
		a[i] = xstrdup("");
	r = csvr_openpath(path, CSVR_UNESCAPE);
	if (r == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		free(path);
		return rc;
	}
	free(path);
	sc = csvr_col(r, "suds");
	mc = csvr_col(r, "meaning");
	while (sc >= 0 && mc >= 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC) {
			rc = -1;
			break;
		}
		if (parse_num(csvr_field(r, (size_t)sc), 0, 100, &v, &why))
			continue;
		for (i = 0; i < 5; i++)
			if (anchor_at[i] == v) {
				free(a[i]);
				a[i] = xstrdup(csvr_field(r, (size_t)mc));
			}
	}
	csvr_close(r);
	return rc;
}

static void
anchors_free(char *a[5])
{
	int i;

	for (i = 0; i < 5; i++)
		free(a[i]);
}

/* Print the anchors; 0 when there are none to show. */
static int
anchors_show(FILE *out)
{
	char *a[5];
	int i, any = 0;

	if (anchors_read(a) == -1)
		st_warnx("%s", st_error());
	for (i = 0; i < 5; i++)
		if (*a[i]) {
			if (!any++)
				fputs("Your SUDS anchors:\n", out);
			fprintf(out, "  %3lld  %s\n", anchor_at[i], a[i]);
		}
	anchors_free(a);
	return any;
}

int
cmd_anchors(int argc, char **argv)
{
	struct strbuf sb = { 0 };
	char *a[5], *eq, *path;
	long long v;
	int i, j, rc;

	if (anchors_read(a) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (argc == 0) {
		if (!anchors_show(stdout))
			puts("No SUDS anchors yet.  Write what 0, 25, 50, 75 "
			    "and 100 mean for you, e.g.\n  ladder anchors "
			    "0='on the sofa with the dog' 100='the night I "
			    "found out'");
		anchors_free(a);
		return EXIT_OK;
	}
	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL)
			st_errx(EXIT_USAGE, "%s: give an anchor as SUDS=TEXT, "
			    "e.g. 50='a hard talk'", argv[i]);
		*eq = '\0';
		v = num_arg("anchor", argv[i], 0, 100);
		for (j = 0; j < 5 && anchor_at[j] != v; j++)
			;
		if (j == 5)
			st_errx(EXIT_USAGE, "anchor %lld: anchors are 0, 25, 50, "
			    "75 and 100", v);
		free(a[j]);
		a[j] = xstrdup(eq + 1);
	}
	sb_puts(&sb, "suds,meaning\n");
	for (i = 0; i < 5; i++)
		if (*a[i]) {
			sb_printf(&sb, "%lld,", anchor_at[i]);
			csvw_field(&sb, a[i], ',', CSVW_ESCAPE);
			sb_putc(&sb, '\n');
		}
	path = store_path(confdir, ANCHORS);
	rc = store_mkdirs(confdir) == 0 ? store_rewrite(path, sb.s, sb.len) :
	    -1;
	free(path);
	sb_free(&sb);
	anchors_free(a);
	if (rc == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	anchors_show(stdout);
	return EXIT_OK;
}

/* Ask for a SUDS rating, the anchors shown first. */
int
ask_suds(struct prompt *p, const char *question, long long *v)
{
	FILE *out = prompt_out(p);

	if (!anchors_show(out))
		fputs("SUDS: 0 is fully calm, 100 the most distress you can "
		    "imagine.\n", out);
	return prompt_rating(p, question, 0, 100, v);
}

static struct prompt *
open_prompt(const char *instead)
{
	struct prompt *p;

	if (!isatty(STDIN_FILENO) || (p = prompt_open()) == NULL)
		st_errx(EXIT_USAGE, "there is no terminal to ask on; %s", instead);
	prompt_set_help(p, show_plan, NULL);
	return p;
}

/* End a prompt that did not give an answer: nothing was changed. */
void
prompt_ended(struct prompt *p, int rc)
{
	if (rc == PROMPT_ERR)
		st_warnx("%s", st_error());
	fputs(rc == PROMPT_INTR || prompt_interrupted(p) ?
	    "\nStopped. Nothing was changed.\n" : "\nNothing was changed.\n",
	    prompt_out(p));
	prompt_close(p);
	exit(rc == PROMPT_INTR || prompt_interrupted(p) ? EXIT_INTR :
	    rc == PROMPT_SKIP ? EXIT_OK : EXIT_ERR);
}

/* --suds, or a rating asked on the terminal. */
static long long
suds_or_ask(const struct opts *o, const char *question, const char *instead)
{
	struct prompt *p;
	long long v;
	int rc;

	if (o->suds != NULL)
		return num_arg("--suds", o->suds, 0, 100);
	p = open_prompt(instead);
	if ((rc = ask_suds(p, question, &v)) != PROMPT_OK)
		prompt_ended(p, rc);
	prompt_close(p);
	return v;
}

static const char *
status_words(const struct step *s, const struct hist *h)
{
	switch (state_of(s)) {
	case STEP_MASTERED: return "mastered";
	case STEP_RETIRED: return "set aside";
	default: break;
	}
	if (h->n == 0)
		return "not started";
	return step_pace(h, NULL) == PACE_READY ? "ready to move on" :
	    "in progress";
}

static int
by_suds(const void *a, const void *b)
{
	const struct step *x = *(const struct step *const *)a;
	const struct step *y = *(const struct step *const *)b;

	if (x->suds != y->suds)
		return x->suds < y->suds ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* "70, then 60, then 55" from "2026-11-01:70;2026-11-09:60;...". */
static void
ratings_words(struct strbuf *sb, const char *ratings)
{
	char *list = xstrdup(ratings), *p = list, *e, *colon;
	int k = 0;

	while ((e = strsep(&p, ";")) != NULL)
		if ((colon = strrchr(e, ':')) != NULL)
			sb_printf(sb, "%s%s", k++ ? ", then " : "", colon + 1);
	free(list);
}

static void
list_one(const struct ladder *l, const struct hist *h, const char *name)
{
	const struct step **v = xcalloc(l->n + 1, sizeof(*v));
	struct strbuf sb = { 0 };
	size_t i, n = 0, k;
	char peak[8];

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].cell[L_LADDER], name) == 0)
			v[n++] = &l->v[i];
	qsort(v, n, sizeof(*v), by_suds);
	printf("Ladder \"%s\"\n", name);
	printf("%4s  %4s  %-16s  %5s  %4s  %s\n", "id", "suds", "status",
	    "tries", "peak", "step");
	for (i = 0; i < n; i++) {
		k = (size_t)(v[i] - l->v);
		snprintf(peak, sizeof(peak), "%s", "-");
		if (h[k].n > 0 && !isnan(h[k].t[h[k].n - 1].peak))
			snprintf(peak, sizeof(peak), "%.0f",
			    h[k].t[h[k].n - 1].peak);
		sb_reset(&sb);
		if (strchr(v[i]->cell[L_RATINGS], ';') != NULL) {
			sb_puts(&sb, " (rated ");
			ratings_words(&sb, v[i]->cell[L_RATINGS]);
			sb_puts(&sb, ")");
		}
		printf("%4lld  %4lld  %-16s  %5zu  %4s  ", v[i]->id,
		    v[i]->suds, status_words(v[i], &h[k]), h[k].n, peak);
		/* The step's words may come from a hand-edited file. */
		fputs_shown(v[i]->cell[L_STEP], stdout);
		printf("%s\n", sb.s ? sb.s : "");
	}
	sb_free(&sb);
	free(v);
}

/* Each ladder's name once, in order of first appearance. */
static size_t
ladder_names(const struct ladder *l, const char **names)
{
	size_t i, j, n = 0;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < n && strcmp(names[j], l->v[i].cell[L_LADDER]);
		    j++)
			;
		if (j == n)
			names[n++] = l->v[i].cell[L_LADDER];
	}
	return n;
}

static void
next_one(const struct ladder *l, const struct hist *h, const char *name)
{
	struct strbuf why = { 0 };
	enum next_kind kind;
	const struct step *s;
	long k = suggest(l, h, name, &kind, &why);

	printf("Ladder \"%s\": ", name);
	if (k < 0) {
		printf("nothing to suggest, %s.  Add a step whenever you "
		    "like: ladder add -l %s \"a step\" --suds N\n", why.s,
		    name);
		sb_free(&why);
		return;
	}
	s = &l->v[k];
	switch (kind) {
	case NEXT_GAP:
		printf("the next step up is step %lld, \"%s\" (SUDS %lld), "
		    "and it may be a big jump, %s.  An in-between step may "
		    "help: ladder split %lld\n", s->id, s->cell[L_STEP],
		    s->suds, why.s, s->id);
		break;
	case NEXT_CONTINUE:
	case NEXT_STAY:
		printf("step %lld, \"%s\" (SUDS %lld), %s.\n", s->id,
		    s->cell[L_STEP], s->suds, why.s);
		print_pace(stdout, s, &h[k]);
		break;
	default:
		printf("step %lld, \"%s\" (SUDS %lld), %s.\n", s->id,
		    s->cell[L_STEP], s->suds, why.s);
		break;
	}
	printf("You can always choose another step: ladder start ID.\n");
	sb_free(&why);
}

int
cmd_list(const struct opts *o, int next)
{
	struct ladder l;
	struct hist *h;
	const char **names;
	size_t i, n;
	int64_t nt;
	void (*fn)(const struct ladder *, const struct hist *, const char *);

	if (ladder_read(&l) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (l.n == 0) {
		puts("No steps yet.  Add one with: ladder add \"a step\" "
		    "--suds 40");
		ladder_free(&l);
		return EXIT_OK;
	}
	h = hists_read(&l, &nt);
	names = xcalloc(l.n, sizeof(*names));
	n = o->ladder ? 1 : ladder_names(&l, names);
	if (o->ladder)
		names[0] = o->ladder;
	fn = next ? next_one : list_one;
	for (i = 0; i < n; i++) {
		if (i > 0)
			putchar('\n');
		fn(&l, h, names[i]);
	}
	free(names);
	hists_free(h, l.n);
	ladder_free(&l);
	return EXIT_OK;
}

int
cmd_add(const struct opts *o, int argc, char **argv)
{
	struct ladder l;
	struct step *s;
	long long suds;
	int fd;

	if (argc != 1)
		usage();
	suds = suds_or_ask(o, "Expected distress for this step, 0-100: ",
	    "give it with --suds N");
	fd = ladder_open(&l);
	s = add_step(&l, o->ladder ? o->ladder : DEFAULT_LADDER, argv[0],
	    suds);
	printf("Added step %lld, \"%s\" (SUDS %lld), to ladder \"%s\".\n",
	    s->id, s->cell[L_STEP], suds, s->cell[L_LADDER]);
	ladder_close(&l, fd);
	ladder_free(&l);
	return EXIT_OK;
}

int
cmd_rate(const struct opts *o, int argc, char **argv)
{
	struct ladder l;
	struct step *s;
	struct prompt *p;
	long long suds, was;
	char *q;
	int fd, rc;

	if (argc < 1 || argc > 2)
		usage();
	fd = ladder_open(&l);
	s = find_step(&l, argv[0]);
	was = s->suds;
	if (argc == 2) {
		suds = num_arg("rating", argv[1], 0, 100);
	} else {
		store_unlock(fd);
		p = open_prompt("give the rating, e.g. ladder rate 3 50");
		fprintf(prompt_out(p), "Step %lld: %s\nRated %lld now (first "
		    "%s).\n", s->id, s->cell[L_STEP], was, s->cell[L_FIRST]);
		q = xasprintf("How much distress do you expect now, 0-100? ");
		rc = ask_suds(p, q, &suds);
		free(q);
		if (rc != PROMPT_OK)
			prompt_ended(p, rc);
		prompt_close(p);
		ladder_free(&l);
		fd = ladder_open(&l);
		s = find_step(&l, argv[0]);
	}
	rate_step(s, suds);
	printf("Step %lld, \"%s\": rated %lld (was %lld; first rated %s).\n",
	    s->id, s->cell[L_STEP], suds, was, s->cell[L_FIRST]);
	ladder_close(&l, fd);
	ladder_free(&l);
	return EXIT_OK;
}

int
cmd_edit(const struct opts *o, int argc, char **argv)
{
	struct ladder l;
	struct step *s;
	int fd;

	if (argc != 2 && !(argc == 1 && o->ladder))
		usage();
	if (argc == 2 && (*argv[1] == '\0' || strchr(argv[1], '\n')))
		st_errx(EXIT_USAGE, "a step is one line of text");
	fd = ladder_open(&l);
	s = find_step(&l, argv[0]);
	if (argc == 2)
		set_cell(s, L_STEP, xstrdup(argv[1]));
	if (o->ladder)
		set_cell(s, L_LADDER, xstrdup(o->ladder));
	printf("Step %lld is now \"%s\" on ladder \"%s\".\n", s->id,
	    s->cell[L_STEP], s->cell[L_LADDER]);
	ladder_close(&l, fd);
	ladder_free(&l);
	return EXIT_OK;
}

/* The SUDS halfway between step s and the next step below it. */
static long long
midway(const struct ladder *l, const struct step *s)
{
	long long below = -1;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (&l->v[i] != s && state_of(&l->v[i]) != STEP_RETIRED &&
		    strcmp(l->v[i].cell[L_LADDER], s->cell[L_LADDER]) == 0 &&
		    l->v[i].suds < s->suds && l->v[i].suds > below)
			below = l->v[i].suds;
	if (below < 0)
		below = s->suds >= 10 ? s->suds - 20 : 0;
	return below < 0 ? 0 : (below + s->suds) / 2;
}

static char *
ask_split_text(const struct step *s)
{
	struct prompt *p;
	char *text = NULL;
	int rc;

	p = open_prompt("give the new step's text, e.g. ladder split 3 "
	    "\"a smaller step\"");
	fprintf(prompt_out(p), "Step %lld: %s (SUDS %lld)\nA step a little "
	    "easier than this one could change one thing: less time,\n"
	    "a safer place, someone with you, or only part of it.\n", s->id,
	    s->cell[L_STEP], s->suds);
	rc = prompt_text(p, "The in-between step: ", &text);
	if (rc != PROMPT_OK)
		prompt_ended(p, rc);
	prompt_close(p);
	return text;
}

int
cmd_split(const struct opts *o, int argc, char **argv)
{
	struct ladder l;
	struct step *s, *n;
	char *text;
	long long suds, id;
	int fd;

	if (argc < 1 || argc > 2)
		usage();
	fd = ladder_open(&l);
	s = find_step(&l, argv[0]);
	id = s->id;
	suds = o->suds ? num_arg("--suds", o->suds, 0, 100) : midway(&l, s);
	if (argc == 2) {
		text = xstrdup(argv[1]);
	} else {
		store_unlock(fd);
		text = ask_split_text(s);
		ladder_free(&l);
		fd = ladder_open(&l);
		s = find_step(&l, argv[0]);
	}
	n = add_step(&l, s->cell[L_LADDER], text, suds);
	s = find_step(&l, argv[0]);
	printf("Added step %lld, \"%s\" (SUDS %lld), below step %lld (SUDS "
	    "%lld).\n", n->id, n->cell[L_STEP], suds, id, s->suds);
	free(text);
	ladder_close(&l, fd);
	ladder_free(&l);
	return EXIT_OK;
}

int
cmd_status(int argc, char **argv, const char *status)
{
	struct ladder l;
	struct step *s;
	int fd;

	if (argc != 1)
		usage();
	fd = ladder_open(&l);
	s = find_step(&l, argv[0]);
	set_cell(s, L_STATUS, xstrdup(status));
	if (strcmp(status, "mastered") == 0)
		printf("Step %lld, \"%s\", is marked mastered.  Well "
		    "done.\n", s->id, s->cell[L_STEP]);
	else if (strcmp(status, "retired") == 0)
		printf("Step %lld, \"%s\", is set aside; it is kept, and "
		    "ladder restore %lld brings it back.\n", s->id,
		    s->cell[L_STEP], s->id);
	else
		printf("Step %lld, \"%s\", is back in practice.\n", s->id,
		    s->cell[L_STEP]);
	ladder_close(&l, fd);
	ladder_free(&l);
	return EXIT_OK;
}
