// SPDX-License-Identifier: GPL-2.0
/// \file
/// Time: kcxx::Duration (a span of nanoseconds), kcxx::Ktime (an instant of
/// the monotonic clock, the kernel's ktime_t), kcxx::Jiffies (the tick
/// counter) and kcxx::now().
///
///     kcxx::Ktime start = kcxx::now();                    // ktime_get()
///     ...
///     kcxx::Duration took = kcxx::now() - start;
///     if (took > kcxx::Duration::from_ms(10)) ...
///     auto deadline = start + kcxx::Duration::from_secs(5); // saturates
///     auto j = kcxx::Jiffies::from_msecs(100);            // __msecs_to_jiffies()
///
/// Arithmetic never overflows silently: the operators saturate at the ends
/// of the 64-bit range (as the kernel's ktime_add_safe() does towards
/// KTIME_MAX), and checked_*() return an empty Option on overflow.
/// Constructors from other units saturate too.  Everything but now() and the
/// jiffies conversions is constexpr and needs no kernel.
#pragma once

#include <compare>

#include <kcxx/bindings.h>
#include <kcxx/option.h>
#include <kcxx/sync/timeout.h>
#include <kcxx/types.h>

namespace kcxx {

namespace detail {

inline constexpr s64 time_max = static_cast<s64>(~(1ULL << 63));
inline constexpr s64 time_min = -time_max - 1;

constexpr s64 saturating_add(s64 a, s64 b)
{
	s64 r;
	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? time_max : time_min;
	return r;
}

constexpr s64 saturating_sub(s64 a, s64 b)
{
	s64 r;
	if (__builtin_sub_overflow(a, b, &r))
		return b < 0 ? time_max : time_min;
	return r;
}

constexpr s64 saturating_mul(s64 a, s64 b)
{
	s64 r;
	if (__builtin_mul_overflow(a, b, &r))
		return (a < 0) != (b < 0) ? time_min : time_max;
	return r;
}

} // namespace detail

/// A signed span of time in nanoseconds.
///
/// INVARIANT: none beyond the s64 range; every operation stays in it
/// (saturating or checked).
class Duration {
public:
	constexpr Duration() = default;

	/// A span of 'ns' nanoseconds.
	[[nodiscard]] static constexpr Duration from_ns(s64 ns) { return Duration(ns); }
	/// A span of 'us' microseconds (saturating at min() and max()).
	[[nodiscard]] static constexpr Duration from_us(s64 us) { return Duration(detail::saturating_mul(us, 1000)); }
	/// A span of 'ms' milliseconds (saturating at min() and max()).
	[[nodiscard]] static constexpr Duration from_ms(s64 ms) { return Duration(detail::saturating_mul(ms, 1000000)); }
	/// A span of 's' seconds (saturating at min() and max()).
	[[nodiscard]] static constexpr Duration from_secs(s64 s) { return Duration(detail::saturating_mul(s, 1000000000)); }
	/// No time.
	[[nodiscard]] static constexpr Duration zero() { return Duration(0); }
	/// The longest span (KTIME_MAX nanoseconds).
	[[nodiscard]] static constexpr Duration max() { return Duration(detail::time_max); }
	/// The most negative span.
	[[nodiscard]] static constexpr Duration min() { return Duration(detail::time_min); }

	/// The span in nanoseconds.
	[[nodiscard]] constexpr s64 as_ns() const { return ns_; }
	/// @{
	/// Truncated towards zero, as the kernel's ktime_to_us()/ktime_to_ms().
	[[nodiscard]] constexpr s64 as_us() const { return ns_ / 1000; }
	[[nodiscard]] constexpr s64 as_ms() const { return ns_ / 1000000; }
	[[nodiscard]] constexpr s64 as_secs() const { return ns_ / 1000000000; }
	/// @}
	/// Whether the span is below zero.
	[[nodiscard]] constexpr bool is_negative() const { return ns_ < 0; }

	/// Empty on overflow.
	[[nodiscard]] constexpr Option<Duration> checked_add(Duration other) const
	{
		s64 r;
		if (__builtin_add_overflow(ns_, other.ns_, &r))
			return none;
		return Duration(r);
	}
	/// The difference; empty on overflow.
	[[nodiscard]] constexpr Option<Duration> checked_sub(Duration other) const
	{
		s64 r;
		if (__builtin_sub_overflow(ns_, other.ns_, &r))
			return none;
		return Duration(r);
	}
	/// The product; empty on overflow.
	[[nodiscard]] constexpr Option<Duration> checked_mul(s64 factor) const
	{
		s64 r;
		if (__builtin_mul_overflow(ns_, factor, &r))
			return none;
		return Duration(r);
	}

	/// @{
	/// Saturating.
	friend constexpr Duration operator+(Duration a, Duration b) { return Duration(detail::saturating_add(a.ns_, b.ns_)); }
	friend constexpr Duration operator-(Duration a, Duration b) { return Duration(detail::saturating_sub(a.ns_, b.ns_)); }
	friend constexpr Duration operator*(Duration a, s64 factor) { return Duration(detail::saturating_mul(a.ns_, factor)); }
	/// @}
	/// Division by zero is a bug (as for integers); the one overflowing
	/// quotient (min() / -1) saturates.
	friend constexpr Duration operator/(Duration a, s64 divisor)
	{
		if (divisor == -1)
			return Duration(detail::saturating_sub(0, a.ns_));
		return Duration(a.ns_ / divisor);
	}
	/// @{
	/// Saturating, as operator+ and operator-.
	constexpr Duration &operator+=(Duration other) { return *this = *this + other; }
	constexpr Duration &operator-=(Duration other) { return *this = *this - other; }
	/// @}

	/// @{
	/// Ordered and equal as their nanoseconds are.
	friend constexpr auto operator<=>(Duration, Duration) = default;
	friend constexpr bool operator==(Duration, Duration) = default;
	/// @}

private:
	explicit constexpr Duration(s64 ns) : ns_(ns) {}

	s64 ns_ = 0;
};

/// An instant of the monotonic clock (CLOCK_MONOTONIC): nanoseconds since
/// boot, the kernel's ktime_t.
///
/// INVARIANT: ns_ is in [0, KTIME_MAX] - the clock starts at 0 at boot and
/// the operators saturate at both ends.  KTIME_MAX means "never".
class Ktime {
public:
	constexpr Ktime() = default;

	/// A ktime_t value; negative values mean 0.
	[[nodiscard]] static constexpr Ktime from_ns(s64 ns) { return Ktime(ns < 0 ? 0 : ns); }
	/// The instant that never comes (KTIME_MAX): a timeout that never expires.
	[[nodiscard]] static constexpr Ktime never() { return Ktime(detail::time_max); }

	/// The instant in nanoseconds.
	[[nodiscard]] constexpr s64 as_ns() const { return ns_; }
	/// Whether this is never().
	[[nodiscard]] constexpr bool is_never() const { return ns_ == detail::time_max; }

	/// Empty if the result leaves [0, KTIME_MAX].
	[[nodiscard]] constexpr Option<Ktime> checked_add(Duration d) const
	{
		s64 r;
		if (__builtin_add_overflow(ns_, d.as_ns(), &r) || r < 0)
			return none;
		return Ktime(r);
	}
	/// The instant d earlier; empty below 0.
	[[nodiscard]] constexpr Option<Ktime> checked_sub(Duration d) const
	{
		s64 r;
		if (__builtin_sub_overflow(ns_, d.as_ns(), &r) || r < 0)
			return none;
		return Ktime(r);
	}

	/// @{
	/// Saturating at 0 and KTIME_MAX (ktime_add_safe()).
	friend constexpr Ktime operator+(Ktime t, Duration d) { return from_ns(detail::saturating_add(t.ns_, d.as_ns())); }
	friend constexpr Ktime operator-(Ktime t, Duration d) { return from_ns(detail::saturating_sub(t.ns_, d.as_ns())); }
	/// @}
	/// The time from b to a (negative if a is earlier); cannot overflow:
	/// both are in [0, KTIME_MAX].
	friend constexpr Duration operator-(Ktime a, Ktime b) { return Duration::from_ns(a.ns_ - b.ns_); }
	/// Saturating, as operator+.
	constexpr Ktime &operator+=(Duration d) { return *this = *this + d; }

	/// @{
	/// Ordered and equal as their nanoseconds are.
	friend constexpr auto operator<=>(Ktime, Ktime) = default;
	friend constexpr bool operator==(Ktime, Ktime) = default;
	/// @}

private:
	explicit constexpr Ktime(s64 ns) : ns_(ns) {}

	s64 ns_ = 0;
};

/// The monotonic clock now (ktime_get()).  Any context, but not from NMI.
[[nodiscard]] inline Ktime now()
{
	// SAFETY: ktime_get() reads the monotonic clock; exported, any
	// context but NMI.
	return Ktime::from_ns(bindings::ktime_get());
}

/// A jiffies value: a tick count (HZ per second) that wraps.  Compare two
/// of them with before()/after(), which are wrap-safe (time_after()).
///
/// INVARIANT: none: any unsigned long is a jiffies value.
class Jiffies {
public:
	/// Ticks per second (HZ) of the target kernel's configuration.
	static constexpr unsigned long hz = KCXX_HZ;
	/// The largest offset the kernel's conversions return (MAX_JIFFY_OFFSET).
	static constexpr unsigned long max_offset = KCXX_MAX_JIFFY_OFFSET;

	constexpr Jiffies() = default;
	/// The jiffies value 'j'.
	[[nodiscard]] static constexpr Jiffies from_raw(unsigned long j) { return Jiffies(j); }

	/// The tick counter now.
	[[nodiscard]] static Jiffies now()
	{
		// SAFETY: 'jiffies' is an exported volatile unsigned long that
		// the timer interrupt advances; a volatile read, as in C.
		return Jiffies(bindings::jiffies);
	}

	/// At least 'ms'/'us' rounded up to whole ticks, at most max_offset
	/// (msecs_to_jiffies()/usecs_to_jiffies(): C inlines them for
	/// constants and calls these exported functions otherwise).
	/// Whole seconds: a constant, computed at compile time (as 10 * HZ in C).
	[[nodiscard]] static constexpr Jiffies from_secs(unsigned int s) { return Jiffies(s * hz); }

	/// At least 'ms' milliseconds, rounded up to whole ticks (msecs_to_jiffies()).
	[[nodiscard]] static Jiffies from_msecs(unsigned int ms)
	{
		// SAFETY: a pure conversion (exported on 6.1 and 6.12).
		return Jiffies(bindings::__msecs_to_jiffies(ms));
	}
	/// At least 'us' microseconds, rounded up to whole ticks (usecs_to_jiffies()).
	[[nodiscard]] static Jiffies from_usecs(unsigned int us)
	{
		// SAFETY: a pure conversion (exported on 6.1 and 6.12).
		return Jiffies(bindings::__usecs_to_jiffies(us));
	}
	/// Rounded down; negative durations are 0 (nsecs_to_jiffies()).
	[[nodiscard]] static Jiffies from_duration(Duration d)
	{
		// SAFETY: a pure conversion (exported, GPL).
		return Jiffies(bindings::nsecs_to_jiffies(d.is_negative() ? 0 : static_cast<u64>(d.as_ns())));
	}

	/// The tick count.
	[[nodiscard]] constexpr unsigned long raw() const { return j_; }
	/// The ticks in milliseconds (jiffies_to_msecs()).
	[[nodiscard]] unsigned int to_msecs() const
	{
		// SAFETY: a pure conversion (exported).
		return bindings::jiffies_to_msecs(j_);
	}
	/// The ticks in microseconds (jiffies_to_usecs()).
	[[nodiscard]] unsigned int to_usecs() const
	{
		// SAFETY: a pure conversion (exported).
		return bindings::jiffies_to_usecs(j_);
	}
	/// This many ticks as a wait limit (at most MAX_SCHEDULE_TIMEOUT).
	[[nodiscard]] constexpr Timeout to_timeout() const
	{
		return Timeout::from_jiffies(j_ > static_cast<unsigned long>(KCXX_MAX_SCHEDULE_TIMEOUT)
						     ? KCXX_MAX_SCHEDULE_TIMEOUT
						     : static_cast<long>(j_));
	}

	/// @{
	/// Wrap-safe order of two instants (time_after(), time_before()).
	[[nodiscard]] constexpr bool after(Jiffies other) const { return static_cast<long>(other.j_ - j_) < 0; }
	[[nodiscard]] constexpr bool before(Jiffies other) const { return other.after(*this); }
	/// @}

	/// @{
	/// Offsets wrap, as jiffies do.
	friend constexpr Jiffies operator+(Jiffies a, Jiffies b) { return Jiffies(a.j_ + b.j_); }
	friend constexpr Jiffies operator-(Jiffies a, Jiffies b) { return Jiffies(a.j_ - b.j_); }
	/// @}
	/// Equal when the tick counts are.
	friend constexpr bool operator==(Jiffies, Jiffies) = default;

private:
	explicit constexpr Jiffies(unsigned long j) : j_(j) {}

	unsigned long j_ = 0;
};

} // namespace kcxx
