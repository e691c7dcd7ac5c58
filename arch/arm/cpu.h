/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* 32-bit arm CPU features as KCRYPTO_CPU_* bits (kernel glue and harness). */
#ifndef _KCRYPTO_ARM_CPU_H
#define _KCRYPTO_ARM_CPU_H

#include <kcrypto/cores.h>

#ifdef __KERNEL__
#include <asm/neon.h>

static inline u32 kcrypto_cpu_features(void)
{
	return cpu_has_neon() ? KCRYPTO_CPU_NEON : 0;
}
#else
#include <sys/auxv.h>

static inline u32 kcrypto_cpu_features(void)
{
	return (getauxval(AT_HWCAP) & 4096 /* HWCAP_NEON */) ? KCRYPTO_CPU_NEON : 0;
}
#endif

#endif /* _KCRYPTO_ARM_CPU_H */
