/*
 * Shared by the harnesses: the fuzzer's bytes as a C string, and as a
 * file in a private scratch directory (the config parsers read files).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* data, size as a malloc'd NUL-terminated string (NULs become spaces). */
char *fuzz_str(const uint8_t *data, size_t size);

/*
 * The scratch directory (made 0700 on first use, the same for the whole
 * run), and the file name in it, written with data, size; both malloc'd
 * once and owned here.
 */
const char *fuzz_dir(void);
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

/* Point the config and data folders at the scratch directory. */
void fuzz_env(void);

#endif
