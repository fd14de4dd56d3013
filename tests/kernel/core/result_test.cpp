// SPDX-License-Identifier: GPL-2.0
// kcxx::Result<T> and TRY.
#include <kcxx/result.h>

#include "suites.h"

using namespace kcxx;

namespace {

// Counts constructions and destructions, to see that Result destroys
// exactly the member that is alive.
struct Tracked {
	static inline int alive = 0;
	int value;
	explicit Tracked(int v) : value(v) { ++alive; }
	Tracked(Tracked &&other) : value(other.value) { ++alive; }
	~Tracked() { --alive; }
};

Result<int> parse_digit(char c)
{
	if (c < '0' || c > '9')
		return code::EINVAL;
	return c - '0';
}

Result<int> sum_digits(const char *s)
{
	int sum = 0;
	for (; *s; ++s)
		sum += TRY(parse_digit(*s));
	return sum;
}

Result<void> check_positive(int v)
{
	if (v <= 0)
		return code::ERANGE;
	return {};
}

Result<int> double_if_positive(int v)
{
	TRY(check_positive(v));
	return v * 2;
}

void ok_holds_value(test::Context &t)
{
	Result<int> r = 42;
	KCXX_ASSERT(t, r.is_ok());
	KCXX_EXPECT(t, static_cast<bool>(r));
	KCXX_EXPECT_EQ(t, *r, 42);
	KCXX_EXPECT_EQ(t, r.value(), 42);
}

void error_holds_error(test::Context &t)
{
	Result<int> r = code::ENOMEM;
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::ENOMEM);
	KCXX_EXPECT_EQ(t, Result<int>(code::EIO).value_or(7), 7);
}

void try_propagates_first_error(test::Context &t)
{
	Result<int> good = sum_digits("12345");
	KCXX_ASSERT_OK(t, good);
	KCXX_EXPECT_EQ(t, *good, 15);
	Result<int> bad = sum_digits("12x45");
	KCXX_ASSERT(t, bad.is_error());
	KCXX_EXPECT(t, bad.error() == code::EINVAL);
}

void try_on_result_void(test::Context &t)
{
	KCXX_EXPECT_EQ(t, double_if_positive(4).value_or(-1), 8);
	Result<int> r = double_if_positive(-4);
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::ERANGE);
}

void void_result_to_errno(test::Context &t)
{
	KCXX_EXPECT_EQ(t, check_positive(1).to_errno(), 0);
	KCXX_EXPECT_EQ(t, check_positive(0).to_errno(), -34);
}

void destroys_live_member_once(test::Context &t)
{
	Tracked::alive = 0;
	{
		Result<Tracked> r = Tracked(5);
		KCXX_EXPECT_EQ(t, Tracked::alive, 1);
		Result<Tracked> moved = static_cast<Result<Tracked> &&>(r);
		KCXX_EXPECT_EQ(t, moved->value, 5);
		KCXX_EXPECT_EQ(t, Tracked::alive, 2);
	}
	KCXX_EXPECT_EQ(t, Tracked::alive, 0);
	{
		Result<Tracked> e = code::EIO;
		KCXX_EXPECT_EQ(t, Tracked::alive, 0);
	}
	KCXX_EXPECT_EQ(t, Tracked::alive, 0);
}

void usable_in_constant_expressions(test::Context &t)
{
	static_assert(Result<int>(3).is_ok());
	static_assert(Result<int>(code::EIO).error() == code::EIO);
	static_assert(Result<int>(code::EIO).is_error());
	KCXX_EXPECT(t, true);
}

constexpr test::Case cases[] = {
	KCXX_CASE(ok_holds_value),
	KCXX_CASE(error_holds_error),
	KCXX_CASE(try_propagates_first_error),
	KCXX_CASE(try_on_result_void),
	KCXX_CASE(void_result_to_errno),
	KCXX_CASE(destroys_live_member_once),
	KCXX_CASE(usable_in_constant_expressions),
};

} // namespace

constinit const test::Suite result_suite{"kcxx_result", cases};
