/*
 * A device-tree driver whose ops table never got an .of_xlate: masters
 * listing this IOMMU in "iommus" are never translated.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>

static struct iommu_group *miss_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

/* expect: of-xlate-presence */
static const struct iommu_ops miss_ops = {
	.device_group	= miss_device_group,
	.pgsize_bitmap	= 0x1000 | 0x200000,
};

static const struct of_device_id miss_of_ids[] = {
	{ .compatible = "vendor,miss-iommu-v1" },
	{ .compatible = "vendor,miss-iommu-v2" },
	{ }
};

const void *miss_tables[] = { &miss_ops, miss_of_ids };
