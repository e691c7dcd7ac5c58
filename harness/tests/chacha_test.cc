// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// ChaCha20/ChaCha12 and HChaCha20, every chacha implementation.
#include <sodium.h>
#include <unistd.h>

#include <cstdlib>

#include <kcrypto/chacha.h>

#include "common.h"
#include "oracle.h"
#include "ref.h"

namespace kcrypto::test {
namespace {

constexpr size_t kMaxLen = 8192;
constexpr int kIterations = 150;

uint64_t blocks_for(size_t len) { return (len + 63) / 64; }

// A counter such that @len bytes do not cross 2^32 (OpenSSL would carry).
uint32_t safe_counter(Rng &rng, size_t len)
{
	uint64_t max = (1ull << 32) - blocks_for(len) - 1;
	// Half the time near the top, where carries into word 13 would show.
	return static_cast<uint32_t>(rng.below(2) ? rng.below(max + 1)
					       : max - rng.below(1024));
}

class ChachaTest : public ImplTest {};

TEST_P(ChachaTest, MatchesOpenSSL)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12);
		uint32_t ctr = safe_counter(rng, len);
		TestBuf src(len, rng.below(64)), dst(len, rng.below(64), true);

		rng.fill(src.data(), len);
		kcrypto_chacha20(dst.data(), src.data(), len, key.data(), nonce.data(), ctr);
		ASSERT_TRUE(dst.canary_intact()) << "len " << len;
		Bytes want = ossl::chacha20(key.data(), nonce.data(), ctr, src.data(), len);
		ASSERT_EQ(to_hex(dst.bytes()), to_hex(want))
			<< "len " << len << " counter " << ctr;
	}
}

TEST_P(ChachaTest, InPlace)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12);
		uint32_t ctr = safe_counter(rng, len);
		TestBuf buf(len, rng.below(64), true);

		rng.fill(buf.data(), len);
		Bytes want = ossl::chacha20(key.data(), nonce.data(), ctr, buf.data(), len);
		kcrypto_chacha20(buf.data(), buf.data(), len, key.data(), nonce.data(), ctr);
		ASSERT_TRUE(buf.canary_intact());
		ASSERT_EQ(to_hex(buf.bytes()), to_hex(want)) << "len " << len;
	}
}

// Every length up to a few blocks of every SIMD width, one by one.
TEST_P(ChachaTest, EveryLengthTo1100)
{
	Rng rng = test_rng();
	Bytes key = rng.bytes(32), nonce = rng.bytes(12), msg = rng.bytes(1100);

	for (size_t len = 0; len <= msg.size(); len++) {
		TestBuf dst(len, len % 64, true);
		kcrypto_chacha20(dst.data(), ptr(msg), len, key.data(), nonce.data(), 7);
		ASSERT_TRUE(dst.canary_intact()) << "len " << len;
		Bytes want = ossl::chacha20(key.data(), nonce.data(), 7, msg.data(), len);
		ASSERT_EQ(to_hex(dst.bytes()), to_hex(want)) << "len " << len;
	}
}

// The state API in random block-multiple pieces equals one call, and the
// counter advances by one per block (a final partial block counts).
TEST_P(ChachaTest, IncrementalSplits)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12), msg = rng.bytes(len);
		uint32_t ctr = safe_counter(rng, len);
		int rounds = rng.below(2) ? 20 : 12;
		Bytes want(len), got(len);
		struct kcrypto_chacha_state st;

		ref::chacha(ptr(want), ptr(msg), len, key.data(), nonce.data(), ctr, rounds);
		kcrypto_chacha_init(&st, key.data(), nonce.data(), ctr);
		size_t off = 0;
		while (off < len) {
			size_t n = 64 * rng.below((len - off) / 64 + 1);
			if (rng.below(4) == 0 || n == 0)
				n = len - off;	// the last piece may be partial
			kcrypto_chacha_crypt(&st, got.data() + off, msg.data() + off, n,
					     rounds);
			off += n;
		}
		ASSERT_EQ(to_hex(got), to_hex(want)) << "len " << len << " rounds " << rounds;
		EXPECT_EQ(st.x[12], static_cast<uint32_t>(ctr + blocks_for(len)));
		kcrypto_chacha_zeroize(&st);
		for (uint32_t w : st.x)
			ASSERT_EQ(w, 0u) << "zeroize left state behind";
	}
}

TEST_P(ChachaTest, ChaCha12MatchesReference)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(4097);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12);
		uint32_t ctr = static_cast<uint32_t>(rng.next());
		TestBuf src(len, rng.below(64)), dst(len, rng.below(64), true);
		Bytes want(len);
		struct kcrypto_chacha_state st;

		rng.fill(src.data(), len);
		ref::chacha(ptr(want), src.data(), len, key.data(), nonce.data(), ctr, 12);
		kcrypto_chacha_init(&st, key.data(), nonce.data(), ctr);
		kcrypto_chacha_crypt(&st, dst.data(), src.data(), len, 12);
		ASSERT_TRUE(dst.canary_intact());
		ASSERT_EQ(to_hex(dst.bytes()), to_hex(want)) << "len " << len;
	}
}

// The block counter is 32 bits and wraps without carrying into the nonce.
TEST_P(ChachaTest, CounterWraps)
{
	Rng rng = test_rng();

	for (int rounds : {20, 12}) {
		for (uint32_t back = 0; back < 9; back++) {
			for (size_t len : {size_t(64 * 10), size_t(64 * 9 + 17), size_t(1000),
					   size_t(64 * 17 + 3)}) {
				uint32_t ctr = 0xffffffffu - back;
				Bytes key = rng.bytes(32), nonce = rng.bytes(12), msg = rng.bytes(len);
				Bytes want(len), got(len);
				struct kcrypto_chacha_state st;

				ref::chacha(want.data(), msg.data(), len, key.data(), nonce.data(),
					    ctr, rounds);
				kcrypto_chacha_init(&st, key.data(), nonce.data(), ctr);
				uint32_t n13 = st.x[13];
				kcrypto_chacha_crypt(&st, got.data(), msg.data(), len, rounds);
				ASSERT_EQ(to_hex(got), to_hex(want))
					<< "counter " << ctr << " len " << len << " rounds " << rounds;
				EXPECT_EQ(st.x[12], static_cast<uint32_t>(ctr + blocks_for(len)));
				EXPECT_EQ(st.x[13], n13) << "counter carried into the nonce";
			}
		}
	}
}

// Round counts other than 20 and 12 are refused before any core runs: the
// call returns at once and changes nothing (0 or 1 used to make the AVX2
// core's round loop run 2^64 times, 7 gave 6 rounds there and 8 in
// generic).  In a child process with an alarm, so that a hang fails the
// test instead of stopping the run.
TEST_P(ChachaTest, InvalidRoundsRefused)
{
	Rng rng = test_rng();
	Bytes key = rng.bytes(32), nonce = rng.bytes(12), msg = rng.bytes(1024);

	for (int rounds : {0, 1, 7, 8, -20, 21}) {
		auto refused = [&] {
			struct kcrypto_chacha_state st, st0;
			Bytes dst(msg.size(), 0xa5), want(msg.size(), 0xa5);
			bool ok;

			alarm(10);
			kcrypto_chacha_init(&st, key.data(), nonce.data(), 1);
			st0 = st;
			kcrypto_chacha_crypt(&st, dst.data(), msg.data(), msg.size(), rounds);
			ok = dst == want && !std::memcmp(&st, &st0, sizeof(st));
			kcrypto_chacha_crypt_generic(&st, dst.data(), msg.data(), msg.size(),
						     rounds);
			ok = ok && dst == want && !std::memcmp(&st, &st0, sizeof(st));
			std::_Exit(ok ? 0 : 1);
		};
		EXPECT_EXIT(refused(), ::testing::ExitedWithCode(0), "")
			<< "rounds " << rounds << ": not refused (exit 1) or hung (SIGALRM)";
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, ChachaTest,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_CHACHA)),
			 impl_name);

// The test reference must itself agree with OpenSSL before it judges
// ChaCha12 and the counter wrap.
TEST(ChachaReference, MatchesOpenSSL)
{
	Rng rng = test_rng();

	for (int it = 0; it < 50; it++) {
		size_t len = rng.below(2049);
		Bytes key = rng.bytes(32), nonce = rng.bytes(12), msg = rng.bytes(len);
		uint32_t ctr = safe_counter(rng, len);
		Bytes got(len);

		ref::chacha(ptr(got), ptr(msg), len, key.data(), nonce.data(), ctr, 20);
		ASSERT_EQ(to_hex(got),
			  to_hex(ossl::chacha20(key.data(), nonce.data(), ctr, ptr(msg), len)));
	}
}

TEST(HChaCha20, DraftVector)
{
	// draft-irtf-cfrg-xchacha-03 section 2.2.1
	Bytes key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
	Bytes nonce = hex("000000090000004a0000000031415927");
	Bytes want = hex("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
	uint8_t out[32], r[32];

	kcrypto_hchacha20(out, key.data(), nonce.data());
	EXPECT_EQ(to_hex(out, 32), to_hex(want));
	ref::hchacha20(r, key.data(), nonce.data());
	EXPECT_EQ(to_hex(r, 32), to_hex(want));
}

TEST(HChaCha20, MatchesLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < 200; it++) {
		Bytes key = rng.bytes(32), nonce = rng.bytes(16);
		uint8_t out[32], want[32];

		kcrypto_hchacha20(out, key.data(), nonce.data());
		ASSERT_EQ(crypto_core_hchacha20(want, nonce.data(), key.data(), nullptr), 0);
		ASSERT_EQ(to_hex(out, 32), to_hex(want, 32));
	}
}

} // namespace
} // namespace kcrypto::test
