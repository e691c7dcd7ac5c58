// SPDX-License-Identifier: GPL-2.0 OR MIT
/* 32-bit arm Poly1305 cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "poly1305-arm.h"

const struct kcrypto_poly1305_core kcrypto_poly1305_cores[] = {
	{
		.impl = {
			.name = "neon",
			.features = KCRYPTO_CPU_NEON,
		},
		.blocks = kcrypto_poly1305_arm_neon,
	},
};

const struct kcrypto_core_table kcrypto_poly1305_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_poly1305_cores);
