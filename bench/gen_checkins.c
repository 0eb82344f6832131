/*
 * gen_checkins: write a made-up check-in log of N rows to standard output,
 * for timing the reader on something shaped like a real log.
 *
 *	gen_checkins 2000000 >checkins.csv
 *
 * The columns are ts,client,mood,trust,safety,distress,arousal,note.  A
 * thousand clients check in, so the clock moves on by a few seconds a row.
 * Of the notes, about 30% are empty, 35% are a short phrase, 32% a word or
 * two, and 3% hold a comma and so are quoted; one short note in twenty
 * holds a line break, written as the log writes it: "\n".  The numbers
 * come from a fixed linear congruential generator, so the same N always
 * gives the same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const phrases[] = {
	"slept badly", "kept our agreement about phones", "walked the dog",
	"talked it through calmly", "set a boundary and kept it",
	"old messages came back to mind", "used the breathing",
	"call with my sister", "therapy today", "a good morning",
	"argued about money", "felt watched", "he was honest about it",
	"the anniversary is coming", "quiet evening at home",
	"read before bed", "long day at work", "cried in the car"
};

static const char *const words[] = {
	"ok", "tired", "calm", "better", "anxious", "numb", "hopeful",
	"flat", "angry", "rested", "so-so", "fine"
};

/* Quoted in the log: each holds the separator. */
static const char *const commas[] = {
	"tired, but ok", "talked, then slept", "better, mostly",
	"a hard day, again", "calm, for once"
};

static uint64_t seed = 20261123;

/* The high bits of a 64-bit LCG are the well mixed ones. */
static uint32_t
next_rand(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(seed >> 33);
}

static unsigned
pick(unsigned n)
{
	return next_rand() % n;
}

static void
put_note(void)
{
	unsigned k = pick(100);

	if (k < 30)
		return;
	if (k < 65) {
		fputs(phrases[pick(NELEM(phrases))], stdout);
		if (pick(20) == 0) {
			fputs("\\n", stdout);
			fputs(phrases[pick(NELEM(phrases))], stdout);
		}
	} else if (k < 97)
		fputs(words[pick(NELEM(words))], stdout);
	else
		printf("\"%s\"", commas[pick(NELEM(commas))]);
}

static void
put_row(time_t t)
{
	struct tm tm;
	char ts[32];

	/* Local time one hour east of UTC, whatever TZ says. */
	t += 3600;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S+01:00", &tm) == 0)
		abort();
	printf("%s,c%04u,%u,%u,%u,%u,%d,", ts, 1 + pick(1000), pick(11),
	    pick(11), pick(11), pick(11), (int)pick(5) - 2);
	put_note();
	putchar('\n');
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 16];
	unsigned long long i, n;
	time_t t = 1704067200;	/* 2024-01-01T00:00:00Z */
	char *end;

	if (argc != 2 || argv[1][0] < '0' || argv[1][0] > '9') {
		fprintf(stderr, "usage: gen_checkins rows\n");
		return 2;
	}
	errno = 0;
	n = strtoull(argv[1], &end, 10);
	if (errno != 0 || *end != '\0') {
		fprintf(stderr, "gen_checkins: %s: bad row count\n", argv[1]);
		return 2;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	fputs("ts,client,mood,trust,safety,distress,arousal,note\n", stdout);
	for (i = 0; i < n; i++) {
		t += 1 + pick(57);
		put_row(t);
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("gen_checkins: stdout");
		return 1;
	}
	return 0;
}
