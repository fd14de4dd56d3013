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

int kcxx_helper_dev_to_node(const struct device *dev)
{
	return dev_to_node((struct device *)dev);
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

struct kcxx_class *kcxx_helper_class_create(const char *name)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	return (struct kcxx_class *)class_create(name);
#else
	return (struct kcxx_class *)class_create(THIS_MODULE, name);
#endif
}

void kcxx_helper_class_destroy(struct kcxx_class *cls)
{
	class_destroy((struct class *)cls);
}

bool kcxx_helper_class_name_taken(const char *name)
{
	struct path path;
	char *sys_path = kasprintf(GFP_KERNEL, "/sys/class/%s", name);
	int err;

	/* Without memory to ask, say taken: the caller registers nothing. */
	if (!sys_path)
		return true;
	err = kern_path(sys_path, LOOKUP_FOLLOW, &path);
	kfree(sys_path);
	if (err)
		return false;
	path_put(&path);
	return true;
}

struct device *kcxx_helper_device_create(struct kcxx_class *cls, struct device *parent, void *drvdata,
					 const struct attribute_group **groups, const char *name)
{
	return device_create_with_groups((struct class *)cls, parent, 0, drvdata, groups, "%s", name);
}

int kcxx_helper_device_create_link(struct device *dev, struct device *target, const char *name)
{
	return sysfs_create_link(&dev->kobj, &target->kobj, name);
}

void kcxx_helper_device_remove_link(struct device *dev, const char *name)
{
	/* A deleted kobject has no directory: sysfs would look in its root. */
	if (dev->kobj.state_in_sysfs)
		sysfs_remove_link(&dev->kobj, name);
}

/* include/kcxx/capability.h's numbers. */
static_assert(CAP_SYS_ADMIN == 21);
