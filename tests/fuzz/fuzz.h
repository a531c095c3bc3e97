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

/* The checks every coder target makes on a result r of document doc: no
 * event twice in a sentence (in the document when whole: TABARI's
 * duplicate check covers the document), every string field terminated,
 * every offset inside the text, and every output format writes it. */
static inline void fuzz_check_result(const dyad_doc *doc, const dyad_result *r, bool whole,
				     bool explain)
{
	for (size_t i = 0; i < r->n_events && i < 512; i++)
		for (size_t j = i + 1; j < r->n_events && j < 512; j++) {
			const dyad_event *a = &r->events[i], *b = &r->events[j];
			FUZZ_CHECK((!whole && a->sentence != b->sentence) || a->date != b->date ||
				   strcmp(a->source, b->source) || strcmp(a->target, b->target) ||
				   strcmp(a->code, b->code));
		}
	for (size_t i = 0; i < r->n_events; i++) {
		const dyad_event *ev = &r->events[i];
		FUZZ_CHECK(ev->sentence >= 0 && ev->sentence < r->n_sentences);
		FUZZ_CHECK(memchr(ev->source, 0, sizeof ev->source));
		FUZZ_CHECK(memchr(ev->target, 0, sizeof ev->target));
		FUZZ_CHECK(memchr(ev->code, 0, sizeof ev->code));
		FUZZ_CHECK(memchr(ev->rule, 0, sizeof ev->rule));
		FUZZ_CHECK(memchr(ev->pattern, 0, sizeof ev->pattern));
		FUZZ_CHECK(memchr(ev->note, 0, sizeof ev->note));
		FUZZ_CHECK(ev->ev_start <= ev->ev_end && ev->ev_end <= r->text_len);
		FUZZ_CHECK(ev->verb_start <= ev->verb_end && ev->verb_end <= r->text_len);
		FUZZ_CHECK(ev->source_start <= ev->source_end &&
			   ev->source_end <= r->text_len);
		FUZZ_CHECK(ev->target_start <= ev->target_end &&
			   ev->target_end <= r->text_len);
	}
	static const enum dyad_format fmts[] = {
		DYAD_FMT_JSONL, DYAD_FMT_TSV, DYAD_FMT_CSV,
	};
	for (size_t i = 0; i < ARRAY_SIZE(fmts); i++) {
		dyad_buf b = { 0 };
		FUZZ_CHECK(dyad_format_header(fmts[i], explain, &b) == 0);
		FUZZ_CHECK(dyad_format_events(fmts[i], explain, doc, r, &b) == 0);
		if (b.p)
			FUZZ_CHECK(b.p[b.len] == 0);
		dyad_buf_release(&b);
	}
}

/* Read every document of path, errors included, and check the reader's
 * contract for each (fuzz_reader.c, and fuzz_web_stream below); with
 * need_id, a document must have a non-empty id. */
static inline void fuzz_read_all(const char *path, const dyad_reader_options *opt, bool need_id)
{
	dyad_error err;
	dyad_reader *r = dyad_reader_open(path, opt, &err);
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
		FUZZ_CHECK(rc == 1 && doc.text && doc.id && (!need_id || doc.id_len));
		FUZZ_CHECK(doc.text[doc.text_len] == 0);
		enum dyad_input k = dyad_reader_kind(r);
		if (k == DYAD_IN_HTML || k == DYAD_IN_FEED || k == DYAD_IN_WARC) {
			/* extracted text: never empty, never a NUL byte */
			FUZZ_CHECK(doc.text_len > 0);
			FUZZ_CHECK(!memchr(doc.text, 0, doc.text_len));
		}
		FUZZ_CHECK(doc.id[doc.id_len] == 0);
		FUZZ_CHECK(doc.date == 0 || date_valid(doc.date));
		if (opt->max_doc_bytes)
			FUZZ_CHECK(doc.text_len <= opt->max_doc_bytes);
		if (doc.source)
			(void)strlen(doc.source);
		if (doc.url)
			(void)strlen(doc.url);
	}
	/* the end (or a stream failure) is final */
	dyad_doc doc;
	FUZZ_CHECK(dyad_reader_next(r, &doc, &err) == 0);
	dyad_reader_free(r);
}

/* The body of the web-format reader targets (fuzz_feed.c, fuzz_warc.c):
 * option byte bits 0-1 max_doc_bytes (default, 64, 1000, 65536), bit 2
 * AUTO detection instead of forcing `forced`. */
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
	fuzz_read_all(fuzz_path(data + 1, size - 1), &opt, true);
	return 0;
}

#endif
