/*
 * warc.c - WARC/1.0 and WARC/1.1 record headers and the HTTP responses
 * inside response records (ISO 28500). The framing of records in a
 * stream (and gzip per record) is reader.c's; this file works on one
 * record's bytes in memory.
 *
 * Invariants:
 * - Header values point into the caller's bytes (pointer + length, not
 *   NUL-terminated).
 * - A payload that must be transformed (chunked, gzip, deflate) is
 *   written to the caller's scratch buffer and never grows past max
 *   bytes: a larger body is DYAD_ETOOBIG, never truncated silently.
 */
#include "web.h"

#include <ctype.h>
#include <strings.h>

#include <zlib.h>

bool warc_sniff(const char *p, size_t n)
{
	return n >= 9 && (!memcmp(p, "WARC/1.0", 8) || !memcmp(p, "WARC/1.1", 8)) &&
	       (p[8] == '\r' || p[8] == '\n');
}

/* The next line of p[*i, n) without its "\r\n" / "\n"; false at the end. */
static bool line(const char *p, size_t n, size_t *i, const char **l, size_t *len)
{
	if (*i >= n)
		return false;
	const char *nl = memchr(p + *i, '\n', n - *i);
	size_t end = nl ? (size_t)(nl - p) : n;
	*l = p + *i;
	*len = end - *i;
	if (*len && (*l)[*len - 1] == '\r')
		(*len)--;
	*i = nl ? end + 1 : n;
	return true;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Split "Name: value"; false when there is no colon. */
static bool field(const char *l, size_t len, const char **name, size_t *nlen,
		  const char **val, size_t *vlen)
{
	const char *c = memchr(l, ':', len);
	if (!c)
		return false;
	*name = l;
	*nlen = (size_t)(c - l);
	*val = c + 1;
	*vlen = len - *nlen - 1;
	trim(name, nlen);
	trim(val, vlen);
	return true;
}

static bool eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && !strncasecmp(s, lit, n);
}

/* Non-negative decimal, at most 18 digits; -1 otherwise. */
static long long number(const char *s, size_t n)
{
	if (!n || n > 18)
		return -1;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int warc_head_parse(const char *p, size_t n, struct warc_head *h, char *msg,
		    size_t cap)
{
	const char *l, *name, *val;
	size_t i = 0, len, nlen, vlen;
	const char *clv = NULL;
	size_t clv_len = 0;
	bool have_len = false;
	memset(h, 0, sizeof *h);
	h->length = -1;
	if (!warc_sniff(p, n) || !line(p, n, &i, &l, &len)) {
		snprintf(msg, cap, "not a WARC record (no WARC/1.0 or WARC/1.1 line)");
		return DYAD_EINPUT;
	}
	while (line(p, n, &i, &l, &len)) {
		if (!len)
			break;
		if (l[0] == ' ' || l[0] == '\t')
			continue;   /* folded continuation: not a field we read */
		if (!field(l, len, &name, &nlen, &val, &vlen))
			continue;   /* tolerated: a line that is not a field */
		if (eq(name, nlen, "WARC-Type")) {
			h->type = val;
			h->type_len = vlen;
		} else if (eq(name, nlen, "WARC-Target-URI")) {
			if (vlen >= 2 && val[0] == '<' && val[vlen - 1] == '>') {
				val++;        /* WARC/1.0 draft style <uri> */
				vlen -= 2;
			}
			h->uri = val;
			h->uri_len = vlen;
		} else if (eq(name, nlen, "WARC-Record-ID")) {
			h->rid = val;
			h->rid_len = vlen;
		} else if (eq(name, nlen, "WARC-Date")) {
			h->date = val;
			h->date_len = vlen;
		} else if (eq(name, nlen, "Content-Type")) {
			h->ctype = val;
			h->ctype_len = vlen;
		} else if (eq(name, nlen, "Content-Length")) {
			have_len = true;
			h->length = number(val, vlen);
			clv = val;
			clv_len = vlen;
		}
	}
	if (!have_len) {
		snprintf(msg, cap, "record has no Content-Length");
		return DYAD_EINPUT;
	}
	if (h->length < 0) {
		char shown[24];
		size_t k;
		for (k = 0; k < clv_len && k < sizeof shown - 1; k++)
			shown[k] = isprint((unsigned char)clv[k]) ? clv[k] : '?';
		shown[k] = 0;
		snprintf(msg, cap, "bad Content-Length '%s'", shown);
		return DYAD_EINPUT;
	}
	if (!h->type) {
		snprintf(msg, cap, "record has no WARC-Type");
		return DYAD_EINPUT;
	}
	return 0;
}

/* ---- HTTP payload --------------------------------------------------------- */

/* Undo chunked transfer coding of p[0, n) into out (capped at max). */
static int dechunk(const char *p, size_t n, size_t max, dyad_buf *out, char *msg,
		   size_t cap)
{
	size_t i = 0;
	out->len = 0;
	for (;;) {
		const char *l;
		size_t len;
		if (!line(p, n, &i, &l, &len)) {
			snprintf(msg, cap, "chunked body ends without a last chunk");
			return DYAD_EINPUT;
		}
		size_t k = 0;
		unsigned long long sz = 0;
		while (k < len && isxdigit((unsigned char)l[k]) && k < 16) {
			int c = tolower((unsigned char)l[k]);
			sz = sz * 16 + (unsigned)(isdigit(c) ? c - '0' : c - 'a' + 10);
			k++;
		}
		if (!k) {
			snprintf(msg, cap, "bad chunk size");
			return DYAD_EINPUT;
		}
		if (sz == 0)
			return 0;   /* trailers are ignored */
		if (sz > n - i) {
			snprintf(msg, cap, "chunk runs past the end of the record");
			return DYAD_EINPUT;
		}
		if (out->len + sz > max) {
			snprintf(msg, cap, "payload exceeds the document cap");
			return DYAD_ETOOBIG;
		}
		int rc = buf_add(out, p + i, (size_t)sz);
		if (rc) {
			snprintf(msg, cap, "out of memory");
			return rc;
		}
		i += (size_t)sz;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
	}
}

/* Inflate p[0, n) (gzip or zlib/deflate, detected) into out, capped. */
static int inflate_body(const char *p, size_t n, size_t max, dyad_buf *out,
			char *msg, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	/* 15 + 32: zlib or gzip header; raw deflate is retried below */
	bool raw = n >= 1 && !(n >= 2 && (unsigned char)p[0] == 0x1f &&
				(unsigned char)p[1] == 0x8b) &&
		   ((unsigned char)p[0] & 0x0f) != 8;
	if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) {
		snprintf(msg, cap, "out of memory");
		return DYAD_ENOMEM;
	}
	out->len = 0;
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)MIN(n, (size_t)UINT_MAX);
	int rc = 0;
	for (;;) {
		if ((rc = buf_reserve(out, 65536))) {
			snprintf(msg, cap, "out of memory");
			break;
		}
		z.next_out = (unsigned char *)out->p + out->len;
		z.avail_out = (uInt)(out->cap - out->len - 1);
		uInt before = z.avail_out;
		int ret = inflate(&z, Z_NO_FLUSH);
		out->len += before - z.avail_out;
		if (out->len > max) {
			snprintf(msg, cap, "payload exceeds the document cap");
			rc = DYAD_ETOOBIG;
			break;
		}
		if (ret == Z_STREAM_END)
			break;
		if (ret == Z_BUF_ERROR && z.avail_in == 0) {
			/* truncated compressed body: keep what was decoded */
			if (!out->len) {
				snprintf(msg, cap, "truncated compressed body");
				rc = DYAD_EINPUT;
			}
			break;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			snprintf(msg, cap, "corrupt compressed body");
			rc = DYAD_EINPUT;
			break;
		}
	}
	inflateEnd(&z);
	if (out->p)
		out->p[out->len] = 0;
	return rc;
}

static bool has_token(const char *v, size_t n, const char *tok)
{
	size_t t = strlen(tok);
	for (size_t i = 0; i + t <= n; i++)
		if (!strncasecmp(v + i, tok, t))
			return true;
	return false;
}

int warc_http(const char *p, size_t n, size_t max, dyad_buf *scratch,
	      const char **body, size_t *body_len, bool *is_html, char *msg,
	      size_t cap)
{
	const char *l, *name, *val;
	size_t i = 0, len, nlen, vlen;
	const char *ctype = NULL;
	size_t ctype_len = 0;
	bool chunked = false, gzip = false, ended = false;

	*body = NULL;
	*body_len = 0;
	*is_html = false;
	if (!line(p, n, &i, &l, &len) || len < 5 || strncmp(l, "HTTP/", 5)) {
		snprintf(msg, cap, "response record without an HTTP status line");
		return DYAD_EINPUT;
	}
	while (line(p, n, &i, &l, &len)) {
		if (!len) {
			ended = true;
			break;
		}
		if (!field(l, len, &name, &nlen, &val, &vlen))
			continue;
		if (eq(name, nlen, "Content-Type")) {
			ctype = val;
			ctype_len = vlen;
		} else if (eq(name, nlen, "Transfer-Encoding")) {
			chunked = has_token(val, vlen, "chunked");
		} else if (eq(name, nlen, "Content-Encoding")) {
			gzip = has_token(val, vlen, "gzip") || has_token(val, vlen, "deflate");
		}
	}
	if (!ended) {
		snprintf(msg, cap, "HTTP headers do not end");
		return DYAD_EINPUT;
	}
	const char *b = p + i;
	size_t bn = n - i;
	if (ctype)
		*is_html = has_token(ctype, ctype_len, "text/html") ||
			   has_token(ctype, ctype_len, "application/xhtml");
	if (!*is_html && ctype)
		return 0;   /* some other type: not a page */

	int rc;
	dyad_buf tmp = { 0 };
	if (chunked) {
		if ((rc = dechunk(b, bn, max, gzip ? &tmp : scratch, msg, cap)))
			goto out;
		b = gzip ? tmp.p : scratch->p;
		bn = gzip ? tmp.len : scratch->len;
	}
	if (gzip && bn) {
		if ((rc = inflate_body(b, bn, max, scratch, msg, cap)))
			goto out;
		b = scratch->p;
		bn = scratch->len;
	}
	if (bn > max) {
		snprintf(msg, cap, "payload exceeds the document cap");
		rc = DYAD_ETOOBIG;
		goto out;
	}
	if (!ctype) {
		/* sniff: markup that opens like a page */
		size_t k = 0;
		while (k < bn && k < 1024 && isspace((unsigned char)b[k]))
			k++;
		*is_html = k < bn && b[k] == '<' && !feed_sniff(b + k, bn - k) &&
			   (has_token(b + k, MIN(bn - k, (size_t)1024), "<html") ||
			    has_token(b + k, MIN(bn - k, (size_t)1024), "<!doctype html") ||
			    has_token(b + k, MIN(bn - k, (size_t)1024), "<body") ||
			    has_token(b + k, MIN(bn - k, (size_t)1024), "<head"));
	}
	*body = b ? b : "";
	*body_len = bn;
	rc = 0;
out:
	dyad_buf_release(&tmp);
	return rc;
}
