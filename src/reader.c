/*
 * reader.c - the document reader: JSONL or plain text, from a file or
 * stdin, optionally gzip- or zstd-compressed (detected by magic bytes).
 *
 * Invariants:
 * - Streaming. Decompressed bytes go into one buffer, buf[start, end),
 *   that holds at most one partial line plus one read's worth of input;
 *   it grows only while a single line (or the single text document) is
 *   longer than what it holds, and never beyond max_doc_bytes + 2 +
 *   READ_MIN. A line longer than the cap is skipped by scanning for its
 *   newline without keeping it.
 * - A returned dyad_doc points into r->json (JSONL), r->buf (text) or
 *   r->idbuf; all stay valid until the next dyad_reader_next() or
 *   dyad_reader_free(), which is when r->json is released.
 * - doc->text, doc->id, source and url are NUL-terminated as well as
 *   counted (text_len, id_len exclude the NUL).
 * - A stream failure (read error, corrupt or truncated compressed data,
 *   out of memory) ends the stream: it is returned once (DYAD_EIO, or
 *   DYAD_ENOMEM), and every later call returns 0, so a caller that keeps
 *   calling cannot loop. Lines decoded before the failing read are
 *   delivered first.
 *
 * Behaviour decided here (see also the comment on dyad_reader_next in
 * dyad.h):
 * - Lines end with "\n"; one "\r" before it is dropped. The last line
 *   needs no newline. Line numbers count every line, blank ones too.
 * - Blank and whitespace-only lines (" \t\r") are not documents. A stream
 *   that is empty or whitespace-only yields no document in any mode.
 * - A UTF-8 byte order mark at the start of the stream is skipped.
 * - DYAD_IN_AUTO: JSONL when the first byte that is not whitespace (after
 *   a BOM) is '{', plain text otherwise.
 * - JSONL fields: "text" string, required. "id" string or integer (an
 *   integer becomes its decimal text); missing, null or "" is NOT an
 *   error: the id becomes "line-N" (N the line number). "date", "source",
 *   "url": optional; JSON null counts as absent; any other non-string
 *   value, or a "date" that dyad_parse_date() rejects (it takes
 *   YYYY-MM-DD, YYYYMMDD and ISO timestamps), is an error. Other fields
 *   are ignored; duplicate keys: the last wins.
 * - A JSONL line that is not an object (array, string, number) is an
 *   error; so is a NUL byte, raw or as \u0000, anywhere in the line.
 * - Per-document errors: err->line is the line number, err->file the
 *   path ("stdin"), err->pos the byte offset in the line for JSON syntax
 *   errors (else -1), doc->id the line's id when it has a usable one
 *   (never "line-N"), else NULL. A line over the cap is DYAD_ETOOBIG with
 *   id NULL (it is not parsed).
 * - gzip: concatenated members are read in turn (like gzip -d); bytes
 *   after the last member that do not start a new member are ignored.
 *   zstd: concatenated and skippable frames are handled by libzstd.
 */
#include "internal.h"
#include "web.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <strings.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <zlib.h>
#include <zstd.h>

#define READ_SIZE ((size_t)1 << 20)  /* initial buffer and compressed chunk */
#define READ_MIN ((size_t)64 << 10)  /* never read() into less room than this */
#define DEFAULT_MAX ((size_t)64 << 20)
#define WARC_HEAD_MAX ((size_t)64 << 10)   /* one WARC record's header */
#define SNIFF_BYTES 4096                    /* bytes looked at by AUTO */

enum comp { COMP_UNKNOWN, COMP_NONE, COMP_GZIP, COMP_ZSTD };

struct dyad_reader {
	const volatile int *cancel;   /* see dyad_reader_options */
	int fd;
	bool own_fd;
	char *name;            /* path as given, or "stdin": err->file */
	const char *base;      /* basename of name: the id of a text document */
	enum dyad_input kind;  /* AUTO until the first bytes are seen */
	int default_date;
	size_t max;            /* cap on one line / one text document */

	enum comp comp;
	unsigned char *in;     /* compressed input chunk */
	z_stream z;
	bool z_live;           /* inflateInit2 done */
	bool z_member_end;     /* inflate reached the end of a gzip member */
	ZSTD_DStream *zd;
	ZSTD_inBuffer zin;
	size_t zret;           /* last ZSTD_decompressStream result */
	bool in_eof;           /* read() returned 0 */

	char *buf;             /* decompressed bytes: buf[start, end) unread */
	size_t cap, cap_max, start, end, scan;
	bool eof;              /* no more decompressed bytes will come */
	bool started;          /* magic bytes and input kind detected */
	bool done;             /* text document delivered */

	int fail;              /* stream error (DYAD_EIO/ENOMEM), 0 if none */
	bool fail_told;        /* fail was returned once: now only 0 */
	char fail_msg[256];
	long fail_line;

	long line;             /* number of lines consumed so far */
	json_t *json;          /* the current JSONL document */
	char idbuf[48];        /* "line-N", a numeric id, "record N", "item N" */

	/* HTML, feeds, WARC (web.h) */
	bool hint_html, hint_feed, hint_warc;   /* from the file name */
	unsigned long long off;  /* stream offset of buf[0] */
	struct web_doc wd;     /* the current web document's fields */
	struct feed *feed;     /* the parsed feed (FEED) */
	size_t feed_next;      /* next item */
	bool feed_done;        /* the feed was parsed (and reported) */
	char feed_bad[256];    /* not well-formed: reported before the items */
	long record;           /* WARC records started */
	size_t skipped;        /* WARC records that are not documents */
	dyad_error last_err;   /* a bad WARC record, copied to the caller's */
	dyad_buf scratch;      /* WARC payload decoding */
};

/* ---- helpers ---------------------------------------------------------- */

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool all_ws(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws((unsigned char)s[i]))
			return false;
	return true;
}

/* Copy s into out (size cap) replacing bytes that are not printable
 * ASCII with '?', so messages with untrusted bytes print safely. */
static void printable(char *out, size_t cap, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i + 1 < cap && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	out[i] = 0;
}

/* "64 MiB", "512 KiB" or "1000 bytes". */
static void fmt_size(char *out, size_t cap, size_t n)
{
	if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
		snprintf(out, cap, "%zu MiB", n >> 20);
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, cap, "%zu KiB", n >> 10);
	else
		snprintf(out, cap, "%zu bytes", n);
}

/* Record a stream failure; returns its code. */
static int stream_fail(dyad_reader *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int stream_fail(dyad_reader *r, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->fail_msg, sizeof r->fail_msg, fmt, ap);
	va_end(ap);
	r->fail = code;
	/* web formats have records and items, not lines */
	r->fail_line = r->kind == DYAD_IN_HTML || r->kind == DYAD_IN_FEED ||
				       r->kind == DYAD_IN_WARC ? 0 : r->line + 1;
	return code;
}

/* read() that retries on EINTR (unless cancelled); 0 at end of file, -1
 * with errno. */
static ssize_t read_some(const volatile int *cancel, int fd, void *p, size_t n)
{
	for (;;) {
		ssize_t k = read(fd, p, n);
		if (k >= 0 || errno != EINTR || (cancel && *cancel))
			return k;
	}
}

/* ---- open / free ------------------------------------------------------ */

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && !strcasecmp(s + n - k, suf);
}

/* Format hints from the file name (compression suffixes looked through). */
static void name_hints(dyad_reader *r)
{
	char b[256];
	snprintf(b, sizeof b, "%s", r->base);
	size_t n = strlen(b);
	if (ends_with(b, ".gz"))
		b[n - 3] = 0;
	else if (ends_with(b, ".zst"))
		b[n - 4] = 0;
	r->hint_html = ends_with(b, ".html") || ends_with(b, ".htm") ||
		       ends_with(b, ".xhtml");
	r->hint_feed = ends_with(b, ".rss") || ends_with(b, ".atom");
	r->hint_warc = ends_with(b, ".warc");
}

dyad_reader *dyad_reader_open(const char *path, const dyad_reader_options *opt,
			      dyad_error *err)
{
	static const dyad_reader_options defaults = { DYAD_IN_AUTO, 0, 0, NULL };
	bool is_stdin = !path || !strcmp(path, "-");
	dyad_reader *r = NULL;

	if (!opt)
		opt = &defaults;
	if (opt->kind != DYAD_IN_AUTO && opt->kind != DYAD_IN_JSONL &&
	    opt->kind != DYAD_IN_TEXT && opt->kind != DYAD_IN_HTML &&
	    opt->kind != DYAD_IN_FEED && opt->kind != DYAD_IN_WARC) {
		dyad_seterr(err, DYAD_EUSAGE, path, 0, -1, "unknown input kind %d",
			    (int)opt->kind);
		return NULL;
	}
	r = calloc(1, sizeof *r);
	if (!r)
		goto nomem;
	r->fd = -1;
	r->name = strdup(is_stdin ? "stdin" : path);
	if (!r->name)
		goto nomem;
	r->base = strrchr(r->name, '/');
	r->base = r->base ? r->base + 1 : r->name;
	name_hints(r);
	r->kind = opt->kind;
	r->default_date = opt->default_date;
	r->cancel = opt->cancel;
	r->max = opt->max_doc_bytes ? opt->max_doc_bytes : DEFAULT_MAX;
	if (r->max > SIZE_MAX / 4)
		r->max = SIZE_MAX / 4;
	r->cap_max = r->max + 2 + READ_MIN;
	r->cap = READ_SIZE;
	r->buf = malloc(r->cap);
	xmlInitParser();   /* once, on the thread that opens readers */
	if (!r->buf)
		goto nomem;

	if (is_stdin) {
		r->fd = STDIN_FILENO;
	} else {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot open '%s': %s",
				    path, strerror(errno));
			goto fail;
		}
		r->own_fd = true;
		struct stat st;
		if (fstat(r->fd, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				dyad_seterr(err, DYAD_EIO, path, 0, -1,
					    "cannot read '%s': %s", path,
					    strerror(EISDIR));
				goto fail;
			}
#ifdef POSIX_FADV_SEQUENTIAL
			if (S_ISREG(st.st_mode))
				(void)posix_fadvise(r->fd, 0, 0,
						    POSIX_FADV_SEQUENTIAL);
#endif
		}
	}
	return r;

nomem:
	dyad_seterr(err, DYAD_ENOMEM, path, 0, -1, "out of memory");
fail:
	dyad_reader_free(r);
	return NULL;
}

void dyad_reader_free(dyad_reader *r)
{
	if (!r)
		return;
	feed_free(r->feed);
	web_doc_release(&r->wd);
	dyad_buf_release(&r->scratch);
	if (r->json)
		json_decref(r->json);
	if (r->z_live)
		inflateEnd(&r->z);
	if (r->zd)
		ZSTD_freeDStream(r->zd);
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	free(r->in);
	free(r->buf);
	free(r->name);
	free(r);
}

/* ---- the byte stream ---------------------------------------------------- */

/* Refill r->in with compressed input. Returns the number of bytes read
 * (0 at end of file, r->in_eof set) or DYAD_EIO. */
static long read_in(dyad_reader *r)
{
	ssize_t k = read_some(r->cancel, r->fd, r->in, READ_SIZE);
	if (k < 0)
		return stream_fail(r, DYAD_EIO, "cannot read '%s': %s", r->name,
				   strerror(errno));
	if (k == 0)
		r->in_eof = true;
	return (long)k;
}

/* Decompress gzip into out[0, n). Returns bytes produced (0: end of the
 * stream) or a negative DYAD_E*. */
static long fill_gzip(dyad_reader *r, char *out, size_t n)
{
	z_stream *z = &r->z;
	z->next_out = (unsigned char *)out;
	z->avail_out = (uInt)MIN(n, (size_t)UINT_MAX);
	uInt room = z->avail_out;

	for (;;) {
		if (z->avail_in == 0 && !r->in_eof) {
			long k = read_in(r);
			if (k < 0)
				return k;
			z->next_in = r->in;
			z->avail_in = (uInt)k;
		}
		if (r->z_member_end) {
			/* Another member follows, or the stream ends. */
			if (z->avail_in == 0)
				return (long)(room - z->avail_out);  /* in_eof */
			if (z->next_in[0] != 0x1f ||
			    (z->avail_in > 1 && z->next_in[1] != 0x8b)) {
				z->avail_in = 0;   /* trailing garbage: ignored */
				r->in_eof = true;
				return (long)(room - z->avail_out);
			}
			if (inflateReset(z) != Z_OK)
				return stream_fail(r, DYAD_EIO, "corrupt gzip stream in '%s'",
						   r->name);
			r->z_member_end = false;
		}
		int ret = inflate(z, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			r->z_member_end = true;
		} else if (ret == Z_BUF_ERROR) {
			/* No progress: out is full, or input is needed. */
			if (z->avail_in == 0 && r->in_eof && z->avail_out > 0)
				return stream_fail(r, DYAD_EIO,
						   "truncated gzip stream in '%s'",
						   r->name);
		} else if (ret == Z_MEM_ERROR) {
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		} else if (ret != Z_OK) {
			return stream_fail(r, DYAD_EIO, "corrupt gzip stream in '%s': %s",
					   r->name, z->msg ? z->msg : "bad data");
		}
		size_t got = room - z->avail_out;
		if (z->avail_out == 0 || (got > 0 && z->avail_in == 0))
			return (long)got;
	}
}

/* Decompress zstd into out[0, n); as fill_gzip. */
static long fill_zstd(dyad_reader *r, char *out, size_t n)
{
	ZSTD_outBuffer o = { out, n, 0 };

	for (;;) {
		if (r->zin.pos == r->zin.size && !r->in_eof) {
			long k = read_in(r);
			if (k < 0)
				return k;
			r->zin.src = r->in;
			r->zin.size = (size_t)k;
			r->zin.pos = 0;
		}
		/* At the end of the input after a complete frame: done. (Called
		 * again there, the decoder would ask for a next frame.) */
		if (r->zin.pos == r->zin.size && r->in_eof && r->zret == 0)
			return (long)o.pos;
		size_t ret = ZSTD_decompressStream(r->zd, &o, &r->zin);
		if (ZSTD_isError(ret))
			return stream_fail(r, DYAD_EIO, "corrupt zstd stream in '%s': %s",
					   r->name, ZSTD_getErrorName(ret));
		r->zret = ret;
		if (o.pos == o.size)
			return (long)o.pos;
		if (r->zin.pos == r->zin.size) {
			/* Output not full: all that could be decoded is out. */
			if (o.pos > 0)
				return (long)o.pos;
			if (r->in_eof) {
				if (r->zret == 0)
					return 0;
				return stream_fail(r, DYAD_EIO,
						   "truncated zstd stream in '%s'", r->name);
			}
		}
	}
}

/* Read the magic bytes and set up decompression. Returns 0 or DYAD_E*. */
static int detect_compression(dyad_reader *r)
{
	unsigned char m[4];
	size_t n = 0;
	while (n < sizeof m) {
		ssize_t k = read_some(r->cancel, r->fd, m + n, sizeof m - n);
		if (k < 0)
			return stream_fail(r, DYAD_EIO, "cannot read '%s': %s", r->name,
					   strerror(errno));
		if (k == 0) {
			r->in_eof = true;
			break;
		}
		n += (size_t)k;
	}
	if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		r->comp = COMP_GZIP;
	else if (n == 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f &&
		 m[3] == 0xfd)
		r->comp = COMP_ZSTD;
	else
		r->comp = COMP_NONE;

	if (r->comp == COMP_NONE) {
		memcpy(r->buf, m, n);
		r->end = n;
		if (r->in_eof)
			r->eof = true;
		return 0;
	}
	r->in = malloc(READ_SIZE);
	if (!r->in)
		return stream_fail(r, DYAD_ENOMEM, "out of memory");
	memcpy(r->in, m, n);
	if (r->comp == COMP_GZIP) {
		r->z.next_in = r->in;
		r->z.avail_in = (uInt)n;
		int ret = inflateInit2(&r->z, 15 + 32);
		if (ret != Z_OK)
			return stream_fail(r, ret == Z_MEM_ERROR ? DYAD_ENOMEM : DYAD_EIO,
					   "cannot start gzip decoder");
		r->z_live = true;
	} else {
		r->zd = ZSTD_createDStream();
		if (!r->zd)
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		size_t ret = ZSTD_initDStream(r->zd);
		if (ZSTD_isError(ret))
			return stream_fail(r, DYAD_EIO, "cannot start zstd decoder: %s",
					   ZSTD_getErrorName(ret));
		r->zin.src = r->in;
		r->zin.size = n;
		r->zin.pos = 0;
		r->zret = 1;
	}
	return 0;
}

/* Make room for at least READ_MIN bytes after r->end: move the unread
 * bytes to the front, or grow the buffer up to cap_max. */
static int make_room(dyad_reader *r)
{
	if (r->cap - r->end >= READ_MIN)
		return 0;
	if (r->start > 0) {
		size_t n = r->end - r->start;
		r->off += r->start;
		memmove(r->buf, r->buf + r->start, n);
		r->scan -= r->start;
		r->end = n;
		r->start = 0;
		if (r->cap - r->end >= READ_MIN)
			return 0;
	}
	size_t cap = r->cap <= r->cap_max / 2 ? r->cap * 2 : r->cap_max;
	if (cap <= r->cap)
		return 0;   /* at cap_max: the caller's cap check comes first */
	char *p = realloc(r->buf, cap);
	if (!p)
		return stream_fail(r, DYAD_ENOMEM, "out of memory");
	r->buf = p;
	r->cap = cap;
	return 0;
}

/* Append decompressed bytes at r->end. Returns >0 when bytes were added,
 * 0 at end of stream (r->eof set), or a negative DYAD_E*. */
static long fill(dyad_reader *r)
{
	if (r->eof)
		return 0;
	int rc = make_room(r);
	if (rc)
		return rc;
	char *out = r->buf + r->end;
	size_t n = r->cap - r->end;
	long got;
	/* Callers check the cap before filling, so make_room always leaves
	 * room: cap_max exceeds max + 1 by READ_MIN. */
	assert(n > 0);
	switch (r->comp) {
	case COMP_GZIP:
		got = fill_gzip(r, out, n);
		break;
	case COMP_ZSTD:
		got = fill_zstd(r, out, n);
		break;
	default: {
		ssize_t k = read_some(r->cancel, r->fd, out, n);
		if (k < 0)
			return stream_fail(r, DYAD_EIO, "cannot read '%s': %s", r->name,
					   strerror(errno));
		got = (long)k;
		break;
	}
	}
	if (got < 0)
		return got;
	if (got == 0)
		r->eof = true;
	r->end += (size_t)got;
	return got;
}

/* The format of a stream that starts with p[0, n) (blanks skipped). */
static enum dyad_input sniff(const dyad_reader *r, const char *p, size_t n)
{
	if (warc_sniff(p, n) || (n == 0 && r->hint_warc))
		return DYAD_IN_WARC;
	if (n && p[0] == '{')
		return DYAD_IN_JSONL;
	if (n && p[0] == '<')
		return feed_sniff(p, n) ? DYAD_IN_FEED : DYAD_IN_HTML;
	if (r->hint_html)
		return DYAD_IN_HTML;
	if (r->hint_feed)
		return DYAD_IN_FEED;
	if (r->hint_warc)
		return DYAD_IN_WARC;
	return DYAD_IN_TEXT;
}

/* First call: detect compression, skip a BOM, decide AUTO. */
static int start(dyad_reader *r)
{
	int rc = detect_compression(r);
	if (rc)
		return rc;
	while (r->end < 3 && !r->eof) {
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
	if (r->end >= 3 && !memcmp(r->buf, "\xef\xbb\xbf", 3))
		r->start = r->scan = 3;
	/* Look for the first byte that is not whitespace (i counts from
	 * r->start, which a fill may move), giving up past the cap. */
	size_t i = 0;
	for (;;) {
		while (r->start + i < r->end &&
		       is_ws((unsigned char)r->buf[r->start + i]))
			i++;
		if (r->start + i < r->end || r->eof || i > r->max)
			break;
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
	if (r->kind == DYAD_IN_AUTO) {
		/* up to SNIFF_BYTES after the blanks, for feed/HTML sniffing */
		while (!r->eof && r->end - (r->start + i) < SNIFF_BYTES &&
		       r->end - r->start <= r->max) {
			long got = fill(r);
			if (got < 0)
				return (int)got;
		}
		r->kind = sniff(r, r->buf + r->start + MIN(i, r->end - r->start),
				r->end - r->start - MIN(i, r->end - r->start));
	}
	if (r->kind == DYAD_IN_WARC) {
		/* room for a header and a whole content block */
		r->cap_max = r->max + WARC_HEAD_MAX + 16 + READ_MIN;
	}
	r->started = true;
	return 0;
}

/* ---- documents ---------------------------------------------------------- */

static int next_text(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	if (r->done)
		return 0;
	while (!r->eof && r->end - r->start <= r->max) {
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
	r->done = true;
	r->line = 1;
	doc->id = r->base;
	doc->id_len = strlen(r->base);
	if (r->end - r->start > r->max) {
		char sz[32];
		fmt_size(sz, sizeof sz, r->max);
		return dyad_seterr(err, DYAD_ETOOBIG, r->name, 1, -1,
				   "document exceeds %s", sz);
	}
	if (all_ws(r->buf + r->start, r->end - r->start)) {
		doc->id = NULL;
		doc->id_len = 0;
		return 0;
	}
	if (r->end == r->cap) {
		char *p = realloc(r->buf, r->cap + 1);
		if (!p)
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		r->buf = p;
		r->cap++;
	}
	r->buf[r->end] = 0;   /* like jansson's strings */
	doc->text = r->buf + r->start;
	doc->text_len = r->end - r->start;
	doc->date = r->default_date;
	return 1;
}

/* Skip the rest of a line longer than the cap without keeping it. */
static int skip_line(dyad_reader *r)
{
	for (;;) {
		r->off += r->end;
		r->start = r->scan = r->end = 0;   /* drop what is buffered */
		long got = fill(r);
		if (got < 0)
			return (int)got;
		if (got == 0)
			return 0;
		char *nl = memchr(r->buf, '\n', r->end);
		if (nl) {
			r->start = r->scan = (size_t)(nl - r->buf) + 1;
			return 0;
		}
	}
}

/* The next line in *line, *n (without "\n" or "\r\n"). Returns 1, 0 at
 * end of stream, DYAD_ETOOBIG for a line over the cap (already skipped),
 * or a stream error. r->line is its number. */
static int next_line(dyad_reader *r, const char **line, size_t *n)
{
	char *nl;
	*line = NULL;
	*n = 0;
	for (;;) {
		nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
		if (nl)
			break;
		r->scan = r->end;
		if (r->end - r->start > r->max + 1) {
			r->line++;
			int rc = skip_line(r);
			return rc ? rc : DYAD_ETOOBIG;
		}
		if (r->eof) {
			if (r->start == r->end)
				return 0;
			nl = r->buf + r->end;   /* last line, no newline */
			break;
		}
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
	r->line++;
	size_t len = (size_t)(nl - r->buf) - r->start;
	*line = r->buf + r->start;
	r->start = r->scan = MIN((size_t)(nl - r->buf) + 1, r->end);
	if (len > 0 && (*line)[len - 1] == '\r')
		len--;
	*n = len;
	return len > r->max ? DYAD_ETOOBIG : 1;
}

/* A parse failure of line[0, n): the most useful message. */
static int json_fail(dyad_reader *r, const char *line, size_t n,
		     const json_error_t *je, dyad_error *err)
{
	const char *nul = memchr(line, 0, n);
	if (nul)
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, nul - line,
				   "NUL byte in text at column %ld",
				   (long)(nul - line) + 1);
	switch (json_error_code(je)) {
	case json_error_null_character:
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, je->position,
				   "NUL byte in text (\\u0000) at column %d",
				   je->position);
	case json_error_invalid_utf8: {
		/* position counts the bytes before the bad one */
		long at = je->position;
		unsigned c = at >= 0 && (size_t)at < n ? (unsigned char)line[at] : 0;
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, at,
				   "invalid UTF-8 (byte 0x%02x) at column %ld", c,
				   at + 1);
	}
	default: {
		char msg[JSON_ERROR_TEXT_LENGTH];
		printable(msg, sizeof msg, je->text, strlen(je->text));
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, je->position,
				   "invalid JSON: %s at column %d", msg, je->position);
	}
	}
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "unknown";
}

/* An optional string field: NULL when absent or null. */
static int opt_string(dyad_reader *r, json_t *o, const char *key,
		      const char **out, dyad_error *err)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
				   "field '%s' is not a string", key);
	*out = json_string_value(v);
	return 0;
}

/* Fill *doc from the object r->json. */
static int fill_doc(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	json_t *o = r->json, *v;
	int rc;

	/* id first, so that later errors can name the document */
	v = json_object_get(o, "id");
	if (v && json_is_string(v) && json_string_length(v) > 0) {
		doc->id = json_string_value(v);
		doc->id_len = json_string_length(v);
	} else if (v && json_is_integer(v)) {
		int k = snprintf(r->idbuf, sizeof r->idbuf, "%" JSON_INTEGER_FORMAT,
				 json_integer_value(v));
		doc->id = r->idbuf;
		doc->id_len = (size_t)k;
	} else if (v && !json_is_null(v) && !json_is_string(v)) {
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
				   "field 'id' is not a string or integer");
	}

	v = json_object_get(o, "text");
	if (!v)
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
				   "missing field 'text'");
	if (!json_is_string(v))
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
				   "field 'text' is not a string");
	doc->text = json_string_value(v);
	doc->text_len = json_string_length(v);

	v = json_object_get(o, "date");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
					   "field 'date' is not a date: %s",
					   type_name(v));
		doc->date = dyad_parse_date(json_string_value(v),
					    json_string_length(v));
		if (!doc->date) {
			char shown[48];
			printable(shown, sizeof shown, json_string_value(v),
				  json_string_length(v));
			return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
					   "field 'date' is not a date: '%s'", shown);
		}
	}
	if ((rc = opt_string(r, o, "source", &doc->source, err)) ||
	    (rc = opt_string(r, o, "url", &doc->url, err)))
		return rc;

	if (!doc->id) {
		/* No id is not an error: the document is named by its line. */
		int k = snprintf(r->idbuf, sizeof r->idbuf, "line-%ld", r->line);
		doc->id = r->idbuf;
		doc->id_len = (size_t)k;
	}
	return 1;
}

static int next_jsonl(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	const char *line;
	size_t n;
	int rc;

	for (;;) {
		rc = next_line(r, &line, &n);
		if (rc == 0 || rc == DYAD_EIO || rc == DYAD_ENOMEM)
			return rc;
		if (rc == DYAD_ETOOBIG) {
			char sz[32];
			fmt_size(sz, sizeof sz, r->max);
			return dyad_seterr(err, DYAD_ETOOBIG, r->name, r->line, -1,
					   "line exceeds %s", sz);
		}
		if (n > 0 && (line[0] == '{' || !all_ws(line, n)))
			break;
	}

	json_error_t je;
	r->json = json_loadb(line, n, JSON_DECODE_ANY, &je);
	if (!r->json)
		return json_fail(r, line, n, &je, err);
	if (!json_is_object(r->json))
		return dyad_seterr(err, DYAD_EINPUT, r->name, r->line, -1,
				   "line is not a JSON object");
	rc = fill_doc(r, doc, err);
	if (rc < 0) {
		/* doc->id stays set when the line has one */
		const char *id = doc->id;
		size_t id_len = doc->id_len;
		memset(doc, 0, sizeof *doc);
		doc->id = id;
		doc->id_len = id_len;
	}
	return rc;
}

/* ---- HTML pages and feeds: the whole stream is one input ------------- */

/* Buffer the whole stream (at most r->max bytes). Returns 1, 0 when it is
 * empty or blank, DYAD_ETOOBIG (error filled, doc->id the file) or a
 * stream error. */
static int whole(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	while (!r->eof && r->end - r->start <= r->max) {
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
	r->done = true;
	if (r->end - r->start > r->max) {
		char sz[32];
		fmt_size(sz, sizeof sz, r->max);
		doc->id = r->base;
		doc->id_len = strlen(r->base);
		return dyad_seterr(err, DYAD_ETOOBIG, r->name, 0, -1,
				   "document exceeds %s", sz);
	}
	return all_ws(r->buf + r->start, r->end - r->start) ? 0 : 1;
}

/* Fill *doc from r->wd; id: d->id, else the url, else fallback. */
static void web_fill(dyad_reader *r, dyad_doc *doc, const char *fallback)
{
	struct web_doc *d = &r->wd;
	if (d->id.len) {
		doc->id = d->id.p;
		doc->id_len = d->id.len;
	} else if (d->url.len) {
		doc->id = d->url.p;
		doc->id_len = d->url.len;
	} else {
		doc->id = fallback;
		doc->id_len = strlen(fallback);
	}
	doc->text = web_str(&d->text);
	doc->text_len = d->text.len;
	doc->date = d->date ? d->date : r->default_date;
	doc->source = d->publisher.len ? d->publisher.p : NULL;
	doc->url = d->url.len ? d->url.p : NULL;
}

/* An error about the current web document: doc->id as web_fill. */
static int web_fail(dyad_reader *r, dyad_doc *doc, const char *fallback, int code,
		    const dyad_error *e, dyad_error *err)
{
	web_fill(r, doc, fallback);
	doc->text = NULL;
	doc->text_len = 0;
	doc->date = 0;
	doc->source = doc->url = NULL;
	return dyad_seterr(err, code, r->name, 0, e ? e->pos : -1, "%s",
			   e ? e->msg : "bad document");
}

static int next_html(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	if (r->done)
		return 0;
	int rc = whole(r, doc, err);
	if (rc <= 0)
		return rc;
	dyad_error e = { 0 };
	web_doc_reset(&r->wd);
	rc = html_article(r->buf + r->start, r->end - r->start, r->max, &r->wd, &e);
	if (rc)
		return web_fail(r, doc, r->base, rc, &e, err);
	if (!r->wd.text.len) {
		dyad_seterr(&e, DYAD_EINPUT, NULL, 0, -1, "page has no article text");
		return web_fail(r, doc, r->base, DYAD_EINPUT, &e, err);
	}
	web_fill(r, doc, r->base);
	return 1;
}

static int next_feed(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	if (!r->feed_done) {
		r->feed_done = true;
		int rc = whole(r, doc, err);
		if (rc <= 0)
			return rc;
		r->feed = feed_parse(r->buf + r->start, r->end - r->start, r->feed_bad,
				     sizeof r->feed_bad);
		if (!r->feed)
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		if (r->feed_bad[0]) {
			doc->id = r->base;
			doc->id_len = strlen(r->base);
			return dyad_seterr(err, DYAD_EINPUT, r->name, 0, -1, "%s",
					   r->feed_bad);
		}
		if (!feed_items(r->feed)) {
			doc->id = r->base;
			doc->id_len = strlen(r->base);
			return dyad_seterr(err, DYAD_EINPUT, r->name, 0, -1,
					   "feed has no items or entries");
		}
	}
	if (!r->feed || r->feed_next >= feed_items(r->feed))
		return 0;
	size_t i = r->feed_next++;
	dyad_error e = { 0 };
	snprintf(r->idbuf, sizeof r->idbuf, "item %zu", i + 1);
	int rc = feed_item(r->feed, i, r->max, &r->wd, &e);
	if (rc)
		return web_fail(r, doc, r->idbuf, rc, &e, err);
	web_fill(r, doc, r->idbuf);
	return 1;
}

/* ---- WARC: one record at a time, streamed ------------------------------ */

/* Make buf[start, start + need) available. Returns 1, 0 when the stream
 * ends first, or a stream error. */
static int want(dyad_reader *r, size_t need)
{
	while (r->end - r->start < need) {
		if (r->eof)
			return 0;
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
	return 1;
}

/* Drop the next n bytes of the stream without keeping them. Returns 1, 0
 * when the stream ends first, or a stream error. */
static int discard(dyad_reader *r, unsigned long long n)
{
	for (;;) {
		size_t have = r->end - r->start;
		if (have >= n) {
			r->start += (size_t)n;
			return 1;
		}
		n -= have;
		r->off += r->end;
		r->start = r->scan = r->end = 0;
		if (r->eof)
			return 0;
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
}

/* Offset of "\nWARC/1." in p[0, n) plus one (the 'W'), or n. */
static size_t find_record(const char *p, size_t n)
{
	for (const char *q = p; (q = memchr(q, '\n', n - (size_t)(q - p))); q++)
		if ((size_t)(q - p) + 8 <= n && !memcmp(q + 1, "WARC/1.", 7))
			return (size_t)(q - p) + 1;
	return n;
}

/* Skip to the next line that starts "WARC/1." (after a framing error).
 * Returns 1 when one was found, 0 at the end, or a stream error. */
static int resync(dyad_reader *r)
{
	for (;;) {
		size_t n = r->end - r->start;
		size_t k = find_record(r->buf + r->start, n);
		if (k < n) {
			r->start += k;
			return 1;
		}
		if (r->eof) {
			r->start = r->end;
			return 0;
		}
		if (n > 8)
			r->start = r->end - 8;   /* a match may straddle the fill */
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
}

/* A bad WARC record: id is its WARC-Record-ID when known, else
 * "record N". */
static int warc_bad(dyad_reader *r, dyad_doc *doc, const struct warc_head *h,
		    unsigned long long at, int code, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static int warc_bad(dyad_reader *r, dyad_doc *doc, const struct warc_head *h,
		    unsigned long long at, int code, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	web_doc_reset(&r->wd);
	if (h && h->rid_len && !web_set(&r->wd.id, h->rid, MIN(h->rid_len, (size_t)512))) {
		doc->id = r->wd.id.p;
		doc->id_len = r->wd.id.len;
	} else {
		int k = snprintf(r->idbuf, sizeof r->idbuf, "record %ld", r->record);
		doc->id = r->idbuf;
		doc->id_len = (size_t)k;
	}
	r->scratch.len = 0;
	return dyad_seterr(&r->last_err, code, r->name, 0, (long)MIN(at, (unsigned long long)LONG_MAX),
			   "record %ld at byte %llu: %s", r->record, at, msg);
}

/* The header block at buf[start]: its length up to and including the
 * blank line (*hlen) and without it (*hn). 1, 0 at the end of the stream
 * (truncated), DYAD_ETOOBIG past WARC_HEAD_MAX, or a stream error. */
static int warc_header(dyad_reader *r, size_t *hn, size_t *hlen)
{
	size_t from = 0;
	for (;;) {
		const char *p = r->buf + r->start;
		size_t n = MIN(r->end - r->start, WARC_HEAD_MAX);
		for (size_t i = from; i < n; i++) {
			if (p[i] != '\n')
				continue;
			if (i + 1 < n && p[i + 1] == '\n') {
				*hn = i + 1;
				*hlen = i + 2;
				return 1;
			}
			if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') {
				*hn = i + 1;
				*hlen = i + 3;
				return 1;
			}
		}
		from = n > 3 ? n - 3 : 0;
		if (r->end - r->start >= WARC_HEAD_MAX)
			return DYAD_ETOOBIG;
		if (r->eof)
			return 0;
		long got = fill(r);
		if (got < 0)
			return (int)got;
	}
}

static int next_warc(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	int rc;
	for (;;) {
		if (r->done)
			return 0;
		/* blank lines between records */
		for (;;) {
			while (r->start < r->end &&
			       (r->buf[r->start] == '\r' || r->buf[r->start] == '\n'))
				r->start++;
			if (r->start < r->end)
				break;
			if (r->eof)
				return 0;
			long got = fill(r);
			if (got < 0)
				return (int)got;
		}
		r->record++;
		unsigned long long at = r->off + r->start;
		size_t hn = 0, hlen = 0;
		rc = warc_header(r, &hn, &hlen);
		if (rc < 0 && rc != DYAD_ETOOBIG)
			return rc;
		if (rc != 1) {
			bool is_warc = warc_sniff(r->buf + r->start, r->end - r->start);
			int code = rc == DYAD_ETOOBIG ? DYAD_ETOOBIG : DYAD_EINPUT;
			const char *why = !is_warc ? "not a WARC record"
					  : rc == DYAD_ETOOBIG ? "header longer than 64 KiB"
					  : "truncated record header";
			r->start++;   /* past this record's first byte */
			if ((rc = resync(r)) < 0)
				return rc;
			warc_bad(r, doc, NULL, at, code, "%s", why);
			if (err)
				*err = r->last_err;
			return code;
		}
		struct warc_head h;
		char msg[160];
		if (warc_head_parse(r->buf + r->start, hn, &h, msg, sizeof msg)) {
			r->start++;
			warc_bad(r, doc, &h, at, DYAD_EINPUT, "%s", msg);
			if ((rc = resync(r)) < 0)
				return rc;
			if (err)
				*err = r->last_err;
			return DYAD_EINPUT;
		}
		unsigned long long len = (unsigned long long)h.length;
		if (len > r->max) {
			char sz[32];
			fmt_size(sz, sizeof sz, r->max);
			warc_bad(r, doc, &h, at, DYAD_ETOOBIG,
				 "content of %llu bytes exceeds %s", len, sz);
			if ((rc = discard(r, hlen + len)) < 0)
				return rc;
			if (err)
				*err = r->last_err;
			return DYAD_ETOOBIG;
		}
		/* the block and a look past it: filling may move the buffer, so
		 * the header (whose fields point into it) is parsed again */
		rc = want(r, hlen + (size_t)len + 4 + 8);
		if (rc < 0)
			return rc;
		int again = warc_head_parse(r->buf + r->start, hn, &h, msg, sizeof msg);
		assert(again == 0);   /* the same bytes as above */
		(void)again;
		if (r->end - r->start < hlen + (size_t)len) {
			size_t got = r->end - r->start - hlen;
			warc_bad(r, doc, &h, at, DYAD_EINPUT,
				 "truncated record (%zu of %llu content bytes)", got, len);
			/* a bogus length may hide later records: look for them */
			r->start += hlen;
			if ((rc = resync(r)) < 0)
				return rc;
			if (err)
				*err = r->last_err;
			return DYAD_EINPUT;
		}
		/* After the block: CR/LF, then the next record or the end. */
		size_t after = r->start + hlen + (size_t)len, k = after;
		while (k < r->end && k < after + 4 &&
		       (r->buf[k] == '\r' || r->buf[k] == '\n'))
			k++;
		if (k < r->end && !(r->end - k >= 7 && !memcmp(r->buf + k, "WARC/1.", 7))) {
			warc_bad(r, doc, &h, at, DYAD_EINPUT,
				 "Content-Length %llu does not end the record", len);
			r->start += hlen;
			if ((rc = resync(r)) < 0)
				return rc;
			if (err)
				*err = r->last_err;
			return DYAD_EINPUT;
		}
		const char *block = r->buf + r->start + hlen;
		r->start = after;   /* the record is consumed once handled */

		bool response = h.type_len == 8 && !memcmp(h.type, "response", 8);
		bool http = !h.ctype || (h.ctype_len >= 16 &&
					  !strncasecmp(h.ctype, "application/http", 16));
		if (!response || !http) {
			r->skipped++;
			continue;
		}
		const char *body;
		size_t body_len;
		bool is_html;
		r->scratch.len = 0;
		rc = warc_http(block, (size_t)len, r->max, &r->scratch, &body, &body_len,
			       &is_html, msg, sizeof msg);
		if (rc == DYAD_ENOMEM)
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		if (rc) {
			warc_bad(r, doc, &h, at, rc, "%s", msg);
			if (err)
				*err = r->last_err;
			return rc;
		}
		if (!is_html) {
			r->skipped++;
			continue;
		}
		dyad_error e = { 0 };
		web_doc_reset(&r->wd);
		rc = html_article(body, body_len, r->max, &r->wd, &e);
		if (rc == DYAD_ENOMEM)
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		if (!rc && !r->wd.text.len) {
			rc = DYAD_EINPUT;
			snprintf(e.msg, sizeof e.msg, "page has no article text");
		}
		if (rc) {
			warc_bad(r, doc, &h, at, rc, "%s", e.msg);
			if (err)
				*err = r->last_err;
			return rc;
		}
		/* id: the record id, else the uri; url: the target URI */
		struct web_doc *d = &r->wd;
		if ((h.rid_len && (rc = web_set(&d->id, h.rid, MIN(h.rid_len, (size_t)512)))) ||
		    (h.uri_len && (rc = web_set(&d->url, h.uri, MIN(h.uri_len, (size_t)8192)))))
			return stream_fail(r, DYAD_ENOMEM, "out of memory");
		if (!d->date && h.date_len)
			d->date = web_parse_date(h.date, h.date_len);
		snprintf(r->idbuf, sizeof r->idbuf, "record %ld", r->record);
		web_fill(r, doc, r->idbuf);
		return 1;
	}
}

enum dyad_input dyad_reader_kind(const dyad_reader *r)
{
	return r ? r->kind : DYAD_IN_AUTO;
}

size_t dyad_reader_skipped(const dyad_reader *r)
{
	return r ? r->skipped : 0;
}

int dyad_reader_next(dyad_reader *r, dyad_doc *doc, dyad_error *err)
{
	memset(doc, 0, sizeof *doc);
	if (!r)
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "no reader");
	if (r->json) {
		json_decref(r->json);
		r->json = NULL;
	}
	if (!r->fail && !r->started)
		start(r);
	if (!r->fail) {
		int rc;
		switch (r->kind) {
		case DYAD_IN_TEXT: rc = next_text(r, doc, err); break;
		case DYAD_IN_HTML: rc = next_html(r, doc, err); break;
		case DYAD_IN_FEED: rc = next_feed(r, doc, err); break;
		case DYAD_IN_WARC: rc = next_warc(r, doc, err); break;
		default: rc = next_jsonl(r, doc, err); break;
		}
		if (!r->fail)
			return rc;
		memset(doc, 0, sizeof *doc);
	}
	if (r->fail_told)
		return 0;
	r->fail_told = true;
	return dyad_seterr(err, r->fail, r->name, r->fail_line, -1, "%s",
			   r->fail_msg);
}
