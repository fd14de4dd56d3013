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
///  - The hot path's access, try_access_with(rcu::ReadLock), is made inside
///    an RCU read-side section the caller opened (kcxx/sync/rcu.h): a check
///    of revoked_ and no atomic operation (try_access() is a
///    compare-and-exchange and a decrement on a counter that every CPU
///    shares: a block driver doing that per request pays two contended
///    atomics where the C driver pays none).  The section must not sleep (a
///    debug kernel's might_sleep() and PROVE_RCU report it); revoke() waits
///    for it with synchronize_rcu(), and only if such an access was ever
///    made.
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
/// The RCU protocol (Rust's Revocable): try_access_with() checks revoked_
/// inside the caller's rcu::ReadLock; revoke() sets revoked_ and then, if
/// rcu_used_ is set, waits a grace period, which ends only after every
/// read-side section that began before it - the only ones that can have
/// seen revoked_ 0.  rcu_used_ is set (with a full barrier) before the
/// first RCU access's check of revoked_, and revoke() reads it after
/// setting revoked_ (a full barrier too): if revoke() reads 0, that check
/// reads 1, and so does every later access's (which read rcu_used_ 1, with
/// acquire, before its check).
///
/// INVARIANT: value_ is alive until the first revoke() has seen users_
/// reach 0, and after its grace period if rcu_used_ was set; revoked_ is 0
/// before that revoke() began; users_ is the number of live Guards plus 1
/// while revoked_ is 0; destroyed_ is completed (for all) once value_ is
/// gone.
#pragma once

#include <new>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/compiler.h>
#include <kcxx/option.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/rcu.h>

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

	/// The T if it is still there, none once revoke() has begun; it
	/// stays alive while 'lock' exists (an RCU read-side section the
	/// caller opened, which any number of accesses share: each costs a
	/// load).
	[[nodiscard]] Option<const T *> try_access_with(const rcu::ReadLock &lock KCXX_LIFETIMEBOUND) const
		KCXX_LIFETIMEBOUND
	{
		(void)lock; // the proof that the section is open
		mark_rcu_used();
		if (revoked_.load(order::Acquire{})) [[unlikely]]
			return none;
		return &value_;
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
		if (rcu_used_.load())
			// SAFETY: process context (revoke() sleeps anyway).
			bindings::synchronize_rcu(); // every RCU section that saw revoked_ 0
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
	// Before the first RCU access's check of revoked_ (the RCU protocol
	// above).  Acquire: a check after this load saw another access's
	// store of 1 comes after that store.
	[[gnu::always_inline]] void mark_rcu_used() const
	{
		if (!rcu_used_.load(order::Acquire{})) [[unlikely]]
			(void)rcu_used_.exchange(1, order::Full{});
	}

	void put() const
	{
		if (users_.fetch_sub(1, order::Full{}) == 1)
			no_users_.complete();
	}

	mutable Atomic<long> users_{1};
	mutable Atomic<int> revoked_{0};
	mutable Atomic<int> rcu_used_{0}; // try_access_with() was called
	Completion no_users_;
	Completion destroyed_;
	union {
		T value_;
	};
};

} // namespace kcxx
