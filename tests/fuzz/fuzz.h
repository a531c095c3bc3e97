/*
 * fuzz.h - helpers shared by the libFuzzer targets of tests/fuzz/.
 *
 * Each fuzz_<target>.c defines LLVMFuzzerTestOneInput (and, when it needs
 * state loaded once, LLVMFuzzerInitialize). They are built two ways:
 * with clang -fsanitize=fuzzer (make fuzz) and with any compiler plus
 * replay_main.c (make test replays tests/fuzz/corpus/<target>/).
 *
 * Readers that take a path get the input through fuzz_path(): a memfd
 * per process, rewritten for every input, opened as /proc/self/fd/N, so
 * nothing touches the disk and the library needs no in-memory variant.
 */
#ifndef DYAD_FUZZ_H
#define DYAD_FUZZ_H

#define _GNU_SOURCE 1
#include "internal.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Replace the contents of memfd number slot (0..7, one per process each)
 * with data[0,size) and return a path that opens it from the start
 * (static storage). Aborts when the memfd cannot be made: the harness is
 * broken, not the input. */
static inline const char *fuzz_file(int slot, const uint8_t *data, size_t size)
{
	static int fd[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
	static char path[8][64];
	if (slot < 0 || slot > 7)
		abort();
	if (fd[slot] < 0) {
		fd[slot] = memfd_create("dyad-fuzz", MFD_CLOEXEC);
		if (fd[slot] < 0)
			abort();
		snprintf(path[slot], sizeof path[slot], "/proc/self/fd/%d", fd[slot]);
	}
	if (ftruncate(fd[slot], 0))
		abort();
	size_t off = 0;
	while (off < size) {
		ssize_t k = pwrite(fd[slot], data + off, size - off, (off_t)off);
		if (k <= 0)
			abort();
		off += (size_t)k;
	}
	return path[slot];
}

static inline const char *fuzz_path(const uint8_t *data, size_t size)
{
	return fuzz_file(0, data, size);
}

/* A check of the harness's own invariants on the library's output. */
#define FUZZ_CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* The body of the web-format reader targets (fuzz_feed.c, fuzz_warc.c):
 * option byte bits 0-1 max_doc_bytes (default, 64, 1000, 65536), bit 2
 * AUTO detection instead of forcing `forced`; reads every document,
 * errors included, and checks the reader's contract for each. */
static inline int fuzz_web_stream(const uint8_t *data, size_t size, enum dyad_input forced)
{
	static const size_t caps[4] = { 0, 64, 1000, 65536 };
	if (!size)
		return 0;
	dyad_reader_options opt = {
		.kind = data[0] & 4 ? DYAD_IN_AUTO : forced,
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

#endif
