/* Unit tests for lib/pacing: each rule, its edges, and settings. */
#include <math.h>

#include "pacing.h"
#include "unit.h"
#include "util.h"

static struct step_trials
step(int64_t trials, double first, double last)
{
	struct step_trials s = { trials, first, last, NAN, 0, 0, 0 };

	return s;
}

static void
test_rules(void)
{
	struct pacing p = { 3, 30, 90, 30, 2 };
	struct step_trials s;

	s = step(2, 70, 20);
	CHECK_INT(pacing_step(&p, &s), PACE_KEEP, "too few trials: keep");
	s = step(3, 70, 30);
	CHECK_INT(pacing_step(&p, &s), PACE_READY, "last peak at 30: ready");
	s = step(3, 60, 31);
	CHECK_INT(pacing_step(&p, &s), PACE_KEEP, "31 and not half: keep");
	s = step(3, 80, 40);
	CHECK_INT(pacing_step(&p, &s), PACE_READY, "half the first: ready");
	s = step(3, 80, 41);
	CHECK_INT(pacing_step(&p, &s), PACE_KEEP, "just over half: keep");
	s = step(4, 80, 60);
	s.recent_violation = 35;
	s.recent_n = 2;
	CHECK_INT(pacing_step(&p, &s), PACE_READY,
	    "feared outcome repeatedly did not happen: ready");
	s.recent_n = 1;
	CHECK_INT(pacing_step(&p, &s), PACE_KEEP, "once is not repeatedly");
	s = step(5, 80, 20);
	s.high_peaks = 2;
	CHECK_INT(pacing_step(&p, &s), PACE_SMALLER,
	    "two peaks at the ceiling: a smaller step, even when low now");
	s = step(1, 95, 95);
	s.stops = 2;
	CHECK_INT(pacing_step(&p, &s), PACE_SMALLER, "two early stops");
}

static void
test_settings(void)
{
	const char *dir = unit_scratch("pacing");
	struct pacing p;

	CHECK_INT(pacing_load(&p, dir), 0, "defaults without settings.csv");
	CHECK(p.ready_trials == 3 && p.ready_peak == 30 && p.ceiling == 90 &&
	    p.violation == 30 && p.repeats == 2, "the documented defaults");
	unit_put(dir, "settings.csv", "name,value\nready_peak,20\n"
	    "exposure_ceiling,85\n");
	CHECK_INT(pacing_load(&p, dir), 0, "settings read");
	CHECK(p.ready_peak == 20 && p.ceiling == 85, "settings override");
	unit_put(dir, "settings.csv", "name,value\nready_trials,0\n");
	CHECK_INT(pacing_load(&p, dir), -1, "out of range is refused");
	CHECK_STR(st_error(), "settings.csv: ready_trials \"0\" is too small "
	    "(use 1 to 100)", "and says why");
	unit_put(dir, "settings.csv", "name,value\n");
}

int
main(void)
{
	test_rules();
	test_settings();
	return unit_done();
}
