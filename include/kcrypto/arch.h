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
 * Each hook comes with a const descriptor, kcrypto_<prim>_arch_desc: the
 * primitive, the module, its core selector (include/kcrypto/select.h, over
 * the core table of include/kcrypto/cores.h) and the hook itself.  The
 * library reads it for introspection and ffp plugging, and the tests walk
 * every core through it (kcrypto_arch_select(), include/kcrypto/bindings.h),
 * not only the one the CPU would pick.
 */
#ifndef _KCRYPTO_ARCH_H
#define _KCRYPTO_ARCH_H

#include <kcrypto/env.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/x25519.h>
#include <kcrypto/prims.h>

/* Bytes per hook call, hence per SIMD section (preemption off). */
#define KCRYPTO_SIMD_CHUNK	4096

struct module;
struct kcrypto_selector;

typedef bool kcrypto_chacha_arch_fn(struct kcrypto_chacha_state *st, u8 *dst,
				    const u8 *src, size_t len, int nrounds);
typedef bool kcrypto_poly1305_arch_fn(struct kcrypto_poly1305_state *st,
				      const u8 *src, size_t len, u32 hibit);
typedef bool kcrypto_blake2s_arch_fn(struct kcrypto_blake2s_ctx *ctx,
				     const u8 *block, size_t nblocks, u32 inc);
typedef bool kcrypto_x25519_arch_fn(u8 out[KCRYPTO_X25519_KEY_SIZE],
				    const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
				    const u8 point[KCRYPTO_X25519_KEY_SIZE]);

struct kcrypto_arch_desc {
	enum kcrypto_prim prim;
	const char *name;		/* module name, e.g. "kcrypto-chacha-x86_64" */
	struct module *owner;		/* THIS_MODULE */
	struct kcrypto_selector *sel;	/* which core of its table runs */
	union {				/* the hook; set the member of @prim */
		kcrypto_chacha_arch_fn *chacha;
		kcrypto_poly1305_arch_fn *poly1305;
		kcrypto_blake2s_arch_fn *blake2s;
		kcrypto_x25519_arch_fn *x25519;
		const void *any;	/* what kcrypto_arch_plug() reads */
	} hook;
};

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
