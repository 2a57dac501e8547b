/*
 * The ops declare 4K and 2M pages; the allocator hands out domains that
 * also claim 1G, which the page-table format cannot map.
 */
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <linux/slab.h>

static struct iommu_domain *bo_domain_alloc(unsigned int type)
{
	struct iommu_domain *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	/* expect: pgsize-bitmap */
	d->pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G;
	return d;
}

static int bo_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

const struct iommu_ops bo_ops = {
	.map		= bo_map,
	.domain_alloc	= bo_domain_alloc,
	.device_group	= generic_device_group,
	.pgsize_bitmap	= SZ_4K | SZ_2M,
};
