/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * lib/crypto-compatible <crypto/utils.h> on kcrypto (6.12 and later have
 * it; <crypto/algapi.h> includes it): crypto_memneq() is kcrypto's, and
 * crypto_xor()/crypto_xor_cpy() are plain loops here, so a consumer needs
 * no CONFIG_CRYPTO_LIB_UTILS.  On 6.1 crypto_memneq() stays the kernel's
 * (in <crypto/algapi.h>, needs CONFIG_CRYPTO).
 */
#if defined(_CRYPTO_UTILS_H) && !defined(_KCRYPTO_COMPAT_UTILS_H)
/* Reached only if the include path is wrong (kcrypto-compat.kbuild). */
#error "the kernel's <crypto/utils.h> was included before kcrypto-compat's"
#endif
#ifndef _KCRYPTO_COMPAT_UTILS_H
#define _KCRYPTO_COMPAT_UTILS_H
#define _CRYPTO_UTILS_H

#include <linux/types.h>
#include <kcrypto/chacha20poly1305.h>

static inline void crypto_xor_cpy(u8 *dst, const u8 *src1, const u8 *src2,
				  unsigned int size)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		dst[i] = src1[i] ^ src2[i];
}

static inline void crypto_xor(u8 *dst, const u8 *src, unsigned int size)
{
	crypto_xor_cpy(dst, dst, src, size);
}

/* 0 when equal, 1 otherwise; time depends on @size only. */
static inline int crypto_memneq(const void *a, const void *b, size_t size)
{
	return kcrypto_memneq(a, b, size);
}

#endif /* _KCRYPTO_COMPAT_UTILS_H */
