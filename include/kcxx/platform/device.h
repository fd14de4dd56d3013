// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::platform::Device, BoundDevice, CoreDevice: a struct platform_device
/// as a C++ reference, with the proofs of kcxx::Device (device.h): any
/// device; bound to a driver; inside probe/remove (Rust's
/// platform::Device<Ctx>).
///
///     Device       its generic device (name, logging).
///     BoundDevice  + its memory and I/O port resources (mem_resource(),
///                  port_resource()) and interrupts (irq_request()),
///                  described by the device tree, ACPI or whoever
///                  registered the device.
///     CoreDevice   + iomap<SIZE>(), ioport_map<SIZE>(): request and map a
///                  memory resource (io/mem.h) or an I/O port resource
///                  (io/port.h), in probe.
///
/// INVARIANT: as kcxx::Device, BoundDevice, CoreDevice, for the struct
/// platform_device at this address (its struct device at
/// KCXX_OFFSETOF_platform_device_dev).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/io/mem.h>
#include <kcxx/io/port.h>
#include <kcxx/irq/request.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::platform {

namespace detail {
struct Access;
}

/// A struct platform_device that someone else owns, as a C++ reference.
class Device {
public:
	Device() = delete;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/// The generic device (its name, logging with dev_info()).
	[[nodiscard]] const kcxx::Device &device() const { return kcxx::Device::from_raw(dev()); }

	/// The struct platform_device, for framework code.
	[[nodiscard]] bindings::platform_device *as_raw() const
	{
		return reinterpret_cast<bindings::platform_device *>(const_cast<Device *>(this));
	}

protected:
	/// The struct device inside the platform_device.
	bindings::device *dev() const
	{
		// SAFETY: &pdev->dev, the struct device embedded in it.
		return reinterpret_cast<bindings::device *>(reinterpret_cast<char *>(as_raw()) +
							   KCXX_OFFSETOF_platform_device_dev);
	}
};

/// A platform device bound to a driver: its resources and interrupts.
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

	/// The index-th memory resource (IORESOURCE_MEM); -EINVAL if there
	/// is none.
	[[nodiscard]] Result<io::Resource> mem_resource(unsigned int index) const
	{
		// SAFETY: a bound platform device; the function checks the
		// index against its resources, which live while it is bound.
		return io::detail::ResourceAccess::from_raw(
			bindings::platform_get_resource(as_raw(), KCXX_IORESOURCE_MEM, index));
	}

	/// The index-th I/O port resource (IORESOURCE_IO); -EINVAL if there
	/// is none.
	[[nodiscard]] Result<io::PortResource> port_resource(unsigned int index) const
	{
		// SAFETY: as mem_resource().
		return io::detail::PortResourceAccess::from_raw(
			bindings::platform_get_resource(as_raw(), KCXX_IORESOURCE_IO, index));
	}

	/// The index-th interrupt (platform_get_irq_optional()): -ENXIO if
	/// the device has none, -EPROBE_DEFER if its controller is not there
	/// yet.
	[[nodiscard]] Result<irq::Request> irq_request(unsigned int index) const
	{
		// SAFETY: a bound platform device; the index is checked.
		int irq = bindings::platform_get_irq_optional(as_raw(), index);
		if (irq < 0)
			return Error::from_errno(irq);
		if (irq == 0)
			return code::ENXIO;
		return irq::Request(device(), static_cast<unsigned int>(irq));
	}

private:
	friend struct detail::Access;
};

/// A platform device inside its driver's probe or remove.
class CoreDevice : public BoundDevice {
public:
	CoreDevice() = delete;
	CoreDevice(const CoreDevice &) = delete;
	CoreDevice &operator=(const CoreDevice &) = delete;

	/// The device as a kcxx device in probe or remove.
	[[nodiscard]] const kcxx::CoreDevice &device() const { return kcxx::detail::DeviceContextAccess::core(dev()); }

	/// Requests and maps the index-th memory resource as a window of
	/// SIZE bytes (io::IoMem<SIZE>::map()): -EINVAL if there is none or
	/// it is smaller than SIZE, -EBUSY if another driver holds it.
	template <unsigned long SIZE>
	[[nodiscard]] Result<Devres<io::IoMem<SIZE>>> iomap(unsigned int index, const char *name,
							    Gfp gfp = GFP_KERNEL) const
	{
		io::Resource res = TRY(mem_resource(index));
		return io::IoMem<SIZE>::map(device(), res, name, gfp);
	}

	/// Requests and maps the index-th I/O port resource as a window of
	/// SIZE ports (io::IoPort<SIZE>::map()): -EINVAL if there is none or
	/// it is smaller than SIZE, -EBUSY if another driver holds it.
	template <unsigned long SIZE>
	[[nodiscard]] Result<Devres<io::IoPort<SIZE>>> ioport_map(unsigned int index, const char *name,
								  Gfp gfp = GFP_KERNEL) const
	{
		io::PortResource res = TRY(port_resource(index));
		return io::IoPort<SIZE>::map(device(), res, name, gfp);
	}

private:
	friend struct detail::Access;
};

namespace detail {

/// For bus code (platform/driver.h) only: references with proofs.
struct Access {
	static CoreDevice &core(bindings::platform_device *pdev) { return *reinterpret_cast<CoreDevice *>(pdev); }
	static bindings::device *device_of(bindings::platform_device *pdev)
	{
		// SAFETY: &pdev->dev.
		return reinterpret_cast<bindings::device *>(reinterpret_cast<char *>(pdev) +
							   KCXX_OFFSETOF_platform_device_dev);
	}
};

} // namespace detail

} // namespace kcxx::platform
