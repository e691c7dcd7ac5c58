/* SPDX-License-Identifier: GPL-2.0 */
/* ffp backend: plain function pointer, indirect call. */
#ifndef _KCRYPTO_FFP_PTR_H
#define _KCRYPTO_FFP_PTR_H

#include <linux/compiler.h>

#define FFP_BACKEND_NAME "ptr"

#define DECLARE_FFP(name)						\
	extern struct name##_ffp { __typeof__(name##_default) *fn; } name##_ffp
#define DEFINE_FFP(name)						\
	struct name##_ffp name##_ffp = { .fn = name##_default }
#define SET_FFP(name, f)	WRITE_ONCE(name##_ffp.fn, (f))
#define RESET_FFP(name)		WRITE_ONCE(name##_ffp.fn, name##_default)
#define FFP_CALL(name)		(READ_ONCE(name##_ffp.fn))

#endif /* _KCRYPTO_FFP_PTR_H */
