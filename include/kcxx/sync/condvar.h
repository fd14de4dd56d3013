// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::CondVar: sleep until another thread says that the data behind a
/// lock has changed (Rust's CondVar), over a kernel wait queue.
///
///     struct Queue {
///         kcxx::Mutex<State> state{KCXX_LOCK_CLASS("queue.state"), ...};
///         kcxx::CondVar changed{KCXX_LOCK_CLASS("queue.changed")};
///     };
///
///     auto guard = q->state.lock();
///     q->changed.wait_until(guard, [](State &s) { return s.ready; });
///     use(guard->item);
///
///     // elsewhere
///     { auto guard = q->state.lock(); guard->ready = true; }
///     q->changed.notify_one();
///
/// wait(guard) releases the lock the guard holds, sleeps until notified, and
/// takes the lock again before it returns, so the guard stays valid.  It
/// works with MutexGuard, SpinLockGuard and SpinLockIrqSaveGuard (the
/// interrupt state is restored while sleeping).  Wake-ups may be spurious:
/// check the condition in a loop, or use wait_until().  No notification is
/// lost between the check and the sleep: the waiter is on the queue before
/// it releases the lock, and the notifier changes the data under that lock.
///
/// Waiters are exclusive: notify_one() wakes one of them, notify_all()
/// every one.  The wait queue head is embedded by value, so a CondVar is
/// built in place and can be neither copied nor moved; it must outlive its
/// waiters (keep it next to the lock, in the same Arc or Box).
///
/// INVARIANT: wait_ is an initialised wait_queue_head at a fixed address
/// from the end of the constructor to the destructor.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/sync/context.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/sync/timeout.h>

namespace kcxx {

namespace detail {

/// poll(): kcxx/poll.h reaches a CondVar's wait queue through this.
template <typename Q> struct WaitQueueOf;

template <typename G> inline constexpr bool is_lock_guard = false;
template <typename T> inline constexpr bool is_lock_guard<MutexGuard<T>> = true;
template <typename T> inline constexpr bool is_lock_guard<SpinLockGuard<T>> = true;
template <typename T> inline constexpr bool is_lock_guard<SpinLockIrqSaveGuard<T>> = true;

} // namespace detail

/// Sleeps until another thread says the data behind a lock has changed,
/// over a kernel wait queue (see kcxx/sync/condvar.h).
class CondVar {
public:
	/// A condition variable in the lock class of every CondVar built
	/// this way: the wait queue's lock is a leaf lock, never nested by
	/// kcxx code, so a shared class costs lockdep no precision.
	CondVar() : CondVar(LockClass::of_static_key<&default_key_>(default_name_)) {}

	/// A condition variable whose wait queue lock is in class 'cls'.
	explicit CondVar(LockClass cls)
	{
		// SAFETY: wait_ is storage for a wait_queue_head at a fixed
		// address; key and name are static or unused (LockClass).
		bindings::__init_waitqueue_head(wait_.get(), cls.name(), cls.key());
	}

	CondVar(const CondVar &) = delete;
	CondVar &operator=(const CondVar &) = delete;
	CondVar(CondVar &&) = delete;
	CondVar &operator=(CondVar &&) = delete;

	/// Releases the guard's lock, sleeps until notified (uninterruptibly),
	/// retakes the lock.
	template <typename G> void wait(G &guard) const
	{
		(void)wait_internal(guard, KCXX_TASK_UNINTERRUPTIBLE, KCXX_MAX_SCHEDULE_TIMEOUT);
	}

	/// As wait(), but a signal ends the sleep too: -ERESTARTSYS when a
	/// signal is pending on return (the lock is held again either way).
	template <typename G> [[nodiscard]] Result<void> wait_interruptible(G &guard) const
	{
		(void)wait_internal(guard, KCXX_TASK_INTERRUPTIBLE, KCXX_MAX_SCHEDULE_TIMEOUT);
		if (signal_pending())
			return code::ERESTARTSYS;
		return {};
	}

	/// As wait(), for at most 'timeout': the time left (expired() when
	/// the timeout ran out before a notification).
	template <typename G> [[nodiscard]] Timeout wait_timeout(G &guard, Timeout timeout) const
	{
		return Timeout::from_jiffies(wait_internal(guard, KCXX_TASK_UNINTERRUPTIBLE, timeout.jiffies()));
	}

	/// Waits until ready(data) holds, data being what the guard guards.
	template <typename G, typename Ready> void wait_until(G &guard, Ready &&ready) const
	{
		while (!ready(*guard))
			wait(guard);
	}

	/// Wakes one waiter (wake_up()).
	void notify_one() const
	{
		// SAFETY: wait_ is initialised (INVARIANT); no wake-up key.
		(void)bindings::__wake_up(wait_.get(), KCXX_TASK_NORMAL, 1, nullptr);
	}

	/// Wakes every waiter (wake_up_all()).
	void notify_all() const
	{
		// SAFETY: as notify_one(); nr 0 means all.
		(void)bindings::__wake_up(wait_.get(), KCXX_TASK_NORMAL, 0, nullptr);
	}

private:
	/// A poll() registers pollers on the wait queue (kcxx/poll.h).
	friend struct detail::WaitQueueOf<CondVar>;

	template <typename G> long wait_internal(G &guard, int state, long timeout) const
	{
		static_assert(detail::is_lock_guard<G>,
			      "CondVar waits with the guard of a kcxx lock (MutexGuard, SpinLockGuard, SpinLockIrqSaveGuard)");
		detail::KernelStruct<bindings::wait_queue_entry, KCXX_SIZEOF_wait_queue_entry,
				     KCXX_ALIGNOF_wait_queue_entry>
			entry;
		// SAFETY: entry is storage for a wait_queue_entry that lives
		// until finish_wait() below has taken it off the queue;
		// init_wait_entry() sets every field (the current task,
		// autoremove_wake_function).  Queueing it with the task state
		// set before the lock is released means a notify_one() after
		// the release wakes this task.
		bindings::init_wait_entry(entry.get(), 0);
		(void)bindings::prepare_to_wait_exclusive(wait_.get(), entry.get(), state);
		guard.unlock_for_wait();
		// SAFETY: sleeps in the state set above; no lock of the guard
		// is held.
		long remaining = bindings::schedule_timeout(timeout);
		guard.relock_after_wait();
		// SAFETY: entry was queued on wait_ above (or already removed
		// by the wake-up); finish_wait() handles both.
		bindings::finish_wait(wait_.get(), entry.get());
		return remaining;
	}

	static inline constinit detail::LockClassKey default_key_{};
	static constexpr char default_name_[] = "kcxx::CondVar"; // one pointer for the key

	detail::KernelStruct<bindings::wait_queue_head, KCXX_SIZEOF_wait_queue_head, KCXX_ALIGNOF_wait_queue_head>
		wait_;
};

} // namespace kcxx
