/*
 * Suppressions with a rule id and a reason: trailing on the line of the
 * finding, or alone on the line before it.  A marker inside a string
 * literal is not a suppression.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>

static struct iommu_group *wr_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

/* ok: suppression-reason, of-xlate-presence */
static const struct iommu_ops wr_ops = { /* iommu-lint: ignore of-xlate-presence -- translation is set up by firmware tables */
	.device_group	= wr_device_group,
	.pgsize_bitmap	= 0x1000,
};

/* ok: suppression-reason, of-xlate-presence */
/*
 * iommu-lint: ignore of-xlate-presence -- the second instance shares the
 *   firmware set-up of the first
 */
static const struct iommu_ops wr_ops2 = {
	.device_group	= wr_device_group,
	.pgsize_bitmap	= 0x1000,
};

static const struct of_device_id wr_of_ids[] = {
	{ .compatible = "vendor,wr-iommu" },
	{ }
};

/* ok: suppression-reason */
const char *wr_note = "/* iommu-lint: ignore nothing */";

const void *wr_tables[] = { &wr_ops, &wr_ops2, wr_of_ids };
