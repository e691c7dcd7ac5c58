/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Force-included (-include) into the clang fuzz build only, into the files
 * that need it (see CMakeLists.txt).  The kernel and the default (GCC)
 * harness build never see this file.
 *
 * GCC's two-operand __builtin_shuffle(a, b, mask) (poly1305-avx2.c) has
 * no clang spelling with a vector mask (clang's __builtin_shufflevector
 * takes the indices as separate constants), so it is spelled out lane by
 * lane; with a constant mask clang folds the loop into one shuffle.
 * Variadic because the mask is a compound literal, whose commas split
 * macro arguments.
 */
#ifndef KCRYPTO_FUZZ_CLANG_COMPAT_H
#define KCRYPTO_FUZZ_CLANG_COMPAT_H

#if defined(__clang__)
#define __builtin_shuffle(a, b, ...)					\
	({								\
		__typeof__(a) a_ = (a), b_ = (b), r_;			\
		__typeof__(__VA_ARGS__) m_ = (__VA_ARGS__);		\
		const int n_ = (int)(sizeof(a_) / sizeof(a_[0]));	\
		for (int i_ = 0; i_ < n_; i_++) {			\
			int k_ = (int)(m_[i_] & (2 * n_ - 1));		\
			r_[i_] = k_ < n_ ? a_[k_] : b_[k_ - n_];	\
		}							\
		r_;							\
	})

#endif /* __clang__ */

#endif /* KCRYPTO_FUZZ_CLANG_COMPAT_H */
