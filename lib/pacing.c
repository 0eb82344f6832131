/* pacing: when a step looks ready, when to slow down, and what is next. */
#include <math.h>

#include "config.h"
#include "pacing.h"

/* How many of a step's latest trials the overwhelm counts look at. */
#define LATEST 3

struct setting {
	const char *name;
	long long min, max, def;
	size_t off;
};

#define OFF(f) offsetof(struct pacing, f)
static const struct setting settings[] = {
	{ "ready_trials", 1, 100, 2, OFF(ready_trials) },
	{ "ready_peak", 0, 100, 30, OFF(ready_peak) },
	{ "exposure_ceiling", 1, 100, 85, OFF(ceiling) },
	{ "ready_violation", 1, 100, 30, OFF(violation) },
	{ "pace_repeats", 1, 100, 2, OFF(repeats) },
	{ "ready_drop", 1, 100, 50, OFF(ready_drop) },
	{ "start_suds", 0, 100, 40, OFF(start_suds) },
	{ "max_jump", 1, 100, 20, OFF(max_jump) },
	{ "prompt_minutes", 0, 60, 5, OFF(prompt_minutes) },
	{ "trial_minutes", 0, 240, 30, OFF(trial_minutes) },
	{ "present_low", 0, 10, 3, OFF(present_low) },
	{ "high_suds", 0, 100, 90, OFF(high_suds) },
	{ "high_minutes", 1, 240, 10, OFF(high_minutes) },
};

int
pacing_load(struct pacing *p, const char *confdir)
{
	size_t i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (setting_num(confdir, settings[i].name, settings[i].min,
		    settings[i].max, settings[i].def,
		    (long long *)(void *)((char *)p + settings[i].off)) == -1)
			return -1;
	return 0;
}

static int
violated(const struct pacing *p, const struct pace_trial *t)
{
	return !isnan(t->expect_pct) && !isnan(t->outcome_pct) &&
	    t->expect_pct - t->outcome_pct >= (double)p->violation;
}

/* The latest trials in a row, from the end, for which fn holds. */
static int64_t
run_of(const struct pacing *p, const struct pace_trial *t, size_t n,
    int (*fn)(const struct pacing *, const struct pace_trial *))
{
	int64_t k = 0;

	while (n > 0 && fn(p, &t[n - 1])) {
		k++;
		n--;
	}
	return k;
}

static int
low(const struct pacing *p, const struct pace_trial *t)
{
	return !isnan(t->peak) && t->peak <= (double)p->ready_peak;
}

static int
stopped(const struct pacing *p, const struct pace_trial *t)
{
	(void)p;
	return t->stopped;
}

void
pacing_summarise(const struct pacing *p, const struct pace_trial *t,
    size_t n, struct step_trials *s)
{
	double se = 0, so = 0;
	size_t i;

	s->trials = (int64_t)n;
	s->first_peak = s->last_peak = s->recent_violation = NAN;
	s->recent_n = s->high_peaks = s->stops = 0;
	for (i = 0; i < n; i++) {
		if (isnan(s->first_peak))
			s->first_peak = t[i].peak;
		if (!isnan(t[i].peak))
			s->last_peak = t[i].peak;
		if (i + LATEST >= n) {
			s->high_peaks += !isnan(t[i].peak) &&
			    t[i].peak >= (double)p->ceiling;
			s->stops += t[i].stopped != 0;
		}
	}
	s->runs = 1;
	s->low_run = run_of(p, t, n, low);
	s->stop_run = run_of(p, t, n, stopped);
	s->violated_run = run_of(p, t, n, violated);
	for (i = n - (size_t)s->violated_run; i < n; i++) {
		se += t[i].expect_pct;
		so += t[i].outcome_pct;
	}
	s->run_expect = s->violated_run ? se / (double)s->violated_run : NAN;
	s->run_outcome = s->violated_run ? so / (double)s->violated_run : NAN;
	s->recent_violation = s->run_expect - s->run_outcome;
	s->recent_n = s->violated_run;
}

static const char *
tries(int64_t n)
{
	return n == 1 ? "try" : "tries";
}

/* Stay, or a smaller step: PACE_KEEP when neither applies. */
static enum pace
slow_down(const struct pacing *p, const struct step_trials *s,
    struct strbuf *why)
{
	int64_t stops = s->runs ? s->stop_run : s->stops;

	if (s->high_peaks >= p->repeats) {
		sb_printf(why, "because %lld of your latest tries on this "
		    "step peaked at %lld or more", (long long)s->high_peaks,
		    p->ceiling);
		return PACE_SMALLER;
	}
	if (stops >= p->repeats) {
		sb_printf(why, "because you chose to stop %s %lld %s early, "
		    "which is always a fair choice", s->runs ? "the last" :
		    "of the latest", (long long)stops, tries(stops));
		return PACE_SMALLER;
	}
	if (!isnan(s->last_peak) && s->last_peak >= (double)p->ceiling) {
		sb_printf(why, "because your last peak on this step was %g, "
		    "at or above %lld", s->last_peak, p->ceiling);
		return PACE_SLOW;
	}
	return PACE_KEEP;
}

/* Ready to move on: PACE_KEEP when no rule says so. */
static enum pace
ready(const struct pacing *p, const struct step_trials *s,
    struct strbuf *why)
{
	int64_t lows = s->runs ? s->low_run : (!isnan(s->last_peak) &&
	    s->last_peak <= (double)p->ready_peak ? s->trials : 0);

	if (s->trials >= p->ready_trials && s->trials >= 2 &&
	    !isnan(s->first_peak) && !isnan(s->last_peak) &&
	    s->first_peak > 0 && s->last_peak <= s->first_peak *
	    (double)(100 - p->ready_drop) / 100) {
		sb_printf(why, "because your peak distress on this step fell "
		    "from %g to %g over %lld tries", s->first_peak,
		    s->last_peak, (long long)s->trials);
		return PACE_READY;
	}
	if (lows >= p->repeats && s->runs) {
		sb_printf(why, "because your peak distress stayed at or below "
		    "%lld for the last %lld %s", p->ready_peak,
		    (long long)lows, tries(lows));
		return PACE_READY;
	}
	if (lows >= p->repeats) {
		sb_printf(why, "because your latest peak, after %lld tries, was "
		    "at or below %lld", (long long)s->trials, p->ready_peak);
		return PACE_READY;
	}
	if (s->runs && s->violated_run >= p->repeats) {
		sb_printf(why, "because the feared outcome happened far less "
		    "than you predicted on the last %lld tries (predicted "
		    "%.0f on average, happened %.0f)",
		    (long long)s->violated_run, s->run_expect,
		    s->run_outcome);
		return PACE_READY;
	}
	if (!s->runs && s->trials >= p->ready_trials &&
	    s->recent_n >= p->repeats && !isnan(s->recent_violation) &&
	    s->recent_violation >= (double)p->violation) {
		sb_printf(why, "because the feared outcome happened far less "
		    "than predicted, by %.0f points on average over %lld "
		    "tries", s->recent_violation, (long long)s->recent_n);
		return PACE_READY;
	}
	return PACE_KEEP;
}

enum pace
pacing_explain(const struct pacing *p, const struct step_trials *s,
    struct strbuf *why)
{
	enum pace r;

	/* Slowing down comes first: it matters more than readiness. */
	if ((r = slow_down(p, s, why)) != PACE_KEEP)
		return r;
	if ((r = ready(p, s, why)) != PACE_KEEP)
		return r;
	if (s->trials == 0)
		sb_puts(why, "because you have not tried it yet");
	else if (isnan(s->last_peak))
		sb_printf(why, "because you have tried it %lld %s, with no "
		    "peak rated yet", (long long)s->trials,
		    s->trials == 1 ? "time" : "times");
	else if (s->trials == 1)
		sb_printf(why, "because you have tried it once so far (peak "
		    "%g)", s->last_peak);
	else
		sb_printf(why, "because your peak distress on this step went "
		    "from %g to %g over %lld tries; it has not yet fallen by "
		    "%lld%% or stayed at or below %lld", s->first_peak,
		    s->last_peak, (long long)s->trials, p->ready_drop,
		    p->ready_peak);
	return PACE_KEEP;
}

enum pace
pacing_step(const struct pacing *p, const struct step_trials *s)
{
	struct strbuf sb = { 0 };
	enum pace r = pacing_explain(p, s, &sb);

	sb_free(&sb);
	return r;
}

/* Mastered, or looking ready: a step to climb from. */
static int
climbed(const struct pace_step *s)
{
	return s->state == STEP_MASTERED ||
	    (s->state == STEP_ACTIVE && s->pace == PACE_READY);
}

/* The step being worked on: active, tried, the latest trial. */
static long
current(const struct pace_step *v, size_t n)
{
	long best = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].state == STEP_ACTIVE && v[i].last > 0 &&
		    (best < 0 || v[i].last > v[best].last))
			best = (long)i;
	return best;
}

/* The lowest open step at or above lo, else the highest below it. */
static long
lowest_open(const struct pace_step *v, size_t n, long long lo)
{
	long up = -1, down = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].state != STEP_ACTIVE || v[i].pace == PACE_READY)
			continue;
		if (v[i].suds >= lo && (up < 0 || v[i].suds < v[up].suds))
			up = (long)i;
		if (v[i].suds < lo && (down < 0 || v[i].suds > v[down].suds))
			down = (long)i;
	}
	return up >= 0 ? up : down;
}

long
pacing_next(const struct pacing *p, const struct pace_step *v, size_t n,
    enum next_kind *kind, struct strbuf *why)
{
	long cur = current(v, n), pick, base = -1;
	size_t i;

	if (cur >= 0 && v[cur].pace != PACE_READY) {
		*kind = v[cur].pace == PACE_KEEP ? NEXT_CONTINUE : NEXT_STAY;
		sb_puts(why, "because it is the step you are working on and "
		    "it does not look ready yet");
		return cur;
	}
	for (i = 0; i < n; i++)
		if (climbed(&v[i]) && (base < 0 || v[i].suds > v[base].suds))
			base = (long)i;
	if ((pick = lowest_open(v, n, p->start_suds)) < 0) {
		*kind = NEXT_NONE;
		sb_puts(why, "because every step is mastered, looks ready or "
		    "is set aside");
		return -1;
	}
	if (v[pick].suds > (base >= 0 ? v[base].suds : p->start_suds) +
	    p->max_jump) {
		*kind = NEXT_GAP;
		sb_printf(why, "because the next step, at %lld, is more than "
		    "%lld above %s (%lld)", v[pick].suds, p->max_jump,
		    base >= 0 ? "your highest step mastered or ready" :
		    "the moderate level to start at", base >= 0 ?
		    v[base].suds : p->start_suds);
		return pick;
	}
	*kind = base >= 0 ? NEXT_UP : NEXT_START;
	if (base >= 0)
		sb_printf(why, "because it is the lowest step not yet "
		    "mastered from %lld up, and within %lld of your highest "
		    "step mastered or ready (%lld)", p->start_suds,
		    p->max_jump, v[base].suds);
	else if (v[pick].suds >= p->start_suds)
		sb_printf(why, "because it is the lowest step at or above "
		    "%lld, a moderate place to start", p->start_suds);
	else
		sb_printf(why, "because no open step is rated %lld or more, "
		    "and it is the nearest to that moderate place to start",
		    p->start_suds);
	return pick;
}
