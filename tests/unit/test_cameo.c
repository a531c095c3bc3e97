/* test_cameo.c - the CAMEO table: data/cameo.tsv (run from the repo root)
 * and malformed tables written to /tmp. */
#include "internal.h"
#include "t.h"

#include <stdio.h>
#include <unistd.h>

#define TABLE "data/cameo.tsv"

static bool near(float a, float b) { return a - b < 1e-4f && b - a < 1e-4f; }

/* Write text to a fresh file under /tmp; its name goes to path. */
static bool write_tmp(char *path, size_t cap, const char *text)
{
	snprintf(path, cap, "/tmp/dyad-test-cameo-%ld.tsv", (long)getpid());
	FILE *fp = fopen(path, "w");
	if (!fp)
		return false;
	bool ok = fputs(text, fp) >= 0;
	return fclose(fp) == 0 && ok;
}

/* Load text as a table; returns the cameo_load() result, fills *err. */
static int load_text(const char *text, struct cameo_table *t, dyad_error *err)
{
	char path[128];
	memset(err, 0, sizeof *err);
	if (!write_tmp(path, sizeof path, text))
		return 1;
	int rc = cameo_load(t, path, err);
	remove(path);
	return rc;
}

static const char hdr[] = "code\tquad_class\tgoldstein\tplover\tname\n";

static void test_bundled_table(void)
{
	struct cameo_table t;
	dyad_error err = {0};
	int rc = cameo_load(&t, TABLE, &err);
	T_CHECKF(rc == 0, "load %s: %d %.60s:%ld: %.150s", TABLE, rc, err.file,
		 err.line, err.msg);
	if (rc)
		return;
	T_CHECK(t.n > 300);
	for (size_t i = 1; i < t.n; i++)
		T_CHECKF(strcmp(t.v[i - 1].code, t.v[i].code) < 0,
			 "not sorted at %s", t.v[i].code);

	const struct cameo_info *c = cameo_find(&t, "040");
	T_CHECK(c != NULL);
	if (c) {
		T_STREQ(c->code, "040");
		T_INTEQ(c->quad, 1);
		T_STREQ(c->plover, "CONSULT");
		T_CHECKF(near(c->goldstein, 1.0f), "040 goldstein %g",
			 (double)c->goldstein);
		T_STREQ(c->name, "Consult, not specified below");
	}
	c = cameo_find(&t, "051");
	T_CHECK(c && !strcmp(c->plover, "SUPPORT") && c->quad == 1 &&
		near(c->goldstein, 3.4f));
	c = cameo_find(&t, "190");
	T_CHECK(c != NULL);
	if (c) {
		T_INTEQ(c->quad, 4);
		T_STREQ(c->plover, "ASSAULT");
		T_CHECKF(near(c->goldstein, -10.0f), "190 goldstein %g",
			 (double)c->goldstein);
	}
	/* quad classes by root, GDELT convention */
	T_INTEQ(cameo_find(&t, "057")->quad, 1);
	T_INTEQ(cameo_find(&t, "061")->quad, 2);
	T_INTEQ(cameo_find(&t, "0874")->quad, 2);
	T_INTEQ(cameo_find(&t, "111")->quad, 3);
	T_INTEQ(cameo_find(&t, "141")->quad, 3);
	T_INTEQ(cameo_find(&t, "173")->quad, 4);
	/* PLOVER: 01/02 are dropped; 163 maps to COERCE although 16 is
	 * SANCTION; 155 is not listed and inherits MOBILIZE from 15 */
	T_STREQ(cameo_find(&t, "010")->plover, "");
	T_STREQ(cameo_find(&t, "0233")->plover, "");
	T_STREQ(cameo_find(&t, "163")->plover, "COERCE");
	T_STREQ(cameo_find(&t, "155")->plover, "MOBILIZE");
	/* Goldstein: the Parus scale wins over GDELT's (016: 3.4 vs -2.0);
	 * 1834 has neither and takes 183's */
	T_CHECK(near(cameo_find(&t, "016")->goldstein, 3.4f));
	T_CHECK(near(cameo_find(&t, "1834")->goldstein, -10.0f));
	/* roots are codes too */
	c = cameo_find(&t, "04");
	T_CHECK(c && !strcmp(c->code, "04") && c->quad == 1);
	cameo_release(&t);
	T_CHECK(t.v == NULL && t.n == 0);
}

static void test_find_fallback(void)
{
	struct cameo_table t;
	dyad_error err;
	int rc = load_text("# a table without 0311\n\n"
			   "code\tquad_class\tgoldstein\tplover\tname\n"
			   "03\t1\t4.0\tAGREE\tEXPRESS INTENT TO COOPERATE\n"
			   "031\t1\t5.2\tAGREE\tExpress intent to cooperate materially\n"
			   "04\t1\t1.0\tCONSULT\tCONSULT\n", &t, &err);
	T_CHECKF(rc == 0, "load: %s", err.msg);
	if (rc)
		return;
	const struct cameo_info *c = cameo_find(&t, "0311");
	T_CHECK(c && !strcmp(c->code, "031"));
	c = cameo_find(&t, "0399");       /* 0399 -> 039 -> 03 */
	T_CHECK(c && !strcmp(c->code, "03"));
	c = cameo_find(&t, "04999");
	T_CHECK(c && !strcmp(c->code, "04"));
	T_CHECK(cameo_find(&t, "05") == NULL);
	T_CHECK(cameo_find(&t, "0511") == NULL);
	T_CHECK(cameo_find(&t, "---") == NULL);
	T_CHECK(cameo_find(&t, "") == NULL);
	T_CHECK(cameo_find(&t, "0") == NULL);
	T_CHECK(cameo_find(&t, "03a") == NULL);
	T_CHECK(cameo_find(&t, "031:031") == NULL);
	T_CHECK(cameo_find(&t, "031111") == NULL);  /* longer than a code */
	T_CHECK(cameo_find(&t, NULL) == NULL);
	T_CHECK(cameo_find(NULL, "03") == NULL);
	cameo_release(&t);
	cameo_release(&t);                /* twice is harmless */
	struct cameo_table empty = {0};
	T_CHECK(cameo_find(&empty, "03") == NULL);
}

static void test_columns_by_name(void)
{
	struct cameo_table t;
	dyad_error err;
	/* any column order, extra columns ignored, CRLF line ends, BOM */
	int rc = load_text("\xEF\xBB\xBFname\troot\tplover\tcode\tgoldstein\tquad_class\r\n"
			   "Consult\t04\tCONSULT\t040\t1\t1\r\n"
			   "Make statement\t01\t\t010\t-0.25\t1\r\n", &t, &err);
	T_CHECKF(rc == 0, "load: %s", err.msg);
	if (rc)
		return;
	T_INTEQ(t.n, 2);
	const struct cameo_info *c = cameo_find(&t, "010");
	T_CHECK(c && near(c->goldstein, -0.25f) && !strcmp(c->plover, "") &&
		!strcmp(c->name, "Make statement"));
	c = cameo_find(&t, "040");
	T_CHECK(c && near(c->goldstein, 1.0f) && c->quad == 1);
	cameo_release(&t);
}

/* Each case: the table text, the line that must be reported and a word
 * the message must contain. */
static void test_malformed(void)
{
	static const struct {
		const char *text;
		long line;
		const char *msg;
	} cases[] = {
		{ "", 0, "no header" },
		{ "# only a comment\n\n", 2, "no header" },
		{ "code\tquad_class\tgoldstein\tplover\n040\t1\t1.0\tCONSULT\n",
		  1, "name" },
		{ "code\tquad_class\tgoldstein\tplover\tname\tcode\n", 1,
		  "duplicate column" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n", 1, "no codes" },
		{ "#c\ncode\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULT\tConsult\n"
		  "041\t1\t1.0\tCONSULT\n", 4, "fields" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULT\tConsult\textra\n", 2, "fields" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "04x\t1\t1.0\tCONSULT\tConsult\n", 2, "04x" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "4\t1\t1.0\tCONSULT\tConsult\n", 2, "code" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040123\t1\t1.0\tCONSULT\tConsult\n", 2, "code" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULT\tConsult\n"
		  "\n"
		  "041\t5\t1.0\tCONSULT\tPhone\n", 4, "quad_class" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "041\t\t1.0\tCONSULT\tPhone\n", 2, "quad_class" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1,0\tCONSULT\tConsult\n", 2, "\"1,0\"" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t11.0\tCONSULT\tConsult\n", 2, "goldstein" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t\tCONSULT\tConsult\n", 2, "goldstein" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t-\tCONSULT\tConsult\n", 2, "goldstein" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tconsult\tConsult\n", 2, "plover" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULTCONSULTX\tConsult\n", 2, "plover" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULT\t\n", 2, "name" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULT\tCon\x01sult\n", 2, "name" },
		{ "code\tquad_class\tgoldstein\tplover\tname\n"
		  "040\t1\t1.0\tCONSULT\tConsult\n"
		  "051\t1\t3.4\tSUPPORT\tPraise\n"
		  "040\t1\t1.0\tCONSULT\tAgain\n", 4, "line 2" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cameo_table t = { (struct cameo_info *)&t, 99 };
		dyad_error err;
		int rc = load_text(cases[i].text, &t, &err);
		T_CHECKF(rc == DYAD_EDICT, "case %zu: rc %d (%s)", i, rc,
			 err.msg);
		T_CHECKF(err.code == DYAD_EDICT, "case %zu: err.code %d", i,
			 err.code);
		T_CHECKF(err.line == cases[i].line,
			 "case %zu: line %ld, want %ld (%s)", i, err.line,
			 cases[i].line, err.msg);
		T_CHECKF(strstr(err.msg, cases[i].msg) != NULL,
			 "case %zu: message \"%s\" lacks \"%s\"", i, err.msg,
			 cases[i].msg);
		T_CHECKF(strstr(err.file, "/tmp/dyad-test-cameo-") == err.file,
			 "case %zu: file \"%s\"", i, err.file);
		T_CHECKF(t.v == NULL && t.n == 0, "case %zu: table not empty",
			 i);
	}
}

static void test_error_position(void)
{
	struct cameo_table t;
	dyad_error err;
	const char *text = "code\tquad_class\tgoldstein\tplover\tname\n"
			   "040\t1\tabc\tCONSULT\tConsult\n";
	int rc = load_text(text, &t, &err);
	T_INTEQ(rc, DYAD_EDICT);
	/* the byte offset of "abc" in the file */
	T_INTEQ(err.pos, (long)(strstr(text, "abc") - text));
	T_CHECKF(strstr(err.msg, "\"abc\"") != NULL, "msg %s", err.msg);

	/* NUL byte inside a line: written by hand, fputs would stop there */
	char path[128];
	snprintf(path, sizeof path, "/tmp/dyad-test-cameo-nul-%ld.tsv",
		 (long)getpid());
	FILE *fp = fopen(path, "w");
	T_CHECK(fp != NULL);
	if (!fp)
		return;
	fputs(hdr, fp);
	fwrite("040\t1\t1.0\tCON\0SULT\tConsult\n", 1, 27, fp);
	fclose(fp);
	memset(&err, 0, sizeof err);
	rc = cameo_load(&t, path, &err);
	remove(path);
	T_INTEQ(rc, DYAD_EDICT);
	T_INTEQ(err.line, 2);
	T_CHECKF(strstr(err.msg, "NUL") != NULL, "msg %s", err.msg);
}

static void test_missing_file(void)
{
	struct cameo_table t;
	dyad_error err = {0};
	int rc = cameo_load(&t, "/tmp/dyad-no-such-dir/cameo.tsv", &err);
	T_INTEQ(rc, DYAD_EIO);
	T_INTEQ(err.code, DYAD_EIO);
	T_STREQ(err.file, "/tmp/dyad-no-such-dir/cameo.tsv");
	T_CHECK(t.v == NULL && t.n == 0);
	T_INTEQ(cameo_load(NULL, TABLE, NULL), DYAD_EUSAGE);
	T_INTEQ(cameo_load(&t, NULL, NULL), DYAD_EUSAGE);
}

static void test_long_line(void)
{
	static char text[8192];
	struct cameo_table t;
	dyad_error err;
	int k = snprintf(text, sizeof text, "%s040\t1\t1.0\tCONSULT\t", hdr);
	memset(text + k, 'x', 5000);
	text[k + 5000] = '\n';
	int rc = load_text(text, &t, &err);
	T_INTEQ(rc, DYAD_EDICT);
	T_INTEQ(err.line, 2);
	T_CHECKF(strstr(err.msg, "longer") != NULL, "msg %s", err.msg);
}

int main(void)
{
	T_RUN(test_bundled_table);
	T_RUN(test_find_fallback);
	T_RUN(test_columns_by_name);
	T_RUN(test_malformed);
	T_RUN(test_error_position);
	T_RUN(test_missing_file);
	T_RUN(test_long_line);
	return t_exit();
}
