/* The 4.10 name of the reserved-region query, long renamed. */
#include <linux/iommu.h>

void iommu_get_dm_regions(struct device *dev, struct list_head *list);

int dm_count_regions(struct device *dev)
{
	LIST_HEAD(regions);
	struct list_head *p;
	int n = 0;

	/* expect: ops-api */
	iommu_get_dm_regions(dev, &regions);
	list_for_each(p, &regions)
		n++;
	return n;
}
