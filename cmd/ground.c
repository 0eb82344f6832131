/*
 * ground: a grounding or breathing exercise, guided and timed in the
 * terminal, with distress rated before and after.  See ground(1).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clock.h"
#include "correct.h"
#include "practice.h"
#include "csvio.h"
#include "prompt.h"
#include "redact.h"
#include "safety.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define LOGNAME "ground.csv"
#define CONFNAME "exercises.csv"
#define FRAME 0.1		/* seconds between redraws of the guide */
#define BARW 24			/* the bar's widest, in cells */
#define BARW_MIN 6
#define ROUNDS_MAX 100
#define STEPS_MAX 100
#define NAME_MAX_LEN 20
#define STEP_SECS_MAX 3600

static const char usage_text[] =
    "usage: ground [-n] [-r rounds | -m minutes] [-o file] [-t trial] "
    "[exercise]\n"
    "       ground -c when name=value ... | -w when\n"
    "       ground -o - --redact[=cols] [option ...] [exercise]\n"
    "       ground -l | -p | -h | -V\n";

static const char help_text[] =
    "A grounding or breathing exercise, guided on the terminal: a menu when\n"
    "none is named; q stops at any time, ? shows your safety plan.\n"
    "\n"
    "  -n, --no-rate        do not ask how distressed you feel\n"
    "  -r, --rounds N       breathe N rounds (the exercise's own by "
    "default)\n"
    "  -m, --minutes M      breathe for about M minutes\n"
    "  -o, --output FILE    to FILE (- for standard output; --redact: no "
    "notes)\n"
    "  -l, --list           list the exercises, one name a line\n"
    "  -c, -w WHEN          --correct (name=value ...) or --withdraw a record\n"
    "  -p, --plan           show your safety plan and crisis lines\n"
    "  -t, --trial ID       the exposure trial this exercise is part of\n"
    "  -h, --help           show this help (-V, --version: the version)\n"
    "\n"
    "Exercises: box, 478, slow, sigh, 54321, pause, check, and your own\n"
    "from exercises.csv.  The log is ground.csv in $STEADY_DIR (see\n"
    "ground(1) and steady(5)).\n";

static const struct option longopts[] = {
	{ "correct", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "list", no_argument, NULL, 'l' },
	{ "minutes", required_argument, NULL, 'm' },
	{ "no-rate", no_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "plan", no_argument, NULL, 'p' },
	{ "redact", optional_argument, NULL, 'R' },
	{ "rounds", required_argument, NULL, 'r' },
	{ "trial", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "withdraw", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* --correct or --withdraw: the record, and which of the two. */
static const char *amend_key;
static int amend_withdraw;
/* --trial: the exposure trial this exercise belongs to (steady.5). */
static const char *link_trial;
static struct redact *redact;	/* --redact, or NULL */

/* What a step does: the breathing phases move the bar; say and ask don't. */
enum phase { PH_IN, PH_HOLD, PH_OUT, PH_REST, PH_SAY, PH_ASK };

#define STEP_DAY 0x1		/* after it, say what day it is */
#define STEP_SAFE 0x2		/* a "no" answer shows the safety plan */

struct bstep {
	const char *text;
	double secs;
	enum phase ph;
	int asks;		/* PH_ASK: answers a terminal asks for */
	int flags;
	double level;		/* PH_IN: how full the bar ends, 0 for 1 */
};

struct step {
	char *text;
	double secs, level;
	enum phase ph;
	int asks, flags;
};

struct exercise {
	char *name, *about;
	struct step *steps;
	size_t n;
	long long rounds, maxrounds;
	int custom;
};

struct exlist {
	struct exercise *v;
	size_t n;
};

static const struct bstep box_steps[] = {
	{ "Breathe in", 4, PH_IN, 0, 0, 0 },
	{ "Hold", 4, PH_HOLD, 0, 0, 0 },
	{ "Breathe out", 4, PH_OUT, 0, 0, 0 },
	{ "Hold", 4, PH_REST, 0, 0, 0 },
};

static const struct bstep b478_steps[] = {
	{ "Breathe in through your nose", 4, PH_IN, 0, 0, 0 },
	{ "Hold", 7, PH_HOLD, 0, 0, 0 },
	{ "Breathe out through your mouth", 8, PH_OUT, 0, 0, 0 },
};

static const struct bstep slow_steps[] = {
	{ "Breathe in", 5.5, PH_IN, 0, 0, 0 },
	{ "Breathe out", 5.5, PH_OUT, 0, 0, 0 },
};

static const struct bstep sigh_steps[] = {
	{ "Breathe in through your nose", 2, PH_IN, 0, 0, 0.7 },
	{ "A second short breath in", 1, PH_IN, 0, 0, 0 },
	{ "Long slow breath out", 6, PH_OUT, 0, 0, 0 },
};

static const struct bstep senses_steps[] = {
	{ "Look around you. Name five things you can see.", 25, PH_ASK, 5,
	    0, 0 },
	{ "Name four things you can feel or touch.", 20, PH_ASK, 4, 0, 0 },
	{ "Listen. Name three things you can hear.", 15, PH_ASK, 3, 0, 0 },
	{ "Name two things you can smell.", 10, PH_ASK, 2, 0, 0 },
	{ "Name one thing you can taste.", 5, PH_ASK, 1, 0, 0 },
};

static const struct bstep pause_steps[] = {
	{ "Stop. You do not have to do anything yet.", 5, PH_SAY, 0, 0, 0 },
	{ "Breathe in slowly", 4, PH_IN, 0, 0, 0 },
	{ "And out, a little longer", 6, PH_OUT, 0, 0, 0 },
	{ "Notice what you feel, and where in your body you feel it.", 15,
	    PH_SAY, 0, 0, 0 },
	{ "Choose what you want to do next, in the way you want to do it.",
	    15, PH_SAY, 0, 0, 0 },
};

static const struct bstep check_steps[] = {
	{ "Where am I?", 10, PH_ASK, 1, 0, 0 },
	{ "What day is it?", 10, PH_ASK, 1, STEP_DAY, 0 },
	{ "What is true right now?", 15, PH_ASK, 1, 0, 0 },
	{ "Am I safe right now?", 10, PH_ASK, 1, STEP_SAFE, 0 },
};

#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))

/* The built-in exercises, named by practice_exercises in this order. */
static const struct {
	const char *about;
	const struct bstep *steps;
	size_t n;
	long long rounds, maxrounds;
} builtins[] = {
	{ "box breathing: in 4, hold 4, out 4, hold 4 seconds",
	    box_steps, NSTEPS(box_steps), 19, ROUNDS_MAX },
	{ "4-7-8 breathing: in 4, hold 7, out 8 seconds",
	    b478_steps, NSTEPS(b478_steps), 4, 8 },
	{ "slow breathing, about 6 a minute: in 5.5, out 5.5",
	    slow_steps, NSTEPS(slow_steps), 27, ROUNDS_MAX },
	{ "the physiological sigh: two breaths in, one long out",
	    sigh_steps, NSTEPS(sigh_steps), 3, ROUNDS_MAX },
	{ "5-4-3-2-1: what you see, feel, hear, smell and taste",
	    senses_steps, NSTEPS(senses_steps), 1, ROUNDS_MAX },
	{ "pause before reacting: stop, breathe, notice, choose",
	    pause_steps, NSTEPS(pause_steps), 1, ROUNDS_MAX },
	{ "a brief check: where, what day, what is true, am I safe",
	    check_steps, NSTEPS(check_steps), 1, ROUNDS_MAX },
};
_Static_assert(NSTEPS(builtins) == PRACTICE_NEXERCISES,
    "a name in lib/practice.c for each built-in exercise");

struct opts {
	enum gmode { RUN, LIST, PLAN } mode;
	const char *output;
	long long rounds, minutes;
	int norate;
};

/* How an exercise ended. */
enum stop { GO, DONE, QUIT, INTR, LOST, FAIL };

struct guide {
	const struct exercise *ex;
	long long rounds;
	struct prompt *p;	/* NULL: plain lines, nothing asked */
	FILE *out;		/* where the guide is written */
	int fd;			/* keys, or -1 */
	int fancy, colour, utf8;
	int barw;		/* the bar's width, to fit the terminal */
	double level;		/* the bar, 0 empty .. 1 full */
	double t0;		/* the clock when the exercise began */
	struct strbuf notes;	/* answers to ask steps */
};

struct rec {
	char ts[WHEN_BUFSZ];
	const char *exercise;
	long long seconds, pre, post;	/* -1: not rated */
	int completed;
	const char *note;
};

static char *confdir;
static volatile sig_atomic_t gotsig;

static void __attribute__((noreturn))
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

static void __attribute__((noreturn))
bad_option(const char *arg, const char *what)
{
	warn_option(arg, what);
	usage();
}

static void
show_plan(void *arg, FILE *out)
{
	(void)arg;
	safety_show(out, confdir);
}

static void
onsig(int sig)
{
	gotsig = sig;
}

/* Plain runs stop gently on a signal too (prompt_open does it on a tty). */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsig;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSTEPS(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

static struct prompt *talking;	/* for stopped(), when on a terminal */

/* For the clock: has a signal asked to stop? */
static int
stopped(void)
{
	return talking != NULL ? prompt_interrupted(talking) : gotsig != 0;
}

/* ---- the exercises ---- */

static struct exercise *
ex_add(struct exlist *l, const char *name, const char *about)
{
	struct exercise *e;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(name);
	e->about = xstrdup(about);
	e->rounds = 1;
	e->maxrounds = ROUNDS_MAX;
	return e;
}

static void
ex_clear_steps(struct exercise *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->steps[i].text);
	free(e->steps);
	e->steps = NULL;
	e->n = 0;
}

static void
ex_step(struct exercise *e, const char *text, double secs, enum phase ph,
    int asks)
{
	struct step *st;

	e->steps = xreallocarray(e->steps, e->n + 1, sizeof(*e->steps));
	st = &e->steps[e->n++];
	st->text = xstrdup(text);
	st->secs = secs;
	st->ph = ph;
	st->asks = asks;
	st->flags = 0;
	st->level = ph == PH_IN ? 1 : 0;
}

static void
load_builtins(struct exlist *l)
{
	struct exercise *e;
	size_t i, j;

	for (i = 0; i < NSTEPS(builtins); i++) {
		e = ex_add(l, practice_exercises[i], builtins[i].about);
		e->rounds = builtins[i].rounds;
		e->maxrounds = builtins[i].maxrounds;
		for (j = 0; j < builtins[i].n; j++) {
			const struct bstep *b = &builtins[i].steps[j];

			ex_step(e, b->text, b->secs, b->ph, b->asks);
			e->steps[e->n - 1].flags = b->flags;
			if (b->level > 0)
				e->steps[e->n - 1].level = b->level;
		}
	}
}

static void
exlist_free(struct exlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		ex_clear_steps(&l->v[i]);
		free(l->v[i].name);
		free(l->v[i].about);
	}
	free(l->v);
}

static struct exercise *
ex_find(struct exlist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

static int
good_name(const char *s)
{
	size_t i;

	if (*s == '\0' || strlen(s) > NAME_MAX_LEN || *s == '-' || *s == '_')
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_'))
			return 0;
	return 1;
}

static int
parse_breath(const char *s, enum phase *ph)
{
	static const char *const words[] = {
		"in", "hold", "out", "rest", "", "ask"
	};
	size_t i;

	for (i = 0; i < NSTEPS(words); i++)
		if (strcmp(s, words[i]) == 0) {
			*ph = (enum phase)i;
			return 0;
		}
	return -1;
}

/* The columns of exercises.csv, found by name; -1 when absent. */
struct excols {
	int name, text, secs, breath, about;
};

/* Is this row of exercises.csv usable?  0, or -1 with st_error() set. */
static int
check_row(struct csvr *r, const struct excols *c, const char *text,
    double *secs, enum phase *ph)
{
	char buf[SHOWN_MAX + 4];
	const char *name = csvr_field(r, c->name), *why;
	const char *sec = csvr_field(r, c->secs);
	const char *b = c->breath >= 0 ? csvr_field(r, c->breath) : "";

	if (!good_name(name)) {
		st_seterr("name \"%s\" is not a short lowercase word (a-z, "
		    "0-9, - and _, at most %d)", shown(name, buf),
		    NAME_MAX_LEN);
		return -1;
	}
	if (*text == '\0') {
		st_seterr("the text is empty");
		return -1;
	}
	if (clk_parse_secs(sec, STEP_SECS_MAX, secs, &why) == -1 ||
	    *secs <= 0) {
		st_seterr("seconds \"%s\" is not a time from 0.001 to %d "
		    "seconds (like 4 or 5.5)", shown(sec, buf), STEP_SECS_MAX);
		return -1;
	}
	if (parse_breath(b, ph) == -1) {
		st_seterr("breath \"%s\" is not one of in, hold, out, rest, "
		    "ask or empty", shown(b, buf));
		return -1;
	}
	return 0;
}

/* The exercise a row belongs to; a built-in one is emptied to replace. */
static struct exercise *
row_exercise(struct exlist *l, const char *name, const char *about)
{
	struct exercise *e;

	if ((e = ex_find(l, name)) != NULL && !e->custom) {
		ex_clear_steps(e);	/* one's own script replaces ours */
		e->rounds = 1;
		e->maxrounds = ROUNDS_MAX;
		free(e->about);
		e->about = xstrdup("");
	} else if (e == NULL)
		e = ex_add(l, name, "");
	e->custom = 1;
	if (*e->about == '\0' && *about != '\0') {
		free(e->about);
		e->about = xstrdup(about);
	}
	return e;
}

/* One row of exercises.csv; returns 0, or -1 with st_error() set. */
static int
custom_row(struct exlist *l, struct csvr *r, const struct excols *c)
{
	const char *about = c->about >= 0 ? csvr_field(r, c->about) : "";
	struct exercise *e;
	enum phase ph;
	double secs;
	char *copy, *text;
	int rc = -1;

	/* trim() moves past leading spaces: free what was allocated. */
	copy = xstrdup(csvr_field(r, c->text));
	text = trim(copy);
	if (check_row(r, c, text, &secs, &ph) == 0) {
		e = row_exercise(l, csvr_field(r, c->name), about);
		if (e->n == STEPS_MAX)
			st_seterr("%s has more than %d steps", e->name,
			    STEPS_MAX);
		else {
			ex_step(e, text, secs, ph, ph == PH_ASK);
			rc = 0;
		}
	}
	free(copy);
	return rc;
}

static int
custom_cols(struct csvr *r, const char *path, struct excols *c)
{
	c->name = csvr_col(r, "name");
	c->text = csvr_col(r, "text");
	c->secs = csvr_col(r, "seconds");
	c->breath = csvr_col(r, "breath");
	c->about = csvr_col(r, "about");
	if (c->name < 0 || c->text < 0 || c->secs < 0) {
		st_seterr("%s:1: the header needs the columns name, text and "
		    "seconds", path);
		return -1;
	}
	return 0;
}

/*
 * The person's own exercises from exercises.csv in the config directory.
 * Returns 0 (also when there is none), or -1 with st_error() set to
 * "PATH:LINE: reason"; the list then holds the built-ins alone.
 */
static int
load_custom(struct exlist *l)
{
	struct excols c;
	struct csvr *r;
	char *path = store_path(confdir, CONFNAME), *why;
	int rc = 0, n = CSVR_EOF;

	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		free(path);
		return rc;
	}
	if (csvr_ncols(r) > 0 && (rc = custom_cols(r, path, &c)) == 0)
		while ((n = csvr_next(r)) != CSVR_EOF) {
			if (n != CSVR_REC || custom_row(l, r, &c) == -1) {
				rc = -1;
				break;
			}
		}
	if (rc == -1 && n == CSVR_REC) {
		why = xstrdup(st_error());
		st_seterr("%s:%lu: %s", path, csvr_line(r), why);
		free(why);
	}
	csvr_close(r);
	free(path);
	return rc;
}

/* Built-ins, then exercises.csv; on an error there, warn and go on. */
static int
load_exercises(struct exlist *l)
{
	struct exlist custom = { 0 };

	load_builtins(&custom);
	if (load_custom(&custom) == 0) {
		*l = custom;
		return 0;
	}
	st_warnx("%s; your own exercises are left out until it is put right",
	    st_error());
	exlist_free(&custom);
	memset(l, 0, sizeof(*l));
	load_builtins(l);
	return -1;
}

static double
cycle_secs(const struct exercise *e)
{
	double t = 0;
	size_t i;

	for (i = 0; i < e->n; i++)
		t += e->steps[i].secs;
	return t;
}

static int
has_asks(const struct exercise *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (e->steps[i].ph == PH_ASK)
			return 1;
	return 0;
}

/* "5 min 4 s", "45 s", "2 min" */
static void
fmt_secs(char *buf, size_t len, long long s)
{
	if (s < 60)
		snprintf(buf, len, "%lld s", s);
	else if (s % 60 == 0)
		snprintf(buf, len, "%lld min", s / 60);
	else
		snprintf(buf, len, "%lld min %lld s", s / 60, s % 60);
}

/* ---- drawing ---- */

/* The bar at fullness f: eighth blocks in UTF-8, else # characters. */
static void
draw_bar(struct strbuf *sb, const struct guide *s, double f)
{
	static const char *const part[] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b",
		"\u258a", "\u2589"
	};
	int eighths, i, cells;

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	if (s->colour)
		sb_puts(sb, "\033[36m");
	if (s->utf8) {
		eighths = (int)(f * s->barw * 8 + 0.5);
		for (i = 0; i < eighths / 8; i++)
			sb_puts(sb, "\u2588");
		sb_puts(sb, part[eighths % 8]);
		cells = eighths / 8 + (eighths % 8 != 0);
	} else {
		cells = (int)(f * s->barw + 0.5);
		for (i = 0; i < cells; i++)
			sb_putc(sb, '#');
	}
	if (s->colour)
		sb_puts(sb, "\033[0m");
	for (i = cells; i < s->barw; i++)
		sb_putc(sb, s->utf8 ? ' ' : '.');
}

static double
fill_at(const struct guide *s, const struct step *st, double el)
{
	double to = st->ph == PH_IN ? st->level : 0;

	if (st->ph != PH_IN && st->ph != PH_OUT)
		return s->level;
	return s->level + (to - s->level) * (el / st->secs);
}

/* The width of the longest step text, so the bar does not jump about. */
static int
text_width(const struct exercise *e)
{
	size_t i, w = 0;

	for (i = 0; i < e->n; i++)
		if (e->steps[i].ph <= PH_REST && strlen(e->steps[i].text) > w)
			w = strlen(e->steps[i].text);
	return (int)w;
}

/* One frame of the guide, written at once so the line never flickers. */
static void
draw_frame(const struct guide *s, const struct step *st, long long round,
    double el)
{
	struct strbuf sb = { 0 };
	long long count = (long long)el + 1;

	if (count > (long long)(st->secs + 0.999))
		count = (long long)(st->secs + 0.999);
	sb_puts(&sb, "\r  ");
	if (st->ph <= PH_REST) {
		if (s->rounds > 1)
			sb_printf(&sb, "%lld/%lld  ", round, s->rounds);
		sb_printf(&sb, "%-*s  ", text_width(s->ex), st->text);
		draw_bar(&sb, s, fill_at(s, st, el));
		sb_printf(&sb, "  %lld", count);
	} else {
		sb_printf(&sb, "%lld", (long long)(st->secs - el + 0.999));
	}
	sb_puts(&sb, "\033[K");
	fwrite(sb.s, 1, sb.len, s->out);
	fflush(s->out);
	sb_free(&sb);
}

/* ---- running ---- */

/* A key during a timed step: q stops, ? shows the plan, others wait. */
static enum stop
on_key(struct guide *s, int k)
{
	if (k == CLK_INTR || stopped())
		return stopped() ? INTR : GO;
	if (k == CLK_EOF)
		return LOST;
	if (k == CLK_ERR) {
		st_warnx("%s", st_error());
		return FAIL;
	}
	if (k == 'q' || k == 'Q' || k == 4)
		return QUIT;
	if (k == '?') {
		fputs(s->fancy ? "\r\033[K" : "\n", s->out);
		safety_show(s->out, confdir);
		fputs("\n", s->out);
	}
	return GO;
}

/* How long to wait before the next thing to show, el seconds in. */
static double
next_wait(const struct guide *s, const struct step *st, double el)
{
	double left = st->secs - el, w;

	if (s->fancy)
		w = FRAME;
	else if (s->p != NULL)	/* until the next count */
		w = (double)((long long)el + 1) - el;
	else
		w = left;
	return w < left ? w : left;
}

static void
plain_count(const struct guide *s, const struct step *st, double el,
    long long *shown_count)
{
	long long c = (long long)(el + 1e-6);

	if (s->fancy || s->p == NULL || st->ph > PH_REST)
		return;
	for (; *shown_count < c && *shown_count < (long long)(st->secs);
	    (*shown_count)++)
		fprintf(s->out, " %lld", *shown_count + 1);
	fflush(s->out);
}

static void
step_intro(const struct guide *s, const struct step *st)
{
	if (s->fancy && st->ph <= PH_REST)
		return;
	if (s->fancy)		/* over the last step's count */
		fputs("\r\033[K", s->out);
	if (s->p == NULL)
		fprintf(s->out, "%s (%g second%s)\n", st->text, st->secs,
		    st->secs == 1 ? "" : "s");
	else
		fprintf(s->out, "%s%s", st->text, st->ph <= PH_REST ? "" :
		    "\n");
	fflush(s->out);
}

static enum stop
timed_step(struct guide *s, const struct step *st, long long round)
{
	double t0 = clk_now(), el = 0;
	long long counted = 0;
	enum stop r;

	step_intro(s, st);
	for (;;) {
		el = clk_now() - t0;
		if (el > st->secs)
			el = st->secs;
		if (s->fancy)
			draw_frame(s, st, round, el);
		plain_count(s, st, el, &counted);
		if (el >= st->secs - 1e-9)
			break;
		r = on_key(s, clk_wait(s->fd, next_wait(s, st, el)));
		if (r != GO)
			return r;
	}
	if (st->ph <= PH_REST)
		s->level = fill_at(s, st, st->secs);
	if (!s->fancy && s->p != NULL && st->ph <= PH_REST)
		fputs("\n", s->out);
	return GO;
}

static void
say_day(FILE *out)
{
	char buf[64];
	struct tm tm;
	time_t now;

	if (when_now(&now) == -1 || localtime_r(&now, &tm) == NULL)
		return;
	strftime(buf, sizeof(buf), "%A, %d %B %Y", &tm);
	fprintf(out, "Today is %s.\n", buf);
}

static void
note_answer(struct guide *s, const struct step *st, const char *ans,
    int first)
{
	if (first) {
		if (s->notes.len > 0)
			sb_putc(&s->notes, '\n');
		sb_printf(&s->notes, "%s ", st->text);
	} else
		sb_puts(&s->notes, "; ");
	sb_puts(&s->notes, ans);
}

/* Ask a step's questions on the terminal, in line mode. */
static enum stop
ask_step(struct guide *s, const struct step *st)
{
	char q[16], *ans;
	int i, rc, first = 1;

	clk_keys_off();
	fprintf(s->out, "%s%s\n", s->fancy ? "\r\033[K" : "", st->text);
	for (i = 0, rc = PROMPT_OK; i < st->asks; i++) {
		snprintf(q, sizeof(q), st->asks > 1 ? "  %d. " : "  > ", i + 1);
		if ((rc = prompt_text(s->p, q, &ans)) == PROMPT_SKIP)
			continue;
		if (rc != PROMPT_OK)
			break;
		note_answer(s, st, ans, first);
		first = 0;
		if ((st->flags & STEP_SAFE) && (*ans == 'n' || *ans == 'N')) {
			fputs("Then here is your plan and the people you can "
			    "reach.\n", s->out);
			safety_show(s->out, confdir);
		}
		free(ans);
	}
	if (rc == PROMPT_INTR || rc == PROMPT_EOF)
		return rc == PROMPT_INTR ? INTR : LOST;
	if (rc == PROMPT_ERR)
		return st_warnx("%s", st_error()), FAIL;
	if (st->flags & STEP_DAY)
		say_day(s->out);
	if (clk_keys_on(s->fd) == -1)
		return st_warnx("%s", st_error()), FAIL;
	return GO;
}

static enum stop
run_step(struct guide *s, const struct step *st, long long round)
{
	enum stop r;

	if (stopped())
		return INTR;
	if (st->ph == PH_ASK && s->p != NULL)
		return ask_step(s, st);
	r = timed_step(s, st, round);
	if (r == GO && st->ph == PH_ASK && (st->flags & STEP_DAY))
		say_day(s->out);
	return r;
}

static enum stop
run_exercise(struct guide *s)
{
	long long round;
	size_t i;
	enum stop r = GO;

	s->t0 = clk_now();
	s->level = 0;
	for (round = 1; round <= s->rounds && r == GO; round++) {
		if (s->p == NULL && s->rounds > 1)
			fprintf(s->out, "Round %lld of %lld.\n", round,
			    s->rounds);
		for (i = 0; i < s->ex->n && r == GO; i++)
			r = run_step(s, &s->ex->steps[i], round);
	}
	if (s->fancy)
		fputs("\r\033[K", s->out);
	else if (r != GO && s->p != NULL)
		fputs("\n", s->out);
	fflush(s->out);
	return r == GO ? DONE : r;
}

/* ---- the log ---- */

static const char *const logcols[] = {
	"ts", "exercise", "seconds", "pre", "post", "completed", "note"
};
/* The columns of a new log written with --trial. */
static const char *const trialcols[] = {
	"ts", "exercise", "seconds", "pre", "post", "completed", "note",
	"trial"
};

static void
format_rec(struct strbuf *sb, const char *const *cols, size_t n, char sep,
    const struct rec *r)
{
	char secs[24], pre[24], post[24];
	const char **f;
	size_t i;

	snprintf(secs, sizeof(secs), "%lld", r->seconds);
	snprintf(pre, sizeof(pre), "%lld", r->pre);
	snprintf(post, sizeof(post), "%lld", r->post);
	f = xcalloc(n, sizeof(*f));
	for (i = 0; i < n; i++) {
		if (strcmp(cols[i], "ts") == 0)
			f[i] = r->ts;
		else if (strcmp(cols[i], "exercise") == 0)
			f[i] = r->exercise;
		else if (strcmp(cols[i], "seconds") == 0)
			f[i] = secs;
		else if (strcmp(cols[i], "pre") == 0)
			f[i] = r->pre >= 0 ? pre : "";
		else if (strcmp(cols[i], "post") == 0)
			f[i] = r->post >= 0 ? post : "";
		else if (strcmp(cols[i], "completed") == 0)
			f[i] = r->completed ? "yes" : "no";
		else if (strcmp(cols[i], "note") == 0)
			f[i] = r->note;
		else if (strcmp(cols[i], "trial") == 0)
			f[i] = link_trial;
	}
	csvw_record(sb, f, n, sep, CSVW_ESCAPE);
	free(f);
}

/* Append r in the order of the log's own header (ours for a new log). */
static int
append_rec(int fd, struct csvr *cr, const char *path, const struct rec *r)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char **cols;
	size_t n;
	char sep;
	int rc;

	cols = link_trial ? csvr_record_cols(cr, trialcols, NSTEPS(trialcols),
	    &n, &sep, &hdr) : csvr_record_cols(cr, logcols, NSTEPS(logcols),
	    &n, &sep, &hdr);
	if (csvr_ncols(cr) > 0 && r->note != NULL && *r->note &&
	    csvr_col(cr, "note") < 0)
		st_warnx("%s has no note column, so what you named is not kept "
		    "(add \",note\" to its first line to keep notes)", path);
	format_rec(&sb, cols, n, sep, r);
	rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

/* With --trial, a log without a trial column gets one first. */
static int
trial_col(const char *path)
{
	static const char *const col[] = { "trial" };
	struct csvr *cr;
	int fd, rc = 0;

	if (link_trial == NULL)
		return 0;
	if ((fd = store_lock(path)) == -1)
		return -1;
	if ((cr = csvr_openpath(path, 0)) == NULL)
		rc = -1;
	else if (csvr_ncols(cr) > 0 && csvr_col(cr, "ts") >= 0 &&
	    csvr_col(cr, "exercise") >= 0 && csvr_col(cr, "trial") < 0)
		rc = store_add_columns(cr, path, col, 1);
	csvr_close(cr);
	store_unlock(fd);
	return rc;
}

static int
save_log(const char *path, const struct rec *r)
{
	struct csvr *cr;
	int fd, rc = -1;

	if (trial_col(path) == -1)
		return -1;
	if ((fd = store_lock(path)) == -1)
		return -1;
	if ((cr = csvr_openpath(path, 0)) != NULL) {
		if (csvr_ncols(cr) > 0 && (csvr_col(cr, "ts") < 0 ||
		    csvr_col(cr, "exercise") < 0))
			st_seterr("%s:1: this is not a grounding log (it has "
			    "no ts or exercise column)", path);
		else
			rc = append_rec(fd, cr, path, r);
		csvr_close(cr);
	}
	store_unlock(fd);
	return rc;
}

/* The record with a header line of its own, as -o - writes it. */
static void
own_csv(struct strbuf *sb, const struct rec *r)
{
	if (link_trial != NULL) {
		csvw_record(sb, trialcols, NSTEPS(trialcols), ',', 0);
		format_rec(sb, trialcols, NSTEPS(trialcols), ',', r);
	} else {
		csvw_record(sb, logcols, NSTEPS(logcols), ',', 0);
		format_rec(sb, logcols, NSTEPS(logcols), ',', r);
	}
}

static int
save(const struct opts *o, const char *logpath, const struct rec *r)
{
	struct strbuf sb = { 0 };

	if (o->output == NULL || strcmp(o->output, "-") != 0)
		return save_log(o->output ? o->output : logpath, r);
	int rc;

	own_csv(&sb, r);
	rc = redact_put(redact, &sb, stdout);
	sb_free(&sb);
	return rc;
}

/*
 * Saving failed after the person gave ratings or answers: keep them in a
 * private file, as -o FILE would write them, and say where.
 */
static void
keep_typed(const struct opts *o, const char *logpath, const struct rec *r)
{
	struct strbuf sb = { 0 };

	own_csv(&sb, r);
	store_keep_told(o->output ? o->output : logpath, sb.s, sb.len,
	    "what you entered");
	sb_free(&sb);
}

/* ---- the person at the terminal ---- */

static const char pre_q[] = "How distressed do you feel right now? "
    "(0 calm .. 10 overwhelming, Enter to skip): ";
static const char post_q[] = "And now? (0 calm .. 10 overwhelming, "
    "Enter to skip): ";

/* The menu: a number or a name; NULL when the person leaves. */
static struct exercise *
menu(struct prompt *p, struct exlist *l, int *rc)
{
	FILE *out = prompt_out(p);
	struct exercise *e = NULL;
	long long k;
	const char *why;
	char *ans;
	size_t i;

	fputs("Which exercise would you like? Press ? for your safety "
	    "plan.\n\n", out);
	for (i = 0; i < l->n; i++)
		fprintf(out, "  %2zu  %-6s %s\n", i + 1, l->v[i].name,
		    *l->v[i].about ? l->v[i].about : "your own exercise");
	fputs("\n", out);
	while (e == NULL) {
		*rc = prompt_text(p, "A number or a name (Enter to leave): ",
		    &ans);
		if (*rc != PROMPT_OK)
			return NULL;
		if (parse_num(ans, 1, (long long)l->n, &k, &why) == 0)
			e = &l->v[k - 1];
		else if ((e = ex_find(l, ans)) == NULL)
			fprintf(out, "Please choose a number from 1 to %zu, or "
			    "a name from the list.\n", l->n);
		free(ans);
	}
	return e;
}

static int
rate(struct prompt *p, const char *q, long long *v)
{
	int rc = prompt_rating(p, q, 0, 10, v);

	if (rc == PROMPT_SKIP)
		*v = -1;
	return rc;
}

/* Before and after, in the way PTSD Coach reports it: fell, held, rose. */
static void
say_change(FILE *out, long long pre, long long post)
{
	if (pre < 0 || post < 0)
		return;
	if (post < pre)
		fprintf(out, "Your distress came down from %lld to %lld.\n",
		    pre, post);
	else if (post == pre)
		fprintf(out, "Your distress held at %lld.\n", pre);
	else
		fprintf(out, "Your distress went up from %lld to %lld. That "
		    "can happen, and it is worth knowing.\nIf you need more "
		    "support now, ground --plan shows your plan and people "
		    "to reach.\n", pre, post);
}

static void
say_end(const struct guide *s, enum stop how, long long secs)
{
	char t[40];

	fmt_secs(t, sizeof(t), secs);
	if (how == DONE)
		fprintf(s->out, "Done: %s of %s.\n", t, s->ex->name);
	else
		fprintf(s->out, "Stopped after %s. Stopping is your choice "
		    "to make.\n", t);
}

/* Keep the answers only when the person says so. */
static const char *
keep_notes(struct guide *s)
{
	int keep = 0;

	if (s->notes.len == 0 || s->p == NULL)
		return NULL;
	if (prompt_yesno(s->p, "Keep what you named in your log? (y/N) ", 0,
	    &keep) != PROMPT_OK || !keep)
		return NULL;
	return s->notes.s;
}

/* ---- the two ways to run ---- */

static long long
choose_rounds(const struct opts *o, const struct exercise *e, FILE *out)
{
	long long n;

	if (o->rounds > 0) {
		if (o->rounds > e->maxrounds)
			st_errx(EXIT_USAGE, "%s is done at most %lld rounds at "
			    "a sitting", e->name, e->maxrounds);
		return o->rounds;
	}
	if (o->minutes <= 0)
		return e->rounds;
	n = (long long)(o->minutes * 60 / cycle_secs(e) + 0.5);
	if (n < 1)
		n = 1;
	if (n > e->maxrounds) {
		fprintf(out, "%s is done at most %lld rounds at a sitting, so "
		    "that is what you will do.\n", e->name, e->maxrounds);
		n = e->maxrounds;
	}
	return n;
}

static void
intro(const struct guide *s)
{
	const char *about = *s->ex->about ? s->ex->about : s->ex->name;
	char t[40];

	fmt_secs(t, sizeof(t), (long long)(cycle_secs(s->ex) * s->rounds +
	    0.5));

	fprintf(s->out, "%c%s.", toupper((unsigned char)*about), about + 1);
	if (s->rounds > 1)
		fprintf(s->out, " %lld rounds", s->rounds);
	if (!has_asks(s->ex) || s->p == NULL)
		fprintf(s->out, "%s%s", s->rounds > 1 ? ", " : " ", t);
	fputs(s->rounds > 1 || !has_asks(s->ex) || s->p == NULL ? ".\n" :
	    "\n", s->out);
	if (s->p != NULL)
		fputs("Press q to stop whenever you like, ? for your safety "
		    "plan.\n\n", s->out);
	fflush(s->out);
}

static void
rec_init(struct rec *r, const struct exercise *e)
{
	time_t now;

	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	when_format(now, r->ts);
	r->exercise = e->name;
	r->pre = r->post = -1;
	r->note = NULL;
}

/* Without a terminal: timed lines, nothing asked; logged unrated. */
static int
run_plain(const struct opts *o, const char *logpath, struct exercise *e)
{
	struct guide s = { 0 };
	struct rec r;
	enum stop how;

	s.ex = e;
	s.fd = -1;
	s.out = o->output && strcmp(o->output, "-") == 0 ? stderr : stdout;
	s.rounds = choose_rounds(o, e, s.out);
	rec_init(&r, e);
	catch_signals();
	intro(&s);
	how = run_exercise(&s);
	r.seconds = (long long)(clk_now() - s.t0 + 0.5);
	r.completed = how == DONE;
	say_end(&s, how, r.seconds);
	fflush(s.out);
	if (save(o, logpath, &r) == -1) {
		st_warnx("%s; nothing was saved", st_error());
		return EXIT_ERR;
	}
	return how == INTR ? EXIT_INTR : how == FAIL ? EXIT_ERR : EXIT_OK;
}

/*
 * A bar that leaves room on one line for the round, the word and the
 * count: a line that wrapped could not be drawn over in place.
 */
static int
bar_width(const struct guide *s)
{
	struct winsize ws;
	int w;

	if (ioctl(s->fd, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0)
		return BARW;
	w = (int)ws.ws_col - 1 - (2 + 10 + text_width(s->ex) + 2 + 5);
	return w > BARW ? BARW : w < BARW_MIN ? BARW_MIN : w;
}

/* The exercise itself, in single-key mode, terminal restored after. */
static enum stop
guided(struct guide *s)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");
	enum stop how;

	s->fancy = term == NULL || strcmp(term, "dumb") != 0;
	s->colour = s->fancy && (nc == NULL || *nc == '\0');
	s->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	s->fd = prompt_fd(s->p);
	s->barw = bar_width(s);
	intro(s);
	if (clk_keys_on(s->fd) == -1) {
		st_warnx("%s", st_error());
		return FAIL;
	}
	if (s->fancy)		/* a cursor jumping about would flicker */
		fputs("\033[?25l", s->out);
	how = run_exercise(s);
	if (s->fancy)
		fputs("\033[?25h", s->out);
	fflush(s->out);
	clk_keys_off();
	return how;
}

/* After the exercise: the after-rating, the notes, the record. */
static int
finish(struct guide *s, const struct opts *o, const char *logpath,
    struct rec *r, enum stop how)
{
	int rc = PROMPT_OK, saved;

	r->seconds = (long long)(clk_now() - s->t0 + 0.5);
	r->completed = how == DONE;
	say_end(s, how, r->seconds);
	if (how == DONE || how == QUIT) {
		if (!o->norate)
			rc = rate(s->p, post_q, &r->post);
		if (rc == PROMPT_INTR || rc == PROMPT_EOF)
			fputs("\n", s->out);	/* after the ^C */
		if (rc == PROMPT_OK || rc == PROMPT_SKIP)
			r->note = keep_notes(s);
	}
	if ((saved = save(o, logpath, r)) == -1) {
		st_warnx("%s; nothing was saved", st_error());
		keep_typed(o, logpath, r);
	} else
		fputs("Saved.\n", s->out);
	say_change(s->out, r->pre, r->post);
	if (saved == -1 || how == FAIL)
		return EXIT_ERR;
	if (how == INTR || how == LOST || rc == PROMPT_INTR)
		return EXIT_INTR;
	return EXIT_OK;
}

static int
run_tty(const struct opts *o, const char *logpath, struct exlist *l,
    struct exercise *e, struct prompt *p)
{
	struct guide s = { 0 };
	struct rec r;
	int rc = PROMPT_OK, ex;

	s.p = p;
	s.out = prompt_out(p);
	prompt_set_help(p, show_plan, NULL);
	if (e == NULL && (e = menu(p, l, &rc)) == NULL) {
		if (rc == PROMPT_SKIP)
			fputs("Come back whenever you like.\n", s.out);
		else
			fputs("\n", s.out);
		return rc == PROMPT_SKIP ? EXIT_OK :
		    rc == PROMPT_INTR ? EXIT_INTR : EXIT_ERR;
	}
	s.ex = e;
	s.rounds = choose_rounds(o, e, s.out);
	rec_init(&r, e);
	if (!o->norate && (rc = rate(p, pre_q, &r.pre)) != PROMPT_OK &&
	    rc != PROMPT_SKIP) {
		fputs("\nStopped before the exercise. Nothing was saved.\n",
		    s.out);
		return rc == PROMPT_INTR ? EXIT_INTR : EXIT_ERR;
	}
	ex = finish(&s, o, logpath, &r, guided(&s));
	sb_free(&s.notes);
	return ex;
}

static int
cmd_run(const struct opts *o, const char *logpath, struct exlist *l,
    const char *name)
{
	struct exercise *e = NULL;
	struct prompt *p = NULL;
	int rc;

	if (name != NULL && (e = ex_find(l, name)) == NULL)
		st_errx(EXIT_USAGE, "%s: there is no such exercise; ground --list "
		    "shows them", name);
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		p = prompt_open();
	if (p == NULL) {
		if (e == NULL)
			st_errx(EXIT_USAGE, "there is no terminal to choose on; "
			    "name an exercise, e.g. ground box");
		return run_plain(o, logpath, e);
	}
	talking = p;
	rc = run_tty(o, logpath, l, e, p);
	talking = NULL;
	prompt_close(p);
	return rc;
}

static void
setmode(struct opts *o, enum gmode m)
{
	if (o->mode != RUN && o->mode != m) {
		st_warnx("choose one of --list and --plan");
		usage();
	}
	o->mode = m;
}

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	const char *why;
	int c;

	opterr = 0;
	while ((c = getopt_long(*argcp, *argvp, ":c:hlm:no:pr:t:Vw:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 'c':
		case 'w':
			if (amend_key != NULL)
				st_errx(EXIT_USAGE, "choose --correct or "
				    "--withdraw, once");
			amend_key = optarg;
			amend_withdraw = c == 'w';
			break;
		case 'l':
			setmode(o, LIST);
			break;
		case 'm':
			if (parse_num(optarg, 1, 60, &o->minutes, &why) == -1)
				st_errx(EXIT_USAGE, "--minutes %s: give a whole "
				    "number from 1 to 60", optarg);
			break;
		case 'n':
			o->norate = 1;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'R':
			redact_free(redact);
			if ((redact = redact_new(optarg)) == NULL)
				st_errx(EXIT_USAGE, "%s", st_error());
			break;
		case 'p':
			setmode(o, PLAN);
			break;
		case 'r':
			if (parse_num(optarg, 1, ROUNDS_MAX, &o->rounds,
			    &why) == -1)
				st_errx(EXIT_USAGE, "--rounds %s: give a whole "
				    "number from 1 to %d", optarg, ROUNDS_MAX);
			break;
		case 't':
			if (*optarg == '\0' || strpbrk(optarg, ",\"\n\r\t") !=
			    NULL)
				st_errx(EXIT_USAGE, "--trial needs a trial's id, "
				    "such as t20261123T073000");
			link_trial = optarg;
			break;
		case 'V':
			puts("ground (steady) " STEADY_VERSION);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case ':':
			bad_option((*argvp)[optind - 1], "needs a value");
		default:
			bad_option((*argvp)[optind - 1], "is not an option");
		}
	}
	if (redact != NULL && (o->output == NULL ||
	    strcmp(o->output, "-") != 0 || amend_key != NULL))
		st_errx(EXIT_USAGE, "--redact is for what goes to standard "
		    "output: -o -");
	*argcp -= optind;
	*argvp += optind;
}

/* A corrected value: distress 0 to 10, seconds, completed yes or no. */
static char *
amend_value(const char *col, const char *val, void *arg)
{
	const char *why;
	long long n, max = strcmp(col, "seconds") == 0 ? 86400 : 10;

	(void)arg;
	if (*val != '\0' && (strcmp(col, "pre") == 0 || strcmp(col, "post")
	    == 0 || max > 10)) {
		if (parse_num(val, 0, max, &n, &why) == 0)
			return xasprintf("%lld", n);
		st_seterr("%s=%s: give a whole number from 0 to %lld", col,
		    val, max);
		return NULL;
	}
	if (strcmp(col, "completed") == 0 && strcmp(val, "yes") != 0 &&
	    strcmp(val, "no") != 0) {
		st_seterr("completed=%s: give yes or no", val);
		return NULL;
	}
	return xstrdup(val);
}

/* --correct, --withdraw: a record in ground.csv that supersedes one. */
static int
cmd_amend(const struct opts *o, int argc, char **argv)
{
	struct amend_req q = { 0 };
	struct amend_done d;
	char *datadir, *path;
	int rc;

	if (o->mode != RUN || o->rounds || o->minutes || o->norate ||
	    o->output)
		st_errx(EXIT_USAGE, "--correct and --withdraw take no other "
		    "options");
	if ((datadir = store_data_dir()) == NULL)
		st_errx(EXIT_ERR, "%s", st_error());
	q.key = amend_key;
	q.withdraw = amend_withdraw;
	q.ops = argv;
	q.nops = (size_t)argc;
	q.check = amend_value;
	path = store_path(datadir, LOGNAME);
	if ((rc = amend_append(path, &q, &d)) == AMEND_USAGE) {
		st_warnx("%s", st_error());
		usage();
	}
	if (rc != 0)
		st_warnx("%s; nothing was saved", st_error());
	else
		amend_tell(stderr, &d, "exercise", q.withdraw);
	free(path);
	free(datadir);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

static void
check_opts(const struct opts *o, int argc)
{
	if (o->rounds && o->minutes)
		st_errx(EXIT_USAGE, "choose --rounds or --minutes, not both");
	if (argc > 1)
		usage();
	if (o->mode != RUN && (argc > 0 || o->rounds || o->minutes ||
	    o->norate || o->output || link_trial))
		st_errx(EXIT_USAGE, "--list and --plan take no exercise or "
		    "other options");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct exlist l = { 0 };
	char *datadir = NULL, *logpath = NULL;
	int rc = EXIT_OK, bad;
	size_t i;

	stdio_guard();
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_CTYPE, "");
	parse_opts(&o, &argc, &argv);
	if (amend_key != NULL)
		return cmd_amend(&o, argc, argv);
	check_opts(&o, argc);
	if (clk_init() == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	clk_set_stopped(stopped);
	if ((confdir = store_config_dir()) == NULL)
		st_errx(EXIT_ERR, "%s", st_error());
	bad = o.mode != PLAN && load_exercises(&l) == -1;
	switch (o.mode) {
	case LIST:
		for (i = 0; i < l.n; i++)
			puts(l.v[i].name);
		rc = bad ? EXIT_ERR : EXIT_OK;
		break;
	case PLAN:
		safety_show(stdout, confdir);
		break;
	case RUN:
		if ((datadir = store_data_dir()) == NULL)
			st_errx(EXIT_ERR, "%s", st_error());
		logpath = store_path(datadir, LOGNAME);
		rc = cmd_run(&o, logpath, &l, argc ? argv[0] : NULL);
		break;
	}
	exlist_free(&l);
	free(logpath);
	redact_free(redact);
	free(datadir);
	free(confdir);
	if (close_stdout() == -1 && rc == EXIT_OK)
		rc = EXIT_ERR;
	return rc;
}
