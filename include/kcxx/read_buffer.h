// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::read_from_buffer(): a read() that serves bytes the driver holds as
/// a small file, the kernel's simple_read_from_buffer(): what lies at the
/// file position, as much as fits the reader's buffer; 0 bytes (end of
/// file) at or past the end; the position advances by what was copied.
///
///     Result<void> read(kcxx::File &, kcxx::UserSliceWriter &out, kcxx::i64 &pos) const
///     {
///         kcxx::StringBuilder<32> text;
///         (void)text.appendf<"%u\n">(state_->value.lock()->count);
///         return kcxx::read_from_buffer(out, pos, text);
///     }
///
/// 'data' is a Span of bytes or chars, a CStr or a StringBuilder (its text,
/// without the NUL).  EINVAL for a negative position, EFAULT if user memory
/// cannot take the bytes (nothing is copied then, and pos stays).
#pragma once

#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/str.h>
#include <kcxx/string_builder.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

namespace kcxx {

/// Copies to 'out' what of 'data' lies at the file position 'pos' and advances
/// 'pos' (simple_read_from_buffer()): nothing at or past the end (end of file).
inline Result<void> read_from_buffer(UserSliceWriter &out, i64 &pos, Span<const u8> data)
{
	if (pos < 0)
		return code::EINVAL;
	Span<const u8> bytes = data.window(static_cast<u64>(pos), out.len());
	TRY(out.write_slice(bytes));
	pos += static_cast<i64>(bytes.size());
	return {};
}

/// The same for text (its bytes, no NUL).
inline Result<void> read_from_buffer(UserSliceWriter &out, i64 &pos, Span<const char> text)
{
	if (pos < 0)
		return code::EINVAL;
	Span<const char> chars = text.window(static_cast<u64>(pos), out.len());
	TRY(out.write_slice(chars));
	pos += static_cast<i64>(chars.size());
	return {};
}

/// The same for a NUL-terminated string (without the NUL).
inline Result<void> read_from_buffer(UserSliceWriter &out, i64 &pos, CStr text)
{
	// SAFETY: a CStr's size() characters are live as long as the CStr's
	// owner, which outlives this call (CStr INVARIANT).
	return read_from_buffer(out, pos, detail::SpanAccess::from_raw_parts(text.c_str(), text.size()));
}

/// The same for the text assembled in a StringBuilder.
template <unsigned long N> Result<void> read_from_buffer(UserSliceWriter &out, i64 &pos, const StringBuilder<N> &text)
{
	return read_from_buffer(out, pos, text.as_cstr());
}

} // namespace kcxx
