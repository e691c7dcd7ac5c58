// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Cross test under qemu-user: no powers of r on the stack after an arch
 * Poly1305 core returns.  Each core runs on a zeroed stack of ours, which
 * is then searched (stackscan.h) for the tables of powers of r the NEON
 * code builds, and for any 26-bit limb of r, r^2, ..., r^8 or 5 times one.
 * The x86 cores get the same check in harness/tests/wipe_test.cc.
 *
 * cross: lib=poly1305 prims=poly1305
 *
 * Usage: stackwipe-test     (prints "N passed, N failed")
 */
#include <kcrypto/cores.h>
#include <kcrypto/poly1305.h>
#include "cpu.h"
#include "cross-util.h"
#include "stackscan.h"

struct job {
	const struct kcrypto_poly1305_core *core;
	struct kcrypto_poly1305_state *st;
	const u8 *msg;
	size_t len;
};

static void run_core(void *arg)
{
	struct job *j = arg;

	j->core->blocks(j->st, j->msg, j->len, 1);
}

/*
 * The tables of arch/neon/poly1305-neon.h as laid out in memory, lane by
 * lane (the power of r in each 32-bit lane, 0 for an unused entry): the
 * rows T[j] of pn_powers(), and on arm64 the multipliers R[j], S[j] = 5
 * R[j] (pn_mults(), copied to pw[] by pn_loop()).  On 32-bit arm R and S
 * are 8-byte vectors, which a spilled register holds as well.
 */
#ifdef __aarch64__
static const int tables[][4] = { { 8, 0, 6, 0 }, { 4, 0, 2, 1 },
				 { 8, 6, 4, 2 }, { 6, 6, 4, 2 } };
#define NR_TABLES	4
#define NR_MULTS	2	/* the last two are also taken 5 times */
#else
static const int tables[][4] = { { 4, 0, 2, 1 } };
#define NR_TABLES	1
#define NR_MULTS	0
#endif

static void check_core(const struct kcrypto_poly1305_core *core, u8 *stack,
		       u8 *copy)
{
	/* One step and more, with and without blocks after the last step. */
	static const size_t lens[] = { 16, 64, 128, 256, 1024, 4096, 4096 - 16 };
	struct kcrypto_poly1305_ctx ctx;
	struct stackscan_set limbs, rows;
	u8 key[32], msg[4096];
	unsigned int i;
	int t, j;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		struct job jb = { core, &ctx.st, msg, lens[i] };
		uint32_t tag = 0;
		size_t used;
		long off;

		rndbytes(key, sizeof(key));
		rndbytes(msg, lens[i]);
		kcrypto_poly1305_init(&ctx, key);
		stackscan_init(&limbs, 4);
		stackscan_poly1305(&limbs, ctx.st.r, 8);
		stackscan_init(&rows, 16);
		for (t = 0; t < NR_TABLES; t++) {
			for (j = 0; j < 5; j++) {
				stackscan_poly1305_vec(&rows, ctx.st.r, tables[t], j, 1, t);
				if (t >= NR_TABLES - NR_MULTS)
					stackscan_poly1305_vec(&rows, ctx.st.r, tables[t],
							       j, 5, t);
			}
		}
		stackscan_sort(&rows);

		used = stackscan_run(stack, copy, run_core, &jb);
		CHECK(used > 0, "%s: could not run on our stack", core->impl.name);

		/* A table of powers: never. */
		off = stackscan_find(&rows, copy, used, 0, &tag);
		CHECK(off < 0, "%s len %zu: table of powers (%d, %d, %d, %d) x %u, limb %u, %ld bytes below the caller's frame",
		      core->impl.name, lens[i], tables[tag >> 16][0], tables[tag >> 16][1],
		      tables[tag >> 16][2], tables[tag >> 16][3], tag & 255,
		      tag >> 8 & 255, (long)used - off);

		/*
		 * Any limb of a power.  On 32-bit arm some stay behind in
		 * compiler spill slots (sixteen q registers for nine power
		 * vectors and the column sums; the scalar tail's fourteen r
		 * and h limbs), which C cannot wipe: listed, not failed.
		 */
		off = stackscan_find(&limbs, copy, used, 0, &tag);
#ifdef __aarch64__
		CHECK(off < 0, "%s len %zu: %slimb %u of r^%u %ld bytes below the caller's frame",
		      core->impl.name, lens[i], (tag & 255) > 4 ? "5 * " : "",
		      tag >> 8 & 255, tag >> 16, (long)used - off);
#else
		for (; off >= 0; off = stackscan_find(&limbs, copy, used, off + 4, &tag))
			printf("poly1305 %s len %zu: note: %slimb %u of r^%u in a spill slot, %ld bytes below the caller's frame\n",
			       core->impl.name, lens[i], (tag & 255) > 4 ? "5 * " : "",
			       tag >> 8 & 255, tag >> 16, (long)used - off);
#endif
		stackscan_free(&limbs);
		stackscan_free(&rows);
	}
}

int main(void)
{
	u8 *stack = aligned_alloc(4096, STACKSCAN_SIZE), *copy = malloc(STACKSCAN_SIZE);
	u32 cpu = kcrypto_cpu_features();
	unsigned int i;

	CHECK(stack && copy, "no memory");
	for (i = 0; stack && copy && i < kcrypto_poly1305_core_table.count; i++) {
		if (!kcrypto_core_usable(&kcrypto_poly1305_core_table, i, cpu)) {
			printf("poly1305 %s: skipped (CPU)\n",
			       kcrypto_poly1305_cores[i].impl.name);
			continue;
		}
		check_core(&kcrypto_poly1305_cores[i], stack, copy);
		printf("poly1305 %s: done\n", kcrypto_poly1305_cores[i].impl.name);
	}
	free(copy);
	free(stack);
	return cross_report();
}
