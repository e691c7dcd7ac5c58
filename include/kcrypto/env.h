/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The one environment header of the portable cores.  Algorithm files
 * (lib_crypto/<prim>.c and arch cores) include this and nothing from
 * <linux/...> directly, so the same source compiles into the kernel
 * modules and into the C++ userspace harness.  Only the harness shim
 * (harness/shim/kcrypto_user.h) differs.
 */
#ifndef _KCRYPTO_ENV_H
#define _KCRYPTO_ENV_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/export.h>
#include <linux/compiler.h>
#include <kcrypto/compat.h>	/* unaligned accessors, kernel-version probes */
#else
#include <kcrypto_user.h>	/* harness/shim: same names for userspace */
#endif

#endif /* _KCRYPTO_ENV_H */
