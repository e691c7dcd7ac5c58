// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "json.h"

#include "hex.h"

#include <set>

namespace kcrypto::harness {

namespace {
// Deep enough for any vector file, shallow enough to never exhaust the stack.
constexpr int kMaxDepth = 64;
} // namespace

class JsonParser {
public:
	explicit JsonParser(const std::string &s) : s_(s) {}

	Json document()
	{
		skip_ws();
		Json v = value(0);
		skip_ws();
		if (pos_ != s_.size())
			fail("trailing characters after the document");
		return v;
	}

private:
	const std::string &s_;
	size_t pos_ = 0;

	[[noreturn]] void fail(const std::string &what) const
	{
		size_t line = 1, col = 1;
		for (size_t i = 0; i < pos_ && i < s_.size(); i++) {
			if (s_[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		throw JsonError("JSON error at line " + std::to_string(line) +
				" column " + std::to_string(col) + ": " + what);
	}

	bool eof() const { return pos_ >= s_.size(); }
	char peek() const { return eof() ? '\0' : s_[pos_]; }

	void skip_ws()
	{
		while (!eof() && (s_[pos_] == ' ' || s_[pos_] == '\t' ||
				  s_[pos_] == '\n' || s_[pos_] == '\r'))
			pos_++;
	}

	void expect(char c)
	{
		if (peek() != c || eof())
			fail(std::string("expected '") + c + "'");
		pos_++;
	}

	void literal(const char *word)
	{
		for (const char *p = word; *p; p++) {
			if (eof() || s_[pos_] != *p)
				fail(std::string("invalid literal, expected '") +
				     word + "'");
			pos_++;
		}
	}

	Json value(int depth)
	{
		if (depth > kMaxDepth)
			fail("nesting too deep");
		Json v;
		switch (peek()) {
		case '{':
			return object(depth);
		case '[':
			return array(depth);
		case '"':
			v.type_ = Json::Type::string;
			v.str_ = string();
			return v;
		case 't':
			literal("true");
			v.type_ = Json::Type::boolean;
			v.bool_ = true;
			return v;
		case 'f':
			literal("false");
			v.type_ = Json::Type::boolean;
			return v;
		case 'n':
			literal("null");
			return v;
		default:
			if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
				return number();
			fail(eof() ? "unexpected end of input" : "unexpected character");
		}
	}

	Json object(int depth)
	{
		Json v;
		std::set<std::string> seen;

		v.type_ = Json::Type::object;
		expect('{');
		skip_ws();
		if (peek() == '}' && !eof()) {
			pos_++;
			return v;
		}
		for (;;) {
			skip_ws();
			if (peek() != '"' || eof())
				fail("expected a string key");
			size_t key_pos = pos_;
			std::string key = string();
			if (!seen.insert(key).second) {
				pos_ = key_pos;
				fail("duplicate key \"" + key + "\"");
			}
			skip_ws();
			expect(':');
			skip_ws();
			Json member = value(depth + 1);
			v.obj_.emplace_back(std::move(key), std::move(member));
			skip_ws();
			if (peek() == ',' && !eof()) {
				pos_++;
				continue;
			}
			expect('}');
			return v;
		}
	}

	Json array(int depth)
	{
		Json v;

		v.type_ = Json::Type::array;
		expect('[');
		skip_ws();
		if (peek() == ']' && !eof()) {
			pos_++;
			return v;
		}
		for (;;) {
			skip_ws();
			v.arr_.push_back(value(depth + 1));
			skip_ws();
			if (peek() == ',' && !eof()) {
				pos_++;
				continue;
			}
			expect(']');
			return v;
		}
	}

	static bool digit(char c) { return c >= '0' && c <= '9'; }

	Json number()
	{
		size_t start = pos_;
		Json v;

		if (peek() == '-')
			pos_++;
		if (peek() == '0' && !eof()) {
			pos_++;
			if (digit(peek()))
				fail("leading zero in number");
		} else if (digit(peek())) {
			while (digit(peek()))
				pos_++;
		} else {
			fail("expected a digit");
		}
		if (peek() == '.') {
			pos_++;
			if (!digit(peek()))
				fail("expected a digit after '.'");
			while (digit(peek()))
				pos_++;
		}
		if (peek() == 'e' || peek() == 'E') {
			pos_++;
			if (peek() == '+' || peek() == '-')
				pos_++;
			if (!digit(peek()))
				fail("expected a digit in the exponent");
			while (digit(peek()))
				pos_++;
		}
		v.type_ = Json::Type::number;
		v.str_ = s_.substr(start, pos_ - start);
		return v;
	}

	unsigned hex4()
	{
		uint32_t v = 0, d;

		// Digit by digit, so that an error points at the bad one.
		for (int i = 0; i < 4; i++, pos_++) {
			if (eof())
				fail("unterminated \\u escape");
			if (kcrypto_hex_u32(&s_[pos_], 1, &d))
				fail("invalid hex digit in \\u escape");
			v = v << 4 | d;
		}
		return v;
	}

	static void put_utf8(std::string &out, uint32_t cp)
	{
		if (cp < 0x80) {
			out += static_cast<char>(cp);
		} else if (cp < 0x800) {
			out += static_cast<char>(0xc0 | cp >> 6);
			out += static_cast<char>(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			out += static_cast<char>(0xe0 | cp >> 12);
			out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		} else {
			out += static_cast<char>(0xf0 | cp >> 18);
			out += static_cast<char>(0x80 | (cp >> 12 & 0x3f));
			out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		}
	}

	// Validate one raw UTF-8 sequence starting at pos_ and copy it.
	void utf8_char(std::string &out)
	{
		const unsigned char c = static_cast<unsigned char>(s_[pos_]);
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			out += static_cast<char>(c);
			pos_++;
			return;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			fail("invalid UTF-8 in string");
		}
		if (pos_ + n >= s_.size())
			fail("truncated UTF-8 in string");
		for (size_t i = 1; i <= n; i++) {
			unsigned char cc = static_cast<unsigned char>(s_[pos_ + i]);
			if ((cc & 0xc0) != 0x80)
				fail("invalid UTF-8 in string");
			cp = cp << 6 | (cc & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			fail("invalid UTF-8 in string");
		out.append(s_, pos_, n + 1);
		pos_ += n + 1;
	}

	std::string string()
	{
		std::string out;

		expect('"');
		for (;;) {
			if (eof())
				fail("unterminated string");
			char c = s_[pos_];
			if (c == '"') {
				pos_++;
				return out;
			}
			if (static_cast<unsigned char>(c) < 0x20)
				fail("control character in string");
			if (c != '\\') {
				utf8_char(out);
				continue;
			}
			pos_++;
			if (eof())
				fail("unterminated escape");
			c = s_[pos_++];
			switch (c) {
			case '"': out += '"'; break;
			case '\\': out += '\\'; break;
			case '/': out += '/'; break;
			case 'b': out += '\b'; break;
			case 'f': out += '\f'; break;
			case 'n': out += '\n'; break;
			case 'r': out += '\r'; break;
			case 't': out += '\t'; break;
			case 'u': {
				uint32_t cp = hex4();
				if (cp >= 0xdc00 && cp <= 0xdfff)
					fail("unpaired low surrogate");
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (peek() != '\\' || pos_ + 1 >= s_.size() ||
					    s_[pos_ + 1] != 'u')
						fail("unpaired high surrogate");
					pos_ += 2;
					uint32_t lo = hex4();
					if (lo < 0xdc00 || lo > 0xdfff)
						fail("unpaired high surrogate");
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					     (lo - 0xdc00);
				}
				put_utf8(out, cp);
				break;
			}
			default:
				pos_--;
				fail("invalid escape");
			}
		}
	}
};

Json Json::parse(const std::string &text)
{
	return JsonParser(text).document();
}

const char *Json::type_name(Type t)
{
	switch (t) {
	case Type::null: return "null";
	case Type::boolean: return "boolean";
	case Type::number: return "number";
	case Type::string: return "string";
	case Type::array: return "array";
	case Type::object: return "object";
	}
	return "?";
}

static JsonError type_error(Json::Type want, Json::Type got)
{
	return JsonError(std::string("expected a JSON ") + Json::type_name(want) +
			 ", got " + Json::type_name(got));
}

bool Json::as_bool() const
{
	if (type_ != Type::boolean)
		throw type_error(Type::boolean, type_);
	return bool_;
}

const std::string &Json::as_string() const
{
	if (type_ != Type::string)
		throw type_error(Type::string, type_);
	return str_;
}

const std::string &Json::number_text() const
{
	if (type_ != Type::number)
		throw type_error(Type::number, type_);
	return str_;
}

int64_t Json::as_int() const
{
	const std::string &t = number_text();
	size_t i = 0;
	bool neg = false;
	uint64_t mag = 0;

	if (t[0] == '-') {
		neg = true;
		i = 1;
	}
	for (; i < t.size(); i++) {
		if (t[i] < '0' || t[i] > '9')
			throw JsonError("expected an integer, got " + t);
		unsigned d = t[i] - '0';
		if (mag > (UINT64_MAX - d) / 10)
			throw JsonError("integer out of range: " + t);
		mag = mag * 10 + d;
	}
	if (!neg && mag > static_cast<uint64_t>(INT64_MAX))
		throw JsonError("integer out of range: " + t);
	if (neg && mag > static_cast<uint64_t>(INT64_MAX) + 1)
		throw JsonError("integer out of range: " + t);
	return neg ? static_cast<int64_t>(0 - mag) : static_cast<int64_t>(mag);
}

const std::vector<Json> &Json::as_array() const
{
	if (type_ != Type::array)
		throw type_error(Type::array, type_);
	return arr_;
}

const std::vector<std::pair<std::string, Json>> &Json::as_object() const
{
	if (type_ != Type::object)
		throw type_error(Type::object, type_);
	return obj_;
}

const Json *Json::find(const std::string &key) const
{
	for (const auto &kv : as_object())
		if (kv.first == key)
			return &kv.second;
	return nullptr;
}

const Json &Json::at(const std::string &key) const
{
	const Json *v = find(key);

	if (!v)
		throw JsonError("missing key \"" + key + "\"");
	return *v;
}

} // namespace kcrypto::harness
