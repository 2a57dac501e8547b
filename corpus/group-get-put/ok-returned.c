/*
 * A device_group-style callback hands the reference to the core by
 * returning it: an existing group, else a new one.
 */
#include <linux/err.h>
#include <linux/iommu.h>

struct iommu_group *rt_group(struct device *dev);
struct iommu_group *rt_group(struct device *dev)
{
	struct iommu_group *group;

	group = iommu_group_get(dev);
	if (group)
		/* ok: group-get-put */
		return group;

	group = iommu_group_alloc();
	if (IS_ERR(group))
		return group;
	/* ok: group-get-put */
	return group;
}
