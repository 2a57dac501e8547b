/* A cached group is returned with a fresh reference (the arm-smmu shape). */
#include <linux/iommu.h>
#include <linux/mutex.h>

struct rg_iommu {
	struct mutex lock;
	struct iommu_group *group;
};

static struct rg_iommu rg_inst;

static struct iommu_group *rg_device_group(struct device *dev)
{
	struct iommu_group *group;

	mutex_lock(&rg_inst.lock);
	if (rg_inst.group) {
		mutex_unlock(&rg_inst.lock);
		/* ok: device-group-ref */
		return iommu_group_ref_get(rg_inst.group);
	}
	group = generic_device_group(dev);
	if (!IS_ERR(group))
		rg_inst.group = group;
	mutex_unlock(&rg_inst.lock);
	/* ok: device-group-ref */
	return group;
}

const struct iommu_ops rg_ops = {
	.device_group = rg_device_group,
};
