/* SPDX-License-Identifier: GPL-2.0 */
/* x86_64 kernel SIMD sections for the arch glue (kernel only). */
#ifndef _KCRYPTO_X86_SIMD_H
#define _KCRYPTO_X86_SIMD_H

#include <asm/fpu/api.h>
#include <asm/simd.h>

/* False in hardirq/NMI context or when the FPU state is in use. */
#define kcrypto_simd_usable()	may_use_simd()
#define kcrypto_simd_begin()	kernel_fpu_begin()
#define kcrypto_simd_end()	kernel_fpu_end()

#endif /* _KCRYPTO_X86_SIMD_H */
