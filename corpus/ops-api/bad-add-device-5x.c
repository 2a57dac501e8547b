/*
 * A 5.8+ tree (its iommu_ops has probe_device) that still lists the old
 * add_device/remove_device pair; declared here because the project's
 * iommu.h does not carry those fields.
 */
#include <linux/types.h>
#include <linux/err.h>

struct device;
struct iommu_domain;
struct iommu_group;
struct iommu_device;

struct iommu_ops {
	struct iommu_domain *(*domain_alloc)(unsigned int type);
	int (*add_device)(struct device *dev);
	void (*remove_device)(struct device *dev);
	struct iommu_device *(*probe_device)(struct device *dev);
	void (*release_device)(struct device *dev);
	struct iommu_group *(*device_group)(struct device *dev);
};

struct iommu_group *generic_device_group(struct device *dev);

static struct iommu_domain *ad_domain_alloc(unsigned int type)
{
	return NULL;
}

static int ad_add_device(struct device *dev)
{
	return 0;
}

static void ad_remove_device(struct device *dev)
{
}

static struct iommu_device *ad_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

const struct iommu_ops ad_ops = {
	.domain_alloc	= ad_domain_alloc,
	/* expect: ops-api */
	.add_device	= ad_add_device,
	/* expect: ops-api */
	.remove_device	= ad_remove_device,
	.probe_device	= ad_probe_device,
	.device_group	= generic_device_group,
};
