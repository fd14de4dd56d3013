// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::HrTimer<T>: a high-resolution timer (struct hrtimer, CLOCK_MONOTONIC)
/// that owns the data its callback works on, a T, and calls T's member
/// function 'on_timer' - bound at compile time - when it fires.
///
///     struct Ticker {
///         kcxx::Atomic<int> ticks{0};
///         kcxx::HrTimerRestart on_timer() const      // hard IRQ context
///         {
///             if (ticks.add_return(1) < 10)
///                 return kcxx::HrTimerRestart::after(kcxx::Duration::from_ms(1));
///             return kcxx::HrTimerRestart::stop();
///         }
///     };
///     auto timer = TRY(kcxx::Box<kcxx::HrTimer<Ticker>>::try_new(GFP_KERNEL));
///     timer->start(kcxx::Duration::from_ms(5));        // relative
///     ... timer->data().ticks.load() ...
///     // ~HrTimer: hrtimer_cancel() - waits for a running callback - then ~Ticker
///
/// Design:
///  - Ownership: the callback reaches only the T inside the HrTimer (and what
///    that T owns or keeps alive, e.g. an Arc clone).  The HrTimer's
///    destructor cancels the timer and waits for a running callback
///    (hrtimer_cancel()) before its members - the T - are destroyed, so the
///    callback can never see a T that is being or has been destroyed,
///    wherever the HrTimer itself lives (a Box, an Arc, a member of a larger
///    object in any position).  The owner of the HrTimer owns the timer.
///  - The kernel links the struct hrtimer into its timer queue by address:
///    an HrTimer can be neither copied nor moved; build it in place.
///  - The callback is 'HrTimerRestart T::on_timer() const', found by name
///    and called directly (no function pointer stored besides the kernel's
///    own); a missing or wrong one is a compile error naming it.  It runs
///    in hard IRQ context (or softirq with HrTimerContext::softirq)
///    concurrently with the timer's owner, so it gets the T as const:
///    shared state is in Atomic/SpinLockIrq members.
///  - Restart is the callback's return value: stop(), or after(interval),
///    which forwards the expiry by whole intervals past now
///    (hrtimer_forward()) and restarts.
///  - cancel() and the destructor must not be called from the callback
///    itself (hrtimer_cancel() would wait for itself); the callback has no
///    access to its HrTimer, only to the T.
///
/// INVARIANT: timer_ is a struct hrtimer initialised (hrtimer_init) for
/// CLOCK_MONOTONIC with trampoline as its function, at a fixed address from
/// the end of the constructor to the end of the destructor, which leaves it
/// inactive (neither queued nor running) before data_ is destroyed.
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/time.h>

namespace kcxx {

/// What a timer callback asks for: stop, or run again 'interval' after the
/// previous expiry (skipping missed periods: hrtimer_forward()).
///
/// INVARIANT: interval_ is positive when restart_.
class HrTimerRestart {
public:
	/// Do not restart: the timer is idle after the callback.
	[[nodiscard]] static constexpr HrTimerRestart stop() { return HrTimerRestart(false, Duration::zero()); }
	/// A non-positive interval means the smallest one (1 ns).
	[[nodiscard]] static constexpr HrTimerRestart after(Duration interval)
	{
		return HrTimerRestart(true, interval > Duration::zero() ? interval : Duration::from_ns(1));
	}

	/// Whether the timer is started again after the callback.
	[[nodiscard]] constexpr bool restarts() const { return restart_; }
	/// The interval after which it fires again, if it restarts (positive).
	[[nodiscard]] constexpr Duration interval() const { return interval_; }

private:
	constexpr HrTimerRestart(bool restart, Duration interval) : restart_(restart), interval_(interval) {}

	bool restart_;
	Duration interval_;
};

/// Where the callback runs.
enum class HrTimerContext {
	hardirq, // HRTIMER_MODE_REL: in the timer interrupt
	softirq, // HRTIMER_MODE_REL_SOFT: in the HRTIMER softirq
};

template <typename T> concept HrTimerCallback = requires(const T &t) {
	{ t.on_timer() } -> std::same_as<HrTimerRestart>;
};

namespace detail {
/// The struct hrtimer, first member of a standard-layout node, so that the
/// kernel's struct hrtimer * converts back to the node (as MiscNode).
///
/// INVARIANT: see HrTimer.
struct HrTimerNode {
	KernelStruct<bindings::hrtimer, KCXX_SIZEOF_hrtimer, KCXX_ALIGNOF_hrtimer> timer;
};
static_assert(std::is_standard_layout_v<HrTimerNode>);
} // namespace detail

/// A high-resolution timer (CLOCK_MONOTONIC) that owns the data its callback
/// works on, a T, and calls T::on_timer() when it fires; cancelled when destroyed.
template <typename T> class HrTimer : private detail::HrTimerNode {
	static_assert(HrTimerCallback<T>,
		      "kcxx: HrTimer<T> needs 'kcxx::HrTimerRestart T::on_timer() const'");

public:
	/// Builds T(args...) in place and initialises the (inactive) timer.
	template <typename... Args>
	explicit HrTimer(HrTimerContext context, Args &&...args)
		: data_(std::forward<Args>(args)...),
		  mode_(context == HrTimerContext::softirq ? KCXX_HRTIMER_MODE_REL_SOFT : KCXX_HRTIMER_MODE_REL)
	{
		// SAFETY: timer is storage for a struct hrtimer at a fixed
		// address (not copyable or movable); trampoline has the
		// kernel's callback type.
		bindings::kcxx_helper_hrtimer_setup(timer.get(), &trampoline, KCXX_CLOCK_MONOTONIC, mode_);
	}
	/// Builds the T from 'args'; the timer is set up but not started.
	template <typename... Args>
	explicit HrTimer(Args &&...args) requires(std::is_constructible_v<T, Args...>)
		: HrTimer(HrTimerContext::hardirq, std::forward<Args>(args)...)
	{
	}

	HrTimer(const HrTimer &) = delete;
	HrTimer &operator=(const HrTimer &) = delete;
	HrTimer(HrTimer &&) = delete;
	HrTimer &operator=(HrTimer &&) = delete;

	~HrTimer()
	{
		// SAFETY: timer is initialised (INVARIANT); hrtimer_cancel()
		// dequeues it and waits for a running callback, so the
		// callback is done with data_ before it is destroyed.  Not
		// called from the callback (it cannot reach its HrTimer).
		(void)bindings::hrtimer_cancel(timer.get());
		// SAFETY: cancelled above and never started again.
		bindings::kcxx_helper_hrtimer_destroy(timer.get());
	}

	/// (Re)starts the timer to fire once 'after' from now (a negative
	/// duration fires at once).  A pending expiry is replaced.
	void start(Duration after) const
	{
		// SAFETY: timer is initialised (INVARIANT); hrtimer_start_range_ns()
		// takes the timer base lock, so concurrent starts and cancels
		// are serialised by the kernel.  The mode matches the one
		// it was initialised with.
		bindings::hrtimer_start_range_ns(timer.get(), after.as_ns(), 0,
						 static_cast<bindings::hrtimer_mode>(mode_));
	}

	/// Stops the timer, waiting for a running callback to finish: true if
	/// it was queued or running.  Sleeps only in the sense of spinning on a
	/// running callback; never from the callback.
	bool cancel() const
	{
		// SAFETY: timer is initialised (INVARIANT).
		return bindings::hrtimer_cancel(timer.get()) != 0;
	}

	/// Dequeues the timer if it is queued and its callback is not running:
	/// 1 if dequeued, 0 if it was inactive, -1 if the callback is running
	/// (then nothing changed).  Any context.
	[[nodiscard]] int try_cancel() const
	{
		// SAFETY: timer is initialised (INVARIANT).
		return bindings::hrtimer_try_to_cancel(timer.get());
	}

	/// Queued or running right now (a snapshot).
	[[nodiscard]] bool is_active() const
	{
		// SAFETY: timer is initialised (INVARIANT).
		return bindings::hrtimer_active(timer.get());
	}

	/// The data the callback works on: const, shared with the callback.
	[[nodiscard]] const T &data() const { return data_; }
	/// The data the callback works on (const, shared with it).
	const T *operator->() const { return &data_; }

private:
	static bindings::hrtimer_restart trampoline(bindings::hrtimer *raw)
	{
		// SAFETY: the kernel calls us only with the timer initialised
		// in our constructor: the first member of a live HrTimer's
		// HrTimerNode (standard layout), which the destructor keeps
		// alive until the callback has returned.
		auto *self = static_cast<HrTimer *>(reinterpret_cast<detail::HrTimerNode *>(raw));
		HrTimerRestart next = self->data_.on_timer();
		if (!next.restarts())
			return static_cast<bindings::hrtimer_restart>(KCXX_HRTIMER_NORESTART);
		// SAFETY: forwarding from the callback is what
		// hrtimer_forward_now() is for; the monotonic base's clock is
		// ktime_get().
		(void)bindings::hrtimer_forward(raw, bindings::ktime_get(), next.interval().as_ns());
		return static_cast<bindings::hrtimer_restart>(KCXX_HRTIMER_RESTART);
	}

	T data_;
	unsigned int mode_;
};

} // namespace kcxx
