// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// ctgrind driver: run one implementation of one primitive with its secrets
// marked undefined for valgrind memcheck (VALGRIND_MAKE_MEM_UNDEFINED).
// Memcheck then reports every conditional jump ("Conditional jump or move
// depends on uninitialised value(s)") and every address ("Use of
// uninitialised value of size N") computed from a secret: exactly the
// branches and table indices that would make the running time depend on
// it.  Arithmetic, cmov and stores of secret values are not reported.
//
//   valgrind --tool=memcheck --error-exitcode=1
//       build/ct/ct/kcrypto-ctgrind <prim> <impl> [--force]
//   (harness/ct/run_ctgrind.py runs every implementation this way)
//   kcrypto-ctgrind --list      # "<prim> <impl> usable|unusable <features>"
//
// <prim> is chacha, poly1305, blake2s, x25519, aead (<impl> is then
// <chacha>+<poly1305>) or control (a deliberately leaky comparison and table
// lookup: memcheck MUST report them; <impl> is "leaky").  --force selects
// the implementation even when the CPU (as valgrind's CPUID shows it) lacks
// its features: valgrind hides ADX, yet decodes ADCX/ADOX.
//
// Secrets: keys, scalars, nonces, plaintexts, AD, the X25519 point, and
// both inputs of the Poly1305 tag comparison.  Lengths, the block counter
// and the implementation choice are public.  Outputs are marked defined
// (declassified: they are what the caller is given) before the driver
// compares them with the generic result computed natively beforehand, so a
// wrong result under valgrind is caught too.
//
// Declassifications, each deliberate and at the API boundary:
//   D1  kcrypto_x25519()'s return value (is the shared secret all zero?)
//       is public by the API: the caller branches on it.
//   D2  kcrypto_memneq()'s result (do the tags match?) is public: the
//       verdict of a MAC check.
//   D3  the AEAD decrypt verdict.  It is public too, but the library
//       branches on it inside aead_decrypt() ("if (!ok)", to wipe dst), so
//       it cannot be declassified from here: harness/ct/run_ctgrind.py
//       suppresses exactly that source line (and requires the suppression
//       to be used: it doubles as a check that memcheck sees a branch on a
//       key-derived value).  The return value is then marked defined (D2).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <valgrind/memcheck.h>

#include <kcrypto/blake2s.h>
#include <kcrypto/chacha.h>
#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/x25519.h>

#include "dispatch.h"
#include "impl.h"
#include "registry.h"

using kcrypto::harness::Prim;
using Bytes = std::vector<uint8_t>;

namespace {

int g_failures;
unsigned long g_ops;

// Mark @p secret: same contents, "undefined" for memcheck.
void secret(const void *p, size_t len)
{
	if (len)
		(void)VALGRIND_MAKE_MEM_UNDEFINED(p, len);
}

// Declassify @p (an output, or a verdict the API makes public).
void declassify(const void *p, size_t len)
{
	if (len)
		(void)VALGRIND_MAKE_MEM_DEFINED(p, len);
}

void check(bool ok, const std::string &what)
{
	g_ops++;
	if (!ok) {
		std::fprintf(stderr, "ctgrind: WRONG RESULT: %s\n", what.c_str());
		g_failures++;
	}
}

void check_eq(const uint8_t *got, const uint8_t *want, size_t len,
	      const std::string &what)
{
	check(!len || !std::memcmp(got, want, len), what);
}

// Deterministic test data (xorshift64*), defined.
Bytes data(size_t len, uint64_t seed)
{
	Bytes b(len);
	uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;

	for (auto &c : b) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		c = static_cast<uint8_t>((x * 0x2545f4914f6cdd1dULL) >> 56);
	}
	return b;
}

const size_t kLens[] = {0,   1,   15,  16,  17,  63,   64,   65,   127,
			128, 129, 255, 256, 257, 511,  512,  513,  1023,
			1024, 1025, 2047, 4096 + 31, 8192 + 77};

int select_impl(Prim p, const std::string &name, bool force)
{
	for (const auto &i : kcrypto::harness::all_impls(p)) {
		if (i.name != name)
			continue;
		if (!i.usable && !force) {
			std::fprintf(stderr,
				     "ctgrind: %s/%s not usable on this CPU "
				     "(under valgrind?); --force to run it\n",
				     kcrypto::harness::prim_name(p), name.c_str());
			std::exit(2);
		}
		kcrypto_harness_set_impl(p, i.index);
		return i.index;
	}
	std::fprintf(stderr, "ctgrind: no %s implementation '%s'\n",
		     kcrypto::harness::prim_name(p), name.c_str());
	std::exit(2);
}

void set_generic(Prim p)
{
	kcrypto_harness_set_impl(p, 0);
}

// --- ChaCha20/ChaCha12 (and HChaCha20 under generic) ------------------------
void run_chacha(const std::string &impl, bool force)
{
	for (int nrounds : {20, 12}) {
		for (size_t len : kLens) {
			const Bytes key = data(32, len + 1), nonce = data(12, len + 2);
			const Bytes msg = data(len, len + 3);
			const uint32_t counter = static_cast<uint32_t>(len * 2654435761u);
			Bytes want(len);
			struct kcrypto_chacha_state st;

			kcrypto_chacha_init(&st, key.data(), nonce.data(), counter);
			kcrypto_chacha_crypt_generic(&st, want.data(), msg.data(),
						     len, nrounds);

			select_impl(KCRYPTO_CHACHA, impl, force);
			for (int inplace = 0; inplace < 2; inplace++) {
				Bytes k(key), n(nonce), m(msg), out(len);
				uint8_t *dst = inplace ? m.data() : out.data();

				secret(k.data(), 32);
				secret(n.data(), 12);
				secret(m.data(), len);
				kcrypto_chacha_init(&st, k.data(), n.data(), counter);
				// A block-multiple first call, then the rest.
				size_t first = (len / 2) & ~size_t(63);
				kcrypto_chacha_crypt(&st, dst, m.data(), first, nrounds);
				kcrypto_chacha_crypt(&st, dst + first, m.data() + first,
						     len - first, nrounds);
				declassify(dst, len);
				check_eq(dst, want.data(), len,
					 "chacha" + std::to_string(nrounds) + "/" +
						 impl + " len " + std::to_string(len));
				kcrypto_chacha_zeroize(&st);
			}
			set_generic(KCRYPTO_CHACHA);
		}
	}
	if (impl == "generic") {
		Bytes key = data(32, 7), nonce = data(16, 8);
		uint8_t want[32], out[32];

		kcrypto_hchacha20(want, key.data(), nonce.data());
		secret(key.data(), 32);
		secret(nonce.data(), 16);
		kcrypto_hchacha20(out, key.data(), nonce.data());
		declassify(out, 32);
		check_eq(out, want, 32, "hchacha20");
	}
}

// --- Poly1305, and the tag comparison ----------------------------------------
void run_poly1305(const std::string &impl, bool force)
{
	for (size_t len : kLens) {
		const Bytes key = data(32, len + 11), msg = data(len, len + 12);
		uint8_t want[16], tag[16];

		set_generic(KCRYPTO_POLY1305);
		kcrypto_poly1305(want, msg.data(), len, key.data());

		select_impl(KCRYPTO_POLY1305, impl, force);
		Bytes k(key), m(msg);
		secret(k.data(), 32);
		secret(m.data(), len);
		kcrypto_poly1305(tag, m.data(), len, k.data());
		declassify(tag, 16);
		check_eq(tag, want, 16, "poly1305/" + impl + " len " + std::to_string(len));

		// Incremental, odd splits.
		struct kcrypto_poly1305_ctx ctx;
		kcrypto_poly1305_init(&ctx, k.data());
		size_t pos = 0, step = 1;
		while (pos < len) {
			size_t n = std::min(step, len - pos);
			kcrypto_poly1305_update(&ctx, m.data() + pos, n);
			pos += n;
			step = step * 3 + 5;
		}
		kcrypto_poly1305_final(&ctx, tag);
		declassify(tag, 16);
		check_eq(tag, want, 16, "poly1305/" + impl + " split len " +
						std::to_string(len));

		// The tag comparison: both inputs secret, the verdict declassified (D2).
		uint8_t a[16], b[16];
		std::memcpy(a, want, 16);
		std::memcpy(b, want, 16);
		for (int differ = 0; differ < 2; differ++) {
			b[0] ^= static_cast<uint8_t>(differ);
			secret(a, 16);
			secret(b, 16);
			int r = kcrypto_memneq(a, b, 16);
			declassify(&r, sizeof(r));
			check(r == differ, "kcrypto_memneq");
			declassify(a, 16);
			declassify(b, 16);
		}
		set_generic(KCRYPTO_POLY1305);
	}
}

// --- BLAKE2s ------------------------------------------------------------------
void run_blake2s(const std::string &impl, bool force)
{
	for (size_t keylen : {0, 1, 16, 32}) {
		for (size_t len : kLens) {
			const size_t outlen = 1 + (len + keylen) % 32;
			const Bytes key = data(32, len + 21), msg = data(len, len + 22);
			uint8_t want[32], out[32];

			set_generic(KCRYPTO_BLAKE2S);
			kcrypto_blake2s(want, outlen, msg.data(), len,
					keylen ? key.data() : nullptr, keylen);

			select_impl(KCRYPTO_BLAKE2S, impl, force);
			Bytes k(key), m(msg);
			secret(k.data(), 32);
			secret(m.data(), len);
			check(kcrypto_blake2s(out, outlen, m.data(), len,
					      keylen ? k.data() : nullptr, keylen) == 0,
			      "blake2s return");
			declassify(out, outlen);
			check_eq(out, want, outlen, "blake2s/" + impl + " keylen " +
				 std::to_string(keylen) + " len " + std::to_string(len));

			struct kcrypto_blake2s_ctx ctx;
			kcrypto_blake2s_init(&ctx, outlen, keylen ? k.data() : nullptr,
					     keylen);
			size_t pos = 0, step = 7;
			while (pos < len) {
				size_t n = std::min(step, len - pos);
				kcrypto_blake2s_update(&ctx, m.data() + pos, n);
				pos += n;
				step = step * 2 + 1;
			}
			kcrypto_blake2s_final(&ctx, out);
			declassify(out, outlen);
			check_eq(out, want, outlen, "blake2s/" + impl + " split");
			set_generic(KCRYPTO_BLAKE2S);
		}
	}
}

// --- X25519 -------------------------------------------------------------------
void run_x25519(const std::string &impl, bool force)
{
	for (int i = 0; i < 8; i++) {
		Bytes scalar = data(32, 100 + i), point = data(32, 200 + i);
		uint8_t want[32], out[32], pub[32], wpub[32];

		if (i == 1)
			std::memset(point.data(), 0, 32);	// low order: all-zero result
		if (i == 2)
			point[31] |= 0x80;			// bit 255 set
		if (i == 3)
			std::memset(scalar.data(), 0xff, 32);
		set_generic(KCRYPTO_X25519);
		const bool wok = kcrypto_x25519(want, scalar.data(), point.data());
		kcrypto_x25519_generate_public(wpub, scalar.data());

		select_impl(KCRYPTO_X25519, impl, force);
		Bytes s(scalar), p(point);
		secret(s.data(), 32);
		secret(p.data(), 32);
		bool ok = kcrypto_x25519(out, s.data(), p.data());
		declassify(&ok, sizeof(ok));		// D1
		declassify(out, 32);
		check(ok == wok, "x25519/" + impl + " return value");
		check_eq(out, want, 32, "x25519/" + impl);

		kcrypto_x25519_scalarmult(out, s.data(), p.data());
		declassify(out, 32);
		check_eq(out, want, 32, "x25519/" + impl + " raw");

		bool gok = kcrypto_x25519_generate_public(pub, s.data());
		declassify(&gok, sizeof(gok));		// D1
		declassify(pub, 32);
		check(gok, "generate_public return value");
		check_eq(pub, wpub, 32, "x25519/" + impl + " generate_public");
		set_generic(KCRYPTO_X25519);
	}
}

// --- ChaCha20-Poly1305 / XChaCha20-Poly1305 -----------------------------------
void run_aead(const std::string &pair, bool force)
{
	const size_t plus = pair.find('+');
	if (plus == std::string::npos) {
		std::fprintf(stderr, "ctgrind: aead wants <chacha>+<poly1305>\n");
		std::exit(2);
	}
	const std::string ci = pair.substr(0, plus), pi = pair.substr(plus + 1);

	for (int x = 0; x < 2; x++) {
		for (size_t len : {size_t(0), size_t(1), size_t(64), size_t(300),
				   size_t(4096 + 100)}) {
			const size_t adlen = len % 29;
			const size_t nlen = x ? 24 : 12;
			const Bytes key = data(32, len + 31), nonce = data(24, len + 32);
			const Bytes msg = data(len, len + 33), ad = data(adlen, len + 34);
			Bytes want(len + 16), ct(len + 16), pt(len);

			set_generic(KCRYPTO_CHACHA);
			set_generic(KCRYPTO_POLY1305);
			auto enc = x ? kcrypto_xchacha20poly1305_encrypt
				     : kcrypto_chacha20poly1305_encrypt;
			auto dec = x ? kcrypto_xchacha20poly1305_decrypt
				     : kcrypto_chacha20poly1305_decrypt;
			enc(want.data(), msg.data(), len, ad.data(), adlen,
			    nonce.data(), key.data());

			select_impl(KCRYPTO_CHACHA, ci, force);
			select_impl(KCRYPTO_POLY1305, pi, force);
			const std::string what = std::string(x ? "x" : "") +
						 "chacha20poly1305/" + pair + " len " +
						 std::to_string(len);
			Bytes k(key), n(nonce), m(msg), a(ad);
			secret(k.data(), 32);
			secret(n.data(), nlen);
			secret(m.data(), len);
			secret(a.data(), adlen);
			enc(ct.data(), m.data(), len, a.data(), adlen, n.data(),
			    k.data());
			declassify(ct.data(), len + 16);
			check_eq(ct.data(), want.data(), len + 16, what + " seal");

			// Valid, then tampered (the tag): D3, then D2 on the result.
			for (int tamper = 0; tamper < 2; tamper++) {
				ct[len] ^= static_cast<uint8_t>(tamper);
				bool ok = dec(pt.data(), ct.data(), len + 16, a.data(),
					      adlen, n.data(), k.data());
				declassify(&ok, sizeof(ok));
				declassify(pt.data(), len);
				check(ok == !tamper, what + " open verdict");
				if (!tamper)
					check_eq(pt.data(), msg.data(), len,
						 what + " open");
			}
			set_generic(KCRYPTO_CHACHA);
			set_generic(KCRYPTO_POLY1305);
		}
	}
}

// --- Positive control -----------------------------------------------------------
// Variable-time on purpose: memcheck must report both.
__attribute__((__noinline__)) int leaky_compare(const uint8_t *a, const uint8_t *b,
					    size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])	// early exit on secret data
			return 1;
	return 0;
}

__attribute__((__noinline__)) uint8_t leaky_lookup(const uint8_t *k)
{
	static const uint8_t table[256] = {1, 2, 3};

	return table[k[0]];	// secret-dependent index
}

void run_control()
{
	uint8_t a[16] = {0}, b[16] = {0};

	secret(a, 16);
	secret(b, 16);
	int r = leaky_compare(a, b, 16);
	uint8_t t = leaky_lookup(a);
	declassify(&r, sizeof(r));
	declassify(&t, sizeof(t));
	std::printf("control: %d %d\n", r, t);
}

// "<prim> <impl> usable|unusable <features>", every implementation linked in.
void list()
{
	using kcrypto::harness::features_string;

	for (Prim p : kcrypto::harness::kAllPrims)
		for (const auto &i : kcrypto::harness::all_impls(p))
			std::printf("%s %s %s %s\n", kcrypto::harness::prim_name(p),
				    i.name.c_str(), i.usable ? "usable" : "unusable",
				    features_string(i.features).c_str());
	for (const auto &c : kcrypto::harness::all_impls(KCRYPTO_CHACHA))
		for (const auto &q : kcrypto::harness::all_impls(KCRYPTO_POLY1305))
			std::printf("aead %s+%s %s %s\n", c.name.c_str(),
				    q.name.c_str(),
				    c.usable && q.usable ? "usable" : "unusable",
				    features_string(c.features | q.features).c_str());
}

} // namespace

int main(int argc, char **argv)
{
	if (argc == 2 && !std::strcmp(argv[1], "--list")) {
		list();
		return 0;
	}
	if (argc < 3 || argc > 4 || (argc == 4 && std::strcmp(argv[3], "--force"))) {
		std::fprintf(stderr, "usage: kcrypto-ctgrind --list\n"
			     "       kcrypto-ctgrind chacha|poly1305|blake2s|x25519|"
			     "aead|control <impl> [--force]\n");
		return 2;
	}
	const std::string prim = argv[1], impl = argv[2];
	const bool force = argc == 4;

	if (prim == "chacha")
		run_chacha(impl, force);
	else if (prim == "poly1305")
		run_poly1305(impl, force);
	else if (prim == "blake2s")
		run_blake2s(impl, force);
	else if (prim == "x25519")
		run_x25519(impl, force);
	else if (prim == "aead")
		run_aead(impl, force);
	else if (prim == "control")
		run_control();
	else {
		std::fprintf(stderr, "ctgrind: unknown primitive '%s'\n", prim.c_str());
		return 2;
	}
	std::printf("ctgrind %s/%s: %lu checks, %d wrong results, under valgrind: %s\n",
		    prim.c_str(), impl.c_str(), g_ops, g_failures,
		    RUNNING_ON_VALGRIND ? "yes" : "no");
	return g_failures ? 3 : 0;
}
