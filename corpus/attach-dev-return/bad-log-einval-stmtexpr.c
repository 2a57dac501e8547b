/*
 * The incompatible-domain answer logs an error through a logger that
 * expands to a statement expression, as the kernel's dev_err does with
 * CONFIG_PRINTK_INDEX: still a log on the -EINVAL path (omap-iommu's
 * "iommu domain is already attached", missed in clang mode until the
 * logger was recognised by its macro).
 */
#include <linux/iommu.h>
#include <linux/device.h>

#undef dev_err
#define dev_err(dev, fmt, ...) ({ _dev_err(dev, fmt, ##__VA_ARGS__); })

struct sx_domain {
	struct iommu_domain domain;
	struct device *dev;
};

static int sx_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct sx_domain *sd = container_of(domain, struct sx_domain, domain);
	int ret = 0;

	if (sd->dev) {
		/* expect: attach-dev-return */
		dev_err(dev, "domain is already attached\n");
		ret = -EINVAL;
		goto out;
	}
	sd->dev = dev;
out:
	return ret;
}

const struct iommu_ops sx_ops = {
	.attach_dev	= sx_attach_dev,
};
