/*
 * pacing: steady's rules for suggesting the pace of exposure practice,
 * shared by ladder (which suggests) and report (which describes).  The
 * rules are steady's own, built from published practice (CLINICAL.md):
 * move on when peak distress on a step has come down or the feared
 * outcome has repeatedly not happened as predicted; a smaller in-between
 * step after several peaks at or above a ceiling or several early stops.
 * Every number is a setting in settings.csv (steady.5).  A suggestion,
 * never a rule the person must follow.
 */
#ifndef STEADY_PACING_H
#define STEADY_PACING_H

#include <stdint.h>

struct pacing {
	long long ready_trials;	/* trials before "ready" can be said: 3 */
	long long ready_peak;	/* a last peak at or below this: 30 */
	long long ceiling;	/* peaks at or above this count: 90 */
	long long violation;	/* expect_pct - outcome_pct, recently: 30 */
	long long repeats;	/* how many high peaks or stops: 2 */
};

/* What one step's trials suggest. */
enum pace { PACE_KEEP, PACE_READY, PACE_SMALLER };

/* A step's trials as the rules see them; NAN where unknown. */
struct step_trials {
	int64_t trials;
	double first_peak, last_peak;
	double recent_violation;	/* mean over the last two weeks */
	int64_t recent_n;		/* trials behind it */
	int64_t high_peaks, stops;
};

/*
 * The defaults, then settings.csv in confdir (ready_trials, ready_peak,
 * exposure_ceiling, ready_violation, pace_repeats).  Returns 0, or -1
 * with st_error() set when a setting is out of range.
 */
int pacing_load(struct pacing *p, const char *confdir);

/* The suggestion for one step: smaller first, then ready, else keep. */
enum pace pacing_step(const struct pacing *p, const struct step_trials *s);

#endif
