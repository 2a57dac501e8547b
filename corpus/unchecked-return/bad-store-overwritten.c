/* The register result is stored, then overwritten by the next call. */
#include <linux/iommu.h>

struct so_iommu {
	struct iommu_device iommu;
	struct device *dev;
};

static const struct iommu_ops so_ops;

static int so_enable(struct so_iommu *so)
{
	return so->dev ? 0 : -ENODEV;
}

int so_register(struct so_iommu *so)
{
	int ret;

	/* expect: unchecked-return */
	ret = iommu_device_register(&so->iommu, &so_ops, so->dev);
	ret = so_enable(so);
	return ret;
}
