// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Timer<T>: a timer of the kernel's timer wheel (struct timer_list,
/// jiffies resolution, callback in softirq context) that owns the data its
/// callback works on, a T, and calls T's member function 'on_timer' - bound
/// at compile time - when it fires.  Cheaper than an HrTimer and coarse on
/// purpose: timeouts, watchdogs, polling every second.
///
///     struct Watchdog {
///         kcxx::Atomic<int> barks{0};
///         kcxx::TimerRestart on_timer() const          // softirq context
///         {
///             barks.inc();
///             return kcxx::TimerRestart::after(kcxx::Jiffies::from_secs(1));  // periodic
///         }
///     };
///     auto timer = TRY(kcxx::Box<kcxx::Timer<Watchdog>>::try_new(GFP_KERNEL));
///     timer->start(kcxx::Jiffies::from_msecs(500));    // relative; or a Duration
///     // ~Timer: del_timer_sync() - waits for a running callback - then ~Watchdog
///
/// Design (as HrTimer, kcxx/hrtimer.h):
///  - The callback reaches only the T inside the Timer; the destructor
///    stops the timer and waits for a running callback before T is
///    destroyed (del_timer_sync(), which also stops a timer that rearms
///    itself from its callback).
///  - The kernel links the timer_list into the wheel by address: neither
///    copyable nor movable; build it in place.
///  - The callback 'TimerRestart T::on_timer() const' runs in softirq
///    context concurrently with the owner: T is const there (Atomic,
///    SpinLockIrq members).  It returns stop(), or after(delay) to fire
///    again 'delay' after now (mod_timer() from the callback).
///  - cancel() and the destructor must not run from the callback, nor under
///    a lock the callback takes (they wait for it).
///
/// INVARIANT: timer is a struct timer_list initialised (timer_setup) with
/// trampoline as its function, at a fixed address from the end of the
/// constructor to the end of the destructor, which leaves it neither
/// pending nor running before data_ is destroyed.
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/time.h>

namespace kcxx {

/// What a timer callback asks for: stop, or fire again 'delay' from now.
class TimerRestart {
public:
	/// Do not restart: the timer is idle after the callback.
	[[nodiscard]] static constexpr TimerRestart stop() { return TimerRestart(false, Jiffies()); }
	/// Fire again 'delay' from now.
	[[nodiscard]] static constexpr TimerRestart after(Jiffies delay) { return TimerRestart(true, delay); }
	/// The same, for a Duration (rounded up to whole jiffies).
	[[nodiscard]] static TimerRestart after(Duration delay) { return after(Jiffies::from_duration(delay)); }

	/// Whether the timer is started again after the callback.
	[[nodiscard]] constexpr bool restarts() const { return restart_; }
	/// The delay after which it fires again, if it restarts.
	[[nodiscard]] constexpr Jiffies delay() const { return delay_; }

private:
	constexpr TimerRestart(bool restart, Jiffies delay) : restart_(restart), delay_(delay) {}

	bool restart_;
	Jiffies delay_;
};

template <typename T> concept TimerCallback = requires(const T &t) {
	{ t.on_timer() } -> std::same_as<TimerRestart>;
};

namespace detail {
/// The struct timer_list, first member of a standard-layout node, so that
/// the kernel's struct timer_list * converts back to the node.
///
/// INVARIANT: see Timer.
struct TimerNode {
	KernelStruct<bindings::timer_list, KCXX_SIZEOF_timer_list, KCXX_ALIGNOF_timer_list> timer;
};
static_assert(std::is_standard_layout_v<TimerNode>);
} // namespace detail

/// A timer of the kernel's timer wheel (jiffies resolution, callback in softirq
/// context) that owns the data its callback works on, a T, and calls
/// T::on_timer() when it fires; cancelled when destroyed (see kcxx/timer.h).
template <typename T> class Timer : private detail::TimerNode {
	static_assert(TimerCallback<T>, "kcxx: Timer<T> needs 'kcxx::TimerRestart T::on_timer() const'");

public:
	/// Builds T(args...) in place and initialises the (inactive) timer,
	/// with one lockdep class for every Timer<T>.
	template <typename... Args>
	explicit Timer(Args &&...args) requires(std::is_constructible_v<T, Args...>)
		: Timer(LockClass::of_static_key<&default_key_>(default_name_), std::forward<Args>(args)...)
	{
	}
	/// With a lockdep class of its own (KCXX_LOCK_CLASS("mydev.timer")).
	template <typename... Args>
	explicit Timer(LockClass cls, Args &&...args) : data_(std::forward<Args>(args)...)
	{
		// SAFETY: timer is storage for a struct timer_list at a fixed
		// address (not copyable or movable); trampoline has the
		// kernel's callback type; key and name are static or unused.
		bindings::kcxx_helper_timer_setup(timer.get(), &trampoline, cls.name(), cls.key());
	}

	Timer(const Timer &) = delete;
	Timer &operator=(const Timer &) = delete;
	Timer(Timer &&) = delete;
	Timer &operator=(Timer &&) = delete;

	~Timer()
	{
		// SAFETY: timer is initialised (INVARIANT); del_timer_sync()
		// waits for a running callback and removes a pending expiry,
		// also one the callback has just set, so the callback is done
		// with data_ before it is destroyed.  Not from the callback
		// (it cannot reach its Timer).
		(void)bindings::kcxx_helper_timer_delete_sync(timer.get());
		// SAFETY: stopped above and never started again.
		bindings::kcxx_helper_timer_destroy(timer.get());
	}

	/// (Re)starts the timer to fire once 'delay' from now (mod_timer():
	/// a pending expiry is replaced).  Any context.
	void start(Jiffies delay) const
	{
		// SAFETY: timer is initialised (INVARIANT); mod_timer() takes
		// the timer base lock, so concurrent starts and cancels are
		// serialised by the kernel.
		(void)bindings::mod_timer(timer.get(), (Jiffies::now() + delay).raw());
	}
	/// Rounded down to whole ticks (nsecs_to_jiffies()).
	void start(Duration delay) const { start(Jiffies::from_duration(delay)); }

	/// Stops the timer and waits for a running callback to finish: true
	/// if it was pending.  Not from the callback, nor from hard IRQ context.
	bool cancel() const
	{
		// SAFETY: timer is initialised (INVARIANT).
		return bindings::kcxx_helper_timer_delete_sync(timer.get()) != 0;
	}

	/// Waiting to fire (a snapshot; a running callback is not pending).
	[[nodiscard]] bool is_pending() const
	{
		// SAFETY: timer is initialised (INVARIANT).
		return bindings::kcxx_helper_timer_pending(timer.get());
	}

	/// The data the callback works on: const, shared with the callback.
	[[nodiscard]] const T &data() const { return data_; }
	/// The data the callback works on (const, shared with it).
	const T *operator->() const { return &data_; }

private:
	static void trampoline(bindings::timer_list *raw)
	{
		// SAFETY: the kernel calls us only with the timer initialised
		// in our constructor: the first member of a live Timer's
		// TimerNode (standard layout), which the destructor keeps
		// alive until the callback has returned.
		auto *self = static_cast<Timer *>(reinterpret_cast<detail::TimerNode *>(raw));
		TimerRestart next = self->data_.on_timer();
		if (next.restarts())
			// SAFETY: rearming from the callback is what mod_timer()
			// allows; del_timer_sync() in the destructor stops it.
			(void)bindings::mod_timer(raw, (Jiffies::now() + next.delay()).raw());
	}

	static inline constinit detail::LockClassKey default_key_{};
	static constexpr char default_name_[] = "kcxx::Timer";

	T data_;
};

} // namespace kcxx
