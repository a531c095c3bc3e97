/*
 * dyad.h - the one public header of libdyad, a political event coder.
 *
 * Three lifetimes (see docs/DESIGN.md):
 *   dyad_engine  compiled dictionaries, read-only after dyad_engine_open(),
 *                shared by any number of threads;
 *   dyad_worker  per-thread scratch; code one document at a time;
 *   dyad_result  owned by the worker, valid until the next dyad_code() or
 *                dyad_worker_free() on that worker.
 *
 * The library never prints and never exits: every failure returns an error
 * code and, where a dyad_error is passed, a message with file, line and byte
 * position.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* Error codes: actions return 0 or one of these (negative). */
enum {
	DYAD_OK = 0,
	DYAD_ENOMEM = -1,   /* out of memory */
	DYAD_EIO = -2,      /* read or write failed */
	DYAD_EDICT = -3,    /* malformed dictionary */
	DYAD_EINPUT = -4,   /* malformed input document */
	DYAD_ETOOBIG = -5,  /* a cap on untrusted input was hit */
	DYAD_EUTF8 = -6,    /* invalid UTF-8 */
	DYAD_EUSAGE = -7,   /* bad argument */
	DYAD_ECACHE = -8,   /* compiled cache stale or corrupt */
};

typedef struct dyad_error {
	int code;          /* DYAD_E* */
	char msg[256];     /* lowercase, no full stop */
	char file[256];    /* file the error is in, "" if none */
	long line;         /* 1-based line, 0 if none */
	long pos;          /* byte position (in file or document), -1 if none */
} dyad_error;

/* Human-readable name of an error code. */
const char *dyad_strerror(int code);

/* ---- engine ---------------------------------------------------------- */

typedef struct dyad_engine dyad_engine;

typedef struct dyad_dict_problem {
	char file[256];
	long line;
	char msg[256];
} dyad_dict_problem;

/* One dictionary file and its kind: "verbs", "actors", "agents",
 * "discards", "cameo" (the PETRARCH-2 formats and dyad's CAMEO table) or
 * "tabari-verbs", "tabari-actors", "tabari-agents", "tabari-options". */
typedef struct dyad_dict_file {
	const char *kind;
	const char *path;
} dyad_dict_file;

typedef struct dyad_engine_options {
	const char *dict_dir;  /* NULL: the bundled data directory */
	/* When files is not NULL, these files are loaded in order instead of
	 * dict_dir (plus dict_dir's cameo.tsv when no "cameo" file is given). */
	const dyad_dict_file *files;
	size_t nfiles;
	/* Compiled cache: by default $XDG_CACHE_HOME/dyad/ (or ~/.cache/dyad/)
	 * holds one file per dictionary set, rebuilt whenever a source file
	 * changes (size or modification time). */
	const char *cache;     /* cache path; NULL: the default location */
	bool no_cache;         /* never read or write a cache */
	bool rebuild_cache;    /* ignore an existing cache and write a new one */
	/* Called for every non-fatal dictionary problem (may be NULL). */
	void (*on_problem)(void *ctx, const dyad_dict_problem *p);
	void *ctx;
} dyad_engine_options;

/* Load the dictionaries of opt->dict_dir (see docs/dictionaries.md).
 * Returns NULL on failure and fills *err. Non-fatal problems (a malformed
 * entry that is skipped) go to opt->on_problem with file and line. */
dyad_engine *dyad_engine_open(const dyad_engine_options *opt, dyad_error *err);
void dyad_engine_free(dyad_engine *e);

typedef struct dyad_dict_stats {
	size_t actors, actor_phrases, agents, verbs, verb_forms, patterns,
	       synsets, discards, words, bytes;
	bool from_cache;
	double load_seconds;
} dyad_dict_stats;
void dyad_engine_stats(const dyad_engine *e, dyad_dict_stats *st);

/* Write the compiled form of e to path (atomically); dyad_engine_open()
 * with options.cache = path then loads it instead of the text files. */
int dyad_engine_compile(const dyad_engine *e, const char *path, dyad_error *err);

/* ---- documents and events ------------------------------------------- */

typedef struct dyad_doc {
	const char *id;      size_t id_len;
	const char *text;    size_t text_len;   /* UTF-8 */
	int date;            /* YYYYMMDD, 0 if unknown */
	const char *source;  /* publisher, may be NULL */
	const char *url;     /* may be NULL */
} dyad_doc;

typedef struct dyad_event {
	int sentence;               /* 0-based sentence index in the document */
	int date;                   /* YYYYMMDD */
	char source[32], target[32];
	char code[8], root[4];      /* CAMEO, strings: "040", "04" */
	int quad_class;             /* 1..4 (verbal/material coop/conflict) */
	double goldstein;
	char plover[16];            /* "" when CAMEO has no PLOVER category */
	size_t source_start, source_end;   /* byte offsets in normalized text */
	size_t target_start, target_end;
	size_t ev_start, ev_end;            /* evidence span (sentence) */
	size_t verb_start, verb_end;        /* the verb phrase */
	char rule[96];              /* dictionary rule: file:line */
	char pattern[160];          /* matched pattern text (--explain) */
	char note[96];              /* resolution notes (--explain) */
} dyad_event;

typedef struct dyad_result {
	const char *text;  size_t text_len;  /* normalized text */
	const dyad_event *events; size_t n_events;
	int n_sentences;
	bool discarded;    /* whole story matched a discard entry */
} dyad_result;

typedef struct dyad_worker dyad_worker;

dyad_worker *dyad_worker_new(const dyad_engine *e);
void dyad_worker_free(dyad_worker *w);

/* Change one coder setting of this worker, written as a TABARI option
 * line ("SET: TIME SHIFT = FALSE"). Returns 0, or DYAD_EUSAGE with *err
 * filled when the option is malformed or not implemented. */
int dyad_worker_option(dyad_worker *w, const char *line, dyad_error *err);

/* Code one document. On success *out points to worker-owned memory valid
 * until the next call. Returns 0 or DYAD_E* with *err filled (the document
 * is then to be reported and skipped). */
int dyad_code(dyad_worker *w, const dyad_doc *doc, const dyad_result **out,
	      dyad_error *err);

/* ---- output ---------------------------------------------------------- */

enum dyad_format { DYAD_FMT_JSONL, DYAD_FMT_TSV, DYAD_FMT_CSV };

/* A growable byte buffer the caller owns (dyad_buf_release frees). */
typedef struct dyad_buf { char *p; size_t len, cap; } dyad_buf;
void dyad_buf_release(dyad_buf *b);

/* Append the header row for fmt (nothing for JSONL). */
int dyad_format_header(enum dyad_format fmt, bool explain, dyad_buf *b);
/* Append one line per event of r, document doc. */
int dyad_format_events(enum dyad_format fmt, bool explain, const dyad_doc *doc,
		       const dyad_result *r, dyad_buf *b);

/* ---- input ----------------------------------------------------------- */

typedef struct dyad_reader dyad_reader;

enum dyad_input { DYAD_IN_AUTO, DYAD_IN_JSONL, DYAD_IN_TEXT };

typedef struct dyad_reader_options {
	enum dyad_input kind;
	int default_date;        /* YYYYMMDD for plain text (--date), 0 if none */
	size_t max_doc_bytes;    /* cap on one document/line; 0: default 64 MiB */
} dyad_reader_options;

/* Open path ("-" or NULL for stdin). gzip and zstd are detected by magic
 * bytes and decompressed transparently. */
dyad_reader *dyad_reader_open(const char *path, const dyad_reader_options *opt,
			      dyad_error *err);
void dyad_reader_free(dyad_reader *r);

/* Next document. Returns 1 with *doc filled (reader-owned until the next
 * call), 0 at end of input, or DYAD_E* for a bad document: err->line holds
 * its line number, err->msg the reason and, when known, doc->id its id;
 * the caller reports it and calls again to continue with the next one.
 * DYAD_EIO means the stream itself failed and reading cannot go on. */
int dyad_reader_next(dyad_reader *r, dyad_doc *doc, dyad_error *err);

/* ---- dates ----------------------------------------------------------- */

/* Parse "YYYY-MM-DD" (also YYYYMMDD); returns YYYYMMDD or 0. */
int dyad_parse_date(const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
