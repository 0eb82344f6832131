/*
 * Unit tests for lib/clock: seconds parsing, the virtual clock (waits,
 * keys waiting, end of input, the pause point), a short real wait, and
 * single-key mode on a pseudo-terminal restored exactly.
 */
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "clock.h"
#include "unit.h"
#include "util.h"

static void
test_parse(void)
{
	static const struct {
		const char *s;
		int rc;
		double v;
		const char *why;
	} t[] = {
		{ "4", 0, 4, NULL },
		{ "5.5", 0, 5.5, NULL },
		{ "0.25", 0, 0.25, NULL },
		{ "0", 0, 0, NULL },
		{ "60.125", 0, 60.125, NULL },
		{ "100", 0, 100, NULL },
		{ "100.001", -1, 0, "is too large" },
		{ "101", -1, 0, "is too large" },
		{ "-1", -1, 0, "is not a number" },
		{ "+1", -1, 0, "is not a number" },
		{ "1.", -1, 0, "is not a number" },
		{ ".5", -1, 0, "is not a number" },
		{ "1.2345", -1, 0, "is not a number" },
		{ "1.2x", -1, 0, "is not a number" },
		{ "four", -1, 0, "is not a number" },
		{ "", -1, 0, "is not a number" },
	};
	const char *why;
	double v;
	size_t i;
	char what[80];

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -1;
		why = NULL;
		snprintf(what, sizeof(what), "parse \"%s\"", t[i].s);
		CHECK_INT(clk_parse_secs(t[i].s, 100, &v, &why), t[i].rc,
		    what);
		if (t[i].rc == 0)
			CHECK(v == t[i].v, what);
		else
			CHECK_STR(why, t[i].why, what);
	}
}

static void
test_init(void)
{
	setenv("STEADY_CLOCK", "fast", 1);
	CHECK_INT(clk_init(), -1, "an unknown clock is refused");
	CHECK_STR(st_error(), "STEADY_CLOCK=fast: it is \"real\" or "
	    "\"virtual\"", "and named");
	setenv("STEADY_CLOCK", "virtual", 1);
	setenv("STEADY_CLOCK_PAUSE", "soon", 1);
	CHECK_INT(clk_init(), -1, "a pause that is not seconds is refused");
	CHECK_STR(st_error(), "STEADY_CLOCK_PAUSE=soon is not a number "
	    "(seconds, like 12 or 12.5)", "and named");
	unsetenv("STEADY_CLOCK_PAUSE");
	setenv("STEADY_CLOCK", "real", 1);
	CHECK_INT(clk_init(), 0, "real is a clock");
	setenv("STEADY_CLOCK", "", 1);
	CHECK_INT(clk_init(), 0, "empty is the real clock");
}

static void
test_virtual(void)
{
	int fds[2];

	setenv("STEADY_CLOCK", "virtual", 1);
	CHECK_INT(clk_init(), 0, "virtual clock");
	CHECK(clk_now() == 0, "virtual clock starts at 0");
	CHECK_INT(clk_wait(-1, 4), CLK_TIMEOUT, "a wait times out");
	CHECK(clk_now() == 4, "and moves the clock by the whole wait");
	CHECK_INT(clk_wait(-1, 1.5), CLK_TIMEOUT, "a second wait");
	CHECK(clk_now() == 5.5, "adds up");
	CHECK_INT(clk_wait(-1, -3), CLK_TIMEOUT, "a negative wait");
	CHECK(clk_now() == 5.5, "is no wait");
	unit_must(pipe(fds) == 0, "pipe");
	CHECK_INT(clk_wait(fds[0], 2), CLK_TIMEOUT, "no key: time out");
	CHECK(clk_now() == 7.5, "after the whole wait");
	unit_must(write(fds[1], "qx", 2) == 2, "write");
	CHECK_INT(clk_wait(fds[0], 10), 'q', "a key waiting comes first");
	CHECK(clk_now() == 7.5, "and the clock stays");
	CHECK_INT(clk_wait(fds[0], 10), 'x', "one key at a time");
	close(fds[1]);
	CHECK_INT(clk_wait(fds[0], 10), CLK_EOF, "end of input");
	close(fds[0]);
}

static volatile sig_atomic_t rang;

static void
ring(int sig)
{
	(void)sig;
	rang = 1;
}

/* A signal in 50 ms, without SA_RESTART, like steady's own handlers. */
static void
alarm_soon(void)
{
	struct itimerval it;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ring;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 50000;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void
test_pause(void)
{
	int fds[2];

	setenv("STEADY_CLOCK", "virtual", 1);
	setenv("STEADY_CLOCK_PAUSE", "10", 1);
	CHECK_INT(clk_init(), 0, "virtual clock with a pause");
	unsetenv("STEADY_CLOCK_PAUSE");
	unit_must(pipe(fds) == 0, "pipe");
	CHECK_INT(clk_wait(fds[0], 6), CLK_TIMEOUT, "before the pause");
	CHECK_INT(clk_wait(fds[0], 4), CLK_TIMEOUT, "a wait up to the pause");
	CHECK(clk_now() == 10, "reaches it");
	unit_must(write(fds[1], "k", 1) == 1, "write");
	CHECK_INT(clk_wait(fds[0], 3), 'k', "at the pause a key still comes");
	alarm_soon();
	CHECK_INT(clk_wait(fds[0], 3), CLK_INTR, "the pause blocks until a "
	    "signal");
	CHECK(rang, "the signal came");
	CHECK(clk_now() == 10, "the clock stays at the pause");
	close(fds[0]);
	close(fds[1]);

	setenv("STEADY_CLOCK_PAUSE", "2.5", 1);
	CHECK_INT(clk_init(), 0, "a pause with decimals");
	unsetenv("STEADY_CLOCK_PAUSE");
	rang = 0;
	alarm_soon();
	CHECK_INT(clk_wait(-1, 4), CLK_INTR, "a wait past the pause blocks");
	CHECK(clk_now() == 2.5, "the clock stops at the pause");
}

static int
rang_yet(void)
{
	return rang;
}

/* A signal that comes before the wait blocks: seen, not slept through. */
static void
test_stopped(void)
{
	setenv("STEADY_CLOCK", "virtual", 1);
	setenv("STEADY_CLOCK_PAUSE", "1", 1);
	CHECK_INT(clk_init(), 0, "virtual clock paused at 1");
	unsetenv("STEADY_CLOCK_PAUSE");
	clk_set_stopped(rang_yet);
	rang = 0;
	CHECK_INT(clk_wait(-1, 0.5), CLK_TIMEOUT, "no signal: time passes");
	alarm_soon();
	while (!rang)
		;	/* the signal has come before the next wait */
	CHECK_INT(clk_wait(-1, 5), CLK_INTR, "a signal that came first ends "
	    "the wait");
	CHECK(clk_now() == 0.5, "before the clock moves");
	clk_set_stopped(NULL);
	rang = 0;
}

static void
test_real(void)
{
	int fds[2];

	setenv("STEADY_CLOCK", "real", 1);
	CHECK_INT(clk_init(), 0, "real clock");
	CHECK_INT(clk_wait(-1, 0.05), CLK_TIMEOUT, "a short real wait");
	CHECK(clk_now() >= 0.05 && clk_now() < 5, "takes its time");
	unit_must(pipe(fds) == 0, "pipe");
	unit_must(write(fds[1], "a", 1) == 1, "write");
	CHECK_INT(clk_wait(fds[0], 30), 'a', "a key ends a real wait");
	CHECK(clk_now() < 5, "at once");
	close(fds[1]);
	CHECK_INT(clk_wait(fds[0], 30), CLK_EOF, "end of input, real clock");
	close(fds[0]);
}

static int
same_termios(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	    a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
	    memcmp(a->c_cc, b->c_cc, sizeof(a->c_cc)) == 0;
}

static void
test_keys(void)
{
	struct termios before, on, after;
	int master, slave, fds[2];

	unit_must(openpty(&master, &slave, NULL, NULL, NULL) == 0, "openpty");
	unit_must(tcgetattr(slave, &before) == 0, "tcgetattr");
	clk_keys_off();
	CHECK(1, "keys off before on is harmless");
	CHECK_INT(clk_keys_on(slave), 0, "single keys on a terminal");
	unit_must(tcgetattr(slave, &on) == 0, "tcgetattr");
	CHECK(!(on.c_lflag & ICANON), "no line buffering");
	CHECK(!(on.c_lflag & ECHO), "no echo");
	CHECK(on.c_lflag & ISIG, "Ctrl-C is still a signal");
	CHECK(on.c_cc[VMIN] == 1 && on.c_cc[VTIME] == 0, "one key a read");
	clk_keys_off();
	unit_must(tcgetattr(slave, &after) == 0, "tcgetattr");
	CHECK(same_termios(&before, &after), "restored exactly");
	clk_keys_off();
	unit_must(tcgetattr(slave, &after) == 0, "tcgetattr");
	CHECK(same_termios(&before, &after), "twice is harmless");
	CHECK_INT(clk_keys_on(slave), 0, "on again");
	CHECK_INT(clk_keys_on(slave), 0, "on twice");
	clk_keys_off();
	unit_must(tcgetattr(slave, &after) == 0, "tcgetattr");
	CHECK(same_termios(&before, &after), "on twice, restored to the "
	    "first settings");
	unit_must(pipe(fds) == 0, "pipe");
	CHECK_INT(clk_keys_on(fds[0]), -1, "a pipe is no terminal");
	CHECK(strncmp(st_error(), "cannot read the terminal's settings: ",
	    37) == 0, "and says so");
	close(fds[0]);
	close(fds[1]);
	close(slave);
	close(master);
}

/*
 * Ctrl-Z in single-key mode: while stopped the terminal is as it was;
 * once continued, single keys are back.  The child reports on a pipe.
 */
static void
test_suspend(void)
{
	struct termios before, stopped;
	int master, slave, fds[2], status;
	char got[8] = "";
	pid_t pid;

	unit_must(openpty(&master, &slave, NULL, NULL, NULL) == 0, "openpty");
	unit_must(pipe(fds) == 0, "pipe");
	unit_must(tcgetattr(slave, &before) == 0, "tcgetattr");
	if ((pid = fork()) == 0) {
		struct termios t;

		setpgid(0, 0);	/* its own group, which a stop reaches */
		if (clk_keys_on(slave) == 0) {
			raise(SIGTSTP);
			tcgetattr(slave, &t);
			if (write(fds[1], t.c_lflag & ICANON ? "line" : "keys",
			    4) != 4)
				_exit(2);
			clk_keys_off();
		}
		_exit(0);
	}
	unit_must(pid > 0, "fork");
	unit_must(waitpid(pid, &status, WUNTRACED) == pid, "waitpid");
	CHECK(WIFSTOPPED(status), "Ctrl-Z stops the program");
	unit_must(tcgetattr(slave, &stopped) == 0, "tcgetattr");
	CHECK(same_termios(&before, &stopped), "the terminal is as it was "
	    "while stopped");
	kill(pid, SIGCONT);
	unit_must(waitpid(pid, &status, 0) == pid, "waitpid");
	close(fds[1]);
	unit_must(read(fds[0], got, 4) == 4, "read");
	CHECK_STR(got, "keys", "continued, single keys are back");
	close(fds[0]);
	close(slave);
	close(master);
}

int
main(void)
{
	test_parse();
	test_init();
	test_virtual();
	test_pause();
	test_stopped();
	test_real();
	test_keys();
	/* valgrind does not stop a program that raises SIGTSTP. */
	if (getenv("LD_PRELOAD") && strstr(getenv("LD_PRELOAD"), "vgpreload"))
		printf("# the Ctrl-Z checks are left out under valgrind\n");
	else
		test_suspend();
	return unit_done();
}
