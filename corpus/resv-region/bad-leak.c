/* The region is allocated and checked, but never reaches the list. */
#include <linux/iommu.h>

static void lk_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;

	/* expect: resv-region */
	region = iommu_alloc_resv_region(0, 0x1000, 0, IOMMU_RESV_RESERVED,
					 GFP_KERNEL);
	if (!region)
		return;
}

const struct iommu_ops lk_ops = {
	.get_resv_regions = lk_get_resv_regions,
};
