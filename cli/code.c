/*
 * code.c - "dyad code": documents in, events out, in input order for any
 * --threads. The main thread reads documents into batches; worker threads
 * code whole batches; the main thread writes finished batches in sequence.
 * Every document is counted once: coded (events), empty (no events) or an
 * error reported as "dyad: doc <id|line N>: <reason>".
 */
#include "cli.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BATCH_DOCS 256
#define BATCH_BYTES (4u << 20)

static const char code_usage[] =
	"usage: dyad code [options] [FILE...]\n"
	"\n"
	"Code news documents into CAMEO events. FILEs (or stdin) hold JSONL\n"
	"documents {\"id\", \"date\", \"text\", \"source\", \"url\"} or plain text;\n"
	"gzip and zstd input is decompressed transparently.\n"
	"\n"
	"options:\n"
	"  --format jsonl|tsv|csv   output format (default jsonl)\n"
	"  --input auto|jsonl|text  input format (default auto)\n"
	"  --date YYYY-MM-DD        document date for plain text\n"
	"  --threads N              worker threads (default: all cores)\n"
	"  --explain                add the matched pattern, verb and notes\n"
	"  --strict                 stop at the first bad document\n"
	"  --dict DIR               dictionary directory (default: bundled)\n"
	"  --max-doc-bytes N        largest document accepted (default 64 MiB)\n"
	"\n"
	"Prints a summary on stderr: docs=N coded=N empty=N errors=N events=N.\n"
	"Exit status: 0 all documents read, 1 some skipped, 2 usage or\n"
	"dictionary error.\n";

struct item {
	char *id, *text, *source, *url;
	size_t id_len, text_len;
	int date;
	char *error;         /* reader error: the message to print */
};

struct batch {
	struct item items[BATCH_DOCS];
	int n;
	size_t bytes;
	dyad_buf out, err;
	size_t coded, empty, errors, events, sentences;
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
	enum dyad_format fmt;
	bool explain, strict;
};

static void item_release(struct item *it)
{
	free(it->id);
	free(it->text);
	free(it->source);
	free(it->url);
	free(it->error);
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

static void code_batch(struct pool *p, dyad_worker *w, struct batch *b)
{
	for (int i = 0; i < b->n; i++) {
		struct item *it = &b->items[i];
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
			b->errors++;
			if (p->strict) {
				b->fatal = true;
				b->n = i + 1;
				break;
			}
			continue;
		}
		dyad_doc doc = {
			.id = it->id, .id_len = it->id_len, .text = it->text,
			.text_len = it->text_len, .date = it->date,
			.source = it->source, .url = it->url,
		};
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
			b->errors++;
			if (p->strict) {
				b->fatal = true;
				b->n = i + 1;
				break;
			}
			continue;
		}
		b->sentences += (size_t)r->n_sentences;
		if (r->n_events) {
			b->coded++;
			b->events += r->n_events;
			if (dyad_format_events(p->fmt, p->explain, &doc, r, &b->out)) {
				warn("out of memory formatting events");
				exit(2);
			}
		} else {
			b->empty++;
		}
	}
}

static void *worker_main(void *arg)
{
	struct pool *p = arg;
	dyad_worker *w = dyad_worker_new(p->e);
	if (!w) {
		warn("out of memory");
		exit(2);
	}
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->qhead == p->qtail && !p->stop)
			pthread_cond_wait(&p->cv_work, &p->mu);
		if (p->qhead == p->qtail && p->stop)
			break;
		struct batch *b = p->queue[p->qhead % p->qcap];
		p->qhead++;
		pthread_mutex_unlock(&p->mu);
		code_batch(p, w, b);
		pthread_mutex_lock(&p->mu);
		b->state = 2;
		pthread_cond_broadcast(&p->cv_done);
	}
	pthread_mutex_unlock(&p->mu);
	dyad_worker_free(w);
	return NULL;
}

struct totals { size_t docs, coded, empty, errors, events, sentences; };

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Write and recycle batch b (in sequence). Returns false on --strict stop. */
static bool flush_batch(struct batch *b, struct totals *t)
{
	if (b->out.len && write_all(1, b->out.p, b->out.len)) {
		if (errno == EPIPE)
			exit(0);
		warn("cannot write output: %s", strerror(errno));
		exit(2);
	}
	if (b->err.len)
		fwrite(b->err.p, 1, b->err.len, stderr);
	t->docs += (size_t)b->n;
	t->coded += b->coded;
	t->empty += b->empty;
	t->errors += b->errors;
	t->events += b->events;
	t->sentences += b->sentences;
	bool fatal = b->fatal;
	for (int i = 0; i < b->n; i++)
		item_release(&b->items[i]);
	for (int i = b->n; i < BATCH_DOCS; i++)
		item_release(&b->items[i]);
	b->out.len = b->err.len = 0;
	b->n = 0;
	b->bytes = 0;
	b->coded = b->empty = b->errors = b->events = b->sentences = 0;
	b->fatal = false;
	b->state = 0;
	return !fatal;
}

static long cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

int cmd_code(int argc, char **argv)
{
	struct common_opts co = { 0 };
	enum dyad_format fmt = DYAD_FMT_JSONL;
	dyad_reader_options ro = { DYAD_IN_AUTO, 0, 0 };
	long threads = 0;
	bool explain = false, strict = false;
	const char *files[256];
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (common_option(&co, argc, argv, &i))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(code_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "jsonl") || !strcmp(f, "json"))
				fmt = DYAD_FMT_JSONL;
			else if (!strcmp(f, "tsv"))
				fmt = DYAD_FMT_TSV;
			else if (!strcmp(f, "csv"))
				fmt = DYAD_FMT_CSV;
			else
				die_usage("code", "unknown format '%s' (jsonl, tsv or csv)", f);
		} else if (!strcmp(a, "--input") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "auto"))
				ro.kind = DYAD_IN_AUTO;
			else if (!strcmp(f, "jsonl"))
				ro.kind = DYAD_IN_JSONL;
			else if (!strcmp(f, "text"))
				ro.kind = DYAD_IN_TEXT;
			else
				die_usage("code", "unknown input format '%s' (auto, jsonl or text)", f);
		} else if (!strcmp(a, "--date") && i + 1 < argc) {
			const char *d = argv[++i];
			ro.default_date = dyad_parse_date(d, strlen(d));
			if (!ro.default_date)
				die_usage("code", "'%s' is not a date (YYYY-MM-DD)", d);
		} else if (!strcmp(a, "--threads") && i + 1 < argc) {
			char *end;
			threads = strtol(argv[++i], &end, 10);
			if (*end || threads < 1 || threads > 1024)
				die_usage("code", "--threads wants a number from 1 to 1024");
		} else if (!strcmp(a, "--max-doc-bytes") && i + 1 < argc) {
			char *end;
			long long v = strtoll(argv[++i], &end, 10);
			if (*end || v < 1)
				die_usage("code", "--max-doc-bytes wants a positive number");
			ro.max_doc_bytes = (size_t)v;
		} else if (!strcmp(a, "--explain")) {
			explain = true;
		} else if (!strcmp(a, "--strict")) {
			strict = true;
		} else if (a[0] == '-' && a[1]) {
			die_usage("code", "unknown option '%s'", a);
		} else {
			if (nfiles == (int)(sizeof files / sizeof *files))
				die_usage("code", "too many files (at most 256)");
			files[nfiles++] = a;
		}
	}
	if (!nfiles)
		files[nfiles++] = "-";
	if (!threads)
		threads = cores();

	dyad_engine *e = open_engine(&co, false, NULL);
	if (!e)
		return 2;

	struct pool p = { .e = e, .fmt = fmt, .explain = explain, .strict = strict };
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
		return 2;
	}
	for (long i = 0; i < threads; i++)
		if (pthread_create(&tids[i], NULL, worker_main, &p)) {
			warn("cannot start threads");
			return 2;
		}

	dyad_buf hdr = { 0 };
	dyad_format_header(fmt, explain, &hdr);
	if (hdr.len)
		write_all(1, hdr.p, hdr.len);
	dyad_buf_release(&hdr);

	struct totals t = { 0 };
	long next_write = 0, next_fill = 0;
	bool stop = false, io_error = false;
	struct batch *cur = NULL;

	/* Wait for and write every finished batch up to sequence `upto`. */
#define DRAIN(upto) do { \
	while (next_write < (upto)) { \
		struct batch *wb = &slots[next_write % nslots]; \
		pthread_mutex_lock(&p.mu); \
		while (wb->state != 2) \
			pthread_cond_wait(&p.cv_done, &p.mu); \
		pthread_mutex_unlock(&p.mu); \
		if (!flush_batch(wb, &t)) \
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

	for (int fi = 0; fi < nfiles && !stop; fi++) {
		dyad_error err = { 0 };
		dyad_reader *r = dyad_reader_open(files[fi], &ro, &err);
		if (!r) {
			print_error(&err);
			io_error = true;
			continue;
		}
		for (;;) {
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
			struct item *it = &cur->items[cur->n];
			if (rc < 0) {
				if (rc == DYAD_EIO) {
					print_error(&err);
					io_error = true;
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
			cur->n++;
			if (cur->n == BATCH_DOCS || cur->bytes >= BATCH_BYTES)
				SUBMIT();
		}
		dyad_reader_free(r);
	}
	if (cur && cur->n && !stop)
		SUBMIT();
	DRAIN(next_fill);

	pthread_mutex_lock(&p.mu);
	p.stop = true;
	pthread_cond_broadcast(&p.cv_work);
	pthread_mutex_unlock(&p.mu);
	for (long i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	for (int i = 0; i < nslots; i++) {
		dyad_buf_release(&slots[i].out);
		dyad_buf_release(&slots[i].err);
	}
	free(slots);
	free(p.queue);
	free(tids);
	dyad_engine_free(e);
	fprintf(stderr, "docs=%zu coded=%zu empty=%zu errors=%zu events=%zu sentences=%zu\n",
		t.docs, t.coded, t.empty, t.errors, t.events, t.sentences);
	if (stop)
		return 1;
	return (t.errors || io_error) ? 1 : 0;
}
