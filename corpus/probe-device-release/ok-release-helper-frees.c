/* release_device frees the structure through a helper of its own. */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct rh_master {
	struct device *dev;
};

struct rh_mmu {
	struct iommu_device iommu;
};

static struct rh_mmu rh_inst;

static struct iommu_device *rh_probe_device(struct device *dev)
{
	struct rh_master *master;

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	dev_iommu_priv_set(dev, master);
	return &rh_inst.iommu;
}

static void rh_free_master(struct rh_master *master)
{
	kfree(master);
}

/* ok: probe-device-release */
static void rh_release_device(struct device *dev)
{
	rh_free_master(dev_iommu_priv_get(dev));
}

const struct iommu_ops rh_ops = {
	.probe_device = rh_probe_device,
	.release_device = rh_release_device,
};
