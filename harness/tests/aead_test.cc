// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// ChaCha20-Poly1305 and XChaCha20-Poly1305 for every (chacha, poly1305)
// implementation pair: OpenSSL and libsodium agree, in place works, and
// every flipped byte is caught with the plaintext wiped.
#include <sodium.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>

#include <kcrypto/chacha20poly1305.h>

#include "common.h"
#include "oracle.h"
#include "registry.h"

namespace kcrypto::test {
namespace {

constexpr size_t kMaxLen = 8192;
constexpr int kIterations = 100;

struct AeadImpls {
	Impl chacha, poly;
};

void PrintTo(const AeadImpls &p, std::ostream *os)
{
	*os << "chacha/" << p.chacha.name << " + poly1305/" << p.poly.name;
}

std::vector<AeadImpls> aead_pairs()
{
	std::vector<AeadImpls> v;
	for (const auto &c : harness::usable_impls(KCRYPTO_CHACHA))
		for (const auto &p : harness::usable_impls(KCRYPTO_POLY1305))
			v.push_back({c, p});
	return v;
}

std::string pair_name(const ::testing::TestParamInfo<AeadImpls> &info)
{
	return sanitize_name(info.param.chacha.name + "_" + info.param.poly.name);
}

bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

class AeadTest : public ::testing::TestWithParam<AeadImpls> {
protected:
	void SetUp() override
	{
		c_ = std::make_unique<harness::ImplGuard>(GetParam().chacha);
		p_ = std::make_unique<harness::ImplGuard>(GetParam().poly);
	}
	void TearDown() override
	{
		p_.reset();
		c_.reset();
	}

private:
	std::unique_ptr<harness::ImplGuard> c_, p_;
};

using EncryptFn = void (*)(u8 *, const u8 *, size_t, const u8 *, size_t,
			   const u8 *, const u8 *);
using DecryptFn = bool (*)(u8 *, const u8 *, size_t, const u8 *, size_t,
			   const u8 *, const u8 *);

TEST_P(AeadTest, ChaCha20Poly1305MatchesOpenSSL)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1), adlen = rng.below(300);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12), ad = rng.bytes(adlen);
		TestBuf msg(len, rng.below(64)), sealed(len + 16, rng.below(64), true);
		TestBuf opened(len, rng.below(64), true);

		rng.fill(msg.data(), len);
		kcrypto_chacha20poly1305_encrypt(sealed.data(), msg.data(), len, ptr(ad),
						 adlen, nonce.data(), key.data());
		ASSERT_TRUE(sealed.canary_intact());
		Bytes want = ossl::chacha20poly1305_seal(key.data(), nonce.data(), ptr(ad),
							 adlen, msg.data(), len);
		ASSERT_EQ(to_hex(sealed.bytes()), to_hex(want))
			<< "len " << len << " adlen " << adlen;
		ASSERT_TRUE(kcrypto_chacha20poly1305_decrypt(opened.data(), sealed.data(),
							     len + 16, ptr(ad), adlen,
							     nonce.data(), key.data()));
		ASSERT_TRUE(opened.canary_intact());
		ASSERT_EQ(to_hex(opened.bytes()), to_hex(msg.bytes()));
	}
}

TEST_P(AeadTest, ChaCha20Poly1305MatchesLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1), adlen = rng.below(300);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12), ad = rng.bytes(adlen);
		Bytes msg = rng.bytes(len), got(len + 16), want(len + 16);
		unsigned long long wlen = 0;

		kcrypto_chacha20poly1305_encrypt(got.data(), ptr(msg), len, ptr(ad), adlen,
						 nonce.data(), key.data());
		crypto_aead_chacha20poly1305_ietf_encrypt(want.data(), &wlen, ptr(msg), len,
							  ptr(ad), adlen, nullptr,
							  nonce.data(), key.data());
		ASSERT_EQ(wlen, len + 16);
		ASSERT_EQ(to_hex(got), to_hex(want));
	}
}

TEST_P(AeadTest, XChaCha20Poly1305MatchesLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1), adlen = rng.below(300);
		Bytes key = rng.bytes(32), nonce = rng.bytes(24), ad = rng.bytes(adlen);
		TestBuf msg(len, rng.below(64)), sealed(len + 16, rng.below(64), true);
		Bytes want(len + 16), opened(len);
		unsigned long long wlen = 0;

		rng.fill(msg.data(), len);
		kcrypto_xchacha20poly1305_encrypt(sealed.data(), msg.data(), len, ptr(ad),
						  adlen, nonce.data(), key.data());
		ASSERT_TRUE(sealed.canary_intact());
		crypto_aead_xchacha20poly1305_ietf_encrypt(want.data(), &wlen, msg.data(),
							   len, ptr(ad), adlen, nullptr,
							   nonce.data(), key.data());
		ASSERT_EQ(to_hex(sealed.bytes()), to_hex(want)) << "len " << len;
		ASSERT_TRUE(kcrypto_xchacha20poly1305_decrypt(ptr(opened), sealed.data(),
							      len + 16, ptr(ad), adlen,
							      nonce.data(), key.data()));
		ASSERT_EQ(to_hex(opened), to_hex(msg.bytes()));
	}
}

TEST_P(AeadTest, InPlace)
{
	Rng rng = test_rng();

	for (bool x : {false, true}) {
		EncryptFn enc = x ? kcrypto_xchacha20poly1305_encrypt
				  : kcrypto_chacha20poly1305_encrypt;
		DecryptFn dec = x ? kcrypto_xchacha20poly1305_decrypt
				  : kcrypto_chacha20poly1305_decrypt;
		for (int it = 0; it < kIterations; it++) {
			size_t len = rng.below(kMaxLen + 1), adlen = rng.below(100);
			Bytes key = rng.bytes(32), nonce = rng.bytes(x ? 24 : 12);
			Bytes ad = rng.bytes(adlen), msg = rng.bytes(len), want(len + 16);
			TestBuf buf(len + 16, rng.below(64), true);

			enc(want.data(), ptr(msg), len, ptr(ad), adlen, nonce.data(), key.data());
			buf.assign(msg);
			enc(buf.data(), buf.data(), len, ptr(ad), adlen, nonce.data(), key.data());
			ASSERT_TRUE(buf.canary_intact());
			ASSERT_EQ(to_hex(buf.bytes()), to_hex(want)) << "len " << len;
			ASSERT_TRUE(dec(buf.data(), buf.data(), len + 16, ptr(ad), adlen,
					nonce.data(), key.data()));
			ASSERT_EQ(to_hex(buf.data(), len), to_hex(msg));
		}
	}
}

// Flip each byte of ciphertext, tag, AD and nonce in turn: decrypt must
// refuse every one and leave dst zeroed, never a partial plaintext.
TEST_P(AeadTest, TamperDetection)
{
	Rng rng = test_rng();

	for (bool x : {false, true}) {
		EncryptFn enc = x ? kcrypto_xchacha20poly1305_encrypt
				  : kcrypto_chacha20poly1305_encrypt;
		DecryptFn dec = x ? kcrypto_xchacha20poly1305_decrypt
				  : kcrypto_chacha20poly1305_decrypt;
		for (size_t len : {0, 1, 15, 16, 63, 64, 65, 300}) {
			size_t adlen = rng.below(40);
			Bytes key = rng.bytes(32), nonce = rng.bytes(x ? 24 : 12);
			Bytes ad = rng.bytes(adlen), msg = rng.bytes(len), sealed(len + 16);

			enc(sealed.data(), ptr(msg), len, ptr(ad), adlen, nonce.data(), key.data());
			auto refuses = [&](const Bytes &s, const Bytes &a, const Bytes &n) {
				TestBuf out(len, 0, true);
				std::memset(out.data(), 0xa5, len);
				bool ok = dec(out.data(), s.data(), s.size(), ptr(a), a.size(),
					      n.data(), key.data());
				return !ok && all_zero(out.data(), len) && out.canary_intact();
			};
			for (size_t i = 0; i < sealed.size(); i++) {
				Bytes s = sealed;
				s[i] ^= static_cast<uint8_t>(1 + rng.below(255));
				ASSERT_TRUE(refuses(s, ad, nonce)) << "len " << len << " byte " << i;
			}
			for (size_t i = 0; i < adlen; i++) {
				Bytes a = ad;
				a[i] ^= static_cast<uint8_t>(1u << rng.below(8));
				ASSERT_TRUE(refuses(sealed, a, nonce)) << "ad byte " << i;
			}
			for (size_t i = 0; i < nonce.size(); i++) {
				Bytes n = nonce;
				n[i] ^= static_cast<uint8_t>(1u << rng.below(8));
				ASSERT_TRUE(refuses(sealed, ad, n)) << "nonce byte " << i;
			}
			// Truncated AD or an extra AD byte.
			if (adlen) {
				ASSERT_TRUE(refuses(sealed, Bytes(ad.begin(), ad.end() - 1), nonce));
			}
			Bytes longer = ad;
			longer.push_back(0);
			ASSERT_TRUE(refuses(sealed, longer, nonce));
			// And the untouched message still opens.
			Bytes out(len);
			ASSERT_TRUE(dec(ptr(out), sealed.data(), sealed.size(), ptr(ad), adlen,
					nonce.data(), key.data()));
			ASSERT_EQ(to_hex(out), to_hex(msg));
		}
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, AeadTest, ::testing::ValuesIn(aead_pairs()), pair_name);

TEST(Aead, Rfc8439Vector)
{
	// RFC 8439 section 2.8.2
	Bytes key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
	Bytes nonce = hex("070000004041424344454647");
	Bytes ad = hex("50515253c0c1c2c3c4c5c6c7");
	const char *pt = "Ladies and Gentlemen of the class of '99: If I could offer you "
			 "only one tip for the future, sunscreen would be it.";
	size_t len = strlen(pt);
	Bytes out(len + 16);

	kcrypto_chacha20poly1305_encrypt(out.data(), reinterpret_cast<const u8 *>(pt), len,
					 ad.data(), ad.size(), nonce.data(), key.data());
	EXPECT_EQ(to_hex(out.data() + len, 16), "1ae10b594f09e26a7e902ecbd0600691");
}

// Every rejected tag is counted once (the kernel's debugfs
// kcrypto/aead_rejected); an accepted one, or input refused before the
// tag is computed, is not.
TEST(Aead, RejectedTagsAreCounted)
{
	Bytes key(32, 7), nonce(24, 9), pt(100, 0x55), sealed(116), opened(100);
	unsigned long before = kcrypto_harness_aead_rejects();

	kcrypto_chacha20poly1305_encrypt(sealed.data(), pt.data(), pt.size(), nullptr, 0,
					 nonce.data(), key.data());
	ASSERT_TRUE(kcrypto_chacha20poly1305_decrypt(opened.data(), sealed.data(), sealed.size(),
						     nullptr, 0, nonce.data(), key.data()));
	EXPECT_EQ(kcrypto_harness_aead_rejects(), before);
	sealed[3] ^= 1;
	EXPECT_FALSE(kcrypto_chacha20poly1305_decrypt(opened.data(), sealed.data(), sealed.size(),
						      nullptr, 0, nonce.data(), key.data()));
	EXPECT_EQ(kcrypto_harness_aead_rejects(), before + 1);
	kcrypto_xchacha20poly1305_encrypt(sealed.data(), pt.data(), pt.size(), nullptr, 0,
					  nonce.data(), key.data());
	sealed[110] ^= 0x80;
	EXPECT_FALSE(kcrypto_xchacha20poly1305_decrypt(opened.data(), sealed.data(), sealed.size(),
						       nullptr, 0, nonce.data(), key.data()));
	EXPECT_EQ(kcrypto_harness_aead_rejects(), before + 2);
	EXPECT_FALSE(kcrypto_chacha20poly1305_decrypt(opened.data(), sealed.data(), 15, nullptr, 0,
						      nonce.data(), key.data()));
	EXPECT_EQ(kcrypto_harness_aead_rejects(), before + 2);
}

TEST(Aead, DecryptRejectsShortInput)
{
	Bytes key(32, 1), nonce(24, 2);
	uint8_t in[16] = {0}, out[1] = {0x55};

	for (size_t n = 0; n < 16; n++) {
		EXPECT_FALSE(kcrypto_chacha20poly1305_decrypt(out, in, n, nullptr, 0,
							      nonce.data(), key.data()))
			<< n;
		EXPECT_FALSE(kcrypto_xchacha20poly1305_decrypt(out, in, n, nullptr, 0,
							       nonce.data(), key.data()))
			<< n;
	}
}

// More plaintext than RFC 8439 allows (2^38 - 64 bytes; more would wrap
// the block counter into the Poly1305 key block) is refused before any
// memory is touched: source, destination and associated data are an
// inaccessible page.  In a child process, where a fault fails the test.
TEST(Aead, RefusesOverRfc8439Limit)
{
	if (sizeof(size_t) < 8)
		GTEST_SKIP() << "size_t cannot exceed the limit";
	const size_t over = static_cast<size_t>(KCRYPTO_AEAD_MAX_LEN) + 1;
	const long page = sysconf(_SC_PAGESIZE);
	void *none = mmap(nullptr, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(none, MAP_FAILED);
	auto *p = static_cast<uint8_t *>(none);
	Bytes key(32, 1), nonce(24, 2);

	for (size_t len : {over, over + 63, SIZE_MAX - 16}) {
		auto refused = [&] {
			bool ok = true;

			alarm(10);
			kcrypto_chacha20poly1305_encrypt(p, p, len, p, 16, nonce.data(),
							 key.data());
			kcrypto_xchacha20poly1305_encrypt(p, p, len, p, 16, nonce.data(),
							  key.data());
			ok &= !kcrypto_chacha20poly1305_decrypt(p, p, len + 16, p, 16,
								nonce.data(), key.data());
			ok &= !kcrypto_xchacha20poly1305_decrypt(p, p, len + 16, p, 16,
								 nonce.data(), key.data());
			std::_Exit(ok ? 0 : 1);
		};
		EXPECT_EXIT(refused(), ::testing::ExitedWithCode(0), "")
			<< "plaintext length " << len << ": not refused (exit 1), or memory touched";
	}
	munmap(none, page);
}

TEST(Aead, MemneqIsAComparison)
{
	Rng rng = test_rng();
	for (size_t len : {0, 1, 16, 31, 32, 100}) {
		Bytes a = rng.bytes(len), b = a;
		EXPECT_EQ(kcrypto_memneq(ptr(a), ptr(b), len), 0);
		for (size_t i = 0; i < len; i++) {
			b = a;
			b[i] ^= 0x80;
			EXPECT_NE(kcrypto_memneq(a.data(), b.data(), len), 0) << i;
		}
	}
}

} // namespace
} // namespace kcrypto::test
