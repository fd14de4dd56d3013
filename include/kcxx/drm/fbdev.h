// SPDX-License-Identifier: GPL-2.0
/// \file
/// fbdev emulation: a /dev/fbN on the DRM device - and with it the
/// framebuffer console (fbcon), which takes over the screen - as the DRM
/// core's generic fbdev client makes it: a shadow buffer copied into a GEM
/// VRAM object, the mode the connector prefers.  6.1 calls it
/// drm_fbdev_generic_setup(), 6.12 drm_fbdev_ttm_setup(); the helpers pick.
///
///     kcxx::drm::fbdev::setup(drm, 32);      // after Registration::try_new()
///
/// It cannot fail (an error is logged by the DRM core and leaves the device
/// without a console); the client goes with the unplug.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/drm/device.h>

namespace kcxx::drm::fbdev {

/// fbdev emulation (and the console) on a registered device, at
/// preferred_bpp bits per pixel; nothing for an unregistered one.
template <typename D> void setup(const Registration<D> &reg, unsigned int preferred_bpp)
{
	bindings::drm_device *dev = detail::RegistrationAccess::dev(reg);
	if (!dev || !detail::RegistrationAccess::registered(reg))
		return;
	// SAFETY: a registered DRM device we hold a reference to.
	bindings::kcxx_helper_drm_fbdev_setup(dev, preferred_bpp);
}

} // namespace kcxx::drm::fbdev
