/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* arm64 CPU features as KCRYPTO_CPU_* bits (kernel glue and harness). */
#ifndef _KCRYPTO_ARM64_CPU_H
#define _KCRYPTO_ARM64_CPU_H

#include <kcrypto/cores.h>

#ifdef __KERNEL__
#include <asm/cpufeature.h>

static inline u32 kcrypto_cpu_features(void)
{
	return cpu_have_named_feature(ASIMD) ? KCRYPTO_CPU_NEON : 0;
}
#else
/* Advanced SIMD is mandatory in the AArch64 Linux ABI. */
static inline u32 kcrypto_cpu_features(void)
{
	return KCRYPTO_CPU_NEON;
}
#endif

#endif /* _KCRYPTO_ARM64_CPU_H */
