// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for devices and devres (kcxx_bindings/device.h). */

int kcxx_helper_devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	return devm_add_action(dev, action, data);
}

struct kcxx_binding_end {
	void (*end)(void *);
	void *data;
};

/* The release function is what marks an entry as a binding end. */
static void kcxx_binding_end_release(struct device *dev, void *res)
{
	struct kcxx_binding_end *entry = res;

	entry->end(entry->data);
}

int kcxx_helper_devres_add_binding_end(struct device *dev, void (*end)(void *), void *data)
{
	struct kcxx_binding_end *entry =
		devres_alloc(kcxx_binding_end_release, sizeof(*entry), GFP_KERNEL);

	if (!entry)
		return -ENOMEM;
	entry->end = end;
	entry->data = data;
	devres_add(dev, entry);
	return 0;
}

void kcxx_helper_devres_end_bindings(struct device *dev)
{
	/* devres_release() removes the entry, then runs it unlocked. */
	while (devres_release(dev, kcxx_binding_end_release, NULL, NULL) == 0)
		;
}

const char *kcxx_helper_dev_name(const struct device *dev)
{
	return dev_name(dev);
}

struct attribute *kcxx_helper_device_attribute_init(struct device_attribute *attr, const char *name,
						   unsigned short mode,
						   long (*show)(struct device *dev,
								struct device_attribute *attr,
								char *buf))
{
	sysfs_attr_init(&attr->attr);
	attr->attr.name = name;
	attr->attr.mode = mode;
	attr->show = show;
	return &attr->attr;
}

void kcxx_helper_dev_pm_ops_init_sleep(struct dev_pm_ops *ops, int (*suspend)(struct device *dev),
				       int (*resume)(struct device *dev))
{
	ops->suspend = suspend;
	ops->resume = resume;
	ops->freeze = suspend;
	ops->thaw = resume;
	ops->poweroff = suspend;
	ops->restore = resume;
}

void kcxx_helper_attribute_group_init(struct attribute_group *group, struct attribute **attrs)
{
	group->attrs = attrs;
}
