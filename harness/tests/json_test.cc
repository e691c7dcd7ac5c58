// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// The strict JSON reader of the vector files.
#include "common.h"
#include "json.h"

namespace kcrypto::test {
namespace {

using harness::Json;
using harness::JsonError;

TEST(Json, Values)
{
	Json v = Json::parse(R"( {"a": [1, -2, 3.5e2, true, false, null, "x"],
				   "b": {}, "c": [], "d": "\u00e9\ud83d\ude00\n\"\\/"} )");
	ASSERT_TRUE(v.is_object());
	const auto &a = v.at("a").as_array();
	ASSERT_EQ(a.size(), 7u);
	EXPECT_EQ(a[0].as_int(), 1);
	EXPECT_EQ(a[1].as_int(), -2);
	EXPECT_EQ(a[2].number_text(), "3.5e2");
	EXPECT_THROW(a[2].as_int(), JsonError);
	EXPECT_TRUE(a[3].as_bool());
	EXPECT_FALSE(a[4].as_bool());
	EXPECT_TRUE(a[5].is_null());
	EXPECT_EQ(a[6].as_string(), "x");
	EXPECT_TRUE(v.at("b").as_object().empty());
	EXPECT_TRUE(v.at("c").as_array().empty());
	EXPECT_EQ(v.at("d").as_string(), "\xc3\xa9\xf0\x9f\x98\x80\n\"\\/");
	EXPECT_EQ(v.find("zz"), nullptr);
	EXPECT_THROW(v.at("zz"), JsonError);
	EXPECT_THROW(v.at("a").as_string(), JsonError);
	EXPECT_EQ(v.as_object()[0].first, "a");	// document order
}

TEST(Json, Integers)
{
	EXPECT_EQ(Json::parse("9223372036854775807").as_int(), INT64_MAX);
	EXPECT_EQ(Json::parse("-9223372036854775808").as_int(), INT64_MIN);
	EXPECT_THROW(Json::parse("9223372036854775808").as_int(), JsonError);
	EXPECT_THROW(Json::parse("1.0").as_int(), JsonError);
	EXPECT_EQ(Json::parse("-0").as_int(), 0);
	EXPECT_EQ(Json::parse("4294967295").as_int(), 4294967295ll);
}

TEST(Json, RejectsMalformed)
{
	const char *bad[] = {
		"",
		"   ",
		"{",
		"[1,]",
		"{\"a\":1,}",
		"{\"a\" 1}",
		"{a:1}",
		"{'a':1}",
		"[01]",
		"[1.]",
		"[.5]",
		"[1e]",
		"[+1]",
		"[NaN]",
		"[Infinity]",
		"[tru]",
		"[nul]",
		"\"abc",
		"\"a\tb\"",
		"\"\\x\"",
		"\"\\u12g4\"",
		"\"\\ud800\"",
		"\"\\udc00\"",
		"\"\\ud800\\u0041\"",
		"\"\xff\"",
		"\"\xc3\"",
		"\"\xc0\xaf\"",
		"\"\xed\xa0\x80\"",
		"{\"a\":1,\"a\":2}",
		"[1] [2]",
		"[1] x",
		"// comment\n[1]",
		"[1 2]",
		"{\"a\":1 \"b\":2}",
	};
	for (const char *s : bad)
		EXPECT_THROW(Json::parse(s), JsonError) << "accepted: " << s;
}

TEST(Json, DepthLimit)
{
	std::string ok(60, '['), deep(100000, '[');
	ok += std::string(60, ']');
	EXPECT_NO_THROW(Json::parse(ok));
	EXPECT_THROW(Json::parse(deep), JsonError);
}

TEST(Json, ErrorNamesLineAndColumn)
{
	try {
		Json::parse("{\n  \"a\": [1,\n   ]\n}");
		FAIL() << "accepted a trailing comma";
	} catch (const JsonError &e) {
		EXPECT_NE(std::string(e.what()).find("line 3 column 4"), std::string::npos)
			<< e.what();
	}
}

} // namespace
} // namespace kcrypto::test
