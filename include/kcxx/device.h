// SPDX-License-Identifier: GPL-2.0
//
// kcxx::Device: a struct device that someone else owns, as a C++ reference.
//
// 'kcxx::Device &' is exactly the kernel's struct device *: the object is
// never built, copied or moved by C++, only reached through an owner that
// keeps the device alive - a misc device registration
// (miscdevice::Registration::device()), later a bus driver's probe
// argument.  The reference is valid as long as that owner; it conveys no
// reference count of its own (get_device() is not taken).
//
// Logging against a device: kcxx/dev_print.h (dev_info(dev, ...)).
//
// INVARIANT: the address of a Device is that of a live struct device, for
// as long as the reference is used (its owner guarantees it).
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

class Device {
public:
	Device() = delete;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	// For the owners of a device (framework code): 'dev' must be a live
	// struct device for as long as the reference is used.
	[[nodiscard]] static Device &from_raw(bindings::device *dev) { return *reinterpret_cast<Device *>(dev); }

	[[nodiscard]] bindings::device *as_raw() const
	{
		return reinterpret_cast<bindings::device *>(const_cast<Device *>(this));
	}
};

} // namespace kcxx
