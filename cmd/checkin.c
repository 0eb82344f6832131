/*
 * checkin: record today's ratings and a note; say whether today's
 * check-in is due.  See checkin(1).
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "csvio.h"
#include "match.h"
#include "prompt.h"
#include "safety.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define LOGNAME "checkin.csv"

static const char usage_text[] =
    "usage: checkin [-e] [-a time] [-o file] [item=value ...] [note=text]\n"
    "       checkin -d [-q]\n"
    "       checkin -r\n"
    "       checkin -l [-s when] [-u when]\n"
    "       checkin -i | -p | -h | -V\n";

static const char help_text[] =
    "Record how you are today: a few ratings and a note, if you like.\n"
    "\n"
    "On a terminal, checkin asks each question in turn; press Enter to skip\n"
    "one, ? to see your safety plan, Ctrl-C to stop without saving.\n"
    "Without a terminal, give the ratings as operands:\n"
    "  checkin mood=6 trust=4 safety=8 distress=3 arousal=0 note=\"...\"\n"
    "\n"
    "  -a, --at TIME       record the check-in for an earlier time\n"
    "  -e, --edit          write the note in your editor\n"
    "  -o, --output FILE   write the record to FILE (- for standard output)\n"
    "                      instead of the check-in log\n"
    "  -d, --due           exit 0 if today's check-in is still open, else 1\n"
    "  -q, --quiet         with --due, print nothing\n"
    "  -r, --remind        like --due, as a gentle desktop notification\n"
    "  -l, --log           print the check-in log (CSV) to standard output\n"
    "  -s, --since WHEN    with --log, from WHEN (2026-11-01, today, 7d, 4w)\n"
    "  -u, --until WHEN    with --log, up to WHEN (a date: to its end)\n"
    "  -i, --items         list the items you can rate\n"
    "  -p, --plan          show your safety plan and crisis lines\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n"
    "\n"
    "The log is checkin.csv in $STEADY_DIR (see checkin(1) and steady(5)).\n";

static const struct option longopts[] = {
	{ "at", required_argument, NULL, 'a' },
	{ "due", no_argument, NULL, 'd' },
	{ "edit", no_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "items", no_argument, NULL, 'i' },
	{ "log", no_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ "plan", no_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "remind", no_argument, NULL, 'r' },
	{ "since", required_argument, NULL, 's' },
	{ "until", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

enum mode { RECORD, DUE, REMIND, LOG, ITEMS, PLAN };

struct opts {
	enum mode mode;
	const char *at, *output, *since, *until;
	int edit, quiet;
};

/* One check-in being made: a value per item ("" when skipped). */
struct rec {
	time_t ts;
	char **val;		/* parallel to items.v */
	char *note;
};

static struct items items;
static char *confdir;

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
		warnx("choose one of --due, --remind, --log, --items, --plan");
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
		errx(EXIT_USAGE, "%s=%s: %s is a whole number from %lld to "
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
			warnx("%s: give ratings as item=value, e.g. mood=6",
			    argv[i]);
			usage();
		}
		*eq = '\0';
		if (strcmp(argv[i], "note") == 0) {
			if (r->note != NULL)
				errx(EXIT_USAGE, "note is given twice");
			r->note = xstrdup(eq + 1);
			continue;
		}
		if ((it = items_find(&items, argv[i])) == NULL) {
			names = item_names();
			errx(EXIT_USAGE, "%s: there is no such item; the items "
			    "are %s", argv[i], names);
		}
		if (r->val[it - items.v] != NULL)
			errx(EXIT_USAGE, "%s is given twice", it->name);
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
			warnx("%s", st_error());
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

/* The record, with its header, on standard output: a CSV of its own. */
static int
save_stdout(const struct rec *r)
{
	struct strbuf sb = { 0 };
	const char **cols;
	size_t n;

	default_cols(&cols, &n);
	csvw_record(&sb, cols, n, ',', 0);
	format_record(&sb, cols, n, ',', r);
	fwrite(sb.s, 1, sb.len, stdout);
	free(cols);
	sb_free(&sb);
	return 0;
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
		warnx("%s; using 2", st_error());
		limit = 2;
	}
	if (it != NULL && r->val[it - items.v] != NULL &&
	    parse_num(r->val[it - items.v], it->min, it->max, &v, &why) == 0
	    && v <= limit)
		hit = 1;
	if (!hit && r->note != NULL && *r->note) {
		m = safety_patterns(confdir, &conferr);
		if (conferr)
			warnx("%s; using the built-in patterns", st_error());
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
	struct csvr *r;
	time_t t;
	int c, tscol, rc = 0;

	if ((r = csvr_openpath(path, 0)) == NULL)
		return errno == ENOENT ? 0 : -1;
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
			warnx("%s", st_error());
			(*bad)++;
		} else if (when_parse(csvr_field(r, tscol), &t, NULL) == -1) {
			warnx("%s:%lu: %s", path, csvr_line(r), st_error());
			(*bad)++;
		} else if (fn(r, t, arg)) {
			rc = 1;
		}
	}
	csvr_close(r);
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
notify(void)
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
		    "steady", reminder, (char *)NULL);
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
};

static int
print_in_range(struct csvr *r, time_t t, void *arg)
{
	struct range *rg = arg;

	if ((!rg->has_since || t >= rg->since) &&
	    (!rg->has_until || t < rg->until))
		fprintf(rg->out, "%s\n", csvr_raw(r));
	return 0;
}

/* The log's header line, as the first line of --log's output. */
static void
print_header(struct csvr *r)
{
	struct strbuf sb = { 0 };

	csvw_header(&sb, r);
	fputs(sb.s, stdout);
	sb_free(&sb);
}

static int
cmd_log(const char *path, const struct opts *o)
{
	struct range rg = { 0, 0, 0, 0, stdout };
	time_t now;
	int bad = 0;

	if (when_now(&now) == -1)
		errx(EXIT_ERR, "%s", st_error());
	if (o->since && when_bound(o->since, now, 0, &rg.since) == -1)
		errx(EXIT_USAGE, "--since %s", st_error());
	if (o->until && when_bound(o->until, now, 1, &rg.until) == -1)
		errx(EXIT_USAGE, "--until %s", st_error());
	rg.has_since = o->since != NULL;
	rg.has_until = o->until != NULL;
	if (each_record(path, print_header, print_in_range, &rg, &bad) == -1) {
		warnx("%s", st_error());
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
		errx(EXIT_USAGE, "--at: %s", st_error());
	if (t > now + 60)
		errx(EXIT_USAGE, "--at %s: that is in the future", s);
	return t;
}

/* Ask on the terminal; exits when the person stops. */
static void
record_interactive(struct rec *r, const struct opts *o, struct prompt **pp)
{
	struct prompt *p;
	int rc;

	if (!isatty(STDIN_FILENO) || (p = prompt_open()) == NULL)
		errx(EXIT_USAGE, "there is no terminal to ask on; give the "
		    "ratings as operands, e.g. checkin mood=6 safety=8");
	prompt_set_help(p, show_plan, NULL);
	rc = ask_all(p, r, o->edit);
	if (rc == PROMPT_OK && prompt_interrupted(p))
		rc = PROMPT_INTR;
	if (rc != PROMPT_OK) {
		if (rc == PROMPT_ERR)
			warnx("%s", st_error());
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
		errx(EXIT_ERR, "%s", st_error());
	rec_init(&r);
	r.ts = o->at ? parse_at(o->at, now) : now;
	if (argc > 0) {
		parse_operands(&r, argc, argv);
		if (rec_empty(&r))
			errx(EXIT_USAGE, "nothing to record: every item given "
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
		warnx("%s; nothing was saved", st_error());
	else if (p != NULL)
		summary(talk, &r);
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

static int
cmd_due(const char *logpath, const struct opts *o)
{
	int d = due(logpath);

	if (d == -1) {
		warnx("%s", st_error());
		return EXIT_USAGE;	/* like grep: 0 yes, 1 no, 2 trouble */
	}
	if (d && o->mode == REMIND && notify() == 0)
		return EXIT_OK;
	if (d && !o->quiet)
		printf("%s\n", reminder);
	return d ? EXIT_OK : EXIT_ERR;
}

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	int c;

	opterr = 0;	/* our own messages, named "checkin" however it was run */
	while ((c = getopt_long(*argcp, *argvp, ":a:dehilo:pqrs:u:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			o->at = optarg;
			break;
		case 'd':
			setmode(o, DUE);
			break;
		case 'e':
			o->edit = 1;
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
		case 's':
			o->since = optarg;
			break;
		case 'u':
			o->until = optarg;
			break;
		case 'V':
			puts("checkin (steady) " STEADY_VERSION);
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

/* Options that only make sense in one mode are refused in the others. */
static void
check_opts(const struct opts *o, int argc)
{
	if ((o->since || o->until) && o->mode != LOG)
		errx(EXIT_USAGE, "--since and --until go with --log");
	if (o->quiet && o->mode != DUE)
		errx(EXIT_USAGE, "--quiet goes with --due");
	if ((o->at || o->output || o->edit || argc > 0) && o->mode != RECORD)
		errx(EXIT_USAGE, "ratings, --at, --edit and --output are for "
		    "recording a check-in");
	if (o->edit && argc > 0)
		errx(EXIT_USAGE, "--edit is for writing the note on a "
		    "terminal; with operands, give note=TEXT");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *datadir, *logpath;
	int rc = EXIT_OK, trouble;

	/* Past a file-size limit, write(2) must fail with EFBIG, not kill. */
	signal(SIGXFSZ, SIG_IGN);
	parse_opts(&o, &argc, &argv);
	check_opts(&o, argc);
	/* A yes/no query keeps 1 for "no": trouble is 2, as with grep. */
	trouble = o.mode == DUE || o.mode == REMIND ? EXIT_USAGE : EXIT_ERR;
	if ((datadir = store_data_dir()) == NULL ||
	    (confdir = store_config_dir()) == NULL)
		errx(trouble, "%s", st_error());
	if (items_load(&items, confdir) == -1)
		errx(trouble, "%s", st_error());
	logpath = store_path(datadir, LOGNAME);
	switch (o.mode) {
	case RECORD: rc = cmd_record(logpath, &o, argc, argv); break;
	case DUE:
	case REMIND: rc = cmd_due(logpath, &o); break;
	case LOG: rc = cmd_log(logpath, &o); break;
	case ITEMS: rc = cmd_items(); break;
	case PLAN: safety_show(stdout, confdir); break;
	}
	items_free(&items);
	free(logpath);
	free(datadir);
	free(confdir);
	if (close_stdout() == -1 && rc == EXIT_OK)
		rc = EXIT_ERR;
	return rc;
}
