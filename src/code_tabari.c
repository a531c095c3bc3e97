/*
 * code_tabari.c - TABARI's sentence algorithm (TABARI 0.8.4b2 manual,
 * chapters 5.7-5.8 and 7), used instead of the clause grammar of code.c
 * when the engine was loaded from a TABARI .verbs file (tabari_mode()).
 *
 * The sentence arrives with its tokens (tabari_tokens(): TABARI's text
 * filter), mentions (actors, agents, compounds, pronouns) and verb
 * occurrences (tabari_nouns(): TABARI's noun rules) found by code.c.
 * Here:
 *  1. TABARI's compounds ("neither X nor Y", actors in sequence in a
 *     compound noun phrase), FORMER agents and pronouns (7.5, 5.4.1,
 *     7.7) adjust the mentions; an actor coded ### or +++ drops the
 *     sentence;
 *  2. the sentence is split into clauses at conjunctions that join no
 *     compound (7.5, 7.6);
 *  3. per clause, verbs left to right: the longest matching pattern of
 *     the verb (5.5, 5.7.1), else the verb's own code; a null code moves
 *     on to the next verb;
 *  4. source and target: the pattern's $ + % markers (5.7.3), else the
 *     default search (5.8), passive voice (7.9), compounds (7.5);
 *  5. CODE BY CLAUSE / SENTENCE / ALL (7.6.1), subordinate codes "[023?]"
 *     (coded only when nothing else is) and dominant codes "[031!]"
 *     (6.6).
 * Nothing here prints; memory is the worker's arena.
 */
#include "code_int.h"

bool tabari_mode(const struct dyad_engine *e)
{
	return e->block_tc.n > 0;   /* filled only by the TABARI .verbs reader */
}

/* ---- text ----------------------------------------------------------------- */

int tabari_tokens(struct dyad_worker *w)
{
	int n = 0;
	for (int i = 0; i < w->ntok; i++) {
		const struct token *t = &w->tok[i];
		if (t->kind == TOK_PUNCT && (t->key[0] == '-' || t->key[0] == '_'))
			continue;
		n++;
		if (t->kind == TOK_WORD)
			for (int k = 1; k + 1 < t->keylen; k++)
				n += t->key[k] == '-';
	}
	if (n == w->ntok || (size_t)n > w->max_tok)
		return 0;   /* (past the coder's token cap: left as it is) */
	struct token *out = arena_alloc(&w->arena, sizeof *out * (size_t)(n + 1));
	if (!out)
		return DYAD_ENOMEM;
	int k = 0;
	for (int i = 0; i < w->ntok; i++) {
		const struct token *t = &w->tok[i];
		if (t->kind == TOK_PUNCT && (t->key[0] == '-' || t->key[0] == '_'))
			continue;
		if (t->kind != TOK_WORD || !memchr(t->key, '-', t->keylen)) {
			out[k++] = *t;
			continue;
		}
		/* "STATE-RUN": STATE and RUN; byte offsets follow the key
		 * when it has the text's length */
		bool same = t->end - t->start == t->keylen;
		for (int a = 0; a < t->keylen;) {
			int b = a;
			while (b < t->keylen && t->key[b] != '-')
				b++;
			if (b > a) {
				char *key = arena_alloc(&w->arena, (size_t)(b - a) + 1);
				if (!key)
					return DYAD_ENOMEM;
				memcpy(key, t->key + a, (size_t)(b - a));
				key[b - a] = 0;
				struct token *o = &out[k++];
				*o = *t;
				o->key = key;
				o->keylen = (uint16_t)(b - a);
				if (same) {
					o->start = t->start + (uint32_t)a;
					o->end = t->start + (uint32_t)b;
					unsigned char c0 = (unsigned char)w->text[o->start];
					o->flags = (uint8_t)((t->flags & ~TOKF_CAP) |
							     (c0 >= 'A' && c0 <= 'Z' ? TOKF_CAP : 0));
				}
			}
			a = b + 1;
		}
	}
	w->tok = out;
	w->ntok = k;
	return 0;
}

/* ---- clauses -------------------------------------------------------------- */

static bool is_conj(const struct dyad_worker *w, int t)
{
	return tok_is(w, t, W_AND) || tok_is(w, t, W_BUT) || tok_is(w, t, W_OR) ||
	       tok_is(w, t, W_NOR);
}

/* TABARI noun / adjective words (<NOUN>, <ADJECTIVE>). */
static uint8_t noun_flags(const struct dyad_worker *w, int t)
{
	if (t < 0 || t >= w->ntok || w->tok[t].kind != TOK_WORD)
		return 0;
	uint8_t f = word_flags(w->e, w->tok[t].id);
	for (int k = 0; w->nstems && k < w->nstems[t]; k++)
		f |= word_flags(w->e, w->stems[t * MAX_STEMS + k]);
	return f & (WF_NOUN | WF_ADJ);
}

/* Whether the conjunction at t joins a compound actor, noun or adjective
 * phrase (manual 7.5, 7.5.1) or lies inside a verb phrase: then it does
 * not split clauses (7.6). */
bool joins_compound(const struct dyad_worker *w, int t)
{
	int a = mention_at(w, t - 1);
	if (a < 0 && tok_is(w, t - 1, W_COMMA))
		a = mention_at(w, t - 2);
	if (a >= 0) {
		for (int b = a + 1; b < w->nm; b++)
			if (w->m[b].start > t) {
				if (w->m[b].group == w->m[a].group)
					return true;
				break;
			}
	}
	for (int i = 0; i < w->nv; i++)
		if (w->v[i].start < t && w->v[i].end > t)
			return true;
	/* <noun> conj <adjctv>* <noun>, <adjctv> conj <adjctv> */
	uint8_t before = noun_flags(w, t - 1);
	if (before) {
		int u = t + 1;
		while (noun_flags(w, u) == WF_ADJ && !(before & WF_ADJ && u == t + 1))
			u++;
		uint8_t after = noun_flags(w, u);
		if ((before & WF_NOUN) && (after & WF_NOUN))
			return true;
		if ((before & WF_ADJ) && (noun_flags(w, t + 1) & WF_ADJ))
			return true;
	}
	return false;
}

/* ---- patterns ------------------------------------------------------------- */

/* The compound group of mention mi: its last member's end token. */
static int group_end(const struct dyad_worker *w, int mi)
{
	int end = w->m[mi].end;
	for (int k = mi + 1; k < w->nm; k++)
		if (w->m[k].group == w->m[mi].group && w->m[k].end > end && !w->m[k].resolved)
			end = w->m[k].end;
	return end;
}

static int group_size(const struct dyad_worker *w, int mi)
{
	int n = 0;
	for (int k = 0; k < w->nm; k++)
		if (w->m[k].group == w->m[mi].group && w->m[k].start != w->m[mi].start &&
		    !w->m[k].resolved)
			n++;
	return n + !w->m[mi].resolved;
}

/* The first mention starting in [t, hi); -1 none. */
static int next_mention(const struct dyad_worker *w, int t, int hi)
{
	for (int k = 0; k < w->nm; k++)
		if (w->m[k].start >= t && w->m[k].start < hi)
			return k;
	return -1;
}

struct pmatch { int src, tgt, comp; };

/* Mention mi matched a $, + or % element of a pattern. */
static void pm_bind(struct pmatch *pm, int kind, int mi)
{
	if (kind == PEL_SOURCE)
		pm->src = mi;
	else if (kind == PEL_TARGET)
		pm->tgt = mi;
	else if (kind == PEL_COMPOUND)
		pm->comp = mi;
}

/* Whether token t is the TABARI word id: a stem ("WORD*") matches the
 * words it starts, an exact word only itself (5.2.2; the regular endings
 * of 5.2.3 belong to actor, agent, noun and verb phrases, not to the
 * other words of patterns). */
static bool tword(const struct dyad_worker *w, int t, uint32_t id)
{
	if (word_flags(w->e, id) & WF_STEM) {
		for (int k = 0; w->nstems && k < w->nstems[t]; k++)
			if (w->stems[t * MAX_STEMS + k] == id)
				return true;
		return false;
	}
	return w->tok[t].id == id;
}

/* A member of synset s at token t (5.6): its words in order, a word
 * written after a blank (SYNW_GAP) up to TABARI_GAP words further on; a
 * member word "$" or "+" is an actor, the source or target (pm). Returns
 * the token after the first member that matches, -1 none. */
static int tsyn_match(const struct dyad_worker *w, uint32_t s, int t, int hi,
		      struct pmatch *pm)
{
	const struct dyad_engine *e = w->e;
	const struct synset *sy = &e->syn.v[s];
	if (!sy->len)
		return -1;   /* an empty synset (synword.v may be NULL) */
	const uint32_t *p = e->synword.v + sy->first, *end = p + sy->len;
	for (; p < end; p++) {
		int pos = t, k = 0;
		bool ok = true;
		struct pmatch m = *pm;
		for (; p[k]; k++) {
			if (!ok)
				continue;
			uint32_t id = p[k] & ~SYNW_GAP;
			int lim = k && (p[k] & SYNW_GAP) ? pos + TABARI_GAP : pos;
			const char *ws = vocab_str(&e->vocab, id);
			bool actor = e->vocab.len[id] == 1 && (*ws == '$' || *ws == '+');
			int f = -1, fend = -1;
			for (int u = pos; u <= lim && u < hi && f < 0; u++) {
				int mi = actor ? mention_at(w, u) : -1;
				if (actor && mi >= 0 && w->m[mi].start == u) {
					f = u;
					fend = w->m[mi].end;
					if (*ws == '$')
						m.src = mi;
					else
						m.tgt = mi;
				} else if (!actor && tword(w, u, id)) {
					f = u;
					fend = u + 1;
				}
			}
			if (f < 0)
				ok = false;
			else
				pos = fend;
		}
		if (ok && k) {
			*pm = m;
			return pos;
		}
		p += k;
	}
	return -1;
}

/* Match pattern elements els[0,n) forward within tokens [lo, hi) (manual
 * 5.7.4): each element at its first occurrence after the previous one;
 * words joined by '_' must be consecutive. $ + % take the first actor at
 * or after the position (% a compound), ^ skips the next actor with its
 * whole compound (5.7.3). first_at >= 0: the first element must start
 * there ("*_X"). Returns the token after the match, -1 when it fails. */
static int tmatch(struct dyad_worker *w, const struct pel *els, int n, int lo, int hi,
		  int first_at, struct pmatch *pm)
{
	int pos = lo;
	for (int i = 0; i < n; i++) {
		const struct pel *el = &els[i];
		bool consec = (el->flags & PELF_CONSEC) && (i > 0 || first_at >= 0);
		int found = -1, fend = -1;
		if (el->kind == PEL_SOURCE || el->kind == PEL_TARGET ||
		    el->kind == PEL_COMPOUND || el->kind == PEL_SKIP) {
			int mi = next_mention(w, pos, hi);
			if (mi < 0 || (consec && w->m[mi].start != pos))
				return -1;
			if (el->kind == PEL_COMPOUND && group_size(w, mi) < 2)
				return -1;
			found = w->m[mi].start;
			fend = el->kind == PEL_SKIP || el->kind == PEL_COMPOUND ?
			       group_end(w, mi) : w->m[mi].end;
			pm_bind(pm, el->kind, mi);
		} else {
			for (int t = pos; t < hi; t++) {
				if (consec && t != pos)
					break;
				if (el->kind == PEL_WORD) {
					if (tword(w, t, el->v)) {
						found = t;
						fend = t + 1;
					}
				} else if (el->kind == PEL_SYN) {
					int e2 = tsyn_match(w, el->v, t, hi, pm);
					if (e2 > 0) {
						found = t;
						fend = e2;
					}
				}
				if (found >= 0)
					break;
			}
		}
		if (found < 0)
			return -1;
		pos = fend;
	}
	return pos;
}

/* The first token of mention mi's compound (mi itself when alone). */
static int group_start(const struct dyad_worker *w, int mi)
{
	int st = w->m[mi].start;
	for (int k = 0; k < mi; k++)
		if (w->m[k].group == w->m[mi].group && w->m[k].start < st && !w->m[k].resolved)
			st = w->m[k].start;
	return st;
}

/* Match the elements before the verb, els[0,n), backward from the verb
 * within [lo, hi) (hi: the verb): TABARI looks for the actor of "+ WAS *"
 * before WAS (5.7.3), and "+ s1 *" fails on "s1 <actor> <verb>" (5.7.4).
 * Each element is the nearest match before the one after it; an element
 * joined by '_' to the next one (or to the verb) must end where it
 * starts. Returns the first token of the match, -1 when it fails. */
static int tmatch_back(struct dyad_worker *w, const struct pel *els, int n, int lo, int hi,
		       struct pmatch *pm)
{
	int pos = hi;
	for (int i = n - 1; i >= 0; i--) {
		const struct pel *el = &els[i];
		bool anchored = i == n - 1 ? (el->flags & PELF_VERBNEXT) != 0 :
				(els[i + 1].flags & PELF_CONSEC) != 0;
		int found = -1;
		if (el->kind == PEL_SOURCE || el->kind == PEL_TARGET ||
		    el->kind == PEL_COMPOUND || el->kind == PEL_SKIP) {
			int mi = -1;
			for (int k = 0; k < w->nm; k++)
				if (w->m[k].start >= lo && w->m[k].end <= pos &&
				    (mi < 0 || w->m[k].end > w->m[mi].end))
					mi = k;
			if (mi < 0 || (anchored && w->m[mi].end != pos))
				return -1;
			if (el->kind == PEL_COMPOUND && group_size(w, mi) < 2)
				return -1;
			found = el->kind == PEL_SKIP || el->kind == PEL_COMPOUND ?
				group_start(w, mi) : w->m[mi].start;
			if (found < lo)
				found = w->m[mi].start;
			pm_bind(pm, el->kind, mi);
		} else {
			for (int u = pos - 1; u >= lo && found < 0; u--) {
				if (el->kind == PEL_WORD) {
					if (tword(w, u, el->v))
						found = u;
				} else if (el->kind == PEL_SYN) {
					int e2 = tsyn_match(w, el->v, u, pos, pm);
					if (e2 > 0 && (!anchored || e2 == pos))
						found = u;
				}
				if (anchored && el->kind == PEL_WORD)
					break;
			}
		}
		if (found < 0)
			return -1;
		pos = found;
	}
	return pos;
}

/* Whether pattern p matches verb o in clause [lo, hi). */
static bool try_tpattern(struct dyad_worker *w, const struct pattern *p,
			 const struct vocc *o, int lo, int hi, struct pmatch *pm)
{
	const struct pel *els = w->e->pel.v + p->first_el;
	struct pmatch m = { -1, -1, -1 };
	if (p->npre && tmatch_back(w, els, p->npre, lo, o->start, &m) < 0)
		return false;
	if (p->npost && tmatch(w, els + p->npre, p->npost, o->end, hi,
			       (els[p->npre].flags & PELF_CONSEC) ? o->end : -1, &m) < 0)
		return false;
	*pm = m;
	return true;
}

/* The verb's best pattern in [lo, hi): TABARI tries the patterns of the
 * verb (and of earlier entries of the same verb) longest first, by the
 * length of their text without blanks and markers (5.7.1); equal lengths
 * keep their order in the file. NULL when none matches. */
static const struct pattern *best_tpattern(struct dyad_worker *w, const struct vocc *o,
					   int lo, int hi, struct pmatch *pm)
{
	const struct dyad_engine *e = w->e;
	const struct pattern *best = NULL;
	int blen = -1;
	for (const struct verb_form *f = o->f; f;
	     f = f->prev ? &e->vform.v[f->prev - 1] : NULL) {
		const struct verb_block *vb = &e->block.v[f->block];
		for (uint32_t i = 0; i < vb->npat; i++) {
			uint32_t pi = vb->first_pat + i;
			const struct pattern *p = &e->pat.v[pi];
			int len = pat_tcode(e, pi).tlen;
			if (len <= blen)
				continue;
			struct pmatch m;
			if (try_tpattern(w, p, o, lo, hi, &m)) {
				best = p;
				blen = len;
				*pm = m;
			}
		}
	}
	return best;
}

/* ---- nouns ---------------------------------------------------------------- */

void tabari_nouns(struct dyad_worker *w)
{
	int n = w->ntok;
	/* 7.4: a dictionary verb after THE, A or AN, or capitalized
	 * inside a sentence that is not all capitals, is a noun, as is one
	 * with a possessive ending */
	for (int i = 0; i < w->nv; i++) {
		struct vocc *o = &w->v[i];
		o->skip = (!w->all_caps && o->start > 0 && (w->tok[o->start].flags & TOKF_CAP)) ||
			  tok_is(w, o->start - 1, W_THE) || tok_is(w, o->start - 1, W_A) ||
			  tok_is(w, o->start - 1, W_AN) ||
			  /* "'S" is a noun ending, never a verb's (5.2.3) */
			  (o->end < n && (w->tok[o->end].flags & TOKF_POSS));
		o->why = o->skip ? "noun" : NULL;
	}
}

/* ---- compounds -------------------------------------------------------------- */

/* TABARI's conjunctions are AND, BUT, OR and NOR (7.6): "neither X nor
 * Y" is a compound actor like "X and Y" (7.5), which code.c forms. */
static void tabari_nor(struct dyad_worker *w)
{
	for (int t = 1; t + 1 < w->ntok; t++) {
		if (!tok_is(w, t, W_NOR))
			continue;
		int a = mention_at(w, t - 1), b = mention_at(w, t + 1 + tok_is(w, t + 1, W_THE));
		if (a < 0 || b < 0 || w->m[a].end != t || w->m[a].resolved || w->m[b].resolved)
			continue;
		int g = w->m[b].group;
		for (int k = 0; k < w->nm; k++)
			if (w->m[k].group == g)
				w->m[k].group = w->m[a].group;
	}
}

/* Actors in sequence inside a compound noun phrase (7.5: "Israeli Prime
 * Minister Sharon and President Bush" has the actors ISRAEL, SHARON and
 * BUSH): a mention after a compound's member with one to three
 * adjectives, determiners or a possessive between them joins the
 * compound. */
static void tabari_np_members(struct dyad_worker *w)
{
	for (int a = 0; a + 1 < w->nm; a++) {
		struct mention *x = &w->m[a], *y = &w->m[a + 1];
		if (x->resolved || y->resolved || x->group == y->group || y->start < x->end ||
		    (group_size(w, a) < 2 && group_size(w, a + 1) < 2))
			continue;
		bool np = y->start > x->end && y->start - x->end <= 3;
		for (int t = x->end; t < y->start && np; t++)
			np = (w->tok[t].flags & TOKF_POSS) || tok_is(w, t, W_THE) ||
			     tok_is(w, t, W_A) || tok_is(w, t, W_AN) || noun_flags(w, t) == WF_ADJ;
		if (!np)
			continue;
		int g = y->group;
		for (int k = 0; k < w->nm; k++)
			if (w->m[k].group == g)
				w->m[k].group = x->group;
	}
}

/* ---- agents ----------------------------------------------------------------- */

/* The code of mention m's actor alone, without its agent: the actor
 * phrase among its words outside the agent's; NULL when none. */
static const char *own_code(const struct dyad_worker *w, const struct mention *m, int date)
{
	const struct dyad_engine *e = w->e;
	for (int p = m->start; p < m->end; p++) {
		int aend;
		uint32_t a = p >= m->head_start && p < m->head_end ? 0 :
			     longest(w, &e->actors, p, &aend);
		uint32_t c = a && aend <= m->end ? actor_code_on(e, &e->actor.v[a - 1], date) : 0;
		if (c)
			return estr(e, c);
	}
	return NULL;
}

/* "Former" (manual 5.4.1): FORMER right before the actor or the agent of
 * an actor-agent pair makes the agent an elite: its code becomes ELI. */
static void tabari_former(struct dyad_worker *w, int date)
{
	const struct dyad_engine *e = w->e;
	for (int k = 0; k < w->nm; k++) {
		struct mention *m = &w->m[k];
		if (m->resolved || m->role < 0 || (uint32_t)m->role >= e->agent.n)
			continue;
		bool former = false;
		for (int t = m->start - 1; t < m->end && !former; t++)
			former = t >= 0 && (t == m->start - 1 || t + 1 == m->head_start) &&
				 !strcmp(w->tok[t].key, "FORMER");
		if (!former)
			continue;
		const struct agent *ag = &e->agent.v[m->role];
		const char *act = own_code(w, m, date);
		if (!act)
			continue;
		char code[32];
		if (ag->prefix)
			snprintf(code, sizeof code, "ELI%.28s", act);
		else
			snprintf(code, sizeof code, "%.28sELI", act);
		snprintf(m->code, sizeof m->code, "%s", code);
	}
}

/* ---- pronouns ------------------------------------------------------------- */

/* TABARI's coreference (manual 7.7): HE, SHE, IT (and HIM) are the first
 * actor of the sentence; ITS, HIS, HER the first actor before the
 * pronoun; THEY, THEM, THEIR the first compound actor, else the first
 * actor. Only actors before the pronoun count; a pronoun with none keeps
 * what code.c made of it (a forwarded actor, FORWARD:). */
static int tabari_pronouns(struct dyad_worker *w, int date)
{
	int f0 = -1, fc = -1;
	for (int k = 0; k < w->nm; k++) {
		if (w->m[k].resolved || !w->m[k].code[0])
			continue;
		if (f0 < 0)
			f0 = k;
		if (fc < 0 && group_size(w, k) >= 2)
			fc = k;
	}
	if (f0 < 0)
		return 0;
	bool added = false;
	for (int i = w->m[f0].end; i < w->ntok; i++) {
		const char *k = w->tok[i].key;
		int kind = tok_is(w, i, W_HE) || tok_is(w, i, W_SHE) || tok_is(w, i, W_IT) ||
			   tok_is(w, i, W_HIM) || tok_is(w, i, W_ITS) || tok_is(w, i, W_HIS) ||
			   tok_is(w, i, W_HER) ? 1 :
			   tok_is(w, i, W_THEY) || !strcmp(k, "THEM") || !strcmp(k, "THEIR") ? 2 : 0;
		if (!kind)
			continue;
		int ref = kind == 2 && fc >= 0 && w->m[fc].start < i ? fc : f0;
		int mi = mention_at(w, i);
		if (mi >= 0 && !w->m[mi].resolved)
			continue;
		if (mi < 0) {
			if (w->nm >= w->mcap - 8)
				break;
			mi = w->nm++;
			added = true;
		}
		const char *own = ref == fc && w->m[ref].role >= 0 ?
				  own_code(w, &w->m[ref], date) : NULL;
		struct mention *m = &w->m[mi];
		*m = w->m[ref];
		if (own)    /* THEY for a compound: its first actor, without
			     * the agent ("the ambassadors of Arnor, ...") */
			snprintf(m->code, sizeof m->code, "%s", own);
		m->start = m->head_start = i;
		m->end = m->head_end = i + 1;
		m->resolved = true;
		m->poss = false;
		if (ref != fc)
			m->group = ++w->ngroup;     /* not a member of its compound */
	}
	if (!added)
		return 0;
	/* keep mentions in text order; rebuild the token map */
	for (int a = 1; a < w->nm; a++) {
		struct mention x = w->m[a];
		int b = a;
		while (b > 0 && w->m[b - 1].start > x.start) {
			w->m[b] = w->m[b - 1];
			b--;
		}
		w->m[b] = x;
	}
	for (int i = 0; i <= w->ntok; i++)
		w->tmention[i] = -1;
	for (int i = w->nm - 1; i >= 0; i--)
		for (int k = w->m[i].start; k < w->m[i].end; k++)
			w->tmention[k] = i;
	return 0;
}

/* ---- events --------------------------------------------------------------- */

/* The first mention in [lo, hi) whose code differs from avoid's (-1: any). */
static int first_actor(const struct dyad_worker *w, int lo, int hi, int avoid)
{
	for (int k = 0; k < w->nm; k++) {
		const struct mention *m = &w->m[k];
		if (m->start < lo || m->start >= hi || !m->code[0])
			continue;
		if (avoid >= 0 && !strcmp(m->code, w->m[avoid].code))
			continue;
		return k;
	}
	return -1;
}

/* The last mention ending in (lo, hi] whose code differs from avoid's (a
 * phrase whose words straddle a conjunction counts in both clauses). */
static int last_actor(const struct dyad_worker *w, int lo, int hi, int avoid)
{
	for (int k = w->nm - 1; k >= 0; k--) {
		const struct mention *m = &w->m[k];
		if (m->end <= lo || m->end > hi || !m->code[0])
			continue;
		if (avoid >= 0 && !strcmp(m->code, w->m[avoid].code))
			continue;
		return k;
	}
	return -1;
}

/* Passive voice (7.9): WAS, WERE or BEEN one or two words before the
 * verb and BY right after it. */
static bool tpassive(const struct dyad_worker *w, const struct vocc *o)
{
	/* (BY may follow one modifier: "was opposed earlier by") */
	if (!tok_is(w, o->end, W_BY) &&
	    !(tok_is(w, o->end + 1, W_BY) && w->tok[o->end].kind == TOK_WORD && mention_at(w, o->end) < 0))
		return false;
	for (int t = o->start - 1; t >= 0 && t >= o->start - 2; t--)
		if (tok_is(w, t, W_WAS) || tok_is(w, t, W_WERE) || tok_is(w, t, W_BEEN))
			return true;
	return false;
}

struct tevent {            /* a verb that found a code */
	int vi, s, t;
	const struct pattern *p;
	const char *code, *code2;
	uint8_t flags;         /* TCF_SUBORD, TCF_DOMINANT */
};

static int emit(struct dyad_worker *w, int sent, int date, struct span sspan,
		const struct tevent *ev)
{
	int srcs[64], tgts[64], ns = 0, nt = 0;
	const struct vocc *o = &w->v[ev->vi];
	if (ev->s != ev->t && ev->s < w->nm && ev->t < w->nm &&
	    w->m[ev->s].group == w->m[ev->t].group) {
		/* two members of one compound: just the pair (5.8) */
		srcs[ns++] = ev->s;
		tgts[nt++] = ev->t;
		goto pairs;
	}
	/* a compound stands for its named members, not for the pronouns
	 * that refer to it */
	bool snamed = ev->s < w->nm && group_size(w, ev->s) > 0;
	bool tnamed = ev->t < w->nm && group_size(w, ev->t) > 0;
	for (int i = 0; i < w->nm && ns < 64 && ev->s < w->nm; i++)
		if (w->m[i].group == w->m[ev->s].group && (!snamed || !w->m[i].resolved))
			srcs[ns++] = i;
	if (ev->s >= w->nm || !ns)
		srcs[ns++] = ev->s;
	for (int i = 0; i < w->nm && nt < 64 && ev->t < w->nm; i++)
		if (w->m[i].group == w->m[ev->t].group && (!tnamed || !w->m[i].resolved))
			tgts[nt++] = i;
	if (ev->t >= w->nm || !nt)
		tgts[nt++] = ev->t;
pairs:
	for (int a = 0; a < ns; a++)
		for (int b = 0; b < nt; b++) {
			const struct mention *s = &w->m[srcs[a]], *t = &w->m[tgts[b]];
			if (!strcmp(s->code, t->code))
				continue;
			int rc = add_event(w, sent, date, s, t, ev->code, o, ev->p, sspan, NULL);
			if (!rc && ev->code2[0])
				rc = add_event(w, sent, date, t, s, ev->code2, o, ev->p, sspan,
					       "paired code");
			if (rc)
				return rc;
		}
	return 0;
}

/* Source and target of verb vi in clause [lo, hi) (manual 5.8, 7.6, 7.9,
 * 8.5); carry is the source carried from the previous clause. Returns
 * false when the verb codes no event (no source, or no target). */
static bool actors(struct dyad_worker *w, int vi, int lo, int hi, const struct pmatch *pm,
		   int carry, int *src, int *tgt)
{
	const struct vocc *o = &w->v[vi];
	const struct coder_opts *op = &w->opts;
	int s = pm->src, t = pm->tgt;
	if (pm->comp >= 0) {
		*src = *tgt = pm->comp;
		return true;
	}
	bool marked = s >= 0 || t >= 0;
	int ds = -1, dt = -1;       /* DEFAULT: stand-ins, after the real mentions */
	if (w->nm < w->mcap - 2) {
		if (op->dflt.source[0])
			ds = pseudo_mention(w, w->nm, o, op->dflt.source);
		if (op->dflt.target[0])
			dt = pseudo_mention(w, w->nm + 1, o, op->dflt.target);
	}
	if (s < 0) {
		/* the first actor before the verb, distinct from a designated
		 * target; in a later clause the carried source unless an actor
		 * follows the conjunction (7.6) */
		int m0 = next_mention(w, lo, hi);
		bool own = lo == 0 || carry < 0 ||
			   (m0 >= 0 && (w->m[m0].start == lo ||
					(w->m[m0].start == lo + 1 && tok_is(w, lo, W_THE))));
		s = own ? first_actor(w, lo, o->start, t) : -1;
		if (s < 0 && lo > 0 && carry >= 0 && (t < 0 || strcmp(w->m[carry].code, w->m[t].code)))
			s = carry;
		if (s < 0 && ds >= 0 && op->dflt.source_prior)
			s = ds;     /* DEFAULT: SOURCE [c] PRIOR */
		if (s < 0)      /* else the first actor of the clause (7.10) */
			s = first_actor(w, o->end, hi, t);
	}
	if (t < 0) {
		/* the first actor after the verb with another code, else the
		 * nearest such before it, else a compound source acts on
		 * itself */
		t = first_actor(w, o->end, hi, s);
		if (t < 0 && dt >= 0 && op->dflt.target_after)
			t = dt;     /* DEFAULT: TARGET [c] AFTER */
		if (t < 0)      /* searching back from the verb */
			t = last_actor(w, lo, o->start, s);
		if (t < 0 && s >= 0 && s < w->nm && group_size(w, s) >= 2)
			t = s;
		if (t >= 0 && t < w->nm && s >= 0 && s < w->nm && t != s &&
		    w->m[t].resolved && w->m[t].group == w->m[s].group)
			t = s;      /* THEY for the source's compound: on itself */
	}
	if (!marked && s >= 0 && t >= 0 && t != s && tpassive(w, o)) {
		int x = s;
		s = t;
		t = x;
	}
	if (s < 0)
		s = ds;
	if (t < 0)
		t = dt;
	if (!op->require_dyad && (s >= 0 || t >= 0) && w->nm < w->mcap - 2) {
		/* PETRARCH's require_dyad off: "---" for a missing side */
		if (s < 0)
			s = pseudo_mention(w, w->nm, o, "---");
		if (t < 0)
			t = pseudo_mention(w, w->nm + 1, o, "---");
	}
	*src = s;
	*tgt = t;
	return s >= 0 && t >= 0;
}

int code_sentence_tabari(struct dyad_worker *w, int sent, int date, struct span sspan)
{
	const struct dyad_engine *e = w->e;
	int n = w->ntok;
	/* an actor coded ### or +++ discards the sentence or makes it
	 * complex (6.3, 6.4) */
	for (int k = 0; k < w->nm; k++)
		if (!strcmp(w->m[k].code, "###") || !strcmp(w->m[k].code, "+++")) {
			w->sent_drop = true;
			return 0;
		}
	tabari_nor(w);
	tabari_np_members(w);
	tabari_former(w, date);
	tabari_pronouns(w, date);
	/* clauses: conjunctions that join no compound */
	int *cb = arena_alloc(&w->arena, sizeof(int) * (size_t)(n + 2));
	struct tevent *evs = arena_alloc(&w->arena, sizeof *evs * (size_t)(w->nv + 1));
	if (!cb || !evs)
		return DYAD_ENOMEM;
	int ncb = 0;
	cb[ncb++] = 0;
	for (int t = 1; t < n; t++)
		if (is_conj(w, t) && !joins_compound(w, t))
			cb[ncb++] = t + 1;
	cb[ncb] = n + 1;
	int nev = 0, carry = -1;
	bool dominant = false, verbless = false;
	for (int c = 0; c < ncb; c++) {
		int lo = cb[c], hi = cb[c + 1] - 1;   /* without the conjunction */
		int sub = -1;       /* a subordinate event waiting in this clause */
		bool coded = false;
		/* after a part without a verb ("Ithilen's sheep and pigs of
		 * Gondor warned") nothing is carried: it was no clause */
		int ccarry = verbless ? -1 : carry;
		verbless = true;
		for (int vi = 0; vi < w->nv; vi++)
			if (w->v[vi].start >= lo && w->v[vi].start < hi && !w->v[vi].skip)
				verbless = false;
		for (int vi = 0; vi < w->nv; vi++) {
			struct vocc *o = &w->v[vi];
			if (o->start < lo || o->start >= hi || o->skip)
				continue;
			struct pmatch pm = { -1, -1, -1 };
			const struct pattern *p = best_tpattern(w, o, lo, hi, &pm);
			const char *code2 = "";
			const char *code = p ? p->code : verb_code(e, o->f, &code2);
			if (p)
				code2 = p->code2;
			struct tcode tc = p ? pat_tcode(e, (uint32_t)(p - e->pat.v)) :
				          block_tcode(e, o->f->block);
			if (!code[0] || !strcmp(code, "---"))
				continue;       /* a null verb: the next one */
			int s, t;
			bool ok = actors(w, vi, lo, hi, &pm, ccarry, &s, &t);
			if (s >= 0 && s < w->nm)
				carry = ccarry = s;
			if (!ok)
				continue;
			struct tevent *ev = &evs[nev];
			*ev = (struct tevent){ vi, s, t, p, code, code2,
					       (uint8_t)(tc.flags & (TCF_SUBORD | TCF_DOMINANT)) };
			/* special codes: a complex or discard code drops the
			 * sentence (6.3, 6.4) */
			if (!strcmp(code, "+++") || !strcmp(code, "###")) {
				w->sent_drop = true;
				return 0;
			}
			if (ev->flags & TCF_SUBORD) {
				if (sub < 0)
					sub = nev++;
				continue;
			}
			if ((ev->flags & TCF_DOMINANT) && w->opts.check_dominant)
				dominant = true;
			nev++;
			coded = true;
			if (w->opts.code_by != CODE_ALL)
				break;
		}
		if (!coded && sub >= 0 && w->opts.code_by == CODE_BY_CLAUSE) {
			evs[sub].flags &= (uint8_t)~TCF_SUBORD;
			coded = true;
		}
		if (!coded) {
			/* no event in this clause: its first actor becomes the
			 * source of the clauses after it (7.6) */
			int f = first_actor(w, lo, hi, -1);
			if (f >= 0)
				carry = f;
		}
		if (coded && w->opts.code_by == CODE_BY_SENTENCE)
			break;
	}
	/* CODE BY SENTENCE, CODE ALL: a subordinate event is promoted only
	 * when the sentence has no other event (7.6.1) */
	bool other = false;
	for (int i = 0; i < nev; i++)
		other |= !(evs[i].flags & TCF_SUBORD);
	for (int i = 0; i < nev && !other; i++)
		if (evs[i].flags & TCF_SUBORD) {
			evs[i].flags &= (uint8_t)~TCF_SUBORD;
			break;
		}
	for (int i = 0; i < nev; i++) {
		if (evs[i].flags & TCF_SUBORD)
			continue;
		if (dominant && !(evs[i].flags & TCF_DOMINANT))
			continue;
		int rc = emit(w, sent, date, sspan, &evs[i]);
		if (rc)
			return rc;
	}
	return 0;
}
