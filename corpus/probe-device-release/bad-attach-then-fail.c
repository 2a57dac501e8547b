/*
 * The per-device structure is hung on the device, then a later step
 * fails and the callback returns the error: the core does not call
 * release_device for a failed probe, so the structure leaks.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct af_master {
	struct device *dev;
};

struct af_mmu {
	struct iommu_device iommu;
};

static struct af_mmu af_inst;

int af_insert_master(struct af_master *master);

static struct iommu_device *af_probe_device(struct device *dev)
{
	struct af_master *master;
	int ret;

	/* expect: probe-device-release */
	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	dev_iommu_priv_set(dev, master);

	ret = af_insert_master(master);
	if (ret)
		return ERR_PTR(ret);
	return &af_inst.iommu;
}

static void af_release_device(struct device *dev)
{
	kfree(dev_iommu_priv_get(dev));
}

const struct iommu_ops af_ops = {
	.probe_device = af_probe_device,
	.release_device = af_release_device,
};
