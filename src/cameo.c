/*
 * cameo.c - the CAMEO event code table, loaded from data/cameo.tsv.
 *
 * File format: UTF-8 text, one record a line, fields separated by tabs.
 * Lines starting with '#' and blank lines are skipped. The first other line
 * is the header; it names the columns, which may come in any order:
 *   code        2 to 5 ASCII digits ("040"), unique in the file
 *   quad_class  1..4 (GDELT QuadClass)
 *   goldstein   decimal number in [-10, 10] ("-0.1", "10.0")
 *   plover      empty or a PLOVER category: A-Z, '_' or '-', at most 13
 *   name        non-empty, at most 95 bytes, no control characters
 * Columns with other names (e.g. "root") are allowed and ignored.
 *
 * Invariants after a successful cameo_load(): t->v holds t->n entries
 * sorted by code (strcmp order, which for digit strings of any length is
 * the order cameo_find() searches), codes are unique, every field valid.
 * The table is read-only afterwards and may be shared between threads.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>

#define CAMEO_MAX_LINE 4096     /* bytes in one line, newline excluded */
#define CAMEO_MAX_ROWS 65536    /* entries in one table */
#define CAMEO_MAX_COLS 32       /* columns in the header */
#define FIELD_CAP(f) sizeof(((struct cameo_info *)0)->f)

enum { COL_CODE, COL_QUAD, COL_GOLD, COL_PLOVER, COL_NAME, NCOLS };
static const char *const col_name[NCOLS] = {
	"code", "quad_class", "goldstein", "plover", "name",
};

/* A table row while loading: the line is kept to report duplicates. */
struct row {
	struct cameo_info info;
	long line;
};

/* The load state shared by the helpers below. */
struct loader {
	const char *path;
	dyad_error *err;
	long line;          /* 1-based number of the current line */
	long line_off;      /* byte offset of the current line in the file */
	const char *text;   /* the current line */
};

/* Report a bad line: DYAD_EDICT with the file, the line, the byte
 * position of field f (or of the line when f is NULL) and a message that
 * quotes the offending text (at most 60 bytes of it). */
static int bad(const struct loader *ld, const char *f, size_t flen,
	       const char *what)
{
	const char *at = f ? f : ld->text;
	size_t n = f ? flen : strlen(ld->text);
	return dyad_seterr(ld->err, DYAD_EDICT, ld->path, ld->line,
			   ld->line_off + (long)(at - ld->text),
			   "%s: \"%.*s%s\"", what, (int)MIN(n, (size_t)60), at,
			   n > 60 ? "..." : "");
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static bool valid_code(const char *s, size_t n)
{
	return n >= 2 && n < FIELD_CAP(code) &&
	       is_digits(s, n);
}

/* Parse "[-+]D[D][.D...]" into *out; false unless it is such a number in
 * [-10, 10]. Written out rather than strtod() so that the process locale
 * (decimal comma) cannot change the result. */
static bool parse_goldstein(const char *s, size_t n, float *out)
{
	size_t i = 0;
	bool neg = false;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	size_t int_start = i;
	double v = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && i - int_start < 3)
		v = v * 10 + (s[i++] - '0');
	if (i == int_start)
		return false;
	if (i < n && s[i] == '.') {
		i++;
		size_t frac_start = i;
		double scale = 0.1;
		while (i < n && s[i] >= '0' && s[i] <= '9' &&
		       i - frac_start < 6) {
			v += (s[i++] - '0') * scale;
			scale /= 10;
		}
		if (i == frac_start)
			return false;
	}
	if (i != n || v > 10.0)
		return false;
	*out = (float)(neg ? -v : v);
	return true;
}

static bool valid_plover(const char *s, size_t n)
{
	if (n >= FIELD_CAP(plover))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

static bool valid_name(const char *s, size_t n)
{
	if (n == 0 || n >= FIELD_CAP(name))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* Split line (NUL-terminated, no newline) at tabs. Returns the number of
 * fields, or -1 when there are more than max. */
static int split_tabs(const char *line, const char **f, size_t *len, int max)
{
	int n = 0;
	const char *p = line;
	for (;;) {
		if (n == max)
			return -1;
		const char *tab = strchr(p, '\t');
		f[n] = p;
		len[n] = tab ? (size_t)(tab - p) : strlen(p);
		n++;
		if (!tab)
			return n;
		p = tab + 1;
	}
}

/* Map header fields to col[COL_*] (field indexes). */
static int read_header(const struct loader *ld, const char **f,
		       const size_t *len, int nf, int *col)
{
	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	for (int i = 0; i < nf; i++) {
		for (int c = 0; c < NCOLS; c++) {
			if (len[i] != strlen(col_name[c]) ||
			    memcmp(f[i], col_name[c], len[i]))
				continue;
			if (col[c] >= 0)
				return bad(ld, f[i], len[i],
					   "duplicate column in header");
			col[c] = i;
		}
	}
	for (int c = 0; c < NCOLS; c++) {
		if (col[c] < 0)
			return dyad_seterr(ld->err, DYAD_EDICT, ld->path,
					   ld->line, ld->line_off,
					   "header lacks column \"%s\": \"%.*s\"",
					   col_name[c],
					   (int)MIN(strlen(ld->text), (size_t)60),
					   ld->text);
	}
	return 0;
}

/* Parse one data line into r. */
static int read_row(const struct loader *ld, const char **f,
		    const size_t *len, int nf, int ncols, const int *col,
		    struct row *r)
{
	if (nf != ncols) {
		char what[64];
		snprintf(what, sizeof what, "%d fields, the header has %d",
			 nf, ncols);
		return bad(ld, NULL, 0, what);
	}
	const char *s;
	size_t n;

	memset(r, 0, sizeof *r);
	r->line = ld->line;

	s = f[col[COL_CODE]]; n = len[col[COL_CODE]];
	if (!valid_code(s, n))
		return bad(ld, s, n, "code must be 2 to 5 digits");
	memcpy(r->info.code, s, n);

	s = f[col[COL_QUAD]]; n = len[col[COL_QUAD]];
	if (n != 1 || s[0] < '1' || s[0] > '4')
		return bad(ld, s, n, "quad_class must be 1, 2, 3 or 4");
	r->info.quad = (int8_t)(s[0] - '0');

	s = f[col[COL_GOLD]]; n = len[col[COL_GOLD]];
	if (!parse_goldstein(s, n, &r->info.goldstein))
		return bad(ld, s, n,
			   "goldstein must be a number from -10 to 10");

	s = f[col[COL_PLOVER]]; n = len[col[COL_PLOVER]];
	if (!valid_plover(s, n))
		return bad(ld, s, n,
			   "plover must be empty or at most 13 of A-Z _ -");
	memcpy(r->info.plover, s, n);

	s = f[col[COL_NAME]]; n = len[col[COL_NAME]];
	if (!valid_name(s, n))
		return bad(ld, s, n,
			   "name must be 1 to 95 bytes without control characters");
	memcpy(r->info.name, s, n);
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->info.code, y->info.code);
	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

int cameo_load(struct cameo_table *t, const char *path, dyad_error *err)
{
	struct loader ld = { .path = path, .err = err, .line = 0 };
	struct row *rows = NULL;
	size_t nrows = 0, cap = 0;
	char *line = NULL;
	size_t line_cap = 0;
	const char *f[CAMEO_MAX_COLS];
	size_t len[CAMEO_MAX_COLS];
	int col[NCOLS], ncols = 0;
	long off = 0;
	int rc = 0;
	FILE *fp = NULL;

	if (!t || !path)
		return dyad_seterr(err, DYAD_EUSAGE, path, 0, -1,
				   "cameo_load: no table or path");
	t->v = NULL;
	t->n = 0;

	fp = fopen(path, "r");
	if (!fp) {
		rc = dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot open: %s",
				 strerror(errno));
		goto out;
	}

	for (;;) {
		errno = 0;
		ssize_t got = getline(&line, &line_cap, fp);
		if (got < 0) {
			if (ferror(fp))
				rc = dyad_seterr(err, errno == ENOMEM ?
						 DYAD_ENOMEM : DYAD_EIO, path,
						 ld.line + 1, off,
						 "read failed: %s",
						 strerror(errno));
			break;
		}
		ld.line++;
		ld.line_off = off;
		ld.text = line;
		off += (long)got;

		size_t n = (size_t)got;
		if (n && line[n - 1] == '\n')
			line[--n] = 0;
		if (n && line[n - 1] == '\r')
			line[--n] = 0;
		if (strlen(line) != n) {
			rc = dyad_seterr(err, DYAD_EDICT, path, ld.line,
					 ld.line_off + (long)strlen(line),
					 "NUL byte in line");
			goto out;
		}
		if (n > CAMEO_MAX_LINE) {
			rc = dyad_seterr(err, DYAD_EDICT, path, ld.line,
					 ld.line_off,
					 "line longer than %d bytes: \"%.40s...\"",
					 CAMEO_MAX_LINE, line);
			goto out;
		}
		/* A UTF-8 byte order mark may open the file. */
		if (ld.line == 1 && n >= 3 &&
		    !memcmp(line, "\xEF\xBB\xBF", 3)) {
			memmove(line, line + 3, n - 2);
			n -= 3;
			ld.line_off += 3;
		}
		if (line[0] == '#' || is_blank(line))
			continue;

		int nf = split_tabs(line, f, len, CAMEO_MAX_COLS);
		if (nf < 0) {
			rc = bad(&ld, NULL, 0, "too many fields");
			goto out;
		}
		if (!ncols) {
			rc = read_header(&ld, f, len, nf, col);
			if (rc)
				goto out;
			ncols = nf;
			continue;
		}
		if (nrows == cap) {
			if (cap == CAMEO_MAX_ROWS) {
				rc = dyad_seterr(err, DYAD_ETOOBIG, path,
						 ld.line, ld.line_off,
						 "more than %d codes",
						 CAMEO_MAX_ROWS);
				goto out;
			}
			size_t ncap = cap ? cap * 2 : 512;
			struct row *p = realloc(rows, ncap * sizeof *rows);
			if (!p) {
				rc = dyad_seterr(err, DYAD_ENOMEM, path,
						 ld.line, ld.line_off,
						 "out of memory");
				goto out;
			}
			rows = p;
			cap = ncap;
		}
		rc = read_row(&ld, f, len, nf, ncols, col, &rows[nrows]);
		if (rc)
			goto out;
		nrows++;
	}
	if (rc)
		goto out;
	if (!ncols || !nrows) {
		rc = dyad_seterr(err, DYAD_EDICT, path, ld.line, -1,
				 ncols ? "no codes after the header" :
				 "no header line");
		goto out;
	}

	qsort(rows, nrows, sizeof *rows, row_cmp);
	for (size_t i = 1; i < nrows; i++) {
		if (strcmp(rows[i - 1].info.code, rows[i].info.code))
			continue;
		rc = dyad_seterr(err, DYAD_EDICT, path, rows[i].line, -1,
				 "duplicate code (first on line %ld): \"%s\"",
				 rows[i - 1].line, rows[i].info.code);
		goto out;
	}

	t->v = malloc(nrows * sizeof *t->v);
	if (!t->v) {
		rc = dyad_seterr(err, DYAD_ENOMEM, path, 0, -1,
				 "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nrows; i++)
		t->v[i] = rows[i].info;
	t->n = nrows;

out:
	if (fp)
		fclose(fp);
	free(line);
	free(rows);
	return rc;
}

static const struct cameo_info *find_exact(const struct cameo_table *t,
					   const char *code)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, t->v[mid].code);
		if (!c)
			return &t->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct cameo_info *cameo_find(const struct cameo_table *t,
				    const char *code)
{
	char key[FIELD_CAP(code)];

	if (!t || !t->v || !code)
		return NULL;
	size_t n = strlen(code);
	if (!valid_code(code, n))
		return NULL;          /* "---", "", "0", "04a", too long */
	memcpy(key, code, n + 1);
	for (; n >= 2; key[--n] = 0) {
		const struct cameo_info *ci = find_exact(t, key);
		if (ci)
			return ci;
	}
	return NULL;
}

void cameo_release(struct cameo_table *t)
{
	if (!t)
		return;
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
