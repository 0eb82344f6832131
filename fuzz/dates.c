/*
 * The dates.csv parser over any file; each hard date that loads must
 * fall on a day that dates_within also finds, and its warning and the
 * period's note are written with and without the private words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "dates.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

static void
one(const struct hard_dates *d, size_t i, long today)
{
	struct strbuf sb = { 0 };
	long next, days[8];
	size_t n;

	next = dates_next(&d->v[i], today);
	if (next != -1 && next < today)
		abort();
	if (next != -1 && next < today + 400) {
		n = dates_within(&d->v[i], next, next + 1, days, 8);
		if (n != 1 || days[0] != next)
			abort();
		dates_warning(&sb, &d->v[i], next - today, next, 0);
		dates_warning(&sb, &d->v[i], next - today, next, 1);
	}
	(void)dates_plan_is_exercise(d->v[i].plan);
	sb_free(&sb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(DATES_FILE, data, size);
	const long today = 20780;	/* 2026-11-23 */
	struct hard_dates d;
	struct strbuf sb = { 0 };
	double x[64];
	size_t i;

	if (dates_load(&d, fuzz_dir()) == 0) {
		for (i = 0; i < d.n; i++)
			one(&d, i, today);
		(void)dates_note(&sb, &d, today - 30, today + 30, 1);
		(void)dates_note(&sb, &d, today - 30, today + 30, 0);
		(void)dates_chart_marks(&d, today - 3, 12, today + 60, x, 64);
		dates_free(&d);
	}
	sb_free(&sb);
	unlink(path);
	return 0;
}
