// SPDX-License-Identifier: GPL-2.0 OR MIT
/* 32-bit arm X25519 cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "x25519-arm.h"

const struct kcrypto_x25519_core kcrypto_x25519_cores[] = {
	{
		.name = "neon",
		.features = KCRYPTO_CPU_NEON,
		.scalarmult = kcrypto_x25519_arm_neon,
	},
};

const unsigned int kcrypto_x25519_nr_cores = ARRAY_SIZE(kcrypto_x25519_cores);
