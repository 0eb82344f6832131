/*
 * forms: scored questionnaires.  A form file (steady.5) gives the items,
 * their response options, reverse-scored items, subscales, and how to
 * score: sum or mean, how many items may be skipped, cut-off scores, and
 * the test-retest reliability and norm SD behind the Reliable Change
 * Index (Jacobson & Truax, 1991).  Loading reads a file; the scoring and
 * change functions are pure.
 */
#ifndef STEADY_FORMS_H
#define STEADY_FORMS_H

#include <stddef.h>

#include "config.h"
#include "util.h"

/* |RCI| above this is a reliable change at the 95% level. */
#define FORM_RCI_95 1.96

struct form_opt {
	long long value;
	char *label;
};

struct form_item {
	char *name;		/* [a-z0-9][a-z0-9_]*, unique in the form */
	char *text;		/* the question */
	int reverse;		/* scored as (lowest + highest) - answer */
	struct form_opt *opt;	/* its options, ascending by value: */
	size_t nopt;		/* its own, or else the form's */
	int own;		/* 1: opt is the item's own */
	unsigned long line;	/* in the file, for messages */
};

struct form_sub {
	char *name;		/* like an item name */
	char *label;		/* may be "" */
	size_t *idx;		/* its items, indices into form.item */
	size_t n;
};

struct form_cut {
	double score;		/* from this score up ... */
	char *meaning;		/* ... this is what it means */
};

struct form {
	char *name;		/* the file's name without .csv */
	char *title, *intro;	/* "" when not given */
	struct form_opt *opt;	/* for items with none of their own */
	size_t nopt;
	struct form_item *item;
	size_t nitem;
	struct form_sub *sub;
	size_t nsub;
	struct form_cut *cut;	/* ascending by score */
	size_t ncut;
	int mean;		/* 1: the mean of the items; 0: their sum */
	long long missing;	/* items that may be skipped (default 0) */
	double r, sd;		/* reliability, norm SD; NAN if not given */
	double meaningful;	/* a clinically meaningful change, or NAN */
	enum better better;	/* which way is better; MID: not said */
	double lo, hi;		/* the range of the total score */
};

/*
 * A form name is lower-case letters, digits, - and _, starting with a
 * letter or digit, at most 64 bytes: it names a file, never a path.
 */
int form_name_ok(const char *name);

/*
 * The file of the form called name: forms/NAME.csv in confdir, else
 * steady/forms/NAME.csv under $XDG_DATA_HOME (~/.local/share when unset)
 * and then each folder of $XDG_DATA_DIRS (by default
 * /usr/local/share:/usr/share), where steady installs its sample form.
 * Returns a malloc'd path, or NULL with st_error() set.
 */
char *form_find(const char *confdir, const char *name);

/*
 * The names of the forms form_find can reach, sorted, without duplicates
 * (the config folder's own hide the shared ones).  *names is malloc'd,
 * each name too: free with form_names_free.  Returns the count.
 */
size_t form_names(const char *confdir, char ***names);
void form_names_free(char **names, size_t n);

/*
 * Read the form file at path into f, named name.  Returns 0, or -1 with
 * st_error() set to "PATH:LINE: reason" (f is then empty).  Free with
 * form_free.
 */
int form_load(struct form *f, const char *path, const char *name);
void form_free(struct form *f);

/* The item called name, or -1. */
long form_item_find(const struct form *f, const char *name);

/* 1 when v is one of the response values of item i. */
int form_value_ok(const struct form *f, size_t i, long long v);

/*
 * Score the answers ans[0..nitem) (the values as given; NAN for a skipped
 * item).  The total goes to *total and each subscale's score to
 * sub[0..nsub) (sub may be NULL when nsub is 0).  A score whose items
 * were skipped more than f->missing times is withheld (NAN); otherwise
 * the skipped items are filled in by the mean of the answered ones (a
 * sum is prorated).  Returns the number of items skipped.
 */
size_t form_score(const struct form *f, const double *ans, double *total,
    double *sub);

/*
 * The standard error of measurement, SD * sqrt(1 - r), or NAN when the
 * form gives no reliability or SD.
 */
double form_sem(const struct form *f);

/*
 * The Reliable Change Index from score x1 to x2:
 * (x2 - x1) / (SD * sqrt(2) * sqrt(1 - r)), or NAN as for form_sem.
 */
double form_rci(const struct form *f, double x1, double x2);

/* Which way a change goes past a threshold, as far as the form says. */
enum form_way {
	FORM_SMALL,		/* not past it, or no threshold to test */
	FORM_BETTER,		/* past it, the way the form calls better */
	FORM_WORSE,		/* past it, the other way */
	FORM_EITHER		/* past it; the form does not say which */
};

/*
 * Reliable change from x1 to x2: |RCI| above FORM_RCI_95, and which way.
 * FORM_SMALL too when there is no RCI (see form_rci).
 */
enum form_way form_reliable(const struct form *f, double x1, double x2);

/*
 * The change in plain words: "a reliable improvement", "a reliable
 * worsening, worth talking over" (or "a reliable rise", "a reliable fall"
 * when the form does not say which way is better), "within the range of
 * measurement error", or "reliable change cannot be worked out" (no
 * reliability or SD).  A static string.
 */
const char *form_change_words(const struct form *f, double x1, double x2);

/*
 * A clinically meaningful change: |x2 - x1| reaching the form's
 * meaningful change, and which way.  FORM_SMALL when the form gives none.
 */
enum form_way form_meaningful(const struct form *f, double x1, double x2);

/* The meaning of the cut-off band score falls in, or "" when none. */
const char *form_band(const struct form *f, double score);

/*
 * The answers as they are logged: "name=value" for each item, separated
 * by spaces, "name=" for a skipped one (NAN); and the subscale scores
 * the same way.  Appended to sb.
 */
void form_answers(struct strbuf *sb, const struct form *f,
    const double *ans);
void form_subscores(struct strbuf *sb, const struct form *f,
    const double *sub);

/*
 * The value of name in such a list: 1 with *out set (NAN for "name="),
 * 0 when the list does not hold name, -1 when its value is not a number.
 */
int form_pair_get(const char *list, const char *name, double *out);

/* A score with at most two decimals, trailing zeros cut ("12.5", "7"). */
void form_num(double x, char *buf, size_t len);

#endif
