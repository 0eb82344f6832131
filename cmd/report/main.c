/*
 * report: read steady's logs (or any CSV/TSV) and print trends per group
 * and period, with concerns to look at and wins.  See report(1).
 */
#include <stdarg.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "store.h"
#include "when.h"

static const char usage_text[] =
    "usage: report [-f format] [-b by] [-g column] [-s when] [-u when] "
    "[-c columns]\n"
    "              [-S name] [--strict] [--summary | --partial] [--merge]\n"
    "              [--concerns-exit] [--urges] [--redact[=cols]] [file ...]\n"
    "       report -h | -V\n";

static const char help_text[] =
    "Turn steady's logs, or any CSV or TSV with numbers in it, into trends,\n"
    "with concerns to look at and wins.  Reads the files named, or stdin.\n"
    "\n"
    "  -f, --format FMT    table, csv, tsv, md, json or html (a table on a "
    "terminal)\n"
    "  -b, --by PERIOD     day, week, month or all (the default)\n"
    "  -g, --group COL     a group for each value of COL\n"
    "  -s, --since WHEN    from WHEN (2026-11-01, today, 7d, 4w, 3m)\n"
    "  -u, --until WHEN    up to WHEN (a date: to its end)\n"
    "  -c, --cols LIST     the columns to summarise, separated by commas\n"
    "  -S, --source NAME   the name for standard input's rows\n"
    "      --strict        stop at the first row that cannot be used\n"
    "      --summary       one row per source: a caseload at a glance\n"
    "      --partial       write mergeable partial results (--merge: combine)\n"
    "      --concerns-exit exit 3 when there is a concern to look at\n"
    "      --urges         read an urge log too (it is private: left out)\n"
    "      --redact[=COLS] leave out every word people wrote; only COLS\n"
    "  -h, --help          show this help (-V, --version: the version)\n";

enum { OPT_STRICT = 256, OPT_SUMMARY, OPT_PARTIAL, OPT_MERGE, OPT_CONCERNS,
	OPT_REDACT, OPT_URGES };

/* With --concerns-exit: the status when the report names a concern. */
#define EXIT_CONCERNS 3

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "cols", required_argument, NULL, 'c' },
	{ "concerns-exit", no_argument, NULL, OPT_CONCERNS },
	{ "format", required_argument, NULL, 'f' },
	{ "group", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "redact", optional_argument, NULL, OPT_REDACT },
	{ "since", required_argument, NULL, 's' },
	{ "source", required_argument, NULL, 'S' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "until", required_argument, NULL, 'u' },
	{ "urges", no_argument, NULL, OPT_URGES },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static char *confdir;
static int concerns_exit;
int concerns_found;

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

static enum period
parse_by(const char *s)
{
	static const char *const names[] = { "all", "day", "week", "month" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum period)i;
	st_warnx("--by %s: use day, week, month or all", s);
	usage();
}

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(*argcp, *argvp, ":b:c:f:g:hs:S:u:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			o->by = parse_by(optarg);
			break;
		case 'c':
			o->cols = optarg;
			break;
		case 'f':
			if (out_format_parse(optarg, &o->format) == -1) {
				st_warnx("--format %s: use table, csv, tsv, md, "
				    "json or html", optarg);
				usage();
			}
			o->format_set = 1;
			break;
		case 'g':
			o->group = optarg;
			break;
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 's':
			o->since = optarg;
			break;
		case 'S':
			o->source = optarg;
			break;
		case 'u':
			o->until = optarg;
			break;
		case 'V':
			puts("report (steady) " STEADY_VERSION);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case OPT_STRICT:
			o->strict = 1;
			break;
		case OPT_SUMMARY:
			o->summary = 1;
			break;
		case OPT_PARTIAL:
			o->partial = 1;
			break;
		case OPT_MERGE:
			o->merge = 1;
			break;
		case OPT_CONCERNS:
			concerns_exit = 1;
			break;
		case OPT_REDACT:
			redact_free(o->redact);
			if ((o->redact = redact_new(optarg)) == NULL)
				st_errx(EXIT_USAGE, "%s", st_error());
			break;
		case OPT_URGES:
			o->urges = 1;
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

static void
check_opts(struct opts *o)
{
	if (o->redact && o->merge)
		st_errx(EXIT_USAGE, "--redact reads logs, not partials: give it "
		    "where the partials are made");
	if (o->summary && o->partial)
		st_errx(EXIT_USAGE, "--summary and --partial do not go together");
	if (o->partial && o->format_set)
		st_errx(EXIT_USAGE, "--partial writes its own CSV; leave out "
		    "--format");
	if (o->partial && concerns_exit)
		st_errx(EXIT_USAGE, "--partial names no concerns; use "
		    "--concerns-exit with --merge");
	if (o->summary && o->by != BY_ALL)
		st_errx(EXIT_USAGE, "--summary looks at the whole range; leave "
		    "out --by");
	if (o->group && strcmp(o->group, "source") == 0)
		o->group = NULL;	/* sources are always kept apart */
	if (!o->format_set)
		o->format = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_CSV;
}

/* The rules' settings and the range, before any row is read. */
static void
setup(const struct opts *o)
{
	if ((confdir = store_config_dir()) == NULL ||
	    items_load(&items, confdir) == -1 ||
	    setting_threshold(confdir, &items, &rules.safety_threshold) == -1 ||
	    setting_num(confdir, "gap_days", 1, 3650, 7, &rules.gap_days) ==
	    -1 || pacing_load(&pace, confdir) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (when_now(&range.now) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	if (o->since && when_bound(o->since, range.now, 0, &range.since))
		st_errx(EXIT_USAGE, "--since %s", st_error());
	if (o->until && when_bound(o->until, range.now, 1, &range.until))
		st_errx(EXIT_USAGE, "--until %s", st_error());
	range.has_since = o->since != NULL;
	range.has_until = o->until != NULL;
	if (pieces_setup() == -1)
		exit(EXIT_ERR);
}


int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *stdin_only[] = { "-", NULL };
	int i, rc = EXIT_OK;

	stdio_guard();
	parse_opts(&o, &argc, &argv);
	check_opts(&o);
	setup(&o);
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	if (!o.merge)
		prescan(argc, argv, &o);
	for (i = 0; i < argc; i++) {
		if ((o.merge ? read_partial(argv[i]) :
		    read_file(argv[i], &o)) == -1)
			rc = EXIT_ERR;
		if (isatty(STDERR_FILENO) && argc > 20)
			fprintf(stderr, "\rreport: read %d of %d files", i + 1,
			    argc);
	}
	if (isatty(STDERR_FILENO) && argc > 20)
		fputs("\r\033[K", stderr);
	if (badrows > 0) {
		st_warnx("%lld row%s could not be used (see above)",
		    (long long)badrows, badrows == 1 ? "" : "s");
		rc = EXIT_ERR;
	}
	if (render(&o) == -1)
		rc = EXIT_ERR;
	groups_free();
	forms_free_all();
	assign_free_all();
	items_free(&items);
	free(confdir);
	redact_free(o.redact);
	if (close_stdout() == -1)
		rc = EXIT_ERR;
	if (rc == EXIT_OK && concerns_exit && concerns_found)
		rc = EXIT_CONCERNS;
	return rc;
}

