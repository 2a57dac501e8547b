/*
 * A devm allocation belongs to devres (freed when the IOMMU unbinds):
 * nothing for probe_device's failure paths or release_device to free.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>
#include <linux/device.h>

struct dv_master {
	struct device *dev;
};

struct dv_mmu {
	struct iommu_device iommu;
	struct device *dev;
};

static struct dv_mmu dv_inst;

int dv_check(struct device *dev);

static struct iommu_device *dv_probe_device(struct device *dev)
{
	struct dv_master *master;

	master = devm_kzalloc(dv_inst.dev, sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	if (dv_check(dev))
		return ERR_PTR(-ENODEV);
	dev_iommu_priv_set(dev, master);
	return &dv_inst.iommu;
}

const struct iommu_ops dv_ops = {
	/* ok: probe-device-release */
	.probe_device = dv_probe_device,
};
