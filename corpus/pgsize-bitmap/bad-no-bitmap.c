/*
 * A paging domain allocator, and no page sizes anywhere: neither the ops
 * nor the allocation sets a pgsize_bitmap, so iommu_map() fails on every
 * domain this driver hands out.
 */
#include <linux/iommu.h>
#include <linux/slab.h>

struct nb_domain {
	struct iommu_domain domain;
	u64 *pgd;
};

static struct iommu_domain *nb_domain_alloc(unsigned int type)
{
	struct nb_domain *nd = kzalloc(sizeof(*nd), GFP_KERNEL);

	if (!nd)
		return NULL;
	nd->domain.geometry.aperture_end = (1ULL << 32) - 1;
	return &nd->domain;
}

static int nb_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

/* expect: pgsize-bitmap */
const struct iommu_ops nb_ops = {
	.map		= nb_map,
	.domain_alloc	= nb_domain_alloc,
	.device_group	= generic_device_group,
};
