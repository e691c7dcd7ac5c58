// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vectors.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>

#include <kcrypto/blake2s.h>
#include <kcrypto/chacha.h>
#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/x25519.h>

#include "hex.h"
#include "json.h"

namespace kcrypto::harness {

namespace {

constexpr size_t kMaxFailuresShown = 10;
// Largest vector file read (the biggest shipped one is about 0.2 MiB).
constexpr size_t kMaxFileBytes = size_t(256) << 20;

// Never hand the library a NULL pointer, even for an empty buffer: the
// kernel tolerates memcpy(NULL, NULL, 0) but UBSan in the harness does not.
uint8_t dummy_byte;
const uint8_t *ptr(const Bytes &b) { return b.empty() ? &dummy_byte : b.data(); }
uint8_t *mptr(Bytes &b) { return b.empty() ? &dummy_byte : b.data(); }

Bytes hex_decode(const std::string &s, const std::string &field)
{
	if (s.size() % 2)
		throw VectorFileError("\"" + field + "\": odd number of hex digits");
	Bytes b(s.size() / 2);
	if (kcrypto_hex_bytes(b.data(), s.data(), b.size()))
		throw VectorFileError("\"" + field + "\": not a hex string");
	return b;
}

Bytes hex_field(const Json &obj, const char *field)
{
	const Json *v = obj.find(field);

	if (!v)
		throw VectorFileError(std::string("missing \"") + field + "\"");
	if (!v->is_string())
		throw VectorFileError(std::string("\"") + field +
				      "\": expected a hex string");
	return hex_decode(v->as_string(), field);
}

Expect parse_result(const Json &t)
{
	const Json *r = t.find("result");

	if (!r || !r->is_string())
		throw VectorFileError("missing \"result\"");
	const std::string &s = r->as_string();
	if (s == "valid")
		return Expect::valid;
	if (s == "invalid")
		return Expect::invalid;
	if (s == "acceptable")
		return Expect::acceptable;
	throw VectorFileError("\"result\": unknown value \"" + s + "\"");
}

VectorCase parse_wycheproof_case(VectorKind kind, const Json &t, size_t ordinal)
{
	VectorCase c;

	if (!t.is_object())
		throw VectorFileError("a test is not an object");
	if (const Json *id = t.find("tcId"))
		c.id = id->as_int();
	else
		c.id = static_cast<int64_t>(ordinal);
	if (const Json *cm = t.find("comment"))
		c.comment = cm->as_string();
	c.result = parse_result(t);

	switch (kind) {
	case VectorKind::aead:
	case VectorKind::xaead:
		c.key = hex_field(t, "key");
		c.iv = hex_field(t, "iv");
		c.aad = hex_field(t, "aad");
		c.msg = hex_field(t, "msg");
		c.ct = hex_field(t, "ct");
		c.tag = hex_field(t, "tag");
		break;
	case VectorKind::xdh:
		c.pub = hex_field(t, "public");
		c.priv = hex_field(t, "private");
		c.shared = hex_field(t, "shared");
		break;
	case VectorKind::chacha20: {
		c.key = hex_field(t, "key");
		c.iv = hex_field(t, "iv");
		c.msg = hex_field(t, "msg");
		c.ct = hex_field(t, "ct");
		const Json *ctr = t.find("counter");
		if (!ctr)
			throw VectorFileError("missing \"counter\"");
		c.counter = ctr->as_int();
		break;
	}
	case VectorKind::poly1305:
		c.key = hex_field(t, "key");
		c.msg = hex_field(t, "msg");
		c.tag = hex_field(t, "tag");
		break;
	case VectorKind::blake2s:
		c.key = hex_field(t, "key");
		c.msg = hex_field(t, "msg");
		c.digest = hex_field(t, "digest");
		break;
	}
	return c;
}

VectorFile parse_wycheproof(const Json &doc)
{
	VectorFile f;
	const Json *alg = doc.find("algorithm");

	if (!alg || !alg->is_string())
		throw VectorFileError("missing \"algorithm\"");
	const std::string &a = alg->as_string();
	if (a == "CHACHA20-POLY1305")
		f.kind = VectorKind::aead;
	else if (a == "XCHACHA20-POLY1305")
		f.kind = VectorKind::xaead;
	else if (a == "XDH")
		f.kind = VectorKind::xdh;
	else if (a == "CHACHA20")
		f.kind = VectorKind::chacha20;
	else if (a == "POLY1305")
		f.kind = VectorKind::poly1305;
	else if (a == "BLAKE2S")
		f.kind = VectorKind::blake2s;
	else
		throw VectorFileError("unknown algorithm \"" + a + "\"");

	const Json *groups = doc.find("testGroups");
	if (!groups || !groups->is_array())
		throw VectorFileError("missing \"testGroups\" array");
	size_t ordinal = 0;
	for (const Json &g : groups->as_array()) {
		if (!g.is_object())
			throw VectorFileError("a test group is not an object");
		if (f.kind == VectorKind::xdh) {
			const Json *curve = g.find("curve");
			if (!curve || !curve->is_string())
				throw VectorFileError("XDH group without \"curve\"");
			if (curve->as_string() != "curve25519")
				throw VectorFileError("unknown algorithm \"XDH\" on curve \"" +
						      curve->as_string() + "\"");
		}
		const Json *tests = g.find("tests");
		if (!tests || !tests->is_array())
			throw VectorFileError("test group without \"tests\" array");
		for (const Json &t : tests->as_array()) {
			ordinal++;
			try {
				f.cases.push_back(parse_wycheproof_case(f.kind, t, ordinal));
			} catch (const std::exception &e) {
				throw VectorFileError("test #" + std::to_string(ordinal) +
						      ": " + e.what());
			}
		}
	}
	return f;
}

VectorFile parse_kat_list(const Json &doc)
{
	VectorFile f;
	size_t ordinal = 0;

	f.kind = VectorKind::blake2s;
	for (const Json &e : doc.as_array()) {
		ordinal++;
		try {
			if (!e.is_object())
				throw VectorFileError("entry is not an object");
			const Json *hash = e.find("hash");
			if (!hash || !hash->is_string())
				throw VectorFileError("missing \"hash\"");
			if (hash->as_string() != "blake2s")
				continue;
			VectorCase c;
			c.id = static_cast<int64_t>(ordinal);
			c.msg = hex_field(e, "in");
			c.key = hex_field(e, "key");
			c.digest = hex_field(e, "out");
			c.comment = "in " + std::to_string(c.msg.size()) + " bytes, key " +
				    std::to_string(c.key.size()) + " bytes";
			f.cases.push_back(std::move(c));
		} catch (const std::exception &ex) {
			throw VectorFileError("entry #" + std::to_string(ordinal) + ": " +
					      ex.what());
		}
	}
	if (f.cases.empty())
		throw VectorFileError("KAT list has no blake2s entries");
	return f;
}

bool all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

Bytes concat(const Bytes &a, const Bytes &b)
{
	Bytes r(a);

	r.insert(r.end(), b.begin(), b.end());
	return r;
}

// A parameter set the API cannot express must be refused without calling
// into the library, and is a pass only when the file expects "invalid".
std::string rejected(const VectorCase &c, const std::string &what)
{
	if (c.result == Expect::invalid)
		return "";
	return what + " not supported, but the case expects a valid result";
}

std::string run_aead(bool x, const VectorCase &c)
{
	const size_t nonce_len = x ? KCRYPTO_XAEAD_NONCE_SIZE : KCRYPTO_AEAD_NONCE_SIZE;
	auto enc = x ? kcrypto_xchacha20poly1305_encrypt : kcrypto_chacha20poly1305_encrypt;
	auto dec = x ? kcrypto_xchacha20poly1305_decrypt : kcrypto_chacha20poly1305_decrypt;

	if (c.key.size() != KCRYPTO_AEAD_KEY_SIZE)
		return rejected(c, std::to_string(c.key.size()) + "-byte key");
	if (c.iv.size() != nonce_len)
		return rejected(c, std::to_string(c.iv.size()) + "-byte nonce");
	if (c.tag.size() != KCRYPTO_AEAD_TAG_SIZE)
		return rejected(c, std::to_string(c.tag.size()) + "-byte tag");

	const Bytes sealed = concat(c.ct, c.tag);
	Bytes out(c.ct.size() + 1, 0xa5);
	bool ok = dec(out.data(), sealed.data(), sealed.size(), ptr(c.aad),
		      c.aad.size(), c.iv.data(), c.key.data());
	if (out[c.ct.size()] != 0xa5)
		return "decrypt wrote past the plaintext";

	if (c.result == Expect::invalid) {
		if (ok)
			return "decrypt accepted an invalid ciphertext";
		if (!all_zero(out.data(), c.ct.size()))
			return "decrypt failed but did not wipe dst";
		return "";
	}
	if (!ok)
		return c.result == Expect::acceptable ? "" : "decrypt rejected a valid ciphertext";
	if (c.msg.size() != c.ct.size() ||
	    memcmp(out.data(), ptr(c.msg), c.msg.size()))
		return "decrypt: wrong plaintext";

	Bytes sealed2(sealed.size() + 1, 0xa5);
	enc(sealed2.data(), ptr(c.msg), c.msg.size(), ptr(c.aad), c.aad.size(),
	    c.iv.data(), c.key.data());
	if (sealed2[sealed.size()] != 0xa5)
		return "encrypt wrote past ciphertext + tag";
	sealed2.pop_back();
	if (sealed2 != sealed)
		return "encrypt: wrong ciphertext or tag";

	// In place, both directions.
	Bytes buf(sealed.size());
	std::copy(c.msg.begin(), c.msg.end(), buf.begin());
	enc(buf.data(), buf.data(), c.msg.size(), ptr(c.aad), c.aad.size(),
	    c.iv.data(), c.key.data());
	if (buf != sealed)
		return "in-place encrypt: wrong ciphertext or tag";
	if (!dec(buf.data(), buf.data(), buf.size(), ptr(c.aad), c.aad.size(),
		 c.iv.data(), c.key.data()) ||
	    memcmp(buf.data(), ptr(c.msg), c.msg.size()))
		return "in-place decrypt failed";
	return "";
}

std::string run_xdh(const VectorCase &c)
{
	if (c.priv.size() != KCRYPTO_X25519_KEY_SIZE)
		return rejected(c, std::to_string(c.priv.size()) + "-byte private key");
	if (c.pub.size() != KCRYPTO_X25519_KEY_SIZE)
		return rejected(c, std::to_string(c.pub.size()) + "-byte public key");
	if (c.shared.size() != KCRYPTO_X25519_KEY_SIZE)
		return rejected(c, std::to_string(c.shared.size()) + "-byte shared secret");

	uint8_t out[KCRYPTO_X25519_KEY_SIZE];
	memset(out, 0xa5, sizeof(out));
	bool ret = kcrypto_x25519(out, c.priv.data(), c.pub.data());
	bool match = !memcmp(out, c.shared.data(), sizeof(out));
	bool zero = all_zero(c.shared.data(), c.shared.size());

	if (c.result == Expect::invalid)
		return match ? "shared secret matches an invalid case" : "";
	if (!match)
		return "wrong shared secret";
	if (ret == zero)
		return zero ? "returned true for an all-zero shared secret"
			    : "returned false for a non-zero shared secret";
	return "";
}

std::string run_chacha20(const VectorCase &c)
{
	if (c.key.size() != KCRYPTO_CHACHA_KEY_SIZE)
		return rejected(c, std::to_string(c.key.size()) + "-byte key");
	if (c.iv.size() != KCRYPTO_CHACHA_NONCE_SIZE)
		return rejected(c, std::to_string(c.iv.size()) + "-byte nonce");
	if (c.counter < 0 || c.counter > UINT32_MAX)
		return rejected(c, "counter " + std::to_string(c.counter));
	if (c.msg.size() != c.ct.size())
		return rejected(c, "ciphertext length != message length");

	const u32 ctr = static_cast<u32>(c.counter);
	Bytes out(c.msg.size() + 1, 0xa5);
	kcrypto_chacha20(out.data(), ptr(c.msg), c.msg.size(), c.key.data(),
			 c.iv.data(), ctr);
	if (out[c.msg.size()] != 0xa5)
		return "wrote past the end of dst";
	out.pop_back();
	bool match = out == c.ct;
	if (c.result == Expect::invalid)
		return match ? "ciphertext matches an invalid case" : "";
	if (!match)
		return "wrong ciphertext";

	// Same through the state API, split at a block boundary, in place.
	Bytes buf(c.ct);
	struct kcrypto_chacha_state st;
	size_t first = buf.size() / 2 / KCRYPTO_CHACHA_BLOCK_SIZE *
		       KCRYPTO_CHACHA_BLOCK_SIZE;
	kcrypto_chacha_init(&st, c.key.data(), c.iv.data(), ctr);
	kcrypto_chacha_crypt(&st, mptr(buf), ptr(buf), first, 20);
	kcrypto_chacha_crypt(&st, mptr(buf) + first, ptr(buf) + first,
			     buf.size() - first, 20);
	kcrypto_chacha_zeroize(&st);
	if (buf != c.msg)
		return "state API (split, in place): wrong plaintext";
	return "";
}

std::string run_poly1305(const VectorCase &c)
{
	if (c.key.size() != KCRYPTO_POLY1305_KEY_SIZE)
		return rejected(c, std::to_string(c.key.size()) + "-byte key");
	if (c.tag.size() != KCRYPTO_POLY1305_MAC_SIZE)
		return rejected(c, std::to_string(c.tag.size()) + "-byte tag");

	uint8_t mac[KCRYPTO_POLY1305_MAC_SIZE];
	kcrypto_poly1305(mac, ptr(c.msg), c.msg.size(), c.key.data());
	bool match = !memcmp(mac, c.tag.data(), sizeof(mac));
	if (c.result == Expect::invalid)
		return match ? "tag matches an invalid case" : "";
	if (!match)
		return "wrong tag";

	struct kcrypto_poly1305_ctx ctx;
	size_t split = c.msg.size() / 3;
	kcrypto_poly1305_init(&ctx, c.key.data());
	kcrypto_poly1305_update(&ctx, ptr(c.msg), split);
	kcrypto_poly1305_update(&ctx, ptr(c.msg) + split, c.msg.size() - split);
	kcrypto_poly1305_final(&ctx, mac);
	if (memcmp(mac, c.tag.data(), sizeof(mac)))
		return "init/update/final: wrong tag";
	return "";
}

std::string run_blake2s(const VectorCase &c)
{
	const size_t outlen = c.digest.size();
	const bool params_ok = outlen >= 1 && outlen <= KCRYPTO_BLAKE2S_HASH_SIZE &&
			       c.key.size() <= KCRYPTO_BLAKE2S_KEY_SIZE;
	Bytes out(std::max<size_t>(outlen, KCRYPTO_BLAKE2S_HASH_SIZE) + 1, 0xa5);

	int rc = kcrypto_blake2s(out.data(), outlen, ptr(c.msg), c.msg.size(),
				 ptr(c.key), c.key.size());
	if (!params_ok) {
		if (rc != -EINVAL)
			return "out of range parameters not refused with -EINVAL";
		return rejected(c, std::to_string(outlen) + "-byte digest with " +
				   std::to_string(c.key.size()) + "-byte key");
	}
	if (rc)
		return "returned " + std::to_string(rc);
	if (out[outlen] != 0xa5)
		return "wrote past the digest";
	bool match = !memcmp(out.data(), c.digest.data(), outlen);
	if (c.result == Expect::invalid)
		return match ? "digest matches an invalid case" : "";
	if (!match)
		return "wrong digest";

	struct kcrypto_blake2s_ctx ctx;
	size_t split = c.msg.size() / 3;
	if (kcrypto_blake2s_init(&ctx, outlen, ptr(c.key), c.key.size()))
		return "init failed";
	kcrypto_blake2s_update(&ctx, ptr(c.msg), split);
	kcrypto_blake2s_update(&ctx, ptr(c.msg) + split, c.msg.size() - split);
	kcrypto_blake2s_final(&ctx, out.data());
	if (memcmp(out.data(), c.digest.data(), outlen))
		return "init/update/final: wrong digest";
	return "";
}

std::string read_file(const std::string &path)
{
	FILE *f = std::fopen(path.c_str(), "rb");

	if (!f)
		throw VectorFileError(std::string("cannot open: ") + std::strerror(errno));
	std::string s;
	char buf[65536];
	size_t n;
	while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
		// Bounded: a device or a runaway file is an error, not an OOM.
		if (s.size() + n > kMaxFileBytes) {
			std::fclose(f);
			throw VectorFileError("larger than " + std::to_string(kMaxFileBytes >> 20) +
					      " MiB");
		}
		s.append(buf, n);
	}
	int err = std::ferror(f) ? errno : 0;
	std::fclose(f);
	if (err)
		throw VectorFileError(std::string("cannot read: ") + std::strerror(err));
	return s;
}

} // namespace

const char *vector_kind_name(VectorKind k)
{
	switch (k) {
	case VectorKind::aead: return "chacha20poly1305";
	case VectorKind::xaead: return "xchacha20poly1305";
	case VectorKind::xdh: return "x25519";
	case VectorKind::chacha20: return "chacha20";
	case VectorKind::poly1305: return "poly1305";
	case VectorKind::blake2s: return "blake2s";
	}
	return "?";
}

VectorFile parse_vector_text(const std::string &text, const std::string &name)
{
	VectorFile f;

	try {
		Json doc = Json::parse(text);
		if (doc.is_object())
			f = parse_wycheproof(doc);
		else if (doc.is_array())
			f = parse_kat_list(doc);
		else
			throw VectorFileError("top level is neither an object nor a list");
	} catch (const JsonError &e) {
		throw VectorFileError(e.what());
	}
	if (f.cases.empty())
		throw VectorFileError("no test cases");
	f.path = name;
	return f;
}

VectorFile load_vector_file(const std::string &path)
{
	return parse_vector_text(read_file(path), path);
}

std::string run_vector_case(VectorKind kind, const VectorCase &c)
{
	switch (kind) {
	case VectorKind::aead: return run_aead(false, c);
	case VectorKind::xaead: return run_aead(true, c);
	case VectorKind::xdh: return run_xdh(c);
	case VectorKind::chacha20: return run_chacha20(c);
	case VectorKind::poly1305: return run_poly1305(c);
	case VectorKind::blake2s: return run_blake2s(c);
	}
	return "unknown kind";
}

std::vector<ImplCombo> vector_impl_combos(VectorKind kind)
{
	std::vector<ImplCombo> v;
	auto single = [&](Prim p) {
		for (auto &i : usable_impls(p))
			v.push_back({i.name, {i}});
	};

	switch (kind) {
	case VectorKind::aead:
	case VectorKind::xaead:
		// Every chacha core with every poly1305 core: the AEAD glue
		// must work whichever pair the kernel ends up binding.
		for (auto &c : usable_impls(KCRYPTO_CHACHA))
			for (auto &p : usable_impls(KCRYPTO_POLY1305))
				v.push_back({c.name + "+" + p.name, {c, p}});
		break;
	case VectorKind::xdh:
		single(KCRYPTO_X25519);
		break;
	case VectorKind::chacha20:
		single(KCRYPTO_CHACHA);
		break;
	case VectorKind::poly1305:
		single(KCRYPTO_POLY1305);
		break;
	case VectorKind::blake2s:
		single(KCRYPTO_BLAKE2S);
		break;
	}
	return v;
}

std::vector<VectorLine> run_vector_file(const VectorFile &f)
{
	std::vector<VectorLine> lines;

	for (const auto &combo : vector_impl_combos(f.kind)) {
		VectorLine l;
		std::vector<std::unique_ptr<ImplGuard>> guards;

		for (const auto &i : combo.impls)
			guards.push_back(std::make_unique<ImplGuard>(i));
		l.prim = vector_kind_name(f.kind);
		l.impl = combo.name;
		l.file = f.path;
		for (const auto &c : f.cases) {
			std::string why = run_vector_case(f.kind, c);
			l.total++;
			if (why.empty()) {
				l.passed++;
				continue;
			}
			std::string d = "tcId " + std::to_string(c.id);
			if (!c.comment.empty())
				d += " (" + c.comment + ")";
			l.failures.push_back(d + ": " + why);
		}
		lines.push_back(std::move(l));
	}
	return lines;
}

VectorSummary run_vector_files(const std::vector<std::string> &paths,
			       std::ostream &out, std::ostream &err)
{
	VectorSummary s;

	for (const auto &path : paths) {
		VectorFile f;
		try {
			f = load_vector_file(path);
		} catch (const VectorFileError &e) {
			out << "ERROR " << path << ": " << e.what() << "\n";
			s.errors++;
			s.failed++;
			continue;
		}
		for (const auto &l : run_vector_file(f)) {
			bool ok = l.passed == l.total;
			out << (ok ? "PASS " : "FAIL ") << l.prim << "/" << l.impl << " "
			    << l.file << ": " << l.passed << "/" << l.total << "\n";
			for (size_t i = 0; i < l.failures.size() && i < kMaxFailuresShown; i++)
				err << "  " << l.prim << "/" << l.impl << " " << l.file << ": "
				    << l.failures[i] << "\n";
			if (l.failures.size() > kMaxFailuresShown)
				err << "  ... and " << l.failures.size() - kMaxFailuresShown
				    << " more\n";
			s.passed += l.passed;
			s.failed += l.total - l.passed;
		}
	}
	out << s.passed << " passed, " << s.failed << " failed\n";
	out.flush();
	s.exit_code = s.errors ? 2 : s.failed ? 1 : 0;
	return s;
}

} // namespace kcrypto::harness
