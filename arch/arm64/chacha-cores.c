// SPDX-License-Identifier: GPL-2.0 OR MIT
/* arm64 ChaCha cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

void kcrypto_chacha_crypt_neon(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds);

const struct kcrypto_chacha_core kcrypto_chacha_cores[] = {
	{
		.impl = {
			.name = "neon",
			.features = KCRYPTO_CPU_NEON,
		},
		.crypt = kcrypto_chacha_crypt_neon,
	},
};

const struct kcrypto_core_table kcrypto_chacha_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_chacha_cores);
