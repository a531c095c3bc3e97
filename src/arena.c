/*
 * arena.c - per-document bump allocator. Blocks are chained; reset keeps
 * the largest block so steady-state coding does no malloc at all.
 * Invariant: used_total never exceeds cap (when cap != 0).
 */
#include "internal.h"

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};

#define ARENA_MIN_BLOCK (64 * 1024)

void arena_init(struct arena *a, size_t cap)
{
	a->head = NULL;
	a->used_total = 0;
	a->cap = cap;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	if (n > SIZE_MAX / 4)   /* rounding and the block header must not wrap */
		return NULL;
	n = (n + 7) & ~(size_t)7;
	if (n == 0)
		n = 8;
	if (a->cap && (n > a->cap || a->used_total > a->cap - n))
		return NULL;
	if (!b || b->size - b->used < n) {
		size_t size = MAX(n, ARENA_MIN_BLOCK);
		if (b && b->size * 2 > size && b->size < (SIZE_MAX / 4))
			size = MAX(size, b->size * 2);
		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	a->used_total += n;
	return p;
}

void *arena_calloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head;
	if (b && !b->next) {
		b->used = 0;
		a->used_total = 0;
		return;
	}
	/* several blocks: replace them by one that holds them all, so that a
	 * document of the same size next time needs no allocation */
	size_t total = 0;
	while (b) {
		struct arena_block *next = b->next;
		total += b->size;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
	if (total) {
		b = malloc(sizeof(*b) + total);
		if (b) {
			b->size = total;
			b->used = 0;
			b->next = NULL;
			a->head = b;
		}
	}
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
}
