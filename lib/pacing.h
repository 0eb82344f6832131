/*
 * pacing: steady's rules for suggesting the pace of exposure practice,
 * shared by ladder (which suggests) and report (which describes).  The
 * rules are steady's own, built from published practice (CLINICAL.md):
 * move on when peak distress on a step has fallen by about half, or has
 * stayed low for a few trials in a row, or the feared outcome has
 * repeatedly happened far less than predicted; stay, or add a smaller
 * in-between step, after a peak at or above a ceiling or after stops in
 * a row; never a jump far above the last step mastered.  Every number is
 * a setting in settings.csv (steady.5).  A suggestion, never a rule the
 * person must follow.  Pure apart from pacing_load.
 */
#ifndef STEADY_PACING_H
#define STEADY_PACING_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct pacing {
	long long ready_trials;	/* trials before the halving rule: 2 */
	long long ready_peak;	/* a low peak: 30 */
	long long ceiling;	/* a peak this high slows down: 85 */
	long long violation;	/* expect_pct - outcome_pct: 30 */
	long long repeats;	/* "in a row", "repeatedly": 2 */
	long long ready_drop;	/* per cent fall from the first peak: 50 */
	long long start_suds;	/* a moderate step to start at: 40 */
	long long max_jump;	/* above the last mastered step: 20 */
	long long prompt_minutes;	/* distress prompts in a trial: 5 */
	long long trial_minutes;	/* planned length of a trial: 30 */
	long long present_low;	/* offer grounding at or below: 3 (0-10) */
	long long high_suds;	/* offer grounding when distress stays */
	long long high_minutes;	/* at or above high_suds this long: 90, 10 */
};

/*
 * What one step's trials suggest.  PACE_SLOW (a single high peak) and
 * PACE_SMALLER (repeated) both mean "stay, or a smaller step".
 */
enum pace { PACE_KEEP, PACE_READY, PACE_SMALLER, PACE_SLOW };

/*
 * A step's trials as the rules see them; NAN where unknown.  The fields
 * after `stops` are zero when the caller does not know them (runs == 0):
 * then the in-a-row rules are judged from the counts before them.
 */
struct step_trials {
	int64_t trials;
	double first_peak, last_peak;
	double recent_violation;	/* mean over recent trials */
	int64_t recent_n;		/* trials behind it */
	int64_t high_peaks, stops;	/* among the latest three trials */
	int runs;			/* 1: the fields below are known */
	int64_t low_run;	/* latest trials in a row peaking <= ready */
	int64_t stop_run;	/* latest trials in a row stopped */
	int64_t violated_run;	/* latest in a row with violation >= rule */
	double run_expect, run_outcome;	/* their mean expect/outcome */
};

/* One trial of a step, oldest first, for pacing_summarise; NAN unknown. */
struct pace_trial {
	double peak;
	int stopped;
	double expect_pct, outcome_pct;
};

/*
 * The defaults, then settings.csv in confdir (steady.5 lists the names).
 * Returns 0, or -1 with st_error() set when a setting is out of range.
 */
int pacing_load(struct pacing *p, const char *confdir);

/* Fill s from a step's whole history of planned trials, oldest first. */
void pacing_summarise(const struct pacing *p, const struct pace_trial *t,
    size_t n, struct step_trials *s);

/* The suggestion for one step: slowing down first, then ready, else keep. */
enum pace pacing_step(const struct pacing *p, const struct step_trials *s);

/*
 * The same, with its reason in words appended to why, starting
 * "because ..." and without a full stop.
 */
enum pace pacing_explain(const struct pacing *p, const struct step_trials *s,
    struct strbuf *why);

/* A step of a ladder as pacing_next sees it. */
enum step_state { STEP_ACTIVE, STEP_MASTERED, STEP_RETIRED };
struct pace_step {
	long long suds;
	enum step_state state;
	enum pace pace;		/* pacing_step over its trials */
	int64_t trials;
	int64_t last;		/* order of its latest trial; 0: none */
};

/* What pacing_next suggests. */
enum next_kind {
	NEXT_NONE,		/* nothing left to suggest */
	NEXT_CONTINUE,		/* keep practising the current step */
	NEXT_STAY,		/* stay, or a smaller step before it */
	NEXT_START,		/* a first step, near the moderate level */
	NEXT_UP,		/* the next step up */
	NEXT_GAP		/* the next step is too far: an in-between */
};

/*
 * Choose across a ladder: the step being worked on unless it looks
 * ready, else the lowest step not yet mastered at or above start_suds
 * (else the highest below it), never more than max_jump above the
 * highest step mastered or ready (NEXT_GAP names the step that is too
 * far).  Returns the index into v (-1 with NEXT_NONE), sets *kind, and
 * appends the reason to why ("because ...", no full stop).
 */
long pacing_next(const struct pacing *p, const struct pace_step *v,
    size_t n, enum next_kind *kind, struct strbuf *why);

#endif
