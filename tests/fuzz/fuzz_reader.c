/*
 * fuzz_reader.c - libFuzzer target for the document reader (reader.c):
 * JSONL, plain text, gzip and zstd streams. Input: one option byte, then
 * the file. Option bits 0-1: input kind (0 AUTO, 1 JSONL, 2 TEXT, 3
 * AUTO); bits 2-3: max_doc_bytes (default, 16, 100, 4096); bit 4: a
 * default date for plain text. Reads every document, errors included,
 * and checks the documented invariants of each.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t caps[4] = { 0, 16, 100, 4096 };
	static const enum dyad_input kinds[4] = {
		DYAD_IN_AUTO, DYAD_IN_JSONL, DYAD_IN_TEXT, DYAD_IN_AUTO,
	};
	if (!size)
		return 0;
	dyad_reader_options opt = {
		.kind = kinds[data[0] & 3],
		.default_date = data[0] & 16 ? 20240304 : 0,
		.max_doc_bytes = caps[(data[0] >> 2) & 3],
	};
	dyad_error err;
	dyad_reader *r = dyad_reader_open(fuzz_path(data + 1, size - 1), &opt, &err);
	FUZZ_CHECK(r);
	for (;;) {
		dyad_doc doc;
		memset(&doc, 0, sizeof doc);
		memset(&err, 0, sizeof err);
		int rc = dyad_reader_next(r, &doc, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			FUZZ_CHECK(err.code == rc);
			FUZZ_CHECK(memchr(err.msg, 0, sizeof err.msg));
			if (doc.id)
				FUZZ_CHECK(doc.id[doc.id_len] == 0);
			continue;
		}
		FUZZ_CHECK(rc == 1 && doc.text && doc.id);
		FUZZ_CHECK(doc.text[doc.text_len] == 0);
		FUZZ_CHECK(doc.id[doc.id_len] == 0);
		FUZZ_CHECK(doc.date == 0 || date_valid(doc.date));
		if (opt.max_doc_bytes)
			FUZZ_CHECK(doc.text_len <= opt.max_doc_bytes);
		if (doc.source)
			(void)strlen(doc.source);
		if (doc.url)
			(void)strlen(doc.url);
	}
	/* the end (or a stream failure) is final */
	dyad_doc doc;
	FUZZ_CHECK(dyad_reader_next(r, &doc, &err) == 0);
	dyad_reader_free(r);
	return 0;
}
