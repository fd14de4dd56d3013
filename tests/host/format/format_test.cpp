// SPDX-License-Identifier: GPL-2.0
// kcxx::format::check: what printk formats the pr_* macros accept.  The
// checker is pure constexpr code, so it is tested on the host, at run time
// here and at compile time by the static_asserts.
#include <kcxx/format.h>

#include <gtest/gtest.h>

namespace kcxx {
class Error {}; // stands in for the kernel-side kcxx::Error
} // namespace kcxx

using kcxx::format::check;
using kcxx::format::Problem;

static_assert(check<int>("%d").ok());
static_assert(check<long>("%d").problem == Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier);

TEST(FormatCheck, IntegersMatchByLengthModifier)
{
	EXPECT_TRUE((check<int, unsigned, short, char>("%d %u %hd %c").ok()));
	EXPECT_TRUE((check<signed char, unsigned char>("%hhd %hhu").ok()));
	EXPECT_TRUE((check<long, unsigned long, long long, unsigned long long>("%ld %lu %lld %llu").ok()));
	EXPECT_TRUE((check<unsigned long, long>("%zu %zd").ok()));
	EXPECT_TRUE((check<unsigned, unsigned long>("%x %lX").ok()));
	EXPECT_EQ(check<int>("%ld").problem, Problem::a_4_byte_integer_must_not_have_the_l_ll_or_z_length_modifier);
	EXPECT_EQ(check<unsigned long>("%u").problem,
		  Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier);
}

TEST(FormatCheck, ReportsTheArgumentNumber)
{
	auto v = check<int, long, int>("%d %d %d");
	EXPECT_EQ(v.problem, Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier);
	EXPECT_EQ(v.argument, 2);
}

TEST(FormatCheck, CountsArguments)
{
	EXPECT_EQ(check<int>("%d %d").problem, Problem::more_conversions_than_arguments);
	EXPECT_EQ((check<int, int>("%d").problem), Problem::more_arguments_than_conversions);
	EXPECT_EQ(check<int>("no conversions").problem, Problem::more_arguments_than_conversions);
	EXPECT_TRUE(check<>("plain text, 100%% sure").ok());
}

TEST(FormatCheck, StarTakesAnInt)
{
	EXPECT_TRUE((check<int, int>("%*d").ok()));
	EXPECT_TRUE((check<int, const char *>("%.*s").ok()));
	auto star = check<long, int>("%*d");
	EXPECT_EQ(star.problem, Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier);
}

TEST(FormatCheck, StringsAndPointers)
{
	char buffer[4] = "abc";
	(void)buffer;
	EXPECT_TRUE((check<const char *, char *>("%s %s").ok()));
	EXPECT_TRUE((check<decltype(+buffer)>("%s").ok()));
	EXPECT_EQ(check<int>("%s").problem, Problem::percent_s_needs_a_const_char_pointer);
	EXPECT_TRUE((check<void *, const int *, const char *>("%p %px %pS").ok()));
	EXPECT_EQ(check<int>("%p").problem, Problem::percent_p_needs_a_pointer);
	EXPECT_EQ(check<const char *>("%d").problem, Problem::the_conversion_needs_an_integer);
}

TEST(FormatCheck, ErrorsPrintWithPercentPe)
{
	EXPECT_TRUE(check<kcxx::Error>("%pe").ok());
	EXPECT_EQ(check<kcxx::Error>("%d").problem, Problem::the_conversion_needs_an_integer);
	EXPECT_EQ(check<int>("%pe").problem, Problem::percent_pe_needs_a_kcxx_Error);
}

TEST(FormatCheck, RejectsWhatPrintkCannotDo)
{
	EXPECT_EQ(check<double>("%f").problem, Problem::the_kernel_has_no_floating_point_printing);
	EXPECT_EQ(check<int *>("%n").problem, Problem::percent_n_is_not_supported_by_printk);
	EXPECT_EQ(check<void *>("%pV").problem, Problem::percent_pV_is_not_supported);
	EXPECT_EQ(check<bool>("%d").problem, Problem::the_argument_type_cannot_be_printed_by_printk);
	EXPECT_EQ(check<int>("%").problem, Problem::the_format_ends_inside_a_conversion);
	EXPECT_EQ(check<int>("%y").problem, Problem::unknown_conversion_character);
	EXPECT_EQ(check<long>("%jd").problem, Problem::the_L_q_and_j_length_modifiers_are_not_supported);
	EXPECT_EQ(check<const char *>("%ls").problem, Problem::percent_s_takes_no_length_modifier);
}

TEST(FormatCheck, FlagsWidthAndPrecision)
{
	EXPECT_TRUE((check<int, int, unsigned long>("%-5d|%08x|%#.3lx").ok()));
	EXPECT_TRUE((check<const char *>("%-10.4s").ok()));
}

namespace {
// A type that opts in to printk, as kcxx::CStr does.
struct Named {
	const char *text;
	const char *as_printk_arg() const { return text; }
};
struct Counter {
	long n;
	long as_printk_arg() const { return n; }
};
} // namespace

TEST(FormatCheck, TypesOptInWithAsPrintkArg)
{
	EXPECT_TRUE((check<Named>("%s").ok()));
	EXPECT_TRUE((check<const Named &>("%-8s|%p").problem == Problem::more_conversions_than_arguments));
	EXPECT_EQ(check<Named>("%d").problem, Problem::the_conversion_needs_an_integer);
	EXPECT_TRUE((check<Counter>("%ld").ok()));
	EXPECT_EQ(check<Counter>("%d").problem, Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier);
}

TEST(FormatLiteral, KeepsTheCharacters)
{
	constexpr kcxx::format::Literal<4> lit("abc");
	static_assert(lit.chars[0] == 'a' && lit.chars[3] == '\0');
	EXPECT_EQ(lit.chars[2], 'c');
}
