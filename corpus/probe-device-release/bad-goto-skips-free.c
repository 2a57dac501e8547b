/*
 * Two unwind labels; the stream-ID check jumps to the one below the
 * kfree(), so that failure path returns with the structure allocated.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct gs_master {
	unsigned int sid;
};

struct gs_mmu {
	struct iommu_device iommu;
	unsigned int num_sids;
};

static struct gs_mmu gs_inst;

int gs_rpm_get(void);

static struct iommu_device *gs_probe_device(struct device *dev)
{
	struct gs_master *master;
	int ret;

	/* expect: probe-device-release */
	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	dev_iommu_priv_set(dev, master);

	ret = gs_rpm_get();
	if (ret < 0)
		goto out_free;
	if (master->sid >= gs_inst.num_sids) {
		ret = -EINVAL;
		goto out;
	}
	return &gs_inst.iommu;

out_free:
	kfree(master);
out:
	return ERR_PTR(ret);
}

static void gs_release_device(struct device *dev)
{
	struct gs_master *master = dev_iommu_priv_get(dev);

	kfree(master);
}

const struct iommu_ops gs_ops = {
	.probe_device = gs_probe_device,
	.release_device = gs_release_device,
};
