// SPDX-License-Identifier: GPL-2.0
/// \file
/// The driver object of a bound device: what a kcxx bus driver's probe()
/// returned, kept in the struct device's driver_data (dev_set_drvdata())
/// from the end of probe to remove.  For the bus layers (pci, platform,
/// amba); drivers never see it.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/kernel_layout.h>

namespace kcxx::detail {

/// dev->driver_data: the raw pointer the bus layer stores probe's object
/// in (Box::into_raw()) and takes it back from at remove (Box::from_raw()).
inline void *&driver_data(bindings::device *dev)
{
	// SAFETY: dev->driver_data, a void * at the C compiler's offset.
	return *reinterpret_cast<void **>(reinterpret_cast<char *>(dev) + KCXX_OFFSETOF_device_driver_data);
}

} // namespace kcxx::detail
