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

/* Default caps on untrusted input (see docs/reliability.md). Each is a
 * field of an options struct below where 0 means this default. */
#define DYAD_DEFAULT_MAX_DOC_BYTES ((size_t)64 << 20)   /* reader: one document */
#define DYAD_DEFAULT_MAX_SENTENCE_TOKENS 4096            /* worker: one sentence */
#define DYAD_DEFAULT_MAX_EVENTS 100000                   /* worker: one document */
#define DYAD_DEFAULT_MAX_ENTRY_BYTES 4096                /* engine: one dictionary line */
#define DYAD_MAX_SENTENCE_TOKENS_LIMIT ((size_t)1 << 20) /* largest accepted */

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
	/* Places (docs/coder.md): the gazetteer is indexed when the engine
	 * opens, from libgeonames, iso-codes' ISO 3166-1 names and
	 * dict_dir/dyad.places.tsv (or data/ when dict_dir is NULL). */
	bool no_places;        /* no gazetteer: every event's location is empty */
	/* Called for every non-fatal dictionary problem (may be NULL). */
	void (*on_problem)(void *ctx, const dyad_dict_problem *p);
	void *ctx;
	/* Longest dictionary line in bytes (comments included, newline not):
	 * a longer line is skipped and reported to on_problem with its file
	 * and line. 0: DYAD_DEFAULT_MAX_ENTRY_BYTES. Any other value than
	 * the default bypasses the compiled cache (it was built with it). */
	size_t max_entry_bytes;
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

/* Where an event happened (docs/coder.md "Places"). type NONE: no
 * location (every other field empty). */
enum { DYAD_PLACE_NONE, DYAD_PLACE_CITY, DYAD_PLACE_REGION, DYAD_PLACE_COUNTRY };
enum { DYAD_FROM_NONE, DYAD_FROM_SENTENCE, DYAD_FROM_DATELINE };
typedef struct dyad_location {
	int type;                   /* DYAD_PLACE_* */
	int from;                   /* DYAD_FROM_*: a phrase of the event's
				     * sentence or the document's dateline */
	char name[64];
	char country[3];            /* ISO 3166-1 alpha-2, "" unknown */
	char country3[4];           /* alpha-3 (CAMEO country code), "" unknown */
	char country_name[64];      /* the country's name, "" unknown */
	char admin1[64];            /* first-level subdivision, "" unknown */
	bool has_coords;
	double lat, lon;            /* degrees, when has_coords */
	size_t start, end;          /* the place phrase: byte offsets in the
				     * normalized text */
} dyad_location;

/* The name of a DYAD_PLACE_* type ("city", "region", "country"; "" for
 * NONE). */
const char *dyad_place_type_name(int type);

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
	dyad_location location;
} dyad_event;

typedef struct dyad_result {
	const char *text;  size_t text_len;  /* normalized text */
	const dyad_event *events; size_t n_events;
	int n_sentences;
	bool discarded;    /* whole story matched a discard entry */
	int n_long_sentences;  /* sentences not coded: more tokens than
				* dyad_worker_options.max_sentence_tokens */
} dyad_result;

typedef struct dyad_worker dyad_worker;

/* Per-document caps of a worker (0: the default). */
typedef struct dyad_worker_options {
	/* A sentence with more tokens is not coded (the rest of the document
	 * is) and counted in dyad_result.n_long_sentences.
	 * 0: DYAD_DEFAULT_MAX_SENTENCE_TOKENS; at most
	 * DYAD_MAX_SENTENCE_TOKENS_LIMIT (larger values are clamped). */
	size_t max_sentence_tokens;
	/* A document with more events fails with DYAD_ETOOBIG ("too many
	 * events"). 0: DYAD_DEFAULT_MAX_EVENTS. */
	size_t max_events;
} dyad_worker_options;

/* A worker with the default caps (dyad_worker_new_opts(e, NULL)). */
dyad_worker *dyad_worker_new(const dyad_engine *e);
/* A worker with caps opt (NULL: defaults). NULL when out of memory. */
dyad_worker *dyad_worker_new_opts(const dyad_engine *e, const dyad_worker_options *opt);
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

/* Input formats (docs/input.md). AUTO looks at the first bytes after
 * decompression: "WARC/1." is WARC, an rss/feed/rdf:RDF first element a
 * feed, other markup starting with '<' HTML, '{' JSONL, anything else
 * plain text (a .html/.htm, .rss/.atom or .warc file name decides when
 * the bytes do not). HTML: one page is one document (title, date,
 * publisher, url and article text extracted). FEED: RSS 2.0/1.0 or
 * Atom, one document per item/entry. WARC: one document per response
 * record holding an HTML page; other records are counted, see
 * dyad_reader_skipped(). */
enum dyad_input { DYAD_IN_AUTO, DYAD_IN_JSONL, DYAD_IN_TEXT, DYAD_IN_HTML,
		  DYAD_IN_FEED, DYAD_IN_WARC };

typedef struct dyad_reader_options {
	enum dyad_input kind;
	int default_date;        /* YYYYMMDD for plain text (--date), 0 if none */
	size_t max_doc_bytes;    /* cap on one document/line (a longer one is
				  * DYAD_ETOOBIG, reported and skipped);
				  * 0: DYAD_DEFAULT_MAX_DOC_BYTES (64 MiB) */
	/* When not NULL: a read interrupted by a signal (EINTR) while *cancel
	 * is nonzero ends the stream (DYAD_EIO, "interrupted") instead of
	 * being retried, so that a signal stops a reader blocked on a pipe. */
	const volatile int *cancel;
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

/* The input format in use: the forced one, or the detected one once
 * dyad_reader_next() was called (DYAD_IN_AUTO before). */
enum dyad_input dyad_reader_kind(const dyad_reader *r);

/* Records read that are not documents and not errors: WARC request,
 * metadata, warcinfo ... records and responses whose payload is not HTML.
 * 0 for other formats. */
size_t dyad_reader_skipped(const dyad_reader *r);

/* ---- dates ----------------------------------------------------------- */

/* Parse "YYYY-MM-DD" (also YYYYMMDD); returns YYYYMMDD or 0. */
int dyad_parse_date(const char *s, size_t n);

/* ---- event store (SQLite) -------------------------------------------
 * A dataset of coded documents and events in one SQLite file (see
 * docs/store.md for its tables). One dyad_store is one connection: use it
 * from one thread at a time; open one per thread to read in parallel.
 * Writes happen inside dyad_store_begin() / dyad_store_commit(); a crash
 * at any point leaves the file as of the last commit (WAL journal). */

/* Error codes of the store (besides DYAD_EIO for a failed read or write,
 * a full disk or a read-only file). */
enum {
	DYAD_EDB = -9,      /* not a dyad database, or a newer schema */
	DYAD_EBUSY = -10,   /* the database is locked by another process */
};

/* Schema version this build creates and reads (PRAGMA user_version). */
#define DYAD_STORE_SCHEMA 4

/* The version of e's dictionaries: 16 hex digits, the same for the same
 * dictionary content wherever the files are (a hash of each source file's
 * name and content, in name order, and of the CAMEO table). Writes it and
 * a NUL to out[0..16]; returns 0 or DYAD_EIO when a file cannot be read. */
int dyad_engine_dict_version(const dyad_engine *e, char out[17]);

/* SHA-256 of text[0..n) as 64 lower-case hex digits and a NUL. */
void dyad_text_sha256(const char *text, size_t n, char out[65]);

typedef struct dyad_store dyad_store;

typedef struct dyad_store_options {
	bool write;            /* read-write, creating the file when absent;
				* false: read only */
	int busy_timeout_ms;   /* wait this long for another writer's lock;
				* 0: 5000; negative: do not wait */
	int schema_version;    /* migrate only up to this version (tests);
				* 0: DYAD_STORE_SCHEMA */
} dyad_store_options;

/* Open (with opt->write: create or migrate) the store at path. Refuses a
 * file that is not SQLite, a SQLite file that is not dyad's, a schema
 * newer than this build's and, for writing, a read-only file or one
 * locked by another writer: NULL with *err filled, the file unchanged. */
dyad_store *dyad_store_open(const char *path, const dyad_store_options *opt,
			    dyad_error *err);
/* Close; returns 0 or DYAD_E* (an open transaction is rolled back). */
int dyad_store_close(dyad_store *s);
/* The schema version of the open file. */
int dyad_store_schema_version(const dyad_store *s);

/* Record the engine whose events will be stored: its dictionary version
 * (stored with every document and event) and its CAMEO table (names for
 * exports). Call before dyad_store_put(). */
int dyad_store_set_engine(dyad_store *s, const dyad_engine *e, dyad_error *err);

int dyad_store_begin(dyad_store *s, dyad_error *err);
/* Commit; on failure (disk full ...) the transaction is rolled back. */
int dyad_store_commit(dyad_store *s, dyad_error *err);
void dyad_store_rollback(dyad_store *s);

/* What dyad_store_put() did. */
enum { DYAD_PUT_NEW = 1, DYAD_PUT_REPLACED = 2, DYAD_PUT_UNCHANGED = 3 };

/* Whether document id is stored with this text hash: 1 yes, 0 no (absent
 * or changed), or DYAD_E*. */
int dyad_store_has(dyad_store *s, const char *id, size_t id_len,
		   const char *sha256, dyad_error *err);

/* Store document doc (sha256: dyad_text_sha256 of doc->text, NULL to
 * compute it) and its coding r (r->text is the normalized text that the
 * event offsets refer to). A document already stored with the same id and
 * text hash is left alone (DYAD_PUT_UNCHANGED) unless force; a changed
 * text replaces the document and all its events. Returns DYAD_PUT_* or a
 * negative DYAD_E*. Must be inside dyad_store_begin()/commit(). */
int dyad_store_put(dyad_store *s, const dyad_doc *doc, const char *sha256,
		   const dyad_result *r, bool force, dyad_error *err);

/* ---- deduplication ---- */

typedef struct dyad_cluster_options {
	int window_days;       /* dates at most this far apart; <0: default 2 */
	double min_overlap;    /* evidence word overlap 0..1; <0: default 0.25 */
} dyad_cluster_options;

/* Rebuild the cross-report clusters (tables event_clusters and
 * cluster_members) from all events, in one transaction; same events and
 * options, same clusters. *nclusters (may be NULL) gets their number. */
int dyad_store_cluster(dyad_store *s, const dyad_cluster_options *opt,
		       size_t *nclusters, dyad_error *err);
/* Whether the clusters were built from the current events. */
bool dyad_store_clusters_fresh(dyad_store *s);

/* ---- queries, aggregates and exports ---- */

enum dyad_dedup { DYAD_DEDUP_NONE, DYAD_DEDUP_DAILY, DYAD_DEDUP_CLUSTER };
enum dyad_agg { DYAD_AGG_NONE, DYAD_AGG_DAY, DYAD_AGG_WEEK, DYAD_AGG_MONTH,
		DYAD_AGG_YEAR };
enum dyad_by { DYAD_BY_NONE, DYAD_BY_DYAD, DYAD_BY_SOURCE, DYAD_BY_TARGET,
	       DYAD_BY_ROOT, DYAD_BY_QUAD };

/* Filters: every list is "any of"; NULL/0 means no filter. Actor codes and
 * CAMEO codes match by prefix ("AZE" matches AZEGOV, "04" matches 042). */
typedef struct dyad_query {
	const char *const *source; size_t nsource;
	const char *const *target; size_t ntarget;
	const char *dyad_a, *dyad_b;   /* both set: A to B or B to A */
	const char *const *code; size_t ncode;
	const char *const *root; size_t nroot;   /* exact root codes */
	unsigned quad;                 /* bit q set: QuadClass q (1..4) */
	int from, to;                  /* YYYYMMDD, inclusive; 0: open */
	const char *text;              /* substring of the evidence sentence
					* (ASCII case-insensitive) */
	enum dyad_dedup dedup;
	enum dyad_agg agg;             /* with by: counts per period/group */
	enum dyad_by by;
	long limit;                    /* at most this many rows; 0: all */
} dyad_query;

enum { DYAD_COL_NULL, DYAD_COL_INT, DYAD_COL_REAL, DYAD_COL_TEXT };

/* One result row: ncols columns, values as text (NULL for SQL NULL). */
typedef struct dyad_row {
	int ncols;
	const char *const *names;
	const char *const *values;
	const int *types;              /* DYAD_COL_* */
} dyad_row;

/* Called first once with values == NULL (the column names, even when no
 * row follows), then once per row; a non-zero return stops the query and
 * is returned by it. */
typedef int (*dyad_row_fn)(void *ctx, const dyad_row *row);

/* Events (agg and by NONE) or aggregates matching q, in date order. */
int dyad_store_query(dyad_store *s, const dyad_query *q, dyad_row_fn fn,
		     void *ctx, dyad_error *err);

/* Events matching q (agg/by ignored) in the columns of schema: "gdelt",
 * "phoenix", "icews", "polecat" or "csv" (see docs/store.md). */
int dyad_store_export(dyad_store *s, const char *schema, const dyad_query *q,
		      dyad_row_fn fn, void *ctx, dyad_error *err);
/* NULL-terminated list of the export schema names. */
const char *const *dyad_store_schemas(void);

#ifdef __cplusplus
}
#endif
#endif
