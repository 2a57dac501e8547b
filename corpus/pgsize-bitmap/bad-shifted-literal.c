/* The same with literals: 1 << 16 (64K) is not among the ops' 4K | 1M. */
#include <linux/iommu.h>
#include <linux/slab.h>

struct sl_domain {
	struct iommu_domain domain;
};

static struct iommu_domain *sl_domain_alloc(unsigned int type)
{
	struct sl_domain *sd = kzalloc(sizeof(*sd), GFP_KERNEL);

	if (!sd)
		return NULL;
	/* expect: pgsize-bitmap */
	sd->domain.pgsize_bitmap = 0x1000UL | (1UL << 16);
	return &sd->domain;
}

static int sl_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

const struct iommu_ops sl_ops = {
	.map		= sl_map,
	.domain_alloc	= sl_domain_alloc,
	.device_group	= generic_device_group,
	.pgsize_bitmap	= 0x1000UL | 0x100000UL,
};
