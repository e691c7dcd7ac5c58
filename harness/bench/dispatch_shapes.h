/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The call-shape loops of dispatch_shapes.c, one table per variant. */
#ifndef KCRYPTO_DISPATCH_SHAPES_H
#define KCRYPTO_DISPATCH_SHAPES_H

#include <kcrypto/poly1305.h>

#ifdef __cplusplus
extern "C" {
#endif

struct kd_args {
	struct kcrypto_poly1305_state *st;
	const uint8_t *src;
	unsigned int calls;
};

struct kd_shape {
	const char *shape;
	const char *callee;
	void (*loop)(struct kd_args *a);
};

extern const struct kd_shape kd_shapes_plain[];
extern const struct kd_shape kd_shapes_retpoline[];
extern const struct kd_shape kd_shapes_rethunk[];

#ifdef __cplusplus
}
#endif

#endif /* KCRYPTO_DISPATCH_SHAPES_H */
