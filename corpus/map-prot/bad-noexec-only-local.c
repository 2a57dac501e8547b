/* A prot local that says only "not executable": no access at all. */
#include <linux/iommu.h>
#include <linux/sizes.h>

int nxo_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t pa)
{
	int prot = IOMMU_NOEXEC | IOMMU_CACHE;

	/* expect: map-prot */
	return iommu_map(domain, iova, pa, SZ_4K, prot, GFP_KERNEL);
}
