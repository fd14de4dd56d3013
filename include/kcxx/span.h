// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Span<T>: a view of contiguous objects owned elsewhere (an array, a
/// Vec), whose narrowing operations cannot go out of bounds.
///
///     u8 data[4096];
///     kcxx::Span<u8> all(data);
///     kcxx::Span<u8> valid = all.first(size);          // at most 'size' elements
///     TRY(out.write_slice(valid.window(pos, out.len()))); // [pos, pos + len) within 'valid'
///
/// first(), skip() and window() clamp to the span: a position or count past
/// the end gives a shorter (possibly empty) span, never memory outside it,
/// which is what a read(2) at or past the end of a buffer wants (0 bytes).
/// Elements are reached with at(i), a pointer that is null out of bounds,
/// or by range-for; copy_from() copies what fits from another span.  A
/// Span does not own or keep alive what it views: it is
/// for the duration of one operation (like a Rust slice borrow, unchecked).
///
/// INVARIANT: [data_, data_ + size_) are live objects of type T (or size_ is
/// 0), as long as the owner the span was made from is alive and unchanged.
#pragma once

#include <concepts>
#include <type_traits>

namespace kcxx {

namespace detail {
struct SpanAccess;
}

/// A view of contiguous T owned elsewhere (an array, a Vec), whose
/// narrowing operations cannot go out of bounds (see kcxx/span.h).
template <typename T> class Span {
public:
	/// The element type.
	using element_type = T;

	constexpr Span() = default;

	/// The whole array.
	template <unsigned long N> constexpr Span(T (&array)[N]) : data_(array), size_(N) {}

	/// Any contiguous range with data() and size() (kcxx::Vec, another
	/// Span of a convertible element type).
	template <typename R>
		requires(!std::is_array_v<std::remove_cvref_t<R>> &&
			 !std::is_same_v<std::remove_cvref_t<R>, Span> &&
			 requires(R &r) {
				 { r.data() } -> std::convertible_to<T *>;
				 { r.size() } -> std::convertible_to<unsigned long>;
			 })
	constexpr Span(R &range) : data_(range.data()), size_(range.size())
	{
	}

	/// @{
	/// A copy views the same elements.
	constexpr Span(const Span &) = default;
	constexpr Span &operator=(const Span &) = default;
	/// @}

	/// A Span<T> is a Span<const T>.
	constexpr operator Span<const T>() const
		requires(!std::is_const_v<T>)
	{
		return Span<const T>::from_parts(data_, size_);
	}

	/// The first element's address.
	[[nodiscard]] constexpr T *data() const { return data_; }
	/// The number of elements.
	[[nodiscard]] constexpr unsigned long size() const { return size_; }
	/// The size in bytes.
	[[nodiscard]] constexpr unsigned long size_bytes() const { return size_ * sizeof(T); }
	/// Whether there is no element.
	[[nodiscard]] constexpr bool empty() const { return size_ == 0; }

	/// The element at i, or null when i is out of bounds.
	[[nodiscard]] constexpr T *at(unsigned long i) const { return i < size_ ? data_ + i : nullptr; }

	/// The first min(count, size()) elements.
	[[nodiscard]] constexpr Span first(unsigned long count) const
	{
		return Span(data_, count < size_ ? count : size_);
	}

	/// All but the first min(count, size()) elements.
	[[nodiscard]] constexpr Span skip(unsigned long count) const
	{
		const unsigned long n = count < size_ ? count : size_;
		return Span(data_ + n, size_ - n);
	}

	/// [offset, offset + count) intersected with the span.
	[[nodiscard]] constexpr Span window(unsigned long offset, unsigned long count) const
	{
		return skip(offset).first(count);
	}

	/// Copies the first min(size(), from.size()) elements of 'from' to the
	/// start of this span (memcpy for trivially copyable T; the two must
	/// not overlap); returns how many.
	constexpr unsigned long copy_from(Span<const T> from) const
		requires(!std::is_const_v<T> && std::is_trivially_copyable_v<T>)
	{
		unsigned long n = size_ < from.size() ? size_ : from.size();
		if (std::is_constant_evaluated()) {
			for (unsigned long i = 0; i < n; ++i)
				data_[i] = from.data()[i];
		} else if (n) {
			// SAFETY: both spans hold at least n live elements
			// (INVARIANT); T is trivially copyable.
			__builtin_memcpy(data_, from.data(), n * sizeof(T));
		}
		return n;
	}

	/// @{
	/// Iteration over the elements.
	constexpr T *begin() const { return data_; }
	constexpr T *end() const { return data_ + size_; }
	/// @}

private:
	template <typename> friend class Span;
	friend struct detail::SpanAccess;

	constexpr Span(T *data, unsigned long size) : data_(data), size_(size) {}
	static constexpr Span from_parts(T *data, unsigned long size) { return Span(data, size); }

	T *data_ = nullptr;
	unsigned long size_ = 0;
};
/// A Span of an array deduces its element type.

template <typename T, unsigned long N> Span(T (&)[N]) -> Span<T>;

namespace detail {
/// For library code only, at a SAFETY boundary: a Span over memory the
/// kernel handed over (a request's data pages, a mapped buffer).  The
/// caller's SAFETY comment says why [data, data + size) is live.
struct SpanAccess {
	template <typename T> static constexpr Span<T> from_raw_parts(T *data, unsigned long size)
	{
		return Span<T>::from_parts(data, size);
	}
};
} // namespace detail

} // namespace kcxx
