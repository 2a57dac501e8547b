/* The incompatible-domain answer logs at debug level only. */
#include <linux/iommu.h>
#include <linux/device.h>

struct qt_domain {
	struct iommu_domain domain;
	struct device *owner;
};

/* ok: attach-dev-return */
static int qt_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct qt_domain *qd = container_of(domain, struct qt_domain, domain);

	if (qd->owner && qd->owner != dev->parent) {
		dev_dbg(dev, "domain belongs to another IOMMU\n");
		return -EINVAL;
	}
	qd->owner = dev->parent;
	return 0;
}

const struct iommu_ops qt_ops = {
	.attach_dev	= qt_attach_dev,
};
