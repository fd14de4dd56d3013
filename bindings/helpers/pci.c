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

int kcxx_helper_pci_alloc_irq_vectors_spread(struct pci_dev *dev, unsigned int min_vecs,
					     unsigned int max_vecs, unsigned int flags,
					     unsigned int pre_vectors)
{
	struct irq_affinity affd = { .pre_vectors = pre_vectors };

	return pci_alloc_irq_vectors_affinity(dev, min_vecs, max_vecs, flags | PCI_IRQ_AFFINITY,
					      &affd);
}
