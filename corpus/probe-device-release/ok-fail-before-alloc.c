/*
 * Every failing test comes before the allocation; after it the callback
 * only succeeds.  The per-device data lives in the fwspec'd device until
 * release_device, which frees it and leaves the fwspec to the core.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct fb_master {
	struct device *dev;
	unsigned int sid;
};

struct fb_mmu {
	struct iommu_device iommu;
	unsigned int num_sids;
};

static struct fb_mmu fb_inst;

static struct iommu_device *fb_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct fb_master *master;

	if (!fwspec || !fwspec->num_ids)
		return ERR_PTR(-ENODEV);
	if (fwspec->ids[0] >= fb_inst.num_sids)
		return ERR_PTR(-EINVAL);

	/* ok: probe-device-release */
	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	master->sid = fwspec->ids[0];
	dev_iommu_priv_set(dev, master);
	return &fb_inst.iommu;
}

/* ok: probe-device-release */
static void fb_release_device(struct device *dev)
{
	struct fb_master *master = dev_iommu_priv_get(dev);

	dev_iommu_priv_set(dev, NULL);
	kfree(master);
}

const struct iommu_ops fb_ops = {
	.probe_device = fb_probe_device,
	.release_device = fb_release_device,
};
