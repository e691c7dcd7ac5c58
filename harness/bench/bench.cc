// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-bench: Google Benchmark over the registry and the reference
// libraries.  Names are <op>/<impl>/<bytes>:
//
//   op    chacha20 poly1305 chacha20poly1305 xchacha20poly1305 blake2s x25519
//   impl  generic, each usable arch core, openssl, libsodium
//   bytes 64 256 1420 4096 16384 (x25519: 1, one scalar multiplication)
//
// Byte ops report bytes_per_second, x25519 items_per_second.  The AEADs are
// built from two primitives: "generic" runs generic chacha + generic
// poly1305, "arch" the best usable chacha core + the best usable poly1305
// core (what the kernel glue would bind); "arch" is registered only when
// at least one of them is not generic.  The AEADs run without AD.
// KCRYPTO_CPU_MASK=<hex> hides CPU features, as in the other tools.
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <kcrypto/blake2s.h>
#include <kcrypto/chacha.h>
#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/x25519.h>

#include "impl.h"

namespace {

using namespace kcrypto::harness;

const int64_t kSizes[] = {64, 256, 1420, 4096, 16384};
constexpr size_t kMaxSize = 16384;

// Inputs shared by every benchmark: fixed, non-trivial bytes.
struct Inputs {
	uint8_t key[32], nonce[24], point[32], secret[32];
	std::vector<uint8_t> in, out;

	Inputs() : in(kMaxSize), out(kMaxSize + 16)
	{
		for (size_t i = 0; i < in.size(); i++)
			in[i] = static_cast<uint8_t>(i * 131 + 7);
		for (int i = 0; i < 32; i++) {
			key[i] = static_cast<uint8_t>(0x80 + i);
			secret[i] = static_cast<uint8_t>(0x11 * i + 3);
		}
		for (int i = 0; i < 24; i++)
			nonce[i] = static_cast<uint8_t>(0x40 + i);
		uint8_t other[32];
		for (int i = 0; i < 32; i++)
			other[i] = static_cast<uint8_t>(0x5a ^ i);
		kcrypto_x25519_generate_public(point, other);
	}
};

Inputs &inputs()
{
	static Inputs in;
	return in;
}

using Body = std::function<void(benchmark::State &, size_t)>;

// Selections made inside the benchmark, so they hold while it runs.
struct Selection {
	std::vector<Impl> impls;
};

void add(const std::string &name, const Selection &sel, Body body, bool items = false)
{
	auto fn = [sel, body, items](benchmark::State &st) {
		std::vector<std::unique_ptr<ImplGuard>> guards;
		for (const auto &i : sel.impls)
			guards.push_back(std::make_unique<ImplGuard>(i));
		size_t len = static_cast<size_t>(st.range(0));
		body(st, len);
		if (items)
			st.SetItemsProcessed(st.iterations());
		else
			st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) *
					     static_cast<int64_t>(len));
	};
	auto *b = benchmark::RegisterBenchmark(name.c_str(), fn);
	if (items) {
		b->Arg(1);
	} else {
		for (int64_t s : kSizes)
			b->Arg(s);
	}
}

// --- kcrypto bodies -------------------------------------------------------

void k_chacha20(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	for (auto _ : st) {
		kcrypto_chacha20(d.out.data(), d.in.data(), len, d.key, d.nonce, 1);
		benchmark::ClobberMemory();
	}
}

void k_poly1305(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	uint8_t mac[16];
	for (auto _ : st) {
		kcrypto_poly1305(mac, d.in.data(), len, d.key);
		benchmark::DoNotOptimize(mac);
	}
}

void k_aead(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	for (auto _ : st) {
		kcrypto_chacha20poly1305_encrypt(d.out.data(), d.in.data(), len, nullptr, 0,
						 d.nonce, d.key);
		benchmark::ClobberMemory();
	}
}

void k_xaead(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	for (auto _ : st) {
		kcrypto_xchacha20poly1305_encrypt(d.out.data(), d.in.data(), len, nullptr, 0,
						  d.nonce, d.key);
		benchmark::ClobberMemory();
	}
}

void k_blake2s(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	uint8_t h[32];
	for (auto _ : st) {
		kcrypto_blake2s(h, 32, d.in.data(), len, nullptr, 0);
		benchmark::DoNotOptimize(h);
	}
}

void k_x25519(benchmark::State &st, size_t)
{
	auto &d = inputs();
	uint8_t out[32];
	for (auto _ : st) {
		benchmark::DoNotOptimize(kcrypto_x25519(out, d.secret, d.point));
		benchmark::ClobberMemory();
	}
}

// --- OpenSSL bodies ---------------------------------------------------------

void o_chacha20(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	uint8_t iv[16] = {1, 0, 0, 0};
	std::memcpy(iv + 4, d.nonce, 12);
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	EVP_EncryptInit_ex(c, EVP_chacha20(), nullptr, d.key, iv);
	int n;
	for (auto _ : st) {
		EVP_EncryptInit_ex(c, nullptr, nullptr, nullptr, iv);
		EVP_EncryptUpdate(c, d.out.data(), &n, d.in.data(), static_cast<int>(len));
		benchmark::ClobberMemory();
	}
	EVP_CIPHER_CTX_free(c);
}

void o_poly1305(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	EVP_MAC *m = EVP_MAC_fetch(nullptr, "POLY1305", nullptr);
	EVP_MAC_CTX *c = EVP_MAC_CTX_new(m);
	uint8_t mac[16];
	size_t n;
	for (auto _ : st) {
		// A one-time key: rekey every message, as the AEAD does.
		EVP_MAC_init(c, d.key, 32, nullptr);
		EVP_MAC_update(c, d.in.data(), len);
		EVP_MAC_final(c, mac, &n, sizeof(mac));
		benchmark::DoNotOptimize(mac);
	}
	EVP_MAC_CTX_free(c);
	EVP_MAC_free(m);
}

void o_aead(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	EVP_EncryptInit_ex(c, EVP_chacha20_poly1305(), nullptr, d.key, d.nonce);
	int n, m;
	for (auto _ : st) {
		EVP_EncryptInit_ex(c, nullptr, nullptr, nullptr, d.nonce);
		EVP_EncryptUpdate(c, d.out.data(), &n, d.in.data(), static_cast<int>(len));
		EVP_EncryptFinal_ex(c, d.out.data() + n, &m);
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, d.out.data() + len);
		benchmark::ClobberMemory();
	}
	EVP_CIPHER_CTX_free(c);
}

void o_blake2s(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	uint8_t h[32];
	unsigned int n;
	const EVP_MD *md = EVP_blake2s256();
	for (auto _ : st) {
		EVP_Digest(d.in.data(), len, h, &n, md, nullptr);
		benchmark::DoNotOptimize(h);
	}
}

void o_x25519(benchmark::State &st, size_t)
{
	auto &d = inputs();
	EVP_PKEY *priv = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, d.secret, 32);
	EVP_PKEY *peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, d.point, 32);
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(priv, nullptr);
	if (!priv || !peer || !c || EVP_PKEY_derive_init(c) <= 0 ||
	    EVP_PKEY_derive_set_peer(c, peer) <= 0) {
		st.SkipWithError("OpenSSL X25519 setup failed");
	} else {
		uint8_t out[32];
		for (auto _ : st) {
			size_t n = sizeof(out);
			benchmark::DoNotOptimize(EVP_PKEY_derive(c, out, &n));
			benchmark::ClobberMemory();
		}
	}
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(peer);
	EVP_PKEY_free(priv);
}

// --- libsodium bodies -------------------------------------------------------

void s_chacha20(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	for (auto _ : st) {
		crypto_stream_chacha20_ietf_xor_ic(d.out.data(), d.in.data(), len, d.nonce, 1,
						   d.key);
		benchmark::ClobberMemory();
	}
}

void s_poly1305(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	uint8_t mac[16];
	for (auto _ : st) {
		crypto_onetimeauth_poly1305(mac, d.in.data(), len, d.key);
		benchmark::DoNotOptimize(mac);
	}
}

void s_aead(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	unsigned long long n;
	for (auto _ : st) {
		crypto_aead_chacha20poly1305_ietf_encrypt(d.out.data(), &n, d.in.data(), len,
							  nullptr, 0, nullptr, d.nonce, d.key);
		benchmark::ClobberMemory();
	}
}

void s_xaead(benchmark::State &st, size_t len)
{
	auto &d = inputs();
	unsigned long long n;
	for (auto _ : st) {
		crypto_aead_xchacha20poly1305_ietf_encrypt(d.out.data(), &n, d.in.data(), len,
							   nullptr, 0, nullptr, d.nonce, d.key);
		benchmark::ClobberMemory();
	}
}

void s_x25519(benchmark::State &st, size_t)
{
	auto &d = inputs();
	uint8_t out[32];
	for (auto _ : st) {
		benchmark::DoNotOptimize(crypto_scalarmult_curve25519(out, d.secret, d.point));
		benchmark::ClobberMemory();
	}
}

void register_all()
{
	const Selection none;

	for (const auto &i : usable_impls(KCRYPTO_CHACHA))
		add("chacha20/" + i.name, {{i}}, k_chacha20);
	add("chacha20/openssl", none, o_chacha20);
	add("chacha20/libsodium", none, s_chacha20);

	for (const auto &i : usable_impls(KCRYPTO_POLY1305))
		add("poly1305/" + i.name, {{i}}, k_poly1305);
	add("poly1305/openssl", none, o_poly1305);
	add("poly1305/libsodium", none, s_poly1305);

	const Selection generic{{find_impl(KCRYPTO_CHACHA, "generic"),
				 find_impl(KCRYPTO_POLY1305, "generic")}};
	const Selection arch{{best_impl(KCRYPTO_CHACHA), best_impl(KCRYPTO_POLY1305)}};
	const bool have_arch = arch.impls[0].index || arch.impls[1].index;

	add("chacha20poly1305/generic", generic, k_aead);
	if (have_arch)
		add("chacha20poly1305/arch", arch, k_aead);
	add("chacha20poly1305/openssl", none, o_aead);
	add("chacha20poly1305/libsodium", none, s_aead);

	add("xchacha20poly1305/generic", generic, k_xaead);
	if (have_arch)
		add("xchacha20poly1305/arch", arch, k_xaead);
	add("xchacha20poly1305/libsodium", none, s_xaead);

	for (const auto &i : usable_impls(KCRYPTO_BLAKE2S))
		add("blake2s/" + i.name, {{i}}, k_blake2s);
	add("blake2s/openssl", none, o_blake2s);

	for (const auto &i : usable_impls(KCRYPTO_X25519))
		add("x25519/" + i.name, {{i}}, k_x25519, true);
	add("x25519/openssl", none, o_x25519, true);
	add("x25519/libsodium", none, s_x25519, true);
}

} // namespace

int main(int argc, char **argv)
{
	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 1;
	if (sodium_init() < 0)
		return 2;
	benchmark::AddCustomContext("kcrypto_cpu", features_string(cpu_features()));
	benchmark::AddCustomContext("kcrypto_cpu_mask", features_string(cpu_mask()));
	benchmark::AddCustomContext("kcrypto_aead_arch",
				    best_impl(KCRYPTO_CHACHA).name + "+" +
					    best_impl(KCRYPTO_POLY1305).name);
	register_all();
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
