/* The NULL check is written through WARN_ON(). */
#include <linux/iommu.h>
#include <linux/bug.h>

static void wo_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;

	/* ok: resv-region */
	region = iommu_alloc_resv_region(0, 0x100000, 0, IOMMU_RESV_RESERVED,
					 GFP_KERNEL);
	if (WARN_ON(!region))
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops wo_ops = {
	.get_resv_regions = wo_get_resv_regions,
};
