/*
 * fuzz_feed.c - libFuzzer target for RSS/Atom feeds (feed.c) read
 * through the document reader. Input: one option byte, then the feed.
 * Option bits 0-1: max_doc_bytes (default, 64, 1000, 65536); bit 2: AUTO
 * detection instead of forcing DYAD_IN_FEED. Reads every item, errors
 * included, and checks the reader's contract for each.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_web_stream(data, size, DYAD_IN_FEED);
}
