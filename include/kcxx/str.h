// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::CStr: a borrowed, NUL-terminated string (Rust-for-Linux's CStr).
///
///     kcxx::CStr name = "kcxx";                          // checked at compile time
///     kcxx::CStr got = TRY(kcxx::CStr::from_bytes_with_nul(buf, n)); // checked at run time
///     pr_info("name=%s\n", name);                        // printk takes it for %s
///
/// A CStr can only be made from a string literal (or another constant
/// array), whose termination is checked by the compiler, or by a checked
/// conversion from bytes that returns a Result (EINVAL if there is no NUL or
/// a NUL inside).  There is no conversion from a plain 'const char *': its
/// length and termination are unknown.  A CStr does not own its bytes: it
/// must not outlive them (a literal lives forever).
///
/// printk: a CStr is accepted wherever printk's \%s is (kcxx/format.h lets a
/// type opt in with as_printk_arg()).
///
/// INVARIANT: ptr_ is not null, ptr_[len_] == '\0' and none of
/// ptr_[0 .. len_) is '\0'.
#pragma once

#include <kcxx/error.h>
#include <kcxx/result.h>

namespace kcxx {

class CStr;

namespace detail {
/// Named so that the compiler's "call to non-constexpr function" error says
/// what is wrong with the literal.
void CStr_literal_must_end_with_its_only_NUL();

CStr cstr_from_kernel(const char *s, unsigned long max);
} // namespace detail

/// A borrowed, NUL-terminated string: NUL-terminated by construction, its
/// length known (see kcxx/str.h).
class CStr {
public:
	/// The empty string.
	constexpr CStr() : ptr_(""), len_(0) {}

	/// From a string literal or a constant char array: 'consteval', so a
	/// runtime buffer does not compile; its only NUL must be the last byte.
	template <unsigned long N> consteval CStr(const char (&s)[N]) : ptr_(s), len_(N - 1)
	{
		for (unsigned long i = 0; i + 1 < N; ++i)
			if (s[i] == '\0')
				detail::CStr_literal_must_end_with_its_only_NUL();
		if (s[N - 1] != '\0')
			detail::CStr_literal_must_end_with_its_only_NUL();
	}

	/// From 'len' bytes that end with the string's only NUL: EINVAL
	/// otherwise (no NUL at the end, a NUL inside, len == 0).
	[[nodiscard]] static Result<CStr> from_bytes_with_nul(const char *bytes, unsigned long len)
	{
		if (!bytes || len == 0 || bytes[len - 1] != '\0')
			return code::EINVAL;
		for (unsigned long i = 0; i + 1 < len; ++i)
			if (bytes[i] == '\0')
				return code::EINVAL;
		return CStr(bytes, len - 1);
	}

	/// The string up to the first NUL among the 'capacity' bytes of a
	/// buffer: EINVAL if there is none.
	[[nodiscard]] static Result<CStr> from_bytes_until_nul(const char *bytes, unsigned long capacity)
	{
		if (!bytes)
			return code::EINVAL;
		for (unsigned long i = 0; i < capacity; ++i)
			if (bytes[i] == '\0')
				return CStr(bytes, i);
		return code::EINVAL;
	}

	/// The NUL-terminated characters, for C functions and printk's \%s.
	[[nodiscard]] constexpr const char *c_str() const { return ptr_; }
	/// The length, without the NUL.
	[[nodiscard]] constexpr unsigned long size() const { return len_; }
	/// Whether the string has no characters.
	[[nodiscard]] constexpr bool is_empty() const { return len_ == 0; }
	/// The character at 'index' < size(), or '\0' for any other index.
	[[nodiscard]] constexpr char at(unsigned long index) const { return index < len_ ? ptr_[index] : '\0'; }

	/// @{
	/// Iteration over the characters, without the NUL.
	constexpr const char *begin() const { return ptr_; }
	constexpr const char *end() const { return ptr_ + len_; }
	/// @}

	/// Whether the string starts with 'prefix'.
	[[nodiscard]] constexpr bool starts_with(CStr prefix) const
	{
		if (prefix.len_ > len_)
			return false;
		for (unsigned long i = 0; i < prefix.len_; ++i)
			if (ptr_[i] != prefix.ptr_[i])
				return false;
		return true;
	}

	/// Equal when both hold the same characters.
	friend constexpr bool operator==(CStr a, CStr b)
	{
		if (a.len_ != b.len_)
			return false;
		for (unsigned long i = 0; i < a.len_; ++i)
			if (a.ptr_[i] != b.ptr_[i])
				return false;
		return true;
	}

	/// What printk receives for \%s (kcxx/format.h).
	constexpr const char *as_printk_arg() const { return ptr_; }

private:
	friend CStr detail::cstr_from_kernel(const char *s, unsigned long max);
	constexpr CStr(const char *ptr, unsigned long len) : ptr_(ptr), len_(len) {}

	const char *ptr_;
	unsigned long len_;
};

namespace detail {
/// For kcxx's own headers only: a string the kernel hands out (a charp
/// parameter), read up to 'max' bytes; a null pointer reads as "".  The
/// caller guarantees that the bytes stay alive while the CStr is used.
inline CStr cstr_from_kernel(const char *s, unsigned long max)
{
	if (!s)
		return CStr();
	unsigned long n = 0;
	while (n < max && s[n])
		++n;
	if (n == max) // not terminated within max: refuse rather than read on
		return CStr();
	return CStr(s, n);
}
} // namespace detail

} // namespace kcxx
