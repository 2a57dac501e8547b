/* The bitmap is there, and zero (a placeholder never filled in). */
#include <linux/iommu.h>
#include <linux/slab.h>

static struct iommu_domain *zb_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

const struct iommu_ops zb_ops = {
	.domain_alloc	= zb_domain_alloc,
	.device_group	= generic_device_group,
	/* expect: pgsize-bitmap */
	.pgsize_bitmap	= 0,
};
