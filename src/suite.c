/*
 * suite.c - the readers of validation suites (suite.h): TABARI validation
 * files, PETRARCH unit-test XML and the PETRARCH-2 gold-standard XML.
 *
 * Invariants: every byte of the input is looked at a bounded number of
 * times (no backtracking beyond one line); no record is ever dropped: a
 * record the reader cannot understand keeps `malformed`; all memory is in
 * one arena owned by the suite (records array and file list excepted),
 * with SUITE_MAX_BYTES, SUITE_MAX_RECORDS and per-record caps on input.
 *
 * The XML reader is a small tag/attribute scanner, not an XML parser: it
 * knows start tags (with attributes, quoted or not), end tags, self-closing
 * tags, comments, CDATA, processing instructions and declarations, and the
 * five predefined entities plus numeric character references. A '<' that
 * starts no tag is text. Anything after an unterminated construct is
 * reported as a problem, never read past the end.
 */
#include "internal.h"
#include "suite.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUITE_MAX_RECORDS 1000000
#define MAX_REC_EVENTS 10000
#define MAX_REC_OPTS 1000
#define MAX_TEXT (1u << 20)   /* one record's text */
#define MAX_ID 200
#define MAX_NOTE 200
#define MAX_CODE 31           /* TABARI codes (dyad_event.source is char[32]) */
#define MAX_XCODE 255         /* PETR codes may be quoted phrases ("INJURY TOLL") */
#define MAX_FILES 64

/* ---- building a suite ----------------------------------------------------- */

struct builder {
	struct suite *s;
	struct arena *a;
	size_t cap_rec;
	int rc;                  /* first fatal error (ENOMEM, ETOOBIG) */
	const char *name;        /* file name for messages */
	/* the record under construction */
	bool open;
	struct suite_record r;
	struct suite_event *ev;
	size_t nev, cap_ev;
	const char **opt;        /* options of the open record, then pending */
	size_t nopt, cap_opt;
	size_t rec_opts;         /* the open record's options are opt[0, rec_opts) */
	bool seen_parse;         /* the open record reached its <Parse> */
	const char *parse;       /* its <Parse> content (in the input) */
	size_t parse_n;
	dyad_buf text;
	/* XML: dictionary files named by <Environment> (kind, name, line) */
	struct { const char *kind, *name; long line; } named[MAX_FILES];
	size_t nnamed;
	bool gsr_hint;
};

static void fail(struct builder *b, int rc)
{
	if (!b->rc)
		b->rc = rc;
}

static const char *sdup(struct builder *b, const char *s, size_t n)
{
	char *p = arena_strndup(b->a, s, n);
	if (!p) {
		fail(b, DYAD_ENOMEM);
		return "";
	}
	return p;
}

static const char *sfmt(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *sfmt(struct builder *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k < 0)
		k = 0;
	return sdup(b, tmp, MIN((size_t)k, sizeof tmp - 1));
}

static void problem(struct builder *b, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct builder *b, long line, const char *fmt, ...)
{
	struct suite *s = b->s;
	if (s->nproblems >= SUITE_MAX_PROBLEMS)
		return;
	char tmp[400];
	int k = snprintf(tmp, sizeof tmp, "line %ld: ", line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp + k, sizeof tmp - (size_t)k, fmt, ap);
	va_end(ap);
	s->problems[s->nproblems++] = sdup(b, tmp, strlen(tmp));
}

/* Mark the open record malformed (the first reason wins). */
static void bad(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void bad(struct builder *b, const char *fmt, ...)
{
	if (b->r.malformed)
		return;
	char tmp[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	b->r.malformed = sdup(b, tmp, strlen(tmp));
}

/* Makes room for one more element in the array *v of n used and *cap
 * allocated, doubling from first; false (and the builder failed) when out
 * of memory. */
static bool grow(struct builder *b, void *v, size_t n, size_t *cap,
		 size_t first, size_t elem)
{
	if (n < *cap)
		return true;
	size_t nc = *cap ? *cap * 2 : first;
	void *p = realloc(*(void **)v, nc * elem);
	if (!p) {
		fail(b, DYAD_ENOMEM);
		return false;
	}
	*(void **)v = p;
	*cap = nc;
	return true;
}

static void add_opt(struct builder *b, const char *s, size_t n)
{
	if (b->nopt >= MAX_REC_OPTS) {
		if (b->open)
			bad(b, "more than %d option lines", MAX_REC_OPTS);
		return;
	}
	if (!grow(b, &b->opt, b->nopt, &b->cap_opt, 8, sizeof *b->opt))
		return;
	b->opt[b->nopt++] = sdup(b, s, n);
}

static void add_event(struct builder *b, const char *src, size_t ns,
		      const char *tgt, size_t nt, const char *code, size_t nc,
		      int date)
{
	if (b->nev >= MAX_REC_EVENTS) {
		bad(b, "more than %d expected events", MAX_REC_EVENTS);
		return;
	}
	if (!grow(b, &b->ev, b->nev, &b->cap_ev, 8, sizeof *b->ev))
		return;
	struct suite_event *e = &b->ev[b->nev++];
	e->src = sdup(b, src, ns);
	e->tgt = sdup(b, tgt, nt);
	e->code = sdup(b, code, nc);
	e->date = date;
}

static void text_add(struct builder *b, const char *s, size_t n)
{
	if (b->text.len + n > MAX_TEXT) {
		bad(b, "text longer than %u bytes", MAX_TEXT);
		return;
	}
	if (buf_add(&b->text, s, n))
		fail(b, DYAD_ENOMEM);
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* s[0,n) with every run of whitespace made one space, trimmed; into the
 * arena. *outn gets the length. */
static const char *collapse(struct builder *b, const char *s, size_t n, size_t *outn)
{
	char *p = arena_alloc(b->a, n + 1);
	if (!p) {
		fail(b, DYAD_ENOMEM);
		if (outn)
			*outn = 0;
		return "";
	}
	size_t k = 0;
	bool sp = false;
	for (size_t i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i])) {
			sp = k > 0;
			continue;
		}
		if (sp)
			p[k++] = ' ';
		sp = false;
		p[k++] = s[i];
	}
	p[k] = 0;
	if (outn)
		*outn = k;
	return p;
}

static void rec_begin(struct builder *b, long line)
{
	memset(&b->r, 0, sizeof b->r);
	b->r.line = line;
	b->r.category = "";
	b->r.note = "";
	b->r.text = "";
	b->open = true;
	b->nev = 0;
	b->text.len = 0;
	b->rec_opts = SIZE_MAX;
	b->seen_parse = false;
	b->parse = NULL;
	b->parse_n = 0;
	/* pending options (PETR <Config> before the record) stay in b->opt */
}

/* Close the open record: copy its arrays into the arena and append it. */
static void rec_end(struct builder *b)
{
	if (!b->open)
		return;
	b->open = false;
	struct suite *s = b->s;
	struct suite_record *r = &b->r;
	if (!r->id) {
		r->id = sfmt(b, "line %ld", r->line);
		bad(b, "record has no id");
	}
	if (b->nev) {
		struct suite_event *ev = arena_alloc(b->a, b->nev * sizeof *ev);
		if (!ev) {
			fail(b, DYAD_ENOMEM);
			b->nev = 0;
		} else {
			memcpy(ev, b->ev, b->nev * sizeof *ev);
		}
		r->ev = ev;
		r->nev = b->nev;
	}
	size_t nro = MIN(b->nopt, b->rec_opts);
	if (nro) {
		const char **o = arena_alloc(b->a, nro * sizeof *o);
		if (!o) {
			fail(b, DYAD_ENOMEM);
		} else {
			memcpy(o, b->opt, nro * sizeof *o);
			r->opts = o;
			r->nopts = nro;
		}
		/* options after the record's coding point wait for the next */
		memmove(b->opt, b->opt + nro, (b->nopt - nro) * sizeof *b->opt);
		b->nopt -= nro;
	}
	if (b->text.len)
		r->text = collapse(b, b->text.p, b->text.len, &r->text_len);
	if (s->nrec >= SUITE_MAX_RECORDS) {
		fail(b, DYAD_ETOOBIG);
		return;
	}
	if (!grow(b, &s->rec, s->nrec, &b->cap_rec, 64, sizeof *s->rec))
		return;
	s->rec[s->nrec++] = *r;
}

bool suite_counted(const struct suite_record *r)
{
	return !(r->flags & (SREC_OPTION | SREC_NOCHECK));
}

const char *suite_format_name(enum suite_format f)
{
	switch (f) {
	case SUITE_TABARI: return "TABARI";
	case SUITE_PETR: return "PETR";
	case SUITE_GSR: return "GSR";
	case SUITE_AUTO: break;
	}
	return "unknown";
}

/* ---- dates ------------------------------------------------------------------ */

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* YYMMDD (YY < 40: 20YY, else 19YY) or YYYYMMDD; 0 if not a valid date. */
static int ymd_of(const char *s, size_t n)
{
	int v;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (n == 6) {
		v = num(s, 6);
		v += v / 10000 < 40 ? 20000000 : 19000000;
	} else if (n == 8) {
		v = num(s, 8);
	} else {
		return 0;
	}
	return date_valid(v) ? v : 0;
}

/* A TABARI header date: a run of n digits. TABARI reads fixed columns, so
 * a 7-digit run is read as its first six digits and a longer one as its
 * first eight (YYYY) or six. */
static int tabari_date(const char *s, size_t n)
{
	if (n == 6 || n == 8)
		return ymd_of(s, n);
	if (n >= 9) {
		int d = ymd_of(s, 8);
		if (d)
			return d;
	}
	return n > 6 ? ymd_of(s, 6) : 0;
}

/* ---- TABARI ----------------------------------------------------------------- */

static size_t count_nl(const char *s, size_t from, size_t to)
{
	size_t k = 0;
	for (size_t i = from; i < to; i++)
		k += s[i] == '\n';
	return k;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static bool has_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_space((unsigned char)s[i]))
			return true;
	return false;
}

/* s[0,n) without whitespace equals w. */
static bool squeezed_is(const char *s, size_t n, const char *w)
{
	size_t k = 0, wn = strlen(w);
	for (size_t i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i]))
			continue;
		if (k >= wn || s[i] != w[k])
			return false;
		k++;
	}
	return k == wn;
}

/* Append s[0,n) to d with the TABARI display marker "\n" made a space. */
static int add_unmarked(dyad_buf *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc;
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
			rc = buf_addc(d, ' ');
			i++;
		} else {
			rc = buf_addc(d, s[i]);
		}
		if (rc)
			return rc;
	}
	return 0;
}

struct tgroups {
	bool partial;        /* a -{ was seen: later groups are not checked */
	bool any;            /* any validation group was seen */
};

/* One validation group: content c[0,cn) of "{...}" (neg: "-{...}"),
 * unterminated when its "}" is missing; date: the YYMMDD after "}". */
static void tabari_group(struct builder *b, struct tgroups *g, const char *c,
			 size_t cn, bool neg, bool unterminated, int date, long line)
{
	trim(&c, &cn);
	if (!cn)
		return;                  /* "{}" in prose */
	g->any = true;
	if (cn >= 6 && !strncasecmp(c, "OPTION", 6)) {
		const char *o = c + 6;
		size_t on = cn - 6;
		trim(&o, &on);
		if (on && *o == ':') {
			o++;
			on--;
			if (on >= 2 && !memcmp(o + on - 2, "*/", 2))
				on -= 2;
			trim(&o, &on);
			if (neg)
				return;  /* commented out */
			if (!on)
				bad(b, "line %ld: empty OPTION", line);
			else
				add_opt(b, o, on);
			return;
		}
	}
	if (neg) {
		g->partial = true;
		return;
	}
	if (g->partial)
		return;
	if (squeezed_is(c, cn, "---")) {
		b->r.flags |= SREC_NONE;
		return;
	}
	if (squeezed_is(c, cn, "###")) {
		b->r.flags |= SREC_DISCARD;
		return;
	}
	if (squeezed_is(c, cn, "+++")) {
		b->r.flags |= SREC_COMPLEX;
		return;
	}
	const char *part[3];
	size_t plen[3];
	int np = 0;
	for (size_t at = 0;; np++) {
		const char *slash = memchr(c + at, '/', cn - at);
		size_t e = slash ? (size_t)(slash - c) : cn;
		if (np < 3) {
			part[np] = c + at;
			plen[np] = e - at;
			trim(&part[np], &plen[np]);
		}
		if (!slash) {
			np++;
			break;
		}
		at = e + 1;
	}
	if (unterminated) {
		bad(b, "line %ld: unterminated '{%.*s'", line, (int)MIN(cn, 60), c);
		return;
	}
	if (np != 3) {
		bad(b, "line %ld: bad validation record '{%.*s}' (want { SOURCE / TARGET / CODE })",
		    line, (int)MIN(cn, 60), c);
		return;
	}
	for (int i = 0; i < 3; i++)
		if (!plen[i] || plen[i] > MAX_CODE || has_space(part[i], plen[i])) {
			bad(b, "line %ld: bad code '%.*s' in '{%.*s}'", line,
			    (int)MIN(plen[i], 40), part[i], (int)MIN(cn, 60), c);
			return;
		}
	add_event(b, part[0], plen[0], part[1], plen[1], part[2], plen[2], date);
}

/* The note of a comment: the first "[...]" that starts a line (after an
 * optional "\n" marker), else the first line that is not a ruler or a
 * validation group. */
static void tabari_note(struct builder *b, const char *c, size_t n)
{
	const char *first = NULL;
	size_t firstn = 0;
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && c[e] != '\n')
			e++;
		const char *l = c + i;
		size_t ln = e - i;
		trim(&l, &ln);
		while (ln >= 2 && l[0] == '\\' && l[1] == 'n') {
			l += 2;
			ln -= 2;
			trim(&l, &ln);
		}
		if (ln && l[0] == '[') {
			/* up to the matching ']', possibly on a later line; without
			 * one (or with a group first), the rest of this line */
			size_t len = 1;
			while (l + len < c + n && l[len] != ']' && l[len] != '{')
				len++;
			if (l + len >= c + n || l[len] != ']') {
				len = 1;
				while (l + len < c + n && l[len] != '\n')
					len++;
			}
			len--;
			dyad_buf t = { 0 };
			if (add_unmarked(&t, l + 1, MIN(len, 4 * MAX_NOTE)) == 0 && t.len) {
				size_t k;
				const char *s = collapse(b, t.p, t.len, &k);
				b->r.note = sdup(b, s, MIN(k, MAX_NOTE));
			}
			dyad_buf_release(&t);
			return;
		}
		bool ruler = ln > 0;
		for (size_t k = 0; k < ln; k++)
			if (l[k] != '-' && l[k] != '*' && l[k] != '#')
				ruler = false;
		if (!first && ln && !ruler && l[0] != '{' && !(l[0] == '-' && ln > 1 && l[1] == '{')) {
			first = l;
			firstn = ln;
		}
		i = e + 1;
	}
	if (first) {
		dyad_buf t = { 0 };
		if (add_unmarked(&t, first, firstn) == 0 && t.len) {
			size_t k;
			const char *s = collapse(b, t.p, t.len, &k);
			b->r.note = sdup(b, s, MIN(k, MAX_NOTE));
		}
		dyad_buf_release(&t);
	}
}

static bool has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* One TABARI record: the block blk[0,n) (no blank line inside) whose first
 * line starts with a digit, at line `line` of the file. */
static void tabari_record(struct builder *b, const char *blk, size_t n, long line)
{
	rec_begin(b, line);
	size_t he = 0;
	while (he < n && blk[he] != '\n')
		he++;
	/* header: date digits, then the id */
	size_t dn = 0;
	while (dn < he && isdigit((unsigned char)blk[dn]))
		dn++;
	const char *id = blk + dn;
	size_t idn = he - dn;
	trim(&id, &idn);
	if (idn) {
		size_t k;
		const char *c = collapse(b, id, idn, &k);
		b->r.id = sdup(b, c, MIN(k, MAX_ID));
		/* category: the first word with a letter, up to its '-' */
		for (const char *w = b->r.id; *w;) {
			size_t wn = strcspn(w, " ");
			bool letter = false;
			for (size_t i = 0; i < wn; i++)
				letter |= isalpha((unsigned char)w[i]) != 0;
			if (letter) {
				size_t cl = strcspn(w, "- ");
				b->r.category = sdup(b, w, cl ? cl : wn);
				break;
			}
			w += wn;
			while (*w == ' ')
				w++;
		}
	}
	b->r.date = tabari_date(blk, dn);
	if (!b->r.date)
		bad(b, "bad date '%.*s'", (int)MIN(dn ? dn : he, 20), blk);

	const char *body = he < n ? blk + he + 1 : blk + n;
	size_t bn = he < n ? n - he - 1 : 0;
	long bline = line + 1;
	dyad_buf pre = { 0 }, tail = { 0 }, com = { 0 };
	struct tgroups g = { 0 };
	bool in_com = false, seen_com = false;
	size_t k = 0, last = 0;
	long cur = bline;
	int rc = 0;
	while (k < bn && !rc) {
		char c = body[k];
		char nx = k + 1 < bn ? body[k + 1] : 0;
		if (!in_com && c == '/' && nx == '*') {
			in_com = seen_com = true;
			k += 2;
			continue;
		}
		if (c == '*' && nx == '/' && (in_com || seen_com)) {
			in_com = false;          /* a stray close is dropped */
			k += 2;
			continue;
		}
		if (seen_com && (c == '{' || (c == '-' && nx == '{'))) {
			bool neg = c == '-';
			size_t st = k + (neg ? 2 : 1), j = st;
			while (j < bn && body[j] != '}' && body[j] != '{')
				j++;
			cur += (long)count_nl(body, last, k);
			last = k;
			bool unterm = j >= bn || body[j] != '}';
			size_t cend = j;
			if (unterm) {
				cend = st;
				while (cend < bn && body[cend] != '\n')
					cend++;
				k = cend;
			} else {
				k = j + 1;
			}
			/* a date after "}" on the same line */
			int date = 0;
			if (!unterm) {
				size_t d = k;
				while (d < bn && (body[d] == ' ' || body[d] == '\t'))
					d++;
				size_t d0 = d;
				while (d < bn && isdigit((unsigned char)body[d]))
					d++;
				if (d - d0 == 6 || d - d0 == 8) {
					date = ymd_of(body + d0, d - d0);
					if (date)
						k = d;
				}
			}
			if (in_com)
				rc = buf_add(&com, body + last, k - last) ? DYAD_ENOMEM : 0;
			tabari_group(b, &g, body + st, cend - st, neg, unterm, date, cur);
			continue;
		}
		if (in_com)
			rc = buf_addc(&com, c);
		else
			rc = buf_addc(seen_com ? &tail : &pre, c);
		k++;
	}
	if (rc)
		fail(b, rc);
	tabari_note(b, com.p ? com.p : "", com.len);
	/* the text: before the comment, plus text after it that has words */
	dyad_buf t = { 0 };
	if (add_unmarked(&t, pre.p ? pre.p : "", pre.len) ||
	    (tail.len && has_alnum(tail.p, tail.len) &&
	     (buf_addc(&t, ' ') || add_unmarked(&t, tail.p, tail.len))))
		fail(b, DYAD_ENOMEM);
	if (t.len)
		text_add(b, t.p, t.len);
	dyad_buf_release(&t);
	dyad_buf_release(&pre);
	dyad_buf_release(&tail);
	dyad_buf_release(&com);

	struct suite_record *r = &b->r;
	bool expect = b->nev || (r->flags & (SREC_NONE | SREC_DISCARD | SREC_COMPLEX));
	if (g.partial)
		r->flags |= SREC_PARTIAL;
	if (!expect && !r->malformed) {
		if (b->nopt) {
			r->flags |= SREC_OPTION;
		} else {
			r->flags |= SREC_NOCHECK;
			r->skip = g.partial ? "not checked: the suite comments its events out with -{"
					    : "no validation fields";
		}
	}
	if (expect && !r->malformed && !has_alnum(b->text.p ? b->text.p : "", b->text.len))
		bad(b, "no text to code");
	rec_end(b);
}

static void tabari_parse(struct builder *b, const char *buf, size_t n)
{
	size_t i = 0, bs = SIZE_MAX, be = 0;
	long line = 1, bl = 0;
	while (!b->rc) {
		size_t e = i;
		bool blank = true;
		while (e < n && buf[e] != '\n') {
			if (!is_space((unsigned char)buf[e]))
				blank = false;
			e++;
		}
		if (!blank && bs == SIZE_MAX) {
			bs = i;              /* a block starts */
			bl = line;
		}
		if (!blank)
			be = e;
		if ((blank || e >= n) && bs != SIZE_MAX) {
			while (be > bs && buf[be - 1] == '\r')
				be--;
			if (isdigit((unsigned char)buf[bs]))
				tabari_record(b, buf + bs, be - bs, bl);
			bs = SIZE_MAX;
		}
		if (e >= n)
			break;
		i = e + 1;
		line++;
	}
}

/* ---- XML scanner ---------------------------------------------------------------- */

enum xkind { X_EOF, X_TEXT, X_START, X_END, X_COMMENT };

#define X_MAX_ATTR 16

struct xtok {
	enum xkind kind;
	const char *s;           /* text, comment body, or tag name */
	size_t n;
	bool selfclose, cdata;
	struct { const char *name, *val; size_t nn, vn; } attr[X_MAX_ATTR];
	int nattr;
	long line;
};

struct xml {
	const char *buf, *p, *end;
	long line;               /* line of p */
	const char *lp;          /* p at the last line count */
	bool truncated;
	long trunc_line;
};

static void x_sync(struct xml *x, const char *to)
{
	for (const char *q = x->lp; q < to; q++)
		x->line += *q == '\n';
	x->lp = to;
	x->p = to;
}

static const char *find(const char *p, const char *end, const char *w)
{
	size_t wn = strlen(w);
	while ((size_t)(end - p) >= wn) {
		const char *q = memchr(p, w[0], (size_t)(end - p) - wn + 1);
		if (!q)
			return NULL;
		if (!memcmp(q, w, wn))
			return q;
		p = q + 1;
	}
	return NULL;
}

static bool name_start(int c)
{
	return isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}

static bool name_char(int c)
{
	return name_start(c) || isdigit(c) || c == '-' || c == '.';
}

static void x_truncated(struct xml *x)
{
	if (!x->truncated) {
		x->truncated = true;
		x->trunc_line = x->line;
	}
	x_sync(x, x->end);
}

/* The next token. Text runs stop before '<'. */
static void x_next(struct xml *x, struct xtok *t)
{
	memset(t, 0, sizeof *t);
	for (;;) {
		t->line = x->line;
		const char *p = x->p, *end = x->end;
		if (p >= end) {
			t->kind = X_EOF;
			return;
		}
		if (*p != '<' || p + 1 >= end ||
		    !(name_start((unsigned char)p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?')) {
			const char *q = p + 1;
			while (q < end && *q != '<')
				q++;
			t->kind = X_TEXT;
			t->s = p;
			t->n = (size_t)(q - p);
			x_sync(x, q);
			return;
		}
		if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			const char *q = find(p + 4, end, "-->");
			t->kind = X_COMMENT;
			t->s = p + 4;
			if (!q) {
				t->n = (size_t)(end - p - 4);
				x_truncated(x);
				return;
			}
			t->n = (size_t)(q - p - 4);
			x_sync(x, q + 3);
			return;
		}
		if (end - p >= 9 && !memcmp(p, "<![CDATA[", 9)) {
			const char *q = find(p + 9, end, "]]>");
			t->kind = X_TEXT;
			t->cdata = true;
			t->s = p + 9;
			if (!q) {
				t->n = (size_t)(end - p - 9);
				x_truncated(x);
				return;
			}
			t->n = (size_t)(q - p - 9);
			x_sync(x, q + 3);
			return;
		}
		if (p[1] == '?' || p[1] == '!') {
			const char *q = find(p + 2, end, p[1] == '?' ? "?>" : ">");
			if (!q) {
				x_truncated(x);
				t->kind = X_EOF;
				return;
			}
			x_sync(x, q + (p[1] == '?' ? 2 : 1));
			continue;
		}
		if (p[1] == '/') {
			const char *q = p + 2;
			while (q < end && is_space((unsigned char)*q))
				q++;
			t->s = q;
			while (q < end && name_char((unsigned char)*q))
				q++;
			t->n = (size_t)(q - t->s);
			const char *gt = memchr(q, '>', (size_t)(end - q));
			if (!gt) {
				x_truncated(x);
				t->kind = X_EOF;
				return;
			}
			t->kind = X_END;
			x_sync(x, gt + 1);
			return;
		}
		/* a start tag */
		const char *q = p + 1;
		t->s = q;
		while (q < end && name_char((unsigned char)*q))
			q++;
		t->n = (size_t)(q - t->s);
		for (;;) {
			while (q < end && is_space((unsigned char)*q))
				q++;
			if (q >= end) {
				x_truncated(x);
				t->kind = X_EOF;
				return;
			}
			if (*q == '>') {
				q++;
				break;
			}
			if (*q == '/' && q + 1 < end && q[1] == '>') {
				t->selfclose = true;
				q += 2;
				break;
			}
			if (!name_start((unsigned char)*q)) {
				q++;             /* junk inside a tag */
				continue;
			}
			const char *an = q;
			while (q < end && name_char((unsigned char)*q))
				q++;
			size_t ann = (size_t)(q - an);
			const char *av = q;
			size_t avn = 0;
			while (q < end && is_space((unsigned char)*q))
				q++;
			if (q < end && *q == '=') {
				q++;
				while (q < end && is_space((unsigned char)*q))
					q++;
				if (q < end && (*q == '"' || *q == '\'')) {
					char quote = *q++;
					av = q;
					const char *cq = memchr(q, quote, (size_t)(end - q));
					if (!cq) {
						x_truncated(x);
						t->kind = X_EOF;
						return;
					}
					avn = (size_t)(cq - q);
					q = cq + 1;
				} else {
					av = q;
					while (q < end && !is_space((unsigned char)*q) && *q != '>' &&
					       !(*q == '/' && q + 1 < end && q[1] == '>'))
						q++;
					avn = (size_t)(q - av);
				}
			}
			if (t->nattr < X_MAX_ATTR) {
				t->attr[t->nattr].name = an;
				t->attr[t->nattr].nn = ann;
				t->attr[t->nattr].val = av;
				t->attr[t->nattr].vn = avn;
				t->nattr++;
			}
		}
		t->kind = X_START;
		x_sync(x, q);
		return;
	}
}

static bool tag_is(const struct xtok *t, const char *name)
{
	return t->n == strlen(name) && !strncasecmp(t->s, name, t->n);
}

/* The raw value of attribute name, or NULL. */
static const char *x_attr(const struct xtok *t, const char *name, size_t *n)
{
	size_t nn = strlen(name);
	for (int i = 0; i < t->nattr; i++)
		if (t->attr[i].nn == nn && !strncasecmp(t->attr[i].name, name, nn)) {
			*n = t->attr[i].vn;
			return t->attr[i].val;
		}
	*n = 0;
	return NULL;
}

static int put_utf8(dyad_buf *d, unsigned long cp)
{
	char u[4];
	size_t k;
	if (cp < 0x80) {
		u[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	return buf_add(d, u, k);
}

/* Append s[0,n) to d with entities decoded; an unknown or malformed
 * entity is kept as written. */
static int x_decode(dyad_buf *d, const char *s, size_t n)
{
	static const struct { const char *name; char c; } ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
	};
	size_t i = 0;
	while (i < n) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t run = amp ? (size_t)(amp - s - i) : n - i;
		if (run && buf_add(d, s + i, run))
			return DYAD_ENOMEM;
		i += run;
		if (i >= n)
			break;
		/* s[i] == '&' */
		size_t rest = n - i - 1;
		const char *e = s + i + 1;
		bool done = false;
		for (size_t k = 0; k < ARRAY_SIZE(ents) && !done; k++) {
			size_t en = strlen(ents[k].name);
			if (rest >= en && !memcmp(e, ents[k].name, en)) {
				if (buf_addc(d, ents[k].c))
					return DYAD_ENOMEM;
				i += 1 + en;
				done = true;
			}
		}
		if (!done && rest >= 3 && e[0] == '#') {
			bool hex = e[1] == 'x' || e[1] == 'X';
			size_t j = hex ? 2 : 1;
			unsigned long cp = 0;
			size_t digits = 0;
			while (j < rest && digits < 8 &&
			       (hex ? isxdigit((unsigned char)e[j]) : isdigit((unsigned char)e[j]))) {
				int v = isdigit((unsigned char)e[j]) ? e[j] - '0' : (tolower((unsigned char)e[j]) - 'a' + 10);
				cp = cp * (hex ? 16 : 10) + (unsigned long)v;
				j++;
				digits++;
			}
			if (digits && j < rest && e[j] == ';' && cp > 0 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF)) {
				if (put_utf8(d, cp))
					return DYAD_ENOMEM;
				i += 1 + j + 1;
				done = true;
			}
		}
		if (!done) {
			if (buf_addc(d, '&'))
				return DYAD_ENOMEM;
			i++;
		}
	}
	return 0;
}

/* A decoded, trimmed attribute value in the arena, or NULL if absent. */
static const char *attr_str(struct builder *b, const struct xtok *t, const char *name)
{
	size_t n;
	const char *v = x_attr(t, name, &n);
	if (!v)
		return NULL;
	dyad_buf d = { 0 };
	if (x_decode(&d, v, n)) {
		dyad_buf_release(&d);
		fail(b, DYAD_ENOMEM);
		return "";
	}
	const char *s = d.p ? d.p : "";
	size_t sn = d.len;
	trim(&s, &sn);
	const char *r = sdup(b, s, sn);
	dyad_buf_release(&d);
	return r;
}

/* The text content up to the end tag `name` (tags inside are skipped,
 * their text kept); decoded into d. Stops without consuming at a start or
 * end tag in stop[] (returns false: unterminated). */
static bool x_content(struct xml *x, const char *name, dyad_buf *d,
		      const char *const *stop, int *rc)
{
	struct xtok t;
	for (;;) {
		const char *save_p = x->p, *save_lp = x->lp;
		long save_line = x->line;
		x_next(x, &t);
		switch (t.kind) {
		case X_EOF:
			return false;
		case X_TEXT:
			if (t.cdata ? buf_add(d, t.s, t.n) : x_decode(d, t.s, t.n))
				*rc = DYAD_ENOMEM;
			if (d->len > MAX_TEXT)
				d->len = MAX_TEXT;   /* the caller reports it */
			break;
		case X_COMMENT:
			break;
		case X_END:
			if (tag_is(&t, name))
				return true;
			/* fall through */
		case X_START:
			for (int i = 0; stop && stop[i]; i++)
				if (tag_is(&t, stop[i])) {
					x->p = save_p;
					x->lp = save_lp;
					x->line = save_line;
					return false;
				}
			break;
		}
	}
}

/* ---- PETRARCH XML ------------------------------------------------------------- */

static const char *const rec_stops[] = {
	"Sentence", "Sentences", "EventCoding", "Text", "Parse", "Validation", "Config", NULL
};

static void name_file(struct builder *b, const char *kind, const char *list, long line)
{
	/* a comma-separated list */
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		size_t sn = n;
		trim(&s, &sn);
		if (sn) {
			if (b->nnamed >= MAX_FILES) {
				problem(b, line, "more than %d dictionary files", MAX_FILES);
				return;
			}
			b->named[b->nnamed].kind = kind;
			b->named[b->nnamed].name = sdup(b, s, sn);
			b->named[b->nnamed].line = line;
			b->nnamed++;
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

/* A <Config option= value=> as a TABARI-style option line (suite.h). */
static void config_option(struct builder *b, const struct xtok *t)
{
	const char *o = attr_str(b, t, "option");
	const char *v = attr_str(b, t, "value");
	if (!o || !*o) {
		problem(b, t->line, "<Config> without option");
		return;
	}
	if (!v)
		v = "";
	if (!strcasecmp(o, "stop_on_error"))
		return;              /* how PETRARCH's runner stops; not a coder setting */
	char line[300];
	size_t k = 0;
	if (!strncasecmp(o, "comma_", 6)) {
		k = (size_t)snprintf(line, sizeof line, "COMMA: ");
		o += 6;
	} else {
		k = (size_t)snprintf(line, sizeof line, "SET: ");
	}
	for (; *o && k < 200; o++)
		line[k++] = *o == '_' ? ' ' : (char)toupper((unsigned char)*o);
	int m = snprintf(line + k, sizeof line - k, " = %s", v);
	k += m > 0 ? MIN((size_t)m, sizeof line - k - 1) : 0;
	add_opt(b, line, k);
}

static bool truthy(const char *v)
{
	return v && (!strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1"));
}

static void xml_event(struct builder *b, const struct xtok *t)
{
	const char *noev = attr_str(b, t, "noevents");
	const char *error = attr_str(b, t, "error");
	if (noev) {
		if (truthy(noev))
			b->r.flags |= SREC_NONE;
		else
			bad(b, "line %ld: noevents=\"%s\"", t->line, noev);
		return;
	}
	if (error) {
		b->r.flags |= SREC_ERROR;
		b->r.error = *error ? error : "(empty)";
		if (!strcasecmp(error, "storydiscard") || !strcasecmp(error, "sentencediscard"))
			b->r.flags |= SREC_DISCARD;
		return;
	}
	const char *src = attr_str(b, t, "sourcecode");
	const char *tgt = attr_str(b, t, "targetcode");
	const char *code = attr_str(b, t, "eventcode");
	const char *miss = !src ? "sourcecode" : !tgt ? "targetcode" : !code ? "eventcode" : NULL;
	if (miss) {
		bad(b, "line %ld: <EventCoding> without %s", t->line, miss);
		return;
	}
	const char *v[3] = { src, tgt, code };
	for (int i = 0; i < 3; i++)
		if (!*v[i] || strlen(v[i]) > MAX_XCODE) {
			bad(b, "line %ld: bad code '%.40s' in <EventCoding>", t->line, v[i]);
			return;
		}
	add_event(b, src, strlen(src), tgt, strlen(tgt), code, strlen(code), 0);
}

/* The sentence of a CoNLL-U parse (UD-PETRARCH): the FORM column of the
 * word lines, spaced unless MISC says SpaceAfter=No. */
static void conllu_text(struct builder *b, const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - p) : n;
		const char *f[10];
		size_t fn[10];
		int nf = 0;
		for (size_t q = i; nf < 10;) {
			const char *tab = memchr(p + q, '\t', e - q);
			size_t fe = tab ? (size_t)(tab - p) : e;
			f[nf] = p + q;
			fn[nf] = fe - q;
			nf++;
			if (!tab)
				break;
			q = fe + 1;
		}
		bool word = nf >= 2 && fn[0] && fn[1];
		for (size_t k = 0; word && k < fn[0]; k++)
			word = isdigit((unsigned char)f[0][k]) != 0;  /* not 1-2, 1.1 */
		if (word) {
			text_add(b, f[1], fn[1]);
			bool glue = nf >= 10 && fn[9] >= 13 &&
				    find(f[9], f[9] + fn[9], "SpaceAfter=No");
			if (!glue)
				text_add(b, " ", 1);
		}
		i = e + 1;
	}
}

static void xml_finish_record(struct builder *b)
{
	if (!b->open)
		return;
	struct suite_record *r = &b->r;
	if (!has_alnum(b->text.p ? b->text.p : "", b->text.len) && b->parse) {
		b->text.len = 0;
		conllu_text(b, b->parse, b->parse_n);
		if (b->text.len)
			problem(b, r->line, "%s has no <Text>: its text is rebuilt from the <Parse> words",
				r->id ? r->id : "a record");
	}
	bool expect = b->nev || (r->flags & (SREC_NONE | SREC_ERROR));
	if (b->nev && (r->flags & (SREC_NONE | SREC_ERROR)))
		bad(b, "both expected events and %s", (r->flags & SREC_NONE) ? "noevents" : "error");
	if (!r->date)
		bad(b, "missing or bad date");
	/* PETRARCH: a record without <EventCoding> is one that codes no
	 * event (its validation treats the two alike) */
	if (!expect && !(r->flags & SREC_NOCHECK))
		r->flags |= SREC_NONE;
	if (!has_alnum(b->text.p ? b->text.p : "", b->text.len))
		bad(b, "no text to code");
	rec_end(b);
}

static void xml_parse(struct builder *b, const char *buf, size_t n)
{
	struct xml x = { buf, buf, buf + n, 1, buf, false, 0 };
	struct xtok t;
	bool in_env = false;
	dyad_buf d = { 0 };
	int rc = 0;
	for (;;) {
		if (b->rc || rc)
			break;
		x_next(&x, &t);
		if (t.kind == X_EOF)
			break;
		if (t.kind == X_TEXT)
			continue;        /* prose between records (GSR banner) */
		if (t.kind == X_COMMENT) {
			/* the first comment that says more than "Last update" */
			if (b->open && !*b->r.note) {
				size_t k;
				const char *c = collapse(b, t.s, t.n, &k);
				if (k && strncasecmp(c, "Last update", 11))
					b->r.note = sdup(b, c, MIN(k, MAX_NOTE));
			}
			continue;
		}
		if (t.kind == X_END) {
			if (tag_is(&t, "Environment"))
				in_env = false;
			else if (tag_is(&t, "Sentence") || tag_is(&t, "Sentences") ||
				 tag_is(&t, "Validation"))
				xml_finish_record(b);
			continue;
		}
		/* a start tag */
		if (in_env) {
			static const struct { const char *tag, *kind; } env[] = {
				{ "Verbfile", "verbs" }, { "Actorfile", "actors" },
				{ "Agentfile", "agents" }, { "Discardfile", "discards" },
			};
			bool done = false;
			for (size_t i = 0; i < ARRAY_SIZE(env) && !done; i++) {
				if (!tag_is(&t, env[i].tag))
					continue;
				done = true;
				const char *v = attr_str(b, &t, "name");
				if (!v) {
					d.len = 0;
					if (!t.selfclose && !x_content(&x, env[i].tag, &d, NULL, &rc))
						problem(b, t.line, "<%s> is not closed", env[i].tag);
					const char *s = d.p ? d.p : "";
					size_t sn = d.len;
					trim(&s, &sn);
					v = sdup(b, s, sn);
				}
				if (!*v)
					problem(b, t.line, "<%s> names no file", env[i].tag);
				else
					name_file(b, env[i].kind, v, t.line);
			}
			if (!done && tag_is(&t, "PICOfile"))
				b->gsr_hint = true;
			else if (!done && tag_is(&t, "Config"))
				config_option(b, &t);
			continue;
		}
		if (tag_is(&t, "Environment")) {
			in_env = !t.selfclose;
			continue;
		}
		if (tag_is(&t, "Stop")) {
			xml_finish_record(b);
			b->s->stop_line = t.line;
			break;
		}
		if (tag_is(&t, "Sentence")) {
			xml_finish_record(b);
			rec_begin(b, t.line);
			if (t.selfclose)
				b->gsr_hint = true;
			const char *id = attr_str(b, &t, "id");
			if (id && *id)
				b->r.id = sdup(b, id, MIN(strlen(id), MAX_ID));
			const char *date = attr_str(b, &t, "date");
			if (date) {
				size_t dn = strlen(date);
				b->r.date = dn == 6 ? ymd_of(date, 6) : dyad_parse_date(date, dn);
			}
			const char *cat = attr_str(b, &t, "category");
			if (cat)
				b->r.category = cat;
			const char *ev = attr_str(b, &t, "evaluate");
			if (ev && !truthy(ev)) {
				b->r.flags |= SREC_NOCHECK;
				b->r.skip = "evaluate=\"false\"";
			}
			continue;
		}
		if (tag_is(&t, "Config")) {
			/* PETRARCH codes a record at its <Parse>: a later <Config>
			 * is for the next record */
			if (b->open && b->seen_parse && b->rec_opts == SIZE_MAX)
				b->rec_opts = b->nopt;
			config_option(b, &t);
			continue;
		}
		if (!b->open) {
			if (tag_is(&t, "EventCoding") || tag_is(&t, "Text"))
				problem(b, t.line, "<%.*s> outside a <Sentence> is ignored", (int)t.n, t.s);
			continue;        /* <Sentences>, <Validation>, stray tags */
		}
		if (tag_is(&t, "EventCoding")) {
			xml_event(b, &t);
		} else if (tag_is(&t, "Text")) {
			if (t.selfclose)
				continue;
			d.len = 0;
			if (!x_content(&x, "Text", &d, rec_stops, &rc))
				bad(b, "line %ld: <Text> is not closed", t.line);
			if (d.len >= MAX_TEXT)
				bad(b, "text longer than %u bytes", MAX_TEXT);
			if (b->text.len)
				text_add(b, " ", 1);
			if (d.len)
				text_add(b, d.p, d.len);
		} else if (tag_is(&t, "Parse")) {
			/* skipped: dyad does not use parse trees. Ends at </Parse>,
			 * or at the next <Sentence if that comes first. */
			b->seen_parse = true;
			if (t.selfclose)
				continue;
			const char *e1 = find(x.p, x.end, "</Parse");
			const char *e2 = find(x.p, x.end, "<Sentence");
			const char *e = e1 && (!e2 || e1 < e2) ? e1 : e2;
			if (!e1 || (e2 && e2 < e1))
				problem(b, t.line, "<Parse> of %s is not closed", b->r.id ? b->r.id : "a record");
			b->parse = x.p;
			b->parse_n = (size_t)((e ? e : x.end) - x.p);
			x_sync(&x, e ? e : x.end);
		} else if (tag_is(&t, "Skip")) {
			b->r.flags |= SREC_NOCHECK;
			b->r.skip = "<Skip>";
		}
	}
	if (rc)
		fail(b, rc);
	xml_finish_record(b);
	if (x.truncated)
		problem(b, x.trunc_line, "file ends inside a tag, comment or quoted value");
	dyad_buf_release(&d);
}

/* ---- parse and load ---------------------------------------------------------------- */

static enum suite_format detect(const char *buf, size_t n)
{
	size_t i = 0;
	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && is_space((unsigned char)buf[i]))
		i++;
	if (i < n && buf[i] == '<')
		return SUITE_PETR;   /* XML; GSR is told apart while reading */
	/* TABARI: a block (after a blank line or at the start) that starts
	 * with a digit */
	bool block_start = true;
	for (i = 0; i < n;) {
		size_t e = i;
		bool blank = true;
		while (e < n && buf[e] != '\n') {
			if (!is_space((unsigned char)buf[e]))
				blank = false;
			e++;
		}
		if (!blank && block_start && isdigit((unsigned char)buf[i]))
			return SUITE_TABARI;
		block_start = blank;
		i = e + 1;
	}
	return SUITE_AUTO;
}

void suite_free(struct suite *s)
{
	if (!s)
		return;
	if (s->mem) {
		arena_release(s->mem);
		free(s->mem);
	}
	free(s->rec);
	free(s->files);
	free(s->file_lines);
	free(s);
}

int suite_parse(const char *buf, size_t n, const char *name, enum suite_format fmt,
		struct suite **out, dyad_error *err)
{
	*out = NULL;
	if (!name)
		name = "suite";
	if (n > SUITE_MAX_BYTES)
		return dyad_seterr(err, DYAD_ETOOBIG, name, 0, -1, "suite is larger than %u MiB",
				   SUITE_MAX_BYTES >> 20);
	struct suite *s = calloc(1, sizeof *s);
	struct arena *a = malloc(sizeof *a);
	if (!s || !a) {
		free(s);
		free(a);
		return dyad_seterr(err, DYAD_ENOMEM, name, 0, -1, "out of memory");
	}
	arena_init(a, 0);
	s->mem = a;
	struct builder b = { .s = s, .a = a, .name = name };
	s->problems = arena_calloc(a, SUITE_MAX_PROBLEMS * sizeof *s->problems);
	s->path = arena_strndup(a, name, strlen(name));
	if (!s->problems || !s->path) {
		suite_free(s);
		return dyad_seterr(err, DYAD_ENOMEM, name, 0, -1, "out of memory");
	}
	/* NUL bytes would cut strings short: read them as spaces */
	char *copy = NULL;
	if (memchr(buf, 0, n)) {
		copy = malloc(n ? n : 1);
		if (!copy) {
			suite_free(s);
			return dyad_seterr(err, DYAD_ENOMEM, name, 0, -1, "out of memory");
		}
		memcpy(copy, buf, n);
		long line = 1;
		bool told = false;
		for (size_t i = 0; i < n; i++) {
			if (copy[i] == '\n')
				line++;
			if (!copy[i]) {
				copy[i] = ' ';
				if (!told)
					problem(&b, line, "NUL byte read as a space");
				told = true;
			}
		}
		buf = copy;
	}
	if (fmt == SUITE_AUTO)
		fmt = detect(buf, n);
	int rc = 0;
	if (fmt == SUITE_AUTO) {
		rc = dyad_seterr(err, DYAD_EINPUT, name, 0, -1,
				 "cannot tell the suite format (want a TABARI validation file or PETRARCH XML)");
	} else {
		s->format = fmt;
		if (fmt == SUITE_TABARI)
			tabari_parse(&b, buf, n);
		else
			xml_parse(&b, buf, n);
		if (fmt != SUITE_TABARI && b.gsr_hint)
			s->format = SUITE_GSR;
		if (b.rc)
			rc = dyad_seterr(err, b.rc, name, 0, -1, "%s", dyad_strerror(b.rc));
	}
	/* keep the named dictionaries for suite_load (names relative) */
	if (!rc && b.nnamed) {
		s->files = calloc(b.nnamed, sizeof *s->files);
		s->file_lines = calloc(b.nnamed, sizeof *s->file_lines);
		if (!s->files || !s->file_lines) {
			rc = dyad_seterr(err, DYAD_ENOMEM, name, 0, -1, "out of memory");
		} else {
			for (size_t i = 0; i < b.nnamed; i++) {
				s->files[i].kind = b.named[i].kind;
				s->files[i].path = b.named[i].name;
				s->file_lines[i] = b.named[i].line;
			}
			s->nfiles = b.nnamed;
		}
	}
	free(copy);
	free(b.ev);
	free(b.opt);
	dyad_buf_release(&b.text);
	if (rc) {
		suite_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* Read a whole file (at most cap bytes), NUL-terminated. */
static int read_file(const char *path, size_t cap, char **out, size_t *outn, dyad_error *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot open '%s': %s", path,
				   strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return dyad_seterr(err, DYAD_EIO, path, 0, -1, "'%s' is a directory", path);
	}
	dyad_buf b = { 0 };
	char tmp[65536];
	size_t k;
	int rc = 0;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (b.len + k > cap) {
			rc = dyad_seterr(err, DYAD_ETOOBIG, path, 0, -1, "'%s' is larger than %zu MiB",
					 path, cap >> 20);
			break;
		}
		if (buf_add(&b, tmp, k)) {
			rc = dyad_seterr(err, DYAD_ENOMEM, path, 0, -1, "out of memory");
			break;
		}
	}
	if (!rc && ferror(f))
		rc = dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot read '%s': %s", path,
				 strerror(errno));
	fclose(f);
	if (rc) {
		dyad_buf_release(&b);
		return rc;
	}
	if (!b.p && buf_reserve(&b, 1)) {
		return dyad_seterr(err, DYAD_ENOMEM, path, 0, -1, "out of memory");
	}
	b.p[b.len] = 0;
	*out = b.p;
	*outn = b.len;
	return 0;
}

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir of path ("." if none) into out. */
static void dir_of(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, cap, ".");
	else if (slash == path)
		snprintf(out, cap, "/");
	else
		snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* Find name in dirs[]; the absolute path into the arena, or NULL. */
static const char *locate(struct arena *a, const char *name, const char *const *dirs, int ndirs)
{
	char p[PATH_MAX + 256], real[PATH_MAX];
	for (int i = 0; i < ndirs; i++) {
		if (name[0] == '/')
			snprintf(p, sizeof p, "%s", name);
		else if (!dirs[i])
			continue;
		else
			snprintf(p, sizeof p, "%s/%s", dirs[i], name);
		if (is_file(p) && realpath(p, real))
			return arena_strndup(a, real, strlen(real));
		if (name[0] == '/')
			break;
	}
	return NULL;
}

/* TABARI: the .project file's dictionaries. */
static int tabari_files(struct suite *s, const char *path, const char *override,
			dyad_error *err)
{
	struct arena *a = s->mem;
	char dir[PATH_MAX], cand[PATH_MAX + 64];
	const char *project = NULL;
	dir_of(path, dir, sizeof dir);
	if (override) {
		if (!is_file(override))
			return dyad_seterr(err, DYAD_EIO, override, 0, -1,
					   "cannot open project file '%s'", override);
		project = override;
	} else {
		/* <stem>.project, Validate.project, ../TABARI-Code/Validate.project */
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		const char *dot = strrchr(base, '.');
		size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
		snprintf(cand, sizeof cand, "%s/%.*s.project", dir, (int)stem, base);
		if (is_file(cand))
			project = cand;
		if (!project) {
			snprintf(cand, sizeof cand, "%s/Validate.project", dir);
			if (is_file(cand))
				project = cand;
		}
		if (!project) {
			snprintf(cand, sizeof cand, "%s/../TABARI-Code/Validate.project", dir);
			if (is_file(cand))
				project = cand;
		}
		if (!project)
			return dyad_seterr(err, DYAD_EINPUT, path, 0, -1,
					   "no .project file for this TABARI suite (looked for "
					   "%.*s.project and Validate.project beside it and in "
					   "../TABARI-Code/); give one with --project",
					   (int)stem, base);
	}
	char real[PATH_MAX];
	if (!realpath(project, real))
		return dyad_seterr(err, DYAD_EIO, project, 0, -1, "cannot open '%s'", project);
	s->project = arena_strndup(a, real, strlen(real));
	char *buf;
	size_t n;
	int rc = read_file(project, 1u << 20, &buf, &n, err);
	if (rc)
		return rc;
	char pdir[PATH_MAX];
	dir_of(s->project ? s->project : project, pdir, sizeof pdir);
	const char *dirs[1] = { pdir };
	static const struct { const char *tag, *kind; } tags[] = {
		{ "actorsfile", "tabari-actors" }, { "agentsfile", "tabari-agents" },
		{ "verbsfile", "tabari-verbs" }, { "optionsfile", "tabari-options" },
	};
	size_t cap = 0;
	long line = 0;
	for (char *p = buf; *p && !rc;) {
		char *e = strchr(p, '\n');
		if (e)
			*e = 0;
		line++;
		if (*p == '<') {
			char *gt = strchr(p, '>');
			for (size_t i = 0; gt && i < ARRAY_SIZE(tags); i++) {
				size_t tn = strlen(tags[i].tag);
				if ((size_t)(gt - p - 1) != tn || strncasecmp(p + 1, tags[i].tag, tn))
					continue;
				char *v = gt + 1;
				while (*v == ' ' || *v == '\t')
					v++;
				size_t vn = strcspn(v, " \t\r");
				if (!vn) {
					rc = dyad_seterr(err, DYAD_EINPUT, project, line, -1,
							 "<%s> names no file", tags[i].tag);
					break;
				}
				char name[PATH_MAX];
				snprintf(name, sizeof name, "%.*s", (int)vn, v);
				const char *abs = locate(a, name, dirs, 1);
				if (!abs) {
					rc = dyad_seterr(err, DYAD_EINPUT, project, line, -1,
							 "'%s' not found in %s", name, pdir);
					break;
				}
				if (s->nfiles == cap) {
					cap = cap ? cap * 2 : 8;
					dyad_dict_file *f = realloc(s->files, cap * sizeof *f);
					if (f)
						s->files = f;
					long *l = realloc(s->file_lines, cap * sizeof *l);
					if (l)
						s->file_lines = l;
					if (!f || !l) {
						rc = dyad_seterr(err, DYAD_ENOMEM, project, 0, -1, "out of memory");
						break;
					}
				}
				s->files[s->nfiles].kind = tags[i].kind;
				s->files[s->nfiles].path = abs;
				s->file_lines[s->nfiles] = line;
				s->nfiles++;
			}
		}
		if (!e)
			break;
		p = e + 1;
	}
	free(buf);
	if (!rc && !s->nfiles)
		rc = dyad_seterr(err, DYAD_EINPUT, project, 0, -1,
				 "project names no <actorsfile>, <verbsfile>, <agentsfile> or <optionsfile>");
	return rc;
}

/* PETR / GSR: the files <Environment> named, found in dirs[]. */
static int xml_files(struct suite *s, const char *path, const char *const *dirs, int ndirs,
		     const char *where, dyad_error *err)
{
	if (!s->nfiles)
		return dyad_seterr(err, DYAD_EINPUT, path, 0, -1,
				   "the <Environment> names no dictionary (<Verbfile>, <Actorfile>, ...)");
	for (size_t i = 0; i < s->nfiles; i++) {
		const char *abs = locate(s->mem, s->files[i].path, dirs, ndirs);
		if (!abs)
			return dyad_seterr(err, DYAD_EINPUT, path, s->file_lines[i], -1,
					   "dictionary '%s' (%s) not found in %s", s->files[i].path,
					   s->files[i].kind, where);
		s->files[i].path = abs;
	}
	return 0;
}

int suite_load(const char *path, const char *project_override, const char *data_dir,
	       struct suite **out, dyad_error *err)
{
	*out = NULL;
	char *buf;
	size_t n;
	int rc = read_file(path, SUITE_MAX_BYTES, &buf, &n, err);
	if (rc)
		return rc;
	struct suite *s;
	rc = suite_parse(buf, n, path, SUITE_AUTO, &s, err);
	free(buf);
	if (rc)
		return rc;
	char dir[PATH_MAX], up[PATH_MAX + 32];
	dir_of(path, dir, sizeof dir);
	if (s->format == SUITE_TABARI) {
		rc = tabari_files(s, path, project_override, err);
	} else if (project_override) {
		rc = dyad_seterr(err, DYAD_EUSAGE, path, 0, -1,
				 "--project is for TABARI suites; this is a %s suite",
				 suite_format_name(s->format));
	} else if (s->format == SUITE_PETR) {
		snprintf(up, sizeof up, "%s/../dictionaries", dir);
		const char *dirs[2] = { up, dir };
		char where[2 * PATH_MAX + 64];
		snprintf(where, sizeof where, "%s or %s", up, dir);
		rc = xml_files(s, path, dirs, 2, where, err);
	} else {
		const char *dirs[1] = { data_dir };
		if (!data_dir)
			rc = dyad_seterr(err, DYAD_EUSAGE, path, 0, -1,
					 "no data directory for the production dictionaries");
		else
			rc = xml_files(s, path, dirs, 1, data_dir, err);
	}
	if (rc) {
		suite_free(s);
		return rc;
	}
	*out = s;
	return 0;
}
