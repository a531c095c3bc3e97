/*
 * sha256.h - SHA-256 from libnettle (struct sha256_ctx, sha256_init,
 * sha256_update(ctx, length, data), sha256_digest) and a hex helper.
 */
#ifndef DYAD_SHA256_H
#define DYAD_SHA256_H
#include <stddef.h>
#include <stdint.h>
#include <nettle/sha2.h>

/* out: 64 lower-case hex digits and a NUL */
void sha256_hex(const unsigned char d[32], char out[65]);
#endif
