/*
 * The whole driver half sits under one config conditional: the field is not
 * hidden relative to its table, so there is no configuration with a table
 * but without .of_xlate.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#ifdef CONFIG_WHOLE_IOMMU
static int whole_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops whole_ops = {
	.device_group	= generic_device_group,
	/* ok: of-xlate-presence */
	.of_xlate	= whole_of_xlate,
};

static const struct of_device_id whole_of_ids[] = {
	{ .compatible = "vendor,whole-iommu" },
	{ }
};

const void *whole_tables[] = { &whole_ops, whole_of_ids };
#endif
