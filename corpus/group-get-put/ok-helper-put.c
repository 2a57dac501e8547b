/*
 * The reference goes back through a helper that receives the group.
 */
#include <linux/iommu.h>

static void hp_done(struct iommu_group *group)
{
	iommu_group_put(group);
}

int hp_has_group(struct device *dev);
int hp_has_group(struct device *dev)
{
	struct iommu_group *group = iommu_group_get(dev);

	if (!group)
		return 0;
	hp_done(group);
	/* ok: group-get-put */
	return 1;
}
