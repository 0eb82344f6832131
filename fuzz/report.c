/*
 * report's reading and aggregation over any log: the first byte picks
 * the period and the output format, the rest is the file.  read.c is
 * compiled into this harness so that its state can be put back to empty
 * between inputs, as a fresh run of report would have it.
 */
#include "../cmd/report/read.c"

#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* What report's main.c keeps for the other parts. */
int concerns_found;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	if (freopen("/dev/null", "w", stdout) == NULL ||
	    items_load(&items, fuzz_dir()) == -1 ||
	    pacing_load(&pace, fuzz_dir()) == -1 ||
	    when_now(&range.now) == -1 || pieces_setup() == -1)
		abort();
	return 0;
}

/* Back to no groups, no measures, no rows, as at the start. */
static void
reset(void)
{
	groups_free();
	groups = NULL;
	ngroups = 0;
	measures = NULL;
	nmeasures = 0;
	buckets = NULL;
	nbuckets = groupcap = 0;
	practiced = NULL;
	npracticed = 0;
	badrows = 0;
	concerns_found = 0;
	forms_free_all();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opts o = { 0 };
	char *argv[2] = { NULL, NULL };

	if (size < 1)
		return 0;
	o.by = (enum period)(data[0] % 4);
	o.format = (enum out_format)((data[0] / 4) % 6);
	o.format_set = 1;
	argv[0] = (char *)fuzz_file("log.csv", data + 1, size - 1);
	prescan(1, argv, &o);
	(void)read_file(argv[0], &o);
	(void)render(&o);
	reset();
	unlink(argv[0]);
	return 0;
}
