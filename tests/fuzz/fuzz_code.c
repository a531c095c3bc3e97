/*
 * fuzz_code.c - the end-to-end libFuzzer target: dyad_code() on arbitrary
 * document text with the bundled dictionaries (data/, relative to the
 * working directory, or $DYAD_FUZZ_DATA), loaded once, then the events
 * formatted in every output format. Input: one option byte, then the
 * text. Option bits 0-1: the document date (none, 2024-03-04,
 * 1995-01-01, 2024-12-31); bits 2-3: the worker (defaults, or one of
 * three sets of TABARI options, opts below); bit 4: --explain output.
 */
#include "fuzz.h"

static dyad_engine *engine;
static dyad_worker *workers[4];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static const char *const opts[4][4] = {
		{ NULL },
		{ "SET: REQUIRE DYAD = FALSE", "SET: CODE ALL",
		  "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER" },
		{ "COMMA: MIN = 2 MAX = 10", "SET: TIME SHIFT = TRUE",
		  "SET: MINIMUM WORDS = 4", "SET: CONVERT AGENTS = TRUE" },
		{ "SET: REQUIRE DYAD = FALSE", "COMMA: MIN = 1 MAX = 6",
		  "SET: CODE BY SENTENCE", "COMPLEX: VERBS[3] ACTORS[4] NOACTPRIOR" },
	};
	dyad_engine_options o;
	dyad_error err;
	memset(&o, 0, sizeof o);
	o.dict_dir = getenv("DYAD_FUZZ_DATA") ? getenv("DYAD_FUZZ_DATA") : "data";
	o.no_cache = true;
	engine = dyad_engine_open(&o, &err);
	if (!engine) {
		fprintf(stderr, "fuzz_code: cannot load %s: %s\n", o.dict_dir, err.msg);
		abort();
	}
	/* the last worker also has small caps (dyad_worker_options) */
	const dyad_worker_options small = { .max_sentence_tokens = 24, .max_events = 3 };
	for (int i = 0; i < 4; i++) {
		workers[i] = dyad_worker_new_opts(engine, i == 3 ? &small : NULL);
		FUZZ_CHECK(workers[i]);
		for (int k = 0; k < 4; k++) {
			if (opts[i][k] && dyad_worker_option(workers[i], opts[i][k], &err)) {
				fprintf(stderr, "fuzz_code: option '%s': %s\n", opts[i][k], err.msg);
				abort();
			}
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int dates[4] = { 0, 20240304, 19950101, 20241231 };
	if (!size)
		return 0;
	unsigned opt = data[0];
	dyad_doc doc = {
		.id = "fuzz", .id_len = 4,
		.text = (const char *)data + 1, .text_len = size - 1,
		.date = dates[opt & 3], .source = "fuzz", .url = NULL,
	};
	const dyad_result *r = NULL;
	dyad_error err;
	memset(&err, 0, sizeof err);
	int rc = dyad_code(workers[(opt >> 2) & 3], &doc, &r, &err);
	if (rc) {
		FUZZ_CHECK(rc < 0 && memchr(err.msg, 0, sizeof err.msg));
		return 0;
	}
	FUZZ_CHECK(r && r->text && r->text[r->text_len] == 0);
	FUZZ_CHECK(r->n_long_sentences >= 0 && r->n_long_sentences <= r->n_sentences);
	if (((opt >> 2) & 3) == 3)
		FUZZ_CHECK(r->n_events <= 3);
	fuzz_check_result(&doc, r, false, opt & 16);
	return 0;
}
