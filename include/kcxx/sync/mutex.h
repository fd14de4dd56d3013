// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Mutex<T>: a T reachable only while the kernel mutex that protects
/// it is held (Rust's Mutex<T>, SerenityOS's MutexProtected<T>).
///
///     struct Device {
///         kcxx::Mutex<State> state;
///         Device() : state(KCXX_LOCK_CLASS("device.state"), ...) {}
///     };
///     auto dev = TRY(kcxx::Arc<Device>::try_new(GFP_KERNEL));
///     {
///         auto guard = dev->state.lock();   // mutex_lock(); may sleep
///         guard->count++;
///     }                                     // mutex_unlock()
///
/// The data is a private member: the only ways to it are the guards that
/// lock(), try_lock() and lock_interruptible() return (include/kcxx/sync/
/// guard.h).  The lock operations are 'const': a lock is shared between
/// threads by const reference (what Arc gives out) and changes state inside,
/// like the data it hands out through a guard.
///
/// Creation: the struct mutex is embedded by value and initialised in the
/// constructor with its own lockdep class (KCXX_LOCK_CLASS, one per site),
/// so a Mutex is built in place - as a member of an object that lives in a
/// Box, an Arc or the module object's heap allocation - and can be neither
/// copied nor moved.  Destroying a Mutex that is still locked (a guard
/// outlived it) is a kernel WARNING.
///
/// Sleeping: lock() sleeps until the mutex is free; the kernel's mutex_lock()
/// checks might_sleep(), which reports a call from atomic context (for
/// example under a SpinLock guard) on a kernel with
/// CONFIG_DEBUG_ATOMIC_SLEEP.  See include/kcxx/sync/context.h for why this
/// is not a compile-time error.
///
/// INVARIANT: mutex_ is an initialised struct mutex at a fixed address from
/// the end of the constructor to the destructor; data_ is accessed only by
/// the holder of mutex_ (through a MutexGuard).
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/compiler.h>
#include <kcxx/error.h>
#include <kcxx/sync/guard.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>

// A guard that escapes the function owning its lock by value (returning
// m.lock() for a local 'm') stores the address of a dead local: GCC sees
// it once the inline lock() is inlined.  The kernel turns this warning off
// for C; kcxx makes it an error for the guard code in this header.  clang
// sees it at the return statement, from KCXX_LIFETIMEBOUND on lock() and
// its siblings (kcxx/compiler.h).
KCXX_DANGLING_ERRORS_BEGIN

namespace kcxx {

template <typename T> class MutexGuard;

/// A T reachable only while the kernel mutex that protects it is held; built
/// in place, neither copied nor moved (see kcxx/sync/mutex.h).
template <typename T> class Mutex {
	static_assert(!std::is_reference_v<T>, "Mutex<T&> protects nothing: put the data itself in the Mutex");

public:
	/// The guard lock() returns: the data is reachable through it while the
	/// mutex is held.
	using Guard = MutexGuard<T>;

	/// Builds the data as T(args...) and initialises the mutex in the
	/// lock class 'cls' (KCXX_LOCK_CLASS()).
	template <typename... Args>
	explicit Mutex(LockClass cls, Args &&...args) : data_(std::forward<Args>(args)...)
	{
		// SAFETY: mutex_ is storage for a struct mutex that stays at
		// this address until the destructor; the class's key and name
		// are static (LockClass INVARIANT) or unused without lockdep.
		bindings::__mutex_init(mutex_.get(), cls.name(), cls.key());
	}

	Mutex(const Mutex &) = delete;
	Mutex &operator=(const Mutex &) = delete;
	Mutex(Mutex &&) = delete;
	Mutex &operator=(Mutex &&) = delete;

	~Mutex()
	{
		// SAFETY: mutex_ is initialised (INVARIANT).
		if (bindings::mutex_is_locked(mutex_.get())) [[unlikely]]
			warn("Mutex destroyed while locked: a guard outlived its lock");
	}

	/// Takes the mutex, sleeping until it is free.  Only for a Mutex that
	/// outlives the call (not a temporary).
	[[nodiscard, gnu::always_inline]] MutexGuard<T> lock() const & KCXX_LIFETIMEBOUND
	{
		// SAFETY: mutex_ is initialised (INVARIANT).  The guard
		// releases it exactly once.
#if KCXX_LOCKDEP
		bindings::mutex_lock_nested(mutex_.get(), 0);
#else
		bindings::mutex_lock(mutex_.get());
#endif
		return MutexGuard<T>(detail::LockToken(), *this);
	}
	MutexGuard<T> lock() const && = delete;

	/// Takes the mutex if it is free, without sleeping.
	[[nodiscard, gnu::always_inline]] OptionalGuard<MutexGuard<T>> try_lock() const & KCXX_LIFETIMEBOUND
	{
		// SAFETY: mutex_ is initialised; on success the guard built in
		// place releases it.
		if (bindings::mutex_trylock(mutex_.get()))
			return OptionalGuard<MutexGuard<T>>(detail::LockToken(), *this);
		return OptionalGuard<MutexGuard<T>>();
	}
	OptionalGuard<MutexGuard<T>> try_lock() const && = delete;

	/// Takes the mutex, sleeping until it is free or a signal arrives
	/// (then the error is -EINTR and the mutex is not held).
	[[nodiscard, gnu::always_inline]] LockResult<MutexGuard<T>> lock_interruptible() const & KCXX_LIFETIMEBOUND
	{
		// SAFETY: mutex_ is initialised; 0 means it is now held and the
		// guard built in place releases it; otherwise it is not held.
#if KCXX_LOCKDEP
		int ret = bindings::mutex_lock_interruptible_nested(mutex_.get(), 0);
#else
		int ret = bindings::mutex_lock_interruptible(mutex_.get());
#endif
		if (ret == 0)
			return LockResult<MutexGuard<T>>(detail::LockToken(), *this);
		return Error::from_errno(ret);
	}
	LockResult<MutexGuard<T>> lock_interruptible() const && = delete;

	/// Whether some thread holds the mutex right now (a snapshot: for
	/// assertions and tests, not for decisions).
	[[nodiscard]] bool is_locked() const
	{
		// SAFETY: mutex_ is initialised (INVARIANT).
		return bindings::mutex_is_locked(mutex_.get());
	}

private:
	friend class MutexGuard<T>;

	detail::KernelStruct<bindings::mutex, KCXX_SIZEOF_mutex, KCXX_ALIGNOF_mutex> mutex_;
	mutable T data_;
};

/// Access to a Mutex's data while it is held; unlocks when it goes out of
/// scope.  Taking a 'MutexGuard<T> &' parameter is how a function states
/// that its caller holds the lock.
///
/// INVARIANT: lock_ is held by the current task from construction to
/// destruction (except inside CondVar::wait, which releases and retakes
/// it before returning).
template <typename T> class [[nodiscard]] MutexGuard {
public:
	/// Only a Mutex can make the token, right after taking the lock.
	[[gnu::always_inline]] MutexGuard(detail::LockToken, const Mutex<T> &lock) : lock_(lock) {}

	MutexGuard(const MutexGuard &) = delete;
	MutexGuard &operator=(const MutexGuard &) = delete;
	MutexGuard(MutexGuard &&) = delete;
	MutexGuard &operator=(MutexGuard &&) = delete;

	[[gnu::always_inline]] ~MutexGuard()
	{
		// SAFETY: this guard holds the mutex (INVARIANT) and releases
		// it here, once.
		bindings::mutex_unlock(lock_.mutex_.get());
	}

	/// @{
	/// The data, while the mutex is held.
	[[gnu::always_inline]] T *operator->() const { return &lock_.data_; }
	[[gnu::always_inline]] T &operator*() const { return lock_.data_; }
	/// @}

private:
	friend class CondVar;

	/// CondVar::wait: give the mutex up while sleeping, then take it back.
	void unlock_for_wait() const
	{
		// SAFETY: held (INVARIANT); relock_after_wait() follows before
		// the guard is used again.
		bindings::mutex_unlock(lock_.mutex_.get());
	}
	void relock_after_wait() const
	{
		// SAFETY: released by unlock_for_wait() just before.
#if KCXX_LOCKDEP
		bindings::mutex_lock_nested(lock_.mutex_.get(), 0);
#else
		bindings::mutex_lock(lock_.mutex_.get());
#endif
	}

	const Mutex<T> &lock_;
};

} // namespace kcxx

KCXX_DANGLING_ERRORS_END
