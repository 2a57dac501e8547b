/*
 * A tree before per-domain bitmaps (declared here): struct iommu_domain
 * has no pgsize_bitmap, so the page-table config's bitmap the driver
 * fills does not reach the core; only ops->pgsize_bitmap would.
 */
#include <linux/types.h>
#include <linux/slab.h>

struct iommu_domain {
	unsigned int type;
};

struct iommu_ops {
	int (*map)(struct iommu_domain *domain, unsigned long iova);
	struct iommu_domain *(*domain_alloc)(unsigned int type);
	unsigned long pgsize_bitmap;
};

struct ot_cfg {
	unsigned long pgsize_bitmap;
};

struct ot_domain {
	struct iommu_domain domain;
	struct ot_cfg cfg;
};

static struct iommu_domain *ot_domain_alloc(unsigned int type)
{
	struct ot_domain *od = kzalloc(sizeof(*od), GFP_KERNEL);

	if (!od)
		return NULL;
	od->cfg.pgsize_bitmap = 0x1000;
	return &od->domain;
}

static int ot_map(struct iommu_domain *domain, unsigned long iova)
{
	return 0;
}

/* expect: pgsize-bitmap */
const struct iommu_ops ot_ops = {
	.map		= ot_map,
	.domain_alloc	= ot_domain_alloc,
};
