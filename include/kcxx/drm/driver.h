// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::DriverInfo: what a DRM driver says about itself (struct
/// drm_driver's name, desc, date and version), and the build check that the
/// module links the DRM helpers.
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

namespace detail {
constexpr bindings::kcxx_drm_driver_info to_raw(const DriverInfo &info)
{
	return {info.name, info.desc, info.date, info.major, info.minor, info.patchlevel};
}
} // namespace detail

} // namespace kcxx::drm
