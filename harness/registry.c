// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The userspace definition of the four dispatch points of
 * lib_crypto/dispatch.h.  In the kernel, lib_crypto/dispatch.c binds them to
 * an arch module (weak hook or ffp); here a runtime index picks the generic
 * code or one core of the arch tables, so tests and benchmarks can walk
 * every core, not only the one the CPU would pick.
 */
#include <kcrypto/cores.h>
#include "dispatch.h"
#include "registry.h"

/* CMake puts arch/<arch> on the include path of this file when it has one. */
#ifdef KCRYPTO_HARNESS_HAVE_CPU_H
#include "cpu.h"
#endif

/*
 * The tables live in arch/<arch>/<prim>-cores.c, which may not exist (yet,
 * or for this arch).  Weak references resolve to NULL when nothing defines
 * them, so the harness links with generic only and picks cores up as soon
 * as CMake finds them in arch/<arch>/sources.cmake.
 */
extern const struct kcrypto_core_table kcrypto_chacha_core_table __attribute__((weak));
extern const struct kcrypto_core_table kcrypto_poly1305_core_table __attribute__((weak));
extern const struct kcrypto_core_table kcrypto_blake2s_core_table __attribute__((weak));
extern const struct kcrypto_core_table kcrypto_x25519_core_table __attribute__((weak));

static const struct kcrypto_core_table *const tables[KCRYPTO_NR_PRIMS] = {
	[KCRYPTO_CHACHA] = &kcrypto_chacha_core_table,
	[KCRYPTO_POLY1305] = &kcrypto_poly1305_core_table,
	[KCRYPTO_BLAKE2S] = &kcrypto_blake2s_core_table,
	[KCRYPTO_X25519] = &kcrypto_x25519_core_table,
};

static int selected[KCRYPTO_NR_PRIMS];

/* Relaxed atomics: a benchmark thread may read while main() selects. */
static inline int impl_of(enum kcrypto_prim prim)
{
	return __atomic_load_n(&selected[prim], __ATOMIC_RELAXED);
}

/* The selected core of @prim, or NULL for generic (index 0 or out of range). */
static const struct kcrypto_impl *selected_core(enum kcrypto_prim prim)
{
	unsigned int i = (unsigned int)impl_of(prim);

	return i ? kcrypto_core_at(tables[prim], i - 1) : NULL;
}

const struct kcrypto_core_table *kcrypto_harness_core_table(enum kcrypto_prim prim)
{
	return (unsigned int)prim < KCRYPTO_NR_PRIMS ? tables[prim] : NULL;
}

/* lib_crypto/aead.h: the kernel's debugfs kcrypto/aead_rejected count. */
static unsigned long aead_rejects;

void kcrypto_aead_rejected(void)
{
	__atomic_fetch_add(&aead_rejects, 1, __ATOMIC_RELAXED);
}

unsigned long kcrypto_harness_aead_rejects(void)
{
	return __atomic_load_n(&aead_rejects, __ATOMIC_RELAXED);
}

void kcrypto_harness_set_impl(enum kcrypto_prim prim, int impl)
{
	if ((unsigned int)prim < KCRYPTO_NR_PRIMS)
		__atomic_store_n(&selected[prim], impl, __ATOMIC_RELAXED);
}

int kcrypto_harness_get_impl(enum kcrypto_prim prim)
{
	return (unsigned int)prim < KCRYPTO_NR_PRIMS ? impl_of(prim) : 0;
}

/* The dispatch points: impl 0 (or anything out of range) runs generic. */

void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			  const u8 *src, size_t len, int nrounds)
{
	const struct kcrypto_impl *core = selected_core(KCRYPTO_CHACHA);

	/* As lib_crypto/dispatch.c: no core sees another round count. */
	if (WARN_ON_ONCE(!kcrypto_chacha_nrounds_ok(nrounds)))
		return;
	if (core)
		container_of(core, struct kcrypto_chacha_core, impl)->crypt(
			st, dst, src, len, nrounds);
	else
		kcrypto_chacha_crypt_generic(st, dst, src, len, nrounds);
}

void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit)
{
	const struct kcrypto_impl *core = selected_core(KCRYPTO_POLY1305);

	if (core)
		container_of(core, struct kcrypto_poly1305_core, impl)->blocks(
			st, src, len, hibit);
	else
		kcrypto_poly1305_blocks_generic(st, src, len, hibit);
}

void kcrypto_blake2s_compress(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			      size_t nblocks, u32 inc)
{
	const struct kcrypto_impl *core = selected_core(KCRYPTO_BLAKE2S);

	if (core)
		container_of(core, struct kcrypto_blake2s_core, impl)->compress(
			ctx, block, nblocks, inc);
	else
		kcrypto_blake2s_compress_generic(ctx, block, nblocks, inc);
}

void kcrypto_x25519_scalarmult(u8 out[KCRYPTO_X25519_KEY_SIZE],
			       const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			       const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	const struct kcrypto_impl *core = selected_core(KCRYPTO_X25519);

	if (core)
		container_of(core, struct kcrypto_x25519_core, impl)->scalarmult(
			out, scalar, point);
	else
		kcrypto_x25519_generic(out, scalar, point);
}

/*
 * The emulation build (KCRYPTO_EMU, harness/emu) compiles the AVX-512/IFMA
 * cores on SIMDe, so it runs them on any CPU: their bits count as present.
 */
#ifndef KCRYPTO_HARNESS_EMULATED_FEATURES
#define KCRYPTO_HARNESS_EMULATED_FEATURES 0
#endif

u32 kcrypto_harness_cpu_detect(void)
{
#ifdef KCRYPTO_HARNESS_HAVE_CPU_H
	return kcrypto_cpu_features() | KCRYPTO_HARNESS_EMULATED_FEATURES;
#else
	return KCRYPTO_HARNESS_EMULATED_FEATURES;
#endif
}
