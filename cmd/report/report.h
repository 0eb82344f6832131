/*
 * report's shared parts: the groups it builds from the rows it reads,
 * and the measures they hold.  read.c fills them, partial.c writes and
 * merges them, render.c turns them into a document, main.c drives.
 */
#ifndef STEADY_REPORT_H
#define STEADY_REPORT_H

#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "csvio.h"
#include "out.h"
#include "pacing.h"
#include "redact.h"
#include "stats.h"
#include "util.h"

enum period { BY_ALL, BY_DAY, BY_WEEK, BY_MONTH };

struct opts {
	enum out_format format;
	int format_set;
	enum period by;
	const char *group, *since, *until, *cols, *source;
	int strict, summary, partial, merge;
	struct redact *redact;	/* --redact: columns hidden as read */
	int urges;		/* read urge logs (promise urge) too */
};

/*
 * What a log is, from its header: steady's own logs get their own views
 * (a practice per row, a step per trial...), anything else is summarised
 * column by column.
 */
enum kind {
	K_GENERIC, K_CHECKIN, K_GROUND, K_TRIALS, K_REFLECT, K_LADDER,
	K_PROMISE
};

extern const char *const kind_names[];

/* A measure: a column (or a difference of two) summarised per group. */
struct measure {
	char *name;
	enum better better;	/* from items.csv or the log's kind */
	int directed;		/* 0: no better way; words stay neutral */
	int textseen;		/* a generic column with text: not a number */
	int named;		/* given with --cols, or a known column */
};

extern struct measure *measures;
extern size_t nmeasures;

/* One exposure trial as the pacing rules see it: its instant, and its
 * peak, expected and actual outcome (scaled; -1 when not rated). */
struct trial {
	int64_t t, v, ex, oc;
	int stop;		/* stopped early, by choice */
};

/*
 * The groups: source, group value, period and a sub-key per kind.  Each
 * distinct key is kept once for all groups (read.c), so two groups'
 * keys are equal exactly when they are the same pointer; what a lookup
 * reads comes first.
 */
struct group {
	uint32_t hash;
	enum kind kind;
	struct group *next;
	const char *source, *gval, *period, *sub;
	int pend;		/* its slot of rows not yet added (read.c), or -1 */
	struct stats *m;	/* one per measure id, grown as needed */
	size_t nm;
	struct daymap days;	/* days with a record */
	int64_t rows;
	int timed;		/* its rows have times (a ts column) */
	int64_t low_safety;	/* check-ins at or below the threshold */
	struct dayseries *ds;	/* per measure, for sources with practice */
	size_t nds;
	struct peaks *peaks;	/* trials: NULL until the first */
};

/* The latest trials of a step, oldest first. */
struct peaks {
	int n;
	struct trial tr[12];
};
/* A group's peaks, or none: never NULL. */
const struct peaks *group_peaks(const struct group *g);

extern struct group **groups;	/* in order of creation */
extern size_t ngroups;

/* Rules for concerns and wins (settings.csv; steady.5). */
struct rules {
	long long safety_threshold, gap_days, min_days;
};
extern struct rules rules;
extern struct pacing pace;
extern struct items items;
extern int64_t badrows;
/* Trials with the grounding and reflection that carry their id. */
extern struct links *trial_links;
extern int concerns_found;	/* set by render.c when it names a concern */

/* The range asked for, as instants: [since, until). */
struct range {
	int has_since, has_until;
	time_t since, until, now;
};
extern struct range range;

/* Thinking traps are counted as measures named with this prefix. */
#define TRAP "trap:"

/* read.c: the measures, the groups, and the rows that fill them. */
size_t measure_id(const char *name, int named);
/* The id of the measure called name, or (size_t)-1: never creates one. */
size_t measure_find(const char *name);
int is_trap(size_t id);
struct group *group_get(const char *src, const char *gval,
    const char *period, const char *sub, enum kind kind);
/* Every key, in byte order, each ranked (caller frees the array); NULL
 * when there are too many to number. */
const char **keys_sorted(size_t *n);
/* The key of this text, kept once for all groups. */
const char *key_intern(const char *s);

/*
 * A group a kept piece holds (read.c): its source, group value, period
 * and sub-key as numbers in the list of the keys' text it sent, and its
 * kind.
 */
struct rkey {
	uint32_t key[4];
	uint32_t kind;
};
/*
 * The kept piece: whether there is one; its process and its words both
 * ways; its groups' keys, in order, and their text (kept here); the
 * groups at places idx[0..n-1] of that order fetched whole and merged
 * here, or with idx NULL all of them, and the piece let go: -1 (told)
 * when they could not be.  keeper_end lets it go (stop: at once) and,
 * with wait, waits for its end: -1 when it failed.
 */
int keeper_on(void);
int keeper_channel(pid_t *pid, int *ctl, FILE **in);
const struct rkey *keeper_keys(size_t *n, const char *const **str);
int keeper_fetch(const uint32_t *idx, size_t n);
int keeper_end(int stop, int wait);
struct stats *group_stats(struct group *g, size_t id);
/*
 * Set each group key's place in byte order among all the keys, which
 * key_rank() then gives, from 0 to *n - 1: -1 when there are too many
 * to number.
 */
int keys_rank(size_t *n);
uint32_t key_rank(const char *key);
/* A day's or an ISO week's label: its summaries are plain. */
int period_short(const char *period);
struct dayseries *group_series(struct group *g, size_t id);
void peaks_add(struct peaks **pp, const struct trial *x);
void prescan(int argc, char **argv, const struct opts *o);
int read_file(const char *path, const struct opts *o);
/* STEADY_JOBS and STEADY_PIECE_MIN; -1 (told) when one is wrong. */
int pieces_setup(void);
/* How many processes report may run at once (STEADY_JOBS). */
int report_jobs(void);
void groups_free(void);

/* partial.c: the whole state as CSV, and back. */
void write_partial(FILE *fp);
int read_partial(const char *path);
/* A partial read to its end from fp, which stays open; name for messages. */
int read_partial_stream(FILE *fp, const char *name);
/*
 * The same state between a piece's child and its parent only, as bytes:
 * write_piece sends this process's measures and groups; read_piece
 * merges what a child sent, to the end of fp, and returns 0 or -1.
 */
void write_piece(FILE *fp);
int read_piece(FILE *fp);
/* Only groups[pick[0..n-1]], read where more follows; and the keys
 * alone (struct rkey), *same when the measures are this process's. */
void write_piece_some(FILE *fp, const uint32_t *pick, size_t n);
int read_piece_some(FILE *fp);
void write_keys(FILE *fp);
int read_keys(FILE *fp, int *same, struct rkey **rk, size_t *nrk,
    const char ***str, size_t *nstr);

/* The source of a file's rows: its folder's name (read.c). */
char *source_of(const char *path, const struct opts *o);
/*
 * Is src the person's own: were all its files read from the data
 * directory itself (never standard input, nor a partial)?  Only then are
 * their hard dates shown on it.
 */
int source_own(const char *src);

/* forms.c: questionnaire scores (forms.csv, from checkin --form). */
int forms_log(struct csvr *r);	/* 1 when r's header is a forms log's */
int forms_read(struct csvr *r, const char *path, const struct opts *o);
int forms_any(void);
void forms_render(struct out *o, enum out_format f);
void forms_free_all(void);
/* forms.c: practice assignments (assignments.csv) against the logs. */
/* 1 when r's header is an assignments file's */
int assign_log(struct csvr *r);
int assign_read(const char *path, const struct opts *o);
void assign_seen(const char *path, enum kind k, const char *source);
int assign_any(void);
void assign_render(struct out *o);
void assign_free_all(void);

/* render.c: the document, in the format asked for; -1 (told) when part
 * of it could not be written. */
int render(const struct opts *o);
/* What a process writing part of the report would otherwise look up,
 * and might warn of, again: before it starts, with a source to be
 * written (or NULL). */
void render_ahead(const char *src);
/*
 * In a process writing part of the report: the runs its parent gives it
 * over ctl, each of groups[0..nseq) from a place in them, in turns, with
 * its word back on reply; its exit status.
 */
int partner_runs(int ctl, FILE *reply, size_t nseq);
/* The groups in the order the report shows them. */
void groups_sort(void);

/*
 * A weekly check-in figure needs at least 4 of the week's 7 days
 * (CLINICAL.md): thinner weeks are left as gaps in sparklines and charts.
 */
#define WEEK_MIN_DAYS 4

/*
 * promise.c: a couple's shared record (promise(1)).  promise_row counts
 * one record in its group, by week over the whole range; it returns
 * NULL, or why the row cannot be used.  promise_block writes a
 * source's record beside the trust rating of check-ins; full is the
 * tidy table's columns for csv, tsv and json, else NULL.
 */
const char *promise_row(const char *src, const char *gval,
    const char *period, enum period by, struct csvr *r, time_t t,
    int32_t day);
void promise_block(struct out *o, struct group **g, size_t n,
    const struct out_col *full, size_t nfull);

#endif
