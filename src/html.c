/*
 * html.c - HTML article pages to documents: metadata (title, date,
 * publisher, canonical url) and the article body with boilerplate left
 * out (docs/input.md describes the heuristic).
 *
 * Invariants:
 * - libxml2's HTML parser builds the tree (recover mode, no network, no
 *   messages). Every walk over it is iterative: parent/next pointers, no
 *   recursion, so nesting depth costs no stack.
 * - One bottom-up pass computes, for every element, the length of its
 *   text and of the text inside its links; everything after it reads
 *   those numbers, so extraction is linear in the size of the tree.
 * - The text of links inside kept paragraphs is always kept: links are
 *   only left out as whole blocks (lists or boxes that are mostly links).
 * - Output text is UTF-8 (libxml2 converts), whitespace collapsed,
 *   paragraphs separated by one blank line, and never longer than max.
 */
#include "web.h"

#include <ctype.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
		   HTML_PARSE_NOWARNING | HTML_PARSE_NONET)
#define MIN_PARA 25          /* shorter paragraphs do not score */

/* ---- web_doc ------------------------------------------------------------ */

void web_doc_reset(struct web_doc *d)
{
	dyad_buf *b[] = { &d->text, &d->title, &d->publisher, &d->url, &d->id };
	for (size_t i = 0; i < ARRAY_SIZE(b); i++) {
		b[i]->len = 0;
		if (b[i]->p)
			b[i]->p[0] = 0;
	}
	d->date = 0;
}

void web_doc_release(struct web_doc *d)
{
	dyad_buf_release(&d->text);
	dyad_buf_release(&d->title);
	dyad_buf_release(&d->publisher);
	dyad_buf_release(&d->url);
	dyad_buf_release(&d->id);
	d->date = 0;
}

const char *web_str(const dyad_buf *b)
{
	return b->len ? b->p : "";
}

static bool ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

int web_set(dyad_buf *b, const char *s, size_t n)
{
	b->len = 0;
	int rc = buf_reserve(b, n);
	if (rc)
		return rc;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (ws(c) || c == 0) {
			space = b->len > 0;
			continue;
		}
		if (space)
			b->p[b->len++] = ' ';
		space = false;
		b->p[b->len++] = (char)c;
	}
	b->p[b->len] = 0;
	return 0;
}

/* ---- dates ------------------------------------------------------------- */

static int month_of(const char *w, size_t n)
{
	static const char m[12][4] = { "jan", "feb", "mar", "apr", "may", "jun",
				       "jul", "aug", "sep", "oct", "nov", "dec" };
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(w, m[i], 3))
			return i + 1;
	return 0;
}

/* Value of the digits s[0, n) (n <= 4, all digits). */
static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n && i < 4; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int ymd(int y, int mo, int d)
{
	int v = y * 10000 + mo * 100 + d;
	return y >= 1 && y <= 9999 && date_valid(v) ? v : 0;
}

int web_parse_date(const char *s, size_t n)
{
	if (!s)
		return 0;
	while (n && ws((unsigned char)*s)) {
		s++;
		n--;
	}
	/* ISO: YYYY-MM-DD then anything (time, zone) */
	if (n >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-') {
		int v = dyad_parse_date(s, 10);
		if (v && (n == 10 || !isdigit((unsigned char)s[10])))
			return v;
		return 0;
	}
	if (n >= 8 && n <= 32) {
		size_t k = 0;
		while (k < n && isdigit((unsigned char)s[k]))
			k++;
		if (k == 8 && (n == 8 || s[8] == 'T'))
			return dyad_parse_date(s, 8);
	}
	/* Words: up to 6 tokens of letters or digits. */
	struct { const char *p; size_t n; bool num; } t[6];
	size_t nt = 0, i = 0;
	while (i < n && nt < 6) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c)) {
			size_t j = i;
			bool num = isdigit(c);
			while (j < n && (num ? isdigit((unsigned char)s[j])
					     : isalpha((unsigned char)s[j])))
				j++;
			t[nt].p = s + i;
			t[nt].n = j - i;
			t[nt].num = num;
			nt++;
			i = j;
		} else {
			i++;
		}
	}
	for (size_t a = 0; a + 2 < nt; a++) {
		int d = -1, mo = 0, y = -1;
		/* D Mon Y */
		if (t[a].num && t[a].n <= 2 && !t[a + 1].num && t[a + 2].num) {
			d = num(t[a].p, t[a].n);
			mo = month_of(t[a + 1].p, t[a + 1].n);
			y = t[a + 2].n == 4 || t[a + 2].n == 2
				    ? num(t[a + 2].p, t[a + 2].n) : -1;
		} else if (!t[a].num && t[a + 1].num && t[a + 1].n <= 2 && t[a + 2].num) {
			/* Mon D, Y */
			mo = month_of(t[a].p, t[a].n);
			d = num(t[a + 1].p, t[a + 1].n);
			y = t[a + 2].n == 4 ? num(t[a + 2].p, t[a + 2].n) : -1;
		}
		if (mo && d > 0 && y >= 0) {
			if (y < 100)
				y += y < 50 ? 2000 : 1900;
			int v = ymd(y, mo, d);
			if (v)
				return v;
		}
	}
	return 0;
}

/* ---- tree helpers ------------------------------------------------------ */

/* Per-element numbers (node->_private points at one). */
struct nstat {
	uint32_t text;     /* bytes of text below (scripts and styles excluded) */
	uint32_t link;     /* bytes of it inside <a> */
	uint32_t own;      /* bytes of text in direct text children */
	float score;       /* content score from paragraphs below */
	bool cand;         /* received a score */
	bool boiler;       /* it or an ancestor (below the measured root) is
			    * boilerplate */
};

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       !strcasecmp((const char *)n->name, name);
}

static bool is_any(const xmlNode *n, const char *const *names)
{
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return false;
	for (; *names; names++)
		if (!strcasecmp((const char *)n->name, *names))
			return true;
	return false;
}

/* The value of attribute name when it is one text node, else NULL. */
static const char *attr(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			const xmlNode *c = a->children;
			if (c && c->type == XML_TEXT_NODE && c->content && !c->next)
				return (const char *)c->content;
			return "";
		}
	return NULL;
}

/* Never text: code, media, forms and page furniture. */
static const char *const skip_tags[] = {
	"script", "style", "noscript", "template", "iframe", "svg", "math",
	"canvas", "object", "embed", "video", "audio", "select", "option",
	"button", "input", "textarea", "form", "nav", "aside", "footer",
	"header", "menu", "figure", "head", "title", "meta", "link", "label",
	"dialog", NULL,
};
/* Never text even in a fragment. */
static const char *const code_tags[] = {
	"script", "style", "noscript", "template", "head", "title", "iframe",
	"svg", "math", "object", "embed", "select", "textarea", NULL,
};
static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
	"h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table",
	"tr", "td", "th", "br", "hr", "address", "figcaption", "center",
	"caption", "summary", "details", "body", NULL,
};
static const char *const para_tags[] = { "p", "pre", "blockquote", "td", NULL };
/* Boxes left out when most of their text is link text. */
static const char *const box_tags[] = {
	"ul", "ol", "dl", "div", "section", "table", "span", NULL,
};

/* Words of class/id values: a negative hint leaves the element out, a
 * positive one raises its score. Matched as whole words of the value
 * split at spaces, '-' and '_' ("article-share" has "share"). */
static const char *const neg_words[] = {
	"ad", "ads", "adv", "advert", "advertisement", "advertising", "banner",
	"breadcrumb", "breadcrumbs", "comment", "comments", "cookie",
	"cookies", "disqus", "footer", "masthead", "menu", "modal", "nav",
	"navbar", "navigation", "newsletter", "outbrain", "popular", "popup",
	"promo", "recommended", "related", "share", "sharing", "sidebar",
	"social", "sponsor", "sponsored", "subscribe", "subscription",
	"taboola", "tags", "toolbar", "trending", "widget", "byline", "hidden",
	"skip", "sitemap", "topnav", "signup", "paywall", "print", NULL,
};
static const char *const pos_words[] = {
	"article", "body", "content", "entry", "main", "story", "text", "post",
	"prose", "articlebody", NULL,
};

/* Count class/id words of n that are in list. */
static int hint_hits(const xmlNode *n, const char *const *list)
{
	int hits = 0;
	const char *vals[2] = { attr(n, "class"), attr(n, "id") };
	for (int v = 0; v < 2; v++) {
		const char *s = vals[v];
		if (!s)
			continue;
		size_t len = strlen(s), i = 0;
		if (len > 512)
			len = 512;
		while (i < len) {
			while (i < len && !isalnum((unsigned char)s[i]))
				i++;
			size_t j = i;
			while (j < len && isalnum((unsigned char)s[j]))
				j++;
			if (j > i)
				for (const char *const *w = list; *w; w++)
					if (strlen(*w) == j - i && !strncasecmp(s + i, *w, j - i)) {
						hits++;
						break;
					}
			i = j;
		}
	}
	return hits;
}

static bool hidden(const xmlNode *n)
{
	const char *s;
	if (attr(n, "hidden"))
		return true;
	if ((s = attr(n, "aria-hidden")) && !strcasecmp(s, "true"))
		return true;
	if ((s = attr(n, "style"))) {
		/* display:none / visibility:hidden, spaces ignored */
		char c[64];
		size_t k = 0;
		for (; *s && k + 1 < sizeof c; s++)
			if (!ws((unsigned char)*s))
				c[k++] = (char)tolower((unsigned char)*s);
		c[k] = 0;
		if (strstr(c, "display:none") || strstr(c, "visibility:hidden"))
			return true;
	}
	return false;
}

static bool boilerplate(const xmlNode *n);

static struct nstat *st(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE ? n->_private : NULL;
}

/* web.h */
xmlNode *web_step(xmlNode *n, const xmlNode *root, bool down)
{
	if (down && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* ---- text output ---------------------------------------------------------- */

struct out {
	dyad_buf *b;
	size_t max, base;      /* b->len at start: the fragment's own start */
	bool space, brk;       /* pending blank or paragraph break */
	int rc;
};

static void out_break(struct out *o)
{
	o->brk = true;
	o->space = false;
}

static void out_text(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n && !o->rc; i++) {
		unsigned char c = (unsigned char)s[i];
		if (ws(c)) {
			o->space = true;
			continue;
		}
		const char *pre = "";
		if (o->b->len > o->base) {
			if (o->brk)
				pre = "\n\n";
			else if (o->space)
				pre = " ";
		}
		size_t pl = strlen(pre);
		if (o->b->len - o->base + pl + 1 > o->max) {
			o->rc = DYAD_ETOOBIG;
			return;
		}
		if ((o->rc = buf_reserve(o->b, pl + 1)))
			return;
		memcpy(o->b->p + o->b->len, pre, pl);
		o->b->len += pl;
		o->b->p[o->b->len++] = (char)c;
		o->b->p[o->b->len] = 0;
		o->space = o->brk = false;
	}
}

/* Text of the subtree at root into o. lenient: a fragment, only code is
 * left out; else a page body: boilerplate is left out too. */
static void emit(struct out *o, xmlNode *root, bool lenient)
{
	xmlNode *n = root;
	while (n && !o->rc) {
		bool down = false;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				out_text(o, (const char *)n->content,
					 strlen((const char *)n->content));
		} else if (n->type == XML_ELEMENT_NODE) {
			down = !is_any(n, code_tags);
			if (down && !lenient && n != root) {
				const struct nstat *s = st(n);
				if (s ? s->boiler : boilerplate(n))
					down = false;
				else if (s && is_any(n, box_tags) && s->text > 0 &&
					 s->link * 2 > s->text)
					down = false;   /* a list of links */
			}
			if (down && is_any(n, block_tags))
				out_break(o);
		}
		if (down && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {   /* leave n, and its parents while they end too */
			if (is_any(n, block_tags))
				out_break(o);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* ---- statistics and scoring --------------------------------------------- */

/* Allocate an nstat for every element below root and fill text/link/own
 * in one post-order pass. Returns the array (caller frees) or NULL. */
static struct nstat *measure(xmlNode *root, size_t *count)
{
	size_t ne = 0;
	for (xmlNode *n = root; n; n = web_step(n, root, true))
		if (n->type == XML_ELEMENT_NODE)
			ne++;
	struct nstat *v = calloc(ne ? ne : 1, sizeof *v);
	if (!v)
		return NULL;
	size_t k = 0;
	for (xmlNode *n = root; n; n = web_step(n, root, true))
		if (n->type == XML_ELEMENT_NODE) {
			struct nstat *s = &v[k++];
			n->_private = s;
			const struct nstat *ps = n != root ? st(n->parent) : NULL;
			s->boiler = (ps && ps->boiler) || (n != root && boilerplate(n));
		}
	*count = ne;

	/* post-order: on leaving a node, add its numbers to its parent */
	xmlNode *n = root;
	while (n) {
		bool down = n->type == XML_ELEMENT_NODE && !is_any(n, code_tags) &&
			    n->children;
		if (down) {
			n = n->children;
			continue;
		}
		for (;;) {
			/* leave n */
			xmlNode *p = n != root ? n->parent : NULL;
			struct nstat *ps = p ? st(p) : NULL;
			if (ps) {
				if (n->type == XML_TEXT_NODE ||
				    n->type == XML_CDATA_SECTION_NODE) {
					size_t len = 0;
					if (n->content)
						for (const xmlChar *c = n->content; *c; c++)
							len += !ws(*c);
					ps->text += (uint32_t)MIN(len, (size_t)1 << 30);
					ps->own += (uint32_t)MIN(len, (size_t)1 << 30);
				} else if (st(n) && !is_any(n, code_tags)) {
					struct nstat *s = st(n);
					if (is(n, "a"))
						s->link = s->text;
					ps->text = (uint32_t)MIN((size_t)ps->text + s->text,
								 (size_t)1 << 30);
					ps->link = (uint32_t)MIN((size_t)ps->link + s->link,
								 (size_t)1 << 30);
				}
			}
			if (n == root)
				return v;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
	return v;
}

static bool boilerplate(const xmlNode *n)
{
	return is_any(n, skip_tags) || hidden(n) || hint_hits(n, neg_words) > 0;
}

static double final_score(const xmlNode *n)
{
	const struct nstat *s = st(n);
	double ld = s->text ? (double)s->link / s->text : 1.0;
	double sc = s->score + 10.0 * hint_hits(n, pos_words);
	if (is(n, "article"))
		sc += 10;   /* teaser cards are <article>s too: a nudge, no more */
	else if (is(n, "main"))
		sc += 5;
	return sc * (1.0 - ld);
}

/* Find the article container below body: [itemprop=articleBody], else the
 * best-scoring block. NULL when no paragraph scores. */
static xmlNode *find_root(xmlNode *body)
{
	xmlNode *n;
	for (n = body; n; n = web_step(n, body, true)) {
		const char *ip = attr(n, "itemprop");
		if (ip && strstr(ip, "articleBody"))
			return n;
	}
	for (n = body; n; n = web_step(n, body, true)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const struct nstat *s = st(n);
		uint32_t len = 0;
		if (is_any(n, para_tags))
			len = s->text;
		else if (is(n, "div") || is(n, "section") || is(n, "article"))
			len = s->own;   /* text directly in a div (<br> layouts) */
		if (len < MIN_PARA || s->boiler)
			continue;
		float sc = 1.0f + (float)MIN(len / 100u, 3u);
		xmlNode *p = is_any(n, para_tags) ? n->parent : n;
		float w = 1.0f;
		for (int up = 0; up < 3 && p && st(p); up++, p = p->parent) {
			st(p)->score += sc * w;
			st(p)->cand = true;
			w = up == 0 ? 0.5f : w / 3;   /* parent 1, then 1/2, 1/6 */
		}
	}
	xmlNode *best = NULL;
	double bs = 0;
	for (n = body; n; n = web_step(n, body, true)) {
		if (n->type != XML_ELEMENT_NODE || !st(n)->cand)
			continue;
		double sc = final_score(n);
		if (!best || sc > bs) {
			best = n;
			bs = sc;
		}
	}
	return best;
}

/* Whether sibling sib of the chosen root also holds article text (the
 * body split in several boxes, or a lead paragraph outside it). */
static bool keep_sibling(const xmlNode *sib, double best)
{
	if (sib->type != XML_ELEMENT_NODE || boilerplate(sib))
		return false;
	const struct nstat *s = st(sib);
	if (!s->text || s->link * 2 > s->text)
		return false;
	if (s->cand && final_score(sib) >= MAX(10.0, best * 0.2))
		return true;
	return is(sib, "p") && s->text >= 80 && s->link * 4 < s->text;
}

/* ---- metadata ------------------------------------------------------------- */

struct meta {
	int date, date_rank;     /* rank: lower is better, 0 none */
	dyad_buf *title, *publisher, *url;
	int title_rank, pub_rank, url_rank;
	int rc;
};

static void set_field(struct meta *m, dyad_buf *b, int *rank, int r, const char *s)
{
	if (!s || m->rc || (*rank && *rank <= r))
		return;
	size_t n = strlen(s);
	if (n > 4096)
		n = 4096;
	dyad_buf tmp = { 0 };
	if ((m->rc = web_set(&tmp, s, n))) {
		dyad_buf_release(&tmp);
		return;
	}
	if (tmp.len) {
		m->rc = web_set(b, tmp.p, tmp.len);
		*rank = r;
	}
	dyad_buf_release(&tmp);
}

static void set_date(struct meta *m, int r, const char *s)
{
	if (!s || (m->date_rank && m->date_rank <= r))
		return;
	int d = web_parse_date(s, strlen(s));
	if (d) {
		m->date = d;
		m->date_rank = r;
	}
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One JSON-LD object: an Article (or anything with datePublished). */
static void ld_object(struct meta *m, json_t *o)
{
	if (!json_is_object(o))
		return;
	set_date(m, 2, jstr(o, "datePublished"));
	set_field(m, m->title, &m->title_rank, 2, jstr(o, "headline"));
	json_t *p = json_object_get(o, "publisher");
	if (json_is_array(p))
		p = json_array_get(p, 0);
	if (json_is_object(p))
		set_field(m, m->publisher, &m->pub_rank, 2, jstr(p, "name"));
	else if (json_is_string(p))
		set_field(m, m->publisher, &m->pub_rank, 2, json_string_value(p));
	const char *t = jstr(o, "@type");
	if (t && strstr(t, "Article"))
		set_field(m, m->url, &m->url_rank, 3, jstr(o, "url"));
}

static void ld_json(struct meta *m, const char *s)
{
	json_t *j = json_loads(s, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
	if (!j)
		return;
	json_t *items[2] = { j, json_object_get(j, "@graph") };
	for (int k = 0; k < 2; k++) {
		json_t *v = items[k];
		if (json_is_array(v)) {
			size_t i, n = json_array_size(v);
			for (i = 0; i < n && i < 64; i++)
				ld_object(m, json_array_get(v, i));
		} else {
			ld_object(m, v);
		}
	}
	json_decref(j);
}

/* Concatenated text children of n (a <script> or <title>), or NULL. */
static char *inner_text(const xmlNode *n)
{
	dyad_buf b = { 0 };
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    c->content && b.len < ((size_t)1 << 20))
			if (buf_adds(&b, (const char *)c->content)) {
				dyad_buf_release(&b);
				return NULL;
			}
	return b.p;
}

static void collect_meta(struct meta *m, xmlNode *root)
{
	for (xmlNode *n = root; n && !m->rc; n = web_step(n, root, true)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "meta")) {
			const char *k = attr(n, "property");
			if (!k)
				k = attr(n, "name");
			if (!k)
				k = attr(n, "itemprop");
			const char *v = attr(n, "content");
			if (!k || !v)
				continue;
			if (!strcasecmp(k, "article:published_time") ||
			    !strcasecmp(k, "og:published_time"))
				set_date(m, 1, v);
			else if (!strcasecmp(k, "datePublished"))
				set_date(m, 3, v);
			else if (!strcasecmp(k, "DC.date") ||
				 !strcasecmp(k, "DC.date.issued") ||
				 !strcasecmp(k, "dcterms.date") ||
				 !strcasecmp(k, "dcterms.issued") ||
				 !strcasecmp(k, "dcterms.created"))
				set_date(m, 4, v);
			else if (!strcasecmp(k, "date") || !strcasecmp(k, "pubdate") ||
				 !strcasecmp(k, "publishdate") ||
				 !strcasecmp(k, "publish-date") ||
				 !strcasecmp(k, "article.published"))
				set_date(m, 5, v);
			else if (!strcasecmp(k, "og:title"))
				set_field(m, m->title, &m->title_rank, 1, v);
			else if (!strcasecmp(k, "twitter:title"))
				set_field(m, m->title, &m->title_rank, 3, v);
			else if (!strcasecmp(k, "og:site_name"))
				set_field(m, m->publisher, &m->pub_rank, 1, v);
			else if (!strcasecmp(k, "publisher") ||
				 !strcasecmp(k, "application-name"))
				set_field(m, m->publisher, &m->pub_rank, 3, v);
			else if (!strcasecmp(k, "og:url"))
				set_field(m, m->url, &m->url_rank, 2, v);
		} else if (is(n, "link")) {
			const char *rel = attr(n, "rel");
			if (rel && !strcasecmp(rel, "canonical"))
				set_field(m, m->url, &m->url_rank, 1, attr(n, "href"));
		} else if (is(n, "time")) {
			const char *dt = attr(n, "datetime");
			const char *ip = attr(n, "itemprop");
			bool pub = attr(n, "pubdate") || (ip && !strcasecmp(ip, "datePublished"));
			set_date(m, pub ? 6 : 7, dt);
		} else if (is(n, "script")) {
			const char *t = attr(n, "type");
			if (t && !strcasecmp(t, "application/ld+json")) {
				char *s = inner_text(n);
				if (s)
					ld_json(m, s);
				free(s);
			}
		} else if (is(n, "title")) {
			char *s = inner_text(n);
			set_field(m, m->title, &m->title_rank, 5, s);
			free(s);
		}
	}
}

/* The first <h1> below root that is not boilerplate, as a title. */
static void h1_title(struct meta *m, xmlNode *root, size_t max)
{
	for (xmlNode *n = root; n; n = web_step(n, root, true)) {
		if (!is(n, "h1") || !st(n) || st(n)->boiler)
			continue;
		dyad_buf b = { 0 };
		struct out o = { &b, MIN(max, (size_t)4096), 0, false, false, 0 };
		emit(&o, n, true);
		if (!o.rc && b.len)
			set_field(m, m->title, &m->title_rank, 4, b.p);
		dyad_buf_release(&b);
		return;
	}
}

/* ---- entry points ------------------------------------------------------- */

static htmlDocPtr parse(const char *p, size_t n)
{
	if (n > INT_MAX)
		return NULL;
	/* No declared charset: UTF-8 (libxml2 would guess Latin-1). */
	const char *enc = "UTF-8";
	size_t look = MIN(n, (size_t)4096);
	for (size_t i = 0; i + 8 <= look; i++)
		if (!strncasecmp(p + i, "charset=", 8) ||
		    !strncasecmp(p + i, "encoding", 8)) {
			enc = NULL;
			break;
		}
	return htmlReadMemory(p, (int)n, NULL, enc, HTML_OPTS);
}

/* Put the title first as its own paragraph unless the text starts with
 * it. */
static int prepend_title(struct web_doc *d, size_t max)
{
	size_t tl = d->title.len;
	if (!tl || !d->text.len ||
	    (d->text.len >= tl && !memcmp(d->text.p, d->title.p, tl)))
		return 0;
	if (tl + 2 + d->text.len > max)
		return DYAD_ETOOBIG;
	int rc = buf_reserve(&d->text, tl + 2);
	if (rc)
		return rc;
	memmove(d->text.p + tl + 2, d->text.p, d->text.len + 1);
	memcpy(d->text.p, d->title.p, tl);
	d->text.p[tl] = d->text.p[tl + 1] = '\n';
	d->text.len += tl + 2;
	return 0;
}

int html_article(const char *p, size_t n, size_t max, struct web_doc *d,
		 dyad_error *err)
{
	int rc = 0;
	struct nstat *stats = NULL;
	size_t nstats = 0;
	struct meta m = { 0, 0, &d->title, &d->publisher, &d->url, 0, 0, 0, 0 };
	struct out o = { &d->text, max, d->text.len, false, false, 0 };
	xmlNode *top, *body, *root;
	htmlDocPtr doc = parse(p, n);

	if (!doc)
		return dyad_seterr(err, DYAD_EINPUT, NULL, 0, -1,
				   "not an HTML page (the parser found nothing)");
	top = xmlDocGetRootElement(doc);
	if (!top)
		goto done;
	collect_meta(&m, top);
	if ((rc = m.rc))
		goto done;
	d->date = m.date;

	body = top;
	for (xmlNode *c = top->children; c; c = c->next)
		if (is(c, "body"))
			body = c;
	stats = measure(body, &nstats);
	if (!stats) {
		rc = DYAD_ENOMEM;
		goto done;
	}
	root = find_root(body);
	if (!m.title_rank || m.title_rank > 4)
		h1_title(&m, body, max);
	if ((rc = m.rc))
		goto done;

	if (root && root != body && root->parent &&
	    root->parent->type == XML_ELEMENT_NODE) {
		double best = final_score(root);
		for (xmlNode *s = root->parent->children; s && !o.rc; s = s->next)
			if (s == root || keep_sibling(s, best)) {
				emit(&o, s, false);
				out_break(&o);
			}
	} else if (root) {
		emit(&o, root, false);
	}
	if ((rc = o.rc))
		goto done;
	rc = prepend_title(d, max);
done:
	free(stats);
	xmlFreeDoc(doc);
	if (rc == DYAD_ENOMEM)
		dyad_seterr(err, rc, NULL, 0, -1, "out of memory");
	else if (rc == DYAD_ETOOBIG)
		dyad_seterr(err, rc, NULL, 0, -1, "article text exceeds the document cap");
	return rc;
}

int html_node_text(void *node, size_t max, dyad_buf *out)
{
	struct out o = { out, max, out->len, false, false, 0 };
	emit(&o, node, true);
	return o.rc;
}

int html_fragment_text(const char *p, size_t n, size_t max, dyad_buf *out)
{
	if (!n)
		return 0;
	htmlDocPtr doc = parse(p, n);
	if (!doc)
		return 0;
	int rc = 0;
	xmlNode *top = xmlDocGetRootElement(doc);
	if (top)
		rc = html_node_text(top, max, out);
	xmlFreeDoc(doc);
	return rc;
}

bool html_sniff(const char *p, size_t n)
{
	return n > 0 && p[0] == '<' && !feed_sniff(p, n);
}
