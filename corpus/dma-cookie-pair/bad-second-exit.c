/* Two failure exits after the get: the first puts, the second forgets. */
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

struct tw_domain {
	struct iommu_domain domain;
	void *pgd;
	void *l2;
};

static struct iommu_domain *tw_domain_alloc(unsigned int type)
{
	struct tw_domain *dom = kzalloc(sizeof(*dom), GFP_KERNEL);

	if (!dom)
		return NULL;
	/* expect: dma-cookie-pair */
	if (type == IOMMU_DOMAIN_DMA && iommu_get_dma_cookie(&dom->domain)) {
		kfree(dom);
		return NULL;
	}
	dom->pgd = kzalloc(4096, GFP_KERNEL);
	if (!dom->pgd) {
		iommu_put_dma_cookie(&dom->domain);
		kfree(dom);
		return NULL;
	}
	dom->l2 = kzalloc(4096, GFP_KERNEL);
	if (!dom->l2) {
		kfree(dom->pgd);
		kfree(dom);
		return NULL;
	}
	return &dom->domain;
}

static void tw_domain_free(struct iommu_domain *domain)
{
	iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops tw_ops = {
	.domain_alloc = tw_domain_alloc,
	.domain_free = tw_domain_free,
};
