// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Poly1305, every poly1305 implementation, against OpenSSL and libsodium.
#include <cstdio>
#include <cstdlib>
#include <functional>

#include <sodium.h>

#include <kcrypto/poly1305.h>

#include "common.h"
#include "dispatch.h"
#include "oracle.h"
#include "scan_stack.h"

namespace kcrypto::test {
namespace {

constexpr size_t kMaxLen = 8192;
constexpr int kIterations = 150;

Bytes kcrypto_mac(const uint8_t *msg, size_t len, const uint8_t *key)
{
	Bytes mac(16);
	kcrypto_poly1305(mac.data(), msg, len, key);
	return mac;
}

Bytes sodium_mac(const uint8_t *msg, size_t len, const uint8_t *key)
{
	Bytes mac(16);
	crypto_onetimeauth_poly1305(mac.data(), msg, len, key);
	return mac;
}

bool all_zero(const void *p, size_t n)
{
	const auto *b = static_cast<const uint8_t *>(p);
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

class Poly1305Test : public ImplTest {};

TEST_P(Poly1305Test, MatchesOpenSSLAndLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32);
		TestBuf msg(len, rng.below(64));

		rng.fill(msg.data(), len);
		Bytes got = kcrypto_mac(msg.data(), len, key.data());
		ASSERT_EQ(to_hex(got), to_hex(ossl::poly1305(key.data(), msg.data(), len)))
			<< "len " << len;
		ASSERT_EQ(to_hex(got), to_hex(sodium_mac(msg.data(), len, key.data())));
	}
}

TEST_P(Poly1305Test, EveryLengthTo1100)
{
	Rng rng = test_rng();
	Bytes key = rng.bytes(32), msg = rng.bytes(1100);

	for (size_t len = 0; len <= msg.size(); len++)
		ASSERT_EQ(to_hex(kcrypto_mac(msg.data(), len, key.data())),
			  to_hex(sodium_mac(msg.data(), len, key.data())))
			<< "len " << len;
}

// All-ones keys and messages push every limb to its carry limits.
TEST_P(Poly1305Test, ExtremeValues)
{
	Rng rng = test_rng();
	const uint8_t fills[] = {0x00, 0xff, 0xfe, 0x80, 0x01};

	for (uint8_t kf : fills) {
		for (uint8_t mf : fills) {
			for (size_t len : {0, 1, 15, 16, 17, 63, 64, 256, 1024, 4096, 4099}) {
				Bytes key(32, kf), msg(len, mf);
				ASSERT_EQ(to_hex(kcrypto_mac(ptr(msg), len, key.data())),
					  to_hex(ossl::poly1305(key.data(), ptr(msg), len)))
					<< "key fill " << int(kf) << " msg fill " << int(mf)
					<< " len " << len;
			}
		}
	}
	// r = clamp(all ones), s random, message random: long runs of carries.
	for (int it = 0; it < 20; it++) {
		Bytes key = rng.bytes(32), msg = rng.bytes(rng.below(3000));
		std::fill(key.begin(), key.begin() + 16, 0xff);
		ASSERT_EQ(to_hex(kcrypto_mac(ptr(msg), msg.size(), key.data())),
			  to_hex(sodium_mac(ptr(msg), msg.size(), key.data())));
	}
}

TEST_P(Poly1305Test, IncrementalSplits)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32), msg = rng.bytes(len);
		struct kcrypto_poly1305_ctx ctx;
		uint8_t mac[16];

		kcrypto_poly1305_init(&ctx, key.data());
		size_t off = 0;
		while (off < len) {
			// Mostly small odd pieces, sometimes large ones.
			size_t n = rng.below(4) ? rng.below(80) : rng.below(len - off + 1);
			n = std::min(n, len - off);
			kcrypto_poly1305_update(&ctx, msg.data() + off, n);
			off += n;
		}
		kcrypto_poly1305_update(&ctx, ptr(msg), 0);
		kcrypto_poly1305_final(&ctx, mac);
		ASSERT_TRUE(all_zero(&ctx, sizeof(ctx))) << "final did not wipe the ctx";
		ASSERT_EQ(to_hex(mac, 16), to_hex(sodium_mac(ptr(msg), len, key.data())))
			<< "len " << len;
	}
}

// The state is canonical between calls: a message may move between
// implementations (arch module unplugged, generic forced) mid-stream.
TEST_P(Poly1305Test, SwitchImplementationMidMessage)
{
	Rng rng = test_rng();

	for (const auto &other : harness::usable_impls(KCRYPTO_POLY1305)) {
		for (int it = 0; it < 40; it++) {
			size_t len = rng.below(4097);
			Bytes key = rng.bytes(32), msg = rng.bytes(len);
			struct kcrypto_poly1305_ctx ctx;
			uint8_t mac[16];

			kcrypto_poly1305_init(&ctx, key.data());
			size_t off = 0;
			bool mine = true;
			while (off < len) {
				size_t n = std::min<size_t>(rng.below(600), len - off);
				if (mine) {
					kcrypto_poly1305_update(&ctx, msg.data() + off, n);
				} else {
					harness::ImplGuard g(other);
					kcrypto_poly1305_update(&ctx, msg.data() + off, n);
				}
				mine = !mine;
				off += n;
			}
			if (rng.below(2)) {
				harness::ImplGuard g(other);
				kcrypto_poly1305_final(&ctx, mac);
			} else {
				kcrypto_poly1305_final(&ctx, mac);
			}
			ASSERT_EQ(to_hex(mac, 16), to_hex(sodium_mac(ptr(msg), len, key.data())))
				<< "with " << other.name << ", len " << len;
		}
	}
}

// --- The block function itself ---------------------------------------------
//
// kcrypto_poly1305_blocks() (the implementation under test) against the
// generic one on the same canonical state: every length up to 40 blocks
// and longer ones (the vector cores' groups, odd and even counts, and the
// scalar tails), unaligned sources, both pad bits, and incoming states at
// the edges of the invariant (h2 = 7, h = p - 1, p, p + 4, all ones).
// States may differ in representation, so both are compared reduced mod p.

// h mod p, for h below 2^131 (h2 <= 7).
std::string reduced(const struct kcrypto_poly1305_state &st)
{
	uint64_t h0 = st.h[0], h1 = st.h[1], h2 = st.h[2];
	unsigned __int128 c;

	// 2^130 = 5: h < 2^130 + 10 afterwards
	c = (unsigned __int128)h0 + (h2 >> 2) * 5;
	h0 = (uint64_t)c;
	c = (unsigned __int128)h1 + (uint64_t)(c >> 64);
	h1 = (uint64_t)c;
	h2 = (h2 & 3) + (uint64_t)(c >> 64);
	// h >= p exactly when h + 5 reaches 2^130
	c = (unsigned __int128)h0 + 5;
	uint64_t g0 = (uint64_t)c;
	c = (unsigned __int128)h1 + (uint64_t)(c >> 64);
	uint64_t g1 = (uint64_t)c, g2 = h2 + (uint64_t)(c >> 64);
	if (g2 >> 2) {
		h0 = g0;
		h1 = g1;
		h2 = g2 & 3;
	}
	char buf[64];
	snprintf(buf, sizeof(buf), "%01llx%016llx%016llx", (unsigned long long)h2,
		 (unsigned long long)h1, (unsigned long long)h0);
	return buf;
}

std::string state_str(const struct kcrypto_poly1305_state &st)
{
	char buf[96];
	snprintf(buf, sizeof(buf), "h %llx:%016llx:%016llx r %016llx:%016llx",
		 (unsigned long long)st.h[2], (unsigned long long)st.h[1],
		 (unsigned long long)st.h[0], (unsigned long long)st.r[1],
		 (unsigned long long)st.r[0]);
	return buf;
}

// A state for trial @kind: r random or all ones (clamped), h at an edge.
struct kcrypto_poly1305_state edge_state(Rng &rng, int kind)
{
	struct kcrypto_poly1305_state st;
	const uint64_t ones = ~(uint64_t)0;

	st.r[0] = (kind & 8 ? ones : rng.next()) & 0x0ffffffc0fffffffULL;
	st.r[1] = (kind & 8 ? ones : rng.next()) & 0x0ffffffc0ffffffcULL;
	switch (kind & 7) {
	case 0:	// random below 2^130
		st.h[0] = rng.next();
		st.h[1] = rng.next();
		st.h[2] = rng.below(4);
		break;
	case 1:	// the largest state the invariant allows
		st.h[0] = ones;
		st.h[1] = ones;
		st.h[2] = 7;
		break;
	case 2:	// p - 1
		st.h[0] = ones - 5;
		st.h[1] = ones;
		st.h[2] = 3;
		break;
	case 3:	// p
		st.h[0] = ones - 4;
		st.h[1] = ones;
		st.h[2] = 3;
		break;
	case 4:	// p + 4, below 2^130
		st.h[0] = ones - 0;
		st.h[1] = ones;
		st.h[2] = 3;
		break;
	case 5:	// zero
		st.h[0] = 0;
		st.h[1] = 0;
		st.h[2] = 0;
		break;
	default:	// random below 2^131
		st.h[0] = rng.next();
		st.h[1] = rng.next();
		st.h[2] = rng.below(8);
		break;
	}
	return st;
}

void expect_blocks_match(const struct kcrypto_poly1305_state &in,
			 const uint8_t *src, size_t len, uint32_t hibit,
			 const std::string &what)
{
	struct kcrypto_poly1305_state got = in, want = in;

	kcrypto_poly1305_blocks(&got, src, len, hibit);
	kcrypto_poly1305_blocks_generic(&want, src, len, hibit);
	ASSERT_LE(got.h[2], 7u) << what << ": invariant broken, " << state_str(got);
	ASSERT_EQ(got.r[0], in.r[0]) << what;
	ASSERT_EQ(got.r[1], in.r[1]) << what;
	ASSERT_EQ(reduced(got), reduced(want))
		<< what << ", len " << len << ", hibit " << hibit << ", from "
		<< state_str(in);
}

TEST_P(Poly1305Test, BlocksEveryLengthTo40Blocks)
{
	Rng rng = test_rng();
	const uint8_t fills[] = {0x00, 0xff};

	for (size_t len = 16; len <= 16 * 40; len += 16) {
		for (int kind = 0; kind < 16; kind++) {
			uint32_t hibit = (uint32_t)(kind + len / 16) & 1;
			TestBuf msg(len, rng.below(64));

			// message bytes random, or all zeros / all ones
			if (kind % 3 == 2)
				memset(msg.data(), fills[rng.below(2)], len);
			else
				rng.fill(msg.data(), len);
			struct kcrypto_poly1305_state st = edge_state(rng, kind);
			expect_blocks_match(st, msg.data(), len, hibit,
					    "kind " + std::to_string(kind));
		}
	}
}

TEST_P(Poly1305Test, BlocksLong)
{
	Rng rng = test_rng();

	for (int it = 0; it < 200; it++) {
		size_t len = 16 * rng.range(40, it < 100 ? 300 : 1100);
		TestBuf msg(len, rng.below(64));
		uint32_t hibit = rng.below(4) ? 1 : 0;

		if (it % 10 == 9)
			memset(msg.data(), 0xff, len);
		else
			rng.fill(msg.data(), len);
		struct kcrypto_poly1305_state st = edge_state(rng, (int)rng.below(16));
		expect_blocks_match(st, msg.data(), len, hibit,
				    "trial " + std::to_string(it));
	}
}

// Many calls on one state, as the library makes them (and the kernel, in
// KCRYPTO_SIMD_CHUNK pieces): the state stays canonical between calls.
TEST_P(Poly1305Test, BlocksChained)
{
	Rng rng = test_rng();
	Bytes buf = rng.bytes(8192 + 64);

	for (int it = 0; it < 20; it++) {
		struct kcrypto_poly1305_state got = edge_state(rng, it & 15), want = got;

		for (int call = 0; call < 100; call++) {
			size_t len = 16 * (rng.below(3) ? rng.below(40) : rng.below(513));
			size_t off = rng.below(64);
			uint32_t hibit = rng.below(8) ? 1 : 0;

			kcrypto_poly1305_blocks(&got, buf.data() + off, len, hibit);
			kcrypto_poly1305_blocks_generic(&want, buf.data() + off, len, hibit);
			ASSERT_LE(got.h[2], 7u) << "call " << call;
			ASSERT_EQ(reduced(got), reduced(want))
				<< "trial " << it << ", call " << call << ", len " << len;
		}
	}
}

// --- No powers of r on the stack, in the forms the vector cores use -------
//
// wipe_test.cc looks for the 26-bit limbs of r^1..r^8.  The AVX-512 cores
// also keep r^16, and the IFMA core 52-bit limbs, of the powers and of
// 2^52 and 2^104 times them (the rows of its multipliers).  A value below
// 2^131 is either the reduced one or that plus p: both forms of each, the
// low 32 bits of the 52-bit limbs 0 and 1 (limb 2 is too small to tell
// from other data), every 26-bit limb and five times it.

// The 26-bit limbs of x + f p (f = 0, 1; x reduced).
void limbs26_plus_p(uint32_t out[5], const uint32_t x[5], int f)
{
	static const uint32_t p[5] = {0x3fffffb, 0x3ffffff, 0x3ffffff, 0x3ffffff,
				      0x3ffffff};
	uint64_t c = 0;

	for (int i = 0; i < 5; i++) {
		c += (uint64_t)x[i] + (f ? p[i] : 0);
		out[i] = i < 4 ? (uint32_t)c & 0x3ffffff : (uint32_t)c;
		c >>= 26;
	}
}

// Tags: STACKSCAN_TAG(power k, what, form): what 0..4 26-bit limb, 5..9
// five times it, 10 + 2 row + i 52-bit limb i of row (0: r^k, 1: 2^52 r^k,
// 2: 2^104 r^k).  The low 32 bits of 52-bit limb 0 of r^k are those of its
// radix-2^64 word 0 too (the scalar code's form).
void powers_set(struct stackscan_set *set, const uint64_t r[2])
{
	uint32_t rl[5], pw[17][5], two52[5] = {0, 0, 1, 0, 0}, two104[5] = {0, 0, 0, 0, 1};

	rl[0] = (uint32_t)r[0] & 0x3ffffff;
	rl[1] = (uint32_t)(r[0] >> 26) & 0x3ffffff;
	rl[2] = (uint32_t)((r[0] >> 52) | (r[1] << 12)) & 0x3ffffff;
	rl[3] = (uint32_t)(r[1] >> 14) & 0x3ffffff;
	rl[4] = (uint32_t)(r[1] >> 40);
	memcpy(pw[1], rl, sizeof(rl));
	for (int k = 2; k <= 16; k++)
		stackscan_mulmod(pw[k], pw[k - 1], rl);
	stackscan_init(set, 4);
	for (int k = 1; k <= 16; k++) {
		uint32_t rows[3][5];

		memcpy(rows[0], pw[k], sizeof(rows[0]));
		stackscan_mulmod(rows[1], pw[k], two52);
		stackscan_mulmod(rows[2], pw[k], two104);
		for (int f = 0; f < 2; f++) {
			uint32_t l[5], v;

			limbs26_plus_p(l, pw[k], f);
			for (int i = 0; i < 5; i++) {
				stackscan_add(set, &l[i], STACKSCAN_TAG(k, i, f));
				v = 5 * l[i];
				stackscan_add(set, &v, STACKSCAN_TAG(k, 5 + i, f));
			}
			for (int row = 0; row < 3; row++) {
				limbs26_plus_p(l, rows[row], f);
				for (int i = 0; i < 2; i++) {
					v = l[2 * i] | l[2 * i + 1] << 26;
					stackscan_add(set, &v,
						      STACKSCAN_TAG(k, 10 + 2 * row + i, f));
				}
			}
		}
	}
	stackscan_sort(set);
}

std::string power_tag(uint32_t t)
{
	static const char *const rows[] = {"r^", "2^52 r^", "2^104 r^"};
	unsigned k = t >> 16, what = t >> 8 & 255, f = t & 255;
	std::string s;

	if (what < 10)
		s = std::string(what >= 5 ? "5 * " : "") + "26-bit limb " +
		    std::to_string(what % 5) + " of r^" + std::to_string(k);
	else
		s = "52-bit limb " + std::to_string((what - 10) % 2) + " of " +
		    rows[(what - 10) / 2] + std::to_string(k);
	return s + (f ? " + p" : "");
}

TEST_P(Poly1305Test, NoPowersOfROnStackAnyForm)
{
	Rng rng = test_rng();
	ScanStack stack;

	// The forms of the AVX-512 cores; wipe_test.cc covers the others' (the
	// AVX2 core leaves r^4 in radix 2^64, its pw[], in its frame when the
	// compiler keeps pw[] in memory, as with ASan: not in its forms).
	if (GetParam().name.rfind("avx512", 0) != 0)
		GTEST_SKIP() << "no r^16 or 52-bit limbs in this implementation";

	for (size_t len : {size_t(16), size_t(256), size_t(384), size_t(640),
			   size_t(1024), size_t(2048 + 128), size_t(4096),
			   size_t(4096 - 16)}) {
		for (uint32_t hibit : {1u, 0u}) {
			Bytes msg = rng.bytes(len), key = rng.bytes(32);
			struct kcrypto_poly1305_ctx ctx;
			struct stackscan_set set;

			kcrypto_poly1305_init(&ctx, key.data());
			powers_set(&set, ctx.st.r);
			size_t used = stack.run([&] {
				kcrypto_poly1305_blocks(&ctx.st, msg.data(), len, hibit);
			});
			ASSERT_GT(used, 0u) << "could not run on our stack";
			std::string found;
			uint32_t tag;
			long off = -4;
			int n = 0;
			while ((off = stackscan_find(&set, stack.data(), used, off + 4, &tag)) >= 0) {
				if (n++ == 8) {
					found += " ...";
					break;
				}
				found += " " + std::to_string(used - off) + ": " + power_tag(tag) + ";";
			}
			stackscan_free(&set);
			EXPECT_EQ(found, "") << "len " << len << " hibit " << hibit
					     << ": powers of r on the stack:" << found;
		}
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, Poly1305Test,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_POLY1305)),
			 impl_name);

TEST(Poly1305, Rfc8439Vector)
{
	// RFC 8439 section 2.5.2
	Bytes key = hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
	const char *msg = "Cryptographic Forum Research Group";
	uint8_t mac[16];

	kcrypto_poly1305(mac, reinterpret_cast<const uint8_t *>(msg), strlen(msg),
			 key.data());
	EXPECT_EQ(to_hex(mac, 16), "a8061dc1305136c6c22b8baf0c0127a9");
}

} // namespace
} // namespace kcrypto::test
