/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Patchable function pointers (ffp).
 *
 *   DEFINE_FFP(name)          a call target, initially the function
 *                             name##_default (which must exist: naming the
 *                             default by convention keeps every macro a
 *                             single declaration)
 *   DECLARE_FFP(name)         for other files of the same module
 *   FFP_CALL(name)(args...)   call the current target
 *   FFP_SLOT(name)            initialiser of a struct ffp_slot, the target
 *                             without its type, so targets of different
 *                             types fit in one array
 *   ffp_set(slot, fn)         retarget (process context, serialised by the
 *                             caller; @fn must have the target's type)
 *   ffp_reset(slot)           back to name##_default
 *
 * Two backends, chosen by Kbuild (FFP=static_call|ptr):
 *   ffp-static-call.h: the kernel's static_call, i.e. a patched direct call
 *                      (x86_64: no memory load, no indirect branch, no
 *                      retpoline);
 *   ffp-ptr.h:         a function pointer read with READ_ONCE and called
 *                      indirectly (every arch; a retpoline on x86 with
 *                      mitigations on).
 *
 * Neither backend waits for callers still running the old target: the
 * user of ffp_set()/ffp_reset() provides that grace period (kcrypto: callers
 * run the target with preemption disabled, and unplug does
 * synchronize_rcu() after ffp_reset(), see lib_crypto/bind-ffp.c).
 */
#ifndef _KCRYPTO_FFP_H
#define _KCRYPTO_FFP_H

#ifdef FFP_BACKEND_STATIC_CALL
#include "ffp-static-call.h"
#else
#include "ffp-ptr.h"
#endif

#endif /* _KCRYPTO_FFP_H */
