// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-tests: differential tests of every implementation in the registry
// against OpenSSL 3, libsodium and small references written from the RFCs.
// The seed is printed at start and again with every failure;
// KCRYPTO_TEST_SEED=<n> replays it.  KCRYPTO_CPU_MASK=<hex> hides CPU
// features (and so the cores needing them).
#include <cinttypes>
#include <cstdio>

#include <gtest/gtest.h>
#include <sodium.h>

#include "common.h"

namespace {

// Print how to replay a failing test: its seed and its filter.
class SeedPrinter : public ::testing::EmptyTestEventListener {
	void OnTestEnd(const ::testing::TestInfo &info) override
	{
		if (!info.result()->Failed())
			return;
		std::printf("[  SEED    ] replay: KCRYPTO_TEST_SEED=0x%016" PRIx64
			    " kcrypto-tests --gtest_filter='%s.%s'\n",
			    kcrypto::test::global_seed(), info.test_suite_name(),
			    info.name());
	}
};

} // namespace

int main(int argc, char **argv)
{
	using namespace kcrypto::harness;

	::testing::InitGoogleTest(&argc, argv);
	if (sodium_init() < 0) {
		std::fprintf(stderr, "sodium_init failed\n");
		return 2;
	}
	if (GTEST_FLAG_GET(list_tests))	// keep gtest_discover_tests' input clean
		return RUN_ALL_TESTS();
	std::printf("kcrypto-tests: seed 0x%016" PRIx64
		    " (set KCRYPTO_TEST_SEED to replay)\n",
		    kcrypto::test::global_seed());
	std::printf("kcrypto-tests: cpu %s, KCRYPTO_CPU_MASK %s\n",
		    features_string(cpu_features_detected()).c_str(),
		    features_string(cpu_mask()).c_str());
	for (Prim p : kAllPrims) {
		std::printf("kcrypto-tests: %s:", prim_name(p));
		for (const auto &i : all_impls(p))
			std::printf(" %s%s", i.name.c_str(), i.usable ? "" : "(unusable)");
		std::printf("\n");
	}
	std::fflush(stdout);
	::testing::UnitTest::GetInstance()->listeners().Append(new SeedPrinter);
	return RUN_ALL_TESTS();
}
