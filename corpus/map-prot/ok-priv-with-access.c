/* IOMMU_PRIV with the permissions it qualifies. */
#include <linux/iommu.h>
#include <linux/sizes.h>

int pva_map_fw(struct iommu_domain *domain, unsigned long iova, phys_addr_t pa)
{
	int prot = IOMMU_READ | IOMMU_PRIV;

	/* ok: map-prot */
	return iommu_map(domain, iova, pa, SZ_64K, prot, GFP_KERNEL);
}
