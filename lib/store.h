/*
 * store: where steady keeps its files, and the only code that writes logs.
 *
 * Appends take an exclusive lock, write the whole record with one write(2)
 * and fdatasync; rewrites go through an O_EXCL temporary file in the same
 * directory, fsync, rename and fsync of the directory.  Directories are
 * created 0700 and files 0600 whatever the umask; a log that is a symbolic
 * link or not a regular file is refused.
 */
#ifndef STEADY_STORE_H
#define STEADY_STORE_H

#include <stddef.h>
#include <sys/types.h>

/* How long a writer waits for another writer's lock, in seconds. */
#define STORE_LOCK_WAIT 10

/* $STEADY_LOCK_WAIT (0 to 3600) when set and valid, else STORE_LOCK_WAIT. */
int store_lock_wait(void);

/*
 * The data directory: $STEADY_DIR, else $XDG_DATA_HOME/steady, else
 * $HOME/.local/share/steady.  The config directory: $STEADY_CONFIG, else
 * $XDG_CONFIG_HOME/steady, else $HOME/.config/steady.  Empty variables
 * count as unset; a relative XDG path is ignored (XDG spec).  Returns a
 * malloc'd path, or NULL with st_error() set when HOME is needed and unset.
 */
char *store_data_dir(void);
char *store_config_dir(void);

/* dir + "/" + name, malloc'd. */
char *store_path(const char *dir, const char *name);

/*
 * Is the file at path in the data directory itself: is the folder
 * holding it that directory (the same device and inode, however either
 * is named)?  1 yes; 0 no, or when either cannot be found.
 */
int store_in_data_dir(const char *path);

/*
 * Create dir and any missing parents, each new one mode 0700.  An existing
 * directory is left as it is.  Returns 0, or -1 with st_error() naming the
 * path.
 */
int store_mkdirs(const char *dir);

/*
 * Open the log at path for appending, creating it 0600 (and its directory
 * 0700) if needed, and take an exclusive flock, waiting up to
 * store_lock_wait() seconds.  Refuses a symbolic link or a non-regular file.
 * If the file was replaced (renamed over) while waiting, opens the new one.
 * Never returns a descriptor below 3.  Returns the descriptor, or -1 with
 * st_error() set ("PATH: reason").
 */
int store_lock(const char *path);

/*
 * Append one or more whole records (buf, len, ending in "\n") to the log
 * open and locked on fd.  If the file is empty, header (with its "\n", may
 * be NULL) is written first, in the same write.  Refuses to append to a
 * file whose last byte is not "\n", naming that line:
 * "PATH:LINE: the last line is incomplete (no newline at its end)".
 * On a short or failed write the file is truncated back to its old size.
 * Returns 0 or -1 with st_error() set.  Does not close fd.
 */
int store_append(int fd, const char *path, const char *header,
    const char *buf, size_t len);

/*
 * Replace the file at path with buf, len: O_EXCL temporary file in the
 * same directory (the old file's mode, or 0600 for a new one), write,
 * fsync, rename over path, fsync the directory.  On failure path is untouched and the temporary is removed.
 * Returns 0 or -1 with st_error() set.
 */
int store_rewrite(const char *path, const char *buf, size_t len);

struct csvr;

/*
 * Give a log the columns miss[0..nmiss) at the end of its header, in one
 * atomic rewrite (store_rewrite, the mode kept): every record r has yet
 * to read is written back as it was, with nmiss empty cells after it.  r
 * has read the header of the log at path, which the caller has locked,
 * and must not decode escapes (CSVR_UNESCAPE), so that each record is
 * kept to the byte.  Returns 0; or -1 with st_error() naming the line
 * that could not be read, and the log is left as it was.  The file is
 * replaced, so the caller locks it again before appending.
 */
int store_add_columns(struct csvr *r, const char *path,
    const char *const *miss, size_t nmiss);

/*
 * Keep buf, len (what the person typed, when saving it failed) in a new
 * private file: path.unsaved beside the log (path.unsaved.2, .3, ... when
 * taken), or, when that folder cannot take it, steady-unsaved.XXXXXX in
 * $TMPDIR or /tmp.  Mode 0600 whatever the umask, synced to disk.
 * Returns the file's name, malloc'd, or NULL with st_error() set.
 */
char *store_keep(const char *path, const char *buf, size_t len);

/*
 * The same, told: on stderr, "PROG: WHAT is kept in FILE, readable by you
 * alone" (what: "what you entered", say), or why it could not be kept.
 * For a program whose save failed after the person typed at a prompt.
 * Returns 0 when kept, -1 when not.
 */
int store_keep_told(const char *path, const char *buf, size_t len,
    const char *what);

/*
 * 0 when the log open on fd is empty or ends in a newline, so that a
 * record can be appended; else -1 with st_error() naming the torn line,
 * as store_append would.  Lets a writer that reads the log before
 * appending stop first, with one message.
 */
int store_tail_ok(int fd, const char *path);

/* Release the lock and close a descriptor from store_lock(). */
void store_unlock(int fd);

#endif
