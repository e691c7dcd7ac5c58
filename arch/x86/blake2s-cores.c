// SPDX-License-Identifier: GPL-2.0 OR MIT
/* x86_64 BLAKE2s cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "blake2s-x86.h"

const struct kcrypto_blake2s_core kcrypto_blake2s_cores[] = {
	{
		.name = "avx512vl",
		.experimental = true,
		.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
			    KCRYPTO_CPU_AVX512VL,
		.compress = kcrypto_blake2s_compress_avx512vl,
	},
	{
		.name = "avx",
		.features = KCRYPTO_CPU_AVX,
		.compress = kcrypto_blake2s_compress_avx,
	},
};

const unsigned int kcrypto_blake2s_nr_cores =
	ARRAY_SIZE(kcrypto_blake2s_cores);
