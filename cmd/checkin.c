/*
 * checkin: record today's ratings and a note; say whether today's
 * check-in is due.  See checkin(1).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "assign.h"
#include "config.h"
#include "correct.h"
#include "dates.h"
#include "csvio.h"
#include "forms.h"
#include "match.h"
#include "practice.h"
#include "prompt.h"
#include "redact.h"
#include "safety.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define LOGNAME "checkin.csv"

static const char usage_text[] =
    "usage: checkin [-e] [-a time] [-o file] [item=value ...] [note=text]\n"
    "       checkin -d [-q]\n"
    "       checkin -r\n"
    "       checkin -l [-s when] [-u when] [--redact[=cols]]\n"
    "       checkin -c when item=value ... | -w when\n"
    "       checkin -f form [-a time] [-o file] [item=value ...]\n"
    "       checkin -F | -f form -i\n"
    "       checkin -A kind=kind [name=value ...]\n"
    "       checkin -i | -p | -h | -V\n";

static const char help_text[] =
    "Record how you are today: a few ratings and a note, if you like.\n"
    "On a terminal: Enter skips, ? shows your safety plan, Ctrl-C stops.\n"
    "  -a, --at TIME       for an earlier time (-e, --edit: note in your "
    "editor)\n"
    "  -o, --output FILE   to FILE (- for standard output; --redact: no "
    "notes)\n"
    "  -d, --due [-q, --quiet]   exit 0 if today's check-in is open, else 1\n"
    "  -r, --remind        like --due, as a gentle desktop notification\n"
    "  -l, --log           the log as CSV (-s, -u WHEN: --since, --until; "
    "--redact)\n"
    "  -c, -w WHEN         --correct (item=value ...) or --withdraw a "
    "check-in\n"

    "  -f, --form NAME     answer questionnaire NAME (-F, --forms: list "
    "them)\n"
    "  -A, --assign        plan a practice: kind=ground what=box times=1 ...\n"
    "  -i, --items         list the items you can rate (-p, --plan: your "
    "safety plan)\n"
    "  -h, --help          show this help (-V, --version: the version)\n";

static const struct option longopts[] = {
	{ "assign", no_argument, NULL, 'A' },
	{ "at", required_argument, NULL, 'a' },
	{ "correct", required_argument, NULL, 'c' },
	{ "due", no_argument, NULL, 'd' },
	{ "edit", no_argument, NULL, 'e' },
	{ "form", required_argument, NULL, 'f' },
	{ "forms", no_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ "items", no_argument, NULL, 'i' },
	{ "log", no_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ "plan", no_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "redact", optional_argument, NULL, 'R' },
	{ "remind", no_argument, NULL, 'r' },
	{ "since", required_argument, NULL, 's' },
	{ "until", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ "withdraw", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

enum mode {
	RECORD, DUE, REMIND, LOG, ITEMS, PLAN, CORRECT, WITHDRAW, FORMS, ASSIGN
};

struct opts {
	enum mode mode;
	const char *at, *output, *since, *until;
	const char *key;	/* --correct, --withdraw: which check-in */
	const char *form;	/* --form: the questionnaire */
	int edit, quiet;
	struct redact *redact;	/* --redact: what goes to stdout */
};

/* One check-in being made: a value per item ("" when skipped). */
struct rec {
	time_t ts;
	char **val;		/* parallel to items.v */
	char *note;
};

static struct items items;
static char *confdir;
static struct redact *redact;	/* --redact, or NULL */

static void __attribute__((noreturn))
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

/* An option getopt could not take: say what, then the usage. */
static void __attribute__((noreturn))
bad_option(const char *arg, const char *what)
{
	warn_option(arg, what);
	usage();
}

static void
setmode(struct opts *o, enum mode m)
{
	if (o->mode != RECORD && o->mode != m) {
		st_warnx("choose one of --due, --remind, --log, --items, --plan");
		usage();
	}
	o->mode = m;
}

static void
rec_init(struct rec *r)
{
	r->val = xcalloc(items.n, sizeof(*r->val));
	r->note = NULL;
}

static void
rec_free(struct rec *r)
{
	size_t i;

	for (i = 0; i < items.n; i++)
		free(r->val[i]);
	free(r->val);
	free(r->note);
}

static int
rec_empty(const struct rec *r)
{
	size_t i;

	for (i = 0; i < items.n; i++)
		if (r->val[i] != NULL && *r->val[i] != '\0')
			return 0;
	return r->note == NULL || *r->note == '\0';
}

/* "mood, trust, safety, distress, arousal, note" for messages. */
static char *
item_names(void)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < items.n; i++)
		sb_printf(&sb, "%s, ", items.v[i].name);
	sb_puts(&sb, "note");
	return sb.s;
}

/* Check one operand's value against its item; exits 2 when it is off. */
static char *
check_value(const struct item *it, const char *v)
{
	long long n;
	const char *why;

	if (*v == '\0')
		return xstrdup("");
	if (parse_num(v, it->min, it->max, &n, &why) == -1)
		st_errx(EXIT_USAGE, "%s=%s: %s is a whole number from %lld to "
		    "%lld", it->name, v, it->name, it->min, it->max);
	return xasprintf("%lld", n);
}

/* Fill r from item=value operands (exit 2 on any that are off). */
static void
parse_operands(struct rec *r, int argc, char **argv)
{
	const struct item *it;
	char *eq, *names;
	int i;

	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL || eq == argv[i]) {
			st_warnx("%s: give ratings as item=value, e.g. mood=6",
			    argv[i]);
			usage();
		}
		*eq = '\0';
		if (strcmp(argv[i], "note") == 0) {
			if (r->note != NULL)
				st_errx(EXIT_USAGE, "note is given twice");
			r->note = xstrdup(eq + 1);
			continue;
		}
		if ((it = items_find(&items, argv[i])) == NULL) {
			names = item_names();
			st_errx(EXIT_USAGE, "%s: there is no such item; the items "
			    "are %s", argv[i], names);
		}
		if (r->val[it - items.v] != NULL)
			st_errx(EXIT_USAGE, "%s is given twice", it->name);
		r->val[it - items.v] = check_value(it, eq + 1);
	}
}

/* "Mood (0 very low .. 10 very good): " */
static char *
question(const struct item *it)
{
	struct strbuf sb = { 0 };
	const char *plus = it->min < 0 ? "+" : "";

	sb_printf(&sb, "%s (%lld", it->question, it->min);
	if (*it->low)
		sb_printf(&sb, " %s", it->low);
	if (*it->mid && it->min < 0 && it->max > 0)
		sb_printf(&sb, " .. 0 %s", it->mid);
	sb_printf(&sb, " .. %s%lld", plus, it->max);
	if (*it->high)
		sb_printf(&sb, " %s", it->high);
	sb_puts(&sb, "): ");
	return sb.s;
}

static void
show_plan(void *arg, FILE *out)
{
	(void)arg;
	safety_show(out, confdir);
}

static int
ask_note(struct prompt *p, struct rec *r, int edit)
{
	int rc;

	if (edit) {
		rc = prompt_editor(p, "\n# Write your note above. Lines that "
		    "start with # are left out.\n# An empty note is fine.\n",
		    &r->note);
		if (rc == PROMPT_ERR)
			st_warnx("%s", st_error());
		return rc == PROMPT_ERR ? rc : PROMPT_OK;
	}
	rc = prompt_text(p, "A note, if you like (Enter to skip): ", &r->note);
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* Ask every item, then the note.  PROMPT_OK, or why it stopped. */
static int
ask_all(struct prompt *p, struct rec *r, int edit)
{
	FILE *out = prompt_out(p);
	char when[WHEN_BUFSZ], *q;
	long long v;
	size_t i;
	int rc;

	when_format(r->ts, when);
	fprintf(out, "Check-in for %.10s at %.5s.\n"
	    "Press Enter to skip a question, ? to see your safety plan, "
	    "Ctrl-C to stop\nwithout saving.\n\n", when, when + 11);
	for (i = 0; i < items.n; i++) {
		q = question(&items.v[i]);
		rc = prompt_rating(p, q, items.v[i].min, items.v[i].max, &v);
		free(q);
		if (rc == PROMPT_OK)
			r->val[i] = xasprintf("%lld", v);
		else if (rc != PROMPT_SKIP)
			return rc;
	}
	return ask_note(p, r, edit);
}

/* The columns a log written today has: ts, every item, note. */
static void
default_cols(const char ***cols, size_t *n)
{
	size_t i;

	*cols = xcalloc(items.n + 2, sizeof(**cols));
	(*cols)[0] = "ts";
	for (i = 0; i < items.n; i++)
		(*cols)[i + 1] = items.v[i].name;
	(*cols)[items.n + 1] = "note";
	*n = items.n + 2;
}

/* One record in the order of cols, as one escaped line. */
static void
format_record(struct strbuf *sb, const char *const *cols, size_t ncols,
    char sep, const struct rec *r)
{
	const struct item *it;
	const char **f;
	char ts[WHEN_BUFSZ];
	size_t i;

	when_format(r->ts, ts);
	f = xcalloc(ncols, sizeof(*f));
	for (i = 0; i < ncols; i++) {
		if (strcmp(cols[i], "ts") == 0)
			f[i] = ts;
		else if (strcmp(cols[i], "note") == 0)
			f[i] = r->note;
		else if ((it = items_find(&items, cols[i])) != NULL)
			f[i] = r->val[it - items.v];
	}
	csvw_record(sb, f, ncols, sep, CSVW_ESCAPE);
	free(f);
}

/* The columns this check-in needs that the log's header lacks. */
static size_t
missing_cols(struct csvr *r, const char **miss)
{
	const char **want;
	size_t n, nmiss;

	default_cols(&want, &n);
	nmiss = csvr_missing(r, want, n, miss);
	free(want);
	return nmiss;
}

/* Append r to the open, locked log whose header cr has read. */
static int
append_rec(int fd, struct csvr *cr, const char *path, const struct rec *r)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char **cols, **def;
	size_t n, ndef;
	char sep;
	int rc;

	default_cols(&def, &ndef);
	cols = csvr_record_cols(cr, def, ndef, &n, &sep, &hdr);
	free(def);
	format_record(&sb, cols, n, sep, r);
	rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

/*
 * Append r to the log at path under its lock, adding missing columns
 * first.  A rewrite replaces the file, so after one the lock is taken
 * again, on the new file.
 */
static int
save_log(const char *path, const struct rec *r)
{
	const char **miss;
	struct csvr *cr;
	size_t nmiss = 0;
	int fd, rc = -1, tries;

	miss = xcalloc(items.n + 2, sizeof(*miss));
	for (tries = 0; tries < 3; tries++) {
		nmiss = 0;
		if ((fd = store_lock(path)) == -1)
			break;
		/*
		 * Read through the path: under the lock it is the file fd
		 * holds, since store_lock checked and every writer locks.
		 */
		if ((cr = csvr_openpath(path, 0)) == NULL) {
			store_unlock(fd);
			break;
		}
		if (csvr_ncols(cr) > 0 && csvr_col(cr, "ts") < 0)
			st_seterr("%s:1: this is not a check-in log (it has no "
			    "ts column)", path);
		else if (csvr_ncols(cr) > 0 &&
		    (nmiss = missing_cols(cr, miss)) > 0)
			rc = store_add_columns(cr, path, miss, nmiss);
		else
			rc = append_rec(fd, cr, path, r);
		csvr_close(cr);
		store_unlock(fd);
		if (rc == -1 || nmiss == 0)
			break;
		rc = -1;	/* migrated: append on the next round */
	}
	if (tries == 3)
		st_seterr("%s: the log kept changing while checkin wrote to "
		    "it", path);
	free(miss);
	return rc;
}

/* The record with a header line of its own: a CSV on its own. */
static void
own_csv(struct strbuf *sb, const struct rec *r)
{
	const char **cols;
	size_t n;

	default_cols(&cols, &n);
	csvw_record(sb, cols, n, ',', 0);
	format_record(sb, cols, n, ',', r);
	free(cols);
}

/* The record, with its header, on standard output. */
static int
save_stdout(const struct rec *r)
{
	struct strbuf sb = { 0 };
	int rc;

	own_csv(&sb, r);
	rc = redact_put(redact, &sb, stdout);
	sb_free(&sb);
	return rc;
}

/*
 * Saving failed after the person typed their answers: keep them in a
 * private file, as -o FILE would write them, and say where.
 */
static void
keep_typed(const char *path, const struct rec *r)
{
	struct strbuf sb = { 0 };

	own_csv(&sb, r);
	store_keep_told(path, sb.s, sb.len, "what you entered");
	sb_free(&sb);
}

/* Does this check-in call for the safety plan?  Never blocks saving. */
static int
needs_plan(const struct rec *r)
{
	const struct item *it = items_find(&items, "safety");
	struct matchset *m;
	long long v, limit;
	const char *why;
	int hit = 0, conferr;

	if (setting_threshold(confdir, &items, &limit) == -1) {
		st_warnx("%s; using 2", st_error());
		limit = 2;
	}
	if (it != NULL && r->val[it - items.v] != NULL &&
	    parse_num(r->val[it - items.v], it->min, it->max, &v, &why) == 0
	    && v <= limit)
		hit = 1;
	if (!hit && r->note != NULL && *r->note) {
		m = safety_patterns(confdir, &conferr);
		if (conferr)
			st_warnx("%s; using the built-in patterns", st_error());
		hit = match_any(m, r->note);
		match_free(m);
	}
	return hit;
}

/* "mood 6, safety 8, distress 3, and a note" */
static void
summary(FILE *out, const struct rec *r)
{
	const char *sepa = "";
	size_t i;

	fputs("Saved: ", out);
	for (i = 0; i < items.n; i++)
		if (r->val[i] != NULL && *r->val[i]) {
			fprintf(out, "%s%s %s", sepa, items.v[i].name,
			    r->val[i]);
			sepa = ", ";
		}
	if (r->note != NULL && *r->note)
		fprintf(out, "%s%s", sepa, *sepa ? "and a note" : "a note");
	fputs(".\n", out);
}

/*
 * Walk the log's records: head (when not NULL) on the header, then fn on
 * each record with a readable ts (t, its instant).  Rows that cannot be
 * read are reported with file:line and counted in *bad.  A log that does
 * not exist yet holds no records.  Returns 1 when fn stopped the walk by
 * returning non-zero, 0 at the end, -1 when the log cannot be read.
 */
static int
each_record(const char *path, void (*head)(struct csvr *),
    int (*fn)(struct csvr *, time_t, void *), void *arg, int *bad)
{
	struct amends *a;
	struct csvr *r;
	time_t t;
	int c, tscol, rc = 0;

	if (amends_load(path, &a) == -1)
		return -1;
	if ((r = csvr_openpath(path, 0)) == NULL) {
		amends_free(a);
		return errno == ENOENT ? 0 : -1;
	}
	tscol = csvr_col(r, "ts");
	if (csvr_ncols(r) > 0 && tscol < 0) {
		st_seterr("%s:1: this is not a check-in log (it has no ts "
		    "column)", path);
		rc = -1;
	} else if (head != NULL && csvr_ncols(r) > 0) {
		head(r);
	}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_ERR) {
			rc = -1;
		} else if (c == CSVR_BAD) {
			st_warnx("%s", st_error());
			(*bad)++;
		} else if (when_parse(csvr_field(r, tscol), &t, NULL) == -1) {
			st_warnx("%s:%lu: %s", path, csvr_line(r), st_error());
			(*bad)++;
		} else if (!amends_hidden(a, r) && fn(r, t, arg)) {
			rc = 1;
		}
	}
	csvr_close(r);
	amends_free(a);
	return rc;
}

static int
is_today(struct csvr *r, time_t t, void *arg)
{
	char date[11];

	(void)t;
	return when_written_date(csvr_field(r, csvr_col(r, "ts")), date) == 0
	    && strcmp(date, arg) == 0;
}

/* 1 when today's check-in is still open, 0 when done, -1 on error. */
static int
due(const char *path)
{
	char today[11];
	time_t now;
	int bad = 0, found;

	if (when_now(&now) == -1)
		return -1;
	when_date(now, today);
	if ((found = each_record(path, NULL, is_today, today, &bad)) == -1)
		return -1;
	return !found;
}

static const char reminder[] =
    "Today's check-in is open whenever you are ready: run checkin.";

/* A desktop notification, when a desktop session can be reached. */
static int
notify(const char *text)
{
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
	const char *bus = getenv("DBUS_SESSION_BUS_ADDRESS");
	pid_t pid;
	int status;

	if ((d == NULL || !*d) && (w == NULL || !*w))
		return -1;
	if (bus == NULL || !*bus)
		return -1;
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		execlp("notify-send", "notify-send", "--app-name=steady",
		    "steady", text, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

struct range {
	time_t since, until;
	int has_since, has_until;
	FILE *out;
	struct strbuf sb;	/* a redacted line */
};

static int
print_in_range(struct csvr *r, time_t t, void *arg)
{
	struct range *rg = arg;

	if ((!rg->has_since || t >= rg->since) &&
	    (!rg->has_until || t < rg->until)) {
		/* On a terminal, a log's control bytes are shown as "?". */
		if (redact != NULL) {
			sb_reset(&rg->sb);
			redact_row(redact, &rg->sb, r, 0);
			fputs_shown(rg->sb.s, rg->out);
			return 0;
		}
		fputs_shown(csvr_raw(r), rg->out);
		putc('\n', rg->out);
	}
	return 0;
}

/* The log's header line, as the first line of --log's output. */
static void
print_header(struct csvr *r)
{
	struct strbuf sb = { 0 };

	if (redact != NULL) {
		redact_plan_csvr(redact, r);
		redact_header(redact, &sb, r);
	} else
		csvw_header(&sb, r);
	fputs(sb.s, stdout);
	sb_free(&sb);
}

static int
cmd_log(const char *path, const struct opts *o)
{
	struct range rg = { 0, 0, 0, 0, stdout, { 0 } };
	time_t now;
	int bad = 0, rc;

	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (o->since && when_bound(o->since, now, 0, &rg.since) == -1)
		st_errx(EXIT_USAGE, "--since %s", st_error());
	if (o->until && when_bound(o->until, now, 1, &rg.until) == -1)
		st_errx(EXIT_USAGE, "--until %s", st_error());
	rg.has_since = o->since != NULL;
	rg.has_until = o->until != NULL;
	rc = each_record(path, print_header, print_in_range, &rg, &bad);
	sb_free(&rg.sb);
	if (rc == -1) {
		st_warnx("%s", st_error());
		return EXIT_ERR;
	}
	return bad ? EXIT_ERR : EXIT_OK;
}

static int
cmd_items(void)
{
	size_t i;

	printf("name\tmin\tmax\tbetter\tquestion\n");
	for (i = 0; i < items.n; i++)
		printf("%s\t%lld\t%lld\t%s\t%s\n", items.v[i].name,
		    items.v[i].min, items.v[i].max,
		    items.v[i].better == BETTER_HIGH ? "high" :
		    items.v[i].better == BETTER_LOW ? "low" : "mid",
		    items.v[i].question);
	return EXIT_OK;
}

/* --at: a timestamp, or HH:MM meaning today; never in the future. */
static time_t
parse_at(const char *s, time_t now)
{
	char buf[64], date[11];
	time_t t;

	if (strlen(s) == 5 && s[2] == ':') {
		when_date(now, date);
		snprintf(buf, sizeof(buf), "%sT%s", date, s);
		s = buf;
	}
	if (when_parse(s, &t, NULL) == -1)
		st_errx(EXIT_USAGE, "--at: %s", st_error());
	if (t > now + 60)
		st_errx(EXIT_USAGE, "--at %s: that is in the future", s);
	return t;
}

/* Ask on the terminal; exits when the person stops. */
static void
record_interactive(struct rec *r, const struct opts *o, struct prompt **pp)
{
	struct prompt *p;
	int rc;

	if (!isatty(STDIN_FILENO) || (p = prompt_open()) == NULL)
		st_errx(EXIT_USAGE, "there is no terminal to ask on; give the "
		    "ratings as operands, e.g. checkin mood=6 safety=8");
	prompt_set_help(p, show_plan, NULL);
	rc = ask_all(p, r, o->edit);
	if (rc == PROMPT_OK && prompt_interrupted(p))
		rc = PROMPT_INTR;
	if (rc != PROMPT_OK) {
		if (rc == PROMPT_ERR)
			st_warnx("%s", st_error());
		fputs(rc == PROMPT_INTR ? "\nStopped. Nothing was saved.\n" :
		    "\nNothing was saved.\n", prompt_out(p));
		prompt_close(p);
		exit(rc == PROMPT_INTR ? EXIT_INTR : EXIT_ERR);
	}
	if (rec_empty(r)) {
		fputs("Nothing was entered, so nothing was saved. You can "
		    "check in whenever you like.\n", prompt_out(p));
		prompt_close(p);
		exit(EXIT_OK);
	}
	*pp = p;
}

static int
cmd_record(const char *logpath, const struct opts *o, int argc, char **argv)
{
	struct prompt *p = NULL;
	struct rec r;
	time_t now;
	int rc;
	FILE *talk;

	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	rec_init(&r);
	r.ts = o->at ? parse_at(o->at, now) : now;
	if (argc > 0) {
		parse_operands(&r, argc, argv);
		if (rec_empty(&r))
			st_errx(EXIT_USAGE, "nothing to record: every item given "
			    "is empty");
	} else {
		record_interactive(&r, o, &p);
	}
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		rc = save_stdout(&r);
	else
		rc = save_log(o->output ? o->output : logpath, &r);
	talk = p ? prompt_out(p) : stderr;
	if (rc == -1)
		st_warnx("%s; nothing was saved", st_error());
	else if (p != NULL)
		summary(talk, &r);
	if (rc == -1 && p != NULL)
		keep_typed(o->output ? o->output : logpath, &r);
	if (needs_plan(&r)) {
		fputs(rc == 0 ? "\nYour check-in is saved. " : "\n", talk);
		fputs("Things may feel unsafe right now, so here is your plan "
		    "and people\nyou can reach.\n", talk);
		safety_show(talk, confdir);
	}
	prompt_close(p);
	rec_free(&r);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

/*
 * The hard dates of dates.csv within their days of warning.  The private
 * label, and a plan in the person's words, are shown on a terminal or
 * when the person chose so (setting date_labels 1); mail from cron and
 * notifications otherwise get a neutral line.
 */
static void
remind_dates(const struct opts *o, int due)
{
	struct strbuf sb = { 0 };
	struct hard_dates hd;
	long long optin;
	long today, next;
	time_t now;
	size_t i;

	if (o->quiet || (o->mode == DUE && !due) || when_now(&now) == -1)
		return;
	if (dates_load(&hd, confdir) == -1 || setting_num(confdir,
	    "date_labels", 0, 1, 0, &optin) == -1) {
		st_warnx("%s", st_error());
		dates_free(&hd);
		return;
	}
	today = dates_day(now);
	for (i = 0; i < hd.n; i++) {
		next = dates_next(&hd.v[i], today);
		if (next < 0 || next - today > hd.v[i].warn)
			continue;
		sb_reset(&sb);
		dates_warning(&sb, &hd.v[i], next - today, today, (int)optin);
		if (o->mode == REMIND && notify(sb.s) == 0)
			continue;
		sb_reset(&sb);
		dates_warning(&sb, &hd.v[i], next - today, today, optin ||
		    isatty(STDOUT_FILENO));
		printf("%s\n", sb.s);
	}
	sb_free(&sb);
	dates_free(&hd);
}

static void remind_practice(const struct opts *, int);

static int
cmd_due(const char *logpath, const struct opts *o)
{
	int d = due(logpath);

	if (d == -1) {
		st_warnx("%s", st_error());
		return EXIT_USAGE;	/* like grep: 0 yes, 1 no, 2 trouble */
	}
	remind_dates(o, d);
	remind_practice(o, d);
	if (d && o->mode == REMIND && notify(reminder) == 0)
		return EXIT_OK;
	if (d && !o->quiet)
		printf("%s\n", reminder);
	return d ? EXIT_OK : EXIT_ERR;
}

/* A corrected rating, checked against its item; other columns as given. */
static char *
amend_value(const char *col, const char *val, void *arg)
{
	const struct item *it = items_find(&items, col);
	const char *why;
	long long n;

	(void)arg;
	if (it == NULL || *val == '\0')
		return xstrdup(val);
	if (parse_num(val, it->min, it->max, &n, &why) == -1) {
		st_seterr("%s=%s: %s is a whole number from %lld to %lld",
		    col, val, col, it->min, it->max);
		return NULL;
	}
	return xasprintf("%lld", n);
}

/* --correct, --withdraw: append a record that supersedes an earlier one. */
static int
cmd_amend(const char *logpath, const struct opts *o, int argc, char **argv)
{
	struct amend_req q = { 0 };
	struct amend_done d;
	char date[11], *key = NULL;
	time_t now;
	int rc;

	/* HH:MM is a time today, as with --at. */
	if (strlen(o->key) == 5 && o->key[2] == ':' && when_now(&now) == 0) {
		when_date(now, date);
		key = xasprintf("%sT%s", date, o->key);
	}
	q.key = key ? key : o->key;
	q.withdraw = o->mode == WITHDRAW;
	q.ops = argv;
	q.nops = (size_t)argc;
	q.check = amend_value;
	rc = amend_append(logpath, &q, &d);
	free(key);
	if (rc == AMEND_USAGE) {
		st_warnx("%s", st_error());
		usage();
	}
	if (rc != 0) {
		st_warnx("%s; nothing was saved", st_error());
		return EXIT_ERR;
	}
	amend_tell(stderr, &d, "check-in", q.withdraw);
	return EXIT_OK;
}

/*
 * Questionnaires: checkin --form NAME asks a form's items (or takes them
 * as operands), scores them and appends one row to forms.csv.
 */
#define FORMLOG "forms.csv"

static const char *const form_cols[] = {
	"ts", "form", "score", "skipped", "subscales", "answers"
};
#define NFORMCOLS (sizeof(form_cols) / sizeof(form_cols[0]))

/* One administration: its form, answers (NAN: skipped) and scores. */
struct fadmin {
	struct form f;
	double *ans, total, *sub;
	size_t skipped;
	time_t ts;
	char *given, *vals;	/* operands given; the values, for messages */
};

static void
form_open(struct fadmin *a, const char *name)
{
	char *path;

	if ((path = form_find(confdir, name)) == NULL)
		st_errx(EXIT_ERR, "%s", st_error());
	if (form_load(&a->f, path, name) == -1) {
		free(path);
		st_errx(EXIT_ERR, "%s", st_error());
	}
	free(path);
	a->ans = xcalloc(a->f.nitem, sizeof(*a->ans));
	a->sub = xcalloc(a->f.nsub + 1, sizeof(*a->sub));
}

static void
form_close(struct fadmin *a)
{
	free(a->given);
	free(a->vals);
	free(a->ans);
	free(a->sub);
	form_free(&a->f);
}

/* "0, 1, 2, 3 or 4", item i's answers, for messages. */
static char *
form_values(const struct form *f, size_t i)
{
	const struct form_item *it = &f->item[i];
	struct strbuf sb = { 0 };
	size_t k;

	for (k = 0; k < it->nopt; k++)
		sb_printf(&sb, "%s%lld", k == 0 ? "" : k + 1 == it->nopt ?
		    " or " : ", ", it->opt[k].value);
	return sb.s;
}

/* item=value operands into a->ans; exits 2 on any that are off. */
static void
form_operands(struct fadmin *a, int argc, char **argv)
{
	char *eq, *given = a->given = xcalloc(a->f.nitem, 1);
	const char *why;
	long long v;
	size_t i;
	long k;
	int any = 0;

	for (k = 0; k < argc; k++) {
		if ((eq = strchr(argv[k], '=')) == NULL || eq == argv[k])
			st_errx(EXIT_USAGE, "%s: give answers as item=value",
			    argv[k]);
		*eq++ = '\0';
		if ((i = (size_t)form_item_find(&a->f, argv[k])) == (size_t)-1)
			st_errx(EXIT_USAGE, "%s: the form %s has no such item; "
			    "see checkin --form %s --items", argv[k],
			    a->f.name, a->f.name);
		if (given[i]++)
			st_errx(EXIT_USAGE, "%s is given twice", argv[k]);
		a->ans[i] = NAN;
		if (*eq == '\0')
			continue;
		if (parse_num(eq, -1000, 1000, &v, &why) == -1 ||
		    !form_value_ok(&a->f, i, v)) {
			a->vals = form_values(&a->f, i);
			st_errx(EXIT_USAGE, "%s=%s: the answers are %s", argv[k],
			    eq, a->vals);
		}
		a->ans[i] = (double)v;
		any = 1;
	}
	for (i = 0; i < a->f.nitem; i++)
		if (!given[i])
			a->ans[i] = NAN;
	if (!any)
		st_errx(EXIT_USAGE, "nothing to record: every answer given is "
		    "empty");
}

/* "3 of 8. I felt safe ...\n   0 not at all, 1 a little ...: " */
static char *
form_question(const struct form *f, size_t i)
{
	struct strbuf sb = { 0 };
	size_t k;

	sb_printf(&sb, "%zu of %zu. %s\n   ", i + 1, f->nitem,
	    f->item[i].text);
	for (k = 0; k < f->item[i].nopt; k++)
		sb_printf(&sb, "%s%lld %s", k ? ", " : "",
		    f->item[i].opt[k].value, f->item[i].opt[k].label);
	sb_puts(&sb, "\n   Your answer: ");
	return sb.s;
}

/* One item, asked until the answer is one of the options. */
static int
form_ask_item(struct prompt *p, const struct form *f, size_t i, double *v)
{
	const struct form_item *it = &f->item[i];
	char *q = form_question(f, i), *vals;
	long long n;
	int rc;

	for (;;) {
		rc = prompt_rating(p, q, it->opt[0].value,
		    it->opt[it->nopt - 1].value, &n);
		if (rc != PROMPT_OK || form_value_ok(f, i, n))
			break;
		vals = form_values(f, i);
		fprintf(prompt_out(p), "Please answer %s, or press Enter to "
		    "skip.\n", vals);
		free(vals);
	}
	free(q);
	*v = rc == PROMPT_OK ? (double)n : NAN;
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* The introduction, the consent to start, then every item. */
static int
form_ask(struct prompt *p, struct fadmin *a)
{
	FILE *out = prompt_out(p);
	size_t i;
	int rc, yes;

	fprintf(out, "%s\n", a->f.title);
	if (*a->f.intro)
		fprintf(out, "%s\n", a->f.intro);
	fprintf(out, "%zu question%s. Press Enter to skip one, ? to see your "
	    "safety plan, Ctrl-C\nto stop without saving.\n\n", a->f.nitem,
	    a->f.nitem == 1 ? "" : "s");
	rc = prompt_yesno(p, "Would you like to start now? [Y/n] ", 1, &yes);
	if (rc != PROMPT_OK)
		return rc;
	if (!yes) {
		fputs("That is fine. Nothing was saved; the form is here "
		    "whenever you want it.\n", out);
		prompt_close(p);
		form_close(a);
		exit(EXIT_OK);
	}
	for (i = 0; i < a->f.nitem; i++)
		if ((rc = form_ask_item(p, &a->f, i, &a->ans[i])) != PROMPT_OK)
			return rc;
	return PROMPT_OK;
}

/* Ask on the terminal; exits when the person stops or skips it all. */
static struct prompt *
form_interactive(struct fadmin *a)
{
	struct prompt *p;
	size_t i;
	int rc;

	if (!isatty(STDIN_FILENO) || (p = prompt_open()) == NULL)
		st_errx(EXIT_USAGE, "there is no terminal to ask on; give the "
		    "answers as operands, e.g. checkin --form %s %s=1",
		    a->f.name, a->f.item[0].name);
	prompt_set_help(p, show_plan, NULL);
	rc = form_ask(p, a);
	if (rc == PROMPT_OK && prompt_interrupted(p))
		rc = PROMPT_INTR;
	if (rc != PROMPT_OK) {
		if (rc == PROMPT_ERR)
			st_warnx("%s", st_error());
		fputs(rc == PROMPT_INTR ? "\nStopped. Nothing was saved.\n" :
		    "\nNothing was saved.\n", prompt_out(p));
		prompt_close(p);
		form_close(a);
		exit(rc == PROMPT_INTR ? EXIT_INTR : EXIT_ERR);
	}
	for (i = 0; i < a->f.nitem && isnan(a->ans[i]); i++)
		;
	if (i == a->f.nitem) {
		fputs("Every question was skipped, so nothing was saved. That "
		    "is fine.\n", prompt_out(p));
		prompt_close(p);
		form_close(a);
		exit(EXIT_OK);
	}
	return p;
}

/* One forms.csv record in the order of cols. */
static void
form_format(struct strbuf *sb, const char *const *cols, size_t n, char sep,
    const struct fadmin *a)
{
	struct strbuf sc = { 0 }, su = { 0 }, an = { 0 };
	char ts[WHEN_BUFSZ], sk[24];
	const char **f = xcalloc(n, sizeof(*f));
	size_t i;

	when_format(a->ts, ts);
	sb_puts(&sc, "");
	if (!isnan(a->total)) {
		form_num(a->total, sk, sizeof(sk));
		sb_puts(&sc, sk);
	}
	snprintf(sk, sizeof(sk), "%zu", a->skipped);
	form_subscores(&su, &a->f, a->sub);
	form_answers(&an, &a->f, a->ans);
	for (i = 0; i < n; i++) {
		const char *c = cols[i];

		f[i] = !strcmp(c, "ts") ? ts : !strcmp(c, "form") ? a->f.name :
		    !strcmp(c, "score") ? sc.s : !strcmp(c, "skipped") ? sk :
		    !strcmp(c, "subscales") ? su.s : !strcmp(c, "answers") ?
		    an.s : NULL;
	}
	csvw_record(sb, f, n, sep, CSVW_ESCAPE);
	free(f);
	sb_free(&sc);
	sb_free(&su);
	sb_free(&an);
}

/* Append to the locked log whose header cr read (or add its columns). */
static int
form_append(int fd, struct csvr *cr, const char *path,
    const struct fadmin *a, int *migrated)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char *miss[NFORMCOLS], **cols;
	size_t n, nmiss = 0;
	char sep;
	int rc;

	*migrated = 0;
	if (csvr_ncols(cr) > 0 && (csvr_col(cr, "ts") < 0 ||
	    csvr_col(cr, "form") < 0)) {
		st_seterr("%s:1: this is not a forms log (it has no ts or "
		    "form column)", path);
		return -1;
	}
	if (csvr_ncols(cr) > 0 &&
	    (nmiss = csvr_missing(cr, form_cols, NFORMCOLS, miss)) > 0) {
		*migrated = 1;
		return store_add_columns(cr, path, miss, nmiss);
	}
	cols = csvr_record_cols(cr, form_cols, NFORMCOLS, &n, &sep, &hdr);
	form_format(&sb, cols, n, sep, a);
	rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

static int
form_save(const char *path, const struct fadmin *a)
{
	struct csvr *cr;
	int fd, rc = -1, tries, migrated = 0;

	for (tries = 0; tries < 3; tries++) {
		if ((fd = store_lock(path)) == -1)
			return -1;
		if ((cr = csvr_openpath(path, 0)) == NULL) {
			store_unlock(fd);
			return -1;
		}
		rc = form_append(fd, cr, path, a, &migrated);
		csvr_close(cr);
		store_unlock(fd);
		if (rc == -1 || !migrated)
			return rc;
	}
	st_seterr("%s: the log kept changing while checkin wrote to it", path);
	return -1;
}

static void
form_stdout(const struct fadmin *a)
{
	struct strbuf sb = { 0 };

	csvw_record(&sb, form_cols, NFORMCOLS, ',', 0);
	form_format(&sb, form_cols, NFORMCOLS, ',', a);
	if (redact_put(redact, &sb, stdout) == -1)
		st_warnx("%s", st_error());
	sb_free(&sb);
}

/* The score, its uncertainty and band, said on the terminal. */
static void
form_summary(FILE *out, const struct fadmin *a)
{
	const struct form *f = &a->f;
	char s[32], lo[32], hi[32], pm[32];
	const char *band;
	size_t i;

	if (isnan(a->total)) {
		fprintf(out, "Saved. There are not enough answers for a score "
		    "this time (%zu skipped;\nthis form scores with up to %lld "
		    "skipped). Your answers are kept.\n", a->skipped,
		    f->missing);
		return;
	}
	form_num(a->total, s, sizeof(s));
	form_num(f->lo, lo, sizeof(lo));
	form_num(f->hi, hi, sizeof(hi));
	fprintf(out, "Saved. Your score: %s (on a scale from %s to %s)", s, lo,
	    hi);
	if (!isnan(form_sem(f))) {
		form_num(FORM_RCI_95 * form_sem(f), pm, sizeof(pm));
		fprintf(out, ", give or take %s", pm);
	}
	band = form_band(f, a->total);
	fprintf(out, "%s%s.\n", *band ? ": " : "", band);
	for (i = 0; i < f->nsub; i++) {
		if (isnan(a->sub[i]))
			snprintf(s, sizeof(s), "not scored");
		else
			form_num(a->sub[i], s, sizeof(s));
		fprintf(out, "%s%s %s", i ? ", " : "", *f->sub[i].label ?
		    f->sub[i].label : f->sub[i].name, s);
		if (i + 1 == f->nsub)
			fputs(".\n", out);
	}
	if (!isnan(form_sem(f)))
		fputs("(\"Give or take\" is how far a score on this form can "
		    "move by chance alone,\n95% of the time.)\n", out);
}

/* checkin --form NAME [item=value ...] */
static int
cmd_form(const char *datadir, const struct opts *o, int argc, char **argv)
{
	struct prompt *p = NULL;
	struct fadmin a;
	char *path;
	time_t now;
	int rc;

	memset(&a, 0, sizeof(a));
	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	form_open(&a, o->form);
	a.ts = o->at ? parse_at(o->at, now) : now;
	if (argc > 0) {
		form_operands(&a, argc, argv);
	} else {
		p = form_interactive(&a);
	}
	a.skipped = form_score(&a.f, a.ans, &a.total, a.sub);
	path = store_path(datadir, FORMLOG);
	rc = 0;
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		form_stdout(&a);
	else
		rc = form_save(o->output ? o->output : path, &a);
	if (rc == -1)
		st_warnx("%s; nothing was saved", st_error());
	else if (p != NULL)
		form_summary(prompt_out(p), &a);
	prompt_close(p);
	free(path);
	form_close(&a);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

/* checkin --forms: the forms there are, as a tab-separated table. */
static int
cmd_forms(void)
{
	struct form f;
	char **names, *path;
	size_t i, n;
	int rc = EXIT_OK;

	n = form_names(confdir, &names);
	printf("name\titems\ttitle\n");
	for (i = 0; i < n; i++) {
		if ((path = form_find(confdir, names[i])) == NULL ||
		    form_load(&f, path, names[i]) == -1) {
			st_warnx("%s", st_error());
			rc = EXIT_ERR;
		} else {
			printf("%s\t%zu\t%s\n", f.name, f.nitem, f.title);
			form_free(&f);
		}
		free(path);
	}
	form_names_free(names, n);
	return rc;
}

/* checkin --form NAME --items: the form's items, like --items. */
static int
cmd_form_items(const struct opts *o)
{
	struct fadmin a;
	size_t i;

	memset(&a, 0, sizeof(a));
	form_open(&a, o->form);
	printf("name\tmin\tmax\treverse\tquestion\n");
	for (i = 0; i < a.f.nitem; i++)
		printf("%s\t%lld\t%lld\t%s\t%s\n", a.f.item[i].name,
		    a.f.item[i].opt[0].value,
		    a.f.item[i].opt[a.f.item[i].nopt - 1].value,
		    a.f.item[i].reverse ? "yes" : "no", a.f.item[i].text);
	form_close(&a);
	return EXIT_OK;
}

/*
 * Practice assignments: checkin --assign adds one to assignments.csv in
 * the config directory; --due and --remind mention what is planned today.
 */
static const char *const assign_cols[] = {
	"kind", "what", "times", "per", "from", "until", "note"
};
#define NASSIGNCOLS (sizeof(assign_cols) / sizeof(assign_cols[0]))

/* The active assignments of today, in words, or NULL when none. */
static char *
planned_today(long today)
{
	struct strbuf sb = { 0 };
	struct assignments as;
	char *path = store_path(confdir, ASSIGN_FILE);
	size_t i;

	if (assign_load(&as, path) == -1) {
		st_warnx("%s", st_error());
		free(path);
		return NULL;
	}
	free(path);
	for (i = 0; i < as.n; i++) {
		if (!assign_active(&as.v[i], today))
			continue;
		sb_puts(&sb, sb.len ? "; " : "Planned for today, if it suits "
		    "you: ");
		assign_describe(&sb, &as.v[i]);
	}
	assign_free(&as);
	if (sb.len)
		sb_putc(&sb, '.');
	return sb.s;
}

/*
 * --due and --remind: a line on what is planned today, beside the open
 * check-in only, so that once it is done cron has nothing to mail.
 */
static void
remind_practice(const struct opts *o, int due)
{
	char date[11], *line;
	int y, m, d;
	time_t now;

	if (o->quiet || !due || when_now(&now) == -1)
		return;
	when_date(now, date);
	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3 ||
	    (line = planned_today(when_days_from_civil(y, m, d))) == NULL)
		return;
	if (o->mode != REMIND || notify(line) != 0)
		printf("%s\n", line);
	free(line);
}

/* kind=... what=... operands of --assign into the fields, in order. */
static void
assign_operands(const char **f, int argc, char **argv)
{
	char *eq;
	size_t j;
	int k;

	for (k = 0; k < argc; k++) {
		if ((eq = strchr(argv[k], '=')) == NULL)
			st_errx(EXIT_USAGE, "%s: give the assignment as "
			    "name=value, e.g. kind=ground what=box", argv[k]);
		*eq = '\0';
		for (j = 0; j < NASSIGNCOLS; j++)
			if (strcmp(argv[k], assign_cols[j]) == 0)
				break;
		if (j == NASSIGNCOLS)
			st_errx(EXIT_USAGE, "%s: an assignment has kind, what, "
			    "times, per, from, until and note", argv[k]);
		if (f[j] != NULL)
			st_errx(EXIT_USAGE, "%s is given twice", argv[k]);
		f[j] = eq + 1;
	}
	for (j = 0; j < NASSIGNCOLS; j++)
		if (f[j] == NULL)
			f[j] = "";
}

/*
 * Append f (in assign_cols order) to the locked assignments file whose
 * header cr read, or give it the columns it lacks first (*migrated).
 */
static int
assign_append(int fd, struct csvr *cr, const char *path,
    const char *const *f, int *migrated)
{
	struct strbuf sb = { 0 }, hdr = { 0 };
	const char *miss[NASSIGNCOLS], **cols, **row;
	size_t n, nmiss, i, j;
	char sep;
	int rc;

	*migrated = 0;
	if (csvr_ncols(cr) > 0 && (csvr_col(cr, "kind") < 0 ||
	    csvr_col(cr, "ts") >= 0)) {
		st_seterr("%s:1: this is not an assignments file (%s)", path,
		    csvr_col(cr, "kind") < 0 ? "it has no kind column" :
		    "it has a ts column, as a log does");
		return -1;
	}
	if (csvr_ncols(cr) > 0 &&
	    (nmiss = csvr_missing(cr, assign_cols, NASSIGNCOLS, miss)) > 0) {
		*migrated = 1;
		return store_add_columns(cr, path, miss, nmiss);
	}
	cols = csvr_record_cols(cr, assign_cols, NASSIGNCOLS, &n, &sep, &hdr);
	row = xcalloc(n, sizeof(*row));
	for (i = 0; i < n; i++)
		for (j = 0; j < NASSIGNCOLS; j++)
			if (strcmp(cols[i], assign_cols[j]) == 0)
				row[i] = f[j];
	csvw_record(&sb, row, n, sep, CSVW_ESCAPE);
	rc = store_append(fd, path, hdr.s, sb.s, sb.len);
	free(row);
	free(cols);
	sb_free(&sb);
	sb_free(&hdr);
	return rc;
}

/* Append f to the assignments file at path, under its lock. */
static int
assign_save(const char *path, const char *const *f)
{
	struct csvr *cr;
	int fd, rc, tries, migrated;

	if (store_mkdirs(confdir) == -1)
		return -1;
	for (tries = 0; tries < 3; tries++) {
		if ((fd = store_lock(path)) == -1)
			return -1;
		if ((cr = csvr_openpath(path, 0)) == NULL) {
			store_unlock(fd);
			return -1;
		}
		rc = assign_append(fd, cr, path, f, &migrated);
		csvr_close(cr);
		store_unlock(fd);
		if (rc == -1 || !migrated)
			return rc;
	}
	st_seterr("%s: the file kept changing while checkin wrote to it",
	    path);
	return -1;
}

/* checkin --assign kind=K [what=W] [times=N] [per=day|week] ... */
static int
cmd_assign(const char *datadir, int argc, char **argv)
{
	const char *f[NASSIGNCOLS] = { NULL };
	struct strbuf sb = { 0 };
	struct assignment a;
	char date[11], from[11], *path;
	int y, m, d, rc;
	time_t now;

	if (argc == 0)
		st_errx(EXIT_USAGE, "--assign needs at least kind=...");
	if (when_now(&now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	when_date(now, date);
	sscanf(date, "%d-%d-%d", &y, &m, &d);
	assign_operands(f, argc, argv);
	if (assign_parse(&a, f[0], f[1], f[2], f[3], f[4], f[5], f[6],
	    when_days_from_civil(y, m, d)) == -1)
		st_errx(EXIT_USAGE, "%s", st_error());
	/* A plan names what the programs will log, or it counts nothing. */
	if ((rc = practice_known(a.kind, a.what, confdir, datadir)) != 1)
		st_errx(rc == 0 ? EXIT_USAGE : EXIT_ERR, "%s", st_error());
	if (*f[4] == '\0')
		f[4] = strcpy(from, date);
	path = store_path(confdir, ASSIGN_FILE);
	if ((rc = assign_save(path, f)) == -1)
		st_warnx("%s; nothing was saved", st_error());
	else {
		assign_describe(&sb, &a);
		fprintf(stderr, "Planned: %s, from %s%s%s.\n", sb.s, f[4],
		    *f[5] ? " to " : "", f[5]);
	}
	sb_free(&sb);
	assign_clear(&a);
	free(path);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

/* --form goes with recording or --items, and not with --edit. */
static void
check_form_opts(const struct opts *o)
{
	if (o->form != NULL && o->mode != RECORD && o->mode != ITEMS)
		st_errx(EXIT_USAGE, "--form is for answering a form; leave out "
		    "the other modes");
	if (o->form != NULL && !form_name_ok(o->form))
		st_errx(EXIT_USAGE, "\"%s\" is not a form name: use lower-case "
		    "letters, digits, - and _", o->form);
	if (o->form != NULL && o->edit)
		st_errx(EXIT_USAGE, "--edit is for a check-in's note, not a form");
}

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	int c;

	opterr = 0;	/* our own messages, named "checkin" however it was run */
	while ((c = getopt_long(*argcp, *argvp, ":Aa:c:def:Fhilo:pqrs:u:Vw:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->at = optarg;
			break;
		case 'c':
			setmode(o, CORRECT);
			o->key = optarg;
			break;
		case 'd':
			setmode(o, DUE);
			break;
		case 'e':
			o->edit = 1;
			break;
		case 'f':
			o->form = optarg;
			break;
		case 'F':
			setmode(o, FORMS);
			break;
		case 'A':
			setmode(o, ASSIGN);
			break;
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 'i':
			setmode(o, ITEMS);
			break;
		case 'l':
			setmode(o, LOG);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'p':
			setmode(o, PLAN);
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'r':
			setmode(o, REMIND);
			break;
		case 'R':
			redact_free(o->redact);
			if ((o->redact = redact_new(optarg)) == NULL)
				st_errx(EXIT_USAGE, "%s", st_error());
			break;
		case 's':
			o->since = optarg;
			break;
		case 'u':
			o->until = optarg;
			break;
		case 'V':
			puts("checkin (steady) " STEADY_VERSION);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 'w':
			setmode(o, WITHDRAW);
			o->key = optarg;
			break;
		case ':':
			bad_option((*argvp)[optind - 1], "needs a value");
		default:
			bad_option((*argvp)[optind - 1], "is not an option");
		}
	}
	*argcp -= optind;
	*argvp += optind;
}

/* Options that only make sense in one mode are refused in the others. */
static void
check_opts(const struct opts *o, int argc)
{
	if ((o->since || o->until) && o->mode != LOG)
		st_errx(EXIT_USAGE, "--since and --until go with --log");
	if (o->quiet && o->mode != DUE)
		st_errx(EXIT_USAGE, "--quiet goes with --due");
	if ((o->at || o->output || o->edit || (argc > 0 &&
	    o->mode != CORRECT && o->mode != ASSIGN)) && o->mode != RECORD)
		st_errx(EXIT_USAGE, "ratings, --at, --edit and --output are for "
		    "recording a check-in");
	if (o->redact && o->mode != LOG && (o->mode != RECORD ||
	    o->output == NULL || strcmp(o->output, "-") != 0))
		st_errx(EXIT_USAGE, "--redact is for what goes to standard "
		    "output: --log, or -o -");
	if (o->edit && argc > 0)
		st_errx(EXIT_USAGE, "--edit is for writing the note on a "
		    "terminal; with operands, give note=TEXT");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *datadir, *logpath;
	int rc = EXIT_OK, trouble;

	/* Past a file-size limit, write(2) must fail with EFBIG, not kill. */
	stdio_guard();
	signal(SIGXFSZ, SIG_IGN);
	parse_opts(&o, &argc, &argv);
	check_opts(&o, argc);
	check_form_opts(&o);
	redact = o.redact;
	/* A yes/no query keeps 1 for "no": trouble is 2, as with grep. */
	trouble = o.mode == DUE || o.mode == REMIND ? EXIT_USAGE : EXIT_ERR;
	if ((datadir = store_data_dir()) == NULL ||
	    (confdir = store_config_dir()) == NULL)
		st_errx(trouble, "%s", st_error());
	if (items_load(&items, confdir) == -1)
		st_errx(trouble, "%s", st_error());
	logpath = store_path(datadir, LOGNAME);
	switch (o.mode) {
	case RECORD: rc = o.form ? cmd_form(datadir, &o, argc, argv) :
	    cmd_record(logpath, &o, argc, argv); break;
	case DUE:
	case REMIND: rc = cmd_due(logpath, &o); break;
	case LOG: rc = cmd_log(logpath, &o); break;
	case ITEMS: rc = o.form ? cmd_form_items(&o) : cmd_items(); break;
	case FORMS: rc = cmd_forms(); break;
	case ASSIGN: rc = cmd_assign(datadir, argc, argv); break;
	case PLAN: safety_show(stdout, confdir); break;
	case CORRECT:
	case WITHDRAW: rc = cmd_amend(logpath, &o, argc, argv); break;
	}
	items_free(&items);
	redact_free(redact);
	free(logpath);
	free(datadir);
	free(confdir);
	if (close_stdout() == -1 && rc == EXIT_OK)
		rc = EXIT_ERR;
	return rc;
}
