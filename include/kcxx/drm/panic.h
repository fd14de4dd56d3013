// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::PanicVram: a mapping of a driver's video memory made at probe,
/// so that a panic handler (a kmsg dumper) can draw on the scanout buffer
/// without allocating, sleeping or taking the GEM/TTM locks that the crashed
/// code may hold (drm_gem_vram_vmap() takes the buffer's reservation lock).
/// Like ast's drm_panic support, which draws through its VRAM mapping at
/// the offset of the pinned scanout buffer.
///
///     auto vram = TRY(kcxx::drm::PanicVram::try_map(hw.vram()));   // probe
///     ...
///     kcxx::qr::Span32 screen = vram.span32(offset, width, height, pitch);  // panic
///     kcxx::qr::draw_centered(code, screen, false, true);
///     vram.flush();
///
/// INVARIANT: base_ is null (moved from) or maps size_ bytes of video
/// memory, write-combining, until destruction.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/drm/gem_vram.h>
#include <kcxx/qr/kmsg_panic.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::drm {

/// A write-combining mapping of the whole video memory, for panic screens.
class PanicVram {
public:
	/// Maps `vram` (as D::Data is built with it: drm/gem_vram.h).
	/// ENOMEM if it cannot be mapped.  Sleeps.
	[[nodiscard]] static Result<PanicVram> try_map(const Vram &vram)
	{
		if (!vram.size)
			return code::EINVAL;
		// SAFETY: maps [base, base + size) of the device's VRAM BAR,
		// which the VRAM helper requested for this device: device
		// memory, not RAM; TTM maps it write-combining too, so the
		// memory types agree.  memremap() returns null or a mapping of
		// exactly that range.
		void *base = bindings::memremap(vram.base, vram.size, KCXX_MEMREMAP_WC);
		if (!base)
			return code::ENOMEM;
		return PanicVram(static_cast<u8 *>(base), vram.size);
	}

	/// Takes over other's mapping; other is left empty.
	PanicVram(PanicVram &&other) : base_(other.base_), size_(other.size_)
	{
		other.base_ = nullptr;
		other.size_ = 0;
	}
	PanicVram(const PanicVram &) = delete;
	PanicVram &operator=(const PanicVram &) = delete;
	PanicVram &operator=(PanicVram &&) = delete;

	~PanicVram()
	{
		// SAFETY: base_ came from memremap() (INVARIANT) and is
		// unmapped once.
		if (base_)
			bindings::memunmap(base_);
	}

	/// The mapped size, bytes.
	[[nodiscard]] u64 size() const { return size_; }

	/// The 32-bpp buffer of `width` x `height` pixels, `pitch` bytes per
	/// line, at `offset` in video memory; an empty span (draws nothing) if
	/// any of it is outside the mapping or pitch < 4 * width.  Any context.
	[[nodiscard]] qr::Span32 span32(u64 offset, u32 width, u32 height, u32 pitch) const
	{
		if (!base_ || !width || !height || pitch / 4 < width || offset > size_)
			return {};
		// The last line needs only width pixels, not the whole pitch.
		u64 bytes = static_cast<u64>(height - 1) * pitch + static_cast<u64>(width) * 4;
		if (bytes > size_ - offset || (offset & 3) || (pitch & 3))
			return {};
		return qr::Span32(base_ + offset, width, height, pitch);
	}

	/// Pushes the writes out of the write-combining buffers.
	void flush() const
	{
		// SAFETY: a memory barrier, no operands.
		bindings::kcxx_helper_wmb();
	}

private:
	PanicVram(u8 *base, u64 size) : base_(base), size_(size) {}

	u8 *base_;
	u64 size_;
};

} // namespace kcxx::drm
