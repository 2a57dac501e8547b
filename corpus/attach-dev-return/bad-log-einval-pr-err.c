/* The same with pr_err and the code set up for a shared exit. */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/printk.h>

struct pe_domain {
	struct iommu_domain domain;
	unsigned int format;
};

unsigned int pe_hw_format(struct device *dev);

static int pe_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct pe_domain *pd = container_of(domain, struct pe_domain, domain);
	int ret = 0;

	if (pd->format != pe_hw_format(dev)) {
		ret = -EINVAL;
		/* expect: attach-dev-return */
		pr_err("page table format mismatch\n");
		goto out;
	}
out:
	return ret;
}

const struct iommu_ops pe_ops = {
	.attach_dev	= pe_attach_dev,
};
