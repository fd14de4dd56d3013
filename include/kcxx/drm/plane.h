// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::PlaneState: the primary plane's state as a driver scans it
/// out - by value, so nothing of it can be kept past the callback that got
/// it - and the pixel formats (fourcc codes) a plane offers.
///
///     if (auto fb = plane.framebuffer()) {
///         u64 base = TRY(fb->scanout_offset());   // where in VRAM the pixels start
///         program(base, fb->pitch(), fb->format());
///     }
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/option.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::drm {

/// fourcc codes (include/uapi/drm/drm_fourcc.h; checked against it when the
/// helpers compile).
namespace format {
/// 32 bits per pixel, x:R:G:B little endian (the byte order of the CPU here).
inline constexpr u32 XRGB8888 = KCXX_DRM_FORMAT_XRGB8888;
/// 32 bits per pixel, B:G:R:x little endian (x:R:G:B big endian).
inline constexpr u32 BGRX8888 = KCXX_DRM_FORMAT_BGRX8888;
} // namespace format

/// The framebuffer a plane shows: its first colour plane, by value.
class Framebuffer {
public:
	/// For the library: the plane state the helpers extracted.
	explicit constexpr Framebuffer(const bindings::kcxx_drm_plane_info &raw) : raw_(raw) {}

	/// Pixel format, a fourcc code (format::XRGB8888, ...).
	[[nodiscard]] constexpr u32 format() const { return raw_.format; }
	/// Bytes per line.
	[[nodiscard]] constexpr u32 pitch() const { return raw_.pitch; }
	/// Width, pixels.
	[[nodiscard]] constexpr u32 width() const { return raw_.width; }
	/// Height, lines.
	[[nodiscard]] constexpr u32 height() const { return raw_.height; }

	/// The offset in video memory of the first pixel: the GEM VRAM
	/// object's (pinned by the pipe's prepare_fb) plus the framebuffer's
	/// offset; -ENODEV if the object is not in VRAM (a pinning bug).
	[[nodiscard]] Result<u64> scanout_offset() const
	{
		if (raw_.vram_offset < 0)
			return code::ENODEV;
		return static_cast<u64>(raw_.vram_offset) + raw_.offset;
	}

private:
	bindings::kcxx_drm_plane_info raw_;
};

/// The primary plane's state, as update() and enable() get it (a copy).
class PlaneState {
public:
	/// For the library's callbacks: the state the helpers extracted.
	explicit constexpr PlaneState(const bindings::kcxx_drm_plane_info &raw) : raw_(raw) {}

	/// The framebuffer, or none (a plane being disabled).
	[[nodiscard]] Option<Framebuffer> framebuffer() const
	{
		if (!raw_.has_fb)
			return {};
		return Framebuffer(raw_);
	}
	/// Position on the CRTC, x.
	[[nodiscard]] constexpr int crtc_x() const { return raw_.crtc_x; }
	/// Position on the CRTC, y.
	[[nodiscard]] constexpr int crtc_y() const { return raw_.crtc_y; }

private:
	bindings::kcxx_drm_plane_info raw_;
};

} // namespace kcxx::drm
