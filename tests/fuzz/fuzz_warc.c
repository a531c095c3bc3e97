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
	return fuzz_web_stream(data, size, DYAD_IN_WARC);
}
