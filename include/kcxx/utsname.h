// SPDX-License-Identifier: GPL-2.0
/// \file
/// The running kernel's identity (init_utsname()): what 'uname -m' and
/// 'uname -r' print in the initial UTS namespace.  The strings live as long
/// as the kernel and may be read in any context, panic included.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx::utsname {

/// "x86_64"
[[nodiscard]] inline const char *machine()
{
	// SAFETY: returns a pointer into init_uts_ns, which is never freed.
	return bindings::kcxx_helper_utsname_machine();
}

/// "6.12.117+deb12-amd64"
[[nodiscard]] inline const char *release()
{
	// SAFETY: as machine().
	return bindings::kcxx_helper_utsname_release();
}

} // namespace kcxx::utsname
