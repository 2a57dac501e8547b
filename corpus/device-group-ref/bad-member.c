/* One group per IOMMU instance, handed out as is to every master. */
#include <linux/iommu.h>

struct mb_iommu {
	struct iommu_group *group;
};

static struct mb_iommu *mb_from_dev(struct device *dev)
{
	return dev_iommu_priv_get(dev);
}

static struct iommu_group *mb_device_group(struct device *dev)
{
	struct mb_iommu *mmu = mb_from_dev(dev);

	/* expect: device-group-ref */
	return mmu->group;
}

const struct iommu_ops mb_ops = {
	.device_group = mb_device_group,
};
