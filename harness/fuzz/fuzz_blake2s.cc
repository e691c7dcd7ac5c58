// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// BLAKE2s: keyed and unkeyed, output lengths 1..32, every usable
// implementation one shot, with arbitrary update splits and switching
// implementation between updates, against generic and OpenSSL (blake2s256
// unkeyed at 32 bytes, BLAKE2SMAC keyed).  Invalid parameters (out length
// 0, > 32 or huge, key length > 32 or huge, NULL key with a length) must
// return -EINVAL, wipe the context and write nothing.
//
// Input layout:
//   0       mode: bit 0 outlen byte used raw (0..255), bit 1 keylen byte
//           used raw, bit 2 NULL key, bit 3 append `extra` bytes, bit 4
//           outlen = SIZE_MAX - outlen byte, bit 5 keylen = SIZE_MAX - byte
//   1       outlen byte (else 1 + byte % 32), 2 keylen byte (else % 33)
//   3       buffer offset (mod 64)
//   4..5    extra length (mod 4096)
//   6       implementation switch bits (one per update)
//   7..38   key
//   39      number of splits (mod 8), then that many u16 lengths
//   rest    message
#include <cerrno>
#include <cstring>

#include <kcrypto/blake2s.h>

#include "fuzz_common.h"

using namespace kfuzz;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	impls(KCRYPTO_BLAKE2S);
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	const uint8_t mode = in.u8();
	const uint8_t ob = in.u8(), kb = in.u8();
	const size_t off = in.u8();
	const size_t extra = mode & 8 ? in.u16() % 4096 : (in.u16(), 0);
	const uint8_t switches = in.u8();
	uint8_t keybuf[256] = {0};	// room for any raw key length byte
	size_t nsplit, splits[8];

	in.bytes(keybuf, 32);
	nsplit = in.u8() % 8;
	for (size_t i = 0; i < nsplit; i++)
		splits[i] = in.u16();
	Bytes msg = in.rest();
	extend(msg, extra, extra ^ 0xb2b2b2b2ULL * ob);
	const size_t len = msg.size();

	size_t outlen = mode & 1 ? ob : 1 + ob % 32;
	size_t keylen = mode & 2 ? kb : kb % 33;
	if (mode & 16)
		outlen = SIZE_MAX - ob;
	if (mode & 32)
		keylen = SIZE_MAX - kb;
	const bool nullkey = mode & 4;
	const uint8_t *key = nullkey ? nullptr : keybuf;
	const bool valid = outlen >= 1 && outlen <= 32 && keylen <= 32 &&
			   (key || !keylen);
	const std::string params = " outlen " + std::to_string(outlen) +
				   " keylen " + std::to_string(keylen) +
				   (nullkey ? " NULL key" : "") + " len " +
				   std::to_string(len);
	const ImplList &l = impls(KCRYPTO_BLAKE2S);

	if (!valid) {
		struct kcrypto_blake2s_ctx ctx;
		const size_t olen = std::min<size_t>(outlen, 64);
		Buf out(olen, off);

		context("blake2s invalid" + params);
		std::memset(&ctx, 0xaa, sizeof(ctx));
		expect(kcrypto_blake2s_init(&ctx, outlen, key, keylen) == -EINVAL,
		       "init accepted invalid parameters");
		expect(all_zero(reinterpret_cast<uint8_t *>(&ctx), sizeof(ctx)),
		       "ctx not wiped after -EINVAL");
		expect(kcrypto_blake2s(out.data(), outlen, msg.data(), len, key,
				       keylen) == -EINVAL,
		       "one shot accepted invalid parameters");
		for (size_t i = 0; i < olen; i++)
			expect(out.data()[i] == 0xcc, "output written on -EINVAL");
		return 0;
	}

	// Reference: generic, one shot.
	uint8_t ref[32], o[32];
	select(KCRYPTO_BLAKE2S, 0);
	context("blake2s/generic" + params);
	expect(kcrypto_blake2s(ref, outlen, msg.data(), len, key, keylen) == 0,
	       "valid parameters refused");

	if (keylen) {
		context("blake2s/openssl BLAKE2SMAC" + params);
		expect(ossl::blake2s_mac(o, outlen, key, keylen, msg.data(), len),
		       "BLAKE2SMAC failed");
		expect_eq(ref, o, outlen, "generic vs OpenSSL");
	} else if (outlen == 32) {
		context("blake2s/openssl blake2s256" + params);
		expect(ossl::blake2s256(o, msg.data(), len), "blake2s256 failed");
		expect_eq(ref, o, 32, "generic vs OpenSSL");
	}

	for (size_t k = 0; k <= l.size(); k++) {
		const bool mixed = k == l.size();
		const std::string name = mixed ? "mixed" : l.name[k];
		Buf src(msg.data(), len, off);
		Buf out(outlen, off + 13);
		struct kcrypto_blake2s_ctx ctx;

		if (!mixed) {
			context("blake2s/" + name + " one shot" + params);
			select(KCRYPTO_BLAKE2S, l.index[k]);
			expect(kcrypto_blake2s(out.data(), outlen, src.data(), len,
					       key, keylen) == 0,
			       "valid parameters refused");
			inject(KCRYPTO_BLAKE2S, k, out.data(), outlen);
			expect_eq(out.data(), ref, outlen, "digest vs generic");
		}

		context("blake2s/" + name + " " + std::to_string(nsplit) +
			" splits" + params);
		expect(kcrypto_blake2s_init(&ctx, outlen, key, keylen) == 0,
		       "init refused valid parameters");
		size_t pos = 0;
		for (size_t i = 0; i <= nsplit; i++) {
			size_t n = i < nsplit ? std::min(splits[i], len - pos)
					      : len - pos;
			if (mixed)
				select(KCRYPTO_BLAKE2S,
				       l.index[(switches >> i) % l.size()]);
			kcrypto_blake2s_update(&ctx, src.data() + pos, n);
			pos += n;
			expect(ctx.buflen <= 64, "buflen > 64");
		}
		kcrypto_blake2s_final(&ctx, out.data());
		expect_eq(out.data(), ref, outlen, "digest vs generic");
		expect(all_zero(reinterpret_cast<uint8_t *>(&ctx), sizeof(ctx)),
		       "final did not wipe the context");
		expect_eq(src.data(), msg.data(), len, "message modified");
		expect(src.intact() && out.intact(), "write before a buffer");
	}
	select(KCRYPTO_BLAKE2S, 0);
	return 0;
}
