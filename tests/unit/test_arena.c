/*
 * test_arena.c - the per-document bump allocator (arena.c) and the
 * growable byte buffer dyad_buf (buf.c).
 */
#include "internal.h"
#include "t.h"

#include <stdint.h>
#include <stdio.h>

/* ---- arena ---- */

static bool aligned8(const void *p)
{
	return ((uintptr_t)p & 7) == 0;
}

static void test_arena_alignment(void)
{
	struct arena a;
	arena_init(&a, 0);
	static const size_t sizes[] = { 1, 3, 8, 5, 0, 7, 9, 16, 13, 2, 31, 1 };
	unsigned char *p[ARRAY_SIZE(sizes)];
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = arena_alloc(&a, sizes[i]);
		T_CHECKF(p[i] != NULL, "alloc %zu", sizes[i]);
		if (!p[i])
			goto out;
		T_CHECKF(aligned8(p[i]), "alloc #%zu (%zu bytes) at %p", i, sizes[i], (void *)p[i]);
		memset(p[i], (int)(0x40 + i), sizes[i]);
	}
	/* the allocations do not overlap: every byte still holds its fill */
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		for (size_t k = 0; k < sizes[i]; k++)
			T_CHECKF(p[i][k] == 0x40 + i, "alloc #%zu byte %zu overwritten", i, k);
	/* a 0-byte request still yields a distinct pointer */
	T_CHECK(p[4] != p[5] && p[4] != p[3]);
	/* used_total counts the rounded sizes (0 counts as 8) */
	size_t want = 0;
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		want += sizes[i] ? (sizes[i] + 7) / 8 * 8 : 8;
	T_INTEQ(a.used_total, want);
	/* consecutive small allocations in one block are packed */
	unsigned char *x = arena_alloc(&a, 3), *y = arena_alloc(&a, 3);
	T_CHECK(x && y && y == x + 8);
out:
	arena_release(&a);
	T_CHECK(a.head == NULL && a.used_total == 0);
}

static void test_arena_growth(void)
{
	struct arena a;
	arena_init(&a, 0);
	/* fill past the first (64 KiB) block several times */
	enum { N = 40, SZ = 10000 };
	unsigned char *p[N];
	for (int i = 0; i < N; i++) {
		p[i] = arena_alloc(&a, SZ);
		T_CHECKF(p[i] != NULL, "alloc %d", i);
		if (!p[i])
			goto out;
		T_CHECK(aligned8(p[i]));
		memset(p[i], i + 1, SZ);
	}
	for (int i = 0; i < N; i++) {
		bool same = true;
		for (int k = 0; k < SZ; k++)
			same &= p[i][k] == (unsigned char)(i + 1);
		T_CHECKF(same, "block %d overwritten by a later allocation", i);
	}
	T_INTEQ(a.used_total, (size_t)N * SZ);
	/* one request larger than a block gets a block of its own */
	size_t big = 300 * 1024 + 5;
	unsigned char *b = arena_alloc(&a, big);
	T_CHECK(b != NULL && aligned8(b));
	if (b) {
		memset(b, 0x5a, big);
		T_CHECK(b[0] == 0x5a && b[big - 1] == 0x5a);
	}
	T_CHECK(p[0][0] == 1 && p[N - 1][SZ - 1] == N);
	/* and the arena keeps working after it */
	char *s = arena_strndup(&a, "after", 5);
	T_STREQ(s, "after");
out:
	arena_release(&a);
}

static void test_arena_cap(void)
{
	struct arena a;
	arena_init(&a, 1000);
	T_CHECK(arena_alloc(&a, 1001) == NULL);     /* more than the cap at once */
	T_INTEQ(a.used_total, 0);
	void *p = arena_alloc(&a, 500);             /* 504 counted */
	T_CHECK(p != NULL);
	T_CHECK(arena_alloc(&a, 497) == NULL);      /* 504 + 504 > 1000 */
	T_INTEQ(a.used_total, 504);
	T_CHECK(arena_alloc(&a, 496) != NULL);      /* exactly up to the cap */
	T_INTEQ(a.used_total, 1000);
	T_CHECK(arena_alloc(&a, 1) == NULL);
	T_CHECK(arena_calloc(&a, 1) == NULL);
	T_CHECK(arena_strndup(&a, "x", 1) == NULL);
	T_CHECK(a.used_total <= a.cap);
	/* requests whose rounding would wrap around are refused, not shrunk */
	T_CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
	T_CHECK(arena_alloc(&a, SIZE_MAX - 6) == NULL);
	/* after a reset the whole cap is available again */
	arena_reset(&a);
	T_INTEQ(a.used_total, 0);
	T_CHECK(arena_alloc(&a, 1000) != NULL);
	T_CHECK(arena_alloc(&a, 1) == NULL);
	arena_release(&a);
	/* a fresh capped arena: a wrapping size is not taken for 8 bytes */
	arena_init(&a, 1000);
	T_CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
	T_CHECK(arena_alloc(&a, SIZE_MAX - 3) == NULL);
	T_INTEQ(a.used_total, 0);
	arena_release(&a);

	/* an unlimited arena refuses absurd sizes instead of returning a
	 * pointer to a block smaller than asked */
	arena_init(&a, 0);
	T_CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
	T_CHECK(arena_alloc(&a, SIZE_MAX - 7) == NULL);
	T_CHECK(arena_alloc(&a, SIZE_MAX - 64) == NULL);
	T_CHECK(arena_alloc(&a, SIZE_MAX / 2 + 1) == NULL);
	T_CHECK(arena_alloc(&a, 16) != NULL);
	arena_release(&a);
}

static void test_arena_reset(void)
{
	struct arena a;
	arena_init(&a, 0);
	/* one block: reset reuses it from its start */
	char *first = arena_alloc(&a, 100);
	T_CHECK(first != NULL);
	arena_alloc(&a, 200);
	arena_reset(&a);
	T_INTEQ(a.used_total, 0);
	T_CHECK(a.head != NULL);
	char *again = arena_alloc(&a, 100);
	T_CHECK(again == first);
	if (again) {
		memcpy(again, "still usable", 13);
		T_STREQ(again, "still usable");
	}

	/* several blocks: reset leaves one block that holds as much as all
	 * of them, so the same allocations again are contiguous */
	enum { N = 5, SZ = 50000 };
	arena_reset(&a);
	for (int i = 0; i < N; i++)
		T_CHECK(arena_alloc(&a, SZ) != NULL);
	arena_reset(&a);
	T_INTEQ(a.used_total, 0);
	char *p[N];
	for (int i = 0; i < N; i++) {
		p[i] = arena_alloc(&a, SZ);
		T_CHECK(p[i] != NULL);
		if (p[i])
			memset(p[i], 'a' + i, SZ);
	}
	for (int i = 1; i < N; i++)
		T_CHECKF(p[i] == p[i - 1] + SZ, "allocation %d after reset not contiguous", i);
	T_CHECK(p[0][0] == 'a' && p[N - 1][SZ - 1] == 'a' + N - 1);
	/* reset twice in a row and on a released arena is harmless */
	arena_reset(&a);
	arena_reset(&a);
	arena_release(&a);
	arena_reset(&a);
	T_CHECK(a.head == NULL);
	T_CHECK(arena_alloc(&a, 8) != NULL);
	arena_release(&a);
}

static void test_arena_calloc(void)
{
	struct arena a;
	arena_init(&a, 0);
	/* dirty the memory, reset, and calloc the same bytes again */
	unsigned char *d = arena_alloc(&a, 4096);
	T_CHECK(d != NULL);
	if (d)
		memset(d, 0xAB, 4096);
	arena_reset(&a);
	unsigned char *z = arena_calloc(&a, 4093);
	T_CHECK(z == d);
	if (z) {
		bool zero = true;
		for (size_t i = 0; i < 4093; i++)
			zero &= z[i] == 0;
		T_CHECK(zero);
		T_CHECK(aligned8(z));
	}
	unsigned char *z0 = arena_calloc(&a, 0);
	T_CHECK(z0 != NULL && z0 != z);
	arena_release(&a);
}

static void test_arena_strndup(void)
{
	struct arena a;
	arena_init(&a, 0);
	char *s = arena_strndup(&a, "hello, world", 5);
	T_STREQ(s, "hello");
	char *e = arena_strndup(&a, "ignored", 0);
	T_STREQ(e, "");
	/* bytes past n are not read; embedded bytes are kept */
	const char src[4] = { 'a', 0, 'b', 'c' };
	char *m = arena_strndup(&a, src, 4);
	T_CHECK(m && !memcmp(m, src, 4) && m[4] == 0);
	/* the copy is independent of the source */
	char buf[] = "mutable";
	char *c = arena_strndup(&a, buf, strlen(buf));
	buf[0] = 'X';
	T_STREQ(c, "mutable");
	T_CHECK(s && aligned8(s) && aligned8(e) && aligned8(m) && aligned8(c));
	/* "hello" + NUL is 6 bytes, rounded to 8 */
	T_CHECK(s && e == s + 8);
	arena_release(&a);
}

/* ---- buf ---- */

static void test_buf_add(void)
{
	dyad_buf b = { 0 };
	/* an empty add allocates and terminates */
	T_INTEQ(buf_add(&b, "", 0), 0);
	T_CHECK(b.p != NULL && b.len == 0 && b.p[0] == 0);
	char want[5000];
	size_t n = 0;
	for (int i = 0; i < 500; i++) {
		char piece[16];
		int k = snprintf(piece, sizeof piece, "%d,", i);
		T_INTEQ(buf_add(&b, piece, (size_t)k), 0);
		memcpy(want + n, piece, (size_t)k);
		n += (size_t)k;
		T_CHECK(b.len == n && b.cap > b.len && b.p[b.len] == 0);
	}
	want[n] = 0;
	T_INTEQ(b.len, n);
	T_CHECK(b.len > 256);          /* grew past the first allocation */
	T_CHECK(!memcmp(b.p, want, n + 1));
	T_INTEQ(buf_adds(&b, "end"), 0);
	T_CHECK(b.len == n + 3 && !strcmp(b.p + n, "end"));
	/* embedded NULs are data */
	size_t l0 = b.len;
	T_INTEQ(buf_add(&b, "x\0y", 3), 0);
	T_CHECK(b.len == l0 + 3 && !memcmp(b.p + l0, "x\0y", 4));
	dyad_buf_release(&b);
}

static void test_buf_addc(void)
{
	dyad_buf b = { 0 };
	for (int i = 0; i < 1000; i++) {
		T_INTEQ(buf_addc(&b, (char)('a' + i % 26)), 0);
		if (b.p[b.len] != 0 || b.len != (size_t)i + 1) {
			T_CHECKF(false, "after %d chars: len %zu", i + 1, b.len);
			break;
		}
	}
	T_INTEQ(b.len, 1000);
	T_CHECK(b.cap >= 1001);
	bool ok = true;
	for (int i = 0; i < 1000; i++)
		ok &= b.p[i] == 'a' + i % 26;
	T_CHECK(ok);
	T_INTEQ(strlen(b.p), 1000);
	/* a NUL character is stored like any other */
	T_INTEQ(buf_addc(&b, 0), 0);
	T_INTEQ(b.len, 1001);
	dyad_buf_release(&b);
}

static void test_buf_addf(void)
{
	dyad_buf b = { 0 };
	T_INTEQ(buf_addf(&b, "%s", ""), 0);
	T_CHECK(b.p != NULL && b.len == 0 && b.p[0] == 0);
	T_INTEQ(buf_addf(&b, "%d-%s-%c|", 42, "abc", 'z'), 0);
	T_STREQ(b.p, "42-abc-z|");
	/* longer than the first allocation in one call */
	T_INTEQ(buf_addf(&b, "%0700d", 7), 0);
	T_INTEQ(b.len, 9 + 700);
	T_CHECK(b.p[9] == '0' && b.p[9 + 699] == '7' && b.p[b.len] == 0);
	T_CHECK(b.cap > b.len);
	T_INTEQ(buf_addf(&b, "%zu", (size_t)123), 0);
	T_STREQ(b.p + 709, "123");
	/* many small formatted appends */
	for (int i = 0; i < 300; i++)
		T_INTEQ(buf_addf(&b, "[%03d]", i), 0);
	T_INTEQ(b.len, 712 + 300 * 5);
	T_CHECK(!memcmp(b.p + 712, "[000][001]", 10));
	T_STREQ(b.p + b.len - 5, "[299]");
	dyad_buf_release(&b);
}

static void test_buf_reserve_release(void)
{
	dyad_buf b = { 0 };
	T_INTEQ(buf_reserve(&b, 1000), 0);
	T_CHECK(b.cap >= 1001 && b.len == 0);
	char *p = b.p;
	for (int i = 0; i < 1000; i++)
		buf_addc(&b, 'r');
	T_CHECK(b.p == p);        /* reserved: no reallocation */
	/* a reservation that cannot be represented fails and changes nothing */
	T_INTEQ(buf_reserve(&b, SIZE_MAX), DYAD_ETOOBIG);
	T_INTEQ(buf_add(&b, "x", SIZE_MAX - 1), DYAD_ETOOBIG);
	T_CHECK(b.p == p && b.len == 1000 && b.p[1000] == 0);

	dyad_buf_release(&b);
	T_CHECK(b.p == NULL && b.len == 0 && b.cap == 0);
	dyad_buf_release(&b);    /* twice is harmless */
	T_CHECK(b.p == NULL);
	/* a released buffer can be used again */
	T_INTEQ(buf_adds(&b, "again"), 0);
	T_STREQ(b.p, "again");
	dyad_buf_release(&b);
}

int main(void)
{
	T_RUN(test_arena_alignment);
	T_RUN(test_arena_growth);
	T_RUN(test_arena_cap);
	T_RUN(test_arena_reset);
	T_RUN(test_arena_calloc);
	T_RUN(test_arena_strndup);
	T_RUN(test_buf_add);
	T_RUN(test_buf_addc);
	T_RUN(test_buf_addf);
	T_RUN(test_buf_reserve_release);
	return t_exit();
}
