/*
 * text.c - normalization of untrusted document text and dictionary keys.
 *
 * text_normalize() copies runs of plain ASCII eight bytes at a time and
 * hands only the non-ASCII stretches to utf8proc. A stretch starts at the
 * printable ASCII character before it (a base that a combining mark may
 * compose with) and ends before the next ASCII byte: no Unicode
 * composition or canonical reordering crosses an ASCII character, so NFC
 * of the whole text is the concatenation of NFC of the pieces. Stretches
 * of "inert" code points (no decomposition, not a mark: most Cyrillic,
 * Arabic, CJK, typographic punctuation) skip decomposition/composition.
 *
 * Invariants:
 *  - the output is valid UTF-8 in NFC (Stream-Safe: after 30 combining
 *    marks in a row a CGJ U+034F is inserted, which also bounds the
 *    canonical reordering to linear time), has no NUL, no CR, and no
 *    control character but '\n' and '\t';
 *  - while copying, output capacity - output length >= the input bytes
 *    left + 1, so the ASCII path never needs a bounds check.
 *
 * Mappings beyond the header contract: U+2026 to "...", U+2029 to a blank
 * line, U+00B4 and primes to quotes, the C1 controls U+0091-U+0094 and
 * U+0096-U+0097 (Windows-1252 quotes and dashes decoded as Latin-1) to
 * quotes and '-'; soft hyphen, ZWSP, word joiner and BOM are removed.
 *
 * text_key() upper-cases ASCII with arithmetic and no library call; other
 * text goes through utf8proc one code point at a time (compatibility
 * decomposition, marks and default-ignorables stripped, upper case, sharp
 * s to "SS"; Hangul syllables are kept whole).
 */
#include "internal.h"

#include <limits.h>
#include <utf8proc.h>

#define NFC_OPTS ((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE))
#define KEY_OPTS ((utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | \
		UTF8PROC_STRIPMARK | UTF8PROC_IGNORE))
#define STREAM_SAFE_MAX 30      /* UAX #15 Stream-Safe Text Format */
#define CGJ 0x034F
#define SCRATCH_CP 512          /* code points decoded on the stack */
#define TMP_CP 64               /* > longest decomposition of one (18) */

/* Line number (1-based) of byte pos, for error messages. */
static long line_of(const char *in, size_t pos)
{
	long line = 1;
	for (size_t i = 0; i < pos; i++)
		line += in[i] == '\n';
	return line;
}

/* True when none of the 8 bytes of x is outside 0x20..0x7E. */
static inline bool plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull;
	const uint64_t high = 0x8080808080808080ull;
	uint64_t below = (x - ones * 0x20) & ~x & high;   /* a byte < 0x20 */
	uint64_t d = x ^ (ones * 0x7F);
	uint64_t del = (d - ones) & ~d & high;            /* a byte == 0x7F */
	return !((x & high) | below | del);
}

/* Map a code point of NFC text to its normalized bytes; returns the
 * number of bytes written to dst (1 to 4). The results are never part of
 * a canonical composition, so the output stays NFC. */
static size_t map_cp(utf8proc_int32_t cp, char *dst)
{
	switch (cp) {
	case 0x0091: case 0x0092: case 0x00B4: case 0x2018: case 0x2019:
	case 0x201A: case 0x201B: case 0x2032: case 0x2035: case 0xFF07:
		dst[0] = '\'';
		return 1;
	case 0x0093: case 0x0094: case 0x00AB: case 0x00BB: case 0x201C:
	case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
	case 0x301D: case 0x301E: case 0xFF02:
		dst[0] = '"';
		return 1;
	case 0x0096: case 0x0097: case 0x2010: case 0x2011: case 0x2012:
	case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0x2E3A:
	case 0x2E3B: case 0xFE58: case 0xFE63: case 0xFF0D:
		dst[0] = '-';
		return 1;
	case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002:
	case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007:
	case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
	case 0x3000:
		dst[0] = ' ';
		return 1;
	case 0x2028:
		dst[0] = '\n';
		return 1;
	case 0x2029:
		dst[0] = '\n';
		dst[1] = '\n';
		return 2;
	case 0x2026:
		memcpy(dst, "...", 3);
		return 3;
	}
	if (cp >= 0x80 && cp < 0xA0) {          /* other C1 controls */
		dst[0] = ' ';
		return 1;
	}
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)dst);
}

/* Removed from the text before NFC (so that a base and a mark they
 * separated compose): soft hyphen, ZWSP, word joiner, BOM / ZWNBSP. */
static inline bool removed(utf8proc_int32_t cp)
{
	return cp == 0x00AD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

/* Might map_cp() change cp? (A cheap superset of its cases.) */
static inline bool maybe_mapped(utf8proc_int32_t cp)
{
	return cp < 0xC0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2E3B) ||
	       (cp >= 0x3000 && cp <= 0x301E) || (cp >= 0xFE58 && cp <= 0xFF0D);
}

/* Make room for need more bytes after the first len of *o. The arena
 * cannot free, so the old buffer is abandoned; growth doubles. */
static int out_reserve(struct arena *a, char **o, size_t *cap, size_t len,
		       size_t need)
{
	if (*cap - len >= need)
		return 0;
	size_t ncap = MAX(*cap * 2, len + need);
	char *p = arena_alloc(a, ncap);
	if (!p)
		return DYAD_ENOMEM;
	memcpy(p, *o, len);
	*o = p;
	*cap = ncap;
	return 0;
}

/* Code point scratch: on the stack first, then malloc'ed (cpbuf_release). */
struct cpbuf {
	utf8proc_int32_t *v;
	size_t n, cap;
	utf8proc_int32_t stack[SCRATCH_CP];
};

static void cpbuf_init(struct cpbuf *b)
{
	b->v = b->stack;
	b->n = 0;
	b->cap = SCRATCH_CP;
}

static void cpbuf_release(struct cpbuf *b)
{
	if (b->v != b->stack)
		free(b->v);
	b->v = b->stack;
}

/* Make room for extra more code points. */
static int cpbuf_reserve(struct cpbuf *b, size_t extra)
{
	if (extra <= b->cap - b->n)
		return 0;
	size_t ncap = MAX(b->cap * 2, b->n + extra);
	if (ncap > SIZE_MAX / sizeof(*b->v))
		return DYAD_ENOMEM;
	utf8proc_int32_t *p;
	if (b->v == b->stack) {
		p = malloc(ncap * sizeof(*p));
		if (p)
			memcpy(p, b->v, b->n * sizeof(*p));
	} else {
		p = realloc(b->v, ncap * sizeof(*p));
	}
	if (!p)
		return DYAD_ENOMEM;
	b->v = p;
	b->cap = ncap;
	return 0;
}

static inline int ccc(utf8proc_int32_t cp)
{
	return utf8proc_get_property(cp)->combining_class;
}

/*
 * True when NFC leaves cp alone whatever surrounds it: a starter with no
 * canonical decomposition that is not a mark. Second elements of
 * canonical compositions are all marks, apart from the conjoining jamo
 * (composed algorithmically, as are the Hangul syllables, excluded here).
 * A stretch of such code points needs no decomposition or composition;
 * mixed with others, they are their own decomposition.
 */
static inline bool inert(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->combining_class || p->decomp_seqindex != UINT16_MAX)
		return false;
	if (p->category == UTF8PROC_CATEGORY_MN ||
	    p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME)
		return false;
	return !((cp >= 0x1100 && cp <= 0x11FF) ||
		 (cp >= 0xA960 && cp <= 0xA97F) ||
		 (cp >= 0xAC00 && cp <= 0xD7FF));
}

/* Canonical ordering: stable sort of every run of non-starters by
 * combining class. Runs are at most STREAM_SAFE_MAX long. */
static void canonical_order(utf8proc_int32_t *b, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		utf8proc_int32_t c = b[i];
		int k = ccc(c);
		if (k == 0)
			continue;
		size_t j = i;
		while (j > 0) {
			int kp = ccc(b[j - 1]);
			if (kp == 0 || kp <= k)
				break;
			b[j] = b[j - 1];
			j--;
		}
		b[j] = c;
	}
}

/*
 * NFC of the stretch that starts at u[s]: an optional ASCII base, then
 * non-ASCII code points up to the next ASCII byte or n. Fills b, sets *end
 * to the end of the stretch (or to the offset of invalid UTF-8), *same
 * when every code point is inert and none is removed (b then is the input
 * as is) and *copy when moreover map_cp() changes none of them (the
 * output is the input).
 * Returns 0, DYAD_EUTF8 or DYAD_ENOMEM.
 */
static int nfc_stretch(const unsigned char *u, size_t s, size_t n,
		       struct cpbuf *b, size_t *end, bool *same, bool *copy)
{
	size_t k = s;
	int run = 0;            /* non-starters in a row */
	bool mapped = false;

	b->n = 0;
	*same = true;
	while (k < n && (u[k] >= 0x80 || k == s)) {
		utf8proc_int32_t cp, tmp[TMP_CP];
		utf8proc_ssize_t m, len = utf8proc_iterate(u + k,
				(utf8proc_ssize_t)MIN(n - k, 4), &cp);
		if (len < 0) {
			*end = k;
			return DYAD_EUTF8;
		}
		k += (size_t)len;
		if (removed(cp)) {
			*same = false;  /* neighbours may now compose */
			continue;
		}
		if (inert(cp)) {
			if (cp >= 0x80)
				mapped |= maybe_mapped(cp);
			if (cpbuf_reserve(b, 1))
				return DYAD_ENOMEM;
			b->v[b->n++] = cp;
			run = 0;
			continue;
		}
		*same = false;
		m = utf8proc_decompose_char(cp, tmp, TMP_CP, NFC_OPTS, NULL);
		assert(m >= 0 && m <= TMP_CP);
		if (cpbuf_reserve(b, 2 * (size_t)m))
			return DYAD_ENOMEM;
		for (utf8proc_ssize_t q = 0; q < m; q++) {
			if (ccc(tmp[q]) == 0) {
				run = 0;
			} else if (++run > STREAM_SAFE_MAX) {
				b->v[b->n++] = CGJ;
				run = 1;
			}
			b->v[b->n++] = tmp[q];
		}
	}
	*end = k;
	*copy = *same && !mapped;
	if (!*same) {
		canonical_order(b->v, b->n);
		utf8proc_ssize_t m = utf8proc_normalize_utf32(b->v,
				(utf8proc_ssize_t)b->n, NFC_OPTS);
		assert(m >= 0 && (size_t)m <= b->n);
		b->n = (size_t)m;
	}
	return 0;
}

int text_normalize(const char *in, size_t n, struct arena *a, char **out,
		   size_t *outn, dyad_error *err)
{
	struct cpbuf cb;
	const unsigned char *u = (const unsigned char *)in;
	size_t i = 0, j = 0, cap;
	char *o = NULL;
	int rc = 0;

	cpbuf_init(&cb);
	*out = NULL;
	*outn = 0;
	if (n >= UINT32_MAX) {
		rc = dyad_seterr(err, DYAD_ETOOBIG, NULL, 0, -1,
				 "document longer than 4 GB");
		goto out;
	}
	cap = n + 1;
	o = arena_alloc(a, cap);
	if (!o)
		goto nomem;

	while (i < n) {
		while (n - i >= 8) {
			uint64_t x;
			memcpy(&x, u + i, 8);
			if (!plain8(x))
				break;
			memcpy(o + j, &x, 8);
			i += 8;
			j += 8;
		}
		if (i >= n)
			break;
		unsigned char c = u[i];
		if (c >= 0x20 && c < 0x7F) {
			o[j++] = (char)c;
			i++;
			continue;
		}
		if (c == 0) {
			rc = dyad_seterr(err, DYAD_EINPUT, NULL, line_of(in, i),
					 (long)i, "NUL byte at byte %zu", i);
			goto out;
		}
		if (c == '\r') {
			o[j++] = '\n';
			i += (i + 1 < n && u[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c < 0x80) {
			o[j++] = (c == '\n' || c == '\t') ? (char)c : ' ';
			i++;
			continue;
		}

		/* A non-ASCII stretch, with the base character before it. */
		size_t s = i, k;
		bool same, copy;
		if (i > 0 && u[i - 1] >= 0x20 && u[i - 1] < 0x7F) {
			s = i - 1;
			j--;
		}
		rc = nfc_stretch(u, s, n, &cb, &k, &same, &copy);
		if (rc == DYAD_EUTF8) {
			dyad_seterr(err, rc, NULL, line_of(in, k), (long)k,
				    "invalid UTF-8 at byte %zu", k);
			goto out;
		}
		if (rc)
			goto nomem;
		/* An inert stretch does not grow (map_cp never lengthens a
		 * code point); otherwise allow 4 bytes per code point. */
		size_t need = same ? k - s : 4 * cb.n;
		if (out_reserve(a, &o, &cap, j, need + (n - k) + 1))
			goto nomem;
		if (copy) {
			memcpy(o + j, u + s, k - s);
			j += k - s;
		} else {
			for (size_t q = 0; q < cb.n; q++)
				j += map_cp(cb.v[q], o + j);
		}
		i = k;
	}
	o[j] = 0;
	*out = o;
	*outn = j;
	goto out;
nomem:
	rc = dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
out:
	cpbuf_release(&cb);
	return rc;
}

static inline char ascii_upper(unsigned c)
{
	return (char)(c - 'a' < 26u ? c - ('a' - 'A') : c);
}

/* Append b[0, n), n <= 4, to out[0, *len) if n + 1 bytes are left of
 * cap. Copies a fixed 4 bytes when there is room (one store, no call). */
static inline bool put4(char *out, size_t *len, size_t cap, const char *b,
			size_t n)
{
	if (n >= cap - *len)
		return false;
	if (cap - *len >= 4)
		memcpy(out + *len, b, 4);
	else
		for (size_t x = 0; x < n; x++)
			out[*len + x] = b[x];
	*len += n;
	return true;
}

/* The general path of text_key(): the key of s[i, n) appended to out,
 * which holds len bytes; -1 when it does not fit in cap. */
static int key_slow(const unsigned char *s, size_t i, size_t n, char *out,
		    size_t len, size_t cap)
{
	while (i < n) {
		utf8proc_int32_t cp, tmp[TMP_CP];
		utf8proc_ssize_t m;
		char enc[4] = { 0 };
		size_t elen = 0;

		if (s[i] < 0x80) {
			enc[elen++] = ascii_upper(s[i++]);
			goto put;
		}
		utf8proc_ssize_t l = utf8proc_iterate(s + i,
				(utf8proc_ssize_t)MIN(n - i, 4), &cp);
		if (l < 0) {            /* not from text_normalize: keep byte */
			enc[elen++] = (char)s[i++];
			goto put;
		}
		i += (size_t)l;
		if (cp == 0x00DF || cp == 0x1E9E) {
			memcpy(enc, "SS", 2);
			elen = 2;
			goto put;
		}
		if (cp >= 0xAC00 && cp <= 0xD7A3) {    /* Hangul syllable */
			elen = (size_t)utf8proc_encode_char(cp,
					(utf8proc_uint8_t *)enc);
			goto put;
		}
		elen = map_cp(cp, enc);
		if (elen == 1 && (unsigned char)enc[0] < 0x80)
			goto put;       /* typographic quote, dash or space */
		const utf8proc_property_t *pr = utf8proc_get_property(cp);
		if (pr->decomp_seqindex == UINT16_MAX && !pr->ignorable &&
		    pr->category != UTF8PROC_CATEGORY_MN &&
		    pr->category != UTF8PROC_CATEGORY_MC &&
		    pr->category != UTF8PROC_CATEGORY_ME) {
			utf8proc_int32_t up = utf8proc_toupper(cp);
			elen = (size_t)utf8proc_encode_char(up,
					(utf8proc_uint8_t *)enc);
			goto put;       /* nothing to decompose or strip */
		}
		m = utf8proc_decompose_char(cp, tmp, TMP_CP, KEY_OPTS, NULL);
		if (m < 0 || m > TMP_CP)
			m = 0;
		for (utf8proc_ssize_t q = 0; q < m; q++) {
			utf8proc_int32_t up = utf8proc_toupper(tmp[q]);
			char e[4] = { 0 };
			utf8proc_ssize_t el = utf8proc_encode_char(up,
					(utf8proc_uint8_t *)e);
			if (!put4(out, &len, cap, e, (size_t)el))
				return -1;
		}
		continue;
put:
		if (!put4(out, &len, cap, enc, elen))
			return -1;
	}
	out[len] = 0;
	return (int)len;
}

int text_key(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (cap > (size_t)INT_MAX + 1)
		cap = (size_t)INT_MAX + 1;
	if (cap == 0)
		return -1;
	if (n < cap) {          /* fits if ASCII: no bounds checks */
		unsigned hi = 0;
		for (i = 0; i < n; i++) {
			hi |= u[i];
			out[i] = ascii_upper(u[i]);
		}
		if (hi & 0x80)
			return key_slow(u, 0, n, out, 0, cap);
		out[n] = 0;
		return (int)n;
	}
	return key_slow(u, 0, n, out, 0, cap);
}
