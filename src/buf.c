/*
 * buf.c - dyad_buf, a growable byte buffer; always NUL-terminated after
 * the first successful add. The caller owns it (dyad_buf_release).
 */
#include "internal.h"
#include <stdio.h>

void dyad_buf_release(dyad_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int buf_reserve(dyad_buf *b, size_t extra)
{
	if (b->cap > b->len && extra < b->cap - b->len)   /* len + extra + 1 <= cap, no wrap */
		return 0;
	if (extra > SIZE_MAX / 2 - b->len)
		return DYAD_ETOOBIG;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		return DYAD_ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

int buf_add(dyad_buf *b, const char *s, size_t n)
{
	int rc = buf_reserve(b, n);
	if (rc)
		return rc;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
	return 0;
}

int buf_adds(dyad_buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addc(dyad_buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_addf(dyad_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return DYAD_EUSAGE;
	int rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}
