/*
 * The config parsers over any file: the first byte picks which (items,
 * settings with the pacing rules, thinking traps), the rest is the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "config.h"
#include "pacing.h"
#include "traps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const names[] = {
	"items.csv", "settings.csv", "distortions.csv"
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

static void
try_items(void)
{
	struct items it = { 0 };
	long long v;

	if (items_load(&it, fuzz_dir()) == 0) {
		(void)items_find(&it, "mood");
		(void)setting_threshold(fuzz_dir(), &it, &v);
	}
	items_free(&it);
}

static void
try_settings(void)
{
	struct pacing p;
	long long v;
	char *s;
	int failed;

	(void)setting_num(fuzz_dir(), "gap_days", 1, 3650, 7, &v);
	s = setting_str(fuzz_dir(), "country", &failed);
	free(s);
	(void)pacing_load(&p, fuzz_dir());
}

static void
try_traps(const char *path)
{
	struct traps *t = traps_new();
	struct trap_hit *hits = NULL;
	static const char text[] = "I always ruin everything, and they "
	    "must think I am stupid; it will never get better.";
	size_t n;

	(void)traps_load(t, path);
	n = traps_scan(t, text, sizeof(text) - 1, &hits);
	free(traps_names_of(t, hits, n, NULL));
	free(hits);
	traps_free(t);
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
	switch (which) {
	case 0:
		try_items();
		break;
	case 1:
		try_settings();
		break;
	default:
		try_traps(path);
		break;
	}
	unlink(path);
	return 0;
}
