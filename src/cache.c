/*
 * cache.c - the compiled dictionary cache. The engine is flat arrays, so
 * the cache is a header followed by every array as (count, element size,
 * bytes) in a fixed order. A cache is used only when it was written by the
 * same build (format version and structure sizes) and every source file
 * it lists still has the size and modification time it had. Writing is
 * atomic (temporary file, then rename).
 */
#include "dict.h"
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "dyad-cache\n\0\0\0\0"
#define CACHE_FORMAT 7u   /* 6 was written by two branches with different sections */

struct header {
	char magic[16];
	uint32_t format;
	uint32_t sizes[12];   /* struct sizes: a different build is stale */
	uint32_t nsections;
	uint64_t checksum;    /* of everything after the header */
	struct dyad_dict_stats stats;
	struct coder_opts opts;
	struct coder_opts defaults;   /* coder_opts_init() of the writer: a
				       * build with other defaults is stale */
	int64_t exe_size, exe_mtime;  /* the program that wrote it: a rebuilt
				       * dyad may read dictionaries differently */
	uint32_t w[64];
	uint64_t stemlens;
	uint32_t stem_maxlen;
};

/* A fast checksum over 8-byte words (corruption, not adversaries). */
static uint64_t sum_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n >= 8) {
		uint64_t v;
		memcpy(&v, b, 8);
		h = (h ^ v) * 0x100000001b3ull;
		h ^= h >> 31;
		b += 8;
		n -= 8;
	}
	while (n--)
		h = (h ^ *b++) * 0x100000001b3ull;
	return h;
}

/* Size and modification time of the running program (Linux). */
static void exe_stamp(int64_t *size, int64_t *mtime)
{
	struct stat st;
	*size = *mtime = 0;
	if (stat("/proc/self/exe", &st) == 0) {
		*size = st.st_size;
		*mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	}
}

static void fill_sizes(uint32_t *s)
{
	s[0] = sizeof(struct actor);
	s[1] = sizeof(struct actor_code);
	s[2] = sizeof(struct agent);
	s[3] = sizeof(struct verb_block);
	s[4] = sizeof(struct verb_form);
	s[5] = sizeof(struct pattern);
	s[6] = sizeof(struct pel);
	s[7] = sizeof(struct synset);
	s[8] = sizeof(struct discard);
	s[9] = sizeof(struct cameo_info);
	s[10] = sizeof(struct srcfile);
	s[11] = sizeof(struct coder_opts);
}

/* Every array of the engine, in file order: pointer to the data pointer,
 * pointer to the count, element size. */
struct section { void **p; void *count; size_t elem; int count_kind; bool vec; };
enum { CNT_U32, CNT_SIZE };

#define SEC_VEC(x) { (void **)&(x).v, &(x).n, sizeof(*(x).v), CNT_U32, true }
#define SEC_ARR(ptr, cnt) { (void **)&(ptr), &(cnt), sizeof(*(ptr)), \
	_Generic((cnt), uint32_t: CNT_U32, default: CNT_SIZE), false }

static int sections(struct dyad_engine *e, struct section *s)
{
	struct section all[] = {
		SEC_VEC(e->sources),
		{ (void **)&e->vocab.pool, &e->vocab.pool_len, 1, CNT_SIZE, false },
		SEC_ARR(e->vocab.off, e->vocab.n),
		SEC_ARR(e->vocab.len, e->vocab.n),
		SEC_ARR(e->vocab.slots, e->vocab.nslots),
		{ (void **)&e->strs.p, &e->strs.len, 1, CNT_SIZE, false },
		SEC_VEC(e->actors.value), SEC_ARR(e->actors.ekey, e->actors.ecap),
		SEC_ARR(e->actors.eval, e->actors.ecap),
		SEC_VEC(e->agents.value), SEC_ARR(e->agents.ekey, e->agents.ecap),
		SEC_ARR(e->agents.eval, e->agents.ecap),
		SEC_VEC(e->verbs.value), SEC_ARR(e->verbs.ekey, e->verbs.ecap),
		SEC_ARR(e->verbs.eval, e->verbs.ecap),
		SEC_VEC(e->discards.value), SEC_ARR(e->discards.ekey, e->discards.ecap),
		SEC_ARR(e->discards.eval, e->discards.ecap),
		SEC_VEC(e->actor), SEC_VEC(e->acode), SEC_VEC(e->agent),
		SEC_VEC(e->block), SEC_VEC(e->vform), SEC_VEC(e->pat), SEC_VEC(e->pel),
		SEC_VEC(e->syn), SEC_VEC(e->synword), SEC_VEC(e->disc), SEC_VEC(e->xform),
		SEC_ARR(e->cameo.v, e->cameo.n), SEC_VEC(e->files),
		SEC_ARR(e->patword, e->vocab.n),
		SEC_ARR(e->pkey, e->pcap), SEC_ARR(e->pstart, e->pcap),
		SEC_ARR(e->pcount, e->pcap), SEC_VEC(e->plist),
		SEC_ARR(e->pre6, e->pre6cap), SEC_VEC(e->synfirst),
		SEC_VEC(e->wflag),
		SEC_VEC(e->nouns.value), SEC_ARR(e->nouns.ekey, e->nouns.ecap),
		SEC_ARR(e->nouns.eval, e->nouns.ecap),
		SEC_VEC(e->times.value), SEC_ARR(e->times.ekey, e->times.ecap),
		SEC_ARR(e->times.eval, e->times.ecap),
		SEC_VEC(e->pat_tc), SEC_VEC(e->block_tc), SEC_VEC(e->actor_gap),
		SEC_VEC(e->verb_gap),
	};
	if (s)
		memcpy(s, all, sizeof all);
	return (int)ARRAY_SIZE(all);
}

static uint64_t get_count(const struct section *s)
{
	return s->count_kind == CNT_U32 ? *(uint32_t *)s->count : *(size_t *)s->count;
}

int engine_add_source(struct dyad_engine *e, const char *path)
{
	char real[4096];
	struct stat st;
	if (!realpath(path, real) || stat(real, &st))
		return 0;       /* not a file we can check: never cached as fresh */
	struct srcfile *f = vec_push(&e->sources);
	if (!f)
		return DYAD_ENOMEM;
	f->path = estr_add(e, real, strlen(real));
	f->size = st.st_size;
	f->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	return f->path == UINT32_MAX ? DYAD_ENOMEM : 0;
}

int cache_write(const struct dyad_engine *ce, const char *path, dyad_error *err)
{
	struct dyad_engine *e = (struct dyad_engine *)ce;   /* read only */
	struct section s[64];
	int ns = sections(e, s);
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot write '%s': %s",
				   tmp, strerror(errno));
	struct header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, CACHE_MAGIC, sizeof h.magic);
	h.format = CACHE_FORMAT;
	fill_sizes(h.sizes);
	h.nsections = (uint32_t)ns;
	h.stats = e->stats;
	h.opts = e->opts;
	coder_opts_init(&h.defaults);
	exe_stamp(&h.exe_size, &h.exe_mtime);
	memcpy(h.w, e->w, sizeof h.w);
	h.stemlens = e->stemlens;
	h.stem_maxlen = e->stem_maxlen;
	uint64_t sum = 0;
	for (int i = 0; i < ns; i++) {
		uint64_t meta[2] = { get_count(&s[i]), s[i].elem };
		sum = sum_bytes(sum, meta, sizeof meta);
		if (meta[0])
			sum = sum_bytes(sum, *s[i].p, (size_t)(meta[0] * meta[1]));
	}
	h.checksum = sum;
	bool ok = fwrite(&h, sizeof h, 1, f) == 1;
	for (int i = 0; i < ns && ok; i++) {
		uint64_t meta[2] = { get_count(&s[i]), s[i].elem };
		ok = fwrite(meta, sizeof meta, 1, f) == 1;
		if (ok && meta[0])
			ok = fwrite(*s[i].p, s[i].elem, meta[0], f) == meta[0];
	}
	if (fclose(f))
		ok = false;
	if (!ok || rename(tmp, path)) {
		int saved = errno;
		unlink(tmp);
		return dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot write '%s': %s",
				   path, strerror(saved));
	}
	return 0;
}

struct dyad_engine *cache_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct dyad_engine *e = calloc(1, sizeof *e);
	struct header h, want;
	struct section s[64];
	bool ok = e && fread(&h, sizeof h, 1, f) == 1;
	/* bytes after the header: no section may claim more (a corrupt
	 * count must not allocate gigabytes) */
	struct stat fst;
	uint64_t left = 0;
	if (ok && fstat(fileno(f), &fst) == 0 && fst.st_size > (off_t)sizeof h)
		left = (uint64_t)fst.st_size - sizeof h;
	memset(&want, 0, sizeof want);
	fill_sizes(want.sizes);
	int ns = e ? sections(e, s) : 0;
	coder_opts_init(&want.defaults);
	exe_stamp(&want.exe_size, &want.exe_mtime);
	ok = ok && !memcmp(&h.defaults, &want.defaults, sizeof h.defaults) &&
	     h.exe_size == want.exe_size && h.exe_mtime == want.exe_mtime &&
	     !memcmp(h.magic, CACHE_MAGIC, sizeof h.magic) && h.format == CACHE_FORMAT &&
	     !memcmp(h.sizes, want.sizes, sizeof h.sizes) && h.nsections == (uint32_t)ns;
	uint64_t sum = 0;
	for (int i = 0; i < ns && ok; i++) {
		uint64_t meta[2];
		ok = fread(meta, sizeof meta, 1, f) == 1 && meta[1] == s[i].elem &&
		     meta[0] < ((uint64_t)1 << 32) && left >= sizeof meta &&
		     meta[0] * meta[1] <= left - sizeof meta;
		if (!ok)
			break;
		left -= sizeof meta + meta[0] * meta[1];
		sum = sum_bytes(sum, meta, sizeof meta);
		size_t bytes = (size_t)meta[0] * s[i].elem;
		void *p = malloc(bytes ? bytes : 1);
		ok = p && (!bytes || fread(p, 1, bytes, f) == bytes);
		if (!ok) {
			free(p);
			break;
		}
		*s[i].p = p;
		if (bytes)
			sum = sum_bytes(sum, p, bytes);
		if (s[i].count_kind == CNT_U32)
			*(uint32_t *)s[i].count = (uint32_t)meta[0];
		else
			*(size_t *)s[i].count = (size_t)meta[0];
		if (s[i].vec)   /* VEC(T): { v, n, cap } - capacity = count */
			((uint32_t *)s[i].count)[1] = (uint32_t)meta[0];
	}
	fclose(f);
	if (!ok || sum != h.checksum) {
		dyad_engine_free(e);
		return NULL;
	}
	/* capacities equal counts; tables keep their power-of-two sizes */
	e->vocab.cap = e->vocab.n;
	e->vocab.pool_cap = e->vocab.pool_len;
	e->strs.cap = e->strs.len;
	e->stats = h.stats;
	e->opts = h.opts;
	memcpy(e->w, h.w, sizeof e->w);
	e->stemlens = h.stemlens;
	e->stem_maxlen = h.stem_maxlen;
	/* stale when any source changed */
	for (uint32_t i = 0; i < e->sources.n; i++) {
		const struct srcfile *sf = &e->sources.v[i];
		struct stat st;
		if (sf->path >= e->strs.len || stat(estr(e, sf->path), &st) ||
		    st.st_size != sf->size ||
		    (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec != sf->mtime_ns) {
			dyad_engine_free(e);
			return NULL;
		}
	}
	e->stats.from_cache = true;
	if (engine_classes(e)) {
		dyad_engine_free(e);
		return NULL;
	}
	return e;
}
