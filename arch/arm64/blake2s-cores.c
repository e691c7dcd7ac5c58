// SPDX-License-Identifier: GPL-2.0 OR MIT
/* arm64 BLAKE2s cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

void kcrypto_blake2s_compress_neon(struct kcrypto_blake2s_ctx *ctx,
				   const u8 *block, size_t nblocks, u32 inc);

const struct kcrypto_blake2s_core kcrypto_blake2s_cores[] = {
	{
		.impl = {
			.name = "neon",
			.features = KCRYPTO_CPU_NEON,
		},
		.compress = kcrypto_blake2s_compress_neon,
	},
};

const struct kcrypto_core_table kcrypto_blake2s_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_blake2s_cores);
