/*
 * The fixed seed: the instance holds a pointer to a separately
 * allocated device, and the class release frees exactly that.
 */
#include <linux/device.h>
#include <linux/slab.h>

struct pd_iommu_device {
	struct device *dev;
};

static void pd_release_device(struct device *dev)
{
	/* ok: embedded-device-release */
	kfree(dev);
}

static struct class pd_class = {
	.name = "pd-iommu",
	.dev_release = pd_release_device,
};

int pd_sysfs_add(struct pd_iommu_device *iommu, struct device *parent)
{
	int ret;

	iommu->dev = kzalloc(sizeof(*iommu->dev), GFP_KERNEL);
	if (!iommu->dev)
		return -ENOMEM;
	device_initialize(iommu->dev);
	iommu->dev->class = &pd_class;
	iommu->dev->parent = parent;
	ret = device_add(iommu->dev);
	if (ret)
		goto out_put;
	return 0;

out_put:
	put_device(iommu->dev);
	return ret;
}
