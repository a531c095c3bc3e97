/*
 * fuzz_code_tabari.c - the end-to-end libFuzzer target of the TABARI-mode
 * sentence coder (code_tabari.c): dyad_code() on arbitrary text with
 * small TABARI dictionaries written below (.verbs, .actors, .agents,
 * .options) to a temporary directory once and loaded with data/cameo.tsv
 * ($DYAD_FUZZ_DATA/cameo.tsv). Input: one option byte, then the text.
 * Option bits 0-1: the document date (none, 2024-03-04, 1995-01-01,
 * 2012-06-30: before, inside and after the actors' date restrictions);
 * bits 2-4: the worker (opts below; the last one has small caps);
 * bit 5: --explain output. Worker 5 has FORWARD:, and its input is split
 * at form feeds into up to four documents of one story, coded in turn.
 */
#include "fuzz.h"
#include "code_int.h"

#include <stdlib.h>

/* ---- the dictionaries (made up for this target) ---- */

static const char verbs_text[] =
	"<SYNSETS>\n"
	"&GRAIN\n"
	"+WHEAT\n"
	"+RICE_\n"
	"+BARLEY_AND_OATS\n"
	"&ARMS\n"
	"+RIFLES\n"
	"+TANKS_\n"
	"+SHIPPED_BY_$\n"
	"</SYNSETS>\n"
	"<TIME>\n"
	"LAST_MONTH [-30]\n"
	"NEXT_WEEK [+7]\n"
	"IN_THE_OLD_DAYS [###]\n"
	"SOME_DAY [- - -]\n"
	"</TIME>\n"
	"<NOUN>\n"
	"TROOPS_\n"
	"DIPLOMATS\n"
	"</NOUN>\n"
	"<ADJECTIVE>\n"
	"STERN_\n"
	"</ADJECTIVE>\n"
	"DELIVER_ [071]\n"
	"{ DELIVERED_ DELIVERING_ }\n"
	"- * &GRAIN [073]\n"
	"- * &ARMS TO_ + [074]\n"
	"- $ * { MEDICINE | BLANKETS } [073]\n"
	"- FORMER~_* [070]\n"
	"CONDEMN [122]\n"
	"- * + ^ IN_ % [121]\n"
	"- + WAS_ * BY_ $ [122]\n"
	"WELCOME_ [051]\n"
	"- % * EACH_OTHER [050:050]\n"
	"BOMB [195]\n"
	"- * A_ HOSPITAL [180]\n"
	"- * NEAR ^ + [186]\n"
	"TALK_ [---]\n"
	"{ TALKED_ TALKS_ }\n"
	"- % * [043:043]\n"
	"- $ * WITH_ + [040]\n"
	"SUGGEST_ [010?]\n"
	"- * + SHOULD VISIT [012]\n"
	"VISIT_ [042:043]\n"
	"SIGN_ TREATY [057!]\n"
	"THREATEN_ [130]\n"
	"- * TO_ BOMB [138]\n"
	"- * WAR [138!]\n"
	"REJECT= [120]\n"
	"RETREAT [+++]\n"
	"ACCUSE_ [112]\n"
	"- { LOUDLY | QUIETLY } * + [111]\n"
	"- * + OF { SPYING | LYING | CHEATING } [112]\n"
	"CALLED_FOR [0]\n"
	"~~FINISH\n"
	"IGNORED [999]\n";

static const char actors_text[] =
	"<NOUN>\n"
	"FARMERS\n"
	"</NOUN>\n"
	"GONDOR_ [GON]\n"
	"+GONDORIAN_\n"
	"ROHAN_ [ROH]\n"
	"MORDOR_ [MOR]\n"
	"ARNOR_  [ARN <000101] [ARNGOV 000101-101231] [ARNREB >110101]\n"
	"SHIRE\n"
	"\t[HOB < 990101]\n"
	"\t[HOBGOV 990101 - 091231]\n"
	"\t[HOB]\n"
	"DALE_ [DAL/ERE]\n"
	"BREE_ [###]\n"
	"ISENGARD [---]\n"
	"WHITE_COUNCIL [IGOWIZ]\n"
	"KING_OF_GONDOR [GONGOV]\n"
	"STEWARD OF GONDOR [GONGOV 000101-201231] [GON]\n"
	"NINE_WALKERS_ [NGO]\n"
	"<ADJECTIVE>\n"
	"DARK_\n"
	"</ADJECTIVE>\n";

static const char agents_text[] =
	"MINISTER_ [~GOV]\n"
	"SOLDIER_ {SOLDIERS_ SOLDIERY_} [~MIL]\n"
	"REBELS_ [~REB]\n"
	"AID_WORKERS_ [NGO~]\n"
	"MERCHANT_ [~BUS]\n"
	"ELF [ELF~]\n";

static const char options_text[] =
	"# options for fuzz_code_tabari\n"
	"SET: REQUIRE DYAD = TRUE\n"
	"SET: CODE BY CLAUSE\n"
	"SET: MINIMUM WORDS = 3\n"
	"SET: CONVERT AGENTS = TRUE\n"
	"SET: TIME SHIFT = TRUE\n";

/* Worker option lines: 0 the .options file's; 5 FORWARD: with the doc
 * ids of fwd_id(); 7 small caps. */
static const char *const opts[8][5] = {
	{ NULL },
	{ "SET: CODE ALL", "SET: REQUIRE DYAD = FALSE", "COMMA: MIN = 1 MAX = 8" },
	{ "SET: CODE BY SENTENCE", "COMPLEX: VERBS[3] ACTORS[4] CONJ[2] NOACTPRIOR",
	  "DEFAULT: SOURCE [DEF] PRIOR TARGET [TGT] AFTER" },
	{ "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10", "SET: TIME SHIFT = FALSE",
	  "SET: MINIMUM WORDS = 0", "SET: CONVERT AGENTS = FALSE" },
	{ "DEFAULT: SOURCE [DEF]", "SET: CODE ALL", "COMPLEX: PRONOUNS[2] LATEVERB[5]",
	  "SET: MINIMUM WORDS = 2" },
	{ "FORWARD: ***NNN*SSS", "SET: REQUIRE DYAD = FALSE" },
	{ "SET: CODE BY SENTENCE", "COMMA: MIN = 1 MAX = 3 EMIN = 1 EMAX = 3",
	  "DEFAULT: TARGET [TGT] AFTER", "SET: MINIMUM WORDS = 6" },
	{ "SET: CODE ALL", "SET: REQUIRE DYAD = FALSE" },
};

static dyad_engine *engine;
static dyad_worker *workers[8];
static char dir[64];

static const char *write_file(const char *name, const char *text)
{
	static char paths[4][128];
	static int next;
	char *path = paths[next++ % 4];
	snprintf(path, sizeof paths[0], "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp || fputs(text, fp) < 0 || fclose(fp)) {
		fprintf(stderr, "fuzz_code_tabari: cannot write %s\n", path);
		abort();
	}
	return path;
}

static void cleanup(void)
{
	static const char *const names[] = { "f.verbs", "f.actors", "f.agents", "f.options" };
	char path[128];
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(dir, sizeof dir, "%.40s/dyad-fuzz-XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "fuzz_code_tabari: mkdtemp %s failed\n", dir);
		abort();
	}
	char cameo[256];
	snprintf(cameo, sizeof cameo, "%s/cameo.tsv",
		 getenv("DYAD_FUZZ_DATA") ? getenv("DYAD_FUZZ_DATA") : "data");
	dyad_dict_file files[] = {
		{ "tabari-verbs", write_file("f.verbs", verbs_text) },
		{ "tabari-actors", write_file("f.actors", actors_text) },
		{ "tabari-agents", write_file("f.agents", agents_text) },
		{ "tabari-options", write_file("f.options", options_text) },
		{ "cameo", cameo },
	};
	dyad_engine_options o;
	dyad_error err;
	memset(&o, 0, sizeof o);
	o.files = files;
	o.nfiles = ARRAY_SIZE(files);
	o.no_cache = true;
	engine = dyad_engine_open(&o, &err);
	cleanup();
	if (!engine) {
		fprintf(stderr, "fuzz_code_tabari: cannot load the dictionaries: %s\n", err.msg);
		abort();
	}
	const dyad_worker_options small = { .max_sentence_tokens = 20, .max_events = 2 };
	for (int i = 0; i < 8; i++) {
		workers[i] = dyad_worker_new_opts(engine, i == 7 ? &small : NULL);
		FUZZ_CHECK(workers[i]);
		for (int k = 0; k < 5; k++) {
			if (opts[i][k] && dyad_worker_option(workers[i], opts[i][k], &err)) {
				fprintf(stderr, "fuzz_code_tabari: option '%s': %s\n", opts[i][k],
					err.msg);
				abort();
			}
		}
	}
	return 0;
}

/* The invariants of one document's result. */
static void check(const dyad_worker *w, const dyad_doc *doc, const dyad_result *r,
		  int small, bool explain)
{
	FUZZ_CHECK(r && r->text && r->text[r->text_len] == 0);
	FUZZ_CHECK(r->n_sentences >= 0);
	FUZZ_CHECK(r->n_long_sentences >= 0 && r->n_long_sentences <= r->n_sentences);
	if (small)
		FUZZ_CHECK(r->n_events <= (size_t)small);
	fuzz_check_result(doc, r, w->opts.dedup_document, explain);
	for (size_t i = 0; i < r->n_events; i++) {
		const dyad_event *ev = &r->events[i];
		/* a coded event has a code and both actors; never a null,
		 * discard or complexity code */
		FUZZ_CHECK(ev->code[0] && ev->source[0] && ev->target[0]);
		FUZZ_CHECK(strcmp(ev->code, "---") && strcmp(ev->code, "###") &&
			   strcmp(ev->code, "+++"));
		FUZZ_CHECK(strcmp(ev->source, "###") && strcmp(ev->target, "###"));
	}
}

static void code_one(dyad_worker *w, const dyad_doc *doc, int small, bool explain)
{
	const dyad_result *r = NULL;
	dyad_error err;
	memset(&err, 0, sizeof err);
	int rc = dyad_code(w, doc, &r, &err);
	if (rc) {
		FUZZ_CHECK(rc < 0 && memchr(err.msg, 0, sizeof err.msg));
		return;
	}
	check(w, doc, r, small, explain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int dates[4] = { 0, 20240304, 19950101, 20120630 };
	if (!size)
		return 0;
	unsigned opt = data[0];
	int wi = (opt >> 2) & 7;
	bool explain = opt & 32;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	dyad_doc doc = {
		.id = "fuzz", .id_len = 4, .text = text, .text_len = len,
		.date = dates[opt & 3], .source = "fuzz", .url = NULL,
	};
	if (wi != 5) {
		code_one(workers[wi], &doc, wi == 7 ? 2 : 0, explain);
		return 0;
	}
	/* FORWARD: successive documents of one story ("ABC042-001", ...);
	 * a fresh story first, so no actor comes from the previous input */
	static char ids[5][32];   /* room for any int: gcc -O1 checks truncation */
	static unsigned story;
	story = (story + 1) % 1000;
	for (int k = 0; k < 5; k++)
		snprintf(ids[k], sizeof ids[k], "ABC%03u-%03d", story, k);
	dyad_doc first = doc;
	first.id = ids[0];
	first.id_len = strlen(ids[0]);
	first.text = "";
	first.text_len = 0;
	code_one(workers[5], &first, 0, explain);
	for (int k = 1; k < 5 && len; k++) {
		const char *ff = k < 4 ? memchr(text, '\f', len) : NULL;
		size_t n = ff ? (size_t)(ff - text) : len;
		doc.id = ids[k];
		doc.id_len = strlen(ids[k]);
		doc.text = text;
		doc.text_len = n;
		code_one(workers[5], &doc, 0, explain);
		if (!ff)
			break;
		text += n + 1;
		len -= n + 1;
	}
	return 0;
}
