// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// BLAKE2s, every blake2s implementation: OpenSSL (unkeyed 256, and
// BLAKE2SMAC for keyed variable-length output), the BLAKE2 KAT file, and a
// small RFC 7693 reference for key lengths and output lengths OpenSSL
// cannot do.
#include <filesystem>

#include <kcrypto/blake2s.h>

#include "common.h"
#include "oracle.h"
#include "ref.h"
#include "vectors.h"

namespace kcrypto::test {
namespace {

constexpr size_t kMaxLen = 8192;
constexpr int kIterations = 150;

bool all_zero(const void *p, size_t n)
{
	const auto *b = static_cast<const uint8_t *>(p);
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

Bytes kcrypto_hash(size_t outlen, const uint8_t *in, size_t inlen, const Bytes &key)
{
	Bytes out(outlen);
	int rc = kcrypto_blake2s(out.data(), outlen, in, inlen, ptr(key), key.size());
	if (rc)
		throw std::runtime_error("kcrypto_blake2s returned " + std::to_string(rc));
	return out;
}

Bytes ref_hash(size_t outlen, const uint8_t *in, size_t inlen, const Bytes &key)
{
	Bytes out(outlen);
	ref::blake2s(out.data(), outlen, in, inlen, ptr(key), key.size());
	return out;
}

const harness::VectorFile &kat_file()
{
	static const harness::VectorFile f = harness::load_vector_file(
		(std::filesystem::path(vectors_dir()) / "blake2s-kat.json").string());
	return f;
}

class Blake2sTest : public ImplTest {};

TEST_P(Blake2sTest, Unkeyed256MatchesOpenSSL)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		TestBuf msg(len, rng.below(64));
		rng.fill(msg.data(), len);
		ASSERT_EQ(to_hex(kcrypto_hash(32, msg.data(), len, {})),
			  to_hex(ossl::blake2s256(msg.data(), len)))
			<< "len " << len;
	}
}

TEST_P(Blake2sTest, EveryLengthTo1100)
{
	Rng rng = test_rng();
	Bytes msg = rng.bytes(1100);

	for (size_t len = 0; len <= msg.size(); len++)
		ASSERT_EQ(to_hex(kcrypto_hash(32, msg.data(), len, {})),
			  to_hex(ossl::blake2s256(msg.data(), len)))
			<< "len " << len;
}

// Keyed, every output length 1..32: OpenSSL's BLAKE2SMAC (key 1..32) and
// the reference (key 0..32) must both agree.
TEST_P(Blake2sTest, KeyedEveryOutputLength)
{
	Rng rng = test_rng();

	for (size_t outlen = 1; outlen <= 32; outlen++) {
		for (int it = 0; it < 12; it++) {
			size_t keylen = rng.below(33), len = rng.below(600);
			Bytes key = rng.bytes(keylen), msg = rng.bytes(len);
			Bytes got = kcrypto_hash(outlen, ptr(msg), len, key);
			ASSERT_EQ(to_hex(got), to_hex(ref_hash(outlen, ptr(msg), len, key)))
				<< "outlen " << outlen << " keylen " << keylen << " len " << len;
			if (keylen) {
				ASSERT_EQ(to_hex(got), to_hex(ossl::blake2s_mac(key.data(), keylen,
									       outlen, ptr(msg), len)))
					<< "outlen " << outlen << " keylen " << keylen;
			}
		}
	}
}

// The KAT file (keyed and unkeyed, 32-byte output), then the KAT inputs
// with every output length 1..32, cross-checked against OpenSSL and the
// reference.
TEST_P(Blake2sTest, KatFile)
{
	const auto &f = kat_file();
	size_t keyed = 0;

	for (const auto &c : f.cases) {
		std::string why = harness::run_vector_case(f.kind, c);
		ASSERT_EQ(why, "") << "tcId " << c.id << " (" << c.comment << ")";
		for (size_t outlen = 1; outlen <= 32; outlen++) {
			Bytes got = kcrypto_hash(outlen, ptr(c.msg), c.msg.size(), c.key);
			ASSERT_EQ(to_hex(got),
				  to_hex(ref_hash(outlen, ptr(c.msg), c.msg.size(), c.key)))
				<< "tcId " << c.id << " outlen " << outlen;
			if (!c.key.empty()) {
				ASSERT_EQ(to_hex(got),
					  to_hex(ossl::blake2s_mac(c.key.data(), c.key.size(),
								   outlen, ptr(c.msg),
								   c.msg.size())))
					<< "tcId " << c.id << " outlen " << outlen;
			}
			if (outlen == 32) {
				ASSERT_EQ(to_hex(got), to_hex(c.digest));
			}
		}
		keyed += !c.key.empty();
	}
	EXPECT_EQ(f.cases.size(), 512u);
	EXPECT_EQ(keyed, 256u);
}

TEST_P(Blake2sTest, IncrementalSplits)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1), outlen = rng.range(1, 32);
		Bytes key = rng.bytes(rng.below(33)), msg = rng.bytes(len);
		struct kcrypto_blake2s_ctx ctx;
		Bytes out(outlen + 1, 0xa5);

		ASSERT_EQ(kcrypto_blake2s_init(&ctx, outlen, ptr(key), key.size()), 0);
		size_t off = 0;
		while (off < len) {
			// Around block boundaries mostly: 63, 64, 65 are the tricky ones.
			size_t n = rng.below(3) ? rng.range(0, 130) : rng.below(len - off + 1);
			n = std::min(n, len - off);
			kcrypto_blake2s_update(&ctx, msg.data() + off, n);
			off += n;
		}
		kcrypto_blake2s_final(&ctx, out.data());
		ASSERT_TRUE(all_zero(&ctx, sizeof(ctx))) << "final did not wipe the ctx";
		ASSERT_EQ(out[outlen], 0xa5) << "final wrote past outlen";
		out.pop_back();
		ASSERT_EQ(to_hex(out), to_hex(ref_hash(outlen, ptr(msg), len, key)))
			<< "len " << len << " outlen " << outlen << " keylen " << key.size();
	}
}

// The chain value is canonical: a message may move between implementations.
TEST_P(Blake2sTest, SwitchImplementationMidMessage)
{
	Rng rng = test_rng();

	for (const auto &other : harness::usable_impls(KCRYPTO_BLAKE2S)) {
		for (int it = 0; it < 40; it++) {
			size_t len = rng.below(4097);
			Bytes key = rng.bytes(rng.below(33)), msg = rng.bytes(len);
			struct kcrypto_blake2s_ctx ctx;
			uint8_t out[32];

			ASSERT_EQ(kcrypto_blake2s_init(&ctx, 32, ptr(key), key.size()), 0);
			size_t off = 0;
			bool mine = true;
			while (off < len) {
				size_t n = std::min<size_t>(rng.below(700), len - off);
				if (mine) {
					kcrypto_blake2s_update(&ctx, msg.data() + off, n);
				} else {
					harness::ImplGuard g(other);
					kcrypto_blake2s_update(&ctx, msg.data() + off, n);
				}
				mine = !mine;
				off += n;
			}
			{
				harness::ImplGuard g(other);
				kcrypto_blake2s_final(&ctx, out);
			}
			ASSERT_EQ(to_hex(out, 32), to_hex(ref_hash(32, ptr(msg), len, key)))
				<< "with " << other.name << ", len " << len;
		}
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, Blake2sTest,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_BLAKE2S)),
			 impl_name);

TEST(Blake2s, Rfc7693Vector)
{
	// RFC 7693 appendix B: BLAKE2s-256("abc")
	EXPECT_EQ(to_hex(kcrypto_hash(32, reinterpret_cast<const uint8_t *>("abc"), 3, {})),
		  "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982");
}

TEST(Blake2s, ReferenceMatchesOpenSSL)
{
	Rng rng = test_rng();
	for (int it = 0; it < 100; it++) {
		Bytes msg = rng.bytes(rng.below(1000));
		ASSERT_EQ(to_hex(ref_hash(32, ptr(msg), msg.size(), {})),
			  to_hex(ossl::blake2s256(ptr(msg), msg.size())));
	}
}

// Out-of-range parameters: -EINVAL and a wiped context.
TEST(Blake2s, InvalidParameters)
{
	struct Case {
		size_t outlen, keylen;
		bool null_key;
	} cases[] = {
		{0, 0, false}, {33, 0, false}, {64, 0, false}, {32, 33, false},
		{1, 64, false}, {0, 33, false}, {32, 1, true}, {16, 32, true},
		{SIZE_MAX, 0, false}, {32, SIZE_MAX, true},
	};
	uint8_t key[64], out[64];
	std::memset(key, 0x42, sizeof(key));

	for (const auto &c : cases) {
		struct kcrypto_blake2s_ctx ctx;
		const uint8_t *k = c.null_key ? nullptr : key;

		std::memset(&ctx, 0xa5, sizeof(ctx));
		EXPECT_EQ(kcrypto_blake2s_init(&ctx, c.outlen, k, c.keylen), -EINVAL)
			<< "outlen " << c.outlen << " keylen " << c.keylen;
		EXPECT_TRUE(all_zero(&ctx, sizeof(ctx)))
			<< "ctx not wiped, outlen " << c.outlen << " keylen " << c.keylen;
		std::memset(out, 0x5a, sizeof(out));
		EXPECT_EQ(kcrypto_blake2s(out, c.outlen, out, 0, k, c.keylen), -EINVAL)
			<< "outlen " << c.outlen << " keylen " << c.keylen;
	}
	// The edges that are valid.
	struct kcrypto_blake2s_ctx ctx;
	EXPECT_EQ(kcrypto_blake2s_init(&ctx, 1, nullptr, 0), 0);
	kcrypto_blake2s_final(&ctx, out);
	EXPECT_EQ(kcrypto_blake2s_init(&ctx, 32, key, 32), 0);
	kcrypto_blake2s_final(&ctx, out);
}

} // namespace
} // namespace kcrypto::test
