/*
 * fuzz_cache.c - libFuzzer target for the compiled-cache reader
 * (cache.c): cache_read() on arbitrary bytes must return NULL or an
 * engine, never crash, and never allocate more than the file could hold.
 *
 * A cache is only accepted from the program that wrote it (cache.c
 * compares the executable's size and time), so a cache file saved on disk
 * cannot reach the code behind the header checks. LLVMFuzzerInitialize
 * therefore builds a small engine from fixed dictionaries of every kind
 * and compiles it (this process is the writer); its sources are memfds
 * (not recorded) and /dev/null (recorded, never changes). Input: one
 * option byte, then the data.
 *   bit 1 clear: the data is the cache file;
 *   bit 1 set:   the data edits the built cache: records of a 4-byte
 *                offset (modulo the cache size), a length byte L and L
 *                bytes written there (L = 0: truncate at the offset).
 * The checksum is never forged: a cache whose checksum matches is, by
 * design, trusted as what this program wrote (cache.c: the checksum
 * catches corruption, not adversaries), and its tables are not
 * validated (docs/reliability.md).
 */
#include "fuzz.h"
#include "dict.h"

static uint8_t *built;      /* the cache of the fixed dictionaries */
static size_t built_n;

static const char *const dicts[][2] = {
	{ "verbs", "&CURRENCY\n+DOLLAR\n--- CONDEMN [122] ---\nCONDEMN\n"
		   "- * + FOR &CURRENCY [123]\n--- MEET [040] ---\nMEET {MET}\n"
		   "- * (WITH +) [042:043]\n" },
	{ "actors", "RUSSIA_ [RUS]\n+RUSSIAN_\nVLADIMIR_PUTIN_\n\t[RUSGOV >20000507]\n"
		    "\t[RUS]\nCHINA_ [CHN]\n" },
	{ "agents", "PRESIDENT_ [~GOV]\nPOLICE {} [~COP]\n" },
	{ "discards", "BASEBALL\n+WORLD CUP\n" },
	{ "tabari-verbs", "<SYNSETS>\n&MONEY\n+EURO\n</SYNSETS>\n<TIME>\nLAST_WEEK [-7]\n"
			  "</TIME>\n<NOUN>\nFORCES_\n</NOUN>\nABANDON [345]\n- $ * + [123]\n" },
	{ "tabari-actors", "ESTONIA_ [EST]\nLORIEN [ELR/GAL]\n" },
	{ "cameo", "code\tquad_class\tgoldstein\tplover\tname\n04\t1\t1.0\tCONSULT\tConsult\n"
		   "12\t3\t-4\tREJECT\tReject\n" },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* the dictionaries in memfds (not recorded as sources: no file to
	 * check), and /dev/null as an empty discards file, so that the
	 * cache lists one source that stays as it is */
	dyad_dict_file files[ARRAY_SIZE(dicts) + 1];
	for (size_t i = 0; i < ARRAY_SIZE(dicts); i++)
		files[i] = (dyad_dict_file){ dicts[i][0],
			fuzz_file((int)i + 1, (const uint8_t *)dicts[i][1], strlen(dicts[i][1])) };
	files[ARRAY_SIZE(dicts)] = (dyad_dict_file){ "discards", "/dev/null" };
	dyad_engine_options o;
	dyad_error err;
	memset(&o, 0, sizeof o);
	o.dict_dir = "/nonexistent/dyad-fuzz";
	o.files = files;
	o.nfiles = ARRAY_SIZE(files);
	o.no_cache = true;
	o.no_places = true;   /* the gazetteer is not this target's input, and
				 * building it per input would take 100 ms */
	dyad_engine *e = dyad_engine_open(&o, &err);
	if (!e) {
		fprintf(stderr, "fuzz_cache: %s\n", err.msg);
		abort();
	}
	char dir[] = "/tmp/dyad-fuzz-cache-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char cpath[64];
	snprintf(cpath, sizeof cpath, "%s/cache", dir);
	if (dyad_engine_compile(e, cpath, &err)) {
		fprintf(stderr, "fuzz_cache: %s\n", err.msg);
		abort();
	}
	dyad_engine_free(e);
	FILE *f = fopen(cpath, "rb");
	if (!f)
		abort();
	size_t cap = 1 << 16;
	built = malloc(cap);
	for (size_t k; built && (k = fread(built + built_n, 1, cap - built_n, f)) > 0;) {
		built_n += k;
		if (built_n == cap)
			built = realloc(built, cap *= 2);
	}
	fclose(f);
	unlink(cpath);
	rmdir(dir);
	if (!built)
		abort();
	/* the cache must load: else the edits test nothing */
	struct dyad_engine *back = cache_read(fuzz_path(built, built_n));
	if (!back) {
		fprintf(stderr, "fuzz_cache: the cache just written does not load\n");
		abort();
	}
	dyad_engine_free(back);
	return 0;
}

/* Apply the edit records of d[0,n) to a copy of the built cache. */
static uint8_t *edit(const uint8_t *d, size_t n, size_t *outn)
{
	uint8_t *p = malloc(built_n);
	FUZZ_CHECK(p);
	memcpy(p, built, built_n);
	size_t len = built_n;
	while (n >= 5 && len) {
		uint32_t off;
		memcpy(&off, d, 4);
		size_t at = off % len, l = d[4];
		d += 5;
		n -= 5;
		if (!l) {
			len = at;
			continue;
		}
		l = MIN(l, n);
		l = MIN(l, len - at);
		memcpy(p + at, d, l);
		d += l;
		n -= l;
	}
	*outn = len;
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	unsigned opt = data[0];
	uint8_t *p;
	size_t n;
	if (opt & 2) {
		p = edit(data + 1, size - 1, &n);
	} else {
		n = size - 1;
		p = malloc(n ? n : 1);
		FUZZ_CHECK(p);
		memcpy(p, data + 1, n);
	}
	struct dyad_engine *e = cache_read(fuzz_path(p, n));
	free(p);
	if (e) {
		dyad_dict_stats st;
		dyad_engine_stats(e, &st);
		FUZZ_CHECK(st.from_cache);
		dyad_engine_free(e);
	}
	return 0;
}
