// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "ref.h"

#include <cstring>

namespace kcrypto::test::ref {

namespace {

uint32_t load32(const uint8_t *p)
{
	return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
	       static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

void store32(uint8_t *p, uint32_t v)
{
	p[0] = static_cast<uint8_t>(v);
	p[1] = static_cast<uint8_t>(v >> 8);
	p[2] = static_cast<uint8_t>(v >> 16);
	p[3] = static_cast<uint8_t>(v >> 24);
}

uint32_t rotl(uint32_t v, int n) { return v << n | v >> (32 - n); }
uint32_t rotr(uint32_t v, int n) { return v >> n | v << (32 - n); }

// RFC 8439 2.1
void quarter_round(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl(x[d], 16);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl(x[b], 12);
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl(x[d], 8);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl(x[b], 7);
}

// The "inner_block" of RFC 8439 2.3.1, rounds / 2 times.
void permute(uint32_t x[16], int rounds)
{
	for (int i = 0; i < rounds; i += 2) {
		quarter_round(x, 0, 4, 8, 12);
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		quarter_round(x, 0, 5, 10, 15);
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
}

void setup(uint32_t s[16], const uint8_t key[32])
{
	s[0] = 0x61707865;	// "expand 32-byte k"
	s[1] = 0x3320646e;
	s[2] = 0x79622d32;
	s[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		s[4 + i] = load32(key + 4 * i);
}

} // namespace

void chacha(uint8_t *dst, const uint8_t *src, size_t len, const uint8_t key[32],
	    const uint8_t nonce[12], uint32_t counter, int rounds)
{
	uint32_t s[16], x[16];
	uint8_t ks[64];

	setup(s, key);
	for (int i = 0; i < 3; i++)
		s[13 + i] = load32(nonce + 4 * i);
	for (size_t off = 0; off < len; off += 64) {
		s[12] = counter++;	// uint32_t: wraps, nonce untouched
		std::memcpy(x, s, sizeof(x));
		permute(x, rounds);
		for (int i = 0; i < 16; i++)
			store32(ks + 4 * i, x[i] + s[i]);
		for (size_t i = 0; i < 64 && off + i < len; i++)
			dst[off + i] = src[off + i] ^ ks[i];
	}
}

void hchacha20(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16])
{
	uint32_t x[16];

	setup(x, key);
	for (int i = 0; i < 4; i++)
		x[12 + i] = load32(nonce + 4 * i);
	permute(x, 20);
	// No feed-forward: words 0..3 and 12..15 of the permuted state.
	for (int i = 0; i < 4; i++) {
		store32(out + 4 * i, x[i]);
		store32(out + 16 + 4 * i, x[12 + i]);
	}
}

namespace {

const uint32_t kIv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

const uint8_t kSigma[10][16] = {
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
	{11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
	{7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
	{9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
	{2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
	{12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
	{13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
	{6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
	{10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

// RFC 7693 3.1, BLAKE2s rotations 16, 12, 8, 7.
void mix(uint32_t *v, int a, int b, int c, int d, uint32_t x, uint32_t y)
{
	v[a] = v[a] + v[b] + x; v[d] = rotr(v[d] ^ v[a], 16);
	v[c] = v[c] + v[d];     v[b] = rotr(v[b] ^ v[c], 12);
	v[a] = v[a] + v[b] + y; v[d] = rotr(v[d] ^ v[a], 8);
	v[c] = v[c] + v[d];     v[b] = rotr(v[b] ^ v[c], 7);
}

// RFC 7693 3.2, with a 64-bit byte count t.
void compress(uint32_t h[8], const uint8_t block[64], uint64_t t, bool last)
{
	uint32_t v[16], m[16];

	for (int i = 0; i < 16; i++)
		m[i] = load32(block + 4 * i);
	for (int i = 0; i < 8; i++) {
		v[i] = h[i];
		v[8 + i] = kIv[i];
	}
	v[12] ^= static_cast<uint32_t>(t);
	v[13] ^= static_cast<uint32_t>(t >> 32);
	if (last)
		v[14] = ~v[14];
	for (int r = 0; r < 10; r++) {
		const uint8_t *s = kSigma[r];
		mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
		mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
		mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
		mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
		mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
		mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
		mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
		mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
	}
	for (int i = 0; i < 8; i++)
		h[i] ^= v[i] ^ v[8 + i];
}

} // namespace

void blake2s(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen,
	     const uint8_t *key, size_t keylen)
{
	uint32_t h[8];
	uint8_t block[64];
	uint64_t t = 0;

	std::memcpy(h, kIv, sizeof(h));
	h[0] ^= 0x01010000u ^ static_cast<uint32_t>(keylen) << 8 ^
		static_cast<uint32_t>(outlen);

	// RFC 7693 3.3: a key is padded to one full block and processed first.
	// Conceptually the message becomes key-block || input.
	size_t total = (keylen ? 64 : 0) + inlen;
	auto byte_at = [&](size_t i) -> uint8_t {
		if (keylen) {
			if (i < 64)
				return i < keylen ? key[i] : 0;
			i -= 64;
		}
		return in[i];
	};
	size_t off = 0;
	// Every full block except the last one.
	while (total - off > 64) {
		for (size_t i = 0; i < 64; i++)
			block[i] = byte_at(off + i);
		t += 64;
		compress(h, block, t, false);
		off += 64;
	}
	// The final block (possibly empty, zero padded).
	std::memset(block, 0, sizeof(block));
	for (size_t i = 0; off + i < total; i++)
		block[i] = byte_at(off + i);
	t += total - off;
	compress(h, block, t, true);

	uint8_t full[32];
	for (int i = 0; i < 8; i++)
		store32(full + 4 * i, h[i]);
	std::memcpy(out, full, outlen);
}

} // namespace kcrypto::test::ref
