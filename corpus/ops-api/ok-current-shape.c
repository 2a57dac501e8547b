/* The shape the scanned tree expects: probe, release, group, alloc. */
#include <linux/iommu.h>

static struct iommu_domain *cs_domain_alloc(unsigned int type)
{
	return NULL;
}

static struct iommu_device *cs_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

static void cs_release_device(struct device *dev)
{
}

static void cs_get_resv_regions(struct device *dev, struct list_head *head)
{
}

/* ok: ops-api */
const struct iommu_ops cs_ops = {
	.domain_alloc		= cs_domain_alloc,
	.probe_device		= cs_probe_device,
	.release_device		= cs_release_device,
	.device_group		= generic_device_group,
	.get_resv_regions	= cs_get_resv_regions,
	.pgsize_bitmap		= 0x1000,
};

int cs_register(struct iommu_device *iommu, struct device *dev)
{
	return iommu_device_register(iommu, &cs_ops, dev);
}
