/* SPDX-License-Identifier: GPL-2.0 */
/* arm kernel-mode NEON sections for the arch glue (kernel only). */
#ifndef _KCRYPTO_ARM_SIMD_H
#define _KCRYPTO_ARM_SIMD_H

#include <asm/neon.h>
#include <asm/simd.h>

/* False in hardirq context or with interrupts disabled. */
#define kcrypto_simd_usable()	may_use_simd()
#define kcrypto_simd_begin()	kernel_neon_begin()
#define kcrypto_simd_end()	kernel_neon_end()

#endif /* _KCRYPTO_ARM_SIMD_H */
