/* forms: scored questionnaires (see forms.h and steady.5). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "forms.h"
#include "stats.h"
#include "store.h"
#include "util.h"

#define NAME_MAX_LEN 64

static int
name_char(int c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    (!first && (c == '_' || c == '-'));
}

int
form_name_ok(const char *name)
{
	size_t i;

	for (i = 0; name[i]; i++)
		if (!name_char((unsigned char)name[i], i == 0) ||
		    i >= NAME_MAX_LEN)
			return 0;
	return i > 0;
}

/* Item and subscale names: like form names, without "-". */
static int
item_name_ok(const char *name)
{
	return form_name_ok(name) && strchr(name, '-') == NULL;
}

static int
readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/*
 * The folders shared data is looked for in, separated by ":", malloc'd:
 * $XDG_DATA_HOME (else ~/.local/share), where `make install
 * PREFIX=~/.local` puts it, then $XDG_DATA_DIRS or its default (XDG).
 */
static char *
data_dirs(void)
{
	const char *h = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *d = getenv("XDG_DATA_DIRS");

	if (d == NULL || *d == '\0')
		d = "/usr/local/share:/usr/share";
	if (h != NULL && *h == '/')
		return xasprintf("%s:%s", h, d);
	if (home != NULL && *home == '/')
		return xasprintf("%s/.local/share:%s", home, d);
	return xstrdup(d);
}

char *
form_find(const char *confdir, const char *name)
{
	const char *p, *end;
	char *path, *dirs;

	if (!form_name_ok(name)) {
		st_seterr("\"%s\" is not a form name: use lower-case letters, "
		    "digits, - and _", name);
		return NULL;
	}
	path = xasprintf("%s/forms/%s.csv", confdir, name);
	if (readable(path))
		return path;
	free(path);
	dirs = data_dirs();
	for (p = dirs; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ":");
		if (*p != '/')	/* relative entries are ignored (XDG) */
			continue;
		path = xasprintf("%.*s/steady/forms/%s.csv", (int)(end - p), p,
		    name);
		if (readable(path)) {
			free(dirs);
			return path;
		}
		free(path);
	}
	free(dirs);
	st_seterr("there is no form called \"%s\" (looked for %s.csv in "
	    "%s/forms)", name, name, confdir);
	return NULL;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the NAME of every readable NAME.csv in dir to *names. */
static void
names_in(const char *dir, char ***names, size_t *n)
{
	struct dirent *e;
	size_t len;
	DIR *d;
	char *name;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		name = xstrdup(e->d_name);
		name[len - 4] = '\0';
		if (!form_name_ok(name)) {
			free(name);
			continue;
		}
		*names = xreallocarray(*names, *n + 1, sizeof(**names));
		(*names)[(*n)++] = name;
	}
	closedir(d);
}

size_t
form_names(const char *confdir, char ***names)
{
	const char *p, *end;
	char *dir, *dirs = data_dirs();
	size_t n = 0, i, j;

	*names = NULL;
	dir = xasprintf("%s/forms", confdir);
	names_in(dir, names, &n);
	free(dir);
	for (p = dirs; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ":");
		if (*p != '/')
			continue;
		dir = xasprintf("%.*s/steady/forms", (int)(end - p), p);
		names_in(dir, names, &n);
		free(dir);
	}
	free(dirs);
	if (n == 0)
		return 0;
	qsort(*names, n, sizeof(**names), str_cmp);
	for (i = j = 1; i < n; i++) {
		if (strcmp((*names)[i], (*names)[j - 1]) == 0)
			free((*names)[i]);
		else
			(*names)[j++] = (*names)[i];
	}
	return j;
}

void
form_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
free_opts(struct form_opt *opt, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(opt[i].label);
	free(opt);
}

void
form_free(struct form *f)
{
	size_t i;

	free_opts(f->opt, f->nopt);
	for (i = 0; i < f->nitem; i++) {
		free(f->item[i].name);
		free(f->item[i].text);
		if (f->item[i].own)
			free_opts(f->item[i].opt, f->item[i].nopt);
	}
	for (i = 0; i < f->nsub; i++) {
		free(f->sub[i].name);
		free(f->sub[i].label);
		free(f->sub[i].idx);
	}
	for (i = 0; i < f->ncut; i++)
		free(f->cut[i].meaning);
	free(f->item);
	free(f->sub);
	free(f->cut);
	free(f->name);
	free(f->title);
	free(f->intro);
	memset(f, 0, sizeof(*f));
}

long
form_item_find(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nitem; i++)
		if (strcmp(f->item[i].name, name) == 0)
			return (long)i;
	return -1;
}

static int
has_value(const struct form_opt *opt, size_t n, long long v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (opt[i].value == v)
			return 1;
	return 0;
}

int
form_value_ok(const struct form *f, size_t i, long long v)
{
	return i < f->nitem && has_value(f->item[i].opt, f->item[i].nopt, v);
}

/*
 * The reading of one form file: the reader, the row's fields, and the
 * lines of the settings checked once the whole file is read.
 */
struct rd {
	struct csvr *r;
	const char *type, *name, *value, *text;
	unsigned long missing_line, r_line, sd_line;
};

static const char *
field(struct csvr *r, const char *col)
{
	int i = csvr_col(r, col);
	const char *s;

	return i < 0 || (s = csvr_field(r, (size_t)i)) == NULL ? "" : s;
}

static int
bad(const struct rd *d, const char *fmt, const char *arg)
{
	char what[256];

	snprintf(what, sizeof(what), fmt, arg);
	st_seterr("%s:%lu: %s", csvr_name(d->r), csvr_line(d->r), what);
	return -1;
}

/* A decimal from a form file (stats_parse: no exponents). */
static int
decimal(const char *s, double *out)
{
	int64_t v;

	if (stats_parse(s, &v) == -1)
		return -1;
	*out = (double)v / STATS_SCALE;
	return 0;
}

/* Add option v, labelled label, to opt[0..*n) in order of value. */
static void
add_opt(struct form_opt **opt, size_t *n, long long v, const char *label)
{
	size_t i;

	*opt = xreallocarray(*opt, *n + 1, sizeof(**opt));
	for (i = *n; i > 0 && (*opt)[i - 1].value > v; i--)
		(*opt)[i] = (*opt)[i - 1];
	(*opt)[i].value = v;
	(*opt)[i].label = xstrdup(label);
	(*n)++;
}

/* An option of every item, or with a name, of that item alone. */
static int
row_option(struct form *f, const struct rd *d)
{
	struct form_item *it = NULL;
	const char *why;
	long long v;
	long i;

	if (*d->name) {
		if ((i = form_item_find(f, d->name)) < 0)
			return bad(d, "the option is for \"%s\", which is not "
			    "an item above it", d->name);
		it = &f->item[i];
	}
	if (parse_num(d->value, -1000, 1000, &v, &why) == -1)
		return bad(d, "an option's value is a whole number from -1000 "
		    "to 1000, not \"%s\"", d->value);
	if (it ? has_value(it->opt, it->nopt, v) : has_value(f->opt, f->nopt,
	    v))
		return bad(d, "the option value %s is given twice", d->value);
	if (it != NULL) {
		add_opt(&it->opt, &it->nopt, v, d->text);
		it->own = 1;
	} else
		add_opt(&f->opt, &f->nopt, v, d->text);
	return 0;
}

static int
row_item(struct form *f, const struct rd *d)
{
	struct form_item *it;

	if (!item_name_ok(d->name))
		return bad(d, "the item name \"%s\" should be lower-case "
		    "letters, digits and _", d->name);
	if (form_item_find(f, d->name) >= 0)
		return bad(d, "the item %s is given twice", d->name);
	if (*d->value && strcmp(d->value, "reverse") != 0)
		return bad(d, "an item's value is empty or \"reverse\", not "
		    "\"%s\"", d->value);
	if (*d->text == '\0')
		return bad(d, "the item %s has no question (text)", d->name);
	f->item = xreallocarray(f->item, f->nitem + 1, sizeof(*f->item));
	it = &f->item[f->nitem++];
	memset(it, 0, sizeof(*it));
	it->name = xstrdup(d->name);
	it->text = xstrdup(d->text);
	it->reverse = *d->value != '\0';
	it->line = csvr_line(d->r);
	return 0;
}

static int
listed(const struct form_sub *s, size_t i)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		if (s->idx[k] == i)
			return 1;
	return 0;
}

/* A subscale's items, by name, separated by spaces or commas. */
static int
row_subscale(struct form *f, const struct rd *d)
{
	struct form_sub *s;
	char *list, *w, *save;
	size_t k;
	long i;

	if (!item_name_ok(d->name))
		return bad(d, "the subscale name \"%s\" should be lower-case "
		    "letters, digits and _", d->name);
	for (k = 0; k < f->nsub; k++)
		if (strcmp(f->sub[k].name, d->name) == 0)
			return bad(d, "the subscale %s is given twice",
			    d->name);
	f->sub = xreallocarray(f->sub, f->nsub + 1, sizeof(*f->sub));
	s = &f->sub[f->nsub++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(d->name);
	s->label = xstrdup(d->text);
	list = xstrdup(d->value);
	for (w = strtok_r(list, " ,", &save); w; w = strtok_r(NULL, " ,",
	    &save)) {
		if ((i = form_item_find(f, w)) < 0 ||
		    listed(s, (size_t)i)) {
			bad(d, i < 0 ? "the subscale lists \"%s\", which is "
			    "not an item above it" : "the subscale lists the "
			    "item %s twice", w);
			free(list);
			return -1;
		}
		s->idx = xreallocarray(s->idx, s->n + 1, sizeof(*s->idx));
		s->idx[s->n++] = (size_t)i;
	}
	free(list);
	return s->n == 0 ? bad(d, "the subscale %s lists no items", d->name)
	    : 0;
}

static int
row_cutoff(struct form *f, const struct rd *d)
{
	double x;
	size_t i;

	if (decimal(d->value, &x) == -1)
		return bad(d, "a cut-off's value is a number, not \"%s\"",
		    d->value);
	f->cut = xreallocarray(f->cut, f->ncut + 1, sizeof(*f->cut));
	for (i = f->ncut; i > 0 && f->cut[i - 1].score > x; i--)
		f->cut[i] = f->cut[i - 1];
	f->cut[i].score = x;
	f->cut[i].meaning = xstrdup(d->text);
	f->ncut++;
	return 0;
}

/* A positive decimal setting; lim > 0 makes it also below lim. */
static int
setting_dec(const struct rd *d, double lim, double *out)
{
	if (decimal(d->value, out) == -1 || *out <= 0 ||
	    (lim > 0 && *out >= lim))
		return bad(d, lim > 0 ? "%s is a number between 0 and 1" :
		    "%s is a number above 0", d->name);
	return 0;
}

static int
row_scoring(struct form *f, struct rd *d)
{
	const char *why;

	if (strcmp(d->name, "method") == 0) {
		if (strcmp(d->value, "sum") && strcmp(d->value, "mean"))
			return bad(d, "method is sum or mean, not \"%s\"",
			    d->value);
		f->mean = strcmp(d->value, "mean") == 0;
	} else if (strcmp(d->name, "missing") == 0) {
		if (parse_num(d->value, 0, 1000, &f->missing, &why) == -1)
			return bad(d, "missing is a whole number of items, not "
			    "\"%s\"", d->value);
		d->missing_line = csvr_line(d->r);
	} else if (strcmp(d->name, "better") == 0) {
		if (strcmp(d->value, "high") && strcmp(d->value, "low"))
			return bad(d, "better is high or low, not \"%s\"",
			    d->value);
		f->better = *d->value == 'h' ? BETTER_HIGH : BETTER_LOW;
	} else if (strcmp(d->name, "reliability") == 0) {
		d->r_line = csvr_line(d->r);
		return setting_dec(d, 1, &f->r);
	} else if (strcmp(d->name, "sd") == 0) {
		d->sd_line = csvr_line(d->r);
		return setting_dec(d, 0, &f->sd);
	} else if (strcmp(d->name, "meaningful") == 0) {
		return setting_dec(d, 0, &f->meaningful);
	} else {
		return bad(d, "there is no scoring setting \"%s\" (method, "
		    "missing, better, reliability, sd, meaningful)", d->name);
	}
	return 0;
}

static void
set_text(char **dst, const char *s)
{
	char *old = *dst;

	*dst = old && *old ? xasprintf("%s\n%s", old, s) : xstrdup(s);
	free(old);
}

static int
form_row(struct form *f, struct rd *d)
{
	if (strcmp(d->type, "title") == 0)
		set_text(&f->title, d->text);
	else if (strcmp(d->type, "intro") == 0)
		set_text(&f->intro, d->text);
	else if (strcmp(d->type, "option") == 0)
		return row_option(f, d);
	else if (strcmp(d->type, "item") == 0)
		return row_item(f, d);
	else if (strcmp(d->type, "subscale") == 0)
		return row_subscale(f, d);
	else if (strcmp(d->type, "scoring") == 0)
		return row_scoring(f, d);
	else if (strcmp(d->type, "cutoff") == 0)
		return row_cutoff(f, d);
	else if (strcmp(d->type, "note") != 0)
		return bad(d, "there is no row type \"%s\" (title, intro, "
		    "option, item, subscale, scoring, cutoff, note)", d->type);
	return 0;
}

/* "PATH:LINE: what", for what can be checked only at the end. */
static int
bad_at(const char *path, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad_at(const char *path, unsigned long line, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	st_seterr("%s:%lu: %s", path, line, what);
	return -1;
}

/* The settings that make sense only together, or beside the items. */
static int
check_settings(const struct form *f, const struct rd *d, const char *path)
{
	if (d->missing_line && f->missing > (long long)f->nitem)
		return bad_at(path, d->missing_line, "missing is %lld, more "
		    "than the %zu item%s of the form", f->missing, f->nitem,
		    f->nitem == 1 ? "" : "s");
	if (d->r_line && !d->sd_line)
		return bad_at(path, d->r_line, "reliability is given without "
		    "sd: the Reliable Change Index needs both");
	if (d->sd_line && !d->r_line)
		return bad_at(path, d->sd_line, "sd is given without "
		    "reliability: the Reliable Change Index needs both");
	return 0;
}

/* Each item's options: its own, or the form's; two at least. */
static int
item_options(struct form *f, const char *path)
{
	struct form_item *it;
	size_t i;

	for (i = 0; i < f->nitem; i++) {
		it = &f->item[i];
		if (!it->own) {
			it->opt = f->opt;
			it->nopt = f->nopt;
		}
		if (it->nopt >= 2)
			continue;
		if (it->own)
			return bad_at(path, it->line, "the item %s needs at "
			    "least two options of its own", it->name);
		st_seterr("%s: a form needs at least two options and one item",
		    path);
		return -1;
	}
	return 0;
}

/* What the whole file must have, and the range of its total. */
static int
form_finish(struct form *f, const struct rd *d, const char *path)
{
	double lo = 0, hi = 0;
	size_t i;

	if (f->nitem == 0) {
		st_seterr("%s: a form needs at least two options and one item",
		    path);
		return -1;
	}
	if (item_options(f, path) == -1 || check_settings(f, d, path) == -1)
		return -1;
	for (i = 0; i < f->nitem; i++) {
		lo += (double)f->item[i].opt[0].value;
		hi += (double)f->item[i].opt[f->item[i].nopt - 1].value;
	}
	f->lo = f->mean ? lo / (double)f->nitem : lo;
	f->hi = f->mean ? hi / (double)f->nitem : hi;
	if (f->title == NULL)
		f->title = xstrdup(f->name);
	if (f->intro == NULL)
		f->intro = xstrdup("");
	return 0;
}

int
form_load(struct form *f, const char *path, const char *name)
{
	struct rd d;
	int c, rc = 0;

	memset(f, 0, sizeof(*f));
	memset(&d, 0, sizeof(d));
	f->name = xstrdup(name);
	f->r = f->sd = f->meaningful = NAN;
	f->better = BETTER_MID;
	if ((d.r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		form_free(f);
		return -1;
	}
	if (csvr_col(d.r, "type") < 0) {
		st_seterr("%s:1: a form file needs a type column (type, name, "
		    "value, text)", path);
		rc = -1;
	}
	while (rc == 0 && (c = csvr_next(d.r)) != CSVR_EOF) {
		if (c != CSVR_REC) {
			rc = -1;
			break;
		}
		d.type = field(d.r, "type");
		d.name = field(d.r, "name");
		d.value = field(d.r, "value");
		d.text = field(d.r, "text");
		rc = form_row(f, &d);
	}
	csvr_close(d.r);
	if (rc == 0)
		rc = form_finish(f, &d, path);
	if (rc == -1)
		form_free(f);
	return rc;
}

/* The value an answer counts for: reversed within the options' range. */
static double
counted(const struct form *f, size_t i, double v)
{
	const struct form_item *it = &f->item[i];

	if (!it->reverse)
		return v;
	return (double)(it->opt[0].value + it->opt[it->nopt - 1].value) - v;
}

/* The score of items idx[0..n) (all items when idx is NULL), or NAN. */
static double
scale(const struct form *f, const size_t *idx, size_t n, const double *ans,
    size_t *skipped)
{
	double sum = 0;
	size_t i, k, got = 0;

	for (k = 0; k < n; k++) {
		i = idx ? idx[k] : k;
		if (isnan(ans[i]))
			continue;
		sum += counted(f, i, ans[i]);
		got++;
	}
	if (skipped != NULL)
		*skipped = n - got;
	if (got == 0 || (long long)(n - got) > f->missing)
		return NAN;
	return f->mean ? sum / (double)got : sum * (double)n / (double)got;
}

size_t
form_score(const struct form *f, const double *ans, double *total,
    double *sub)
{
	size_t i, skipped;

	*total = scale(f, NULL, f->nitem, ans, &skipped);
	for (i = 0; i < f->nsub; i++)
		sub[i] = scale(f, f->sub[i].idx, f->sub[i].n, ans, NULL);
	return skipped;
}

double
form_sem(const struct form *f)
{
	if (isnan(f->r) || isnan(f->sd))
		return NAN;
	return f->sd * sqrt(1 - f->r);
}

double
form_rci(const struct form *f, double x1, double x2)
{
	double sem = form_sem(f);

	return isnan(sem) ? NAN : (x2 - x1) / (sqrt(2) * sem);
}

/* The way of a change d that is past its threshold. */
static enum form_way
way(const struct form *f, double d)
{
	if (f->better == BETTER_MID)
		return FORM_EITHER;
	return (d > 0) == (f->better == BETTER_HIGH) ? FORM_BETTER :
	    FORM_WORSE;
}

enum form_way
form_reliable(const struct form *f, double x1, double x2)
{
	double rci = form_rci(f, x1, x2);

	if (isnan(rci) || fabs(rci) <= FORM_RCI_95)
		return FORM_SMALL;
	return way(f, rci);
}

const char *
form_change_words(const struct form *f, double x1, double x2)
{
	if (isnan(form_rci(f, x1, x2)))
		return "reliable change cannot be worked out";
	switch (form_reliable(f, x1, x2)) {
	case FORM_SMALL:
		return "within the range of measurement error";
	case FORM_EITHER:
		return x2 > x1 ? "a reliable rise" : "a reliable fall";
	case FORM_BETTER:
		return "a reliable improvement";
	case FORM_WORSE:
		break;
	}
	return "a reliable worsening, worth talking over";
}

enum form_way
form_meaningful(const struct form *f, double x1, double x2)
{
	/* A small allowance, so 10 - 0 counts as 10 after prorating. */
	if (isnan(f->meaningful) || fabs(x2 - x1) + 1e-9 < f->meaningful)
		return FORM_SMALL;
	return way(f, x2 - x1);
}

const char *
form_band(const struct form *f, double score)
{
	const char *m = "";
	size_t i;

	for (i = 0; i < f->ncut; i++)
		if (score + 1e-9 >= f->cut[i].score)
			m = f->cut[i].meaning;
	return m;
}

void
form_num(double x, char *buf, size_t len)
{
	char *p;

	snprintf(buf, len, "%.2f", x);
	if ((p = strchr(buf, '.')) == NULL)
		return;
	for (p += strlen(p) - 1; *p == '0'; p--)
		*p = '\0';
	if (*p == '.')
		*p = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

static void
pair(struct strbuf *sb, const char *name, double v)
{
	char num[32];

	if (sb->len > 0)
		sb_putc(sb, ' ');
	sb_printf(sb, "%s=", name);
	if (!isnan(v)) {
		form_num(v, num, sizeof(num));
		sb_puts(sb, num);
	}
}

void
form_answers(struct strbuf *sb, const struct form *f, const double *ans)
{
	size_t i;

	sb_puts(sb, "");
	for (i = 0; i < f->nitem; i++)
		pair(sb, f->item[i].name, ans[i]);
}

void
form_subscores(struct strbuf *sb, const struct form *f, const double *sub)
{
	size_t i;

	sb_puts(sb, "");
	for (i = 0; i < f->nsub; i++)
		pair(sb, f->sub[i].name, sub[i]);
}

int
form_pair_get(const char *list, const char *name, double *out)
{
	size_t n = strlen(name), len;
	char buf[64];
	const char *p;

	for (p = list; *p; p += strspn(p, " ")) {
		len = strcspn(p, " ");
		if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
			*out = NAN;
			if (len == n + 1)
				return 1;
			if (len - n - 1 >= sizeof(buf))
				return -1;
			memcpy(buf, p + n + 1, len - n - 1);
			buf[len - n - 1] = '\0';
			return decimal(buf, out) == 0 ? 1 : -1;
		}
		p += len;
	}
	return 0;
}
