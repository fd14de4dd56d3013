// SPDX-License-Identifier: GPL-2.0
/// \file
/// Compile-time checking of printk format strings against argument types.
///
/// kcxx::format::check<Args...>(fmt) walks a printk format at compile time
/// and reports the first mismatch between a conversion and its argument:
/// wrong kind (a string for \%d), wrong size (a long for \%d), too few or too
/// many arguments, a floating-point conversion (the kernel has none), \%n.
/// The pr_* macros (kcxx/print.h) reject a bad call at compile time; the
/// error names the Problem and the argument.
///
/// Needs no kernel: the host tests exercise it directly.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

namespace kcxx {

class Error;

namespace format {

/// What a printk conversion reads from the argument list.
enum class Slot {
	Int,      // %d %i %u %x %X %o %c with no length: int-sized or smaller
	Long,     // l, ll, z, t: 8 bytes
	Short,    // h
	Char,     // hh
	String,   // %s: const char *
	Pointer,  // %p and kernel extensions such as %pS
	ErrorPtr, // %pe: a kcxx::Error (or an ERR_PTR-style pointer)
};

/// The kind of an argument as printk will receive it.
enum class Arg { Integer4, Integer8, String, Pointer, Error, Unsupported };

/// A type opts in to printk by providing 'as_printk_arg() const', which
/// returns what printk receives (kcxx::CStr returns its const char *).
template <typename T> concept HasPrintkArg = requires(const T &t) { t.as_printk_arg(); };

/// The kind of argument printk receives for a T (Arg::Unsupported if none).
template <typename T> consteval Arg classify()
{
	using U = std::remove_cvref_t<std::decay_t<T>>;
	if constexpr (std::is_same_v<U, Error>)
		return Arg::Error;
	else if constexpr (std::is_same_v<U, bool>)
		return Arg::Unsupported; // print it as an int explicitly
	else if constexpr (std::is_integral_v<U> || std::is_enum_v<U>)
		return sizeof(U) <= 4 ? Arg::Integer4 : Arg::Integer8;
	else if constexpr (std::is_same_v<U, const char *> || std::is_same_v<U, char *>)
		return Arg::String;
	else if constexpr (std::is_pointer_v<U> || std::is_null_pointer_v<U>)
		return Arg::Pointer;
	else if constexpr (HasPrintkArg<U>) // a type that says what printk gets
		return classify<decltype(std::declval<const U &>().as_printk_arg())>();
	else
		return Arg::Unsupported;
}

/// What is wrong with a format, spelled so that a compiler error shows it.
enum class Problem {
	none,
	more_conversions_than_arguments,
	more_arguments_than_conversions,
	an_8_byte_integer_needs_the_l_ll_or_z_length_modifier,
	a_4_byte_integer_must_not_have_the_l_ll_or_z_length_modifier,
	the_conversion_needs_an_integer,
	percent_s_needs_a_const_char_pointer,
	percent_p_needs_a_pointer,
	percent_pe_needs_a_kcxx_Error,
	the_argument_type_cannot_be_printed_by_printk,
	the_L_q_and_j_length_modifiers_are_not_supported,
	percent_c_takes_no_length_modifier,
	percent_s_takes_no_length_modifier,
	percent_p_takes_no_length_modifier,
	percent_pV_is_not_supported,
	percent_n_is_not_supported_by_printk,
	the_kernel_has_no_floating_point_printing,
	the_format_ends_inside_a_conversion,
	unknown_conversion_character,
};

/// The result of a check.
struct Verdict {
	/// What is wrong (Problem::none if nothing).
	Problem problem;
	/// Which argument it is about, 1-based; 0 when it is about none.
	int argument; // 1-based; 0 when not about one argument
	/// Whether the format matched the arguments.
	constexpr bool ok() const { return problem == Problem::none; }
};

namespace detail {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr Problem accepts(Slot slot, Arg arg)
{
	switch (slot) {
	case Slot::Int:
	case Slot::Short:
	case Slot::Char:
		if (arg == Arg::Integer4)
			return Problem::none;
		return arg == Arg::Integer8 ? Problem::an_8_byte_integer_needs_the_l_ll_or_z_length_modifier
					    : Problem::the_conversion_needs_an_integer;
	case Slot::Long:
		if (arg == Arg::Integer8)
			return Problem::none;
		return arg == Arg::Integer4 ? Problem::a_4_byte_integer_must_not_have_the_l_ll_or_z_length_modifier
					    : Problem::the_conversion_needs_an_integer;
	case Slot::String:
		return arg == Arg::String ? Problem::none : Problem::percent_s_needs_a_const_char_pointer;
	case Slot::Pointer:
		return arg == Arg::Pointer || arg == Arg::String ? Problem::none : Problem::percent_p_needs_a_pointer;
	case Slot::ErrorPtr:
		return arg == Arg::Error || arg == Arg::Pointer ? Problem::none : Problem::percent_pe_needs_a_kcxx_Error;
	}
	return Problem::unknown_conversion_character;
}

} // namespace detail

/// Checks 'fmt' against the argument kinds 'args' (count 'n').
constexpr Verdict check(const char *fmt, const Arg *args, int n)
{
	int next = 0;
	auto take = [&](Slot slot) -> Verdict {
		if (next >= n)
			return {Problem::more_conversions_than_arguments, next + 1};
		Arg arg = args[next++];
		if (arg == Arg::Unsupported)
			return {Problem::the_argument_type_cannot_be_printed_by_printk, next};
		Problem problem = detail::accepts(slot, arg);
		return {problem, problem == Problem::none ? 0 : next};
	};

	for (const char *p = fmt; *p; ++p) {
		if (*p != '%')
			continue;
		++p;
		if (*p == '%')
			continue;
		while (*p == '-' || *p == '+' || *p == ' ' || *p == '#' || *p == '0')
			++p;
		// Width, then precision: digits, or '*' taking an int argument.
		for (bool precision : {false, true}) {
			if (precision) {
				if (*p != '.')
					break;
				++p;
			}
			if (*p == '*') {
				if (Verdict v = take(Slot::Int); !v.ok())
					return v;
				++p;
			}
			while (detail::is_digit(*p))
				++p;
		}
		Slot slot = Slot::Int;
		if (p[0] == 'h' && p[1] == 'h') {
			slot = Slot::Char;
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'l') {
			slot = Slot::Long;
			p += 2;
		} else if (*p == 'h') {
			slot = Slot::Short;
			++p;
		} else if (*p == 'l' || *p == 'z' || *p == 't' || *p == 'L' || *p == 'q' || *p == 'j') {
			if (*p == 'L' || *p == 'q' || *p == 'j')
				return {Problem::the_L_q_and_j_length_modifiers_are_not_supported, next + 1};
			slot = Slot::Long;
			++p;
		}
		switch (*p) {
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			break;
		case 'c':
			if (slot != Slot::Int)
				return {Problem::percent_c_takes_no_length_modifier, next + 1};
			break;
		case 's':
			if (slot != Slot::Int)
				return {Problem::percent_s_takes_no_length_modifier, next + 1};
			slot = Slot::String;
			break;
		case 'p':
			if (slot != Slot::Int)
				return {Problem::percent_p_takes_no_length_modifier, next + 1};
			slot = Slot::Pointer;
			if (p[1] == 'e') {
				slot = Slot::ErrorPtr;
			} else if (p[1] == 'V') {
				return {Problem::percent_pV_is_not_supported, next + 1};
			}
			// Kernel pointer extensions: %pS, %pK, %pe, %pM, ...
			while (detail::is_alpha(p[1]))
				++p;
			break;
		case 'n':
			return {Problem::percent_n_is_not_supported_by_printk, next + 1};
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			return {Problem::the_kernel_has_no_floating_point_printing, next + 1};
		case '\0':
			return {Problem::the_format_ends_inside_a_conversion, 0};
		default:
			return {Problem::unknown_conversion_character, next + 1};
		}
		if (Verdict v = take(slot); !v.ok())
			return v;
	}
	if (next != n)
		return {Problem::more_arguments_than_conversions, next + 1};
	return {Problem::none, 0};
}

/// Checks the printk format 'fmt' against the argument types Args, as printk
/// reads them; evaluated at compile time by pr_*() and dev_*().
template <typename... Args> constexpr Verdict check(const char *fmt)
{
	constexpr int n = sizeof...(Args);
	const Arg kinds[n + 1] = {classify<Args>()..., Arg::Unsupported};
	return check(fmt, kinds, n);
}

/// A string literal as a template argument: its characters live in a static
/// object, so the format reaches printk as a constant, with nothing copied.
template <std::size_t N> struct Literal {
	/// The literal's characters, with its NUL.
	char chars[N];
	/// Takes the characters of a string literal at compile time.
	consteval Literal(const char (&s)[N])
	{
		for (std::size_t i = 0; i < N; ++i)
			chars[i] = s[i];
	}
};

/// The characters of the format L at run time: a copy in a variable
/// template's instance, a static object of its own that compilers address
/// directly.  (clang 16 addresses the template parameter object L itself
/// through the GOT even with -fno-PIE - an R_X86_64_REX_GOTPCRELX
/// relocation, which the kernel's module loader refuses: "Unknown rela
/// relocation: 42".)
template <Literal L> inline constexpr decltype(L) stored = L;

} // namespace format
} // namespace kcxx
