/* clock: the time of an exercise or a trial, and single keys meanwhile. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "util.h"

static int virt;		/* 1: STEADY_CLOCK=virtual */
static double vnow;		/* the virtual clock's reading */
static double pause_at = -1;	/* STEADY_CLOCK_PAUSE, -1 when unset */
static struct timespec start;	/* the real clock at clk_init() */
static int (*stopped)(void);	/* clk_set_stopped() */

/* The terminal settings clk_keys_on() found, for clk_keys_off(). */
static struct termios saved, keys;
static volatile sig_atomic_t keys_fd = -1;
static int atexit_done, tstp_caught;
static struct sigaction old_tstp;

int
clk_parse_secs(const char *s, double max, double *out, const char **why)
{
	char ipart[24], *dot;
	const char *frac = "";
	long long whole, f = 0;
	size_t n, i;

	*why = "is not a number";
	n = strlen(s);
	if (n == 0 || n >= sizeof(ipart))
		return -1;
	memcpy(ipart, s, n + 1);
	if ((dot = strchr(ipart, '.')) != NULL) {
		*dot = '\0';
		frac = dot + 1;
		if (*frac == '\0' || strlen(frac) > 3 || *ipart == '\0')
			return -1;
		for (i = 0; frac[i]; i++)
			if (frac[i] < '0' || frac[i] > '9')
				return -1;
		f = strtol(frac, NULL, 10);
		for (i = strlen(frac); i < 3; i++)
			f *= 10;
	}
	if (*ipart == '+' || *ipart == '-' ||
	    parse_num(ipart, 0, (long long)max, &whole, why) == -1)
		return -1;
	if ((double)whole + f / 1000.0 > max) {
		*why = "is too large";
		return -1;
	}
	*out = (double)whole + f / 1000.0;
	return 0;
}

int
clk_init(void)
{
	const char *c = getenv("STEADY_CLOCK");
	const char *p = getenv("STEADY_CLOCK_PAUSE");
	const char *why;

	virt = 0;
	vnow = 0;
	pause_at = -1;
	if (c != NULL && *c != '\0' && strcmp(c, "real") != 0) {
		if (strcmp(c, "virtual") != 0) {
			st_seterr("STEADY_CLOCK=%s: it is \"real\" or "
			    "\"virtual\"", c);
			return -1;
		}
		virt = 1;
	}
	if (p != NULL && *p != '\0' &&
	    clk_parse_secs(p, CLK_SECS_MAX, &pause_at, &why) == -1) {
		st_seterr("STEADY_CLOCK_PAUSE=%s %s (seconds, like 12 or "
		    "12.5)", p, why);
		pause_at = -1;
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	return 0;
}

double
clk_now(void)
{
	struct timespec t;

	if (virt)
		return vnow;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - start.tv_sec) +
	    (double)(t.tv_nsec - start.tv_nsec) / 1e9;
}

/* Read the byte poll(2) found on fd. */
static int
take_key(int fd)
{
	unsigned char c;
	ssize_t n;

	n = read(fd, &c, 1);
	if (n == 1)
		return c;
	if (n == 0 || errno == EIO)
		return CLK_EOF;
	if (errno == EINTR)
		return CLK_INTR;
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		return CLK_TIMEOUT;
	st_seterr("cannot read a key: %s", strerror(errno));
	return CLK_ERR;
}

void
clk_set_stopped(int (*fn)(void))
{
	stopped = fn;
}

/*
 * Wait up to ms milliseconds (-1: for ever) for a byte on fd (or only
 * time, or a signal, when fd < 0).
 */
static int
poll_once(int fd, int ms)
{
	struct pollfd pfd;
	int n;

	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	n = poll(fd >= 0 ? &pfd : NULL, fd >= 0 ? 1 : 0, ms);
	if (n == 0)
		return CLK_TIMEOUT;
	if (n < 0) {
		if (errno == EINTR)
			return CLK_INTR;
		st_seterr("cannot wait for a key: %s", strerror(errno));
		return CLK_ERR;
	}
	if (pfd.revents & POLLIN)
		return take_key(fd);
	if (pfd.revents & POLLNVAL) {
		st_seterr("cannot wait for a key: the descriptor is closed");
		return CLK_ERR;
	}
	return CLK_EOF;		/* POLLHUP or POLLERR without data */
}

/* poll_once() in slices, so a signal that came too early is seen. */
static int
poll_key(int fd, int ms)
{
	int rc, slice;

	for (;;) {
		if (stopped != NULL && stopped())
			return CLK_INTR;
		slice = stopped == NULL || (ms >= 0 && ms <= 100) ? ms : 100;
		rc = poll_once(fd, slice);
		if (rc != CLK_TIMEOUT || slice == ms)
			return rc;
		if (ms > 0)
			ms -= slice;
	}
}

static int
wait_real(int fd, double secs)
{
	double end = clk_now() + secs, left;
	int rc, ms;

	for (;;) {
		left = end - clk_now();
		ms = left <= 0 ? 0 : (int)(left * 1000.0 + 0.999);
		rc = poll_key(fd, ms);
		if (rc != CLK_TIMEOUT || ms == 0)
			return rc;
		if (clk_now() >= end)
			return CLK_TIMEOUT;
	}
}

/*
 * The virtual clock: a key already waiting is taken at once; otherwise
 * the clock jumps to the end of the wait, or to the pause point, where
 * it stays while the wait blocks for a key or a signal.
 */
static int
wait_virtual(int fd, double secs)
{
	int rc;

	if (fd >= 0 && (rc = poll_key(fd, 0)) != CLK_TIMEOUT)
		return rc;
	if (pause_at < 0 || vnow + secs <= pause_at) {
		vnow += secs;
		return CLK_TIMEOUT;
	}
	if (vnow < pause_at)
		vnow = pause_at;
	do
		rc = poll_key(fd, -1);
	while (rc == CLK_TIMEOUT);
	return rc;
}

int
clk_wait(int fd, double secs)
{
	if (secs < 0)
		secs = 0;
	if (stopped != NULL && stopped())
		return CLK_INTR;
	return virt ? wait_virtual(fd, secs) : wait_real(fd, secs);
}

static void on_tstp(int sig);

static void
catch_tstp(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tstp;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

/*
 * Ctrl-Z: give the shell back the terminal as it was, stop, and once
 * continued take single keys again.  Only async-signal-safe calls.
 */
static void
on_tstp(int sig)
{
	struct sigaction dfl;
	sigset_t set, old;
	int fd = keys_fd, e = errno;

	if (fd >= 0)
		tcsetattr(fd, TCSANOW, &saved);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, &old);
	raise(sig);		/* stops here until SIGCONT */
	sigprocmask(SIG_SETMASK, &old, NULL);
	catch_tstp();
	if (keys_fd >= 0)
		tcsetattr(fd, TCSANOW, &keys);
	errno = e;
}

int
clk_keys_on(int fd)
{
	struct termios t;

	clk_keys_off();
	if (tcgetattr(fd, &saved) == -1) {
		st_seterr("cannot read the terminal's settings: %s",
		    strerror(errno));
		return -1;
	}
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_lflag |= ISIG;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	keys = t;
	if (tcsetattr(fd, TCSANOW, &t) == -1) {
		st_seterr("cannot set the terminal to single keys: %s",
		    strerror(errno));
		return -1;
	}
	keys_fd = fd;
	/* Stopped with Ctrl-Z, the shell should find its terminal as it was. */
	if (sigaction(SIGTSTP, NULL, &old_tstp) == 0 &&
	    old_tstp.sa_handler != SIG_IGN) {
		catch_tstp();
		tstp_caught = 1;
	}
	/* A program that exits on an error path still gets its echo back. */
	if (!atexit_done && atexit(clk_keys_off) == 0)
		atexit_done = 1;
	return 0;
}

void
clk_keys_off(void)
{
	int fd = keys_fd, e = errno;

	if (fd < 0)
		return;
	keys_fd = -1;
	tcsetattr(fd, TCSANOW, &saved);
	if (tstp_caught) {
		sigaction(SIGTSTP, &old_tstp, NULL);
		tstp_caught = 0;
	}
	errno = e;
}
