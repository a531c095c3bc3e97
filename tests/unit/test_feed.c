/*
 * test_feed.c - RSS 2.0, RSS 1.0 and Atom feeds (feed.c) and their
 * reading through dyad_reader: one document per item, dates, links, ids,
 * HTML descriptions, a feed that is not well-formed, external entities.
 */
#include "web.h"
#include "t.h"

#include <stdio.h>
#include <unistd.h>

static bool has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

static const char rss[] =
	"<?xml version=\"1.0\"?>\n"
	"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	"<channel><title>Caspian Daily</title><link>https://c.example/</link>"
	"<item><title>Bayramov meets ECO chief</title>"
	"<link>https://c.example/1</link><guid>c-1</guid>"
	"<pubDate>Thu, 26 Sep 2024 09:15:00 +0400</pubDate>"
	"<description>&lt;p&gt;Azerbaijani &lt;a href=\"/m\"&gt;Minister of Foreign "
	"Affairs&lt;/a&gt; Jeyhun Bayramov met Asad Majid Khan.&lt;/p&gt;</description>"
	"</item>"
	"<item><title>No guid</title><link>https://c.example/2</link>"
	"<content:encoded><![CDATA[<p>Full <b>text</b>.</p><script>x()</script>]]>"
	"</content:encoded><description>teaser</description></item>"
	"<item><link>https://c.example/3</link></item>"
	"</channel></rss>";

static void test_rss(void)
{
	char bad[256];
	struct feed *f = feed_parse(rss, sizeof rss - 1, bad, sizeof bad);
	T_CHECK(f);
	T_STREQ(bad, "");
	T_INTEQ(feed_items(f), 3);
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(feed_item(f, 0, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "Bayramov meets ECO chief\n\nAzerbaijani Minister of "
		"Foreign Affairs Jeyhun Bayramov met Asad Majid Khan.");
	T_STREQ(web_str(&d.id), "c-1");
	T_STREQ(web_str(&d.url), "https://c.example/1");
	T_STREQ(web_str(&d.publisher), "Caspian Daily");
	T_INTEQ(d.date, 20240926);
	T_INTEQ(feed_item(f, 1, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "No guid\n\nFull text.");   /* content:encoded wins */
	T_STREQ(web_str(&d.id), "https://c.example/2");     /* id from the link */
	T_INTEQ(d.date, 0);
	T_INTEQ(feed_item(f, 2, 1 << 20, &d, &e), DYAD_EINPUT);
	T_CHECK(has(e.msg, "item 3 has no title or text"));
	T_STREQ(web_str(&d.id), "https://c.example/3");
	T_INTEQ(feed_item(f, 0, 20, &d, &e), DYAD_ETOOBIG);
	T_INTEQ(feed_item(f, 3, 1 << 20, &d, &e), DYAD_EUSAGE);
	web_doc_release(&d);
	feed_free(f);
}

static const char atom[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>World Wire</title>"
	"<entry><title>Kharkiv shelled</title>"
	"<link rel=\"self\" href=\"https://w.example/self\"/>"
	"<link rel=\"alternate\" href=\"https://w.example/k\"/>"
	"<id>tag:w.example,2024:k</id><updated>2024-03-16T08:00:00Z</updated>"
	"<published>2024-03-15T08:00:00Z</published>"
	"<summary type=\"html\">&lt;p&gt;Russian forces shelled Kharkiv.&lt;/p&gt;</summary>"
	"</entry>"
	"<entry><title>Tbilisi</title><id>tag:w.example,2024:t</id>"
	"<updated>2024-05-02T10:00:00+04:00</updated>"
	"<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Protesters "
	"clashed with <a href=\"/p\">police</a>.</p><p>Second.</p></div></content>"
	"<summary>ignored when there is content</summary></entry>"
	"<entry><title>Plain</title><id>p</id><content type=\"text\">Text with "
	"&lt;b&gt; kept  as   text</content></entry>"
	"</feed>";

static void test_atom(void)
{
	char bad[256];
	struct feed *f = feed_parse(atom, sizeof atom - 1, bad, sizeof bad);
	T_CHECK(f);
	T_INTEQ(feed_items(f), 3);
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(feed_item(f, 0, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "Kharkiv shelled\n\nRussian forces shelled Kharkiv.");
	T_STREQ(web_str(&d.url), "https://w.example/k");
	T_STREQ(web_str(&d.id), "tag:w.example,2024:k");
	T_STREQ(web_str(&d.publisher), "World Wire");
	T_INTEQ(d.date, 20240315);   /* published before updated */
	T_INTEQ(feed_item(f, 1, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "Tbilisi\n\nProtesters clashed with police.\n\nSecond.");
	T_INTEQ(d.date, 20240502);
	T_INTEQ(d.url.len, 0);
	T_INTEQ(feed_item(f, 2, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "Plain\n\nText with <b> kept as text");
	web_doc_release(&d);
	feed_free(f);
}

static void test_rdf_and_sniff(void)
{
	static const char rdf[] =
		"<?xml version=\"1.0\"?><!-- c --><rdf:RDF "
		"xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<channel><title>R</title></channel>"
		"<item><title>One</title><link>https://r.example/1</link>"
		"<dc:date>2024-01-02</dc:date><description>Body one.</description></item>"
		"</rdf:RDF>";
	T_CHECK(feed_sniff(rdf, sizeof rdf - 1));
	T_CHECK(feed_sniff(rss, sizeof rss - 1));
	T_CHECK(feed_sniff(atom, sizeof atom - 1));
	T_CHECK(feed_sniff("<atom:feed xmlns:atom=\"x\">", 26));
	T_CHECK(!feed_sniff("<?xml version=\"1.0\"?><html>", 27));
	T_CHECK(!feed_sniff("<!DOCTYPE html><html>", 21));
	T_CHECK(!feed_sniff("<feedback>", 10));
	T_CHECK(html_sniff("<!DOCTYPE html><html>", 21));
	char bad[256];
	struct feed *f = feed_parse(rdf, sizeof rdf - 1, bad, sizeof bad);
	T_INTEQ(feed_items(f), 1);
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(feed_item(f, 0, 1000, &d, &e), 0);
	T_STREQ(web_str(&d.text), "One\n\nBody one.");
	T_INTEQ(d.date, 20240102);
	T_STREQ(web_str(&d.publisher), "R");
	web_doc_release(&d);
	feed_free(f);
}

/* Not well-formed: reported, and the items before the damage recovered. */
static void test_malformed(void)
{
	static const char broken[] =
		"<rss><channel><title>B</title>"
		"<item><title>First</title><description>Fine text.</description></item>"
		"<item><title>Second & broken</title><description>More <b>text</description>"
		"</item></channel>";
	char bad[256];
	struct feed *f = feed_parse(broken, sizeof broken - 1, bad, sizeof bad);
	T_CHECK(f);
	T_CHECKF(has(bad, "feed is not well-formed") && has(bad, "at line 1"), "bad: %s", bad);
	T_CHECK(feed_items(f) >= 1);
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(feed_item(f, 0, 1000, &d, &e), 0);
	T_STREQ(web_str(&d.text), "First\n\nFine text.");
	web_doc_release(&d);
	feed_free(f);

	f = feed_parse("not xml at all", 14, bad, sizeof bad);
	T_CHECK(f);
	T_CHECK(has(bad, "not well-formed"));
	T_INTEQ(feed_items(f), 0);
	feed_free(f);
}

/* External entities are never loaded; internal ones are not expanded. */
static void test_entities(void)
{
	static const char xxe[] =
		"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
		"\"file:///etc/hostname\"><!ENTITY y \"INTERNAL\">]>"
		"<rss><channel><item><title>T &x; &y; &amp; done</title>"
		"<description>D</description></item></channel></rss>";
	char bad[256];
	T_CHECK(feed_sniff(xxe, sizeof xxe - 1));
	struct feed *f = feed_parse(xxe, sizeof xxe - 1, bad, sizeof bad);
	T_CHECK(f);
	T_INTEQ(feed_items(f), 1);
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(feed_item(f, 0, 1000, &d, &e), 0);
	T_STREQ(web_str(&d.title), "T & done");
	web_doc_release(&d);
	feed_free(f);
}

static void test_reader(void)
{
	char dir[] = "/tmp/dyad-test-feed-XXXXXX";
	if (!mkdtemp(dir)) {
		T_CHECK(!"mkdtemp");
		return;
	}
	char p1[64], p2[64];
	snprintf(p1, sizeof p1, "%s/f.xml", dir);
	snprintf(p2, sizeof p2, "%s/g.rss", dir);
	FILE *f = fopen(p1, "w");
	fputs(rss, f);
	fclose(f);
	f = fopen(p2, "w");
	fputs("<rss><channel><item><title>A</title></item><item><title>B", f);
	fclose(f);

	dyad_reader_options o = { DYAD_IN_AUTO, 0, 0, NULL };
	dyad_error e = { 0 };
	dyad_doc d;
	dyad_reader *r = dyad_reader_open(p1, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_INTEQ(dyad_reader_kind(r), DYAD_IN_FEED);
	T_STREQ(d.id, "c-1");
	T_STREQ(d.source, "Caspian Daily");
	T_INTEQ(d.date, 20240926);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "https://c.example/2");
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "https://c.example/3");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* truncated feed: one error for the file, then what was recovered */
	r = dyad_reader_open(p2, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "g.rss");
	T_CHECK(has(e.msg, "not well-formed"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "item 1");
	T_STREQ(d.text, "A");
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.text, "B");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* a feed larger than the cap */
	o.max_doc_bytes = 100;
	r = dyad_reader_open(p1, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_ETOOBIG);
	T_STREQ(d.id, "f.xml");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);
	unlink(p1);
	unlink(p2);
	rmdir(dir);
}

int main(void)
{
	T_RUN(test_rss);
	T_RUN(test_atom);
	T_RUN(test_rdf_and_sniff);
	T_RUN(test_malformed);
	T_RUN(test_entities);
	T_RUN(test_reader);
	return t_exit();
}
