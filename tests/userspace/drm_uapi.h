/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DRM uapi that tests/userspace's KMS programs use (bochs_bench.c,
 * cbochs_fuzz.c): the kernel's include/uapi/drm/drm.h and drm_mode.h, the
 * structures and ioctl numbers as they are there (the host has no DRM
 * headers: no libdrm-dev, and linux-libc-dev leaves drm/ out).  Raw
 * ioctls, no libdrm.
 */
#ifndef KCXX_TESTS_DRM_UAPI_H
#define KCXX_TESTS_DRM_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct drm_mode_modeinfo {
	__u32 clock;
	__u16 hdisplay, hsync_start, hsync_end, htotal, hskew;
	__u16 vdisplay, vsync_start, vsync_end, vtotal, vscan;
	__u32 vrefresh;
	__u32 flags;
	__u32 type;
	char name[32];
};

struct drm_mode_card_res {
	__u64 fb_id_ptr, crtc_id_ptr, connector_id_ptr, encoder_id_ptr;
	__u32 count_fbs, count_crtcs, count_connectors, count_encoders;
	__u32 min_width, max_width, min_height, max_height;
};

struct drm_mode_crtc {
	__u64 set_connectors_ptr;
	__u32 count_connectors;
	__u32 crtc_id, fb_id, x, y, gamma_size, mode_valid;
	struct drm_mode_modeinfo mode;
};

struct drm_mode_get_connector {
	__u64 encoders_ptr, modes_ptr, props_ptr, prop_values_ptr;
	__u32 count_modes, count_props, count_encoders;
	__u32 encoder_id, connector_id, connector_type, connector_type_id;
	__u32 connection, mm_width, mm_height, subpixel;
	__u32 pad;
};

struct drm_mode_fb_cmd2 {
	__u32 fb_id, width, height, pixel_format, flags;
	__u32 handles[4], pitches[4], offsets[4];
	__u64 modifier[4];
};

struct drm_mode_crtc_page_flip {
	__u32 crtc_id, fb_id, flags, reserved;
	__u64 user_data;
};

struct drm_mode_create_dumb {
	__u32 height, width, bpp, flags;
	__u32 handle, pitch;
	__u64 size;
};

struct drm_mode_map_dumb {
	__u32 handle, pad;
	__u64 offset;
};

struct drm_mode_destroy_dumb {
	__u32 handle;
};

#define DRM_IOCTL_BASE 'd'
#define DRM_IOCTL_SET_MASTER _IO(DRM_IOCTL_BASE, 0x1e)
#define DRM_IOCTL_MODE_GETRESOURCES _IOWR(DRM_IOCTL_BASE, 0xA0, struct drm_mode_card_res)
#define DRM_IOCTL_MODE_SETCRTC _IOWR(DRM_IOCTL_BASE, 0xA2, struct drm_mode_crtc)
#define DRM_IOCTL_MODE_GETCONNECTOR _IOWR(DRM_IOCTL_BASE, 0xA7, struct drm_mode_get_connector)
#define DRM_IOCTL_MODE_RMFB _IOWR(DRM_IOCTL_BASE, 0xAF, unsigned int)
#define DRM_IOCTL_MODE_PAGE_FLIP _IOWR(DRM_IOCTL_BASE, 0xB0, struct drm_mode_crtc_page_flip)
#define DRM_IOCTL_MODE_CREATE_DUMB _IOWR(DRM_IOCTL_BASE, 0xB2, struct drm_mode_create_dumb)
#define DRM_IOCTL_MODE_MAP_DUMB _IOWR(DRM_IOCTL_BASE, 0xB3, struct drm_mode_map_dumb)
#define DRM_IOCTL_MODE_DESTROY_DUMB _IOWR(DRM_IOCTL_BASE, 0xB4, struct drm_mode_destroy_dumb)
#define DRM_IOCTL_MODE_ADDFB2 _IOWR(DRM_IOCTL_BASE, 0xB8, struct drm_mode_fb_cmd2)

#define FOURCC(a, b, c, d) ((__u32)(a) | ((__u32)(b) << 8) | ((__u32)(c) << 16) | ((__u32)(d) << 24))
#define PAGE_FLIP_EVENT 0x01
#define PAGE_FLIP_ASYNC 0x02

/* An event read from the card (struct drm_event in drm.h). */
struct drm_event {
	__u32 type, length;
};

/* The sizes of 6.12's include/uapi/drm (the ioctl numbers encode them). */
_Static_assert(sizeof(struct drm_mode_modeinfo) == 68, "drm_mode_modeinfo");
_Static_assert(sizeof(struct drm_mode_card_res) == 64, "drm_mode_card_res");
_Static_assert(sizeof(struct drm_mode_crtc) == 104, "drm_mode_crtc");
_Static_assert(sizeof(struct drm_mode_get_connector) == 80, "drm_mode_get_connector");
_Static_assert(sizeof(struct drm_mode_fb_cmd2) == 104, "drm_mode_fb_cmd2");
_Static_assert(sizeof(struct drm_mode_crtc_page_flip) == 24, "drm_mode_crtc_page_flip");
_Static_assert(sizeof(struct drm_mode_create_dumb) == 32, "drm_mode_create_dumb");
_Static_assert(sizeof(struct drm_mode_map_dumb) == 16, "drm_mode_map_dumb");
_Static_assert(sizeof(struct drm_mode_destroy_dumb) == 4, "drm_mode_destroy_dumb");
_Static_assert(sizeof(struct drm_event) == 8, "drm_event");

#endif
