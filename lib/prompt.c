/* prompt: questions and answers on the terminal. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prompt.h"
#include "util.h"

#define LINE_MAX_BYTES 8192

struct prompt {
	int in;			/* terminal descriptor we read */
	int ownfd;		/* 1 if we opened in (and close it) */
	FILE *out;
	void (*help)(void *, FILE *);
	void *helparg;
	struct sigaction old[3];
};

static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
static volatile sig_atomic_t gotsig;

static void
onsig(int sig)
{
	gotsig = sig;
}

static void
catch_signals(struct prompt *p)
{
	struct sigaction sa;
	int i;

	/* No SA_RESTART: a pending read(2) must return EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsig;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &p->old[i]);
}

struct prompt *
prompt_open(void)
{
	struct prompt *p;
	int fd;

	p = xcalloc(1, sizeof(*p));
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0) {
		p->in = fd;
		p->ownfd = 1;
		p->out = fdopen(dup(fd), "w");
	} else if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
		p->in = STDIN_FILENO;
		p->out = fdopen(dup(STDERR_FILENO), "w");
	} else {
		st_seterr("there is no terminal to ask questions on");
		free(p);
		return NULL;
	}
	if (p->out == NULL) {
		st_seterr("cannot write to the terminal: %s", strerror(errno));
		if (p->ownfd)
			close(p->in);
		free(p);
		return NULL;
	}
	setvbuf(p->out, NULL, _IOLBF, 0);
	gotsig = 0;
	catch_signals(p);
	return p;
}

void
prompt_close(struct prompt *p)
{
	int i;

	if (p == NULL)
		return;
	fflush(p->out);
	fclose(p->out);
	if (p->ownfd)
		close(p->in);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &p->old[i], NULL);
	free(p);
}

FILE *
prompt_out(struct prompt *p)
{
	return p->out;
}

void
prompt_set_help(struct prompt *p, void (*fn)(void *, FILE *), void *arg)
{
	p->help = fn;
	p->helparg = arg;
}

int
prompt_interrupted(const struct prompt *p)
{
	(void)p;
	return gotsig != 0;
}

/*
 * Read one line from the terminal a byte at a time: the terminal's own
 * line editing does the rest, and nothing is read past the newline.
 * A line ended by end of input instead of a newline counts as end of
 * input, so a half-typed answer is never taken as meant.
 */
static int
readline_tty(struct prompt *p, struct strbuf *sb)
{
	sigset_t block, old;
	fd_set fds;
	ssize_t n;
	int i, rc = PROMPT_ERR;
	char c;

	sb_reset(sb);
	sb_add(sb, "", 0);	/* so sb->s is never NULL */
	/*
	 * The signals are held between the look at gotsig and the wait, and
	 * let in only by pselect as it waits: one that came in between would
	 * otherwise leave read(2) waiting for a key.
	 */
	sigemptyset(&block);
	for (i = 0; i < 3; i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (;;) {
		if (gotsig) {
			rc = PROMPT_INTR;
			break;
		}
		FD_ZERO(&fds);
		FD_SET(p->in, &fds);
		if (pselect(p->in + 1, &fds, NULL, NULL, NULL, &old) == -1) {
			if (errno == EINTR)
				continue;	/* gotsig is looked at above */
			st_seterr("cannot read from the terminal: %s",
			    strerror(errno));
			break;
		}
		n = read(p->in, &c, 1);
		if (n == 1 && c == '\n') {
			rc = PROMPT_OK;
			break;
		}
		if (n == 1) {
			if (sb->len < LINE_MAX_BYTES)
				sb_putc(sb, c);
			continue;
		}
		if (n == 0 || errno == EIO) {
			rc = PROMPT_EOF;
			break;
		}
		if (errno == EINTR || errno == EAGAIN)
			continue;
		st_seterr("cannot read from the terminal: %s", strerror(errno));
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/*
 * Ask a question and read the answer; handles "?" by calling the help
 * function and asking again.  The answer is trimmed.
 */
static int
ask(struct prompt *p, const char *question, struct strbuf *sb, char **ans)
{
	int rc;

	for (;;) {
		fputs(question, p->out);
		fflush(p->out);
		rc = readline_tty(p, sb);
		if (rc != PROMPT_OK)
			return rc;
		*ans = trim(sb->s);
		if (strcmp(*ans, "?") != 0)
			return PROMPT_OK;
		if (p->help != NULL)
			p->help(p->helparg, p->out);
		else
			fputs("There is no extra help here.\n", p->out);
	}
}

#define AGAIN 2	/* a check's answer: explained, ask once more */

/*
 * Ask until check() takes the trimmed answer ("" for Enter): it returns
 * PROMPT_OK or PROMPT_SKIP to end, or AGAIN after explaining on out.
 */
static int
ask_until(struct prompt *p, const char *question,
    int (*check)(const char *, void *, FILE *), void *arg)
{
	struct strbuf sb = { 0 };
	char *ans;
	int rc;

	do {
		if ((rc = ask(p, question, &sb, &ans)) == PROMPT_OK)
			rc = check(ans, arg, p->out);
	} while (rc == AGAIN);
	sb_free(&sb);
	return rc;
}

struct rating {
	long long min, max, *out;
};

static int
check_rating(const char *ans, void *arg, FILE *out)
{
	struct rating *r = arg;
	const char *why;

	if (*ans == '\0')
		return PROMPT_SKIP;
	if (parse_num(ans, r->min, r->max, r->out, &why) == 0)
		return PROMPT_OK;
	fprintf(out, "Please give a whole number from %lld to %lld, or press "
	    "Enter to skip.\n", r->min, r->max);
	return AGAIN;
}

int
prompt_rating(struct prompt *p, const char *question, long long min,
    long long max, long long *out)
{
	struct rating r = { min, max, out };

	return ask_until(p, question, check_rating, &r);
}

struct yesno {
	int def, *out;
};

static int
check_yesno(const char *ans, void *arg, FILE *out)
{
	struct yesno *y = arg;

	if (*ans == '\0')
		*y->out = y->def;
	else if (strcasecmp(ans, "y") == 0 || strcasecmp(ans, "yes") == 0)
		*y->out = 1;
	else if (strcasecmp(ans, "n") == 0 || strcasecmp(ans, "no") == 0)
		*y->out = 0;
	else {
		fputs("Please answer y or n.\n", out);
		return AGAIN;
	}
	return PROMPT_OK;
}

int
prompt_yesno(struct prompt *p, const char *question, int def, int *out)
{
	struct yesno y = { def, out };

	return ask_until(p, question, check_yesno, &y);
}

int
prompt_text(struct prompt *p, const char *question, char **out)
{
	struct strbuf sb = { 0 };
	char *ans;
	int rc;

	rc = ask(p, question, &sb, &ans);
	if (rc == PROMPT_OK && *ans == '\0')
		rc = PROMPT_SKIP;
	if (rc == PROMPT_OK)
		*out = xstrdup(ans);
	sb_free(&sb);
	return rc;
}

/* Run the editor on path through the shell, as git and mail do. */
static int
run_editor(struct prompt *p, const char *path)
{
	const char *ed;
	pid_t pid;
	int status;

	ed = getenv("VISUAL");
	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	pid = fork();
	if (pid == -1) {
		st_seterr("cannot start the editor: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* The editor talks to the terminal even when stdout is a pipe. */
		dup2(p->in, STDIN_FILENO);
		dup2(p->ownfd ? p->in : STDERR_FILENO, STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", ed, path,
		    (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			st_seterr("lost the editor: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		st_seterr("the editor (%s) did not finish cleanly", ed);
		return -1;
	}
	return 0;
}

/* Keep the lines not starting with '#', trailing blank lines trimmed. */
static char *
strip_draft(FILE *fp)
{
	struct strbuf sb = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	sb_add(&sb, "", 0);
	while ((n = getline(&line, &cap, fp)) != -1)
		if (line[0] != '#')
			sb_add(&sb, line, (size_t)n);
	free(line);
	while (sb.len > 0 && (sb.s[sb.len - 1] == '\n' ||
	    sb.s[sb.len - 1] == ' ' || sb.s[sb.len - 1] == '\t'))
		sb.s[--sb.len] = '\0';
	return sb.s;
}

/* Write initial to a new 0600 draft file; returns its path or NULL. */
static char *
new_draft(const char *initial)
{
	const char *tmp = getenv("TMPDIR");
	char *path;
	int fd;

	path = xasprintf("%s/steady-draft.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) == -1) {
		st_seterr("cannot make a draft file: %s", strerror(errno));
		free(path);
		return NULL;
	}
	if (fchmod(fd, 0600) == -1 || (initial != NULL &&
	    write(fd, initial, strlen(initial)) != (ssize_t)strlen(initial)) ||
	    close(fd) == -1) {
		st_seterr("cannot write the draft file: %s", strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

int
prompt_editor(struct prompt *p, const char *initial, char **out)
{
	char *path, *text;
	FILE *fp;
	int rc = PROMPT_ERR;

	if ((path = new_draft(initial)) == NULL)
		return PROMPT_ERR;
	fflush(p->out);
	if (run_editor(p, path) == 0) {
		if ((fp = fopen(path, "r")) == NULL) {
			st_seterr("cannot read the draft: %s", strerror(errno));
		} else {
			text = strip_draft(fp);
			fclose(fp);
			rc = *text ? PROMPT_OK : PROMPT_SKIP;
			if (rc == PROMPT_OK)
				*out = text;
			else
				free(text);
		}
	}
	unlink(path);
	free(path);
	return rc;
}

int
prompt_fd(const struct prompt *p)
{
	return p->in;
}
