// SPDX-License-Identifier: GPL-2.0 OR MIT
/* arm64 ChaCha cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

void kcrypto_chacha_crypt_neon(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds);

const struct kcrypto_chacha_core kcrypto_chacha_cores[] = {
	{
		.name = "neon",
		.features = KCRYPTO_CPU_NEON,
		.crypt = kcrypto_chacha_crypt_neon,
	},
};

const unsigned int kcrypto_chacha_nr_cores = ARRAY_SIZE(kcrypto_chacha_cores);
