// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::BindingLock<R...>: a driver's lock whose guard proves that the
/// device is still bound to the driver, and which owns device-managed
/// resources (a Devres<R> each) that its guard reaches with no check at all.
///
///     // in probe:
///     auto regs = TRY(Bar::map(pdev, 0, "edu"));                      // Devres<Bar>
///     auto unit = TRY(kcxx::BindingLock<Bar>::try_new(pdev, KCXX_LOCK_CLASS("edu.unit"),
///                                                     GFP_KERNEL, std::move(regs)));
///     // in an ioctl, a work item (process context):
///     auto bound = unit.lock();                     // mutex_lock()
///     if (!bound)
///         return kcxx::code::ENODEV;                // the binding has ended
///     bound.get<Bar>().write32<0x04>(1);            // no compare, no atomic
///     // any other Devres of the device, under the same proof:
///     const Buffer *buf = TRY(buffer.access(bound.device()));   // a compare
///     // in the interrupt handler (its 'dev' proves the binding):
///     const Bar *bar = TRY(unit.access<Bar>(dev));  // Devres::access(): a compare
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
/// Why the resources the lock owns need no compare: try_new() takes each
/// Devres over only after checking, once, that it belongs to the binding
/// in progress (the compare access() would make, against the CoreDevice of
/// this probe or remove); it keeps them in the lock's own block, where
/// nothing can replace them.  So they are of the same binding as the lock,
/// and a guard of the lock proves them alive.  An operation reaches its
/// registers as C does (the block's pointer, the window's base) instead of
/// a Devres's block, its device and a compare (bench/README.md, edu).
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
/// for ever, and changes only with Inner::mutex held; each Devres in
/// Inner::resources belonged to that binding when the Inner was made, is
/// never empty and is never replaced.
#pragma once

#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>

namespace kcxx {

template <typename... Rs> class BindingLock;

namespace detail {

/// The I-th resource of a BindingLock: its Devres handle.
template <unsigned long I, typename R> struct BindingResource {
	Devres<R> handle;
};

template <typename Indices, typename... Rs> struct BindingResources;

/// Every resource of a BindingLock, each a base of its own (I, R), so that
/// one is found by its index (R deduced) or by its type (I deduced, and
/// ambiguous - a compile error - if two have that type).
template <unsigned long... Is, typename... Rs>
struct BindingResources<std::integer_sequence<unsigned long, Is...>, Rs...> : BindingResource<Is, Rs>... {
	explicit BindingResources(Devres<Rs> &&...handles) : BindingResource<Is, Rs>{std::move(handles)}...
	{
	}
};

template <unsigned long I, typename R> const Devres<R> &binding_resource_at(const BindingResource<I, R> &r)
{
	return r.handle;
}

template <typename R, unsigned long I> const Devres<R> &binding_resource_of(const BindingResource<I, R> &r)
{
	return r.handle;
}

/// What one BindingLock's handles share: the lock, the binding it is of,
/// and the resources it owns.
template <typename... Rs> struct BindingInner {
	Atomic<int> refs_{2}; // the handles and the binding's end
	/// The bound device; null from the binding's end on.  Written with
	/// mutex held, read under it or as a relaxed snapshot.
	Atomic<bindings::device *> device;
	KernelStruct<bindings::mutex, KCXX_SIZEOF_mutex, KCXX_ALIGNOF_mutex> mutex;
	BindingResources<std::make_integer_sequence<unsigned long, sizeof...(Rs)>, Rs...> resources;

	BindingInner(bindings::device *dev, LockClass cls, Devres<Rs> &&...handles)
		: device(dev), resources(std::move(handles)...)
	{
		// SAFETY: storage for a struct mutex at a fixed heap address
		// until the Inner is freed; the class's key and name are
		// static (LockClass INVARIANT).
		bindings::__mutex_init(mutex.get(), cls.name(), cls.key());
	}
};

} // namespace detail

/// The lock held while the device is bound (see the top of this file).
///
/// INVARIANT: inner_ is null (not bound: the lock is not held) or the Inner
/// whose mutex this guard holds, with device_ its non-null device.
template <typename... Rs> class [[nodiscard]] BindingGuard {
	using Inner = detail::BindingInner<Rs...>;

public:
	BindingGuard(const BindingGuard &) = delete;
	BindingGuard &operator=(const BindingGuard &) = delete;
	BindingGuard(BindingGuard &&) = delete;
	BindingGuard &operator=(BindingGuard &&) = delete;

	[[gnu::always_inline]] ~BindingGuard()
	{
		// device_, not inner_: the caller has just tested it, so the
		// compiler knows the answer on the path that found the
		// device bound.
		if (device_)
			// SAFETY: held by this guard (INVARIANT), released once.
			bindings::mutex_unlock(inner_->mutex.get());
	}

	/// Whether the device was still bound (then the lock is held).
	[[gnu::always_inline]] explicit operator bool() const { return device_ != nullptr; }

	/// The proof: the device, bound for as long as this guard lives.
	/// Panics on a guard that found the binding ended (check it first).
	[[nodiscard, gnu::always_inline]] const BoundDevice &device() const
	{
		held();
		// SAFETY: the lock is held and the device was bound when it
		// was taken; the binding's end needs this lock (INVARIANT),
		// and the devres actions come after it.
		return kcxx::detail::DeviceContextAccess::bound(device_);
	}

	/// @{
	/// A resource the lock owns, by its type (R) or its place (I) in the
	/// lock's list: valid while this guard lives, reached with no check.
	/// Panics on a guard that found the binding ended (check it first).
	template <typename R> [[nodiscard, gnu::always_inline]] const R &get() const
	{
		held();
		// SAFETY: the Devres belongs to the lock's binding (taken
		// over after a check, never replaced: BindingLock's
		// INVARIANT), which this guard proves alive, so its devres
		// action has not begun and cannot begin while we hold the
		// lock; the handle is in the Inner, alive while we are.
		return detail::DevresAccess::value(detail::binding_resource_of<R>(inner_->resources));
	}
	template <unsigned long I> [[nodiscard, gnu::always_inline]] const auto &get() const
	{
		held();
		// SAFETY: as get<R>().
		return detail::DevresAccess::value(detail::binding_resource_at<I>(inner_->resources));
	}
	/// @}

private:
	template <typename...> friend class BindingLock;
	struct Unbound {};
	[[gnu::always_inline]] BindingGuard(const Inner *inner, bindings::device *dev) : inner_(inner), device_(dev) {}
	[[gnu::always_inline]] explicit BindingGuard(Unbound) : inner_(nullptr), device_(nullptr) {}

	[[gnu::always_inline]] void held() const
	{
		if (!device_) [[unlikely]]
			panic("BindingGuard: the binding has ended (check the guard first)");
	}

	const Inner *inner_;
	bindings::device *device_;
};

/// A driver's lock whose guard proves the device still bound to the driver,
/// and which owns device-managed resources (Devres<Rs>...) that the guard
/// reaches with no check (see the top of this file).
template <typename... Rs> class BindingLock {
	using Inner = detail::BindingInner<Rs...>;

public:
	/// The guard lock() returns.
	using Guard = BindingGuard<Rs...>;

	/// A lock for the binding of 'dev' that is in progress (probe or
	/// remove), owning 'resources' from now on.  -EINVAL if one of them
	/// is empty or not of this binding (another device's, or an earlier
	/// binding's: its devres action has run); -ENOMEM if the lock's block
	/// or its devres entry cannot be allocated.  After -EINVAL, or an
	/// -ENOMEM for the block, the handles stay with the caller; after an
	/// -ENOMEM for the devres entry they were taken over and are released
	/// (their values revoked) before try_new() returns.
	[[nodiscard]] static Result<BindingLock> try_new(const CoreDevice &dev, LockClass cls, Gfp flags,
							 Devres<Rs> &&...resources)
	{
		// The one compare each resource costs: from here on the guard
		// hands it out without one.
		if (!(detail::DevresAccess::belongs(resources, dev) && ...))
			return code::EINVAL;
		Inner *inner = TRY(Box<Inner>::try_new(flags, dev.as_raw(), cls, std::move(resources)...)).into_raw();
		// SAFETY: 'dev' is in its driver's probe or remove (CoreDevice),
		// so the binding is in progress and its framework ends every
		// entry added here (pci/driver.h) before the binding's devres
		// actions, or the driver core runs it with them (newest
		// first: before those of the resources, which were added
		// earlier); 'inner' stays allocated until both references
		// are gone.
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
	[[nodiscard, gnu::always_inline]] Guard lock() const &
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
			return Guard(typename Guard::Unbound{});
		}
		return Guard(inner, dev);
	}
	Guard lock() const && = delete;

	/// Whether the binding has not ended yet: a snapshot without the lock
	/// (it may end right after), for an early -ENODEV; proves nothing.
	[[nodiscard, gnu::always_inline]] bool is_bound() const { return inner_->device.load() != nullptr; }

	/// @{
	/// A resource the lock owns, where another proof of the binding is at
	/// hand (an interrupt handler's device): Devres::access(dev), a
	/// compare.  Any context; the lock is not taken.
	template <typename R> [[nodiscard]] Result<const R *> access(const BoundDevice &dev) const
	{
		return detail::binding_resource_of<R>(inner_->resources).access(dev);
	}
	template <unsigned long I> [[nodiscard]] auto access(const BoundDevice &dev) const
	{
		return detail::binding_resource_at<I>(inner_->resources).access(dev);
	}
	/// @}

	/// @{
	/// The Devres of a resource the lock owns, for what a Devres offers
	/// without a proof (try_access(): a revocable guard, any context).
	template <typename R> [[nodiscard]] const Devres<R> &devres() const
	{
		return detail::binding_resource_of<R>(inner_->resources);
	}
	template <unsigned long I> [[nodiscard]] const auto &devres() const
	{
		return detail::binding_resource_at<I>(inner_->resources);
	}
	/// @}

private:
	explicit BindingLock(Inner *inner) : inner_(inner) {}

	static void drop(Inner *inner)
	{
		// The last reference frees the block; its Devres handles go
		// with it (revoking what their actions have not yet).
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

} // namespace kcxx
