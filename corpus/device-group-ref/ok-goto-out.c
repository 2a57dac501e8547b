/* One exit label; every assignment to the result holds a reference. */
#include <linux/iommu.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(gx_lock);
static struct iommu_group *gx_group;

static struct iommu_group *gx_device_group(struct device *dev)
{
	struct iommu_group *res = ERR_PTR(-EINVAL);

	mutex_lock(&gx_lock);
	if (gx_group) {
		res = iommu_group_ref_get(gx_group);
		goto out_unlock;
	}
	gx_group = generic_device_group(dev);
	if (IS_ERR(gx_group)) {
		res = gx_group;
		gx_group = NULL;
		goto out_unlock;
	}
	res = gx_group;
out_unlock:
	mutex_unlock(&gx_lock);
	/* ok: device-group-ref */
	return res;
}

const struct iommu_ops gx_ops = {
	.device_group = gx_device_group,
};
