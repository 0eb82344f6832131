/*
 * test_correct: corrections and withdrawals in lib/correct.c, over small
 * logs written to a scratch directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "correct.h"
#include "csvio.h"
#include "unit.h"
#include "util.h"

static char path[1024];

/* The lines of the log at path that a reader honouring a keeps. */
static const char *
kept(const char *file)
{
	static struct strbuf sb;
	struct amends *a;
	struct csvr *r;

	sb_reset(&sb);
	sb_puts(&sb, "");
	if (amends_load(file, &a) == -1 ||
	    (r = csvr_openpath(file, 0)) == NULL)
		return "error";
	while (csvr_next(r) == CSVR_REC)
		if (!amends_hidden(a, r))
			sb_printf(&sb, "%lu;", csvr_line(r));
	csvr_close(r);
	amends_free(a);
	return sb.s;
}

static void
test_none(const char *dir)
{
	struct amends *a = (struct amends *)1;

	snprintf(path, sizeof(path), "%s/plain.csv", dir);
	unit_put(NULL, path, "ts,mood\n2026-11-01T08:00:00+01:00,5\n"
	    "2026-11-01T08:00:00+01:00,6\n");
	CHECK_INT(amends_load(path, &a), 0, "a log without amend loads");
	CHECK(a == NULL, "and has no corrections to honour");
	CHECK_STR(kept(path), "2;3;", "same-second records are both kept");
	snprintf(path, sizeof(path), "%s/none.csv", dir);
	CHECK_INT(amends_load(path, &a), 0, "a missing log loads");
	CHECK(a == NULL, "with nothing to honour");
	CHECK_INT(amends_count(NULL), 0, "NULL counts none");
}

static void
test_hidden(const char *dir)
{
	struct amends *a;

	snprintf(path, sizeof(path), "%s/ts.csv", dir);
	unit_put(NULL, path, "ts,mood,amend\n"
	    "2026-11-01T08:00:00+01:00,5,\n"
	    "2026-11-02T08:00:00+01:00,6,\n"
	    "2026-11-01T08:00:00+01:00,7,correct\n"
	    "2026-11-03T08:00:00+01:00,2,\n"
	    "2026-11-03T08:00:00+01:00,,withdraw\n"
	    "2026-11-01T08:00:00+01:00,8,fixed\n");
	CHECK_STR(kept(path), "3;7;", "the latest correction wins");
	CHECK_INT(amends_load(path, &a), 0, "loads");
	CHECK_INT(amends_count(a), 2, "two keys are superseded");
	amends_free(a);

	snprintf(path, sizeof(path), "%s/id.csv", dir);
	unit_put(NULL, path, "ts,id,peak,amend\n"
	    "2026-11-01T08:00:00+01:00,t1,60,\n"
	    "2026-11-01T08:00:00+01:00,t1-2,50,\n"
	    "2026-11-02T08:00:00+01:00,t1,55,correct\n");
	CHECK_STR(kept(path), "3;4;", "an id is the key where there is one");
	unit_put(NULL, path, "ts,id,peak,amend\n"
	    "2026-11-01T08:00:00+01:00,,60,\n"
	    "2026-11-01T08:00:00+01:00,,,withdraw\n"
	    "2026-11-02T08:00:00+01:00,t2,50,\n");
	CHECK_STR(kept(path), "4;", "an empty id falls back to ts");
}

static void
test_spool(const char *dir)
{
	struct amends *a;
	struct csvr *r;
	FILE *in, *tmp;
	int n = 0;

	snprintf(path, sizeof(path), "%s/stream.csv", dir);
	unit_put(NULL, path, "ts,mood,amend\n"
	    "2026-11-01T08:00:00+01:00,5,\n"
	    "2026-11-01T08:00:00+01:00,,withdraw\n"
	    "2026-11-02T08:00:00+01:00,6,\n");
	unit_must((in = fopen(path, "r")) != NULL, path);
	unit_must((r = csvr_open(in, "(stdin)", 0)) != NULL, "csvr_open");
	CHECK_INT(amends_spool(&r, in, 0, &tmp, &a), 0, "a stream spools");
	CHECK(tmp != NULL && a != NULL, "to a file, with its corrections");
	while (r != NULL && csvr_next(r) == CSVR_REC)
		if (!amends_hidden(a, r)) {
			n++;
			CHECK_INT(csvr_line(r), 4, "lines count as in the stream");
		}
	CHECK_INT(n, 1, "one record is kept");
	csvr_close(r);
	amends_free(a);
	if (tmp != NULL)
		fclose(tmp);
	fclose(in);
	snprintf(path, sizeof(path), "%s/plain.csv", dir);
	unit_must((in = fopen(path, "r")) != NULL, path);
	unit_must((r = csvr_open(in, "(stdin)", 0)) != NULL, "csvr_open");
	CHECK_INT(amends_spool(&r, in, 0, &tmp, &a), 0, "no amend column");
	CHECK(tmp == NULL && a == NULL && r != NULL, "leaves the reader be");
	csvr_close(r);
	fclose(in);
}

/* Logs are private, as steady makes them. */
static void
put_log(const char *text)
{
	unit_put(NULL, path, text);
	unit_must(chmod(path, 0600) == 0, path);
}

static struct amend_done done;

static int
append_kind(const char *key, const char *kind, int withdraw, char **ops,
    size_t n, unsigned long *line)
{
	struct amend_req q = { 0 };
	int rc;

	q.key = key;
	q.kind = kind;
	q.withdraw = withdraw;
	q.ops = ops;
	q.nops = n;
	rc = amend_append(path, &q, &done);
	*line = done.line;
	return rc;
}

static int
append(const char *key, int withdraw, char **ops, size_t n,
    unsigned long *line)
{
	return append_kind(key, NULL, withdraw, ops, n, line);
}

static const char *
slurp(void)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

static void
test_append(const char *dir)
{
	char *fix[] = { "mood=7", "note=a, b" }, *bad[] = { "nope=1" };
	char *key[] = { "ts=2026-11-05" }, *twice[] = { "mood=1", "mood=2" };
	char want[1200];
	unsigned long line;

	snprintf(path, sizeof(path), "%s/checkin.csv", dir);
	CHECK_INT(append("2026-11-01T08:00", 1, NULL, 0, &line), AMEND_ERR,
	    "no log: nothing to correct");
	put_log( "ts,mood,note\n"
	    "2026-11-01T08:00:00+01:00,5,first\n"
	    "2026-11-02T08:00:00+01:00,6,\n");
	CHECK_INT(append("2026-11-01T08:00", 0, fix, 2, &line), 0,
	    "a correction is appended");
	CHECK_INT(line, 2, "naming the line it supersedes");
	CHECK_STR(slurp(), "ts,mood,note,amend\n"
	    "2026-11-01T08:00:00+01:00,5,first,\n"
	    "2026-11-02T08:00:00+01:00,6,,\n"
	    "2026-11-01T08:00:00+01:00,7,\"a, b\",correct\n",
	    "after the amend column is added");
	CHECK_INT(append("2026-11-01T07:00:00Z", 1, NULL, 0, &line), 0,
	    "the same moment in another zone finds it");
	CHECK_INT(line, 4, "the correction is what is withdrawn");
	CHECK_INT(append("2026-11-01T08:00", 1, NULL, 0, &line), AMEND_ERR,
	    "a withdrawn record cannot be withdrawn again");
	snprintf(want, sizeof(want), "%s:5: the record for 2026-11-01T08:00 "
	    "is withdrawn already", path);
	CHECK_STR(st_error(), want, "saying so, with the withdrawal's line");
	CHECK_INT(append("2026-11-09", 1, NULL, 0, &line), AMEND_ERR,
	    "an unknown key");
	CHECK_INT(append("2026-11-02T08:00", 0, bad, 1, &line), AMEND_USAGE,
	    "a column the log lacks");
	CHECK_STR(st_error(), "nope: the log has no such column", "is named");
	CHECK_INT(append("2026-11-02T08:00", 0, key, 1, &line), AMEND_USAGE,
	    "ts is the key of a record without id");
	CHECK_INT(append("2026-11-02T08:00", 0, twice, 2, &line), AMEND_USAGE,
	    "a column given twice");
	CHECK_INT(append("2026-11-02T08:00", 0, NULL, 0, &line), AMEND_USAGE,
	    "a correction with nothing to correct");
	CHECK_INT(append("2026-11-02T08:00", 1, fix, 1, &line), AMEND_USAGE,
	    "a withdrawal with operands");
	CHECK_STR(kept(path), "3;", "one record is left in effect");
}

static void
test_ambiguous(const char *dir)
{
	char *ts[] = { "ts=2026-11-03T09:00:00+01:00" }, *fix[] = { "peak=55" };
	char want[1200];
	unsigned long line;

	snprintf(path, sizeof(path), "%s/trials.csv", dir);
	put_log( "ts,id,peak\n"
	    "2026-11-01T08:00:00+01:00,,60\n"
	    "2026-11-01T08:00:00+01:00,,50\n"
	    "2026-11-02T08:00:00+01:00,t2,40\n");
	CHECK_INT(append("2026-11-01T08:00", 1, NULL, 0, &line), AMEND_ERR,
	    "two different records of one second are not withdrawn");
	snprintf(want, sizeof(want), "%s:3: line 2 is for 2026-11-01T08:00 "
	    "too, and the two differ: correct the record to what should "
	    "count, which then replaces both, and withdraw that if neither "
	    "should", path);
	CHECK_STR(st_error(), want, "saying how to choose");
	CHECK_INT(append("t2", 0, ts, 1, &line), 0,
	    "ts of a record with an id can be corrected");
	CHECK_STR(kept(path), "2;3;5;", "by its id");
	CHECK_INT(append("2026-11-01T08:00", 0, fix, 1, &line), 0,
	    "a correction of two records of one second");
	CHECK(done.n == 2 && done.first == 2 && done.line == 3 &&
	    !done.copies, "names both");
	CHECK_STR(kept(path), "5;6;", "and replaces both");
	CHECK(strstr(slurp(), "\n2026-11-01T08:00:00+01:00,,55,correct\n") !=
	    NULL, "from the later one, corrected");
}

static void
test_copies(const char *dir)
{
	char want[1200];
	unsigned long line;

	snprintf(path, sizeof(path), "%s/twice.csv", dir);
	put_log( "ts,mood,note\n"
	    "2026-11-01T08:00:00+01:00,5,\n"
	    "2026-11-02T08:00:00+01:00,6,walk\n"
	    "2026-11-02T08:00:00+01:00,6,walk\n");
	CHECK_INT(append("2026-11-02T08:00", 1, NULL, 0, &line), 0,
	    "a record saved twice is taken back to one");
	CHECK(done.n == 2 && done.first == 3 && done.line == 4 &&
	    done.copies, "said to be copies");
	CHECK_STR(slurp(), "ts,mood,note,amend\n"
	    "2026-11-01T08:00:00+01:00,5,,\n"
	    "2026-11-02T08:00:00+01:00,6,walk,\n"
	    "2026-11-02T08:00:00+01:00,6,walk,\n"
	    "2026-11-02T08:00:00+01:00,6,walk,correct\n",
	    "by a correction that repeats it");
	CHECK_STR(kept(path), "2;5;", "so it counts once");
	CHECK_INT(append("2026-11-02T08:00", 1, NULL, 0, &line), 0,
	    "then the one left can be withdrawn");
	CHECK(done.n == 1 && !done.copies, "as one record");
	CHECK_STR(kept(path), "2;", "and none counts");
	CHECK_INT(append("2026-11-02T08:00", 1, NULL, 0, &line), AMEND_ERR,
	    "and not again");
	snprintf(want, sizeof(want), "%s:6: the record for 2026-11-02T08:00 "
	    "is withdrawn already", path);
	CHECK_STR(st_error(), want, "saying so");
}

/* A promise record: outcomes share their promise's id. */
static void
test_acts(const char *dir)
{
	char *who[] = { "who=Sam" }, *kind[] = { "kind=missed" };
	char want[1200];
	unsigned long line;

	snprintf(path, sizeof(path), "%s/promise.csv", dir);
	put_log("ts,kind,id,who,what,by,ahead,note\n"
	    "2026-11-01T08:00:00+01:00,made,1,,home by six,,,\n"
	    "2026-11-01T08:00:00+01:00,kept,1,,home by six,,,\n"
	    "2026-11-01T09:00:00+01:00,made,2,,call,,,\n"
	    "2026-11-01T10:00:00+01:00,renegotiated,2,,call,,yes,\n"
	    "2026-11-01T11:00:00+01:00,renegotiated,2,,call,,yes,\n");
	CHECK_INT(append_kind("1", "kept", 1, NULL, 0, &line), 0,
	    "an outcome is withdrawn by kind and id");
	CHECK_INT(line, 3, "the outcome, not the promise");
	CHECK_STR(kept(path), "2;4;5;6;", "the promise stays");
	CHECK_INT(append_kind("1", "made", 0, who, 1, &line), 0,
	    "a promise is corrected");
	CHECK_STR(kept(path), "4;5;6;8;", "and only it is replaced");
	CHECK_INT(append_kind("1", "made", 0, kind, 1, &line), AMEND_USAGE,
	    "its kind says which record it is");
	CHECK_INT(append_kind("2", "renegotiated", 1, NULL, 0, &line),
	    AMEND_ERR, "two renegotiations need a time");
	snprintf(want, sizeof(want), "%s:6: line 5 is for 2 too; give the "
	    "time of the one you mean", path);
	CHECK_STR(st_error(), want, "saying so");
	CHECK_INT(append_kind("2026-11-01T10:00", "renegotiated", 1, NULL, 0,
	    &line), 0, "by its time");
	CHECK_STR(kept(path), "4;6;8;", "one of them");
	CHECK(strstr(slurp(), "\n2026-11-01T10:00:00+01:00,renegotiated,2,"
	    ",,,,,withdraw\n") != NULL, "a withdrawal keeps ts, kind and id");
}

int
main(void)
{
	const char *dir = unit_scratch("correct");

	/* Records are written at +01:00; keys given without an offset are
	 * read in this zone. */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();

	test_none(dir);
	test_hidden(dir);
	test_spool(dir);
	test_append(dir);
	test_ambiguous(dir);
	test_copies(dir);
	test_acts(dir);
	return unit_done();
}
