/*
 * place.h - the gazetteer index and place resolution (place.c).
 *
 * The index is built once when the engine opens (place_index_build) from
 * libgeonames' cities, the ISO 3166-1 country names of Debian's iso-codes
 * and dyad's data/dyad.places.tsv, and is read-only afterwards (shared by
 * all workers). Names are keyed by their token keys (text_key, upper case,
 * marks stripped) joined by single spaces, exactly as the tokenizer keys a
 * sentence, so a lookup at token i needs no new string work beyond joining
 * the keys of tokens i, i+1, ...
 *
 * Resolution (place_scan + place_pick): candidate phrases are found only
 * after locative prepositions ("in", "at", "near", "outside" ...) and, for
 * venues, after "at"/"during"; a dateline ("KYIV, Feb 15 (Reuters) -") is
 * read from the document's first sentence. Among the places sharing a name
 * the event's actor countries decide, then dyad's own entries, then
 * population.
 */
#ifndef DYAD_PLACE_H
#define DYAD_PLACE_H

#include "internal.h"

enum { PT_CITY = 1, PT_REGION, PT_COUNTRY, PT_VENUE };

struct place {
	uint32_t name, admin1;   /* offsets into the index pool (0: "") */
	double lat, lon;         /* NAN: unknown */
	uint32_t pop;
	char cc[3], c3[4];       /* ISO 3166-1 alpha-2 and alpha-3 ("" unknown) */
	uint8_t type;            /* PT_* */
	uint8_t own;             /* from dyad.places.tsv or iso-codes: wins over
				  * a libgeonames city of the same name */
	uint32_t at;             /* PT_VENUE: index of the place it stands for */
	uint32_t country;        /* index of its country + 1 (0: unknown) */
};

struct place_key {
	uint32_t key, keylen;    /* pool offset of the joined token keys */
	uint32_t first, n;       /* places in index->ord[first, first + n);
				  * n 0: a prefix of longer names only */
	uint8_t words;           /* number of tokens */
};

struct place_index {
	struct place *p; uint32_t np;
	char *pool; size_t pool_len;
	struct place_key *keys; uint32_t nkeys;
	uint32_t *ord; uint32_t nord;   /* place ids grouped by key */
	uint32_t *slots; uint32_t nslots;   /* open addressing: key index + 1 */
	uint8_t maxwords;
	double build_seconds;
};

struct place_index_options {
	const char *tsv;         /* dyad.places.tsv; NULL or missing: none */
	const char *iso3166;     /* iso_3166-1.json; NULL: the Debian path */
	bool no_geonames;        /* tests: leave libgeonames' cities out */
};

/* Build the index. A missing TSV or iso-codes file is not an error (those
 * places are just absent); a malformed TSV line is (DYAD_EDICT, with file
 * and line). Returns 0 or DYAD_E* with *err filled. */
int place_index_build(struct place_index *x, const struct place_index_options *o,
		      dyad_error *err);
void place_index_release(struct place_index *x);

/* The compiled index: save x (built with options o) to path, atomically;
 * load it back when it was written by this program from the same
 * sources (else DYAD_ECACHE, x empty). */
int place_index_save(const struct place_index *x, const struct place_index_options *o,
		     const char *path);
int place_index_load(struct place_index *x, const struct place_index_options *o,
		     const char *path);

/* The key joined from words (upper-case keys separated by one space), or
 * NULL. A key with n == 0 is only the beginning of longer names ("NEW"
 * of "NEW YORK"). */
const struct place_key *place_find(const struct place_index *x, const char *key,
				   size_t n);

/* A place phrase found in a sentence: its key and byte span. */
struct place_cand {
	const struct place_key *k;
	uint32_t start, end;
	uint8_t venue;           /* found as a venue ("at the UN General Assembly") */
};

/* Candidate place phrases of one sentence's tokens (at most max; returns
 * the count). */
struct token;
int place_scan(const struct place_index *x, const struct token *tok, int ntok,
	       struct place_cand *out, int max);
/* A place named right after byte offset 'after' (the end of a verb):
 * "shelled Kharkiv", "visited the Gaza Strip". */
bool place_object(const struct place_index *x, const struct token *tok, int ntok,
		  size_t after, struct place_cand *out);
/* The dateline place of a document's first sentence ("KYIV, Feb 15
 * (Reuters) -", "NEW YORK (AP) -"): true with *out filled. */
bool place_dateline(const struct place_index *x, const struct token *tok, int ntok,
		    struct place_cand *out);

/* The place of key k for an event whose actors have country codes
 * c3[0..nc) (3-letter CAMEO codes): an actor's country first, then dyad's
 * own entries, then the most populous. A venue is replaced by its city. */
const struct place *place_pick(const struct place_index *x, const struct place_key *k,
			       const char (*c3)[4], int nc);

/* Fill loc from p (from: DYAD_FROM_*, span of the phrase). */
void place_fill(const struct place_index *x, const struct place *p, int from,
		uint32_t start, uint32_t end, dyad_location *loc);

#endif
