// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// Poly1305, every poly1305 implementation, against OpenSSL and libsodium.
#include <sodium.h>

#include <kcrypto/poly1305.h>

#include "common.h"
#include "oracle.h"

namespace kcrypto::test {
namespace {

constexpr size_t kMaxLen = 8192;
constexpr int kIterations = 150;

Bytes kcrypto_mac(const uint8_t *msg, size_t len, const uint8_t *key)
{
	Bytes mac(16);
	kcrypto_poly1305(mac.data(), msg, len, key);
	return mac;
}

Bytes sodium_mac(const uint8_t *msg, size_t len, const uint8_t *key)
{
	Bytes mac(16);
	crypto_onetimeauth_poly1305(mac.data(), msg, len, key);
	return mac;
}

bool all_zero(const void *p, size_t n)
{
	const auto *b = static_cast<const uint8_t *>(p);
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

class Poly1305Test : public ImplTest {};

TEST_P(Poly1305Test, MatchesOpenSSLAndLibsodium)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32);
		TestBuf msg(len, rng.below(64));

		rng.fill(msg.data(), len);
		Bytes got = kcrypto_mac(msg.data(), len, key.data());
		ASSERT_EQ(to_hex(got), to_hex(ossl::poly1305(key.data(), msg.data(), len)))
			<< "len " << len;
		ASSERT_EQ(to_hex(got), to_hex(sodium_mac(msg.data(), len, key.data())));
	}
}

TEST_P(Poly1305Test, EveryLengthTo1100)
{
	Rng rng = test_rng();
	Bytes key = rng.bytes(32), msg = rng.bytes(1100);

	for (size_t len = 0; len <= msg.size(); len++)
		ASSERT_EQ(to_hex(kcrypto_mac(msg.data(), len, key.data())),
			  to_hex(sodium_mac(msg.data(), len, key.data())))
			<< "len " << len;
}

// All-ones keys and messages push every limb to its carry limits.
TEST_P(Poly1305Test, ExtremeValues)
{
	Rng rng = test_rng();
	const uint8_t fills[] = {0x00, 0xff, 0xfe, 0x80, 0x01};

	for (uint8_t kf : fills) {
		for (uint8_t mf : fills) {
			for (size_t len : {0, 1, 15, 16, 17, 63, 64, 256, 1024, 4096, 4099}) {
				Bytes key(32, kf), msg(len, mf);
				ASSERT_EQ(to_hex(kcrypto_mac(ptr(msg), len, key.data())),
					  to_hex(ossl::poly1305(key.data(), ptr(msg), len)))
					<< "key fill " << int(kf) << " msg fill " << int(mf)
					<< " len " << len;
			}
		}
	}
	// r = clamp(all ones), s random, message random: long runs of carries.
	for (int it = 0; it < 20; it++) {
		Bytes key = rng.bytes(32), msg = rng.bytes(rng.below(3000));
		std::fill(key.begin(), key.begin() + 16, 0xff);
		ASSERT_EQ(to_hex(kcrypto_mac(ptr(msg), msg.size(), key.data())),
			  to_hex(sodium_mac(ptr(msg), msg.size(), key.data())));
	}
}

TEST_P(Poly1305Test, IncrementalSplits)
{
	Rng rng = test_rng();

	for (int it = 0; it < kIterations; it++) {
		size_t len = rng.below(kMaxLen + 1);
		Bytes key = rng.bytes(32), msg = rng.bytes(len);
		struct kcrypto_poly1305_ctx ctx;
		uint8_t mac[16];

		kcrypto_poly1305_init(&ctx, key.data());
		size_t off = 0;
		while (off < len) {
			// Mostly small odd pieces, sometimes large ones.
			size_t n = rng.below(4) ? rng.below(80) : rng.below(len - off + 1);
			n = std::min(n, len - off);
			kcrypto_poly1305_update(&ctx, msg.data() + off, n);
			off += n;
		}
		kcrypto_poly1305_update(&ctx, ptr(msg), 0);
		kcrypto_poly1305_final(&ctx, mac);
		ASSERT_TRUE(all_zero(&ctx, sizeof(ctx))) << "final did not wipe the ctx";
		ASSERT_EQ(to_hex(mac, 16), to_hex(sodium_mac(ptr(msg), len, key.data())))
			<< "len " << len;
	}
}

// The state is canonical between calls: a message may move between
// implementations (arch module unplugged, generic forced) mid-stream.
TEST_P(Poly1305Test, SwitchImplementationMidMessage)
{
	Rng rng = test_rng();

	for (const auto &other : harness::usable_impls(KCRYPTO_POLY1305)) {
		for (int it = 0; it < 40; it++) {
			size_t len = rng.below(4097);
			Bytes key = rng.bytes(32), msg = rng.bytes(len);
			struct kcrypto_poly1305_ctx ctx;
			uint8_t mac[16];

			kcrypto_poly1305_init(&ctx, key.data());
			size_t off = 0;
			bool mine = true;
			while (off < len) {
				size_t n = std::min<size_t>(rng.below(600), len - off);
				if (mine) {
					kcrypto_poly1305_update(&ctx, msg.data() + off, n);
				} else {
					harness::ImplGuard g(other);
					kcrypto_poly1305_update(&ctx, msg.data() + off, n);
				}
				mine = !mine;
				off += n;
			}
			if (rng.below(2)) {
				harness::ImplGuard g(other);
				kcrypto_poly1305_final(&ctx, mac);
			} else {
				kcrypto_poly1305_final(&ctx, mac);
			}
			ASSERT_EQ(to_hex(mac, 16), to_hex(sodium_mac(ptr(msg), len, key.data())))
				<< "with " << other.name << ", len " << len;
		}
	}
}

INSTANTIATE_TEST_SUITE_P(Impl, Poly1305Test,
			 ::testing::ValuesIn(harness::usable_impls(KCRYPTO_POLY1305)),
			 impl_name);

TEST(Poly1305, Rfc8439Vector)
{
	// RFC 8439 section 2.5.2
	Bytes key = hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
	const char *msg = "Cryptographic Forum Research Group";
	uint8_t mac[16];

	kcrypto_poly1305(mac, reinterpret_cast<const uint8_t *>(msg), strlen(msg),
			 key.data());
	EXPECT_EQ(to_hex(mac, 16), "a8061dc1305136c6c22b8baf0c0127a9");
}

} // namespace
} // namespace kcrypto::test
