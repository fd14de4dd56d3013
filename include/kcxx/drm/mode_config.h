// SPDX-License-Identifier: GPL-2.0
//
// kcxx::drm::ModeConfig: the device's mode configuration - framebuffer
// size limits, the preferred depth (the fbdev console's), and whether
// addfb without a format means host byte order - and the primary plane's
// pixel formats.  Modes are also limited to half the video memory
// (drm_vram_helper_mode_valid(), room for a page flip).  Framebuffers are
// made from GEM objects (drm_gem_fb_create); commits use the atomic
// helpers.
#pragma once

#include <kcxx/drm/connector.h>
#include <kcxx/types.h>

namespace kcxx::drm {

struct ModeConfig {
	unsigned int min_width = 0;
	unsigned int min_height = 0;
	unsigned int max_width;
	unsigned int max_height;
	unsigned int preferred_depth = 24;
	bool prefer_host_byte_order = false;
	ConnectorType connector_type = ConnectorType::Virtual;
};

} // namespace kcxx::drm
