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
enum {
	PELF_CONSEC = 1,     /* must follow the previous element directly; on the
			      * first element after the verb (TABARI "*_X"): must
			      * start right after the verb */
	/* TABARI words (dict_tabari.c; see "TABARI words" below) */
	PELF_EXACT = 2,      /* "WORD_": v is WORD's plain id; the token is WORD or
			      * WORD plus a regular ending (tabari_exact()) */
	PELF_STEM = 4,       /* "WORD": v is the stem id of "WORD*"; the token
			      * starts with WORD (its stem_ids() contain v) */
	PELF_NOEND = 8,      /* with PELF_EXACT, "WORD=": no regular endings */
	PELF_VERBNEXT = 16,  /* last element before the verb ("X_*"): the verb
			      * follows it directly */
};
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
 * terminated by a 0. In a TABARI member, a word written after a blank
 * (not '_') has SYNW_GAP set: other words may precede it in the text. */
#define SYNW_GAP (1u << 31)
struct synset {
	uint32_t name; uint32_t first, len;
	uint32_t ffirst, nfirst;   /* sorted first words of members, in synfirst */
};

/* PETRARCH-2 verb transformations ("~ a (a b ATTACK) SAY = a b 015", the
 * end of CAMEO.2.0.txt): an event (ls lt LOWER) reported by upper verb
 * UPPER with source a becomes (rs rt code). Variables: 'a' the upper
 * source, 'b' another actor, '_' no actor of its own, '.' anything. The
 * verbs are matched by their codes, resolved when the file is read: a
 * root code ("190") stands for its whole root ("19"). lower "" is Q: any
 * code; code "" is Q: the lower event's code. */
struct xform {
	char upper[6], lower[6], code[6];
	char ls, lt, rs, rt;
	struct src src;
};

/* Discards: story (whole document) or sentence. */
struct discard { uint8_t story; struct src src; uint32_t text; };

/* Coder settings. The engine holds the defaults (a TABARI .options file
 * can change them); each worker starts with a copy, and
 * dyad_worker_option() changes one worker's copy (validation suites
 * switch options between records). Fields are added as the coder
 * implements the settings; an option the coder does not implement is
 * reported as unsupported, never silently accepted. */
enum { CODE_BY_CLAUSE, CODE_BY_SENTENCE, CODE_ALL };
enum { NONEVENTS_FALSE, NONEVENTS_TRUE, NONEVENTS_ONLY };
enum {   /* coder_opts.cplx.flags: COMPLEX: conditions without a number */
	CPLX_NOACTPRIOR = 1, CPLX_NOACTAFTER = 2, CPLX_NOVERB = 4,
	CPLX_NOSOURCE = 8, CPLX_NOTARGET = 16, CPLX_NOEVENT = 32,
};
struct coder_opts {
	bool time_shift;        /* apply <TIME> date shifts of the verbs file
				 * (SET: TIME SHIFT[ING] = TRUE|FALSE) */
	bool require_dyad;      /* an event needs both source and target; when
				 * false a missing side is coded "---"
				 * (PETRARCH's require_dyad) */
	int new_actor_length;   /* PETRARCH: make new actors of noun phrases
				 * up to this long; dyad: only 0 (off) */
	bool dedup_document;    /* the same event once per document */
	/* TABARI .options settings (manual ch. 8). coder_opts_init() sets
	 * TABARI's defaults (shown in brackets); coder_option() refuses, with
	 * "option not implemented", to move a setting the coder does not
	 * honour yet away from its default: the list of honoured settings is
	 * `honoured` at the top of dict_tabari.c. */
	uint8_t code_by;        /* SET: CODE BY CLAUSE | CODE BY SENTENCE | CODE ALL:
				 * keep the first event of each clause [CLAUSE],
				 * the first of the sentence, or every event */
	int min_words;          /* SET: MINIMUM WORDS = n: a sentence of fewer
				 * words (a comma counts) is not coded [8] */
	bool convert_agents;    /* SET: CONVERT AGENTS: an agent without an actor
				 * is coded as an actor with its agent code [FALSE] */
	bool fbis;              /* SET: FBIS: skip [bracketed] text and leading
				 * non-letters, "X, Y" actors are compounds [FALSE] */
	bool check_dominant;    /* SET: CHECK DOMINANT: honour dominant codes
				 * "[123!]" [TRUE] */
	bool code_nonrestrictive; /* SET: CODE NONRESTRICTIVE: code eliminated
				 * comma clauses when nothing else codes [FALSE] */
	bool forward;           /* FORWARD: fmt (without OFF): a pronoun that
				 * opens a sentence refers to the first actor of
				 * the previous record of the same story [FALSE] */
	char fwd_mask[32];      /* its format over the record id: N story
				 * number, S sentence number, other ignored */
	uint8_t nonevents;      /* NONEVENTS: FALSE|TRUE|ONLY: output sentences
				 * without events (code "***") [FALSE] */
	struct {                /* DEFAULT: SOURCE [c] PRIOR TARGET [c] AFTER | OFF */
		char source[16], target[16];   /* "" none [none] */
		bool source_prior;  /* the default source replaces a missing
				     * actor before the verb */
		bool target_after;  /* ... a missing actor after the verb */
	} dflt;
	struct {                /* COMMA: MIN= MAX= EMIN= EMAX= BMIN= BMAX= | OFF:
				 * comma-delimited clauses of MIN..MAX words are
				 * dropped before coding (EMIN/EMAX at the end of
				 * the sentence, BMIN/BMAX at its start)
				 * [2 10 2 10 128 0] */
		bool off;
		int min, max, emin, emax, bmin, bmax;
	} comma;
	struct {                /* COMPLEX: a sentence with n or more VERBS[n]
				 * ACTORS[n] PRONOUNS[n] CONJ[n] COMMA[n] (0:
				 * inactive), no verb within LATEVERB[n] words, or
				 * one of the CPLX_* conditions, is complex: not
				 * coded [all inactive]. EXPLAIN and NOSAVE only
				 * affect TABARI's output files. */
		int verbs, actors, pronouns, conj, comma, lateverb;
		uint8_t flags;
	} cplx;
};

/* TABARI's defaults for every field above (the first three: true). */
void coder_opts_init(struct coder_opts *o);

/* A file the engine was built from, to tell when a cache is stale. */
struct srcfile { uint32_t path; int64_t size, mtime_ns; };

/* TABARI codes. Per-pattern and per-block data, parallel to e->pat and
 * e->block (index >= n: all zero, e.g. PETRARCH entries). */
enum {
	TCF_TABARI = 1,   /* from a TABARI file: tlen orders its patterns */
	TCF_SUBORD = 2,   /* "[023?]": coded only when the sentence has no
			   * other event */
	TCF_DOMINANT = 4, /* "[031!]": when one is found, only dominant events
			   * of the sentence are kept (SET: CHECK DOMINANT) */
	TCF_TIME = 8,     /* a <TIME> entry: tkind, days */
};
enum { TIME_SHIFT = 1, TIME_NULL, TIME_DISCARD, TIME_COMPLEX };
struct tcode {
	int32_t days;     /* TIME_SHIFT: days to add to the sentence date */
	uint16_t tlen;    /* TABARI length of a pattern: its characters other
			   * than blanks and the markers * $ + % ^ @; TABARI
			   * tries longer patterns first */
	uint8_t flags;    /* TCF_* */
	uint8_t tkind;    /* TCF_TIME: TIME_* ([---] null: the phrase does
			   * nothing, [###] discard, [+++] complex) */
};
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
	VEC(struct xform) xform;     /* PETRARCH-2 transformations, file order */
	struct cameo_table cameo;
	VEC(uint32_t) files;         /* string pool: dictionary file names */
	dyad_dict_stats stats;
	/* pattern index (engine_index): (block, first word) -> patterns */
	uint8_t *patword;            /* by word id: used in a pattern/synset */
	uint64_t *pkey; uint32_t *pstart, *pcount; uint32_t pcap;
	VEC(uint32_t) plist;
	VEC(uint32_t) synfirst;
	uint64_t *pre6; uint32_t pre6cap;   /* 6-byte prefixes of stems */
	/* word classes of function words (engine_classes): by word id */
	uint8_t *wclass;             /* WC_* bits */
	uint8_t *wroot;              /* ROOT_* bits: the word starts a trie entry */
	/* function words used by the coder, interned at load */
	uint32_t w[64];
	/* TABARI dictionaries (dict_tabari.c; freed by dict_tabari_release;
	 * the cache must store them too) */
	VEC(uint8_t) wflag;          /* by word id (ids >= n: 0): WF_* */
	uint64_t stemlens;           /* bit L: a stem of L bytes exists (L < 64) */
	uint32_t stem_maxlen;        /* longest stem, bytes */
	struct trie nouns;           /* <NOUN>/<ADJECTIVE> phrases: NOUNF_* */
	struct trie times;           /* <TIME> phrases: verb_form index + 1 */
	VEC(struct tcode) pat_tc, block_tc;  /* parallel to pat / block */
	VEC(uint8_t) actor_gap, verb_gap;   /* by actors / verbs trie node
				      * (>= n: 0): 1 when a TABARI phrase reaches
				      * the node through a blank-separated word:
				      * other words may stand before it in the
				      * text (manual 5.2: "ITHILEN TELEVISION"
				      * matches "Ithilen state-run television",
				      * "DEATH TOLL RISEN" "death toll has
				      * risen"); one declaration, one type */
	/* the gazetteer (place.h), built at every open (not cached); NULL
	 * with options.no_places */
	struct place_index *places;
};

/* ---- TABARI words (dict_tabari.c) -------------------------------------
 *
 * A word of a TABARI phrase (actor, agent, verb, noun, time phrase,
 * synset member or pattern) is one of
 *   WORD     a stem: matches every text word that starts with WORD;
 *   WORD_    exact: matches WORD itself and WORD with a regular ending;
 *   WORD=    exact, without regular endings.
 * ('_' also joins words that must be consecutive; "WORD~_NEXT" is a stem
 * followed directly by NEXT.) Exact words use WORD's plain vocab id, so
 * tokens match them as before. A stem uses the id of the vocab key
 * "WORD*", which no token can have, flagged WF_STEM in e->wflag; one
 * word can be a stem in one phrase and exact in another.
 *
 * Regular endings of exact words are expanded when the tries are built,
 * so they need nothing from the coder: the last word of an actor, agent
 * or noun phrase adds WORD+S; the verb word of a verb phrase adds S, ED,
 * ES, EN, ING (TABARI's endings) and the English spellings (-D and -ING
 * without the E, -IES/-IED, doubled final consonant).
 *
 * What the coder must do with stems:
 *  1. For each token, once: n = stem_ids(e, key, keylen, ids, max), the
 *     stem ids whose WORD is a prefix of the key (longest first);
 *     tok.stem can keep ids[0].
 *  2. Tries (actors, agents, verbs, nouns, times): at each token follow
 *     the edge of tok.id and of each of its stem ids (a small depth-first
 *     search); keep the longest match; on equal length prefer the path
 *     with more exact edges, then the longer stems (TABARI: "long phrases
 *     before shorter ones").
 *  3. Patterns and synsets: add the token's stem ids that have
 *     e->patword[id] set to its candidates (cands()), so pindex_get(),
 *     word_match() and syn_match() find PELF_STEM elements and stem
 *     members of synsets. A PELF_EXACT element matches only when
 *     tabari_exact() is true (not the plural / 6-byte stem tolerance of
 *     PETRARCH words); tabari_bases() gives the ids to look up in the
 *     pattern index for a token with a regular ending.
 *  4. Space-separated words of TABARI phrases are stored as consecutive
 *     (TABARI lets other words intervene: not represented).
 */
enum { WF_STEM = 1, WF_NOUN = 2, WF_ADJ = 4 };
static inline uint8_t word_flags(const struct dyad_engine *e, uint32_t id)
{
	return id < e->wflag.n ? e->wflag.v[id] : 0;
}
/* Stem ids ("WORD*") of the prefixes of key[0,n), longest first; returns
 * the count (at most max). */
int stem_ids(const struct dyad_engine *e, const char *key, size_t n,
	     uint32_t *out, int max);
/* Whether token key[0,n) matches the exact TABARI word w[0,wn): equal, or
 * (endings) w plus S, ES, ED, EN or ING. */
bool tabari_exact(const char *key, size_t n, const char *w, size_t wn,
		  bool endings);
/* Plain ids of key[0,n) without one regular ending (S ES ED EN ING);
 * returns the count (at most max). */
int tabari_bases(const struct dyad_engine *e, const char *key, size_t n,
		 uint32_t *out, int max);

/* Nouns and adjectives (<NOUN> / <ADJECTIVE> sections of TABARI .verbs or
 * .actors files): words that are never verbs. e->nouns holds every
 * phrase (value NOUNF_* bits); a single-word entry also sets WF_NOUN or
 * WF_ADJ on its word id (and its +S form). The coder: a verb occurrence
 * whose words start a match in e->nouns (walked like the actors trie),
 * or whose head id / stem ids carry WF_NOUN or WF_ADJ, is not a verb
 * (TABARI: nouns take precedence over verbs). */
enum { NOUNF_NOUN = 1, NOUNF_ADJ = 2 };

/* TABARI codes of pattern i / block b (see struct tcode). */
static inline struct tcode pat_tcode(const struct dyad_engine *e, uint32_t i)
{
	struct tcode z = { 0, 0, 0, 0 };
	return i < e->pat_tc.n ? e->pat_tc.v[i] : z;
}
static inline struct tcode block_tcode(const struct dyad_engine *e, uint32_t b)
{
	struct tcode z = { 0, 0, 0, 0 };
	return b < e->block_tc.n ? e->block_tc.v[b] : z;
}
/* <TIME> phrases (TABARI .verbs, manual 10.5). e->times is a trie like
 * e->verbs: its value is a verb_form index + 1; these forms are not verbs
 * (they are not in e->verbs). Each time root has its own verb_block whose
 * block_tcode() gives the shift (its code string is the TABARI code:
 * "-7", "+1", "---", "###", "+++"), and whose patterns ("- * AND A WEEK
 * [+8]", the time phrase as '*') give theirs in pat_tcode(). The coder,
 * when opts.time_shift: the first time phrase of a sentence whose best
 * pattern (or root) is not TIME_NULL decides: TIME_SHIFT moves the
 * sentence's date by days, TIME_DISCARD discards the sentence,
 * TIME_COMPLEX makes it complex (not coded). */

/* Free the TABARI tables of e (idempotent). dyad_engine_free() must call
 * it. */
void dict_tabari_release(struct dyad_engine *e);

/* Word classes for the coder (engine.c word lists). */
enum {
	WC_DET = 1, WC_AUX = 2, WC_ADVERB = 4, WC_PREP = 8, WC_NEG = 16,
	WC_MODAL = 32, WC_REPORT = 64, WC_SUBORD = 128,
};
enum { ROOT_ACTOR = 1, ROOT_AGENT = 2, ROOT_VERB = 4, ROOT_NOUN = 8 };
/* Fill e->wclass and e->wroot (after loading text or cache). */
int engine_classes(struct dyad_engine *e);
/* Intern the class words (before loading, so that they have ids). */
int engine_class_words(struct dyad_engine *e);

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
	size_t max_entry;       /* longest line in bytes (max_entry_bytes) */
};
void dict_problem(struct dict_ctx *c, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Whether a line of n bytes (without its newline) exceeds c->max_entry;
 * if so it is reported as a problem of that line, to be skipped. */
bool dict_line_too_long(struct dict_ctx *c, long line, size_t n);
int dict_read_verbs(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_actors(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_agents(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_discards(struct dict_ctx *c, const char *buf, size_t n);
/* TABARI formats (dict_tabari.c): .verbs (with <SYNSETS>, <TIME>,
 * <NOUN>/<ADJECTIVE> sections), .actors, .agents and .options. How they
 * fill the tables above:
 *  - verbs: each entry "VERB [code]" is its own verb_block (name: its
 *    words, code: the entry's code, "---" stored as ""); its forms (the
 *    phrase, its regular endings, its "{ FORMS }") have has_code 0 and
 *    head 0. An entry repeating an earlier verb is linked through prev
 *    with its block code cleared: TABARI keeps the first code, the
 *    patterns of both are tried. Pattern codes are kept as written
 *    ("---" null, "###" discard, "+++" complex); '?' and '!' suffixes
 *    become TCF_SUBORD / TCF_DOMINANT. "{ A | B }" alternatives are
 *    separate patterns; '@' (attribution) is read as ^ (skip).
 *  - actors: one actor per group of phrases ("+SYNONYM" lines) with its
 *    codes in order; the null code "---" is stored as "" (offset 0) so
 *    actor_code_on() returns 0 for it; "###" and "+++" are kept; coded
 *    compounds stay "A/B/C" (the coder splits them at '/'). A phrase
 *    already defined is reported and skipped (TABARI keeps the first).
 *  - agents: as dict_read_agents(); "{PLURALS}" replace the +S ending. */
int dict_read_tabari_verbs(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_tabari_actors(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_tabari_agents(struct dict_ctx *c, const char *buf, size_t n);
int dict_read_tabari_options(struct dict_ctx *c, const char *buf, size_t n);

/* Helpers of dict_petr.c shared with dict_tabari.c. */
/* A new actor entry named name[0,n) (the first phrase); -1 on OOM. */
int32_t actor_new(struct dict_ctx *c, const char *name, size_t n, long line);
/* Append a code (string pool copy of code; "" is the null code, offset
 * 0) valid from..to (YYYYMMDD, 0 open) to actor ent. */
int actor_add_code(struct dict_ctx *c, int32_t ent, const char *code,
		   int from, int to);
/* Whether an agent phrase names one office holder (minister, ...). */
bool agent_is_person(const char *p, size_t n);

/* Apply one TABARI option line ("SET: TIME SHIFT = FALSE", "COMPLEX: ...")
 * to o (dict_tabari.c). Returns 0, or DYAD_EUSAGE with err filled when
 * the line is malformed or the setting is not implemented. */
int coder_option(struct coder_opts *o, const char *line, size_t n, dyad_error *err);
/* Like coder_option(), but also applies the settings the coder does not
 * honour yet (for tests, and tools that only read options). */
int coder_option_parse(struct coder_opts *o, const char *line, size_t n,
		       dyad_error *err);

/* Parse a dictionary date YYMMDD or YYYYMMDD into YYYYMMDD (0 bad). */
int dict_date(const char *s, size_t n);

/* Compiled cache (cache.c): the engine's arrays written verbatim with the
 * list of source files (path, size, mtime). cache_read returns NULL when
 * the file is missing, corrupt, from another build, or stale; the engine
 * it returns is complete (word classes included) and read-only. */
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
