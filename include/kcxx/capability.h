// SPDX-License-Identifier: GPL-2.0
/// \file
/// Capability checks of the calling task (capable()).
///
///     if (!kcxx::capable(kcxx::Capability::sys_admin))
///         return kcxx::code::EACCES;
///
/// capable() also marks the task as having used the capability (audit, the
/// PF_SUPERPRIV flag), as the kernel's does.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

/// The capabilities kcxx code asks for (include/uapi/linux/capability.h;
/// the numbers are ABI, checked against the kernel's in the bindings).
enum class Capability : int {
	/// CAP_SYS_ADMIN: administration (an NVMe admin command, for one).
	sys_admin = 21,
};

/// Whether the current task has 'cap' (in the initial user namespace).
[[nodiscard]] inline bool capable(Capability cap)
{
	// SAFETY: capable() may be called from any task context.
	return bindings::capable(static_cast<int>(cap));
}

} // namespace kcxx
