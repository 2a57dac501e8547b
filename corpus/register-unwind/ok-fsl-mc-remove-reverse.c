/*
 * An fsl-mc bus driver: remove() undoes both steps in the reverse of probe's order:
 * iommu_device_unregister(), then iommu_device_sysfs_remove().
 */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

/* the fsl-mc bus, declared here (the project's headers model the platform bus only) */
struct fsl_mc_device {
	struct device dev;
	void *drvdata;
};

struct fsl_mc_driver {
	struct device_driver driver;
	int (*probe)(struct fsl_mc_device *mc);
	void (*remove)(struct fsl_mc_device *mc);
};

struct mc_iommu {
	struct iommu_device iommu;
	int id;
};

extern const struct iommu_ops mc_iommu_ops;

static int mc_iommu_probe(struct fsl_mc_device *mc)
{
	struct mc_iommu *mi;
	int err;

	mi = kzalloc(sizeof(*mi), GFP_KERNEL);
	if (!mi)
		return -ENOMEM;
	err = iommu_device_sysfs_add(&mi->iommu, &mc->dev, NULL, "mc-iommu.%d", mi->id);
	if (err)
		goto err_free;
	err = iommu_device_register(&mi->iommu, &mc_iommu_ops, &mc->dev);
	if (err)
		goto err_sysfs;
	mc->drvdata = mi;
	return 0;

err_sysfs:
	iommu_device_sysfs_remove(&mi->iommu);
err_free:
	kfree(mi);
	return err;
}

/* ok: register-unwind */
static void mc_iommu_remove(struct fsl_mc_device *mc)
{
	struct mc_iommu *mi = mc->drvdata;

	iommu_device_unregister(&mi->iommu);
	iommu_device_sysfs_remove(&mi->iommu);
	kfree(mi);
}

static struct fsl_mc_driver mc_iommu_driver = {
	.driver	= { .name = "mc-iommu" },
	.probe	= mc_iommu_probe,
	.remove	= mc_iommu_remove,
};
