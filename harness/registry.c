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

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#if defined(__arm__) && !defined(__aarch64__)
#include <sys/auxv.h>
#include <asm/hwcap.h>
#endif

/*
 * The tables live in arch/<arch>/<prim>-cores.c, which may not exist (yet,
 * or for this arch).  Weak references resolve to NULL when nothing defines
 * them, so the harness links with generic only and picks cores up as soon
 * as CMake finds them in arch/<arch>/sources.cmake.
 */
extern const struct kcrypto_chacha_core kcrypto_chacha_cores[] __attribute__((weak));
extern const unsigned int kcrypto_chacha_nr_cores __attribute__((weak));
extern const struct kcrypto_poly1305_core kcrypto_poly1305_cores[] __attribute__((weak));
extern const unsigned int kcrypto_poly1305_nr_cores __attribute__((weak));
extern const struct kcrypto_blake2s_core kcrypto_blake2s_cores[] __attribute__((weak));
extern const unsigned int kcrypto_blake2s_nr_cores __attribute__((weak));
extern const struct kcrypto_x25519_core kcrypto_x25519_cores[] __attribute__((weak));
extern const unsigned int kcrypto_x25519_nr_cores __attribute__((weak));

static int selected[KCRYPTO_HARNESS_NR_PRIMS];

/* Relaxed atomics: a benchmark thread may read while main() selects. */
static inline int impl_of(enum kcrypto_harness_prim prim)
{
	return __atomic_load_n(&selected[prim], __ATOMIC_RELAXED);
}

unsigned int kcrypto_harness_nr_cores(enum kcrypto_harness_prim prim)
{
	const unsigned int *nr = NULL;
	const void *table = NULL;

	switch (prim) {
	case KCRYPTO_HARNESS_CHACHA:
		nr = &kcrypto_chacha_nr_cores;
		table = kcrypto_chacha_cores;
		break;
	case KCRYPTO_HARNESS_POLY1305:
		nr = &kcrypto_poly1305_nr_cores;
		table = kcrypto_poly1305_cores;
		break;
	case KCRYPTO_HARNESS_BLAKE2S:
		nr = &kcrypto_blake2s_nr_cores;
		table = kcrypto_blake2s_cores;
		break;
	case KCRYPTO_HARNESS_X25519:
		nr = &kcrypto_x25519_nr_cores;
		table = kcrypto_x25519_cores;
		break;
	default:
		return 0;
	}
	/* A count without its table (or the reverse) counts as no cores. */
	return nr && table ? *nr : 0;
}

const char *kcrypto_harness_core_name(enum kcrypto_harness_prim prim,
				      unsigned int i)
{
	if (i >= kcrypto_harness_nr_cores(prim))
		return NULL;
	switch (prim) {
	case KCRYPTO_HARNESS_CHACHA:
		return kcrypto_chacha_cores[i].name;
	case KCRYPTO_HARNESS_POLY1305:
		return kcrypto_poly1305_cores[i].name;
	case KCRYPTO_HARNESS_BLAKE2S:
		return kcrypto_blake2s_cores[i].name;
	case KCRYPTO_HARNESS_X25519:
		return kcrypto_x25519_cores[i].name;
	default:
		return NULL;
	}
}

u32 kcrypto_harness_core_features(enum kcrypto_harness_prim prim,
				  unsigned int i)
{
	if (i >= kcrypto_harness_nr_cores(prim))
		return 0;
	switch (prim) {
	case KCRYPTO_HARNESS_CHACHA:
		return kcrypto_chacha_cores[i].features;
	case KCRYPTO_HARNESS_POLY1305:
		return kcrypto_poly1305_cores[i].features;
	case KCRYPTO_HARNESS_BLAKE2S:
		return kcrypto_blake2s_cores[i].features;
	case KCRYPTO_HARNESS_X25519:
		return kcrypto_x25519_cores[i].features;
	default:
		return 0;
	}
}

void kcrypto_harness_set_impl(enum kcrypto_harness_prim prim, int impl)
{
	if ((unsigned int)prim < KCRYPTO_HARNESS_NR_PRIMS)
		__atomic_store_n(&selected[prim], impl, __ATOMIC_RELAXED);
}

int kcrypto_harness_get_impl(enum kcrypto_harness_prim prim)
{
	return (unsigned int)prim < KCRYPTO_HARNESS_NR_PRIMS ? impl_of(prim) : 0;
}

/* The dispatch points: impl 0 (or anything out of range) runs generic. */

void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			  const u8 *src, size_t len, int nrounds)
{
	unsigned int i = (unsigned int)impl_of(KCRYPTO_HARNESS_CHACHA);

	/* As lib_crypto/dispatch.c: no core sees another round count. */
	if (WARN_ON_ONCE(!kcrypto_chacha_nrounds_ok(nrounds)))
		return;
	if (i && i <= kcrypto_harness_nr_cores(KCRYPTO_HARNESS_CHACHA))
		kcrypto_chacha_cores[i - 1].crypt(st, dst, src, len, nrounds);
	else
		kcrypto_chacha_crypt_generic(st, dst, src, len, nrounds);
}

void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit)
{
	unsigned int i = (unsigned int)impl_of(KCRYPTO_HARNESS_POLY1305);

	if (i && i <= kcrypto_harness_nr_cores(KCRYPTO_HARNESS_POLY1305))
		kcrypto_poly1305_cores[i - 1].blocks(st, src, len, hibit);
	else
		kcrypto_poly1305_blocks_generic(st, src, len, hibit);
}

void kcrypto_blake2s_compress(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			      size_t nblocks, u32 inc)
{
	unsigned int i = (unsigned int)impl_of(KCRYPTO_HARNESS_BLAKE2S);

	if (i && i <= kcrypto_harness_nr_cores(KCRYPTO_HARNESS_BLAKE2S))
		kcrypto_blake2s_cores[i - 1].compress(ctx, block, nblocks, inc);
	else
		kcrypto_blake2s_compress_generic(ctx, block, nblocks, inc);
}

void kcrypto_x25519_scalarmult(u8 out[KCRYPTO_X25519_KEY_SIZE],
			       const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			       const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	unsigned int i = (unsigned int)impl_of(KCRYPTO_HARNESS_X25519);

	if (i && i <= kcrypto_harness_nr_cores(KCRYPTO_HARNESS_X25519))
		kcrypto_x25519_cores[i - 1].scalarmult(out, scalar, point);
	else
		kcrypto_x25519_generic(out, scalar, point);
}

u32 kcrypto_harness_cpu_detect(void)
{
	u32 f = 0;

#if defined(__x86_64__) || defined(__i386__)
	unsigned int eax, ebx, ecx, edx;

	/* libgcc also checks XCR0, so AVX* bits mean "usable", not just "present". */
	__builtin_cpu_init();
	if (__builtin_cpu_supports("ssse3"))
		f |= KCRYPTO_CPU_SSSE3;
	if (__builtin_cpu_supports("avx"))
		f |= KCRYPTO_CPU_AVX;
	if (__builtin_cpu_supports("avx2"))
		f |= KCRYPTO_CPU_AVX2;
	if (__builtin_cpu_supports("avx512f"))
		f |= KCRYPTO_CPU_AVX512F;
	if (__builtin_cpu_supports("avx512vl"))
		f |= KCRYPTO_CPU_AVX512VL;
	if (__builtin_cpu_supports("avx512bw"))
		f |= KCRYPTO_CPU_AVX512BW;
	if (__builtin_cpu_supports("avx512ifma"))
		f |= KCRYPTO_CPU_AVX512IFMA;
	if (__builtin_cpu_supports("bmi2"))
		f |= KCRYPTO_CPU_BMI2;
	/* clang 14 has no "adx" feature string: CPUID.(7,0):EBX bit 19 */
	if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & bit_ADX))
		f |= KCRYPTO_CPU_ADX;
#elif defined(__aarch64__)
	/* Advanced SIMD is mandatory in the AArch64 application profile. */
	f |= KCRYPTO_CPU_NEON;
#elif defined(__arm__)
	if (getauxval(AT_HWCAP) & HWCAP_NEON)
		f |= KCRYPTO_CPU_NEON;
#endif
	return f;
}
