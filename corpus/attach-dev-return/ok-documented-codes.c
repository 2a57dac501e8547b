/* Every code the attach_dev kernel-doc lists, each where it belongs. */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

struct dc_master {
	struct iommu_domain *cur;
	unsigned int streams;
	void *ste;
};

/* ok: attach-dev-return */
static int dc_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct dc_master *m = dev_iommu_priv_get(dev);

	if (!m)
		return -ENODEV;
	if (domain->type == IOMMU_DOMAIN_DMA && m->cur == domain)
		return -EBUSY;
	if (domain->type == IOMMU_DOMAIN_IDENTITY)
		return -EINVAL;
	if (m->streams > 64)
		return -ENOSPC;
	m->ste = kzalloc(64, GFP_KERNEL);
	if (!m->ste)
		return -ENOMEM;
	m->cur = domain;
	return 0;
}

const struct iommu_ops dc_ops = {
	.attach_dev	= dc_attach_dev,
};
