// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "oracle.h"

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace kcrypto::test::ossl {

namespace {

[[noreturn]] void fail(const char *what)
{
	throw std::runtime_error(std::string("OpenSSL: ") + what + " failed");
}

struct CipherCtx {
	EVP_CIPHER_CTX *p = EVP_CIPHER_CTX_new();
	~CipherCtx() { EVP_CIPHER_CTX_free(p); }
};

// OpenSSL wants a valid pointer even for zero-length updates.
const uint8_t empty_buf[1] = {0};
const uint8_t *nz(const uint8_t *p) { return p ? p : empty_buf; }

Bytes mac(const char *alg, const uint8_t *key, size_t keylen, size_t outlen,
	  const OSSL_PARAM *params, const uint8_t *msg, size_t len)
{
	std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> m(
		EVP_MAC_fetch(nullptr, alg, nullptr), EVP_MAC_free);
	if (!m)
		fail("EVP_MAC_fetch");
	std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> c(
		EVP_MAC_CTX_new(m.get()), EVP_MAC_CTX_free);
	if (!c || !EVP_MAC_init(c.get(), key, keylen, params))
		fail("EVP_MAC_init");
	if (len && !EVP_MAC_update(c.get(), msg, len))
		fail("EVP_MAC_update");
	Bytes out(outlen);
	size_t n = 0;
	if (!EVP_MAC_final(c.get(), out.data(), &n, out.size()) || n != outlen)
		fail("EVP_MAC_final");
	return out;
}

} // namespace

Bytes chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
	       const uint8_t *msg, size_t len)
{
	uint8_t iv[16];
	CipherCtx c;
	Bytes out(len + 16);
	int n = 0, m = 0;

	for (int i = 0; i < 4; i++)
		iv[i] = static_cast<uint8_t>(counter >> (8 * i));
	std::memcpy(iv + 4, nonce, 12);
	if (!c.p || !EVP_EncryptInit_ex(c.p, EVP_chacha20(), nullptr, key, iv))
		fail("EVP_EncryptInit_ex(chacha20)");
	if (!EVP_EncryptUpdate(c.p, out.data(), &n, nz(msg), static_cast<int>(len)))
		fail("EVP_EncryptUpdate(chacha20)");
	if (!EVP_EncryptFinal_ex(c.p, out.data() + n, &m))
		fail("EVP_EncryptFinal_ex(chacha20)");
	out.resize(n + m);
	return out;
}

Bytes chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12],
			    const uint8_t *ad, size_t adlen, const uint8_t *msg,
			    size_t len)
{
	CipherCtx c;
	Bytes out(len + 16);
	int n = 0, m = 0, k = 0;

	if (!c.p ||
	    !EVP_EncryptInit_ex(c.p, EVP_chacha20_poly1305(), nullptr, nullptr, nullptr) ||
	    !EVP_CIPHER_CTX_ctrl(c.p, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) ||
	    !EVP_EncryptInit_ex(c.p, nullptr, nullptr, key, nonce))
		fail("EVP_EncryptInit_ex(chacha20-poly1305)");
	if (adlen && !EVP_EncryptUpdate(c.p, nullptr, &k, ad, static_cast<int>(adlen)))
		fail("EVP_EncryptUpdate(aad)");
	if (!EVP_EncryptUpdate(c.p, out.data(), &n, nz(msg), static_cast<int>(len)))
		fail("EVP_EncryptUpdate");
	if (!EVP_EncryptFinal_ex(c.p, out.data() + n, &m))
		fail("EVP_EncryptFinal_ex");
	if (static_cast<size_t>(n + m) != len)
		fail("chacha20-poly1305 length");
	if (!EVP_CIPHER_CTX_ctrl(c.p, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + len))
		fail("EVP_CTRL_AEAD_GET_TAG");
	return out;
}

Bytes poly1305(const uint8_t key[32], const uint8_t *msg, size_t len)
{
	return mac("POLY1305", key, 32, 16, nullptr, msg, len);
}

Bytes blake2s256(const uint8_t *msg, size_t len)
{
	Bytes out(32);
	unsigned int n = 0;

	if (!EVP_Digest(nz(msg), len, out.data(), &n, EVP_blake2s256(), nullptr) ||
	    n != 32)
		fail("EVP_Digest(blake2s256)");
	return out;
}

Bytes blake2s_mac(const uint8_t *key, size_t keylen, size_t outlen,
		  const uint8_t *msg, size_t len)
{
	size_t size = outlen;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
		OSSL_PARAM_construct_end(),
	};
	return mac("BLAKE2SMAC", key, keylen, outlen, params, msg, len);
}

} // namespace kcrypto::test::ossl
