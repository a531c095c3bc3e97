/* test_caps.c - the documented caps on untrusted input (docs/reliability.md):
 * dyad_worker_options.max_sentence_tokens and max_events,
 * dyad_engine_options.max_entry_bytes, dyad_reader_options.max_doc_bytes. */
#include "internal.h"
#include "t.h"
#include <stdio.h>
#include <unistd.h>

static dyad_engine *eng;
static char dir[64];

static const dyad_result *code(dyad_worker *w, const char *text, int *rc, dyad_error *err)
{
	dyad_doc d = { .id = "t", .id_len = 1, .text = text, .text_len = strlen(text),
		       .date = 20240304 };
	const dyad_result *r = NULL;
	memset(err, 0, sizeof *err);
	*rc = dyad_code(w, &d, &r, err);
	return *rc ? NULL : r;
}

static void test_defaults(void)
{
	dyad_worker *w = dyad_worker_new_opts(eng, NULL);
	dyad_error err;
	int rc;
	const dyad_result *r = code(w, "Russia and China condemned the United States.", &rc, &err);
	T_INTEQ(rc, 0);
	T_CHECK(r && r->n_events == 2 && r->n_long_sentences == 0);
	/* the same event twice in a document is reported once; others stay */
	r = code(w, "Russia condemned the United States. China condemned the United States. "
		 "Russia condemned the United States.", &rc, &err);
	T_CHECK(r && r->n_events == 2);
	dyad_worker_free(w);
}

static void test_sentence_tokens(void)
{
	dyad_worker_options o = { .max_sentence_tokens = 16 };
	dyad_worker *w = dyad_worker_new_opts(eng, &o);
	dyad_error err;
	int rc;
	/* 17 tokens: not coded, counted; the next sentence is coded */
	const dyad_result *r = code(w, "Russia and China and France and Germany and Italy and "
				    "Spain condemned the United States today. "
				    "Russia condemned the United States.", &rc, &err);
	T_INTEQ(rc, 0);
	T_CHECK(r != NULL);
	if (r) {
		T_INTEQ(r->n_long_sentences, 1);
		T_INTEQ(r->n_sentences, 2);
		T_INTEQ(r->n_events, 1);
		T_CHECK(r->n_events == 1 && r->events[0].sentence == 1);
	}
	/* at the cap: coded */
	r = code(w, "Russia condemned the United States.", &rc, &err);
	T_CHECK(r && r->n_long_sentences == 0 && r->n_events == 1);
	dyad_worker_free(w);
	/* the default is 4096 tokens */
	w = dyad_worker_new(eng);
	char *big = malloc(4100 * 3 + 64);
	size_t n = 0;
	for (int i = 0; i < 4100; i++) {
		memcpy(big + n, "aa ", 3);
		n += 3;
	}
	memcpy(big + n, ". Russia condemned the United States.", 38);
	r = code(w, big, &rc, &err);
	T_CHECK(r && r->n_long_sentences == 1 && r->n_events == 1);
	free(big);
	dyad_worker_free(w);
}

static void test_events(void)
{
	dyad_worker_options o = { .max_events = 1 };
	dyad_worker *w = dyad_worker_new_opts(eng, &o);
	dyad_error err;
	int rc;
	const dyad_result *r = code(w, "Russia condemned the United States.", &rc, &err);
	T_CHECK(r && r->n_events == 1);
	r = code(w, "Russia and China condemned the United States.", &rc, &err);
	T_INTEQ(rc, DYAD_ETOOBIG);
	T_STREQ(err.msg, "too many events (more than 1)");
	/* the worker goes on with the next document */
	r = code(w, "China condemned the United States.", &rc, &err);
	T_CHECK(r && r->n_events == 1);
	dyad_worker_free(w);
	/* many distinct events in one document: all kept (the duplicate check
	 * is a hash table, not a scan of the events so far) */
	o.max_events = 0;
	w = dyad_worker_new_opts(eng, &o);
	static const char *const c[] = { "Russia", "China", "France", "Germany", "Iran",
					 "Japan", "India", "Brazil", "Egypt", "Turkey" };
	char *text = malloc(100 * 64);
	size_t n = 0;
	for (int i = 0; i < 10; i++)
		for (int j = 0; j < 10; j++)
			if (i != j)
				n += (size_t)snprintf(text + n, 64, "%s condemned %s. ", c[i], c[j]);
	r = code(w, text, &rc, &err);
	T_CHECK(r && r->n_events == 90);
	free(text);
	dyad_worker_free(w);
}

struct probs { int n; long line; char msg[256]; char file[256]; };

static void on_problem(void *ctx, const dyad_dict_problem *p)
{
	struct probs *ps = ctx;
	if (strstr(p->msg, "line longer than") && !ps->n++) {
		ps->line = p->line;
		snprintf(ps->msg, sizeof ps->msg, "%s", p->msg);
		snprintf(ps->file, sizeof ps->file, "%s", p->file);
	}
}

static void put(const char *name, const char *text, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_entry_bytes(void)
{
	char pa[128], pt[128];
	char line[400];
	memset(line, 'X', 300);
	line[300] = 0;
	char petr[1024], tab[1024];
	snprintf(petr, sizeof petr, "RUSSIA_ [RUS]\n+%s_ [FRA]\nCHINA_ [CHN]\n", line);
	snprintf(tab, sizeof tab, "RUSSIA [RUS]\n%s [FRA]\nCHINA [CHN]\n", line);
	put("t.actors.txt", petr, pa, sizeof pa);
	put("t.actors", tab, pt, sizeof pt);
	for (int k = 0; k < 2; k++) {
		dyad_dict_file files[] = { { k ? "tabari-actors" : "actors", k ? pt : pa },
					   { "cameo", "data/cameo.tsv" } };
		struct probs ps = { 0 };
		dyad_engine_options o = { .files = files, .nfiles = 2, .no_cache = true,
					  .on_problem = on_problem, .ctx = &ps,
					  .max_entry_bytes = 200 };
		dyad_error err;
		dyad_engine *e = dyad_engine_open(&o, &err);
		T_CHECK(e != NULL);
		T_INTEQ(ps.n, 1);
		T_INTEQ(ps.line, 2);
		T_CHECK(!strncmp(ps.msg, "line longer than 200 bytes", 26));
		T_STREQ(ps.file, files[0].path);
		if (e) {
			dyad_dict_stats st;
			dyad_engine_stats(e, &st);
			T_INTEQ(st.actors, 2);   /* the lines around it are read */
		}
		dyad_engine_free(e);
		/* the default (4096) lets it through */
		memset(&ps, 0, sizeof ps);
		o.max_entry_bytes = 0;
		e = dyad_engine_open(&o, &err);
		T_CHECK(e != NULL && ps.n == 0);
		dyad_engine_free(e);
	}
	unlink(pa);
	unlink(pt);
}

static void test_doc_bytes(void)
{
	char p[128];
	char *text = malloc(3000);
	memcpy(text, "{\"id\":\"big\",\"text\":\"", 20);
	memset(text + 20, 'a', 2000);
	snprintf(text + 2020, 980, "\"}\n{\"id\":\"small\",\"text\":\"Russia.\"}\n");
	put("t.jsonl", text, p, sizeof p);
	free(text);
	dyad_reader_options ro = { .max_doc_bytes = 1024 };
	dyad_error err = { 0 };
	dyad_reader *r = dyad_reader_open(p, &ro, &err);
	T_CHECK(r != NULL);
	if (r) {
		dyad_doc d;
		T_INTEQ(dyad_reader_next(r, &d, &err), DYAD_ETOOBIG);
		T_INTEQ(err.line, 1);
		T_INTEQ(dyad_reader_next(r, &d, &err), 1);
		T_CHECK(d.id_len == 5 && !memcmp(d.id, "small", 5));
		T_INTEQ(dyad_reader_next(r, &d, &err), 0);
		dyad_reader_free(r);
	}
	unlink(p);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/dyad-test-caps-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	dyad_engine_options o = { .dict_dir = "data", .no_cache = true };
	dyad_error err;
	eng = dyad_engine_open(&o, &err);
	if (!eng) {
		printf("FAIL %s: cannot load the bundled dictionaries: %s\n", __FILE__, err.msg);
		return 1;
	}
	T_RUN(test_defaults);
	T_RUN(test_sentence_tokens);
	T_RUN(test_events);
	T_RUN(test_entry_bytes);
	T_RUN(test_doc_bytes);
	dyad_engine_free(eng);
	rmdir(dir);
	return t_exit();
}
