/*
 * dict_petr.c - readers for the PETRARCH-2 / Phoenix dictionary formats:
 * verbs (CAMEO.2.0.txt: synsets, verb blocks, forms, patterns), actors
 * (phrases, '+' synonyms, date-restricted codes), agents (substitution
 * sets, plurals, ~codes) and discards. See docs/dictionaries.md.
 *
 * A malformed line is reported through dict_problem() with file and line
 * and skipped; a reader only fails for out-of-memory.
 */
#include "dict.h"
#include <ctype.h>
#include <stdio.h>

#define MAXW 48          /* words in one phrase */
#define MAXKEY 256

void dict_problem(struct dict_ctx *c, long line, const char *fmt, ...)
{
	dyad_dict_problem p;
	va_list ap;
	c->problems++;
	if (!c->on_problem)
		return;
	snprintf(p.file, sizeof p.file, "%s", c->path);
	p.line = line;
	va_start(ap, fmt);
	vsnprintf(p.msg, sizeof p.msg, fmt, ap);
	va_end(ap);
	c->on_problem(c->pctx, &p);
}

bool dict_line_too_long(struct dict_ctx *c, long line, size_t n)
{
	size_t max = c->max_entry ? c->max_entry : DYAD_DEFAULT_MAX_ENTRY_BYTES;
	if (n <= max)
		return false;
	dict_problem(c, line, "line longer than %zu bytes (%zu), skipped", max, n);
	return true;
}

uint32_t estr_add(struct dyad_engine *e, const char *s, size_t n)
{
	if (!n)
		return 0;
	if (e->strs.len > UINT32_MAX - n - 2)
		return UINT32_MAX;
	uint32_t off = (uint32_t)e->strs.len;
	if (buf_add(&e->strs, s, n) || buf_addc(&e->strs, 0))
		return UINT32_MAX;
	return off;
}

/* ---- line iteration ---------------------------------------------------- */

struct line { const char *p; size_t n; long no; };

/* The next line; a line longer than c->max_entry bytes is reported and
 * skipped (dict_line_too_long). */
static bool next_line(struct dict_ctx *c, const char **cur, const char *end, struct line *l,
		      long *no)
{
	for (;;) {
		if (*cur >= end)
			return false;
		const char *s = *cur;
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		*cur = nl ? nl + 1 : end;
		l->p = s;
		l->n = (size_t)(e - s);
		if (l->n && s[l->n - 1] == '\r')
			l->n--;
		l->no = ++*no;
		if (!dict_line_too_long(c, l->no, l->n))
			return true;
	}
}

/* Strip a '#' comment (and, for actors, a ';' comment) and trailing space. */
static void strip_comment(struct line *l, bool semicolon)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->p[i] == '#' || (semicolon && l->p[i] == ';')) {
			l->n = i;
			break;
		}
	}
	while (l->n && isspace((unsigned char)l->p[l->n - 1]))
		l->n--;
}

static void skip_space(const char **s, const char *e)
{
	while (*s < e && isspace((unsigned char)**s))
		(*s)++;
}

/* Intern one dictionary word: upper-case key, '_' never part of it. */
static uint32_t word_id(struct dyad_engine *e, const char *s, size_t n)
{
	char key[MAXKEY];
	int k = text_key(s, n, key, sizeof key);
	if (k <= 0)
		return 0;
	return vocab_intern(&e->vocab, key, (size_t)k);
}

/* Split a phrase on '_' and blanks into word ids. Returns the number of
 * words, or -1 when there are too many or a word is unusable. */
static int phrase_words(struct dyad_engine *e, const char *s, size_t n,
			uint32_t *out, int max)
{
	int k = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == '_' || isspace((unsigned char)s[i])))
			i++;
		size_t st = i;
		while (i < n && s[i] != '_' && !isspace((unsigned char)s[i]))
			i++;
		if (i == st)
			break;
		if (k == max)
			return -1;
		uint32_t id = word_id(e, s + st, i - st);
		if (!id)
			return -1;
		out[k++] = id;
	}
	return k;
}

/* Regular English plural of an upper-case word into out. */
static size_t plural(const char *w, size_t n, char *out, size_t cap)
{
	if (n + 3 > cap || n == 0)
		return 0;
	memcpy(out, w, n);
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	if (last == 'Y' && prev && !strchr("AEIOU", prev)) {
		memcpy(out + n - 1, "IES", 3);
		return n + 2;
	}
	if (last == 'S' || last == 'X' || last == 'Z' ||
	    (last == 'H' && (prev == 'S' || prev == 'C'))) {
		memcpy(out + n, "ES", 2);
		return n + 2;
	}
	out[n] = 'S';
	return n + 1;
}

/* ---- dates and codes ----------------------------------------------------- */

int dict_date(const char *s, size_t n)
{
	int v = 0;
	if (n != 6 && n != 8)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	if (n == 6) {
		int yy = v / 10000;
		v += (yy < 40 ? 20000000 : 19000000);
	}
	int m = v / 100 % 100, d = v % 100;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	return v;
}

uint32_t actor_code_on(const struct dyad_engine *e, const struct actor *a,
		       int date)
{
	uint32_t dflt = 0;
	if (!date) {
		/* no date known: the default code, else the present one (an
		 * open-ended ">date" range, else the range that ends last) */
		uint32_t best = 0;
		int32_t best_to = -1;
		for (uint32_t i = 0; i < a->ncodes; i++) {
			const struct actor_code *c = &e->acode.v[a->first_code + i];
			if (!c->from && !c->to)
				return c->code;
			int32_t to = c->to ? c->to : INT32_MAX;
			if (to > best_to) {
				best_to = to;
				best = c->code;
			}
		}
		return best;
	}
	for (uint32_t i = 0; i < a->ncodes; i++) {
		const struct actor_code *c = &e->acode.v[a->first_code + i];
		if (!c->from && !c->to) {
			if (!dflt)
				dflt = c->code;
			continue;
		}
		if (!date)
			continue;
		if ((!c->from || date >= c->from) && (!c->to || date <= c->to))
			return c->code;
	}
	return dflt;
}

/* Parse "[CODE]" / "[CODE <date]" / "[CODE >date]" / "[CODE d1-d2]" at s.
 * Returns 1 on success, 0 if malformed. */
static int parse_code_restriction(const char *s, size_t n, char *code,
				  size_t cap, int *from, int *to)
{
	const char *e = s + n, *p = s;
	*from = *to = 0;
	if (p >= e || *p != '[')
		return 0;
	p++;
	skip_space(&p, e);
	const char *cs = p;
	while (p < e && !isspace((unsigned char)*p) && *p != ']')
		p++;
	size_t cl = (size_t)(p - cs);
	if (!cl || cl >= cap)
		return 0;
	memcpy(code, cs, cl);
	code[cl] = 0;
	skip_space(&p, e);
	if (p < e && *p != ']') {
		const char *ds = p;
		while (p < e && *p != ']')
			p++;
		const char *de = p;
		while (de > ds && isspace((unsigned char)de[-1]))
			de--;
		if (*ds == '<' || *ds == '>') {
			const char *q = ds + 1;
			skip_space(&q, de);
			int d = dict_date(q, (size_t)(de - q));
			if (!d)
				return 0;
			if (*ds == '<')
				*to = d;
			else
				*from = d;
		} else {
			const char *dash = memchr(ds, '-', (size_t)(de - ds));
			if (!dash)
				return 0;
			const char *ae = dash;   /* "19950601 - 19990815": blanks allowed */
			while (ae > ds && isspace((unsigned char)ae[-1]))
				ae--;
			int a = dict_date(ds, (size_t)(ae - ds));
			const char *q = dash + 1;
			skip_space(&q, de);
			int b = q < de ? dict_date(q, (size_t)(de - q)) : -1;
			if (!a || !b)
				return 0;
			*from = a;
			*to = b > 0 ? b : 0;
			if (!*to)
				*to = 0;
		}
	}
	if (p >= e || *p != ']')
		return 0;
	return 1;
}

/* ---- actors ------------------------------------------------------------- */

struct actor_build {
	struct dict_ctx *c;
	int32_t cur;            /* current actor entry, -1 none */
	bool had_codes_line;    /* a date-restriction line was seen */
	uint32_t phrases[256][MAXW + 1];   /* pending phrase words, [0] = count */
	int nphr;
};

/* Adds phrase s to trie t with value; a phrase with no usable words is
 * a dictionary problem named by what ("actor", "agent"), not an error.
 * Returns 1 when added, 0 when skipped, or a negative error. A phrase
 * seen again takes the later value. */
static int phrase_add(struct dict_ctx *c, struct trie *t, const char *s,
		      size_t n, uint32_t value, const char *what, long line)
{
	uint32_t w[MAXW];
	int k = phrase_words(c->e, s, n, w, MAXW);
	if (k <= 0) {
		dict_problem(c, line, "%s phrase has no usable words: '%.*s'",
			     what, (int)MIN(n, 80), s);
		return 0;
	}
	uint32_t node = trie_add(t, w, (size_t)k);
	if (!node)
		return DYAD_ENOMEM;
	t->value.v[node] = value;
	return 1;
}

static int actor_add_phrase(struct dict_ctx *c, int32_t ent, const char *s,
			    size_t n, long line)
{
	int rc = phrase_add(c, &c->e->actors, s, n, (uint32_t)ent + 1,
			    "actor", line);
	if (rc > 0)
		c->e->stats.actor_phrases++;
	return rc < 0 ? rc : 0;
}

int actor_add_code(struct dict_ctx *c, int32_t ent, const char *code,
		   int from, int to)
{
	struct dyad_engine *e = c->e;
	struct actor *a = &e->actor.v[ent];
	struct actor_code *ac = vec_push(&e->acode);
	if (!ac)
		return DYAD_ENOMEM;
	a = &e->actor.v[ent];
	if (!a->ncodes)
		a->first_code = e->acode.n - 1;
	a->ncodes++;
	/* [---] is the null code: the phrase is known but not an actor */
	ac->code = strcmp(code, "---") ? estr_add(e, code, strlen(code)) : 0;
	ac->from = from;
	ac->to = to;
	return ac->code == UINT32_MAX ? DYAD_ENOMEM : 0;
}

/* The codes of one line: zero or more "[...]" groups after the phrase. */
static int actor_line_codes(struct dict_ctx *c, int32_t ent, const char *s,
			    size_t n, long line)
{
	const char *p = s, *e = s + n;
	while (p < e) {
		skip_space(&p, e);
		if (p >= e)
			break;
		if (*p != '[') {
			dict_problem(c, line, "unexpected text after actor phrase: '%.*s'",
				     (int)MIN((size_t)(e - p), 60), p);
			return 0;
		}
		const char *q = memchr(p, ']', (size_t)(e - p));
		if (!q) {
			dict_problem(c, line, "unterminated code: '%.*s'",
				     (int)MIN((size_t)(e - p), 60), p);
			return 0;
		}
		char code[32];
		int from, to;
		if (!parse_code_restriction(p, (size_t)(q - p + 1), code, sizeof code,
					    &from, &to)) {
			dict_problem(c, line, "malformed actor code: '%.*s'",
				     (int)(q - p + 1), p);
		} else {
			int rc = actor_add_code(c, ent, code, from, to);
			if (rc)
				return rc;
		}
		p = q + 1;
	}
	return 0;
}

int32_t actor_new(struct dict_ctx *c, const char *name, size_t n,
		  long line)
{
	struct actor *a = vec_push(&c->e->actor);
	if (!a)
		return -1;
	a->name = estr_add(c->e, name, n);
	a->src.file = c->file;
	a->src.line = (uint32_t)line;
	c->e->stats.actors++;
	return (int32_t)c->e->actor.n - 1;
}

int dict_read_actors(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct line l;
	long no = 0;
	int32_t ent = -1;
	int rc;
	while (next_line(c, &cur, end, &l, &no)) {
		bool indented = l.n && (l.p[0] == '\t' || l.p[0] == ' ');
		strip_comment(&l, true);
		const char *p = l.p, *e = l.p + l.n;
		skip_space(&p, e);
		if (p >= e)
			continue;
		if (*p == '<')      /* XML-style comment lines of old files */
			continue;
		if (*p == '[') {
			if (ent < 0 || !indented) {
				if (ent < 0) {
					dict_problem(c, l.no, "code line without an actor: '%.*s'",
						     (int)MIN((size_t)(e - p), 60), p);
					continue;
				}
			}
			if ((rc = actor_line_codes(c, ent, p, (size_t)(e - p), l.no)))
				return rc;
			continue;
		}
		bool syn = *p == '+';
		if (syn)
			p++;
		const char *ps = p;
		while (p < e && *p != '[' && *p != '{')
			p++;
		const char *pe = p;
		while (pe > ps && isspace((unsigned char)pe[-1]))
			pe--;
		if (pe == ps) {
			dict_problem(c, l.no, "empty actor phrase");
			continue;
		}
		if (!syn || ent < 0) {
			if (syn)
				dict_problem(c, l.no, "synonym before any actor: '%.*s'",
					     (int)MIN((size_t)(pe - ps), 60), ps);
			ent = actor_new(c, ps, (size_t)(pe - ps), l.no);
			if (ent < 0)
				return DYAD_ENOMEM;
		}
		if ((rc = actor_add_phrase(c, ent, ps, (size_t)(pe - ps), l.no)))
			return rc;
		if (p < e && *p == '{') {       /* old-style {comment} groups */
			const char *q = memchr(p, '}', (size_t)(e - p));
			p = q ? q + 1 : e;
		}
		if ((rc = actor_line_codes(c, ent, p, (size_t)(e - p), l.no)))
			return rc;
	}
	return 0;
}

/* ---- agents ------------------------------------------------------------- */

struct subst { char name[32]; char items[16][48]; int n; };

static int agent_add(struct dict_ctx *c, const char *phrase, size_t n,
		     uint32_t agent, long line)
{
	int rc = phrase_add(c, &c->e->agents, phrase, n, agent + 1, "agent",
			    line);
	return rc < 0 ? rc : 0;
}

/* Whether an agent phrase names one office holder (minister, president,
 * secretary general ...), whom "the minister" can later refer to, as
 * opposed to a body (ministry) or a group (protesters, troops). */
bool agent_is_person(const char *p, size_t n)
{
	static const char *const office[] = {
		"MINISTER", "PRESIDENT", "PREMIER", "CHANCELLOR", "SECRETARY",
		"SECRETARY-GENERAL", "GENERAL", "KING", "QUEEN", "PRINCE",
		"EMIR", "SULTAN", "AMBASSADOR", "ENVOY", "SPOKESMAN",
		"SPOKESWOMAN", "SPOKESPERSON", "CHAIRMAN", "CHAIRWOMAN",
		"CHAIRPERSON", "CHAIR", "LEADER", "GOVERNOR", "MAYOR",
		"COMMANDER", "CHIEF", "DIRECTOR", "HEAD", "ADVISER", "ADVISOR",
		"SENATOR", "JUDGE", "PROSECUTOR", "MONARCH", "POPE", "AYATOLLAH",
		"DIPLOMAT", "COUNTERPART", "REPRESENTATIVE", "NEGOTIATOR",
		"VICE-PRESIDENT", "SPEAKER", "DEPUTY", "COMMISSIONER", "MP",
		"LAWMAKER", "OFFICIAL", "ATTORNEY", "GENERAL-SECRETARY", "RULER",
		"DICTATOR", "STRONGMAN", "CZAR", "TSAR", "SHEIKH", "MUFTI",
	};
	char key[MAXKEY];
	int k = text_key(p, n, key, sizeof key);
	while (k > 0 && (key[k - 1] == '_' || key[k - 1] == ' '))
		k--;
	if (k <= 0)
		return false;
	int st = k;
	while (st > 0 && key[st - 1] != '_' && key[st - 1] != ' ')
		st--;
	/* "!MINIST!" expands later; its singular is a person */
	if (k - st == 8 && !memcmp(key + st, "!MINIST!", 8))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(office); i++)
		if ((size_t)(k - st) == strlen(office[i]) && !memcmp(key + st, office[i], (size_t)(k - st)))
			return true;
	return false;
}

int dict_read_agents(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct line l;
	long no = 0;
	struct subst subs[16];
	int nsubs = 0, rc;
	while (next_line(c, &cur, end, &l, &no)) {
		strip_comment(&l, false);
		const char *p = l.p, *e = l.p + l.n;
		skip_space(&p, e);
		if (p >= e || *p == '<')
			continue;
		if (*p == '!') {
			const char *eq = memchr(p, '=', (size_t)(e - p));
			const char *bang = memchr(p + 1, '!', (size_t)(e - p - 1));
			if (eq && bang && bang < eq) {
				if (nsubs == (int)ARRAY_SIZE(subs)) {
					dict_problem(c, l.no, "too many substitution sets");
					continue;
				}
				struct subst *s = &subs[nsubs];
				size_t nl = (size_t)(bang - p + 1);
				if (nl >= sizeof s->name) {
					dict_problem(c, l.no, "substitution name too long");
					continue;
				}
				memcpy(s->name, p, nl);
				s->name[nl] = 0;
				s->n = 0;
				const char *q = eq + 1;
				while (q < e && s->n < 16) {
					skip_space(&q, e);
					const char *is = q;
					while (q < e && *q != ',')
						q++;
					const char *ie = q;
					while (ie > is && isspace((unsigned char)ie[-1]))
						ie--;
					if (ie > is && (size_t)(ie - is) < sizeof s->items[0]) {
						memcpy(s->items[s->n], is, (size_t)(ie - is));
						s->items[s->n][ie - is] = 0;
						s->n++;
					}
					if (q < e)
						q++;
				}
				nsubs++;
				continue;
			}
		}
		/* phrase {plural} [code] */
		const char *ps = p;
		while (p < e && *p != '{' && *p != '[')
			p++;
		const char *pe = p;
		while (pe > ps && isspace((unsigned char)pe[-1]))
			pe--;
		const char *pls = NULL, *ple = NULL;
		if (p < e && *p == '{') {
			pls = p + 1;
			const char *q = memchr(p, '}', (size_t)(e - p));
			if (!q) {
				dict_problem(c, l.no, "unterminated '{' in agent: '%.*s'",
					     (int)MIN((size_t)(e - ps), 60), ps);
				continue;
			}
			ple = q;
			p = q + 1;
		}
		skip_space(&p, e);
		/* Phoenix has a few "[~GOV}" typos: accept '}' as the closer */
		if (p >= e || *p != '[') {
			dict_problem(c, l.no, "agent has no [code]: '%.*s'",
				     (int)MIN((size_t)(e - ps), 60), ps);
			continue;
		}
		const char *cs = p + 1, *ce = cs;
		while (ce < e && *ce != ']' && *ce != '}')
			ce++;
		if (ce >= e || pe == ps) {
			dict_problem(c, l.no, "malformed agent line: '%.*s'",
				     (int)MIN((size_t)(e - ps), 60), ps);
			continue;
		}
		while (cs < ce && isspace((unsigned char)*cs))
			cs++;
		while (ce > cs && isspace((unsigned char)ce[-1]))
			ce--;
		bool prefix = false;
		if (cs < ce && *cs == '~')
			cs++;
		else if (ce > cs && ce[-1] == '~') {
			ce--;
			prefix = true;
		}
		if (ce <= cs || ce - cs > 24) {
			dict_problem(c, l.no, "malformed agent code: '%.*s'",
				     (int)MIN((size_t)(e - ps), 60), ps);
			continue;
		}
		struct agent *ag = vec_push(&c->e->agent);
		if (!ag)
			return DYAD_ENOMEM;
		ag->code = estr_add(c->e, cs, (size_t)(ce - cs));
		ag->prefix = prefix;
		ag->src.file = c->file;
		ag->src.line = (uint32_t)l.no;
		ag->person = agent_is_person(ps, (size_t)(pe - ps));
		uint32_t aid = c->e->agent.n - 1;
		c->e->stats.agents++;

		/* expand !SUBST! markers (one per phrase) */
		char forms[20][MAXKEY];
		int nforms = 0;
		const char *b1 = memchr(ps, '!', (size_t)(pe - ps));
		const char *b2 = b1 ? memchr(b1 + 1, '!', (size_t)(pe - b1 - 1)) : NULL;
		bool substituted = false;
		if (b1 && b2) {
			size_t nl = (size_t)(b2 - b1 + 1);
			struct subst *s = NULL;
			for (int i = 0; i < nsubs; i++)
				if (strlen(subs[i].name) == nl && !memcmp(subs[i].name, b1, nl))
					s = &subs[i];
			if (!s) {
				dict_problem(c, l.no, "undefined substitution '%.*s'", (int)nl, b1);
				c->e->agent.n--;        /* the record pushed above */
				c->e->stats.agents--;
				continue;
			}
			for (int i = 0; i < s->n && nforms < 20; i++) {
				int k = snprintf(forms[nforms], MAXKEY, "%.*s%s%.*s",
						 (int)(b1 - ps), ps, s->items[i],
						 (int)(pe - b2 - 1), b2 + 1);
				if (k > 0 && k < MAXKEY)
					nforms++;
			}
			substituted = true;
		} else if ((size_t)(pe - ps) < MAXKEY) {
			memcpy(forms[0], ps, (size_t)(pe - ps));
			forms[0][pe - ps] = 0;
			nforms = 1;
		}
		for (int i = 0; i < nforms; i++) {
			size_t fl = strlen(forms[i]);
			if ((rc = agent_add(c, forms[i], fl, aid, l.no)))
				return rc;
			if (substituted)
				continue;
			if (pls) {      /* explicit plurals, possibly none */
				const char *q = pls;
				while (q < ple) {
					while (q < ple && isspace((unsigned char)*q))
						q++;
					const char *ws = q;
					while (q < ple && !isspace((unsigned char)*q))
						q++;
					if (q > ws && (rc = agent_add(c, ws, (size_t)(q - ws), aid, l.no)))
						return rc;
				}
			} else {
				char key[MAXKEY], pl[MAXKEY + 4];
				int k = text_key(forms[i], fl, key, sizeof key);
				while (k > 0 && key[k - 1] == '_')
					k--;
				size_t pn = k > 0 ? plural(key, (size_t)k, pl, sizeof pl) : 0;
				if (pn && (rc = agent_add(c, pl, pn, aid, l.no)))
					return rc;
			}
		}
	}
	return 0;
}

/* ---- discards ------------------------------------------------------------ */

int dict_read_discards(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct line l;
	long no = 0;
	while (next_line(c, &cur, end, &l, &no)) {
		strip_comment(&l, false);
		const char *p = l.p, *e = l.p + l.n;
		skip_space(&p, e);
		if (p >= e || *p == '<')
			continue;
		bool story = *p == '+';
		if (story)
			p++;
		uint32_t w[MAXW];
		int k = phrase_words(c->e, p, (size_t)(e - p), w, MAXW);
		if (k <= 0) {
			dict_problem(c, l.no, "discard phrase has no usable words: '%.*s'",
				     (int)MIN((size_t)(e - p), 60), p);
			continue;
		}
		struct discard *d = vec_push(&c->e->disc);
		if (!d)
			return DYAD_ENOMEM;
		d->story = story;
		d->src.file = c->file;
		d->src.line = (uint32_t)l.no;
		d->text = estr_add(c->e, p, (size_t)(e - p));
		uint32_t node = trie_add(&c->e->discards, w, (size_t)k);
		if (!node)
			return DYAD_ENOMEM;
		c->e->discards.value.v[node] = c->e->disc.n;
		c->e->stats.discards++;
	}
	return 0;
}

/* ---- verbs ---------------------------------------------------------------- */

/* Copy a bracketed code "[036:036]" into code/code2 ("" when absent).
 * Returns false when malformed. */
static bool parse_verb_code(const char *s, size_t n, char *code, char *code2)
{
	code[0] = code2[0] = 0;
	if (n < 2 || s[0] != '[' || s[n - 1] != ']')
		return false;
	s++;
	n -= 2;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	/* "[023?]" / "[023!]": TABARI's subordinate / dominant marks */
	while (n && (s[n - 1] == '?' || s[n - 1] == '!'))
		n--;
	const char *colon = memchr(s, ':', n);
	size_t n1 = colon ? (size_t)(colon - s) : n;
	if (n1 > 5)
		return false;
	for (size_t i = 0; i < n1; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '-' && s[i] != '#')
			return false;
	memcpy(code, s, n1);
	code[n1] = 0;
	if (colon) {
		size_t n2 = n - n1 - 1;
		const char *s2 = colon + 1;
		if (n2 > 5)
			return false;
		for (size_t i = 0; i < n2; i++)
			if (!isdigit((unsigned char)s2[i]) && s2[i] != '-')
				return false;
		memcpy(code2, s2, n2);
		code2[n2] = 0;
	}
	return n1 || colon;
}

/* Inflections of an upper-case verb (including itself). */
static int verb_inflect(const char *w, size_t n, char out[8][MAXKEY])
{
	int k = 0;
	if (!n || n + 5 > MAXKEY)
		return 0;
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	bool vowel_prev = prev && strchr("AEIOU", prev);
	bool cvc = n >= 3 && !strchr("AEIOUWXY", last) && vowel_prev &&
		   !strchr("AEIOU", w[n - 3]);
#define ADD(...) do { if (k < 8) { snprintf(out[k], MAXKEY, __VA_ARGS__); k++; } } while (0)
	ADD("%.*s", (int)n, w);
	size_t pn = plural(w, n, out[k], MAXKEY);
	if (pn) {
		out[k][pn] = 0;
		k++;
	}
	if (last == 'E') {
		ADD("%.*sD", (int)n, w);
		if (prev != 'E')
			ADD("%.*sING", (int)n - 1, w);
		else
			ADD("%.*sING", (int)n, w);
	} else if (last == 'Y' && prev && !vowel_prev) {
		ADD("%.*sIED", (int)n - 1, w);
		ADD("%.*sING", (int)n, w);
	} else {
		ADD("%.*sED", (int)n, w);
		ADD("%.*sING", (int)n, w);
		if (cvc) {
			ADD("%.*s%cED", (int)n, w, last);
			ADD("%.*s%cING", (int)n, w, last);
		}
	}
#undef ADD
	return k;
}

struct verb_state {
	struct dict_ctx *c;
	int32_t block;          /* current block, -1 none */
	int32_t synset;         /* current synset, -1 none */
	bool syn_noplural;
};

/* Add one verb form phrase (words joined by '_', '+' marks the head). */
static int verb_add_form(struct verb_state *vs, const char *s, size_t n,
			 const char *lemma, size_t lemma_n, const char *code,
			 const char *code2, bool has_code, long line)
{
	struct dyad_engine *e = vs->c->e;
	uint32_t w[MAXW];
	int k = 0, head = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == '_')
			i++;
		if (i >= n)
			break;
		bool plus = s[i] == '+';
		if (plus)
			i++;
		size_t st = i;
		while (i < n && s[i] != '_')
			i++;
		if (i == st || k == MAXW)
			break;
		if (plus)
			head = k;
		uint32_t id = word_id(e, s + st, i - st);
		if (!id)
			return 0;
		w[k++] = id;
	}
	if (!k) {
		dict_problem(vs->c, line, "empty verb form");
		return 0;
	}
	uint32_t node = trie_add(&e->verbs, w, (size_t)k);
	if (!node)
		return DYAD_ENOMEM;
	struct verb_form *f = vec_push(&e->vform);
	if (!f)
		return DYAD_ENOMEM;
	f->block = (uint32_t)vs->block;
	f->lemma = estr_add(e, lemma, lemma_n);
	snprintf(f->code, sizeof f->code, "%s", code);
	snprintf(f->code2, sizeof f->code2, "%s", code2);
	f->has_code = has_code;
	f->head = (uint8_t)head;
	f->nwords = (uint8_t)k;
	f->src.file = vs->c->file;
	f->src.line = (uint32_t)line;
	f->prev = e->verbs.value.v[node];
	e->verbs.value.v[node] = e->vform.n;
	e->stats.verb_forms++;
	return 0;
}

/* A verb line: PHRASE [code]? {forms}? in any order after the phrase. */
static int verb_line(struct verb_state *vs, const char *p, const char *e, long line)
{
	const char *ps = p;
	while (p < e && !isspace((unsigned char)*p) && *p != '[' && *p != '{')
		p++;
	const char *pe = p;
	char code[6] = "", code2[6] = "";
	bool has_code = false;
	const char *fs = NULL, *fe = NULL;
	while (p < e) {
		skip_space(&p, e);
		if (p >= e)
			break;
		if (*p == '[') {
			const char *q = memchr(p, ']', (size_t)(e - p));
			if (!q || !parse_verb_code(p, (size_t)(q - p + 1), code, code2)) {
				dict_problem(vs->c, line, "malformed verb code: '%.*s'",
					     (int)MIN((size_t)(e - p), 40), p);
				return 0;
			}
			has_code = true;
			p = q + 1;
		} else if (*p == '{') {
			const char *q = memchr(p, '}', (size_t)(e - p));
			if (!q) {
				dict_problem(vs->c, line, "unterminated '{' in verb forms");
				return 0;
			}
			fs = p + 1;
			fe = q;
			p = q + 1;
		} else {
			dict_problem(vs->c, line, "unexpected text in verb line: '%.*s'",
				     (int)MIN((size_t)(e - p), 40), p);
			return 0;
		}
	}
	if (!strcmp(code, "---"))
		code[0] = 0;
	/* lemma: the phrase without '+' */
	char lemma[MAXKEY];
	size_t ln = 0;
	for (const char *q = ps; q < pe && ln + 1 < sizeof lemma; q++)
		if (*q != '+')
			lemma[ln++] = *q == '_' ? ' ' : *q;
	lemma[ln] = 0;
	vs->c->e->stats.verbs++;
	int rc = 0;
	if (fs) {
		if ((rc = verb_add_form(vs, ps, (size_t)(pe - ps), lemma, ln, code, code2, has_code, line)))
			return rc;
		const char *q = fs;
		while (q < fe) {
			while (q < fe && isspace((unsigned char)*q))
				q++;
			const char *ws = q;
			while (q < fe && !isspace((unsigned char)*q))
				q++;
			if (q > ws && (rc = verb_add_form(vs, ws, (size_t)(q - ws), lemma, ln,
							  code, code2, has_code, line)))
				return rc;
		}
		return 0;
	}
	/* regular forms of the head word */
	const char *hs = ps, *he;
	const char *plus = memchr(ps, '+', (size_t)(pe - ps));
	if (plus)
		hs = plus + 1;
	he = hs;
	while (he < pe && *he != '_')
		he++;
	char hk[MAXKEY];
	int hn = text_key(hs, (size_t)(he - hs), hk, sizeof hk);
	if (hn <= 0) {
		dict_problem(vs->c, line, "unusable verb '%.*s'", (int)(pe - ps), ps);
		return 0;
	}
	char infl[8][MAXKEY];
	int ni = verb_inflect(hk, (size_t)hn, infl);
	for (int i = 0; i < ni; i++) {
		char form[3 * MAXKEY];
		int fl = snprintf(form, sizeof form, "%.*s+%s%.*s", (int)(hs - ps - (plus ? 1 : 0)),
				  ps, infl[i], (int)(pe - he), he);
		if (fl <= 0 || (size_t)fl >= sizeof form)
			continue;
		if ((rc = verb_add_form(vs, form, (size_t)fl, lemma, ln, code, code2, has_code, line)))
			return rc;
	}
	return 0;
}

/* Parse the elements of a pattern (text before the code). */
static int pattern_line(struct verb_state *vs, const char *p, const char *e, long line)
{
	struct dyad_engine *c_e = vs->c->e;
	/* the code is the last [...] */
	const char *cb = NULL;
	for (const char *q = e; q > p; q--)
		if (q[-1] == '[') {
			cb = q - 1;
			break;
		}
	const char *ce = cb ? memchr(cb, ']', (size_t)(e - cb)) : NULL;
	char code[6], code2[6];
	if (!cb || !ce || !parse_verb_code(cb, (size_t)(ce - cb + 1), code, code2)) {
		dict_problem(vs->c, line, "pattern has no valid [code]");
		return 0;
	}
	if (vs->block < 0) {
		dict_problem(vs->c, line, "pattern before any verb block");
		return 0;
	}
	struct pattern *pt = vec_push(&c_e->pat);
	if (!pt)
		return DYAD_ENOMEM;
	uint32_t pidx = c_e->pat.n - 1;
	pt->block = (uint32_t)vs->block;
	pt->first_el = c_e->pel.n;
	snprintf(pt->code, sizeof pt->code, "%s", code);
	snprintf(pt->code2, sizeof pt->code2, "%s", code2);
	pt->src.file = vs->c->file;
	pt->src.line = (uint32_t)line;
	const char *ts = p;
	while (ts < cb && isspace((unsigned char)*ts))
		ts++;
	const char *te = cb;
	while (te > ts && isspace((unsigned char)te[-1]))
		te--;
	pt->text = estr_add(c_e, ts, (size_t)(te - ts));
	bool star = false, in_brace = false, ok = true;
	int npre = 0, npost = 0, nwords = 0;
	bool first_in_brace = false;
	const char *q = ts;
	while (q < te && ok) {
		if (isspace((unsigned char)*q) || *q == '(' || *q == ')') {
			q++;
			continue;
		}
		if (*q == '{') {
			in_brace = true;
			first_in_brace = true;
			q++;
			continue;
		}
		if (*q == '}') {
			in_brace = false;
			q++;
			continue;
		}
		const char *ws = q;
		while (q < te && !isspace((unsigned char)*q) && !memchr("(){}", *q, 4))
			q++;
		size_t wn = (size_t)(q - ws);
		if (wn == 1 && *ws == '*') {
			if (star)
				ok = false;
			star = true;
			continue;
		}
		/* one token may be several '_'-joined words */
		size_t i = 0;
		bool first_piece = true;
		while (i < wn && ok) {
			size_t st = i;
			while (i < wn && ws[i] != '_')
				i++;
			size_t pl = i - st;
			while (i < wn && ws[i] == '_')
				i++;
			if (!pl)
				continue;
			struct pel *el = vec_push(&c_e->pel);
			if (!el)
				return DYAD_ENOMEM;
			const char *w = ws + st;
			if (pl == 1 && *w == '$')
				el->kind = PEL_SOURCE;
			else if (pl == 1 && *w == '+')
				el->kind = PEL_TARGET;
			else if (pl == 1 && *w == '%')
				el->kind = PEL_COMPOUND;
			else if (pl == 1 && *w == '^')
				el->kind = PEL_SKIP;
			else if (*w == '&') {
				char key[MAXKEY];
				int k = text_key(w, pl, key, sizeof key);
				int32_t found = -1;
				for (uint32_t s = 0; k > 0 && s < c_e->syn.n; s++) {
					const char *nm = estr(c_e, c_e->syn.v[s].name);
					if (strlen(nm) == (size_t)k && !memcmp(nm, key, (size_t)k))
						found = (int32_t)s;
				}
				if (found < 0) {
					dict_problem(vs->c, line, "undefined synset '%.*s'", (int)pl, w);
					ok = false;
					break;
				}
				el->kind = PEL_SYN;
				el->v = (uint32_t)found;
				nwords++;
			} else {
				el->kind = PEL_WORD;
				el->v = word_id(c_e, w, pl);
				if (!el->v) {
					ok = false;
					break;
				}
				nwords++;
			}
			if (!first_piece || (in_brace && !first_in_brace))
				el->flags |= PELF_CONSEC;
			first_piece = false;
			if (star)
				npost++;
			else
				npre++;
		}
		first_in_brace = false;
	}
	if (!ok || !star) {
		if (ok)
			dict_problem(vs->c, line, "pattern has no '*' verb marker");
		c_e->pel.n = pt->first_el;
		c_e->pat.n = pidx;
		return 0;
	}
	pt->npre = (uint16_t)npre;
	pt->npost = (uint16_t)npost;
	pt->nwords = (uint16_t)nwords;
	struct verb_block *b = &c_e->block.v[vs->block];
	if (!b->npat)
		b->first_pat = pidx;
	b->npat++;
	c_e->stats.patterns++;
	return 0;
}

static int synset_member(struct verb_state *vs, const char *p, const char *e, long line)
{
	struct dyad_engine *en = vs->c->e;
	uint32_t w[MAXW];
	const char *pe = e;
	bool noplural = vs->syn_noplural || (pe > p && pe[-1] == '_');
	int k = phrase_words(en, p, (size_t)(pe - p), w, MAXW);
	if (k <= 0) {
		dict_problem(vs->c, line, "unusable synset member '%.*s'", (int)(e - p), p);
		return 0;
	}
	for (int form = 0; form < 2; form++) {
		if (form == 1) {
			if (noplural)
				break;
			const char *lw = vocab_str(&en->vocab, w[k - 1]);
			char pl[MAXKEY + 4];
			size_t pn = plural(lw, strlen(lw), pl, sizeof pl);
			if (!pn)
				break;
			w[k - 1] = vocab_intern(&en->vocab, pl, pn);
			if (!w[k - 1])
				return DYAD_ENOMEM;
		}
		for (int i = 0; i < k; i++) {
			uint32_t *s = vec_push(&en->synword);
			if (!s)
				return DYAD_ENOMEM;
			*s = w[i];
		}
		uint32_t *z = vec_push(&en->synword);
		if (!z)
			return DYAD_ENOMEM;
		en->syn.v[vs->synset].len += (uint32_t)k + 1;
	}
	return 0;
}

int dict_read_verbs(struct dict_ctx *c, const char *buf, size_t n)
{
	const char *cur = buf, *end = buf + n;
	struct line l;
	long no = 0;
	int rc;
	struct verb_state vs = { c, -1, -1, false };
	while (next_line(c, &cur, end, &l, &no)) {
		/* block headers contain no '#': check before stripping comments */
		const char *p = l.p, *e = l.p + l.n;
		skip_space(&p, e);
		if (e - p >= 3 && !memcmp(p, "---", 3)) {
			const char *q = p + 3;
			const char *ne = e;
			while (ne > q && isspace((unsigned char)ne[-1]))
				ne--;
			if (ne - q >= 3 && !memcmp(ne - 3, "---", 3))
				ne -= 3;
			const char *cb = memchr(q, '[', (size_t)(ne - q));
			char code[6] = "", code2[6] = "";
			const char *nmend = cb ? cb : ne;
			if (cb) {
				const char *cbe = memchr(cb, ']', (size_t)(ne - cb));
				if (!cbe || !parse_verb_code(cb, (size_t)(cbe - cb + 1), code, code2)) {
					dict_problem(c, l.no, "malformed block code");
					code[0] = 0;
				}
			}
			if (!strcmp(code, "---"))
				code[0] = 0;
			skip_space(&q, nmend);
			while (nmend > q && isspace((unsigned char)nmend[-1]))
				nmend--;
			struct verb_block *b = vec_push(&c->e->block);
			if (!b)
				return DYAD_ENOMEM;
			b->name = estr_add(c->e, q, (size_t)(nmend - q));
			snprintf(b->code, sizeof b->code, "%s", code);
			snprintf(b->code2, sizeof b->code2, "%s", cb ? code2 : "");
			b->src.file = c->file;
			b->src.line = (uint32_t)l.no;
			vs.block = (int32_t)c->e->block.n - 1;
			vs.synset = -1;
			continue;
		}
		strip_comment(&l, false);
		p = l.p;
		e = l.p + l.n;
		skip_space(&p, e);
		if (p >= e)
			continue;
		switch (*p) {
		case '~':           /* PETRARCH-2 transformations: not used */
			continue;
		case '&': {
			struct synset *s = vec_push(&c->e->syn);
			if (!s)
				return DYAD_ENOMEM;
			char key[MAXKEY];
			int k = text_key(p, (size_t)(e - p), key, sizeof key);
			bool np = k > 1 && key[k - 1] == '_';
			while (k > 0 && key[k - 1] == '_')
				k--;
			s->name = estr_add(c->e, key, k > 0 ? (size_t)k : 0);
			s->first = c->e->synword.n;
			vs.synset = (int32_t)c->e->syn.n - 1;
			vs.syn_noplural = np;
			c->e->stats.synsets++;
			/* synset names in patterns are looked up without '_' */
			continue;
		}
		case '-':
			if ((rc = pattern_line(&vs, p + 1, e, l.no)))
				return rc;
			vs.synset = -1;
			continue;
		case '+':
			if (vs.synset >= 0) {
				if ((rc = synset_member(&vs, p + 1, e, l.no)))
					return rc;
				continue;
			}
			/* fallthrough: a multi-word verb */
			break;
		default:
			break;
		}
		if (vs.block < 0) {
			dict_problem(c, l.no, "verb outside any '--- NAME [code] ---' block: '%.*s'",
				     (int)MIN((size_t)(e - p), 40), p);
			continue;
		}
		vs.synset = -1;
		if ((rc = verb_line(&vs, p, e, l.no)))
			return rc;
	}
	return 0;
}
