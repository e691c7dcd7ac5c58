// SPDX-License-Identifier: GPL-2.0 OR MIT
/* x86_64 ChaCha cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "chacha-x86.h"

const struct kcrypto_chacha_core kcrypto_chacha_cores[] = {
	{
		.name = "avx512",
		.experimental = true,
		.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
			    KCRYPTO_CPU_AVX512VL | KCRYPTO_CPU_AVX512BW,
		.crypt = kcrypto_chacha_crypt_avx512,
	},
	{
		.name = "avx512vl",
		.experimental = true,
		.features = KCRYPTO_CPU_AVX2 | KCRYPTO_CPU_AVX512F |
			    KCRYPTO_CPU_AVX512VL,
		.crypt = kcrypto_chacha_crypt_avx512vl,
	},
	{
		.name = "avx2",
		.features = KCRYPTO_CPU_AVX2,
		.crypt = kcrypto_chacha_crypt_avx2,
	},
	{
		.name = "ssse3",
		.features = KCRYPTO_CPU_SSSE3,
		.crypt = kcrypto_chacha_crypt_ssse3,
	},
};

const unsigned int kcrypto_chacha_nr_cores = ARRAY_SIZE(kcrypto_chacha_cores);
