/*
 * Unit tests for lib/prompt, on a real pseudo-terminal: a child process
 * takes the terminal as its controlling one and answers questions typed
 * by the parent; it reports what the functions returned through a pipe.
 */
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prompt.h"
#include "unit.h"
#include "util.h"

static int helped;

static void
help(void *arg, FILE *out)
{
	(void)arg;
	fputs("HELP\n", out);
	helped++;
}

/* The child: ask a fixed series of questions, report each result. */
static void
ask_series(FILE *rep)
{
	struct prompt *p;
	long long v = -99;
	char *s = NULL;
	int rc, yn = -1;

	if ((p = prompt_open()) == NULL) {
		fprintf(rep, "open failed: %s\n", st_error());
		return;
	}
	prompt_set_help(p, help, NULL);
	rc = prompt_rating(p, "R1? ", 0, 10, &v);
	fprintf(rep, "%d %lld\n", rc, v);
	rc = prompt_rating(p, "R2? ", 0, 10, &v);
	fprintf(rep, "%d\n", rc);
	rc = prompt_rating(p, "R3? ", -2, 2, &v);
	fprintf(rep, "%d %lld\n", rc, v);
	rc = prompt_yesno(p, "Y1? ", 1, &yn);
	fprintf(rep, "%d %d\n", rc, yn);
	rc = prompt_yesno(p, "Y2? ", 1, &yn);
	fprintf(rep, "%d %d\n", rc, yn);
	rc = prompt_text(p, "T1? ", &s);
	fprintf(rep, "%d [%s]\n", rc, rc == PROMPT_OK ? s : "");
	free(s);
	rc = prompt_rating(p, "R4? ", 0, 10, &v);
	fprintf(rep, "%d %lld %d\n", rc, v, helped);
	rc = prompt_text(p, "T2? ", &s);
	fprintf(rep, "%d\n", rc);
	fprintf(rep, "fd %d\n", isatty(prompt_fd(p)));
	prompt_close(p);
}

/* Type everything in the parent, then drain what the terminal shows. */
static void
type_and_drain(int master, pid_t pid, struct strbuf *shown)
{
	static const char input[] = "11\n7\n\n+2\n\nmaybe\nn\n"
	    "  hello there \n?\n3\n\x04";
	char buf[512];
	ssize_t n;
	int status;

	if (write(master, input, sizeof(input) - 1) < 0)
		return;
	while ((n = read(master, buf, sizeof(buf))) > 0)
		sb_add(shown, buf, (size_t)n);
	waitpid(pid, &status, 0);
}

int
main(void)
{
	struct strbuf shown = { 0 }, rep = { 0 };
	char buf[512];
	int master, slave, fds[2];
	ssize_t n;
	pid_t pid;
	FILE *fp;

	if (openpty(&master, &slave, NULL, NULL, NULL) == -1 || pipe(fds))
		return 2;
	if ((pid = fork()) == 0) {
		close(master);
		close(fds[0]);
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		fp = fdopen(fds[1], "w");
		ask_series(fp);
		fclose(fp);
		_exit(0);
	}
	close(slave);
	close(fds[1]);
	type_and_drain(master, pid, &shown);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		sb_add(&rep, buf, (size_t)n);
	CHECK_STR(rep.s, "0 7\n1\n0 2\n0 1\n0 0\n0 [hello there]\n0 3 1\n-1\n"
	    "fd 1\n", "answers, skips, re-asks, help, end of input and the "
	    "terminal's descriptor");
	CHECK(strstr(shown.s, "Please give a whole number from 0 to 10, or "
	    "press Enter to skip.") != NULL, "an out-of-range answer is "
	    "explained");
	CHECK(strstr(shown.s, "Please answer y or n.") != NULL,
	    "a yes/no answer that is neither is explained");
	CHECK(strstr(shown.s, "HELP") != NULL, "? calls the help function");
	sb_free(&shown);
	sb_free(&rep);
	close(master);
	close(fds[0]);
	return unit_done();
}
