/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: platform and AMBA drivers, memory resources
 * (include/linux/platform_device.h, include/linux/amba/bus.h,
 * include/linux/ioport.h), for include/kcxx/platform/, include/kcxx/amba/,
 * include/kcxx/io/mem.h and include/kcxx/io/port.h.
 *
 * struct platform_driver and struct amba_driver embed a struct
 * device_driver that C++ does not mirror: C++ owns storage of their size
 * (bindings/layout.c) and a helper fills it in.  The match tables (struct
 * of_device_id, acpi_device_id, platform_device_id, amba_id) are mirrored
 * field by field in C++, since modpost reads them from the object file.
 *
 * The AMBA bus exists where CONFIG_ARM_AMBA is set (arm64); elsewhere
 * include/linux/amba/bus.h makes registration a static inline that answers
 * -EINVAL, and the helpers below do the same.
 */
#ifndef KCXX_BINDINGS_PLATFORM_H
#define KCXX_BINDINGS_PLATFORM_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(platform_device);
KCXX_OPAQUE_STRUCT(platform_driver);
KCXX_OPAQUE_STRUCT(platform_device_id);
KCXX_OPAQUE_STRUCT(of_device_id);
KCXX_OPAQUE_STRUCT(acpi_device_id);
KCXX_OPAQUE_STRUCT(resource);
KCXX_OPAQUE_STRUCT(amba_device);
KCXX_OPAQUE_STRUCT(amba_driver);
KCXX_OPAQUE_STRUCT(amba_id);

/* drivers/base/platform.c, exported. */
int __platform_driver_register(struct platform_driver *drv, struct module *owner);
void platform_driver_unregister(struct platform_driver *drv);
struct resource *platform_get_resource(struct platform_device *dev, unsigned int type, unsigned int num);
int platform_get_irq_optional(struct platform_device *dev, unsigned int num);
void platform_device_unregister(struct platform_device *pdev);

/*
 * platform_driver.remove returns int before 6.11, void from 6.11 on (the
 * helper sets the one the kernel has).
 */
#if KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 11, 0)
typedef void kcxx_platform_remove_t;
#else
typedef int kcxx_platform_remove_t;
#endif

/*
 * Fills in a zeroed struct platform_driver: name, the three match tables
 * (each may be NULL), probe, remove, dev_groups.
 */
void kcxx_helper_platform_driver_init(struct platform_driver *drv, const char *name,
				      const struct of_device_id *of_table,
				      const struct acpi_device_id *acpi_table,
				      const struct platform_device_id *id_table,
				      int (*probe)(struct platform_device *pdev),
				      kcxx_platform_remove_t (*remove)(struct platform_device *pdev),
				      const struct attribute_group **dev_groups);
/*
 * The entry of each table that matched the device, or NULL: of_match_device(),
 * acpi_match_device(), platform_get_device_id().
 */
const struct of_device_id *kcxx_helper_platform_of_match(struct platform_device *pdev,
							  const struct of_device_id *table);
const struct acpi_device_id *kcxx_helper_platform_acpi_match(struct platform_device *pdev,
							      const struct acpi_device_id *table);
const struct platform_device_id *kcxx_helper_platform_id_match(struct platform_device *pdev);

/*
 * platform_device_register_simple(name, id, res, nres) with nres resources
 * described by start/size/flags arrays; an ERR_PTR on failure.
 */
struct platform_device *kcxx_helper_platform_device_register(const char *name, int id,
							     const unsigned long long *start,
							     const unsigned long long *size,
							     const unsigned long *flags,
							     unsigned int nres);

/* struct resource: resource_size() and the fields. */
unsigned long long kcxx_helper_resource_start(const struct resource *res);
unsigned long long kcxx_helper_resource_size(const struct resource *res);
unsigned long kcxx_helper_resource_flags(const struct resource *res);

/*
 * request_mem_region() and release_mem_region() (macros), ioremap() and
 * iounmap() (macros or functions, by architecture).
 */
bool kcxx_helper_request_mem_region(unsigned long long start, unsigned long long size, const char *name);
void kcxx_helper_release_mem_region(unsigned long long start, unsigned long long size);
void *kcxx_helper_ioremap(unsigned long long start, unsigned long long size);
void kcxx_helper_iounmap(void *addr);

/*
 * I/O ports (include/kcxx/io/port.h): request_region() and
 * release_region() (macros), ioport_map() and ioport_unmap() (NULL and
 * nothing without CONFIG_HAS_IOPORT_MAP), and ioread8/16/32() and
 * iowrite8/16/32() on the cookie ioport_map() returned (functions or
 * static inlines, by architecture: inb() and outb() on x86, readb() and
 * writeb() at PCI_IOBASE elsewhere).
 */
bool kcxx_helper_request_region(unsigned long long start, unsigned long long size, const char *name);
void kcxx_helper_release_region(unsigned long long start, unsigned long long size);
void *kcxx_helper_ioport_map(unsigned long long start, unsigned long long size);
void kcxx_helper_ioport_unmap(void *cookie);
unsigned char kcxx_helper_ioread8(const void *addr);
unsigned short kcxx_helper_ioread16(const void *addr);
unsigned int kcxx_helper_ioread32(const void *addr);
void kcxx_helper_iowrite8(unsigned char value, void *addr);
void kcxx_helper_iowrite16(unsigned short value, void *addr);
void kcxx_helper_iowrite32(unsigned int value, void *addr);

/*
 * AMBA: __amba_driver_register() (-EINVAL without CONFIG_ARM_AMBA), its
 * unregistration, and a zeroed struct amba_driver filled in.
 */
void kcxx_helper_amba_driver_init(struct amba_driver *drv, const char *name, const struct amba_id *table,
				  int (*probe)(struct amba_device *adev, const struct amba_id *id),
				  void (*remove)(struct amba_device *adev),
				  const struct attribute_group **dev_groups);
int kcxx_helper_amba_driver_register(struct amba_driver *drv, struct module *owner);
void kcxx_helper_amba_driver_unregister(struct amba_driver *drv);
/* adev->res, adev->irq[index] (0: none, or an index out of range), adev->periphid. */
struct resource *kcxx_helper_amba_resource(struct amba_device *adev);
unsigned int kcxx_helper_amba_irq(struct amba_device *adev, unsigned int index);
unsigned int kcxx_helper_amba_periphid(struct amba_device *adev);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_PLATFORM_H */
