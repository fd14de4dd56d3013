// SPDX-License-Identifier: GPL-2.0
/// \file
/// GEM objects in video memory (the kernel's GEM VRAM helper over TTM): the
/// device's VRAM is a PCI memory BAR, managed by drmm_vram_helper_init();
/// dumb buffers and the fbdev console are allocated there, and a plane's
/// framebuffer is pinned in it while it is scanned out (prepare_fb), so the
/// display engine is given an offset into the BAR (drm/plane.h,
/// Framebuffer::scanout_offset()).  Bochs-like devices, ast, mgag200 (6.1),
/// hibmc use it.
///
///     kcxx::drm::VramBar{.bar = 0, .min_size = 4 << 20, .max_size = reported}
///
/// Requested for the device (a warning if a firmware framebuffer still
/// holds it; the helpers remove conflicting firmware framebuffers first),
/// released at unbind; the VRAM manager lives as long as the DRM device.
#pragma once

#include <kcxx/types.h>

namespace kcxx::drm {

/// Which BAR is video memory, and how much of it to use.
struct VramBar {
	/// The memory BAR's index.
	int bar;
	/// At least this many bytes (-ENOMEM if smaller).
	u64 min_size = 0;
	/// At most this many bytes (0: all of it).
	u64 max_size = 0;
};

/// The video memory in use, as D::Data is built with it.
struct Vram {
	/// Bus address.
	u64 base;
	/// Size, bytes.
	u64 size;
};

} // namespace kcxx::drm
