// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::rtc::Device: a real-time clock of the RTC class (/dev/rtcN,
/// /sys/class/rtc/rtcN), registered by a bus driver's probe for its device
/// and device-managed (devm_rtc_allocate_device(),
/// devm_rtc_register_device()).
///
///     struct Ops {                                   // the class operations
///         kcxx::Arc<Shared> shared;                  // what they share with the IRQ handler
///         kcxx::Result<kcxx::rtc::Time> read_time(const kcxx::BoundDevice &dev) const;
///         kcxx::Result<void> set_time(const kcxx::BoundDevice &dev, const kcxx::rtc::Time &t) const;
///         // optional, all three or none (the alarm):
///         kcxx::Result<kcxx::rtc::WakeAlarm> read_alarm(const kcxx::BoundDevice &dev) const;
///         kcxx::Result<void> set_alarm(const kcxx::BoundDevice &dev, const kcxx::rtc::WakeAlarm &a) const;
///         kcxx::Result<void> alarm_irq_enable(const kcxx::BoundDevice &dev, bool enabled) const;
///     };
///     auto rtc = TRY(kcxx::rtc::Device::register_device(adev.device(), GFP_KERNEL,
///             kcxx::rtc::Range{0, 0xffffffff}, kcxx::rtc::Alarm::with_irq, Ops{...}));
///     // an interrupt handler:  TRY(rtc.access(dev))->update_irq(1, rtc::Event::alarm);
///
/// What the types guarantee:
///  - The operations are const: the RTC core calls them one at a time
///    (under the RTC's ops_lock), but the driver's interrupt handler runs
///    meanwhile.  They run in process context and may sleep.
///  - They get the parent device as a BoundDevice: the RTC is unregistered
///    (and its operations can no longer run: the core clears them under
///    the lock) by a devres action of the parent, so while one runs the
///    binding has not ended, and Devres::access(dev) reaches the registers
///    with no guard - as an interrupt handler does.
///  - The Ops object lives from the registration until after the RTC is
///    unregistered (a devres entry made before the RTC's own), so it is
///    never used destroyed; one kcxx RTC per device.
///  - register_device() returns the RTC as a Devres<rtc::Device> (made after
///    the RTC, so revoked before it is unregistered and freed): the
///    interrupt handler reaches update_irq() with access(dev).
///  - Alarm::none clears the RTC's alarm feature (as rtc-pl031 does without
///    an interrupt); with an alarm the parent is marked wakeup-capable
///    (device_init_wakeup(), as rtc-pl031), which makes
///    /sys/class/rtc/rtcN/wakealarm appear.
///
/// INVARIANT (Device): rtc_ is a registered RTC whose parent's binding has
/// not ended, for as long as the Device is reachable (inside a Devres of
/// that binding, revoked first).
#pragma once

#ifndef KCXX_HELPERS_rtc
#error "kcxx: an RTC driver's Kbuild says 'kcxx-helpers := rtc' before including kcxx.mk (the RTC helpers go only into the modules that ask for them: not every kernel has the RTC class)"
#endif

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/rtc/time.h>
#include <kcxx/types.h>

namespace kcxx::rtc {

/// The range of times the hardware holds (seconds since the epoch): the
/// core refuses to set a time outside it.
struct Range {
	/// The earliest time the hardware holds.
	s64 min;
	/// The latest.
	u64 max;
};

/// Whether the RTC has an alarm (and the interrupt to signal it).
enum class Alarm { none, with_irq };

/// What an interrupt reports to the core (rtc_update_irq()'s events).
enum class Event : unsigned long {
	alarm = KCXX_RTC_AF | KCXX_RTC_IRQF,
};

template <typename T> concept Operations = requires(const T &ops, const BoundDevice &dev, const Time &t) {
	{ ops.read_time(dev) } -> std::same_as<Result<Time>>;
	{ ops.set_time(dev, t) } -> std::same_as<Result<void>>;
};

template <typename T> concept AlarmOperations = requires(const T &ops, const BoundDevice &dev, const WakeAlarm &a,
							 bool on) {
	{ ops.read_alarm(dev) } -> std::same_as<Result<WakeAlarm>>;
	{ ops.set_alarm(dev, a) } -> std::same_as<Result<void>>;
	{ ops.alarm_irq_enable(dev, on) } -> std::same_as<Result<void>>;
};

template <typename T> concept NamesAlarmOperation =
	requires { &T::read_alarm; } || requires { &T::set_alarm; } || requires { &T::alarm_irq_enable; };

namespace detail {

/// The operations and the rtc_class_ops that lead to them, in one block
/// that the devres entry of kcxx_helper_rtc_register() owns.
template <typename T> struct Slot {
	template <typename... Args> explicit Slot(Args &&...args) : ops(std::forward<Args>(args)...) {}
	alignas(KCXX_ALIGNOF_rtc_class_ops) unsigned char raw_ops[KCXX_SIZEOF_rtc_class_ops] = {};
	T ops;
};

template <typename T> struct Trampolines {
	static const T *ops_of(bindings::device *dev)
	{
		// SAFETY: the RTC core calls the class operations with the
		// parent, on which register_device() made the entry; it
		// lives until after the RTC is unregistered.
		auto *slot = static_cast<Slot<T> *>(bindings::kcxx_helper_rtc_data(dev));
		return slot ? &slot->ops : nullptr;
	}
	static const BoundDevice &bound(bindings::device *dev)
	{
		// SAFETY: the operations run only while the RTC is
		// registered, which a devres action of the parent's binding
		// ends (see the top of this file).
		return kcxx::detail::DeviceContextAccess::bound(dev);
	}

	static int read_time(bindings::device *dev, bindings::rtc_time *tm)
	{
		const T *ops = ops_of(dev);
		if (!ops)
			return code::ENODEV.to_errno();
		Result<Time> t = ops->read_time(bound(dev));
		if (t.is_error())
			return t.error().to_errno();
		// SAFETY: tm is the core's struct rtc_time (layout checked).
		*reinterpret_cast<Time *>(tm) = t.value();
		return 0;
	}
	static int set_time(bindings::device *dev, bindings::rtc_time *tm)
	{
		const T *ops = ops_of(dev);
		if (!ops)
			return code::ENODEV.to_errno();
		// SAFETY: as read_time().
		Result<void> r = ops->set_time(bound(dev), *reinterpret_cast<const Time *>(tm));
		return r.is_error() ? r.error().to_errno() : 0;
	}
	static int read_alarm(bindings::device *dev, bindings::rtc_wkalrm *alarm)
	{
		if constexpr (AlarmOperations<T>) {
			const T *ops = ops_of(dev);
			if (!ops)
				return code::ENODEV.to_errno();
			Result<WakeAlarm> a = ops->read_alarm(bound(dev));
			if (a.is_error())
				return a.error().to_errno();
			// SAFETY: the core's struct rtc_wkalrm (layout checked).
			*reinterpret_cast<WakeAlarm *>(alarm) = a.value();
			return 0;
		} else {
			return code::EINVAL.to_errno();
		}
	}
	static int set_alarm(bindings::device *dev, bindings::rtc_wkalrm *alarm)
	{
		if constexpr (AlarmOperations<T>) {
			const T *ops = ops_of(dev);
			if (!ops)
				return code::ENODEV.to_errno();
			// SAFETY: as read_alarm().
			Result<void> r = ops->set_alarm(bound(dev), *reinterpret_cast<const WakeAlarm *>(alarm));
			return r.is_error() ? r.error().to_errno() : 0;
		} else {
			return code::EINVAL.to_errno();
		}
	}
	static int alarm_irq_enable(bindings::device *dev, unsigned int enabled)
	{
		if constexpr (AlarmOperations<T>) {
			const T *ops = ops_of(dev);
			if (!ops)
				return code::ENODEV.to_errno();
			Result<void> r = ops->alarm_irq_enable(bound(dev), enabled != 0);
			return r.is_error() ? r.error().to_errno() : 0;
		} else {
			return code::EINVAL.to_errno();
		}
	}

	static void drop(void *data)
	{
		// SAFETY: the Box register_device() gave away, taken back once
		// (the devres entry's release, or the helper's failure path).
		(void)Box<Slot<T>>::from_raw(static_cast<Slot<T> *>(data));
	}
};

} // namespace detail

/// A registered RTC, reachable inside a Devres (see kcxx/rtc/device.h).
class Device {
	struct Token {
		explicit Token() = default;
	};

public:
	/// Registers an RTC for 'dev' (in probe) whose class operations are
	/// T's, built from 'args'.  -ENOMEM; the core's errors.
	template <typename T, typename... Args>
	[[nodiscard]] static Result<Devres<Device>> register_device(const CoreDevice &dev, Gfp gfp, Range range,
								    Alarm alarm, Args &&...args)
	{
		static_assert(Operations<T>,
			      "kcxx: RTC operations need 'kcxx::Result<kcxx::rtc::Time> read_time(const "
			      "kcxx::BoundDevice &) const' and 'kcxx::Result<void> set_time(const "
			      "kcxx::BoundDevice &, const kcxx::rtc::Time &) const'");
		static_assert(!NamesAlarmOperation<T> || AlarmOperations<T>,
			      "kcxx: an RTC's alarm operations are all three of 'kcxx::Result<kcxx::rtc::WakeAlarm> "
			      "read_alarm(const kcxx::BoundDevice &) const', 'kcxx::Result<void> set_alarm(const "
			      "kcxx::BoundDevice &, const kcxx::rtc::WakeAlarm &) const' and 'kcxx::Result<void> "
			      "alarm_irq_enable(const kcxx::BoundDevice &, bool) const'");
		if (alarm == Alarm::with_irq && !AlarmOperations<T>)
			return code::EINVAL;
		auto slot = TRY(Box<detail::Slot<T>>::try_new(gfp, std::forward<Args>(args)...));
		using Tr = detail::Trampolines<T>;
		auto *ops = reinterpret_cast<bindings::rtc_class_ops *>(slot->raw_ops);
		// SAFETY: zeroed storage of the C size and alignment, in the
		// block that lives as long as the RTC.
		bindings::kcxx_helper_rtc_ops_init(ops, &Tr::read_time, &Tr::set_time,
						   AlarmOperations<T> ? &Tr::read_alarm : nullptr,
						   AlarmOperations<T> ? &Tr::set_alarm : nullptr,
						   AlarmOperations<T> ? &Tr::alarm_irq_enable : nullptr);
		// SAFETY: inside probe; the helper owns the block from here
		// (drop() at the binding's end, or at once on failure).
		bindings::rtc_device *rtc = bindings::kcxx_helper_rtc_register(
			dev.as_raw(), ops, std::move(slot).into_raw(), &Tr::drop, range.min, range.max,
			alarm == Alarm::with_irq);
		long value = reinterpret_cast<long>(rtc);
		if (value < 0 && value >= -4095)
			return Error::from_errno(static_cast<int>(value));
		return Devres<Device>::try_new(dev, gfp, Token{}, rtc);
	}

	/// Built in place by register_device() only.
	Device(Token, bindings::rtc_device *rtc) : rtc_(rtc) {}
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/// Reports 'count' interrupts of kind 'event' (rtc_update_irq()):
	/// wakes readers of /dev/rtcN, runs the core's timer queue.  Any
	/// context.
	void update_irq(unsigned long count, Event event) const
	{
		// SAFETY: a registered RTC (INVARIANT).
		bindings::rtc_update_irq(rtc_, count, static_cast<unsigned long>(event));
	}

private:
	bindings::rtc_device *rtc_;
};

} // namespace kcxx::rtc
