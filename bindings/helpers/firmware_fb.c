// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: the firmware framebuffer (see kcxx_bindings/firmware_fb.h). */

int kcxx_helper_firmware_fb(struct kcxx_firmware_fb *fb)
{
	const struct screen_info *si = &screen_info;
	u64 base = si->lfb_base;
	u64 size = si->lfb_size;

	if (si->orig_video_isVGA != VIDEO_TYPE_VLFB && si->orig_video_isVGA != VIDEO_TYPE_EFI)
		return -ENODEV;
	if (si->capabilities & VIDEO_CAPABILITY_64BIT_BASE)
		base |= (u64)si->ext_lfb_base << 32;
	/* VESA reports the size in 64 KiB units (as vesafb reads it), EFI in bytes. */
	if (si->orig_video_isVGA == VIDEO_TYPE_VLFB)
		size *= 65536;
	if (!base || !si->lfb_width || !si->lfb_height || !si->lfb_linelength ||
	    !si->lfb_depth)
		return -ENODEV;

	fb->base = base;
	fb->size = size;
	fb->width = si->lfb_width;
	fb->height = si->lfb_height;
	fb->stride = si->lfb_linelength;
	fb->depth = si->lfb_depth;
	fb->red_pos = si->red_pos;
	fb->red_size = si->red_size;
	fb->green_pos = si->green_pos;
	fb->green_size = si->green_size;
	fb->blue_pos = si->blue_pos;
	fb->blue_size = si->blue_size;
	fb->video_type = si->orig_video_isVGA;
	return 0;
}

void kcxx_helper_wmb(void)
{
	wmb();
}
