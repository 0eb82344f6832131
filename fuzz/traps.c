/*
 * The thinking-trap scanner over any text, valid UTF-8 or not: hits must
 * lie inside the text, ordered by start, and never be empty.
 */
#include <stdint.h>
#include <stdlib.h>

#include "traps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct traps *traps;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trap_hit *hits = NULL;
	size_t i, n;

	if (traps == NULL)
		traps = traps_new();
	n = traps_scan(traps, (const char *)data, size, &hits);
	for (i = 0; i < n; i++) {
		if (hits[i].end <= hits[i].start || hits[i].end > size)
			abort();
		if (i > 0 && hits[i].start < hits[i - 1].start)
			abort();
	}
	free(traps_names_of(traps, hits, n, NULL));
	free(hits);
	return 0;
}
