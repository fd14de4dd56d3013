// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::irq::Request: an interrupt line of a bound device that a handler
/// may be registered on (Rust's IrqRequest).
///
/// Only the device's bus hands them out, from a bound device
/// (pci::BoundDevice::irq_request(), platform::, amba::): a driver cannot request an arbitrary
/// IRQ number, and the Request names the device whose unbind frees the
/// handler (irq/registration.h).
///
/// INVARIANT: irq_ is a Linux IRQ number allocated to dev_, and dev_ was
/// bound to a driver when the Request was made.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

namespace kcxx::platform {
class BoundDevice;
}
namespace kcxx::amba {
class BoundDevice;
}

namespace kcxx::irq {

/// An interrupt line of a bound device that a handler may be registered on;
/// only the device's bus hands them out (see kcxx/irq/request.h).
class Request {
public:
	/// The Linux interrupt number.
	[[nodiscard]] unsigned int irq() const { return irq_; }
	/// The device the line belongs to (bound when the Request was made).
	[[nodiscard]] const BoundDevice &device() const { return *dev_; }

private:
	friend class pci::BoundDevice;
	friend class platform::BoundDevice;
	friend class amba::BoundDevice;

	Request(const BoundDevice &dev, unsigned int irq) : dev_(&dev), irq_(irq) {}

	const BoundDevice *dev_;
	unsigned int irq_;
};

} // namespace kcxx::irq

namespace kcxx::pci {

inline Result<irq::Request> BoundDevice::irq_request(unsigned int index) const
{
	// SAFETY: a bound pci_dev; pci_irq_vector() checks the index
	// against the vectors allocated (-EINVAL otherwise).
	int irq = bindings::pci_irq_vector(as_raw(), index);
	if (irq < 0)
		return Error::from_errno(irq);
	return irq::Request(device(), static_cast<unsigned int>(irq));
}

} // namespace kcxx::pci
