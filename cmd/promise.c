/*
 * promise: a couple's shared record of small promises and how each went
 * (kept, renegotiated ahead of time, missed), transparency offered
 * without being asked and check-ins held; and, apart from it, a private
 * log of one's own urges to check or monitor.  See promise(1).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "correct.h"
#include "csvio.h"
#include "match.h"
#include "prompt.h"
#include "redact.h"
#include "safety.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define SHARED_LOG "promise.csv"
#define URGE_LOG "urges.csv"
#define TEXT_MAX 1000		/* longest text field taken, in bytes */

static const char usage_text[] =
    "usage: promise make [-a time] [-f file] [-o file] [what] [by=when] "
    "[who=name]\n"
    "               [note=text]\n"
    "       promise kept | renegotiated | missed [-a time] [-f file] "
    "[-o file]\n"
    "               [id] [by=when] [who=name] [note=text]\n"
    "       promise offered | talked [-a time] [-f file] [-o file] "
    "[what]\n"
    "               [who=name] [note=text]\n"
    "       promise urge [-a time] [-o file] [urge] [strength=n] "
    "[helped=text]\n"
    "               [note=text]\n"
    "       promise correct [-f file] kind key name=value ... | "
    "withdraw [-f file]\n"
    "               kind key\n"
    "       promise open [-f file] [--redact[=cols]]\n"
    "       promise verb -o - --redact[=cols] [option ...] [operand ...]\n"
    "       promise -p | -h | -V\n";

static const char help_text[] =
    "Keep a shared record, together, of the small acts that rebuild "
    "trust:\n"
    "make a promise, then kept, missed or renegotiated (talked over "
    "ahead);\n"
    "offered: shared unasked; talked: a check-in held; urge: your own "
    "log only;\n"
    "open: the open promises; correct, withdraw KIND ID|TIME: put one "
    "right.\n"
    "  -a, --at TIME       record it for an earlier time\n"
    "  -f, --file FILE     the shared record (promise.csv in $STEADY_DIR)\n"
    "  -o, --output FILE   to FILE (- for standard output; --redact: no "
    "words)\n"
    "  -p, --plan          your safety plan (-h, --help; -V, --version)\n";

static const struct option longopts[] = {
	{ "at", required_argument, NULL, 'a' },
	{ "file", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "plan", no_argument, NULL, 'p' },
	{ "redact", optional_argument, NULL, 'R' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The verbs: the first six write the shared record. */
enum verb { MAKE, KEPT, RENEG, MISSED, OFFERED, TALKED, URGE, OPEN,
	CORRECT, WITHDRAW, PLAN, NVERBS };

static const char *const verbname[NVERBS] = {
	"make", "kept", "renegotiated", "missed", "offered", "talked",
	"urge", "open", "correct", "withdraw", ""
};

/* The kind written in the shared record for each writing verb. */
static const char *const kindname[] = {
	"made", "kept", "renegotiated", "missed", "offered", "talked"
};

/* The columns of the shared record, in the order a new one gets them. */
enum col { C_TS, C_KIND, C_ID, C_WHO, C_WHAT, C_BY, C_AHEAD, C_NOTE,
	NCOLS };
static const char *const colname[NCOLS] = {
	"ts", "kind", "id", "who", "what", "by", "ahead", "note"
};

/* The columns of the private urge log. */
enum ucol { U_TS, U_STRENGTH, U_URGE, U_HELPED, U_NOTE, NUCOLS };
static const char *const ucolname[NUCOLS] = {
	"ts", "strength", "urge", "helped", "note"
};

struct opts {
	enum verb verb;
	const char *at, *file, *output;
};

/* One record being written: a field per column, NULL when empty. */
struct rec {
	enum verb verb;
	time_t ts;
	char *f[NCOLS];		/* NUCOLS fields for an urge */
	int completed;		/* completed from the shared record */
};

/* A promise as the shared record tells it so far. */
struct prom {
	long id;
	int open;
	char *what, *by, *made, *closed;	/* closed: the kind */
};

struct record {
	struct prom *v;
	size_t n;
	long maxid;
};

static char *confdir;
static struct redact *redact;	/* --redact, or NULL */

static void __attribute__((noreturn))
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

static void __attribute__((noreturn))
bad_option(const char *arg, const char *what)
{
	warn_option(arg, what);
	usage();
}

static size_t
ncols_of(enum verb v)
{
	return v == URGE ? NUCOLS : NCOLS;
}

static const char *const *
cols_of(enum verb v)
{
	return v == URGE ? ucolname : colname;
}

static void
rec_set(struct rec *r, int c, const char *v)
{
	free(r->f[c]);
	r->f[c] = v != NULL && *v ? xstrdup(v) : NULL;
}

static void
rec_free(struct rec *r)
{
	size_t i;

	for (i = 0; i < NCOLS; i++)
		free(r->f[i]);
}

static int
filled(const struct rec *r, int c)
{
	return r->f[c] != NULL && *r->f[c] != '\0';
}

static void
show_plan(void *arg, FILE *out)
{
	(void)arg;
	safety_show(out, confdir);
}

/* ---- the shared record as read ---- */

static void
record_free(struct record *rd)
{
	size_t i;

	for (i = 0; i < rd->n; i++) {
		free(rd->v[i].what);
		free(rd->v[i].by);
		free(rd->v[i].made);
		free(rd->v[i].closed);
	}
	free(rd->v);
	memset(rd, 0, sizeof(*rd));
}

static struct prom *
find_prom(const struct record *rd, long id)
{
	size_t i;

	for (i = 0; i < rd->n; i++)
		if (rd->v[i].id == id)
			return &rd->v[i];
	return NULL;
}

static const char *
cell(struct csvr *r, const char *name)
{
	int c = csvr_col(r, name);
	const char *s = c >= 0 ? csvr_field(r, (size_t)c) : NULL;

	return s != NULL ? s : "";
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

/* One act of the shared record, as read, and where it belongs. */
struct act {
	unsigned long pos;
	char *ts, *kind, *id, *what, *by;
};

/* One act into the promises it tells of. */
static void
take_act(struct record *rd, const struct act *x)
{
	const char *why;
	struct prom *p;
	long long id;

	if (parse_num(x->id, 1, 999999999, &id, &why) == -1)
		return;		/* offered, talked: no promise */
	if (strcmp(x->kind, "made") == 0) {
		if ((p = find_prom(rd, (long)id)) == NULL) {
			rd->v = xreallocarray(rd->v, rd->n + 1,
			    sizeof(*rd->v));
			p = &rd->v[rd->n++];
			memset(p, 0, sizeof(*p));
			p->id = (long)id;
		}
		p->open = 1;
		set_str(&p->what, x->what);
		set_str(&p->by, x->by);
		set_str(&p->made, x->ts);
		if (id > rd->maxid)
			rd->maxid = (long)id;
		return;
	}
	if ((p = find_prom(rd, (long)id)) == NULL)
		return;
	if (strcmp(x->kind, "renegotiated") == 0) {
		set_str(&p->by, x->by);
		if (*x->what)
			set_str(&p->what, x->what);
	} else if (strcmp(x->kind, "kept") == 0 ||
	    strcmp(x->kind, "missed") == 0) {
		p->open = 0;
		set_str(&p->closed, x->kind);
	}
}

static int
act_cmp(const void *a, const void *b)
{
	const struct act *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Records superseded so far: a key and the line it was first met on. */
struct gone {
	char **key;
	unsigned long *line;
	size_t n;
};

static unsigned long
gone_line(const struct gone *g, const char *key)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (strcmp(g->key[i], key) == 0)
			return g->line[i];
	return 0;
}

static void
gone_note(struct gone *g, const char *key, unsigned long line)
{
	if (gone_line(g, key) != 0)
		return;
	g->key = xreallocarray(g->key, g->n + 1, sizeof(*g->key));
	g->line = xreallocarray(g->line, g->n + 1, sizeof(*g->line));
	g->key[g->n] = xstrdup(key);
	g->line[g->n++] = line;
}

/*
 * A row that counts: kept with its place, the line of the first record
 * it replaces when it is a correction.  A promise made, even if taken
 * back, keeps its number from being given again.
 */
static void
keep_row(struct csvr *r, const struct amends *a, struct gone *g,
    struct act **v, size_t *n, struct record *rd)
{
	static struct strbuf key;
	const char *why;
	struct act *x;
	long long id;

	amends_key(a, r, &key);
	if (amends_hidden(a, r)) {
		if (strcmp(cell(r, "kind"), "made") == 0 &&
		    parse_num(cell(r, "id"), 1, 999999999, &id, &why) == 0 &&
		    id > rd->maxid)
			rd->maxid = (long)id;
		gone_note(g, key.s, csvr_line(r));
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	x = &(*v)[(*n)++];
	x->pos = *cell(r, AMEND_COL) ? gone_line(g, key.s) : 0;
	if (x->pos == 0)
		x->pos = csvr_line(r);
	x->ts = xstrdup(cell(r, "ts"));
	x->kind = xstrdup(cell(r, "kind"));
	x->id = xstrdup(cell(r, "id"));
	x->what = xstrdup(cell(r, "what"));
	x->by = xstrdup(cell(r, "by"));
}

/* The acts kept, in their places, into the promises; then let go. */
static void
take_acts(struct record *rd, struct act *v, size_t n, struct gone *g)
{
	size_t i;

	if (n > 0)
		qsort(v, n, sizeof(*v), act_cmp);
	for (i = 0; i < n; i++) {
		take_act(rd, &v[i]);
		free(v[i].ts);
		free(v[i].kind);
		free(v[i].id);
		free(v[i].what);
		free(v[i].by);
	}
	free(v);
	for (i = 0; i < g->n; i++)
		free(g->key[i]);
	free(g->key);
	free(g->line);
}

/*
 * Read every promise from r (its header read), honouring the record's
 * corrections a: a correction counts where the record it replaces was.
 * -1: st_error() set.  A row that cannot be used is told once a run; a
 * torn last line is not told when tail is 0, as the save that follows
 * refuses it in words.
 */
static int
read_record(struct csvr *r, const struct amends *a, struct record *rd,
    int tail)
{
	static int told;
	struct gone g = { 0 };
	struct act *v = NULL;
	size_t n = 0;
	int c, rc = 0, now = 0;

	if (csvr_ncols(r) > 0 && (csvr_col(r, "ts") < 0 ||
	    csvr_col(r, "kind") < 0 || csvr_col(r, "id") < 0)) {
		st_seterr("%s:1: this is not a shared promise record (it has "
		    "no ts, kind and id columns)", csvr_name(r));
		return -1;
	}
	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_ERR) {
			rc = -1;
			break;
		}
		if (c != CSVR_BAD)
			keep_row(r, a, &g, &v, &n, rd);
		else if (!told && (tail || !csvr_torn(r))) {
			st_warnx("%s", st_error());
			now = 1;
		}
	}
	told |= now;
	take_acts(rd, v, n, &g);
	return rc;
}

/* The record at path, read with its corrections; 0 when there is none. */
static int
read_path(const char *path, struct csvr *r, struct record *rd, int tail)
{
	struct amends *a;
	int rc;

	if (amends_load(path, &a) == -1)
		return -1;
	rc = read_record(r, a, rd, tail);
	amends_free(a);
	return rc;
}

/* The record at path, without its lock (for listing and asking). */
static int
load_record(const char *path, struct record *rd, int tail)
{
	struct csvr *r;
	int rc;

	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	rc = read_path(path, r, rd, tail);
	csvr_close(r);
	return rc;
}

/* ---- times ---- */

/* A time as given: HH:MM today, or anything when_parse takes. */
static int
parse_time(const char *s, time_t now, time_t *t)
{
	char buf[64], date[11];

	if (strlen(s) == 5 && s[2] == ':') {
		when_date(now, date);
		snprintf(buf, sizeof(buf), "%sT%s", date, s);
		s = buf;
	}
	return when_parse(s, t, NULL);
}

/* by=WHEN, checked and written in full; exits 2 when it is off. */
static char *
by_value(const char *s, time_t now)
{
	char buf[WHEN_BUFSZ];
	time_t t;

	if (*s == '\0')
		return xstrdup("");
	if (parse_time(s, now, &t) == -1)
		st_errx(EXIT_USAGE, "by=%s: %s", s, st_error());
	when_format(t, buf);
	return xstrdup(buf);
}

/* ---- operands ---- */

/* Is name a field this verb takes as name=value? Its column, or -1. */
static int
field_of(enum verb v, const char *name)
{
	static const char *const takes[] = {
		/* make */ "what by who note",
		/* kept */ "who note",
		/* renegotiated */ "by what who note",
		/* missed */ "who note",
		/* offered */ "what who note",
		/* talked */ "what who note",
		/* urge */ "urge strength helped note",
	};
	const char *const *cols = cols_of(v);
	const char *p;
	size_t i, n = strlen(name);

	for (p = takes[v]; (p = strstr(p, name)) != NULL; p += n)
		if ((p == takes[v] || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			break;
	if (p == NULL)
		return -1;
	for (i = 0; i < ncols_of(v); i++)
		if (strcmp(cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* The field a bare operand fills: the id, the what, or the urge. */
static int
bare_field(enum verb v)
{
	if (v == URGE)
		return U_URGE;
	return v == KEPT || v == RENEG || v == MISSED ? C_ID : C_WHAT;
}

static void
check_text(const char *name, const char *s)
{
	if (strlen(s) > TEXT_MAX)
		st_errx(EXIT_USAGE, "%s is longer than %d bytes", name, TEXT_MAX);
}

/* One name=value (or bare) operand into r; exits 2 when it is off. */
static void
take_operand(struct rec *r, char *arg, time_t now)
{
	char *eq = strchr(arg, '='), *v;
	const char *why;
	long long n;
	int c;

	if (eq == NULL || eq == arg) {
		c = bare_field(r->verb);
		v = arg;
	} else {
		*eq = '\0';
		v = eq + 1;
		if ((c = field_of(r->verb, arg)) < 0)
			st_errx(EXIT_USAGE, "%s=: promise %s takes no %s",
			    arg, verbname[r->verb], arg);
	}
	if (r->f[c] != NULL)
		st_errx(EXIT_USAGE, "%s is given twice", cols_of(r->verb)[c]);
	check_text(cols_of(r->verb)[c], v);
	if (r->verb == URGE && c == U_STRENGTH && *v &&
	    parse_num(v, 0, 10, &n, &why) == -1)
		st_errx(EXIT_USAGE, "strength=%s: strength is a whole number "
		    "from 0 to 10", v);
	if (r->verb != URGE && c == C_ID &&
	    parse_num(v, 1, 999999999, &n, &why) == -1)
		st_errx(EXIT_USAGE, "%s: a promise is named by its number, as "
		    "promise open lists them", v);
	if (r->verb != URGE && c == C_BY)
		r->f[c] = by_value(v, now);
	else if (r->verb != URGE && c == C_ID)
		r->f[c] = xasprintf("%lld", n);
	else
		r->f[c] = xstrdup(v);
}

/* What a record must hold before it is saved; exits 2 when it lacks. */
static void
check_needs(const struct rec *r)
{
	if ((r->verb == MAKE || r->verb == OFFERED) && !filled(r, C_WHAT))
		st_errx(EXIT_USAGE, "promise %s needs a few words: what %s",
		    verbname[r->verb], r->verb == MAKE ? "is promised" :
		    "was shared");
	if ((r->verb == KEPT || r->verb == RENEG || r->verb == MISSED) &&
	    !filled(r, C_ID))
		st_errx(EXIT_USAGE, "promise %s needs the promise's number, as "
		    "promise open lists them", verbname[r->verb]);
	if (r->verb == URGE && !filled(r, U_URGE) && !filled(r, U_STRENGTH)
	    && !filled(r, U_NOTE) && !filled(r, U_HELPED))
		st_errx(EXIT_USAGE, "nothing to record: give the urge, its "
		    "strength or a note");
}

/* ---- asking on the terminal ---- */

/* One line of text; "" when skipped.  PROMPT_OK or why it stopped. */
static int
ask_text(struct prompt *p, struct rec *r, int c, const char *q)
{
	char *s = NULL;
	int rc;

	for (;;) {
		rc = prompt_text(p, q, &s);
		if (rc == PROMPT_SKIP)
			return PROMPT_OK;
		if (rc != PROMPT_OK)
			return rc;
		if (strlen(s) <= TEXT_MAX)
			break;
		fprintf(prompt_out(p), "That is longer than %d bytes; a few "
		    "words are enough.\n", TEXT_MAX);
		free(s);
		s = NULL;
	}
	rec_set(r, c, s);
	free(s);
	return PROMPT_OK;
}

/* A time, re-asked until it reads; "" when skipped. */
static int
ask_by(struct prompt *p, struct rec *r, time_t now, const char *q)
{
	char buf[WHEN_BUFSZ], *s = NULL;
	time_t t;
	int rc;

	for (;;) {
		if ((rc = prompt_text(p, q, &s)) != PROMPT_OK)
			return rc == PROMPT_SKIP ? PROMPT_OK : rc;
		if (parse_time(trim(s), now, &t) == 0)
			break;
		fprintf(prompt_out(p), "%s Try 18:00 or 2026-11-24T18:00.\n",
		    st_error());
		free(s);
	}
	free(s);
	when_format(t, buf);
	rec_set(r, C_BY, buf);
	return PROMPT_OK;
}

/*
 * Words on one line of a listing: a tab, newline or backslash written
 * as the log writes them (\t \n \\), other control bytes as '?'.
 */
static void
put_words(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			fputs("\\t", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\\')
			fputs("\\\\", out);
		else
			putc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' :
			    *s, out);
	}
}

/* The open promises, as promise open shows them, on out. */
static void
list_open(FILE *out, const struct record *rd, int header)
{
	size_t i;

	if (header)
		fputs("id\tby\twhat\n", out);
	for (i = 0; i < rd->n; i++)
		if (rd->v[i].open) {
			fprintf(out, "%ld\t%s\t", rd->v[i].id,
			    *rd->v[i].by ? rd->v[i].by : "-");
			put_words(out, rd->v[i].what);
			putc('\n', out);
		}
}

/* Which promise: the open ones shown, the number asked. */
static int
ask_id(struct prompt *p, struct rec *r, const struct record *rd)
{
	FILE *out = prompt_out(p);
	long long id;
	size_t i, open = 0;
	int rc;

	for (i = 0; i < rd->n; i++)
		open += rd->v[i].open != 0;
	if (open == 0) {
		fputs("There are no open promises in the shared record.\n",
		    out);
		return PROMPT_SKIP;
	}
	fputs("The open promises:\n", out);
	list_open(out, rd, 0);
	fputc('\n', out);
	rc = prompt_rating(p, "Which one (its number)? ", 1, 999999999, &id);
	if (rc == PROMPT_OK) {
		free(r->f[C_ID]);
		r->f[C_ID] = xasprintf("%lld", id);
	}
	return rc;
}

static int
ask_urge(struct prompt *p, struct rec *r)
{
	long long n;
	int rc;

	fputs("This goes to your own log only, never the shared record.\n"
	    "An urge to check is a common part of healing; noticing it is "
	    "a skill.\n\n", prompt_out(p));
	if ((rc = ask_text(p, r, U_URGE, "What was the urge (e.g. to check "
	    "a phone)? ")) != PROMPT_OK)
		return rc;
	rc = prompt_rating(p, "How strong was it (0 barely .. 10 very "
	    "strong)? ", 0, 10, &n);
	if (rc == PROMPT_OK)
		r->f[U_STRENGTH] = xasprintf("%lld", n);
	else if (rc != PROMPT_SKIP)
		return rc;
	if ((rc = ask_text(p, r, U_HELPED, "What helped, if anything? "))
	    != PROMPT_OK)
		return rc;
	if ((rc = ask_text(p, r, U_NOTE, "A note, if you like: ")) !=
	    PROMPT_OK)
		return rc;
	return filled(r, U_URGE) || filled(r, U_STRENGTH) ||
	    filled(r, U_HELPED) || filled(r, U_NOTE) ? PROMPT_OK : PROMPT_SKIP;
}

/* Every question of r's verb.  PROMPT_OK, or why it stopped. */
static int
ask_all(struct prompt *p, struct rec *r, const struct record *rd,
    time_t now)
{
	int rc = PROMPT_OK;

	fputs("Press Enter to skip a question, ? to see your safety plan, "
	    "Ctrl-C to stop\nwithout saving.\n\n", prompt_out(p));
	switch (r->verb) {
	case URGE:
		return ask_urge(p, r);
	case MAKE:
		rc = ask_text(p, r, C_WHAT, "What is the promise, in a few "
		    "plain words? ");
		if (rc == PROMPT_OK && filled(r, C_WHAT))
			rc = ask_by(p, r, now, "By when (18:00, "
			    "2026-11-24T18:00, or Enter for no set time)? ");
		break;
	case OFFERED:
		rc = ask_text(p, r, C_WHAT, "What did you share, without "
		    "being asked? ");
		break;
	case TALKED:
		rc = ask_text(p, r, C_WHAT, "What was it about, if you want "
		    "to say? ");
		break;
	default:
		rc = ask_id(p, r, rd);
		if (rc == PROMPT_OK && r->verb == RENEG)
			rc = ask_by(p, r, now, "The new time, if there is "
			    "one? ");
		break;
	}
	if (rc == PROMPT_OK && r->verb != TALKED && !filled(r, C_WHAT) &&
	    !filled(r, C_ID))
		return PROMPT_SKIP;	/* nothing to keep */
	if (rc == PROMPT_OK)
		rc = ask_text(p, r, C_WHO, "Who (a first name, if you "
		    "like)? ");
	if (rc == PROMPT_OK)
		rc = ask_text(p, r, C_NOTE, r->verb == MISSED ? "A note, if "
		    "you like: what got in the way, what would help? " :
		    "A note, if you like: ");
	return rc;
}

/* ---- writing ---- */

/* The record in the order of cols (names), as one escaped line. */
static void
format_record(struct strbuf *sb, const char *const *cols, size_t ncols,
    char sep, const struct rec *r)
{
	const char *const *mine = cols_of(r->verb);
	const char **f = xcalloc(ncols, sizeof(*f));
	size_t i, c;

	for (i = 0; i < ncols; i++)
		for (c = 0; c < ncols_of(r->verb); c++)
			if (strcmp(cols[i], mine[c]) == 0)
				f[i] = r->f[c];
	csvw_record(sb, f, ncols, sep, CSVW_ESCAPE);
	free(f);
}

static void
stamp(struct rec *r)
{
	char ts[WHEN_BUFSZ];

	when_format(r->ts, ts);
	rec_set(r, 0, ts);
	if (r->verb != URGE)
		rec_set(r, C_KIND, kindname[r->verb]);
}

/*
 * Fill in what the shared record knows: a new promise's number, and for
 * an outcome its words and whether a renegotiation came ahead of the
 * time.  Returns 0, or -1 with st_error() set when the promise is not
 * there or is already closed.
 */
static int
complete(struct rec *r, const struct record *rd, const char *path)
{
	const struct prom *p;
	const char *why;
	long long id;
	time_t by;

	if (r->completed)
		return 0;
	r->completed = 1;
	if (r->verb == MAKE) {
		free(r->f[C_ID]);
		r->f[C_ID] = xasprintf("%ld", rd->maxid + 1);
		return 0;
	}
	if (r->verb != KEPT && r->verb != RENEG && r->verb != MISSED)
		return 0;
	(void)parse_num(r->f[C_ID], 1, 999999999, &id, &why);
	if ((p = find_prom(rd, (long)id)) == NULL) {
		r->completed = 0;
		st_seterr("%s: there is no promise %lld", path, id);
		return -1;
	}
	if (!p->open) {
		r->completed = 0;
		st_seterr("%s: promise %lld is already recorded as %s", path,
		    id, p->closed);
		return -1;
	}
	if (!filled(r, C_WHAT))
		rec_set(r, C_WHAT, p->what);
	if (r->verb == RENEG && *p->by && when_parse(p->by, &by, NULL) == 0)
		rec_set(r, C_AHEAD, r->ts <= by ? "yes" : "no");
	return 0;
}

/* Append r to the locked log whose header cr has read. */
static int
append_rec(int fd, struct csvr *cr, const char *path, const struct rec *r)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char **cols;
	size_t n;
	char sep;
	int rc;

	cols = csvr_record_cols(cr, cols_of(r->verb), ncols_of(r->verb), &n,
	    &sep, &hdr);
	format_record(&sb, cols, n, sep, r);
	rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

/* Is the log's header one this record can go into?  -1: st_error(). */
static int
right_log(struct csvr *cr, const char *path, enum verb v)
{
	if (csvr_ncols(cr) == 0)
		return 0;
	if (v == URGE && csvr_col(cr, "ts") < 0) {
		st_seterr("%s:1: this is not an urge log (it has no ts "
		    "column)", path);
		return -1;
	}
	if (v != URGE && (csvr_col(cr, "ts") < 0 ||
	    csvr_col(cr, "kind") < 0 || csvr_col(cr, "id") < 0)) {
		st_seterr("%s:1: this is not a shared promise record (it has "
		    "no ts, kind and id columns)", path);
		return -1;
	}
	return 0;
}

/* Read the locked shared record, complete r from it and append r. */
static int
read_append(int fd, const char *path, struct rec *r)
{
	struct record rd = { 0 };
	struct csvr *cr;
	int rc = -1;

	/* Read decoded, so words copied from it are written back as they
	 * were; the header is all the append needs. */
	/* A torn last line is told once, by the append it stops. */
	if (store_tail_ok(fd, path) == -1)
		return -1;
	if ((cr = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return -1;
	if ((r->verb == URGE || read_path(path, cr, &rd, 1) == 0) &&
	    complete(r, &rd, path) == 0)
		rc = append_rec(fd, cr, path, r);
	record_free(&rd);
	csvr_close(cr);
	return rc;
}

/*
 * One locked round: append r, or give the log the columns it lacks
 * (returns 1: go round again on the new file).
 */
static int
save_round(const char *path, struct rec *r)
{
	const char *miss[NCOLS];
	struct csvr *cr;
	size_t nmiss = 0;
	int fd, rc = -1;

	if ((fd = store_lock(path)) == -1)
		return -1;
	if ((cr = csvr_openpath(path, 0)) == NULL) {
		store_unlock(fd);
		return -1;
	}
	if (csvr_ncols(cr) > 0)
		nmiss = csvr_missing(cr, cols_of(r->verb), ncols_of(r->verb),
		    miss);
	if (right_log(cr, path, r->verb) == -1)
		rc = -1;
	else if (nmiss > 0)
		rc = store_add_columns(cr, path, miss, nmiss) == 0 ? 1 : -1;
	else
		rc = read_append(fd, path, r);
	csvr_close(cr);
	store_unlock(fd);
	return rc;
}

static int
save_log(const char *path, struct rec *r)
{
	int rc = 1, tries;

	for (tries = 0; rc == 1 && tries < 3; tries++)
		rc = save_round(path, r);
	if (rc == 1) {
		st_seterr("%s: the log kept changing while promise wrote to "
		    "it", path);
		rc = -1;
	}
	return rc;
}

/*
 * For a record written elsewhere (-o): its number, words and time from
 * the shared record, read without a lock, as nothing is written there.
 */
static int
complete_from(const char *shared, struct rec *r)
{
	struct record rd = { 0 };
	int rc = 0;

	if (r->verb != URGE && (load_record(shared, &rd, 1) == -1 ||
	    complete(r, &rd, shared) == -1))
		rc = -1;
	record_free(&rd);
	return rc;
}

/* The record with a header line of its own. */
static void
own_csv(struct strbuf *sb, const struct rec *r)
{
	csvw_record(sb, cols_of(r->verb), ncols_of(r->verb), ',', 0);
	format_record(sb, cols_of(r->verb), ncols_of(r->verb), ',', r);
}

/* The record with its header on standard output. */
static int
save_stdout(const char *shared, struct rec *r)
{
	struct strbuf sb = { 0 };
	int rc;

	if (complete_from(shared, r) == -1)
		return -1;
	own_csv(&sb, r);
	rc = redact_put(redact, &sb, stdout);
	sb_free(&sb);
	return rc;
}

/*
 * Saving failed after the person typed at the prompts: keep the record
 * in a private file, as -o FILE would write it, and say where.
 */
static void
keep_typed(const char *path, const struct rec *r)
{
	struct strbuf sb = { 0 };

	own_csv(&sb, r);
	store_keep_told(path, sb.s, sb.len, "what you entered");
	sb_free(&sb);
}

/* Does anything written read as acute risk?  Never blocks saving. */
static int
needs_plan(const struct rec *r)
{
	struct matchset *m;
	size_t i;
	int hit = 0, conferr;

	m = safety_patterns(confdir, &conferr);
	if (conferr)
		st_warnx("%s; using the built-in patterns", st_error());
	for (i = 1; !hit && i < ncols_of(r->verb); i++)
		if (filled(r, (int)i))
			hit = match_any(m, r->f[i]);
	match_free(m);
	return hit;
}

/* What the person hears once it is saved, on the terminal. */
static void
summary(FILE *out, const struct rec *r)
{
	switch (r->verb) {
	case MAKE:
		fprintf(out, "\nSaved promise %s: %s%s%s.\n", r->f[C_ID],
		    r->f[C_WHAT], filled(r, C_BY) ? ", by " : "",
		    filled(r, C_BY) ? r->f[C_BY] : "");
		break;
	case KEPT:
		fprintf(out, "\nSaved: promise %s kept.\n", r->f[C_ID]);
		break;
	case RENEG:
		fprintf(out, "\nSaved: promise %s renegotiated%s.\n",
		    r->f[C_ID], filled(r, C_AHEAD) && strcmp(r->f[C_AHEAD],
		    "no") == 0 ? "" : ", ahead of its time");
		if (filled(r, C_AHEAD) && strcmp(r->f[C_AHEAD], "no") == 0)
			fputs("Its time had already passed, so the shared "
			    "record counts that time as missed;\nthe promise "
			    "stays open.\n", out);
		break;
	case MISSED:
		fprintf(out, "\nSaved: promise %s missed. Saying so openly "
		    "is part of repair.\n", r->f[C_ID]);
		break;
	case OFFERED:
		fputs("\nSaved: something shared openly.\n", out);
		break;
	case TALKED:
		fputs("\nSaved: a check-in held together.\n", out);
		break;
	default:
		fputs("\nSaved to your own urge log.\n", out);
		break;
	}
}

/* --at: a timestamp, or HH:MM meaning today; never in the future. */
static time_t
parse_at(const char *s, time_t now)
{
	time_t t;

	if (parse_time(s, now, &t) == -1)
		st_errx(EXIT_USAGE, "--at: %s", st_error());
	if (t > now + 60)
		st_errx(EXIT_USAGE, "--at %s: that is in the future", s);
	return t;
}

/* Ask on the terminal; exits when the person stops. */
static struct prompt *
record_interactive(struct rec *r, const char *shared, time_t now)
{
	struct record rd = { 0 };
	struct prompt *p;
	int rc;

	if (!isatty(STDIN_FILENO) || (p = prompt_open()) == NULL)
		st_errx(EXIT_USAGE, "there is no terminal to ask on; give "
		    "operands, e.g. promise make 'home by six' by=18:00");
	prompt_set_help(p, show_plan, NULL);
	if (r->verb != URGE && load_record(shared, &rd, 0) == -1)
		st_warnx("%s", st_error());
	rc = ask_all(p, r, &rd, now);
	record_free(&rd);
	if (rc == PROMPT_OK && prompt_interrupted(p))
		rc = PROMPT_INTR;
	if (rc == PROMPT_SKIP) {
		fputs("Nothing was entered, so nothing was saved.\n",
		    prompt_out(p));
		prompt_close(p);
		exit(EXIT_OK);
	}
	if (rc != PROMPT_OK) {
		if (rc == PROMPT_ERR)
			st_warnx("%s", st_error());
		fputs(rc == PROMPT_INTR ? "\nStopped. Nothing was saved.\n" :
		    "\nNothing was saved.\n", prompt_out(p));
		prompt_close(p);
		exit(rc == PROMPT_INTR ? EXIT_INTR : EXIT_ERR);
	}
	return p;
}

static int
cmd_record(const struct opts *o, const char *shared, const char *urges,
    int argc, char **argv)
{
	struct prompt *p = NULL;
	struct rec r = { 0 };
	const char *path;
	time_t now;
	FILE *talk;
	int i, rc;

	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	r.verb = o->verb;
	r.ts = o->at ? parse_at(o->at, now) : now;
	for (i = 0; i < argc; i++)
		take_operand(&r, argv[i], now);
	if (argc == 0 && isatty(STDIN_FILENO))
		p = record_interactive(&r, shared, now);
	check_needs(&r);
	stamp(&r);
	path = o->output ? o->output : r.verb == URGE ? urges : shared;
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		rc = save_stdout(shared, &r);
	else if (o->output != NULL && complete_from(shared, &r) == -1)
		rc = -1;
	else
		rc = save_log(path, &r);
	talk = p ? prompt_out(p) : stderr;
	if (rc == -1)
		st_warnx("%s; nothing was saved", st_error());
	if (rc == -1 && p != NULL)
		keep_typed(path, &r);
	else if (p != NULL)
		summary(talk, &r);
	if (needs_plan(&r)) {
		fputs(rc == 0 ? "\nIt is saved. " : "\n", talk);
		fputs("Some of what you wrote sounds like things may feel "
		    "unsafe right now,\nso here is your plan and people you "
		    "can reach.\n", talk);
		safety_show(talk, confdir);
	}
	prompt_close(p);
	rec_free(&r);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

/*
 * The open promises, as list_open writes them, less what --redact
 * leaves out (the promise's words, unless columns are chosen).
 */
static void
open_redacted(const struct record *rd)
{
	static const char *const cols[] = { "id", "by", "what" };
	struct strbuf sb = { 0 };
	const char *f[3];
	char id[24];
	size_t i;

	redact_plan(redact, cols, 3);
	redact_record(redact, &sb, cols, 3, '\t', 0);
	for (i = 0; i < rd->n; i++) {
		if (!rd->v[i].open)
			continue;
		snprintf(id, sizeof(id), "%ld", rd->v[i].id);
		f[0] = id;
		f[1] = *rd->v[i].by ? rd->v[i].by : "-";
		f[2] = rd->v[i].what;
		redact_record(redact, &sb, f, 3, '\t', CSVW_ESCAPE);
	}
	fputs_shown(sb.s, stdout);
	sb_free(&sb);
}

/* ---- putting a line right ---- */

/* What a line of each kind is called when it is put right. */
static const char *const amend_what[] = {
	"promise", "promise kept", "renegotiation", "promise missed",
	"thing shared", "check-in held", "urge"
};

/* The kind of line named: a writing verb, or "made" as the record says. */
static enum verb
amend_kind(const char *s)
{
	int v;

	if (strcmp(s, "made") == 0)
		return MAKE;
	for (v = MAKE; v <= URGE; v++)
		if (strcmp(s, verbname[v]) == 0)
			return (enum verb)v;
	st_errx(EXIT_USAGE, "%s: say which kind of line: make, kept, "
	    "renegotiated, missed, offered, talked or urge", s);
}

/* A corrected value, checked as a new record's would be. */
static char *
amend_value(const char *col, const char *val, void *arg)
{
	const time_t *now = arg;
	char buf[WHEN_BUFSZ], *s;
	const char *why;
	long long n;
	time_t t;

	if (strlen(val) > TEXT_MAX) {
		st_seterr("%s is longer than %d bytes", col, TEXT_MAX);
		return NULL;
	}
	if (strcmp(col, "ahead") == 0) {
		st_seterr("ahead cannot be corrected: it says whether a change "
		    "came before its time");
		return NULL;
	}
	if (strcmp(col, "strength") == 0 && *val &&
	    parse_num(val, 0, 10, &n, &why) == -1) {
		st_seterr("strength=%s: strength is a whole number from 0 to "
		    "10", val);
		return NULL;
	}
	if (strcmp(col, "by") != 0 || *val == '\0')
		return xstrdup(val);
	if (parse_time(val, *now, &t) == -1) {
		/* st_error() is the buffer st_seterr writes: copied first. */
		s = xstrdup(st_error());
		st_seterr("by=%s: %s", val, s);
		free(s);
		return NULL;
	}
	when_format(t, buf);
	return xstrdup(buf);
}

/* promise correct, promise withdraw: a line that supersedes another. */
static int
cmd_amend(const struct opts *o, const char *shared, const char *urges,
    int argc, char **argv)
{
	struct amend_req q = { 0 };
	struct amend_done d;
	char date[11], *key = NULL;
	enum verb v;
	time_t now;
	int rc;

	if (argc < 2 || (o->verb == WITHDRAW && argc != 2) ||
	    (o->verb == CORRECT && argc < 3))
		usage();
	v = amend_kind(argv[0]);
	if (v == URGE && o->file)
		st_errx(EXIT_USAGE, "an urge is kept in your own log, never the "
		    "shared record: leave out --file");
	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	/* HH:MM is a time today, as with --at. */
	if (strlen(argv[1]) == 5 && argv[1][2] == ':') {
		when_date(now, date);
		key = xasprintf("%sT%s", date, argv[1]);
	}
	q.key = key ? key : argv[1];
	q.kind = v == URGE ? NULL : kindname[v];
	q.withdraw = o->verb == WITHDRAW;
	q.ops = argv + 2;
	q.nops = (size_t)argc - 2;
	q.check = amend_value;
	q.arg = &now;
	rc = amend_append(v == URGE ? urges : shared, &q, &d);
	free(key);
	if (rc == AMEND_USAGE) {
		st_warnx("%s", st_error());
		usage();
	}
	if (rc != 0) {
		st_warnx("%s; nothing was saved", st_error());
		return EXIT_ERR;
	}
	amend_tell(stderr, &d, amend_what[v], q.withdraw);
	return EXIT_OK;
}

static int
cmd_open(const char *shared)
{
	struct record rd = { 0 };
	int rc = EXIT_OK;

	if (load_record(shared, &rd, 1) == -1) {
		st_warnx("%s", st_error());
		rc = EXIT_ERR;
	} else if (redact == NULL) {
		list_open(stdout, &rd, 1);
	} else {
		open_redacted(&rd);
	}
	record_free(&rd);
	return rc;
}

/* ---- options ---- */

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(*argcp, *argvp, ":a:f:ho:pV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			o->at = optarg;
			break;
		case 'f':
			o->file = optarg;
			break;
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 'o':
			o->output = optarg;
			break;
		case 'p':
			o->verb = PLAN;
			break;
		case 'R':
			redact_free(redact);
			if ((redact = redact_new(optarg)) == NULL)
				st_errx(EXIT_USAGE, "%s", st_error());
			break;
		case 'V':
			puts("promise (steady) " STEADY_VERSION);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case ':':
			bad_option((*argvp)[optind - 1], "needs a value");
		default:
			bad_option((*argvp)[optind - 1], "is not an option");
		}
	}
	*argcp -= optind;
	*argvp += optind;
}

/* The first operand names what to do. */
static void
parse_verb(struct opts *o, int *argcp, char ***argvp)
{
	size_t i;

	if (o->verb == PLAN) {
		if (*argcp > 0)
			usage();
		return;
	}
	if (*argcp == 0) {
		st_warnx("say what to record: make, kept, renegotiated, missed, "
		    "offered, talked or urge (or open to list, correct or "
		    "withdraw to put a line right)");
		usage();
	}
	for (i = 0; i < PLAN; i++)
		if (strcmp((*argvp)[0], verbname[i]) == 0)
			break;
	if (i == PLAN) {
		st_warnx("%s: choose make, kept, renegotiated, missed, offered, "
		    "talked, urge, open, correct or withdraw", (*argvp)[0]);
		usage();
	}
	o->verb = (enum verb)i;
	(*argcp)--;
	(*argvp)++;
}

static void
check_opts(const struct opts *o, int argc)
{
	if ((o->verb == OPEN || o->verb == PLAN) && (argc > 0 || o->at ||
	    o->output))
		usage();
	if ((o->verb == CORRECT || o->verb == WITHDRAW) && (o->at ||
	    o->output))
		usage();
	if (o->verb == PLAN && o->file)
		usage();
	if (redact != NULL && o->verb != OPEN && (o->output == NULL ||
	    strcmp(o->output, "-") != 0))
		st_errx(EXIT_USAGE, "--redact is for what goes to standard "
		    "output: open, or a record with -o -");
	if (o->verb == URGE && o->file)
		st_errx(EXIT_USAGE, "an urge is kept in your own log, never the "
		    "shared record: leave out --file");
}

/* The shared record: --file, else promise_file in settings.csv. */
static char *
shared_path(const struct opts *o, const char *datadir)
{
	char *s;
	int failed;

	if (o->file != NULL)
		return xstrdup(o->file);
	s = setting_str(confdir, "promise_file", &failed);
	if (failed)
		st_errx(EXIT_ERR, "%s", st_error());
	if (s != NULL && *trim(s) != '\0')
		return s;
	free(s);
	return store_path(datadir, SHARED_LOG);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *datadir, *shared, *urges;
	int rc = EXIT_OK;

	stdio_guard();
	signal(SIGXFSZ, SIG_IGN);
	o.verb = NVERBS;
	parse_opts(&o, &argc, &argv);
	parse_verb(&o, &argc, &argv);
	check_opts(&o, argc);
	if ((datadir = store_data_dir()) == NULL ||
	    (confdir = store_config_dir()) == NULL)
		st_errx(EXIT_ERR, "%s", st_error());
	shared = shared_path(&o, datadir);
	urges = store_path(datadir, URGE_LOG);
	if (o.verb == PLAN)
		safety_show(stdout, confdir);
	else if (o.verb == OPEN)
		rc = cmd_open(shared);
	else if (o.verb == CORRECT || o.verb == WITHDRAW)
		rc = cmd_amend(&o, shared, urges, argc, argv);
	else
		rc = cmd_record(&o, shared, urges, argc, argv);
	free(shared);
	free(urges);
	free(datadir);
	free(confdir);
	redact_free(redact);
	if (close_stdout() == -1 && rc == EXIT_OK)
		rc = EXIT_ERR;
	return rc;
}
