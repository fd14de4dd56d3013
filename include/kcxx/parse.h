// SPDX-License-Identifier: GPL-2.0
/// \file
/// Numbers (and booleans) from text, exactly as the kernel's kstrto*() read
/// them: base 0 (decimal, 0x.. hexadecimal, 0.. octal), a leading '+' (and
/// '-' for signed types), one trailing newline; EINVAL for anything else,
/// ERANGE for a value that does not fit T.  bool: kstrtobool() (1/0, y/n,
/// on/off, ...).
///
///     unsigned int n = TRY(kcxx::parse<unsigned int>(text));     // a CStr
///     u64 n = TRY(kcxx::parse_bytes<u64>(bytes));                // not NUL-terminated
///
///     // write(): all the bytes user space wrote ("42\n"), as kstrtoint_from_user()
///     Result<void> write(kcxx::File &, kcxx::UserSliceReader &in, kcxx::i64 &) const
///     {
///         int value = TRY(kcxx::parse_from_user<int>(in));
///         ...
///     }
///
/// T: any integer type (char types too), or bool.  The text is at most
/// 'max_text' (31) characters for parse_bytes() and parse_from_user(),
/// EINVAL beyond, as for the kernel's *_from_user() variants.
#pragma once

#include <limits>
#include <type_traits>

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/str.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

namespace kcxx {

// kstrtol() and kstrtoul() are kstrtoll() and kstrtoull() where long is
// long long's size (include/linux/kstrtox.h), as on x86-64.
static_assert(sizeof(long) == sizeof(long long));

/// Parses a whole NUL-terminated text as kstrto*() would (see the file
/// comment): EINVAL for anything but one number, ERANGE if it does not fit T.
template <typename T>
	requires std::is_integral_v<T>
[[nodiscard]] Result<T> parse(CStr text)
{
	if constexpr (std::is_same_v<T, bool>) {
		bool value;
		// SAFETY: text is NUL-terminated (CStr INVARIANT); value is ours.
		int err = bindings::kstrtobool(text.c_str(), &value);
		if (err)
			return Error::from_errno(err);
		return value;
	} else if constexpr (std::is_signed_v<T>) {
		long long value;
		// SAFETY: as for bool.
		int err = bindings::kstrtoll(text.c_str(), 0, &value);
		if (err)
			return Error::from_errno(err);
		if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max())
			return code::ERANGE;
		return static_cast<T>(value);
	} else {
		unsigned long long value;
		// SAFETY: as for bool.
		int err = bindings::kstrtoull(text.c_str(), 0, &value);
		if (err)
			return Error::from_errno(err);
		if (value > std::numeric_limits<T>::max())
			return code::ERANGE;
		return static_cast<T>(value);
	}
}

/// The longest text parse_bytes() and parse_from_user() take.
inline constexpr unsigned long max_text = 31;

/// 'text' need not be NUL-terminated (a NUL ends it early).
template <typename T, typename C>
	requires std::is_integral_v<T> && (std::is_same_v<std::remove_const_t<C>, char> ||
					   std::is_same_v<std::remove_const_t<C>, u8>)
[[nodiscard]] Result<T> parse_bytes(Span<C> text)
{
	char buffer[max_text + 1] = {};
	if (text.size() > max_text)
		return code::EINVAL;
	unsigned long i = 0;
	for (C c : text)
		buffer[i++] = static_cast<char>(c);
	return parse<T>(TRY(CStr::from_bytes_until_nul(buffer, sizeof(buffer))));
}

/// Reads all that is left of 'in' (a write()'s data) and parses it:
/// EINVAL for more than max_text bytes, EFAULT for a bad address.
template <typename T>
	requires std::is_integral_v<T>
[[nodiscard]] Result<T> parse_from_user(UserSliceReader &in)
{
	char buffer[max_text] = {};
	if (in.len() > max_text)
		return code::EINVAL;
	Span<char> text = Span<char>(buffer).first(in.len());
	TRY(in.read_slice(text));
	return parse_bytes<T>(Span<const char>(text));
}

} // namespace kcxx
