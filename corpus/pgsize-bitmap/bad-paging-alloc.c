/*
 * The 6.x shape (declared here): domain_alloc_paging, a per-domain bitmap
 * in struct iommu_domain, and nobody setting either.
 */
#include <linux/types.h>
#include <linux/slab.h>

struct device;

struct iommu_domain {
	unsigned int type;
	unsigned long pgsize_bitmap;
};

struct iommu_ops {
	int (*map)(struct iommu_domain *domain, unsigned long iova);
	struct iommu_domain *(*domain_alloc_paging)(struct device *dev);
	unsigned long pgsize_bitmap;
};

static struct iommu_domain *pa_alloc_paging(struct device *dev)
{
	struct iommu_domain *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (d)
		d->type = 1;
	return d;
}

static int pa_map(struct iommu_domain *domain, unsigned long iova)
{
	return 0;
}

/* expect: pgsize-bitmap */
const struct iommu_ops pa_ops = {
	.map		= pa_map,
	.domain_alloc_paging	= pa_alloc_paging,
};
