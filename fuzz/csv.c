/*
 * The CSV reader over any bytes: the first byte picks the flags, the
 * rest is the file.  Every record read is written back, under the
 * file's own header, with the log writer and read again: the fields
 * must come back the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write the record's fields as one log line and read them back. */
static void
round_trip(struct csvr *r)
{
	struct strbuf sb = { 0 };
	const char **f;
	size_t i, n = csvr_nfields(r);
	struct csvr *back;
	FILE *fp;
	char sep = csvr_sep(r);

	f = xcalloc(n + 1, sizeof(*f));
	for (i = 0; i < n; i++)
		f[i] = csvr_field(r, i);
	csvw_header(&sb, r);
	csvw_record(&sb, f, n, sep, CSVW_ESCAPE);
	fp = fmemopen(sb.s, sb.len, "r");
	if (fp != NULL && (back = csvr_open(fp, "back", CSVR_UNESCAPE))) {
		if (csvr_ncols(back) == n && csvr_next(back) != CSVR_REC)
			abort();
		for (i = 0; csvr_ncols(back) == n && i < n; i++)
			if (strcmp(csvr_field(back, i), f[i]) != 0)
				abort();
		csvr_close(back);
	}
	if (fp != NULL)
		fclose(fp);
	free(f);
	sb_free(&sb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvr *r;
	FILE *fp;
	int flags, c, unescape;

	if (size < 1)
		return 0;
	flags = data[0] & (CSVR_UNESCAPE | CSVR_WHOLE);
	unescape = flags & CSVR_UNESCAPE;
	if ((fp = fmemopen((void *)(data + 1), size - 1, "r")) == NULL)
		return 0;
	if ((r = csvr_open(fp, "fuzz", flags)) != NULL) {
		while ((c = csvr_next(r)) != CSVR_EOF && c != CSVR_ERR) {
			if (c == CSVR_REC) {
				(void)csvr_raw(r);
				if (unescape)
					round_trip(r);
			}
		}
		csvr_close(r);
	}
	fclose(fp);
	return 0;
}
