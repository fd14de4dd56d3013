// SPDX-License-Identifier: GPL-2.0
/// \file
/// Reporting broken invariants: kcxx::panic (the kernel cannot go on) and
/// kcxx::warn (a kernel WARNING with a backtrace, then go on).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/compiler.h>

namespace kcxx {

/// Stops the kernel.  For violated invariants only, never for errors that
/// callers can handle: those are kcxx::Result.
///
/// Always inlined: an out-of-line copy would be a weak symbol (kcxx
/// dissolves COMDAT groups), and objtool never takes a weak function for a
/// dead end, so each caller would "fall through".  Inlined, the call is to
/// the kernel's panic(), which objtool knows does not return.
[[noreturn, KCXX_COLD, gnu::always_inline]] inline void panic(const char *message)
{
	// SAFETY: "%s" consumes exactly the one string argument.
	bindings::panic("kcxx: %s\n", message);
}

/// A kernel WARNING (with backtrace) that lets execution continue.
[[KCXX_COLD]] inline void warn(const char *message)
{
	// SAFETY: the helper only formats the NUL-terminated message.
	bindings::kcxx_helper_warn(message);
}

} // namespace kcxx
