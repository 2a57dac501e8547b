/*
 * The software-mapped doorbell window is reported as a hardware MSI
 * region: nothing ever maps the doorbell, MSIs fault.
 */
#include <linux/iommu.h>

static void sm_get_resv_regions(struct device *dev, struct list_head *head)
{
	int prot = IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO;
	struct iommu_resv_region *region;

	region = iommu_alloc_resv_region(MSI_IOVA_BASE, MSI_IOVA_LENGTH, prot,
					 /* expect: resv-region */
					 IOMMU_RESV_MSI, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops sm_ops = {
	.get_resv_regions = sm_get_resv_regions,
};
