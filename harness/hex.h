/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The harness's one hex decoder.  C, so that both the C++ harness (vector
 * files, JSON \u escapes, test data, KCRYPTO_CPU_MASK) and the
 * dependency-free qemu-user drivers of harness/cross use it; every other
 * piece of code that reads hex calls one of these two functions.
 */
#ifndef KCRYPTO_HARNESS_HEX_H
#define KCRYPTO_HARNESS_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * kcrypto_hex_u32() - the number written by @n hex digits at @s
 * @s: the digits, most significant first, either case; no prefix, no sign
 * @n: how many (1..8); exactly these @n characters are read
 * @v: the value, written on success only
 *
 * Return: 0, or -1 when @n is out of range or a character is not a digit.
 */
static inline int kcrypto_hex_u32(const char *s, size_t n, uint32_t *v)
{
	uint32_t x = 0;
	size_t i;

	if (n < 1 || n > 8)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return -1;
		x = x << 4 | d;
	}
	*v = x;
	return 0;
}

/*
 * kcrypto_hex_bytes() - @n bytes from the 2 * @n hex digits at @s
 *
 * Return: 0, or -1 when a character is not a hex digit (@out is then
 * partly written).
 */
static inline int kcrypto_hex_bytes(uint8_t *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t b;

		if (kcrypto_hex_u32(s + 2 * i, 2, &b))
			return -1;
		out[i] = (uint8_t)b;
	}
	return 0;
}

#endif /* KCRYPTO_HARNESS_HEX_H */
