/* The reference is taken as a statement on the cached branch. */
#include <linux/iommu.h>

struct rs_iommu {
	struct iommu_group *groups[8];
};

static struct rs_iommu rs_inst;

static struct iommu_group *rs_device_group(struct device *dev)
{
	struct iommu_group *group;
	int id = dev->iommu ? 3 : 0;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	group = rs_inst.groups[id];
	if (!group) {
		group = iommu_group_alloc();
		if (!IS_ERR(group))
			rs_inst.groups[id] = group;
	} else {
		iommu_group_ref_get(group);
	}
	/* ok: device-group-ref */
	return group;
}

const struct iommu_ops rs_ops = {
	.device_group = rs_device_group,
};
