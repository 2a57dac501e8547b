/*
 * WARN_ON(!group) ends the failing lookup; the WARN_ON-wrapped check on
 * the group's domain returns with the reference held.
 */
#include <linux/bug.h>
#include <linux/iommu.h>

int wo_check_default(struct device *dev);
int wo_check_default(struct device *dev)
{
	/* expect: group-get-put */
	struct iommu_group *group = iommu_group_get(dev);
	struct iommu_domain *domain;

	if (WARN_ON(!group))
		/* ok: group-get-put */
		return -ENODEV;

	domain = iommu_group_default_domain(group);
	if (WARN_ON_ONCE(!domain))
		return -EINVAL;

	iommu_group_put(group);
	return 0;
}
