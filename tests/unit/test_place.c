/*
 * test_place.c - the gazetteer index and place resolution (src/place.c):
 * the dyad TSV format and its errors, ISO 3166-1 countries, libgeonames
 * cities with ambiguity resolved by actor countries and by population,
 * place phrases and venues in sentences, datelines, and the compiled
 * index file.
 */
#include "place.h"
#include "t.h"
#include <stdio.h>
#include <unistd.h>

static char dir[] = "/tmp/dyad-test-place-XXXXXX";
static char tsv[256];

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(s, f);
		fclose(f);
	}
}

static const char good[] =
	"# test gazetteer\n"
	"Gaza Strip\tregion\tPS\tGaza Strip\t31.42\t34.36\tGaza\n"
	"Sahel\tregion\n"
	"Springfield\tcity\tUS\tIllinois\t39.80\t-89.64\n"
	"Russia\tcountry\tRU\t\t\t\tRussian Federation\n"
	"United States\tcountry\tUS\t\t\t\tU.S.|US\n"
	"Turtle Bay Hall\tvenue\tUS\tNew York\t\t\tTBH\tSpringfield\n";

/* The key of name (upper-case words joined by spaces). */
static const struct place_key *find(const struct place_index *x, const char *key)
{
	return place_find(x, key, strlen(key));
}

static const struct place *pick(const struct place_index *x, const char *key,
				const char *actor)
{
	const struct place_key *k = find(x, key);
	char c3[1][4] = { "" };
	if (actor)
		snprintf(c3[0], sizeof c3[0], "%s", actor);
	return k && k->n ? place_pick(x, k, (const char (*)[4])c3, actor ? 1 : 0) : NULL;
}

static const char *name_of(const struct place_index *x, const struct place *p)
{
	return p ? x->pool + p->name : "(none)";
}

static void test_tsv_and_countries(void)
{
	write_file(tsv, good);
	struct place_index x;
	struct place_index_options o = { .tsv = tsv, .no_geonames = true };
	dyad_error err = { 0 };
	T_INTEQ(place_index_build(&x, &o, &err), 0);
	/* a region and its alias */
	const struct place *p = pick(&x, "GAZA", NULL);
	T_STREQ(name_of(&x, p), "Gaza Strip");
	T_CHECK(p && p->type == PT_REGION && !strcmp(p->cc, "PS") && !strcmp(p->c3, "PSE"));
	T_CHECK(p && p->lat > 31.41 && p->lat < 31.43 && p->lon > 34.35 && p->lon < 34.37);
	/* no coordinates, no country */
	p = pick(&x, "SAHEL", NULL);
	T_CHECK(p && p->cc[0] == 0 && p->lat != p->lat);     /* NAN */
	/* ISO 3166-1 names (iso-codes), a country row renames its country */
	p = pick(&x, "FRANCE", NULL);
	T_CHECK(p && p->type == PT_COUNTRY && !strcmp(p->cc, "FR") && !strcmp(p->c3, "FRA"));
	T_STREQ(name_of(&x, pick(&x, "RUSSIAN FEDERATION", NULL)), "Russia");
	T_STREQ(name_of(&x, pick(&x, "U.S.", NULL)), "United States");
	T_STREQ(name_of(&x, pick(&x, "SOUTH KOREA", NULL)), "South Korea");  /* common_name */
	T_CHECK(find(&x, "KOREA, REPUBLIC OF") == NULL);   /* names with commas are not indexed */
	/* a venue stands for its city */
	p = pick(&x, "TBH", NULL);
	T_STREQ(name_of(&x, p), "Springfield");
	/* prefixes of longer names have no places */
	const struct place_key *k = find(&x, "GAZA");
	T_CHECK(k && k->n == 1);
	k = find(&x, "TURTLE BAY");
	T_CHECK(k && k->n == 0);
	T_CHECK(find(&x, "TURTLE BAY HALL") != NULL);
	T_CHECK(find(&x, "ATLANTIS") == NULL);
	place_index_release(&x);
}

static void test_tsv_errors(void)
{
	static const struct { const char *text; long line; const char *msg; } bad[] = {
		{ "Gaza\tregion\tPS\t\t31\t34\nX\tplanet\n", 2, "expected name" },
		{ "Gaza\tregion\tPSE\n", 1, "alpha-2" },
		{ "# c\nGaza\tregion\tPS\t\t95\t34\n", 2, "latitude" },
		{ "Gaza\tregion\tPS\t\t31\t\n", 1, "latitude" },
		{ "Gaza\tregion\tPS\t\tabc\t34\n", 1, "latitude" },
		{ "UN\tvenue\tUS\n", 1, "column 8" },
		{ "UN\tvenue\tUS\t\t\t\t\tAtlantis\n", 1, "Atlantis" },
		{ "Narnia\tcountry\tQQ\n", 1, "ISO 3166-1" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_file(tsv, bad[i].text);
		struct place_index x;
		struct place_index_options o = { .tsv = tsv, .no_geonames = true };
		dyad_error err = { 0 };
		int rc = place_index_build(&x, &o, &err);
		T_CHECKF(rc == DYAD_EDICT, "case %zu: rc %d", i, rc);
		T_CHECKF(err.line == bad[i].line, "case %zu: line %ld", i, err.line);
		T_CHECKF(strstr(err.msg, bad[i].msg) != NULL, "case %zu: msg '%s'", i, err.msg);
		T_CHECK(!strcmp(err.file, tsv));
		T_CHECK(x.p == NULL && x.nkeys == 0);
	}
	/* a missing file is no error: just no dyad places */
	struct place_index x;
	struct place_index_options o = { .tsv = "/nonexistent/dyad.places.tsv", .no_geonames = true };
	dyad_error err = { 0 };
	T_INTEQ(place_index_build(&x, &o, &err), 0);
	T_CHECK(pick(&x, "GAZA", NULL) == NULL);
	T_CHECK(pick(&x, "GERMANY", NULL) != NULL);
	place_index_release(&x);
}

static struct place_index geo;
static bool have_geo;

static void build_geo(void)
{
	write_file(tsv, good);
	struct place_index_options o = { .tsv = tsv };
	dyad_error err = { 0 };
	have_geo = place_index_build(&geo, &o, &err) == 0;
}

static void test_ambiguity(void)
{
	T_CHECK(have_geo);
	if (!have_geo)
		return;
	T_CHECK(geo.np > 20000);                 /* libgeonames' cities */
	/* without a hint, the most populous */
	const struct place *p = pick(&geo, "ALEXANDRIA", NULL);
	T_CHECK(p && !strcmp(p->cc, "EG"));
	p = pick(&geo, "BIRMINGHAM", NULL);
	T_CHECK(p && !strcmp(p->cc, "GB"));
	p = pick(&geo, "PARIS", NULL);
	T_CHECK(p && !strcmp(p->cc, "FR") && p->type == PT_CITY);
	/* an actor's country decides */
	p = pick(&geo, "BIRMINGHAM", "USA");
	T_CHECK(p && !strcmp(p->cc, "US") && !strcmp(geo.pool + p->admin1, "Alabama"));
	p = pick(&geo, "PARIS", "USA");
	T_CHECK(p && !strcmp(p->cc, "US"));
	p = pick(&geo, "ALEXANDRIA", "ROU");
	T_CHECK(p && !strcmp(p->cc, "RO"));
	/* an IGO code matches no country: population */
	p = pick(&geo, "TRIPOLI", "IGO");
	T_CHECK(p && !strcmp(p->cc, "LY"));
	/* dyad's own entry wins over a libgeonames city of the same name */
	p = pick(&geo, "SPRINGFIELD", NULL);
	T_CHECK(p && p->own && !strcmp(geo.pool + p->admin1, "Illinois"));
	p = pick(&geo, "GAZA", "PSE");
	T_CHECK(p && p->type == PT_REGION);
	/* the capital city: coordinates and admin1 from libgeonames */
	p = pick(&geo, "TBILISI", NULL);
	T_CHECK(p && !strcmp(p->c3, "GEO") && p->lat > 41.6 && p->lat < 41.8 &&
		p->lon > 44.7 && p->lon < 44.9);
}

/* Candidate names of sentence s, "|"-joined into out. */
static void scan(const char *s, char *out, size_t cap)
{
	struct arena a;
	arena_init(&a, 0);
	struct token *tok;
	size_t nt;
	struct span sp = { 0, (uint32_t)strlen(s) };
	out[0] = 0;
	if (tokenize(s, sp, &a, &tok, &nt, 1000) == 0) {
		struct place_cand pc[8];
		int n = place_scan(&geo, tok, (int)nt, pc, 8);
		size_t k = 0;
		for (int i = 0; i < n; i++) {
			const struct place *p = place_pick(&geo, pc[i].k, NULL, 0);
			int w = snprintf(out + k, cap - k, "%s%.*s=%s", i ? "|" : "",
					 (int)(pc[i].end - pc[i].start), s + pc[i].start,
					 name_of(&geo, p));
			if (w > 0 && (size_t)w < cap - k)
				k += (size_t)w;
		}
	}
	arena_release(&a);
}

static void test_scan(void)
{
	if (!have_geo)
		return;
	char got[512];
	static const struct { const char *s, *want; } cases[] = {
		{ "The ministers met in Tbilisi on Monday.", "Tbilisi=Tbilisi" },
		{ "Protesters gathered outside the parliament in Tbilisi.", "Tbilisi=Tbilisi" },
		{ "They met at a summit in Baku.", "Baku=Baku" },
		{ "Shells fell in the northern city of Kharkiv.", "Kharkiv=Kharkiv" },
		{ "He spoke in the capital, Kyiv, on Friday.", "Kyiv=Kyiv" },
		{ "Talks were held in New York and in the Gaza Strip.",
		  "New York=New York|Gaza Strip=Gaza Strip" },
		/* adjectives, actors and organizations are no places */
		{ "The Azerbaijani Foreign Minister met the Economic Cooperation Organization.", "" },
		{ "The United Nations General Assembly condemned the attack.", "" },
		{ "Russia accused Ukraine of lying.", "" },
		{ "The vote was held in May.", "" },
		{ "Interest in the region grew.", "" },
		/* venues: only after at / during / on the sidelines of */
		{ "They met during the high-level week of the 79th session of the "
		  "United Nations General Assembly.", "" },
		{ "They met at Turtle Bay Hall.", "Turtle Bay Hall=Springfield" },
		{ "They met in Turtle Bay Hall.", "" },
		{ "A lower-case place: in paris.", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		scan(cases[i].s, got, sizeof got);
		T_CHECKF(!strcmp(got, cases[i].want), "case %zu: \"%.200s\", want \"%.200s\"", i, got,
			 cases[i].want);
	}
}

static bool dateline(const char *s, char *out, size_t cap)
{
	struct arena a;
	arena_init(&a, 0);
	struct token *tok;
	size_t nt;
	struct span sp = { 0, (uint32_t)strlen(s) };
	bool ok = false;
	out[0] = 0;
	if (tokenize(s, sp, &a, &tok, &nt, 1000) == 0) {
		struct place_cand c;
		ok = place_dateline(&geo, tok, (int)nt, &c);
		if (ok)
			snprintf(out, cap, "%.*s=%s", (int)(c.end - c.start), s + c.start,
				 name_of(&geo, place_pick(&geo, c.k, NULL, 0)));
	}
	arena_release(&a);
	return ok;
}

/* With dyad's data/dyad.places.tsv: regions and the UN venues. */
static void test_bundled(void)
{
	struct place_index real;
	struct place_index_options o = { .tsv = "data/dyad.places.tsv" };
	dyad_error err = { 0 };
	int rc = place_index_build(&real, &o, &err);
	T_CHECKF(rc == 0, "data/dyad.places.tsv:%ld: %s", err.line, err.msg);
	if (rc)
		return;
	struct place_index keep = geo;
	geo = real;
	char got[512];
	static const struct { const char *s, *want; } cases[] = {
		{ "Troops clashed along the border in Sikkim.", "Sikkim=Sikkim" },
		{ "Drones struck targets in Crimea and in the Kherson region.",
		  "Crimea=Crimea|Kherson region=Kherson Oblast" },
		{ "They met during the high-level week of the 79th session of the "
		  "United Nations General Assembly.",
		  "United Nations General Assembly=New York" },
		{ "They met on the sidelines of the UN General Assembly.",
		  "UN General Assembly=New York" },
		{ "The United Nations General Assembly condemned the attack.", "" },
		{ "He spoke in Washington.", "Washington=Washington" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		scan(cases[i].s, got, sizeof got);
		T_CHECKF(!strcmp(got, cases[i].want), "case %zu: \"%.200s\", want \"%.200s\"", i, got,
			 cases[i].want);
	}
	const struct place *p = pick(&geo, "WASHINGTON", "GBR");
	T_CHECK(p && !strcmp(p->cc, "US"));      /* dyad's entry: the US capital */
	p = pick(&geo, "KHERSON REGION", NULL);
	T_CHECK(p && p->type == PT_REGION && !strcmp(p->c3, "UKR"));
	geo = keep;
	place_index_release(&real);
}

static void test_dateline(void)
{
	if (!have_geo)
		return;
	char got[256];
	T_CHECK(dateline("KYIV, Feb 15 (Reuters) - Russia attacked.", got, sizeof got));
	T_STREQ(got, "KYIV=Kyiv");
	T_CHECK(dateline("BAKU, September 25 (AZERTAC) -- Talks began.", got, sizeof got));
	T_STREQ(got, "BAKU=Baku");
	T_CHECK(dateline("NEW YORK (AP) - Iran accused Israel.", got, sizeof got));
	T_STREQ(got, "NEW YORK=New York");
	T_CHECK(dateline("TBH (AP) - a venue.", got, sizeof got));
	T_STREQ(got, "TBH=Springfield");
	T_CHECK(!dateline("RUSSIA accused Ukraine of lying, officials said.", got, sizeof got));
	T_CHECK(!dateline("Kyiv, Feb 15 (Reuters) - lower case is no dateline.", got, sizeof got));
	T_CHECK(!dateline("QXZWV, Feb 15 (Reuters) - unknown place.", got, sizeof got));
}

static void test_compiled(void)
{
	if (!have_geo)
		return;
	char path[300];
	snprintf(path, sizeof path, "%s/places.bin", dir);
	struct place_index_options o = { .tsv = tsv };
	T_INTEQ(place_index_save(&geo, &o, path), 0);
	struct place_index y;
	T_INTEQ(place_index_load(&y, &o, path), 0);
	T_INTEQ(y.np, geo.np);
	T_INTEQ(y.nkeys, geo.nkeys);
	const struct place *p = pick(&y, "BIRMINGHAM", "USA");
	T_CHECK(p && !strcmp(y.pool + p->admin1, "Alabama"));
	T_STREQ(name_of(&y, pick(&y, "TBH", NULL)), "Springfield");
	place_index_release(&y);
	/* a changed source makes it stale */
	write_file(tsv, "# changed\nGaza Strip\tregion\tPS\n");
	T_INTEQ(place_index_load(&y, &o, path), DYAD_ECACHE);
	T_CHECK(y.p == NULL);
	write_file(tsv, good);
	/* a truncated or corrupt file is refused, never read past */
	T_INTEQ(place_index_save(&geo, &o, path), 0);
	FILE *f = fopen(path, "r+b");
	if (f) {
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		T_CHECK(ftruncate(fileno(f), n - 10) == 0);
		fclose(f);
	}
	T_INTEQ(place_index_load(&y, &o, path), DYAD_ECACHE);
	T_INTEQ(place_index_save(&geo, &o, path), 0);
	f = fopen(path, "r+b");
	if (f) {
		/* the first key's pool offset, far out of range */
		fseek(f, 0, SEEK_END);
		long at = ftell(f) - (long)geo.pool_len - 4L * geo.nslots - 4L * geo.nord -
			  (long)(sizeof(struct place_key) * geo.nkeys);
		fseek(f, at, SEEK_SET);
		uint32_t big = 0xfffffff0u;
		fwrite(&big, 4, 1, f);
		fclose(f);
	}
	T_INTEQ(place_index_load(&y, &o, path), DYAD_ECACHE);
	unlink(path);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("FAIL %s: mkdtemp\n", __FILE__);
		return 1;
	}
	snprintf(tsv, sizeof tsv, "%s/dyad.places.tsv", dir);
	T_RUN(test_tsv_and_countries);
	T_RUN(test_tsv_errors);
	build_geo();
	T_RUN(test_ambiguity);
	T_RUN(test_scan);
	T_RUN(test_bundled);
	T_RUN(test_dateline);
	T_RUN(test_compiled);
	place_index_release(&geo);
	unlink(tsv);
	rmdir(dir);
	return t_exit();
}
