// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::ModeConfig: the device's mode configuration - framebuffer
/// size limits, the preferred depth (the fbdev console's), and whether
/// addfb without a format means host byte order - and the primary plane's
/// pixel formats.  Modes are also limited to half the video memory
/// (drm_vram_helper_mode_valid(), room for a page flip).  Framebuffers are
/// made from GEM objects (drm_gem_fb_create); commits use the atomic
/// helpers.
#pragma once

#include <kcxx/drm/connector.h>
#include <kcxx/types.h>

namespace kcxx::drm {

/// A driver's mode configuration (D::mode_config).
struct ModeConfig {
	/// Smallest framebuffer width.
	unsigned int min_width = 0;
	/// Smallest framebuffer height.
	unsigned int min_height = 0;
	/// Largest framebuffer width.
	unsigned int max_width;
	/// Largest framebuffer height.
	unsigned int max_height;
	/// The depth user space and the fbdev console prefer.
	unsigned int preferred_depth = 24;
	/// Legacy addfb without a format means host byte order
	/// (quirk_addfb_prefer_host_byte_order).
	bool prefer_host_byte_order = false;
	/// The connector's type.
	ConnectorType connector_type = ConnectorType::Virtual;
};

} // namespace kcxx::drm
