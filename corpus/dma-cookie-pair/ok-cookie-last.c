/*
 * The cookie is the last step of domain_alloc: no failure exit follows
 * it, and the failure of the get itself has nothing to put.
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

struct ls_domain {
	struct iommu_domain domain;
	void *pgd;
};

static struct iommu_domain *ls_domain_alloc(unsigned int type)
{
	struct ls_domain *dom = kzalloc(sizeof(*dom), GFP_KERNEL);

	if (!dom)
		return NULL;
	dom->pgd = kzalloc(4096, GFP_KERNEL);
	if (!dom->pgd)
		goto out_free;
	/* ok: dma-cookie-pair */
	if (type == IOMMU_DOMAIN_DMA && iommu_get_dma_cookie(&dom->domain))
		goto out_free_pgd;
	return &dom->domain;

out_free_pgd:
	kfree(dom->pgd);
out_free:
	kfree(dom);
	return NULL;
}

static void ls_domain_free(struct iommu_domain *domain)
{
	iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops ls_ops = {
	.domain_alloc = ls_domain_alloc,
	.domain_free = ls_domain_free,
};
