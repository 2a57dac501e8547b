/*
 * A driver forward-ported from a 5.x tree keeps taking and putting the
 * DMA cookie itself; since 5.15 the core does both, and these calls are no
 * longer driver API (the tree's IOMMU_DOMAIN_DMA_FQ proves >= 5.15).
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/dma-iommu.h>
#include <linux/slab.h>

struct fp_domain {
	struct iommu_domain domain;
};

static struct iommu_domain *fp_domain_alloc(unsigned int type)
{
	struct fp_domain *dom = kzalloc(sizeof(*dom), GFP_KERNEL);

	if (!dom)
		return NULL;
	/* expect: ops-api */
	if (type == IOMMU_DOMAIN_DMA && iommu_get_dma_cookie(&dom->domain)) {
		kfree(dom);
		return NULL;
	}
	return &dom->domain;
}

static void fp_domain_free(struct iommu_domain *domain)
{
	/* expect: ops-api */
	iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops fp_ops = {
	.domain_alloc = fp_domain_alloc,
	.domain_free = fp_domain_free,
};
