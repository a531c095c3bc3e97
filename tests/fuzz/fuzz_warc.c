/*
 * fuzz_warc.c - libFuzzer target for WARC files (warc.c and the record
 * framing in reader.c). Input: one option byte, then the file (plain, or
 * gzip members). Option bits 0-1: max_doc_bytes (default, 64, 1000, 65536);
 * bit 2: AUTO detection instead of forcing DYAD_IN_WARC. Reads every record,
 * errors included, and checks the reader's contract for each.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t caps[4] = { 0, 64, 1000, 65536 };
	if (!size)
		return 0;
	dyad_reader_options opt = {
		.kind = data[0] & 4 ? DYAD_IN_AUTO : DYAD_IN_WARC,
		.default_date = 0,
		.max_doc_bytes = caps[data[0] & 3],
		.cancel = NULL,
	};
	dyad_error err;
	dyad_reader *r = dyad_reader_open(fuzz_path(data + 1, size - 1), &opt, &err);
	FUZZ_CHECK(r);
	for (int guard = 0; guard < 1000000; guard++) {
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
		FUZZ_CHECK(rc == 1 && doc.text && doc.id && doc.id_len);
		FUZZ_CHECK(doc.text[doc.text_len] == 0);
		enum dyad_input k = dyad_reader_kind(r);
		if (k == DYAD_IN_HTML || k == DYAD_IN_FEED || k == DYAD_IN_WARC) {
			/* extracted text: never empty, never a NUL byte */
			FUZZ_CHECK(doc.text_len > 0);
			FUZZ_CHECK(!memchr(doc.text, 0, doc.text_len));
		}
		FUZZ_CHECK(doc.id[doc.id_len] == 0);
		FUZZ_CHECK(doc.date == 0 || date_valid(doc.date));
		if (opt.max_doc_bytes)
			FUZZ_CHECK(doc.text_len <= opt.max_doc_bytes);
		if (doc.source)
			(void)strlen(doc.source);
		if (doc.url)
			(void)strlen(doc.url);
	}
	dyad_doc doc;
	FUZZ_CHECK(dyad_reader_next(r, &doc, &err) == 0);
	dyad_reader_free(r);
	return 0;
}
