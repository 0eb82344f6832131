/*
 * reflect's shared parts: the columns and kinds of entries, an entry
 * being written, and what each file offers the others.  entry.c asks and
 * takes fields, save.c writes entries and finds trials, look.c shows the
 * week, scans and searches, main.c drives.
 */
#ifndef STEADY_REFLECT_H
#define STEADY_REFLECT_H

#include <stdio.h>
#include <time.h>

#include "csvio.h"
#include "prompt.h"
#include "traps.h"
#include "util.h"

#define LOGNAME "reflect.csv"
#define TEXT_MAX (256 * 1024)	/* longest entry taken from a pipe */

/* The columns of reflect.csv, in the order a new log gets them. */
enum col {
	C_TS, C_KIND, C_ID, C_PROMPT, C_TEXT, C_SITUATION, C_EMOTION,
	C_INTENSITY, C_THOUGHT, C_TRAPS, C_EVFOR, C_EVAGAINST, C_BALANCED,
	C_INTENSITY_AFTER, C_BELIEF, C_PREDICTION, C_DONE, C_HAPPENED,
	C_BELIEF_AFTER, C_TRIAL, C_STEP, C_WENT_WELL, C_HARD, C_ADJUST,
	C_LEARNED, C_WEEK, NCOLS
};

enum kind { JOURNAL, THOUGHT, EXPOSURE, WEEKLY, EXPERIMENT, NKINDS };

/* What a step asks for. */
enum ask { TEXT, RATING, TRAPS };

struct step {
	enum col col;
	enum ask ask;
	const char *question;
};

/* The journal prompts: name, stage of recovery, words. */
struct jprompt {
	char *name, *stage, *text;
};

enum mode { ENTRY, SCAN, SEARCH, PROMPTS, TRAPLIST };

struct opts {
	enum mode mode;
	enum kind kind;
	const char *output, *prompt, *trial, *skind, *since, *until;
	int line;
};

/* One entry being written: a value per column, NULL when empty. */
struct rec {
	enum kind kind;
	time_t ts;
	char *f[NCOLS];
};

extern const char *const colname[NCOLS];
extern const char *const *const kindname;	/* by enum kind */
extern const struct step *const steps[NKINDS];
extern const enum col extra_cols[NKINDS][2];

extern char *confdir, *datadir;		/* main.c */
extern struct traps *traps;		/* main.c; load_traps() fills it */
extern struct redact *redact;		/* main.c; --redact, or NULL */
extern struct jprompt *jprompts;	/* entry.c; load_prompts() fills it */
extern size_t njprompts;

/* entry.c: entries, prompts and asking. */
void rec_free(struct rec *r);
void rec_set(struct rec *r, enum col c, const char *v);	/* copies v */
int filled(const struct rec *r, enum col c);
int rec_empty(const struct rec *r);
const struct step *step_of(enum kind k, enum col c);
int load_traps(void);			/* -1: said on stderr */
int load_prompts(void);			/* -1: st_error() says why */
void free_prompts(void);
const struct jprompt *pick_prompt(const char *name, time_t now);
long local_day(time_t t);
const char *cell(struct csvr *r, int col);	/* "" when absent */
void show_plan(void *arg, FILE *out);
void ask_intro(struct prompt *p, const struct rec *r);
/* Every step of r's kind on the terminal: PROMPT_OK or why it stopped. */
int ask_all(struct prompt *p, struct rec *r, const struct opts *o);
/* Fields from operands or standard input, without asking; exits 2. */
void fill_quietly(struct rec *r, int argc, char **argv);

/* save.c: writing entries, and the trial an entry looks back on. */
int save_log(const char *path, struct rec *r);	/* -1: st_error() */
int save_stdout(struct rec *r);	/* -1 when it cannot be redacted */
int needs_plan(const struct rec *r);
void offer_words(struct prompt *p, const struct rec *r);
/* Saving to path failed: keep the entry in a private file, say where. */
void keep_words(const char *path, struct rec *r);
/* Sets trial and step from --trial ID (exits 1 when unknown) or, on a
 * terminal, the last trial if the person says so. */
void link_trial(struct rec *r, const char *id, struct prompt *p);

/* look.c: the week, scanning, searching, the lists. */
void weekly_summary(FILE *out, struct rec *r);	/* out NULL: week only */
int cmd_scan(int argc, char **argv);
int cmd_search(const struct opts *o, int argc, char **argv);
int cmd_prompts(void);
int cmd_traps(void);

#endif
