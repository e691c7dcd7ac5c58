// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "impl.h"

#include <cstdlib>
#include <cstdio>
#include <ostream>

#include <kcrypto/cores.h>

namespace kcrypto::harness {

namespace {

constexpr kcrypto_harness_prim cprim(Prim p)
{
	return static_cast<kcrypto_harness_prim>(p);
}

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

const char *prim_name(Prim p)
{
	switch (p) {
	case Prim::chacha:
		return "chacha";
	case Prim::poly1305:
		return "poly1305";
	case Prim::blake2s:
		return "blake2s";
	case Prim::x25519:
		return "x25519";
	}
	return "?";
}

void PrintTo(const Impl &impl, std::ostream *os)
{
	*os << prim_name(impl.prim) << "/" << impl.name;
}

uint32_t parse_cpu_mask(const std::string &text)
{
	std::string s = text;

	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s = s.substr(2);
	if (s.empty() || s.size() > 8)
		throw std::invalid_argument("not a 32-bit hex mask: '" + text + "'");
	uint32_t v = 0;
	for (char c : s) {
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			throw std::invalid_argument("not a 32-bit hex mask: '" +
						    text + "'");
		v = v << 4 | d;
	}
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
	std::vector<Impl> v;
	const uint32_t have = cpu_features();
	const unsigned n = kcrypto_harness_nr_cores(cprim(p));

	v.push_back({p, 0, "generic", 0, true});
	for (unsigned i = 0; i < n; i++) {
		const char *name = kcrypto_harness_core_name(cprim(p), i);
		uint32_t need = kcrypto_harness_core_features(cprim(p), i);

		v.push_back({p, static_cast<int>(i + 1),
			     name ? name : "core" + std::to_string(i), need,
			     (need & have) == need});
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
	auto v = usable_impls(p);

	return v.size() > 1 ? v[1] : v[0];
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
	kcrypto_harness_set_impl(cprim(p), index);
}

int selected_impl(Prim p)
{
	return kcrypto_harness_get_impl(cprim(p));
}

ImplGuard::ImplGuard(Prim p, int index) : prim_(p), prev_(selected_impl(p))
{
	select_impl(p, index);
}

ImplGuard::~ImplGuard()
{
	kcrypto_harness_set_impl(cprim(prim_), prev_);
}

} // namespace kcrypto::harness
