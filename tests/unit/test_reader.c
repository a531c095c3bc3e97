/*
 * test_reader.c - the document reader: JSONL and plain text, gzip and
 * zstd, per-line errors with line numbers, caps, stdin. Input files are
 * written to a mkdtemp directory that is removed at the end.
 */
#include "internal.h"
#include "t.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

static char tmpdir[64];

/* Full path of a file in tmpdir (a ring of buffers, so a few can be
 * alive at once). */
static const char *P(const char *name)
{
	static char ring[8][512];
	static int k;
	char *p = ring[k++ % 8];
	snprintf(p, sizeof ring[0], "%s/%s", tmpdir, name);
	return p;
}

static void put(const char *name, const void *data, size_t n)
{
	FILE *f = fopen(P(name), "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f)) {
		fprintf(stderr, "cannot write %s\n", P(name));
		exit(2);
	}
}

static void puts_file(const char *name, const char *s)
{
	put(name, s, strlen(s));
}

static dyad_reader *ropen(const char *name, enum dyad_input kind, int date,
			  size_t max)
{
	dyad_reader_options o = { kind, date, max, NULL };
	dyad_error e;
	dyad_reader *r = dyad_reader_open(name ? P(name) : NULL, &o, &e);
	if (!r)
		fprintf(stderr, "open %s: %s\n", name, e.msg);
	return r;
}

static int nx(dyad_reader *r, dyad_doc *d, dyad_error *e)
{
	memset(e, 0, sizeof *e);
	return dyad_reader_next(r, d, e);
}

static bool has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

/* Expect one good document with this id and text. */
#define GOOD(r, want_id, want_text) do { \
	dyad_doc d_; dyad_error e_; \
	int rc_ = nx(r, &d_, &e_); \
	T_CHECKF(rc_ == 1, "want doc %s, got rc %d (%s, line %ld)", want_id, rc_, \
		 e_.msg, e_.line); \
	if (rc_ == 1) { \
		T_STREQ(d_.id, want_id); \
		T_INTEQ(d_.id_len, strlen(want_id)); \
		T_INTEQ(d_.text_len, strlen(want_text)); \
		T_STREQ(d_.text, want_text); \
	} } while (0)

/* Expect a bad document: code, line, id (NULL: none) and a message part. */
#define BAD(r, want_rc, want_line, want_id, want_msg) do { \
	dyad_doc d_; dyad_error e_; \
	int rc_ = nx(r, &d_, &e_); \
	T_CHECKF(rc_ == (want_rc), "line %d: rc %d, want %d", want_line, rc_, \
		 (int)(want_rc)); \
	T_CHECKF(e_.line == (want_line), "err line %ld, want %d (%s)", e_.line, \
		 want_line, e_.msg); \
	if (want_id) T_STREQ(d_.id, (const char *)want_id); \
	else T_CHECKF(!d_.id, "line %d: id %s, want none", want_line, d_.id); \
	T_CHECKF(has(e_.msg, want_msg), "line %d: msg \"%s\", want \"%s\"", \
		 want_line, e_.msg, want_msg); \
	} while (0)

#define END(r) do { \
	dyad_doc d_; dyad_error e_; \
	int rc_ = nx(r, &d_, &e_); \
	T_CHECKF(rc_ == 0, "want end, got rc %d (%s)", rc_, e_.msg); \
	} while (0)

static void test_good_lines(void)
{
	puts_file("good.jsonl",
		  "{\"id\":\"a1\",\"date\":\"2024-09-25\",\"text\":\"Hello world.\","
		  "\"source\":\"AP\",\"url\":\"http://x/1\"}\n"
		  "{\"id\":\"a2\",\"text\":\"Second.\",\"date\":\"2024-09-26T10:11:12Z\"}\n"
		  "{\"text\":\"Th\\u00e9 \\ud83d\\ude00 \\\"q\\\"\\n.\",\"id\":\"a3\","
		  "\"source\":null,\"url\":null,\"date\":null,\"x\":[1,{}]}\n");
	dyad_reader *r = ropen("good.jsonl", DYAD_IN_AUTO, 20000101, 0);
	T_CHECK(r);
	if (!r)
		return;
	dyad_doc d;
	dyad_error e;
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "a1");
	T_STREQ(d.text, "Hello world.");
	T_INTEQ(d.text_len, 12);
	T_INTEQ(d.date, 20240925);
	T_STREQ(d.source, "AP");
	T_STREQ(d.url, "http://x/1");
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "a2");
	T_INTEQ(d.date, 20240926);
	T_CHECK(!d.source && !d.url);
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "a3");
	T_STREQ(d.text, "Th\xc3\xa9 \xf0\x9f\x98\x80 \"q\"\n.");
	T_INTEQ(d.date, 0);   /* the default date is for plain text only */
	T_CHECK(!d.source && !d.url);
	END(r);
	END(r);
	dyad_reader_free(r);
	dyad_reader_free(NULL);
}

static void test_ids(void)
{
	puts_file("ids.jsonl",
		  "{\"id\":42,\"text\":\"a\"}\n"
		  "{\"id\":-7,\"text\":\"b\"}\n"
		  "{\"text\":\"c\"}\n"
		  "{\"id\":null,\"text\":\"d\"}\n"
		  "{\"id\":\"\",\"text\":\"e\"}\n"
		  "{\"id\":9223372036854775807,\"text\":\"f\"}\n");
	dyad_reader *r = ropen("ids.jsonl", DYAD_IN_JSONL, 0, 0);
	T_CHECK(r);
	if (!r)
		return;
	GOOD(r, "42", "a");
	GOOD(r, "-7", "b");
	GOOD(r, "line-3", "c");
	GOOD(r, "line-4", "d");
	GOOD(r, "line-5", "e");
	GOOD(r, "9223372036854775807", "f");
	END(r);
	dyad_reader_free(r);
}

static void test_crlf_blank(void)
{
	/* ids missing on purpose: "line-N" shows the line numbers */
	puts_file("crlf.jsonl",
		  "\r\n"
		  "{\"text\":\"one\"}\r\n"
		  "\n"
		  "   \t \r\n"
		  "{\"text\":\"two\\r\"}\r\n"
		  "\n\n"
		  "  {\"text\":\"three\"}  \r\n"
		  "{\"text\":\"four\"}");   /* no final newline */
	dyad_reader *r = ropen("crlf.jsonl", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (!r)
		return;
	GOOD(r, "line-2", "one");
	GOOD(r, "line-5", "two\r");
	GOOD(r, "line-8", "three");
	GOOD(r, "line-9", "four");
	END(r);
	dyad_reader_free(r);
}

struct bad_case {
	const char *line;
	size_t len;      /* 0: strlen */
	int rc;
	const char *id;  /* NULL: no id */
	const char *msg;
};

static void test_errors(void)
{
	static const struct bad_case cases[] = {
		{ "{\"id\":\"t1\",\"text\":\"x\"", 0, DYAD_EINPUT, NULL,
		  "invalid JSON: '}' expected" },
		{ "{\"id\":\"t2\",\"text\":\"x\"}{\"a\":1}", 0, DYAD_EINPUT, NULL,
		  "invalid JSON: end of file expected" },
		{ "not json", 0, DYAD_EINPUT, NULL, "invalid JSON: invalid token" },
		{ "[1,2,3]", 0, DYAD_EINPUT, NULL, "line is not a JSON object" },
		{ "\"just a string\"", 0, DYAD_EINPUT, NULL, "line is not a JSON object" },
		{ "12", 0, DYAD_EINPUT, NULL, "line is not a JSON object" },
		{ "{\"id\":\"m1\"}", 0, DYAD_EINPUT, "m1", "missing field 'text'" },
		{ "{\"id\":\"m2\",\"text\":5}", 0, DYAD_EINPUT, "m2",
		  "field 'text' is not a string" },
		{ "{\"id\":\"m3\",\"text\":null}", 0, DYAD_EINPUT, "m3",
		  "field 'text' is not a string" },
		{ "{\"id\":9,\"text\":\"x\",\"date\":20240925}", 0, DYAD_EINPUT, "9",
		  "field 'date' is not a date: a number" },
		{ "{\"id\":\"d2\",\"text\":\"x\",\"date\":\"yesterday\"}", 0, DYAD_EINPUT,
		  "d2", "field 'date' is not a date: 'yesterday'" },
		{ "{\"id\":\"d3\",\"text\":\"x\",\"date\":\"2024-02-30\"}", 0, DYAD_EINPUT,
		  "d3", "field 'date' is not a date: '2024-02-30'" },
		{ "{\"id\":\"d4\",\"text\":\"x\",\"date\":\"\"}", 0, DYAD_EINPUT,
		  "d4", "field 'date' is not a date: ''" },
		{ "{\"id\":\"s1\",\"text\":\"x\",\"source\":5}", 0, DYAD_EINPUT, "s1",
		  "field 'source' is not a string" },
		{ "{\"id\":\"u1\",\"text\":\"x\",\"url\":[\"a\"]}", 0, DYAD_EINPUT, "u1",
		  "field 'url' is not a string" },
		{ "{\"id\":\"n1\",\"text\":\"a\\u0000b\"}", 0, DYAD_EINPUT, NULL,
		  "NUL byte in text" },
		{ "{\"id\":\"n2\",\"text\":\"a\0b\"}", 24, DYAD_EINPUT, NULL,
		  "NUL byte in text at column 21" },
		{ "{\"id\":\"n3\"}\0", 12, DYAD_EINPUT, NULL,
		  "NUL byte in text at column 12" },
		{ "{\"id\":\"v1\",\"text\":\"a\xff" "b\"}", 0, DYAD_EINPUT, NULL,
		  "invalid UTF-8 (byte 0xff) at column 21" },
		{ "{\"id\":\"v2\",\"text\":\"\xc3\"}", 0, DYAD_EINPUT, NULL,
		  "invalid UTF-8" },
		{ "{\"id\":true,\"text\":\"x\"}", 0, DYAD_EINPUT, NULL,
		  "field 'id' is not a string or integer" },
		{ "{\"id\":1.5,\"text\":\"x\"}", 0, DYAD_EINPUT, NULL,
		  "field 'id' is not a string or integer" },
		{ "{\"id\":123456789012345678901234567890,\"text\":\"x\"}", 0,
		  DYAD_EINPUT, NULL, "invalid JSON: too big integer" },
		{ "{\"id\":\"q1\",\"text\":\"x\xe2\x80\"}", 0, DYAD_EINPUT, NULL,
		  "invalid UTF-8" },
	};
	FILE *f = fopen(P("bad.jsonl"), "wb");
	T_CHECK(f);
	if (!f)
		return;
	fputs("{\"id\":\"g0\",\"text\":\"first\"}\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t n = cases[i].len ? cases[i].len : strlen(cases[i].line);
		fwrite(cases[i].line, 1, n, f);
		fprintf(f, i % 2 ? "\r\n" : "\n");
		fprintf(f, "{\"id\":\"g%zu\",\"text\":\"ok %zu\"}\n", i + 1, i + 1);
	}
	fclose(f);

	dyad_reader *r = ropen("bad.jsonl", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (!r)
		return;
	GOOD(r, "g0", "first");
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char id[16], text[16];
		int line = 2 + 2 * (int)i;
		BAD(r, cases[i].rc, line, cases[i].id, cases[i].msg);
		snprintf(id, sizeof id, "g%zu", i + 1);
		snprintf(text, sizeof text, "ok %zu", i + 1);
		GOOD(r, id, text);
	}
	END(r);
	dyad_reader_free(r);
}

/* A JSONL line of exactly n bytes: {"id":"<id>","text":"aaaa..."} */
static void put_line(FILE *f, const char *id, size_t n, const char *eol)
{
	int k = fprintf(f, "{\"id\":\"%s\",\"text\":\"", id);
	size_t body = n - (size_t)k - 2;
	static char chunk[65536];
	memset(chunk, 'a', sizeof chunk);
	while (body > 0) {
		size_t m = MIN(body, sizeof chunk);
		fwrite(chunk, 1, m, f);
		body -= m;
	}
	fprintf(f, "\"}%s", eol);
}

static void write_long_lines(FILE *f)
{
	const size_t cap = (size_t)1 << 20;
	fputs("{\"id\":\"g1\",\"text\":\"one\"}\n", f);          /* 1 */
	put_line(f, "big1", 5000000, "\n");                      /* 2 */
	fputs("{\"id\":\"g3\",\"text\":\"three\"}\n", f);        /* 3 */
	put_line(f, "cap", cap, "\n");                           /* 4 */
	put_line(f, "capcr", cap, "\r\n");                       /* 5 */
	put_line(f, "over", cap + 1, "\n");                      /* 6 */
	put_line(f, "over2", cap + 1, "\r\n");                   /* 7 */
	fputs("{\"id\":\"g8\",\"text\":\"eight\"}\n", f);        /* 8 */
	put_line(f, "big9", 5000000, "");                        /* 9, at EOF */
}

static void check_long_lines(dyad_reader *r)
{
	dyad_doc d;
	dyad_error e;
	GOOD(r, "g1", "one");
	BAD(r, DYAD_ETOOBIG, 2, NULL, "line exceeds 1 MiB");
	GOOD(r, "g3", "three");
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "cap");
	T_INTEQ(d.text_len, ((size_t)1 << 20) - 22);
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "capcr");
	BAD(r, DYAD_ETOOBIG, 6, NULL, "line exceeds 1 MiB");
	BAD(r, DYAD_ETOOBIG, 7, NULL, "line exceeds 1 MiB");
	GOOD(r, "g8", "eight");
	BAD(r, DYAD_ETOOBIG, 9, NULL, "line exceeds 1 MiB");
	END(r);
	END(r);
}

static void test_long_line(void)
{
	FILE *f = fopen(P("long.jsonl"), "wb");
	T_CHECK(f);
	if (!f)
		return;
	write_long_lines(f);
	fclose(f);
	dyad_reader *r = ropen("long.jsonl", DYAD_IN_JSONL, 0, (size_t)1 << 20);
	T_CHECK(r);
	if (!r)
		return;
	check_long_lines(r);
	dyad_reader_free(r);

	/* the same through gzip */
	gzFile g = gzopen(P("long.jsonl.gz"), "wb1");
	f = fopen(P("long.jsonl"), "rb");
	T_CHECK(g && f);
	if (!g || !f)
		return;
	static char chunk[1 << 16];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		gzwrite(g, chunk, (unsigned)n);
	fclose(f);
	gzclose(g);
	r = ropen("long.jsonl.gz", DYAD_IN_AUTO, 0, (size_t)1 << 20);
	T_CHECK(r);
	if (!r)
		return;
	check_long_lines(r);
	dyad_reader_free(r);

	/* a small cap that is not a whole MiB */
	puts_file("small.jsonl", "{\"id\":\"a\",\"text\":\"12345678901234567890\"}\n"
		  "{\"id\":\"b\",\"text\":\"1\"}\n");
	r = ropen("small.jsonl", DYAD_IN_AUTO, 0, 30);
	T_CHECK(r);
	if (!r)
		return;
	BAD(r, DYAD_ETOOBIG, 1, NULL, "line exceeds 30 bytes");
	GOOD(r, "b", "1");
	END(r);
	dyad_reader_free(r);
}

/* N numbered lines of varied length, so lines straddle buffer ends. */
static char *many_lines(size_t nlines, size_t *len)
{
	dyad_buf b = { 0 };
	for (size_t i = 0; i < nlines; i++) {
		buf_addf(&b, "{\"id\":\"d%zu\",\"text\":\"", i);
		for (size_t k = 0; k < 50 + (i * 7919) % 400; k++)
			buf_addc(&b, (char)('a' + k % 26));
		buf_adds(&b, i % 3 ? "\"}\n" : "\"}\r\n");
	}
	*len = b.len;
	return b.p;
}

static void check_many(dyad_reader *r, size_t nlines, size_t times)
{
	size_t ok = 0, bad = 0;
	for (size_t t = 0; t < times; t++)
		for (size_t i = 0; i < nlines; i++) {
			dyad_doc d;
			dyad_error e;
			char id[32];
			snprintf(id, sizeof id, "d%zu", i);
			int rc = nx(r, &d, &e);
			if (rc == 1 && d.id && !strcmp(d.id, id) &&
			    d.text_len == 50 + (i * 7919) % 400 && d.text[0] == 'a')
				ok++;
			else if (!bad++)
				T_CHECKF(0, "doc %zu: rc %d id %s (%s)", i, rc,
					 rc == 1 ? d.id : "-", e.msg);
		}
	T_INTEQ(ok, nlines * times);
	END(r);
}

static void test_gzip(void)
{
	size_t n, nl = 20000;
	char *data = many_lines(nl, &n);
	T_CHECK(n > (size_t)3 << 20);
	gzFile g = gzopen(P("many.jsonl.gz"), "wb");
	T_CHECK(g);
	if (!g)
		goto out;
	T_INTEQ(gzwrite(g, data, (unsigned)n), n);
	gzclose(g);
	/* a second member, as `cat a.gz b.gz` or gzip -a make */
	g = gzopen(P("many.jsonl.gz"), "ab");
	T_CHECK(g);
	if (!g)
		goto out;
	T_INTEQ(gzwrite(g, data, (unsigned)n), n);
	gzclose(g);
	dyad_reader *r = ropen("many.jsonl.gz", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r)
		check_many(r, nl, 2);
	dyad_reader_free(r);
out:
	free(data);
}

static void test_zstd(void)
{
	size_t n, nl = 20000;
	char *data = many_lines(nl, &n);
	size_t zcap = ZSTD_compressBound(n);
	char *z = malloc(2 * zcap);
	T_CHECK(z);
	if (!z)
		goto out;
	/* two frames back to back */
	size_t z1 = ZSTD_compress(z, zcap, data, n, 3);
	T_CHECK(!ZSTD_isError(z1));
	size_t z2 = ZSTD_compress(z + z1, zcap, data, n, 1);
	T_CHECK(!ZSTD_isError(z2));
	put("many.jsonl.zst", z, z1 + z2);
	dyad_reader *r = ropen("many.jsonl.zst", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r)
		check_many(r, nl, 2);
	dyad_reader_free(r);

	/* truncated: the complete lines before the cut are still read */
	put("cut.jsonl.zst", z, z1 / 2);
	r = ropen("cut.jsonl.zst", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		int rc, docs = 0;
		while ((rc = nx(r, &d, &e)) == 1)
			docs++;
		T_INTEQ(rc, DYAD_EIO);
		T_CHECK(has(e.msg, "zstd stream"));
		T_CHECK(docs > 0 && (size_t)docs < nl);
		T_CHECK(!d.id && !d.text);
		END(r);   /* the failure is reported once */
		END(r);
	}
	dyad_reader_free(r);

	/* corrupt: a zstd magic followed by garbage */
	put("bad.zst", "\x28\xb5\x2f\xfd" "garbage garbage garbage", 27);
	r = ropen("bad.zst", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		T_INTEQ(nx(r, &d, &e), DYAD_EIO);
		T_CHECK(has(e.msg, "corrupt zstd stream in '"));
	}
	dyad_reader_free(r);
	free(z);
out:
	free(data);
}

static void test_corrupt_gzip(void)
{
	size_t n, nl = 5000;
	char *data = many_lines(nl, &n);
	gzFile g = gzopen(P("c.gz"), "wb");
	T_CHECK(g);
	if (!g)
		goto out;
	gzwrite(g, data, (unsigned)n);
	gzclose(g);
	FILE *f = fopen(P("c.gz"), "rb");
	static char gz[1 << 20];
	size_t gn = fread(gz, 1, sizeof gz, f);
	fclose(f);
	T_CHECK(gn > 1000 && gn < sizeof gz);

	/* garbage in the middle of the deflate data */
	static char bad[1 << 20];
	memcpy(bad, gz, gn);
	for (size_t i = gn / 2; i < gn / 2 + 64; i++)
		bad[i] = (char)(i * 31);
	put("corrupt.gz", bad, gn);
	dyad_reader *r = ropen("corrupt.gz", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		int rc;
		size_t docs = 0;
		while ((rc = nx(r, &d, &e)) == 1 || rc == DYAD_EINPUT)
			docs++;
		T_INTEQ(rc, DYAD_EIO);
		T_CHECKF(has(e.msg, "corrupt gzip stream in '"), "%s", e.msg);
		T_CHECK(docs < nl);
		END(r);
	}
	dyad_reader_free(r);

	/* a bad checksum */
	memcpy(bad, gz, gn);
	bad[gn - 8] ^= 1;
	put("crc.gz", bad, gn);
	r = ropen("crc.gz", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		int rc;
		while ((rc = nx(r, &d, &e)) == 1)
			;
		T_INTEQ(rc, DYAD_EIO);
		T_CHECK(has(e.msg, "corrupt gzip stream"));
	}
	dyad_reader_free(r);

	/* truncated */
	put("cut.gz", gz, gn - 100);
	r = ropen("cut.gz", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		int rc;
		size_t docs = 0;
		while ((rc = nx(r, &d, &e)) == 1)
			docs++;
		T_INTEQ(rc, DYAD_EIO);
		T_CHECKF(has(e.msg, "truncated gzip stream"), "%s", e.msg);
		T_CHECK(docs > 0 && docs < nl);
	}
	dyad_reader_free(r);

	/* trailing garbage after the last member is ignored, like gzip -d */
	memcpy(bad, gz, gn);
	memset(bad + gn, 0, 512);
	put("pad.gz", bad, gn + 512);
	r = ropen("pad.gz", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r)
		check_many(r, nl, 1);
	dyad_reader_free(r);
out:
	free(data);
}

static void test_text_mode(void)
{
	const char *txt = "Azerbaijan's foreign minister met the ECO chief.\n\n"
			  "Second paragraph.\n";
	puts_file("story.txt", txt);
	dyad_reader *r = ropen("story.txt", DYAD_IN_AUTO, 20240925, 0);
	T_CHECK(r);
	if (!r)
		return;
	dyad_doc d;
	dyad_error e;
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "story.txt");
	T_INTEQ(d.id_len, 9);
	T_INTEQ(d.text_len, strlen(txt));
	T_CHECK(!memcmp(d.text, txt, d.text_len));
	T_INTEQ(d.date, 20240925);
	T_CHECK(!d.source && !d.url);
	END(r);
	END(r);
	dyad_reader_free(r);

	/* DYAD_IN_TEXT: a JSONL file is one document */
	const char *j = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n";
	puts_file("looks.jsonl", j);
	r = ropen("looks.jsonl", DYAD_IN_TEXT, 0, 0);
	T_CHECK(r);
	if (!r)
		return;
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "looks.jsonl");
	T_INTEQ(d.text_len, strlen(j));
	T_INTEQ(d.date, 0);
	END(r);
	dyad_reader_free(r);

	/* too big */
	r = ropen("story.txt", DYAD_IN_TEXT, 0, 20);
	T_CHECK(r);
	if (!r)
		return;
	BAD(r, DYAD_ETOOBIG, 1, "story.txt", "document exceeds 20 bytes");
	END(r);
	dyad_reader_free(r);

	/* compressed plain text */
	size_t zc = ZSTD_compressBound(strlen(txt));
	char *z = malloc(zc);
	size_t zn = ZSTD_compress(z, zc, txt, strlen(txt), 1);
	put("story.txt.zst", z, zn);
	free(z);
	r = ropen("story.txt.zst", DYAD_IN_AUTO, 20240101, 0);
	T_CHECK(r);
	if (!r)
		return;
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "story.txt.zst");
	T_INTEQ(d.text_len, strlen(txt));
	T_INTEQ(d.date, 20240101);
	END(r);
	dyad_reader_free(r);
}

static void test_empty_bom_ws(void)
{
	static const enum dyad_input kinds[] = { DYAD_IN_AUTO, DYAD_IN_JSONL,
						 DYAD_IN_TEXT };
	put("empty", "", 0);
	puts_file("ws", "  \n\r\n\t\n");
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		dyad_reader *r = ropen("empty", kinds[k], 20240101, 0);
		T_CHECK(r);
		if (r)
			END(r);
		dyad_reader_free(r);
		r = ropen("ws", kinds[k], 20240101, 0);
		T_CHECK(r);
		if (r)
			END(r);
		dyad_reader_free(r);
	}

	/* a UTF-8 BOM does not hide the '{' */
	puts_file("bom.jsonl", "\xef\xbb\xbf{\"id\":\"b1\",\"text\":\"x\"}\n"
		  "{\"id\":\"b2\",\"text\":\"y\"}\n");
	dyad_reader *r = ropen("bom.jsonl", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		GOOD(r, "b1", "x");
		GOOD(r, "b2", "y");
		END(r);
	}
	dyad_reader_free(r);
	puts_file("bom.txt", "\xef\xbb\xbfPlain.");
	r = ropen("bom.txt", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		GOOD(r, "bom.txt", "Plain.");
		END(r);
	}
	dyad_reader_free(r);
	/* a file shorter than a magic number */
	puts_file("one", "x");
	r = ropen("one", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		GOOD(r, "one", "x");
		END(r);
	}
	dyad_reader_free(r);
}

static void test_binary(void)
{
	/* an ELF-like header and pseudo-random bytes, newlines included */
	static unsigned char bin[100000];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof bin; i++) {
		x = x * 1103515245u + 12345u;
		bin[i] = (unsigned char)(x >> 16);
	}
	memcpy(bin, "\x7f" "ELF\x02\x01\x01", 7);
	put("bin", bin, sizeof bin);
	dyad_reader *r = ropen("bin", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		T_INTEQ(nx(r, &d, &e), 1);
		T_STREQ(d.id, "bin");
		T_INTEQ(d.text_len, sizeof bin);
		END(r);
	}
	dyad_reader_free(r);

	/* JSONL mode: every non-blank line is an error, with its number */
	size_t lines = 0, nonblank = 0, len = 0;
	for (size_t i = 0; i < sizeof bin; i++) {
		bool eol = bin[i] == '\n';
		if (!eol)
			len++;
		if (eol || i + 1 == sizeof bin) {
			lines++;
			bool blank = true;
			for (size_t k = i + (eol ? 0 : 1) - len; k < i + (eol ? 0 : 1); k++)
				if (bin[k] != ' ' && bin[k] != '\t' && bin[k] != '\r')
					blank = false;
			if (!blank)
				nonblank++;
			len = 0;
		}
	}
	r = ropen("bin", DYAD_IN_JSONL, 0, 0);
	T_CHECK(r);
	if (r) {
		dyad_doc d;
		dyad_error e;
		int rc;
		size_t errs = 0;
		long last = 0;
		while ((rc = nx(r, &d, &e)) == DYAD_EINPUT) {
			errs++;
			T_CHECK(e.line > last);
			last = e.line;
			for (const char *m = e.msg; *m; m++)
				T_CHECK(*m >= 0x20 && *m < 0x7f);
		}
		T_INTEQ(rc, 0);
		T_INTEQ(errs, nonblank);
		T_INTEQ(last, lines);
	}
	dyad_reader_free(r);
}

static void test_missing(void)
{
	dyad_error e;
	memset(&e, 0, sizeof e);
	const char *p = P("no-such-file.jsonl");
	dyad_reader *r = dyad_reader_open(p, NULL, &e);
	T_CHECK(!r);
	T_INTEQ(e.code, DYAD_EIO);
	char want[600];
	snprintf(want, sizeof want, "cannot open '%s': No such file or directory", p);
	T_CHECKF(!strcmp(e.msg, want), "msg \"%.200s\"", e.msg);
	dyad_reader_free(r);

	r = dyad_reader_open(tmpdir, NULL, &e);
	T_CHECK(!r);
	T_INTEQ(e.code, DYAD_EIO);
	T_CHECK(has(e.msg, "Is a directory"));
	T_CHECK(!dyad_reader_open(tmpdir, NULL, NULL));   /* err is optional */

	dyad_reader_options o = { (enum dyad_input)7, 0, 0, NULL };
	puts_file("k", "x");
	T_CHECK(!dyad_reader_open(P("k"), &o, &e));
	T_INTEQ(e.code, DYAD_EUSAGE);
}

static void test_stdin(void)
{
	puts_file("in.txt", "From stdin.");
	puts_file("in.jsonl", "{\"id\":\"s\",\"text\":\"t\"}\n");
	int saved = dup(STDIN_FILENO);
	T_CHECK(saved >= 0);
	for (int k = 0; k < 2; k++) {
		int fd = open(P(k ? "in.jsonl" : "in.txt"), O_RDONLY);
		T_CHECK(fd >= 0 && dup2(fd, STDIN_FILENO) == STDIN_FILENO);
		close(fd);
		dyad_reader_options o = { DYAD_IN_AUTO, 20240202, 0, NULL };
		dyad_error e;
		dyad_reader *r = dyad_reader_open(k ? NULL : "-", &o, &e);
		T_CHECK(r);
		if (r) {
			if (k)
				GOOD(r, "s", "t");
			else
				GOOD(r, "stdin", "From stdin.");
			END(r);
		}
		dyad_reader_free(r);
	}
	dup2(saved, STDIN_FILENO);
	close(saved);
	/* stdin is not closed by dyad_reader_free */
	T_CHECK(fcntl(STDIN_FILENO, F_GETFD) != -1);
}

/* Strings stay valid until the next call, also for errors. */
static void test_lifetime(void)
{
	puts_file("life.jsonl", "{\"id\":\"x1\",\"text\":\"a\",\"date\":5}\n"
		  "{\"id\":\"x2\",\"text\":\"b\"}\n");
	dyad_reader *r = ropen("life.jsonl", DYAD_IN_AUTO, 0, 0);
	T_CHECK(r);
	if (!r)
		return;
	dyad_doc d;
	dyad_error e;
	T_INTEQ(nx(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "x1");
	T_CHECK(!d.text);
	T_STREQ(e.file, P("life.jsonl"));
	T_INTEQ(nx(r, &d, &e), 1);
	T_STREQ(d.id, "x2");
	dyad_reader_free(r);   /* with a document still held */
}

static void cleanup(void)
{
	DIR *dir = opendir(tmpdir);
	struct dirent *de;
	while (dir && (de = readdir(dir)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			unlink(P(de->d_name));
	if (dir)
		closedir(dir);
	rmdir(tmpdir);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-test-reader-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	T_RUN(test_good_lines);
	T_RUN(test_ids);
	T_RUN(test_crlf_blank);
	T_RUN(test_errors);
	T_RUN(test_long_line);
	T_RUN(test_gzip);
	T_RUN(test_zstd);
	T_RUN(test_corrupt_gzip);
	T_RUN(test_text_mode);
	T_RUN(test_empty_bom_ws);
	T_RUN(test_binary);
	T_RUN(test_missing);
	T_RUN(test_stdin);
	T_RUN(test_lifetime);
	cleanup();
	return t_exit();
}
