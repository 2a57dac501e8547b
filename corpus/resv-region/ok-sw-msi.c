/* The arm-smmu shape: one software-managed MSI window, checked, listed. */
#include <linux/iommu.h>

static void sw_get_resv_regions(struct device *dev, struct list_head *head)
{
	int prot = IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO;
	struct iommu_resv_region *region;

	/* ok: resv-region */
	region = iommu_alloc_resv_region(MSI_IOVA_BASE, MSI_IOVA_LENGTH, prot,
					 IOMMU_RESV_SW_MSI, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops sw_ops = {
	.get_resv_regions = sw_get_resv_regions,
};
