/*
 * store_query.c - queries, aggregates and exports of the event store.
 *
 * Every query is one SELECT built from the dyad_query filters (values are
 * always bound, never pasted into the SQL, except small integers) over one
 * of three event sets: all events, the one-a-day view events_daily, or the
 * canonical events of event_clusters. Rows go to a callback as text.
 * Export schemas are lists of (column name, SQL expression) over the same
 * event set; dyad_actor(code, part) splits CAMEO actor codes for them.
 */
#include "store.h"
#include <ctype.h>
#include <stdio.h>

/* ---- CAMEO actor codes ---------------------------------------------------- */

/* ISO 3166-1 alpha-3 (the country codes of CAMEO actor codes), sorted. */
static const char countries[] =
	"ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN "
	"BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN "
	"CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU "
	"DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR "
	"GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV "
	"HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM "
	"KIR KNA KOR KSV KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO "
	"MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT "
	"NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG "
	"POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SCG SDN SEN SGP SGS SHN SJM "
	"SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO "
	"THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT "
	"VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";
/* Codes that start an actor code in place of a country (Phoenix "root"). */
static const char groups[] = "IGO IMG MNC NGO";
/* CAMEO type (role/sector) codes, GDELT's Type1..3. */
static const char type_codes[] =
	"AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS JUD LAB LEG MED MIL "
	"MNC MOD NGM NGO OPP PTY RAD REB REF REL SEP SET SPY UAF UIS";
/* CAMEO religion codes, GDELT's Religion1..2. */
static const char religions[] =
	"ADR ALE ATH BAH BUD CHR CON CPT CTH DOX GNO HIN HSD ITR JAN JEW JHW LDS MOS MRN "
	"NRM ORT PRO SFI SHI SHN SIK SUN TAO UDX ZRO";
/* Phoenix's primary agents. */
static const char agents[] = "BUS COP CRM CVL EDU GOV JUD MED MIL OPP PTY REB SPY";

static bool in_list(const char *list, const char *code3)
{
	size_t n = strlen(list);
	for (size_t i = 0; i + 3 <= n; i += 4)
		if (!memcmp(list + i, code3, 3))
			return true;
	return false;
}

/* dyad_actor(code, part): a part of a CAMEO actor code, or NULL.
 *   country    the leading country code (GDELT CountryCode)
 *   group      the code after IGO/NGO/IMG/MNC (GDELT KnownGroupCode)
 *   type1..3   the type codes in order (GDELT Type1Code..Type3Code)
 *   religion1..2  religion codes (GDELT Religion1Code..)
 *   root       country or IGO/NGO/IMG/MNC (Phoenix SourceActorEntity)
 *   agent      a primary agent right after the root (Phoenix ...Role)
 *   others     the remaining 3-letter codes joined by ';' (Phoenix
 *              ...Attribute) */
static void actor_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *code = (const char *)sqlite3_value_text(argv[0]);
	const char *part = (const char *)sqlite3_value_text(argv[1]);
	if (!code || !part)
		return;
	size_t n = strlen(code);
	char chunk[12][4];
	size_t nc = 0;
	for (size_t i = 0; i + 3 <= n && nc < 12; i += 3, nc++) {
		memcpy(chunk[nc], code + i, 3);
		chunk[nc][3] = 0;
	}
	if (!nc)
		return;
	bool country = in_list(countries, chunk[0]);
	bool group = in_list(groups, chunk[0]);
	size_t first = (country || group) ? 1 : 0;   /* after the root */
	const char *out = NULL;
	char buf[64];
	if (!strcmp(part, "country")) {
		out = country ? chunk[0] : NULL;
	} else if (!strcmp(part, "group")) {
		out = group && nc > 1 && !in_list(type_codes, chunk[1]) ? chunk[1] : NULL;
	} else if (!strncmp(part, "type", 4) || !strncmp(part, "religion", 8)) {
		bool rel = part[0] == 'r';
		int want = part[rel ? 8 : 4] - '0';
		int seen = 0;
		for (size_t i = country ? 1 : 0; i < nc && !out; i++)
			if (in_list(rel ? religions : type_codes, chunk[i]) && ++seen == want)
				out = chunk[i];
	} else if (!strcmp(part, "root")) {
		out = first ? chunk[0] : NULL;
	} else if (!strcmp(part, "agent")) {
		out = first && nc > 1 && in_list(agents, chunk[1]) ? chunk[1] : NULL;
	} else if (!strcmp(part, "others")) {
		size_t from = first + (first && nc > 1 && in_list(agents, chunk[1]) ? 1 : 0);
		size_t k = 0;
		for (size_t i = from; i < nc; i++)
			k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", k ? ";" : "", chunk[i]);
		out = k ? buf : NULL;
	}
	if (out)
		sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

int store_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "dyad_actor", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				       NULL, actor_fn, NULL, NULL);
}

/* ---- building a query ------------------------------------------------------ */

#define MAX_BIND 256

struct qb {
	dyad_buf sql;
	const char *bind[MAX_BIND];
	int nbind;
	char *owned[MAX_BIND];      /* upper-cased copies */
	int nowned;
	char from[16], to[16];
	int rc;                     /* DYAD_ENOMEM / DYAD_ETOOBIG */
};

static void add(struct qb *b, const char *s)
{
	if (!b->rc && buf_adds(&b->sql, s))
		b->rc = DYAD_ENOMEM;
}

#define addf(b, ...) do { \
	if (!(b)->rc && buf_addf(&(b)->sql, __VA_ARGS__)) \
		(b)->rc = DYAD_ENOMEM; } while (0)

/* Add a bound value; returns its parameter number. */
static int bindv(struct qb *b, const char *v)
{
	if (b->nbind == MAX_BIND) {
		b->rc = DYAD_ETOOBIG;
		return 1;
	}
	b->bind[b->nbind++] = v;
	return b->nbind;
}

static const char *upper(struct qb *b, const char *s)
{
	if (b->nowned == MAX_BIND || b->rc) {
		b->rc = b->rc ? b->rc : DYAD_ETOOBIG;
		return "";
	}
	char *c = strdup(s);
	if (!c) {
		b->rc = DYAD_ENOMEM;
		return "";
	}
	for (char *p = c; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	b->owned[b->nowned++] = c;
	return c;
}

/* col starts with prefix (an index range: prefix <= col < prefix + max) */
static void prefix_cond(struct qb *b, const char *col, const char *prefix)
{
	int k = bindv(b, upper(b, prefix));
	addf(b, "(%s >= ?%d AND %s < ?%d || char(1114111))", col, k, col, k);
}

static void any_prefix(struct qb *b, const char *col, const char *const *v, size_t n)
{
	if (!n)
		return;
	add(b, " AND (");
	for (size_t i = 0; i < n; i++) {
		if (i)
			add(b, " OR ");
		prefix_cond(b, col, v[i]);
	}
	add(b, ")");
}

static void fmt_date(char out[16], int d)
{
	snprintf(out, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
}

static void where(struct qb *b, const dyad_query *q)
{
	add(b, " WHERE 1");
	any_prefix(b, "e.source", q->source, q->nsource);
	any_prefix(b, "e.target", q->target, q->ntarget);
	if (q->dyad_a && q->dyad_b) {
		add(b, " AND ((");
		prefix_cond(b, "e.source", q->dyad_a);
		add(b, " AND ");
		prefix_cond(b, "e.target", q->dyad_b);
		add(b, ") OR (");
		prefix_cond(b, "e.source", q->dyad_b);
		add(b, " AND ");
		prefix_cond(b, "e.target", q->dyad_a);
		add(b, "))");
	}
	any_prefix(b, "e.code", q->code, q->ncode);
	if (q->nroot) {
		add(b, " AND e.root IN (");
		for (size_t i = 0; i < q->nroot; i++)
			addf(b, "%s?%d", i ? ", " : "", bindv(b, q->root[i]));
		add(b, ")");
	}
	if (q->quad & 0x1e) {
		add(b, " AND e.quad_class IN (");
		bool first = true;
		for (int k = 1; k <= 4; k++)
			if (q->quad & (1u << k)) {
				addf(b, "%s%d", first ? "" : ", ", k);
				first = false;
			}
		add(b, ")");
	}
	if (q->from) {
		fmt_date(b->from, q->from);
		addf(b, " AND e.date >= ?%d", bindv(b, b->from));
	}
	if (q->to) {
		fmt_date(b->to, q->to);
		addf(b, " AND e.date <= ?%d", bindv(b, b->to));
	}
	if (q->text && *q->text)
		addf(b, " AND instr(lower(s.text), lower(?%d)) > 0", bindv(b, q->text));
}

/* FROM clause: the event set of q->dedup as "e" (with num_mentions,
 * num_sources, num_articles), its document "d" and sentence "s". */
static int from(struct dyad_store *st, struct qb *b, const dyad_query *q, bool sentences,
		dyad_error *err)
{
	if (q->dedup != DYAD_DEDUP_NONE && st->version < 3)
		return dyad_seterr(err, DYAD_EDB, st->path, 0, -1,
				   "'%s' has schema version %d, without deduplication: open it "
				   "for writing once to migrate it", st->path, st->version);
	switch (q->dedup) {
	case DYAD_DEDUP_NONE:
		add(b, " FROM (SELECT *, 1 AS num_mentions, 1 AS num_sources, 1 AS num_articles"
		    " FROM events) e");
		break;
	case DYAD_DEDUP_DAILY:
		add(b, " FROM events_daily e");
		break;
	case DYAD_DEDUP_CLUSTER:
		if (!dyad_store_clusters_fresh(st))
			return dyad_seterr(err, DYAD_EDB, st->path, 0, -1,
					   "the clusters of '%s' are older than its events: "
					   "rebuild them first (dyad dedup)", st->path);
		add(b, " FROM (SELECT ev.*, c.num_mentions, c.num_sources, c.num_articles,"
		    " c.cluster_id, c.first_date, c.last_date FROM event_clusters c"
		    " JOIN events ev ON ev.event_id = c.event_id) e");
		break;
	}
	add(b, " JOIN documents d ON d.doc_id = e.doc_id");
	if (sentences || (q->text && *q->text))
		add(b, " LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence = e.sentence");
	return 0;
}

static void qb_release(struct qb *b)
{
	dyad_buf_release(&b->sql);
	for (int i = 0; i < b->nowned; i++)
		free(b->owned[i]);
}

/* Prepare, bind, step and hand each row to fn. */
static int run(struct dyad_store *st, struct qb *b, dyad_row_fn fn, void *ctx,
	       dyad_error *err)
{
	if (b->rc)
		return dyad_seterr(err, b->rc, NULL, 0, -1, b->rc == DYAD_ENOMEM ? "out of memory"
				   : "too many filter values");
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db, b->sql.p, (int)b->sql.len, &q, NULL);
	if (rc)
		return store_err(st, err, rc, "cannot query");
	for (int i = 0; i < b->nbind; i++)
		sqlite3_bind_text(q, i + 1, b->bind[i], -1, SQLITE_STATIC);
	int nc = sqlite3_column_count(q);
	const char **names = calloc((size_t)nc * 2 + 1, sizeof *names);
	int *types = calloc((size_t)nc + 1, sizeof *types);
	if (!names || !types) {
		free(names);
		free(types);
		sqlite3_finalize(q);
		return dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
	}
	const char **values = names + nc;
	for (int i = 0; i < nc; i++)
		names[i] = sqlite3_column_name(q, i);
	dyad_row row = { nc, names, NULL, types };
	int out = fn(ctx, &row);
	row.values = values;
	if (out)
		rc = SQLITE_DONE;
	while (!out && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (int i = 0; i < nc; i++) {
			int t = sqlite3_column_type(q, i);
			types[i] = t == SQLITE_INTEGER ? DYAD_COL_INT : t == SQLITE_FLOAT ? DYAD_COL_REAL
				   : t == SQLITE_NULL ? DYAD_COL_NULL : DYAD_COL_TEXT;
			values[i] = (const char *)sqlite3_column_text(q, i);
		}
		if ((out = fn(ctx, &row)))
			break;
	}
	if (!out && rc != SQLITE_DONE)
		out = store_err(st, err, rc, "cannot query");
	free(names);
	free(types);
	sqlite3_finalize(q);
	return out;
}

/* ---- queries -------------------------------------------------------------- */

int dyad_store_query(dyad_store *st, const dyad_query *q, dyad_row_fn fn, void *ctx,
		     dyad_error *err)
{
	struct qb b = { 0 };
	int rc;
	bool agg = q->agg != DYAD_AGG_NONE || q->by != DYAD_BY_NONE;
	if (!agg) {
		add(&b, "SELECT e.event_id, e.date, e.source, e.target, e.code, e.root,"
		    " e.quad_class, e.goldstein, e.plover, e.source_text, e.target_text,"
		    " e.doc_id, e.sentence, d.publisher, d.url, s.text AS evidence, e.rule");
		if (q->dedup != DYAD_DEDUP_NONE)
			add(&b, ", e.num_mentions, e.num_sources, e.num_articles");
		if ((rc = from(st, &b, q, true, err)))
			goto out;
		where(&b, q);
		add(&b, " ORDER BY e.date, e.doc_id, e.sentence, e.event_id");
	} else {
		const char *period = NULL, *keys = NULL;
		switch (q->agg) {
		case DYAD_AGG_NONE: break;
		case DYAD_AGG_DAY: period = "e.date"; break;
		/* the Monday of the week */
		case DYAD_AGG_WEEK: period = "date(e.date, 'weekday 0', '-6 days')"; break;
		case DYAD_AGG_MONTH: period = "substr(e.date, 1, 7)"; break;
		case DYAD_AGG_YEAR: period = "substr(e.date, 1, 4)"; break;
		}
		switch (q->by) {
		case DYAD_BY_NONE: break;
		case DYAD_BY_DYAD: keys = "e.source AS source, e.target AS target"; break;
		case DYAD_BY_SOURCE: keys = "e.source AS source"; break;
		case DYAD_BY_TARGET: keys = "e.target AS target"; break;
		case DYAD_BY_ROOT: keys = "e.root AS root"; break;
		case DYAD_BY_QUAD: keys = "e.quad_class AS quad_class"; break;
		}
		add(&b, "SELECT ");
		if (period)
			addf(&b, "%s AS period, ", period);
		if (keys)
			addf(&b, "%s, ", keys);
		add(&b, "count(*) AS events");
		if (q->dedup != DYAD_DEDUP_NONE)
			add(&b, ", sum(e.num_mentions) AS mentions");
		add(&b, ", round(sum(e.goldstein), 3) AS goldstein_sum,"
		    " round(avg(e.goldstein), 3) AS goldstein_mean,"
		    " sum(e.quad_class = 1) AS verbal_coop, sum(e.quad_class = 2) AS material_coop,"
		    " sum(e.quad_class = 3) AS verbal_conflict,"
		    " sum(e.quad_class = 4) AS material_conflict");
		if ((rc = from(st, &b, q, false, err)))
			goto out;
		where(&b, q);
		int ng = (period ? 1 : 0) + (keys ? (q->by == DYAD_BY_DYAD ? 2 : 1) : 0);
		add(&b, " GROUP BY ");
		for (int i = 1; i <= ng; i++)
			addf(&b, "%s%d", i > 1 ? ", " : "", i);
		add(&b, " ORDER BY ");
		for (int i = 1; i <= ng; i++)
			addf(&b, "%s%d", i > 1 ? ", " : "", i);
	}
	if (q->limit > 0)
		addf(&b, " LIMIT %ld", q->limit);
	rc = run(st, &b, fn, ctx, err);
out:
	qb_release(&b);
	return rc;
}

/* ---- exports -------------------------------------------------------------- */

struct col { const char *name, *expr; };

#define ACTOR_GDELT(n, c, t) \
	{ "Actor" n "Code", c }, { "Actor" n "Name", "upper(" t ")" }, \
	{ "Actor" n "CountryCode", "dyad_actor(" c ", 'country')" }, \
	{ "Actor" n "KnownGroupCode", "dyad_actor(" c ", 'group')" }, \
	{ "Actor" n "EthnicCode", "NULL" }, \
	{ "Actor" n "Religion1Code", "dyad_actor(" c ", 'religion1')" }, \
	{ "Actor" n "Religion2Code", "dyad_actor(" c ", 'religion2')" }, \
	{ "Actor" n "Type1Code", "dyad_actor(" c ", 'type1')" }, \
	{ "Actor" n "Type2Code", "dyad_actor(" c ", 'type2')" }, \
	{ "Actor" n "Type3Code", "dyad_actor(" c ", 'type3')" }
#define GEO_GDELT(p) \
	{ p "Geo_Type", "0" }, { p "Geo_FullName", "NULL" }, { p "Geo_CountryCode", "NULL" }, \
	{ p "Geo_ADM1Code", "NULL" }, { p "Geo_ADM2Code", "NULL" }, { p "Geo_Lat", "NULL" }, \
	{ p "Geo_Long", "NULL" }, { p "Geo_FeatureID", "NULL" }

/* GDELT 2.0 event table, 61 columns. */
static const struct col gdelt[] = {
	{ "GLOBALEVENTID", "e.event_id" },
	{ "SQLDATE", "replace(e.date, '-', '')" },
	{ "MonthYear", "substr(replace(e.date, '-', ''), 1, 6)" },
	{ "Year", "substr(e.date, 1, 4)" },
	{ "FractionDate", "printf('%.4f', substr(e.date, 1, 4) + strftime('%j', e.date) / 365.0)" },
	ACTOR_GDELT("1", "e.source", "e.source_text"),
	ACTOR_GDELT("2", "e.target", "e.target_text"),
	{ "IsRootEvent", "CASE WHEN e.sentence = 0 THEN 1 ELSE 0 END" },
	{ "EventCode", "e.code" },
	{ "EventBaseCode", "substr(e.code, 1, 3)" },
	{ "EventRootCode", "e.root" },
	{ "QuadClass", "e.quad_class" },
	{ "GoldsteinScale", "e.goldstein" },
	{ "NumMentions", "e.num_mentions" },
	{ "NumSources", "e.num_sources" },
	{ "NumArticles", "e.num_articles" },
	{ "AvgTone", "NULL" },
	GEO_GDELT("Actor1"), GEO_GDELT("Actor2"),
	/* the event's location: GDELT's types 1 country, 2 US state, 3 US
	 * city, 4 world city, 5 world state; country codes are ISO 3166-1
	 * alpha-2 (GDELT uses FIPS 10-4) and there is no ADM1 code */
	{ "ActionGeo_Type", "CASE e.location_type WHEN 'country' THEN 1 WHEN 'city' THEN"
			    " CASE WHEN e.location_country = 'US' THEN 3 ELSE 4 END WHEN 'region'"
			    " THEN CASE WHEN e.location_country = 'US' THEN 2 ELSE 5 END ELSE 0 END" },
	{ "ActionGeo_FullName", "e.location_name || coalesce(', ' || nullif(e.location_admin1,"
				" e.location_name), '') || CASE WHEN e.location_type <> 'country'"
				" THEN coalesce(', ' || e.location_country_name, '') ELSE '' END" },
	{ "ActionGeo_CountryCode", "e.location_country" },
	{ "ActionGeo_ADM1Code", "NULL" }, { "ActionGeo_ADM2Code", "NULL" },
	{ "ActionGeo_Lat", "e.location_lat" }, { "ActionGeo_Long", "e.location_lon" },
	{ "ActionGeo_FeatureID", "NULL" },
	{ "DATEADDED", "replace(replace(replace(replace(d.ingested_at, '-', ''), 'T', ''),"
		       " ':', ''), 'Z', '')" },
	{ "SOURCEURL", "d.url" },
	{ NULL, NULL },
};

#define ACTOR_PHOENIX(n, c) \
	{ n "ActorFull", c }, { n "ActorEntity", "dyad_actor(" c ", 'root')" }, \
	{ n "ActorRole", "dyad_actor(" c ", 'agent')" }, \
	{ n "ActorAttribute", "dyad_actor(" c ", 'others')" }

/* Phoenix (OEDA phoenix_pipeline), 26 columns; QuadClass in Phoenix's
 * 0..4 (0 neutral: roots 01 and 02; 16 is verbal conflict). */
static const struct col phoenix[] = {
	{ "EventID", "e.event_id" },
	{ "Date", "replace(e.date, '-', '')" },
	{ "Year", "substr(e.date, 1, 4)" },
	{ "Month", "substr(e.date, 6, 2)" },
	{ "Day", "substr(e.date, 9, 2)" },
	ACTOR_PHOENIX("Source", "e.source"),
	ACTOR_PHOENIX("Target", "e.target"),
	{ "EventCode", "e.code" },
	{ "EventRootCode", "e.root" },
	{ "QuadClass", "CASE WHEN e.root IN ('01', '02') THEN 0 WHEN e.root IN ('03', '04', '05')"
		       " THEN 1 WHEN e.root IN ('06', '07', '08') THEN 2 WHEN e.root IN ('09', '10',"
		       " '11', '12', '13', '16') THEN 3 WHEN e.root IN ('14', '15', '17', '18', '19',"
		       " '20') THEN 4 END" },
	{ "GoldsteinScore", "e.goldstein" },
	{ "Issues", "NULL" },
	{ "Lat", "e.location_lat" }, { "Lon", "e.location_lon" },
	{ "LocationName", "e.location_name" }, { "StateName", "e.location_admin1" },
	{ "CountryCode", "e.location_country3" },
	{ "SentenceID", "e.doc_id || '-' || e.sentence" },
	{ "URLs", "d.url" },
	{ "NewsSources", "d.publisher" },
	{ NULL, NULL },
};

/* ICEWS coded event data (Dataverse), 20 columns. */
static const struct col icews[] = {
	{ "Event ID", "e.event_id" },
	{ "Event Date", "e.date" },
	{ "Source Name", "e.source_text" },
	{ "Source Sectors", "NULL" },
	{ "Source Country", "NULL" },
	{ "Event Text", "(SELECT name FROM cameo WHERE cameo.code = e.code)" },
	{ "CAMEO Code", "e.code" },
	{ "Intensity", "e.goldstein" },
	{ "Target Name", "e.target_text" },
	{ "Target Sectors", "NULL" },
	{ "Target Country", "NULL" },
	{ "Story ID", "e.doc_id" },
	{ "Sentence Number", "e.sentence + 1" },
	{ "Publisher", "d.publisher" },
	{ "City", "CASE WHEN e.location_type = 'city' THEN e.location_name END" },
	{ "District", "NULL" },
	{ "Province", "CASE WHEN e.location_type = 'region' THEN e.location_name"
		      " ELSE e.location_admin1 END" },
	{ "Country", "e.location_country_name" },
	{ "Latitude", "e.location_lat" }, { "Longitude", "e.location_lon" },
	{ NULL, NULL },
};

#define ACTOR_POLECAT(n, c, t) \
	{ n " Name", t }, { n " Country", "dyad_actor(" c ", 'country')" }, \
	{ n " COW", "NULL" }, { "Primary " n " Sector", "NULL" }, { n " Sectors", "NULL" }, \
	{ n " Title", "NULL" }, { n " Name Raw", t }, { "Wikipedia " n " ID", "NULL" }

/* POLECAT (PLOVER event data), 40 columns. */
static const struct col polecat[] = {
	{ "Event ID", "e.event_id" },
	{ "Event Date", "e.date" },
	{ "Event Type", "e.plover" },
	{ "Event Mode", "NULL" },
	{ "Intensity", "NULL" },
	{ "Quad Code", "e.quad_class" },
	{ "Contexts", "NULL" },
	ACTOR_POLECAT("Actor", "e.source", "e.source_text"),
	ACTOR_POLECAT("Recipient", "e.target", "e.target_text"),
	{ "Placename", "e.location_name" },
	{ "City", "CASE WHEN e.location_type = 'city' THEN e.location_name END" },
	{ "District", "NULL" },
	{ "Province", "CASE WHEN e.location_type = 'region' THEN e.location_name"
		      " ELSE e.location_admin1 END" },
	{ "Country", "e.location_country_name" }, { "Latitude", "e.location_lat" },
	{ "Longitude", "e.location_lon" }, { "GeoNames ID", "NULL" },
	{ "Raw Placename", "e.location_name" }, { "Feature Type", "e.location_type" },
	{ "Source", "d.publisher" },
	{ "Publication Date", "d.date" },
	{ "Story People", "NULL" }, { "Story Organizations", "NULL" },
	{ "Story Locations", "NULL" },
	{ "Language", "'en'" },
	{ "Version", "'dyad ' || e.dyad_version" },
	{ NULL, NULL },
};

/* dyad's own columns: those of `dyad code --format csv`, then provenance. */
static const struct col own[] = {
	{ "doc_id", "e.doc_id" }, { "sentence", "e.sentence" }, { "date", "e.date" },
	{ "source", "e.source" }, { "target", "e.target" }, { "code", "e.code" },
	{ "root", "e.root" }, { "quad_class", "e.quad_class" },
	{ "goldstein", "printf('%.1f', e.goldstein)" }, { "plover", "e.plover" },
	{ "source_text", "e.source_text" }, { "target_text", "e.target_text" },
	{ "evidence_start", "e.evidence_start" }, { "evidence_end", "e.evidence_end" },
	{ "evidence_text", "s.text" }, { "location_name", "e.location_name" },
	{ "location_type", "e.location_type" }, { "location_country", "e.location_country" },
	{ "location_admin1", "e.location_admin1" },
	{ "location_lat", "CASE WHEN e.location_lat IS NOT NULL"
			  " THEN printf('%.4f', e.location_lat) END" },
	{ "location_lon", "CASE WHEN e.location_lon IS NOT NULL"
			  " THEN printf('%.4f', e.location_lon) END" },
	{ "rule", "e.rule" },
	{ "event_id", "e.event_id" }, { "publisher", "d.publisher" }, { "url", "d.url" },
	{ "doc_date", "d.date" }, { "dict_version", "e.dict_version" },
	{ "dyad_version", "e.dyad_version" }, { "num_mentions", "e.num_mentions" },
	{ "num_sources", "e.num_sources" }, { "num_articles", "e.num_articles" },
	{ NULL, NULL },
};

static const struct { const char *name; const struct col *cols; } schemas[] = {
	{ "gdelt", gdelt }, { "phoenix", phoenix }, { "icews", icews },
	{ "polecat", polecat }, { "csv", own },
};

const char *const *dyad_store_schemas(void)
{
	static const char *const names[] = { "gdelt", "phoenix", "icews", "polecat", "csv", NULL };
	return names;
}

int dyad_store_export(dyad_store *st, const char *schema, const dyad_query *q,
		      dyad_row_fn fn, void *ctx, dyad_error *err)
{
	const struct col *cols = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(schemas); i++)
		if (schema && !strcmp(schema, schemas[i].name))
			cols = schemas[i].cols;
	if (!cols)
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1,
				   "unknown export schema '%s' (gdelt, phoenix, icews, polecat or csv)",
				   schema ? schema : "");
	struct qb b = { 0 };
	add(&b, "SELECT ");
	for (int i = 0; cols[i].name; i++) {
		/* a file not yet migrated to schema 4 has no locations */
		const char *expr = cols[i].expr;
		if (st->version < 4 && strstr(expr, "e.location_"))
			expr = strstr(cols[i].name, "Geo_Type") ? "0" : "NULL";
		addf(&b, "%s%s AS \"%s\"", i ? ", " : "", expr, cols[i].name);
	}
	int rc = from(st, &b, q, true, err);
	if (!rc) {
		where(&b, q);
		add(&b, " ORDER BY e.date, e.doc_id, e.sentence, e.event_id");
		if (q->limit > 0)
			addf(&b, " LIMIT %ld", q->limit);
		rc = run(st, &b, fn, ctx, err);
	}
	qb_release(&b);
	return rc;
}
