/* domain_free puts the cookie through the driver's own teardown helper. */
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

struct hp_domain {
	struct iommu_domain domain;
};

static struct iommu_domain *hp_domain_alloc(unsigned int type)
{
	struct hp_domain *dom = kzalloc(sizeof(*dom), GFP_KERNEL);

	if (!dom)
		return NULL;
	if (type == IOMMU_DOMAIN_DMA && iommu_get_dma_cookie(&dom->domain)) {
		kfree(dom);
		return NULL;
	}
	return &dom->domain;
}

static void hp_destroy(struct iommu_domain *domain)
{
	iommu_put_dma_cookie(domain);
}

/* ok: dma-cookie-pair */
static void hp_domain_free(struct iommu_domain *domain)
{
	hp_destroy(domain);
	kfree(domain);
}

const struct iommu_ops hp_ops = {
	.domain_alloc = hp_domain_alloc,
	.domain_free = hp_domain_free,
};
