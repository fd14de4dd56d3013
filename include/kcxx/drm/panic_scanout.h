// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::Scanout and ScanoutCell: what a display shows, kept for a
/// panic handler that draws on it (drm/panic.h).  The drawing is bounded by
/// the framebuffer's own size, not only by the video memory mapping: a
/// mode larger than the framebuffer it shows (a commit stopped halfway by
/// the panic, between the mode and the plane) draws on that framebuffer
/// only, not on the buffers next to it in VRAM.
///
///     // the pipe's callbacks (one at a time):
///     cell.set_mode(mode.hdisplay(), mode.vdisplay());
///     cell.set_framebuffer(offset, fb.pitch(), fb.width(), fb.height(), x, y);
///     // at panic:
///     Scanout::Window w = cell.load().window();
///     qr::Span32 screen = vram.span32(w.offset, w.width, w.height, w.pitch);
///
/// Freestanding (kcxx/types.h and kcxx/sync/atomic.h): the host tests check
/// it (tests/host/drm).
#pragma once

#include <kcxx/sync/atomic.h>
#include <kcxx/types.h>

namespace kcxx::drm {

/// A 32-bpp framebuffer in video memory and the window of it a CRTC shows.
struct Scanout {
	/// The framebuffer's first pixel: its offset in video memory, bytes.
	u64 fb_offset = 0;
	/// The framebuffer's bytes per line.
	u32 pitch = 0;
	/// The framebuffer's width, pixels (0: none).
	u32 fb_width = 0;
	/// The framebuffer's height, lines (0: none).
	u32 fb_height = 0;
	/// The window shown: its left column in the framebuffer (the plane's x).
	u32 x = 0;
	/// The window shown: its top line in the framebuffer (the plane's y).
	u32 y = 0;
	/// The window's width: the mode's (0: nothing shown).
	u32 width = 0;
	/// The window's height: the mode's (0: nothing shown).
	u32 height = 0;

	/// Where a panic handler may draw.
	struct Window {
		/// The first pixel's offset in video memory, bytes.
		u64 offset = 0;
		/// Width, pixels (0: nowhere).
		u32 width = 0;
		/// Height, lines (0: nowhere).
		u32 height = 0;
		/// Bytes per line.
		u32 pitch = 0;
	};

	/// The window shown, cut to the framebuffer's own size: no pixel of
	/// it outside the framebuffer.  Empty (0 x 0) if nothing is shown, the
	/// window starts outside the framebuffer, the pitch is shorter than a
	/// line of the framebuffer or the offset overflows.
	[[nodiscard]] constexpr Window window() const
	{
		if (x >= fb_width || y >= fb_height || pitch / 4 < fb_width)
			return {};
		u32 w = width < fb_width - x ? width : fb_width - x;
		u32 h = height < fb_height - y ? height : fb_height - y;
		if (!w || !h)
			return {};
		u64 offset;
		if (__builtin_add_overflow(fb_offset, static_cast<u64>(y) * pitch + static_cast<u64>(x) * 4,
					   &offset))
			return {};
		return {offset, w, h, pitch};
	}
};

/// What a driver's display shows, for its panic handler: the mode's size
/// and the framebuffer, set by the display pipe's callbacks, read at panic.
/// The framebuffer is read whole, never half of one, even when a writer
/// was stopped halfway (the other CPUs are stopped at panic): the writer
/// fills the slot no reader is pointed at, then points readers at it.  The
/// mode may come from another commit than the framebuffer (the panic
/// stopped one between the two): window() cuts it to the framebuffer.
///
/// Writers: one at a time (a display pipe's enable, update and disable:
/// the DRM core serializes a CRTC's commits).  Readers: any context, no
/// lock; while a writer runs on another CPU (a panic whose other CPUs did
/// not stop) a reader may get a mix of two framebuffers, which PanicVram
/// still keeps inside the mapping.  Every field is an atomic: no access is
/// a data race.
class ScanoutCell {
public:
	constexpr ScanoutCell() = default;
	ScanoutCell(const ScanoutCell &) = delete;
	ScanoutCell &operator=(const ScanoutCell &) = delete;

	/// The mode's size (0 x 0: nothing shown).  One writer at a time.
	void set_mode(u32 width, u32 height) const
	{
		width_.store(width);
		height_.store(height);
	}

	/// The framebuffer shown: its first pixel's offset in video memory,
	/// bytes per line, width and height, and the plane's position on it.
	/// One writer at a time.
	void set_framebuffer(u64 offset, u32 pitch, u32 width, u32 height, u32 x, u32 y) const
	{
		const Fb &next = fbs_[(index_.load(order::relaxed) & 1) ^ 1];
		next.offset.store(offset);
		next.pitch.store(pitch);
		next.width.store(width);
		next.height.store(height);
		next.x.store(x);
		next.y.store(y);
		index_.store(&next == &fbs_[0] ? 0 : 1, order::release);
	}

	/// The last mode and framebuffer set (all zero before the first).
	[[nodiscard]] Scanout load() const
	{
		const Fb &fb = fbs_[index_.load(order::acquire) & 1];
		return {fb.offset.load(), fb.pitch.load(), fb.width.load(), fb.height.load(),
			fb.x.load(),      fb.y.load(),     width_.load(),   height_.load()};
	}

private:
	struct Fb {
		Atomic<u64> offset{0};
		Atomic<u32> pitch{0}, width{0}, height{0}, x{0}, y{0};
	};

	Fb fbs_[2];
	Atomic<u32> index_{0};
	Atomic<u32> width_{0}, height_{0};
};

} // namespace kcxx::drm
