/*
 * pipeline.c - the document pipeline shared by "dyad code" and "dyad
 * ingest": the main thread reads documents into batches; worker threads
 * code whole batches; the main thread hands finished batches to the
 * caller in input order, whatever the number of threads. Every document
 * is counted once: coded (events), empty (no events), skipped (the caller
 * said so before coding) or an error reported as
 * "dyad: doc <id|line N>: <reason>" (printed after the caller saw the
 * batch).
 */
#include "cli.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BATCH_DOCS 256
#define BATCH_BYTES (4u << 20)

struct batch {
	struct pipe_batch pb;
	struct pipe_item items[BATCH_DOCS];
	size_t bytes;
	dyad_buf err;
	bool fatal;          /* --strict: an error in this batch */
	int state;           /* 0 free, 1 queued, 2 done */
	long seq;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done;
	struct batch **queue;
	int qhead, qtail, qcap;
	bool stop;
	const dyad_engine *e;
	const dyad_worker_options *wo;
	const struct pipe_hooks *h;
	bool strict;
};

static void item_release(const struct pipe_hooks *h, struct pipe_item *it)
{
	free(it->id);
	free(it->text);
	free(it->source);
	free(it->url);
	free(it->error);
	if (it->user && h->free_user)
		h->free_user(h->ctx, it->user);
	memset(it, 0, sizeof *it);
}

static char *dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

static void code_batch(struct pool *p, dyad_worker *w, void *ws, struct batch *b)
{
	const struct pipe_hooks *h = p->h;
	struct pipe_batch *pb = &b->pb;
	for (int i = 0; i < pb->n; i++) {
		struct pipe_item *it = &b->items[i];
		if (it->error) {
			dyad_buf *eb = &b->err;
			size_t need = strlen(it->error) + 2;
			char *tmp = realloc(eb->p, eb->len + need + 1);
			if (tmp) {
				eb->p = tmp;
				memcpy(eb->p + eb->len, it->error, need - 2);
				eb->len += need - 2;
				eb->p[eb->len++] = '\n';
				eb->p[eb->len] = 0;
			}
			pb->errors++;
			if (p->strict) {
				b->fatal = true;
				pb->n = i + 1;
				break;
			}
			continue;
		}
		dyad_doc doc = {
			.id = it->id, .id_len = it->id_len, .text = it->text,
			.text_len = it->text_len, .date = it->date,
			.source = it->source, .url = it->url,
		};
		if (h->skip && h->skip(h->ctx, ws, it, &doc)) {
			it->skipped = true;
			pb->skipped++;
			continue;
		}
		const dyad_result *r;
		dyad_error err = { 0 };
		int rc = dyad_code(w, &doc, &r, &err);
		if (rc) {
			char msg[512];
			if (err.pos >= 0 && !strstr(err.msg, "byte"))
				snprintf(msg, sizeof msg, "dyad: doc %s: %s at byte %ld\n", it->id,
					 err.msg, err.pos);
			else
				snprintf(msg, sizeof msg, "dyad: doc %s: %s\n", it->id, err.msg);
			size_t ml = strlen(msg);
			char *tmp = realloc(b->err.p, b->err.len + ml + 1);
			if (tmp) {
				b->err.p = tmp;
				memcpy(b->err.p + b->err.len, msg, ml + 1);
				b->err.len += ml;
			}
			it->failed = true;
			pb->errors++;
			if (p->strict) {
				b->fatal = true;
				pb->n = i + 1;
				break;
			}
			continue;
		}
		pb->sentences += (size_t)r->n_sentences;
		pb->long_sentences += (size_t)r->n_long_sentences;
		if (r->n_events) {
			pb->coded++;
			pb->events += r->n_events;
		} else {
			pb->empty++;
		}
		if (h->coded && h->coded(h->ctx, ws, it, &doc, r, &pb->out)) {
			warn("out of memory formatting events");
			exit(2);
		}
	}
}

static void *worker_main(void *arg)
{
	struct pool *p = arg;
	dyad_worker *w = dyad_worker_new_opts(p->e, p->wo);
	if (!w) {
		warn("out of memory");
		exit(2);
	}
	void *ws = p->h->worker_init ? p->h->worker_init(p->h->ctx) : NULL;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->qhead == p->qtail && !p->stop)
			pthread_cond_wait(&p->cv_work, &p->mu);
		if (p->qhead == p->qtail && p->stop)
			break;
		struct batch *b = p->queue[p->qhead % p->qcap];
		p->qhead++;
		pthread_mutex_unlock(&p->mu);
		code_batch(p, w, ws, b);
		pthread_mutex_lock(&p->mu);
		b->state = 2;
		pthread_cond_broadcast(&p->cv_done);
	}
	pthread_mutex_unlock(&p->mu);
	if (p->h->worker_free)
		p->h->worker_free(p->h->ctx, ws);
	dyad_worker_free(w);
	return NULL;
}

/* Hand batch b to the caller, print its errors, count and recycle it (in
 * sequence). Returns false when the run is to stop (--strict, or the
 * caller said so). */
static bool flush_batch(const struct pipe_hooks *h, struct batch *b, struct pipe_totals *t,
			bool stopped)
{
	struct pipe_batch *pb = &b->pb;
	bool go = h->batch ? h->batch(h->ctx, pb, stopped) : true;
	if (b->err.len)
		fwrite(b->err.p, 1, b->err.len, stderr);
	t->docs += (size_t)pb->n;
	t->coded += pb->coded;
	t->empty += pb->empty;
	t->errors += pb->errors;
	t->events += pb->events;
	t->sentences += pb->sentences;
	t->skipped += pb->skipped;
	t->long_sentences += pb->long_sentences;
	bool fatal = b->fatal;
	for (int i = 0; i < BATCH_DOCS; i++)
		item_release(h, &b->items[i]);
	pb->out.len = b->err.len = 0;
	pb->n = 0;
	b->bytes = 0;
	pb->coded = pb->empty = pb->errors = pb->events = pb->sentences = pb->skipped = 0;
	pb->long_sentences = 0;
	b->fatal = false;
	b->state = 0;
	return !fatal && go;
}

static volatile int interrupted;   /* sig_atomic_t is int on Linux */

static void on_signal(int sig)
{
	if (interrupted) {          /* the second one: stop now */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	interrupted = sig;
}

void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;     /* no SA_RESTART: a blocked read returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

long cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

int pipeline_run(const dyad_engine *e, const struct pipe_opts *o, const struct pipe_hooks *h,
		 struct pipe_totals *t)
{
	long threads = o->threads ? o->threads : cores();
	struct pool p = { .e = e, .wo = &o->wo, .h = h, .strict = o->strict };
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv_work, NULL);
	pthread_cond_init(&p.cv_done, NULL);
	int nslots = (int)threads * 2 + 2;
	struct batch *slots = calloc((size_t)nslots, sizeof *slots);
	p.qcap = nslots;
	p.queue = calloc((size_t)nslots, sizeof *p.queue);
	pthread_t *tids = calloc((size_t)threads, sizeof *tids);
	if (!slots || !p.queue || !tids) {
		warn("out of memory");
		free(slots);
		free(p.queue);
		free(tids);
		return 2;
	}
	for (int i = 0; i < nslots; i++)
		slots[i].pb.items = slots[i].items;
	for (long i = 0; i < threads; i++)
		if (pthread_create(&tids[i], NULL, worker_main, &p)) {
			warn("cannot start threads");
			return 2;
		}

	memset(t, 0, sizeof *t);
	long next_write = 0, next_fill = 0;
	bool stop = false;
	struct batch *cur = NULL;

	/* Wait for and hand over every finished batch up to sequence `upto`. */
#define DRAIN(upto) do { \
	while (next_write < (upto)) { \
		struct batch *wb = &slots[next_write % nslots]; \
		pthread_mutex_lock(&p.mu); \
		while (wb->state != 2) \
			pthread_cond_wait(&p.cv_done, &p.mu); \
		pthread_mutex_unlock(&p.mu); \
		if (!flush_batch(h, wb, t, stop)) \
			stop = true; \
		next_write++; \
	} } while (0)

#define SUBMIT() do { \
	pthread_mutex_lock(&p.mu); \
	cur->state = 1; \
	p.queue[p.qtail % p.qcap] = cur; \
	p.qtail++; \
	pthread_cond_signal(&p.cv_work); \
	pthread_mutex_unlock(&p.mu); \
	next_fill++; \
	cur = NULL; } while (0)

	dyad_reader_options ro = o->ro;
	ro.cancel = &interrupted;
	for (int fi = 0; fi < o->nfiles && !stop; fi++) {
		dyad_error err = { 0 };
		dyad_reader *r = dyad_reader_open(o->files[fi], &ro, &err);
		if (!r) {
			print_error(&err);
			t->io_error = true;
			continue;
		}
		for (;;) {
			if (interrupted) {
				t->signal = interrupted;
				stop = true;
				break;
			}
			if (!cur) {
				if (next_fill - next_write >= nslots)
					DRAIN(next_fill - nslots + 1);
				if (stop)
					break;
				cur = &slots[next_fill % nslots];
				cur->seq = next_fill;
			}
			dyad_doc doc;
			memset(&err, 0, sizeof err);
			int rc = dyad_reader_next(r, &doc, &err);
			if (rc == 0)
				break;
			struct pipe_item *it = &cur->items[cur->pb.n];
			if (rc < 0) {
				if (rc == DYAD_EIO && interrupted) {
					t->signal = interrupted;
					stop = true;
					break;
				}
				if (rc == DYAD_EIO) {
					print_error(&err);
					t->io_error = true;
					break;
				}
				char msg[600];
				if (doc.id && doc.id_len)
					snprintf(msg, sizeof msg, "dyad: doc %.*s: %s", (int)doc.id_len,
						 doc.id, err.msg);
				else
					snprintf(msg, sizeof msg, "dyad: doc line %ld: %s", err.line, err.msg);
				it->error = dupn(msg, strlen(msg));
			} else {
				it->id = dupn(doc.id, doc.id_len);
				it->id_len = doc.id_len;
				it->text = dupn(doc.text, doc.text_len);
				it->text_len = doc.text_len;
				it->date = doc.date;
				it->source = doc.source ? dupn(doc.source, strlen(doc.source)) : NULL;
				it->url = doc.url ? dupn(doc.url, strlen(doc.url)) : NULL;
				if (!it->id || !it->text) {
					warn("out of memory");
					exit(2);
				}
				cur->bytes += doc.text_len;
			}
			cur->pb.n++;
			if (cur->pb.n == BATCH_DOCS || cur->bytes >= BATCH_BYTES)
				SUBMIT();
		}
		size_t skipped = dyad_reader_skipped(r);
		if (skipped) {
			if (cur && cur->pb.n)
				SUBMIT();   /* its errors are printed before this note */
			DRAIN(next_fill);
			warn("%s: %zu WARC record%s skipped (not HTML responses)",
			     strcmp(o->files[fi], "-") ? o->files[fi] : "stdin", skipped,
			     skipped == 1 ? "" : "s");
			t->records_skipped += skipped;
		}
		dyad_reader_free(r);
	}
	if (cur && cur->pb.n && (!stop || t->signal))
		SUBMIT();   /* after a signal, the documents already read are coded */
	DRAIN(next_fill);
#undef DRAIN
#undef SUBMIT

	pthread_mutex_lock(&p.mu);
	p.stop = true;
	pthread_cond_broadcast(&p.cv_work);
	pthread_mutex_unlock(&p.mu);
	for (long i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	for (int i = 0; i < nslots; i++) {
		dyad_buf_release(&slots[i].pb.out);
		dyad_buf_release(&slots[i].err);
	}
	free(slots);
	free(p.queue);
	free(tids);
	t->stopped = stop;
	return 0;
}

bool input_format(const char *f, enum dyad_input *kind)
{
	static const struct { const char *name; enum dyad_input kind; } v[] = {
		{ "auto", DYAD_IN_AUTO }, { "jsonl", DYAD_IN_JSONL },
		{ "text", DYAD_IN_TEXT }, { "html", DYAD_IN_HTML },
		{ "rss", DYAD_IN_FEED }, { "atom", DYAD_IN_FEED },
		{ "feed", DYAD_IN_FEED }, { "warc", DYAD_IN_WARC },
	};
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
		if (!strcmp(f, v[k].name)) {
			*kind = v[k].kind;
			return true;
		}
	return false;
}

bool input_option(const char *cmd, struct pipe_opts *po, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	bool has_arg = *i + 1 < argc;
	if ((!strcmp(a, "--input") || !strcmp(a, "--input-format")) && has_arg) {
		const char *f = argv[++*i];
		if (!input_format(f, &po->ro.kind))
			die_usage(cmd, "unknown input format '%s' (auto, jsonl, text, html, "
				  "rss, atom, feed or warc)", f);
	} else if (!strncmp(a, "--input-format=", 15)) {
		if (!input_format(a + 15, &po->ro.kind))
			die_usage(cmd, "unknown input format '%s' (auto, jsonl, text, html, "
				  "rss, atom, feed or warc)", a + 15);
	} else if (!strcmp(a, "--date") && has_arg) {
		const char *d = argv[++*i];
		po->ro.default_date = dyad_parse_date(d, strlen(d));
		if (!po->ro.default_date)
			die_usage(cmd, "'%s' is not a date (YYYY-MM-DD)", d);
	} else if (!strcmp(a, "--threads") && has_arg) {
		char *end;
		po->threads = strtol(argv[++*i], &end, 10);
		if (*end || po->threads < 1 || po->threads > 1024)
			die_usage(cmd, "--threads wants a number from 1 to 1024");
	} else if (!strcmp(a, "--max-doc-bytes") && has_arg) {
		if (!parse_size(argv[++*i], SIZE_MAX, &po->ro.max_doc_bytes))
			die_usage(cmd, "--max-doc-bytes wants a size (e.g. 1000000, 512k, 64M, 1G)");
	} else if (!strcmp(a, "--max-sentence-tokens") && has_arg) {
		if (!parse_size(argv[++*i], DYAD_MAX_SENTENCE_TOKENS_LIMIT,
				&po->wo.max_sentence_tokens))
			die_usage(cmd, "--max-sentence-tokens wants a number from 1 to %zu",
				  DYAD_MAX_SENTENCE_TOKENS_LIMIT);
	} else if (!strcmp(a, "--max-events") && has_arg) {
		if (!parse_size(argv[++*i], (size_t)1 << 30, &po->wo.max_events))
			die_usage(cmd, "--max-events wants a number from 1 to 1G");
	} else if (!strcmp(a, "--strict")) {
		po->strict = true;
	} else {
		return false;
	}
	return true;
}
