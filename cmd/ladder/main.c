/*
 * ladder: keep an exposure hierarchy, run or log trials with consent,
 * and suggest the pace by documented rules.  See ladder(1).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "ladder.h"
#include "redact.h"
#include "safety.h"
#include "store.h"

static const char usage_text[] =
    "usage: ladder add [-l name] [-s suds] text\n"
    "       ladder list | next [-l name]\n"
    "       ladder rate id [suds]\n"
    "       ladder edit [-l name] id [text]\n"
    "       ladder split [-s suds] id [text]\n"
    "       ladder done | retire | restore id\n"
    "       ladder start [-o file] id\n"
    "       ladder log [-a time] [-o file] [trial options] id\n"
    "       ladder trigger [-a time] [-o file] [trial options] id\n"
    "       ladder start | log | trigger -o - --redact[=cols] ... id\n"
    "       ladder anchors [suds=text ...]\n"
    "       ladder correct trial name=value ... | withdraw trial\n"
    "       ladder -h | -V\n";

static const char help_text[] =
    "Keep a ladder of steps from easier to harder and practise at your own "
    "pace:\n"
    "start: a trial now; log: one done before; trigger: one that just "
    "happened.\n"
    "  -l NAME, -s N       --ladder (default \"main\"), --suds: a step's "
    "SUDS, 0-100\n"
    "  -o, --output FILE   to FILE (- for standard output; --redact: no "
    "words)\n"
    "  trial options: -a, --at TIME --pre N --peak N --post N --minutes N\n"
    "    --expect TEXT --expect-pct N --outcome-pct N --after-pct N "
    "--surprise N\n"
    "    --safety TEXT --learned TEXT --present N --stopped --note TEXT\n"
    "  -h, --help          show this help (-V, --version: the version)\n";

enum { O_PRE = 256, O_PEAK, O_POST, O_MINUTES, O_EXPECT, O_EXPECT_PCT,
	O_OUTCOME_PCT, O_AFTER_PCT, O_SURPRISE, O_SAFETY, O_LEARNED,
	O_PRESENT, O_STOPPED, O_NOTE };

static const struct option longopts[] = {
	{ "after-pct", required_argument, NULL, O_AFTER_PCT },
	{ "at", required_argument, NULL, 'a' },
	{ "expect", required_argument, NULL, O_EXPECT },
	{ "expect-pct", required_argument, NULL, O_EXPECT_PCT },
	{ "help", no_argument, NULL, 'h' },
	{ "ladder", required_argument, NULL, 'l' },
	{ "learned", required_argument, NULL, O_LEARNED },
	{ "minutes", required_argument, NULL, O_MINUTES },
	{ "note", required_argument, NULL, O_NOTE },
	{ "outcome-pct", required_argument, NULL, O_OUTCOME_PCT },
	{ "output", required_argument, NULL, 'o' },
	{ "peak", required_argument, NULL, O_PEAK },
	{ "post", required_argument, NULL, O_POST },
	{ "pre", required_argument, NULL, O_PRE },
	{ "present", required_argument, NULL, O_PRESENT },
	{ "redact", optional_argument, NULL, 'R' },
	{ "safety", required_argument, NULL, O_SAFETY },
	{ "stopped", no_argument, NULL, O_STOPPED },
	{ "suds", required_argument, NULL, 's' },
	{ "surprise", required_argument, NULL, O_SURPRISE },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

char *confdir, *datadir, *ladderpath, *trialpath;
struct pacing pace;
struct redact *redact;

void
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

long long
num_arg(const char *name, const char *s, long long min, long long max)
{
	long long v;
	const char *why;

	if (parse_num(s, min, max, &v, &why) == -1)
		st_errx(EXIT_USAGE, "%s %s: give a whole number from %lld to "
		    "%lld", name, s, min, max);
	return v;
}

/* A trial option: checked now, kept as text for the record. */
static void
trial_opt(struct opts *o, enum tcol c, const char *name, const char *arg,
    long long max)
{
	free(o->cell[c]);
	o->cell[c] = max < 0 ? xstrdup(arg) :
	    xasprintf("%lld", num_arg(name, arg, 0, max));
	o->ntrial++;
}

static void
parse_opts(struct opts *o, int *argc, char ***argv)
{
	int c;

	while ((c = getopt_long(*argc, *argv, ":a:hl:o:s:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a': o->at = optarg; break;
		case 'l': o->ladder = optarg; break;
		case 'o': o->output = optarg; break;
		case 's': o->suds = optarg; break;
		case 'R':
			redact_free(redact);
			if ((redact = redact_new(optarg)) == NULL)
				st_errx(EXIT_USAGE, "%s", st_error());
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs("\n", stdout);
			fputs(help_text, stdout);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 'V':
			puts("ladder (steady) " STEADY_VERSION);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case O_PRE: trial_opt(o, T_PRE, "--pre", optarg, 100); break;
		case O_PEAK: trial_opt(o, T_PEAK, "--peak", optarg, 100); break;
		case O_POST: trial_opt(o, T_POST, "--post", optarg, 100); break;
		case O_MINUTES:
			trial_opt(o, T_MINUTES, "--minutes", optarg, 1440);
			break;
		case O_EXPECT: trial_opt(o, T_EXPECT, "", optarg, -1); break;
		case O_EXPECT_PCT:
			trial_opt(o, T_EXPECT_PCT, "--expect-pct", optarg, 100);
			break;
		case O_OUTCOME_PCT:
			trial_opt(o, T_OUTCOME_PCT, "--outcome-pct", optarg,
			    100);
			break;
		case O_AFTER_PCT:
			trial_opt(o, T_EXPECT_AFTER, "--after-pct", optarg,
			    100);
			break;
		case O_SURPRISE:
			trial_opt(o, T_SURPRISE, "--surprise", optarg, 100);
			break;
		case O_SAFETY: trial_opt(o, T_SAFETY, "", optarg, -1); break;
		case O_LEARNED: trial_opt(o, T_LEARNED, "", optarg, -1); break;
		case O_PRESENT:
			trial_opt(o, T_PRESENT, "--present", optarg, 10);
			break;
		case O_STOPPED: trial_opt(o, T_STOPPED, "", "yes", -1); break;
		case O_NOTE: trial_opt(o, T_NOTE, "", optarg, -1); break;
		case ':': bad_option((*argv)[optind - 1], "needs a value");
		default: bad_option((*argv)[optind - 1], "is not an option");
		}
	}
	*argc -= optind;
	*argv += optind;
}

void
show_plan(void *arg, FILE *out)
{
	(void)arg;
	safety_show(out, confdir);
}

enum verb {
	V_ADD, V_LIST, V_NEXT, V_RATE, V_EDIT, V_SPLIT, V_DONE, V_RETIRE,
	V_RESTORE, V_START, V_LOG, V_TRIGGER, V_ANCHORS, V_CORRECT,
	V_WITHDRAW, V_NVERBS
};

/* Each command, with how many operands it takes after its name. */
static const struct {
	const char *name;
	int min, max;
} verbs[V_NVERBS] = {
	{ "add", 1, 1 }, { "list", 0, 0 }, { "next", 0, 0 },
	{ "rate", 1, 2 }, { "edit", 1, 2 }, { "split", 1, 2 },
	{ "done", 1, 1 }, { "retire", 1, 1 }, { "restore", 1, 1 },
	{ "start", 1, 1 }, { "log", 1, 1 }, { "trigger", 1, 1 },
	{ "anchors", 0, 99 }, { "correct", 2, 99 }, { "withdraw", 1, 1 }
};

/* A corrected trial's value: numbers in their range, stopped yes or no. */
static char *
amend_value(const char *col, const char *val, void *arg)
{
	static const struct { const char *col; long long max; } num[] = {
		{ "pre", 100 }, { "peak", 100 }, { "post", 100 },
		{ "minutes", 1440 }, { "expect_pct", 100 },
		{ "outcome_pct", 100 }, { "expect_after", 100 },
		{ "surprise", 100 }, { "present", 10 }
	};
	const char *why;
	long long n;
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		if (strcmp(col, num[i].col) == 0 && *val != '\0') {
			if (parse_num(val, 0, num[i].max, &n, &why) == 0)
				return xasprintf("%lld", n);
			st_seterr("%s=%s: give a whole number from 0 to %lld",
			    col, val, num[i].max);
			return NULL;
		}
	if (strcmp(col, "stopped") == 0 && strcmp(val, "yes") != 0 &&
	    strcmp(val, "no") != 0) {
		st_seterr("stopped=%s: give yes or no", val);
		return NULL;
	}
	return xstrdup(val);
}

/* correct, withdraw: a record in trials.csv that supersedes a trial. */
static int
cmd_amend(int argc, char **argv, int withdraw)
{
	struct amend_req q = { 0 };
	struct amend_done d;
	int rc;

	q.key = argv[0];
	q.withdraw = withdraw;
	q.ops = argv + 1;
	q.nops = (size_t)argc - 1;
	q.check = amend_value;
	if ((rc = amend_append(trialpath, &q, &d)) == AMEND_USAGE) {
		st_warnx("%s", st_error());
		usage();
	}
	if (rc != 0) {
		st_warnx("%s; nothing was saved", st_error());
		return EXIT_ERR;
	}
	amend_tell(stderr, &d, "trial", withdraw);
	return EXIT_OK;
}

static int
run(struct opts *o, enum verb v, int argc, char **argv)
{
	switch (v) {
	case V_ADD: return cmd_add(o, argc, argv);
	case V_LIST: return cmd_list(o, 0);
	case V_NEXT: return cmd_list(o, 1);
	case V_RATE: return cmd_rate(o, argc, argv);
	case V_EDIT: return cmd_edit(o, argc, argv);
	case V_SPLIT: return cmd_split(o, argc, argv);
	case V_DONE: return cmd_status(argc, argv, "mastered");
	case V_RETIRE: return cmd_status(argc, argv, "retired");
	case V_RESTORE: return cmd_status(argc, argv, "active");
	case V_START: return cmd_start(o, argc, argv);
	case V_LOG: return cmd_log(o, argc, argv, "planned");
	case V_TRIGGER: return cmd_log(o, argc, argv, "trigger");
	case V_CORRECT: return cmd_amend(argc, argv, 0);
	case V_WITHDRAW: return cmd_amend(argc, argv, 1);
	default: return cmd_anchors(argc, argv);
	}
}

/* The command, when it exists and its operands fit; exits 2 if not. */
static enum verb
check_verb(const struct opts *o, int argc, char **argv)
{
	int v;

	if (argc == 0) {
		st_warnx("say what to do, e.g. ladder list");
		usage();
	}
	for (v = 0; v < V_NVERBS && strcmp(argv[0], verbs[v].name); v++)
		;
	if (v == V_NVERBS) {
		st_warnx("%s: there is no such command", argv[0]);
		usage();
	}
	if (argc - 1 < verbs[v].min || argc - 1 > verbs[v].max)
		usage();
	if (o->ntrial > 0 && v != V_LOG && v != V_TRIGGER) {
		st_warnx("the trial options go with log and trigger");
		usage();
	}
	if (redact != NULL && ((v != V_START && v != V_LOG &&
	    v != V_TRIGGER) || o->output == NULL ||
	    strcmp(o->output, "-") != 0))
		st_errx(EXIT_USAGE, "--redact is for what goes to standard "
		    "output: start, log or trigger with -o -");
	return (enum verb)v;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	enum verb verb;
	int rc, i;

	stdio_guard();
	signal(SIGXFSZ, SIG_IGN);
	parse_opts(&o, &argc, &argv);
	verb = check_verb(&o, argc, argv);
	if (o.ladder != NULL && (*o.ladder == '\0' ||
	    strpbrk(o.ladder, "\n\r") != NULL))
		st_errx(EXIT_USAGE, "--ladder needs a name on one line");
	if ((datadir = store_data_dir()) == NULL ||
	    (confdir = store_config_dir()) == NULL)
		st_errx(EXIT_ERR, "%s", st_error());
	if (pacing_load(&pace, confdir) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	ladderpath = store_path(datadir, LADDERS);
	trialpath = store_path(datadir, TRIALS);
	rc = run(&o, verb, argc - 1, argv + 1);
	for (i = 0; i < T_NCOLS; i++)
		free(o.cell[i]);
	free(ladderpath);
	free(trialpath);
	free(datadir);
	free(confdir);
	redact_free(redact);
	if (close_stdout() == -1 && rc == EXIT_OK)
		rc = EXIT_ERR;
	return rc;
}
