/*
 * The assignments.csv parser over any file; each practice that loads is
 * described, and what it plans over a year must never be negative.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "assign.h"
#include "common.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(ASSIGN_FILE, data, size);
	const long day = 20780;		/* 2026-11-23 */
	struct assignments as;
	struct strbuf sb = { 0 };
	size_t i;

	if (assign_load(&as, path) == 0) {
		for (i = 0; i < as.n; i++) {
			assign_describe(&sb, &as.v[i]);
			(void)assign_active(&as.v[i], day);
			(void)assign_matches(&as.v[i], AS_GROUND, "box");
			if (assign_planned(&as.v[i], day - 365, day) < 0)
				abort();
		}
		assign_free(&as);
	}
	sb_free(&sb);
	unlink(path);
	return 0;
}
