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
	fuzz_read_all(fuzz_path(data + 1, size - 1), &opt, false);
	return 0;
}
