// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::platform::DeviceRegistration: a platform device this module
/// creates (platform_device_register_simple()), unregistered when the handle
/// is destroyed - what a multi-function driver does for its children, and
/// what tests do to have a device for a platform driver to bind.
///
///     const kcxx::platform::ResourceSpec res[] = {
///         kcxx::platform::ResourceSpec::mem(0xfe000000, 0x1000),
///     };
///     auto dev = TRY(kcxx::platform::DeviceRegistration::try_new("demo", 0, res));
///
/// The resources are copied by the platform core.  Unregistering unbinds
/// the device's driver first (remove, devres) and drops the core's
/// reference.
///
/// INVARIANT: pdev_ is null (moved from) or a platform device registered by
/// this handle and not yet unregistered.
#pragma once

#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/types.h>

namespace kcxx::platform {

/// One resource of a device to register.
struct ResourceSpec {
	/// The first address (or the IRQ number).
	u64 start;
	/// The size in bytes (1 for an IRQ).
	u64 size;
	/// IORESOURCE_MEM, IORESOURCE_IO or IORESOURCE_IRQ.
	unsigned long flags;

	/// A memory range (IORESOURCE_MEM).
	static constexpr ResourceSpec mem(u64 start, u64 size)
	{
		return ResourceSpec{start, size, KCXX_IORESOURCE_MEM};
	}
	/// A range of I/O ports (IORESOURCE_IO).
	static constexpr ResourceSpec ports(u64 start, u64 size)
	{
		return ResourceSpec{start, size, KCXX_IORESOURCE_IO};
	}
	/// An interrupt (IORESOURCE_IRQ), a Linux IRQ number.
	static constexpr ResourceSpec irq(unsigned int number)
	{
		return ResourceSpec{number, 1, KCXX_IORESOURCE_IRQ};
	}
};

/// A platform device registered by this module (see kcxx/platform/registration.h).
class DeviceRegistration {
public:
	/// Registers device "name.id" (id -1: "name") with up to 16
	/// resources.  -EINVAL for more, or an empty range; -EEXIST if the
	/// name is taken; -ENOMEM.
	[[nodiscard]] static Result<DeviceRegistration> try_new(const char *name, int id,
								Span<const ResourceSpec> resources)
	{
		constexpr unsigned long max = 16;
		if (resources.size() > max)
			return code::EINVAL;
		unsigned long long start[max] = {}, size[max] = {};
		unsigned long flags[max] = {};
		unsigned long i = 0;
		for (const ResourceSpec &spec : resources) {
			if (spec.size == 0 || spec.start + spec.size < spec.start)
				return code::EINVAL;
			start[i] = spec.start;
			size[i] = spec.size;
			flags[i] = spec.flags;
			++i;
		}
		// SAFETY: the arrays hold resources.size() valid entries; the
		// core copies them and the name.
		bindings::platform_device *pdev = bindings::kcxx_helper_platform_device_register(
			name, id, start, size, flags, static_cast<unsigned int>(resources.size()));
		long value = reinterpret_cast<long>(pdev);
		if (value < 0 && value >= -4095)
			return Error::from_errno(static_cast<int>(value));
		return DeviceRegistration(pdev);
	}

	/// Takes over other's device; other is left empty.
	DeviceRegistration(DeviceRegistration &&other) : pdev_(std::exchange(other.pdev_, nullptr)) {}
	/// Unregisters this handle's device, if any, and takes over other's.
	DeviceRegistration &operator=(DeviceRegistration &&other)
	{
		DeviceRegistration old(std::move(*this));
		pdev_ = std::exchange(other.pdev_, nullptr);
		return *this;
	}
	DeviceRegistration(const DeviceRegistration &) = delete;
	DeviceRegistration &operator=(const DeviceRegistration &) = delete;
	~DeviceRegistration()
	{
		if (pdev_)
			// SAFETY: registered by try_new() (INVARIANT).
			bindings::platform_device_unregister(pdev_);
	}

private:
	explicit DeviceRegistration(bindings::platform_device *pdev) : pdev_(pdev) {}

	bindings::platform_device *pdev_;
};

} // namespace kcxx::platform
