/* A PCI/ACPI-only driver (like VT-d or AMD-Vi): no DT binding, no of_xlate. */
#include <linux/iommu.h>

static struct iommu_group *pci_only_group(struct device *dev)
{
	return generic_device_group(dev);
}

/* ok: of-xlate-presence */
static const struct iommu_ops pci_only_ops = {
	.device_group	= pci_only_group,
	.pgsize_bitmap	= ~0xfffUL,
};

const struct iommu_ops *pci_only_get(void)
{
	return &pci_only_ops;
}
