/*
 * The get through a helper of the driver (the rule follows two levels);
 * the helper's failure leaves nothing to put, and domain_free puts.
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

struct hg_domain {
	struct iommu_domain domain;
};

static int hg_init_dma(struct hg_domain *dom, unsigned int type)
{
	if (type != IOMMU_DOMAIN_DMA)
		return 0;
	return iommu_get_dma_cookie(&dom->domain);
}

static struct iommu_domain *hg_domain_alloc(unsigned int type)
{
	struct hg_domain *dom = kzalloc(sizeof(*dom), GFP_KERNEL);

	if (!dom)
		return NULL;
	if (hg_init_dma(dom, type)) {
		kfree(dom);
		return NULL;
	}
	return &dom->domain;
}

/* ok: dma-cookie-pair */
static void hg_domain_free(struct iommu_domain *domain)
{
	iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops hg_ops = {
	.domain_alloc = hg_domain_alloc,
	.domain_free = hg_domain_free,
};
