/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ffp backend: static_call.  On x86_64 (HAVE_STATIC_CALL_INLINE) objtool
 * records every call site and static_call_update() rewrites each one into
 * a direct call to the new target (text_poke_bp: safe against concurrent
 * execution on other CPUs).
 */
#ifndef _KCRYPTO_FFP_STATIC_CALL_H
#define _KCRYPTO_FFP_STATIC_CALL_H

#include <linux/static_call.h>

#define FFP_BACKEND_NAME "static_call"

#define DECLARE_FFP(name)	DECLARE_STATIC_CALL(name##_ffp, name##_default)
#define DEFINE_FFP(name)	DEFINE_STATIC_CALL(name##_ffp, name##_default)
#define SET_FFP(name, fn)	static_call_update(name##_ffp, (fn))
#define RESET_FFP(name)		static_call_update(name##_ffp, name##_default)
#define FFP_CALL(name)		static_call(name##_ffp)

#endif /* _KCRYPTO_FFP_STATIC_CALL_H */
