/*
 * token.c - splits one sentence of normalized text into tokens.
 *
 * A word starts at a letter, digit or combining mark and continues over
 * letters, digits, marks and format characters (ZWJ, ZWNJ), and over
 *  - '-' between two letters/digits, unless both are digits ("F-16",
 *    "29-year-old", "high-level"; "2020-2024" is three tokens);
 *  - '\'' between two letters ("O'Brien", "don't"), except "'s" at the
 *    end of a word, which is a TOKF_POSS token of its own;
 *  - '.' between two letters ("U.S"), or between digits in a number;
 *  - ',' between digits in a number ("1,000").
 * A word made of single letters joined by periods keeps its final period
 * ("U.S.", "e.g."). A word of digits, ',' and '.' only is TOK_NUM. A "'"
 * right after a word ending in s ("Parties'") is a TOKF_POSS token; its
 * key, like that of "'s", is "'S". Every other non-space code point is a
 * TOK_PUNCT token. Format characters outside words are skipped.
 *
 * Invariants: tokens are in text order, non-empty, within the span and
 * never overlap; keys are NUL-terminated, at most TOKEN_KEY_MAX bytes
 * (longer words get the key of a prefix cut at a code point boundary);
 * key memory is carved from arena chunks, the token array doubles in the
 * arena. ASCII is classified by a table; only non-ASCII bytes call
 * utf8proc.
 */
#include "internal.h"

#include <utf8proc.h>

#define TOKEN_KEY_MAX 255       /* bytes of a key, without the NUL */
#define KEY_CHUNK 4096          /* key memory added when the first runs out */

enum {
	C_SPACE = 1, C_ALPHA = 2, C_DIGIT = 4, C_UPPER = 8, C_LOWER = 16,
	C_MARK = 32,            /* combining mark: continues a word */
	C_FORMAT = 64,          /* Cf: inside words kept, elsewhere skipped */
	C_PUNCT = 128,
};
#define S C_SPACE
#define P C_PUNCT
#define D C_DIGIT
#define U (C_ALPHA | C_UPPER)
#define L (C_ALPHA | C_LOWER)
/* Class of a byte; 0 for bytes >= 0x80 (decoded by slow_class). */
static const uint8_t tok_class[256] = {
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
	P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
	P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, S,
};
#undef S
#undef P
#undef D
#undef U
#undef L

#define C_WORD (C_ALPHA | C_DIGIT | C_MARK | C_FORMAT)
#define C_ALNUM (C_ALPHA | C_DIGIT)

/* Class of the code point at t[i] (i < end); *len gets its byte length.
 * Bytes that are not valid UTF-8 are 1-byte punctuation. */
static unsigned slow_class(const unsigned char *t, size_t i, size_t end,
			   size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t l = utf8proc_iterate(t + i,
			(utf8proc_ssize_t)MIN(end - i, 4), &cp);
	if (l < 0) {
		*len = 1;
		return C_PUNCT;
	}
	*len = (size_t)l;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_ALPHA | C_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return C_ALPHA | C_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_ALPHA;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return C_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return C_FORMAT;
	default:
		return C_PUNCT;
	}
}

static inline unsigned char_class(const unsigned char *t, size_t i,
				  size_t end, size_t *len)
{
	unsigned c = tok_class[t[i]];
	if (c) {
		*len = 1;
		return c;
	}
	return slow_class(t, i, end, len);
}

/* Class at i, or 0 at the end of the span. */
static inline unsigned class_at(const unsigned char *t, size_t i, size_t end)
{
	size_t len;
	return i < end ? char_class(t, i, end, &len) : 0;
}

struct toks {
	struct arena *a;
	struct token *v;
	size_t n, cap, max;
	char *pool;             /* key memory left in the current chunk */
	size_t pool_left;
};

static struct token *tok_new(struct toks *tk, int *rc)
{
	if (tk->n >= tk->max) {
		*rc = DYAD_ETOOBIG;
		return NULL;
	}
	if (tk->n == tk->cap) {
		size_t ncap = MIN(tk->cap * 2, tk->max);
		struct token *v = arena_alloc(tk->a, ncap * sizeof(*v));
		if (!v) {
			*rc = DYAD_ENOMEM;
			return NULL;
		}
		if (tk->n)
			memcpy(v, tk->v, tk->n * sizeof(*v));
		tk->v = v;
		tk->cap = ncap;
	}
	struct token *t = &tk->v[tk->n++];
	t->id = 0;
	t->stem = 0;
	return t;
}

/* Start a new chunk of key memory (the rest of the old one is lost). */
static int pool_chunk(struct toks *tk, size_t size)
{
	char *p = arena_alloc(tk->a, size);
	if (!p)
		return DYAD_ENOMEM;
	tk->pool = p;
	tk->pool_left = size;
	return 0;
}

/* Set t->key from text[t->start, t->end) via text_key(). */
static int set_key(struct toks *tk, struct token *t, const char *text)
{
	const char *src = text + t->start;
	size_t n = t->end - t->start;
	int r;

	if (tk->pool_left < 2 && pool_chunk(tk, KEY_CHUNK))
		return DYAD_ENOMEM;
	r = text_key(src, n, tk->pool, MIN(tk->pool_left, TOKEN_KEY_MAX + 1));
	if (r < 0 && tk->pool_left <= TOKEN_KEY_MAX) {
		if (pool_chunk(tk, KEY_CHUNK))
			return DYAD_ENOMEM;
		r = text_key(src, n, tk->pool, TOKEN_KEY_MAX + 1);
	}
	if (r < 0) {            /* too long: the key of a prefix */
		size_t p = MIN(n, (size_t)TOKEN_KEY_MAX);
		do {
			while (p > 0 && p < n &&
			       ((unsigned char)src[p] & 0xC0) == 0x80)
				p--;
			r = text_key(src, p, tk->pool, TOKEN_KEY_MAX + 1);
			p /= 2;
		} while (r < 0);
	}
	t->key = tk->pool;
	t->keylen = (uint16_t)r;
	tk->pool += (size_t)r + 1;
	tk->pool_left -= (size_t)r + 1;
	return 0;
}

/* Does t[a, b) hold exactly one letter? (A segment of "U.S".) */
static bool one_letter(const unsigned char *t, size_t a, size_t b)
{
	size_t len;
	return b > a && (char_class(t, a, b, &len) & C_ALPHA) && len == b - a;
}

/* Class of the first letter of t[i, end), 0 if none. */
static unsigned first_letter(const unsigned char *t, size_t i, size_t end)
{
	while (i < end) {
		size_t len;
		unsigned c = char_class(t, i, end, &len);
		if (c & C_ALPHA)
			return c;
		i += len;
	}
	return 0;
}

/*
 * Scan a word from t[i]; returns its end and fills kind and flags. The
 * inner loop runs over ASCII letters and digits with one table lookup.
 */
static size_t scan_word(const unsigned char *t, size_t i, size_t end,
			uint8_t *kind, uint8_t *flags)
{
	size_t start = i, seg = i;      /* seg: start of the dotted segment */
	unsigned acc = 0;       /* classes of the letters and digits, or-ed */
	unsigned prev = 0;      /* class of the last letter or digit */
	unsigned c, f = 0;
	bool joined = false;    /* a '-' or '\'' was kept */
	bool dotted = true;     /* every '.' so far follows a single letter */
	size_t dots = 0;

	for (;;) {
		size_t run = i;
		while (i < end && ((c = tok_class[t[i]]) & C_ALNUM)) {
			acc |= c;
			i++;
		}
		if (i > run)
			prev = tok_class[t[i - 1]];
		if (i >= end)
			break;
		size_t len;
		c = char_class(t, i, end, &len);
		if (c & C_WORD) {       /* non-ASCII letter, digit or mark */
			if (c & C_ALNUM) {
				acc |= c;
				prev = c;
			}
			i += len;
			continue;
		}
		unsigned char ch = t[i];
		if (i + 1 >= end || !(prev & C_ALNUM))
			break;
		unsigned next = class_at(t, i + 1, end);
		bool numeric = !(acc & C_ALPHA);
		if (ch == '-') {
			if (!(next & C_ALNUM) || ((prev & next) & C_DIGIT))
				break;
			joined = true;
		} else if (ch == '\'') {
			if (!(prev & C_ALPHA) || !(next & C_ALPHA))
				break;
			if ((t[i + 1] | 32) == 's' &&
			    !(class_at(t, i + 2, end) & C_WORD))
				break;          /* possessive 's */
			joined = true;
		} else if (ch == '.') {
			if (numeric && (prev & C_DIGIT) && (next & C_DIGIT)) {
				;               /* decimal point */
			} else if ((prev & C_ALPHA) && (next & C_ALPHA)) {
				if (dotted && !one_letter(t, seg, i))
					dotted = false;
				seg = i + 1;
				dots++;
			} else {
				break;
			}
		} else if (ch == ',') {
			if (!numeric || !(prev & C_DIGIT) || !(next & C_DIGIT))
				break;
		} else {
			break;
		}
		i++;
	}
	if (dotted && dots > 0 && !joined && !(acc & C_DIGIT) &&
	    i < end && t[i] == '.' && one_letter(t, seg, i))
		i++;                    /* "U.S." keeps its final period */
	if (acc & C_ALPHA) {
		c = tok_class[t[start]];
		if (!(c & C_ALPHA))
			c = first_letter(t, start, i);
		if (c & C_UPPER)
			f |= TOKF_CAP;
		if ((acc & C_UPPER) && !(acc & C_LOWER))
			f |= TOKF_ALLCAP;
	}
	*kind = (acc & (C_ALPHA | C_DIGIT)) == C_DIGIT ? TOK_NUM : TOK_WORD;
	*flags = (uint8_t)f;
	return i;
}

/* Length of the possessive at t[i] == '\'' right after a word: 2 for
 * "'s", 1 for "'" after a word ending in s, 0 if none. */
static size_t possessive(const unsigned char *t, size_t i, size_t end)
{
	if (i + 1 < end && (t[i + 1] | 32) == 's' &&
	    !(class_at(t, i + 2, end) & C_WORD))
		return 2;
	if ((t[i - 1] | 32) == 's' && !(class_at(t, i + 1, end) & C_WORD))
		return 1;
	return 0;
}

int tokenize(const char *text, struct span s, struct arena *a,
	     struct token **out, size_t *count, size_t max_tokens)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t len = s.end > s.start ? s.end - s.start : 0;
	struct toks tk = { a, NULL, 0, 0, max_tokens, NULL, 0 };
	size_t i = s.start, end = s.end;
	bool space = false;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (max_tokens > SIZE_MAX / sizeof(struct token))
		tk.max = SIZE_MAX / sizeof(struct token);
	if (len == 0)
		goto done;
	tk.cap = MIN(len / 4 + 8, tk.max);
	if (tk.cap) {
		tk.v = arena_alloc(a, tk.cap * sizeof(*tk.v));
		if (!tk.v) {
			rc = DYAD_ENOMEM;
			goto out;
		}
	}
	/* ASCII keys take token bytes + 1 each: this suffices unless
	 * nearly every byte is a token; set_key() adds chunks if not. */
	rc = pool_chunk(&tk, len + len / 4 + 64);
	if (rc)
		goto out;

	while (i < end) {
		size_t clen;
		unsigned c = char_class(u, i, end, &clen);
		if (c & C_SPACE) {
			space = true;
			i += clen;
			continue;
		}
		if (c & C_FORMAT) {
			i += clen;
			continue;
		}
		struct token *t = tok_new(&tk, &rc);
		if (!t)
			goto out;
		t->start = (uint32_t)i;
		t->flags = space ? TOKF_SPACE_BEFORE : 0;
		space = false;
		if (c & C_WORD) {
			uint8_t f;
			t->end = (uint32_t)scan_word(u, i, end, &t->kind, &f);
			t->flags |= f;
		} else {
			struct token *prev = tk.n > 1 ? &tk.v[tk.n - 2] : NULL;
			size_t plen = 0;
			if (u[i] == '\'' && prev && prev->end == i &&
			    prev->kind != TOK_PUNCT)
				plen = possessive(u, i, end);
			t->kind = TOK_PUNCT;
			t->end = (uint32_t)(i + (plen ? plen : clen));
			if (plen)
				t->flags |= TOKF_POSS;
		}
		i = t->end;
		if (t->flags & TOKF_POSS) {
			t->key = "'S";
			t->keylen = 2;
			continue;
		}
		if (t->end - t->start == 1 && u[t->start] < 0x80 &&
		    t->kind == TOK_PUNCT) {
			if (tk.pool_left < 2 && pool_chunk(&tk, KEY_CHUNK)) {
				rc = DYAD_ENOMEM;
				goto out;
			}
			tk.pool[0] = (char)u[t->start];
			tk.pool[1] = 0;
			t->key = tk.pool;
			t->keylen = 1;
			tk.pool += 2;
			tk.pool_left -= 2;
			continue;
		}
		rc = set_key(&tk, t, text);
		if (rc)
			goto out;
	}
done:
	*out = tk.v;
	*count = tk.n;
out:
	return rc;
}
