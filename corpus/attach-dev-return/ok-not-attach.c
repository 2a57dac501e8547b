/* Other callbacks and helpers may return and log what they like. */
#include <linux/iommu.h>
#include <linux/device.h>

int na_hw(struct device *dev);

/* ok: attach-dev-return */
static int na_def_domain_type(struct device *dev)
{
	if (na_hw(dev)) {
		dev_err(dev, "no identity support\n");
		return -EINVAL;
	}
	return -EPERM;
}

/* ok: attach-dev-return */
static int na_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	return na_hw(dev) ? -ENODEV : 0;
}

const struct iommu_ops na_ops = {
	.attach_dev	= na_attach_dev,
	.def_domain_type = na_def_domain_type,
};
