/*
 * fuzz_sentence.c - libFuzzer target for the sentence splitter
 * (sentence.c) and the tokenizer (token.c) on normalized text: the input
 * goes through text_normalize() first, as in dyad_code(). Input byte 0
 * picks the caps (max_sentences, max_tokens) so the DYAD_ETOOBIG paths
 * run too. Checks the documented invariants: sentences and tokens are in
 * order, non-empty, inside their span and never overlap; sentences do
 * not start or end with whitespace; keys are NUL-terminated.
 */
#include "fuzz.h"

static bool space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t max_sent[4] = { 100000, 1, 3, 50 };
	static const size_t max_tok[4] = { 100000, 1, 4, 200 };
	struct arena a;
	char *text;
	size_t n, nsent;
	struct span *sent;
	dyad_error err;
	if (!size)
		return 0;
	unsigned opt = data[0];
	arena_init(&a, (size_t)256 << 20);
	if (text_normalize((const char *)data + 1, size - 1, &a, &text, &n, &err))
		goto done;
	int rc = sentence_split(text, n, &a, &sent, &nsent, max_sent[opt & 3]);
	if (rc) {
		FUZZ_CHECK(rc == DYAD_ETOOBIG || rc == DYAD_ENOMEM);
		goto done;
	}
	FUZZ_CHECK(nsent <= max_sent[opt & 3]);
	uint32_t prev_end = 0;
	for (size_t i = 0; i < nsent; i++) {
		struct span s = sent[i];
		FUZZ_CHECK(s.start >= prev_end && s.start < s.end && s.end <= n);
		FUZZ_CHECK(!space(text[s.start]) && !space(text[s.end - 1]));
		prev_end = s.end;
		struct token *tok;
		size_t ntok;
		rc = tokenize(text, s, &a, &tok, &ntok, max_tok[(opt >> 2) & 3]);
		if (rc) {
			FUZZ_CHECK(rc == DYAD_ETOOBIG || rc == DYAD_ENOMEM);
			continue;
		}
		FUZZ_CHECK(ntok <= max_tok[(opt >> 2) & 3]);
		uint32_t tend = s.start;
		for (size_t k = 0; k < ntok; k++) {
			const struct token *t = &tok[k];
			FUZZ_CHECK(t->start >= tend && t->start < t->end && t->end <= s.end);
			FUZZ_CHECK(t->kind >= TOK_WORD && t->kind <= TOK_PUNCT);
			FUZZ_CHECK(t->key && strlen(t->key) == t->keylen);
			tend = t->end;
		}
	}
done:
	arena_release(&a);
	return 0;
}
