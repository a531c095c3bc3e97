/*
 * dict_tabari.c - readers for the TABARI 0.8.4 dictionary formats and the
 * commands of its .options file (TABARI manual, chapters 5, 6, 8, 10.5):
 *
 *   .verbs    entries "VERB [code]" with an optional "{ FORMS }" line and
 *             patterns "- ... * ... [code]"; <SYNSETS>, <TIME>, <NOUN> and
 *             <ADJECTIVE> sections. Each entry becomes its own verb_block
 *             (TABARI has no blocks) whose code is the entry's code; the
 *             alternatives "{ A | B }" of a pattern are expanded into
 *             separate patterns.
 *   .actors   "PHRASE [CODE] [CODE <date] ...", "+SYNONYM" lines, indented
 *             "[CODE ...]" lines; <NOUN> and <ADJECTIVE> sections.
 *   .agents   "PHRASE [~CODE]" or "[CODE~]", optional "{PLURALS}".
 *   .options  one command per line, applied by coder_option().
 *
 * How TABARI words (stems, exact words, regular endings) are stored and
 * what the coder does with them: dict.h, "TABARI words".
 *
 * As in dict_petr.c a malformed line is reported through dict_problem()
 * with its line number and skipped; a reader fails only for out-of-memory.
 * Reading stops at a line starting with '~' (TABARI's "~~FINISH").
 */
#include "dict.h"
#include <ctype.h>
#include <stdio.h>

#define MAXW 48            /* words in one phrase */
#define MAXKEY 256
#define MAXEL 64           /* elements of one pattern */
#define MAXPAT 1024        /* bytes of one pattern, alternatives expanded */
#define MAX_ALTS 64        /* patterns from one line of { | } alternatives */
#define MAX_GROUPS 8       /* { | } groups in one pattern */
#define MAX_MEMBERS 256    /* word sequences from one synset member line */
#define MAX_DAYS 8191      /* TABARI's limit on a time shift */
#define MAX_CODE 31        /* agent codes */
#define MAX_ACODE 127      /* actor codes (coded compounds "A/B/C") */
#define MAX_CODES 64       /* codes of one actor */
#define MAX_ENDINGS 16

/* ---- lines ---------------------------------------------------------------- */

struct tline {
	const char *p;
	size_t n;
	long no;
	bool indented;     /* began with a blank or a tab */
};

/* The next line, without its ';' comment and surrounding blanks. */
static bool next_tline(struct dict_ctx *c, const char **cur, const char *end, struct tline *l,
		       long *no)
{
	const char *s, *nl, *e;
	do {   /* a line longer than c->max_entry is reported and skipped */
		if (*cur >= end)
			return false;
		s = *cur;
		nl = memchr(s, '\n', (size_t)(end - s));
		e = nl ? nl : end;
		*cur = nl ? nl + 1 : end;
		l->no = ++*no;
	} while (dict_line_too_long(c, l->no, (size_t)(e - s)));
	l->indented = s < e && (*s == ' ' || *s == '\t');
	const char *sc = memchr(s, ';', (size_t)(e - s));
	if (sc)
		e = sc;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	l->p = s;
	l->n = (size_t)(e - s);
	return true;
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

/* Copy s[0,n) without blanks into out; -1 when it does not fit. */
static int squeeze(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i]))
			continue;
		if (k + 1 >= cap)
			return -1;
		out[k++] = s[i];
	}
	out[k] = 0;
	return (int)k;
}

static int clip(size_t n)
{
	return (int)MIN(n, 60);
}

/* ---- words ------------------------------------------------------------------ */

enum { TW_STEM, TW_EXACT, TW_NOEND };

/* One item of a phrase or pattern: a word, a synset "&NAME", or a marker. */
struct titem {
	const char *p;
	size_t n;          /* the word without its '~' or '=' */
	char mark;         /* 0 word, '&' synset, or one of * $ + % ^ @ */
	uint8_t kind;      /* words: TW_* */
	bool consec;       /* joined to the previous item by '_' */
};

/* A hyphen is an underscore: TABARI replaces hyphens in dictionaries with
 * '_' and in text with a blank (manual 5.2, 7.3). */
static bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '_' || c == '-';
}

/* Split s[0,n) into items. Returns the count, -1 when more than max. */
static int scan_items(const char *s, size_t n, struct titem *it, int max)
{
	int k = 0;
	size_t i = 0;
	while (i < n) {
		bool us = false, blank = false;   /* "A_B": consecutive; "A_ B": not */
		for (; i < n && is_sep(s[i]); i++) {
			us |= s[i] == '_' || s[i] == '-';
			blank |= s[i] != '_' && s[i] != '-';
		}
		if (i >= n)
			break;
		size_t st = i;
		while (i < n && !is_sep(s[i]))
			i++;
		size_t e = i;
		uint8_t kind = TW_STEM;
		if (s[e - 1] == '~') {
			while (e > st && s[e - 1] == '~')
				e--;
		} else if (s[e - 1] == '=') {
			while (e > st && s[e - 1] == '=')
				e--;
			kind = TW_NOEND;
		} else if (i < n && (s[i] == '_' || s[i] == '-')) {
			kind = TW_EXACT;
		}
		if (e == st)
			continue;
		if (k == max)
			return -1;
		struct titem *t = &it[k];
		t->p = s + st;
		t->n = e - st;
		t->kind = kind;
		t->consec = us && !blank && k > 0;
		t->mark = 0;
		if (t->n == 1 && strchr("*$+%^@", *t->p))
			t->mark = *t->p;
		else if (t->n > 1 && *t->p == '&')
			t->mark = '&';
		k++;
	}
	return k;
}

static int wflag_or(struct dyad_engine *e, uint32_t id, uint8_t f)
{
	while (e->wflag.n <= id) {
		if (!vec_push(&e->wflag))
			return DYAD_ENOMEM;
	}
	e->wflag.v[id] |= f;
	return 0;
}

/* The id of a TABARI word: the key "WORD*" for a stem, WORD otherwise.
 * Returns 0, 1 when the word is unusable, or DYAD_ENOMEM. */
static int word_id(struct dyad_engine *e, const char *p, size_t n, bool stem,
		   uint32_t *id)
{
	char key[MAXKEY + 2];
	int k = text_key(p, n, key, MAXKEY);
	if (k <= 0)
		return 1;
	if (stem)
		key[k++] = '*';
	*id = vocab_intern(&e->vocab, key, (size_t)k);
	if (!*id)
		return DYAD_ENOMEM;
	if (!stem)
		return 0;
	uint32_t len = (uint32_t)k - 1;
	if (len < 64)
		e->stemlens |= (uint64_t)1 << len;
	if (len > e->stem_maxlen)
		e->stem_maxlen = len;
	return wflag_or(e, *id, WF_STEM);
}

/* The regular endings of exact word w[0,n) (upper case): +S for actors,
 * agents and nouns (verb false); for verbs TABARI's S ED ES EN ING and
 * the English spellings. */
static int endings(const char *w, size_t n, bool verb, char out[][MAXKEY], int max)
{
	int k = 0;
	if (!n || n + 5 >= MAXKEY)
		return 0;
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
#define ADD(...) do { \
		if (k < max) { \
			int l_ = snprintf(out[k], MAXKEY, __VA_ARGS__); \
			bool dup_ = false; \
			for (int j_ = 0; j_ < k; j_++) \
				dup_ |= !strcmp(out[j_], out[k]); \
			if (l_ > 0 && l_ < MAXKEY && !dup_) \
				k++; \
		} \
	} while (0)
	if (!verb) {
		if (last != 'S')
			ADD("%.*sS", (int)n, w);
		return k;
	}
	static const char *const tab[] = { "S", "ED", "ES", "EN", "ING" };
	for (size_t i = 0; i < ARRAY_SIZE(tab); i++)
		ADD("%.*s%s", (int)n, w, tab[i]);
	bool vowel_prev = prev && strchr("AEIOU", prev);
	if (last == 'E') {
		ADD("%.*sD", (int)n, w);
		if (prev != 'E' && n > 1)
			ADD("%.*sING", (int)n - 1, w);
	} else if (last == 'Y' && prev && !vowel_prev) {
		ADD("%.*sIES", (int)n - 1, w);
		ADD("%.*sIED", (int)n - 1, w);
	} else if (n >= 3 && !strchr("AEIOUWXY", last) && vowel_prev &&
		   !strchr("AEIOU", w[n - 3])) {
		ADD("%.*s%cED", (int)n, w, last);
		ADD("%.*s%cING", (int)n, w, last);
	}
#undef ADD
	return k;
}

/* A phrase as word ids, with the ending variants of one of its words. */
struct tphrase {
	uint32_t id[MAXW];
	int k;
	int vword;                   /* word with variants, -1 none */
	uint32_t var[MAX_ENDINGS];
	int nvar;
	uint32_t gap;                /* bit i: word i follows a blank, not '_' */
};

enum { ENDS_NONE, ENDS_NOUN, ENDS_VERB };

/* Parse a phrase (no markers, no synsets). ends: which regular endings
 * the phrase gets (the last word of a noun-like phrase, the first word of
 * a verb). Returns 0, 1 when unusable (reported), or DYAD_ENOMEM. */
static int phrase_parse(struct dict_ctx *c, const char *s, size_t n, int ends,
			struct tphrase *ph, long line, const char *what)
{
	struct dyad_engine *e = c->e;
	struct titem it[MAXW];
	int k = scan_items(s, n, it, MAXW);
	if (k < 0) {
		dict_problem(c, line, "%s has more than %d words: '%.*s'", what, MAXW,
			     clip(n), s);
		return 1;
	}
	if (k == 0) {
		dict_problem(c, line, "empty %s", what);
		return 1;
	}
	for (int i = 0; i < k; i++) {
		if (it[i].mark) {
			dict_problem(c, line, "%s contains '%.*s': '%.*s'", what,
				     (int)it[i].n, it[i].p, clip(n), s);
			return 1;
		}
		int rc = word_id(e, it[i].p, it[i].n, it[i].kind == TW_STEM, &ph->id[i]);
		if (rc == 1) {
			dict_problem(c, line, "unusable word '%.*s' in %s", (int)it[i].n,
				     it[i].p, what);
			return 1;
		}
		if (rc)
			return rc;
	}
	ph->k = k;
	ph->vword = -1;
	ph->nvar = 0;
	ph->gap = 0;
	for (int i = 1; i < k && i < 32; i++)
		if (!it[i].consec)
			ph->gap |= 1u << i;
	int wi = ends == ENDS_NOUN ? k - 1 : ends == ENDS_VERB ? 0 : -1;
	if (wi >= 0 && it[wi].kind == TW_EXACT) {
		char key[MAXKEY], out[MAX_ENDINGS][MAXKEY];
		int kl = text_key(it[wi].p, it[wi].n, key, sizeof key);
		int ne = kl > 0 ? endings(key, (size_t)kl, ends == ENDS_VERB, out,
					  MAX_ENDINGS) : 0;
		for (int i = 0; i < ne; i++) {
			uint32_t id = vocab_intern(&e->vocab, out[i], strlen(out[i]));
			if (!id)
				return DYAD_ENOMEM;
			ph->var[ph->nvar++] = id;
		}
		ph->vword = wi;
	}
	return 0;
}

/* Path i of a phrase: 0 as written, 1..nvar with an ending variant. */
static void phrase_path(const struct tphrase *ph, int i, uint32_t *w)
{
	memcpy(w, ph->id, sizeof *w * (size_t)ph->k);
	if (i > 0)
		w[ph->vword] = ph->var[i - 1];
}

/* The node at the end of path w[0,k) of t, 0 when none. */
static uint32_t trie_node(const struct trie *t, const uint32_t *w, int k)
{
	uint32_t node = 0;
	for (int i = 0; i < k; i++)
		if (!(node = trie_child(t, node, w[i])))
			return 0;
	return node;
}

/* Trie nodes whose value an ending variant set during this read: an
 * explicit phrase replaces them without a duplicate warning ("JEW_" adds
 * JEWS, then "JEWS_" is no duplicate). */
struct genmark { VEC(uint8_t) v; };

static bool gen_is(const struct genmark *g, uint32_t node)
{
	return node < g->v.n && g->v.v[node];
}

static int gen_set(struct genmark *g, uint32_t node, uint8_t on)
{
	if (!on && node >= g->v.n)
		return 0;
	while (g->v.n <= node)
		if (!vec_push(&g->v))
			return DYAD_ENOMEM;
	g->v.v[node] = on;
	return 0;
}

/* The entry at the end of path w[0,k) of t unless a variant set it. */
static uint32_t trie_entry(const struct trie *t, const struct genmark *g,
			   const uint32_t *w, int k)
{
	uint32_t node = trie_node(t, w, k);
	return node && !gen_is(g, node) ? t->value.v[node] : 0;
}

static int trie_ready(struct trie *t)
{
	return t->ecap ? 0 : trie_init(t);
}

/* Set the value of every path of ph in t: the path as written always
 * (the caller checked for a duplicate), a variant only where no entry
 * ends yet. */
static int phrase_set(struct trie *t, struct genmark *g, const struct tphrase *ph,
		      uint32_t val)
{
	for (int i = 0; i <= ph->nvar; i++) {
		uint32_t w[MAXW];
		phrase_path(ph, i, w);
		uint32_t node = trie_add(t, w, (size_t)ph->k);
		if (!node)
			return DYAD_ENOMEM;
		if (i > 0 && t->value.v[node])
			continue;
		t->value.v[node] = val;
		int rc = gen_set(g, node, i > 0);
		if (rc)
			return rc;
	}
	return 0;
}

/* Mark the nodes of trie t (actors or verbs) that a blank-separated word
 * of ph's paths leads to, in gap (e->actor_gap, e->verb_gap): the coder
 * lets words intervene there. */
static int trie_gaps(const struct trie *t, __typeof__(((struct dyad_engine *)0)->actor_gap) *gap,
		     const struct tphrase *ph)
{
	for (int i = 0; i <= ph->nvar && ph->gap; i++) {
		uint32_t w[MAXW], node = 0;
		phrase_path(ph, i, w);
		for (int j = 0; j < ph->k; j++) {
			if (!(node = trie_child(t, node, w[j])))
				break;
			if (j >= 32 || !(ph->gap >> j & 1))
				continue;   /* gap has bits for the first 32 words only */
			while (gap->n <= node)
				if (!vec_push(gap))
					return DYAD_ENOMEM;
			gap->v[node] = 1;
		}
	}
	return 0;
}

static const char *src_file(const struct dyad_engine *e, struct src s)
{
	return s.file < e->files.n ? estr(e, e->files.v[s.file]) : "?";
}

/* ---- helpers for the coder ------------------------------------------------ */

int stem_ids(const struct dyad_engine *e, const char *key, size_t n,
	     uint32_t *out, int max)
{
	char buf[MAXKEY + 2];
	size_t len = MIN(n, (size_t)e->stem_maxlen);
	int k = 0;
	if (len > MAXKEY)
		len = MAXKEY;
	memcpy(buf, key, len);
	for (; len > 0 && k < max; len--) {
		if (len < 64 && !(e->stemlens >> len & 1))
			continue;
		buf[len] = '*';
		uint32_t id = vocab_find(&e->vocab, buf, len + 1);
		if (id && (word_flags(e, id) & WF_STEM))
			out[k++] = id;
	}
	return k;
}

static const char *const regular_end[] = { "S", "ES", "ED", "EN", "ING" };

bool tabari_exact(const char *key, size_t n, const char *w, size_t wn,
		  bool ends)
{
	if (n < wn || memcmp(key, w, wn))
		return false;
	if (n == wn)
		return true;
	if (!ends)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(regular_end); i++) {
		size_t l = strlen(regular_end[i]);
		if (n - wn == l && !memcmp(key + wn, regular_end[i], l))
			return true;
	}
	return false;
}

int tabari_bases(const struct dyad_engine *e, const char *key, size_t n,
		 uint32_t *out, int max)
{
	int k = 0;
	for (size_t i = 0; i < ARRAY_SIZE(regular_end) && k < max; i++) {
		size_t l = strlen(regular_end[i]);
		if (n <= l || memcmp(key + n - l, regular_end[i], l))
			continue;
		uint32_t id = vocab_find(&e->vocab, key, n - l);
		bool dup = false;
		for (int j = 0; j < k; j++)
			dup |= out[j] == id;
		if (id && !dup)
			out[k++] = id;
	}
	return k;
}

void dict_tabari_release(struct dyad_engine *e)
{
	free(e->wflag.v);
	free(e->actor_gap.v);
	memset(&e->actor_gap, 0, sizeof e->actor_gap);
	free(e->verb_gap.v);
	memset(&e->verb_gap, 0, sizeof e->verb_gap);
	free(e->pat_tc.v);
	free(e->block_tc.v);
	memset(&e->wflag, 0, sizeof e->wflag);
	memset(&e->pat_tc, 0, sizeof e->pat_tc);
	memset(&e->block_tc, 0, sizeof e->block_tc);
	trie_release(&e->nouns);
	trie_release(&e->times);
	e->stemlens = 0;
	e->stem_maxlen = 0;
}

/* Slot i of a parallel tcode array, grown with zeros; NULL on OOM. */
static struct tcode *tc_at(__typeof__(((struct dyad_engine *)0)->pat_tc) *v, uint32_t i)
{
	while (v->n <= i)
		if (!vec_push(v))
			return NULL;
	return &v->v[i];
}

/* ---- codes ------------------------------------------------------------------ */

/* An event code: digits, "---", "###" or "+++", with an optional ':'
 * paired code and a '?' (subordinate) or '!' (dominant) suffix. Returns
 * NULL, or why the code is malformed. */
static const char *event_code(const char *s, size_t n, char *code, char *code2,
			      uint8_t *flags)
{
	char b[40];
	int k = squeeze(s, n, b, sizeof b);
	*flags = 0;
	code[0] = code2[0] = 0;
	if (k < 0)
		return "code too long";
	if (k == 0)
		return "no code in [...]";
	char *parts[2] = { b, NULL };
	char *colon = strchr(b, ':');
	if (colon) {
		*colon = 0;
		parts[1] = colon + 1;
	}
	for (int i = 0; i < 2 && parts[i]; i++) {
		char *p = parts[i];
		size_t l = strlen(p);
		while (l && (p[l - 1] == '?' || p[l - 1] == '!')) {
			*flags |= p[l - 1] == '?' ? TCF_SUBORD : TCF_DOMINANT;
			p[--l] = 0;
		}
		if (!l)
			return "empty code";
		bool special = !strcmp(p, "---") || !strcmp(p, "###") || !strcmp(p, "+++");
		if (!special) {
			/* TABARI codes are strings: digits, and upper-case
			 * letters for local variants ("075A", "174K") */
			for (size_t j = 0; j < l; j++)
				if (!isdigit((unsigned char)p[j]) && !isupper((unsigned char)p[j]))
					return "an event code has only digits and upper-case letters";
			if (!isdigit((unsigned char)p[0]))
				return "an event code starts with a digit";
			if (l > 5)
				return "code longer than 5 characters";
		}
		memcpy(i ? code2 : code, p, l + 1);
	}
	return NULL;
}

/* A <TIME> code: a number of days "-7" "+30", or "---" "###" "+++". */
static const char *time_code(const char *s, size_t n, char *code,
			     struct tcode *tc, bool *capped)
{
	char b[40];
	int k = squeeze(s, n, b, sizeof b);
	*capped = false;
	tc->days = 0;
	if (k <= 0)
		return k < 0 ? "code too long" : "no code in [...]";
	if (!strcmp(b, "---") || !strcmp(b, "###") || !strcmp(b, "+++")) {
		tc->tkind = b[0] == '-' ? TIME_NULL : b[0] == '#' ? TIME_DISCARD : TIME_COMPLEX;
		memcpy(code, b, 4);
		return NULL;
	}
	const char *p = b;
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!*p)
		return "a time shift is a number of days";
	long v = 0;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return "a time shift is a number of days";
		if (v <= MAX_DAYS)
			v = v * 10 + (*p - '0');
	}
	if (v > MAX_DAYS) {
		*capped = true;
		v = 0;
	}
	tc->tkind = TIME_SHIFT;
	tc->days = (int32_t)(sign * v);
	snprintf(code, 6, "%+d", (int)tc->days);
	return NULL;
}

/* A date YYMMDD (TABARI: years 00-30 are 2000-2030) or YYYYMMDD. */
static int tabari_date(const char *s, size_t n)
{
	int v = 0;
	if (n != 6 && n != 8)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	if (n == 6)
		v += v / 10000 <= 30 ? 20000000 : 19000000;
	return date_valid(v) ? v : 0;
}

static bool actor_code_chars(const char *s, size_t n)
{
	if (n == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "###", 3) || !memcmp(s, "+++", 3)))
		return true;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '/')
			return false;
	return n > 0 && s[0] != '/' && s[n - 1] != '/';
}

/* The inside of one actor code group: "CODE", "CODE <date", "CODE >date"
 * or "CODE date-date", blanks allowed around the date parts. The null
 * code "---" becomes "". Returns NULL or why it is malformed. */
static const char *actor_code(const char *s, size_t n, char *code, int *from, int *to)
{
	const char *e = s + n;
	*from = *to = 0;
	trim(&s, &e);
	if (s == e)
		return "no code in [...]";
	const char *cs = s;
	while (s < e && !isspace((unsigned char)*s) && *s != '<' && *s != '>')
		s++;
	size_t cl = (size_t)(s - cs);
	if (!cl)
		return "no code before the date";
	if (cl > MAX_ACODE)
		return "code too long";
	if (!actor_code_chars(cs, cl))
		return "a code has only letters and digits ('/' between codes)";
	if (cl == 3 && !memcmp(cs, "---", 3))
		code[0] = 0;
	else {
		memcpy(code, cs, cl);
		code[cl] = 0;
	}
	char d[48];
	int dl = squeeze(s, (size_t)(e - s), d, sizeof d);
	if (dl < 0)
		return "malformed date restriction";
	if (dl == 0)
		return NULL;
	if (d[0] == '<' || d[0] == '>') {
		int v = tabari_date(d + 1, (size_t)dl - 1);
		if (!v)
			return "malformed date (YYMMDD)";
		*(d[0] == '<' ? to : from) = v;
		return NULL;
	}
	char *dash = strchr(d, '-');
	if (!dash)
		return "expected '<date', '>date' or 'date-date'";
	int a = tabari_date(d, (size_t)(dash - d));
	int b = tabari_date(dash + 1, strlen(dash + 1));
	if (!a || !b)
		return "malformed date (YYMMDD)";
	if (b < a)
		return "date range ends before it starts";
	*from = a;
	*to = b;
	return NULL;
}

/* ---- sections ---------------------------------------------------------------- */

enum sec { SEC_NONE, SEC_SYN, SEC_TIME, SEC_NOUN, SEC_ADJ, SEC_ATTRIB, SEC_SKIP };

struct section {
	int sec;
	long line;          /* where it opened */
	char name[32];      /* tag name, upper case */
	long skipped;       /* lines skipped in it */
};

static int tag_kind(const char *t)
{
	static const struct { const char *name; int sec; } tags[] = {
		{ "SYNSETS", SEC_SYN }, { "SYNSET", SEC_SYN }, { "TIME", SEC_TIME },
		{ "NOUN", SEC_NOUN }, { "NOUNS", SEC_NOUN }, { "ADJECTIVE", SEC_ADJ },
		{ "ADJECTIVES", SEC_ADJ }, { "ADJ", SEC_ADJ }, { "ATTRIB", SEC_ATTRIB },
		{ "ATTRIBUTION", SEC_ATTRIB },
	};
	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (!strcmp(t, tags[i].name))
			return tags[i].sec;
	return SEC_SKIP;
}

static void section_close(struct dict_ctx *c, struct section *s, bool missing)
{
	if (missing && s->sec != SEC_NONE)
		dict_problem(c, s->line, "missing </%s>", s->name);
	if (s->sec == SEC_ATTRIB && s->skipped)
		dict_problem(c, s->line, "<%s> attribution phrases are not supported: "
			     "%ld lines skipped", s->name, s->skipped);
	s->sec = SEC_NONE;
	s->skipped = 0;
}

/* A "<TAG>" or "</TAG>" line. verbs: whether <SYNSETS>, <TIME> and
 * <ATTRIB> are allowed. */
static void section_tag(struct dict_ctx *c, const struct tline *l, struct section *s,
			bool verbs)
{
	const char *p = l->p + 1, *e = l->p + l->n;
	bool close = p < e && *p == '/';
	if (close)
		p++;
	const char *gt = memchr(p, '>', (size_t)(e - p));
	char name[32];
	int k = gt ? text_key(p, (size_t)(gt - p), name, sizeof name) : -1;
	if (k <= 0 || gt + 1 != e) {
		dict_problem(c, l->no, "malformed tag '%.*s'", clip(l->n), l->p);
		return;
	}
	if (close) {
		if (s->sec == SEC_NONE || strcmp(name, s->name))
			dict_problem(c, l->no, "</%s> does not close an open section", name);
		else
			section_close(c, s, false);
		return;
	}
	if (s->sec != SEC_NONE)
		section_close(c, s, true);
	int kind = tag_kind(name);
	if (!verbs && (kind == SEC_SYN || kind == SEC_TIME || kind == SEC_ATTRIB))
		kind = SEC_SKIP;
	if (kind == SEC_SKIP)
		dict_problem(c, l->no, "section <%s> is not read: skipped", name);
	s->sec = kind;
	s->line = l->no;
	s->skipped = 0;
	snprintf(s->name, sizeof s->name, "%s", name);
}

/* A line of a <NOUN> or <ADJECTIVE> section. */
static int noun_line(struct dict_ctx *c, const struct tline *l, bool adj)
{
	struct dyad_engine *e = c->e;
	const char *p = l->p, *end = l->p + l->n;
	const char *lb = memchr(p, '[', l->n);
	if (lb) {
		dict_problem(c, l->no, "%s has a [code]: ignored", adj ? "adjective" : "noun");
		end = lb;
		trim(&p, &end);
	}
	if (end - p < 3) {
		dict_problem(c, l->no, "phrase shorter than 3 characters: '%.*s'",
			     (int)(end - p), p);
		return 0;
	}
	struct tphrase ph;
	int rc = phrase_parse(c, p, (size_t)(end - p), ENDS_NOUN, &ph, l->no,
			      adj ? "adjective" : "noun");
	if (rc)
		return rc > 0 ? 0 : rc;
	if ((rc = trie_ready(&e->nouns)))
		return rc;
	uint8_t nf = adj ? NOUNF_ADJ : NOUNF_NOUN;
	for (int i = 0; i <= ph.nvar; i++) {
		uint32_t w[MAXW];
		phrase_path(&ph, i, w);
		uint32_t node = trie_add(&e->nouns, w, (size_t)ph.k);
		if (!node)
			return DYAD_ENOMEM;
		e->nouns.value.v[node] |= nf;
		if (ph.k == 1 && (rc = wflag_or(e, w[0], adj ? WF_ADJ : WF_NOUN)))
			return rc;
	}
	return 0;
}

/* ---- actors ------------------------------------------------------------------ */

struct pend { const char *p; size_t n; long line; };
struct agroup {             /* phr: phrases, the first names the actor;
			     * codes: text holding "[...]" groups */
	VEC(struct pend) phr, codes;
	VEC(struct tphrase) tp;     /* scratch: the parsed phrases */
	struct genmark gen;         /* of e->actors */
};

/* Parse an actor phrase; 1 when it is unusable or a duplicate (reported). */
static int actor_phrase(struct dict_ctx *c, const struct genmark *g,
			const struct pend *ph, struct tphrase *tp)
{
	struct dyad_engine *e = c->e;
	if (ph->n < 3) {
		dict_problem(c, ph->line, "phrase shorter than 3 characters: '%.*s'",
			     (int)ph->n, ph->p);
		return 1;
	}
	int rc = phrase_parse(c, ph->p, ph->n, ENDS_NOUN, tp, ph->line, "actor phrase");
	if (rc)
		return rc;
	uint32_t old = trie_entry(&e->actors, g, tp->id, tp->k);
	if (old) {
		const struct actor *a = &e->actor.v[old - 1];
		dict_problem(c, ph->line, "duplicate actor '%.*s' (first at %s:%u): skipped",
			     clip(ph->n), ph->p, src_file(e, a->src), a->src.line);
		return 1;
	}
	return 0;
}

/* Create the actor of a group of phrases and code lines. */
static int actor_flush(struct dict_ctx *c, struct agroup *g)
{
	struct { char code[MAX_ACODE + 1]; int from, to; } cs[MAX_CODES];
	int ncs = 0, rc = 0;
	if (!g->phr.n)
		goto done;
	for (uint32_t i = 0; i < g->codes.n; i++) {
		const struct pend *cp = &g->codes.v[i];
		const char *p = cp->p, *end = cp->p + cp->n;
		while (p < end) {
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p >= end)
				break;
			if (*p != '[') {
				dict_problem(c, cp->line, "unexpected text '%.*s'",
					     clip((size_t)(end - p)), p);
				break;
			}
			const char *q = memchr(p, ']', (size_t)(end - p));
			if (!q) {
				dict_problem(c, cp->line, "missing ']': '%.*s'",
					     clip((size_t)(end - p)), p);
				break;
			}
			if (ncs == MAX_CODES) {
				dict_problem(c, cp->line, "more than %d codes: the rest are ignored",
					     MAX_CODES);
				i = g->codes.n;
				break;
			}
			const char *why = actor_code(p + 1, (size_t)(q - p - 1), cs[ncs].code,
						     &cs[ncs].from, &cs[ncs].to);
			if (why)
				dict_problem(c, cp->line, "malformed actor code '%.*s': %s",
					     clip((size_t)(q - p + 1)), p, why);
			else
				ncs++;
			p = q + 1;
		}
	}
	const struct pend *f = &g->phr.v[0];
	if (!ncs) {
		dict_problem(c, f->line, "actor '%.*s' has no [code]: skipped",
			     clip(f->n), f->p);
		goto done;
	}
	/* the usable phrases; none: no actor */
	g->tp.n = 0;
	for (uint32_t i = 0; i < g->phr.n && !rc; i++) {
		struct tphrase *tp = vec_push(&g->tp);
		if (!tp) {
			rc = DYAD_ENOMEM;
			break;
		}
		if ((rc = actor_phrase(c, &g->gen, &g->phr.v[i], tp)) > 0) {
			g->tp.n--;
			rc = 0;
		}
	}
	if (rc || !g->tp.n)
		goto done;
	int32_t ent = actor_new(c, f->p, f->n, f->line);
	if (ent < 0) {
		rc = DYAD_ENOMEM;
		goto done;
	}
	for (int i = 0; i < ncs && !rc; i++)
		rc = actor_add_code(c, ent, cs[i].code, cs[i].from, cs[i].to);
	for (uint32_t i = 0; i < g->tp.n && !rc; i++) {
		rc = phrase_set(&c->e->actors, &g->gen, &g->tp.v[i], (uint32_t)ent + 1);
		if (!rc)
			rc = trie_gaps(&c->e->actors, &c->e->actor_gap, &g->tp.v[i]);
		c->e->stats.actor_phrases++;
	}
done:
	g->phr.n = g->codes.n = 0;
	return rc;
}

static int pend_push(__typeof__(((struct agroup *)0)->phr) *v, const char *p,
		     const char *e, long line)
{
	struct pend *s = vec_push(v);
	if (!s)
		return DYAD_ENOMEM;
	s->p = p;
	s->n = (size_t)(e - p);
	s->line = line;
	return 0;
}

/* "PHRASE [codes]" or "+PHRASE [codes]": the phrase and the code text. */
static int actor_phrase_line(struct agroup *g, const struct tline *l, const char *p)
{
	const char *end = l->p + l->n;
	const char *lb = memchr(p, '[', (size_t)(end - p));
	const char *pe = lb ? lb : end;
	const char *ps = p;
	trim(&ps, &pe);
	int rc = pend_push(&g->phr, ps, pe, l->no);
	if (!rc && lb)
		rc = pend_push(&g->codes, lb, end, l->no);
	return rc;
}

int dict_read_tabari_actors(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct tline l;
	long no = 0;
	struct section s = { SEC_NONE, 0, "", 0 };
	struct agroup g;
	int rc = 0;
	memset(&g, 0, sizeof g);
	while (!rc && next_tline(c, &cur, end, &l, &no)) {
		if (!l.n || l.p[0] == '#' || l.p[0] == '/')
			continue;
		if (l.p[0] == '~')
			break;
		if (l.p[0] == '<') {
			rc = actor_flush(c, &g);
			section_tag(c, &l, &s, false);
			continue;
		}
		if (s.sec == SEC_NOUN || s.sec == SEC_ADJ) {
			rc = noun_line(c, &l, s.sec == SEC_ADJ);
			continue;
		}
		if (s.sec != SEC_NONE)
			continue;
		if (l.p[0] == '[') {
			if (!g.phr.n)
				dict_problem(c, l.no, "code line without an actor: '%.*s'",
					     clip(l.n), l.p);
			else
				rc = pend_push(&g.codes, l.p, l.p + l.n, l.no);
			continue;
		}
		if (l.p[0] == '+') {
			if (!g.phr.n)
				dict_problem(c, l.no, "synonym without an actor: '%.*s'",
					     clip(l.n), l.p);
			else
				rc = actor_phrase_line(&g, &l, l.p + 1);
			continue;
		}
		if (!(rc = actor_flush(c, &g)))
			rc = actor_phrase_line(&g, &l, l.p);
	}
	if (!rc)
		rc = actor_flush(c, &g);
	if (!rc)
		section_close(c, &s, true);
	free(g.phr.v);
	free(g.codes.v);
	free(g.tp.v);
	free(g.gen.v.v);
	return rc;
}

/* ---- agents ------------------------------------------------------------------- */

static int agent_line(struct dict_ctx *c, struct genmark *gen, const struct tline *l)
{
	struct dyad_engine *e = c->e;
	const char *p = l->p, *end = l->p + l->n;
	const char *pe = p;
	while (pe < end && *pe != '[' && *pe != '{')
		pe++;
	const char *q = pe, *pls = NULL, *ple = NULL;
	if (q < end && *q == '{') {
		pls = q + 1;
		ple = memchr(q, '}', (size_t)(end - q));
		if (!ple) {
			dict_problem(c, l->no, "missing '}': '%.*s'", clip(l->n), l->p);
			return 0;
		}
		q = ple + 1;
		while (q < end && isspace((unsigned char)*q))
			q++;
	}
	trim(&p, &pe);
	if (q >= end || *q != '[') {
		dict_problem(c, l->no, "agent has no [code]: '%.*s'", clip(l->n), l->p);
		return 0;
	}
	const char *rb = memchr(q, ']', (size_t)(end - q));
	if (!rb) {
		dict_problem(c, l->no, "missing ']': '%.*s'", clip(l->n), l->p);
		return 0;
	}
	char code[MAX_CODE + 3];
	int cl = squeeze(q + 1, (size_t)(rb - q - 1), code, sizeof code);
	bool prefix = cl > 1 && code[cl - 1] == '~';
	const char *cs = code;
	if (cl > 1 && code[0] == '~')
		cs++;
	else if (prefix)
		code[--cl] = 0;
	if (cl <= 0 || (cs == code && !prefix)) {
		dict_problem(c, l->no, "agent code needs a '~' before or after it: '%.*s'",
			     clip(l->n), l->p);
		return 0;
	}
	if (!actor_code_chars(cs, strlen(cs)) || strchr(cs, '/') || strchr(cs, '~')) {
		dict_problem(c, l->no, "malformed agent code '%.*s'",
			     clip((size_t)(rb - q + 1)), q);
		return 0;
	}
	if (pe - p < 3) {
		dict_problem(c, l->no, "phrase shorter than 3 characters: '%.*s'",
			     (int)(pe - p), p);
		return 0;
	}
	struct tphrase tp;
	int rc = phrase_parse(c, p, (size_t)(pe - p), ENDS_NOUN, &tp, l->no, "agent phrase");
	if (rc)
		return rc > 0 ? 0 : rc;
	uint32_t old = trie_entry(&e->agents, gen, tp.id, tp.k);
	if (old) {
		const struct agent *a = &e->agent.v[old - 1];
		dict_problem(c, l->no, "duplicate agent '%.*s' (first at %s:%u): skipped",
			     clip((size_t)(pe - p)), p, src_file(e, a->src), a->src.line);
		return 0;
	}
	struct agent *ag = vec_push(&e->agent);
	if (!ag)
		return DYAD_ENOMEM;
	ag->code = estr_add(e, cs, strlen(cs));
	ag->prefix = prefix;
	ag->person = agent_is_person(p, (size_t)(pe - p));
	ag->src.file = c->file;
	ag->src.line = (uint32_t)l->no;
	if (ag->code == UINT32_MAX)
		return DYAD_ENOMEM;
	uint32_t val = e->agent.n;
	e->stats.agents++;
	if (pls) {     /* explicit plurals replace the +S ending */
		tp.nvar = 0;
		const char *w = pls;
		while (w < ple) {
			while (w < ple && isspace((unsigned char)*w))
				w++;
			const char *ws = w;
			while (w < ple && !isspace((unsigned char)*w))
				w++;
			if (w == ws)
				continue;
			struct tphrase pp;
			rc = phrase_parse(c, ws, (size_t)(w - ws), ENDS_NONE, &pp, l->no,
					  "agent plural");
			if (rc < 0)
				return rc;
			if (!rc && !trie_entry(&e->agents, gen, pp.id, pp.k) &&
			    (rc = phrase_set(&e->agents, gen, &pp, val)))
				return rc;
		}
	}
	return phrase_set(&e->agents, gen, &tp, val);
}

int dict_read_tabari_agents(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct tline l;
	long no = 0;
	struct section s = { SEC_NONE, 0, "", 0 };
	struct genmark gen;
	int rc = 0;
	memset(&gen, 0, sizeof gen);
	while (!rc && next_tline(c, &cur, end, &l, &no)) {
		if (!l.n || l.p[0] == '#' || l.p[0] == '/')
			continue;
		if (l.p[0] == '~')
			break;
		if (l.p[0] == '<')
			section_tag(c, &l, &s, false);
		else if (s.sec == SEC_NOUN || s.sec == SEC_ADJ)
			rc = noun_line(c, &l, s.sec == SEC_ADJ);
		else if (s.sec == SEC_NONE)
			rc = agent_line(c, &gen, &l);
	}
	if (!rc)
		section_close(c, &s, true);
	free(gen.v.v);
	return rc;
}

/* ---- verbs ---------------------------------------------------------------------- */

struct vstate {
	struct dict_ctx *c;
	struct section s;
	int32_t block;          /* the current entry's block, -1 none */
	bool time;              /* the current entry is a <TIME> phrase */
	bool bad_entry;         /* the current entry was skipped, and with it
				 * its forms and patterns */
	bool dup_entry;         /* the current entry repeats an earlier verb */
	uint32_t lemma;         /* string pool: the current entry's words */
	int32_t synset;         /* the current synset, -1 none */
	uint32_t first_form;    /* the first verb_form of this file */
	VEC(uint8_t) gen;       /* by form - first_form: 1 = an ending variant */
	VEC(uint32_t) seq, seq2;/* synset member sequences, 0-terminated */
	long star_line;         /* last line with a '*' problem */
};

/* Add the paths of tp as forms of the current entry to t: the path as
 * written is a primary form, its ending variants are generated forms. A
 * generated form never replaces another entry's form; a primary form
 * replaces another entry's generated form and is linked (prev) to
 * another entry's primary form, which is a duplicate: TABARI keeps the
 * first entry's code, its patterns are all tried. */
static int entry_forms(struct vstate *vs, struct trie *t, const struct tphrase *tp,
		       bool root, long line, const char *text, size_t tn)
{
	struct dyad_engine *e = vs->c->e;
	for (int i = 0; i <= tp->nvar; i++) {
		uint32_t w[MAXW];
		phrase_path(tp, i, w);
		uint32_t node = trie_add(t, w, (size_t)tp->k);
		if (!node)
			return DYAD_ENOMEM;
		uint32_t old = t->value.v[node], prev = 0;
		if (old) {
			const struct verb_form *of = &e->vform.v[old - 1];
			if (of->block == (uint32_t)vs->block || i > 0)
				continue;
			bool ogen = old - 1 >= vs->first_form &&
				    vs->gen.v[old - 1 - vs->first_form];
			if (!ogen) {
				dict_problem(vs->c, line, "duplicate verb%s '%.*s' (first at %s:%u): %s",
					     root ? "" : " form", clip(tn), text,
					     src_file(e, of->src), of->src.line,
					     root ? "the first code is kept, the patterns of both are used" :
					     "the patterns of both are used");
				prev = old;
				if (root)
					vs->dup_entry = true;
			}
		}
		struct verb_form *f = vec_push(&e->vform);
		uint8_t *g = vec_push(&vs->gen);
		if (!f || !g)
			return DYAD_ENOMEM;
		*g = i > 0;
		f->block = (uint32_t)vs->block;
		f->lemma = vs->lemma;
		f->prev = prev;
		f->head = 0;
		f->nwords = (uint8_t)tp->k;
		f->src.file = vs->c->file;
		f->src.line = (uint32_t)line;
		t->value.v[node] = e->vform.n;
		if (!vs->time)
			e->stats.verb_forms++;
	}
	return 0;
}

/* The lemma of a phrase: its words joined by blanks, markers dropped. */
static uint32_t lemma_of(struct dyad_engine *e, const char *s, size_t n)
{
	char out[MAXKEY];
	size_t k = 0;
	struct titem it[MAXW];
	int ni = scan_items(s, n, it, MAXW);
	for (int i = 0; i < ni; i++) {
		if (k + it[i].n + 2 >= sizeof out)
			break;
		if (k)
			out[k++] = ' ';
		memcpy(out + k, it[i].p, it[i].n);
		k += it[i].n;
	}
	return estr_add(e, out, k);
}

/* "VERB [code]" (or a <TIME> phrase "PHRASE [days]"). */
static int verb_entry(struct vstate *vs, const struct tline *l)
{
	struct dict_ctx *c = vs->c;
	struct dyad_engine *e = c->e;
	const char *p = l->p, *end = l->p + l->n;
	const char *what = vs->time ? "time phrase" : "verb";
	vs->block = -1;
	vs->bad_entry = true;
	vs->dup_entry = false;
	vs->synset = -1;
	const char *lb = memchr(p, '[', l->n);
	const char *rb = lb ? memchr(lb, ']', (size_t)(end - lb)) : NULL;
	if (!lb || !rb || rb + 1 != end) {
		dict_problem(c, l->no, "%s: %s (its patterns are skipped): '%.*s'", what,
			     !lb ? "missing '['" : !rb ? "missing ']'" : "text after the code",
			     clip(l->n), l->p);
		return 0;
	}
	const char *pe = lb;
	trim(&p, &pe);
	if (pe - p < 3) {
		dict_problem(c, l->no, "%s shorter than 3 characters (its patterns are skipped): '%.*s'",
			     what, clip(l->n), l->p);
		return 0;
	}
	char code[6], code2[6] = "";
	struct tcode tc = { 0, 0, TCF_TABARI, 0 };
	const char *why;
	bool capped = false;
	if (vs->time) {
		why = time_code(lb + 1, (size_t)(rb - lb - 1), code, &tc, &capped);
		tc.flags |= TCF_TIME;
	} else {
		uint8_t fl;
		why = event_code(lb + 1, (size_t)(rb - lb - 1), code, code2, &fl);
		tc.flags |= fl;
	}
	if (why) {
		dict_problem(c, l->no, "malformed code '%.*s': %s (the %s and its patterns are skipped)",
			     clip((size_t)(rb - lb + 1)), lb, why, what);
		return 0;
	}
	if (capped)
		dict_problem(c, l->no, "time shift larger than %d days: 0 used", MAX_DAYS);
	struct tphrase tp;
	int rc = phrase_parse(c, p, (size_t)(pe - p), vs->time ? ENDS_NONE : ENDS_VERB,
			      &tp, l->no, what);
	if (rc)
		return rc > 0 ? 0 : rc;
	struct verb_block *b = vec_push(&e->block);
	if (!b)
		return DYAD_ENOMEM;
	vs->lemma = lemma_of(e, p, (size_t)(pe - p));
	if (vs->lemma == UINT32_MAX)
		return DYAD_ENOMEM;
	b->name = vs->lemma;
	snprintf(b->code, sizeof b->code, "%s", !vs->time && !strcmp(code, "---") ? "" : code);
	snprintf(b->code2, sizeof b->code2, "%s", code2);
	b->src.file = c->file;
	b->src.line = (uint32_t)l->no;
	vs->block = (int32_t)e->block.n - 1;
	struct tcode *slot = tc_at(&e->block_tc, (uint32_t)vs->block);
	if (!slot)
		return DYAD_ENOMEM;
	*slot = tc;
	vs->bad_entry = false;
	struct trie *t = vs->time ? &e->times : &e->verbs;
	if ((rc = trie_ready(t)))
		return rc;
	if ((rc = entry_forms(vs, t, &tp, true, l->no, p, (size_t)(pe - p))) ||
	    (t == &c->e->verbs && (rc = trie_gaps(t, &c->e->verb_gap, &tp))))
		return rc;
	if (vs->dup_entry) {
		b = &e->block.v[vs->block];
		b->code[0] = b->code2[0] = 0;
		e->block_tc.v[vs->block].flags = TCF_TABARI;
	}
	if (!vs->time)
		e->stats.verbs++;
	return 0;
}

/* "{ FORM FORM ... }": irregular forms of the current verb. */
static int forms_line(struct vstate *vs, const struct tline *l)
{
	struct dict_ctx *c = vs->c;
	if (vs->bad_entry)
		return 0;
	if (vs->block < 0 || vs->time) {
		dict_problem(c, l->no, "verb forms without a verb: '%.*s'", clip(l->n), l->p);
		return 0;
	}
	const char *end = l->p + l->n;
	const char *rb = memchr(l->p, '}', l->n);
	if (!rb || rb + 1 != end) {
		dict_problem(c, l->no, "%s: '%.*s'", rb ? "text after '}'" : "missing '}'",
			     clip(l->n), l->p);
		return 0;
	}
	int nf = 0, rc = 0;
	for (const char *w = l->p + 1; w < rb && !rc;) {
		while (w < rb && isspace((unsigned char)*w))
			w++;
		const char *ws = w;
		while (w < rb && !isspace((unsigned char)*w))
			w++;
		if (w == ws)
			continue;
		struct tphrase tp;
		rc = phrase_parse(c, ws, (size_t)(w - ws), ENDS_VERB, &tp, l->no, "verb form");
		if (rc > 0) {
			rc = 0;
			continue;
		}
		if (!rc)
			rc = entry_forms(vs, &c->e->verbs, &tp, false, l->no, ws, (size_t)(w - ws));
		nf++;
	}
	if (!nf && !rc)
		dict_problem(c, l->no, "no verb forms inside {...}");
	return rc;
}

/* Look a synset up by name ("&NAME", upper case); the latest wins. */
static int32_t synset_find(const struct dyad_engine *e, const char *p, size_t n)
{
	char key[MAXKEY];
	int k = text_key(p, n, key, sizeof key);
	for (uint32_t s = e->syn.n; k > 0 && s-- > 0;) {
		const char *nm = estr(e, e->syn.v[s].name);
		if (strlen(nm) == (size_t)k && !memcmp(nm, key, (size_t)k))
			return (int32_t)s;
	}
	return -1;
}

struct pat_info {
	char code[6], code2[6];
	struct tcode tc;
};

/* One pattern after alternatives are expanded. Returns 0, DYAD_ENOMEM. */
static int pattern_add(struct vstate *vs, const char *s, size_t n,
		       const struct pat_info *pi, long line)
{
	struct dict_ctx *c = vs->c;
	struct dyad_engine *e = c->e;
	struct titem it[MAXEL];
	int k = scan_items(s, n, it, MAXEL);
	if (k < 0) {
		dict_problem(c, line, "pattern has more than %d elements: '%.*s'", MAXEL,
			     clip(n), s);
		return 0;
	}
	int stars = 0;
	size_t tlen = 0;
	for (size_t i = 0; i < n; i++)
		tlen += !isspace((unsigned char)s[i]);
	for (int i = 0; i < k; i++) {
		stars += it[i].mark == '*';
		if (it[i].mark)     /* a synset's name adds nothing either */
			tlen -= it[i].n;
	}
	if (stars != 1) {
		if (vs->star_line != line)     /* once for all alternatives */
			dict_problem(c, line, "pattern has %s '*' verb marker: '%.*s'",
				     stars ? "more than one" : "no", clip(n), s);
		vs->star_line = line;
		return 0;
	}
	uint32_t pidx = e->pat.n, el0 = e->pel.n;
	struct pattern *pt = vec_push(&e->pat);
	if (!pt)
		return DYAD_ENOMEM;
	pt->block = (uint32_t)vs->block;
	pt->first_el = el0;
	memcpy(pt->code, pi->code, sizeof pt->code);
	memcpy(pt->code2, pi->code2, sizeof pt->code2);
	pt->src.file = c->file;
	pt->src.line = (uint32_t)line;
	pt->text = estr_add(e, s, n);
	if (pt->text == UINT32_MAX)
		return DYAD_ENOMEM;
	int npre = 0, npost = 0, nwords = 0;
	bool star = false;
	const char *why = NULL;
	const struct titem *bad = NULL;
	for (int i = 0; i < k && !why; i++) {
		const struct titem *t = &it[i];
		if (t->mark == '*') {
			star = true;
			if (t->consec && npre)
				e->pel.v[e->pel.n - 1].flags |= PELF_VERBNEXT;
			continue;
		}
		struct pel *el = vec_push(&e->pel);
		if (!el)
			return DYAD_ENOMEM;
		if (t->consec)
			el->flags |= PELF_CONSEC;
		switch (t->mark) {
		case '$': el->kind = PEL_SOURCE; break;
		case '+': el->kind = PEL_TARGET; break;
		case '%': el->kind = PEL_COMPOUND; break;
		case '^':
		case '@': el->kind = PEL_SKIP; break;
		case '&': {
			int32_t sy = synset_find(e, t->p, t->n);
			if (sy < 0) {
				why = "undefined synset";
				bad = t;
				break;
			}
			el->kind = PEL_SYN;
			el->v = (uint32_t)sy;
			nwords++;
			break;
		}
		default: {
			uint32_t id;
			int rc = word_id(e, t->p, t->n, t->kind == TW_STEM, &id);
			if (rc < 0)
				return rc;
			if (rc) {
				why = "unusable word";
				bad = t;
				break;
			}
			el = &e->pel.v[e->pel.n - 1];
			el->kind = PEL_WORD;
			el->v = id;
			el->flags |= t->kind == TW_STEM ? PELF_STEM :
				     t->kind == TW_EXACT ? PELF_EXACT : PELF_EXACT | PELF_NOEND;
			nwords++;
			break;
		}
		}
		if (star)
			npost++;
		else
			npre++;
	}
	if (why) {
		dict_problem(c, line, "%s '%.*s' in pattern: '%.*s'", why, (int)bad->n,
			     bad->p, clip(n), s);
		e->pel.n = el0;
		e->pat.n = pidx;
		return 0;
	}
	pt = &e->pat.v[pidx];
	pt->npre = (uint16_t)npre;
	pt->npost = (uint16_t)npost;
	pt->nwords = (uint16_t)nwords;
	struct tcode *slot = tc_at(&e->pat_tc, pidx);
	if (!slot)
		return DYAD_ENOMEM;
	*slot = pi->tc;
	slot->tlen = (uint16_t)MIN(tlen, UINT16_MAX);
	struct verb_block *b = &e->block.v[vs->block];
	if (!b->npat)
		b->first_pat = pidx;
	b->npat++;
	if (!vs->time)
		e->stats.patterns++;
	return 0;
}

struct alts {
	struct vstate *vs;
	const struct pat_info *pi;
	long line;
	int made, dropped, rc;
};

/* Expand the first "{ A | B }" group of s and recurse on each result. */
static void expand(struct alts *a, const char *s, size_t n)
{
	if (a->rc)
		return;
	const char *ob = memchr(s, '{', n);
	if (!ob) {
		if (a->made == MAX_ALTS) {
			a->dropped++;
			return;
		}
		a->made++;
		a->rc = pattern_add(a->vs, s, n, a->pi, a->line);
		return;
	}
	const char *cb = memchr(ob, '}', (size_t)(s + n - ob));   /* checked */
	const char *after = cb + 1, *end = s + n;
	for (const char *q = ob + 1; q <= cb && !a->rc && a->dropped == 0; q++) {
		const char *as = q;
		while (q < cb && *q != '|')
			q++;
		const char *ae = q;
		trim(&as, &ae);
		char buf[MAXPAT];
		size_t k = (size_t)(ob - s);
		memcpy(buf, s, k);
		if (k && !isspace((unsigned char)buf[k - 1]) && buf[k - 1] != '_')
			buf[k++] = ' ';
		memcpy(buf + k, as, (size_t)(ae - as));
		k += (size_t)(ae - as);
		/* "{ WORD }_NEXT": WORD stays a stem, NEXT follows directly */
		if (ae > as && after < end && *after == '_' && !strchr("_~=", ae[-1]))
			buf[k++] = '~';
		if (after < end && !isspace((unsigned char)*after) && *after != '_')
			buf[k++] = ' ';
		memcpy(buf + k, after, (size_t)(end - after));
		k += (size_t)(end - after);
		expand(a, buf, k);
	}
}

/* "- ... * ... [code]". */
static int pattern_line(struct vstate *vs, const struct tline *l)
{
	struct dict_ctx *c = vs->c;
	if (vs->bad_entry)
		return 0;
	if (vs->block < 0) {
		dict_problem(c, l->no, "pattern before any verb: '%.*s'", clip(l->n), l->p);
		return 0;
	}
	const char *p = l->p + 1, *end = l->p + l->n;
	const char *lb = NULL;
	for (const char *q = end; q > p; q--)
		if (q[-1] == '[') {
			lb = q - 1;
			break;
		}
	const char *rb = lb ? memchr(lb, ']', (size_t)(end - lb)) : NULL;
	if (!lb || !rb || rb + 1 != end) {
		dict_problem(c, l->no, "pattern: %s: '%.*s'",
			     !lb ? "missing '['" : !rb ? "missing ']'" : "text after the code",
			     clip(l->n), l->p);
		return 0;
	}
	struct pat_info pi;
	memset(&pi, 0, sizeof pi);
	pi.tc.flags = TCF_TABARI;
	const char *why;
	bool capped = false;
	if (vs->time) {
		why = time_code(lb + 1, (size_t)(rb - lb - 1), pi.code, &pi.tc, &capped);
		pi.tc.flags |= TCF_TIME;
	} else {
		uint8_t fl;
		why = event_code(lb + 1, (size_t)(rb - lb - 1), pi.code, pi.code2, &fl);
		pi.tc.flags |= fl;
	}
	if (why) {
		dict_problem(c, l->no, "malformed code '%.*s': %s (pattern skipped)",
			     clip((size_t)(rb - lb + 1)), lb, why);
		return 0;
	}
	if (capped)
		dict_problem(c, l->no, "time shift larger than %d days: 0 used", MAX_DAYS);
	const char *te = lb;
	trim(&p, &te);
	size_t n = (size_t)(te - p);
	/* alternatives: balanced, not nested, '|' only inside */
	int groups = 0, depth = 0;
	why = NULL;
	for (size_t i = 0; i < n && !why; i++) {
		if (p[i] == '{') {
			if (depth++)
				why = "nested '{'";
			groups++;
		} else if (p[i] == '}') {
			if (!depth--)
				why = "'}' without '{'";
		} else if (p[i] == '|' && !depth) {
			why = "'|' outside { }";
		}
	}
	if (!why && depth)
		why = "missing '}'";
	if (!why && groups > MAX_GROUPS)
		why = "too many { | } groups";
	if (!why && n >= MAXPAT / 2)
		why = "pattern too long";
	if (why) {
		dict_problem(c, l->no, "%s in pattern (skipped): '%.*s'", why, clip(l->n), l->p);
		return 0;
	}
	struct alts a = { vs, &pi, l->no, 0, 0, 0 };
	expand(&a, p, n);
	if (!a.rc && a.dropped)
		dict_problem(c, l->no, "pattern has more than %d alternatives: the rest are dropped",
			     MAX_ALTS);
	return a.rc;
}

/* "&NAME": a new synset. */
static int synset_new(struct vstate *vs, const struct tline *l)
{
	struct dyad_engine *e = vs->c->e;
	char key[MAXKEY];
	const char *p = l->p, *end = l->p + l->n;
	while (end > p && (end[-1] == '_' || end[-1] == '~'))
		end--;
	int k = text_key(p, (size_t)(end - p), key, sizeof key);
	if (k < 2 || memchr(key, ' ', (size_t)k) || memchr(key, '_', (size_t)k)) {
		dict_problem(vs->c, l->no, "malformed synset name '%.*s'", clip(l->n), l->p);
		vs->synset = -1;
		return 0;
	}
	if (synset_find(e, key, (size_t)k) >= 0)
		dict_problem(vs->c, l->no, "synset '%s' redefined: the new definition is used",
			     key);
	struct synset *s = vec_push(&e->syn);
	if (!s)
		return DYAD_ENOMEM;
	s->name = estr_add(e, key, (size_t)k);
	s->first = e->synword.n;
	if (s->name == UINT32_MAX)
		return DYAD_ENOMEM;
	vs->synset = (int32_t)e->syn.n - 1;
	e->stats.synsets++;
	return 0;
}

/* Append to every sequence of vs->seq (0-terminated) the alternatives
 * alt[0,na) (each a 0-terminated sequence, concatenated). */
static int seq_product(struct vstate *vs, const uint32_t *alt, uint32_t altn, bool *toomany)
{
	vs->seq2.n = 0;
	uint32_t nseq = 0;
	for (uint32_t i = 0; i < vs->seq.n;) {
		uint32_t st = i;
		while (vs->seq.v[i])
			i++;
		uint32_t len = i - st;
		i++;
		for (uint32_t j = 0; j < altn;) {
			uint32_t as = j;
			while (alt[j])
				j++;
			uint32_t alen = j - as;
			j++;
			if (++nseq > MAX_MEMBERS || len + alen > MAXW) {
				*toomany = true;
				return 0;
			}
			for (uint32_t x = 0; x < len + alen + 1; x++) {
				uint32_t *slot = vec_push(&vs->seq2);
				if (!slot)
					return DYAD_ENOMEM;
				*slot = x < len ? vs->seq.v[st + x] :
					x < len + alen ? alt[as + x - len] : 0;
			}
		}
	}
	__typeof__(vs->seq) tmp = vs->seq;
	vs->seq = vs->seq2;
	vs->seq2 = tmp;
	return 0;
}

/* "+MEMBER" of the current synset; "&OTHER" inside is expanded. */
static int synset_member(struct vstate *vs, const struct tline *l)
{
	struct dict_ctx *c = vs->c;
	struct dyad_engine *e = c->e;
	const char *p = l->p + 1;
	size_t n = l->n - 1;
	struct titem it[MAXW];
	int k = scan_items(p, n, it, MAXW);
	if (k <= 0) {
		dict_problem(c, l->no, "%s synset member: '%.*s'", k ? "too long a" : "empty",
			     clip(l->n), l->p);
		return 0;
	}
	vs->seq.n = 0;
	uint32_t *z = vec_push(&vs->seq);   /* one empty sequence */
	if (!z)
		return DYAD_ENOMEM;
	bool toomany = false;
	int rc = 0;
	for (int i = 0; i < k && !rc && !toomany; i++) {
		const struct titem *t = &it[i];
		uint32_t alt[2 * MAX_ENDINGS + 2], na = 0;
		if (t->mark == '&') {
			int32_t sy = synset_find(e, t->p, t->n);
			if (sy < 0 || sy == vs->synset) {
				dict_problem(c, l->no, "%s '%.*s' in synset member",
					     sy < 0 ? "undefined synset" : "synset refers to itself",
					     (int)t->n, t->p);
				return 0;
			}
			const struct synset *o = &e->syn.v[sy];
			/* copy: synword grows while this synset is built */
			uint32_t *copy = malloc(sizeof *copy * (o->len + 1));
			if (!copy)
				return DYAD_ENOMEM;
			if (o->len)
				memcpy(copy, e->synword.v + o->first, sizeof *copy * o->len);
			for (uint32_t j = 0; i > 0 && !t->consec && j < o->len; j++)
				if (copy[j] && (j == 0 || !copy[j - 1]))
					copy[j] |= SYNW_GAP;    /* after a blank */
			rc = seq_product(vs, copy, o->len, &toomany);
			free(copy);
			continue;
		}
		if (t->mark && t->mark != '$' && t->mark != '+') {
			dict_problem(c, l->no, "marker '%c' in a synset member is not supported: '%.*s'",
				     t->mark, clip(l->n), l->p);
			return 0;
		}
		uint32_t id;
		if (t->mark) {   /* "$" / "+": an actor (manual 5.6); the coder
				  * knows the words "$" and "+" */
			uint32_t gap = i > 0 && !t->consec ? SYNW_GAP : 0;
			if (!(id = vocab_intern(&e->vocab, t->p, 1)))
				return DYAD_ENOMEM;
			alt[na++] = id | gap;
			alt[na++] = 0;
			rc = seq_product(vs, alt, na, &toomany);
			continue;
		}
		rc = word_id(e, t->p, t->n, t->kind == TW_STEM, &id);
		if (rc == 1) {
			dict_problem(c, l->no, "unusable word '%.*s' in synset member",
				     (int)t->n, t->p);
			return 0;
		}
		if (rc)
			return rc;
		uint32_t gap = i > 0 && !t->consec ? SYNW_GAP : 0;
		alt[na++] = id | gap;
		alt[na++] = 0;
		if (i == k - 1 && t->kind == TW_EXACT) {   /* a regular plural */
			char key[MAXKEY], out[MAX_ENDINGS][MAXKEY];
			int kl = text_key(t->p, t->n, key, sizeof key);
			int ne = kl > 0 ? endings(key, (size_t)kl, false, out, MAX_ENDINGS) : 0;
			for (int j = 0; j < ne; j++) {
				uint32_t v = vocab_intern(&e->vocab, out[j], strlen(out[j]));
				if (!v)
					return DYAD_ENOMEM;
				alt[na++] = v | gap;
				alt[na++] = 0;
			}
		}
		rc = seq_product(vs, alt, na, &toomany);
	}
	if (rc)
		return rc;
	if (toomany) {
		dict_problem(c, l->no, "synset member expands to more than %d sequences "
			     "(or %d words): skipped", MAX_MEMBERS, MAXW);
		return 0;
	}
	struct synset *s = &e->syn.v[vs->synset];
	for (uint32_t i = 0; i < vs->seq.n; i++) {
		uint32_t *slot = vec_push(&e->synword);
		if (!slot)
			return DYAD_ENOMEM;
		*slot = vs->seq.v[i];
	}
	s = &e->syn.v[vs->synset];
	s->len += vs->seq.n;
	return 0;
}

int dict_read_tabari_verbs(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct tline l;
	long no = 0;
	int rc = 0;
	struct vstate vs;
	memset(&vs, 0, sizeof vs);
	vs.c = c;
	vs.block = vs.synset = -1;
	vs.first_form = c->e->vform.n;
	while (!rc && next_tline(c, &cur, end, &l, &no)) {
		if (!l.n || l.p[0] == '#' || l.p[0] == '/')
			continue;
		if (l.p[0] == '~')
			break;
		if (l.p[0] == '<') {
			section_tag(c, &l, &vs.s, true);
			vs.block = vs.synset = -1;
			vs.bad_entry = false;
			vs.time = vs.s.sec == SEC_TIME;
			continue;
		}
		switch (vs.s.sec) {
		case SEC_NOUN:
		case SEC_ADJ:
			rc = noun_line(c, &l, vs.s.sec == SEC_ADJ);
			continue;
		case SEC_ATTRIB:
		case SEC_SKIP:
			vs.s.skipped++;
			continue;
		default:
			break;
		}
		switch (l.p[0]) {
		case '-':
			rc = pattern_line(&vs, &l);
			break;
		case '{':
			rc = forms_line(&vs, &l);
			break;
		case '&':
			vs.block = -1;
			vs.bad_entry = false;
			rc = synset_new(&vs, &l);
			break;
		case '+':
			if (vs.synset >= 0)
				rc = synset_member(&vs, &l);
			else
				dict_problem(c, l.no, "'+' line outside a synset: '%.*s'",
					     clip(l.n), l.p);
			break;
		default:
			if (vs.s.sec == SEC_SYN)
				dict_problem(c, l.no, "unexpected line in <%s>: '%.*s'",
					     vs.s.name, clip(l.n), l.p);
			else
				rc = verb_entry(&vs, &l);
			break;
		}
	}
	if (!rc)
		section_close(c, &vs.s, true);
	free(vs.gen.v);
	free(vs.seq.v);
	free(vs.seq2.v);
	return rc;
}

/* ---- options ------------------------------------------------------------------- */

/* The TABARI settings the coder honours. coder_option() refuses to move
 * any other coding setting away from its default ("option not
 * implemented"): add a setting's bit here when the coder implements it. */
enum {
	OPT_CODE_BY = 1 << 0, OPT_MIN_WORDS = 1 << 1, OPT_CONVERT_AGENTS = 1 << 2,
	OPT_TIME_SHIFT = 1 << 3, OPT_FBIS = 1 << 4, OPT_CHECK_DOMINANT = 1 << 5,
	OPT_NONRESTRICTIVE = 1 << 6, OPT_FORWARD = 1 << 7, OPT_NONEVENTS = 1 << 8,
	OPT_DEFAULT = 1 << 9, OPT_COMMA = 1 << 10, OPT_COMPLEX = 1 << 11,
	OPT_REQUIRE_DYAD = 1 << 12, OPT_NEW_ACTOR = 1 << 13,
};
static const unsigned honoured = OPT_REQUIRE_DYAD | OPT_COMMA | OPT_CODE_BY |
				 OPT_CONVERT_AGENTS | OPT_COMPLEX | OPT_DEFAULT | OPT_MIN_WORDS |
				 OPT_TIME_SHIFT | OPT_FORWARD;

void coder_opts_init(struct coder_opts *o)
{
	memset(o, 0, sizeof *o);
	/* dyad does not apply <TIME> shifts yet: its honest default is off,
	 * and "SET: TIME SHIFT = TRUE" is refused as not implemented */
	o->time_shift = false;
	o->require_dyad = o->dedup_document = true;
	o->code_by = CODE_BY_CLAUSE;
	o->min_words = 0;   /* dyad codes short sentences; TABARI's 8 comes with
			     * a TABARI .options file */
	o->check_dominant = true;
	/* dyad keeps comma clauses (appositions name actors) unless told;
	 * a TABARI .options file switches TABARI's default (on) back */
	o->comma.off = true;
	o->comma.min = 2;
	o->comma.max = 10;
	o->comma.emin = 2;
	o->comma.emax = 10;
	o->comma.bmin = 128;
	o->comma.bmax = 0;
}

/* The settings of a that differ from TABARI's defaults (OPT_* bits). */
static unsigned changed(const struct coder_opts *a)
{
	struct coder_opts d;
	coder_opts_init(&d);
	unsigned m = 0;
	if (a->code_by != d.code_by) m |= OPT_CODE_BY;
	if (a->min_words != d.min_words) m |= OPT_MIN_WORDS;
	if (a->convert_agents != d.convert_agents) m |= OPT_CONVERT_AGENTS;
	if (a->time_shift != d.time_shift) m |= OPT_TIME_SHIFT;
	if (a->require_dyad != d.require_dyad) m |= OPT_REQUIRE_DYAD;
	if (a->new_actor_length != d.new_actor_length) m |= OPT_NEW_ACTOR;
	if (a->fbis != d.fbis) m |= OPT_FBIS;
	if (a->check_dominant != d.check_dominant) m |= OPT_CHECK_DOMINANT;
	if (a->code_nonrestrictive != d.code_nonrestrictive) m |= OPT_NONRESTRICTIVE;
	if (a->forward != d.forward) m |= OPT_FORWARD;
	if (a->nonevents != d.nonevents) m |= OPT_NONEVENTS;
	if (strcmp(a->dflt.source, d.dflt.source) || strcmp(a->dflt.target, d.dflt.target) ||
	    a->dflt.source_prior != d.dflt.source_prior ||
	    a->dflt.target_after != d.dflt.target_after)
		m |= OPT_DEFAULT;
	if (a->comma.off != d.comma.off || a->comma.min != d.comma.min ||
	    a->comma.max != d.comma.max || a->comma.emin != d.comma.emin ||
	    a->comma.emax != d.comma.emax || a->comma.bmin != d.comma.bmin ||
	    a->comma.bmax != d.comma.bmax)
		m |= OPT_COMMA;
	if (a->cplx.verbs || a->cplx.actors || a->cplx.pronouns || a->cplx.conj ||
	    a->cplx.comma || a->cplx.lateverb || a->cplx.flags)
		m |= OPT_COMPLEX;
	return m;
}

/* Words of an option argument: blank-separated, in place. */
static int split_words(char *s, char **w, int max)
{
	int k = 0;
	while (*s) {
		while (*s == ' ')
			*s++ = 0;
		if (!*s)
			break;
		if (k == max)
			return -1;
		w[k++] = s;
		while (*s && *s != ' ')
			s++;
	}
	return k;
}

static int parse_bool(const char *v, bool *b)
{
	if (!strcmp(v, "TRUE") || !strcmp(v, "T"))
		*b = true;
	else if (!strcmp(v, "FALSE") || !strcmp(v, "F"))
		*b = false;
	else
		return -1;
	return 0;
}

static int parse_int(const char *v, int *out)
{
	long x = 0;
	if (!*v)
		return -1;
	for (; *v; v++) {
		if (!isdigit((unsigned char)*v) || x > 100000)
			return -1;
		x = x * 10 + (*v - '0');
	}
	*out = (int)x;
	return 0;
}

/* SET: NAME = VALUE, SET: CODE BY CLAUSE|SENTENCE, SET: CODE ALL.
 * Settings with no effect on coding: LABEL, DUP WARNING, HAIKU, SKIP
 * RECORDS, ACTOR/AGENT/VERB USAGE (TABARI's output files and prompts),
 * MATCH (obsolete), ALLCAPS (all-capital text is detected, as in TABARI
 * 0.8), YYYY (dyad's input dates have four-digit years; a six-digit
 * dictionary date always pivots at 30). */
static const char *opt_set(struct coder_opts *t, char *arg, unsigned *touched)
{
	char *eq = strchr(arg, '=');
	char *val = NULL;
	if (eq) {
		*eq = 0;
		val = eq + 1;
		while (*val == ' ')
			val++;
	}
	char name[64];
	size_t k = 0;
	for (char *p = arg; *p && k + 1 < sizeof name; p++)   /* one blank between words */
		if (*p != ' ' || (k && name[k - 1] != ' '))
			name[k++] = *p;
	while (k && name[k - 1] == ' ')
		k--;
	name[k] = 0;
	if (!val) {
		if (!strcmp(name, "CODE BY CLAUSE"))
			t->code_by = CODE_BY_CLAUSE;
		else if (!strcmp(name, "CODE BY SENTENCE"))
			t->code_by = CODE_BY_SENTENCE;
		else if (!strcmp(name, "CODE ALL") || !strcmp(name, "CODE BY ALL"))
			t->code_by = CODE_ALL;
		else
			return "malformed option (expected NAME = VALUE)";
		*touched |= OPT_CODE_BY;
		return NULL;
	}
	size_t vl = strlen(val);
	while (vl && val[vl - 1] == ' ')
		val[--vl] = 0;
	bool b;
	static const char *const no_effect_bool[] = { "LABEL", "DUP WARNING", "HAIKU",
		"SKIP RECORDS", "MATCH", "ALLCAPS", "YYYY" };
	for (size_t i = 0; i < ARRAY_SIZE(no_effect_bool); i++)
		if (!strcmp(name, no_effect_bool[i]))
			return parse_bool(val, &b) ? "malformed option (expected TRUE or FALSE)" : NULL;
	if (!strcmp(name, "ACTOR USAGE") || !strcmp(name, "AGENT USAGE") ||
	    !strcmp(name, "VERB USAGE"))
		return parse_bool(val, &b) && strcmp(val, "OFF") ?
		       "malformed option (expected OFF, TRUE or FALSE)" : NULL;
	if (!strcmp(name, "CODE BY") || !strcmp(name, "CODE")) {
		if (!strcmp(val, "CLAUSE") || !strcmp(val, "BY CLAUSE"))
			t->code_by = CODE_BY_CLAUSE;
		else if (!strcmp(val, "SENTENCE") || !strcmp(val, "BY SENTENCE"))
			t->code_by = CODE_BY_SENTENCE;
		else if (!strcmp(val, "ALL"))
			t->code_by = CODE_ALL;
		else
			return "malformed option (expected CLAUSE, SENTENCE or ALL)";
		*touched |= OPT_CODE_BY;
		return NULL;
	}
	if (!strcmp(name, "NEW ACTOR LENGTH")) {
		/* PETRARCH: noun phrases of up to n words become new actors;
		 * 0 (dyad's behaviour) turns that off */
		*touched |= OPT_NEW_ACTOR;
		return parse_int(val, &t->new_actor_length) ? "malformed option (expected a number)" : NULL;
	}
	if (!strcmp(name, "MINIMUM WORDS")) {
		*touched |= OPT_MIN_WORDS;
		return parse_int(val, &t->min_words) ? "malformed option (expected a number)" : NULL;
	}
	static const struct { const char *name; unsigned bit; size_t off; } bools[] = {
		{ "TIME SHIFT", OPT_TIME_SHIFT, offsetof(struct coder_opts, time_shift) },
		{ "TIME SHIFTING", OPT_TIME_SHIFT, offsetof(struct coder_opts, time_shift) },
		{ "CONVERT AGENT", OPT_CONVERT_AGENTS, offsetof(struct coder_opts, convert_agents) },
		{ "CONVERT AGENTS", OPT_CONVERT_AGENTS, offsetof(struct coder_opts, convert_agents) },
		{ "FBIS", OPT_FBIS, offsetof(struct coder_opts, fbis) },
		{ "CHECK DOMINANT", OPT_CHECK_DOMINANT, offsetof(struct coder_opts, check_dominant) },
		{ "CODE NONRESTRICTIVE", OPT_NONRESTRICTIVE,
		  offsetof(struct coder_opts, code_nonrestrictive) },
		{ "REQUIRE DYAD", OPT_REQUIRE_DYAD, offsetof(struct coder_opts, require_dyad) },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bools); i++) {
		if (strcmp(name, bools[i].name))
			continue;
		if (parse_bool(val, &b))
			return "malformed option (expected TRUE or FALSE)";
		*(bool *)((char *)t + bools[i].off) = b;
		*touched |= bools[i].bit;
		return NULL;
	}
	return "unknown option";
}

/* DEFAULT: SOURCE[:] [code] [PRIOR] TARGET[:] [code] [AFTER] | OFF. A clause
 * replaces what an earlier DEFAULT: set for the same side. */
static const char *opt_default(struct coder_opts *t, char *arg)
{
	char *w[16];
	int k = split_words(arg, w, 16);
	if (k == 1 && !strcmp(w[0], "OFF")) {
		memset(&t->dflt, 0, sizeof t->dflt);
		return NULL;
	}
	if (k <= 0)
		return "malformed option";
	for (int i = 0; i < k;) {
		size_t l = strlen(w[i]);
		if (l && w[i][l - 1] == ':')
			w[i][--l] = 0;
		bool src = !strcmp(w[i], "SOURCE");
		if (!src && strcmp(w[i], "TARGET"))
			return "malformed option (expected SOURCE or TARGET)";
		if (++i == k)
			return "malformed option (expected [code])";
		/* the code: "[X]", possibly split as "[ X ]" */
		char code[64] = "";
		size_t cl = 0;
		if (w[i][0] != '[')
			return "malformed option (expected [code])";
		for (;;) {
			size_t wl = strlen(w[i]);
			if (cl + wl + 1 >= sizeof code)
				return "malformed option (code too long)";
			memcpy(code + cl, w[i], wl + 1);
			cl += wl;
			if (code[cl - 1] == ']')
				break;
			if (++i == k)
				return "malformed option (missing ']')";
		}
		i++;
		code[cl - 1] = 0;
		char *cs = code + 1;
		if (!*cs || strlen(cs) >= sizeof t->dflt.source)
			return "malformed option (a default code has 1 to 15 characters)";
		bool flag = false;
		if (i < k && !strcmp(w[i], src ? "PRIOR" : "AFTER")) {
			flag = true;
			i++;
		}
		size_t csl = strlen(cs) + 1;   /* checked above: fits */
		if (src) {
			memcpy(t->dflt.source, cs, csl);
			t->dflt.source_prior = flag;
		} else {
			memcpy(t->dflt.target, cs, csl);
			t->dflt.target_after = flag;
		}
	}
	return NULL;
}

/* COMMA: MIN = n MAX = n EMIN = n EMAX = n BMIN = n BMAX = n | OFF. */
static const char *opt_comma(struct coder_opts *t, char *arg)
{
	char b[256];
	int k = squeeze(arg, strlen(arg), b, sizeof b);
	if (k <= 0)
		return "malformed option";
	if (!strcmp(b, "OFF")) {
		t->comma.off = true;
		return NULL;
	}
	t->comma.off = false;
	for (char *p = b; *p;) {
		char *ks = p;
		while (isalpha((unsigned char)*p))
			p++;
		size_t kl = (size_t)(p - ks);
		if (*p != '=')
			return "malformed option (expected KEY = n)";
		p++;
		long v = 0;
		if (!isdigit((unsigned char)*p))
			return "malformed option (expected a number)";
		for (; isdigit((unsigned char)*p); p++)
			if (v < 100000)
				v = v * 10 + (*p - '0');
		int *dst = kl == 3 && !memcmp(ks, "MIN", 3) ? &t->comma.min :
			   kl == 3 && !memcmp(ks, "MAX", 3) ? &t->comma.max :
			   kl == 4 && !memcmp(ks, "EMIN", 4) ? &t->comma.emin :
			   kl == 4 && !memcmp(ks, "EMAX", 4) ? &t->comma.emax :
			   kl == 4 && !memcmp(ks, "BMIN", 4) ? &t->comma.bmin :
			   kl == 4 && !memcmp(ks, "BMAX", 4) ? &t->comma.bmax : NULL;
		if (!dst)
			return "malformed option (keys: MIN MAX EMIN EMAX BMIN BMAX)";
		*dst = (int)v;
	}
	return NULL;
}

/* COMPLEX: VERBS[n] ACTORS[n] ... NOACTPRIOR ... | OFF. A COMPLEX: line
 * replaces every earlier condition. */
static const char *opt_complex(struct coder_opts *t, char *arg)
{
	char b[256];
	int k = squeeze(arg, strlen(arg), b, sizeof b);
	memset(&t->cplx, 0, sizeof t->cplx);
	if (k < 0)
		return "malformed option";
	if (!strcmp(b, "OFF") || !k)
		return NULL;
	static const struct { const char *name; uint8_t flag; size_t off; } kw[] = {
		{ "VERBS", 0, offsetof(struct coder_opts, cplx.verbs) },
		{ "ACTORS", 0, offsetof(struct coder_opts, cplx.actors) },
		{ "PRONOUNS", 0, offsetof(struct coder_opts, cplx.pronouns) },
		{ "CONJ", 0, offsetof(struct coder_opts, cplx.conj) },
		{ "COMMA", 0, offsetof(struct coder_opts, cplx.comma) },
		{ "LATEVERB", 0, offsetof(struct coder_opts, cplx.lateverb) },
		{ "NOACTPRIOR", CPLX_NOACTPRIOR, 0 }, { "NOACTAFTER", CPLX_NOACTAFTER, 0 },
		{ "NOVERB", CPLX_NOVERB, 0 }, { "NOSOURCE", CPLX_NOSOURCE, 0 },
		{ "NOTARGET", CPLX_NOTARGET, 0 }, { "NOEVENT", CPLX_NOEVENT, 0 },
		{ "EXPLAIN", 0, 0 }, { "NOSAVE", 0, 0 },
	};
	/* the conditions were blank-separated; squeezing joined them: match
	 * keywords greedily, longest first */
	for (char *p = b; *p;) {
		size_t best = 0, bl = 0;
		for (size_t i = 0; i < ARRAY_SIZE(kw); i++) {
			size_t l = strlen(kw[i].name);
			if (l > bl && !strncmp(p, kw[i].name, l)) {
				best = i;
				bl = l;
			}
		}
		if (!bl)
			return "malformed option (unknown COMPLEX condition)";
		p += bl;
		if (kw[best].off) {
			if (*p != '[')
				return "malformed option (expected [n])";
			int v = 0;
			char *q = strchr(p, ']');
			if (!q)
				return "malformed option (missing ']')";
			*q = 0;
			if (parse_int(p + 1, &v))
				return "malformed option (expected a number in [n])";
			*(int *)((char *)t + kw[best].off) = v;
			p = q + 1;
		} else {
			t->cplx.flags |= kw[best].flag;
		}
	}
	return NULL;
}

/* Apply one option line. Commands are recognized by their first four
 * characters, as TABARI does. No effect on coding (accepted): LABEL:,
 * OUTPUT:, FORWARD: ... OFF (record ids only) and the SET: parameters
 * listed above opt_set(). */
static int option(struct coder_opts *o, const char *line, size_t n, bool all,
		  dyad_error *err)
{
	char b[512];
	const char *s = line, *e = line + n;
	trim(&s, &e);
	n = (size_t)(e - s);
	if (n >= sizeof b)
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "option line too long: '%.60s...'", s);
	for (size_t i = 0; i < n; i++)
		b[i] = isspace((unsigned char)s[i]) ? ' ' : (char)toupper((unsigned char)s[i]);
	b[n] = 0;
	char *colon = strchr(b, ':');
	if (!colon)
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1,
				   "malformed option (expected COMMAND: ...): '%.*s'", (int)n, s);
	char *cmd = b, *ce = colon;
	while (ce > cmd && ce[-1] == ' ')
		ce--;
	*ce = 0;
	char *arg = colon + 1;
	while (*arg == ' ')
		arg++;
	struct coder_opts t = *o;
	unsigned touched = 0;
	const char *why = NULL;
	size_t cl = strlen(cmd);
#define CMD(name) (cl >= 3 && !strncmp(cmd, name, MIN(cl, (size_t)4)))
	if (!strcmp(cmd, "SET")) {
		why = opt_set(&t, arg, &touched);
	} else if (CMD("LABEL") || CMD("OUTPUT")) {
		why = NULL;
	} else if (CMD("FORWARD")) {
		char *w[16];
		int k = split_words(arg, w, 16);
		t.forward = k > 0;
		for (int i = 0; i < k; i++)
			if (!strcmp(w[i], "OFF"))
				t.forward = false;
		memset(t.fwd_mask, 0, sizeof t.fwd_mask);
		if (t.forward && strlen(w[0]) < sizeof t.fwd_mask)
			snprintf(t.fwd_mask, sizeof t.fwd_mask, "%s", w[0]);
		else if (t.forward)
			why = "sequence format too long";
		if (k <= 0)
			why = "malformed option (expected a sequence format)";
		touched = OPT_FORWARD;
	} else if (CMD("DEFAULT")) {
		why = opt_default(&t, arg);
		touched = OPT_DEFAULT;
	} else if (CMD("COMMA")) {
		why = opt_comma(&t, arg);
		touched = OPT_COMMA;
	} else if (CMD("COMPLEX")) {
		why = opt_complex(&t, arg);
		touched = OPT_COMPLEX;
	} else if (CMD("NONEVENTS")) {
		touched = OPT_NONEVENTS;
		if (!strcmp(arg, "TRUE") || !strcmp(arg, "T"))
			t.nonevents = NONEVENTS_TRUE;
		else if (!strcmp(arg, "ONLY"))
			t.nonevents = NONEVENTS_ONLY;
		else if (!strcmp(arg, "FALSE") || !strcmp(arg, "F"))
			t.nonevents = NONEVENTS_FALSE;
		else
			why = "malformed option (expected TRUE, ONLY or FALSE)";
	} else {
		why = "unknown option";
	}
#undef CMD
	if (why)
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "%s: '%.*s'", why,
				   (int)MIN(n, 200), s);
	/* of COMPLEX:, the coder checks VERBS ACTORS PRONOUNS CONJ LATEVERB
	 * NOACTPRIOR NOACTAFTER NOVERB; not COMMA NOSOURCE NOTARGET NOEVENT */
	if (!all && (touched & OPT_COMPLEX) &&
	    (t.cplx.comma || (t.cplx.flags & (CPLX_NOSOURCE | CPLX_NOTARGET | CPLX_NOEVENT))))
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1,
				   "option not implemented: '%.*s'", (int)MIN(n, 200), s);
	if (!all && (changed(&t) & touched & ~honoured))
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1,
				   "option not implemented: '%.*s'", (int)MIN(n, 200), s);
	*o = t;
	return 0;
}

int coder_option(struct coder_opts *o, const char *line, size_t n, dyad_error *err)
{
	return option(o, line, n, false, err);
}

int coder_option_parse(struct coder_opts *o, const char *line, size_t n,
		       dyad_error *err)
{
	return option(o, line, n, true, err);
}

int dict_read_tabari_options(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	long no = 0;
	c->e->opts.comma.off = false;   /* TABARI deletes comma clauses by default */
	c->e->opts.min_words = 8;       /* and skips sentences under 8 words */
	while (cur < end) {
		const char *s = cur;
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		cur = nl ? nl + 1 : end;
		no++;
		if (dict_line_too_long(c, no, (size_t)(e - s)))
			continue;
		for (const char *q = s; q < e; q++)   /* '#' and '//' comments */
			if (*q == '#' || (*q == '/' && q + 1 < e && q[1] == '/')) {
				e = q;
				break;
			}
		trim(&s, &e);
		if (s == e)
			continue;
		if (*s == '~')
			break;
		dyad_error err;
		if (coder_option(&c->e->opts, s, (size_t)(e - s), &err))
			dict_problem(c, no, "%s", err.msg);
	}
	return 0;
}
