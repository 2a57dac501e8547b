/* A local the callback does not return may hold any code. */
#include <linux/iommu.h>
#include <linux/device.h>

int ra_try(struct device *dev);

/* ok: attach-dev-return */
static int ra_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	int err = -EAGAIN;
	int tries;

	for (tries = 0; tries < 3 && err == -EAGAIN; tries++)
		err = ra_try(dev);
	if (err)
		return -ENODEV;
	return 0;
}

const struct iommu_ops ra_ops = {
	.attach_dev	= ra_attach_dev,
};
