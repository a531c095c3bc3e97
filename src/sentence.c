/*
 * sentence.c - splits normalized text into sentences.
 *
 * One forward scan. A candidate end is a run of . ! ? plus closing quotes
 * and brackets, followed by whitespace; it is a sentence end when the next
 * word starts with an upper-case (or caseless) letter, a digit, a quote or
 * an opening bracket, and the word before a lone period is not:
 *  - a single capital initial ("George W. Bush");
 *  - a title or month abbreviation, or v. / vs. (never split);
 *  - "No" before a digit ("No. 10");
 *  - a dotted acronym of single letters ("U.S.", "e.g."), an ellipsis, or
 *    etc. Inc. Corp. Co. Ltd. Jr. Sr. Bros. Dept.: these end a sentence
 *    only before a common sentence starter (The, A, He, In, But, ...) or
 *    a quote, so "the U.S. Army" stays whole but "in the U.S. The" splits.
 * A closing quote or bracket right after the period ("... Mr. Khan.\" He")
 * overrides the abbreviation tests. A blank line always ends a sentence.
 *
 * Invariants: spans are non-empty, in order, exclude surrounding
 * whitespace and never overlap; the scan is linear: every byte is looked
 * at a bounded number of times (a word is examined only when the period
 * that ends it is followed by whitespace, and look-ahead is bounded).
 */
#include "internal.h"

#include <utf8proc.h>

static inline bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/* Bytes the scan must look at: whitespace and terminators. */
static const bool stop_byte[256] = {
	[' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
	['\v'] = true, ['\f'] = true, ['.'] = true, ['!'] = true, ['?'] = true,
};

static inline bool is_term(unsigned char c)
{
	return c == '.' || c == '!' || c == '?';
}

static inline bool is_closer(unsigned char c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
}

static inline bool is_opener(unsigned char c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[';
}

static inline bool is_upper(unsigned c) { return c - 'A' < 26u; }
static inline bool is_alpha(unsigned c) { return (c | 32) - 'a' < 26u; }
static inline bool is_digit(unsigned c) { return c - '0' < 10u; }

/* Never end a sentence after these (when capitalized). */
static const char *const never_split[] = {
	"Mr", "Mrs", "Ms", "Messrs", "Dr", "Gen", "Lt", "Col", "Maj", "Capt",
	"Cmdr", "Sgt", "Adm", "Brig", "Gov", "Sen", "Rep", "Rev", "Prof",
	"St", "Mt", "Ft", "Pres", "Amb", "Hon", "Supt",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec",
};

/* End a sentence after these only before a sentence starter. */
static const char *const weak_abbrev[] = {
	"Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Dept",
};

/* Words that typically begin a sentence. */
static const char *const starters[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You",
	"In", "On", "At", "But", "And", "This", "That", "These", "Those",
	"There", "His", "Her", "Its", "Their", "Our", "However", "Meanwhile",
	"After", "Before", "When", "While", "If", "As", "Also", "Earlier",
	"Later", "Still", "Yet", "So", "For", "By", "According", "Other",
	"Some", "No", "Officials", "Both",
};

/* Case-insensitive match of w[0,n) against a list; a lower-case word
 * matches only when icase is set (avoids "no", "sept", "mar", "col"). */
static bool in_list(const char *const *list, size_t len, const char *w,
		    size_t n, bool icase)
{
	if (!icase && !is_upper((unsigned char)w[0]))
		return false;
	for (size_t i = 0; i < len; i++) {
		const char *e = list[i];
		size_t k;
		for (k = 0; k < n && e[k]; k++)
			if ((w[k] | 32) != (e[k] | 32))
				break;
		if (k == n && !e[k])
			return true;
	}
	return false;
}

/* Exact, case-sensitive match (starters are capitalized words). */
static bool in_list_exact(const char *const *list, size_t len,
			  const char *w, size_t n)
{
	for (size_t i = 0; i < len; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], w, n))
			return true;
	return false;
}

/* "U.S", "e.g", "U.N": single letters separated by periods. */
static bool is_dotted(const char *w, size_t n)
{
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool want_letter = (i % 2) == 0;
		if (want_letter ? !is_alpha((unsigned char)w[i]) : w[i] != '.')
			return false;
	}
	return n % 2 == 1;
}

/* Classify the code point at t[k]: does a sentence start with it? */
static bool starts_sentence(const char *t, size_t n, size_t k)
{
	unsigned char c = (unsigned char)t[k];
	if (c < 0x80)
		return is_upper(c) || is_digit(c) || is_opener(c);
	utf8proc_int32_t cp;
	utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)t + k,
			(utf8proc_ssize_t)MIN(n - k, 4), &cp);
	if (l < 0)
		return false;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
		return true;
	default:
		return false;
	}
}

/* Is the word at t[k] (after openers) a common sentence starter? */
static bool next_is_starter(const char *t, size_t n, size_t k)
{
	if (is_opener((unsigned char)t[k]))
		return true;            /* a quotation starts */
	size_t e = k;
	while (e < n && e - k < 12 && is_alpha((unsigned char)t[e]))
		e++;
	if (e < n && is_alpha((unsigned char)t[e]))
		return false;
	return in_list_exact(starters, ARRAY_SIZE(starters), t + k, e - k);
}

/*
 * Decide whether the candidate at t[p, j) ends a sentence: p is the first
 * terminator, te is past the terminators, j is past closing quotes and
 * points at whitespace; ws is the start of the word the run ends.
 */
static bool is_end(const char *t, size_t n, size_t ws, size_t p, size_t te,
		   size_t j)
{
	size_t k = j;
	while (k < n && is_space((unsigned char)t[k]))
		k++;
	if (k >= n)
		return true;
	if (!starts_sentence(t, n, k))
		return false;
	if (te - p > 1) {
		for (size_t q = p; q < te; q++)
			if (t[q] != '.')
				return true;    /* "?!", "!!" */
		return next_is_starter(t, n, k);   /* ellipsis */
	}
	if (t[p] != '.' || j > te)
		return true;
	while (ws < p && !is_alpha((unsigned char)t[ws]) &&
	       !is_digit((unsigned char)t[ws]) && (unsigned char)t[ws] < 0x80)
		ws++;
	const char *w = t + ws;
	size_t wn = p - ws;
	if (wn == 0)
		return true;
	if (wn == 1 && is_upper((unsigned char)w[0]))
		return false;           /* initial */
	if (wn > 8 && !is_dotted(w, wn))
		return true;            /* no abbreviation is this long */
	if (in_list(never_split, ARRAY_SIZE(never_split), w, wn, false))
		return false;
	if ((wn == 1 && w[0] == 'v') || (wn == 2 && !memcmp(w, "vs", 2)))
		return false;
	if (wn == 2 && !memcmp(w, "No", 2))
		return !is_digit((unsigned char)t[k]);
	if (is_dotted(w, wn) ||
	    in_list(weak_abbrev, ARRAY_SIZE(weak_abbrev), w, wn, false) ||
	    (wn == 3 && (w[0] | 32) == 'e' && (w[1] | 32) == 't' &&
	     (w[2] | 32) == 'c'))
		return next_is_starter(t, n, k);
	return true;
}

struct sentences {
	struct arena *a;
	struct span *v;
	size_t n, cap, max;
};

static int emit(struct sentences *s, size_t start, size_t end)
{
	if (s->n >= s->max)
		return DYAD_ETOOBIG;
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 16;
		ncap = MIN(ncap, s->max);
		struct span *v = arena_alloc(s->a, ncap * sizeof(*v));
		if (!v)
			return DYAD_ENOMEM;
		if (s->n)
			memcpy(v, s->v, s->n * sizeof(*v));
		s->v = v;
		s->cap = ncap;
	}
	s->v[s->n].start = (uint32_t)start;
	s->v[s->n].end = (uint32_t)end;
	s->n++;
	return 0;
}

int sentence_split(const char *text, size_t n, struct arena *a,
		   struct span **out, size_t *count, size_t max_sentences)
{
	struct sentences s = { a, NULL, 0, 0, max_sentences };
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, start = 0, last = 0, word = 0;
	bool open = false;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (n >= UINT32_MAX)
		return DYAD_ETOOBIG;
	if (max_sentences > SIZE_MAX / sizeof(struct span))
		s.max = SIZE_MAX / sizeof(struct span);
	while (i < n) {
		unsigned char c = u[i];
		if (is_space(c)) {
			if (c == '\n' && open) {
				size_t k = i + 1;
				while (k < n && (u[k] == ' ' || u[k] == '\t' ||
						 u[k] == '\r'))
					k++;
				if (k < n && u[k] == '\n') {   /* blank line */
					rc = emit(&s, start, last);
					if (rc)
						goto out;
					open = false;
				}
				i = k;
			} else {
				i++;
			}
			word = i;
			continue;
		}
		if (!open) {
			open = true;
			start = i;
		}
		if (!is_term(c)) {
			i++;
			while (i < n && !stop_byte[u[i]])
				i++;
			last = i;
			continue;
		}
		size_t te = i, j;
		while (te < n && is_term(u[te]))
			te++;
		for (j = te; j < n && is_closer(u[j]); j++)
			;
		last = j;
		if (j < n && is_space(u[j]) &&
		    is_end(text, n, word, i, te, j)) {
			rc = emit(&s, start, j);
			if (rc)
				goto out;
			open = false;
		}
		i = j;
	}
	if (open) {
		rc = emit(&s, start, last);
		if (rc)
			goto out;
	}
	*out = s.v;
	*count = s.n;
out:
	return rc;
}
