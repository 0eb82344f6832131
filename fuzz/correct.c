/*
 * Corrections over any log: the first byte picks what is tried (the
 * corrections read from the file, or from a stream as standard input
 * is, every record asked whether it is superseded; or a withdrawal or
 * a correction appended, as checkin, ground, ladder and reflect do),
 * the rest is the log.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "correct.h"
#include "csvio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

/* Every record of r asked whether a hides it. */
static void
walk(struct csvr *r, const struct amends *a)
{
	int c;

	while ((c = csvr_next(r)) != CSVR_EOF && c != CSVR_ERR)
		if (c == CSVR_REC)
			(void)amends_hidden(a, r);
}

static void
from_file(const char *path)
{
	struct amends *a = NULL;
	struct csvr *r;

	if (amends_load(path, &a) == 0 &&
	    (r = csvr_openpath(path, CSVR_UNESCAPE)) != NULL) {
		(void)amends_count(a);
		walk(r, a);
		csvr_close(r);
	}
	amends_free(a);
}

static void
from_stream(const char *path)
{
	struct amends *a = NULL;
	struct csvr *r;
	FILE *in, *tmp = NULL;

	if ((in = fopen(path, "r")) == NULL)
		return;
	if ((r = csvr_open(in, "-", CSVR_UNESCAPE)) != NULL &&
	    amends_spool(&r, in, CSVR_UNESCAPE, &tmp, &a) == 0) {
		walk(r, a);
		csvr_close(r);
		if (tmp != NULL)
			fclose(tmp);
	}
	amends_free(a);
	fclose(in);
}

static void
append(const char *path, int withdraw, const char *key)
{
	static char *const ops[] = { "note=put right", "mood=" };
	struct amend_req q = { .key = key, .withdraw = withdraw,
	    .ops = ops, .nops = withdraw ? 0 : 2 };
	struct amend_done done;

	(void)amend_append(path, &q, &done);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;

	if (size < 1)
		return 0;
	path = fuzz_file("log.csv", data + 1, size - 1);
	switch (data[0] % 4) {
	case 0:
		from_file(path);
		break;
	case 1:
		from_stream(path);
		break;
	case 2:
		append(path, 1, "2026-11-22T08:00");
		from_file(path);
		break;
	default:
		append(path, 0, "t20261122T180000");
		from_file(path);
		break;
	}
	unlink(path);
	return 0;
}
