/*
 * Same shape as the mtk_iommu.c randconfig failure, built with
 * CONFIG_OF_IOMMU set: the field compiles here, but the #ifdef still makes
 * other configurations lose it.
 * flags: -DCONFIG_OF_IOMMU
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int act_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops act_ops = {
	.device_group	= generic_device_group,
#ifdef CONFIG_OF_IOMMU
	/* expect: of-xlate-presence */
	.of_xlate	= act_of_xlate,
#endif
};

static const struct of_device_id act_of_ids[] = {
	{ .compatible = "vendor,act-iommu" },
	{ }
};

const void *act_tables[] = { &act_ops, act_of_ids };
