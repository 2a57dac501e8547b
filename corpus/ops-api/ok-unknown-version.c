/*
 * A tree with no version marker at all (a 4.0-era layout with
 * add_device and domain_init): nothing is known to be removed.
 */
#include <linux/types.h>

struct device;
struct iommu_domain;

struct iommu_ops {
	int (*domain_init)(struct iommu_domain *domain);
	void (*domain_destroy)(struct iommu_domain *domain);
	int (*add_device)(struct device *dev);
	void (*remove_device)(struct device *dev);
};

static int uv_domain_init(struct iommu_domain *domain)
{
	return 0;
}

static void uv_domain_destroy(struct iommu_domain *domain)
{
}

static int uv_add_device(struct device *dev)
{
	return 0;
}

static void uv_remove_device(struct device *dev)
{
}

/* ok: ops-api */
const struct iommu_ops uv_ops = {
	.domain_init	= uv_domain_init,
	.domain_destroy	= uv_domain_destroy,
	.add_device	= uv_add_device,
	.remove_device	= uv_remove_device,
};
