/*
 * Timestamps and ranges over any text: a timestamp that parses must be
 * formatted and parsed back to the same instant; --since/--until words
 * must never crash, whatever they say.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "common.h"
#include "when.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	tzset();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), buf[WHEN_BUFSZ], date[11];
	time_t t, t2, now = 1795415400;	/* 2026-11-23T07:30:00+01:00 */
	long off;

	if (when_parse(s, &t, &off) == 0) {
		when_format(t, buf);
		if (when_parse(buf, &t2, NULL) != 0 || t2 != t)
			abort();
		when_date(t, date);
		(void)when_written_date(s, date);
	}
	(void)when_bound(s, now, 0, &t);
	(void)when_bound(s, now, 1, &t);
	free(s);
	return 0;
}
