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

#endif
