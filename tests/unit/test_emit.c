/*
 * test_emit.c - event output (emit.c): JSONL escaping checked by parsing
 * the lines back with jansson, TSV field cleaning, CSV quoting checked
 * with a small RFC 4180 reader, the header rows, and one document coded
 * by a small engine.
 */
#include "internal.h"
#include "t.h"

#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

/* T_STREQ with the values cut to 200 bytes in the message (the lines
 * compared here are longer than the harness's message buffer). */
static const char *nn(const char *s)
{
	return s ? s : "(null)";
}
#define STREQ(a, b) T_CHECKF(!strcmp(nn(a), nn(b)), "%s == \"%.200s\", want \"%.200s\"", \
			     #a, nn(a), nn(b))

/* A hand-made result: the text the spans point into and two events. */
static const char text[] =
	"Arnor \"accused\" Gondor,\ta back\\slash\r\nline \x01\x1f caf\xc3\xa9 \xe6\x97\xa5.";

static dyad_event ev_full(void)
{
	dyad_event e;
	memset(&e, 0, sizeof e);
	e.sentence = 2;
	e.date = 20240304;
	snprintf(e.source, sizeof e.source, "ARN");
	snprintf(e.target, sizeof e.target, "GON\"X");
	snprintf(e.code, sizeof e.code, "0211");
	snprintf(e.root, sizeof e.root, "02");
	e.quad_class = 1;
	e.goldstein = 3.0;
	snprintf(e.plover, sizeof e.plover, "REQUEST");
	e.source_start = 0;
	e.source_end = 5;                      /* Arnor */
	e.target_start = 16;
	e.target_end = 22;                     /* Gondor */
	e.ev_start = 0;
	e.ev_end = sizeof text - 1;            /* all of it */
	e.verb_start = 6;
	e.verb_end = 15;                       /* "accused" with quotes */
	snprintf(e.rule, sizeof e.rule, "t.verbs.txt:17");
	snprintf(e.pattern, sizeof e.pattern, "* (BY \"PHONE\")");
	snprintf(e.note, sizeof e.note, "tab\there");
	return e;
}

/* No date, no PLOVER category, a negative Goldstein score. */
static dyad_event ev_bare(void)
{
	dyad_event e;
	memset(&e, 0, sizeof e);
	snprintf(e.source, sizeof e.source, "GON");
	snprintf(e.target, sizeof e.target, "ARN");
	snprintf(e.code, sizeof e.code, "010");
	snprintf(e.root, sizeof e.root, "01");
	e.quad_class = 1;
	e.goldstein = -10.0;
	e.source_start = 16;
	e.source_end = 22;
	e.target_start = 0;
	e.target_end = 5;
	e.ev_start = 23;
	e.ev_end = 36;                         /* tab, "a back", backslash, "slash" */
	return e;
}

static dyad_event evs[2];
static dyad_result res;
static dyad_doc doc;
static const char doc_id[] = "doc \"1\"\\\n\x02";

static void setup(void)
{
	evs[0] = ev_full();
	evs[1] = ev_bare();
	memset(&res, 0, sizeof res);
	res.text = text;
	res.text_len = sizeof text - 1;
	res.events = evs;
	res.n_events = 2;
	res.n_sentences = 3;
	memset(&doc, 0, sizeof doc);
	doc.id = doc_id;
	doc.id_len = sizeof doc_id - 1;
	doc.text = text;
	doc.text_len = sizeof text - 1;
	doc.date = 20240304;
}

/* Line k (0-based) of s into out, without its '\n'; false if none. */
static bool line_of(const char *s, int k, char *out, size_t cap)
{
	for (int i = 0; i < k && s; i++) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s || !*s)
		return false;
	size_t n = strcspn(s, "\n");
	if (n >= cap)
		return false;
	memcpy(out, s, n);
	out[n] = 0;
	return true;
}

static int count_char(const char *s, size_t n, char c)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : "(not a string)";
}

/* Whether the JSON string o[key] holds exactly s[0,n). */
static bool jstr_is(json_t *o, const char *key, const char *s, size_t n)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) && json_string_length(v) == n &&
	       !memcmp(json_string_value(v), s, n);
}

static long long jint(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? json_integer_value(v) : -999;
}

/* ---- JSONL ---- */

static void test_jsonl_roundtrip(void)
{
	setup();
	dyad_buf b = { 0 };
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, false, &doc, &res, &b), 0);
	T_CHECK(b.p != NULL);
	if (!b.p)
		return;
	T_INTEQ(count_char(b.p, b.len, '\n'), 2);      /* one line per event */
	T_CHECK(b.len && b.p[b.len - 1] == '\n');
	T_INTEQ(strlen(b.p), b.len);                   /* no raw NUL */
	char line[2048];
	T_CHECK(line_of(b.p, 0, line, sizeof line));
	json_error_t je;
	json_t *o = json_loads(line, 0, &je);
	T_CHECKF(o != NULL, "line 1 is not JSON: %s: %.200s", je.text, line);
	if (o) {
		T_CHECK(jstr_is(o, "doc_id", doc_id, sizeof doc_id - 1));
		T_INTEQ(jint(o, "sentence"), 2);
		STREQ(jstr(o, "date"), "2024-03-04");
		STREQ(jstr(o, "source"), "ARN");
		STREQ(jstr(o, "target"), "GON\"X");
		STREQ(jstr(o, "code"), "0211");       /* a string, zeros kept */
		STREQ(jstr(o, "root"), "02");
		T_INTEQ(jint(o, "quad_class"), 1);
		json_t *g = json_object_get(o, "goldstein");
		T_CHECK(json_is_number(g) && json_number_value(g) == 3.0);
		STREQ(jstr(o, "plover"), "REQUEST");
		STREQ(jstr(o, "source_text"), "Arnor");
		STREQ(jstr(o, "target_text"), "Gondor");
		json_t *ev = json_object_get(o, "evidence");
		T_CHECK(json_is_object(ev));
		T_INTEQ(jint(ev, "start"), 0);
		T_INTEQ(jint(ev, "end"), sizeof text - 1);
		T_CHECK(jstr_is(ev, "text", text, sizeof text - 1));
		T_CHECK(json_is_null(json_object_get(o, "location")));
		STREQ(jstr(o, "rule"), "t.verbs.txt:17");
		T_CHECK(json_object_get(o, "explain") == NULL);
		T_INTEQ(json_object_size(o), 15);
		json_decref(o);
	}
	T_CHECK(line_of(b.p, 1, line, sizeof line));
	o = json_loads(line, 0, &je);
	T_CHECKF(o != NULL, "line 2 is not JSON: %s: %.200s", je.text, line);
	if (o) {
		/* null date and null PLOVER category */
		T_CHECK(json_is_null(json_object_get(o, "date")));
		T_CHECK(json_is_null(json_object_get(o, "plover")));
		STREQ(jstr(o, "code"), "010");
		STREQ(jstr(o, "root"), "01");
		json_t *g = json_object_get(o, "goldstein");
		T_CHECK(json_is_number(g) && json_number_value(g) == -10.0);
		T_CHECK(jstr_is(json_object_get(o, "evidence"), "text", text + 23, 13));
		STREQ(jstr(o, "rule"), "");
		json_decref(o);
	}
	dyad_buf_release(&b);
}

static void test_jsonl_escapes(void)
{
	setup();
	dyad_buf b = { 0 };
	res.n_events = 1;
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, false, &doc, &res, &b), 0);
	const char *s = b.p ? b.p : "";
	/* the exact escapes */
	T_CHECK(strstr(s, "{\"doc_id\":\"doc \\\"1\\\"\\\\\\n\\u0002\",\"sentence\":2,") == s);
	T_CHECK(strstr(s, "\"target\":\"GON\\\"X\""));
	T_CHECK(strstr(s, "\"Arnor \\\"accused\\\" Gondor,\\ta back\\\\slash\\r\\nline "
			  "\\u0001\\u001f caf\xc3\xa9 \xe6\x97\xa5.\""));
	/* UTF-8 is copied, not escaped; no raw control characters remain */
	T_CHECK(strstr(s, "\\u00e9") == NULL && strstr(s, "\\u00c3") == NULL);
	bool raw = false;
	for (size_t i = 0; i + 1 < b.len; i++)
		raw |= (unsigned char)s[i] < 0x20;
	T_CHECK(!raw);
	T_CHECK(strstr(s, "\"goldstein\":3.0,\"plover\":\"REQUEST\","));
	T_CHECK(strstr(s, "},\"location\":null,\"rule\":\"t.verbs.txt:17\"}\n"));
	dyad_buf_release(&b);
	/* the second event: exact line */
	res.events = evs + 1;
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, false, &doc, &res, &b), 0);
	STREQ(b.p, "{\"doc_id\":\"doc \\\"1\\\"\\\\\\n\\u0002\",\"sentence\":0,\"date\":null,"
		"\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"010\",\"root\":\"01\","
		"\"quad_class\":1,\"goldstein\":-10.0,\"plover\":null,\"source_text\":\"Gondor\","
		"\"target_text\":\"Arnor\",\"evidence\":{\"start\":23,\"end\":36,"
		"\"text\":\"\\ta back\\\\slash\"},\"location\":null,\"rule\":\"\"}\n");
	dyad_buf_release(&b);
	/* no events: nothing */
	res.n_events = 0;
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, true, &doc, &res, &b), 0);
	T_CHECK(b.len == 0);
	dyad_buf_release(&b);
}

static void test_jsonl_explain(void)
{
	setup();
	dyad_buf b = { 0 };
	res.n_events = 1;
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, true, &doc, &res, &b), 0);
	json_error_t je;
	json_t *o = b.p ? json_loads(b.p, 0, &je) : NULL;
	T_CHECKF(o != NULL, "not JSON: %.200s", b.p ? b.p : "(empty)");
	if (o) {
		json_t *x = json_object_get(o, "explain");
		T_CHECK(json_is_object(x));
		STREQ(jstr(x, "pattern"), "* (BY \"PHONE\")");
		STREQ(jstr(x, "note"), "tab\there");
		json_t *v = json_object_get(x, "verb");
		T_INTEQ(jint(v, "start"), 6);
		T_INTEQ(jint(v, "end"), 15);
		STREQ(jstr(v, "text"), "\"accused\"");
		json_t *s = json_object_get(x, "source"), *t = json_object_get(x, "target");
		T_CHECK(jint(s, "start") == 0 && jint(s, "end") == 5);
		T_CHECK(jint(t, "start") == 16 && jint(t, "end") == 22);
		T_INTEQ(json_object_size(o), 16);
		json_decref(o);
	}
	dyad_buf_release(&b);
}

/* ---- TSV ---- */

static const char tsv_header[] =
	"doc_id\tsentence\tdate\tsource\ttarget\tcode\troot\tquad_class\tgoldstein\tplover\t"
	"source_text\ttarget_text\tevidence_start\tevidence_end\tevidence_text\tlocation_name\t"
	"location_type\tlocation_country\tlocation_admin1\tlocation_lat\tlocation_lon\trule";

static void test_headers(void)
{
	dyad_buf b = { 0 };
	T_INTEQ(dyad_format_header(DYAD_FMT_JSONL, true, &b), 0);
	T_INTEQ(b.len, 0);
	T_INTEQ(dyad_format_header(DYAD_FMT_TSV, false, &b), 0);
	char want[512];
	snprintf(want, sizeof want, "%s\n", tsv_header);
	STREQ(b.p, want);
	dyad_buf_release(&b);
	T_INTEQ(dyad_format_header(DYAD_FMT_TSV, true, &b), 0);
	snprintf(want, sizeof want, "%s\tpattern\tverb_text\tnote\tlocation_from\n", tsv_header);
	STREQ(b.p, want);
	dyad_buf_release(&b);
	T_INTEQ(dyad_format_header(DYAD_FMT_CSV, false, &b), 0);
	snprintf(want, sizeof want, "%s\n", tsv_header);
	for (char *c = want; *c; c++)
		if (*c == '\t')
			*c = ',';
	STREQ(b.p, want);
	dyad_buf_release(&b);
	T_INTEQ(dyad_format_header(DYAD_FMT_CSV, true, &b), 0);
	T_CHECK(b.p && strstr(b.p, ",location_lon,rule,pattern,verb_text,note,location_from\n") != NULL);
	T_INTEQ(count_char(b.p ? b.p : "", b.len, ','), 25);
	dyad_buf_release(&b);
}

static void test_tsv_rows(void)
{
	setup();
	dyad_buf b = { 0 };
	T_INTEQ(dyad_format_events(DYAD_FMT_TSV, false, &doc, &res, &b), 0);
	T_INTEQ(count_char(b.p ? b.p : "", b.len, '\n'), 2);
	T_INTEQ(count_char(b.p ? b.p : "", b.len, '\t'), 2 * 21);
	T_INTEQ(count_char(b.p ? b.p : "", b.len, '\r'), 0);
	char line[1024];
	T_CHECK(line_of(b.p, 0, line, sizeof line));
	STREQ(line, "doc \"1\"\\ \x02\t2\t2024-03-04\tARN\tGON\"X\t0211\t02\t1\t3.0\tREQUEST\t"
		"Arnor\tGondor\t0\t56\tArnor \"accused\" Gondor, a back\\slash  line \x01\x1f "
		"caf\xc3\xa9 \xe6\x97\xa5.\t\t\t\t\t\t\tt.verbs.txt:17");
	T_CHECK(line_of(b.p, 1, line, sizeof line));
	STREQ(line, "doc \"1\"\\ \x02\t0\t\tGON\tARN\t010\t01\t1\t-10.0\t\tGondor\tArnor\t23\t36\t"
		" a back\\slash\t\t\t\t\t\t\t");
	dyad_buf_release(&b);
	/* --explain adds pattern, verb text and note, cleaned the same way */
	res.n_events = 1;
	T_INTEQ(dyad_format_events(DYAD_FMT_TSV, true, &doc, &res, &b), 0);
	T_INTEQ(count_char(b.p ? b.p : "", b.len, '\t'), 25);
	T_CHECK(b.p && strstr(b.p, "\tt.verbs.txt:17\t* (BY \"PHONE\")\t\"accused\"\ttab here\t\n"));
	dyad_buf_release(&b);
}

/* ---- CSV ---- */

/* Read one RFC 4180 record at *s into fields (each NUL-terminated in
 * store); returns the field count, -1 on malformed quoting. */
static int csv_record(const char **s, char fields[][256], int max)
{
	const char *p = *s;
	int n = 0;
	for (;;) {
		if (n == max)
			return -1;
		size_t k = 0;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p)
					return -1;
				if (*p == '"' && p[1] == '"') {
					p += 2;
					if (k < 255)
						fields[n][k++] = '"';
				} else if (*p == '"') {
					p++;
					break;
				} else if (k < 255) {
					fields[n][k++] = *p++;
				} else {
					p++;
				}
			}
			if (*p != ',' && *p != '\n')
				return -1;
		} else {
			while (*p && *p != ',' && *p != '\n') {
				if (*p == '"')
					return -1;       /* a bare quote must be quoted */
				if (k < 255)
					fields[n][k] = *p;
				k++;
				p++;
			}
		}
		fields[n][k < 255 ? k : 255] = 0;
		n++;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\n')
			p++;
		*s = p;
		return n;
	}
}

static void test_csv_rows(void)
{
	setup();
	dyad_buf b = { 0 };
	T_INTEQ(dyad_format_events(DYAD_FMT_CSV, true, &doc, &res, &b), 0);
	const char *p = b.p ? b.p : "";
	static char f[32][256];
	int n = csv_record(&p, f, 32);
	T_INTEQ(n, 26);
	if (n == 26) {
		STREQ(f[0], doc_id);                 /* quote, backslash, newline */
		STREQ(f[1], "2");
		STREQ(f[2], "2024-03-04");
		STREQ(f[4], "GON\"X");
		STREQ(f[5], "0211");
		STREQ(f[6], "02");
		STREQ(f[8], "3.0");
		STREQ(f[10], "Arnor");
		STREQ(f[14], text);                  /* comma, CR LF, tab, UTF-8 */
		for (int i = 15; i < 21; i++)
			STREQ(f[i], "");             /* no location */
		STREQ(f[21], "t.verbs.txt:17");
		STREQ(f[22], "* (BY \"PHONE\")");
		STREQ(f[23], "\"accused\"");
		STREQ(f[24], "tab\there");           /* a tab needs no quotes */
		STREQ(f[25], "");
	}
	n = csv_record(&p, f, 32);
	T_INTEQ(n, 26);
	if (n == 26) {
		STREQ(f[2], "");
		STREQ(f[5], "010");
		STREQ(f[8], "-10.0");
		STREQ(f[9], "");
		STREQ(f[14], "\ta back\\slash");
	}
	T_CHECK(*p == 0);                              /* nothing after two records */
	/* quoting exactly where needed */
	T_CHECK(b.p && strstr(b.p, ",3.0,REQUEST,Arnor,Gondor,0,56,\"Arnor \"\"accused\"\" Gondor,"));
	T_CHECK(b.p && strstr(b.p, ",1,-10.0,,Gondor,Arnor,23,36,\ta back\\slash,,,,,,,,,,,\n"));
	T_CHECK(b.p && strstr(b.p, "\"GON\"\"X\",0211,02,"));
	dyad_buf_release(&b);
	/* a plain id is not quoted; one with a comma is */
	doc.id = "a,b";
	doc.id_len = 3;
	res.n_events = 1;
	res.events = evs + 1;
	T_INTEQ(dyad_format_events(DYAD_FMT_CSV, false, &doc, &res, &b), 0);
	T_CHECK(b.p && !strncmp(b.p, "\"a,b\",0,,GON,ARN,010,01,1,", 26));
	dyad_buf_release(&b);
	doc.id = "plain";
	doc.id_len = 5;
	T_INTEQ(dyad_format_events(DYAD_FMT_CSV, false, &doc, &res, &b), 0);
	T_CHECK(b.p && !strncmp(b.p, "plain,0,,GON,", 13));
	dyad_buf_release(&b);
}

/* ---- a coded document ---- */

static void test_coded_document(void)
{
	char dir[64];
	snprintf(dir, sizeof dir, "/tmp/dyad-test-emit-XXXXXX");
	T_CHECK(mkdtemp(dir) != NULL);
	char vp[128], ap[128];
	snprintf(vp, sizeof vp, "%s/e.verbs.txt", dir);
	snprintf(ap, sizeof ap, "%s/e.actors.txt", dir);
	FILE *f = fopen(vp, "w");
	if (f) {
		fputs("--- ACCUSE [112] ---\nACCUSE\n\n--- COMMENT [010] ---\nCOMMENT\n", f);
		fclose(f);
	}
	f = fopen(ap, "w");
	if (f) {
		fputs("ARNOR_ [ARN]\nGONDOR_ [GON]\n", f);
		fclose(f);
	}
	dyad_dict_file files[] = { { "verbs", vp }, { "actors", ap },
				   { "cameo", "data/cameo.tsv" } };
	dyad_engine_options o = { .files = files, .nfiles = 3, .no_cache = true };
	dyad_error err;
	dyad_engine *e = dyad_engine_open(&o, &err);
	remove(vp);
	remove(ap);
	rmdir(dir);
	T_CHECKF(e != NULL, "load: %s", err.msg);
	if (!e)
		return;
	dyad_worker *w = dyad_worker_new(e);
	const char *t = "Arnor accused \"Gondor\". Gondor commented on Arnor.";
	dyad_doc d = { "d1", 2, t, strlen(t), 20240304, NULL, NULL };
	const dyad_result *r = NULL;
	T_INTEQ(w ? dyad_code(w, &d, &r, &err) : -99, 0);
	T_INTEQ(r ? r->n_events : 0, 2);
	dyad_buf b = { 0 };
	if (r && r->n_events == 2) {
		T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, true, &d, r, &b), 0);
		char line[2048];
		json_error_t je;
		T_CHECK(line_of(b.p, 0, line, sizeof line));
		json_t *j = json_loads(line, 0, &je);
		T_CHECKF(j != NULL, "not JSON: %.200s", line);
		if (j) {
			STREQ(jstr(j, "doc_id"), "d1");
			STREQ(jstr(j, "source"), "ARN");
			STREQ(jstr(j, "target"), "GON");
			STREQ(jstr(j, "code"), "112");
			STREQ(jstr(j, "root"), "11");
			STREQ(jstr(j, "plover"), "ACCUSE");
			STREQ(jstr(j, "source_text"), "Arnor");
			STREQ(jstr(j, "target_text"), "Gondor");
			STREQ(jstr(j, "date"), "2024-03-04");
			STREQ(jstr(json_object_get(j, "evidence"), "text"),
				"Arnor accused \"Gondor\".");
			STREQ(jstr(json_object_get(json_object_get(j, "explain"), "verb"), "text"),
				"accused");
			T_CHECK(!strncmp(jstr(j, "rule"), "e.verbs.txt:", 12));
			json_decref(j);
		}
		T_CHECK(line_of(b.p, 1, line, sizeof line));
		j = json_loads(line, 0, &je);
		T_CHECKF(j != NULL, "not JSON: %.200s", line);
		if (j) {
			STREQ(jstr(j, "code"), "010");
			STREQ(jstr(j, "root"), "01");
			T_CHECK(json_is_null(json_object_get(j, "plover")));
			T_INTEQ(jint(j, "sentence"), 1);
			json_decref(j);
		}
		dyad_buf_release(&b);
		/* the same events as TSV: the code keeps its leading zero */
		T_INTEQ(dyad_format_events(DYAD_FMT_TSV, false, &d, r, &b), 0);
		T_CHECK(b.p && strstr(b.p, "\tGON\tARN\t010\t01\t1\t"));
		dyad_buf_release(&b);
	}
	dyad_worker_free(w);
	dyad_engine_free(e);
}

/* An event with a location: the JSON object, the flat TSV columns and
 * --explain's note of where it came from. */
static void test_location(void)
{
	setup();
	dyad_location *l = &evs[0].location;
	l->type = DYAD_PLACE_CITY;
	l->from = DYAD_FROM_DATELINE;
	snprintf(l->name, sizeof l->name, "Caf\xc3\xa9 \"Town\"");
	memcpy(l->country, "GN", 3);
	memcpy(l->country3, "GON", 4);
	snprintf(l->admin1, sizeof l->admin1, "Anorien");
	l->has_coords = true;
	l->lat = -12.5;
	l->lon = 100.25;
	l->start = 0;
	l->end = 5;
	res.n_events = 1;
	dyad_buf b = { 0 };
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, true, &doc, &res, &b), 0);
	const char *s = b.p ? b.p : "";
	T_CHECK(strstr(s, ",\"location\":{\"name\":\"Caf\xc3\xa9 \\\"Town\\\"\",\"type\":\"city\","
			  "\"country\":\"GN\",\"country3\":\"GON\",\"admin1\":\"Anorien\","
			  "\"lat\":-12.5000,\"lon\":100.2500},\"rule\":"));
	T_CHECK(strstr(s, "\"place\":{\"from\":\"dateline\",\"start\":0,\"end\":5,"
			  "\"text\":\"Arnor\"}}}\n"));
	json_error_t je;
	json_t *o = json_loads(s, 0, &je);
	T_CHECKF(o != NULL, "not JSON: %s", je.text);
	json_decref(o);
	dyad_buf_release(&b);
	/* a region without coordinates and country: nulls */
	l->type = DYAD_PLACE_REGION;
	l->has_coords = false;
	l->country[0] = l->country3[0] = l->admin1[0] = 0;
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, false, &doc, &res, &b), 0);
	T_CHECK(b.p && strstr(b.p, "\"type\":\"region\",\"country\":null,\"country3\":null,"
				   "\"admin1\":null,\"lat\":null,\"lon\":null},"));
	dyad_buf_release(&b);
	l->type = DYAD_PLACE_CITY;
	l->has_coords = true;
	memcpy(l->country, "GN", 3);
	T_INTEQ(dyad_format_events(DYAD_FMT_TSV, true, &doc, &res, &b), 0);
	T_CHECK(b.p && strstr(b.p, "\tCaf\xc3\xa9 \"Town\"\tcity\tGN\t\t-12.5000\t100.2500\t"
				   "t.verbs.txt:17\t"));
	T_CHECK(b.p && strstr(b.p, "\ttab here\tdateline\n"));
	dyad_buf_release(&b);
	/* rounding to four decimals, no negative zero */
	l->lat = -0.00001;
	l->lon = 179.99996;
	T_INTEQ(dyad_format_events(DYAD_FMT_JSONL, false, &doc, &res, &b), 0);
	T_CHECK(b.p && strstr(b.p, "\"lat\":0.0000,\"lon\":180.0000}"));
	dyad_buf_release(&b);
	l->lat = -33.86785;
	l->lon = -0.5;
	T_INTEQ(dyad_format_events(DYAD_FMT_CSV, false, &doc, &res, &b), 0);
	T_CHECK(b.p && strstr(b.p, ",-33.8679,-0.5000,"));
	dyad_buf_release(&b);
}

int main(void)
{
	T_RUN(test_location);
	T_RUN(test_jsonl_roundtrip);
	T_RUN(test_jsonl_escapes);
	T_RUN(test_jsonl_explain);
	T_RUN(test_headers);
	T_RUN(test_tsv_rows);
	T_RUN(test_csv_rows);
	T_RUN(test_coded_document);
	return t_exit();
}
