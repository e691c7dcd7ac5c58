// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// ChaCha20-Poly1305 and XChaCha20-Poly1305 for every (chacha, poly1305)
// pair of usable implementations: encrypt against generic+generic, OpenSSL
// (RFC 8439 only) and libsodium; decrypt round trip; the same in place;
// a tampered ciphertext, tag, AD, nonce or key must be refused with dst
// wiped; a too-short input must be refused with dst untouched.
//
// Input layout:
//   0       mode: bit 0 XChaCha, bit 1 in place, bits 2..4 what to tamper
//           with (0 ct, 1 tag, 2 AD, 3 nonce, 4 key, 5..7 nothing), bit 5
//           append `extra` bytes to the message
//   1, 2    src and dst offsets (mod 64)
//   3..4    extra length (mod 12288)
//   5..6    AD length (mod remaining + 1)
//   7..8    tamper position, 9 tamper bit (mod 8)
//   10..41  key
//   42..65  nonce (RFC 8439 uses the first 12 bytes)
//   rest    AD || message
#include <cstring>

#include <sodium.h>

#include <kcrypto/chacha20poly1305.h>

#include "fuzz_common.h"

using namespace kfuzz;

namespace {

struct Params {
	bool x;
	const uint8_t *key, *nonce;
	const uint8_t *ad;
	size_t adlen;
};

void encrypt(const Params &p, uint8_t *dst, const uint8_t *src, size_t len)
{
	if (p.x)
		kcrypto_xchacha20poly1305_encrypt(dst, src, len, p.ad, p.adlen,
						  p.nonce, p.key);
	else
		kcrypto_chacha20poly1305_encrypt(dst, src, len, p.ad, p.adlen,
						 p.nonce, p.key);
}

bool decrypt(const Params &p, uint8_t *dst, const uint8_t *src, size_t len)
{
	return p.x ? kcrypto_xchacha20poly1305_decrypt(dst, src, len, p.ad,
						       p.adlen, p.nonce, p.key)
		   : kcrypto_chacha20poly1305_decrypt(dst, src, len, p.ad,
						      p.adlen, p.nonce, p.key);
}

} // namespace

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
	const bool x = mode & 1, inplace = mode & 2;
	const unsigned tamper = (mode >> 2) & 7;
	const size_t soff = in.u8(), doff = in.u8();
	const size_t extra = mode & 32 ? in.u16() % 12288 : (in.u16(), 0);
	const size_t adsel = in.u16();
	const size_t tpos = in.u16();
	const uint8_t tbit = static_cast<uint8_t>(1u << (in.u8() % 8));
	uint8_t key[32], nonce[24];

	in.bytes(key, sizeof(key));
	in.bytes(nonce, sizeof(nonce));
	Bytes rest = in.rest();
	const size_t adlen = adsel % (rest.size() + 1);
	Bytes ad(rest.begin(), rest.begin() + adlen);
	Bytes msg(rest.begin() + adlen, rest.end());
	extend(msg, extra, extra ^ static_cast<uint64_t>(adlen) << 20);
	const size_t len = msg.size();
	const std::string what = std::string(x ? "xchacha20poly1305" : "chacha20poly1305");
	const std::string lens = " len " + std::to_string(len) + " ad " +
				 std::to_string(adlen);
	Buf adbuf(ad.data(), adlen, soff + 7);
	Params p{x, key, nonce, adbuf.data(), adlen};

	// Reference: generic + generic.
	Bytes ref(len + 16);
	select(KCRYPTO_CHACHA, 0);
	select(KCRYPTO_POLY1305, 0);
	encrypt(p, ref.data(), msg.data(), len);

	{
		Bytes o(len + 16);
		unsigned long long olen = 0;

		if (!x) {
			context(what + "/openssl" + lens);
			expect(ossl::aead_seal(o.data(), msg.data(), len,
					       ad.data(), adlen, nonce, key),
			       "OpenSSL seal failed");
			expect_eq(ref.data(), o.data(), len + 16,
				  "generic vs OpenSSL");
		}
		context(what + "/libsodium" + lens);
		if (x)
			crypto_aead_xchacha20poly1305_ietf_encrypt(
				o.data(), &olen, nn(msg), len, nn(ad),
				adlen, nullptr, nonce, key);
		else
			crypto_aead_chacha20poly1305_ietf_encrypt(
				o.data(), &olen, nn(msg), len, nn(ad),
				adlen, nullptr, nonce, key);
		expect(olen == len + 16, "libsodium length");
		expect_eq(ref.data(), o.data(), len + 16,
			  "generic vs libsodium");
	}

	const ImplList &lc = impls(KCRYPTO_CHACHA), &lp = impls(KCRYPTO_POLY1305);
	for (size_t i = 0; i < lc.size(); i++) {
		for (size_t j = 0; j < lp.size(); j++) {
			const std::string pair = what + "/" + lc.name[i] + "+" +
						 lp.name[j] + lens;
			select(KCRYPTO_CHACHA, lc.index[i]);
			select(KCRYPTO_POLY1305, lp.index[j]);

			context(pair + (inplace ? " in place" : ""));
			Buf ct(len + 16, doff);
			Buf pt(msg.data(), len, soff);
			uint8_t *c = inplace ? nullptr : ct.data();
			Buf io(len + 16, soff);	// in place: room for the tag
			if (len)
				std::memcpy(io.data(), msg.data(), len);

			if (inplace) {
				encrypt(p, io.data(), io.data(), len);
				c = io.data();
			} else {
				encrypt(p, c, pt.data(), len);
				expect_eq(pt.data(), msg.data(), len,
					  "encrypt modified src");
			}
			inject(KCRYPTO_CHACHA, i, c, len + 16);
			expect_eq(c, ref.data(), len + 16, "seal vs generic");

			// Round trip (in place or not).
			Buf back(len, doff);
			uint8_t *d = inplace ? io.data() : back.data();
			expect(decrypt(p, d, c, len + 16), "valid input refused");
			expect_eq(d, msg.data(), len, "opened plaintext");
			if (!inplace)
				expect_eq(ct.data(), ref.data(), len + 16,
					  "decrypt modified src");

			// Tampering: must be refused with dst wiped.
			if (tamper <= 4) {
				Bytes t(ref);
				Bytes tad(ad), tnonce(nonce, nonce + 24),
					tkey(key, key + 32);
				Params q = p;
				const char *part[] = {"ct", "tag", "ad", "nonce",
						      "key"};

				switch (tamper) {
				case 0:
					if (len)
						t[tpos % len] ^= tbit;
					else
						t[len + tpos % 16] ^= tbit;
					break;
				case 1:
					t[len + tpos % 16] ^= tbit;
					break;
				case 2:
					if (adlen)
						tad[tpos % adlen] ^= tbit;
					else
						t[len + tpos % 16] ^= tbit;
					q.ad = tad.data();
					break;
				case 3:
					// XChaCha: all 24 bytes count; RFC 8439: 12.
					tnonce[tpos % (x ? 24 : 12)] ^= tbit;
					q.nonce = tnonce.data();
					break;
				case 4:
					tkey[tpos % 32] ^= tbit;
					q.key = tkey.data();
					break;
				}
				context(pair + " tampered " + part[tamper] +
					(inplace ? " in place" : ""));
				Buf tin(t.data(), len + 16, soff);
				Buf tout(len, doff);
				uint8_t *td = inplace ? tin.data() : tout.data();
				if (!inplace)
					std::memset(td, 0x5a, len);
				expect(!decrypt(q, td, tin.data(), len + 16),
				       "tampered input accepted");
				expect(all_zero(td, len), "dst not wiped on failure");
				expect(tout.intact() && tin.intact(),
				       "write before a buffer");
			}

			// Too short: false, dst untouched.
			{
				context(pair + " short input");
				const size_t slen = tpos % 16;
				Buf s(ref.data(), std::min(slen, len + 16), soff);
				uint8_t sink[16];
				std::memset(sink, 0x77, sizeof(sink));
				expect(!decrypt(p, sink, s.data(), s.size()),
				       "input shorter than a tag accepted");
				for (uint8_t b : sink)
					expect(b == 0x77, "dst written on a short input");
			}
			expect(ct.intact() && pt.intact() && io.intact() &&
			       back.intact() && adbuf.intact(),
			       "write before a buffer");
		}
	}
	select(KCRYPTO_CHACHA, 0);
	select(KCRYPTO_POLY1305, 0);
	return 0;
}
