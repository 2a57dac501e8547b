/*
 * A device_group-style helper allocates a group and, when adding the
 * device fails, returns the error without dropping the new group.
 */
#include <linux/err.h>
#include <linux/iommu.h>

struct iommu_group *ae_new_group(struct device *dev);
struct iommu_group *ae_new_group(struct device *dev)
{
	struct iommu_group *group;
	int ret;

	/* expect: group-get-put */
	group = iommu_group_alloc();
	if (IS_ERR(group))
		/* ok: group-get-put */
		return group;

	ret = iommu_group_add_device(group, dev);
	if (ret)
		return ERR_PTR(ret);

	/* ok: group-get-put */
	return group;
}
