/* No ops bitmap: each domain gets its own in the allocator (VT-d, AMD). */
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <linux/slab.h>

struct db_domain {
	struct iommu_domain domain;
	unsigned int levels;
};

unsigned long db_hw_super_pages(void);

static struct iommu_domain *db_domain_alloc(unsigned int type)
{
	struct db_domain *dd = kzalloc(sizeof(*dd), GFP_KERNEL);

	if (!dd)
		return NULL;
	dd->domain.pgsize_bitmap = SZ_4K;
	dd->domain.pgsize_bitmap |= db_hw_super_pages();
	return &dd->domain;
}

/* ok: pgsize-bitmap */
static int db_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

const struct iommu_ops db_ops = {
	.map		= db_map,
	.domain_alloc	= db_domain_alloc,
	.device_group	= generic_device_group,
};
