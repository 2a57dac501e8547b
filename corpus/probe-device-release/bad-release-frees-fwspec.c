/*
 * release_device frees the fwspec: the core frees it itself after
 * release_device returns (dev_iommu_free()), and reads it until then.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct rf_mmu {
	struct iommu_device iommu;
};

static struct rf_mmu rf_inst;

static struct iommu_device *rf_probe_device(struct device *dev)
{
	if (!dev_iommu_fwspec_get(dev))
		return ERR_PTR(-ENODEV);
	return &rf_inst.iommu;
}

static void rf_release_device(struct device *dev)
{
	/* expect: probe-device-release */
	iommu_fwspec_free(dev);
}

const struct iommu_ops rf_ops = {
	.probe_device = rf_probe_device,
	.release_device = rf_release_device,
};
