/*
 * ground's exercises.csv parser over any file.  The program is compiled
 * into this harness, its main() renamed, to reach its own loader.
 */
#define main ground_main
#include "../cmd/ground.c"
#undef main

#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	confdir = xstrdup(fuzz_dir());
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct exlist l = { 0 };
	const char *path = fuzz_file(CONFNAME, data, size);

	load_builtins(&l);
	(void)load_custom(&l);
	exlist_free(&l);
	unlink(path);
	return 0;
}
