/*
 * reflect: journal entries, thought records with possible thinking
 * traps, reflections after exposure, weekly reflections and behavioural
 * experiments; scan text for thinking traps; search past entries.
 * See reflect(1).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "correct.h"
#include "prompt.h"
#include "redact.h"
#include "safety.h"
#include "store.h"
#include "traps.h"
#include "util.h"
#include "when.h"
#include "reflect.h"

static const char usage_text[] =
    "usage: reflect [journal] [-l] [-p prompt] [-o file] [field=value ...]\n"
    "       reflect thought | experiment | weekly [-o file] "
    "[field=value ...]\n"
    "       reflect exposure [-t id] [-o file] [field=value ...]\n"
    "       reflect scan [file ...]\n"
    "       reflect search [-k kind] [-s when] [-u when] [--redact[=cols]] "
    "pattern\n"
    "       reflect prompts | traps\n"
    "       reflect correct id field=value ... | withdraw id\n"
    "       reflect -h | -V\n";

static const char help_text[] =
    "Write, reframe and look back, in your own words; ? shows your safety "
    "plan.\n"
    "  journal      a journal entry, with a prompt if you like (the default)\n"
    "  thought      a thought record: the thought, traps, evidence, a "
    "balanced view\n"
    "  exposure     looking back on an exposure trial (-t, --trial: which)\n"
    "  weekly       your week next to the one before; experiment: test a "
    "belief\n"
    "  scan         possible thinking traps in text, as CSV; search: "
    "entries\n"
    "  prompts      list the journal prompts; traps: the thinking traps\n"
    "\n"
    "  -l, --line          write a journal entry on one line, not in your "
    "editor\n"
    "  -p, --prompt NAME   the journal prompt to use (see reflect prompts)\n"
    "  -o, --output FILE   to FILE (- for standard output; --redact: no "
    "words)\n"
    "  -k, -s, -u          with search: --kind KIND, --since WHEN, "
    "--until WHEN\n"
    "  -h, --help          show this help (-V, --version: the version)\n";

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "kind", required_argument, NULL, 'k' },
	{ "line", no_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ "prompt", required_argument, NULL, 'p' },
	{ "redact", optional_argument, NULL, 'R' },
	{ "since", required_argument, NULL, 's' },
	{ "trial", required_argument, NULL, 't' },
	{ "until", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

char *confdir, *datadir;
struct traps *traps;
struct redact *redact;

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

/* ---- writing an entry ---- */

static const char *const saved_text[NKINDS] = {
	"Saved your journal entry.", "Saved your thought record.",
	"Saved your reflection on the trial.", "Saved your weekly reflection.",
	"Saved your experiment."
};

/* What the person hears once the entry is saved. */
static void
summary(FILE *out, const struct rec *r)
{
	char *list, *p, *name;
	const char *sepa = "";

	fprintf(out, "\n%s\n", saved_text[r->kind]);
	if (!filled(r, C_TRAPS))
		return;
	fputs("Thinking traps you noticed: ", out);
	p = list = xstrdup(r->f[C_TRAPS]);
	while ((name = strsep(&p, ";")) != NULL) {
		long i = traps_find(traps, name);

		fprintf(out, "%s%s", sepa, i >= 0 ?
		    traps_title(traps, (size_t)i) : name);
		sepa = ", ";
	}
	fputs(".\nNoticing one is a skill in itself.\n", out);
	free(list);
}

/* Ask on the terminal; exits when the person stops. */
static struct prompt *
fill_interactive(struct rec *r, const struct opts *o)
{
	struct prompt *p;
	int rc;

	if ((p = prompt_open()) == NULL)
		st_errx(EXIT_USAGE, "%s", st_error());
	prompt_set_help(p, show_plan, NULL);
	ask_intro(p, r);
	if (r->kind == EXPOSURE)
		link_trial(r, o->trial, p);
	if (r->kind == WEEKLY)
		weekly_summary(prompt_out(p), r);
	rc = ask_all(p, r, o);
	/* Ctrl-C while the editor ran shows as the editor failing. */
	if (prompt_interrupted(p))
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
		fputs("Nothing was written, so nothing was saved. You can "
		    "come back to it whenever you like.\n", prompt_out(p));
		prompt_close(p);
		exit(EXIT_OK);
	}
	return p;
}

static int
cmd_entry(const struct opts *o, int argc, char **argv)
{
	const struct jprompt *jp;
	struct prompt *p = NULL;
	struct rec r = { 0 };
	char *logpath;
	FILE *talk;
	int rc = 0, ask = argc == 0 && isatty(STDIN_FILENO);

	r.kind = o->kind;
	if (when_now(&r.ts) == -1)
		st_errx(EXIT_ERR, "%s", st_error());
	(void)load_traps();
	if (r.kind == JOURNAL && load_prompts() == -1)
		st_warnx("%s; using the built-in prompts", st_error());
	if (r.kind == JOURNAL && (ask || o->prompt != NULL) &&
	    (jp = pick_prompt(o->prompt, r.ts)) != NULL)
		rec_set(&r, C_PROMPT, jp->text);
	if (ask) {
		p = fill_interactive(&r, o);
	} else {
		if (r.kind == EXPOSURE)
			link_trial(&r, o->trial, NULL);
		if (r.kind == WEEKLY)
			weekly_summary(NULL, &r);
		fill_quietly(&r, argc, argv);
	}
	logpath = store_path(datadir, LOGNAME);
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		rc = save_stdout(&r);
	else
		rc = save_log(o->output ? o->output : logpath, &r);
	talk = p ? prompt_out(p) : stderr;
	if (rc == -1) {
		st_warnx("%s; nothing was saved", st_error());
		if (p != NULL)
			keep_words(o->output ? o->output : logpath, &r);
		if (p != NULL)
			offer_words(p, &r);
	} else if (p != NULL) {
		summary(talk, &r);
	}
	if (needs_plan(&r)) {
		fputs(rc == 0 ? "\nYour entry is saved. " : "\n", talk);
		fputs("Some of what you wrote sounds like things may feel "
		    "unsafe right now,\nso here is your plan and people you "
		    "can reach.\n", talk);
		safety_show(talk, confdir);
	}
	prompt_close(p);
	rec_free(&r);
	free(logpath);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

/* ---- corrections ---- */

/* A corrected field: ratings in their range, kind one of the kinds. */
static char *
amend_value(const char *col, const char *val, void *arg)
{
	static const char *const pct[] = {
		"intensity", "intensity_after", "belief", "belief_after"
	};
	const char *why;
	long long n;
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(pct) / sizeof(pct[0]); i++)
		if (strcmp(col, pct[i]) == 0 && *val != '\0') {
			if (parse_num(val, 0, 100, &n, &why) == 0)
				return xasprintf("%lld", n);
			st_seterr("%s=%s: give a whole number from 0 to 100",
			    col, val);
			return NULL;
		}
	for (i = 0; strcmp(col, "kind") == 0 && i < NKINDS; i++)
		if (strcmp(val, kindname[i]) == 0)
			break;
	if (i == NKINDS) {
		st_seterr("kind=%s: choose journal, thought, exposure, weekly "
		    "or experiment", val);
		return NULL;
	}
	return xstrdup(val);
}

/* correct, withdraw: a record in reflect.csv that supersedes an entry. */
static int
cmd_amend(int argc, char **argv)
{
	struct amend_req q = { 0 };
	struct amend_done d;
	char *path;
	int rc;

	if ((datadir = store_data_dir()) == NULL)
		st_errx(EXIT_ERR, "%s", st_error());
	q.withdraw = strcmp(argv[0], "withdraw") == 0;
	if (argc < 2 || (q.withdraw && argc != 2))
		usage();
	q.key = argv[1];
	q.ops = argv + 2;
	q.nops = (size_t)argc - 2;
	q.check = amend_value;
	path = store_path(datadir, LOGNAME);
	if ((rc = amend_append(path, &q, &d)) == AMEND_USAGE) {
		st_warnx("%s", st_error());
		usage();
	}
	if (rc != 0)
		st_warnx("%s; nothing was saved", st_error());
	else
		amend_tell(stderr, &d, "entry", q.withdraw);
	free(path);
	free(datadir);
	return rc == 0 ? EXIT_OK : EXIT_ERR;
}

/* Is this "reflect correct" or "reflect withdraw" (and no options)? */
static int
is_amend(const struct opts *o, int argc, char **argv)
{
	if (argc == 0 || (strcmp(argv[0], "correct") != 0 &&
	    strcmp(argv[0], "withdraw") != 0))
		return 0;
	if (o->line || o->prompt || o->output || o->trial || o->skind ||
	    o->since || o->until)
		st_errx(EXIT_USAGE, "correct and withdraw take no options");
	return 1;
}

/* ---- options ---- */

static void
parse_opts(struct opts *o, int *argcp, char ***argvp)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(*argcp, *argvp, ":hk:lo:p:s:t:u:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			exit(close_stdout() ? EXIT_ERR : EXIT_OK);
		case 'k':
			o->skind = optarg;
			break;
		case 'l':
			o->line = 1;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'p':
			o->prompt = optarg;
			break;
		case 'R':
			redact_free(redact);
			if ((redact = redact_new(optarg)) == NULL)
				st_errx(EXIT_USAGE, "%s", st_error());
			break;
		case 's':
			o->since = optarg;
			break;
		case 't':
			o->trial = optarg;
			break;
		case 'u':
			o->until = optarg;
			break;
		case 'V':
			puts("reflect (steady) " STEADY_VERSION);
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

/* The first operand names what to do; without one, a journal entry. */
static void
parse_mode(struct opts *o, int *argcp, char ***argvp)
{
	static const char *const modes[] = {
		"scan", "search", "prompts", "traps"
	};
	static const enum mode modeval[] = { SCAN, SEARCH, PROMPTS, TRAPLIST };
	const char *w = *argcp > 0 ? (*argvp)[0] : NULL;
	size_t i;

	o->mode = ENTRY;
	o->kind = JOURNAL;
	if (w == NULL || strchr(w, '=') != NULL)
		return;
	for (i = 0; i < NKINDS; i++)
		if (strcmp(w, kindname[i]) == 0)
			o->kind = (enum kind)i;
	for (i = 0; i < 4; i++)
		if (strcmp(w, modes[i]) == 0)
			o->mode = modeval[i];
	if (o->mode == ENTRY && o->kind == JOURNAL &&
	    strcmp(w, "journal") != 0) {
		st_warnx("%s: choose journal, thought, exposure, weekly, "
		    "experiment, scan, search, prompts or traps", w);
		usage();
	}
	(*argcp)--;
	(*argvp)++;
}

static void
check_opts(const struct opts *o, int argc)
{
	if ((o->line || o->prompt) && (o->mode != ENTRY || o->kind != JOURNAL))
		st_errx(EXIT_USAGE, "--line and --prompt go with journal");
	if (o->trial && (o->mode != ENTRY || o->kind != EXPOSURE))
		st_errx(EXIT_USAGE, "--trial goes with exposure");
	if ((o->skind || o->since || o->until) && o->mode != SEARCH)
		st_errx(EXIT_USAGE, "--kind, --since and --until go with search");
	if (o->output && o->mode != ENTRY)
		st_errx(EXIT_USAGE, "--output is for writing an entry");
	if (redact != NULL && o->mode != SEARCH && (o->mode != ENTRY ||
	    o->output == NULL || strcmp(o->output, "-") != 0))
		st_errx(EXIT_USAGE, "--redact is for what goes to standard "
		    "output: search, or an entry with -o -");
	if ((o->mode == PROMPTS || o->mode == TRAPLIST) && argc > 0)
		usage();
	if (o->mode == SEARCH && argc != 1)
		usage();
	if (o->line && argc > 0)
		st_errx(EXIT_USAGE, "--line is for writing on a terminal; with "
		    "operands, give text=...");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	int rc = EXIT_OK, trouble;

	stdio_guard();
	signal(SIGXFSZ, SIG_IGN);
	parse_opts(&o, &argc, &argv);
	if (is_amend(&o, argc, argv))
		return cmd_amend(argc, argv);
	parse_mode(&o, &argc, &argv);
	check_opts(&o, argc);
	trouble = o.mode == SEARCH ? EXIT_USAGE : EXIT_ERR;
	if ((datadir = store_data_dir()) == NULL ||
	    (confdir = store_config_dir()) == NULL)
		st_errx(trouble, "%s", st_error());
	switch (o.mode) {
	case ENTRY: rc = cmd_entry(&o, argc, argv); break;
	case SCAN: rc = cmd_scan(argc, argv); break;
	case SEARCH: rc = cmd_search(&o, argc, argv); break;
	case PROMPTS: rc = cmd_prompts(); break;
	case TRAPLIST: rc = cmd_traps(); break;
	}
	traps_free(traps);
	redact_free(redact);
	free_prompts();
	free(datadir);
	free(confdir);
	if (close_stdout() == -1 && rc == EXIT_OK)
		rc = EXIT_ERR;
	return rc;
}
