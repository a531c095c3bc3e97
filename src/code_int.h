/*
 * code_int.h - the coder's per-worker state, shared by code.c (the clause
 * grammar used with PETRARCH and dyad dictionaries) and code_tabari.c
 * (TABARI's sentence algorithm, used when a TABARI .verbs file is loaded).
 * Internal to the library.
 */
#ifndef DYAD_CODE_INT_H
#define DYAD_CODE_INT_H

#include "dict.h"
#include "place.h"

#define MAX_SENTENCES 100000
#define MAX_HISTORY 256

enum mkind { MK_COUNTRY = 1, MK_ORG, MK_PERSON, MK_GROUP };

struct mention {
	int start, end;          /* token range [start, end) */
	int head_start, head_end;/* token range of the part that named it */
	char code[32];
	uint8_t kind;
	bool poss;               /* followed by 's */
	bool in_paren;
	bool resolved;           /* came from a pronoun/role noun */
	int32_t role;            /* agent index of its role, -1 none */
	uint32_t role_word;      /* last word of its role ("CHANCELLOR") */
	int group;               /* compound group id ("X and Y") */
	bool lead;               /* the first person named in its sentence */
	bool agent_front;        /* "lawmakers in X", "MSF X": agent before actor */
	bool bare;               /* an agent of no actor, "---GOV" (PETRARCH-2,
				  * require_dyad): a source, never a target */
};

struct hist {
	char code[32];
	uint8_t kind;
	int32_t role;
	uint32_t role_word;      /* last word of the role phrase */
	uint32_t surname;        /* last word of a person's name */
	bool lead;               /* first person of its sentence (a subject) */
};

struct vocc {                /* a verb occurrence */
	int start, end, head;    /* tokens */
	const struct verb_form *f;
	bool skip;               /* negated, complement or noun use */
	const char *why;
};

struct dyad_worker {
	const struct dyad_engine *e;
	struct coder_opts opts;
	struct arena arena;
	const char *text;        /* the document's normalized text */
	bool all_caps;           /* the sentence is written in capitals */
	VEC(dyad_event) ev;
	/* open addressing over ev for the duplicate check of add_event():
	 * slot = event index + 1, 0 empty; per document, in the arena. A
	 * slot may name an index past ev.n (a dropped sentence's event) or
	 * a later event that reused it: every hit is compared in full */
	uint32_t *evslot;
	uint32_t nevslot, evused;
	size_t max_tok, max_events;  /* dyad_worker_options */
	int mcap;                /* size of m[] and v[] */
	dyad_result res;
	struct hist hist[MAX_HISTORY];
	int nhist;
	/* per sentence */
	struct token *tok;
	int ntok;
	struct mention *m;
	int nm, ngroup;
	struct vocc *v;
	int nv;
	uint32_t *stems;         /* per token: MAX_STEMS TABARI stem ids */
	uint8_t *nstems;         /* per token: their count */
	uint32_t *cand;          /* per token: MAX_CANDS pattern word ids */
	uint8_t *ncand;          /* per token: count, 0xff not yet computed */
	uint32_t *pstamp;        /* per pattern: last stamp it was tried */
	uint32_t stamp;
	bool need_pre;           /* try only patterns with words before the verb */
	int post_lo, post_hi;    /* post_hi > 0: match the words after '*' in
				  * [post_lo, post_hi), a passive's subject */
	int by_lo, by_hi;        /* by_hi > 0: a passive's "by" phrase, where the
				  * words before '*' may match too */
	int *tmention;           /* per token: mention covering it, -1 none */
	int *tverb;              /* per token: verb occurrence starting there, -1 */
	int *cend;               /* per verb: clause_end() memo, -1 unknown */
	bool sent_drop;          /* the sentence is complex or discarded */
	/* TABARI FORWARD: across documents of one story */
	char fwd_key[32];        /* story key of the previous document */
	char fwd_prev[32];       /* first actor named in its last sentence */
	char fwd[32];            /* this document's forwarded actor, "" none */
	struct place_cand dateline;   /* the document's dateline place */
	bool has_dateline;
	struct place_cand pc[33];     /* the sentence's place phrases */
	int npc;
};

#define MAX_STEMS 3     /* TABARI stem ids kept per token */
#define TABARI_GAP 4    /* words that may intervene in a TABARI actor phrase */

static inline bool tok_is(const struct dyad_worker *w, int i, int wi)
{
	return i >= 0 && i < w->ntok && w->tok[i].id == w->e->w[wi];
}

/* code.c helpers used by code_tabari.c */
int mention_at(const struct dyad_worker *w, int tok);
uint32_t longest(const struct dyad_worker *w, const struct trie *t, int i, int *end);
bool word_match_el(struct dyad_worker *w, int t, uint32_t id, uint8_t flags);
int syn_match(struct dyad_worker *w, uint32_t s, int t);
const uint32_t *cands(struct dyad_worker *w, int t, int *n);
const char *verb_code(const struct dyad_engine *e, const struct verb_form *f,
		      const char **code2);
int add_event(struct dyad_worker *w, int sent, int date, const struct mention *s,
	      const struct mention *t, const char *code, const struct vocc *o,
	      const struct pattern *p, struct span sspan, const char *note);
int pseudo_mention(struct dyad_worker *w, int k, const struct vocc *o, const char *code);

/* TABARI's sentence coder (code_tabari.c): whether the engine codes by
 * it (a TABARI .verbs file was loaded), and the coder itself, called by
 * dyad_code() in place of the clause grammar. */
bool tabari_mode(const struct dyad_engine *e);
/* TABARI's text filter (manual 7.3): hyphens are blanks, so "state-run"
 * is two words and a lone '-' no token. Rewrites w->tok (arena). */
int tabari_tokens(struct dyad_worker *w);
/* Whether the conjunction at token t joins a compound actor, noun or
 * adjective phrase or lies inside a verb phrase (TABARI 7.5, 7.6): it
 * splits no clause. */
bool joins_compound(const struct dyad_worker *w, int t);
/* TABARI's noun rules (manual 7.4): marks the verb occurrences that are
 * nouns (skip), replacing code.c's readings. */
void tabari_nouns(struct dyad_worker *w);
int code_sentence_tabari(struct dyad_worker *w, int sent, int date, struct span sspan);

#endif
