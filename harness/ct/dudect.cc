// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// A dudect-style timing test (Reparaz, Balasch, Verbauwhede, "Dude, is my
// code constant time?", DATE 2017), our own implementation of the method:
//
//  1. Two classes of inputs: class 0 "fixed" (one special value), class 1
//     "random" (fresh per measurement).  The class of each measurement is
//     drawn at random, so drift (frequency, other load) hits both alike.
//  2. Each measurement times one call with the TSC (lfence; rdtsc), on an
//     input copied beforehand into the same work buffer for both classes,
//     so only the operation itself is timed.
//  3. The first batch only warms up and fixes cropping thresholds: the
//     measured times at a ladder of percentiles.  Later measurements feed
//     one Welch t-test per threshold (only times below it, which removes
//     the heavy right tail of interrupts and preemption) plus one without
//     cropping.  Means and variances are kept online (Welford).
//  4. The result is max |t| over the tests that have at least kMinPerClass
//     measurements in each class.  |t| > 4.5 is the usual "leak" threshold
//     (for a non-leaking function |t| stays O(1) as measurements grow; a
//     leak makes it grow like sqrt(N)).
//
//   kcrypto-dudect TEST [--impl NAME] [--force] [-n MEASUREMENTS] [--seed S]
//
// -n counts the measurements that go into the t-tests (default 200000,
// at least 20000); a warm-up batch of 10000 comes on top.
//
// TEST: x25519-scalar (fixed scalar 0 vs random scalars, random fixed
// point), x25519-point (fixed point 0, a low-order point, vs random points,
// random fixed scalar), memneq (kcrypto_memneq on 16-byte tags: equal vs
// differing in the first byte), control (the same two classes through an
// early-exit comparison: a known leak, which must give a large |t|).
//
// Prints one line:
//   dudect TEST/IMPL: N measurements (n0 fixed, n1 random), max |t| = T (crop P)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sys/random.h>
#include <time.h>

#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/x25519.h>

#include "impl.h"
#include "registry.h"

namespace {

constexpr size_t kBatch = 10000;
constexpr size_t kMinPerClass = 1000;
constexpr int kCrops = 24;	// plus the uncropped test

inline uint64_t ticks()
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return static_cast<uint64_t>(hi) << 32 | lo;
#else
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + ts.tv_nsec;
#endif
}

// splitmix64, seeded from getrandom() unless --seed.
struct Rng {
	uint64_t s;
	uint64_t next()
	{
		uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		return z ^ (z >> 31);
	}
	void fill(uint8_t *p, size_t n)
	{
		for (size_t i = 0; i < n; i += 8) {
			uint64_t v = next();
			std::memcpy(p + i, &v, std::min<size_t>(8, n - i));
		}
	}
};

struct Welch {
	double n[2] = {0, 0}, mean[2] = {0, 0}, m2[2] = {0, 0};

	void add(int cls, double x)
	{
		n[cls] += 1;
		double d = x - mean[cls];
		mean[cls] += d / n[cls];
		m2[cls] += d * (x - mean[cls]);
	}
	bool enough() const
	{
		return n[0] >= kMinPerClass && n[1] >= kMinPerClass;
	}
	double t() const
	{
		double v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1);
		double se = std::sqrt(v0 / n[0] + v1 / n[1]);
		return se > 0 ? (mean[0] - mean[1]) / se : 0;
	}
};

// One test: prepare(cls, rng, in) writes the input of one measurement
// (in_size bytes), run(in) is the timed operation.
struct Test {
	size_t in_size;
	void (*prepare)(int cls, Rng &rng, uint8_t *in);
	void (*run)(const uint8_t *in);
};

// Fixed values, drawn once per process.
uint8_t g_fixed_point[32], g_fixed_scalar[32];
volatile uint8_t g_sink;

void x25519_run(const uint8_t *in)
{
	uint8_t out[32];

	// kcrypto_x25519 as callers use it, zero check included.
	bool ok = kcrypto_x25519(out, in, in + 32);
	g_sink = g_sink + out[0] + ok;
}

void x25519_scalar_prepare(int cls, Rng &rng, uint8_t *in)
{
	if (cls == 0)
		std::memset(in, 0, 32);	// clamps to 2^254
	else
		rng.fill(in, 32);
	std::memcpy(in + 32, g_fixed_point, 32);
}

void x25519_point_prepare(int cls, Rng &rng, uint8_t *in)
{
	std::memcpy(in, g_fixed_scalar, 32);
	if (cls == 0)
		std::memset(in + 32, 0, 32);	// low order: all-zero result
	else
		rng.fill(in + 32, 32);
}

void memneq_prepare(int cls, Rng &rng, uint8_t *in)
{
	rng.fill(in, 16);
	std::memcpy(in + 16, in, 16);
	if (cls == 1)
		in[16] ^= static_cast<uint8_t>(1 + rng.next() % 255);
}

void memneq_run(const uint8_t *in)
{
	g_sink = g_sink + static_cast<uint8_t>(kcrypto_memneq(in, in + 16, 16));
}

__attribute__((__noinline__)) int leaky_memcmp(const uint8_t *a, const uint8_t *b,
					   size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return 1;
	return 0;
}

void control_run(const uint8_t *in)
{
	g_sink = g_sink + static_cast<uint8_t>(leaky_memcmp(in, in + 16, 16));
}

[[noreturn]] void usage()
{
	std::fprintf(stderr,
		     "usage: kcrypto-dudect x25519-scalar|x25519-point|memneq|control\n"
		     "                      [--impl NAME] [--force] [-n MEASUREMENTS] [--seed S]\n");
	std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	const std::string test = argv[1];
	std::string impl = "generic";
	bool force = false;
	size_t total = 200000;
	uint64_t seed = 0;
	bool seeded = false;

	for (int i = 2; i < argc; i++) {
		std::string a = argv[i];
		if (a == "--impl" && i + 1 < argc)
			impl = argv[++i];
		else if (a == "--force")
			force = true;
		else if (a == "-n" && i + 1 < argc)
			total = std::strtoull(argv[++i], nullptr, 0);
		else if (a == "--seed" && i + 1 < argc) {
			seed = std::strtoull(argv[++i], nullptr, 0);
			seeded = true;
		} else
			usage();
	}
	if (total < 2 * kBatch) {
		std::fprintf(stderr, "dudect: -n must be at least %zu\n", 2 * kBatch);
		return 2;
	}
	total += kBatch;	// the warm-up batch comes on top

	Test t;
	if (test == "x25519-scalar")
		t = {64, x25519_scalar_prepare, x25519_run};
	else if (test == "x25519-point")
		t = {64, x25519_point_prepare, x25519_run};
	else if (test == "memneq")
		t = {32, memneq_prepare, memneq_run};
	else if (test == "control")
		t = {32, memneq_prepare, control_run};
	else
		usage();

	if (test.rfind("x25519", 0) == 0) {
		bool found = false;
		for (const auto &i : kcrypto::harness::all_impls(KCRYPTO_X25519)) {
			if (i.name != impl)
				continue;
			if (!i.usable && !force) {
				std::fprintf(stderr, "dudect: x25519/%s not usable here\n",
					     impl.c_str());
				return 2;
			}
			kcrypto_harness_set_impl(KCRYPTO_X25519, i.index);
			found = true;
		}
		if (!found) {
			std::fprintf(stderr, "dudect: no x25519 implementation '%s'\n",
				     impl.c_str());
			return 2;
		}
	} else {
		impl = test == "control" ? "leaky" : "kcrypto_memneq";
	}

	Rng rng{seed};
	if (!seeded && getrandom(&rng.s, sizeof(rng.s), 0) != sizeof(rng.s))
		rng.s = ticks();
	rng.fill(g_fixed_point, 32);
	rng.fill(g_fixed_scalar, 32);

	std::vector<uint8_t> inputs(kBatch * t.in_size);
	std::vector<uint8_t> cls(kBatch);
	std::vector<uint64_t> times(kBatch);
	alignas(64) uint8_t work[64];
	std::vector<double> crop(kCrops);
	std::vector<Welch> tests(kCrops + 1);
	size_t done = 0;

	for (size_t batch = 0; done < total; batch++) {
		const size_t n = std::min(kBatch, total - done);

		for (size_t i = 0; i < n; i++) {
			cls[i] = static_cast<uint8_t>(rng.next() & 1);
			t.prepare(cls[i], rng, &inputs[i * t.in_size]);
		}
		for (size_t i = 0; i < n; i++) {
			std::memcpy(work, &inputs[i * t.in_size], t.in_size);
			uint64_t t0 = ticks();
			t.run(work);
			uint64_t t1 = ticks();
			times[i] = t1 - t0;
		}
		done += n;
		if (batch == 0) {
			// Warm-up batch: thresholds at percentiles 1 - 0.5^(k/3 + 0.5)
			// (about 29% up to 99.5%), from these times only.
			std::vector<uint64_t> s(times.begin(), times.begin() + n);
			std::sort(s.begin(), s.end());
			for (int k = 0; k < kCrops; k++) {
				double p = 1 - std::pow(0.5, k / 3.0 + 0.5);
				crop[k] = static_cast<double>(s[static_cast<size_t>(p * (n - 1))]);
			}
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			double x = static_cast<double>(times[i]);
			tests[kCrops].add(cls[i], x);
			for (int k = 0; k < kCrops; k++)
				if (x < crop[k])
					tests[k].add(cls[i], x);
		}
	}

	double best = 0;
	std::string which = "none";
	for (int k = 0; k <= kCrops; k++) {
		if (!tests[k].enough())
			continue;
		double v = std::fabs(tests[k].t());
		if (v > best) {
			best = v;
			if (k == kCrops) {
				which = "none";
			} else {
				char b[32];
				std::snprintf(b, sizeof(b), "p%.1f",
					      100 * (1 - std::pow(0.5, k / 3.0 + 0.5)));
				which = b;
			}
		}
	}
	const Welch &all = tests[kCrops];
	std::printf("dudect %s/%s: %zu measurements (%.0f fixed, %.0f random, "
		    "after %zu warm-up), max |t| = %.2f (crop %s), "
		    "mean ticks fixed %.0f random %.0f\n",
		    test.c_str(), impl.c_str(), done - std::min(done, kBatch),
		    all.n[0], all.n[1], kBatch, best, which.c_str(),
		    all.mean[0], all.mean[1]);
	return 0;
}
