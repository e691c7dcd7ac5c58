// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * arm64 Poly1305 cores, best first (see include/kcrypto/cores.h).  The
 * 64-bit scalar code is not a variant: under -icount it ran 1.03x the
 * instructions of the library's generic code (the same radix 2^64
 * arithmetic), so short inputs go to generic and it only serves the NEON
 * core (tails, powers of r).
 */
#include <kcrypto/cores.h>

#include "poly1305-arm64.h"

const struct kcrypto_poly1305_core kcrypto_poly1305_cores[] = {
	{
		.impl = {
			.name = "neon",
			.features = KCRYPTO_CPU_NEON,
		},
		.blocks = kcrypto_poly1305_arm64_neon,
	},
};

const struct kcrypto_core_table kcrypto_poly1305_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_poly1305_cores);
