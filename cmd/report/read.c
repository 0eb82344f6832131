/* report: reading rows into groups of measures. */
#define _GNU_SOURCE	/* F_SETPIPE_SZ, where there is one */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "correct.h"
#include "links.h"
#include "report.h"
#include "store.h"
#include "when.h"

const char *const kind_names[] = {
	"data", "check-ins", "grounding", "exposure trials", "reflections",
	"exposure ladder", "promises"
};

struct measure *measures;
size_t nmeasures;

/* Groups by hash, in a table that doubles as they come: a power of 2. */
static struct group **buckets;
static size_t nbuckets, groupcap;
struct group **groups;
size_t ngroups;
/* Rows waiting to be added to their groups' summaries (near_row). */
static struct pend *pends;

struct rules rules = { 2, 7, 3 };
struct pacing pace;
struct items items;
int64_t badrows;
struct range range;

/* Sources that have practice logs: their check-ins keep day series. */
static char **practiced;
static size_t npracticed;
/*
 * Whether summaries of a whole range keep only the weeks the charts show
 * (STATS_WEEKS): when nothing read can ask for an older week (prescan).
 */
static int bounded_weeks;
/* Whether one file is read, and nothing else (prescan). */
static int one_input;
/* Each source, and whether its files were in the data directory. */
static struct seen {
	char *name;
	int own, other;
} *seen;
static size_t nseen;
/*
 * A piece's child may keep its groups rather than send them back: the
 * second of two pieces of the only file, written as csv or tsv by weeks
 * or months.  It sends their keys, in the groups' order (render.c), and
 * this process asks for those it must have whole: the ones it holds
 * too, or all when the report is not worth writing in turns.  The child
 * writes the rows of the rest.  Passing back hundreds of thousands of
 * week groups took longer than writing their rows.
 */
static struct {
	pid_t pid;
	int ctl;		/* the word to it, or -1 when there is none */
	FILE *in;		/* its word back */
	char *path;		/* the file, for messages */
	struct rkey *rk;	/* its groups' keys, in order */
	size_t nrk;
	const char **str;	/* the keys' text, kept here, by number */
	size_t nstr;
} keeper = { -1, -1, NULL, NULL, NULL, 0, NULL, 0 };
/* The corrections of the file being read, and its copy from stdin. */
static struct amends *superseded;
static FILE *spooled;

size_t
measure_find(const char *name)
{
	size_t i;

	for (i = 0; i < nmeasures; i++)
		if (strcmp(measures[i].name, name) == 0)
			return i;
	return (size_t)-1;
}

size_t
measure_id(const char *name, int named)
{
	const struct item *it;
	size_t i;

	for (i = 0; i < nmeasures; i++)
		if (strcmp(measures[i].name, name) == 0) {
			measures[i].named |= named;
			return i;
		}
	measures = xreallocarray(measures, nmeasures + 1, sizeof(*measures));
	memset(&measures[nmeasures], 0, sizeof(*measures));
	measures[nmeasures].name = xstrdup(name);
	measures[nmeasures].named = named;
	if ((it = items_find(&items, name)) != NULL) {
		measures[nmeasures].better = it->better;
		measures[nmeasures].directed = 1;
	}
	return nmeasures++;
}

#define HASH_SEED 2166136261u	/* FNV-1a's offset basis */

/* FNV-1a over s from h, and a mark for its end. */
static uint32_t
hash_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h ^ 0x1f) * 16777619u;
}

/* strcmp(a, b) == 0 without a call: keys are short, most of them empty. */
static int
same(const char *a, const char *b)
{
	for (; *a == *b; a++, b++)
		if (*a == '\0')
			return 1;
	return 0;
}

/* Twice the buckets, or the first 4096, with every group filed again. */
static void
buckets_grow(void)
{
	size_t n = nbuckets ? 2 * nbuckets : 4096, i;
	struct group **b = xcalloc(n, sizeof(*b)), *g;

	for (i = 0; i < ngroups; i++) {
		g = groups[i];
		g->next = b[g->hash & (n - 1)];
		b[g->hash & (n - 1)] = g;
	}
	free(buckets);
	buckets = b;
	nbuckets = n;
}

/*
 * The groups' keys, each string kept once, in a table that doubles: a
 * week-by-week report has tens of thousands of groups and a few hundred
 * distinct keys, and sorting them compares equal keys as one pointer.
 * Each key's text follows its place in byte order among all the keys,
 * which keys_rank() sets for a sort that compares numbers only.
 */
struct key {
	uint32_t rank;
	char s[];
};

static char **keys;		/* the text of each key, or NULL */
static size_t nkeys, keycap;

static struct key *
key_head(const char *s)
{
	return (struct key *)(void *)(s - offsetof(struct key, s));
}

/* Where s is in the key table, or the free slot it would take. */
static size_t
key_slot(const char *s, uint32_t h)
{
	size_t i = h & (keycap - 1);

	while (keys[i] != NULL && strcmp(keys[i], s) != 0)
		i = (i + 1) & (keycap - 1);
	return i;
}

static const char *
key_of(const char *s)
{
	uint32_t h = hash_str(HASH_SEED, s);
	size_t i, cap, n;
	struct key *k;
	char **old;

	if (2 * (nkeys + 1) > keycap) {
		old = keys;
		cap = keycap;
		keycap = keycap ? 2 * keycap : 256;
		keys = xcalloc(keycap, sizeof(*keys));
		for (i = 0; i < cap; i++)
			if (old[i] != NULL)
				keys[key_slot(old[i], hash_str(HASH_SEED,
				    old[i]))] = old[i];
		free(old);
	}
	i = key_slot(s, h);
	if (keys[i] == NULL) {
		n = strlen(s) + 1;
		k = xmalloc(offsetof(struct key, s) + n);
		k->rank = 0;
		memcpy(k->s, s, n);
		keys[i] = k->s;
		nkeys++;
	}
	return keys[i];
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char **
keys_sorted(size_t *n_keys)
{
	const char **all;
	size_t i, n = 0;

	*n_keys = nkeys;
	if (nkeys > UINT32_MAX - 16)
		return NULL;
	all = xreallocarray(NULL, nkeys + 1, sizeof(*all));
	for (i = 0; i < keycap; i++)
		if (keys[i] != NULL)
			all[n++] = keys[i];
	qsort(all, n, sizeof(*all), key_cmp);
	for (i = 0; i < n; i++)
		key_head(all[i])->rank = (uint32_t)i;
	return all;
}

int
keys_rank(size_t *n_keys)
{
	const char **all = keys_sorted(n_keys);

	free(all);
	return all != NULL ? 0 : -1;
}

const char *
key_intern(const char *s)
{
	return key_of(s);
}

uint32_t
key_rank(const char *key)
{
	return key_head(key)->rank;
}

/*
 * Groups and their arrays of summaries are carved from blocks, freed
 * together at the end: a week-by-week report makes hundreds of
 * thousands, and freeing them one by one took over half a second.  Built
 * for the address sanitizer, each has a block of its own, so that a
 * stray write cannot hide inside a block.
 */
struct block {
	struct block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};
#define BLOCK_SIZE (1 << 20)
static struct block *blocks;

#if defined(__SANITIZE_ADDRESS__)
#define BLOCK_ONE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BLOCK_ONE 1
#endif
#endif
#ifndef BLOCK_ONE
#define BLOCK_ONE 0
#endif

/* n zeroed bytes for a group, aligned for its 128-bit sums. */
static void *
block_alloc(size_t n)
{
	struct block *b = blocks;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (b == NULL || BLOCK_ONE || b->size - b->used < n) {
		b = xcalloc(1, sizeof(*b) + (BLOCK_ONE || n > BLOCK_SIZE ?
		    n : BLOCK_SIZE));
		b->size = BLOCK_ONE || n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b->next = blocks;
		blocks = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

static void
blocks_free(void)
{
	struct block *b;

	while ((b = blocks) != NULL) {
		blocks = b->next;
		free(b);
	}
}

/* Is g the group of these keys, whose hash is h? */
static int
group_is(const struct group *g, uint32_t h, const char *src,
    const char *gval, const char *period, const char *sub, enum kind kind)
{
	return g->hash == h && g->kind == kind && same(g->gval, gval) &&
	    same(g->period, period) && same(g->sub, sub) &&
	    (g->source == src || same(g->source, src));
}

/* The hash of a group's keys, from its source's. */
static uint32_t
keys_hash(uint32_t hsrc, const char *gval, const char *period,
    const char *sub, enum kind kind)
{
	return hash_str(hash_str(hash_str(hsrc, gval), period), sub) ^
	    (uint32_t)kind;
}

/*
 * The group of these keys, whose hash is h: a reader passes its source
 * as a key already kept, so that it is compared by address.
 */
static struct group *
group_at(uint32_t h, const char *src, const char *gval,
    const char *period, const char *sub, enum kind kind)
{
	struct group *g;

	if (nbuckets > 0)
		for (g = buckets[h & (nbuckets - 1)]; g != NULL; g = g->next)
			if (group_is(g, h, src, gval, period, sub, kind))
				return g;
	if (ngroups >= nbuckets)
		buckets_grow();
	g = block_alloc(sizeof(*g));
	g->source = key_of(src);
	g->gval = key_of(gval);
	g->period = key_of(period);
	g->sub = key_of(sub);
	g->kind = kind;
	g->hash = h;
	g->pend = -1;
	daymap_init(&g->days);
	g->next = buckets[h & (nbuckets - 1)];
	buckets[h & (nbuckets - 1)] = g;
	if (ngroups == groupcap) {
		groupcap = groupcap ? 2 * groupcap : 64;
		groups = xreallocarray(groups, groupcap, sizeof(*groups));
	}
	groups[ngroups++] = g;
	return g;
}

struct group *
group_get(const char *src, const char *gval, const char *period,
    const char *sub, enum kind kind)
{
	return group_at(keys_hash(hash_str(HASH_SEED, src), gval, period,
	    sub, kind), src, gval, period, sub, kind);
}

/*
 * A day or an ISO week ("2026-11-08", "2026-W47") is no longer than the
 * 14-day windows, so their averages would only repeat the mean, and the
 * periods themselves are the weekly series.
 */
int
period_short(const char *period)
{
	return strchr(period, 'W') != NULL || strlen(period) == 10;
}

/*
 * The group's summary of measure id, created on first use: plain for a
 * day or a week (period_short).
 */
struct stats *
group_stats(struct group *g, size_t id)
{
	struct stats *m;
	size_t i;

	if (id >= g->nm) {
		/* Made, or grown for a measure met after the group: the
		 * old array stays in its block until the end. */
		m = block_alloc(nmeasures * sizeof(*g->m));
		if (g->nm > 0)
			memcpy(m, g->m, g->nm * sizeof(*g->m));
		g->m = m;
		for (i = g->nm; i < nmeasures; i++)
			if (period_short(g->period))
				stats_init_plain(&g->m[i]);
			else if (bounded_weeks)
				stats_init_bounded(&g->m[i]);
			else
				stats_init(&g->m[i]);
		g->nm = nmeasures;
	}
	return &g->m[id];
}

/* The group's day series of measure id, created on first use. */
struct dayseries *
group_series(struct group *g, size_t id)
{
	size_t i;

	if (id >= g->nds) {
		g->ds = xreallocarray(g->ds, nmeasures, sizeof(*g->ds));
		for (i = g->nds; i < nmeasures; i++)
			dayseries_init(&g->ds[i]);
		g->nds = nmeasures;
	}
	return &g->ds[id];
}

/*
 * The groups rows found lately, by their keys' hash, with what a row
 * needs to know it has found its own without reading the group, whose
 * memory is far from the cache: the other keys as a context number,
 * the group value itself when it is short, and the group's slot.  The
 * context is the source, kind, period and sub-key of the last row that
 * looked, numbered anew whenever they change, so an entry of another
 * context is never taken for this one.
 */
#define NEAR 4096
#define NEAR_KEY 20

struct near {
	uint32_t h, ctx;	/* ctx 0: the entry is empty */
	struct group *g;
	int slot;		/* g's slot when last seen, or -1 */
	char gval[NEAR_KEY];	/* NUL-terminated */
};

static struct near *nears;
static struct {
	uint32_t id;		/* 0 until a row looks */
	const char *skey;
	enum kind kind;
	char period[16];
	struct strbuf sub;
} ctx;
static uint32_t ctx_last;

/* Every entry forgotten, as the groups they name are. */
static void
near_forget(void)
{
	if (nears != NULL)
		memset(nears, 0, NEAR * sizeof(*nears));
	ctx.id = 0;
}

/*
 * Start again with no groups, in a piece's child: the parent's are kept
 * aside, untouched, until the child ends.  volatile: a pointer that is
 * only stored would be optimised away, and the groups taken for lost.
 */
static struct group **volatile kept;
static struct block *volatile kept_blocks;

static void
groups_forget(void)
{
	free(buckets);
	buckets = NULL;
	nbuckets = 0;
	near_forget();
	kept = groups;
	kept_blocks = blocks;
	blocks = NULL;
	groups = NULL;
	ngroups = groupcap = 0;
}

void
groups_free(void)
{
	struct group *g;
	size_t i, j;

	links_free(trial_links);
	trial_links = NULL;
	for (i = 0; i < ngroups; i++) {
		g = groups[i];
		/* A day's or a week's summaries are plain: nothing to free,
		 * and a long report has hundreds of thousands of them. */
		if (!period_short(g->period))
			for (j = 0; j < g->nm; j++)
				if (g->m[j].tm != NULL)
					stats_free(&g->m[j]);
		for (j = 0; j < g->nds; j++)
			dayseries_free(&g->ds[j]);
		free(g->ds);
		free(g->peaks);
		daymap_free(&g->days);
	}
	blocks_free();
	free(groups);
	free(buckets);
	near_forget();
	free(nears);
	nears = NULL;
	sb_free(&ctx.sub);
	free(pends);
	pends = NULL;
	for (i = 0; i < keycap; i++)
		if (keys[i] != NULL)
			free(key_head(keys[i]));
	free(keys);
	keys = NULL;
	nkeys = keycap = 0;
	for (i = 0; i < nmeasures; i++)
		free(measures[i].name);
	free(measures);
	for (i = 0; i < npracticed; i++)
		free(practiced[i]);
	free(practiced);
	for (i = 0; i < nseen; i++)
		free(seen[i].name);
	free(seen);
	seen = NULL;
	nseen = 0;
	/* A kept piece frees what it made as this process does: its end is
	 * waited for last. */
	keeper_end(0, 1);
	free(keeper.path);
	keeper.path = NULL;
	free(keeper.rk);
	keeper.rk = NULL;
	free(keeper.str);
	keeper.str = NULL;
}

/* Note that a file of source src was read, from the data directory or not. */
static void
source_seen(const char *src, int own)
{
	size_t i;

	for (i = 0; i < nseen && strcmp(seen[i].name, src) != 0; i++)
		;
	if (i == nseen) {
		seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
		seen[nseen].name = xstrdup(src);
		seen[nseen].own = seen[nseen].other = 0;
		nseen++;
	}
	if (own)
		seen[i].own = 1;
	else
		seen[i].other = 1;
}

int
source_own(const char *src)
{
	size_t i;

	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i].name, src) == 0)
			return seen[i].own && !seen[i].other;
	return 0;
}

/* How one input file maps onto measures and groups. */
struct view {
	enum kind kind;
	const char *name;	/* for messages */
	char *source;
	const char *skey;	/* the source as a group key, and its hash */
	uint32_t shash;
	int tscol, gcol, subcol;
	size_t ncols;
	long *mid;		/* per column: measure id, or -1 */
	size_t *mcols, nmcols;	/* the columns whose mid is not -1 */
	struct { long id; int a, b; } diff[2];	/* derived: col a - col b */
	size_t ndiff;
	int safety_col, peak_col;	/* for the concern counters, or -1 */
	int linked;		/* check-ins of a source with practice logs */
	int trapcol;		/* reflections: the traps column, or -1 */
	int stopcol;		/* trials: the stopped column, or -1 */
	int tkindcol;		/* trials: planned or trigger, or -1 */
	int excol, occol;	/* trials: expect_pct, outcome_pct, or -1 */
	int ratcol, sudscol, lcol;	/* a ladder: ratings, suds, ladder */
	int lk[5];		/* links: id or trial, then 4 columns, or -1 */
	size_t sudsid;		/* a ladder: the measure "suds" */
};

/*
 * Rows wait in a slot of their group's before their values go into its
 * summaries, many at a time: a summary is a few cache lines, five of them
 * a check-in, and a large caseload's do not fit in the cache.  Added a
 * slot at a time, each is fetched once for many rows instead of once a
 * row.  The slots are few and taken in turn, so memory stays bounded
 * however many groups there are; a slot taken from a group adds its rows
 * first, and every slot's rows are added when a file's rows end.  All
 * waiting rows are the file's, read through one view.  A row is its
 * instant, its day, a bit for each of the view's measure columns that
 * holds a value, then those values; it is counted in its group, and its
 * day set among the group's, as it is added, so that a row touches
 * nothing of its group's but the slot.  Sums are exact, so the order in
 * which values are added changes nothing.
 */
#define PEND_SLOTS 1024
#define PEND_WORDS 128
#define PEND_HEAD 3		/* instant, day, the bits */
#define PEND_COLS 64		/* more columns than this are added at once */

struct pend {
	struct group *g;
	size_t used;		/* words of v */
	int64_t v[PEND_WORDS];
};

static size_t pend_next;
static const struct view *pend_view;

/* Add the rows waiting in slot p to its group's summaries; p stays its. */
static void
pend_flush(struct pend *p)
{
	const struct view *v = pend_view;
	struct group *g = p->g;
	const int64_t *w = p->v, *end = p->v + p->used;
	uint64_t bits;
	size_t id, k;

	/*
	 * The group's summaries are far apart in memory and mostly out of
	 * the cache: ask for all of them at once, and then for the parts
	 * they point to, rather than wait for each in turn.
	 */
	for (k = 0; k < v->nmcols; k++)
		if ((id = (size_t)v->mid[v->mcols[k]]) < g->nm) {
			__builtin_prefetch(&g->m[id], 1);
			__builtin_prefetch((const char *)&g->m[id] + 64, 1);
			__builtin_prefetch((const char *)&g->m[id] + 128, 1);
		}
	for (k = 0; w < end && k < v->nmcols; k++)
		if ((id = (size_t)v->mid[v->mcols[k]]) < g->nm) {
			stats_prefetch(&g->m[id], (int32_t)w[1]);
			stats_prefetch(&g->m[id], (int32_t)end[1 -
			    (ptrdiff_t)(PEND_HEAD + v->nmcols)]);
		}
	while (w < end) {
		g->rows++;
		if (v->tscol >= 0) {
			g->timed = 1;
			daymap_set(&g->days, (int32_t)w[1]);
		}
		bits = (uint64_t)w[2];
		for (k = 0; bits != 0; k++, bits >>= 1)
			if (bits & 1) {
				id = (size_t)v->mid[v->mcols[k]];
				stats_add(id < g->nm ? &g->m[id] :
				    group_stats(g, id), w[0], (int32_t)w[1],
				    w[PEND_HEAD + k]);
			}
		w += PEND_HEAD + v->nmcols;
	}
	p->used = 0;
}

/* Every slot's rows into their summaries, and the slots let go. */
static void
pend_settle(void)
{
	size_t i;

	for (i = 0; pends != NULL && i < PEND_SLOTS; i++)
		if (pends[i].g != NULL) {
			pend_flush(&pends[i]);
			pends[i].g->pend = -1;
			pends[i].g = NULL;
		}
}

/* Whether rows of v wait in slots: not when it has too many columns. */
static int
pend_fits(const struct view *v)
{
	return v->nmcols <= PEND_COLS && PEND_HEAD + v->nmcols <= PEND_WORDS;
}

/* g's slot, taken in turn from another group when g has none. */
static struct pend *
pend_slot(struct group *g)
{
	struct pend *p;

	if (g->pend < 0) {
		if (pends == NULL)
			pends = xcalloc(PEND_SLOTS, sizeof(*pends));
		p = &pends[pend_next];
		pend_next = (pend_next + 1) % PEND_SLOTS;
		if (p->g != NULL) {
			pend_flush(p);
			p->g->pend = -1;
		}
		p->g = g;
		g->pend = (int)(p - pends);
	}
	return &pends[g->pend];
}

/* Keep a row of the group of slot p there until the slot is added. */
static void
pend_put(struct pend *p, const struct view *v, int64_t t, int32_t day,
    const int64_t *val, const int *set)
{
	size_t k, n = PEND_HEAD + v->nmcols;
	uint64_t bits = 0;
	int64_t *w;

	if (p->used + n > PEND_WORDS)
		pend_flush(p);
	w = p->v + p->used;
	w[0] = t;
	w[1] = day;
	for (k = 0; k < v->nmcols; k++) {
		w[PEND_HEAD + k] = val[v->mcols[k]];
		bits |= (uint64_t)(set[v->mcols[k]] != 0) << k;
	}
	w[2] = (int64_t)bits;
	p->used += n;
}

/*
 * Take a row of g at once, for a view with too many columns to keep its
 * rows in slots: its count, its day, and its values.
 */
static void
take_now(struct group *g, const struct view *v, int64_t t, int32_t day,
    const int64_t *val, const int *set)
{
	size_t k;

	g->rows++;
	if (v->tscol >= 0) {
		g->timed = 1;
		daymap_set(&g->days, day);
	}
	for (k = 0; k < v->nmcols; k++)
		if (set[v->mcols[k]])
			stats_add(group_stats(g, (size_t)v->mid[v->mcols[k]]),
			    t, day, val[v->mcols[k]]);
}

/* The number of the context of a row of v. */
static uint32_t
ctx_of(const struct view *v, const char *period, const char *sub)
{
	if (ctx.id != 0 && ctx.skey == v->skey && ctx.kind == v->kind &&
	    same(ctx.period, period) && same(ctx.sub.s, sub))
		return ctx.id;
	if (++ctx_last == 0) {	/* numbers used up: start again */
		near_forget();
		ctx_last = 1;
	}
	ctx.id = ctx_last;
	ctx.skey = v->skey;
	ctx.kind = v->kind;
	snprintf(ctx.period, sizeof(ctx.period), "%s", period);
	sb_reset(&ctx.sub);
	sb_puts(&ctx.sub, sub);
	return ctx.id;
}

/* Keep a row of the group of these keys in its group's slot. */
static struct group *
near_row(const struct view *v, const char *gval, const char *period,
    const char *sub, int64_t t, int32_t day, const int64_t *val,
    const int *set)
{
	uint32_t h = keys_hash(v->shash, gval, period, sub, v->kind);
	uint32_t id = ctx_of(v, period, sub);
	struct near *e;
	struct pend *p;
	size_t len;

	if (nears == NULL)
		nears = xcalloc(NEAR, sizeof(*nears));
	e = &nears[h & (NEAR - 1)];
	/* An entry holds its value whole whenever its ctx is not 0. */
	if (e->ctx != id || e->h != h || !same(e->gval, gval)) {
		e->g = group_at(h, v->skey, gval, period, sub, v->kind);
		e->slot = -1;
		e->h = h;
		e->ctx = 0;
		if ((len = strlen(gval)) < NEAR_KEY) {
			memcpy(e->gval, gval, len + 1);
			e->ctx = id;
		}
	}
	if (e->slot >= 0 && pends[e->slot].g == e->g)
		p = &pends[e->slot];
	else {
		p = pend_slot(e->g);
		e->slot = (int)(p - pends);
	}
	pend_put(p, v, t, day, val, set);
	return e->g;
}

static int
has(struct csvr *r, const char *col)
{
	return csvr_col(r, col) >= 0;
}

static enum kind
kind_of(struct csvr *r)
{
	static const char *const items_cols[] = {
		"mood", "trust", "safety", "distress", "arousal"
	};
	size_t i;

	if (!has(r, "ts"))
		return has(r, "step") && has(r, "suds") ? K_LADDER : K_GENERIC;
	if (has(r, "exercise") && has(r, "pre") && has(r, "post"))
		return K_GROUND;
	if (has(r, "step") && has(r, "peak"))
		return K_TRIALS;
	if (has(r, "kind") && has(r, "what") && has(r, "by"))
		return K_PROMISE;
	if (has(r, "kind"))
		return K_REFLECT;
	for (i = 0; i < sizeof(items_cols) / sizeof(items_cols[0]); i++)
		if (has(r, items_cols[i]))
			return K_CHECKIN;
	return K_GENERIC;
}

struct links *trial_links;

/* The columns that tie a trial, its grounding and its reflection. */
static void
links_cols(struct view *v, struct csvr *r)
{
	static const char *const cols[3][5] = {
		{ "id", "ts", "step", "peak", NULL },
		{ "trial", "exercise", "pre", "post", NULL },
		{ "trial", "learned", NULL, NULL, NULL },
	};
	int k = v->kind == K_TRIALS ? 0 : v->kind == K_GROUND ? 1 :
	    v->kind == K_REFLECT ? 2 : -1;
	size_t i;

	for (i = 0; i < 5; i++)
		v->lk[i] = k >= 0 && cols[k][i] != NULL ?
		    csvr_col(r, cols[k][i]) : -1;
	if (k < 0)
		v->lk[0] = -1;
	/* Redacted, a trial's step goes by its number. */
	if (k == 0 && v->lk[2] < 0)
		v->lk[2] = csvr_col(r, "step_id");
}

/* Note this row's part in a trial's links (links.h). */
static void
note_links(const struct view *v, struct csvr *r)
{
	const char *f[5];
	size_t i;

	if (v->lk[0] < 0 || *csvr_field(r, (size_t)v->lk[0]) == '\0')
		return;
	for (i = 0; i < 5; i++)
		f[i] = v->lk[i] >= 0 ? csvr_field(r, (size_t)v->lk[i]) : "";
	if (trial_links == NULL)
		trial_links = links_new();
	if (v->kind == K_TRIALS)
		links_trial(trial_links, v->source, f[0], f[1], f[2], f[3]);
	else if (v->kind == K_GROUND)
		links_ground(trial_links, v->source, f[0], f[1], f[2], f[3]);
	else
		links_reflect(trial_links, v->source, f[0], f[1]);
}

/* Columns that are never measures: times, keys and free text. */
static int
not_a_measure(const struct view *v, const char *col)
{
	if (strcmp(col, AMEND_COL) == 0)
		return 1;
	static const char *const skip[] = {
		"ts", "note", "exercise", "step", "kind", "id", "completed",
		"stopped", "expect", "text", "prompt", "situation", "thought",
		"traps", "learned", "safety_behaviours", "created", "status",
		"step_id", "ladder", "suggested", "trial", "week", "emotion",
		"evidence_for", "evidence_against", "balanced", "prediction",
		"done", "happened", "went_well", "hard", "adjust",
	};
	size_t i;

	if (v->kind == K_GENERIC)
		return strcmp(col, "ts") == 0;
	/* Outside check-ins, "safety" is what helped feel safe: words. */
	if (v->kind != K_CHECKIN && strcmp(col, "safety") == 0)
		return 1;
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(col, skip[i]) == 0)
			return 1;
	return 0;
}

/* Is col one the person asked for with --cols (or were none named)? */
static int
wanted(const char *cols, const char *col)
{
	const char *p = cols;
	size_t n = strlen(col);

	if (cols == NULL)
		return 1;
	while ((p = strstr(p, col)) != NULL) {
		if ((p == cols || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* A measure whose better direction comes from the kind of log. */
static long
directed(const char *name, enum better b)
{
	size_t id = measure_id(name, 1);

	measures[id].better = b;
	measures[id].directed = 1;
	return (long)id;
}

static void
add_diff(struct view *v, struct csvr *r, const char *name, enum better b,
    const char *a, const char *bcol)
{
	if (!has(r, a) || !has(r, bcol))
		return;
	v->diff[v->ndiff].id = directed(name, b);
	v->diff[v->ndiff].a = csvr_col(r, a);
	v->diff[v->ndiff].b = csvr_col(r, bcol);
	v->ndiff++;
}

/* Direction for the columns of steady's own practice logs. */
static void
kind_measures(struct view *v, struct csvr *r)
{
	if (v->kind == K_GROUND) {
		add_diff(v, r, "change", BETTER_LOW, "post", "pre");
		if (has(r, "pre"))
			directed("pre", BETTER_LOW);
		if (has(r, "post"))
			directed("post", BETTER_LOW);
	} else if (v->kind == K_TRIALS) {
		add_diff(v, r, "violation", BETTER_HIGH, "expect_pct",
		    "outcome_pct");
		if (has(r, "pre"))
			directed("pre", BETTER_LOW);
		if (has(r, "post"))
			directed("post", BETTER_LOW);
		if (has(r, "peak"))
			directed("peak", BETTER_LOW);
		v->peak_col = csvr_col(r, "peak");
	}
}

/*
 * The source of a file's rows: the name of the folder holding it
 * (clients/ana/checkin.csv is "ana"; "checkin.csv" and "./checkin.csv"
 * are in the current folder), or --source's name for standard input.
 */
char *
source_of(const char *path, const struct opts *o)
{
	char *real, *end, *start, *name;

	if (strcmp(path, "-") == 0)
		return xstrdup(o->source ? o->source : "stdin");
	if ((real = realpath(path, NULL)) == NULL)
		return xstrdup(path);	/* read_file says why it is missing */
	if ((end = strrchr(real, '/')) == NULL || end == real) {
		free(real);
		return xstrdup("/");
	}
	*end = '\0';
	start = strrchr(real, '/');
	name = xstrdup(start ? start + 1 : real);
	free(real);
	return name;
}

/* --redact: the columns it leaves out are hidden from the view. */
static void
redact_view(struct csvr *r, const struct opts *o)
{
	size_t i;

	if (o->redact == NULL)
		return;
	redact_plan_csvr(o->redact, r);
	for (i = 0; i < csvr_ncols(r); i++)
		if (!redact_keeps(o->redact, i))
			csvr_hide(r, i);
}

static int
view_open(struct view *v, struct csvr *r, const char *path,
    const struct opts *o)
{
	const char *col;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->name = csvr_name(r);
	v->kind = kind_of(r);
	redact_view(r, o);
	v->source = source_of(path, o);
	v->skey = key_of(v->source);
	v->shash = hash_str(HASH_SEED, v->source);
	/* Standard input is never taken for the person's own folder. */
	source_seen(v->source, strcmp(path, "-") != 0 &&
	    store_in_data_dir(path));
	v->tscol = csvr_col(r, "ts");
	v->gcol = o->group && strcmp(o->group, "source") ? csvr_col(r,
	    o->group) : -1;
	v->subcol = v->kind == K_GROUND ? csvr_col(r, "exercise") :
	    v->kind == K_TRIALS || v->kind == K_LADDER ? csvr_col(r, "step") :
	    v->kind == K_REFLECT ? csvr_col(r, "kind") : -1;
	/* Redacted, a step goes by its number, not its words. */
	if (v->subcol < 0 && (v->kind == K_TRIALS || v->kind == K_LADDER))
		v->subcol = csvr_col(r, v->kind == K_TRIALS ? "step_id" : "id");
	v->safety_col = v->peak_col = -1;
	v->trapcol = v->kind == K_REFLECT ? csvr_col(r, "traps") : -1;
	v->stopcol = v->kind == K_TRIALS ? csvr_col(r, "stopped") : -1;
	v->tkindcol = v->kind == K_TRIALS ? csvr_col(r, "kind") : -1;
	v->excol = v->kind == K_TRIALS ? csvr_col(r, "expect_pct") : -1;
	v->occol = v->kind == K_TRIALS ? csvr_col(r, "outcome_pct") : -1;
	v->ratcol = csvr_col(r, "ratings");
	v->sudscol = csvr_col(r, "suds");
	v->lcol = csvr_col(r, "ladder");
	if (o->group && strcmp(o->group, "source") && v->gcol < 0) {
		st_warnx("%s:1: there is no column \"%s\" to group by", v->name,
		    o->group);
		free(v->source);
		return -1;
	}
	v->ncols = csvr_ncols(r);
	v->mid = xcalloc(v->ncols, sizeof(*v->mid));
	for (i = 0; i < v->ncols; i++) {
		col = csvr_colname(r, i);
		v->mid[i] = -1;
		if ((int)i == v->gcol || csvr_hidden(r, i) ||
		    not_a_measure(v, col) ||
		    !wanted(o->cols, col) || v->kind == K_LADDER ||
		    v->kind == K_PROMISE)
			continue;
		v->mid[i] = (long)measure_id(col, o->cols != NULL ||
		    (v->kind == K_CHECKIN && items_find(&items, col)));
	}
	v->mcols = xcalloc(v->ncols + 1, sizeof(*v->mcols));
	for (i = 0; i < v->ncols; i++)
		if (v->mid[i] >= 0)
			v->mcols[v->nmcols++] = i;
	if (v->kind == K_CHECKIN)
		v->safety_col = csvr_col(r, "safety");
	/* A shard cannot know what the others hold: partials keep them all. */
	v->linked = v->kind == K_CHECKIN && o->by == BY_ALL && v->gcol < 0 &&
	    o->partial;
	for (i = 0; v->kind == K_CHECKIN && o->by == BY_ALL && v->gcol < 0 &&
	    i < npracticed; i++)
		if (strcmp(practiced[i], v->source) == 0)
			v->linked = 1;
	if (v->kind == K_LADDER)
		v->sudsid = measure_id("suds", 1);
	kind_measures(v, r);
	links_cols(v, r);
	return 0;
}

static void
view_close(struct view *v)
{
	free(v->mid);
	free(v->mcols);
	free(v->source);
}

/* "2026-11-23", "2026-W48", "2026-11" or "" for the whole range. */
static void
period_label(enum period by, int32_t day, char *buf, size_t len)
{
	static char last[16];
	static int32_t lastday;
	static enum period lastby = BY_ALL;
	int y, m, d, wy, wk;

	if (by == BY_ALL) {
		buf[0] = '\0';
		return;
	}
	/* Rows come day after day: the label of the last day is kept. */
	if (by == lastby && day == lastday && len <= sizeof(last)) {
		memcpy(buf, last, len);
		return;
	}
	when_civil_from_days(day, &y, &m, &d);
	switch (by) {
	case BY_DAY:
		snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
		break;
	case BY_WEEK:
		when_isoweek_of_day(day, &wy, &wk);
		snprintf(buf, len, "%04d-W%02d", wy, wk);
		break;
	case BY_MONTH:
		snprintf(buf, len, "%04d-%02d", y, m);
		break;
	default:
		buf[0] = '\0';
	}
	if (len <= sizeof(last)) {
		memcpy(last, buf, len);
		lastday = day;
		lastby = by;
	}
}

/* In a process reading a piece: its messages, and --strict's stop. */
static FILE *piece_msgs;
static int piece_stop;

static int
bad_row(const struct opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Report a row that cannot be used; with --strict, stop there.  A
 * process reading a piece of a file keeps its messages until the pieces
 * before it are told (read_pieces).
 */
static int
bad_row(const struct opts *o, const char *fmt, ...)
{
	FILE *fp = piece_msgs != NULL ? piece_msgs : stderr;
	va_list ap;

	va_start(ap, fmt);
	st_vfwarnx(fp, fmt, ap);
	va_end(ap);
	badrows++;
	if (o->strict && piece_msgs != NULL)
		piece_stop = 1;
	else if (o->strict)
		exit(EXIT_ERR);
	return -1;
}

/* The row's instant and its written day; 1 when outside the range. */
static int
row_time(const struct view *v, struct csvr *r, const struct opts *o,
    time_t *t, int32_t *day)
{
	const char *ts;
	long off;

	*t = 0;
	*day = 0;
	if (v->tscol < 0)
		return 0;
	ts = csvr_field(r, (size_t)v->tscol);
	if (when_parse(ts, t, &off) == -1)
		return bad_row(o, "%s:%lu: ts %s", v->name, csvr_line(r),
		    st_error());
	if ((range.has_since && *t < range.since) ||
	    (range.has_until && *t >= range.until))
		return 1;
	/* The day as written: the person's date where they were. */
	*day = (int32_t)((*t + off) / 86400 - ((*t + off) % 86400 < 0));
	return 0;
}

/* Check every measure cell before any is counted, so a row is either
 * taken whole or reported whole. */
static int
row_values(const struct view *v, struct csvr *r, const struct opts *o,
    int64_t *val, int *set)
{
	const char *f;
	size_t i, k;

	/* Only a measure's column is ever set. */
	for (k = 0; k < v->nmcols; k++) {
		i = v->mcols[k];
		set[i] = 0;
		if (measures[v->mid[i]].textseen)
			continue;
		f = csvr_field(r, i);
		if (*f == '\0')
			continue;
		if (stats_parse(f, &val[i]) == 0) {
			set[i] = 1;
			continue;
		}
		if (!measures[v->mid[i]].named) {
			/* A generic column of text: not a measure after all. */
			measures[v->mid[i]].textseen = 1;
			continue;
		}
		return bad_row(o, "%s:%lu: %s \"%.40s\" is not a number",
		    v->name, csvr_line(r), measures[v->mid[i]].name, f);
	}
	return 0;
}

/* A value for a derived measure: both cells must be numbers. */
static int
diff_value(struct csvr *r, int a, int b, int64_t *out)
{
	int64_t x, y;

	if (stats_parse(csvr_field(r, (size_t)a), &x) == -1 ||
	    stats_parse(csvr_field(r, (size_t)b), &y) == -1)
		return -1;
	*out = x - y;
	return 0;
}

/* Count what the concern rules look at. */
static void
count_flags(struct group *g, const struct view *v, const int64_t *val,
    const int *set)
{
	if (v->safety_col >= 0 && set[v->safety_col] &&
	    val[v->safety_col] <= rules.safety_threshold * STATS_SCALE)
		g->low_safety++;
}

static int
is_yes(const char *s)
{
	return strcmp(s, "yes") == 0 || strcmp(s, "1") == 0 ||
	    strcmp(s, "true") == 0;
}

/* Trial a comes before trial b: by time, then by every other field. */
static int
trial_before(const struct trial *a, const struct trial *b)
{
	if (a->t != b->t)
		return a->t < b->t;
	if (a->v != b->v)
		return a->v < b->v;
	if (a->ex != b->ex)
		return a->ex < b->ex;
	if (a->oc != b->oc)
		return a->oc < b->oc;
	return a->stop < b->stop;
}

/*
 * Keep the latest trials in time order, dropping the oldest: the same
 * set whatever the order of rows or partials, so merges stay exact.
 */
const struct peaks *
group_peaks(const struct group *g)
{
	static const struct peaks none;

	return g->peaks != NULL ? g->peaks : &none;
}

void
peaks_add(struct peaks **pp, const struct trial *x)
{
	struct peaks *p = *pp != NULL ? *pp : (*pp = xcalloc(1, sizeof(**pp)));
	int i, max = (int)(sizeof(p->tr) / sizeof(p->tr[0]));

	if (p->n == max && !trial_before(&p->tr[0], x))
		return;
	if (p->n == max) {
		memmove(p->tr, p->tr + 1, (size_t)(max - 1) * sizeof(p->tr[0]));
		p->n--;
	}
	for (i = p->n; i > 0 && !trial_before(&p->tr[i - 1], x); i--)
		p->tr[i] = p->tr[i - 1];
	p->tr[i] = *x;
	p->n++;
}

/* Thinking traps named in a reflection ("labelling;mind_reading") are
 * counted as measures "trap:NAME", so partials and merges carry them. */
static void
count_traps(struct group *g, const char *field, time_t t, int32_t day)
{
	char *list = xstrdup(field), *p = list, *name, *key;

	while ((name = strsep(&p, ";")) != NULL) {
		name = trim(name);
		if (*name == '\0')
			continue;
		key = xasprintf(TRAP "%s", name);
		stats_add(group_stats(g, measure_id(key, 1)), t, day,
		    STATS_SCALE);
		free(key);
	}
	free(list);
}

int
is_trap(size_t id)
{
	return strncmp(measures[id].name, TRAP, strlen(TRAP)) == 0;
}

/* A rating of the row for the pacing rules: scaled, or -1 if none. */
static int64_t
cell(const int64_t *val, const int *set, int col)
{
	return col >= 0 && set[col] && val[col] >= 0 ? val[col] : -1;
}

/*
 * One rating of a ladder's step, "2026-11-01:70": its day's start and
 * day number, and the rating scaled; -1 (st_error set) when it is not
 * one.
 */
static int
rating(const char *s, time_t *t, int32_t *day, int64_t *v)
{
	char date[16], q[SHOWN_MAX + 4];
	const char *colon = strrchr(s, ':');
	long off;

	if (colon == NULL || colon - s >= (long)sizeof(date) ||
	    stats_parse(colon + 1, v) == -1 || *v < 0 ||
	    *v > 100 * STATS_SCALE) {
		st_seterr("\"%s\" is not a date and a rating from 0 to 100",
		    shown(s, q));
		return -1;
	}
	memcpy(date, s, (size_t)(colon - s));
	date[colon - s] = '\0';
	if (when_parse(date, t, &off) == -1)
		return -1;
	*day = (int32_t)((*t + off) / 86400 - ((*t + off) % 86400 < 0));
	return 0;
}

/*
 * A step of a ladder: its ratings over time become the values of
 * "suds", so the first, the latest and the trend are the step's own;
 * a row without them counts its one rating, untimed.
 */
static void
take_step(const struct view *v, struct csvr *r, const struct opts *o)
{
	static struct strbuf sub;
	struct rated { time_t t; int32_t day; int64_t v; } *x = NULL;
	const char *lad = v->lcol >= 0 ? csvr_field(r, (size_t)v->lcol) : "";
	char *list, *p, *one;
	struct group *g;
	size_t n = 0, i;
	int bad = 0, dated;

	/* Every rating is read, once, before any is counted. */
	list = xstrdup(v->ratcol >= 0 ? csvr_field(r, (size_t)v->ratcol) : "");
	for (p = list; !bad && (one = strsep(&p, ";")) != NULL;) {
		if (*one == '\0')
			continue;
		x = xreallocarray(x, n + 1, sizeof(*x));
		if (rating(one, &x[n].t, &x[n].day, &x[n].v) == -1)
			bad = bad_row(o, "%s:%lu: ratings %s", v->name,
			    csvr_line(r), st_error());
		n++;
	}
	/* Without dated ratings, the one rating there is, untimed. */
	dated = n > 0;
	if (!bad && n == 0 && v->sudscol >= 0) {
		x = xreallocarray(x, 1, sizeof(*x));
		x[0].t = 0;
		x[0].day = 0;
		if (stats_parse(csvr_field(r, (size_t)v->sudscol), &x[0].v) == 0)
			n = 1;
		else
			bad = bad_row(o, "%s:%lu: suds \"%.40s\" is not a "
			    "number", v->name, csvr_line(r),
			    csvr_field(r, (size_t)v->sudscol));
	}
	free(list);
	if (!bad) {
		sb_reset(&sub);
		if (*lad != '\0' && strcmp(lad, "main") != 0)
			sb_printf(&sub, "%s: ", lad);
		sb_puts(&sub, v->subcol >= 0 ? csvr_field(r,
		    (size_t)v->subcol) : "");
		g = group_get(v->source, v->gcol >= 0 ? csvr_field(r,
		    (size_t)v->gcol) : "", "", sub.s, K_LADDER);
		g->rows++;
		for (i = 0; i < n; i++) {
			if (dated && ((range.has_since &&
			    x[i].t < range.since) ||
			    (range.has_until && x[i].t >= range.until)))
				continue;
			stats_add(group_stats(g, v->sudsid), x[i].t,
			    x[i].day, x[i].v);
			g->timed |= dated;
		}
	}
	free(x);
}

static void
take_row(const struct view *v, struct csvr *r, const struct opts *o,
    int64_t *val, int *set)
{
	static struct strbuf unplanned;
	char period[16];
	const char *sub, *gval;
	struct group *g;
	struct trial x;
	int trigger;
	int32_t day;
	int64_t dv;
	time_t t;
	size_t i, k;

	if (v->kind == K_LADDER) {
		take_step(v, r, o);
		return;
	}
	if (amends_hidden(superseded, r))
		return;
	note_links(v, r);
	if (row_time(v, r, o, &t, &day) != 0 ||
	    row_values(v, r, o, val, set) != 0)
		return;
	period_label(o->by, day, period, sizeof(period));
	if (v->kind == K_PROMISE) {
		if ((sub = promise_row(v->source, v->gcol >= 0 ? csvr_field(r,
		    (size_t)v->gcol) : "", period, o->by, r, t, day)) != NULL)
			bad_row(o, "%s:%lu: %s", v->name, csvr_line(r), sub);
		return;
	}
	sub = v->subcol >= 0 ? csvr_field(r, (size_t)v->subcol) : "";
	/* A step met in daily life is kept apart from planned practice. */
	trigger = v->tkindcol >= 0 &&
	    strcmp(csvr_field(r, (size_t)v->tkindcol), "trigger") == 0;
	/* A trial the person chose not to do is no trial to summarise. */
	if (v->tkindcol >= 0 &&
	    strcmp(csvr_field(r, (size_t)v->tkindcol), "declined") == 0)
		return;
	if (trigger) {
		sb_reset(&unplanned);
		sb_printf(&unplanned, "%s (unplanned)", sub);
		sub = unplanned.s;
	}
	gval = v->gcol >= 0 ? csvr_field(r, (size_t)v->gcol) : "";
	if (pend_fits(v))
		g = near_row(v, gval, period, sub, t, day, val, set);
	else {
		g = group_at(keys_hash(v->shash, gval, period, sub, v->kind),
		    v->skey, gval, period, sub, v->kind);
		take_now(g, v, t, day, val, set);
	}
	if (v->linked)
		for (k = 0; k < v->nmcols; k++)
			if (set[i = v->mcols[k]])
				dayseries_add(group_series(g,
				    (size_t)v->mid[i]), day, val[i]);
	for (i = 0; i < v->ndiff; i++)
		if (diff_value(r, v->diff[i].a, v->diff[i].b, &dv) == 0)
			stats_add(group_stats(g, (size_t)v->diff[i].id), t,
			    day, dv);
	count_flags(g, v, val, set);
	if (v->trapcol >= 0)
		count_traps(g, csvr_field(r, (size_t)v->trapcol), t, day);
	if (v->kind == K_TRIALS && !trigger) {
		x.t = t;
		x.v = cell(val, set, v->peak_col);
		x.ex = cell(val, set, v->excol);
		x.oc = cell(val, set, v->occol);
		x.stop = v->stopcol >= 0 &&
		    is_yes(csvr_field(r, (size_t)v->stopcol));
		peaks_add(&g->peaks, &x);
	}
}

/* Take the records of r until its end; -1 on a read error. */
static int
read_rows(struct csvr *r, const struct view *v, const struct opts *o)
{
	int64_t *val = xcalloc(v->ncols, sizeof(*val));
	int *set = xcalloc(v->ncols, sizeof(*set));
	int c, rc = 0;

	pend_view = v;
	while (!piece_stop && (c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_REC)
			take_row(v, r, o, val, set);
		else if (c == CSVR_BAD)
			bad_row(o, "%s", st_error());
		else {
			st_fwarnx(piece_msgs != NULL ? piece_msgs : stderr,
			    "%s", st_error());
			rc = -1;
			break;
		}
	}
	pend_settle();
	free(val);
	free(set);
	return rc;
}

/*
 * A large file is read in pieces at once, one process a piece: the first
 * here, the others in children that send back their groups as a partial
 * (partial.c), merged in file order, so the result is the one a single
 * pass gives.  A piece starts after a newline; should that newline lie
 * inside a quoted field, the piece before it sees its limit cut a record
 * (csvr_cut), and this process reads the rest of the file itself.
 */
#define PIECES_MAX 16

struct piece {
	off_t start, end;
	pid_t pid;
	int fd;			/* the child's partial, or -1 */
	int ctl;		/* a kept piece's word from here, or -1 */
};

/* A whole number from the environment, or def when unset. */
static int
env_num(const char *name, long long min, long long max, long long def,
    long long *out)
{
	const char *s = getenv(name), *why;

	*out = def;
	if (s == NULL || *s == '\0')
		return 0;
	if (parse_num(s, min, max, out, &why) == -1) {
		st_warnx("%s: \"%s\" is not a whole number from %lld to %lld",
		    name, s, min, max);
		return -1;
	}
	return 0;
}

/* The first byte after a newline at or past pos, or -1 for none near. */
static off_t
line_after(int fd, off_t pos)
{
	char buf[65536], *nl;
	off_t at;
	ssize_t n;

	for (at = pos - 1; at < pos + 16 * (off_t)sizeof(buf); at += n) {
		if ((n = pread(fd, buf, sizeof(buf), at)) <= 0)
			return -1;
		if ((nl = memchr(buf, '\n', (size_t)n)) != NULL)
			return at + (nl - buf) + 1;
	}
	return -1;
}

/* The pipe from a piece's child, and the buffer that reads it. */
#define PIECE_PIPE (1 << 20)

/* How many processes may read a file, and its smallest piece. */
static long long jobs_max, piece_min;

int
pieces_setup(void)
{
	if (env_num("STEADY_JOBS", 1, PIECES_MAX, 0, &jobs_max) == -1 ||
	    env_num("STEADY_PIECE_MIN", 1, LLONG_MAX, 4 << 20,
	    &piece_min) == -1)
		return -1;
	if (jobs_max == 0 && (jobs_max = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		jobs_max = 1;
	jobs_max = jobs_max > PIECES_MAX ? PIECES_MAX : jobs_max;
	return 0;
}

int
report_jobs(void)
{
	return (int)jobs_max;
}

/* How many pieces, and where each starts: 1 when not worth it. */
static void
plan_pieces(const char *path, struct piece *p, int *n)
{
	long long jobs = jobs_max, min = piece_min;
	struct stat st;
	off_t s;
	int fd, k;

	*n = 1;
	if (jobs < 2 || (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size / min < 2) {
		close(fd);
		return;
	}
	jobs = st.st_size / min < jobs ? st.st_size / min : jobs;
	p[0].start = 0;
	for (k = 1; k < jobs; k++) {
		s = line_after(fd, st.st_size / jobs * k);
		if (s <= p[k - 1].start || s >= st.st_size)
			break;
		p[k].start = s;
		p[k - 1].end = s;
	}
	p[k - 1].end = st.st_size;
	*n = k;
	close(fd);
}

/* Lines before byte off of path, so a piece's messages name the line. */
static int
lines_before(const char *path, off_t off, unsigned long *lines)
{
	char buf[65536];
	off_t at;
	ssize_t n = 0;
	int fd;

	*lines = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	for (at = 0; at < off; at += n) {
		n = pread(fd, buf, off - at < (off_t)sizeof(buf) ?
		    (size_t)(off - at) : sizeof(buf), at);
		if (n <= 0)
			break;
		*lines += csv_newlines(buf, (size_t)n);
	}
	close(fd);
	return n < 0 || at < off ? -1 : 0;
}

/*
 * In a kept piece's child: what its parent asks, until it needs no more.
 * 'W', a count and the groups' numbers: those groups whole; 'A': all of
 * them; 'P': write the rows of its groups in turns (render.c).  The exit
 * status.
 */
static int
keeper_serve(int ctl, FILE *out)
{
	unsigned char *given = xcalloc(ngroups + 1, 1);
	struct group **g;
	uint32_t *idx = NULL;
	uint64_t n;
	size_t i, k, at;
	int st = EXIT_ERR;
	char c;

	for (;;) {
		if (read_full(ctl, &c, 1) == -1) {
			st = 0;		/* let go: nothing more is needed */
			break;
		}
		if (c == 'P') {
			/* The groups not given, in order, then the rest, which
			 * stay only to be freed. */
			g = xreallocarray(NULL, ngroups + 1, sizeof(*g));
			for (i = k = 0; i < ngroups; i++)
				if (!given[i])
					g[k++] = groups[i];
			for (i = 0, at = k; i < ngroups; i++)
				if (given[i])
					g[at++] = groups[i];
			free(groups);
			groups = g;
			st = partner_runs(ctl, out, k);
			break;
		}
		if (c == 'A') {
			/* All that were not given already. */
			idx = xreallocarray(NULL, ngroups + 1, sizeof(*idx));
			for (i = k = 0; i < ngroups; i++)
				if (!given[i])
					idx[k++] = (uint32_t)i;
			write_piece_some(out, idx, k);
			st = 0;
			break;
		}
		if (c != 'W' || read_full(ctl, &n, sizeof(n)) == -1 ||
		    n > ngroups)
			break;
		idx = xreallocarray(NULL, n + 1, sizeof(*idx));
		if (read_full(ctl, idx, n * sizeof(*idx)) == -1)
			break;
		for (i = 0; i < n; i++) {
			if (idx[i] >= ngroups || given[idx[i]])
				break;
			given[idx[i]] = 1;
		}
		if (i < n)
			break;
		write_piece_some(out, idx, n);
		free(idx);
		idx = NULL;
		if (fflush(out) != 0)
			break;
	}
	free(idx);
	free(given);
	return st;
}

/*
 * In the child: read one piece into groups of its own and send them
 * back, after a line of counts and the messages for its rows.
 */
static void
piece_child(const struct piece *p, const struct view *v, const char *path,
    const struct opts *o, FILE *out)
{
	struct csvr *r;
	unsigned long lines, cutline = 0;
	char *msg = NULL;
	size_t msglen = 0;
	off_t cut = -1;
	int rc = -1, st;

	if ((piece_msgs = open_memstream(&msg, &msglen)) == NULL)
		_exit(EXIT_ERR);
	groups_forget();
	badrows = 0;
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) != NULL &&
	    lines_before(path, p->start, &lines) == 0 &&
	    csvr_seek(r, p->start, lines) == 0) {
		csvr_limit(r, p->end);
		rc = read_rows(r, v, o);
		cut = csvr_cut(r, &cutline);
	} else
		st_fwarnx(piece_msgs, "%s: a piece cannot be read", path);
	fclose(piece_msgs);
	fprintf(out, "%lld %lld %lu %d %d %zu\n", (long long)badrows,
	    (long long)cut, cutline, piece_stop, rc, msglen);
	fwrite(msg, 1, msglen, out);
	st = 0;
	if (p->ctl == -1)
		write_piece(out);
	else if (rc == 0) {
		groups_sort();
		write_keys(out);
		st = fflush(out) == 0 ? keeper_serve(p->ctl, out) : EXIT_ERR;
		close(p->ctl);
	}
	st = fclose(out) == 0 ? st : EXIT_ERR;
	/* What this process made is freed, so that a leak check of the
	 * child finds only what it kept of its parent. */
	csvr_close(r);
	free(msg);
	groups_free();
	_exit(st);
}

static int
piece_start(struct piece *p, const struct view *v, const char *path,
    const struct opts *o, int keep)
{
	int fd[2], sv[2] = { -1, -1 };
	FILE *out;

	if (keep && socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		return -1;
	if (pipe(fd) == -1) {
		if (keep) {
			close(sv[0]);
			close(sv[1]);
		}
		return -1;
	}
#ifdef F_SETPIPE_SZ
	/* Room for many groups: fewer turns between the two processes. */
	(void)fcntl(fd[1], F_SETPIPE_SZ, PIECE_PIPE);
#endif
	fflush(stdout);
	fflush(stderr);
	if ((p->pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		if (keep) {
			close(sv[0]);
			close(sv[1]);
		}
		return -1;
	}
	if (p->pid == 0) {
		close(fd[0]);
		if (keep)
			close(sv[0]);
		p->ctl = sv[1];
		if ((out = fdopen(fd[1], "w")) == NULL)
			_exit(EXIT_ERR);
		piece_child(p, v, path, o, out);
	}
	close(fd[1]);
	if (keep)
		close(sv[1]);
	p->fd = fd[0];
	p->ctl = sv[0];
	return 0;
}

/*
 * What a child sent: its counts and messages as text, then its groups,
 * or a kept piece's keys (*same: its measures are this process's).
 */
static int
piece_take(FILE *fp, off_t *cut, unsigned long *cutline, int *stop,
    int keeping, int *same)
{
	long long bad, c;
	size_t msglen;
	int rc, ch;

	if (fscanf(fp, "%lld %lld %lu %d %d %zu", &bad, &c, cutline,
	    stop, &rc, &msglen) != 6 || getc(fp) != '\n')
		return -1;
	*cut = (off_t)c;
	badrows += bad;
	for (; msglen > 0 && (ch = getc(fp)) != EOF; msglen--)
		putc(ch, stderr);
	if (rc == -1)
		return -2;
	if (keeping)
		return read_keys(fp, same, &keeper.rk, &keeper.nrk,
		    &keeper.str, &keeper.nstr) == 0 ? 0 : -1;
	return read_piece(fp) == 0 ? 0 : -1;
}

/* Merge child p's piece; -1 (told) if it could not be taken whole. */
static int
piece_merge(struct piece *p, const char *path, const struct opts *o,
    off_t *cut, unsigned long *cutline)
{
	FILE *fp = fdopen(p->fd, "r");
	int rc = -1, stop = 0, st, same = 0;

	if (fp != NULL) {
		(void)setvbuf(fp, NULL, _IOFBF, PIECE_PIPE);
		rc = piece_take(fp, cut, cutline, &stop, p->ctl != -1, &same);
		if (rc == 0 && p->ctl != -1) {
			/* Kept: the child stays, and its keys are here. */
			keeper.pid = p->pid;
			keeper.ctl = p->ctl;
			keeper.in = fp;
			keeper.path = xstrdup(path);
			p->fd = p->ctl = -1;
			if (stop && o->strict)
				exit(EXIT_ERR);
			/* Measures not the same here, or a record cut: all of
			 * its groups are needed here, as from any piece. */
			return !same || *cut >= 0 ? keeper_fetch(NULL, 0) : 0;
		}
		fclose(fp);
	} else
		close(p->fd);
	if (p->ctl != -1)
		close(p->ctl);
	p->fd = p->ctl = -1;
	if (waitpid(p->pid, &st, 0) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		rc = rc == -2 ? -2 : -1;
	if (rc == -1)
		st_warnx("%s: a process reading part of it failed", path);
	if (stop && o->strict)
		exit(EXIT_ERR);
	return rc < 0 ? -1 : 0;
}

/* Children not needed after all: their pieces are read here instead. */
static void
pieces_drop(struct piece *p, int from, int n)
{
	int k, st;

	for (k = from; k < n; k++) {
		if (p[k].fd == -1)
			continue;
		kill(p[k].pid, SIGTERM);
		close(p[k].fd);
		if (p[k].ctl != -1)
			close(p[k].ctl);
		p[k].fd = p[k].ctl = -1;
		(void)waitpid(p[k].pid, &st, 0);
	}
}

int
keeper_on(void)
{
	return keeper.ctl != -1;
}

int
keeper_channel(pid_t *pid, int *ctl, FILE **in)
{
	*pid = keeper.pid;
	*ctl = keeper.ctl;
	*in = keeper.in;
	return keeper.ctl != -1 ? 0 : -1;
}

const struct rkey *
keeper_keys(size_t *n, const char *const **str)
{
	*n = keeper.nrk;
	*str = keeper.str;
	return keeper.rk;
}

int
keeper_end(int stop, int wait)
{
	int st = -1;

	if (keeper.ctl != -1) {
		close(keeper.ctl);
		keeper.ctl = -1;
		if (stop)
			kill(keeper.pid, SIGTERM);
		fclose(keeper.in);
		keeper.in = NULL;
	}
	if (!wait || keeper.pid == -1)
		return 0;
	while (waitpid(keeper.pid, &st, 0) == -1 && errno == EINTR)
		;
	keeper.pid = -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

int
keeper_fetch(const uint32_t *idx, size_t n)
{
	struct strbuf sb = { 0 };
	uint64_t n64 = n;
	int rc;

	if (idx == NULL) {
		rc = send_full(keeper.ctl, "A", 1) == 0 &&
		    read_piece(keeper.in) == 0 ? 0 : -1;
		if (keeper_end(rc == -1, 1) == -1)
			rc = -1;
		if (rc == -1)
			st_warnx("%s: a process reading part of it failed",
			    keeper.path);
		return rc;
	}
	sb_putc(&sb, 'W');
	sb_add(&sb, (const char *)&n64, sizeof(n64));
	sb_add(&sb, (const char *)idx, n * sizeof(*idx));
	rc = send_full(keeper.ctl, sb.s, sb.len) == 0 &&
	    read_piece_some(keeper.in) == 0 ? 0 : -1;
	sb_free(&sb);
	if (rc == -1) {
		st_warnx("%s: a process reading part of it failed",
		    keeper.path);
		keeper_end(1, 1);
	}
	return rc;
}

/* Read r's file, whose header r has read, in pieces where it pays. */
static int
read_pieces(struct csvr *r, const struct view *v, const char *path,
    const struct opts *o)
{
	struct piece p[PIECES_MAX];
	unsigned long cutline;
	off_t cut;
	int n, k, started, rc, keep;

	for (k = 0; k < PIECES_MAX; k++)
		p[k].fd = p[k].ctl = -1;

	/*
	 * Days make so many groups that passing them back costs more than
	 * reading in pieces saves (bench/README.md); weeks still gain.  The
	 * records that link a trial with its grounding and reflection are
	 * gathered in file order, as a person's practice logs are read.
	 */
	if (o->by == BY_DAY || v->lk[0] >= 0)
		return read_rows(r, v, o);
	plan_pieces(path, p, &n);
	if (n < 2)
		return read_rows(r, v, o);
	keep = n == 2 && one_input && !o->summary && !o->partial &&
	    (o->format == OUT_CSV || o->format == OUT_TSV) &&
	    (o->by == BY_WEEK || o->by == BY_MONTH) &&
	    (v->kind == K_CHECKIN || v->kind == K_GENERIC) && npracticed == 0;
	if (keep)
		render_ahead(v->source);
	for (started = 1; started < n; started++)
		if (piece_start(&p[started], v, path, o, keep) == -1)
			break;
	if (started < n) {
		/* No process to spare: read it all here. */
		pieces_drop(p, 1, started);
		return read_rows(r, v, o);
	}
	csvr_limit(r, p[0].end);
	rc = read_rows(r, v, o);
	cut = csvr_cut(r, &cutline);
	/* While the kept piece is still read: what there is here, sorted. */
	if (keep && rc == 0 && cut < 0)
		groups_sort();
	for (k = 1; rc == 0 && cut < 0 && k < n; k++)
		rc = piece_merge(&p[k], path, o, &cut, &cutline);
	pieces_drop(p, k, n);
	if (rc == 0 && cut >= 0)
		rc = csvr_seek(r, cut, cutline) == 0 ? read_rows(r, v, o) : -1;
	return rc;
}

/*
 * The records a later correction supersedes or a withdrawal withdraws are
 * left out (steady.5): their keys are found first, in a pass of their own
 * over a log that has an amend column.
 */
static int
amends_open(struct csvr **r, const char *path)
{
	if (strcmp(path, "-") == 0 ? amends_spool(r, stdin, CSVR_UNESCAPE,
	    &spooled, &superseded) : amends_load(path, &superseded)) {
		st_warnx("%s", st_error());
		return -1;
	}
	return 0;
}

static int
read_file_amended(const char *path, const struct opts *o)
{
	struct csvr *r;
	struct view v;
	int rc = 0;

	r = strcmp(path, "-") == 0 ? csvr_open(stdin, "(stdin)",
	    CSVR_UNESCAPE) : csvr_openpath(path, CSVR_UNESCAPE);
	if (r == NULL) {
		st_warnx("%s", st_error());
		return -1;
	}
	if (amends_open(&r, path) == -1) {
		csvr_close(r);
		return -1;
	}
	if (csvr_ncols(r) > 0 && forms_log(r)) {
		rc = forms_read(r, path, o);
		csvr_close(r);
		return rc;
	}
	if (csvr_ncols(r) > 0 && assign_log(r)) {
		csvr_close(r);
		return assign_read(path, o);
	}
	/* A person's urges to check stay theirs, even in a folder's glob. */
	if (csvr_ncols(r) > 0 && has(r, "urge") && has(r, "strength") &&
	    !o->urges) {
		st_warnx("%s: an urge log, left out as private (--urges reads it)",
		    strcmp(path, "-") == 0 ? "(stdin)" : path);
		csvr_close(r);
		return 0;
	}
	if (csvr_ncols(r) == 0 || view_open(&v, r, path, o) == -1) {
		rc = csvr_ncols(r) == 0 ? 0 : -1;
		csvr_close(r);
		return rc;
	}
	if (v.tscol < 0 && o->by != BY_ALL) {
		st_warnx("%s:1: there is no ts column, so --by cannot place rows "
		    "in time", v.name);
		rc = -1;
	}
	/* A client quiet in the range still counts: the summary says so. */
	if (v.kind == K_CHECKIN && o->by == BY_ALL && v.gcol < 0)
		(void)group_get(v.source, "", "", "", v.kind);
	if (rc == 0 && strcmp(path, "-") != 0)
		rc = read_pieces(r, &v, path, o);
	else if (rc == 0)
		rc = read_rows(r, &v, o);
	assign_seen(path, v.kind, v.source);
	view_close(&v);
	csvr_close(r);
	return rc;
}

/* Read one file (or standard input for "-") into the groups. */
int
read_file(const char *path, const struct opts *o)
{
	int rc = read_file_amended(path, o);

	amends_free(superseded);
	superseded = NULL;
	if (spooled != NULL)
		fclose(spooled);
	spooled = NULL;
	return rc;
}

/*
 * Before reading: which sources have practice logs, from each file's
 * header alone, so that only their check-ins keep day-by-day values; and
 * whether weekly series can keep only the weeks the charts show.  They
 * cannot when a couple's record may be read: its weeks ask for the trust
 * ratings of any week.  Nor for a partial, as a shard cannot know what
 * the others hold.  Standard input and pipes cannot be read twice, so
 * what they hold is not known beforehand: taken as possibly both.
 */
void
prescan(int argc, char **argv, const struct opts *o)
{
	struct csvr *r;
	struct stat st;
	enum kind k;
	int i;

	bounded_weeks = argc > 0 && !o->partial;
	one_input = argc == 1 && strcmp(argv[0], "-") != 0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			bounded_weeks = 0;
			continue;
		}
		if (stat(argv[i], &st) == -1)
			continue;	/* read_file reports it */
		if (!S_ISREG(st.st_mode))
			bounded_weeks = 0;	/* and it may hold practice */
		else if ((r = csvr_openpath(argv[i], 0)) == NULL)
			continue;
		else {
			k = kind_of(r);
			csvr_close(r);
			if (k == K_PROMISE)
				bounded_weeks = 0;
			if (k != K_GROUND && k != K_TRIALS && k != K_REFLECT)
				continue;
		}
		practiced = xreallocarray(practiced, npracticed + 1,
		    sizeof(*practiced));
		practiced[npracticed++] = source_of(argv[i], o);
	}
}
