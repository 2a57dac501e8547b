/*
 * The unwind chain has an out_put label, but one failure jumps past it.
 */
#include <linux/iommu.h>
#include <linux/mutex.h>

struct gl_state {
	struct mutex lock;
	bool busy;
};

int gl_bind(struct gl_state *st, struct device *dev);
int gl_bind(struct gl_state *st, struct device *dev)
{
	struct iommu_group *group;
	int ret = 0;

	/* expect: group-get-put */
	group = iommu_group_get(dev);
	if (!group)
		return -ENODEV;

	mutex_lock(&st->lock);
	if (st->busy) {
		ret = -EBUSY;
		goto out_unlock;
	}
	if (iommu_group_id(group) < 0) {
		ret = -EINVAL;
		goto out_unlock_put;
	}

out_unlock_put:
	mutex_unlock(&st->lock);
	iommu_group_put(group);
	return ret;

out_unlock:
	mutex_unlock(&st->lock);
	return ret;
}
