/* A single static group for the whole system, lazily allocated. */
#include <linux/iommu.h>

static struct iommu_group *sg_group;

static struct iommu_group *sg_device_group(struct device *dev)
{
	if (!sg_group) {
		sg_group = iommu_group_alloc();
		if (IS_ERR(sg_group))
			return sg_group;
	}
	/* expect: device-group-ref */
	return sg_group;
}

const struct iommu_ops sg_ops = {
	.device_group = sg_device_group,
};
