/* reflect's prompts.csv parser over any file. */
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "reflect.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* What reflect's main.c keeps for the other parts. */
char *confdir, *datadir;
struct traps *traps;
struct redact *redact;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	confdir = xstrdup(fuzz_dir());
	datadir = xstrdup(fuzz_dir());
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("prompts.csv", data, size);

	if (load_prompts() == 0)
		(void)pick_prompt(NULL, (time_t)1795415400);
	free_prompts();
	jprompts = NULL;
	njprompts = 0;
	unlink(path);
	return 0;
}
