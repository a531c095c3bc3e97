/*
 * fuzz_text.c - libFuzzer target for the text normalizer and dictionary
 * keys (text.c): text_normalize() on arbitrary bytes, checking the
 * invariants of its output (valid UTF-8 without NUL, CR or other control
 * characters but '\n' and '\t'; normalizing it again changes nothing),
 * and text_key() on the raw input and on the output with several
 * capacities (the key is NUL-terminated and fits).
 */
#include "fuzz.h"

#include <utf8proc.h>

static void check_key(const char *s, size_t n)
{
	static const size_t caps[] = { 1, 2, 5, 16, 64, 300 };
	char out[300];
	for (size_t i = 0; i < ARRAY_SIZE(caps); i++) {
		memset(out, 'x', sizeof out);
		int k = text_key(s, n, out, caps[i]);
		FUZZ_CHECK(k >= -1);
		if (k >= 0) {
			FUZZ_CHECK((size_t)k < caps[i]);
			FUZZ_CHECK(out[k] == 0);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	char *out = NULL;
	size_t outn = 0;
	dyad_error err;
	arena_init(&a, (size_t)64 << 20);
	check_key((const char *)data, size);
	int rc = text_normalize((const char *)data, size, &a, &out, &outn, &err);
	if (rc) {
		FUZZ_CHECK(rc == DYAD_EUTF8 || rc == DYAD_EINPUT ||
			   rc == DYAD_ETOOBIG || rc == DYAD_ENOMEM);
		FUZZ_CHECK(err.pos >= -1 && err.pos <= (long)size);
		goto done;
	}
	FUZZ_CHECK(out && out[outn] == 0 && strlen(out) == outn);
	for (size_t i = 0; i < outn;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)out + i,
						      (utf8proc_ssize_t)(outn - i), &cp);
		FUZZ_CHECK(l > 0);
		FUZZ_CHECK(cp >= 0x20 || cp == '\n' || cp == '\t');
		FUZZ_CHECK(cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
		i += (size_t)l;
	}
	/* idempotent: the output is already normal */
	char *again = NULL;
	size_t againn = 0;
	FUZZ_CHECK(text_normalize(out, outn, &a, &again, &againn, &err) == 0);
	FUZZ_CHECK(againn == outn && !memcmp(again, out, outn));
	/* keys of the whole text and of each line */
	check_key(out, outn);
	for (const char *p = out, *end = out + outn; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		check_key(p, (size_t)(le - p));
		p = nl ? nl + 1 : end;
	}
done:
	arena_release(&a);
	return 0;
}
