/*
 * date.c - calendar arithmetic on int YYYYMMDD dates, dyad_parse_date for
 * document dates, and date_resolve, which finds the first date expression
 * of a sentence ("Sept. 25", "25 September 2024", "9/25/2024", "last
 * Tuesday", "two days ago") and resolves it against the document date.
 *
 * Invariants: a date is valid when 1 <= year <= 9999 and the day exists in
 * the proleptic Gregorian calendar; no function returns an invalid date
 * (0 stands for "none"). date_resolve reads only text[0, n), never
 * allocates or recurses, and is linear in n: the main loop visits each
 * byte once, and a matcher started at a keyword or number reads a bounded
 * number of bytes ahead (words of at most 10 letters, numbers of at most 5
 * digits, at most 3 blanks between the words of an expression).
 *
 * Decisions: "last month" is the same day of the previous month, clamped
 * to its length (March 31 -> February 29/28); "next month" likewise.
 * "last night" is the day before doc_date; "next week" is +7 days. A month
 * with a year but no day ("May 2024"), a bare year ("2026") and "last
 * year" are not specific dates and are skipped. The span excludes a
 * leading "on" but includes "last", "next", "the", "earlier", "ago".
 */
#include "internal.h"

#define YEAR_MIN 1
#define YEAR_MAX 9999

/* ---- calendar arithmetic ---------------------------------------------- */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const unsigned char dim[13] = {
		0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	return m == 2 && is_leap(y) ? 29 : dim[m];
}

static bool ymd_ok(int y, int m, int d)
{
	return y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 &&
	       d >= 1 && d <= month_days(y, m);
}

bool date_valid(int ymd)
{
	if (ymd <= 0)
		return false;
	return ymd_ok(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Inverse of days_from_civil; 0 when the year is out of range. */
static int civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < YEAR_MIN || y > YEAR_MAX)
		return 0;
	return (int)(y * 10000 + m * 100 + d);
}

static long ymd_days(int ymd)
{
	return days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

int date_add_days(int ymd, int days)
{
	if (!date_valid(ymd))
		return 0;
	/* Any |days| beyond the whole range lands outside it anyway. */
	if (days > 4000000 || days < -4000000)
		return 0;
	return civil_from_days(ymd_days(ymd) + days);
}

/* 0 = Monday .. 6 = Sunday; -1 when ymd is invalid. */
int date_weekday(int ymd)
{
	if (!date_valid(ymd))
		return -1;
	long w = (ymd_days(ymd) + 3) % 7;   /* 1970-01-01 was a Thursday */
	return (int)(w < 0 ? w + 7 : w);
}

/* b - a in days; 0 when either date is invalid. */
int date_days_between(int a, int b)
{
	if (!date_valid(a) || !date_valid(b))
		return 0;
	return (int)(ymd_days(b) - ymd_days(a));
}

/* The same day in the month delta (+1/-1) months away, clamped. */
static int add_month(int ymd, int delta)
{
	int y = ymd / 10000, m = ymd / 100 % 100 + delta, d = ymd % 100;
	if (m < 1) {
		m += 12;
		y--;
	} else if (m > 12) {
		m -= 12;
		y++;
	}
	if (y < YEAR_MIN || y > YEAR_MAX)
		return 0;
	d = MIN(d, month_days(y, m));
	return y * 10000 + m * 100 + d;
}

/* ---- dyad_parse_date ---------------------------------------------------- */

static inline bool is_digit(unsigned c) { return c - '0' < 10; }
static inline bool is_alpha(unsigned c) { return (c | 32) - 'a' < 26; }
static inline bool is_upper(unsigned c) { return c - 'A' < 26; }
/* Bytes that continue a word: ASCII letters and digits, and every byte of
 * a multi-byte UTF-8 character (non-ASCII letters). */
static inline bool is_wordc(unsigned c)
{
	return is_digit(c) || is_alpha(c) || c >= 0x80;
}
static inline bool is_blank(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Value of the k digits at p (all checked to be digits), or -1. */
static int digits(const unsigned char *p, size_t k)
{
	int v = 0;
	for (size_t i = 0; i < k; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

int dyad_parse_date(const char *s, size_t n)
{
	if (!s)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	while (n && is_blank(p[0])) {
		p++;
		n--;
	}
	while (n && is_blank(p[n - 1]))
		n--;
	int y, m, d;
	size_t len;
	if (n >= 10 && p[4] == '-' && p[7] == '-') {
		y = digits(p, 4);
		m = digits(p + 5, 2);
		d = digits(p + 8, 2);
		len = 10;
	} else if (n >= 8) {
		y = digits(p, 4);
		m = digits(p + 4, 2);
		d = digits(p + 6, 2);
		len = 8;
	} else {
		return 0;
	}
	/* Anything after the date must be the time of an ISO 8601 timestamp
	 * ("2024-09-26T10:00:00Z", "2024-09-26 10:00"); it is not checked
	 * further and no time zone shift is applied. */
	if (n > len && !(p[len] == 'T' || p[len] == 't' ||
			 (p[len] == ' ' && len == 10)))
		return 0;
	if (y < 0 || m < 0 || d < 0 || !ymd_ok(y, m, d))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* ---- date_resolve: lexical helpers ------------------------------------- */

struct scan {
	const unsigned char *t;
	size_t n;
	int doc;          /* valid document date, or 0 */
};

/* Keyword ids returned by kw_lookup. Months are 1..12, optionally with
 * KWF_ABBR (may take a period: "Sept.") and KWF_CAP (only a date when
 * capitalized: "May", "March", "Mar"); weekdays KW_WDAY + 0 (Monday) .. 6;
 * number words KW_NUM + 1 ("a", "one") .. 10. */
enum {
	KW_NONE = 0,
	KW_WDAY = 16,
	KW_TODAY = 32, KW_TONIGHT, KW_YESTERDAY, KW_TOMORROW, KW_THIS,
	KW_EARLIER, KW_LATER, KW_LAST, KW_NEXT, KW_THE, KW_OF, KW_DAY,
	KW_WEEK, KW_MONTHW, KW_NIGHT, KW_PART, KW_AGO, KW_BEFORE, KW_AFTER,
	KW_NUM = 64,
	KW_MASK = 0xff,
	KWF_ABBR = 0x100,
	KWF_CAP = 0x200,
};

/* Keyword of the lower-case word b[0, len) (len <= 9), or KW_NONE. */
static int kw_lookup(const char *b, size_t len)
{
#define W(lit, id) \
	do { if (len == sizeof lit - 1 && !memcmp(b, lit, len)) return (id); } while (0)
	switch (b[0]) {
	case 'a':
		W("a", KW_NUM + 1); W("ago", KW_AGO);
		W("apr", 4 | KWF_ABBR); W("april", 4);
		W("aug", 8 | KWF_ABBR); W("august", 8);
		W("after", KW_AFTER); W("afternoon", KW_PART);
		break;
	case 'b':
		W("before", KW_BEFORE);
		break;
	case 'd':
		W("day", KW_DAY); W("days", KW_DAY);
		W("dec", 12 | KWF_ABBR); W("december", 12);
		break;
	case 'e':
		W("earlier", KW_EARLIER); W("eight", KW_NUM + 8);
		W("evening", KW_PART);
		break;
	case 'f':
		W("feb", 2 | KWF_ABBR); W("february", 2);
		W("five", KW_NUM + 5); W("four", KW_NUM + 4);
		W("friday", KW_WDAY + 4);
		break;
	case 'j':
		W("jan", 1 | KWF_ABBR); W("january", 1);
		W("jun", 6 | KWF_ABBR); W("june", 6);
		W("jul", 7 | KWF_ABBR); W("july", 7);
		break;
	case 'l':
		W("last", KW_LAST); W("later", KW_LATER);
		break;
	case 'm':
		W("may", 5 | KWF_CAP); W("mar", 3 | KWF_ABBR | KWF_CAP);
		W("march", 3 | KWF_CAP); W("monday", KW_WDAY + 0);
		W("month", KW_MONTHW); W("morning", KW_PART);
		break;
	case 'n':
		W("next", KW_NEXT); W("night", KW_NIGHT); W("nine", KW_NUM + 9);
		W("nov", 11 | KWF_ABBR); W("november", 11);
		break;
	case 'o':
		W("of", KW_OF); W("one", KW_NUM + 1);
		W("oct", 10 | KWF_ABBR); W("october", 10);
		break;
	case 's':
		W("sep", 9 | KWF_ABBR); W("sept", 9 | KWF_ABBR);
		W("september", 9); W("six", KW_NUM + 6); W("seven", KW_NUM + 7);
		W("saturday", KW_WDAY + 5); W("sunday", KW_WDAY + 6);
		break;
	case 't':
		W("the", KW_THE); W("two", KW_NUM + 2); W("ten", KW_NUM + 10);
		W("this", KW_THIS); W("three", KW_NUM + 3);
		W("today", KW_TODAY); W("tonight", KW_TONIGHT);
		W("tomorrow", KW_TOMORROW);
		W("tuesday", KW_WDAY + 1); W("thursday", KW_WDAY + 3);
		break;
	case 'w':
		W("week", KW_WEEK); W("weeks", KW_WEEK);
		W("wednesday", KW_WDAY + 2);
		break;
	case 'y':
		W("yesterday", KW_YESTERDAY);
		break;
	}
	return KW_NONE;
#undef W
}

/* A filter run before kw_lookup on every word of the sentence: for each
 * first letter, the second letters and the lengths of the keywords that
 * can start an expression (months, weekdays, number words, today, the,
 * last ...). Must cover every such keyword of kw_lookup (test_keywords
 * checks); "a" is checked apart. */
#define L(c) (1u << ((c) - 'a'))
#define N(k) (1u << (k))
static const struct { uint32_t second; uint16_t lens; } kw_start[26] = {
	/* apr april aug august */
	['a' - 'a'] = { L('p') | L('u'), N(3) | N(5) | N(6) },
	/* dec december */
	['d' - 'a'] = { L('e'), N(3) | N(8) },
	/* earlier eight */
	['e' - 'a'] = { L('a') | L('i'), N(5) | N(7) },
	/* feb february five four friday */
	['f' - 'a'] = { L('e') | L('i') | L('o') | L('r'), N(3) | N(4) | N(6) | N(8) },
	/* jan january jun june jul july */
	['j' - 'a'] = { L('a') | L('u'), N(3) | N(4) | N(7) },
	/* last later */
	['l' - 'a'] = { L('a'), N(4) | N(5) },
	/* mar march may monday */
	['m' - 'a'] = { L('a') | L('o'), N(3) | N(5) | N(6) },
	/* next nine nov november */
	['n' - 'a'] = { L('e') | L('i') | L('o'), N(3) | N(4) | N(8) },
	/* oct october one */
	['o' - 'a'] = { L('c') | L('n'), N(3) | N(7) },
	/* sep sept september six seven saturday sunday */
	['s' - 'a'] = { L('a') | L('e') | L('i') | L('u'),
			N(3) | N(4) | N(5) | N(6) | N(8) | N(9) },
	/* the two ten this three today tonight tomorrow tuesday thursday */
	['t' - 'a'] = { L('e') | L('h') | L('o') | L('u') | L('w'),
			N(3) | N(4) | N(5) | N(7) | N(8) },
	/* wednesday */
	['w' - 'a'] = { L('e'), N(9) },
	/* yesterday */
	['y' - 'a'] = { L('e'), N(9) },
};
#undef L
#undef N

/* Whether the word t[0, len) (letters only, len >= 1) may start an
 * expression. */
static inline bool may_start(const unsigned char *t, size_t len)
{
	unsigned a = (t[0] | 32) - 'a';
	if (len == 1)
		return a == 0;
	return len <= 9 && (kw_start[a].lens >> len & 1) &&
	       (kw_start[a].second >> ((t[1] | 32) - 'a') & 1);
}

struct word {
	size_t start, end;   /* end: after the letters (and the abbreviation's
			      * period when kw is a month with KWF_ABBR) */
	int kw;              /* KW_* with flags, KW_NONE when not a keyword */
	int month;           /* 1..12 when kw is a month usable here */
};

/* The keyword starting at i, which must not continue a word. Reads at
 * most 10 letters. Returns false (w->kw = KW_NONE) for anything else. */
static bool read_word(const struct scan *s, size_t i, struct word *w)
{
	char b[10];
	size_t len = 0;
	w->kw = KW_NONE;
	w->month = 0;
	w->start = w->end = i;
	if (i >= s->n || !is_alpha(s->t[i]))
		return false;
	if (i > 0 && is_wordc(s->t[i - 1]))
		return false;
	while (i + len < s->n && is_alpha(s->t[i + len])) {
		if (len == sizeof b)
			return false;
		b[len] = (char)(s->t[i + len] | 32);
		len++;
	}
	size_t e = i + len;
	if (e < s->n && is_wordc(s->t[e]))
		return false;
	int kw = kw_lookup(b, len);
	if (!kw)
		return false;
	w->kw = kw;
	w->end = e;
	int id = kw & KW_MASK;
	if (id >= 1 && id <= 12 && (!(kw & KWF_CAP) || is_upper(s->t[i]))) {
		w->month = id;
		if ((kw & KWF_ABBR) && e < s->n && s->t[e] == '.')
			w->end = e + 1;
	}
	return true;
}

/* Keyword id (without flags) of the word at i, with its end in *end
 * (i when it is no keyword). */
static int word_id(const struct scan *s, size_t i, size_t *end)
{
	struct word w;
	*end = i;
	if (!read_word(s, i, &w))
		return KW_NONE;
	*end = w.end;
	return w.kw & KW_MASK;
}

/* Skips at most 3 blanks from i. */
static size_t skip_blanks(const struct scan *s, size_t i)
{
	for (int k = 0; k < 3 && i < s->n && is_blank(s->t[i]); k++)
		i++;
	return i;
}

/* The next word of an expression: blanks (at least one) after i. Returns
 * its start, or SIZE_MAX when there is no blank or the text ends. */
static size_t next_word(const struct scan *s, size_t i)
{
	size_t j = skip_blanks(s, i);
	return j > i && j < s->n ? j : SIZE_MAX;
}

/* The digit run at i: its length, capped at 5 ("too long" for every use),
 * and its value in *v. 0 when t[i] is not a digit. */
static size_t read_num(const struct scan *s, size_t i, int *v)
{
	size_t k = 0;
	*v = 0;
	while (k < 5 && i + k < s->n && is_digit(s->t[i + k])) {
		*v = *v * 10 + (s->t[i + k] - '0');
		k++;
	}
	return k;
}

/* A number goes on at j: "5,000", "3.5". */
static bool num_goes_on(const struct scan *s, size_t j)
{
	return j + 1 < s->n && (s->t[j] == ',' || s->t[j] == '.') &&
	       is_digit(s->t[j + 1]);
}

/* A day of the month at i: 1-2 digits, 1..31, an optional ordinal suffix
 * ("25th"), and nothing word-like after; not a number going on ("5,000").
 * Returns the day and its end, or 0. */
static int read_day(const struct scan *s, size_t i, size_t *end)
{
	int v;
	if (i >= s->n || (i > 0 && is_wordc(s->t[i - 1])))
		return 0;
	size_t k = read_num(s, i, &v);
	if (k == 0 || k > 2 || v < 1 || v > 31)
		return 0;
	size_t j = i + k;
	if (j + 1 < s->n) {
		unsigned a = s->t[j] | 32, b = s->t[j + 1] | 32;
		if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
		    (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
			j += 2;
	}
	if (j < s->n && is_wordc(s->t[j]))
		return 0;
	*end = j;
	return v;
}

/* A year after a day or month ending at i: an optional comma, blanks, and
 * four digits (1000..9999) that end the number. Without a comma a year
 * more than one year after the document date is taken for a count
 * ("Sept. 25 2500 people"). Returns the year and its end, or 0. */
static int read_year(const struct scan *s, size_t i, size_t *end)
{
	size_t j = i;
	bool comma = false;
	if (j < s->n && s->t[j] == ',') {
		comma = true;
		j++;
	}
	size_t k = skip_blanks(s, j);
	if (k == i)
		return 0;
	int v;
	if (read_num(s, k, &v) != 4 || v < 1000)
		return 0;
	k += 4;
	if ((k < s->n && is_wordc(s->t[k])) || num_goes_on(s, k))
		return 0;
	if (!comma && s->doc && v > s->doc / 10000 + 1)
		return 0;
	*end = k;
	return v;
}

/* ---- date_resolve: matchers --------------------------------------------
 * Each returns -1 when the text at i is not its form, otherwise the date
 * (0 when the expression is invalid or needs the missing doc_date) and
 * sets *end to the end of the expression. */

static int rel_days(const struct scan *s, int days)
{
	return s->doc ? date_add_days(s->doc, days) : 0;
}

/* Month m, day d without a year: the latest such date on or before the
 * document date (at most 8 years back, for February 29). */
static int month_day(const struct scan *s, int m, int d)
{
	if (!s->doc || d > month_days(2000, m))
		return 0;
	for (int y = s->doc / 10000, k = 0; k <= 8 && y >= YEAR_MIN; y--, k++) {
		if (ymd_ok(y, m, d) && y * 10000 + m * 100 + d <= s->doc)
			return y * 10000 + m * 100 + d;
	}
	return 0;
}

static int explicit_date(int y, int m, int d)
{
	return ymd_ok(y, m, d) ? y * 10000 + m * 100 + d : 0;
}

/* "September 25", "Sept. 25th", "Sep 25, 2024", "Sept.25 2024". */
static int match_month_day(const struct scan *s, size_t i, size_t *end)
{
	struct word w;
	if (!read_word(s, i, &w) || !w.month)
		return -1;
	size_t j = skip_blanks(s, w.end);
	if (j == w.end && s->t[w.end - 1] != '.')
		return -1;
	size_t de, ye;
	int d = read_day(s, j, &de);
	if (!d)
		return -1;
	int y = read_year(s, de, &ye);
	if (y) {
		*end = ye;
		return explicit_date(y, w.month, d);
	}
	if (num_goes_on(s, de))
		return -1;
	*end = de;
	return month_day(s, w.month, d);
}

/* "25 September", "25th of Sept. 2024", "25 September, 2024". */
static int match_day_month(const struct scan *s, size_t i, size_t *end)
{
	size_t de, ye;
	int d = read_day(s, i, &de);
	if (!d)
		return -1;
	size_t j = next_word(s, de), e;
	if (j == SIZE_MAX)
		return -1;
	if (word_id(s, j, &e) == KW_OF && (j = next_word(s, e)) == SIZE_MAX)
		return -1;
	struct word w;
	if (!read_word(s, j, &w) || !w.month)
		return -1;
	int y = read_year(s, w.end, &ye);
	if (y) {
		*end = ye;
		return explicit_date(y, w.month, d);
	}
	*end = w.end;
	return month_day(s, w.month, d);
}

/* "2024-09-25", "2024/09/25", "25.09.2024" (day first), "9/25/2024" and
 * "9-25-2024" (month first unless the first number exceeds 12). */
static int match_numeric(const struct scan *s, size_t i, size_t *end)
{
	const unsigned char *t = s->t;
	if (i > 1 && (t[i - 1] == '.' || t[i - 1] == '/' || t[i - 1] == '-' ||
		      t[i - 1] == ':') && is_digit(t[i - 2]))
		return -1;
	int a, b, c;
	size_t la = read_num(s, i, &a), j = i + la;
	if (la == 0 || la == 3 || la > 4 || j >= s->n)
		return -1;
	unsigned sep = t[j];
	if (sep != '-' && sep != '/' && sep != '.')
		return -1;
	size_t lb = read_num(s, j + 1, &b);
	if (lb == 0 || lb > 2 || j + 1 + lb >= s->n || t[j + 1 + lb] != sep)
		return -1;
	j += 1 + lb + 1;
	size_t lc = read_num(s, j, &c);
	if (lc == 0 || lc > 4 || (la == 4) != (lc <= 2) || (la <= 2 && lc != 4))
		return -1;
	j += lc;
	/* The date must end here; an ISO time may follow ("...25T10:00"). */
	if (j < s->n && is_wordc(t[j]) &&
	    !(t[j] == 'T' && j + 1 < s->n && is_digit(t[j + 1])))
		return -1;
	if (j + 1 < s->n && (t[j] == sep || t[j] == '.' || t[j] == ',') &&
	    is_digit(t[j + 1]))
		return -1;
	*end = j;
	if (la == 4)
		return explicit_date(a, b, c);
	if (sep == '.' || a > 12)
		return explicit_date(c, b, a);
	return explicit_date(c, a, b);
}

/* After a count ending at i: "days ago", "day ago", "weeks ago". */
static int match_ago(const struct scan *s, size_t i, int count, size_t *end)
{
	size_t j = next_word(s, i), e;
	if (j == SIZE_MAX || ((s->t[j] | 32) != 'd' && (s->t[j] | 32) != 'w'))
		return -1;
	int unit = word_id(s, j, &e);
	if (unit != KW_DAY && unit != KW_WEEK)
		return -1;
	if ((j = next_word(s, e)) == SIZE_MAX || word_id(s, j, &e) != KW_AGO)
		return -1;
	*end = e;
	return rel_days(s, -count * (unit == KW_WEEK ? 7 : 1));
}

/* Weekday wd (0 = Monday) relative to the document date: dir 0 the latest
 * on or before it, -1 strictly before, +1 strictly after. */
static int weekday_rel(const struct scan *s, int wd, int dir)
{
	if (!s->doc)
		return 0;
	int today = date_weekday(s->doc);
	if (dir > 0) {
		int fwd = (wd - today + 7) % 7;
		return date_add_days(s->doc, fwd ? fwd : 7);
	}
	int back = (today - wd + 7) % 7;
	if (dir < 0 && back == 0)
		back = 7;
	return date_add_days(s->doc, -back);
}

/* A weekday, alone or naming the date that follows:
 * "Tuesday", "Tuesday, September 24", "Tuesday 24 September 2024". */
static int match_weekday(const struct scan *s, size_t i, size_t *end,
			 int wd)
{
	size_t j = i, e;
	if (j < s->n && s->t[j] == ',')
		j++;
	size_t k = skip_blanks(s, j);
	if (k > i) {
		int r = match_month_day(s, k, &e);
		if (r < 0)
			r = match_day_month(s, k, &e);
		if (r >= 0) {
			*end = e;
			return r;
		}
	}
	*end = i;
	return weekday_rel(s, wd, 0);
}

/* The expression starting with the keyword word w. */
static int match_keyword(const struct scan *s, const struct word *w,
			 size_t *end)
{
	int id = w->kw & KW_MASK;
	size_t j, e;
	int next;
	if (id >= 1 && id <= 12)
		return w->month ? match_month_day(s, w->start, end) : -1;
	if (id >= KW_WDAY && id < KW_WDAY + 7)
		return match_weekday(s, w->end, end, id - KW_WDAY);
	if (id > KW_NUM && id <= KW_NUM + 10)
		return match_ago(s, w->end, id - KW_NUM, end);
	*end = w->end;
	switch (id) {
	case KW_TODAY:
	case KW_TONIGHT:
		return s->doc;
	case KW_YESTERDAY:
		return rel_days(s, -1);
	case KW_TOMORROW:
		return rel_days(s, 1);
	case KW_THE: case KW_THIS: case KW_EARLIER: case KW_LATER:
	case KW_LAST: case KW_NEXT:
		break;
	default:               /* of, day, week, ago ... start nothing */
		return -1;
	}
	if ((j = next_word(s, w->end)) == SIZE_MAX)
		return -1;
	/* Cheap look at the next word before reading it. */
	unsigned c = s->t[j] | 32;
	if (id == KW_THE && is_digit(s->t[j]))
		return match_day_month(s, j, end);
	if ((id == KW_THE && c != 'd') ||
	    (id == KW_THIS && c != 'm' && c != 'a' && c != 'e'))
		return -1;
	next = word_id(s, j, &e);
	switch (id) {
	case KW_THIS:          /* this morning, this afternoon, this evening */
		if (next != KW_PART)
			return -1;
		*end = e;
		return s->doc;
	case KW_EARLIER:       /* earlier today, later tonight, earlier this morning */
	case KW_LATER:
		if (next == KW_THIS && (j = next_word(s, e)) != SIZE_MAX &&
		    word_id(s, j, &e) == KW_PART)
			next = KW_TODAY;
		if (next != KW_TODAY && next != KW_TONIGHT)
			return -1;
		*end = e;
		return s->doc;
	case KW_LAST:
	case KW_NEXT:
		*end = e;
		if (next >= KW_WDAY && next < KW_WDAY + 7)
			return weekday_rel(s, next - KW_WDAY, id == KW_LAST ? -1 : 1);
		if (next == KW_WEEK)
			return rel_days(s, id == KW_LAST ? -7 : 7);
		if (next == KW_MONTHW)
			return s->doc ? add_month(s->doc, id == KW_LAST ? -1 : 1) : 0;
		if (next == KW_NIGHT && id == KW_LAST)
			return rel_days(s, -1);
		return -1;
	case KW_THE:           /* the day before yesterday, the day after tomorrow */
		if (next != KW_DAY || (j = next_word(s, e)) == SIZE_MAX)
			return -1;
		next = word_id(s, j, &e);
		if ((next != KW_BEFORE && next != KW_AFTER) ||
		    (j = next_word(s, e)) == SIZE_MAX)
			return -1;
		if (word_id(s, j, end) != (next == KW_BEFORE ? KW_YESTERDAY : KW_TOMORROW))
			return -1;
		return rel_days(s, next == KW_BEFORE ? -2 : 2);
	default:
		return -1;
	}
}

/* The expression starting with the number at i. */
static int match_number(const struct scan *s, size_t i, size_t *end)
{
	int r = match_numeric(s, i, end);
	if (r >= 0)
		return r;
	int v;
	size_t k = read_num(s, i, &v);
	if (k <= 3 && v >= 1 && (i + k >= s->n || !is_wordc(s->t[i + k])) &&
	    (r = match_ago(s, i + k, v, end)) >= 0)
		return r;
	return match_day_month(s, i, end);
}

int date_resolve(const char *text, size_t n, int doc_date, struct span *span)
{
	struct scan s = {
		.t = (const unsigned char *)text,
		.n = text ? MIN(n, (size_t)UINT32_MAX) : 0,
		.doc = date_valid(doc_date) ? doc_date : 0,
	};
	const unsigned char *t = s.t;
	size_t i = 0;
	if (span)
		span->start = span->end = 0;
	while (i < s.n) {
		unsigned c = t[i];
		size_t next, end = i;
		int r = -1;
		if (is_digit(c)) {
			next = i + 1;
			while (next < s.n && is_digit(t[next]))
				next++;
			if (i == 0 || !is_wordc(t[i - 1]))
				r = match_number(&s, i, &end);
		} else if (is_alpha(c)) {
			next = i + 1;
			while (next < s.n && is_alpha(t[next]))
				next++;
			struct word w;
			if (may_start(t + i, next - i) &&
			    (i == 0 || !is_wordc(t[i - 1])) &&
			    read_word(&s, i, &w))
				r = match_keyword(&s, &w, &end);
		} else {
			i++;
			continue;
		}
		if (r > 0) {
			if (span) {
				span->start = (uint32_t)i;
				span->end = (uint32_t)end;
			}
			return r;
		}
		/* Skip the rest of a recognized but unusable expression. */
		i = r == 0 && end > next ? end : next;
	}
	return 0;
}
