/* sha256.h - SHA-256 (FIPS 180-4), for the hash of a plan's source. */
#ifndef RATEL_SHA256_H
#define RATEL_SHA256_H

#include <stddef.h>

/* Writes the digest of data[0..len) as 64 lowercase hex digits + NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
