// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-dispatch: real-cycle cost of the dispatch call shapes
// (Documentation/performance.md, "Dispatch overhead") on this x86_64 host,
// userspace.
//
//   kcrypto-dispatch [--reps N] [--calls N] [--json FILE]
//
// Every shape of dispatch_shapes.c (direct, weak null test + direct,
// static_call trampoline, function pointer), compiled plain, with
// retpolines, and with retpolines plus return thunks, runs @calls calls
// per sample, timed with lfence; rdtsc (TSC reference cycles).  The samples
// of all shapes are interleaved (one round = one sample of every shape,
// in a rotating order) so load changes hit them alike; the median over
// @reps rounds is reported per call, and against the plain direct call
// to the same callee in the same run.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <x86intrin.h>

#include "dispatch_shapes.h"

namespace {

struct Entry {
	const char *variant;
	const kd_shape *shape;
	std::vector<double> per_call;
};

uint64_t tsc_begin()
{
	_mm_lfence();
	uint64_t t = __rdtsc();
	_mm_lfence();
	return t;
}

uint64_t tsc_end()
{
	unsigned int aux;
	uint64_t t = __rdtscp(&aux);
	_mm_lfence();
	return t;
}

double median(std::vector<double> v)
{
	std::sort(v.begin(), v.end());
	size_t n = v.size();
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

unsigned long arg_num(const char *s, const char *what)
{
	char *end;
	unsigned long v = std::strtoul(s, &end, 10);
	if (*end || !v || v > 100000000UL) {
		std::fprintf(stderr, "kcrypto-dispatch: bad %s '%s'\n", what, s);
		std::exit(2);
	}
	return v;
}

std::string cpu_model()
{
	FILE *f = std::fopen("/proc/cpuinfo", "r");
	char line[512];
	std::string m = "unknown";
	if (!f)
		return m;
	while (std::fgets(line, sizeof(line), f)) {
		if (!std::strncmp(line, "model name", 10)) {
			const char *c = std::strchr(line, ':');
			if (c) {
				m = c + 2;
				m.erase(m.find_last_not_of("\n") + 1);
			}
			break;
		}
	}
	std::fclose(f);
	return m;
}

} // namespace

int main(int argc, char **argv)
{
	unsigned long reps = 2001, calls = 1000;
	const char *json_path = nullptr;
	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = arg_num(argv[++i], "--reps");
		else if (!std::strcmp(argv[i], "--calls") && i + 1 < argc)
			calls = arg_num(argv[++i], "--calls");
		else if (!std::strcmp(argv[i], "--json") && i + 1 < argc)
			json_path = argv[++i];
		else {
			std::fprintf(stderr, "usage: %s [--reps N] [--calls N] [--json FILE]\n", argv[0]);
			return 2;
		}
	}

	const struct {
		const char *name;
		const kd_shape *table;
	} variants[] = {
		{ "plain", kd_shapes_plain },
		{ "retpoline", kd_shapes_retpoline },
		{ "retpoline+rethunk", kd_shapes_rethunk },
	};
	std::vector<Entry> entries;
	for (const auto &v : variants)
		for (const kd_shape *s = v.table; s->shape; s++)
			entries.push_back({ v.name, s, {} });

	kcrypto_poly1305_state st;
	std::memset(&st, 0, sizeof(st));
	uint8_t block[16];
	for (int i = 0; i < 16; i++)
		block[i] = static_cast<uint8_t>(i * 13 + 1);
	kd_args args = { &st, block, static_cast<unsigned int>(calls) };

	for (auto &e : entries)		// warm up
		e.shape->loop(&args);
	size_t n = entries.size();
	for (unsigned long r = 0; r < reps; r++) {
		for (size_t k = 0; k < n; k++) {
			Entry &e = entries[(k + r) % n];
			uint64_t t0 = tsc_begin();
			e.shape->loop(&args);
			uint64_t t1 = tsc_end();
			e.per_call.push_back(static_cast<double>(t1 - t0) / calls);
		}
	}

	auto find = [&](const char *variant, const char *shape, const char *callee) -> const Entry * {
		for (const auto &e : entries)
			if (!std::strcmp(e.variant, variant) && !std::strcmp(e.shape->shape, shape) &&
			    !std::strcmp(e.shape->callee, callee))
				return &e;
		return nullptr;
	};

	std::printf("%-18s %-11s %-12s %10s %10s\n", "variant", "shape", "callee", "cyc/call", "extra");
	std::string rows;
	for (const auto &e : entries) {
		double med = median(e.per_call);
		const Entry *base = find("plain", "direct", e.shape->callee);
		double extra = base && std::strcmp(e.shape->shape, "empty") ?
			med - median(base->per_call) : 0.0;
		std::printf("%-18s %-11s %-12s %10.2f %+10.2f\n", e.variant, e.shape->shape,
			    e.shape->callee, med, extra);
		char row[256];
		std::snprintf(row, sizeof(row),
			      "%s\n  {\"variant\": \"%s\", \"shape\": \"%s\", \"callee\": \"%s\", "
			      "\"tsc_per_call\": %.3f, \"extra_vs_plain_direct\": %.3f}",
			      rows.empty() ? "" : ",", e.variant, e.shape->shape, e.shape->callee, med,
			      extra);
		rows += row;
	}
	if (json_path) {
		FILE *f = std::fopen(json_path, "w");
		if (!f) {
			std::perror(json_path);
			return 1;
		}
		char date[32];
		std::time_t now = std::time(nullptr);
		std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
		std::fprintf(f, "{\"tool\": \"kcrypto-dispatch\", \"cpu\": \"%s\", \"date\": \"%s\", "
			     "\"reps\": %lu, \"calls\": %lu, \"unit\": \"TSC cycles per call, median\", "
			     "\"results\": [%s\n]}\n",
			     cpu_model().c_str(), date, reps, calls, rows.c_str());
		std::fclose(f);
	}
	return 0;
}
