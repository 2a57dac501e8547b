/*
 * Goto chain where every failure after the lookup jumps to the label
 * that puts the group.
 */
#include <linux/bug.h>
#include <linux/iommu.h>
#include <linux/mutex.h>

struct gc_state {
	struct mutex lock;
	bool busy;
};

int gc_bind(struct gc_state *st, struct device *dev);
int gc_bind(struct gc_state *st, struct device *dev)
{
	struct iommu_group *group;
	int ret = 0;

	group = iommu_group_get(dev);
	if (WARN_ON(!group))
		return -ENODEV;

	mutex_lock(&st->lock);
	if (st->busy) {
		ret = -EBUSY;
		goto out_unlock;
	}
	if (iommu_group_id(group) < 0)
		ret = -EINVAL;

out_unlock:
	mutex_unlock(&st->lock);
	iommu_group_put(group);
	/* ok: group-get-put */
	return ret;
}
