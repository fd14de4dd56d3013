// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::amba::Device, BoundDevice, CoreDevice: a struct amba_device (an
/// ARM PrimeCell peripheral on the AMBA bus, found in the device tree with
/// compatible "arm,primecell" and identified by its peripheral ID
/// registers) as a C++ reference, with the proofs of kcxx::Device
/// (device.h).
///
///     Device       its generic device, its peripheral ID.
///     BoundDevice  + its register window (resource()) and interrupts
///                  (irq_request()).
///     CoreDevice   + iomap<SIZE>(): request and map the window, in probe
///                  (io/mem.h).
///
/// The AMBA bus exists where the kernel has CONFIG_ARM_AMBA (arm64); on x86
/// an AMBA driver builds, and registering it fails with -EINVAL.
///
/// INVARIANT: as kcxx::Device, BoundDevice, CoreDevice, for the struct
/// amba_device at this address (its struct device at
/// KCXX_OFFSETOF_amba_device_dev).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/io/mem.h>
#include <kcxx/irq/request.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::amba {

namespace detail {
struct Access;
}

/// A struct amba_device that someone else owns, as a C++ reference.
class Device {
public:
	Device() = delete;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/// The generic device (its name, logging with dev_info()).
	[[nodiscard]] const kcxx::Device &device() const { return kcxx::Device::from_raw(dev()); }

	/// The peripheral ID the bus read from the device (or the device
	/// tree's arm,primecell-periphid): part number, designer, revision.
	[[nodiscard]] u32 periphid() const
	{
		// SAFETY: a live amba_device (INVARIANT); reads one field.
		return bindings::kcxx_helper_amba_periphid(as_raw());
	}

	/// The struct amba_device, for framework code.
	[[nodiscard]] bindings::amba_device *as_raw() const
	{
		return reinterpret_cast<bindings::amba_device *>(const_cast<Device *>(this));
	}

protected:
	/// The struct device inside the amba_device.
	bindings::device *dev() const
	{
		// SAFETY: &adev->dev, the struct device embedded in it.
		return reinterpret_cast<bindings::device *>(reinterpret_cast<char *>(as_raw()) +
							   KCXX_OFFSETOF_amba_device_dev);
	}
};

/// An AMBA device bound to a driver: its register window and interrupts.
class BoundDevice : public Device {
public:
	BoundDevice() = delete;
	BoundDevice(const BoundDevice &) = delete;
	BoundDevice &operator=(const BoundDevice &) = delete;

	/// The device as a bound kcxx device.
	[[nodiscard]] const kcxx::BoundDevice &device() const
	{
		return kcxx::detail::DeviceContextAccess::bound(dev());
	}

	/// The device's register window (adev->res).
	[[nodiscard]] Result<io::Resource> resource() const
	{
		// SAFETY: a bound amba_device; its resource lives as long.
		return io::detail::ResourceAccess::from_raw(bindings::kcxx_helper_amba_resource(as_raw()));
	}

	/// The index-th interrupt (adev->irq[index]): -ENXIO if the device
	/// has none there.
	[[nodiscard]] Result<irq::Request> irq_request(unsigned int index) const
	{
		// SAFETY: a bound amba_device; the helper checks the index.
		unsigned int irq = bindings::kcxx_helper_amba_irq(as_raw(), index);
		if (irq == 0)
			return code::ENXIO;
		return irq::Request(device(), irq);
	}

private:
	friend struct detail::Access;
};

/// An AMBA device inside its driver's probe or remove.
class CoreDevice : public BoundDevice {
public:
	CoreDevice() = delete;
	CoreDevice(const CoreDevice &) = delete;
	CoreDevice &operator=(const CoreDevice &) = delete;

	/// The device as a kcxx device in probe or remove.
	[[nodiscard]] const kcxx::CoreDevice &device() const { return kcxx::detail::DeviceContextAccess::core(dev()); }

	/// Requests and maps the register window as SIZE bytes
	/// (io::IoMem<SIZE>::map()): -EINVAL if it is smaller, -EBUSY if
	/// another driver holds it.
	template <unsigned long SIZE>
	[[nodiscard]] Result<Devres<io::IoMem<SIZE>>> iomap(const char *name, Gfp gfp = GFP_KERNEL) const
	{
		io::Resource res = TRY(resource());
		return io::IoMem<SIZE>::map(device(), res, name, gfp);
	}

private:
	friend struct detail::Access;
};

namespace detail {

/// For bus code (amba/driver.h) only: references with proofs.
struct Access {
	static CoreDevice &core(bindings::amba_device *adev) { return *reinterpret_cast<CoreDevice *>(adev); }
	static bindings::device *device_of(bindings::amba_device *adev)
	{
		// SAFETY: &adev->dev.
		return reinterpret_cast<bindings::device *>(reinterpret_cast<char *>(adev) +
							   KCXX_OFFSETOF_amba_device_dev);
	}
};

} // namespace detail

} // namespace kcxx::amba
