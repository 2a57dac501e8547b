/*
 * A 6.1 tree: regions have ->free and domain ops are split out, but
 * detach_dev still exists; using it there is correct.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/err.h>

struct device;
struct iommu_domain;
struct iommu_group;
struct iommu_device;

struct iommu_resv_region {
	struct list_head list;
	void (*free)(struct device *dev, struct iommu_resv_region *region);
};

struct iommu_domain_ops {
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	void (*detach_dev)(struct iommu_domain *domain, struct device *dev);
};

struct iommu_ops {
	struct iommu_domain *(*domain_alloc)(unsigned int type);
	struct iommu_device *(*probe_device)(struct device *dev);
	struct iommu_group *(*device_group)(struct device *dev);
	const struct iommu_domain_ops *default_domain_ops;
};

struct iommu_group *generic_device_group(struct device *dev);

static struct iommu_domain *od_domain_alloc(unsigned int type)
{
	return NULL;
}

static struct iommu_device *od_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

static int od_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	return 0;
}

static void od_detach_dev(struct iommu_domain *domain, struct device *dev)
{
}

static const struct iommu_domain_ops od_domain_ops = {
	.attach_dev	= od_attach_dev,
	.detach_dev	= od_detach_dev,
};

/* ok: ops-api */
const struct iommu_ops od_ops = {
	.domain_alloc		= od_domain_alloc,
	.probe_device		= od_probe_device,
	.device_group		= generic_device_group,
	.default_domain_ops	= &od_domain_ops,
};
