/*
 * The allocation comes first, the "is this device ours" test after it:
 * the -ENODEV exit forgets the structure (nothing was attached yet).
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct ca_master {
	struct device *dev;
};

struct ca_mmu {
	struct iommu_device iommu;
};

static struct ca_mmu ca_inst;

bool ca_owns(struct device *dev);

static struct iommu_device *ca_probe_device(struct device *dev)
{
	/* expect: probe-device-release */
	struct ca_master *master = kzalloc(sizeof(*master), GFP_KERNEL);

	if (!master)
		return ERR_PTR(-ENOMEM);
	if (!ca_owns(dev))
		return ERR_PTR(-ENODEV);
	master->dev = dev;
	dev_iommu_priv_set(dev, master);
	return &ca_inst.iommu;
}

static void ca_release_device(struct device *dev)
{
	struct ca_master *master = dev_iommu_priv_get(dev);

	dev_iommu_priv_set(dev, NULL);
	kfree(master);
}

const struct iommu_ops ca_ops = {
	.probe_device = ca_probe_device,
	.release_device = ca_release_device,
};
