/* 5.13+ registration: ops and fwnode go through iommu_device_register. */
#include <linux/iommu.h>

struct rn_iommu {
	struct iommu_device iommu;
};

static const struct iommu_ops rn_ops;

int rn_register(struct rn_iommu *rn, struct device *dev)
{
	/* ok: ops-api */
	return iommu_device_register(&rn->iommu, &rn_ops, dev);
}
