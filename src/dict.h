/*
 * dict.h - the compiled dictionaries held by a dyad_engine.
 *
 * Everything is flat arrays indexed by uint32_t (no pointers between
 * records), so the compiled cache (engine.c) is these arrays written out
 * verbatim. Word sequences are vocab ids; strings (codes, names, pattern
 * text) are offsets into the engine's string pool.
 */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include "internal.h"

/* A growable array; vec_push returns a pointer to the new zeroed slot. */
#define VEC(T) struct { T *v; uint32_t n, cap; }
void *vec_grow_(void *vec_v, uint32_t *n, uint32_t *cap, size_t elem);
#define vec_push(vec) ((__typeof__((vec)->v))vec_grow_(&(vec)->v, &(vec)->n, &(vec)->cap, sizeof(*(vec)->v)))

/* Trie over word ids. Node 0 is the root; value[node] is entry index + 1
 * (0: no entry ends here). Edges live in one open-addressing table keyed
 * by parent << 32 | word. */
struct trie {
	VEC(uint32_t) value;
	uint64_t *ekey; uint32_t *eval; uint32_t ecap, nedges;
};
int trie_init(struct trie *t);
void trie_release(struct trie *t);
uint32_t trie_child(const struct trie *t, uint32_t node, uint32_t word);
/* Node for the path words[0..n), created as needed; 0 on OOM. */
uint32_t trie_add(struct trie *t, const uint32_t *words, size_t n);

/* Dictionary files are numbered in load order (engine->files). */
struct src { uint16_t file; uint32_t line; };

/* Actors. One entry per phrase group (primary + synonyms share it). */
enum { ACT_PERSON = 1 };
struct actor {
	uint32_t first_code, ncodes;   /* into engine->acode */
	uint32_t name;                 /* primary phrase, string pool */
	struct src src;
	uint8_t flags;
};
struct actor_code {
	uint32_t code;     /* string pool */
	int32_t from, to;  /* YYYYMMDD inclusive; 0 = open */
};

/* Agents: code is added after (~GOV) or before (NGO~) the actor code. */
struct agent {
	uint32_t code;     /* string pool, without '~' */
	uint8_t prefix;    /* 1: NGO~ form */
	uint8_t person;    /* the phrase names a person (minister, ...) */
	struct src src;
};

/* Verbs. A block shares patterns among its verbs. */
struct verb_block {
	uint32_t name;      /* string pool */
	char code[6];       /* "" = null code */
	char code2[6];      /* paired code for the reverse event, "" none */
	uint32_t first_pat, npat;
	uint32_t first_always, nalways;  /* plist: patterns without a word */
	struct src src;
};
struct verb_form {
	uint32_t block;
	uint32_t lemma;     /* string pool: the primary verb */
	char code[6];       /* own code, "" = use the block's */
	char code2[6];      /* own paired code */
	uint8_t has_code;
	uint32_t prev;      /* earlier definition of the same form + 1, 0 none:
			     * its block's patterns are tried too */
	uint8_t head;       /* index of the verb word within the phrase */
	uint8_t nwords;
	struct src src;
};

/* Pattern elements. */
enum pel_kind {
	PEL_WORD = 1,   /* v = word id (w/ plural and stem tolerance) */
	PEL_SYN,        /* v = synset index */
	PEL_SOURCE,     /* $ */
	PEL_TARGET,     /* + */
	PEL_COMPOUND,   /* % */
	PEL_SKIP,       /* ^ */
};
enum { PELF_CONSEC = 1 };   /* must follow the previous element directly */
struct pel { uint8_t kind, flags; uint16_t pad; uint32_t v; };
struct pattern {
	uint32_t block;
	uint32_t first_el;
	uint16_t npre, npost;     /* elements before and after the verb */
	uint16_t nwords;          /* specificity: number of word elements */
	char code[6], code2[6];   /* "" for none; "---" null */
	uint32_t text;            /* string pool: the pattern as written */
	struct src src;
};

/* Synsets: members are word sequences in engine->synword, each member
 * terminated by a 0. */
struct synset {
	uint32_t name; uint32_t first, len;
	uint32_t ffirst, nfirst;   /* sorted first words of members, in synfirst */
};

/* Discards: story (whole document) or sentence. */
struct discard { uint8_t story; struct src src; uint32_t text; };

/* Coder settings. The engine holds the defaults (a TABARI .options file
 * can change them); each worker starts with a copy, and
 * dyad_worker_option() changes one worker's copy (validation suites
 * switch options between records). Fields are added as the coder
 * implements the settings; an option the coder does not implement is
 * reported as unsupported, never silently accepted. */
struct coder_opts {
	bool time_shift;        /* apply <TIME> date shifts of the verbs file */
	bool require_dyad;      /* an event needs both source and target */
	bool dedup_document;    /* the same event once per document */
};

/* A file the engine was built from, to tell when a cache is stale. */
struct srcfile { uint32_t path; int64_t size, mtime_ns; };

struct dyad_engine {
	struct coder_opts opts;
	VEC(struct srcfile) sources;
	struct vocab vocab;
	dyad_buf strs;
	struct trie actors, agents, verbs, discards;
	VEC(struct actor) actor;
	VEC(struct actor_code) acode;
	VEC(struct agent) agent;
	VEC(struct verb_block) block;
	VEC(struct verb_form) vform;
	VEC(struct pattern) pat;
	VEC(struct pel) pel;
	VEC(struct synset) syn;
	VEC(uint32_t) synword;
	VEC(struct discard) disc;
	struct cameo_table cameo;
	VEC(uint32_t) files;         /* string pool: dictionary file names */
	dyad_dict_stats stats;
	/* pattern index (engine_index): (block, first word) -> patterns */
	uint8_t *patword;            /* by word id: used in a pattern/synset */
	uint64_t *pkey; uint32_t *pstart, *pcount; uint32_t pcap;
	VEC(uint32_t) plist;
	VEC(uint32_t) synfirst;
	uint64_t *pre6; uint32_t pre6cap;   /* 6-byte prefixes of stems */
	/* function words used by the coder, interned at load */
	uint32_t w[64];
};

/* Indices into engine->w. */
enum {
	W_THE, W_A, W_AN, W_OF, W_AND, W_OR, W_BUT, W_TO, W_BY, W_WITH, W_NOT,
	W_NT, W_NEVER, W_NO, W_WAS, W_WERE, W_IS, W_ARE, W_BE, W_BEEN, W_BEING,
	W_HE, W_SHE, W_HIS, W_HER, W_HIM, W_THEY, W_IT, W_ITS, W_POSS, W_COMMA,
	W_SEMI, W_LPAR, W_RPAR, W_QUOTE, W_DID, W_DOES, W_DO, W_HAS, W_HAVE,
	W_HAD, W_WILL, W_WOULD, W_THAT, W_WHICH, W_WHO, W_ALSO, W_COLON,
	W_COUNTRY, W_NATION, W_ORGANIZATION, W_ORGANISATION, W_MINISTRY,
	W_GOVERNMENT, W_FAILED, W_REFUSED, W_DENIED, W_WHILE, W_AFTER,
	W_NEITHER, W_NOR, W_DASH, W__COUNT
};

static inline const char *estr(const struct dyad_engine *e, uint32_t off)
{
	return e->strs.p + off;
}
/* Add a NUL-terminated string to the pool; returns its offset
 * (0 is the empty string). UINT32_MAX on OOM. */
uint32_t estr_add(struct dyad_engine *e, const char *s, size_t n);

/* Readers (dict_petr.c). Each parses one file into e and reports
 * skipped lines through report(); returns 0, or DYAD_EDICT/DYAD_EIO with
 * err filled when the file cannot be used at all. */
typedef void (*dict_report_fn)(void *ctx, const char *file, long line,
			       const char *fmt, ...);
struct dict_ctx {
	struct dyad_engine *e;
	const char *path;       /* for messages */
	uint16_t file;          /* index into e->files */
	void (*on_problem)(void *ctx, const dyad_dict_problem *p);
	void *pctx;
	size_t problems;
};
void dict_problem(struct dict_ctx *c, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int dict_read_verbs(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_actors(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_agents(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_discards(struct dict_ctx *c, const char *buf, size_t n);
/* TABARI formats (dict_tabari.c): .verbs (with <SYNSETS>, <TIME>,
 * <NOUN>/<ADJECTIVE> sections), .actors, .agents and .options. */
int dict_read_tabari_verbs(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_tabari_actors(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_tabari_agents(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_tabari_options(struct dict_ctx *c, const char *buf, size_t n);

/* Apply one TABARI option line ("SET: TIME SHIFT = FALSE", "COMPLEX: ...")
 * to o (dict_tabari.c). Returns 0, or DYAD_EUSAGE with err filled when
 * the line is malformed or the setting is not implemented. */
int coder_option(struct coder_opts *o, const char *line, size_t n, dyad_error *err);

/* Parse a dictionary date YYMMDD or YYYYMMDD into YYYYMMDD (0 bad). */
int dict_date(const char *s, size_t n);

/* Compiled cache (cache.c): the engine's arrays written verbatim with the
 * list of source files (path, size, mtime). cache_read returns NULL when
 * the file is missing, corrupt, from another build, or stale. */
int cache_write(const struct dyad_engine *e, const char *path, dyad_error *err);
struct dyad_engine *cache_read(const char *path);
/* Record a source file of e (absolute path, size, mtime). */
int engine_add_source(struct dyad_engine *e, const char *path);

/* Build the pattern index once every file is loaded (index.c). */
int engine_index(struct dyad_engine *e);
/* Patterns of block b whose first word is id: *n of them at the returned
 * pointer into e->plist (NULL, 0 if none). */
const uint32_t *pindex_get(const struct dyad_engine *e, uint32_t b, uint32_t id,
			   uint32_t *n);
/* Whether a member of synset s starts with word id. */
bool synset_starts(const struct dyad_engine *e, uint32_t s, uint32_t id);
/* Word ids a token key can match in patterns: itself, its singular, and
 * stems of 6+ bytes ("COOPERAT" for "COOPERATION"). Returns the count
 * (at most max). */
int pattern_cands(const struct dyad_engine *e, const char *key, size_t n,
		  uint32_t id, uint32_t *out, int max);

/* Actor code valid on date (YYYYMMDD, 0 = unknown: the default code).
 * Returns a string-pool offset, 0 when no code applies. */
uint32_t actor_code_on(const struct dyad_engine *e, const struct actor *a,
		       int date);

#endif
