/*
 * fuzz_dict.h - the common part of fuzz_dict_petr.c and
 * fuzz_dict_tabari.c: load the input as one dictionary file of a given
 * kind through dyad_engine_open() (no cache, no CAMEO table), optionally
 * together with small fixed companion dictionaries of the other kinds so
 * that the coder has something to combine it with, check what the load reports, and code a
 * fixed document with the resulting engine.
 */
#ifndef DYAD_FUZZ_DICT_H
#define DYAD_FUZZ_DICT_H

#include "fuzz.h"
#include "dict.h"

static size_t fuzz_problems;

static void fuzz_on_problem(void *ctx, const dyad_dict_problem *p)
{
	(void)ctx;
	FUZZ_CHECK(memchr(p->file, 0, sizeof p->file));
	FUZZ_CHECK(memchr(p->msg, 0, sizeof p->msg) && p->msg[0]);
	FUZZ_CHECK(p->line >= 0);
	fuzz_problems++;
}

static const char fuzz_dict_doc[] =
	"Russia condemned China on Tuesday, Russian officials said. The Iranian "
	"foreign minister met President Putin of Russia in Moscow and accused "
	"the United States. Police in Cairo arrested protesters. Russia "
	"promised to meet with the Chinese delegation last week, but did not "
	"sign the accord.";

struct fuzz_companion { const char *kind, *text; };

/* Load data[0,size) as a kind file, with the companions whose kind
 * differs from kind (the first nc of comp; before it when cfirst). Then
 * code fuzz_dict_doc. */
static void fuzz_dict(const char *kind, const uint8_t *data, size_t size,
		      const struct fuzz_companion *comp, size_t nc, bool cfirst)
{
	dyad_dict_file files[4];
	size_t nf = 0;
	int slot = 1;
	if (!cfirst)
		files[nf++] = (dyad_dict_file){ kind, fuzz_file(0, data, size) };
	for (size_t i = 0; i < nc && slot < 4; i++) {
		if (!strcmp(comp[i].kind, kind))
			continue;
		files[nf++] = (dyad_dict_file){ comp[i].kind,
			fuzz_file(slot++, (const uint8_t *)comp[i].text, strlen(comp[i].text)) };
	}
	if (cfirst)
		files[nf++] = (dyad_dict_file){ kind, fuzz_file(0, data, size) };
	dyad_engine_options o;
	memset(&o, 0, sizeof o);
	o.dict_dir = "/nonexistent/dyad-fuzz";
	o.files = files;
	o.nfiles = nf;
	o.no_cache = true;
	o.no_places = true;   /* the gazetteer is not this target's input, and
				 * building it per input would take 100 ms */
	o.on_problem = fuzz_on_problem;
	dyad_error err;
	memset(&err, 0, sizeof err);
	fuzz_problems = 0;
	dyad_engine *e = dyad_engine_open(&o, &err);
	if (!e) {
		FUZZ_CHECK(err.code < 0 && memchr(err.msg, 0, sizeof err.msg));
		return;
	}
	dyad_dict_stats st;
	dyad_engine_stats(e, &st);
	dyad_worker *w = dyad_worker_new(e);
	FUZZ_CHECK(w);
	dyad_doc doc = {
		.id = "fuzz", .id_len = 4,
		.text = fuzz_dict_doc, .text_len = sizeof fuzz_dict_doc - 1,
		.date = 20240305,
	};
	const dyad_result *r;
	if (dyad_code(w, &doc, &r, &err) == 0) {
		for (size_t i = 0; i < r->n_events; i++) {
			const dyad_event *ev = &r->events[i];
			FUZZ_CHECK(memchr(ev->source, 0, sizeof ev->source));
			FUZZ_CHECK(memchr(ev->target, 0, sizeof ev->target));
			FUZZ_CHECK(memchr(ev->code, 0, sizeof ev->code));
			FUZZ_CHECK(ev->ev_start <= ev->ev_end && ev->ev_end <= r->text_len);
		}
	}
	dyad_worker_free(w);
	dyad_engine_free(e);
}

#endif
