/*
 * csvio_speed: time the CSV reader of lib/csvio.c on a file.
 *
 *	csvio_speed [-pu] file [column]
 *
 * Reads every record, sums column (default "mood") with strtod and counts
 * good and bad records, the least work a report does per row.  -p opens
 * the file with csvr_openpath instead of fopen and csvr_open; -u reads
 * with CSVR_UNESCAPE, as for a log.  Prints the counts, the sum, and the
 * wall time and speed of the whole run, open to close (MB = 10^6 bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csvio.h"
#include "util.h"

struct tally {
	unsigned long good, bad;
	double sum;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct csvr *
open_reader(const char *path, int bypath, int flags, FILE **fpp)
{
	*fpp = NULL;
	if (bypath)
		return csvr_openpath(path, flags);
	if ((*fpp = fopen(path, "r")) == NULL) {
		st_seterr("%s: cannot open", path);
		return NULL;
	}
	return csvr_open(*fpp, path, flags);
}

/* Returns 0 at the end of the input, -1 on a read error. */
static int
run(struct csvr *r, int col, struct tally *t)
{
	const char *f;
	int c;

	while ((c = csvr_next(r)) != CSVR_EOF) {
		if (c == CSVR_ERR)
			return -1;
		if (c == CSVR_BAD) {
			t->bad++;
			continue;
		}
		t->good++;
		if ((f = csvr_field(r, (size_t)col)) != NULL && *f != '\0')
			t->sum += strtod(f, NULL);
	}
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: csvio_speed [-pu] file [column]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct tally t = { 0, 0, 0 };
	struct csvr *r;
	struct stat st;
	const char *colname = "mood";
	FILE *fp;
	double t0, secs;
	int ch, bypath = 0, flags = 0, col, rc;

	while ((ch = getopt(argc, argv, "pu")) != -1) {
		if (ch == 'p')
			bypath = 1;
		else if (ch == 'u')
			flags |= CSVR_UNESCAPE;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		usage();
	if (argc == 2)
		colname = argv[1];
	if (stat(argv[0], &st) == -1) {
		perror(argv[0]);
		return 1;
	}
	t0 = now();
	if ((r = open_reader(argv[0], bypath, flags, &fp)) == NULL) {
		fprintf(stderr, "csvio_speed: %s\n", st_error());
		return 1;
	}
	if ((col = csvr_col(r, colname)) < 0) {
		fprintf(stderr, "csvio_speed: no column \"%s\"\n", colname);
		return 1;
	}
	if ((rc = run(r, col, &t)) != 0)
		fprintf(stderr, "csvio_speed: %s\n", st_error());
	csvr_close(r);
	if (fp != NULL)
		fclose(fp);
	secs = now() - t0;
	printf("records %lu bad %lu sum %.0f bytes %lld secs %.3f MB/s %.1f\n",
	    t.good, t.bad, t.sum, (long long)st.st_size, secs,
	    (double)st.st_size / 1e6 / secs);
	return rc != 0;
}
