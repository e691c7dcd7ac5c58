// SPDX-License-Identifier: GPL-2.0 OR MIT
/* x86_64 ChaCha cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "chacha-x86.h"

const struct kcrypto_chacha_core kcrypto_chacha_cores[] = {
	{
		.impl = {
			.name = "avx512",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512VL | KCRYPTO_CPU_AVX512BW,
			.flags = KCRYPTO_IMPL_EXPERIMENTAL,
		},
		.crypt = kcrypto_chacha_crypt_avx512,
	},
	{
		.impl = {
			.name = "avx512vl",
			.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
				    KCRYPTO_CPU_AVX512VL,
			.flags = KCRYPTO_IMPL_EXPERIMENTAL,
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
