/*
 * The per-device structure is made by of_xlate (the first "iommus" entry)
 * and only read by probe_device; probe_device allocates nothing.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct xo_owner {
	unsigned int nr;
};

struct xo_mmu {
	struct iommu_device iommu;
};

static struct xo_mmu xo_inst;

static int xo_of_xlate(struct device *dev, const struct of_phandle_args *args)
{
	struct xo_owner *owner = dev_iommu_priv_get(dev);

	(void)args;
	if (!owner) {
		owner = kzalloc(sizeof(*owner), GFP_KERNEL);
		if (!owner)
			return -ENOMEM;
		dev_iommu_priv_set(dev, owner);
	}
	owner->nr++;
	return 0;
}

/* ok: probe-device-release */
static struct iommu_device *xo_probe_device(struct device *dev)
{
	struct xo_owner *owner = dev_iommu_priv_get(dev);

	if (!owner)
		return ERR_PTR(-ENODEV);
	return &xo_inst.iommu;
}

const struct iommu_ops xo_ops = {
	.probe_device = xo_probe_device,
	.of_xlate = xo_of_xlate,
};
