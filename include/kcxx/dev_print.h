// SPDX-License-Identifier: GPL-2.0
/// \file
/// Logging against a device (dev_emerg ... dev_info), with the
/// format checked against the arguments at compile time like pr_*
/// (kcxx/print.h, kcxx/format.h).
///
///     kcxx::Device &dev = registration->device();
///     dev_info(dev, "ready: %d queues\n", count);
///     dev_err(dev, "reset failed: %pe\n", error);
///
/// The kernel prefixes each line with the driver and device name ("misc
/// kcxx-misc: ready: 4 queues"), so there is no KBUILD_MODNAME prefix.  The
/// macros call the exported _dev_info() ... _dev_emerg() directly, as C's
/// dev_info() does; they return nothing (void, as in C). 
/// (No dev_dbg yet: C routes it through dynamic debug.)
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/device.h>
#include <kcxx/format.h>
#include <kcxx/print.h>

namespace kcxx::detail {

using DevPrintFunction = void (*)(const bindings::device *, const char *, ...);

template <DevPrintFunction Print, format::Literal Format, typename... Args>
inline void dev_print(const Device &dev, Args... args)
{
	constexpr format::Verdict verdict = format::check<Args...>(Format.chars);
	static_assert(PrintkFormatCheck<verdict.problem, verdict.argument>::ok);
	// SAFETY: dev is a live struct device (Device INVARIANT); the format
	// was checked against the argument types above.
	Print(dev.as_raw(), format::stored<Format>.chars, printk_arg(args)...);
}

} // namespace kcxx::detail

#define KCXX_DEV_PRINT(function, dev, fmt, ...) \
	::kcxx::detail::dev_print<&::kcxx::bindings::function, fmt>((dev)__VA_OPT__(, ) __VA_ARGS__)

/// @{
/// Logs at one level against a kcxx device (dev_emerg() ... dev_info()):
/// dev_printk() with the format checked against the arguments at compile time;
/// the line is prefixed with the driver and device name.
#define dev_emerg(dev, fmt, ...) KCXX_DEV_PRINT(_dev_emerg, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
#define dev_alert(dev, fmt, ...) KCXX_DEV_PRINT(_dev_alert, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
#define dev_crit(dev, fmt, ...) KCXX_DEV_PRINT(_dev_crit, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
#define dev_err(dev, fmt, ...) KCXX_DEV_PRINT(_dev_err, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
#define dev_warn(dev, fmt, ...) KCXX_DEV_PRINT(_dev_warn, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
#define dev_notice(dev, fmt, ...) KCXX_DEV_PRINT(_dev_notice, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
#define dev_info(dev, fmt, ...) KCXX_DEV_PRINT(_dev_info, dev, fmt __VA_OPT__(, ) __VA_ARGS__)
/// @}
