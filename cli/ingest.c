/*
 * ingest.c - "dyad ingest": code documents (as "dyad code" does, through
 * pipeline.c) and store them in an SQLite event store, one transaction
 * per batch of documents, then rebuild the cross-report clusters.
 *
 * Workers hash each document's text and, with their own read-only
 * connection, skip documents already stored with the same hash (a rerun
 * after a crash codes only what is missing); the main thread stores each
 * finished batch in input order and is the one that decides (a document
 * seen twice in one run is stored once). A database error stops the run:
 * the failed batch is rolled back, earlier batches stay committed.
 */
#include "cli.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char ingest_usage[] =
	"usage: dyad ingest --db FILE.db [options] [INPUT...]\n"
	"\n"
	"Code news documents (as 'dyad code' does: JSONL, plain text, HTML,\n"
	"RSS/Atom or WARC, gzip or zstd, stdin when no INPUT) and store\n"
	"documents, evidence sentences and events with their provenance in the\n"
	"SQLite database FILE.db (created when absent). A document already stored with the same id and text is\n"
	"left alone; a changed text replaces its events. Safe to interrupt:\n"
	"rerun the same command to finish.\n"
	"\n"
	"options:\n"
	"  --db FILE                the event store (required)\n"
	"  --input-format F         auto (default), jsonl, text, html, rss, atom,\n"
	"                           feed or warc (--input is the same)\n"
	"  --date YYYY-MM-DD        document date for plain text (and for pages\n"
	"                           and feed items that give none)\n"
	"  --threads N              worker threads (default: all cores)\n"
	"  --strict                 stop at the first bad document\n"
	"  --dict DIR               dictionary directory (default: bundled)\n"
	"  --max-doc-bytes N        larger documents are errors (default 64M)\n"
	"  --max-sentence-tokens N  longer sentences are not coded (default 4096)\n"
	"  --max-events N           a document with more events is an error\n"
	"                           (default 100000)\n"
	"  --max-entry-bytes N      longer dictionary lines are skipped (4096)\n"
	"  --force                  recode and replace unchanged documents too\n"
	"  --no-cluster             do not rebuild the cross-report clusters\n"
	"  --window N               clusters: dates at most N days apart (default 2)\n"
	"  --min-overlap F          clusters: evidence word overlap 0..1 (default 0.25)\n"
	"  --busy-timeout MS        wait this long for another writer (default 5000)\n"
	"\n"
	"Prints a summary on stderr: docs=N coded=N empty=N errors=N events=N\n"
	"sentences=N new=N replaced=N unchanged=N, then the throughput.\n"
	"Exit status: 0 all documents read and stored, 1 some skipped, 2 usage,\n"
	"dictionary or database error.\n";

struct ingest {
	const char *path;
	int busy_ms;
	bool force;
	bool failed;              /* a database error stopped the run */
	dyad_store *st;
	size_t added, replaced, unchanged, stored_events;
};

/* What a worker keeps of one document for the main thread. */
struct idoc {
	char sha[65];
	dyad_event *ev;
	size_t nev;
	char *text;
	size_t text_len;
	int nsent;
};

static void *worker_init(void *ctx)
{
	struct ingest *g = ctx;
	if (g->force)
		return NULL;
	dyad_store_options o = { .write = false, .busy_timeout_ms = g->busy_ms };
	return dyad_store_open(g->path, &o, NULL);   /* NULL: no pre-check */
}

static void worker_free(void *ctx, void *ws)
{
	(void)ctx;
	dyad_store_close(ws);
}

static bool skip_doc(void *ctx, void *ws, struct pipe_item *it, const dyad_doc *doc)
{
	(void)ctx;
	struct idoc *d = calloc(1, sizeof *d);
	if (!d) {
		warn("out of memory");
		exit(2);
	}
	it->user = d;
	dyad_text_sha256(doc->text, doc->text_len, d->sha);
	return ws && dyad_store_has(ws, doc->id, doc->id_len, d->sha, NULL) == 1;
}

static int keep_doc(void *ctx, void *ws, struct pipe_item *it, const dyad_doc *doc,
		    const dyad_result *r, dyad_buf *out)
{
	(void)ctx;
	(void)ws;
	(void)doc;
	(void)out;
	struct idoc *d = it->user;
	d->nsent = r->n_sentences;
	if (r->n_events) {
		d->ev = malloc(r->n_events * sizeof *d->ev);
		d->text = malloc(r->text_len + 1);
		if (!d->ev || !d->text)
			return -1;
		memcpy(d->ev, r->events, r->n_events * sizeof *d->ev);
		memcpy(d->text, r->text, r->text_len);
		d->text[r->text_len] = 0;
		d->nev = r->n_events;
		d->text_len = r->text_len;
	}
	return 0;
}

static void free_doc(void *ctx, void *user)
{
	(void)ctx;
	struct idoc *d = user;
	free(d->ev);
	free(d->text);
	free(d);
}

static bool store_batch(void *ctx, struct pipe_batch *b, bool stopped)
{
	struct ingest *g = ctx;
	if (stopped || g->failed)
		return false;
	dyad_error err = { 0 };
	int rc = dyad_store_begin(g->st, &err);
	size_t added = 0, replaced = 0, unchanged = 0, events = 0;
	for (int i = 0; i < b->n && !rc; i++) {
		struct pipe_item *it = &b->items[i];
		struct idoc *d = it->user;
		if (it->error || it->failed || !d)
			continue;
		if (it->skipped) {
			unchanged++;
			continue;
		}
		dyad_doc doc = {
			.id = it->id, .id_len = it->id_len, .text = it->text,
			.text_len = it->text_len, .date = it->date,
			.source = it->source, .url = it->url,
		};
		dyad_result r = {
			.text = d->text ? d->text : "", .text_len = d->text_len,
			.events = d->ev, .n_events = d->nev, .n_sentences = d->nsent,
		};
		rc = dyad_store_put(g->st, &doc, d->sha, &r, g->force, &err);
		if (rc == DYAD_PUT_NEW)
			added++;
		else if (rc == DYAD_PUT_REPLACED)
			replaced++;
		else if (rc == DYAD_PUT_UNCHANGED)
			unchanged++;
		if (rc == DYAD_PUT_NEW || rc == DYAD_PUT_REPLACED)
			events += d->nev;
		if (rc > 0)
			rc = 0;
	}
	if (!rc)
		rc = dyad_store_commit(g->st, &err);
	else
		dyad_store_rollback(g->st);
	if (rc) {
		print_error(&err);
		g->failed = true;
		return false;
	}
	g->added += added;
	g->replaced += replaced;
	g->unchanged += unchanged;
	g->stored_events += events;
	return true;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse the options shared with "dyad dedup"; true if consumed. */
bool cluster_option(const char *cmd, dyad_cluster_options *co, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	char *end;
	if (!strcmp(a, "--window") && *i + 1 < argc) {
		long v = strtol(argv[++*i], &end, 10);
		if (*end || v < 0 || v > 3650)
			die_usage(cmd, "--window wants a number of days from 0 to 3650");
		co->window_days = (int)v;
		return true;
	}
	if (!strcmp(a, "--min-overlap") && *i + 1 < argc) {
		double v = strtod(argv[++*i], &end);
		if (*end || !(v >= 0 && v <= 1))
			die_usage(cmd, "--min-overlap wants a number from 0 to 1");
		co->min_overlap = v;
		return true;
	}
	return false;
}

bool busy_option(const char *cmd, int argc, char **argv, int *i, int *ms)
{
	if (strcmp(argv[*i], "--busy-timeout") || *i + 1 >= argc)
		return false;
	char *end;
	long v = strtol(argv[++*i], &end, 10);
	if (*end || v < 0 || v > 86400000)
		die_usage(cmd, "--busy-timeout wants milliseconds");
	*ms = v ? (int)v : -1;
	return true;
}

int cmd_ingest(int argc, char **argv)
{
	struct common_opts co = { 0 };
	struct pipe_opts po = { .ro = { DYAD_IN_AUTO, 0, 0, NULL } };
	struct ingest g = { 0 };
	dyad_cluster_options cl = { -1, -1 };
	bool cluster = true;
	const char *files[256];
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (common_option(&co, argc, argv, &i) || input_option("ingest", &po, argc, argv, &i) ||
		    cluster_option("ingest", &cl, argc, argv, &i) ||
		    busy_option("ingest", argc, argv, &i, &g.busy_ms))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(ingest_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--db") && i + 1 < argc) {
			g.path = argv[++i];
		} else if (!strcmp(a, "--force")) {
			g.force = true;
		} else if (!strcmp(a, "--no-cluster")) {
			cluster = false;
		} else if (a[0] == '-' && a[1]) {
			die_usage("ingest", "unknown option '%s'", a);
		} else {
			if (nfiles == (int)(sizeof files / sizeof *files))
				die_usage("ingest", "too many files (at most 256)");
			files[nfiles++] = a;
		}
	}
	if (!g.path)
		die_usage("ingest", "--db FILE is required");
	if (!nfiles)
		files[nfiles++] = "-";
	po.files = files;
	po.nfiles = nfiles;
	/* a file size limit (ulimit -f) must fail the write, not kill us */
	signal(SIGXFSZ, SIG_IGN);

	dyad_error err = { 0 };
	dyad_store_options so = { .write = true, .busy_timeout_ms = g.busy_ms };
	g.st = dyad_store_open(g.path, &so, &err);
	if (!g.st) {
		print_error(&err);
		return 2;
	}
	dyad_engine *e = open_engine(&co, false, NULL);
	if (!e) {
		dyad_store_close(g.st);
		return 2;
	}
	if (dyad_store_set_engine(g.st, e, &err)) {
		print_error(&err);
		dyad_engine_free(e);
		dyad_store_close(g.st);
		return 2;
	}
	struct pipe_hooks h = {
		.ctx = &g, .worker_init = worker_init, .worker_free = worker_free,
		.skip = skip_doc, .coded = keep_doc, .batch = store_batch, .free_user = free_doc,
	};
	struct pipe_totals t;
	double t0 = now();
	if (pipeline_run(e, &po, &h, &t)) {
		dyad_engine_free(e);
		dyad_store_close(g.st);
		return 2;
	}
	double t1 = now();
	dyad_engine_free(e);
	size_t nclusters = 0;
	bool clustered = false;
	if (!g.failed && cluster && (g.added || g.replaced || !dyad_store_clusters_fresh(g.st))) {
		if (dyad_store_cluster(g.st, &cl, &nclusters, &err)) {
			print_error(&err);
			g.failed = true;
		} else {
			clustered = true;
		}
	}
	double t2 = now();
	if (dyad_store_close(g.st) && !g.failed) {
		warn("cannot close '%s'", g.path);
		g.failed = true;
	}
	fprintf(stderr, "docs=%zu coded=%zu empty=%zu errors=%zu events=%zu sentences=%zu"
		" new=%zu replaced=%zu unchanged=%zu\n", t.docs, t.coded, t.empty, t.errors,
		t.events, t.sentences, g.added, g.replaced, g.unchanged);
	if (t.long_sentences)
		warn("%zu sentences longer than --max-sentence-tokens were not coded",
		     t.long_sentences);
	double secs = t1 - t0 > 1e-6 ? t1 - t0 : 1e-6;
	fprintf(stderr, "ingest: %.2f s, %.0f docs/s, %.0f events/s stored", secs,
		(double)t.docs / secs, (double)g.stored_events / secs);
	if (clustered)
		fprintf(stderr, "; %zu clusters in %.2f s", nclusters, t2 - t1);
	fputc('\n', stderr);
	if (g.failed)
		return 2;
	if (t.stopped)
		return 1;
	return (t.errors || t.io_error) ? 1 : 0;
}
