/*
 * engine.c - dyad_engine lifecycle: reads the dictionary manifest
 * (DIR/dyad.dict: "<kind> <file>" lines, kinds verbs|actors|agents|
 * discards|cameo), loads each file in order, and interns the function
 * words the coder needs. The engine is read-only once returned.
 */
#include "dict.h"
#include "place.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <dirent.h>

static int read_file(const char *path, char **buf, size_t *n, dyad_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot open '%s': %s",
				   path, strerror(errno));
	dyad_buf b = { 0 };
	char tmp[65536];
	size_t k;
	int rc = 0;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if ((rc = buf_add(&b, tmp, k)))
			break;
		if (b.len > (size_t)256 << 20) {
			rc = dyad_seterr(err, DYAD_ETOOBIG, path, 0, -1,
					 "dictionary '%s' is larger than 256 MiB", path);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot read '%s'", path);
	fclose(f);
	if (rc) {
		dyad_buf_release(&b);
		if (rc == DYAD_ENOMEM)
			dyad_seterr(err, rc, path, 0, -1, "out of memory reading '%s'", path);
		return rc;
	}
	if (!b.p && buf_add(&b, "", 0)) {
		return dyad_seterr(err, DYAD_ENOMEM, path, 0, -1, "out of memory");
	}
	*buf = b.p;
	*n = b.len;
	return 0;
}

static const char *const function_words[W__COUNT] = {
	[W_THE] = "THE", [W_A] = "A", [W_AN] = "AN", [W_OF] = "OF", [W_AND] = "AND",
	[W_OR] = "OR", [W_BUT] = "BUT", [W_TO] = "TO", [W_BY] = "BY",
	[W_WITH] = "WITH", [W_NOT] = "NOT", [W_NT] = "N'T", [W_NEVER] = "NEVER",
	[W_NO] = "NO", [W_WAS] = "WAS", [W_WERE] = "WERE", [W_IS] = "IS",
	[W_ARE] = "ARE", [W_BE] = "BE", [W_BEEN] = "BEEN", [W_BEING] = "BEING",
	[W_HE] = "HE", [W_SHE] = "SHE", [W_HIS] = "HIS", [W_HER] = "HER",
	[W_HIM] = "HIM", [W_THEY] = "THEY", [W_IT] = "IT", [W_ITS] = "ITS",
	[W_POSS] = "'S", [W_COMMA] = ",", [W_SEMI] = ";", [W_LPAR] = "(",
	[W_RPAR] = ")", [W_QUOTE] = "\"", [W_DID] = "DID", [W_DOES] = "DOES",
	[W_DO] = "DO", [W_HAS] = "HAS", [W_HAVE] = "HAVE", [W_HAD] = "HAD",
	[W_WILL] = "WILL", [W_WOULD] = "WOULD", [W_THAT] = "THAT",
	[W_WHICH] = "WHICH", [W_WHO] = "WHO", [W_ALSO] = "ALSO", [W_COLON] = ":",
	[W_COUNTRY] = "COUNTRY", [W_NATION] = "NATION",
	[W_ORGANIZATION] = "ORGANIZATION", [W_ORGANISATION] = "ORGANISATION",
	[W_MINISTRY] = "MINISTRY", [W_GOVERNMENT] = "GOVERNMENT",
	[W_FAILED] = "FAILED", [W_REFUSED] = "REFUSED", [W_DENIED] = "DENIED",
	[W_WHILE] = "WHILE", [W_AFTER] = "AFTER", [W_NEITHER] = "NEITHER",
	[W_NOR] = "NOR", [W_DASH] = "-",
};

static const struct { uint8_t cls; const char *const words[40]; } classes[] = {
	{ WC_DET, { "THE", "A", "AN", "THIS", "THAT", "THESE", "THOSE", "ITS",
		"THEIR", "HIS", "HER", "OUR", "YOUR", "MY", "'S", "EACH", "EVERY",
		"ANY", "SOME", "SUCH", "NO", "FURTHER", "RECENT", "NEW", "ANOTHER",
		"FIRST", "SECOND", "LAST", "OF", "WHOSE" } },
	{ WC_AUX, { "WAS", "WERE", "IS", "ARE", "BE", "BEEN", "BEING", "AM", "GET",
		"GOT", "GETS" } },
	{ WC_ADVERB, { "ALSO", "THEN", "LATER", "AGAIN", "STILL", "JUST", "ALREADY",
		"REPORTEDLY", "ALLEGEDLY", "RECENTLY", "REPEATEDLY", "SUBSEQUENTLY",
		"FURTHER", "JOINTLY", "ONCE", "EVEN", "ALWAYS", "SOON" } },
	{ WC_PREP, { "OF", "IN", "AT", "FROM", "FOR", "ON", "WITH", "DURING", "TO",
		"BY", "ABOUT", "AMONG", "BETWEEN", "WITHIN", "AGAINST", "OVER",
		"UNDER", "AFTER", "BEFORE", "WITHOUT", "TOWARD", "TOWARDS", "INTO",
		"ACROSS", "NEAR", "VIA", "THROUGH", "ACCORDING" } },
	{ WC_NEG, { "NOT", "N'T", "NEVER", "NO", "NOR", "CANNOT", "WON'T", "DIDN'T",
		"DOESN'T" } },
	{ WC_MODAL, { "WILL", "WOULD", "COULD", "CAN", "MAY", "MIGHT", "SHOULD",
		"MUST", "HAS", "HAVE", "HAD", "IS", "ARE", "WAS", "WERE", "DID",
		"DOES", "DO", "BE", "BEEN" } },
	{ WC_SUBORD, { "AFTER", "BEFORE", "WHEN", "WHILE", "BECAUSE", "SINCE",
		"UNTIL", "ALTHOUGH", "THOUGH", "WHEREAS", "AS" } },
	{ WC_REPORT, { "SAID", "SAYS", "SAY", "ADDED", "STATED", "ANNOUNCED",
		"CLAIMED", "INSISTED", "WARNED", "THAT", "CONFIRMED", "DECLARED",
		"REPORTED" } },
};

int engine_class_words(struct dyad_engine *e)
{
	for (size_t c = 0; c < ARRAY_SIZE(classes); c++)
		for (size_t i = 0; classes[c].words[i]; i++)
			if (!vocab_intern(&e->vocab, classes[c].words[i], strlen(classes[c].words[i])))
				return DYAD_ENOMEM;
	return 0;
}

static void root_bits(const struct dyad_engine *e, const struct trie *t, uint8_t bit)
{
	for (uint32_t i = 0; i < t->ecap; i++)
		if (t->ekey[i] && !(t->ekey[i] >> 32)) {
			uint32_t word = (uint32_t)t->ekey[i];
			if (word < e->vocab.n)
				e->wroot[word] |= bit;
		}
}

int engine_classes(struct dyad_engine *e)
{
	free(e->wclass);
	free(e->wroot);
	e->wclass = calloc(e->vocab.n + 1, 1);
	e->wroot = calloc(e->vocab.n + 1, 1);
	if (!e->wclass || !e->wroot)
		return DYAD_ENOMEM;
	for (size_t c = 0; c < ARRAY_SIZE(classes); c++)
		for (size_t i = 0; classes[c].words[i]; i++) {
			uint32_t id = vocab_find(&e->vocab, classes[c].words[i],
						 strlen(classes[c].words[i]));
			if (id)
				e->wclass[id] |= classes[c].cls;
		}
	root_bits(e, &e->actors, ROOT_ACTOR);
	root_bits(e, &e->agents, ROOT_AGENT);
	root_bits(e, &e->verbs, ROOT_VERB);
	return 0;
}

static int engine_alloc(struct dyad_engine *e)
{
	if (vocab_init(&e->vocab) || trie_init(&e->actors) || trie_init(&e->agents) ||
	    trie_init(&e->verbs) || trie_init(&e->discards) || buf_addc(&e->strs, 0))
		return DYAD_ENOMEM;
	for (int i = 0; i < W__COUNT; i++) {
		e->w[i] = vocab_intern(&e->vocab, function_words[i], strlen(function_words[i]));
		if (!e->w[i])
			return DYAD_ENOMEM;
	}
	return engine_class_words(e);
}

void dyad_engine_free(dyad_engine *e)
{
	if (!e)
		return;
	vocab_release(&e->vocab);
	dyad_buf_release(&e->strs);
	trie_release(&e->actors);
	trie_release(&e->agents);
	trie_release(&e->verbs);
	trie_release(&e->discards);
	free(e->actor.v);
	free(e->acode.v);
	free(e->agent.v);
	free(e->block.v);
	free(e->vform.v);
	free(e->pat.v);
	free(e->pel.v);
	free(e->syn.v);
	free(e->synword.v);
	free(e->disc.v);
	free(e->files.v);
	if (e->places) {
		place_index_release(e->places);
		free(e->places);
	}
	free(e->patword);
	free(e->pkey);
	free(e->pstart);
	free(e->pcount);
	free(e->plist.v);
	free(e->pre6);
	free(e->synfirst.v);
	free(e->sources.v);
	free(e->wclass);
	free(e->wroot);
	dict_tabari_release(e);
	cameo_release(&e->cameo);
	free(e);
}

enum kind {
	K_NONE, K_VERBS, K_ACTORS, K_AGENTS, K_DISCARDS, K_CAMEO,
	K_TVERBS, K_TACTORS, K_TAGENTS, K_TOPTIONS,
};

static enum kind kind_of(const char *s, size_t n)
{
	static const struct { const char *name; enum kind k; } kinds[] = {
		{ "verbs", K_VERBS }, { "actors", K_ACTORS }, { "agents", K_AGENTS },
		{ "discards", K_DISCARDS }, { "cameo", K_CAMEO },
		{ "tabari-verbs", K_TVERBS }, { "tabari-actors", K_TACTORS },
		{ "tabari-agents", K_TAGENTS }, { "tabari-options", K_TOPTIONS },
	};
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strlen(kinds[i].name) == n && !memcmp(kinds[i].name, s, n))
			return kinds[i].k;
	return K_NONE;
}

static int load_one(struct dyad_engine *e, const dyad_engine_options *opt,
		    enum kind k, const char *path, dyad_error *err)
{
	if (engine_add_source(e, path))
		return dyad_seterr(err, DYAD_ENOMEM, path, 0, -1, "out of memory");
	if (k == K_CAMEO) {
		if (e->cameo.n)
			cameo_release(&e->cameo);
		return cameo_load(&e->cameo, path, err);
	}
	char *buf;
	size_t n;
	int rc = read_file(path, &buf, &n, err);
	if (rc)
		return rc;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	uint32_t *fn = vec_push(&e->files);
	if (!fn) {
		free(buf);
		return dyad_seterr(err, DYAD_ENOMEM, path, 0, -1, "out of memory");
	}
	*fn = estr_add(e, base, strlen(base));
	struct dict_ctx c = {
		.e = e, .path = path, .file = (uint16_t)(e->files.n - 1),
		.on_problem = opt ? opt->on_problem : NULL, .pctx = opt ? opt->ctx : NULL,
		.max_entry = opt ? opt->max_entry_bytes : 0,
	};
	switch (k) {
	case K_VERBS: rc = dict_read_verbs(&c, buf, n); break;
	case K_ACTORS: rc = dict_read_actors(&c, buf, n); break;
	case K_AGENTS: rc = dict_read_agents(&c, buf, n); break;
	case K_DISCARDS: rc = dict_read_discards(&c, buf, n); break;
	case K_TVERBS: rc = dict_read_tabari_verbs(&c, buf, n); break;
	case K_TACTORS: rc = dict_read_tabari_actors(&c, buf, n); break;
	case K_TAGENTS: rc = dict_read_tabari_agents(&c, buf, n); break;
	case K_TOPTIONS: rc = dict_read_tabari_options(&c, buf, n); break;
	default: rc = 0; break;
	}
	free(buf);
	if (rc)
		return dyad_seterr(err, rc, path, 0, -1, "%s while loading '%s'",
				   dyad_strerror(rc), path);
	return 0;
}

static enum kind guess_kind(const char *name)
{
	if (strstr(name, ".tsv") && strstr(name, "cameo"))
		return K_CAMEO;
	if (strstr(name, "verbs") || !strncmp(name, "CAMEO.", 6))
		return K_VERBS;
	if (strstr(name, "actors"))
		return K_ACTORS;
	if (strstr(name, "agents"))
		return K_AGENTS;
	if (strstr(name, "discards"))
		return K_DISCARDS;
	return K_NONE;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* No manifest: load recognizable files in name order, dyad.* last. */
static int load_dir(struct dyad_engine *e, const dyad_engine_options *opt,
		    const char *dir, dyad_error *err)
{
	if (engine_add_source(e, dir))
		return dyad_seterr(err, DYAD_ENOMEM, dir, 0, -1, "out of memory");
	DIR *d = opendir(dir);
	if (!d)
		return dyad_seterr(err, DYAD_EIO, dir, 0, -1, "cannot open dictionary directory '%s': %s",
				   dir, strerror(errno));
	char *names[512];
	size_t nn = 0;
	struct dirent *de;
	while ((de = readdir(d)) && nn < ARRAY_SIZE(names)) {
		if (de->d_name[0] == '.' || guess_kind(de->d_name) == K_NONE)
			continue;
		names[nn] = strdup(de->d_name);
		if (!names[nn])
			break;
		nn++;
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof *names, cmp_str);
	int rc = 0;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (size_t i = 0; i < nn && !rc; i++) {
			bool own = !strncmp(names[i], "dyad.", 5);
			if (own != (pass == 1))
				continue;
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, names[i]);
			rc = load_one(e, opt, guess_kind(names[i]), path, err);
		}
	}
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	return rc;
}

static int load_manifest(struct dyad_engine *e, const dyad_engine_options *opt,
			 const char *dir, const char *manifest, dyad_error *err)
{
	char *buf;
	size_t n;
	int rc = read_file(manifest, &buf, &n, err);
	if (rc)
		return rc;
	if (engine_add_source(e, manifest)) {
		free(buf);
		return dyad_seterr(err, DYAD_ENOMEM, manifest, 0, -1, "out of memory");
	}
	const char *p = buf, *end = buf + n;
	long line = 0;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line++;
		const char *s = p;
		p = nl ? nl + 1 : end;
		const char *h = memchr(s, '#', (size_t)(le - s));
		if (h)
			le = h;
		while (s < le && isspace((unsigned char)*s))
			s++;
		while (le > s && isspace((unsigned char)le[-1]))
			le--;
		if (s == le)
			continue;
		const char *ks = s;
		while (s < le && !isspace((unsigned char)*s))
			s++;
		enum kind k = kind_of(ks, (size_t)(s - ks));
		while (s < le && isspace((unsigned char)*s))
			s++;
		if (k == K_NONE || s == le) {
			rc = dyad_seterr(err, DYAD_EDICT, manifest, line, -1,
					 "expected '<verbs|actors|agents|discards|cameo> <file>': '%.*s'",
					 (int)MIN(le - ks, 80), ks);
			break;
		}
		char path[4096];
		if (*s == '/')
			snprintf(path, sizeof path, "%.*s", (int)(le - s), s);
		else
			snprintf(path, sizeof path, "%s/%.*s", dir, (int)(le - s), s);
		rc = load_one(e, opt, k, path, err);
	}
	free(buf);
	return rc;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The default cache file of a dictionary set: $XDG_CACHE_HOME/dyad/ (or
 * ~/.cache/dyad/) plus a hash of the set's real paths. 0 on success. */
static int default_cache_path(const dyad_engine_options *opt, const char *dir,
			      char *out, size_t cap)
{
	char real[4096];
	uint64_t h = hash_bytes(DYAD_VERSION, strlen(DYAD_VERSION));
	if (opt && opt->files) {
		for (size_t i = 0; i < opt->nfiles; i++) {
			if (!realpath(opt->files[i].path, real))
				return -1;
			h ^= hash_bytes(real, strlen(real)) + i;
			h ^= hash_bytes(opt->files[i].kind, strlen(opt->files[i].kind)) * 31;
		}
	} else {
		if (!realpath(dir, real))
			return -1;
		h ^= hash_bytes(real, strlen(real));
	}
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char base[4096];
	if (xdg && *xdg == '/')
		snprintf(base, sizeof base, "%s/dyad", xdg);
	else if (home && *home == '/')
		snprintf(base, sizeof base, "%s/.cache/dyad", home);
	else
		return -1;
	char parent[4096];
	snprintf(parent, sizeof parent, "%s", base);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = 0;
		mkdir(parent, 0755);
	}
	if (mkdir(base, 0755) && errno != EEXIST)
		return -1;
	int k = snprintf(out, cap, "%s/%016llx.bin", base, (unsigned long long)h);
	return k > 0 && (size_t)k < cap ? 0 : -1;
}

static dyad_engine *engine_load(const dyad_engine_options *opt, dyad_error *err);

/* Index the gazetteer (place.h) into e; the TSV is the dictionary
 * directory's dyad.places.tsv. */
static int engine_places(struct dyad_engine *e, const dyad_engine_options *opt,
			 const char *cpath, dyad_error *err)
{
	if (opt && opt->no_places)
		return 0;
	const char *dir = opt && opt->dict_dir ? opt->dict_dir : "data";
	char tsv[4200];
	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		snprintf(tsv, sizeof tsv, "data/dyad.places.tsv");
	else
		snprintf(tsv, sizeof tsv, "%s/dyad.places.tsv", dir);
	struct place_index_options po = { .tsv = tsv };
	e->places = malloc(sizeof *e->places);
	if (!e->places)
		return dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
	/* next to the dictionary cache: its own file, rebuilt when a source
	 * changes */
	char ppath[4400] = "";
	if (cpath)
		snprintf(ppath, sizeof ppath, "%s.places", cpath);
	if (ppath[0] && !(opt && opt->rebuild_cache) && !place_index_load(e->places, &po, ppath))
		return 0;
	int rc = place_index_build(e->places, &po, err);
	if (!rc && ppath[0])
		place_index_save(e->places, &po, ppath);    /* best effort */
	if (rc) {
		free(e->places);
		e->places = NULL;
	}
	return rc;
}

dyad_engine *dyad_engine_open(const dyad_engine_options *opt, dyad_error *err)
{
	double t0 = now();
	const char *dir = opt && opt->dict_dir ? opt->dict_dir : "data";
	char cpath[4300];
	/* a cache holds what the default line cap let through */
	bool use_cache = !(opt && (opt->no_cache || (opt->max_entry_bytes &&
				   opt->max_entry_bytes != DYAD_DEFAULT_MAX_ENTRY_BYTES)));
	if (use_cache) {
		if (opt && opt->cache)
			snprintf(cpath, sizeof cpath, "%s", opt->cache);
		else if (default_cache_path(opt, dir, cpath, sizeof cpath))
			use_cache = false;
	}
	if (use_cache && !(opt && opt->rebuild_cache)) {
		struct dyad_engine *e = cache_read(cpath);
		if (e && engine_places(e, opt, cpath, err)) {
			dyad_engine_free(e);
			return NULL;
		}
		if (e) {
			e->stats.load_seconds = now() - t0;
			return e;
		}
	}
	struct dyad_engine *e = engine_load(opt, err);
	if (e && use_cache)
		cache_write(e, cpath, NULL);    /* best effort */
	if (e && engine_classes(e)) {
		dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		dyad_engine_free(e);
		e = NULL;
	}
	if (e && engine_places(e, opt, use_cache ? cpath : NULL, err)) {
		dyad_engine_free(e);
		e = NULL;
	}
	if (e)
		e->stats.load_seconds = now() - t0;
	return e;
}

int dyad_engine_compile(const dyad_engine *e, const char *path, dyad_error *err)
{
	return cache_write(e, path, err);
}

static dyad_engine *engine_load(const dyad_engine_options *opt, dyad_error *err)
{
	const char *dir = opt && opt->dict_dir ? opt->dict_dir : "data";
	struct dyad_engine *e = calloc(1, sizeof *e);
	if (e)
		coder_opts_init(&e->opts);
	if (!e || engine_alloc(e)) {
		dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		dyad_engine_free(e);
		return NULL;
	}
	int rc;
	struct stat st;
	char manifest[4096];
	snprintf(manifest, sizeof manifest, "%s/dyad.dict", dir);
	if (opt && opt->files) {
		rc = 0;
		for (size_t i = 0; i < opt->nfiles && !rc; i++) {
			enum kind k = kind_of(opt->files[i].kind, strlen(opt->files[i].kind));
			if (k == K_NONE)
				rc = dyad_seterr(err, DYAD_EUSAGE, opt->files[i].path, 0, -1,
						 "unknown dictionary kind '%s'", opt->files[i].kind);
			else
				rc = load_one(e, opt, k, opt->files[i].path, err);
		}
	} else if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		/* a single file: the kind from its name */
		enum kind k = guess_kind(dir);
		if (!strcmp(dir + (strlen(dir) > 5 ? strlen(dir) - 5 : 0), ".dict"))
			rc = load_manifest(e, opt, ".", dir, err);
		else if (k == K_NONE)
			rc = dyad_seterr(err, DYAD_EUSAGE, dir, 0, -1,
					 "cannot tell what kind of dictionary '%s' is", dir);
		else
			rc = load_one(e, opt, k, dir, err);
	} else if (stat(manifest, &st) == 0) {
		rc = load_manifest(e, opt, dir, manifest, err);
	} else {
		rc = load_dir(e, opt, dir, err);
	}
	if (!rc && !e->cameo.n) {
		char path[4096];
		snprintf(path, sizeof path, "%s/cameo.tsv", dir);
		if (stat(path, &st) == 0)
			rc = cameo_load(&e->cameo, path, err);
	}
	if (!rc && engine_index(e))
		rc = dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
	if (rc) {
		dyad_engine_free(e);
		return NULL;
	}
	/* A person: dated roles, and never a bare country code (countries
	 * such as AZERBAIJAN_ also carry dated codes for their history). */
	for (uint32_t i = 0; i < e->actor.n; i++) {
		struct actor *a = &e->actor.v[i];
		bool dated = false, country = false;
		for (uint32_t k = 0; k < a->ncodes; k++) {
			const struct actor_code *c = &e->acode.v[a->first_code + k];
			dated |= c->from || c->to;
			country |= strlen(estr(e, c->code)) == 3;
		}
		if (dated && !country)
			a->flags |= ACT_PERSON;
	}
	e->stats.words = e->vocab.n - 1;
	return e;
}

void dyad_engine_stats(const dyad_engine *e, dyad_dict_stats *st)
{
	*st = e->stats;
	st->bytes = e->vocab.pool_cap + e->vocab.cap * 8 + e->vocab.nslots * 4 +
		    e->strs.cap + e->actor.cap * sizeof *e->actor.v +
		    e->acode.cap * sizeof *e->acode.v + e->agent.cap * sizeof *e->agent.v +
		    e->vform.cap * sizeof *e->vform.v + e->pat.cap * sizeof *e->pat.v +
		    e->pel.cap * sizeof *e->pel.v + e->synword.cap * 4;
	const struct trie *t[] = { &e->actors, &e->agents, &e->verbs, &e->discards };
	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		st->bytes += t[i]->value.cap * 4 + t[i]->ecap * 12;
}
