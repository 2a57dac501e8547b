/*
 * release_device detaches the master from the hardware but never frees
 * the structure probe_device allocated and attached: one leak per
 * device unbind (or per deferred-probe retry).
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct rn_master {
	struct device *dev;
};

struct rn_mmu {
	struct iommu_device iommu;
};

static struct rn_mmu rn_inst;

void rn_detach(struct rn_master *master);

static struct iommu_device *rn_probe_device(struct device *dev)
{
	struct rn_master *master;

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	dev_iommu_priv_set(dev, master);
	return &rn_inst.iommu;
}

/* expect: probe-device-release */
static void rn_release_device(struct device *dev)
{
	struct rn_master *master = dev_iommu_priv_get(dev);

	rn_detach(master);
	dev_iommu_priv_set(dev, NULL);
}

const struct iommu_ops rn_ops = {
	.probe_device = rn_probe_device,
	.release_device = rn_release_device,
};
