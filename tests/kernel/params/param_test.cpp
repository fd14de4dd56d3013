// SPDX-License-Identifier: GPL-2.0
// Typed, validated module parameters (declared in params.h).  The cases
// change values through the same path as insmod and sysfs writes and restore
// them.
#include <kcxx/print.h>
#include <kcxx/string_builder.h>
#include <kcxx/test.h>

#include "params.h"
#include "suites.h"

using namespace kcxx;

namespace {

// Restores a number parameter when the case ends.
template <typename P> struct Restore {
	P &param;
	typename P::ValueType saved;
	explicit Restore(P &p) : param(p), saved(p.get()) {}
	~Restore() { (void)param.set(saved); }
};

int set_text(const bindings::kernel_param &kp, const char *text)
{
	return detail::param_set_text(kp, text);
}

void defaults_at_load(test::Context &t)
{
	// tests/vm/params.sh loads this module without arguments.
	KCXX_EXPECT_EQ(t, level.get(), 3);
	KCXX_EXPECT_EQ(t, count.get(), 10U);
	KCXX_EXPECT_EQ(t, offset.get(), -5L);
	KCXX_EXPECT_EQ(t, limit.get(), 1UL << 40);
	KCXX_EXPECT(t, !verbose.get());
	KCXX_EXPECT_EQ(t, hidden.get(), 1);
	StringBuilder<160> sb;
	KCXX_ASSERT_OK(t, describe_params(sb));
	KCXX_EXPECT(t, sb.as_cstr() == CStr("level=3 count=10 offset=-5 limit=1099511627776 verbose=0 hidden=1 label=kcxx"));
}

void entries_match_the_declarations(test::Context &t)
{
	KCXX_EXPECT(t, CStr::from_bytes_until_nul(kcxx_param_level.name, 16).value() == CStr("level"));
	KCXX_EXPECT(t, kcxx_param_level.mod == &bindings::__this_module);
	KCXX_EXPECT_EQ(t, kcxx_param_level.perm, 0644);
	KCXX_EXPECT_EQ(t, kcxx_param_count.perm, 0444);
	KCXX_EXPECT_EQ(t, kcxx_param_offset.perm, 0600);
	KCXX_EXPECT_EQ(t, kcxx_param_hidden.perm, 0);
	KCXX_EXPECT_EQ(t, kcxx_param_level.level, -1);
	KCXX_EXPECT(t, kcxx_param_level.arg == level.arg());
	KCXX_EXPECT(t, kcxx_param_label.ops == &bindings::param_ops_charp);
	KCXX_EXPECT(t, kcxx_param_verbose.ops->flags == KCXX_KERNEL_PARAM_OPS_FL_NOARG);
	KCXX_EXPECT(t, kcxx_param_level.ops->get == &bindings::param_get_int);
}

void valid_text_is_stored(test::Context &t)
{
	Restore r(level);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, "5"), 0);
	KCXX_EXPECT_EQ(t, level.get(), 5);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, "0x7\n"), 0); // base 0, sysfs newline
	KCXX_EXPECT_EQ(t, level.get(), 7);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, "0"), 0);
	KCXX_EXPECT_EQ(t, level.get(), 0);
}

void out_of_range_is_einval_and_keeps_the_value(test::Context &t)
{
	Restore r(level);
	KCXX_ASSERT_OK(t, level.set(4));
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, "8"), code::EINVAL.to_errno());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, "-1"), code::EINVAL.to_errno());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, "99999999999"), code::ERANGE.to_errno());
	KCXX_EXPECT_EQ(t, level.get(), 4);
	Restore o(offset);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_offset, "-1001"), code::EINVAL.to_errno());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_offset, "-1000"), 0);
	KCXX_EXPECT_EQ(t, offset.get(), -1000L);
}

void garbage_is_einval(test::Context &t)
{
	Restore r(level);
	Restore c(count);
	KCXX_ASSERT_OK(t, level.set(2));
	for (const char *bad : {"abc", "", "3x", "1.5", " "})
		KCXX_EXPECT_EQ(t, set_text(kcxx_param_level, bad), code::EINVAL.to_errno());
	KCXX_EXPECT_EQ(t, level.get(), 2);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_count, "-1"), code::EINVAL.to_errno()); // unsigned
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_count, "4294967296"), code::ERANGE.to_errno());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_count, "4294967295"), 0);
	KCXX_EXPECT_EQ(t, count.get(), 4294967295U);
}

void unsigned_long_full_range(test::Context &t)
{
	Restore r(limit);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_limit, "18446744073709551615"), 0);
	KCXX_EXPECT_EQ(t, limit.get(), 18446744073709551615UL);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_limit, "18446744073709551616"), code::ERANGE.to_errno());
	KCXX_EXPECT_EQ(t, limit.get(), 18446744073709551615UL);
}

void bools_parse_like_the_kernel(test::Context &t)
{
	Restore r(verbose);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_verbose, "y"), 0);
	KCXX_EXPECT(t, verbose.get());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_verbose, "N"), 0);
	KCXX_EXPECT(t, !verbose.get());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_verbose, nullptr), 0); // bare 'verbose'
	KCXX_EXPECT(t, verbose.get());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_verbose, "maybe"), code::EINVAL.to_errno());
	KCXX_EXPECT(t, verbose.get());
}

void set_from_cxx_is_validated(test::Context &t)
{
	Restore r(level);
	KCXX_EXPECT(t, level.set(6).is_ok());
	KCXX_EXPECT_EQ(t, level.get(), 6);
	auto bad = level.set(8);
	KCXX_EXPECT(t, bad.is_error() && bad.error() == code::EINVAL);
	KCXX_EXPECT_EQ(t, level.get(), 6);
	Restore h(hidden);
	KCXX_EXPECT(t, hidden.set(-7).is_ok()); // no range: any int
	KCXX_EXPECT_EQ(t, hidden.get(), -7);
}

void strings_are_read_under_the_lock(test::Context &t)
{
	StringBuilder<64> saved;
	(void)label.with_value([&](CStr s) { return saved.append(s); });
	KCXX_ASSERT(t, !saved.is_truncated());
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_label, "renamed"), 0);
	bool same = label.with_value([](CStr s) { return s == CStr("renamed"); });
	KCXX_EXPECT(t, same);
	unsigned long n = label.with_value([](CStr s) { return s.size(); });
	KCXX_EXPECT_EQ(t, n, 7UL);
	KCXX_EXPECT_EQ(t, set_text(kcxx_param_label, saved.c_str()), 0); // restore
	bool restored = label.with_value([&](CStr s) { return s == saved.as_cstr(); });
	KCXX_EXPECT(t, restored);
}

constexpr test::Case cases[] = {
	KCXX_CASE(defaults_at_load),
	KCXX_CASE(entries_match_the_declarations),
	KCXX_CASE(valid_text_is_stored),
	KCXX_CASE(out_of_range_is_einval_and_keeps_the_value),
	KCXX_CASE(garbage_is_einval),
	KCXX_CASE(unsigned_long_full_range),
	KCXX_CASE(bools_parse_like_the_kernel),
	KCXX_CASE(set_from_cxx_is_validated),
	KCXX_CASE(strings_are_read_under_the_lock),
};

} // namespace

constinit const test::Suite param_suite{"kcxx_module_param", cases};
