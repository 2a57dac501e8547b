/*
 * A partial model of struct iommu_ops (declared here) that has no
 * pgsize_bitmap at all: the contract is about a field this layout lacks,
 * so it is not judged (other rules' fixtures declare such models).
 */
#include <linux/types.h>
#include <linux/slab.h>

struct iommu_domain {
	unsigned int type;
	unsigned long pgsize_bitmap;
};

struct iommu_ops {
	struct iommu_domain *(*domain_alloc)(unsigned int type);
};

static struct iommu_domain *pm_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

/* ok: pgsize-bitmap */
const struct iommu_ops pm_ops = {
	.domain_alloc	= pm_domain_alloc,
};
