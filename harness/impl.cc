// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "impl.h"

#include <cstdlib>
#include <cstdio>
#include <ostream>

#include <kcrypto/cores.h>

#include "hex.h"

namespace kcrypto::harness {

namespace {

struct FeatureName {
	uint32_t bit;
	const char *name;
};

constexpr FeatureName kFeatureNames[] = {
	{KCRYPTO_CPU_SSSE3, "ssse3"},
	{KCRYPTO_CPU_AVX, "avx"},
	{KCRYPTO_CPU_AVX2, "avx2"},
	{KCRYPTO_CPU_AVX512F, "avx512f"},
	{KCRYPTO_CPU_AVX512VL, "avx512vl"},
	{KCRYPTO_CPU_AVX512BW, "avx512bw"},
	{KCRYPTO_CPU_AVX512IFMA, "avx512ifma"},
	{KCRYPTO_CPU_BMI2, "bmi2"},
	{KCRYPTO_CPU_ADX, "adx"},
	{KCRYPTO_CPU_ZMM, "zmm"},
	{KCRYPTO_CPU_NEON, "neon"},
};

uint32_t mask_from_env()
{
	const char *env = std::getenv("KCRYPTO_CPU_MASK");

	if (!env || !*env)
		return 0;
	try {
		return parse_cpu_mask(env);
	} catch (const std::invalid_argument &e) {
		// A typo here would silently test the wrong set of cores.
		std::fprintf(stderr, "kcrypto harness: KCRYPTO_CPU_MASK: %s\n",
			     e.what());
		std::exit(2);
	}
}

} // namespace

void PrintTo(const Impl &impl, std::ostream *os)
{
	*os << prim_name(impl.prim) << "/" << impl.name;
}

uint32_t parse_cpu_mask(const std::string &text)
{
	size_t skip = text.size() > 2 && text[0] == '0' &&
		      (text[1] == 'x' || text[1] == 'X') ? 2 : 0;
	uint32_t v;

	if (kcrypto_hex_u32(text.c_str() + skip, text.size() - skip, &v))
		throw std::invalid_argument("not a 32-bit hex mask: '" + text + "'");
	return v;
}

uint32_t cpu_features_detected()
{
	static const uint32_t f = kcrypto_harness_cpu_detect();
	return f;
}

uint32_t cpu_mask()
{
	static const uint32_t m = mask_from_env();
	return m;
}

uint32_t cpu_features()
{
	return cpu_features_detected() & ~cpu_mask();
}

std::string features_string(uint32_t features)
{
	std::string s;

	for (const auto &fn : kFeatureNames) {
		if (!(features & fn.bit))
			continue;
		if (!s.empty())
			s += ',';
		s += fn.name;
		features &= ~fn.bit;
	}
	if (features) {
		char buf[24];
		std::snprintf(buf, sizeof(buf), "0x%x", features);
		s += s.empty() ? "" : ",";
		s += buf;
	}
	return s.empty() ? "none" : s;
}

std::vector<Impl> all_impls(Prim p)
{
	const struct kcrypto_core_table *t = kcrypto_harness_core_table(p);
	const uint32_t have = cpu_features();
	std::vector<Impl> v;

	v.push_back({p, 0, "generic", 0, true, false});
	for (unsigned i = 0; t && i < t->count; i++) {
		const struct kcrypto_impl *c = kcrypto_core_at(t, i);

		v.push_back({p, static_cast<int>(i + 1),
			     c->name ? c->name : "core" + std::to_string(i),
			     c->features, kcrypto_core_usable(t, i, have),
			     (c->flags & KCRYPTO_IMPL_EXPERIMENTAL) != 0});
	}
	return v;
}

std::vector<Impl> usable_impls(Prim p)
{
	std::vector<Impl> v;

	for (auto &i : all_impls(p))
		if (i.usable)
			v.push_back(i);
	return v;
}

Impl best_impl(Prim p)
{
	return best_impl(p, cpu_features());
}

Impl best_impl(Prim p, uint32_t features)
{
	// The kernel's rule, not a copy of it: -1 (no core) is generic.
	int core = kcrypto_core_best(kcrypto_harness_core_table(p), features);

	return all_impls(p)[core + 1];
}

Impl find_impl(Prim p, const std::string &name)
{
	for (auto &i : all_impls(p))
		if (i.name == name)
			return i;
	throw std::invalid_argument(std::string("no ") + prim_name(p) +
				    " implementation '" + name + "'");
}

void select_impl(Prim p, int index)
{
	auto v = all_impls(p);

	if (index < 0 || static_cast<size_t>(index) >= v.size())
		throw std::invalid_argument(std::string(prim_name(p)) +
					    ": no implementation " +
					    std::to_string(index));
	if (!v[index].usable)
		throw std::invalid_argument(
			std::string(prim_name(p)) + "/" + v[index].name +
			" needs " + features_string(v[index].features) +
			", CPU has " + features_string(cpu_features()));
	kcrypto_harness_set_impl(p, index);
}

int selected_impl(Prim p)
{
	return kcrypto_harness_get_impl(p);
}

ImplGuard::ImplGuard(Prim p, int index) : prim_(p), prev_(selected_impl(p))
{
	select_impl(p, index);
}

ImplGuard::~ImplGuard()
{
	kcrypto_harness_set_impl(prim_, prev_);
}

} // namespace kcrypto::harness
