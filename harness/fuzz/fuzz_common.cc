// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "fuzz_common.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "registry.h"

namespace kfuzz {

uint8_t Input::u8()
{
	uint8_t v = 0;

	bytes(&v, 1);
	return v;
}

uint16_t Input::u16()
{
	uint8_t b[2];

	bytes(b, 2);
	return static_cast<uint16_t>(b[0] | b[1] << 8);
}

uint32_t Input::u32()
{
	uint8_t b[4];

	bytes(b, 4);
	return b[0] | b[1] << 8 | b[2] << 16 | static_cast<uint32_t>(b[3]) << 24;
}

uint64_t Input::u64()
{
	uint64_t lo = u32();

	return lo | static_cast<uint64_t>(u32()) << 32;
}

void Input::bytes(uint8_t *out, size_t len)
{
	size_t n = len < n_ ? len : n_;

	if (n)
		std::memcpy(out, p_, n);
	if (len > n)
		std::memset(out + n, 0, len - n);
	p_ += n;
	n_ -= n;
}

Bytes Input::rest()
{
	Bytes v(p_, p_ + n_);

	p_ += n_;
	n_ = 0;
	return v;
}

void extend(Bytes &msg, size_t extra, uint64_t seed)
{
	uint64_t x = seed;
	const size_t start = msg.size();

	msg.resize(start + extra);
	uint8_t *p = msg.data() + start;
	for (size_t i = 0; i < extra; i += 8) {
		// splitmix64
		uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		z ^= z >> 31;
		std::memcpy(p + i, &z, extra - i < 8 ? extra - i : 8);
	}
}

static constexpr uint8_t kCanary = 0xa5;

Buf::Buf(size_t len, size_t off) : base_(nullptr), off_(off & 63), len_(len)
{
	void *p = nullptr;

	// posix_memalign: ASan poisons exactly off_ + len_ bytes.
	if (posix_memalign(&p, 64, off_ + len_ ? off_ + len_ : 1))
		std::abort();
	base_ = static_cast<uint8_t *>(p);
	std::memset(base_, kCanary, off_);
	// Defined but recognisable contents in the data part.
	std::memset(base_ + off_, 0xcc, len_);
}

Buf::Buf(const uint8_t *src, size_t len, size_t off) : Buf(len, off)
{
	if (len)
		std::memcpy(data(), src, len);
}

Buf::~Buf()
{
	std::free(base_);
}

bool Buf::intact() const
{
	for (size_t i = 0; i < off_; i++)
		if (base_[i] != kCanary)
			return false;
	return true;
}

static ImplList make_list(Prim p)
{
	ImplList l;

	for (const auto &i : kcrypto::harness::usable_impls(p)) {
		l.index.push_back(i.index);
		l.name.push_back(i.name);
	}
	return l;
}

const ImplList &impls(Prim p)
{
	static const auto lists = [] {
		std::array<ImplList, KCRYPTO_NR_PRIMS> a;
		for (Prim q : kcrypto::harness::kAllPrims)
			a[q] = make_list(q);
		return a;
	}();
	static bool printed;

	if (!printed) {
		printed = true;
		for (Prim q : kcrypto::harness::kAllPrims) {
			std::string s;
			for (const auto &n : lists[q].name)
				s += (s.empty() ? "" : " ") + n;
			std::fprintf(stderr, "kcrypto-fuzz: %s: %s\n",
				     kcrypto::harness::prim_name(q), s.c_str());
		}
	}
	return lists[p];
}

void select(Prim p, int index)
{
	kcrypto_harness_set_impl(p, index);
}

void inject(Prim p, size_t k, uint8_t *out, size_t len)
{
	static const char *env = std::getenv("KCRYPTO_FUZZ_INJECT");

	if (!env || !len)
		return;
	const std::string want = std::string(kcrypto::harness::prim_name(p)) +
				 ":" + impls(p).name[k];
	if (want == env)
		out[len / 2] ^= 1;
}

static std::string g_context;

void context(const std::string &ctx)
{
	g_context = ctx;
}

static void hex(const char *label, const uint8_t *p, size_t len)
{
	std::fprintf(stderr, "  %s (%zu):", label, len);
	for (size_t i = 0; i < len && i < 256; i++)
		std::fprintf(stderr, "%s%02x", i % 32 ? "" : "\n    ", p[i]);
	std::fprintf(stderr, "%s\n", len > 256 ? " ..." : "");
}

void fail(const char *what, const uint8_t *got, const uint8_t *want, size_t len)
{
	std::fprintf(stderr, "\nKCRYPTO-FUZZ DIFFERENCE: %s: %s\n",
		     g_context.c_str(), what);
	if (got && want) {
		size_t i = 0;
		while (i < len && got[i] == want[i])
			i++;
		std::fprintf(stderr, "  first difference at byte %zu\n", i);
		hex("got", got, len);
		hex("want", want, len);
	}
	std::fflush(stderr);
	std::abort();
}

void expect_eq(const uint8_t *got, const uint8_t *want, size_t len,
	       const std::string &what)
{
	if (len && std::memcmp(got, want, len))
		fail(what.c_str(), got, want, len);
}

void expect(bool ok, const std::string &what)
{
	if (!ok)
		fail(what.c_str());
}

bool all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < len; i++)
		acc |= p[i];
	return !acc;
}

const uint8_t *nn(const Bytes &b)
{
	static const uint8_t empty[1] = {0};

	return b.empty() ? empty : b.data();
}

namespace ossl {

namespace {

const uint8_t kEmpty[1] = {0};
const uint8_t *nz(const uint8_t *p) { return p ? p : kEmpty; }

struct CipherCtx {
	EVP_CIPHER_CTX *p = EVP_CIPHER_CTX_new();
	~CipherCtx() { EVP_CIPHER_CTX_free(p); }
};

EVP_MAC *fetch_mac(const char *name)
{
	EVP_MAC *m = EVP_MAC_fetch(nullptr, name, nullptr);

	if (!m) {
		std::fprintf(stderr, "kcrypto-fuzz: OpenSSL has no %s\n", name);
		std::abort();
	}
	return m;
}

bool mac(EVP_MAC *m, const uint8_t *key, size_t keylen,
	 const OSSL_PARAM *params, const uint8_t *msg, size_t len,
	 uint8_t *out, size_t outlen)
{
	EVP_MAC_CTX *c = EVP_MAC_CTX_new(m);
	size_t n = 0;
	bool ok = c && EVP_MAC_init(c, key, keylen, params) &&
		  (!len || EVP_MAC_update(c, msg, len)) &&
		  EVP_MAC_final(c, out, &n, outlen) && n == outlen;

	EVP_MAC_CTX_free(c);
	return ok;
}

} // namespace

bool chacha20(uint8_t *out, const uint8_t *in, size_t len,
	      const uint8_t key[32], const uint8_t nonce[12], uint32_t counter)
{
	uint8_t iv[16];
	CipherCtx c;
	int n = 0, m = 0;

	for (int i = 0; i < 4; i++)
		iv[i] = static_cast<uint8_t>(counter >> (8 * i));
	std::memcpy(iv + 4, nonce, 12);
	return c.p && EVP_EncryptInit_ex(c.p, EVP_chacha20(), nullptr, key, iv) &&
	       EVP_EncryptUpdate(c.p, out, &n, nz(in), static_cast<int>(len)) &&
	       EVP_EncryptFinal_ex(c.p, out + n, &m) &&
	       static_cast<size_t>(n + m) == len;
}

bool poly1305(uint8_t tag[16], const uint8_t *msg, size_t len,
	      const uint8_t key[32])
{
	static EVP_MAC *m = fetch_mac("POLY1305");

	return mac(m, key, 32, nullptr, msg, len, tag, 16);
}

bool aead_seal(uint8_t *out, const uint8_t *msg, size_t len, const uint8_t *ad,
	       size_t adlen, const uint8_t nonce[12], const uint8_t key[32])
{
	CipherCtx c;
	int n = 0, m = 0, k = 0;

	return c.p &&
	       EVP_EncryptInit_ex(c.p, EVP_chacha20_poly1305(), nullptr,
				  nullptr, nullptr) &&
	       EVP_CIPHER_CTX_ctrl(c.p, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) &&
	       EVP_EncryptInit_ex(c.p, nullptr, nullptr, key, nonce) &&
	       (!adlen || EVP_EncryptUpdate(c.p, nullptr, &k, ad,
					    static_cast<int>(adlen))) &&
	       EVP_EncryptUpdate(c.p, out, &n, nz(msg), static_cast<int>(len)) &&
	       EVP_EncryptFinal_ex(c.p, out + n, &m) &&
	       static_cast<size_t>(n + m) == len &&
	       EVP_CIPHER_CTX_ctrl(c.p, EVP_CTRL_AEAD_GET_TAG, 16, out + len);
}

bool blake2s256(uint8_t out[32], const uint8_t *msg, size_t len)
{
	unsigned int n = 0;

	return EVP_Digest(nz(msg), len, out, &n, EVP_blake2s256(), nullptr) &&
	       n == 32;
}

bool blake2s_mac(uint8_t *out, size_t outlen, const uint8_t *key,
		 size_t keylen, const uint8_t *msg, size_t len)
{
	static EVP_MAC *m = fetch_mac("BLAKE2SMAC");
	size_t size = outlen;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
		OSSL_PARAM_construct_end(),
	};

	return mac(m, key, keylen, params, msg, len, out, outlen);
}

bool x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32])
{
	EVP_PKEY *priv = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr,
						      scalar, 32);
	EVP_PKEY *pub = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr,
						    point, 32);
	EVP_PKEY_CTX *c = priv ? EVP_PKEY_CTX_new(priv, nullptr) : nullptr;
	size_t n = 32;
	bool ok = priv && pub && c && EVP_PKEY_derive_init(c) > 0 &&
		  EVP_PKEY_derive_set_peer_ex(c, pub, 0) > 0 &&
		  EVP_PKEY_derive(c, out, &n) > 0 && n == 32;

	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(priv);
	return ok;
}

} // namespace ossl

} // namespace kfuzz
