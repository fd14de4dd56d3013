// SPDX-License-Identifier: GPL-2.0
// kcxx/overflow.h: size arithmetic that cannot wrap.
#include <kcxx/overflow.h>

#include <limits>

#include "suites.h"

using namespace kcxx;

namespace {

constexpr unsigned long ulong_max = std::numeric_limits<unsigned long>::max();

// Also at compile time: the checks are constexpr.
static_assert(checked_mul(3UL, 4UL).value() == 12);
static_assert(checked_mul(ulong_max, 2UL).is_error());
static_assert(checked_add(ulong_max, 0UL).value() == ulong_max);

void mul_in_range_and_overflowing(test::Context &t)
{
	auto fits = checked_mul(1UL << 31, 1UL << 31);
	KCXX_ASSERT_OK(t, fits);
	KCXX_EXPECT_EQ(t, *fits, 1UL << 62);
	auto wraps = checked_mul(1UL << 32, 1UL << 32);
	KCXX_ASSERT(t, wraps.is_error());
	KCXX_EXPECT(t, wraps.error() == code::EOVERFLOW);
	// The classic bug: count * size wrapping to a small allocation.
	KCXX_EXPECT(t, checked_mul(ulong_max / 24 + 1, 24UL).is_error());
	KCXX_EXPECT(t, checked_mul(ulong_max / 24, 24UL).is_ok());
}

void add_sub_and_signed(test::Context &t)
{
	KCXX_EXPECT(t, checked_add(ulong_max, 1UL).error() == code::EOVERFLOW);
	KCXX_EXPECT(t, checked_sub(1UL, 2UL).error() == code::EOVERFLOW);
	KCXX_EXPECT_EQ(t, checked_sub(5L, 7L).value(), -2L);
	KCXX_EXPECT(t, checked_add(std::numeric_limits<int>::max(), 1).is_error());
	KCXX_EXPECT(t, checked_mul(std::numeric_limits<int>::min(), -1).is_error());
	unsigned long out = 0;
	KCXX_EXPECT(t, mul_fits(1000UL, 1000UL, &out) && out == 1000000UL);
	KCXX_EXPECT(t, !add_fits(ulong_max, 1UL, &out));
}

constexpr test::Case cases[] = {
	KCXX_CASE(mul_in_range_and_overflowing),
	KCXX_CASE(add_sub_and_signed),
};

} // namespace

constinit const test::Suite overflow_suite{"kcxx_overflow", cases};
