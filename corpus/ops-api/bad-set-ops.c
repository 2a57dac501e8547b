/* Pre-5.13 registration sequence on a newer tree. */
#include <linux/iommu.h>

struct so_iommu {
	struct iommu_device iommu;
	struct fwnode_handle *fwnode;
};

static const struct iommu_ops so_ops;

int so_register(struct so_iommu *so, struct device *dev)
{
	/* expect: ops-api */
	iommu_device_set_ops(&so->iommu, &so_ops);
	/* expect: ops-api */
	iommu_device_set_fwnode(&so->iommu, so->fwnode);
	return iommu_device_register(&so->iommu, &so_ops, dev);
}
