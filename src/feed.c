/*
 * feed.c - RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item
 * or entry.
 *
 * Invariants:
 * - libxml2 parses the whole feed (the reader caps its size) without
 *   network access, without loading a DTD and without substituting
 *   entities other than the predefined ones: entity references stay
 *   reference nodes, whose text is not read.
 * - Items are found by an iterative walk (no recursion) and kept as node
 *   pointers into the tree, which lives until feed_free().
 * - An item's text is its title as the first paragraph, then the
 *   description / content / summary, which is HTML more often than not
 *   and always goes through html.c's fragment-to-text code.
 */
#include "web.h"

#include <ctype.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define FEED_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
		   XML_PARSE_NOCDATA)
#define MAX_ITEMS 100000

struct feed {
	xmlDoc *doc;
	xmlNode **items;
	size_t n;
	bool atom;
	char *channel;          /* channel / feed title: the publisher */
};

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       !strcmp((const char *)n->name, name);
}

/* A child element by local name (any namespace unless ns is given). */
static xmlNode *child(const xmlNode *n, const char *name, const char *ns)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (named(c, name) &&
		    (!ns || (c->ns && c->ns->href &&
			     strstr((const char *)c->ns->href, ns))))
			return c;
	return NULL;
}

/* Text content of n's direct text children (NULL-safe), allocated. */
static char *text_of(const xmlNode *n)
{
	dyad_buf b = { 0 };
	if (!n)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    c->content && b.len < ((size_t)64 << 20))
			if (buf_adds(&b, (const char *)c->content)) {
				dyad_buf_release(&b);
				return NULL;
			}
	return b.p;
}

struct feed *feed_parse(const char *p, size_t n, char *bad, size_t badcap)
{
	struct feed *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	if (bad && badcap)
		bad[0] = 0;
	if (n > INT_MAX)
		n = INT_MAX;
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	if (!ctx)
		goto nomem;
	f->doc = xmlCtxtReadMemory(ctx, p, (int)n, NULL, NULL, FEED_OPTS);
	if (!f->doc || !ctx->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctx);
		if (bad && badcap) {
			char m[160] = "";
			if (e && e->message) {
				size_t k = 0;
				for (const char *s = e->message; *s && k + 1 < sizeof m; s++)
					m[k++] = *s == '\n' ? ' ' : (isprint((unsigned char)*s) ? *s : '?');
				while (k && m[k - 1] == ' ')
					k--;
				m[k] = 0;
			}
			snprintf(bad, badcap, "feed is not well-formed: %s at line %d",
				 m[0] ? m : "syntax error", e ? e->line : 0);
		}
		if (f->doc)
			xmlFreeDoc(f->doc);
		f->doc = xmlCtxtReadMemory(ctx, p, (int)n, NULL, NULL,
					   FEED_OPTS | XML_PARSE_RECOVER);
	}
	xmlFreeParserCtxt(ctx);
	if (!f->doc)
		return f;

	xmlNode *root = xmlDocGetRootElement(f->doc);
	if (!root)
		return f;
	f->atom = named(root, "feed");
	xmlNode *chan = f->atom ? root : child(root, "channel", NULL);
	if (chan)
		f->channel = text_of(child(chan, "title", NULL));
	size_t cap = 0;
	for (xmlNode *x = root; x; ) {
		bool item = named(x, f->atom ? "entry" : "item");
		if (item) {
			if (f->n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				xmlNode **v = realloc(f->items, nc * sizeof *v);
				if (!v)
					goto nomem;
				f->items = v;
				cap = nc;
			}
			if (f->n < MAX_ITEMS)
				f->items[f->n++] = x;
		}
		x = web_step(x, root, !item);
	}
	return f;
nomem:
	feed_free(f);
	return NULL;
}

size_t feed_items(const struct feed *f)
{
	return f ? f->n : 0;
}

void feed_free(struct feed *f)
{
	if (!f)
		return;
	if (f->doc)
		xmlFreeDoc(f->doc);
	free(f->items);
	free(f->channel);
	free(f);
}

/* Atom link: rel="alternate" or no rel. */
static const char *atom_link(const xmlNode *e)
{
	const char *any = NULL;
	for (xmlNode *c = e->children; c; c = c->next) {
		if (!named(c, "link"))
			continue;
		xmlAttr *rel = xmlHasProp(c, (const xmlChar *)"rel");
		xmlAttr *href = xmlHasProp(c, (const xmlChar *)"href");
		if (!href || !href->children || !href->children->content)
			continue;
		const char *h = (const char *)href->children->content;
		const char *r = rel && rel->children && rel->children->content
					? (const char *)rel->children->content : NULL;
		if (!r || !strcmp(r, "alternate"))
			return h;
		if (!any)
			any = h;
	}
	return any;
}

/* Append the text of content element c (Atom type text/html/xhtml; RSS:
 * HTML) to out. */
static int content_text(const xmlNode *c, bool atom, size_t max, dyad_buf *out)
{
	int rc = 0;
	if (!c)
		return 0;
	xmlChar *type = atom ? xmlGetProp(c, (const xmlChar *)"type") : NULL;
	if (type && !strcmp((const char *)type, "xhtml")) {
		rc = html_node_text((void *)c, max, out);
	} else if (type && !strcmp((const char *)type, "text")) {
		char *s = text_of(c);
		if (s) {
			dyad_buf t = { 0 };
			rc = web_set(&t, s, strlen(s));
			if (!rc && t.len) {
				if (out->len + t.len > max)
					rc = DYAD_ETOOBIG;
				else
					rc = buf_add(out, t.p, t.len);
			}
			dyad_buf_release(&t);
		}
		free(s);
	} else {
		char *s = text_of(c);
		if (s)
			rc = html_fragment_text(s, strlen(s), max, out);
		free(s);
	}
	xmlFree(type);
	return rc;
}

int feed_item(struct feed *f, size_t i, size_t max, struct web_doc *d,
	      dyad_error *err)
{
	int rc = 0;
	char *title = NULL, *date = NULL, *link = NULL, *id = NULL;
	dyad_buf body = { 0 };
	web_doc_reset(d);
	if (!f || i >= f->n)
		return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "no such item");
	xmlNode *e = f->items[i];

	title = text_of(child(e, "title", NULL));
	if (f->atom) {
		xmlNode *dt = child(e, "published", NULL);
		if (!dt)
			dt = child(e, "updated", NULL);
		date = text_of(dt);
		const char *l = atom_link(e);
		link = l ? strdup(l) : NULL;
		id = text_of(child(e, "id", NULL));
		xmlNode *c = child(e, "content", NULL);
		rc = content_text(c, true, max, &body);
		if (!rc && !body.len)
			rc = content_text(child(e, "summary", NULL), true, max, &body);
	} else {
		xmlNode *dt = child(e, "pubDate", NULL);
		if (!dt)
			dt = child(e, "date", "purl.org/dc");
		date = text_of(dt);
		link = text_of(child(e, "link", NULL));
		id = text_of(child(e, "guid", NULL));
		rc = content_text(child(e, "encoded", "purl.org/rss/1.0/modules/content"),
				  false, max, &body);
		if (!rc && !body.len)
			rc = content_text(child(e, "description", NULL), false, max, &body);
	}
	if (rc)
		goto done;

	if (title && (rc = web_set(&d->title, title, strlen(title))))
		goto done;
	if (link && (rc = web_set(&d->url, link, strlen(link))))
		goto done;
	if (id && (rc = web_set(&d->id, id, strlen(id))))
		goto done;
	if (!d->id.len && d->url.len && (rc = web_set(&d->id, d->url.p, d->url.len)))
		goto done;
	if (f->channel && (rc = web_set(&d->publisher, f->channel, strlen(f->channel))))
		goto done;
	d->date = date ? web_parse_date(date, strlen(date)) : 0;

	/* title, blank line, body (the title alone when there is no body) */
	if (d->title.len + 2 + body.len > max) {
		rc = DYAD_ETOOBIG;
		goto done;
	}
	if (d->title.len && (rc = buf_add(&d->text, d->title.p, d->title.len)))
		goto done;
	if (d->title.len && body.len && (rc = buf_add(&d->text, "\n\n", 2)))
		goto done;
	if (body.len && (rc = buf_add(&d->text, body.p, body.len)))
		goto done;
done:
	free(title);
	free(date);
	free(link);
	free(id);
	dyad_buf_release(&body);
	if (rc == DYAD_ENOMEM)
		return dyad_seterr(err, rc, NULL, 0, -1, "out of memory");
	if (rc == DYAD_ETOOBIG)
		return dyad_seterr(err, rc, NULL, 0, -1, "item text exceeds the document cap");
	if (rc)
		return dyad_seterr(err, rc, NULL, 0, -1, "cannot read item");
	if (!d->text.len)
		return dyad_seterr(err, DYAD_EINPUT, NULL, 0, -1,
				   "%s %zu has no title or text", f->atom ? "entry" : "item",
				   i + 1);
	return 0;
}

/* Skip blanks, "<?...?>", "<!--...-->" and "<!DOCTYPE ...>" at p; returns
 * the offset of the first element's '<', or n. */
static size_t first_element(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			i++;
		} else if (c != '<') {
			return n;
		} else if (i + 4 <= n && !memcmp(p + i, "<!--", 4)) {
			size_t k = i + 4;
			while (k + 3 <= n && memcmp(p + k, "-->", 3))
				k++;
			if (k + 3 > n)
				return n;
			i = k + 3;
		} else if (i + 1 < n && (p[i + 1] == '?' || p[i + 1] == '!')) {
			/* <?xml ...?>, <!DOCTYPE ...>, <!DOCTYPE x [ ... ]> */
			const char *end = memchr(p + i, '>', n - i);
			const char *sub = memchr(p + i, '[', n - i);
			if (p[i + 1] == '!' && sub && (!end || sub < end)) {
				const char *close = memchr(sub, ']', n - (size_t)(sub - p));
				end = close ? memchr(close, '>', n - (size_t)(close - p)) : NULL;
			}
			if (!end)
				return n;
			i = (size_t)(end - p) + 1;
		} else {
			return i;
		}
	}
	return n;
}

bool feed_sniff(const char *p, size_t n)
{
	size_t i = first_element(p, n);
	if (i >= n)
		return false;
	const char *names[] = { "rss", "feed", "rdf:RDF", "RDF" };
	for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
		size_t l = strlen(names[k]);
		if (i + 1 + l < n && !strncmp(p + i + 1, names[k], l) &&
		    (p[i + 1 + l] == '>' || isspace((unsigned char)p[i + 1 + l])))
			return true;
	}
	/* a namespace prefix on feed (<atom:feed ...>) */
	size_t j = i + 1;
	while (j < n && j < i + 32 && (isalnum((unsigned char)p[j]) || p[j] == '_'))
		j++;
	if (j < n && p[j] == ':' && j + 5 < n && !strncmp(p + j + 1, "feed", 4) &&
	    (p[j + 5] == '>' || isspace((unsigned char)p[j + 5])))
		return true;
	return false;
}
