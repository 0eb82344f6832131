/* safety: safety plan, crisis lines, risk patterns. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "match.h"
#include "safety.h"
#include "store.h"
#include "util.h"

/*
 * Crisis lines, one place only, with the date they were checked: many
 * apps ship dead numbers.  crisis.txt in the config directory overrides.
 */
#define CRISIS_CHECKED "2025"
static const struct {
	const char *country, *text;
} crisis[] = {
	{ "US", "United States: call or text 988 (Suicide & Crisis Lifeline),"
	    " or text HOME to 741741.\n  In immediate danger: 911." },
	{ "CA", "Canada: call or text 9-8-8, or text 686868.\n"
	    "  In immediate danger: 911." },
	{ "GB", "United Kingdom: call Samaritans on 116 123, or text 85258.\n"
	    "  In immediate danger: 999." },
	{ "IE", "Ireland: call Samaritans on 116 123.\n"
	    "  In immediate danger: 112 or 999." },
	{ "AU", "Australia: call Lifeline on 13 11 14.\n"
	    "  In immediate danger: 000." },
};

/*
 * Words that can mean acute risk in a note.  Matching is a prompt to
 * show the plan, never a judgement, so it leans towards showing it.
 */
static const struct {
	const char *name, *pattern;
} risk[] = {
	{ "self_harm", "\\b(kill|hurt|harm|cut)(ing)?\\s+my\\s?self\\b" },
	{ "self_harm_word", "\\bself[-\\s]?harm" },
	{ "suicide", "\\bsuicid" },
	{ "want_to_die", "\\b(want|wanted|wish|going)\\s+(to\\s+)?"
	    "(die|be\\s+dead)\\b" },
	{ "end_it", "\\bend\\s+(it\\s+all|my\\s+life|things)\\b" },
	{ "no_reason", "\\bno\\s+(reason|point)\\s+(to|in)\\s+(live|living)\\b" },
	{ "better_off", "\\bbetter\\s+off\\s+without\\s+me\\b" },
	{ "cant_go_on", "\\bcan(no|['\\x{2019}])?t\\s+go\\s+on\\b" },
	{ "overdose", "\\boverdos" },
	{ "not_safe", "\\bnot\\s+safe\\s+(at\\s+home|right\\s+now|here|now)\\b" },
	{ "threatened", "\\b(hit|threatened|choked|strangled)\\s+me\\b" },
};

const char *
safety_country(const char *confdir, char buf[3])
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v, *u;
	char *set;
	size_t i;
	int failed;

	buf[0] = '\0';
	set = setting_str(confdir, "country", &failed);
	if (set != NULL && strlen(trim(set)) == 2) {
		buf[0] = (char)toupper((unsigned char)trim(set)[0]);
		buf[1] = (char)toupper((unsigned char)trim(set)[1]);
		buf[2] = '\0';
		free(set);
		return buf;
	}
	free(set);
	for (i = 0; i < 3; i++) {
		v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		/* language_TERRITORY.codeset@modifier */
		if ((u = strchr(v, '_')) != NULL && isupper((unsigned char)u[1])
		    && isupper((unsigned char)u[2])) {
			buf[0] = u[1];
			buf[1] = u[2];
			buf[2] = '\0';
		}
		break;
	}
	return buf;
}

/* Copy a file to out; 1 if it was there and not empty. */
static int
show_file(FILE *out, const char *dir, const char *name)
{
	char *path = store_path(dir, name), buf[4096];
	size_t n, total = 0;
	int last = '\n';
	FILE *fp;

	fp = fopen(path, "r");
	free(path);
	if (fp == NULL)
		return 0;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		fwrite(buf, 1, n, out);
		total += n;
		last = buf[n - 1];
	}
	if (last != '\n')
		fputc('\n', out);
	fclose(fp);
	return total > 0;
}

static void
show_crisis(FILE *out, const char *confdir)
{
	char cc[3];
	size_t i, n = sizeof(crisis) / sizeof(crisis[0]);

	if (show_file(out, confdir, "crisis.txt"))
		return;
	safety_country(confdir, cc);
	for (i = 0; i < n; i++)
		if (strcmp(cc, crisis[i].country) == 0)
			break;
	if (i < n) {
		fprintf(out, "  %s\n", crisis[i].text);
	} else {
		fputs("  If you are in danger right now, call your local "
		    "emergency number\n  (112 works in many countries).\n",
		    out);
		for (i = 0; i < n; i++)
			fprintf(out, "  %s\n", crisis[i].text);
	}
	fputs("  (These lines were last checked in " CRISIS_CHECKED ".)\n",
	    out);
}

void
safety_show(FILE *out, const char *confdir)
{
	fputs("\n", out);
	if (show_file(out, confdir, "safety-plan.txt"))
		fputs("\n", out);
	else
		fputs("You have not written a safety plan yet. When you feel "
		    "ready, you can put one\nin safety-plan.txt in your steady "
		    "settings folder; it will show here.\n\n", out);
	fputs("If you need someone now, people are there to talk to:\n", out);
	show_crisis(out, confdir);
	fputs("\n", out);
	fflush(out);
}

static struct matchset *
builtin_risk(void)
{
	struct matchset *m = match_new();
	size_t i, n = sizeof(risk) / sizeof(risk[0]);

	for (i = 0; i < n; i++)
		(void)match_add(m, risk[i].name, risk[i].pattern, "risk");
	return m;
}

struct matchset *
safety_patterns(const char *confdir, int *conferr)
{
	struct matchset *m = builtin_risk();
	char *path = store_path(confdir, "risk.csv");

	/*
	 * A broken risk.csv must not switch the checks off: fall back to
	 * the built-in patterns and let the caller say what was wrong.
	 */
	*conferr = match_load(m, path) == -1;
	if (*conferr) {
		match_free(m);
		m = builtin_risk();
	}
	free(path);
	return m;
}
