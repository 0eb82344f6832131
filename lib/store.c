/* store: where steady keeps its files, and the only code that writes logs. */
#include <sys/types.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csvio.h"
#include "store.h"
#include "util.h"


/* How long to sleep between two tries for a lock held by another writer. */
#define LOCK_NAP_NS (50 * 1000 * 1000L)

/* base + "/" + rest, without doubling a slash that base already ends in. */
static char *
join(const char *base, const char *rest)
{
	size_t n = strlen(base);

	if (n > 0 && base[n - 1] == '/')
		return xasprintf("%s%s", base, rest);
	return xasprintf("%s/%s", base, rest);
}

/* The directory part of path, malloc'd: "." when it has none. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	dir = xmalloc((size_t)(slash - path) + 1);
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return dir;
}

/*
 * fsync the directory holding path, so that a name just made there (a
 * new directory, a new log, a rename) survives a crash as well as the
 * data does.  A filesystem that cannot sync a directory says EINVAL;
 * there is nothing more to do on it.  0, or -1 with errno set.
 */
static int
sync_parent(const char *path)
{
	char *dir = dir_of(path);
	int fd, rc = 0, saved;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1 || (fsync(fd) == -1 && errno != EINVAL))
		rc = -1;
	saved = errno;
	if (fd != -1)
		close(fd);
	free(dir);
	errno = saved;
	return rc;
}

/*
 * The order of the XDG Base Directory specification, with steady's own
 * variable first.  The specification says a relative XDG path is invalid
 * and must be ignored, so it is, rather than being taken relative to
 * wherever the program happens to run.
 */
static char *
resolve_dir(const char *own, const char *xdg, const char *fallback)
{
	const char *v;

	if ((v = getenv(own)) != NULL && *v != '\0')
		return xstrdup(v);
	if ((v = getenv(xdg)) != NULL && *v == '/')
		return join(v, "steady");
	if ((v = getenv("HOME")) == NULL || *v == '\0') {
		st_seterr("HOME is not set, so steady cannot tell where to "
		    "keep its files; set HOME or %s", own);
		return NULL;
	}
	return join(v, fallback);
}

char *
store_data_dir(void)
{
	return resolve_dir("STEADY_DIR", "XDG_DATA_HOME",
	    ".local/share/steady");
}

char *
store_config_dir(void)
{
	return resolve_dir("STEADY_CONFIG", "XDG_CONFIG_HOME",
	    ".config/steady");
}

char *
store_path(const char *dir, const char *name)
{
	return join(dir, name);
}

int
store_in_data_dir(const char *path)
{
	struct stat a, b;
	char *dir, *data, *slash;
	int same = 0;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((data = store_data_dir()) != NULL && stat(dir, &a) == 0 &&
	    stat(data, &b) == 0)
		same = a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	free(data);
	free(dir);
	return same;
}

/*
 * Give a directory we have just made mode 0700 whatever the umask.  The
 * chmod goes through a descriptor opened without following links, so a
 * link swapped in after mkdir cannot redirect it.  A umask that took away
 * our own read bit makes that open fail; the directory is then ours and
 * new, and a plain chmod is the only way left.
 */
static int
private_dir(const char *dir)
{
	int fd, rc;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 && errno == EACCES)
		rc = chmod(dir, 0700);
	else if (fd == -1)
		rc = -1;
	else {
		rc = fchmod(fd, 0700);
		close(fd);
	}
	if (rc == -1)
		st_seterr("%s: %s", dir, strerror(errno));
	return rc;
}

/* Make one directory of the path unless it is there; see store_mkdirs. */
static int
mkdir_one(const char *dir)
{
	struct stat st;
	int saved;

	if (mkdir(dir, 0700) == 0) {
		if (private_dir(dir) == -1)
			return -1;
		if (sync_parent(dir) == -1) {
			st_seterr("%s: could not sync its parent: %s", dir,
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	/*
	 * Whatever mkdir says (EEXIST, or EACCES or EROFS on some systems
	 * for a directory that exists), what counts is what is there.  A
	 * link to a directory is followed: people do link ~/.local.
	 */
	saved = errno;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		st_seterr("%s: not a directory", dir);
		return -1;
	}
	st_seterr("%s: %s", dir, strerror(saved));
	return -1;
}

int
store_mkdirs(const char *dir)
{
	struct stat st;
	char *p, *s, c;
	int rc = 0;

	if (*dir == '\0') {
		st_seterr("the directory name is empty");
		return -1;
	}
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	p = xstrdup(dir);
	for (s = p + 1; rc == 0; s++) {
		if ((*s == '/' || *s == '\0') && s[-1] != '/') {
			/* Cut the path after this component, for now. */
			c = *s;
			*s = '\0';
			rc = mkdir_one(p);
			*s = c;
		}
		if (*s == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Move a descriptor to 3 or above, so it can never be taken for stdio. */
static int
lift_fd(int fd, const char *path)
{
	int nfd;

	if (fd > 2)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (nfd == -1)
		st_seterr("%s: %s", path, strerror(errno));
	close(fd);
	return nfd;
}

/*
 * Open the log, creating it if it is not there.  Knowing whether we
 * created it matters: a new file is made 0600 whatever the umask, while
 * the mode of an existing one is the person's choice and left alone.
 * O_NONBLOCK keeps a FIFO or a device from hanging or waking up before
 * fstat has turned it away.
 */
static int
open_log(const char *path, int *created)
{
	const int flags = O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY | O_NONBLOCK;
	int fd;

	for (;;) {
		*created = 0;
		if ((fd = open(path, flags)) != -1 || errno != ENOENT)
			break;
		*created = 1;
		if ((fd = open(path, flags | O_CREAT | O_EXCL, 0600)) != -1 ||
		    errno != EEXIST)
			break;
		/* Another writer created it between our two opens. */
	}
	if (fd == -1 && errno == ELOOP)
		st_seterr("%s: is a symbolic link; steady will not write "
		    "through it", path);
	else if (fd == -1)
		st_seterr("%s: %s", path, strerror(errno));
	return fd;
}

/*
 * An existing file steady is about to write must be the person's own
 * and reachable by one name only: a hard link elsewhere would carry the
 * records to wherever that other name lives, and a file of another user
 * was put there by someone else.  Modes looser than 0600 are the
 * person's choice, but they are told, once per file.
 */
static int
check_private(const char *path, const struct stat *st)
{
	static char *warned;

	if (st->st_uid != geteuid()) {
		st_seterr("%s: belongs to another user; steady will not write "
		    "to it", path);
		return -1;
	}
	if (st->st_nlink > 1) {
		st_seterr("%s: has another name (a hard link); steady will "
		    "not write to it", path);
		return -1;
	}
	if ((st->st_mode & 077) != 0 &&
	    (warned == NULL || strcmp(warned, path) != 0)) {
		st_warnx("warning: %s can be read or changed by others "
		    "(mode %04o); chmod 600 makes it private", path,
		    (unsigned)(st->st_mode & 07777));
		free(warned);
		warned = xstrdup(path);
	}
	return 0;
}

/* Open path as a log (see store_lock), not yet locked. */
static int
open_checked(const char *path)
{
	struct stat st;
	int fd, fl, created;

	if ((fd = open_log(path, &created)) == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		st_seterr("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		st_seterr("%s: is not a regular file; steady will not write "
		    "to it", path);
		goto fail;
	}
	if (!created && check_private(path, &st) == -1)
		goto fail;
	if ((created && (fchmod(fd, 0600) == -1 ||
	    sync_parent(path) == -1)) ||
	    (fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		st_seterr("%s: %s", path, strerror(errno));
		goto fail;
	}
	return lift_fd(fd, path);
fail:
	close(fd);
	return -1;
}

static int
past(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline->tv_sec ||
	    (now.tv_sec == deadline->tv_sec &&
	    now.tv_nsec >= deadline->tv_nsec);
}

/*
 * Who holds the flock on the file open on fd: Linux lists every lock in
 * /proc/locks with its process and the file's device and inode.  The
 * process's name goes in name (empty when it cannot be read).  Returns
 * the process id, or 0 when it cannot be told (another system, or the
 * holder has just let go).
 */
static long
lock_holder(int fd, char *name, size_t size)
{
	char line[256], kind[16], adv[16], mode[16], *nl;
	unsigned maj, mnr;
	unsigned long long ino;
	struct stat st;
	long pid = 0, p;
	FILE *fp;

	*name = '\0';
	if (fstat(fd, &st) == -1 || (fp = fopen("/proc/locks", "re")) == NULL)
		return 0;
	while (pid == 0 && fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "%*[^:]: %15s %15s %15s %ld %x:%x:%llu", kind,
		    adv, mode, &p, &maj, &mnr, &ino) == 7 &&
		    strcmp(kind, "FLOCK") == 0 && p != getpid() &&
		    maj == major(st.st_dev) && mnr == minor(st.st_dev) &&
		    ino == (unsigned long long)st.st_ino)
			pid = p;
	fclose(fp);
	snprintf(line, sizeof(line), "/proc/%ld/comm", pid);
	if (pid != 0 && (fp = fopen(line, "re")) != NULL) {
		if (fgets(name, (int)size, fp) != NULL &&
		    (nl = strchr(name, '\n')) != NULL)
			*nl = '\0';
		fclose(fp);
	}
	return pid;
}

/* The message for a lock still held when the wait is over. */
static void
busy(int fd, const char *path)
{
	char name[64], shown_name[SHOWN_MAX + 4];
	long pid = lock_holder(fd, name, sizeof(name));
	int wait = store_lock_wait();

	if (pid != 0)
		st_seterr("%s: %s (process %ld) is still writing it after %d "
		    "second%s; try again when it has finished", path,
		    *name ? shown(name, shown_name) : "another program", pid,
		    wait, wait == 1 ? "" : "s");
	else
		st_seterr("%s: another steady program is still writing it "
		    "after %d second%s; try again in a moment", path, wait,
		    wait == 1 ? "" : "s");
}

/*
 * Take the exclusive lock, trying again every LOCK_NAP_NS until the
 * deadline.  Non-blocking tries with naps, rather than a blocking flock
 * and an alarm, leave the program's signal handling alone.
 */
static int
wait_lock(int fd, const char *path, const struct timespec *deadline)
{
	const struct timespec nap = { 0, LOCK_NAP_NS };

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			st_seterr("%s: could not lock: %s", path,
			    strerror(errno));
			return -1;
		}
		if (past(deadline))
			break;
		nanosleep(&nap, NULL);
	}
	busy(fd, path);
	return -1;
}

/*
 * 1 if path still names the file open on fd, 0 if it was replaced or
 * removed while we waited for the lock (a rewrite renames a new file over
 * the log: the lock we hold is then on a file nobody will read again),
 * -1 on error.
 */
static int
still_there(int fd, const char *path)
{
	struct stat st, fst;

	if (fstat(fd, &fst) == -1) {
		st_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		st_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	return st.st_dev == fst.st_dev && st.st_ino == fst.st_ino;
}

int
store_lock_wait(void)
{
	const char *v = getenv("STEADY_LOCK_WAIT"), *why;
	long long n;

	if (v == NULL || parse_num(v, 0, 3600, &n, &why) == -1)
		return STORE_LOCK_WAIT;
	return (int)n;
}

int
store_lock(const char *path)
{
	struct timespec deadline;
	char *dir = dir_of(path);
	int fd, same, rc;

	rc = store_mkdirs(dir);
	free(dir);
	if (rc == -1)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += store_lock_wait();
	for (;;) {
		if ((fd = open_checked(path)) == -1)
			return -1;
		if (wait_lock(fd, path, &deadline) == -1)
			break;
		if ((same = still_there(fd, path)) == 1)
			return fd;
		if (same == -1)
			break;
		if (past(&deadline)) {
			busy(fd, path);
			close(fd);
			return -1;
		}
		close(fd);
	}
	close(fd);
	return -1;
}

/* The number of the last line of the file open on fd (newlines + 1). */
static int
last_line(int fd, const char *path, off_t size, unsigned long *line)
{
	char buf[8192];
	off_t off = 0;
	ssize_t n;

	*line = 1;
	while (off < size) {
		n = pread(fd, buf, sizeof(buf), off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			st_seterr("%s: %s", path, n == 0 ? "shrank while "
			    "being read" : strerror(errno));
			return -1;
		}
		*line += csv_newlines(buf, (size_t)n);
		off += n;
	}
	return 0;
}

/*
 * Appending after a torn last line (a crash, or an editor that dropped
 * the final newline) would glue our record onto it and spoil both, so
 * the file must end in a newline; when it does not, the line is named so
 * the person can mend it.
 */
static int
check_tail(int fd, const char *path, off_t size)
{
	unsigned long line;
	ssize_t n;
	char c;

	if (size == 0)
		return 0;
	while ((n = pread(fd, &c, 1, size - 1)) == -1 && errno == EINTR)
		;
	if (n != 1) {
		st_seterr("%s: %s", path, n == 0 ? "shrank while being read" :
		    strerror(errno));
		return -1;
	}
	if (c == '\n')
		return 0;
	if (last_line(fd, path, size, &line) == -1)
		return -1;
	st_seterr("%s:%lu: the last line is incomplete (no newline at its "
	    "end)", path, line);
	return -1;
}

/*
 * Undo a failed append.  We hold the lock, so the file's old size is
 * where our record began; cutting back to it leaves the log as it was,
 * not with half a record that every reader would trip over.  err is the
 * write's errno, or 0 for a short write.
 */
static int
undo_append(int fd, const char *path, off_t size, int err)
{
	const char *why = "the disk may be full";
	char *what;

	if (err != 0)
		why = strerror(err);
	what = xstrdup(why);
	while (ftruncate(fd, size) == -1) {
		if (errno == EINTR)
			continue;
		st_seterr("%s: could not write: %s, and could not remove the "
		    "part that was written: %s", path, what, strerror(errno));
		free(what);
		return -1;
	}
	/* The cut must outlast a crash as the record would have. */
	(void)fdatasync(fd);
	st_seterr("%s: could not write: %s", path, what);
	free(what);
	return -1;
}

/*
 * One write(2) on an O_APPEND descriptor puts the whole record at the end
 * at once, so a reader never sees part of it next to someone else's.
 * After a short write the rest is tried once more, only to learn why it
 * stopped (a full disk, a size limit); we hold the lock, so nothing else
 * can come between.  If that fails too, the part written is undone.
 */
static int
write_once(int fd, const char *path, off_t size, const char *p, size_t n)
{
	ssize_t w, w2;

	while ((w = write(fd, p, n)) == -1 && errno == EINTR)
		;
	if (w == -1)
		return undo_append(fd, path, size, errno);
	if ((size_t)w != n) {
		while ((w2 = write(fd, p + w, n - (size_t)w)) == -1 &&
		    errno == EINTR)
			;
		if (w2 == -1)
			return undo_append(fd, path, size, errno);
		if ((size_t)w2 != n - (size_t)w)
			return undo_append(fd, path, size, 0);
	}
	/*
	 * The person was told it was saved only if it reached the disk.
	 * If the sync fails, the record's fate is unknown; removing it
	 * gives a definite answer: not saved, and they can try again.
	 */
	if (fdatasync(fd) == -1)
		return undo_append(fd, path, size, errno);
	return 0;
}

int
store_append(int fd, const char *path, const char *header, const char *buf,
    size_t len)
{
	struct strbuf sb = { 0 };
	struct stat st;
	size_t hlen = header != NULL ? strlen(header) : 0;
	int rc;

	if ((len > 0 && buf[len - 1] != '\n') ||
	    (hlen > 0 && header[hlen - 1] != '\n')) {
		st_seterr("%s: a record must end with a newline; nothing was "
		    "added", path);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		st_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	if (check_tail(fd, path, st.st_size) == -1)
		return -1;
	if (st.st_size > 0 || hlen == 0) {
		if (len == 0)
			return 0;
		return write_once(fd, path, st.st_size, buf, len);
	}
	/* Header and first record in one write, so both or neither land. */
	sb_add(&sb, header, hlen);
	if (len > 0)
		sb_add(&sb, buf, len);
	rc = write_once(fd, path, st.st_size, sb.s, sb.len);
	sb_free(&sb);
	return rc;
}

/*
 * Refuse to replace a link (it would be replaced, not its target).  The
 * mode the person gave the file is kept in *mode (0600 for a new one).
 */
static int
check_target(const char *path, mode_t *mode)
{
	struct stat st;

	*mode = 0600;
	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		st_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		st_seterr("%s: is a symbolic link; steady will not write "
		    "through it", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		st_seterr("%s: is not a regular file; steady will not write "
		    "to it", path);
		return -1;
	}
	if (check_private(path, &st) == -1)
		return -1;
	*mode = st.st_mode & 07777;
	return 0;
}

/* Create the temporary file beside path: 0600, close-on-exec, fd > 2. */
static int
make_temp(const char *path, mode_t mode, char **tmp)
{
	int fd;

	*tmp = xasprintf("%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) == -1) {
		st_seterr("%s: could not create a temporary file beside it: "
		    "%s", path, strerror(errno));
		free(*tmp);
		return -1;
	}
	/* mkstemp's mode is 0600 less the umask: set the one wanted. */
	if (fchmod(fd, mode) == -1 || fcntl(fd, F_SETFD, FD_CLOEXEC) == -1) {
		st_seterr("%s: %s", *tmp, strerror(errno));
		close(fd);
		fd = -1;
	} else
		fd = lift_fd(fd, *tmp);
	if (fd == -1) {
		unlink(*tmp);
		free(*tmp);
	}
	return fd;
}

int
store_rewrite(const char *path, const char *buf, size_t len)
{
	char *tmp;
	mode_t mode;
	int fd;

	if (check_target(path, &mode) == -1 ||
	    (fd = make_temp(path, mode, &tmp)) == -1)
		return -1;
	/*
	 * Until the rename, path is the old file, whole; after it, the new
	 * one, whole, and only once its data is on disk (the fsync before).
	 */
	if (write_full(fd, buf, len) == -1 || fsync(fd) == -1) {
		st_seterr("%s: could not write: %s",
		    path, strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		st_seterr("%s: could not write: %s",
		    path, strerror(errno));
		goto fail;
	}
	free(tmp);
	/* Make the rename itself durable. */
	if (sync_parent(path) == -1) {
		st_seterr("%s: was replaced, but its folder could not be "
		    "synced: %s", path, strerror(errno));
		return -1;
	}
	return 0;
fail:
	unlink(tmp);
	free(tmp);
	return -1;
}

/* Write all of buf to a new file on fd, sync and close it: 0 or -1. */
static int
keep_write(int fd, const char *buf, size_t len)
{
	int rc = 0;

	if (fchmod(fd, 0600) == -1 || write_full(fd, buf, len) == -1 ||
	    fsync(fd) == -1)
		rc = -1;
	if (close(fd) == -1)
		rc = -1;
	return rc;
}

/* A new file beside path, "path.unsaved" or "path.unsaved.N": fd or -1. */
static int
keep_beside(const char *path, char **name)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC;
	int fd, i;

	for (i = 1; i < 100; i++) {
		*name = i == 1 ? xasprintf("%s.unsaved", path) :
		    xasprintf("%s.unsaved.%d", path, i);
		if ((fd = open(*name, flags, 0600)) != -1)
			return lift_fd(fd, *name);
		free(*name);
		if (errno != EEXIST)
			break;
	}
	*name = NULL;
	return -1;
}

char *
store_keep(const char *path, const char *buf, size_t len)
{
	const char *tmpdir = getenv("TMPDIR");
	char *name;
	int fd;

	if ((fd = keep_beside(path, &name)) != -1) {
		if (keep_write(fd, buf, len) == 0)
			return name;
		unlink(name);
		free(name);
	}
	if (tmpdir == NULL || *tmpdir != '/')
		tmpdir = "/tmp";
	name = join(tmpdir, "steady-unsaved.XXXXXX");
	if ((fd = mkstemp(name)) != -1 &&
	    (fd = lift_fd(fd, name)) != -1 && keep_write(fd, buf, len) == 0)
		return name;
	st_seterr("what was typed could not be kept either: %s",
	    strerror(errno));
	if (fd != -1)
		unlink(name);
	free(name);
	return NULL;
}

int
store_keep_told(const char *path, const char *buf, size_t len,
    const char *what)
{
	char *kept;

	if ((kept = store_keep(path, buf, len)) == NULL) {
		st_warnx("%s", st_error());
		return -1;
	}
	st_warnx("%s is kept in %s, readable by you alone", what, kept);
	free(kept);
	return 0;
}

int
store_tail_ok(int fd, const char *path)
{
	struct stat st;

	if (fstat(fd, &st) == -1) {
		st_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	return check_tail(fd, path, st.st_size);
}

void
store_unlock(int fd)
{
	if (fd < 0)
		return;
	flock(fd, LOCK_UN);
	close(fd);
}

int
store_add_columns(struct csvr *r, const char *path,
    const char *const *miss, size_t nmiss)
{
	struct strbuf sb = { 0 };
	const char **hdr;
	size_t i, n = csvr_ncols(r);
	char sep = csvr_sep(r), *why;
	int c, rc = -1;

	hdr = xcalloc(n + nmiss, sizeof(*hdr));
	for (i = 0; i < n; i++)
		hdr[i] = csvr_colname(r, i);
	for (i = 0; i < nmiss; i++)
		hdr[n + i] = miss[i];
	csvw_record(&sb, hdr, n + nmiss, sep, 0);
	free(hdr);
	while ((c = csvr_next(r)) == CSVR_REC) {
		sb_puts(&sb, csvr_raw(r));
		for (i = 0; i < nmiss; i++)
			sb_putc(&sb, sep);
		sb_putc(&sb, '\n');
	}
	if (c == CSVR_EOF)
		rc = store_rewrite(path, sb.s, sb.len);
	else {
		why = xstrdup(st_error());
		st_seterr("%s; the log needs a new column for \"%s\", so this "
		    "line has to be put right first", why, miss[0]);
		free(why);
	}
	sb_free(&sb);
	return rc;
}
