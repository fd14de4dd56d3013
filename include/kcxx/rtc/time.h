// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::rtc::Time and kcxx::rtc::WakeAlarm: the broken-down time and the
/// alarm of the RTC class (struct rtc_time, struct rtc_wkalrm), mirrored
/// field by field and checked against the kernel's layout.
///
///     rtc::Time t = rtc::Time::from_seconds(regs->read32<DR>());   // rtc_time64_to_tm()
///     u32 seconds = static_cast<u32>(t.to_seconds());              // rtc_tm_to_time64()
///
/// The fields are those of struct tm: tm_mon 0-11, tm_year years since
/// 1900.  The RTC core checks a time's fields (rtc_valid_tm()) and the
/// device's range before it calls a driver's set_time()/set_alarm().
#pragma once

#ifndef KCXX_HELPERS_rtc
#error "kcxx: an RTC driver's Kbuild says 'kcxx-helpers := rtc' before including kcxx.mk (the RTC helpers go only into the modules that ask for them: not every kernel has the RTC class)"
#endif

#include <kcxx/bindings.h>
#include <kcxx/types.h>

namespace kcxx::rtc {

/// struct rtc_time.
struct Time {
	/// Seconds, 0-59.
	int tm_sec;
	/// Minutes, 0-59.
	int tm_min;
	/// Hours, 0-23.
	int tm_hour;
	/// Day of the month, 1-31.
	int tm_mday;
	/// Month, 0-11.
	int tm_mon;
	/// Years since 1900.
	int tm_year;
	/// Day of the week, 0-6 (Sunday 0).
	int tm_wday;
	/// Day of the year, 0-365.
	int tm_yday;
	/// Unused by the RTC class.
	int tm_isdst;

	/// Seconds since the epoch to a broken-down time (rtc_time64_to_tm()).
	[[nodiscard]] static Time from_seconds(s64 seconds)
	{
		Time t{};
		// SAFETY: a Time is a struct rtc_time (layout checked below).
		bindings::rtc_time64_to_tm(seconds, reinterpret_cast<bindings::rtc_time *>(&t));
		return t;
	}
	/// The broken-down time to seconds since the epoch (rtc_tm_to_time64()).
	[[nodiscard]] s64 to_seconds() const
	{
		Time copy = *this;
		// SAFETY: as from_seconds(); the function only reads.
		return bindings::rtc_tm_to_time64(reinterpret_cast<bindings::rtc_time *>(&copy));
	}
};
static_assert(sizeof(Time) == KCXX_SIZEOF_rtc_time);
static_assert(alignof(Time) == KCXX_ALIGNOF_rtc_time);
static_assert(__builtin_offsetof(Time, tm_sec) == KCXX_OFFSETOF_rtc_time_tm_sec);
static_assert(__builtin_offsetof(Time, tm_isdst) == KCXX_OFFSETOF_rtc_time_tm_isdst);

/// struct rtc_wkalrm: the alarm time, whether its interrupt is enabled,
/// whether it is pending (fired, not yet acknowledged).
struct WakeAlarm {
	/// Whether the alarm's interrupt is enabled.
	unsigned char enabled;
	/// Whether the alarm fired and is not yet acknowledged.
	unsigned char pending;
	/// When.
	Time time;
};
static_assert(sizeof(WakeAlarm) == KCXX_SIZEOF_rtc_wkalrm);
static_assert(alignof(WakeAlarm) == KCXX_ALIGNOF_rtc_wkalrm);
static_assert(__builtin_offsetof(WakeAlarm, enabled) == KCXX_OFFSETOF_rtc_wkalrm_enabled);
static_assert(__builtin_offsetof(WakeAlarm, pending) == KCXX_OFFSETOF_rtc_wkalrm_pending);
static_assert(__builtin_offsetof(WakeAlarm, time) == KCXX_OFFSETOF_rtc_wkalrm_time);

} // namespace kcxx::rtc
