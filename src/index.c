/*
 * index.c - the pattern index built after loading: which words patterns
 * use, and for every verb block a map from a pattern's first word to its
 * patterns, so that coding a verb tries only the patterns whose first word
 * occurs in the clause (plus the few that start with a synset or marker).
 */
#include "dict.h"

static inline uint32_t slot64(uint64_t k, uint32_t cap)
{
	return (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

static uint64_t pack6(const char *s)
{
	uint64_t v = 1;      /* never 0 */
	for (int i = 0; i < 6; i++)
		v = v << 8 | (unsigned char)s[i];
	return v;
}

static bool pre6_has(const struct dyad_engine *e, uint64_t k)
{
	if (!e->pre6cap)
		return false;
	for (uint32_t i = slot64(k, e->pre6cap);; i = (i + 1) & (e->pre6cap - 1)) {
		if (e->pre6[i] == k)
			return true;
		if (!e->pre6[i])
			return false;
	}
}

struct kp { uint64_t key; uint32_t pat; };

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

bool synset_starts(const struct dyad_engine *e, uint32_t s, uint32_t id)
{
	const struct synset *sy = &e->syn.v[s];
	const uint32_t *a = e->synfirst.v + sy->ffirst;
	uint32_t lo = 0, hi = sy->nfirst;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (a[mid] == id)
			return true;
		if (a[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int cmp_kp(const void *a, const void *b)
{
	const struct kp *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->pat < y->pat ? -1 : (x->pat > y->pat);
}

int engine_index(struct dyad_engine *e)
{
	uint32_t nv = e->vocab.n;
	/* the coder computes e->pel.v + first_el also for patterns without
	 * elements: never NULL (a cache read allocates it too) */
	if (!e->pel.v && !(e->pel.v = malloc(sizeof *e->pel.v)))
		return DYAD_ENOMEM;
	e->patword = calloc(nv, 1);
	if (!e->patword)
		return DYAD_ENOMEM;
	for (uint32_t i = 0; i < e->pel.n; i++)
		if (e->pel.v[i].kind == PEL_WORD && e->pel.v[i].v < nv)
			e->patword[e->pel.v[i].v] = 1;
	for (uint32_t i = 0; i < e->synword.n; i++)
		if ((e->synword.v[i] & ~SYNW_GAP) && (e->synword.v[i] & ~SYNW_GAP) < nv)
			e->patword[e->synword.v[i] & ~SYNW_GAP] = 1;
	/* prefixes of stem-capable pattern words */
	uint32_t nstem = 0;
	for (uint32_t id = 1; id < nv; id++)
		nstem += e->patword[id] && e->vocab.len[id] >= 6;
	e->pre6cap = 64;
	while (e->pre6cap < nstem * 2 + 2)
		e->pre6cap *= 2;
	e->pre6 = calloc(e->pre6cap, sizeof *e->pre6);
	if (!e->pre6)
		return DYAD_ENOMEM;
	for (uint32_t id = 1; id < nv; id++) {
		if (!e->patword[id] || e->vocab.len[id] < 6)
			continue;
		uint64_t k = pack6(vocab_str(&e->vocab, id));
		uint32_t i = slot64(k, e->pre6cap);
		while (e->pre6[i] && e->pre6[i] != k)
			i = (i + 1) & (e->pre6cap - 1);
		e->pre6[i] = k;
	}
	/* sorted first words of every synset's members */
	for (uint32_t si = 0; si < e->syn.n; si++) {
		struct synset *sy = &e->syn.v[si];
		sy->ffirst = e->synfirst.n;
		bool start = true;
		for (uint32_t k = 0; k < sy->len; k++) {
			uint32_t wid = e->synword.v[sy->first + k];
			if (start && wid) {
				uint32_t *slot = vec_push(&e->synfirst);
				if (!slot)
					return DYAD_ENOMEM;
				*slot = wid;
			}
			start = wid == 0;
		}
		uint32_t n = e->synfirst.n - sy->ffirst;
		uint32_t *a = n ? e->synfirst.v + sy->ffirst : NULL;
		if (n)
			qsort(a, n, sizeof *a, cmp_u32);
		uint32_t u = 0;
		for (uint32_t k = 0; k < n; k++)
			if (!u || a[u - 1] != a[k])
				a[u++] = a[k];
		sy->nfirst = u;
		e->synfirst.n = sy->ffirst + u;
	}
	/* (block, first word) -> patterns */
	struct kp *kp = malloc(sizeof *kp * (e->pat.n + 1));
	if (!kp)
		return DYAD_ENOMEM;
	uint32_t nk = 0;
	for (uint32_t b = 0; b < e->block.n; b++) {
		struct verb_block *vb = &e->block.v[b];
		vb->first_always = e->plist.n;
		for (uint32_t i = 0; i < vb->npat; i++) {
			uint32_t pi = vb->first_pat + i;
			const struct pattern *p = &e->pat.v[pi];
			const struct pel *first = NULL;
			for (uint32_t k = 0; k < (uint32_t)(p->npre + p->npost); k++) {
				const struct pel *el = &e->pel.v[p->first_el + k];
				if (el->kind == PEL_WORD || el->kind == PEL_SYN) {
					first = el;
					break;
				}
			}
			if (first && first->kind == PEL_WORD) {
				kp[nk].key = (uint64_t)b << 32 | first->v;
				kp[nk].pat = pi;
				nk++;
			} else if (first) {
				const struct synset *sy = &e->syn.v[first->v];
				struct kp *more = realloc(kp, sizeof *kp * (e->pat.n + nk + sy->nfirst + 1));
				if (!more) {
					free(kp);
					return DYAD_ENOMEM;
				}
				kp = more;
				for (uint32_t k = 0; k < sy->nfirst; k++) {
					kp[nk].key = (uint64_t)b << 32 | e->synfirst.v[sy->ffirst + k];
					kp[nk].pat = pi;
					nk++;
				}
			} else {
				uint32_t *slot = vec_push(&e->plist);
				if (!slot) {
					free(kp);
					return DYAD_ENOMEM;
				}
				*slot = pi;
				vb->nalways++;
			}
		}
	}
	qsort(kp, nk, sizeof *kp, cmp_kp);
	e->pcap = 64;
	while (e->pcap < nk * 2 + 2)
		e->pcap *= 2;
	e->pkey = calloc(e->pcap, sizeof *e->pkey);
	e->pstart = calloc(e->pcap, sizeof *e->pstart);
	e->pcount = calloc(e->pcap, sizeof *e->pcount);
	if (!e->pkey || !e->pstart || !e->pcount) {
		free(kp);
		return DYAD_ENOMEM;
	}
	for (uint32_t i = 0; i < nk;) {
		uint32_t j = i;
		uint32_t start = e->plist.n;
		while (j < nk && kp[j].key == kp[i].key) {
			uint32_t *slot = vec_push(&e->plist);
			if (!slot) {
				free(kp);
				return DYAD_ENOMEM;
			}
			*slot = kp[j].pat;
			j++;
		}
		uint64_t key = kp[i].key + 1;   /* never 0 */
		uint32_t s = slot64(key, e->pcap);
		while (e->pkey[s])
			s = (s + 1) & (e->pcap - 1);
		e->pkey[s] = key;
		e->pstart[s] = start;
		e->pcount[s] = j - i;
		i = j;
	}
	free(kp);
	return 0;
}

const uint32_t *pindex_get(const struct dyad_engine *e, uint32_t b, uint32_t id,
			   uint32_t *n)
{
	uint64_t key = ((uint64_t)b << 32 | id) + 1;
	*n = 0;
	if (!e->pcap)
		return NULL;
	for (uint32_t s = slot64(key, e->pcap);; s = (s + 1) & (e->pcap - 1)) {
		if (e->pkey[s] == key) {
			*n = e->pcount[s];
			return e->plist.v + e->pstart[s];
		}
		if (!e->pkey[s])
			return NULL;
	}
}

static int add_cand(const struct dyad_engine *e, uint32_t id, uint32_t *out, int k, int max)
{
	if (!id || !e->patword[id] || k >= max)
		return k;
	for (int i = 0; i < k; i++)
		if (out[i] == id)
			return k;
	out[k] = id;
	return k + 1;
}

int pattern_cands(const struct dyad_engine *e, const char *key, size_t n,
		  uint32_t id, uint32_t *out, int max)
{
	int k = 0;
	if (id)
		k = add_cand(e, id, out, k, max);
	if (n > 2 && key[n - 1] == 'S') {
		k = add_cand(e, vocab_find(&e->vocab, key, n - 1), out, k, max);
		if (key[n - 2] == 'E')
			k = add_cand(e, vocab_find(&e->vocab, key, n - 2), out, k, max);
		if (n > 4 && key[n - 2] == 'E' && key[n - 3] == 'I') {
			char tmp[256];
			if (n - 2 < sizeof tmp) {
				memcpy(tmp, key, n - 3);
				tmp[n - 3] = 'Y';
				k = add_cand(e, vocab_find(&e->vocab, tmp, n - 2), out, k, max);
			}
		}
	}
	if (n > 6 && pre6_has(e, pack6(key)))
		for (size_t l = 6; l < n && k < max; l++)
			k = add_cand(e, vocab_find(&e->vocab, key, l), out, k, max);
	return k;
}
