/*
 * A misspelt rule id suppresses nothing, and a suppression that names no
 * rule at all is as useless: both are reported.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>

static struct iommu_group *ur_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

/* expect: suppression-reason, of-xlate-presence */
static const struct iommu_ops ur_ops = { /* iommu-lint: ignore of-xlate-presense -- not a DT driver */
	.device_group	= ur_device_group,
	.pgsize_bitmap	= 0x1000,
};

static const struct of_device_id ur_of_ids[] = {
	{ .compatible = "vendor,ur-iommu" },
	{ }
};

/* expect: suppression-reason */
const void *ur_tables[] = { &ur_ops, ur_of_ids }; /* iommu-lint: ignore -- both tables */
