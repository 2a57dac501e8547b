/* Regions carry their own ->free; the ops-level put is dead code. */
#include <linux/iommu.h>

static struct iommu_domain *pr_domain_alloc(unsigned int type)
{
	return NULL;
}

static struct iommu_device *pr_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

static void pr_get_resv_regions(struct device *dev, struct list_head *head)
{
}

const struct iommu_ops pr_ops = {
	.domain_alloc		= pr_domain_alloc,
	.probe_device		= pr_probe_device,
	.device_group		= generic_device_group,
	.get_resv_regions	= pr_get_resv_regions,
	/* expect: ops-api */
	.put_resv_regions	= generic_iommu_put_resv_regions,
	.pgsize_bitmap	= 0x1000,
};
