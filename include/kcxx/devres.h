// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Devres<T>: a resource that lives no longer than its device's
/// binding to the driver (device-managed, Rust's Devres).
///
///     // in probe (a BoundDevice or CoreDevice at hand):
///     auto regs = TRY(kcxx::Devres<Bar>::try_new(dev, GFP_KERNEL, std::move(bar)));
///     // anywhere (an ioctl, a work item, an interrupt handler):
///     auto guard = regs.try_access();
///     if (!guard)
///         return kcxx::code::ENODEV;           // the device is gone
///     (*guard)->write32<0x04>(1);
///     // on a hot path that does not sleep: no atomic operation
///     const kcxx::rcu::ReadLock rcu;
///     if (auto fast = regs.try_access_with(rcu))
///         (*fast)->write32<0x04>(1);
///     // in a bus callback, where the bound device proves it is still there:
///     const Bar *bar = TRY(regs.access(dev));  // no atomic, no guard
///
/// At unbind (sysfs unbind, hot unplug, module unload) the driver core runs
/// the device's devres actions; this one revokes the T: no new access, waits
/// for the current guards, destroys the T (unmapping the registers, freeing
/// the DMA buffer, freeing the interrupt).  From then on every try_access()
/// fails: an old file descriptor, a late work item, a stray user that kept
/// the handle in an Arc can no longer reach the hardware.  So a driver
/// object may hold Devres handles in state that outlives the binding (shared
/// with open files), and nothing it does after unbind touches the device.
///
/// If the handle is destroyed first (remove() dropping the driver object,
/// or an error in probe), it revokes the T at once; the devres action then
/// has nothing left to do at unbind and only frees the small shared block.
/// (The action is not removed early: devm_remove_action() cannot tell a
/// finished action from a running one on 6.1.)
///
/// access(dev) compares 'dev' with the device of the binding the T was made
/// for, which the devres action clears before it revokes: a BoundDevice of
/// a later binding of the same device (a driver that kept this handle in an
/// Arc across unbind and bind) finds nothing to compare with, instead of a
/// T that the earlier binding's end destroyed.
///
/// Use after move: a moved-from Devres is empty, and holds nothing to
/// reach: try_access() gives no guard and access(dev) -EINVAL, as after
/// unbind.  Where the compiler can prove at such a call that the handle is
/// empty ('auto b = std::move(a); a.try_access()'), the build fails instead,
/// with "use of a moved-from kcxx::Devres" (kcxx/box.h says how).
///
/// INVARIANT: inner_ is null (moved from) or a live Inner whose refs_
/// counts this handle; Inner::device was bound to a driver when the Inner
/// was made and is null from the start of its devres action (which holds
/// the other reference and runs at the latest when that binding ends) on.
#pragma once

#include <new>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/option.h>
#include <kcxx/result.h>
#include <kcxx/revocable.h>
#include <kcxx/sync/atomic.h>

namespace kcxx {

namespace detail {
/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: use of a moved-from kcxx::Devres (the compiler proved it empty here)")]] void
devres_used_after_move();
} // namespace detail

namespace detail {
struct DevresAccess;
} // namespace detail

/// A T that lives no longer than its device's binding to the driver: revoked
/// (and destroyed) at unbind, reachable only through a guard (see kcxx/devres.h).
template <typename T> class Devres {
	struct Inner {
		template <typename... Args>
		explicit Inner(bindings::device *dev, Args &&...args)
			: device(dev), value(std::forward<Args>(args)...)
		{
		}
		Atomic<int> refs_{2}; // the handle and the devres action
		/// The device while its binding lasts; null once the devres
		/// action has begun (it may run while another device's
		/// access() reads this: an atomic, loaded relaxed).
		Atomic<bindings::device *> device;
		Revocable<T> value;
	};

public:
	/// The guard access() returns: holds off revocation while it lives.
	using Guard = typename Revocable<T>::Guard;

	/// Builds the T in place from 'args' and ties it to the binding of
	/// 'dev'.  -ENOMEM if the block or the devres entry cannot be
	/// allocated; the T is destroyed again then.
	template <typename... Args>
	[[nodiscard]] static Result<Devres> try_new(const BoundDevice &dev, Gfp flags, Args &&...args)
	{
		Inner *inner = TRY(Box<Inner>::try_new(flags, dev.as_raw(), std::forward<Args>(args)...)).into_raw();
		// SAFETY: 'dev' is bound (BoundDevice), so its devres list
		// runs the action at the latest when the binding ends;
		// 'inner' stays allocated until both references are gone.
		int err = bindings::kcxx_helper_devm_add_action(dev.as_raw(), &release_action, inner);
		if (err) {
			inner->refs_.store(1);
			drop(inner);
			return Error::from_errno(err);
		}
		return Devres(inner);
	}

	/// Takes over other's resource; other is left empty.
	Devres(Devres &&other) : inner_(std::exchange(other.inner_, nullptr)) {}
	/// Releases what this Devres held (as its destructor would) and takes over other's.
	Devres &operator=(Devres &&other)
	{
		Devres old(std::move(*this));
		inner_ = std::exchange(other.inner_, nullptr);
		return *this;
	}
	Devres(const Devres &) = delete;
	Devres &operator=(const Devres &) = delete;
	~Devres()
	{
		if (inner_)
			drop(inner_);
	}

	/// A guard while the device is still bound; none once unbind has
	/// begun revoking, or if this handle is empty (moved from).  Any
	/// context.
	[[nodiscard]] Option<Guard> try_access() const
	{
		if (is_empty()) [[unlikely]]
			return {};
		return inner_->value.try_access();
	}

	/// The T inside the caller's RCU read-side section
	/// (Revocable::try_access_with()): alive while 'lock' exists, none
	/// once unbind has begun revoking or if this handle is empty.  Several
	/// Devres under one lock cost a load each.
	[[nodiscard]] Option<const T *> try_access_with(const rcu::ReadLock &lock KCXX_LIFETIMEBOUND) const
		KCXX_LIFETIMEBOUND
	{
		if (is_empty()) [[unlikely]]
			return {};
		return inner_->value.try_access_with(lock);
	}

	/// The T, without a guard: 'dev' proves the device is still bound, so
	/// the devres action has not run.  -EINVAL if 'dev' is another device
	/// or this handle is empty (moved from).
	[[nodiscard]] Result<const T *> access(const BoundDevice &dev) const
	{
		if (is_empty() || dev.as_raw() != inner_->device.load()) [[unlikely]]
			return code::EINVAL;
		// SAFETY: this handle is alive, so it has not revoked the T.
		// The device matches, so the devres action had not begun
		// (it clears it first), and it belongs to the binding 'dev'
		// proves: an earlier binding's action has run (and cleared
		// it) before this binding began.  'dev' is bound for as long
		// as the reference is used, so the action cannot begin
		// meanwhile.
		return &inner_->value.unchecked_access();
	}

private:
	friend struct detail::DevresAccess;

	explicit Devres(Inner *inner) : inner_(inner) {}

	/// Whether this handle was moved from; fails the build where the
	/// compiler proves it was and the caller goes on to use it.
	[[gnu::always_inline]] bool is_empty() const
	{
		if (__builtin_constant_p(inner_ == nullptr) && inner_ == nullptr)
			detail::devres_used_after_move();
		return inner_ == nullptr;
	}

	static void drop(Inner *inner)
	{
		(void)inner->value.revoke();
		if (inner->refs_.fetch_sub(1, order::Full{}) == 1)
			(void)Box<Inner>::from_raw(inner);
	}

	/// The devres action: runs once, at unbind (or when the devres entry
	/// is released after a failed probe).
	static void release_action(void *data)
	{
		Inner *inner = static_cast<Inner *>(data);
		inner->device.store(nullptr);
		drop(inner);
	}

	Inner *inner_;
};

namespace detail {
/// For BindingLock (binding_lock.h), which checks once, when it takes a
/// Devres over, that it belongs to the binding in progress, and then hands
/// out its value under the lock without comparing again.
struct DevresAccess {
	/// Whether 'devres' holds a T made for the binding that 'dev' proves
	/// (what access(dev) checks); false for an empty (moved-from) one.
	template <typename T> [[nodiscard]] static bool belongs(const Devres<T> &devres, const BoundDevice &dev)
	{
		return devres.inner_ && devres.inner_->device.load() == dev.as_raw();
	}

	/// The T without a check.  The caller guarantees that 'devres' is
	/// not empty and that its devres action has not begun and cannot
	/// begin while the reference is used.
	template <typename T> [[nodiscard, gnu::always_inline]] static const T &value(const Devres<T> &devres)
	{
		return devres.inner_->value.unchecked_access();
	}
};
} // namespace detail

} // namespace kcxx
