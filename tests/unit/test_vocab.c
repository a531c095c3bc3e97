/*
 * test_vocab.c - interned words (vocab.c), the word-id trie (trie.c) and
 * the pattern index (index.c) on a small verbs dictionary written to a
 * temporary directory.
 */
#include "dict.h"
#include "t.h"

#include <stdio.h>
#include <unistd.h>

static char dir[64];

/* ---- vocab ---- */

static void test_vocab_intern_find(void)
{
	struct vocab v;
	T_INTEQ(vocab_init(&v), 0);
	T_INTEQ(v.n, 1);                       /* id 0 is reserved */
	T_INTEQ(vocab_find(&v, "ARMS", 4), 0);
	uint32_t arms = vocab_intern(&v, "ARMS", 4);
	uint32_t arm = vocab_intern(&v, "ARMSTRONG", 3);   /* only n bytes count */
	uint32_t lower = vocab_intern(&v, "arms", 4);
	T_INTEQ(arms, 1);
	T_INTEQ(arm, 2);
	T_INTEQ(lower, 3);                     /* keys are bytes: no case folding */
	T_INTEQ(vocab_intern(&v, "ARMS", 4), arms);
	T_INTEQ(vocab_intern(&v, "ARM", 3), arm);
	T_INTEQ(v.n, 4);
	T_INTEQ(vocab_find(&v, "ARMS", 4), arms);
	T_INTEQ(vocab_find(&v, "ARMSTRONG", 3), arm);
	T_INTEQ(vocab_find(&v, "ARMSTRONG", 9), 0);
	T_INTEQ(vocab_find(&v, "AR", 2), 0);
	T_INTEQ(vocab_find(&v, "", 0), 0);
	T_STREQ(vocab_str(&v, arms), "ARMS");
	T_STREQ(vocab_str(&v, arm), "ARM");    /* NUL-terminated in the pool */
	T_INTEQ(v.len[arms], 4);
	/* embedded NUL bytes are part of the key */
	uint32_t z = vocab_intern(&v, "A\0B", 3);
	T_CHECK(z && z != vocab_find(&v, "A", 1));
	T_INTEQ(vocab_find(&v, "A\0B", 3), z);
	T_INTEQ(vocab_find(&v, "A\0C", 3), 0);
	vocab_release(&v);
	T_CHECK(v.pool == NULL && v.n == 0);
	/* a released (zeroed) vocab finds nothing */
	T_INTEQ(vocab_find(&v, "ARMS", 4), 0);
}

static void test_vocab_many(void)
{
	enum { N = 20000 };
	struct vocab v;
	T_INTEQ(vocab_init(&v), 0);
	uint32_t slots0 = v.nslots;
	size_t pool0 = v.pool_cap;
	static uint32_t ids[N];
	char key[32];
	for (int i = 0; i < N; i++) {
		int k = snprintf(key, sizeof key, "WORD%05d-%d", i, i * 7919 % 1000);
		ids[i] = vocab_intern(&v, key, (size_t)k);
		if (ids[i] != (uint32_t)i + 1) {
			T_CHECKF(false, "word %d got id %u", i, ids[i]);
			break;
		}
	}
	/* the tables grew (several rehashes) and kept their invariant */
	T_CHECK(v.nslots > slots0 && v.pool_cap > pool0);
	T_CHECK((v.nslots & (v.nslots - 1)) == 0);
	T_CHECK(v.nslots >= 2 * v.n);
	T_INTEQ(v.n, N + 1);
	int bad = 0;
	for (int i = 0; i < N; i++) {
		int k = snprintf(key, sizeof key, "WORD%05d-%d", i, i * 7919 % 1000);
		bad += vocab_find(&v, key, (size_t)k) != ids[i] ||
		       vocab_intern(&v, key, (size_t)k) != ids[i] ||
		       strcmp(vocab_str(&v, ids[i]), key) != 0;
	}
	T_INTEQ(bad, 0);
	T_INTEQ(v.n, N + 1);                   /* re-interning added nothing */
	T_INTEQ(vocab_find(&v, "WORD20000-0", 11), 0);
	T_INTEQ(vocab_find(&v, "WORD00001", 9), 0);
	vocab_release(&v);
}

/* FNV-1a 64 (prime 1099511628211) from the offset basis written in
 * vocab.c, then h ^ (h >> 29). Pinned: the vocab slots are stored
 * verbatim in the compiled cache and cache file names derive from it. */
static void test_hash_bytes(void)
{
	T_CHECK(hash_bytes("", 0) == 0x14650fb0d0b57e00ull);
	T_CHECK(hash_bytes("a", 1) == 0x44bd8ad65621cfa5ull);
	T_CHECK(hash_bytes("foobar", 6) == 0x88fad7c4ef29b9f7ull);
	T_CHECK(hash_bytes("x", 0) == hash_bytes("", 0));
	/* only the n bytes count, wherever they are */
	char buf[] = "xxfoobarxx";
	T_CHECK(hash_bytes(buf + 2, 6) == hash_bytes("foobar", 6));
	T_CHECK(hash_bytes("AB", 2) != hash_bytes("BA", 2));
	T_CHECK(hash_bytes("A", 1) != hash_bytes("A\0", 2));
	/* the low bits spread: 4096 similar keys fill most of 4096 buckets */
	static unsigned char seen[4096];
	int used = 0;
	for (int i = 0; i < 4096; i++) {
		char key[16];
		int k = snprintf(key, sizeof key, "W%d", i);
		uint32_t b = (uint32_t)hash_bytes(key, (size_t)k) & 4095;
		used += !seen[b];
		seen[b] = 1;
	}
	T_CHECKF(used > 2400, "%d of 4096 buckets used", used);
}

/* ---- trie ---- */

static void test_trie_paths(void)
{
	struct trie t;
	T_INTEQ(trie_init(&t), 0);
	T_INTEQ(t.value.n, 1);                 /* the root */
	T_INTEQ(trie_child(&t, 0, 5), 0);
	uint32_t abc[] = { 10, 20, 30 }, abd[] = { 10, 20, 40 };
	uint32_t n1 = trie_add(&t, abc, 3);
	T_CHECK(n1 != 0);
	T_INTEQ(t.value.n, 4);
	T_INTEQ(t.nedges, 3);
	uint32_t a = trie_child(&t, 0, 10);
	uint32_t ab = trie_child(&t, a, 20);
	T_CHECK(a && ab && a != ab);
	T_INTEQ(trie_child(&t, ab, 30), n1);
	/* the same path again: the same node, nothing new */
	T_INTEQ(trie_add(&t, abc, 3), n1);
	T_INTEQ(t.value.n, 4);
	/* a shared prefix adds only the new edge */
	uint32_t n2 = trie_add(&t, abd, 3);
	T_CHECK(n2 && n2 != n1);
	T_INTEQ(t.value.n, 5);
	T_INTEQ(trie_child(&t, ab, 40), n2);
	T_INTEQ(trie_add(&t, abc, 2), ab);     /* a prefix is an existing node */
	T_INTEQ(trie_add(&t, abc, 0), 0);      /* the empty path is the root */
	/* edges are per parent: (node, word) and (word, node) differ */
	T_INTEQ(trie_child(&t, 0, 20), 0);
	T_INTEQ(trie_child(&t, a, 30), 0);
	T_INTEQ(trie_child(&t, n1, 10), 0);
	/* word 0 is never an edge */
	T_INTEQ(trie_child(&t, 0, 0), 0);
	uint32_t bad[] = { 10, 0 };
	T_INTEQ(trie_add(&t, bad, 2), 0);
	T_INTEQ(t.value.n, 5);                 /* and no orphan node */
	T_INTEQ(t.nedges, 4);

	/* values */
	t.value.v[n1] = 7;
	t.value.v[a] = 3;
	uint32_t other[] = { 99, 98, 97, 96, 95 };
	uint32_t n3 = trie_add(&t, other, 5);   /* may move value.v */
	T_CHECK(n3 != 0);
	T_INTEQ(t.value.v[n1], 7);
	T_INTEQ(t.value.v[a], 3);
	T_INTEQ(t.value.v[ab], 0);
	T_INTEQ(t.value.v[n2], 0);
	T_INTEQ(t.value.v[n3], 0);              /* new nodes start empty */
	trie_release(&t);
	T_CHECK(t.ekey == NULL && t.ecap == 0);
	T_INTEQ(trie_child(&t, 0, 10), 0);       /* released: finds nothing */
}

static void test_trie_many_edges(void)
{
	enum { N = 6000 };
	struct trie t;
	T_INTEQ(trie_init(&t), 0);
	uint32_t cap0 = t.ecap;
	static uint32_t node[N + 1], deep[N + 1];
	/* a wide root and, below child 1, a long chain */
	for (uint32_t w = 1; w <= N; w++) {
		node[w] = trie_add(&t, &w, 1);
		t.value.v[node[w]] = w * 3;
	}
	uint32_t chain[64];
	for (int i = 0; i < 64; i++)
		chain[i] = (uint32_t)(i % 2 ? N + 10 : N + 11);
	uint32_t tip = trie_add(&t, chain, 64);
	/* second level under every root child, same word ids again */
	for (uint32_t w = 1; w <= N; w++) {
		uint32_t path[2] = { w, N + 1 - w };
		deep[w] = trie_add(&t, path, 2);
	}
	T_CHECK(t.ecap > cap0);
	T_CHECK((t.ecap & (t.ecap - 1)) == 0);
	T_CHECK(t.nedges * 2 <= t.ecap);
	T_INTEQ(t.nedges, 2 * N + 64);
	T_INTEQ(t.value.n, 1 + 2 * N + 64);
	int bad = 0;
	for (uint32_t w = 1; w <= N; w++) {
		bad += trie_child(&t, 0, w) != node[w] || t.value.v[node[w]] != w * 3;
		bad += trie_child(&t, node[w], N + 1 - w) != deep[w] || !deep[w];
		bad += trie_child(&t, node[w], w == 1 ? N + 5 : N + 1) != 0;
	}
	T_INTEQ(bad, 0);
	uint32_t x = 0;
	for (int i = 0; i < 64 && (i == 0 || x); i++)
		x = trie_child(&t, x, chain[i]);
	T_CHECK(x == tip && tip != 0);
	T_INTEQ(trie_child(&t, 0, N + 1), 0);
	trie_release(&t);
}

static void test_vec_push(void)
{
	VEC(uint64_t) v = { 0 };
	for (uint32_t i = 0; i < 1000; i++) {
		uint64_t *s = vec_push(&v);
		T_CHECK(s && *s == 0);          /* zeroed */
		if (!s)
			break;
		*s = (uint64_t)i * i;
	}
	T_INTEQ(v.n, 1000);
	T_CHECK(v.cap >= v.n);
	bool ok = true;
	for (uint32_t i = 0; i < v.n; i++)
		ok &= v.v[i] == (uint64_t)i * i;
	T_CHECK(ok);
	/* a slot reused after shrinking n is zeroed again */
	v.n = 3;
	uint64_t *s = vec_push(&v);
	T_CHECK(s == v.v + 3 && *s == 0);
	free(v.v);
}

/* ---- index ---- */

static const char verbs[] =
	"&FRIENDS\n"                                 /* synset 0 */
	"+ALLY\n"
	"+CLOSE_PARTNER\n"
	"--- MEET [040] ---\n"                       /* block 0 */
	"MEET {MEETS MET MEETING}\n"
	"- * WITH + [041]\n"                         /* pattern 0 */
	"- * WITH $ IN TALKS [042]\n"                /* 1 */
	"- $ * &FRIENDS [043]\n"                     /* 2 */
	"- + * [044]\n"                              /* 3: no word */
	"- PEACE $ * [045]\n"                        /* 4 */
	"--- COOPERATE [050] ---\n"                  /* block 1 */
	"COOPERATE\n"
	"- * COOPERAT + [051]\n"                     /* 5 */
	"- * WITH + ON PARTY MATCH [052]\n";         /* 6 */

static dyad_engine *eng;

static uint32_t id(const char *k)
{
	return vocab_find(&eng->vocab, k, strlen(k));
}

/* The patterns of (block, word) as "i,j,". */
static const char *pats(uint32_t b, const char *word)
{
	static char out[128];
	uint32_t n = 99;
	const uint32_t *p = pindex_get(eng, b, id(word), &n);
	if (!p)
		return n == 0 ? "none" : "bad n";
	size_t k = 0;
	out[0] = 0;
	for (uint32_t i = 0; i < n && k < sizeof out - 12; i++)
		k += (size_t)snprintf(out + k, sizeof out - k, "%u,", p[i]);
	return out;
}

static void test_pindex(void)
{
	T_INTEQ(eng->pat.n, 7);
	T_STREQ(pats(0, "WITH"), "0,1,");
	T_STREQ(pats(1, "WITH"), "6,");
	T_STREQ(pats(0, "PEACE"), "4,");          /* a word before the verb counts */
	T_STREQ(pats(0, "TALKS"), "none");        /* not a first word */
	T_STREQ(pats(0, "COOPERAT"), "none");     /* another block's word */
	T_STREQ(pats(1, "COOPERAT"), "5,");
	T_STREQ(pats(2, "WITH"), "none");         /* no such block */
	/* a pattern starting with a synset is filed under its first words */
	T_STREQ(pats(0, "ALLY"), "2,");
	T_STREQ(pats(0, "ALLIES"), "2,");
	T_STREQ(pats(0, "CLOSE"), "2,");
	T_STREQ(pats(0, "PARTNER"), "none");
	/* a pattern without words is tried always */
	const struct verb_block *b0 = &eng->block.v[0], *b1 = &eng->block.v[1];
	T_INTEQ(b0->nalways, 1);
	T_CHECK(b0->nalways == 1 && eng->plist.v[b0->first_always] == 3);
	T_INTEQ(b1->nalways, 0);
	/* words used by patterns and synsets are flagged, others not */
	T_CHECK(eng->patword[id("WITH")] && eng->patword[id("TALKS")]);
	T_CHECK(eng->patword[id("ALLIES")] && eng->patword[id("PARTNERS")]);
	T_CHECK(!eng->patword[id("MEETS")] && !eng->patword[id("COOPERATE")]);
}

/* pattern_cands(key) as the candidate words "A B ". */
static const char *cands(const char *key, int max)
{
	static char out[256];
	uint32_t c[16];
	int n = pattern_cands(eng, key, strlen(key), id(key), c, max);
	size_t k = 0;
	out[0] = 0;
	for (int i = 0; i < n && k < sizeof out - 40; i++)
		k += (size_t)snprintf(out + k, sizeof out - k, "%s ", vocab_str(&eng->vocab, c[i]));
	return out;
}

static void test_pattern_cands(void)
{
	T_STREQ(cands("WITH", 8), "WITH ");
	T_STREQ(cands("MEETS", 8), "");             /* a verb, not a pattern word */
	T_STREQ(cands("UNKNOWN", 8), "");
	/* plurals: -S, -ES, -IES */
	T_STREQ(cands("PARTYS", 8), "PARTY ");
	T_STREQ(cands("MATCHES", 8), "MATCH ");
	T_STREQ(cands("ALLIES", 8), "ALLIES ALLY ");
	T_STREQ(cands("PARTIES", 8), "PARTY ");
	T_STREQ(cands("ALLIES", 1), "ALLIES ");     /* at most max */
	T_STREQ(cands("S", 8), "");
	/* stems of 6+ bytes */
	T_STREQ(cands("COOPERATION", 8), "COOPERAT ");
	T_STREQ(cands("COOPERATIVES", 8), "COOPERAT ");
	T_STREQ(cands("COOPERA", 8), "");           /* shorter than the stem */
	T_STREQ(cands("COOPERS", 8), "");           /* same 6 bytes, no stem */
	T_STREQ(cands("COOPERAT", 8), "COOPERAT "); /* the stem itself */
	/* a long key ending in -IES does not overflow the singular buffer */
	char longkey[400];
	memset(longkey, 'K', sizeof longkey);
	memcpy(longkey + sizeof longkey - 4, "IES", 4);
	T_STREQ(cands(longkey, 8), "");
	/* an id that is not a pattern word is dropped even when passed */
	uint32_t c[4];
	T_INTEQ(pattern_cands(eng, "MET", 3, id("MET"), c, 4), 0);
	T_INTEQ(pattern_cands(eng, "WITH", 4, 0, c, 4), 0);   /* id 0: not itself */
}

static void test_synset_starts(void)
{
	T_INTEQ(eng->syn.n, 1);
	T_CHECK(synset_starts(eng, 0, id("ALLY")));
	T_CHECK(synset_starts(eng, 0, id("ALLIES")));
	T_CHECK(synset_starts(eng, 0, id("CLOSE")));
	T_CHECK(!synset_starts(eng, 0, id("PARTNER")));
	T_CHECK(!synset_starts(eng, 0, id("PARTNERS")));
	T_CHECK(!synset_starts(eng, 0, id("WITH")));
	T_CHECK(!synset_starts(eng, 0, 0));
	/* first words sorted and unique */
	const struct synset *s = &eng->syn.v[0];
	T_INTEQ(s->nfirst, 3);
	for (uint32_t i = 1; i < s->nfirst; i++)
		T_CHECK(eng->synfirst.v[s->ffirst + i - 1] < eng->synfirst.v[s->ffirst + i]);
}

int main(void)
{
	T_RUN(test_vocab_intern_find);
	T_RUN(test_vocab_many);
	T_RUN(test_hash_bytes);
	T_RUN(test_trie_paths);
	T_RUN(test_trie_many_edges);
	T_RUN(test_vec_push);

	snprintf(dir, sizeof dir, "/tmp/dyad-test-vocab-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("FAIL %s:main: mkdtemp\n", __FILE__);
		return 1;
	}
	char path[128];
	snprintf(path, sizeof path, "%s/t.verbs.txt", dir);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(verbs, f);
		fclose(f);
	}
	dyad_dict_file files[] = { { "verbs", path } };
	dyad_engine_options o = { .files = files, .nfiles = 1, .no_cache = true };
	dyad_error err;
	eng = dyad_engine_open(&o, &err);
	remove(path);
	rmdir(dir);
	if (!eng) {
		printf("FAIL %s:main: cannot load the test verbs: %s\n", __FILE__, err.msg);
		return 1;
	}
	T_RUN(test_pindex);
	T_RUN(test_pattern_cands);
	T_RUN(test_synset_starts);
	dyad_engine_free(eng);
	return t_exit();
}
