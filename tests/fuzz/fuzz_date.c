/*
 * fuzz_date.c - libFuzzer target for the date resolver (date.c):
 * date_resolve() on the input against several document dates (none, a
 * leap day, the first of January, the edges of the calendar), and
 * dyad_parse_date() on the input and on each of its lines. Checks that a
 * resolved date is valid and its span lies inside the input.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int docs[] = {
		0, 20240304, 20240229, 20250101, 19000101, 99991231, 10000101,
		20241231, 123, -20240101,
	};
	const char *s = (const char *)data;
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++) {
		struct span sp = { 7, 7 };
		int d = date_resolve(s, size, docs[i], &sp);
		if (d) {
			FUZZ_CHECK(date_valid(d));
			FUZZ_CHECK(sp.start <= sp.end && sp.end <= size);
		} else {
			FUZZ_CHECK(sp.start == 0 && sp.end == 0);
		}
		FUZZ_CHECK(date_resolve(s, size, docs[i], NULL) == d);
	}
	int d = dyad_parse_date(s, size);
	FUZZ_CHECK(d == 0 || date_valid(d));
	for (const char *p = s, *end = s + size; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		d = dyad_parse_date(p, (size_t)(le - p));
		FUZZ_CHECK(d == 0 || date_valid(d));
		if (d) {
			FUZZ_CHECK(date_weekday(d) >= 0 && date_weekday(d) <= 6);
			int e = date_add_days(d, 40000);
			if (e)
				FUZZ_CHECK(date_days_between(d, e) == 40000);
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}
