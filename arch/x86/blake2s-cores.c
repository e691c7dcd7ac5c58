// SPDX-License-Identifier: GPL-2.0 OR MIT
/* x86_64 BLAKE2s cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "blake2s-x86.h"

const struct kcrypto_blake2s_core kcrypto_blake2s_cores[] = {
	{
		.impl = {
			.name = "avx512vl",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512VL,
			.flags = KCRYPTO_IMPL_EXPERIMENTAL,
		},
		.compress = kcrypto_blake2s_compress_avx512vl,
	},
	{
		.impl = {
			.name = "avx",
			.features = KCRYPTO_CPU_AVX,
		},
		.compress = kcrypto_blake2s_compress_avx,
	},
};

const struct kcrypto_core_table kcrypto_blake2s_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_blake2s_cores);
