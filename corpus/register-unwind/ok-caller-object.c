/*
 * The AMD shape: the object comes from the caller, whose failure path
 * tears it down (free_sysfs-style), so this function's early failure
 * return is not the place to undo.
 */
#include <linux/iommu.h>

struct co_iommu {
	struct iommu_device iommu;
	struct device *dev;
	int index;
	bool ppr;
};

extern const struct iommu_ops co_ops;
int co_iopf_init(struct co_iommu *iommu);

int co_init_one(struct co_iommu *iommu);
int co_init_one(struct co_iommu *iommu)
{
	int ret;

	ret = iommu_device_sysfs_add(&iommu->iommu, iommu->dev, NULL, "co%d", iommu->index);
	if (ret)
		return ret;

	if (iommu->ppr) {
		ret = co_iopf_init(iommu);
		if (ret)
			/* ok: register-unwind */
			return ret;
	}

	return iommu_device_register(&iommu->iommu, &co_ops, NULL);
}
