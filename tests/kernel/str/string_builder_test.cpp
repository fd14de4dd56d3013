// SPDX-License-Identifier: GPL-2.0
// kcxx::StringBuilder<N>: bounded formatting, truncation reported.
#include <kcxx/print.h>
#include <kcxx/string_builder.h>

#include "suites.h"

using namespace kcxx;

namespace {

void appends_text_and_numbers(test::Context &t)
{
	StringBuilder<64> sb;
	KCXX_EXPECT(t, sb.append("queue ").is_ok());
	KCXX_EXPECT(t, sb.append_int(-42).is_ok());
	KCXX_EXPECT(t, sb.append_char(' ').is_ok());
	KCXX_EXPECT(t, sb.append_uint(18000000000000000000ULL).is_ok());
	KCXX_EXPECT(t, sb.append(" 0x").is_ok());
	KCXX_EXPECT(t, sb.append_hex(0xbeef).is_ok());
	KCXX_EXPECT(t, sb.as_cstr() == CStr("queue -42 18000000000000000000 0xbeef"));
	KCXX_EXPECT_EQ(t, sb.size(), 37UL);
	KCXX_EXPECT(t, !sb.is_truncated());
}

void appendf_uses_the_kernel_formatter(test::Context &t)
{
	StringBuilder<128> sb;
	KCXX_ASSERT_OK(t, (sb.appendf<"%s=%d %5lu|%-3x|">(CStr("depth"), 7, 300UL, 0xaU)));
	KCXX_ASSERT_OK(t, (sb.appendf<" %pe">(code::ENOMEM))); // kernel extension
	KCXX_EXPECT(t, sb.as_cstr() == CStr("depth=7   300|a  | -ENOMEM"));
	pr_info("str: builder %s\n", sb.as_cstr());
}

void truncation_is_reported_never_overflows(test::Context &t)
{
	struct {
		StringBuilder<8> sb;
		char canary[8];
	} guarded;
	for (char &c : guarded.canary)
		c = 'C';
	StringBuilder<8> &sb = guarded.sb;
	KCXX_EXPECT(t, sb.append("abcd").is_ok());
	auto r = sb.append("efghij"); // 7 characters fit, plus the NUL
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::E2BIG);
	KCXX_EXPECT(t, sb.is_truncated());
	KCXX_EXPECT(t, sb.as_cstr() == CStr("abcdefg"));
	KCXX_EXPECT(t, sb.append_char('x').error() == code::E2BIG);
	KCXX_EXPECT(t, (sb.appendf<"%d">(12345)).error() == code::E2BIG);
	KCXX_EXPECT_EQ(t, sb.size(), 7UL);
	bool intact = true;
	for (char c : guarded.canary)
		intact = intact && c == 'C';
	KCXX_EXPECT(t, intact);
}

void truncated_format_keeps_what_fits(test::Context &t)
{
	StringBuilder<10> sb;
	auto r = sb.appendf<"%d-%d-%d">(1111, 2222, 3333);
	KCXX_EXPECT(t, r.is_error() && r.error() == code::E2BIG);
	KCXX_EXPECT(t, sb.as_cstr() == CStr("1111-2222"));
	sb.clear();
	KCXX_EXPECT(t, !sb.is_truncated() && sb.size() == 0);
	KCXX_EXPECT(t, (sb.appendf<"%d">(123456789)).is_ok()); // exactly fills 9 + NUL
	KCXX_EXPECT_EQ(t, sb.size(), 9UL);
}

void nul_characters_cannot_enter(test::Context &t)
{
	StringBuilder<16> sb;
	KCXX_EXPECT(t, sb.append_char('\0').error() == code::EINVAL);
	// %c of 0 from the formatter: the string ends there, reported.
	auto r = sb.appendf<"ab%cde">(0);
	KCXX_EXPECT(t, r.is_error());
	KCXX_EXPECT(t, sb.as_cstr() == CStr("ab"));
	KCXX_EXPECT_EQ(t, sb.size(), 2UL);
}

constexpr test::Case cases[] = {
	KCXX_CASE(appends_text_and_numbers),
	KCXX_CASE(appendf_uses_the_kernel_formatter),
	KCXX_CASE(truncation_is_reported_never_overflows),
	KCXX_CASE(truncated_format_keeps_what_fits),
	KCXX_CASE(nul_characters_cannot_enter),
};

} // namespace

constinit const test::Suite string_builder_suite{"kcxx_string_builder", cases};
