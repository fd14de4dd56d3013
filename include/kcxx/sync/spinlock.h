// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::SpinLock<T>: a T reachable only while the kernel spinlock that
/// protects it is held (Rust's SpinLock<T>, SerenityOS's SpinlockProtected).
///
///     kcxx::SpinLock<Stats> stats{KCXX_LOCK_CLASS("stats"), ...};
///     {
///         auto guard = stats.lock();            // spin_lock()
///         guard->packets++;
///     }                                         // spin_unlock()
///     {
///         auto guard = stats.lock_irqsave();    // spin_lock_irqsave()
///         guard->irqs++;
///     }                                         // spin_unlock_irqrestore()
///
/// lock() and lock_irqsave() are the kernel's spin_lock() and
/// spin_lock_irqsave(): direct calls of the exported _raw_spin_lock() and
/// _raw_spin_lock_irqsave(), which is what the macros expand to on kernels
/// that do not inline spinlocks (Debian's).  The irqsave guard keeps the
/// saved flags and restores them when it goes out of scope; guards cannot
/// move, so nested irqsave guards restore in the right order.  Data shared
/// with an interrupt handler belongs in a SpinLockIrq<T>
/// (include/kcxx/sync/spinlock_irq.h), which has no plain lock().
///
/// A spinlock guard disables preemption: the holder must not sleep (no
/// Mutex::lock(), CondVar/Completion waits or GFP_KERNEL allocations while a
/// guard is alive).  The kernel reports it at run time; see
/// include/kcxx/sync/context.h for why C++ cannot reject it at compile time.
///
/// Creation, sharing and destruction as for Mutex<T> (mutex.h): built in
/// place with a lock class, const lock operations, never copied or moved; a
/// SpinLock destroyed while locked is a kernel WARNING.
///
/// INVARIANT: lock_ is an initialised spinlock_t at a fixed address from the
/// end of the constructor to the destructor; data_ is accessed only by the
/// holder of lock_ (through a guard).
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/compiler.h>
#include <kcxx/sync/guard.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>

// See mutex.h: a guard escaping the function that owns its lock is an error.
KCXX_DANGLING_ERRORS_BEGIN

namespace kcxx {

template <typename T> class SpinLockGuard;
template <typename T> class SpinLockIrqSaveGuard;

/// A T reachable only while the kernel spinlock that protects it is held;
/// built in place, neither copied nor moved (see kcxx/sync/spinlock.h).
template <typename T> class SpinLock {
	static_assert(!std::is_reference_v<T>, "SpinLock<T&> protects nothing: put the data itself in the lock");

public:
	/// The guard lock() returns.
	using Guard = SpinLockGuard<T>;
	/// The guard lock_irqsave() returns: local interrupts stay disabled while it lives.
	using IrqSaveGuard = SpinLockIrqSaveGuard<T>;

	/// Builds the data as T(args...) and initialises the spinlock in the
	/// lock class 'cls' (KCXX_LOCK_CLASS()).
	template <typename... Args>
	explicit SpinLock(LockClass cls, Args &&...args) : data_(std::forward<Args>(args)...)
	{
		// SAFETY: lock_ is storage for a spinlock_t that stays at this
		// address until the destructor; key and name are static
		// (LockClass INVARIANT) or unused without lockdep.
		bindings::kcxx_helper_spin_lock_init(lock_.get(), cls.name(), cls.key());
	}

	SpinLock(const SpinLock &) = delete;
	SpinLock &operator=(const SpinLock &) = delete;
	SpinLock(SpinLock &&) = delete;
	SpinLock &operator=(SpinLock &&) = delete;

	~SpinLock()
	{
		if (is_locked()) [[unlikely]]
			warn("SpinLock destroyed while locked: a guard outlived its lock");
	}

	/// spin_lock(): spins until the lock is free; preemption stays off
	/// while the guard lives.
	[[nodiscard, gnu::always_inline]] SpinLockGuard<T> lock() const & KCXX_LIFETIMEBOUND
	{
		// SAFETY: lock_ is initialised (INVARIANT); the guard releases
		// it exactly once.
		bindings::_raw_spin_lock(raw());
		return SpinLockGuard<T>(detail::LockToken(), *this);
	}
	SpinLockGuard<T> lock() const && = delete;

	/// spin_trylock(): takes the lock only if it is free.
	[[nodiscard, gnu::always_inline]] OptionalGuard<SpinLockGuard<T>> try_lock() const & KCXX_LIFETIMEBOUND
	{
		// SAFETY: lock_ is initialised; on success the guard built in
		// place releases it.
		if (bindings::_raw_spin_trylock(raw()))
			return OptionalGuard<SpinLockGuard<T>>(detail::LockToken(), *this);
		return OptionalGuard<SpinLockGuard<T>>();
	}
	OptionalGuard<SpinLockGuard<T>> try_lock() const && = delete;

	/// spin_lock_irqsave(): disables local interrupts, saving their state,
	/// and takes the lock; the guard restores the state.
	[[nodiscard, gnu::always_inline]] SpinLockIrqSaveGuard<T> lock_irqsave() const & KCXX_LIFETIMEBOUND
	{
		// SAFETY: lock_ is initialised; the guard releases it with the
		// flags returned here, exactly once.
		unsigned long flags = bindings::_raw_spin_lock_irqsave(raw());
		return SpinLockIrqSaveGuard<T>(detail::LockToken(), *this, flags);
	}
	SpinLockIrqSaveGuard<T> lock_irqsave() const && = delete;

	/// spin_trylock_irqsave(): on failure interrupts are as they were.
	[[nodiscard, gnu::always_inline]] OptionalGuard<SpinLockIrqSaveGuard<T>> try_lock_irqsave() const & KCXX_LIFETIMEBOUND
	{
		unsigned long flags;
		// SAFETY: lock_ is initialised; on success flags holds the
		// saved state and the guard built in place restores it.
		if (bindings::kcxx_helper_spin_trylock_irqsave(lock_.get(), &flags))
			return OptionalGuard<SpinLockIrqSaveGuard<T>>(detail::LockToken(), *this, flags);
		return OptionalGuard<SpinLockIrqSaveGuard<T>>();
	}
	OptionalGuard<SpinLockIrqSaveGuard<T>> try_lock_irqsave() const && = delete;

	/// Whether the lock is held right now (a snapshot: for assertions and
	/// tests).
	[[nodiscard]] bool is_locked() const
	{
		// SAFETY: lock_ is initialised (INVARIANT).
		return bindings::kcxx_helper_spin_is_locked(lock_.get());
	}

private:
	friend class SpinLockGuard<T>;
	friend class SpinLockIrqSaveGuard<T>;

	/// spinlock_t begins with its raw_spinlock_t (checked in the helpers).
	[[gnu::always_inline]] bindings::raw_spinlock *raw() const
	{
		return reinterpret_cast<bindings::raw_spinlock *>(lock_.get());
	}

	detail::KernelStruct<bindings::spinlock, KCXX_SIZEOF_spinlock, KCXX_ALIGNOF_spinlock> lock_;
	mutable T data_;
};

/// Access to a SpinLock's data while it is held (spin_lock()); unlocks when
/// it goes out of scope.
///
/// INVARIANT: lock_ is held by the current CPU from construction to
/// destruction (except inside CondVar::wait).
template <typename T> class [[nodiscard]] SpinLockGuard {
public:
	/// Made by SpinLock::lock() once the lock is held (the token: no one else).
	[[gnu::always_inline]] SpinLockGuard(detail::LockToken, const SpinLock<T> &lock) : lock_(lock) {}

	SpinLockGuard(const SpinLockGuard &) = delete;
	SpinLockGuard &operator=(const SpinLockGuard &) = delete;
	SpinLockGuard(SpinLockGuard &&) = delete;
	SpinLockGuard &operator=(SpinLockGuard &&) = delete;

	[[gnu::always_inline]] ~SpinLockGuard()
	{
		// SAFETY: this guard holds the lock (INVARIANT) and releases it
		// here, once.
		bindings::_raw_spin_unlock(lock_.raw());
	}

	/// @{
	/// The data, while the lock is held.
	[[gnu::always_inline]] T *operator->() const { return &lock_.data_; }
	[[gnu::always_inline]] T &operator*() const { return lock_.data_; }
	/// @}

private:
	friend class CondVar;

	void unlock_for_wait() const
	{
		// SAFETY: held (INVARIANT); relock_after_wait() follows.
		bindings::_raw_spin_unlock(lock_.raw());
	}
	void relock_after_wait() const
	{
		// SAFETY: released by unlock_for_wait() just before.
		bindings::_raw_spin_lock(lock_.raw());
	}

	const SpinLock<T> &lock_;
};

/// Access to a SpinLock's data while it is held with local interrupts
/// disabled (spin_lock_irqsave()); restores them when it goes out of scope.
///
/// INVARIANT: lock_ is held by the current CPU, with the interrupt state
/// from before the lock saved in flags_.
template <typename T> class [[nodiscard]] SpinLockIrqSaveGuard {
public:
	/// Made by SpinLock::lock_irqsave() once the lock is held with interrupts
	/// disabled, 'flags' the interrupt state to restore.
	[[gnu::always_inline]] SpinLockIrqSaveGuard(detail::LockToken, const SpinLock<T> &lock, unsigned long flags)
		: lock_(lock), flags_(flags)
	{
	}

	SpinLockIrqSaveGuard(const SpinLockIrqSaveGuard &) = delete;
	SpinLockIrqSaveGuard &operator=(const SpinLockIrqSaveGuard &) = delete;
	SpinLockIrqSaveGuard(SpinLockIrqSaveGuard &&) = delete;
	SpinLockIrqSaveGuard &operator=(SpinLockIrqSaveGuard &&) = delete;

	[[gnu::always_inline]] ~SpinLockIrqSaveGuard()
	{
		// SAFETY: this guard holds the lock with flags_ saved
		// (INVARIANT) and releases it here, once.
		bindings::_raw_spin_unlock_irqrestore(lock_.raw(), flags_);
	}

	/// @{
	/// The data, while the lock is held.
	[[gnu::always_inline]] T *operator->() const { return &lock_.data_; }
	[[gnu::always_inline]] T &operator*() const { return lock_.data_; }
	/// @}

private:
	friend class CondVar;

	void unlock_for_wait() const
	{
		// SAFETY: held with flags_ (INVARIANT); relock_after_wait()
		// follows and saves the state again.
		bindings::_raw_spin_unlock_irqrestore(lock_.raw(), flags_);
	}
	void relock_after_wait()
	{
		// SAFETY: released by unlock_for_wait() just before.
		flags_ = bindings::_raw_spin_lock_irqsave(lock_.raw());
	}

	const SpinLock<T> &lock_;
	unsigned long flags_;
};

} // namespace kcxx

KCXX_DANGLING_ERRORS_END
