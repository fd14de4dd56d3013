// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Device: a struct device that someone else owns, as a C++ reference,
/// and the proofs a reference can carry about it (Rust's Device<Ctx>).
///
///     Device        any device: its name, logging (kcxx/dev_print.h).
///     BoundDevice   a driver is bound to it, for as long as the reference is
///                   used: what device-managed resources need to be created
///                   (Devres, DMA allocations, interrupt registrations) and what
///                   makes Devres::access() free of any check.
///     CoreDevice    inside the bus's probe or remove callback, with the device
///                   lock held: what enabling the device, setting its DMA mask
///                   or mapping its registers needs.
///
/// A CoreDevice & converts to a BoundDevice &, which converts to a Device &:
/// downwards only.  Only bus code (pci/driver.h) makes BoundDevice and
/// CoreDevice references, and only for as long as the proof holds: a bus
/// callback, a running interrupt handler (irq/registration.h), a held
/// BindingLock (binding_lock.h), whose ends the bus code orders before the
/// devres release.  A driver cannot fabricate a proof, nor keep one past
/// remove - the references are not copyable objects, and storing one
/// outside the callback is what the design notes (docs/device-model.md)
/// forbid and the types cannot enforce, exactly as for Rust's
/// &Device<Bound>.
///
/// 'kcxx::Device &' is exactly the kernel's struct device *: the object is
/// never built, copied or moved by C++, only reached through an owner that
/// keeps the device alive - a misc device registration
/// (miscdevice::Registration::device()), a bus driver's probe argument.  The
/// reference is valid as long as that owner; it conveys no reference count of
/// its own.  DeviceRef counts one (get_device()).
///
/// Logging against a device: kcxx/dev_print.h (dev_info(dev, ...)).
///
/// INVARIANT: the address of a Device is that of a live struct device, for
/// as long as the reference is used (its owner guarantees it); a BoundDevice
/// is, in addition, bound to a driver all that time, and a CoreDevice is
/// inside that driver's probe or remove, under the device lock.
#pragma once

#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

namespace kcxx {

namespace detail {
struct DeviceContextAccess;
}

/// A struct device that someone else owns, as a C++ reference: only
/// references to it exist (see kcxx/device.h).
class Device {
public:
	Device() = delete;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/// For the owners of a device (framework code): 'dev' must be a live
	/// struct device for as long as the reference is used.
	[[nodiscard]] static Device &from_raw(bindings::device *dev) { return *reinterpret_cast<Device *>(dev); }

	/// The struct device, for framework code.
	[[nodiscard]] bindings::device *as_raw() const
	{
		return reinterpret_cast<bindings::device *>(const_cast<Device *>(this));
	}

	/// dev_name(): "0000:00:04.0" for a PCI device.  Valid as long as
	/// the reference.
	[[nodiscard]] CStr name() const
	{
		// SAFETY: a live device (INVARIANT); its name is a NUL-
		// terminated kobject name that lives as long.
		Result<CStr> name = CStr::from_bytes_until_nul(bindings::kcxx_helper_dev_name(as_raw()), 4096);
		return name.is_ok() ? name.value() : CStr();
	}

	/// The NUMA node the device is attached to, -1 for none (dev_to_node()).
	[[nodiscard]] int numa_node() const
	{
		// SAFETY: a live device (INVARIANT); reads one field.
		return bindings::kcxx_helper_dev_to_node(as_raw());
	}
};

/// A device with a driver bound to it (see the top of this file).
class BoundDevice : public Device {
public:
	BoundDevice() = delete;
	BoundDevice(const BoundDevice &) = delete;
	BoundDevice &operator=(const BoundDevice &) = delete;

private:
	friend struct detail::DeviceContextAccess;
};

/// A device inside its driver's probe or remove (see the top of this file).
class CoreDevice : public BoundDevice {
public:
	CoreDevice() = delete;
	CoreDevice(const CoreDevice &) = delete;
	CoreDevice &operator=(const CoreDevice &) = delete;

private:
	friend struct detail::DeviceContextAccess;
};

namespace detail {

/// How bus code turns a struct device * into a reference that carries a
/// proof.  Only bus code may use it, and only where the proof holds.
struct DeviceContextAccess {
	static BoundDevice &bound(bindings::device *dev) { return *reinterpret_cast<BoundDevice *>(dev); }
	static CoreDevice &core(bindings::device *dev) { return *reinterpret_cast<CoreDevice *>(dev); }
};

} // namespace detail

/// A counted reference to a device (get_device()/put_device(), Rust's
/// ARef<Device>): the struct device stays allocated while a DeviceRef
/// exists, whether or not a driver is still bound to it.  Move-only;
/// clone() takes one more reference.
///
/// INVARIANT: dev_ is null (moved from) or a device on which this object
/// holds one reference.
class DeviceRef {
public:
	/// Takes a reference to 'dev' (get_device()).
	// SAFETY: 'dev' is a live struct device (Device's INVARIANT), so
	// get_device() may take a reference; the destructor puts it.
	explicit DeviceRef(const Device &dev) : dev_(bindings::get_device(dev.as_raw())) {}
	/// Takes over other's reference; other is left empty.
	DeviceRef(DeviceRef &&other) : dev_(std::exchange(other.dev_, nullptr)) {}
	/// Puts this reference, if any, and takes over other's.
	DeviceRef &operator=(DeviceRef &&other)
	{
		DeviceRef old(std::move(*this));
		dev_ = std::exchange(other.dev_, nullptr);
		return *this;
	}
	DeviceRef(const DeviceRef &) = delete;
	DeviceRef &operator=(const DeviceRef &) = delete;
	~DeviceRef()
	{
		if (dev_)
			// SAFETY: the reference this object holds (INVARIANT).
			bindings::put_device(dev_);
	}

	/// Another reference to the same device (get_device()).
	[[nodiscard]] DeviceRef clone() const { return DeviceRef(get()); }
	/// The device.
	[[nodiscard]] const Device &get() const { return Device::from_raw(dev_); }
	/// The device.
	[[nodiscard]] const Device *operator->() const { return &get(); }

private:
	bindings::device *dev_;
};

} // namespace kcxx
