/*
 * match: named sets of regular expressions over UTF-8 text (pcre2).
 * Every pattern is compiled once, case-insensitive, with UTF, UCP and
 * MATCH_INVALID_UTF (a stray byte is a non-match, never an error), and
 * JIT-compiled where the machine allows.
 */
#ifndef STEADY_MATCH_H
#define STEADY_MATCH_H

#include <stddef.h>

struct matchset;

struct match_hit {
	size_t index;		/* which pattern, in the order added */
	const char *name;	/* its name (owned by the set) */
	const char *label;	/* its label, "" if none (owned by the set) */
	size_t start, end;	/* byte offsets of the matched text */
};

struct matchset *match_new(void);
void match_free(struct matchset *m);

/*
 * Add a pattern under name (an existing one of that name is replaced; an
 * empty pattern removes it).  Returns 0, or -1 with st_error() set to
 * "name: at offset N: pcre2's message".
 */
int match_add(struct matchset *m, const char *name, const char *pattern,
    const char *label);

/*
 * Load a pattern file: CSV with a header naming at least the columns
 * "name" and "pattern", and optionally "label"; rows are added in order
 * with match_add().  A missing file is not an error (returns 0).
 * Returns the count of rows loaded, or -1 with st_error() set to
 * "path:line: reason".
 */
int match_load(struct matchset *m, const char *path);

size_t match_count(const struct matchset *m);

/*
 * Find the first match at or after byte *pos of s (len bytes) over all
 * patterns: the earliest start wins, then the pattern added first.
 * Returns 1 and fills hit, advancing *pos past it (at least one byte), or
 * 0 when there is none.
 */
int match_next(struct matchset *m, const char *s, size_t len, size_t *pos,
    struct match_hit *hit);

/* 1 if any pattern matches s anywhere, else 0. */
int match_any(struct matchset *m, const char *s);

#endif
