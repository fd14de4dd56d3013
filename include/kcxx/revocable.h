// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Revocable<T>: a T that its owner can take away from every user at
/// any time (Rust's Revocable).  The base of Devres (devres.h), which
/// revokes at driver unbind.
///
///     kcxx::Revocable<Regs> regs(args...);
///     if (auto guard = regs.try_access())     // Option<Guard>
///         guard->write32<0x04>(1);            // the T, const
///     else
///         return kcxx::code::ENODEV;          // revoked
///     ...
///     regs.revoke();    // no new access; waits for the guards; destroys the T
///
/// Design:
///  - Access is a scoped guard: while one exists, the T is alive.  Guards may
///    sleep (unlike Rust's RCU-based one): a driver may wait for its device
///    while holding one; revoke() then waits for it.  try_access() is two
///    atomic operations and works in any context, interrupt handlers
///    included.
///  - The T is reached as const: many users hold guards at once (threads, an
///    interrupt handler), so what they change must be thread-safe (an MMIO
///    window, a DMA buffer's volatile accessors, a lock, atomics).
///  - revoke() is idempotent and may race with itself: the first caller
///    destroys the T, any other waits until that is done; after either
///    returns the T is gone.  It sleeps: not from atomic context, and never
///    while the caller itself holds a guard (that would wait for ever).
///
/// The counter protocol (percpu_ref's kill, with one atomic counter):
/// users_ counts the guards plus one bias while the value is live; revoke()
/// sets revoked_ before dropping the bias, and try_access() checks revoked_
/// after its increment, so once revoke() has dropped the bias no new guard
/// survives, and the last guard out completes no_users_.
///
/// INVARIANT: value_ is alive until the first revoke() has seen users_
/// reach 0; revoked_ is 0 before that revoke() began; users_ is the number
/// of live Guards plus 1 while revoked_ is 0; destroyed_ is completed (for
/// all) once value_ is gone.
#pragma once

#include <new>
#include <utility>

#include <kcxx/bug.h>
#include <kcxx/option.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>

namespace kcxx {

/// A T that its owner can take away from every user at any time; users
/// reach it through a Guard that holds off revocation (see kcxx/revocable.h).
template <typename T> class Revocable {
public:
	/// Access to the T; the T stays alive while the guard exists.
	///
	/// INVARIANT: owner_ is null (moved from) or a Revocable whose
	/// users_ counts this guard.
	class Guard {
	public:
		/// Takes over other's hold; other holds nothing.
		Guard(Guard &&other) : owner_(std::exchange(other.owner_, nullptr)) {}
		Guard(const Guard &) = delete;
		Guard &operator=(const Guard &) = delete;
		Guard &operator=(Guard &&) = delete;
		~Guard()
		{
			if (owner_)
				owner_->put();
		}

		/// @{
		/// The value, while the guard holds off revocation.
		[[nodiscard]] const T &operator*() const { return owner_->value_; }
		[[nodiscard]] const T *operator->() const { return &owner_->value_; }
		/// @}

	private:
		friend class Revocable;
		explicit Guard(const Revocable *owner) : owner_(owner) {}
		const Revocable *owner_;
	};

	/// Builds the T from 'args'; it stays reachable until revoke().
	template <typename... Args>
	explicit Revocable(Args &&...args) : value_(std::forward<Args>(args)...)
	{
	}

	Revocable(const Revocable &) = delete;
	Revocable &operator=(const Revocable &) = delete;
	Revocable(Revocable &&) = delete;
	Revocable &operator=(Revocable &&) = delete;

	~Revocable() { (void)revoke(); }

	/// A guard if the T is still there; none once revoke() has begun.
	[[nodiscard]] Option<Guard> try_access() const
	{
		if (revoked_.load(order::Acquire{})) [[unlikely]]
			return none;
		long users = users_.load();
		do {
			if (users == 0) [[unlikely]]
				return none;
		} while (!users_.compare_exchange(users, users + 1, order::Full{}));
		if (revoked_.load(order::Acquire{})) [[unlikely]] {
			// revoke() began after our increment: it will wait
			// for this reference, so give it back at once.
			put();
			return none;
		}
		return Guard(this);
	}

	/// No new access from now on; waits until every guard is gone, then
	/// destroys the T.  True for the call that did it, false if another
	/// revoke() did (it has finished when this returns, too).
	bool revoke()
	{
		if (revoked_.exchange(1, order::Full{})) {
			destroyed_.wait();
			return false;
		}
		put(); // the bias
		no_users_.wait();
		value_.~T();
		destroyed_.complete_all();
		return true;
	}

	/// Access without a guard, for the owner that can prove the T alive
	/// in another way (Devres::access() with a BoundDevice): the caller
	/// guarantees that revoke() has not begun and cannot begin while the
	/// reference is used.
	[[nodiscard]] const T &unchecked_access() const { return value_; }

private:
	void put() const
	{
		if (users_.fetch_sub(1, order::Full{}) == 1)
			no_users_.complete();
	}

	mutable Atomic<long> users_{1};
	mutable Atomic<int> revoked_{0};
	Completion no_users_;
	Completion destroyed_;
	union {
		T value_;
	};
};

} // namespace kcxx
