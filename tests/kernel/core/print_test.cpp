// SPDX-License-Identifier: GPL-2.0
// Logging: every pr_* level reaches printk with the module prefix and the
// arguments the format names.  tests/vm/core.sh checks the exact text of
// the lines printed here in the kernel log.
#include <kcxx/print.h>

#include "suites.h"

using namespace kcxx;

namespace {

void every_level_prints(test::Context &t)
{
	KCXX_EXPECT(t, pr_emerg("print: level emerg\n") > 0);
	KCXX_EXPECT(t, pr_alert("print: level alert\n") > 0);
	KCXX_EXPECT(t, pr_crit("print: level crit\n") > 0);
	KCXX_EXPECT(t, pr_err("print: level err\n") > 0);
	KCXX_EXPECT(t, pr_warn("print: level warn\n") > 0);
	KCXX_EXPECT(t, pr_notice("print: level notice\n") > 0);
	KCXX_EXPECT(t, pr_info("print: level info\n") > 0);
}

void debug_is_compiled_out(test::Context &t)
{
	// Without KCXX_DEBUG pr_debug prints nothing, but is still checked.
	KCXX_EXPECT_EQ(t, pr_debug("print: debug %d\n", 1), 0);
}

void integers_of_every_size(test::Context &t)
{
	signed char c = -5;
	short s = -300;
	unsigned int u = 4000000000U;
	long l = -9000000000L;
	unsigned long long ull = 18000000000000000000ULL;
	unsigned long size = 4096;
	int n = pr_info("print: ints %hhd %hd %u %ld %llu %zu %x %5d|%-3d|\n", c, s, u, l, ull, size, 255U, 42, 7);
	KCXX_EXPECT(t, n > 0);
}

void strings_pointers_and_errors(test::Context &t)
{
	const char *name = "kcxx";
	char buffer[] = "buffer";
	int n = pr_info("print: str %s %s %.3s %*d err %pe %pe\n", name, buffer, "abcdef", 4, 9,
			code::ENOMEM, code::EINVAL);
	KCXX_EXPECT(t, n > 0);
	KCXX_EXPECT(t, pr_info("print: percent 100%%\n") > 0);
}

void continuation(test::Context &t)
{
	KCXX_EXPECT(t, pr_info("print: cont a") > 0);
	KCXX_EXPECT(t, pr_cont(" b %d\n", 3) > 0);
}

void format_checks_are_compile_time(test::Context &t)
{
	using format::Arg;
	using format::Problem;
	static_assert(format::check<int, long>("%d %ld").ok());
	static_assert(format::check<long>("%d").problem ==
		      Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier);
	static_assert(format::check<const char *>("%d").problem == Problem::the_conversion_needs_an_integer);
	static_assert(format::check<int>("%d %d").problem == Problem::more_conversions_than_arguments);
	static_assert(format::check<int, int>("%d").problem == Problem::more_arguments_than_conversions);
	KCXX_EXPECT(t, true);
}

constexpr test::Case cases[] = {
	KCXX_CASE(every_level_prints),
	KCXX_CASE(debug_is_compiled_out),
	KCXX_CASE(integers_of_every_size),
	KCXX_CASE(strings_pointers_and_errors),
	KCXX_CASE(continuation),
	KCXX_CASE(format_checks_are_compile_time),
};

} // namespace

constinit const test::Suite print_suite{"kcxx_print", cases};
