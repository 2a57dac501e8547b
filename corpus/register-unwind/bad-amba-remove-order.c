/*
 * An AMBA driver with the undo steps of remove() in probe's order.
 */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

/* the amba bus, declared here (the project's headers model the platform bus only) */
struct amba_device {
	struct device dev;
	void *priv;
};

struct amba_driver {
	struct device_driver driver;
	int (*probe)(struct amba_device *d);
	void (*remove)(struct amba_device *d);
};

struct amba_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops amba_ops;

static int amba_probe(struct amba_device *d)
{
	struct amba_smmu *smmu = kzalloc(sizeof(*smmu), GFP_KERNEL);
	int ret;

	if (!smmu)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&smmu->iommu, &d->dev, NULL, "amba");
	if (ret)
		goto out_free;
	ret = iommu_device_register(&smmu->iommu, &amba_ops, &d->dev);
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

static void amba_remove(struct amba_device *d)
{
	struct amba_smmu *smmu = d->priv;

	/* expect: register-unwind */
	iommu_device_sysfs_remove(&smmu->iommu);
	iommu_device_unregister(&smmu->iommu);
	kfree(smmu);
}

struct amba_driver amba_driver = {
	.driver		= { .name = "amba-smmu" },
	.probe		= amba_probe,
	.remove		= amba_remove,
};
