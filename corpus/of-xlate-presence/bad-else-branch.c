/* .of_xlate in the #else of a switch the of_device_id table does not share. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define CONFIG_ELS_LEGACY 1

static int els_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops els_ops = {
#ifdef CONFIG_ELS_LEGACY
	.device_group	= generic_device_group,
#else
	/* expect: of-xlate-presence */
	.of_xlate	= els_of_xlate,
#endif
};

static const struct of_device_id els_of_ids[] = {
	{ .compatible = "vendor,els-iommu" },
	{ }
};

const void *els_tables[] = { &els_ops, els_of_ids, els_of_xlate };
