/*
 * The incompatible-domain answer logs an error: callers that probe
 * whether an existing domain can be reused fill the log.
 */
#include <linux/iommu.h>
#include <linux/device.h>

struct lg_domain {
	struct iommu_domain domain;
	struct device *owner;
};

static int lg_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct lg_domain *ld = container_of(domain, struct lg_domain, domain);

	if (ld->owner && ld->owner != dev->parent) {
		/* expect: attach-dev-return */
		dev_err(dev, "domain belongs to another IOMMU\n");
		return -EINVAL;
	}
	ld->owner = dev->parent;
	return 0;
}

const struct iommu_ops lg_ops = {
	.attach_dev	= lg_attach_dev,
};
