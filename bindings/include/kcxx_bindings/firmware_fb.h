/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: the firmware framebuffer the boot loader set up (VESA or
 * EFI; struct screen_info, exported as screen_info on 6.1 and 6.12), and
 * memremap() to map it.
 */
#ifndef KCXX_BINDINGS_FIRMWARE_FB_H
#define KCXX_BINDINGS_FIRMWARE_FB_H

KCXX_BINDINGS_BEGIN

KCXX_KERNEL_TYPE(kcxx_resource_size_t, resource_size_t, unsigned long long);

/* What C++ needs of screen_info, decoded (the same struct in C and C++). */
struct kcxx_firmware_fb {
	unsigned long long base;	/* physical address of the first pixel */
	unsigned long long size;	/* bytes of video memory the firmware reports */
	unsigned int width;		/* pixels */
	unsigned int height;		/* lines */
	unsigned int stride;		/* bytes per line */
	unsigned int depth;		/* bits per pixel */
	unsigned char red_pos, red_size;
	unsigned char green_pos, green_size;
	unsigned char blue_pos, blue_size;
	unsigned char video_type;	/* VIDEO_TYPE_VLFB or VIDEO_TYPE_EFI */
};

/*
 * Fills *fb from screen_info.  -ENODEV when the boot loader set up no
 * linear framebuffer (text mode, or a PVH boot).
 */
int kcxx_helper_firmware_fb(struct kcxx_firmware_fb *fb);

/* kernel/iomem.c, exported. */
void *memremap(kcxx_resource_size_t offset, kcxx_size_t size, unsigned long flags);
void memunmap(void *addr);

/* wmb(): order (and on x86, flush write-combining buffers for) earlier stores. */
void kcxx_helper_wmb(void);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_FIRMWARE_FB_H */
