// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// A small strict JSON (RFC 8259) reader for the vector files: no comments,
// no trailing commas, no duplicate object keys, no NaN, no leading zeros,
// UTF-8 strings with \u escapes (surrogate pairs joined), bounded nesting.
// Anything else throws JsonError with the line and column.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kcrypto::harness {

class JsonError : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

class Json {
public:
	enum class Type { null, boolean, number, string, array, object };

	Json() = default;

	// Parse a complete document (surrounding whitespace only).
	static Json parse(const std::string &text);

	Type type() const { return type_; }
	bool is_null() const { return type_ == Type::null; }
	bool is_bool() const { return type_ == Type::boolean; }
	bool is_number() const { return type_ == Type::number; }
	bool is_string() const { return type_ == Type::string; }
	bool is_array() const { return type_ == Type::array; }
	bool is_object() const { return type_ == Type::object; }

	// Typed accessors throw JsonError on a type mismatch.
	bool as_bool() const;
	const std::string &as_string() const;
	// Exact integer value: the number must be written as an integer
	// (no fraction, no exponent) that fits in int64_t.
	int64_t as_int() const;
	// The number as written in the document.
	const std::string &number_text() const;
	const std::vector<Json> &as_array() const;
	// Object members in document order.
	const std::vector<std::pair<std::string, Json>> &as_object() const;

	// Object lookup: nullptr when absent (throws if not an object).
	const Json *find(const std::string &key) const;
	// Object lookup that throws JsonError naming @key when absent.
	const Json &at(const std::string &key) const;

	static const char *type_name(Type t);

private:
	friend class JsonParser;

	Type type_ = Type::null;
	bool bool_ = false;
	std::string str_;	// string value, or number text
	std::vector<Json> arr_;
	std::vector<std::pair<std::string, Json>> obj_;
};

} // namespace kcrypto::harness
