/*
 * A permission check answered with -EPERM: not in the list the attach_dev
 * kernel-doc gives, so the core sees an undocumented code (6.2+).
 */
#include <linux/iommu.h>
#include <linux/device.h>

struct ep_master {
	bool secure;
};

static int ep_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct ep_master *m = dev_iommu_priv_get(dev);

	if (!m)
		return -ENODEV;
	if (m->secure)
		/* expect: attach-dev-return */
		return -EPERM;
	return 0;
}

const struct iommu_ops ep_ops = {
	.attach_dev	= ep_attach_dev,
};
