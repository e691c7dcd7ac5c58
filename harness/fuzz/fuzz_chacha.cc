// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// ChaCha20 / ChaCha12 / HChaCha20: every usable chacha implementation
// against generic (one shot), OpenSSL EVP_chacha20 and libsodium (ChaCha20
// while the 32-bit counter does not wrap: both carry into the nonce), and
// kcrypto_hchacha20 against libsodium crypto_core_hchacha20.
//
// Input layout (short inputs are zero-extended; see gen_corpus.py):
//   0      mode: bit 0 ChaCha12, bit 1 in place, bit 2 counter near the
//          wrap (0xffffffff - low byte), bit 3 append `extra` bytes
//   1, 2   src and dst offsets (mod 64)
//   3..4   extra length (mod 4096)
//   5..8   initial block counter
//   9..40  key
//   41..56 nonce: ChaCha uses bytes 0..11, HChaCha20 all 16
//   57     number of splits (mod 8), then that many u16: chunk lengths in
//          64-byte blocks (mod 129); the last chunk takes the rest
//   rest   message
#include <cstring>

#include <sodium.h>

#include <kcrypto/chacha.h>

#include "fuzz_common.h"

using namespace kfuzz;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	if (sodium_init() < 0)
		abort();
	impls(KCRYPTO_CHACHA);
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	const uint8_t mode = in.u8();
	const int nrounds = mode & 1 ? 12 : 20;
	const bool inplace = mode & 2;
	const size_t soff = in.u8(), doff = in.u8();
	const size_t extra = mode & 8 ? in.u16() % 4096 : (in.u16(), 0);
	uint32_t counter = in.u32();
	uint8_t key[32], nonce[16];
	size_t nsplit, chunks[8];

	if (mode & 4)
		counter = 0xffffffffu - (counter & 0xff);
	in.bytes(key, sizeof(key));
	in.bytes(nonce, sizeof(nonce));
	nsplit = in.u8() % 8;
	for (size_t i = 0; i < nsplit; i++)
		chunks[i] = (in.u16() % 129) * 64;
	Bytes msg = in.rest();
	extend(msg, extra, counter ^ (uint64_t)extra << 32);
	const size_t len = msg.size();

	// HChaCha20 (generic only: there is no dispatch for it).
	{
		uint8_t h[32], ref[32];

		context("hchacha20");
		kcrypto_hchacha20(h, key, nonce);
		crypto_core_hchacha20(ref, nonce, key, nullptr);
		expect_eq(h, ref, 32, "kcrypto_hchacha20 vs libsodium");
	}

	// Reference: generic, one call.
	struct kcrypto_chacha_state st0, ref_st;
	Bytes ref(len);

	kcrypto_chacha_init(&st0, key, nonce, counter);
	ref_st = st0;
	kcrypto_chacha_crypt_generic(&ref_st, ref.data(), msg.data(), len,
				     nrounds);
	{
		// The counter advanced once per (partial) block, nothing else.
		struct kcrypto_chacha_state want = st0;
		want.x[12] += static_cast<uint32_t>((len + 63) / 64);
		context("chacha/generic");
		expect(!std::memcmp(&want, &ref_st, sizeof(want)),
		       "state after crypt: only the counter may change");
	}

	if (nrounds == 20 && counter + (uint64_t)(len + 63) / 64 <= 1ULL << 32) {
		Bytes o(len + 16);

		context("chacha20/openssl");
		expect(ossl::chacha20(o.data(), msg.data(), len, key, nonce,
				      counter), "EVP_chacha20 failed");
		expect_eq(o.data(), ref.data(), len, "generic vs OpenSSL");
		context("chacha20/libsodium");
		crypto_stream_chacha20_ietf_xor_ic(o.data(), nn(msg), len,
						   nonce, counter, key);
		expect_eq(o.data(), ref.data(), len, "generic vs libsodium");
	}

	const ImplList &l = impls(KCRYPTO_CHACHA);
	for (size_t k = 0; k < l.size(); k++) {
		context("chacha" + std::to_string(nrounds) + "/" + l.name[k] +
			(inplace ? " in place" : "") + " splits " +
			std::to_string(nsplit) + " len " + std::to_string(len));
		select(KCRYPTO_CHACHA, l.index[k]);

		Buf src(msg.data(), len, soff);
		Buf dstbuf(inplace ? 0 : len, doff);
		uint8_t *dst = inplace ? src.data() : dstbuf.data();
		struct kcrypto_chacha_state st = st0;
		size_t pos = 0;

		// Block-multiple chunks, then the rest (any length) last.
		for (size_t i = 0; i < nsplit && pos < len; i++) {
			size_t n = chunks[i] < len - pos ? chunks[i]
							  : (len - pos) & ~63UL;
			kcrypto_chacha_crypt(&st, dst + pos, src.data() + pos,
					     n, nrounds);
			pos += n;
		}
		kcrypto_chacha_crypt(&st, dst + pos, src.data() + pos,
				     len - pos, nrounds);
		inject(KCRYPTO_CHACHA, k, dst, len);

		expect_eq(dst, ref.data(), len, "output vs generic");
		expect(!std::memcmp(&st, &ref_st, sizeof(st)),
		       "state after crypt differs from generic");
		if (!inplace)
			expect_eq(src.data(), msg.data(), len, "src modified");
		expect(src.intact() && dstbuf.intact(),
		       "write before the start of a buffer");
	}
	select(KCRYPTO_CHACHA, 0);
	return 0;
}
