// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Timeout: how long a wait may sleep, in jiffies (what the kernel's
/// wait functions take), or forever.
///
///     if (!done.wait_timeout(kcxx::Timeout::from_msecs(100)))
///         return kcxx::code::ETIMEDOUT;
///
/// INVARIANT: jiffies_ is in [0, MAX_SCHEDULE_TIMEOUT]; MAX_SCHEDULE_TIMEOUT
/// means no limit.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

/// How long a wait may sleep, in jiffies (what the kernel's wait functions
/// take), or forever; never negative.
class Timeout {
public:
	/// 'jiffies' ticks; negative values mean 0, values beyond
	/// MAX_SCHEDULE_TIMEOUT mean forever.
	[[nodiscard]] static constexpr Timeout from_jiffies(long jiffies)
	{
		return Timeout(jiffies < 0 ? 0 : jiffies);
	}

	/// At least 'msecs' milliseconds, rounded up to whole jiffies
	/// (msecs_to_jiffies()).
	[[nodiscard]] static Timeout from_msecs(unsigned int msecs)
	{
		// SAFETY: a pure conversion; the result is at most
		// MAX_JIFFY_OFFSET, below MAX_SCHEDULE_TIMEOUT.
		return Timeout(static_cast<long>(bindings::__msecs_to_jiffies(msecs)));
	}

	/// No limit (MAX_SCHEDULE_TIMEOUT).
	[[nodiscard]] static constexpr Timeout forever() { return Timeout(KCXX_MAX_SCHEDULE_TIMEOUT); }

	/// The jiffies left (MAX_SCHEDULE_TIMEOUT for forever).
	[[nodiscard]] constexpr long jiffies() const { return jiffies_; }
	/// Whether no time is left.
	[[nodiscard]] constexpr bool expired() const { return jiffies_ == 0; }
	/// Whether this is forever().
	[[nodiscard]] constexpr bool is_forever() const { return jiffies_ == KCXX_MAX_SCHEDULE_TIMEOUT; }

	/// Equal when the jiffies are.
	friend constexpr bool operator==(Timeout, Timeout) = default;

private:
	explicit constexpr Timeout(long jiffies) : jiffies_(jiffies) {}

	long jiffies_;
};

} // namespace kcxx
