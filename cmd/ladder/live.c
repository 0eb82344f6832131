/* ladder: a trial on the terminal, with consent, a timer and care. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "ladder.h"
#include "safety.h"

/* What the timed part of a trial came to. */
enum timed { T_DONE, T_STOP, T_INTR, T_EOF };

struct live {
	struct prompt *p;
	FILE *out;
	int keyfd;		/* the terminal (prompt_fd), for single keys */
	long long peak;		/* highest distress heard, -1 none */
	double high_since;	/* distress at high_suds since, -1 not */
	double elapsed;		/* seconds */
	char *trial_id;		/* the id the trial will have, for ground */
};

/* The questions' terminal, whose handlers note a Ctrl-C for the timer. */
static struct prompt *asking;

/* For clk_set_stopped: has a signal come since the terminal opened? */
static int
signalled(void)
{
	return asking != NULL && prompt_interrupted(asking);
}

/*
 * Run a program of the suite on this terminal and wait for it.  Ctrl-C
 * belongs to the child meanwhile: ladder ignores SIGINT until the child
 * has ended, then restores its handler, so the trial goes on.  Returns
 * the child's exit status, or 127 when it could not be started.
 */
static int
run_child(struct live *lv, char *const argv[])
{
	struct sigaction ign, old;
	pid_t pid;
	int st;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	clk_keys_off();
	fflush(lv->out);
	sigaction(SIGINT, &ign, &old);
	if ((pid = fork()) == -1) {
		sigaction(SIGINT, &old, NULL);
		return 127;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGINT, &old, NULL);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static void
grounding(struct live *lv)
{
	char *argv[] = { "ground", "--trial", lv->trial_id, NULL };

	fputs("\nOpening a grounding exercise.\n", lv->out);
	if (run_child(lv, argv) == 127)
		fputs("The grounding program, ground, is not installed here. "
		    "Take a slow breath,\nfeel your feet on the floor, and "
		    "name five things you can see.\n", lv->out);
	fputs("Back to the trial.\n", lv->out);
}

/* Offer grounding (steady's own pause rules, ladder(1)). */
static int
offer_ground(struct live *lv, const char *why)
{
	int yes, rc;

	fprintf(lv->out, "%s\n", why);
	rc = prompt_yesno(lv->p, "Would you like a grounding exercise now? "
	    "[y/N] ", 0, &yes);
	if (rc == PROMPT_OK && yes)
		grounding(lv);
	return rc;
}

/* The check-in every few minutes: distress and presence. */
static int
check_in(struct live *lv)
{
	char *why;
	long long d, pr;
	int rc;

	clk_keys_off();
	fprintf(lv->out, "\n%.0f minutes in.\n", lv->elapsed / 60);
	rc = ask_suds(lv->p, "Distress right now, 0-100 (Enter to skip): ",
	    &d);
	if (rc == PROMPT_OK) {
		if (d > lv->peak)
			lv->peak = d;
		if (d < pace.high_suds)
			lv->high_since = -1;
		else if (lv->high_since < 0)
			lv->high_since = lv->elapsed;
	} else if (rc != PROMPT_SKIP)
		return rc;
	rc = prompt_rating(lv->p, "How present do you feel, 0 far away .. 10 "
	    "fully here (Enter to skip): ", 0, 10, &pr);
	if (rc == PROMPT_OK && pr <= pace.present_low) {
		why = xasprintf("You feel far from the here and now (%lld of "
		    "10). Grounding can help you come back.", pr);
		rc = offer_ground(lv, why);
		free(why);
	} else if (rc == PROMPT_OK && lv->high_since >= 0 &&
	    lv->elapsed - lv->high_since >= (double)pace.high_minutes * 60) {
		why = xasprintf("Distress has stayed at %lld or more for about "
		    "%lld minutes.", pace.high_suds, pace.high_minutes);
		rc = offer_ground(lv, why);
		free(why);
		lv->high_since = -1;
	}
	if (rc != PROMPT_OK && rc != PROMPT_SKIP)
		return rc;
	fputs("Carry on whenever you are ready.\n", lv->out);
	return clk_keys_on(lv->keyfd) == -1 ? PROMPT_ERR : PROMPT_OK;
}

static void
show_time(const struct live *lv, long long planned)
{
	long s = (long)lv->elapsed;

	if (planned > 0)
		fprintf(lv->out, "\r  %02ld:%02ld of %02lld:00 ", s / 60,
		    s % 60, planned);
	else
		fprintf(lv->out, "\r  %02ld:%02ld ", s / 60, s % 60);
	fflush(lv->out);
}

/* One key during the timer: -1 to go on, else how the timer ended. */
static int
take_key(struct live *lv, int k)
{
	switch (k) {
	case CLK_TIMEOUT: return -1;
	case CLK_INTR: return T_INTR;
	case CLK_EOF: return T_EOF;
	case CLK_ERR:
		st_warnx("%s", st_error());
		return T_EOF;
	case 's': case 'S': return T_STOP;
	case '\n': case '\r': case 'd': case 'D': return T_DONE;
	case 'g': case 'G':
		grounding(lv);
		return clk_keys_on(lv->keyfd) == -1 ? T_EOF : -1;
	case '?':
		fputs("\n", lv->out);
		safety_show(lv->out, confdir);
		return -1;
	default: return -1;
	}
}

/* The timed part: until Enter, s, Ctrl-C or the planned time. */
static enum timed
run_timer(struct live *lv, long long planned)
{
	double start = clk_now(), next = (double)pace.prompt_minutes * 60;
	double wait;
	int rc, r = -1;

	fputs("\nStarting now.  Enter: finished   s: stop   g: grounding   "
	    "?: your safety plan\n", lv->out);
	if (clk_keys_on(lv->keyfd) == -1) {
		st_warnx("%s", st_error());
		return T_EOF;
	}
	for (;;) {
		lv->elapsed = clk_now() - start;
		show_time(lv, planned);
		if (planned > 0 && lv->elapsed >= (double)planned * 60) {
			fprintf(lv->out, "\nThat is the %lld minutes you "
			    "planned.\n", planned);
			r = T_DONE;
			break;
		}
		if (next > 0 && lv->elapsed >= next) {
			if ((rc = check_in(lv)) != PROMPT_OK) {
				r = rc == PROMPT_INTR ? T_INTR : T_EOF;
				break;
			}
			next += (double)pace.prompt_minutes * 60;
			continue;
		}
		wait = 1 - (lv->elapsed - (double)(long)lv->elapsed);
		if ((r = take_key(lv, clk_wait(lv->keyfd, wait))) >= 0)
			break;
	}
	clk_keys_off();
	if (prompt_interrupted(lv->p))
		r = T_INTR;
	lv->elapsed = clk_now() - start;
	return (enum timed)r;
}

/* Ask a 0-100 (or 0-max) rating into a trial cell; Enter skips. */
static int
ask_cell(struct prompt *p, struct trial *t, enum tcol c, const char *q,
    long long max)
{
	long long v;
	int rc = prompt_rating(p, q, 0, max, &v);

	if (rc == PROMPT_OK)
		tnum(t, c, v);
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

static int
ask_text(struct prompt *p, struct trial *t, enum tcol c, const char *q)
{
	char *s = NULL;
	int rc = prompt_text(p, q, &s);

	if (rc == PROMPT_OK)
		tset(t, c, s);
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* Consent; "no" ends here, noted in the log only when wanted. */
static int
consent(struct prompt *p, struct trial *t, const char *output)
{
	FILE *out = prompt_out(p);
	int yes, rc;

	rc = prompt_yesno(p, "Do you choose to do this now? You can stop at "
	    "any time. [y/N] ", 0, &yes);
	if (rc != PROMPT_OK || yes)
		return rc;
	fputs("That is fine. Not now is always a fair answer.\n", out);
	rc = prompt_yesno(p, "Would you like this choice noted in your log? "
	    "[y/N] ", 0, &yes);
	if (rc != PROMPT_OK)
		return rc;
	if (yes) {
		tset(t, T_KIND, xstrdup("declined"));
		if (save_trial(t, output) == -1)
			st_warnx("%s; nothing was saved", st_error());
		else
			fputs("Noted.\n", out);
	}
	return PROMPT_SKIP;
}

/* The prediction and the distress before. */
static int
before(struct prompt *p, struct trial *t, long long *pre)
{
	int rc;

	fputs("\nBefore you begin: what do you fear will happen? Say it so "
	    "that you could\nsee afterwards whether it happened.\n",
	    prompt_out(p));
	if ((rc = ask_text(p, t, T_EXPECT, "I fear that (Enter to skip): "))
	    != PROMPT_OK)
		return rc;
	if (t->v[T_EXPECT] != NULL && (rc = ask_cell(p, t, T_EXPECT_PCT,
	    "How likely does that feel, 0-100? ", 100)) != PROMPT_OK)
		return rc;
	*pre = -1;
	if ((rc = ask_suds(p, "Distress right now, 0-100: ", pre)) ==
	    PROMPT_OK)
		tnum(t, T_PRE, *pre);
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* Peak, end, outcome and what was learned; Enter skips each. */
static int
after(struct prompt *p, struct trial *t, long long heard)
{
	char *q;
	long long v;
	int rc;

	fputs("\nAfterwards: a few questions, each one skippable.\n",
	    prompt_out(p));
	q = heard >= 0 ? xasprintf("Distress at its highest, 0-100 (Enter "
	    "for %lld): ", heard) : xstrdup("Distress at its highest, 0-100: ");
	rc = ask_suds(p, q, &v);
	free(q);
	if (rc == PROMPT_OK || (rc == PROMPT_SKIP && heard >= 0))
		tnum(t, T_PEAK, rc == PROMPT_OK ? v : heard);
	else if (rc != PROMPT_SKIP)
		return rc;
	if ((rc = ask_suds(p, "Distress now, at the end, 0-100: ", &v)) ==
	    PROMPT_OK)
		tnum(t, T_POST, v);
	else if (rc != PROMPT_SKIP)
		return rc;
	if (t->v[T_EXPECT] != NULL && ((rc = ask_cell(p, t, T_OUTCOME_PCT,
	    "How far did what you feared happen, 0 not at all .. 100 fully? ",
	    100)) != PROMPT_OK || (rc = ask_cell(p, t, T_EXPECT_AFTER,
	    "How likely does it feel now, next time, 0-100? ", 100)) !=
	    PROMPT_OK))
		return rc;
	if ((rc = ask_cell(p, t, T_SURPRISE, "How surprised are you by how it "
	    "went, 0-100? ", 100)) != PROMPT_OK ||
	    (rc = ask_text(p, t, T_SAFETY, "Anything you did to feel safer "
	    "(Enter if nothing): ")) != PROMPT_OK ||
	    (rc = ask_text(p, t, T_LEARNED, "What did you learn? ")) !=
	    PROMPT_OK ||
	    (rc = ask_cell(p, t, T_PRESENT, "How present did you feel, 0 far "
	    "away .. 10 fully here? ", 10)) != PROMPT_OK)
		return rc;
	return ask_text(p, t, T_NOTE, "A note, if you like: ");
}

/* Mark the step mastered, when it looks ready and the person wants. */
static void
offer_mastered(struct prompt *p, const struct trial *t)
{
	struct ladder l;
	struct hist *h;
	struct step *s;
	int64_t nt;
	int yes = 0, fd;

	if (ladder_read(&l) == -1)
		return;
	h = hists_read(&l, &nt);
	s = find_step(&l, t->v[T_STEP_ID]);
	if (step_pace(&h[s - l.v], NULL) == PACE_READY &&
	    prompt_yesno(p, "Would you like to mark this step mastered? "
	    "[y/N] ", 0, &yes) == PROMPT_OK && yes) {
		hists_free(h, l.n);
		ladder_free(&l);
		fd = ladder_open(&l);
		s = find_step(&l, t->v[T_STEP_ID]);
		set_cell(s, L_STATUS, xstrdup("mastered"));
		ladder_close(&l, fd);
		fputs("Marked mastered. ladder next suggests what could come "
		    "next.\n", prompt_out(p));
		ladder_free(&l);
		return;
	}
	hists_free(h, l.n);
	ladder_free(&l);
}

static void
offer_reflect(struct live *lv, const struct trial *t)
{
	char *argv[] = { "reflect", "exposure", "--trial", t->v[T_ID], NULL };
	int yes = 0;

	if (prompt_yesno(lv->p, "Would you like to reflect on it now? [y/N] ",
	    0, &yes) != PROMPT_OK || !yes)
		return;
	if (run_child(lv, argv) == 127)
		fprintf(lv->out, "The reflection program, reflect, is not "
		    "installed here. Whenever it is:\n  reflect exposure "
		    "--trial %s\n", t->v[T_ID]);
}

/* Save the trial after the timed part; the exit status for it. */
static int
finish(struct live *lv, struct trial *t, enum timed how, int rc,
    const char *output)
{
	int saved;

	tnum(t, T_MINUTES, (long long)floor(lv->elapsed / 60 + 0.5));
	if (how != T_DONE)
		tset(t, T_STOPPED, xstrdup("yes"));
	if ((how == T_INTR || how == T_EOF) && lv->peak >= 0)
		tnum(t, T_PEAK, lv->peak);
	saved = save_trial(t, output) == 0;
	if (!saved) {
		st_warnx("%s; nothing was saved", st_error());
		keep_trial(t, output);
	} else if (how == T_INTR || how == T_EOF || rc != PROMPT_OK)
		fprintf(lv->out, "\nStopped, by your choice. The trial is "
		    "saved as %s, with what you gave.\n", t->v[T_ID]);
	else
		fprintf(lv->out, "\nSaved as %s. %s\n", t->v[T_ID],
		    how == T_STOP ? "Stopping was your choice, and a fair "
		    "one." : "Thank you for doing this.");
	if (!saved)
		return EXIT_ERR;
	if (how == T_INTR || rc == PROMPT_INTR)
		return EXIT_INTR;
	if (how == T_EOF || rc != PROMPT_OK)
		return EXIT_ERR;
	return EXIT_OK;
}

/* Consent, the prediction and the timer's length: PROMPT_OK to go on. */
static int
prepare(struct live *lv, struct trial *t, const char *output,
    long long *planned, long long *pre)
{
	char *q;
	int rc;

	if ((rc = consent(lv->p, t, output)) != PROMPT_OK ||
	    (rc = before(lv->p, t, pre)) != PROMPT_OK)
		return rc;
	q = xasprintf("Minutes for the timer (Enter for %lld, 0 for a timer "
	    "without an end): ", pace.trial_minutes);
	rc = prompt_rating(lv->p, q, 0, 240, planned);
	free(q);
	if (rc == PROMPT_SKIP) {
		*planned = pace.trial_minutes;
		rc = PROMPT_OK;
	}
	return rc;
}

static void
introduce(FILE *out, const struct step *s, const struct trial *t)
{
	fprintf(out, "Step %lld: %s (SUDS %lld)\n", s->id, s->cell[L_STEP],
	    s->suds);
	if (t->v[T_SUGGESTED] != NULL)
		fprintf(out, "Ladder suggests step %s next; choosing this "
		    "one is yours to do, and it is noted.\n",
		    t->v[T_SUGGESTED]);
	fputs("Press ? at any question to see your safety plan.\n", out);
}

int
cmd_start(struct opts *o, int argc, char **argv)
{
	struct ladder l;
	struct trial t;
	struct live lv = { 0 };
	struct step *s;
	long long planned = 0, pre = -1;
	enum timed how;
	int rc, status;

	if (argc != 1)
		usage();
	if (ladder_read(&l) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	s = find_step(&l, argv[0]);
	if (!isatty(STDIN_FILENO) || (lv.p = prompt_open()) == NULL)
		st_errx(EXIT_USAGE, "start needs a terminal; to record a trial "
		    "done elsewhere, use ladder log %lld --peak N", s->id);
	if (clk_init() == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	prompt_set_help(lv.p, show_plan, NULL);
	lv.out = prompt_out(lv.p);
	lv.peak = lv.high_since = -1;
	trial_init(&t, &l, s, "planned", trial_time(o->at));
	lv.trial_id = trial_next_id(t.ts);
	introduce(lv.out, s, &t);
	ladder_free(&l);
	if ((rc = prepare(&lv, &t, o->output, &planned, &pre)) != PROMPT_OK) {
		free(lv.trial_id);
		trial_free(&t);
		if (rc != PROMPT_SKIP)
			prompt_ended(lv.p, rc);
		prompt_close(lv.p);
		return EXIT_OK;
	}
	lv.keyfd = prompt_fd(lv.p);
	asking = lv.p;
	clk_set_stopped(signalled);
	how = run_timer(&lv, planned);
	clk_set_stopped(NULL);
	asking = NULL;
	rc = how == T_DONE || how == T_STOP ? after(lv.p, &t, lv.peak > pre ?
	    lv.peak : pre) : PROMPT_INTR;
	status = finish(&lv, &t, how, rc, o->output);
	free(lv.trial_id);
	if (status == EXIT_OK && o->output == NULL) {
		after_save(lv.out, &t, NULL);
		offer_mastered(lv.p, &t);
		offer_reflect(&lv, &t);
	}
	trial_free(&t);
	prompt_close(lv.p);
	return status;
}
