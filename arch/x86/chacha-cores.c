// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * x86_64 ChaCha cores, best first (see include/kcrypto/cores.h).
 *
 * Measured in userspace on AMD Zen 4 (Documentation/performance.md): the
 * 512-bit core is the fastest from 128 bytes on (16 KiB: 0.65 cycles/byte
 * against 0.84 for AVX-512VL on ymm and 1.02 for AVX2), but it needs
 * KCRYPTO_CPU_ZMM: on the Intel models that lower their clock on zmm
 * (arch/x86/cpu.h) the automatic choice is the AVX-512VL core on ymm,
 * whose instructions keep the clock.  Short inputs take narrower paths
 * inside each core (one block: the 4x4 row form in xmm; up to four
 * blocks: rows in ymm or zmm), so no core loses to a narrower one at any
 * size.
 */
#include <kcrypto/cores.h>

#include "chacha-x86.h"

const struct kcrypto_chacha_core kcrypto_chacha_cores[] = {
	{
		.impl = {
			.name = "avx512",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512VL | KCRYPTO_CPU_AVX512BW |
				    KCRYPTO_CPU_ZMM,
		},
		.crypt = kcrypto_chacha_crypt_avx512,
	},
	{
		.impl = {
			.name = "avx512vl",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512VL,
		},
		.crypt = kcrypto_chacha_crypt_avx512vl,
	},
	{
		.impl = {
			.name = "avx2",
			.features = KCRYPTO_CPU_AVX2,
		},
		.crypt = kcrypto_chacha_crypt_avx2,
	},
	{
		.impl = {
			.name = "ssse3",
			.features = KCRYPTO_CPU_SSSE3,
		},
		.crypt = kcrypto_chacha_crypt_ssse3,
	},
};

const struct kcrypto_core_table kcrypto_chacha_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_chacha_cores);
