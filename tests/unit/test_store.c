/*
 * test_store.c - the event store: SHA-256, the dictionary version, schema
 * creation and migrations, refusing foreign and newer files, ingest
 * (new, unchanged, replaced, rollback), query filters and aggregates,
 * one-a-day and cross-report deduplication, exports. Databases live in a
 * mkdtemp directory removed at the end; the engine is the bundled data/.
 */
#include "store.h"
#include "t.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];
static dyad_engine *eng;

static const char *P(const char *name)
{
	static char ring[8][512];
	static int k;
	char *p = ring[k++ % 8];
	snprintf(p, sizeof ring[0], "%s/%s", tmpdir, name);
	return p;
}

static dyad_engine *load(const char *dir)
{
	dyad_engine_options o = { 0 };
	o.dict_dir = dir;
	o.no_cache = true;
	dyad_error err = { 0 };
	dyad_engine *e = dyad_engine_open(&o, &err);
	if (!e)
		fprintf(stderr, "engine: %s\n", err.msg);
	return e;
}

static dyad_store *open_rw(const char *name)
{
	dyad_store_options o = { .write = true };
	dyad_error err = { 0 };
	dyad_store *s = dyad_store_open(P(name), &o, &err);
	if (!s)
		fprintf(stderr, "open %s: %s\n", name, err.msg);
	else if (dyad_store_set_engine(s, eng, &err))
		fprintf(stderr, "set_engine: %s\n", err.msg);
	return s;
}

/* Code and store one document; returns the dyad_store_put result. */
static int put(dyad_store *s, dyad_worker *w, const char *id, const char *date,
	       const char *pub, const char *text)
{
	dyad_doc d = { .id = id, .id_len = strlen(id), .text = text, .text_len = strlen(text),
		       .date = dyad_parse_date(date, strlen(date)), .source = pub };
	const dyad_result *r;
	dyad_error err = { 0 };
	if (dyad_code(w, &d, &r, &err))
		return -100;
	int rc = dyad_store_put(s, &d, NULL, r, false, &err);
	if (rc < 0)
		fprintf(stderr, "put %s: %s\n", id, err.msg);
	return rc;
}

static long long count(dyad_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/* Rows collected from a query, as "v1|v2|...\n" lines. */
struct rows { char buf[16384]; size_t len; int n, ncols; char names[1024]; };

static int collect(void *ctx, const dyad_row *row)
{
	struct rows *r = ctx;
	if (!row->values) {
		r->ncols = row->ncols;
		size_t k = 0;
		for (int i = 0; i < row->ncols; i++)
			k += (size_t)snprintf(r->names + k, sizeof r->names - k, "%s%s", i ? "|" : "",
					      row->names[i]);
		return 0;
	}
	r->n++;
	for (int i = 0; i < row->ncols; i++)
		r->len += (size_t)snprintf(r->buf + r->len, sizeof r->buf - r->len, "%s%s",
					   i ? "|" : "", row->values[i] ? row->values[i] : "");
	r->len += (size_t)snprintf(r->buf + r->len, sizeof r->buf - r->len, "\n");
	return 0;
}

static void test_sha256(void)
{
	char h[65];
	dyad_text_sha256("", 0, h);
	T_STREQ(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	dyad_text_sha256("abc", 3, h);
	T_STREQ(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	char big[1000];
	memset(big, 'a', sizeof big);
	dyad_text_sha256(big, sizeof big, h);
	T_STREQ(h, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

static void test_dict_version(void)
{
	char v1[17], v2[17], v3[17];
	T_INTEQ(dyad_engine_dict_version(eng, v1), 0);
	T_INTEQ(strlen(v1), 16);
	/* the same files elsewhere: the same version; one entry more: another */
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cp -r data %s/dict", tmpdir);
	T_CHECK(system(cmd) == 0);
	dyad_engine *e2 = load(P("dict"));
	T_CHECK(e2 != NULL);
	if (!e2)
		return;
	T_INTEQ(dyad_engine_dict_version(e2, v2), 0);
	T_STREQ(v2, v1);
	dyad_engine_free(e2);
	FILE *f = fopen(P("dict/dyad.actors.txt"), "a");
	T_CHECK(f != NULL);
	if (f) {
		fputs("ZZTESTLAND_ [ZZT]\n", f);
		fclose(f);
	}
	e2 = load(P("dict"));
	T_CHECK(e2 != NULL);
	if (e2) {
		T_INTEQ(dyad_engine_dict_version(e2, v3), 0);
		T_CHECK(strcmp(v3, v1) != 0);
		dyad_engine_free(e2);
	}
}

static void test_create(void)
{
	dyad_store *s = open_rw("create.db");
	T_CHECK(s != NULL);
	if (!s)
		return;
	T_INTEQ(dyad_store_schema_version(s), DYAD_STORE_SCHEMA);
	T_INTEQ(count(s, "PRAGMA user_version"), DYAD_STORE_SCHEMA);
	T_INTEQ(count(s, "SELECT count(*) FROM meta WHERE key = 'application' AND value = 'dyad'"), 1);
	T_INTEQ(count(s, "SELECT count(*) FROM sqlite_schema WHERE name IN ('documents', 'events',"
		    " 'sentences', 'events_daily', 'event_clusters', 'cluster_members', 'cameo')"), 7);
	T_CHECK(count(s, "SELECT count(*) FROM cameo") > 200);
	T_INTEQ(count(s, "SELECT count(*) FROM dictionaries"), 1);
	T_INTEQ(count(s, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	dyad_store_close(s);
	/* reopening changes nothing */
	s = open_rw("create.db");
	T_CHECK(s != NULL);
	if (s) {
		T_INTEQ(dyad_store_schema_version(s), DYAD_STORE_SCHEMA);
		dyad_store_close(s);
	}
}

static void test_put(void)
{
	dyad_store *s = open_rw("put.db");
	dyad_worker *w = dyad_worker_new(eng);
	T_CHECK(s && w);
	if (!s || !w)
		return;
	dyad_error err = { 0 };
	const char *t1 = "Armenia and Azerbaijan signed a peace agreement.";
	const char *t2 = "Russian forces shelled the Ukrainian city of Kharkiv. Ukraine accused Russia of targeting civilians.";
	T_INTEQ(dyad_store_begin(s, &err), 0);
	T_INTEQ(put(s, w, "a", "2024-03-04", "Reuters", t1), DYAD_PUT_NEW);
	T_INTEQ(put(s, w, "b", "2024-03-05", NULL, "Nothing happened today."), DYAD_PUT_NEW);
	T_INTEQ(dyad_store_commit(s, &err), 0);
	long long ev_a = count(s, "SELECT count(*) FROM events WHERE doc_id = 'a'");
	T_CHECK(ev_a >= 1);
	T_INTEQ(count(s, "SELECT count(*) FROM documents"), 2);
	T_INTEQ(count(s, "SELECT n_events FROM documents WHERE doc_id = 'b'"), 0);
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE code = '057' AND root = '05'"), ev_a);
	/* provenance: rule, versions, evidence offsets into the sentence */
	T_INTEQ(count(s, "SELECT count(*) FROM events e JOIN sentences s USING (doc_id, sentence)"
		    " WHERE e.rule <> '' AND e.dyad_version = '" DYAD_VERSION "'"
		    " AND length(e.dict_version) = 16 AND s.start = e.evidence_start"
		    " AND s.\"end\" = e.evidence_end"), ev_a);
	char h[65];
	dyad_text_sha256(t1, strlen(t1), h);
	T_INTEQ(dyad_store_has(s, "a", 1, h, &err), 1);
	T_INTEQ(dyad_store_has(s, "a", 1, "x", &err), 0);
	T_INTEQ(dyad_store_has(s, "zz", 2, h, &err), 0);
	long long ev_before = count(s, "SELECT count(*) FROM events");
	long long ver = store_meta_int(s, "events_version", -1);
	/* the same text again: nothing changes */
	T_INTEQ(dyad_store_begin(s, &err), 0);
	T_INTEQ(put(s, w, "a", "2024-03-04", "Reuters", t1), DYAD_PUT_UNCHANGED);
	T_INTEQ(dyad_store_commit(s, &err), 0);
	T_INTEQ(count(s, "SELECT count(*) FROM events"), ev_before);
	T_INTEQ(store_meta_int(s, "events_version", -1), ver);
	/* a changed text replaces the document's events */
	T_INTEQ(dyad_store_begin(s, &err), 0);
	T_INTEQ(put(s, w, "a", "2024-03-04", "Reuters", t2), DYAD_PUT_REPLACED);
	T_INTEQ(dyad_store_commit(s, &err), 0);
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE doc_id = 'a' AND code = '057'"), 0);
	T_CHECK(count(s, "SELECT count(*) FROM events WHERE doc_id = 'a' AND root = '19'") >= 1);
	T_INTEQ(count(s, "SELECT count(*) FROM documents"), 2);
	T_INTEQ(store_meta_int(s, "events_version", -1), ver + 1);
	/* a rolled back transaction leaves nothing */
	T_INTEQ(dyad_store_begin(s, &err), 0);
	T_INTEQ(put(s, w, "c", "2024-03-06", NULL, t1), DYAD_PUT_NEW);
	dyad_store_rollback(s);
	T_INTEQ(count(s, "SELECT count(*) FROM documents WHERE doc_id = 'c'"), 0);
	/* put outside a transaction is refused */
	T_CHECK(put(s, w, "c", "2024-03-06", NULL, t1) < 0);
	T_INTEQ(count(s, "PRAGMA foreign_key_check"), -1);
	dyad_worker_free(w);
	dyad_store_close(s);
}

static void test_migrate(void)
{
	dyad_store_options o = { .write = true, .schema_version = 1 };
	dyad_error err = { 0 };
	dyad_store *s = dyad_store_open(P("old.db"), &o, &err);
	T_CHECK(s != NULL);
	if (!s)
		return;
	T_INTEQ(dyad_store_schema_version(s), 1);
	T_INTEQ(count(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'events_daily'"), 0);
	T_INTEQ(sqlite3_exec(s->db,
			     "INSERT INTO documents VALUES ('old', '2020-01-02', 'AP', NULL, 'h', 5, 1,"
			     " 'v', '0.0.1', '2020-01-02T00:00:00Z');"
			     "INSERT INTO events(doc_id, sentence, date, source, target, code, root,"
			     " quad_class, goldstein, dict_version, dyad_version) VALUES ('old', 0,"
			     " '2020-01-02', 'USA', 'CHN', '040', '04', 1, 1.0, 'v', '0.0.1');",
			     NULL, NULL, NULL), SQLITE_OK);
	dyad_store_close(s);
	/* reading an old file does not migrate it */
	dyad_store_options ro = { .write = false };
	s = dyad_store_open(P("old.db"), &ro, &err);
	T_CHECK(s != NULL);
	if (s) {
		T_INTEQ(dyad_store_schema_version(s), 1);
		dyad_query q = { .dedup = DYAD_DEDUP_DAILY };
		struct rows r = { .len = 0 };
		T_INTEQ(dyad_store_query(s, &q, collect, &r, &err), DYAD_EDB);
		dyad_store_close(s);
	}
	/* one step at a time, then to the latest */
	o.schema_version = 2;
	s = dyad_store_open(P("old.db"), &o, &err);
	T_CHECK(s != NULL);
	if (s) {
		T_INTEQ(dyad_store_schema_version(s), 2);
		T_INTEQ(count(s, "SELECT count(*) FROM documents WHERE n_sentences IS NULL"), 1);
		dyad_store_close(s);
	}
	o.schema_version = 3;
	s = dyad_store_open(P("old.db"), &o, &err);
	T_CHECK(s != NULL);
	if (s) {
		T_INTEQ(dyad_store_schema_version(s), 3);
		T_INTEQ(count(s, "SELECT count(*) FROM pragma_table_info('events')"
				 " WHERE name LIKE 'location%'"), 0);
		dyad_store_close(s);
	}
	/* a version-3 file read without migrating: exports have no locations */
	s = dyad_store_open(P("old.db"), &ro, &err);
	T_CHECK(s != NULL);
	if (s) {
		dyad_query q = { .limit = 1 };
		struct rows r = { .len = 0 };
		T_INTEQ(dyad_store_export(s, "gdelt", &q, collect, &r, &err), 0);
		T_CHECKF(r.n == 1 && strstr(r.buf, "|0||||||||") != NULL, "%.400s", r.buf);
		memset(&r, 0, sizeof r);
		T_INTEQ(dyad_store_export(s, "csv", &q, collect, &r, &err), 0);
		T_INTEQ(r.n, 1);
		dyad_store_close(s);
	}
	o.schema_version = 0;
	s = dyad_store_open(P("old.db"), &o, &err);
	T_CHECK(s != NULL);
	if (!s)
		return;
	T_INTEQ(dyad_store_schema_version(s), DYAD_STORE_SCHEMA);
	/* 3 -> 4: nine location columns, NULL for the event stored before */
	T_INTEQ(count(s, "SELECT count(*) FROM pragma_table_info('events')"
			 " WHERE name LIKE 'location%'"), 9);
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE doc_id = 'old' AND"
			 " location_name IS NULL AND location_lat IS NULL"), 1);
	T_INTEQ(count(s, "SELECT count(*) FROM events_daily WHERE location_name IS NULL"), 1);
	T_INTEQ(count(s, "PRAGMA user_version"), DYAD_STORE_SCHEMA);
	T_INTEQ(count(s, "SELECT count(*) FROM events_daily"), 1);
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE doc_id = 'old'"), 1);
	T_INTEQ(count(s, "SELECT value FROM meta WHERE key = 'schema_version'"), DYAD_STORE_SCHEMA);
	dyad_store_close(s);
}

static void test_refuse(void)
{
	dyad_error err = { 0 };
	dyad_store_options w = { .write = true }, r = { .write = false };
	/* not SQLite */
	FILE *f = fopen(P("text.db"), "w");
	if (f) {
		fputs("this is not a database, it is a text file of some length ...\n", f);
		fclose(f);
	}
	T_CHECK(dyad_store_open(P("text.db"), &w, &err) == NULL);
	T_INTEQ(err.code, DYAD_EDB);
	T_CHECK(strstr(err.msg, "not a SQLite database") != NULL);
	/* SQLite, but not ours */
	sqlite3 *db;
	T_INTEQ(sqlite3_open(P("foreign.db"), &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)", NULL, NULL, NULL);
	sqlite3_close(db);
	T_CHECK(dyad_store_open(P("foreign.db"), &w, &err) == NULL);
	T_INTEQ(err.code, DYAD_EDB);
	T_CHECK(strstr(err.msg, "not a dyad database") != NULL);
	T_CHECK(sqlite3_open(P("foreign.db"), &db) == SQLITE_OK);
	sqlite3_stmt *st;
	int ntab = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			ntab = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	T_INTEQ(ntab, 1);   /* untouched */
	/* newer */
	dyad_store *s = dyad_store_open(P("newer.db"), &w, &err);
	T_CHECK(s != NULL);
	if (s) {
		sqlite3_exec(s->db, "PRAGMA user_version = 99", NULL, NULL, NULL);
		dyad_store_close(s);
	}
	T_CHECK(dyad_store_open(P("newer.db"), &w, &err) == NULL);
	T_INTEQ(err.code, DYAD_EDB);
	T_CHECK(strstr(err.msg, "newer") != NULL);
	T_CHECK(dyad_store_open(P("newer.db"), &r, &err) == NULL);
	/* absent or empty, for reading */
	T_CHECK(dyad_store_open(P("absent.db"), &r, &err) == NULL);
	T_CHECK(access(P("absent.db"), F_OK) != 0);
	f = fopen(P("empty.db"), "w");
	if (f)
		fclose(f);
	T_CHECK(dyad_store_open(P("empty.db"), &r, &err) == NULL);
	T_INTEQ(err.code, DYAD_EDB);
	/* a writer holding the lock */
	s = open_rw("locked.db");
	T_CHECK(s != NULL);
	if (s) {
		dyad_store_begin(s, &err);
		dyad_store_options wl = { .write = true, .busy_timeout_ms = 50 };
		T_CHECK(dyad_store_open(P("locked.db"), &wl, &err) == NULL);
		T_INTEQ(err.code, DYAD_EBUSY);
		dyad_store_rollback(s);
		dyad_store_close(s);
	}
}

/* Three outlets report one meeting; one of them twice the same day. */
static dyad_store *news(void)
{
	dyad_store *s = open_rw("news.db");
	dyad_worker *w = dyad_worker_new(eng);
	if (!s || !w)
		return s;
	dyad_error err = { 0 };
	dyad_store_begin(s, &err);
	put(s, w, "r1", "2024-09-25", "Reuters",
	    "Azerbaijani Foreign Minister Jeyhun Bayramov met with the Secretary General of the "
	    "Economic Cooperation Organization, Asad Majid Khan, in New York on Wednesday.");
	put(s, w, "t1", "2024-09-26", "Trend",
	    "Azerbaijani Foreign Minister Jeyhun Bayramov met with the Secretary General of the "
	    "Economic Cooperation Organization, Asad Majid Khan, in New York to discuss transport.");
	put(s, w, "a1", "2024-09-25", "AP",
	    "Azerbaijani Foreign Minister Jeyhun Bayramov met the Secretary General of the "
	    "Economic Cooperation Organization in New York.");
	put(s, w, "a2", "2024-09-25", "AP",
	    "Azerbaijani Foreign Minister Jeyhun Bayramov met the Secretary General of the "
	    "Economic Cooperation Organization in New York, officials said.");
	put(s, w, "x1", "2024-10-20", "AP",
	    "Azerbaijani Foreign Minister Jeyhun Bayramov met the Secretary General of the "
	    "Economic Cooperation Organization in Baku about grain exports.");
	put(s, w, "u1", "2024-03-12", "AP",
	    "Russian forces shelled the Ukrainian city of Kharkiv. Ukraine accused Russia of targeting civilians.");
	dyad_store_commit(s, &err);
	dyad_worker_free(w);
	return s;
}

static void test_query(void)
{
	dyad_store *s = news();
	T_CHECK(s != NULL);
	if (!s)
		return;
	dyad_error err = { 0 };
	long long meet = count(s, "SELECT count(*) FROM events WHERE source = 'AZEGOV' AND target = 'IGOECO'");
	T_INTEQ(meet, 5);
	/* prefix, either direction, lower case */
	const char *aze[] = { "aze" };
	dyad_query q = { .source = aze, .nsource = 1 };
	struct rows r = { .len = 0 };
	T_INTEQ(dyad_store_query(s, &q, collect, &r, &err), 0);
	T_INTEQ(r.n, 5);
	T_CHECK(strncmp(r.names, "event_id|date|source|target|code", 32) == 0);
	dyad_query qd = { .dyad_a = "IGO", .dyad_b = "AZE" };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qd, collect, &r, &err), 0);
	T_INTEQ(r.n, 5);
	dyad_query qt = { .text = "GRAIN" };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qt, collect, &r, &err), 0);
	T_INTEQ(r.n, 1);
	dyad_query qf = { .from = 20240926, .to = 20241231 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qf, collect, &r, &err), 0);
	T_INTEQ(r.n, 2);
	const char *c04[] = { "04" };
	dyad_query qc = { .code = c04, .ncode = 1, .quad = 1u << 1 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qc, collect, &r, &err), 0);
	T_INTEQ(r.n, 5);
	dyad_query qq = { .quad = 1u << 4 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qq, collect, &r, &err), 0);
	T_CHECK(r.n >= 1 && strstr(r.buf, "|19|") != NULL);
	/* aggregate: month x dyad with Goldstein and quad counts */
	dyad_query qa = { .agg = DYAD_AGG_MONTH, .by = DYAD_BY_DYAD, .source = aze, .nsource = 1 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qa, collect, &r, &err), 0);
	T_CHECKF(!strcmp(r.names, "period|source|target|events|goldstein_sum|goldstein_mean|"
			 "verbal_coop|material_coop|verbal_conflict|material_conflict"), "%.300s", r.names);
	T_CHECKF(!strcmp(r.buf, "2024-09|AZEGOV|IGOECO|4|4.0|1.0|4|0|0|0\n"
			 "2024-10|AZEGOV|IGOECO|1|1.0|1.0|1|0|0|0\n"), "%.300s", r.buf);
	dyad_query qw = { .agg = DYAD_AGG_WEEK, .source = aze, .nsource = 1 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qw, collect, &r, &err), 0);
	T_CHECK(strncmp(r.buf, "2024-09-23|4|", 13) == 0);   /* Monday */
	/* one a day: r1, a1, a2 are one; t1 (26th) and x1 are others */
	dyad_query qdaily = { .dedup = DYAD_DEDUP_DAILY, .source = aze, .nsource = 1 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qdaily, collect, &r, &err), 0);
	T_INTEQ(r.n, 3);
	T_CHECK(strstr(r.buf, "|r1|") == NULL || strstr(r.buf, "|a1|") == NULL);
	T_CHECK(strstr(r.buf, "|a1|0|AP||") != NULL);   /* the first by document id */
	T_CHECKF(strstr(r.buf, "|3|2|3\n") != NULL, "%.400s", r.buf);   /* mentions, sources, articles */
	dyad_store_close(s);
}

static void test_cluster(void)
{
	dyad_store *s = news();
	T_CHECK(s != NULL);
	if (!s)
		return;
	dyad_error err = { 0 };
	dyad_query q = { .dedup = DYAD_DEDUP_CLUSTER };
	struct rows r = { .len = 0 };
	T_INTEQ(dyad_store_query(s, &q, collect, &r, &err), DYAD_EDB);   /* not built yet */
	size_t n = 0;
	T_INTEQ(dyad_store_cluster(s, NULL, &n, &err), 0);
	T_CHECK(dyad_store_clusters_fresh(s));
	/* r1, t1, a1, a2 (25th-26th, New York) are one; x1 (October) another */
	T_INTEQ(count(s, "SELECT count(*) FROM event_clusters c JOIN events e USING (event_id)"
		    " WHERE e.source = 'AZEGOV'"), 2);
	T_INTEQ(count(s, "SELECT num_mentions * 100 + num_sources * 10 + num_articles FROM"
		    " event_clusters c JOIN events e USING (event_id) WHERE e.source = 'AZEGOV'"
		    " AND e.date = '2024-09-25'"), 434);
	/* the canonical event is the first: the earliest date, then document */
	T_INTEQ(count(s, "SELECT count(*) FROM event_clusters c JOIN events e USING (event_id)"
		    " WHERE e.doc_id = 'a1'"), 1);
	const char *aze[] = { "AZE" };
	dyad_query qa = { .dedup = DYAD_DEDUP_CLUSTER, .agg = DYAD_AGG_YEAR, .source = aze, .nsource = 1 };
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_query(s, &qa, collect, &r, &err), 0);
	T_CHECK(strncmp(r.buf, "2024|2|5|", 9) == 0);   /* clusters, mentions */
	/* reproducible */
	char before[4096] = "", after[4096] = "";
	sqlite3_stmt *st;
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			T_INTEQ(dyad_store_cluster(s, NULL, &n, &err), 0);
		char *out = pass ? after : before;
		size_t k = 0;
		if (sqlite3_prepare_v2(s->db, "SELECT cluster_id, m.event_id, num_mentions FROM"
				       " cluster_members m JOIN event_clusters USING (cluster_id)"
				       " ORDER BY m.event_id", -1, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "%s\n", sqlite3_errmsg(s->db));
		} else {
			while (sqlite3_step(st) == SQLITE_ROW && k < 4000)
				k += (size_t)snprintf(out + k, 4096 - k, "%lld,%lld,%lld;",
						      sqlite3_column_int64(st, 0),
						      sqlite3_column_int64(st, 1),
						      sqlite3_column_int64(st, 2));
			sqlite3_finalize(st);
		}
	}
	T_CHECK(before[0] != 0);
	T_CHECKF(!strcmp(after, before), "%.200s / %.200s", after, before);
	/* a tighter overlap separates the reports; window 0 splits the 26th */
	dyad_cluster_options o = { 0, -1 };
	T_INTEQ(dyad_store_cluster(s, &o, &n, &err), 0);
	T_INTEQ(count(s, "SELECT count(*) FROM event_clusters c JOIN events e USING (event_id)"
		    " WHERE e.source = 'AZEGOV'"), 3);
	dyad_cluster_options strict = { 2, 1.0 };
	T_INTEQ(dyad_store_cluster(s, &strict, &n, &err), 0);
	T_CHECK(count(s, "SELECT count(*) FROM event_clusters c JOIN events e USING (event_id)"
		      " WHERE e.source = 'AZEGOV'") >= 3);
	/* new events make the clusters stale */
	dyad_worker *w = dyad_worker_new(eng);
	dyad_store_begin(s, &err);
	put(s, w, "z9", "2024-09-25", "BBC", "Armenia and Azerbaijan signed a peace agreement.");
	dyad_store_commit(s, &err);
	dyad_worker_free(w);
	T_CHECK(!dyad_store_clusters_fresh(s));
	dyad_store_close(s);
}

static int nf;
static int fields(void *ctx, const dyad_row *row)
{
	struct rows *r = ctx;
	if (row->values)
		return collect(ctx, row);
	nf = row->ncols;
	return collect(r, row);
}

static void test_export(void)
{
	dyad_store *s = news();
	T_CHECK(s != NULL);
	if (!s)
		return;
	dyad_error err = { 0 };
	static const struct { const char *name; int ncols; const char *first; } want[] = {
		{ "gdelt", 61, "GLOBALEVENTID|SQLDATE|MonthYear|Year|FractionDate|Actor1Code|" },
		{ "phoenix", 26, "EventID|Date|Year|Month|Day|SourceActorFull|SourceActorEntity|" },
		{ "icews", 20, "Event ID|Event Date|Source Name|Source Sectors|Source Country|Event Text|" },
		{ "polecat", 40, "Event ID|Event Date|Event Type|Event Mode|Intensity|Quad Code|" },
		{ "csv", 31, "doc_id|sentence|date|source|target|code|root|quad_class|goldstein|" },
	};
	const char *aze[] = { "AZE" };
	dyad_query q = { .source = aze, .nsource = 1, .limit = 1 };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct rows r = { .len = 0 };
		nf = 0;
		T_INTEQ(dyad_store_export(s, want[i].name, &q, fields, &r, &err), 0);
		T_INTEQ(nf, want[i].ncols);
		T_CHECKF(strncmp(r.names, want[i].first, strlen(want[i].first)) == 0, "%s: %.200s",
			 want[i].name, r.names);
		T_INTEQ(r.n, 1);
		/* CAMEO codes keep their leading zero */
		T_CHECKF(strstr(r.buf, "|040|") || strstr(r.buf, "|CONSULT|"), "%s: %.200s",
			 want[i].name, r.buf);
	}
	struct rows r = { .len = 0 };
	T_INTEQ(dyad_store_export(s, "gdelt", &q, collect, &r, &err), 0);
	/* GDELT: date parts, actor split, IsRootEvent, codes, counts */
	T_CHECKF(strstr(r.buf, "|20240925|202409|2024|2024.") != NULL, "%.300s", r.buf);
	T_CHECKF(strstr(r.buf, "|AZEGOV|AZERBAIJANI FOREIGN MINISTER JEYHUN BAYRAMOV|AZE|||||GOV|||IGOECO|") != NULL,
		 "%.300s", r.buf);
	T_CHECKF(strstr(r.buf, "|1|040|040|04|1|1.0|1|1|1||0|") != NULL, "%.300s", r.buf);
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "phoenix", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|20240925|2024|09|25|AZEGOV|AZE|GOV||IGOECO|IGO||ECO|040|04|1|1.0|") != NULL,
		 "%.300s", r.buf);
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "icews", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|Consult, not specified below|040|1.0|") != NULL ||
		 strstr(r.buf, "|040|1.0|") != NULL, "%.300s", r.buf);
	T_CHECK(dyad_store_export(s, "nope", &q, collect, &r, &err) == DYAD_EUSAGE);
	dyad_store_close(s);
}

/* Locations: stored with the event (schema 4) and in every export. */
static void test_export_location(void)
{
	dyad_store *s = news();
	T_CHECK(s != NULL);
	if (!s)
		return;
	dyad_error err = { 0 };
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE doc_id = 'a1' AND location_name = "
			 "'New York' AND location_type = 'city' AND location_country = 'US' AND "
			 "location_country3 = 'USA' AND location_country_name = 'United States' AND "
			 "location_admin1 = 'New York' AND location_lat BETWEEN 40.7 AND 40.8 AND "
			 "location_lon BETWEEN -74.1 AND -74.0 AND location_from = 'sentence'"), 1);
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE doc_id = 'x1' AND location_name = "
			 "'Baku' AND location_country = 'AZ'"), 1);
	/* "Ukraine accused Russia": no place */
	T_INTEQ(count(s, "SELECT count(*) FROM events WHERE doc_id = 'u1' AND code = '112' AND "
			 "location_name IS NULL AND location_lat IS NULL"), 1);
	const char *aze[] = { "AZE" };
	dyad_query q = { .source = aze, .nsource = 1, .limit = 1 };   /* a1: in New York */
	struct rows r = { .len = 0 };
	T_INTEQ(dyad_store_export(s, "gdelt", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|3|New York, United States|US|||40.71427|-74.00597||") != NULL,
		 "%.400s", r.buf);
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "phoenix", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|40.71427|-74.00597|New York|New York|USA|") != NULL, "%.300s", r.buf);
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "icews", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|New York||New York|United States|40.71427|-74.00597\n") != NULL,
		 "%.300s", r.buf);
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "polecat", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|New York|New York||New York|United States|40.71427|-74.00597||"
			       "New York|city|") != NULL, "%.300s", r.buf);
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "csv", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|New York|city|US|New York|40.7143|-74.0060|") != NULL, "%.300s", r.buf);
	/* one a day keeps the location */
	q.dedup = DYAD_DEDUP_DAILY;
	memset(&r, 0, sizeof r);
	T_INTEQ(dyad_store_export(s, "csv", &q, collect, &r, &err), 0);
	T_CHECKF(strstr(r.buf, "|New York|city|US|New York|40.7143|-74.0060|") != NULL, "%.300s", r.buf);
	dyad_store_close(s);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-store-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	eng = load("data");
	if (!eng) {
		printf("FAIL %s:load: cannot load data/\n", __FILE__);
		return 1;
	}
	T_RUN(test_sha256);
	T_RUN(test_dict_version);
	T_RUN(test_create);
	T_RUN(test_put);
	T_RUN(test_migrate);
	T_RUN(test_refuse);
	T_RUN(test_query);
	T_RUN(test_cluster);
	T_RUN(test_export);
	T_RUN(test_export_location);
	dyad_engine_free(eng);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return t_exit();
}
