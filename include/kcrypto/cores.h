/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * SIMD/asm core tables, shared by the kernel arch modules and the userspace
 * harness.  A core is pure computation: no kernel_fpu_begin(), no
 * thresholds, no context checks (the kernel glue adds those).  Each arch
 * directory defines, per primitive it accelerates, in
 * arch/<arch>/<prim>-cores.c:
 *
 *   const struct kcrypto_<prim>_core kcrypto_<prim>_cores[];
 *   const struct kcrypto_core_table kcrypto_<prim>_core_table =
 *	KCRYPTO_CORE_TABLE(kcrypto_<prim>_cores);
 *
 * ordered best first.  Every entry starts with the same descriptor,
 * struct kcrypto_impl (name, required CPU features, flags), so one piece
 * of code walks any table by (first, stride, count): lib_crypto/core-table.c
 * (which core is usable, which is best) and, in the kernel,
 * lib_crypto/select.c (impl=, cpu_mask=, probing).  Automatic selection
 * takes the first usable core that is not KCRYPTO_IMPL_EXPERIMENTAL; the
 * tests walk every usable one.  An admin may still select an experimental
 * core by name (module parameter impl=).  @features is a mask of
 * KCRYPTO_CPU_* bits that must all be present (kcrypto_cpu_features() in
 * arch/<arch>/cpu.h).
 */
#ifndef _KCRYPTO_CORES_H
#define _KCRYPTO_CORES_H

#include <kcrypto/env.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/x25519.h>
#include <kcrypto/prims.h>

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
	/* AVX-512F usable and 512-bit registers run at full clock (cpu.h) */
	KCRYPTO_CPU_ZMM		= 1u << 9,
	/* arm, arm64 */
	KCRYPTO_CPU_NEON	= 1u << 16,
};

/* Flags of struct kcrypto_impl. */
enum {
	/* Never picked automatically (not yet proven on hardware that runs it). */
	KCRYPTO_IMPL_EXPERIMENTAL	= 1u << 0,
};

/* The head of every core table entry. */
struct kcrypto_impl {
	const char *name;	/* "avx2", "neon", ...: impl=, bindings, tests */
	u32 features;		/* KCRYPTO_CPU_* bits the core needs */
	u32 flags;		/* KCRYPTO_IMPL_* */
};

struct kcrypto_chacha_core {
	struct kcrypto_impl impl;
	/* Any @len; same semantics as kcrypto_chacha_crypt_generic(). */
	void (*crypt)(struct kcrypto_chacha_state *st, u8 *dst, const u8 *src,
		      size_t len, int nrounds);
};

struct kcrypto_poly1305_core {
	struct kcrypto_impl impl;
	/* @len a multiple of 16; canonical state in and out. */
	void (*blocks)(struct kcrypto_poly1305_state *st, const u8 *src,
		       size_t len, u32 hibit);
};

struct kcrypto_blake2s_core {
	struct kcrypto_impl impl;
	void (*compress)(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			 size_t nblocks, u32 inc);
};

struct kcrypto_x25519_core {
	struct kcrypto_impl impl;
	/* out = clamp(scalar) * u(point & ~2^255); constant time. */
	void (*scalarmult)(u8 out[KCRYPTO_X25519_KEY_SIZE],
			   const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			   const u8 point[KCRYPTO_X25519_KEY_SIZE]);
};

/*
 * A core table seen through its descriptors: @count entries, @stride bytes
 * apart, the first one's struct kcrypto_impl at @first.
 */
struct kcrypto_core_table {
	const struct kcrypto_impl *first;
	size_t stride;
	unsigned int count;
};

#define KCRYPTO_CORE_TABLE(cores) {					\
	.first = &(cores)[0].impl,					\
	.stride = sizeof((cores)[0]),					\
	.count = ARRAY_SIZE(cores),					\
}

extern const struct kcrypto_chacha_core kcrypto_chacha_cores[];
extern const struct kcrypto_core_table kcrypto_chacha_core_table;
extern const struct kcrypto_poly1305_core kcrypto_poly1305_cores[];
extern const struct kcrypto_core_table kcrypto_poly1305_core_table;
extern const struct kcrypto_blake2s_core kcrypto_blake2s_cores[];
extern const struct kcrypto_core_table kcrypto_blake2s_core_table;
extern const struct kcrypto_x25519_core kcrypto_x25519_cores[];
extern const struct kcrypto_core_table kcrypto_x25519_core_table;

/* lib_crypto/core-table.c: the selection rules, for kernel and harness. */
const struct kcrypto_impl *kcrypto_core_at(const struct kcrypto_core_table *t,
					   unsigned int idx);
bool kcrypto_core_usable(const struct kcrypto_core_table *t, unsigned int idx,
			 u32 cpu);
int kcrypto_core_best(const struct kcrypto_core_table *t, u32 cpu);
int kcrypto_core_find(const struct kcrypto_core_table *t, const char *name);
int kcrypto_core_index(const struct kcrypto_core_table *t,
		       const struct kcrypto_impl *impl);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_CORES_H */
