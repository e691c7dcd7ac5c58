// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Workload for counting instructions of one Poly1305 block function
 * under qemu-user (see poly1305-count.sh): "poly1305-count CORE LEN
 * ITERS" runs the core (-1: generic) ITERS times over LEN bytes; the
 * script subtracts a run with ITERS = 0.
 */
#include <kcrypto/cores.h>
#include <stdio.h>
#include <stdlib.h>

void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit);
void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit)
{
	kcrypto_poly1305_blocks_generic(st, src, len, hibit);
}

static u8 buf[16384];

int main(int argc, char **argv)
{
	struct kcrypto_poly1305_state st = {
		{ 1, 2, 3 }, { 0x0ffffffc0fffffffULL, 0x0ffffffc0ffffffcULL }
	};
	int core, iters, i;
	size_t len;

	if (argc < 4)
		return 2;
	core = atoi(argv[1]);
	len = strtoul(argv[2], NULL, 0);
	iters = atoi(argv[3]);
	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (u8)(i * 7);
	for (i = 0; i < iters; i++) {
		if (core < 0)
			kcrypto_poly1305_blocks_generic(&st, buf, len, 1);
		else
			kcrypto_poly1305_cores[core].blocks(&st, buf, len, 1);
	}
	return (int)(st.h[0] & 1) + 4;
}
