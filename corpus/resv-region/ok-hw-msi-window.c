/* An x86-style interrupt window: hardware MSI, never mapped, prot 0. */
#include <linux/iommu.h>

#define HW_MSI_START	0xfee00000
#define HW_MSI_END	0xfeefffff

static void hw_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;

	/* ok: resv-region */
	region = iommu_alloc_resv_region(HW_MSI_START, HW_MSI_END - HW_MSI_START + 1,
					 0, IOMMU_RESV_MSI, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops hw_ops = {
	.get_resv_regions = hw_get_resv_regions,
};
