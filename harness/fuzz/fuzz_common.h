// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Shared pieces of the libFuzzer targets: a byte reader that turns the fuzz
// input into parameters, exact-end buffers at chosen alignments, the list of
// usable implementations, oracles (OpenSSL 3, libsodium) and fail(), which
// prints what differed and aborts (libFuzzer then saves the input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "impl.h"

namespace kfuzz {

using Bytes = std::vector<uint8_t>;

// Reads parameters from the front of the input.  Past the end it yields
// zeros, so every input is valid and short inputs still run.
class Input {
public:
	Input(const uint8_t *data, size_t size) : p_(data), n_(size) {}

	uint8_t u8();
	uint16_t u16();	// little-endian
	uint32_t u32();
	uint64_t u64();
	void bytes(uint8_t *out, size_t len);	// zero-filled past the end
	Bytes rest();				// everything left
	size_t remaining() const { return n_; }

private:
	const uint8_t *p_;
	size_t n_;
};

// Appends @extra pseudo-random bytes (splitmix64 from @seed): long messages
// from short fuzz inputs, so the 4096-byte AEAD chunking and the wide SIMD
// loops are reached without an 8 KiB input.
void extend(Bytes &msg, size_t extra, uint64_t seed);

// A heap buffer whose data starts @off bytes (0..63) past a 64-byte aligned
// allocation and ends exactly at its end, so ASan reports any overread or
// overwrite past the end.  The @off bytes before the data hold a canary
// that intact() checks (writes before the start).
class Buf {
public:
	Buf(size_t len, size_t off);
	Buf(const uint8_t *src, size_t len, size_t off);
	~Buf();
	Buf(const Buf &) = delete;
	Buf &operator=(const Buf &) = delete;

	uint8_t *data() { return base_ + off_; }
	const uint8_t *data() const { return base_ + off_; }
	size_t size() const { return len_; }
	bool intact() const;

private:
	uint8_t *base_;
	size_t off_, len_;
};

using kcrypto::harness::Prim;

// Indices (for kcrypto_harness_set_impl) and names of the implementations
// this CPU can run, generic first; computed once.
struct ImplList {
	std::vector<int> index;
	std::vector<std::string> name;
	size_t size() const { return index.size(); }
};
const ImplList &impls(Prim p);
void select(Prim p, int index);

// Positive control: with KCRYPTO_FUZZ_INJECT=<prim>:<impl> (for example
// chacha:avx2), flip one bit of what implementation @k of @p produced, so
// that the target must report a difference (tests/test_fuzz.py).
void inject(Prim p, size_t k, uint8_t *out, size_t len);

// Print "<target>: <what>" plus the hex of both buffers, then abort().
[[noreturn]] void fail(const char *what, const uint8_t *got = nullptr,
		       const uint8_t *want = nullptr, size_t len = 0);
void expect_eq(const uint8_t *got, const uint8_t *want, size_t len,
	       const std::string &what);
void expect(bool ok, const std::string &what);
// Sets the prefix of fail() messages ("chacha/avx2 split" ...).
void context(const std::string &ctx);

bool all_zero(const uint8_t *p, size_t len);

// A non-null pointer to the data of @b, for the libraries that declare
// their pointers nonnull even at length 0 (libsodium).  The kcrypto calls
// get b.data() itself, which is NULL for an empty vector: the library must
// accept NULL with a zero length, as kernel callers pass it.
const uint8_t *nn(const Bytes &b);

// Oracles.  The OpenSSL ones return false when OpenSSL itself refuses.
namespace ossl {
bool chacha20(uint8_t *out, const uint8_t *in, size_t len,
	      const uint8_t key[32], const uint8_t nonce[12], uint32_t counter);
bool poly1305(uint8_t tag[16], const uint8_t *msg, size_t len,
	      const uint8_t key[32]);
bool aead_seal(uint8_t *out /* len + 16 */, const uint8_t *msg, size_t len,
	       const uint8_t *ad, size_t adlen, const uint8_t nonce[12],
	       const uint8_t key[32]);
bool blake2s256(uint8_t out[32], const uint8_t *msg, size_t len);
bool blake2s_mac(uint8_t *out, size_t outlen, const uint8_t *key,
		 size_t keylen, const uint8_t *msg, size_t len);
// False when OpenSSL refuses to derive (all-zero shared secret).
bool x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]);
} // namespace ossl

} // namespace kfuzz
