/* util: allocation, numbers, string buffers, errors, stdout check. */
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

extern char *program_invocation_short_name;

static char errbuf[1024];

#ifdef STEADY_FAULTS
/*
 * The fault build (make faults): with STEADY_FAIL_ALLOC=N the Nth
 * allocation through these wrappers fails, so tests can walk every one.
 */
static int
fail_now(void)
{
	static long long left = -1;
	const char *v, *why;

	if (left == -1) {
		v = getenv("STEADY_FAIL_ALLOC");
		if (v == NULL || parse_num(v, 1, LLONG_MAX - 1, &left,
		    &why) == -1)
			left = LLONG_MAX;
	}
	return left != LLONG_MAX && --left == 0;
}
#define FAIL_NOW() fail_now()
#else
#define FAIL_NOW() 0
#endif

static void
nomem(void)
{
	fprintf(stderr, "%s: out of memory\n", program_invocation_short_name);
	exit(EXIT_ERR);
}

void *
xmalloc(size_t n)
{
	void *p = FAIL_NOW() ? NULL : malloc(n ? n : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = FAIL_NOW() ? NULL : calloc(nmemb ? nmemb : 1,
	    size ? size : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = FAIL_NOW() ? NULL : realloc(p, n ? n : 1);

	if (q == NULL)
		nomem();
	return q;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		nomem();
	return xrealloc(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *
xasprintf(const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (sb.s == NULL)
		sb_add(&sb, "", 0);
	return sb.s;
}

void
st_vseterr(const char *fmt, va_list ap)
{
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
}

void
st_seterr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	st_vseterr(fmt, ap);
	va_end(ap);
}

const char *
st_error(void)
{
	return errbuf;
}

int
parse_num(const char *s, long long min, long long max, long long *out,
    const char **why)
{
	char *end;
	long long v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0' || (!isdigit((unsigned char)*s) && *s != '-' &&
	    *s != '+')) {
		*why = "is not a number";
		return -1;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || !isdigit((unsigned char)end[-1])) {
		*why = "is not a number";
		return -1;
	}
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0') {
		*why = "is not a number";
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*why = "is too small";
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*why = "is too large";
		return -1;
	}
	*out = v;
	return 0;
}

static void
sb_grow(struct strbuf *sb, size_t n)
{
	size_t cap;

	if (sb->len + n + 1 <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + n + 1) {
		if (cap > SIZE_MAX / 2)
			nomem();
		cap *= 2;
	}
	sb->s = xrealloc(sb->s, cap);
	sb->cap = cap;
}

void
sb_reserve(struct strbuf *sb, size_t n)
{
	sb_grow(sb, n);
}

void
sb_add(struct strbuf *sb, const char *p, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	/* An empty array may come as NULL, which memcpy must not see. */
	if (n > 0)
		memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_putc(struct strbuf *sb, int c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->s[sb->len++] = (char)c;
	sb->s[sb->len] = '\0';
}

void
sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

void
sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

void
sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

enum io { IO_WRITE, IO_READ, IO_SEND };

static int
io_full(int fd, char *p, size_t n, enum io how)
{
	ssize_t k;

	while (n > 0) {
		k = how == IO_READ ? read(fd, p, n) : how == IO_SEND ?
		    send(fd, p, n, MSG_NOSIGNAL) : write(fd, p, n);
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int
write_full(int fd, const void *buf, size_t n)
{
	return io_full(fd, (char *)(uintptr_t)buf, n, IO_WRITE);
}

int
read_full(int fd, void *buf, size_t n)
{
	return io_full(fd, buf, n, IO_READ);
}

int
send_full(int fd, const void *buf, size_t n)
{
	return io_full(fd, (char *)(uintptr_t)buf, n, IO_SEND);
}

int
close_stdout(void)
{
	int bad = ferror(stdout);

	if (fclose(stdout) != 0 || bad) {
		fprintf(stderr, "%s: write error: %s\n",
		    program_invocation_short_name,
		    errno ? strerror(errno) : "unknown");
		return -1;
	}
	return 0;
}

void
stdio_guard(void)
{
	int fd, nfd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* The lowest free descriptor is the one that was closed. */
		nfd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (nfd != -1 && nfd != fd)
			close(nfd);
	}
}

/* Is fp a terminal?  Asked once for each of the standard streams. */
static int
is_tty(FILE *fp)
{
	static signed char known[3] = { -1, -1, -1 };
	int fd = fileno(fp);

	if (fd < 0)
		return 0;
	if (fd > 2)
		return isatty(fd);
	if (known[fd] == -1)
		known[fd] = (signed char)isatty(fd);
	return known[fd];
}

int
fputs_shown(const char *s, FILE *fp)
{
	const unsigned char *p = (const unsigned char *)s, *run;

	if (!is_tty(fp))
		return fputs(s, fp);
	while (*p != '\0') {
		for (run = p; *p != '\0' && (*p >= 0x20 || *p == '\t') &&
		    *p != 0x7f && !(p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f); p++)
			;
		if (p > run && fwrite(run, 1, (size_t)(p - run), fp) !=
		    (size_t)(p - run))
			return EOF;
		if (*p == '\0')
			break;
		/* A C1 control is two bytes in UTF-8; "?" stands for both. */
		p += *p == 0xc2 ? 2 : 1;
		if (putc('?', fp) == EOF)
			return EOF;
	}
	return 0;
}

char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

void
warn_option(const char *arg, const char *what)
{
	if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		st_warnx("-%c %s", optopt, what);
	else
		st_warnx("%s %s", arg, what);
}

char *
defang(char *s)
{
	unsigned char *p = (unsigned char *)s, *q = p;

	for (; *p != '\0'; p++) {
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* A C1 control is two bytes in UTF-8; "?" stands for both. */
			*q++ = '?';
			p++;
		} else {
			*q++ = *p < 0x20 || *p == 0x7f ? '?' : *p;
		}
	}
	*q = '\0';
	return s;
}

/* One whole line on stderr, so that writers never interleave within it. */
static void
message(FILE *fp, const char *why, const char *fmt, va_list ap)
{
	struct strbuf sb = { 0 };
	size_t n;

	sb_printf(&sb, "%s: ", program_invocation_short_name);
	n = sb.len;
	sb_vprintf(&sb, fmt, ap);
	defang(sb.s + n);
	if (why != NULL)
		sb_printf(&sb, ": %s", why);
	sb_putc(&sb, '\n');
	fputs(sb.s, fp);
	sb_free(&sb);
}

void
st_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(stderr, NULL, fmt, ap);
	va_end(ap);
}

void
st_vfwarnx(FILE *fp, const char *fmt, va_list ap)
{
	message(fp, NULL, fmt, ap);
}

void
st_fwarnx(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(fp, NULL, fmt, ap);
	va_end(ap);
}

void
st_warn(const char *fmt, ...)
{
	const char *why = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	message(stderr, why, fmt, ap);
	va_end(ap);
}

const char *
shown(const char *s, char buf[SHOWN_MAX + 4])
{
	size_t i;

	for (i = 0; s[i] != '\0' && i < SHOWN_MAX; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (s[i] != '\0') {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}
