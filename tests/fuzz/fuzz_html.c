/*
 * fuzz_html.c - libFuzzer target for HTML article extraction (html.c).
 * Input: one option byte, then the page. Option bits 0-1: the text cap
 * (64 MiB, 16, 200, 4096 bytes); bit 2: also run the fragment-to-text
 * path used for feed descriptions. Checks that the text respects the cap,
 * is NUL-terminated, holds no NUL byte and never starts or ends with
 * blanks, and that dates are valid.
 */
#include "fuzz.h"
#include "web.h"

static void check_text(const dyad_buf *b, size_t max)
{
	FUZZ_CHECK(b->len <= max);
	if (!b->len)
		return;
	FUZZ_CHECK(b->p[b->len] == 0);
	FUZZ_CHECK(!memchr(b->p, 0, b->len));
	FUZZ_CHECK(b->p[0] != ' ' && b->p[0] != '\n');
	FUZZ_CHECK(b->p[b->len - 1] != ' ' && b->p[b->len - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t caps[4] = { (size_t)64 << 20, 16, 200, 4096 };
	static struct web_doc d;   /* reused, as the reader does */
	if (!size)
		return 0;
	size_t max = caps[data[0] & 3];
	const char *p = (const char *)data + 1;
	size_t n = size - 1;

	dyad_error err;
	memset(&err, 0, sizeof err);
	web_doc_reset(&d);
	int rc = html_article(p, n, max, &d, &err);
	FUZZ_CHECK(rc == 0 || rc == DYAD_ETOOBIG || rc == DYAD_EINPUT ||
		   rc == DYAD_ENOMEM);
	if (rc)
		FUZZ_CHECK(err.code == rc && memchr(err.msg, 0, sizeof err.msg));
	else
		check_text(&d.text, max);
	FUZZ_CHECK(d.date == 0 || date_valid(d.date));
	(void)strlen(web_str(&d.title));
	(void)strlen(web_str(&d.publisher));
	(void)strlen(web_str(&d.url));

	if (data[0] & 4) {
		dyad_buf b = { 0 };
		rc = html_fragment_text(p, n, max, &b);
		FUZZ_CHECK(rc == 0 || rc == DYAD_ETOOBIG || rc == DYAD_ENOMEM);
		if (!rc)
			check_text(&b, max);
		dyad_buf_release(&b);
		/* the date parser sees the same bytes */
		int dt = web_parse_date(p, MIN(n, (size_t)64));
		FUZZ_CHECK(dt == 0 || date_valid(dt));
	}
	return 0;
}
