/*
 * store.h - the event store's internals, shared by store.c (open, schema,
 * migrations, ingest), store_dedup.c (clusters) and store_query.c
 * (queries, aggregates, exports). Not public API.
 *
 * One struct dyad_store is one SQLite connection with its prepared
 * statements; the store owns both and dyad_store_close() frees them.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include "internal.h"
#include <sqlite3.h>

/* Prepared statements of the ingest path (prepared on first use). */
enum {
	ST_GET_DOC, ST_DEL_EVENTS, ST_DEL_SENTENCES, ST_PUT_DOC, ST_PUT_SENTENCE,
	ST_PUT_EVENT, ST_PUT_EVENT4, ST_COUNT
};

struct dyad_store {
	sqlite3 *db;
	char *path;
	bool write;
	int version;               /* schema version of the file */
	int busy_ms;
	bool changed;              /* events changed in the open transaction */
	char dict_version[17];     /* of the engine set by set_engine, "" none */
	sqlite3_stmt *st[ST_COUNT];
};

/* Fill *err from SQLite result rc on s->db: "<what> '<path>': <reason>"
 * with the dyad code that fits (busy, disk full, read-only, ...). */
int store_err(struct dyad_store *s, dyad_error *err, int rc, const char *what);
/* Run SQL without results; 0 or a DYAD_E* with *err filled. */
int store_exec(struct dyad_store *s, const char *sql, dyad_error *err);
/* Value of a meta key as a number; def when absent. */
long long store_meta_int(struct dyad_store *s, const char *key, long long def);
int store_meta_set(struct dyad_store *s, const char *key, const char *value,
		   dyad_error *err);
/* Register dyad's SQL functions (actor code parts) on db. */
int store_functions(sqlite3 *db);

#endif
