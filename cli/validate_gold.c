/*
 * validate_gold.c - "dyad validate --gold GOLD INPUT...": check dyad's
 * coding of a user's own documents against a gold standard of expected
 * events (docs/validate.md, "Your own gold standard").
 *
 * The documents are read like "dyad code" reads them (every input format,
 * compressed or not, --input-format, --date); the gold is JSONL, one line
 * per document,
 *     {"id": "doc-1", "events": [["AZEGOV", "IGOECO", "040"], ...]}
 * ("events": [] expects no event; an event may also be an object with
 * source, target and code), or lines of dyad's own JSONL output
 * ({"doc_id": ..., "source": ..., "target": ..., "code": ...}), so that a
 * reviewed run can be frozen as the gold of the next one. A document
 * passes when the set of (source, target, code) dyad codes equals the
 * expected set, as for the suites. Documents of the input without gold
 * are listed as SKIP and not counted; gold documents missing from the
 * input fail.
 */
#include "cli.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gev { char *src, *tgt, *code; };

struct gdoc {
	char *id;
	struct gev *ev;
	size_t nev, cap;
	bool seen;             /* main thread only: met in the input */
};

struct gold {
	struct gdoc *d;        /* sorted by id after gold_load() */
	size_t n, cap;
	bool show_pass, show_fail, show_other, explain;
};

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p) {
		warn("out of memory");
		exit(2);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		warn("out of memory");
		exit(2);
	}
	return q;
}

static int gdoc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gdoc *)a)->id, ((const struct gdoc *)b)->id);
}

static struct gdoc *gold_find(const struct gold *g, const char *id)
{
	struct gdoc key = { .id = (char *)id };
	return bsearch(&key, g->d, g->n, sizeof *g->d, gdoc_cmp);
}

/* The document id, during loading (unsorted: a linear probe over the
 * last document first, then a full scan; gold files are small). */
static struct gdoc *gold_doc(struct gold *g, const char *id)
{
	if (g->n && !strcmp(g->d[g->n - 1].id, id))
		return &g->d[g->n - 1];
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->d[i].id, id))
			return &g->d[i];
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->d = xrealloc(g->d, g->cap * sizeof *g->d);
	}
	struct gdoc *d = &g->d[g->n++];
	memset(d, 0, sizeof *d);
	d->id = xstrdup(id);
	return d;
}

static const char *side(const char *s)
{
	return s && *s ? s : "---";
}

static void gdoc_add(struct gdoc *d, const char *src, const char *tgt, const char *code)
{
	for (size_t i = 0; i < d->nev; i++)
		if (!strcmp(d->ev[i].src, side(src)) && !strcmp(d->ev[i].tgt, side(tgt)) &&
		    !strcmp(d->ev[i].code, code))
			return;   /* a set */
	if (d->nev == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 4;
		d->ev = xrealloc(d->ev, d->cap * sizeof *d->ev);
	}
	d->ev[d->nev++] = (struct gev){ xstrdup(side(src)), xstrdup(side(tgt)), xstrdup(code) };
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One gold line; NULL or the reason it is malformed. */
static const char *gold_line(struct gold *g, json_t *j)
{
	if (!json_is_object(j))
		return "not a JSON object";
	const char *id = jstr(j, "id");
	json_t *evs = json_object_get(j, "events");
	if (!id && jstr(j, "doc_id")) {
		/* a line of dyad's own output: one event */
		const char *code = jstr(j, "code");
		if (!code || !*code)
			return "an event line without \"code\"";
		gdoc_add(gold_doc(g, jstr(j, "doc_id")), jstr(j, "source"), jstr(j, "target"), code);
		return NULL;
	}
	if (!id || !*id)
		return "no \"id\" (or \"doc_id\") string";
	if (!json_is_array(evs))
		return "no \"events\" array";
	struct gdoc *d = gold_doc(g, id);
	size_t i;
	json_t *e;
	json_array_foreach(evs, i, e) {
		const char *s, *t, *c;
		if (json_is_array(e) && json_array_size(e) == 3) {
			s = json_string_value(json_array_get(e, 0));
			t = json_string_value(json_array_get(e, 1));
			c = json_string_value(json_array_get(e, 2));
		} else if (json_is_object(e)) {
			s = jstr(e, "source");
			t = jstr(e, "target");
			c = jstr(e, "code");
		} else {
			return "an event is neither [source, target, code] nor an object";
		}
		if (!c || !*c)
			return "an event without a code";
		gdoc_add(d, s, t, c);
	}
	return NULL;
}

/* Load path; 0, or 2 after printing FILE:LINE: reason. */
static int gold_load(struct gold *g, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		warn("cannot read gold '%s': %s", path, strerror(errno));
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t k;
	long no = 0;
	int rc = 0;
	while ((k = getline(&line, &cap, f)) >= 0) {
		no++;
		size_t n = (size_t)k;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
			n--;
		if (!n || line[0] == '#')
			continue;
		json_error_t je;
		json_t *j = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
		const char *why = j ? gold_line(g, j) : je.text;
		json_decref(j);
		if (why) {
			warn("%s:%ld: %s", path, no, why);
			rc = 2;
			break;
		}
	}
	if (!rc && ferror(f)) {
		warn("cannot read gold '%s': %s", path, strerror(errno));
		rc = 2;
	}
	free(line);
	fclose(f);
	if (!rc)
		qsort(g->d, g->n, sizeof *g->d, gdoc_cmp);
	return rc;
}

static void gold_free(struct gold *g)
{
	for (size_t i = 0; i < g->n; i++) {
		for (size_t k = 0; k < g->d[i].nev; k++) {
			free(g->d[i].ev[k].src);
			free(g->d[i].ev[k].tgt);
			free(g->d[i].ev[k].code);
		}
		free(g->d[i].ev);
		free(g->d[i].id);
	}
	free(g->d);
}

/* ---- coding and comparing (worker threads; the gold is read-only) ---- */

enum { R_PASS = 1, R_FAIL, R_SKIP };

struct tally { struct gold *g; size_t passed, failed, skipped; };

static int add(dyad_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
	return 0;
}

static int add_ev(dyad_buf *b, bool first, const char *s, const char *t, const char *c)
{
	char tmp[160];
	snprintf(tmp, sizeof tmp, "%s{%s %s %s}", first ? "" : " ", s, t, c);
	return add(b, tmp);
}

static bool got_has(const dyad_result *r, size_t upto, const char *s, const char *t, const char *c)
{
	for (size_t i = 0; i < upto; i++)
		if (!strcmp(side(r->events[i].source), s) && !strcmp(side(r->events[i].target), t) &&
		    !strcmp(r->events[i].code, c))
			return true;
	return false;
}

static int check_doc(void *ctx, void *ws, struct pipe_item *it, const dyad_doc *doc,
		     const dyad_result *r, dyad_buf *out)
{
	const struct gold *g = ((const struct tally *)ctx)->g;
	(void)ws;
	int *res = malloc(sizeof *res);
	if (!res)
		return -1;
	it->user = res;
	char id[512];
	snprintf(id, sizeof id, "%.*s", (int)doc->id_len, doc->id ? doc->id : "");
	const struct gdoc *d = doc->id ? gold_find(g, id) : NULL;
	if (!d) {
		*res = R_SKIP;
		if (g->show_other) {
			int rc = add(out, "SKIP ");
			if (!rc)
				rc = add(out, doc->id ? id : "(no id)");
			return rc ? rc : add(out, ": no gold\n");
		}
		return 0;
	}
	bool ok = true;
	for (size_t i = 0; i < d->nev && ok; i++)
		ok = got_has(r, r->n_events, d->ev[i].src, d->ev[i].tgt, d->ev[i].code);
	for (size_t i = 0; i < r->n_events && ok; i++) {
		bool found = false;
		for (size_t k = 0; k < d->nev && !found; k++)
			found = !strcmp(side(r->events[i].source), d->ev[k].src) &&
				!strcmp(side(r->events[i].target), d->ev[k].tgt) &&
				!strcmp(r->events[i].code, d->ev[k].code);
		ok = found;
	}
	*res = ok ? R_PASS : R_FAIL;
	if ((ok && !g->show_pass) || (!ok && !g->show_fail))
		return 0;
	int rc = add(out, ok ? "PASS " : "FAIL ");
	if (!rc)
		rc = add(out, id);
	if (ok || rc)
		return rc ? rc : add(out, "\n");
	rc = add(out, ": expected ");
	for (size_t i = 0; i < d->nev && !rc; i++)
		rc = add_ev(out, i == 0, d->ev[i].src, d->ev[i].tgt, d->ev[i].code);
	if (!rc && !d->nev)
		rc = add(out, "no event");
	if (!rc)
		rc = add(out, " got ");
	bool any = false;
	for (size_t i = 0; i < r->n_events && !rc; i++) {
		const dyad_event *e = &r->events[i];
		if (got_has(r, i, side(e->source), side(e->target), e->code))
			continue;
		rc = add_ev(out, !any, side(e->source), side(e->target), e->code);
		any = true;
	}
	if (!rc && !any)
		rc = add(out, "nothing");
	if (!rc)
		rc = add(out, "\n");
	for (size_t i = 0; i < r->n_events && !rc && g->explain; i++) {
		const dyad_event *e = &r->events[i];
		char tmp[512];
		snprintf(tmp, sizeof tmp, "    dyad: {%s %s %s} %d sentence %d rule=%s pattern=%s%s%s\n",
			 side(e->source), side(e->target), e->code, e->date, e->sentence, e->rule,
			 e->pattern, e->note[0] ? " note=" : "", e->note);
		rc = add(out, tmp);
	}
	return rc;
}

static bool count_batch(void *ctx, struct pipe_batch *b, bool stopped)
{
	struct tally *t = ctx;
	(void)stopped;
	for (int i = 0; i < b->n; i++) {
		const struct pipe_item *it = &b->items[i];
		const int *res = it->user;
		if (!res)
			continue;   /* a reader error: reported by the pipeline */
		if (*res == R_PASS)
			t->passed++;
		else if (*res == R_FAIL)
			t->failed++;
		else
			t->skipped++;
		if (*res != R_SKIP) {
			char id[512];
			snprintf(id, sizeof id, "%.*s", (int)it->id_len, it->id ? it->id : "");
			struct gdoc *d = gold_find(t->g, id);
			if (d)
				d->seen = true;
		}
	}
	if (b->out.len && fwrite(b->out.p, 1, b->out.len, stdout) != b->out.len) {
		warn("cannot write output");
		exit(2);
	}
	return true;
}

static void free_user(void *ctx, void *user)
{
	(void)ctx;
	free(user);
}

static const char gold_usage[] =
	"usage: dyad validate --gold GOLD [options] [FILE...]\n"
	"\n"
	"Code the documents of FILE... (or stdin), in any input format dyad\n"
	"reads, and compare each with its expected events in GOLD (JSONL: one\n"
	"{\"id\": ..., \"events\": [[source, target, code], ...]} per document,\n"
	"or dyad's own JSONL output). Prints 'PASS id' or 'FAIL id: expected\n"
	"{...} got {...}' per document and ends with 'N passed, N failed'.\n"
	"\n"
	"options: --only fail|pass, --floor N, --explain (dyad's events of a\n"
	"failure with rule and pattern), --dict DIR, and the input\n"
	"options of 'dyad code' (--input, --date, --threads, --max-doc-bytes).\n";

int cmd_validate_gold(int argc, char **argv)
{
	struct common_opts co = { 0 };
	struct pipe_opts po = { .ro = { DYAD_IN_AUTO, 0, 0, NULL } };
	struct gold g = { .show_pass = true, .show_fail = true, .show_other = true };
	const char *gold_path = NULL;
	const char *files[256];
	int nfiles = 0;
	long floor = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (common_option(&co, argc, argv, &i) || input_option("validate", &po, argc, argv, &i))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(gold_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--gold") && i + 1 < argc) {
			gold_path = argv[++i];
		} else if (!strcmp(a, "--only") && i + 1 < argc) {
			const char *only = argv[++i];
			if (strcmp(only, "fail") && strcmp(only, "pass"))
				die_usage("validate", "--only wants 'fail' or 'pass'");
			g.show_pass = !strcmp(only, "pass");
			g.show_fail = !strcmp(only, "fail");
			g.show_other = false;
		} else if (!strcmp(a, "--floor") && i + 1 < argc) {
			char *end;
			floor = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || floor < 0)
				die_usage("validate", "--floor wants a number of documents (0 or more)");
		} else if (!strcmp(a, "--explain")) {
			g.explain = true;
		} else if (a[0] == '-' && a[1]) {
			die_usage("validate", "unknown option '%s'", a);
		} else {
			if (nfiles == (int)(sizeof files / sizeof *files))
				die_usage("validate", "too many files (at most 256)");
			files[nfiles++] = a;
		}
	}
	if (!gold_path)
		die_usage("validate", "--gold FILE is required");
	if (!nfiles)
		files[nfiles++] = "-";
	po.files = files;
	po.nfiles = nfiles;
	if (gold_load(&g, gold_path)) {
		gold_free(&g);
		return 2;
	}
	dyad_engine *e = open_engine(&co, false, NULL);
	if (!e) {
		gold_free(&g);
		return 2;
	}
	install_signals();
	/* the workers only read t.g; the batch hook (main thread) counts */
	struct tally t = { .g = &g };
	struct pipe_hooks h = {
		.ctx = &t, .coded = check_doc, .batch = count_batch, .free_user = free_user,
	};
	struct pipe_totals tot;
	int prc = pipeline_run(e, &po, &h, &tot);
	dyad_engine_free(e);
	if (prc) {
		gold_free(&g);
		return 2;
	}
	for (size_t i = 0; i < g.n; i++)
		if (!g.d[i].seen) {
			t.failed++;
			if (g.show_fail)
				printf("FAIL %s: not in the input%s\n", g.d[i].id,
				       tot.errors ? " (or not readable: see the errors above)" : "");
		}
	if (t.skipped)
		printf("not counted: %zu document%s without gold\n", t.skipped,
		       t.skipped == 1 ? "" : "s");
	printf("%zu passed, %zu failed\n", t.passed, t.failed);
	fflush(stdout);
	fprintf(stderr, "docs=%zu coded=%zu empty=%zu errors=%zu events=%zu sentences=%zu\n",
		tot.docs, tot.coded, tot.empty, tot.errors, tot.events, tot.sentences);
	gold_free(&g);
	if (floor >= 0 && t.passed < (size_t)floor) {
		fprintf(stderr, "dyad: %zu passed, below the floor of %ld\n", t.passed, floor);
		return 1;
	}
	if (tot.signal)
		return 128 + tot.signal;
	return 0;
}
