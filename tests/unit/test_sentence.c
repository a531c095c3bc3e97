/* test_sentence.c - sentence_split(). */
#include "internal.h"
#include "t.h"

#include <time.h>

static struct arena A;
static char joined[8192];

/* Split s and join the sentences with " | "; "ERR n" on failure. */
static const char *split(const char *s, size_t max)
{
	struct span *v;
	size_t n, len = 0;
	arena_reset(&A);
	int rc = sentence_split(s, strlen(s), &A, &v, &n, max);
	if (rc) {
		snprintf(joined, sizeof(joined), "ERR %d", rc);
		return joined;
	}
	joined[0] = 0;
	for (size_t i = 0; i < n; i++) {
		int k = snprintf(joined + len, sizeof(joined) - len, "%s%.*s",
				 i ? " | " : "", (int)(v[i].end - v[i].start),
				 s + v[i].start);
		if (k < 0 || (size_t)k >= sizeof(joined) - len)
			break;
		len += (size_t)k;
	}
	return joined;
}

#define SPLIT(s, want) T_STREQ(split(s, 1000), want)

static void test_basic(void)
{
	SPLIT("", "");
	SPLIT("  \n\t ", "");
	SPLIT("One sentence.", "One sentence.");
	SPLIT("No final stop", "No final stop");
	SPLIT("The talks ended. Both sides left.",
	      "The talks ended. | Both sides left.");
	SPLIT("Really?! Yes. Fine!", "Really?! | Yes. | Fine!");
	SPLIT("It ended. 2024 was hard.", "It ended. | 2024 was hard.");
	SPLIT("the talks ended. then nothing", "the talks ended. then nothing");
}

static void test_news(void)
{
	SPLIT("On September 25, the Minister met Mr. Khan in the U.S. capital.",
	      "On September 25, the Minister met Mr. Khan in the U.S. capital.");
	SPLIT("Gen. Smith and Dr. Jones arrived. They spoke with Sen. Lee.",
	      "Gen. Smith and Dr. Jones arrived. | They spoke with Sen. Lee.");
	SPLIT("Lt. Col. Ivanov, Capt. Reyes and Prof. Mbeki met Amb. Sato.",
	      "Lt. Col. Ivanov, Capt. Reyes and Prof. Mbeki met Amb. Sato.");
	SPLIT("MR. KHAN SPOKE. THE TALKS ENDED.",
	      "MR. KHAN SPOKE. | THE TALKS ENDED.");
}

static void test_initials(void)
{
	SPLIT("Asad M. Khan met George W. Bush. It rained.",
	      "Asad M. Khan met George W. Bush. | It rained.");
	SPLIT("J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it.");
}

static void test_numbers(void)
{
	SPLIT("Growth was 3.5 percent. Prices rose 2.1 percent.",
	      "Growth was 3.5 percent. | Prices rose 2.1 percent.");
	SPLIT("He lives at No. 10 Downing Street.",
	      "He lives at No. 10 Downing Street.");
	SPLIT("The answer was No. Then he left.",
	      "The answer was No. | Then he left.");
	SPLIT("Talks on Sept. 25 and Jan. 4 failed.",
	      "Talks on Sept. 25 and Jan. 4 failed.");
}

static void test_acronyms(void)
{
	SPLIT("Troops returned to the U.S. The talks ended.",
	      "Troops returned to the U.S. | The talks ended.");
	SPLIT("The U.S. Army and the U.N. Security Council met.",
	      "The U.S. Army and the U.N. Security Council met.");
	SPLIT("Some states, e.g. Azerbaijan, i.e. Baku, agreed.",
	      "Some states, e.g. Azerbaijan, i.e. Baku, agreed.");
	SPLIT("Azerbaijan vs. Armenia was tense. Roe v. Wade too.",
	      "Azerbaijan vs. Armenia was tense. | Roe v. Wade too.");
	SPLIT("tanks, guns, etc. The army left.",
	      "tanks, guns, etc. | The army left.");
	SPLIT("Apple Inc. Chief Executive Tim Cook spoke.",
	      "Apple Inc. Chief Executive Tim Cook spoke.");
	SPLIT("Shares of Apple Inc. The company fell.",
	      "Shares of Apple Inc. | The company fell.");
	SPLIT("Talks with the E.U. \"We agree,\" he said.",
	      "Talks with the E.U. | \"We agree,\" he said.");
}

static void test_ellipsis(void)
{
	SPLIT("We will... we must.", "We will... we must.");
	SPLIT("He paused... The room was silent.",
	      "He paused... | The room was silent.");
	SPLIT("Wait... Azerbaijan agreed.", "Wait... Azerbaijan agreed.");
}

static void test_quotes(void)
{
	SPLIT("He said, \"We will go.\" Then he left.",
	      "He said, \"We will go.\" | Then he left.");
	SPLIT("\"Why?\" he asked. Nobody answered.",
	      "\"Why?\" he asked. | Nobody answered.");
	SPLIT("(He left.) Then she spoke.", "(He left.) | Then she spoke.");
	SPLIT("They met Mr. Khan.\" The talks went on.",
	      "They met Mr. Khan.\" | The talks went on.");
	SPLIT("It ended. \"Never again,\" she said.",
	      "It ended. | \"Never again,\" she said.");
	SPLIT("Parties' views differ. 'Fine' he said.",
	      "Parties' views differ. | 'Fine' he said.");
}

static void test_unicode_start(void)
{
	SPLIT("It ended. \xC3\x96sterreich agreed.",
	      "It ended. | \xC3\x96sterreich agreed.");
	SPLIT("It ended. \xD9\x85\xD8\xB5\xD8\xB1.",
	      "It ended. | \xD9\x85\xD8\xB5\xD8\xB1.");
	SPLIT("It ended. \xC3\xA9tait.", "It ended. \xC3\xA9tait.");
}

static void test_paragraphs(void)
{
	SPLIT("Headline without a stop\n\nFirst sentence here.",
	      "Headline without a stop | First sentence here.");
	SPLIT("Headline\n \t\nBody.", "Headline | Body.");
	SPLIT("line one\nline two.", "line one\nline two.");
	SPLIT("We met Mr.\n\nThe end.", "We met Mr. | The end.");
	SPLIT("\n\n\nOnly one.\n\n\n", "Only one.");
}

static void test_spans(void)
{
	const char *s = "  First one.   Second one.  \n";
	struct span *v;
	size_t n;
	arena_reset(&A);
	T_INTEQ(sentence_split(s, strlen(s), &A, &v, &n, 10), 0);
	T_INTEQ(n, 2);
	if (n == 2) {
		T_INTEQ(v[0].start, 2);
		T_INTEQ(v[0].end, 12);
		T_INTEQ(v[1].start, 15);
		T_INTEQ(v[1].end, 26);
	}
}

/* A news lead in the style of the seed article (own wording). */
static void test_article(void)
{
	const char *s =
		"On March 3, the Minister of Trade of the Republic of "
		"Ruritania, Ana K. Petrov, met with the Director General of "
		"the Regional Trade Council (RTC), Omar Farid Aziz, during the "
		"high-level segment of the 41st meeting of the U.N. Economic "
		"Forum, the Daily Ledger reports citing the Ministry of Trade "
		"(MOT).\n\n"
		"During the talks, the sides discussed Ruritania's role in the "
		"RTC, as well as the 3.5 billion dollar corridor project. "
		"Minister Petrov stressed the importance of the Council's "
		"work and of cooperation with the U.S. and Dr. Aziz's team.";
	struct span *v;
	size_t n;
	arena_reset(&A);
	T_INTEQ(sentence_split(s, strlen(s), &A, &v, &n, 100), 0);
	T_INTEQ(n, 3);
	if (n == 3) {
		T_CHECK(!strncmp(s + v[0].start, "On March 3,", 11));
		T_CHECK(!strncmp(s + v[0].end - 6, "(MOT).\n", 7));
		T_CHECK(!strncmp(s + v[1].start, "During the talks", 16));
		T_CHECK(!strncmp(s + v[2].start, "Minister Petrov", 15));
		T_INTEQ(v[2].end, strlen(s));
	}
}

static void test_cap(void)
{
	T_STREQ(split("One. Two. Three.", 3), "One. | Two. | Three.");
	T_STREQ(split("One. Two. Three.", 2), "ERR -5");
	T_STREQ(split("One.", 0), "ERR -5");
	T_STREQ(split("", 0), "");
}

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static size_t count_of(const char *s, size_t n, size_t max, int *rc)
{
	struct span *v;
	size_t k = 0;
	arena_reset(&A);
	*rc = sentence_split(s, n, &A, &v, &k, max);
	return k;
}

/* 1 MB inputs: periods, commas, no spaces, period-space runs, many short
 * sentences. All linear; the time bound is generous for sanitizers. */
static void test_adversarial(void)
{
	size_t n = 1 << 20, k;
	char *s = malloc(n + 1);
	int rc;
	T_CHECK(s != NULL);
	if (!s)
		return;
	s[n] = 0;
	double t0 = cpu_seconds();

	memset(s, '.', n);
	k = count_of(s, n, 10, &rc);
	T_INTEQ(rc, 0);
	T_INTEQ(k, 1);
	memset(s, ',', n);
	k = count_of(s, n, 10, &rc);
	T_INTEQ(k, 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "a."[i % 2];
	k = count_of(s, n, 10, &rc);
	T_INTEQ(k, 1);
	for (size_t i = 0; i < n; i++)
		s[i] = ". "[i % 2];
	k = count_of(s, n, 10, &rc);
	T_INTEQ(k, 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "A. "[i % 3];
	k = count_of(s, n, 10, &rc);
	T_INTEQ(k, 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "x. Y "[i % 5];
	k = count_of(s, n, n, &rc);
	T_INTEQ(rc, 0);
	T_INTEQ(k, n / 5 + 1);
	k = count_of(s, n, 1000, &rc);
	T_INTEQ(rc, DYAD_ETOOBIG);
	/* one long word then a period: looked at once */
	memset(s, 'a', n);
	s[n - 3] = '.';
	s[n - 2] = ' ';
	s[n - 1] = 'B';
	k = count_of(s, n, 10, &rc);
	T_INTEQ(k, 2);
	/* a period followed by a megabyte of spaces, many times */
	memset(s, ' ', n);
	for (size_t i = 0; i < n; i += 4096)
		memcpy(s + i, "U.S.", 4);
	k = count_of(s, n, 1000, &rc);
	T_INTEQ(rc, 0);
	T_INTEQ(k, 1);
	T_CHECK(cpu_seconds() - t0 < 10.0);
	free(s);
}

int main(void)
{
	arena_init(&A, 0);
	T_RUN(test_basic);
	T_RUN(test_news);
	T_RUN(test_initials);
	T_RUN(test_numbers);
	T_RUN(test_acronyms);
	T_RUN(test_ellipsis);
	T_RUN(test_quotes);
	T_RUN(test_unicode_start);
	T_RUN(test_paragraphs);
	T_RUN(test_spans);
	T_RUN(test_article);
	T_RUN(test_cap);
	T_RUN(test_adversarial);
	arena_release(&A);
	return t_exit();
}
