/*
 * place.c - the gazetteer index and place resolution (see place.h).
 *
 * Sources, in load order: iso-codes' ISO 3166-1 (countries: alpha-2,
 * alpha-3, name, common and official names), libgeonames (about 24,000
 * cities with country, first-level subdivision, coordinates and
 * population) and dyad.places.tsv (regions, other names, venues). Every
 * name is tokenized like a sentence and keyed by its token keys joined by
 * spaces; the keys are sorted and grouped so that one hash probe gives
 * every place of a name. Invariant: the index never changes after
 * place_index_build().
 */
#define _GNU_SOURCE 1     /* dladdr: the libgeonames file, for the stamp */
#include "place.h"
#include "dict.h"
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include <geonames.h>

#define ISO3166_DEFAULT "/usr/share/iso-codes/json/iso_3166-1.json"
#define MAX_NAME_WORDS 8
#define MAX_KEY 256

struct entry { uint32_t key, keylen, place; uint8_t words; };

struct builder {
	struct place_index *x;
	dyad_buf pool;
	VEC(struct place) p;
	VEC(struct entry) e;
	struct arena tmp;
	/* venues name their city: resolved once every name is indexed */
	struct { uint32_t place; char at[128]; long line; } venue[64];
	int nvenue;
	const char *tsv;
};

const char *dyad_place_type_name(int type)
{
	switch (type) {
	case DYAD_PLACE_CITY: return "city";
	case DYAD_PLACE_REGION: return "region";
	case DYAD_PLACE_COUNTRY: return "country";
	default: return "";
	}
}

static uint32_t pool_add(struct builder *b, const char *s, size_t n)
{
	if (!n)
		return 0;
	if (b->pool.len + n + 1 > UINT32_MAX)
		return UINT32_MAX;
	uint32_t off = (uint32_t)b->pool.len;
	if (buf_add(&b->pool, s, n) || buf_addc(&b->pool, 0))
		return UINT32_MAX;
	return off;
}

static struct place *new_place(struct builder *b)
{
	struct place *p = vec_push(&b->p);
	if (p)
		p->lat = p->lon = NAN;
	return p;
}

/* A key of the name index: off/len in the pool, for place id (UINT32_MAX:
 * a proper prefix of a name), nw words. */
static int add_entry(struct builder *b, uint32_t off, uint32_t len, uint32_t id, uint8_t nw)
{
	struct entry *e = vec_push(&b->e);
	if (!e)
		return DYAD_ENOMEM;
	*e = (struct entry){ off, len, id, nw };
	return 0;
}

/* Index name s[0,n) for place id: tokenized, keys joined by spaces. */
static int add_name(struct builder *b, const char *s, size_t n, uint32_t id)
{
	struct token *t;
	size_t nt;
	char key[MAX_KEY];
	size_t k = 0;
	if (!n || memchr(s, ',', n) || memchr(s, '(', n))
		return 0;      /* "Korea, Republic of": not a name news uses */
	char *copy = arena_strndup(&b->tmp, s, n);
	if (!copy)
		return DYAD_ENOMEM;
	struct span sp = { 0, (uint32_t)n };
	int rc = tokenize(copy, sp, &b->tmp, &t, &nt, MAX_NAME_WORDS + 1);
	if (rc == DYAD_ETOOBIG || nt == 0 || nt > MAX_NAME_WORDS)
		return 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < nt; i++) {
		if (k + t[i].keylen + 1 >= sizeof key)
			return 0;
		if (i)
			key[k++] = ' ';
		memcpy(key + k, t[i].key, t[i].keylen);
		k += t[i].keylen;
	}
	uint32_t off = pool_add(b, key, k);
	if (off == UINT32_MAX || add_entry(b, off, (uint32_t)k, id, (uint8_t)nt))
		return DYAD_ENOMEM;
	/* its proper prefixes ("NEW", "NEW YORK" of "NEW YORK CITY"), so that
	 * a lookup stops as soon as no name can continue */
	for (size_t i = 0, w = 0; i < k && nt > 1; i++) {
		if (key[i] != ' ')
			continue;
		if (add_entry(b, off, (uint32_t)i, UINT32_MAX, (uint8_t)++w))
			return DYAD_ENOMEM;
	}
	return 0;
}

/* ---- ISO 3166-1 ---------------------------------------------------------- */

static int load_iso(struct builder *b, const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		return 0;      /* iso-codes absent: no country names */
	int rc = 0;
	json_t *arr = json_object_get(root, "3166-1");
	size_t i;
	json_t *c;
	json_array_foreach(arr, i, c) {
		const char *a2 = json_string_value(json_object_get(c, "alpha_2"));
		const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
		const char *name = json_string_value(json_object_get(c, "name"));
		const char *common = json_string_value(json_object_get(c, "common_name"));
		const char *official = json_string_value(json_object_get(c, "official_name"));
		if (!a2 || !a3 || !name || strlen(a2) != 2 || strlen(a3) != 3)
			continue;
		struct place *p = new_place(b);
		if (!p) {
			rc = DYAD_ENOMEM;
			break;
		}
		uint32_t id = b->p.n - 1;
		const char *shown = common ? common : name;
		p->name = pool_add(b, shown, strlen(shown));
		memcpy(p->cc, a2, 3);
		memcpy(p->c3, a3, 4);
		p->country = id + 1;
		p->type = PT_COUNTRY;
		p->own = 1;
		if (p->name == UINT32_MAX) {
			rc = DYAD_ENOMEM;
			break;
		}
		const char *names[] = { name, common, official };
		for (size_t k = 0; k < 3 && !rc; k++)
			if (names[k])
				rc = add_name(b, names[k], strlen(names[k]), id);
		if (rc)
			break;
	}
	json_decref(root);
	return rc;
}

static const struct place *country_of(const struct builder *b, const char *cc)
{
	for (uint32_t i = 0; i < b->p.n; i++)
		if (b->p.v[i].type == PT_COUNTRY && !strcmp(b->p.v[i].cc, cc))
			return &b->p.v[i];
	return NULL;
}

/* ---- libgeonames ------------------------------------------------------------ */

static int load_geonames(struct builder *b)
{
	int n = geonames_get_n_cities();
	/* alpha-2 -> alpha-3 through the countries already loaded */
	char last_cc[3] = "", last_c3[4] = "";
	uint32_t last_country = 0;
	for (int i = 0; i < n; i++) {
		GeonamesCity *c = geonames_get_city(i);
		if (!c)
			continue;
		const char *name = geonames_city_get_name(c);
		const char *state = geonames_city_get_state(c);
		const char *cc = geonames_city_get_country_code(c);
		int rc = 0;
		struct place *p = name && *name ? new_place(b) : NULL;
		if (name && *name && !p)
			rc = DYAD_ENOMEM;
		if (p) {
			p->type = PT_CITY;
			p->name = pool_add(b, name, strlen(name));
			p->admin1 = state ? pool_add(b, state, strlen(state)) : 0;
			p->lat = geonames_city_get_latitude(c);
			p->lon = geonames_city_get_longitude(c);
			p->pop = geonames_city_get_population(c);
			if (cc && strlen(cc) == 2) {
				memcpy(p->cc, cc, 3);
				if (strcmp(cc, last_cc)) {
					const struct place *k = country_of(b, cc);
					memcpy(last_cc, cc, 3);
					memcpy(last_c3, k ? k->c3 : "", k ? 4 : 1);
					last_country = k ? (uint32_t)(k - b->p.v) + 1 : 0;
				}
				memcpy(p->c3, last_c3, 4);
				p->country = last_country;
			}
			if (p->name == UINT32_MAX || p->admin1 == UINT32_MAX)
				rc = DYAD_ENOMEM;
			else
				rc = add_name(b, name, strlen(name), b->p.n - 1);
		}
		geonames_city_free(c);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- dyad.places.tsv ------------------------------------------------------- */

static bool parse_coord(const char *s, size_t n, double lim, double *out)
{
	char tmp[32];
	if (!n) {
		*out = NAN;
		return true;
	}
	if (n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	char *end;
	errno = 0;
	double v = strtod(tmp, &end);
	if (*end || errno || !(v >= -lim && v <= lim))
		return false;
	*out = v;
	return true;
}

static const struct place_key *find_in(const struct builder *b, const char *name);

static int load_tsv(struct builder *b, const char *path, dyad_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;      /* no dyad gazetteer in this dictionary directory */
	char line[2048];
	long ln = 0;
	int rc = 0;
	while (!rc && fgets(line, sizeof line, f)) {
		ln++;
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (!len || line[0] == '#')
			continue;
		const char *col[8] = { 0 };
		size_t cl[8] = { 0 };
		int nc = 0;
		const char *s = line;
		while (nc < 8) {
			const char *tab = strchr(s, '\t');
			col[nc] = s;
			cl[nc] = tab ? (size_t)(tab - s) : strlen(s);
			nc++;
			if (!tab)
				break;
			s = tab + 1;
		}
		for (int i = nc; i < 8; i++)
			col[i] = "";
#define IS(i, lit) (cl[i] == strlen(lit) && !memcmp(col[i], lit, cl[i]))
		uint8_t type = IS(1, "city") ? PT_CITY : IS(1, "region") ? PT_REGION :
			       IS(1, "country") ? PT_COUNTRY : IS(1, "venue") ? PT_VENUE : 0;
#undef IS
		double lat, lon;
		if (nc < 2 || !cl[0] || !type) {
			rc = dyad_seterr(err, DYAD_EDICT, path, ln, -1,
					 "expected name, then city, region, country or venue");
			break;
		}
		if (cl[2] && cl[2] != 2) {
			rc = dyad_seterr(err, DYAD_EDICT, path, ln, -1,
					 "country must be an ISO 3166-1 alpha-2 code");
			break;
		}
		if (!parse_coord(col[4], cl[4], 90, &lat) || !parse_coord(col[5], cl[5], 180, &lon) ||
		    isnan(lat) != isnan(lon)) {
			rc = dyad_seterr(err, DYAD_EDICT, path, ln, -1, "bad latitude or longitude");
			break;
		}
		if (type == PT_VENUE && (!cl[7] || cl[7] >= sizeof b->venue[0].at ||
					 b->nvenue == (int)ARRAY_SIZE(b->venue))) {
			rc = dyad_seterr(err, DYAD_EDICT, path, ln, -1,
					 "a venue needs the name of its city in column 8");
			break;
		}
		char cc[3] = "";
		if (cl[2])
			memcpy(cc, col[2], 2);
		uint32_t id;
		const struct place *country = cc[0] ? country_of(b, cc) : NULL;
		if (type == PT_COUNTRY) {
			/* another name of an ISO country, shown under this name */
			if (!country) {
				rc = dyad_seterr(err, DYAD_EDICT, path, ln, -1,
						 "country '%s' is not in ISO 3166-1", cc);
				break;
			}
			id = (uint32_t)(country - b->p.v);
			uint32_t nm = pool_add(b, col[0], cl[0]);
			if (nm == UINT32_MAX) {
				rc = DYAD_ENOMEM;
				break;
			}
			b->p.v[id].name = nm;
		} else {
			struct place *p = new_place(b);
			if (!p) {
				rc = DYAD_ENOMEM;
				break;
			}
			id = b->p.n - 1;
			p->type = type;
			p->own = 1;
			p->name = pool_add(b, col[0], cl[0]);
			p->admin1 = pool_add(b, col[3], cl[3]);
			p->lat = lat;
			p->lon = lon;
			memcpy(p->cc, cc, 3);
			if (country) {
				memcpy(p->c3, country->c3, 4);
				p->country = (uint32_t)(country - b->p.v) + 1;
			}
			if (p->name == UINT32_MAX || p->admin1 == UINT32_MAX) {
				rc = DYAD_ENOMEM;
				break;
			}
			if (type == PT_VENUE) {
				b->venue[b->nvenue].place = id;
				b->venue[b->nvenue].line = ln;
				memcpy(b->venue[b->nvenue].at, col[7], cl[7]);
				b->venue[b->nvenue].at[cl[7]] = 0;
				b->nvenue++;
			}
		}
		rc = add_name(b, col[0], cl[0], id);
		for (const char *a = col[6], *end = col[6] + cl[6]; !rc && a < end;) {
			const char *bar = memchr(a, '|', (size_t)(end - a));
			size_t an = bar ? (size_t)(bar - a) : (size_t)(end - a);
			rc = add_name(b, a, an, id);
			a += an + 1;
		}
	}
	fclose(f);
	b->tsv = path;
	return rc;
}

static int resolve_venues(struct builder *b, dyad_error *err)
{
	int rc = 0;
	for (int i = 0; i < b->nvenue && !rc; i++) {
		/* the venue's city: dyad's own row first, then the most populous */
		const struct place_key *k = find_in(b, b->venue[i].at);
		uint32_t best = UINT32_MAX;
		for (uint32_t j = 0; k && j < k->n; j++) {
			uint32_t id = b->x->ord[k->first + j];
			const struct place *p = &b->p.v[id];
			if (p->type == PT_VENUE || p->type == PT_COUNTRY)
				continue;
			if (best == UINT32_MAX || p->own > b->p.v[best].own ||
			    (p->own == b->p.v[best].own && p->pop > b->p.v[best].pop))
				best = id;
		}
		if (best == UINT32_MAX)
			rc = dyad_seterr(err, DYAD_EDICT, b->tsv, b->venue[i].line, -1,
					 "venue city '%s' is not a known city or region", b->venue[i].at);
		else
			b->p.v[b->venue[i].place].at = best;
	}
	return rc;
}

/* ---- the hash index ---------------------------------------------------------- */

static _Thread_local const char *sort_pool;   /* for cmp_entry */

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t n = MIN(x->keylen, y->keylen);
	int c = memcmp(sort_pool + x->key, sort_pool + y->key, n);
	if (c)
		return c;
	if (x->keylen != y->keylen)
		return x->keylen < y->keylen ? -1 : 1;
	return x->place < y->place ? -1 : x->place > y->place;
}

/* Group b->e into x->keys/ord and hash them. */
static int build_hash(struct builder *b)
{
	struct place_index *x = b->x;
	free(x->keys);
	free(x->ord);
	free(x->slots);
	x->keys = NULL;
	x->ord = NULL;
	x->slots = NULL;
	x->nkeys = 0;
	sort_pool = b->pool.p;
	qsort(b->e.v, b->e.n, sizeof *b->e.v, cmp_entry);
	/* zeroed: the index is written to a file, padding included */
	x->keys = calloc(b->e.n + 1, sizeof *x->keys);
	x->ord = calloc(b->e.n + 1, sizeof *x->ord);
	uint32_t ns = 16;
	while (ns < b->e.n * 2)
		ns *= 2;
	x->slots = calloc(ns, sizeof *x->slots);
	if (!x->keys || !x->ord || !x->slots)
		return DYAD_ENOMEM;
	x->nslots = ns;
	x->pool = b->pool.p;
	uint32_t no = 0;
	for (uint32_t i = 0; i < b->e.n; i++) {
		const struct entry *e = &b->e.v[i];
		struct place_key *k = x->nkeys ? &x->keys[x->nkeys - 1] : NULL;
		bool same = k && k->keylen == e->keylen &&
			    !memcmp(b->pool.p + k->key, b->pool.p + e->key, e->keylen);
		if (same && (e->place == UINT32_MAX || x->ord[no - 1] == e->place))
			continue;      /* the same name twice for one place, or a
					* prefix that is also a name */
		if (!same) {
			k = &x->keys[x->nkeys++];
			k->key = e->key;   /* by field: the padding stays zero */
			k->keylen = e->keylen;
			k->first = no;
			k->n = 0;
			k->words = e->words;
			if (e->words > x->maxwords)
				x->maxwords = e->words;
		}
		if (e->place == UINT32_MAX)
			continue;      /* a prefix only: n stays 0 */
		x->ord[no++] = e->place;
		k->n++;
	}
	x->nord = no;
	for (uint32_t i = 0; i < x->nkeys; i++) {
		uint32_t h = (uint32_t)hash_bytes(x->pool + x->keys[i].key, x->keys[i].keylen) & (ns - 1);
		while (x->slots[h])
			h = (h + 1) & (ns - 1);
		x->slots[h] = i + 1;
	}
	x->p = b->p.v;
	x->np = b->p.n;
	return 0;
}

const struct place_key *place_find(const struct place_index *x, const char *key, size_t n)
{
	if (!x->nslots)
		return NULL;
	uint32_t mask = x->nslots - 1;
	uint32_t h = (uint32_t)hash_bytes(key, n) & mask;
	for (;;) {
		uint32_t s = x->slots[h];
		if (!s)
			return NULL;
		const struct place_key *k = &x->keys[s - 1];
		if (k->keylen == n && !memcmp(x->pool + k->key, key, n))
			return k;
		h = (h + 1) & mask;
	}
}

static const struct place_key *find_in(const struct builder *b, const char *name)
{
	/* the key of a plain name: upper-case words joined by spaces */
	char key[MAX_KEY];
	size_t k = 0;
	for (const char *s = name; *s; ) {
		while (*s == ' ')
			s++;
		size_t n = strcspn(s, " ");
		if (!n)
			break;
		if (k)
			key[k++] = ' ';
		int kl = text_key(s, n, key + k, sizeof key - k);
		if (kl < 0)
			return NULL;
		k += (size_t)kl;
		s += n;
	}
	return place_find(b->x, key, k);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int place_index_build(struct place_index *x, const struct place_index_options *o,
		      dyad_error *err)
{
	double t0 = seconds();
	struct builder b = { .x = x };
	memset(x, 0, sizeof *x);
	arena_init(&b.tmp, 0);
	int rc = buf_addc(&b.pool, 0);      /* offset 0: "" */
	if (!rc)
		rc = load_iso(&b, o && o->iso3166 ? o->iso3166 : ISO3166_DEFAULT);
	if (!rc && !(o && o->no_geonames))
		rc = load_geonames(&b);
	if (rc)
		dyad_seterr(err, rc, NULL, 0, -1, "out of memory indexing places");
	if (!rc && o && o->tsv)
		rc = load_tsv(&b, o->tsv, err);
	if (!rc && (rc = build_hash(&b)))
		dyad_seterr(err, rc, NULL, 0, -1, "out of memory indexing places");
	if (!rc)
		rc = resolve_venues(&b, err);
	arena_release(&b.tmp);
	free(b.e.v);
	if (rc) {
		if (x->p != b.p.v)
			free(b.p.v);
		if (x->pool != b.pool.p)
			dyad_buf_release(&b.pool);
		place_index_release(x);
		return rc;
	}
	x->pool_len = b.pool.len;
	x->build_seconds = seconds() - t0;
	return 0;
}

void place_index_release(struct place_index *x)
{
	free(x->p);
	free(x->pool);
	free(x->keys);
	free(x->ord);
	free(x->slots);
	memset(x, 0, sizeof *x);
}

/* ---- finding places in a sentence --------------------------------------- */

static inline bool key_is(const struct token *t, const char *s)
{
	if (t->key[0] != s[0])
		return false;
	size_t n = strlen(s);
	return t->kind == TOK_WORD && t->keylen == n && !memcmp(t->key, s, n);
}

static bool key_in(const struct token *t, const char *const *list)
{
	for (; *list; list++)
		if (key_is(t, *list))
			return true;
	return false;
}

/* Prepositions that put what follows in a place (PK_LOC: in, at, near,
 * outside, inside, across, along, throughout, around, into, within), that
 * introduce a venue (PK_VENUE: at, during) and "of" (PK_OF, for "on the
 * sidelines of"). Called for every word of every sentence: a switch on
 * the length, then one or two comparisons. */
enum { PK_LOC = 1, PK_VENUE = 2, PK_OF = 4, PK_TO = 8 };
static inline int prep_kind(const char *k, size_t n)
{
#define EQ(lit) (!memcmp(k, lit, sizeof lit - 1))
	switch (n) {
	case 2:
		return EQ("IN") ? PK_LOC : EQ("AT") ? PK_LOC | PK_VENUE : EQ("OF") ? PK_OF :
		       EQ("TO") ? PK_TO : 0;
	case 4:
		return EQ("NEAR") || EQ("INTO") ? PK_LOC : 0;
	case 5:
		return EQ("ALONG") ? PK_LOC : 0;
	case 6:
		return EQ("ACROSS") || EQ("AROUND") || EQ("INSIDE") || EQ("WITHIN") ? PK_LOC :
		       EQ("DURING") ? PK_VENUE : 0;
	case 7:
		return EQ("OUTSIDE") ? PK_LOC : 0;
	case 10:
		return EQ("THROUGHOUT") ? PK_LOC : 0;
	default:
		return 0;
	}
#undef EQ
}
/* Words after which "to" names a place: "a visit to Beirut". */
static const char *const journeys[] = {
	"VISIT", "VISITS", "TRIP", "TRIPS", "TOUR", "JOURNEY", "TRAVELED", "TRAVELLED",
	"FLEW", "RETURNED", NULL,       /* (not "travel to": "bans on travel to Canada") */
};
/* Nouns that introduce a place: "in the northern city of Kharkiv". */
static const char *const heads[] = {
	"CITY", "TOWN", "VILLAGE", "CAPITAL", "REGION", "PROVINCE", "STATE",
	"DISTRICT", "PORT", "AREA", "OBLAST", "GOVERNORATE", "ENCLAVE",
	"TERRITORY", "COUNTY", "OUTSKIRTS", "SUBURBS", "SUBURB", NULL,
};
/* Capitalized words that are never places here ("in May", "on Monday"). */
static const char *const never[] = {
	"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
	"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "MONDAY", "TUESDAY",
	"WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", NULL,
};

static bool is_venue_key(const struct place_index *x, const struct place_key *k)
{
	return x->p[x->ord[k->first]].type == PT_VENUE;
}

/* The longest place name starting at token i (capitalized); NULL none. */
static const struct place_key *match_at(const struct place_index *x, const struct token *tok,
					int ntok, int i, int *end)
{
	if (i >= ntok || tok[i].kind != TOK_WORD || !(tok[i].flags & TOKF_CAP) ||
	    key_in(&tok[i], never))
		return NULL;
	char key[MAX_KEY];
	size_t k = 0;
	const struct place_key *best = NULL;
	for (int j = i; j < ntok && j - i < x->maxwords; j++) {
		if (k + tok[j].keylen + 1 >= sizeof key)
			break;
		if (j > i)
			key[k++] = ' ';
		memcpy(key + k, tok[j].key, tok[j].keylen);
		k += tok[j].keylen;
		const struct place_key *pk = place_find(x, key, k);
		if (!pk)
			break;     /* no name starts with these words */
		if (pk->n) {      /* ("Kherson region": lower case inside) */
			best = pk;
			*end = j + 1;
		}
	}
	return best;
}

static int skip_det(const struct token *tok, int ntok, int j)
{
	while (j < ntok && (key_is(&tok[j], "THE") || key_is(&tok[j], "A") || key_is(&tok[j], "AN")))
		j++;
	return j;
}

/* A place phrase at token *j (not a venue): "Kharkiv", or "the northern
 * city of Kharkiv", "the capital, Kyiv" (then *j moves to the name). */
static const struct place_key *phrase_at(const struct place_index *x, const struct token *tok,
					 int ntok, int *j, int *end)
{
	int i = skip_det(tok, ntok, *j);
	const struct place_key *k = match_at(x, tok, ntok, i, end);
	if (k) {
		*j = i;
		return is_venue_key(x, k) ? NULL : k;   /* "in a UN Security
							 * Council resolution" */
	}
	for (int h = i; h < ntok && h < i + 4 && tok[h].kind == TOK_WORD; h++) {
		if (!key_in(&tok[h], heads))
			continue;
		int a = h + 1;
		if (a < ntok && (key_is(&tok[a], "OF") || tok[a].key[0] == ','))
			a++;
		k = match_at(x, tok, ntok, a, end);
		if (!k || is_venue_key(x, k))
			return NULL;
		*j = a;
		return k;
	}
	return NULL;
}

int place_scan(const struct place_index *x, const struct token *tok, int ntok,
	       struct place_cand *out, int max)
{
	int n = 0;
	for (int i = 0; i + 1 < ntok && n < max; i++) {
		const struct token *t = &tok[i];
		int pk = t->kind == TOK_WORD ? prep_kind(t->key, t->keylen) : 0;
		if (!pk)
			continue;
		bool loc = (pk & PK_LOC) || (pk == PK_TO && i > 0 && key_in(&tok[i - 1], journeys));
		bool venue_prep = (pk & PK_VENUE) ||
				  (pk == PK_OF && i > 0 && key_is(&tok[i - 1], "SIDELINES"));
		if (!loc && !venue_prep)
			continue;
		int j = skip_det(tok, ntok, i + 1), end = 0;
		const struct place_key *k = NULL;
		if (loc)
			k = phrase_at(x, tok, ntok, &j, &end);
		if (!k && venue_prep) {
			/* "during the high-level week of the 79th session of the
			 * United Nations General Assembly": a venue ends the phrase */
			for (int h = j; h < ntok && h < j + 12 && tok[h].kind != TOK_PUNCT; h++) {
				const struct place_key *v = match_at(x, tok, ntok, h, &end);
				if (v && is_venue_key(x, v)) {
					k = v;
					j = h;
					break;
				}
				if (v)
					break;
			}
		}
		if (!k)
			continue;
		out[n].k = k;
		out[n].start = tok[j].start;
		out[n].end = tok[end - 1].end;
		out[n].venue = is_venue_key(x, k);
		n++;
		i = end - 1;
	}
	return n;
}

bool place_object(const struct place_index *x, const struct token *tok, int ntok,
		  size_t after, struct place_cand *out)
{
	int i = 0, end = 0;
	while (i < ntok && tok[i].start < after)
		i++;
	const struct place_key *k = phrase_at(x, tok, ntok, &i, &end);
	if (!k)
		return false;
	out->k = k;
	out->start = tok[i].start;
	out->end = tok[end - 1].end;
	out->venue = 0;
	return true;
}

bool place_dateline(const struct place_index *x, const struct token *tok, int ntok,
		    struct place_cand *out)
{
	int k = 0;
	while (k < ntok && k < 6 && tok[k].kind == TOK_WORD && (tok[k].flags & TOKF_ALLCAP) &&
	       !(tok[k].flags & TOKF_POSS))
		k++;
	if (k == 0 || k >= ntok || tok[0].keylen < 2)
		return false;
	char c = tok[k].key[0];
	if (tok[k].kind != TOK_PUNCT || (c != ',' && c != '(' && c != '-'))
		return false;
	bool dash = false;
	for (int i = k; i < ntok && i < 16 && !dash; i++)
		dash = tok[i].kind == TOK_PUNCT && tok[i].key[0] == '-';
	if (!dash)
		return false;
	char key[MAX_KEY];
	size_t n = 0;
	for (int i = 0; i < k; i++) {
		if (n + tok[i].keylen + 1 >= sizeof key)
			return false;
		if (i)
			key[n++] = ' ';
		memcpy(key + n, tok[i].key, tok[i].keylen);
		n += tok[i].keylen;
	}
	const struct place_key *pk = place_find(x, key, n);
	if (!pk || !pk->n)
		return false;
	out->k = pk;
	out->start = tok[0].start;
	out->end = tok[k - 1].end;
	out->venue = is_venue_key(x, pk);
	return true;
}

const struct place *place_pick(const struct place_index *x, const struct place_key *k,
			       const char (*c3)[4], int nc)
{
	const struct place *best = NULL;
	int best_score = -1;
	for (uint32_t i = 0; i < k->n; i++) {
		const struct place *p = &x->p[x->ord[k->first + i]];
		bool match = false;
		for (int a = 0; a < nc && !match; a++)
			match = p->c3[0] && !memcmp(p->c3, c3[a], 3);
		int score = p->own * 2 + match;
		if (score > best_score || (score == best_score && p->pop > best->pop)) {
			best = p;
			best_score = score;
		}
	}
	if (best && best->type == PT_VENUE)
		best = &x->p[best->at];
	return best;
}

void place_fill(const struct place_index *x, const struct place *p, int from,
		uint32_t start, uint32_t end, dyad_location *loc)
{
	memset(loc, 0, sizeof *loc);
	loc->type = p->type == PT_CITY ? DYAD_PLACE_CITY :
		    p->type == PT_REGION ? DYAD_PLACE_REGION : DYAD_PLACE_COUNTRY;
	loc->from = from;
	snprintf(loc->name, sizeof loc->name, "%s", x->pool + p->name);
	snprintf(loc->admin1, sizeof loc->admin1, "%s", x->pool + p->admin1);
	memcpy(loc->country, p->cc, 3);
	memcpy(loc->country3, p->c3, 4);
	if (p->country)
		snprintf(loc->country_name, sizeof loc->country_name, "%s",
			 x->pool + x->p[p->country - 1].name);
	loc->has_coords = !isnan(p->lat);
	loc->lat = loc->has_coords ? p->lat : 0;
	loc->lon = loc->has_coords ? p->lon : 0;
	loc->start = start;
	loc->end = end;
}

/* ---- the compiled index file ----------------------------------------------
 * The index arrays written verbatim after a header; used only when the
 * header matches: format, structure sizes, the program that wrote it, the
 * source files' sizes and modification times and libgeonames' city count.
 * Everything read is checked against the array bounds before use. */

#define PCACHE_MAGIC "dyadplc\n"
#define PCACHE_FORMAT 2u

struct pheader {
	char magic[8];
	uint32_t format, sizes[3];
	int64_t stamp[8];        /* exe size, mtime; tsv size, mtime; iso size,
				  * mtime; libgeonames size, mtime (-1: not
				  * used) */
	uint32_t np, nkeys, nord, nslots, maxwords;
	uint64_t pool_len;
};

static void file_stamp(const char *path, int64_t *size, int64_t *mtime)
{
	struct stat st;
	*size = *mtime = -1;
	if (path && stat(path, &st) == 0) {
		*size = st.st_size;
		*mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	}
}

static void stamp_of(const struct place_index_options *o, int64_t st[8])
{
	file_stamp("/proc/self/exe", &st[0], &st[1]);
	file_stamp(o ? o->tsv : NULL, &st[2], &st[3]);
	file_stamp(o && o->iso3166 ? o->iso3166 : ISO3166_DEFAULT, &st[4], &st[5]);
	/* the shared library's file, not its data: geonames_get_n_cities()
	 * would load the data (10-30 ms) */
	Dl_info info;
	const char *lib = NULL;
	gint (*fn)(void) = geonames_get_n_cities;
	void *addr;
	memcpy(&addr, &fn, sizeof addr);   /* (ISO C has no function-to-object cast) */
	if (!(o && o->no_geonames) && dladdr(addr, &info))
		lib = info.dli_fname;
	file_stamp(lib, &st[6], &st[7]);
}

static void header_of(const struct place_index *x, const struct place_index_options *o,
		      struct pheader *h)
{
	memset(h, 0, sizeof *h);
	memcpy(h->magic, PCACHE_MAGIC, 8);
	h->format = PCACHE_FORMAT;
	h->sizes[0] = sizeof(struct place);
	h->sizes[1] = sizeof(struct place_key);
	h->sizes[2] = sizeof(struct pheader);
	stamp_of(o, h->stamp);
	if (x) {
		h->np = x->np;
		h->nkeys = x->nkeys;
		h->nord = x->nord;
		h->nslots = x->nslots;
		h->maxwords = x->maxwords;
		h->pool_len = x->pool_len;
	}
}

int place_index_save(const struct place_index *x, const struct place_index_options *o,
		     const char *path)
{
	char tmp[4300];
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return DYAD_EIO;
	struct pheader h;
	header_of(x, o, &h);
	bool ok = fwrite(&h, sizeof h, 1, f) == 1 &&
		  fwrite(x->p, sizeof *x->p, x->np, f) == x->np &&
		  fwrite(x->keys, sizeof *x->keys, x->nkeys, f) == x->nkeys &&
		  fwrite(x->ord, sizeof *x->ord, x->nord, f) == x->nord &&
		  fwrite(x->slots, sizeof *x->slots, x->nslots, f) == x->nslots &&
		  fwrite(x->pool, 1, x->pool_len, f) == x->pool_len;
	ok = !fclose(f) && ok;
	if (!ok || rename(tmp, path)) {
		unlink(tmp);
		return DYAD_EIO;
	}
	return 0;
}

static bool index_sane(const struct place_index *x)
{
	if (!x->pool_len || x->pool[x->pool_len - 1] || x->nslots < 16 ||
	    (x->nslots & (x->nslots - 1)) || x->maxwords > MAX_NAME_WORDS)
		return false;
	for (uint32_t i = 0; i < x->np; i++) {
		const struct place *p = &x->p[i];
		if (p->name >= x->pool_len || p->admin1 >= x->pool_len || p->at >= x->np ||
		    p->country > x->np ||
		    p->cc[2] || p->c3[3])
			return false;
	}
	for (uint32_t i = 0; i < x->nkeys; i++) {
		const struct place_key *k = &x->keys[i];
		if (k->key >= x->pool_len || k->keylen > x->pool_len - k->key ||
		    k->first > x->nord || k->n > x->nord - k->first)
			return false;
	}
	for (uint32_t i = 0; i < x->nord; i++)
		if (x->ord[i] >= x->np)
			return false;
	for (uint32_t i = 0; i < x->nslots; i++)
		if (x->slots[i] > x->nkeys)
			return false;
	return true;
}

int place_index_load(struct place_index *x, const struct place_index_options *o,
		     const char *path)
{
	memset(x, 0, sizeof *x);
	FILE *f = fopen(path, "rb");
	if (!f)
		return DYAD_ECACHE;
	struct pheader h, want;
	int rc = DYAD_ECACHE;
	header_of(NULL, o, &want);
	if (fread(&h, sizeof h, 1, f) != 1 || memcmp(h.magic, want.magic, 8) ||
	    h.format != want.format || memcmp(h.sizes, want.sizes, sizeof h.sizes) ||
	    memcmp(h.stamp, want.stamp, sizeof h.stamp) || h.np > 1u << 24 ||
	    h.nkeys > 1u << 24 || h.nord > 1u << 24 || h.nslots > 1u << 26 ||
	    h.pool_len > 1u << 28 || !h.pool_len)
		goto out;
	x->np = h.np;
	x->nkeys = h.nkeys;
	x->nord = h.nord;
	x->nslots = h.nslots;
	x->maxwords = (uint8_t)MIN(h.maxwords, 255u);
	x->pool_len = (size_t)h.pool_len;
	x->p = malloc(sizeof *x->p * (x->np + 1));
	x->keys = malloc(sizeof *x->keys * (x->nkeys + 1));
	x->ord = malloc(sizeof *x->ord * (x->nord + 1));
	x->slots = malloc(sizeof *x->slots * (x->nslots + 1));
	x->pool = malloc(x->pool_len);
	if (!x->p || !x->keys || !x->ord || !x->slots || !x->pool)
		goto out;
	if (fread(x->p, sizeof *x->p, x->np, f) != x->np ||
	    fread(x->keys, sizeof *x->keys, x->nkeys, f) != x->nkeys ||
	    fread(x->ord, sizeof *x->ord, x->nord, f) != x->nord ||
	    fread(x->slots, sizeof *x->slots, x->nslots, f) != x->nslots ||
	    fread(x->pool, 1, x->pool_len, f) != x->pool_len || fgetc(f) != EOF)
		goto out;
	if (index_sane(x))
		rc = 0;
out:
	fclose(f);
	if (rc)
		place_index_release(x);
	return rc;
}
