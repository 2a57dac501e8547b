/*
 * A group looked up only to check a property: the "busy" early return
 * keeps the reference.
 */
#include <linux/iommu.h>

int er_count_devices(struct iommu_group *group);

int er_can_bind(struct device *dev);
int er_can_bind(struct device *dev)
{
	struct iommu_group *group;

	/* expect: group-get-put */
	group = iommu_group_get(dev);
	if (!group)
		/* ok: group-get-put */
		return -ENODEV;

	if (er_count_devices(group) != 1)
		return -EBUSY;

	iommu_group_put(group);
	return 0;
}
