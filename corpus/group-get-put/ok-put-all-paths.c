/*
 * The fixed early-return shape: the reference is dropped before every
 * return once the lookup succeeded.
 */
#include <linux/iommu.h>

int pa_count_devices(struct iommu_group *group);

int pa_can_bind(struct device *dev);
int pa_can_bind(struct device *dev)
{
	struct iommu_group *group;
	int ret = 0;

	group = iommu_group_get(dev);
	if (!group)
		/* ok: group-get-put */
		return -ENODEV;

	if (pa_count_devices(group) != 1)
		ret = -EBUSY;

	iommu_group_put(group);
	/* ok: group-get-put */
	return ret;
}
