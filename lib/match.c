/* match: named sets of regular expressions over UTF-8 text (pcre2). */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "csvio.h"
#include "match.h"
#include "util.h"

/*
 * memcheck cannot follow code that pcre2's JIT writes at run time and
 * reports it as reading uninitialised memory.  Under valgrind the
 * patterns are interpreted instead: the same matches, and a clean report
 * that still means something for the rest of the program.
 */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

/*
 * Case-insensitive everywhere: notes are typed in a hurry and at any
 * case.  UCP makes \b, \w and \s know letters beyond ASCII, and
 * MATCH_INVALID_UTF lets a note with a stray byte still be searched.
 */
#define MATCH_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | \
	PCRE2_CASELESS)

struct pattern {
	char *name;
	char *label;
	pcre2_code *code;
};

struct matchset {
	struct pattern *v;
	size_t n;
	pcre2_match_data *md;	/* shared, sized for the largest pattern */
	uint32_t pairs;		/* how many pairs md holds */
};

struct matchset *
match_new(void)
{
	return xcalloc(1, sizeof(struct matchset));
}

static void
pattern_clear(struct pattern *p)
{
	free(p->name);
	free(p->label);
	pcre2_code_free(p->code);
}

void
match_free(struct matchset *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		pattern_clear(&m->v[i]);
	free(m->v);
	pcre2_match_data_free(m->md);
	free(m);
}

size_t
match_count(const struct matchset *m)
{
	return m->n;
}

static struct pattern *
find(struct matchset *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return &m->v[i];
	return NULL;
}

static void
remove_pattern(struct matchset *m, struct pattern *p)
{
	size_t i = (size_t)(p - m->v);

	pattern_clear(p);
	memmove(p, p + 1, (m->n - i - 1) * sizeof(*p));
	m->n--;
}

static pcre2_code *
compile(const char *name, const char *pattern)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *code;
	int err;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    MATCH_OPTIONS, &err, &off, NULL);
	if (code == NULL) {
		if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", err);
		st_seterr("%s: at offset %zu: %s", name, (size_t)off,
		    (char *)msg);
		return NULL;
	}
	/* Without JIT (no support on this machine) matching still works. */
	if (!UNDER_VALGRIND())
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

/* Grow the shared match data to hold every pair the new pattern needs. */
static int
fit_match_data(struct matchset *m, const pcre2_code *code)
{
	pcre2_match_data *md;
	uint32_t groups = 0;

	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (m->md != NULL && groups + 1 <= m->pairs)
		return 0;
	if ((md = pcre2_match_data_create(groups + 1, NULL)) == NULL)
		return -1;
	pcre2_match_data_free(m->md);
	m->md = md;
	m->pairs = groups + 1;
	return 0;
}

int
match_add(struct matchset *m, const char *name, const char *pattern,
    const char *label)
{
	struct pattern *p = find(m, name);
	pcre2_code *code;

	if (*pattern == '\0') {
		if (p != NULL)
			remove_pattern(m, p);
		return 0;
	}
	if ((code = compile(name, pattern)) == NULL)
		return -1;
	if (fit_match_data(m, code) == -1) {
		st_seterr("%s: out of memory", name);
		pcre2_code_free(code);
		return -1;
	}
	if (p == NULL) {
		m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
		p = &m->v[m->n++];
		p->name = xstrdup(name);
	} else {
		free(p->label);
		pcre2_code_free(p->code);
	}
	p->label = xstrdup(label != NULL ? label : "");
	p->code = code;
	return 0;
}

/* Column value of the current record, "" when the column is absent. */
static const char *
field(struct csvr *r, int col)
{
	const char *f;

	if (col < 0 || (f = csvr_field(r, (size_t)col)) == NULL)
		return "";
	return f;
}

/* Add the current row; on error put "path:line: " before the reason. */
static int
load_row(struct matchset *m, struct csvr *r, const int col[3])
{
	const char *name = field(r, col[0]);
	char *why;

	if (*name == '\0') {
		st_seterr("%s:%lu: the pattern has no name", csvr_name(r),
		    csvr_line(r));
		return -1;
	}
	if (match_add(m, name, field(r, col[1]), field(r, col[2])) == 0)
		return 0;
	/* st_error() is the buffer being written: copy the reason first. */
	why = xstrdup(st_error());
	st_seterr("%s:%lu: %s", csvr_name(r), csvr_line(r), why);
	free(why);
	return -1;
}

/* Read every row of an open pattern file; the count, or -1. */
static int
load_rows(struct matchset *m, struct csvr *r, const char *path)
{
	int col[3], n = 0, c;

	if (csvr_ncols(r) == 0)
		return 0;	/* an empty file: nothing to add */
	col[0] = csvr_col(r, "name");
	col[1] = csvr_col(r, "pattern");
	col[2] = csvr_col(r, "label");
	if (col[0] < 0 || col[1] < 0) {
		st_seterr("%s:1: needs the columns name and pattern", path);
		return -1;
	}
	while ((c = csvr_next(r)) != CSVR_EOF) {
		/* A bad row could be one meant to remove a risk pattern. */
		if (c != CSVR_REC || load_row(m, r, col) == -1)
			return -1;
		if (n < INT_MAX)
			n++;
	}
	return n;
}

int
match_load(struct matchset *m, const char *path)
{
	struct csvr *r;
	int n;

	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	n = load_rows(m, r, path);
	csvr_close(r);
	return n;
}

/* Bytes in the UTF-8 character at s[0] (1 for a stray byte), <= left. */
static size_t
char_len(const unsigned char *s, size_t left)
{
	size_t n = 1;

	if (*s >= 0xf0)
		n = 4;
	else if (*s >= 0xe0)
		n = 3;
	else if (*s >= 0xc0)
		n = 2;
	while (n > 1 && (n > left || (s[n - 1] & 0xc0) != 0x80))
		n--;
	return n;
}

/* Match pattern p at or after pos; 1 with start and end, or 0. */
static int
run(struct matchset *m, const struct pattern *p, const char *s, size_t len,
    size_t pos, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov;
	int rc;

	rc = pcre2_match(p->code, (PCRE2_SPTR)s, len, pos, 0, m->md, NULL);
	/*
	 * Below zero is no match, or a limit hit on a pathological
	 * pattern: either way this pattern has nothing to report here.
	 */
	if (rc < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(m->md);
	*start = ov[0];
	*end = ov[1] > ov[0] ? ov[1] : ov[0];
	return 1;
}

int
match_next(struct matchset *m, const char *s, size_t len, size_t *pos,
    struct match_hit *hit)
{
	size_t i, best = 0, start, end, bstart = 0, bend = 0;
	int found = 0;

	if (*pos > len)
		return 0;
	for (i = 0; i < m->n; i++) {
		if (!run(m, &m->v[i], s, len, *pos, &start, &end))
			continue;
		/* Strictly earlier only: a tie goes to the first added. */
		if (!found || start < bstart) {
			found = 1;
			best = i;
			bstart = start;
			bend = end;
		}
	}
	if (!found)
		return 0;
	hit->index = best;
	hit->name = m->v[best].name;
	hit->label = m->v[best].label;
	hit->start = bstart;
	hit->end = bend;
	/* An empty match must not find itself again: step one character. */
	if (bend > bstart)
		*pos = bend;
	else if (bstart < len)
		*pos = bstart + char_len((const unsigned char *)s + bstart,
		    len - bstart);
	else
		*pos = len + 1;
	return 1;
}

int
match_any(struct matchset *m, const char *s)
{
	struct match_hit hit;
	size_t pos = 0;

	return match_next(m, s, strlen(s), &pos, &hit);
}
