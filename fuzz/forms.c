/*
 * The form-file parser over any file; a form that loads is scored with
 * every item answered by its lowest value, then with the first skipped,
 * and its answers written as they are logged must read back the same.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "forms.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

/* The logged answers of f must give back each answer in ans. */
static void
round_trip(const struct form *f, const double *ans)
{
	struct strbuf sb = { 0 };
	double v;
	size_t i;

	form_answers(&sb, f, ans);
	for (i = 0; i < f->nitem; i++) {
		if (form_pair_get(sb.s, f->item[i].name, &v) != 1)
			abort();
		if (isnan(ans[i]) != isnan(v) || (!isnan(v) && v != ans[i]))
			abort();
	}
	sb_free(&sb);
}

static void
score(const struct form *f)
{
	struct strbuf sb = { 0 };
	double *ans, *sub, t1, t2;
	char buf[32];
	size_t i;

	ans = xcalloc(f->nitem + 1, sizeof(*ans));
	sub = xcalloc(f->nsub + 1, sizeof(*sub));
	for (i = 0; i < f->nitem; i++)
		ans[i] = f->nopt > 0 ? (double)f->opt[0].value : 0;
	(void)form_score(f, ans, &t1, sub);
	round_trip(f, ans);
	if (f->nitem > 0)
		ans[0] = NAN;
	(void)form_score(f, ans, &t2, sub);
	round_trip(f, ans);
	form_subscores(&sb, f, sub);
	(void)form_rci(f, t1, t2);
	(void)form_change_words(f, t1, t2);
	(void)form_meaningful(f, t1, t2);
	(void)form_band(f, t1);
	form_num(t1, buf, sizeof(buf));
	sb_free(&sb);
	free(ans);
	free(sub);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("form.csv", data, size);
	struct form f;

	if (form_load(&f, path, "form") == 0) {
		score(&f);
		form_free(&f);
	}
	unlink(path);
	return 0;
}
