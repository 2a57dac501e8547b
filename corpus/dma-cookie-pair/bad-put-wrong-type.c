/*
 * domain_free puts the cookie only for unmanaged domains: the test is
 * inverted, so DMA domains (the ones that have a cookie) leak it.  The
 * rule sees a put in domain_free and stays quiet: a known gap.
 */
#include <linux/types.h>
#include <linux/err.h>
#include <linux/slab.h>

/* A 5.x tree (before 5.15): drivers own the DMA cookie of their domains. */
#define IOMMU_DOMAIN_UNMANAGED	1
#define IOMMU_DOMAIN_DMA	3

struct device;

struct iommu_domain {
	unsigned int type;
	void *iova_cookie;
};

struct iommu_ops {
	struct iommu_domain *(*domain_alloc)(unsigned int type);
	void (*domain_free)(struct iommu_domain *domain);
	int (*add_device)(struct device *dev);
	void (*remove_device)(struct device *dev);
};

int iommu_get_dma_cookie(struct iommu_domain *domain);
void iommu_put_dma_cookie(struct iommu_domain *domain);

struct iv_domain {
	struct iommu_domain domain;
};

static struct iommu_domain *iv_domain_alloc(unsigned int type)
{
	struct iv_domain *dom = kzalloc(sizeof(*dom), GFP_KERNEL);

	if (!dom)
		return NULL;
	if (type == IOMMU_DOMAIN_DMA && iommu_get_dma_cookie(&dom->domain)) {
		kfree(dom);
		return NULL;
	}
	return &dom->domain;
}

/* todo-expect: dma-cookie-pair */
static void iv_domain_free(struct iommu_domain *domain)
{
	if (domain->type == IOMMU_DOMAIN_UNMANAGED)
		iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops iv_ops = {
	.domain_alloc = iv_domain_alloc,
	.domain_free = iv_domain_free,
};
