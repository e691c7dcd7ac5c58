/* SPDX-License-Identifier: GPL-2.0 */
/* ffp backend: plain function pointer, indirect call. */
#ifndef _KCRYPTO_FFP_PTR_H
#define _KCRYPTO_FFP_PTR_H

#include <linux/compiler.h>

#define FFP_BACKEND_NAME "ptr"

#define DECLARE_FFP(name, deflt)					\
	extern typeof(deflt) *name##_ffp_ptr

#define DEFINE_FFP(name, deflt)						\
	typeof(deflt) *name##_ffp_ptr = (deflt);			\
	static typeof(deflt) *const name##_ffp_default = (deflt)

#define SET_FFP(name, fn)	WRITE_ONCE(name##_ffp_ptr, (fn))
#define RESET_FFP(name)		WRITE_ONCE(name##_ffp_ptr, name##_ffp_default)
#define FFP_CALL(name)		(READ_ONCE(name##_ffp_ptr))

#endif /* _KCRYPTO_FFP_PTR_H */
