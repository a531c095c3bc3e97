/*
 * fuzz_suite.c - libFuzzer target for the validation-suite readers
 * (suite_parse: TABARI, PETRARCH and gold-standard XML). The first byte,
 * when below 4, forces a format (enum suite_format). Build and run:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     -o /tmp/fuzz_suite tests/fuzz/fuzz_suite.c src/suite.c src/arena.c \
 *     src/buf.c src/date.c src/error.c
 *   /tmp/fuzz_suite -max_len=30000 CORPUS_DIR
 */
#include "internal.h"
#include "suite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct suite *s = NULL;
	dyad_error err;
	enum suite_format fmt = SUITE_AUTO;
	if (size && data[0] < 4) {
		fmt = (enum suite_format)data[0];
		data++;
		size--;
	}
	if (suite_parse((const char *)data, size, "fuzz", fmt, &s, &err) == 0) {
		for (size_t i = 0; i < s->nrec; i++)
			if (strlen(s->rec[i].text) != s->rec[i].text_len)
				__builtin_trap();
		suite_free(s);
	}
	return 0;
}
