/* The returned local starts as -EOPNOTSUPP and stays so for unknown types. */
#include <linux/iommu.h>
#include <linux/device.h>

static int dcl_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	/* expect: attach-dev-return */
	int ret = -EOPNOTSUPP;

	if (domain->type == IOMMU_DOMAIN_UNMANAGED)
		ret = 0;
	return ret;
}

const struct iommu_ops dcl_ops = {
	.attach_dev	= dcl_attach_dev,
};
