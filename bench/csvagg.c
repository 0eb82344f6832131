/*
 * csvagg: the baseline for bench/run.sh, a plain libcsv aggregation.
 *
 *	csvagg [file]
 *
 * Reads a check-in log (standard input when no file, or "-", is named)
 * with libcsv in large blocks, groups the rows by the client column and
 * writes, per client in byte order of its name, the number of rows and
 * the mean, minimum and maximum of mood and of distress, as CSV.  An empty
 * cell is no value and is left out; a cell that is not a number is an
 * error.  It is what any C programmer would write in an afternoon, and
 * report's per-client summary is held to at least its rate.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#define BLOCK	(1 << 20)

enum { MOOD, DISTRESS, NMEAS };

static const char *const meas_name[NMEAS] = { "mood", "distress" };

struct meas {
	unsigned long	 n;
	double		 sum, min, max;
};

struct client {
	char		*name;
	size_t		 len;
	uint64_t	 hash;
	unsigned long	 rows;
	struct meas	 m[NMEAS];
};

struct agg {
	const char	*file;
	unsigned long	 rec;		/* the record being read, from 1 */
	size_t		 field;		/* index in the record */
	int		 header;	/* still reading the header */
	long		 ccol, mcol[NMEAS];
	char		*key;		/* this record's client */
	size_t		 keylen, keycap;
	int		 havekey;
	int		 have[NMEAS];
	double		 val[NMEAS];
	struct client	*tab;		/* open addressing, power of two */
	size_t		 cap, used;
	int		 failed;
};

static void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n)) == NULL) {
		perror("csvagg");
		exit(1);
	}
	return p;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* FNV-1a: short keys, and quick. */
static uint64_t
hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	while (len-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static void
grow(struct agg *a)
{
	struct client *old = a->tab, *c;
	size_t i, j, ocap = a->cap;

	a->cap = ocap ? ocap * 2 : 1024;
	a->tab = xmalloc(a->cap * sizeof(*a->tab));
	for (i = 0; i < a->cap; i++)
		a->tab[i].name = NULL;
	for (i = 0; i < ocap; i++) {
		if (old[i].name == NULL)
			continue;
		for (j = old[i].hash & (a->cap - 1); a->tab[j].name != NULL;
		    j = (j + 1) & (a->cap - 1))
			;
		c = &a->tab[j];
		*c = old[i];
	}
	free(old);
}

static struct client *
lookup(struct agg *a, const char *name, size_t len)
{
	struct client *c;
	uint64_t h = hash(name, len);
	size_t i;
	int k;

	if (2 * (a->used + 1) > a->cap)
		grow(a);
	for (i = h & (a->cap - 1); a->tab[i].name != NULL;
	    i = (i + 1) & (a->cap - 1)) {
		c = &a->tab[i];
		if (c->hash == h && c->len == len &&
		    memcmp(c->name, name, len) == 0)
			return c;
	}
	c = &a->tab[i];
	c->name = xmalloc(len + 1);
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->len = len;
	c->hash = h;
	c->rows = 0;
	for (k = 0; k < NMEAS; k++) {
		c->m[k].n = 0;
		c->m[k].sum = 0;
		c->m[k].min = HUGE_VAL;
		c->m[k].max = -HUGE_VAL;
	}
	a->used++;
	return c;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct agg *a = data;
	const char *f = s;
	char *end;
	long col = (long)a->field++;
	int k;

	if (a->failed)
		return;
	if (a->header) {
		if (len == 6 && memcmp(f, "client", 6) == 0)
			a->ccol = col;
		for (k = 0; k < NMEAS; k++)
			if (strlen(meas_name[k]) == len &&
			    memcmp(f, meas_name[k], len) == 0)
				a->mcol[k] = col;
		return;
	}
	if (col == a->ccol) {
		if (len + 1 > a->keycap) {
			a->keycap = 2 * (len + 1);
			free(a->key);
			a->key = xmalloc(a->keycap);
		}
		memcpy(a->key, f, len);
		a->keylen = len;
		a->havekey = 1;
		return;
	}
	for (k = 0; k < NMEAS; k++) {
		if (col != a->mcol[k] || len == 0)
			continue;
		/* CSV_APPEND_NULL: the field ends in a NUL. */
		errno = 0;
		a->val[k] = strtod(f, &end);
		if (errno != 0 || end != f + len || !isfinite(a->val[k])) {
			fprintf(stderr, "csvagg: %s: record %lu: %s: not a "
			    "number\n", a->file, a->rec, meas_name[k]);
			a->failed = 1;
			return;
		}
		a->have[k] = 1;
	}
}

static void
on_record(int term, void *data)
{
	struct agg *a = data;
	struct client *c;
	struct meas *m;
	int k;

	(void)term;
	a->field = 0;
	a->rec++;
	if (a->failed)
		return;
	if (a->header) {
		a->header = 0;
		if (a->ccol < 0 || a->mcol[MOOD] < 0 || a->mcol[DISTRESS] < 0) {
			fprintf(stderr, "csvagg: %s: the header needs client, "
			    "mood and distress\n", a->file);
			a->failed = 1;
		}
		return;
	}
	if (!a->havekey) {
		fprintf(stderr, "csvagg: %s: record %lu: no client\n",
		    a->file, a->rec - 1);
		a->failed = 1;
		return;
	}
	c = lookup(a, a->key, a->keylen);
	c->rows++;
	for (k = 0; k < NMEAS; k++) {
		if (!a->have[k])
			continue;
		m = &c->m[k];
		m->n++;
		m->sum += a->val[k];
		if (a->val[k] < m->min)
			m->min = a->val[k];
		if (a->val[k] > m->max)
			m->max = a->val[k];
		a->have[k] = 0;
	}
	a->havekey = 0;
}

static int
by_name(const void *x, const void *y)
{
	const struct client *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int d;

	if ((d = memcmp(a->name, b->name, n)) != 0)
		return d;
	return (a->len > b->len) - (a->len < b->len);
}

/* A name that needs quoting in CSV is quoted, its quotes doubled. */
static void
put_name(const struct client *c)
{
	size_t i;

	if (strpbrk(c->name, ",\"\r\n") == NULL &&
	    strlen(c->name) == c->len) {
		fputs(c->name, stdout);
		return;
	}
	putchar('"');
	for (i = 0; i < c->len; i++) {
		if (c->name[i] == '"')
			putchar('"');
		putchar(c->name[i]);
	}
	putchar('"');
}

static int
put_result(struct agg *a)
{
	struct client *c;
	const struct meas *m;
	size_t i, n = 0;
	int k;

	for (i = 0; i < a->cap; i++)
		if (a->tab[i].name != NULL)
			a->tab[n++] = a->tab[i];
	qsort(a->tab, n, sizeof(*a->tab), by_name);
	printf("client,count");
	for (k = 0; k < NMEAS; k++)
		printf(",%s_mean,%s_min,%s_max", meas_name[k], meas_name[k],
		    meas_name[k]);
	putchar('\n');
	for (i = 0; i < n; i++) {
		c = &a->tab[i];
		put_name(c);
		printf(",%lu", c->rows);
		for (k = 0; k < NMEAS; k++) {
			m = &c->m[k];
			if (m->n == 0)
				printf(",,,");
			else
				printf(",%.3f,%g,%g", m->sum / (double)m->n,
				    m->min, m->max);
		}
		putchar('\n');
		free(c->name);
	}
	free(a->tab);
	a->tab = NULL;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("csvagg: stdout");
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct csv_parser p;
	struct agg a;
	FILE *fp;
	char *buf;
	size_t n;
	int k, rc = 0;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1])) {
		fprintf(stderr, "usage: csvagg [file]\n");
		return 2;
	}
	memset(&a, 0, sizeof(a));
	a.file = argc == 2 ? argv[1] : "-";
	a.rec = 1;
	a.header = 1;
	a.ccol = -1;
	for (k = 0; k < NMEAS; k++)
		a.mcol[k] = -1;
	if (strcmp(a.file, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(a.file, "rb")) == NULL) {
		fprintf(stderr, "csvagg: %s: %s\n", a.file, strerror(errno));
		return 1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0) {
		fprintf(stderr, "csvagg: cannot set up libcsv\n");
		return 1;
	}
	csv_set_space_func(&p, no_space);
	buf = xmalloc(BLOCK);
	while (!a.failed && (n = fread(buf, 1, BLOCK, fp)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_record, &a) != n) {
			fprintf(stderr, "csvagg: %s: record %lu: %s\n", a.file,
			    a.rec, csv_strerror(csv_error(&p)));
			a.failed = 1;
		}
	}
	if (ferror(fp)) {
		fprintf(stderr, "csvagg: %s: %s\n", a.file, strerror(errno));
		a.failed = 1;
	}
	if (!a.failed && csv_fini(&p, on_field, on_record, &a) != 0) {
		fprintf(stderr, "csvagg: %s: %s\n", a.file,
		    csv_strerror(csv_error(&p)));
		a.failed = 1;
	}
	if (!a.failed && a.header) {
		fprintf(stderr, "csvagg: %s: no header\n", a.file);
		a.failed = 1;
	}
	if (!a.failed)
		rc = put_result(&a);
	else {
		for (n = 0; n < a.cap; n++)
			free(a.tab[n].name);
		free(a.tab);
		rc = 1;
	}
	csv_free(&p);
	free(buf);
	free(a.key);
	if (fp != stdin)
		fclose(fp);
	return rc;
}
