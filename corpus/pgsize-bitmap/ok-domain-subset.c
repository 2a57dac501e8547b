/*
 * The domain narrows the ops' sizes (a format that only does 4K and 2M on
 * this instance), and a runtime value is not judged.
 */
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <linux/slab.h>

unsigned long ds_instance_sizes(void);

static struct iommu_domain *ds_domain_alloc(unsigned int type)
{
	struct iommu_domain *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	d->pgsize_bitmap = SZ_4K | SZ_2M;
	if (type == IOMMU_DOMAIN_UNMANAGED)
		d->pgsize_bitmap = ds_instance_sizes();
	return d;
}

/* ok: pgsize-bitmap */
static int ds_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

const struct iommu_ops ds_ops = {
	.map		= ds_map,
	.domain_alloc	= ds_domain_alloc,
	.device_group	= generic_device_group,
	.pgsize_bitmap	= SZ_4K | SZ_2M | SZ_1G,
};
