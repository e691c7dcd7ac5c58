// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// OpenSSL 3 as an oracle (EVP and EVP_MAC); throws std::runtime_error when
// OpenSSL itself fails.  libsodium is called directly from the tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kcrypto::test::ossl {

using Bytes = std::vector<uint8_t>;

// EVP_chacha20 with the 16-byte IV = counter (LE) || nonce.  OpenSSL
// carries the counter into the nonce at 2^32: do not cross the wrap.
Bytes chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
	       const uint8_t *msg, size_t len);
// RFC 8439 AEAD: ciphertext || tag.
Bytes chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12],
			    const uint8_t *ad, size_t adlen, const uint8_t *msg,
			    size_t len);
Bytes poly1305(const uint8_t key[32], const uint8_t *msg, size_t len);
Bytes blake2s256(const uint8_t *msg, size_t len);
// EVP_MAC "BLAKE2SMAC": key 1..32 bytes, output @outlen 1..32.
Bytes blake2s_mac(const uint8_t *key, size_t keylen, size_t outlen,
		  const uint8_t *msg, size_t len);

} // namespace kcrypto::test::ossl
