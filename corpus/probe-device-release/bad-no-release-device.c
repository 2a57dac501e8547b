/*
 * probe_device attaches a kzalloc'ed structure but the ops table has no
 * release_device at all: nothing ever frees it.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct nr_master {
	struct device *dev;
};

struct nr_mmu {
	struct iommu_device iommu;
};

static struct nr_mmu nr_inst;

static struct iommu_device *nr_probe_device(struct device *dev)
{
	struct nr_master *master;

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	dev_iommu_priv_set(dev, master);
	return &nr_inst.iommu;
}

const struct iommu_ops nr_ops = {
	/* expect: probe-device-release */
	.probe_device = nr_probe_device,
};
