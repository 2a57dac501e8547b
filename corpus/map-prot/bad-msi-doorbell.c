/* A reserved region tested to be an MSI doorbell, mapped as memory. */
#include <linux/iommu.h>

int msi_map_region(struct iommu_domain *domain, struct iommu_resv_region *region)
{
	if (region->type == IOMMU_RESV_MSI)
		/* expect: map-prot */
		return iommu_map(domain, region->start, region->start,
				 region->length, IOMMU_WRITE | IOMMU_NOEXEC, GFP_KERNEL);
	return 0;
}
