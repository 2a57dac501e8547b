/*
 * As ok-whole-table-conditional.c, built with the conditional on: the field
 * is at the same #if depth as its ops table.
 * flags: -DCONFIG_WHOLE_IOMMU
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#ifdef CONFIG_WHOLE_IOMMU
static int wen_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops wen_ops = {
	.device_group	= generic_device_group,
	/* ok: of-xlate-presence */
	.of_xlate	= wen_of_xlate,
};

static const struct of_device_id wen_of_ids[] = {
	{ .compatible = "vendor,wen-iommu" },
	{ }
};

const void *wen_tables[] = { &wen_ops, wen_of_ids };
#endif
