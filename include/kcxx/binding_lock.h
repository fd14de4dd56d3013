// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::BindingLock: a driver's lock whose guard proves that the device is
/// still bound to the driver, so that device-managed resources are reached
/// under it without a revocable guard (no atomic read-modify-write).
///
///     // in probe:
///     auto unit = TRY(kcxx::BindingLock::try_new(pdev.device(), KCXX_LOCK_CLASS("edu.unit"), GFP_KERNEL));
///     // in an ioctl, a work item (process context):
///     auto bound = unit.lock();                     // mutex_lock()
///     if (!bound)
///         return kcxx::code::ENODEV;                // the binding has ended
///     const Bar *bar = TRY(regs.access(bound.device()));   // a compare
///     bar->write32<0x04>(1);
///     // unit.is_bound(): a snapshot without the lock (an early -ENODEV)
///
/// Why the guard is a proof: unbind runs the driver's remove and then the
/// devres actions that revoke every Devres (devres.h).  The bus framework
/// (pci/driver.h) ends every BindingLock of the device first thing in
/// remove - and when probe fails, before the driver core releases what probe
/// set up: ending takes the mutex (waiting for the holder), marks the lock
/// unbound and lets go.  So a guard that found the lock bound was taken
/// before the binding's end, which comes before any devres action of that
/// binding: while the guard lives, every Devres made for this binding of the
/// device is alive - whether it was made before or after this lock, since
/// the actions, whatever their order among themselves, all come after.
/// A Devres of an earlier binding of the same device (kept in an Arc by an
/// open file) does not become reachable with this binding's proof:
/// Devres::access() compares the device its action has not yet released
/// (devres.h: the action clears it before revoking), and that action ran
/// when the earlier binding ended.
///
/// Ending is done by the framework, never by the driver: a driver cannot
/// forget it, and a lock kept alive past the binding (in an Arc shared with
/// open files) answers "unbound" from then on.  Only a CoreDevice (probe or
/// remove of a kcxx bus driver, the device lock held) makes a BindingLock:
/// the framework ends those made in probe at remove, and those made in
/// remove (after the first end) right after the driver object is gone.
///
/// A bus framework that hands out a CoreDevice must end the device's
/// BindingLocks (kcxx_helper_devres_end_bindings()) in remove before the
/// driver object goes and after a failed probe; pci/driver.h is the only
/// one today.
///
/// lock() sleeps: process context only.  Remove waits for the holder (it
/// ends the lock first), so a holder must not wait for anything remove does
/// later; waiting for the device's interrupt is fine (still registered).
///
/// A handle is never empty: moving one takes another reference (moves
/// happen while probe builds the driver's state), so lock() and is_bound()
/// need no check for a moved-from handle.
///
/// INVARIANT: inner_ is a live Inner whose refs_ counts this handle;
/// Inner::device is the bound device until the binding's end, then null
/// for ever, and changes only with Inner::mutex held.
#pragma once

#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>

namespace kcxx {

class BindingLock;

/// The lock held while the device is bound (see the top of this file).
///
/// INVARIANT: inner_ is null (not bound: the lock is not held) or the Inner
/// whose mutex this guard holds, with a non-null device.
class [[nodiscard]] BindingGuard {
public:
	BindingGuard(const BindingGuard &) = delete;
	BindingGuard &operator=(const BindingGuard &) = delete;
	BindingGuard(BindingGuard &&) = delete;
	BindingGuard &operator=(BindingGuard &&) = delete;
	[[gnu::always_inline]] inline ~BindingGuard();

	/// Whether the device was still bound (then the lock is held).
	[[gnu::always_inline]] explicit operator bool() const { return device_ != nullptr; }

	/// The proof: the device, bound for as long as this guard lives.
	/// Panics on a guard that found the binding ended (check it first).
	[[nodiscard, gnu::always_inline]] const BoundDevice &device() const
	{
		if (!device_) [[unlikely]]
			panic("BindingGuard::device(): the binding has ended (check the guard first)");
		// SAFETY: the lock is held and the device was bound when it
		// was taken; the binding's end needs this lock (INVARIANT),
		// and the devres actions come after it.
		return kcxx::detail::DeviceContextAccess::bound(device_);
	}

private:
	friend class BindingLock;
	struct Unbound {};
	[[gnu::always_inline]] BindingGuard(bindings::mutex *held, bindings::device *dev)
		: mutex_(held), device_(dev)
	{
	}
	[[gnu::always_inline]] explicit BindingGuard(Unbound) : mutex_(nullptr), device_(nullptr) {}

	bindings::mutex *mutex_;
	bindings::device *device_;
};

/// A driver's lock whose guard proves the device still bound to the driver,
/// so device-managed resources are reached under it without a revocable guard.
class BindingLock {
	struct Inner {
		Atomic<int> refs_{2}; // the handles and the binding's end
		/// The bound device; null from the binding's end on.  Written
		/// with mutex held, read under it or as a relaxed snapshot.
		Atomic<bindings::device *> device;
		detail::KernelStruct<bindings::mutex, KCXX_SIZEOF_mutex, KCXX_ALIGNOF_mutex> mutex;

		Inner(bindings::device *dev, LockClass cls) : device(dev)
		{
			// SAFETY: storage for a struct mutex at a fixed heap
			// address until the Inner is freed; the class's key and
			// name are static (LockClass INVARIANT).
			bindings::__mutex_init(mutex.get(), cls.name(), cls.key());
		}
	};

public:
	/// A lock for the binding of 'dev' that is in progress (probe).
	/// -ENOMEM if its block or its devres entry cannot be allocated.
	[[nodiscard]] static Result<BindingLock> try_new(const CoreDevice &dev, LockClass cls, Gfp flags)
	{
		Inner *inner = TRY(Box<Inner>::try_new(flags, dev.as_raw(), cls)).into_raw();
		// SAFETY: 'dev' is in its driver's probe or remove (CoreDevice),
		// so the binding is in progress and its framework ends every
		// entry added here (pci/driver.h) before the binding's devres
		// actions, or the driver core runs it with them; 'inner' stays
		// allocated until both references are gone.
		int err = bindings::kcxx_helper_devres_add_binding_end(dev.as_raw(), &end_binding, inner);
		if (err) {
			inner->refs_.store(1);
			drop(inner);
			return Error::from_errno(err);
		}
		return BindingLock(inner);
	}

	/// Both stay usable: 'other' keeps a reference of its own.
	BindingLock(BindingLock &&other) : inner_(other.inner_) { inner_->refs_.inc(); }
	/// Swaps with other: each keeps a reference to the lock it then holds.
	BindingLock &operator=(BindingLock &&other)
	{
		std::swap(inner_, other.inner_);
		return *this;
	}
	BindingLock(const BindingLock &) = delete;
	BindingLock &operator=(const BindingLock &) = delete;
	~BindingLock() { drop(inner_); }

	/// Takes the lock (sleeps until it is free); the guard is empty, and
	/// the lock not held, once the binding has ended.
	[[nodiscard, gnu::always_inline]] BindingGuard lock() const &
	{
		Inner *inner = inner_;
		// SAFETY: the mutex is initialised (Inner); the guard unlocks
		// it exactly once, or here if the binding has ended.
#if KCXX_LOCKDEP
		bindings::mutex_lock_nested(inner->mutex.get(), 0);
#else
		bindings::mutex_lock(inner->mutex.get());
#endif
		bindings::device *dev = inner->device.load();
		if (!dev) [[unlikely]] {
			bindings::mutex_unlock(inner->mutex.get());
			return BindingGuard(BindingGuard::Unbound{});
		}
		return BindingGuard(inner->mutex.get(), dev);
	}
	BindingGuard lock() const && = delete;

	/// Whether the binding has not ended yet: a snapshot without the lock
	/// (it may end right after), for an early -ENODEV; proves nothing.
	[[nodiscard, gnu::always_inline]] bool is_bound() const { return inner_->device.load() != nullptr; }

private:
	explicit BindingLock(Inner *inner) : inner_(inner) {}

	static void drop(Inner *inner)
	{
		if (inner->refs_.fetch_sub(1, order::Full{}) == 1)
			(void)Box<Inner>::from_raw(inner);
	}

	/// The binding's end: from the framework (remove, failed probe) or,
	/// failing that, the driver core's devres release.  Runs once.
	static void end_binding(void *data)
	{
		Inner *inner = static_cast<Inner *>(data);
		// SAFETY: the handle or this entry keeps 'inner' alive
		// (refs_); the mutex is initialised.
#if KCXX_LOCKDEP
		bindings::mutex_lock_nested(inner->mutex.get(), 0);
#else
		bindings::mutex_lock(inner->mutex.get());
#endif
		inner->device.store(nullptr);
		bindings::mutex_unlock(inner->mutex.get());
		drop(inner);
	}

	Inner *inner_;
};

BindingGuard::~BindingGuard()
{
	// device_, not mutex_: the caller has just tested it, so the
	// compiler knows the answer on the path that found the device bound.
	if (device_)
		// SAFETY: held by this guard (INVARIANT), released once.
		bindings::mutex_unlock(mutex_);
}

} // namespace kcxx
