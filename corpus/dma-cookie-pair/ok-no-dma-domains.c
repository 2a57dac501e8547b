/* A driver without DMA domains never takes a cookie: nothing to pair. */
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

struct um_domain {
	struct iommu_domain domain;
};

/* ok: dma-cookie-pair */
static struct iommu_domain *um_domain_alloc(unsigned int type)
{
	struct um_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	return &dom->domain;
}

static void um_domain_free(struct iommu_domain *domain)
{
	kfree(domain);
}

const struct iommu_ops um_ops = {
	.domain_alloc = um_domain_alloc,
	.domain_free = um_domain_free,
};
