/* pacing: when a step looks ready, and when a smaller one may help. */
#include <math.h>

#include "config.h"
#include "pacing.h"

int
pacing_load(struct pacing *p, const char *confdir)
{
	if (setting_num(confdir, "ready_trials", 1, 100, 3,
	    &p->ready_trials) == -1 ||
	    setting_num(confdir, "ready_peak", 0, 100, 30,
	    &p->ready_peak) == -1 ||
	    setting_num(confdir, "exposure_ceiling", 1, 100, 90,
	    &p->ceiling) == -1 ||
	    setting_num(confdir, "ready_violation", 1, 100, 30,
	    &p->violation) == -1 ||
	    setting_num(confdir, "pace_repeats", 1, 100, 2,
	    &p->repeats) == -1)
		return -1;
	return 0;
}

enum pace
pacing_step(const struct pacing *p, const struct step_trials *s)
{
	/* Overwhelm first: it matters more than readiness. */
	if (s->high_peaks >= p->repeats || s->stops >= p->repeats)
		return PACE_SMALLER;
	if (s->trials < p->ready_trials)
		return PACE_KEEP;
	/* Peak distress has come down: low now, or half where it began. */
	if (!isnan(s->last_peak) && (s->last_peak <= p->ready_peak ||
	    (!isnan(s->first_peak) && s->last_peak <= s->first_peak / 2)))
		return PACE_READY;
	/* The feared outcome has repeatedly not happened as predicted. */
	if (s->recent_n >= p->repeats && !isnan(s->recent_violation) &&
	    s->recent_violation >= p->violation)
		return PACE_READY;
	return PACE_KEEP;
}
