/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * SIMD/asm core tables, shared by the kernel arch modules and the userspace
 * harness.  A core is pure computation: no kernel_fpu_begin(), no
 * thresholds, no context checks (the kernel glue adds those).  Each arch
 * directory defines, per primitive it accelerates, in
 * arch/<arch>/<prim>-cores.c:
 *
 *   const struct kcrypto_<prim>_core kcrypto_<prim>_cores[];
 *   const unsigned int kcrypto_<prim>_nr_cores;
 *
 * ordered best first.  The glue picks the first usable one that is not
 * @experimental; the tests walk all usable ones.  A core is experimental
 * until it has passed the harness on hardware that can run it (e.g. the
 * AVX-512 cores: no AVX-512 machine was available to this project yet); an
 * admin may still select it by name (module parameter impl=).
 * @features is a mask of KCRYPTO_CPU_* bits that must all be present (see
 * kcrypto_cpu_features() in arch/<arch>/cpu.h).
 */
#ifndef _KCRYPTO_CORES_H
#define _KCRYPTO_CORES_H

#include <kcrypto/env.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/x25519.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CPU feature bits; the meaning of a bit is per arch. */
enum {
	/* x86_64 */
	KCRYPTO_CPU_SSSE3	= 1u << 0,
	KCRYPTO_CPU_AVX		= 1u << 1,
	KCRYPTO_CPU_AVX2	= 1u << 2,
	KCRYPTO_CPU_AVX512F	= 1u << 3,
	KCRYPTO_CPU_AVX512VL	= 1u << 4,
	KCRYPTO_CPU_AVX512BW	= 1u << 5,
	KCRYPTO_CPU_AVX512IFMA	= 1u << 6,
	KCRYPTO_CPU_BMI2	= 1u << 7,
	KCRYPTO_CPU_ADX		= 1u << 8,
	/* arm, arm64 */
	KCRYPTO_CPU_NEON	= 1u << 16,
};

struct kcrypto_chacha_core {
	const char *name;
	u32 features;
	bool experimental;
	/* Any @len; same semantics as kcrypto_chacha_crypt_generic(). */
	void (*crypt)(struct kcrypto_chacha_state *st, u8 *dst, const u8 *src,
		      size_t len, int nrounds);
};

struct kcrypto_poly1305_core {
	const char *name;
	u32 features;
	bool experimental;
	/* @len a multiple of 16; canonical state in and out. */
	void (*blocks)(struct kcrypto_poly1305_state *st, const u8 *src,
		       size_t len, u32 hibit);
};

struct kcrypto_blake2s_core {
	const char *name;
	u32 features;
	bool experimental;
	void (*compress)(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			 size_t nblocks, u32 inc);
};

struct kcrypto_x25519_core {
	const char *name;
	u32 features;
	bool experimental;
	/* out = clamp(scalar) * u(point & ~2^255); constant time. */
	void (*scalarmult)(u8 out[KCRYPTO_X25519_KEY_SIZE],
			   const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			   const u8 point[KCRYPTO_X25519_KEY_SIZE]);
};

extern const struct kcrypto_chacha_core kcrypto_chacha_cores[];
extern const unsigned int kcrypto_chacha_nr_cores;
extern const struct kcrypto_poly1305_core kcrypto_poly1305_cores[];
extern const unsigned int kcrypto_poly1305_nr_cores;
extern const struct kcrypto_blake2s_core kcrypto_blake2s_cores[];
extern const unsigned int kcrypto_blake2s_nr_cores;
extern const struct kcrypto_x25519_core kcrypto_x25519_cores[];
extern const unsigned int kcrypto_x25519_nr_cores;

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_CORES_H */
