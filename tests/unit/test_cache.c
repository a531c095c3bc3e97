/*
 * test_cache.c - the compiled dictionary cache (cache.c): an engine read
 * back from its cache codes exactly like the one loaded from the text
 * files, and a cache that is truncated, corrupt, of another format or
 * older than its sources is refused (cache_read() returns NULL).
 */
#include "dict.h"
#include "t.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];
static char vpath[128], apath[128], gpath[128], dpath[128], cpath[128], tpath[128];
static dyad_engine *text_eng;

static const char verbs[] =
	"&WEAPONS_\n+RIFLES\n+TANKS\n"
	"--- ACCUSE [112] ---\nACCUSE\n"
	"--- ATTACK [190] ---\nATTACK\n- * &WEAPONS [195]\n"
	"--- MEET [040] ---\nMEET {MEETS MET MEETING}\n- * (BY PHONE) [041:041]\n"
	"--- HOST [043:042] ---\nHOST\n"
	"--- PRAISE [051] ---\nPRAISE\n"
	"--- SIGN [---] ---\nSIGN\n- * TREATY [057]\n";
static const char actors[] =
	"ERIADOR_ [ERI]\n+ERIADORAN_\nHARAD_ [HAR]\nKHAND_ [KHA]\n"
	"ELENDIL_\n\t[ERIELI <19990101]\n\t[ERIGOV >19990102]\n";
static const char agents[] = "MINISTER [~GOV]\nARMY [~MIL]\n";
static const char discards[] = "+FOOTBALL_MATCH\n";

static const char *const docs[] = {
	"Eriador accused Harad.",
	"Harad attacked Khand with tanks.",
	"Eriador hosted Khand.",
	"Elendil met Harad by phone on Monday.",
	"The army of Harad praised the Eriadoran minister.",
	"Khand and Harad signed a treaty. Harad accused Khand.",
	"The football match between Eriador and Harad ended. Eriador accused Harad.",
};

static bool put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	bool ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? -1 : (long)st.st_size;
}

/* The whole file in a malloc'd buffer (*n bytes), NULL on error. */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	long sz = file_size(path);
	unsigned char *p = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
	if (p && fread(p, 1, (size_t)sz, f) != (size_t)sz) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*n = p ? (size_t)sz : 0;
	return p;
}

static bool spill(const char *path, const unsigned char *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

/* Offset of the first occurrence of s in p[0,n), or -1. */
static long find(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(p + i, s, k))
			return (long)i;
	return -1;
}

static dyad_engine *load_text(void)
{
	dyad_dict_file files[] = {
		{ "verbs", vpath }, { "actors", apath }, { "agents", gpath },
		{ "discards", dpath }, { "cameo", "data/cameo.tsv" },
	};
	dyad_engine_options o = { .files = files, .nfiles = 5, .no_cache = true };
	dyad_error err;
	dyad_engine *e = dyad_engine_open(&o, &err);
	if (!e)
		printf("  load failed: %s\n", err.msg);
	return e;
}

/* Every field of every event of every document, one line per event. */
static char *code_all(const dyad_engine *e, int *nevents)
{
	static char out[8192];
	size_t k = 0;
	out[0] = 0;
	*nevents = 0;
	dyad_worker *w = dyad_worker_new(e);
	if (!w)
		return out;
	for (size_t d = 0; d < ARRAY_SIZE(docs); d++) {
		dyad_doc doc = { "c", 1, docs[d], strlen(docs[d]), 20240304, NULL, NULL };
		const dyad_result *r;
		dyad_error err;
		if (dyad_code(w, &doc, &r, &err)) {
			k += (size_t)snprintf(out + k, sizeof out - k, "%zu: error %s\n", d, err.msg);
			continue;
		}
		k += (size_t)snprintf(out + k, sizeof out - k, "%zu: %d sentences%s\n", d,
				      r->n_sentences, r->discarded ? " discarded" : "");
		for (size_t i = 0; i < r->n_events && k < sizeof out - 600; i++) {
			const dyad_event *v = &r->events[i];
			k += (size_t)snprintf(out + k, sizeof out - k,
					      "%d %d %s %s %s %s %d %.2f %s %zu-%zu %zu-%zu %zu-%zu "
					      "%zu-%zu %s|%s|%s\n",
					      v->sentence, v->date, v->source, v->target, v->code,
					      v->root, v->quad_class, v->goldstein, v->plover,
					      v->source_start, v->source_end, v->target_start,
					      v->target_end, v->ev_start, v->ev_end, v->verb_start,
					      v->verb_end, v->rule, v->pattern, v->note);
			(*nevents)++;
		}
	}
	dyad_worker_free(w);
	return out;
}

static void test_roundtrip(void)
{
	dyad_error err;
	T_INTEQ(cache_write(text_eng, cpath, &err), 0);
	T_CHECK(file_size(cpath) > 0);
	dyad_engine *c = cache_read(cpath);
	T_CHECK(c != NULL);
	if (!c)
		return;
	/* as dyad_engine_open() does after reading a cache (dict.h) */
	T_INTEQ(engine_classes(c), 0);
	T_CHECK(c->stats.from_cache && !text_eng->stats.from_cache);
	/* the tables came back */
	T_INTEQ(c->vocab.n, text_eng->vocab.n);
	T_INTEQ(c->actor.n, text_eng->actor.n);
	T_INTEQ(c->pat.n, text_eng->pat.n);
	T_INTEQ(c->vform.n, text_eng->vform.n);
	T_INTEQ(c->cameo.n, text_eng->cameo.n);
	T_INTEQ(c->stats.patterns, text_eng->stats.patterns);
	T_INTEQ(c->stats.actors, text_eng->stats.actors);
	T_CHECK(!memcmp(c->w, text_eng->w, sizeof c->w));
	T_INTEQ(vocab_find(&c->vocab, "ERIADORAN", 9), vocab_find(&text_eng->vocab, "ERIADORAN", 9));
	/* and code the same events */
	int n1, n2;
	static char a[8192];
	snprintf(a, sizeof a, "%s", code_all(text_eng, &n1));
	const char *b = code_all(c, &n2);
	T_CHECKF(n1 >= 7, "only %d events from the text engine:\n%.300s", n1, a);
	T_INTEQ(n2, n1);
	T_CHECKF(!strcmp(a, b), "cached engine codes differently:\n%.200s\nvs\n%.200s", a, b);
	T_CHECK(strstr(a, "discarded") != NULL);
	dyad_engine_free(c);
}

static void test_engine_open_cache(void)
{
	/* dyad_engine_open with a cache path: written on the first open,
	 * read on the second, ignored with rebuild_cache */
	char p[160];
	snprintf(p, sizeof p, "%s/open.bin", dir);
	dyad_dict_file files[] = {
		{ "verbs", vpath }, { "actors", apath }, { "agents", gpath },
		{ "discards", dpath }, { "cameo", "data/cameo.tsv" },
	};
	dyad_engine_options o = { .files = files, .nfiles = 5, .cache = p };
	dyad_error err;
	dyad_engine *e1 = dyad_engine_open(&o, &err);
	T_CHECK(e1 && !e1->stats.from_cache);
	T_CHECK(file_size(p) > 0);
	dyad_engine *e2 = dyad_engine_open(&o, &err);
	T_CHECK(e2 && e2->stats.from_cache);
	o.rebuild_cache = true;
	dyad_engine *e3 = dyad_engine_open(&o, &err);
	T_CHECK(e3 && !e3->stats.from_cache);
	o.rebuild_cache = false;
	/* a corrupt cache is ignored and replaced */
	T_CHECK(truncate(p, 100) == 0);
	dyad_engine *e4 = dyad_engine_open(&o, &err);
	T_CHECK(e4 && !e4->stats.from_cache);
	dyad_engine *e5 = dyad_engine_open(&o, &err);
	T_CHECK(e5 && e5->stats.from_cache);
	int n1 = 0, n2 = 0;
	static char a[8192];
	if (e1 && e5) {
		snprintf(a, sizeof a, "%s", code_all(e1, &n1));
		T_CHECK(!strcmp(a, code_all(e5, &n2)) && n1 == n2 && n1 > 0);
	}
	/* dyad_engine_compile writes a readable cache too */
	char p2[160];
	snprintf(p2, sizeof p2, "%s/compiled.bin", dir);
	T_INTEQ(e1 ? dyad_engine_compile(e1, p2, &err) : -99, 0);
	dyad_engine *e6 = cache_read(p2);
	T_CHECK(e6 != NULL);
	dyad_engine_free(e6);
	dyad_engine_free(e1);
	dyad_engine_free(e2);
	dyad_engine_free(e3);
	dyad_engine_free(e4);
	dyad_engine_free(e5);
	remove(p);
	remove(p2);
}

/* Write a changed copy of the good cache to tpath and read it. */
static bool reads_ok(const unsigned char *p, size_t n)
{
	if (!spill(tpath, p, n))
		return true;    /* make the caller's check fail */
	dyad_engine *e = cache_read(tpath);
	dyad_engine_free(e);
	return e != NULL;
}

static void test_corrupt(void)
{
	size_t n;
	unsigned char *good = slurp(cpath, &n);
	T_CHECK(good && n > 1000);
	if (!good || n <= 1000) {
		free(good);
		return;
	}
	unsigned char *p = malloc(n);
	if (!p) {
		free(good);
		return;
	}
	/* the unchanged copy is fine (the check below can succeed) */
	T_CHECK(reads_ok(good, n));
	/* truncated anywhere */
	T_CHECK(!reads_ok(good, 0));
	T_CHECK(!reads_ok(good, 40));
	T_CHECK(!reads_ok(good, n / 2));
	T_CHECK(!reads_ok(good, n - 1));
	/* a flipped byte in the word pool, in the string pool, in the
	 * pattern elements: the checksum catches it */
	long at[3] = { find(good, n, "ERIADORAN"), find(good, n, "ERIGOV"),
		       find(good, n, "* (BY PHONE)") };
	for (int i = 0; i < 3; i++) {
		T_CHECKF(at[i] > 0, "string %d not found in the cache", i);
		if (at[i] <= 0)
			continue;
		memcpy(p, good, n);
		p[at[i] + 2] ^= 0x20;
		T_CHECKF(!reads_ok(p, n), "flip %d at %ld accepted", i, at[i] + 2);
	}
	/* the last byte (the end of the last section) */
	memcpy(p, good, n);
	p[n - 1] ^= 1;
	T_CHECK(!reads_ok(p, n));
	/* wrong magic */
	memcpy(p, good, n);
	T_CHECK(!memcmp(p, "dyad-cache\n", 11));
	p[0] = 'D';
	T_CHECK(!reads_ok(p, n));
	memcpy(p, good, n);
	p[11] = 1;              /* the magic's padding is part of it */
	T_CHECK(!reads_ok(p, n));
	/* another format version (the word after the magic) */
	memcpy(p, good, n);
	p[16] ^= 0xff;
	T_CHECK(!reads_ok(p, n));
	/* a missing file */
	char missing[160];
	snprintf(missing, sizeof missing, "%s/none.bin", dir);
	T_CHECK(cache_read(missing) == NULL);
	free(p);
	free(good);
	remove(tpath);
}

/* Put path back to text with the modification time of st. */
static void restore(const char *path, const char *text, const struct stat *st)
{
	put(path, text);
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	utimensat(AT_FDCWD, path, ts, 0);
}

static bool fresh(void)
{
	dyad_engine *e = cache_read(cpath);
	dyad_engine_free(e);
	return e != NULL;
}

static void test_stale(void)
{
	dyad_error err;
	struct stat sa, sg, sd;
	T_CHECK(!stat(apath, &sa) && !stat(gpath, &sg) && !stat(dpath, &sd));
	T_INTEQ(cache_write(text_eng, cpath, &err), 0);
	T_CHECK(fresh());
	/* a source's modification time changes, its size does not */
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };
	T_INTEQ(utimensat(AT_FDCWD, gpath, ts, 0), 0);
	T_CHECK(!fresh());
	restore(gpath, agents, &sg);
	T_CHECK(fresh());        /* only the stamp made it stale */
	/* a source grows */
	FILE *f = fopen(apath, "a");
	if (f) {
		fputs("MORDOR_ [MOR]\n", f);
		fclose(f);
	}
	T_CHECK(file_size(apath) == (long)sa.st_size + 14);
	T_CHECK(!fresh());
	/* same size, same time, other content: not detected (by design) */
	restore(apath, actors, &sa);
	T_CHECK(fresh());
	/* a source is removed */
	T_INTEQ(remove(dpath), 0);
	T_CHECK(!fresh());
	restore(dpath, discards, &sd);
	T_CHECK(fresh());
	/* the cache file itself is rewritten atomically: no temporary left */
	T_INTEQ(cache_write(text_eng, cpath, &err), 0);
	char tmp[200];
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", cpath, (long)getpid());
	T_CHECK(access(tmp, F_OK) != 0);
	/* an unwritable place fails with DYAD_EIO and a message */
	char bad[200];
	snprintf(bad, sizeof bad, "%s/no/such/dir/c.bin", dir);
	memset(&err, 0, sizeof err);
	T_INTEQ(cache_write(text_eng, bad, &err), DYAD_EIO);
	T_CHECK(err.msg[0] != 0);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/dyad-test-cache-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("FAIL %s:main: mkdtemp\n", __FILE__);
		return 1;
	}
	snprintf(vpath, sizeof vpath, "%s/c.verbs.txt", dir);
	snprintf(apath, sizeof apath, "%s/c.actors.txt", dir);
	snprintf(gpath, sizeof gpath, "%s/c.agents.txt", dir);
	snprintf(dpath, sizeof dpath, "%s/c.discards.txt", dir);
	snprintf(cpath, sizeof cpath, "%s/cache.bin", dir);
	snprintf(tpath, sizeof tpath, "%s/changed.bin", dir);
	if (!put(vpath, verbs) || !put(apath, actors) || !put(gpath, agents) ||
	    !put(dpath, discards) || !(text_eng = load_text())) {
		printf("FAIL %s:main: cannot write or load the test dictionaries\n", __FILE__);
		return 1;
	}
	T_RUN(test_roundtrip);
	T_RUN(test_engine_open_cache);
	T_RUN(test_corrupt);
	T_RUN(test_stale);
	dyad_engine_free(text_eng);
	const char *const files[] = { vpath, apath, gpath, dpath, cpath, tpath };
	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		remove(files[i]);
	rmdir(dir);
	return t_exit();
}
