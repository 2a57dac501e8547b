/* The apple-dart/mtk shape: the cell count is validated first. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int chk_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	/* ok: of-xlate-presence */
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops chk_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= chk_of_xlate,
};

static const struct of_device_id chk_of_ids[] = {
	{ .compatible = "vendor,chk-iommu" },
	{ }
};

const void *chk_tables[] = { &chk_ops, chk_of_ids };
