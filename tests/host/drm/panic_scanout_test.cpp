// SPDX-License-Identifier: GPL-2.0
// Host tests of kcxx::drm::Scanout::window() and ScanoutCell
// (include/kcxx/drm/panic_scanout.h): a panic screen draws inside the
// framebuffer shown, whatever the mode says, and reads a whole Scanout.
#include <kcxx/drm/panic_scanout.h>

#include <gtest/gtest.h>

namespace {

using kcxx::u32;
using kcxx::u64;
using kcxx::drm::Scanout;
using kcxx::drm::ScanoutCell;

// A 1280x800 framebuffer (pitch 5120) at 8 MiB in VRAM.
constexpr Scanout fb1280(u32 width, u32 height, u32 x = 0, u32 y = 0)
{
	return Scanout{.fb_offset = 8 << 20, .pitch = 5120, .fb_width = 1280, .fb_height = 800,
		       .x = x, .y = y, .width = width, .height = height};
}

// The last byte the window covers + 1, relative to the framebuffer's first.
u64 window_end(const Scanout &s)
{
	Scanout::Window w = s.window();
	return w.offset - s.fb_offset + static_cast<u64>(w.height - 1) * w.pitch + u64{w.width} * 4;
}

TEST(PanicScanout, TheModesWindow)
{
	Scanout::Window w = fb1280(1280, 800).window();
	EXPECT_EQ(w.offset, 8u << 20);
	EXPECT_EQ(w.width, 1280u);
	EXPECT_EQ(w.height, 800u);
	EXPECT_EQ(w.pitch, 5120u);
	// A smaller mode on a larger framebuffer: the mode's size.
	w = fb1280(640, 480).window();
	EXPECT_EQ(w.width, 640u);
	EXPECT_EQ(w.height, 480u);
	EXPECT_EQ(w.pitch, 5120u);
}

TEST(PanicScanout, AModeLargerThanTheFramebufferIsCutToIt)
{
	// The mode of a commit that the panic stopped before the plane's
	// update: 1920x1200 shown from a 1280x800 framebuffer.
	Scanout s = fb1280(1920, 1200);
	Scanout::Window w = s.window();
	EXPECT_EQ(w.width, 1280u);
	EXPECT_EQ(w.height, 800u);
	EXPECT_EQ(window_end(s), 799u * 5120 + 1280 * 4);
	EXPECT_LE(window_end(s), u64{s.fb_height} * s.pitch);
	// Taller only, wider only.
	EXPECT_EQ(fb1280(1280, 1024).window().height, 800u);
	EXPECT_EQ(fb1280(1280, 1024).window().width, 1280u);
	EXPECT_EQ(fb1280(4096, 600).window().width, 1280u);
	EXPECT_EQ(fb1280(4096, 600).window().height, 600u);
}

TEST(PanicScanout, APlanePositionCountsAgainstTheFramebuffer)
{
	Scanout s = fb1280(1280, 800, 100, 50);
	Scanout::Window w = s.window();
	EXPECT_EQ(w.offset, (8u << 20) + 50u * 5120 + 100 * 4);
	EXPECT_EQ(w.width, 1180u);
	EXPECT_EQ(w.height, 750u);
	EXPECT_EQ(window_end(s), 799u * 5120 + 1280 * 4);
}

TEST(PanicScanout, NothingToDrawOn)
{
	EXPECT_EQ(Scanout{}.window().width, 0u);             // nothing published
	EXPECT_EQ(fb1280(0, 0).window().width, 0u);          // blanked
	EXPECT_EQ(fb1280(1280, 0).window().height, 0u);
	EXPECT_EQ(fb1280(1280, 800, 1280, 0).window().width, 0u); // starts right of it
	EXPECT_EQ(fb1280(1280, 800, 0, 800).window().width, 0u);  // starts below it
	Scanout s = fb1280(1280, 800);
	s.pitch = 1279 * 4; // shorter than a line of the framebuffer
	EXPECT_EQ(s.window().width, 0u);
	s = fb1280(1280, 800, 0, 10);
	s.fb_offset = ~u64{0} - 100; // the window's offset overflows
	EXPECT_EQ(s.window().width, 0u);
}

TEST(PanicScanout, TheCellGivesTheLastSet)
{
	ScanoutCell cell;
	EXPECT_EQ(cell.load().width, 0u);
	EXPECT_EQ(cell.load().fb_offset, 0u);
	EXPECT_EQ(cell.load().window().width, 0u);
	cell.set_mode(1280, 800);
	cell.set_framebuffer(8 << 20, 5120, 1280, 800, 0, 0);
	Scanout got = cell.load();
	EXPECT_EQ(got.fb_offset, 8u << 20);
	EXPECT_EQ(got.width, 1280u);
	EXPECT_EQ(got.window().height, 800u);
	// Three more framebuffers, so both slots are written over.
	for (u32 i = 1; i <= 3; i++) {
		cell.set_framebuffer(u64{i} << 24, 2560 + 4 * i, 640 + i, 480 + i, i, 2 * i);
		got = cell.load();
		EXPECT_EQ(got.fb_offset, u64{i} << 24);
		EXPECT_EQ(got.pitch, 2560 + 4 * i);
		EXPECT_EQ(got.fb_width, 640 + i);
		EXPECT_EQ(got.fb_height, 480 + i);
		EXPECT_EQ(got.x, i);
		EXPECT_EQ(got.y, 2 * i);
		EXPECT_EQ(got.width, 1280u); // the mode stays
		EXPECT_EQ(got.height, 800u);
		// The 1280x800 mode on a 64Nx48N framebuffer: cut to it.
		EXPECT_EQ(got.window().width, 640u);
		EXPECT_EQ(got.window().height, 480 - i);
	}
	cell.set_mode(0, 0); // blanked
	EXPECT_EQ(cell.load().window().width, 0u);
	EXPECT_EQ(cell.load().fb_offset, 3u << 24);
}

} // namespace
