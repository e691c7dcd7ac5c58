// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 blocks with arm64 NEON, radix 2^26, eight blocks (128 bytes)
 * per step: the body is arch/neon/poly1305-neon.h.  The four even powers
 * of r of each limb share one q register, so the products take them with
 * umull/umlal/umlal2 by element and the loop holds all powers in
 * registers.  Inputs below one step, and the blocks after the last full
 * step, go to the 64-bit scalar code, which also computes the powers.
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/cores.h>

#include "poly1305-arm64.h"

#define PN_PAIRS			4
#define pn_pow_t			uint32x4_t
#define pn_pow_load_even(p)		vld2q_u32(p).val[0]
#define pn_pow_set_lane0(x, v)		vsetq_lane_u32(v, x, 0)
#define pn_pow_add(x, y)		vaddq_u32(x, y)
#define pn_pow_shl2(x)			vshlq_n_u32(x, 2)
#define PN_MULL(x, P, k)		vmull_laneq_u32(x, P, k)
#define PN_MLAL(a, x, P, k)		vmlal_laneq_u32(a, x, P, k)
#define PN_MLAL_HI(a, q, P, k)		vmlal_high_laneq_u32(a, q, P, k)
#define PN_ADDW_HI(a, q)		vaddw_high_u32(a, q)
#define PN_HAVE_LOOP

#include "../neon/poly1305-neon.h"

/*
 * The loop over full steps, in asm: with GCC's own register allocation
 * the 32 registers this step needs (powers 9, h 5, column sums 5, message
 * limbs 9, constants 2) come out with some twenty extra moves and spills
 * per step, a quarter of the work.  Fixed assignment:
 *   v0-v4   G0..G4 (.2s)
 *   v5-v9   R0..R4, lanes r^8 r^6 r^4 r^2 of limb j (lane 0 r^6 on the
 *           first step)
 *   v10-v13 S1..S4 = 5 R1..5 R4
 *   v14     hibit << 24 (.4s),  v15  2^26 - 1 (.2d)
 *   v16-v19 four blocks (ld4: word k of each block in v16+k), then limb 0
 *           in v16 and limbs 1..4 in v26-v29
 *   v20-v24 column sums d0..d4 (.2d),  v30 carry temporary
 */
#define PA_T(op, d, x, p, k)	op "\t" d ".2d, " x ", " p ".s[" k "]\n\t"
#define PA_MAC(op1, op, sfx, x0, x1, x2, x3, x4, k)			\
	PA_T(op1, "v20", x0 sfx, "v5", k)				\
	PA_T(op1, "v21", x0 sfx, "v6", k)				\
	PA_T(op1, "v22", x0 sfx, "v7", k)				\
	PA_T(op1, "v23", x0 sfx, "v8", k)				\
	PA_T(op1, "v24", x0 sfx, "v9", k)				\
	PA_T(op, "v20", x1 sfx, "v13", k)				\
	PA_T(op, "v21", x1 sfx, "v5", k)				\
	PA_T(op, "v22", x1 sfx, "v6", k)				\
	PA_T(op, "v23", x1 sfx, "v7", k)				\
	PA_T(op, "v24", x1 sfx, "v8", k)				\
	PA_T(op, "v20", x2 sfx, "v12", k)				\
	PA_T(op, "v21", x2 sfx, "v13", k)				\
	PA_T(op, "v22", x2 sfx, "v5", k)				\
	PA_T(op, "v23", x2 sfx, "v6", k)				\
	PA_T(op, "v24", x2 sfx, "v7", k)				\
	PA_T(op, "v20", x3 sfx, "v11", k)				\
	PA_T(op, "v21", x3 sfx, "v12", k)				\
	PA_T(op, "v22", x3 sfx, "v13", k)				\
	PA_T(op, "v23", x3 sfx, "v5", k)				\
	PA_T(op, "v24", x3 sfx, "v6", k)				\
	PA_T(op, "v20", x4 sfx, "v10", k)				\
	PA_T(op, "v21", x4 sfx, "v11", k)				\
	PA_T(op, "v22", x4 sfx, "v12", k)				\
	PA_T(op, "v23", x4 sfx, "v13", k)				\
	PA_T(op, "v24", x4 sfx, "v5", k)

/* Four blocks from [src], src += 64, split into 26-bit limbs. */
#define PA_LOAD								\
	"ld4	{v16.4s - v19.4s}, [%[src]], #64\n\t"			\
	"ushr	v26.4s, v16.4s, #26\n\t"				\
	"ushr	v27.4s, v17.4s, #20\n\t"				\
	"ushr	v28.4s, v18.4s, #14\n\t"				\
	"ushr	v29.4s, v19.4s, #8\n\t"					\
	"sli	v26.4s, v17.4s, #6\n\t"					\
	"sli	v27.4s, v18.4s, #12\n\t"				\
	"sli	v28.4s, v19.4s, #18\n\t"				\
	"orr	v29.16b, v29.16b, v14.16b\n\t"				\
	"bic	v16.4s, #0xfc, lsl #24\n\t"				\
	"bic	v26.4s, #0xfc, lsl #24\n\t"				\
	"bic	v27.4s, #0xfc, lsl #24\n\t"				\
	"bic	v28.4s, #0xfc, lsl #24\n\t"

/* d_i += d_(i-1) >> 26, d_(i-1) &= 2^26 - 1 */
#define PA_CARRY(from, to)						\
	"usra	" to ".2d, " from ".2d, #26\n\t"			\
	"and	" from ".16b, " from ".16b, v15.16b\n\t"

static void pn_loop(uint32x2_t g[5], const u8 *src, size_t n,
		    const uint32x4_t R[5], const uint32x4_t S[5], u32 hibit)
{
	uint32x4_t pw[9] = { R[0], R[1], R[2], R[3], R[4],
			     S[1], S[2], S[3], S[4] };
	uint32x2_t hv[5] = { g[0], g[1], g[2], g[3], g[4] };
	const uint32x4_t *pp = pw;
	uint32x2_t *hp = hv;

	asm volatile("ld1	{v5.4s - v8.4s}, [%[pw]], #64\n\t"
	"ld1	{v9.4s - v12.4s}, [%[pw]], #64\n\t"
	"ld1	{v13.4s}, [%[pw]]\n\t"
	"ld1	{v0.2s - v3.2s}, [%[h]]\n\t"
	"ldr	d4, [%[h], #32]\n\t"
	"dup	v14.4s, %w[hib]\n\t"
	"movi	v15.2d, #0xffffffff\n\t"
	"ushr	v15.2d, v15.2d, #6\n"
	"1:\n\t"
	PA_MAC("umull", "umlal", ".2s", "v0", "v1", "v2", "v3", "v4", "0")
	PA_LOAD
	PA_MAC("umlal", "umlal", ".2s", "v16", "v26", "v27", "v28", "v29",
	       "1")
	PA_MAC("umlal2", "umlal2", ".4s", "v16", "v26", "v27", "v28", "v29",
	       "2")
	PA_LOAD
	PA_MAC("umlal", "umlal", ".2s", "v16", "v26", "v27", "v28", "v29",
	       "3")
	"uaddw2	v20.2d, v20.2d, v16.4s\n\t"
	"uaddw2	v21.2d, v21.2d, v26.4s\n\t"
	"uaddw2	v22.2d, v22.2d, v27.4s\n\t"
	"uaddw2	v23.2d, v23.2d, v28.4s\n\t"
	"uaddw2	v24.2d, v24.2d, v29.4s\n\t"
	/* lazy carry, as pn_vcarry() */
	PA_CARRY("v20", "v21")
	PA_CARRY("v23", "v24")
	PA_CARRY("v21", "v22")
	"ushr	v30.2d, v24.2d, #26\n\t"
	"and	v24.16b, v24.16b, v15.16b\n\t"
	"add	v20.2d, v20.2d, v30.2d\n\t"
	"shl	v30.2d, v30.2d, #2\n\t"
	"add	v20.2d, v20.2d, v30.2d\n\t"
	PA_CARRY("v22", "v23")
	PA_CARRY("v20", "v21")
	PA_CARRY("v23", "v24")
	"xtn	v0.2s, v20.2d\n\t"
	"xtn	v1.2s, v21.2d\n\t"
	"xtn	v2.2s, v22.2d\n\t"
	"xtn	v3.2s, v23.2d\n\t"
	"xtn	v4.2s, v24.2d\n\t"
	"subs	%[n], %[n], #1\n\t"
	"b.ne	1b\n\t"
	"st1	{v0.2s - v3.2s}, [%[h]]\n\t"
	"str	d4, [%[h], #32]\n\t"
	: [src] "+r" (src), [n] "+r" (n), [pw] "+r" (pp)
	: [h] "r" (hp), [hib] "r" (hibit << 24)
	: "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9",
	  "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18",
	  "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27",
	  "v28", "v29", "v30", "v31", "cc", "memory");

	g[0] = hv[0];
	g[1] = hv[1];
	g[2] = hv[2];
	g[3] = hv[3];
	g[4] = hv[4];
	memzero_explicit(pw, sizeof(pw));
}

static void pn_tail(struct kcrypto_poly1305_state *st, const u8 *src,
		    size_t len, u32 hibit)
{
	kcrypto_poly1305_arm64_scalar(st, src, len, hibit);
}

/* Limbs of the radix 2^64 @v into column @k of T. */
static __always_inline void pn_put(u32 T[5][2 * PN_PAIRS], int k,
				   const u64 v[3])
{
	T[0][k] = (u32)v[0] & PN_M26;
	T[1][k] = (u32)(v[0] >> 26) & PN_M26;
	T[2][k] = (u32)((v[0] >> 52) | (v[1] << 12)) & PN_M26;
	T[3][k] = (u32)(v[1] >> 14) & PN_M26;
	T[4][k] = (u32)((v[1] >> 40) | (v[2] << 24));
}

/*
 * T[j][k] = limb j of r^(8 - k) for k = 0, 2, 4, 6, 7, by repeated
 * multiplication by r in radix 2^64 (cheaper than in 26-bit limbs).
 */
static void pn_powers(u32 T[5][2 * PN_PAIRS],
		      const struct kcrypto_poly1305_state *st)
{
	const u64 r0 = st->r[0], r1 = st->r[1], s1 = r1 + (r1 >> 2);
	u64 v[3] = { r0, r1, 0 };

	pn_put(T, 7, v);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	pn_put(T, 6, v);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	pn_put(T, 4, v);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	pn_put(T, 2, v);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	kcrypto_poly1305_arm64_mulr(v, r0, r1, s1);
	pn_put(T, 0, v);
	memzero_explicit(v, sizeof(v));
}

/**
 * kcrypto_poly1305_arm64_neon() - absorb full blocks, NEON
 * @st: canonical state (h[2] <= 7 on entry and on return)
 * @src: message blocks, any alignment
 * @len: number of bytes, a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 *
 * Call between kernel_neon_begin() and kernel_neon_end().
 */
void kcrypto_poly1305_arm64_neon(struct kcrypto_poly1305_state *st,
				 const u8 *src, size_t len, u32 hibit)
{
	pn_blocks(st, src, len, hibit);
}
