// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-vectors FILE...: run vector files (see vectors.h) against every
// implementation this CPU can run.  Exit status 0 when every case passed,
// 1 when a case failed, 2 when a file was unreadable, malformed or of an
// unknown algorithm (or on a usage error).
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "impl.h"
#include "vectors.h"

using namespace kcrypto::harness;

static void usage(std::ostream &o)
{
	o << "usage: kcrypto-vectors FILE...\n"
	     "       kcrypto-vectors --list\n"
	     "Runs Wycheproof-style and BLAKE2 KAT vector files against every\n"
	     "usable implementation; prints one PASS|FAIL line per\n"
	     "(implementation, file) and \"N passed, N failed\".\n"
	     "KCRYPTO_CPU_MASK=<hex> clears CPU feature bits first.\n";
}

static void list_impls()
{
	std::cout << "cpu: detected " << features_string(cpu_features_detected())
		  << ", mask " << features_string(cpu_mask()) << ", using "
		  << features_string(cpu_features()) << "\n";
	for (Prim p : kAllPrims) {
		for (const auto &i : all_impls(p))
			std::cout << prim_name(p) << "/" << i.name << " needs "
				  << features_string(i.features)
				  << (i.usable ? "" : " (not usable)") << "\n";
	}
}

int main(int argc, char **argv)
{
	std::vector<std::string> files;

	cpu_features();	// a bad KCRYPTO_CPU_MASK exits here, before any output
	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help")) {
			usage(std::cout);
			return 0;
		}
		if (!std::strcmp(argv[i], "--list")) {
			list_impls();
			return 0;
		}
		if (!std::strcmp(argv[i], "--")) {
			files.insert(files.end(), argv + i + 1, argv + argc);
			break;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			std::cerr << "kcrypto-vectors: unknown option " << argv[i] << "\n";
			usage(std::cerr);
			return 2;
		}
		files.emplace_back(argv[i]);
	}
	if (files.empty()) {
		usage(std::cerr);
		return 2;
	}
	return run_vector_files(files, std::cout, std::cerr).exit_code;
}
