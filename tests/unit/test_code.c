/*
 * test_code.c - the coder on a small dictionary written here: each test
 * codes a sentence or two and checks the exact events.
 */
#include "dict.h"
#include "t.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];
static dyad_engine *eng;

static const char verbs[] =
	"&ARMS_\n+WEAPONS\n+ARMS\n\n"
	"---  ACCUSE   [112]  ---\nACCUSE\n\n"
	"---  ATTACK   [190]  ---\nATTACK\nSHELL\n- * &ARMS [195]\n\n"
	"---  MEET   [040]  ---\nMEET {MEETS MET MEETING}\n- * (BY PHONE) [041:041]\n\n"
	"---  HOST   [043:042]  ---\nHOST\n\n"
	"---  PRAISE   [051]  ---\nPRAISE\n\n"
	"---  SAY   [010]  ---\nSAY {SAYS SAID SAYING}\n- * SUPPORT [032]\n\n"
	"---  ENJOY   [---]  ---\nENJOY\n\n"
	"---  PRESENT   [---]  ---\nPRESENT\n- * EVIDENCE [1124]\n\n"
	"---  FIRE   [---]  ---\nFIRE\n- &ARMS * [183]\n- * AT [190]\n\n"
	"---  DESTROY   [1712]  ---\nDESTROY\n- REBEL * [145]\n\n"
	"---  EXPECT   [030]  ---\nEXPECT\n\n"
	"---  RELEASE   [084]  ---\nRELEASE\n\n---  IMPRISON   [173]  ---\nIMPRISON\n\n"
	"---  EXPRESS   [---]  ---\nEXPRESS\n- * READINESS [030]\n- * {DEEP CONCERN} [012]\n\n"
	"---  SIGN   [---]  ---\nSIGN\n- * AGREEMENT [057]\n- * TREATY [031]\n- * TREATY [057]\n\n"
	"---  COOPERATE   [060]  ---\nCOOPERATE\n\n"
	"---  WANT   [030]  ---\nWANT\n- * HELP [023]\n\n"
	"---  HELP   [070]  ---\nHELP\n\n"
	"---  URGE   [020]  ---\nURGE\n\n"
	"---  FACE   [---]  ---\nFACE\n- * PRESSURE [:100]\n\n"
	"---  STAGE   [---]  ---\nSTAGE\n- * FREE [0841]\n- * PROTEST [141]\n\n"
	"~ a (b . ATTACK) WANT = a b 021\n"
	"~ a (a b ATTACK) SAY = a b 015\n~ a (b . ATTACK) SAY = a b 112\n";
static const char actors[] =
	"ARNOR_ [ARN]\n+ARNORIAN_\nGONDOR_ [GON]\n+GONDORIAN_\nROHAN_ [ROH]\n"
	"THEODEN_\n\t[ROHELI <20000101]\n\t[ROHGOV >20000102]\n"
	"WHITE_COUNCIL_ [IGOWHC]\nSARUMAN_\n\t[IGOWHC >19990101]\n";
static const char agents[] = "MINISTER [~GOV]\nFOREIGN_MINISTER [~GOV]\nARMY [~MIL]\n";

static void put(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Code text (document date 2024-03-04) and render the events as
 * "SRC TGT CODE date;" in order. */
static const char *code(const char *text)
{
	static char out[1024];
	out[0] = 0;
	dyad_worker *w = dyad_worker_new(eng);
	const dyad_result *r;
	dyad_error err;
	dyad_doc d = { "t", 1, text, strlen(text), 20240304, NULL, NULL };
	if (w && !dyad_code(w, &d, &r, &err)) {
		size_t n = 0;
		for (size_t i = 0; i < r->n_events && n < sizeof out - 64; i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s %s %s %d;",
					      r->events[i].source, r->events[i].target,
					      r->events[i].code, r->events[i].date);
	}
	dyad_worker_free(w);
	return out;
}

static void test_basic_and_compound(void)
{
	T_STREQ(code("Arnor accused Gondor."), "ARN GON 112 20240304;");
	T_STREQ(code("Arnor and Rohan accused Gondor."),
		"ARN GON 112 20240304;ROH GON 112 20240304;");
	T_STREQ(code("Arnor accused Gondor and the proud Rohan."),
		"ARN GON 112 20240304;ARN ROH 112 20240304;");
	/* a comma alone is apposition, not a list */
	T_STREQ(code("Rohan, Theoden, accused Gondor."), "ROHGOV GON 112 20240304;");
}

static void test_patterns(void)
{
	T_STREQ(code("Arnor attacked Gondor."), "ARN GON 190 20240304;");
	T_STREQ(code("Arnor attacked Gondor with weapons."), "ARN GON 195 20240304;");
	T_STREQ(code("Arnor expressed deep concern about Gondor."), "ARN GON 012 20240304;");
	T_STREQ(code("Arnor expressed readiness to help Gondor."), "ARN GON 030 20240304;");
	/* no pattern and a null default: nothing */
	T_STREQ(code("Arnor expressed surprise at Gondor."), "");
	/* paired codes: the host and the visitor */
	T_STREQ(code("Arnor hosted Gondor."), "ARN GON 043 20240304;GON ARN 042 20240304;");
	T_STREQ(code("Arnor met Gondor by phone."), "ARN GON 041 20240304;GON ARN 041 20240304;");
	/* ... but an infinitive codes only the forward event (PETRARCH-2) */
	T_STREQ(code("Arnor is expected to host Gondor."), "ARN GON 043 20240304;");
	/* a tie between patterns goes to a lower-case word, not a name */
	T_STREQ(code("Arnor staged a protest in Gondor under Free Shire banners."),
		"ARN GON 141 20240304;");
	/* an agent after a compound of actor names applies to each */
	T_STREQ(code("Arnorian and Gondorian army attacked Rohan."),
		"ARNMIL ROH 190 20240304;GONMIL ROH 190 20240304;");
	/* the same pattern written twice in a block: the last one counts,
	 * as in PETRARCH-2 */
	T_STREQ(code("Arnor signed a treaty with Gondor."), "ARN GON 057 20240304;");
	/* a compound subject without an object codes its members */
	T_STREQ(code("Arnor and Gondor signed an agreement."),
		"ARN GON 057 20240304;GON ARN 057 20240304;");
}

static void test_grammar(void)
{
	T_STREQ(code("Gondor was attacked by Arnor."), "ARN GON 190 20240304;");
	/* PETRARCH-2 passives: the source after "from", the target after "at" */
	T_STREQ(code("Gondor was attacked from Arnor."), "ARN GON 190 20240304;");
	T_STREQ(code("Shells were fired at Gondor from Arnor."), "ARN GON 190 20240304;");
	T_STREQ(code("Mortars were shelled at Gondor from Arnor."), "ARN GON 190 20240304;");
	/* a passive with neither "by" nor "from": an actor in another phrase
	 * of the verb is the source, as PETRARCH-2 reads the verb's phrases;
	 * the noun phrase of an existential "there were" is the object */
	T_STREQ(code("Gondorian army was attacked in Arnor."), "ARN GONMIL 190 20240304;");
	T_STREQ(code("There were ten Gondorian army attacked in Arnor."), "ARN GONMIL 190 20240304;");
	T_STREQ(code("There is proof Arnor attacked Gondor."), "ARN GON 190 20240304;");
	/* in a passive, a tie between patterns goes to the verb's own
	 * phrases after it, not to the words of its subject */
	T_STREQ(code("Weapons were fired at Arnor from Gondor."), "GON ARN 190 20240304;");
	/* ... and the words before '*' match its "by" phrase, its agent */
	T_STREQ(code("The Gondorian tower was destroyed by an Arnorian rebel."),
		"ARN GON 145 20240304;");
	T_STREQ(code("The Gondorian tower was destroyed by Arnor."), "ARN GON 1712 20240304;");
	/* a passive's pattern matches its subject */
	T_STREQ(code("Evidence against Gondor was presented by Arnor."), "ARN GON 1124 20240304;");
	T_STREQ(code("Arnor presented evidence against Gondor."), "ARN GON 1124 20240304;");
	/* a participle after a common noun, when the clause goes on to its
	 * own auxiliary: "the army imprisoned for ..." modifies the army */
	T_STREQ(code("The army imprisoned for visiting Rohan was released by Gondor."),
		"GON ---MIL 084 20240304;");
	T_STREQ(code("The army imprisoned Rohan."), "---MIL ROH 173 20240304;");
	T_STREQ(code("The army said in a statement Gondor was attacked by Arnor."),
		"---MIL ARN 112 20240304;");
	/* ... not for a passive with an infinitive ("is expected to") */
	T_STREQ(code("Arnor is expected to attack the realm of Gondor."), "ARN GON 190 20240304;");
	/* ... and only for the passive's own subject, right before it */
	T_STREQ(code("Arnor praised Rohan after a hobbit was attacked in Gondor."),
		"ARN ROH 051 20240304;");
	T_STREQ(code("Arnor did not attack Gondor."), "");
	T_STREQ(code("Arnor never praised Gondor."), "");
	/* nouns that look like verbs */
	T_STREQ(code("The attack on Gondor worried Arnor."), "");
	/* a relative clause inside the subject */
	T_STREQ(code("Rohan, a realm that fears war, accused Gondor."), "ROH GON 112 20240304;");
	/* a dateline "CITY:" or "CITY, Country:" is not an actor */
	T_STREQ(code("GONDOR: Arnor accused Rohan."), "ARN ROH 112 20240304;");
	T_STREQ(code("MINAS TIRITH, Gondor: Arnor accused Rohan."), "ARN ROH 112 20240304;");
	/* attribution: the speaker is not the subject of the event */
	T_STREQ(code("Arnor accused Gondor, the Rohan ministry said."), "ARN GON 112 20240304;");
	/* a coordinated verb shares the subject */
	T_STREQ(code("Arnor praised Rohan and accused Gondor."),
		"ARN ROH 051 20240304;ARN GON 112 20240304;");
	/* actor + agent, agent of actor */
	T_STREQ(code("The Arnorian foreign minister accused Gondor."), "ARNGOV GON 112 20240304;");
	T_STREQ(code("The army of Gondor attacked Rohan."), "GONMIL ROH 190 20240304;");
	/* PETRARCH: "leaders of Egypt's Muslim Brotherhood", the agents of
	 * the noun phrase together */
	T_STREQ(code("Rohan accused the army of Gondor's minister."), "ROH GONMILGOV 112 20240304;");
	/* common nouns are not actors */
	T_STREQ(code("The arnor accused Gondor."), "");
}

/* PETRARCH-2: an agent that names no actor codes as "---AGENT" when it
 * is the subject; never as a target, nor after a possessive */
static void test_bare_agents(void)
{
	T_STREQ(code("The army attacked Gondor."), "---MIL GON 190 20240304;");
	T_STREQ(code("The army accuses Gondor."), "---MIL GON 112 20240304;");
	T_STREQ(code("Gondor praised the army."), "");
	T_STREQ(code("Gondor attacked its army."), "");
	/* ... or the agent of "by"/"from"; a verb that codes only its
	 * reverse event still ends its clause */
	T_STREQ(code("Gondor faces pressure from the army to help Rohan."),
		"---MIL GON 100 20240304;");
	/* an agent that modifies a noun is no subject */
	T_STREQ(code("The army weapons accused Gondor."), "");
	/* the actor still wins when there is one */
	T_STREQ(code("The army of Gondor attacked Rohan."), "GONMIL ROH 190 20240304;");
}

/* PETRARCH-2: the dictionary's transformations rewrite reported events;
 * negated cooperation is a rejection */
static void test_transformations(void)
{
	T_STREQ(code("Arnor said it attacked Gondor."), "ARN GON 015 20240304;");
	T_STREQ(code("Arnor said that Rohan attacked Gondor."), "ARN ROH 112 20240304;");
	T_STREQ(code("Arnor and Gondor said they attacked Rohan."),
		"ARN ROH 015 20240304;GON ROH 015 20240304;");
	/* no transformation: the reported event as it is */
	T_STREQ(code("Arnor said Rohan praised Gondor."), "ROH GON 051 20240304;");
	T_STREQ(code("Arnor did not cooperate with Gondor."), "ARN GON 121 20240304;");
	/* a verb of speech does not match its patterns inside the clause it
	 * reports */
	T_STREQ(code("Arnor said support for Gondor was strong."), "ARN GON 032 20240304;");
	T_STREQ(code("Arnor said the plan enjoyed support from Gondor."), "");
	T_STREQ(code("Arnor says it has support from Gondor."), "");
	T_STREQ(code("Arnor did not praise Gondor."), "");
}

/* PETRARCH-2: a verb and its infinitive code one event */
static void test_infinitives(void)
{
	/* an intent to give aid, not the WANT * HELP pattern */
	T_STREQ(code("Arnor wants to help Gondor."), "ARN GON 033 20240304;");
	/* an appeal to the infinitive's own subject */
	T_STREQ(code("Arnor urged Rohan to help Gondor."), "ARN ROH 023 20240304;");
	/* the dictionary's transformation */
	T_STREQ(code("Arnor wants Rohan to attack Gondor."), "ARN ROH 021 20240304;");
	/* a compound subject with no object acts on each other */
	T_STREQ(code("Arnor and Gondor want to cooperate."),
		"ARN GON 031 20240304;GON ARN 031 20240304;");
	/* a pattern of the upper verb before "to" still decides */
	T_STREQ(code("Arnor expressed readiness to help Gondor."), "ARN GON 030 20240304;");
}

static void test_coreference_and_dates(void)
{
	/* date-restricted roles on the document date; pronouns and role
	 * nouns resolve to earlier mentions; the date carries forward */
	T_STREQ(code("On Friday, Theoden met Saruman. He praised Gondor."),
		"ROHGOV IGOWHC 040 20240301;ROHGOV GON 051 20240301;");
	T_STREQ(code("Rohan's minister Theoden met Gondor. The minister praised Arnor."),
		"ROHGOV GON 040 20240304;ROHGOV ARN 051 20240304;");
	T_STREQ(code("Rohan hosted a summit yesterday. The country accused Gondor."),
		"ROH GON 112 20240303;");
	T_STREQ(code("Saruman met Arnor. Saruman praised the organization."), "IGOWHC ARN 040 20240304;");
	/* an object pronoun is the actor named last */
	T_STREQ(code("Arnor praised Gondor and accused it."),
		"ARN GON 051 20240304;ARN GON 112 20240304;");
	/* the same event twice in a document is reported once */
	T_STREQ(code("Arnor accused Gondor. Arnor accused Gondor again."), "ARN GON 112 20240304;");
}

static void test_comma_option(void)
{
	dyad_worker *w = dyad_worker_new(eng);
	dyad_error err;
	T_INTEQ(dyad_worker_option(w, "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 128 BMAX = 0", &err), 0);
	const char *t = "Arnor, in a speech on Monday that praised Rohan, accused Gondor.";
	dyad_doc d = { "t", 1, t, strlen(t), 20240304, NULL, NULL };
	const dyad_result *r;
	T_INTEQ(dyad_code(w, &d, &r, &err), 0);
	T_INTEQ(r->n_events, 1);
	if (r->n_events)
		T_STREQ(r->events[0].code, "112");
	T_CHECK(dyad_worker_option(w, "SET: FBIS = TRUE", &err) == DYAD_EUSAGE);
	/* CODE BY: one coding verb per clause (default), or every verb */
	const char *t2 = "Arnor praised Rohan, accusing Gondor of lies.";
	dyad_doc d2 = { "t", 1, t2, strlen(t2), 20240304, NULL, NULL };
	T_INTEQ(dyad_worker_option(w, "COMMA: OFF", &err), 0);
	T_INTEQ(dyad_worker_option(w, "SET: CODE BY SENTENCE", &err), 0);
	T_INTEQ(dyad_code(w, &d2, &r, &err), 0);
	T_INTEQ(r->n_events, 1);
	T_INTEQ(dyad_worker_option(w, "SET: CODE ALL", &err), 0);
	T_INTEQ(dyad_code(w, &d2, &r, &err), 0);
	T_INTEQ(r->n_events, 2);
	/* COMPLEX: a sentence with two verbs is too complex, as is one with
	 * no actor before its first verb */
	T_INTEQ(dyad_worker_option(w, "COMPLEX: VERBS[2]", &err), 0);
	T_INTEQ(dyad_code(w, &d2, &r, &err), 0);
	T_INTEQ(r->n_events, 0);
	T_INTEQ(dyad_worker_option(w, "COMPLEX: NOACTPRIOR", &err), 0);
	const char *t3 = "Yesterday accused Gondor, said Arnor.";
	dyad_doc d3 = { "t", 1, t3, strlen(t3), 20240304, NULL, NULL };
	T_INTEQ(dyad_code(w, &d3, &r, &err), 0);
	T_INTEQ(r->n_events, 0);
	T_INTEQ(dyad_worker_option(w, "COMPLEX: VERBS[0]", &err), 0);
	/* DEFAULT: a missing source or target takes the default code */
	T_INTEQ(dyad_worker_option(w, "DEFAULT: SOURCE [SRCDEF] TARGET [TARDEF]", &err), 0);
	const char *t4 = "Protesters accused Gondor. Arnor complained loudly.";
	dyad_doc d4 = { "t", 1, t4, strlen(t4), 20240304, NULL, NULL };
	T_INTEQ(dyad_code(w, &d4, &r, &err), 0);
	T_INTEQ(r->n_events, 1);
	if (r->n_events)
		T_STREQ(r->events[0].source, "SRCDEF");
	T_INTEQ(dyad_worker_option(w, "DEFAULT: OFF", &err), 0);
	T_INTEQ(dyad_worker_option(w, "COMPLEX: OFF", &err) == 0 ||
		dyad_worker_option(w, "COMPLEX: VERBS[0]", &err) == 0, 1);
	dyad_worker_free(w);
}

static int code_id(dyad_worker *w, const char *id, const char *t, char *out, size_t cap)
{
	dyad_doc d = { id, strlen(id), t, strlen(t), 20240304, NULL, NULL };
	const dyad_result *r;
	dyad_error err;
	out[0] = 0;
	if (dyad_code(w, &d, &r, &err))
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < r->n_events && k < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, "%s %s %s;", r->events[i].source,
				      r->events[i].target, r->events[i].code);
	return 0;
}

static void test_forward_option(void)
{
	dyad_worker *w = dyad_worker_new(eng);
	dyad_error err;
	char got[256];
	const char *he = "He accused Gondor.";
	/* off: a pronoun with nothing before it in the document is nothing */
	code_id(w, "ST-001-001", "Arnor praised Rohan.", got, sizeof got);
	code_id(w, "ST-001-002", he, got, sizeof got);
	T_STREQ(got, "");
	T_INTEQ(dyad_worker_option(w, "FORWARD: ***NNN*SSS", &err), 0);
	/* on: the first actor of the previous record of the same story */
	code_id(w, "ST-001-001", "The Arnorian foreign minister praised Rohan.", got, sizeof got);
	T_STREQ(got, "ARNGOV ROH 051;");
	code_id(w, "ST-001-002", he, got, sizeof got);
	T_STREQ(got, "ARN GON 112;");       /* the actor, not its agent */
	code_id(w, "ST-001-003", "It praised Rohan.", got, sizeof got);
	T_STREQ(got, "GON ROH 051;");       /* the last record's first actor */
	/* a new story number: nothing to forward */
	code_id(w, "ST-002-001", he, got, sizeof got);
	T_STREQ(got, "");
	/* a pronoun after an actor of its own sentence is not forwarded */
	code_id(w, "ST-002-002", "Arnor praised Rohan.", got, sizeof got);
	code_id(w, "ST-002-003", "Gondor praised Rohan and accused it.", got, sizeof got);
	T_STREQ(got, "GON ROH 051;GON ROH 112;");
	T_INTEQ(dyad_worker_option(w, "FORWARD: ***NNN*SSS OFF", &err), 0);
	code_id(w, "ST-003-001", "Arnor praised Rohan.", got, sizeof got);
	code_id(w, "ST-003-002", he, got, sizeof got);
	T_STREQ(got, "");
	dyad_worker_free(w);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/dyad-test-code-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	put("t.verbs.txt", verbs);
	put("t.actors.txt", actors);
	put("t.agents.txt", agents);
	dyad_dict_file files[] = {
		{ "verbs", NULL }, { "actors", NULL }, { "agents", NULL }, { "cameo", "data/cameo.tsv" },
	};
	char p1[128], p2[128], p3[128];
	snprintf(p1, sizeof p1, "%s/t.verbs.txt", dir);
	snprintf(p2, sizeof p2, "%s/t.actors.txt", dir);
	snprintf(p3, sizeof p3, "%s/t.agents.txt", dir);
	files[0].path = p1;
	files[1].path = p2;
	files[2].path = p3;
	dyad_engine_options o = { .files = files, .nfiles = 4, .no_cache = true };
	dyad_error err;
	eng = dyad_engine_open(&o, &err);
	if (!eng) {
		printf("FAIL %s: cannot load the test dictionaries: %s\n", __FILE__, err.msg);
		return 1;
	}
	T_RUN(test_basic_and_compound);
	T_RUN(test_patterns);
	T_RUN(test_forward_option);
	T_RUN(test_grammar);
	T_RUN(test_bare_agents);
	T_RUN(test_transformations);
	T_RUN(test_infinitives);
	T_RUN(test_coreference_and_dates);
	T_RUN(test_comma_option);
	dyad_engine_free(eng);
	unlink(p1);
	unlink(p2);
	unlink(p3);
	rmdir(dir);
	return t_exit();
}
