/* Every failure after the allocation goes through the label that frees it. */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct uf_master {
	struct device *dev;
};

struct uf_mmu {
	struct iommu_device iommu;
};

static struct uf_mmu uf_inst;

int uf_insert_master(struct uf_master *master);
int uf_enable(struct uf_master *master);

static struct iommu_device *uf_probe_device(struct device *dev)
{
	struct uf_master *master;
	int ret;

	/* ok: probe-device-release */
	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	dev_iommu_priv_set(dev, master);

	ret = uf_insert_master(master);
	if (ret)
		goto err_free_master;
	ret = uf_enable(master);
	if (ret)
		goto err_free_master;
	return &uf_inst.iommu;

err_free_master:
	dev_iommu_priv_set(dev, NULL);
	kfree(master);
	return ERR_PTR(ret);
}

/* ok: probe-device-release */
static void uf_release_device(struct device *dev)
{
	struct uf_master *master = dev_iommu_priv_get(dev);

	kfree(master);
}

const struct iommu_ops uf_ops = {
	.probe_device = uf_probe_device,
	.release_device = uf_release_device,
};
