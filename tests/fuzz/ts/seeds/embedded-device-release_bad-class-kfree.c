/*
 * The seed: the IOMMU instance embeds its struct device, and the class
 * release frees the pointer it is given - the middle of the instance.
 */
#include <linux/device.h>
#include <linux/list.h>
#include <linux/slab.h>

struct ck_iommu_device {
	struct list_head list;
	struct device dev;
};

static void ck_release_device(struct device *dev)
{
	/* expect: embedded-device-release */
	kfree(dev);
}

static struct class ck_class = {
	.name = "ck-iommu",
	.dev_release = ck_release_device,
};

int ck_sysfs_add(struct ck_iommu_device *iommu, struct device *parent)
{
	device_initialize(&iommu->dev);
	iommu->dev.class = &ck_class;
	iommu->dev.parent = parent;
	return device_add(&iommu->dev);
}
