/*
 * The void-returning remove callback of 6.3 .. 6.10 (.remove_new) is the
 * same contract as .remove: here it never unregisters the IOMMU.
 */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

/* a bus driver with both callbacks, declared here */
struct rn_device {
	struct device dev;
	void *priv;
};

struct rn_driver {
	struct device_driver driver;
	int (*probe)(struct rn_device *d);
	int (*remove)(struct rn_device *d);
	void (*remove_new)(struct rn_device *d);
};

struct rn_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops rn_ops;

static int rn_probe(struct rn_device *d)
{
	struct rn_smmu *smmu = kzalloc(sizeof(*smmu), GFP_KERNEL);
	int ret;

	if (!smmu)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&smmu->iommu, &d->dev, NULL, "rn");
	if (ret)
		goto out_free;
	ret = iommu_device_register(&smmu->iommu, &rn_ops, &d->dev);
	if (ret)
		goto out_sysfs;
	d->priv = smmu;
	return 0;

out_sysfs:
	iommu_device_sysfs_remove(&smmu->iommu);
out_free:
	kfree(smmu);
	return ret;
}

/* expect: register-unwind */
static void rn_remove(struct rn_device *d)
{
	struct rn_smmu *smmu = d->priv;

	iommu_device_sysfs_remove(&smmu->iommu);
	kfree(smmu);
}

static struct rn_driver rn_driver = {
	.driver		= { .name = "rn-smmu" },
	.probe		= rn_probe,
	.remove_new	= rn_remove,
};
