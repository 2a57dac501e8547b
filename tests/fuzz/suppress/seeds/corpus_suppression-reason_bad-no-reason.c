/*
 * A suppression without a reason: it hides nothing, so the finding it
 * meant to hide is reported next to the suppression-reason one.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>

static struct iommu_group *nr_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

/* expect: suppression-reason, of-xlate-presence */
static const struct iommu_ops nr_ops = { /* iommu-lint: ignore of-xlate-presence */
	.device_group	= nr_device_group,
	.pgsize_bitmap	= 0x1000,
};

static const struct of_device_id nr_of_ids[] = {
	{ .compatible = "vendor,nr-iommu" },
	{ }
};

const void *nr_tables[] = { &nr_ops, nr_of_ids };
