/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Userspace stand-in for the few kernel facilities the portable cores use.
 * Included through <kcrypto/env.h> when __KERNEL__ is not defined.  The
 * cores compile unchanged; this header is the only thing that differs.
 */
#ifndef KCRYPTO_USER_H
#define KCRYPTO_USER_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;
#endif
/*
 * glibc headers pull in the uapi <linux/types.h> (sys/stat.h -> statx), whose
 * __le64 is unsigned long long: use its definitions rather than conflict.
 */
#if defined(__linux__) && __has_include(<linux/types.h>)
#include <linux/types.h>
#else
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
#endif

#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define noinline __attribute__((__noinline__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))
#define __maybe_unused __attribute__((__unused__))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(p) __asm__ __volatile__("" : : "r"(p) : "memory")
/* Hide a value from the optimiser (no branch or early exit derived from it). */
#define OPTIMIZER_HIDE_VAR(var) __asm__ ("" : "=r" (var) : "0" (var))
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member)					\
	((type *)((char *)(ptr) - offsetof(type, member)))
#define BUILD_BUG_ON(c) ((void)sizeof(char[1 - 2 * !!(c)]))
#define WARN_ON(c) ({ int __c = !!(c); __c; })
#define WARN_ON_ONCE(c) WARN_ON(c)
#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)

/*
 * Only for the C sources: as macros these would break the C++ standard
 * headers (std::min, [[fallthrough]]) of the harness that includes the API.
 */
#ifndef __cplusplus
#define fallthrough __attribute__((__fallthrough__))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#endif

static inline u32 rol32(u32 w, unsigned int s) { return (w << (s & 31)) | (w >> ((-s) & 31)); }
static inline u32 ror32(u32 w, unsigned int s) { return (w >> (s & 31)) | (w << ((-s) & 31)); }
static inline u64 rol64(u64 w, unsigned int s) { return (w << (s & 63)) | (w >> ((-s) & 63)); }

static inline u16 get_unaligned_le16(const void *p) { const u8 *b = (const u8 *)p; return (u16)(b[0] | b[1] << 8); }
static inline u32 get_unaligned_le32(const void *p) { u32 v; memcpy(&v, p, 4); return v; }	/* little-endian hosts only */
static inline u64 get_unaligned_le64(const void *p) { u64 v; memcpy(&v, p, 8); return v; }
static inline void put_unaligned_le32(u32 v, void *p) { memcpy(p, &v, 4); }
static inline void put_unaligned_le64(u64 v, void *p) { memcpy(p, &v, 8); }
static inline u32 le32_to_cpu(u32 v) { return v; }
static inline u32 cpu_to_le32(u32 v) { return v; }
static inline u64 le64_to_cpu(u64 v) { return v; }
static inline u64 cpu_to_le64(u64 v) { return v; }
static inline void le32_to_cpu_array(u32 *buf, unsigned int words) { (void)buf; (void)words; }
static inline void cpu_to_le32_array(u32 *buf, unsigned int words) { (void)buf; (void)words; }

static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

/* No preemption, no SIMD context rules in userspace. */
#define preempt_disable() barrier()
#define preempt_enable() barrier()

#ifdef __cplusplus
}
#endif

#endif /* KCRYPTO_USER_H */
