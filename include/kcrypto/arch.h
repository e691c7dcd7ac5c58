/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The contract between kcrypto.ko and the per-arch leaf modules.
 *
 * Every arch module provides one hook per primitive:
 *
 *   bool kcrypto_<prim>_arch(...)
 *
 * which returns false when it did not do the work: the input is too short
 * to pay off, SIMD is unusable in this context (hardirq, !may_use_simd(),
 * !irq_fpu_usable()), or no variant is selected.  The library then runs
 * the generic code.  The library never passes a hook more than
 * KCRYPTO_SIMD_CHUNK bytes (BLAKE2s: KCRYPTO_SIMD_CHUNK / 64 blocks) in one
 * call, so one kernel_fpu_begin()/kernel_neon_begin() section per call is
 * bounded.  Arch code never calls the library in weak mode.
 *
 * Each hook comes with a const descriptor naming its variants (OpenZFS
 * style implementation table), used for introspection and by the tests to
 * walk every variant, not only the one the CPU would pick.
 */
#ifndef _KCRYPTO_ARCH_H
#define _KCRYPTO_ARCH_H

#include <kcrypto/env.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/x25519.h>

/* Bytes per hook call, hence per SIMD section (preemption off). */
#define KCRYPTO_SIMD_CHUNK	4096

enum kcrypto_prim {
	KCRYPTO_CHACHA,
	KCRYPTO_POLY1305,
	KCRYPTO_BLAKE2S,
	KCRYPTO_X25519,
	KCRYPTO_NR_PRIMS
};

struct module;

struct kcrypto_arch_desc {
	enum kcrypto_prim prim;
	const char *name;		/* module name, e.g. "kcrypto-chacha-x86_64" */
	struct module *owner;		/* THIS_MODULE */
	/* Variant names, best first ("avx512vl", "avx2", ...), NULL-terminated. */
	const char *const *variants;
	/* The CPU can run variant @idx (features present, not masked). */
	bool (*usable)(unsigned int idx);
	/*
	 * @idx < 0: automatic (best usable variant, normal length thresholds).
	 * @idx >= 0: force variant @idx and disable length thresholds, so
	 * tests reach the SIMD code with short inputs.  Returns 0, or
	 * -ENODEV when the variant cannot run here, -EINVAL when out of range.
	 */
	int (*select)(int idx);
	/* Index of the variant in use, or -1 when none. */
	int (*selected)(void);
};

typedef bool kcrypto_chacha_arch_fn(struct kcrypto_chacha_state *st, u8 *dst,
				    const u8 *src, size_t len, int nrounds);
typedef bool kcrypto_poly1305_arch_fn(struct kcrypto_poly1305_state *st,
				      const u8 *src, size_t len, u32 hibit);
typedef bool kcrypto_blake2s_arch_fn(struct kcrypto_blake2s_ctx *ctx,
				     const u8 *block, size_t nblocks, u32 inc);
typedef bool kcrypto_x25519_arch_fn(u8 out[KCRYPTO_X25519_KEY_SIZE],
				    const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
				    const u8 point[KCRYPTO_X25519_KEY_SIZE]);

/* Provided by the arch modules (weak references in kcrypto.ko, weak mode). */
kcrypto_chacha_arch_fn kcrypto_chacha_arch;
kcrypto_poly1305_arch_fn kcrypto_poly1305_arch;
kcrypto_blake2s_arch_fn kcrypto_blake2s_arch;
kcrypto_x25519_arch_fn kcrypto_x25519_arch;
extern const struct kcrypto_arch_desc kcrypto_chacha_arch_desc;
extern const struct kcrypto_arch_desc kcrypto_poly1305_arch_desc;
extern const struct kcrypto_arch_desc kcrypto_blake2s_arch_desc;
extern const struct kcrypto_arch_desc kcrypto_x25519_arch_desc;

#endif /* _KCRYPTO_ARCH_H */
