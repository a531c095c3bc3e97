/*
 * replay_main.c - a main() for the fuzz targets without libFuzzer: calls
 * LLVMFuzzerInitialize (when the target has one) and then
 * LLVMFuzzerTestOneInput once per file named on the command line. Used by
 * make test (tests/cli/fuzz_replay.sh) to replay every input that ever
 * crashed a target, with the normal (or sanitizer) build. Exits 0 when
 * every input ran; a crash is the target's failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			fclose(f);
			fprintf(stderr, "replay: out of memory\n");
			return 1;
		}
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		uint8_t *p = realloc(buf, cap * 2);
		if (!p)
			free(buf);
		buf = p;
		cap *= 2;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		fprintf(stderr, "replay: cannot read %s\n", path);
		return 1;
	}
	/* exactly n bytes, as libFuzzer gives them (ASan sees overreads) */
	uint8_t *data = malloc(n ? n : 1);
	if (!data) {
		free(buf);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		data[i] = buf[i];
	free(buf);
	LLVMFuzzerTestOneInput(data, n);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		fprintf(stderr, "replay %s\n", argv[i]);   /* the last one crashed */
		rc |= replay(argv[i]);
	}
	return rc;
}
