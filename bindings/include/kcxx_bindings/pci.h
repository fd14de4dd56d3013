/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: PCI drivers (include/linux/pci.h), for include/kcxx/pci/.
 *
 * struct pci_driver embeds a struct device_driver whose layout C++ does not
 * mirror: C++ owns storage of its size (bindings/layout.c) and a helper
 * fills it in.  Registration is not a hot path.  struct pci_dev is read at
 * the offsets the C compiler computed (vendor, device, ...); to_pci_dev()
 * is container_of() at the offset of its struct device.
 *
 * struct pci_device_id is mirrored field by field in C++ (modpost reads the
 * driver's ID table from the object file, so its layout must be the
 * kernel's), checked against bindings/layout.c.
 */
#ifndef KCXX_BINDINGS_PCI_H
#define KCXX_BINDINGS_PCI_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(pci_dev);
KCXX_OPAQUE_STRUCT(pci_driver);
KCXX_OPAQUE_STRUCT(pci_device_id);
KCXX_OPAQUE_STRUCT(irq_affinity);

/* drivers/pci/pci-driver.c, exported. */
int __pci_register_driver(struct pci_driver *drv, struct module *owner, const char *mod_name);
void pci_unregister_driver(struct pci_driver *drv);

/*
 * Fills in a zeroed struct pci_driver: name, ID table, probe, remove, the
 * driver core's dev_groups (sysfs attributes created after probe and
 * removed before remove), the power management callbacks (driver.pm, or
 * NULL).
 */
void kcxx_helper_pci_driver_init(struct pci_driver *drv, const char *name,
				 const struct pci_device_id *id_table,
				 int (*probe)(struct pci_dev *dev, const struct pci_device_id *id),
				 void (*remove)(struct pci_dev *dev),
				 const struct attribute_group **dev_groups,
				 const struct dev_pm_ops *pm);

/* drivers/pci/pci.c, exported. */
int pci_enable_device(struct pci_dev *dev);
int pci_enable_device_mem(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
void pci_clear_master(struct pci_dev *dev);
int pci_request_region(struct pci_dev *pdev, int bar, const char *res_name);
void pci_release_region(struct pci_dev *pdev, int bar);

/* lib/pci_iomap.c, lib/iomap.c, exported (x86 has GENERIC_IOMAP). */
void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);
void pci_iounmap(struct pci_dev *dev, void *addr);

/*
 * A BAR's size and flags (pci_resource_len() and pci_resource_flags() are
 * macros); 0 for a BAR number out of range.
 */
unsigned long long kcxx_helper_pci_resource_len(struct pci_dev *dev, int bar);
unsigned long kcxx_helper_pci_resource_flags(struct pci_dev *dev, int bar);

/* drivers/pci/access.c, exported. */
int pci_read_config_byte(const struct pci_dev *dev, int where, unsigned char *val);
int pci_read_config_word(const struct pci_dev *dev, int where, unsigned short *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, unsigned int *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, unsigned char val);
int pci_write_config_word(const struct pci_dev *dev, int where, unsigned short val);
int pci_write_config_dword(const struct pci_dev *dev, int where, unsigned int val);

/*
 * drivers/pci/msi/api.c, exported.  pci_alloc_irq_vectors() is a static
 * inline on 6.1 and a function on 6.12: C++ calls the _affinity variant,
 * which both export.
 */
int pci_alloc_irq_vectors_affinity(struct pci_dev *dev, unsigned int min_vecs,
				   unsigned int max_vecs, unsigned int flags,
				   struct irq_affinity *affd);
void pci_free_irq_vectors(struct pci_dev *dev);
/*
 * pci_alloc_irq_vectors_affinity() with PCI_IRQ_AFFINITY: the first
 * 'pre_vectors' vectors are left alone, the others spread over the CPUs
 * (struct irq_affinity, built here).
 */
int kcxx_helper_pci_alloc_irq_vectors_spread(struct pci_dev *dev, unsigned int min_vecs,
					     unsigned int max_vecs, unsigned int flags,
					     unsigned int pre_vectors);
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_PCI_H */
