/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Force-included (-include) first into each AVX-512/IFMA core of the
 * emulation build (KCRYPTO_EMU=ON, harness/emu/CMakeLists.txt), so that the
 * core, unchanged, runs on any x86_64 CPU:
 *
 *  - the AVX-512 intrinsics become SIMDe's portable C
 *    (SIMDE_ENABLE_NATIVE_ALIASES: _mm512_add_epi32 is simde_mm512_add_epi32,
 *    __m512i is simde__m512i), plus our avx512-emu.h for what SIMDe 0.7.4
 *    lacks and ifma-emu.h for IFMA;
 *  - the core's own #include <immintrin.h> is made a no-op: GCC's header
 *    always declares the native AVX-512 types, which would clash with
 *    SIMDe's aliases (SSE2, the x86_64 baseline, stays native through the
 *    <emmintrin.h> SIMDe includes);
 *  - KCRYPTO_ISA_BEGIN()/KCRYPTO_ISA_END() of arch/x86/isa.h become empty:
 *    under the core's target pragma, the compiler would turn SIMDe's generic
 *    vector code back into AVX-512 instructions.  isa.h is included first,
 *    so the core's own #include "isa.h" finds its guard and only these two
 *    macros differ.
 *
 * harness/emu/CMakeLists.txt also compiles these files with -mno-avx, so
 * SIMDe never sees a native AVX or AVX-512 and the objects contain no
 * VEX/EVEX instruction (tests/test_emulation.py disassembles them).
 */
#ifndef KCRYPTO_HARNESS_EMU_EMU_H
#define KCRYPTO_HARNESS_EMU_EMU_H

#if defined(__AVX512F__) || defined(__AVX512IFMA__) || defined(__AVX__)
#error "emulated cores must be compiled without native AVX/AVX-512 (-mno-avx)"
#endif

#ifndef SIMDE_ENABLE_NATIVE_ALIASES
#define SIMDE_ENABLE_NATIVE_ALIASES
#endif
/*
 * clang 19's <emmintrin.h> has a native __m128bh, which SIMDe 0.7.4 would
 * typedef again: its BF16 aliases get other names (the cores use no BF16).
 * <emmintrin.h> (SSE2, the x86_64 baseline SIMDe uses natively) first, so
 * that its own typedef keeps the name.
 */
#include <emmintrin.h>
#define __m128bh	kcrypto_emu_simde_m128bh
#define __m256bh	kcrypto_emu_simde_m256bh
#define __m512bh	kcrypto_emu_simde_m512bh
#include <simde/x86/avx512.h>
#undef __m128bh
#undef __m256bh
#undef __m512bh

#include "avx512-emu.h"
#include "ifma-emu.h"

/* Include guards of GCC's and clang's <immintrin.h>. */
#ifndef _IMMINTRIN_H_INCLUDED
#define _IMMINTRIN_H_INCLUDED
#endif
#ifndef __IMMINTRIN_H
#define __IMMINTRIN_H
#endif

#include "isa.h"
#undef KCRYPTO_ISA_BEGIN
#undef KCRYPTO_ISA_END
#define KCRYPTO_ISA_BEGIN(isa)
#define KCRYPTO_ISA_END()

#endif /* KCRYPTO_HARNESS_EMU_EMU_H */
