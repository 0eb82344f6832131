/* report: partial results, written whole and merged exactly. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "when.h"

/* Partial results: the whole aggregate state, one CSV row per group and
 * measure (steady.5, "report partials"). */
static const char *const partial_cols[] = {
	"source", "group", "period", "log", "item", "measure", "better",
	"state"
};
#define NPARTIAL 8
static const char *const kind_codes[] = {
	"data", "checkin", "ground", "trials", "reflect", "ladder", "promise"
};
static const char *const better_codes[] = { "low", "mid", "high" };

static const char *
better_code(const struct measure *m)
{
	if (m->textseen)
		return "text";
	return m->directed ? better_codes[m->better + 1] : "";
}

static void
partial_group(struct strbuf *sb, const struct group *g)
{
	const struct peaks *pk = group_peaks(g);
	struct strbuf st = { 0 };
	const char *f[NPARTIAL];
	size_t i;

	sb_printf(&st, "%lld %d %lld %d", (long long)g->rows, g->timed,
	    (long long)g->low_safety, pk->n);
	for (i = 0; i < (size_t)pk->n; i++)
		sb_printf(&st, " %lld %lld %lld %lld %d",
		    (long long)pk->tr[i].t, (long long)pk->tr[i].v,
		    (long long)pk->tr[i].ex, (long long)pk->tr[i].oc,
		    pk->tr[i].stop);
	sb_putc(&st, '|');
	daymap_encode(&st, &g->days);
	f[0] = g->source;
	f[1] = g->gval;
	f[2] = g->period;
	f[3] = kind_codes[g->kind];
	f[4] = g->sub;
	f[5] = "";
	f[6] = "";
	f[7] = st.s;
	csvw_record(sb, f, NPARTIAL, ',', CSVW_ESCAPE);
	for (i = 0; i < g->nm; i++) {
		if (g->m[i].n == 0)
			continue;
		sb_reset(&st);
		stats_encode(&st, &g->m[i]);
		if (i < g->nds && g->ds[i].len > 0) {
			sb_putc(&st, '#');
			dayseries_encode(&st, &g->ds[i]);
		}
		f[5] = measures[i].name;
		f[6] = better_code(&measures[i]);
		f[7] = st.s;
		csvw_record(sb, f, NPARTIAL, ',', CSVW_ESCAPE);
	}
	sb_free(&st);
}

/*
 * The measures met in a header with nothing counted in any group, each a
 * row with an empty state, so that a merge knows the same columns as one
 * pass (a caseload summary has a column for every check-in item seen).
 */
static void
partial_known(struct strbuf *sb)
{
	const char *f[NPARTIAL] = { "", "", "", "data", "", "", "", "" };
	char *used = xcalloc(nmeasures + 1, 1);
	size_t i, j;

	for (i = 0; i < ngroups; i++)
		for (j = 0; j < groups[i]->nm; j++)
			used[j] |= groups[i]->m[j].n > 0;
	for (j = 0; j < nmeasures; j++)
		if (!used[j]) {
			f[5] = measures[j].name;
			f[6] = better_code(&measures[j]);
			csvw_record(sb, f, NPARTIAL, ',', CSVW_ESCAPE);
		}
	free(used);
}

void
write_partial(FILE *fp)
{
	struct strbuf sb = { 0 };
	size_t i;

	csvw_record(&sb, partial_cols, NPARTIAL, ',', 0);
	fwrite(sb.s, 1, sb.len, fp);
	sb_reset(&sb);
	for (i = 0; i < ngroups; i++) {
		partial_group(&sb, groups[i]);
		fwrite(sb.s, 1, sb.len, fp);
		sb_reset(&sb);
	}
	partial_known(&sb);
	fwrite(sb.s, 1, sb.len, fp);
	sb_free(&sb);
}

static int
code_of(const char *const *codes, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(codes[i], s) == 0)
			return (int)i;
	return -1;
}

/* A measure's state: its summary, then '#' and its day series if any. */
static int
merge_measure(struct group *g, size_t id, const char *state)
{
	struct dayseries ds;
	struct stats st;
	char *text = xstrdup(state), *hash = strchr(text, '#');
	int rc = -1;

	if (hash != NULL)
		*hash++ = '\0';
	if (stats_decode(text, &st) == 0) {
		stats_merge(group_stats(g, id), &st);
		stats_free(&st);
		rc = 0;
	}
	if (rc == 0 && hash != NULL) {
		if (dayseries_decode(hash, &ds) == 0) {
			dayseries_merge(group_series(g, id), &ds);
			dayseries_free(&ds);
		} else
			rc = -1;
	}
	free(text);
	return rc;
}

/* The group's counters and latest peaks from a partial; *used: how
 * much of the text they took, up to and with the '|'. */
static int
merge_counts(struct group *g, const char *s, int *used)
{
	long long rows, low, t, v, ex, oc;
	int timed, npeaks, stop, n, i;
	const char *p = s;
	struct trial x;

	if (sscanf(p, "%lld %d %lld %d%n", &rows, &timed, &low, &npeaks,
	    &n) != 4 || npeaks < 0 || npeaks > 12)
		return -1;
	for (p += n, i = 0; i < npeaks; i++, p += n) {
		if (sscanf(p, " %lld %lld %lld %lld %d%n", &t, &v, &ex, &oc,
		    &stop, &n) != 5)
			return -1;
		x.t = t;
		x.v = v;
		x.ex = ex;
		x.oc = oc;
		x.stop = stop != 0;
		peaks_add(&g->peaks, &x);
	}
	if (*p++ != '|')
		return -1;
	g->rows += rows;
	g->timed |= timed;
	g->low_safety += low;
	*used = (int)(p - s);
	return 0;
}

/* A measure's better way, or that it holds text, from its code. */
static void
measure_better(size_t id, const char *code)
{
	int b;

	if (strcmp(code, "text") == 0)
		measures[id].textseen = 1;
	else if ((b = code_of(better_codes, 3, code)) >= 0) {
		measures[id].better = (enum better)(b - 1);
		measures[id].directed = 1;
	}
}

/* Fold one partial row into the groups. */
static int
merge_row(struct csvr *r)
{
	const char *f[NPARTIAL];
	struct group *g;
	struct daymap dm;
	size_t i, id;
	int kind, n;

	for (i = 0; i < NPARTIAL; i++)
		f[i] = csvr_field(r, (size_t)csvr_col(r, partial_cols[i]));
	if ((kind = code_of(kind_codes, 7, f[3])) < 0)
		return -1;
	/* A measure known with nothing counted: no group of its own. */
	if (*f[5] != '\0' && *f[7] == '\0') {
		id = measure_id(f[5], 1);
		measure_better(id, f[6]);
		return 0;
	}
	g = group_get(f[0], f[1], f[2], f[4], (enum kind)kind);
	if (*f[5] == '\0') {
		if (merge_counts(g, f[7], &n) == -1 ||
		    daymap_decode(f[7] + n, &dm) == -1)
			return -1;
		daymap_merge(&g->days, &dm);
		daymap_free(&dm);
		return 0;
	}
	id = measure_id(f[5], 1);
	measure_better(id, f[6]);
	return merge_measure(g, id, f[7]);
}

/* Merge the partial read by r, which is closed. */
static int
merge_partial(struct csvr *r)
{
	size_t i;
	int c, rc = 0;

	for (i = 0; i < NPARTIAL; i++)
		if (csvr_col(r, partial_cols[i]) < 0) {
			st_warnx("%s:1: this is not a partial from report "
			    "--partial", csvr_name(r));
			csvr_close(r);
			return -1;
		}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF)
		if (c != CSVR_REC) {
			st_warnx("%s", st_error());
			rc = -1;
		} else if (merge_row(r) == -1) {
			st_warnx("%s:%lu: this partial row cannot be read",
			    csvr_name(r), csvr_line(r));
			rc = -1;
		}
	csvr_close(r);
	return rc;
}

int
read_partial(const char *path)
{
	struct csvr *r;

	r = strcmp(path, "-") == 0 ? csvr_open(stdin, "(stdin)",
	    CSVR_UNESCAPE) : csvr_openpath(path, CSVR_UNESCAPE);
	if (r == NULL) {
		st_warnx("%s", st_error());
		return -1;
	}
	return merge_partial(r);
}

int
read_partial_stream(FILE *fp, const char *name)
{
	struct csvr *r;

	if ((r = csvr_open(fp, name, CSVR_UNESCAPE | CSVR_WHOLE)) == NULL) {
		st_warnx("%s", st_error());
		return -1;
	}
	return merge_partial(r);
}

/*
 * A piece's groups for the process that forked it (read.c): the state of
 * a partial, as bytes in this machine's own layout, which a child of the
 * same program passes far more cheaply than text.  First the measures,
 * so that ids made in the child are found again by name, then the groups.
 */
struct piece_measure {
	size_t len;
	enum better better;
	int directed, textseen, named;
};

static void
put_str(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	sb_add(sb, (const char *)&n, sizeof(n));
	sb_add(sb, s, n);
}

static void
put_group(struct strbuf *sb, const struct group *g)
{
	static const struct dayseries none;
	const struct peaks *pk = group_peaks(g);
	size_t i, n = 0;

	sb_add(sb, (const char *)&g->kind, sizeof(g->kind));
	put_str(sb, g->source);
	put_str(sb, g->gval);
	put_str(sb, g->period);
	put_str(sb, g->sub);
	sb_add(sb, (const char *)&g->rows, sizeof(g->rows));
	sb_add(sb, (const char *)&g->timed, sizeof(g->timed));
	sb_add(sb, (const char *)&g->low_safety, sizeof(g->low_safety));
	sb_add(sb, (const char *)&pk->n, sizeof(pk->n));
	sb_add(sb, (const char *)pk->tr, (size_t)pk->n * sizeof(pk->tr[0]));
	daymap_pack(sb, &g->days);
	for (i = 0; i < g->nm; i++)
		n += g->m[i].n > 0;
	sb_add(sb, (const char *)&n, sizeof(n));
	for (i = 0; i < g->nm; i++) {
		if (g->m[i].n == 0)
			continue;
		sb_add(sb, (const char *)&i, sizeof(i));
		stats_pack(sb, &g->m[i]);
		dayseries_pack(sb, i < g->nds ? &g->ds[i] : &none);
	}
}

/* sb as one frame, its length first, added to out; sb is emptied. */
static void
put_frame(struct strbuf *out, struct strbuf *sb)
{
	sb_add(out, (const char *)&sb->len, sizeof(sb->len));
	sb_add(out, sb->s, sb->len);
	sb_reset(sb);
}

/* The measures' frame: their names and ways, and how many groups follow. */
static void
put_measures(struct strbuf *sb, size_t ngroup)
{
	struct piece_measure pm;
	size_t i;

	sb_add(sb, (const char *)&nmeasures, sizeof(nmeasures));
	for (i = 0; i < nmeasures; i++) {
		pm.len = strlen(measures[i].name);
		pm.better = measures[i].better;
		pm.directed = measures[i].directed;
		pm.textseen = measures[i].textseen;
		pm.named = measures[i].named;
		sb_add(sb, (const char *)&pm, sizeof(pm));
		sb_add(sb, measures[i].name, pm.len);
	}
	sb_add(sb, (const char *)&ngroup, sizeof(ngroup));
}

/*
 * A frame of the measures and how many groups follow, then a frame for
 * each group: the parent holds one group's bytes at a time, never them
 * all.  The groups are groups[pick[0..n-1]], or all of them when pick
 * is NULL.
 */
static void
put_piece(FILE *fp, const uint32_t *pick, size_t n)
{
	struct strbuf sb = { 0 }, out = { 0 };
	size_t i;

	put_measures(&sb, pick != NULL ? n : ngroups);
	put_frame(&out, &sb);
	for (i = 0; i < (pick != NULL ? n : ngroups); i++) {
		put_group(&sb, groups[pick != NULL ? pick[i] : i]);
		put_frame(&out, &sb);
		/* A buffer of a few groups at a time, not of them all. */
		if (out.len > 1 << 16) {
			fwrite(out.s, 1, out.len, fp);
			sb_reset(&out);
		}
	}
	fwrite(out.s, 1, out.len, fp);
	sb_free(&sb);
	sb_free(&out);
}

void
write_piece(FILE *fp)
{
	put_piece(fp, NULL, 0);
}

void
write_piece_some(FILE *fp, const uint32_t *pick, size_t n)
{
	put_piece(fp, pick, n);
}

/*
 * The groups' keys alone, for a piece that keeps its groups: the
 * measures' frame; a frame of every key's text, in byte order; then
 * frames of the groups, in their order, each as its keys' numbers in
 * that list and its kind (struct rkey).
 */
void
write_keys(FILE *fp)
{
	struct strbuf sb = { 0 }, out = { 0 };
	const char **all;
	struct rkey k;
	size_t i, n;

	put_measures(&sb, ngroups);
	put_frame(&out, &sb);
	if ((all = keys_sorted(&n)) == NULL)
		n = 0;		/* too many to number: the parent fails it */
	sb_add(&sb, (const char *)&n, sizeof(n));
	for (i = 0; i < n; i++)
		put_str(&sb, all[i]);
	put_frame(&out, &sb);
	free(all);
	for (i = 0; i < ngroups; i++) {
		k.key[0] = key_rank(groups[i]->source);
		k.key[1] = key_rank(groups[i]->gval);
		k.key[2] = key_rank(groups[i]->period);
		k.key[3] = key_rank(groups[i]->sub);
		k.kind = groups[i]->kind;
		sb_add(&sb, (const char *)&k, sizeof(k));
		if (sb.len >= 1 << 16 || i + 1 == ngroups)
			put_frame(&out, &sb);
		if (out.len > 1 << 16) {
			fwrite(out.s, 1, out.len, fp);
			sb_reset(&out);
		}
	}
	fwrite(out.s, 1, out.len, fp);
	sb_free(&sb);
	sb_free(&out);
}

/* One frame of what a piece sent, and a place in it. */
struct piece_in {
	const char *p, *end;
	struct strbuf name;	/* the last string taken */
	struct strbuf frame;	/* the frame's bytes */
};

/* The next frame from fp into in; 0, or -1 when it is not there whole. */
static int
get_frame(FILE *fp, struct piece_in *in)
{
	size_t n;

	if (fread(&n, sizeof(n), 1, fp) != 1)
		return -1;
	sb_reset(&in->frame);
	sb_reserve(&in->frame, n);
	if (fread(in->frame.s, 1, n, fp) != n)
		return -1;
	in->frame.len = n;
	in->p = in->frame.s;
	in->end = in->frame.s + n;
	return 0;
}

static int
get(struct piece_in *in, void *dst, size_t n)
{
	if ((size_t)(in->end - in->p) < n)
		return -1;
	memcpy(dst, in->p, n);
	in->p += n;
	return 0;
}

static const char *
get_str(struct piece_in *in, struct strbuf *sb)
{
	size_t n;

	if (get(in, &n, sizeof(n)) == -1 || n > (size_t)(in->end - in->p))
		return NULL;
	sb_reset(sb);
	sb_add(sb, in->p, n);
	in->p += n;
	return sb->s;
}

/* The measures a piece knew: the id each has here, in map. */
static int
get_measures(struct piece_in *in, size_t **map, size_t *nmap)
{
	struct piece_measure pm;
	struct measure *m;
	size_t i, n;

	if (get(in, &n, sizeof(n)) == -1 || n > (size_t)(in->end - in->p))
		return -1;
	*map = xcalloc(n, sizeof(**map));
	*nmap = n;
	for (i = 0; i < n; i++) {
		if (get(in, &pm, sizeof(pm)) == -1 ||
		    pm.len > (size_t)(in->end - in->p))
			return -1;
		sb_reset(&in->name);
		sb_add(&in->name, in->p, pm.len);
		in->p += pm.len;
		(*map)[i] = measure_id(in->name.s, pm.named);
		m = &measures[(*map)[i]];
		m->textseen |= pm.textseen;
		if (pm.directed) {
			m->better = pm.better;
			m->directed = 1;
		}
	}
	return 0;
}

/* A group's counters, peaks and days, merged into g. */
static int
get_counts(struct piece_in *in, struct group *g)
{
	struct trial tr[12];
	struct daymap dm;
	int64_t rows, low;
	int timed, n, i;

	if (get(in, &rows, sizeof(rows)) == -1 ||
	    get(in, &timed, sizeof(timed)) == -1 ||
	    get(in, &low, sizeof(low)) == -1 ||
	    get(in, &n, sizeof(n)) == -1 || n < 0 || n > 12 ||
	    get(in, tr, (size_t)n * sizeof(tr[0])) == -1 ||
	    daymap_unpack(&in->p, in->end, &dm) == -1)
		return -1;
	g->rows += rows;
	g->timed |= timed;
	g->low_safety += low;
	for (i = 0; i < n; i++)
		peaks_add(&g->peaks, &tr[i]);
	daymap_merge(&g->days, &dm);
	daymap_free(&dm);
	return 0;
}

/* A group's summaries and day series, merged into g. */
static int
get_stats(struct piece_in *in, struct group *g, const size_t *map,
    size_t nmap)
{
	struct dayseries ds;
	struct stats st;
	size_t n, id;

	if (get(in, &n, sizeof(n)) == -1)
		return -1;
	for (; n > 0; n--) {
		if (get(in, &id, sizeof(id)) == -1 || id >= nmap ||
		    stats_unpack(&in->p, in->end, &st) == -1)
			return -1;
		stats_merge(group_stats(g, map[id]), &st);
		stats_free(&st);
		if (dayseries_unpack(&in->p, in->end, &ds) == -1)
			return -1;
		if (ds.len > 0)
			dayseries_merge(group_series(g, map[id]), &ds);
		dayseries_free(&ds);
	}
	return 0;
}

/* Each group's frame, merged as it comes. */
static int
get_groups(FILE *fp, struct piece_in *in, size_t n, const size_t *map,
    size_t nmap, int to_eof)
{
	struct strbuf key[4] = { { 0 }, { 0 }, { 0 }, { 0 } };
	struct group *g;
	enum kind kind;
	size_t i, k;
	int rc = -1;

	for (i = 0; i < n; i++) {
		if (get_frame(fp, in) == -1 ||
		    get(in, &kind, sizeof(kind)) == -1 || kind < K_GENERIC ||
		    kind > K_PROMISE)
			goto out;
		for (k = 0; k < 4; k++)
			if (get_str(in, &key[k]) == NULL)
				goto out;
		g = group_get(key[0].s, key[1].s, key[2].s, key[3].s, kind);
		if (get_counts(in, g) == -1 ||
		    get_stats(in, g, map, nmap) == -1 || in->p != in->end)
			goto out;
	}
	rc = !to_eof || (getc(fp) == EOF && !ferror(fp)) ? 0 : -1;
out:
	for (k = 0; k < 4; k++)
		sb_free(&key[k]);
	return rc;
}

/* What a piece sent, merged; to_eof: nothing may follow it. */
static int
get_piece(FILE *fp, int to_eof)
{
	struct piece_in in = { NULL, NULL, { 0 }, { 0 } };
	size_t n, *map = NULL, nmap = 0;
	int rc = -1;

	if (get_frame(fp, &in) == 0 &&
	    get_measures(&in, &map, &nmap) == 0 &&
	    get(&in, &n, sizeof(n)) == 0 && in.p == in.end &&
	    get_groups(fp, &in, n, map, nmap, to_eof) == 0)
		rc = 0;
	free(map);
	sb_free(&in.name);
	sb_free(&in.frame);
	return rc;
}

int
read_piece(FILE *fp)
{
	return get_piece(fp, 1);
}

int
read_piece_some(FILE *fp)
{
	return get_piece(fp, 0);
}

/*
 * A kept piece's keys: its groups' (*rk, *nrk) and their text, kept
 * here (*str, *nstr).  The piece's measures must be this process's, the
 * same and in the same order, for it to write its own groups' rows:
 * *same says whether they are.
 */
int
read_keys(FILE *fp, int *same, struct rkey **rk, size_t *nrk,
    const char ***str, size_t *nstr)
{
	struct piece_in in = { NULL, NULL, { 0 }, { 0 } };
	struct piece_measure pm;
	size_t i, n, ng, got = 0;
	int rc = -1, k;

	*same = 0;
	*rk = NULL;
	*str = NULL;
	*nrk = *nstr = 0;
	if (get_frame(fp, &in) == -1 || get(&in, &n, sizeof(n)) == -1)
		goto out;
	*same = n == nmeasures;
	for (i = 0; i < n; i++) {
		if (get(&in, &pm, sizeof(pm)) == -1 ||
		    pm.len > (size_t)(in.end - in.p))
			goto out;
		if (i < nmeasures && (pm.len != strlen(measures[i].name) ||
		    memcmp(in.p, measures[i].name, pm.len) != 0 ||
		    pm.textseen != measures[i].textseen ||
		    pm.named != measures[i].named ||
		    pm.directed != measures[i].directed ||
		    pm.better != measures[i].better))
			*same = 0;
		in.p += pm.len;
	}
	if (get(&in, &ng, sizeof(ng)) == -1 || in.p != in.end ||
	    get_frame(fp, &in) == -1 || get(&in, &n, sizeof(n)) == -1 ||
	    n > (size_t)(in.end - in.p) / sizeof(size_t) ||
	    ng > SIZE_MAX / sizeof(**rk) - 1)
		goto out;
	*str = xreallocarray(NULL, n + 1, sizeof(**str));
	for (*nstr = 0; *nstr < n; (*nstr)++) {
		if (get_str(&in, &in.name) == NULL)
			goto out;
		(*str)[*nstr] = key_intern(in.name.s);
	}
	if (in.p != in.end)
		goto out;
	*rk = xreallocarray(NULL, ng + 1, sizeof(**rk));
	while (got < ng) {
		if (get_frame(fp, &in) == -1 ||
		    (size_t)(in.end - in.p) % sizeof(**rk) != 0 ||
		    (size_t)(in.end - in.p) / sizeof(**rk) > ng - got)
			goto out;
		for (; in.p < in.end; got++) {
			memcpy(&(*rk)[got], in.p, sizeof(**rk));
			in.p += sizeof(**rk);
			for (k = 0; k < 4; k++)
				if ((*rk)[got].key[k] >= n)
					goto out;
			if ((*rk)[got].kind > K_PROMISE)
				goto out;
		}
	}
	*nrk = ng;
	rc = 0;
out:
	sb_free(&in.name);
	sb_free(&in.frame);
	return rc;
}
