// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Vector files (Documentation/design.md, "Vector files"): the Wycheproof
// JSON envelope with algorithm CHACHA20-POLY1305, XCHACHA20-POLY1305, XDH
// (curve25519), CHACHA20 {key, iv, counter, msg, ct}, POLY1305 {key, msg,
// tag}, BLAKE2S {key, msg, digest}; and the BLAKE2 KAT list
// [{"hash": "blake2s", "in", "key", "out"}] (other hashes ignored).
//
// Every case runs against every implementation the CPU can run.  Used by
// kcrypto-vectors and by kcrypto-tests.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "impl.h"

namespace kcrypto::harness {

using Bytes = std::vector<uint8_t>;

// Unreadable file, malformed JSON or schema, unknown algorithm.
class VectorFileError : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

enum class VectorKind { aead, xaead, xdh, chacha20, poly1305, blake2s };

// The <prim> column of the report: chacha20poly1305, xchacha20poly1305,
// x25519, chacha20, poly1305, blake2s.
const char *vector_kind_name(VectorKind k);

enum class Expect { valid, invalid, acceptable };

struct VectorCase {
	int64_t id = 0;
	std::string comment;
	Expect result = Expect::valid;
	// Fields by kind: aead/xaead key iv aad msg ct tag; xdh pub priv
	// shared; chacha20 key iv msg ct (+counter); poly1305 key msg tag;
	// blake2s key msg digest.
	Bytes key, iv, aad, msg, ct, tag, pub, priv, shared, digest;
	int64_t counter = 0;
};

struct VectorFile {
	std::string path;
	VectorKind kind = VectorKind::aead;
	std::vector<VectorCase> cases;
};

// Parse a document; @name is used in error messages.
VectorFile parse_vector_text(const std::string &text, const std::string &name);
VectorFile load_vector_file(const std::string &path);

// Run one case against the currently selected implementations.  Returns an
// empty string on pass, otherwise why it failed.
std::string run_vector_case(VectorKind kind, const VectorCase &c);

// One set of implementation choices to run a file under, e.g. for AEAD
// every (chacha, poly1305) pair, named "<chacha>+<poly1305>".
struct ImplCombo {
	std::string name;
	std::vector<Impl> impls;
};
std::vector<ImplCombo> vector_impl_combos(VectorKind kind);

struct VectorLine {
	std::string prim, impl, file;
	size_t passed = 0, total = 0;
	std::vector<std::string> failures;	// "tcId N (comment): why"
};
std::vector<VectorLine> run_vector_file(const VectorFile &f);

struct VectorSummary {
	size_t passed = 0, failed = 0;
	size_t errors = 0;	// files that could not be used
	int exit_code = 0;	// 0 all passed, 1 a case failed, 2 a file error
};

// What kcrypto-vectors does: one "PASS|FAIL <prim>/<impl> <file>: N/M" line
// per (implementation, file) and "ERROR <file>: why" per unusable file on
// @out (each error counts as one failure), failure details on @err, then
// the closing line "N passed, N failed".
VectorSummary run_vector_files(const std::vector<std::string> &paths,
			       std::ostream &out, std::ostream &err);

} // namespace kcrypto::harness
