/*
 * ladder's shared parts: the hierarchy (steps.c), the trial log and the
 * pacing it feeds (trials.c), the trial on the terminal (live.c), and
 * the options and commands (main.c).
 */
#ifndef STEADY_LADDER_H
#define STEADY_LADDER_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "pacing.h"
#include "prompt.h"
#include "util.h"

#define LADDERS "ladder.csv"
#define TRIALS "trials.csv"
#define ANCHORS "suds-anchors.csv"
#define DEFAULT_LADDER "main"

/* trials.csv's columns, in order; a trial's cells are kept by index. */
enum tcol {
	T_TS, T_ID, T_KIND, T_LADDER, T_STEP_ID, T_STEP, T_PRE, T_PEAK,
	T_POST, T_MINUTES, T_EXPECT, T_EXPECT_PCT, T_OUTCOME_PCT,
	T_EXPECT_AFTER, T_SURPRISE, T_SAFETY, T_LEARNED, T_PRESENT,
	T_STOPPED, T_SUGGESTED, T_NOTE, T_NCOLS
};
extern const char *const tcols[T_NCOLS];

/* ladder.csv's columns. */
enum lcol {
	L_ID, L_LADDER, L_STEP, L_SUDS, L_FIRST, L_STATUS, L_CREATED,
	L_RATINGS, L_NCOLS
};
extern const char *const lcols[L_NCOLS];

struct opts {
	const char *ladder, *suds, *at, *output;
	char *cell[T_NCOLS];	/* trial options, by column */
	int ntrial;		/* how many trial options were given */
};

/* A step: its cells as text, and its id and latest rating as numbers. */
struct step {
	char *cell[L_NCOLS];
	long long id, suds;
};

/* Every step of every ladder, in file order. */
struct ladder {
	struct step *v;
	size_t n;
	long long maxid;	/* ids are never reused */
};

/* A step's planned trials, oldest first, for the pacing rules. */
struct hist {
	struct pace_trial *t;
	size_t n;
	int64_t last;		/* order of its latest planned trial */
};

/* A trial being recorded: malloc'd cells by column (NULL is empty). */
struct trial {
	char *v[T_NCOLS];
	time_t ts;
};

extern char *confdir, *datadir, *ladderpath, *trialpath;
extern struct pacing pace;
extern struct redact *redact;	/* --redact, or NULL */

/* main.c */
void usage(void) __attribute__((noreturn));
/* A whole number option in [min, max]; exits 2 naming it otherwise. */
long long num_arg(const char *name, const char *s, long long min,
    long long max);
void show_plan(void *arg, FILE *out);	/* "?" at a question */

/* steps.c: reading fails with st_error() set; the others exit. */
int ladder_read(struct ladder *l);
void ladder_free(struct ladder *l);
/* Lock and read for a change; write it and unlock.  Exit 1 on failure. */
int ladder_open(struct ladder *l);
void ladder_close(struct ladder *l, int fd);
/* The step with id arg; exits 2 when arg is no id, 1 when unknown. */
struct step *find_step(struct ladder *l, const char *arg);
void set_cell(struct step *s, enum lcol c, char *v);
/* A SUDS rating asked with the person's anchors shown first. */
int ask_suds(struct prompt *p, const char *question, long long *v);
/* A question went unanswered (rc): say nothing changed, and exit. */
void prompt_ended(struct prompt *p, int rc) __attribute__((noreturn));
int cmd_anchors(int argc, char **argv);
int cmd_list(const struct opts *o, int next);
int cmd_add(const struct opts *o, int argc, char **argv);
int cmd_rate(const struct opts *o, int argc, char **argv);
int cmd_edit(const struct opts *o, int argc, char **argv);
int cmd_split(const struct opts *o, int argc, char **argv);
int cmd_status(int argc, char **argv, const char *status);

/* trials.c */
/* Each step's planned trials, by index into l (one more slot for
 * trials of steps no longer in l); *ntrials counts them all. */
struct hist *hists_read(const struct ladder *l, int64_t *ntrials);
void hists_free(struct hist *h, size_t n);	/* n: l->n, as read */
/* The pacing rules over a step's trials; why may be NULL. */
enum pace step_pace(const struct hist *h, struct strbuf *why);
enum step_state state_of(const struct step *s);
/* The suggestion for the ladder called name: an index into l, or -1. */
long suggest(const struct ladder *l, const struct hist *h, const char *name,
    enum next_kind *kind, struct strbuf *why);
void print_pace(FILE *out, const struct step *s, const struct hist *h);
void trial_init(struct trial *t, const struct ladder *l, const struct step *s,
    const char *kind, time_t ts);
void trial_free(struct trial *t);
void tset(struct trial *t, enum tcol c, char *v);	/* takes v */
void tnum(struct trial *t, enum tcol c, long long v);
/* Append to the log (or -o FILE, or - for stdout), setting the id.
 * Returns 0, or -1 with st_error() set. */
int save_trial(struct trial *t, const char *output);
/* After save_trial failed: the trial kept in a private file, told. */
void keep_trial(struct trial *t, const char *output);
/* The id a trial at ts will be given when saved to the log (malloc'd). */
char *trial_next_id(time_t ts);
time_t trial_time(const char *at);	/* --at, or now; exits when bad */
void after_save(FILE *out, const struct trial *t, const char *output);
int cmd_log(struct opts *o, int argc, char **argv, const char *kind);

/* live.c */
int cmd_start(struct opts *o, int argc, char **argv);

#endif
