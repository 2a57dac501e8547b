/*
 * A virtio driver (the virtio-iommu shape): remove() undoes sysfs before unregistering, the order probe made them; the contract is the bus's, not the platform bus's.
 */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

/* the virtio bus, declared here (the project's headers model the platform bus only) */
struct virtio_device {
	struct device dev;
	void *priv;
};

struct virtio_driver {
	struct device_driver driver;
	int (*probe)(struct virtio_device *d);
	void (*remove)(struct virtio_device *d);
};

struct virtio_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops virtio_ops;

static int virtio_probe(struct virtio_device *d)
{
	struct virtio_smmu *smmu = kzalloc(sizeof(*smmu), GFP_KERNEL);
	int ret;

	if (!smmu)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&smmu->iommu, &d->dev, NULL, "virtio");
	if (ret)
		goto out_free;
	ret = iommu_device_register(&smmu->iommu, &virtio_ops, &d->dev);
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

static void virtio_remove(struct virtio_device *d)
{
	struct virtio_smmu *smmu = d->priv;

	/* expect: register-unwind */
	iommu_device_sysfs_remove(&smmu->iommu);
	iommu_device_unregister(&smmu->iommu);
	kfree(smmu);
}

struct virtio_driver virtio_driver = {
	.driver		= { .name = "virtio-smmu" },
	.probe		= virtio_probe,
	.remove		= virtio_remove,
};
