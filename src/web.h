/*
 * web.h - web input formats for the reader (docs/input.md): HTML article
 * pages (html.c), RSS/Atom feeds (feed.c) and WARC records (warc.c).
 * reader.c does the streaming and framing; these modules work on bytes
 * in memory that the caller owns, and never print.
 *
 * Every function here is bounded: tree walks are iterative (no
 * recursion on untrusted nesting) and every output buffer is capped
 * (DYAD_ETOOBIG past the cap).
 */
#ifndef DYAD_WEB_H
#define DYAD_WEB_H
#include "internal.h"

/* An extracted document: every dyad_buf is NUL-terminated once written
 * (len 0 and p possibly NULL when unknown). Buffers are reused from one
 * document to the next: web_doc_reset() empties, web_doc_release() frees. */
struct web_doc {
	dyad_buf text;        /* paragraphs separated by a blank line */
	dyad_buf title, publisher, url, id;
	int date;             /* YYYYMMDD, 0 if unknown */
};
void web_doc_reset(struct web_doc *d);
void web_doc_release(struct web_doc *d);
/* d->p as a C string ("" when empty). */
const char *web_str(const dyad_buf *b);
/* Replace b's content with s[0, n), whitespace collapsed and trimmed. */
int web_set(dyad_buf *b, const char *s, size_t n);

/* A web date: ISO 8601 / RFC 3339 ("2024-09-25T10:00:00+04:00"), RFC 822
 * ("Wed, 25 Sep 2024 10:00:00 GMT", two-digit years too), "25 September
 * 2024" and "September 25, 2024". The calendar date as written (no time
 * zone shift). Returns YYYYMMDD or 0. */
int web_parse_date(const char *s, size_t n);

/* An HTML page (bytes p[0, n), any encoding libxml2 detects, UTF-8 when
 * none is declared) to an article: title, date, publisher, canonical url
 * and the body text with boilerplate removed (docs/input.md). The text
 * starts with the title as its own paragraph unless the body already
 * does. Text longer than max bytes is DYAD_ETOOBIG. Returns 0 (d->text
 * may be empty: no article text found), DYAD_ENOMEM or DYAD_ETOOBIG;
 * err->msg says why. */
int html_article(const char *p, size_t n, size_t max, struct web_doc *d,
		 dyad_error *err);

/* All text of an HTML fragment (a feed item's description), scripts and
 * styles left out, paragraphs separated by a blank line; appended to out
 * (which stays under max bytes, else DYAD_ETOOBIG). */
int html_fragment_text(const char *p, size_t n, size_t max, dyad_buf *out);

/* Same for a node tree already parsed (Atom xhtml content); node is an
 * xmlNode *. */
int html_node_text(void *node, size_t max, dyad_buf *out);

/* Step of an iterative pre-order walk of a libxml2 tree below root: the
 * node after n (into n's children when down), NULL after the last. Used
 * by html.c and feed.c instead of recursion on untrusted nesting. */
struct _xmlNode;
struct _xmlNode *web_step(struct _xmlNode *n, const struct _xmlNode *root, bool down);

/* ---- feeds (feed.c) ---- */
struct feed;
/* Parse an RSS 2.0 / RSS 1.0 / Atom document p[0, n) (no network, no
 * external entities or DTD). Returns NULL only when out of memory. A
 * document that is not well-formed is parsed again in recovery mode:
 * *bad is set to a message ("feed is not well-formed: ... at line N")
 * and whatever items were recovered are still returned. */
struct feed *feed_parse(const char *p, size_t n, char *bad, size_t badcap);
/* Number of items/entries found. */
size_t feed_items(const struct feed *f);
/* Item i as a document. Returns 0, DYAD_EINPUT (item has no text; d->id
 * set when known), DYAD_ETOOBIG or DYAD_ENOMEM with err->msg filled. */
int feed_item(struct feed *f, size_t i, size_t max, struct web_doc *d,
	      dyad_error *err);
void feed_free(struct feed *f);
/* Whether p[0, n) (the start of a stream, a BOM and leading blanks
 * skipped) looks like a feed: the first element is rss, feed or rdf:RDF. */
bool feed_sniff(const char *p, size_t n);
/* Whether it looks like HTML: starts with '<' and is not a feed. */
bool html_sniff(const char *p, size_t n);

/* ---- WARC (warc.c) ---- */
struct warc_head {
	const char *type; size_t type_len;        /* WARC-Type */
	const char *uri; size_t uri_len;          /* WARC-Target-URI */
	const char *rid; size_t rid_len;          /* WARC-Record-ID */
	const char *date; size_t date_len;        /* WARC-Date */
	const char *ctype; size_t ctype_len;      /* Content-Type */
	long long length;                         /* Content-Length, -1 bad */
};
/* Parse the header block p[0, n) (from "WARC/1." to the blank line, not
 * included). Returns 0, or DYAD_EINPUT with msg (cap bytes) filled. */
int warc_head_parse(const char *p, size_t n, struct warc_head *h, char *msg,
		    size_t cap);
/* Whether p starts a WARC record: "WARC/1.0" or "WARC/1.1" and a line end. */
bool warc_sniff(const char *p, size_t n);

/* The HTTP response in a WARC response block p[0, n): status line and
 * headers, then the body, de-chunked (Transfer-Encoding: chunked) and
 * decompressed (Content-Encoding: gzip, deflate) into scratch when needed,
 * capped at max bytes. *body points at the payload, *is_html says whether
 * it is HTML (Content-Type text/html or application/xhtml+xml, or sniffed
 * when there is none). Returns 0, or DYAD_EINPUT / DYAD_ETOOBIG /
 * DYAD_ENOMEM with msg filled. */
int warc_http(const char *p, size_t n, size_t max, dyad_buf *scratch,
	      const char **body, size_t *body_len, bool *is_html, char *msg,
	      size_t cap);
#endif
