// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Result<T>: either a T or a kcxx::Error, and TRY() to propagate
/// the error.
//
// [[nodiscard]]: kcxx builds with -Werror=unused-result, so a Result cannot
// be dropped by accident; '(void)' says it is deliberate.  Propagate errors
// with TRY(expr), which evaluates to the value or returns the error from the
// enclosing function (which must return a Result or an Error).
//
// INVARIANT: exactly one of value and error is alive; 'ok_' says which.
//
// Layout: a scalar T (an integer, a pointer, an enum) is kept beside the
// error, not in a union with it.  GCC splits a Result it can see whole
// into registers (scalar replacement of aggregates) only when no two of
// its accesses overlap with different types; a union of a long and the
// error's int stays in memory, so every ioctl returning a Result<long>
// stored it and loaded it back (bench/README.md, edu).  Other T share
// the storage with the error, as before.
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bug.h>
#include <kcxx/error.h>

namespace kcxx {

/// Either a T (the value) or a kcxx::Error: what a fallible function
/// returns.
///
/// [[nodiscard]]: kcxx builds with -Werror=unused-result, so a Result
/// cannot be dropped by accident ('(void)' says it is deliberate).  TRY()
/// propagates the error.  T is not a reference (use a pointer) and not
/// Error.  A Result moves but does not copy, and is not assigned to.
///
/// INVARIANT: exactly one of the value and the error is alive.
template <typename T> class [[nodiscard]] Result {
	static_assert(!std::is_reference_v<T>, "Result<T&> is not supported: use Result<T*>");
	static_assert(!std::is_same_v<std::remove_cv_t<T>, Error>, "Result<Error> is ambiguous");

	// Where the error is kept (see Layout at the top).
	static constexpr bool error_beside_value = std::is_scalar_v<T>;

public:
	/// The value's type, T.
	using ValueType = T;

	/// @{
	/// An error: it converts to any Result, so 'return code::ENOMEM;'
	/// works.
	constexpr Result(Error error) requires(!error_beside_value) : error_(error), ok_(false) {}
	constexpr Result(Error error) requires error_beside_value : error_beside_(error), ok_(false) {}
	/// @}
	/// A value, moved in: 'return Vec<int>{...};' or 'return n;' works.
	constexpr Result(T &&value) : value_(std::move(value)), ok_(true) {}
	/// A value, copied in (a T that can be copied).
	constexpr Result(const T &value) requires std::is_copy_constructible_v<T>
		: value_(value), ok_(true) {}

	/// Takes other's value (moved) or error; other keeps a moved-from value.
	constexpr Result(Result &&other) : ok_(other.ok_)
	{
		if (ok_)
			new (&value_) T(std::move(other.value_));
		else
			set_error(other.stored_error());
	}
	Result(const Result &) = delete;
	Result &operator=(const Result &) = delete;
	Result &operator=(Result &&) = delete;

	constexpr ~Result()
	{
		if (ok_)
			value_.~T();
	}

	/// True when this holds a value.
	[[nodiscard]] constexpr bool is_ok() const { return ok_; }
	/// True when this holds an error.
	[[nodiscard]] constexpr bool is_error() const { return !ok_; }
	/// is_ok(): 'if (auto r = f())'.
	constexpr explicit operator bool() const { return ok_; }

	/// @{
	/// The value (a reference to it, or on an rvalue Result the value
	/// moved out).  Calling these on an error is a bug and panics: check
	/// is_ok() first, or use TRY().
	[[nodiscard]] constexpr T &value() &
	{
		check_ok();
		return value_;
	}
	[[nodiscard]] constexpr const T &value() const &
	{
		check_ok();
		return value_;
	}
	[[nodiscard]] constexpr T &&value() &&
	{
		check_ok();
		return std::move(value_);
	}
	constexpr T *operator->() { return &value(); }
	constexpr const T *operator->() const { return &value(); }
	constexpr T &operator*() & { return value(); }
	constexpr T &&operator*() && { return std::move(*this).value(); }
	/// @}

	/// The error.  Calling this on a value is a bug and panics: check
	/// is_error() first.
	[[nodiscard]] constexpr Error error() const
	{
		if (ok_)
			panic("Result::error() called on a value");
		return stored_error();
	}

	/// The value moved out, or fallback on an error.
	[[nodiscard]] constexpr T value_or(T fallback) &&
	{
		return ok_ ? std::move(value_) : std::move(fallback);
	}

private:
	constexpr void check_ok() const
	{
		if (!ok_)
			panic("Result::value() called on an error");
	}

	struct NoError {};
	// The error beside the value: set only on an error (a value leaves
	// it alone, as it leaves the union's error alone).
	struct ErrorSlot {
		constexpr ErrorSlot() {}
		constexpr explicit ErrorSlot(Error e) : error(e) {}
		union {
			Error error;
		};
	};

	constexpr Error stored_error() const
	{
		if constexpr (error_beside_value)
			return error_beside_.error;
		else
			return error_;
	}
	constexpr void set_error(Error error)
	{
		if constexpr (error_beside_value)
			error_beside_.error = error;
		else
			error_ = error;
	}

	union {
		T value_;
		Error error_; // unused when error_beside_value
	};
	[[no_unique_address]] std::conditional_t<error_beside_value, ErrorSlot, NoError> error_beside_;
	bool ok_;
};

/// Result<void>: success, or an error.  'return {};' is success.
template <> class [[nodiscard]] Result<void> {
public:
	/// No value: void.
	using ValueType = void;

	/// Success.
	constexpr Result() : error_(ErrorCode<1>::value), ok_(true) {}
	/// An error: 'return code::EINVAL;'.
	constexpr Result(Error error) : error_(error), ok_(false) {}

	/// True on success.
	[[nodiscard]] constexpr bool is_ok() const { return ok_; }
	/// True when this holds an error.
	[[nodiscard]] constexpr bool is_error() const { return !ok_; }
	/// is_ok().
	constexpr explicit operator bool() const { return ok_; }

	/// Nothing: checks success, as Result<T>::value() does.  Calling it on
	/// an error is a bug and panics.
	constexpr void value() const
	{
		if (!ok_)
			panic("Result::value() called on an error");
	}

	/// The error.  Calling this on success is a bug and panics.
	[[nodiscard]] constexpr Error error() const
	{
		if (ok_)
			panic("Result::error() called on a value");
		return error_;
	}

	/// The errno for C: 0 on success, else the negative errno.
	[[nodiscard]] constexpr int to_errno() const { return ok_ ? 0 : error_.to_errno(); }

private:
	Error error_;
	bool ok_;
};

} // namespace kcxx

/// TRY(expr): the value of the Result 'expr', or return its error from the
/// enclosing function (which returns a Result or an Error).  A GNU
/// statement expression, as in SerenityOS.
#define TRY(expr)                                                         \
	({                                                                \
		auto kcxx_try_result_ = (expr);                           \
		if (kcxx_try_result_.is_error()) [[unlikely]]             \
			return kcxx_try_result_.error();                  \
		std::move(kcxx_try_result_).value();                      \
	})
