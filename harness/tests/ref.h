// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Tiny, deliberately naive references written from the RFC text, for what
// OpenSSL and libsodium cannot check: ChaCha12, the 32-bit counter wrap
// (both libraries carry into the nonce word), and BLAKE2s with every output
// length and key length 0..32.  Slow and simple on purpose.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kcrypto::test::ref {

// RFC 8439 section 2.4 with @rounds (20 or 12); the block counter wraps
// modulo 2^32 and never touches the nonce.
void chacha(uint8_t *dst, const uint8_t *src, size_t len, const uint8_t key[32],
	    const uint8_t nonce[12], uint32_t counter, int rounds);

// draft-irtf-cfrg-xchacha section 2.2.
void hchacha20(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16]);

// RFC 7693 with parameter block digest length @outlen (1..32) and key
// length @keylen (0..32).
void blake2s(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen,
	     const uint8_t *key, size_t keylen);

} // namespace kcrypto::test::ref
