/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrypto-crypto.ko: kcrypto's primitives as crypto API drivers.  Each
 * driver file registers its algorithms and undoes exactly that on failure;
 * main.c chains them all-or-nothing.  The optional ones (shash poly1305,
 * kpp curve25519) are compiled only where the kernel's crypto API still has
 * the algorithm (Kbuild probes); elsewhere the stubs below register nothing.
 */
#ifndef _KCRYPTO_CRYPTO_API_INTERNAL_H
#define _KCRYPTO_CRYPTO_API_INTERNAL_H

#include <linux/types.h>

/* cra_priority of every driver, from the module parameter. */
extern int kcrypto_crypto_priority;

int kcrypto_crypto_skcipher_register(void);
void kcrypto_crypto_skcipher_unregister(void);
int kcrypto_crypto_aead_register(void);
void kcrypto_crypto_aead_unregister(void);

#ifdef KCRYPTO_HAVE_CRYPTO_POLY1305_SHASH
int kcrypto_crypto_poly1305_register(void);
void kcrypto_crypto_poly1305_unregister(void);
#else
static inline int kcrypto_crypto_poly1305_register(void) { return 0; }
static inline void kcrypto_crypto_poly1305_unregister(void) { }
#endif

#ifdef KCRYPTO_HAVE_CRYPTO_CURVE25519_KPP
int kcrypto_crypto_curve25519_register(void);
void kcrypto_crypto_curve25519_unregister(void);
#else
static inline int kcrypto_crypto_curve25519_register(void) { return 0; }
static inline void kcrypto_crypto_curve25519_unregister(void) { }
#endif

#endif /* _KCRYPTO_CRYPTO_API_INTERNAL_H */
