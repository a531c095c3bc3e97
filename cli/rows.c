/*
 * rows.c - writes query and export rows: an aligned table for a terminal,
 * JSONL (numbers as numbers, CAMEO codes and all other text as strings,
 * NULL as null), CSV (RFC 4180 quoting) or TSV (tabs and newlines in
 * values become spaces). A table keeps its first TABLE_ROWS rows to fix
 * the column widths, then streams; cells are cut at TABLE_CELL characters.
 */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_ROWS 1000
#define TABLE_CELL 60

bool row_format_parse(const char *s, enum row_format *f)
{
	if (!strcmp(s, "table"))
		*f = ROW_TABLE;
	else if (!strcmp(s, "jsonl") || !strcmp(s, "json"))
		*f = ROW_JSONL;
	else if (!strcmp(s, "csv"))
		*f = ROW_CSV;
	else if (!strcmp(s, "tsv"))
		*f = ROW_TSV;
	else
		return false;
	return true;
}

static void json_str(FILE *o, const char *s)
{
	putc('"', o);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", o); break;
		case '\\': fputs("\\\\", o); break;
		case '\n': fputs("\\n", o); break;
		case '\t': fputs("\\t", o); break;
		case '\r': fputs("\\r", o); break;
		default:
			if (*p < 0x20)
				fprintf(o, "\\u%04x", *p);
			else
				putc(*p, o);
		}
	}
	putc('"', o);
}

static void sv_field(FILE *o, enum row_format f, const char *s)
{
	if (!s)
		return;
	if (f == ROW_CSV) {
		if (!strpbrk(s, ",\"\n\r")) {
			fputs(s, o);
			return;
		}
		putc('"', o);
		for (; *s; s++) {
			if (*s == '"')
				putc('"', o);
			putc(*s, o);
		}
		putc('"', o);
		return;
	}
	for (; *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, o);
}

/* display width: code points (UTF-8 continuation bytes do not count) */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* a table cell: no newlines or tabs, at most TABLE_CELL code points */
static char *cell(const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s), k = 0, w = 0;
	char *c = malloc(n + 4);
	if (!c)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b & 0xc0) != 0x80 && ++w > TABLE_CELL) {
			memcpy(c + k, "...", 3);
			k += 3;
			break;
		}
		c[k++] = b == '\n' || b == '\t' || b == '\r' ? ' ' : (char)b;
	}
	c[k] = 0;
	return c;
}

static void table_line(struct row_writer *w, char **cells, const bool *right)
{
	for (int i = 0; i < w->ncols; i++) {
		size_t cw = width(cells[i]);
		size_t pad = w->width[i] > cw ? w->width[i] - cw : 0;
		bool last = i + 1 == w->ncols;
		if (right && right[i])
			fprintf(w->out, "%*s%s", (int)pad, "", cells[i]);
		else
			fprintf(w->out, "%s%*s", cells[i], last ? 0 : (int)pad, "");
		fputs(last ? "\n" : "  ", w->out);
	}
}

/* Print the kept rows (the first is the header); cells[r * (ncols + 1)]
 * rows carry a right-alignment mask in their last slot. */
static void table_flush(struct row_writer *w)
{
	size_t stride = (size_t)w->ncols + 1;
	size_t nrows = w->ncells / stride;
	if (!w->started) {
		for (size_t r = 0; r < nrows; r++)
			for (int i = 0; i < w->ncols; i++) {
				size_t cw = width(w->cells[r * stride + (size_t)i]);
				if (cw > w->width[i])
					w->width[i] = cw;
			}
		w->started = true;
	}
	for (size_t r = 0; r < nrows; r++) {
		char **row = &w->cells[r * stride];
		table_line(w, row, (const bool *)row[w->ncols]);
		for (size_t i = 0; i < stride; i++)
			free(row[i]);
	}
	w->ncells = 0;
}

int row_write(void *ctx, const dyad_row *row)
{
	struct row_writer *w = ctx;
	FILE *o = w->out;
	if (!row->values) {     /* column names */
		w->ncols = row->ncols;
		if (w->fmt == ROW_TABLE) {
			w->width = calloc((size_t)row->ncols + 1, sizeof *w->width);
			if (!w->width)
				return -1;
		} else if ((w->fmt == ROW_CSV || w->fmt == ROW_TSV) && w->header) {
			for (int i = 0; i < row->ncols; i++) {
				if (i)
					putc(w->fmt == ROW_CSV ? ',' : '\t', o);
				sv_field(o, w->fmt, row->names[i]);
			}
			putc('\n', o);
		}
		if (w->fmt != ROW_TABLE)
			return ferror(o) ? -1 : 0;
	}
	switch (w->fmt) {
	case ROW_TABLE: {
		size_t stride = (size_t)w->ncols + 1;
		if (w->ncells + stride > w->capcells) {
			size_t nc = (w->capcells ? w->capcells * 2 : stride * 64);
			while (nc < w->ncells + stride)
				nc *= 2;
			char **p = realloc(w->cells, nc * sizeof *p);
			if (!p)
				return -1;
			w->cells = p;
			w->capcells = nc;
		}
		bool *right = calloc((size_t)w->ncols + 1, 1);
		if (!right)
			return -1;
		char **slot = &w->cells[w->ncells];
		for (int i = 0; i < w->ncols; i++) {
			slot[i] = cell(row->values ? row->values[i] : row->names[i]);
			if (!slot[i]) {
				while (i--)
					free(slot[i]);
				free(right);
				return -1;
			}
			if (row->values)
				right[i] = row->types[i] == DYAD_COL_INT || row->types[i] == DYAD_COL_REAL;
		}
		slot[w->ncols] = (char *)right;
		w->ncells += stride;
		if (w->started || w->ncells / stride > TABLE_ROWS)
			table_flush(w);
		break;
	}
	case ROW_JSONL:
		putc('{', o);
		for (int i = 0; i < row->ncols; i++) {
			if (i)
				putc(',', o);
			json_str(o, row->names[i]);
			putc(':', o);
			const char *v = row->values[i];
			if (!v || row->types[i] == DYAD_COL_NULL)
				fputs("null", o);
			else if (row->types[i] == DYAD_COL_INT || row->types[i] == DYAD_COL_REAL)
				fputs(v, o);
			else
				json_str(o, v);
		}
		fputs("}\n", o);
		break;
	case ROW_CSV:
	case ROW_TSV:
		for (int i = 0; i < row->ncols; i++) {
			if (i)
				putc(w->fmt == ROW_CSV ? ',' : '\t', o);
			sv_field(o, w->fmt, row->values[i]);
		}
		putc('\n', o);
		break;
	}
	if (ferror(o)) {
		w->failed = true;
		return -1;
	}
	return 0;
}

int row_finish(struct row_writer *w)
{
	if (w->fmt == ROW_TABLE && w->ncells)
		table_flush(w);
	for (size_t i = 0; i < w->ncells; i++)
		free(w->cells[i]);
	free(w->cells);
	free(w->width);
	w->cells = NULL;
	w->width = NULL;
	w->ncells = 0;
	if (fflush(w->out) || ferror(w->out) || w->failed)
		return -1;
	return 0;
}
