/* common: what every harness needs; see common.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "store.h"
#include "util.h"

char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	size_t i;

	for (i = 0; i < size; i++)
		s[i] = data[i] == '\0' ? ' ' : (char)data[i];
	s[size] = '\0';
	return s;
}

const char *
fuzz_dir(void)
{
	static char *dir;
	const char *tmp = getenv("TMPDIR");

	if (dir == NULL) {
		dir = store_path(tmp && *tmp ? tmp : "/tmp",
		    "steady-fuzz.XXXXXX");
		if (mkdtemp(dir) == NULL) {
			perror("mkdtemp");
			abort();
		}
	}
	return dir;
}

const char *
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char *path;
	FILE *fp;

	free(path);
	path = store_path(fuzz_dir(), name);
	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(path);
		abort();
	}
	return path;
}

void
fuzz_env(void)
{
	setenv("STEADY_CONFIG", fuzz_dir(), 1);
	setenv("STEADY_DIR", fuzz_dir(), 1);
	setenv("STEADY_NOW", "2026-11-23T07:30:00+01:00", 1);
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	setenv("STEADY_JOBS", "1", 1);
}
