/*
 * A plain reserved hole with prot 0 is never mapped, and an MSI window is
 * resv-region's: neither is judged here.
 */
#include <linux/iommu.h>

void rna_resv(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;

	/* ok: map-prot */
	region = iommu_alloc_resv_region(0xfee00000, 0x100000, 0,
					 IOMMU_RESV_RESERVED, GFP_KERNEL);
	if (region)
		list_add_tail(&region->list, head);
}
