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
#define FFP_CALL(name)		(READ_ONCE(name##_ffp.fn))

/* A call target seen without its type, for tables of them. */
struct ffp_slot {
	void **fn;
	void *dflt;
};

#define FFP_SLOT(name) {						\
	.fn = (void **)&name##_ffp.fn,					\
	.dflt = (void *)name##_default,					\
}

static inline void ffp_set(const struct ffp_slot *slot, const void *fn)
{
	WRITE_ONCE(*slot->fn, (void *)fn);
}

static inline void ffp_reset(const struct ffp_slot *slot)
{
	WRITE_ONCE(*slot->fn, slot->dflt);
}

#endif /* _KCRYPTO_FFP_PTR_H */
