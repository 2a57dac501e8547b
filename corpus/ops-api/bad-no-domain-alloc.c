/* Registered ops with no way for the core to get a domain. */
#include <linux/iommu.h>

static struct iommu_device na_iommu;

static struct iommu_device *na_probe_device(struct device *dev)
{
	if (!dev->parent)
		return ERR_PTR(-ENODEV);
	return &na_iommu;
}

/* expect: ops-api */
static const struct iommu_ops na_ops = {
	.probe_device	= na_probe_device,
	.device_group	= generic_device_group,
};

int na_register(struct iommu_device *iommu, struct device *dev)
{
	return iommu_device_register(iommu, &na_ops, dev);
}
