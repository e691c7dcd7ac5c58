// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Poly1305, two modes.
//
// Message mode: every usable implementation, one shot and through
// init/update/final with arbitrary split points (and switching
// implementation between updates), against generic, OpenSSL EVP_MAC and
// libsodium.  The state invariant h[2] <= 7 is checked after every update,
// and kcrypto_memneq() on the tag (equal, and one flipped bit).
//
// State mode: the blocks function alone, from an arbitrary canonical state
// (h < 2^131, h[2] <= 7), for every implementation; the result must equal,
// mod 2^130 - 5, an independent schoolbook reference, keep h[2] <= 7 and
// leave r alone.
//
// Input layout:
//   0       mode: bit 0 state mode, bit 1 hibit (state mode), bit 3 append
//           `extra` bytes
//   1       buffer offset (mod 64)
//   2..3    extra length (mod 4096)
//   4       implementation switch bits (message mode, one bit per update)
//   5..36   key (r || s)
//   37      number of splits (mod 8), then that many u16 lengths (any)
//   then    state mode only: h0 (u64), h1 (u64), h2 (u8, mod 8)
//   rest    message
#include <cstring>

#include <sodium.h>

#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/poly1305.h>

#include "dispatch.h"
#include "fuzz_common.h"

using namespace kfuzz;

namespace {

// Little-endian 32-bit limbs.  a * b mod p with p = 2^130 - 5, reduced
// fully, written for clarity rather than speed.
using Limbs = std::vector<uint64_t>;

Limbs mul(const Limbs &a, const Limbs &b)
{
	Limbs r(a.size() + b.size() + 1, 0);

	for (size_t i = 0; i < a.size(); i++) {
		uint64_t c = 0;
		for (size_t j = 0; j < b.size(); j++) {
			uint64_t t = r[i + j] + a[i] * b[j] + c;
			// a[i], b[j] < 2^32: t < 2^64 as r and c < 2^32
			r[i + j] = t & 0xffffffff;
			c = t >> 32;
		}
		for (size_t k = i + b.size(); c; k++) {
			uint64_t t = r[k] + c;
			r[k] = t & 0xffffffff;
			c = t >> 32;
		}
	}
	return r;
}

// x mod 2^130 - 5 as five 32-bit limbs (the top one <= 3).
Limbs reduce(Limbs x)
{
	static const Limbs p = {0xfffffffb, 0xffffffff, 0xffffffff,
				0xffffffff, 3};

	x.resize(std::max<size_t>(x.size(), 6), 0);
	for (;;) {
		// hi = x >> 130; x = (x mod 2^130) + 5 * hi
		Limbs hi(x.size(), 0);
		bool any = false;
		for (size_t i = 4; i < x.size(); i++) {
			uint64_t v = x[i] >> 2;
			if (i + 1 < x.size())
				v |= (x[i + 1] & 3) << 30;
			hi[i - 4] = v;
			any |= v != 0;
		}
		if (!any)
			break;
		x[4] &= 3;
		for (size_t i = 5; i < x.size(); i++)
			x[i] = 0;
		uint64_t c = 0;
		for (size_t i = 0; i < x.size(); i++) {
			uint64_t t = x[i] + hi[i] * 5 + c;
			x[i] = t & 0xffffffff;
			c = t >> 32;
		}
	}
	// Now x < 2^130; subtract p while x >= p (at most once).
	auto ge = [&]() {
		for (int i = 4; i >= 0; i--)
			if (x[i] != p[i])
				return x[i] > p[i];
		return true;
	};
	while (ge()) {
		int64_t b = 0;
		for (int i = 0; i < 5; i++) {
			int64_t t = static_cast<int64_t>(x[i]) -
				    static_cast<int64_t>(p[i]) + b;
			x[i] = static_cast<uint64_t>(t) & 0xffffffff;
			b = t < 0 ? -1 : 0;
		}
	}
	x.resize(5);
	return x;
}

Limbs from_u64(std::initializer_list<uint64_t> words)
{
	Limbs l;

	for (uint64_t w : words) {
		l.push_back(w & 0xffffffff);
		l.push_back(w >> 32);
	}
	return l;
}

Limbs state_value(const struct kcrypto_poly1305_state &st)
{
	return from_u64({st.h[0], st.h[1], st.h[2]});
}

// The reference block function: h = (h + m + hibit 2^128) r mod p.
Limbs ref_blocks(Limbs h, const Limbs &r, const uint8_t *m, size_t len,
		 uint32_t hibit)
{
	for (size_t off = 0; off + 16 <= len; off += 16) {
		Limbs b(7, 0);
		for (int i = 0; i < 4; i++)
			b[i] = get_unaligned_le32(m + off + 4 * i);
		b[4] = hibit;
		uint64_t c = 0;
		h.resize(7, 0);
		for (size_t i = 0; i < 7; i++) {
			uint64_t t = h[i] + b[i] + c;
			h[i] = t & 0xffffffff;
			c = t >> 32;
		}
		h = reduce(mul(h, r));
	}
	return reduce(h);
}

void state_mode(Input &in, const uint8_t key[32], uint32_t hibit, size_t off)
{
	struct kcrypto_poly1305_ctx ctx;
	struct kcrypto_poly1305_state st0;

	kcrypto_poly1305_init(&ctx, key);
	st0 = ctx.st;
	st0.h[0] = in.u64();
	st0.h[1] = in.u64();
	st0.h[2] = in.u8() % 8;
	Bytes msg = in.rest();
	msg.resize(msg.size() & ~15UL);
	const size_t len = msg.size();

	const Limbs r = from_u64({st0.r[0], st0.r[1]});
	const Limbs want = ref_blocks(state_value(st0), r, msg.data(), len,
				      hibit);
	const ImplList &l = impls(KCRYPTO_POLY1305);

	for (size_t k = 0; k < l.size(); k++) {
		context("poly1305/" + l.name[k] + " blocks from h2=" +
			std::to_string(st0.h[2]) + " hibit " +
			std::to_string(hibit) + " len " + std::to_string(len));
		select(KCRYPTO_POLY1305, l.index[k]);
		struct kcrypto_poly1305_state st = st0;
		Buf src(msg.data(), len, off);

		kcrypto_poly1305_blocks(&st, src.data(), len, hibit);
		inject(KCRYPTO_POLY1305, k, reinterpret_cast<uint8_t *>(st.h), 8);
		expect(st.h[2] <= 7, "h[2] > 7 on return");
		expect(st.r[0] == st0.r[0] && st.r[1] == st0.r[1],
		       "r modified");
		Limbs got = reduce(state_value(st));
		if (got != want) {
			uint8_t g[20], w[20];
			for (int i = 0; i < 5; i++) {
				put_unaligned_le32(static_cast<u32>(got[i]), g + 4 * i);
				put_unaligned_le32(static_cast<u32>(want[i]), w + 4 * i);
			}
			fail("h mod p differs from the reference", g, w, 20);
		}
	}
	select(KCRYPTO_POLY1305, 0);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	if (sodium_init() < 0)
		abort();
	impls(KCRYPTO_POLY1305);
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	const uint8_t mode = in.u8();
	const size_t off = in.u8();
	const size_t extra = mode & 8 ? in.u16() % 4096 : (in.u16(), 0);
	const uint8_t switches = in.u8();
	uint8_t key[32];
	size_t nsplit, splits[8];

	in.bytes(key, sizeof(key));
	nsplit = in.u8() % 8;
	for (size_t i = 0; i < nsplit; i++)
		splits[i] = in.u16();
	if (mode & 1) {
		state_mode(in, key, (mode >> 1) & 1, off);
		return 0;
	}
	Bytes msg = in.rest();
	extend(msg, extra, extra * 0x100000001ULL ^ key[0]);
	const size_t len = msg.size();
	const ImplList &l = impls(KCRYPTO_POLY1305);

	// Reference: generic, one shot.
	uint8_t ref[16], o[16];

	select(KCRYPTO_POLY1305, 0);
	kcrypto_poly1305(ref, msg.data(), len, key);
	context("poly1305/openssl len " + std::to_string(len));
	expect(ossl::poly1305(o, msg.data(), len, key), "EVP_MAC failed");
	expect_eq(ref, o, 16, "generic vs OpenSSL");
	context("poly1305/libsodium len " + std::to_string(len));
	crypto_onetimeauth_poly1305(o, nn(msg), len, key);
	expect_eq(ref, o, 16, "generic vs libsodium");

	// Tag comparison.
	context("kcrypto_memneq");
	expect(kcrypto_memneq(ref, o, 16) == 0, "equal tags compare unequal");
	o[switches % 16] ^= static_cast<uint8_t>(1u << (extra % 8));
	expect(kcrypto_memneq(ref, o, 16) == 1, "flipped bit not seen");

	for (size_t k = 0; k <= l.size(); k++) {
		// k == l.size(): switch implementation between updates.
		const bool mixed = k == l.size();
		std::string name = mixed ? "mixed" : l.name[k];
		uint8_t tag[16];
		Buf src(msg.data(), len, off);
		struct kcrypto_poly1305_ctx ctx;

		context("poly1305/" + name + " one shot len " +
			std::to_string(len));
		if (!mixed) {
			select(KCRYPTO_POLY1305, l.index[k]);
			kcrypto_poly1305(tag, src.data(), len, key);
			inject(KCRYPTO_POLY1305, k, tag, 16);
			expect_eq(tag, ref, 16, "tag vs generic");
		}

		context("poly1305/" + name + " " + std::to_string(nsplit) +
			" splits len " + std::to_string(len));
		kcrypto_poly1305_init(&ctx, key);
		size_t pos = 0;
		for (size_t i = 0; i <= nsplit; i++) {
			size_t n = i < nsplit ? std::min(splits[i], len - pos)
					      : len - pos;
			if (mixed)
				select(KCRYPTO_POLY1305,
				       l.index[(switches >> i) % l.size()]);
			kcrypto_poly1305_update(&ctx, src.data() + pos, n);
			pos += n;
			expect(ctx.st.h[2] <= 7, "h[2] > 7 after update");
			expect(ctx.buflen < 16, "buflen >= 16 after update");
		}
		kcrypto_poly1305_final(&ctx, tag);
		expect_eq(tag, ref, 16, "tag vs generic");
		expect(all_zero(reinterpret_cast<uint8_t *>(&ctx), sizeof(ctx)),
		       "final did not wipe the context");
		expect_eq(src.data(), msg.data(), len, "message modified");
		expect(src.intact(), "write before the message");
	}
	select(KCRYPTO_POLY1305, 0);
	return 0;
}
