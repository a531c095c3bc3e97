/* test_token.c - tokenize(). */
#include "internal.h"
#include "t.h"

#include <time.h>

static struct arena A;
static struct token *T;
static size_t N;
static char out[8192];

static int tok(const char *s, size_t max)
{
	struct span sp = { 0, (uint32_t)strlen(s) };
	arena_reset(&A);
	return tokenize(s, sp, &A, &T, &N, max);
}

/* Tokenize s; "text=KEY" per token joined by " | ". Also checks that
 * every token lies in s, is non-empty, follows the previous one, has a
 * key of keylen bytes, and id = stem = 0. */
static const char *toks(const char *s)
{
	size_t len = 0, prev_end = 0;
	int rc = tok(s, 10000);
	if (rc) {
		snprintf(out, sizeof(out), "ERR %d", rc);
		return out;
	}
	out[0] = 0;
	for (size_t i = 0; i < N; i++) {
		const struct token *t = &T[i];
		T_CHECK(t->start < t->end && t->end <= strlen(s));
		T_CHECK(t->start >= prev_end);
		T_CHECK(t->key && strlen(t->key) == t->keylen);
		T_CHECK(t->id == 0 && t->stem == 0);
		prev_end = t->end;
		int k = snprintf(out + len, sizeof(out) - len, "%s%.*s=%s",
				 i ? " | " : "", (int)(t->end - t->start),
				 s + t->start, t->key);
		if (k < 0 || (size_t)k >= sizeof(out) - len)
			break;
		len += (size_t)k;
	}
	return out;
}

#define TOKS(s, want) T_STREQ(toks(s), want)

static void test_words(void)
{
	TOKS("", "");
	TOKS("   ", "");
	TOKS("The Minister met Khan.",
	     "The=THE | Minister=MINISTER | met=MET | Khan=KHAN | .=.");
	TOKS("(ECO), Bayramov;", "(=( | ECO=ECO | )=) | ,=, | Bayramov=BAYRAMOV | ;=;");
	TOKS("high-level O'Brien don't", "high-level=HIGH-LEVEL | O'Brien=O'BRIEN | don't=DON'T");
	TOKS("F-16 29-year-old 2020-2024",
	     "F-16=F-16 | 29-year-old=29-YEAR-OLD | 2020=2020 | -=- | 2024=2024");
	TOKS("-start end- a--b", "-=- | start=START | end=END | -=- | a=A | -=- | -=- | b=B");
}

static void test_acronyms(void)
{
	TOKS("the U.S. capital", "the=THE | U.S.=U.S. | capital=CAPITAL");
	TOKS("U.N.", "U.N.=U.N.");
	TOKS("U.S.-led e.g. Mr. Ph.D.",
	     "U.S.=U.S. | -=- | led=LED | e.g.=E.G. | Mr=MR | .=. | Ph.D=PH.D | .=.");
	TOKS("U.S", "U.S=U.S");
	TOKS("George W. Bush", "George=GEORGE | W=W | .=. | Bush=BUSH");
	TOKS("example.com.", "example.com=EXAMPLE.COM | .=.");
}

static void test_possessive(void)
{
	TOKS("Azerbaijan's commitment",
	     "Azerbaijan=AZERBAIJAN | 's='S | commitment=COMMITMENT");
	TOKS("the Parties' views", "the=THE | Parties=PARTIES | '='S | views=VIEWS");
	TOKS("ECO'S role", "ECO=ECO | 'S='S | role=ROLE");
	TOKS("the 1990's", "the=THE | 1990=1990 | 's='S");
	TOKS("Khan's.", "Khan=KHAN | 's='S | .=.");
	TOKS("'so' said 'stop'", "'=' | so=SO | '=' | said=SAID | '=' | stop=STOP | '='");
	TOKS("it 'stop", "it=IT | '=' | stop=STOP");

	T_INTEQ(tok("Azerbaijan's", 10), 0);
	T_INTEQ(N, 2);
	if (N == 2) {
		T_INTEQ(T[1].flags, TOKF_POSS);
		T_INTEQ(T[1].kind, TOK_PUNCT);
		T_INTEQ(T[0].flags, TOKF_CAP);
	}
	T_INTEQ(tok("States' rights", 10), 0);
	T_INTEQ(N, 3);
	if (N == 3) {
		T_INTEQ(T[1].flags, TOKF_POSS);
		T_INTEQ(T[1].keylen, 2);
		T_INTEQ(T[1].end - T[1].start, 1);
	}
	T_INTEQ(tok("said 'stop", 10), 0);
	T_CHECK(N == 3 && !(T[1].flags & TOKF_POSS));
}

static void test_numbers(void)
{
	TOKS("1,000 3.5 1,000.50 2024, 79th",
	     "1,000=1,000 | 3.5=3.5 | 1,000.50=1,000.50 | 2024=2024 | ,=, | 79th=79TH");
	TOKS("3.5bn 5.", "3.5bn=3.5BN | 5=5 | .=.");
	T_INTEQ(tok("1,000 79th 3.5 COP29 .", 10), 0);
	T_INTEQ(N, 5);
	if (N == 5) {
		T_INTEQ(T[0].kind, TOK_NUM);
		T_INTEQ(T[1].kind, TOK_WORD);
		T_INTEQ(T[2].kind, TOK_NUM);
		T_INTEQ(T[3].kind, TOK_WORD);
		T_INTEQ(T[4].kind, TOK_PUNCT);
	}
}

static void test_flags(void)
{
	T_INTEQ(tok("ECO Minister iPhone 79th U.S. met,x", 20), 0);
	T_INTEQ(N, 8);
	if (N == 8) {
		T_INTEQ(T[0].flags, TOKF_CAP | TOKF_ALLCAP);
		T_INTEQ(T[1].flags, TOKF_CAP | TOKF_SPACE_BEFORE);
		T_INTEQ(T[2].flags, TOKF_SPACE_BEFORE);
		T_INTEQ(T[3].flags, TOKF_SPACE_BEFORE);
		T_INTEQ(T[4].flags, TOKF_CAP | TOKF_ALLCAP | TOKF_SPACE_BEFORE);
		T_INTEQ(T[5].flags, TOKF_SPACE_BEFORE);
		T_INTEQ(T[6].flags, 0);              /* "," */
		T_INTEQ(T[7].flags, 0);              /* "x" */
	}
	T_INTEQ(tok("2024 \xC3\x96ZBEK \xC3\xB6zbek \xD9\x85\xD8\xB5\xD8\xB1", 10), 0);
	T_INTEQ(N, 4);
	if (N == 4) {
		T_INTEQ(T[0].flags, 0);
		T_INTEQ(T[1].flags, TOKF_CAP | TOKF_ALLCAP | TOKF_SPACE_BEFORE);
		T_INTEQ(T[2].flags, TOKF_SPACE_BEFORE);
		T_INTEQ(T[3].flags, TOKF_SPACE_BEFORE);   /* caseless */
	}
}

static void test_unicode(void)
{
	TOKS("T\xC3\xBCrkiye's capital",
	     "T\xC3\xBCrkiye=TURKIYE | 's='S | capital=CAPITAL");
	/* Not normalized: an em dash is one punctuation token, its key
	 * the ASCII dash (text_key maps typographic variants too). */
	TOKS("Baku\xE2\x80\x94Tbilisi",
	     "Baku=BAKU | \xE2\x80\x94=- | Tbilisi=TBILISI");
	TOKS("\xE2\x82\xAC" "5", "\xE2\x82\xAC=\xE2\x82\xAC | 5=5");
	/* Devanagari: vowel signs and virama (marks) stay in the word. */
	TOKS("\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80 x",
	     "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80="
	     "\xE0\xA4\xB9\xE0\xA4\xA8\xE0\xA4\xA6 | x=X");
	/* ZWNJ inside a Persian word is kept (and dropped from the key);
	 * a left-to-right mark between words is skipped. */
	TOKS("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85 \xE2\x80\x8E" "a",
	     "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85="
	     "\xD9\x85\xDB\x8C\xD8\xB1\xD9\x88\xD9\x85 | a=A");
	/* Decimal digits of other scripts are numbers. */
	T_INTEQ(tok("\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA4", 10), 0);
	T_CHECK(N == 1 && T[0].kind == TOK_NUM);
	/* A stray byte (not from text_normalize) is one punctuation token. */
	TOKS("a\xFF" "b", "a=A | \xFF=\xFF | b=B");
}

static void test_span(void)
{
	const char *s = "First one. Second sentence here.";
	struct span sp = { 11, (uint32_t)strlen(s) };
	arena_reset(&A);
	T_INTEQ(tokenize(s, sp, &A, &T, &N, 100), 0);
	T_INTEQ(N, 4);
	if (N == 4) {
		T_INTEQ(T[0].start, 11);
		T_INTEQ(T[0].end, 17);
		T_STREQ(T[0].key, "SECOND");
		T_INTEQ(T[0].flags, TOKF_CAP);        /* span starts here */
		T_INTEQ(T[3].start, strlen(s) - 1);
	}
	/* The span end is respected: "Fir" only. */
	sp.start = 0;
	sp.end = 3;
	arena_reset(&A);
	T_INTEQ(tokenize(s, sp, &A, &T, &N, 100), 0);
	T_CHECK(N == 1 && !strcmp(T[0].key, "FIR"));
	/* An empty span. */
	sp.start = sp.end = 5;
	T_INTEQ(tokenize(s, sp, &A, &T, &N, 100), 0);
	T_INTEQ(N, 0);
}

static void test_cap(void)
{
	T_INTEQ(tok("a b c", 3), 0);
	T_INTEQ(N, 3);
	T_INTEQ(tok("a b c", 2), DYAD_ETOOBIG);
	T_INTEQ(tok("a", 0), DYAD_ETOOBIG);
	T_INTEQ(tok("   ", 0), 0);
	/* Growth of the token array past its first guess. */
	T_INTEQ(tok(",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,", 100), 0);
	T_INTEQ(N, 50);
	/* Out of memory in a capped arena. */
	struct arena small;
	struct span sp = { 0, 5 };
	arena_init(&small, 64);
	T_INTEQ(tokenize("a b c", sp, &small, &T, &N, 100), DYAD_ENOMEM);
	arena_release(&small);
}

static void test_long_tokens(void)
{
	size_t n = 300;
	char *s = malloc(2 * n + 1);
	T_CHECK(s != NULL);
	if (!s)
		return;
	/* 300 ASCII letters: one token, key cut to 255 bytes. */
	memset(s, 'a', n);
	s[n] = 0;
	T_INTEQ(tok(s, 10), 0);
	T_INTEQ(N, 1);
	if (N == 1) {
		T_INTEQ(T[0].end, n);
		T_INTEQ(T[0].keylen, 255);
		T_INTEQ(strlen(T[0].key), 255);
		T_CHECK(T[0].key[0] == 'A' && T[0].key[254] == 'A');
	}
	/* 300 e-acutes: cut at a code point boundary. */
	for (size_t i = 0; i < n; i++)
		memcpy(s + 2 * i, "\xC3\xA9", 2);
	s[2 * n] = 0;
	T_INTEQ(tok(s, 10), 0);
	T_CHECK(N == 1 && T[0].end == 2 * n && T[0].keylen == 127);
	/* U+FDFA expands to 18 code points: the key of a shorter prefix. */
	for (size_t i = 0; i < 200; i++)
		memcpy(s + 3 * i, "\xEF\xB7\xBA", 3);
	s[600] = 0;
	T_INTEQ(tok(s, 10), 0);
	T_CHECK(N == 1 && T[0].keylen > 0 && T[0].keylen <= 255);
	if (N == 1)
		T_INTEQ(strlen(T[0].key), T[0].keylen);
	/* 600 commas need more key memory than the first chunk. */
	memset(s, ',', 2 * n);
	s[2 * n] = 0;
	T_INTEQ(tok(s, 1000), 0);
	T_INTEQ(N, 2 * n);
	for (size_t i = 0; i < N; i++)
		T_CHECK(T[i].start == i && !strcmp(T[i].key, ","));
	free(s);
}

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static void test_adversarial(void)
{
	size_t n = 1 << 20;
	char *s = malloc(n + 1);
	T_CHECK(s != NULL);
	if (!s)
		return;
	double t0 = cpu_seconds();
	memset(s, ',', n);
	s[n] = 0;
	T_INTEQ(tok(s, n), 0);
	T_INTEQ(N, n);
	T_INTEQ(tok(s, 1000), DYAD_ETOOBIG);
	memset(s, 'x', n);
	T_INTEQ(tok(s, 10), 0);
	T_CHECK(N == 1 && T[0].end == n && T[0].keylen == 255);
	for (size_t i = 0; i < n; i++)
		s[i] = "a."[i % 2];                   /* one dotted word */
	T_INTEQ(tok(s, 10), 0);
	T_CHECK(N == 1 && T[0].end == n);
	for (size_t i = 0; i < n; i++)
		s[i] = "1,"[i % 2];                   /* one long number */
	T_INTEQ(tok(s, 10), 0);
	T_CHECK(N == 2 && T[0].kind == TOK_NUM);
	for (size_t i = 0; i < n; i++)
		s[i] = "a'"[i % 2];
	T_INTEQ(tok(s, 10), 0);
	T_CHECK(N == 2 && T[0].end == n - 1);
	T_CHECK(cpu_seconds() - t0 < 10.0);
	free(s);
}

int main(void)
{
	arena_init(&A, 0);
	T_RUN(test_words);
	T_RUN(test_acronyms);
	T_RUN(test_possessive);
	T_RUN(test_numbers);
	T_RUN(test_flags);
	T_RUN(test_unicode);
	T_RUN(test_span);
	T_RUN(test_cap);
	T_RUN(test_long_tokens);
	T_RUN(test_adversarial);
	arena_release(&A);
	return t_exit();
}
