// SPDX-License-Identifier: GPL-2.0
//
// Reporting broken invariants: kcxx::panic (the kernel cannot go on) and
// kcxx::warn (a kernel WARNING with a backtrace, then go on).
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

// Stops the kernel.  For violated invariants only, never for errors that
// callers can handle: those are kcxx::Result.
[[noreturn, gnu::cold]] inline void panic(const char *message)
{
	// SAFETY: "%s" consumes exactly the one string argument.
	bindings::panic("kcxx: %s\n", message);
}

// A kernel WARNING (with backtrace) that lets execution continue.
[[gnu::cold]] inline void warn(const char *message)
{
	// SAFETY: the helper only formats the NUL-terminated message.
	bindings::kcxx_helper_warn(message);
}

} // namespace kcxx
