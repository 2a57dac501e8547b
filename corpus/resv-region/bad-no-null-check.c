/* The allocation result goes straight onto the list. */
#include <linux/iommu.h>

#define NC_WINDOW_BASE	0x10000000
#define NC_WINDOW_SIZE	0x100000

static void nc_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;

	region = iommu_alloc_resv_region(NC_WINDOW_BASE, NC_WINDOW_SIZE, 0,
					 IOMMU_RESV_RESERVED, GFP_KERNEL);
	/* expect: resv-region */
	list_add_tail(&region->list, head);
}

const struct iommu_ops nc_ops = {
	.get_resv_regions = nc_get_resv_regions,
};
