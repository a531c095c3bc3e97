/*
 * sha256.c - SHA-256 text hashes through Debian's libnettle (nettle-dev):
 * document text hashes for the store and the dictionary version.
 */
#include "internal.h"
#include "sha256.h"

void sha256_hex(const unsigned char d[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = 0;
}

void dyad_text_sha256(const char *text, size_t n, char out[65])
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, n, (const uint8_t *)text);
	sha256_digest(&c, sizeof d, d);
	sha256_hex(d, out);
}
