/*
 * The page-table allocation fails after the cookie was taken; the unwind
 * frees the domain but forgets the cookie.
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

struct pt_domain {
	struct iommu_domain domain;
	u64 *pgtable;
};

static struct iommu_domain *pt_domain_alloc(unsigned int type)
{
	struct pt_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	/* expect: dma-cookie-pair */
	if (type == IOMMU_DOMAIN_DMA && iommu_get_dma_cookie(&dom->domain))
		goto out_free;
	dom->pgtable = kzalloc(4096, GFP_KERNEL);
	if (!dom->pgtable)
		goto out_free;
	return &dom->domain;

out_free:
	kfree(dom);
	return NULL;
}

static void pt_domain_free(struct iommu_domain *domain)
{
	iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops pt_ops = {
	.domain_alloc = pt_domain_alloc,
	.domain_free = pt_domain_free,
};
