/* Unit tests for lib/safety: risk patterns, country, what is shown. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "match.h"
#include "safety.h"
#include "store.h"
#include "unit.h"
#include "util.h"

static const char *dir;

static void
rm(const char *name)
{
	char *path = store_path(dir, name);

	unlink(path);
	free(path);
}

static void
test_risk(void)
{
	static const char *hits[] = {
		"I want to die", "thinking about suicide", "I might hurt myself",
		"everyone is better off without me", "I can't go on",
		"I can\xe2\x80\x99t go on", "I am not safe at home",
		"he threatened me", "he hit me", "no reason to live", "SELF-HARM again",
	};
	static const char *misses[] = {
		"I want to dye my hair", "the deadline is killing me",
		"we ended the call early", "I feel safe at home",
		"cannot go out tonight", "a diet plan", "what he said hurt me",
		"",
	};
	struct matchset *m;
	size_t i;
	char what[128];
	int conferr;

	m = safety_patterns(dir, &conferr);
	CHECK(m != NULL && conferr == 0, "risk patterns compile");
	for (i = 0; i < sizeof(hits) / sizeof(hits[0]); i++) {
		snprintf(what, sizeof(what), "risk: \"%s\"", hits[i]);
		CHECK_INT(match_any(m, hits[i]), 1, what);
	}
	for (i = 0; i < sizeof(misses) / sizeof(misses[0]); i++) {
		snprintf(what, sizeof(what), "no risk: \"%s\"", misses[i]);
		CHECK_INT(match_any(m, misses[i]), 0, what);
	}
	match_free(m);
	unit_put(dir, "risk.csv", "name,pattern\nsuicide,\ncustom,\\bjump\\b\n");
	m = safety_patterns(dir, &conferr);
	CHECK_INT(match_any(m, "suicide"), 0, "risk.csv turns one off");
	CHECK_INT(match_any(m, "I could jump"), 1, "risk.csv adds one");
	match_free(m);
	unit_put(dir, "risk.csv", "name,pattern\nsuicide,\nbad,(\n");
	m = safety_patterns(dir, &conferr);
	CHECK_INT(conferr, 1, "a bad pattern is reported");
	CHECK_INT(match_any(m, "suicide"), 1,
	    "a broken risk.csv falls back to every built-in pattern");
	match_free(m);
	rm("risk.csv");
}

static void
test_country(void)
{
	char cc[3];

	setenv("LC_ALL", "", 1);
	setenv("LANG", "en_AU.UTF-8", 1);
	CHECK_STR(safety_country(dir, cc), "AU", "country from LANG");
	setenv("LC_ALL", "C", 1);
	CHECK_STR(safety_country(dir, cc), "", "LC_ALL=C wins, no country");
	unit_put(dir, "settings.csv", "name,value\ncountry,ie\n");
	CHECK_STR(safety_country(dir, cc), "IE", "setting wins");
	rm("settings.csv");
}

static void
test_show(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	unit_put(dir, "safety-plan.txt", "1. Warning signs: tight chest");
	unit_put(dir, "crisis.txt", "Clinic: 555 0100\n");
	fp = open_memstream(&buf, &len);
	safety_show(fp, dir);
	fclose(fp);
	CHECK_STR(buf, "\n1. Warning signs: tight chest\n\nIf you need "
	    "someone now, people are there to talk to:\nClinic: 555 0100\n\n",
	    "plan and crisis.txt shown, newline added");
	free(buf);
	rm("safety-plan.txt");
	rm("crisis.txt");
}

int
main(void)
{
	dir = unit_scratch("safety");
	test_risk();
	test_country();
	test_show();
	rmdir(dir);
	return unit_done();
}
