/*
 * Counting devices that share a group: the loop skips non-matching
 * devices with continue and loses each reference.
 */
#include <linux/iommu.h>

int lc_count_shared(struct device **devs, int n, struct iommu_group *mine);
int lc_count_shared(struct device **devs, int n, struct iommu_group *mine)
{
	struct iommu_group *group;
	int i, shared = 0;

	for (i = 0; i < n; i++) {
		/* expect: group-get-put */
		group = iommu_group_get(devs[i]);
		if (!group)
			continue;
		if (group != mine)
			continue;
		shared++;
		iommu_group_put(group);
	}
	return shared;
}
