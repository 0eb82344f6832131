/*
 * unit.h: a very small TAP producer for the C unit tests of lib/.
 * Each CHECK prints "ok N - what" or "not ok N - what"; unit_done()
 * prints the plan and returns the exit status.
 */
#ifndef STEADY_UNIT_H
#define STEADY_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_n, unit_failed;

static void
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

static int
unit_done(void)
{
	printf("1..%d\n", unit_n);
	return unit_failed ? 1 : 0;
}

#endif
