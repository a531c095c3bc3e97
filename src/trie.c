/*
 * trie.c - growable arrays and the word-id trie of dict.h.
 * Invariant: the edge table is at most half full; key 0 marks an empty
 * slot (a real key always has word >= 1).
 */
#include "dict.h"

void *vec_grow_(void *vec_v, uint32_t *n, uint32_t *cap, size_t elem)
{
	void **v = vec_v;
	if (*n == *cap) {
		uint32_t nc = *cap ? *cap * 2 : 16;
		if (nc < *cap)
			return NULL;
		void *p = realloc(*v, (size_t)nc * elem);
		if (!p)
			return NULL;
		*v = p;
		*cap = nc;
	}
	void *slot = (char *)*v + (size_t)(*n)++ * elem;
	memset(slot, 0, elem);
	return slot;
}

int trie_init(struct trie *t)
{
	memset(t, 0, sizeof *t);
	t->ecap = 1024;
	t->ekey = calloc(t->ecap, sizeof *t->ekey);
	t->eval = calloc(t->ecap, sizeof *t->eval);
	uint32_t *root = vec_push(&t->value);
	if (!t->ekey || !t->eval || !root) {
		trie_release(t);
		return DYAD_ENOMEM;
	}
	return 0;
}

void trie_release(struct trie *t)
{
	free(t->value.v);
	free(t->ekey);
	free(t->eval);
	memset(t, 0, sizeof *t);
}

static inline uint32_t edge_slot(uint64_t key, uint32_t cap)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ull;
	return (uint32_t)(h >> 32) & (cap - 1);
}

uint32_t trie_child(const struct trie *t, uint32_t node, uint32_t word)
{
	if (!word || !t->ecap)
		return 0;
	uint64_t key = (uint64_t)node << 32 | word;
	uint32_t i = edge_slot(key, t->ecap);
	for (;;) {
		if (t->ekey[i] == key)
			return t->eval[i];
		if (!t->ekey[i])
			return 0;
		i = (i + 1) & (t->ecap - 1);
	}
}

static int trie_rehash(struct trie *t)
{
	uint32_t nc = t->ecap * 2;
	uint64_t *k = calloc(nc, sizeof *k);
	uint32_t *v = calloc(nc, sizeof *v);
	if (!k || !v) {
		free(k);
		free(v);
		return DYAD_ENOMEM;
	}
	for (uint32_t i = 0; i < t->ecap; i++) {
		if (!t->ekey[i])
			continue;
		uint32_t j = edge_slot(t->ekey[i], nc);
		while (k[j])
			j = (j + 1) & (nc - 1);
		k[j] = t->ekey[i];
		v[j] = t->eval[i];
	}
	free(t->ekey);
	free(t->eval);
	t->ekey = k;
	t->eval = v;
	t->ecap = nc;
	return 0;
}

uint32_t trie_add(struct trie *t, const uint32_t *words, size_t n)
{
	uint32_t node = 0;
	for (size_t i = 0; i < n; i++) {
		if (!words[i])          /* word 0 is never an edge (no orphan node) */
			return 0;
		uint32_t c = trie_child(t, node, words[i]);
		if (!c) {
			if ((t->nedges + 1) * 2 > t->ecap && trie_rehash(t))
				return 0;
			uint32_t *val = vec_push(&t->value);
			if (!val || !words[i])
				return 0;
			c = t->value.n - 1;
			uint64_t key = (uint64_t)node << 32 | words[i];
			uint32_t j = edge_slot(key, t->ecap);
			while (t->ekey[j])
				j = (j + 1) & (t->ecap - 1);
			t->ekey[j] = key;
			t->eval[j] = c;
			t->nedges++;
		}
		node = c;
	}
	return node;
}
