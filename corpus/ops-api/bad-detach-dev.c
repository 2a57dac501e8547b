/*
 * A driver forward-ported past 6.3 keeps its detach_dev: the core now
 * switches domains through attach_dev and never calls it.
 */
#include <linux/iommu.h>

static struct iommu_domain *dd_domain_alloc(unsigned int type)
{
	return NULL;
}

static int dd_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	return 0;
}

static void dd_detach_dev(struct iommu_domain *domain, struct device *dev)
{
}

static struct iommu_device *dd_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

const struct iommu_ops dd_ops = {
	.domain_alloc	= dd_domain_alloc,
	.attach_dev	= dd_attach_dev,
	/* expect: ops-api */
	.detach_dev	= dd_detach_dev,
	.probe_device	= dd_probe_device,
	.device_group	= generic_device_group,
	.pgsize_bitmap	= 0x1000,
};
