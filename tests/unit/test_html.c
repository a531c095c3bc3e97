/*
 * test_html.c - HTML article extraction (html.c): metadata, the body of a
 * page shaped like a real news site with its boilerplate left out and its
 * link text kept, scoring without hints, dates, encodings, caps, deep
 * nesting; and the reader's handling of HTML files.
 */
#include "web.h"
#include "t.h"

#include <stdio.h>
#include <unistd.h>

static bool has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

/* A page laid out like a news site: cookie bar, header with menu and
 * search, breadcrumb, the article (byline, share buttons, figure, body
 * with inline links, an ad and a related box inside it, tags, comments),
 * a sidebar of other headlines, a footer. */
static const char page[] =
	"<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	"<title>Bayramov meets ECO chief | Caspian Daily</title>"
	"<meta property=\"og:site_name\" content=\"Caspian Daily\">"
	"<meta property=\"og:title\" content=\"Bayramov meets ECO chief\">"
	"<meta property=\"article:published_time\" content=\"2024-09-26T09:15:00+04:00\">"
	"<link rel=\"canonical\" href=\"https://caspian.example/p/1\">"
	"<script>var x = '<p>not text</p>';</script><style>p{color:red}</style>"
	"</head><body>"
	"<div class=\"cookie-notice\">We use cookies. <a href=\"/p\">Policy</a></div>"
	"<header><nav><ul><li><a href=\"/politics\">Politics</a></li>"
	"<li><a href=\"/economy\">Economy</a></li></ul></nav>"
	"<form><input name=q><button>Search</button></form></header>"
	"<ul class=\"breadcrumbs\"><li><a href=\"/\">Home</a></li><li>Diplomacy</li></ul>"
	"<div class=\"container\"><div class=\"col\">"
	"<article>"
	"<h1>Bayramov meets ECO chief</h1>"
	"<div class=\"byline\">By Staff</div>"
	"<div class=\"social-share\"><a href=\"/fb\">Share on Facebook</a></div>"
	"<figure><img src=a.jpg><figcaption>Photo caption here</figcaption></figure>"
	"<div class=\"article-text\">"
	"<p>On September 25, Azerbaijani <a href=\"/t/mfa\">Minister of Foreign Affairs</a>"
	" Jeyhun Bayramov met with the Secretary General of the "
	"<a href=\"https://eco.example\">Economic Cooperation Organization</a>, "
	"Asad Majid Khan, in New York.</p>\n"
	"<p>The  Minister\n expressed readiness to expand cooperation &amp; trade "
	"with the organization.</p>"
	"<div class=\"ad\">Advertisement: cheap flights to Baku</div>"
	"<div class=\"related\"><ul><li><a href=\"/a\">Other headline one</a></li>"
	"<li><a href=\"/b\">Other headline two</a></li></ul></div>"
	"<p>Khan praised Azerbaijan for its active role, <a href=\"/t/eco\">the"
	" press service</a> said.</p>"
	"</div>"
	"<div id=\"comments\"><p>Reader comment that is long enough to look like a"
	" paragraph of text to a naive extractor.</p></div>"
	"</article></div>"
	"<aside><h2>Most read</h2><ul><li><a href=\"/x\">Kharkiv shelled again by"
	" Russian forces</a></li><li><a href=\"/y\">Protesters clash in Tbilisi</a>"
	"</li></ul></aside></div>"
	"<footer><p>Copyright 2024 Caspian Daily. All rights reserved. Reproduction"
	" only with a link.</p></footer></body></html>";

static const char *const leaks[] = {
	"Politics", "Economy", "Search", "Home", "Diplomacy", "cookies", "Share on",
	"By Staff", "caption", "Advertisement", "Other headline", "Reader comment",
	"Most read", "Kharkiv", "Tbilisi", "Copyright", "not text", "color",
	NULL,
};

static void test_news_page(void)
{
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(page, sizeof page - 1, 1 << 20, &d, &e), 0);
	const char *t = web_str(&d.text);
	T_STREQ(web_str(&d.title), "Bayramov meets ECO chief");
	T_STREQ(web_str(&d.publisher), "Caspian Daily");
	T_STREQ(web_str(&d.url), "https://caspian.example/p/1");
	T_INTEQ(d.date, 20240926);
	/* the whole body, link text included, paragraphs a blank line apart */
	T_STREQ(t,
		"Bayramov meets ECO chief\n\n"
		"On September 25, Azerbaijani Minister of Foreign Affairs Jeyhun "
		"Bayramov met with the Secretary General of the Economic Cooperation "
		"Organization, Asad Majid Khan, in New York.\n\n"
		"The Minister expressed readiness to expand cooperation & trade with "
		"the organization.\n\n"
		"Khan praised Azerbaijan for its active role, the press service said.");
	for (const char *const *l = leaks; *l; l++)
		T_CHECKF(!has(t, *l), "boilerplate \"%s\" leaked into the text", *l);
	web_doc_release(&d);
}

/* No article tag and no class hints: the scores of the paragraphs decide;
 * a box of headline links beside them stays out. */
static void test_scoring(void)
{
	static const char p[] =
		"<html><body><div><div>"
		"<div><a href=1>First other story headline here</a><br>"
		"<a href=2>Second other story headline here</a><br>"
		"<a href=3>Third other story headline text</a></div>"
		"<div><p>Russian forces shelled the Ukrainian city of Kharkiv on "
		"Tuesday, the regional governor said.</p>"
		"<p>Ukraine accused <a href=r>Russia</a> of targeting civilians in "
		"the attack.</p>"
		"<ul><li><a href=4>Link one</a></li><li><a href=5>Link two</a></li></ul>"
		"<p>The European Union condemned the attack on the city.</p></div>"
		"</div><div>Short footer line</div></div></body></html>";
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(p, sizeof p - 1, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text),
		"Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, "
		"the regional governor said.\n\n"
		"Ukraine accused Russia of targeting civilians in the attack.\n\n"
		"The European Union condemned the attack on the city.");
	T_INTEQ(d.date, 0);
	T_INTEQ(d.title.len, 0);
	web_doc_release(&d);
}

/* A short story beside a rail of teaser cards that are <article>s with a
 * summary each: the story wins. */
static void test_teasers(void)
{
	static const char p[] =
		"<html><body><div class=\"story-body\"><p>Protesters clashed with "
		"police in Tbilisi yesterday, witnesses said.</p><p>The United Nations "
		"urged restraint.</p></div><div class=\"rail\">"
		"<article><h3><a href=1>Teaser headline one</a></h3><p>A summary of "
		"another story that is long enough to score.</p></article>"
		"<article><h3><a href=2>Teaser headline two</a></h3><p>A summary of a "
		"third story, also long enough to score.</p></article></div></body></html>";
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(p, sizeof p - 1, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "Protesters clashed with police in Tbilisi yesterday, "
		"witnesses said.\n\nThe United Nations urged restraint.");
	web_doc_release(&d);
}

/* A short paragraph that is mostly link text is kept whole. */
static void test_link_paragraph(void)
{
	static const char p[] =
		"<html><body><article><p>Long enough opening paragraph of the article,"
		" which names nobody in particular.</p>"
		"<p>He met the <a href=x>Minister of Foreign Affairs</a>.</p>"
		"</article></body></html>";
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(p, sizeof p - 1, 1 << 20, &d, &e), 0);
	T_CHECK(has(web_str(&d.text), "He met the Minister of Foreign Affairs."));
	web_doc_release(&d);
}

static void test_metadata_sources(void)
{
	static const char ld[] =
		"<html><head><title>T - Site</title><script type=\"application/ld+json\">"
		"{\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":\"NewsArticle\","
		"\"headline\":\"From JSON-LD\",\"datePublished\":\"2023-02-01T00:00:00Z\","
		"\"publisher\":{\"@type\":\"Organization\",\"name\":\"LD Press\"}}]}"
		"</script><meta name=\"DC.date\" content=\"2023-05-05\">"
		"<meta property=\"og:url\" content=\"https://ld.example/a\"></head>"
		"<body><p>Some body text that is long enough to be a paragraph.</p></body></html>";
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(ld, sizeof ld - 1, 1 << 20, &d, &e), 0);
	T_INTEQ(d.date, 20230201);   /* JSON-LD ranks above DC.date */
	T_STREQ(web_str(&d.publisher), "LD Press");
	T_STREQ(web_str(&d.title), "From JSON-LD");
	T_STREQ(web_str(&d.url), "https://ld.example/a");
	T_STREQ(web_str(&d.text), "From JSON-LD\n\nSome body text that is long "
		"enough to be a paragraph.");

	static const char tm[] =
		"<html><body><article><h1>Head line</h1><time datetime=\"2022-12-31\">"
		"yesterday</time><p>Body paragraph with enough text to count here.</p>"
		"</article></body></html>";
	web_doc_reset(&d);
	T_INTEQ(html_article(tm, sizeof tm - 1, 1 << 20, &d, &e), 0);
	T_INTEQ(d.date, 20221231);
	T_STREQ(web_str(&d.title), "Head line");
	T_CHECK(!strncmp(web_str(&d.text), "Head line\n\n", 11));
	web_doc_release(&d);
}

static void test_dates(void)
{
	T_INTEQ(web_parse_date("2024-09-25T10:00:00+04:00", 25), 20240925);
	T_INTEQ(web_parse_date("2024-09-25", 10), 20240925);
	T_INTEQ(web_parse_date("20240925", 8), 20240925);
	T_INTEQ(web_parse_date("Wed, 25 Sep 2024 10:00:00 GMT", 29), 20240925);
	T_INTEQ(web_parse_date("25 Sep 24 10:00 +0000", 21), 20240925);
	T_INTEQ(web_parse_date("Sun, 5 Jan 1997 00:00:00 EST", 28), 19970105);
	T_INTEQ(web_parse_date("September 25, 2024", 18), 20240925);
	T_INTEQ(web_parse_date("25 September 2024", 17), 20240925);
	T_INTEQ(web_parse_date("2024-02-30", 10), 0);
	T_INTEQ(web_parse_date("31 Feb 2024", 11), 0);
	T_INTEQ(web_parse_date("yesterday", 9), 0);
	T_INTEQ(web_parse_date("", 0), 0);
	T_INTEQ(web_parse_date(NULL, 0), 0);
}

static void test_encoding_entities(void)
{
	/* declared Latin-1: converted to UTF-8; entities decoded */
	static const char l1[] =
		"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 "
		"&eacute;t&eacute; &lt;b&gt; &#8220;quoted&#8221; &nbsp;end of a long "
		"paragraph.</p></body></html>";
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(l1, sizeof l1 - 1, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "Caf\xc3\xa9 \xc3\xa9t\xc3\xa9 <b> \xe2\x80\x9cquoted"
		"\xe2\x80\x9d \xc2\xa0" "end of a long paragraph.");
	/* undeclared: UTF-8 */
	static const char u8[] = "<p>\xc3\x9cr\xc3\xbcmqi met officials in "
				 "T\xc3\xbcrkiye on Monday morning.</p>";
	web_doc_reset(&d);
	T_INTEQ(html_article(u8, sizeof u8 - 1, 1 << 20, &d, &e), 0);
	T_STREQ(web_str(&d.text), "\xc3\x9cr\xc3\xbcmqi met officials in "
		"T\xc3\xbcrkiye on Monday morning.");
	web_doc_release(&d);
}

static void test_empty_and_caps(void)
{
	static const char nav[] = "<html><body><nav><a href=1>Home</a></nav>"
				  "<footer>Footer</footer></body></html>";
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	T_INTEQ(html_article(nav, sizeof nav - 1, 1 << 20, &d, &e), 0);
	T_INTEQ(d.text.len, 0);
	T_INTEQ(html_article("", 0, 1 << 20, &d, &e) == 0 ||
		e.code == DYAD_EINPUT, 1);
	web_doc_reset(&d);
	T_INTEQ(html_article(page, sizeof page - 1, 100, &d, &e), DYAD_ETOOBIG);
	T_CHECK(has(e.msg, "cap"));
	web_doc_release(&d);
}

/* Far deeper nesting than any stack would survive if walked recursively. */
static void test_deep_nesting(void)
{
	size_t depth = 200000;
	dyad_buf b = { 0 };
	T_INTEQ(buf_adds(&b, "<html><body>"), 0);
	for (size_t i = 0; i < depth; i++)
		buf_adds(&b, i % 2 ? "<div>" : "<span>");
	buf_adds(&b, "<p>Deep text that is long enough to be a paragraph.</p>");
	struct web_doc d = { 0 };
	dyad_error e = { 0 };
	int rc = html_article(b.p, b.len, 1 << 20, &d, &e);
	T_CHECK(rc == 0 || rc == DYAD_EINPUT);
	dyad_buf f = { 0 };
	T_INTEQ(html_fragment_text(b.p, b.len, 1 << 20, &f), 0);
	dyad_buf_release(&f);
	dyad_buf_release(&b);
	web_doc_release(&d);
}

static void test_fragment(void)
{
	dyad_buf b = { 0 };
	static const char f[] = "<p>One <b>bold</b> <a href=x>link</a>.</p><script>"
				"no()</script><p>Two &amp; three</p>  plain tail";
	T_INTEQ(html_fragment_text(f, sizeof f - 1, 1000, &b), 0);
	T_STREQ(b.p, "One bold link.\n\nTwo & three\n\nplain tail");
	dyad_buf_release(&b);
	T_INTEQ(html_fragment_text("plain words only", 16, 1000, &b), 0);
	T_STREQ(b.p, "plain words only");
	dyad_buf_release(&b);
	T_INTEQ(html_fragment_text(f, sizeof f - 1, 10, &b), DYAD_ETOOBIG);
	dyad_buf_release(&b);
}

/* Through the reader: detection, id (url, else the file name), errors. */
static void test_reader(void)
{
	char dir[] = "/tmp/dyad-test-html-XXXXXX";
	if (!mkdtemp(dir)) {
		T_CHECK(!"mkdtemp");
		return;
	}
	char p1[64], p2[64], p3[64];
	snprintf(p1, sizeof p1, "%s/a.html", dir);
	snprintf(p2, sizeof p2, "%s/b.htm", dir);
	snprintf(p3, sizeof p3, "%s/c.txt", dir);
	FILE *f = fopen(p1, "w");
	fputs("\xef\xbb\xbf  \n", f);
	fputs(page, f);
	fclose(f);
	f = fopen(p2, "w");
	fputs("<html><body><nav><a href=/>Home</a></nav></body></html>", f);
	fclose(f);
	f = fopen(p3, "w");
	fputs("<p>Russia and China condemned the United States.</p>", f);
	fclose(f);

	dyad_reader_options o = { DYAD_IN_AUTO, 20200101, 0, NULL };
	dyad_error e = { 0 };
	dyad_doc d;
	dyad_reader *r = dyad_reader_open(p1, &o, &e);
	T_CHECK(r);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_INTEQ(dyad_reader_kind(r), DYAD_IN_HTML);
	T_STREQ(d.id, "https://caspian.example/p/1");
	T_STREQ(d.url, "https://caspian.example/p/1");
	T_STREQ(d.source, "Caspian Daily");
	T_INTEQ(d.date, 20240926);
	T_CHECK(has(d.text, "Minister of Foreign Affairs Jeyhun Bayramov"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	r = dyad_reader_open(p2, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_EINPUT);
	T_STREQ(d.id, "b.htm");
	T_CHECK(has(e.msg, "no article text"));
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	/* markup in a .txt file is still HTML; forcing text keeps the tags */
	r = dyad_reader_open(p3, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_STREQ(d.id, "c.txt");
	T_STREQ(d.text, "Russia and China condemned the United States.");
	T_INTEQ(d.date, 20200101);   /* no page date: --date */
	dyad_reader_free(r);
	o.kind = DYAD_IN_TEXT;
	r = dyad_reader_open(p3, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), 1);
	T_CHECK(has(d.text, "<p>"));
	dyad_reader_free(r);

	/* over the cap */
	o.kind = DYAD_IN_HTML;
	o.max_doc_bytes = 64;
	r = dyad_reader_open(p1, &o, &e);
	T_INTEQ(dyad_reader_next(r, &d, &e), DYAD_ETOOBIG);
	T_STREQ(d.id, "a.html");
	T_INTEQ(dyad_reader_next(r, &d, &e), 0);
	dyad_reader_free(r);

	unlink(p1);
	unlink(p2);
	unlink(p3);
	rmdir(dir);
}

int main(void)
{
	T_RUN(test_news_page);
	T_RUN(test_scoring);
	T_RUN(test_teasers);
	T_RUN(test_link_paragraph);
	T_RUN(test_metadata_sources);
	T_RUN(test_dates);
	T_RUN(test_encoding_entities);
	T_RUN(test_empty_and_caps);
	T_RUN(test_deep_nesting);
	T_RUN(test_fragment);
	T_RUN(test_reader);
	return t_exit();
}
