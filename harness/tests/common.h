// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Shared helpers of kcrypto-tests: the seeded PRNG, test buffers with a
// chosen alignment and an overrun canary, hex, and the registry parameters.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "impl.h"

namespace kcrypto::test {

using harness::Impl;
using harness::Prim;
using Bytes = std::vector<uint8_t>;

// The run's seed: KCRYPTO_TEST_SEED (decimal or 0x hex) or a fresh one.
uint64_t global_seed();

// xoshiro256** seeded by splitmix64: small, fast and the same everywhere.
class Rng {
public:
	explicit Rng(uint64_t seed);
	uint64_t next();
	// Uniform in [0, n); n > 0.
	uint64_t below(uint64_t n);
	// Uniform in [lo, hi].
	uint64_t range(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }
	void fill(void *p, size_t n);
	Bytes bytes(size_t n);

private:
	uint64_t s_[4];
};

// A generator for the running test: global seed mixed with the test name,
// so one test reruns alone with the same data (--gtest_filter).
Rng test_rng();

// A heap buffer whose data() is at offset @align (0..63) from a 64-byte
// boundary and ends exactly at the end of the allocation (ASan catches
// overreads) -- or, with @canary, is followed by 64 canary bytes that
// check_canary() verifies (overwrites caught without ASan too).
class TestBuf {
public:
	TestBuf(size_t len, size_t align, bool canary = false);
	~TestBuf();
	TestBuf(const TestBuf &) = delete;
	TestBuf &operator=(const TestBuf &) = delete;

	uint8_t *data() { return p_; }
	const uint8_t *data() const { return p_; }
	size_t size() const { return len_; }
	Bytes bytes() const { return Bytes(p_, p_ + len_); }
	void assign(const uint8_t *src, size_t n)
	{
		if (n)
			std::memcpy(p_, src, n);
	}
	void assign(const Bytes &b) { assign(b.data(), b.size()); }
	bool canary_intact() const;

private:
	uint8_t *base_ = nullptr;
	uint8_t *p_ = nullptr;
	size_t len_;
	bool canary_;
};

Bytes hex(const char *s);
std::string to_hex(const uint8_t *p, size_t n);
inline std::string to_hex(const Bytes &b) { return to_hex(b.data(), b.size()); }

// Non-null pointer for a possibly empty vector (UBSan: memcpy(NULL, ..., 0)).
const uint8_t *ptr(const Bytes &b);
uint8_t *ptr(Bytes &b);

// gtest parameter name for an implementation ("generic", "avx2", ...).
std::string impl_name(const ::testing::TestParamInfo<Impl> &info);
std::string sanitize_name(const std::string &s);

// Directory of the shared vector files: KCRYPTO_VECTORS_DIR, else the path
// configured at build time (<repo>/vectors).
std::string vectors_dir();

// Fixture for tests run once per implementation of one primitive.
class ImplTest : public ::testing::TestWithParam<Impl> {
protected:
	void SetUp() override;
	void TearDown() override;

private:
	std::unique_ptr<harness::ImplGuard> guard_;
};

} // namespace kcrypto::test
