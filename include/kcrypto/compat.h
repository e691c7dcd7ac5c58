/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version differences, in one place.  Kbuild probes the kernel tree
 * for features (KCRYPTO_HAVE_* defines); nothing tests LINUX_VERSION_CODE.
 * Force-included by Kbuild into every kcrypto object, ahead of the object's
 * own includes: only light headers here, and helpers that need a heavy one
 * are macros, expanded where the user has included it.
 */
#ifndef _KCRYPTO_COMPAT_H
#define _KCRYPTO_COMPAT_H

#ifdef __KERNEL__
/* 6.12 moved <asm/unaligned.h> to <linux/unaligned.h>. */
#ifdef KCRYPTO_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * hex_to_bin() and friends live in <linux/hex.h> (6.12 has it), which
 * <linux/kernel.h> no longer includes on 7.x; 6.1 declares them there.
 */
#ifdef KCRYPTO_HAVE_LINUX_HEX_H
#include <linux/hex.h>
#endif

/* 6.2 added u128 (where the compiler has __int128); 6.1 lacks it. */
#if !defined(KCRYPTO_HAVE_U128) && defined(__SIZEOF_INT128__)
typedef unsigned __int128 u128;
#endif

/*
 * Parameter list of a KUnit parameter generator (KUNIT_CASE_PARAM): 7.x
 * passes the test first.  Write generators as
 *	static const void *gen(KCRYPTO_PARAM_GEN_ARGS) { ... prev, desc ... }
 */
#ifdef KCRYPTO_HAVE_KUNIT_GEN_PARAMS_TEST
#define KCRYPTO_PARAM_GEN_ARGS	struct kunit *test, const void *prev, char *desc
#else
#define KCRYPTO_PARAM_GEN_ARGS	const void *prev, char *desc
#endif

/*
 * hrtimer_setup() (timer, callback, clock, mode) replaced hrtimer_init()
 * plus a store to ->function; 7.x has no hrtimer_init().  A macro, as the
 * callers include <linux/hrtimer.h> after this file.
 */
#ifdef KCRYPTO_HAVE_HRTIMER_SETUP
#define kcrypto_hrtimer_setup(timer, fn, clock, mode)	\
	hrtimer_setup(timer, fn, clock, mode)
#else
#define kcrypto_hrtimer_setup(timer, fn, clock, mode)	\
	do {						\
		hrtimer_init(timer, clock, mode);	\
		(timer)->function = (fn);		\
	} while (0)
#endif
#endif

/*
 * Which optional crypto API drivers kcrypto-crypto.ko registers (Kbuild
 * probes the kernel's headers): shash poly1305 and kpp curve25519 left the
 * crypto API after 6.12.  0/1, for if () in the tests that expect them.
 */
#ifdef KCRYPTO_HAVE_CRYPTO_POLY1305_SHASH
#define KCRYPTO_CRYPTO_POLY1305_SHASH	1
#else
#define KCRYPTO_CRYPTO_POLY1305_SHASH	0
#endif
#ifdef KCRYPTO_HAVE_CRYPTO_CURVE25519_KPP
#define KCRYPTO_CRYPTO_CURVE25519_KPP	1
#else
#define KCRYPTO_CRYPTO_CURVE25519_KPP	0
#endif

#endif /* _KCRYPTO_COMPAT_H */
