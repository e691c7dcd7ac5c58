/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrypto_weak_addr(sym) gives the address of a weak undefined symbol, or NULL
 * when the module loader left it unresolved, taken without a GOT entry.
 *
 * Generic form: plain C (&sym).  x86_64 materialises it with an absolute
 * R_X86_64_32S immediate and 32-bit arm with movw/movt; both relocations
 * are handled by their module loaders.
 *
 * arm64 has its own version of this header under arch/arm64/include,
 * found first through Kbuild's include path: GCC reaches weak undefined symbols
 * through the GOT there, which the arm64 module loader rejects.
 */
#ifndef _KCRYPTO_WEAK_H
#define _KCRYPTO_WEAK_H

#define kcrypto_weak_addr(sym)	((const void *)&(sym))

#endif /* _KCRYPTO_WEAK_H */
