// SPDX-License-Identifier: GPL-2.0
/// \file
/// Logging at the kernel's pr_* levels, with the format checked against the
/// arguments at compile time.
///
///     pr_info("queue %d has %lu requests\n", index, count);
///     pr_err("probe failed: %pe\n", error);      // a kcxx::Error
///
/// Each message is prefixed with the module name, like Rust's pr_* macros
/// (and like pr_fmt(fmt) KBUILD_MODNAME ": " fmt in C).  The format string
/// goes to printk as a constant: the macros cost exactly a call to _printk.
/// A mismatch (see kcxx/format.h) is a compile error whose instantiation
/// names the problem and the argument number.
///
/// pr_debug prints only when KCXX_DEBUG is defined, but is always checked.
#pragma once

#include <type_traits>

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/format.h>

namespace kcxx::detail {

template <format::Problem P, int Argument> struct PrintkFormatCheck {
	static_assert(P == format::Problem::none,
		      "kcxx: the printk format string does not match its arguments: "
		      "the instantiation of PrintkFormatCheck above names the Problem and the 1-based Argument");
	static constexpr bool ok = true;
};

/// An argument as printk receives it.
template <typename T> constexpr auto printk_arg(T value)
{
	if constexpr (std::is_same_v<T, Error>)
		return reinterpret_cast<const void *>(static_cast<long>(value.to_errno())); // ERR_PTR
	else if constexpr (std::is_enum_v<T>)
		return static_cast<std::underlying_type_t<T>>(value);
	else if constexpr (format::HasPrintkArg<T>)
		return value.as_printk_arg();
	else
		return value;
}

template <format::Literal Format, typename... Args> inline int printk(Args... args)
{
	constexpr format::Verdict verdict = format::check<Args...>(Format.chars);
	static_assert(PrintkFormatCheck<verdict.problem, verdict.argument>::ok);
	// SAFETY: the format was checked against the argument types above.
	return bindings::_printk(format::stored<Format>.chars, printk_arg(args)...);
}

} // namespace kcxx::detail

#ifndef KBUILD_MODNAME
/// The prefix of pr_*()'s lines when the build does not set it (Kbuild
/// sets it to the module's name).
#define KBUILD_MODNAME "kcxx"
#endif

#ifdef KCXX_DEBUG
/// Whether pr_debug() prints: 1 when the module is built with KCXX_DEBUG
/// defined, 0 otherwise (its arguments are still checked).
#define KCXX_DEBUG_ENABLED 1
#else
/// Whether pr_debug() prints: 1 when the module is built with KCXX_DEBUG
/// defined, 0 otherwise (its arguments are still checked).
#define KCXX_DEBUG_ENABLED 0
#endif

#define KCXX_PRINTK(level, fmt, ...) \
	::kcxx::detail::printk<"\001" level KBUILD_MODNAME ": " fmt>(__VA_ARGS__)

/// @{
/// Logs at one level (pr_emerg() ... pr_debug()): printk() with
/// "KBUILD_MODNAME: " before the format, and the format checked against
/// the arguments at compile time (kcxx/format.h).
#define pr_emerg(fmt, ...) KCXX_PRINTK("0", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_alert(fmt, ...) KCXX_PRINTK("1", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_crit(fmt, ...) KCXX_PRINTK("2", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_err(fmt, ...) KCXX_PRINTK("3", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_warn(fmt, ...) KCXX_PRINTK("4", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_notice(fmt, ...) KCXX_PRINTK("5", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_info(fmt, ...) KCXX_PRINTK("6", fmt __VA_OPT__(, ) __VA_ARGS__)
#define pr_debug(fmt, ...) \
	(KCXX_DEBUG_ENABLED ? KCXX_PRINTK("7", fmt __VA_OPT__(, ) __VA_ARGS__) : 0)
	/// @}
/// Continues the previous line: no level and no prefix.
#define pr_cont(fmt, ...) \
	::kcxx::detail::printk<"\001" "c" fmt>(__VA_ARGS__)
