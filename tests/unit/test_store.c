/* Unit tests of lib/store.c: directories, locks, appends, rewrites. */
#include <sys/types.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csvio.h"
#include "store.h"
#include "unit.h"
#include "util.h"

static char *scratch;

/* scratch + "/" + name, malloc'd. */
static char *
at(const char *name)
{
	return xasprintf("%s/%s", scratch, name);
}

static void
put(const char *path, const char *text, mode_t mode)
{
	unit_put(NULL, path, text);
	unit_must(chmod(path, mode) == 0, "chmod");
}

/* The whole file as a string, or NULL when it cannot be read. */
static char *
slurp(const char *path)
{
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	sb_puts(&sb, "");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&sb, buf, n);
	fclose(fp);
	return sb.s;
}

static int
mode_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == -1)
		return -1;
	return (int)(st.st_mode & 07777);
}

static ino_t
inode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return 0;
	return st.st_ino;
}

static void
check_file(const char *path, const char *want, const char *what)
{
	char *got = slurp(path);

	CHECK_STR(got, want, what);
	free(got);
}

static void
rmtree(const char *path)
{
	struct dirent *e;
	struct stat st;
	char *sub;
	DIR *d;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		if ((d = opendir(path)) != NULL) {
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 ||
				    strcmp(e->d_name, "..") == 0)
					continue;
				sub = xasprintf("%s/%s", path, e->d_name);
				rmtree(sub);
				free(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else
		unlink(path);
}

/* The exit status of a child, or -1 when it did not exit normally. */
static int
reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static pid_t
spawn(void)
{
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == -1) {
		perror("fork");
		exit(1);
	}
	return pid;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void
env(const char *name, const char *value)
{
	if (value != NULL)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

static void
check_dir(int config, const char *own, const char *xdg, const char *home,
    const char *want, const char *what)
{
	char *got;

	env(config ? "STEADY_CONFIG" : "STEADY_DIR", own);
	env(config ? "XDG_CONFIG_HOME" : "XDG_DATA_HOME", xdg);
	env("HOME", home);
	got = config ? store_config_dir() : store_data_dir();
	CHECK_STR(got, want, what);
	free(got);
}

static void
test_dirs(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *p;

	check_dir(0, "/s/d", "/x", "/h", "/s/d", "STEADY_DIR first");
	check_dir(0, "rel", "/x", "/h", "rel", "STEADY_DIR taken as given");
	check_dir(0, "", "/x", "/h", "/x/steady", "empty STEADY_DIR is unset");
	check_dir(0, NULL, "/x/", "/h", "/x/steady", "XDG_DATA_HOME, slash");
	check_dir(0, NULL, "x/y", "/h", "/h/.local/share/steady",
	    "relative XDG_DATA_HOME ignored");
	check_dir(0, NULL, "", "/h", "/h/.local/share/steady",
	    "empty XDG_DATA_HOME ignored");
	check_dir(0, NULL, NULL, "/h", "/h/.local/share/steady",
	    "data dir under HOME");
	check_dir(0, "/s/d", NULL, NULL, "/s/d", "STEADY_DIR needs no HOME");
	check_dir(0, NULL, NULL, NULL, NULL, "no HOME: NULL");
	CHECK_STR(st_error(), "HOME is not set, so steady cannot tell where "
	    "to keep its files; set HOME or STEADY_DIR", "no HOME: message");
	check_dir(0, NULL, "x", "", NULL, "empty HOME: NULL");

	check_dir(1, "/s/c", "/x", "/h", "/s/c", "STEADY_CONFIG first");
	check_dir(1, "", "/x", "/h", "/x/steady", "empty STEADY_CONFIG");
	check_dir(1, NULL, "/x", "/h", "/x/steady", "XDG_CONFIG_HOME");
	check_dir(1, NULL, "x", "/h", "/h/.config/steady",
	    "relative XDG_CONFIG_HOME ignored");
	check_dir(1, NULL, "", "/h/", "/h/.config/steady",
	    "config dir under HOME");
	check_dir(1, NULL, NULL, NULL, NULL, "config, no HOME: NULL");
	CHECK_STR(st_error(), "HOME is not set, so steady cannot tell where "
	    "to keep its files; set HOME or STEADY_CONFIG",
	    "config, no HOME: message");

	p = store_path("/a/b", "log.csv");
	CHECK_STR(p, "/a/b/log.csv", "store_path");
	free(p);
	env("HOME", home);
	free(home);
}

static void
test_mkdirs(void)
{
	char *a = at("m"), *b = at("m/a"), *c = at("m/a/b"), *d;
	char *e = at("keep"), *f = at("file"), *g = at("file/sub");
	char *want;

	umask(0);
	CHECK_INT(store_mkdirs(c), 0, "mkdirs makes three levels");
	CHECK_INT(mode_of(a), 0700, "first new directory 0700 under umask 0");
	CHECK_INT(mode_of(b), 0700, "second new directory 0700");
	CHECK_INT(mode_of(c), 0700, "third new directory 0700");
	CHECK_INT(store_mkdirs(c), 0, "mkdirs of an existing directory");

	umask(0277);
	d = at("m/a/b//c/d/");
	CHECK_INT(store_mkdirs(d), 0, "mkdirs with // and a final /");
	free(d);
	d = at("m/a/b/c/d");
	CHECK_INT(mode_of(d), 0700, "0700 under umask 0277 too");
	free(d);
	umask(0);

	unit_must(mkdir(e, 0755) == 0 && chmod(e, 0755) == 0, "mkdir");
	d = at("keep/sub");
	CHECK_INT(store_mkdirs(d), 0, "mkdirs under an existing directory");
	CHECK_INT(mode_of(e), 0755, "existing directory left as it was");
	CHECK_INT(mode_of(d), 0700, "its new subdirectory 0700");
	free(d);

	put(f, "x\n", 0600);
	CHECK_INT(store_mkdirs(g), -1, "a file in the way fails");
	want = xasprintf("%s: not a directory", f);
	CHECK_STR(st_error(), want, "not a directory: message");
	free(want);
	CHECK_INT(store_mkdirs(""), -1, "empty name fails");
	free(a), free(b), free(c), free(e), free(f), free(g);
}

static void
test_lock_new(void)
{
	char *dir = at("new"), *path = at("new/log.csv"), *p2 = at("kept.csv");
	int fd;

	umask(0);
	fd = store_lock(path);
	CHECK(fd >= 3, "lock of a new file gives a descriptor >= 3");
	CHECK_INT(mode_of(path), 0600, "new log 0600 under umask 0");
	CHECK_INT(mode_of(dir), 0700, "its new directory 0700");
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC, "descriptor is close-on-exec");
	CHECK(fcntl(fd, F_GETFL) & O_APPEND, "descriptor appends");
	CHECK(!(fcntl(fd, F_GETFL) & O_NONBLOCK), "descriptor blocks");
	store_unlock(fd);

	put(p2, "a\n", 0640);
	fd = store_lock(p2);
	CHECK(fd >= 3, "lock of an existing file");
	CHECK_INT(mode_of(p2), 0640, "existing file keeps its mode");
	store_unlock(fd);
	umask(022);
	free(dir), free(path), free(p2);
}

static void
test_lock_refused(void)
{
	char *target = at("target.csv"), *link = at("link.csv");
	char *dangling = at("dangling.csv"), *fifo = at("fifo.csv");
	char *dir = at("dir.csv"), *nowhere = at("nowhere.csv"), *want;

	put(target, "keep\n", 0600);
	unit_must(symlink(target, link) == 0, "symlink");
	CHECK_INT(store_lock(link), -1, "symbolic link refused");
	want = xasprintf("%s: is a symbolic link; steady will not write "
	    "through it", link);
	CHECK_STR(st_error(), want, "symbolic link: message");
	free(want);
	check_file(target, "keep\n", "link target untouched");

	unit_must(symlink("nowhere.csv", dangling) == 0, "symlink");
	CHECK_INT(store_lock(dangling), -1, "dangling link refused");
	CHECK(access(nowhere, F_OK) == -1 && errno == ENOENT,
	    "dangling link target not created");

	unit_must(mkfifo(fifo, 0600) == 0, "mkfifo");
	CHECK_INT(store_lock(fifo), -1, "FIFO refused");
	want = xasprintf("%s: is not a regular file; steady will not write "
	    "to it", fifo);
	CHECK_STR(st_error(), want, "FIFO: message");
	free(want);

	unit_must(mkdir(dir, 0700) == 0, "mkdir");
	CHECK_INT(store_lock(dir), -1, "directory refused");
	want = xasprintf("%s: %s", dir, strerror(EISDIR));
	CHECK_STR(st_error(), want, "directory: message");
	free(want);
	free(target), free(link), free(dangling), free(fifo), free(dir);
	free(nowhere);
}

static void
test_append(void)
{
	char *path = at("append.csv"), *want;
	int fd;

	fd = store_lock(path);
	CHECK_INT(store_append(fd, path, "a,b\n", "1,2\n", 4), 0,
	    "append to an empty file");
	check_file(path, "a,b\n1,2\n", "empty file gets header and record");
	CHECK_INT(store_append(fd, path, "a,b\n", "3,4\n5,6\n", 8), 0,
	    "append two records");
	check_file(path, "a,b\n1,2\n3,4\n5,6\n", "no second header");
	CHECK_INT(store_append(fd, path, NULL, "7,8\n", 4), 0,
	    "append without a header");
	CHECK_INT(store_append(fd, path, "a,b\n", "9", 1), -1,
	    "record without a newline refused");
	check_file(path, "a,b\n1,2\n3,4\n5,6\n7,8\n", "nothing added");
	store_unlock(fd);

	put(path, "a,b\n1,2\n3,", 0600);
	fd = store_lock(path);
	CHECK_INT(store_append(fd, path, "a,b\n", "5,6\n", 4), -1,
	    "torn last line refused");
	want = xasprintf("%s:3: the last line is incomplete (no newline at "
	    "its end)", path);
	CHECK_STR(st_error(), want, "torn line: message names line 3");
	free(want);
	check_file(path, "a,b\n1,2\n3,", "torn file unchanged");
	store_unlock(fd);

	put(path, "a,b", 0600);
	fd = store_lock(path);
	CHECK_INT(store_append(fd, path, "a,b\n", "5,6\n", 4), -1,
	    "torn header refused");
	want = xasprintf("%s:1: the last line is incomplete (no newline at "
	    "its end)", path);
	CHECK_STR(st_error(), want, "torn header: message names line 1");
	free(want);
	store_unlock(fd);

	unlink(path);
	fd = store_lock(path);
	CHECK_INT(store_append(fd, path, NULL, "x\n", 2), 0,
	    "empty file, no header");
	check_file(path, "x\n", "record alone");
	store_unlock(fd);
	free(path);
}

/*
 * A file size limit makes write(2) stop short, as a full disk would: the
 * append must then cut the file back.  In a child, since the hard limit
 * cannot be raised again.
 */
static void
test_append_short(void)
{
	char *path = at("short.csv"), *want;
	int fds[2], fd, rc;
	char msg[512];
	ssize_t n;
	pid_t pid;

	put(path, "a,b\n1,2\n", 0600);
	unit_must(pipe(fds) == 0, "pipe");
	if ((pid = spawn()) == 0) {
		struct rlimit rl = { 12, 12 };

		close(fds[0]);
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		fd = store_lock(path);
		rc = store_append(fd, path, "a,b\n", "3,4\n5,6\n", 8);
		free(path);	/* the child's copy: leak checkers see it */
		if (rc == 0)
			_exit(1);
		n = (ssize_t)strlen(st_error());
		_exit(write(fds[1], st_error(), (size_t)n) == n ? 0 : 2);
	}
	close(fds[1]);
	n = read(fds[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	CHECK_INT(reap(pid), 0, "short write fails");
	want = xasprintf("%s: could not write: File too large", path);
	CHECK_STR(msg, want, "short write: message");
	free(want);
	check_file(path, "a,b\n1,2\n", "short write cut back");
	free(path);
}

static int
has_temp(const char *prefix)
{
	struct dirent *e;
	DIR *d = opendir(scratch);
	int found = 0;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			found = 1;
	if (d != NULL)
		closedir(d);
	return found;
}

static void
test_rewrite(void)
{
	char *path = at("rw.csv"), *link = at("rwlink.csv"), *want;
	char *gone = at("nodir/rw.csv");
	struct stat st;

	umask(0);
	put(path, "old\n", 0644);
	CHECK_INT(store_rewrite(path, "new,content\n", 12), 0, "rewrite");
	check_file(path, "new,content\n", "rewrite replaced the content");
	CHECK_INT(mode_of(path), 0644, "a rewrite keeps the mode chosen");
	CHECK(!has_temp("rw.csv.tmp"), "no temporary file left");
	CHECK_INT(store_rewrite(path, "", 0), 0, "rewrite to empty");
	check_file(path, "", "rewritten empty");
	unlink(path);
	CHECK_INT(store_rewrite(path, "made\n", 5), 0, "rewrite a new file");
	check_file(path, "made\n", "rewrite created it");
	CHECK_INT(mode_of(path), 0600, "a new file is 0600 under umask 0");
	umask(022);

	unit_must(symlink(path, link) == 0, "symlink");
	CHECK_INT(store_rewrite(link, "x\n", 2), -1, "rewrite of a link");
	want = xasprintf("%s: is a symbolic link; steady will not write "
	    "through it", link);
	CHECK_STR(st_error(), want, "rewrite of a link: message");
	free(want);
	check_file(path, "made\n", "link target untouched");
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "link kept");

	CHECK_INT(store_rewrite(gone, "x\n", 2), -1, "rewrite, no directory");
	free(path), free(link), free(gone);
}

/* As test_append_short: a failing write must leave the file whole. */
static void
test_rewrite_fails(void)
{
	char *path = at("rwfail.csv");
	pid_t pid;

	put(path, "keep\n", 0600);
	if ((pid = spawn()) == 0) {
		struct rlimit rl = { 16, 16 };

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		_exit(store_rewrite(path, "0123456789abcdefghijklmnop\n",
		    27) == -1 ? 0 : 1);
	}
	CHECK_INT(reap(pid), 0, "rewrite over the size limit fails");
	check_file(path, "keep\n", "failed rewrite left the file as it was");
	CHECK(!has_temp("rwfail.csv.tmp"), "failed rewrite removed its temp");
	free(path);
}

/* In a child: 0 if a non-blocking flock on path fails as held. */
static int
try_lock_elsewhere(const char *path, int want_held)
{
	pid_t pid;
	int fd, rc;

	if ((pid = spawn()) == 0) {
		if ((fd = open(path, O_RDWR)) == -1)
			_exit(2);
		rc = flock(fd, LOCK_EX | LOCK_NB);
		if (want_held)
			_exit(rc == -1 && errno == EWOULDBLOCK ? 0 : 1);
		_exit(rc == 0 ? 0 : 1);
	}
	return reap(pid);
}

static void
test_lock_held(void)
{
	char *path = at("held.csv");
	int fd;

	fd = store_lock(path);
	CHECK_INT(try_lock_elsewhere(path, 1), 0,
	    "another flock fails while the lock is held");
	store_unlock(fd);
	CHECK_INT(try_lock_elsewhere(path, 0), 0,
	    "another flock succeeds after store_unlock");
	free(path);
}

/* This program's name as /proc gives it, as the lock message names it. */
static const char *
own_name(void)
{
	static char name[64];
	FILE *fp = fopen("/proc/self/comm", "r");

	if (fp == NULL || fgets(name, sizeof(name), fp) == NULL)
		strcpy(name, "?");
	if (fp != NULL)
		fclose(fp);
	name[strcspn(name, "\n")] = '\0';
	return name;
}

/*
 * A child takes the lock, says so on ready, then runs then() and waits
 * for hold to close (or then() exits).
 */
static pid_t
holder(const char *path, int *hold, void (*then)(const char *))
{
	int ready[2], go[2];
	pid_t pid;
	char c;

	unit_must(pipe(ready) == 0 && pipe(go) == 0, "pipe");
	if ((pid = spawn()) == 0) {
		close(ready[0]);
		close(go[1]);
		if (store_lock(path) == -1)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		if (then != NULL)
			then(path);
		_exit(read(go[0], &c, 1) >= 0 ? 0 : 3);
	}
	close(ready[1]);
	close(go[0]);
	unit_must(read(ready[0], &c, 1) == 1, "the lock holder did not start");
	close(ready[0]);
	*hold = go[1];
	return pid;
}

static void
hold_briefly(const char *path)
{
	(void)path;
	nap_ms(300);
	_exit(0);
}

static void
test_lock_wait(void)
{
	char *path = at("wait.csv"), *want;
	double t;
	pid_t pid;
	int fd, hold;

	pid = holder(path, &hold, hold_briefly);
	t = now();
	fd = store_lock(path);
	t = now() - t;
	CHECK(fd >= 3, "lock taken once the other writer let go");
	CHECK(t >= 0.2 && t < STORE_LOCK_WAIT, "and only then");
	store_unlock(fd);
	close(hold);
	CHECK_INT(reap(pid), 0, "brief holder done");

	/* A short wait keeps the test quick; the default is checked below. */
	setenv("STEADY_LOCK_WAIT", "1", 1);
	CHECK_INT(store_lock_wait(), 1, "STEADY_LOCK_WAIT is read");
	pid = holder(path, &hold, NULL);
	t = now();
	fd = store_lock(path);
	t = now() - t;
	CHECK_INT(fd, -1, "lock held past STEADY_LOCK_WAIT fails");
	CHECK(t >= 1 && t < 3, "after STEADY_LOCK_WAIT seconds");
	setenv("STEADY_LOCK_WAIT", "forever", 1);
	CHECK_INT(store_lock_wait(), STORE_LOCK_WAIT,
	    "a bad STEADY_LOCK_WAIT gives the default");
	unsetenv("STEADY_LOCK_WAIT");
	CHECK_INT(store_lock_wait(), STORE_LOCK_WAIT, "default wait");
	/* The holder is named from /proc/locks: this program's child, whose
	 * name is this program's (another under valgrind). */
	want = xasprintf("%s: %s (process %ld) is still writing it after "
	    "1 second; try again when it has finished", path, own_name(),
	    (long)pid);
	CHECK_STR(st_error(), want, "lock timeout: message");
	free(want);
	close(hold);
	CHECK_INT(reap(pid), 0, "holder done");
	free(path);
}

/* While holding the lock, put a new file in place, as a rewrite does. */
static void
replace_then_exit(const char *path)
{
	nap_ms(200);
	if (store_rewrite(path, "new\n", 4) == -1)
		_exit(1);
	nap_ms(100);
	_exit(0);
}

static void
test_lock_replaced(void)
{
	char *path = at("replaced.csv");
	struct stat st;
	ino_t old;
	pid_t pid;
	int fd, hold;

	put(path, "old\n", 0600);
	old = inode_of(path);
	pid = holder(path, &hold, replace_then_exit);
	fd = store_lock(path);
	CHECK(fd >= 3, "lock after the file was replaced");
	CHECK(fstat(fd, &st) == 0 && st.st_ino == inode_of(path),
	    "the lock is on the new file");
	CHECK(st.st_ino != old, "not on the old one");
	CHECK_INT(store_append(fd, path, NULL, "more\n", 5), 0,
	    "append to the new file");
	check_file(path, "new\nmore\n", "record went to the new file");
	store_unlock(fd);
	close(hold);
	CHECK_INT(reap(pid), 0, "replacing holder done");
	free(path);
}

static void
test_low_fds(void)
{
	char *path = at("lowfd.csv");
	pid_t pid;
	int fd;

	if ((pid = spawn()) == 0) {
		close(0);
		close(1);
		close(2);
		fd = store_lock(path);
		if (fd < 3)
			_exit(1);
		if (fcntl(0, F_GETFD) != -1 || fcntl(1, F_GETFD) != -1)
			_exit(2);
		if (store_append(fd, path, "h\n", "r\n", 2) == -1)
			_exit(3);
		store_unlock(fd);
		_exit(0);
	}
	CHECK_INT(reap(pid), 0, "descriptor >= 3 with 0, 1, 2 closed");
	check_file(path, "h\nr\n", "and the record went to the log");
	free(path);
}

/* New columns at the end, every record kept to the byte, or nothing. */
static void
test_add_columns(void)
{
	static const char *const want[] = { "a", "c", "b", "d" };
	char *path = at("cols.csv");
	const char *miss[4];
	struct csvr *r;

	put(path, "a,b\n1,\"x\ny\"\n\"q\\n\",2\n", 0640);
	r = csvr_openpath(path, 0);
	CHECK_INT(csvr_missing(r, want, 4, miss), 2, "two columns missing");
	CHECK_STR(miss[0], "c", "the first missing");
	CHECK_STR(miss[1], "d", "the second missing");
	CHECK_INT(store_add_columns(r, path, miss, 2), 0, "columns added");
	csvr_close(r);
	check_file(path, "a,b,c,d\n1,\"x\ny\",,\n\"q\\n\",2,,\n",
	    "every record kept, with empty cells after");
	CHECK_INT(mode_of(path), 0640, "the mode kept");

	put(path, "a,b\n1,2\n3\n", 0600);
	r = csvr_openpath(path, 0);
	CHECK_INT(store_add_columns(r, path, miss, 2), -1, "a bad line stops");
	csvr_close(r);
	CHECK(strstr(st_error(), "cols.csv:3: has 1 fields, the header has 2; "
	    "the log needs a new column for \"c\", so this line has to be "
	    "put right first") != NULL, "and is named");
	check_file(path, "a,b\n1,2\n3\n", "nothing changed");
	free(path);
}

/* Words that could not be saved go to a new private file each time. */
static void
test_keep(void)
{
	char *path = at("kept.csv"), *one, *two, *got;
	char *want1 = at("kept.csv.unsaved"), *want2 = at("kept.csv.unsaved.2");
	struct stat st;
	mode_t old = umask(0);

	one = store_keep(path, "ts,note\nx,words\n", 16);
	two = store_keep(path, "second\n", 7);
	umask(old);
	CHECK_STR(one, want1, "kept beside the log");
	CHECK_STR(two, want2, "a second keeps the first");
	got = slurp(one);
	CHECK_STR(got, "ts,note\nx,words\n", "kept whole");
	CHECK(stat(one, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "kept 0600 under umask 0");
	free(got);
	free(one);
	free(two);
	free(want1);
	free(want2);
	free(path);
}

/* A log that does not end in a newline cannot take a record. */
static void
test_tail(void)
{
	char *path = at("tail.csv");
	int fd;

	put(path, "ts,a\n1,2", 0600);
	fd = open(path, O_RDONLY);
	CHECK_INT(store_tail_ok(fd, path), -1, "a torn last line is refused");
	CHECK(strstr(st_error(), "tail.csv:2: the last line is incomplete") !=
	    NULL, "and named by line");
	close(fd);
	put(path, "ts,a\n1,2\n", 0600);
	fd = open(path, O_RDONLY);
	CHECK_INT(store_tail_ok(fd, path), 0, "a whole last line is fine");
	close(fd);
	free(path);
}

static void
test_in_data_dir(void)
{
	char *own = at("own"), *twin = at("other/own"), *link = at("link");
	char *a = at("own/checkin.csv"), *b = at("other/own/checkin.csv");
	char *c = at("link/checkin.csv"), *gone = at("missing");

	umask(077);
	unit_must(store_mkdirs(own) == 0 && store_mkdirs(twin) == 0, "mkdir");
	unit_must(symlink(own, link) == 0, "symlink");
	env("STEADY_DIR", own);
	CHECK_INT(store_in_data_dir(a), 1, "a log in the data directory");
	CHECK_INT(store_in_data_dir(b), 0, "not one in a folder of its name");
	CHECK_INT(store_in_data_dir(c), 1, "nor fooled by another path");
	env("STEADY_DIR", link);
	CHECK_INT(store_in_data_dir(a), 1, "the data directory by a link");
	unit_must(chdir(own) == 0, "chdir");
	CHECK_INT(store_in_data_dir("checkin.csv"), 1, "a name alone is here");
	env("STEADY_DIR", gone);
	CHECK_INT(store_in_data_dir(a), 0, "no data directory: no");
	unsetenv("STEADY_DIR");
	unit_must(chdir("/") == 0, "chdir");
	free(own), free(twin), free(link), free(a), free(b), free(c);
	free(gone);
}

int
main(void)
{
	int rc;

	scratch = xstrdup(unit_scratch("store"));
	test_dirs();
	test_mkdirs();
	test_lock_new();
	test_lock_refused();
	test_append();
	test_append_short();
	test_rewrite();
	test_rewrite_fails();
	test_lock_held();
	test_lock_wait();
	test_lock_replaced();
	test_low_fds();
	test_add_columns();
	test_keep();
	test_tail();
	test_in_data_dir();
	rmtree(scratch);
	free(scratch);
	rc = unit_done();
	return rc;
}
