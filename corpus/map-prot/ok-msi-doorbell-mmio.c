/* The MSI doorbell region mapped as MMIO; other regions as memory. */
#include <linux/iommu.h>

int msiok_map_region(struct iommu_domain *domain, struct iommu_resv_region *region)
{
	if (region->type == IOMMU_RESV_MSI)
		/* ok: map-prot */
		return iommu_map(domain, region->start, region->start, region->length,
				 IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO, GFP_KERNEL);
	/* ok: map-prot */
	return iommu_map(domain, region->start, region->start, region->length,
			 IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
}
