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
	/* no event twice in a sentence (the duplicate check's hash table) */
	for (size_t i = 0; i < r->n_events && i < 512; i++)
		for (size_t j = i + 1; j < r->n_events && j < 512; j++) {
			const dyad_event *a = &r->events[i], *b = &r->events[j];
			FUZZ_CHECK(a->sentence != b->sentence || a->date != b->date ||
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
		bool explain = opt & 16;
		FUZZ_CHECK(dyad_format_header(fmts[i], explain, &b) == 0);
		FUZZ_CHECK(dyad_format_events(fmts[i], explain, &doc, r, &b) == 0);
		if (b.p)
			FUZZ_CHECK(b.p[b.len] == 0);
		dyad_buf_release(&b);
	}
	return 0;
}
