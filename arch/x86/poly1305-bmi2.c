// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 block function, radix 2^64, for x86_64 with BMI2.
 *
 * The canonical state is already in this radix: h = h0 + h1 2^64 + h2 2^128
 * and r = r0 + r1 2^64.  mulx (BMI2) takes its implicit operand in rdx and
 * leaves the flags alone, which lets the compiler schedule the four
 * products and their carry chains freely.  Only integer registers: this
 * core needs no kernel_fpu_begin().
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

#include "poly1305-x86.h"
#include "isa.h"

KCRYPTO_ISA_BEGIN("bmi2")

/**
 * kcrypto_poly1305_blocks_bmi2() - absorb full blocks, radix 2^64
 * @st: canonical state, h2 <= 7 on entry, h2 <= 4 on return
 * @src: message blocks
 * @len: a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_bmi2(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit)
{
	poly1305_x86_blocks_scalar(st, src, len, hibit);
}

KCRYPTO_ISA_END()
