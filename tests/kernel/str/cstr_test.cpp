// SPDX-License-Identifier: GPL-2.0
// kcxx::CStr: NUL-terminated strings, from literals (checked at compile
// time) or from bytes (checked at run time).
#include <kcxx/print.h>
#include <kcxx/str.h>

#include "suites.h"

using namespace kcxx;

namespace {

// The checks run at compile time too.
constexpr CStr compiled = "kcxx";
static_assert(compiled.size() == 4 && compiled.at(4) == '\0');
static_assert(CStr("") == CStr() && CStr().is_empty());
static_assert(CStr("abc") != CStr("abd") && CStr("abc").starts_with("ab"));

void literal_length_and_bytes(test::Context &t)
{
	CStr s = "hello";
	KCXX_EXPECT_EQ(t, s.size(), 5UL);
	KCXX_EXPECT_EQ(t, s.c_str()[5], '\0');
	KCXX_EXPECT_EQ(t, s.at(1), 'e');
	KCXX_EXPECT_EQ(t, s.at(99), '\0'); // out of range reads as NUL, never beyond
	unsigned long n = 0;
	for (char c : s)
		n += c != '\0';
	KCXX_EXPECT_EQ(t, n, 5UL);
}

void from_bytes_with_nul_checks_termination(test::Context &t)
{
	const char good[] = {'o', 'k', '\0'};
	auto a = CStr::from_bytes_with_nul(good, sizeof(good));
	KCXX_ASSERT_OK(t, a);
	KCXX_EXPECT(t, *a == CStr("ok"));

	const char unterminated[] = {'n', 'o'};
	KCXX_EXPECT(t, CStr::from_bytes_with_nul(unterminated, sizeof(unterminated)).error() == code::EINVAL);
	const char interior[] = {'a', '\0', 'b', '\0'};
	KCXX_EXPECT(t, CStr::from_bytes_with_nul(interior, sizeof(interior)).error() == code::EINVAL);
	KCXX_EXPECT(t, CStr::from_bytes_with_nul(good, 0).error() == code::EINVAL);
	KCXX_EXPECT(t, CStr::from_bytes_with_nul(nullptr, 3).error() == code::EINVAL);
}

void from_bytes_until_nul_stops_at_capacity(test::Context &t)
{
	char buffer[16] = "abc";
	auto a = CStr::from_bytes_until_nul(buffer, sizeof(buffer));
	KCXX_ASSERT_OK(t, a);
	KCXX_EXPECT_EQ(t, a->size(), 3UL);
	KCXX_EXPECT(t, a->c_str() == buffer); // a view, not a copy
	for (char &c : buffer)
		c = 'x';
	// No NUL within the buffer: refused instead of reading past it.
	KCXX_EXPECT(t, CStr::from_bytes_until_nul(buffer, sizeof(buffer)).error() == code::EINVAL);
}

void compare_and_prefix(test::Context &t)
{
	const char bytes[] = "queue0";
	CStr runtime = KCXX_ASSERT_TRY(t, CStr::from_bytes_with_nul(bytes, sizeof(bytes)));
	KCXX_EXPECT(t, runtime == CStr("queue0"));
	KCXX_EXPECT(t, runtime != CStr("queue1"));
	KCXX_EXPECT(t, runtime.starts_with("queue"));
	KCXX_EXPECT(t, !runtime.starts_with("queue00"));
	KCXX_EXPECT(t, runtime.starts_with(CStr()));
}

void printk_takes_a_cstr(test::Context &t)
{
	CStr name = "kcxx-cstr";
	// %s with a CStr argument: checked at compile time like a const char *.
	int n = pr_info("str: printk %s|%-10s|%.4s|\n", name, CStr("pad"), name);
	KCXX_EXPECT(t, n > 0);
}

constexpr test::Case cases[] = {
	KCXX_CASE(literal_length_and_bytes),
	KCXX_CASE(from_bytes_with_nul_checks_termination),
	KCXX_CASE(from_bytes_until_nul_stops_at_capacity),
	KCXX_CASE(compare_and_prefix),
	KCXX_CASE(printk_takes_a_cstr),
};

} // namespace

constinit const test::Suite cstr_suite{"kcxx_cstr", cases};
