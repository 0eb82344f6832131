/* reflect: entries, journal prompts, and asking for each step. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "practice.h"
#include "prompt.h"
#include "safety.h"
#include "store.h"
#include "traps.h"
#include "util.h"
#include "when.h"
#include "reflect.h"

const char *const colname[NCOLS] = {
	"ts", "kind", "id", "prompt", "text", "situation", "emotion",
	"intensity", "thought", "traps", "evidence_for", "evidence_against",
	"balanced", "intensity_after", "belief", "prediction", "done",
	"happened", "belief_after", "trial", "step", "went_well", "hard",
	"adjust", "learned", "week"
};

/* The kinds' names are lib/practice's, which checkin checks plans by. */
const char *const *const kindname = practice_reflections;
_Static_assert(NKINDS == PRACTICE_NREFLECTIONS,
    "a name in lib/practice.c for each kind of entry");

#define END { NCOLS, TEXT, NULL }
#define PCT "(0 not at all .. 100 completely)"

static const struct step journal_steps[] = {
	{ C_TEXT, TEXT, "Your words (Enter to skip): " },
	END
};

static const struct step thought_steps[] = {
	{ C_SITUATION, TEXT, "What happened? Where were you, with whom? " },
	{ C_EMOTION, TEXT, "What did you feel? A word or two: " },
	{ C_INTENSITY, RATING, "How strong was the feeling? "
	    "(0 not at all .. 100 as strong as it gets): " },
	{ C_THOUGHT, TEXT, "What went through your mind? " },
	{ C_TRAPS, TRAPS, NULL },
	{ C_EVFOR, TEXT, "What makes the thought seem true? " },
	{ C_EVAGAINST, TEXT, "What does not fit the thought? " },
	{ C_BALANCED, TEXT, "A more balanced way to see it, in your own "
	    "words: " },
	{ C_INTENSITY_AFTER, RATING, "How strong is the feeling now? "
	    "(0 .. 100): " },
	END
};

static const struct step exposure_steps[] = {
	{ C_WENT_WELL, TEXT, "What went well? " },
	{ C_HARD, TEXT, "What was hard? " },
	{ C_ADJUST, TEXT, "What would you change next time? " },
	{ C_LEARNED, TEXT, "What did you learn about what you feared? " },
	END
};

static const struct step weekly_steps[] = {
	{ C_TEXT, TEXT, "What did you do this week that went with these "
	    "changes? " },
	END
};

static const struct step experiment_steps[] = {
	{ C_THOUGHT, TEXT, "Which belief do you want to test? " },
	{ C_TRAPS, TRAPS, NULL },
	{ C_BELIEF, RATING, "How strongly do you hold it? " PCT ": " },
	{ C_PREDICTION, TEXT, "If the belief is true, what will happen? " },
	{ C_DONE, TEXT, "What did you do to test it? " },
	{ C_HAPPENED, TEXT, "What actually happened? " },
	{ C_BELIEF_AFTER, RATING, "How strongly do you hold the belief now? "
	    PCT ": " },
	END
};

const struct step *const steps[NKINDS] = {
	journal_steps, thought_steps, exposure_steps, weekly_steps,
	experiment_steps
};

/* Extra columns each kind fills itself, besides its steps. */
const enum col extra_cols[NKINDS][2] = {
	{ C_PROMPT, NCOLS }, { NCOLS, NCOLS }, { C_TRIAL, C_STEP },
	{ C_WEEK, NCOLS }, { NCOLS, NCOLS }
};

static const char *const builtin_prompts[][3] = {
	{ "got-through", "stabilising",
	    "What helped you get through today, even a little?" },
	{ "safe-place", "stabilising",
	    "Where, and with whom, do you feel safest right now? "
	    "What makes it so?" },
	{ "body-today", "stabilising",
	    "What is your body telling you today, and what does it need?" },
	{ "hurts-most", "understanding",
	    "Which part of what happened hurts most right now? "
	    "Why that part?" },
	{ "old-beliefs", "understanding",
	    "What has the betrayal made you believe about yourself, or about "
	    "other people?" },
	{ "what-it-means", "understanding",
	    "What does what happened mean to you, for your relationship and "
	    "your future?" },
	{ "kept-promise", "repair",
	    "Which small promise was kept lately, and what was it like to "
	    "notice it?" },
	{ "what-i-need", "repair",
	    "What would help you feel a little safer with the people close "
	    "to you?" },
	{ "a-boundary", "repair",
	    "Which boundary did you hold, or want to hold, and what "
	    "happened?" },
	{ "learned-about-me", "growth",
	    "What have you learned about yourself since this began?" },
	{ "strengths", "growth",
	    "Which of your strengths carried you through this month?" },
	{ "letter-ahead", "growth",
	    "Write a few lines to the person you will be a year from now." },
};

#define NBUILTIN_PROMPTS (sizeof(builtin_prompts) / sizeof(builtin_prompts[0]))

struct jprompt *jprompts;
size_t njprompts;

void
rec_free(struct rec *r)
{
	size_t i;

	for (i = 0; i < NCOLS; i++)
		free(r->f[i]);
}

void
rec_set(struct rec *r, enum col c, const char *v)
{
	free(r->f[c]);
	r->f[c] = v != NULL ? xstrdup(v) : NULL;
}

int
filled(const struct rec *r, enum col c)
{
	return r->f[c] != NULL && *r->f[c] != '\0';
}

/* Did the person write anything of their own? */
int
rec_empty(const struct rec *r)
{
	const struct step *s;

	for (s = steps[r->kind]; s->col != NCOLS; s++)
		if (filled(r, s->col))
			return 0;
	return 1;
}

/* The traps, with distortions.csv; a broken file is said, not fatal. */
int
load_traps(void)
{
	char *path = store_path(confdir, "distortions.csv");
	int rc = 0;

	traps = traps_new();
	if (traps_load(traps, path) == -1) {
		st_warnx("%s", st_error());
		rc = -1;
	}
	free(path);
	return rc;
}

void
show_plan(void *arg, FILE *out)
{
	(void)arg;
	safety_show(out, confdir);
}

/* ---- journal prompts ---- */

static void
add_jprompt(const char *name, const char *stage, const char *text)
{
	size_t i;

	for (i = 0; i < njprompts; i++)
		if (strcmp(jprompts[i].name, name) == 0)
			break;
	if (i == njprompts) {
		if (*text == '\0')
			return;
		jprompts = xreallocarray(jprompts, ++njprompts,
		    sizeof(*jprompts));
		jprompts[i].name = xstrdup(name);
	} else {
		free(jprompts[i].stage);
		free(jprompts[i].text);
	}
	if (*text == '\0') {
		free(jprompts[i].name);
		memmove(&jprompts[i], &jprompts[i + 1], (njprompts - i - 1) *
		    sizeof(*jprompts));
		njprompts--;
		return;
	}
	jprompts[i].stage = xstrdup(stage);
	jprompts[i].text = xstrdup(text);
}

const char *
cell(struct csvr *r, int col)
{
	const char *f;

	if (col < 0 || (f = csvr_field(r, (size_t)col)) == NULL)
		return "";
	return f;
}

/* The built-in prompts, then prompts.csv (name, stage, text). */
int
load_prompts(void)
{
	char *path = store_path(confdir, "prompts.csv");
	struct csvr *r;
	int c, col[3], rc = 0;
	size_t i;

	for (i = 0; i < NBUILTIN_PROMPTS; i++)
		add_jprompt(builtin_prompts[i][0], builtin_prompts[i][1],
		    builtin_prompts[i][2]);
	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		free(path);
		return rc;
	}
	col[0] = csvr_col(r, "name");
	col[1] = csvr_col(r, "stage");
	col[2] = csvr_col(r, "text");
	if (csvr_ncols(r) > 0 && (col[0] < 0 || col[2] < 0)) {
		st_seterr("%s:1: needs the columns name and text", path);
		rc = -1;
	}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC)
			rc = -1;
		else if (*cell(r, col[0]) == '\0') {
			st_seterr("%s:%lu: the prompt has no name", path,
			    csvr_line(r));
			rc = -1;
		} else
			add_jprompt(cell(r, col[0]), cell(r, col[1]),
			    cell(r, col[2]));
	}
	csvr_close(r);
	free(path);
	return rc;
}

void
free_prompts(void)
{
	size_t i;

	for (i = 0; i < njprompts; i++) {
		free(jprompts[i].name);
		free(jprompts[i].stage);
		free(jprompts[i].text);
	}
	free(jprompts);
}

/* Days since 1970-01-01 of the local date holding t. */
long
local_day(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return when_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* The prompt asked for by name, or the day's: one a day, in turn. */
const struct jprompt *
pick_prompt(const char *name, time_t now)
{
	size_t i;

	if (name != NULL) {
		for (i = 0; i < njprompts; i++)
			if (strcmp(jprompts[i].name, name) == 0)
				return &jprompts[i];
		st_errx(EXIT_USAGE, "--prompt %s: there is no such prompt; "
		    "reflect prompts lists them", name);
	}
	if (njprompts == 0)
		return NULL;
	return &jprompts[(size_t)(local_day(now) % (long)njprompts)];
}

/* ---- asking on the terminal ---- */

/* The words that matched in [brackets], overlapping hits merged. */
static void
highlight(FILE *out, const char *s, const struct trap_hit *h, size_t n)
{
	size_t i = 0, pos = 0, end;

	fputs("  ", out);
	while (i < n) {
		end = h[i].end;
		fwrite(s + pos, 1, h[i].start - pos, out);
		pos = h[i].start;
		while (i < n && h[i].start <= end) {
			if (h[i].end > end)
				end = h[i].end;
			i++;
		}
		fputc('[', out);
		fwrite(s + pos, 1, end - pos, out);
		fputc(']', out);
		pos = end;
	}
	fprintf(out, "%s\n", s + pos);
}

static void
list_add(struct strbuf *sb, const char *name)
{
	if (traps_listed(sb->s, name))
		return;
	if (sb->len > 0)
		sb_putc(sb, ';');
	sb_puts(sb, name);
}

/* Ask about each trap found: does it fit?  Adds the ones that do. */
static int
confirm_found(struct prompt *p, const char *text, struct strbuf *chosen)
{
	FILE *out = prompt_out(p);
	struct trap_hit *h;
	char *names, *name, *list;
	size_t n;
	int rc = PROMPT_OK, yes;

	n = traps_scan(traps, text, strlen(text), &h);
	if (n == 0) {
		fputs("No common thinking trap stood out in those words.\n",
		    out);
		free(h);
		return PROMPT_OK;
	}
	fputs("Some words might point to a thinking trap (in brackets):\n",
	    out);
	highlight(out, text, h, n);
	names = traps_names_of(traps, h, n, NULL);
	free(h);
	list = names;
	while (rc == PROMPT_OK && (name = strsep(&list, ";")) != NULL) {
		long i = traps_find(traps, name);

		fprintf(out, "A possible thinking trap, %s: %s\n",
		    traps_title(traps, (size_t)i),
		    traps_explain(traps, (size_t)i));
		rc = prompt_yesno(p, "Does that fit how you were thinking? "
		    "[y/N] ", 0, &yes);
		if (rc == PROMPT_OK && yes)
			list_add(chosen, name);
	}
	free(names);
	return rc;
}

/* "2 5": numbers from the list, each checked; AGAIN-style re-ask. */
static int
parse_picks(const char *ans, struct strbuf *chosen)
{
	char *copy = xstrdup(ans), *p = copy, *w;
	long long k;
	const char *why;
	int ok = 1;

	while (ok && (w = strsep(&p, " ,;")) != NULL) {
		if (*w == '\0')
			continue;
		if (parse_num(w, 1, (long long)traps_count(traps), &k, &why))
			ok = 0;
		else
			list_add(chosen, traps_name(traps, (size_t)k - 1));
	}
	free(copy);
	return ok;
}

/* Offer the whole list, so the person can name a trap themselves. */
static int
offer_list(struct prompt *p, struct strbuf *chosen)
{
	FILE *out = prompt_out(p);
	struct strbuf picked = { 0 };
	char *ans;
	size_t i;
	int rc, yes;

	rc = prompt_yesno(p, "Would you like to see the list of thinking "
	    "traps, to add one? [y/N] ", 0, &yes);
	if (rc != PROMPT_OK || !yes)
		return rc;
	for (i = 0; i < traps_count(traps); i++)
		fprintf(out, "  %zu. %s: %s\n", i + 1, traps_title(traps, i),
		    traps_explain(traps, i));
	for (;;) {
		rc = prompt_text(p, "Numbers of the ones that fit (Enter for "
		    "none): ", &ans);
		if (rc != PROMPT_OK)
			break;
		sb_reset(&picked);
		if (parse_picks(ans, &picked)) {
			free(ans);
			if (picked.len > 0)
				list_add(chosen, picked.s);
			break;
		}
		free(ans);
		fprintf(out, "Please give numbers from 1 to %zu, or press "
		    "Enter.\n", traps_count(traps));
	}
	sb_free(&picked);
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* The traps step: possible traps in the thought, confirmed or not. */
static int
ask_traps(struct prompt *p, struct rec *r)
{
	struct strbuf chosen = { 0 };
	int rc = PROMPT_OK;

	if (!filled(r, C_THOUGHT))
		return PROMPT_OK;
	rc = confirm_found(p, r->f[C_THOUGHT], &chosen);
	if (rc == PROMPT_OK)
		rc = offer_list(p, &chosen);
	if (rc == PROMPT_OK && chosen.len > 0)
		rec_set(r, C_TRAPS, chosen.s);
	sb_free(&chosen);
	return rc;
}

/* Remove everything in dir (an editor's backup of the draft), then dir. */
static void
remove_private_dir(const char *dir)
{
	struct dirent *e;
	char *path;
	DIR *d;

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			path = xasprintf("%s/%s", dir, e->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/*
 * Write in the editor.  The draft lives in a private directory (0700)
 * made for it, so no one else can see even its name, and everything in
 * that directory is removed afterwards, an editor's backups included.
 */
static int
write_in_editor(struct prompt *p, const char *initial, char **out)
{
	const char *tmp = getenv("TMPDIR");
	char *old = tmp != NULL ? xstrdup(tmp) : NULL, *dir;
	int rc;

	dir = xasprintf("%s/steady-reflect.XXXXXX", tmp && *tmp ? tmp :
	    "/tmp");
	if (mkdtemp(dir) == NULL) {
		st_seterr("cannot make a private folder for the draft: %s",
		    strerror(errno));
		free(dir);
		free(old);
		return PROMPT_ERR;
	}
	setenv("TMPDIR", dir, 1);
	rc = prompt_editor(p, initial, out);
	if (old != NULL)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	remove_private_dir(dir);
	free(dir);
	free(old);
	return rc;
}

/* The journal's words: in the editor, like git commit, or on a line. */
static int
ask_journal(struct prompt *p, struct rec *r, const struct opts *o)
{
	FILE *out = prompt_out(p);
	char *initial, *text = NULL;
	int rc;

	if (filled(r, C_PROMPT))
		fprintf(out, "%s\n\n", r->f[C_PROMPT]);
	if (o->line) {
		rc = prompt_text(p, journal_steps[0].question, &text);
	} else {
		initial = xasprintf("\n#%s%s\n# Write in your own words above. "
		    "Lines that start with # are left\n# out, and an empty "
		    "entry saves nothing.\n", filled(r, C_PROMPT) ? " " : "",
		    filled(r, C_PROMPT) ? r->f[C_PROMPT] : "");
		rc = write_in_editor(p, initial, &text);
		free(initial);
	}
	if (rc == PROMPT_OK)
		r->f[C_TEXT] = text;
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* Ask one step.  PROMPT_OK (answered or skipped), or why it stopped. */
static int
ask_step(struct prompt *p, struct rec *r, const struct step *s)
{
	long long v;
	char *text;
	int rc;

	if (s->ask == TRAPS)
		return ask_traps(p, r);
	if (s->ask == RATING) {
		rc = prompt_rating(p, s->question, 0, 100, &v);
		if (rc == PROMPT_OK)
			r->f[s->col] = xasprintf("%lld", v);
	} else {
		rc = prompt_text(p, s->question, &text);
		if (rc == PROMPT_OK)
			r->f[s->col] = text;
	}
	return rc == PROMPT_SKIP ? PROMPT_OK : rc;
}

/* A rating only follows what it rates: no feeling named, no strength. */
static int
wanted(const struct rec *r, enum col c)
{
	if (c == C_INTENSITY)
		return filled(r, C_EMOTION);
	if (c == C_INTENSITY_AFTER)
		return filled(r, C_INTENSITY);
	return 1;
}

static const char *const intro[NKINDS] = {
	"A journal entry",
	"A thought record: one step at a time",
	"Looking back on an exposure trial",
	"A weekly reflection",
	"A behavioural experiment: testing a belief"
};

/* What is being written, when, and how to skip or stop. */
void
ask_intro(struct prompt *p, const struct rec *r)
{
	char when[WHEN_BUFSZ];

	when_format(r->ts, when);
	fprintf(prompt_out(p), "%s, %.10s at %.5s.\nPress Enter to skip a "
	    "step, ? to see your safety plan, Ctrl-C to stop\nwithout "
	    "saving.\n\n", intro[r->kind], when, when + 11);
}

/* Ask every step of the entry's kind. */
int
ask_all(struct prompt *p, struct rec *r, const struct opts *o)
{
	const struct step *s;
	int rc = PROMPT_OK;

	if (r->kind == JOURNAL)
		return ask_journal(p, r, o);
	for (s = steps[r->kind]; rc == PROMPT_OK && s->col != NCOLS; s++)
		if (!filled(r, s->col) && wanted(r, s->col))
			rc = ask_step(p, r, s);
	return rc;
}

/* ---- fields given as operands or on a pipe ---- */

/* The step of r's kind that fills column c, or NULL. */
const struct step *
step_of(enum kind k, enum col c)
{
	const struct step *s;

	for (s = steps[k]; s->col != NCOLS; s++)
		if (s->col == c)
			return s;
	return NULL;
}

/* "situation, emotion, ..." for messages: the fields a kind takes. */
static char *
field_names(enum kind k)
{
	struct strbuf sb = { 0 };
	const struct step *s;

	for (s = steps[k]; s->col != NCOLS; s++)
		sb_printf(&sb, "%s%s", sb.len ? ", " : "", colname[s->col]);
	return sb.s;
}

/* Check a traps= value: names reflect knows, ";"-separated. */
static int
check_traps(const char *v, struct strbuf *sb)
{
	char *copy = xstrdup(v), *p = copy, *w;
	int ok = 1;

	while (ok && (w = strsep(&p, ";, ")) != NULL) {
		if (*w == '\0')
			continue;
		if (traps_find(traps, w) < 0)
			ok = 0;
		else
			list_add(sb, w);
	}
	free(copy);
	return ok;
}

/*
 * Take one "field=value".  where names the place for messages.  The
 * value itself is never repeated in a message: it is the person's own
 * writing.  Exits 2 on a field that is off.
 */
static void
take_field(struct rec *r, char *arg, const char *where)
{
	const struct step *s = NULL;
	struct strbuf sb = { 0 };
	char *eq = strchr(arg, '='), *names;
	long long v;
	const char *why;
	size_t c;

	if (eq == NULL || eq == arg)
		st_errx(EXIT_USAGE, "%sgive fields as name=value, e.g. "
		    "situation=...", where);
	*eq = '\0';
	for (c = 0; c < NCOLS; c++)
		if (strcmp(colname[c], arg) == 0)
			s = step_of(r->kind, (enum col)c);
	if (s == NULL) {
		names = field_names(r->kind);
		st_errx(EXIT_USAGE, "%s%s: a %s entry has no such field; its "
		    "fields are %s", where, arg, kindname[r->kind], names);
	}
	if (r->f[s->col] != NULL)
		st_errx(EXIT_USAGE, "%s%s is given twice", where, arg);
	if (s->ask == RATING && *(eq + 1) != '\0') {
		if (parse_num(eq + 1, 0, 100, &v, &why) == -1)
			st_errx(EXIT_USAGE, "%s%s is a whole number from 0 to 100",
			    where, arg);
		r->f[s->col] = xasprintf("%lld", v);
	} else if (s->ask == TRAPS) {
		if (!check_traps(eq + 1, &sb))
			st_errx(EXIT_USAGE, "%straps: name them as reflect traps "
			    "lists them, separated by ;", where);
		r->f[s->col] = sb.s != NULL ? sb.s : xstrdup("");
	} else {
		r->f[s->col] = xstrdup(eq + 1);
	}
}

/* All of standard input, trailing white space cut; exits if too long. */
static char *
read_all_stdin(void)
{
	struct strbuf sb = { 0 };
	char buf[8192];
	size_t n;

	sb_add(&sb, "", 0);
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		if (sb.len + n > TEXT_MAX)
			st_errx(EXIT_ERR, "standard input: an entry is at most "
			    "%d KiB; nothing was saved", TEXT_MAX / 1024);
		sb_add(&sb, buf, n);
	}
	if (ferror(stdin))
		st_err(EXIT_ERR, "standard input");
	while (sb.len > 0 && (sb.s[sb.len - 1] == '\n' ||
	    sb.s[sb.len - 1] == '\r' || sb.s[sb.len - 1] == ' ' ||
	    sb.s[sb.len - 1] == '\t'))
		sb.s[--sb.len] = '\0';
	return sb.s;
}

/* Fields as "name=value" lines on standard input ("\n" for a newline). */
static void
read_field_lines(struct rec *r)
{
	char *text = read_all_stdin(), *p = text, *line, *where;
	unsigned long n = 0;

	while ((line = strsep(&p, "\n")) != NULL) {
		n++;
		line[strcspn(line, "\r")] = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		where = xasprintf("standard input:%lu: ", n);
		csv_unescape(line);
		take_field(r, line, where);
		free(where);
	}
	free(text);
}

/* Fill r without asking: operands, else standard input. */
void
fill_quietly(struct rec *r, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		take_field(r, argv[i], "");
	if (argc == 0 && r->kind == JOURNAL)
		r->f[C_TEXT] = read_all_stdin();
	else if (argc == 0)
		read_field_lines(r);
	if (rec_empty(r))
		st_errx(EXIT_USAGE, "nothing to record: every field given is "
		    "empty");
}
