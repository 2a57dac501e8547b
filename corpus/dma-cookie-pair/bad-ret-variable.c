/*
 * The cookie result is kept in ret; a later init step fails and returns
 * NULL through the label that only frees the domain.
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

struct ri_domain {
	struct iommu_domain domain;
	int asid;
};

int ri_alloc_asid(struct ri_domain *dom);

static struct iommu_domain *ri_domain_alloc(unsigned int type)
{
	struct ri_domain *dom;
	int ret;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	if (type == IOMMU_DOMAIN_DMA) {
		/* expect: dma-cookie-pair */
		ret = iommu_get_dma_cookie(&dom->domain);
		if (ret)
			goto out_free;
	}
	dom->asid = ri_alloc_asid(dom);
	if (dom->asid < 0)
		goto out_free;
	return &dom->domain;

out_free:
	kfree(dom);
	return NULL;
}

static void ri_domain_free(struct iommu_domain *domain)
{
	iommu_put_dma_cookie(domain);
	kfree(domain);
}

const struct iommu_ops ri_ops = {
	.domain_alloc = ri_domain_alloc,
	.domain_free = ri_domain_free,
};
