/*
 * A void function that only prints the group's id falls off its end with
 * the reference held; the fix puts it before the closing brace.
 */
#include <linux/device.h>
#include <linux/iommu.h>

void vf_show_group(struct device *dev);
void vf_show_group(struct device *dev)
{
	/* expect: group-get-put */
	struct iommu_group *group = iommu_group_get(dev);

	if (!group)
		return;
	dev_info(dev, "group %d\n", iommu_group_id(group));
}
