// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx bindings: a simple KMS device on GEM VRAM objects, for
 * include/kcxx/drm/ (kcxx_bindings/drm.h).  Compiled only into the modules
 * that set kcxx-helpers := drm: the static structs here are per module.
 */

_Static_assert(KCXX_DRM_MODE_CONNECTOR_VIRTUAL == DRM_MODE_CONNECTOR_VIRTUAL,
	       "DRM_MODE_CONNECTOR_VIRTUAL");
_Static_assert(KCXX_DRM_FORMAT_XRGB8888 == DRM_FORMAT_XRGB8888, "DRM_FORMAT_XRGB8888");
_Static_assert(KCXX_DRM_FORMAT_BGRX8888 == DRM_FORMAT_BGRX8888, "DRM_FORMAT_BGRX8888");

/* Per device, in drm-managed memory: dev->dev_private. */
struct kcxx_drm_kms {
	struct drm_connector connector;
	struct drm_simple_display_pipe pipe;
	const struct kcxx_drm_kms_ops *ops;
	void *data;
	void (*data_destroy)(void *data);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	const struct drm_edid *edid;
#else
	struct edid *edid;
#endif
};

static struct kcxx_drm_kms *kcxx_drm_kms_of(struct drm_device *dev)
{
	return dev->dev_private;
}

static int kcxx_drm_get_modes(struct drm_connector *connector)
{
	struct kcxx_drm_kms *kms = container_of(connector, struct kcxx_drm_kms, connector);

	return kms->ops->get_modes(kms->data, connector);
}

static void kcxx_drm_fill_plane_info(const struct drm_plane_state *state,
				     struct kcxx_drm_plane_info *info)
{
	const struct drm_framebuffer *fb = state->fb;

	memset(info, 0, sizeof(*info));
	if (!fb)
		return;
	info->has_fb = 1;
	info->format = fb->format->format;
	info->pitch = fb->pitches[0];
	info->offset = fb->offsets[0];
	info->width = fb->width;
	info->height = fb->height;
	info->crtc_x = state->crtc_x;
	info->crtc_y = state->crtc_y;
	info->vram_offset = drm_gem_vram_offset(drm_gem_vram_of_gem(fb->obj[0]));
}

static void kcxx_drm_pipe_enable(struct drm_simple_display_pipe *pipe,
				 struct drm_crtc_state *crtc_state,
				 struct drm_plane_state *plane_state)
{
	struct kcxx_drm_kms *kms = container_of(pipe, struct kcxx_drm_kms, pipe);
	struct kcxx_drm_mode mode = {
		.hdisplay = crtc_state->mode.hdisplay,
		.vdisplay = crtc_state->mode.vdisplay,
		.clock = crtc_state->mode.clock,
		.vrefresh = drm_mode_vrefresh(&crtc_state->mode),
	};
	struct kcxx_drm_plane_info plane;

	kcxx_drm_fill_plane_info(plane_state, &plane);
	kms->ops->enable(kms->data, &mode, &plane);
}

static void kcxx_drm_pipe_disable(struct drm_simple_display_pipe *pipe)
{
	struct kcxx_drm_kms *kms = container_of(pipe, struct kcxx_drm_kms, pipe);

	kms->ops->disable(kms->data);
}

static void kcxx_drm_pipe_update(struct drm_simple_display_pipe *pipe,
				 struct drm_plane_state *old_state)
{
	struct kcxx_drm_kms *kms = container_of(pipe, struct kcxx_drm_kms, pipe);
	struct kcxx_drm_plane_info plane;

	kcxx_drm_fill_plane_info(pipe->plane.state, &plane);
	kms->ops->update(kms->data, &plane);
}

DEFINE_DRM_GEM_FOPS(kcxx_drm_fops);

/* Named on first use (kcxx_drm_driver_get()); one DRM driver per module. */
static struct drm_driver kcxx_drm_driver = {
	.driver_features = DRIVER_GEM | DRIVER_MODESET | DRIVER_ATOMIC,
	.fops = &kcxx_drm_fops,
	DRM_GEM_VRAM_DRIVER,
};
static DEFINE_MUTEX(kcxx_drm_driver_lock);

static const struct drm_mode_config_funcs kcxx_drm_mode_config_funcs = {
	.fb_create = drm_gem_fb_create,
	.mode_valid = drm_vram_helper_mode_valid,
	.atomic_check = drm_atomic_helper_check,
	.atomic_commit = drm_atomic_helper_commit,
};

static const struct drm_connector_helper_funcs kcxx_drm_connector_helper_funcs = {
	.get_modes = kcxx_drm_get_modes,
};

static const struct drm_connector_funcs kcxx_drm_connector_funcs = {
	.fill_modes = drm_helper_probe_single_connector_modes,
	.destroy = drm_connector_cleanup,
	.reset = drm_atomic_helper_connector_reset,
	.atomic_duplicate_state = drm_atomic_helper_connector_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_connector_destroy_state,
};

static const struct drm_simple_display_pipe_funcs kcxx_drm_pipe_funcs = {
	.enable = kcxx_drm_pipe_enable,
	.disable = kcxx_drm_pipe_disable,
	.update = kcxx_drm_pipe_update,
	.prepare_fb = drm_gem_vram_simple_display_pipe_prepare_fb,
	.cleanup_fb = drm_gem_vram_simple_display_pipe_cleanup_fb,
};

static const struct drm_driver *kcxx_drm_driver_get(const struct kcxx_drm_driver_info *info)
{
	mutex_lock(&kcxx_drm_driver_lock);
	if (!kcxx_drm_driver.name) {
		/* char * in struct drm_driver; DRM only reads them. */
		kcxx_drm_driver.desc = (char *)info->desc;
		kcxx_drm_driver.date = (char *)info->date;
		kcxx_drm_driver.major = info->major;
		kcxx_drm_driver.minor = info->minor;
		kcxx_drm_driver.patchlevel = info->patchlevel;
		kcxx_drm_driver.name = (char *)info->name;
	}
	mutex_unlock(&kcxx_drm_driver_lock);
	return &kcxx_drm_driver;
}

static void kcxx_drm_kms_release(struct drm_device *dev, void *res)
{
	struct kcxx_drm_kms *kms = res;

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	drm_edid_free(kms->edid);
#else
	kfree(kms->edid);
#endif
	kms->edid = NULL;
}

int kcxx_helper_drm_dev_alloc(struct pci_dev *pdev, const struct kcxx_drm_driver_info *info,
			      const struct kcxx_drm_kms_ops *ops, struct drm_device **out)
{
	const struct drm_driver *driver = kcxx_drm_driver_get(info);
	struct kcxx_drm_kms *kms;
	struct drm_device *dev;
	int ret;

	ret = drm_aperture_remove_conflicting_pci_framebuffers(pdev, driver);
	if (ret)
		return ret;

	dev = drm_dev_alloc(driver, &pdev->dev);
	if (IS_ERR(dev))
		return PTR_ERR(dev);

	kms = drmm_kzalloc(dev, sizeof(*kms), GFP_KERNEL);
	if (!kms) {
		drm_dev_put(dev);
		return -ENOMEM;
	}
	kms->ops = ops;
	dev->dev_private = kms;
	/* Registered before the mode config: runs after its cleanup. */
	ret = drmm_add_action_or_reset(dev, kcxx_drm_kms_release, kms);
	if (ret) {
		drm_dev_put(dev);
		return ret;
	}
	*out = dev;
	return 0;
}

int kcxx_helper_drm_vram_init_pci(struct drm_device *dev, struct pci_dev *pdev, int bar,
				  unsigned long long min_size, unsigned long long max_size,
				  unsigned long long *base, unsigned long long *size)
{
	resource_size_t start, len;
	int ret;

	if (bar < 0 || bar >= PCI_STD_NUM_BARS ||
	    !(pci_resource_flags(pdev, bar) & IORESOURCE_MEM))
		return -ENODEV;
	start = pci_resource_start(pdev, bar);
	len = pci_resource_len(pdev, bar);
	if (!start)
		return -ENODEV;
	if (len < min_size)
		return -ENOMEM;
	if (max_size && len > max_size)
		len = max_size;

	if (!devm_request_mem_region(&pdev->dev, start, len, dev->driver->name))
		drm_warn(dev, "Cannot request framebuffer, boot fb still active?\n");

	ret = drmm_vram_helper_init(dev, start, len);
	if (ret)
		return ret;
	*base = start;
	*size = len;
	return 0;
}

static void kcxx_drm_data_release(struct drm_device *dev, void *data)
{
	kcxx_drm_kms_of(dev)->data_destroy(data);
}

void *kcxx_helper_drm_data_alloc(struct drm_device *dev, size_t size)
{
	return drmm_kzalloc(dev, size, GFP_KERNEL);
}

int kcxx_helper_drm_data_set(struct drm_device *dev, void *data, void (*destroy)(void *data))
{
	struct kcxx_drm_kms *kms = kcxx_drm_kms_of(dev);
	int ret;

	kms->data_destroy = destroy;
	/* On failure this destroys the data at once. */
	ret = drmm_add_action_or_reset(dev, kcxx_drm_data_release, data);
	if (ret)
		return ret;
	kms->data = data;
	return 0;
}

static void kcxx_drm_load_edid(struct drm_device *dev, struct kcxx_drm_kms *kms)
{
	u8 header[8];

	/* Check the header: is EDID enabled on the device at all? */
	if (kms->ops->read_edid_block(kms->data, header, 0, sizeof(header)))
		return;
	if (drm_edid_header_is_valid(header) != 8)
		return;

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	kms->edid = drm_edid_read_custom(&kms->connector, kms->ops->read_edid_block, kms->data);
	if (!kms->edid)
		return;
	drm_info(dev, "Found EDID data blob.\n");
	drm_connector_attach_edid_property(&kms->connector);
	drm_edid_connector_update(&kms->connector, kms->edid);
#else
	kms->edid = drm_do_get_edid(&kms->connector, kms->ops->read_edid_block, kms->data);
	if (!kms->edid)
		return;
	drm_info(dev, "Found EDID data blob.\n");
	drm_connector_attach_edid_property(&kms->connector);
	drm_connector_update_edid_property(&kms->connector, kms->edid);
#endif
}

int kcxx_helper_drm_kms_init(struct drm_device *dev, const struct kcxx_drm_kms_config *cfg)
{
	struct kcxx_drm_kms *kms = kcxx_drm_kms_of(dev);
	int ret;

	ret = drmm_mode_config_init(dev);
	if (ret)
		return ret;

	dev->mode_config.min_width = cfg->min_width;
	dev->mode_config.min_height = cfg->min_height;
	dev->mode_config.max_width = cfg->max_width;
	dev->mode_config.max_height = cfg->max_height;
	dev->mode_config.preferred_depth = cfg->preferred_depth;
	dev->mode_config.prefer_shadow = 0;
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
	/*
	 * fbdev draws into a shadow buffer and blits into the GEM object only
	 * while it is mapped (as bochs.ko on 6.1; 6.11's fbdev_ttm always
	 * does): else the generic fbdev keeps the object vmapped, which pins
	 * it wherever it was made - system memory - and prepare_fb's pin to
	 * VRAM then leaves it there (drm_gem_vram_offset() WARNs).
	 */
	dev->mode_config.prefer_shadow_fbdev = 1;
#endif
	dev->mode_config.quirk_addfb_prefer_host_byte_order = !!cfg->prefer_host_byte_order;
	dev->mode_config.funcs = &kcxx_drm_mode_config_funcs;

	/* Cleaned up with the mode config (funcs->destroy). */
	ret = drm_connector_init(dev, &kms->connector, &kcxx_drm_connector_funcs,
				 cfg->connector_type);
	if (ret)
		return ret;
	drm_connector_helper_add(&kms->connector, &kcxx_drm_connector_helper_funcs);

	if (kms->ops->read_edid_block)
		kcxx_drm_load_edid(dev, kms);

	ret = drm_simple_display_pipe_init(dev, &kms->pipe, &kcxx_drm_pipe_funcs,
					   cfg->formats, cfg->format_count, NULL,
					   &kms->connector);
	if (ret)
		return ret;

	drm_mode_config_reset(dev);
	return 0;
}

void kcxx_helper_drm_fbdev_setup(struct drm_device *dev, unsigned int preferred_bpp)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	drm_fbdev_ttm_setup(dev, preferred_bpp);
#else
	drm_fbdev_generic_setup(dev, preferred_bpp);
#endif
}

void kcxx_helper_drm_dev_unplug(struct drm_device *dev)
{
	drm_dev_unplug(dev);
	drm_atomic_helper_shutdown(dev);
}

int kcxx_helper_drm_connector_add_edid_modes(struct drm_connector *connector)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	return drm_edid_connector_add_modes(connector);
#else
	struct kcxx_drm_kms *kms = container_of(connector, struct kcxx_drm_kms, connector);

	return kms->edid ? drm_add_edid_modes(connector, kms->edid) : 0;
#endif
}

int kcxx_helper_drm_firmware_drivers_only(void)
{
	return drm_firmware_drivers_only();
}
