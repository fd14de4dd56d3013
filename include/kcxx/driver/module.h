// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::detail::DriverModule<R, D>: a module whose whole job is one driver
/// registration R - registered at load (R::try_new()), unregistered at
/// unload (R's destructor) - with D::info as its ModuleInfo.  What C's
/// module_driver() is to module_pci_driver() and friends: the bus headers'
/// KCXX_MODULE_PCI_DRIVER(D), KCXX_MODULE_PLATFORM_DRIVER(D),
/// KCXX_MODULE_AMBA_DRIVER(D) and KCXX_MODULE_PHY_DRIVER(M) are this type
/// passed to KCXX_MODULE().
///
/// INVARIANT: registration_ holds a registered R for the module's lifetime.
#pragma once

#include <utility>

#include <kcxx/box.h>
#include <kcxx/gfp.h>
#include <kcxx/module.h>
#include <kcxx/result.h>

namespace kcxx::detail {

/// The module of one driver registration R, named and described by D::info.
template <typename R, typename D> class DriverModule {
public:
	/// The module's name, license and description: the driver's.
	static constexpr ModuleInfo info = D::info;

	/// Registers the driver; the bus's error if it refuses.
	static Result<DriverModule> init() { return DriverModule(TRY(R::try_new(GFP_KERNEL))); }

	/// Takes over a registration try_new() made.
	explicit DriverModule(Box<R> registration) : registration_(std::move(registration)) {}

private:
	Box<R> registration_;
};

} // namespace kcxx::detail
