/* The doorbell window is mapped without IOMMU_MMIO. */
#include <linux/iommu.h>

static void mp_get_resv_regions(struct device *dev, struct list_head *head)
{
	int prot = IOMMU_READ | IOMMU_WRITE;
	struct iommu_resv_region *region;

	/* expect: resv-region */
	region = iommu_alloc_resv_region(MSI_IOVA_BASE, MSI_IOVA_LENGTH, prot,
					 IOMMU_RESV_SW_MSI, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops mp_ops = {
	.get_resv_regions = mp_get_resv_regions,
};
