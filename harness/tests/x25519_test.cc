// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// X25519, every x25519 implementation, against libsodium and RFC 7748.
#include <sodium.h>

#include <kcrypto/x25519.h>

#include "common.h"
#include "dispatch.h"	/* lib_crypto/: kcrypto_x25519_scalarmult() */

namespace kcrypto::test {
namespace {

constexpr int kIterations = 200;

// Points whose product with any clamped scalar is zero (order 1, 2, 4, 8,
// and their non-canonical encodings): the kind an attacker sends.
const char *const kLowOrderPoints[] = {
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0100000000000000000000000000000000000000000000000000000000000000",
	"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

class X25519Test : public ImplTest {};

TEST_P(X25519Test, MatchesLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		Bytes secret = rng.bytes(32), point = rng.bytes(32);
		uint8_t got[32], want[32];

		bool ok = kcrypto_x25519(got, secret.data(), point.data());
		int rc = crypto_scalarmult_curve25519(want, secret.data(), point.data());
		ASSERT_EQ(ok, rc == 0) << to_hex(point);
		if (rc == 0) {
			ASSERT_EQ(to_hex(got, 32), to_hex(want, 32)) << to_hex(point);
		}
	}
}

TEST_P(X25519Test, PublicKeyMatchesLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		Bytes secret = rng.bytes(32);
		uint8_t got[32], want[32];

		ASSERT_TRUE(kcrypto_x25519_generate_public(got, secret.data()));
		ASSERT_EQ(crypto_scalarmult_curve25519_base(want, secret.data()), 0);
		ASSERT_EQ(to_hex(got, 32), to_hex(want, 32));
	}
}

TEST_P(X25519Test, KeyAgreement)
{
	Rng rng = test_rng();

	for (int it = 0; it < 50; it++) {
		Bytes a = rng.bytes(32), b = rng.bytes(32);
		uint8_t pa[32], pb[32], sa[32], sb[32];

		kcrypto_x25519_clamp_secret(a.data());
		kcrypto_x25519_clamp_secret(b.data());
		ASSERT_TRUE(kcrypto_x25519_generate_public(pa, a.data()));
		ASSERT_TRUE(kcrypto_x25519_generate_public(pb, b.data()));
		ASSERT_TRUE(kcrypto_x25519(sa, a.data(), pb));
		ASSERT_TRUE(kcrypto_x25519(sb, b.data(), pa));
		ASSERT_EQ(to_hex(sa, 32), to_hex(sb, 32));
	}
}

// The top bit of the u-coordinate is ignored (RFC 7748 section 5).
TEST_P(X25519Test, TopBitOfPointIgnored)
{
	Rng rng = test_rng();

	for (int it = 0; it < 50; it++) {
		Bytes secret = rng.bytes(32), point = rng.bytes(32);
		uint8_t lo[32], hi[32];

		point[31] &= 0x7f;
		bool a = kcrypto_x25519(lo, secret.data(), point.data());
		point[31] |= 0x80;
		bool b = kcrypto_x25519(hi, secret.data(), point.data());
		ASSERT_EQ(a, b);
		ASSERT_EQ(to_hex(lo, 32), to_hex(hi, 32));
	}
}

TEST_P(X25519Test, LowOrderPointsGiveFalseAndZero)
{
	Rng rng = test_rng();

	for (const char *p : kLowOrderPoints) {
		Bytes point = hex(p);
		for (int top = 0; top < 2; top++) {
			Bytes secret = rng.bytes(32);
			uint8_t out[32];

			point[31] = static_cast<uint8_t>((point[31] & 0x7f) | (top << 7));
			std::memset(out, 0xa5, sizeof(out));
			EXPECT_FALSE(kcrypto_x25519(out, secret.data(), point.data())) << p;
			EXPECT_EQ(to_hex(out, 32), std::string(64, '0')) << p;
		}
	}
}

// RFC 7748 section 5.2: k = u = 9, then k, u = X25519(k, u), k.
TEST_P(X25519Test, Rfc7748Iterated)
{
	uint8_t k[32] = {9}, u[32] = {9}, r[32];

	for (int i = 1; i <= 1000; i++) {
		kcrypto_x25519_scalarmult(r, k, u);
		std::memcpy(u, k, 32);
		std::memcpy(k, r, 32);
		if (i == 1) {
			ASSERT_EQ(to_hex(k, 32),
				  "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
		}
	}
	EXPECT_EQ(to_hex(k, 32),
		  "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
}

TEST_P(X25519Test, Rfc7748Vectors)
{
	// RFC 7748 section 5.2, the two single-step vectors.
	struct {
		const char *scalar, *u, *out;
	} v[] = {
		{"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
		 "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
		 "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
		{"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
		 "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
		 "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
	};
	for (const auto &t : v) {
		Bytes s = hex(t.scalar), u = hex(t.u);
		uint8_t out[32];
		uint8_t want[32];
		ASSERT_TRUE(kcrypto_x25519(out, s.data(), u.data()));
		EXPECT_EQ(to_hex(out, 32), t.out);
		ASSERT_EQ(crypto_scalarmult_curve25519(want, s.data(), u.data()), 0);
		EXPECT_EQ(to_hex(want, 32), t.out) << "test data disagrees with libsodium";
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, X25519Test,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_X25519)),
			 impl_name);

} // namespace
} // namespace kcrypto::test
