// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The dispatch call shapes (Documentation/performance.md, "Dispatch
 * overhead"), compiled three times by CMake with KD_V set to the variant
 * name:
 *
 *   plain      no mitigation flags
 *   retpoline  -mindirect-branch=thunk-extern (indirect calls go through
 *              __x86_indirect_thunk_<reg>, dispatch_thunks.S)
 *   rethunk    retpoline plus -mfunction-return=thunk-extern (every ret is
 *              a jmp to __x86_return_thunk), as a kernel built with
 *              CONFIG_MITIGATION_RETPOLINE and _RETHUNK runs unpatched
 *
 * Each variant has two callees (kd_noop_<V>: nothing; kd_poly_<V>: one
 * 16-byte Poly1305 block through the generic code) and, for each, one
 * loop per shape: direct call, weak-reference null test plus direct call,
 * static_call-style out-of-line trampoline (call to a "jmp target"; an
 * inlined static_call is the direct call itself), and a function pointer
 * read from memory and called indirectly.  The loops are what is timed.
 */
#include <stddef.h>
#include <stdint.h>

#include <kcrypto/poly1305.h>

#include "dispatch_shapes.h"

#define KD_CAT2(a, b) a##_##b
#define KD_CAT(a, b) KD_CAT2(a, b)
#define KD(name) KD_CAT(name, KD_V)
#define KD_STR2(x) #x
#define KD_STR(x) KD_STR2(x)

/*
 * The callees: noipa, so every shape passes the same arguments to the same
 * code (no clones); the empty asm keeps the poly1305 call from becoming a
 * jump.
 */
__attribute__((__noipa__)) void KD(kd_noop)(struct kcrypto_poly1305_state *st,
					   const uint8_t *src)
{
	(void)st;
	(void)src;
	__asm__ volatile("" ::: "memory");
}

__attribute__((__noipa__)) void KD(kd_poly)(struct kcrypto_poly1305_state *st,
					   const uint8_t *src)
{
	kcrypto_poly1305_blocks_generic(st, src, 16, 1);
	__asm__ volatile("" ::: "memory");
}

/*
 * The weak-mode test: the kernel materialises a weak symbol's address as
 * an immediate and tests it for NULL before the direct call.  Here the
 * callee is defined, so the compiler would fold the test away; hiding the
 * address in a register keeps exactly "mov $sym; test; je; call sym".
 */
static inline const void *kd_weak_addr(const void *p)
{
	__asm__ volatile("" : "+r"(p));
	return p;
}

/* Out-of-line static_call trampolines: a direct jump to the target. */
void KD(kd_noop_tramp)(struct kcrypto_poly1305_state *st, const uint8_t *src);
void KD(kd_poly_tramp)(struct kcrypto_poly1305_state *st, const uint8_t *src);
__asm__(".text\n"
	".globl " KD_STR(KD(kd_noop_tramp)) "\n"
	".type " KD_STR(KD(kd_noop_tramp)) ", @function\n"
	KD_STR(KD(kd_noop_tramp)) ":\n\tjmp " KD_STR(KD(kd_noop)) "\n"
	".globl " KD_STR(KD(kd_poly_tramp)) "\n"
	".type " KD_STR(KD(kd_poly_tramp)) ", @function\n"
	KD_STR(KD(kd_poly_tramp)) ":\n\tjmp " KD_STR(KD(kd_poly)) "\n");

typedef void kd_target_fn(struct kcrypto_poly1305_state *st, const uint8_t *src);
kd_target_fn *volatile KD(kd_noop_ptr) = KD(kd_noop);
kd_target_fn *volatile KD(kd_poly_ptr) = KD(kd_poly);

#define KD_LOOPS(t)								\
__attribute__((__noinline__)) void KD(kd_##t##_direct)(struct kd_args *a)	\
{									\
	for (unsigned int i = 0; i < a->calls; i++)			\
		KD(kd_##t)(a->st, a->src);				\
}									\
__attribute__((__noinline__)) void KD(kd_##t##_weak)(struct kd_args *a)	\
{									\
	for (unsigned int i = 0; i < a->calls; i++)			\
		if (kd_weak_addr(KD(kd_##t)))				\
			KD(kd_##t)(a->st, a->src);			\
}									\
__attribute__((__noinline__)) void KD(kd_##t##_trampoline)(struct kd_args *a) \
{									\
	for (unsigned int i = 0; i < a->calls; i++)			\
		KD(kd_##t##_tramp)(a->st, a->src);			\
}									\
__attribute__((__noinline__)) void KD(kd_##t##_pointer)(struct kd_args *a)	\
{									\
	for (unsigned int i = 0; i < a->calls; i++)			\
		KD(kd_##t##_ptr)(a->st, a->src);			\
}

KD_LOOPS(noop)
KD_LOOPS(poly)

/* The empty loop, for the loop's own cost. */
__attribute__((__noinline__)) void KD(kd_empty)(struct kd_args *a)
{
	for (unsigned int i = 0; i < a->calls; i++)
		__asm__ volatile("" ::: "memory");
}

const struct kd_shape KD(kd_shapes)[] = {
	{ "empty", "-", KD(kd_empty) },
	{ "direct", "noop", KD(kd_noop_direct) },
	{ "weak", "noop", KD(kd_noop_weak) },
	{ "trampoline", "noop", KD(kd_noop_trampoline) },
	{ "pointer", "noop", KD(kd_noop_pointer) },
	{ "direct", "poly1305-16", KD(kd_poly_direct) },
	{ "weak", "poly1305-16", KD(kd_poly_weak) },
	{ "trampoline", "poly1305-16", KD(kd_poly_trampoline) },
	{ "pointer", "poly1305-16", KD(kd_poly_pointer) },
	{ NULL, NULL, NULL },
};
