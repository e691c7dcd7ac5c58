// SPDX-License-Identifier: GPL-2.0 OR MIT
/* x86_64 X25519 cores, best first (see include/kcrypto/cores.h). */
#include <kcrypto/cores.h>

#include "x25519-x86.h"

const struct kcrypto_x25519_core kcrypto_x25519_cores[] = {
	{
		.impl = {
			.name = "bmi2-adx",
			.features = KCRYPTO_CPU_BMI2 | KCRYPTO_CPU_ADX,
		},
		.scalarmult = kcrypto_x25519_adx,
	},
};

const struct kcrypto_core_table kcrypto_x25519_core_table =
	KCRYPTO_CORE_TABLE(kcrypto_x25519_cores);
