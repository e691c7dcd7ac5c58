/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ffp backend: static_call.  On x86_64 (HAVE_STATIC_CALL_INLINE) objtool
 * records every call site and __static_call_update() rewrites each one
 * into a direct call to the new target (text_poke_bp: safe against
 * concurrent execution on other CPUs).
 */
#ifndef _KCRYPTO_FFP_STATIC_CALL_H
#define _KCRYPTO_FFP_STATIC_CALL_H

#include <linux/static_call.h>

#define FFP_BACKEND_NAME "static_call"

#define DECLARE_FFP(name)	DECLARE_STATIC_CALL(name##_ffp, name##_default)
#define DEFINE_FFP(name)	DEFINE_STATIC_CALL(name##_ffp, name##_default)
#define FFP_CALL(name)		static_call(name##_ffp)

/* A call target seen without its type, for tables of them. */
struct ffp_slot {
	struct static_call_key *key;
	void *tramp;
	void *dflt;
};

#define FFP_SLOT(name) {						\
	.key = &STATIC_CALL_KEY(name##_ffp),				\
	.tramp = STATIC_CALL_TRAMP_ADDR(name##_ffp),			\
	.dflt = (void *)name##_default,					\
}

static inline void ffp_set(const struct ffp_slot *slot, const void *fn)
{
	__static_call_update(slot->key, slot->tramp, (void *)fn);
}

static inline void ffp_reset(const struct ffp_slot *slot)
{
	__static_call_update(slot->key, slot->tramp, slot->dflt);
}

#endif /* _KCRYPTO_FFP_STATIC_CALL_H */
