/*
 * The 6.x shape: attach_dev lives in struct iommu_domain_ops (declared
 * here, with the kernel-doc the tree's header carries since 6.2).
 */
#include <linux/types.h>
#include <linux/errno.h>

struct device;
struct iommu_domain;

/**
 * struct iommu_domain_ops - domain specific operations
 * @attach_dev: attach an iommu domain to a device
 *  Return:
 * * 0		- success
 * * EINVAL	- can indicate that device and domain are incompatible
 * * ENOMEM	- out of memory
 * * ENOSPC	- non-ENOMEM type of resource allocation failures
 * * EBUSY	- device is attached to a domain and cannot be changed
 * * ENODEV	- device specific errors, not able to be attached
 * * <others>	- treated as ENODEV by the caller. Use is discouraged
 * @free: free the domain
 */
struct iommu_domain_ops {
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	void (*free)(struct iommu_domain *domain);
};

int dops_wait_idle(struct device *dev);

static int dops_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	if (dops_wait_idle(dev))
		/* expect: attach-dev-return */
		return -ETIMEDOUT;
	return 0;
}

const struct iommu_domain_ops dops_domain_ops = {
	.attach_dev	= dops_attach_dev,
};
