/*
 * The group is used without a NULL test and never put.
 */
#include <linux/iommu.h>

int uc_group_id(struct device *dev);
int uc_group_id(struct device *dev)
{
	/* expect: group-get-put */
	struct iommu_group *group = iommu_group_get(dev);
	int id = iommu_group_id(group);

	return id;
}
