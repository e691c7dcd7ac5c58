// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-icount: one call of one implementation between two marks, for
// instruction counting under qemu-user (tests/test_bench_guard.py; the
// arm drivers in harness/cross have the same "bench" mode).
//
//   kcrypto-icount list                 usable implementations, "PRIM IMPL"
//   kcrypto-icount PRIM IMPL LEN        prints "marks BEGIN END", then calls
//                                       kc_mark_begin(), kc_measured(): the
//                                       operation on LEN bytes (x25519: one
//                                       scalar multiplication), kc_mark_end()
//
// Count with valgrind --tool=callgrind --toggle-collect=kc_measured (x86_64)
// or harness/cross/icount.py (qemu-user, between the marks).
//
// PRIM: chacha poly1305 blake2s x25519, or the AEAD chacha20poly1305
// (seal LEN bytes) and chacha20poly1305-open (open LEN bytes plus the
// tag).  IMPL: a name from "list", or "auto", what the kernel's automatic
// selection binds on this CPU (best_impl()); for the AEAD "CHACHA+POLY"
// (e.g. "avx2+avx2") or "auto".  A warm-up call precedes the marks, so
// one-time work is not counted.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <kcrypto/blake2s.h>
#include <kcrypto/chacha.h>
#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/x25519.h>

#include "impl.h"

using namespace kcrypto::harness;

// No inlining, no cloning (a clone would escape --toggle-collect by name).
#if defined(__clang__)
#define KC_NOIPA __attribute__((__noinline__))
#else
#define KC_NOIPA __attribute__((__noipa__))
#endif

extern "C" {
KC_NOIPA void kc_mark_begin(void)
{
	__asm__ volatile("" ::: "memory");
}

KC_NOIPA void kc_mark_end(void)
{
	__asm__ volatile("" ::: "memory");
}
}

namespace {

constexpr size_t kMaxLen = 65536;

// What kc_measured() runs: a primitive, or an AEAD direction.
enum Op { OP_PRIM, OP_SEAL, OP_OPEN };

struct Buffers {
	std::vector<uint8_t> in, out, sealed;
	uint8_t key[32], nonce[12], point[32];

	Buffers()
		: in(kMaxLen), out(kMaxLen + KCRYPTO_AEAD_TAG_SIZE),
		  sealed(kMaxLen + KCRYPTO_AEAD_TAG_SIZE)
	{
		for (size_t i = 0; i < in.size(); i++)
			in[i] = static_cast<uint8_t>(i * 7 + 1);
		for (int i = 0; i < 32; i++) {
			key[i] = static_cast<uint8_t>(i + 1);
			point[i] = i ? 0 : 9;
		}
		for (int i = 0; i < 12; i++)
			nonce[i] = static_cast<uint8_t>(i);
	}
};

void run(Prim p, Buffers &b, size_t len)
{
	switch (p) {
	case KCRYPTO_CHACHA:
		kcrypto_chacha20(b.out.data(), b.in.data(), len, b.key, b.nonce, 1);
		break;
	case KCRYPTO_POLY1305:
		kcrypto_poly1305(b.out.data(), b.in.data(), len, b.key);
		break;
	case KCRYPTO_BLAKE2S:
		kcrypto_blake2s(b.out.data(), 32, b.in.data(), len, nullptr, 0);
		break;
	case KCRYPTO_X25519:
		kcrypto_x25519(b.out.data(), b.key, b.point);
		break;
	case KCRYPTO_NR_PRIMS:
		break;
	}
}

// One AEAD call; false when an open does not verify.
bool run_aead(Op op, Buffers &b, size_t len)
{
	if (op == OP_SEAL) {
		kcrypto_chacha20poly1305_encrypt(b.out.data(), b.in.data(), len, nullptr, 0,
						 b.nonce, b.key);
		return true;
	}
	return kcrypto_chacha20poly1305_decrypt(b.out.data(), b.sealed.data(),
						len + KCRYPTO_AEAD_TAG_SIZE, nullptr, 0,
						b.nonce, b.key);
}

// "auto" or the name, for @p.
Impl pick(Prim p, const std::string &name)
{
	return name == "auto" ? best_impl(p) : find_impl(p, name);
}

} // namespace

// The counted call, for valgrind --toggle-collect=kc_measured.
extern "C" KC_NOIPA int kc_measured(int op, int prim, Buffers *b, size_t len)
{
	if (op != OP_PRIM)
		return run_aead(static_cast<Op>(op), *b, len);
	run(static_cast<Prim>(prim), *b, len);
	return 1;
}

namespace {

// The AEAD: IMPL is "auto" or "CHACHA+POLY".
int main_aead(Op op, const char *impl, size_t len)
{
	std::string s(impl), c = s, m = s;
	if (s != "auto") {
		size_t plus = s.find('+');
		if (plus == std::string::npos) {
			std::fprintf(stderr, "kcrypto-icount: AEAD IMPL is auto or CHACHA+POLY, not '%s'\n",
				     impl);
			return 2;
		}
		c = s.substr(0, plus);
		m = s.substr(plus + 1);
	}
	const Impl ci = pick(KCRYPTO_CHACHA, c), mi = pick(KCRYPTO_POLY1305, m);
	ImplGuard gc(ci), gm(mi);
	Buffers b;
	kcrypto_chacha20poly1305_encrypt(b.sealed.data(), b.in.data(), len, nullptr, 0,
					 b.nonce, b.key);
	if (!run_aead(op, b, len)) {
		std::fprintf(stderr, "kcrypto-icount: open of a sealed message failed\n");
		return 1;
	}
	std::printf("impl %s+%s\n", ci.name.c_str(), mi.name.c_str());
	std::printf("marks %p %p\n", reinterpret_cast<void *>(kc_mark_begin),
		    reinterpret_cast<void *>(kc_mark_end));
	std::fflush(stdout);
	kc_mark_begin();
	int ok = kc_measured(op, 0, &b, len);
	kc_mark_end();
	if (!ok) {
		std::fprintf(stderr, "kcrypto-icount: open failed to verify\n");
		return 1;
	}
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	try {
		if (argc == 2 && !std::strcmp(argv[1], "list")) {
			for (Prim p : kAllPrims)
				for (const auto &i : usable_impls(p))
					std::printf("%s %s\n", prim_name(p), i.name.c_str());
			return 0;
		}
		if (argc != 4) {
			std::fprintf(stderr, "usage: %s list | PRIM IMPL LEN\n", argv[0]);
			return 2;
		}
		char *end;
		unsigned long len = std::strtoul(argv[3], &end, 10);
		bool len_ok = *argv[3] && !*end && len <= kMaxLen;
		if (len_ok && !std::strcmp(argv[1], "chacha20poly1305"))
			return main_aead(OP_SEAL, argv[2], len);
		if (len_ok && !std::strcmp(argv[1], "chacha20poly1305-open"))
			return main_aead(OP_OPEN, argv[2], len);
		Prim prim = KCRYPTO_CHACHA;
		bool found = false;
		for (Prim p : kAllPrims)
			if (!std::strcmp(prim_name(p), argv[1])) {
				prim = p;
				found = true;
			}
		if (!found || !len_ok) {
			std::fprintf(stderr, "kcrypto-icount: bad PRIM '%s' or LEN '%s' (max %zu)\n",
				     argv[1], argv[3], kMaxLen);
			return 2;
		}
		const Impl impl = pick(prim, argv[2]);
		ImplGuard guard(impl);
		Buffers b;
		run(prim, b, len);
		std::printf("impl %s\n", impl.name.c_str());
		std::printf("marks %p %p\n", reinterpret_cast<void *>(kc_mark_begin),
			    reinterpret_cast<void *>(kc_mark_end));
		std::fflush(stdout);
		kc_mark_begin();
		kc_measured(OP_PRIM, static_cast<int>(prim), &b, len);
		kc_mark_end();
		return 0;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "kcrypto-icount: %s\n", e.what());
		return 1;
	}
}
