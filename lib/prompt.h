/*
 * prompt: talking with the person at the terminal.  Questions go to and
 * answers come from /dev/tty (or standard input and standard error when
 * they are the terminal), never standard output, so a program can ask
 * questions while its records flow down a pipe.  Ctrl-C, end of input and
 * a closed terminal are reported, never hidden, so the caller can save
 * nothing.  Typing "?" at any question calls the help function (steady
 * shows the safety plan there) and asks again.
 */
#ifndef STEADY_PROMPT_H
#define STEADY_PROMPT_H

#include <stdio.h>

/* Results of the asking functions. */
#define PROMPT_OK	0	/* an answer is in *out */
#define PROMPT_SKIP	1	/* the person pressed Enter: no answer */
#define PROMPT_EOF	(-1)	/* end of input or the terminal went away */
#define PROMPT_INTR	(-2)	/* Ctrl-C (or SIGTERM/SIGHUP) */
#define PROMPT_ERR	(-3)	/* I/O error; st_error() says which */

struct prompt;

/*
 * Open the terminal.  Returns NULL (st_error() set) when there is none.
 * Installs handlers for SIGINT, SIGTERM and SIGHUP that make a pending
 * read return PROMPT_INTR; prompt_close() restores the old ones.
 */
struct prompt *prompt_open(void);
void prompt_close(struct prompt *p);

/* The stream to write to the person on (line buffered, flushed on ask). */
FILE *prompt_out(struct prompt *p);

/* fn(arg, out) is called when the person types "?" at any question. */
void prompt_set_help(struct prompt *p, void (*fn)(void *, FILE *),
    void *arg);

/* 1 once a SIGINT, SIGTERM or SIGHUP has arrived since prompt_open(). */
int prompt_interrupted(const struct prompt *p);

/*
 * Ask for a whole number in [min, max]; an answer outside it, or not a
 * number, is explained and asked again.  "+2" is read as 2.
 */
int prompt_rating(struct prompt *p, const char *question, long long min,
    long long max, long long *out);

/* Ask yes or no; Enter gives def (1 yes, 0 no).  Never PROMPT_SKIP. */
int prompt_yesno(struct prompt *p, const char *question, int def, int *out);

/* Ask for one line of text; *out is malloc'd, without the newline. */
int prompt_text(struct prompt *p, const char *question, char **out);

/*
 * Let the person write in $VISUAL, else $EDITOR, else vi, starting from
 * initial (may be NULL).  Lines starting with '#' are dropped, trailing
 * blank lines trimmed.  The draft lives in a 0600 temporary file that is
 * removed afterwards.  PROMPT_SKIP when nothing is left, PROMPT_ERR when
 * the editor fails.
 */
int prompt_editor(struct prompt *p, const char *initial, char **out);

/*
 * The terminal descriptor the questions are read from, for a program
 * that also reads single keys there (lib/clock).  Owned by p.
 */
int prompt_fd(const struct prompt *p);

#endif
