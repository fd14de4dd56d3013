// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for devices and devres (kcxx_bindings/device.h). */

int kcxx_helper_devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	return devm_add_action(dev, action, data);
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
