// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// The implementation registry itself: names, selection, the guard, the
// CPU mask.
#include <set>

#include <kcrypto/cores.h>

#include "common.h"

namespace kcrypto::test {
namespace {

using namespace harness;

TEST(Registry, GenericFirstAndNamesUnique)
{
	for (Prim p : kAllPrims) {
		auto v = all_impls(p);
		ASSERT_FALSE(v.empty());
		EXPECT_EQ(v[0].name, "generic");
		EXPECT_EQ(v[0].index, 0);
		EXPECT_TRUE(v[0].usable);
		EXPECT_EQ(v[0].features, 0u);
		std::set<std::string> names, test_names;
		for (size_t i = 0; i < v.size(); i++) {
			const std::string &n = v[i].name;
			EXPECT_EQ(v[i].index, static_cast<int>(i));
			EXPECT_FALSE(n.empty());
			EXPECT_TRUE(names.insert(n).second)
				<< prim_name(p) << ": duplicate name " << n;
			// Benchmark names are <op>/<impl>/<bytes>, vector lines
			// <prim>/<impl> <file>, AEAD pairs "<chacha>+<poly>".
			EXPECT_EQ(n.find_first_of("/+ \t\n"), std::string::npos)
				<< prim_name(p) << ": bad name '" << n << "'";
			// gtest parameter names must stay unique once sanitized.
			EXPECT_TRUE(test_names.insert(sanitize_name(n)).second) << n;
		}
		const kcrypto_core_table *t = kcrypto_harness_core_table(p);
		EXPECT_EQ(v.size(), (t ? t->count : 0) + 1);
	}
}

TEST(Registry, UsableFollowsFeatures)
{
	for (Prim p : kAllPrims)
		for (const auto &i : all_impls(p))
			EXPECT_EQ(i.usable, (i.features & cpu_features()) == i.features)
				<< prim_name(p) << "/" << i.name;
}

TEST(Registry, SelectAndGuard)
{
	for (Prim p : kAllPrims) {
		ASSERT_EQ(selected_impl(p), 0);
		for (const auto &i : all_impls(p)) {
			if (!i.usable) {
				EXPECT_THROW(select_impl(p, i.index), std::invalid_argument);
				EXPECT_THROW(ImplGuard g(i), std::invalid_argument);
				EXPECT_EQ(selected_impl(p), 0);
				continue;
			}
			{
				ImplGuard g(i);
				EXPECT_EQ(selected_impl(p), i.index);
				{
					ImplGuard g2(p, 0);
					EXPECT_EQ(selected_impl(p), 0);
				}
				EXPECT_EQ(selected_impl(p), i.index);
			}
			EXPECT_EQ(selected_impl(p), 0);
		}
		EXPECT_THROW(select_impl(p, -1), std::invalid_argument);
		EXPECT_THROW(select_impl(p, static_cast<int>(all_impls(p).size())),
			     std::invalid_argument);
		EXPECT_THROW(find_impl(p, "no-such-impl"), std::invalid_argument);
		EXPECT_EQ(find_impl(p, "generic").index, 0);
	}
}

// The kernel's automatic choice (kcrypto_core_best()), written out here
// independently: the first usable core that is not experimental.
TEST(Registry, BestIsFirstUsableStableCore)
{
	for (Prim p : kAllPrims) {
		int want = 0;
		for (const auto &i : usable_impls(p))
			if (i.index && !i.experimental) {
				want = i.index;
				break;
			}
		EXPECT_EQ(best_impl(p).index, want) << prim_name(p);
		EXPECT_FALSE(best_impl(p).experimental) << prim_name(p);
	}
}

TEST(Registry, OneListOfPrimitives)
{
	ASSERT_EQ(kAllPrims.size(), static_cast<size_t>(KCRYPTO_NR_PRIMS));
	std::set<std::string> names;
	for (size_t i = 0; i < kAllPrims.size(); i++) {
		EXPECT_EQ(kAllPrims[i], static_cast<Prim>(i));
		ASSERT_NE(prim_name(kAllPrims[i]), nullptr);
		EXPECT_TRUE(names.insert(prim_name(kAllPrims[i])).second);
	}
	EXPECT_STREQ(prim_name(KCRYPTO_CHACHA), "chacha");
	EXPECT_STREQ(prim_name(KCRYPTO_X25519), "x25519");
}

TEST(CpuMask, Parse)
{
	EXPECT_EQ(parse_cpu_mask("0"), 0u);
	EXPECT_EQ(parse_cpu_mask("4"), 4u);
	EXPECT_EQ(parse_cpu_mask("0x4"), 4u);
	EXPECT_EQ(parse_cpu_mask("0X1fF"), 0x1ffu);
	EXPECT_EQ(parse_cpu_mask("ffffffff"), 0xffffffffu);
	EXPECT_EQ(parse_cpu_mask("10000"), static_cast<uint32_t>(KCRYPTO_CPU_NEON));
	for (const char *bad : {"", "0x", "g", "12z", "-1", "1 ", "123456789", " 1"})
		EXPECT_THROW(parse_cpu_mask(bad), std::invalid_argument) << "'" << bad << "'";
}

TEST(CpuMask, AppliedToFeatures)
{
	EXPECT_EQ(cpu_features(), cpu_features_detected() & ~cpu_mask());
	const char *env = std::getenv("KCRYPTO_CPU_MASK");
	EXPECT_EQ(cpu_mask(), env && *env ? parse_cpu_mask(env) : 0u);
}

TEST(CpuMask, FeatureNames)
{
	EXPECT_EQ(features_string(0), "none");
	EXPECT_EQ(features_string(KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_SSSE3), "ssse3,avx2");
	EXPECT_EQ(features_string(KCRYPTO_CPU_NEON | (1u << 30)), "neon,0x40000000");
}

#if defined(__x86_64__)
TEST(CpuDetect, ConsistentWithCompiler)
{
	uint32_t f = cpu_features_detected();
	// x86-64 feature levels nest: a CPU with AVX2 has AVX and SSSE3.
	if (f & KCRYPTO_CPU_AVX2) {
		EXPECT_TRUE(f & KCRYPTO_CPU_AVX);
	}
	if (f & KCRYPTO_CPU_AVX) {
		EXPECT_TRUE(f & KCRYPTO_CPU_SSSE3);
	}
	if (f & (KCRYPTO_CPU_AVX512VL | KCRYPTO_CPU_AVX512BW | KCRYPTO_CPU_AVX512IFMA)) {
		EXPECT_TRUE(f & KCRYPTO_CPU_AVX512F);
	}
	EXPECT_EQ(f & KCRYPTO_CPU_NEON, 0u);
}
#elif defined(__aarch64__)
TEST(CpuDetect, NeonOnArm64)
{
	EXPECT_TRUE(cpu_features_detected() & KCRYPTO_CPU_NEON);
}
#endif

} // namespace
} // namespace kcrypto::test
