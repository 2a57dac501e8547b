/*
 * A 5.x tree: probe_device exists, regions have no ->free, so the
 * ops-level put is still how regions are released.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/err.h>

struct device;
struct iommu_domain;
struct iommu_group;
struct iommu_device;

struct iommu_ops {
	struct iommu_domain *(*domain_alloc)(unsigned int type);
	struct iommu_device *(*probe_device)(struct device *dev);
	struct iommu_group *(*device_group)(struct device *dev);
	void (*get_resv_regions)(struct device *dev, struct list_head *list);
	void (*put_resv_regions)(struct device *dev, struct list_head *list);
};

struct iommu_group *generic_device_group(struct device *dev);
void generic_iommu_put_resv_regions(struct device *dev, struct list_head *list);

static struct iommu_domain *fx_domain_alloc(unsigned int type)
{
	return NULL;
}

static struct iommu_device *fx_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

static void fx_get_resv_regions(struct device *dev, struct list_head *head)
{
}

const struct iommu_ops fx_ops = {
	.domain_alloc		= fx_domain_alloc,
	.probe_device		= fx_probe_device,
	.device_group		= generic_device_group,
	.get_resv_regions	= fx_get_resv_regions,
	/* ok: ops-api */
	.put_resv_regions	= generic_iommu_put_resv_regions,
};
