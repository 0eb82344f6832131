/*
 * unit.h: a very small TAP producer for the C unit tests of lib/.
 * Each CHECK prints "ok N - what" or "not ok N - what"; unit_done()
 * prints the plan and returns the exit status.
 */
#ifndef STEADY_UNIT_H
#define STEADY_UNIT_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_n, unit_failed;

static inline void
unit_report(int ok, const char *what, const char *file, int line)
{
	unit_n++;
	printf("%sok %d - %s\n", ok ? "" : "not ", unit_n, what);
	if (!ok) {
		unit_failed++;
		printf("#   at %s:%d\n", file, line);
	}
}

#define CHECK(cond, what) unit_report((cond) != 0, (what), __FILE__, __LINE__)

#define CHECK_STR(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int ok_ = (g_ == NULL && w_ == NULL) ||				\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	unit_report(ok_, (what), __FILE__, __LINE__);			\
	if (!ok_)							\
		printf("#   got  [%s]\n#   want [%s]\n",			\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

#define CHECK_INT(got, want, what) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	unit_report(g_ == w_, (what), __FILE__, __LINE__);		\
	if (g_ != w_)							\
		printf("#   got  %lld\n#   want %lld\n", g_, w_);	\
} while (0)

/* Stop at once when setting up a test fails: its checks would mislead. */
static inline void
unit_must(int ok, const char *what)
{
	if (!ok) {
		printf("Bail out! %s: %s\n", what, strerror(errno));
		exit(1);
	}
}

/* A new scratch directory under $TMPDIR (or /tmp); the path is static. */
static inline const char *
unit_scratch(const char *tag)
{
	static char dir[512];
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/steady-%s.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp", tag);
	unit_must(mkdtemp(dir) != NULL, "mkdtemp");
	return dir;
}

/* Write text to dir/name (dir may be NULL: name is the path). */
static inline void
unit_put(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "", dir ? "/" : "",
	    name);
	fp = fopen(path, "w");
	unit_must(fp != NULL, path);
	unit_must(fputs(text, fp) != EOF && fclose(fp) == 0, path);
}

static inline int
unit_done(void)
{
	printf("1..%d\n", unit_n);
	return unit_failed ? 1 : 0;
}

#endif
