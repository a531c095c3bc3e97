/* cli.h - shared helpers of the dyad command's subcommands. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include "../include/dyad.h"
#include <stdbool.h>

struct common_opts {
	const char *dict;        /* --dict */
	const char *cache;       /* --cache */
	bool no_cache;
	bool rebuild_cache;
	bool verbose;
	size_t max_entry_bytes;  /* --max-entry-bytes, 0: default */
	bool no_places;          /* --no-places */
};

/* Print "dyad: <msg>" to stderr. */
void die_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print_error(const dyad_error *err);

/* Resolve the dictionary directory (--dict, $DYAD_DICT, the data/
 * directory beside the executable, then DYAD_DATADIR). */
const char *dict_dir(const char *opt);
/* Open the engine or print the error; NULL on failure. */
dyad_engine *open_engine(const struct common_opts *o, bool report_problems,
			 size_t *problems);
/* Parse a size: digits with an optional suffix k, M or G (powers of
 * 1024; "KiB", "MB", "MiB", ... accepted too). False when s is not one
 * or it is 0 or more than max. */
bool parse_size(const char *s, size_t max, size_t *out);
/* Parse a common option at argv[*i]; true if consumed. */
bool common_option(struct common_opts *o, int argc, char **argv, int *i);

int cmd_code(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_validate_gold(int argc, char **argv);   /* validate --gold */
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_dedup(int argc, char **argv);

/* ---- pipeline.c: documents in, coded batches out, in input order ---- */
struct pipe_item {         /* one input document or reader error */
	char *id, *text, *source, *url;
	size_t id_len, text_len;
	int date;
	char *error;           /* reader error: the message to print */
	bool skipped;          /* hooks->skip said not to code it */
	bool failed;           /* coding failed (reported on stderr) */
	void *user;            /* the hooks' data; freed by hooks->free_user */
};
struct pipe_batch {
	struct pipe_item *items;
	int n;
	dyad_buf out;          /* hooks->coded appends here */
	size_t coded, empty, errors, events, sentences, skipped, long_sentences;
};
struct pipe_hooks {
	void *ctx;
	/* worker thread, once each: per-thread state for the calls below */
	void *(*worker_init)(void *ctx);
	void (*worker_free)(void *ctx, void *wstate);
	/* worker thread, before coding a good document: true skips it */
	bool (*skip)(void *ctx, void *wstate, struct pipe_item *it, const dyad_doc *doc);
	/* worker thread, after coding a document: non-zero is out of memory */
	int (*coded)(void *ctx, void *wstate, struct pipe_item *it, const dyad_doc *doc,
		     const dyad_result *r, dyad_buf *out);
	/* main thread, each finished batch in input order, before its errors
	 * are printed; stopped: an earlier batch stopped the run. Returns
	 * false to stop it. */
	bool (*batch)(void *ctx, struct pipe_batch *b, bool stopped);
	void (*free_user)(void *ctx, void *user);
};
struct pipe_opts {
	const char **files;    /* "-" is stdin */
	int nfiles;
	dyad_reader_options ro;
	dyad_worker_options wo;  /* --max-sentence-tokens, --max-events */
	long threads;          /* 0: all cores */
	bool strict;           /* the first bad document stops the run */
};
struct pipe_totals {
	size_t docs, coded, empty, errors, events, sentences, skipped;
	size_t long_sentences;  /* not coded: over --max-sentence-tokens */
	size_t records_skipped; /* WARC records that are not documents */
	bool io_error;         /* a file could not be opened or read */
	bool stopped;          /* --strict or the batch hook stopped the run */
	int signal;            /* SIGINT/SIGTERM stopped reading (0: none) */
};
/* SIGINT and SIGTERM stop reading at the next document: what was read is
 * still coded and written, the summary printed, and the command exits
 * 128 + signal. A second signal ends the process at once. */
void install_signals(void);
/* Run the pipeline; returns 0, or 2 when it could not start. */
int pipeline_run(const dyad_engine *e, const struct pipe_opts *o,
		 const struct pipe_hooks *h, struct pipe_totals *t);
long cores(void);

/* Parse an --input-format value (auto, jsonl, text, html, rss, atom,
 * feed, warc); false when unknown. */
bool input_format(const char *f, enum dyad_input *kind);
/* Options shared by "code" and "ingest" (input and threads); true if
 * argv[*i] was one of them. */
bool input_option(const char *cmd, struct pipe_opts *po, int argc, char **argv, int *i);

/* ingest.c: options shared with "dedup"; true if consumed */
bool cluster_option(const char *cmd, dyad_cluster_options *co, int argc, char **argv, int *i);
bool busy_option(const char *cmd, int argc, char **argv, int *i, int *ms);

/* query.c: filters shared with "export" */
struct filters {
	dyad_query q;
	const char *db;
	int busy_ms;
	char *lists[5];          /* strdup'ed option values the arrays point into */
	const char **arrays[4];  /* source, target, code, root */
};
bool filter_option(const char *cmd, struct filters *f, int argc, char **argv, int *i);
void filters_release(struct filters *f);
/* Open f->db for reading (migrating an older schema when writable);
 * NULL after printing the error. */
dyad_store *open_store_read(const struct filters *f);

/* ---- rows.c: query and export output ---- */
enum row_format { ROW_TABLE, ROW_JSONL, ROW_CSV, ROW_TSV };
struct row_writer {
	enum row_format fmt;
	bool header;           /* CSV/TSV: write the column names first */
	FILE *out;
	/* table: rows are kept until `rows` are there, then widths fixed */
	char **cells;
	size_t ncells, capcells;
	int ncols;
	size_t *width;
	bool started, failed;
};
bool row_format_parse(const char *s, enum row_format *f);
/* dyad_row_fn for struct row_writer */
int row_write(void *ctx, const dyad_row *row);
/* Flush a table; 0, or -1 when writing failed. */
int row_finish(struct row_writer *w);
#endif
