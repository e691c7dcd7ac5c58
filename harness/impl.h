// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Implementation registry of the harness (OpenZFS style): per primitive,
// "generic" (index 0) followed by the arch cores of include/kcrypto/cores.h
// (index i = core i - 1), each with its KCRYPTO_CPU_* requirements.  Tests,
// benchmarks and kcrypto-vectors iterate over the same list.
//
// CPU features come from kcrypto_cpu_features() of arch/<arch>/cpu.h (its
// userspace branch, through registry.c), minus the bits of the hex
// environment variable KCRYPTO_CPU_MASK (to simulate a lesser CPU).
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include <kcrypto/prims.h>

#include "registry.h"

namespace kcrypto::harness {

// The one list of primitives (include/kcrypto/prims.h): KCRYPTO_CHACHA, ...
using Prim = enum kcrypto_prim;

// Every primitive, in enum order, derived from KCRYPTO_NR_PRIMS.
inline constexpr std::array<Prim, KCRYPTO_NR_PRIMS> kAllPrims = [] {
	std::array<Prim, KCRYPTO_NR_PRIMS> a{};
	for (size_t i = 0; i < a.size(); i++)
		a[i] = static_cast<Prim>(i);
	return a;
}();

// "chacha", ...: kcrypto_prim_names[] of lib_crypto/prims.c.
inline const char *prim_name(Prim p) { return kcrypto_prim_names[p]; }

struct Impl {
	Prim prim;
	int index;		// 0 = generic, i > 0 = arch core i - 1
	std::string name;	// "generic" or the core's name
	uint32_t features;	// KCRYPTO_CPU_* bits the core needs
	bool usable;		// all of them present (after the mask)
	bool experimental;	// KCRYPTO_IMPL_EXPERIMENTAL: never "best"
};

// gtest prints parameters with this ("chacha/avx2").
void PrintTo(const Impl &impl, std::ostream *os);

// Detected features, the mask from KCRYPTO_CPU_MASK, and the difference.
uint32_t cpu_features_detected();
uint32_t cpu_mask();
uint32_t cpu_features();

// Parse a KCRYPTO_CPU_MASK value: hex with optional 0x, at most 32 bits.
// Throws std::invalid_argument on anything else.
uint32_t parse_cpu_mask(const std::string &text);

// "ssse3,avx2,..." for a KCRYPTO_CPU_* mask ("none" when 0).
std::string features_string(uint32_t features);

std::vector<Impl> all_impls(Prim p);
std::vector<Impl> usable_impls(Prim p);
// The implementation the kernel glue would pick: kcrypto_core_best() of
// lib_crypto/core-table.c (first usable core that is not experimental, else
// generic) with cpu_features().
Impl best_impl(Prim p);
// The same rule for a CPU with only the KCRYPTO_CPU_* bits @features (for
// example this one minus AVX-512: what an AVX2-only host would run).
Impl best_impl(Prim p, uint32_t features);
// Throws std::invalid_argument when there is no such name.
Impl find_impl(Prim p, const std::string &name);

// Route @p to @index; throws std::invalid_argument when the index is out of
// range or the CPU (after the mask) cannot run it.
void select_impl(Prim p, int index);
int selected_impl(Prim p);

// Selects an implementation for its lifetime, then restores the previous one.
class ImplGuard {
public:
	ImplGuard(Prim p, int index);
	explicit ImplGuard(const Impl &impl) : ImplGuard(impl.prim, impl.index) {}
	~ImplGuard();
	ImplGuard(const ImplGuard &) = delete;
	ImplGuard &operator=(const ImplGuard &) = delete;

private:
	Prim prim_;
	int prev_;
};

} // namespace kcrypto::harness
