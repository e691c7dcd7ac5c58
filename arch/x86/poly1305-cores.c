// SPDX-License-Identifier: GPL-2.0 OR MIT
/* x86_64 Poly1305 cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "poly1305-x86.h"

const struct kcrypto_poly1305_core kcrypto_poly1305_cores[] = {
	{
		.impl = {
			.name = "avx512ifma",
			.features = KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512IFMA | KCRYPTO_CPU_BMI2,
		},
		.blocks = kcrypto_poly1305_blocks_avx512ifma,
	},
	/*
	 * Experimental: on Zen 4 (512-bit operations in two halves) it is
	 * about 5% behind avx2 from 4 KiB and more below; not yet measured
	 * on a CPU with full-width AVX-512 and without IFMA.
	 */
	{
		.impl = {
			.name = "avx512",
			.features = KCRYPTO_CPU_AVX512F | KCRYPTO_CPU_BMI2,
			.flags = KCRYPTO_IMPL_EXPERIMENTAL,
		},
		.blocks = kcrypto_poly1305_blocks_avx512,
	},
	{
		.impl = {
			.name = "avx2",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_BMI2,
		},
		.blocks = kcrypto_poly1305_blocks_avx2,
	},
	{
		.impl = {
			.name = "bmi2",
			.features = KCRYPTO_CPU_BMI2,
		},
		.blocks = kcrypto_poly1305_blocks_bmi2,
	},
};

const struct kcrypto_core_table kcrypto_poly1305_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_poly1305_cores);
