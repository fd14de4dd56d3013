// SPDX-License-Identifier: GPL-2.0
// kcxx::Error: always a valid negative errno, with the kernel's values.
#include <kcxx/error.h>

#include "suites.h"

using namespace kcxx;

namespace {

void named_codes_are_negative_errnos(test::Context &t)
{
	KCXX_EXPECT_EQ(t, code::EPERM.to_errno(), -1);
	KCXX_EXPECT_EQ(t, code::ENOENT.to_errno(), -2);
	KCXX_EXPECT_EQ(t, code::ENOMEM.to_errno(), -12);
	KCXX_EXPECT_EQ(t, code::EFAULT.to_errno(), -14);
	KCXX_EXPECT_EQ(t, code::EINVAL.to_errno(), -22);
	KCXX_EXPECT_EQ(t, code::ENOTTY.to_errno(), -25);
	KCXX_EXPECT_EQ(t, code::ERESTARTSYS.to_errno(), -512);
}

void from_errno_keeps_valid_codes(test::Context &t)
{
	KCXX_EXPECT(t, Error::from_errno(-12) == code::ENOMEM);
	KCXX_EXPECT_EQ(t, Error::from_errno(-1).to_errno(), -1);
	KCXX_EXPECT_EQ(t, Error::from_errno(-4095).to_errno(), -4095);
}

void from_errno_turns_invalid_codes_into_einval(test::Context &t)
{
	// Each of these prints one warning line (not a WARNING splat).
	KCXX_EXPECT(t, Error::from_errno(0) == code::EINVAL);
	KCXX_EXPECT(t, Error::from_errno(5) == code::EINVAL);
	KCXX_EXPECT(t, Error::from_errno(-4096) == code::EINVAL);
}

void names_known_codes(test::Context &t)
{
	KCXX_EXPECT(t, detail::equal(code::ENOMEM.name(), "ENOMEM"));
	KCXX_EXPECT(t, detail::equal(code::ENOTTY.name(), "ENOTTY"));
	KCXX_EXPECT(t, Error::from_errno(-133).name() == nullptr); // EHWPOISON: not named
}

void is_a_constant_expression(test::Context &t)
{
	constexpr Error e = code::EBUSY;
	static_assert(e.to_errno() == -KCXX_EBUSY);
	static_assert(code::EAGAIN != code::EINTR);
	KCXX_EXPECT_EQ(t, e.to_errno(), -16);
}

constexpr test::Case cases[] = {
	KCXX_CASE(named_codes_are_negative_errnos),
	KCXX_CASE(from_errno_keeps_valid_codes),
	KCXX_CASE(from_errno_turns_invalid_codes_into_einval),
	KCXX_CASE(names_known_codes),
	KCXX_CASE(is_a_constant_expression),
};

} // namespace

constinit const test::Suite error_suite{"kcxx_error", cases};
