/* Logging is fine for a failure that is not the -EINVAL answer. */
#include <linux/iommu.h>
#include <linux/device.h>

int lo_program_hw(struct device *dev);

/* ok: attach-dev-return */
static int lo_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	if (!domain)
		return -EINVAL;
	if (lo_program_hw(dev)) {
		dev_err(dev, "cannot program the stream table\n");
		return -ENODEV;
	}
	return 0;
}

const struct iommu_ops lo_ops = {
	.attach_dev	= lo_attach_dev,
};
