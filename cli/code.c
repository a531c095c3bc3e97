/*
 * code.c - "dyad code": documents in, events out, in input order for any
 * --threads. The pipeline (pipeline.c) reads documents into batches and
 * codes them on worker threads; the workers format events and the main
 * thread writes finished batches in sequence. Every document is counted
 * once: coded (events), empty (no events) or an error reported as
 * "dyad: doc <id|line N>: <reason>".
 */
#include "cli.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char code_usage[] =
	"usage: dyad code [options] [FILE...]\n"
	"\n"
	"Code news documents into CAMEO events. FILEs (or stdin) hold JSONL\n"
	"documents {\"id\", \"date\", \"text\", \"source\", \"url\"}, plain text, an\n"
	"HTML article page, an RSS or Atom feed (a document per item) or a WARC\n"
	"file (a document per HTML response); the format is detected from the\n"
	"first bytes. gzip and zstd input is decompressed transparently.\n"
	"\n"
	"options:\n"
	"  --format jsonl|tsv|csv   output format (default jsonl)\n"
	"  --input-format F         auto (default), jsonl, text, html, rss, atom,\n"
	"                           feed or warc (--input is the same)\n"
	"  --date YYYY-MM-DD        document date for plain text (and for pages\n"
	"                           and feed items that give none)\n"
	"  --threads N              worker threads (default: all cores)\n"
	"  --explain                add the matched pattern, verb, notes and where\n"
	"                           the location came from\n"
	"  --no-places              no gazetteer: every location is null\n"
	"  --strict                 stop at the first bad document\n"
	"  --dict DIR               dictionary directory (default: bundled)\n"
	"  --max-doc-bytes N        larger documents are errors (default 64M)\n"
	"  --max-sentence-tokens N  longer sentences are not coded, the rest of\n"
	"                           the document is; counted as long_sentences=N\n"
	"                           in the summary (default 4096)\n"
	"  --max-events N           a document with more events is an error\n"
	"                           (default 100000)\n"
	"  --max-entry-bytes N      longer dictionary lines are skipped and\n"
	"                           reported as FILE:LINE (default 4096)\n"
	"                           sizes take a suffix k, M or G (x1024)\n"
	"  -o, --output FILE        write to FILE (through a temporary file that\n"
	"                           is renamed when the run completes)\n"
	"\n"
	"Prints a summary on stderr: docs=N coded=N empty=N errors=N events=N.\n"
	"Exit status: 0 all documents read, 1 some skipped, 2 usage or\n"
	"dictionary error; 130/143 when SIGINT/SIGTERM stopped the reading\n"
	"(what was read is still coded and written).\n";

/* pipeline hooks: format events in the worker, write them in order */
struct code_ctx { enum dyad_format fmt; bool explain; int fd; };

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

static int format_doc(void *ctx, void *ws, struct pipe_item *it, const dyad_doc *doc,
		      const dyad_result *r, dyad_buf *out)
{
	struct code_ctx *c = ctx;
	(void)ws;
	(void)it;
	return r->n_events ? dyad_format_events(c->fmt, c->explain, doc, r, out) : 0;
}

static bool write_batch(void *ctx, struct pipe_batch *b, bool stopped)
{
	struct code_ctx *c = ctx;
	(void)stopped;
	if (b->out.len && write_all(c->fd, b->out.p, b->out.len)) {
		if (errno == EPIPE)
			exit(0);
		warn("cannot write output: %s", strerror(errno));
		exit(2);
	}
	return true;
}

int cmd_code(int argc, char **argv)
{
	struct common_opts co = { 0 };
	enum dyad_format fmt = DYAD_FMT_JSONL;
	struct pipe_opts po = { .ro = { DYAD_IN_AUTO, 0, 0, NULL } };
	bool explain = false;
	const char *output = NULL;
	const char *files[256];
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (common_option(&co, argc, argv, &i) || input_option("code", &po, argc, argv, &i))
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
		} else if (!strcmp(a, "--explain")) {
			explain = true;
		} else if ((!strcmp(a, "--output") || !strcmp(a, "-o")) && i + 1 < argc) {
			output = argv[++i];
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
	po.files = files;
	po.nfiles = nfiles;

	dyad_engine *e = open_engine(&co, false, NULL);
	if (!e)
		return 2;

	/* --output: a temporary file beside FILE, renamed at the end, so that
	 * FILE is never a truncated run */
	char tmp[4200];
	int fd = 1;
	if (output) {
		snprintf(tmp, sizeof tmp, "%s.tmp.%ld", output, (long)getpid());
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0) {
			warn("cannot write '%s': %s", tmp, strerror(errno));
			dyad_engine_free(e);
			return 2;
		}
	}
	install_signals();

	dyad_buf hdr = { 0 };
	dyad_format_header(fmt, explain, &hdr);
	if (hdr.len)
		write_all(fd, hdr.p, hdr.len);
	dyad_buf_release(&hdr);

	struct code_ctx c = { fmt, explain, fd };
	struct pipe_hooks h = { .ctx = &c, .coded = format_doc, .batch = write_batch };
	struct pipe_totals t;
	if (pipeline_run(e, &po, &h, &t))
		return 2;
	dyad_engine_free(e);
	if (output) {
		bool ok = fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
		if (!ok) {
			warn("cannot write '%s': %s", tmp, strerror(errno));
			unlink(tmp);
			return 2;
		}
		if (t.signal) {
			warn("interrupted: partial output left in '%s'", tmp);
		} else if (rename(tmp, output)) {
			warn("cannot rename '%s' to '%s': %s", tmp, output, strerror(errno));
			unlink(tmp);
			return 2;
		}
	}
	fprintf(stderr, "docs=%zu coded=%zu empty=%zu errors=%zu events=%zu sentences=%zu",
		t.docs, t.coded, t.empty, t.errors, t.events, t.sentences);
	if (t.long_sentences)
		fprintf(stderr, " long_sentences=%zu", t.long_sentences);
	fputc('\n', stderr);
	if (t.signal)
		return 128 + t.signal;
	if (t.stopped)
		return 1;
	return (t.errors || t.io_error) ? 1 : 0;
}
