/*
 * store_dedup.c - cross-report clustering: the same event reported by
 * several outlets becomes one cluster with GDELT's counts.
 *
 * Two events are reports of the same event when they have the same
 * source, target and CAMEO root code, their dates are at most
 * window_days apart (measured from the cluster's first date), and their
 * evidence words overlap: the words of the evidence sentence other than
 * the source, target and verb phrases (those already match), lower-cased,
 * at least 3 bytes, without stop words; overlap = |A n C| / min(|A|, |C|)
 * with C the words of the cluster so far, and an empty set overlaps
 * everything (nothing tells the reports apart).
 *
 * Determinism: events are visited in one total order (source, target,
 * root, date, document, sentence, position, code, event id); each joins
 * the oldest open cluster it matches or starts a new one; cluster ids are
 * numbered in creation order. Same events and options, same clusters.
 * The canonical event of a cluster is its first (earliest) member.
 * num_mentions counts member events, num_articles distinct documents,
 * num_sources distinct publishers (a document without one counts as the
 * publisher "").
 */
#include "store.h"
#include <stdio.h>

#define DEFAULT_WINDOW 2
#define DEFAULT_OVERLAP 0.25

struct u64set { uint64_t *v; size_t n, cap; };

static int set_add(struct u64set *s, uint64_t x)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == x)
			return 0;
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 8;
		uint64_t *p = realloc(s->v, nc * sizeof *p);
		if (!p)
			return DYAD_ENOMEM;
		s->v = p;
		s->cap = nc;
	}
	s->v[s->n++] = x;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

static const char *const stop[] = {
	"about", "after", "against", "also", "and", "are", "been", "before", "being",
	"between", "both", "but", "can", "could", "did", "does", "during", "for", "from",
	"had", "has", "have", "her", "his", "into", "its", "may", "more", "not", "now",
	"officials", "one", "other", "our", "over", "reported", "said", "saying", "says",
	"she", "some", "than", "that", "the", "their", "them", "then", "there", "these",
	"they", "this", "those", "told", "two", "under", "was", "were", "what", "when",
	"where", "which", "while", "who", "will", "with", "would", "you",
};

static bool is_stop(const char *w, size_t n)
{
	size_t lo = 0, hi = ARRAY_SIZE(stop);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(stop[mid], w, n);
		if (!c && stop[mid][n])
			c = 1;
		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Content words of text[0,n) outside the masked spans, hashed, sorted,
 * unique. */
static int words(const char *text, size_t n, const size_t mask[3][2], struct u64set *out)
{
	out->n = 0;
	char w[64];
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)text[i];
		bool wc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c >= 0x80;
		if (!wc) {
			i++;
			continue;
		}
		size_t j = i;
		size_t k = 0;
		while (j < n) {
			unsigned char d = (unsigned char)text[j];
			if (!((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') ||
			      (d >= '0' && d <= '9') || d >= 0x80))
				break;
			if (k < sizeof w)
				w[k++] = (char)(d >= 'A' && d <= 'Z' ? d + 32 : d);
			j++;
		}
		bool masked = false;
		for (int m = 0; m < 3; m++)
			if (i < mask[m][1] && j > mask[m][0])
				masked = true;
		if (!masked && k >= 3 && !is_stop(w, k)) {
			uint64_t h = fnv(w, k);
			if (out->n == out->cap) {
				size_t nc = out->cap ? out->cap * 2 : 32;
				uint64_t *p = realloc(out->v, nc * sizeof *p);
				if (!p)
					return DYAD_ENOMEM;
				out->v = p;
				out->cap = nc;
			}
			out->v[out->n++] = h;
		}
		i = j;
	}
	if (out->n > 1) {
		qsort(out->v, out->n, sizeof *out->v, cmp_u64);
		size_t u = 1;
		for (size_t x = 1; x < out->n; x++)
			if (out->v[x] != out->v[u - 1])
				out->v[u++] = out->v[x];
		out->n = u;
	}
	return 0;
}

static double overlap(const struct u64set *a, const struct u64set *b)
{
	size_t m = MIN(a->n, b->n);
	if (!m)
		return 1.0;
	size_t i = 0, j = 0, both = 0;
	while (i < a->n && j < b->n) {
		if (a->v[i] == b->v[j]) {
			both++;
			i++;
			j++;
		} else if (a->v[i] < b->v[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)both / (double)m;
}

/* c = c u a (both sorted) */
static int merge(struct u64set *c, const struct u64set *a)
{
	size_t need = c->n + a->n;
	uint64_t *v = malloc((need ? need : 1) * sizeof *v);
	if (!v)
		return DYAD_ENOMEM;
	size_t i = 0, j = 0, k = 0;
	while (i < c->n || j < a->n) {
		if (j == a->n || (i < c->n && c->v[i] < a->v[j]))
			v[k++] = c->v[i++];
		else if (i == c->n || a->v[j] < c->v[i])
			v[k++] = a->v[j++];
		else {
			v[k++] = c->v[i++];
			j++;
		}
	}
	free(c->v);
	c->v = v;
	c->n = k;
	c->cap = need ? need : 1;
	return 0;
}

struct cluster {
	sqlite3_int64 id, event_id;
	double first_day;         /* julian day; < 0: no date (never joined) */
	char first_date[16], last_date[16];
	sqlite3_int64 mentions;
	struct u64set words, docs, pubs;
};

struct state {
	struct dyad_store *s;
	sqlite3_stmt *ins_cluster, *ins_member;
	struct cluster *open;
	size_t nopen, capopen;
	sqlite3_int64 next_id;
	dyad_error *err;
};

static void cluster_release(struct cluster *c)
{
	free(c->words.v);
	free(c->docs.v);
	free(c->pubs.v);
}

static int flush(struct state *st, size_t i)
{
	struct cluster *c = &st->open[i];
	sqlite3_stmt *q = st->ins_cluster;
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, c->id);
	sqlite3_bind_int64(q, 2, c->event_id);
	if (c->first_date[0]) {
		sqlite3_bind_text(q, 3, c->first_date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 4, c->last_date, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(q, 3);
		sqlite3_bind_null(q, 4);
	}
	sqlite3_bind_int64(q, 5, c->mentions);
	sqlite3_bind_int64(q, 6, (sqlite3_int64)c->pubs.n);
	sqlite3_bind_int64(q, 7, (sqlite3_int64)c->docs.n);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	cluster_release(c);
	memmove(&st->open[i], &st->open[i + 1], (st->nopen - i - 1) * sizeof *st->open);
	st->nopen--;
	return rc == SQLITE_DONE ? 0 : store_err(st->s, st->err, rc, "cannot write");
}

static const char select_sql[] =
	"SELECT e.event_id, e.source, e.target, e.root, e.date, julianday(e.date),"
	" e.doc_id, coalesce(d.publisher, ''), s.text, s.start,"
	" e.source_start, e.source_end, e.target_start, e.target_end,"
	" e.verb_start, e.verb_end"
	" FROM events e JOIN documents d ON d.doc_id = e.doc_id"
	" LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence = e.sentence"
	" ORDER BY e.source, e.target, e.root, e.date, e.doc_id, e.sentence,"
	" e.evidence_start, e.verb_start, e.code, e.event_id";

static int col_eq(sqlite3_stmt *q, int i, const char *prev)
{
	const unsigned char *v = sqlite3_column_text(q, i);
	return v && !strcmp((const char *)v, prev);
}

static int run(struct state *st, int window, double minov)
{
	struct dyad_store *s = st->s;
	sqlite3_stmt *q = NULL;
	struct u64set ws = { 0 };
	char key[3][40] = { "", "", "" };
	bool have_key = false;
	int rc = sqlite3_prepare_v2(s->db, select_sql, -1, &q, NULL);
	if (rc)
		return store_err(s, st->err, rc, "cannot read");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		bool same = have_key && col_eq(q, 1, key[0]) && col_eq(q, 2, key[1]) &&
			    col_eq(q, 3, key[2]);
		if (!same) {
			while (st->nopen)
				if ((rc = flush(st, 0)))
					goto out;
			for (int k = 0; k < 3; k++) {
				const unsigned char *v = sqlite3_column_text(q, k + 1);
				snprintf(key[k], sizeof key[k], "%s", v ? (const char *)v : "");
			}
			have_key = true;
		}
		sqlite3_int64 eid = sqlite3_column_int64(q, 0);
		const unsigned char *date = sqlite3_column_text(q, 4);
		double day = sqlite3_column_type(q, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(q, 5);
		const char *doc = (const char *)sqlite3_column_text(q, 6);
		uint64_t doc_h = fnv(doc ? doc : "", doc ? strlen(doc) : 0);
		const char *pub = (const char *)sqlite3_column_text(q, 7);
		uint64_t pub_h = fnv(pub ? pub : "", pub ? strlen(pub) : 0);
		const char *text = (const char *)sqlite3_column_text(q, 8);
		size_t tn = (size_t)sqlite3_column_bytes(q, 8);
		sqlite3_int64 base = sqlite3_column_int64(q, 9);
		size_t mask[3][2];
		for (int m = 0; m < 3; m++) {
			sqlite3_int64 a = sqlite3_column_int64(q, 10 + 2 * m) - base;
			sqlite3_int64 b = sqlite3_column_int64(q, 11 + 2 * m) - base;
			mask[m][0] = a < 0 ? 0 : (size_t)a;
			mask[m][1] = b < 0 ? 0 : (size_t)b;
		}
		if ((rc = words(text ? text : "", text ? tn : 0, (const size_t (*)[2])mask, &ws)))
			goto out;
		/* clusters that started more than window days ago are closed */
		for (size_t i = 0; i < st->nopen;) {
			if (day >= 0 && st->open[i].first_day >= 0 &&
			    day - st->open[i].first_day > window) {
				if ((rc = flush(st, i)))
					goto out;
			} else {
				i++;
			}
		}
		struct cluster *c = NULL;
		for (size_t i = 0; day >= 0 && i < st->nopen && !c; i++)
			if (st->open[i].first_day >= 0 && overlap(&ws, &st->open[i].words) >= minov)
				c = &st->open[i];
		if (!c) {
			if (st->nopen == st->capopen) {
				size_t nc = st->capopen ? st->capopen * 2 : 16;
				struct cluster *p = realloc(st->open, nc * sizeof *p);
				if (!p) {
					rc = DYAD_ENOMEM;
					goto out;
				}
				st->open = p;
				st->capopen = nc;
			}
			c = &st->open[st->nopen++];
			memset(c, 0, sizeof *c);
			c->id = ++st->next_id;
			c->event_id = eid;
			c->first_day = day;
			snprintf(c->first_date, sizeof c->first_date, "%s", date ? (const char *)date : "");
		}
		snprintf(c->last_date, sizeof c->last_date, "%s", date ? (const char *)date : "");
		c->mentions++;
		if ((rc = merge(&c->words, &ws)) || (rc = set_add(&c->docs, doc_h)) ||
		    (rc = set_add(&c->pubs, pub_h)))
			goto out;
		sqlite3_stmt *m = st->ins_member;
		sqlite3_reset(m);
		sqlite3_bind_int64(m, 1, eid);
		sqlite3_bind_int64(m, 2, c->id);
		int mrc = sqlite3_step(m);
		sqlite3_reset(m);
		if (mrc != SQLITE_DONE) {
			rc = store_err(s, st->err, mrc, "cannot write");
			goto out;
		}
		/* a dateless event never joins: close its cluster at once */
		if (day < 0 && (rc = flush(st, (size_t)(c - st->open))))
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = store_err(s, st->err, rc, "cannot read");
		goto out;
	}
	rc = 0;
	while (st->nopen && !rc)
		rc = flush(st, 0);
out:
	if (rc == DYAD_ENOMEM)
		dyad_seterr(st->err, rc, NULL, 0, -1, "out of memory");
	sqlite3_finalize(q);
	free(ws.v);
	return rc;
}

int dyad_store_cluster(dyad_store *s, const dyad_cluster_options *opt,
		       size_t *nclusters, dyad_error *err)
{
	int window = opt && opt->window_days >= 0 ? opt->window_days : DEFAULT_WINDOW;
	double minov = opt && opt->min_overlap >= 0 ? opt->min_overlap : DEFAULT_OVERLAP;
	if (!s->write)
		return dyad_seterr(err, DYAD_EUSAGE, s->path, 0, -1, "'%s' is open read-only", s->path);
	struct state st = { .s = s, .err = err };
	int rc = store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	if ((rc = store_exec(s, "DELETE FROM cluster_members; DELETE FROM event_clusters", err)))
		goto out;
	int src = sqlite3_prepare_v2(s->db, "INSERT INTO event_clusters(cluster_id, event_id,"
				     " first_date, last_date, num_mentions, num_sources,"
				     " num_articles) VALUES (?, ?, ?, ?, ?, ?, ?)", -1,
				     &st.ins_cluster, NULL);
	if (!src)
		src = sqlite3_prepare_v2(s->db, "INSERT INTO cluster_members(event_id, cluster_id)"
					 " VALUES (?, ?)", -1, &st.ins_member, NULL);
	if (src) {
		rc = store_err(s, err, src, "cannot write");
		goto out;
	}
	if ((rc = run(&st, window, minov)))
		goto out;
	char num[64];
	long long ev = store_meta_int(s, "events_version", 0);
	snprintf(num, sizeof num, "%lld", ev);
	if ((rc = store_meta_set(s, "clusters_version", num, err)))
		goto out;
	snprintf(num, sizeof num, "%d", window);
	if ((rc = store_meta_set(s, "cluster_window_days", num, err)))
		goto out;
	snprintf(num, sizeof num, "%g", minov);
	if ((rc = store_meta_set(s, "cluster_min_overlap", num, err)))
		goto out;
	rc = store_exec(s, "COMMIT", err);
out:
	for (size_t i = 0; i < st.nopen; i++)
		cluster_release(&st.open[i]);
	free(st.open);
	sqlite3_finalize(st.ins_cluster);
	sqlite3_finalize(st.ins_member);
	if (rc && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	if (!rc && nclusters)
		*nclusters = (size_t)st.next_id;
	return rc;
}

bool dyad_store_clusters_fresh(dyad_store *s)
{
	long long c = store_meta_int(s, "clusters_version", -1);
	return c >= 0 && c == store_meta_int(s, "events_version", 0);
}
