/*
 * engine_info.c - facts about a loaded engine for provenance: the
 * dictionary version. The version depends only on dictionary content:
 * each source file contributes its base name and the SHA-256 of its bytes
 * (directories are skipped: their files are sources too), in name order,
 * then the CAMEO table as loaded. Moving or touching the files keeps the
 * version; editing one entry changes it.
 */
#include "dict.h"
#include "sha256.h"
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

struct named { const char *path, *base; };

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->base, y->base);
	return c ? c : strcmp(x->path, y->path);
}

static int hash_file(const char *path, unsigned char out[32])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return DYAD_EIO;
	struct sha256_ctx c;
	sha256_init(&c);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_update(&c, n, (const uint8_t *)buf);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return DYAD_EIO;
	sha256_digest(&c, 32, out);
	return 0;
}

int dyad_engine_dict_version(const dyad_engine *e, char out[17])
{
	int rc = 0;
	struct sha256_ctx all;
	sha256_init(&all);
	size_t n = e->sources.n;
	struct named *v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return DYAD_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = estr(e, e->sources.v[i].path);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			continue;
		const char *slash = strrchr(p, '/');
		v[k].path = p;
		v[k].base = slash ? slash + 1 : p;
		k++;
	}
	qsort(v, k, sizeof *v, cmp_named);
	for (size_t i = 0; i < k && !rc; i++) {
		unsigned char d[32];
		rc = hash_file(v[i].path, d);
		sha256_update(&all, strlen(v[i].base) + 1, (const uint8_t *)v[i].base);
		sha256_update(&all, sizeof d, d);
	}
	free(v);
	for (size_t i = 0; i < e->cameo.n && !rc; i++) {
		const struct cameo_info *c = &e->cameo.v[i];
		char line[160];
		int len = snprintf(line, sizeof line, "%s\t%d\t%.2f\t%s\t%s\n", c->code, c->quad,
				   (double)c->goldstein, c->plover, c->name);
		if (len > 0)
			sha256_update(&all, MIN((size_t)len, sizeof line - 1), (const uint8_t *)line);
	}
	unsigned char d[32];
	char hex[65];
	sha256_digest(&all, 32, d);
	sha256_hex(d, hex);
	memcpy(out, hex, 16);
	out[16] = 0;
	return rc;
}
