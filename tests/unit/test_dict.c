/*
 * test_dict.c - the PETRARCH-2 dictionary readers (dict_petr.c): small
 * verbs, actors, agents and discards files written to a temporary
 * directory, loaded with dyad_engine_open(), and checked through the
 * engine's tables. Line numbers in the comments of the texts below are
 * the ones the problem reports must carry.
 */
#include "dict.h"
#include "t.h"

#include <stdio.h>
#include <unistd.h>

static char dir[64];
static char paths[4][128];
static dyad_engine *eng;

static const char verbs[] =
	"# dyad test verbs\n"                      /* 1 */
	"ORPHAN\n"                                 /* 2: outside any block */
	"- * NOWHERE [010]\n"                      /* 3: pattern before a block */
	"&ARMS_\n"                                 /* 4: no plurals */
	"+WEAPON\n"                                /* 5 */
	"+ARMS\n"                                  /* 6 */
	"&CURRENCY\n"                              /* 7 */
	"+DOLLAR\n"                                /* 8 */
	"+SWISS_FRANC\n"                           /* 9 */
	"+KRONER_\n"                               /* 10: no plural */
	"&PARTIES\n"                               /* 11 */
	"+PARTY\n"                                 /* 12 */
	"+BOX\n"                                   /* 13 */
	"+CHURCH\n"                                /* 14 */
	"--- MEET   [040]  ---\n"                  /* 15: block 0 */
	"MEET {MEETS MET MEETING}\n"               /* 16 */
	"- * (BY PHONE) [041:041]\n"               /* 17 */
	"- $ * + IN &CURRENCY [043:042]\n"         /* 18 */
	"- * + [:020]\n"                           /* 19 */
	"- * {DEEP CONCERN} [012]\n"               /* 20 */
	"--- ACCUSE [112] ---\n"                   /* 21: block 1 */
	"ACCUSE\n"                                 /* 22 */
	"+SET_UP\n"                                /* 23 */
	"HUNGER_+STRIKE [145]\n"                   /* 24 */
	"TRY\n"                                    /* 25 */
	"STOP  # a comment\n"                      /* 26 */
	"--- EXPRESS [---] ---\n"                  /* 27: block 2 */
	"EXPRESS\n"                                /* 28 */
	"- ^ $ * % + &ARMS [---]\n"                /* 29 */
	"- * FOO\n"                                /* 30: no code */
	"- FOO BAR [010]\n"                        /* 31: no '*' */
	"- * &NOSUCH [010]\n"                      /* 32: undefined synset */
	"SAY [abc]\n"                              /* 33 */
	"SAY {SAYS\n"                              /* 34 */
	"SAY [010] junk\n"                         /* 35 */
	"--- BROKEN [12x] ---\n"                   /* 36: block 3 */
	"BREAK\n"                                  /* 37 */
	"--- ABANDON [345] ---\n"                  /* 38: block 4 */
	"ABANDON\n"                                /* 39 */
	"ACCUSE [113]\n"                           /* 40: redefinition */
	"- * SWISS_FRANC [346]\n";                 /* 41 */

static const char actors[] =
	"# test actors\n"                          /* 1 */
	"[ABC]\n"                                  /* 2: code without actor */
	"+LONE_SYNONYM\n"                          /* 3: synonym without actor */
	"ARNOR_ [ARN]\n"                           /* 4 */
	"+ARNORIAN_\n"                             /* 5 */
	"+KINGDOM_OF_ARNOR  ; the old name\n"      /* 6 */
	"THEODEN_\n"                               /* 7 */
	"\t[ROHELI <20000101]\n"                   /* 8 */
	"\t[ROHGOV >20000102]\n"                   /* 9 */
	"ARAGORN_ [GONMIL 990101-041231] [GONGOV 050101-]\n"   /* 10 */
	"SARUMAN_ [IGOWHC] [IGOWHX 19990101-19991231]\n"       /* 11 */
	"EOWYN_ [---]\n"                           /* 12 */
	"FARAMIR_\n"                               /* 13 */
	"\t[GONMIL 19990101-19991231]\n"           /* 14 */
	"\t[--- 20000101-20001231]\n"              /* 15 */
	"\t[GONGOV]\n"                             /* 16 */
	"BADDATE_ [ABC <2000]\n"                   /* 17 */
	"UNTERM_ [ABC\n"                           /* 18 */
	"JUNK_ [ABC] trailing\n"                   /* 19 */
	"NODASH_ [ABC 20000101]\n"                 /* 20 */
	"BADMONTH_ [ABC 20001301-]\n"              /* 21 */
	"+\n"                                      /* 22 */
	"GIMLI_ [DWF] # a dwarf\n"                 /* 23 */
	"ELROND_ {half-elven} [RIV]\n";            /* 24 */

static const char agents[] =
	"# agents\n"                               /* 1 */
	"!MINIST! = MINISTER, MINISTRY, SECRETARY\n"   /* 2 */
	"MINISTER [~GOV]\n"                        /* 3 */
	"FOREIGN_!MINIST! [~GOV]\n"                /* 4 */
	"ARMY [~MIL]\n"                            /* 5 */
	"MAN {MEN} [~CVL]\n"                       /* 6 */
	"SHEEP {} [~AGR]\n"                        /* 7 */
	"AID_AGENCY [NGO~]\n"                      /* 8 */
	"REBEL [~REB}\n"                           /* 9 */
	"NOCODE\n"                                 /* 10 */
	"BAD [~]\n"                                /* 11 */
	"CLERK {CLERKS [~GOV]\n"                   /* 12 */
	"SPY_!NOPE! [~SPY]\n"                      /* 13 */
	"[~GOV]\n"                                 /* 14 */
	"CHURCH [~REL]\n";                         /* 15 */

static const char discards[] =
	"+SOCCER_MATCH\n"                          /* 1 */
	"HOROSCOPE\n"                              /* 2 */
	"# comment\n"                              /* 3 */
	"+\n"                                      /* 4 */
	"<xml>\n"                                  /* 5 */
	"WEATHER FORECAST\n";                      /* 6 */

/* ---- problems ---- */

static struct prob { int file; long line; char msg[256]; } probs[64];
static int nprobs;

static void on_problem(void *ctx, const dyad_dict_problem *p)
{
	(void)ctx;
	if (nprobs >= (int)ARRAY_SIZE(probs)) {
		nprobs++;
		return;
	}
	probs[nprobs].file = -1;
	for (int i = 0; i < 4; i++)
		if (!strcmp(p->file, paths[i]))
			probs[nprobs].file = i;
	probs[nprobs].line = p->line;
	snprintf(probs[nprobs].msg, sizeof probs[0].msg, "%s", p->msg);
	nprobs++;
}

/* Whether file reported a problem at line whose message contains sub. */
static bool problem(int file, long line, const char *sub)
{
	for (int i = 0; i < nprobs && i < (int)ARRAY_SIZE(probs); i++)
		if (probs[i].file == file && probs[i].line == line && strstr(probs[i].msg, sub))
			return true;
	return false;
}

static int problems_in(int file)
{
	int n = 0;
	for (int i = 0; i < nprobs && i < (int)ARRAY_SIZE(probs); i++)
		n += probs[i].file == file;
	return n;
}

/* "line: msg" of every problem of file, for failure messages. */
static const char *list_problems(int file)
{
	static char out[2048];
	size_t k = 0;
	out[0] = 0;
	for (int i = 0; i < nprobs && i < (int)ARRAY_SIZE(probs) && k < sizeof out - 100; i++)
		if (probs[i].file == file)
			k += (size_t)snprintf(out + k, sizeof out - k, "%ld:%.60s; ",
					      probs[i].line, probs[i].msg);
	return out;
}

/* ---- lookups ---- */

static uint32_t id(const char *k)
{
	return vocab_find(&eng->vocab, k, strlen(k));
}

/* The value at the end of the path "W1 W2 ..." of t, 0 when absent. */
static uint32_t walk(const struct trie *t, const char *phrase)
{
	uint32_t node = 0;
	const char *w = phrase;
	while (*w) {
		size_t n = strcspn(w, " ");
		uint32_t wid = vocab_find(&eng->vocab, w, n);
		if (!wid || !(node = trie_child(t, node, wid)))
			return 0;
		w += n;
		while (*w == ' ')
			w++;
	}
	return node ? t->value.v[node] : 0;
}

static const struct verb_form *form(const char *phrase)
{
	uint32_t v = walk(&eng->verbs, phrase);
	return v ? &eng->vform.v[v - 1] : NULL;
}

static const char *block_name(const struct verb_form *f)
{
	return f ? estr(eng, eng->block.v[f->block].name) : "(no form)";
}

static const struct actor *actor(const char *phrase)
{
	uint32_t v = walk(&eng->actors, phrase);
	return v ? &eng->actor.v[v - 1] : NULL;
}

static const char *code_on(const char *phrase, int date)
{
	const struct actor *a = actor(phrase);
	if (!a)
		return "(no actor)";
	uint32_t c = actor_code_on(eng, a, date);
	return c ? estr(eng, c) : "(null)";
}

static const struct agent *agent(const char *phrase)
{
	uint32_t v = walk(&eng->agents, phrase);
	return v ? &eng->agent.v[v - 1] : NULL;
}

static const char *agent_code(const char *phrase)
{
	const struct agent *a = agent(phrase);
	return a ? estr(eng, a->code) : "(no agent)";
}

/* Members of synset name as "A B|C". */
static const char *members(const char *name)
{
	static char out[512];
	size_t k = 0;
	out[0] = 0;
	for (uint32_t s = 0; s < eng->syn.n; s++) {
		if (strcmp(estr(eng, eng->syn.v[s].name), name))
			continue;
		const struct synset *sy = &eng->syn.v[s];
		bool start = true;
		for (uint32_t i = 0; i < sy->len && k < sizeof out - 64; i++) {
			uint32_t w = eng->synword.v[sy->first + i];
			if (!w) {
				start = true;
				continue;
			}
			k += (size_t)snprintf(out + k, sizeof out - k, "%s%s",
					      start ? (k ? "|" : "") : " ", vocab_str(&eng->vocab, w));
			start = false;
		}
		return out;
	}
	return "(no synset)";
}

/* A pattern's elements: "$ + % ^", words, "&SYNSET", '*' for the verb,
 * '_' before an element that must follow the previous one directly. */
static const char *render(const struct pattern *p)
{
	static char out[256];
	size_t k = 0;
	out[0] = 0;
	for (uint32_t i = 0; i <= (uint32_t)(p->npre + p->npost) && k < sizeof out - 64; i++) {
		const char *name = "*", *consec = "";
		if (i != p->npre) {
			const struct pel *x = &eng->pel.v[p->first_el + i - (i > p->npre)];
			name = x->kind == PEL_SOURCE ? "$" : x->kind == PEL_TARGET ? "+" :
			       x->kind == PEL_COMPOUND ? "%" : x->kind == PEL_SKIP ? "^" :
			       x->kind == PEL_SYN ? estr(eng, eng->syn.v[x->v].name) :
			       x->kind == PEL_WORD ? vocab_str(&eng->vocab, x->v) : "?";
			consec = x->flags & PELF_CONSEC ? "_" : "";
		}
		k += (size_t)snprintf(out + k, sizeof out - k, "%s%s%s", k ? " " : "", consec, name);
	}
	return out;
}

/* Patterns of the block named name as "elements [code:code2]|...". */
static const char *block_patterns(const char *name)
{
	static char out[1024];
	size_t k = 0;
	out[0] = 0;
	for (uint32_t b = 0; b < eng->block.n; b++) {
		const struct verb_block *vb = &eng->block.v[b];
		if (strcmp(estr(eng, vb->name), name))
			continue;
		for (uint32_t i = 0; i < vb->npat && k < sizeof out - 300; i++) {
			const struct pattern *p = &eng->pat.v[vb->first_pat + i];
			k += (size_t)snprintf(out + k, sizeof out - k, "%s%s [%s:%s]", i ? "|" : "",
					      render(p), p->code, p->code2);
		}
		return out;
	}
	return "(no block)";
}

/* ---- verbs ---- */

static void test_verb_problems(void)
{
	T_CHECKF(problem(0, 2, "outside any"), "%s", list_problems(0));
	T_CHECK(problem(0, 3, "before any verb block"));
	T_CHECK(problem(0, 30, "no valid [code]"));
	T_CHECK(problem(0, 31, "no '*'"));
	T_CHECK(problem(0, 32, "undefined synset"));
	T_CHECK(problem(0, 33, "malformed verb code"));
	T_CHECK(problem(0, 34, "unterminated"));
	T_CHECK(problem(0, 35, "unexpected text"));
	T_CHECK(problem(0, 36, "malformed block code"));
	T_CHECKF(problems_in(0) == 9, "%d problems: %s", problems_in(0), list_problems(0));
	/* the rejected lines left nothing behind */
	T_CHECK(form("ORPHAN") == NULL && form("SAY") == NULL && form("SAYS") == NULL);
	T_INTEQ(eng->pat.n, 6);
	uint32_t nel = 0;
	for (uint32_t i = 0; i < eng->pat.n; i++)
		nel += eng->pat.v[i].npre + eng->pat.v[i].npost;
	T_INTEQ(eng->pel.n, nel);
	/* a block with a malformed code still holds its verbs, without a code */
	const struct verb_form *f = form("BREAK");
	T_STREQ(block_name(f), "BROKEN");
	T_CHECK(f && eng->block.v[f->block].code[0] == 0);
}

static void test_synsets(void)
{
	T_INTEQ(eng->syn.n, 3);
	T_INTEQ(eng->stats.synsets, 3);
	T_STREQ(members("&ARMS"), "WEAPON|ARMS");         /* '_': no plurals */
	T_STREQ(members("&CURRENCY"), "DOLLAR|DOLLARS|SWISS FRANC|SWISS FRANCS|KRONER");
	T_STREQ(members("&PARTIES"), "PARTY|PARTIES|BOX|BOXES|CHURCH|CHURCHES");
	T_STREQ(members("&ARMS_"), "(no synset)");
}

static void test_verb_blocks(void)
{
	T_INTEQ(eng->block.n, 5);
	static const struct { const char *name, *code; uint32_t line, npat; } want[] = {
		{ "MEET", "040", 15, 4 }, { "ACCUSE", "112", 21, 0 }, { "EXPRESS", "", 27, 1 },
		{ "BROKEN", "", 36, 0 }, { "ABANDON", "345", 38, 1 },
	};
	for (uint32_t b = 0; b < eng->block.n && b < ARRAY_SIZE(want); b++) {
		const struct verb_block *vb = &eng->block.v[b];
		T_STREQ(estr(eng, vb->name), want[b].name);
		T_STREQ(vb->code, want[b].code);
		T_STREQ(vb->code2, "");
		T_INTEQ(vb->src.line, want[b].line);
		T_INTEQ(vb->npat, want[b].npat);
		T_INTEQ(vb->src.file, 0);
	}
	T_INTEQ(eng->stats.verbs, 10);
	T_INTEQ(eng->stats.patterns, 6);
}

static void test_verb_forms(void)
{
	/* {forms}: exactly the listed ones, with the phrase itself */
	static const char *const meet[] = { "MEET", "MEETS", "MET", "MEETING" };
	for (size_t i = 0; i < ARRAY_SIZE(meet); i++) {
		const struct verb_form *f = form(meet[i]);
		T_CHECKF(f != NULL, "no form %s", meet[i]);
		if (!f)
			continue;
		T_STREQ(block_name(f), "MEET");
		T_STREQ(estr(eng, f->lemma), "MEET");
		T_CHECK(!f->has_code && f->code[0] == 0);
		T_INTEQ(f->nwords, 1);
		T_INTEQ(f->head, 0);
		T_INTEQ(f->src.line, 16);
		T_INTEQ(f->prev, 0);
	}
	T_CHECK(form("MEETED") == NULL);
	T_INTEQ(id("MEETED"), 0);             /* not even generated */

	/* generated forms: -S/-ES/-IES, -D/-ED/-IED, -ING, doubled consonant */
	static const struct { const char *form, *block; } gen[] = {
		{ "ACCUSE", "ABANDON" }, { "ACCUSES", "ABANDON" }, { "ACCUSED", "ABANDON" },
		{ "ACCUSING", "ABANDON" },
		{ "TRY", "ACCUSE" }, { "TRIES", "ACCUSE" }, { "TRIED", "ACCUSE" },
		{ "TRYING", "ACCUSE" },
		{ "STOP", "ACCUSE" }, { "STOPS", "ACCUSE" }, { "STOPPED", "ACCUSE" },
		{ "STOPPING", "ACCUSE" },
		{ "EXPRESS", "EXPRESS" }, { "EXPRESSES", "EXPRESS" }, { "EXPRESSED", "EXPRESS" },
		{ "EXPRESSING", "EXPRESS" },
		{ "BREAK", "BROKEN" }, { "BREAKS", "BROKEN" }, { "BREAKING", "BROKEN" },
		{ "ABANDON", "ABANDON" }, { "ABANDONED", "ABANDON" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(gen); i++)
		T_CHECKF(!strcmp(block_name(form(gen[i].form)), gen[i].block),
			 "%s in block %s, want %s", gen[i].form, block_name(form(gen[i].form)),
			 gen[i].block);
	T_CHECK(form("ACCUSEING") == NULL && form("ACCUSEED") == NULL);
	T_CHECK(form("TRYED") == NULL && form("TRYS") == NULL);
	T_CHECK(form("BREAKKING") == NULL && form("EXPRESSS") == NULL);
	const struct verb_form *f = form("STOPPED");
	T_CHECK(f && f->src.line == 26 && !strcmp(estr(eng, f->lemma), "STOP"));
}

static void test_multiword_verbs(void)
{
	/* '+' before the first word: the head is word 0 */
	static const char *const setup[] = { "SET UP", "SETS UP", "SETTING UP", "SETTED UP" };
	for (size_t i = 0; i < ARRAY_SIZE(setup); i++) {
		const struct verb_form *f = form(setup[i]);
		T_CHECKF(f != NULL, "no form %s", setup[i]);
		if (!f)
			continue;
		T_INTEQ(f->head, 0);
		T_INTEQ(f->nwords, 2);
		T_STREQ(estr(eng, f->lemma), "SET UP");
		T_STREQ(block_name(f), "ACCUSE");
	}
	T_CHECK(form("SET") == NULL);          /* only the phrase is a verb */
	T_CHECK(form("SET UPS") == NULL);
	/* '+' inside the phrase: the head is the marked word, only it inflects */
	static const char *const hs[] = { "HUNGER STRIKE", "HUNGER STRIKES", "HUNGER STRIKING" };
	for (size_t i = 0; i < ARRAY_SIZE(hs); i++) {
		const struct verb_form *f = form(hs[i]);
		T_CHECKF(f != NULL, "no form %s", hs[i]);
		if (!f)
			continue;
		T_INTEQ(f->head, 1);
		T_INTEQ(f->nwords, 2);
		T_STREQ(estr(eng, f->lemma), "HUNGER STRIKE");
		/* a form's own code */
		T_CHECK(f->has_code);
		T_STREQ(f->code, "145");
		T_INTEQ(f->src.line, 24);
	}
	T_CHECK(form("HUNGERS STRIKE") == NULL && form("STRIKE") == NULL);
}

static void test_redefined_verb(void)
{
	/* ACCUSE again in a later block: the latest definition wins and
	 * links the earlier one */
	static const char *const forms[] = { "ACCUSE", "ACCUSED", "ACCUSING" };
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		const struct verb_form *f = form(forms[i]);
		T_CHECKF(f != NULL, "no form %s", forms[i]);
		if (!f)
			continue;
		T_STREQ(block_name(f), "ABANDON");
		T_CHECK(f->has_code);
		T_STREQ(f->code, "113");
		T_INTEQ(f->src.line, 40);
		T_CHECK(f->prev != 0 && f->prev <= eng->vform.n);
		if (!f->prev)
			continue;
		const struct verb_form *p = &eng->vform.v[f->prev - 1];
		T_STREQ(block_name(p), "ACCUSE");
		T_INTEQ(p->src.line, 22);
		T_CHECK(!p->has_code);
		T_INTEQ(p->prev, 0);
	}
	/* verbs defined once have no earlier definition */
	const struct verb_form *f = form("ABANDON");
	T_CHECK(f && f->prev == 0);
}

static void test_patterns(void)
{
	T_STREQ(block_patterns("MEET"),
		"* BY PHONE [041:041]|$ * + IN &CURRENCY [043:042]|* + [:020]|"
		"* DEEP _CONCERN [012:]");
	T_STREQ(block_patterns("EXPRESS"), "^ $ * % + &ARMS [---:]");
	T_STREQ(block_patterns("ABANDON"), "* SWISS _FRANC [346:]");
	T_STREQ(block_patterns("ACCUSE"), "");
	/* counts and the text as written */
	const struct verb_block *b = &eng->block.v[0];
	const struct pattern *p = &eng->pat.v[b->first_pat + 1];
	T_INTEQ(p->npre, 1);
	T_INTEQ(p->npost, 3);
	T_INTEQ(p->nwords, 2);            /* IN and the synset */
	T_STREQ(estr(eng, p->text), "$ * + IN &CURRENCY");
	T_INTEQ(p->src.line, 18);
	T_INTEQ(p->block, 0);
	p = &eng->pat.v[b->first_pat];
	T_STREQ(estr(eng, p->text), "* (BY PHONE)");
	T_INTEQ(p->npre, 0);
	T_INTEQ(p->npost, 2);
	T_INTEQ(p->nwords, 2);
	p = &eng->pat.v[eng->block.v[2].first_pat];
	T_INTEQ(p->npre, 2);
	T_INTEQ(p->npost, 3);
	T_INTEQ(p->nwords, 1);
	T_INTEQ(p->src.line, 29);
}

/* ---- actors ---- */

static void test_actors(void)
{
	const struct actor *arn = actor("ARNOR");
	T_CHECK(arn != NULL);
	/* synonyms share the entry */
	T_CHECK(actor("ARNORIAN") == arn && actor("KINGDOM OF ARNOR") == arn);
	T_CHECK(actor("KINGDOM") == NULL && actor("KINGDOM OF") == NULL);
	if (arn) {
		T_STREQ(estr(eng, arn->name), "ARNOR_");
		T_INTEQ(arn->src.line, 4);
		T_INTEQ(arn->src.file, 1);
		T_INTEQ(arn->ncodes, 1);
		T_CHECK(!(arn->flags & ACT_PERSON));
	}
	T_STREQ(code_on("ARNORIAN", 0), "ARN");
	T_STREQ(code_on("ARNOR", 19500101), "ARN");
	T_STREQ(code_on("GIMLI", 0), "DWF");           /* '#' comment */
	T_STREQ(code_on("ELROND", 0), "RIV");          /* {comment} group */
	T_STREQ(code_on("LONE SYNONYM", 0), "(null)"); /* kept, without code */
	/* lines with a bad code keep the phrase, not the code */
	T_STREQ(code_on("BADDATE", 0), "(null)");
	T_STREQ(code_on("JUNK", 0), "ABC");
	const struct actor *th = actor("THEODEN");
	T_CHECK(th && (th->flags & ACT_PERSON) && th->ncodes == 2);
}

static void test_actor_dates(void)
{
	/* <date: until date; >date: from date (both inclusive) */
	T_STREQ(code_on("THEODEN", 19991231), "ROHELI");
	T_STREQ(code_on("THEODEN", 20000101), "ROHELI");
	T_STREQ(code_on("THEODEN", 20000102), "ROHGOV");
	T_STREQ(code_on("THEODEN", 20240304), "ROHGOV");
	T_STREQ(code_on("THEODEN", 0), "ROHGOV");  /* no date: the present role */
	/* ranges with 6-digit dates (YY < 40: 20YY) and an open end */
	T_STREQ(code_on("ARAGORN", 19981231), "(null)");
	T_STREQ(code_on("ARAGORN", 19990101), "GONMIL");
	T_STREQ(code_on("ARAGORN", 20041231), "GONMIL");
	T_STREQ(code_on("ARAGORN", 20050101), "GONGOV");
	T_STREQ(code_on("ARAGORN", 20991231), "GONGOV");
	/* a default code and a dated one */
	T_STREQ(code_on("SARUMAN", 0), "IGOWHC");
	T_STREQ(code_on("SARUMAN", 19981231), "IGOWHC");
	T_STREQ(code_on("SARUMAN", 19990615), "IGOWHX");
	T_STREQ(code_on("SARUMAN", 20000101), "IGOWHC");
	/* the null code, plain and dated */
	T_STREQ(code_on("EOWYN", 0), "(null)");
	T_STREQ(code_on("EOWYN", 20240101), "(null)");
	const struct actor *e = actor("EOWYN");
	T_CHECK(e && e->ncodes == 1 && eng->acode.v[e->first_code].code == 0);
	T_STREQ(code_on("FARAMIR", 19990615), "GONMIL");
	T_STREQ(code_on("FARAMIR", 20000615), "(null)");
	T_STREQ(code_on("FARAMIR", 20010101), "GONGOV");
	T_STREQ(code_on("FARAMIR", 0), "GONGOV");
	const struct actor *f = actor("FARAMIR");
	if (f && f->ncodes == 3) {
		const struct actor_code *c = &eng->acode.v[f->first_code];
		T_CHECK(c[0].from == 19990101 && c[0].to == 19991231);
		T_CHECK(c[1].from == 20000101 && c[1].to == 20001231 && c[1].code == 0);
		T_CHECK(c[2].from == 0 && c[2].to == 0);
	} else {
		T_CHECK(f && f->ncodes == 3);
	}
}

static void test_dict_date(void)
{
	T_INTEQ(dict_date("991231", 6), 19991231);
	T_INTEQ(dict_date("391231", 6), 20391231);
	T_INTEQ(dict_date("400101", 6), 19400101);
	T_INTEQ(dict_date("000101", 6), 20000101);
	T_INTEQ(dict_date("20240229", 8), 20240229);
	T_INTEQ(dict_date("2024022", 7), 0);
	T_INTEQ(dict_date("20241301", 8), 0);
	T_INTEQ(dict_date("20240100", 8), 0);
	T_INTEQ(dict_date("20240132", 8), 0);
	T_INTEQ(dict_date("2024010a", 8), 0);
	T_INTEQ(dict_date("", 0), 0);
}

static void test_actor_problems(void)
{
	T_CHECKF(problem(1, 2, "without an actor"), "%s", list_problems(1));
	T_CHECK(problem(1, 3, "synonym before any actor"));
	T_CHECK(problem(1, 17, "malformed actor code"));
	T_CHECK(problem(1, 18, "unterminated code"));
	T_CHECK(problem(1, 19, "unexpected text"));
	T_CHECK(problem(1, 20, "malformed actor code"));
	T_CHECK(problem(1, 21, "malformed actor code"));
	T_CHECK(problem(1, 22, "empty actor phrase"));
	T_CHECKF(problems_in(1) == 8, "%d problems: %s", problems_in(1), list_problems(1));
}

/* ---- agents ---- */

static void test_agents(void)
{
	T_STREQ(agent_code("MINISTER"), "GOV");
	T_STREQ(agent_code("MINISTERS"), "GOV");
	const struct agent *m = agent("MINISTER");
	T_CHECK(m && !m->prefix && m->person && m->src.line == 3 && m->src.file == 2);
	/* !SUBST! sets expand, without plurals */
	T_STREQ(agent_code("FOREIGN MINISTER"), "GOV");
	T_STREQ(agent_code("FOREIGN MINISTRY"), "GOV");
	T_STREQ(agent_code("FOREIGN SECRETARY"), "GOV");
	T_CHECK(agent("FOREIGN MINISTER") == agent("FOREIGN MINISTRY"));
	T_CHECK(agent("FOREIGN MINISTERS") == NULL);
	T_CHECK(agent("FOREIGN !MINIST!") == NULL);
	/* regular plurals */
	T_STREQ(agent_code("ARMY"), "MIL");
	T_STREQ(agent_code("ARMIES"), "MIL");
	T_CHECK(agent("ARMY") && !agent("ARMY")->person);
	T_STREQ(agent_code("CHURCHES"), "REL");
	/* {plurals} replace the regular one; {} means none */
	T_STREQ(agent_code("MAN"), "CVL");
	T_STREQ(agent_code("MEN"), "CVL");
	T_CHECK(agent("MANS") == NULL);
	T_STREQ(agent_code("SHEEP"), "AGR");
	T_CHECK(agent("SHEEPS") == NULL);
	/* CODE~ is a prefix agent; the plural is of the last word */
	const struct agent *a = agent("AID AGENCY");
	T_CHECK(a && a->prefix);
	T_STREQ(agent_code("AID AGENCY"), "NGO");
	T_STREQ(agent_code("AID AGENCIES"), "NGO");
	/* "[~REB}" is accepted */
	T_STREQ(agent_code("REBEL"), "REB");
	T_STREQ(agent_code("REBELS"), "REB");
	/* rejected lines */
	T_CHECK(agent("NOCODE") == NULL && agent("BAD") == NULL && agent("CLERK") == NULL);
	T_CHECK(agent("SPY") == NULL);
}

static void test_agent_problems(void)
{
	T_CHECKF(problem(2, 10, "no [code]"), "%s", list_problems(2));
	T_CHECK(problem(2, 11, "malformed agent code"));
	T_CHECK(problem(2, 12, "unterminated '{'"));
	T_CHECK(problem(2, 13, "undefined substitution '!NOPE!'"));
	T_CHECK(problem(2, 14, "malformed agent line"));
	T_CHECKF(problems_in(2) == 5, "%d problems: %s", problems_in(2), list_problems(2));
	T_CHECK(agent_is_person("DEPUTY_FOREIGN_MINISTER", 23));
	T_CHECK(agent_is_person("spokesman", 9));
	T_CHECK(!agent_is_person("MINISTRY", 8));
	T_CHECK(!agent_is_person("PROTESTERS", 10));
}

/* ---- discards ---- */

static void test_discards(void)
{
	T_INTEQ(eng->disc.n, 3);
	T_INTEQ(eng->stats.discards, 3);
	uint32_t s = walk(&eng->discards, "SOCCER MATCH");
	uint32_t h = walk(&eng->discards, "HOROSCOPE");
	uint32_t w = walk(&eng->discards, "WEATHER FORECAST");
	T_CHECK(s && h && w && s != h && h != w);
	if (s && h && w && eng->disc.n >= 3) {
		const struct discard *d = &eng->disc.v[s - 1];
		T_CHECK(d->story);
		T_STREQ(estr(eng, d->text), "SOCCER_MATCH");
		T_INTEQ(d->src.line, 1);
		T_INTEQ(d->src.file, 3);
		T_CHECK(!eng->disc.v[h - 1].story);
		T_INTEQ(eng->disc.v[h - 1].src.line, 2);
		T_CHECK(!eng->disc.v[w - 1].story);
		T_INTEQ(eng->disc.v[w - 1].src.line, 6);
	}
	T_CHECK(walk(&eng->discards, "SOCCER") == 0);
	T_CHECKF(problem(3, 4, "no usable words"), "%s", list_problems(3));
	T_INTEQ(problems_in(3), 1);
}

/* CRLF line ends, no final newline, and no on_problem callback. */
static void test_crlf(void)
{
	char p[160];
	snprintf(p, sizeof p, "%s/crlf.verbs.txt", dir);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs("--- GREET [050] ---\r\nGREET\r\n- * WARMLY [051]\r\nWAVE [052]", f);
		fclose(f);
	}
	dyad_dict_file files[] = { { "verbs", p } };
	dyad_engine_options o = { .files = files, .nfiles = 1, .no_cache = true };
	dyad_error err;
	dyad_engine *e = dyad_engine_open(&o, &err);
	remove(p);
	T_CHECK(e != NULL);
	if (!e)
		return;
	dyad_engine *saved = eng;
	eng = e;
	T_STREQ(estr(e, e->block.v[0].name), "GREET");
	T_STREQ(e->block.v[0].code, "050");
	T_STREQ(block_patterns("GREET"), "* WARMLY [051:]");
	T_STREQ(block_name(form("GREETING")), "GREET");
	const struct verb_form *w = form("WAVED");
	T_CHECK(w && w->has_code && !strcmp(w->code, "052") && w->src.line == 4);
	eng = saved;
	dyad_engine_free(e);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/dyad-test-dict-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("FAIL %s:main: mkdtemp\n", __FILE__);
		return 1;
	}
	static const char *const names[] = { "t.verbs.txt", "t.actors.txt", "t.agents.txt",
					      "t.discards.txt" };
	const char *texts[] = { verbs, actors, agents, discards };
	for (int i = 0; i < 4; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
		FILE *f = fopen(paths[i], "w");
		if (f) {
			fputs(texts[i], f);
			fclose(f);
		}
	}
	dyad_dict_file files[] = {
		{ "verbs", paths[0] }, { "actors", paths[1] }, { "agents", paths[2] },
		{ "discards", paths[3] },
	};
	dyad_engine_options o = { .files = files, .nfiles = 4, .no_cache = true,
				  .on_problem = on_problem };
	dyad_error err;
	eng = dyad_engine_open(&o, &err);
	if (!eng) {
		printf("FAIL %s:main: cannot load the test dictionaries: %s\n", __FILE__, err.msg);
		return 1;
	}
	T_RUN(test_verb_problems);
	T_RUN(test_synsets);
	T_RUN(test_verb_blocks);
	T_RUN(test_verb_forms);
	T_RUN(test_multiword_verbs);
	T_RUN(test_redefined_verb);
	T_RUN(test_patterns);
	T_RUN(test_actors);
	T_RUN(test_actor_dates);
	T_RUN(test_dict_date);
	T_RUN(test_actor_problems);
	T_RUN(test_agents);
	T_RUN(test_agent_problems);
	T_RUN(test_discards);
	T_RUN(test_crlf);
	dyad_engine_free(eng);
	for (int i = 0; i < 4; i++)
		remove(paths[i]);
	rmdir(dir);
	return t_exit();
}
