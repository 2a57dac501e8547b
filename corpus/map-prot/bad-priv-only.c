/*
 * IOMMU_PRIV alone: the flag only restricts the permissions given with it,
 * so this grants none and io-pgtable maps nothing.
 */
#include <linux/iommu.h>
#include <linux/sizes.h>

int prv_map_fw(struct iommu_domain *domain, unsigned long iova, phys_addr_t pa)
{
	/* expect: map-prot */
	return iommu_map(domain, iova, pa, SZ_64K, IOMMU_PRIV, GFP_KERNEL);
}
