// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// No key material on the stack after a core returns: the call runs on a
// zeroed stack of ours, which is then searched for values only the key can
// produce (harness/cross/stackscan.h says which).  The NEON cores get the
// same check under qemu-user (harness/cross/stackwipe-test.c).
#include <algorithm>
#include <cstdlib>
#include <functional>

#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>

#include "common.h"
#include "dispatch.h"
#include "scan_stack.h"

namespace kcrypto::test {
namespace {

// Every place in @mem[0..@used) that holds a pattern of @set, as
// " <bytes below the caller's frame>: <what>", at most 8 of them.
template <typename F>
std::string hits(const struct stackscan_set &set, const uint8_t *mem, size_t used, F what)
{
	std::string out;
	uint32_t tag;
	long off = -4;
	int n = 0;

	while ((off = stackscan_find(&set, mem, used, off + 4, &tag)) >= 0) {
		if (n++ == 8) {
			out += " ...";
			break;
		}
		out += " " + std::to_string(used - off) + ": " + what(tag) + ";";
	}
	return out;
}

class ChachaWipeTest : public ImplTest {};

// Lengths reach every path of the cores: one block, the 4- and 8-block
// passes and the tails after them.  Disabled: every SIMD core leaves
// state words (round state, or key words broadcast for the feed-forward)
// in the compiler's spill slots, which C cannot wipe; only generic passes.
// Run with --gtest_also_run_disabled_tests to see where.
TEST_P(ChachaWipeTest, DISABLED_NoStateOnStack)
{
	Rng rng = test_rng();
	ScanStack stack;
	Bytes key = rng.bytes(32), nonce = rng.bytes(12);

	for (size_t len : {size_t(64), size_t(200), size_t(512), size_t(1000),
			   size_t(4096)}) {
		for (int rounds : {20, 12}) {
			Bytes msg = rng.bytes(len), dst(len);
			struct kcrypto_chacha_state st;
			struct stackscan_set set;

			kcrypto_chacha_init(&st, key.data(), nonce.data(), 1);
			stackscan_init(&set, 16);
			stackscan_chacha(&set, st.x, len, rounds);
			size_t used = stack.run([&] {
				kcrypto_chacha_crypt(&st, dst.data(), msg.data(), len, rounds);
			});
			ASSERT_GT(used, 0u) << "could not run on our stack";
			std::string found = hits(set, stack.data(), used, [](uint32_t t) {
				return "word " + std::to_string(t >> 16) + " after " +
				       std::to_string(t >> 8 & 255) + " rounds, blocks " +
				       std::to_string(4 * (t & 255)) + "..";
			});
			stackscan_free(&set);
			EXPECT_EQ(found, "") << "len " << len << " rounds " << rounds
					     << ": ChaCha state on the stack:" << found;
		}
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, ChachaWipeTest,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_CHACHA)),
			 impl_name);

// The AVX2 core's rounds keep two of the sixteen state words in a spill
// area in its frame (struct chacha_avx2_work, arch/x86/chacha-avx2.c: four
// 32-byte slots, then the byte-shuffle masks of the rotates by 16 and 8).
// Found by its masks, the area's slots must be zero after the call.
TEST(ChachaAvx2Wipe, SpillSlotsWiped)
{
	static const uint8_t masks[64] = {
		2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
		2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
		3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
		3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
	};
	const auto impls = harness::usable_impls(KCRYPTO_CHACHA);
	auto it = std::find_if(impls.begin(), impls.end(),
			       [](const Impl &i) { return i.name == "avx2"; });
	if (it == impls.end())
		GTEST_SKIP() << "no usable avx2 ChaCha core";
	harness::ImplGuard guard(*it);
	Rng rng = test_rng();
	ScanStack stack;
	Bytes key = rng.bytes(32), nonce = rng.bytes(12);

	// One 8-block pass, a pass and the 8-block tail, eight passes.
	for (size_t len : {size_t(512), size_t(1000), size_t(4096)}) {
		Bytes msg = rng.bytes(len), dst(len);
		struct kcrypto_chacha_state st;
		int areas = 0;

		kcrypto_chacha_init(&st, key.data(), nonce.data(), 1);
		size_t used = stack.run([&] {
			kcrypto_chacha_crypt(&st, dst.data(), msg.data(), len, 20);
		});
		ASSERT_GT(used, 0u) << "could not run on our stack";
		for (size_t off = 128; off + sizeof(masks) <= used; off += 32) {
			if (std::memcmp(stack.data() + off, masks, sizeof(masks)))
				continue;
			areas++;
			for (size_t i = off - 128; i < off; i++)
				ASSERT_EQ(stack.data()[i], 0)
					<< "len " << len << ": spill slot " << (i - off + 128) / 32
					<< " not wiped, " << used - i << " bytes below the caller's frame";
		}
		EXPECT_GT(areas, 0) << "len " << len << ": spill area not found";
	}
}

class Poly1305WipeTest : public ImplTest {};

TEST_P(Poly1305WipeTest, NoPowersOfROnStack)
{
	Rng rng = test_rng();
	ScanStack stack;

	for (size_t len : {size_t(16), size_t(64), size_t(256), size_t(1024),
			   size_t(4096), size_t(4096 - 16)}) {
		Bytes key = rng.bytes(32), msg = rng.bytes(len);
		struct kcrypto_poly1305_ctx ctx;
		struct stackscan_set set;

		kcrypto_poly1305_init(&ctx, key.data());
		stackscan_init(&set, 4);
		stackscan_poly1305(&set, ctx.st.r, 8);
		size_t used = stack.run([&] {
			kcrypto_poly1305_blocks(&ctx.st, msg.data(), len, 1);
		});
		ASSERT_GT(used, 0u) << "could not run on our stack";
		std::string found = hits(set, stack.data(), used, [](uint32_t t) {
			return std::string((t & 255) > 4 ? "5 * " : "") + "limb " +
			       std::to_string(t >> 8 & 255) + " of r^" +
			       std::to_string(t >> 16) + ((t & 3) == 2 ? " + p" : "");
		});
		stackscan_free(&set);
		EXPECT_EQ(found, "") << "len " << len << ": powers of r on the stack:"
				     << found;
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, Poly1305WipeTest,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_POLY1305)),
			 impl_name);

} // namespace
} // namespace kcrypto::test
