/* The cached pointer is copied into a local first; still no reference. */
#include <linux/iommu.h>

struct lc_iommu {
	struct iommu_group *groups[4];
};

static struct lc_iommu lc_inst;

static struct iommu_group *lc_device_group(struct device *dev)
{
	struct iommu_group *group;
	int idx = dev->iommu ? 1 : 0;

	group = lc_inst.groups[idx];
	if (!group) {
		group = iommu_group_alloc();
		if (IS_ERR(group))
			return group;
		lc_inst.groups[idx] = group;
	}
	/* expect: device-group-ref */
	return group;
}

const struct iommu_ops lc_ops = {
	.device_group = lc_device_group,
};
