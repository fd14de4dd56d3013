// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::DriverInfo: what a DRM driver says about itself (struct
/// drm_driver's name, desc, date and version), and the build check that the
/// module links the DRM helpers; check_modeset(), the `modeset` module
/// parameter of the kernel's DRM drivers.
///
///     static constexpr kcxx::drm::DriverInfo drm_info{
///         .name = "cbochs", .desc = "...", .date = "20261206", .major = 1, .minor = 0,
///     };
///
/// The name is what user space sees (DRM_IOCTL_VERSION, modetest -M, the
/// fbdev "<name>drmfb"). The driver's features are those of a KMS driver
/// on GEM VRAM objects (drm/gem_vram.h): DRIVER_GEM | DRIVER_MODESET |
/// DRIVER_ATOMIC, dumb buffers in video memory, mmap; one DRM driver per
/// module (the helpers keep its struct drm_driver per module).
#pragma once

#ifndef KCXX_HELPERS_drm
#error "kcxx: a DRM driver's Kbuild says 'kcxx-helpers := drm' before including kcxx.mk (the DRM helpers go only into the modules that ask for them: DRM is a module)"
#endif

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>

namespace kcxx::drm {

/// struct drm_driver's description (DRM_IOCTL_VERSION): string literals.
struct DriverInfo {
	/// The driver's name: modetest -M, /sys/kernel/debug/dri/N/name, the
	/// fbdev device "<name>drmfb".
	const char *name;
	/// A line about the driver.
	const char *desc;
	/// Its date, YYYYMMDD.
	const char *date;
	/// Version, major.
	int major = 1;
	/// Version, minor.
	int minor = 0;
	/// Version, patch level.
	int patchlevel = 0;
};

/// Whether a DRM driver with a `modeset` module parameter may register, as
/// the kernel's drm_module_pci_driver_if_modeset() decides (bochs.ko,
/// cirrus, ...): 0 keeps the driver off, -1 (the parameter's default) off
/// only if the kernel was booted with `nomodeset` (only firmware
/// framebuffer drivers then), any other value on.  ENODEV when off, which
/// the module's init returns: the module does not load.
///
///     KCXX_MODULE_PARAM(modeset, int, -1, 0444, "enable/disable kernel modesetting");
///     ...  TRY(kcxx::drm::check_modeset(modeset.get()));   // in the module's init()
[[nodiscard]] inline Result<void> check_modeset(int modeset)
{
	if (modeset == 0)
		return code::ENODEV;
	// SAFETY: reads a flag set from the command line at boot.
	if (modeset == -1 && bindings::kcxx_helper_drm_firmware_drivers_only())
		return code::ENODEV;
	return {};
}

namespace detail {
constexpr bindings::kcxx_drm_driver_info to_raw(const DriverInfo &info)
{
	return {info.name, info.desc, info.date, info.major, info.minor, info.patchlevel};
}
} // namespace detail

} // namespace kcxx::drm
