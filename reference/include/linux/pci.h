/*
 * PCI, only as far as IOMMU drivers touch it.  The model has no PCI bus:
 * dev_is_pci() is always false and pci_device_group() returns -EINVAL.
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/device.h>

struct pci_bus;

struct pci_dev {
	struct pci_bus *bus;
	unsigned int devfn;
	u16 vendor;
	u16 device;
	struct device dev;
};

#define to_pci_dev(n) container_of(n, struct pci_dev, dev)

extern const struct bus_type pci_bus_type;

static inline bool dev_is_pci(struct device *dev)
{
	(void)dev;
	return false;
}

static inline u16 pci_dev_id(struct pci_dev *dev)
{
	return (u16)dev->devfn;
}

#endif /* _LINUX_PCI_H */
