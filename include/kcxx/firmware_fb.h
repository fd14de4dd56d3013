// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::FirmwareFramebuffer: the linear framebuffer the firmware or boot
/// loader set up (VESA, EFI GOP), as described by the kernel's screen_info,
/// mapped write-combining for drawing.
///
///     auto fb = TRY(kcxx::FirmwareFramebuffer::try_map());   // sleeping context
///     fb.fill_rect(10, 10, 100, 50, kcxx::Rgb{255, 255, 255});  // any context
///     fb.flush();
///
/// Map it where sleeping is allowed (module init); drawing afterwards never
/// sleeps or allocates, so it works in a panic handler.  Every drawing call
/// is clipped to the visible screen: nothing is ever written outside the
/// mapping.  The framebuffer is shared with whatever driver owns it (vesafb,
/// efifb, a DRM driver that took over): drawing is meant for panic screens
/// and demos, where overwriting that driver's picture is the point.
///
/// INVARIANT: base_ is null (moved from) or maps stride_ * height_ bytes of
/// the framebuffer, write-combining; stride_ >= width_ * bytes_per_pixel_;
/// bytes_per_pixel_ is 2, 3 or 4; each colour field fits in those bytes.
#pragma once

#include <cstddef>

#include <kcxx/bindings.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx {

/// A colour, 8 bits per channel.
struct Rgb {
	/// @{
	/// Red, green and blue.
	u8 r, g, b;
	/// @}
};

/// The linear framebuffer the firmware or boot loader set up (VESA, EFI GOP),
/// mapped write-combining for drawing; unmapped when destroyed.
class FirmwareFramebuffer {
public:
	/// Maps the framebuffer.  ENODEV if the boot set up none (text mode,
	/// or a PVH boot that skips the real-mode setup), EOPNOTSUPP for pixel
	/// formats other than 15/16/24/32-bit direct colour, ENOMEM if it
	/// cannot be mapped.  Sleeps.
	[[nodiscard]] static Result<FirmwareFramebuffer> try_map()
	{
		bindings::kcxx_firmware_fb info{};
		// SAFETY: the helper only reads screen_info and fills info.
		int ret = bindings::kcxx_helper_firmware_fb(&info);
		if (ret)
			return Error::from_errno(ret);
		unsigned bpp = (info.depth + 7) / 8;
		if (bpp < 2 || bpp > 4 || !field_fits(info.red_pos, info.red_size, bpp) ||
		    !field_fits(info.green_pos, info.green_size, bpp) ||
		    !field_fits(info.blue_pos, info.blue_size, bpp))
			return code::EOPNOTSUPP;
		if (info.stride / bpp < info.width)
			return code::EINVAL;
		unsigned long long bytes = static_cast<unsigned long long>(info.stride) * info.height;
		if (info.size && bytes > info.size)
			return code::EINVAL;
		// SAFETY: maps [base, base + bytes) of the framebuffer the
		// firmware reported: device memory no one else owns as RAM;
		// memremap() returns null or a mapping of exactly that range.
		void *base = bindings::memremap(info.base, bytes, KCXX_MEMREMAP_WC);
		if (!base)
			return code::ENOMEM;
		return FirmwareFramebuffer(static_cast<u8 *>(base), info, bpp);
	}

	/// Takes over other's mapping; other is left empty.
	FirmwareFramebuffer(FirmwareFramebuffer &&other)
		: base_(other.base_), width_(other.width_), height_(other.height_),
		  stride_(other.stride_), bytes_per_pixel_(other.bytes_per_pixel_),
		  depth_(other.depth_), red_pos_(other.red_pos_), red_size_(other.red_size_),
		  green_pos_(other.green_pos_), green_size_(other.green_size_),
		  blue_pos_(other.blue_pos_), blue_size_(other.blue_size_)
	{
		other.base_ = nullptr;
	}
	FirmwareFramebuffer(const FirmwareFramebuffer &) = delete;
	FirmwareFramebuffer &operator=(const FirmwareFramebuffer &) = delete;
	FirmwareFramebuffer &operator=(FirmwareFramebuffer &&) = delete;

	~FirmwareFramebuffer()
	{
		// SAFETY: base_ came from memremap() (INVARIANT) and is
		// unmapped once.
		if (base_)
			bindings::memunmap(base_);
	}

	/// The width in pixels.
	[[nodiscard]] unsigned width() const { return width_; }
	/// The height in pixels.
	[[nodiscard]] unsigned height() const { return height_; }
	/// Bits per pixel.
	[[nodiscard]] unsigned depth() const { return depth_; }
	/// Bytes per line.
	[[nodiscard]] unsigned stride() const { return stride_; }

	/// Fills the part of [x, x + w) x [y, y + h) that is on the screen.
	void fill_rect(unsigned x, unsigned y, unsigned w, unsigned h, Rgb color)
	{
		if (!base_ || x >= width_ || y >= height_)
			return;
		if (w > width_ - x)
			w = width_ - x;
		if (h > height_ - y)
			h = height_ - y;
		const u32 pixel = encode(color);
		for (unsigned row = y; row < y + h; ++row) {
			u8 *p = base_ + static_cast<std::size_t>(row) * stride_ +
				static_cast<std::size_t>(x) * bytes_per_pixel_;
			for (unsigned col = 0; col < w; ++col)
				for (unsigned b = 0; b < bytes_per_pixel_; ++b)
					*p++ = static_cast<u8>(pixel >> (8 * b));
		}
	}

	/// Paints the whole screen in 'color'.
	void fill(Rgb color) { fill_rect(0, 0, width_, height_, color); }

	/// Pushes the writes out of the write-combining buffers.
	void flush()
	{
		// SAFETY: a memory barrier, no operands.
		bindings::kcxx_helper_wmb();
	}

private:
	FirmwareFramebuffer(u8 *base, const bindings::kcxx_firmware_fb &info, unsigned bpp)
		: base_(base), width_(info.width), height_(info.height), stride_(info.stride),
		  bytes_per_pixel_(bpp), depth_(info.depth), red_pos_(info.red_pos),
		  red_size_(info.red_size), green_pos_(info.green_pos),
		  green_size_(info.green_size), blue_pos_(info.blue_pos),
		  blue_size_(info.blue_size)
	{
	}

	static constexpr bool field_fits(unsigned pos, unsigned size, unsigned bpp)
	{
		return size >= 1 && size <= 8 && pos + size <= 8 * bpp;
	}

	static constexpr u32 channel(u8 value, unsigned pos, unsigned size)
	{
		return static_cast<u32>(value >> (8 - size)) << pos;
	}

	[[nodiscard]] u32 encode(Rgb c) const
	{
		return channel(c.r, red_pos_, red_size_) | channel(c.g, green_pos_, green_size_) |
		       channel(c.b, blue_pos_, blue_size_);
	}

	u8 *base_;
	unsigned width_;
	unsigned height_;
	unsigned stride_;
	unsigned bytes_per_pixel_;
	unsigned depth_;
	unsigned red_pos_, red_size_;
	unsigned green_pos_, green_size_;
	unsigned blue_pos_, blue_size_;
};

} // namespace kcxx
