// SPDX-License-Identifier: GPL-2.0
/// \file
/// Overflow-checked arithmetic for sizes, the C++ form of the kernel's
/// check_add_overflow()/check_mul_overflow() (include/linux/overflow.h):
/// GCC's __builtin_*_overflow compute the exact result and say whether it
/// fits the destination type.  Every size kcxx computes for an allocation
/// goes through these, so 'count * sizeof(T)' cannot wrap into a small
/// allocation.
///
///     auto bytes = TRY(kcxx::checked_mul(count, sizeof(Item)));   // EOVERFLOW
///
/// Needs no kernel beyond the errno values.
#pragma once

#include <concepts>

#include <kcxx/error.h>
#include <kcxx/result.h>

namespace kcxx {

/// a * b, or EOVERFLOW if the product does not fit a T.
template <std::integral T> [[nodiscard]] constexpr Result<T> checked_mul(T a, T b)
{
	T product;
	if (__builtin_mul_overflow(a, b, &product))
		return code::EOVERFLOW;
	return product;
}

/// a + b, or EOVERFLOW if the sum does not fit a T.
template <std::integral T> [[nodiscard]] constexpr Result<T> checked_add(T a, T b)
{
	T sum;
	if (__builtin_add_overflow(a, b, &sum))
		return code::EOVERFLOW;
	return sum;
}

/// a - b, or EOVERFLOW if the difference does not fit a T (below zero for
/// an unsigned T).
template <std::integral T> [[nodiscard]] constexpr Result<T> checked_sub(T a, T b)
{
	T difference;
	if (__builtin_sub_overflow(a, b, &difference))
		return code::EOVERFLOW;
	return difference;
}

/// @{
/// The same as predicates, for code that picks a fallback instead of failing:
/// true and *out set when the result fits.
template <std::integral T> [[nodiscard]] constexpr bool mul_fits(T a, T b, T *out)
{
	return !__builtin_mul_overflow(a, b, out);
}
template <std::integral T> [[nodiscard]] constexpr bool add_fits(T a, T b, T *out)
{
	return !__builtin_add_overflow(a, b, out);
}
/// @}

} // namespace kcxx
