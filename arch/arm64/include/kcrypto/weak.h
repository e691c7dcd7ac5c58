/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64: the address of a weak undefined symbol without the GOT.
 *
 * GCC loads the address of a weak undefined symbol through the GOT
 * (R_AARCH64_ADR_GOT_PAGE / R_AARCH64_LD64_GOT_LO12_NC), relocations the
 * arm64 module loader does not implement: such a module fails to load
 * ("unsupported RELA relocation: 311").  Materialise the address with four
 * absolute move-wide instructions instead (R_AARCH64_MOVW_UABS_G3 ..
 * G0_NC), which the loader supports and which yield 0 for an unresolved
 * weak symbol.  The call itself stays a direct "bl sym" (R_AARCH64_CALL26);
 * when the symbol is unresolved its target 0 is out of range and the
 * loader routes it through a module PLT entry that is never executed,
 * because callers test the address first.  Module PLTs are always built on
 * 6.12 (and CONFIG_ARM64_MODULE_PLTS=y on 6.1 distro configs).
 *
 * The .weak directive matters for symbols C code never names outside
 * this macro (the descriptors): without it the assembler would record a
 * strong undefined reference.  Never take &sym in C on arm64 for a weak
 * symbol: use this macro.
 */
#ifndef _KCRYPTO_WEAK_H
#define _KCRYPTO_WEAK_H

#define kcrypto_weak_addr(sym) ({					\
	const void *__addr;						\
	asm(".weak	" #sym "\n\t"					\
	    "movz	%0, #:abs_g3:" #sym "\n\t"			\
	    "movk	%0, #:abs_g2_nc:" #sym "\n\t"			\
	    "movk	%0, #:abs_g1_nc:" #sym "\n\t"			\
	    "movk	%0, #:abs_g0_nc:" #sym				\
	    : "=r" (__addr));						\
	__addr;								\
})

#endif /* _KCRYPTO_WEAK_H */
