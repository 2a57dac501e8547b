/* Pre-4.11 thinking: one region flagged as both MSI kinds at once. */
#include <linux/iommu.h>

static void or_get_resv_regions(struct device *dev, struct list_head *head)
{
	int prot = IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO;
	struct iommu_resv_region *region;

	region = iommu_alloc_resv_region(MSI_IOVA_BASE, MSI_IOVA_LENGTH, prot,
					 /* expect: resv-region */
					 IOMMU_RESV_SW_MSI | IOMMU_RESV_RESERVED,
					 GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops or_ops = {
	.get_resv_regions = or_get_resv_regions,
};
