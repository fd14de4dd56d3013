// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Option<T>: a T or nothing, for results that can be absent without
/// being an error (Vec::pop on an empty vector, a list's pop_front, a tree
/// lookup that removes).  \<optional\> is not in kcxx's standard subset (its
/// value() throws); Option has no throwing accessor: value() on an empty
/// Option is a bug and panics.
///
///     kcxx::Option<int> last = vec.pop();
///     if (last)
///         pr_info("popped %d\n", *last);
///
/// INVARIANT: value_ is alive exactly when has_ is true.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bug.h>

namespace kcxx {

/// The empty Option, as a value: 'return kcxx::none;'.  INVARIANT: none
/// (an empty tag).
struct None {
	explicit constexpr None() = default;
};
/// The empty Option: 'return kcxx::none;'.
inline constexpr None none{};

/// A T or nothing, for results that can be absent without being an error
/// (see kcxx/option.h).
template <typename T> class [[nodiscard]] Option {
	static_assert(!std::is_reference_v<T>, "Option<T&> is not supported: use a pointer");

public:
	constexpr Option() : empty_(), has_(false) {}
	/// Empty.
	constexpr Option(None) : Option() {}
	/// Holding 'value'.
	constexpr Option(T &&value) : value_(std::move(value)), has_(true) {}
	/// Holding a copy of 'value'.
	constexpr Option(const T &value) requires std::is_copy_constructible_v<T>
		: value_(value), has_(true) {}

	/// Takes over other's value, if any; other is left empty.
	constexpr Option(Option &&other) : empty_(), has_(other.has_)
	{
		if (has_) {
			::new (&value_) T(std::move(other.value_));
			// Not std::optional's rule (which keeps a moved-from
			// value): a value is owned by one Option at a time,
			// as Rust's Option::take.
			other.reset();
		}
	}
	Option(const Option &) = delete;
	Option &operator=(const Option &) = delete;
	Option &operator=(Option &&) = delete;

	constexpr ~Option()
	{
		if (has_)
			value_.~T();
	}

	/// Whether a value is held.
	[[nodiscard]] constexpr bool has_value() const { return has_; }
	/// Whether no value is held.
	[[nodiscard]] constexpr bool is_none() const { return !has_; }
	/// Whether a value is held.
	constexpr explicit operator bool() const { return has_; }

	/// The value.  Calling these on an empty Option is a bug and panics.
	[[nodiscard]] constexpr T &value() &
	{
		check();
		return value_;
	}
	/// The value (const).  Panics when empty.
	[[nodiscard]] constexpr const T &value() const &
	{
		check();
		return value_;
	}
	/// The value, moved out.  Panics when empty.
	[[nodiscard]] constexpr T &&value() &&
	{
		check();
		return std::move(value_);
	}
	/// @{
	/// The value.  Panics when empty.
	constexpr T *operator->() { return &value(); }
	constexpr const T *operator->() const { return &value(); }
	constexpr T &operator*() & { return value(); }
	constexpr const T &operator*() const & { return value(); }
	constexpr T &&operator*() && { return std::move(*this).value(); }
	/// @}

	/// Builds a value in place, destroying the old one first (if any).
	template <typename... Args> constexpr T &emplace(Args &&...args)
	{
		reset();
		::new (&value_) T(std::forward<Args>(args)...);
		has_ = true;
		return value_;
	}
	/// Destroys the value (if any): the Option is empty afterwards.
	constexpr void reset()
	{
		if (has_) {
			has_ = false;
			value_.~T();
		}
	}
	/// The value, or 'fallback' when empty.
	[[nodiscard]] constexpr T value_or(T fallback) &&
	{
		return has_ ? std::move(value_) : std::move(fallback);
	}

private:
	constexpr void check() const
	{
		if (!has_)
			panic("Option::value() called on an empty Option");
	}

	struct Empty {};
	union {
		Empty empty_;
		T value_;
	};
	bool has_;
};

} // namespace kcxx
