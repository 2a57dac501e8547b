/*
 * The arm-smmu-v3 shape: probe refuses an IOMMU node whose #iommu-cells is
 * not 1, so of_xlate never sees fewer cells and need not look at
 * args_count.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/platform_device.h>

static int vic_probe(struct platform_device *pdev)
{
	u32 cells;

	if (of_property_read_u32(pdev->dev.of_node, "#iommu-cells", &cells) || cells != 1)
		return -ENODEV;
	return 0;
}

static int vic_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	/* ok: of-xlate-presence */
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops vic_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= vic_of_xlate,
};

static const struct of_device_id vic_of_ids[] = {
	{ .compatible = "vendor,vic-iommu" },
	{ }
};

const void *vic_tables[] = { &vic_ops, vic_of_ids, vic_probe };
