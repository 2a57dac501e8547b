/* add_device era driver converted halfway: no probe_device. */
#include <linux/iommu.h>

static struct iommu_domain *mp_domain_alloc(unsigned int type)
{
	return NULL;
}

static void mp_release_device(struct device *dev)
{
}

/* expect: ops-api */
const struct iommu_ops mp_ops = {
	.domain_alloc	= mp_domain_alloc,
	.release_device	= mp_release_device,
	.device_group	= generic_device_group,
	.pgsize_bitmap	= 0x1000,
};

int mp_register(struct iommu_device *iommu, struct device *dev)
{
	return iommu_device_register(iommu, &mp_ops, dev);
}
