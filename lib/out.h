/*
 * out: one report document written in any of steady's output formats:
 * an aligned terminal table (with Unicode sparklines, colour only when
 * asked), CSV, TSV, Markdown, JSON and a self-contained HTML page with
 * inline SVG charts.  The caller describes the document (sections, notes,
 * tables, rows, charts) in order; out renders it as it goes, buffering
 * only the table being written (to align its columns) and, for JSON, the
 * open section (which lists its notes, tables and charts apart).
 */
#ifndef STEADY_OUT_H
#define STEADY_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

enum out_format { OUT_TABLE, OUT_CSV, OUT_TSV, OUT_MD, OUT_JSON, OUT_HTML };

/* "table" "csv" "tsv" "md" "json" "html" -> *f; -1 for anything else. */
int out_format_parse(const char *name, enum out_format *f);
const char *out_format_name(enum out_format f);

enum out_kind {
	OUT_INFO,		/* a plain sentence */
	OUT_CONCERN,		/* a concern to look at */
	OUT_WIN			/* a win */
};

struct out_col {
	const char *name;
	int numeric;		/* right-aligned; numbers: JSON, unguarded */
};

struct out_chart {
	const char *title;	/* e.g. "mood (weekly mean)" */
	size_t n;		/* points */
	const double *y;	/* NAN is a gap in the line */
	const char *const *x;	/* a label per point, e.g. "2026-W48" */
	double ymin, ymax;	/* the scale drawn */
	const double *marks;	/* horizontal reference lines (cut-offs) */
	size_t nmarks;
};

struct out;

/*
 * Start a document on fp.  colour: 1 to use ANSI colour in OUT_TABLE (the
 * caller decides: a terminal and no NO_COLOR).  title heads the document
 * (table, md, html, json).  Never fails; write errors are found by
 * out_close().
 */
struct out *out_open(FILE *fp, enum out_format f, int colour,
    const char *title);

/* A new section (one per client, say), with its heading. */
void out_section(struct out *o, const char *heading);

/* A sentence under the current section: csv and tsv leave notes out. */
void out_note(struct out *o, enum out_kind kind, const char *text);
/* Whether notes are written at all: 0 for csv and tsv. */
int out_has_notes(const struct out *o);

/*
 * Start a table named name (a caption; a JSON key).  csv and tsv write
 * only primary tables, and print the header once for consecutive primary
 * tables with the same columns, so their output is one tidy table.
 * The column array must stay valid until the next table or out_close().
 */
void out_table(struct out *o, const char *name, const struct out_col *cols,
    size_t ncols, int primary);

/* One row of the current table: ncols cells, NULL or "" for empty. */
void out_row(struct out *o, const char *const *cells);

/* A line chart: an inline SVG with the data beside it in html; a
 * sparkline line in table and md; a JSON object; nothing in csv/tsv. */
void out_chart(struct out *o, const struct out_chart *c);

/*
 * Days to mark on the next chart's time axis only (html): an upright
 * dashed line at each fractional point x[0..n) (from 0 to the chart's
 * n - 1), whose tooltip is title.  x and title must stay valid until
 * that out_chart().
 */
void out_chart_days(struct out *o, const double *x, size_t n,
    const char *title);

/*
 * Write what is buffered to the stream now.  The document goes on as
 * before: its output is the same bytes whether or not this is called.
 */
void out_flush(struct out *o);

/* Finish the document and flush.  Returns 0, or -1 on a write error. */
int out_close(struct out *o);
/*
 * Free the document and write nothing more of it, not even what is
 * buffered: for a process that forked, whose parent writes the document.
 */
void out_discard(struct out *o);

/*
 * A sparkline of v[0..n) in UTF-8 block characters scaled to [lo, hi]
 * (NAN is a space) into buf; returns buf.  buf needs 3n + 1 bytes.
 */
char *out_sparkline(const double *v, size_t n, double lo, double hi,
    char *buf, size_t len);

/*
 * Append one CSV/TSV cell: quoted only when needed and, for text cells
 * (numeric == 0, or a numeric cell that is not a plain decimal number
 * like "-2"), guarded against spreadsheet formulas: a cell starting
 * with = + - @ tab or CR gets a leading '.
 */
void out_cell(struct strbuf *sb, const char *s, char sep, int numeric);

#endif
