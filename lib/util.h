/*
 * util: small helpers every program needs: allocation that cannot fail,
 * one range-checked number parser, a growable string buffer, the library's
 * last error message, and the final check that standard output was written.
 */
#ifndef STEADY_UTIL_H
#define STEADY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#define STEADY_VERSION "0.1.0"

/* Exit statuses, the same in all five programs (steady.7). */
enum {
	EXIT_OK = 0,
	EXIT_ERR = 1,
	EXIT_USAGE = 2,
	EXIT_INTR = 130
};

/*
 * Allocation wrappers: on failure they print "PROG: out of memory" and
 * exit 1.  They are the only functions in lib/ that exit.
 */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * The library's errors: a failing lib/ function returns -1 (or NULL) and
 * leaves a complete sentence here, without the program name, for the
 * program to print.  st_error() is never NULL.
 */
void st_seterr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void st_vseterr(const char *fmt, va_list ap);
const char *st_error(void);

/*
 * Parse a whole decimal integer in [min, max], like OpenBSD strtonum.
 * Leading and trailing spaces are allowed, nothing else.  Returns 0 and
 * stores it in *out, or -1 with *why set to "is not a number", "is too
 * small" or "is too large".
 */
int parse_num(const char *s, long long min, long long max, long long *out,
    const char **why);

/* A growable NUL-terminated byte buffer; zero-initialise before use. */
struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};
void sb_add(struct strbuf *sb, const char *p, size_t n);
void sb_reserve(struct strbuf *sb, size_t n);	/* room for n more and a NUL */
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, int c);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);	/* length 0, memory kept */
void sb_free(struct strbuf *sb);

/*
 * All n bytes of buf written to fd, read from it, or sent on a socket
 * without SIGPIPE should its reader be gone; each goes on through
 * interruptions and short counts.  0, or -1 at an error (errno set) or,
 * reading, at the end before n bytes.
 */
int write_full(int fd, const void *buf, size_t n);
int read_full(int fd, void *buf, size_t n);
int send_full(int fd, const void *buf, size_t n);

/*
 * Flush and close standard output.  Returns 0, or -1 after printing
 * "PROG: write error: REASON" (EPIPE is reported too: the caller decides).
 * Call it once, last, and fold the result into the exit status.
 */
int close_stdout(void);

/*
 * Every message on standard error goes through these, like the BSD warnx
 * and warn ("PROG: text", warn adding ": " and strerror(errno)): the text
 * is formatted whole and every control character in it (C0, tab and
 * newline included, DEL, and C1 written as UTF-8) goes out as "?", on a
 * terminal or not, since a name, a cell or a config line quoted in a
 * message must neither move the cursor nor forge a line of cron's mail.
 * st_errx and st_err then exit with status, in the program's own code.
 */
void st_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void st_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* st_warnx's line written to fp instead (a stream that gathers messages). */
void st_fwarnx(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void st_vfwarnx(FILE *fp, const char *fmt, va_list ap);
#define st_errx(status, ...) (st_warnx(__VA_ARGS__), exit(status))
#define st_err(status, ...) (st_warn(__VA_ARGS__), exit(status))

/* s with its control characters written as "?" (see st_warnx), in place. */
char *defang(char *s);

/*
 * Say what was wrong with an option getopt could not take ("--since
 * needs a value", "-x is not an option"), naming the program the same
 * way however it was run.  Reads getopt's optopt (0 for long options).
 * The caller prints its usage and exits 2.
 */
void warn_option(const char *arg, const char *what);

/*
 * Copy s into buf for quoting in a message: text from a log file may hold
 * control bytes that must not reach the terminal, and a long value is cut
 * after SHOWN_MAX bytes with "...".  Returns buf.
 */
#define SHOWN_MAX 40
const char *shown(const char *s, char buf[SHOWN_MAX + 4]);

/*
 * Open /dev/null on any of descriptors 0, 1 and 2 that is closed (cron
 * and careless parents can start a program so), so that no file opened
 * later is taken for standard input, output or error.  Call it first in
 * main().
 */
void stdio_guard(void);

/*
 * fputs(s, fp), except that when fp is a terminal every control
 * character (C0 but tab, DEL, and C1 written as UTF-8) goes out as "?":
 * text from a log must not move the cursor, retitle the window or
 * answer back.  In a pipe or a file the bytes go out as they are.
 * Returns fputs's result.
 */
int fputs_shown(const char *s, FILE *fp);

/* Trim ASCII white space at both ends, in place; returns s. */
char *trim(char *s);

#endif
