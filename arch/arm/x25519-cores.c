// SPDX-License-Identifier: GPL-2.0 OR MIT
/* 32-bit arm X25519 cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "x25519-arm.h"

const struct kcrypto_x25519_core kcrypto_x25519_cores[] = {
	{
		.impl = {
			.name = "neon",
			.features = KCRYPTO_CPU_NEON,
		},
		.scalarmult = kcrypto_x25519_arm_neon,
	},
};

const struct kcrypto_core_table kcrypto_x25519_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_x25519_cores);
