/*
 * Three iommu_fwspec_add_ids() calls; the middle one drops its result
 * while the others return it: the fix checks it the same way.
 */
#include <linux/iommu.h>

int bc_add_ids(struct device *dev, u32 *ids);
int bc_add_ids(struct device *dev, u32 *ids)
{
	int ret;

	ret = iommu_fwspec_add_ids(dev, &ids[0], 1);
	if (ret)
		return ret;
	/* expect: unchecked-return */
	iommu_fwspec_add_ids(dev, &ids[1], 1);
	ret = iommu_fwspec_add_ids(dev, &ids[2], 1);
	if (ret)
		return ret;
	return 0;
}
