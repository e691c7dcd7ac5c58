/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Helpers for the dependency-free cross tests (harness/cross/<prim>-test.c),
 * which run the arch cores under qemu-user: a counter of checks, a fixed
 * pseudo-random generator, hex (harness/hex.h), and a reader for the flat string fields of
 * Wycheproof test objects.
 */
#ifndef KCRYPTO_CROSS_UTIL_H
#define KCRYPTO_CROSS_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "../hex.h"

static unsigned long cross_passed, cross_failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		cross_passed++;						\
	} else {							\
		if (cross_failed++ < 20) {				\
			printf("FAIL %s:%d: ", __FILE__, __LINE__);	\
			printf(__VA_ARGS__);				\
			printf("\n");					\
		}							\
	}								\
} while (0)

static uint64_t cross_rng = 0x9e3779b97f4a7c15ULL;

static inline uint64_t rnd64(void)
{
	/* xorshift64*: fixed seed, same stream on every run */
	cross_rng ^= cross_rng >> 12;
	cross_rng ^= cross_rng << 25;
	cross_rng ^= cross_rng >> 27;
	return cross_rng * 0x2545f4914f6cdd1dULL;
}

static inline void rndbytes(uint8_t *p, size_t n)
{
	while (n--)
		*p++ = (uint8_t)(rnd64() >> 56);
}

static inline char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = 0;
	fclose(f);
	return buf;
}

/*
 * In the object text [obj, end), find "name": "value" and return the
 * string value (malloc'ed, NUL-terminated), or NULL.
 */
static inline char *json_str(const char *obj, const char *end,
			     const char *name)
{
	char pat[64];
	const char *p, *q;
	char *out;

	snprintf(pat, sizeof(pat), "\"%s\"", name);
	for (p = obj; (p = strstr(p, pat)) && p < end; p += strlen(pat)) {
		q = p + strlen(pat);
		while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r')
			q++;
		if (*q != ':')
			continue;
		q++;
		while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r')
			q++;
		if (*q != '"')
			return NULL;
		p = ++q;
		while (*q && *q != '"')
			q++;
		out = malloc(q - p + 1);
		memcpy(out, p, q - p);
		out[q - p] = 0;
		return out;
	}
	return NULL;
}

/*
 * Hex string to bytes (malloc'ed, at least 1 byte); *len its length.  A
 * vector file with bad hex ends the run (no closing line: run.sh fails it).
 */
static inline uint8_t *unhex(const char *s, size_t *len)
{
	size_t n = strlen(s) / 2;
	uint8_t *b = malloc(n ? n : 1);

	if (!b || strlen(s) % 2 || kcrypto_hex_bytes(b, s, n)) {
		printf("FAIL: bad hex in vector file: '%.64s'\n", s);
		exit(1);
	}
	*len = n;
	return b;
}

/*
 * Calls fn(obj, end, arg) for every test object ({... "tcId" ...}) of a
 * Wycheproof file; returns how many it saw.
 */
static inline int json_each_test(const char *text,
				 void (*fn)(const char *, const char *, void *),
				 void *arg)
{
	const char *p = text, *start, *end;
	int n = 0;

	while ((p = strstr(p, "\"tcId\""))) {
		start = p;
		while (start > text && *start != '{')
			start--;
		end = strchr(p, '}');
		if (!end)
			break;
		fn(start, end, arg);
		n++;
		p = end;
	}
	return n;
}

static inline int cross_report(void)
{
	printf("%lu passed, %lu failed\n", cross_passed, cross_failed);
	return cross_failed ? 1 : 0;
}

#endif /* KCRYPTO_CROSS_UTIL_H */
