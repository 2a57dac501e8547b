/* The bitmap is there, and zero (a placeholder never filled in). */
#include <linux/iommu.h>
#include <linux/slab.h>

static struct iommu_domain *zb_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

static int zb_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

const struct iommu_ops zb_ops = {
	.map		= zb_map,
	.domain_alloc	= zb_domain_alloc,
	.device_group	= generic_device_group,
	/* expect: pgsize-bitmap */
	.pgsize_bitmap	= 0,
};
