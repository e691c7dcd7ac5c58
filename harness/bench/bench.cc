// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-bench: Google Benchmark over the registry and the reference
// libraries.  Names are <op>/<impl>/<bytes>:
//
//   op    chacha20 poly1305 chacha20poly1305 xchacha20poly1305 blake2s x25519
//   impl  generic, each usable arch core, auto, auto-avx2, openssl,
//         libsodium
//   bytes 64 256 1420 4096 16384 (x25519: 1, one scalar multiplication)
//
// Byte ops report bytes_per_second, x25519 items_per_second.
//
// "auto" runs what the kernel's automatic selection binds on this CPU:
// kcrypto_core_best() over the same core table with the same features
// (best_impl()), for every op; the AEADs combine the chacha and poly1305
// choices.  Ratio reports and the regression guard use it.  "auto-avx2"
// is the same rule with the AVX-512 bits (KCRYPTO_CPU_AVX512*, ZMM)
// removed, what a host without AVX-512 would run; it is registered only
// where it differs from "auto".  The AEADs run without AD.
//
// OpenSSL reads its CPU capabilities once, from CPUID or the environment
// variable OPENSSL_ia32cap, so OpenSSL held to AVX2 needs a process of its
// own: `make bench-user` runs a second kcrypto-bench with
// OPENSSL_ia32cap=":~0xc0230000" (AVX512F/DQ/IFMA/BW/VL cleared, see
// OPENSSL_ia32cap(3)) and KCRYPTO_BENCH_OPENSSL=openssl-avx2, the name
// its OpenSSL benchmarks take instead of "openssl", together with auto and
// auto-avx2 so that their ratios come from one run.
// KCRYPTO_CPU_MASK=<hex> hides CPU features, as in the other tools.
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <kcrypto/blake2s.h>
#include <kcrypto/chacha.h>
#include <kcrypto/cores.h>
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

// The CPU features of a host like this one without AVX-512.
uint32_t features_without_avx512()
{
	return cpu_features() & ~(KCRYPTO_CPU_AVX512F | KCRYPTO_CPU_AVX512VL |
				  KCRYPTO_CPU_AVX512BW | KCRYPTO_CPU_AVX512IFMA |
				  KCRYPTO_CPU_ZMM);
}

// "openssl", or KCRYPTO_BENCH_OPENSSL for a run with OPENSSL_ia32cap set.
std::string openssl_name()
{
	const char *n = std::getenv("KCRYPTO_BENCH_OPENSSL");

	return n && *n ? n : "openssl";
}

// <op>/auto and, where it differs, <op>/auto-avx2 (the kernel's choice for
// each primitive of @prims, on this CPU and on it without AVX-512).
void add_auto(const std::string &op, std::initializer_list<Prim> prims, Body body,
	      bool items = false)
{
	Selection full, avx2;
	bool differs = false;

	for (Prim p : prims) {
		full.impls.push_back(best_impl(p));
		avx2.impls.push_back(best_impl(p, features_without_avx512()));
		differs |= full.impls.back().index != avx2.impls.back().index;
	}
	add(op + "/auto", full, body, items);
	if (differs)
		add(op + "/auto-avx2", avx2, body, items);
}

void register_all()
{
	const Selection none;
	const std::string ossl = openssl_name();

	for (const auto &i : usable_impls(KCRYPTO_CHACHA))
		add("chacha20/" + i.name, {{i}}, k_chacha20);
	add_auto("chacha20", {KCRYPTO_CHACHA}, k_chacha20);
	add("chacha20/" + ossl, none, o_chacha20);
	add("chacha20/libsodium", none, s_chacha20);

	for (const auto &i : usable_impls(KCRYPTO_POLY1305))
		add("poly1305/" + i.name, {{i}}, k_poly1305);
	add_auto("poly1305", {KCRYPTO_POLY1305}, k_poly1305);
	add("poly1305/" + ossl, none, o_poly1305);
	add("poly1305/libsodium", none, s_poly1305);

	const Selection generic{{find_impl(KCRYPTO_CHACHA, "generic"),
				 find_impl(KCRYPTO_POLY1305, "generic")}};

	add("chacha20poly1305/generic", generic, k_aead);
	add_auto("chacha20poly1305", {KCRYPTO_CHACHA, KCRYPTO_POLY1305}, k_aead);
	add("chacha20poly1305/" + ossl, none, o_aead);
	add("chacha20poly1305/libsodium", none, s_aead);

	add("xchacha20poly1305/generic", generic, k_xaead);
	add_auto("xchacha20poly1305", {KCRYPTO_CHACHA, KCRYPTO_POLY1305}, k_xaead);
	add("xchacha20poly1305/libsodium", none, s_xaead);

	for (const auto &i : usable_impls(KCRYPTO_BLAKE2S))
		add("blake2s/" + i.name, {{i}}, k_blake2s);
	add_auto("blake2s", {KCRYPTO_BLAKE2S}, k_blake2s);
	add("blake2s/" + ossl, none, o_blake2s);

	for (const auto &i : usable_impls(KCRYPTO_X25519))
		add("x25519/" + i.name, {{i}}, k_x25519, true);
	add_auto("x25519", {KCRYPTO_X25519}, k_x25519, true);
	add("x25519/" + ossl, none, o_x25519, true);
	add("x25519/libsodium", none, s_x25519, true);
}

// "AMD EPYC (family 25, model 17)" from /proc/cpuinfo, for the reports.
std::string cpu_model()
{
	std::ifstream f("/proc/cpuinfo");
	std::string line, name, family, model;

	while (std::getline(f, line)) {
		auto colon = line.find(':');
		if (colon == std::string::npos)
			continue;
		std::string key = line.substr(0, line.find_last_not_of(" \t", colon - 1) + 1);
		std::string val = colon + 2 <= line.size() ? line.substr(colon + 2) : "";
		if (key == "model name" && name.empty())
			name = val;
		else if (key == "cpu family" && family.empty())
			family = val;
		else if (key == "model" && model.empty())
			model = val;
		if (line.empty() && !name.empty())
			break;
	}
	if (name.empty())
		return "unknown";
	return name + " (family " + family + ", model " + model + ")";
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
	benchmark::AddCustomContext("kcrypto_cpu_model", cpu_model());
	benchmark::AddCustomContext("kcrypto_cpu_mask", features_string(cpu_mask()));
	// What "auto" and "auto-avx2" run, per primitive: "chacha=avx512,...".
	std::string a, a2;
	for (Prim p : kAllPrims) {
		a += std::string(a.empty() ? "" : ",") + prim_name(p) + "=" + best_impl(p).name;
		a2 += std::string(a2.empty() ? "" : ",") + prim_name(p) + "=" +
		      best_impl(p, features_without_avx512()).name;
	}
	benchmark::AddCustomContext("kcrypto_auto", a);
	benchmark::AddCustomContext("kcrypto_auto_avx2", a2);
	const char *cap = std::getenv("OPENSSL_ia32cap");
	benchmark::AddCustomContext("openssl_ia32cap", cap ? cap : "");
	benchmark::AddCustomContext("openssl_name", openssl_name());
	register_all();
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
