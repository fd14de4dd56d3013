// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::StringBuilder\<N\>: text assembled in a fixed buffer of N bytes (no
/// allocation), always NUL-terminated, never overflowing.
///
///     kcxx::StringBuilder<64> sb;
///     TRY(sb.append("queue "));
///     TRY(sb.append_int(index));
///     TRY(sb.appendf<" depth=%u">(depth));   // format checked at compile time
///     pr_info("%s\n", sb.as_cstr());
///
/// Each append writes as much as fits and returns a Result: E2BIG when the
/// text was truncated (as strscpy does), after which is_truncated() stays
/// true until clear().  appendf formats with the kernel's snprintf; its
/// format is checked against the arguments at compile time exactly like the
/// pr_* macros (kcxx/format.h), and CStr and kcxx::Error arguments work as
/// they do there.
///
/// INVARIANT: len_ < N, buf_[len_] == '\0' and no byte of buf_[0 .. len_) is
/// '\0' (so the contents are always a valid CStr).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/format.h>
#include <kcxx/print.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

namespace kcxx {

/// Text assembled in a fixed buffer of N bytes (no allocation), always
/// NUL-terminated, never overflowing (see kcxx/string_builder.h).
template <unsigned long N> class StringBuilder {
	static_assert(N >= 1, "a StringBuilder needs room for the NUL");
	static_assert(N <= 1024, "a StringBuilder lives on the stack or in an object: keep it small "
				 "(kernel stacks are 16 KiB)");

public:
	constexpr StringBuilder() : buf_{}, len_(0), truncated_(false) {}

	/// Appends 's' (as much as fits).
	[[nodiscard]] Result<void> append(CStr s)
	{
		unsigned long room = N - 1 - len_;
		unsigned long n = s.size() <= room ? s.size() : room;
		for (unsigned long i = 0; i < n; ++i)
			buf_[len_ + i] = s.c_str()[i];
		len_ += n;
		buf_[len_] = '\0';
		return n == s.size() ? Result<void>() : truncated();
	}

	/// Appends one character; EINVAL for '\0' (it would end the string).
	[[nodiscard]] Result<void> append_char(char c)
	{
		if (c == '\0')
			return code::EINVAL;
		if (len_ + 1 >= N)
			return truncated();
		buf_[len_++] = c;
		buf_[len_] = '\0';
		return {};
	}

	/// Appends an integer in decimal.
	[[nodiscard]] Result<void> append_int(long long value) { return appendf<"%lld">(value); }
	/// Appends an unsigned integer in decimal.
	[[nodiscard]] Result<void> append_uint(unsigned long long value) { return appendf<"%llu">(value); }
	/// Appends an integer in hexadecimal, without a prefix.
	[[nodiscard]] Result<void> append_hex(unsigned long long value) { return appendf<"%llx">(value); }

	/// Appends printk-style formatted text; the format is checked at
	/// compile time.
	template <format::Literal Format, typename... Args> [[nodiscard]] Result<void> appendf(Args... args)
	{
		constexpr format::Verdict verdict = format::check<Args...>(Format.chars);
		static_assert(detail::PrintkFormatCheck<verdict.problem, verdict.argument>::ok);
		unsigned long room = N - len_; // >= 1 (INVARIANT)
		// SAFETY: the format was checked against the arguments above;
		// snprintf writes at most 'room' bytes, NUL included, into the
		// free tail of buf_ and returns the length the whole text needs.
		int needed = bindings::snprintf(buf_ + len_, room, format::stored<Format>.chars, detail::printk_arg(args)...);
		unsigned long want = needed > 0 ? static_cast<unsigned long>(needed) : 0;
		unsigned long written = want < room ? want : room - 1;
		// A %c of 0 writes a NUL: the string ends there (INVARIANT).
		unsigned long end = len_;
		while (end < len_ + written && buf_[end] != '\0')
			++end;
		bool cut = end != len_ + written || want >= room;
		len_ = end;
		buf_[len_] = '\0';
		return cut ? truncated() : Result<void>();
	}

	/// Empties the builder (and forgets a truncation).
	void clear()
	{
		len_ = 0;
		buf_[0] = '\0';
		truncated_ = false;
	}

	/// The contents as a CStr.
	[[nodiscard]] CStr as_cstr() const
	{
		// SAFETY: the contents are a valid C string (INVARIANT).
		return detail::cstr_from_kernel(buf_, N);
	}
	/// The contents, NUL-terminated.
	[[nodiscard]] const char *c_str() const { return buf_; }
	/// The length of the contents, without the NUL.
	[[nodiscard]] unsigned long size() const { return len_; }
	/// The most characters it holds (N - 1: one byte is the NUL).
	[[nodiscard]] static constexpr unsigned long capacity() { return N - 1; }
	/// Whether an append did not fit and was cut short (until clear()).
	[[nodiscard]] bool is_truncated() const { return truncated_; }

private:
	Error truncated()
	{
		truncated_ = true;
		return code::E2BIG;
	}

	char buf_[N];
	unsigned long len_;
	bool truncated_;
};

} // namespace kcxx
