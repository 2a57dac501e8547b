/* Ordinary memory mapped read-write: no MMIO, access granted. */
#include <linux/iommu.h>
#include <linux/sizes.h>

int mem_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t pa)
{
	/* ok: map-prot */
	return iommu_map(domain, iova, pa, SZ_2M, IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
}
