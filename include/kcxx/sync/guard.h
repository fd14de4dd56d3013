// SPDX-License-Identifier: GPL-2.0
/// \file
/// What the kcxx locks (Mutex, SpinLock, SpinLockIrq) have in common: how a
/// guard comes to exist, and the two holders a lock operation that can fail
/// returns its guard in.
///
/// A guard is the only way to reach the data behind a lock, and it exists
/// only while the lock is held:
///
///  - a guard is built only by its lock, right after taking it: its
///    constructor needs a detail::LockToken, which only the lock types can
///    make;
///  - it can be neither copied nor moved (so it cannot be stored in a Box, a
///    container or a longer-lived object, and guards are released in exactly
///    the reverse order they were taken, which keeps saved IRQ states right);
///  - it is [[nodiscard]]: 'm.lock();' alone does not compile;
///  - it has no unlock(): the lock is released when the guard goes out of
///    scope, once.  End a critical section early with a nested block.
///
/// Because a guard cannot move, the lock operations that may fail cannot
/// return a Result<Guard> or an Option<Guard> (both move their value): they
/// return an OptionalGuard (try_lock) or a LockResult (lock_interruptible),
/// which build the guard in place:
///
///     if (auto guard = counter.try_lock())
///         guard->value++;
///
///     auto guard = state.lock_interruptible();
///     if (guard.is_error())
///         return guard.error();              // -EINTR
///     guard->ready = true;
///
/// Both reach the data with '->' and '*' like the guard itself; guard()
/// gives the guard (for CondVar::wait).  Reaching into an empty holder is a
/// bug and panics; where the compiler can prove the holder empty (an access
/// on the failure path of the check) the build fails instead.
///
/// INVARIANT (OptionalGuard, LockResult): guard_ is alive exactly when
/// has_/ok_ is true, and then the lock it guards is held.
#pragma once

#include <new>
#include <utility>

#include <kcxx/bug.h>
#include <kcxx/error.h>

namespace kcxx {

template <typename T> class Mutex;
template <typename T> class SpinLock;
template <typename T> class SpinLockIrq;
class CondVar;

namespace detail {

/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: access through an empty OptionalGuard/LockResult (the compiler proved the lock was not taken)")]] void
guard_holder_empty();

/// The proof, handed to a guard's constructor, that its lock has just been
/// taken.  Only the lock types can make one.
///
/// INVARIANT: a LockToken exists only inside a lock operation that has just
/// taken its lock (the constructor is private to the lock types).
class LockToken {
	template <typename> friend class kcxx::Mutex;
	template <typename> friend class kcxx::SpinLock;
	template <typename> friend class kcxx::SpinLockIrq;
	constexpr LockToken() {}
};

} // namespace detail

/// A guard, or nothing (try_lock found the lock taken).
template <typename G> class [[nodiscard]] OptionalGuard {
public:
	/// Empty: the lock was not taken.
	OptionalGuard() : has_(false) {}

	/// Holds the guard G(token, args...), built in place.
	template <typename... Args>
	[[gnu::always_inline]] explicit OptionalGuard(detail::LockToken token, Args &&...args) : has_(true)
	{
		::new (&guard_) G(token, std::forward<Args>(args)...);
	}

	OptionalGuard(const OptionalGuard &) = delete;
	OptionalGuard(OptionalGuard &&) = delete;
	OptionalGuard &operator=(const OptionalGuard &) = delete;
	OptionalGuard &operator=(OptionalGuard &&) = delete;

	~OptionalGuard()
	{
		if (has_)
			guard_.~G();
	}

	/// @{
	/// Whether the lock was taken (and the guard holds it).
	[[nodiscard]] bool has_value() const { return has_; }
	explicit operator bool() const { return has_; }
	/// @}

	/// The guard; panics when empty.
	[[nodiscard, gnu::always_inline]] G &guard()
	{
		if (__builtin_constant_p(has_) && !has_)
			detail::guard_holder_empty();
		if (!has_) [[unlikely]]
			panic("access through an empty OptionalGuard (try_lock failed)");
		return guard_;
	}

	/// @{
	/// The data, through the guard; panics when empty.
	[[gnu::always_inline]] auto operator->() { return guard().operator->(); }
	[[gnu::always_inline]] auto &operator*() { return *guard(); }
	/// @}

private:
	union {
		G guard_;
	};
	bool has_;
};

/// A guard, or the error that kept the lock from being taken.
template <typename G> class [[nodiscard]] LockResult {
public:
	/// The error that kept the lock from being taken.
	LockResult(Error error) : error_(error), ok_(false) {}

	/// Holds the guard G(token, args...), built in place.
	template <typename... Args>
	[[gnu::always_inline]] explicit LockResult(detail::LockToken token, Args &&...args) : ok_(true)
	{
		::new (&guard_) G(token, std::forward<Args>(args)...);
	}

	LockResult(const LockResult &) = delete;
	LockResult(LockResult &&) = delete;
	LockResult &operator=(const LockResult &) = delete;
	LockResult &operator=(LockResult &&) = delete;

	~LockResult()
	{
		if (ok_)
			guard_.~G();
	}

	/// Whether the lock was taken.
	[[nodiscard]] bool is_ok() const { return ok_; }
	/// Whether it was not (error() says why).
	[[nodiscard]] bool is_error() const { return !ok_; }
	/// Whether the lock was taken.
	explicit operator bool() const { return ok_; }

	/// The error; panics when the lock was taken.
	[[nodiscard]] Error error() const
	{
		if (ok_) [[unlikely]]
			panic("LockResult::error() called on a held lock");
		return error_;
	}

	/// The guard; panics on an error.
	[[nodiscard, gnu::always_inline]] G &guard()
	{
		if (__builtin_constant_p(ok_) && !ok_)
			detail::guard_holder_empty();
		if (!ok_) [[unlikely]]
			panic("access through a LockResult that holds an error");
		return guard_;
	}

	/// @{
	/// The data, through the guard; panics on an error.
	[[gnu::always_inline]] auto operator->() { return guard().operator->(); }
	[[gnu::always_inline]] auto &operator*() { return *guard(); }
	/// @}

private:
	union {
		G guard_;
		Error error_;
	};
	bool ok_;
};

} // namespace kcxx
