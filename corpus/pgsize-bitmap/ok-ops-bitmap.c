/* The usual shape: the ops carry the page sizes, the core copies them. */
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <linux/slab.h>

static struct iommu_domain *ob_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

/* ok: pgsize-bitmap */
static int ob_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

const struct iommu_ops ob_ops = {
	.map		= ob_map,
	.domain_alloc	= ob_domain_alloc,
	.device_group	= generic_device_group,
	.pgsize_bitmap	= SZ_4K | SZ_64K | SZ_1M,
};
