/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: DRM/KMS (include/drm/), for include/kcxx/drm/.
 *
 * DRM is a set of modules on Debian's kernels (drm, drm_kms_helper,
 * drm_vram_helper, drm_ttm_helper), and bindings/helpers.c is linked into
 * every kcxx module: so the helpers declared here are compiled only into
 * the modules whose Kbuild asks for them (kcxx-helpers := drm, which
 * defines KCXX_HELPERS_drm for C and C++), and only those import from DRM.
 * The declarations below are checked against the kernel's prototypes in
 * exactly those modules (bindings/helpers/drm.c).
 *
 * The helpers build a whole "simple KMS" device in C, with the kernel's
 * own macros and helpers: a struct drm_driver for VRAM GEM objects
 * (DRM_GEM_VRAM_DRIVER, DEFINE_DRM_GEM_FOPS: dumb buffers in the device's
 * video memory, mmap), one per module; per device, in drm-managed memory,
 * a connector and a simple display pipe (plane, CRTC, encoder) whose
 * callbacks call the C++ driver through struct kcxx_drm_kms_ops with the
 * driver's data and plain values (mode, plane state): C++ never sees a
 * DRM struct's layout.  The kernels differ in what C does, not in what
 * C++ sees:
 *
 *  - EDID: 6.1 reads it with drm_do_get_edid() into a struct edid (kfree),
 *    updates the connector with drm_connector_update_edid_property() and
 *    adds its modes with drm_add_edid_modes(); 6.12 reads a struct drm_edid
 *    with drm_edid_read_custom() (drm_edid_free), drm_edid_connector_update()
 *    and drm_edid_connector_add_modes() (6.3).  As bochs.ko on each.
 *  - fbdev emulation: drm_fbdev_generic_setup() (6.1), drm_fbdev_ttm_setup()
 *    (6.11) for the same TTM-based VRAM objects.
 *  - DRM_GEM_VRAM_DRIVER also sets gem_prime_mmap on 6.1 (gone in 6.6).
 */
#ifndef KCXX_BINDINGS_DRM_H
#define KCXX_BINDINGS_DRM_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(drm_device);
KCXX_OPAQUE_STRUCT(drm_connector);
KCXX_OPAQUE_STRUCT(pci_dev);

/* include/uapi/drm/drm_mode.h, drm_fourcc.h (checked in helpers/drm.c). */
#define KCXX_DRM_MODE_CONNECTOR_VIRTUAL 15
#define KCXX_DRM_FORMAT_XRGB8888 0x34325258u /* 'X' 'R' '2' '4' */
#define KCXX_DRM_FORMAT_BGRX8888 0x34325842u /* 'B' 'X' '2' '4' */

/* The driver description: struct drm_driver's name, desc, date, version. */
struct kcxx_drm_driver_info {
	const char *name;
	const char *desc;
	const char *date;
	int major;
	int minor;
	int patchlevel;
};

/* The CRTC's mode (struct drm_display_mode), as the pipe's enable sees it. */
struct kcxx_drm_mode {
	int hdisplay;
	int vdisplay;
	int clock;   /* kHz */
	int vrefresh; /* Hz, drm_mode_vrefresh() */
};

/*
 * The primary plane's state: its framebuffer (has_fb 0: none), the first
 * colour plane's format (fourcc), pitch and offset, the position on the
 * CRTC, and the VRAM offset of the framebuffer's GEM object (pinned by
 * prepare_fb; negative if it is not in VRAM).
 */
struct kcxx_drm_plane_info {
	int has_fb;
	unsigned int format;
	unsigned int pitch;
	unsigned int offset;
	unsigned int width;
	unsigned int height;
	int crtc_x;
	int crtc_y;
	long long vram_offset;
};

/*
 * The driver's callbacks; data is what kcxx_helper_drm_data_set() was
 * given.  get_modes: the connector's modes (count); enable/disable/update:
 * the simple display pipe's; read_edid_block (NULL: no EDID): block
 * 'block' of the EDID, len bytes, 0 or a negative errno.
 */
struct kcxx_drm_kms_ops {
	int (*get_modes)(void *data, struct drm_connector *connector);
	void (*enable)(void *data, const struct kcxx_drm_mode *mode,
		       const struct kcxx_drm_plane_info *plane);
	void (*disable)(void *data);
	void (*update)(void *data, const struct kcxx_drm_plane_info *plane);
	int (*read_edid_block)(void *data, unsigned char *buf, unsigned int block,
			       kcxx_size_t len);
};

/* The mode configuration and the pipe's formats. */
struct kcxx_drm_kms_config {
	unsigned int min_width;
	unsigned int min_height;
	unsigned int max_width;
	unsigned int max_height;
	unsigned int preferred_depth;
	int prefer_host_byte_order;
	int connector_type;
	const unsigned int *formats;
	unsigned int format_count;
};

/*
 * Removes firmware framebuffers on the PCI device's BARs, allocates a
 * drm_device for it with the module's struct drm_driver (filled in from
 * info on first use) and its drm-managed KMS state; 0 and *out, or a
 * negative errno.  drm_dev_put() releases it.
 */
int kcxx_helper_drm_dev_alloc(struct pci_dev *pdev, const struct kcxx_drm_driver_info *info,
			      const struct kcxx_drm_kms_ops *ops, struct drm_device **out);

/*
 * Video memory for GEM VRAM objects: BAR 'bar' of pdev (a memory BAR of at
 * least min_size bytes; the first max_size bytes if larger), requested for
 * the device (a warning if a firmware framebuffer still holds it) and
 * handed to drmm_vram_helper_init(); its base and size in *base, *size.
 */
int kcxx_helper_drm_vram_init_pci(struct drm_device *dev, struct pci_dev *pdev, int bar,
				  unsigned long long min_size, unsigned long long max_size,
				  unsigned long long *base, unsigned long long *size);

/*
 * The driver's data: 'size' bytes of zeroed drm-managed memory (8-byte
 * aligned), freed when the drm_device is released; NULL if out of memory.
 * kcxx_helper_drm_data_set() makes it the callbacks' data and destroy() its
 * destructor, run when the drm_device is released (after the mode
 * configuration is cleaned up) - or at once if that cannot be arranged
 * (the error is returned).
 */
void *kcxx_helper_drm_data_alloc(struct drm_device *dev, kcxx_size_t size);
int kcxx_helper_drm_data_set(struct drm_device *dev, void *data, void (*destroy)(void *data));

/*
 * The mode configuration (drmm_mode_config_init(), limits, atomic helpers,
 * drm_gem_fb_create, drm_vram_helper_mode_valid), the connector (with its
 * EDID if read_edid_block finds a valid header), the simple display pipe
 * on it (VRAM prepare_fb/cleanup_fb), drm_mode_config_reset().
 */
int kcxx_helper_drm_kms_init(struct drm_device *dev, const struct kcxx_drm_kms_config *cfg);

/* fbdev emulation on the registered device (see the top of this file). */
void kcxx_helper_drm_fbdev_setup(struct drm_device *dev, unsigned int preferred_bpp);

/* drm_dev_unplug() (ioctls fail with -ENODEV), drm_atomic_helper_shutdown(). */
void kcxx_helper_drm_dev_unplug(struct drm_device *dev);

/* The connector's modes from its EDID (0 without one). */
int kcxx_helper_drm_connector_add_edid_modes(struct drm_connector *connector);

/*
 * drm_firmware_drivers_only(): nonzero if the kernel was booted with
 * nomodeset (only firmware framebuffer drivers may drive displays): an
 * exported function on 6.1, an inline of video_firmware_drivers_only() on
 * 6.12.
 */
int kcxx_helper_drm_firmware_drivers_only(void);

/* drivers/gpu/drm/drm_drv.c, exported (drm). */
int drm_dev_register(struct drm_device *dev, unsigned long flags);
void drm_dev_put(struct drm_device *dev);

/* drivers/gpu/drm/drm_edid.c, drm_modes.c, exported (drm). */
int drm_add_modes_noedid(struct drm_connector *connector, int hdisplay, int vdisplay);
void drm_set_preferred_mode(struct drm_connector *connector, int hpref, int vpref);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_DRM_H */
