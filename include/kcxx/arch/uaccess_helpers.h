// SPDX-License-Identifier: GPL-2.0
/// \file
/// get_user()/put_user() through C helpers (bindings/helpers/user_mm.c) that
/// expand the kernel's own macros, for the architectures whose user access
/// is an inline sequence with exception-table entries that C++ should not
/// repeat: arm64 and riscv (their kcxx/arch/ARCH/uaccess.h say what the
/// sequence is).  x86 calls the kernel's exported __get_user_N instead
/// (kcxx/arch/x86/uaccess.h).  Included by kcxx/arch/ARCH/uaccess.h only.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx::detail::arch {

/// get_user() of a 1, 2, 4 or 8-byte integer: true if it was read.
template <typename T> [[gnu::always_inline]] inline bool get_user(T &value, unsigned long from)
{
	const void *user = reinterpret_cast<const void *>(from);
	// SAFETY: 'from' is an untrusted user address; the helper's
	// get_user() checks it (access_ok) and reads it with fault handling.
	// 'value' is written only on success.
	if constexpr (sizeof(T) == 1) {
		unsigned char v;
		if (bindings::kcxx_helper_get_user_1(&v, user))
			return false;
		value = static_cast<T>(v);
	} else if constexpr (sizeof(T) == 2) {
		unsigned short v;
		if (bindings::kcxx_helper_get_user_2(&v, user))
			return false;
		value = static_cast<T>(v);
	} else if constexpr (sizeof(T) == 4) {
		unsigned int v;
		if (bindings::kcxx_helper_get_user_4(&v, user))
			return false;
		value = static_cast<T>(v);
	} else {
		unsigned long long v;
		if (bindings::kcxx_helper_get_user_8(&v, user))
			return false;
		value = static_cast<T>(v);
	}
	return true;
}

/// put_user() of a 1, 2, 4 or 8-byte integer: true if it was written.
template <typename T> [[gnu::always_inline]] inline bool put_user(T value, unsigned long to)
{
	void *user = reinterpret_cast<void *>(to);
	// SAFETY: 'to' is an untrusted user address; the helper's put_user()
	// checks it and writes it with fault handling.
	if constexpr (sizeof(T) == 1)
		return bindings::kcxx_helper_put_user_1(static_cast<unsigned char>(value), user) == 0;
	else if constexpr (sizeof(T) == 2)
		return bindings::kcxx_helper_put_user_2(static_cast<unsigned short>(value), user) == 0;
	else if constexpr (sizeof(T) == 4)
		return bindings::kcxx_helper_put_user_4(static_cast<unsigned int>(value), user) == 0;
	else
		return bindings::kcxx_helper_put_user_8(static_cast<unsigned long long>(value), user) == 0;
}

} // namespace kcxx::detail::arch
