// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for PCI drivers (kcxx_bindings/pci.h). */

void kcxx_helper_pci_driver_init(struct pci_driver *drv, const char *name,
				 const struct pci_device_id *id_table,
				 int (*probe)(struct pci_dev *dev, const struct pci_device_id *id),
				 void (*remove)(struct pci_dev *dev),
				 const struct attribute_group **dev_groups,
				 const struct dev_pm_ops *pm)
{
	drv->name = name;
	drv->driver.pm = pm;
	drv->id_table = id_table;
	drv->probe = probe;
	drv->remove = remove;
	drv->dev_groups = dev_groups;	/* __pci_register_driver() copies it */
}

unsigned long long kcxx_helper_pci_resource_len(struct pci_dev *dev, int bar)
{
	if (bar < 0 || bar >= PCI_STD_NUM_BARS)
		return 0;
	return pci_resource_len(dev, bar);
}

unsigned long kcxx_helper_pci_resource_flags(struct pci_dev *dev, int bar)
{
	if (bar < 0 || bar >= PCI_STD_NUM_BARS)
		return 0;
	return pci_resource_flags(dev, bar);
}
