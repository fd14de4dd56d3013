// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::rcu::ReadLock: an RCU read-side critical section for the life of
/// the object (rcu_read_lock() ... rcu_read_unlock(), Rust's rcu::Guard).
///
///     const kcxx::rcu::ReadLock rcu;
///     const Regs *regs = TRY_OR(regs_devres.try_access_with(rcu), ...);
///     const Ring *ring = ...ring_devres.try_access_with(rcu)...;
///     // both stay alive until 'rcu' goes out of scope
///
/// What a Revocable (or Devres) hands out through try_access_with(lock)
/// stays alive while the lock exists: revoke() waits for a grace period.
/// One lock serves any number of such accesses, which cost a load each: the
/// hot path's way (a block driver's submission) to reach several device
/// resources with no atomic operation at all.
///
/// Must not sleep while it exists (a debug kernel's might_sleep() and
/// PROVE_RCU report it).  Not movable: the section belongs to the scope,
/// and the task, that opened it.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx::rcu {

/// An RCU read-side critical section, from construction to destruction.
///
/// INVARIANT: the current task holds one nesting level of the RCU read
/// lock, taken by this object, until its destructor.
class ReadLock {
public:
	// SAFETY: paired with the destructor's unlock, in the same task
	// (the object cannot move).
	ReadLock() { bindings::kcxx_helper_rcu_read_lock(); }
	// SAFETY: the level the constructor took (INVARIANT).
	~ReadLock() { bindings::kcxx_helper_rcu_read_unlock(); }
	ReadLock(const ReadLock &) = delete;
	ReadLock &operator=(const ReadLock &) = delete;
};

} // namespace kcxx::rcu
