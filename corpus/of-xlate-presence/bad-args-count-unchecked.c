/*
 * The sun50i/tegra shape: the stream id is read from the first phandle cell
 * without looking at how many cells the device tree gave.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int cnt_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	/* expect: of-xlate-presence */
	unsigned int id = args->args[0];

	return iommu_fwspec_add_ids(dev, &id, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops cnt_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= cnt_of_xlate,
};

static const struct of_device_id cnt_of_ids[] = {
	{ .compatible = "vendor,cnt-iommu" },
	{ }
};

const void *cnt_tables[] = { &cnt_ops, cnt_of_ids };
