/* The code is set up in a local and returned through the unwind label. */
#include <linux/iommu.h>
#include <linux/device.h>

int eio_hw_poll(struct device *dev);

static int eio_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	int ret = 0;

	if (eio_hw_poll(dev)) {
		/* expect: attach-dev-return */
		ret = -EIO;
		goto out;
	}
	domain->pgsize_bitmap = 0x1000;
out:
	return ret;
}

const struct iommu_ops eio_ops = {
	.attach_dev	= eio_attach_dev,
};
