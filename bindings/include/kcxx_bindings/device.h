/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: struct device and the dev_* log functions
 * (include/kcxx/device.h, dev_print.h).
 *
 * dev_info() and friends are macros (dev_printk_index_wrap) around the
 * exported _dev_info() ... _dev_emerg(), the same on 6.1 and 6.12; they add
 * the level themselves.  C++ calls them directly.
 */
#ifndef KCXX_BINDINGS_DEVICE_H
#define KCXX_BINDINGS_DEVICE_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(device);

/* drivers/base/core.c: exported. */
void _dev_emerg(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_alert(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_crit(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_err(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_warn(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_notice(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_info(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);

/*
 * Device references and device-managed actions (include/kcxx/devres.h):
 * get_device()/put_device() are exported; devm_add_action() is a function
 * on 6.1 and a macro around __devm_add_action() on 6.12, so it gets a
 * helper.  dev_name() is a static inline.
 */
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int kcxx_helper_devm_add_action(struct device *dev, void (*action)(void *), void *data);
const char *kcxx_helper_dev_name(const struct device *dev);
/* dev_to_node(), a static inline: the device's NUMA node, -1 for none. */
int kcxx_helper_dev_to_node(const struct device *dev);

/*
 * The end of a binding (include/kcxx/binding_lock.h): a devres entry of a
 * kind of its own that runs end(data) once, either when the bus framework
 * ends the device's binding locks (kcxx_helper_devres_end_bindings(), in
 * remove and after a failed probe, before any other devres entry is
 * released) or, failing that, in the driver core's devres release.
 * devres_alloc() is a macro; devres_add() and devres_release() are
 * exported.  -ENOMEM if the entry cannot be allocated.
 */
int kcxx_helper_devres_add_binding_end(struct device *dev, void (*end)(void *), void *data);
/* Runs and removes every binding-end entry of 'dev', newest first. */
void kcxx_helper_devres_end_bindings(struct device *dev);

/*
 * Device attributes in sysfs (include/kcxx/device_attribute.h): the show
 * callbacks write with scnprintf() (lib/vsprintf.c, exported).
 */
KCXX_OPAQUE_STRUCT(device_attribute);
KCXX_OPAQUE_STRUCT(attribute_group);
KCXX_OPAQUE_STRUCT(attribute);
/*
 * Fills in a device attribute in kmalloc'ed storage (sysfs_attr_init() for
 * lockdep, name, mode, show) and returns its struct attribute.
 */
struct attribute *kcxx_helper_device_attribute_init(struct device_attribute *attr, const char *name,
						   unsigned short mode,
						   long (*show)(struct device *dev,
								struct device_attribute *attr,
								char *buf));
/* Fills in a zeroed attribute group: its NULL-terminated attributes. */
void kcxx_helper_attribute_group_init(struct attribute_group *group, struct attribute **attrs);
int scnprintf(char *buf, kcxx_size_t size, const char *fmt, ...) KCXX_PRINTF(3, 4);

/*
 * Power management (include/linux/pm.h): a driver's system sleep callbacks
 * in C++-owned storage of the C size (bindings/layout.c).
 */
KCXX_OPAQUE_STRUCT(dev_pm_ops);
/*
 * Fills in a zeroed struct dev_pm_ops as SET_SYSTEM_SLEEP_PM_OPS(suspend,
 * resume) does: suspend also serves freeze and poweroff, resume also thaw
 * and restore (hibernation).
 */
void kcxx_helper_dev_pm_ops_init_sleep(struct dev_pm_ops *ops, int (*suspend)(struct device *dev),
				       int (*resume)(struct device *dev));

/*
 * Device classes and their devices (include/kcxx/device_class.h).  6.1's
 * class_create() is a macro taking the module (and a lockdep key),
 * 6.12's a function of the name alone; class_destroy() and
 * device_create_with_groups() take a const struct class * on 6.12 only:
 * helpers for all three.  kcxx_helper_class_create() returns the class
 * or an ERR_PTR; the name is copied by the driver core (kobject name).
 * 'class' is a C++ keyword: C++ sees the class as struct kcxx_class, a
 * tag no kernel type has, which the helpers convert.
 */
KCXX_OPAQUE_STRUCT(kcxx_class);
struct kcxx_class *kcxx_helper_class_create(const char *name);
void kcxx_helper_class_destroy(struct kcxx_class *cls);
/*
 * Whether /sys/class/<name> exists: a class of that name is registered
 * (kern_path() in the caller's mount namespace, where sysfs is /sys).
 * Registering a second one would fail with a sysfs duplicate warning and
 * a stack dump: this lets a caller ask first.
 */
bool kcxx_helper_class_name_taken(const char *name);
/*
 * device_create_with_groups(cls, parent, 0, drvdata, groups, "%s", name):
 * a device of the class without a dev_t (no /dev node), with 'groups' as
 * its attributes (they appear with the device, before the uevent).  The
 * device or an ERR_PTR; device_unregister() removes it.
 */
struct device *kcxx_helper_device_create(struct kcxx_class *cls, struct device *parent, void *drvdata,
					 const struct attribute_group **groups, const char *name);
void device_unregister(struct device *dev);
/*
 * sysfs_create_link()/sysfs_remove_link() on the devices' kobjects: a
 * link 'name' in dev's directory to target's.  0 or -errno.
 */
int kcxx_helper_device_create_link(struct device *dev, struct device *target, const char *name);
void kcxx_helper_device_remove_link(struct device *dev, const char *name);

/* Capabilities (include/linux/capability.h): capable() is exported. */
bool capable(int cap);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_DEVICE_H */
