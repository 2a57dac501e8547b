/* Helpers that look the group up with a reference or allocate one. */
#include <linux/iommu.h>

static struct iommu_group *ha_get_group(struct device *dev)
{
	struct iommu_group *group;

	group = iommu_group_get(dev);
	if (!group)
		group = iommu_group_alloc();
	return group;
}

static struct iommu_group *ha_device_group(struct device *dev)
{
	struct iommu_group *group = ERR_PTR(-ENODEV);

	if (dev->of_node)
		group = ha_get_group(dev);
	/* ok: device-group-ref */
	return group;
}

const struct iommu_ops ha_ops = {
	.device_group = ha_device_group,
};
