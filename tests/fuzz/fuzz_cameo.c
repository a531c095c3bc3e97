/*
 * fuzz_cameo.c - libFuzzer target for the CAMEO table reader (cameo.c):
 * cameo_load() on arbitrary bytes, then the documented invariants of a
 * loaded table (sorted by code, unique codes, valid fields) and
 * cameo_find() on every code, its parents and a few lookups of its own.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const probes[] = {
		"", "0", "01", "010", "0311", "04a", "---", "1234567", "20", "99999",
	};
	struct cameo_table t;
	dyad_error err;
	memset(&err, 0, sizeof err);
	int rc = cameo_load(&t, fuzz_path(data, size), &err);
	if (rc) {
		FUZZ_CHECK(rc < 0 && err.code == rc);
		FUZZ_CHECK(memchr(err.msg, 0, sizeof err.msg));
		FUZZ_CHECK(t.n == 0);
		cameo_release(&t);
		return 0;
	}
	FUZZ_CHECK(t.n > 0 && t.v);
	for (size_t i = 0; i < t.n; i++) {
		const struct cameo_info *ci = &t.v[i];
		FUZZ_CHECK(memchr(ci->code, 0, sizeof ci->code));
		FUZZ_CHECK(memchr(ci->plover, 0, sizeof ci->plover));
		FUZZ_CHECK(memchr(ci->name, 0, sizeof ci->name));
		FUZZ_CHECK(ci->quad >= 1 && ci->quad <= 4);
		if (i)
			FUZZ_CHECK(strcmp(t.v[i - 1].code, ci->code) < 0);
		FUZZ_CHECK(cameo_find(&t, ci->code) == ci);
		char parent[sizeof ci->code];
		memcpy(parent, ci->code, sizeof parent);
		for (size_t n = strlen(parent); n > 0; parent[--n] = 0) {
			const struct cameo_info *p = cameo_find(&t, parent);
			FUZZ_CHECK(!p || !strncmp(p->code, parent, strlen(p->code)));
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(probes); i++)
		(void)cameo_find(&t, probes[i]);
	cameo_release(&t);
	return 0;
}
