// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Error: a kernel error code.
///
/// INVARIANT: an Error always holds a valid negative errno, in
/// [-MAX_ERRNO, -1], so it can be returned to the kernel as it is.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

/// A kernel error code, always a valid negative errno in [-MAX_ERRNO, -1], so
/// it can be returned to the kernel as it is.
class Error {
public:
	/// The Error for a negative errno from the kernel.  A value outside
	/// [-MAX_ERRNO, -1] is a bug in the caller: it is reported with a
	/// warning and replaced by -EINVAL, so the invariant holds.
	static Error from_errno(int errno_value)
	{
		if (errno_value < -KCXX_MAX_ERRNO || errno_value >= 0) {
			// SAFETY: "%d" matches the int argument.
			bindings::_printk("\0014kcxx: invalid errno %d, using -EINVAL\n", errno_value);
			return Error(-KCXX_EINVAL);
		}
		return Error(errno_value);
	}

	/// The negative errno, for returning to C.
	[[nodiscard]] constexpr int to_errno() const { return code_; }

	/// The symbolic name ("ENOMEM"), or nullptr for a code kcxx does not name.
	[[nodiscard]] constexpr const char *name() const;

	/// Equal when the errno values are.
	friend constexpr bool operator==(Error, Error) = default;

private:
	template <int Errno> friend struct ErrorCode;
	explicit constexpr Error(int code) : code_(code) {}

	int code_;
};

/// Compile-time construction of the named codes below.
template <int Errno> struct ErrorCode {
	static_assert(Errno > 0 && Errno <= KCXX_MAX_ERRNO);
	/// The Error for errno value Errno, checked at compile time.
	static constexpr Error value{-Errno};
};

/// The named error codes, with the target kernel's values.
namespace code {
#define KCXX_ERRNO(name) inline constexpr Error name = ErrorCode<KCXX_##name>::value;
#include <kcxx_errno_list.h>
#undef KCXX_ERRNO
} // namespace code

/// \cond
constexpr const char *Error::name() const
{
#define KCXX_ERRNO(name)                 \
	if (code_ == -KCXX_##name)       \
		return #name;
#include <kcxx_errno_list.h>
#undef KCXX_ERRNO
	return nullptr;
}
/// \endcond

} // namespace kcxx
