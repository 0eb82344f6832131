/*
 * traps: possible thinking traps in a person's own words (all-or-nothing
 * thinking, overgeneralising, mind reading and the rest), found by word
 * patterns over lib/match.  Built in, extended or overridden by
 * distortions.csv (steady.5).  A hit is something for the person to look
 * at and confirm or not, never a verdict.
 */
#ifndef STEADY_TRAPS_H
#define STEADY_TRAPS_H

#include <stddef.h>

struct traps;

/* One place in a text where a trap's pattern matched. */
struct trap_hit {
	size_t trap;		/* index, as for traps_name() */
	size_t start, end;	/* byte offsets of the matched words */
};

/*
 * The built-in traps, each pattern compiled once (case-insensitive,
 * word-bounded: see lib/match).  Never fails.  Free with traps_free().
 */
struct traps *traps_new(void);
void traps_free(struct traps *t);

/*
 * Add or override traps from a CSV file with the columns name and
 * pattern, and optionally title and explanation.  A row naming a trap
 * that exists replaces its pattern (and its title and explanation when
 * given); an empty pattern turns that trap off; a new name adds a trap.
 * Names are [a-z][a-z0-9_]*.  A missing file is not an error (returns 0).
 * Returns the number of rows read, or -1 with st_error() set to
 * "path:line: reason" (the traps are then as before that row).
 */
int traps_load(struct traps *t, const char *path);

/* How many traps there are, and trap i's name ("mind_reading"), title
 * ("mind reading") and one-sentence explanation, owned by t. */
size_t traps_count(const struct traps *t);
const char *traps_name(const struct traps *t, size_t i);
const char *traps_title(const struct traps *t, size_t i);
const char *traps_explain(const struct traps *t, size_t i);

/* The index of the trap called name, or -1. */
long traps_find(const struct traps *t, const char *name);

/*
 * Every hit of every trap in s (len bytes; need not be valid UTF-8),
 * ordered by start, then by trap.  A trap may match several times; an
 * empty match is never reported.  *hits is malloc'd (NULL when there are
 * none) and the count is returned.
 */
size_t traps_scan(struct traps *t, const char *s, size_t len,
    struct trap_hit **hits);

/* 1 if name is one of the ";"-separated names in list (may be NULL). */
int traps_listed(const char *list, const char *name);

/*
 * Append to list (a ";"-separated string of names, malloc'd, may be NULL)
 * each trap hit in hits[0..n) not already in it; returns the new list.
 */
char *traps_names_of(const struct traps *t, const struct trap_hit *hits,
    size_t n, char *list);

#endif
