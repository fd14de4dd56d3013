// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::Mode: a display mode as a driver programs it (the CRTC's
/// struct drm_display_mode, by value: hdisplay, vdisplay, clock, refresh).
#pragma once

#include <kcxx/bindings.h>

namespace kcxx::drm {

/// A mode being set (a copy: it cannot outlive the callback's data).
class Mode {
public:
	/// For the library's callbacks: the mode the helpers extracted.
	explicit constexpr Mode(const bindings::kcxx_drm_mode &raw) : raw_(raw) {}

	/// Visible pixels per line.
	[[nodiscard]] constexpr int hdisplay() const { return raw_.hdisplay; }
	/// Visible lines.
	[[nodiscard]] constexpr int vdisplay() const { return raw_.vdisplay; }
	/// Pixel clock, kHz.
	[[nodiscard]] constexpr int clock() const { return raw_.clock; }
	/// Vertical refresh, Hz (drm_mode_vrefresh()).
	[[nodiscard]] constexpr int vrefresh() const { return raw_.vrefresh; }

private:
	bindings::kcxx_drm_mode raw_;
};

} // namespace kcxx::drm
