// SPDX-License-Identifier: GPL-2.0
// kcxx::parse<T>() and parse_bytes<T>(): numbers from text as the kernel's
// kstrto*() read them, for every integer type and bool.  (parse_from_user
// and read_from_buffer are driven from user space: the misc suite's
// kcxx-test-inplace device.)
#include <kcxx/parse.h>

#include "suites.h"

using namespace kcxx;

namespace {

template <typename T> bool parses_to(CStr text, T want)
{
	Result<T> got = parse<T>(text);
	return got.is_ok() && *got == want;
}

template <typename T> bool fails_with(CStr text, Error want)
{
	Result<T> got = parse<T>(text);
	return got.is_error() && got.error() == want;
}

void bases_sign_and_newline(test::Context &t)
{
	KCXX_EXPECT(t, parses_to<int>("42", 42));
	KCXX_EXPECT(t, parses_to<int>("42\n", 42));       // one trailing newline
	KCXX_EXPECT(t, parses_to<int>("+7", 7));
	KCXX_EXPECT(t, parses_to<int>("-0x10", -16));     // base 0: hexadecimal
	KCXX_EXPECT(t, parses_to<int>("010", 8));         // octal
	KCXX_EXPECT(t, parses_to<unsigned int>("0xffffffff", 0xffffffffU));
	KCXX_EXPECT(t, fails_with<int>("", code::EINVAL));
	KCXX_EXPECT(t, fails_with<int>("4 2", code::EINVAL));
	KCXX_EXPECT(t, fails_with<int>("42\n\n", code::EINVAL));
	KCXX_EXPECT(t, fails_with<int>(" 42", code::EINVAL));
	KCXX_EXPECT(t, fails_with<unsigned int>("-1", code::EINVAL)); // no sign for unsigned
}

void ranges_of_every_width(test::Context &t)
{
	KCXX_EXPECT(t, parses_to<u8>("255", u8(255)));
	KCXX_EXPECT(t, fails_with<u8>("256", code::ERANGE));
	KCXX_EXPECT(t, parses_to<s8>("-128", s8(-128)));
	KCXX_EXPECT(t, fails_with<s8>("128", code::ERANGE));
	KCXX_EXPECT(t, parses_to<u16>("65535", u16(65535)));
	KCXX_EXPECT(t, fails_with<u16>("0x10000", code::ERANGE));
	KCXX_EXPECT(t, fails_with<int>("2147483648", code::ERANGE));
	KCXX_EXPECT(t, parses_to<int>("-2147483648", -2147483647 - 1));
	KCXX_EXPECT(t, parses_to<u64>("18446744073709551615", ~0ULL));
	KCXX_EXPECT(t, fails_with<u64>("18446744073709551616", code::ERANGE));
	KCXX_EXPECT(t, parses_to<long>("-9223372036854775808", -9223372036854775807L - 1));
	KCXX_EXPECT(t, parses_to<unsigned long>("0x8000000000000000", 0x8000000000000000UL));
}

void booleans(test::Context &t)
{
	KCXX_EXPECT(t, parses_to<bool>("1", true));
	KCXX_EXPECT(t, parses_to<bool>("y", true));
	KCXX_EXPECT(t, parses_to<bool>("on\n", true));
	KCXX_EXPECT(t, parses_to<bool>("N", false));
	KCXX_EXPECT(t, parses_to<bool>("off", false));
	KCXX_EXPECT(t, fails_with<bool>("maybe", code::EINVAL));
}

void bytes_without_nul(test::Context &t)
{
	const char text[] = {'1', '2', '3', '\n'};       // no NUL: as write() data
	auto got = parse_bytes<u32>(Span<const char>(text));
	KCXX_ASSERT_OK(t, got);
	KCXX_EXPECT_EQ(t, *got, 123U);
	const u8 bytes[] = {'7', 0, 'x'};                  // a NUL ends the text
	auto early = parse_bytes<int>(Span<const u8>(bytes));
	KCXX_ASSERT_OK(t, early);
	KCXX_EXPECT_EQ(t, *early, 7);
	char long_text[max_text + 1];
	for (char &c : long_text)
		c = '1';
	KCXX_EXPECT(t, parse_bytes<u64>(Span<const char>(long_text)).error() == code::EINVAL);
	KCXX_EXPECT(t, parse_bytes<u64>(Span<const char>(long_text).first(max_text)).error() == code::ERANGE);
	KCXX_EXPECT(t, parse_bytes<int>(Span<const char>()).error() == code::EINVAL);
}

constexpr test::Case cases[] = {
	KCXX_CASE(bases_sign_and_newline),
	KCXX_CASE(ranges_of_every_width),
	KCXX_CASE(booleans),
	KCXX_CASE(bytes_without_nul),
};

} // namespace

constinit const test::Suite parse_suite{"kcxx_parse", cases};
