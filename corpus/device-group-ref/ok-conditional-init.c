/* The ops table picks its callback at build time; both arms are checked. */
#include <linux/iommu.h>

struct ci_iommu {
	struct iommu_group *group;
};

static struct ci_iommu ci_inst;

static struct iommu_group *ci_find_group(struct device *dev)
{
	struct iommu_group *group;

	if (ci_inst.group)
		/* ok: device-group-ref */
		return iommu_group_ref_get(ci_inst.group);
	group = iommu_group_alloc();
	if (!IS_ERR(group))
		ci_inst.group = group;
	/* ok: device-group-ref */
	return group;
}

#define CI_SHARED 1

const struct iommu_ops ci_ops = {
	.device_group = CI_SHARED ? ci_find_group : generic_device_group,
};
