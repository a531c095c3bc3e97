/*
 * code.c - the shallow coder: one document in, events out.
 *
 * Per sentence: tokens -> dictionary ids -> actor/agent chunks -> composed
 * mentions (actor + agent, agent "of" actor, role + person, pronouns and
 * role nouns resolved against earlier mentions of the same document) ->
 * verbs (longest match, not negated, not nouns) -> for each verb: subject
 * (source), object (target), best dictionary pattern -> events. With
 * PETRARCH dictionaries, PETRARCH-2's verb combinations follow: a verb and
 * its infinitive code one event (combine_infinitive), and the dictionary's
 * transformations rewrite reported events (transform).
 *
 * Memory: everything per document lives in the worker's arena; the event
 * array is reused across documents. Nothing here prints.
 */
#include "code_int.h"
#include <ctype.h>
#include <stdio.h>

#ifdef DYAD_TRACE   /* developer builds only: make CFLAGS=-DDYAD_TRACE */
#define TRACE(...) fprintf(stderr, __VA_ARGS__)
#else
#define TRACE(...) ((void)0)
#endif


dyad_worker *dyad_worker_new(const dyad_engine *e)
{
	return dyad_worker_new_opts(e, NULL);
}

dyad_worker *dyad_worker_new_opts(const dyad_engine *e, const dyad_worker_options *opt)
{
	struct dyad_worker *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->e = e;
	w->opts = e->opts;
	w->max_tok = opt && opt->max_sentence_tokens ? opt->max_sentence_tokens
						     : DYAD_DEFAULT_MAX_SENTENCE_TOKENS;
	w->max_tok = MIN(w->max_tok, DYAD_MAX_SENTENCE_TOKENS_LIMIT);
	w->mcap = (int)w->max_tok + 16;    /* mentions: a few more than tokens */
	w->max_events = opt && opt->max_events ? opt->max_events : DYAD_DEFAULT_MAX_EVENTS;
	w->max_events = MIN(w->max_events, (size_t)UINT32_MAX / 4);
	arena_init(&w->arena, (size_t)1 << 30);
	w->pstamp = calloc(e->pat.n + 1, sizeof *w->pstamp);
	w->m = malloc(sizeof *w->m * (size_t)w->mcap);
	w->v = malloc(sizeof *w->v * (size_t)w->mcap);
	if (!w->pstamp || !w->m || !w->v) {
		dyad_worker_free(w);
		return NULL;
	}
	return w;
}

void dyad_worker_free(dyad_worker *w)
{
	if (!w)
		return;
	arena_release(&w->arena);
	free(w->ev.v);
	free(w->pstamp);
	free(w->m);
	free(w->v);
	free(w);
}

int dyad_worker_option(dyad_worker *w, const char *line, dyad_error *err)
{
	return coder_option(&w->opts, line, strlen(line), err);
}

/* ---- helpers ------------------------------------------------------------ */

static bool is_country_code(const char *c)
{
	return strlen(c) == 3 && isupper((unsigned char)c[0]);
}

static bool is_org_code(const char *c)
{
	return !strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3) || !strncmp(c, "MNC", 3) ||
	       !strncmp(c, "IMG", 3) || !strncmp(c, "NGM", 3);
}

/* Words that make the next dictionary verb a noun ("the attack"). */
static inline uint8_t wclass(const struct dyad_worker *w, int i)
{
	return i >= 0 && i < w->ntok ? w->e->wclass[w->tok[i].id] : 0;
}

static bool is_determiner(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_DET;
}

static bool is_aux(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_AUX;
}

static bool is_adverb(const struct dyad_worker *w, int i)
{
	if (i < 0 || i >= w->ntok || w->tok[i].kind != TOK_WORD)
		return false;
	size_t n = w->tok[i].keylen;
	return (wclass(w, i) & WC_ADVERB) || (n > 4 && !strcmp(w->tok[i].key + n - 2, "LY"));
}

static bool is_prep(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_PREP;
}

static bool is_modal(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_MODAL;
}

static bool is_subordinator(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_SUBORD;
}

static bool is_negation(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_NEG;
}

/* ---- mentions ----------------------------------------------------------- */

/* TABARI stems: the trie may hold stem ids ("WORD*") as well as exact
 * words; walk every path, keep the longest match, and on equal length the
 * one with more exact words. */
static void walk_stems(const struct dyad_worker *w, const struct trie *t,
		       uint32_t node, int j, int exact, uint32_t *best, int *end,
		       int *best_exact)
{
	/* TABARI actor and verb phrases: up to TABARI_GAP words (no comma
	 * or full stop) may stand before a blank-separated word
	 * (e->actor_gap, e->verb_gap) */
	const struct dyad_engine *e = w->e;
	const __typeof__(e->actor_gap) *gap = t == &e->actors ? &e->actor_gap :
					      t == &e->verbs ? &e->verb_gap : NULL;
	int maxskip = node && gap && gap->n ? TABARI_GAP : 0;
	for (int skip = 0; skip <= maxskip; skip++) {
		int jj = j + skip;
		if (jj >= w->ntok || (skip && (tok_is(w, jj - 1, W_COMMA) ||
					       w->tok[jj - 1].key[0] == '.')))
			return;
		const struct token *tk = &w->tok[jj];
		uint32_t ids[1 + MAX_STEMS];
		int n = 0;
		if (tk->id)
			ids[n++] = tk->id;
		for (int k = 0; k < w->nstems[jj]; k++)
			ids[n++] = w->stems[jj * MAX_STEMS + k];
		for (int k = 0; k < n; k++) {
			uint32_t c = trie_child(t, node, ids[k]);
			if (!c || (skip && (c >= gap->n || !gap->v[c])))
				continue;
			int ex = exact + (k == 0 && tk->id);
			if (t->value.v[c] && (jj + 1 > *end || (jj + 1 == *end && ex > *best_exact))) {
				*best = t->value.v[c];
				*end = jj + 1;
				*best_exact = ex;
			}
			walk_stems(w, t, c, jj + 1, ex, best, end, best_exact);
		}
	}
}

/* Longest match in trie t starting at token i; returns the entry index + 1
 * (0: none) and the end token in *end. */
uint32_t longest(const struct dyad_worker *w, const struct trie *t, int i,
			int *end)
{
	uint32_t node = 0, best = 0;
	if (w->e->stemlens) {
		int e2 = i, ex = -1;
		walk_stems(w, t, 0, i, 0, &best, &e2, &ex);
		if (best)
			*end = e2;
		return best;
	}
	uint8_t bit = t == &w->e->actors ? ROOT_ACTOR : t == &w->e->agents ? ROOT_AGENT :
		      t == &w->e->verbs ? ROOT_VERB : 0;
	if (bit && (i >= w->ntok || !(w->e->wroot[w->tok[i].id] & bit)))
		return 0;
	for (int j = i; j < w->ntok; j++) {
		uint32_t id = w->tok[j].id;
		if (!id)
			break;
		node = trie_child(t, node, id);
		if (!node)
			break;
		if (t->value.v[node]) {
			best = t->value.v[node];
			*end = j + 1;
		}
	}
	return best;
}

static void compose(char *out, size_t cap, const char *actor, const struct dyad_engine *e,
		    const struct agent *ag)
{
	if (ag && tabari_mode(e)) {
		const char *ac = estr(e, ag->code);
		/* TABARI 5.4: the agent's code is added unless the actor's
		 * code has it on a 3-letter boundary (USAGOV + ~GOV: USAGOV) */
		size_t n = strlen(actor), an = strlen(ac);
		bool has = false;
		for (size_t k = 0; an && k + an <= n && !has; k += 3)
			has = !strncmp(actor + k, ac, an);
		if (has)
			snprintf(out, cap, "%s", actor);
		else if (ag->prefix)
			snprintf(out, cap, "%s%s", ac, actor);
		else
			snprintf(out, cap, "%s%s", actor, ac);
		return;
	}
	if (!ag || is_org_code(actor) || strlen(actor) != 3) {
		snprintf(out, cap, "%s", actor);
		return;
	}
	const char *ac = estr(e, ag->code);
	if (ag->prefix)
		snprintf(out, cap, "%s%s", ac, actor);
	else
		snprintf(out, cap, "%s%s", actor, ac);
}

static uint8_t kind_of_code(const char *code, bool person)
{
	if (person)
		return MK_PERSON;
	if (is_country_code(code))
		return MK_COUNTRY;
	if (is_org_code(code))
		return MK_ORG;
	return MK_GROUP;
}

static void push_hist(struct dyad_worker *w, const char *code, uint8_t kind,
		      int32_t role, uint32_t role_word, uint32_t surname, bool lead)
{
	if (w->nhist && !strcmp(w->hist[w->nhist - 1].code, code) &&
	    w->hist[w->nhist - 1].kind == kind) {
		w->nhist--;     /* refresh the latest entry */
	} else if (w->nhist == MAX_HISTORY) {
		memmove(w->hist, w->hist + 1, (MAX_HISTORY - 1) * sizeof *w->hist);
		w->nhist--;
	}
	struct hist *h = &w->hist[w->nhist++];
	snprintf(h->code, sizeof h->code, "%s", code);
	h->kind = kind;
	h->role = role;
	h->role_word = role_word;
	h->surname = surname;
	h->lead = lead;
}

/* Remember a mention for later pronouns and role nouns. A person also
 * stands for their organization or country ("the organization", "the
 * country" after "Minister X"). */
static void remember(struct dyad_worker *w, const struct mention *m)
{
	uint32_t role_word = m->role_word, surname = 0;
	if (m->kind == MK_PERSON && !m->resolved && m->end > m->start &&
	    (w->tok[m->end - 1].flags & TOKF_CAP) && (m->role < 0 || m->end > m->head_end))
		surname = w->tok[m->end - 1].id;
	if (m->kind == MK_PERSON || m->kind == MK_GROUP) {
		if (is_org_code(m->code))
			push_hist(w, m->code, MK_ORG, -1, 0, 0, false);
		else if (strlen(m->code) > 3 && isupper((unsigned char)m->code[0])) {
			char c3[4];
			memcpy(c3, m->code, 3);
			c3[3] = 0;
			push_hist(w, c3, MK_COUNTRY, -1, 0, 0, false);
		}
	}
	push_hist(w, m->code, m->kind, m->role, role_word, surname, m->lead);
}

static const struct hist *by_surname(const struct dyad_worker *w, uint32_t id)
{
	for (int i = w->nhist - 1; i >= 0 && id; i--)
		if (w->hist[i].kind == MK_PERSON && w->hist[i].surname == id)
			return &w->hist[i];
	return NULL;
}

/* Resolve a role noun / pronoun of kind k (role: agent index or -1). */
static const struct hist *resolve(const struct dyad_worker *w, uint8_t k,
				  int32_t role, uint32_t role_word)
{
	if (k == MK_PERSON && role >= 0) {
		for (int i = w->nhist - 1; i >= 0; i--)
			if (w->hist[i].kind == MK_PERSON &&
			    (w->hist[i].role == role ||
			     (role_word && w->hist[i].role_word == role_word)))
				return &w->hist[i];
	}
	if (k == MK_PERSON && role < 0) {
		/* a pronoun: the last person who led a sentence (a subject) */
		for (int i = w->nhist - 1; i >= 0; i--)
			if (w->hist[i].kind == MK_PERSON && w->hist[i].lead)
				return &w->hist[i];
	}
	for (int i = w->nhist - 1; i >= 0; i--)
		if (w->hist[i].kind == k)
			return &w->hist[i];
	return NULL;
}

static struct mention *new_mention(struct dyad_worker *w, int s, int e)
{
	struct mention *m = &w->m[w->nm++];
	memset(m, 0, sizeof *m);
	m->start = m->head_start = s;
	m->end = m->head_end = e;
	m->role = -1;
	m->group = ++w->ngroup;
	return m;
}

/* Whether any letter of tokens [a, b) is upper case in the text. */
static bool has_upper(const struct dyad_worker *w, int a, int b)
{
	for (int i = a; i < b; i++) {
		if (w->tok[i].flags & (TOKF_CAP | TOKF_ALLCAP))
			return true;
		for (uint32_t k = w->tok[i].start; k < w->tok[i].end; k++) {
			unsigned char c = (unsigned char)w->text[k];
			if ((c >= 'A' && c <= 'Z') || c >= 0xC0)
				return true;
		}
	}
	return false;
}

static bool is_report_word(const struct dyad_worker *w, int i)
{
	return wclass(w, i) & WC_REPORT;
}

/* "lawmakers in Fornost and Gondor", "the ambassadors of A, B and C":
 * the agent in front of a compound applies to every member. */
static void spread_agents(struct dyad_worker *w)
{
	if (w->e->stemlens)
		return;     /* TABARI does not carry an agent across a compound */
	for (int a = 0; a < w->nm; a++) {
		const struct mention *x = &w->m[a];
		if (!x->agent_front || x->role < 0)
			continue;
		for (int b = a + 1; b < w->nm; b++) {
			struct mention *y = &w->m[b];
			if (y->group != x->group || y->role >= 0 || y->kind != MK_COUNTRY)
				continue;
			char code[32];
			compose(code, sizeof code, y->code, w->e, &w->e->agent.v[x->role]);
			snprintf(y->code, sizeof y->code, "%s", code);
			y->role = x->role;
		}
	}
	/* "US and British activists": an agent after the last actor of a
	 * compound of bare actor names applies to each (PETRARCH-2 codes the
	 * noun phrase's agent on all its actors) */
	for (int b = w->nm - 1; b > 0; b--) {
		const struct mention *y = &w->m[b];
		if (y->role < 0 || y->agent_front || y->resolved || y->head_start == y->start ||
		    y->kind == MK_PERSON)
			continue;
		for (int a = b - 1; a >= 0; a--) {
			struct mention *x = &w->m[a];
			if (x->group != y->group || x->role >= 0 || x->kind != MK_COUNTRY ||
			    x->end - x->start != 1 || x->poss)
				break;
			char code[32];
			compose(code, sizeof code, x->code, w->e, &w->e->agent.v[y->role]);
			snprintf(x->code, sizeof x->code, "%s", code);
			x->role = y->role;
		}
	}
}

/* Tokens [a, b) may stand between "and" and the next actor: at most
 * three words that are not verbs ("the evil awful"). */
static bool modifier_gap(const struct dyad_worker *w, int a, int b)
{
	if (b < a || b - a > 3)
		return false;
	for (int t = a; t < b; t++) {
		int end;
		if (w->tok[t].kind != TOK_WORD || longest(w, &w->e->verbs, t, &end))
			return false;
	}
	return true;
}

/* PETRARCH-2 codes an agent that names no actor as "---AGENT" ("Insurgents
 * bombarded", "The government expressed"). dyad takes it only when the
 * agent heads its noun phrase: not after a possessive ("its troops" are
 * the subject's own) and followed by the end of the phrase (punctuation,
 * a preposition, conjunction, auxiliary, adverb or an inflected verb),
 * not by a noun it modifies ("military support", "rebel positions") or a
 * name it titles ("President William Ruto"). */
static bool bare_agent(const struct dyad_worker *w, int i, int gend)
{
	static const char *const poss[] = { "ITS", "THEIR", "HIS", "HER", "OUR",
		"YOUR", "MY" };
	if (i > 0 && w->tok[i - 1].kind == TOK_WORD)
		for (size_t k = 0; k < ARRAY_SIZE(poss); k++)
			if (!strcmp(w->tok[i - 1].key, poss[k]))
				return false;
	if (gend >= w->ntok)
		return true;
	const struct token *t = &w->tok[gend];
	if (t->kind == TOK_PUNCT)
		return !(t->flags & TOKF_POSS);
	if (t->kind != TOK_WORD || (t->flags & TOKF_CAP))
		return false;
	if (is_prep(w, gend) || is_aux(w, gend) || is_modal(w, gend) || is_adverb(w, gend) ||
	    is_subordinator(w, gend) || tok_is(w, gend, W_AND) || tok_is(w, gend, W_OR) ||
	    tok_is(w, gend, W_BUT) || tok_is(w, gend, W_WHO) || tok_is(w, gend, W_THAT) ||
	    tok_is(w, gend, W_WHICH))
		return true;
	int vend;
	uint32_t v = longest(w, &w->e->verbs, gend, &vend);
	if (!v)
		return false;
	/* an inflected verb ("bombarded", "says"), not a base form that
	 * could be a noun ("military support") */
	const char *lemma = estr(w->e, w->e->vform.v[v - 1].lemma);
	size_t ln = strcspn(lemma, " ");
	if (ln == t->keylen && !memcmp(lemma, t->key, ln))
		return false;
	/* "-S": a verb after "the government", a noun in "rebel positions" */
	return t->key[t->keylen - 1] != 'S' || is_determiner(w, i - 1);
}

static void find_mentions(struct dyad_worker *w, int date)
{
	const struct dyad_engine *e = w->e;
	int depth = 0;
	w->nm = 0;
	w->ngroup = 0;
	for (int i = 0; i < w->ntok;) {
		if (tok_is(w, i, W_LPAR))
			depth++;
		if (tok_is(w, i, W_RPAR) && depth)
			depth--;
		int aend = i, gend = i;
		uint32_t act = longest(w, &e->actors, i, &aend);
		uint32_t agt = longest(w, &e->agents, i, &gend);
		struct mention *m = NULL;
		const struct actor *A = act ? &e->actor.v[act - 1] : NULL;
		const struct agent *G = agt ? &e->agent.v[agt - 1] : NULL;
		uint32_t c = A ? actor_code_on(e, A, date) : 0;
		if (A && !c && aend >= gend) {
			/* a null code masks the phrase (e.g. a common noun) */
			A = NULL;
			if (gend <= i)
				G = NULL;
		}
		if (A && aend >= gend && !w->all_caps && !has_upper(w, i, aend) &&
		    !tabari_mode(e)) {    /* (TABARI ignores case, manual 7.3) */
			/* "pole", "turkey", "chad": actors are proper nouns */
			A = NULL;
			if (gend <= i)
				G = NULL;
		}
		if (A && aend >= gend) {
			m = new_mention(w, i, aend);
			snprintf(m->code, sizeof m->code, "%s", estr(e, c));
			m->kind = kind_of_code(m->code, A->flags & ACT_PERSON);
			int j = aend;
			bool poss = tok_is(w, j, W_POSS);
			if (poss)
				j++;
			int ge = j;
			bool tab = tabari_mode(e);   /* TABARI: agents of any actor (5.4) */
			uint32_t g2 = m->kind == MK_COUNTRY || tab ? longest(w, &e->agents, j, &ge) : 0;
			if (!g2 && tab && j + 1 < w->ntok &&
			    !strcmp(w->tok[j].key, "FORMER") &&
			    (g2 = longest(w, &e->agents, j + 1, &ge)))
				j++;    /* "Arnor former officials" (TABARI 5.4.1) */
			if (!g2 && poss && m->kind == MK_COUNTRY && !tabari_mode(e)) {
				/* (TABARI: an agent right after the actor only,
				 * manual 5.4) */
				/* "Dagolath's first Deputy Prime Minister" */
				for (int k = j + 1; k <= j + 3 && k < w->ntok && !g2; k++) {
					if (w->tok[k - 1].kind != TOK_WORD)
						break;
					g2 = longest(w, &e->agents, k, &ge);
					if (g2)
						j = k;
				}
			}
			if (g2) {   /* "Azerbaijani foreign minister", "Azerbaijan's army" */
				const struct agent *ag = &e->agent.v[g2 - 1];
				char code[32];
				compose(code, sizeof code, m->code, e, ag);
				snprintf(m->code, sizeof m->code, "%s", code);
				m->kind = ag->person ? MK_PERSON : kind_of_code(m->code, false);
				m->role = (int32_t)(g2 - 1);
				m->role_word = w->tok[ge - 1].id;
				m->head_start = j;
				m->head_end = ge;
				m->end = ge;
				aend = ge;
			} else if (poss) {
				m->poss = true;
			}
			i = aend;
		} else if (G) {
			/* agent [of [the]] actor | agent person | agent alone */
			int j = gend;
			int k2 = j;
			bool via_in = false;
			if (tok_is(w, j, W_OF) || (j < w->ntok && (!strcmp(w->tok[j].key, "IN") ||
							  !strcmp(w->tok[j].key, "FROM")))) {
				via_in = !tok_is(w, j, W_OF);
				k2 = j + 1;
				if (tok_is(w, k2, W_THE))
					k2++;
			}
			int ae2 = k2;
			uint32_t a2 = longest(w, &e->actors, k2, &ae2);
			for (int skip = 0; !a2 && k2 > j && skip < 2 && k2 + 1 < w->ntok &&
			     w->tok[k2].kind == TOK_WORD && !(w->tok[k2].flags & TOKF_CAP); skip++) {
				/* "the mayor of the northern West Bank city" */
				k2++;
				a2 = longest(w, &e->actors, k2, &ae2);
			}
			uint32_t c2probe = a2 ? actor_code_on(e, &e->actor.v[a2 - 1], date) : 0;
			bool country2 = c2probe && is_country_code(estr(e, c2probe));
			if (via_in && G->person && !tabari_mode(e) && !(w->tok[i].keylen > 1 &&
			    w->tok[i].key[w->tok[i].keylen - 1] == 'S'))
				a2 = 0;     /* "the ambassador in Moscow" is not Moscow's */
			if (a2 && (k2 > j || (e->actor.v[a2 - 1].flags & ACT_PERSON) ||
				   (k2 == j && country2 && !G->person) ||
				   tabari_mode(e))) {    /* TABARI 5.4: always */
				const struct actor *A2 = &e->actor.v[a2 - 1];
				uint32_t c2 = actor_code_on(e, A2, date);
				if (!c2) {
					i = ae2;
					continue;
				}
				m = new_mention(w, i, ae2);
				m->role = (int32_t)(agt - 1);
				m->role_word = w->tok[gend - 1].id;
				m->agent_front = true;
				m->head_start = i;
				m->head_end = gend;
				if ((A2->flags & ACT_PERSON) && !tabari_mode(e)) {
					/* "Minister Jeyhun Bayramov" (TABARI composes:
					 * "PRESIDENT PERES" is ISRGOVPRS, 5.4) */
					snprintf(m->code, sizeof m->code, "%s", estr(e, c2));
					m->kind = MK_PERSON;
				} else {
					compose(m->code, sizeof m->code, estr(e, c2), e, G);
					m->kind = G->person ? MK_PERSON : kind_of_code(m->code, false);
				}
				int ge3 = ae2 + 1;
				uint32_t g3 = !e->stemlens && tok_is(w, ae2, W_POSS) ?
					      longest(w, &e->agents, ae2 + 1, &ge3) : 0;
				const char *c3 = g3 ? estr(e, e->agent.v[g3 - 1].code) : "";
				if (g3 && !e->agent.v[g3 - 1].prefix && !strstr(m->code, c3) &&
				    strlen(m->code) + strlen(c3) < sizeof m->code) {
					/* PETRARCH: "exiled leaders of Egypt's Muslim
					 * Brotherhood": the noun phrase's agents
					 * together, EGYOPPMUS */
					size_t ml = strlen(m->code);
					memcpy(m->code + ml, c3, strlen(c3) + 1);
					m->end = ge3;
					ae2 = ge3;
				} else if (tok_is(w, ae2, W_POSS)) {
					m->poss = true;
				}
				i = ae2;
			} else {
				/* a role noun alone: resolve against the document */
				bool definite = tok_is(w, i - 1, W_THE) || (w->tok[i].flags & TOKF_CAP);
				const struct hist *h = NULL;
				if (definite && G->person)
					h = resolve(w, MK_PERSON, (int32_t)(agt - 1), w->tok[gend - 1].id);
				if (h) {
					m = new_mention(w, i, gend);
					snprintf(m->code, sizeof m->code, "%s", h->code);
					m->kind = MK_PERSON;
					m->role = (int32_t)(agt - 1);
					m->role_word = w->tok[gend - 1].id;
					m->resolved = true;
					if (tok_is(w, gend, W_POSS))
						m->poss = true;
				} else if (!G->person && (i == 0 || tok_is(w, i - 1, W_COMMA) ||
							  (tok_is(w, i - 1, W_THE) &&
							   (i == 1 || tok_is(w, i - 2, W_COMMA))))) {
					/* "In Tbilisi, police ...": the country named
					 * earlier in the same sentence */
					const struct mention *cm = NULL;
					for (int k = w->nm - 1; k >= 0 && !cm; k--)
						if (w->m[k].kind == MK_COUNTRY && !w->m[k].resolved)
							cm = &w->m[k];
					if (cm) {
						char code[32];
						compose(code, sizeof code, cm->code, e, G);
						m = new_mention(w, i, gend);
						snprintf(m->code, sizeof m->code, "%s", code);
						m->kind = MK_GROUP;
						m->role = (int32_t)(agt - 1);
						m->resolved = true;
					}
				}
				if (!m && w->opts.convert_agents) {
					/* TABARI's CONVERT AGENT: an agent with no actor
					 * is coded by its agent code, "~MOS" */
					m = new_mention(w, i, gend);
					if (G->prefix)
						snprintf(m->code, sizeof m->code, "%s~", estr(e, G->code));
					else
						snprintf(m->code, sizeof m->code, "~%s", estr(e, G->code));
					m->kind = MK_GROUP;
					m->role = (int32_t)(agt - 1);
					m->resolved = true;
				}
				bool bare = !m && w->opts.require_dyad && !e->stemlens &&
					    bare_agent(w, i, gend);
				if (!m && (!w->opts.require_dyad || bare)) {
					/* PETRARCH: an agent of no known actor is
					 * coded "---GOV" (without require_dyad, or
					 * PETRARCH-2: "The government expressed
					 * ...", "Insurgents bombarded ..."); TABARI
					 * codes it only with CONVERT AGENT */
					m = new_mention(w, i, gend);
					snprintf(m->code, sizeof m->code, "---%s", estr(e, G->code));
					m->kind = MK_GROUP;
					m->role = (int32_t)(agt - 1);
					m->resolved = true;
					m->bare = bare;
				}
				i = gend;
			}
		} else {
			/* pronouns and "the country" / "the organization" */
			const struct hist *h = NULL;
			int end = i + 1;
			uint8_t k = 0;
			if (tok_is(w, i, W_HE) || tok_is(w, i, W_SHE))
				k = MK_PERSON;
			else if ((w->tok[i].flags & TOKF_CAP) && (h = by_surname(w, w->tok[i].id)))
				k = MK_PERSON;   /* "Khan" after "Asad Majid Khan" */
			else if (tok_is(w, i - 1, W_THE) &&
				 (tok_is(w, i, W_COUNTRY) || tok_is(w, i, W_NATION)))
				k = MK_COUNTRY;
			else if (tok_is(w, i - 1, W_THE) &&
				 (tok_is(w, i, W_ORGANIZATION) || tok_is(w, i, W_ORGANISATION)))
				k = MK_ORG;
			if (k && !h)
				h = resolve(w, k, -1, 0);
			if (!h && (tok_is(w, i, W_IT) || tok_is(w, i, W_THEY)) && w->nm > 0 &&
			    i > 0 && is_report_word(w, i - 1)) {
				/* "the army said it killed": the reporter */
				m = new_mention(w, i, end);
				*m = w->m[0];
				m->start = m->head_start = i;
				m->end = m->head_end = end;
				m->group = w->ngroup;
				m->resolved = true;
				m->poss = tok_is(w, end, W_POSS);
				i = end;
				continue;
			}
			if (!h && w->nm > 0 && i > 0 && !tok_is(w, i - 1, W_COMMA) &&
			    (tok_is(w, i, W_IT) || !strcmp(w->tok[i].key, "THEM")) &&
			    w->m[w->nm - 1].end < i) {
				/* an object pronoun: "urged Bree to assist it" is
				 * the actor named last in the sentence */
				const struct mention *last = &w->m[w->nm - 1];
				if (last->kind != MK_PERSON && !last->in_paren) {
					m = new_mention(w, i, end);
					*m = *last;
					m->start = m->head_start = i;
					m->end = m->head_end = end;
					m->group = w->ngroup;
					m->resolved = true;
					m->poss = false;
					i = end;
					continue;
				}
			}
			if (!h && w->fwd[0] && w->nm == 0 &&
			    (tok_is(w, i, W_HE) || tok_is(w, i, W_SHE) || tok_is(w, i, W_IT) ||
			     tok_is(w, i, W_THEY))) {
				/* TABARI FORWARD: a pronoun before any actor of
				 * the sentence is the previous record's actor */
				m = new_mention(w, i, end);
				snprintf(m->code, sizeof m->code, "%s", w->fwd);
				m->kind = kind_of_code(m->code, false);
				m->resolved = true;
				m->poss = tok_is(w, end, W_POSS);
				i = end;
				continue;
			}
			if (h) {
				m = new_mention(w, i, end);
				snprintf(m->code, sizeof m->code, "%s", h->code);
				m->kind = k;
				m->resolved = true;
				if (tok_is(w, end, W_POSS))
					m->poss = true;
			}
			i = end;
		}
		if (m && w->nm >= 2 && m->kind == MK_PERSON && !m->resolved) {
			/* "German Chancellor Olaf Scholz": a title phrase
			 * right before a named person is that person */
			struct mention *prev = &w->m[w->nm - 2];
			if (prev->end == m->start && !prev->poss &&
			    (prev->kind != MK_PERSON || prev->role >= 0) && !prev->resolved &&
			    !strncmp(prev->code, m->code, 3)) {
				uint32_t rw = w->tok[prev->end - 1].id;
				int st = prev->start;
				*prev = *m;
				prev->start = st;
				if (!prev->role_word)
					prev->role_word = rw;
				w->nm--;
				m = prev;
			}
		}
		char *slash = m ? strchr(m->code, '/') : NULL;
		if (slash && w->nm < w->mcap - 8) {
			/* "FRO/BIL/SAM": a phrase that names several actors is a
			 * compound of them */
			char rest[32];
			snprintf(rest, sizeof rest, "%s", slash + 1);
			*slash = 0;
			for (char *q = rest; *q && w->nm < w->mcap - 1;) {
				char *nx = strchr(q, '/');
				if (nx)
					*nx = 0;
				struct mention *m2 = &w->m[w->nm++];
				*m2 = *m;
				snprintf(m2->code, sizeof m2->code, "%s", q);
				m2->in_paren = depth > 0;
				q = nx ? nx + 1 : q + strlen(q);
			}
		}
		if (m) {
			m->in_paren = depth > 0;
			if (m->kind == MK_PERSON && !m->in_paren) {
				bool any = false;
				for (int k = 0; k < w->nm - 1; k++)
					any |= w->m[k].kind == MK_PERSON;
				m->lead = !any;
			}
			if (!m->in_paren)
				remember(w, m);
			if (w->nm >= w->mcap)
				break;
		}
	}
	/* compounds: "X and Y", "X, Y and Z", "Fornost and the evil awful
	 * Gondor" (a comma alone is apposition, not a list) */
	bool next_joined = false;
	for (int a = w->nm - 2; a >= 0; a--) {
		struct mention *x = &w->m[a], *y = &w->m[a + 1];
		if (y->start == x->start)
			continue;   /* the parts of one "A/B/C" phrase */
		int t = x->end, kind = 0;   /* 1: and, 2: comma */
		if (x->poss)
			kind = 0;
		else if (tok_is(w, t, W_AND))
			kind = modifier_gap(w, t + 1, y->start) ? 1 : 0;
		else if (tok_is(w, t, W_COMMA) && tok_is(w, t + 1, W_AND))
			kind = modifier_gap(w, t + 2, y->start) ? 1 : 0;
		else if (tok_is(w, t, W_COMMA))
			kind = modifier_gap(w, t + 1, y->start) && next_joined ? 2 : 0;
		next_joined = kind != 0;
		if (kind) {
			int g = y->group;
			for (int k = a + 1; k < w->nm; k++)
				if (w->m[k].group == g)
					w->m[k].group = x->group;
		}
	}
	spread_agents(w);
}

/* ---- verbs -------------------------------------------------------------- */

int mention_at(const struct dyad_worker *w, int tok)
{
	if (w->tmention)
		return tok >= 0 && tok < w->ntok ? w->tmention[tok] : -1;
	for (int i = 0; i < w->nm; i++)
		if (tok >= w->m[i].start && tok < w->m[i].end)
			return i;
	return -1;
}

static void find_verbs(struct dyad_worker *w, bool all_caps)
{
	const struct dyad_engine *e = w->e;
	w->nv = 0;
	for (int i = 0; i < w->ntok;) {
		int end = i;
		uint32_t v = w->tok[i].kind == TOK_WORD ? longest(w, &e->verbs, i, &end) : 0;
		if (!v || mention_at(w, i) >= 0) {
			i++;
			continue;
		}
		if (e->nouns.value.n > 1) {
			/* TABARI <NOUN>/<ADJECTIVE>: nouns take precedence */
			int nend;
			uint8_t wf = word_flags(e, w->tok[i].id);
			for (int k = 0; w->nstems && k < w->nstems[i]; k++)
				wf |= word_flags(e, w->stems[i * MAX_STEMS + k]);
			if ((wf & (WF_NOUN | WF_ADJ)) || longest(w, &e->nouns, i, &nend)) {
				i++;
				continue;
			}
		}
		struct vocc *o = &w->v[w->nv++];
		memset(o, 0, sizeof *o);
		o->start = i;
		o->end = end;
		o->f = &e->vform.v[v - 1];
		o->head = i + o->f->head;
		/* noun readings */
		if (!all_caps && i > 0 && (w->tok[o->head].flags & TOKF_CAP)) {
			o->skip = true;
			o->why = "capitalized";
		} else if (is_determiner(w, i - 1)) {
			o->skip = true;
			o->why = "noun after determiner";
		} else if (i >= 2 && is_determiner(w, i - 2) && !tok_is(w, i - 2, W_OF) &&
			   w->tok[i - 1].kind == TOK_WORD && !is_adverb(w, i - 1) &&
			   !is_modal(w, i - 1) && !is_aux(w, i - 1) &&
			   !(w->e->wroot[w->tok[i - 1].id] & ROOT_VERB) &&
			   mention_at(w, i - 1) < 0 && !(w->tok[i - 1].flags & TOKF_CAP)) {
			/* "the chemical attacks", "a deadly attack": an
			 * adjective between a determiner and the word */
			o->skip = true;
			o->why = "noun after determiner and adjective";
		} else if (i + 1 < w->ntok && tok_is(w, end, W_OF) && o->f->nwords == 1 &&
			   tok_is(w, i - 1, W_THE)) {
			o->skip = true;
			o->why = "noun";
		} else if (w->nv > 1 && w->v[w->nv - 2].end == i && !is_aux(w, i - 1) &&
			   !is_modal(w, i - 1)) {
			/* "to allow aid into Gaza": the object of the verb before */
			o->skip = true;
			o->why = "object of the previous verb";
		}
		i = end;
	}
}

/* ---- patterns ----------------------------------------------------------- */

#define MAX_CANDS 6

/* Pattern word ids token t can match (computed once per token). */
const uint32_t *cands(struct dyad_worker *w, int t, int *n)
{
	if (w->ncand[t] == 0xff) {
		const struct token *tk = &w->tok[t];
		uint32_t *c = w->cand + (size_t)t * MAX_CANDS;
		int nc = pattern_cands(w->e, tk->key, tk->keylen, tk->id, c, MAX_CANDS);
		if (w->e->stemlens) {
			for (int k = 0; k < w->nstems[t] && nc < MAX_CANDS; k++)
				if (w->e->patword[w->stems[t * MAX_STEMS + k]])
					c[nc++] = w->stems[t * MAX_STEMS + k];
			uint32_t b[4];
			int nb = tabari_bases(w->e, tk->key, tk->keylen, b, 4);
			for (int k = 0; k < nb && nc < MAX_CANDS; k++) {
				bool dup = false;
				for (int q = 0; q < nc; q++)
					dup |= c[q] == b[k];
				if (!dup && w->e->patword[b[k]])
					c[nc++] = b[k];
			}
		}
		w->ncand[t] = (uint8_t)nc;
	}
	*n = w->ncand[t];
	return w->cand + (size_t)t * MAX_CANDS;
}

static bool word_match(struct dyad_worker *w, int t, uint32_t id);

bool word_match_el(struct dyad_worker *w, int t, uint32_t id, uint8_t flags)
{
	const struct token *tk = &w->tok[t];
	if (flags & PELF_EXACT)
		return tabari_exact(tk->key, tk->keylen, vocab_str(&w->e->vocab, id),
				    w->e->vocab.len[id], !(flags & PELF_NOEND));
	if (flags & PELF_STEM) {
		for (int k = 0; w->nstems && k < w->nstems[t]; k++)
			if (w->stems[t * MAX_STEMS + k] == id)
				return true;
		return false;
	}
	return word_match(w, t, id);
}

static bool word_match(struct dyad_worker *w, int t, uint32_t id)
{
	if (w->tok[t].id == id)
		return true;
	int n;
	const uint32_t *c = cands(w, t, &n);
	for (int i = 0; i < n; i++)
		if (c[i] == id)
			return true;
	return false;
}

/* Does synset s match at token t? Returns the end token or -1. */
int syn_match(struct dyad_worker *w, uint32_t s, int t)
{
	const struct dyad_engine *e = w->e;
	const struct synset *sy = &e->syn.v[s];
	int nc;
	const uint32_t *c = cands(w, t, &nc);
	bool any = w->tok[t].id && synset_starts(e, s, w->tok[t].id);
	for (int i = 0; i < nc && !any; i++)
		any = synset_starts(e, s, c[i]);
	if (!any)
		return -1;
	const uint32_t *p = e->synword.v + sy->first, *end = p + sy->len;
	while (p < end) {
		int k = 0;
		bool ok = true;
		while (p[k]) {
			if (!ok || t + k >= w->ntok || !word_match(w, t + k, p[k] & ~SYNW_GAP))
				ok = false;
			k++;
		}
		if (ok && k)
			return t + k;
		p += k + 1;
	}
	return -1;
}

/* Match elements els[0..n) in order within tokens [lo, hi).
 * Returns the token after the last match or -1; the source and target
 * pointers receive the mention index at a $ / + marker. */
static int match_els(struct dyad_worker *w, const struct pel *els, int n,
		     int lo, int hi, int *src, int *tgt)
{
	int pos = lo;
	for (int i = 0; i < n; i++) {
		const struct pel *el = &els[i];
		bool consec = (el->flags & PELF_CONSEC) && i > 0;
		int found = -1, fend = -1;
		for (int t = pos; t < hi; t++) {
			if (consec && t != pos)
				break;
			if (el->kind == PEL_WORD) {
				if (word_match_el(w, t, el->v, el->flags)) {
					found = t;
					fend = t + 1;
				}
			} else if (el->kind == PEL_SYN) {
				int e2 = syn_match(w, el->v, t);
				if (e2 > 0) {
					found = t;
					fend = e2;
				}
			} else if (el->kind == PEL_SOURCE || el->kind == PEL_TARGET ||
				   el->kind == PEL_COMPOUND) {
				int mi = mention_at(w, t);
				if (mi >= 0 && el->kind == PEL_TARGET && w->m[mi].bare)
					mi = -1;    /* "---MIL" codes a subject only */
				if (mi >= 0) {
					found = t;
					fend = w->m[mi].end;
					if (el->kind == PEL_SOURCE)
						*src = mi;
					else if (el->kind == PEL_TARGET)
						*tgt = mi;
				}
			} else {
				found = t;
				fend = t;
			}
			if (found >= 0)
				break;
		}
		if (found < 0)
			return -1;
		pos = fend;
	}
	return pos;
}

static bool passive(const struct dyad_worker *w, const struct vocc *o);

/* Patterns p and q have the same elements. */
static bool same_pattern(const struct dyad_engine *e, const struct pattern *p,
			 const struct pattern *q)
{
	if (p->npre != q->npre || p->npost != q->npost)
		return false;
	const struct pel *a = e->pel.v + p->first_el, *b = e->pel.v + q->first_el;
	for (int i = 0; i < p->npre + p->npost; i++)
		if (a[i].kind != b[i].kind || a[i].flags != b[i].flags || a[i].v != b[i].v)
			return false;
	return true;
}

static const struct pattern *try_pattern(struct dyad_worker *w, const struct vocc *o,
					 uint32_t pi, int lo, int hi,
					 const struct pattern *best, int *src, int *tgt,
					 int *mend)
{
	const struct dyad_engine *e = w->e;
	if (w->pstamp[pi] == w->stamp)
		return best;
	w->pstamp[pi] = w->stamp;
	const struct pattern *p = &e->pat.v[pi];
	if (w->need_pre && !p->npre)
		return best;
	bool near = false, later = false;
	if (best) {
		/* more words, then more elements; a tie goes to the earlier
		 * pattern of the same block, else to the newer definition
		 * (visited first); with PETRARCH dictionaries a match that ends
		 * on a lower-case word wins a tie against one that ends on a
		 * capitalized one, part of a name ("staged a protest ... Free
		 * Tibet banners" is * PROTEST, not * FREE) */
		int sp = p->nwords * 256 + p->npre + p->npost;
		int sb = best->nwords * 256 + best->npre + best->npost;
		near = sp == sb && !e->stemlens && !w->all_caps && *mend > 0 && *mend <= w->ntok;
		/* PETRARCH-2 keeps the last of the same pattern written twice
		 * in a block ("* &TREATY [031:031]" ... "* &TREATY [057]") */
		later = sp == sb && !e->stemlens && p->block == best->block &&
			same_pattern(e, p, best);
		if (sp < sb || (sp == sb && !near &&
				(later ? p < best : (p->block != best->block || p > best))))
			return best;
	}
	int s = -1, t = -1;
	const struct pel *els = e->pel.v + p->first_el;
	if (p->npre && match_els(w, els, p->npre, lo, o->start, &s, &t) < 0 &&
	    (w->by_hi <= 0 || match_els(w, els, p->npre, w->by_lo, w->by_hi, &s, &t) < 0))
		return best;
	int end = w->post_hi > 0 ?
		  match_els(w, els + p->npre, p->npost, w->post_lo, w->post_hi, &s, &t) :
		  match_els(w, els + p->npre, p->npost, o->end, hi, &s, &t);
	if (end < 0)
		return best;
	if (near) {
		bool cp = end < 1 || (w->tok[end - 1].flags & TOKF_CAP);
		bool cb = w->tok[*mend - 1].flags & TOKF_CAP;
		/* a passive verb's own phrases after it ("was fired at it")
		 * before the words of its subject ("a mortar bomb was fired") */
		bool pp = p->npost > 0, pb = best->npost > 0;
		if (cp != cb ? cp : pp != pb && passive(w, o) ? pb :
		    later ? p < best : (p->block != best->block || p > best))
			return best;
	}
	*src = s;
	*tgt = t;
	*mend = end;
	return p;
}

/* The best pattern for a verb: the most specific (words, then elements)
 * of its block and of the blocks of earlier definitions of the same verb
 * (newest first, so a later file wins a tie). Only patterns whose first
 * word occurs in the clause are tried. NULL when none matches. */
static const struct pattern *best_pattern(struct dyad_worker *w,
					  const struct vocc *o, int lo, int hi,
					  int *src, int *tgt, int *mend)
{
	const struct dyad_engine *e = w->e;
	const struct pattern *best = NULL;
	if (++w->stamp == 0) {
		memset(w->pstamp, 0, sizeof *w->pstamp * e->pat.n);
		w->stamp = 1;
	}
	for (const struct verb_form *f = o->f; f;
	     f = f->prev ? &e->vform.v[f->prev - 1] : NULL) {
		uint32_t b = f->block;
		const struct verb_block *vb = &e->block.v[b];
		for (uint32_t i = 0; i < vb->nalways; i++)
			best = try_pattern(w, o, e->plist.v[vb->first_always + i], lo, hi,
					   best, src, tgt, mend);
		for (int t = lo; t < hi; t++) {
			if (t >= o->start && t < o->end)
				continue;
			int nc;
			const uint32_t *c = cands(w, t, &nc);
			for (int k = 0; k < nc; k++) {
				uint32_t np;
				const uint32_t *pl = pindex_get(e, b, c[k], &np);
				for (uint32_t j = 0; j < np; j++)
					best = try_pattern(w, o, pl[j], lo, hi, best, src, tgt, mend);
			}
		}
	}
	return best;
}

/* The verb's own code and paired code: its own, else its block's, else
 * those of an earlier definition of the same verb. */
const char *verb_code(const struct dyad_engine *e, const struct verb_form *f,
			     const char **code2)
{
	for (; f; f = f->prev ? &e->vform.v[f->prev - 1] : NULL) {
		if (f->has_code) {
			*code2 = f->code2;
			return f->code;
		}
		const struct verb_block *b = &e->block.v[f->block];
		if (b->code[0]) {
			*code2 = b->code2;
			return b->code;
		}
	}
	*code2 = "";
	return "";
}

/* ---- events ------------------------------------------------------------- */

static bool same_side(const char *a, const char *b)
{
	if (a[0] == '-' || b[0] == '-')
		return false;   /* "---": an unknown actor */
	if (!strcmp(a, b))
		return true;
	size_t la = strlen(a), lb = strlen(b);
	if (la == 3 && lb > 3 && !strncmp(a, b, 3) && !is_org_code(b))
		return true;
	if (lb == 3 && la > 3 && !strncmp(a, b, 3) && !is_org_code(a))
		return true;
	return false;
}

/* The duplicate key of an event: the sentence counts unless events are
 * deduplicated over the whole document. */
static uint64_t ev_hash(const struct dyad_worker *w, int sent, int date, const char *src,
			const char *tgt, const char *code)
{
	uint64_t h = hash_bytes(src, strlen(src));
	h = h * 31 + hash_bytes(tgt, strlen(tgt));
	h = h * 31 + hash_bytes(code, strlen(code));
	h = h * 31 + (uint64_t)(uint32_t)date;
	if (!w->opts.dedup_document)
		h = h * 31 + (uint64_t)(uint32_t)sent;
	return h ^ (h >> 29);
}

/* Grow the duplicate table to twice the live events (at least 64 slots),
 * keeping only the events below ev.n. */
static int ev_rehash(struct dyad_worker *w)
{
	uint32_t n = 64;
	while (n < (w->ev.n + 1) * 4)
		n *= 2;
	uint32_t *slots = arena_calloc(&w->arena, sizeof *slots * n);
	if (!slots)
		return DYAD_ENOMEM;
	w->evslot = slots;
	w->nevslot = n;
	w->evused = 0;
	for (uint32_t i = 0; i < w->ev.n; i++) {
		const dyad_event *x = &w->ev.v[i];
		uint64_t h = ev_hash(w, x->sentence, x->date, x->source, x->target, x->code);
		uint32_t k = (uint32_t)h & (n - 1);
		while (slots[k])
			k = (k + 1) & (n - 1);
		slots[k] = i + 1;
		w->evused++;
	}
	return 0;
}

int add_event(struct dyad_worker *w, int sent, int date, const struct mention *s,
		     const struct mention *t, const char *code, const struct vocc *o,
		     const struct pattern *p, struct span sspan, const char *note)
{
	const struct dyad_engine *e = w->e;
	if (!strcmp(code, "+++") || !strcmp(s->code, "+++") || !strcmp(t->code, "+++")) {
		w->sent_drop = true;    /* TABARI: a complex sentence is not coded */
		return 0;
	}
	if (!strcmp(code, "###") || !strcmp(s->code, "###") || !strcmp(t->code, "###")) {
		w->sent_drop = true;    /* a discard code: the sentence is dropped */
		return 0;
	}
	if (!code[0] || !strcmp(code, "---"))
		return 0;
	if (same_side(s->code, t->code))
		return 0;
	/* the same event twice in one document (or sentence) is reported once */
	uint64_t h = ev_hash(w, sent, date, s->code, t->code, code);
	for (uint32_t k = (uint32_t)h & (w->nevslot - 1); w->nevslot && w->evslot[k];
	     k = (k + 1) & (w->nevslot - 1)) {
		uint32_t i = w->evslot[k] - 1;
		if (i >= w->ev.n)
			continue;
		dyad_event *x = &w->ev.v[i];
		if ((w->opts.dedup_document || x->sentence == sent) &&
		    !strcmp(x->source, s->code) && !strcmp(x->target, t->code) &&
		    !strcmp(x->code, code) && x->date == date)
			return 0;
	}
	if (w->ev.n >= w->max_events)
		return DYAD_ETOOBIG;
	if ((w->evused + 1) * 2 > w->nevslot && ev_rehash(w))
		return DYAD_ENOMEM;
	dyad_event *ev = vec_push(&w->ev);
	if (!ev)
		return DYAD_ENOMEM;
	for (uint32_t k = (uint32_t)h & (w->nevslot - 1);; k = (k + 1) & (w->nevslot - 1))
		if (!w->evslot[k]) {
			w->evslot[k] = w->ev.n;   /* index + 1 */
			w->evused++;
			break;
		}
	ev->sentence = sent;
	ev->date = date;
	snprintf(ev->source, sizeof ev->source, "%s", s->code);
	snprintf(ev->target, sizeof ev->target, "%s", t->code);
	snprintf(ev->code, sizeof ev->code, "%s", code);
	snprintf(ev->root, sizeof ev->root, "%.2s", code);
	const struct cameo_info *ci = cameo_find(&e->cameo, code);
	if (ci) {
		ev->quad_class = ci->quad;
		ev->goldstein = ci->goldstein;
		snprintf(ev->plover, sizeof ev->plover, "%s", ci->plover);
	}
	ev->source_start = w->tok[s->start].start;
	ev->source_end = w->tok[s->end - 1].end;
	ev->target_start = w->tok[t->start].start;
	ev->target_end = w->tok[t->end - 1].end;
	ev->ev_start = sspan.start;
	ev->ev_end = sspan.end;
	ev->verb_start = w->tok[o->start].start;
	ev->verb_end = w->tok[o->end - 1].end;
	const char *file = estr(e, e->files.v[p ? p->src.file : o->f->src.file]);
	uint32_t line = p ? p->src.line : o->f->src.line;
	snprintf(ev->rule, sizeof ev->rule, "%s:%u", file, line);
	if (p)
		snprintf(ev->pattern, sizeof ev->pattern, "%s: %s",
			 estr(e, o->f->lemma), estr(e, p->text));
	else
		snprintf(ev->pattern, sizeof ev->pattern, "%s", estr(e, o->f->lemma));
	snprintf(ev->note, sizeof ev->note, "%s", note ? note : "");
	return 0;
}

/* The end of a verb's clause: the next coordinated or subordinate verb,
 * ';', "that/which/who", or the sentence end. */

/* Whether an embedded clause starts at token t: a mention (or a
 * pronoun) followed, past adverbs and auxiliaries, by a verb ("said
 * Beijing firmly opposes", "said President Biden would host"). */
/* Verb occurrence k is finite ("opposes", "killed", "met"), not a noun
 * ("the South Korean offer") or a participle in -ING. */
static bool finite_verb(const struct dyad_worker *w, int k)
{
	const struct token *tk = &w->tok[w->v[k].head];
	size_t n = tk->keylen;
	if (n > 2 && (tk->key[n - 1] == 'S' || !strcmp(tk->key + n - 2, "ED")))
		return true;
	const char *lemma = estr(w->e, w->v[k].f->lemma);
	return strncmp(lemma, tk->key, n) != 0 && n > 2 && strcmp(tk->key + n - 3, "ING");
}

static bool embedded_subject(const struct dyad_worker *w, int t, int after_verb)
{
	int u = -1, mi = mention_at(w, t);
	bool pron = tok_is(w, t, W_HE) || tok_is(w, t, W_SHE) || tok_is(w, t, W_IT) ||
		    tok_is(w, t, W_THEY);
	if (mi >= 0 && w->m[mi].start == t)
		u = w->m[mi].end;
	if (u < 0 && pron)
		u = t + 1;
	if (u < 0 && !w->e->stemlens && after_verb >= 0 && t == w->v[after_verb].end &&
	    is_report_word(w, w->v[after_verb].head) &&
	    (is_determiner(w, t) || !strcmp(w->tok[t].key, "SUCH"))) {
		/* PETRARCH-2: "said such a step enjoyed support": a noun
		 * phrase and a finite verb after a verb of speech are its
		 * complement clause */
		for (int k = t + 1; k < w->ntok && k <= t + 5; k++) {
			if (w->tok[k].kind != TOK_WORD || mention_at(w, k) >= 0)
				break;
			int vk = w->tverb[k];
			if (vk > after_verb && finite_verb(w, vk))
				return true;
		}
		return false;
	}
	if (u < 0)
		return false;
	if (pron && !w->e->stemlens && (is_aux(w, u) || is_modal(w, u)) && w->tverb[u] < 0)
		return true;    /* PETRARCH-2: "says it has evidence ..." */
	bool aux = false;
	while (u < w->ntok && (is_adverb(w, u) || is_modal(w, u) || tok_is(w, u, W_NOT))) {
		aux |= is_modal(w, u);
		u++;
	}
	int k = u < w->ntok ? w->tverb[u] : -1;
	if (k > after_verb) {
		if (aux)
			return true;
		/* without an auxiliary the verb must be finite */
		return finite_verb(w, k);
	}
	return false;
}

static int clause_end_(const struct dyad_worker *w, int vi);

static int clause_end(const struct dyad_worker *w, int vi)
{
	if (w->cend[vi] < 0)
		w->cend[vi] = clause_end_(w, vi);
	return w->cend[vi];
}

static int clause_end_(const struct dyad_worker *w, int vi)
{
	int from = w->v[vi].end;
	for (int t = from; t < w->ntok; t++) {
		if (t > from && !tok_is(w, t - 1, W_TO) && embedded_subject(w, t, vi))
			return t;
		if (t == from && embedded_subject(w, t, vi))
			return t;
		if (tok_is(w, t, W_SEMI) || tok_is(w, t, W_THAT) || tok_is(w, t, W_WHICH) ||
		    tok_is(w, t, W_WHO))
			return t;
		if (t > from && is_subordinator(w, t)) {
			for (int u = t + 1; u < w->ntok && u <= t + 6; u++)
				if (w->tverb[u] > vi)
					return t;
		}
		if (tok_is(w, t, W_COMMA)) {
			/* ", the official news agency said": attribution */
			for (int u = t + 1; u < w->ntok && u <= t + 9 && !tok_is(w, u, W_COMMA); u++)
				if (w->tverb[u] > vi && is_report_word(w, u))
					return t;
		}
		if (tok_is(w, t, W_AND) || tok_is(w, t, W_BUT) || tok_is(w, t, W_COMMA)) {
			int u = t + 1;
			while (is_adverb(w, u))
				u++;
			if (u < w->ntok && w->tverb[u] > vi)
				return t;
		}
	}
	return w->ntok;
}

/* Where the clause of verb vi starts, and whether it shares the subject
 * of an earlier verb (coordination, participle after a comma). */
/* "The Observatory, a group that tracks the war, said ...": a "that"
 * after a noun, followed by a finite verb and closed by a comma before
 * token end, opens a relative clause inside the subject, not the clause
 * of the verb at end (PETRARCH dictionaries). */
static bool relative_that(const struct dyad_worker *w, int t, int end)
{
	if (w->e->stemlens || t < 1 || t + 1 >= end || w->tok[t - 1].kind != TOK_WORD ||
	    w->tverb[t - 1] >= 0 || is_report_word(w, t - 1) || mention_at(w, t + 1) >= 0)
		return false;
	const struct token *n = &w->tok[t + 1];
	if (n->kind != TOK_WORD || (n->flags & TOKF_CAP) || n->keylen < 4 ||
	    (n->key[n->keylen - 1] != 'S' && strcmp(n->key + n->keylen - 2, "ED")))
		return false;
	for (int c = t + 2; c < end; c++)
		if (tok_is(w, c, W_COMMA))
			return true;
	return false;
}

static int clause_start(const struct dyad_worker *w, int vi, int *inherit)
{
	const struct vocc *o = &w->v[vi];
	*inherit = -1;
	int u = o->start - 1;
	while (is_adverb(w, u))
		u--;
	if (u >= 0 && (tok_is(w, u, W_AND) || tok_is(w, u, W_BUT) || tok_is(w, u, W_COMMA))) {
		for (int k = vi - 1; k >= 0; k--)
			if (!w->v[k].skip || w->v[k].why == NULL) {
				*inherit = k;
				break;
			}
	}
	int lo = 0;
	for (int t = o->start - 1; t >= 0; t--) {
		if (tok_is(w, t, W_THAT) && relative_that(w, t, o->start))
			continue;
		if (tok_is(w, t, W_SEMI) || tok_is(w, t, W_THAT) || tok_is(w, t, W_COLON)) {
			lo = t + 1;
			break;
		}
	}
	/* "X said Y would host Z": the clause of "host" starts at Y */
	for (int k = vi - 1; k >= 0; k--) {
		const struct vocc *ok = &w->v[k];
		size_t kl = w->tok[ok->head].keylen;
		if ((ok->skip && ok->why && !strcmp(ok->why, "reduced relative")) ||
		    (is_prep(w, ok->start - 1) && kl > 3 &&
		     !strcmp(w->tok[ok->head].key + kl - 3, "ING")))
			continue;   /* a modifier: "civilians imprisoned for acting
				     * against Moscow were released" */
		int e = clause_end(w, k);
		if (e > lo && e < o->start && embedded_subject(w, e, k)) {
			lo = e;
			*inherit = -1;
			break;
		}
	}
	return lo;
}

/* Pick the subject among mentions in [lo, hi). */
static int subject(const struct dyad_worker *w, int lo, int hi)
{
	int first = -1, firstpp = -1;
	/* ", the official news agency WFNA said": a new noun phrase after
	 * the last comma is the subject, not an actor before the comma */
	int last_end = lo;
	for (int i = 0; i < w->nm; i++)
		if (w->m[i].start >= lo && w->m[i].end <= hi && w->m[i].end > last_end)
			last_end = w->m[i].end;
	for (int c = hi - 1; c >= lo; c--) {
		if (!tok_is(w, c, W_COMMA))
			continue;
		if (c + 1 < hi && (tok_is(w, c + 1, W_THE) || tok_is(w, c + 1, W_A) ||
				   tok_is(w, c + 1, W_AN) || mention_at(w, c + 1) >= 0)) {
			/* the subject is whatever that phrase names */
			for (int i = 0; i < w->nm; i++)
				if (w->m[i].start > c && w->m[i].end <= hi &&
				    (w->m[i].code[0] == '-' || last_end == lo))
					return i;
			if (c >= last_end)
				return -1;
		}
		break;
	}
	for (int i = 0; i < w->nm; i++) {
		const struct mention *m = &w->m[i];
		if (m->start < lo || m->end > hi || m->in_paren)
			continue;
		if (m->poss && m->end + 1 < hi)
			continue;   /* "Azerbaijan's minister" handled by composition */
		bool pp = is_prep(w, m->start - 1) ||
			  (tok_is(w, m->start - 1, W_THE) && is_prep(w, m->start - 2));
		if (pp) {
			if (firstpp < 0)
				firstpp = i;
			continue;
		}
		if (first < 0) {
			first = i;
			continue;
		}
		/* apposition: "the minister of X, NAME," -> the more specific */
		const struct mention *f = &w->m[first];
		if (tok_is(w, m->start - 1, W_COMMA) && m->group != f->group &&
		    strlen(m->code) > strlen(f->code) && !strncmp(m->code, f->code, 3))
			first = i;
	}
	if (first < 0 && firstpp >= 0) {
		/* "the of Foreign Affairs of X, NAME, met": apposition of a PP */
		for (int i = firstpp + 1; i < w->nm; i++) {
			const struct mention *m = &w->m[i];
			if (m->start >= lo && m->end <= hi && !m->in_paren &&
			    tok_is(w, m->start - 1, W_COMMA))
				return i;
		}
		return firstpp;
	}
	return first;
}

/* A stand-in actor at slot k (past the real mentions) for verb o. */
int pseudo_mention(struct dyad_worker *w, int k, const struct vocc *o, const char *code)
{
	struct mention *m = &w->m[k];
	memset(m, 0, sizeof *m);
	m->start = m->head_start = o->start;
	m->end = m->head_end = o->end;
	snprintf(m->code, sizeof m->code, "%s", code);
	m->group = -1 - k;
	m->role = -1;
	return k;
}

static bool negated(const struct dyad_worker *w, const struct vocc *o)
{
	for (int t = o->start - 1; t >= 0 && t >= o->start - 4; t--) {
		if (is_negation(w, t))
			return true;
		if (w->tok[t].kind == TOK_PUNCT || mention_at(w, t) >= 0)
			break;
	}
	return false;
}

/* A past-participle form: "attacked", "taken", "met" (not the lemma). */
static bool participle(const struct dyad_worker *w, const struct vocc *o)
{
	const char *k = w->tok[o->head].key;
	size_t n = w->tok[o->head].keylen;
	if (n > 2 && (!strcmp(k + n - 2, "ED") || !strcmp(k + n - 2, "EN")))
		return true;
	if (n > 3 && !strcmp(k + n - 3, "ING"))
		return false;
	const char *lemma = estr(w->e, o->f->lemma);
	for (int i = 0; i < o->f->head && *lemma; i++) {
		const char *sp = strchr(lemma, ' ');
		lemma = sp ? sp + 1 : lemma + strlen(lemma);
	}
	size_t ln = strcspn(lemma, " ");
	if (ln == n && !memcmp(lemma, k, n))
		return false;
	return !(n > 1 && k[n - 1] == 'S');
}

/* Token k ends the noun phrase around a participle: punctuation or a
 * relative pronoun. */
static bool ends_phrase(const struct dyad_worker *w, int k)
{
	return w->tok[k].kind == TOK_PUNCT || tok_is(w, k, W_THAT) || tok_is(w, k, W_WHO) ||
	       tok_is(w, k, W_WHICH);
}

static bool passive(const struct dyad_worker *w, const struct vocc *o)
{
	int t = o->start - 1;
	while (is_adverb(w, t))
		t--;
	if (!participle(w, o))
		return false;
	if (is_aux(w, t))
		return true;
	/* "There were 10 Russian soldiers killed in Ukraine": the noun
	 * phrase of an existential "there is" is the participle's object,
	 * when no object follows ("there is evidence Israel attacked Gaza") */
	if (o->end < w->ntok && !is_prep(w, o->end) && w->tok[o->end].kind != TOK_PUNCT)
		return false;
	for (int k = o->start - 1; k > 0 && k >= o->start - 8; k--) {
		if (ends_phrase(w, k))
			return false;
		if (is_aux(w, k))
			return !strcmp(w->tok[k - 1].key, "THERE");
	}
	return false;
}

/* "territories liberated from occupation", "initiatives proposed by X":
 * a participle right after a common noun and before a preposition
 * modifies the noun; it is not the predicate of the clause. */
static bool reduced_relative(const struct dyad_worker *w, const struct vocc *o)
{
	static const char *const not_noun[] = { "AND", "BUT", "OR", "WHO", "THAT",
		"WHICH", "HE", "SHE", "THEY", "IT", "WE", "I", "YOU", "ALSO", "HAS",
		"HAVE", "HAD", "NOT", "NEVER" };
	int p = o->start - 1;
	if (p < 0 || w->tok[p].kind != TOK_WORD || is_aux(w, p) || is_adverb(w, p) ||
	    !is_prep(w, o->end))
		return false;
	int mp = mention_at(w, p);
	if (mp >= 0 || (w->tok[p].flags & TOKF_CAP)) {
		/* "The civilians imprisoned for acting against Moscow were
		 * released": after a common noun of an agent, when the clause
		 * goes on to its own auxiliary and participle */
		if (mp < 0 || !w->m[mp].bare || !participle(w, o) || is_report_word(w, o->head))
			return false;   /* "officials said in a statement ..." */
		for (int k = o->end; k + 1 < w->ntok; k++) {
			if (ends_phrase(w, k))
				return false;
			if (is_aux(w, k))
				return w->tverb[k + 1] >= 0 && participle(w, &w->v[w->tverb[k + 1]]);
		}
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(not_noun); i++)
		if (!strcmp(w->tok[p].key, not_noun[i]))
			return false;
	return participle(w, o);
}

/* ---- PETRARCH-2 verb combinations -------------------------------------- */

/* What a verb coded: its code, pattern, subject and object (mention
 * indices, -1 none) and its events w->ev[ev0, ev1). code NULL: the verb
 * was not coded. */
struct vrec {
	const char *code;
	const struct pattern *p;
	int s, t;
	uint32_t ev0, ev1;
};

/* PETRARCH-2 negates a code by "reject": refusing cooperation (06) is
 * 121, refusing to yield (08) is 124, with their sub-codes; other negated
 * verbs code nothing. */
static const char *negated_code(const char *c)
{
	static const char *const map[][2] = {
		{ "061", "1211" }, { "062", "1212" }, { "06", "121" },
		{ "081", "1241" }, { "082", "1242" }, { "0841", "1242" }, { "0842", "1242" },
		{ "085", "1244" }, { "086", "1245" }, { "087", "1246" }, { "080", "124" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (!strncmp(c, map[i][0], strlen(map[i][0])))
			return map[i][1];
	return NULL;
}

/* A code of a transformation's verb matches code c: equal, or a root code
 * ("190") stands for its root ("195"). */
static bool xcode_match(const char *x, const char *c)
{
	if (!strcmp(x, c))
		return true;
	return strlen(x) == 3 && x[2] == '0' && !strncmp(x, c, 2);
}

/* Mentions a and b name the same actor (a pronoun resolved to a member of
 * a compound names the compound). */
static bool same_actor(const struct dyad_worker *w, int a, int b)
{
	if (a < 0 || b < 0)
		return false;
	if (a == b || w->m[a].group == w->m[b].group || !strcmp(w->m[a].code, w->m[b].code))
		return true;
	for (int i = 0; i < w->nm; i++)
		if (w->m[i].group == w->m[a].group && !strcmp(w->m[i].code, w->m[b].code))
			return true;
	return false;
}

/* Bind variable v of a transformation to mention m (-1 none) with the
 * upper source a; vars['b'] holds the binding. */
static bool xbind(const struct dyad_worker *w, char v, int m, int a, int *b, bool own)
{
	switch (v) {
	case '.':
		return true;
	case '_':
		return !own;
	case 'a':
		return own && same_actor(w, m, a);
	default:
		if (m < 0 || !own || same_actor(w, m, a) || (*b >= 0 && !same_actor(w, m, *b)))
			return false;
		*b = m;
		return true;
	}
}

/* The dictionary's transformations (the end of CAMEO.2.0.txt): an event
 * reported by a verb of speech or will ("The US claimed that ISIL had
 * attacked Iraq") becomes one event of the reporter ("~ a (b . ATTACK)
 * CLAIM = a b 112": the US accuses ISIL, 112) and the reporting verb's
 * own event and the reported one are dropped. The reported verb is one
 * whose clause follows the reporting verb's clause after "that" or an
 * embedded subject ("said he would"). Transformations are tried in file
 * order, those with a named lower verb before "Q" (any). */
static int transform(struct dyad_worker *w, struct vrec *rec, uint32_t ev0, int sent,
		     int date, struct span sspan)
{
	const struct dyad_engine *e = w->e;
	int coded = 0;
	for (int j = 0; j < w->nv && coded < 2; j++)
		coded += rec[j].code != NULL;
	if (coded < 2)
		return 0;   /* nothing reported by another verb */
	uint32_t nev = w->ev.n - ev0;
	bool *drop = arena_calloc(&w->arena, (size_t)nev + 1);
	struct add { int j, s, t; const struct xform *x; } *add =
		arena_alloc(&w->arena, sizeof *add * (size_t)(w->nv + 1));
	int nadd = 0;
	if (!drop || !add)
		return DYAD_ENOMEM;
	for (int j = 1; j < w->nv; j++) {
		if (!rec[j].code || !rec[j].code[0] || !strcmp(rec[j].code, "---"))
			continue;
		int i = -1;
		for (int k = j - 1; k >= 0 && i < 0; k--) {
			if (!rec[k].code || rec[k].s < 0 || rec[k].s >= w->nm)
				continue;
			int ce = clause_end(w, k);
			if (ce >= w->v[j].start || (!tok_is(w, ce, W_THAT) && !embedded_subject(w, ce, k)))
				continue;
			bool semi = false;
			for (int u = ce; u < w->v[j].start; u++)
				semi |= tok_is(w, u, W_SEMI);
			if (!semi)
				i = k;
		}
		if (i < 0)
			continue;
		int a = rec[i].s;
		int sj = rec[j].s < w->nm ? rec[j].s : -1, tj = rec[j].t < w->nm ? rec[j].t : -1;
		bool own = sj >= 0 && w->m[sj].start > w->v[i].start;
		const struct xform *hit = NULL;
		int b = -1;
		for (int pass = 0; pass < 2 && !hit; pass++)
			for (uint32_t k = 0; k < e->xform.n && !hit; k++) {
				const struct xform *x = &e->xform.v[k];
				if ((pass == 0) != (x->lower[0] != 0))
					continue;
				if (!xcode_match(x->upper, rec[i].code) ||
				    (x->lower[0] && !xcode_match(x->lower, rec[j].code)))
					continue;
				b = -1;
				if (xbind(w, x->ls, sj, a, &b, own) &&
				    xbind(w, x->lt, tj, a, &b, tj >= 0))
					hit = x;
			}
		if (!hit)
			continue;
		int rs = hit->rs == 'a' ? a : b, rt = hit->rt == 'a' ? a : b;
		if (rs < 0 || rt < 0)
			continue;
		for (uint32_t k = rec[i].ev0; k < rec[i].ev1; k++)
			drop[k - ev0] = true;
		if (!hit->code[0] && same_actor(w, rs, sj) && rt == tj)
			continue;   /* "X said X would Q b" is X's own event: kept */
		for (uint32_t k = rec[j].ev0; k < rec[j].ev1; k++)
			drop[k - ev0] = true;
		add[nadd++] = (struct add){ j, rs, rt, hit };
	}
	uint32_t n = ev0;
	for (uint32_t k = ev0; k < w->ev.n; k++)
		if (!drop[k - ev0])
			w->ev.v[n++] = w->ev.v[k];
	if (n != w->ev.n) {
		/* the kept events moved: the duplicate table must find them at
		 * their new places, or a transformation's event that repeats
		 * one of them is added twice */
		w->ev.n = n;
		int rc = ev_rehash(w);
		if (rc)
			return rc;
	}
	for (int q = 0; q < nadd; q++) {
		const struct add *x = &add[q];
		const char *code = x->x->code[0] ? x->x->code : rec[x->j].code;
		for (int sa = 0; sa < w->nm; sa++) {
			if (w->m[sa].group != w->m[x->s].group)
				continue;
			for (int ta = 0; ta < w->nm; ta++) {
				if (w->m[ta].group != w->m[x->t].group)
					continue;
				uint32_t before = w->ev.n;
				int rc = add_event(w, sent, date, &w->m[sa], &w->m[ta], code,
						   &w->v[x->j], rec[x->j].p, sspan, "transformation");
				if (rc)
					return rc;
				if (w->ev.n > before)
					snprintf(w->ev.v[before].rule, sizeof w->ev.v[before].rule, "%s:%u",
						 estr(e, e->files.v[x->x->src.file]), x->x->src.line);
			}
		}
	}
	return 0;
}

/* The infinitive complement of verb i ("wants to help", "is asking Obama
 * to help"): the next verb, right after "to", with at most one mention
 * (its own subject, *obj) between; -1 none. *to is the "to". */
static int infinitive_of(const struct dyad_worker *w, int i, int *obj, int *to)
{
	*obj = -1;
	int k = i + 1;
	if (k >= w->nv || w->v[k].skip)
		return -1;
	int u = w->v[k].start - 1;
	while (u > w->v[i].end && is_adverb(w, u))
		u--;
	if (u < w->v[i].end || !tok_is(w, u, W_TO))
		return -1;
	*to = u;
	int a = w->v[i].end;
	if (a == u)
		return k;
	int mi = mention_at(w, a + tok_is(w, a, W_THE));
	if (mi < 0 || w->m[mi].end != u || w->m[mi].bare)
		return -1;
	*obj = mi;
	return k;
}

/* The code of "U to L" ("wants to help": 030 + 070), PETRARCH-2's
 * combination of an upper and a lower verb read in CAMEO's own terms:
 * an appeal, intent or demand (02, 03, 10) to cooperate (06), cooperate
 * diplomatically (05), give aid (07), yield (08), meet (04) or mediate
 * (045) is its x1, x2, x3, x5, x6, x8/039 code (030 + 070 = 033, 020 +
 * 071 = 0231, 100 + 085 = 1054, 030 + 045 = 039); agreeing (05) to meet
 * is an intent to meet (036, CAMEO's "agree to meet"); an intent
 * or threat to fight is a threat of force (138); a lower verb of speech,
 * appeal, intent, consultation, investigation, demand, criticism, threat,
 * protest, posture or coercion is coded for itself (030 + 090 = 090); a
 * material upper verb gives way to a lower one that ranks above it in
 * PETRARCH-2's order (07 06 05 18 19 20 16 08: 050 + 085 = 085). NULL:
 * no combination. */
static const char *combine_codes(const char *U, const char *L, char out[6])
{
	static const char high[][3] = { "01", "02", "03", "04", "09", "10", "11", "13",
		"14", "15", "17" };
	static const char low[][3] = { "07", "06", "05", "18", "19", "20", "16", "08" };
	int hu = -1, hl = -1, ru = -1, rl = -1;
	for (int k = 0; k < (int)ARRAY_SIZE(high); k++) {
		if (!strncmp(U, high[k], 2))
			hu = k;
		if (!strncmp(L, high[k], 2))
			hl = k;
	}
	for (int k = 0; k < (int)ARRAY_SIZE(low); k++) {
		if (!strncmp(U, low[k], 2))
			ru = k;
		if (!strncmp(L, low[k], 2))
			rl = k;
	}
	if (strlen(U) < 3 || strlen(L) < 3 || (hu < 0 && ru < 0) || (hl < 0 && rl < 0))
		return NULL;
	bool frame = !strncmp(U, "02", 2) || !strncmp(U, "03", 2) || !strncmp(U, "10", 2);
	if (!strncmp(U, "05", 2) && !strncmp(L, "04", 2))
		return !strncmp(L, "045", 3) ? "039" : "036";   /* agreed to meet */
	if (hl >= 0 && !(frame && !strncmp(L, "04", 2)))
		return L;
	if (ru >= 0)
		return rl >= ru ? L : NULL;
	if (frame) {
		static const char *const yield[][2] = { { "081", "51" }, { "082", "52" },
			{ "0841", "53" }, { "0842", "53" }, { "085", "54" }, { "086", "55" },
			{ "087", "56" }, { "08", "5" } };
		char sub[4] = "";
		if (!strncmp(L, "06", 2) || !strncmp(L, "07", 2)) {
			sub[0] = L[1] == '6' ? '1' : '3';
			if (L[2] >= '1' && L[2] <= '4' && !L[3])
				sub[1] = L[2];
		} else if (!strncmp(L, "05", 2)) {
			sub[0] = '2';
		} else if (!strncmp(L, "045", 3)) {
			sub[0] = U[1] == '3' ? '9' : '8';   /* 039, 028, 108: mediate */
		} else if (!strncmp(L, "04", 2)) {
			sub[0] = '6';                       /* 036, 026, 106: meet */
		} else if (!strncmp(L, "08", 2)) {
			for (size_t k = 0; k < ARRAY_SIZE(yield) && !sub[0]; k++)
				if (!strncmp(L, yield[k][0], strlen(yield[k][0])))
					snprintf(sub, sizeof sub, "%s", yield[k][1]);
		}
		if (sub[0]) {
			snprintf(out, 6, "%.2s%s", U, sub);
			return out;
		}
	}
	if ((!strncmp(U, "03", 2) || !strncmp(U, "13", 2)) && !strncmp(L, "19", 2))
		return "138";
	if (!strncmp(U, "11", 2) && !strncmp(L, "19", 2))
		return "112";
	return NULL;
}

/* Events of the members of mention groups s x t with code (not on one
 * side); the rule is x's line when x is given. */
static int add_group_events(struct dyad_worker *w, int s, int t, const char *code,
			    const struct vocc *o, const struct pattern *p, const struct xform *x,
			    int sent, int date, struct span sspan, const char *note)
{
	const struct dyad_engine *e = w->e;
	for (int a = 0; a < w->nm; a++) {
		if (w->m[a].group != w->m[s].group)
			continue;
		for (int b = 0; b < w->nm; b++) {
			if (w->m[b].group != w->m[t].group)
				continue;
			uint32_t before = w->ev.n;
			int rc = add_event(w, sent, date, &w->m[a], &w->m[b], code, o, p, sspan, note);
			if (rc)
				return rc;
			if (x && w->ev.n > before)
				snprintf(w->ev.v[before].rule, sizeof w->ev.v[before].rule, "%s:%u",
					 estr(e, e->files.v[x->src.file]), x->src.line);
		}
	}
	return 0;
}

/* "X wants to help Y", "X is asking Y to help Z", "X wants Y to attack Z":
 * verb i (code U, subject s) with the infinitive j (own subject obj or
 * -1) codes one event: a transformation of the dictionary, else
 * combine_codes(U, L) from s to obj (or to j's object). Returns false
 * (nothing coded) when neither applies; the caller codes i as usual.
 * On true, *rc is add_event()'s result and the verbs of j's clause are
 * consumed. */
static bool combine_infinitive(struct dyad_worker *w, int i, int j, int obj, int s,
			       const char *U, int sent, int date, struct span sspan, int *rc)
{
	const struct dyad_engine *e = w->e;
	const struct vocc *oj = &w->v[j];
	int hi = clause_end(w, j), s2 = -1, t2 = -1, mend = oj->end;
	const struct pattern *p = best_pattern(w, oj, oj->start, hi, &s2, &t2, &mend);
	const char *code2;
	const char *L = p ? p->code : verb_code(e, oj->f, &code2);
	if (!L[0] || !strcmp(L, "---") || !U[0] || !strcmp(U, "---"))
		return false;
	int who = obj >= 0 ? obj : s, tgt = t2 >= 0 && !w->m[t2].bare ? t2 : -1, place = -1;
	for (int k = 0; k < w->nm && tgt < 0; k++) {
		const struct mention *m = &w->m[k];
		if (m->start < oj->end || m->start >= hi || m->in_paren || m->bare ||
		    same_side(w->m[who].code, m->code))
			continue;
		int before = m->start - 1 - (tok_is(w, m->start - 1, W_THE) ? 1 : 0);
		if (before >= 0 && (!strcmp(w->tok[before].key, "IN") ||
				    !strcmp(w->tok[before].key, "AT"))) {
			if (place < 0)
				place = k;
			continue;
		}
		tgt = k;
	}
	if (tgt < 0)
		tgt = place;
	const struct xform *hit = NULL;
	int b = -1;
	for (int pass = 0; pass < 2 && !hit; pass++)
		for (uint32_t k = 0; k < e->xform.n && !hit; k++) {
			const struct xform *x = &e->xform.v[k];
			if ((pass == 0) != (x->lower[0] != 0) || !xcode_match(x->upper, U) ||
			    (x->lower[0] && !xcode_match(x->lower, L)))
				continue;
			b = -1;
			if (xbind(w, x->ls, obj, s, &b, obj >= 0) && xbind(w, x->lt, tgt, s, &b, tgt >= 0))
				hit = x;
		}
	char buf[6];
	const char *code = NULL;
	int rs = s, rt = obj >= 0 ? obj : tgt;
	if (hit) {
		rs = hit->rs == 'a' ? s : b;
		rt = hit->rt == 'a' ? s : b;
		code = hit->code[0] ? hit->code : L;
	} else {
		code = combine_codes(U, L, buf);
	}
	if (!code || rs < 0)
		return false;
	if (rt < 0) {
		/* "Brazil and the United States are seeking to deepen a
		 * partnership": a compound subject acts on each other */
		int n = 0;
		for (int k = 0; k < w->nm; k++)
			n += w->m[k].group == w->m[rs].group;
		bool mutual = !strncmp(code, "03", 2) || !strncmp(code, "04", 2) ||
			      !strncmp(code, "05", 2) || !strncmp(code, "06", 2);
		if (n < 2 || !mutual)
			return false;
		for (int a = 0; a < w->nm && !*rc; a++)
			for (int k = 0; k < w->nm && !*rc; k++)
				if (a != k && w->m[a].group == w->m[rs].group &&
				    w->m[k].group == w->m[rs].group)
					*rc = add_event(w, sent, date, &w->m[a], &w->m[k], code, oj, p,
							sspan, "compound subject");
	} else {
		*rc = add_group_events(w, rs, rt, code, oj, p, hit, sent, date, sspan,
				       "infinitive");
	}
	TRACE("  infinitive %d+%d: %s + %s = %s\n", i, j, U, L, code);
	int end = hi > mend ? hi : mend;
	for (int k = i + 1; k < w->nv && w->v[k].start < end; k++) {
		w->v[k].skip = true;
		w->v[k].why = "inside pattern";
	}
	return true;
}

static int code_sentence(struct dyad_worker *w, int sent, int date, struct span sspan)
{
	const struct dyad_engine *e = w->e;
	int srcs[64], tgts[64];
	int *subj = arena_alloc(&w->arena, sizeof(int) * (size_t)(w->nv + 1));
	struct vrec *rec = arena_alloc(&w->arena, sizeof *rec * (size_t)(w->nv + 1));
	uint32_t sent_ev0 = w->ev.n;
	if (!subj || !rec)
		return DYAD_ENOMEM;
	for (int vi = 0; vi < w->nv; vi++) {
		struct vocc *o = &w->v[vi];
		subj[vi] = -1;
		rec[vi].code = NULL;
		bool neg = !o->skip && negated(w, o), negc = false;
		if ((o->skip && o->why && strcmp(o->why, "inside pattern")) || neg) {
			/* a noun reading or a negation still codes when a pattern
			 * names the words before the verb ("HAS NOT *", "HAVE
			 * POSTPONED *" before "their meeting") */
			int s0 = -1, t0 = -1, m0 = o->end, inh;
			w->need_pre = true;
			const struct pattern *pp = best_pattern(w, o, clause_start(w, vi, &inh),
								clause_end(w, vi), &s0, &t0, &m0);
			w->need_pre = false;
			if (pp) {
				o->skip = false;
			} else if (neg && !e->stemlens) {
				negc = true;    /* PETRARCH-2: a negated code, below */
			} else {
				if (neg) {
					o->skip = true;
					o->why = "negated";
				}
				continue;
			}
		}
		if (o->skip)
			continue;
		if (reduced_relative(w, o)) {
			o->skip = true;
			o->why = "reduced relative";
			continue;
		}
		/* ("to VERB" after a verb that coded an event is consumed with
		 * the rest of that verb's clause, below) */
		int inherit;
		int lo = clause_start(w, vi, &inherit);
		int hi = clause_end(w, vi);
		bool pass = passive(w, o);
		int s = -1, t = -1, mend = o->end;
		/* PETRARCH-2 matches a verb's patterns on its own objects, not
		 * inside its infinitive ("wants to help" is no WANT * HELP) */
		int iobj = -1, ito = -1, inf = e->stemlens ? -1 : infinitive_of(w, vi, &iobj, &ito);
		if (pass && !e->stemlens) {
			/* PETRARCH-2 reads a passive's "by" phrase as its
			 * subject: "was demolished by a protestor" is PROTESTOR * */
			for (int k = o->end; k + 1 < hi && !w->by_hi; k++)
				if (tok_is(w, k, W_BY) || !strcmp(w->tok[k].key, "FROM")) {
					w->by_lo = k + 1;
					w->by_hi = hi;
				}
		}
		const struct pattern *p = best_pattern(w, o, lo, hi, &s, &t, &mend);
		w->by_lo = w->by_hi = 0;
		if (s < 0) {
			if (inherit >= 0 && subj[inherit] >= 0)
				s = subj[inherit];
			else
				s = subject(w, lo, o->start);
		}
		/* the subject right before the verb and its auxiliaries */
		int pre = o->start - 1;
		while (is_aux(w, pre) || is_adverb(w, pre) || is_modal(w, pre) || is_negation(w, pre))
			pre--;
		bool own_s = s >= 0 && s < w->nm && w->m[s].end == pre + 1;
		if (pass && !e->stemlens && (!p || !p->nwords) && pre + 1 > lo) {
			/* PETRARCH-2 matches a passive's pattern on its subject:
			 * "evidence against Russia was presented" is PRESENT *
			 * EVIDENCE */
			int s3 = -1, t3 = -1, m3 = o->end;
			w->post_lo = lo;
			w->post_hi = pre + 1;
			const struct pattern *p3 = best_pattern(w, o, lo, hi, &s3, &t3, &m3);
			w->post_lo = w->post_hi = 0;
			const struct pel *f3 = p3 && p3->npost ? e->pel.v + p3->first_el + p3->npre : NULL;
			if (f3 && p3->nwords && (f3->kind == PEL_SYN ||
			    (f3->kind == PEL_WORD && !(e->wclass[f3->v] & WC_PREP))))
				p = p3;     /* a noun of the object, not "* (TO)" */
		}
		subj[vi] = s;
		if (inf >= 0 && s >= 0 && s < w->nm && !negc && !passive(w, o)) {
			/* PETRARCH-2 matches a verb's patterns on its own objects,
			 * not inside its infinitive ("wants to help" is no WANT *
			 * HELP): the two verbs combine; a pattern that reaches into
			 * the infinitive ("declined to comment") applies only when
			 * they do not */
			int s1 = -1, t1 = -1, m1 = o->end, rc = 0;
			const char *c2;
			const struct pattern *pl = best_pattern(w, o, lo, ito, &s1, &t1, &m1);
			const char *U = pl ? pl->code : verb_code(e, o->f, &c2);
			if (!(pl && pl->nwords) &&
			    combine_infinitive(w, vi, inf, iobj, s, U, sent, date, sspan, &rc)) {
				if (rc)
					return rc;
				continue;
			}
		}
		const char *code2 = "";
		const char *code = p ? p->code : verb_code(e, o->f, &code2);
		if (p)
			code2 = p->code2;
		if (negc) {
			code = negated_code(code);
			code2 = "";
			if (!code) {
				o->skip = true;
				o->why = "negated";
				continue;
			}
		}
		bool loc_target = false;
		int pat_at = -1;    /* passive: a mention after "at"/"against" */
		/* objects: the first mention after the verb in its clause; a
		 * place after "in"/"at" only when there is no other */
		if (t < 0) {
			int place_i = -1, pp_i = -1, next_v = vi + 1 < w->nv ? w->v[vi + 1].start : hi;
			for (int i = 0; i < w->nm; i++) {
				const struct mention *m = &w->m[i];
				if (m->start < o->end || m->start >= hi || m->in_paren)
					continue;
				if (s >= 0 && same_side(w->m[s].code, m->code))
					continue;
				int before = m->start - 1;
				if (tok_is(w, before, W_THE) || tok_is(w, before, W_A) ||
				    tok_is(w, before, W_AN))
					before--;
				if (m->bare && !pass && !tok_is(w, before, W_BY) &&
				    (before < 0 || strcmp(w->tok[before].key, "FROM")))
					continue;   /* "---MIL" codes a subject, or an agent
						     * "by"/"from" ("pressure from Congress") */
				before = m->start - 1;
				if (tok_is(w, before, W_THE) || tok_is(w, before, W_A) ||
				    tok_is(w, before, W_AN))
					before--;
				if (pass && !e->stemlens && s < 0 && pat_at < 0 && before >= 0 &&
				    (!strcmp(w->tok[before].key, "AT") || !strcmp(w->tok[before].key, "AGAINST")))
					pat_at = i;   /* "was fired at it": the target */
				if (pass && !tok_is(w, before, W_BY) &&
				    (e->stemlens || before < 0 || strcmp(w->tok[before].key, "FROM"))) {
					/* PETRARCH-2: "by" or "from" X; with neither, an
					 * actor in the verb's other phrases ("soldiers
					 * killed in Ukraine") */
					if (!e->stemlens && own_s && pp_i < 0 && !m->bare && is_prep(w, before) &&
					    inf < 0 && m->start < next_v &&
					    strcmp(w->tok[before].key, "AT") &&
					    strcmp(w->tok[before].key, "AGAINST"))
						pp_i = i;
					continue;
				}
				bool place = before >= 0 && (!strcmp(w->tok[before].key, "IN") ||
							     !strcmp(w->tok[before].key, "AT"));
				if (place && !pass) {
					if (place_i < 0)
						place_i = i;
					continue;
				}
				t = i;
				break;
			}
			if (t < 0 && place_i >= 0) {
				t = place_i;
				loc_target = true;
			}
			if (t < 0 && pp_i >= 0)
				t = pp_i;
		}
		if (t < 0 && !pass && strncmp(code, "01", 2) && hi < w->ntok && !tok_is(w, hi, W_THAT)) {
			/* "Ukraine demanded Russia withdraw": the embedded subject */
			for (int i = 0; i < w->nm; i++)
				if (w->m[i].start == hi && !w->m[i].bare &&
				    !(s >= 0 && same_side(w->m[s].code, w->m[i].code))) {
					t = i;
					break;
				}
		}
		if (t < 0 && !pass && strncmp(code, "01", 2) && hi < w->ntok && tok_is(w, hi, W_THAT)) {
			/* "Ukraine demanded that Russia withdraw": the subject of
			 * the that-clause is the target */
			for (int i = 0; i < w->nm; i++)
				if (w->m[i].start == hi + 1 + tok_is(w, hi + 1, W_THE) &&
				    !w->m[i].bare && !(s >= 0 && same_side(w->m[s].code, w->m[i].code))) {
					t = i;
					break;
				}
		}
		if (t < 0 && !pass && (!strncmp(code, "14", 2) || !strncmp(code, "18", 2) ||
				       !strncmp(code, "19", 2) || !strncmp(code, "20", 2))) {
			/* violence and protest "in Baghdad": the place is the target */
			for (int i = 0; i < w->nm; i++) {
				const struct mention *m = &w->m[i];
				if (m->start >= o->end && m->start < hi && !m->in_paren && !m->bare &&
				    !(s >= 0 && same_side(w->m[s].code, m->code))) {
					t = i;
					loc_target = true;
					break;
				}
			}
		}
		if (pass) {     /* "X was attacked by Y": Y -> X */
			int tmp = s;
			s = t;
			t = tmp >= 0 ? tmp : pat_at;
		}
		TRACE("  verb %d s=%d t=%d code=%s lo=%d hi=%d pass=%d\n", vi, s, t, code, lo, hi, pass);

		rec[vi] = (struct vrec){ code, p, s, t, w->ev.n, w->ev.n };
		/* a missing side: TABARI's DEFAULT: codes, or PETRARCH's "---"
		 * without require_dyad; pseudo mentions after the real ones */
		if (w->nm < w->mcap - 2) {
			const char *sc = w->opts.dflt.source[0] ? w->opts.dflt.source : NULL;
			const char *tc = w->opts.dflt.target[0] ? w->opts.dflt.target : NULL;
			if (!w->opts.require_dyad && (s >= 0 || t >= 0)) {
				if (!sc)
					sc = "---";
				if (!tc)
					tc = "---";
			}
			if (s < 0 && sc)
				s = pseudo_mention(w, w->nm, o, sc);
			if (t < 0 && tc && s >= 0)
				t = pseudo_mention(w, w->nm + 1, o, tc);
		}
		if (s < 0)
			continue;
		int ns = 0, nt = 0;
		for (int i = 0; i < w->nm && ns < 64; i++)
			if (w->m[i].group == w->m[s].group)
				srcs[ns++] = i;
		if (s >= w->nm)
			srcs[ns++] = s;     /* a default or "---" side */
		if (t >= 0) {
			for (int i = 0; i < w->nm && nt < 64; i++)
				if (w->m[i].group == w->m[t].group)
					tgts[nt++] = i;
			if (t >= w->nm)
				tgts[nt++] = t;
		}
		bool mutual = !strncmp(code, "03", 2) || !strncmp(code, "04", 2) ||
			      !strncmp(code, "05", 2) || !strncmp(code, "06", 2) ||
			      !strncmp(code, "19", 2);
		if (t >= 0 && ns >= 2 && !pass && loc_target && mutual) {
			/* "Obama and Putin will meet in Zurich": they meet each other */
			t = -1;
			nt = 0;
		}
		if (t < 0 && ns >= 2 && !pass && mutual) {
			/* "Armenia and Azerbaijan signed a peace agreement": the
			 * members of a compound subject act on each other */
			for (int a = 0; a < ns; a++)
				for (int b = 0; b < ns; b++) {
					if (a == b)
						continue;
					int rc = add_event(w, sent, date, &w->m[srcs[a]], &w->m[srcs[b]],
							   code, o, p, sspan, "compound subject");
					if (rc)
						return rc;
				}
		}
		/* PETRARCH-2 adds the reverse event of a paired code only for a
		 * verb with its own subject ("held talks with"), not for an
		 * infinitive ("prepared to attend the Olympics") */
		int u = o->start - 1;
		while (is_adverb(w, u))
			u--;
		if (!e->stemlens && tok_is(w, u, W_TO))
			code2 = "";
		for (int a = 0; a < ns; a++)
			for (int b = 0; b < nt; b++) {
				int rc = add_event(w, sent, date, &w->m[srcs[a]], &w->m[tgts[b]],
						   code, o, p, sspan, pass ? "passive" : NULL);
				if (!rc && code2[0])
					rc = add_event(w, sent, date, &w->m[tgts[b]], &w->m[srcs[a]],
						       code2, o, p, sspan, "paired code");
				if (rc)
					return rc;
			}
		rec[vi].ev1 = w->ev.n;
		/* a matched pattern consumes the verbs inside it; a verb that
		 * codes an event consumes the rest of its clause (TABARI's
		 * CODE BY CLAUSE: one event-coding verb per clause) */
		bool coded = ((code[0] && strcmp(code, "---")) ||
			      (!e->stemlens && code2[0] && strcmp(code2, "---"))) &&
			     (nt > 0 || (ns >= 2 && mutual));
		/* TABARI's CODE BY: one coding verb per clause (the default), per
		 * sentence, or every verb (CODE ALL) */
		if (coded && w->opts.code_by == CODE_BY_CLAUSE && hi > mend)
			mend = hi;
		if (coded && w->opts.code_by == CODE_BY_SENTENCE)
			mend = w->ntok;
		for (int k = vi + 1; k < w->nv && w->v[k].start < mend; k++) {
			w->v[k].skip = true;
			w->v[k].why = "inside pattern";
		}
	}
	if (e->xform.n && !e->stemlens)
		return transform(w, rec, sent_ev0, sent, date, sspan);
	return 0;
}

/* ---- places (place.h, docs/coder.md "Places") ---------------------------- */

/* Whether place phrase c is part of the longer name [start, end) ("officials
 * in Bamako"); a target that is the place itself ("a summit in
 * Switzerland") is not. */
static bool inside(const struct place_cand *c, size_t start, size_t end)
{
	return c->start >= start && c->end <= end && end - start > c->end - c->start;
}

static int specificity(const struct place *p)
{
	return p->type == PT_CITY ? 3 : p->type == PT_REGION ? 2 : 1;
}

/* Locations of the events [first, w->ev.n) of sentence sspan: the most
 * specific place of a locative phrase of the sentence (or the object of
 * a conflict or visit verb), the nearest to the verb among equals, not
 * inside the target's name and inside the source's only when there is no
 * other; else the document's dateline; else none. w->pc holds the
 * sentence's place phrases, found before comma clauses were deleted. */
static void locate_events(struct dyad_worker *w, uint32_t first)
{
	const struct place_index *x = w->e->places;
	struct place_cand *pc = w->pc;
	int npc = w->npc;
	for (uint32_t i = first; i < w->ev.n; i++) {
		dyad_event *ev = &w->ev.v[i];
		char c3[2][4] = { "", "" };
		memcpy(c3[0], ev->source, 3);
		memcpy(c3[1], ev->target, 3);
		int n = npc;
		if ((!strncmp(ev->code, "18", 2) || !strncmp(ev->code, "19", 2) ||
		     !strncmp(ev->code, "20", 2) || !strcmp(ev->code, "042") ||
		     !strcmp(ev->code, "043")) &&
		    place_object(x, w->tok, w->ntok, ev->verb_end, &pc[n]))
			n++;    /* "Russian forces shelled Kharkiv" */
		const struct place *best = NULL;
		const struct place_cand *bc = NULL;
		size_t bdist = 0;
		int brank = 0;
		for (int k = 0; k < n; k++) {
			/* a place inside the target's name ("blamed officials in
			 * Bamako") is where the target is, not the event, unless
			 * the event is a protest or force against the target
			 * ("clashed with protesters outside the parliament in
			 * Tbilisi"); one inside the source's ("Officials in Cairo
			 * demanded") or such a target's counts only when the
			 * sentence names no other place */
			bool in_target = inside(&pc[k], ev->target_start, ev->target_end);
			if (in_target && strcmp(ev->root, "14") < 0)
				continue;
			bool in_source = in_target || inside(&pc[k], ev->source_start, ev->source_end);
			const struct place *p = place_pick(x, pc[k].k, (const char (*)[4])c3, 2);
			if (!p)
				continue;
			int rank = (in_source ? 0 : 4) + specificity(p);
			size_t d = pc[k].start > ev->verb_start ? pc[k].start - ev->verb_start
								: ev->verb_start - pc[k].start;
			if (!best || rank > brank || (rank == brank && d < bdist)) {
				best = p;
				bc = &pc[k];
				bdist = d;
				brank = rank;
			}
		}
		if (best) {
			place_fill(x, best, DYAD_FROM_SENTENCE, bc->start, bc->end, &ev->location);
		} else if (w->has_dateline) {
			best = place_pick(x, w->dateline.k, (const char (*)[4])c3, 2);
			if (best)
				place_fill(x, best, DYAD_FROM_DATELINE, w->dateline.start,
					   w->dateline.end, &ev->location);
		}
	}
}

/* Drop the sentence's first k tokens (a dateline), with their stems. */
static void drop_front(struct dyad_worker *w, int k)
{
	memmove(w->tok, w->tok + k, sizeof *w->tok * (size_t)(w->ntok - k));
	if (w->nstems) {
		memmove(w->nstems, w->nstems + k, (size_t)(w->ntok - k));
		memmove(w->stems, w->stems + (size_t)k * MAX_STEMS,
			sizeof *w->stems * MAX_STEMS * (size_t)(w->ntok - k));
	}
	w->ntok -= k;
}

/* A wire dateline ("KYIV, May 14 (Reuters) - Russia ...", "MOSCOW (AP) --"):
 * the place before the dash is where the report was filed, not an actor
 * of the sentence. Removes tokens up to the dash. */
static void delete_dateline(struct dyad_worker *w)
{
	if (w->ntok < 4 || !(w->tok[0].flags & TOKF_ALLCAP) || w->tok[0].keylen < 3 || w->all_caps)
		return;
	for (int i = 1; i < w->ntok && i < 8; i++) {
		/* "LYON: Interpol said ...", "GAZA CITY, Palestinian
		 * Territories: ...": a place and a colon */
		if (w->tok[i].kind == TOK_PUNCT && tok_is(w, i, W_COLON)) {
			if (i + 3 >= w->ntok)
				break;
			drop_front(w, i + 1);
			return;
		}
		int vend;
		if ((w->tok[i].kind == TOK_WORD && longest(w, &w->e->verbs, i, &vend) &&
		     !(w->tok[i].flags & TOKF_CAP)) ||
		    (w->tok[i].kind == TOK_PUNCT && !tok_is(w, i, W_COMMA)))
			break;
	}
	/* the dateline names a place (a city or country) or a wire in () */
	int aend;
	uint32_t a = longest(w, &w->e->actors, 0, &aend);
	uint32_t code = a ? actor_code_on(w->e, &w->e->actor.v[a - 1], 0) : 0;
	bool place = code && is_country_code(estr(w->e, code));
	for (int i = 1; i < w->ntok && i < 16; i++) {
		if (tok_is(w, i, W_LPAR))
			place = true;
		if (w->tok[i].kind != TOK_PUNCT || w->tok[i].key[0] != '-')
			continue;
		if (!place)
			return;
		int k = i;
		while (k < w->ntok && w->tok[k].kind == TOK_PUNCT && w->tok[k].key[0] == '-')
			k++;    /* "--" */
		if (k >= w->ntok)
			return;
		drop_front(w, k);
		return;
	}
}

/* TABARI's comma-clause deletion (COMMA: option): a comma-delimited
 * clause of MIN..MAX words, a final one of EMIN..EMAX words and an
 * initial one of BMIN..BMAX words are removed before coding. Tokens keep
 * their byte offsets, so evidence still points into the text. */
static void delete_comma_clauses(struct dyad_worker *w)
{
	const struct coder_opts *o = &w->opts;
	int n = w->ntok;
	if (o->comma.off || n < 3)
		return;
	bool *del = arena_calloc(&w->arena, (size_t)n);
	int *kept = arena_alloc(&w->arena, sizeof(int) * (size_t)n);
	if (!del || !kept)
		return;
	int nk = 0;         /* commas kept so far; the segment starts after the last */
	int end = n;
	if (w->tok[end - 1].kind == TOK_PUNCT && strchr(".!?", w->tok[end - 1].key[0]))
		end--;
	bool *listc = NULL;
	if (tabari_mode(w->e)) {
		/* TABARI 7.8: commas inside a list of actors ("Osgiliath,
		 * Mordor and Elrond"; "Calenardhon and Gondor, and Ithilen")
		 * delimit no clause: an actor ends at the comma and another
		 * follows it, after AND or OR */
		listc = arena_calloc(&w->arena, (size_t)n);
		for (int i = 1; listc && i + 1 < end; i++) {
			if (!tok_is(w, i, W_COMMA))
				continue;
			int f = i + 1 + (tok_is(w, i + 1, W_AND) || tok_is(w, i + 1, W_OR)), aend;
			bool before = false;
			for (int b = i - 1; b >= 0 && b >= i - 4 && !before; b--)
				before = longest(w, &w->e->actors, b, &aend) && aend == i;
			listc[i] = before && f < end && longest(w, &w->e->actors, f, &aend);
		}
	}
	for (int i = 0; i <= end; i++) {
		bool at_comma = i < end && tok_is(w, i, W_COMMA) && !(listc && listc[i]);
		if (!at_comma && i < end)
			continue;
		int prev = nk ? kept[nk - 1] : -1;
		if (prev < 0 && !at_comma)
			break;      /* no comma at all */
		int words = 0;
		for (int k = prev + 1; k < i; k++)     /* "Gondor's": two words */
			words += !del[k] && (w->tok[k].kind != TOK_PUNCT ||
					     (w->tok[k].flags & TOKF_POSS));
		int lo = o->comma.min, hi = o->comma.max;
		if (prev < 0) {
			lo = o->comma.bmin;
			hi = o->comma.bmax;
		} else if (!at_comma) {
			lo = o->comma.emin;
			hi = o->comma.emax;
		}
		/* a short clause that names an actor is an item of a list
		 * ("Mordor, the Shire, Fornost and Bree"), not a parenthesis */
		bool item = false;
		if (prev >= 0 && at_comma && words <= 3) {
			for (int f = prev + 1, aend; f < i && !item; f++)
				item = longest(w, &w->e->actors, f, &aend) && aend <= i;
		}
		if (!at_comma && end < n)
			words++;    /* TABARI counts the final full stop */
		/* more than MIN words and at most MAX (TABARI: "greater than two
		 * and less than or equal to ten", so that lists survive) */
		if (words > lo && words <= hi && !item && prev >= 0 && !at_comma &&
		    tabari_mode(w->e)) {
			/* TABARI: a final clause ends at the full stop; a
			 * sentence without one has none */
			item = end == n;
		} else if (words > lo && words <= hi && !item && prev >= 0 && !at_comma) {
			/* the final clause goes only when the rest of the
			 * sentence still has a verb to code */
			bool verb = false;
			for (int k = 0, vend; k < prev && !verb; k++)
				verb = !del[k] && w->tok[k].kind == TOK_WORD &&
				       longest(w, &w->e->verbs, k, &vend);
			if (!verb)
				item = true;
		}
		if (words > lo && words <= hi && !item) {
			/* an initial clause goes with the comma after it, a
			 * middle or final one with the comma before it */
			int from = prev < 0 ? 0 : prev;
			int to = prev < 0 ? i + 1 : i;
			for (int k = from; k < to; k++)
				del[k] = true;
			if (prev >= 0)
				nk--;   /* its opening comma is gone ... */
			if (prev >= 0 && at_comma)
				kept[nk++] = i;   /* ... its closing one opens the next */
		} else if (at_comma) {
			kept[nk++] = i;
		}
	}
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (del[i])
			continue;
		w->tok[k] = w->tok[i];
		if (w->nstems) {    /* per-token stem ids move with the token */
			w->nstems[k] = w->nstems[i];
			memmove(w->stems + (size_t)k * MAX_STEMS, w->stems + (size_t)i * MAX_STEMS,
				sizeof *w->stems * MAX_STEMS);
		}
		k++;
	}
	w->ntok = k;
}

/* TABARI's <TIME> phrases (with SET: TIME SHIFT): the first time phrase of
 * the sentence whose code is not null decides: a shift moves the date by
 * its days, a discard or complex code drops the sentence. Returns the
 * TIME_* kind that applied (0: none) and adds the shift to *date. */
static int time_shift(struct dyad_worker *w, int *date)
{
	const struct dyad_engine *e = w->e;
	if (!w->opts.time_shift || e->times.value.n <= 1)
		return 0;
	for (int i = 0; i < w->ntok; i++) {
		int end;
		uint32_t f = longest(w, &e->times, i, &end);
		if (!f)
			continue;
		const struct verb_form *vf = &e->vform.v[f - 1];
		struct vocc o = { .start = i, .end = end, .head = i, .f = vf };
		int s = -1, t = -1, mend = end;
		const struct pattern *p = best_pattern(w, &o, 0, w->ntok, &s, &t, &mend);
		struct tcode tc = p ? pat_tcode(e, (uint32_t)(p - e->pat.v)) : block_tcode(e, vf->block);
		if (!(tc.flags & TCF_TIME) || tc.tkind == TIME_NULL) {
			i = end - 1;
			continue;
		}
		if (tc.tkind == TIME_SHIFT && *date)
			*date = date_add_days(*date, tc.days);
		return tc.tkind;
	}
	return 0;
}

/* TABARI's MINIMUM WORDS: a sentence of fewer words (commas count) is not
 * coded. */
/* The story key of a document id under a TABARI FORWARD format: the
 * characters under its N positions, the format aligned on the id's end
 * when the id is shorter (the format counts the id field's leading
 * blanks, which the record reader trims). "" when the id is too short. */
static void story_key(const char *mask, const char *id, size_t n, char out[32])
{
	size_t ml = strlen(mask), k = 0;
	size_t off = n < ml ? ml - n : 0;
	out[0] = 0;
	for (size_t j = off; j < ml && k + 1 < 32; j++)
		if (mask[j] == 'N') {
			if (j - off >= n)
				return;
			out[k++] = id[j - off];
		}
	out[k] = 0;
}

static bool too_short(const struct dyad_worker *w)
{
	if (w->opts.min_words <= 0)
		return false;
	int words = 0;
	for (int i = 0; i < w->ntok; i++)
		words += w->tok[i].kind != TOK_PUNCT || tok_is(w, i, W_COMMA);
	return words < w->opts.min_words;
}

/* TABARI's COMPLEX: filter: whether the sentence is too complex to code. */
static bool too_complex(const struct dyad_worker *w)
{
	const struct coder_opts *o = &w->opts;
	if (!o->cplx.verbs && !o->cplx.actors && !o->cplx.pronouns && !o->cplx.conj &&
	    !o->cplx.lateverb && !o->cplx.flags)
		return false;
	int verbs = 0, conj = 0, pron = 0, first = -1;
	const char *c2;
	for (int i = 0; i < w->nv; i++)
		if (!w->v[i].skip && (!tabari_mode(w->e) || verb_code(w->e, w->v[i].f, &c2)[0])) {
			/* (TABARI: a null-coded verb is no verb here, 7.4) */
			verbs++;
			if (first < 0)
				first = i;
		}
	for (int i = 0; i < w->ntok; i++) {
		conj += (tok_is(w, i, W_AND) || tok_is(w, i, W_OR) || tok_is(w, i, W_BUT)) &&
			!(tabari_mode(w->e) && joins_compound(w, i));   /* TABARI 7.6 */
		pron += tok_is(w, i, W_HE) || tok_is(w, i, W_SHE) || tok_is(w, i, W_IT) ||
			tok_is(w, i, W_THEY) || tok_is(w, i, W_HIS) || tok_is(w, i, W_HER) ||
			tok_is(w, i, W_ITS);
	}
	if (o->cplx.verbs && verbs >= o->cplx.verbs)
		return true;
	if (o->cplx.actors && w->nm >= o->cplx.actors)
		return true;
	if (o->cplx.conj && conj >= o->cplx.conj)
		return true;
	if (o->cplx.pronouns && pron >= o->cplx.pronouns)
		return true;
	if ((o->cplx.flags & CPLX_NOVERB) && first < 0)
		return true;
	if (o->cplx.lateverb && (first < 0 || w->v[first].start >= o->cplx.lateverb))
		return true;
	if (first >= 0 && (o->cplx.flags & (CPLX_NOACTPRIOR | CPLX_NOACTAFTER))) {
		bool prior = false, after = false;
		for (int i = 0; i < w->nm; i++) {
			prior |= w->m[i].start < w->v[first].start;
			after |= w->m[i].start >= w->v[first].end;
		}
		if (((o->cplx.flags & CPLX_NOACTPRIOR) && !prior) ||
		    ((o->cplx.flags & CPLX_NOACTAFTER) && !after))
			return true;
	}
	return false;
}

static bool discarded(const struct dyad_worker *w, bool *story)
{
	const struct dyad_engine *e = w->e;
	for (int i = 0; i < w->ntok; i++) {
		int end;
		uint32_t d = longest(w, &e->discards, i, &end);
		if (d) {
			*story = e->disc.v[d - 1].story;
			return true;
		}
	}
	return false;
}

int dyad_code(dyad_worker *w, const dyad_doc *doc, const dyad_result **out,
	      dyad_error *err)
{
	const struct dyad_engine *e = w->e;
	char *text;
	size_t n;
	struct span *sents;
	size_t nsent;
	int rc;
	arena_reset(&w->arena);
	w->ev.n = 0;
	w->evslot = NULL;       /* was in the arena */
	w->nevslot = w->evused = 0;
	w->nhist = 0;
	w->has_dateline = false;
	memset(&w->res, 0, sizeof w->res);
	if ((rc = text_normalize(doc->text, doc->text_len, &w->arena, &text, &n, err)))
		return rc;
	rc = sentence_split(text, n, &w->arena, &sents, &nsent, MAX_SENTENCES);
	if (rc)
		return dyad_seterr(err, rc, NULL, 0, -1, "%s",
				   rc == DYAD_ETOOBIG ? "too many sentences" : dyad_strerror(rc));
	int cur_date = doc->date;
	bool story_discard = false;
	w->text = text;
	char key[32] = "";
	w->fwd[0] = 0;
	if (w->opts.forward && doc->id) {
		story_key(w->opts.fwd_mask, doc->id, doc->id_len, key);
		if (key[0] && !strcmp(key, w->fwd_key))
			memcpy(w->fwd, w->fwd_prev, sizeof w->fwd);
		memcpy(w->fwd_key, key, sizeof key);
		w->fwd_prev[0] = 0;
	}
	for (size_t si = 0; si < nsent && !story_discard; si++) {
		size_t ntok;
		rc = tokenize(text, sents[si], &w->arena, &w->tok, &ntok, w->max_tok);
		if (rc == DYAD_ETOOBIG) {
			w->res.n_long_sentences++;   /* a run-on "sentence": not coded */
			continue;
		}
		if (rc)
			return dyad_seterr(err, rc, NULL, 0, -1, "%s", dyad_strerror(rc));
		w->ntok = (int)ntok;
		if (tabari_mode(e) && (rc = tabari_tokens(w)))
			return dyad_seterr(err, rc, NULL, 0, -1, "%s", dyad_strerror(rc));
		ntok = (size_t)w->ntok;
		w->cand = arena_alloc(&w->arena, sizeof *w->cand * MAX_CANDS * (ntok + 1));
		w->ncand = arena_alloc(&w->arena, ntok + 1);
		if (!w->cand || !w->ncand)
			return dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		memset(w->ncand, 0xff, ntok + 1);
		bool all_caps = true;
		if (e->stemlens) {
			w->stems = arena_alloc(&w->arena, sizeof *w->stems * MAX_STEMS * (ntok + 1));
			w->nstems = arena_calloc(&w->arena, ntok + 1);
			if (!w->stems || !w->nstems)
				return dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		}
		for (int i = 0; i < w->ntok; i++) {
			struct token *t = &w->tok[i];
			t->id = vocab_find(&e->vocab, t->key, t->keylen);
			if (e->stemlens && t->kind != TOK_PUNCT)   /* "GROUP OF 77" */
				w->nstems[i] = (uint8_t)stem_ids(e, t->key, t->keylen,
								 w->stems + (size_t)i * MAX_STEMS, MAX_STEMS);
			if (t->kind == TOK_WORD && !(t->flags & TOKF_ALLCAP) && t->keylen > 1)
				all_caps = false;
		}
		w->all_caps = all_caps;
		/* place phrases, before the dateline and comma clauses go */
		w->npc = e->places ? place_scan(e->places, w->tok, w->ntok, w->pc,
						(int)ARRAY_SIZE(w->pc) - 1) : 0;
		w->tmention = NULL;     /* the maps are rebuilt for this sentence */
		w->nm = 0;
		w->nv = 0;
		/* TABARI's <TIME> phrases, before comma clauses are deleted; with
		 * time shifting on, they alone move the document date */
		int sdate = doc->date;
		int tk = time_shift(w, &sdate);
		if (tk == TIME_DISCARD || tk == TIME_COMPLEX)
			continue;
		if (si == 0 && e->places)
			w->has_dateline = place_dateline(e->places, w->tok, w->ntok, &w->dateline);
		if (si == 0)
			delete_dateline(w);
		bool short_sentence = too_short(w);   /* counted before deletions */
		delete_comma_clauses(w);
		bool story = false;
		if (discarded(w, &story)) {
			if (story)
				story_discard = true;
			continue;
		}
		int d = date_resolve(text + sents[si].start, sents[si].end - sents[si].start,
				     doc->date, NULL);
		if (d)
			cur_date = d;

		w->tmention = NULL;
		find_mentions(w, cur_date ? cur_date : doc->date);
		for (int i = 0; key[0] && i < w->nm; i++)
			if (!w->m[i].resolved && w->m[i].code[0] && w->m[i].code[0] != '-') {
				/* forwarded: the actor, not its agent */
				snprintf(w->fwd_prev, sizeof w->fwd_prev, "%.3s", w->m[i].code);
				break;
			}
		find_verbs(w, all_caps);
		if (tabari_mode(e))
			tabari_nouns(w);
		w->tmention = arena_alloc(&w->arena, sizeof(int) * (size_t)(w->ntok + 1));
		w->tverb = arena_alloc(&w->arena, sizeof(int) * (size_t)(w->ntok + 1));
		w->cend = arena_alloc(&w->arena, sizeof(int) * (size_t)(w->nv + 1));
		if (!w->tmention || !w->tverb || !w->cend)
			return dyad_seterr(err, DYAD_ENOMEM, NULL, 0, -1, "out of memory");
		for (int i = 0; i <= w->ntok; i++)
			w->tmention[i] = w->tverb[i] = -1;
		for (int i = w->nm - 1; i >= 0; i--)   /* the first of duplicates wins */
			for (int k = w->m[i].start; k < w->m[i].end; k++)
				w->tmention[k] = i;
		for (int i = 0; i < w->nv; i++) {
			w->tverb[w->v[i].start] = i;
			w->cend[i] = -1;
		}
		for (int i = 0; i < w->nm; i++)
			TRACE("s%zu mention %d-%d %s kind=%d role=%d group=%d%s%s\n", si,
			      w->m[i].start, w->m[i].end, w->m[i].code, w->m[i].kind,
			      w->m[i].role, w->m[i].group, w->m[i].resolved ? " resolved" : "",
			      w->m[i].poss ? " poss" : "");
		for (int i = 0; i < w->nv; i++)
			TRACE("s%zu verb %d-%d %s%s%s\n", si, w->v[i].start, w->v[i].end,
			      estr(e, w->v[i].f->lemma), w->v[i].skip ? " skip:" : "",
			      w->v[i].why ? w->v[i].why : "");
		uint32_t before = w->ev.n;
		w->sent_drop = false;
		if (short_sentence || too_complex(w))
			continue;
		int sd = w->opts.time_shift ? sdate : cur_date;
		rc = tabari_mode(e) ? code_sentence_tabari(w, (int)si, sd, sents[si]) :
				      code_sentence(w, (int)si, sd, sents[si]);
		if (!rc && w->sent_drop)
			w->ev.n = before;
		if (!rc && e->places && w->ev.n > before)
			locate_events(w, before);
		if (rc == DYAD_ETOOBIG)
			return dyad_seterr(err, rc, NULL, 0, -1, "too many events (more than %zu)",
					   w->max_events);
		if (rc)
			return dyad_seterr(err, rc, NULL, 0, -1, "%s", dyad_strerror(rc));
	}
	if (story_discard)
		w->ev.n = 0;
	w->res.text = text;
	w->res.text_len = n;
	w->res.events = w->ev.v;
	w->res.n_events = w->ev.n;
	w->res.n_sentences = (int)nsent;
	w->res.discarded = story_discard;
	*out = &w->res;
	return 0;
}
