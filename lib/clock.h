/*
 * clock: time that passes during a guided exercise or an exposure trial,
 * and single keys read while it passes.  Shared by ground and ladder.
 *
 * By default the clock is the system's monotonic clock.  For tests,
 * STEADY_CLOCK=virtual makes a clock that starts at 0 and moves only
 * when the program waits: a wait returns at once, the clock advanced by
 * the whole wait, unless a key is already waiting.  STEADY_CLOCK_PAUSE=S
 * (seconds) stops the virtual clock at S: from then on a wait blocks for
 * real until a key or a signal comes, so a test can press a key or send
 * Ctrl-C at a known moment.  Both are documented in steady.7.
 */
#ifndef STEADY_CLOCK_H
#define STEADY_CLOCK_H

/* What clk_wait returns besides a key (0-255). */
enum {
	CLK_TIMEOUT = -1,	/* the time ran out with no key */
	CLK_INTR = -2,		/* a signal came (errno EINTR) */
	CLK_EOF = -3,		/* the terminal closed or hung up */
	CLK_ERR = -4		/* anything else; st_error() says what */
};

/*
 * Reads STEADY_CLOCK and STEADY_CLOCK_PAUSE.  Returns 0, or -1 with
 * st_error() set when either has a value it does not know.
 */
int clk_init(void);

/* Seconds since clk_init(). */
double clk_now(void);

/*
 * Waits up to secs seconds for one byte on fd (fd < 0: no keys, just
 * time).  Returns the byte, or one of the CLK_ values above.
 */
int clk_wait(int fd, double secs);

/*
 * Puts the terminal on fd into single-key mode: no line buffering, no
 * echo, signals still on (Ctrl-C stays a SIGINT).  Returns 0, or -1 with
 * st_error() set.  clk_keys_off() restores the settings exactly; it is
 * safe to call twice, when keys were never on, and from a signal path.
 */
int clk_keys_on(int fd);
void clk_keys_off(void);

/*
 * A signal can come just before a wait starts to block, and then no
 * EINTR ends the wait.  With fn set, every wait returns CLK_INTR at once
 * while fn() returns non-zero, and a blocking wait looks at fn() every
 * tenth of a second.  fn is typically "has SIGINT come?"; NULL turns it
 * off.
 */
void clk_set_stopped(int (*fn)(void));

/* The longest time clk_parse_secs() takes here: a day. */
#define CLK_SECS_MAX 86400

/*
 * Parse seconds written as a whole number or with up to three decimals
 * ("4", "5.5", "0.25") in [0, max].  Returns 0 and stores them in *out,
 * or -1 with *why set to "is not a number" or "is too large".
 */
int clk_parse_secs(const char *s, double max, double *out,
    const char **why);

#endif
