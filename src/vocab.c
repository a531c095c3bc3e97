/*
 * vocab.c - interned dictionary words. Open addressing over ids; the pool
 * holds NUL-terminated keys. Invariant: nslots is a power of two and at
 * least twice n, so probing always ends at an empty slot.
 */
#include "internal.h"

uint64_t hash_bytes(const void *p, size_t n)
{
	/* FNV-1a, 64 bit: short keys, good enough spread, no dependency. */
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h ^ (h >> 29);
}

int vocab_init(struct vocab *v)
{
	memset(v, 0, sizeof *v);
	v->cap = 1024;
	v->off = malloc(v->cap * sizeof *v->off);
	v->len = malloc(v->cap * sizeof *v->len);
	v->nslots = 2048;
	v->slots = calloc(v->nslots, sizeof *v->slots);
	v->pool_cap = 16384;
	v->pool = malloc(v->pool_cap);
	if (!v->off || !v->len || !v->slots || !v->pool) {
		vocab_release(v);
		return DYAD_ENOMEM;
	}
	v->n = 1;            /* id 0 is "none" */
	v->off[0] = 0;
	v->len[0] = 0;
	v->pool[0] = 0;
	v->pool_len = 1;
	return 0;
}

void vocab_release(struct vocab *v)
{
	free(v->pool);
	free(v->off);
	free(v->len);
	free(v->slots);
	memset(v, 0, sizeof *v);
}

uint32_t vocab_find(const struct vocab *v, const char *s, size_t n)
{
	if (!v->nslots)
		return 0;
	uint32_t mask = v->nslots - 1;
	uint32_t i = (uint32_t)hash_bytes(s, n) & mask;
	for (;;) {
		uint32_t id = v->slots[i];
		if (!id)
			return 0;
		if (v->len[id] == n && !memcmp(v->pool + v->off[id], s, n))
			return id;
		i = (i + 1) & mask;
	}
}

static int vocab_rehash(struct vocab *v)
{
	uint32_t ns = v->nslots * 2;
	uint32_t *slots = calloc(ns, sizeof *slots);
	if (!slots)
		return DYAD_ENOMEM;
	for (uint32_t id = 1; id < v->n; id++) {
		uint32_t i = (uint32_t)hash_bytes(v->pool + v->off[id], v->len[id]) & (ns - 1);
		while (slots[i])
			i = (i + 1) & (ns - 1);
		slots[i] = id;
	}
	free(v->slots);
	v->slots = slots;
	v->nslots = ns;
	return 0;
}

uint32_t vocab_intern(struct vocab *v, const char *s, size_t n)
{
	uint32_t id = vocab_find(v, s, n);
	if (id)
		return id;
	if (n > UINT32_MAX / 2)
		return 0;
	if (v->n + 1 >= v->cap) {
		uint32_t cap = v->cap * 2;
		uint32_t *off = realloc(v->off, cap * sizeof *off);
		if (!off)
			return 0;
		v->off = off;
		uint32_t *len = realloc(v->len, cap * sizeof *len);
		if (!len)
			return 0;
		v->len = len;
		v->cap = cap;
	}
	if ((v->n + 1) * 2 > v->nslots && vocab_rehash(v))
		return 0;
	if (v->pool_len + n + 1 > v->pool_cap) {
		size_t cap = v->pool_cap * 2;
		while (cap < v->pool_len + n + 1)
			cap *= 2;
		char *pool = realloc(v->pool, cap);
		if (!pool)
			return 0;
		v->pool = pool;
		v->pool_cap = cap;
	}
	id = v->n++;
	v->off[id] = (uint32_t)v->pool_len;
	v->len[id] = (uint32_t)n;
	memcpy(v->pool + v->pool_len, s, n);
	v->pool[v->pool_len + n] = 0;
	v->pool_len += n + 1;
	uint32_t mask = v->nslots - 1;
	uint32_t i = (uint32_t)hash_bytes(s, n) & mask;
	while (v->slots[i])
		i = (i + 1) & mask;
	v->slots[i] = id;
	return id;
}
