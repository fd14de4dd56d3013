// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for platform and AMBA drivers (kcxx_bindings/platform.h). */

void kcxx_helper_platform_driver_init(struct platform_driver *drv, const char *name,
				      const struct of_device_id *of_table,
				      const struct acpi_device_id *acpi_table,
				      const struct platform_device_id *id_table,
				      int (*probe)(struct platform_device *pdev),
				      kcxx_platform_remove_t (*remove)(struct platform_device *pdev),
				      const struct attribute_group **dev_groups)
{
	drv->driver.name = name;
	drv->driver.of_match_table = of_table;
	drv->driver.acpi_match_table = acpi_table;
	drv->driver.dev_groups = dev_groups;
	drv->id_table = id_table;
	drv->probe = probe;
	drv->remove = remove;
}

const struct of_device_id *kcxx_helper_platform_of_match(struct platform_device *pdev,
							  const struct of_device_id *table)
{
	return table ? of_match_device(table, &pdev->dev) : NULL;
}

const struct acpi_device_id *kcxx_helper_platform_acpi_match(struct platform_device *pdev,
							      const struct acpi_device_id *table)
{
	return table ? acpi_match_device(table, &pdev->dev) : NULL;
}

const struct platform_device_id *kcxx_helper_platform_id_match(struct platform_device *pdev)
{
	return platform_get_device_id(pdev);
}

struct platform_device *kcxx_helper_platform_device_register(const char *name, int id,
							     const unsigned long long *start,
							     const unsigned long long *size,
							     const unsigned long *flags,
							     unsigned int nres)
{
	struct platform_device *pdev;
	struct resource *res;
	unsigned int i;

	if (nres > 16)
		return ERR_PTR(-EINVAL);
	res = kcalloc(nres ? nres : 1, sizeof(*res), GFP_KERNEL);
	if (!res)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < nres; i++) {
		res[i].start = start[i];
		res[i].end = start[i] + size[i] - 1;
		res[i].flags = flags[i];
	}
	/* Copies the resources. */
	pdev = platform_device_register_simple(name, id, res, nres);
	kfree(res);
	return pdev;
}

unsigned long long kcxx_helper_resource_start(const struct resource *res)
{
	return res->start;
}

unsigned long long kcxx_helper_resource_size(const struct resource *res)
{
	return resource_size(res);
}

unsigned long kcxx_helper_resource_flags(const struct resource *res)
{
	return res->flags;
}

bool kcxx_helper_request_mem_region(unsigned long long start, unsigned long long size, const char *name)
{
	return request_mem_region(start, size, name) != NULL;
}

void kcxx_helper_release_mem_region(unsigned long long start, unsigned long long size)
{
	release_mem_region(start, size);
}

void *kcxx_helper_ioremap(unsigned long long start, unsigned long long size)
{
	return (void __force *)ioremap(start, size);
}

void kcxx_helper_iounmap(void *addr)
{
	iounmap((void __iomem __force *)addr);
}

bool kcxx_helper_request_region(unsigned long long start, unsigned long long size, const char *name)
{
	return request_region(start, size, name) != NULL;
}

void kcxx_helper_release_region(unsigned long long start, unsigned long long size)
{
	release_region(start, size);
}

void *kcxx_helper_ioport_map(unsigned long long start, unsigned long long size)
{
#ifdef CONFIG_HAS_IOPORT_MAP
	return (void __force *)ioport_map(start, size);
#else
	return NULL;
#endif
}

void kcxx_helper_ioport_unmap(void *cookie)
{
#ifdef CONFIG_HAS_IOPORT_MAP
	ioport_unmap((void __iomem __force *)cookie);
#endif
}

unsigned char kcxx_helper_ioread8(const void *addr)
{
	return ioread8((const void __iomem __force *)addr);
}

unsigned short kcxx_helper_ioread16(const void *addr)
{
	return ioread16((const void __iomem __force *)addr);
}

unsigned int kcxx_helper_ioread32(const void *addr)
{
	return ioread32((const void __iomem __force *)addr);
}

void kcxx_helper_iowrite8(unsigned char value, void *addr)
{
	iowrite8(value, (void __iomem __force *)addr);
}

void kcxx_helper_iowrite16(unsigned short value, void *addr)
{
	iowrite16(value, (void __iomem __force *)addr);
}

void kcxx_helper_iowrite32(unsigned int value, void *addr)
{
	iowrite32(value, (void __iomem __force *)addr);
}

void kcxx_helper_amba_driver_init(struct amba_driver *drv, const char *name, const struct amba_id *table,
				  int (*probe)(struct amba_device *adev, const struct amba_id *id),
				  void (*remove)(struct amba_device *adev),
				  const struct attribute_group **dev_groups)
{
	drv->drv.name = name;
	drv->drv.dev_groups = dev_groups;
	drv->id_table = table;
	drv->probe = probe;
	drv->remove = remove;
}

int kcxx_helper_amba_driver_register(struct amba_driver *drv, struct module *owner)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	return __amba_driver_register(drv, owner);
#else
	/* 6.1 sets no owner (amba_driver_register() takes the driver only). */
	return amba_driver_register(drv);
#endif
}

void kcxx_helper_amba_driver_unregister(struct amba_driver *drv)
{
	amba_driver_unregister(drv);
}

struct resource *kcxx_helper_amba_resource(struct amba_device *adev)
{
	return &adev->res;
}

unsigned int kcxx_helper_amba_irq(struct amba_device *adev, unsigned int index)
{
	return index < AMBA_NR_IRQS ? adev->irq[index] : 0;
}

unsigned int kcxx_helper_amba_periphid(struct amba_device *adev)
{
	return adev->periphid;
}
