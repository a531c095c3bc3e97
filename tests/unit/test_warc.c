/*
 * test_warc.c - WARC records (warc.c) and their streaming through
 * dyad_reader (reader.c): headers, HTTP payloads (chunked, gzip), skipped
 * records, gzip per record, and every kind of damage: truncated records,
 * bogus or wrong Content-Length, garbage between records, records over
 * the cap. WARC files are built here, byte by byte.
 */
#include "web.h"
#include "t.h"

#include <stdio.h>
#include <unistd.h>

#include <zlib.h>

static bool has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

static const char page[] =
	"<html><head><title>T</title><meta name=\"date\" content=\"2024-03-15\"></head>"
	"<body><nav><a href=/>Home</a></nav><article><p>Russian forces shelled the "
	"Ukrainian city of Kharkiv on Tuesday, the regional governor said.</p>"
	"</article></body></html>";

/* Append one record; length < 0: the true length. */
static void record(dyad_buf *b, const char *type, const char *uri, int n,
		   const char *block, size_t blen, long long length)
{
	buf_addf(b, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
	if (uri)
		buf_addf(b, "WARC-Target-URI: %s\r\n", uri);
	buf_addf(b, "WARC-Date: 2024-09-26T10:00:00Z\r\n"
		 "WARC-Record-ID: <urn:uuid:rec-%d>\r\n"
		 "Content-Type: application/http; msgtype=%s\r\n"
		 "Content-Length: %lld\r\n\r\n", n,
		 !strcmp(type, "request") ? "request" : "response",
		 length < 0 ? (long long)blen : length);
	buf_add(b, block, blen);
	buf_add(b, "\r\n\r\n", 4);
}

/* An HTTP response block with this body. */
static void http(dyad_buf *b, const char *ctype, const char *body, size_t n)
{
	b->len = 0;
	buf_addf(b, "HTTP/1.1 200 OK\r\n");
	if (ctype)
		buf_addf(b, "Content-Type: %s\r\n", ctype);
	buf_addf(b, "Content-Length: %zu\r\n\r\n", n);
	buf_add(b, body, n);
}

static char dir[] = "/tmp/dyad-test-warc-XXXXXX";

static const char *put(const char *name, const void *p, size_t n)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		exit(2);
	return path;
}

static dyad_reader *ropen(const char *path, size_t max)
{
	dyad_reader_options o = { DYAD_IN_AUTO, 0, max, NULL };
	dyad_error e;
	return dyad_reader_open(path, &o, &e);
}

static void test_head(void)
{
	struct warc_head h;
	char msg[160];
	static const char ok[] = "WARC/1.0\r\nWARC-Type: response\r\n"
				 "WARC-Target-URI: <http://a.example/>\r\n"
				 "content-length:  42 \r\n";
	T_INTEQ(warc_head_parse(ok, sizeof ok - 1, &h, msg, sizeof msg), 0);
	T_INTEQ(h.length, 42);
	T_INTEQ(h.uri_len, 17);
	T_CHECK(!strncmp(h.uri, "http://a.example/", 17));
	static const char bogus[] = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 12x\r\n";
	T_INTEQ(warc_head_parse(bogus, sizeof bogus - 1, &h, msg, sizeof msg), DYAD_EINPUT);
	T_STREQ(msg, "bad Content-Length '12x'");
	static const char none[] = "WARC/1.1\r\nWARC-Type: response\r\n";
	T_INTEQ(warc_head_parse(none, sizeof none - 1, &h, msg, sizeof msg), DYAD_EINPUT);
	T_STREQ(msg, "record has no Content-Length");
	T_INTEQ(warc_head_parse("WARC/2.0\r\n", 10, &h, msg, sizeof msg), DYAD_EINPUT);
	T_CHECK(warc_sniff("WARC/1.0\n", 9));
	T_CHECK(!warc_sniff("WARC/1.0x", 9));
}

static void test_http(void)
{
	dyad_buf s = { 0 }, blk = { 0 };
	const char *body;
	size_t n;
	bool html;
	char msg[160];

	http(&blk, "text/html; charset=utf-8", "<p>x</p>", 8);
	T_INTEQ(warc_http(blk.p, blk.len, 1000, &s, &body, &n, &html, msg, sizeof msg), 0);
	T_CHECK(html && n == 8 && !memcmp(body, "<p>x</p>", 8));
	http(&blk, "image/png", "\x89PNG", 4);
	T_INTEQ(warc_http(blk.p, blk.len, 1000, &s, &body, &n, &html, msg, sizeof msg), 0);
	T_CHECK(!html);
	http(&blk, NULL, "  <!doctype html><p>y</p>", 25);
	T_INTEQ(warc_http(blk.p, blk.len, 1000, &s, &body, &n, &html, msg, sizeof msg), 0);
	T_CHECK(html);   /* sniffed */
	http(&blk, NULL, "plain", 5);
	T_INTEQ(warc_http(blk.p, blk.len, 1000, &s, &body, &n, &html, msg, sizeof msg), 0);
	T_CHECK(!html);

	/* chunked, then chunked + gzip */
	static const char ch[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
				 "Transfer-Encoding: chunked\r\n\r\n"
				 "4\r\n<p>a\r\nA;ext=1\r\nbcdefghij<\r\n3\r\n/p>\r\n0\r\n\r\n";
	T_INTEQ(warc_http(ch, sizeof ch - 1, 1000, &s, &body, &n, &html, msg, sizeof msg), 0);
	T_CHECK(n == 17 && !memcmp(body, "<p>abcdefghij</p>", 17));
	T_INTEQ(warc_http(ch, sizeof ch - 1, 10, &s, &body, &n, &html, msg, sizeof msg),
		DYAD_ETOOBIG);
	static const char badch[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
				    "ff\r\nshort\r\n";
	T_INTEQ(warc_http(badch, sizeof badch - 1, 1000, &s, &body, &n, &html, msg,
			  sizeof msg), DYAD_EINPUT);
	T_CHECK(has(msg, "chunk"));

	unsigned char gz[256];
	z_stream z;
	memset(&z, 0, sizeof z);
	deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)"<p>zipped</p>";
	z.avail_in = 13;
	z.next_out = gz;
	z.avail_out = sizeof gz;
	deflate(&z, Z_FINISH);
	size_t gzn = sizeof gz - z.avail_out;
	deflateEnd(&z);
	blk.len = 0;
	buf_addf(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		 "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n", gzn);
	buf_add(&blk, (const char *)gz, gzn);
	buf_adds(&blk, "\r\n0\r\n\r\n");
	T_INTEQ(warc_http(blk.p, blk.len, 1000, &s, &body, &n, &html, msg, sizeof msg), 0);
	T_CHECK(html && n == 13 && !memcmp(body, "<p>zipped</p>", 13));
	/* corrupt gzip */
	blk.len = 0;
	buf_adds(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		 "Content-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x00garbagegarbage");
	T_INTEQ(warc_http(blk.p, blk.len, 1000, &s, &body, &n, &html, msg, sizeof msg),
		DYAD_EINPUT);
	T_INTEQ(warc_http("GET / HTTP/1.1\r\n\r\n", 18, 1000, &s, &body, &n, &html, msg,
			  sizeof msg), DYAD_EINPUT);
	dyad_buf_release(&s);
	dyad_buf_release(&blk);
}

/* warcinfo, request, response (HTML), metadata, response (image),
 * response (HTML): two documents, four records skipped. */
static void build(dyad_buf *w)
{
	dyad_buf blk = { 0 };
	record(w, "warcinfo", NULL, 1, "software: test\r\n", 16, -1);
	record(w, "request", "http://a.example/1", 2, "GET /1 HTTP/1.1\r\n\r\n", 19, -1);
	http(&blk, "text/html", page, sizeof page - 1);
	record(w, "response", "http://a.example/1", 3, blk.p, blk.len, -1);
	record(w, "metadata", "http://a.example/1", 4, "x: y\r\n", 6, -1);
	http(&blk, "image/png", "\x89PNG", 4);
	record(w, "response", "http://a.example/logo.png", 5, blk.p, blk.len, -1);
	http(&blk, "text/html", "<p>Second page with text enough for a paragraph.</p>", 52);
	record(w, "response", "http://a.example/2", 6, blk.p, blk.len, -1);
	dyad_buf_release(&blk);
}

static void test_stream(void)
{
	dyad_buf w = { 0 };
	build(&w);
	dyad_reader *r = ropen(put("a.warc", w.p, w.len), 0);
	dyad_doc d;
	dyad_error e;
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_INTEQ(dyad_reader_kind(r), DYAD_IN_WARC);
	T_STREQ(d.id, "<urn:uuid:rec-3>");
	T_STREQ(d.url, "http://a.example/1");
	T_INTEQ(d.date, 20240315);   /* the page's date before WARC-Date */
	T_STREQ(d.text, "T\n\nRussian forces shelled the Ukrainian city of Kharkiv on "
		"Tuesday, the regional governor said.");
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-6>");
	T_INTEQ(d.date, 20240926);   /* WARC-Date */
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	T_INTEQ(dyad_reader_skipped(r), 4);
	dyad_reader_free(r);

	/* gzip per record: concatenated members */
	dyad_buf g = { 0 };
	dyad_buf one = { 0 };
	const char *p = w.p;
	size_t left = w.len;
	while (left) {
		/* split at each "WARC/1.1\r\n" */
		const char *nx = NULL;
		for (size_t i = 1; i + 10 <= left; i++)
			if (!memcmp(p + i, "\r\n\r\nWARC/1.1\r\n", 14 <= left - i ? 14 : 0)) {
				nx = p + i + 4;
				break;
			}
		size_t n = nx ? (size_t)(nx - p) : left;
		unsigned char out[8192];
		z_stream z;
		memset(&z, 0, sizeof z);
		deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
		z.next_in = (unsigned char *)(uintptr_t)p;
		z.avail_in = (uInt)n;
		z.next_out = out;
		z.avail_out = sizeof out;
		deflate(&z, Z_FINISH);
		buf_add(&g, (const char *)out, sizeof out - z.avail_out);
		deflateEnd(&z);
		p += n;
		left -= n;
	}
	r = ropen(put("a.warc.gz", g.p, g.len), 0);
	int docs = 0, rc;
	while ((rc = dyad_reader_next(r, &d, &e)) != 0)
		docs += rc == 1;
	T_INTEQ(docs, 2);
	T_INTEQ(dyad_reader_skipped(r), 4);
	dyad_reader_free(r);
	dyad_buf_release(&g);
	dyad_buf_release(&one);
	dyad_buf_release(&w);
}

/* Many records through a buffer that refills and moves (1 MiB reads):
 * every record straddling a refill is still read whole. */
static void test_refills(void)
{
	dyad_buf w = { 0 }, blk = { 0 };
	http(&blk, "text/html", page, sizeof page - 1);
	int n = 0;
	while (w.len < ((size_t)5 << 20)) {
		record(&w, "response", "http://a.example/p", ++n, blk.p, blk.len, -1);
		record(&w, "metadata", "http://a.example/p", ++n, "a: b\r\n", 6, -1);
	}
	dyad_reader *r = ropen(put("h.warc", w.p, w.len), 0);
	dyad_doc d;
	dyad_error e;
	int docs = 0, bad = 0, rc;
	while ((rc = dyad_reader_next(r, &d, &e)) != 0) {
		if (rc == 1 && has(d.text, "Kharkiv on Tuesday") && !strncmp(d.id, "<urn", 4))
			docs++;
		else
			bad++;
	}
	T_INTEQ(docs, n / 2);
	T_INTEQ(bad, 0);
	T_INTEQ(dyad_reader_skipped(r), n / 2);
	dyad_reader_free(r);
	dyad_buf_release(&blk);
	dyad_buf_release(&w);
}

/* Damage: each bad record is reported once and the next good one read. */
static void test_damage(void)
{
	dyad_buf w = { 0 }, blk = { 0 };
	dyad_doc d;
	dyad_error e;
	http(&blk, "text/html", page, sizeof page - 1);

	/* bogus Content-Length, then a good record */
	record(&w, "response", "http://a.example/1", 1, blk.p, blk.len, -1);
	size_t cut = w.len;
	record(&w, "response", "http://a.example/2", 2, blk.p, blk.len, -1);
	char *cl = strstr(w.p + cut, "Content-Length: ");
	memcpy(cl + 16, "x9", 2);
	record(&w, "response", "http://a.example/3", 3, blk.p, blk.len, -1);
	dyad_reader *r = ropen(put("b.warc", w.p, w.len), 0);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-1>");
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "<urn:uuid:rec-2>");
	T_CHECKF(has(e.msg, "record 2 at byte") && has(e.msg, "bad Content-Length"),
		 "msg: %s", e.msg);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-3>");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* Content-Length too small, too large (swallowing the next record) */
	w.len = 0;
	record(&w, "response", "http://a.example/1", 1, blk.p, blk.len, (long long)blk.len - 10);
	record(&w, "response", "http://a.example/2", 2, blk.p, blk.len, -1);
	record(&w, "response", "http://a.example/3", 3, blk.p, blk.len, (long long)blk.len + 300);
	record(&w, "response", "http://a.example/4", 4, blk.p, blk.len, -1);
	record(&w, "response", "http://a.example/5", 5, blk.p, blk.len, -1);
	r = ropen(put("c.warc", w.p, w.len), 0);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "<urn:uuid:rec-1>");
	T_CHECK(has(e.msg, "does not end the record"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-2>");
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "<urn:uuid:rec-3>");
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-4>");
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-5>");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* garbage after a record: its length cannot be trusted, so it is
	 * reported and reading resumes at the next record; a truncated last
	 * record */
	w.len = 0;
	record(&w, "response", "http://a.example/1", 1, blk.p, blk.len, -1);
	buf_adds(&w, "some garbage\r\nmore garbage\r\n");
	record(&w, "response", "http://a.example/2", 2, blk.p, blk.len, -1);
	record(&w, "response", "http://a.example/3", 3, blk.p, blk.len, -1);
	w.len -= 100;
	r = ropen(put("d.warc", w.p, w.len), 0);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "<urn:uuid:rec-1>");
	T_CHECK(has(e.msg, "does not end the record"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-2>");
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "<urn:uuid:rec-3>");
	T_CHECKF(has(e.msg, "truncated record"), "msg: %s", e.msg);
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* a truncated header; a page without text; a record over the cap */
	w.len = 0;
	record(&w, "response", "http://a.example/1", 1, blk.p, blk.len, -1);
	http(&blk, "text/html", "<nav><a href=/>Home</a></nav>", 29);
	record(&w, "response", "http://a.example/2", 2, blk.p, blk.len, -1);
	dyad_buf big = { 0 };
	buf_adds(&big, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>");
	for (int i = 0; i < 2000; i++)
		buf_adds(&big, "Russia condemned the United States. ");
	buf_adds(&big, "</p>");
	record(&w, "response", "http://a.example/3", 3, big.p, big.len, -1);
	http(&blk, "text/html", page, sizeof page - 1);
	record(&w, "response", "http://a.example/4", 4, blk.p, blk.len, -1);
	buf_adds(&w, "WARC/1.1\r\nWARC-Type: response\r\nContent-Le");
	r = ropen(put("e.warc", w.p, w.len), 4096);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "<urn:uuid:rec-2>");
	T_CHECK(has(e.msg, "no article text"));
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_ETOOBIG);
	T_STREQ(d.id, "<urn:uuid:rec-3>");
	T_CHECK(has(e.msg, "exceeds 4 KiB"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-4>");
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "record 5");
	T_CHECK(has(e.msg, "truncated record header"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* garbage where a record should start */
	w.len = 0;
	buf_adds(&w, "junk line\r\n\r\n");
	record(&w, "response", "http://a.example/1", 1, blk.p, blk.len, -1);
	r = ropen(put("g.warc", w.p, w.len), 0);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "record 1");
	T_CHECK(has(e.msg, "not a WARC record"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "<urn:uuid:rec-1>");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* not a WARC at all, forced */
	dyad_reader_options o = { DYAD_IN_WARC, 0, 0, NULL };
	r = dyad_reader_open(put("f.txt", "hello\nworld\n", 12), &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "record 1");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	dyad_buf_release(&big);
	dyad_buf_release(&blk);
	dyad_buf_release(&w);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	T_RUN(test_head);
	T_RUN(test_http);
	T_RUN(test_stream);
	T_RUN(test_refills);
	T_RUN(test_damage);
	const char *names[] = { "a.warc", "a.warc.gz", "b.warc", "c.warc", "d.warc",
				"e.warc", "f.txt", "g.warc", "h.warc" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char p[128];
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	return t_exit();
}
