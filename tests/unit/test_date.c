/*
 * test_date.c - unit tests of date.c: calendar arithmetic, dyad_parse_date
 * and date_resolve (every supported form, the non-dates it must ignore,
 * doc_date 0, spans, and garbage bytes read from exact-size buffers so
 * that ASan catches any read past n).
 */
#include "internal.h"
#include "t.h"

#include <stdio.h>
#include <stdlib.h>

/* date_resolve on a malloc'd copy of exactly strlen(s) bytes (no NUL). */
static int res_span(const char *s, int doc, struct span *sp)
{
	size_t n = strlen(s);
	char *p = malloc(n ? n : 1);
	if (!p)
		abort();
	memcpy(p, s, n);
	int r = date_resolve(p, n, doc, sp);
	free(p);
	return r;
}

static int res(const char *s, int doc)
{
	struct span sp;
	return res_span(s, doc, &sp);
}

/* The text of the span found in s ("" when none). */
static const char *span_text(const char *s, int doc)
{
	static char out[128];
	struct span sp = { 7, 7 };
	out[0] = 0;
	if (res_span(s, doc, &sp) && sp.end > sp.start &&
	    sp.end - sp.start < sizeof out && sp.end <= strlen(s)) {
		memcpy(out, s + sp.start, sp.end - sp.start);
		out[sp.end - sp.start] = 0;
	}
	return out;
}

#define DOC 20240926   /* a Thursday */

/* ---- calendar arithmetic ---------------------------------------------- */

static void test_valid(void)
{
	T_CHECK(date_valid(20240229));
	T_CHECK(!date_valid(20230229));
	T_CHECK(date_valid(20000229));
	T_CHECK(!date_valid(19000229));
	T_CHECK(!date_valid(20241301));
	T_CHECK(!date_valid(20240001));
	T_CHECK(!date_valid(20240900));
	T_CHECK(!date_valid(20240931));
	T_CHECK(date_valid(20241031));
	T_CHECK(!date_valid(0));
	T_CHECK(!date_valid(-20240101));
	T_CHECK(date_valid(10101));
	T_CHECK(date_valid(99991231));
	T_CHECK(!date_valid(100000101));
	T_CHECK(!date_valid(2147483647));
}

static void test_weekday(void)
{
	T_INTEQ(date_weekday(20240925), 2);   /* Wednesday */
	T_INTEQ(date_weekday(20240926), 3);
	T_INTEQ(date_weekday(19700101), 3);
	T_INTEQ(date_weekday(20000101), 5);
	T_INTEQ(date_weekday(20240229), 3);
	T_INTEQ(date_weekday(20231231), 6);
	T_INTEQ(date_weekday(20240101), 0);
	T_INTEQ(date_weekday(19000101), 0);
	T_INTEQ(date_weekday(21000301), 0);
	T_INTEQ(date_weekday(10101), 0);
	T_INTEQ(date_weekday(99991231), 4);
	T_INTEQ(date_weekday(20230229), -1);
}

static void test_add_days(void)
{
	T_INTEQ(date_add_days(20241231, 1), 20250101);
	T_INTEQ(date_add_days(20250101, -1), 20241231);
	T_INTEQ(date_add_days(20240228, 1), 20240229);
	T_INTEQ(date_add_days(20240301, -1), 20240229);
	T_INTEQ(date_add_days(20230301, -1), 20230228);
	T_INTEQ(date_add_days(19000301, -1), 19000228);
	T_INTEQ(date_add_days(20000301, -1), 20000229);
	T_INTEQ(date_add_days(20240926, 0), 20240926);
	T_INTEQ(date_add_days(20240926, 366), 20250927);
	T_INTEQ(date_add_days(19700101, 10957), 20000101);
	T_INTEQ(date_add_days(99991231, 1), 0);
	T_INTEQ(date_add_days(10101, -1), 0);
	T_INTEQ(date_add_days(10101, 3652058), 99991231);
	T_INTEQ(date_add_days(20230229, 1), 0);
	T_INTEQ(date_add_days(20240101, 2147483647), 0);
	T_INTEQ(date_add_days(20240101, -2147483647 - 1), 0);
	T_INTEQ(date_days_between(20240101, 20250101), 366);
	T_INTEQ(date_days_between(20230101, 20240101), 365);
	T_INTEQ(date_days_between(20250101, 20240101), -366);
	T_INTEQ(date_days_between(19700101, 20000101), 10957);
	T_INTEQ(date_days_between(10101, 99991231), 3652058);
	T_INTEQ(date_days_between(20230229, 20240101), 0);
}

/* Day-by-day walk from 1600 to 2400 against a naive calendar. */
static void test_walk(void)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 1600, m = 1, d = 1, wd = 5;   /* 1600-01-01 was a Saturday */
	int start = 16000101, k = 0, bad = 0;
	while (y < 2400 && !bad) {
		int ymd = y * 10000 + m * 100 + d;
		if (!date_valid(ymd) || date_add_days(start, k) != ymd ||
		    date_add_days(ymd, -k) != start ||
		    date_days_between(start, ymd) != k ||
		    date_weekday(ymd) != wd)
			bad = ymd;
		int len = dim[m - 1] +
			(m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
		if (d == 28 && m == 2 && len == 28)
			T_CHECK(!date_valid(y * 10000 + 229));
		if (++d > len) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
		wd = (wd + 1) % 7;
		k++;
	}
	T_INTEQ(bad, 0);
	T_INTEQ(k, 292194);
}

/* ---- dyad_parse_date --------------------------------------------------- */

static int pd(const char *s)
{
	return dyad_parse_date(s, strlen(s));
}

static void test_parse_date(void)
{
	T_INTEQ(pd("2024-09-26"), 20240926);
	T_INTEQ(pd("20240926"), 20240926);
	T_INTEQ(pd("2024-09-26T10:00:00Z"), 20240926);
	T_INTEQ(pd("2024-09-26T23:59:59+05:00"), 20240926);
	T_INTEQ(pd("2024-09-26 10:00"), 20240926);
	T_INTEQ(pd("20240926T100000Z"), 20240926);
	T_INTEQ(pd(" 2024-09-26\n"), 20240926);
	T_INTEQ(pd("2024-02-29"), 20240229);
	T_INTEQ(pd("2023-02-29"), 0);
	T_INTEQ(pd("2024-13-01"), 0);
	T_INTEQ(pd("2024-00-10"), 0);
	T_INTEQ(pd("2024-09-00"), 0);
	T_INTEQ(pd("2024-9-26"), 0);
	T_INTEQ(pd("2024/09/26"), 0);
	T_INTEQ(pd("2024-09-26x"), 0);
	T_INTEQ(pd("2024092"), 0);
	T_INTEQ(pd("202409261"), 0);
	T_INTEQ(pd("abcd-ef-gh"), 0);
	T_INTEQ(pd("-024-09-26"), 0);
	T_INTEQ(pd("2024-+9-26"), 0);
	T_INTEQ(pd(""), 0);
	T_INTEQ(pd("   "), 0);
	T_INTEQ(dyad_parse_date(NULL, 10), 0);
	T_INTEQ(dyad_parse_date("2024-09-26T", 10), 20240926);
	T_INTEQ(dyad_parse_date("2024-09-2", 9), 0);
}

/* ---- date_resolve ------------------------------------------------------- */

static void test_month_day(void)
{
	T_INTEQ(res("On September 25, the Minister met the Secretary General.", DOC), 20240925);
	T_STREQ(span_text("On September 25, the Minister met him.", DOC), "September 25");
	T_INTEQ(res("Talks were held on Sept. 25 in New York.", DOC), 20240925);
	T_STREQ(span_text("Talks were held on Sept. 25 in New York.", DOC), "Sept. 25");
	T_INTEQ(res("They met Sept.25.", DOC), 20240925);
	T_INTEQ(res("They met Sep 25.", DOC), 20240925);
	T_INTEQ(res("They met on 25 September.", DOC), 20240925);
	T_STREQ(span_text("They met on 25 September.", DOC), "25 September");
	T_INTEQ(res("They met on September 25th.", DOC), 20240925);
	T_STREQ(span_text("They met on September 25th.", DOC), "September 25th");
	T_INTEQ(res("They met on the 25th of September.", DOC), 20240925);
	T_STREQ(span_text("They met on the 25th of September.", DOC), "the 25th of September");
	T_INTEQ(res("They met on 25th September.", DOC), 20240925);
	T_INTEQ(res("They met on 25 Sept. in Baku.", DOC), 20240925);
	T_STREQ(span_text("They met on 25 Sept. in Baku.", DOC), "25 Sept.");
	T_INTEQ(res("On the 1st of September they met.", DOC), 20240901);
	T_INTEQ(res("on september 25", DOC), 20240925);
	T_INTEQ(res("ON SEPTEMBER 25", DOC), 20240925);
	T_INTEQ(res("The summit (Sept. 25-26) ended.", DOC), 20240925);
	T_INTEQ(res("Jan 5 talks", DOC), 20240105);
	T_INTEQ(res("Feb. 3", DOC), 20240203);
	T_INTEQ(res("Aug 31", DOC), 20240831);
	T_INTEQ(res("Dec. 1", DOC), 20231201);
	T_INTEQ(res("June 30", DOC), 20240630);
	T_INTEQ(res("July 4th", DOC), 20240704);
	T_INTEQ(res("October 1", DOC), 20231001);
	T_INTEQ(res("Nov 11", DOC), 20231111);
	T_INTEQ(res("April 2", DOC), 20240402);
	/* the same day is "on or before" */
	T_INTEQ(res("September 26", DOC), 20240926);
	T_INTEQ(res("September 27", DOC), 20230927);
	/* year rollover: the latest such day on or before doc_date */
	T_INTEQ(res("On December 30 the talks began.", 20240103), 20231230);
	T_INTEQ(res("On January 3 the talks began.", 20240103), 20240103);
	T_INTEQ(res("On January 4 the talks began.", 20240103), 20230104);
	T_INTEQ(res("30 December", 20240103), 20231230);
	/* leap days */
	T_INTEQ(res("February 29", 20250301), 20240229);
	T_INTEQ(res("February 29", 20240229), 20240229);
	T_INTEQ(res("February 29", 20240228), 20200229);
	T_INTEQ(res("29 February", 21040101), 20960229);   /* 2100 is no leap year */
}

static void test_month_day_year(void)
{
	T_INTEQ(res("On September 25, 2024, the ministers met.", DOC), 20240925);
	T_STREQ(span_text("On September 25, 2024, the ministers met.", DOC), "September 25, 2024");
	T_INTEQ(res("On 25 September 2024 the ministers met.", DOC), 20240925);
	T_STREQ(span_text("On 25 September 2024 the ministers met.", DOC), "25 September 2024");
	T_INTEQ(res("Sept. 25 2024", DOC), 20240925);
	T_STREQ(span_text("Sept. 25 2024", DOC), "Sept. 25 2024");
	T_INTEQ(res("September 25th, 2023", DOC), 20230925);
	T_INTEQ(res("the 25th of September, 2022", DOC), 20220925);
	T_INTEQ(res("25 Sept. 2021", DOC), 20210925);
	T_INTEQ(res("25 September, 2020", DOC), 20200925);
	T_INTEQ(res("September 25,2024", DOC), 20240925);
	/* an explicit future date with a comma is kept */
	T_INTEQ(res("The deadline is December 31, 2030.", DOC), 20301231);
	/* without a comma a far-future "year" is a count */
	T_INTEQ(res("On Sept. 25 2500 people marched.", DOC), 20240925);
	T_STREQ(span_text("On Sept. 25 2500 people marched.", DOC), "Sept. 25");
	T_INTEQ(res("On Sept. 25, 300 people marched.", DOC), 20240925);
	/* month with a year but no day is not a date */
	T_INTEQ(res("In September 2024 the talks stalled.", DOC), 0);
	T_INTEQ(res("In May 2024 the talks stalled.", DOC), 0);
}

static void test_numeric(void)
{
	T_INTEQ(res("The meeting of 2024-09-25 was short.", DOC), 20240925);
	T_STREQ(span_text("The meeting of 2024-09-25 was short.", DOC), "2024-09-25");
	T_INTEQ(res("Signed 25.09.2024 in Baku.", DOC), 20240925);
	T_INTEQ(res("Signed 1.9.2024 in Baku.", DOC), 20240901);
	T_INTEQ(res("Signed 9/25/2024 in Baku.", DOC), 20240925);
	T_INTEQ(res("Signed 25/9/2024 in Baku.", DOC), 20240925);
	T_INTEQ(res("Signed 5/6/2024 in Baku.", DOC), 20240506);   /* US order */
	T_INTEQ(res("Signed 2024/09/25 in Baku.", DOC), 20240925);
	T_INTEQ(res("Signed 2024.09.25.", DOC), 20240925);
	T_INTEQ(res("Posted 2024-09-25T10:00:00Z by", DOC), 20240925);
	T_STREQ(span_text("Posted 2024-09-25T10:00:00Z by", DOC), "2024-09-25");
	T_INTEQ(res("(2024-09-25)", DOC), 20240925);
	T_INTEQ(res("2024-09-25", 0), 20240925);
	T_INTEQ(res("2023-02-29", DOC), 0);
	T_INTEQ(res("13/13/2024", DOC), 0);
	T_INTEQ(res("2024-13-01", DOC), 0);
	T_INTEQ(res("9/25/24", DOC), 0);
	T_INTEQ(res("version 1.2.2024.5", DOC), 0);
	T_INTEQ(res("ISBN 978-1-2024-3", DOC), 0);
	T_INTEQ(res("12024-09-25", DOC), 0);
	T_INTEQ(res("a2024-09-25", DOC), 0);
}

static void test_weekday_rel(void)
{
	/* DOC 2024-09-26 is a Thursday */
	T_INTEQ(res("The minister met him on Tuesday.", DOC), 20240924);
	T_STREQ(span_text("The minister met him on Tuesday.", DOC), "Tuesday");
	T_INTEQ(res("Tuesday's talks ended.", DOC), 20240924);
	T_INTEQ(res("on Thursday", DOC), 20240926);
	T_INTEQ(res("on Friday", DOC), 20240920);
	T_INTEQ(res("on wednesday", DOC), 20240925);
	T_INTEQ(res("Monday", DOC), 20240923);
	T_INTEQ(res("Saturday", DOC), 20240921);
	T_INTEQ(res("Sunday", DOC), 20240922);
	T_INTEQ(res("last Thursday", DOC), 20240919);
	T_STREQ(span_text("He spoke last Thursday.", DOC), "last Thursday");
	T_INTEQ(res("last Tuesday", DOC), 20240924);
	T_INTEQ(res("last Friday", DOC), 20240920);
	T_INTEQ(res("next Thursday", DOC), 20241003);
	T_INTEQ(res("next Friday", DOC), 20240927);
	T_INTEQ(res("next Wednesday", DOC), 20241002);
	/* across months and years */
	T_INTEQ(res("on Friday", 20240102), 20231229);
	T_INTEQ(res("last Tuesday", 20240102), 20231226);
	T_INTEQ(res("next Monday", 20231230), 20240101);
	T_INTEQ(res("Thursday", 20240301), 20240229);
	T_INTEQ(res("Wednesday", 20241001), 20240925);
	/* a weekday naming a date: the date wins */
	T_INTEQ(res("On Tuesday, September 24, the talks began.", DOC), 20240924);
	T_STREQ(span_text("On Tuesday, September 24, the talks began.", DOC),
		"Tuesday, September 24");
	T_INTEQ(res("Tuesday 17 September 2024", DOC), 20240917);
	T_STREQ(span_text("Tuesday 17 September 2024", DOC), "Tuesday 17 September 2024");
	T_INTEQ(res("On Monday 2 people died.", DOC), 20240923);
	T_STREQ(span_text("On Monday 2 people died.", DOC), "Monday");
}

static void test_relative(void)
{
	T_INTEQ(res("The minister said today that", DOC), DOC);
	T_INTEQ(res("Talks began this morning.", DOC), DOC);
	T_STREQ(span_text("Talks began this morning.", DOC), "this morning");
	T_INTEQ(res("Talks began this afternoon.", DOC), DOC);
	T_INTEQ(res("Talks begin this evening.", DOC), DOC);
	T_INTEQ(res("Talks begin tonight.", DOC), DOC);
	T_INTEQ(res("Earlier today the minister said", DOC), DOC);
	T_STREQ(span_text("Earlier today the minister said", DOC), "Earlier today");
	T_INTEQ(res("earlier this morning", DOC), DOC);
	T_STREQ(span_text("earlier this morning", DOC), "earlier this morning");
	T_INTEQ(res("later tonight", DOC), DOC);
	T_INTEQ(res("Yesterday the ministers met.", DOC), 20240925);
	T_INTEQ(res("yesterday", 20240101), 20231231);
	T_INTEQ(res("yesterday", 20240301), 20240229);
	T_INTEQ(res("yesterday", 20230301), 20230228);
	T_INTEQ(res("the day before yesterday", DOC), 20240924);
	T_STREQ(span_text("on the day before yesterday,", DOC), "the day before yesterday");
	T_INTEQ(res("the day before yesterday", 20240301), 20240228);
	T_INTEQ(res("the day after tomorrow", DOC), 20240928);
	T_INTEQ(res("tomorrow", 20241231), 20250101);
	T_INTEQ(res("last week", DOC), 20240919);
	T_INTEQ(res("last week", 20240103), 20231227);
	T_INTEQ(res("next week", DOC), 20241003);
	T_INTEQ(res("last night", 20240101), 20231231);
	/* last month: same day of the previous month, clamped */
	T_INTEQ(res("last month", DOC), 20240826);
	T_INTEQ(res("last month", 20240331), 20240229);
	T_INTEQ(res("last month", 20230331), 20230228);
	T_INTEQ(res("last month", 20240115), 20231215);
	T_INTEQ(res("next month", 20240131), 20240229);
	T_INTEQ(res("next month", 20241215), 20250115);
	T_INTEQ(res("3 days ago", DOC), 20240923);
	T_STREQ(span_text("He left 3 days ago.", DOC), "3 days ago");
	T_INTEQ(res("two days ago", DOC), 20240924);
	T_INTEQ(res("Two days ago", 20240101), 20231230);
	T_INTEQ(res("ten days ago", DOC), 20240916);
	T_INTEQ(res("one day ago", DOC), 20240925);
	T_INTEQ(res("a day ago", DOC), 20240925);
	T_INTEQ(res("five days ago", DOC), 20240921);
	T_INTEQ(res("two weeks ago", DOC), 20240912);
	T_INTEQ(res("a week ago", DOC), 20240919);
	T_INTEQ(res("400 days ago", DOC), 20230823);
	T_INTEQ(res("last year", DOC), 0);
	T_INTEQ(res("last year's talks", DOC), 0);
	T_INTEQ(res("this week", DOC), 0);
	T_INTEQ(res("two days later", DOC), 0);
	T_INTEQ(res("the day before", DOC), 0);
	T_INTEQ(res("0 days ago", DOC), 0);
}

/* Every keyword that starts an expression, in three spellings (this also
 * guards the first-letters filter of date.c). */
static void test_keywords(void)
{
	static const char *const months[12][3] = {
		{ "January", "Jan", "Jan." }, { "February", "Feb", "Feb." },
		{ "March", "Mar", "Mar." }, { "April", "Apr", "Apr." },
		{ "May", "May", "MAY" }, { "June", "Jun", "Jun." },
		{ "July", "Jul", "Jul." }, { "August", "Aug", "Aug." },
		{ "September", "Sep", "Sept." }, { "October", "Oct", "Oct." },
		{ "November", "Nov", "Nov." }, { "December", "Dec", "Dec." },
	};
	static const char *const wdays[7] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday",
	};
	static const char *const nums[10] = {
		"one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten",
	};
	char b[64];
	for (int m = 1; m <= 12; m++) {
		for (int k = 0; k < 3; k++) {
			snprintf(b, sizeof b, "on %s 3, 2020.", months[m - 1][k]);
			T_INTEQ(res(b, DOC), 20200003 + m * 100);
			snprintf(b, sizeof b, "on 3 %s 2020.", months[m - 1][k]);
			T_INTEQ(res(b, DOC), 20200003 + m * 100);
		}
		snprintf(b, sizeof b, "(%s 3)", months[m - 1][0]);
		T_INTEQ(res(b, 20241231), 20240003 + m * 100);
	}
	/* DOC is a Thursday (3); the weekday of the same week or before */
	for (int d = 0; d < 7; d++) {
		int back = (3 - d + 7) % 7;
		snprintf(b, sizeof b, "on %s.", wdays[d]);
		T_INTEQ(res(b, DOC), date_add_days(DOC, -back));
		snprintf(b, sizeof b, "ON %s", wdays[d]);
		T_INTEQ(res(b, DOC), date_add_days(DOC, -back));
		snprintf(b, sizeof b, "last %s", wdays[d]);
		T_INTEQ(res(b, DOC), date_add_days(DOC, back ? -back : -7));
		snprintf(b, sizeof b, "Next %s", wdays[d]);
		T_INTEQ(res(b, DOC), date_add_days(DOC, 7 - back));
	}
	for (int k = 1; k <= 10; k++) {
		snprintf(b, sizeof b, "%s days ago", nums[k - 1]);
		T_INTEQ(res(b, DOC), date_add_days(DOC, -k));
		snprintf(b, sizeof b, "%s weeks ago", nums[k - 1]);
		T_INTEQ(res(b, DOC), date_add_days(DOC, -7 * k));
		snprintf(b, sizeof b, "%d days ago", k);
		T_INTEQ(res(b, DOC), date_add_days(DOC, -k));
	}
	T_INTEQ(res("TODAY", DOC), DOC);
	T_INTEQ(res("Tonight", DOC), DOC);
	T_INTEQ(res("YESTERDAY", DOC), 20240925);
	T_INTEQ(res("Tomorrow", DOC), 20240927);
	T_INTEQ(res("Later today", DOC), DOC);
	T_INTEQ(res("This Morning", DOC), DOC);
	T_INTEQ(res("The day after tomorrow", DOC), 20240928);
	T_INTEQ(res("The 3rd of May", DOC), 20240503);
	T_INTEQ(res("the 22nd of May", DOC), 20240522);
	T_INTEQ(res("the 21st of May", DOC), 20240521);
}

static void test_negatives(void)
{
	T_INTEQ(res("The two sides may meet again.", DOC), 0);
	T_INTEQ(res("The two sides may 5 times meet.", DOC), 0);
	T_INTEQ(res("Thousands joined a march on the capital.", DOC), 0);
	T_INTEQ(res("Protesters march 5 miles to the palace.", DOC), 0);
	T_INTEQ(res("They will march 25 kilometres.", DOC), 0);
	T_INTEQ(res("He said it may 5 times fail.", DOC), 0);
	T_INTEQ(res("May 5", DOC), 20240505);
	T_INTEQ(res("On May 5 they met.", DOC), 20240505);
	T_INTEQ(res("March 5", DOC), 20240305);
	T_INTEQ(res("5 March", DOC), 20240305);
	T_INTEQ(res("5 march", DOC), 0);
	T_INTEQ(res("Mar. 5", DOC), 20240305);
	T_INTEQ(res("In March 5,000 people marched.", DOC), 0);
	T_INTEQ(res("In May 2,500 people marched.", DOC), 0);
	T_INTEQ(res("Growth was 3.5 percent in September.", DOC), 0);
	T_INTEQ(res("during the high-level week of the 79th session of the "
		    "United Nations General Assembly", DOC), 0);
	T_INTEQ(res("at the 29th session of the Conference of the Parties (COP29)", DOC), 0);
	T_INTEQ(res("the tourist capital for 2026 was noted", DOC), 0);
	T_INTEQ(res("in 2024", DOC), 0);
	T_INTEQ(res("September", DOC), 0);
	T_INTEQ(res("September.", DOC), 0);
	T_INTEQ(res("Septembers 25", DOC), 0);
	T_INTEQ(res("xSeptember 25", DOC), 0);
	T_INTEQ(res("September 25x", DOC), 0);
	T_INTEQ(res("September 255", DOC), 0);
	T_INTEQ(res("September 0", DOC), 0);
	T_INTEQ(res("September 32", DOC), 0);
	T_INTEQ(res("September, 25 delegates", DOC), 0);
	T_INTEQ(res("25 Septemberx", DOC), 0);
	T_INTEQ(res("Room 25 at 10:30", DOC), 0);
	T_INTEQ(res("1/2 of the votes", DOC), 0);
	T_INTEQ(res("call 555-1234", DOC), 0);
	T_INTEQ(res("Mondays are quiet.", DOC), 0);
	T_INTEQ(res("todays", DOC), 0);
	T_INTEQ(res("Sunday\xc3\xa9", DOC), 0);
	T_INTEQ(res("\xc3\xa9Sunday", DOC), 0);
	T_INTEQ(res("5 September-related claims", DOC), 20240905);
	T_INTEQ(res("", DOC), 0);
	T_INTEQ(date_resolve(NULL, 0, DOC, NULL), 0);
	T_INTEQ(date_resolve(NULL, 10, DOC, NULL), 0);
}

static void test_invalid_then_valid(void)
{
	T_INTEQ(res("Not February 30, 2024 but September 25, 2024.", DOC), 20240925);
	T_INTEQ(res("February 30 and then Tuesday", DOC), 20240924);
	T_INTEQ(res("2023-02-29 or 2024-02-29", DOC), 20240229);
	T_INTEQ(res("February 29, 2023", DOC), 0);
	T_INTEQ(res("February 29, 2024", DOC), 20240229);
	T_INTEQ(res("31 April", DOC), 0);
	T_INTEQ(res("31 April or 30 April", DOC), 20240430);
	/* the first expression wins */
	T_INTEQ(res("Yesterday he recalled the talks of September 20.", DOC), 20240925);
	T_INTEQ(res("On September 20 he said he would go tomorrow.", DOC), 20240920);
}

static void test_doc_zero(void)
{
	T_INTEQ(res("yesterday", 0), 0);
	T_INTEQ(res("today", 0), 0);
	T_INTEQ(res("on Tuesday", 0), 0);
	T_INTEQ(res("last Tuesday", 0), 0);
	T_INTEQ(res("last month", 0), 0);
	T_INTEQ(res("two days ago", 0), 0);
	T_INTEQ(res("September 25", 0), 0);
	T_INTEQ(res("September 25, 2024", 0), 20240925);
	T_INTEQ(res("25 September 2024", 0), 20240925);
	T_INTEQ(res("Sept. 25 2031", 0), 20310925);
	T_INTEQ(res("9/25/2024", 0), 20240925);
	T_INTEQ(res("Yesterday, on September 25, 2024, they met.", 0), 20240925);
	T_STREQ(span_text("Yesterday, on September 25, 2024, they met.", 0),
		"September 25, 2024");
	T_INTEQ(res("Tuesday, September 24, 2024", 0), 20240924);
	/* an invalid doc_date counts as none */
	T_INTEQ(res("yesterday", 20230229), 0);
	T_INTEQ(res("yesterday", -5), 0);
}

static void test_span(void)
{
	struct span sp = { 99, 99 };
	const char *s = "Azernews reports that on Sept. 25, 2024 the ministers met.";
	T_INTEQ(res_span(s, DOC, &sp), 20240925);
	T_INTEQ(sp.start, 25);
	T_INTEQ(sp.end, 39);
	T_INTEQ(res_span("no date here", DOC, &sp), 0);
	T_INTEQ(sp.start, 0);
	T_INTEQ(sp.end, 0);
	T_INTEQ(date_resolve("yesterday", 9, DOC, NULL), 20240925);
	/* never past n */
	T_INTEQ(date_resolve("September 25, 2024", 12, 0, &sp), 0);
	T_INTEQ(date_resolve("September 25, 2024", 12, DOC, &sp), 20240925);
	T_INTEQ(sp.end, 12);
	T_INTEQ(date_resolve("yesterday", 8, DOC, &sp), 0);
}

/* The seed article's sentences: only the first has a date. */
static void test_seed(void)
{
	static const char *const sent[] = {
		"During the discussion, the parties addressed cooperation between "
		"Azerbaijan and the ECO, as well as the prospects for collaboration "
		"at the 29th session of the of the Parties to the UN Framework "
		"Convention on Climate Change (COP29).",
		"Minister Jeyhun Bayramov emphasized Azerbaijan's commitment to "
		"cooperation with the ECO and expressed the country's readiness to "
		"contribute to expanding regional cooperation within the organization.",
		"The selection of the city of Shusha as the tourist capital of the "
		"Economic Cooperation Organization for 2026 was noted, and ideas for "
		"possible joint actions this year were discussed.",
		"Other issues of mutual interest were also exchanged during the meeting.",
	};
	T_INTEQ(res("On September 25, the of Foreign Affairs of the Republic of "
		    "Azerbaijan, Jeyhun Bayramov, met with the Secretary General of "
		    "the Economic Cooperation Organization (ECO), Asad Majid Khan, "
		    "during the high-level week of the 79th session of the United "
		    "Nations General Assembly, Azernews reports citing the of Foreign "
		    "Affairs (MFA).", 20240926), 20240925);
	for (size_t i = 0; i < ARRAY_SIZE(sent); i++)
		T_INTEQ(res(sent[i], 20240926), 0);
}

/* Every prefix of inputs full of near-dates, and random bytes and token
 * soups: results are 0 or valid and spans lie within the text. */
static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static bool check_one(const unsigned char *src, size_t n, int doc)
{
	unsigned char *p = malloc(n ? n : 1);
	if (!p)
		abort();
	memcpy(p, src, n);
	struct span sp;
	int r = date_resolve((const char *)p, n, doc, &sp);
	free(p);
	if (r == 0)
		return sp.start == 0 && sp.end == 0;
	return date_valid(r) && sp.start < sp.end && sp.end <= n;
}

static void test_garbage(void)
{
	static const char *const pieces[] = {
		"Sept", ".", " ", "25", "th", ",", "2024", "-", "/", "09", "of",
		"September", "the", "day", "before", "yesterday", "last", "next",
		"Tuesday", "two", "days", "ago", "May", "may", "\xc3", "\xa9", "T",
		"\n", "  ", "31", "1", "12", "earlier", "today", "this", "morning",
		"week", "month", "a", "0", "99999", "March", "5,000", "3.5",
	};
	static const char *const whole[] = {
		"On Tuesday, September 24, 2024, the talks began.",
		"the 25th of September, 2022",
		"the day before yesterday",
		"Posted 2024-09-25T10:00:00Z by",
		"Signed 25.09.2024 in Baku.",
		"two weeks ago",
		"earlier this morning",
	};
	bool ok = true;
	for (size_t w = 0; w < ARRAY_SIZE(whole); w++)
		for (size_t k = 0; k <= strlen(whole[w]); k++)
			ok &= check_one((const unsigned char *)whole[w], k, DOC) &&
			      check_one((const unsigned char *)whole[w], k, 0);
	T_CHECK(ok);
	unsigned char buf[256];
	for (int iter = 0; iter < 20000 && ok; iter++) {
		size_t n = rng() % sizeof buf;
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)rng();
		ok &= check_one(buf, n, iter % 3 ? DOC : 0);
	}
	T_CHECK(ok);
	for (int iter = 0; iter < 20000 && ok; iter++) {
		size_t n = 0;
		while (n < 200) {
			const char *p = pieces[rng() % ARRAY_SIZE(pieces)];
			size_t l = strlen(p);
			if (rng() % 3)
				buf[n++] = ' ';
			memcpy(buf + n, p, l);
			n += l;
		}
		ok &= check_one(buf, n, iter % 3 ? DOC : 0);
	}
	T_CHECK(ok);
	/* long runs: one token of a million digits or letters, many blanks */
	size_t big = 1 << 20;
	unsigned char *b = malloc(big);
	if (!b)
		abort();
	memset(b, '9', big);
	T_CHECK(check_one(b, big, DOC));
	memset(b, 'a', big);
	T_CHECK(check_one(b, big, DOC));
	memset(b, ' ', big);
	memcpy(b + big - 7, "Tuesday", 7);
	T_INTEQ(date_resolve((const char *)b, big, DOC, NULL), 20240924);
	free(b);
}

int main(void)
{
	T_RUN(test_valid);
	T_RUN(test_weekday);
	T_RUN(test_add_days);
	T_RUN(test_walk);
	T_RUN(test_parse_date);
	T_RUN(test_month_day);
	T_RUN(test_month_day_year);
	T_RUN(test_numeric);
	T_RUN(test_weekday_rel);
	T_RUN(test_relative);
	T_RUN(test_keywords);
	T_RUN(test_negatives);
	T_RUN(test_invalid_then_valid);
	T_RUN(test_doc_zero);
	T_RUN(test_span);
	T_RUN(test_seed);
	T_RUN(test_garbage);
	return t_exit();
}
