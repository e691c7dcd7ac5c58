// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcrypto-vectors' logic: the shared vector files pass on every
// implementation, and broken files or wrong expectations are caught.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include <kcrypto/blake2s.h>

#include "common.h"
#include "oracle.h"
#include "vectors.h"

namespace kcrypto::test {
namespace {

namespace fs = std::filesystem;
using namespace harness;

std::vector<std::string> shared_vector_files()
{
	std::vector<std::string> files;
	fs::path dir(vectors_dir());

	if (!fs::is_directory(dir))
		return files;
	for (const auto &e : fs::recursive_directory_iterator(dir))
		if (e.is_regular_file() && e.path().extension() == ".json")
			files.push_back(e.path().string());
	std::sort(files.begin(), files.end());
	return files;
}

std::vector<std::string> lines_of(const std::string &s)
{
	std::vector<std::string> v;
	std::istringstream in(s);
	for (std::string l; std::getline(in, l);)
		v.push_back(l);
	return v;
}

TEST(Vectors, AllSharedFilesPassOnEveryImplementation)
{
	auto files = shared_vector_files();
	ASSERT_FALSE(files.empty())
		<< "no vector files under " << vectors_dir()
		<< " (set KCRYPTO_VECTORS_DIR to the vectors/ directory)";

	// Case counts from vectors/README.md.
	const std::map<std::string, size_t> known = {
		{"chacha20_poly1305_test.json", 325},
		{"xchacha20_poly1305_test.json", 315},
		{"x25519_test.json", 518},
		{"blake2s-kat.json", 512},
	};
	size_t expect_total = 0, seen_known = 0;
	for (const auto &path : files) {
		VectorFile f = load_vector_file(path);
		auto it = known.find(fs::path(path).filename().string());
		if (it != known.end()) {
			EXPECT_EQ(f.cases.size(), it->second) << path;
			seen_known++;
		}
		expect_total += f.cases.size() * vector_impl_combos(f.kind).size();
	}
	EXPECT_EQ(seen_known, known.size()) << "a shared vector file is missing";

	std::ostringstream out, err;
	VectorSummary s = run_vector_files(files, out, err);
	EXPECT_EQ(s.failed, 0u) << out.str() << err.str();
	EXPECT_EQ(s.errors, 0u) << out.str();
	EXPECT_EQ(s.exit_code, 0);
	EXPECT_EQ(s.passed, expect_total);
	auto lines = lines_of(out.str());
	ASSERT_FALSE(lines.empty());
	EXPECT_EQ(lines.back(), std::to_string(expect_total) + " passed, 0 failed");
	for (size_t i = 0; i + 1 < lines.size(); i++)
		EXPECT_EQ(lines[i].rfind("PASS ", 0), 0u) << lines[i];
}

// Temporary vector files, removed at the end of the test.
class VectorFiles : public ::testing::Test {
protected:
	void SetUp() override
	{
		const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
		dir_ = fs::temp_directory_path() /
		       ("kcrypto-vectors-" + std::to_string(getpid()) + "-" + info->name());
		fs::create_directories(dir_);
	}
	void TearDown() override { fs::remove_all(dir_); }

	std::string write(const std::string &name, const std::string &text)
	{
		fs::path p = dir_ / name;
		std::ofstream(p, std::ios::binary) << text;
		return p.string();
	}

	VectorSummary run(const std::vector<std::string> &files, std::string *text = nullptr)
	{
		std::ostringstream out, err;
		VectorSummary s = run_vector_files(files, out, err);
		if (text)
			*text = out.str();
		return s;
	}

	// One case of @alg with the test object @test, result @result.
	static std::string wycheproof(const std::string &alg, const std::string &test,
				      const std::string &group_extra = "")
	{
		return "{\"algorithm\": \"" + alg + "\", \"testGroups\": [{" + group_extra +
		       "\"tests\": [" + test + "]}]}";
	}

	fs::path dir_;
};

std::string h(const Bytes &b) { return to_hex(b); }

TEST_F(VectorFiles, GeneratedFilesOfEveryFormat)
{
	Rng rng = test_rng();
	Bytes key = rng.bytes(32), nonce = rng.bytes(12), msg = rng.bytes(100);
	Bytes ad = rng.bytes(20);
	uint32_t ctr = 5;

	Bytes ct = ossl::chacha20(key.data(), nonce.data(), ctr, msg.data(), msg.size());
	Bytes tag = ossl::poly1305(key.data(), msg.data(), msg.size());
	Bytes dig = ossl::blake2s_mac(key.data(), 32, 20, msg.data(), msg.size());
	Bytes sealed = ossl::chacha20poly1305_seal(key.data(), nonce.data(), ad.data(),
						   ad.size(), msg.data(), msg.size());
	Bytes act(sealed.begin(), sealed.end() - 16), atag(sealed.end() - 16, sealed.end());

	auto chacha = [&](const Bytes &c, const char *res) {
		return "{\"tcId\": 1, \"key\": \"" + h(key) + "\", \"iv\": \"" + h(nonce) +
		       "\", \"counter\": " + std::to_string(ctr) + ", \"msg\": \"" + h(msg) +
		       "\", \"ct\": \"" + h(c) + "\", \"result\": \"" + res + "\"}";
	};
	auto poly = [&](const Bytes &t, const char *res) {
		return "{\"key\": \"" + h(key) + "\", \"msg\": \"" + h(msg) + "\", \"tag\": \"" +
		       h(t) + "\", \"result\": \"" + res + "\"}";
	};
	auto b2s = [&](const Bytes &d, const char *res) {
		return "{\"key\": \"" + h(key) + "\", \"msg\": \"" + h(msg) +
		       "\", \"digest\": \"" + h(d) + "\", \"result\": \"" + res + "\"}";
	};
	auto aead = [&](const Bytes &n, const Bytes &c, const char *res) {
		return "{\"key\": \"" + h(key) + "\", \"iv\": \"" + h(n) + "\", \"aad\": \"" +
		       h(ad) + "\", \"msg\": \"" + h(msg) + "\", \"ct\": \"" + h(c) +
		       "\", \"tag\": \"" + h(atag) + "\", \"result\": \"" + res + "\"}";
	};
	Bytes bad_ct = ct, bad_tag = tag, bad_dig = dig, bad_act = act;
	bad_ct[50] ^= 1;
	bad_tag[3] ^= 0x10;
	bad_dig[19] ^= 0x80;
	bad_act[0] ^= 4;

	std::vector<std::string> good = {
		write("c.json", wycheproof("CHACHA20", chacha(ct, "valid") + "," +
							 chacha(bad_ct, "invalid"))),
		write("p.json", wycheproof("POLY1305", poly(tag, "valid") + "," +
							 poly(bad_tag, "invalid"))),
		write("b.json", wycheproof("BLAKE2S", b2s(dig, "valid") + "," +
							b2s(bad_dig, "invalid"))),
		write("a.json", wycheproof("CHACHA20-POLY1305",
					   aead(nonce, act, "valid") + "," +
						   aead(nonce, bad_act, "invalid") + "," +
						   aead(rng.bytes(8), act, "invalid") + "," +
						   aead(rng.bytes(16), act, "invalid"))),
	};
	std::string text;
	VectorSummary s = run(good, &text);
	EXPECT_EQ(s.exit_code, 0) << text;
	EXPECT_EQ(s.failed, 0u) << text;
	EXPECT_EQ(s.passed,
		  2 * usable_impls(KCRYPTO_CHACHA).size() + 2 * usable_impls(KCRYPTO_POLY1305).size() +
			  2 * usable_impls(KCRYPTO_BLAKE2S).size() +
			  4 * vector_impl_combos(VectorKind::aead).size());

	// Each wrong expectation is one failure per implementation.
	const std::pair<std::string, std::string> wrong[] = {
		{"CHACHA20", chacha(bad_ct, "valid")},
		{"CHACHA20", chacha(ct, "invalid")},
		{"POLY1305", poly(bad_tag, "valid")},
		{"BLAKE2S", b2s(bad_dig, "valid")},
		{"BLAKE2S", b2s(dig, "invalid")},
		{"CHACHA20-POLY1305", aead(nonce, bad_act, "valid")},
		{"CHACHA20-POLY1305", aead(nonce, act, "invalid")},
		// An unsupported nonce size is only a pass when "invalid" is expected.
		{"CHACHA20-POLY1305", aead(rng.bytes(8), act, "valid")},
		{"XCHACHA20-POLY1305", aead(nonce, act, "valid")},
	};
	for (const auto &w : wrong) {
		std::string f = write("w.json", wycheproof(w.first, w.second));
		s = run({f}, &text);
		EXPECT_EQ(s.exit_code, 1) << w.second;
		EXPECT_EQ(s.passed, 0u) << text;
		EXPECT_GE(s.failed, 1u) << text;
		EXPECT_NE(text.find("FAIL "), std::string::npos) << text;
	}
}

TEST_F(VectorFiles, XdhAndKatList)
{
	// RFC 7748 section 6.1 (Alice's private key, Bob's public key).
	const std::string priv = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
	const std::string pub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
	const std::string shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
	auto xdh = [&](const std::string &sh, const char *res) {
		return "{\"public\": \"" + pub + "\", \"private\": \"" + priv +
		       "\", \"shared\": \"" + sh + "\", \"result\": \"" + res + "\"}";
	};
	const std::string curve = "\"curve\": \"curve25519\", ";
	std::string text;

	auto s = run({write("x.json", wycheproof("XDH", xdh(shared, "valid") + "," +
							       xdh(shared, "acceptable") + "," +
							       xdh(std::string(64, '0'), "invalid"),
						 curve))},
		     &text);
	EXPECT_EQ(s.exit_code, 0) << text;
	EXPECT_EQ(s.passed, 3 * usable_impls(KCRYPTO_X25519).size());

	// A wrong shared secret, and the zero secret claimed valid.
	for (const auto &bad : {xdh(std::string(63, '0') + "1", "valid"),
				xdh(shared, "invalid")}) {
		s = run({write("x.json", wycheproof("XDH", bad, curve))}, &text);
		EXPECT_EQ(s.exit_code, 1) << text;
	}
	const std::string low_order = "{\"public\": \"" + std::string(64, '0') +
				      "\", \"private\": \"" + priv + "\", \"shared\": \"" +
				      std::string(64, '0') + "\", \"result\": \"acceptable\"}";
	s = run({write("x.json", wycheproof("XDH", low_order, curve))}, &text);
	EXPECT_EQ(s.exit_code, 0) << "all-zero shared secret: " << text;

	// The KAT list: other hashes are ignored.
	Bytes out(32);
	kcrypto_blake2s(out.data(), 32, reinterpret_cast<const u8 *>("abc"), 3, nullptr, 0);
	const std::string kat = "[{\"hash\": \"blake2b\", \"in\": \"\", \"key\": \"\", "
				"\"out\": \"00\"}, {\"hash\": \"blake2s\", \"in\": \"616263\", "
				"\"key\": \"\", \"out\": \"" + h(out) + "\"}]";
	s = run({write("k.json", kat)}, &text);
	EXPECT_EQ(s.exit_code, 0) << text;
	EXPECT_EQ(s.passed, usable_impls(KCRYPTO_BLAKE2S).size());
	out[0] ^= 1;
	s = run({write("k.json", "[{\"hash\": \"blake2s\", \"in\": \"616263\", \"key\": \"\", "
				 "\"out\": \"" + h(out) + "\"}]")},
		&text);
	EXPECT_EQ(s.exit_code, 1) << text;
}

TEST_F(VectorFiles, BrokenFilesAreErrors)
{
	const std::string ok_test =
		"{\"key\": \"00\", \"msg\": \"\", \"digest\": \"00\", \"result\": \"invalid\"}";
	const std::pair<const char *, std::string> broken[] = {
		{"truncated", "{\"algorithm\": \"BLAKE2S\", \"testGroups\": [{\"tests\": ["},
		{"not json", "hello"},
		{"empty file", ""},
		{"top-level number", "42"},
		{"unknown algorithm", wycheproof("AES-GCM", ok_test)},
		{"XDH on curve448", wycheproof("XDH", "{}", "\"curve\": \"curve448\", ")},
		{"no algorithm", "{\"testGroups\": []}"},
		{"no test groups", "{\"algorithm\": \"BLAKE2S\"}"},
		{"no tests at all", wycheproof("BLAKE2S", "")},
		{"missing field", wycheproof("BLAKE2S", "{\"key\": \"00\", \"msg\": \"\", "
							"\"result\": \"valid\"}")},
		{"odd hex", wycheproof("BLAKE2S", "{\"key\": \"0\", \"msg\": \"\", "
						     "\"digest\": \"00\", \"result\": \"valid\"}")},
		{"non-hex", wycheproof("BLAKE2S", "{\"key\": \"zz\", \"msg\": \"\", "
						     "\"digest\": \"00\", \"result\": \"valid\"}")},
		{"hex as number", wycheproof("BLAKE2S", "{\"key\": 12, \"msg\": \"\", "
							   "\"digest\": \"00\", \"result\": \"valid\"}")},
		{"unknown result", wycheproof("BLAKE2S", "{\"key\": \"\", \"msg\": \"\", "
							    "\"digest\": \"00\", \"result\": \"maybe\"}")},
		{"KAT list without blake2s", "[{\"hash\": \"blake2b\", \"in\": \"\", "
					     "\"key\": \"\", \"out\": \"00\"}]"},
		{"KAT entry without hash", "[{\"in\": \"\", \"key\": \"\", \"out\": \"00\"}]"},
		{"counter not an integer",
		 wycheproof("CHACHA20", "{\"key\": \"\", \"iv\": \"\", \"counter\": 1.5, "
					"\"msg\": \"\", \"ct\": \"\", \"result\": \"invalid\"}")},
	};
	for (const auto &b : broken) {
		std::string text;
		auto s = run({write("broken.json", b.second)}, &text);
		EXPECT_EQ(s.exit_code, 2) << b.first << ": " << text;
		EXPECT_EQ(s.errors, 1u) << b.first;
		EXPECT_EQ(s.failed, 1u) << b.first;
		EXPECT_EQ(text.rfind("ERROR ", 0), 0u) << b.first << ": " << text;
	}

	// Unreadable: missing, and a directory.
	for (const auto &p : {(dir_ / "missing.json").string(), dir_.string()}) {
		std::string text;
		auto s = run({p}, &text);
		EXPECT_EQ(s.exit_code, 2) << p << ": " << text;
		EXPECT_NE(text.find("ERROR " + p), std::string::npos) << text;
		EXPECT_NE(text.find("0 passed, 1 failed"), std::string::npos) << text;
	}
}

// Parameters the API cannot take are refused without calling it: an
// "invalid" BLAKE2s out length must come back -EINVAL.
TEST_F(VectorFiles, OutOfRangeBlake2sParameters)
{
	const std::string tests =
		"{\"key\": \"\", \"msg\": \"\", \"digest\": \"\", \"result\": \"invalid\"}," +
		std::string("{\"key\": \"\", \"msg\": \"\", \"digest\": \"") +
		std::string(66, '0') + "\", \"result\": \"invalid\"}," +
		"{\"key\": \"" + std::string(66, '1') +
		"\", \"msg\": \"\", \"digest\": \"00\", \"result\": \"invalid\"}";
	std::string text;
	auto s = run({write("b.json", wycheproof("BLAKE2S", tests))}, &text);
	EXPECT_EQ(s.exit_code, 0) << text;
	EXPECT_EQ(s.passed, 3 * usable_impls(KCRYPTO_BLAKE2S).size());
}

} // namespace
} // namespace kcrypto::test
