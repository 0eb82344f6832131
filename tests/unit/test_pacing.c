/* Unit tests for lib/pacing: each rule as a table of trial histories. */
#include <math.h>

#include "pacing.h"
#include "unit.h"
#include "util.h"

#define N NAN

static const struct pacing defaults = {
	2, 30, 85, 30, 2, 50, 40, 20, 5, 30, 3, 90, 10
};

/* A history: up to 6 trials of peak, stopped, expect_pct, outcome_pct. */
struct history {
	const char *what;
	size_t n;
	struct pace_trial t[6];
	enum pace want;
	const char *why;
};

static const struct history histories[] = {
	{ "no trials yet", 0, { { N, 0, N, N } }, PACE_KEEP,
	    "because you have not tried it yet" },
	{ "one trial", 1, { { 70, 0, N, N } }, PACE_KEEP,
	    "because you have tried it once so far (peak 70)" },
	{ "one trial, no peak", 1, { { N, 1, N, N } }, PACE_KEEP,
	    "because you have tried it 1 time, with no peak rated yet" },
	{ "halved over four tries", 4, { { 70, 0, N, N }, { 60, 0, N, N },
	    { 45, 0, N, N }, { 35, 0, N, N } }, PACE_READY,
	    "because your peak distress on this step fell from 70 to 35 "
	    "over 4 tries" },
	{ "just over half", 3, { { 70, 0, N, N }, { 50, 0, N, N },
	    { 36, 0, N, N } }, PACE_KEEP,
	    "because your peak distress on this step went from 70 to 36 "
	    "over 3 tries; it has not yet fallen by 50% or stayed at or "
	    "below 30" },
	{ "low twice in a row", 2, { { 35, 0, N, N }, { 30, 0, N, N },
	}, PACE_KEEP, NULL },
	{ "low for the last two", 3, { { 50, 0, N, N }, { 30, 0, N, N },
	    { 28, 0, N, N } }, PACE_READY,
	    "because your peak distress stayed at or below 30 for the last "
	    "2 tries" },
	{ "low for two, not halved", 3, { { 40, 0, N, N }, { 30, 0, N, N },
	    { 25, 0, N, N } }, PACE_READY,
	    "because your peak distress stayed at or below 30 for the last "
	    "2 tries" },
	{ "low once, after a high one", 2, { { 45, 0, N, N },
	    { 30, 0, N, N } }, PACE_KEEP, NULL },
	{ "expectancy violated twice", 3, { { 60, 0, 80, 60 },
	    { 60, 0, 80, 20 }, { 55, 0, 70, 10 } }, PACE_READY,
	    "because the feared outcome happened far less than you "
	    "predicted on the last 2 tries (predicted 75 on average, "
	    "happened 15)" },
	{ "violated once only", 2, { { 60, 0, 80, 60 }, { 60, 0, 80, 10 } },
	    PACE_KEEP, NULL },
	{ "a single peak at the ceiling", 2, { { 60, 0, N, N },
	    { 85, 0, N, N } }, PACE_SLOW,
	    "because your last peak on this step was 85, at or above 85" },
	{ "just under the ceiling", 1, { { 84, 0, N, N } }, PACE_KEEP,
	    NULL },
	{ "two high peaks in the latest three", 3, { { 90, 0, N, N },
	    { 88, 0, N, N }, { 40, 0, N, N } }, PACE_SMALLER,
	    "because 2 of your latest tries on this step peaked at 85 or "
	    "more" },
	{ "high peaks long ago pass", 5, { { 95, 0, N, N }, { 95, 0, N, N },
	    { 60, 0, N, N }, { 50, 0, N, N }, { 40, 0, N, N } }, PACE_READY,
	    "because your peak distress on this step fell from 95 to 40 "
	    "over 5 tries" },
	{ "two stops in a row", 3, { { 50, 0, N, N }, { 60, 1, N, N },
	    { N, 1, N, N } }, PACE_SMALLER,
	    "because you chose to stop the last 2 tries early, which is "
	    "always a fair choice" },
	{ "stops not in a row", 3, { { 50, 1, N, N }, { 60, 0, N, N },
	    { 55, 1, N, N } }, PACE_KEEP, NULL },
	{ "slowing down beats ready", 3, { { 80, 0, N, N }, { 20, 1, N, N },
	    { 20, 1, N, N } }, PACE_SMALLER,
	    "because you chose to stop the last 2 tries early, which is "
	    "always a fair choice" },
};

static void
test_histories(void)
{
	struct step_trials s;
	struct strbuf why = { 0 };
	size_t i;

	for (i = 0; i < sizeof(histories) / sizeof(histories[0]); i++) {
		const struct history *h = &histories[i];

		pacing_summarise(&defaults, h->t, h->n, &s);
		sb_reset(&why);
		CHECK_INT(pacing_explain(&defaults, &s, &why), h->want,
		    h->what);
		if (h->why != NULL)
			CHECK_STR(why.s, h->why, h->what);
		CHECK_INT(pacing_step(&defaults, &s), h->want, h->what);
	}
	sb_free(&why);
}

/* report fills only the first fields: the counts stand in for runs. */
static void
test_counts_only(void)
{
	struct step_trials s = { 3, 70, 30, NAN, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct strbuf why = { 0 };

	CHECK_INT(pacing_step(&defaults, &s), PACE_READY, "counts: halved");
	s.first_peak = 40;
	sb_reset(&why);
	CHECK_INT(pacing_explain(&defaults, &s, &why), PACE_READY,
	    "counts: the latest peak low");
	CHECK_STR(why.s, "because your latest peak, after 3 tries, was at or "
	    "below 30", "counts: says so");
	s.first_peak = 70;
	s.last_peak = 36;
	CHECK_INT(pacing_step(&defaults, &s), PACE_KEEP, "counts: keep");
	s.recent_violation = 35;
	s.recent_n = 2;
	CHECK_INT(pacing_step(&defaults, &s), PACE_READY,
	    "counts: violated on average");
	s.stops = 2;
	CHECK_INT(pacing_step(&defaults, &s), PACE_SMALLER,
	    "counts: two of the latest stopped");
	s.stops = 0;
	s.high_peaks = 1;
	s.last_peak = 50;
	CHECK_INT(pacing_step(&defaults, &s), PACE_READY,
	    "counts: one high peak among the latest, last one lower");
	sb_free(&why);
}

struct ladder_case {
	const char *what;
	size_t n;
	struct pace_step v[5];
	long want;
	enum next_kind kind;
	const char *why;
};

#define A STEP_ACTIVE
#define M STEP_MASTERED
#define R STEP_RETIRED
#define K PACE_KEEP
#define Y PACE_READY

static const struct ladder_case ladders[] = {
	{ "start at the lowest step from 40", 4, { { 20, A, K, 0, 0 },
	    { 45, A, K, 0, 0 }, { 40, A, K, 0, 0 }, { 70, A, K, 0, 0 } },
	    2, NEXT_START, "because it is the lowest step at or above 40, a "
	    "moderate place to start" },
	{ "all below 40: the nearest", 2, { { 20, A, K, 0, 0 },
	    { 35, A, K, 0, 0 } }, 1, NEXT_START, "because no open step is "
	    "rated 40 or more, and it is the nearest to that moderate place "
	    "to start" },
	{ "keep on the current step", 3, { { 40, A, K, 2, 5 },
	    { 50, A, K, 1, 3 }, { 60, A, K, 0, 0 } }, 0, NEXT_CONTINUE,
	    NULL },
	{ "stay after a high peak", 2, { { 40, A, PACE_SLOW, 1, 1 },
	    { 50, A, K, 0, 0 } }, 0, NEXT_STAY, NULL },
	{ "up from a ready step", 3, { { 40, A, Y, 3, 4 },
	    { 55, A, K, 0, 0 }, { 50, R, K, 0, 0 } }, 1, NEXT_UP,
	    "because it is the lowest step not yet mastered from 40 up, and "
	    "within 20 of your highest step mastered or ready (40)" },
	{ "never more than 20 above", 3, { { 40, M, K, 3, 4 },
	    { 61, A, K, 0, 0 }, { 90, A, K, 0, 0 } }, 1, NEXT_GAP,
	    "because the next step, at 61, is more than 20 above your "
	    "highest step mastered or ready (40)" },
	{ "a far first step", 1, { { 70, A, K, 0, 0 } }, 0, NEXT_GAP,
	    "because the next step, at 70, is more than 20 above the "
	    "moderate level to start at (40)" },
	{ "nothing left", 2, { { 40, M, K, 3, 4 }, { 60, R, K, 0, 0 } },
	    -1, NEXT_NONE, "because every step is mastered, looks ready or "
	    "is set aside" },
};

static void
test_next(void)
{
	struct strbuf why = { 0 };
	enum next_kind kind;
	size_t i;

	for (i = 0; i < sizeof(ladders) / sizeof(ladders[0]); i++) {
		const struct ladder_case *c = &ladders[i];

		sb_reset(&why);
		CHECK_INT(pacing_next(&defaults, c->v, c->n, &kind, &why),
		    c->want, c->what);
		CHECK_INT(kind, c->kind, c->what);
		if (c->why != NULL)
			CHECK_STR(why.s, c->why, c->what);
	}
	sb_free(&why);
}

static void
test_settings(void)
{
	const char *dir = unit_scratch("pacing");
	struct pacing p;

	CHECK_INT(pacing_load(&p, dir), 0, "defaults without settings.csv");
	CHECK(p.ready_trials == 2 && p.ready_peak == 30 && p.ceiling == 85 &&
	    p.violation == 30 && p.repeats == 2 && p.ready_drop == 50 &&
	    p.start_suds == 40 && p.max_jump == 20 && p.prompt_minutes == 5 &&
	    p.trial_minutes == 30 && p.present_low == 3 &&
	    p.high_suds == 90 && p.high_minutes == 10,
	    "the documented defaults");
	unit_put(dir, "settings.csv", "name,value\nready_peak,20\n"
	    "exposure_ceiling,80\nmax_jump,10\n");
	CHECK_INT(pacing_load(&p, dir), 0, "settings read");
	CHECK(p.ready_peak == 20 && p.ceiling == 80 && p.max_jump == 10,
	    "settings override");
	unit_put(dir, "settings.csv", "name,value\nready_trials,0\n");
	CHECK_INT(pacing_load(&p, dir), -1, "out of range is refused");
	CHECK_STR(st_error(), "settings.csv: ready_trials \"0\" is too small "
	    "(use 1 to 100)", "and says why");
	unit_put(dir, "settings.csv", "name,value\n");
}

int
main(void)
{
	test_histories();
	test_counts_only();
	test_next();
	test_settings();
	return unit_done();
}
