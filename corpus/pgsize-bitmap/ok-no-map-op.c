/*
 * Domains that cannot map at all (fsl_pamu in 6.12: PAMU windows, no page
 * tables, no .map/.map_pages in any domain ops): there is no paging domain
 * for a page-size bitmap to describe, whatever domain_alloc hands out.
 */
#include <linux/iommu.h>
#include <linux/slab.h>

static struct iommu_domain *nm_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

static phys_addr_t nm_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	return 0;
}

/* ok: pgsize-bitmap */
const struct iommu_ops nm_ops = {
	.domain_alloc	= nm_domain_alloc,
	.iova_to_phys	= nm_iova_to_phys,
	.device_group	= generic_device_group,
};
