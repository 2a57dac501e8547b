/*
 * A PCI driver whose remove() never unregisters what probe registered.
 */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

/* the pci bus, declared here (the project's headers model the platform bus only) */
struct pci_dev {
	struct device dev;
	void *priv;
};

struct pci_driver {
	struct device_driver driver;
	int (*probe)(struct pci_dev *d);
	void (*remove)(struct pci_dev *d);
};

struct pci_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops pci_ops;

static int pci_probe(struct pci_dev *d)
{
	struct pci_smmu *smmu = kzalloc(sizeof(*smmu), GFP_KERNEL);
	int ret;

	if (!smmu)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&smmu->iommu, &d->dev, NULL, "pci");
	if (ret)
		goto out_free;
	ret = iommu_device_register(&smmu->iommu, &pci_ops, &d->dev);
	if (ret)
		goto out_sysfs;
	d->priv = smmu;
	return 0;

out_sysfs:
	iommu_device_sysfs_remove(&smmu->iommu);
out_free:
	kfree(smmu);
	return ret;
}

/* expect: register-unwind */
static void pci_remove(struct pci_dev *d)
{
	struct pci_smmu *smmu = d->priv;

	iommu_device_sysfs_remove(&smmu->iommu);
	kfree(smmu);
}

struct pci_driver pci_driver = {
	.driver		= { .name = "pci-smmu" },
	.probe		= pci_probe,
	.remove		= pci_remove,
};
