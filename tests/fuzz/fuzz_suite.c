/*
 * fuzz_suite.c - libFuzzer target for the validation-suite readers
 * (suite_parse: TABARI, PETRARCH and gold-standard XML). The first byte,
 * when below 4, forces a format (enum suite_format). Checks that every
 * record, event, option, dictionary name and problem is a NUL-terminated
 * string of the documented kind. Build and run (docs/reliability.md):
 *   make fuzz && build/fuzz/fuzz_suite -max_len=30000 CORPUS_DIR
 *   make fuzz-run SECONDS=600 FUZZ_TARGETS=suite
 */
#include "fuzz.h"
#include "suite.h"

static void str(const char *s)
{
	FUZZ_CHECK(s);
	(void)strlen(s);
}

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
	if (suite_parse((const char *)data, size, "fuzz", fmt, &s, &err) != 0)
		return 0;
	FUZZ_CHECK(s->format == SUITE_TABARI || s->format == SUITE_PETR ||
		   s->format == SUITE_GSR);
	str(suite_format_name(s->format));
	for (size_t i = 0; i < s->nfiles; i++) {
		str(s->files[i].kind);
		str(s->files[i].path);
	}
	FUZZ_CHECK(s->nproblems <= SUITE_MAX_PROBLEMS);
	for (size_t i = 0; i < s->nproblems; i++)
		str(s->problems[i]);
	for (size_t i = 0; i < s->nrec; i++) {
		const struct suite_record *r = &s->rec[i];
		if (strlen(r->text) != r->text_len)
			__builtin_trap();
		str(r->id);
		str(r->category);
		str(r->note);
		if (r->error)
			str(r->error);
		if (r->malformed)
			str(r->malformed);
		if (r->skip)
			str(r->skip);
		FUZZ_CHECK(r->date == 0 || date_valid(r->date));
		for (size_t k = 0; k < r->nev; k++) {
			str(r->ev[k].src);
			str(r->ev[k].tgt);
			str(r->ev[k].code);
		}
		for (size_t k = 0; k < r->nopts; k++)
			str(r->opts[k]);
		(void)suite_counted(r);
	}
	suite_free(s);
	return 0;
}
