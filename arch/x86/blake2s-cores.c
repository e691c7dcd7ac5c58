// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * x86_64 BLAKE2s cores, best first (see include/kcrypto/cores.h).
 *
 * One message is one chain of dependent G steps, so a core's time per
 * block is the latency of that chain.  Measured in userspace on AMD Zen 4
 * (Documentation/performance.md): AVX-512VL about 326 cycles per block,
 * AVX 352, the generic C code 376, at every size from one block up.
 */
#include <kcrypto/cores.h>

#include "blake2s-x86.h"

const struct kcrypto_blake2s_core kcrypto_blake2s_cores[] = {
	{
		.impl = {
			.name = "avx512vl",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512VL,
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
