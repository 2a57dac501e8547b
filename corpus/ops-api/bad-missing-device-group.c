/* The core calls ops->device_group unconditionally while probing. */
#include <linux/iommu.h>

static struct iommu_domain *mg_domain_alloc(unsigned int type)
{
	return NULL;
}

static struct iommu_device mg_iommu;

static struct iommu_device *mg_probe_device(struct device *dev)
{
	if (!dev->parent)
		return ERR_PTR(-ENODEV);
	return &mg_iommu;
}

/* expect: ops-api */
const struct iommu_ops mg_ops = {
	.domain_alloc	= mg_domain_alloc,
	.probe_device	= mg_probe_device,
	.pgsize_bitmap	= 0x1000,
};

int mg_register(struct iommu_device *iommu, struct device *dev)
{
	return iommu_device_register(iommu, &mg_ops, dev);
}
