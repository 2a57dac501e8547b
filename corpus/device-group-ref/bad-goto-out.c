/* The result is set on several paths and returned through one exit. */
#include <linux/iommu.h>
#include <linux/mutex.h>

struct go_iommu {
	struct mutex lock;
	struct iommu_group *group;
};

static struct go_iommu go_inst;

static struct iommu_group *go_device_group(struct device *dev)
{
	struct iommu_group *res;

	mutex_lock(&go_inst.lock);
	if (go_inst.group) {
		res = go_inst.group;
		goto out_unlock;
	}
	res = generic_device_group(dev);
	if (!IS_ERR(res))
		go_inst.group = res;
out_unlock:
	mutex_unlock(&go_inst.lock);
	/* expect: device-group-ref */
	return res;
}

const struct iommu_ops go_ops = {
	.device_group = go_device_group,
};
