// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "common.h"

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "hex.h"

namespace kcrypto::test {

namespace {

uint64_t splitmix64(uint64_t &x)
{
	uint64_t z = (x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t fnv1a(const std::string &s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (unsigned char c : s) {
		h ^= c;
		h *= 0x100000001b3ull;
	}
	return h;
}

uint64_t make_seed()
{
	if (const char *env = std::getenv("KCRYPTO_TEST_SEED")) {
		char *end = nullptr;
		errno = 0;
		unsigned long long v = std::strtoull(env, &end, 0);
		if (!*env || *end || errno) {
			std::fprintf(stderr, "KCRYPTO_TEST_SEED: not a number: '%s'\n", env);
			std::exit(2);
		}
		return v;
	}
	std::random_device rd;
	uint64_t t = static_cast<uint64_t>(
		std::chrono::steady_clock::now().time_since_epoch().count());
	return (static_cast<uint64_t>(rd()) << 32 | rd()) ^ t;
}

} // namespace

uint64_t global_seed()
{
	static const uint64_t seed = make_seed();
	return seed;
}

Rng::Rng(uint64_t seed)
{
	for (auto &w : s_)
		w = splitmix64(seed);
}

uint64_t Rng::next()
{
	const uint64_t result = rotl(s_[1] * 5, 7) * 9;
	const uint64_t t = s_[1] << 17;

	s_[2] ^= s_[0];
	s_[3] ^= s_[1];
	s_[1] ^= s_[2];
	s_[0] ^= s_[3];
	s_[2] ^= t;
	s_[3] = rotl(s_[3], 45);
	return result;
}

uint64_t Rng::below(uint64_t n)
{
	// Rejection sampling: no modulo bias.
	const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t v;

	do
		v = next();
	while (v >= limit);
	return v % n;
}

void Rng::fill(void *p, size_t n)
{
	auto *b = static_cast<uint8_t *>(p);

	while (n) {
		uint64_t v = next();
		size_t k = n < 8 ? n : 8;
		std::memcpy(b, &v, k);
		b += k;
		n -= k;
	}
}

Bytes Rng::bytes(size_t n)
{
	Bytes b(n);
	fill(b.data(), n);
	return b;
}

Rng test_rng()
{
	const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
	std::string name = info ? std::string(info->test_suite_name()) + "." +
					  info->name()
				: "";
	return Rng(global_seed() ^ fnv1a(name));
}

static constexpr size_t kCanaryLen = 64;

static uint8_t canary_byte(size_t i) { return static_cast<uint8_t>(0xc5 ^ (i * 7)); }

TestBuf::TestBuf(size_t len, size_t align, bool canary) : len_(len), canary_(canary)
{
	size_t total = align + len + (canary ? kCanaryLen : 0);
	void *mem = nullptr;

	if (align >= 64)
		throw std::invalid_argument("TestBuf: align must be below 64");
	// posix_memalign, not aligned_alloc: the size needs no rounding, so
	// the buffer ends exactly where the allocation does.
	if (posix_memalign(&mem, 64, total ? total : 1))
		throw std::bad_alloc();
	base_ = static_cast<uint8_t *>(mem);
	p_ = base_ + align;
	std::memset(base_, 0x5a, align + len);
	if (canary)
		for (size_t i = 0; i < kCanaryLen; i++)
			p_[len + i] = canary_byte(i);
}

TestBuf::~TestBuf() { std::free(base_); }

bool TestBuf::canary_intact() const
{
	if (!canary_)
		return true;
	for (size_t i = 0; i < kCanaryLen; i++)
		if (p_[len_ + i] != canary_byte(i))
			return false;
	return true;
}

Bytes hex(const char *s)
{
	Bytes b;

	// Spaces, colons and newlines may separate bytes.
	for (; *s; s++) {
		if (*s == ' ' || *s == ':' || *s == '\n')
			continue;
		uint32_t v;
		if (kcrypto_hex_u32(s, 2, &v))	// stops at a NUL s[1]
			throw std::invalid_argument("bad hex in test data");
		b.push_back(static_cast<uint8_t>(v));
		s++;
	}
	return b;
}

std::string to_hex(const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	std::string s;

	for (size_t i = 0; i < n; i++) {
		s += digits[p[i] >> 4];
		s += digits[p[i] & 15];
	}
	return s;
}

static uint8_t dummy;

const uint8_t *ptr(const Bytes &b) { return b.empty() ? &dummy : b.data(); }
uint8_t *ptr(Bytes &b) { return b.empty() ? &dummy : b.data(); }

std::string sanitize_name(const std::string &s)
{
	std::string r;

	for (char c : s)
		r += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
	return r;
}

std::string impl_name(const ::testing::TestParamInfo<Impl> &info)
{
	return sanitize_name(info.param.name);
}

std::string vectors_dir()
{
	if (const char *env = std::getenv("KCRYPTO_VECTORS_DIR"))
		if (*env)
			return env;
	return KCRYPTO_VECTORS_DEFAULT;
}

void ImplTest::SetUp()
{
	guard_ = std::make_unique<harness::ImplGuard>(GetParam());
}

void ImplTest::TearDown()
{
	guard_.reset();
}

} // namespace kcrypto::test
