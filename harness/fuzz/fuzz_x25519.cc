// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// X25519: every usable implementation, through kcrypto_x25519() and the
// raw scalar multiplication, against generic, libsodium and OpenSSL.  The
// return value must be false exactly when the shared secret is all zero
// (then libsodium and OpenSSL refuse too), bit 255 of the point must be
// ignored, the inputs must not change, and generate_public must match
// libsodium's crypto_scalarmult_curve25519_base.
//
// Input layout:
//   0       mode: bit 0 replace the point with a low-order/edge point
//           (table index = byte 1), bit 1 flip bit 255 of the point too,
//           bit 2 also check generate_public
//   1       edge point index
//   2..33   scalar
//   34..65  point
#include <cstring>

#include <sodium.h>

#include <kcrypto/x25519.h>

#include "dispatch.h"
#include "fuzz_common.h"

using namespace kfuzz;

namespace {

// Points of small order and non-canonical encodings (u >= p), which the
// ladder must handle like any other input.
const uint8_t kEdge[][32] = {
	{0},				// 0
	{1},				// 1 (order 4)
	{0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3,
	 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32,
	 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00},
	{0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1,
	 0x55, 0x9c, 0x83, 0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c,
	 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57},
	// p - 1, p, p + 1, 2^255 - 1 (= p + 18)
	{0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{9},				// the base point
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	if (sodium_init() < 0)
		abort();
	impls(KCRYPTO_X25519);
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	const uint8_t mode = in.u8();
	const uint8_t edge = in.u8();
	uint8_t scalar[32], point[32];

	in.bytes(scalar, 32);
	in.bytes(point, 32);
	if (mode & 1)
		std::memcpy(point, kEdge[edge % (sizeof(kEdge) / 32)], 32);
	if (mode & 2)
		point[31] ^= 0x80;

	uint8_t flipped[32];
	std::memcpy(flipped, point, 32);
	flipped[31] ^= 0x80;

	// Reference: generic.
	uint8_t ref[32], o[32];
	select(KCRYPTO_X25519, 0);
	context("x25519/generic");
	const bool ok = kcrypto_x25519(ref, scalar, point);
	expect(ok == !all_zero(ref, 32), "return value vs all-zero output");

	context("x25519/libsodium");
	const int rc = crypto_scalarmult_curve25519(o, scalar, point);
	expect((rc == 0) == ok, "libsodium disagrees on the all-zero result");
	if (rc == 0)
		expect_eq(ref, o, 32, "generic vs libsodium");

	context("x25519/openssl");
	const bool orc = ossl::x25519(o, scalar, point);
	expect(orc == ok, "OpenSSL disagrees on the all-zero result");
	if (orc)
		expect_eq(ref, o, 32, "generic vs OpenSSL");

	const ImplList &l = impls(KCRYPTO_X25519);
	for (size_t k = 0; k < l.size(); k++) {
		context("x25519/" + l.name[k]);
		select(KCRYPTO_X25519, l.index[k]);
		Buf s(scalar, 32, 3 * k + 1), pt(point, 32, 5 * k + 7);
		Buf out(32, 11 * k);

		expect(kcrypto_x25519(out.data(), s.data(), pt.data()) == ok,
		       "return value vs generic");
		inject(KCRYPTO_X25519, k, out.data(), 32);
		expect_eq(out.data(), ref, 32, "shared secret vs generic");
		expect_eq(s.data(), scalar, 32, "scalar modified");
		expect_eq(pt.data(), point, 32, "point modified");

		kcrypto_x25519_scalarmult(out.data(), s.data(), pt.data());
		expect_eq(out.data(), ref, 32, "raw scalarmult vs generic");

		// Bit 255 of the point is ignored.
		kcrypto_x25519_scalarmult(out.data(), s.data(), flipped);
		expect_eq(out.data(), ref, 32, "bit 255 of the point not ignored");

		if (mode & 4) {
			uint8_t pub[32], want[32];
			context("x25519/" + l.name[k] + " generate_public");
			expect(kcrypto_x25519_generate_public(pub, s.data()),
			       "generate_public returned false");
			expect(crypto_scalarmult_curve25519_base(want, scalar) == 0,
			       "libsodium base failed");
			expect_eq(pub, want, 32, "public key vs libsodium");
		}
		expect(s.intact() && pt.intact() && out.intact(),
		       "write before a buffer");
	}
	select(KCRYPTO_X25519, 0);
	return 0;
}
