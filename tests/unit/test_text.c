/* test_text.c - text_normalize() and text_key(). */
#include "internal.h"
#include "t.h"

#include <time.h>

static struct arena A;

/* Normalize in[0,n); returns the code and leaves the text in *out. */
static int norm(const char *in, size_t n, char **out, size_t *outn,
		dyad_error *err)
{
	arena_reset(&A);
	memset(err, 0, sizeof(*err));
	return text_normalize(in, n, &A, out, outn, err);
}

#define NORM_EQ(in, want) do { \
	char *t_o; size_t t_n; dyad_error t_e; \
	int t_rc = norm(in, sizeof(in) - 1, &t_o, &t_n, &t_e); \
	T_INTEQ(t_rc, 0); \
	if (!t_rc) { T_STREQ(t_o, want); T_INTEQ(t_n, sizeof(want) - 1); } \
	} while (0)

#define NORM_ERR(in, want_rc, want_pos) do { \
	char *t_o; size_t t_n; dyad_error t_e; \
	int t_rc = norm(in, sizeof(in) - 1, &t_o, &t_n, &t_e); \
	T_INTEQ(t_rc, want_rc); T_INTEQ(t_e.code, want_rc); \
	T_INTEQ(t_e.pos, want_pos); \
	T_CHECK(t_o == NULL); \
	} while (0)

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static void test_ascii(void)
{
	NORM_EQ("", "");
	NORM_EQ("On September 25, the Minister met Mr. Khan.",
		"On September 25, the Minister met Mr. Khan.");
	NORM_EQ("line one\r\nline two\rline three\n\ttabbed",
		"line one\nline two\nline three\n\ttabbed");
	NORM_EQ("a\x01" "b\x1b" "c\x7f" "d\x0c" "e\x0b" "f",
		"a b c d e f");
	NORM_EQ("\r\n\r\n", "\n\n");
	NORM_EQ("ends with CR\r", "ends with CR\n");
}

static void test_ascii_long(void)
{
	/* Longer than the 8-byte blocks, specials at every offset. */
	char in[300], want[300], *o;
	size_t on;
	dyad_error e;
	for (int k = 0; k < 40; k++) {
		memset(in, 'x', sizeof(in));
		memset(want, 'x', sizeof(want));
		in[k] = '\r';
		want[k] = '\n';
		in[k + 50] = '\x02';
		want[k + 50] = ' ';
		T_INTEQ(norm(in, sizeof(in), &o, &on, &e), 0);
		T_INTEQ(on, sizeof(in));
		T_CHECK(on == sizeof(in) && !memcmp(o, want, on) && !o[on]);
	}
}

static void test_typography(void)
{
	NORM_EQ("\xE2\x80\x9CWe agree,\xE2\x80\x9D the minister\xE2\x80\x99s aide said",
		"\"We agree,\" the minister's aide said");
	NORM_EQ("\xE2\x80\x98yes\xE2\x80\x99 \xC2\xABnon\xC2\xBB \xE2\x80\x9Eja\xE2\x80\x9C",
		"'yes' \"non\" \"ja\"");
	NORM_EQ("2023\xE2\x80\x93" "24 \xE2\x80\x94 a \xE2\x88\x92" "5 high\xE2\x80\x90level",
		"2023-24 - a -5 high-level");
	NORM_EQ("a\xC2\xA0" "b\xE2\x80\x89" "c\xE3\x80\x80" "d\xE2\x80\xAF" "e",
		"a b c d e");
	NORM_EQ("wait\xE2\x80\xA6 what", "wait... what");
	NORM_EQ("para one\xE2\x80\xA9para two\xE2\x80\xA8line",
		"para one\n\npara two\nline");
	NORM_EQ("\xEF\xBB\xBF" "co\xC2\xADoperation\xE2\x80\x8B",
		"cooperation");
	/* Windows-1252 quotes decoded as Latin-1 (C1 controls). */
	NORM_EQ("it\xC2\x92s \xC2\x93ok\xC2\x94 \xC2\x97 \xC2\x80x",
		"it's \"ok\" -  x");
}

static void test_nfc(void)
{
	/* e + combining acute composes to U+00E9. */
	NORM_EQ("Caf" "e\xCC\x81" " au lait", "Caf\xC3\xA9 au lait");
	NORM_EQ("T" "u\xCC\x88" "rkiye", "T\xC3\xBCrkiye");
	/* Already composed text is unchanged. */
	NORM_EQ("T\xC3\xBCrkiye, \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
		"T\xC3\xBCrkiye, \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
	/* Canonical reordering: acute (230) after a grave-below (220). */
	NORM_EQ("a\xCC\x81\xCC\x96", "\xC3\xA1\xCC\x96");
	/* Hangul jamo compose to a syllable; U+212B ANGSTROM to U+00C5. */
	NORM_EQ("\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80");
	NORM_EQ("5 \xE2\x84\xAB", "5 \xC3\x85");
	/* Stretches of letters without decompositions (Cyrillic) mixed
	 * with ones that compose: i + breve is short i. */
	NORM_EQ("\xD0\x9C\xD0\xB8\xCC\x86 \xD0\xB8\xCC\x86\xD0\xB4",
		"\xD0\x9C\xD0\xB9 \xD0\xB9\xD0\xB4");
	/* Hangul LV syllable + trailing jamo compose to an LVT syllable. */
	NORM_EQ("\xEA\xB0\x80\xE1\x86\xA8", "\xEA\xB0\x81");
	/* A singleton (OHM SIGN) next to plain Greek letters. */
	NORM_EQ("\xCE\xB1\xE2\x84\xA6\xCE\xB2", "\xCE\xB1\xCE\xA9\xCE\xB2");
	/* A removed soft hyphen between base and mark: they compose. */
	NORM_EQ("e\xC2\xAD\xCC\xA7", "\xC8\xA9");
	/* A mark at the very start has no base: kept as is. */
	NORM_EQ("\xCC\x81" "a", "\xCC\x81" "a");
}

static void test_nfc_grows(void)
{
	/* U+0958 (3 bytes) is a composition exclusion: NFC is
	 * U+0915 U+093C (6 bytes), so the output outgrows the input. */
	char in[3 * 200], want[6 * 200], *o;
	size_t on;
	dyad_error e;
	for (int k = 0; k < 200; k++) {
		memcpy(in + 3 * k, "\xE0\xA5\x98", 3);
		memcpy(want + 6 * k, "\xE0\xA4\x95\xE0\xA4\xBC", 6);
	}
	T_INTEQ(norm(in, sizeof(in), &o, &on, &e), 0);
	T_INTEQ(on, sizeof(want));
	T_CHECK(on == sizeof(want) && !memcmp(o, want, on) && !o[on]);
}

static void test_stream_safe(void)
{
	/* 100 combining acutes on one base: CGJ after every 30. */
	char in[1 + 200], *o;
	size_t on, cgj = 0;
	dyad_error e;
	in[0] = 'a';
	for (int k = 0; k < 100; k++)
		memcpy(in + 1 + 2 * k, "\xCC\x81", 2);
	T_INTEQ(norm(in, sizeof(in), &o, &on, &e), 0);
	for (size_t k = 0; k + 1 < on; k++)
		cgj += o[k] == '\xCD' && o[k + 1] == '\x8F';
	T_INTEQ(cgj, 3);
	T_CHECK(!memcmp(o, "\xC3\xA1", 2));     /* first one composed */
	T_INTEQ(on, 2 + 99 * 2 + 3 * 2);
}

static void test_invalid_utf8(void)
{
	NORM_ERR("ok \xC0\xAF", DYAD_EUTF8, 3);              /* overlong '/' */
	NORM_ERR("ok \xE0\x80\xAF", DYAD_EUTF8, 3);          /* overlong, 3 bytes */
	NORM_ERR("\xF0\x80\x80\xAF", DYAD_EUTF8, 0);         /* overlong, 4 bytes */
	NORM_ERR("trunc \xE2\x82", DYAD_EUTF8, 6);           /* at the end */
	NORM_ERR("trunc \xE2\x82x", DYAD_EUTF8, 6);          /* before ASCII */
	NORM_ERR("sur \xED\xA0\x80 x", DYAD_EUTF8, 4);       /* surrogate */
	NORM_ERR("stray \x80", DYAD_EUTF8, 6);               /* continuation */
	NORM_ERR("\xC3\xA9\xA9", DYAD_EUTF8, 2);             /* é + stray */
	NORM_ERR("big \xF4\x90\x80\x80", DYAD_EUTF8, 4);     /* > U+10FFFF */
	NORM_ERR("ff \xFF", DYAD_EUTF8, 3);

	char *o;
	size_t on;
	dyad_error e;
	const char in[] = "line 1\nline 2 \xC3\n";
	T_INTEQ(norm(in, sizeof(in) - 1, &o, &on, &e), DYAD_EUTF8);
	T_STREQ(e.msg, "invalid UTF-8 at byte 14");
	T_INTEQ(e.line, 2);
	/* err may be NULL */
	arena_reset(&A);
	T_INTEQ(text_normalize("\xC3", 1, &A, &o, &on, NULL), DYAD_EUTF8);
}

static void test_nul(void)
{
	NORM_ERR("ab\0cd", DYAD_EINPUT, 2);
	NORM_ERR("\xC3\xA9\0", DYAD_EINPUT, 2);
	char *o;
	size_t on;
	dyad_error e;
	T_INTEQ(norm("0123456789\0", 11, &o, &on, &e), DYAD_EINPUT);
	T_STREQ(e.msg, "NUL byte at byte 10");
}

static void test_arena_cap(void)
{
	struct arena small;
	char *o;
	size_t on;
	dyad_error e;
	arena_init(&small, 64);
	T_INTEQ(text_normalize("short", 5, &small, &o, &on, &e), 0);
	char big[100];
	memset(big, 'a', sizeof(big));
	T_INTEQ(text_normalize(big, sizeof(big), &small, &o, &on, &e),
		DYAD_ENOMEM);
	arena_release(&small);
}

static void test_adversarial(void)
{
	/* 1 MB of combining marks of alternating class on one base, and
	 * 1 MB of 2-byte letters: linear time (a quadratic reorder would
	 * take hours). The bound is generous for sanitizer builds. */
	size_t n = 1 << 20;
	char *in = malloc(n), *o;
	size_t on;
	dyad_error e;
	T_CHECK(in != NULL);
	if (!in)
		return;
	in[0] = 'a';
	for (size_t k = 1; k + 4 <= n; k += 4)
		memcpy(in + k, "\xCC\x81\xCC\x96", 4);
	in[n - 3] = in[n - 2] = in[n - 1] = 'z';
	double t0 = cpu_seconds();
	T_INTEQ(norm(in, n, &o, &on, &e), 0);
	for (size_t k = 0; k + 2 <= n; k += 2)
		memcpy(in + k, "\xD0\x96", 2);
	T_INTEQ(norm(in, n, &o, &on, &e), 0);
	T_INTEQ(on, n);
	T_CHECK(cpu_seconds() - t0 < 10.0);
	free(in);
}

static void test_key(void)
{
	char k[64];
	T_INTEQ(text_key("Azerbaijan", 10, k, sizeof(k)), 10);
	T_STREQ(k, "AZERBAIJAN");
	T_INTEQ(text_key("o'brien-smith U.s.", 18, k, sizeof(k)), 18);
	T_STREQ(k, "O'BRIEN-SMITH U.S.");
	T_INTEQ(text_key("T\xC3\xBCrkiye", 8, k, sizeof(k)), 7);
	T_STREQ(k, "TURKIYE");
	T_INTEQ(text_key("Tu\xCC\x88rkiye", 9, k, sizeof(k)), 7);
	T_STREQ(k, "TURKIYE");
	T_INTEQ(text_key("\xC4\xB0stanbul", 9, k, sizeof(k)), 8);   /* İ */
	T_STREQ(k, "ISTANBUL");
	T_INTEQ(text_key("Stra\xC3\x9F" "e", 7, k, sizeof(k)), 7);
	T_STREQ(k, "STRASSE");
	T_INTEQ(text_key("C\xC3\xB4te d\xE2\x80\x99Ivoire", 16, k, sizeof(k)), 13);
	T_STREQ(k, "COTE D'IVOIRE");
	/* Greek: accents stripped, upper case. */
	T_CHECK(text_key("\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1", 10, k,
			 sizeof(k)) == 10);
	T_STREQ(k, "\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91");
	/* Cyrillic lower to upper; Hangul kept whole. */
	T_INTEQ(text_key("\xD0\xBC\xD0\xB8\xD1\x80", 6, k, sizeof(k)), 6);
	T_STREQ(k, "\xD0\x9C\xD0\x98\xD0\xA0");
	T_INTEQ(text_key("\xEC\x84\x9C\xEC\x9A\xB8", 6, k, sizeof(k)), 6);
	T_STREQ(k, "\xEC\x84\x9C\xEC\x9A\xB8");
	/* Arabic vowel marks stripped. */
	T_INTEQ(text_key("\xD9\x85\xD9\x8E\xD8\xB5\xD8\xB1", 8, k, sizeof(k)), 6);
	T_STREQ(k, "\xD9\x85\xD8\xB5\xD8\xB1");
	/* Fullwidth letters (compatibility) to ASCII. */
	T_INTEQ(text_key("\xEF\xBC\xB5\xEF\xBC\xAE", 6, k, sizeof(k)), 2);
	T_STREQ(k, "UN");
	T_INTEQ(text_key("", 0, k, sizeof(k)), 0);
	T_STREQ(k, "");
}

static void test_key_cap(void)
{
	char k[8];
	memset(k, '#', sizeof(k));
	T_INTEQ(text_key("abcdefg", 7, k, 8), 7);       /* exact fit */
	T_STREQ(k, "ABCDEFG");
	T_INTEQ(text_key("abcdefgh", 8, k, 8), -1);
	T_INTEQ(text_key("a", 1, k, 0), -1);
	T_INTEQ(text_key("", 0, k, 1), 0);
	/* "ss" growth: 6 bytes of input need 8 bytes. */
	T_INTEQ(text_key("\xC3\x9F\xC3\x9F\xC3\x9F", 6, k, 7), 6);
	T_INTEQ(text_key("\xC3\x9F\xC3\x9F\xC3\x9F" "a", 7, k, 7), -1);
	T_INTEQ(text_key("\xC3\xA9\xC3\xA9", 4, k, 2), -1);
	T_INTEQ(text_key("\xC3\xA9\xC3\xA9", 4, k, 3), 2);
	T_STREQ(k, "EE");
	/* A zalgo word: marks stripped, bounded output. */
	char z[1 + 2 * 200];
	z[0] = 'x';
	for (int i = 0; i < 200; i++)
		memcpy(z + 1 + 2 * i, "\xCC\x81", 2);
	T_INTEQ(text_key(z, sizeof(z), k, sizeof(k)), 1);
	T_STREQ(k, "X");
	/* Invalid bytes are copied, not read past. */
	T_INTEQ(text_key("a\xC3", 2, k, sizeof(k)), 2);
}

int main(void)
{
	arena_init(&A, 0);
	T_RUN(test_ascii);
	T_RUN(test_ascii_long);
	T_RUN(test_typography);
	T_RUN(test_nfc);
	T_RUN(test_nfc_grows);
	T_RUN(test_stream_safe);
	T_RUN(test_invalid_utf8);
	T_RUN(test_nul);
	T_RUN(test_arena_cap);
	T_RUN(test_adversarial);
	T_RUN(test_key);
	T_RUN(test_key_cap);
	arena_release(&A);
	return t_exit();
}
