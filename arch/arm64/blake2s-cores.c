// SPDX-License-Identifier: GPL-2.0 OR MIT
/* arm64 BLAKE2s cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

void kcrypto_blake2s_compress_neon(struct kcrypto_blake2s_ctx *ctx,
				   const u8 *block, size_t nblocks, u32 inc);

const struct kcrypto_blake2s_core kcrypto_blake2s_cores[] = {
	{
		.name = "neon",
		.features = KCRYPTO_CPU_NEON,
		.compress = kcrypto_blake2s_compress_neon,
	},
};

const unsigned int kcrypto_blake2s_nr_cores = ARRAY_SIZE(kcrypto_blake2s_cores);
