/*
 * internal.h - declarations shared by the modules of libdyad. Included
 * first by every file of src/. Nothing here is public API.
 *
 * Conventions (see docs/STYLE.md): strings travel as pointer + length;
 * actions return 0 or a negative DYAD_E*; questions return bool;
 * s_init / s_release / s_free lifecycles; every buffer that grows with
 * untrusted input has a cap and fails with DYAD_ETOOBIG.
 */
#ifndef DYAD_INTERNAL_H
#define DYAD_INTERNAL_H

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1

#include "../include/dyad.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* Fill *err (if not NULL); returns code. printf-style message. */
int dyad_seterr(dyad_error *err, int code, const char *file, long line,
		long pos, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* ---- arena: per-document bump allocator (arena.c) -------------------
 * Memory is released all at once by arena_reset() (keeps the first block
 * for reuse) or arena_release(). Allocations are 8-byte aligned. Returns
 * NULL when out of memory or when the arena would exceed its cap. */
struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used_total, cap;   /* cap 0: unlimited */
};
void arena_init(struct arena *a, size_t cap);
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_reset(struct arena *a);
void arena_release(struct arena *a);

/* ---- buf: growable byte buffer with a cap (buf.c) ------------------- */
/* dyad_buf from dyad.h; cap is checked by buf_grow callers via bufx. */
int buf_reserve(dyad_buf *b, size_t extra);
int buf_add(dyad_buf *b, const char *s, size_t n);
int buf_adds(dyad_buf *b, const char *s);
int buf_addc(dyad_buf *b, char c);
int buf_addf(dyad_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- span ------------------------------------------------------------ */
struct span { uint32_t start, end; };   /* byte offsets, end exclusive */

/* ---- text: normalization of untrusted text (text.c) ------------------
 * Validates UTF-8 and rejects NUL bytes (DYAD_EUTF8 / DYAD_EINPUT with
 * err->pos = byte offset in the input), applies Unicode NFC, and maps
 * typographic variants to ASCII so that dictionary keys match: curly
 * quotes to ' and ", dashes and minus signs to -, every Unicode space
 * (NBSP, thin space, ...) to ' ', CR LF and CR to '\n', other control
 * characters except '\n' and '\t' to ' '. The result is NUL-terminated
 * and allocated in a. All later byte offsets refer to this text. */
int text_normalize(const char *in, size_t n, struct arena *a, char **out,
		   size_t *outn, dyad_error *err);

/* Upper-case key of a word for dictionary lookup: Unicode upper case,
 * combining marks stripped (so "Türkiye" -> "TURKIYE"), written to out
 * (at most cap bytes, NUL-terminated). Returns the key length or -1 when
 * it does not fit. */
int text_key(const char *s, size_t n, char *out, size_t cap);

/* ---- sentence splitter (sentence.c) ----------------------------------
 * Splits normalized text into sentences: ends at . ! ? (and closing
 * quotes/brackets after them) followed by space and an upper-case letter,
 * digit or quote, or at a blank line (paragraph break). Does not split
 * after abbreviations (Mr. Dr. Gen. U.S. Jan. No. St. ...), initials
 * ("Asad M. Khan") or inside numbers ("3.5"). Spans exclude surrounding
 * whitespace. Returns 0 or DYAD_ENOMEM / DYAD_ETOOBIG (more than
 * max_sentences). */
int sentence_split(const char *text, size_t n, struct arena *a,
		   struct span **out, size_t *count, size_t max_sentences);

/* ---- tokenizer (token.c) --------------------------------------------- */
enum tok_kind { TOK_WORD = 1, TOK_NUM, TOK_PUNCT };
enum {
	TOKF_CAP = 1,      /* first letter upper case in the text */
	TOKF_ALLCAP = 2,   /* every letter upper case (ECO, MFA) */
	TOKF_POSS = 4,     /* the possessive token "'s" / "'" */
	TOKF_SPACE_BEFORE = 8, /* whitespace precedes the token */
};
struct token {
	uint32_t start, end;   /* byte offsets in the normalized text */
	const char *key;       /* upper-case key (text_key), NUL-terminated */
	uint16_t keylen;
	uint8_t kind, flags;
	uint32_t id;           /* dictionary word id (0: unknown), set by the coder */
	uint32_t stem;         /* word id of the longest stem entry, set by the coder */
};
/* Tokenize the sentence text[s.start, s.end). Words are runs of letters
 * and digits with internal hyphens, apostrophes and periods kept when
 * between letters ("high-level", "O'Brien", "U.S.", "U.N."); a trailing
 * "'s" or "'" after a word is its own TOKF_POSS token with key "'S";
 * every other punctuation character is a TOK_PUNCT token whose key is the
 * character. Returns 0, DYAD_ENOMEM, or DYAD_ETOOBIG past max_tokens. */
int tokenize(const char *text, struct span s, struct arena *a,
	     struct token **out, size_t *count, size_t max_tokens);

/* ---- dates (date.c) --------------------------------------------------
 * Dates are int YYYYMMDD. */
bool date_valid(int ymd);
int date_add_days(int ymd, int days);      /* 0 if ymd invalid */
int date_weekday(int ymd);                 /* 0 = Monday .. 6 = Sunday */
int date_days_between(int a, int b);       /* b - a in days */
/* Find the first date expression in text[0,n) (one sentence) and resolve
 * it against doc_date: "On September 25" (the latest such day on or
 * before doc_date, i.e. in doc_date's year unless that is after it),
 * "Sept. 25, 2024", "25 September 2024", "2024-09-25", "9/25/2024",
 * weekdays ("on Tuesday": latest such day on or before doc_date; "last
 * Tuesday" the same but strictly before), "today", "yesterday", "last
 * week" (-7 days), "last month", "N days ago". Returns YYYYMMDD, or 0
 * when the sentence has no date expression or doc_date is needed and 0.
 * If span is not NULL it receives the expression's byte range. */
int date_resolve(const char *text, size_t n, int doc_date, struct span *span);

/* ---- vocab: interned dictionary words (vocab.c) ----------------------
 * Keys are upper-case byte strings; ids start at 1 (0 = none). Flat
 * arrays so that the compiled cache can store them verbatim. */
struct vocab {
	char *pool; size_t pool_len, pool_cap;
	uint32_t *off;  uint32_t *len; uint32_t n, cap;  /* index 0 unused */
	uint32_t *slots; uint32_t nslots;                /* open addressing */
};
int vocab_init(struct vocab *v);
void vocab_release(struct vocab *v);
uint32_t vocab_intern(struct vocab *v, const char *s, size_t n); /* 0 on OOM */
uint32_t vocab_find(const struct vocab *v, const char *s, size_t n);
static inline const char *vocab_str(const struct vocab *v, uint32_t id)
{
	return v->pool + v->off[id];
}
uint64_t hash_bytes(const void *p, size_t n);

/* ---- CAMEO table (cameo.c) -------------------------------------------
 * Loaded from data/cameo.tsv: code, root, quad_class, goldstein, plover,
 * name. Codes are strings ("040"). */
struct cameo_info {
	char code[6];
	char plover[14];
	int8_t quad;           /* 1..4, GDELT convention */
	float goldstein;
	char name[96];
};
struct cameo_table { struct cameo_info *v; size_t n; };
int cameo_load(struct cameo_table *t, const char *path, dyad_error *err);
/* Look code up; falls back to its parent code (0311 -> 031 -> 03). */
const struct cameo_info *cameo_find(const struct cameo_table *t,
				    const char *code);
void cameo_release(struct cameo_table *t);

#endif
