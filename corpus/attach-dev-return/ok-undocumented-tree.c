/*
 * A tree before 6.2: its iommu.h (declared here) does not document the
 * return values of attach_dev, so there is no list to hold the driver to.
 */
#include <linux/types.h>
#include <linux/errno.h>

struct device;
struct iommu_domain;

/**
 * struct iommu_ops - per-bus IOMMU operations
 * @attach_dev: attach device to an iommu domain
 * @detach_dev: detach device from an iommu domain
 */
struct iommu_ops {
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	void (*detach_dev)(struct iommu_domain *domain, struct device *dev);
};

int ud_check(struct device *dev);

/* ok: attach-dev-return */
static int ud_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	if (ud_check(dev))
		return -EPERM;
	return 0;
}

const struct iommu_ops ud_ops = {
	.attach_dev	= ud_attach_dev,
};
