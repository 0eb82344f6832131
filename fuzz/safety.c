/*
 * The safety files over any bytes: the first byte picks which (risk.csv,
 * the risk patterns; settings.csv, the country; safety-plan.txt and
 * crisis.txt, shown as they are), the rest is the file.  Patterns that
 * load are run over a note.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "match.h"
#include "safety.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const names[] = {
	"risk.csv", "settings.csv", "safety-plan.txt", "crisis.txt"
};
static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return 0;
}

static void
try_patterns(void)
{
	static const char note[] = "I want to drive off and end it all";
	struct matchset *m;
	int conferr;
	char cc[3];

	m = safety_patterns(fuzz_dir(), &conferr);
	if (m == NULL)
		abort();
	(void)match_any(m, note);
	match_free(m);
	(void)safety_country(fuzz_dir(), cc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	size_t which;

	if (size < 1)
		return 0;
	which = data[0] % (sizeof(names) / sizeof(names[0]));
	path = fuzz_file(names[which], data + 1, size - 1);
	if (which < 2)
		try_patterns();
	else
		safety_show(devnull, fuzz_dir());
	unlink(path);
	return 0;
}
