/*
 * safety: the person's safety plan, crisis lines, and the patterns that
 * make a note read as acute risk.  Used by every program that asks how a
 * person is; showing it never blocks saving.
 */
#ifndef STEADY_SAFETY_H
#define STEADY_SAFETY_H

#include <stdio.h>

struct matchset;

/*
 * Print the safety plan (safety-plan.txt in confdir, when present) and
 * the crisis lines: crisis.txt in confdir when present, else the built-in
 * lines for the country (setting "country", else the locale's territory),
 * else every built-in line and the local emergency number.
 */
void safety_show(FILE *out, const char *confdir);

/*
 * The risk patterns: built in, extended or overridden by risk.csv in
 * confdir (columns name, pattern; an empty pattern turns one off).
 * When risk.csv cannot be used, *conferr is 1, st_error() says why, and
 * the built-in patterns alone are returned.  Free with match_free().
 */
struct matchset *safety_patterns(const char *confdir, int *conferr);

/* The two-letter country steady uses for crisis lines, or "" if none. */
const char *safety_country(const char *confdir, char buf[3]);

#endif
