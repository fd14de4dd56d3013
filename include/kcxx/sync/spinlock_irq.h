// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::SpinLockIrq<T>: a spinlock for data that an interrupt handler
/// shares, so every acquisition disables local interrupts.
///
///     kcxx::SpinLockIrq<Ring> ring{KCXX_LOCK_CLASS("dev.ring"), ...};
///     {
///         auto guard = ring.lock();     // spin_lock_irqsave()
///         guard->push(...);
///     }                                 // spin_unlock_irqrestore()
///
/// A SpinLock<T> offers both spin_lock() and spin_lock_irqsave(); forgetting
/// the irqsave where an interrupt handler takes the same lock deadlocks the
/// CPU when the interrupt arrives while the lock is held.  SpinLockIrq<T>
/// has no plain lock(): that mistake does not compile.  Its guards are
/// SpinLock's irqsave guards (spinlock.h), restoring the saved interrupt
/// state when they go out of scope.
///
/// INVARIANT: as for SpinLock<T> (lock_), and every guard of lock_ was taken
/// with interrupts disabled.
#pragma once

#include <utility>

#include <kcxx/compiler.h>

#include <kcxx/sync/spinlock.h>

// See mutex.h: a guard escaping the function that owns its lock is an error.
KCXX_DANGLING_ERRORS_BEGIN

namespace kcxx {

/// A spinlock for data an interrupt handler shares: every acquisition
/// disables local interrupts (see kcxx/sync/spinlock_irq.h).
template <typename T> class SpinLockIrq {
public:
	/// The guard lock() returns: the data is reachable through it, with local
	/// interrupts disabled until it is destroyed.
	using Guard = SpinLockIrqSaveGuard<T>;

	/// Builds the data as T(args...) and initialises the spinlock in the
	/// lock class 'cls' (KCXX_LOCK_CLASS()).
	template <typename... Args>
	explicit SpinLockIrq(LockClass cls, Args &&...args) : lock_(cls, std::forward<Args>(args)...)
	{
	}

	SpinLockIrq(const SpinLockIrq &) = delete;
	SpinLockIrq &operator=(const SpinLockIrq &) = delete;
	SpinLockIrq(SpinLockIrq &&) = delete;
	SpinLockIrq &operator=(SpinLockIrq &&) = delete;

	/// spin_lock_irqsave().
	[[nodiscard, gnu::always_inline]] SpinLockIrqSaveGuard<T> lock() const & KCXX_LIFETIMEBOUND { return lock_.lock_irqsave(); }
	SpinLockIrqSaveGuard<T> lock() const && = delete;

	/// spin_trylock_irqsave().
	[[nodiscard, gnu::always_inline]] OptionalGuard<SpinLockIrqSaveGuard<T>> try_lock() const & KCXX_LIFETIMEBOUND
	{
		return lock_.try_lock_irqsave();
	}
	OptionalGuard<SpinLockIrqSaveGuard<T>> try_lock() const && = delete;

	/// Whether some context holds the lock now: a snapshot, for assertions only.
	[[nodiscard]] bool is_locked() const { return lock_.is_locked(); }

private:
	SpinLock<T> lock_;
};

} // namespace kcxx

KCXX_DANGLING_ERRORS_END
