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
// PRIM: chacha poly1305 blake2s x25519.  IMPL: a name from "list", or
// "auto", what the kernel's automatic selection binds on this CPU
// (best_impl()).  A warm-up call precedes the marks, so one-time work is
// not counted.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <kcrypto/blake2s.h>
#include <kcrypto/chacha.h>
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

struct Buffers {
	std::vector<uint8_t> in, out;
	uint8_t key[32], nonce[12], point[32];

	Buffers() : in(kMaxLen), out(kMaxLen)
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

} // namespace

// The counted call, for valgrind --toggle-collect=kc_measured.
extern "C" KC_NOIPA void kc_measured(int prim, Buffers *b, size_t len)
{
	run(static_cast<Prim>(prim), *b, len);
}

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
		Prim prim = KCRYPTO_CHACHA;
		bool found = false;
		for (Prim p : kAllPrims)
			if (!std::strcmp(prim_name(p), argv[1])) {
				prim = p;
				found = true;
			}
		char *end;
		unsigned long len = std::strtoul(argv[3], &end, 10);
		if (!found || !*argv[3] || *end || len > kMaxLen) {
			std::fprintf(stderr, "kcrypto-icount: bad PRIM '%s' or LEN '%s' (max %zu)\n",
				     argv[1], argv[3], kMaxLen);
			return 2;
		}
		const Impl impl = !std::strcmp(argv[2], "auto") ? best_impl(prim)
							       : find_impl(prim, argv[2]);
		ImplGuard guard(impl);
		Buffers b;
		run(prim, b, len);
		std::printf("impl %s\n", impl.name.c_str());
		std::printf("marks %p %p\n", reinterpret_cast<void *>(kc_mark_begin),
			    reinterpret_cast<void *>(kc_mark_end));
		std::fflush(stdout);
		kc_mark_begin();
		kc_measured(static_cast<int>(prim), &b, len);
		kc_mark_end();
		return 0;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "kcrypto-icount: %s\n", e.what());
		return 1;
	}
}
