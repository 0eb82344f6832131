/* Unit tests for lib/practice: what a plan can name, and the messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "practice.h"
#include "unit.h"
#include "util.h"

static const char *dir;

static void
test_exercises(void)
{
	CHECK_INT(practice_known(AS_GROUND, "box", dir, dir), 1, "box");
	CHECK_INT(practice_known(AS_GROUND, "", dir, dir), 1, "any exercise");
	CHECK_INT(practice_known(AS_GROUND, "yoga", dir, dir), 0, "not yoga");
	CHECK_STR(st_error(), "there is no grounding exercise \"yoga\"; the "
	    "exercises are box, 478, slow, sigh, 54321, pause and check",
	    "the built-in exercises are named");
	unit_put(dir, "exercises.csv", "name,text,seconds\n"
	    "calm,Breathe,4\ncalm,Rest,4\nbox,Hold,4\n");
	CHECK_INT(practice_known(AS_GROUND, "calm", dir, dir), 1,
	    "one's own exercise");
	CHECK_INT(practice_known(AS_GROUND, "yoga", dir, dir), 0, "still not");
	CHECK_STR(st_error(), "there is no grounding exercise \"yoga\"; the "
	    "exercises are box, 478, slow, sigh, 54321, pause, check and "
	    "calm", "one's own named once, after the built-in ones");
	unit_put(dir, "exercises.csv", "name,text,seconds\n\"calm\n");
	CHECK_INT(practice_known(AS_GROUND, "calm", dir, dir), -1,
	    "an exercises.csv that cannot be read");
	CHECK(strstr(st_error(), "exercises.csv:2:") != NULL, "its line");
}

static void
test_reflections(void)
{
	CHECK_INT(practice_known(AS_REFLECT, "thought", dir, dir), 1,
	    "thought");
	CHECK_INT(practice_known(AS_REFLECT, "diary", dir, dir), 0, "diary");
	CHECK_STR(st_error(), "there is no kind of reflection \"diary\"; the "
	    "kinds are journal, thought, exposure, weekly and experiment",
	    "the kinds are named");
}

static void
test_steps(void)
{
	CHECK_INT(practice_known(AS_LADDER, "3", dir, dir), 0, "no ladder");
	CHECK_STR(st_error(), "there is no ladder step \"3\", as the ladder "
	    "has no steps yet (ladder add makes one); leave what empty to "
	    "plan any exposure trial", "no steps yet, said so");
	unit_put(dir, "ladder.csv", "id,step,suds\n1,call my sister,40\n"
	    "2,read the old messages,70\n");
	CHECK_INT(practice_known(AS_LADDER, "2", dir, dir), 1, "by its id");
	CHECK_INT(practice_known(AS_LADDER, "call my sister", dir, dir), 1,
	    "by its words");
	CHECK_INT(practice_known(AS_LADDER, "3", dir, dir), 0, "no step 3");
	CHECK_STR(st_error(), "there is no ladder step \"3\"; name one by its "
	    "id or its words: 1 (call my sister), 2 (read the old messages)",
	    "the steps are named");
	CHECK_INT(practice_known(AS_OTHER, "a walk", dir, dir), 1,
	    "other: anything in words");
}

int
main(void)
{
	dir = unit_scratch("practice");
	test_exercises();
	test_reflections();
	test_steps();
	return unit_done();
}
