/*
 * store.c - the event store: opening, the versioned schema and its
 * migrations, and ingest (documents, evidence sentences, events).
 *
 * Invariants:
 * - A dyad file is a SQLite database whose application_id is 'dyad' and
 *   whose meta table says application=dyad; user_version is its schema
 *   version. Anything else with tables in it is not ours and is refused
 *   before anything is written. A newer schema is refused too.
 * - Migrations are the ordered steps of `migrations` below: step i takes
 *   the schema from version i to i + 1, all steps of one open run in one
 *   transaction, so a file is always at exactly one version.
 * - Writers use WAL with synchronous=NORMAL: a crash or kill leaves the
 *   file as of the last commit. A failed commit (disk full, lock) rolls
 *   back the whole transaction.
 * - A document is stored whole or not at all: its row, its evidence
 *   sentences and its events change in the same transaction; meta
 *   events_version grows with every commit that changed events, which is
 *   how derived tables (clusters) know they are stale.
 */
#include "store.h"
#include "dict.h"
#include "sha256.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define APPLICATION_ID 0x64796164   /* 'dyad' */

/* ---- schema ------------------------------------------------------------ */

static const char *const migrations[DYAD_STORE_SCHEMA] = {
	/* 0 -> 1: documents, evidence sentences, events */
	"CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE documents ("
	" doc_id TEXT PRIMARY KEY NOT NULL,"
	" date TEXT,"                      /* YYYY-MM-DD or NULL */
	" publisher TEXT,"                 /* the input's \"source\" */
	" url TEXT,"
	" text_sha256 TEXT NOT NULL,"      /* of the text as read */
	" text_bytes INTEGER NOT NULL,"
	" n_events INTEGER NOT NULL,"
	" dict_version TEXT NOT NULL,"
	" dyad_version TEXT NOT NULL,"
	" ingested_at TEXT NOT NULL);"    /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	"CREATE TABLE sentences ("
	" doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,"
	" sentence INTEGER NOT NULL,"
	" start INTEGER NOT NULL,"
	" \"end\" INTEGER NOT NULL,"
	" text TEXT NOT NULL,"
	" PRIMARY KEY (doc_id, sentence)) WITHOUT ROWID;"
	"CREATE TABLE events ("
	" event_id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,"
	" sentence INTEGER NOT NULL,"
	" date TEXT,"
	" source TEXT NOT NULL,"
	" target TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" root TEXT NOT NULL,"
	" quad_class INTEGER,"
	" goldstein REAL,"
	" plover TEXT,"
	" source_text TEXT,"
	" target_text TEXT,"
	" source_start INTEGER, source_end INTEGER,"
	" target_start INTEGER, target_end INTEGER,"
	" evidence_start INTEGER, evidence_end INTEGER,"
	" verb_start INTEGER, verb_end INTEGER,"
	" rule TEXT,"
	" pattern TEXT,"
	" dict_version TEXT NOT NULL,"
	" dyad_version TEXT NOT NULL);"
	"CREATE INDEX events_doc ON events(doc_id);"
	"CREATE INDEX events_date ON events(date);"
	"CREATE INDEX events_source ON events(source, date);"
	"CREATE INDEX events_target ON events(target, date);"
	"CREATE INDEX events_code ON events(code, date);"
	"CREATE INDEX events_root ON events(root, date);"
	"CREATE INDEX events_quad ON events(quad_class, date);",

	/* 1 -> 2: sentence counts, the dictionaries and CAMEO names used */
	"ALTER TABLE documents ADD COLUMN n_sentences INTEGER;"
	"CREATE TABLE dictionaries ("
	" dict_version TEXT PRIMARY KEY NOT NULL,"
	" files TEXT,"
	" first_used TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE cameo ("
	" code TEXT PRIMARY KEY NOT NULL,"
	" name TEXT,"
	" quad_class INTEGER,"
	" goldstein REAL,"
	" plover TEXT) WITHOUT ROWID;",

	/* 2 -> 3: deduplication. events_daily: the one-a-day filter, one row
	 * per (date, source, target, code), the row that sorts first by
	 * document, sentence and position (SQLite takes the other columns
	 * from the row holding the min()). event_clusters / cluster_members:
	 * cross-report clusters, rebuilt by dyad_store_cluster(). */
	"CREATE VIEW events_daily AS"
	" SELECT e.event_id, e.doc_id, e.sentence, e.date, e.source, e.target,"
	"  e.code, e.root, e.quad_class, e.goldstein, e.plover, e.source_text,"
	"  e.target_text, e.source_start, e.source_end, e.target_start,"
	"  e.target_end, e.evidence_start, e.evidence_end, e.verb_start,"
	"  e.verb_end, e.rule, e.pattern, e.dict_version, e.dyad_version,"
	"  min(e.doc_id || char(31) || printf('%010d%010d%010d%020d', e.sentence,"
	"   e.evidence_start, e.verb_start, e.event_id)) AS first_key,"
	"  count(*) AS num_mentions,"
	"  count(DISTINCT coalesce(d.publisher, '')) AS num_sources,"
	"  count(DISTINCT e.doc_id) AS num_articles"
	" FROM events e JOIN documents d ON d.doc_id = e.doc_id"
	" GROUP BY e.date, e.source, e.target, e.code;"
	"CREATE TABLE event_clusters ("
	" cluster_id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL,"      /* the canonical event */
	" first_date TEXT,"
	" last_date TEXT,"
	" num_mentions INTEGER NOT NULL,"
	" num_sources INTEGER NOT NULL,"
	" num_articles INTEGER NOT NULL);"
	"CREATE INDEX event_clusters_event ON event_clusters(event_id);"
	"CREATE TABLE cluster_members ("
	" event_id INTEGER PRIMARY KEY,"
	" cluster_id INTEGER NOT NULL);"
	"CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);",

	/* 3 -> 4: event locations (docs/coder.md "Places"); events stored
	 * before have none (NULL). The one-a-day view gains the columns. */
	"ALTER TABLE events ADD COLUMN location_name TEXT;"
	"ALTER TABLE events ADD COLUMN location_type TEXT;"      /* city|region|country */
	"ALTER TABLE events ADD COLUMN location_country TEXT;"   /* ISO 3166-1 alpha-2 */
	"ALTER TABLE events ADD COLUMN location_country3 TEXT;"  /* alpha-3 */
	"ALTER TABLE events ADD COLUMN location_country_name TEXT;"
	"ALTER TABLE events ADD COLUMN location_admin1 TEXT;"
	"ALTER TABLE events ADD COLUMN location_lat REAL;"
	"ALTER TABLE events ADD COLUMN location_lon REAL;"
	"ALTER TABLE events ADD COLUMN location_from TEXT;"      /* sentence|dateline */
	"DROP VIEW events_daily;"
	"CREATE VIEW events_daily AS"
	" SELECT e.event_id, e.doc_id, e.sentence, e.date, e.source, e.target,"
	"  e.code, e.root, e.quad_class, e.goldstein, e.plover, e.source_text,"
	"  e.target_text, e.source_start, e.source_end, e.target_start,"
	"  e.target_end, e.evidence_start, e.evidence_end, e.verb_start,"
	"  e.verb_end, e.rule, e.pattern, e.dict_version, e.dyad_version,"
	"  e.location_name, e.location_type, e.location_country,"
	"  e.location_country3, e.location_country_name, e.location_admin1,"
	"  e.location_lat, e.location_lon, e.location_from,"
	"  min(e.doc_id || char(31) || printf('%010d%010d%010d%020d', e.sentence,"
	"   e.evidence_start, e.verb_start, e.event_id)) AS first_key,"
	"  count(*) AS num_mentions,"
	"  count(DISTINCT coalesce(d.publisher, '')) AS num_sources,"
	"  count(DISTINCT e.doc_id) AS num_articles"
	" FROM events e JOIN documents d ON d.doc_id = e.doc_id"
	" GROUP BY e.date, e.source, e.target, e.code;",
};

/* ---- errors ------------------------------------------------------------ */

int store_err(struct dyad_store *s, dyad_error *err, int rc, const char *what)
{
	int prim = rc & 0xff;
	const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	int sys = s->db ? sqlite3_system_errno(s->db) : 0;
	const char *p = s->path ? s->path : "";
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return dyad_seterr(err, DYAD_EBUSY, p, 0, -1,
				   "%s '%s': the database is locked by another process "
				   "(waited %d ms)", what, p, s->busy_ms);
	case SQLITE_FULL:
		return dyad_seterr(err, DYAD_EIO, p, 0, -1, "%s '%s': disk full", what, p);
	case SQLITE_IOERR:
		if (sys == ENOSPC || sys == EDQUOT)
			return dyad_seterr(err, DYAD_EIO, p, 0, -1, "%s '%s': disk full (%s)",
					   what, p, strerror(sys));
		if (sys == EFBIG)
			return dyad_seterr(err, DYAD_EIO, p, 0, -1,
					   "%s '%s': file size limit reached (%s)", what, p,
					   strerror(sys));
		if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE)
			return dyad_seterr(err, DYAD_EIO, p, 0, -1,
					   "%s '%s': write failed: disk full or file size limit "
					   "reached? (%s)", what, p, msg);
		return dyad_seterr(err, DYAD_EIO, p, 0, -1, "%s '%s': %s%s%s", what, p, msg,
				   sys ? ": " : "", sys ? strerror(sys) : "");
	case SQLITE_READONLY:
		return dyad_seterr(err, DYAD_EIO, p, 0, -1,
				   "%s '%s': the database is read-only (%s)", what, p, msg);
	case SQLITE_CANTOPEN:
		return dyad_seterr(err, DYAD_EIO, p, 0, -1,
				   "%s '%s': %s%s%s (is its directory writable?)", what, p, msg,
				   sys ? ": " : "", sys ? strerror(sys) : "");
	case SQLITE_NOTADB:
		return dyad_seterr(err, DYAD_EDB, p, 0, -1,
				   "%s '%s': not a SQLite database", what, p);
	case SQLITE_CORRUPT:
		return dyad_seterr(err, DYAD_EDB, p, 0, -1,
				   "%s '%s': the database is corrupt (%s)", what, p, msg);
	case SQLITE_NOMEM:
		return dyad_seterr(err, DYAD_ENOMEM, p, 0, -1, "out of memory");
	}
	return dyad_seterr(err, DYAD_EIO, p, 0, -1, "%s '%s': %s", what, p, msg);
}

int store_exec(struct dyad_store *s, const char *sql, dyad_error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_err(s, err, rc, "cannot write");
}

long long store_meta_int(struct dyad_store *s, const char *key, long long def)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL))
		return def;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	long long v = def;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_meta_set(struct dyad_store *s, const char *key, const char *value,
		   dyad_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "INSERT INTO meta(key, value) VALUES (?, ?)"
				    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				    -1, &st, NULL);
	if (rc)
		return store_err(s, err, rc, "cannot write");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_err(s, err, rc, "cannot write");
}

/* ---- open -------------------------------------------------------------- */

static int int_pragma(struct dyad_store *s, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Whether the file has a table other than SQLite's own. */
static int count_tables(struct dyad_store *s, int *n)
{
	return int_pragma(s, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'", n);
}

/* What kind of file this is: 0 empty, 1 dyad's, or a DYAD_E*. */
static int identify(struct dyad_store *s, int *version, dyad_error *err)
{
	int uv = 0, app = 0, ntab = 0, rc;
	if ((rc = int_pragma(s, "PRAGMA user_version", &uv)) ||
	    (rc = int_pragma(s, "PRAGMA application_id", &app)) ||
	    (rc = count_tables(s, &ntab)))
		return store_err(s, err, rc, "cannot read");
	*version = uv;
	if (!ntab && !uv && !app)
		return 0;
	int has_meta = 0;
	rc = int_pragma(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
			&has_meta);
	if (rc)
		return store_err(s, err, rc, "cannot read");
	bool ours = app == APPLICATION_ID && has_meta;
	if (ours) {
		sqlite3_stmt *st;
		ours = false;
		if (!sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'application'",
					-1, &st, NULL)) {
			if (sqlite3_step(st) == SQLITE_ROW) {
				const unsigned char *v = sqlite3_column_text(st, 0);
				ours = v && !strcmp((const char *)v, "dyad");
			}
			sqlite3_finalize(st);
		}
	}
	if (!ours)
		return dyad_seterr(err, DYAD_EDB, s->path, 0, -1,
				   "'%s' is not a dyad database (it has %d table%s and no dyad "
				   "meta table)", s->path, ntab, ntab == 1 ? "" : "s");
	if (uv > DYAD_STORE_SCHEMA)
		return dyad_seterr(err, DYAD_EDB, s->path, 0, -1,
				   "'%s' has schema version %d, newer than this dyad's (%d): "
				   "upgrade dyad to use it", s->path, uv, DYAD_STORE_SCHEMA);
	if (uv < 1)
		return dyad_seterr(err, DYAD_EDB, s->path, 0, -1,
				   "'%s' has no schema version: not a dyad database", s->path);
	return 1;
}

/* Bring the file from version `from` to `to` in one transaction. */
static int migrate(struct dyad_store *s, int from, int to, dyad_error *err)
{
	int rc = store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	/* re-read under the write lock: another process may have migrated */
	int v = 0, ntab = 0;
	if (int_pragma(s, "PRAGMA user_version", &v) || count_tables(s, &ntab)) {
		rc = store_err(s, err, sqlite3_errcode(s->db), "cannot read");
		goto fail;
	}
	if (v != from || (from == 0 && ntab)) {
		store_exec(s, "ROLLBACK", NULL);
		int kind = identify(s, &v, err);
		if (kind < 0)
			return kind;
		if (v >= to) {
			s->version = v;
			return 0;
		}
		return migrate(s, v, to, err);
	}
	if (from == 0) {
		char sql[200];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
		if ((rc = store_exec(s, sql, err)))
			goto fail;
	}
	for (int i = from; i < to; i++) {
		if ((rc = store_exec(s, migrations[i], err)))
			goto fail;
		if (i == 0 && ((rc = store_meta_set(s, "application", "dyad", err)) ||
			       (rc = store_meta_set(s, "created_by", "dyad " DYAD_VERSION, err)) ||
			       (rc = store_meta_set(s, "events_version", "0", err))))
			goto fail;
	}
	char num[32];
	snprintf(num, sizeof num, "%d", to);
	if ((rc = store_meta_set(s, "schema_version", num, err)) ||
	    (rc = store_meta_set(s, "migrated_by", "dyad " DYAD_VERSION, err)))
		goto fail;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", to);
	if ((rc = store_exec(s, sql, err)))
		goto fail;
	if ((rc = store_exec(s, "COMMIT", err)))
		goto fail;
	s->version = to;
	return 0;
fail:
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* "file:" URI for path with immutable=1 (a read-only directory). */
static char *immutable_uri(const char *path)
{
	size_t n = strlen(path);
	char *u = malloc(n * 3 + 32);
	if (!u)
		return NULL;
	size_t k = 0;
	k += (size_t)snprintf(u, 8, "file:");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f)
			k += (size_t)snprintf(u + k, 4, "%%%02X", c);
		else
			u[k++] = (char)c;
	}
	snprintf(u + k, 20, "?immutable=1");
	return u;
}

static bool file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* A writer needs the file and its directory (for the -wal and -shm
 * files) writable; say which one is not before SQLite gets vaguer. */
static bool writable(struct dyad_store *s, dyad_error *err)
{
	const char *p = s->path;
	if (file_exists(p) && access(p, W_OK)) {
		dyad_seterr(err, DYAD_EIO, p, 0, -1, "cannot write '%s': the file is read-only (%s)",
			    p, strerror(errno));
		return false;
	}
	char dir[4096];
	const char *slash = strrchr(p, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == p)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - p), p);
	if (access(dir, W_OK)) {
		dyad_seterr(err, DYAD_EIO, p, 0, -1,
			    "cannot write '%s': its directory '%s' is not writable (%s; SQLite "
			    "keeps its -wal and -shm files beside the database)", p, dir,
			    strerror(errno));
		return false;
	}
	return true;
}

dyad_store *dyad_store_open(const char *path, const dyad_store_options *opt,
			    dyad_error *err)
{
	dyad_store_options o = { 0 };
	if (opt)
		o = *opt;
	int want = o.schema_version > 0 ? o.schema_version : DYAD_STORE_SCHEMA;
	if (!path || !*path) {
		dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "no database file given");
		return NULL;
	}
	if (want > DYAD_STORE_SCHEMA) {
		dyad_seterr(err, DYAD_EUSAGE, path, 0, -1, "no schema version %d", want);
		return NULL;
	}
	struct dyad_store *s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		return NULL;
	}
	s->write = o.write;
	s->busy_ms = o.busy_timeout_ms == 0 ? 5000 : MAX(o.busy_timeout_ms, 0);
	int rc;
	if (!o.write && !file_exists(path)) {
		dyad_seterr(err, DYAD_EIO, path, 0, -1, "cannot open '%s': %s", path,
			    strerror(errno));
		goto fail;
	}
	if (o.write && !writable(s, err))
		goto fail;
	int flags = o.write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	rc = sqlite3_open_v2(path, &s->db, flags, NULL);
	if (rc) {
		store_err(s, err, rc, "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, s->busy_ms);
	int version = 0;
	rc = identify(s, &version, err);
	if (rc < 0 && !o.write && err && err->code == DYAD_EIO) {
		/* a WAL file in a read-only directory cannot get its -shm:
		 * read it as immutable when no writer can be active (no -wal) */
		char wal[4200];
		snprintf(wal, sizeof wal, "%s-wal", path);
		char *uri = file_exists(wal) ? NULL : immutable_uri(path);
		if (uri) {
			sqlite3_close(s->db);
			s->db = NULL;
			rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
			free(uri);
			if (rc) {
				store_err(s, err, rc, "cannot open");
				goto fail;
			}
			rc = identify(s, &version, err);
		}
	}
	if (rc < 0)
		goto fail;
	if (rc == 0 && !o.write) {
		dyad_seterr(err, DYAD_EDB, path, 0, -1, "'%s' is empty: not a dyad database", path);
		goto fail;
	}
	s->version = version;
	if (o.write) {
		if (sqlite3_db_readonly(s->db, "main") == 1) {
			dyad_seterr(err, DYAD_EIO, path, 0, -1,
				    "cannot write '%s': the file is read-only", path);
			goto fail;
		}
		int jrc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (jrc) {
			store_err(s, err, jrc, "cannot write");
			goto fail;
		}
		/* a bigger page cache keeps the event indexes in memory while
		 * ingesting (64 MiB; SQLite's default is 2 MiB) */
		if (store_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 16384", err))
			goto fail;
		if (version < want) {
			if (migrate(s, version, want, err))
				goto fail;
		} else {
			/* take and release the write lock: fail now, not mid-ingest,
			 * when another process holds it */
			if (store_exec(s, "BEGIN IMMEDIATE", err))
				goto fail;
			if (store_exec(s, "COMMIT", err))
				goto fail;
		}
	}
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (store_functions(s->db)) {
		dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		goto fail;
	}
	return s;
fail:
	dyad_store_close(s);
	return NULL;
}

int dyad_store_close(dyad_store *s)
{
	if (!s)
		return 0;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	int rc = 0;
	if (s->db) {
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		rc = sqlite3_close(s->db) == SQLITE_OK ? 0 : DYAD_EIO;
	}
	free(s->path);
	free(s);
	return rc;
}

int dyad_store_schema_version(const dyad_store *s)
{
	return s->version;
}

/* ---- transactions -------------------------------------------------------- */

int dyad_store_begin(dyad_store *s, dyad_error *err)
{
	if (!s->write)
		return dyad_seterr(err, DYAD_EUSAGE, s->path, 0, -1, "'%s' is open read-only", s->path);
	s->changed = false;
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int dyad_store_commit(dyad_store *s, dyad_error *err)
{
	int rc = 0;
	if (s->changed)
		rc = store_exec(s, "UPDATE meta SET value = CAST(value AS INTEGER) + 1"
			       " WHERE key = 'events_version'", err);
	if (!rc)
		rc = store_exec(s, "COMMIT", err);
	if (rc && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->changed = false;
	return rc;
}

void dyad_store_rollback(dyad_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->changed = false;
}

/* ---- ingest -------------------------------------------------------------- */

static const char *const st_sql[ST_COUNT] = {
	[ST_GET_DOC] = "SELECT text_sha256 FROM documents WHERE doc_id = ?",
	[ST_DEL_EVENTS] = "DELETE FROM events WHERE doc_id = ?",
	[ST_DEL_SENTENCES] = "DELETE FROM sentences WHERE doc_id = ?",
	[ST_PUT_DOC] =
		"INSERT INTO documents(doc_id, date, publisher, url, text_sha256, text_bytes,"
		" n_events, n_sentences, dict_version, dyad_version, ingested_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
		" ON CONFLICT(doc_id) DO UPDATE SET date = ?2, publisher = ?3, url = ?4,"
		" text_sha256 = ?5, text_bytes = ?6, n_events = ?7, n_sentences = ?8,"
		" dict_version = ?9, dyad_version = ?10,"
		" ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
	[ST_PUT_SENTENCE] =
		"INSERT OR IGNORE INTO sentences(doc_id, sentence, start, \"end\", text)"
		" VALUES (?, ?, ?, ?, ?)",
	[ST_PUT_EVENT] =
		"INSERT INTO events(doc_id, sentence, date, source, target, code, root,"
		" quad_class, goldstein, plover, source_text, target_text, source_start,"
		" source_end, target_start, target_end, evidence_start, evidence_end,"
		" verb_start, verb_end, rule, pattern, dict_version, dyad_version)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[ST_PUT_EVENT4] =    /* schema 4 and later: with the location */
		"INSERT INTO events(doc_id, sentence, date, source, target, code, root,"
		" quad_class, goldstein, plover, source_text, target_text, source_start,"
		" source_end, target_start, target_end, evidence_start, evidence_end,"
		" verb_start, verb_end, rule, pattern, dict_version, dyad_version,"
		" location_name, location_type, location_country, location_country3,"
		" location_country_name, location_admin1, location_lat, location_lon,"
		" location_from)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

static int stmt(struct dyad_store *s, int i, sqlite3_stmt **out, dyad_error *err)
{
	if (!s->st[i]) {
		int rc = sqlite3_prepare_v3(s->db, st_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					    &s->st[i], NULL);
		if (rc)
			return store_err(s, err, rc, "cannot prepare statement for");
	}
	sqlite3_reset(s->st[i]);
	sqlite3_clear_bindings(s->st[i]);
	*out = s->st[i];
	return 0;
}

/* Step a write statement to completion. */
static int step_done(struct dyad_store *s, sqlite3_stmt *st, dyad_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_err(s, err, rc, "cannot write");
}

static void fmt_date(char out[16], int d)
{
	if (d > 0)
		snprintf(out, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
	else
		out[0] = 0;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	if (s && n)
		sqlite3_bind_text(st, i, s, (int)n, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int dyad_store_set_engine(dyad_store *s, const dyad_engine *e, dyad_error *err)
{
	int rc = dyad_engine_dict_version(e, s->dict_version);
	if (rc) {
		s->dict_version[0] = 0;
		return dyad_seterr(err, rc, NULL, 0, -1, "cannot read the dictionary files");
	}
	if (!s->write)
		return 0;
	dyad_buf files = { 0 };
	for (uint32_t i = 0; i < e->sources.n && !rc; i++) {
		const char *p = estr(e, e->sources.v[i].path);
		const char *slash = strrchr(p, '/');
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			continue;
		rc = buf_addf(&files, "%s%s", files.len ? " " : "", slash ? slash + 1 : p);
	}
	if (rc) {
		dyad_buf_release(&files);
		return dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
	}
	if ((rc = store_exec(s, "BEGIN IMMEDIATE", err))) {
		dyad_buf_release(&files);
		return rc;
	}
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO dictionaries(dict_version,"
				     " files, first_used) VALUES (?, ?,"
				     " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", -1, &st, NULL);
	if (!src) {
		sqlite3_bind_text(st, 1, s->dict_version, -1, SQLITE_STATIC);
		bind_opt_text(st, 2, files.p, files.len);
		src = sqlite3_step(st);
		src = src == SQLITE_DONE ? SQLITE_OK : src;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!src)
		src = sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO cameo(code, name,"
					 " quad_class, goldstein, plover) VALUES (?, ?, ?, ?, ?)",
					 -1, &st, NULL);
	for (size_t i = 0; !src && i < e->cameo.n; i++) {
		const struct cameo_info *c = &e->cameo.v[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, c->code, -1, SQLITE_STATIC);
		bind_opt_text(st, 2, c->name, strlen(c->name));
		sqlite3_bind_int(st, 3, c->quad);
		sqlite3_bind_double(st, 4, floor((double)c->goldstein * 100 + 0.5) / 100);
		bind_opt_text(st, 5, c->plover, strlen(c->plover));
		src = sqlite3_step(st);
		src = src == SQLITE_DONE ? SQLITE_OK : src;
	}
	sqlite3_finalize(st);
	dyad_buf_release(&files);
	if (src) {
		rc = store_err(s, err, src, "cannot write");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if ((rc = store_exec(s, "COMMIT", err)))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int dyad_store_has(dyad_store *s, const char *id, size_t id_len, const char *sha256,
		   dyad_error *err)
{
	sqlite3_stmt *st;
	int rc = stmt(s, ST_GET_DOC, &st, err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, id, (int)id_len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	int found = 0;
	if (rc == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(st, 0);
		found = h && !strcmp((const char *)h, sha256);
	} else if (rc != SQLITE_DONE) {
		found = store_err(s, err, rc, "cannot read");
	}
	sqlite3_reset(st);
	return found;
}

int dyad_store_put(dyad_store *s, const dyad_doc *doc, const char *sha256,
		   const dyad_result *r, bool force, dyad_error *err)
{
	if (!s->dict_version[0])
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1,
				   "dyad_store_set_engine() was not called");
	if (sqlite3_get_autocommit(s->db))
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "no open transaction");
	char hash[65];
	if (!sha256) {
		dyad_text_sha256(doc->text, doc->text_len, hash);
		sha256 = hash;
	}
	sqlite3_stmt *st;
	int rc = stmt(s, ST_GET_DOC, &st, err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, doc->id, (int)doc->id_len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	bool existed = false, same = false;
	if (rc == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(st, 0);
		existed = true;
		same = h && !strcmp((const char *)h, sha256);
	} else if (rc != SQLITE_DONE) {
		rc = store_err(s, err, rc, "cannot read");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	if (same && !force)
		return DYAD_PUT_UNCHANGED;
	if (existed) {
		for (int k = ST_DEL_EVENTS; k <= ST_DEL_SENTENCES; k++) {
			if ((rc = stmt(s, k, &st, err)))
				return rc;
			sqlite3_bind_text(st, 1, doc->id, (int)doc->id_len, SQLITE_STATIC);
			if ((rc = step_done(s, st, err)))
				return rc;
		}
	}
	char date[16];
	fmt_date(date, doc->date);
	if ((rc = stmt(s, ST_PUT_DOC, &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, doc->id, (int)doc->id_len, SQLITE_STATIC);
	bind_opt_text(st, 2, date, strlen(date));
	bind_opt_text(st, 3, doc->source, doc->source ? strlen(doc->source) : 0);
	bind_opt_text(st, 4, doc->url, doc->url ? strlen(doc->url) : 0);
	sqlite3_bind_text(st, 5, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)doc->text_len);
	sqlite3_bind_int64(st, 7, r ? (sqlite3_int64)r->n_events : 0);
	if (r)
		sqlite3_bind_int(st, 8, r->n_sentences);
	sqlite3_bind_text(st, 9, s->dict_version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, DYAD_VERSION, -1, SQLITE_STATIC);
	if ((rc = step_done(s, st, err)))
		return rc;
	s->changed = true;
	size_t tl = r ? r->text_len : 0;
	for (size_t i = 0; r && i < r->n_events; i++) {
		const dyad_event *ev = &r->events[i];
		/* offsets come from the coder; clamp rather than trust */
		size_t es = MIN(ev->ev_start, tl), ee = MIN(MAX(ev->ev_end, es), tl);
		size_t ss = MIN(ev->source_start, tl), se = MIN(MAX(ev->source_end, ss), tl);
		size_t ts = MIN(ev->target_start, tl), te = MIN(MAX(ev->target_end, ts), tl);
		if ((rc = stmt(s, ST_PUT_SENTENCE, &st, err)))
			return rc;
		sqlite3_bind_text(st, 1, doc->id, (int)doc->id_len, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, ev->sentence);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)es);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)ee);
		sqlite3_bind_text(st, 5, r->text + es, (int)(ee - es), SQLITE_STATIC);
		if ((rc = step_done(s, st, err)))
			return rc;
		if ((rc = stmt(s, s->version >= 4 ? ST_PUT_EVENT4 : ST_PUT_EVENT, &st, err)))
			return rc;
		char edate[16];
		fmt_date(edate, ev->date);
		int k = 1;
		sqlite3_bind_text(st, k++, doc->id, (int)doc->id_len, SQLITE_STATIC);
		sqlite3_bind_int(st, k++, ev->sentence);
		bind_opt_text(st, k++, edate, strlen(edate));
		sqlite3_bind_text(st, k++, ev->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, k++, ev->target, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, k++, ev->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, k++, ev->root, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, k++, ev->quad_class);
		sqlite3_bind_double(st, k++, floor(ev->goldstein * 100 + 0.5) / 100);
		bind_opt_text(st, k++, ev->plover, strlen(ev->plover));
		sqlite3_bind_text(st, k++, r->text + ss, (int)(se - ss), SQLITE_STATIC);
		sqlite3_bind_text(st, k++, r->text + ts, (int)(te - ts), SQLITE_STATIC);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)ss);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)se);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)ts);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)te);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)es);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)ee);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)MIN(ev->verb_start, tl));
		sqlite3_bind_int64(st, k++, (sqlite3_int64)MIN(ev->verb_end, tl));
		bind_opt_text(st, k++, ev->rule, strlen(ev->rule));
		bind_opt_text(st, k++, ev->pattern, strlen(ev->pattern));
		sqlite3_bind_text(st, k++, s->dict_version, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, k++, DYAD_VERSION, -1, SQLITE_STATIC);
		const dyad_location *l = &ev->location;
		if (s->version >= 4 && l->type != DYAD_PLACE_NONE) {
			const char *type = dyad_place_type_name(l->type);
			const char *from = l->from == DYAD_FROM_DATELINE ? "dateline" : "sentence";
			bind_opt_text(st, k++, l->name, strnlen(l->name, sizeof l->name));
			bind_opt_text(st, k++, type, strlen(type));
			bind_opt_text(st, k++, l->country, strnlen(l->country, sizeof l->country));
			bind_opt_text(st, k++, l->country3, strnlen(l->country3, sizeof l->country3));
			bind_opt_text(st, k++, l->country_name,
				      strnlen(l->country_name, sizeof l->country_name));
			bind_opt_text(st, k++, l->admin1, strnlen(l->admin1, sizeof l->admin1));
			if (l->has_coords) {
				sqlite3_bind_double(st, k++, l->lat);
				sqlite3_bind_double(st, k++, l->lon);
			} else {
				k += 2;    /* NULL (cleared bindings) */
			}
			bind_opt_text(st, k++, from, strlen(from));
		}
		if ((rc = step_done(s, st, err)))
			return rc;
	}
	return existed ? DYAD_PUT_REPLACED : DYAD_PUT_NEW;
}
